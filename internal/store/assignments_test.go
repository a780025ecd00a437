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

func addUser(t *testing.T, s *store.Store, name string, role model.Role, clearance model.Sensitivity) model.User {
	t.Helper()
	u := model.User{Name: name, Role: role, Clearance: clearance}
	if err := s.Write(context.Background(), "tester", func(tx *store.Tx) error { return tx.AddUser(context.Background(), &u) }); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestAssignments(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		rev := addUser(t, s, "rania", model.RoleReviewer, model.Restricted)
		other := addUser(t, s, "rami", model.RoleReviewer, model.Confidential)
		analyst := addUser(t, s, "anas", model.RoleAnalyst, model.Confidential)
		pub := addSource(t, s, "public text", model.Public)
		conf := addSource(t, s, "confidential text", model.Confidential)
		loose := addSource(t, s, "unassigned text", model.Public)
		var first string
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			for i, src := range []model.Source{pub, pub, conf, loose} {
				st := model.Statement{EntityID: e.ID, Property: "alias", Value: "v" + string(rune('a'+i)), SourceID: src.ID, Origin: "manual"}
				if err := tx.AddStatement(ctx, &st); err != nil {
					return err
				}
				if i == 0 {
					first = st.ID
				}
			}
			// a confirmed statement of an assigned source is no work
			st := model.Statement{EntityID: e.ID, Property: "name", Value: "done", SourceID: pub.ID, Origin: "manual", Status: model.StatusConfirmed}
			return tx.AddStatement(ctx, &st)
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name       string
			src, user  string
			want       error
			wantAnyErr bool
		}{
			{"an analyst cannot review", pub.ID, analyst.ID, store.ErrNotReviewer, true},
			{"not cleared for the source", conf.ID, rev.ID, store.ErrNotReviewer, true},
			{"no such source", "src_0000000000000000", rev.ID, store.ErrNotFound, true},
			{"no such user", pub.ID, "nobody", store.ErrNotFound, true},
			{"a reviewer cleared for it", pub.ID, rev.ID, nil, false},
			{"reassigned", conf.ID, other.ID, nil, false},
		} {
			err := s.Write(ctx, "adel", func(tx *store.Tx) error { return tx.Assign(ctx, tc.src, tc.user) })
			if tc.wantAnyErr != (err != nil) || (tc.want != nil && !errors.Is(err, tc.want)) {
				t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
			}
		}
		as, err := s.Assignments(ctx, []string{pub.ID, conf.ID, loose.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(as) != 2 || as[pub.ID].ReviewerName != "rania" || as[pub.ID].AssignedBy != "adel" || as[conf.ID].ReviewerID != other.ID {
			t.Errorf("assignments: %+v", as)
		}
		rv := access.ForUser(rev)
		if n, err := s.CountAssigned(ctx, rv, rev.ID); err != nil || n != 2 {
			t.Errorf("rania's assigned work: %d %v, want 2 proposed statements", n, err)
		}
		q, err := s.AssignedQueue(ctx, rv, rev.ID, 1, "")
		if err != nil || len(q) != 1 || q[0].ID != first {
			t.Fatalf("first page of rania's queue: %v %v", q, err)
		}
		if q, err = s.AssignedQueue(ctx, rv, rev.ID, 10, first); err != nil || len(q) != 1 || q[0].SourceID != pub.ID {
			t.Errorf("second page of rania's queue: %v %v", q, err)
		}
		// The read policy still applies: a viewer without clearance counts
		// none of rami's confidential work.
		if n, err := s.CountAssigned(ctx, access.ForUser(rev), other.ID); err != nil || n != 0 {
			t.Errorf("confidential work counted for a restricted viewer: %d %v", n, err)
		}
		if n, err := s.CountAssigned(ctx, access.ForUser(other), other.ID); err != nil || n != 1 {
			t.Errorf("rami's assigned work: %d %v", n, err)
		}
		// Taking work away, twice: logged once.
		for range 2 {
			if err := s.Write(ctx, "rami", func(tx *store.Tx) error { return tx.Unassign(ctx, pub.ID) }); err != nil {
				t.Fatal(err)
			}
		}
		if n, _ := s.CountAssigned(ctx, rv, rev.ID); n != 0 {
			t.Errorf("after unassigning: %d", n)
		}
		log, err := s.AssignmentLog(ctx, pub.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 2 || log[0].Action != "assign" || log[0].Actor != "adel" || log[0].ReviewerID != rev.ID ||
			log[1].Action != "unassign" || log[1].Actor != "rami" || log[0].At.IsZero() {
			t.Errorf("assignment log: %+v", log)
		}
		// The log is append-only.
		if _, err := s.DB().ExecContext(ctx, "DELETE FROM assignment_log"); err == nil {
			t.Error("the assignment log could be emptied")
		}
		// A failed assignment leaves nothing behind.
		if err := s.Write(ctx, "adel", func(tx *store.Tx) error { return tx.Assign(ctx, loose.ID, analyst.ID) }); err == nil {
			t.Fatal("an analyst was assigned work")
		}
		if log, _ := s.AssignmentLog(ctx, loose.ID); len(log) != 0 {
			t.Errorf("a refused assignment was logged: %+v", log)
		}
		mustVerify(t, s)
	})
}

func TestPublicViewSetting(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if on, err := s.PublicView(ctx); err != nil || on {
			t.Fatalf("a new store publishes the public view: %v %v", on, err)
		}
		for _, want := range []bool{true, false, true} {
			if err := s.Write(ctx, "adel", func(tx *store.Tx) error { return tx.SetPublicView(ctx, want) }); err != nil {
				t.Fatal(err)
			}
			if on, err := s.PublicView(ctx); err != nil || on != want {
				t.Errorf("public view %v, want %v (%v)", on, want, err)
			}
		}
		x, ok, err := s.Setting(ctx, store.SettingPublicView)
		if err != nil || !ok || x.UpdatedBy != "adel" || x.UpdatedAt.IsZero() {
			t.Errorf("setting: %+v %v %v", x, ok, err)
		}
		// Ledgered: verify passes, and a hand edit is caught.
		mustVerify(t, s)
		if _, err := s.DB().ExecContext(ctx, "UPDATE settings SET value = 'false'"); err != nil {
			t.Fatal(err)
		}
		r, err := s.Verify(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if r.OK {
			t.Error("verify missed a setting edited by hand")
		}
	})
}
