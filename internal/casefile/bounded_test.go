package casefile

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// The bounded case file of an entity that many sources name lists the
// newest sources and the latest events, and says how many there are in all;
// an unbounded one (the dossier's) gets every one.
func TestBoundedCaseFileBoundsWhatItLists(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const nSources, nEvents = BoundedSources + 7, BoundedEvents + 5
	var prison model.Entity
	err = st.Write(ctx, "tester", func(tx *store.Tx) error {
		if prison, err = tx.AddEntity(ctx, model.TypeFacility); err != nil {
			return err
		}
		for i := range max(nSources, nEvents) {
			text := fmt.Sprintf("Report %d: former guards of Sednaya Prison were arrested.", i)
			src := model.Source{Kind: model.KindArticle, Title: fmt.Sprintf("Report %d", i), Text: text, Language: "en",
				Sensitivity: model.Public, Published: model.DayDate(2024, 1+i%12, 1+i%28)}
			if err := tx.AddSource(ctx, &src, []byte(text)); err != nil {
				return err
			}
			start := strings.Index(text, "Sednaya")
			if i < nSources {
				m := model.Mention{SourceID: src.ID, Span: model.Span{Start: start, End: start + len("Sednaya Prison")},
					Type: model.TypeFacility, Extractor: "test@1", EntityID: prison.ID, Score: 1}
				if err := tx.AddMention(ctx, &m); err != nil {
					return err
				}
				name := model.Statement{EntityID: prison.ID, Property: "name", Value: "Sednaya Prison", SourceID: src.ID, Origin: "manual"}
				if err := tx.AddStatement(ctx, &name); err != nil {
					return err
				}
			}
			if i < nEvents {
				ev, err := tx.AddEntity(ctx, model.TypeEvent)
				if err != nil {
					return err
				}
				for _, s := range []model.Statement{
					{EntityID: ev.ID, Property: "eventType", Value: "arrest", SourceID: src.ID, Origin: "manual"},
					{EntityID: ev.ID, Property: "location", Value: "Sednaya Prison", ValueEntity: prison.ID, SourceID: src.ID, Origin: "manual"},
				} {
					if err := tx.AddStatement(ctx, &s); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		brief                       bool
		sources, events             int
		sourcesTotal, timelineTotal int
	}{
		{true, BoundedSources, BoundedEvents, nSources, nEvents},
		{false, nSources, nEvents, 0, 0},
	} {
		p, ok, err := NewReader(ctx, st, access.Operator()).Read(prison, Options{Bounded: tc.brief})
		if err != nil || !ok {
			t.Fatalf("brief %v: %v %v", tc.brief, ok, err)
		}
		if len(p.Sources) != tc.sources || p.SourcesTotal != tc.sourcesTotal {
			t.Errorf("brief %v: %d sources listed of %d; want %d of %d", tc.brief, len(p.Sources), p.SourcesTotal, tc.sources, tc.sourcesTotal)
		}
		if len(p.Timeline) != tc.events || p.TimelineTotal != tc.timelineTotal {
			t.Errorf("brief %v: %d events listed of %d; want %d of %d", tc.brief, len(p.Timeline), p.TimelineTotal, tc.events, tc.timelineTotal)
		}
		// The one name claim counts every source, footnoted or not.
		if len(p.NamesLatin) != 1 || p.NamesLatin[0].Independent != nSources {
			t.Fatalf("brief %v: names %+v", tc.brief, p.NamesLatin)
		}
		notes := len(p.NamesLatin[0].Notes)
		if tc.brief && notes != NotesPerClaim || !tc.brief && notes != nSources {
			t.Errorf("brief %v: the name claim has %d footnotes", tc.brief, notes)
		}
	}
	// Past a cap, events are not counted on: the page says "more than".
	for _, tc := range []struct{ limit, want int }{{10, 10}, {nEvents + 1, nEvents}} {
		if n, err := st.CountReferencing(ctx, access.Operator(), []string{prison.ID}, timelineProps, tc.limit); err != nil || n != tc.want {
			t.Errorf("events counted up to %d: %d, %v; want %d", tc.limit, n, err, tc.want)
		}
	}
}
