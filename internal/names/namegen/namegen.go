// Package namegen generates realistic Arabic-pattern person names for
// benchmarks and tests: a given name, a father's name and a family name, in
// Arabic script and in the Latin spellings news outlets and lists use. Given
// names come from the names package's table of known names, drawn with a
// skewed frequency (many Mohammeds, few Aws); family names are built from
// three-consonant roots on common Arabic patterns (Salloum, Jamil, Hamza,
// al-Hallaq, Tikriti), so that skeletons collide as they do in real data.
package namegen

import (
	"math"
	"math/rand/v2"
	"strings"

	"github.com/athar-project/athar/internal/names"
)

// Person is one generated person.
type Person struct {
	Arabic string   // the full name in Arabic script
	Latin  []string // Latin spellings of it
	given  names.KnownName
	father names.KnownName
	family family
}

type family struct {
	arabic string
	latin  []string
}

// Gen draws persons; it is deterministic for a seed and not safe for
// concurrent use.
type Gen struct {
	r      *rand.Rand
	given  []names.KnownName
	cum    []float64
	family []family
}

type consonant struct {
	ar    string
	latin []string
}

var consonants = []consonant{
	{"ب", []string{"b"}}, {"ت", []string{"t"}}, {"ث", []string{"th", "s"}}, {"ج", []string{"j", "dj"}},
	{"ح", []string{"h"}}, {"خ", []string{"kh"}}, {"د", []string{"d"}}, {"ر", []string{"r"}},
	{"ز", []string{"z"}}, {"س", []string{"s"}}, {"ش", []string{"sh", "ch"}}, {"ص", []string{"s"}},
	{"ض", []string{"d", "dh"}}, {"ط", []string{"t"}}, {"غ", []string{"gh"}}, {"ف", []string{"f"}},
	{"ق", []string{"q", "k"}}, {"ك", []string{"k"}}, {"ل", []string{"l"}}, {"م", []string{"m"}},
	{"ن", []string{"n"}}, {"ه", []string{"h"}},
}

// patterns put a root's three consonants (1, 2, 3; doubled as 11, 22, 33)
// into a family name: Arabic template, Latin templates.
var patterns = []struct {
	ar    string
	latin []string
}{
	{"1 2 و 3", []string{"1a22ou3", "1a2ou3", "1a22u3", "1a2u3"}},            // Salloum
	{"1 2 ي 3", []string{"1a2i3", "1a2ee3", "1e2i3"}},                        // Jamil
	{"1 2 3 ة", []string{"1a23a", "1a23ah", "1a23eh"}},                       // Hamza
	{"ال 1 2 ا 3", []string{"al-1a22a3", "al-1a2a3", "el-1a22a3", "1a22a3"}}, // al-Hallaq
	{"ال 1 2 3 ي", []string{"al-1a23i", "al-1i23i", "1a23i", "1a23y"}},       // al-Tikriti
	{"1 ا 2 3", []string{"1a2a3", "1a2e3", "1aa2e3"}},                        // Hashem
	{"1 2 ا 3 ي", []string{"1a2a3i", "1a2aa3i", "1i2a3i"}},                   // Rahmani
}

// New returns a generator; families is how many distinct family names to
// draw from (a few thousand is realistic for a country's detainees).
func New(seed uint64, families int) *Gen {
	g := &Gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	for _, k := range names.KnownNames() {
		if !strings.ContainsAny(k.Arabic, " ") {
			g.given = append(g.given, k)
		}
	}
	// Zipf-like weights: common names first and far more often
	total := 0.0
	for i, k := range g.given {
		w := 1 / math.Pow(float64(i+1), 0.9)
		if k.Common {
			w *= 6
		}
		total += w
		g.cum = append(g.cum, total)
	}
	seen := map[string]bool{}
	for len(g.family) < families {
		f := g.newFamily()
		if !seen[f.arabic] {
			seen[f.arabic] = true
			g.family = append(g.family, f)
		}
	}
	return g
}

func (g *Gen) newFamily() family {
	var root [3]consonant
	for i := range root {
		root[i] = consonants[g.r.IntN(len(consonants))]
	}
	p := patterns[g.r.IntN(len(patterns))]
	ar := p.ar
	for i, c := range root {
		d := string(rune('1' + i))
		ar = strings.ReplaceAll(ar, d, c.ar)
	}
	ar = strings.ReplaceAll(ar, " ", "")
	var latin []string
	for _, t := range p.latin {
		l := t
		for i, c := range root {
			d := string(rune('1' + i))
			sp := c.latin[g.r.IntN(len(c.latin))]
			dd := sp + sp
			if len(sp) > 1 {
				dd = sp
			}
			l = strings.ReplaceAll(l, d+d, dd)
			l = strings.ReplaceAll(l, d, sp)
		}
		latin = append(latin, titleWord(l))
	}
	return family{arabic: ar, latin: latin}
}

func (g *Gen) pickGiven() names.KnownName {
	x := g.r.Float64() * g.cum[len(g.cum)-1]
	lo, hi := 0, len(g.cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if g.cum[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return g.given[lo]
}

func (g *Gen) pick(ss []string) string { return ss[g.r.IntN(len(ss))] }

// Person draws a person with an Arabic name and two Latin spellings.
func (g *Gen) Person() Person {
	p := Person{given: g.pickGiven(), father: g.pickGiven(), family: g.family[g.r.IntN(len(g.family))]}
	p.Arabic = p.given.Arabic + " " + p.father.Arabic + " " + p.family.arabic
	p.Latin = []string{g.latinSpelling(p, true), g.latinSpelling(p, false)}
	return p
}

func (g *Gen) latinSpelling(p Person, full bool) string {
	parts := []string{g.pick(p.given.Latin)}
	if full {
		parts = append(parts, g.pick(p.father.Latin))
	}
	parts = append(parts, g.pick(p.family.latin))
	return strings.Join(parts, " ")
}

// Variant returns another way a source may write p's name: another Latin
// spelling, with or without the father's name, or the Arabic script.
func (g *Gen) Variant(p Person) string {
	switch g.r.IntN(4) {
	case 0:
		return p.Arabic
	case 1:
		return p.given.Arabic + " " + p.family.arabic
	case 2:
		return g.latinSpelling(p, false)
	}
	return g.latinSpelling(p, true)
}

// Stranger returns a name of someone who is probably not among the persons
// drawn: a known given name with a family name drawn afresh.
func (g *Gen) Stranger() string {
	f := g.newFamily()
	return g.pick(g.pickGiven().Latin) + " " + g.pick(f.latin)
}

func titleWord(s string) string {
	if strings.HasPrefix(s, "al-") || strings.HasPrefix(s, "el-") {
		return s[:3] + titleWord(s[3:])
	}
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
