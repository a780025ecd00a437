package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/seal"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// Rotating the master key re-wraps every data key and the search key under
// a new key: a rotation whose key file replacement fails leaves the store
// read with the old key file; one that crashes after its commit is finished
// by the next open; a finished one reads with the new key file and not the
// old, and finds sealed words in the index as before; --keep-old keeps the
// old file beside it. Both engines.
func TestRotateMasterKey(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			keyFile := filepath.Join(t.TempDir(), "keys", "master.key")
			cfg := store.Config{DataDir: t.TempDir(), MasterKeyFile: keyFile}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			s := storetest.Open(t, cfg)
			conf := model.Source{Kind: model.KindTestimony, Text: "said: " + phrase, Sensitivity: model.Confidential}
			gone := model.Source{Kind: model.KindTestimony, Text: "withdrawn testimony", Sensitivity: model.Restricted}
			var stmt model.Statement
			err := s.Write(ctx, "tester", func(tx *store.Tx) error {
				if err := tx.AddSource(ctx, &conf, []byte("bytes: "+phrase)); err != nil {
					return err
				}
				if err := tx.AddSource(ctx, &gone, []byte("withdrawn bytes")); err != nil {
					return err
				}
				e, err := tx.AddEntity(ctx, model.TypePerson)
				if err != nil {
					return err
				}
				stmt = model.Statement{EntityID: e.ID, Property: model.PropName, Value: "Witness C", SourceID: conf.ID, Origin: "manual",
					Span: model.Span{Start: 6, End: 36, Quote: phrase}}
				if err := tx.AddStatement(ctx, &stmt); err != nil {
					return err
				}
				if err := tx.IndexSource(ctx, conf.ID, strings.ToLower); err != nil {
					return err
				}
				return tx.TakeDown(ctx, gone.ID, "the witness asked")
			})
			if err != nil {
				t.Fatal(err)
			}
			// reads opens the store afresh with the key file at path and
			// reports whether the sealed text, quote and index read whole.
			reads := func(path string) error {
				t.Helper()
				c := cfg
				c.MasterKeyFile = path
				st := storetest.Open(t, c)
				defer st.Close()
				src, err := st.Source(ctx, access.Operator(), conf.ID)
				if err != nil {
					return err
				}
				if src.Text != conf.Text {
					t.Fatalf("text read %q", src.Text)
				}
				if got, err := st.Statement(ctx, access.Operator(), stmt.ID); err != nil || got.Span.Quote != phrase {
					t.Fatalf("quote %q, %v", got.Span.Quote, err)
				}
				// Rotation took the sealed documents out of the index, to
				// be indexed again under the new search key.
				if _, err := st.IndexPending(ctx, strings.ToLower, 500); err != nil {
					return err
				}
				hits, err := st.Search(ctx, access.Operator(), store.SearchQuery{Words: []string{"nineteen"}})
				if err != nil || len(hits.Sources) != 1 {
					t.Fatalf("search after rotation: %v %+v", err, hits)
				}
				return nil
			}
			keyBytes := func() []byte {
				b, err := os.ReadFile(keyFile)
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
			// oldCopy writes the key file as it is now to a file of its own.
			oldCopy := func() string {
				p := filepath.Join(t.TempDir(), "copy.key")
				if err := os.WriteFile(p, keyBytes(), 0o600); err != nil {
					t.Fatal(err)
				}
				return p
			}
			first := oldCopy()

			// The replacement fails: undone, the old file reads.
			restore := store.SetReplaceKeyFile(func(string, string) error { return errors.New("disk full") })
			_, err = s.RotateMasterKey(ctx, "operator", false)
			restore()
			if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), "undone") {
				t.Fatalf("failed rotation: %v", err)
			}
			if b, _ := os.ReadFile(first); !bytes.Equal(b, keyBytes()) {
				t.Fatal("the key file changed though its replacement failed")
			}
			if _, err := os.Stat(keyFile + ".next"); err == nil {
				t.Fatal("the new key of an undone rotation was left beside the old")
			}
			if err := reads(keyFile); err != nil {
				t.Fatalf("after a failed rotation the old key file does not read: %v", err)
			}
			if err := reads(first); err != nil {
				t.Fatal(err)
			}

			// Another process holds the old key when the rotation comes.
			other := storetest.Open(t, cfg)
			if _, err := other.Source(ctx, access.Operator(), conf.ID); err != nil {
				t.Fatal(err)
			}
			// A finished rotation: the new file reads, the old does not.
			r, err := s.RotateMasterKey(ctx, "operator", false)
			if err != nil {
				t.Fatal(err)
			}
			if r.Keys != 1 || r.Kept != "" || r.OldID == r.NewID {
				t.Fatalf("rotation %+v", r)
			}
			if err := reads(keyFile); err != nil {
				t.Fatalf("the new key does not read: %v", err)
			}
			if err := reads(first); !errors.Is(err, seal.ErrWrongKey) {
				t.Fatalf("the old key file still reads: %v", err)
			}
			if names, _ := filepath.Glob(keyFile + ".*"); len(names) != 0 {
				t.Fatalf("left beside the key file: %v", names)
			}
			// The other process seals a new source under the new key, not
			// the one it held, and reads the old sources.
			later := model.Source{Kind: model.KindTestimony, Text: "a later testimony", Sensitivity: model.Confidential}
			if err := other.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddSource(ctx, &later, []byte("later")) }); err != nil {
				t.Fatal(err)
			}
			if got, err := other.Source(ctx, access.Operator(), conf.ID); err != nil || got.Text != conf.Text {
				t.Fatalf("the other process after the rotation: %q %v", got.Text, err)
			}
			fresh := storetest.Open(t, cfg)
			if got, err := fresh.Source(ctx, access.Operator(), later.ID); err != nil || got.Text != later.Text {
				t.Fatalf("a source sealed by a process that held the old key: %q %v", got.Text, err)
			}
			fresh.Close()
			other.Close()
			// The store that rotated goes on reading without reopening.
			if src, err := s.Source(ctx, access.Operator(), conf.ID); err != nil || src.Text != conf.Text {
				t.Fatalf("read by the store that rotated: %q %v", src.Text, err)
			}
			if hits, err := s.Search(ctx, access.Operator(), store.SearchQuery{Words: []string{"nineteen"}}); err != nil || len(hits.Sources) != 1 {
				t.Fatalf("search by the store that rotated: %v %+v", err, hits)
			}

			// A crash after the commit, before the rename: the next open
			// takes the new key beside the file and finishes the rename.
			second := oldCopy()
			restore = store.SetReplaceKeyFile(func(string, string) error { return nil })
			r, err = s.RotateMasterKey(ctx, "operator", false)
			restore()
			if err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(second); !bytes.Equal(b, keyBytes()) {
				t.Fatal("the crash was not simulated")
			}
			if err := reads(keyFile); err != nil {
				t.Fatalf("after a crash mid-rotation: %v", err)
			}
			if k, err := seal.LoadOrCreate(keyFile+".next", false); err != nil || k.ID() != r.NewID {
				t.Fatalf("the new key of the interrupted rotation is not beside the file: %v", err)
			}
			if err := reads(second); !errors.Is(err, seal.ErrWrongKey) {
				t.Fatalf("the key before the crash still reads: %v", err)
			}

			// The next rotation finishes the interrupted one first;
			// --keep-old keeps the old file, owner-only.
			third, err := os.ReadFile(keyFile + ".next")
			if err != nil {
				t.Fatal(err)
			}
			r, err = s.RotateMasterKey(ctx, "operator", true)
			if err != nil {
				t.Fatal(err)
			}
			kept, err := os.ReadFile(r.Kept)
			if err != nil || !bytes.Equal(kept, third) || !strings.HasPrefix(r.Kept, keyFile+".old-") {
				t.Fatalf("kept %s: %v", r.Kept, err)
			}
			if fi, err := os.Stat(r.Kept); err != nil || fi.Mode().Perm() != 0o600 {
				t.Fatalf("kept file mode %v %v", fi, err)
			}
			if err := reads(keyFile); err != nil {
				t.Fatal(err)
			}
			if err := reads(r.Kept); !errors.Is(err, seal.ErrWrongKey) {
				t.Fatalf("the kept old file reads: %v", err)
			}
			if _, err := s.Verify(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// A store with nothing sealed has no master key to rotate, and says so.
func TestRotateWithoutKey(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "master.key")
	s := storetest.Open(t, store.Config{DataDir: t.TempDir(), MasterKeyFile: keyFile})
	if _, err := s.RotateMasterKey(context.Background(), "operator", false); err == nil || !strings.Contains(err.Error(), "no master key to rotate") {
		t.Fatalf("rotate with no key: %v", err)
	}
}

// A store whose key file went missing seals nothing new under a key of its
// own making: its old sources would be under one key, the new under
// another.
func TestNoNewKeyOverSealedSources(t *testing.T) {
	ctx := context.Background()
	keyFile := filepath.Join(t.TempDir(), "master.key")
	cfg := store.Config{DataDir: t.TempDir(), MasterKeyFile: keyFile}
	s := storetest.Open(t, cfg)
	first := model.Source{Kind: model.KindTestimony, Text: "first: " + phrase, Sensitivity: model.Confidential}
	if err := s.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddSource(ctx, &first, []byte("first")) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Remove(keyFile); err != nil {
		t.Fatal(err)
	}
	again := storetest.Open(t, cfg)
	next := model.Source{Kind: model.KindTestimony, Text: "second testimony", Sensitivity: model.Confidential}
	err := again.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddSource(ctx, &next, []byte("second")) })
	if err == nil || !strings.Contains(err.Error(), "master key") {
		t.Fatalf("sealed with a new key over a missing one: %v", err)
	}
	if _, err := os.Stat(keyFile); err == nil {
		t.Fatal("a new key file was made")
	}
}
