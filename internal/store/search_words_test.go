package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// TestSearchWordsAsPrefixes: a word of fewer than three letters before the
// last is matched whole, never as the beginning of every longer word; the
// last word is a prefix whatever its length (it may be being typed); when
// the words are found whole, the ones before the last are words typed whole
// and not the beginnings of others; a word given twice is the word once.
// Both engines alike.
func TestSearchWordsAsPrefixes(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		titles := map[string]string{} // source id → title
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			for _, text := range []string{
				"Omar Adnan al Ali was seen in the yard",    // "al" whole
				"Omar Adnan alias Ali was seen in the yard", // "al" only as a beginning
				"Hilal Ali spoke of Ali Hilal and no other", // both words
				"Nadim Sulayman was moved to the branch",    // neither
				"Omar Adnan Hilal was never in the yard",    // no word begins "al"
				"Adnan Omar Salloum was seen in the yard",   // "sal" inside no word's beginning but one
				"Nadima Sulayman wrote of the branch",       // "nadim" only as a beginning
			} {
				src := model.Source{Kind: model.KindArticle, Title: text[:10], Language: "en", Sensitivity: model.Public, Text: text}
				if err := tx.AddSource(ctx, &src, []byte(text)); err != nil {
					return err
				}
				if err := tx.IndexSource(ctx, src.ID, strings.ToLower); err != nil {
					return err
				}
				titles[src.ID] = src.Title
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		public := access.Viewer{Name: "v", Role: model.RoleReviewer, Clearance: model.Public}
		for _, c := range []struct {
			words []string
			want  []string // titles, any order
		}{
			{[]string{"omar", "al", "ali"}, []string{"Omar Adnan"}},
			// a short last word: a prefix, matched on what the other
			// words find (PostgreSQL); no document without it
			{[]string{"omar", "adnan", "al"}, []string{"Omar Adnan", "Omar Adnan"}},
			{[]string{"omar", "adnan", "hi"}, []string{"Omar Adnan"}},
			{[]string{"adnan", "sa"}, []string{"Adnan Omar"}},
			{[]string{"adnan", "yo"}, nil},
			{[]string{"al"}, []string{"Hilal Ali ", "Omar Adnan", "Omar Adnan"}},
			{[]string{"hilal", "ali"}, []string{"Hilal Ali "}},
			{[]string{"ali", "ali", "hilal"}, []string{"Hilal Ali "}},
			{[]string{"nadim", "sul"}, []string{"Nadim Sula", "Nadima Sul"}}, // nothing whole: each a prefix
			// words found whole are words typed whole: only the last is
			// then a prefix; found nowhere whole, each is
			{[]string{"nadim", "sulayman"}, []string{"Nadim Sula"}},
			{[]string{"sulayman", "nadim"}, []string{"Nadim Sula", "Nadima Sul"}},
			{[]string{"nadi", "sulayman"}, []string{"Nadim Sula", "Nadima Sul"}},
			{[]string{"nadim", "branch"}, []string{"Nadim Sula"}},
			{[]string{"nadi", "branch"}, []string{"Nadim Sula", "Nadima Sul"}},
		} {
			hits, err := st.Search(ctx, public, store.SearchQuery{Words: c.words, Limit: 10, SourcesOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range hits.Sources {
				got = append(got, titles[s.ID])
			}
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("%q: found %q, want %q", c.words, got, c.want)
			}
		}
	})
}
