package ar

import (
	"strings"

	"github.com/athar-project/athar/internal/gazetteer"
)

// Organizations that real Arabic reporting names in ways the head-word
// patterns of patterns.go miss (issue 13, round 14): the outlet of a byline
// ("سامر الخطيب/ الأناضول", "لاهاي – منبر العدالة"), the outlet a person
// speaks to in quotes (يقول لـ"صوت الحرية"), a court named by its city alone
// that the text names in full elsewhere, and a regime's intelligence
// ("مخابرات نظام الأسد").

// bylineAt reports tokens [a, b) that end a byline: after a slash or a dash
// on a short line that is not the text's first (the title), and ending it.
// A byline names the outlet that carries the story ("ليث الجنيدي/ الأناضول",
// "خاص - شبكة أخبار الوعر").
func (d *doc) bylineAt(a, b int) bool {
	if a < 2 || b > len(d.toks) || !bylineMarks[d.fold(a-1)] {
		return false
	}
	if b < len(d.toks) && d.toks[b].nl == 0 {
		return false // the line goes on
	}
	start := a - 1
	for start > 0 && d.toks[start].nl == 0 {
		start--
	}
	if start == 0 && !(a-1 == 1 && d.own[0] == ownPlace && d.fold(1) == "=") {
		// the first line is the title ("حمص - مقتل رجل"), unless a place and an
		// equals sign make it a dateline: "ألمانيا = منبر الحقيقة"
		return false
	}
	before := 0
	for k := start; k < a-1; k++ {
		if d.toks[k].word {
			before++
		}
		if !d.toks[k].word && k > start {
			return false // "X، Y - Z": a sentence, not a byline
		}
	}
	return before >= 1 && before <= 3
}

// allBylineWords reports a byline's words [a, b) that name no outlet:
// "متابعات", "فريق التحرير".
func (d *doc) allBylineWords(a, b int) bool {
	for k := a; k < b; k++ {
		if _, ok := d.has(k, bylineWords); !ok {
			return false
		}
	}
	return true
}

// bylineWords stand where a byline's outlet would, naming none: "متابعات".
var bylineWords = words("byline_words")

// bylineMarks separate a byline's place or writer from its outlet.
var bylineMarks = map[string]bool{"/": true, "-": true, "–": true, "—": true, "=": true}

// findBylines claims the outlet of a byline that no list knows: one to four
// words after the mark that end the line ("لاهاي – منبر العدالة"); a place
// after its first word is part of its name ("خاص - شبكة أخبار حمص").
func (d *doc) findBylines() {
	for i := 1; i < len(d.toks); i++ {
		if !bylineMarks[d.fold(i)] || i+1 >= len(d.toks) || d.toks[i+1].nl > 0 {
			continue
		}
		b := i + 1
		for b < len(d.toks) && b < i+5 && d.toks[b].word && d.toks[b].arabic && !d.toks[b].digits && (d.own[b] == ownNone || d.own[b] == ownPlace && b > i+1) && (b == i+1 || d.toks[b].nl == 0) {
			b++
		}
		if b == i+1 || !d.bylineAt(i+1, b) || stopWords[d.fold(i+1)] || d.allBylineWords(i+1, b) {
			continue
		}
		for k := i + 2; k < b; k++ {
			if d.own[k] == ownPlace {
				d.dropMention(d.entAt[k], k) // "شبكة أخبار الوعر": the outlet's name, not the quarter
			}
		}
		d.addEntity(ownOrg, span{i + 1, b, 0}, nil)
		i = b - 1
	}
	d.findOutletDatelines()
}

// findOutletDatelines claims the outlet that opens a line of its own before
// a byline's word for compiled reports: "منبر الحقيقة - متابعات". The line
// is one to four words nothing else owns, the mark, and byline words only,
// and it is not the text's first line (the title).
func (d *doc) findOutletDatelines() {
	for i := 1; i+1 < len(d.toks); i++ {
		if !bylineMarks[d.fold(i)] || d.toks[i].nl > 0 || d.toks[i+1].nl > 0 {
			continue
		}
		b := i + 1
		for b < len(d.toks) && d.toks[b].nl == 0 {
			if _, ok := d.has(b, bylineWords); !ok {
				break
			}
			b++
		}
		if b == i+1 || b < len(d.toks) && d.toks[b].nl == 0 {
			continue // not a line of byline words
		}
		a := i
		for a > 0 && d.toks[a].nl == 0 {
			a--
		}
		if a == 0 || i-a > 4 {
			continue // the first line is the title: "مقتل شاب تحت التعذيب - متابعات"
		}
		ok := !d.allBylineWords(a, i) // "خاص - متابعات"; the line is specific enough to take "السوري اليوم"
		for k := a; k < i; k++ {
			t := &d.toks[k]
			if !t.word || !t.arabic || t.digits || d.own[k] != ownNone {
				ok = false
			}
		}
		if ok {
			d.addEntity(ownOrg, span{a, i, 0}, nil)
		}
	}
}

// findToldOutlets claims an outlet named in quotes as the one a person spoke
// to (يقول الخطيب لـ"صوت الحرية"، قال مدير الدائرة لـ"درعا الآن") or as the
// source of a report (بحسب ما رصده "درعا الآن"، وفق "صوت الحرية"): the
// quotation is a name of one to four words and the verb of saying comes
// before it, with no "أن" between (قال إنه تعرض لـ"التعذيب" is what was said).
func (d *doc) findToldOutlets() {
	for i := 1; i+2 < len(d.toks); i++ {
		if f := d.fold(i); f != "«" && f != "\"" && f != "“" {
			continue
		}
		told := d.fold(i-1) == "ل" && d.toldBySpeaker(i-1)
		cited := d.sourceBefore(i)
		if !told && !cited {
			continue
		}
		end := i + 1
		for end < len(d.toks) && end < i+5 && d.toks[end].word && d.toks[end].arabic && (d.own[end] == ownNone || d.own[end] == ownPlace) {
			end++
		}
		if end == i+1 || end >= len(d.toks) || !closingQuote(d.fold(end)) || stopWords[d.fold(i+1)] || d.own[i+1] == ownPlace && end == d.entEnd(i+1) {
			continue // a place alone in quotes is the place
		}
		for k := i + 1; k < end; k++ {
			if d.own[k] == ownPlace {
				d.dropMention(d.entAt[k], k) // "درعا الآن": the outlet's name, not the city
			}
		}
		d.addEntity(ownOrg, span{i + 1, end, 0}, nil)
		i = end
	}
}

func closingQuote(f string) bool { return f == "»" || f == "\"" || f == "”" }

// toldBySpeaker reports a verb of saying up to twelve tokens before token j
// in its sentence, with no complementizer after it ("قال إن", "أكد أنه").
func (d *doc) toldBySpeaker(j int) bool {
	for k := j - 1; k >= 0 && k >= j-12; k-- {
		if d.sentOf[k] != d.sentOf[j] {
			return false
		}
		if _, ok := d.has(k, complementizers); ok {
			return false
		}
		if _, ok := d.has(k, speechVerbs); ok {
			return true
		}
	}
	return false
}

// sourceBefore reports a source cue right before a quotation at token j:
// "بحسب"، "وفق"، "نقلاً عن", or one of them and "ما" with a verb of
// reporting ("بحسب ما رصده").
func (d *doc) sourceBefore(j int) bool {
	if _, ok := d.has(j-1, accordingCues); ok {
		return true
	}
	if d.fold(j-1) == "عن" {
		_, ok := d.has(j-2, accordingCues)
		return ok // "نقلاً عن": but "تحدث عن «اليأس»" is what was spoken of
	}
	if d.fold(j-2) == "ما" {
		if _, ok := d.has(j-3, accordingCues); ok {
			return true
		}
	}
	return false
}

// complementizers open what a verb of saying reports.
var complementizers = map[string]bool{"ان": true, "انه": true, "انها": true, "انهم": true, "بان": true, "بانه": true}

// mergeCourtsBySeat makes a court named by its city alone ("محكمة كوبلنز",
// "محكمة مدينة كوبلنز") the court the text names in full at that city
// ("المحكمة الإقليمية العليا في مدينة كوبلنز"): a report on one trial calls
// its court both ways.
func (d *doc) mergeCourtsBySeat() {
	for _, e := range d.ents {
		seat, alone := d.courtSeat(e)
		if !alone || len(e.ments) == 0 {
			continue
		}
		for _, o := range d.ents {
			if o == e || len(o.ments) == 0 || o.typ != ownOrg {
				continue
			}
			if s, _ := d.courtSeat(o); s == seat {
				d.mergeEntity(o, e)
				break
			}
		}
	}
	d.dropEmpty()
}

// courtSeat returns the city a court's names hold, and whether its name is
// the head and the city alone.
func (d *doc) courtSeat(e *entity) (seat string, alone bool) {
	if e.typ != ownOrg {
		return "", false
	}
	for _, n := range append([]string{e.name}, e.aliases...) {
		w := strings.Fields(foldText(n))
		if len(w) < 2 || bare(w[0]) != "محكمه" {
			continue
		}
		rest := w[1:]
		if rest[0] == "مدينه" {
			rest = rest[1:]
		}
		if len(rest) == 1 && n == e.name {
			return rest[0], true
		}
	}
	for _, n := range append([]string{e.name}, e.aliases...) {
		w := strings.Fields(foldText(n))
		if len(w) < 3 || bare(w[0]) != "محكمه" {
			continue
		}
		for k := 1; k+1 < len(w); k++ {
			if w[k] == "في" {
				rest := w[k+1:]
				if rest[0] == "مدينه" {
					rest = rest[1:]
				}
				if len(rest) == 1 {
					return rest[0], false
				}
			}
		}
	}
	return "", false
}

// intelligenceOfRegime claims a regime's intelligence as a body of its own
// when the text names it by the regime ("مخابرات نظام الأسد"): the word
// before the regime's mention at a is مخابرات or استخبارات.
func (d *doc) intelligenceOfRegime(sp span) {
	if sp.a < 1 || d.own[sp.a-1] != ownNone {
		return
	}
	pre, ok := d.has(sp.a-1, intelligenceHeads)
	if !ok {
		return
	}
	d.addEntityOver(ownOrg, span{sp.a - 1, sp.b, pre})
}

// intelligenceHeads name a state's intelligence in the construct state.
var intelligenceHeads = map[string]bool{"مخابرات": true, "استخبارات": true}

// militia reads a militia by its name when no list knows it: "ميليشيا
// الدفاع الوطني". The head is indefinite (a name follows it) and the name's
// first word is no adjective of the head ("ميليشيا الموالية للنظام" names
// none: the adjective agrees with the feminine head).
func (d *doc) militia(i int) int {
	pre, ok := d.has(i, militiaHeads)
	j := i + 1
	if !ok || j >= len(d.toks) || d.own[j] != ownNone || !d.definite(j) || stopWords[d.fold(j)] || strings.HasSuffix(d.fold(j), "يه") || nationalities[d.fold(j)] {
		return i
	}
	k := j + 1
	for k < len(d.toks) && k < j+3 && d.own[k] == ownNone && d.toks[k].word && d.toks[k].nl == 0 && d.definite(k) && !stopWords[d.fold(k)] {
		k++
	}
	e := d.addEntity(ownOrg, span{i, k, pre}, d.knownForces(j, k))
	if name := d.str(span{j, k, 0}); !containsString(e.aliases, name) {
		e.aliases = append(e.aliases, name) // "الدفاع الوطني" names it too
	}
	return k
}

// knownForces returns the gazetteer's body whose name is "قوات" and the words
// [j, k): "ميليشيا الدفاع الوطني" is «قوات الدفاع الوطني», the NDF.
func (d *doc) knownForces(j, k int) *gazetteer.Entry {
	ws := append([]string{"قوات"}, d.foldsOf(j, k)...)
	for _, h := range d.gaz.Lookup(ws) {
		if h.Entry.Type == gazetteer.Organization {
			return h.Entry
		}
	}
	return nil
}

// militiaHeads name a militia.
var militiaHeads = map[string]bool{"ميليشيا": true, "مليشيا": true}

// namedBody reads a body named with the article, an adjective of scope and
// what it is for, when no list knows it: "اللجنة الوطنية للمفقودين",
// "المركز السوري لتوثيق الانتهاكات", "الهيئة الوطنية للعدالة والمساءلة".
// What it is for is a word with ل: with the article (للمفقودين), or in the
// construct state before a definite word (لحقوق الإنسان); then at most two
// definite words more, or words joined by و ("للعدالة والمساءلة").
func (d *doc) namedBody(i int) int {
	pre, ok := d.has(i, namedBodyHeads)
	if !ok {
		return i
	}
	k := i + 1
	for k < len(d.toks) && k < i+3 && namedBodyScopes[d.fold(k)] && d.own[k] == ownNone {
		k++
	}
	if k == i+1 || k >= len(d.toks) || d.own[k] != ownNone || d.toks[k].nl > 0 {
		return i
	}
	f := d.fold(k)
	switch {
	case strings.HasPrefix(f, "لل") && len([]rune(f)) > 3:
		k++
	case strings.HasPrefix(f, "ل") && len([]rune(f)) > 3 && k+1 < len(d.toks) && d.definite(k+1) && d.own[k+1] == ownNone:
		k += 2
	default:
		return i
	}
	for end := k + 2; k < len(d.toks) && k < end && d.own[k] == ownNone && d.toks[k].word && d.toks[k].nl == 0 && !stopWords[d.fold(k)] &&
		(d.definite(k) || strings.HasPrefix(d.fold(k), "وال")); k++ {
	}
	d.addEntity(ownOrg, span{i, k, pre}, nil)
	return k
}

// namedBodyHeads and namedBodyScopes: see namedBody.
var (
	namedBodyHeads  = words("named_body_heads")
	namedBodyScopes = words("named_body_scopes")
)
