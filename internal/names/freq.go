package names

import (
	_ "embed"
	"math"
	"strconv"
	"strings"
)

// freqTable counts, for each name part, how many persons' names hold it,
// over public lists of persons' names (see freq.tsv's header and
// PROVENANCE.md; freqgen rebuilds it). A part is counted under its known
// name when the table of known names has it, else under its skeleton, so
// that Arabic script and the Latin spellings of a name count together.
//
//go:embed freq.tsv
var freqTable string

var (
	freqCounts map[string]int32
	freqNames  float64
)

func init() {
	freqCounts = map[string]int32{}
	for _, line := range strings.Split(freqTable, "\n") {
		k, v, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			continue
		}
		if k == "# names" {
			freqNames = float64(n)
			continue
		}
		if !strings.HasPrefix(k, "#") {
			freqCounts[k] = int32(n)
		}
	}
	if freqNames < 1 {
		freqNames = 1
	}
}

// FreqKey is the key under which the frequency table counts a part: its
// known name, or its skeleton.
func (p *Part) FreqKey() string {
	if len(p.known) > 0 {
		return "n:" + strings.ToLower(dictEntries[p.known[0]].latin)
	}
	if p.Role == RoleKunya {
		return "k:" + p.Key
	}
	if p.Key == "" {
		return "t:" + p.Text
	}
	return "e:" + p.Key
}

// Frequency returns how many names of the frequency table's lists hold a
// part like p, and how many names the lists hold.
func (p *Part) Frequency() (count, of int) {
	return int(freqCounts[p.FreqKey()]), int(freqNames)
}

// rarity is how much a part says about who is named, from how common it
// is: 1 for a part no more common than one name in rareShare, down to
// minRarity for the most common given names.
func (p *Part) rarity() float64 {
	if p.rare > 0 {
		return float64(p.rare)
	}
	return p.computeRarity()
}

func (p *Part) computeRarity() float64 {
	c := float64(freqCounts[p.FreqKey()])
	idf := math.Log((freqNames + 1) / (c + 1))
	ref := math.Log(rareShare)
	return math.Max(minRarity, math.Min(1, idf/ref))
}

const (
	rareShare = 300
	minRarity = 0.25
)
