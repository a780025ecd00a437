package extract

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Lexicon is a language's word lists, read from data files rather than
// written in code: given names, titles, trigger words, cue words. Each file
// says where its words came from on a "# provenance:" line, and holds
// sections:
//
//	# provenance: compiled for Athar by hand from ...
//	[section]
//	one entry a line
//	a phrase of several words
//	[table]
//	column | column | column
//
// Blank lines and lines starting with "#" are skipped. A section's name is
// unique across the files of one lexicon. Entries are kept as written;
// Set and Phrases fold them as tokens fold (FoldPhrase), so that a list can
// write "Brig. Gen." or "ill-treatment" the way a text does.
type Lexicon struct {
	sections map[string][]string
	// Provenance maps each file to what its provenance line says.
	Provenance map[string]string
	// from maps each section to the file that holds it.
	from map[string]string
}

// LoadLexicon reads every file of fsys that matches pattern (path.Match
// syntax) as one lexicon.
func LoadLexicon(fsys fs.FS, pattern string) (*Lexicon, error) {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return nil, fmt.Errorf("lexicon %s: %w", pattern, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("lexicon %s: no file", pattern)
	}
	sort.Strings(names)
	lex := &Lexicon{sections: map[string][]string{}, Provenance: map[string]string{}, from: map[string]string{}}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", name, err)
		}
		if err := lex.parse(path.Base(name), b); err != nil {
			return nil, err
		}
	}
	return lex, nil
}

// MustLoadLexicon is LoadLexicon for data embedded in the binary, where an
// error is a mistake in the program's own files: it panics, and the
// package's tests catch it.
func MustLoadLexicon(fsys fs.FS, pattern string) *Lexicon {
	lex, err := LoadLexicon(fsys, pattern)
	if err != nil {
		panic(err)
	}
	return lex
}

func (lex *Lexicon) parse(name string, b []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	section := ""
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "#"):
			if p, ok := strings.CutPrefix(line, "# provenance:"); ok {
				lex.Provenance[name] = strings.TrimSpace(p)
			}
			continue
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = strings.TrimSpace(line[1 : len(line)-1])
			if f, dup := lex.from[section]; dup {
				return fmt.Errorf("lexicon %s:%d: section [%s] is already in %s", name, n, section, f)
			}
			lex.from[section] = name
			lex.sections[section] = []string{}
			continue
		}
		if section == "" {
			return fmt.Errorf("lexicon %s:%d: an entry before any [section]", name, n)
		}
		lex.sections[section] = append(lex.sections[section], line)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("lexicon %s: %w", name, err)
	}
	if lex.Provenance[name] == "" {
		return fmt.Errorf("lexicon %s: no \"# provenance:\" line saying where its words came from", name)
	}
	return nil
}

// Sections returns the names of the lexicon's sections, sorted.
func (lex *Lexicon) Sections() []string {
	out := make([]string, 0, len(lex.sections))
	for s := range lex.sections {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// entries returns a section's lines; a missing section is a mistake in the
// program's own data and panics.
func (lex *Lexicon) entries(section string) []string {
	es, ok := lex.sections[section]
	if !ok {
		panic("extract: lexicon has no section [" + section + "]")
	}
	return es
}

// Phrases returns a section's entries folded as tokens fold, in order.
func (lex *Lexicon) Phrases(section string) []string {
	es := lex.entries(section)
	out := make([]string, 0, len(es))
	for _, e := range es {
		if f := FoldPhrase(e); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// Set returns a section's folded entries as a set.
func (lex *Lexicon) Set(section string) map[string]bool {
	out := map[string]bool{}
	for _, p := range lex.Phrases(section) {
		out[p] = true
	}
	return out
}

// Rows returns a table section's rows, each split at " | " into trimmed
// columns (not folded).
func (lex *Lexicon) Rows(section string) [][]string {
	es := lex.entries(section)
	out := make([][]string, 0, len(es))
	for _, e := range es {
		cols := strings.Split(e, "|")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		out = append(out, cols)
	}
	return out
}
