package extract

import "strings"

// Cues are a language's words that change how a sentence reports a fact:
// phrases that make it an allegation ("accused of", "reportedly",
// "according to") or a denial ("denied"). Phrases are folded words joined by
// spaces.
type Cues struct {
	Alleged []string
	Denied  []string
	alleged [][]string
	denied  [][]string
}

// Compile splits the phrases into words; call it once before Modality.
func (c *Cues) Compile() *Cues {
	c.alleged = splitPhrases(c.Alleged)
	c.denied = splitPhrases(c.Denied)
	return c
}

func splitPhrases(ps []string) [][]string {
	out := make([][]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, strings.Fields(p))
	}
	return out
}

// Modality returns how the tokens toks[from:to] report what they say:
// Denied when a denial cue occurs, else Alleged when an allegation cue
// does, else Asserted; cue is the token index of the cue, -1 for Asserted.
func (c *Cues) Modality(toks []Token, from, to int) (modality string, cue int) {
	if i := findPhrase(toks, from, to, c.denied); i >= 0 {
		return Denied, i
	}
	if i := findPhrase(toks, from, to, c.alleged); i >= 0 {
		return Alleged, i
	}
	return Asserted, -1
}

// HasAlleged reports an allegation cue in toks[from:to].
func (c *Cues) HasAlleged(toks []Token, from, to int) bool {
	return findPhrase(toks, from, to, c.alleged) >= 0
}

// HasDenied reports a denial cue in toks[from:to].
func (c *Cues) HasDenied(toks []Token, from, to int) bool {
	return findPhrase(toks, from, to, c.denied) >= 0
}

func findPhrase(toks []Token, from, to int, phrases [][]string) int {
	if to > len(toks) {
		to = len(toks)
	}
	for i := from; i < to; i++ {
		for _, p := range phrases {
			if len(p) == 0 || toks[i].Fold != p[0] || i+len(p) > to {
				continue
			}
			ok := true
			for k := 1; k < len(p); k++ {
				if toks[i+k].Fold != p[k] {
					ok = false
					break
				}
			}
			if ok {
				return i
			}
		}
	}
	return -1
}
