package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

func addSource(t testing.TB, s *store.Store, text string, sens model.Sensitivity) model.Source {
	t.Helper()
	src := model.Source{Kind: model.KindArticle, Title: "t", Text: text, Language: "en", Sensitivity: sens, Published: model.DayDate(2025, 1, 3)}
	err := s.Write(context.Background(), "tester", func(tx *store.Tx) error {
		err := tx.AddSource(context.Background(), &src, []byte(text))
		return err
	})
	if err != nil {
		t.Fatalf("add source: %v", err)
	}
	return src
}

func mustVerify(t *testing.T, s *store.Store) store.Report {
	t.Helper()
	r, err := s.Verify(context.Background())
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	if !r.OK {
		t.Fatalf("verify found problems on an untouched store: %v", r.Problems)
	}
	return r
}

func TestSourcesAreStoredOnceAndFiltered(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		pub := addSource(t, s, "Ous Salloum was arrested in Homs.", model.Public)
		conf := addSource(t, s, "A witness said the guard beat him.", model.Confidential)
		// Whether the same bytes again are the same source is the caller's
		// rule (app: for whom it may see it); the store keeps a record each,
		// and the bytes once.
		copies, err := s.SourcesBySHA(ctx, pub.SHA256)
		if err != nil || len(copies) != 1 || copies[0].ID != pub.ID {
			t.Errorf("records of the public bytes: %+v %v", copies, err)
		}

		all, err := s.Sources(ctx, access.Operator(), store.SourceFilter{})
		if err != nil || len(all) != 2 {
			t.Fatalf("operator sees %d sources (%v), want 2", len(all), err)
		}
		public, err := s.Sources(ctx, access.Public(), store.SourceFilter{})
		if err != nil || len(public) != 1 || public[0].ID != pub.ID {
			t.Fatalf("the public sees %v (%v), want only %s", public, err, pub.ID)
		}
		if _, err := s.Source(ctx, access.Public(), conf.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the public read a confidential source: %v", err)
		}
		got, err := s.Source(ctx, access.Operator(), pub.ID)
		if err != nil || got.Text != "Ous Salloum was arrested in Homs." || got.Published.String() != "2025-01-03" || got.SHA256 != store.Hash([]byte(got.Text)) {
			t.Fatalf("read back %+v, %v", got, err)
		}
		b, err := s.Blob(ctx, access.Operator(), pub.ID)
		if err != nil || string(b) != got.Text {
			t.Errorf("blob = %q, %v", b, err)
		}
		if _, err := s.Blob(ctx, access.Public(), conf.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the public read a confidential original: %v", err)
		}
		r := mustVerify(t, s)
		if r.Entries == 0 || r.Blobs != 2 {
			t.Errorf("verify saw %d entries and %d blobs", r.Entries, r.Blobs)
		}
	})
}

func TestStatementsNeverLessSensitiveThanTheirSource(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		src := addSource(t, s, "Testimony: the guard called himself Azrael.", model.Confidential)
		var st model.Statement
		var person model.Entity
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			var err error
			if person, err = tx.AddEntity(ctx, model.TypePerson); err != nil {
				return err
			}
			st = model.Statement{EntityID: person.ID, Property: "weakAlias", Value: "Azrael", SourceID: src.ID,
				Span: model.Span{Start: 35, End: 41, Quote: "Azrael"}, Origin: "manual", Sensitivity: model.Public, Confidence: 0.9}
			return tx.AddStatement(ctx, &st)
		})
		if err != nil {
			t.Fatal(err)
		}
		if st.Sensitivity != model.Confidential {
			t.Errorf("statement of a confidential source stored as %s", st.Sensitivity)
		}
		analyst := access.ForUser(model.User{Name: "a", Role: model.RoleAnalyst, Clearance: model.Restricted})
		if got, _ := s.Statements(ctx, analyst, person.ID); len(got) != 0 {
			t.Errorf("an analyst cleared for restricted sees %v", got)
		}
		got, err := s.Statements(ctx, access.Operator(), person.ID)
		if err != nil || len(got) != 1 || got[0].Span != st.Span || got[0].Status != model.StatusProposed {
			t.Fatalf("operator sees %+v, %v", got, err)
		}
		if err := s.Write(ctx, "reviewer", func(tx *store.Tx) error { return tx.Review(ctx, st.ID, model.StatusConfirmed, "checked") }); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Statements(ctx, access.Operator(), person.ID)
		if got[0].Status != model.StatusConfirmed || got[0].Reviewer != "reviewer" {
			t.Errorf("after review: %+v", got[0])
		}
		mustVerify(t, s)
	})
}

func TestPublicSeesConfirmedOnly(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		src := addSource(t, s, "Col. Thaer Hussein was arrested in Tartus.", model.Public)
		var person model.Entity
		var confirmed, proposed model.Statement
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			var err error
			if person, err = tx.AddEntity(ctx, model.TypePerson); err != nil {
				return err
			}
			confirmed = model.Statement{EntityID: person.ID, Property: "name", Value: "Thaer Hussein", SourceID: src.ID, Origin: "manual"}
			proposed = model.Statement{EntityID: person.ID, Property: "title", Value: "Col.", SourceID: src.ID, Origin: "manual"}
			if err := tx.AddStatement(ctx, &confirmed); err != nil {
				return err
			}
			if err := tx.AddStatement(ctx, &proposed); err != nil {
				return err
			}
			return tx.Review(ctx, confirmed.ID, model.StatusConfirmed, "")
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Statements(ctx, access.Public(), person.ID)
		if err != nil || len(got) != 1 || got[0].ID != confirmed.ID {
			t.Errorf("the public sees %v, %v; want only the confirmed statement", got, err)
		}
	})
}

func TestWriteRollsBackWholly(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		before := mustVerify(t, s)
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			src := model.Source{Kind: model.KindArticle, Text: "half-written", Sensitivity: model.Public}
			if err := tx.AddSource(ctx, &src, []byte("half-written")); err != nil {
				return err
			}
			return errors.New("fail after the first row")
		})
		if err == nil {
			t.Fatal("the failing write succeeded")
		}
		after := mustVerify(t, s)
		all, _ := s.Sources(ctx, access.Operator(), store.SourceFilter{})
		if len(all) != 0 || after.Entries != before.Entries {
			t.Errorf("a rolled-back write left %d sources and %d ledger entries", len(all), after.Entries-before.Entries)
		}
	})
}

func TestBadSourcesAreRefused(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		bad := []model.Source{
			{Kind: "pamphlet", Text: "x", Sensitivity: model.Public},
			{Kind: model.KindArticle, Text: "  ", Sensitivity: model.Public},
			{Kind: model.KindArticle, Text: "x", Sensitivity: model.Sensitivity(7)},
		}
		for i, src := range bad {
			err := s.Write(ctx, "tester", func(tx *store.Tx) error {
				err := tx.AddSource(ctx, &src, []byte{byte(i), 'x'})
				return err
			})
			if err == nil {
				t.Errorf("source %d (%+v) was accepted", i, src)
			}
		}
		mustVerify(t, s)
	})
}

func TestReadOnlyOpenCreatesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nothing-here")
	_, err := store.Open(context.Background(), store.Config{DataDir: dir, ReadOnly: true})
	if !errors.Is(err, store.ErrNoData) {
		t.Fatalf("read-only open of a missing directory: %v", err)
	}
	if _, statErr := os.Stat(dir); !os.IsNotExist(statErr) {
		t.Errorf("a read-only open created %s", dir)
	}
	if !strings.Contains(err.Error(), dir) {
		t.Errorf("the error does not name the directory: %v", err)
	}
}

func TestMigrationStatus(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		st, err := s.MigrationStatus(context.Background())
		if err != nil || len(st) == 0 || !strings.Contains(st[0], "applied") {
			t.Errorf("migration status %v, %v", st, err)
		}
	})
}

func TestConcurrentOpensOfANewDataDirectory(t *testing.T) {
	dir := t.TempDir()
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			s, err := store.Open(context.Background(), store.Config{DataDir: dir})
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Errorf("open: %v", err)
		}
	}
}
