package textfold

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ous Salloum", "ous salloum"},
		{"Salloûm", "salloum"},
		{"Şaydnāyā", "saydnaya"},
		{"أوس سلّوم", "اوس سلوم"},
		{"إبراهيم", "ابراهيم"},
		{"آمنة", "امنه"},
		{"مُصْطَفَى", "مصطفي"},
		{"عـــزرائيل", "عزراييل"},
		{"مسؤول", "مسوول"},
		{"فرع ٢١٥", "فرع 215"},
		{"فرع ۲۱۵", "فرع 215"},
		{"\u200fحمص\u200e", "حمص"},
		{"ﻻ", "لا"}, // presentation-form ligature
		{"ﬁle", "file"},
		{"already folded", "already folded"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Bashar al-Assad", []string{"bashar", "al", "assad"}},
		{"Sa'id 'Ali", []string{"said", "ali"}},
		{"“Azrael of Sednaya,”", []string{"azrael", "of", "sednaya"}},
		{"والعقيد ثائر", []string{"والعقيد", "ثاير"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Ous Salloum", "أوس سلّوم", "\xff\xfe", "ﻻ\u200f", strings.Repeat("ـ", 5)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q: not valid UTF-8", s, got)
		}
		if again := Fold(got); again != got {
			t.Fatalf("Fold is not idempotent: %q -> %q -> %q", s, got, again)
		}
		_ = Words(s)
	})
}
