package extract

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Trigger is a word or phrase that reports an event of a type: "arrested",
// "taken into custody", "died" (near a word of custody).
type Trigger struct {
	Words []string // folded
	Type  string   // an event type of result.go
	// Verb is set for verb forms: a language's rules refuse a verb after
	// "to" or a modal ("will be tried" is no trial yet).
	Verb bool
	// Needs holds words one of which must follow within Window tokens for
	// the trigger to count ("died" in custody, "referred" to a court).
	Needs  map[string]bool
	Window int
}

// Triggers is a language's triggers, indexed by first word.
type Triggers struct {
	all   []Trigger
	first map[string][]int
}

// TriggersFromLexicon reads the table section of lex into triggers. Each
// row is: event type | phrase | verb or noun | needs | window, where needs
// is a list of words, or "@section" naming a word list of the same
// lexicon, and window (required with needs) counts tokens after the
// trigger.
func TriggersFromLexicon(lex *Lexicon, section string) (*Triggers, error) {
	ts := &Triggers{first: map[string][]int{}}
	for i, row := range lex.Rows(section) {
		if len(row) < 3 || len(row) > 5 {
			return nil, fmt.Errorf("triggers [%s] row %d: want type | phrase | verb or noun [| needs | window], got %q", section, i+1, strings.Join(row, " | "))
		}
		t := Trigger{Type: row[0], Words: strings.Fields(FoldPhrase(row[1]))}
		switch row[2] {
		case "verb":
			t.Verb = true
		case "noun":
		default:
			return nil, fmt.Errorf("triggers [%s] row %d: %q is neither verb nor noun", section, i+1, row[2])
		}
		if len(t.Words) == 0 {
			return nil, fmt.Errorf("triggers [%s] row %d: empty phrase", section, i+1)
		}
		if len(row) > 3 && row[3] != "" {
			if len(row) < 5 {
				return nil, fmt.Errorf("triggers [%s] row %d: needs words without a window", section, i+1)
			}
			if list, ok := strings.CutPrefix(row[3], "@"); ok {
				t.Needs = lex.Set(list)
			} else {
				t.Needs = map[string]bool{}
				for _, w := range strings.Fields(row[3]) {
					t.Needs[FoldPhrase(w)] = true
				}
			}
			n, err := strconv.Atoi(row[4])
			if err != nil || n <= 0 {
				return nil, fmt.Errorf("triggers [%s] row %d: window %q is not a positive number", section, i+1, row[4])
			}
			t.Window = n
		}
		ts.first[t.Words[0]] = append(ts.first[t.Words[0]], len(ts.all))
		ts.all = append(ts.all, t)
	}
	return ts, nil
}

// At returns the triggers whose words start at token i, longest first (in
// table order among equals): "killed" reports a death in custody near a
// word of custody and an execution near a word of victims, and the caller
// takes the first whose conditions the text meets.
func (ts *Triggers) At(toks []Token, i int) []Trigger {
	if i < 0 || i >= len(toks) || !toks[i].Word {
		return nil
	}
	var out []Trigger
	for _, ti := range ts.first[toks[i].Fold] {
		ws := ts.all[ti].Words
		if i+len(ws) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(ws); k++ {
			if toks[i+k].Fold != ws[k] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, ts.all[ti])
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return len(out[a].Words) > len(out[b].Words) })
	return out
}

// NeedsMet reports whether the trigger's required words (if any) follow
// within its window after token end, before stop; extra reports any other
// token that counts (a facility's name for a death in custody).
func (t Trigger) NeedsMet(toks []Token, end, stop int, extra func(k int) bool) bool {
	if len(t.Needs) == 0 {
		return true
	}
	for k := end; k < stop && k < len(toks) && k < end+t.Window; k++ {
		if t.Needs[toks[k].Fold] || extra != nil && extra(k) {
			return true
		}
	}
	return false
}
