package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// A source taken down keeps no near-duplicate keys: a copy brought later is
// a first upload, not linked to what was erased; a copy of another source
// is still linked to that one.
func TestTakenDownSourceLinksNoLaterCopy(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dir := t.TempDir()
		body := strings.Join(paragraphs, "\n\n")
		a := app.New(st, app.Config{})
		ingest := func(name, text string) app.IngestResult {
			t.Helper()
			var res app.IngestResult
			if _, err := a.Ingest(ctx, access.Operator(), []string{write(t, dir, name, text)}, app.IngestOptions{}, func(r app.IngestResult) { res = r }); err != nil {
				t.Fatal(err)
			}
			if res.Outcome != app.Stored {
				t.Fatalf("%s: %s %v", name, res.Outcome, res.Err)
			}
			return res
		}
		erased := ingest("erased.txt", "Title: To be taken down\n---\n"+body)
		kept := ingest("kept.txt", "Title: Another story\n---\n"+strings.Join(paragraphs[3:], "\n\n")+"\n\n"+strings.Join(paragraphs[:3], "\n\n"))
		if err := a.TakeDown(ctx, access.Operator(), erased.Source.ID, "the witness asked"); err != nil {
			t.Fatal(err)
		}
		later := ingest("later.txt", "Title: The same story, later\n---\n"+body+"\n\n(with agencies)")
		if later.DuplicateOf == erased.Source.ID {
			t.Errorf("a copy brought after the take-down is linked to the erased source %s", erased.Source.ID)
		}
		// What is still stored links as before: the later copy and the
		// kept source share their paragraphs (kept was a copy of the erased
		// one: the link stops at it).
		if later.DuplicateOf != kept.Source.ID {
			t.Errorf("later copy linked to %q, want the kept source %s", later.DuplicateOf, kept.Source.ID)
		}
	})
}
