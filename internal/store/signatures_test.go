package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// The near-duplicate candidates of a batch come from one read of the keys'
// holders: stored sources sharing a band key, or at least minAnchors anchor
// keys, the most shared first (then by id), at most limit; keys held by
// more than MaxKeySources sources are passed over as boilerplate.
func TestKeyIndexCandidates(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		const boiler = 999
		ids := map[string]string{}
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			var rows []store.SignatureRow
			add := func(name string, bands, anchors []int64) error {
				text := "source " + name
				src := model.Source{Kind: model.KindArticle, Title: name, Text: text, Language: "en", Sensitivity: model.Public}
				if err := tx.AddSource(ctx, &src, []byte(text)); err != nil {
					return err
				}
				ids[name] = src.ID
				rows = append(rows, store.SignatureRow{SourceID: src.ID, Signature: []byte("sig " + name), Bands: bands, Anchors: anchors})
				return nil
			}
			for _, s := range []struct {
				name           string
				bands, anchors []int64
			}{
				{"a", []int64{1, 2, 3}, []int64{100, 101, 102}},
				{"b", []int64{3, 4}, []int64{100}},
				{"c", []int64{5, 5}, []int64{100, 101}}, // a key twice counts once
			} {
				if err := add(s.name, s.bands, s.anchors); err != nil {
					return err
				}
			}
			for i := range store.MaxKeySources + 1 {
				if err := add(fmt.Sprintf("boiler%d", i), []int64{boiler}, nil); err != nil {
					return err
				}
			}
			return tx.SaveSignatures(ctx, rows)
		})
		if err != nil {
			t.Fatal(err)
		}
		byID := func(names ...string) []string {
			slices.SortFunc(names, func(x, y string) int { return strings.Compare(ids[x], ids[y]) })
			return names
		}
		for _, tc := range []struct {
			name           string
			bands, anchors []int64
			limit          int
			want           []string
			shared         []int
		}{
			{"bands and anchors", []int64{3, 5}, []int64{100, 101}, 10, append(byID("a", "c"), "b"), []int{3, 3, 2}},
			{"limit", []int64{3, 5}, []int64{100, 101}, 1, byID("a", "c")[:1], []int{3}},
			{"one anchor is not enough", nil, []int64{100}, 10, nil, nil},
			{"two anchors are", nil, []int64{100, 101}, 10, byID("a", "c"), []int{2, 2}},
			{"boilerplate passed over", []int64{boiler}, nil, 10, nil, nil},
			{"boilerplate adds nothing", []int64{boiler, 4}, nil, 10, []string{"b"}, []int{1}},
			{"nothing shared", []int64{7}, []int64{200}, 10, nil, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := st.Write(ctx, "tester", func(tx *store.Tx) error {
					x, err := tx.LoadKeyIndex(ctx, append(append([]int64{}, tc.bands...), tc.anchors...))
					if err != nil {
						return err
					}
					cs, err := x.Candidates(ctx, tc.bands, tc.anchors, 2, tc.limit)
					if err != nil {
						return err
					}
					var got []string
					var shared []int
					for _, c := range cs {
						for name, id := range ids {
							if id == c.ID {
								got = append(got, name)
								if string(c.Signature) != "sig "+name {
									t.Errorf("%s: signature %q", name, c.Signature)
								}
							}
						}
						shared = append(shared, c.Shared)
					}
					if !slices.Equal(got, tc.want) || !slices.Equal(shared, tc.shared) {
						t.Errorf("candidates %v sharing %v, want %v sharing %v", got, shared, tc.want, tc.shared)
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			})
		}
	})
}
