package ar

import (
	"embed"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/textfold"
)

// The word lists live in lexicon/, one file a list, in the shared lexicon
// format of package extract (a "# provenance:" line saying where the words
// come from, then a [section] named as the file). They are read once, when
// the package loads; a missing list or provenance is a build error that every
// test catches at once. The entries are folded here, as Arabic tokens fold.
//
//go:embed lexicon/*.txt
var lexiconFS embed.FS

var lexicon = extract.MustLoadLexicon(lexiconFS, "lexicon/*.txt")

// listLines returns the entries of section name, trimmed.
func listLines(name string) []string {
	rows := lexicon.Rows(name)
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		out = append(out, strings.Join(r, " | "))
	}
	if len(out) == 0 {
		panic(fmt.Sprintf("ar: word list %s is empty", name))
	}
	return out
}

// words reads section name, words separated by white space, as a set of
// folded words.
func words(name string) map[string]bool {
	m := map[string]bool{}
	for _, line := range listLines(name) {
		for _, w := range strings.Fields(line) {
			m[textfold.Fold(w)] = true
		}
	}
	return m
}

// phraseSet is a list of folded phrases indexed by their first word.
type phraseSet struct {
	list    [][]string
	byFirst map[string][]int // first word → indexes into list, in order
}

// phraseList reads lexicon/NAME.txt, one phrase a line, as folded phrases
// split into words, in the file's order.
func phraseList(name string) *phraseSet {
	ps := &phraseSet{byFirst: map[string][]int{}}
	for _, line := range listLines(name) {
		if ws := strings.Fields(textfold.Fold(line)); len(ws) > 0 {
			ps.byFirst[ws[0]] = append(ps.byFirst[ws[0]], len(ps.list))
			ps.list = append(ps.list, ws)
		}
	}
	return ps
}

// set builds a lookup set of folded words from a space-separated list.
func set(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[textfold.Fold(w)] = true
	}
	return m
}

// foldText folds a word or phrase as the text's tokens are folded: as
// textfold.Fold does, rune by rune for Arabic and ASCII (where its
// normalization changes nothing the folding keeps), with textfold.Fold for
// anything else.
func foldText(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r == utf8.RuneError || r >= 0x80 && (r < 0x0600 || r > 0x06FF) {
			return textfold.Fold(s)
		}
		if f := foldRune(r); f >= 0 {
			b = utf8.AppendRune(b, f)
		}
	}
	return string(b)
}

// foldTable holds textfold.Rune of ASCII and of the Arabic block, worked out
// once: tokenizing folds every rune of the text.
var foldTable = func() (t [0x80 + 0x100]rune) {
	for r := rune(0); r < 0x80; r++ {
		t[r] = textfold.Rune(r)
	}
	for r := rune(0x0600); r <= 0x06FF; r++ {
		t[0x80+r-0x0600] = textfold.Rune(r)
	}
	return t
}()

// foldRune is textfold.Rune, from the table for ASCII and Arabic.
func foldRune(r rune) rune {
	switch {
	case r >= 0 && r < 0x80:
		return foldTable[r]
	case r >= 0x0600 && r <= 0x06FF:
		return foldTable[0x80+r-0x0600]
	}
	return textfold.Rune(r)
}
