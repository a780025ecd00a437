package dataimport

import (
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

func mustMapping(t *testing.T, yaml string) Mapping {
	t.Helper()
	m, err := ParseMappingYAML([]byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// statementsOf lists every statement the store holds, by entity.
func statementsOf(t *testing.T, st *store.Store) map[string][]model.Statement {
	t.Helper()
	ctx := context.Background()
	page, err := st.EntityPage(ctx, "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]model.Statement{}
	for _, e := range page {
		ss, err := st.Statements(ctx, access.Operator(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[e.ID] = ss
	}
	return out
}

// spansHold checks that every statement's span is its quote in the text
// of the source it cites.
func spansHold(t *testing.T, st *store.Store) {
	t.Helper()
	for _, ss := range statementsOf(t, st) {
		for _, s := range ss {
			if !strings.HasPrefix(s.Origin, "imported:") {
				continue
			}
			src, err := st.Source(context.Background(), access.Operator(), s.SourceID)
			if err != nil {
				t.Fatal(err)
			}
			text := []rune(src.Text)
			if s.Span.End > len(text) || s.Span.Start > s.Span.End || string(text[s.Span.Start:s.Span.End]) != s.Span.Quote || s.Span.Quote == "" {
				t.Errorf("%s %q: span [%d,%d) is not its quote %q in %s", s.Property, s.Value, s.Span.Start, s.Span.End, s.Span.Quote, s.SourceID)
			}
		}
	}
}

const people = `entity_type: person
properties:
  name: Name
  birthDate: Born
`

// A row with a cell too many or too few, or one CSV cannot parse, is
// reported and skipped; the others are stored; --strict refuses the file.
func TestRaggedRows(t *testing.T) {
	data := []byte("Name,Born\nAhmad Khalil,1980\nRana \"the\" Khoury,1975,extra\nOmar Darwish\nSamir Haddad,1960\nbad \"quote,1970\nMazen Hamada,1977\n")
	want := map[int]string{3: "the row cannot be read as CSV", 4: "1 cells, the header has 2", 6: "the row cannot be read as CSV"}
	ctx := context.Background()
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	r, err := CSV(ctx, st, access.Operator(), data, mustMapping(t, people), Options{Filename: "people.csv", Sensitivity: model.Internal})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Errors) != len(want) {
		t.Errorf("errors: %v", r.Errors)
	}
	for _, e := range r.Errors {
		if !strings.Contains(e.Error(), want[e.Line]) {
			t.Errorf("line %d: %v, want %q", e.Line, e.Err, want[e.Line])
		}
	}
	names := map[string]bool{}
	for _, ss := range statementsOf(t, st) {
		for _, s := range ss {
			names[s.Value] = true
		}
	}
	for _, n := range []string{"Ahmad Khalil", "Samir Haddad", "Mazen Hamada"} {
		if !names[n] {
			t.Errorf("%s not stored (have %v)", n, names)
		}
	}
	spansHold(t, st)

	strict := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	r, err = CSV(ctx, strict, access.Operator(), data, mustMapping(t, people), Options{Filename: "people.csv", Strict: true})
	var bad InputError
	if !errors.As(err, &bad) || !strings.Contains(err.Error(), "--strict") || len(r.Errors) != 3 {
		t.Errorf("strict: %v %+v", err, r)
	}
	if c, err := strict.CountSources(ctx, access.Operator()); err != nil || c.Total != 0 || len(statementsOf(t, strict)) != 0 {
		t.Errorf("a strict import of a file with bad rows stored something: %d sources %v", c.Total, err)
	}
}

// Legacy encodings are read by ingest's rule: declared, or recognized as
// Arabic; anything else is refused saying what to do.
func TestSpreadsheetEncodings(t *testing.T) {
	text := "Name,Born\nأحمد خليل,1980\nسمير حداد,1960\n"
	win, err := charmap.Windows1256.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	iso, err := charmap.ISO8859_6.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	u16bom, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	u16, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	latin1, err := charmap.ISO8859_1.NewEncoder().String("Name,Born\nJosé Müller,1980\nFrançois Ça,1960\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, data, encoding, fails string
	}{
		{"windows-1256, recognized", win, "", ""},
		{"iso-8859-6, recognized", iso, "", ""},
		{"windows-1256, declared", win, "windows-1256", ""},
		{"utf-16 with a byte-order mark", u16bom, "", ""},
		{"utf-16le, declared", u16, "utf-16le", ""},
		{"utf-16 without a mark, undeclared", u16, "", "NUL bytes: save the file as UTF-8, or name its encoding in the mapping"},
		{"latin-1, undeclared", latin1, "", "name its encoding in the mapping"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
			m := mustMapping(t, people)
			m.Encoding = c.encoding
			r, err := CSV(context.Background(), st, access.Operator(), []byte(c.data), m, Options{Filename: "people.csv", Sensitivity: model.Internal})
			if c.fails != "" {
				var bad InputError
				if !errors.As(err, &bad) || !strings.Contains(err.Error(), c.fails) {
					t.Errorf("%v, want an input error saying %q", err, c.fails)
				}
				return
			}
			if err != nil || len(r.Errors) > 0 || r.Statements != 4 {
				t.Fatalf("%v %+v", err, r)
			}
			names := map[string]bool{}
			for _, ss := range statementsOf(t, st) {
				for _, s := range ss {
					names[s.Value] = true
				}
			}
			if !names["أحمد خليل"] || !names["سمير حداد"] {
				t.Errorf("names: %v", names)
			}
			spansHold(t, st)
		})
	}
}

// A column naming facilities links rows to the stored facility the names
// matcher finds, a source URL column is cited as the rows' source, and
// resolution after the import merges a person already stored.
func TestSpreadsheetLinksAndResolution(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	ids := map[string]string{}
	err := st.Write(ctx, "test", func(tx *store.Tx) error {
		src := model.Source{Kind: model.KindArticle, Title: "Report", Text: "Ahmad Khalil, born 1980, was held in Sednaya Prison.", Sensitivity: model.Public}
		if err := tx.AddSource(ctx, &src, []byte(src.Text)); err != nil {
			return err
		}
		for key, e := range map[string]struct {
			typ  model.EntityType
			name string
		}{"prison": {model.TypeFacility, "Sednaya Prison"}, "person": {model.TypePerson, "Ahmad Khalil"}} {
			ent, err := tx.AddEntity(ctx, e.typ)
			if err != nil {
				return err
			}
			ids[key] = ent.ID
			if err := tx.AddStatement(ctx, &model.Statement{EntityID: ent.ID, Property: "name", Value: e.name, SourceID: src.ID,
				Status: model.StatusConfirmed, Origin: "manual"}); err != nil {
				return err
			}
		}
		return tx.AddStatement(ctx, &model.Statement{EntityID: ids["person"], Property: "birthDate", Value: "1980", SourceID: src.ID,
			Status: model.StatusConfirmed, Origin: "manual", DateStart: model.Date{Year: 1980, Precision: model.PrecisionYear}})
	})
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("Name,Born,Held at,Nationality,Comment,Source\n" +
		"Ahmad Khalil,1980,Sednaya Prison,Syria,seen in 2013,https://ngo.example/cases/1\n" +
		"Mazen Hamada,1977,Branch 999,sy,,https://ngo.example/cases/2\n" +
		"Rana Khoury,1975,Sednaya Prison,,,https://ngo.example/cases/1\n")
	m := mustMapping(t, `entity_type: person
properties:
  name: Name
  birthDate: Born
  nationality: Nationality
  notes: Comment
links:
  location: {column: Held at, match: facility}
source_url: Source
`)
	r, err := CSV(ctx, st, access.Operator(), data, m, Options{Filename: "partner.csv", Sensitivity: model.Restricted})
	if err != nil || len(r.Errors) > 0 {
		t.Fatalf("%v %+v", err, r)
	}
	if r.Sources != 2 {
		t.Errorf("%d source records, want one per URL", r.Sources)
	}
	if r.Merged != 1 {
		t.Errorf("resolution merged %d, want the imported Ahmad Khalil into the stored one", r.Merged)
	}
	all := statementsOf(t, st)
	var newFacility string
	for id, ss := range all {
		for _, s := range ss {
			if s.Property == "location" {
				switch s.Value {
				case "Sednaya Prison":
					if s.ValueEntity != ids["prison"] {
						t.Errorf("Sednaya Prison linked to %s, not the stored facility", s.ValueEntity)
					}
				case "Branch 999":
					newFacility = s.ValueEntity
				}
			}
			if s.Property == "nationality" && s.Value != "sy" {
				t.Errorf("nationality %q", s.Value)
			}
			if s.Origin != "manual" {
				src, err := st.Source(ctx, access.Operator(), s.SourceID)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(src.URL, "https://ngo.example/cases/") || src.Sensitivity != model.Restricted {
					t.Errorf("%s of %s cites %s (%q)", s.Property, id, src.ID, src.URL)
				}
			}
		}
	}
	if newFacility == "" || all[newFacility] == nil || all[newFacility][0].Value != "Branch 999" {
		t.Errorf("the unknown facility is not a new facility named by the row: %v", all[newFacility])
	}
	spansHold(t, st)
	merged := 0
	for _, imp := range r.Imported {
		e, err := st.Entity(ctx, imp.ID)
		if err != nil {
			t.Fatal(err)
		}
		if e.MergedInto == ids["person"] {
			merged++
		}
	}
	if merged != 1 {
		t.Errorf("%d imported entities merged into the stored Ahmad Khalil", merged)
	}
}

func TestMappingProperties(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"entity_type: person\nproperties: {name: A, favouriteColour: B}\n", `"favouriteColour" is not one FtM has for person: map its column to notes`},
		{"entity_type: person\nproperties: {name: A, notes: B}\n", ""},
		{"entity_type: event\nproperties: {eventType: A, date: B, summary: C}\n", ""},
		{"entity_type: person\nproperties: {name: A}\nlinks: {location: {column: B, match: event}}\n", "match"},
		{"entity_type: person\nproperties: {name: A}\nlinks: {location: {column: B, match: facility}}\n", ""},
		{"entity_type: person\nproperties:\n  name: A\ncolour: red\n", "line 4: field colour is not a key a mapping has"},
		{"entity_type: person\nproperties:\n  name: A\nlinks:\n  location: {column: B, colour: red}\n", "line 5: field colour not found in a link"},
		{"entity_type: person\nproperties: {name: {x: y}}\n", "line 2"},
	} {
		_, err := ParseMappingYAML([]byte(c.yaml))
		if (c.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%q: %v, want %q", c.yaml, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "json") {
			t.Errorf("a YAML mapping's error speaks of JSON: %v", err)
		}
	}
}

func FuzzParseMappingYAML(f *testing.F) {
	f.Add([]byte(people))
	f.Add(readTestdata(f, "detainees.mapping.yaml"))
	f.Add([]byte("entity_type: person\nproperties: {name: [A, B]}\nlinks: {location: {column: C, match: facility}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMappingYAML(data)
		if err != nil {
			return
		}
		if err := m.check(); err != nil {
			t.Fatalf("parsed but fails its check: %v", err)
		}
	})
}
