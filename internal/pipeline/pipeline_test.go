package pipeline_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pipeline"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

const text = "Col. Thaer Hussein, a former officer at Sednaya Prison, was arrested in Tartus. Hussein is accused of torturing detainees."

// at returns the code-point span of the n-th occurrence (0-based) of s.
func at(s string, n int) extract.Mention {
	runes := []rune(text)
	want := []rune(s)
	for i := 0; i+len(want) <= len(runes); i++ {
		if string(runes[i:i+len(want)]) == s {
			if n == 0 {
				return extract.Mention{Text: s, Start: i, End: i + len(want)}
			}
			n--
		}
	}
	panic("not in text: " + s)
}

func str(s string) *string { return &s }

func result() extract.Result {
	arrest := at("was arrested in Tartus", 0)
	accused := at("Hussein is accused of torturing detainees", 0)
	return extract.Result{
		Language: "en",
		Persons: []extract.Person{{Name: "Thaer Hussein", Rank: "Col.", Roles: []string{"a former officer at Sednaya Prison"}, Affiliation: "Sednaya Prison",
			Mentions: []extract.Mention{at("Thaer Hussein", 0), at("Hussein", 1)}}},
		Facilities: []extract.Entity{{Name: "Sednaya Prison", Aliases: []string{"Saydnaya Military Prison"}, Gazetteer: "fac-sednaya", Mentions: []extract.Mention{at("Sednaya Prison", 0)}}},
		Places:     []extract.Entity{{Name: "Tartus", Gazetteer: "SY10", Mentions: []extract.Mention{at("Tartus", 0)}}},
		Events: []extract.Event{
			{Type: "arrest", Who: []extract.Participant{{Name: "Thaer Hussein", Role: "subject"}}, Where: str("Tartus"), Modality: "asserted",
				Start: arrest.Start, End: arrest.End, Quote: arrest.Text},
			{Type: "torture_allegation", Who: []extract.Participant{{Name: "Thaer Hussein", Role: "perpetrator"}}, Modality: "alleged",
				Start: accused.Start, End: accused.End, Quote: accused.Text},
		},
	}
}

func record(t *testing.T, st *store.Store, r *resolve.Resolver, sens model.Sensitivity, res extract.Result) (model.Source, pipeline.Stats, error) {
	ctx := context.Background()
	src := model.Source{Kind: model.KindArticle, Text: text, Sensitivity: sens, Language: "en"}
	var stats pipeline.Stats
	b := r.Begin()
	err := st.Write(ctx, "tester", func(tx *store.Tx) error {
		if err := tx.AddSource(ctx, &src, []byte(text+sens.String())); err != nil {
			return err
		}
		var err error
		stats, err = pipeline.Record(ctx, tx, b, src, res)
		return err
	})
	if err != nil {
		b.Abort(ctx)
	}
	return src, stats, err
}

func TestRecordStoresWhatWasFoundTiedToItsQuotes(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		r, err := resolve.New(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		src, stats, err := record(t, st, r, model.Public, result())
		if err != nil {
			t.Fatal(err)
		}
		if stats.Mentions != 4 || stats.Events != 2 || stats.Created != 3 {
			t.Errorf("stats %+v", stats)
		}
		ms, _ := st.Mentions(ctx, access.Operator(), src.ID)
		for _, m := range ms {
			if got := string([]rune(text)[m.Span.Start:m.Span.End]); got != m.Span.Quote || m.EntityID == "" || !strings.HasPrefix(m.Extractor, "athar-en@") {
				t.Errorf("mention %+v (text there %q)", m, got)
			}
		}
		persons, _ := st.Entities(ctx, access.Operator(), model.TypePerson)
		if len(persons) != 1 {
			t.Fatalf("persons: %+v", persons)
		}
		sts, _ := st.Statements(ctx, access.Operator(), persons[0].ID)
		props := map[model.Property]model.Statement{}
		for _, s := range sts {
			props[s.Property] = s
			if s.Status != model.StatusProposed || !strings.HasPrefix(s.Origin, "extracted:athar-en@") || s.SourceID != src.ID {
				t.Errorf("statement %+v: want proposed, extracted, from %s", s, src.ID)
			}
		}
		if props["name"].Value != "Thaer Hussein" || props["name"].Span.Quote != "Thaer Hussein" || props["title"].Value != "Col." || props["position"].Value == "" {
			t.Errorf("person statements: %+v", props)
		}
		if p := props["position"]; p.Span.Quote != "a former officer at Sednaya Prison" {
			t.Errorf("the position is quoted as %q, want the words the source writes", p.Span.Quote)
		}
		if r := props["title"]; r.Span.Quote != "Col." {
			t.Errorf("the rank is quoted as %q", r.Span.Quote)
		}
		facilities, _ := st.Entities(ctx, access.Operator(), model.TypeFacility)
		if a := props["affiliation"]; a.Value != "Sednaya Prison" || len(facilities) != 1 || a.ValueEntity != facilities[0].ID {
			t.Errorf("affiliation %+v, want linked to the facility %+v", a, facilities)
		}
		if len(facilities) != 1 || strings.Contains(strings.Join(facilities[0].Names, "|"), "Saydnaya Military Prison") {
			t.Errorf("a gazetteer alias the source never wrote became a statement: %+v", facilities)
		}
		events, _ := st.Entities(ctx, access.Operator(), model.TypeEvent)
		var alleged, involved int
		for _, e := range events {
			ests, _ := st.Statements(ctx, access.Operator(), e.ID)
			for _, s := range ests {
				if s.Modality == model.Alleged {
					alleged++
				}
				if s.Property == "involved" && s.ValueEntity == persons[0].ID {
					involved++
				}
			}
		}
		if len(events) != 2 || alleged == 0 || involved != 2 {
			t.Errorf("events %d, alleged statements %d, participants linked %d", len(events), alleged, involved)
		}

		// The same person, facility and place in a second source: linked.
		_, again, err := record(t, st, r, model.Internal, result())
		if err != nil {
			t.Fatal(err)
		}
		if again.Created != 0 || again.Linked != 3 {
			t.Errorf("second source: %+v, want everything linked", again)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %v %v", rep.Problems, err)
		}
	})
}

func TestRecordRefusesASpanThatIsNotInTheText(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		r, _ := resolve.New(ctx, st)
		bad := result()
		bad.Persons[0].Mentions[0].Start++
		if _, _, err := record(t, st, r, model.Public, bad); err == nil || !strings.Contains(err.Error(), "does not match the source text") {
			t.Fatalf("a span off by one was stored: %v", err)
		}
		srcs, _ := st.Sources(ctx, access.Operator(), store.SourceFilter{})
		ents, _ := st.Entities(ctx, access.Operator(), "")
		if len(srcs) != 0 || len(ents) != 0 {
			t.Errorf("a failed record left %d sources and %d entities", len(srcs), len(ents))
		}
	})
}

// A recording given a budget of rows takes no step that would go past it,
// but always one, so that it goes on: a large source's recording writes a
// bounded number of rows per transaction, whatever the machine's load
// (issue 18, finding 1).
func TestRecordTakesNoStepPastItsRows(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		r, err := resolve.New(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			budget, calls int
		}{
			// person, its mentions, facility, its mentions, place, its
			// mentions, affiliations, two events: one transaction each.
			{budget: 1, calls: 9},
			{budget: 0, calls: 1},       // no bound: all at once
			{budget: 100_000, calls: 1}, // room for all
		} {
			src := model.Source{Kind: model.KindArticle, Text: text, Sensitivity: model.Public, Language: "en"}
			if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddSource(ctx, &src, []byte(text)) }); err != nil {
				t.Fatal(err)
			}
			rec := pipeline.NewRecorder(src, result(), false)
			calls := 0
			for done := false; !done; calls++ {
				b := r.Begin()
				if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
					var err error
					done, err = rec.Record(ctx, tx, b, c.budget)
					return err
				}); err != nil {
					t.Fatal(err)
				}
				if calls > 100 {
					t.Fatal("the recording does not end")
				}
			}
			if calls != c.calls {
				t.Errorf("budget %d: recorded in %d transactions, want %d", c.budget, calls, c.calls)
			}
			if got := rec.Stats(); got.Mentions != 4 || got.Events != 2 {
				t.Errorf("budget %d: stats %+v", c.budget, got)
			}
		}
	})
}
