package export

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	mathrand "math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/export/ftm"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// The seeded values, by what may see them. Each is distinct so that a test
// can search output files for it.
const (
	pubName       = "Samir Haddad"      // public, confirmed
	pubArabic     = "سمير حداد"         // public, confirmed (alias)
	proposedAlias = "Abu Samir"         // public, proposed
	rejectedName  = "Samer Hadad"       // public, rejected
	internalTitle = "Brigadier General" // internal, confirmed
	witnessName   = "Rana Khoury"       // confidential testimony, confirmed
	testimonyText = "beaten daily in cell nine"
	onlyProposed  = "Karim Nassar" // a person with only a proposed statement
	placeName     = "Saydnaya"
	facilityName  = "Branch 215"
	ministryName  = "Ministry of Interior"
	pubQuote      = "Samir Haddad, head of the branch"
	mergedAlias   = "S. Haddad"
)

type seeded struct {
	person, merged, witness, event, testimony, proposedPerson string
	pubSource, testimonySource, internalSource                string
}

func seed(t *testing.T, st *store.Store) seeded {
	t.Helper()
	sameIDs(t)
	ctx := context.Background()
	var s seeded
	err := st.Write(ctx, "test", func(tx *store.Tx) error {
		src := func(kind model.SourceKind, sens model.Sensitivity, title, url, text string) string {
			// Ids fixed by the text, so that the golden files keep them
			// (new sources get random ids).
			x := model.Source{ID: "src_" + store.Hash([]byte(text))[:16], Kind: kind, Title: title, Publisher: "Pub " + title, URL: url,
				Published: model.DayDate(2024, 12, 9), Language: "en", Text: text, Sensitivity: sens}
			if err := tx.AddSource(ctx, &x, []byte(text)); err != nil {
				t.Fatal(err)
			}
			return x.ID
		}
		s.pubSource = src(model.KindArticle, model.Public, "Arrests in Damascus", "https://news.example/a", "Colonel "+pubQuote+", was arrested.")
		s.testimonySource = src(model.KindTestimony, model.Confidential, "Testimony 7", "", witnessName+" said she was "+testimonyText+".")
		s.internalSource = src(model.KindDocument, model.Internal, "Internal memo", "", "He holds the rank of "+internalTitle+".")
		ent := func(typ model.EntityType) string {
			e, err := tx.AddEntity(ctx, typ)
			if err != nil {
				t.Fatal(err)
			}
			return e.ID
		}
		add := func(st model.Statement) {
			if st.Origin == "" {
				st.Origin = "manual"
			}
			if err := tx.AddStatement(ctx, &st); err != nil {
				t.Fatal(err)
			}
		}
		conf, prop := model.StatusConfirmed, model.StatusProposed
		s.person = ent(model.TypePerson)
		add(model.Statement{EntityID: s.person, Property: "name", Value: pubName, SourceID: s.pubSource, Status: conf,
			Span: model.Span{Start: 8, End: 40, Quote: pubQuote}})
		add(model.Statement{EntityID: s.person, Property: "alias", Value: pubArabic, SourceID: s.pubSource, Status: conf})
		add(model.Statement{EntityID: s.person, Property: "weakAlias", Value: proposedAlias, SourceID: s.pubSource, Status: prop})
		add(model.Statement{EntityID: s.person, Property: "name", Value: rejectedName, SourceID: s.pubSource, Status: model.StatusRejected})
		add(model.Statement{EntityID: s.person, Property: "title", Value: internalTitle, SourceID: s.internalSource, Status: conf})

		// A duplicate merged into the person: its names are the person's, and
		// a link to it is a link to the person.
		s.merged = ent(model.TypePerson)
		add(model.Statement{EntityID: s.merged, Property: "alias", Value: mergedAlias, SourceID: s.pubSource, Status: conf})
		if err := tx.SetMergedInto(ctx, s.merged, s.person); err != nil {
			t.Fatal(err)
		}

		s.witness = ent(model.TypePerson)
		add(model.Statement{EntityID: s.witness, Property: "name", Value: witnessName, SourceID: s.testimonySource, Status: conf})

		s.proposedPerson = ent(model.TypePerson)
		add(model.Statement{EntityID: s.proposedPerson, Property: "name", Value: onlyProposed, SourceID: s.pubSource, Status: prop})

		place := ent(model.TypePlace)
		add(model.Statement{EntityID: place, Property: "name", Value: placeName, SourceID: s.pubSource, Status: conf})
		facility := ent(model.TypeFacility)
		add(model.Statement{EntityID: facility, Property: "name", Value: facilityName, SourceID: s.pubSource, Status: conf})
		ministry := ent(model.TypeOrganization)
		add(model.Statement{EntityID: ministry, Property: "name", Value: ministryName, SourceID: s.pubSource, Status: conf})

		s.event = ent(model.TypeEvent)
		add(model.Statement{EntityID: s.event, Property: "eventType", Value: "arrest", SourceID: s.pubSource, Status: conf, Modality: model.Alleged})
		add(model.Statement{EntityID: s.event, Property: "date", Value: "2012-03-04", SourceID: s.pubSource, Status: conf,
			DateStart: model.DayDate(2012, 3, 4)})
		add(model.Statement{EntityID: s.event, Property: "involved", ValueEntity: s.merged, Role: "subject", SourceID: s.pubSource, Status: conf, Modality: model.Alleged})
		add(model.Statement{EntityID: s.event, Property: "involved", ValueEntity: s.witness, Role: "witness", SourceID: s.testimonySource, Status: conf})
		add(model.Statement{EntityID: s.event, Property: "location", ValueEntity: place, SourceID: s.pubSource, Status: conf})
		add(model.Statement{EntityID: s.event, Property: "location", ValueEntity: facility, SourceID: s.pubSource, Status: conf})
		add(model.Statement{EntityID: s.event, Property: "organizer", ValueEntity: ministry, SourceID: s.pubSource, Status: prop})
		// A public, confirmed link to a person of whom only a proposed name
		// is known: out of the confirmed exports, so the link must go too.
		add(model.Statement{EntityID: s.event, Property: "involved", ValueEntity: s.proposedPerson, Role: "victim", SourceID: s.pubSource, Status: conf})

		s.testimony = ent(model.TypeEvent)
		add(model.Statement{EntityID: s.testimony, Property: "eventType", Value: "torture_allegation", SourceID: s.testimonySource, Status: conf, Modality: model.Alleged})
		add(model.Statement{EntityID: s.testimony, Property: "summary", Value: testimonyText, SourceID: s.testimonySource, Status: conf,
			Span: model.Span{Start: 24, End: 49, Quote: testimonyText}})
		add(model.Statement{EntityID: s.testimony, Property: "involved", ValueEntity: s.witness, Role: "victim", SourceID: s.testimonySource, Status: conf})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func collect(t *testing.T, st *store.Store, v access.Viewer, opt Options) []Entity {
	t.Helper()
	var out []Entity
	if err := Each(context.Background(), st, v, opt, func(e Entity) error { out = append(out, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func byID(es []Entity) map[string]Entity {
	m := map[string]Entity{}
	for _, e := range es {
		m[e.ID] = e
	}
	return m
}

// values lists every value an entity's properties and athar object hold.
func values(e Entity) string {
	b, _ := json.Marshal(e)
	return string(b)
}

func TestExport(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		s := seed(t, st)
		cases := []struct {
			name    string
			viewer  access.Viewer
			opt     Options
			present []string // values that must appear
			absent  []string // values that must not
			ids     []string // entities that must be there
			noIDs   []string // entities that must not
		}{
			{name: "operator", viewer: access.Operator(),
				present: []string{pubName, pubArabic, proposedAlias, internalTitle, witnessName, testimonyText, onlyProposed, pubQuote},
				absent:  []string{rejectedName},
				ids:     []string{s.person, s.witness, s.event, s.testimony, s.proposedPerson, DocumentID(s.pubSource), DocumentID(s.testimonySource)}},
			{name: "operator confirmed", viewer: access.Operator(), opt: Options{Confirmed: true},
				present: []string{pubName, pubArabic, internalTitle, witnessName},
				absent:  []string{rejectedName, proposedAlias, onlyProposed},
				noIDs:   []string{s.proposedPerson}},
			{name: "internal clearance", viewer: mustNarrow(t, model.Internal),
				present: []string{pubName, internalTitle, proposedAlias},
				absent:  []string{rejectedName, witnessName, testimonyText},
				noIDs:   []string{s.witness, s.testimony, DocumentID(s.testimonySource)}},
			{name: "public viewer", viewer: access.Public(),
				present: []string{pubName, pubArabic},
				absent:  []string{rejectedName, proposedAlias, internalTitle, witnessName, testimonyText, onlyProposed},
				noIDs:   []string{s.witness, s.testimony, s.proposedPerson, DocumentID(s.testimonySource), DocumentID(s.internalSource)}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got := collect(t, st, c.viewer, c.opt)
				all := ""
				for _, e := range got {
					checkFtM(t, e)
					if e.Athar == nil {
						continue
					}
					for _, x := range e.Athar.Statements {
						if x.Status == string(model.StatusRejected) || (c.opt.Confirmed && x.Status != string(model.StatusConfirmed)) {
							t.Errorf("%s: statement %s has status %s", e.ID, x.ID, x.Status)
						}
					}
					all += values(e) + "\n"
				}
				for _, v := range c.present {
					if !strings.Contains(all, v) {
						t.Errorf("%q missing from the export", v)
					}
				}
				for _, v := range c.absent {
					if strings.Contains(all, v) {
						t.Errorf("%q leaked into the export", v)
					}
				}
				m := byID(got)
				for _, id := range c.noIDs {
					if strings.Contains(all, id) {
						t.Errorf("the export links to %s, which it leaves out", id)
					}
				}
				for _, id := range c.ids {
					if _, ok := m[id]; !ok {
						t.Errorf("entity %s missing", id)
					}
				}
				for _, id := range c.noIDs {
					if _, ok := m[id]; ok {
						t.Errorf("entity %s should not be exported", id)
					}
				}
			})
		}

		t.Run("mapping", func(t *testing.T) {
			m := byID(collect(t, st, access.Operator(), Options{}))
			p := m[s.person]
			if p.Schema != "Person" || !contains(p.Properties["name"], pubName) || !contains(p.Properties["alias"], pubArabic) ||
				!contains(p.Properties["weakAlias"], proposedAlias) || !contains(p.Properties["title"], internalTitle) {
				t.Errorf("person: %+v", p.Properties)
			}
			if _, ok := m[s.merged]; ok {
				t.Error("a merged entity is exported on its own")
			}
			if !contains(p.Properties["alias"], mergedAlias) {
				t.Errorf("the merged entity's alias is missing: %v", p.Properties["alias"])
			}
			if !contains(p.Properties["name"], pubName) || contains(p.Properties["name"], rejectedName) {
				t.Errorf("person names: %v", p.Properties["name"])
			}
			ev := m[s.event]
			if ev.Schema != "Event" || !contains(ev.Properties["involved"], s.person) || !contains(ev.Properties["involved"], s.witness) ||
				len(ev.Properties["addressEntity"]) != 1 || len(ev.Properties["organizer"]) != 1 || !contains(ev.Properties["date"], "2012-03-04") {
				t.Errorf("event: %+v", ev.Properties)
			}
			if _, ok := ev.Properties["eventType"]; ok {
				t.Error("eventType is not an FtM property")
			}
			if !contains(ev.Athar.Properties["eventType"], "arrest") || len(ev.Athar.Properties["location"]) != 1 {
				t.Errorf("event athar properties: %+v", ev.Athar.Properties)
			}
			roles := map[string]string{}
			for _, x := range ev.Athar.Statements {
				if x.ValueEntity == s.merged {
					t.Error("a statement links to the merged entity, not to the one it was merged into")
				}
				if x.Property == "involved" {
					roles[x.ValueEntity] = x.Role
				}
			}
			if roles[s.person] != "subject" || roles[s.witness] != "witness" {
				t.Errorf("roles: %v", roles)
			}
			if org := m[ev.Properties["organizer"][0]]; org.Schema != "PublicBody" {
				t.Errorf("a ministry is %s", org.Schema)
			}
			if src := m[DocumentID(s.pubSource)]; src.Schema != "Document" || !contains(src.Properties["sourceUrl"], "https://news.example/a") {
				t.Errorf("source: %+v", src)
			}
		})

		t.Run("streams", func(t *testing.T) {
			old := pageSize
			pageSize = 2
			defer func() { pageSize = old }()
			// The callback sees one entity at a time and keeps none; the
			// store is read two entity rows per query.
			count := map[string]int{}
			err := Each(context.Background(), st, access.Operator(), Options{}, func(e Entity) error {
				count[e.Schema]++
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]int{"Person": 3, "Address": 1, "Organization": 1, "PublicBody": 1, "Event": 2, "Document": 3, "Documentation": 10}
			if fmt.Sprint(count) != fmt.Sprint(want) {
				t.Errorf("streamed %v, want %v", count, want)
			}
		})

		t.Run("public dataset", func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			if err := Public(context.Background(), st, dir); err != nil {
				t.Fatal(err)
			}
			all := ""
			for _, f := range []string{FTMFile, EntitiesFile, StatementsFile, SourcesFile} {
				b, err := os.ReadFile(filepath.Join(dir, f))
				if err != nil {
					t.Fatal(err)
				}
				all += string(b)
			}
			for _, v := range []string{rejectedName, proposedAlias, internalTitle, witnessName, testimonyText, onlyProposed,
				pubQuote, "Testimony 7", "Internal memo", s.proposedPerson, s.witness, s.testimony, DocumentID(s.testimonySource), DocumentID(s.internalSource),
				s.testimonySource, s.internalSource, "was arrested"} {
				if strings.Contains(all, v) {
					t.Errorf("%q is in the public dataset", v)
				}
			}
			for _, v := range []string{pubName, pubArabic, "Arrests in Damascus", "https://news.example/a", s.person} {
				if !strings.Contains(all, v) {
					t.Errorf("%q is missing from the public dataset", v)
				}
			}
			if err := Public(context.Background(), st, dir); err == nil || !strings.Contains(err.Error(), "not empty") {
				t.Errorf("a second export into the same directory: %v", err)
			}
		})

		t.Run("golden", func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteFTM(context.Background(), st, access.Operator(), Options{}, &buf); err != nil {
				t.Fatal(err)
			}
			golden(t, "testdata/golden/operator.ftm.json", stableIDs(buf.String()))
			buf.Reset()
			dir := filepath.Join(t.TempDir(), "pub")
			if err := Public(context.Background(), st, dir); err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{FTMFile, EntitiesFile, StatementsFile, SourcesFile} {
				b, err := os.ReadFile(filepath.Join(dir, f))
				if err != nil {
					t.Fatal(err)
				}
				buf.WriteString("== " + f + "\n")
				buf.Write(b)
			}
			golden(t, "testdata/golden/public.txt", stableIDs(buf.String()))
		})
	})
}

// sameIDs makes the random ids the store hands out (UUID v4) the same on
// every run and engine until the test ends, so that exports, which list
// entities in id order, compare with their golden files.
func sameIDs(t *testing.T) {
	uuid.SetRand(mathrand.New(mathrand.NewSource(18)))
	t.Cleanup(func() { uuid.SetRand(nil) })
}

func mustNarrow(t *testing.T, c model.Sensitivity) access.Viewer {
	v, err := access.Operator().Narrow(c)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func contains(vs []string, v string) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// checkFtM checks an entity against FtM's model (the Go reading of it; the
// validator test runs FtM's own library over whole exports): its id, its
// schema, every property and value, and the required properties.
func checkFtM(t *testing.T, e Entity) {
	t.Helper()
	m := ftm.Default()
	if !ftm.ValidID(e.ID) {
		t.Errorf("%s: not an FtM id", e.ID)
	}
	sch := m.Schema(e.Schema)
	if sch == nil {
		t.Errorf("%s: no FtM schema %s", e.ID, e.Schema)
		return
	}
	for p, vs := range e.Properties {
		prop := sch.Property(p)
		if prop == nil {
			t.Errorf("%s: FtM %s has no property %s", e.ID, e.Schema, p)
			continue
		}
		if len(vs) == 0 {
			t.Errorf("%s: property %s with no value", e.ID, p)
		}
		for _, v := range vs {
			if err := m.Check(prop, v); err != nil {
				t.Errorf("%s: %s: %v", e.ID, p, err)
			}
		}
	}
	for _, r := range sch.Required {
		if len(e.Properties[r]) == 0 {
			t.Errorf("%s: %s needs %s", e.ID, e.Schema, r)
		}
	}
}

var uuidRE = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// stableIDs replaces the random entity and statement ids by their order of
// first appearance; the seeded sources' ids are fixed by their text.
func stableIDs(s string) string {
	seen := map[string]string{}
	return uuidRE.ReplaceAllStringFunc(s, func(id string) string {
		if r, ok := seen[id]; ok {
			return r
		}
		r := "id-" + strconv.Itoa(len(seen)+1)
		seen[id] = r
		return r
	})
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run with -update to see):\n%s", path, got)
	}
}
