package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// capturedFiles are the files of a test capture: its WACZ (the bytes of its
// original), and a screenshot and a record that show what the page said.
func capturedFiles(original []byte, said string) []struct {
	role model.FileRole
	name string
	data []byte
} {
	return []struct {
		role model.FileRole
		name string
		data []byte
	}{
		{model.FileWACZ, "capture.wacz", original},
		{model.FileScreenshot, "screenshot.png", []byte("pixels showing " + said)},
		{model.FileRecord, "capture.json", []byte(`{"note": "` + said + `"}`)},
	}
}

// addCapture stores a source with the files of capturedFiles, and any
// extra ones, and returns the files as stored.
func addCapture(t *testing.T, s *store.Store, src *model.Source, original []byte, said string, extra ...model.SourceFile) map[model.FileRole]model.SourceFile {
	t.Helper()
	ctx := context.Background()
	out := map[model.FileRole]model.SourceFile{}
	err := s.Write(ctx, "tester", func(tx *store.Tx) error {
		if err := tx.AddSource(ctx, src, original); err != nil {
			return err
		}
		for _, f := range capturedFiles(original, said) {
			sf := model.SourceFile{SourceID: src.ID, Role: f.role, Name: f.name}
			if err := tx.AddSourceFile(ctx, &sf, f.data); err != nil {
				return err
			}
			out[f.role] = sf
		}
		for _, sf := range extra {
			sf.SourceID = src.ID
			if err := tx.AddSourceFile(ctx, &sf, []byte(sf.Name)); err != nil {
				return err
			}
			out[sf.Role] = sf
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// blobKept reports whether the archive holds bytes under sum.
func blobKept(t *testing.T, s *store.Store, sum string) bool {
	t.Helper()
	if s.Engine() == "postgres" {
		var n int
		if err := s.DB().QueryRow("SELECT count(*) FROM blobs WHERE sha256 = $1", sum).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n > 0
	}
	_, err := os.Stat(filepath.Join(s.DataDir(), "archive", "sha256", sum[:2], sum))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	return err == nil
}

// noClearPhrase fails when the phrase is stored in the clear: anywhere in
// the data directory (SQLite), in the archive's blobs (PostgreSQL).
func noClearPhrase(t *testing.T, s *store.Store) {
	t.Helper()
	if s.Engine() == "sqlite" {
		if _, err := s.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			t.Fatal(err)
		}
		if hits := clearIn(t, s.DataDir()); len(hits) > 0 {
			t.Fatalf("the phrase is in the clear in %v", hits)
		}
		return
	}
	var n int
	if err := s.DB().QueryRow("SELECT count(*) FROM blobs WHERE position($1::bytea in data) > 0", []byte(phrase)).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d blobs hold the phrase (%v)", n, err)
	}
}

func verifyOK(t *testing.T, s *store.Store, when string) {
	t.Helper()
	rep, err := s.Verify(context.Background())
	if err != nil || !rep.OK {
		t.Fatalf("verify %s: %+v %v", when, rep.Problems, err)
	}
}

// The files of a confidential capture are sealed like its original: read
// back whole by a viewer cleared for it, by no one else, never stored in
// the clear; verify checks their sealed bytes; after a take-down they can no
// longer be read, and verify still passes.
func TestSealedSourceFiles(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		original := []byte("a WACZ holding " + phrase)
		src := model.Source{Kind: model.KindTestimony, Text: "a captured page", Sensitivity: model.Confidential}
		files := addCapture(t, s, &src, original, phrase)
		cleared := access.Viewer{Name: "r", Role: model.RoleReviewer, Clearance: model.Confidential}
		internal := access.Viewer{Name: "i", Role: model.RoleReviewer, Clearance: model.Internal}
		list, err := s.SourceFiles(ctx, cleared, src.ID)
		if err != nil || len(list) != 3 {
			t.Fatalf("SourceFiles: %+v %v", list, err)
		}
		for _, f := range capturedFiles(original, phrase) {
			sf := files[f.role]
			if sf.SHA256 != store.Hash(f.data) || sf.Size != int64(len(f.data)) {
				t.Errorf("%s file: sha256 %s size %d, want those of its clear bytes", f.role, sf.SHA256, sf.Size)
			}
			got, b, err := s.SourceFileBytes(ctx, cleared, src.ID, sf.SHA256)
			if err != nil || !bytes.Equal(b, f.data) || got.ID != sf.ID {
				t.Errorf("%s file as cleared: %q %v", f.role, b, err)
			}
			if _, b, err := s.SourceFileBytes(ctx, internal, src.ID, sf.SHA256); !errors.Is(err, store.ErrNotFound) || b != nil {
				t.Errorf("%s file as internal: %q %v", f.role, b, err)
			}
			if blobKept(t, s, sf.SHA256) {
				t.Errorf("%s file: its clear bytes are in the archive", f.role)
			}
		}
		noClearPhrase(t, s)
		verifyOK(t, s, "with sealed files")
		var blob string
		if err := s.DB().QueryRow(s.Rebind("SELECT blob_sha256 FROM source_files WHERE id = ?"), files[model.FileScreenshot].ID).Scan(&blob); err != nil || blob == "" {
			t.Fatalf("blob_sha256 of the screenshot: %q %v", blob, err)
		}
		if !blobKept(t, s, blob) {
			t.Fatalf("the sealed screenshot %s is not in the archive", blob)
		}

		if err := s.Write(ctx, "admin", func(tx *store.Tx) error { return tx.TakeDown(ctx, src.ID, "the witness asked") }); err != nil {
			t.Fatal(err)
		}
		for role, sf := range files {
			_, b, err := s.SourceFileBytes(ctx, cleared, src.ID, sf.SHA256)
			if !errors.Is(err, store.ErrWithdrawn) || b != nil || strings.Contains(err.Error(), phrase) {
				t.Errorf("%s file after the take-down: %q %v", role, b, err)
			}
		}
		noClearPhrase(t, s)
		verifyOK(t, s, "after the take-down")

		// Verify checks the sealed bytes: gone, they are named.
		if s.Engine() == "postgres" {
			_, err = s.DB().Exec("DELETE FROM blobs WHERE sha256 = $1", blob)
		} else {
			err = os.Remove(filepath.Join(s.DataDir(), "archive", "sha256", blob[:2], blob))
		}
		if err != nil {
			t.Fatal(err)
		}
		rep, err := s.Verify(ctx)
		if err != nil || rep.OK || !strings.Contains(fmt.Sprint(rep.Problems), "the screenshot file of source "+src.ID+" is missing") {
			t.Fatalf("verify with the sealed screenshot gone: %v %v", rep.Problems, err)
		}
	})
}

// A public capture raised to confidential has its files sealed: their
// clear bytes leave the archive, except bytes another record in the clear
// still holds; verify passes before and after.
func TestRaiseSealsSourceFiles(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		logo := model.SourceFile{Role: model.FileMedia, Name: "a logo both pages show"}
		original := []byte("a WACZ holding " + phrase)
		src := model.Source{Kind: model.KindArticle, Text: "a captured page", Sensitivity: model.Public}
		files := addCapture(t, s, &src, original, phrase, logo)
		other := model.Source{Kind: model.KindArticle, Text: "another captured page", Sensitivity: model.Public}
		otherFiles := addCapture(t, s, &other, []byte("another WACZ"), "a public notice", logo)
		for _, sf := range files {
			if !blobKept(t, s, sf.SHA256) {
				t.Fatalf("public %s file not kept in the clear", sf.Role)
			}
		}
		verifyOK(t, s, "before the raise")

		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			_, err := tx.RaiseSource(ctx, src.ID, model.KindTestimony, model.Confidential)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		cleared := access.Viewer{Name: "r", Role: model.RoleReviewer, Clearance: model.Confidential}
		data := map[model.FileRole][]byte{model.FileMedia: []byte(logo.Name)}
		for _, f := range capturedFiles(original, phrase) {
			data[f.role] = f.data
		}
		for role, sf := range files {
			if _, b, err := s.SourceFileBytes(ctx, cleared, src.ID, sf.SHA256); err != nil || !bytes.Equal(b, data[role]) {
				t.Errorf("%s file after the raise: %q %v", role, b, err)
			}
			if _, _, err := s.SourceFileBytes(ctx, access.Public(), src.ID, sf.SHA256); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s file read anonymously after the raise: %v", role, err)
			}
			var blob string
			if err := s.DB().QueryRow(s.Rebind("SELECT blob_sha256 FROM source_files WHERE id = ?"), sf.ID).Scan(&blob); err != nil || blob == "" {
				t.Errorf("%s file not sealed: %q %v", role, blob, err)
			}
			// The logo stays in the clear for the other page; the rest go.
			if kept := blobKept(t, s, sf.SHA256); kept != (role == model.FileMedia) {
				t.Errorf("%s file: clear bytes kept %v", role, kept)
			}
		}
		if _, b, err := s.SourceFileBytes(ctx, access.Public(), other.ID, otherFiles[model.FileMedia].SHA256); err != nil || string(b) != logo.Name {
			t.Errorf("the other page's logo: %q %v", b, err)
		}
		noClearPhrase(t, s)
		verifyOK(t, s, "after the raise")
	})
}
