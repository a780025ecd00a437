package web

import (
	"context"
	"encoding/base64"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Listing and counting sources: thin wrappers over the store, which applies
// the read policy, the filters and the keyset cursor in SQL.

// sourceQuery narrows a listing.
type sourceQuery struct {
	Language string           // "" any
	Kind     model.SourceKind // "" any
	Cursor   string           // from a previous page's Next; "" first page
	Limit    int
}

// sourcePage is one page of a listing, newest first.
type sourcePage struct {
	Items []model.Source
	Next  string // cursor of the following page, "" on the last
}

// visibleSources is every source v may see, newest ingest first.
func (s *Server) visibleSources(ctx context.Context, v access.Viewer) ([]model.Source, error) {
	return s.store.Sources(ctx, v, app.SourceFilter{Newest: true})
}

// newer is the listing's order: newest ingest first, then id.
func newer(a, b model.Source) bool {
	if !a.IngestedAt.Equal(b.IngestedAt) {
		return a.IngestedAt.After(b.IngestedAt)
	}
	return a.ID > b.ID
}

// listSources returns one page of the sources v may see: one more than a
// page is read to learn whether another follows.
func (s *Server) listSources(ctx context.Context, v access.Viewer, q sourceQuery) (sourcePage, error) {
	f := app.SourceFilter{Language: q.Language, Kind: q.Kind, Newest: true}
	if q.Limit > 0 {
		f.Limit = q.Limit + 1
	}
	if after, ok := decodeCursor(q.Cursor); ok {
		f.After = &after
	}
	items, err := s.store.Sources(ctx, v, f)
	if err != nil {
		return sourcePage{}, err
	}
	var page sourcePage
	if q.Limit > 0 && len(items) > q.Limit {
		items = items[:q.Limit]
		page.Next = encodeCursor(items[len(items)-1])
	}
	page.Items = items
	return page, nil
}

// A cursor is the (ingested_at, id) of the last source shown: the next
// page starts strictly after it, whatever was added or removed meanwhile.
func encodeCursor(src model.Source) string {
	return base64.RawURLEncoding.EncodeToString([]byte(src.IngestedAt.UTC().Format(time.RFC3339Nano) + " " + src.ID))
}

func decodeCursor(c string) (model.Source, bool) {
	if c == "" {
		return model.Source{}, false
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return model.Source{}, false
	}
	at, id, ok := strings.Cut(string(b), " ")
	t, err := time.Parse(time.RFC3339Nano, at)
	if !ok || err != nil {
		return model.Source{}, false
	}
	return model.Source{ID: id, IngestedAt: t}, true
}

// counts is the dashboard's summary of what v may see.
type counts struct {
	Sources       int
	ByKind        []kindCount
	ByLanguage    []langCount
	BySensitivity []sensCount
	Proposed      int // statements awaiting review
}

type kindCount struct {
	Kind model.SourceKind
	N    int
}

type langCount struct {
	Language string
	N        int
}

type sensCount struct {
	Sensitivity model.Sensitivity
	N           int
}

// countAll counts, in SQL, the sources v may see and the statements
// awaiting review.
func (s *Server) countAll(ctx context.Context, v access.Viewer) (counts, error) {
	sc, err := cached(ctx, s, "sources "+viewerKey(v), func() (app.SourceCounts, error) { return s.store.CountSources(ctx, v) })
	if err != nil {
		return counts{}, err
	}
	c := counts{Sources: sc.Total}
	for _, k := range model.SourceKinds() {
		if n := sc.ByKind[string(k)]; n > 0 {
			c.ByKind = append(c.ByKind, kindCount{k, n})
		}
	}
	for _, l := range []string{"ar", "en", "other", ""} {
		if n := sc.ByLanguage[l]; n > 0 {
			c.ByLanguage = append(c.ByLanguage, langCount{l, n})
		}
	}
	for _, l := range model.Sensitivities() {
		if n := sc.BySensitivity[l.String()]; n > 0 {
			c.BySensitivity = append(c.BySensitivity, sensCount{l, n})
		}
	}
	c.Proposed, err = s.countProposed(ctx, v)
	return c, err
}

// countProposed counts the proposed statements v may see: the review
// queue's length.
func (s *Server) countProposed(ctx context.Context, v access.Viewer) (int, error) {
	return cached(ctx, s, "proposed "+viewerKey(v), func() (int, error) {
		return s.store.CountStatements(ctx, v, model.StatusProposed)
	})
}
