// Package en extracts persons, facilities, places, organizations, dates and
// events from English text about detention and accountability in Syria. It
// is rule-based: gazetteers for what has a name list, patterns for what does
// not, and rules that read who did what to whom from a sentence's structure.
// Its word lists are data, in lexicon/*.txt (embedded, read once, each file
// with its provenance). Importing it registers it with package extract for
// the language code "en".
//
// Extract runs in steps, one file each: the text's setting (headlines, the
// dateline: doc.go, bodies.go), entities (gazetteer and patterns:
// entities.go, bodies.go), persons and their mentions (persons.go,
// attributes.go), then events (events.go: triggers.go, participants.go,
// coref.go, statements.go, where.go, when.go, modality.go, merge.go), then
// the Result (result.go).
package en

import (
	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/gazetteer"
	"github.com/athar-project/athar/internal/model"
)

func init() { extract.Register("en", Extract) }

// What owns a token.
const (
	ownNone uint8 = iota
	ownPerson
	ownFacility
	ownPlace
	ownOrg
	ownEpithet // a quoted nickname: its words name nothing else
	ownTitle   // a rank or title before a name
)

// span is a range of tokens, end exclusive.
type span struct{ a, b int }

type sentence struct{ a, b int }

// doc is the working state of one extraction.
type doc struct {
	text   *extract.Text
	toks   []extract.Token
	pub    model.Date
	gaz    *gazetteer.Gazetteer
	own    []uint8 // per token
	sents  []sentence
	sentOf []int // per token: its sentence

	dates     []extract.DateRef
	persons   []*person
	ents      []*entity // facilities, places, organizations in order of first mention
	mentions  []mention // every entity and person mention, by token start
	epithets  []epithet
	headline  []bool          // per token: on a line written in title case
	dateline  []bool          // per token: in the dateline that opens the story ("ERBIL, Kurdistan Region -")
	scene     extract.Setting // the dateline's place, and the facilities where the story takes place
	claims    []*claim
	bodyStart int // first token after a dateline
	events    []*event
	main      *person // the person the article is about (defendant)
	mainDone  bool
	// relativeWitnesses are relatives who speak for a victim (statements.go)
	relativeWitnesses map[string]bool
	// courtCity is the city whose court the text names ("the Koblenz
	// court", "the Criminal Court in Paris"), "" when none or several
	// (where.go); courtCityDone is set once it is looked for
	courtCity     string
	courtCityDone bool

	// indexes that keep the work linear in the length of the text
	claimOf         []*claim             // per token: the live claim covering it
	inQuote         []bool               // per token: after an opening quotation mark not yet closed (quoted)
	personAt        []*person            // per token: the person a mention there names
	sentMents       [][]mention          // per sentence: its mentions, in order
	byLast, byOther map[string][]*person // persons by family name and by their other name words
}

// mention ties a token span to a person or an entity.
type mention struct {
	sp     span
	person *person
	ent    *entity
}

// Extract extracts from English text; published is the source's published
// date, or the zero Date when unknown.
func Extract(text string, published model.Date) extract.Result {
	d := &doc{
		text: extract.NewText(text),
		toks: extract.Tokenize(text),
		pub:  published,
		gaz:  gazetteer.Default(),
	}
	d.own = make([]uint8, len(d.toks))
	d.claimOf = make([]*claim, len(d.toks))
	d.splitSentences()
	d.dates = extract.FindDates(text, d.toks, dateLexicon, published)
	d.skipDateline()
	d.findHeadlines()
	d.findEpithets()
	d.findGazetteer()
	d.findRegimes()
	d.findGovernments()
	d.findSkeletonPlaces()
	d.findPatternEntities()
	d.findPrisonParts()
	d.findLowerBodies()
	d.findSeatCourts()
	d.findUnits()
	d.findPersons()
	d.findOutlets()
	d.findOutletNouns()
	d.findPlacePatterns()
	d.findBorders()
	d.widenCamps()
	d.findTownsAfterIn()
	d.findDateline()
	d.findDatelineAgencies()
	d.findBylines()
	d.linkEpithets()
	d.personAttributes()
	d.widenApparatus()
	d.shortFormsOfBodies()
	d.collectMentions()
	d.findScenes()
	d.findEvents()
	d.setStatuses()
	return d.result()
}

// skipDateline sets aside a leading "date 2025-01-03 Publisher/" line: it is
// about the source, not what the source reports.
func (d *doc) skipDateline() {
	if len(d.toks) < 6 || d.toks[0].Fold != "date" || !d.toks[1].Digits {
		return
	}
	end := -1
	for k := 1; k < len(d.toks) && k < 16; k++ {
		if d.toks[k].Newlines > 0 {
			return
		}
		if d.toks[k].Fold == "/" {
			end = k + 1
			break
		}
	}
	if end < 0 {
		return
	}
	for k := 0; k < end; k++ {
		d.own[k] = ownTitle
	}
	var keep []extract.DateRef
	for _, r := range d.dates {
		if r.FirstTok >= end {
			keep = append(keep, r)
		}
	}
	d.dates = keep
	d.bodyStart = end
}

func (d *doc) tok(i int) extract.Token {
	if i < 0 || i >= len(d.toks) {
		return extract.Token{Start: len(d.text.S), End: len(d.text.S)}
	}
	return d.toks[i]
}

// fold returns the folded form of token i, "" outside the text.
func (d *doc) fold(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.toks[i].Fold
}

// str returns the source text of a token span.
func (d *doc) str(sp span) string {
	if sp.a >= sp.b || sp.a < 0 || sp.b > len(d.toks) {
		return ""
	}
	return d.text.S[d.toks[sp.a].Start:d.toks[sp.b-1].End]
}

// splitSentences cuts the tokens into sentences at ., ! and ? that end one
// (not after an abbreviation or an initial) and at blank lines and
// line breaks.
func (d *doc) splitSentences() {
	d.sentOf = make([]int, len(d.toks))
	start := 0
	cut := func(end int) {
		if end > start {
			d.sents = append(d.sents, sentence{start, end})
		}
		start = end
	}
	for i, t := range d.toks {
		if t.Newlines > 0 && i > start || i-start >= maxSentence {
			cut(i) // a line break ends a sentence; so does length, to bound the work per sentence
		}
		if t.Word {
			continue
		}
		switch t.Fold {
		case ".", "!", "?":
			if t.Fold == "." && i > 0 && abbreviation(d.toks[i-1]) && i+1 < len(d.toks) && d.toks[i+1].Newlines == 0 {
				continue
			}
			// closing quotes and brackets stay with the sentence they close
			j := i + 1
			for j < len(d.toks) && !d.toks[j].Word && d.toks[j].Newlines == 0 && isCloser(d.toks[j].Fold) {
				j++
			}
			if j >= len(d.toks) || d.toks[j].Space || d.toks[j].Newlines > 0 {
				cut(j)
			}
		}
	}
	cut(len(d.toks))
	for si, s := range d.sents {
		for i := s.a; i < s.b; i++ {
			d.sentOf[i] = si
		}
	}
}

// maxSentence is the most tokens a sentence may hold; longer runs without
// a full stop are cut.
const maxSentence = 120

func isCloser(s string) bool {
	switch s {
	case "\"", "”", "’", "'", ")", "]", "»":
		return true
	}
	return false
}

func abbreviation(t extract.Token) bool {
	if !t.Word {
		return false
	}
	if len(t.Fold) == 1 && t.Cap { // an initial
		return true
	}
	return abbreviations[t.Fold] && t.Fold != "no"
}

// sentence returns the sentence holding token i.
func (d *doc) sentence(i int) sentence {
	if i < 0 || i >= len(d.toks) {
		return sentence{}
	}
	return d.sents[d.sentOf[i]]
}
