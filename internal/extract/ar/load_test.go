package ar

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/textfold"
)

// TestLexicon checks that every word list loads as a section of the shared
// lexicon, with where it comes from, and holds something, and that the
// trigger table reads.
func TestLexicon(t *testing.T) {
	files, err := fs.Glob(lexiconFS, "lexicon/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no word lists embedded: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "lexicon/"), ".txt")
		if lexicon.Provenance[name+".txt"] == "" {
			t.Errorf("%s: no provenance", f)
		}
		if len(listLines(name)) == 0 {
			t.Errorf("%s is empty", f)
		}
	}
	if len(triggers) < 100 {
		t.Errorf("%d triggers read, want the whole table", len(triggers))
	}
}

// TestFoldText checks the fast fold against textfold.Fold.
func TestFoldText(t *testing.T) {
	for _, s := range []string{"", "سجن صيدنايا", "مُحمّد", "أُسامة إبراهيم آل", "مؤسسة ئ", "ﻻ ﷲ", "Café Ali", "فرع ٢١٥", "ــالـــأسد", "\u200fعلي\u200c", "\xff\xfeسجن", "Ω ع"} {
		if got, want := foldText(s), textfold.Fold(s); got != want {
			t.Errorf("foldText(%q) = %q, textfold.Fold gives %q", s, got, want)
		}
	}
}
