package web

import (
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

func mention(text, quote, entity string) model.Mention {
	runes := []rune(text)
	q := []rune(quote)
	for i := 0; i+len(q) <= len(runes); i++ {
		if string(runes[i:i+len(q)]) == quote {
			return model.Mention{Span: model.Span{Start: i, End: i + len(q), Quote: quote}, EntityID: entity, Type: model.TypePerson}
		}
	}
	panic("no " + quote)
}

// render writes lines as text with [mentions] bracketed and lines joined by |.
func renderLines(lines []textLine) string {
	var parts []string
	for _, l := range lines {
		var b strings.Builder
		for _, s := range l.Segments {
			if s.Mention {
				b.WriteString("[" + s.Text + "@" + s.EntityID + "]")
			} else {
				b.WriteString(s.Text)
			}
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "|")
}

func TestHighlight(t *testing.T) {
	ar := "قال الشاهد إن أوس سلوم كان في صيدنايا.\n\nثم أُفرج عنه."
	tests := []struct {
		name     string
		text     string
		mentions func(string) []model.Mention
		want     string
	}{
		{"none", "a\nb", func(string) []model.Mention { return nil }, "a|b"},
		{"latin", "Col. Ous Salloum was arrested.\nHe served at Sednaya.", func(s string) []model.Mention {
			return []model.Mention{mention(s, "Sednaya", "f1"), mention(s, "Ous Salloum", "p1")}
		}, "Col. [Ous Salloum@p1] was arrested.|He served at [Sednaya@f1]."},
		{"arabic code points", ar, func(s string) []model.Mention {
			return []model.Mention{mention(s, "أوس سلوم", "p1"), mention(s, "صيدنايا", "f1"), mention(s, "أُفرج", "")}
		}, "قال الشاهد إن [أوس سلوم@p1] كان في [صيدنايا@f1].|ثم [أُفرج@] عنه."},
		{"overlap keeps the first, longer", "Ous Salloum here", func(s string) []model.Mention {
			return []model.Mention{mention(s, "Salloum", "x"), mention(s, "Ous Salloum", "p1"), mention(s, "Ous", "y")}
		}, "[Ous Salloum@p1] here"},
		{"across a line break", "ab\ncd", func(string) []model.Mention {
			return []model.Mention{{Span: model.Span{Start: 1, End: 4}, EntityID: "e"}}
		}, "a[b@e]|[c@e]d"},
		{"out of range ignored", "abc", func(string) []model.Mention {
			return []model.Mention{{Span: model.Span{Start: 2, End: 9}, EntityID: "e"}, {Span: model.Span{Start: 2, End: 1}}}
		}, "abc"},
		{"emoji and combining marks", "x 👁‍🗨 Aws é y", func(s string) []model.Mention {
			return []model.Mention{mention(s, "Aws", "p")}
		}, "x 👁‍🗨 [Aws@p] é y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderLines(highlight(tt.text, tt.mentions(tt.text))); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("قال أوس\nسلوم", 2, 6)
	f.Add("abc", 0, 3)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		lines := highlight(text, []model.Mention{{Span: model.Span{Start: start, End: end}}})
		var b strings.Builder
		for _, l := range lines {
			for _, s := range l.Segments {
				b.WriteString(s.Text)
			}
		}
		// Every non-blank line's text comes back whole.
		var want strings.Builder
		for _, line := range strings.Split(text, "\n") {
			if strings.TrimSpace(line) != "" {
				want.WriteString(line)
			}
		}
		if b.String() != want.String() && strings.ToValidUTF8(text, "\uFFFD") == text {
			t.Errorf("text changed: %q → %q", want.String(), b.String())
		}
	})
}
