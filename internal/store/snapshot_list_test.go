package store

import "testing"

// TestWithoutSearchOrder: a restore leaves out of a dump's table of contents
// the RUM extension, its comment and the RUM indexes, and nothing else (a
// table or index whose name merely holds "rum" stays).
func TestWithoutSearchOrder(t *testing.T) {
	for _, c := range []struct {
		line string
		kept bool
	}{
		{"2; 3079 16385 EXTENSION - rum \n", false},
		{"4263; 0 0 COMMENT - EXTENSION rum \n", false},
		{"3880; 1259 17020 INDEX public search_docs_rum_statement postgres\n", false},
		{"3879; 1259 17019 INDEX public search_docs_rum_source postgres\n", false},
		{"3877; 1259 16940 INDEX public search_docs_tsv_statement postgres\n", true},
		{"226; 1259 16603 TABLE public search_docs postgres\n", true},
		{"227; 1259 16604 TABLE public rum_notes postgres\n", true},
		{"3; 3079 16390 EXTENSION - rumor \n", true},
		{";\n", true},
		{"; Archive created at 2026-12-07 19:00:00 UTC\n", true},
	} {
		got := string(withoutSearchOrder([]byte(c.line)))
		if kept := got == c.line; kept != c.kept || (!kept && got != "") {
			t.Errorf("%q: kept %v (got %q), want kept %v", c.line, kept, got, c.kept)
		}
	}
	list := "; head\n2; 3079 16385 EXTENSION - rum \n226; 1259 16603 TABLE public search_docs postgres\n3880; 1259 17020 INDEX public search_docs_rum_statement postgres\n"
	if got, want := string(withoutSearchOrder([]byte(list))), "; head\n226; 1259 16603 TABLE public search_docs postgres\n"; got != want {
		t.Errorf("whole list: %q, want %q", got, want)
	}
}
