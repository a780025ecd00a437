package en

// Step 1 of reading events: a trigger word is found (extract.Triggers) and
// skipTrigger refuses the ones that report no event.

import (
	"strings"

	"github.com/athar-project/athar/internal/extract"
)

// hearerAfter reports a court, investigators or a panel within the few
// words after token k: "told the ministry's investigators".
func (d *doc) hearerAfter(k int) bool {
	for j := k; j < len(d.toks) && j < k+5; j++ {
		if hearers[d.toks[j].Fold] {
			return true
		}
		if f := d.toks[j].Fold; f == "that" || f == "," || f == "." {
			return false
		}
	}
	return false
}

// skipTrigger rejects triggers that do not report an event: a verb after
// "to" or a modal, a negation, a required word missing, a noun used in
// another sense.
func (d *doc) skipTrigger(tr extract.Trigger, a, b int, s sentence) bool {
	if d.own[a] == ownEpithet || d.own[a] == ownPerson || d.own[a] == ownTitle {
		return true
	}
	if tr.Type == extract.EventDeathInCustody && tr.Words[0] == "victims" {
		return !d.leadReportsDeaths() || len(d.victimsListed(b, s)) == 0
	}
	prev, prev2 := d.fold(a-1), d.fold(a-2)
	if prev2 == "be" && (prev == "also" || strings.HasSuffix(prev, "ly")) {
		prev, prev2 = "be", d.fold(a-3) // "will be also tried"
	} else if prev == "be" && (prev2 == "also" || strings.HasSuffix(prev2, "ly") && len(prev2) > 4) {
		prev2 = d.fold(a - 3) // "will also be tried", "will likely be tried"
	}
	if !tr.Verb {
		for k := a - 1; k >= s.a && k >= a-4; k-- {
			if f := d.toks[k].Fold; f == "could" || f == "would" || f == "might" || f == "may" || f == "will" {
				return true // "it could signal another conviction"
			}
		}
		if prev == "the" && prev2 == "to" && d.fold(a-3) == "according" {
			return true // "according to the conviction": the document, not the event
		}
	}
	if tr.Type == extract.EventArrest && tr.Words[0] == "caught" && !beVerbs[prev] && d.thingAfter(b) {
		return true // "he had caught tuberculosis": what is caught is an illness, not a person
	}
	allegation := tr.Type == extract.EventTortureAllegation || tr.Type == extract.EventExecutionAllegation
	if !tr.Verb && (dreadedBy[prev] || (prev == "of" || prev == "with") && dreadedBy[prev2]) {
		return true // "feared arrest", "escaped execution", "threatened with arrest": it did not happen
	}
	if allegation && !tr.Verb && (prev == "against" || prev == "the" && prev2 == "against") {
		return true // "campaigned against executions", "a law against torture": a cause, not an event
	}
	if allegation && !tr.Verb && (prev == "about" || prev == "on" || prev == "the" && (prev2 == "about" || prev2 == "on")) && d.workBefore(a, s) {
		return true // "wrote a book about the torture of prisoners": the subject of a work
	}
	if tr.Type == extract.EventExecutionAllegation && (d.toks[a].Fold == "executed" || d.toks[a].Fold == "executing") {
		for k := b; k < s.b && k < b+3; k++ {
			if executedThings[d.toks[k].Fold] {
				return true // "executed a search warrant": carried out, nobody killed
			}
		}
		if beVerbs[prev] && a-2 >= s.a && executedThings[prev2] {
			return true // "the plan was executed"
		}
	}
	future := prev == "be" && modals[prev2]
	if future && tr.Type == extract.EventReferral {
		future = false // "he will be referred to the judiciary": the decision is taken
	}
	if tr.Verb && !allegation && (modals[prev] && !(prev == "to" && decided[prev2]) || future) {
		return true // "to arrest", "will be tried"; but "decided to refer", "managed to escape"
	}
	if prev == "to" && (tr.Type == extract.EventArrest || tr.Type == extract.EventEscape) && !decided[prev2] {
		return true
	}
	for k := a - 1; k >= s.a && k >= a-3; k-- {
		if negations[d.toks[k].Fold] {
			return true
		}
	}
	next := d.fold(b)
	if irrealisCourt[tr.Type] && d.irrealisBefore(a, s) {
		return true // "whether he hoped X would one day stand trial", "called for a fair trial"
	}
	if (irrealisCourt[tr.Type] || tr.Type == extract.EventReferral || tr.Type == extract.EventCharge) && d.questionBefore(a, s) {
		return true
	}
	if d.ifClauseBefore(a, s) {
		return true // "did not say if they are arrested", "asked whether he was tortured": not told as done
	}
	if allegation && strings.HasSuffix(d.toks[b-1].Fold, "ed") && attributiveBefore[prev] && strings.HasSuffix(next, "s") && (roleNouns[next] || victimNouns[next]) {
		return true // "families of executed detainees", "the tortured prisoners": who they are, not an event
	}
	if tr.Type == extract.EventExecutionAllegation && (d.toks[a].Fold == "hanging" || d.toks[a].Fold == "hung" || d.toks[a].Fold == "hanged") {
		for k := b; k < s.b && k < b+4; k++ {
			if f := d.toks[k].Fold; f == "from" || f == "by" && suspendedBy[d.fold(k+2)] || f == "upside" {
				return true // "hanging them from the ceiling", "hung by their wrists": a torture position, not an execution
			}
		}
	}
	switch tr.Type {
	case extract.EventTrial:
		if prev == "-" && (prev2 == "pre" || prev2 == "post") {
			return true // "in pre-trial detention": custody before any trial
		}
		if next == "to" && (d.toks[a].Fold == "tried" || d.toks[a].Fold == "trying") || next == "and" && d.fold(b+1) == "error" || prev == "pending" || prev == "awaiting" || prev == "without" {
			return true
		}
		if trialStandards[prev] {
			return true // "he will not get a fair trial": the standard, not a trial held
		}
		if !tr.Verb && d.notBegun(b) {
			return true // "his trial has not begun", "the trial has yet to start"
		}
		if (prev == "face" || prev == "stand") && (modals[prev2] || prev2 == "to") {
			return true // "will face trial": not yet
		}
		for k := b; k < s.b && k < b+8; k++ {
			if f := d.toks[k].Fold; f == "expected" || f == "scheduled" || f == "due" || f == "will" {
				return true
			}
		}
	case extract.EventArrest:
		if !tr.Verb && d.warrantFor(a, s) {
			return true // "warrants for their arrest have been issued": sought, not held (a warrant is no event)
		}
		if passiveOnly[strings.Join(tr.Words, " ")] && !passiveAux[prev] && !d.forcesBefore(a, s) {
			return true // "he was picked up at a checkpoint", but "she picked up the phone at home"
		}
		if d.toks[a].Fold == "seized" && next == "with" {
			return true // "seized with fear"
		}
		if (d.toks[a].Fold == "detained" || d.toks[a].Fold == "arrested") && (roleNouns[next] || adjectivalNext[next]) && !d.tok(b).Cap && !d.verbBeforeNamed(a, b) {
			return true // "detained officers", "arrested men": an adjective
		}
		if d.toks[a].Fold == "detention" && (locatives[prev] || prev == "from" || prev == "into") {
			return true // "deaths in detention of two citizens": where they died, not whose arrest
		}
		if prev == "respiratory" || prev == "cardiac" || prev == "heart" || prev == "house" {
			return true
		}
		if strings.HasSuffix(d.toks[a].Fold, "ing") && (prev == "in" || prev == "for") && roleInWords[prev2] {
			return true // "convicted for his role in arresting protesters": he arrested them; nobody arrested him
		}
	case extract.EventWanted:
		if d.toks[a].Fold == "wanted" && next == "to" {
			return true
		}
	case extract.EventRelease:
		if next == "the" || next == "a" || next == "footage" || next == "video" || next == "report" || next == "statement" || mediaNouns[prev] {
			return true // "released the footage", "a video released by"
		}
		if tr.Verb && b == a+1 && (victimNouns[next] || roleNouns[next] || pluralRole(next) || adjectivalNext[next]) && !d.tok(b).Cap {
			return true // "a released detainee told them", "newly freed prisoners": who they are, not whose release
		}
	case extract.EventTestimony:
		if d.toks[a].Fold == "told" && b == a+1 {
			// "told investigators", "told the ministry's investigators"; or a survivor who told anyone
			if !d.hearerAfter(b) && !d.victimWordBefore(a, s) {
				return true
			}
		}
		if d.toks[a].Fold == "described" || d.toks[a].Fold == "describe" || d.toks[a].Fold == "describes" {
			// "described the prison at the airbase, run by the Air Force
			// Intelligence, as one of the harshest": the "as" may follow a
			// phrase set off by two commas; after one comma it opens a clause
			// of time ("described being beaten, as guards laughed")
			commas := 0
			for k := b; k < s.b && k < b+8+8*commas; k++ {
				f := d.toks[k].Fold
				if f == "as" && commas != 1 {
					return true // "described the decision as disappointing", "described it as a place where": a judgement, not an account
				}
				if f == "," && commas < 2 {
					commas++
				} else if f == "," || f == "how" || f == "that" || f == ";" || f == "as" {
					break
				}
			}
		}
		if rememberVerbs[d.toks[a].Fold] && !d.victimWordBefore(a, s) && !d.custodyAfter(a, b, s) {
			return true
		}
	case extract.EventReferral:
		if next == "to" && d.fold(b+1) == "as" {
			return true // "referred to as"
		}
	}
	if tr.Type == extract.EventDeathInCustody && corpseWords[tr.Words[0]] && !d.ownedBody(a, b) {
		return true // "his body was handed over", "the body of X"; but "a UN body delivered its report"
	}
	if tr.Type == extract.EventDeathInCustody && d.toks[b-1].Fold == "death" && penaltyNouns[next] {
		return true // "death sentences that were carried out": a penalty, not a death in custody
	}
	if tr.Type == extract.EventDeathInCustody && prev == "to" && d.sentencedBefore(a, s) {
		return true // "sentenced X to death": a punishment, nobody died
	}
	if tr.Type == extract.EventDeathInCustody && (d.deathOfDetainee(a, s) || d.detaineeSubject(a, s)) {
		return false // "Amer's death was recorded in June 2014": Amer was arrested before
	}
	if tr.Type == extract.EventArrest && !tr.Verb && d.toks[a].Fold == "detention" && ((prev == "his" || prev == "her") &&
		prev2 != "during" && prev2 != "throughout" && prev2 != "in" && !dreadedBy[prev2] || prev == "s" && isCloseQuote(prev2) && a >= 3 && d.personAt[a-3] != nil) {
		return false // "after his detention last week at the airport": the arrest, its person the possessor
	}
	facility := func(k int) bool {
		return d.own[k] == ownFacility && (tr.Type == extract.EventDeathInCustody || custodyPeriod(tr))
	}
	if custodyPeriod(tr) && d.facilityWhere(a, s) != "" {
		return false // "Branch 215, where he was held for a year": the facility the clause hangs on is the custody
	}
	return !tr.NeedsMet(d.toks, b, s.b, facility)
}

// notBegun reports a trial noun ending at b whose predicate, after at most
// a short complement ("of Walid Ashour"), says it has not begun: "has not
// begun", "had not yet started", "has yet to open".
func (d *doc) notBegun(b int) bool {
	k := b
	for k < len(d.toks) && k < b+5 && d.toks[k].Word && !perfectAux[d.fold(k)] {
		k++
	}
	if !perfectAux[d.fold(k)] {
		return false
	}
	k++
	switch d.fold(k) {
	case "not", "never":
		k++
		if d.fold(k) == "yet" {
			k++
		}
	case "yet":
		if d.fold(k+1) != "to" {
			return false
		}
		k += 2
	default:
		return false
	}
	return beginVerbs[d.fold(k)]
}

// perfectAux are the auxiliaries of the perfect: "has not begun".
var perfectAux = set(`has had have`)

// beginVerbs say that a trial starts: "has not begun", "has yet to open".
var beginVerbs = set(`begun begin started start opened open commenced commence`)

// irrealisCourt are the court events a wish, a demand or a question does
// not report: they have not happened.
var irrealisCourt = set(`trial conviction sentence acquittal`)

// irrealisBefore reports a wish, a demand, a question or a conditional in
// the clause before the trigger at a: "called for a fair trial", "hoped
// X would one day stand trial", "whether he will be tried".
func (d *doc) irrealisBefore(a int, s sentence) bool {
	for k := a - 1; k >= s.a && k >= a-8; k-- {
		f := d.toks[k].Fold
		if f == "." || f == ";" || f == ":" {
			return false
		}
		if irrealisWords[f] || f == "for" && (d.fold(k-1) == "called" || d.fold(k-1) == "calls" || d.fold(k-1) == "call" || d.fold(k-1) == "calling" || d.fold(k-1) == "pressed" || d.fold(k-1) == "press") {
			return true
		}
	}
	return false
}

// questionBefore reports a trigger at a inside an indirect question after
// a verb of knowing: "we rarely learn what the man is charged with", "it
// is unclear which court will try him". What is asked is no fact.
func (d *doc) questionBefore(a int, s sentence) bool {
	for k := a - 1; k > s.a && k >= a-6; k-- {
		f := d.toks[k].Fold
		if f == "," || f == ";" || f == ":" {
			return false
		}
		if whWords[f] && knowingVerbs[d.fold(k-1)] {
			return true
		}
	}
	return false
}

// ifClauseBefore reports a trigger at a in a clause that "if" or
// "whether" opens: an indirect question or a condition, which tells of
// the event as possible, not as done.
func (d *doc) ifClauseBefore(a int, s sentence) bool {
	for k := a - 1; k >= s.a && k >= a-10; k-- {
		switch f := d.toks[k].Fold; f {
		case ",", ";", ":", ".", "but", "\"", "“", "”":
			return false
		case "if", "whether":
			return d.fold(k-1) != "as" // "as if" is a comparison, read apart
		}
	}
	return false
}

// whWords open an indirect question after a verb of knowing.
var whWords = set(`what which who whom how where when`)

// knowingVerbs take an indirect question: "learn what", "know which", "unclear where".
var knowingVerbs = set(`learn learns learned learnt know knows knew ask asks asked wonder wonders wondered unclear unknown`)

// irrealisWords put what follows them in a wish, a demand or a question.
var irrealisWords = set(`whether hoped hopes hope hoping wants want wanted wish wishes demanded demand demands demanding would could should might if unless`)

// suspendedBy are what a prisoner is hung by in a torture position.
var suspendedBy = set(`wrists wrist arms hands feet legs`)

// attributiveBefore are the words before a participle that make it an
// adjective of the noun after it: "families of executed detainees".
var attributiveBefore = set(`of the for with among about from and other`)

// victimWordBefore reports a survivor, witness or former detainee named
// before token a in the sentence: "Survivors described torture".
func (d *doc) victimWordBefore(a int, s sentence) bool {
	for k := s.a; k < a; k++ {
		f := d.toks[k].Fold
		if testimonyNouns[f] {
			return true
		}
		if p, _ := d.mentionAt(k); p != nil && p.victim {
			return true
		}
	}
	return false
}

// decided are verbs after which "to" and a verb report what was done:
// "the court decided to refer X", "he managed to escape".
var decided = set(`decided decides ordered orders agreed managed managing was able`)

// deathOfDetainee reports a death of a person the text has already had
// arrested ("X's death", "X died"), which is a death in custody though
// the sentence names no prison.
func (d *doc) deathOfDetainee(a int, s sentence) bool {
	for _, m := range d.sentencePersons(s) {
		if m.sp.b > a || a-m.sp.b > 3 {
			continue
		}
		if d.heldBefore(m.person.name) {
			return true
		}
	}
	// "The register states that he died on 3 March 2013", "his death": a
	// pronoun for a person the text has had arrested and not released, when
	// nothing after it says the death was of another kind
	if !intransitiveDeath[d.toks[a].Fold] {
		return false // "the prisoners he had killed": he did it
	}
	k := a - 1
	if f := d.fold(k); f == "had" || f == "has" {
		k--
	}
	if k < s.a || !(d.fold(k) == "he" || d.fold(k) == "she" || d.fold(k) == "his" || d.fold(k) == "her") || d.otherDeathAfter(a, s) {
		return false
	}
	p := d.resolvePronoun(k)
	return p != nil && !p.official && d.heldBefore(p.name) && !d.releasedBefore(p.name)
}

// intransitiveDeath are the death triggers whose subject died.
var intransitiveDeath = set(`died die dies death perished`)

// heldBefore reports a person an arrest or detention found so far holds
// (not as the one who arrested).
func (d *doc) heldBefore(name string) bool {
	for _, ev := range d.events {
		if ev.typ != extract.EventArrest && ev.typ != extract.EventDetention {
			continue
		}
		for _, w := range ev.who {
			if w.Name == name && w.Role != extract.RoleAgent {
				return true
			}
		}
	}
	return false
}

// releasedBefore reports a person a release found so far freed.
func (d *doc) releasedBefore(name string) bool {
	for _, ev := range d.events {
		if ev.typ == extract.EventRelease && hasParticipant(ev.who, name) {
			return true
		}
	}
	return false
}

// otherDeathAfter reports a cause or place of death after the trigger at
// a that is no custody: "he died in a car accident", "died in exile".
func (d *doc) otherDeathAfter(a int, s sentence) bool {
	for k := a + 1; k < s.b && k < a+8; k++ {
		if otherDeaths[d.toks[k].Fold] {
			return true
		}
	}
	return false
}

// otherDeaths are causes and places of a death outside custody.
var otherDeaths = set(`accident crash exile abroad illness cancer natural airstrike airstrikes bombing shelling battle fighting clashes earthquake`)

// detaineeSubject reports a detainee as the subject of a death: "One
// detainee, Tareq Nassif, died after the beatings".
func (d *doc) detaineeSubject(a int, s sentence) bool {
	for k := a - 1; k >= s.a && k >= a-16; k-- {
		f := d.toks[k].Fold
		if f == "detainee" || f == "prisoner" || f == "inmate" {
			// "one prisoner, Ziad Kanaan, a 29-year-old engineer from Homs,
			// died": the detainee, or a name in apposition to him, is the
			// subject
			return a-k <= 8 || d.fold(k+1) == "," && d.personAt[k+2] != nil
		}
		if f == "." || f == ";" || d.toks[k].Word && speechVerbs[f] {
			return false
		}
	}
	return false
}

// sentencedBefore reports a verb of sentencing a few words before the
// trigger at a: "sentenced former guard X to death".
func (d *doc) sentencedBefore(a int, s sentence) bool {
	for k := a - 2; k >= s.a && k >= a-10; k-- {
		switch d.toks[k].Fold {
		case "sentenced", "sentence", "sentences", "sentencing", "condemned", "condemning":
			return true
		}
	}
	return false
}

// passiveOnly are arrest phrases that report an arrest only in the
// passive: "was taken from his home", "were picked up by security forces".
var passiveOnly = map[string]bool{"picked up": true, "taken from": true, "dragged from": true, "seized": true, "taken by": true, "held": true, "taken away": true}

// custodyPeriod reports an arrest trigger that tells a time in custody
// rather than the arrest itself: "X spent three years in Sednaya", "X was
// held in Branch 215", "X has been in detention since 2013". Its person is a detainee, not a suspect, and a
// facility after it stands for the custody word it needs.
func custodyPeriod(tr extract.Trigger) bool {
	return tr.Type == extract.EventArrest && (tr.Words[0] == "spent" || tr.Words[0] == "held" || tr.Words[0] == "been")
}

// forcesBefore reports the forces right before an active verb of arrest:
// "security forces picked up X", "intelligence agents seized X".
func (d *doc) forcesBefore(a int, s sentence) bool {
	for k := a - 1; k >= s.a && k >= a-2; k-- {
		if forcesNouns[d.toks[k].Fold] || d.own[k] == ownOrg {
			return true
		}
	}
	return false
}

// forcesNouns are the doers of an arrest.
var forcesNouns = set(`forces police agents officers soldiers gunmen troops militiamen`)

// workBefore reports a work (a book, a film, a report) a few words before
// "about" at the trigger at a: what it is about is its subject, no event.
func (d *doc) workBefore(a int, s sentence) bool {
	for k := a - 1; k >= s.a && k >= a-6; k-- {
		if works[d.toks[k].Fold] {
			return true
		}
	}
	return false
}

// works are things made about a subject.
var works = set(`book books film films documentary documentaries novel novels play plays article articles exhibition exhibitions conference conferences lecture lectures course courses study studies research seminar workshop`)

// workNouns are what a person did at a place: "his work at the branch".
var workNouns = set(`work job role duties duty post position tasks service career`)

// dreadedBy are the words before an event noun that say it did not happen
// (yet): "feared arrest", "escaped execution", "the threat of torture".
var dreadedBy = set(`fear fears feared fearing risk risks risked risking avoid avoids avoided avoiding evade evaded evading escaped escaping dodged threat threats threatened`)

// executedThings are the objects of "executed" in its other sense: "police
// executed a search warrant", "the plan was executed".
var executedThings = set(`warrant warrants order orders plan plans operation operations search raid contract contracts project decision decisions decree policy`)

// rememberVerbs tell an account only from a survivor or witness, or of a
// place of custody named after them: "X recalled his months in Sednaya";
// "the minister recalled the ambassador" tells none.
var rememberVerbs = set(`described describe describes recounted recounts recalled recalls remembered remembers spoke interviewed`)

// custodyAfter reports a place or word of custody in the clause after the
// verb at b ("recounted his two years in Sednaya prison", "spoke of the
// hunger in Adra prison") told by a person who does not speak for an office.
func (d *doc) custodyAfter(a, b int, s sentence) bool {
	if d.bodySpeaks(a, s) {
		return false
	}
	for _, m := range d.sentencePersons(s) {
		if m.sp.b <= a && (m.person.official || d.speaksForOffice(m.person) || d.accusedSomewhere(m.person)) {
			return false // "the minister described conditions in the prisons": an office speaks, no survivor
		}
	}
	if f := d.fold(b); (f == "his" || f == "her" || f == "their") && workNouns[d.fold(b+1)] {
		return false // "described his work at the branch": a post held there, not an ordeal
	}
	for k := b; k < s.b && k < b+12; k++ {
		f := d.toks[k].Fold
		if f == "as" || f == ";" || f == "." {
			return false
		}
		if custodyWords[f] || d.own[k] == ownFacility {
			return true
		}
	}
	return false
}

// passiveAux are the auxiliaries of a passive right before its participle.
var passiveAux = set(`was were been being`)

// ownedBody reports a body word at a..b that is a person's: after a
// possessive ("his body", "Khaled's body") or before "of" ("the body of
// Khaled").
func (d *doc) ownedBody(a, b int) bool {
	switch d.fold(a - 1) {
	case "his", "her", "their":
		return true
	}
	return d.fold(b) == "of" || d.fold(a-1) == "s" && isCloseQuote(d.fold(a-2))
}

// thingAfter reports that the object of an active verb ending before token
// b is a thing, not a person: a lower-case noun with no determiner ("caught
// tuberculosis", "caught fire", "caught lice"). A person object opens with
// a pronoun, a determiner, a name or a role noun ("caught him", "caught the
// suspect", "caught two officers", "caught guards").
func (d *doc) thingAfter(b int) bool {
	if b >= len(d.toks) || !d.toks[b].Word || d.toks[b].Cap || d.toks[b].Digits {
		return false
	}
	f := d.toks[b].Fold
	return !personObjectStarts[f] && !roleNouns[f] && !pluralRole(f) && !victimNouns[f]
}

// personObjectStarts open an object that can be a person.
var personObjectStarts = set(`him her them his their its the a an this that these those two three four five six several dozens many some up with`)

// verbBeforeNamed reports "arrested" or "detained" at a used as a verb whose
// object is a named person described by a role: "Security forces arrested
// former officer X". After a determiner or a preposition the participle is
// an adjective of the noun ("the arrested former officers").
func (d *doc) verbBeforeNamed(a, b int) bool {
	if prev := d.fold(a - 1); prev == "" || attributiveBefore[prev] || prev == "a" || prev == "an" || prev == "these" || prev == "those" || prev == "several" || prev == "many" || numberWords[prev] {
		return false
	}
	for k := b; k < len(d.toks) && k < b+5; k++ {
		if d.personAt[k] != nil {
			return k > b
		}
		if f := d.toks[k].Fold; !roleAdjectives[f] && !roleNouns[f] && !adjectivalNext[f] && !d.toks[k].Cap {
			return false
		}
	}
	return false
}

// leadReportsDeaths reports an article whose title or lead (its first three
// sentences) speaks of deaths in custody: "Civil registry records reveal
// death of 14 detainees". Its "victims" are the dead.
func (d *doc) leadReportsDeaths() bool {
	_, k := d.leadDeath()
	return k >= 0
}

// leadDeath returns the sentence of the title or lead that speaks of deaths
// in custody and its death word's token, or -1.
func (d *doc) leadDeath() (sentence, int) {
	for si := 0; si < len(d.sents) && si < 3; si++ {
		s := d.sents[si]
		death, custody := -1, false
		for k := s.a; k < s.b; k++ {
			f := d.toks[k].Fold
			if death < 0 && (f == "death" || f == "deaths" || f == "died") {
				death = k
			}
			custody = custody || custodyWords[f] || d.own[k] == ownFacility
		}
		if death >= 0 && custody {
			return s, death
		}
	}
	return sentence{}, -1
}

// victimsListed returns the persons a "victims include" or "victims ... are"
// at b lists: the name right after the verb (or a colon) within six
// tokens, and the names coordinated with it.
func (d *doc) victimsListed(b int, s sentence) []*person {
	k := b
	for ; k < s.b && k < b+6; k++ {
		if f := d.toks[k].Fold; f == "include" || f == "included" || f == "including" || f == "are" || f == "were" || f == ":" {
			break
		}
	}
	if k >= s.b || k >= b+6 {
		return nil
	}
	var out []*person
	last := -1
	for _, m := range d.sentencePersons(s) {
		if m.sp.a <= k {
			continue
		}
		if last < 0 && m.sp.a != k+1 || last >= 0 && !d.coordinatedNames(last, m.sp.a) {
			break
		}
		out = append(out, m.person)
		last = m.sp.b
	}
	return out
}

// roleInWords stand before "in" or "for" and a gerund of what a person
// did: "his role in arresting protesters", "his part in detaining them".
var roleInWords = set(`role part involvement participation complicity responsible`)

// warrantFor reports a noun of arrest at a that a warrant is for: "a
// warrant for his arrest", "warrants for the arrest of X".
func (d *doc) warrantFor(a int, s sentence) bool {
	k := a - 1
	if possessivePronouns[d.fold(k)] || d.fold(k) == "the" {
		k--
	}
	if k <= s.a || d.fold(k) != "for" {
		return false
	}
	f := d.fold(k - 1)
	return f == "warrant" || f == "warrants"
}
