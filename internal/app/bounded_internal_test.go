package app

import (
	"context"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// The work of placing an entity does not grow with how often a source
// names it: the resolver searches its names index for each spelling once,
// not once a mention. A long text that named Sednaya Prison tens of
// thousands of times had the resolver search for it as often, all in the
// one transaction that placed it — the longest write of a 32 MiB ingest,
// 1.47 s on an idle machine, and growing with the text (issue 18). Counted
// in names searched per transaction, not timed: a source that names a
// facility twelve times as often as a transaction may search stays under
// that bound.
func TestPlacingAnEntitySearchesEachSpellingOnce(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		const times, batch = 600, 50
		var b strings.Builder
		b.WriteString("Title: One prison, many times\n---\n")
		for range times {
			b.WriteString("In March 2013 the guards took him to Sednaya Prison. Sednaya prison was crowded.\n\n")
		}
		a := New(st, Config{})
		got, err := a.IngestBytes(ctx, access.Operator(), "prison.txt", []byte(b.String()), IngestOptions{WriteBatch: batch})
		if err != nil || got.Outcome != Stored || got.Err != nil {
			t.Fatalf("ingest: %+v %v", got, err)
		}
		if got.Found.Mentions < 2*times {
			t.Fatalf("%d mentions recorded, want at least %d", got.Found.Mentions, 2*times)
		}
		res, err := a.resolver(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n := res.MostNamesSearched(); n == 0 || n > batch {
			t.Errorf("one transaction searched the names index for %d names (the batch is %d rows, the prison named %d times)", n, batch, 2*times)
		}
		// Its names as the source writes them, each once.
		sts, err := st.StatementsFrom(ctx, access.Operator(), got.Source.ID)
		if err != nil {
			t.Fatal(err)
		}
		spelled := map[string]int{}
		for _, s := range sts {
			if s.Property == model.PropName || s.Property == model.PropAlias {
				spelled[s.Value]++
			}
		}
		if spelled["Sednaya Prison"] != 1 || spelled["Sednaya prison"] != 1 {
			t.Errorf("the prison's names: %v", spelled)
		}
	})
}
