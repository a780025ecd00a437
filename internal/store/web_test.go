package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestSessionsAndAccessLog(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := model.User{Name: "rev", Role: model.RoleReviewer, Clearance: model.Restricted}
		if err := s.Write(ctx, "admin", func(tx *store.Tx) error { return tx.AddUser(ctx, &u) }); err != nil {
			t.Fatal(err)
		}
		if got, err := s.UserByID(ctx, u.ID); err != nil || got.Name != "rev" {
			t.Fatalf("UserByID: %+v %v", got, err)
		}
		now := time.Now().UTC()
		ss := s.Sessions()
		live := model.Session{ID: "aa", UserID: u.ID, UserName: u.Name, CSRF: "c", CreatedAt: now, LastSeen: now, ExpiresAt: now.Add(time.Hour)}
		old := model.Session{ID: "bb", UserID: u.ID, UserName: u.Name, CSRF: "d", CreatedAt: now, LastSeen: now, ExpiresAt: now.Add(-time.Minute)}
		for _, x := range []model.Session{live, old} {
			if err := ss.Create(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := ss.Get(ctx, "aa"); err != nil || got.CSRF != "c" || got.UserID != u.ID {
			t.Errorf("Get live: %+v %v", got, err)
		}
		if _, err := ss.Get(ctx, "bb"); !errors.Is(err, store.ErrNoSession) {
			t.Errorf("an expired session was returned: %v", err)
		}
		if err := ss.Sweep(ctx, now); err != nil {
			t.Fatal(err)
		}
		if err := ss.DeleteUser(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := ss.Get(ctx, "aa"); !errors.Is(err, store.ErrNoSession) {
			t.Errorf("a session survived DeleteUser: %v", err)
		}

		al := s.AccessLog()
		if err := al.Record(ctx, model.AccessEntry{At: now, Actor: "rev", Action: "view", Subject: "src_1", Sensitivity: model.Restricted},
			model.AccessEntry{At: now, Actor: "rev", Action: "download", Subject: "src_1", Sensitivity: model.Restricted}); err != nil {
			t.Fatal(err)
		}
		got, err := al.Recent(ctx, 10)
		if err != nil || len(got) != 2 || got[0].Action != "download" {
			t.Errorf("Recent: %+v %v", got, err)
		}
		for _, q := range []string{"UPDATE access_log SET actor = 'x'", "DELETE FROM access_log"} {
			if _, err := s.DB().ExecContext(ctx, q); err == nil {
				t.Errorf("%s succeeded on the append-only access log", q)
			}
		}
	})
}

func TestSourceListingPagesAndCounts(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for i := range 7 {
			addSource(t, s, fmt.Sprintf("Report number %d from Homs.", i), model.Public)
		}
		addSource(t, s, "A confidential testimony.", model.Confidential)
		var seen []string
		var after *model.Source
		for {
			page, err := s.Sources(ctx, access.Operator(), store.SourceFilter{Newest: true, Limit: 3, After: after, Language: "en"})
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			for _, p := range page {
				seen = append(seen, p.ID)
			}
			after = &page[len(page)-1]
		}
		if len(seen) != 8 {
			t.Errorf("paging saw %d sources, want 8: %v", len(seen), seen)
		}
		dup := map[string]bool{}
		for _, id := range seen {
			if dup[id] {
				t.Errorf("%s listed twice", id)
			}
			dup[id] = true
		}
		c, err := s.CountSources(ctx, access.Public())
		if err != nil || c.Total != 7 || c.ByKind["article"] != 7 || c.BySensitivity["confidential"] != 0 {
			t.Errorf("public counts: %+v %v", c, err)
		}
		if none, _ := s.Sources(ctx, access.Operator(), store.SourceFilter{Language: "ar"}); len(none) != 0 {
			t.Errorf("language filter: %v", none)
		}
	})
}

func TestReviewQueue(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		pub := addSource(t, s, "Public report.", model.Public)
		conf := addSource(t, s, "Confidential testimony.", model.Confidential)
		var ids []string
		err := s.Write(ctx, "x", func(tx *store.Tx) error {
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			for i, src := range []string{pub.ID, conf.ID, pub.ID} {
				st := model.Statement{EntityID: e.ID, Property: "alias", Value: fmt.Sprint("name", i), SourceID: src, Origin: "manual"}
				if err := tx.AddStatement(ctx, &st); err != nil {
					return err
				}
				ids = append(ids, st.ID)
			}
			return tx.Review(ctx, ids[2], model.StatusConfirmed, "")
		})
		if err != nil {
			t.Fatal(err)
		}
		internal := access.ForUser(model.User{Name: "a", Role: model.RoleReviewer, Clearance: model.Internal})
		if n, _ := s.CountStatements(ctx, internal, model.StatusProposed); n != 1 {
			t.Errorf("internal reviewer counts %d proposed, want 1", n)
		}
		if n, _ := s.CountStatements(ctx, access.Operator(), model.StatusProposed); n != 2 {
			t.Errorf("operator counts %d proposed, want 2", n)
		}
		q, err := s.ReviewQueue(ctx, access.Operator(), 1, "")
		if err != nil || len(q) != 1 || q[0].ID != ids[0] {
			t.Fatalf("first page: %+v %v", q, err)
		}
		q, _ = s.ReviewQueue(ctx, access.Operator(), 10, q[0].ID)
		if len(q) != 1 || q[0].ID != ids[1] {
			t.Errorf("second page: %+v", q)
		}
		if _, err := s.Statement(ctx, internal, ids[1]); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a reviewer cleared for internal read a confidential statement: %v", err)
		}
		from, _ := s.StatementsFrom(ctx, access.Public(), pub.ID)
		if len(from) != 1 || from[0].ID != ids[2] {
			t.Errorf("the public sees %+v from the public source; want only the confirmed one", from)
		}
	})
}

func TestDataDirWithHashInItsName(t *testing.T) {
	dir := t.TempDir() + "/case #1?x"
	s := storetest.Open(t, store.Config{DataDir: dir})
	addSource(t, s, "x y z", model.Public)
	s.Close()
	again := storetest.Open(t, store.Config{DataDir: dir, ReadOnly: true})
	if got, _ := again.Sources(context.Background(), access.Operator(), store.SourceFilter{}); len(got) != 1 {
		t.Errorf("reopened %q and found %d sources", dir, len(got))
	}
}

func TestReferencingAndMentioning(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		src := addSource(t, s, "Col. Thaer Hussein was arrested in Tartus.", model.Public)
		var person, event model.Entity
		err := s.Write(ctx, "x", func(tx *store.Tx) error {
			var err error
			if person, err = tx.AddEntity(ctx, model.TypePerson); err != nil {
				return err
			}
			if event, err = tx.AddEntity(ctx, model.TypeEvent); err != nil {
				return err
			}
			if err := tx.AddStatement(ctx, &model.Statement{EntityID: event.ID, Property: "involved", Value: "Thaer Hussein", ValueEntity: person.ID,
				Role: "subject", SourceID: src.ID, Origin: "manual", Modality: model.Asserted}); err != nil {
				return err
			}
			return tx.AddMention(ctx, &model.Mention{SourceID: src.ID, Span: model.Span{Start: 5, End: 18, Quote: "Thaer Hussein"},
				Type: model.TypePerson, Extractor: "t@1", EntityID: person.ID})
		})
		if err != nil {
			t.Fatal(err)
		}
		refs, err := s.Referencing(ctx, access.Operator(), person.ID)
		if err != nil || len(refs) != 1 || refs[0].EntityID != event.ID || refs[0].Role != "subject" {
			t.Errorf("Referencing: %+v %v", refs, err)
		}
		srcs, err := s.SourcesMentioning(ctx, access.Operator(), person.ID)
		if err != nil || len(srcs) != 1 || srcs[0].ID != src.ID {
			t.Errorf("SourcesMentioning: %+v %v", srcs, err)
		}
		if refs, _ := s.Referencing(ctx, access.Public(), person.ID); len(refs) != 0 {
			t.Errorf("the public sees an unconfirmed statement: %+v", refs)
		}
	})
}

func TestPrefixed(t *testing.T) {
	got := store.Prefixed("st.", "id, COALESCE(value_entity, ''), COALESCE(span_start, 0), quote")
	want := "st.id, COALESCE(st.value_entity, ''), COALESCE(st.span_start, 0), st.quote"
	if got != want {
		t.Errorf("prefixed = %q, want %q", got, want)
	}
}

func TestSensitivityNeverBelowTheSource(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		src := addSource(t, s, "Restricted report.", model.Restricted)
		var st model.Statement
		err := s.Write(ctx, "x", func(tx *store.Tx) error {
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			st = model.Statement{EntityID: e.ID, Property: "name", Value: "X", SourceID: src.ID, Origin: "manual"}
			return tx.AddStatement(ctx, &st)
		})
		if err != nil {
			t.Fatal(err)
		}
		err = s.Write(ctx, "admin", func(tx *store.Tx) error { return tx.SetStatementSensitivity(ctx, st.ID, model.Public) })
		if !errors.Is(err, store.ErrBelowSource) {
			t.Errorf("lowering below the source: %v", err)
		}
		if err := s.Write(ctx, "admin", func(tx *store.Tx) error { return tx.SetStatementSensitivity(ctx, st.ID, model.Confidential) }); err != nil {
			t.Errorf("raising: %v", err)
		}
	})
}

// A page that showed hundreds of restricted rows records each of them, in
// the order shown, however many statements the rows take.
func TestAccessLogRecordsEveryEntryInOrder(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Now().UTC()
		for _, n := range []int{1, 100, 101, 250} {
			entries := make([]model.AccessEntry, n)
			for i := range entries {
				entries[i] = model.AccessEntry{At: now, Actor: "rev", Action: "search", Subject: fmt.Sprintf("n%d-%03d", n, i), Sensitivity: model.Confidential, Remote: "10.0.0.1"}
			}
			if err := s.AccessLog().Record(ctx, entries...); err != nil {
				t.Fatalf("%d entries: %v", n, err)
			}
			got, err := s.AccessLog().Recent(ctx, n)
			if err != nil || len(got) != n {
				t.Fatalf("%d entries: read back %d, %v", n, len(got), err)
			}
			for i, e := range got {
				want := entries[n-1-i]
				if e.Subject != want.Subject || e.Sensitivity != model.Confidential || e.Remote != "10.0.0.1" || e.Action != "search" {
					t.Fatalf("%d entries: newest-first row %d is %+v, want subject %s", n, i, e, want.Subject)
				}
			}
		}
	})
}
