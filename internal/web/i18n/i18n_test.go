package i18n

import (
	"regexp"
	"strings"
	"testing"
)

var verbs = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

// Every key is in both languages, non-empty, with the same format verbs.
func TestCatalogueParity(t *testing.T) {
	en, ar := Keys(English), Keys(Arabic)
	for _, k := range en {
		if !Has(Arabic, k) {
			t.Errorf("%q has no Arabic", k)
		}
	}
	for _, k := range ar {
		if !Has(English, k) {
			t.Errorf("%q has no English", k)
		}
	}
	for _, k := range en {
		e, a := T(English, k), T(Arabic, k)
		if strings.TrimSpace(e) == "" || strings.TrimSpace(a) == "" {
			t.Errorf("%q is empty in one language", k)
		}
		if ve, va := verbs.FindAllString(e, -1), verbs.FindAllString(a, -1); strings.Join(ve, " ") != strings.Join(va, " ") {
			t.Errorf("%q: English verbs %v, Arabic %v", k, ve, va)
		}
	}
}

func TestMissingKeyIsVisible(t *testing.T) {
	if got := T(Arabic, "no.such.key"); got != "[[no.such.key]]" {
		t.Errorf("got %q", got)
	}
}

func TestFromAcceptLanguage(t *testing.T) {
	tests := []struct {
		header string
		want   Lang
	}{
		{"", English},
		{"ar", Arabic},
		{"ar-SY,ar;q=0.9,en-US;q=0.8", Arabic},
		{"en-GB,en;q=0.9,ar;q=0.8", English},
		{"fr-FR,fr;q=0.9,ar;q=0.5", Arabic},
		{"fr, de", English},
		{"en;q=0.2, ar;q=0.7", Arabic},
		{"ar;q=0, en;q=0.1", English},
		{"AR-sy", Arabic},
		{";;;,,q=", English},
	}
	for _, tt := range tests {
		if got := FromAcceptLanguage(tt.header); got != tt.want {
			t.Errorf("%q: %s, want %s", tt.header, got, tt.want)
		}
	}
}

func TestDir(t *testing.T) {
	if Arabic.Dir() != "rtl" || English.Dir() != "ltr" {
		t.Error("wrong directions")
	}
}

func FuzzFromAcceptLanguage(f *testing.F) {
	f.Add("ar-SY,ar;q=0.9,en;q=0.5")
	f.Fuzz(func(t *testing.T, h string) {
		if l := FromAcceptLanguage(h); l != English && l != Arabic {
			t.Fatalf("%q gave %q", h, l)
		}
	})
}
