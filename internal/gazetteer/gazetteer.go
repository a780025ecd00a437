// Package gazetteer owns the embedded lists of known places, detention
// facilities and organizations that extraction recognizes by name, in English
// and Arabic, with their aliases, kinds and coordinates (for a later map), and
// a matcher that finds them in a sequence of folded words.
//
// The data files in data/ are copies of the project's shared gazetteer plus
// two lists compiled for Athar; data/PROVENANCE.md says where each came from
// and under which licence.
package gazetteer

import (
	"sync"
)

// Type is what an entry names.
type Type string

// Entry types.
const (
	Facility     Type = "facility"
	Place        Type = "place"
	Organization Type = "organization"
)

// Entry is one known place, facility or organization.
type Entry struct {
	ID      string // stable id from the source list, prefixed by the list ("ocha:C2404")
	Type    Type
	Kind    string // country, governorate, district, subdistrict, city, town, village, neighbourhood, community; prison, branch; ministry, NGO, ...
	NameEN  string // the canonical English name
	NameAR  string // the canonical Arabic name
	Aliases []string
	// Governorate is the Syrian governorate the entry lies in, when known.
	Governorate string
	Lat, Lon    float64
	HasCoords   bool
	// Weak entries (small communities and neighbourhoods whose names are also
	// common words or family names) need a place cue in the text before a
	// match counts.
	Weak bool
	// Rank orders entries that share a name: lower wins (a country before a
	// governorate before a district before a village).
	Rank int
}

// Hit is one entry a matched phrase names.
type Hit struct {
	Entry *Entry
	// Acronym is set when the phrase is an all-capitals short form ("SANA",
	// "MID") that counts only when the text writes it in capitals too.
	Acronym bool
}

// Gazetteer is a set of entries indexed by their folded word sequences.
type Gazetteer struct {
	Entries []*Entry
	root    *node
	skel    *node             // place names by consonant skeleton
	prisons map[string]*Entry // a town word that stands for its prison ("sednaya")
}

type node struct {
	next map[string]*node
	hits []Hit
}

// Match finds the longest phrase of the gazetteer that starts at words[i]
// (words are folded as textfold.Words folds them) and returns how many words
// it spans and the entries it names, best first; n is 0 when none does.
func (g *Gazetteer) Match(words []string, i int) (n int, hits []Hit) {
	cur := g.root
	for j := i; j < len(words); j++ {
		nx := cur.next[words[j]]
		if nx == nil {
			break
		}
		cur = nx
		if len(cur.hits) > 0 {
			n, hits = j-i+1, cur.hits
		}
	}
	return n, hits
}

// MatchSkeleton is Match on consonant skeletons (see Skeleton), for place
// names spelled another way than the gazetteer spells them ("Mezzeh" for
// "Mazzeh", "Daraya" for "Darayya"). It is a fallback: callers should accept
// its hits only where the text introduces a place.
func (g *Gazetteer) MatchSkeleton(words []string, i int) (n int, hits []Hit) {
	cur := g.skel
	for j := i; j < len(words); j++ {
		nx := cur.next[Skeleton(words[j])]
		if nx == nil {
			break
		}
		cur = nx
		if len(cur.hits) > 0 {
			n, hits = j-i+1, cur.hits
		}
	}
	return n, hits
}

// PrisonOf returns the prison a one-word town name stands for in reporting
// ("Sednaya" for Sednaya Military Prison), or nil.
func (g *Gazetteer) PrisonOf(word string) *Entry { return g.prisons[word] }

// Lookup returns the entries whose name or alias folds to exactly these words.
func (g *Gazetteer) Lookup(words []string) []Hit {
	n, hits := g.Match(words, 0)
	if n != len(words) {
		return nil
	}
	return hits
}

// ByID returns the entry with this id, or nil.
func (g *Gazetteer) ByID(id string) *Entry {
	for _, e := range g.Entries {
		if e.ID == id {
			return e
		}
	}
	return nil
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the gazetteer built from the embedded data, loaded once.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := load()
		if err != nil {
			// The data is embedded and tested; a failure here is a build defect.
			panic("gazetteer: " + err.Error())
		}
		defaultGaz = g
	})
	return defaultGaz
}
