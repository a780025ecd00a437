package search

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
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

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ous SALLOUM, al-Assad", "ous salloum al assad"},
		{"قال الشاهد إن السجّان أوس", "قال الشاهد شاهد ان السجان سجان اوس"},
		{"Sednaya’s prison", "sednayas prison"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := strings.Join(Words("السجان  Aws"), " "); got != "سجان aws" {
		t.Errorf("Words = %q", got)
	}
}

// TestSearch stores an Arabic and an English source with statements of two
// levels, indexes one source in its transaction and the rest by catching
// up, and searches as viewers of every clearance.
func TestSearch(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var ar, en model.Source
		var person, event, facility string
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			ar = model.Source{Kind: model.KindArticle, Title: "القبض على السجّان", Language: "ar", Sensitivity: model.Public,
				Text: "أعلنت الوزارة القبض على السجان أوس سلوم في حمص.", Published: model.DayDate(2025, 1, 4)}
			if err := tx.AddSource(ctx, &ar, []byte("ar")); err != nil {
				return err
			}
			en = model.Source{Kind: model.KindTestimony, Title: "Testimony W-9", Language: "en", Sensitivity: model.Confidential,
				Text: "The witness Zubayda Qassem saw the guard at Sednaya.", Published: model.DayDate(2024, 6, 1)}
			if err := tx.AddSource(ctx, &en, []byte("en")); err != nil {
				return err
			}
			p, _ := tx.AddEntity(ctx, model.TypePerson)
			f, _ := tx.AddEntity(ctx, model.TypeFacility)
			e, _ := tx.AddEntity(ctx, model.TypeEvent)
			person, facility, event = p.ID, f.ID, e.ID
			for _, s := range []model.Statement{
				{EntityID: p.ID, Property: "name", Value: "أوس سلوم", SourceID: ar.ID, Status: model.StatusConfirmed},
				{EntityID: p.ID, Property: "alias", Value: "Zubayda Qassem", SourceID: en.ID},
				{EntityID: f.ID, Property: "name", Value: "Sednaya Prison", SourceID: ar.ID},
				{EntityID: e.ID, Property: "eventType", Value: "arrest", SourceID: ar.ID},
				{EntityID: e.ID, Property: "date", Value: "2025-01-02", SourceID: ar.ID, DateStart: model.DayDate(2025, 1, 2)},
				{EntityID: e.ID, Property: "location", Value: "Sednaya Prison", ValueEntity: f.ID, SourceID: ar.ID},
				{EntityID: e.ID, Property: "involved", Value: "أوس سلوم", ValueEntity: p.ID, Role: "subject", SourceID: ar.ID},
			} {
				s.Origin = "manual"
				if err := tx.AddStatement(ctx, &s); err != nil {
					return err
				}
			}
			return IndexSource(ctx, tx, ar.ID)
		})
		if err != nil {
			t.Fatal(err)
		}
		n, err := CatchUp(ctx, st)
		if err != nil || n != 1 { // the testimony (with its statement)
			t.Fatalf("catch up: %d %v", n, err)
		}
		if n, _ := CatchUp(ctx, st); n != 0 {
			t.Errorf("caught up twice: %d", n)
		}
		svc := New(st, nil)
		viewer := func(c model.Sensitivity) access.Viewer {
			return access.Viewer{Name: "v", Role: model.RoleReviewer, Clearance: c}
		}
		search := func(v access.Viewer, q Query) Results {
			t.Helper()
			r, err := svc.Search(ctx, v, q)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		ids := func(r Results) string {
			var out []string
			for _, s := range r.Sources {
				out = append(out, s.ID)
			}
			for _, s := range r.Statements {
				out = append(out, s.EntityID+":"+string(s.Property))
			}
			return strings.Join(out, " ")
		}
		full, public := viewer(model.Confidential), viewer(model.Public)
		// Arabic: the article and the tashkeel fold away; a prefix finds the word.
		if got := ids(search(public, Query{Text: "سجان"})); got != ar.ID {
			t.Errorf("سجان: %q", got)
		}
		if got := ids(search(public, Query{Text: "أوس سل"})); !strings.Contains(got, person+":name") || !strings.Contains(got, ar.ID) {
			t.Errorf("أوس سل: %q", got)
		}
		// The confidential testimony and alias are found only with clearance.
		if got := ids(search(public, Query{Text: "zubayda"})); got != "" {
			t.Errorf("a public viewer found %q", got)
		}
		if got := ids(search(full, Query{Text: "ZUBAYDA qass"})); !strings.Contains(got, en.ID) || !strings.Contains(got, person+":alias") {
			t.Errorf("full clearance: %q", got)
		}
		// Filters: type, status, place, dates.
		if got := ids(search(full, Query{Text: "sednaya", EntityType: model.TypeFacility})); got != facility+":name" {
			t.Errorf("facility filter: %q", got)
		}
		if got := ids(search(public, Query{Text: "سلوم", Status: model.StatusConfirmed})); got != person+":name" {
			t.Errorf("status filter: %q", got)
		}
		if got := ids(search(public, Query{Text: "سلوم", Near: facility})); !strings.Contains(got, person+":name") || !strings.Contains(got, event+":involved") {
			t.Errorf("near filter: %q", got)
		}
		if got := ids(search(public, Query{Text: "arrest", From: model.DayDate(2025, 1, 1), To: model.Date{Year: 2025, Month: 1, Precision: model.PrecisionMonth}})); got != event+":eventType" {
			t.Errorf("date filter: %q", got)
		}
		if got := ids(search(public, Query{Text: "arrest", From: model.DayDate(2025, 1, 3)})); got != "" {
			t.Errorf("after the arrest: %q", got)
		}
		if got := ids(search(full, Query{Text: "witness", To: model.DayDate(2024, 12, 31)})); got != en.ID {
			t.Errorf("sources by date: %q", got)
		}
		// A page that whole words fill is the most recently indexed of them.
		if r := search(full, Query{Text: "sednaya", EntityType: model.TypeEvent, Limit: 1}); len(r.Statements) != 1 || r.Statements[0].EntityID != event {
			t.Errorf("sednaya, one event statement: %+v", r.Statements)
		}
		if r := search(full, Query{Text: "sedn", Limit: 1}); len(r.Statements) != 1 || r.Statements[0].Property != "location" {
			t.Errorf("sedn, the newest statement: %+v", r.Statements)
		}
		// Quotes and operators in a query are words, never syntax.
		search(full, Query{Text: `"zub" OR * NEAR( '`})
		// A lowered level takes effect at once: the index holds no levels.
		var alias string
		for _, s := range search(full, Query{Text: "zubayda"}).Statements {
			alias = s.ID
		}
		if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.Review(ctx, alias, model.StatusRejected, "") }); err != nil {
			t.Fatal(err)
		}
		if got := ids(search(full, Query{Text: "zubayda", Status: model.StatusRejected})); got != person+":alias" {
			t.Errorf("after review: %q", got)
		}
	})
}

// TestSearchThroughEntitiesKeepsToWhatTheViewerMaySee: a spelling of a
// person's name that only a confidential source gives, and a mention in a
// confidential source, lead a viewer to a source only when they are cleared
// for them: otherwise the public source holding that spelling is not found,
// since finding it would say that the two names are one person.
func TestSearchThroughEntitiesKeepsToWhatTheViewerMaySee(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srcs := map[string]*model.Source{}
		var person string
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			for _, s := range []struct {
				key, text string
				level     model.Sensitivity
			}{
				{"named", "The guard Aws Salloum was arrested in Homs.", model.Public},
				{"spelled", "A guard called Aus Saloum worked on the second floor.", model.Public},
				{"secret", "The witness knew the guard as Aus Saloum.", model.Confidential},
				{"mentioned", "شوهد السجان أوس سلوم في الممر.", model.Restricted},
			} {
				src := &model.Source{Kind: model.KindArticle, Title: s.key, Language: "en", Text: s.text, Sensitivity: s.level}
				if err := tx.AddSource(ctx, src, []byte(s.key)); err != nil {
					return err
				}
				srcs[s.key] = src
			}
			p, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			person = p.ID
			for _, s := range []model.Statement{
				{EntityID: p.ID, Property: "name", Value: "Aws Salloum", SourceID: srcs["named"].ID},
				{EntityID: p.ID, Property: "alias", Value: "Aus Saloum", SourceID: srcs["secret"].ID, Sensitivity: model.Confidential},
			} {
				s.Origin = "manual"
				if err := tx.AddStatement(ctx, &s); err != nil {
					return err
				}
			}
			text := "أوس سلوم"
			start := strings.Index(srcs["mentioned"].Text, text)
			return tx.AddMention(ctx, &model.Mention{SourceID: srcs["mentioned"].ID, Span: model.Span{Start: start, End: start + len(text), Quote: text},
				Type: model.TypePerson, Extractor: "manual", EntityID: p.ID, Score: 1})
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := CatchUp(ctx, st); err != nil {
			t.Fatal(err)
		}
		res, err := resolve.New(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		svc := New(st, res)
		for _, tt := range []struct {
			clearance model.Sensitivity
			want      []string
		}{
			{model.Public, []string{"named"}},
			{model.Internal, []string{"named"}},
			{model.Restricted, []string{"named", "mentioned"}},
			{model.Confidential, []string{"named", "mentioned", "spelled", "secret"}},
		} {
			v := access.Viewer{Name: "v", Role: model.RoleAnalyst, Clearance: tt.clearance}
			r, err := svc.Search(ctx, v, Query{Text: "Aws Salloum"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, src := range r.Sources {
				got = append(got, src.Title)
				for _, why := range r.Why[src.ID] {
					if why.EntityID != person {
						t.Errorf("%s: %s found through %s, not the person", tt.clearance, src.Title, why.EntityID)
					}
				}
			}
			slices.Sort(got)
			slices.Sort(tt.want)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s: found %v, want %v", tt.clearance, got, tt.want)
			}
			if tt.clearance == model.Restricted {
				if why := r.Why[srcs["mentioned"].ID]; len(why) != 1 || why[0].As != "أوس سلوم" || !why[0].Mention {
					t.Errorf("restricted: the mention's reason is %+v", why)
				}
			}
		}
		// The anonymous public sees confirmed statements only: no machine
		// link (a mention) takes them anywhere.
		r, err := svc.Search(ctx, access.Public(), Query{Text: "أوس سلوم"})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Why) != 0 {
			t.Errorf("anonymous: reasons %+v", r.Why)
		}
	})
}

// TestSearchThroughEntitiesOfOneName: two people of one name share its
// spellings, which are searched once; a source that holds one of them is
// found through each of the two, both engines alike.
func TestSearchThroughEntitiesOfOneName(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srcs := map[string]*model.Source{}
		var people []string
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			for _, s := range []struct{ key, text string }{
				{"named", "The guard Aws Salloum was moved to Adra."},
				{"spelled", "A guard called Aus Saloum worked on the second floor."},
				{"other", "Nobody of that name was seen in the yard."},
			} {
				src := &model.Source{Kind: model.KindArticle, Title: s.key, Language: "en", Text: s.text, Sensitivity: model.Public}
				if err := tx.AddSource(ctx, src, []byte(s.key)); err != nil {
					return err
				}
				srcs[s.key] = src
			}
			for range 2 {
				p, err := tx.AddEntity(ctx, model.TypePerson)
				if err != nil {
					return err
				}
				people = append(people, p.ID)
				for _, s := range []model.Statement{
					{EntityID: p.ID, Property: "name", Value: "Aws Salloum", SourceID: srcs["named"].ID},
					{EntityID: p.ID, Property: "alias", Value: "Aus Saloum", SourceID: srcs["spelled"].ID},
				} {
					s.Origin = "manual"
					if err := tx.AddStatement(ctx, &s); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := CatchUp(ctx, st); err != nil {
			t.Fatal(err)
		}
		res, err := resolve.New(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		svc := New(st, res)
		v := access.Viewer{Name: "v", Role: model.RoleAnalyst, Clearance: model.Confidential}
		for _, tt := range []struct {
			query, through, as string // the source found through the people, and as what
		}{
			{"Aws Salloum", "spelled", "Aus Saloum"},
			{"Aus Saloum", "named", "Aws Salloum"},
		} {
			r, err := svc.Search(ctx, v, Query{Text: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, src := range r.Sources {
				got = append(got, src.Title)
			}
			slices.Sort(got)
			if want := []string{"named", "spelled"}; !slices.Equal(got, want) {
				t.Errorf("%q: found %v, want %v", tt.query, got, want)
			}
			var through []string
			for _, why := range r.Why[srcs[tt.through].ID] {
				if !why.Mention && why.As == tt.as {
					through = append(through, why.EntityID)
				}
			}
			slices.Sort(through)
			want := slices.Sorted(slices.Values(people))
			if !slices.Equal(through, want) {
				t.Errorf("%q: %s found as %q through %v, want each of %v", tt.query, tt.through, tt.as, through, want)
			}
		}
	})
}
