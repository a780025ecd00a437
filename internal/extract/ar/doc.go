// Package ar extracts persons, facilities, places, organizations, dates and
// events from Arabic text about detention and accountability in Syria. It
// matches on a folded copy of the text (diacritics, tatweel, alef, hamza,
// ya and ta marbuta forms unified, Arabic-Indic digits as ASCII digits), reads
// the clitics that attach to words (و ف ب ل ك ال), and maps every match back
// to code points of the text as written. Importing the package registers it
// with package extract for the language code "ar".
//
// Extract reads a text in steps, one file each:
//
//   - tokens.go, doc.go: words and their clitic readings, sentences and
//     headings;
//   - dates.go: date expressions, resolved against the published date;
//   - entities.go, patterns.go: places, facilities and bodies from the
//     gazetteers and from named patterns (entityPatterns);
//   - persons.go: names — what introduces them (a rank, a cue word), where
//     they start and where a name can end — and the nicknames they carry;
//     regime.go: the regime as an actor;
//   - events.go: the words that report events (triggers.go), and for each,
//     whom it is about: arguments.go (the trigger's object, descriptions),
//     participants.go (who is no participant, what a pronoun points to),
//     discourse.go (what the text is about so far), statements.go (who
//     speaks, testimony), where.go and when.go (the event's place and date),
//     modality.go, merge.go (each fact once).
//
// The word lists are data: lexicon/*.txt (the shared lexicon format of package extract, triggers.txt the trigger table), each
// saying what it holds and where it comes from, read once (load.go).
package ar

import (
	"unicode/utf8"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/gazetteer"
	"github.com/athar-project/athar/internal/model"
)

func init() { extract.Register("ar", Extract) }

// What owns a token.
const (
	ownNone uint8 = iota
	ownPerson
	ownFacility
	ownPlace
	ownOrg
	ownEpithet // a nickname in quotes: its words name nothing else
	ownRank    // a rank or title before a name
	ownDate
)

// span is a range of tokens, end exclusive; pre is how many folded runes of
// the first token (a clitic) lie outside the span.
type span struct{ a, b, pre int }

// sentence is a range of tokens; heading marks a line of its own without
// final punctuation (a headline, a section title): what it says the body
// says again, better.
type sentence struct {
	a, b    int
	heading bool
}

// doc is the working state of one extraction.
type doc struct {
	s      string
	cp     *extract.Text
	toks   []token
	pub    model.Date
	gaz    *gazetteer.Gazetteer
	own    []uint8
	sents  []sentence
	sentOf []int

	dates    []dateRef
	persons  []*person
	ents     []*entity
	epis     []epithet
	personAt []*person // per token: the person a mention there names
	entAt    []*entity // per token: the entity a mention there names
	events   []*event
	disc     discourse
	scene    extract.Setting // the facilities where the story is set, for events whose sentence names none
	// sceneFrom is the first sentence that names each facility of scene
	sceneFrom map[string]int
	folds     map[string]int // how often each folded word occurs, made when first asked
}

// Extract extracts from Arabic text; published is the source's published
// date, or the zero Date when unknown. Spans are in code points of text.
func Extract(text string, published model.Date) extract.Result {
	d := &doc{s: text, pub: published, gaz: gazetteer.Default()}
	d.toks = tokenize(text)
	d.own = make([]uint8, len(d.toks))
	d.personAt = make([]*person, len(d.toks))
	d.entAt = make([]*entity, len(d.toks))
	d.splitSentences()
	d.findDates()
	d.findEpithets()
	d.findGazetteer()
	d.findToldOutlets()
	d.findBylines()
	d.findPatternEntities()
	d.mergeCourtsBySeat()
	d.knownAsFacility()
	d.findPersons()
	d.findRegime()
	d.findEvents()
	return d.result()
}

// maxSentence bounds the tokens of one sentence, so that the work per
// sentence stays bounded on text without full stops.
const maxSentence = 150

func (d *doc) splitSentences() {
	d.sentOf = make([]int, len(d.toks))
	start := 0
	cut := func(end int) {
		if end > start {
			d.sents = append(d.sents, sentence{a: start, b: end, heading: d.isHeading(start, end)})
		}
		start = end
	}
	for i, t := range d.toks {
		if i > start && (t.nl > 0 || i-start >= maxSentence) {
			cut(i)
		}
		if t.word {
			continue
		}
		switch t.fold {
		case ".", "!", "?", "…": // "؛" joins clauses of one sentence
			if t.fold == "." && i > 0 && i+1 < len(d.toks) && d.toks[i-1].digits && d.toks[i+1].digits && !d.toks[i+1].space {
				continue // 3.5
			}
			if t.fold == "." && d.initialDot(i) {
				continue // "مصطفى أ.", "فهد.أ"
			}
			j := i + 1
			for j < len(d.toks) && !d.toks[j].word && d.toks[j].nl == 0 && isCloser(d.toks[j].fold) {
				j++
			}
			cut(j)
		}
	}
	cut(len(d.toks))
	for si, s := range d.sents {
		for i := s.a; i < s.b; i++ {
			d.sentOf[i] = si
		}
	}
}

// maxHeading bounds the words of a heading.
const maxHeading = 25

// isHeading reports a sentence that is a whole line without final
// punctuation: a headline or a section title.
func (d *doc) isHeading(a, b int) bool {
	if b-a > maxHeading || (a > 0 && d.toks[a].nl == 0) || (b < len(d.toks) && d.toks[b].nl == 0) {
		return false
	}
	switch d.toks[b-1].fold {
	case ".", "!", "?", "…", ":":
		return false
	}
	return true
}

// initialDot reports a full stop that marks an initial: after a one-letter
// word that follows a word ("مصطفى أ."), or written between a word and a
// one-letter word ("فهد.أ").
func (d *doc) initialDot(i int) bool {
	if i < 2 || d.toks[i].space {
		return false
	}
	oneLetter := func(k int) bool {
		return k < len(d.toks) && d.toks[k].word && d.toks[k].arabic && utf8.RuneCountInString(d.toks[k].fold) == 1
	}
	if oneLetter(i-1) && d.toks[i-1].space && (d.toks[i-2].word || i >= 4 && d.fold(i-2) == "." && oneLetter(i-3) && d.toks[i-4].word) {
		return true // "مصطفى أ.", and the second of two initials: "خضر ا. ك."
	}
	return d.toks[i-1].word && oneLetter(i+1) && !d.toks[i+1].space
}

func isCloser(s string) bool {
	switch s {
	case "\"", "»", ")", "]", "’", "'":
		return true
	}
	return false
}

// fold returns token i's folded form, "" outside the text or for
// punctuation that is not asked for.
func (d *doc) fold(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.toks[i].fold
}

// has reports whether token i, read with or without its clitics, is in m;
// pre is the clitic length of the reading that is.
func (d *doc) has(i int, m map[string]bool) (pre int, ok bool) {
	if i < 0 || i >= len(d.toks) || !d.toks[i].word {
		return 0, false
	}
	t := &d.toks[i]
	for k := 0; k < t.nvars; k++ {
		if m[t.vars[k].s] {
			return t.vars[k].pre, true
		}
	}
	return 0, false
}

// phraseAt matches one of ps at token i (the first word read with or
// without clitics), returning its length in tokens and the clitic length;
// the longest wins, the first of the list on a tie.
func (d *doc) phraseAt(i int, ps *phraseSet) (n, pre int) {
	if i < 0 || i >= len(d.toks) || !d.toks[i].word {
		return 0, 0
	}
	t := &d.toks[i]
	best := -1
	for k := 0; k < t.nvars; k++ {
		for _, idx := range ps.byFirst[t.vars[k].s] {
			p := ps.list[idx]
			if len(p) < n || len(p) == n && idx > best {
				continue
			}
			if !d.restIs(i, p) {
				continue
			}
			n, pre, best = len(p), t.vars[k].pre, idx
		}
	}
	return n, pre
}

// restIs reports the words of p after its first standing from token i+1 on.
func (d *doc) restIs(i int, p []string) bool {
	for j := 1; j < len(p); j++ {
		if i+j >= len(d.toks) || d.toks[i+j].fold != p[j] {
			return false
		}
	}
	return true
}

// str returns the text as written of a span, without its clitic.
func (d *doc) str(sp span) string {
	a, b := d.byteSpan(sp)
	return d.s[a:b]
}

// byteSpan returns the byte offsets of a span.
func (d *doc) byteSpan(sp span) (int, int) {
	if sp.a < 0 || sp.b > len(d.toks) || sp.a >= sp.b {
		return 0, 0
	}
	t := &d.toks[sp.a]
	a := t.start
	if sp.pre > 0 && sp.pre < len(t.offs) {
		a = int(t.offs[sp.pre])
	}
	return a, d.toks[sp.b-1].end
}

// mention returns the extract.Mention of a span.
func (d *doc) mention(sp span) extract.Mention {
	a, b := d.byteSpan(sp)
	if d.cp == nil {
		d.cp = extract.NewText(d.s)
	}
	return d.cp.Mention(a, b)
}
