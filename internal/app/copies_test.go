package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// Duplicate detection tells nobody that a source they may not see exists
// (issue 18, finding 3): an analyst cleared for internal who brings the exact
// bytes of a confidential testimony gets what a first upload gets — a
// record of their own, stored and extracted — and a near-copy of it gets no
// link to it; whoever may see the testimony is told the bytes exist.
func TestDuplicatesRevealNoHiddenSource(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := app.New(st, app.Config{})
		testimony := "Title: Testimony of a survivor\n---\n" + strings.Join(paragraphs, "\n\n")
		nearCopy := "Title: A survivor's account\n---\n" + strings.Join(paragraphs[:5], "\n\n")
		admin := access.Operator()
		hidden, err := a.IngestBytes(ctx, admin, "t.txt", []byte(testimony), app.IngestOptions{Kind: model.KindTestimony})
		if err != nil || hidden.Outcome != app.Stored || hidden.Source.Sensitivity != model.Confidential {
			t.Fatalf("the testimony: %+v %v", hidden, err)
		}
		analyst := access.Viewer{Name: "nour", Role: model.RoleAnalyst, Clearance: model.Internal}

		// What a first upload of these bytes gets, in a store without the
		// testimony.
		fresh := storetest.Another(t, st)
		first, err := app.New(fresh, app.Config{}).IngestBytes(ctx, analyst, "t.txt", []byte(testimony), app.IngestOptions{})
		if err != nil {
			t.Fatal(err)
		}

		got, err := a.IngestBytes(ctx, analyst, "t.txt", []byte(testimony), app.IngestOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got.Outcome != first.Outcome || got.Outcome != app.Stored || got.Source.ID == hidden.Source.ID ||
			got.DuplicateOf != first.DuplicateOf || got.Source.SHA256 != first.Source.SHA256 ||
			got.Found.Mentions != first.Found.Mentions || got.Found.Statements != first.Found.Statements {
			t.Errorf("the hidden source shows: got %+v, a first upload gets %+v", got, first)
		}
		if src, err := st.Source(ctx, analyst, got.Source.ID); err != nil || src.AddedBy != "nour" || src.Sensitivity != model.Public {
			t.Errorf("the analyst's own record: %+v %v", src, err)
		}
		near, err := a.IngestBytes(ctx, analyst, "n.txt", []byte(nearCopy), app.IngestOptions{})
		if err != nil || near.Outcome != app.Stored || near.DuplicateOf == hidden.Source.ID {
			t.Errorf("a near-copy of the hidden testimony: %+v %v", near, err)
		}
		if near.DuplicateOf != got.Source.ID {
			t.Errorf("a near-copy links to %q, want the analyst's own record %s", near.DuplicateOf, got.Source.ID)
		}
		// Whoever may see the testimony is told.
		again, err := a.IngestBytes(ctx, admin, "t.txt", []byte(testimony), app.IngestOptions{Kind: model.KindTestimony})
		if err != nil || again.Outcome != app.Exists || again.Source.ID != hidden.Source.ID {
			t.Errorf("the admin's second upload: %+v %v", again, err)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %+v %v", rep.Problems, err)
		}
	})
}

// Bytes brought again with a stricter kind or level raise the source — by a
// reviewer or an admin — or are refused, saying so; never silently kept
// weaker (issue 18, finding 4).
func TestReingestStricterRaisesOrRefuses(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := app.New(st, app.Config{})
		text := []byte("Title: My account\n---\n" + strings.Join(paragraphs, "\n\n"))
		first, err := a.IngestBytes(ctx, access.Operator(), "t.txt", text, app.IngestOptions{})
		if err != nil || first.Outcome != app.Stored || first.Source.Sensitivity != model.Public {
			t.Fatalf("first: %+v %v", first, err)
		}
		analyst := access.Viewer{Name: "nour", Role: model.RoleAnalyst, Clearance: model.Confidential}
		refused, err := a.IngestBytes(ctx, analyst, "t.txt", text, app.IngestOptions{Kind: model.KindTestimony})
		if err != nil || refused.Outcome != app.Failed || !errors.Is(refused.Err, app.ErrWeaker) ||
			!strings.Contains(refused.Err.Error(), "only a reviewer or an admin") || !strings.Contains(refused.Err.Error(), first.Source.ID) {
			t.Errorf("an analyst's stricter upload: %+v %v", refused, err)
		}
		if src, _ := st.Source(ctx, access.Operator(), first.Source.ID); src.Sensitivity != model.Public {
			t.Errorf("the refusal changed the source: %s", src.Sensitivity)
		}
		restricted := model.Restricted
		raised, err := a.IngestBytes(ctx, access.Operator(), "t.txt", text, app.IngestOptions{Sensitivity: &restricted})
		if err != nil || raised.Outcome != app.Exists || !raised.Raised || raised.Source.ID != first.Source.ID {
			t.Fatalf("the admin's stricter upload: %+v %v", raised, err)
		}
		again, err := a.IngestBytes(ctx, access.Operator(), "t.txt", text, app.IngestOptions{Kind: model.KindTestimony})
		if err != nil || again.Outcome != app.Exists || !again.Raised {
			t.Fatalf("as a testimony: %+v %v", again, err)
		}
		src, err := st.Source(ctx, access.Operator(), first.Source.ID)
		if err != nil || src.Kind != model.KindTestimony || src.Sensitivity != model.Confidential {
			t.Errorf("after the raise: %+v %v", src, err)
		}
		sts, err := st.StatementsFrom(ctx, access.Operator(), src.ID)
		if err != nil || len(sts) == 0 {
			t.Fatalf("statements: %d %v", len(sts), err)
		}
		for _, s := range sts {
			if s.Sensitivity != model.Confidential {
				t.Errorf("statement %s stayed %s", s.ID, s.Sensitivity)
			}
		}
		// Weaker or the same: nothing changes, nothing is refused.
		same, err := a.IngestBytes(ctx, analyst, "t.txt", text, app.IngestOptions{})
		if err != nil || same.Outcome != app.Exists || same.Raised {
			t.Errorf("a weaker upload: %+v %v", same, err)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %+v %v", rep.Problems, err)
		}
	})
}
