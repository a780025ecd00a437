package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/enquiry"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// alertName is the name a testimony gives a person the watch queues
// flagged: it may be stored nowhere in the clear.
const alertName = "Yazan Kharrubi-Sawwan"

// alertStored reports where the SQLite files or the PostgreSQL queues and
// merge proposals hold alertName in the clear.
func alertStored(t *testing.T, s *store.Store) []string {
	t.Helper()
	ctx := context.Background()
	if s.Engine() == "postgres" {
		var hits []string
		for _, q := range []string{"SELECT count(*) FROM enquiry_alerts WHERE name LIKE $1",
			"SELECT count(*) FROM watch_alerts WHERE name LIKE $1 OR reasons LIKE $1",
			"SELECT count(*) FROM merge_proposals WHERE reasons LIKE $1"} {
			var n int
			if err := s.DB().QueryRowContext(ctx, q, "%Kharrubi%").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				hits = append(hits, q)
			}
		}
		return hits
	}
	return filesHolding(t, s, "Kharrubi")
}

// The watch queues' alerts from a sealed source — the name it gives, and a
// watch-list alert's reasons that quote it — are sealed under the source's
// data key: read back whole, in no file or row in the clear, sealed when an
// internal source is raised, and withdrawn by a take-down.
func TestSealedAlerts(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			cfg := store.Config{DataDir: t.TempDir(), MasterKeyFile: filepath.Join(t.TempDir(), "master.key")}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			s := storetest.Open(t, cfg)
			op := access.Operator()
			e := enquiry.Enquiry{Name: "Yazan Sawwan", Contact: "+963 000", Consent: "name and fate"}
			w := enquiry.Wanted{Name: "Yazan Sawwan", Sensitivity: model.Internal}
			if err := s.Write(ctx, "karim", func(tx *store.Tx) error {
				if err := tx.AddEnquiry(ctx, &e); err != nil {
					return err
				}
				return tx.AddWanted(ctx, &w)
			}); err != nil {
				t.Fatal(err)
			}
			alert := func(src model.Source) {
				t.Helper()
				if _, err := s.AddEnquiryAlerts(ctx, []store.EnquiryAlert{{EnquiryID: e.ID, EntityID: "person-" + src.ID, SourceID: src.ID,
					Name: alertName, Sensitivity: src.Sensitivity, Score: 0.9}}); err != nil {
					t.Fatal(err)
				}
				if _, err := s.AddWatchAlerts(ctx, []store.WatchAlert{{EntryID: w.ID, EntityID: "person-" + src.ID, SourceID: src.ID,
					Name: alertName, Sensitivity: src.Sensitivity, Score: 0.9,
					Reasons: []enquiry.Reason{{Code: enquiry.ReasonName, Args: []string{"Yazan Sawwan", alertName, "0.90"}}}}}); err != nil {
					t.Fatal(err)
				}
			}
			read := func() (names []string) {
				t.Helper()
				es, err := s.EnquiryAlerts(ctx, op, false)
				if err != nil {
					t.Fatal(err)
				}
				for _, a := range es {
					names = append(names, "enquiry:"+a.Name)
				}
				ws, err := s.WatchAlerts(ctx, op, false)
				if err != nil {
					t.Fatal(err)
				}
				for _, a := range ws {
					names = append(names, "watch:"+a.Name)
					for _, r := range a.Reasons {
						names = append(names, "reason:"+r.Args[1])
					}
				}
				return names
			}
			conf := addSource(t, s, "A testimony naming a fellow detainee.", model.Confidential)
			alert(conf)
			if got := read(); len(got) != 3 || got[0] != "enquiry:"+alertName || got[1] != "watch:"+alertName || got[2] != "reason:"+alertName {
				t.Fatalf("the alerts read %q", got)
			}
			if hits := alertStored(t, s); len(hits) > 0 {
				t.Fatalf("an alert's name is in the clear in %v", hits)
			}
			// An internal source's alerts are in the clear until it is
			// raised to confidential.
			raised := addSource(t, s, "An internal report naming a detainee.", model.Internal)
			alert(raised)
			if hits := alertStored(t, s); len(hits) == 0 {
				t.Fatal("an internal source's alert should be in the clear (the check finds nothing)")
			}
			raiseToConfidential(t, s, raised.ID)
			if hits := alertStored(t, s); len(hits) > 0 {
				t.Fatalf("after the raise an alert's name is in the clear in %v", hits)
			}
			if got := read(); len(got) != 6 {
				t.Fatalf("after the raise the alerts read %q", got)
			}
			// A take-down withdraws the name: the enquiry's queue still
			// lists the alert, which names nobody; the watch list's drops it.
			if err := s.Write(ctx, "admin", func(tx *store.Tx) error { return tx.TakeDown(ctx, conf.ID, "the witness asked") }); err != nil {
				t.Fatal(err)
			}
			es, err := s.EnquiryAlerts(ctx, op, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range es {
				if a.SourceID == conf.ID && a.Name != store.Withdrawn {
					t.Errorf("after the take-down the enquiry alert names %q", a.Name)
				}
			}
			if rep, err := s.Verify(ctx); err != nil || !rep.OK {
				t.Errorf("verify: %+v %v", rep.Problems, err)
			}
		})
	}
}
