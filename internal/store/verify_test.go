package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// populate writes three sources, an entity and a statement, and signs a
// checkpoint of the head.
func populate(t *testing.T, s *store.Store) []model.Source {
	t.Helper()
	ctx := context.Background()
	var srcs []model.Source
	for _, text := range []string{"First report from Homs.", "Second report from Tartus.", "Third report from Damascus."} {
		srcs = append(srcs, addSource(t, s, text, model.Public))
	}
	err := s.Write(ctx, "tester", func(tx *store.Tx) error {
		e, err := tx.AddEntity(ctx, model.TypePlace)
		if err != nil {
			return err
		}
		return tx.AddStatement(ctx, &model.Statement{EntityID: e.ID, Property: "name", Value: "Homs", SourceID: srcs[0].ID,
			Span: model.Span{Start: 18, End: 22, Quote: "Homs"}, Origin: "manual"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	mustVerify(t, s)
	return srcs
}

func exec(t *testing.T, s *store.Store, q string, args ...any) {
	t.Helper()
	res, err := s.DB().Exec(s.Rebind(q), args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		t.Fatalf("%s changed nothing", q)
	}
}

func TestVerifyCatchesTampering(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(t *testing.T, s *store.Store, srcs []model.Source)
		want   string // in the first problem
	}{
		{"edit a data row", func(t *testing.T, s *store.Store, srcs []model.Source) {
			exec(t, s, "UPDATE sources SET title = ? WHERE id = ?", "edited", srcs[1].ID)
		}, "sources %s1: was changed after ledger entry"},
		{"edit a statement", func(t *testing.T, s *store.Store, _ []model.Source) {
			exec(t, s, "UPDATE statements SET value = ?", "Hama")
		}, "statements"},
		{"add a row outside Athar", func(t *testing.T, s *store.Store, _ []model.Source) {
			exec(t, s, "INSERT INTO entities (id, type, created_at, created_by) VALUES (?, ?, ?, ?)", "x", "person", "2025-01-01T00:00:00Z", "intruder")
		}, "entities x: is in the database but not in the ledger"},
		{"delete a data row", func(t *testing.T, s *store.Store, _ []model.Source) {
			exec(t, s, "DELETE FROM statements")
		}, "is missing: ledger entry"},
		{"delete a ledger row", func(t *testing.T, s *store.Store, _ []model.Source) {
			exec(t, s, "DELETE FROM ledger WHERE seq = 2")
		}, "entry 3: expected entry 2 here"},
		{"edit a ledger row", func(t *testing.T, s *store.Store, _ []model.Source) {
			exec(t, s, "UPDATE ledger SET actor = ? WHERE seq = 1", "someone else")
		}, "entry 1: its contents no longer match its hash"},
		{"rewrite the chain from an entry on", func(t *testing.T, s *store.Store, _ []model.Source) {
			exec(t, s, "UPDATE ledger SET prev_hash = ? WHERE seq = 3", strings.Repeat("ab", 32))
		}, "entry 3: does not chain"},
		{"cut entries off the end", func(t *testing.T, s *store.Store, _ []model.Source) {
			exec(t, s, "DELETE FROM ledger WHERE seq > 3")
		}, "entries were cut off the end"},
		{"corrupt a blob", func(t *testing.T, s *store.Store, srcs []model.Source) {
			if s.Engine() == "postgres" {
				exec(t, s, "UPDATE blobs SET data = ? WHERE sha256 = ?", []byte("forged"), srcs[2].SHA256)
				return
			}
			sum := srcs[2].SHA256
			path := filepath.Join(s.DataDir(), "archive", "sha256", sum[:2], sum)
			if err := os.WriteFile(path, []byte("forged"), 0o600); err != nil {
				t.Fatal(err)
			}
		}, "%s3: its bytes now hash to"},
		{"lose a blob", func(t *testing.T, s *store.Store, srcs []model.Source) {
			if s.Engine() == "postgres" {
				exec(t, s, "DELETE FROM blobs WHERE sha256 = ?", srcs[0].SHA256)
				return
			}
			sum := srcs[0].SHA256
			if err := os.Remove(filepath.Join(s.DataDir(), "archive", "sha256", sum[:2], sum)); err != nil {
				t.Fatal(err)
			}
		}, "is missing"},
		{"forge a checkpoint", func(t *testing.T, s *store.Store, _ []model.Source) {
			dir := s.CheckpointDir()
			ents, _ := os.ReadDir(dir)
			path := filepath.Join(dir, ents[len(ents)-1].Name())
			b, _ := os.ReadFile(path)
			forged := strings.Replace(string(b), `"seq": `, `"seq": 1`, 1)
			if err := os.WriteFile(path, []byte(forged), 0o600); err != nil {
				t.Fatal(err)
			}
		}, "signature does not verify"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Engines(t, func(t *testing.T, s *store.Store) {
				srcs := populate(t, s)
				tt.tamper(t, s, srcs)
				r, err := s.Verify(context.Background())
				if err != nil {
					t.Fatalf("verify could not run: %v", err)
				}
				if r.OK || len(r.Problems) == 0 {
					t.Fatalf("verify passed after %s", tt.name)
				}
				want := strings.NewReplacer("%s1", srcs[1].ID, "%s3", srcs[2].SHA256).Replace(tt.want)
				if got := r.Problems[0].String(); !strings.Contains(got, want) {
					t.Errorf("first problem %q does not say %q (all: %v)", got, want, r.Problems)
				}
			})
		})
	}
}
