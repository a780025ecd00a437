package store_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// noteWord is a word only a reviewer's note on a confidential source
// holds: it may be stored nowhere in the clear.
const noteWord = "Khirbet-Zawiyah"

var notePhrase = "Obtained from the witness's cousin in " + noteWord + "; she fears for him."

// noteStored reports where the engine's files (SQLite: the database, its
// WAL, the archive) or the notes' rows (PostgreSQL) hold noteWord in the
// clear.
func noteStored(t *testing.T, s *store.Store) []string {
	t.Helper()
	ctx := context.Background()
	if s.Engine() == "postgres" {
		var n int
		if err := s.DB().QueryRowContext(ctx, "SELECT count(*) FROM source_notes WHERE text LIKE $1", "%"+noteWord+"%").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return []string{"source_notes"}
		}
		return nil
	}
	return filesHolding(t, s, noteWord)
}

// raiseToConfidential raises an article to confidential, as an admin.
func raiseToConfidential(t *testing.T, s *store.Store, id string) {
	t.Helper()
	ctx := context.Background()
	if err := s.Write(ctx, "admin", func(tx *store.Tx) error {
		_, err := tx.RaiseSource(ctx, id, model.KindArticle, model.Confidential)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// filesHolding checkpoints a SQLite store's WAL and reports the files of
// its data directory (the database, its WAL, the archive) whose bytes hold
// word.
func filesHolding(t *testing.T, s *store.Store, word string) []string {
	t.Helper()
	if _, err := s.DB().ExecContext(context.Background(), "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	var hits []string
	err := filepath.WalkDir(s.DataDir(), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err == nil && bytes.Contains(b, []byte(word)) {
			hits = append(hits, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

func addNote(t *testing.T, s *store.Store, sourceID, text string, level model.Sensitivity) error {
	t.Helper()
	return s.Write(context.Background(), "rania", func(tx *store.Tx) error {
		return tx.AddSourceNote(context.Background(), &store.SourceNote{SourceID: sourceID, Text: text, Sensitivity: level})
	})
}

func notesRead(t *testing.T, s *store.Store, v access.Viewer, sourceID string) []string {
	t.Helper()
	ns, err := s.SourceNotes(context.Background(), v, sourceID)
	if err != nil {
		t.Fatalf("notes on %s: %v", sourceID, err)
	}
	var out []string
	for _, n := range ns {
		out = append(out, n.Text)
	}
	return out
}

// A note on a confidential source is sealed under the source's data key:
// a cleared reader reads it back, no file (SQLite) or row (PostgreSQL)
// holds it in the clear, a key rotation leaves it readable under the new
// key, a source raised to confidential seals the notes written on it
// before, and a take-down leaves it withdrawn everywhere while the ledger
// verifies. A withdrawn source takes no new note.
func TestSealedSourceNotes(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			cfg := store.Config{DataDir: t.TempDir(), MasterKeyFile: filepath.Join(t.TempDir(), "master.key")}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			s := storetest.Open(t, cfg)
			op := access.Operator()
			conf := addSource(t, s, "A testimony about Sednaya.", model.Confidential)
			if err := addNote(t, s, conf.ID, notePhrase, model.Confidential); err != nil {
				t.Fatal(err)
			}
			if got := notesRead(t, s, op, conf.ID); len(got) != 1 || got[0] != notePhrase {
				t.Fatalf("the note reads %q", got)
			}
			if got := notesRead(t, s, access.Viewer{Name: "i", Role: model.RoleReviewer, Clearance: model.Internal}, conf.ID); len(got) != 0 {
				t.Fatalf("an internal reviewer reads %q", got)
			}
			if hits := noteStored(t, s); len(hits) > 0 {
				t.Fatalf("the note is in the clear in %v", hits)
			}

			// A note written on an internal source is in the clear; raised
			// to confidential, the source seals it.
			raised := addSource(t, s, "A report raised later.", model.Internal)
			if err := addNote(t, s, raised.ID, "Raised: "+notePhrase, model.Internal); err != nil {
				t.Fatal(err)
			}
			if hits := noteStored(t, s); len(hits) == 0 {
				t.Fatal("a note on an internal source should be in the clear (the check finds nothing)")
			}
			raiseToConfidential(t, s, raised.ID)
			if hits := noteStored(t, s); len(hits) > 0 {
				t.Fatalf("after raising its source the note is in the clear in %v", hits)
			}
			if got := notesRead(t, s, op, raised.ID); len(got) != 1 || got[0] != "Raised: "+notePhrase {
				t.Fatalf("the raised source's note reads %q", got)
			}

			// A rotation re-wraps the data keys: the notes read under the new
			// key, in this process and another.
			if _, err := s.RotateMasterKey(ctx, "operator", false); err != nil {
				t.Fatal(err)
			}
			for _, st := range []*store.Store{s, storetest.Open(t, cfg)} {
				if got := notesRead(t, st, op, conf.ID); len(got) != 1 || got[0] != notePhrase {
					t.Fatalf("after the rotation the note reads %q", got)
				}
			}
			mustVerify(t, s)

			if err := s.Write(ctx, "admin", func(tx *store.Tx) error { return tx.TakeDown(ctx, conf.ID, "the witness asked") }); err != nil {
				t.Fatal(err)
			}
			if got := notesRead(t, s, op, conf.ID); len(got) != 1 || got[0] != store.Withdrawn {
				t.Fatalf("after the take-down the note reads %q", got)
			}
			if err := addNote(t, s, conf.ID, "Another note.", model.Confidential); !errors.Is(err, store.ErrWithdrawn) {
				t.Fatalf("a note on a withdrawn source: %v", err)
			}
			if rep := mustVerify(t, s); rep.TakeDowns != 1 {
				t.Fatalf("verify after the take-down: %+v", rep)
			}
		})
	}
}

// A store whose notes on sealed sources are in the clear (written before
// notes were sealed) seals them on its first open after the upgrade; they
// read back the same and the ledger verifies.
func TestSealNotesOnOpen(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			cfg := store.Config{DataDir: t.TempDir(), MasterKeyFile: filepath.Join(t.TempDir(), "master.key")}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			old := storetest.Open(t, cfg)
			conf := addSource(t, old, "A testimony about Sednaya.", model.Restricted)
			if err := addNote(t, old, conf.ID, notePhrase, model.Confidential); err != nil {
				t.Fatal(err)
			}
			if err := old.Write(ctx, "tester", func(tx *store.Tx) error { return tx.UnsealNotes(ctx, conf.ID) }); err != nil {
				t.Fatal(err)
			}
			// As the migration that added sealed_notes leaves a store made
			// before it.
			if _, err := old.DB().ExecContext(ctx, "UPDATE store_identity SET sealed_notes = 0"); err != nil {
				t.Fatal(err)
			}
			if hits := noteStored(t, old); len(hits) == 0 {
				t.Fatal("the old store should hold the note in the clear")
			}
			old.Close()
			s := storetest.Open(t, cfg)
			if hits := noteStored(t, s); len(hits) > 0 {
				t.Fatalf("after the upgrade the note is in the clear in %v", hits)
			}
			if got := notesRead(t, s, access.Operator(), conf.ID); len(got) != 1 || got[0] != notePhrase {
				t.Fatalf("after the upgrade the note reads %q", got)
			}
			mustVerify(t, s)
		})
	}
}
