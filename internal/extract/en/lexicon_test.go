package en

import "testing"

// TestLexiconProvenance checks that every word list file says where its
// words came from (the loader refuses one that does not) and that each
// section holds words.
func TestLexiconProvenance(t *testing.T) {
	for file, p := range lex.Provenance {
		if len(p) < 20 {
			t.Errorf("%s: provenance %q says too little", file, p)
		}
	}
	for _, s := range lex.Sections() {
		if len(lex.Phrases(s)) == 0 && len(lex.Rows(s)) == 0 {
			t.Errorf("section [%s] is empty", s)
		}
	}
}
