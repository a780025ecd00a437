package en

// Step 4: when the event happened.

import (
	"strconv"
	"strings"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// dateOf returns the date of the event whose trigger is at token a: the
// nearest date expression of the trigger's own clause. A date that belongs
// to another clause is not the event's: the day a statement was made ("In
// a statement on Wednesday, the ministry said it arrested X", "announced on
// Tuesday the arrest of"), the time of what a person is accused of ("charged
// with crimes committed in 2013"), or any date a speech verb or a "that"
// separates from the trigger.
func (d *doc) dateOf(typ string, a int, s sentence) *extract.DateRef {
	var best *extract.DateRef
	bestDist := 1 << 30
	accusedFrom := -1
	switch {
	case typ == extract.EventConfession:
		accusedFrom = a + 1 // "confessed to killings in 2012": what he confessed to
	case defendantEvents[typ] || typ == extract.EventDetention || typ == extract.EventSentence || typ == extract.EventAcquittal:
		accusedFrom = d.allegationAfter(a, s)
	}
	allegedFrom := -1
	if typ == extract.EventTortureAllegation || typ == extract.EventExecutionAllegation {
		allegedFrom = d.allegationBefore(a, s)
	}
	for k := range d.dates {
		r := &d.dates[k]
		if r.FirstTok < s.a || r.EndTok > s.b {
			continue
		}
		if allegedFrom >= 0 && r.EndTok <= allegedFrom && !d.wordBetween("and", r.EndTok, allegedFrom) {
			continue // "a court on Wednesday found X guilty of torture": the verdict's day, not the torture's
		}
		if spoken[typ] && !d.speechDate(r, a, s) {
			continue // "a photograph taken at a wedding in 2010,” she said": the words' date, not the speaking's
		}
		if !spoken[typ] && d.dateline[r.FirstTok] {
			continue // "DAMASCUS, March 14 (Levant Wire) - Syrian forces have detained ...": the day the story was filed
		}
		if !spoken[typ] && (d.announcementDate(r) || r.FirstTok > a && d.citationBetween(a, r.FirstTok)) || d.clauseBetween(r, a) || d.triggerBetween(r, a) || accusedFrom >= 0 && r.FirstTok > accusedFrom || d.inRelativeAfter(r, a) || d.inRelativeBefore(r, a) || d.nearerEarlierTrigger(r, a, s) || d.rangeEnd(r) || d.referencePoint(r, a) {
			continue
		}
		if dist := distance(r, a); dist < bestDist {
			best, bestDist = r, dist
		}
	}
	return best
}

// allegationBefore returns where, before the trigger at a, the phrase
// opens that says what someone is accused, charged, found guilty or
// sought over ("found X guilty of torture", "seeking over the Tadamon
// massacre"), or -1: a date before it dates the accusing, not the crime.
func (d *doc) allegationBefore(a int, s sentence) int {
	for k := a - 1; k >= s.a && k >= a-12; k-- {
		f := d.fold(k)
		switch {
		case f == "." || f == ";" || f == ":" || f == "that":
			return -1
		case allegationOpeners[f]:
			return k
		case f == "over" && (d.fold(k+1) == "the" || d.fold(k+1) == "his" || d.fold(k+1) == "her" || d.fold(k+1) == "their"):
			return k
		}
	}
	return -1
}

// wordBetween reports the word w among tokens i to j-1: "supervised a wing
// between 2015 and 2020 and is suspected of torture" — the years are the
// supervising's, which the suspicion is about, not the day of a verdict.
func (d *doc) wordBetween(w string, i, j int) bool {
	for k := i; k < j; k++ {
		if d.fold(k) == w {
			return true
		}
	}
	return false
}

// allegationOpeners open what a person is accused of.
var allegationOpeners = set(`accused accusing accusation accusations suspicion suspected charged charges charging guilty convicted convicting sentenced sentencing complicity involvement`)

// inRelativeBefore reports a date inside a relative clause set off by
// commas that ends just before the trigger at a: "X, who was detained in
// 2013, said ...", "X, whose brother disappeared in 2013, said ...": the
// clause's date, not the saying's.
func (d *doc) inRelativeBefore(r *extract.DateRef, a int) bool {
	if r.EndTok > a || d.fold(a-1) != "," && !(d.fold(a-2) == "," && d.toks[a-1].Word) {
		return false
	}
	for k := r.FirstTok - 1; k >= 0 && k >= r.FirstTok-15; k-- {
		switch d.fold(k) {
		case ",":
			return relatives[d.fold(k+1)] || appositionOpeners[d.fold(k+1)] && k > 0 && d.toks[k-1].Cap
		case ".", ";", ":":
			return false
		}
	}
	return false
}

// appositionOpeners open a description set off by commas after a name:
// "X, a former guard at Sednaya prison between 2011 and 2014, was
// arrested": the years are the description's.
var appositionOpeners = set(`a an the former ex`)

// rangeEnd reports a date that ends a range the text writes ("between 2011
// and 2014", "from March to June 2013"): an event dated by the range takes
// its start, never its end alone.
func (d *doc) rangeEnd(r *extract.DateRef) bool {
	for k := range d.dates {
		e := &d.dates[k]
		if e.EndTok < r.FirstTok && r.FirstTok-e.EndTok <= 1 && e.FirstTok != r.FirstTok {
			if _, _, ok := d.dateEnd(e); ok {
				return true
			}
		}
	}
	return false
}

// referencePoint reports a date that marks what an event came after, before
// or since rather than when it happened: "After the fall of the government
// in December 2024, X fled to Lebanon", "since the start of the uprising in
// 2011". The preposition opens a phrase of its own before the date, with
// no trigger of an event in it (an event's date there is that event's:
// "after his arrest in 2012").
func (d *doc) referencePoint(r *extract.DateRef, a int) bool {
	if r.FirstTok <= a && r.EndTok > a {
		return false
	}
	for k := r.FirstTok - 1; k >= 0 && k >= r.FirstTok-8; k-- {
		f := d.fold(k)
		switch {
		case k == a || d.triggerAt(k) > 0:
			return false
		case f == "," || f == "." || f == ";" || f == ":":
			return false
		case referenceWords[f]:
			return k+1 < r.FirstTok && (d.fold(k+1) == "the" || d.fold(k+1) == "his" || d.fold(k+1) == "her" || d.fold(k+1) == "their")
		}
	}
	return false
}

// referenceWords open a phrase that dates what an event is measured from.
var referenceWords = set(`after since following before until`)

// distance is how far a date is from token a; a date after the trigger
// reads more naturally ("arrested in Homs on Thursday").
func distance(r *extract.DateRef, a int) int {
	if r.FirstTok >= a {
		return r.FirstTok - a
	}
	return a - r.EndTok + 2
}

// announcementDate reports a date that dates a statement: a speech verb or
// a word for a statement within a few words of it ("In a statement on
// Wednesday", "announced on Tuesday", "said Saturday").
func (d *doc) announcementDate(r *extract.DateRef) bool {
	for k := r.FirstTok - 3; k < r.FirstTok; k++ {
		if k < 0 {
			continue
		}
		if f := d.toks[k].Fold; speechVerbs[f] || announcementNouns[f] {
			return true
		}
	}
	return false
}

// speechDate reports a date that dates the speaking at verb a: next to the
// verb ("said on Monday", "testified last year", "on Tuesday told"), opening
// the sentence ("In November 2023, X confirmed ..."), or next to a word for
// a statement ("In a statement on Wednesday, ..."), and not
// inside quoted words.
func (d *doc) speechDate(r *extract.DateRef, a int, s sentence) bool {
	if d.quoted(r.FirstTok, s) {
		return false
	}
	if r.FirstTok > a && r.FirstTok-a <= 4 || r.EndTok <= a && a-r.EndTok <= 2 {
		return true
	}
	if r.FirstTok > a && r.FirstTok-a <= 8 && !d.quoteBetween(a, r.FirstTok) {
		// "she told reporters outside the courtroom on Thursday": the
		// verb's own phrase, with no comma or "that" before the date
		for k := a + 1; k < r.FirstTok; k++ {
			if f := d.toks[k].Fold; f == "," || f == "that" || f == ";" {
				return false
			}
		}
		return true
	}
	if r.FirstTok <= s.a+1 && d.fold(r.EndTok) == "," && r.EndTok < a && !d.quoteBetween(r.EndTok, a) {
		return true // "In November 2023, the defence lawyer ... confirmed": the sentence's opening date
	}
	return d.announcementDate(r)
}

// spoken are the events whose date is the day of speaking.
var spoken = set(`statement testimony`)

// announcementNouns date a statement rather than what it reports.
var announcementNouns = set(`statement announcement press conference briefing`)

// citationBetween reports "according to" or "citing" between tokens x
// and y: a date after it dates the source cited ("oversaw executions,
// according to a report published on Sunday"), not the event.
func (d *doc) citationBetween(x, y int) bool {
	for k := x + 1; k < y; k++ {
		if f := d.toks[k].Fold; f == "according" || f == "citing" {
			return true
		}
	}
	return false
}

// clauseBetween reports a clause boundary between a date and the trigger
// at a: a speech verb, "that" or a semicolon.
func (d *doc) clauseBetween(r *extract.DateRef, a int) bool {
	i, j := r.EndTok, a
	if r.FirstTok > a {
		i, j = a+1, r.FirstTok
	}
	for k := i; k < j; k++ {
		f := d.toks[k].Fold
		if f == ";" || f == "that" || f == "before" || f == "after" || f == "then" || d.toks[k].Word && speechVerbs[f] {
			return true // "imprisoned first in 2011 ... before managing to escape": 2011 is not the escape's
		}
		if f == "and" && coordinatedAux[d.fold(k+1)] && !allegationOpeners[d.fold(k+2)] {
			// "were arrested in Germany and had been members of the militia
			// since 2011": the second verb's date; "entered Germany in April
			// 2018 and was arrested in February 2019": the first verb's; but
			// "supervised a wing between 2015 and 2020 and is suspected of
			// torture": what the suspicion is about
			return true
		}
	}
	return false
}

// coordinatedAux are auxiliaries that open a second verb phrase after
// "and": "arrested in 2015 and had served at the branch since 2011".
var coordinatedAux = set(`had has have was were is are`)

// allegationAfter returns where, after the trigger at a, the sentence
// starts to say what someone is accused of ("charged with war crimes
// committed in Syria in 2013", "accused of ... the massacre in July 2016"),
// or -1.
func (d *doc) allegationAfter(a int, s sentence) int {
	for k := a + 1; k < s.b; k++ {
		if f := d.toks[k].Fold; allegationWords[f] || f == "committed" || f == "over" {
			return k
		}
	}
	return -1
}

// inRelativeAfter reports a date after the trigger at a inside a relative
// clause of its own ("the trial of X, who directed the prison from 2014 to
// 2018, opened on Monday").
func (d *doc) inRelativeAfter(r *extract.DateRef, a int) bool {
	for k := r.FirstTok - 1; k > a; k-- {
		switch d.toks[k].Fold {
		case ",", ";", "(", ")":
			return false
		case "who", "which", "whose", "whom":
			return true
		}
	}
	return false
}

// dateEnd returns the end of a range that starts at the date r: "from 2014
// to 2018", "between 2013 and 2016", "2011-2015"; after "since", the
// published date. relative reports an end read against the published
// date.
func (d *doc) dateEnd(r *extract.DateRef) (end model.Date, relative, ok bool) {
	prev := d.fold(r.FirstTok - 1)
	if prev == "since" {
		return d.pub, true, !d.pub.IsZero()
	}
	next := d.fold(r.EndTok)
	if !(prev == "from" && (next == "to" || next == "until" || next == "till") || prev == "between" && next == "and" || next == "-") {
		return model.Date{}, false, false
	}
	for k := range d.dates {
		e := &d.dates[k]
		if e.FirstTok == r.EndTok+1 && !e.Date.IsZero() {
			return e.Date, e.Relative, true
		}
	}
	if next == "-" || next == "to" || next == "and" { // "2011-2015", "from 2014 to 2018": a bare year
		if y := d.tok(r.EndTok + 1); y.Digits && len(y.Fold) == 4 {
			if n, err := strconv.Atoi(y.Fold); err == nil && n >= 1900 && n <= 2100 {
				return model.Date{Year: n, Precision: model.PrecisionYear}, false, true
			}
		}
	}
	return model.Date{}, false, false
}

// triggerBetween reports another event's trigger between a date and the
// trigger at a: "detained on Monday ... wanted over the 2013 massacre" —
// Monday is the arrest's.
func (d *doc) triggerBetween(r *extract.DateRef, a int) bool {
	i, j := r.EndTok, a
	if r.FirstTok > a {
		i, j = a+1, r.FirstTok
	}
	for k := i; k < j; k++ {
		if d.triggerAt(k) > 0 {
			return true
		}
	}
	return false
}

// triggerAt returns the number of words of an event's trigger that starts
// at token k, or 0.
func (d *doc) triggerAt(k int) int {
	for _, tr := range triggers.At(d.toks, k) {
		if (tr.Words[0] == "detention" || passiveOnly[strings.Join(tr.Words, " ")]) && !tr.NeedsMet(d.toks, k+len(tr.Words), len(d.toks), nil) {
			continue // "died in detention on 3 May": a word of custody here, no event of its own
		}
		if passiveOnly[strings.Join(tr.Words, " ")] && !passiveAux[d.fold(k-1)] {
			continue // "detainees held at Sednaya between 2012 and 2015": no arrest of its own
		}
		return len(tr.Words)
	}
	return 0
}

// nearerEarlierTrigger reports a date before the trigger at a that follows
// another event's trigger at least as closely as it precedes a: "X was
// arrested in March 2013 and died in custody in 2015" — March 2013 is the
// arrest's, not the death's.
func (d *doc) nearerEarlierTrigger(r *extract.DateRef, a int, s sentence) bool {
	if r.EndTok > a {
		return false
	}
	after := a - r.EndTok
	for k := r.FirstTok - 1; k >= s.a && r.FirstTok-k <= after+3; k-- {
		switch d.fold(k) {
		case ".", ";", ":", "that":
			return false
		}
		if n := d.triggerAt(k); n > 0 && k+n <= r.FirstTok {
			return r.FirstTok-(k+n) <= after
		}
	}
	return false
}
