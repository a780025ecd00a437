package store_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// An original archived as it is written (BlobWriter: a temporary file, or
// PostgreSQL's pieces under a temporary name) reads back whole under its
// hash once its source is stored (AddStagedSource), verifies, and is not
// written twice when the same bytes come again; an aborted one leaves
// nothing behind.
func TestBlobWriter(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		data := bytes.Repeat([]byte("سطر من ملف مستورد، a line of an imported file.\n"), 3*store.TextPiece/40)
		write := func(data []byte, chunk int) store.StagedBlob {
			t.Helper()
			w, err := st.NewBlobWriter(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for rest := data; len(rest) > 0; rest = rest[min(chunk, len(rest)):] {
				if _, err := w.Write(rest[:min(chunk, len(rest))]); err != nil {
					t.Fatal(err)
				}
			}
			b, err := w.Close()
			if err != nil {
				t.Fatal(err)
			}
			if b.SHA256 != store.Hash(data) || b.Size != int64(len(data)) {
				t.Fatalf("staged %s (%d bytes), want %s (%d)", b.SHA256, b.Size, store.Hash(data), len(data))
			}
			return b
		}
		add := func(b store.StagedBlob) string {
			t.Helper()
			pieces := store.SplitText(string(data), store.TextPiece)
			src := model.Source{Kind: model.KindDocument, Title: "import", Sensitivity: model.Internal}
			err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddStagedSource(ctx, &src, b, pieces[0], len(pieces)) })
			if err != nil {
				t.Fatal(err)
			}
			for n, p := range pieces[1:] {
				if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddTextPiece(ctx, src.ID, n+1, p) }); err != nil {
					t.Fatal(err)
				}
			}
			got, err := st.Blob(ctx, access.Operator(), src.ID)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("the original reads back as %d bytes of %d (%v)", len(got), len(data), err)
			}
			s, err := st.Source(ctx, access.Operator(), src.ID)
			if err != nil || s.Text != string(data) || s.TextPending {
				t.Errorf("the text reads back as %d bytes of %d, pending %v (%v)", len(s.Text), len(data), s.TextPending, err)
			}
			return src.ID
		}
		first := add(write(data, 4096))
		second := add(write(data, 100_000)) // the same bytes again, written in other chunks
		if first == second {
			t.Error("two records, one id")
		}
		// A sealed source's original is sealed whole: refused here.
		src := model.Source{Kind: model.KindDocument, Title: "x", Sensitivity: model.Confidential}
		err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddStagedSource(ctx, &src, write(data, 4096), "x", 1) })
		if err == nil || !strings.Contains(err.Error(), "sealed") {
			t.Errorf("a sealed source from a staged original: %v", err)
		}
		// Aborted: nothing that stands for it, nothing verify minds.
		w, err2 := st.NewBlobWriter(ctx)
		if err = err2; err != nil {
			t.Fatal(err)
		}
		w.Write(bytes.Repeat([]byte("abandoned "), store.TextPiece/5))
		w.Abort()
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %+v %v", rep.Problems, err)
		}
		if st.Engine() == "postgres" {
			if n := countRows(t, st, "SELECT count(*) FROM blob_pieces WHERE sha256 NOT IN (SELECT sha256 FROM blobs)"); n != 0 {
				t.Errorf("%d pieces stand for nothing", n)
			}
			return
		}
		leftovers, _ := filepath.Glob(filepath.Join(st.DataDir(), "archive", "sha256", ".tmp-*"))
		if len(leftovers) > 0 {
			t.Errorf("left behind: %v", leftovers)
		}
	})
}
