package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/enquiry"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestEnquiries(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		// The role the migration allows.
		addUser(t, s, "karim", model.RoleCaseworker, model.Internal)
		src := addSource(t, s, "Aws Salloum was held in Sednaya.", model.Public)
		e := enquiry.Enquiry{Name: "أوس سلوم", Mother: "فاطمة", Born: model.Date{Year: 1988, Precision: model.PrecisionYear},
			Contact: "+963 000", Consent: "name and fate"}
		var person model.Entity
		err := s.Write(ctx, "karim", func(tx *store.Tx) error {
			if err := tx.AddEnquiry(ctx, &e); err != nil {
				return err
			}
			var err error
			if person, err = tx.AddEntity(ctx, model.TypePerson); err != nil {
				return err
			}
			st := model.Statement{EntityID: person.ID, Property: model.PropName, Value: "Aws Salloum", SourceID: src.ID, Origin: "manual"}
			return tx.AddStatement(ctx, &st)
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Enquiry(ctx, e.ID)
		if err != nil || got.Name != e.Name || got.Mother != "فاطمة" || got.Born.Year != 1988 || got.Status != enquiry.Open || got.CreatedBy != "karim" {
			t.Fatalf("%+v %v", got, err)
		}
		if _, err := s.Enquiry(ctx, "nonexistent"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing enquiry: %v", err)
		}
		j := store.EnquiryJudgement{EnquiryID: e.ID, EntityID: person.ID, Verdict: "confirm", Note: "photo"}
		err = s.Write(ctx, "karim", func(tx *store.Tx) error {
			if err := tx.AddEnquiryJudgement(ctx, &j); err != nil {
				return err
			}
			return tx.SetEnquiryStatus(ctx, e.ID, enquiry.Matched)
		})
		if err != nil {
			t.Fatal(err)
		}
		if bad := s.Write(ctx, "karim", func(tx *store.Tx) error {
			return tx.AddEnquiryJudgement(ctx, &store.EnquiryJudgement{EnquiryID: e.ID, EntityID: person.ID, Verdict: "maybe"})
		}); bad == nil {
			t.Error("a verdict of maybe was stored")
		}
		if open, _ := s.Enquiries(ctx, enquiry.Open); len(open) != 0 {
			t.Errorf("open: %d", len(open))
		}
		if matched, _ := s.Enquiries(ctx, enquiry.Matched); len(matched) != 1 {
			t.Errorf("matched: %d", len(matched))
		}
		if js, _ := s.EnquiryJudgements(ctx, e.ID); len(js) != 1 || js[0].Author != "karim" || js[0].Verdict != "confirm" {
			t.Errorf("judgements %+v", js)
		}
		// Everything is ledgered: verify checks the rows.
		rep, err := s.Verify(ctx)
		if err != nil || !rep.OK {
			t.Fatalf("verify: %+v %v", rep, err)
		}
		// The watch reads who a source names, and queues each alert once.
		named, err := s.PersonsNamedIn(ctx, []string{src.ID})
		if err != nil || len(named[src.ID]) != 1 || named[src.ID][0].EntityID != person.ID {
			t.Fatalf("named %+v %v", named, err)
		}
		alert := store.EnquiryAlert{EnquiryID: e.ID, EntityID: person.ID, SourceID: src.ID, Name: "Aws Salloum", Sensitivity: model.Public, Score: 0.9}
		secret := store.EnquiryAlert{EnquiryID: e.ID, EntityID: person.ID, SourceID: src.ID + "x", Name: "Abu Haidar", Sensitivity: model.Confidential, Score: 0.9}
		if n, err := s.AddEnquiryAlerts(ctx, []store.EnquiryAlert{secret}); n != 1 || err != nil {
			t.Fatal(n, err)
		}
		if as, _ := s.EnquiryAlerts(ctx, access.Operator(), true); len(as) != 1 || as[0].Name != "Abu Haidar" {
			t.Fatalf("operator sees %+v", as)
		}
		for want := range []int{1, 0} {
			n, err := s.AddEnquiryAlerts(ctx, []store.EnquiryAlert{alert})
			if err != nil || n != 1-want {
				t.Fatalf("added %d %v", n, err)
			}
		}
		karim := access.Viewer{Name: "karim", Role: model.RoleCaseworker, Clearance: model.Internal}
		as, _ := s.EnquiryAlerts(ctx, karim, true)
		if len(as) != 1 || as[0].Name != "Aws Salloum" {
			t.Fatalf("a caseworker cleared for internal sees %+v", as)
		}
		all, _ := s.EnquiryAlerts(ctx, access.Operator(), true)
		for _, x := range all {
			if x.Name == "Abu Haidar" {
				if err := s.SeeEnquiryAlert(ctx, karim, x.ID); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("marked an alert above clearance: %v", err)
				}
			}
		}
		if err := s.SeeEnquiryAlert(ctx, karim, as[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := s.SeeEnquiryAlert(ctx, karim, as[0].ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("seen twice: %v", err)
		}
		if as, _ := s.EnquiryAlerts(ctx, karim, true); len(as) != 0 {
			t.Errorf("unseen after seeing: %d", len(as))
		}
	})
}
