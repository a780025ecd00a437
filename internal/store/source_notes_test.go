package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// Notes on a source are ledgered, never below the source's level, and read
// only at a level the reader is cleared for — by no one who sees only
// confirmed, published material.
func TestSourceNotesKeepTheirLevel(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		src := addSource(t, s, "A testimony about Sednaya.", model.Internal)
		add := func(text string, level model.Sensitivity) error {
			return s.Write(ctx, "rania", func(tx *store.Tx) error {
				return tx.AddSourceNote(ctx, &store.SourceNote{SourceID: src.ID, Text: text, Sensitivity: level})
			})
		}
		before := mustVerify(t, s)
		if err := add("Below its source.", model.Public); !errors.Is(err, store.ErrBelowSource) {
			t.Errorf("a public note on an internal source: %v", err)
		}
		if err := add("  ", model.Internal); err == nil {
			t.Error("an empty note was stored")
		}
		if err := s.Write(ctx, "rania", func(tx *store.Tx) error {
			return tx.AddSourceNote(ctx, &store.SourceNote{SourceID: "no-such-source", Text: "x", Sensitivity: model.Confidential})
		}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a note on no source: %v", err)
		}
		for _, n := range []struct {
			text  string
			level model.Sensitivity
		}{{"Obtained from the family.", model.Internal}, {"The witness's village is Saidnaya.", model.Confidential}} {
			if err := add(n.text, n.level); err != nil {
				t.Fatal(err)
			}
		}
		if after := mustVerify(t, s); after.Entries != before.Entries+2 {
			t.Errorf("%d ledger entries for two notes", after.Entries-before.Entries)
		}
		for _, c := range []struct {
			name string
			v    access.Viewer
			want int
		}{
			{"the operator", access.Operator(), 2},
			{"an internal reader", access.Viewer{Name: "anas", Role: model.RoleAnalyst, Clearance: model.Internal}, 1},
			{"the public", access.Public(), 0},
		} {
			ns, err := s.SourceNotes(ctx, c.v, src.ID)
			if err != nil || len(ns) != c.want {
				t.Errorf("%s reads %d notes (%v), want %d", c.name, len(ns), err, c.want)
			}
			for _, n := range ns {
				if n.Author != "rania" || n.CreatedAt.IsZero() || !c.v.CanSee(n.Sensitivity) {
					t.Errorf("%s reads %+v", c.name, n)
				}
			}
		}
	})
}
