package ar

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/textfold"
)

// trigger is a word or phrase that reports an event of a type.
type trigger struct {
	words []string // folded; the first word matched with or without clitics and pronoun suffixes
	typ   string
	needs map[string]bool // one of these must stand within win tokens (either side)
	win   int
	// pronoun: the form itself points back to a person ("اعترافاته",
	// "أحيل"): with nobody named in the sentence, the person the text is
	// about is meant.
	back bool
}

// eventTypes are the event types a trigger may report.
var eventTypes = map[string]bool{
	extract.EventArrest: true, extract.EventDetention: true, extract.EventWanted: true, extract.EventConfession: true,
	extract.EventReferral: true, extract.EventCharge: true, extract.EventTrial: true, extract.EventConviction: true,
	extract.EventAcquittal: true, extract.EventSentence: true, extract.EventRelease: true, extract.EventEscape: true,
	extract.EventDeathInCustody: true, extract.EventDisappearance: true, extract.EventTestimony: true,
	extract.EventTortureAllegation: true, extract.EventExecutionAllegation: true, extract.EventStatement: true,
}

// triggers are the words and phrases that report an event, read from
// lexicon/triggers.tsv.
var triggers = loadTriggers("triggers")

// victimWordSet holds the words for the detained.
var victimWordSet = words("victim_words")

// loadTriggers reads a trigger table (its columns are described at its top).
func loadTriggers(file string) []trigger {
	var out []trigger
	for _, cols := range lexicon.Rows(file) {
		line := strings.Join(cols, " | ")
		if len(cols) != 5 || !eventTypes[cols[0]] {
			panic(fmt.Sprintf("ar: [%s] bad row %q: want type | phrase | needs | window | back", file, line))
		}
		win, err := strconv.Atoi(cols[3])
		if err != nil {
			panic(fmt.Sprintf("ar: %s: bad window in %q", file, line))
		}
		t := trigger{words: strings.Fields(textfold.Fold(cols[1])), typ: cols[0], win: win, back: cols[4] == "back"}
		switch needs := cols[2]; {
		case needs == "-":
		case strings.HasPrefix(needs, "@"):
			t.needs = map[string]bool{}
			for _, list := range strings.Split(needs, "+") {
				for w := range words(strings.TrimPrefix(list, "@")) {
					t.needs[w] = true
				}
			}
		default:
			t.needs = set(needs)
		}
		out = append(out, t)
	}
	return out
}

var triggerIndex = func() map[string][]int {
	m := map[string][]int{}
	for i, t := range triggers {
		m[t.words[0]] = append(m[t.words[0]], i)
	}
	return m
}()

// pronounSuffixes are the object and possessive pronouns that attach to a
// verb or a noun: "اعترافاته", "إحالتهم".
var pronounSuffixes = []string{"هما", "هم", "هن", "ها", "ه", "ي", "نا"}

// triggerForms returns the readings of a word a trigger may match: the word
// with or without clitics, and without a pronoun suffix (a ta marbuta that
// the suffix turned into ت restored).
func (d *doc) triggerForms(i int, buf []variant) []variant {
	buf = buf[:0]
	for _, v := range d.variantsOf(i) {
		buf = append(buf, v)
		if b := bare(v.s); b != v.s {
			buf = append(buf, variant{b, v.pre})
		}
		for _, suf := range pronounSuffixes {
			if strings.HasSuffix(v.s, suf) && len(v.s)-len(suf) >= 4 {
				st := v.s[:len(v.s)-len(suf)]
				buf = append(buf, variant{st, v.pre})
				if strings.HasSuffix(st, "ت") {
					buf = append(buf, variant{st[:len(st)-len("ت")] + "ه", v.pre})
				}
				if strings.HasSuffix(st, "و") {
					buf = append(buf, variant{st + "ا", v.pre}) // "عذبوه": عذبوا + ه
				}
				break
			}
		}
	}
	return buf
}
