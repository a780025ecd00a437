package app

import (
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// SegmentText is the size of text, in bytes, extracted at a time. The
// extractors hold some ten times their text in memory while they work (2 MB
// of text took 113 MiB of heap): a long source is extracted a segment at a
// time — split between paragraphs — and what the segments found is put
// together, so that memory stays bounded and time linear however long the
// text. Across a segment boundary a short name ("Hussein") is not tied to the
// full name the segment before gave; the resolver still places each.
const SegmentText = 1 << 20

// extractLong extracts text a segment at a time and joins what the segments
// found, offsets counted from the start of the whole text; a text no longer
// than a segment is extracted whole.
func extractLong(text string, published model.Date, lang string) extract.Result {
	if len(text) <= SegmentText {
		return extract.Extract(text, published, lang)
	}
	var all extract.Result
	persons := map[string]int{}
	entities := map[string]int{}
	offset := 0 // in code points
	for len(text) > 0 {
		cut := segmentEnd(text)
		seg := text[:cut]
		r := extract.Extract(seg, published, lang)
		shift(&r, offset)
		join(&all, r, persons, entities)
		offset += utf8.RuneCountInString(seg)
		text = text[cut:]
	}
	all.Language = lang
	all.Normalize()
	return all
}

// segmentEnd is where the first segment of text ends: after the last
// paragraph break (else line break, else space) before SegmentText bytes,
// on a rune boundary.
func segmentEnd(text string) int {
	if len(text) <= SegmentText {
		return len(text)
	}
	head := text[:SegmentText]
	for _, sep := range []string{"\n\n", "\n", " "} {
		if i := strings.LastIndex(head, sep); i > SegmentText/2 {
			return i + len(sep)
		}
	}
	cut := SegmentText
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return cut
}

// shift moves every offset of r by n code points.
func shift(r *extract.Result, n int) {
	if n == 0 {
		return
	}
	mentions := func(ms []extract.Mention) {
		for i := range ms {
			ms[i].Start += n
			ms[i].End += n
		}
	}
	for i := range r.Persons {
		mentions(r.Persons[i].Mentions)
	}
	for _, es := range [][]extract.Entity{r.Facilities, r.Places, r.Organizations} {
		for i := range es {
			mentions(es[i].Mentions)
		}
	}
	for i := range r.Events {
		r.Events[i].Start += n
		r.Events[i].End += n
	}
	for i := range r.Dates {
		r.Dates[i].Start += n
		r.Dates[i].End += n
	}
}

// join adds what a segment found to all: a person or an entity a segment
// before found under the same name (and gazetteer entry) gains the
// segment's mentions, aliases and roles; events and dates are added as they
// are.
func join(all *extract.Result, r extract.Result, persons, entities map[string]int) {
	for _, p := range r.Persons {
		i, ok := persons[p.Name]
		if !ok {
			persons[p.Name] = len(all.Persons)
			all.Persons = append(all.Persons, p)
			continue
		}
		q := &all.Persons[i]
		q.Mentions = append(q.Mentions, p.Mentions...)
		q.Aliases = union(q.Aliases, p.Aliases)
		q.Roles = union(q.Roles, p.Roles)
		for _, f := range []struct {
			have *string
			add  string
		}{{&q.Rank, p.Rank}, {&q.Title, p.Title},
			{&q.Affiliation, p.Affiliation}, {&q.Birthplace, p.Birthplace}, {&q.Status, p.Status}} {
			if *f.have == "" {
				*f.have = f.add
			}
		}
	}
	for _, g := range []struct {
		kind string
		all  *[]extract.Entity
		add  []extract.Entity
	}{{"facility", &all.Facilities, r.Facilities}, {"place", &all.Places, r.Places}, {"organization", &all.Organizations, r.Organizations}} {
		for _, e := range g.add {
			key := g.kind + "\x00" + e.Name + "\x00" + e.Gazetteer
			i, ok := entities[key]
			if !ok {
				entities[key] = len(*g.all)
				*g.all = append(*g.all, e)
				continue
			}
			q := &(*g.all)[i]
			q.Mentions = append(q.Mentions, e.Mentions...)
			q.Aliases = union(q.Aliases, e.Aliases)
		}
	}
	all.Events = append(all.Events, r.Events...)
	all.Dates = append(all.Dates, r.Dates...)
}

func union(a, b []string) []string {
	for _, x := range b {
		found := false
		for _, y := range a {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			a = append(a, x)
		}
	}
	return a
}
