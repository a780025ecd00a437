package ar

import (
	"strings"

	"github.com/athar-project/athar/internal/extract"
)

// argument is what stands in a trigger's object slot (or the subject slot of
// a passive verb, which comes after it too): named persons, or a noun that
// names someone without naming them.
type argument struct {
	persons []*person // named, in the text's order, coordinated ones included
	unnamed bool      // "عدد من القضاة", "معتقلين", "طبيب سوري"
	desc    string    // a description that may stand for a person named elsewhere: "الطبيب", "-"
	plural  bool      // the unnamed are several
	// at is the token of the description plus one, 0 when not known: a
	// definite description may point back to the person last named in its
	// paragraph.
	at int
}

// argSkip are words that may stand between a trigger and its object:
// prepositions and the cue "المدعو".
var argSkip = words("arg_skip")

// maxArgGap bounds the tokens between a trigger and its object.
const maxArgGap = 6

// argumentAfter reads the object of the trigger ending at token b: a person
// (and those coordinated with it: "X وY", "X وشقيقه Y", "X، Y"), or a noun
// for someone unnamed. Rank words, a body that acts ("اعتقلت قوات الأمن X"),
// a date and prepositions may come between.
func (d *doc) argumentAfter(b int, s sentence) argument {
	var arg argument
	for k := b; k < s.b && k < b+maxArgGap; k++ {
		if d.describedPersonAt(k, s) {
			continue // "الأب مازن الدباغ": a noun that describes the person named next
		}
		t := &d.toks[k]
		switch {
		case d.personAt[k] != nil:
			arg.persons = d.coordinated(k, s)
			return arg
		case !t.word:
			if f := t.fold; f == "," || f == "\"" || f == "«" || f == "»" || f == "(" {
				continue
			}
			return arg
		case d.own[k] == ownRank || d.own[k] == ownOrg || d.own[k] == ownDate || postRank[t.fold]:
			continue
		}
		if _, ok := d.has(k, argSkip); ok || numberWords[t.fold] {
			continue // "على", "بحق", "ثلاثة مسؤولين"
		}
		if t.fold == "في" && k+1 < s.b && (d.own[k+1] == ownPlace || d.own[k+1] == ownFacility) {
			k = d.entEnd(k+1) - 1 // "أدانت محكمة الاستئناف في لاهاي، … مقاتلاً سورياً"
			continue
		}
		if _, ok := d.has(k, humanNouns); ok {
			if p := d.personSoonAfter(k, s); p >= 0 {
				arg.persons = d.coordinated(p, s) // "اعتقلت عناصر الأمن المدعو X": the agents, then X
				return arg
			}
			if p := d.heAppositionAfter(k, s); p >= 0 {
				arg.persons = []*person{d.personAt[p]} // "محاكمة المتهم الثاني، وهو المتهم الرئيسي «أنور ر»"
				return arg
			}
			arg.unnamed = true
			arg.desc = d.description(k)
			arg.at = k + 1
			arg.plural = arg.desc == "" && !singularHuman[t.vars[t.nvars-1].s]
			if arg.plural {
				arg.persons = d.namedAfterward(k, s) // "ثلاثة سجانين سابقين، هم X وY وZ"
			}
			return arg
		}
		return arg
	}
	return arg
}

// verdictArgument reads the person a verdict is on when the sentence comes
// first: "قضت المحكمة بالسجن مدى الحياة بحق X", "حكم بالإعدام على X".
func (d *doc) verdictArgument(b int, s sentence) argument {
	for k := b; k < s.b && k < b+12; k++ {
		if f := d.fold(k); f == "." || f == ":" {
			break
		}
		if _, ok := d.has(k, verdictObject); ok {
			return d.argumentAfter(k+1, s)
		}
		if _, ok := d.has(k, penaltyWords); ok && k+1 < s.b && (d.personAt[k+1] != nil || d.isHumanNoun(k+1)) {
			return d.argumentAfter(k+1, s) // "قضت المحكمة بسجن طبيب سوري"
		}
	}
	return argument{}
}

// penaltyWords name the penalty a verdict gives, its object after them:
// "بسجن X", "بإعدام X".
var penaltyWords = words("penalty_words")

// verdictObject introduce the person a verdict is on.
var verdictObject = words("verdict_object")

// numberWords are numerals written as words, which may stand before the
// noun they count: "ثلاثة مسؤولين".
var numberWords = words("number_words")

// describedPersonAt reports a word at k that describes the person named
// right after it ("الأب مازن", "الشاب محمد"): one or two words, then the name.
func (d *doc) describedPersonAt(k int, s sentence) bool {
	if !d.toks[k].word || d.own[k] != ownNone || d.personAt[k] != nil {
		return false
	}
	for j := k + 1; j < s.b && j <= k+2; j++ {
		if d.personAt[j] != nil {
			return true
		}
		if !d.toks[j].word || d.own[j] != ownNone {
			return false
		}
	}
	return false
}

// namedAfterward returns the persons a plural noun at k is then named as in
// its sentence: "ثلاثة سجانين، هم X وY", "عشرات المعتقلين، بينهم X".
func (d *doc) namedAfterward(k int, s sentence) []*person {
	for j := k + 1; j+1 < s.b; j++ {
		if _, ok := d.has(j, namingWords); ok && d.personAt[j+1] != nil {
			return d.coordinated(j+1, s)
		}
		if d.personAt[j] != nil || d.isTrigger(j) {
			return nil
		}
	}
	return nil
}

// leadVerbs: see lexicon/lead_verbs.txt.
var leadVerbs = words("lead_verbs")

// namingWords introduce the names of persons a plural noun counted: "هم",
// "بينهم", "منهم".
var namingWords = words("naming_words")

// accusedBefore returns the one an accusation word before the trigger at a
// is said of, when the text does not name them there but describes them:
// "طبيب سوري متهم بتعذيب معتقلين" is the doctor the text names elsewhere.
func (d *doc) accusedBefore(a int, s sentence, typ string) *person {
	k := a - 1
	for k > s.a && !d.toks[k].word {
		k-- // "إن الطبيب “قتل شخصين”"
	}
	if f := d.fold(k); (f == "علي" || f == "في" || f == "ب") && k-1 > s.a {
		if _, ok := d.has(k-1, leadVerbs); ok {
			k -= 2 // "إن العقيد أشرف على إعدام معتقلين": the one who led it
		}
	}
	if _, ok := d.has(k, accusedWords); !ok {
		// the subject itself before the verb: "إن الطبيب قتل شخصين"
		if d.definite(k) && d.description(k) != "" && d.personAt[k+1] == nil {
			return d.resolve(argument{unnamed: true, desc: d.description(k), at: k + 1}, typ)
		}
		return nil
	}
	k--
	for k > s.a && (nationalities[d.fold(k)] || postRank[d.fold(k)] || d.toks[k].tanween && !d.isHumanNoun(k)) {
		k-- // "طبيب سوري", "مقاتلًا سوريًا"
	}
	if d.personAt[k] != nil || !d.isHumanNoun(k) {
		return nil // a named person: the sentence's persons say it
	}
	return d.resolve(argument{unnamed: true, desc: d.description(k)}, typ)
}

// isHumanNoun reports a noun for people at token k.
func (d *doc) isHumanNoun(k int) bool {
	_, ok := d.has(k, humanNouns)
	return ok
}

// accusedWords say that the noun before them is accused of what follows.
var accusedWords = words("accused_words")

// personSoonAfter returns the token of a person named within a few words
// after token k with nothing but words between, or -1.
func (d *doc) personSoonAfter(k int, s sentence) int {
	for j := k + 1; j < s.b && j <= k+4; j++ {
		if d.personAt[j] != nil {
			return j
		}
		if !d.toks[j].word || d.fold(j) == "من" || d.fold(j) == "في" {
			return -1
		}
	}
	return -1
}

// heAppositionAfter returns the token of a person an apposition names after
// the noun at k ("المتهم الثاني، وهو المتهم الرئيسي «أنور ر»"): a comma
// within two words, "وهو" or "وهي", and the name within a few words; or -1.
func (d *doc) heAppositionAfter(k int, s sentence) int {
	for j := k + 1; j < s.b && j <= k+3; j++ {
		if d.fold(j) != "," {
			if !d.toks[j].word || d.personAt[j] != nil {
				return -1
			}
			continue
		}
		if f := d.fold(j + 1); f != "وهو" && f != "وهي" {
			return -1
		}
		for m := j + 2; m < s.b && m <= j+6; m++ {
			if d.personAt[m] != nil {
				return m
			}
			if f := d.fold(m); !d.toks[m].word && !quoteMark(f) {
				return -1
			}
		}
		return -1
	}
	return -1
}

// coordinated returns the person named at token k and those joined to it by
// "و" or a comma: "وسيم الأسد وشقيقه نمير، والعقيد قصي وجيه إبراهيم".
func (d *doc) coordinated(k int, s sentence) []*person {
	p := d.personAt[k]
	ps := []*person{p}
	j := k
	for j < s.b && d.personAt[j] == p {
		j++
	}
	for j < s.b {
		j = d.parenthesisEnd(j, s) // "X (ابن عمهما)، وY": a remark in parentheses, then the next name
		next := d.coordinatedAt(j, s)
		if next < 0 {
			// "علي مملوك المستشار الأمني لرئيس النظام، وجميل الحسن": an
			// apposition, then the next name
			if end := d.appositionEnd(j, s); end > j {
				next = d.coordinatedAt(end, s)
			}
		}
		if next < 0 {
			break
		}
		q := d.personAt[next]
		if !containsPerson(ps, q) {
			ps = append(ps, q)
		}
		for j = next; j < s.b && d.personAt[j] == q; j++ {
		}
	}
	return ps
}

// parenthesisEnd returns the token after a remark in parentheses that opens
// at j ("(ابن عمهما)", "(34 عاماً)"), or j: a short remark with no name, no
// trigger and no sentence punctuation in it.
func (d *doc) parenthesisEnd(j int, s sentence) int {
	if d.fold(j) != "(" {
		return j
	}
	for k := j + 1; k < s.b && k < j+maxApposition; k++ {
		if d.fold(k) == ")" {
			return k + 1
		}
		if d.personAt[k] != nil || d.isTrigger(k) || !d.toks[k].word && d.fold(k) != "-" && d.fold(k) != "/" {
			return j
		}
	}
	return j
}

// maxApposition bounds the words of an apposition between coordinated names.
const maxApposition = 10

// appositionEnd returns the token after an apposition that follows a name
// ending at j (the comma that closes it), or j: words that hold no verb of
// saying, no trigger and no sentence punctuation.
func (d *doc) appositionEnd(j int, s sentence) int {
	for k := j; k < s.b && k < j+maxApposition; k++ {
		t := &d.toks[k]
		if !t.word {
			if t.fold == "," && k > j {
				return k
			}
			return j
		}
		if d.personAt[k] != nil || d.isTrigger(k) {
			return j
		}
		if _, ok := d.has(k, speechVerbs); ok {
			return j
		}
	}
	return j
}

// coordinatedAt returns the token where a person joined to the one ending at
// j begins, or -1: after a comma, "و" (alone or on the next word), and rank or
// kinship words.
func (d *doc) coordinatedAt(j int, s sentence) int {
	k := j
	joined := false
	if d.fold(k) == "," || d.fold(k) == "-" || d.fold(k) == "–" {
		k++
		joined = true
	}
	if d.fold(k) == "و" {
		k++
		joined = true
	}
	for n := 0; k < s.b && n < 3 && d.personAt[k] == nil; n++ {
		t := &d.toks[k]
		if !t.word {
			return -1
		}
		if d.own[k] == ownRank {
			k++
			continue
		}
		if _, ok := d.has(k, kinWords); ok {
			joined = true
			k++
			continue
		}
		return -1
	}
	if k >= s.b || d.personAt[k] == nil {
		return -1
	}
	// the conjunction may be written on the name itself: "وجميل الحسن"
	if !joined && !strings.HasPrefix(d.toks[k].fold, "و") {
		return -1
	}
	return k
}

// description returns what a human noun at token k may stand for: a rank
// word ("الطبيب") when the noun describes one person the text may name by
// that rank, "-" for the person the text is about, or "".
func (d *doc) description(k int) string {
	for _, v := range d.variantsOf(k) {
		if r, ok := descriptionNouns[v.s]; ok {
			return r
		}
	}
	return ""
}

// singularHuman are the human nouns that name one person.
var singularHuman = func() map[string]bool {
	m := map[string]bool{}
	for k := range descriptionNouns {
		m[k] = true
	}
	return m
}()

// humanNouns name people without naming them.
var humanNouns = words("human_nouns")

// descriptionNouns map a noun that describes one person to the rank word it
// matches, "-" for none (lexicon/description_nouns.txt).
var descriptionNouns = func() map[string]string {
	m := map[string]string{}
	for _, line := range listLines("description_nouns") {
		f := strings.Fields(line)
		if len(f) != 2 {
			panic("ar: description_nouns.txt: want a noun and a rank word on each line: " + line)
		}
		m[foldText(f[0])] = foldText(f[1])
	}
	return m
}()

// resolve returns the person an unnamed description stands for: the one
// person the text gives that rank ("طبيب سوري" → "الطبيب علاء موسى"), else
// the person the text is about; nobody for several.
func (d *doc) resolve(arg argument, typ string) *person {
	if !arg.unnamed || arg.plural || arg.desc == "" {
		return nil
	}
	if arg.desc != "-" {
		var found *person
		for _, p := range d.persons {
			if p.rank != "" && strings.Fields(foldText(p.rank))[0] == arg.desc {
				if found != nil && found != p {
					return d.antecedent(arg) // several in the text: the one of its paragraph, if one
				}
				found = p
			}
		}
		if found != nil {
			return found
		}
	}
	if p := d.antecedent(arg); p != nil {
		return p
	}
	if !suspectTypes[typ] || d.disc.subject == nil || d.disc.subject.victim {
		return nil // "اختفاء مواطن سوري": a victim, not the one the text accuses
	}
	return d.disc.subject
}

// antecedent returns the person a definite description stands for in its
// paragraph: the one person named before it there who fits it — by rank
// ("العقيد" for "العقيد X", "الضابط" for any officer), or, for "المتهم",
// "الموقوف" and the like, the one the last events were about and not as a
// victim. Two who fit, or none, give nobody: the reader could not tell.
func (d *doc) antecedent(arg argument) *person {
	k := arg.at - 1
	if k < 0 || !d.definite(k) {
		return nil
	}
	var found *person
	for j := k - 1; j >= 0; j-- {
		if p := d.personAt[j]; p != nil && p != found && d.fits(p, arg.desc) {
			if found != nil {
				return nil
			}
			found = p
		}
		if d.toks[j].nl > 0 {
			break // the paragraph's first word
		}
	}
	return found
}

// fits reports that person p may be what description desc says.
func (d *doc) fits(p *person, desc string) bool {
	if p.official || p.court || p.advocate {
		return false
	}
	if desc == "-" {
		return !p.victim && !p.survivor && (p == d.disc.topic || containsPerson(d.disc.accused, p))
	}
	if p.rank == "" {
		return false
	}
	r := strings.Fields(foldText(p.rank))[0]
	return r == desc || desc == foldText("الضابط") && officerRanks[r]
}

// officerRanks are the ranks "الضابط" may stand for (lexicon/officer_ranks.txt).
var officerRanks = words("officer_ranks")

// suspectTypes are the events that happen to the accused: a description with
// no rank of its own ("مواطن سوري", "المتهم") in one of them is the person the
// text is about.
var suspectTypes = map[string]bool{
	extract.EventArrest: true, extract.EventReferral: true, extract.EventTrial: true, extract.EventConviction: true,
	extract.EventEscape: true, extract.EventWanted: true, extract.EventConfession: true, extract.EventStatement: true,
	extract.EventTortureAllegation: true, extract.EventExecutionAllegation: true,
}
