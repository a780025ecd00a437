package extract

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLexicon(t *testing.T) {
	fsys := fstest.MapFS{
		"lex/a.txt": {Data: []byte("# words\n# provenance: written for the test\n[ranks]\nBrig. Gen.\ncolonel\n\n[triggers]\narrest | arrested | verb\ndeath_in_custody | died | verb | @custody | 8\nrelease | freed | noun | prison jail | 3\n")},
		"lex/b.txt": {Data: []byte("# provenance: also the test\n[custody]\nprison\ncustody\n")},
	}
	lex, err := LoadLexicon(fsys, "lex/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(lex.Phrases("ranks"), ","); got != "brig . gen .,colonel" {
		t.Errorf("phrases fold as tokens do: got %q", got)
	}
	if !lex.Set("custody")["prison"] || len(lex.Provenance) != 2 {
		t.Errorf("set %v, provenance %v", lex.Set("custody"), lex.Provenance)
	}
	ts, err := TriggersFromLexicon(lex, "triggers")
	if err != nil {
		t.Fatal(err)
	}
	toks := Tokenize("He died in custody; she was arrested and freed from prison.")
	var got []string
	for i := range toks {
		for _, tr := range ts.At(toks, i) {
			if tr.NeedsMet(toks, i+len(tr.Words), len(toks), nil) {
				got = append(got, tr.Type)
				break
			}
		}
	}
	if strings.Join(got, " ") != "death_in_custody arrest release" {
		t.Errorf("triggers found: %v", got)
	}
}

func TestLexiconErrors(t *testing.T) {
	for _, c := range []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"x.txt": "[a]\nword\n"}, "no \"# provenance:\" line"},
		{map[string]string{"x.txt": "# provenance: p\nword\n"}, "x.txt:2: an entry before any [section]"},
		{map[string]string{"x.txt": "# provenance: p\n[a]\n", "y.txt": "# provenance: p\n[a]\n"}, "section [a] is already in x.txt"},
		{map[string]string{}, "no file"},
	} {
		fsys := fstest.MapFS{}
		for n, d := range c.files {
			fsys[n] = &fstest.MapFile{Data: []byte(d)}
		}
		if _, err := LoadLexicon(fsys, "*.txt"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: got %v, want an error with %q", c.files, err, c.want)
		}
	}
	for _, row := range []string{"arrest | arrested", "arrest | arrested | adverb", "arrest | died | verb | custody", "arrest | died | verb | custody | x"} {
		lex, err := LoadLexicon(fstest.MapFS{"t.txt": {Data: []byte("# provenance: p\n[t]\n" + row + "\n")}}, "*.txt")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := TriggersFromLexicon(lex, "t"); err == nil {
			t.Errorf("%q: no error", row)
		}
	}
}
