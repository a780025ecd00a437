package store_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// A large original staged ahead of its transaction — to the file archive,
// or to PostgreSQL's in pieces, each in a statement of its own — is not
// written again by the transaction that stores its source, in the clear or
// sealed (StageSealed); unstaged, the transaction writes it, as before. It
// reads back whole either way, and verifies (issue 18, finding 1).
func TestStagedOriginalIsNotWrittenByItsTransaction(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		data := bytes.Repeat([]byte("an original of more than one piece. "), 3*store.TextPiece/36+100)
		for _, c := range []struct {
			name   string
			sens   model.Sensitivity
			staged bool
		}{
			{"clear, staged", model.Public, true},
			{"sealed, staged", model.Confidential, true},
			{"clear, unstaged", model.Public, false},
			{"sealed, unstaged", model.Confidential, false},
		} {
			t.Run(c.name, func(t *testing.T) {
				st := storetest.Another(t, st)
				src := model.Source{ID: store.NewSourceID(), Kind: model.KindArticle, Text: "a short text", Sensitivity: c.sens}
				if c.staged {
					var err error
					if store.Sealed(c.sens) {
						err = st.StageSealed(ctx, src.ID, data)
						defer st.ForgetSealed(src.ID)
					} else {
						err = st.StageBlob(ctx, store.Hash(data), data)
					}
					if err != nil {
						t.Fatal(err)
					}
				}
				if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddSource(ctx, &src, data) }); err != nil {
					t.Fatal(err)
				}
				n := st.LargestWriteBytes()
				if c.staged && n >= store.TextPiece {
					t.Errorf("staged, the transaction still wrote %d bytes for an original of %d", n, len(data))
				}
				if !c.staged && n < int64(len(data)) {
					t.Errorf("unstaged, the transaction wrote %d bytes for an original of %d", n, len(data))
				}
				got, err := st.Blob(ctx, access.Operator(), src.ID)
				if err != nil || !bytes.Equal(got, data) {
					t.Errorf("the original reads back as %d bytes of %d (%v)", len(got), len(data), err)
				}
				if rep, err := st.Verify(ctx); err != nil || !rep.OK {
					t.Errorf("verify: %+v %v", rep.Problems, err)
				}
				if st.Engine() == "postgres" && c.staged && !store.Sealed(c.sens) {
					// A piece altered is an original altered.
					exec(t, st, "UPDATE blob_pieces SET data = ? WHERE sha256 = ? AND n = 1", []byte("forged"), store.Hash(data))
					if rep, err := st.Verify(ctx); err != nil || rep.OK {
						t.Errorf("verify after a piece was altered: %+v %v", rep.Problems, err)
					}
				}
			})
		}
	})
}

// An ingest killed after its original was staged and before the
// transaction that stores its source leaves no source and nothing that
// fails verification: the staged bytes (PostgreSQL's pieces, or the file)
// stand for nothing yet. The next process brings the same bytes, stages
// them again over what is there, and stores the source whole.
func TestOriginalStagedByAKilledIngestIsTakenByTheNext(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			cfg := store.Config{DataDir: t.TempDir()}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			data := bytes.Repeat([]byte("an original staged twice. "), 2*store.TextPiece/26+100)
			killed := storetest.Open(t, cfg)
			if err := killed.StageBlob(ctx, store.Hash(data), data); err != nil {
				t.Fatal(err)
			}
			if err := killed.Close(); err != nil {
				t.Fatal(err)
			}
			st := storetest.Open(t, cfg)
			if rep, err := st.Verify(ctx); err != nil || !rep.OK {
				t.Errorf("verify, staged only: %+v %v", rep.Problems, err)
			}
			if err := st.StageBlob(ctx, store.Hash(data), data); err != nil {
				t.Fatalf("staged again: %v", err)
			}
			src := model.Source{Kind: model.KindArticle, Text: "a short text", Sensitivity: model.Public}
			if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddSource(ctx, &src, data) }); err != nil {
				t.Fatal(err)
			}
			if n := st.LargestWriteBytes(); n >= store.TextPiece {
				t.Errorf("the transaction wrote %d bytes for an original of %d staged", n, len(data))
			}
			got, err := st.Blob(ctx, access.Operator(), src.ID)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("the original reads back as %d bytes of %d (%v)", len(got), len(data), err)
			}
			if rep, err := st.Verify(ctx); err != nil || !rep.OK {
				t.Errorf("verify: %+v %v", rep.Problems, err)
			}
		})
	}
}
