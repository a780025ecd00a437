package dataimport

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/export"
	"github.com/athar-project/athar/internal/export/ftm/ftmtest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// Athar's own statement export, as JSON lines and as FtM's CSV, imports
// back into an empty store as the entity export does.
func TestStatementsRoundTrip(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, a *store.Store) {
		ctx := context.Background()
		seed(t, a)
		ents, stmts := exports(t, a)
		var csvOut bytes.Buffer
		if err := export.WriteStatementsCSV(ctx, a, access.Operator(), export.Options{}, &csvOut); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ name, data string }{{"statements.json", stmts}, {"statements.csv", csvOut.String()}} {
			t.Run(c.name, func(t *testing.T) {
				b := emptyLike(t, a)
				r, err := FtM(ctx, b, access.Operator(), []byte(c.data), Options{Filename: c.name, Sensitivity: model.Public})
				if err != nil {
					t.Fatal(err)
				}
				if len(r.Errors) > 0 || r.SkippedLinks > 0 || len(r.Skipped) > 0 {
					t.Fatalf("import: %+v", r)
				}
				if r.Statements != 17 || r.Sources != 3 || r.Entities != 7 {
					t.Errorf("stored %d statements, %d sources, %d entities; want 17, 3, 7", r.Statements, r.Sources, r.Entities)
				}
				ents2, stmts2 := exports(t, b)
				if normalize(ents) != normalize(ents2) {
					t.Errorf("entities differ after a round trip:\n%s\n---\n%s", normalize(ents), normalize(ents2))
				}
				if normalize(stmts) != normalize(stmts2) {
					t.Errorf("statements differ after a round trip:\n%s\n---\n%s", normalize(stmts), normalize(stmts2))
				}
				checkSpans(t, b, 3)
			})
		}
	})
}

// The public dataset imports as docs/import.md shows: its Documents carry
// no level and no quotes.
func TestPublicDatasetImports(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, a *store.Store) {
		ctx := context.Background()
		seed(t, a)
		dir := filepath.Join(t.TempDir(), "public")
		if err := export.Public(ctx, a, dir); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, export.FTMFile))
		if err != nil {
			t.Fatal(err)
		}
		b := emptyLike(t, a)
		analyst := access.Viewer{Name: "amal", Role: model.RoleAnalyst, Clearance: model.Restricted}
		r, err := FtM(ctx, b, analyst, data, Options{Filename: export.FTMFile, Sensitivity: model.Public})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Errors) > 0 || r.Entities == 0 || r.Statements == 0 || r.Sources != 1 {
			t.Fatalf("import: %+v", r)
		}
		if r.Unreviewed != r.Statements {
			t.Errorf("%d of %d confirmed statements kept as proposed for an analyst", r.Unreviewed, r.Statements)
		}
		// The same entities come out of the store again.
		var ents bytes.Buffer
		if err := export.WriteFTM(ctx, b, access.Operator(), export.Options{}, &ents); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var e export.Entity
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatal(err)
			}
			if e.IsRecord() && !strings.Contains(ents.String(), `"id":"`+e.ID+`"`) {
				t.Errorf("entity %s lost", e.ID)
			}
		}
	})
}

// OpenSanctions' statement files, CSV and JSON lines: entities put back
// together with their ids, schema, valid properties and relationships
// kept; values FtM would refuse refused with their line.
func TestOpenSanctionsStatements(t *testing.T) {
	for _, file := range []string{"opensanctions.statements.csv", "opensanctions.statements.json"} {
		t.Run(file, func(t *testing.T) {
			ctx := context.Background()
			st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
			data := readTestdata(t, file)
			r, err := FtM(ctx, st, access.Operator(), data, Options{Filename: file, Sensitivity: model.Public})
			if err != nil {
				t.Fatal(err)
			}
			want := map[int]string{9: `"not known" is not an FtM date`, 26: "FtM's Person needs a name", 28: `no property "colour"`}
			if len(r.Errors) != len(want) {
				t.Errorf("errors: %v", r.Errors)
			}
			for _, e := range r.Errors {
				if !strings.Contains(e.Error(), want[e.Line]) {
					t.Errorf("line %d: %v, want %q", e.Line, e.Err, want[e.Line])
				}
			}
			if r.Dropped["Ownership.ownershipType"] != 1 {
				t.Errorf("dropped: %v", r.Dropped)
			}
			got := map[string]export.Entity{}
			var all bytes.Buffer
			err = export.Each(ctx, st, access.Operator(), export.Options{}, func(e export.Entity) error {
				got[e.ID] = e
				b, _ := json.Marshal(e)
				all.Write(append(b, '\n'))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			p := got["NK-p1"]
			if p.Schema != "Person" || !slices.Contains(p.Properties["name"], "جميل حسن") || !slices.Equal(p.Properties["topics"], []string{"sanction"}) ||
				!slices.Equal(p.Properties["sourceUrl"], []string{"https://sanctions.example/NK-p1"}) || !slices.Equal(p.Properties["birthDate"], []string{"1952"}) ||
				p.Properties["deathDate"] != nil {
				t.Errorf("person: %+v", p.Properties)
			}
			merged := false
			for _, x := range p.Athar.Statements {
				merged = merged || (x.Entity == "eu-fsf-12" && x.Property == "birthDate")
			}
			if !merged {
				t.Error("the statement made about eu-fsf-12 is not kept as made about it")
			}
			c := got["NK-c1"]
			if c.Schema != "Company" || !slices.Equal(c.Properties["registrationNumber"], []string{"DM-1234"}) || !slices.Equal(c.Properties["jurisdiction"], []string{"sy"}) {
				t.Errorf("company: %s %+v", c.Schema, c.Properties)
			}
			if c.Athar.Properties != nil {
				t.Errorf("valid FtM properties pushed into athar: %+v", c.Athar.Properties)
			}
			o := got["NK-o1"]
			if o.Schema != "Ownership" || !slices.Equal(o.Properties["owner"], []string{"NK-p1"}) || !slices.Equal(o.Properties["asset"], []string{"NK-c1"}) ||
				!slices.Equal(o.Properties["startDate"], []string{"2010"}) || !slices.Equal(o.Properties["percentage"], []string{"51"}) {
				t.Errorf("ownership: %+v", o)
			}
			f := got["NK-f1"]
			if f.Schema != "Family" || !slices.Equal(f.Properties["relative"], []string{"NK-p3"}) || !slices.Equal(f.Properties["relationship"], []string{"brother"}) {
				t.Errorf("family: %+v", f)
			}
			if _, ok := got["NK-p2"]; ok {
				t.Error("a nameless person was stored")
			}
			// Out again as FtM's statement CSV, and in again: the same.
			var out bytes.Buffer
			if err := export.WriteStatementsCSV(ctx, st, access.Operator(), export.Options{}, &out); err != nil {
				t.Fatal(err)
			}
			st2 := storetest.Open(t, store.Config{DataDir: t.TempDir()})
			r2, err := FtM(ctx, st2, access.Operator(), out.Bytes(), Options{Filename: "athar.statements.csv", Sensitivity: model.Public})
			if err != nil || len(r2.Errors) > 0 {
				t.Fatalf("%v %+v", err, r2)
			}
			var all2 bytes.Buffer
			err = export.Each(ctx, st2, access.Operator(), export.Options{}, func(e export.Entity) error {
				b, _ := json.Marshal(e)
				all2.Write(append(b, '\n'))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if sameEntities(all.String()) != sameEntities(all2.String()) {
				t.Errorf("differs after going out and in again:\n%s\n---\n%s", sameEntities(all.String()), sameEntities(all2.String()))
			}
			path := filepath.Join(t.TempDir(), "out.statements.csv")
			if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			ftmtest.Available(t)
			ftmtest.Check(t, path)
		})
	}
}

// Relationships and other tools' entity lines: ids, schemata and valid
// properties kept, invalid values refused with their line.
func TestForeignEntitiesKeepWhatTheySay(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	file := `{"id":"NK-c1","schema":"Company","properties":{"name":["Cham Holding"],"registrationNumber":["DM-1234"],"jurisdiction":["sy"],"sourceUrl":["https://registry.example/DM-1234"]}}
{"id":"NK-p1","schema":"Person","properties":{"name":["Rami Makhlouf"],"topics":["role.oligarch"]}}
{"id":"NK-m1","schema":"Membership","properties":{"member":["NK-p1"],"organization":["NK-c1"],"role":["chairman"],"startDate":["2000"]}}
{"id":"NK-p2","schema":"Person","properties":{"name":["Someone"],"birthDate":["not known"]}}
{"id":"NK-p3","schema":"Person","properties":{"name":["Else"],"favouriteColour":["red"]}}
{"id":"NK_bad","schema":"Person","properties":{"name":["Bad Id"]}}
{"id":"NK-v1","schema":"Vessel","properties":{"name":["Sea Star"]}}
{"id":"NK-p4","schema":"Person","properties":{"alias":["Nameless"]}}
`
	r, err := FtM(ctx, st, access.Operator(), []byte(file), Options{Filename: "partner.ftm.json", Sensitivity: model.Internal})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{4: `"not known" is not an FtM date`, 5: `no property "favouriteColour"`, 6: "not an FtM entity id", 8: "needs a name"}
	if len(r.Errors) != len(want) {
		t.Errorf("errors: %v", r.Errors)
	}
	for _, e := range r.Errors {
		if !strings.Contains(e.Error(), want[e.Line]) {
			t.Errorf("line %d: %v, want %q", e.Line, e.Err, want[e.Line])
		}
	}
	if r.Skipped["Vessel"] != 1 || r.Entities != 2 {
		t.Errorf("result: %+v", r)
	}
	got := map[string]export.Entity{}
	err = export.Each(ctx, st, access.Operator(), export.Options{}, func(e export.Entity) error { got[e.ID] = e; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if c := got["NK-c1"]; c.Schema != "Company" || len(c.Properties["registrationNumber"]) != 1 || len(c.Properties["sourceUrl"]) != 1 || c.Athar.Properties != nil {
		t.Errorf("company: %s %+v %+v", c.Schema, c.Properties, c.Athar.Properties)
	}
	if m := got["NK-m1"]; m.Schema != "Membership" || m.Properties["role"][0] != "chairman" || m.Properties["startDate"][0] != "2000" {
		t.Errorf("membership: %+v", m)
	}
	if p := got["NK-p1"]; !slices.Equal(p.Properties["topics"], []string{"role.oligarch"}) {
		t.Errorf("person: %+v", p.Properties)
	}
}

func FuzzParseStatement(f *testing.F) {
	for _, line := range bytes.Split(readTestdata(f, "opensanctions.statements.json"), []byte("\n")) {
		f.Add(line)
	}
	f.Add([]byte(`{"entity_id":"a","prop":"birthDate","schema":"Person","value":"2020-02-30"}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		s, err := ParseStatement(line)
		if err != nil {
			return
		}
		if s.EntityID == "" || s.CanonicalID == "" || s.Prop == "" {
			t.Fatalf("accepted a statement without entity or prop: %q", line)
		}
	})
}

func FuzzReadStatements(f *testing.F) {
	f.Add(readTestdata(f, "opensanctions.statements.csv"))
	f.Add(readTestdata(f, "opensanctions.statements.json"))
	f.Add([]byte("entity_id,prop,schema,value\n\"a,b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Result
		items, err := readStatements(data, &r)
		if err != nil {
			return
		}
		for _, it := range items {
			if it.foreign != nil {
				if err := checkForeign(it.foreign); err != nil {
					t.Fatalf("grouped an entity FtM's model refuses: %v", err)
				}
			}
		}
	})
}

// sameEntities normalizes an entity export for comparing what it holds:
// records' ids and hashes as normalize does, each entity's statements
// sorted by id and the lines sorted (other tools' statement ids say
// nothing of the order they were stored in).
func sameEntities(s string) string {
	var lines []string
	for _, line := range strings.Split(strings.TrimSpace(normalize(s)), "\n") {
		var e export.Entity
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			return "not JSON: " + line
		}
		if e.Athar != nil {
			slices.SortFunc(e.Athar.Statements, func(a, b export.Statement) int {
				return strings.Compare(a.ID+a.Property+a.Value, b.ID+b.Property+b.Value)
			})
		}
		b, _ := json.Marshal(e)
		lines = append(lines, string(b))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// Files exported before Athar took FtM's id syntax (sources "src_…",
// Documentations "doc-…-src_…", languages "en") import as they did.
func TestOlderExportsImport(t *testing.T) {
	ctx := context.Background()
	a := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	seed(t, a)
	ents, stmts := exports(t, a)
	old := func(s string) string {
		s = regexp.MustCompile(`src-([0-9a-f]{16})`).ReplaceAllString(s, "src_$1")
		s = strings.ReplaceAll(s, `"language":["eng"]`, `"language":["en"]`)
		return strings.ReplaceAll(s, `"prop":"language","prop_type":"language","schema":"Document","value":"eng"`, `"prop":"language","prop_type":"language","schema":"Document","value":"en"`)
	}
	for name, data := range map[string]string{"old.ftm.json": old(ents), "old.statements.json": old(stmts)} {
		t.Run(name, func(t *testing.T) {
			if !strings.Contains(data, "src_") || !strings.Contains(data, `"en"`) {
				t.Fatal("the file is not in the old form")
			}
			b := storetest.Open(t, store.Config{DataDir: t.TempDir()})
			r, err := FtM(ctx, b, access.Operator(), []byte(data), Options{Filename: name, Sensitivity: model.Public})
			if err != nil || len(r.Errors) > 0 || r.Statements != 17 || r.Sources != 3 {
				t.Fatalf("%v %+v", err, r)
			}
			ents2, _ := exports(t, b)
			if normalize(ents) != normalize(ents2) {
				t.Errorf("differs:\n%s\n---\n%s", normalize(ents), normalize(ents2))
			}
		})
	}
}
