package ftm_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/athar-project/athar/internal/export/ftm"
	"github.com/athar-project/athar/internal/export/ftm/ftmtest"
)

// TestModelIsTheLibrarys re-runs dump-model.js and compares its output with
// the embedded model.json: the Go model must be the one the validator uses.
func TestModelIsTheLibrarys(t *testing.T) {
	ftmtest.Available(t)
	out, err := ftmtest.Script("dump-model.js")
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("model.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, have) {
		t.Error("model.json differs from what dump-model.js writes: run `node ftmtest/js/dump-model.js > model.json`")
	}
}

func TestModel(t *testing.T) {
	m := ftm.Default()
	person := m.Schema("Person")
	if person == nil || !person.IsA("LegalEntity") || !person.IsA("Thing") || person.IsA("Organization") {
		t.Fatalf("Person: %+v", person)
	}
	for _, c := range []struct {
		schema, prop, typ string
	}{
		{"Person", "name", "name"}, {"Person", "birthDate", "date"}, {"Person", "nationality", "country"},
		{"Company", "registrationNumber", "identifier"}, {"Company", "jurisdiction", "country"},
		{"Person", "topics", "topic"}, {"Event", "involved", "entity"}, {"Document", "fileName", "string"},
		{"Membership", "member", "entity"}, {"Thing", "sourceUrl", "url"},
	} {
		s := m.Schema(c.schema)
		if s == nil {
			t.Errorf("no schema %s", c.schema)
			continue
		}
		p := s.Property(c.prop)
		if p == nil || p.Type != c.typ {
			t.Errorf("%s.%s: %+v, want type %s", c.schema, c.prop, p, c.typ)
		}
	}
	if m.Schema("Person").Property("eventType") != nil || m.Schema("Nope") != nil {
		t.Error("a property or schema FtM lacks")
	}
	if e := m.Schema("Membership").Edge; e == nil || e.Source != "member" || e.Target != "organization" {
		t.Errorf("Membership edge: %+v", e)
	}
	if got := m.Schema("Event").Property("involved").Range; got != "LegalEntity" {
		t.Errorf("Event.involved range %q", got)
	}
	if !m.Schema("Thing").Abstract || m.Schema("Person").Abstract {
		t.Error("abstract")
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"01a24983-cbec-78b3-a8eb-841edf307977": true, "src-25d6cfe8a42a141d": true, "NK-aU5ybkbRFJucf8YMwsJvDw": true,
		"ofac-12345": true, "Q7747": true, "a": true, "a.b": true,
		"src_25d6cfe8a42a141d": false, "": false, "-a": false, "a-": false, "a b": false, "ä": false,
		string(bytes.Repeat([]byte("a"), 201)): false, string(bytes.Repeat([]byte("a"), 200)): true,
	} {
		if got := ftm.ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v", id, got)
		}
	}
}

func TestCheck(t *testing.T) {
	m := ftm.Default()
	prop := func(schema, name string) *ftm.Property { return m.Schema(schema).Property(name) }
	for _, c := range []struct {
		schema, prop, value string
		ok                  bool
	}{
		{"Person", "birthDate", "1980", true}, {"Person", "birthDate", "1980-05-02", true},
		{"Person", "birthDate", "1980-05-02T10:30", true}, {"Person", "birthDate", "not known", false},
		{"Person", "birthDate", "1980-02-30", false}, {"Person", "birthDate", "02/05/1980", false},
		{"Person", "nationality", "sy", true}, {"Person", "nationality", "Syrian", false}, {"Person", "nationality", "SY", false},
		{"Document", "language", "ara", true}, {"Document", "language", "ar", false},
		{"Person", "topics", "sanction", true}, {"Person", "topics", "villain", false},
		{"Person", "gender", "female", true}, {"Person", "gender", "f", false},
		{"Thing", "sourceUrl", "https://ngo.example/cases/1", true}, {"Thing", "sourceUrl", "javascript:alert(1)", false},
		{"Thing", "sourceUrl", "ngo.example", false},
		{"Event", "involved", "NK-abc", true}, {"Event", "involved", "src_abc", false},
		{"Person", "name", "أوس سلوم", true}, {"Person", "name", " ", false},
		{"Document", "mimeType", "text/html", true}, {"Document", "mimeType", "text/html; charset=utf-8", false},
		{"Person", "nationality", "a-very-long-country-code", false},
	} {
		err := m.Check(prop(c.schema, c.prop), c.value)
		if (err == nil) != c.ok {
			t.Errorf("%s.%s = %q: %v", c.schema, c.prop, c.value, err)
		}
	}
}

func TestCountryCode(t *testing.T) {
	m := ftm.Default()
	for in, want := range map[string]string{"sy": "sy", "SY": "sy", "Syria": "sy", "lebanon": "lb", "Atlantis": ""} {
		if got := m.CountryCode(in); got != want {
			t.Errorf("CountryCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"2021-02-16T21:48:52", "sy", "https://a.example/x", "not known", "ara", "NK-1", ""} {
		f.Add("Person", "birthDate", s)
	}
	f.Add("Thing", "sourceUrl", "http://[::1")
	f.Add("Event", "involved", "a.b-c")
	f.Fuzz(func(t *testing.T, schema, prop, value string) {
		m := ftm.Default()
		s := m.Schema(schema)
		if s == nil {
			return
		}
		p := s.Property(prop)
		if p == nil {
			return
		}
		if m.Check(p, value) != nil {
			return
		}
		switch p.Type {
		case "date":
			if !ftm.ValidDate(value) {
				t.Fatalf("accepted date %q", value)
			}
		case "entity":
			if !ftm.ValidID(value) {
				t.Fatalf("accepted id %q", value)
			}
		case "country", "language", "topic", "gender":
			if _, ok := m.Types[p.Type].Values[value]; !ok {
				t.Fatalf("accepted %s %q", p.Type, value)
			}
		}
	})
}
