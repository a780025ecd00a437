package web

import (
	"context"
	"encoding/base64"
	"sort"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// This file is what the UI needs from the store beyond its current API, in
// one place. The store's Sources lists every source the viewer may see
// (the read policy applies in SQL); the language and kind filters, the
// newest-first order and the keyset cursor are applied here, over that
// already-filtered list. When the store gains a SourceFilter with Language,
// Kind and a (ingested_at, id) keyset cursor, and a count, these functions
// become one call each and nothing else changes.

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
	all, err := s.store.Sources(ctx, v, store.SourceFilter{})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(all, func(i, j int) bool { return newer(all[i], all[j]) })
	return all, nil
}

func newer(a, b model.Source) bool {
	if !a.IngestedAt.Equal(b.IngestedAt) {
		return a.IngestedAt.After(b.IngestedAt)
	}
	return a.ID > b.ID
}

// listSources returns one page of the sources v may see.
func (s *Server) listSources(ctx context.Context, v access.Viewer, q sourceQuery) (sourcePage, error) {
	all, err := s.visibleSources(ctx, v)
	if err != nil {
		return sourcePage{}, err
	}
	after, hasCursor := decodeCursor(q.Cursor)
	var page sourcePage
	for _, src := range all {
		if (q.Language != "" && src.Language != q.Language) || (q.Kind != "" && src.Kind != q.Kind) {
			continue
		}
		if hasCursor && !newer(after, src) {
			continue
		}
		if len(page.Items) == q.Limit {
			last := page.Items[len(page.Items)-1]
			page.Next = encodeCursor(last)
			break
		}
		page.Items = append(page.Items, src)
	}
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

func countSources(all []model.Source) counts {
	c := counts{Sources: len(all)}
	kinds := map[model.SourceKind]int{}
	langs := map[string]int{}
	sens := map[model.Sensitivity]int{}
	for _, src := range all {
		kinds[src.Kind]++
		langs[src.Language]++
		sens[src.Sensitivity]++
	}
	for _, k := range model.SourceKinds() {
		if kinds[k] > 0 {
			c.ByKind = append(c.ByKind, kindCount{k, kinds[k]})
		}
	}
	for _, l := range []string{"ar", "en", "other", ""} {
		if langs[l] > 0 {
			c.ByLanguage = append(c.ByLanguage, langCount{l, langs[l]})
		}
	}
	for _, l := range model.Sensitivities() {
		if sens[l] > 0 {
			c.BySensitivity = append(c.BySensitivity, sensCount{l, sens[l]})
		}
	}
	return c
}
