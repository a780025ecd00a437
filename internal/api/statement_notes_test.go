package api

import (
	"net/http"
	"strings"
	"testing"
)

// Notes on a statement through the API: a reviewer writes them at the
// statement's level or above, up to their clearance; each caller reads only
// those at a level they are cleared for; a statement above the caller's
// clearance is a 404 on both routes — the same answer as no statement at
// all — and a refused note changes nothing. (The rule on both engines in
// more cases: app TestStatementNotes.)
func TestStatementNotesThroughTheAPI(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		const publicWord, restrictedWord = "note-public-Qudsaya", "note-restricted-Dummar"
		notes := "/api/v1/statements/" + r.fx.confirmed + "/notes"
		for _, n := range []map[string]any{{"text": "Seen on the roster: " + publicWord}, {"text": "A cousin doubts it: " + restrictedWord, "sensitivity": "restricted"}} {
			got := r.postJSON(notes, "rania", n)
			if got.status != http.StatusOK {
				t.Fatalf("note: %d %s", got.status, got.body)
			}
			out := got.json(t)
			want := "public"
			if n["sensitivity"] != nil {
				want = n["sensitivity"].(string)
			}
			if out["author"] != "rania" || out["sensitivity"] != want || out["statement_id"] != r.fx.confirmed || out["id"] == "" {
				t.Errorf("note answered %s", got.body)
			}
		}
		refusals := []struct {
			name, path, who string
			body            map[string]any
			want            int
		}{
			{"an analyst", notes, "anas", map[string]any{"text": "x"}, http.StatusForbidden},
			{"above the author's clearance", notes, "rania", map[string]any{"text": "x", "sensitivity": "confidential"}, http.StatusForbidden},
			{"below the statement's level", "/api/v1/statements/" + r.fx.restrictedStmt + "/notes", "rania", map[string]any{"text": "x", "sensitivity": "internal"}, http.StatusUnprocessableEntity},
			{"a statement the reviewer may not see", "/api/v1/statements/" + r.fx.confidentialStmt + "/notes", "rania", map[string]any{"text": "x"}, http.StatusNotFound},
			{"no such statement", "/api/v1/statements/no-such-statement/notes", "rania", map[string]any{"text": "x"}, http.StatusNotFound},
			{"a blank note", notes, "rania", map[string]any{"text": "   "}, http.StatusUnprocessableEntity},
		}
		for _, tc := range refusals {
			if got := r.postJSON(tc.path, tc.who, tc.body); got.status != tc.want {
				t.Errorf("%s: %d %s, want %d", tc.name, got.status, got.body, tc.want)
			}
		}
		hidden := r.do("GET", "/api/v1/statements/"+r.fx.confidentialStmt+"/notes", "rania", nil, "")
		none := r.do("GET", "/api/v1/statements/no-such-statement/notes", "rania", nil, "")
		if hidden.status != http.StatusNotFound || none.status != http.StatusNotFound || hidden.json(t)["detail"] != none.json(t)["detail"] {
			t.Errorf("a hidden statement's notes: %d %s; no statement's: %d %s", hidden.status, hidden.body, none.status, none.body)
		}
		for _, tc := range []struct {
			who        string
			sees, lack []string
		}{
			{"vera", []string{publicWord}, []string{restrictedWord}},
			{"anas", []string{publicWord}, []string{restrictedWord}},
			{"rania", []string{publicWord, restrictedWord}, nil},
			{"adel", []string{publicWord, restrictedWord}, nil},
		} {
			got := r.do("GET", notes, tc.who, nil, "")
			if got.status != http.StatusOK {
				t.Fatalf("notes as %s: %d %s", tc.who, got.status, got.body)
			}
			if n := len(got.json(t)["items"].([]any)); n != len(tc.sees) {
				t.Errorf("%s reads %d notes, want %d: %s", tc.who, n, len(tc.sees), got.body)
			}
			for _, w := range tc.sees {
				if !strings.Contains(string(got.body), w) {
					t.Errorf("%s does not read %q: %s", tc.who, w, got.body)
				}
			}
			for _, w := range tc.lack {
				if strings.Contains(string(got.body), w) {
					t.Errorf("%s reads %q: %s", tc.who, w, got.body)
				}
			}
		}
	})
}
