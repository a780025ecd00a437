package en

// Step 3: where the event happened.

import (
	"strings"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/gazetteer"
	"github.com/athar-project/athar/internal/textfold"
)

// placeSpec is the specificity of the entity named name.
func (d *doc) placeSpec(name string) int {
	for _, e := range d.ents {
		if e.name == name {
			return specificity(e)
		}
	}
	return 0
}

// whereFor picks the place of an event among the facilities and places of
// its sentence: allegations and deaths prefer a facility, arrests and
// trials a place; then a place after "in", "at", "near"; then the most
// specific (a village before its governorate); then the nearest. Places
// that describe a person ("a former guard at Sednaya Prison"), an origin
// ("from Douma") or the allegation behind an arrest ("accused of killings
// in Tadamon") are not where the event happened.
//
// When the sentence names no place, an event of sceneEvents takes the
// facility where the story is set (extract.Setting), and scene is true.
func (d *doc) whereFor(typ string, a int, s sentence, nounTrig bool) (where string, scene bool) {
	wantFacility, allowFacility := false, false
	switch typ {
	case extract.EventTortureAllegation, extract.EventExecutionAllegation, extract.EventDeathInCustody,
		extract.EventDisappearance, extract.EventTestimony:
		wantFacility, allowFacility = true, true
	case extract.EventEscape, extract.EventRelease:
		allowFacility = true // "escaped from Sednaya prison", "escaped a raid on his house in Tartus"
	case extract.EventStatement, extract.EventConfession, extract.EventWanted, extract.EventCharge:
		return "", false
	case extract.EventArrest, extract.EventDetention:
		if f := d.facilityWhere(a, s); f != "" && !d.arrestAfter(a, s) {
			return f, false // "the Al-Khatib branch, where he was arrested": the facility the clause hangs on
		}
	}
	allegationFrom, allegationTo := -1, -1
	if !wantFacility {
		for k := s.a; k < s.b; k++ {
			if k > a && (allegationWords[d.toks[k].Fold] || courtEvents[typ] && courtReasons[d.toks[k].Fold]) {
				allegationFrom, allegationTo = k, s.b
				for j := k + 1; j < s.b; j++ {
					if courtEvents[typ] {
						break // a verdict's reasons run to the sentence's end
					}
					if f := d.toks[j].Fold; f == "during" || f == "when" || f == "after" || f == "while" || f == "," && !continuesList[d.fold(j+1)] {
						allegationTo = j
						break
					}
				}
				break
			}
		}
	}
	relFrom, relTo := d.relativeClauseOf(a, s)
	type cand struct {
		name               string
		fac, loc, adj, rol bool
		spec, dist         int
	}
	var best *cand
	better := func(c, b *cand) bool {
		if b == nil {
			return true
		}
		if c.rol != b.rol {
			return !c.rol // where a person worked is a last resort
		}
		if c.adj != b.adj {
			return c.adj // "the Tadamon massacre": the place names the event
		}
		if wantFacility && c.fac != b.fac {
			return c.fac
		}
		if c.loc != b.loc {
			return c.loc
		}
		if c.spec != b.spec {
			return c.spec > b.spec
		}
		return c.dist < b.dist
	}
	for _, m := range d.mentionsIn(s) {
		if m.ent == nil {
			continue
		}
		e := m.ent
		if e.typ != ownPlace && e.typ != ownFacility {
			continue
		}
		if e.typ == ownFacility && !allowFacility {
			continue
		}
		if d.dateline[m.sp.a] {
			continue // where the story was filed, not where the event happened
		}
		if e.typ == ownFacility && d.partOfPrison(m.sp) {
			continue // "the prison's white building": the prison is where (facilityBefore)
		}
		rol := d.inRole(m.sp)
		if !wantFacility && rol || d.toks[m.sp.a].Upper && d.toks[m.sp.a].Newlines+boolInt(m.sp.a == 0) > 0 {
			continue // a person's description; a dateline ("DAMASCUS, March 4")
		}
		prev := d.fold(m.sp.a - 1)
		if prev == "the" {
			prev = d.fold(m.sp.a - 2)
		}
		if prev == "from" && (typ != extract.EventEscape || m.sp.a > a+4 || m.sp.a < a) || d.fold(m.sp.a-2) == "born" || d.fold(m.sp.a-3) == "born" ||
			d.fold(m.sp.a-3) == "from" && settlementNouns[d.fold(m.sp.a-2)] ||
			d.fold(m.sp.a-4) == "from" && d.fold(m.sp.a-3) == "the" && settlementNouns[d.fold(m.sp.a-2)] && d.fold(m.sp.a-1) == "of" {
			continue // an origin ("a resident from the city of Daraa"), not where
		}
		lives := d.fold(m.sp.a - 2)
		if d.fold(m.sp.a-1) == "the" {
			lives = d.fold(m.sp.a - 3) // "who lives in the United States"
		}
		if typ != extract.EventArrest && typ != extract.EventDetention && prev == "in" && residenceWords[lives] {
			// "X, who lives in the United States, testified": where a person
			// lives, not where the account was given (but "arrested a man
			// living in Utrecht": he was taken where he lives)
			continue
		}
		if prev == "to" && typ != extract.EventEscape && travelWords[d.fold(m.sp.a-2)] {
			continue // "trying to board a flight to Dubai": where he was going, not where it happened
		}
		if (typ == extract.EventTortureAllegation || typ == extract.EventExecutionAllegation) && m.sp.a < d.courtVerbBefore(a, s) {
			continue // "a court in The Hague convicted X for complicity in torture": the court's seat, not where he tortured
		}
		if prev == "near" && d.placeShortlyBefore(m.sp.a) {
			continue // "Tadamon, a Damascus suburb near the Yarmouk camp, where they carried out the arrests": Tadamon
		}
		if prev == "in" && d.fromBefore(m.sp.a-1) {
			continue // "a man from Aqrab village in Hama Governorate": his origin's region
		}
		if prev == "in" && d.fold(m.sp.a-2) == "," && d.originBefore(m.sp.a-2) || prev == "," && d.originBefore(m.sp.a-1) {
			continue // "said by phone from Gaziantep, in Turkey", "from Gaziantep, Turkey": where the speaker is
		}
		if isCloseQuote(d.fold(m.sp.b)) && d.fold(m.sp.b+1) == "s" && !(typ == extract.EventArrest && d.forcesAt(m.sp.b+2)) {
			continue // "Syria's ..."; but "the Damascus province's counterterrorism branch arrested": where its forces are
		}
		if allegationFrom >= 0 && m.sp.a > allegationFrom && m.sp.a < allegationTo {
			continue
		}
		if e.gaz != nil && e.gaz.Kind == "country" && typ != extract.EventTrial && typ != extract.EventConviction && typ != extract.EventSentence && typ != extract.EventArrest &&
			typ != extract.EventEscape && typ != extract.EventTestimony { // "fled to Russia", "an interview given in the Netherlands"
			continue
		}
		if relFrom >= 0 && (m.sp.a < relFrom || m.sp.a >= relTo) {
			continue // "X, who sentenced thousands to death, was arrested in Tartus": the arrest's place, not the sentencing's
		}
		if typ == extract.EventArrest && d.secondVerbBetween(m.sp, a) {
			continue // "entered Germany in 2018 and was arrested in 2019": where he went, not where he was arrested
		}
		dist := m.sp.a - a
		if dist < 0 {
			dist = -dist + 3 // after the trigger reads more naturally ("arrested in Homs")
		}
		court := d.fold(m.sp.b) == "court" || d.fold(m.sp.b) == "tribunal" || d.fold(m.sp.b+1) == "court"
		if court && !judicial[typ] {
			continue // "a Vienna court": where the court sits, not where the act happened
		}
		c := &cand{name: d.whereName(m.sp, e), fac: e.typ == ownFacility, spec: specificity(e), dist: dist, rol: rol,
			adj: court || nounTrig && (m.sp.b == a || m.sp.b == a-1 && d.toks[a-1].Digits) || courtEvents[typ] && m.sp.a == a+2 && locatives[prev] && d.own[a+1] == ownNone ||
				typ == extract.EventEscape && prev == "to" && m.sp.a > a && (m.sp.a <= a+3 || m.sp.a <= a+7 && d.fleeBetween(a+1, m.sp.a)), // "fled to Moscow", "escape and flee to the Netherlands": where the flight went, not a prison the sentence goes on to
			loc: locatives[prev] || prev == "from" || (prev == "of" && settlementNouns[d.fold(m.sp.a-2)])}
		if better(c, best) {
			best = c
		}
	}
	if wantFacility && (best == nil || !best.fac) {
		// "in the branch", "at the prison": the facility last named
		if k := d.facilityAnaphorIn(s); k >= 0 {
			if f := d.facilityBefore(k); f != "" {
				return f, true // named before, not here: as good as the scene
			}
		}
	}
	if best == nil && sceneEvents[typ] {
		// "the guards would beat us with a green water pipe": where the
		// account, or the story, is set
		if f := d.scene.FacilityAt(d.sentOf[a]); f != "" {
			return f, true
		}
	}
	if best == nil && courtEvents[typ] && d.scene.Dateline != "" {
		if state := d.courtState(s); state != "" && d.filedFromAnotherCountry(s, state) {
			return state, false // "BEIRUT, Lebanon – A German court convicted ...": the court is in Germany, not where the story was filed
		}
	}
	if (best == nil || best.spec == 0) && courtEvents[typ] && d.scene.Dateline != "" && !d.abroadOrPast(s) && (d.sentOf[a] <= 3 || d.courtIn(s)) {
		return d.scene.Dateline, false // "STOCKHOLM – A trial has begun": the court sits where the story is filed
	}
	if (best == nil || !best.loc && d.isCountry(best.name)) && courtEvents[typ] && !d.courtIntroduced(s) {
		if city := d.cityOfCourt(); city != "" && !d.abroadOrPast(s) {
			return city, false // "The French court sentenced ..." where the text names the court of Paris: the trial was in Paris
		}
	}
	if best == nil && courtEvents[typ] {
		if state := d.courtState(s); state != "" {
			return state, false // "A French court sentenced ...", with no city or dateline: the trial was in France
		}
	}
	if best == nil {
		return "", false
	}
	return best.name, false
}

// travelWords go before "to" and a destination: "a flight to Dubai".
var travelWords = set(`flight flights fly flew flying travel travelled traveled travelling traveling trip journey bound heading headed emigrated`)

// sceneEvents take the facility where the story is set when their
// sentence names no place: what a survivor recounts, what a guard is
// accused of, deaths in custody.
var sceneEvents = set(`torture_allegation execution_allegation death_in_custody testimony`)

// findScenes records the facilities named as the places where the story
// is set (extract.Setting): every facility mention except an origin ("two
// criminals from Adra prison", "transferred from X") and a person's
// description ("the former head of the Air Force Intelligence
// Investigative Branch").
func (d *doc) findScenes() {
	for _, m := range d.mentions {
		if m.ent == nil || m.ent.typ != ownFacility || d.inRole(m.sp) {
			continue
		}
		prev := d.fold(m.sp.a - 1)
		if prev == "the" {
			prev = d.fold(m.sp.a - 2)
		}
		if prev == "from" || d.partOfPrison(m.sp) {
			continue
		}
		// a bare town for its prison, a nickname ("the human slaughterhouse")
		// or the headline's shorthand
		weak := m.sp.b-m.sp.a == 1 || d.own[m.sp.a] == ownEpithet || isCloseQuote(d.fold(m.sp.b)) || d.titleLine(d.sentOf[m.sp.a])
		d.scene.AddFacility(d.sentOf[m.sp.a], m.ent.key, d.whereName(m.sp, m.ent), weak)
	}
}

// partOfPrison reports a facility named in lower case as a part of a
// prison the text names with it: "hanged in the prison's white building",
// "held in Sednaya's red building". The part is a facility of its own, but
// the prison is where its events happened and where the story is set (as
// annotators of real articles read it).
func (d *doc) partOfPrison(sp span) bool {
	return !d.toks[sp.a].Cap && d.fold(sp.a-1) == "s" && isCloseQuote(d.fold(sp.a-2))
}

// continuesList are words after a comma that go on with what a person is
// accused of: "killings of civilians, including the Jayrud massacre".
var continuesList = set(`including notably especially particularly such`)

// courtReasons start, after a court's decision, what it was for: the place
// of the crimes ("sentenced him for torturing detainees at the Mezzeh
// military airport in Damascus", "after finding that he tortured detainees
// in Damascus") is not where the court sits.
var courtReasons = set(`for finding found guilty convicting`)

// courtIn reports a court named in the sentence ("the court", "judges"):
// past the story's opening, a verdict told without one ("He was sentenced
// to fifteen years", in a survivor's story) may be another court's.
func (d *doc) courtIn(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		switch d.toks[k].Fold {
		case "court", "judge", "judges", "tribunal", "courtroom", "jury":
			return true
		}
	}
	return false
}

// courtEvents take the dateline's place when their sentence names none.
var courtEvents = set(`trial conviction sentence acquittal`)

// abroadOrPast reports a sentence that moves the story elsewhere or back in
// time ("in 2014", "in Syria"), where the dateline's place does not hold.
func (d *doc) abroadOrPast(s sentence) bool {
	for _, r := range d.dates {
		if r.FirstTok >= s.a && r.EndTok <= s.b && !r.Date.IsZero() && !r.Relative && r.Date.Year < d.pub.Year {
			return true
		}
	}
	return false
}

// whereName is how an event's place is written: as the sentence writes it,
// unless that is a bare town standing for a facility or a dateline in capitals.
func (d *doc) whereName(sp span, e *entity) string {
	if t := d.toks[sp.a]; t.Upper && len(t.Fold) > 3 || e.typ == ownFacility && sp.b-sp.a == 1 {
		return e.name
	}
	return d.str(sp)
}

// residenceWords say where a person lives: "who lives in the
// United States", "based in Berlin", "living in exile in Turkey".
var residenceWords = set(`lives live living lived resides reside residing based settled exile`)

// fromBefore reports "from" and the name of a place just before the
// preposition at k: "from Aqrab village in", "from the town of Kafr
// Nabudah in": the place after k holds an origin.
func (d *doc) fromBefore(k int) bool {
	for j := k - 1; j >= 0 && j >= k-6; j-- {
		t := d.toks[j]
		switch {
		case t.Fold == "from":
			return j < k-1
		case t.Word && (t.Cap || settlementNouns[t.Fold] || t.Fold == "the" || t.Fold == "of" || t.Fold == "al"), t.Fold == "-":
		default:
			return false
		}
	}
	return false
}

// originBefore reports a place ending at token k that follows "from": an
// origin or where a speaker is, whose apposition ("from Gaziantep, in
// Turkey") is no event's place either.
func (d *doc) originBefore(k int) bool {
	c := d.claimAt(k - 1)
	if c == nil || c.typ != ownPlace || c.sp.b != k {
		return false
	}
	prev := d.fold(c.sp.a - 1)
	if prev == "the" {
		prev = d.fold(c.sp.a - 2)
	}
	return prev == "from"
}

// facilityBefore names the facility mentioned last before token k.
func (d *doc) facilityBefore(k int) string {
	if h := d.anaphorHead(k); h > 0 {
		// "the military hospital": the facility named before whose name
		// has the noun, though another was named since
		for si := d.sentOf[k]; si >= 0 && si > d.sentOf[k]-20; si-- {
			ms := d.sentMents[si]
			for j := len(ms) - 1; j >= 0; j-- {
				if e := ms[j].ent; ms[j].sp.a < k && e != nil && e.typ == ownFacility && strings.Contains(strings.ToLower(e.name), d.toks[h].Fold) {
					return e.name
				}
			}
		}
	}
	for si := d.sentOf[k]; si >= 0 && si > d.sentOf[k]-20; si-- {
		ms := d.sentMents[si]
		for j := len(ms) - 1; j >= 0; j-- {
			if ms[j].sp.a < k && ms[j].ent != nil && ms[j].ent.typ == ownFacility && !d.partOfPrison(ms[j].sp) {
				return ms[j].ent.name // "the prison" is the prison, not the building of it named last
			}
		}
	}
	return ""
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// notRole end the look back for a role: the words after them say what a
// person is wanted or accused for, not what they are.
var notRole = set(`over wanted accused suspected charged convicted for`)

// judicial are the events a court's place is the place of.
var judicial = set(`trial conviction sentence acquittal charge referral_to_judiciary testimony`)

// specificity ranks how small a place is: a village over a district over a
// governorate over a country.
func specificity(e *entity) int {
	if e.typ == ownFacility {
		return 6
	}
	if e.gaz == nil {
		if strings.HasSuffix(strings.ToLower(e.name), " border") {
			return 2 // "the Syria-Lebanon border" runs for hundreds of kilometres: a town on it says more
		}
		return 5
	}
	switch e.gaz.Kind {
	case "country", "continent":
		return 0 // "witnesses who testified in Europe": no place an account or a death is pinned to
	case "governorate":
		return 1
	case "district", "region":
		return 2
	case "city", "subdistrict":
		return 3
	}
	return 5
}

// inRole reports whether a span lies in a person's apposition (", a former
// guard at Sednaya Prison", "a former Sednaya prison guard").
func (d *doc) inRole(sp span) bool {
	for k := sp.b; k < len(d.toks) && k < sp.b+2; k++ {
		if f := d.toks[k].Fold; roleNouns[f] && !victimNouns[f] {
			return true // "Sednaya prison guard"
		}
		if facilityHeads[d.toks[k].Fold] && k == sp.b {
			continue
		}
		break
	}
	for k := sp.a - 1; k >= 0 && k >= sp.a-10; k-- {
		f := d.toks[k].Fold
		if settlementNouns[f] || f == "home" || f == "house" || isCloseQuote(f) {
			return false // "a relative's home in X" is no apposition
		}
		if d.own[k] == ownPerson || d.own[k] == ownTitle {
			return false // "arrested Colonel X in Homs": the rank is the name's, the place the arrest's
		}
		if roleNouns[f] && !victimNouns[f] {
			return !d.agentNoun(k) // but "arrested by members of the Air Force Intelligence in Damascus": where they arrested
		}
		if f == "," || f == "." || d.toks[k].Word && (speechVerbs[f] || notRole[f]) {
			return false // "an officer wanted over the Tadamon massacre": what he is wanted for
		}
	}
	return false
}

// agentNoun reports a role noun at k that heads the agent of a passive:
// "by members of ...", "by officers of the branch": the ones who did the
// event, so a place after them is where they did it.
func (d *doc) agentNoun(k int) bool {
	j := k - 1
	for j >= 0 && j >= k-3 && d.toks[j].Word && (d.toks[j].Fold == "the" || roleAdjectives[d.toks[j].Fold] || preRole[d.toks[j].Fold]) {
		j--
	}
	return d.fold(j) == "by"
}

// unifyPlaces writes one place one way across the events of the text:
// where one sentence says "Branch 215" and the text elsewhere "Military
// Intelligence Branch 215", the event says the longer form, which holds
// the shorter.
func (d *doc) unifyPlaces() {
	for _, ev := range d.events {
		e := d.entityNamed(ev.where)
		if e == nil {
			continue
		}
		f := textfold.Fold(ev.where)
		best := ev.where
		for _, name := range append([]string{e.name}, e.aliases...) {
			if len(name) > len(best) && strings.Contains(textfold.Fold(name), f) {
				best = name
			}
		}
		ev.where = best
	}
}

// entityNamed returns the facility or place one of whose names is name.
func (d *doc) entityNamed(name string) *entity {
	if name == "" {
		return nil
	}
	f := textfold.Fold(name)
	for _, e := range d.ents {
		if e.hasAlias[f] {
			return e
		}
	}
	return nil
}

// facilityAnaphorIn returns where sentence s refers back to a facility
// ("in the branch", "at the prison"), or -1.
func (d *doc) facilityAnaphorIn(s sentence) int {
	for k := s.a; k+1 < s.b; k++ {
		if g := d.toks[k+1].Fold; d.toks[k].Fold == "the" && (facilityHeads[g] || facilityAnaphor[g]) && d.own[k+1] == ownNone {
			return k
		}
		if d.toks[k].Fold == "the" && d.anaphorHead(k) > 0 {
			return k // "the military hospital", "the political security branch" told again
		}
	}
	return -1
}

// anaphorHead returns the facility noun after "the" at k and one or two
// lower-case words of kind ("the military hospital"), or -1.
func (d *doc) anaphorHead(k int) int {
	for j := k + 1; j < len(d.toks) && j <= k+3; j++ {
		t := d.toks[j]
		if !t.Word || t.Cap || d.own[j] != ownNone {
			return -1
		}
		if j > k+1 && (facilityHeads[t.Fold] || facilityAnaphor[t.Fold]) {
			return j
		}
		if !preRole[t.Fold] && !roleAdjectives[t.Fold] {
			return -1
		}
	}
	return -1
}

// untiedScenes takes back the story's facility from an event whose own
// sentence names no place when the text never puts any of the event's
// named persons there: no sentence names both, and the sentence before
// the event's does not name the facility. An article about a Sednaya
// guard that mentions a video of a detainee held elsewhere does not place
// the detainee's torture at Sednaya; a wrong place on a named person's
// suffering is a wrong fact about them. Events that name nobody keep the
// scene (what "the guards" did where the account is set).
func (d *doc) untiedScenes() {
	for _, ev := range d.events {
		if !ev.sceneWhere || ev.where == "" || len(ev.who) == 0 {
			continue
		}
		e := d.entityNamed(ev.where)
		if e == nil {
			continue
		}
		facSents := map[int]bool{}
		for _, m := range d.mentions {
			if m.ent == e {
				facSents[d.sentOf[m.sp.a]] = true
			}
		}
		si := d.sentOf[ev.trig]
		// the sentence says "the branch", or the account goes on from the
		// sentence that named the place
		tied := d.facilityAnaphorIn(ev.sent) >= 0 || facSents[si-1]
		for _, w := range ev.who {
			for _, p := range d.persons {
				if p.name != w.Name {
					continue
				}
				for _, m := range p.ments {
					if facSents[d.sentOf[m.a]] {
						tied = true
					}
				}
			}
		}
		if !tied {
			ev.where, ev.sceneWhere = "", false
		}
	}
}

// courtStates maps a nationality to the state whose courts it names
// (lexicon/entities.txt [court_states]).
var courtStates = func() map[string]string {
	m := map[string]string{}
	for _, row := range lex.Rows("court_states") {
		m[extract.FoldPhrase(row[0])] = row[1]
	}
	return m
}()

// courtNouns name a court after a nationality.
var courtNouns = lex.Set("court_nouns")

// courtState returns the state of a court named by its nationality in
// sentence s ("A Dutch court convicted ...", "the French judiciary"), or "".
func (d *doc) courtState(s sentence) string {
	for k := s.a; k < s.b; k++ {
		state, ok := courtStates[d.toks[k].Fold]
		if !ok || !d.toks[k].Cap {
			continue
		}
		for j := k + 1; j < s.b && j <= k+3; j++ {
			f := d.toks[j].Fold
			if courtNouns[f] {
				return state
			}
			if !d.toks[j].Word || d.toks[j].Cap && d.own[j] != ownNone {
				break
			}
		}
	}
	return ""
}

// relativeClauseOf returns the relative clause set off by commas that
// holds a verb trigger at a (", who sentenced thousands to death,"), or
// -1, -1: what the clause tells happened elsewhere than the main clause.
func (d *doc) relativeClauseOf(a int, s sentence) (int, int) {
	from := -1
	for k := a - 1; k > s.a && k >= a-3; k-- {
		if relatives[d.fold(k)] && d.fold(k-1) == "," {
			from = k
			break
		}
		if !d.toks[k].Word {
			return -1, -1
		}
	}
	if from < 0 {
		return -1, -1
	}
	for k := a + 1; k < s.b; k++ {
		switch d.fold(k) {
		case ",":
			return from, k
		case ".", ";", ":":
			return -1, -1
		}
	}
	return -1, -1
}

// secondVerbBetween reports "and" and an auxiliary between a place
// mention and the trigger at a: the place is another verb's ("entered
// Germany and was arrested", "was arrested and had lived in Homs").
func (d *doc) secondVerbBetween(m span, a int) bool {
	i, j := m.b, a
	if m.a > a {
		i, j = a+1, m.a
	}
	for k := i; k < j; k++ {
		if d.fold(k) == "and" && coordinatedAux[d.fold(k+1)] && !allegationOpeners[d.fold(k+2)] {
			return true
		}
	}
	return false
}

// filedFromAnotherCountry reports a country other than state named in
// sentence s before the court's nationality: the dateline's ("BEIRUT,
// Lebanon – A German court ...").
func (d *doc) filedFromAnotherCountry(s sentence, state string) bool {
	for k := s.a; k < s.b; k++ {
		if _, ok := courtStates[d.toks[k].Fold]; ok && d.toks[k].Cap {
			return false
		}
		if c := d.claimAt(k); c != nil && c.typ == ownPlace && c.gaz != nil && c.gaz.Kind == "country" && c.gaz.NameEN != state {
			return true
		}
	}
	return false
}

// forcesAt reports a body of the state's forces starting at token k, or
// after a lower-case word or two: "counterterrorism branch", "security
// forces", "police".
func (d *doc) forcesAt(k int) bool {
	for j := k; j < len(d.toks) && j < k+3; j++ {
		if d.own[j] == ownOrg || forcesNouns[d.toks[j].Fold] || d.toks[j].Fold == "branch" || d.toks[j].Fold == "security" {
			return true
		}
	}
	return false
}

// fleeBetween reports a verb of fleeing in tokens [i, j): "managed to
// escape and flee to the Netherlands".
func (d *doc) fleeBetween(i, j int) bool {
	for k := i; k < j; k++ {
		switch d.toks[k].Fold {
		case "flee", "fled", "fleeing", "escape", "escaped", "make", "made", "way", "travel", "travelled", "traveled":
			return true
		case ",", ".", ";":
			return false
		}
	}
	return false
}

// placeShortlyBefore reports a place or facility named within the ten
// tokens before a, in its sentence, that a comma follows: the place that
// "a suburb near X" describes.
func (d *doc) placeShortlyBefore(a int) bool {
	s := d.sentence(a)
	for k := a - 1; k >= s.a && k >= a-10; k-- {
		if c := d.claimAt(k); c != nil && !c.dead && (c.typ == ownPlace || c.typ == ownFacility) && c.sp.b == k+1 && d.fold(k+1) == "," {
			return true
		}
	}
	return false
}

// courtVerbBefore returns the trigger of a court event (a trial, a
// conviction, a sentence) read before token a in a's sentence, or -1.
func (d *doc) courtVerbBefore(a int, s sentence) int {
	for _, ev := range d.events {
		if ev.sent == s && ev.trig < a && courtEvents[ev.typ] {
			return ev.trig
		}
	}
	return -1
}

// courtIntroduced reports a court a sentence introduces by its
// nationality: "A French court sentenced ...". The text has not yet said
// which court, so the country is where (courtState), not a city named
// elsewhere; "The French Criminal Court" is the court already named.
func (d *doc) courtIntroduced(s sentence) bool {
	for k := s.a + 1; k < s.b; k++ {
		if _, ok := courtStates[d.toks[k].Fold]; ok && d.toks[k].Cap && (d.fold(k-1) == "a" || d.fold(k-1) == "an") && courtNouns[d.fold(k+1)] {
			return true
		}
	}
	return false
}

// isCountry reports a place the text names that is a country.
func (d *doc) isCountry(name string) bool {
	e := d.entityNamed(name)
	return e != nil && e.gaz != nil && e.gaz.Kind == "country"
}

// cityOfCourt returns the one city whose court the text names: a place
// before a court's name ("the Koblenz court", "the Paris Court of Appeal",
// "the Paris criminal court") or after it ("the Higher Regional Court in
// Koblenz", "the court in Koblenz"). A trial, verdict or referral whose
// sentence names no city took place there: articles name the court's city
// once and then say "the court", "the trial", "the verdict". Two courts'
// cities leave it "": which court a sentence means is not known.
func (d *doc) cityOfCourt() string {
	if d.courtCityDone {
		return d.courtCity
	}
	d.courtCityDone = true
	city := ""
	for k := range d.toks {
		if !courtNouns[d.toks[k].Fold] || d.toks[k].Fold == "justice" || d.toks[k].Fold == "judiciary" {
			continue
		}
		name := d.cityBeforeCourt(k)
		if name == "" {
			name = d.cityAfterCourt(k)
		}
		switch {
		case name == "":
		case city == "":
			city = name
		case city != name:
			return "" // two courts' cities: which one a sentence means is not known
		}
	}
	d.courtCity = city
	return city
}

// cityBeforeCourt returns the city named right before the court noun at
// k, past words like "criminal" and "Higher Regional": "the Koblenz court".
// The city may be a place mention or the first words of a court's name the
// text reads as an organization ("the Paris Court of Appeal").
func (d *doc) cityBeforeCourt(k int) string {
	j := k - 1
	for j >= 0 && j >= k-3 && courtAdjectives[d.toks[j].Fold] {
		j--
	}
	if j < 0 || !d.toks[j].Cap {
		return ""
	}
	if c := d.claimAt(j); c != nil && c.typ == ownPlace && c.sp.b == j+1 {
		return d.cityName(c)
	}
	if c := d.claimAt(j); c != nil && c.typ == ownOrg {
		// "the Paris Court of Appeal" read as one body: its first words
		words := []string{}
		for i := c.sp.a; i <= j; i++ {
			if d.toks[i].Word {
				words = append(words, d.toks[i].Fold)
			}
		}
		return d.gazCity(words)
	}
	return ""
}

// cityAfterCourt returns the city named right after the court noun at k
// and "in": "the Criminal Court in Paris", "a regional court in Berlin".
func (d *doc) cityAfterCourt(k int) string {
	if d.fold(k+1) != "in" {
		return ""
	}
	if c := d.claimAt(k + 2); c != nil && c.typ == ownPlace && c.sp.a == k+2 {
		return d.cityName(c)
	}
	if c := d.claimAt(k + 2); c != nil && c.typ == ownOrg && c.sp.a < k+2 {
		// "the Higher Regional Court in Koblenz" read as one body: its last words
		words := []string{}
		for i := k + 2; i < c.sp.b; i++ {
			if d.toks[i].Word {
				words = append(words, d.toks[i].Fold)
			}
		}
		return d.gazCity(words)
	}
	return ""
}

// gazCity returns the gazetteer's name of the city that words name, all of
// them, or "".
func (d *doc) gazCity(words []string) string {
	if n, hits := d.gaz.MatchSkeleton(words, 0); n > 0 && n == len(words) && len(hits) > 0 && hits[0].Entry.Type == gazetteer.Place && hits[0].Entry.Kind != "country" {
		return hits[0].Entry.NameEN
	}
	return ""
}

// cityName returns the name of the place claim c when it is a city (no
// country, no governorate), or "".
func (d *doc) cityName(c *claim) string {
	if c.gaz != nil && c.gaz.Kind == "country" {
		return ""
	}
	for _, e := range d.ents {
		for _, m := range e.ments {
			if m == c.sp && e.typ == ownPlace {
				return e.name
			}
		}
	}
	return ""
}

// whereClauseWords may stand between "where" and the verb of its clause:
// "where he was arrested", "where they had later been held".
var whereClauseWords = set(`he she they i we was were had been later first then also allegedly reportedly`)

// facilityWhere returns the facility a "where" clause holding the trigger
// at a hangs on: "in the Al-Khatib branch where he was arrested",
// "Branch 215, where he was held", "Branch 215, a detention facility run
// by military intelligence in Damascus, where he was held" (past the
// facility's description), or "". An arrest otherwise takes no facility
// (one is where a man was taken after his arrest); a clause that says
// "where" of the facility says that it happened there.
func (d *doc) facilityWhere(a int, s sentence) string {
	k := a - 1
	for k > s.a && k >= a-4 && whereClauseWords[d.fold(k)] {
		k--
	}
	if k <= s.a || d.fold(k) != "where" || k == a-1 {
		return ""
	}
	j := k - 1
	if d.fold(j) == "," {
		j--
	}
	if c := d.claimAt(j); c != nil && c.typ == ownFacility && c.sp.b == j+1 {
		return d.facilityNameAt(c.sp)
	}
	// past a description set off by a comma: "Branch 215, a detention
	// facility run by military intelligence in Damascus where ..."
	for i := j; i > s.a && i > k-16; i-- {
		f := d.fold(i)
		if f == "." || f == ";" || f == "“" || f == "”" || f == "\"" || speechVerbs[f] {
			return ""
		}
		if f != "," || (d.fold(i+1) != "a" && d.fold(i+1) != "an" && d.fold(i+1) != "the") {
			continue
		}
		if c := d.claimAt(i - 1); c != nil && c.typ == ownFacility && c.sp.b == i {
			return d.facilityNameAt(c.sp)
		}
		return ""
	}
	return ""
}

// facilityNameAt returns the name of the facility mentioned at sp.
func (d *doc) facilityNameAt(sp span) string {
	for _, m := range d.mentionsIn(d.sentence(sp.a)) {
		if m.ent != nil && m.ent.typ == ownFacility && m.sp.a <= sp.a && sp.b <= m.sp.b {
			return d.whereName(m.sp, m.ent)
		}
	}
	return ""
}

// arrestAfter reports an arrest told after the trigger at a in its
// sentence: "the airport where he was detained following his arrest on
// the border". The custody the "where" clause tells came after that
// arrest, whose place is its own.
func (d *doc) arrestAfter(a int, s sentence) bool {
	for k := a + 1; k < s.b; k++ {
		switch d.fold(k) {
		case "arrest", "arrested", "capture", "captured":
			return true
		}
	}
	return false
}

// arrestBackRefs are the nouns a sentence refers back to an arrest with:
// "the arrest followed an operation in Tartus", "the operation was
// conducted in the Damascus province", "where they carried out the arrests".
var arrestBackRefs = set(`arrest arrests operation raid`)

// arrestPlacesNearby gives an arrest whose sentence names no place the
// place of a sentence close by (two before to two after) that refers back
// to the arrest ("the arrest", "the operation") and places it: articles
// name the person in one sentence and the place in the next ("... have
// apprehended X. The ministry announced the arrest, revealing that the
// operation was conducted by the counterterrorism branch in the Damascus
// province."). A sentence that tells another named person's arrest is
// that arrest's, and a country is too loose a place to lend.
func (d *doc) arrestPlacesNearby() {
	for _, ev := range d.events {
		if ev.typ != extract.EventArrest || ev.where != "" || len(ev.who) == 0 {
			continue
		}
		si := d.sentOf[ev.trig]
		place := ""
		for sj := si - 2; sj <= si+2; sj++ {
			if sj < 0 || sj >= len(d.sents) || sj == si || d.arrestOfOther(sj, ev) {
				continue
			}
			s := d.sents[sj]
			for k := s.a + 1; k < s.b; k++ {
				if !arrestBackRefs[d.toks[k].Fold] || !definite[d.fold(k-1)] {
					continue
				}
				w, scene := d.whereFor(extract.EventArrest, k, s, true)
				if w == "" || scene || d.isCountry(w) {
					continue
				}
				if place != "" && place != w {
					place = "-" // two places told of the arrest: which is not known
				} else if place == "" {
					place = w
				}
				break
			}
		}
		if place != "" && place != "-" {
			ev.where = place
		}
	}
}

// definite are the words before a noun that refer back: "the arrest",
// "his arrest".
var definite = set(`the his her their this that`)

// arrestOfOther reports an arrest in sentence sj of a named person not
// among ev's.
func (d *doc) arrestOfOther(sj int, ev *event) bool {
	for _, o := range d.events {
		if o == ev || o.typ != extract.EventArrest || d.sentOf[o.trig] != sj {
			continue
		}
		for _, w := range o.who {
			if !hasParticipant(ev.who, w.Name) {
				return true
			}
		}
	}
	return false
}
