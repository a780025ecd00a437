package dataimport

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/export"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCSV(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		data := readTestdata(t, "detainees.csv")
		m, err := ParseMapping(readTestdata(t, "detainees.mapping.json"))
		if err != nil {
			t.Fatal(err)
		}
		r, err := CSV(ctx, st, access.Operator(), data, m, Options{Filename: "detainees.csv", Sensitivity: model.Internal, BatchSize: 2})
		if err != nil {
			t.Fatal(err)
		}
		// Bad rows: one each, by line, with the reason; the good ones stored.
		want := map[int]string{6: "03/01/1990", 7: "vehicle", 8: "is a facility here and a person"}
		if len(r.Errors) != len(want) {
			t.Errorf("errors: %v", r.Errors)
		}
		for _, e := range r.Errors {
			if !strings.Contains(e.Error(), want[e.Line]) {
				t.Errorf("line %d: %v, want it to say %q", e.Line, e.Err, want[e.Line])
			}
		}
		if r.SkippedLinks != 1 { // D-9 is in no row
			t.Errorf("skipped links %d, want 1", r.SkippedLinks)
		}
		if r.Entities != 4 {
			t.Errorf("%d entities, want 4", r.Entities)
		}
		// Every fact is proposed, internal, cites the file, and its quote
		// is the row's text at the span's place in the file.
		src, err := st.Source(ctx, access.Operator(), r.Source)
		if err != nil {
			t.Fatal(err)
		}
		if src.Kind != model.KindDocument || src.Sensitivity != model.Internal || src.Filename != "detainees.csv" {
			t.Errorf("archived file: %+v", src)
		}
		text := []rune(src.Text)
		names := map[string]bool{}
		var event string
		count := 0
		err = export.Each(ctx, st, access.Operator(), export.Options{}, func(e export.Entity) error {
			if e.Athar == nil || e.Athar.Type == "source" {
				return nil
			}
			for _, n := range e.Properties["name"] {
				names[n] = true
			}
			if e.Schema == "Event" {
				event = e.ID
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"Ahmad Khalil", `Omar "Abu Ali" Darwish`, "Sednaya Prison", "Arrest of Ahmad Khalil"} {
			if !names[n] {
				t.Errorf("%q not imported (have %v)", n, names)
			}
		}
		page, err := st.EntityPage(ctx, "", 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page {
			ss, err := st.Statements(ctx, access.Operator(), e.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range ss {
				count++
				if s.Status != model.StatusProposed || s.Sensitivity != model.Internal || s.SourceID != r.Source {
					t.Errorf("statement %s: %s %s %s", s.Property, s.Status, s.Sensitivity, s.SourceID)
				}
				if got := string(text[s.Span.Start:s.Span.End]); got != s.Span.Quote || !strings.Contains(got, ",") {
					t.Errorf("span of %s is %q, quote %q", s.Property, got, s.Span.Quote)
				}
				if s.Property == "location" && e.ID != event {
					// a detainee's "Held at" is a location too
					continue
				}
				if s.Property == "alias" && s.Value != "أحمد خليل" && s.Value != "Abu Khalil" && s.Value != "صيدنايا" {
					t.Errorf("alias %q", s.Value)
				}
			}
		}
		// names 3 + aliases 3 + birthDate 2 + date 1 + location 3 + event name 1
		if count != r.Statements || count != 13 {
			t.Errorf("%d statements stored, %d reported, want 13", count, r.Statements)
		}
		// Importing the file again stores nothing twice.
		again, err := CSV(ctx, st, access.Operator(), data, m, Options{Filename: "detainees.csv", Sensitivity: model.Internal})
		if err != nil || again.Statements != 0 || again.Existing != 13 || again.Entities != 0 {
			t.Errorf("second import: %+v %v", again, err)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %v %+v", err, rep)
		}
	})
}

func TestMappingErrors(t *testing.T) {
	for _, c := range []struct{ mapping, want string }{
		{`{"properties": {"name": "A"}}`, "entity_type or type_column"},
		{`{"entity_type": "person", "type_column": "T", "properties": {"name": "A"}}`, "one of them"},
		{`{"entity_type": "vehicle", "properties": {"name": "A"}}`, "unknown entity type"},
		{`{"entity_type": "person"}`, "no properties"},
		{`{"entity_type": "person", "properties": {"involved": "A"}}`, "put it under links"},
		{`{"entity_type": "person", "properties": {"name": "A"}, "links": {"involved": "B"}}`, "give id_column"},
		{`{"entity_type": "event", "id_column": "I", "properties": {"name": "A"}, "links": {"involved": {"column": "B", "role": "boss"}}}`, "unknown role"},
		{`{"entity_type": "person", "properties": {"name": "A"}, "split": {"alias": ";"}}`, "not a mapped property"},
		{`{"entity_type": "person", "properties": {"name": 3}}`, "column name"},
		{`{"entity_type": "person", "propertes": {"name": "A"}}`, "unknown field"},
		{`{"entity_type": "person", "properties": {"name": "A"}, "delimiter": "x"}`, "delimiter"},
	} {
		_, err := ParseMapping([]byte(c.mapping))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.mapping, err, c.want)
		}
	}
}

func TestCSVMissingColumn(t *testing.T) {
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	m, err := ParseMapping([]byte(`{"entity_type": "person", "properties": {"name": "Name", "alias": "Nickname"}}`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = CSV(context.Background(), st, access.Operator(), []byte("Name\nA\n"), m, Options{Filename: "x.csv"})
	if err == nil || !strings.Contains(err.Error(), `"Nickname"`) {
		t.Errorf("missing column: %v", err)
	}
	// Nothing was stored: not even the file.
	if c, err := st.CountSources(context.Background(), access.Operator()); err != nil || c.Total != 0 {
		t.Errorf("sources after a refused import: %d %v", c.Total, err)
	}
}

func TestReadCSVSpans(t *testing.T) {
	data := []byte("\ufeffa;b\r\n\"x;1\";صيدنايا\r\n\"multi\nline\";z\n")
	header, rows, bad, err := ReadCSV(string(data), ";")
	if err != nil || len(bad) > 0 {
		t.Fatal(err, bad)
	}
	if strings.Join(header, "|") != "a|b" || len(rows) != 2 {
		t.Fatalf("header %v, rows %v", header, rows)
	}
	text := []rune(string(bytes.TrimPrefix(data, []byte("\ufeff"))))
	for _, r := range rows {
		if string(text[r.Span.Start:r.Span.End]) != r.Span.Quote {
			t.Errorf("row at line %d: span %q, quote %q", r.Line, string(text[r.Span.Start:r.Span.End]), r.Span.Quote)
		}
	}
	if rows[0].Line != 2 || rows[1].Line != 3 || rows[1].Fields[0] != "multi\nline" {
		t.Errorf("rows: %+v", rows)
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("a,b\n1,2\n"), ",")
	f.Add([]byte("a;b\r\n\"x;1\";صيدنايا\r\n"), ";")
	f.Add([]byte("a\n\"unterminated\n"), ",")
	f.Add([]byte("\ufeffName\tAlias\nأحمد\tAbu\n"), "\t")
	f.Fuzz(func(t *testing.T, data []byte, delim string) {
		if delim != "," && delim != ";" && delim != "\t" {
			delim = ","
		}
		if !utf8.Valid(data) {
			return
		}
		_, rows, _, err := ReadCSV(string(data), delim)
		if err != nil {
			return
		}
		text := []rune(string(bytes.TrimPrefix(data, []byte("\ufeff"))))
		for _, r := range rows {
			if r.Span.Start < 0 || r.Span.End > len(text) || r.Span.Start > r.Span.End {
				t.Fatalf("span [%d,%d) outside %d code points", r.Span.Start, r.Span.End, len(text))
			}
			if string(text[r.Span.Start:r.Span.End]) != r.Span.Quote {
				t.Fatalf("span %q is not the quote %q", string(text[r.Span.Start:r.Span.End]), r.Span.Quote)
			}
		}
	})
}

func FuzzParseMapping(f *testing.F) {
	f.Add([]byte(`{"entity_type": "person", "properties": {"name": "A"}}`))
	f.Add(readTestdata(f, "detainees.mapping.json"))
	f.Add([]byte(`{"type_column": "T", "types": {"x": "place"}, "properties": {"name": ["A", "B"]}, "split": {"name": ","}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMapping(data)
		if err != nil {
			return
		}
		// A mapping that parses is one the importer accepts.
		if err := m.check(); err != nil {
			t.Fatalf("parsed but fails its check: %v", err)
		}
	})
}

func TestMappingYAML(t *testing.T) {
	j, err := ParseMappingFile("m.json", readTestdata(t, "detainees.mapping.json"))
	if err != nil {
		t.Fatal(err)
	}
	y, err := ParseMappingFile("m.yaml", readTestdata(t, "detainees.mapping.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(j) != fmt.Sprint(y) {
		t.Errorf("YAML %+v\nJSON %+v", y, j)
	}
	if _, err := ParseMappingFile("m.yml", []byte("entity_type: person\nproperties: {name: [A, B]}\ncolour: red\n")); err == nil || !strings.Contains(err.Error(), "colour") {
		t.Errorf("unknown YAML key: %v", err)
	}
}
