package model

import "testing"

func TestParseConsent(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		err      bool
	}{
		{"", "", false},
		{"none", "", false},
		{"court", "court", false},
		{"publication, court", "court,publication", false},
		{"court,partners:ICIJ,contact", "court,partners:ICIJ,contact", false},
		{"partners:b|a,partners:a", "partners:a|b", false},
		{"partners:Syrian Archive|CIJA,publication", "partners:CIJA|Syrian Archive,publication", false},
		{"partners", "", true},
		{"partners:", "", true},
		{"court:yes", "", true},
		{"press", "", true},
		{"partners:a\nb", "", true},
	} {
		c, err := ParseConsent(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("%q: error %v", tt.in, err)
			continue
		}
		if err == nil && c.String() != tt.want {
			t.Errorf("%q: %q, want %q", tt.in, c.String(), tt.want)
		}
		if err == nil {
			again, err := ParseConsent(c.String())
			if err != nil || again.String() != c.String() {
				t.Errorf("%q does not read back: %q %v", c.String(), again.String(), err)
			}
		}
	}
	c, _ := ParseConsent("court,partners:CIJA")
	for _, tt := range []struct {
		u       Use
		partner string
		want    bool
	}{{UseCourt, "", true}, {UsePublication, "", false}, {UseContact, "", false}, {UsePartners, "CIJA", true}, {UsePartners, "ICIJ", false}, {UsePartners, "", false}} {
		if c.Allows(tt.u, tt.partner) != tt.want {
			t.Errorf("Allows(%s, %q) = %v", tt.u, tt.partner, !tt.want)
		}
	}
	if (Consent{}).Allows(UseCourt, "") {
		t.Error("no consent allows court")
	}
}

func FuzzParseConsent(f *testing.F) {
	for _, s := range []string{"court,partners:A|B,publication,contact", "none", "partners:", ",,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseConsent(s)
		if err != nil {
			return
		}
		again, err := ParseConsent(c.String())
		if err != nil || again.String() != c.String() {
			t.Fatalf("%q → %q does not read back: %v", s, c.String(), err)
		}
	})
}
