package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/casefile/casefiletest"
	"github.com/athar-project/athar/internal/export/ftm/ftmtest"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// The exports carry a person's case status and fate as their case file
// reads them for the same viewer: the confirmed value, and apart, under
// columns named as unreviewed suggestions, what proposed events suggest
// when it differs. FtM's Person "status" is the confirmed value only; the
// public dataset carries what confirmed public events support, nothing
// else. The fixture's person has a confirmed arrest, a proposed referral
// (public), a proposed trial (restricted) and a rejected conviction; its
// victim a proposed death in custody (confidential).
func TestExportsCarryCaseStatus(t *testing.T) {
	// Columns: case_status, case_status_alleged, fate, fate_alleged,
	// unreviewed_suggested_case_status, unreviewed_suggested_fate.
	tests := []struct {
		reader    string
		confirmed bool // export confirmed statements only
		person    string
		victim    string // "" when the reader may not see the victim
	}{
		{"public", false, "arrested,,,,,", ""},
		{"vera", false, "arrested,,,,referred,", ""},
		{"vera", true, "arrested,,,,,", ""},
		{"anas", false, "arrested,,,,referred,", ""},
		{"rania", false, "arrested,,,,tried,", ""},
		{"adel", false, "arrested,,,,tried,", ",,,,,died_in_custody"},
		{"adel", true, "arrested,,,,,", ""},
	}
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		fx := casefiletest.Seed(t, st)
		ctx := context.Background()
		readers := map[string]casefiletest.Reader{}
		for _, r := range casefiletest.Readers() {
			readers[r.Name] = r
		}
		for _, tt := range tests {
			r, ok := readers[tt.reader]
			if !ok {
				t.Fatalf("no reader %s", tt.reader)
			}
			opt := Options{Confirmed: tt.confirmed}
			dir := filepath.Join(t.TempDir(), "csv")
			if err := WriteCSV(ctx, st, r.Viewer, opt, dir); err != nil {
				t.Fatal(err)
			}
			rows := csvRows(t, filepath.Join(dir, EntitiesFile))
			for id, want := range map[string]string{fx.Person: tt.person, fx.Victim: tt.victim} {
				got, ok := rows[id]
				if want == "" {
					if ok && tt.reader != "adel" {
						t.Errorf("%s (confirmed %v): the victim is in the export: %v", tt.reader, tt.confirmed, got)
					}
					continue
				}
				if !ok {
					t.Errorf("%s (confirmed %v): no row for %s", tt.reader, tt.confirmed, id)
					continue
				}
				if s := strings.Join(got[5:], ","); s != want {
					t.Errorf("%s (confirmed %v): status of %s %q, want %q", tt.reader, tt.confirmed, id, s, want)
				}
			}
			// FtM: the confirmed status, never a suggestion.
			var buf bytes.Buffer
			if err := WriteFTM(ctx, st, r.Viewer, opt, &buf); err != nil {
				t.Fatal(err)
			}
			for _, e := range ftmEntities(t, buf.Bytes()) {
				want := []string(nil)
				if e.ID == fx.Person {
					want = []string{"arrested"}
				}
				if got := e.Properties["status"]; strings.Join(got, ",") != strings.Join(want, ",") {
					t.Errorf("%s (confirmed %v): FtM status of %s %q, want %q", tt.reader, tt.confirmed, e.ID, got, want)
				}
			}
		}
		// The public dataset: the confirmed status the public may see, and
		// no suggestion anywhere in it.
		dir := filepath.Join(t.TempDir(), "public")
		if err := Public(ctx, st, dir); err != nil {
			t.Fatal(err)
		}
		rows := csvRows(t, filepath.Join(dir, EntitiesFile))
		if got := strings.Join(rows[fx.Person][4:], ","); got != "arrested,,," {
			t.Errorf("public dataset: status of the person %q, want %q", got, "arrested,,,")
		}
		b, err := os.ReadFile(filepath.Join(dir, EntitiesFile))
		if err != nil {
			t.Fatal(err)
		}
		if header, _, _ := strings.Cut(string(b), "\n"); header != "id,schema,caption,names,case_status,case_status_alleged,fate,fate_alleged" {
			t.Errorf("public entities.csv header %q", header)
		}
		for _, name := range []string{FTMFile, EntitiesFile, StatementsFile, SourcesFile} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{"referred", "tried", "died_in_custody", "convicted"} {
				if bytes.Contains(b, []byte(s)) {
					t.Errorf("public dataset %s says %q", name, s)
				}
			}
		}
	})
}

// TestCaseStatusExportsPassFtM checks the exports of the case-file fixture
// with FtM's own model, for every reader.
func TestCaseStatusExportsPassFtM(t *testing.T) {
	ftmtest.Available(t)
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	casefiletest.Seed(t, st)
	for _, r := range casefiletest.Readers() {
		ftmtest.Check(t, writeAll(t, st, r.Viewer, Options{}, t.TempDir())...)
	}
	dir := filepath.Join(t.TempDir(), "public")
	if err := Public(context.Background(), st, dir); err != nil {
		t.Fatal(err)
	}
	ftmtest.Check(t, filepath.Join(dir, FTMFile))
}

// csvRows reads a CSV file's rows by their first cell.
func csvRows(t *testing.T, path string) map[string][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, row := range all[1:] {
		out[row[0]] = row
	}
	return out
}

// ftmEntities reads FtM JSON lines.
func ftmEntities(t *testing.T, b []byte) []Entity {
	t.Helper()
	var out []Entity
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var e Entity
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
