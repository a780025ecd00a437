package model

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseSpans(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"3:9", "3:9", true},
		{" 3 : 9 ,10:12", "3:9,10:12", true},
		{"", "", true},
		{"3-9", "", false},
		{"3:", "", false},
		{"a:b", "", false},
	} {
		got, err := ParseSpans(c.in)
		if (err == nil) != c.ok || (c.ok && FormatSpans(got) != c.want) {
			t.Errorf("ParseSpans(%q) = %v, %v", c.in, got, err)
		}
	}
}

func FuzzParseSpans(f *testing.F) {
	for _, s := range []string{"3:9", "1:2,3:4", "", ":", "-1:5", "9999999999999999999:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spans, err := ParseSpans(s)
		if err != nil {
			return
		}
		again, err := ParseSpans(FormatSpans(spans))
		if err != nil || FormatSpans(again) != FormatSpans(spans) {
			t.Fatalf("%q: %v does not survive a round trip: %v %v", s, spans, again, err)
		}
	})
}

func TestParseRegions(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    []Region
		wantErr string
	}{
		{"", nil, ""},
		{"1:10,20,30,40", []Region{{1, 10, 20, 30, 40}}, ""},
		{" 2 : 0, 0 ,5,6 ;1:1,1,1,1", []Region{{2, 0, 0, 5, 6}, {1, 1, 1, 1, 1}}, ""},
		{"0:1,1,1,1", nil, "pages count from 1"},
		{"1:-1,0,5,5", nil, "top left corner"},
		{"1:0,0,0,5", nil, "above zero"},
		{"1:0,0,5", nil, "want PAGE:X,Y,W,H"},
		{"10,20,30,40", nil, "want PAGE:X,Y,W,H"},
		{"1:a,0,5,5", nil, `"a" is not a whole number`},
	} {
		got, err := ParseRegions(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: %v %v, want %v", tt.in, got, err, tt.want)
		}
		if back, err := ParseRegions(FormatRegions(got)); err != nil || !reflect.DeepEqual(back, got) {
			t.Errorf("%q: written and read back %v %v", tt.in, back, err)
		}
	}
}

func FuzzParseRegions(f *testing.F) {
	f.Add("1:10,20,30,40;2:0,0,1,1")
	f.Add("1:,,,")
	f.Fuzz(func(t *testing.T, s string) {
		rs, err := ParseRegions(s)
		if err != nil {
			return
		}
		back, err := ParseRegions(FormatRegions(rs))
		if err != nil || !reflect.DeepEqual(back, rs) {
			t.Fatalf("%q: %v, written and read back %v %v", s, rs, back, err)
		}
	})
}
