package main

import (
	"os"
	"testing"
	"time"
)

func TestParseProcCPU(t *testing.T) {
	for _, c := range []struct {
		name, stat string
		want       time.Duration
		bad        bool
	}{
		{"plain", "4242 (athar) S 1 4242 4242 0 -1 4194560 1523 0 0 0 157 23 0 0 20 0 9 0 123 0 0", 1800 * time.Millisecond, false},
		{"spaces and parentheses in the name", "7 (a (b) c) R 1 7 7 0 -1 0 0 0 0 0 5 0 0 0 20 0 1 0 1 0 0", 50 * time.Millisecond, false},
		{"no name", "4242 athar S 1", 0, true},
		{"cut short", "4242 (athar) S 1 4242", 0, true},
		{"not a number", "4242 (athar) S 1 4242 4242 0 -1 4194560 1523 0 0 0 x 23 0", 0, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := parseProcCPU(c.stat)
			if c.bad {
				if err == nil {
					t.Fatalf("parseProcCPU(%q) = %v, want an error", c.stat, got)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("parseProcCPU(%q) = %v, %v; want %v", c.stat, got, err, c.want)
			}
		})
	}
	// this process, read for real: some CPU time, and never less later
	a, err := processCPU(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1e7; i++ {
		_ = i * i
	}
	b, err := processCPU(os.Getpid())
	if err != nil || b < a {
		t.Fatalf("CPU time went from %v to %v (%v)", a, b, err)
	}
	if d, err := processCPU(0); d != 0 || err != nil {
		t.Fatalf("processCPU(0) = %v, %v; want 0", d, err)
	}
}

func TestGivenPages(t *testing.T) {
	for _, c := range []struct {
		flag string
		kind string
		bad  bool
	}{
		{"hub page=/entities/abc", "hub page", false},
		{"api hub=/api/v1/entities/abc?limit=5", "api hub", false},
		{"/entities/abc", "", true},
		{"=/entities/abc", "", true},
		{"hub=entities/abc", "", true},
	} {
		got, err := givenPages([]string{c.flag}, 3)
		if c.bad {
			if err == nil {
				t.Errorf("--path %q: %v, want an error", c.flag, got)
			}
			continue
		}
		if err != nil || len(got) != 1 || got[0].kind != c.kind || len(got[0].paths) != 3 {
			t.Errorf("--path %q: %+v, %v", c.flag, got, err)
		}
	}
}
