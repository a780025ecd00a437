package model

import "testing"

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
