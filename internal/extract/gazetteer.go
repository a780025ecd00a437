package extract

import (
	"github.com/athar-project/athar/internal/gazetteer"
)

// GazMatch is a phrase of the text that names gazetteer entries.
type GazMatch struct {
	FirstTok, EndTok int // token indexes, EndTok exclusive
	Start, End       int // byte offsets
	Hits             []gazetteer.Hit
}

// FindGazetteer finds the longest gazetteer phrases in toks, left to right.
// Words joined by a hyphen or apostrophe without spaces ("al-Qabu") match
// their spaced form; any other punctuation ends a phrase. A Latin phrase must
// start with a capital letter or a digit, and an acronym entry counts only
// when the text writes it in capitals.
func FindGazetteer(toks []Token, g *gazetteer.Gazetteer) []GazMatch {
	var out []GazMatch
	words := make([]string, 0, 8)
	idx := make([]int, 0, 8)
	flush := func() {
		for k := 0; k < len(words); {
			first := toks[idx[k]]
			if isLatinWord(first.Fold) && !first.Cap && !first.Digits && !lowerParticle(toks, idx, k) {
				k++
				continue
			}
			n, hits := g.Match(words, k)
			for n > 0 {
				if h := acceptCase(hits, toks, idx[k:k+n]); len(h) > 0 {
					hits = h
					break
				}
				for n--; n > 0; n-- {
					if hits = g.Lookup(words[k : k+n]); len(hits) > 0 {
						break
					}
				}
			}
			if n == 0 {
				k++
				continue
			}
			// "General Security forces": a lower-case last word that the same
			// entry's shorter name does without is description, not name
			if n > 1 && descriptive[toks[idx[k+n-1]].Fold] && !toks[idx[k+n-1]].Cap {
				if short := g.Lookup(words[k : k+n-1]); sameEntry(short, hits) {
					n, hits = n-1, short
				}
			}
			a, b := idx[k], idx[k+n-1]+1
			out = append(out, GazMatch{FirstTok: a, EndTok: b, Start: toks[a].Start, End: toks[b-1].End, Hits: hits})
			k += n
		}
		words, idx = words[:0], idx[:0]
	}
	for i, t := range toks {
		if t.Word {
			words = append(words, t.Fold)
			idx = append(idx, i)
			continue
		}
		if (t.Fold == "-" || t.Fold == "'" || t.Fold == "’") && !t.Space && i+1 < len(toks) && toks[i+1].Word && !toks[i+1].Space && len(words) > 0 {
			continue
		}
		// "International, Impartial and Independent Mechanism": a comma may sit
		// inside a name; the trie decides whether the words go on
		if t.Fold == "," && len(words) > 0 && i+1 < len(toks) && toks[i+1].Word && toks[i+1].Cap {
			continue
		}
		flush()
	}
	flush()
	return out
}

// descriptive are lower-case words that may end a name in a gazetteer but
// in running text describe the body's people: "General Security forces".
var descriptive = map[string]bool{"forces": true, "force": true, "units": true, "personnel": true, "members": true, "officers": true, "men": true, "agents": true, "elements": true}

// lowerParticle reports a lower-case article joined to a capitalized word:
// "al-Khatib Branch".
func lowerParticle(toks []Token, idx []int, k int) bool {
	f := toks[idx[k]].Fold
	if f != "al" && f != "el" {
		return false
	}
	return k+1 < len(idx) && toks[idx[k+1]].Cap && idx[k+1] == idx[k]+2 && toks[idx[k]+1].Fold == "-"
}

func sameEntry(a, b []gazetteer.Hit) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range a {
		if x.Entry == b[0].Entry {
			return true
		}
	}
	return false
}

// acceptCase keeps the hits whose case the text honours: an acronym must be
// written in capitals.
func acceptCase(hits []gazetteer.Hit, toks []Token, idx []int) []gazetteer.Hit {
	upper := true
	for _, i := range idx {
		if !toks[i].Upper && !(len(toks[i].Fold) == 1 && toks[i].Cap) {
			upper = false
		}
	}
	if upper {
		return hits
	}
	var out []gazetteer.Hit
	for _, h := range hits {
		if !h.Acronym {
			out = append(out, h)
		}
	}
	return out
}
