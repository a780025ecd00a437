package names

import (
	"strconv"
	"strings"
)

// Blocking keys let an index find candidates for a name without comparing it
// to every name: a part is filed under its spelling ("t" keys), its skeleton
// ("e" keys), the skeleton
// with one consonant left out ("d" keys, for a changed, added or dropped
// letter) and the known names it may be ("n" keys). A query looks each of
// its parts up under the keys that can meet those.

// IndexKeys returns the keys under which an index files part p.
func (p *Part) IndexKeys() []string {
	ks := []string{"t" + p.Text}
	for _, key := range p.skeletons() {
		ks = append(ks, "e"+key)
		for _, d := range deletions(key) {
			ks = append(ks, "d"+d)
		}
	}
	for _, id := range p.known {
		ks = append(ks, "n"+strconv.Itoa(int(id)))
	}
	return dedupe(ks)
}

// WeightedKey is a key to look up and how much a hit on it counts.
type WeightedKey struct {
	Key    string
	Weight float64
}

// QueryKeys returns the keys a query part p looks up, best first.
func (p *Part) QueryKeys() []WeightedKey {
	var ks []WeightedKey
	seen := map[string]bool{}
	add := func(k string, w float64) {
		if !seen[k] {
			seen[k] = true
			ks = append(ks, WeightedKey{k, w})
		}
	}
	add("t"+p.Text, 1.2) // the same spelling
	for _, id := range p.known {
		add("n"+strconv.Itoa(int(id)), 1)
	}
	skels := p.skeletons()
	for _, key := range skels {
		add("e"+key, 1)
	}
	for _, key := range skels {
		add("d"+key, 0.6) // the indexed name has one consonant more
		for _, d := range deletions(key) {
			add("e"+d, 0.6) // the query has one consonant more
		}
	}
	for _, key := range skels {
		for _, d := range deletions(key) {
			add("d"+d, 0.5) // one consonant differs
		}
	}
	return ks
}

func (p *Part) skeletons() []string {
	var s []string
	k := p.Key
	if k == "" {
		k = "~" + p.Text // a word of vowels only
	}
	s = append(s, k)
	if p.AltKey != "" && p.AltKey != k {
		s = append(s, p.AltKey)
	}
	return s
}

// deletions returns key with each one of its letters left out, for keys of
// three letters or more (shorter ones would meet far too many names).
func deletions(key string) []string {
	rs := []rune(key)
	if len(rs) < 3 || strings.HasPrefix(key, "~") {
		return nil
	}
	out := make([]string, 0, len(rs))
	for i := range rs {
		d := string(rs[:i]) + string(rs[i+1:])
		if len(out) == 0 || out[len(out)-1] != d {
			out = append(out, d)
		}
	}
	return out
}

func dedupe(ks []string) []string {
	seen := make(map[string]bool, len(ks))
	out := ks[:0]
	for _, k := range ks {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
