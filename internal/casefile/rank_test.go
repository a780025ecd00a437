package casefile_test

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// A rank written in either script, in full or abbreviated, is one claim
// with every source that gives it; a staff rank and an honorific stay
// claims of their own, and each statement keeps what its source wrote.
func TestRanksAreOneClaimAcrossScripts(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var person string
		written := []string{"العقيد", "Col.", "Colonel", "العقيد الركن", "Sheikh"}
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			person = e.ID
			for i, w := range written {
				lang := "en"
				if w[0] > 0x7f {
					lang = "ar"
				}
				src := model.Source{Kind: model.KindArticle, Title: "Rank report " + w, Language: lang, Text: w + " Thaer Hussein was arrested.",
					Sensitivity: model.Public, Published: model.DayDate(2025, 1, 1+i)}
				if err := tx.AddSource(ctx, &src, []byte(src.Text)); err != nil {
					return err
				}
				for _, s := range []model.Statement{
					{EntityID: person, Property: model.PropName, Value: "Thaer Hussein", SourceID: src.ID},
					{EntityID: person, Property: model.PropTitle, Value: w, SourceID: src.ID,
						Span: model.Span{Start: 0, End: len([]rune(w)), Quote: w}},
				} {
					s.Origin = "extracted:test"
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
		f, err := casefile.New(st).Read(ctx, accesstest.Viewer("adel"), person, casefile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, fact := range f.Facts {
			if fact.Property != model.PropTitle {
				continue
			}
			for _, c := range fact.Claims {
				for _, s := range c.Statements {
					got[c.Value] = append(got[c.Value], s.Value)
				}
				if c.Value == "Colonel" && (c.Independent != 3 || c.Rank.ID != "colonel") {
					t.Errorf("Colonel: %d independent sources, rank %q; want 3, colonel", c.Independent, c.Rank.ID)
				}
			}
		}
		want := map[string][]string{"Colonel": {"العقيد", "Col.", "Colonel"}, "Staff Colonel": {"العقيد الركن"}, "Sheikh": {"Sheikh"}}
		if len(got) != len(want) {
			t.Fatalf("rank claims %v, want %v", got, want)
		}
		for v, ws := range want {
			if !sameSet(got[v], ws) {
				t.Errorf("claim %q holds %v, want %v", v, got[v], ws)
			}
		}
	})
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}
