package ar

import (
	"bufio"
	"embed"
	"fmt"
	"strings"

	"github.com/athar-project/athar/internal/textfold"
)

// The word lists live in lexicon/, one file a list, each opening with what
// it holds and where it comes from (lines starting with "#"). They are read
// once, when the package loads; a missing or empty list is a build error
// that TestLexicon and every other test catch at once.
//
//go:embed lexicon/*.txt lexicon/*.tsv
var lexiconFS embed.FS

// listLines returns the lines of lexicon/NAME (with its extension) that are
// neither blank nor comments, trimmed.
func listLines(file string) []string {
	f, err := lexiconFS.Open("lexicon/" + file)
	if err != nil {
		panic(fmt.Sprintf("ar: word list %s: %v", file, err))
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		panic(fmt.Sprintf("ar: word list %s: %v", file, err))
	}
	if len(out) == 0 {
		panic(fmt.Sprintf("ar: word list %s is empty", file))
	}
	return out
}

// words reads lexicon/NAME.txt, words separated by white space, as a set of
// folded words.
func words(name string) map[string]bool {
	m := map[string]bool{}
	for _, line := range listLines(name + ".txt") {
		for _, w := range strings.Fields(line) {
			m[textfold.Fold(w)] = true
		}
	}
	return m
}

// phraseList reads lexicon/NAME.txt, one phrase a line, as folded phrases
// split into words, in the file's order.
func phraseList(name string) [][]string {
	var out [][]string
	for _, line := range listLines(name + ".txt") {
		if ws := strings.Fields(textfold.Fold(line)); len(ws) > 0 {
			out = append(out, ws)
		}
	}
	return out
}

// set builds a lookup set of folded words from a space-separated list.
func set(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[textfold.Fold(w)] = true
	}
	return m
}

// foldText folds a word or phrase as the text's tokens are folded.
func foldText(s string) string { return textfold.Fold(s) }
