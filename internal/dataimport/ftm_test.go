package dataimport

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/export"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// seed fills a store with what an export must carry: names in two scripts,
// a merged duplicate, statements of every status and several levels, an
// event with roles, modality, dates and links, quotes, and a source of
// each kind of sensitivity.
func seed(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	err := st.Write(ctx, "test", func(tx *store.Tx) error {
		src := func(kind model.SourceKind, sens model.Sensitivity, title, url, text string) string {
			x := model.Source{Kind: kind, Title: title, Publisher: "Pub " + title, URL: url, Published: model.DayDate(2024, 12, 9),
				Language: "en", Text: text, Sensitivity: sens}
			if err := tx.AddSource(ctx, &x, []byte(text)); err != nil {
				t.Fatal(err)
			}
			return x.ID
		}
		pub := src(model.KindArticle, model.Public, "Arrests in Damascus", "https://news.example/a", "Colonel Samir Haddad, head of the branch, was arrested.")
		testimony := src(model.KindTestimony, model.Confidential, "Testimony 7", "", "Rana Khoury said she was beaten daily in cell nine.")
		memo := src(model.KindDocument, model.Internal, "Internal memo", "", "He holds the rank of Brigadier General.")
		ent := func(typ model.EntityType) string {
			e, err := tx.AddEntity(ctx, typ)
			if err != nil {
				t.Fatal(err)
			}
			return e.ID
		}
		add := func(s model.Statement) {
			s.Origin = "manual"
			if err := tx.AddStatement(ctx, &s); err != nil {
				t.Fatal(err)
			}
		}
		conf, prop := model.StatusConfirmed, model.StatusProposed
		person := ent(model.TypePerson)
		add(model.Statement{EntityID: person, Property: "name", Value: "Samir Haddad", SourceID: pub, Status: conf,
			Span: model.Span{Start: 8, End: 40, Quote: "Samir Haddad, head of the branch"}})
		add(model.Statement{EntityID: person, Property: "alias", Value: "سمير حداد", SourceID: pub, Status: conf})
		add(model.Statement{EntityID: person, Property: "weakAlias", Value: "Abu Samir", SourceID: pub, Status: prop})
		add(model.Statement{EntityID: person, Property: "name", Value: "Samer Hadad", SourceID: pub, Status: model.StatusRejected})
		add(model.Statement{EntityID: person, Property: "title", Value: "Brigadier General", SourceID: memo, Status: conf})
		merged := ent(model.TypePerson)
		add(model.Statement{EntityID: merged, Property: "alias", Value: "S. Haddad", SourceID: pub, Status: conf})
		if err := tx.SetMergedInto(ctx, merged, person); err != nil {
			t.Fatal(err)
		}
		witness := ent(model.TypePerson)
		add(model.Statement{EntityID: witness, Property: "name", Value: "Rana Khoury", SourceID: testimony, Status: conf,
			Span: model.Span{Start: 0, End: 11, Quote: "Rana Khoury"}})
		place := ent(model.TypePlace)
		add(model.Statement{EntityID: place, Property: "name", Value: "Saydnaya", SourceID: pub, Status: conf})
		facility := ent(model.TypeFacility)
		add(model.Statement{EntityID: facility, Property: "name", Value: "Branch 215", SourceID: pub, Status: conf})
		ministry := ent(model.TypeOrganization)
		add(model.Statement{EntityID: ministry, Property: "name", Value: "Ministry of Interior", SourceID: pub, Status: conf})
		event := ent(model.TypeEvent)
		add(model.Statement{EntityID: event, Property: "eventType", Value: "arrest", SourceID: pub, Status: conf, Modality: model.Alleged})
		add(model.Statement{EntityID: event, Property: "date", Value: "2012-03", SourceID: pub, Status: conf,
			DateStart: model.Date{Year: 2012, Month: 3, Precision: model.PrecisionMonth}})
		add(model.Statement{EntityID: event, Property: "involved", ValueEntity: merged, Role: "subject", SourceID: pub, Status: conf, Modality: model.Alleged})
		add(model.Statement{EntityID: event, Property: "involved", ValueEntity: witness, Role: "witness", SourceID: testimony, Status: conf})
		add(model.Statement{EntityID: event, Property: "location", ValueEntity: place, SourceID: pub, Status: conf})
		add(model.Statement{EntityID: event, Property: "location", ValueEntity: facility, SourceID: pub, Status: conf})
		add(model.Statement{EntityID: event, Property: "organizer", ValueEntity: ministry, SourceID: pub, Status: prop, Modality: model.Denied})
		add(model.Statement{EntityID: event, Property: "summary", Value: "beaten daily in cell nine", SourceID: testimony, Status: conf,
			Span: model.Span{Start: 25, End: 50, Quote: "beaten daily in cell nine"}})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// emptyLike opens a new, empty store on the same engine as st.
func emptyLike(t *testing.T, st *store.Store) *store.Store { return storetest.Another(t, st) }

var (
	srcRE   = regexp.MustCompile(`src[-_][0-9a-f]{16}`)
	mimeRE  = regexp.MustCompile(`"mimeType":\["[^"]*"\],|\{[^\n]*"prop":"mimeType"[^\n]*\}\n`)
	fileRE  = regexp.MustCompile(`src[-_][0-9a-f]{16}\.txt`)
	shaRE   = regexp.MustCompile(`"[0-9a-f]{64}"`)
	stampRE = regexp.MustCompile(`"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"`)
	sha1RE  = regexp.MustCompile(`"[0-9a-f]{40}"`)
)

// normalize replaces what a round trip may change, as docs/import.md says:
// a source's id, SHA-256 and MIME type (the import stores a record of the
// source, not its original bytes; a file name made from the id), the ids of statements Athar derives from
// a source's id, and when a statement was stored — and so the order of an
// entity's statements, which exports list as they were stored (ids are
// random: their order is not the order they were made in, which an import
// cannot know).
func normalize(s string) string {
	seen := map[string]string{}
	s = fileRE.ReplaceAllString(s, "FILE")
	s = srcRE.ReplaceAllStringFunc(s, func(id string) string {
		if r, ok := seen[id]; ok {
			return r
		}
		r := "src-" + strconv.Itoa(len(seen)+1)
		seen[id] = r
		return r
	})
	s = shaRE.ReplaceAllString(s, `"SHA256"`)
	s = mimeRE.ReplaceAllString(s, "")
	s = sha1RE.ReplaceAllString(s, `"DERIVED"`)
	return sortStatements(stampRE.ReplaceAllString(s, `"TIME"`))
}

func exports(t *testing.T, st *store.Store) (string, string) {
	t.Helper()
	var ents, stmts bytes.Buffer
	if err := export.WriteFTM(context.Background(), st, access.Operator(), export.Options{}, &ents); err != nil {
		t.Fatal(err)
	}
	if err := export.WriteStatements(context.Background(), st, access.Operator(), export.Options{}, &stmts); err != nil {
		t.Fatal(err)
	}
	return ents.String(), stmts.String()
}

func TestRoundTrip(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, a *store.Store) {
		ctx := context.Background()
		seed(t, a)
		ents, stmts := exports(t, a)
		b := emptyLike(t, a)
		r, err := FtM(ctx, b, access.Operator(), []byte(ents), Options{Filename: "athar.ftm.json", Sensitivity: model.Public})
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
		// The ids of entities and statements are kept, not only the shape.
		for _, id := range regexp.MustCompile(`"id":"([0-9a-f-]{36})"`).FindAllStringSubmatch(ents, -1) {
			if !strings.Contains(ents2, id[1]) {
				t.Errorf("id %s lost", id[1])
			}
		}
		// Quotes point at their place in the record of their source.
		checkSpans(t, b, 3)
		// The import is ledgered and the archive checks out.
		rep, err := b.Verify(ctx)
		if err != nil || !rep.OK {
			t.Fatalf("verify after import: %v %+v", err, rep)
		}
		// Importing again stores nothing new.
		again, err := FtM(ctx, b, access.Operator(), []byte(ents), Options{Filename: "athar.ftm.json"})
		if err != nil || again.Statements != 0 || again.Entities != 0 || again.Existing != 17 {
			t.Errorf("second import: %+v %v", again, err)
		}
	})
}

func checkSpans(t *testing.T, st *store.Store, want int) {
	t.Helper()
	ctx := context.Background()
	ids, err := st.EntityPage(ctx, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	quotes := 0
	for _, e := range ids {
		ss, err := st.Statements(ctx, access.Operator(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ss {
			if s.Span.Quote == "" {
				continue
			}
			quotes++
			src, err := st.Source(ctx, access.Operator(), s.SourceID)
			if err != nil {
				t.Fatal(err)
			}
			text := []rune(src.Text)
			if s.Span.End > len(text) || string(text[s.Span.Start:s.Span.End]) != s.Span.Quote {
				t.Errorf("statement %s: span [%d,%d) of %s is not %q", s.ID, s.Span.Start, s.Span.End, s.SourceID, s.Span.Quote)
			}
		}
	}
	if quotes != want {
		t.Errorf("%d quoted statements, want %d", quotes, want)
	}
}

func TestFtMFromOtherTools(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		data := readTestdata(t, "foreign.ftm.json")
		// An analyst may not review: nothing is confirmed by the import.
		analyst := access.Viewer{Name: "amal", Role: model.RoleAnalyst, Clearance: model.Restricted}
		r, err := FtM(ctx, st, analyst, data, Options{Filename: "opensanctions.json", Sensitivity: model.Public})
		if err != nil {
			t.Fatal(err)
		}
		want := map[int]string{5: "not an FtM entity", 6: "no id", 7: "is a person here and a organization"}
		if len(r.Errors) != len(want) {
			t.Errorf("errors: %v", r.Errors)
		}
		for _, e := range r.Errors {
			if !strings.Contains(e.Error(), want[e.Line]) {
				t.Errorf("line %d: %v, want %q", e.Line, e.Err, want[e.Line])
			}
		}
		if r.Skipped["Sanction"] != 1 || r.SkippedLinks != 1 || r.Entities != 3 {
			t.Errorf("result: %+v", r)
		}
		var event, person export.Entity
		err = export.Each(ctx, st, access.Operator(), export.Options{}, func(e export.Entity) error {
			switch e.Schema {
			case "Event":
				event = e
			case "Person":
				person = e
			}
			if e.Athar == nil {
				return nil
			}
			for _, x := range e.Athar.Statements {
				if x.Status != "proposed" || x.Source != export.DocumentID(r.Source) {
					t.Errorf("%s %s: %s from %s", e.ID, x.Property, x.Status, x.Source)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !slicesContain(person.Properties["alias"], "جميل حسن") || !slicesContain(person.Properties["nationality"], "sy") {
			t.Errorf("person: %+v", person.Properties)
		}
		if len(event.Properties["involved"]) != 1 || event.Properties["involved"][0] != person.ID || len(event.Properties["organizer"]) != 1 {
			t.Errorf("event links: %+v", event.Properties)
		}
		for _, x := range event.Athar.Statements {
			if x.Property == "date" && x.DateStart != "2013-05-01" {
				t.Errorf("event date %q", x.DateStart)
			}
		}
	})
}

func slicesContain(vs []string, v string) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

func FuzzParseEntity(f *testing.F) {
	for _, line := range bytes.Split(readTestdata(f, "foreign.ftm.json"), []byte("\n")) {
		f.Add(line)
	}
	f.Add([]byte(`{"id":"x","schema":"Person","properties":{},"athar":{"type":"person","statements":[{"id":"s","property":"name","value":"A","status":"confirmed","sensitivity":"public"}]}}`))
	f.Add([]byte(`{"id":"src_1","schema":"Document","properties":{"publishedAt":["2024-13"]},"athar":{"type":"source","properties":{"kind":["article"]}}}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		e, err := ParseEntity(line)
		if err != nil {
			return
		}
		if e.ID == "" || e.Schema == "" {
			t.Fatalf("accepted an entity without id or schema: %q", line)
		}
		if e.Athar != nil && e.Athar.Type != "" && e.Athar.Type != "source" {
			for _, x := range e.Athar.Statements {
				if _, err := statement(x, model.Public); err != nil {
					t.Fatalf("accepted a bad statement: %v", err)
				}
			}
		}
	})
}

// A statement may be more sensitive than its source. Its quote must not
// reach the record of the source that a less cleared viewer may read.
func TestQuotesKeepTheirStatementsLevel(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		file := `{"id":"01000000-0000-7000-8000-000000000001","schema":"Person","properties":{"name":["Rana Khoury"]},"athar":{"type":"person","statements":[` +
			`{"id":"01000000-0000-7000-8000-000000000002","property":"name","value":"Rana Khoury","status":"confirmed","source":"src_00000000000000aa","quote":"Rana Khoury","sensitivity":"public"},` +
			`{"id":"01000000-0000-7000-8000-000000000003","property":"notes","value":"held in cell nine","status":"confirmed","source":"src_00000000000000aa","quote":"she was held in cell nine","sensitivity":"confidential"}]}}
{"id":"src_00000000000000aa","schema":"Document","properties":{"title":["Report"]},"athar":{"type":"source","properties":{"kind":["article"]},"sensitivity":"public"}}
`
		r, err := FtM(ctx, st, access.Operator(), []byte(file), Options{Filename: "x.json"})
		if err != nil || len(r.Errors) > 0 {
			t.Fatalf("%v %+v", err, r)
		}
		if r.Sources != 2 {
			t.Errorf("%d records, want one public and one confidential", r.Sources)
		}
		srcs, err := st.Sources(ctx, access.Public(), store.SourceFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range srcs {
			full, err := st.Source(ctx, access.Public(), s.ID)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(full.Text, "cell nine") {
				t.Errorf("public source %s holds the confidential quote", s.ID)
			}
		}
		ss, err := st.Statements(ctx, access.Operator(), "01000000-0000-7000-8000-000000000001")
		if err != nil || len(ss) != 2 {
			t.Fatalf("%v %d", err, len(ss))
		}
		for _, s := range ss {
			want := model.Public
			if s.Property == "notes" {
				want = model.Confidential
			}
			if s.Sensitivity != want {
				t.Errorf("%s is %s, want %s", s.Property, s.Sensitivity, want)
			}
		}
		checkSpans(t, st, 2)
	})
}

// A line found bad only when it is written (here: it cites a source the
// file does not hold) leaves nothing of itself; the rest of its batch is
// stored.
func TestBadLineLeavesNothing(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		file := `{"id":"01000000-0000-7000-8000-0000000000a1","schema":"Person","properties":{},"athar":{"type":"person","statements":[` +
			`{"id":"01000000-0000-7000-8000-0000000000a2","property":"name","value":"Good One","status":"proposed","sensitivity":"public"}]}}
{"id":"01000000-0000-7000-8000-0000000000b1","schema":"Person","properties":{},"athar":{"type":"person","statements":[` +
			`{"id":"01000000-0000-7000-8000-0000000000b2","property":"name","value":"Bad One","status":"proposed","sensitivity":"public"},` +
			`{"id":"01000000-0000-7000-8000-0000000000b3","property":"alias","value":"B","status":"proposed","source":"src_00000000000000ff","sensitivity":"public"}]}}
{"id":"01000000-0000-7000-8000-0000000000c1","schema":"Person","properties":{},"athar":{"type":"person","statements":[` +
			`{"id":"01000000-0000-7000-8000-0000000000c2","property":"name","value":"Sure","status":"maybe","sensitivity":"public"}]}}
`
		r, err := FtM(ctx, st, access.Operator(), []byte(file), Options{Filename: "x.json"})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Errors) != 2 || r.Errors[1].Line != 3 || !strings.Contains(r.Errors[1].Error(), `unknown status "maybe"`) ||
			r.Errors[0].Line != 2 || !strings.Contains(r.Errors[0].Error(), "src-00000000000000ff") {
			t.Errorf("errors: %v", r.Errors)
		}
		if r.Entities != 1 || r.Statements != 1 {
			t.Errorf("stored %d entities, %d statements; want 1, 1", r.Entities, r.Statements)
		}
		for _, id := range []string{"01000000-0000-7000-8000-0000000000b1", "01000000-0000-7000-8000-0000000000c1"} {
			if _, err := st.Entity(ctx, id); err == nil {
				t.Errorf("entity %s of a bad line was stored", id)
			}
		}
		// The good line's fact cites the file, since it cited no source.
		ss, err := st.Statements(ctx, access.Operator(), "01000000-0000-7000-8000-0000000000a1")
		if err != nil || len(ss) != 1 || ss[0].SourceID != r.Source {
			t.Errorf("good line: %v %+v", err, ss)
		}
	})
}

// sortStatements orders the statements of each line that is an entity
// with an "athar" object, and the runs of lines that are one FtM statement
// each by entity and id, leaving everything else as it is.
func sortStatements(s string) string {
	lines := strings.Split(s, "\n")
	var run []string // consecutive one-statement lines
	flush := func(out []string) []string {
		slices.SortStableFunc(run, func(a, b string) int {
			return strings.Compare(statementKey(a), statementKey(b))
		})
		out = append(out, run...)
		run = run[:0]
		return out
	}
	var out []string
	for _, line := range lines {
		var e map[string]any
		if json.Unmarshal([]byte(line), &e) != nil {
			out = flush(out)
			out = append(out, line)
			continue
		}
		if _, ok := e["prop"]; ok {
			run = append(run, line)
			continue
		}
		out = flush(out)
		athar, _ := e["athar"].(map[string]any)
		sts, _ := athar["statements"].([]any)
		if len(sts) < 2 {
			out = append(out, line)
			continue
		}
		slices.SortStableFunc(sts, func(a, b any) int {
			x, _ := json.Marshal(a)
			y, _ := json.Marshal(b)
			return strings.Compare(string(x), string(y))
		})
		b, err := json.Marshal(e)
		if err != nil {
			out = append(out, line)
			continue
		}
		out = append(out, string(b))
	}
	out = flush(out)
	return strings.Join(out, "\n")
}

// statementKey sorts an FtM statement line by its entity, then its id.
func statementKey(line string) string {
	var x struct {
		Canonical string `json:"canonical_id"`
		ID        string `json:"id"`
	}
	_ = json.Unmarshal([]byte(line), &x)
	return x.Canonical + "\x00" + x.ID + "\x00" + line
}
