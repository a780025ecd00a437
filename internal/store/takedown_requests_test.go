package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// A take-down asked for by one admin waits for another's approval: the one
// who asked cannot approve it, a second request for the same source waits
// behind the first, a refusal leaves the source readable, an approval takes
// it down, and every step is ledgered (verify passes, reporting one
// take-down). Both engines.
func TestTakeDownRequests(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		src := model.Source{Kind: model.KindTestimony, Text: "said: " + phrase, Sensitivity: model.Confidential}
		if err := s.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddSource(ctx, &src, []byte(phrase)) }); err != nil {
			t.Fatal(err)
		}
		request := func(actor string) (store.TakeDownRequest, error) {
			var req store.TakeDownRequest
			err := s.Write(ctx, actor, func(tx *store.Tx) (err error) {
				req, err = tx.RequestTakeDown(ctx, src.ID, "the witness asked")
				return err
			})
			return req, err
		}
		decide := func(actor, id string, approve bool) error {
			return s.Write(ctx, actor, func(tx *store.Tx) error {
				_, err := tx.DecideTakeDown(ctx, id, approve)
				return err
			})
		}
		first, err := request("adel")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := request("nadia"); !errors.Is(err, store.ErrPendingRequest) {
			t.Fatalf("a second request: %v", err)
		}
		if err := decide("adel", first.ID, true); !errors.Is(err, store.ErrSameAdmin) {
			t.Fatalf("approved by the admin who asked: %v", err)
		}
		if err := decide("nadia", "nonexistent", true); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("no such request: %v", err)
		}
		if p, err := s.PendingTakeDowns(ctx); err != nil || len(p) != 1 || p[0].ID != first.ID || p[0].RequestedBy != "adel" {
			t.Fatalf("pending %+v %v", p, err)
		}
		if err := decide("nadia", first.ID, false); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Source(ctx, access.Operator(), src.ID); err != nil || got.Text != src.Text {
			t.Fatalf("after a refusal the source reads %q, %v", got.Text, err)
		}
		if err := decide("nadia", first.ID, true); !errors.Is(err, store.ErrDecided) {
			t.Fatalf("a refused request approved: %v", err)
		}
		second, err := request("adel")
		if err != nil {
			t.Fatal(err)
		}
		if err := decide("nadia", second.ID, true); err != nil {
			t.Fatal(err)
		}
		if p, err := s.PendingTakeDowns(ctx); err != nil || len(p) != 0 {
			t.Fatalf("pending after the decisions: %+v %v", p, err)
		}
		if got, err := s.TakeDownRequestByID(ctx, second.ID); err != nil || got.Status != store.TakeDownApproved || got.DecidedBy != "nadia" {
			t.Fatalf("request after approval: %+v %v", got, err)
		}
		if got, err := s.Source(ctx, access.Operator(), src.ID); err != nil || strings.Contains(got.Text, phrase) {
			t.Fatalf("after the approval the source reads %q, %v", got.Text, err)
		}
		tds, err := s.TakeDowns(ctx)
		if err != nil || len(tds) != 1 || tds[0].Actor != "nadia" || !strings.Contains(tds[0].Reason, "asked by adel") {
			t.Fatalf("take-downs %+v %v", tds, err)
		}
		if _, err := request("adel"); !errors.Is(err, store.ErrWithdrawn) {
			t.Fatalf("a request for a source taken down: %v", err)
		}
		rep, err := s.Verify(ctx)
		if err != nil || !rep.OK || rep.TakeDowns != 1 {
			t.Fatalf("verify: %+v %v", rep, err)
		}
	})
}
