package api

import (
	"context"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// A long text whose pieces are still being written is shown with
// text_pending and no text, never part of it (issue 18).
func TestSourceOfATextBeingWritten(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		ctx := context.Background()
		src := model.Source{Kind: model.KindArticle, Title: "A long text", Language: "en", Sensitivity: model.Public,
			Text: strings.Repeat("half written words ", store.TextPiece/9)}
		err := r.st.Write(ctx, "tester", func(tx *store.Tx) error {
			_, err := tx.AddSourceInPieces(ctx, &src, []byte(src.Text))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		got := r.get("/api/v1/sources/"+src.ID, "adel")
		if got.status != 200 {
			t.Fatalf("status %d", got.status)
		}
		body := got.json(t)
		if body["text_pending"] != true || body["text"] != "" {
			t.Errorf("text_pending %v, text %d bytes", body["text_pending"], len(body["text"].(string)))
		}
		// A whole text carries no text_pending.
		whole := r.get("/api/v1/sources/"+r.fx.sources[model.Public].ID, "adel").json(t)
		if _, ok := whole["text_pending"]; ok || whole["text"] == "" {
			t.Errorf("a whole text: %v", whole)
		}
	})
}
