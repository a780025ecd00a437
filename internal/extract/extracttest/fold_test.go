package extracttest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The expected keys are what score-extraction's fold returns for the same
// input (checked with Python 3.11).
func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"  ", ""},
		{"Col. Ous Salloum", "ous salloum"},
		{"Brig. Gen. Ali", "ali"},
		{"Sgt.-Maj. Ali", "ali"},
		{"the Sednaya Prison", "sednaya prison"},
		{"the col. X", "col x"},      // titles first, then one "the"
		{"Mr. The Doctor", "doctor"}, // "the" ends the titles; "doctor" is not stripped after it
		{"Al-Qabu", "al qabu"},       // hyphen as a space
		{"Hama/Homs", "hama homs"},   // slash as a space
		{"Salloûm", "salloum"},       // Latin accent
		{"O´Brien", "o brien"},       // NFKD turns the acute accent into a space and a mark
		{"“Azrael” of Sednaya", "azrael of sednaya"},
		{"İstanbul", "istanbul"},
		{"Ǆemal", "dzemal"},
		{"ΟΔΥΣΣΕΥΣ", "οδυσσευς"}, // final sigma
		{"ΣΑ.Σ", "σας"},          // a full stop does not end a word for the final sigma
		{"x\x1cy", "x y"},        // Python splits at information separators
		{"أوس", "اوس"},
		{"إِبْرَاهِيم", "ابراهيم"},
		{"مؤمن", "مومن"},
		{"رئيس", "رييس"},
		{"مستشفى", "مستشفي"},
		{"مدرسةٌ", "مدرسه"},
		{"ٱلله", "الله"},
		{"ﷲ", "الله"}, // presentation forms unfold
		{"ﻻ", "لا"},
		{"الـعقيد", ""}, // tatweel dropped, then the title
		{"العقيد أوس سلّوم", "اوس سلوم"},
		{"د. أحمد", "احمد"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormalizeType(t *testing.T) {
	for _, c := range []struct {
		in     string
		want   string
		scored bool
	}{
		{"arrest", "arrest", true},
		{" Detention ", "arrest", true},
		{"SENTENCE", "conviction", true},
		{"conviction", "conviction", true},
		{"death_in_custody", "death_in_custody", true},
		{"release", "release", false},
		{"charge", "charge", false},
		{"", "", false},
	} {
		got, scored := NormalizeType(c.in)
		if got != c.want || scored != c.scored {
			t.Errorf("NormalizeType(%q) = %q, %v; want %q, %v", c.in, got, scored, c.want, c.scored)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Col. Ous Salloum", "العقيد أوس", "ΟΔΥΣΣΕΥΣ", "the  -/ x", "ﷲ\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Fold(s)
		if !utf8.ValidString(s) {
			return
		}
		if k != strings.Join(strings.FieldsFunc(k, pySpace), " ") {
			t.Errorf("Fold(%q) = %q: white space left", s, k)
		}
		for i := 0; i < len(k); {
			p := norm.NFKD.PropertiesString(k[i:])
			r, n := utf8.DecodeRuneInString(k[i:])
			i += n
			if p.CCC() != 0 || strings.ContainsRune("‘’“”'\"`´.,()[]-_/ـ", r) {
				t.Errorf("Fold(%q) = %q keeps %U", s, k, r)
			}
		}
	})
}
