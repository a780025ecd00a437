package store_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
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
			})
		}
	})
}
