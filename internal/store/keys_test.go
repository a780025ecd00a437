package store_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/seal"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// phrase is what only the witness said: it must never be stored in the
// clear.
const phrase = "the blue door of cell nineteen"

// witnessSurname is in the name of a witness a testimony gives, drawn from it
// as a statement's value: in no file or row in the clear, in any case.
const witnessSurname = "Qatranji"

// clearIn reports the files under dir whose bytes hold phrase, or the
// word "nineteen" of it alone (the full-text index keeps words apart).
func clearIn(t *testing.T, dir string) []string {
	t.Helper()
	var hits []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(phrase)) || bytes.Contains(b, []byte("nineteen")) ||
			bytes.Contains(bytes.ToLower(b), []byte(strings.ToLower(witnessSurname))) {
			hits = append(hits, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// A confidential source is sealed at rest: its text and original are read
// back whole by whoever may see it, and neither the data directory nor the
// archive holds them in the clear; verify checks the sealed original.
func TestSealedSource(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		text := "Witness A said: " + phrase + ", and nothing else."
		data := []byte("original bytes: " + phrase)
		conf := model.Source{Kind: model.KindTestimony, Text: text, Sensitivity: model.Confidential, Title: "testimony A"}
		pub := model.Source{Kind: model.KindArticle, Text: "a public article", Sensitivity: model.Public}
		var stmt, named model.Statement
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			if err := tx.AddSource(ctx, &conf, data); err != nil {
				return err
			}
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			stmt = model.Statement{EntityID: e.ID, Property: model.PropName, Value: "Witness A", SourceID: conf.ID, Origin: "manual",
				Span: model.Span{Start: 16, End: 46, Quote: phrase}}
			if err := tx.AddStatement(ctx, &stmt); err != nil {
				return err
			}
			// The witness's name, as extraction would draw it from the
			// testimony.
			named = model.Statement{EntityID: e.ID, Property: model.PropName, Value: "Zubayda " + witnessSurname, SourceID: conf.ID,
				Origin: "extracted:test@1"}
			if err := tx.AddStatement(ctx, &named); err != nil {
				return err
			}
			return tx.AddSource(ctx, &pub, []byte("a public article"))
		})
		if err != nil {
			t.Fatal(err)
		}
		// The name reads back whole, on the statement and in the page
		// totals, for a viewer cleared for it, and for nobody else.
		if st, err := s.Statement(ctx, access.Operator(), named.ID); err != nil || st.Value != "Zubayda "+witnessSurname {
			t.Fatalf("Statement value %q, %v", st.Value, err)
		}
		if caps, err := s.CaptionNames(ctx, access.Operator(), []string{named.EntityID}); err != nil ||
			!slices.Contains(caps[named.EntityID][model.PropName], "Zubayda "+witnessSurname) {
			t.Fatalf("CaptionNames: %v %v", caps, err)
		}
		if caps, err := s.CaptionNames(ctx, access.Viewer{Name: "i", Role: model.RoleReviewer, Clearance: model.Internal}, []string{named.EntityID}); err != nil || len(caps[named.EntityID]) != 0 {
			t.Fatalf("CaptionNames for an internal viewer: %v %v", caps, err)
		}
		if st, err := s.Statement(ctx, access.Operator(), stmt.ID); err != nil || st.Span.Quote != phrase {
			t.Fatalf("Statement quote %q, %v", st.Span.Quote, err)
		}
		if sts, err := s.StatementsFrom(ctx, access.Operator(), conf.ID); err != nil || len(sts) != 2 ||
			!slices.ContainsFunc(sts, func(st model.Statement) bool { return st.Span.Quote == phrase }) ||
			!slices.ContainsFunc(sts, func(st model.Statement) bool { return st.Value == "Zubayda "+witnessSurname }) {
			t.Fatalf("StatementsFrom: %+v, %v", sts, err)
		}
		got, err := s.Source(ctx, access.Operator(), conf.ID)
		if err != nil || got.Text != text || !strings.HasPrefix(text, got.Lead) {
			t.Fatalf("Source: text %q lead %q, %v", got.Text, got.Lead, err)
		}
		if b, err := s.Blob(ctx, access.Operator(), conf.ID); err != nil || !bytes.Equal(b, data) {
			t.Fatalf("Blob = %q, %v", b, err)
		}
		list, err := s.Sources(ctx, access.Operator(), store.SourceFilter{})
		if err != nil || len(list) != 2 || list[0].Lead != text {
			t.Fatalf("Sources: %+v %v", list, err)
		}
		if info, err := s.SourceInfo(ctx, access.Operator(), conf.ID); err != nil || info.Lead != text {
			t.Fatalf("SourceInfo lead %q, %v", info.Lead, err)
		}
		if _, err := s.Source(ctx, access.Public(), conf.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("an anonymous viewer read it: %v", err)
		}
		if rep, err := s.Verify(ctx); err != nil || !rep.OK || rep.Blobs != 2 {
			t.Fatalf("verify: %+v %v", rep, err)
		}
		// Indexed as keyed hashes: found, whole or by a prefix, by a
		// viewer cleared for it, and by no one else.
		fold := store.Folder(func(s string) string {
			return strings.ToLower(strings.NewReplacer(",", " ", ":", " ", ".", " ").Replace(s))
		})
		if err := s.Write(ctx, "tester", func(tx *store.Tx) error { return tx.IndexSource(ctx, conf.ID, fold) }); err != nil {
			t.Fatal(err)
		}
		cleared := access.Viewer{Name: "r", Role: model.RoleReviewer, Clearance: model.Confidential}
		internal := access.Viewer{Name: "i", Role: model.RoleReviewer, Clearance: model.Internal}
		for _, q := range []store.SearchQuery{{Words: []string{"nineteen"}}, {Words: []string{"blue", "nin"}}, {Words: []string{"witness"}, WholeWords: true}} {
			hits, err := s.Search(ctx, cleared, q)
			if err != nil || len(hits.Sources) != 1 || hits.Sources[0].ID != conf.ID || hits.Sources[0].Lead != text {
				t.Errorf("search %v as cleared: %+v %v", q.Words, hits.Sources, err)
			}
			if hits, err := s.Search(ctx, internal, q); err != nil || len(hits.Sources) != 0 {
				t.Errorf("search %v as internal: %+v %v", q.Words, hits.Sources, err)
			}
		}
		if hits, err := s.Search(ctx, cleared, store.SearchQuery{Words: []string{"nineteen"}}); err != nil || len(hits.Statements) != 1 || hits.Statements[0].Span.Quote != phrase {
			t.Errorf("statement search as cleared: %+v %v", hits.Statements, err)
		}
		if hits, err := s.Search(ctx, cleared, store.SearchQuery{Words: []string{"nineteenth"}}); err != nil || len(hits.Sources) != 0 {
			t.Errorf("a longer word matched: %+v %v", hits.Sources, err)
		}
		if s.Engine() == "sqlite" {
			if _, err := s.DB().ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
				t.Fatal(err)
			}
			if hits := clearIn(t, s.DataDir()); len(hits) > 0 {
				t.Fatalf("the phrase is in the clear in %v", hits)
			}
		} else {
			var n int
			if err := s.DB().QueryRowContext(ctx, "SELECT count(*) FROM sources WHERE text LIKE '%'||$1||'%'", phrase).Scan(&n); err != nil || n != 0 {
				t.Fatalf("%d rows of sources hold the phrase (%v)", n, err)
			}
			if err := s.DB().QueryRowContext(ctx, "SELECT count(*) FROM blobs WHERE position($1::bytea in data) > 0", []byte(phrase)).Scan(&n); err != nil || n != 0 {
				t.Fatalf("%d blobs hold the phrase (%v)", n, err)
			}
			if err := s.DB().QueryRowContext(ctx, "SELECT count(*) FROM search_docs WHERE body LIKE '%nineteen%'").Scan(&n); err != nil || n != 0 {
				t.Fatalf("%d index documents hold the phrase (%v)", n, err)
			}
			if err := s.DB().QueryRowContext(ctx, "SELECT count(*) FROM statements WHERE quote LIKE '%nineteen%'").Scan(&n); err != nil || n != 0 {
				t.Fatalf("%d statements hold the phrase (%v)", n, err)
			}
			for _, q := range []string{
				"SELECT count(*) FROM statements WHERE value ILIKE $1",
				"SELECT count(*) FROM claim_stats WHERE value ILIKE $1 OR value_key ILIKE $1",
				"SELECT count(*) FROM claim_origins WHERE value_key ILIKE $1",
				"SELECT count(*) FROM claim_sources WHERE value_key ILIKE $1",
				"SELECT count(*) FROM search_docs WHERE body ILIKE $1",
			} {
				if err := s.DB().QueryRowContext(ctx, q, "%"+witnessSurname+"%").Scan(&n); err != nil || n != 0 {
					t.Fatalf("%d rows hold the witness's name: %s (%v)", n, q, err)
				}
			}
		}
		// The key file is outside the data directory, the owner's only.
		path, err := s.MasterKeyFile(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if rel, err := filepath.Rel(s.DataDir(), path); err == nil && !strings.HasPrefix(rel, "..") {
			t.Fatalf("the master key %s is inside the data directory", path)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("master key %s: %v %v", path, fi, err)
		}
	})
}

// Opened with another master key, a sealed source is refused with a
// message that names the cause; nothing in the clear comes out.
func TestSealedSourceNeedsItsKey(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	keyA, keyB := filepath.Join(t.TempDir(), "a.key"), filepath.Join(t.TempDir(), "b.key")
	s := storetest.Open(t, store.Config{DataDir: dir, MasterKeyFile: keyA})
	conf := model.Source{Kind: model.KindTestimony, Text: phrase, Sensitivity: model.Restricted}
	if err := s.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddSource(ctx, &conf, []byte(phrase)) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	other := storetest.Open(t, store.Config{DataDir: dir, MasterKeyFile: keyB})
	if _, err := seal.LoadOrCreate(keyB, true); err != nil {
		t.Fatal(err)
	}
	_, err := other.Source(ctx, access.Operator(), conf.ID)
	if !errors.Is(err, seal.ErrWrongKey) || strings.Contains(err.Error(), phrase) {
		t.Fatalf("read with another key: %v", err)
	}
	os.Remove(keyB)
	missing := storetest.Open(t, store.Config{DataDir: dir, MasterKeyFile: keyB})
	if _, err := missing.Source(ctx, access.Operator(), conf.ID); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "master key") {
		t.Fatalf("read with no key file: %v", err)
	}
	back := storetest.Open(t, store.Config{DataDir: dir, MasterKeyFile: keyA})
	if got, err := back.Source(ctx, access.Operator(), conf.ID); err != nil || got.Text != phrase {
		t.Fatalf("read with its own key: %q %v", got.Text, err)
	}
}

// A store made before encryption at rest, with confidential sources in the
// clear, is sealed on its first open that may write; its ledger verifies,
// and raising a clear source to restricted seals it too.
func TestSealExistingOnOpen(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			cfg := store.Config{DataDir: t.TempDir()}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			old := storetest.Open(t, cfg)
			conf := model.Source{Kind: model.KindTestimony, Text: "said: " + phrase, Sensitivity: model.Confidential}
			var stmt model.Statement
			internal := model.Source{Kind: model.KindDocument, Text: "internal: " + phrase, Sensitivity: model.Internal}
			err := old.Write(ctx, "tester", func(tx *store.Tx) error {
				if err := tx.AddClearSource(ctx, &conf, []byte("bytes: "+phrase)); err != nil {
					return err
				}
				if err := tx.AddClearSource(ctx, &internal, []byte("other bytes: "+phrase)); err != nil {
					return err
				}
				e, err := tx.AddEntity(ctx, model.TypePerson)
				if err != nil {
					return err
				}
				stmt = model.Statement{EntityID: e.ID, Property: model.PropName, Value: "Witness B", SourceID: conf.ID, Origin: "manual",
					Span: model.Span{Start: 6, End: 36, Quote: phrase}}
				if err := tx.AddStatement(ctx, &stmt); err != nil {
					return err
				}
				return tx.IndexSource(ctx, conf.ID, strings.ToLower)
			})
			if err != nil {
				t.Fatal(err)
			}
			// As migration 00018 leaves a store made before it.
			if _, err := old.DB().ExecContext(ctx, "UPDATE store_identity SET sealed = 0"); err != nil {
				t.Fatal(err)
			}
			old.Close()
			s := storetest.Open(t, cfg)
			got, err := s.Source(ctx, access.Operator(), conf.ID)
			if err != nil || got.Text != conf.Text {
				t.Fatalf("after sealing: %q %v", got.Text, err)
			}
			if b, err := s.Blob(ctx, access.Operator(), conf.ID); err != nil || string(b) != "bytes: "+phrase {
				t.Fatalf("original after sealing: %q %v", b, err)
			}
			if rep, err := s.Verify(ctx); err != nil || !rep.OK || rep.Blobs != 2 {
				t.Fatalf("verify after sealing: %+v %v", rep, err)
			}
			if st, err := s.Statement(ctx, access.Operator(), stmt.ID); err != nil || st.Span.Quote != phrase {
				t.Fatalf("quote after sealing: %q %v", st.Span.Quote, err)
			}
			// Its clear search documents are gone; the catch-up indexes it
			// again, sealed, and a cleared viewer finds it.
			if n, err := s.IndexPending(ctx, strings.ToLower, 100); err != nil || n < 2 {
				t.Fatalf("index catch-up after sealing: %d %v", n, err)
			}
			if hits, err := s.Search(ctx, access.Operator(), store.SearchQuery{Words: []string{"nineteen"}}); err != nil || len(hits.Sources) != 2 || len(hits.Statements) != 1 { // the internal source too
				t.Fatalf("search after sealing: %+v %v", hits, err)
			}
			if n := sealedRows(t, s); n != 1 {
				t.Fatalf("%d sources sealed, want 1", n)
			}
			err = s.Write(ctx, "tester", func(tx *store.Tx) error {
				_, err := tx.RaiseSource(ctx, internal.ID, model.KindDocument, model.Restricted)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if n := sealedRows(t, s); n != 2 {
				t.Fatalf("%d sources sealed after the raise, want 2", n)
			}
			if got, err := s.Source(ctx, access.Operator(), internal.ID); err != nil || got.Text != internal.Text {
				t.Fatalf("raised source: %q %v", got.Text, err)
			}
			if rep, err := s.Verify(ctx); err != nil || !rep.OK {
				t.Fatalf("verify after the raise: %+v %v", rep, err)
			}
			if engine == "sqlite" {
				if _, err := s.DB().ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
					t.Fatal(err)
				}
				if hits := clearIn(t, s.DataDir()); len(hits) > 0 {
					t.Fatalf("the data directory still holds the phrase in the clear: %v", hits)
				}
			}
		})
	}
}

func sealedRows(t *testing.T, s *store.Store) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow("SELECT count(*) FROM sources WHERE text LIKE 'athar:sealed:%'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
