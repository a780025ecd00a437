package web

import (
	"context"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// A long text whose pieces are still being written: its page says so, and
// shows none of it (issue 18).
func TestSourcePageOfATextBeingWritten(t *testing.T) {
	r := newRig(t, "")
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
	body := r.login("vera").get("/sources/" + src.ID).body
	contains(t, "the page", body, `id="text-pending"`, "still being stored")
	lacks(t, "the page", body, "half written words")
}
