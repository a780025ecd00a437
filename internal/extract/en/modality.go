package en

// Step 5: how the source reports the event, and how many it concerns.

import (
	"github.com/athar-project/athar/internal/extract"
	"strconv"
)

// allegationIn reports words that accuse someone in the sentence.
func (d *doc) allegationIn(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		switch d.toks[k].Fold {
		case "accused", "linked", "blamed", "blame", "responsible", "suspected", "suspicion":
			return true
		}
	}
	return false
}

// modalityFor reads how the sentence reports an event of typ: cues in the
// clause around the trigger (a sentence that opens "According to" is
// reported speech throughout).
func (d *doc) modalityFor(typ string, s sentence, a int) string {
	from, to := a-15, a+10
	if from < s.a {
		from = s.a
	}
	if to > s.b {
		to = s.b
	}
	if cues.HasDenied(d.toks, from, a) {
		return extract.Denied
	}
	if d.fold(s.a) == "according" && d.fold(s.a+1) == "to" {
		return extract.Alleged
	}
	switch typ {
	case extract.EventTortureAllegation, extract.EventExecutionAllegation, extract.EventDeathInCustody, extract.EventDisappearance:
		// whoever tells it in the sentence makes it their account, however
		// long the clause before the trigger ("A fellow detainee released in
		// 2013 told the family he had been held in ... and badly beaten")
		if cues.HasAlleged(d.toks, s.a, to) || d.quoted(a, s) {
			return extract.Alleged // someone's account, or someone's words in quotation marks
		}
		return extract.Asserted
	}
	if strongAlleged.HasAlleged(d.toks, from, to) {
		return extract.Alleged
	}
	return extract.Asserted
}

// countIn reads a number of victims in the sentence: "more than 500
// detainees", "1,200 prisoners".
func (d *doc) countIn(s sentence) int {
	for k := s.a; k < s.b; k++ {
		if !d.toks[k].Digits {
			continue
		}
		n, _ := strconv.Atoi(d.toks[k].Fold)
		j := k + 1
		for j+1 < s.b && d.toks[j].Fold == "," && !d.toks[j].Space && d.toks[j+1].Digits && len(d.toks[j+1].Fold) == 3 {
			m, _ := strconv.Atoi(d.toks[j+1].Fold)
			n = n*1000 + m
			j += 2
		}
		if j < s.b && victimsAfterSet[d.toks[j].Fold] {
			return n
		}
	}
	return 0
}

// quoted reports a token inside quotation marks: what a source says, in
// its words. A quotation may run over several sentences ("“In February
// 2013 he stopped answering us. In the morning ...”"); it ends at its
// closing mark or at the paragraph's end (a quotation that goes on in the
// next paragraph opens it again).
func (d *doc) quoted(a int, _ sentence) bool {
	if d.inQuote == nil {
		d.inQuote = make([]bool, len(d.toks))
		open := false
		for k, t := range d.toks {
			if t.Newlines > 0 {
				open = false
			}
			switch t.Fold {
			case "“":
				open = true
			case "”":
				open = false
			case "\"":
				open = !open
			}
			d.inQuote[k] = open
		}
	}
	return a >= 0 && a < len(d.inQuote) && a > 0 && d.inQuote[a-1]
}
