package ar

import (
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/model"

	"github.com/athar-project/athar/internal/extract"
)

// dateFor picks the date of an event: the nearest date of its sentence, a
// Gregorian one before a Hijri one, but not one that modifies a verb of
// saying ("أعلنت السلطات، الثلاثاء 27 أيار، توقيف …" dates the
// announcement, not the arrest) or, for an event that only dates another
// ("قضت المحكمة، اليوم الاثنين، … بعد محاكمة"), the other's.
func (d *doc) dateFor(ev *event, s sentence, verbs, sayings []int) *dateRef {
	typ, a := ev.typ, ev.trig
	if _, news := d.has(a-1, newsOfWords); news {
		return nil // "تسلمت عائلته شهادة وفاته الأسبوع الماضي": the certificate's date
	}
	timeRef := d.timeReference(a)
	content := d.contentOpener(a, s, sayings)
	var best *dateRef
	bestDist := 1 << 30
	// the dates are in the text's order: those of the sentence only
	for i := sort.Search(len(d.dates), func(i int) bool { return d.dates[i].sp.a >= s.a }); i < len(d.dates) && d.dates[i].sp.a < s.b; i++ {
		r := &d.dates[i]
		if r.sp.b > s.b || r.date.IsZero() || r.ranged && (r.end < 0 || !periodTypes[typ]) {
			continue // a range's end, or a range for an event that has no span
		}
		if r.relative && r.date.Precision == model.PrecisionYear {
			continue // "العام الماضي", "مطلع العام": a year the text does not write is left to the reader
		}
		v := nearestVerb(r.sp, verbs)
		if v > a && v < r.sp.a && d.inClosedRelative(a, v, r.sp.a) {
			v = a // "واعتُقل X، الذي أُفرج عنه عام 2016، في تشرين الأول 2011": the release is the clause's
		}
		if v != a && v >= 0 && d.dateOwnedElsewhere(v, typ, sayings, timeRef) {
			continue // the announcement's date, another event's, or the main event's for one that dates it
		}
		if r.sp.b <= a && d.timeClauseAt(a) {
			continue // "مثل X أمام المحكمة يوم الخميس، بعد اعتقاله عام 2021": the hearing's date
		}
		if r.sp.a > a+2 && d.relativeBetween(a+1, r.sp.a) || r.sp.b <= a && d.inRelativeBefore(r.sp, a, s) {
			continue // "الصافي، الذي عمل سجاناً منذ عام 2012": the clause's date, about him
		}
		if content >= 0 && r.sp.b <= content {
			continue // "أعلنت الوزارة، الثلاثاء، أنها اعتقلت X": the announcement's date
		}
		if (typ == extract.EventStatement || typ == extract.EventTestimony) && r.sp.a > a && d.contentBetween(a, r.sp.a) {
			continue // "قال X إنه خدم في السجن عام 2013": what is said, not when
		}
		if d.birthDate(r.sp, a) {
			continue // "وهو من مواليد قرية الزارة عام 1979": when he was born
		}
		if d.inApposition(r.sp, a, s) {
			continue // "ونفى X، المقيم في السويد منذ عام 2016، التهم": the description's date
		}
		if d.timeBreakBetween(min(a, r.sp.a), max(a, r.sp.b)) {
			continue // "تعرّض للتعذيب، قبل أن يتوفى في … عام 2014": the death's date
		}
		if r.sp.a > a && d.citationBetween(a, r.sp.a) {
			continue // "أشرف على إعدامات، وفق تقرير أصدرته الرابطة يوم الأحد": the report's date
		}
		if !custodyTypes[typ] && r.sp.a > a && d.accusationBetween(a, r.sp.a) {
			continue // "بتهمة المشاركة في إعدام أسرى في حلب عام 2016": when the crime was
		}
		dist := abs(r.sp.a - a)
		if r.hijri {
			dist += 1000
		}
		if dist < bestDist {
			best, bestDist = r, dist
		}
	}
	return best
}

// contentOpener returns the token that opens the reported content an event
// at a is told in ("أن", "إن", "بأنه" after a verb of saying of its
// sentence), or -1 when a is not in what someone says: a date before the
// opener dates the saying, not what is said.
func (d *doc) contentOpener(a int, s sentence, sayings []int) int {
	for _, v := range sayings {
		if v >= a {
			break
		}
		for j := a - 1; j > v; j-- {
			if _, ok := d.has(j, thatWords); ok {
				return j
			}
		}
	}
	return -1
}

// contentBetween reports the opener of reported content ("أن", "إن",
// "بأنه") between the verb of saying at v and token b.
func (d *doc) contentBetween(v, b int) bool {
	for j := v + 1; j < b; j++ {
		if _, ok := d.has(j, thatWords); ok {
			return true
		}
	}
	return false
}

// inApposition reports a date in a description set off by commas after a
// person's name ("X، المقيم في السويد منذ عام 2016، …"; "X، وهو معتقل
// سابق منذ 2013، …") when the event's word at a is outside it: the date is
// the description's. A date that is itself the whole aside ("اعتُقل X،
// العام الماضي، في حمص") is not a description.
func (d *doc) inApposition(sp span, a int, s sentence) bool {
	c1, c2 := -1, -1
	for j := sp.a - 1; j >= s.a; j-- {
		if d.fold(j) == "," {
			c1 = j
			break
		}
	}
	for j := sp.b; j < s.b; j++ {
		if d.fold(j) == "," {
			c2 = j
			break
		}
	}
	if c1 < 1 || c2 < 0 || c1+1 == sp.a || a > c1 && a < c2 || d.personAt[c1-1] == nil {
		return false
	}
	f := d.fold(c1 + 1)
	return strings.HasPrefix(f, "ال") || f == "وهو" || f == "وهي"
}

// birthDate reports a date that says when someone was born: a word of
// birth up to five words before it, with no comma between and the event's
// word at a not between either.
func (d *doc) birthDate(sp span, a int) bool {
	for j := sp.a - 1; j >= 0 && j >= sp.a-5; j-- {
		if j == a || d.fold(j) == "," || !d.toks[j].word && d.fold(j) != "-" {
			return false
		}
		if _, ok := d.has(j, birthWords); ok {
			return true
		}
	}
	return false
}

// birthWords say that a date after them is when someone was born.
var birthWords = words("birth_words")

// newsOfWords are nouns for the news or record of an event: "شهادة وفاته".
var newsOfWords = words("news_of_words")

// citationBetween reports words that cite a source between tokens x and y
// ("وفق", "بحسب", "نقلاً عن"): a date after them dates the source — the
// report, the statement — not the event it tells of.
func (d *doc) citationBetween(x, y int) bool {
	for j := x + 1; j < y; j++ {
		switch d.fold(j) {
		case "وفق", "وفقا", "بحسب", "حسب", "نقلا", "ووفق":
			return true
		}
	}
	return false
}

// timeBreakBetween reports a word that opens another clause of its own
// time between tokens x and y: "قبل أن", "بعد أن", "ثم".
func (d *doc) timeBreakBetween(x, y int) bool {
	for j := x + 1; j < y; j++ {
		switch d.fold(j) {
		case "قبل", "بعد":
			if f := d.fold(j + 1); f == "ان" && j+1 < y {
				return true
			}
		case "ثم", "وثم":
			return true
		}
	}
	return false
}

// nearestVerb returns the verb or trigger of verbs a date span modifies:
// the nearest one before it (a date follows the verb it modifies: "أعلنت،
// الثلاثاء،"), else the nearest one after it; -1 when there is none.
func nearestVerb(sp span, verbs []int) int {
	before, after := -1, -1
	for _, v := range verbs {
		switch {
		case v < sp.a:
			before = v
		case v >= sp.b && after < 0:
			after = v
		}
	}
	if before >= 0 {
		return before
	}
	return after
}

// dateOwnedElsewhere reports that a date whose verb is v, not the event's
// own trigger, is not the event's: v is another event's word, or a verb of
// saying with no event of its own but a statement (the statement's date is
// not what it reports; "روى" that is the testimony's own word lends its date
// to it), or the event only dates another.
func (d *doc) dateOwnedElsewhere(v int, typ string, sayings []int, timeRef bool) bool {
	if timeRef {
		return true
	}
	ev := d.eventWithTrigger(v)
	if containsInt(sayings, v) {
		return typ != extract.EventStatement && (ev == nil || ev.typ == extract.EventStatement)
	}
	if ev != nil && typ == extract.EventDeathInCustody && ev.typ == extract.EventTortureAllegation && d.fold(v-1) == "تحت" {
		return false // "توفي X تحت التعذيب … عام 2014": the manner of the death, dated with it
	}
	return ev != nil && ev.typ != typ
}

// eventWithTrigger returns the last event whose trigger is token v, or nil.
func (d *doc) eventWithTrigger(v int) *event {
	for i := len(d.events) - 1; i >= 0; i-- {
		if d.events[i].trig == v {
			return d.events[i]
		}
	}
	return nil
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// relativeBetween reports a relative pronoun between tokens a (exclusive)
// and b: what follows it describes someone, and its date is theirs.
//
// A clause set off by commas ("واعتُقل X، الذي أُفرج عنه عام 2016، في
// تشرين الأول 2011") ends at its closing comma: a date after it is the main
// clause's again.
func (d *doc) relativeBetween(a, b int) bool {
	for j := a + 1; j < b; j++ {
		if _, ok := d.has(j, relativePronouns); ok {
			if k := d.closingComma(j, b); k > 0 {
				j = k
				continue
			}
			return !d.describesEvent(a, j)
		}
	}
	return false
}

// closingComma returns the comma before b that closes a relative clause at j
// opened after a comma, or -1.
func (d *doc) closingComma(j, b int) int {
	if d.fold(j-1) != "," {
		return -1
	}
	for k := j + 1; k < b; k++ {
		if d.fold(k) == "," {
			return k
		}
	}
	return -1
}

// inClosedRelative reports a verb at v, after the event's word at a, inside
// a relative clause set off by commas that closes before token b.
func (d *doc) inClosedRelative(a, v, b int) bool {
	for j := v - 1; j > a; j-- {
		if _, ok := d.has(j, relativePronouns); ok {
			k := d.closingComma(j, b)
			return k > v
		}
	}
	return false
}

// timeClauseAt reports a word before the event's word at a that makes it
// the time of another clause: "بعد اعتقاله", "عقب إعدامه".
func (d *doc) timeClauseAt(a int) bool {
	_, ok := d.has(a-1, clauseTimeWords)
	return ok
}

// clauseTimeWords: see lexicon/clause_time_words.txt.
var clauseTimeWords = words("clause_time_words")

// describesEvent reports a relative clause at r whose head is the event
// word ending before a+1 itself, or that word with the place it names:
// "مجزرة الحولة التي راح ضحيتها مئة مدني في أيار 2012".
func (d *doc) describesEvent(a, r int) bool {
	for k := a + 1; k < r; k++ {
		if d.entAt[k] == nil {
			return false
		}
	}
	return true
}

// inRelativeBefore reports a date span in a relative clause that closes with
// a comma before the trigger at a: "ويتهم ناشطون الصافي، الذي عمل سجاناً منذ
// عام 2012، بتعذيب المعتقلين".
func (d *doc) inRelativeBefore(sp span, a int, s sentence) bool {
	closed := false
	for j := sp.b; j < a; j++ {
		if d.fold(j) == "," {
			closed = true
		}
	}
	if !closed {
		return false
	}
	for j := sp.a - 1; j >= s.a; j-- {
		if d.fold(j) == "," {
			return false
		}
		if _, ok := d.has(j, relativePronouns); ok {
			return true
		}
	}
	return false
}

// periodTypes are the events that may last: a range the text gives is their
// span ("عذّب معتقلين بين عامي 2012 و2014"), its start their date.
var periodTypes = map[string]bool{
	extract.EventTortureAllegation: true, extract.EventExecutionAllegation: true, extract.EventDeathInCustody: true,
	extract.EventArrest: true, extract.EventDetention: true, extract.EventDisappearance: true,
}

// dateEnd returns the end of the range an event's date starts, or nil.
func (d *doc) dateEnd(r *dateRef) *dateRef {
	if r == nil || r.end < 0 || r.end >= len(d.dates) {
		return nil
	}
	return &d.dates[r.end]
}
