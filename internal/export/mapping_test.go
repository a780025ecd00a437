package export

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/export/ftm/ftmtest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// TestMappingRules checks how statements become FtM: edges for
// affiliations and imported relationships, countries from the gazetteer,
// names FtM requires, the schema an import kept, and values FtM would
// refuse kept out of "properties".
func TestMappingRules(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	ids := map[string]string{}
	err := st.Write(ctx, "test", func(tx *store.Tx) error {
		src := model.Source{Kind: model.KindArticle, Title: "Guards named", URL: "https://news.example/guards", Language: "ar",
			ContentType: "text/html; charset=utf-8", Text: "text", Sensitivity: model.Public}
		if err := tx.AddSource(ctx, &src, []byte("guards named")); err != nil {
			return err
		}
		ids["source"] = src.ID
		ent := func(key string, typ model.EntityType) {
			e, err := tx.AddEntity(ctx, typ)
			if err != nil {
				t.Fatal(err)
			}
			ids[key] = e.ID
		}
		add := func(key, prop, value, link string) {
			s := model.Statement{EntityID: ids[key], Property: model.Property(prop), Value: value, ValueEntity: ids[link], SourceID: src.ID,
				Status: model.StatusConfirmed, Origin: "manual", Role: map[bool]model.ParticipantRole{true: model.Subject}[prop == "involved"]}
			if err := tx.AddStatement(ctx, &s); err != nil {
				t.Fatal(err)
			}
		}
		ent("prison", model.TypeFacility)
		add("prison", "name", "Sednaya Prison", "")
		add("prison", "gazetteer", "facility:sednaya_prison", "")
		ent("guard", model.TypePerson)
		add("guard", "name", "Ous Salloum", "")
		add("guard", "position", "former prison guard", "")
		add("guard", "affiliation", "Sednaya Prison", "prison")
		ent("detainee", model.TypePerson)
		add("detainee", "name", "Mazen Hamada", "")
		add("detainee", "position", "former detainee", "")
		add("detainee", "affiliation", "Sednaya Prison", "prison")
		add("detainee", "family", "brother", "guard") // as an import of an FtM Family edge keeps it
		add("detainee", "birthDate", "not known", "")
		ent("aliasOnly", model.TypePerson)
		add("aliasOnly", "alias", "Abu Ali", "")
		ent("nameless", model.TypePerson)
		add("nameless", "birthPlace", "Homs", "")
		ent("company", model.TypeOrganization)
		add("company", "name", "Cham Holding", "")
		add("company", SchemaProperty, "Company", "")
		add("company", "registrationNumber", "DM-1234", "")
		add("company", "jurisdiction", "sy", "")
		ent("event", model.TypeEvent)
		add("event", "eventType", "arrest", "")
		add("event", "involved", "", "guard")
		add("event", "involved", "", "nameless")
		add("event", "location", "", "prison")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := byID(collect(t, st, access.Operator(), Options{}))
	schemaOf := map[string]string{}
	var edgesSeen []Entity
	for _, e := range got {
		checkFtM(t, e)
		schemaOf[e.ID] = e.Schema
		if e.Athar != nil && e.Athar.Type == "link" {
			edgesSeen = append(edgesSeen, e)
		}
	}
	edge := func(schema, from, to string) *Entity {
		for i, e := range edgesSeen {
			if e.Schema == schema && slices.Contains(flat(e.Properties), ids[from]) && slices.Contains(flat(e.Properties), ids[to]) {
				return &edgesSeen[i]
			}
		}
		return nil
	}
	if e := edge("Employment", "guard", "prison"); e == nil || e.Properties["employee"][0] != ids["guard"] || e.Properties["role"][0] != "former prison guard" {
		t.Errorf("a guard's affiliation with a prison: %+v (edges %+v)", e, edgesSeen)
	}
	if edge("UnknownLink", "detainee", "prison") == nil {
		t.Errorf("a detainee's affiliation with a prison should be an UnknownLink: %+v", edgesSeen)
	}
	if e := edge("Family", "detainee", "guard"); e == nil || e.Properties["person"][0] != ids["detainee"] || e.Properties["relative"][0] != ids["guard"] ||
		!slices.Contains(flat(e.Properties), "brother") {
		t.Errorf("an imported Family edge: %+v", e)
	}
	if c := got[ids["prison"]].Properties["country"]; !slices.Equal(c, []string{"sy"}) {
		t.Errorf("the prison's country: %v", c)
	}
	ev := got[ids["event"]]
	if c := ev.Properties["country"]; !slices.Equal(c, []string{"sy"}) {
		t.Errorf("the event's country: %v", c)
	}
	if n := ev.Properties["name"]; len(n) == 0 || n[0] != "Arrest: Ous Salloum" {
		t.Errorf("the event's caption: %v", n)
	}
	if !slices.Equal(ev.Properties["location"], []string{"Sednaya Prison"}) {
		t.Errorf("the event's location in words: %v", ev.Properties["location"])
	}
	if _, ok := got[ids["nameless"]]; ok {
		t.Error("a person with no name is exported")
	}
	if slices.Contains(ev.Properties["involved"], ids["nameless"]) {
		t.Error("the event links to a person left out of the export")
	}
	if a := got[ids["aliasOnly"]]; !slices.Equal(a.Properties["name"], []string{"Abu Ali"}) {
		t.Errorf("a person known by an alias only: %+v", a.Properties)
	}
	c := got[ids["company"]]
	if c.Schema != "Company" || !slices.Equal(c.Properties["registrationNumber"], []string{"DM-1234"}) ||
		!slices.Equal(c.Properties["jurisdiction"], []string{"sy"}) || c.Athar.Properties[SchemaProperty] != nil {
		t.Errorf("an imported Company: %s %+v %+v", c.Schema, c.Properties, c.Athar.Properties)
	}
	d := got[ids["detainee"]]
	if d.Properties["birthDate"] != nil || !slices.Equal(d.Athar.Properties["birthDate"], []string{"not known"}) {
		t.Errorf("a birth date FtM cannot read: %+v %+v", d.Properties, d.Athar.Properties)
	}
	doc := got[DocumentID(ids["source"])]
	if !slices.Equal(doc.Properties["language"], []string{"ara"}) || !slices.Equal(doc.Properties["fileName"], []string{"guards"}) ||
		!slices.Equal(doc.Properties["mimeType"], []string{"text/html"}) {
		t.Errorf("the source's Document: %+v", doc.Properties)
	}
	var lang []string
	for _, s := range Statements(got[ids["guard"]]) {
		if s.Lang != nil {
			lang = append(lang, s.Value)
		}
	}
	if len(lang) != 0 {
		t.Errorf("lang on Latin values: %v", lang)
	}

	ftmtest.Available(t)
	ftmtest.Check(t, writeAll(t, st, access.Operator(), Options{}, t.TempDir())...)
	dir := filepath.Join(t.TempDir(), "pub")
	if err := Public(ctx, st, dir); err != nil {
		t.Fatal(err)
	}
	ftmtest.Check(t, filepath.Join(dir, FTMFile))
}

func flat(m map[string][]string) []string {
	var out []string
	for _, vs := range m {
		out = append(out, vs...)
	}
	return out
}

func TestArabicValuesHaveLang(t *testing.T) {
	e := Entity{ID: "p1", Schema: "Person", Properties: map[string][]string{"name": {"أوس سلوم", "Ous Salloum"}, "birthDate": {"1980"}},
		Athar: &Athar{Type: "person"}}
	langs := map[string]string{}
	for _, s := range Statements(e) {
		l := ""
		if s.Lang != nil {
			l = *s.Lang
		}
		langs[s.Value] = l
	}
	if langs["أوس سلوم"] != "ara" || langs["Ous Salloum"] != "" || langs["1980"] != "" || langs["p1"] != "" {
		t.Errorf("langs: %v", langs)
	}
}

func TestDocumentIDs(t *testing.T) {
	for _, id := range []string{"src_25d6cfe8a42a141d", "src_0000000000000000"} {
		d := DocumentID(id)
		if d == id || SourceID(d) != id || SourceID(id) != id {
			t.Errorf("%s → %s → %s", id, d, SourceID(d))
		}
	}
	long := documentationID(string(make([]byte, 190)), "src-1")
	if len(long) > 200 {
		t.Errorf("a Documentation id of %d characters", len(long))
	}
}
