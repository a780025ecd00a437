package ingest

import (
	"strings"
	"testing"
)

func TestDisplayName(t *testing.T) {
	for in, want := range map[string]string{
		"report.txt":                       "report.txt",
		"reports/تقرير صيدنايا.txt":        "reports/تقرير صيدنايا.txt",
		"https://news.example/a?b=c":       "https://news.example/a?b=c",
		"a.txt\nstored  src_1  forged.txt": `"a.txt\nstored  src_1  forged.txt"`,
		"a\rb":                             `"a\rb"`,
		"tab\there":                        `"tab\there"`,
		"\x1b[31mred":                      `"\x1b[31mred"`,
		"evil\u202etxt.exe":                `"evil\u202etxt.exe"`,
		"bad\xffbyte":                      `"bad\xffbyte"`,
		`"quoted"`:                         `"\"quoted\""`,
		"":                                 `""`,
	} {
		got := DisplayName(in)
		if got != want {
			t.Errorf("DisplayName(%q) = %s, want %s", in, got, want)
		}
		if strings.ContainsAny(got, "\n\r") {
			t.Errorf("DisplayName(%q) spans lines", in)
		}
	}
}
