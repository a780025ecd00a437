package web

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// A cached aggregate is read once while the ledger's head stays, and read
// again as soon as any change moves it.
func TestCachedIsReadAgainWhenTheHeadMoves(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := New(Config{App: app.New(st, app.Config{})})
	if err != nil {
		t.Fatal(err)
	}
	reads := 0
	read := func() (int, error) { reads++; return reads, nil }
	for range 3 {
		if v, err := cached(ctx, s, "k", read); err != nil || v != 1 {
			t.Fatalf("cached = %d, %v; want the first read, 1", v, err)
		}
	}
	if v, _ := cached(ctx, s, "other", read); v != 2 {
		t.Fatalf("another key shares the first key's value: %d", v)
	}
	src := model.Source{Kind: model.KindArticle, Title: "t", Text: "a change", Language: "en", Sensitivity: model.Public}
	if err := st.Write(ctx, "tester", func(tx *store.Tx) error { err := tx.AddSource(ctx, &src, []byte(src.Text)); return err }); err != nil {
		t.Fatal(err)
	}
	if v, _ := cached(ctx, s, "k", read); v != 3 {
		t.Fatalf("after a write the cached value is still %d; want a new read", v)
	}
}
