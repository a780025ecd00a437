package en

import (
	"slices"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/gazetteer"
)

// person is a person the text names, with every mention.
type person struct {
	name        string
	words       []string // folded name words without particles
	rank, title string
	roles       []string
	aliases     []string
	birthplace  string
	affiliation string
	status      string
	ments       []span
	official    bool // speaks or acts for an authority
	female      bool // a given name or kunya the lexicon knows as a woman's
	male        bool
	victim      bool      // described as a detainee, survivor or victim
	kin         []kinship // relations the text gives: "Almashan’s older brother"
	first       int       // token index of the first mention
}

// phrases is a list of folded phrases split into words once.
type phrases struct {
	text  []string
	words [][]string
}

func newPhrases(ps []string) phrases {
	out := phrases{text: ps}
	for _, p := range ps {
		out.words = append(out.words, strings.Fields(p))
	}
	return out
}

var (
	rankPhrases  = newPhrases(ranks)
	titlePhrases = newPhrases(titles)
)

// phraseAt matches one of ps at token i (dots in the text after a word are
// skipped: "Brig. Gen.") and returns how many tokens it covers.
func (d *doc) phraseAt(i int, ps phrases) (n int, matched string) {
	best := 0
	for pi, ws := range ps.words {
		if i >= len(d.toks) || d.toks[i].Fold != ws[0] {
			continue
		}
		k := i
		ok := true
		for _, w := range ws {
			if k >= len(d.toks) || d.toks[k].Fold != w {
				ok = false
				break
			}
			k++
			if k < len(d.toks) && d.toks[k].Fold == "." && !d.toks[k].Space {
				k++
			}
		}
		if ok && k-i > best {
			best, matched = k-i, ps.text[pi]
		}
	}
	return best, matched
}

// nameWord reports whether token i can be part of a person's name.
func (d *doc) nameWord(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	t := d.toks[i]
	if !t.Word || !t.Cap || notNameWords[t.Fold] || t.Digits {
		return false
	}
	if t.Upper && len(t.Fold) > 1 {
		return false // "LEAVE A REPLY", acronyms
	}
	switch d.own[i] {
	case ownNone:
		return true
	case ownPlace:
		c := d.claimAt(i)
		if c != nil && (c.gaz == nil || c.gaz.Weak) {
			return true
		}
		// "According to Diab Seria": a one-word place that is a given name
		// before a free capitalized word starts a name
		if c != nil && c.sp.b-c.sp.a == 1 && givenNames[t.Fold] && c.sp.a == i && d.tok(i+1).Cap && d.own[i+1] == ownNone && d.nameWord(i+1) {
			return true
		}
		// "Riad Mahmoud Kassab": a one-word town name that ends a name in progress
		return c != nil && c.sp.b-c.sp.a == 1 && i > 0 && d.toks[i-1].Word && d.toks[i-1].Cap &&
			d.own[i-1] == ownNone && !placeCues[d.toks[i-1].Fold] && (d.claimAt(i-1) == nil) && i > 1 && givenNamesBefore(d, i)
	}
	return false
}

// givenNamesBefore reports a given name among the two words before token i.
func givenNamesBefore(d *doc, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if givenNames[d.toks[k].Fold] {
			return true
		}
	}
	return false
}

// particleAt reports a name particle at i that joins to a name word after it.
func (d *doc) particleAt(i int) int {
	if i >= len(d.toks) || !d.toks[i].Word || !particles[d.toks[i].Fold] || d.own[i] != ownNone {
		return 0
	}
	if d.fold(i+1) == "-" && !d.tok(i+1).Space && !d.tok(i+2).Space && d.nameWord(i+2) {
		return 2
	}
	if hyphenParticles[d.toks[i].Fold] && !((d.toks[i].Fold == "al" || d.toks[i].Fold == "el") && d.toks[i].Cap) {
		return 0 // "as", "at", "an" are English words unless hyphenated
	}
	if d.nameWord(i + 1) {
		return 1
	}
	// "Abd al-Rahman"
	if d.tok(i+1).Word && particles[d.fold(i+1)] {
		if n := d.particleAt(i + 1); n > 0 {
			return 1
		}
	}
	return 0
}

// nameRun reads a person's name starting at token s and returns its end.
func (d *doc) nameRun(s int) (b int, words []string) {
	i := s
	for i < len(d.toks) && len(words) < 6 {
		if i > s && d.toks[i].Newlines > 0 {
			break
		}
		if n := d.particleAt(i); n > 0 {
			i += n
			continue
		}
		if !d.nameWord(i) {
			break
		}
		words = append(words, d.toks[i].Fold)
		i++
		// Abdul-Qadir, Al-Hamada: a hyphen inside the name
		if d.fold(i) == "-" && !d.tok(i).Space && !d.tok(i+1).Space && d.nameWord(i+1) {
			i++
		}
	}
	// a trailing particle or hyphen is not part of the name
	end := i
	for end > s && (!d.toks[end-1].Word || particles[d.toks[end-1].Fold]) {
		end--
	}
	if end < i && (end == s || len(words) > 0 && d.toks[end-1].Fold != words[len(words)-1]) {
		// the trimmed tokens held a name word ("Ad" read as a word): start over shorter
		words = words[:0]
		for k := s; k < end; k++ {
			if d.toks[k].Word && !particles[d.toks[k].Fold] {
				words = append(words, d.toks[k].Fold)
			}
		}
	}
	if end <= s {
		return s, nil
	}
	return end, words
}

// titleBefore reads a rank or title that ends just before token s.
func (d *doc) titleBefore(s int) (rank, title string, official bool, start int) {
	start = s
	if s < len(d.toks) && d.toks[s].Newlines >= 2 {
		return // a heading's last word ("The guards") is no title of the paragraph's first
	}
	// ranks and capitalized titles: scan back a few tokens for one that ends at s
	for a := s - 1; a >= 0 && a >= s-6; a-- {
		if n, _ := d.phraseAt(a, rankPhrases); n > 0 && a+n == s {
			if !d.toks[a].Cap {
				continue
			}
			rank, start = d.str(span{a, s}), a
			if isRankCommander(d.toks[a].Fold) {
				rank, official = "", true
				title = d.str(span{a, s})
			}
		}
		if n, m := d.phraseAt(a, titlePhrases); n > 0 && a+n == s && rank == "" && title == "" {
			title, start = d.str(span{a, s}), a
			official = (officialTitles[lastWord(m)] || strings.Contains(m, "minister")) && !d.formerBefore(a)
			// "Interior Minister", "Internal Security official": capitalized words before
			b := d.capitalRunLeft(a, 3, false)
			if b < a && d.own[b] != ownPerson {
				title, start = d.str(span{b, s}), b
			}
		}
	}
	if rank != "" || title != "" {
		return
	}
	// lowercase role before the name: "former guard Ous Salloum", "official Muhammad Abdulqadir"
	if s > 0 && d.toks[s-1].Word && roleNouns[d.toks[s-1].Fold] && !d.toks[s-1].Cap {
		a := s - 1
		for a > 0 && d.toks[a-1].Word && (roleAdjectives[d.toks[a-1].Fold] || d.toks[a-1].Cap) && !notNameLeft[d.toks[a-1].Fold] && d.own[a-1] != ownPerson && a > s-5 && !d.participleVerb(a-1) {
			a--
		}
		title, start = d.str(span{a, s}), a
		official = officialTitles[d.toks[s-1].Fold] && !d.formerIn(a, s)
	}
	return
}

func isRankCommander(f string) bool { return f == "commander" }

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// findPersons finds full names (by given name, kunya, rank, title or
// context), then links later partial mentions ("Salloum") to them.
func (d *doc) findPersons() {
	d.findCodedWitnesses()
	for i := 0; i < len(d.toks); i++ {
		if !d.toks[i].Word || d.own[i] != ownNone && d.own[i] != ownPlace {
			continue
		}
		if d.inEpithet(i) {
			continue
		}
		startsWithParticle := d.particleAt(i) > 0 && (d.toks[i].Cap || kunyaStarts[d.toks[i].Fold])
		if !d.nameWord(i) && !startsWithParticle {
			continue
		}
		// the rank or title is read by titleBefore from the name's first word;
		// its own words ("Officer" in "Warrant Officer Ali Abboud") start no name
		if n, _ := d.phraseAt(i, titlePhrases); n > 0 && d.toks[i].Cap && d.nameWord(i+n) {
			i += n - 1
			continue
		}
		if n, _ := d.phraseAt(i, rankPhrases); n > 0 && d.toks[i].Cap && d.nameWord(i+n) {
			i += n - 1
			continue
		}
		b, words := d.nameRun(i)
		if len(words) == 0 || b <= i {
			continue
		}
		if allInitials(words) {
			// "witness W-07", "Mr. X": a letter is a code, not a name
			i = b - 1
			continue
		}
		// "Fahad A.", "Mustafa A.": a name the press shortens to an initial
		initial := false
		if b2 := d.initialAfter(b); b2 > b {
			words = append(words, d.toks[b].Fold)
			b, initial = b2, true
		} else if t := d.tok(b); t.Word && t.Cap && len(t.Fold) == 1 && t.Space && d.fold(b+1) == "," && d.fold(i-1) == "as" && len(words) == 1 {
			// "identified in court only as Mustafa A, was involved": the
			// initial without its full stop
			words = append(words, t.Fold)
			b, initial = b+1, true
		} else if last := d.toks[b-1]; b-1 > i && len(last.Fold) == 1 && last.Cap && d.fold(b) == "." && !d.tok(b).Space {
			b, initial = b+1, true // the run took the initial's letter; its full stop belongs to it too
		}
		// from here every "i = b - 1" moves forward
		rank, title, official, tstart := d.titleBefore(i)
		strong := rank != "" || title != "" || givenNames[words[0]] || initial ||
			((kunyaStarts[d.toks[i].Fold] || nameStarts[d.toks[i].Fold]) && len(words) >= 1)
		if !strong && len(words) >= 2 && !toponymHeads[words[0]] && (d.personContext(i, b) || d.byline(i)) {
			// "Kafr Nabudah said" is a village's people speaking: a name that
			// opens as a place name does is a person's only by a given name,
			// a rank or a title
			strong = true
		}
		if !strong && len(words) >= 2 && !toponymHeads[words[0]] && d.inNameList(i, b) {
			strong = true
		}
		if !strong {
			i = b - 1
			continue
		}
		if len(words) == 1 && rank == "" && title == "" && !kunyaStarts[d.toks[i].Fold] && !d.firstNameCue(i) {
			// one given name alone ("Mazen said") waits for coreference
			i = b - 1
			continue
		}
		sp := span{i, b}
		for k := sp.a; k < sp.b; k++ {
			if d.own[k] == ownPlace {
				if c := d.claimAt(k); c != nil {
					d.killClaim(c)
				}
			}
		}
		var p *person
		if len(words) == 1 {
			p = d.nearestWith(words[0], i)
		}
		if p == nil {
			p = d.personForAt(words, d.str(sp), i)
		}
		p.ments = append(p.ments, sp)
		if p.first < 0 || sp.a < p.first {
			p.first = sp.a
		}
		if rank != "" && p.rank == "" {
			p.rank = rank
		}
		if title != "" && p.title == "" {
			p.title = title
		}
		p.official = p.official || official
		for k := sp.a; k < sp.b; k++ {
			d.own[k] = ownPerson
		}
		for k := tstart; k < sp.a; k++ {
			if d.own[k] == ownNone {
				d.own[k] = ownTitle
			}
		}
		i = b - 1
	}
	d.corefer()
	if d.findLoneNames() {
		d.corefer() // later mentions of a lone name: "Amer's death"
	}
}

// inNameList reports a capitalized run [a, b) that continues a list of
// persons: a person named just before it and a comma, and the list going
// on after it ("X, Y, Moutaz Rifai, Samer Khatib and Z": a name no list of
// given names holds is a person among persons).
func (d *doc) inNameList(a, b int) bool {
	if d.fold(a-1) != "," || d.own[a-2] != ownPerson || d.toks[a].Newlines > 0 {
		return false
	}
	next := d.fold(b)
	return next == "," || next == "and"
}

// kinNouns name a relation that a lone given name may follow: "his son
// Patrick", "the deceased's sister, Amal", "with his friend Ahmed".
var kinNouns = lex.Set("kin_nouns")

// lonePredicates follow a lone given name that is the subject of its
// clause: "Amer was arrested", "Adnan said".
var lonePredicates = lex.Set("lone_predicates")

// findLoneNames finds persons the text names by one word only, where the
// words around say it is a person: a kinship noun before it, or a known
// given name followed by a verb ("Amer was arrested"). A word that names a
// known person is theirs (corefer has linked it).
func (d *doc) findLoneNames() bool {
	added := false
	for i := 1; i < len(d.toks); i++ {
		t := d.toks[i]
		if !t.Word || !t.Cap || d.own[i] != ownNone || !d.nameWord(i) || d.nameWord(i+1) || d.particleAt(i+1) > 0 {
			continue
		}
		if d.nameWord(i-1) || d.fold(i-1) == "-" || d.initialAfter(i+1) > i+1 {
			continue
		}
		j := i - 1
		if d.fold(j) == "," {
			j--
		}
		kin := kinNouns[d.fold(j)] && !d.toks[j].Cap || d.kinApposition(i+1)
		subject := givenNames[t.Fold] && lonePredicates[d.fold(i+1)] && (d.toks[i].Newlines > 0 || d.fold(i-1) == "." || d.fold(i-1) == "," || d.fold(i-1) == "and")
		if !kin && !subject && !d.sharesFamilyName(i) {
			continue
		}
		p := d.personFor([]string{t.Fold}, t.Fold)
		p.name = d.str(span{i, i + 1})
		p.ments = append(p.ments, span{i, i + 1})
		d.own[i] = ownPerson
		added = true
	}
	if added {
		for _, p := range d.persons {
			sort.Slice(p.ments, func(i, j int) bool { return p.ments[i].a < p.ments[j].a })
			if len(p.ments) > 0 {
				p.first = p.ments[0].a
			}
		}
		sort.SliceStable(d.persons, func(i, j int) bool { return d.persons[i].first < d.persons[j].first })
		d.indexPersons()
	}
	return added
}

// sharesFamilyName reports a lone given name at token i coordinated with
// a full name that follows ("two brothers, Omar and Yaser Abdul Karim
// Diab"): the two share the family name, and the first is a person the
// text names by his given name.
func (d *doc) sharesFamilyName(i int) bool {
	if !givenNames[d.toks[i].Fold] || d.fold(i+1) != "and" {
		return false
	}
	p, m := d.mentionAt(i + 2)
	return p != nil && m.a == i+2 && len(p.words) >= 2 && d.own[m.a] == ownPerson
}

// kinApposition reports an apposition at token k that gives a kinship to
// a person the text names: ", Almashan’s older brother", ", the brother of
// Mazen al-Hamada". A lone capitalized word it follows is a person's name
// ("The photo of Okba, Almashan’s older brother, ...").
func (d *doc) kinApposition(k int) bool {
	if d.fold(k) != "," {
		return false
	}
	k++
	if d.fold(k) == "the" && kinNouns[d.fold(k+1)] && d.fold(k+2) == "of" {
		p, m := d.mentionAt(k + 3)
		return p != nil && m.a == k+3
	}
	p, m := d.mentionAt(k)
	if p == nil || m.a != k || !isCloseQuote(d.fold(m.b)) || d.fold(m.b+1) != "s" {
		return false
	}
	for j := m.b + 2; j < len(d.toks) && j <= m.b+4; j++ {
		if t := d.toks[j]; kinNouns[t.Fold] && !t.Cap {
			return true
		} else if !t.Word || t.Cap {
			return false
		}
	}
	return false
}

// inEpithet reports a token inside a nickname introduced by a cue.
func (d *doc) inEpithet(i int) bool {
	for _, e := range d.epithets {
		if e.sp.a <= i && i < e.sp.b {
			return true
		}
	}
	return false
}

// initialAfter reads an initial that ends a name at token b ("A." in
// "Fahad A.", as German and Dutch courts and the press name defendants)
// and returns where it ends, or b. The full stop is part of the name.
func (d *doc) initialAfter(b int) int {
	t := d.tok(b)
	if !t.Word || !t.Cap || len(t.Fold) != 1 || !t.Space || d.fold(b+1) != "." || d.tok(b+1).Space {
		return b
	}
	if n := d.tok(b + 2); n.Word && n.Cap && !n.Space && d.fold(b+3) == "." {
		return b // "U.S."
	}
	return b + 2
}

// byline reports a name that opens a line after "By": "By Kamaran Aziz".
func (d *doc) byline(a int) bool {
	if a > 1 && (d.fold(a-1) == ";" || d.fold(a-1) == ":") {
		// "Translated by; X" (a slip for a colon), "Contact: X": a credit
		// line's punctuation before its name
		if d.toks[a-2].Fold == "by" {
			return d.byline(a - 1)
		}
		return d.fold(a-1) == ":" && creditLabels[d.toks[a-2].Fold] && d.toks[a-2].Cap && (a == 2 || d.toks[a-2].Newlines > 0)
	}
	if a > 1 && d.toks[a-1].Fold == "by" && creditWords[d.fold(a-2)] {
		return true // a wire credit line: "(Reporting by X; Editing by Y)"
	}
	if a > 0 && d.toks[a-1].Fold == "by" && d.toks[a-1].Cap && (a == 1 || d.toks[a-1].Newlines > 0) {
		return true
	}
	// "Written By X", "Translated to English by X": a credit line that
	// opens with a participle of writing
	if a < 2 || d.toks[a-1].Fold != "by" {
		return false
	}
	for k := a - 2; k >= 0 && k >= a-5; k-- {
		if d.toks[k].Newlines > 0 || k == 0 {
			return bylineVerbs[d.toks[k].Fold] && d.toks[k].Cap
		}
	}
	return false
}

// bylineVerbs open a credit line: "Written by X", "Translated by Y".
var bylineVerbs = set(`written translated edited reported compiled photographed`)

// creditLabels open a credit line before a colon: "Contact: X".
var creditLabels = lex.Set("credit_labels")

// creditWords open a wire service's credit line before "by".
var creditWords = set(`reporting writing editing`)

// personContext reports cues around a capitalized run that make it a
// person's name: an apposition (", a former guard", ", 45,"), a speech verb,
// an age before it ("30-year-old Qasem ...").
// firstNameCue reports a single name at token i that the text gives as
// all it knows of a person: "who gave his name only as Hassan", "who gave
// only his first name, Jamil,", "identified only by their first names,
// Maher and Rami". Such a person is named once and never fully.
func (d *doc) firstNameCue(i int) bool {
	if !d.toks[i].Cap || !givenNames[d.toks[i].Fold] && !femaleNames[d.toks[i].Fold] {
		return false
	}
	if d.fold(i-1) == "and" && d.fold(i-3) == "," && d.firstNameCue(i-2) {
		return true // "..., Maher and Rami"
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch d.fold(k) {
		case "name", "names":
			return true
		case ",", "as", "only":
		default:
			return false
		}
	}
	return false
}

// personPassives are the passives of what only befalls a person: a name
// of two words or more before "was arrested" is a person's.
var personPassives = set(`arrested detained tortured executed sentenced convicted jailed abducted imprisoned interrogated`)

// groupOfBefore reports a name after "of" and a plural noun: "Residents
// of Ain al-Sharqiyah said", "families of Darayya told": the group speaks,
// and the name is the place it is from.
func (d *doc) groupOfBefore(a int) bool {
	g := d.tok(a - 2)
	lower := !g.Cap || a-2 == d.sentence(a).a // "Residents" opening the sentence
	return d.fold(a-1) == "of" && g.Word && lower && strings.HasSuffix(g.Fold, "s") && len(g.Fold) > 3
}

func (d *doc) personContext(a, b int) bool {
	if d.fold(a-1) == "old" && d.fold(a-2) == "-" && d.fold(a-3) == "year" {
		return true
	}
	next := d.fold(b)
	if next == "," || next == "(" {
		n := d.fold(b + 1)
		if n == "a" || n == "an" || n == "who" || n == "the" && roleNouns[d.fold(b+2)] || roleAdjectives[n] || d.tok(b+1).Digits {
			return true
		}
		if d.roleAfterComma(b + 1) {
			return true // "X, Chair of the Commission, said", "said X, Middle East deputy director at Amnesty"
		}
		if n == "one" && d.fold(b+2) == "of" && d.oneOfRole(b+3) {
			return true // "X, one of the three defence lawyers, said"
		}
	}
	if (speechVerbs[next] || next == "confessed" || next == "testified") && !d.groupOfBefore(a) {
		return true
	}
	if next == "contributed" && d.fold(b+1) == "reporting" {
		return true // "X contributed reporting from Berlin": a reporter's credit
	}
	if next == "died" || (next == "was" || next == "were") && personPassives[d.fold(b+1)] {
		return true // "Taymour Haddad was arrested in Homs": what only befalls a person
	}
	// "The commission's head, Reem Sabbagh, said": a role noun and a comma before
	if d.fold(a-1) == "," && roleNouns[d.fold(a-2)] && (next == "," || next == ".") {
		return true
	}
	if p := d.fold(a - 1); p == "named" || (p == "as" && d.fold(a-2) == "identified") {
		return true
	}
	return false
}

// oneOfRole reports a plural role noun a few words after k: "(one of) the
// three defence lawyers", "(one of) his lawyers".
func (d *doc) oneOfRole(k int) bool {
	for j := k; j < len(d.toks) && j < k+5; j++ {
		f := d.toks[j].Fold
		if strings.HasSuffix(f, "s") && roleNouns[strings.TrimSuffix(f, "s")] {
			return true
		}
		if !d.toks[j].Word || d.toks[j].Cap {
			return false
		}
	}
	return false
}

// personFor returns the person these name words belong to, creating one.
// A name that adds to or drops words of a known one with the same family
// name ("Thaer Hussein", "Col. Thaer Hussein") is the same person.
func (d *doc) personFor(words []string, written string) *person {
	return d.personForFather(words, written, false)
}

// personForAt is personFor for the name at token i: a name given as
// someone's father ("His father, Mahmoud Ghazal, was detained") is not
// the son whose name holds his (see fatherByNasab).
func (d *doc) personForAt(words []string, written string, i int) *person {
	k := i - 1
	if d.fold(k) == "," {
		k--
	}
	return d.personForFather(words, written, d.fold(k) == "father" && !d.tok(k).Cap)
}

func (d *doc) personForFather(words []string, written string, father bool) *person {
	for _, p := range d.persons {
		if slices.Equal(p.words, words) {
			return p // the father named after his son, named again: "Mahmoud Ghazal said little"
		}
	}
	for _, p := range d.persons {
		if sameName(p.words, words) && !(father && fatherByNasab(p.words, words)) {
			if len(words) > len(p.words) {
				p.words, p.name = words, written
			}
			return p
		}
	}
	for _, p := range d.persons {
		if sameTransliteration(p.words, words) {
			return p // "Haytham Jabr" after "Haitham Ahmad Jaber": the first spelling stays the name
		}
	}
	p := &person{name: written, words: words, first: -1}
	if len(words) > 0 {
		p.female = femaleNames[words[0]]
		p.male = givenNames[words[0]] && !p.female
	}
	if strings.HasPrefix(strings.ToLower(written), "umm ") {
		p.female, p.male = true, false
	}
	d.persons = append(d.persons, p)
	return p
}

// sameTransliteration reports two full names that are one Arabic name
// spelled two ways in Latin letters. English-language reporting spells
// Arabic names by ear, and one article often gives a second spelling ("as
// his name is spelled on his residence card", "Arabic-language media have
// spelled it"): the spellings differ in vowels, in y and w, in doubled
// letters and in a dropped "al-", not in the consonants (Haitham/Haytham,
// Jaber/Jabr, Wissam al-Khoury/Wisam Khouri, Ahmed/Ahmad). Both names must
// have two words or more, agree in their first and last words' consonant
// skeletons (of two consonants at least, so that short names do not
// collide), and the shorter's skeletons must occur in the longer in order.
func sameTransliteration(a, b []string) bool {
	if len(a) < 2 || len(b) < 2 {
		return false
	}
	sk := func(ws []string) []string {
		out := make([]string, len(ws))
		for i, w := range ws {
			out[i] = gazetteer.Skeleton(w)
		}
		return out
	}
	x, y := sk(a), sk(b)
	if len(x[0]) < 2 || len(x[len(x)-1]) < 2 || x[0] != y[0] || x[len(x)-1] != y[len(y)-1] {
		return false
	}
	short, long := x, y
	if len(x) > len(y) {
		short, long = y, x
	}
	k := 0
	for _, w := range long {
		if k < len(short) && short[k] == w {
			k++
		}
	}
	return k == len(short)
}

// fatherByNasab reports that one name is the other without its first
// word: in an Arabic name the second word is the father's given name, so
// "Mahmoud Ghazal" given as the father of "Yaman Mahmoud Ghazal" ("His
// father, Mahmoud Ghazal, was detained in 1987") is the father, not Yaman.
// Only a name given as a father's is read so: elsewhere the same shape is
// a surname mention ("Ammar Zein al-Abidin" ... "Zein al-Abidin said"). A
// compound given name ("Abdul Karim Hallaq") stays one person.
func fatherByNasab(a, b []string) bool {
	short, long := a, b
	if len(a) > len(b) {
		short, long = b, a
	}
	if len(long) < 3 || len(short) != len(long)-1 || compoundFirst[long[0]] {
		return false
	}
	return slices.Equal(short, long[1:])
}

// compoundFirst are the first words of compound given names and kunyas.
var compoundFirst = set(`abd abdul abdel abdal abdol abu umm um abou`)

func sameName(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	if a[len(a)-1] != b[len(b)-1] {
		return false
	}
	short, long := a, b
	if len(a) > len(b) {
		short, long = b, a
	}
	if len(short) == 1 {
		return len(long) == 1
	}
	// every word of the shorter name occurs in the longer, in order
	k := 0
	for _, w := range long {
		if k < len(short) && short[k] == w {
			k++
		}
	}
	return k == len(short)
}

// corefer links single-word mentions ("Salloum", "al-Hamada", "Khattab") to
// the person whose name holds that word: the nearest mentioned before, else
// the first after.
func (d *doc) corefer() {
	if len(d.persons) == 0 {
		d.indexPersons()
		return
	}
	d.byLast, d.byOther = map[string][]*person{}, map[string][]*person{}
	for _, p := range d.persons {
		if len(p.words) == 0 {
			continue
		}
		d.byLast[p.words[len(p.words)-1]] = append(d.byLast[p.words[len(p.words)-1]], p)
		for _, w := range p.words[:len(p.words)-1] {
			d.byOther[w] = append(d.byOther[w], p)
		}
	}
	for i := 0; i < len(d.toks); i++ {
		if d.own[i] != ownNone && d.own[i] != ownPlace || d.inEpithet(i) {
			continue // a nickname's words are linked by linkEpithets
		}
		b, words := d.nameRun(i)
		if len(words) >= 2 && b > i && d.own[i] == ownNone {
			if p := d.tailOf(words); p != nil {
				for k := i; k < b; k++ {
					d.own[k] = ownPerson
				}
				d.insertMention(p, span{i, b})
				i = b - 1
				continue
			}
		}
		if len(words) != 1 || b <= i {
			if b > i+1 {
				i = b - 1
			}
			continue
		}
		if d.fold(i-1) == "the" && d.tok(b).Word && !d.tok(b).Cap {
			i = b - 1 // "the Assad family", "the Assad era": a family name used as an adjective
			continue
		}
		p := d.nearestWith(words[0], i)
		if p == nil {
			i = b - 1
			continue
		}
		for k := i; k < b; k++ {
			if d.own[k] == ownPlace {
				if c := d.claimAt(k); c != nil {
					d.killClaim(c)
				}
			}
		}
		for k := i; k < b; k++ {
			d.own[k] = ownPerson
		}
		d.insertMention(p, span{i, b})
		i = b - 1
	}
	for _, p := range d.persons {
		sort.Slice(p.ments, func(i, j int) bool { return p.ments[i].a < p.ments[j].a })
		if len(p.ments) > 0 {
			p.first = p.ments[0].a
		}
	}
	sort.SliceStable(d.persons, func(i, j int) bool { return d.persons[i].first < d.persons[j].first })
	d.indexPersons()
}

// tailOf returns the one person whose longer name ends with words, a
// family name of two words or more: "Kanjo Hassan" after "Muhammad Kanjo
// Hassan", "Zein al-Abidin" after "Ammar Zein al-Abidin".
func (d *doc) tailOf(words []string) *person {
	var found *person
	for _, p := range d.persons {
		if len(p.words) > len(words) && slices.Equal(p.words[len(p.words)-len(words):], words) {
			if found != nil {
				return nil
			}
			found = p
		}
	}
	return found
}

// nearestWith returns the person with name word w mentioned nearest before
// token i, else the first mentioned after it. A family name (the last word)
// is preferred to a given name, and a given name links only when one person
// has it.
func (d *doc) nearestWith(w string, i int) *person {
	if d.byLast == nil { // before corefer: a rank with one word ("Col. Hussein")
		for _, p := range d.persons {
			if len(p.words) > 0 && p.words[len(p.words)-1] == w {
				return p
			}
		}
		return nil
	}
	pick := func(cands []*person) *person {
		var best *person
		bestDist := 1 << 30
		for _, p := range cands {
			j := sort.Search(len(p.ments), func(j int) bool { return p.ments[j].a >= i })
			if j > 0 {
				if dist := i - p.ments[j-1].a; dist < bestDist {
					best, bestDist = p, dist
				}
			}
			if j < len(p.ments) {
				if dist := 1<<20 + p.ments[j].a - i; dist < bestDist {
					best, bestDist = p, dist
				}
			}
		}
		return best
	}
	if c := d.byLast[w]; len(c) > 1 {
		// "Brigadier General Nidal Yassin Abboud ... his brother, Ali Abboud
		// ... Abboud said no": when two persons share a family name, news
		// writing keeps the bare name for the one it is about, named first,
		// and names the other in full
		if p := firstNamed(c); p != nil {
			return p
		}
	}
	if p := pick(d.byLast[w]); p != nil {
		return p
	}
	if c := d.byOther[w]; len(c) == 1 {
		return c[0]
	}
	return nil
}

// firstNamed returns the person of ps the text names first.
func firstNamed(ps []*person) *person {
	var best *person
	for _, p := range ps {
		if len(p.ments) > 0 && (best == nil || p.ments[0].a < best.ments[0].a) {
			best = p
		}
	}
	return best
}

// findCodedWitnesses finds a witness a court report names by initials to
// protect him: "the second witness, YH, said", "witness AB told the
// court". Two or three capitals after "witness" (and perhaps a comma),
// closed by a comma, a full stop or a verb, name a person; every other
// place the same capitals stand alone names him again.
func (d *doc) findCodedWitnesses() {
	for i := 1; i < len(d.toks); i++ {
		t := d.toks[i]
		if !t.Word || !t.Upper || len(t.Fold) < 2 || len(t.Fold) > 3 || d.own[i] != ownNone || t.Digits {
			continue
		}
		k := i - 1
		if d.fold(k) == "," {
			k--
		}
		if f := d.fold(k); f != "witness" && f != "plaintiff" && f != "survivor" {
			continue
		}
		if next := d.tok(i + 1); next.Word && next.Cap || d.fold(i+1) == "-" {
			continue // "witness AB Smith", "witness P-2": a name or a code of another shape
		}
		var p *person
		for j := range d.toks {
			if d.toks[j].Fold != t.Fold || d.text.S[d.toks[j].Start:d.toks[j].End] != d.text.S[t.Start:t.End] || d.own[j] != ownNone || d.tok(j+1).Word && d.tok(j+1).Cap {
				continue
			}
			if p == nil {
				p = d.personForAt([]string{t.Fold}, d.text.S[t.Start:t.End], j)
			}
			p.ments = append(p.ments, span{j, j + 1})
			if p.first < 0 || j < p.first {
				p.first = j
			}
			d.own[j] = ownPerson
		}
		if p != nil {
			p.roles = append(p.roles, "witness")
		}
	}
}

// allInitials reports a name run of single letters only.
func allInitials(words []string) bool {
	for _, w := range words {
		if len([]rune(w)) > 1 {
			return false
		}
	}
	return true
}

// formerWords mark a role that is no longer held: "former prison director",
// "ex-governor". Who held an office once does not speak for it now.
var formerWords = set(`former ex erstwhile ousted deposed`)

// formerIn reports a word of formerWords in tokens [a, b).
func (d *doc) formerIn(a, b int) bool {
	for k := a; k < b; k++ {
		if formerWords[d.fold(k)] {
			return true
		}
	}
	return false
}

// formerBefore reports a word of formerWords just before token a, or two
// before it across a hyphen ("ex-director"), or before the lower-case words
// that describe the role ("former military judge", "ex-army officer").
func (d *doc) formerBefore(a int) bool {
	for j := a - 1; j >= 0 && j >= a-4; j-- {
		f := d.fold(j)
		if formerWords[f] || f == "-" && formerWords[d.fold(j-1)] {
			return true
		}
		if t := d.toks[j]; !t.Word || t.Cap || !roleAdjectives[f] && !preRole[f] && f != "-" {
			return false
		}
	}
	return false
}

// participleVerb reports a lower-case participle at k ("arrested",
// "detained") that is the verb of its clause, not an adjective of the role
// after it: "Security forces arrested former officer X", but "the jailed
// former guard X", "Jailed officer X". A word that is no determiner,
// possessive or preposition before it is the verb's subject.
func (d *doc) participleVerb(k int) bool {
	f := d.toks[k].Fold
	if d.toks[k].Cap || !strings.HasSuffix(f, "ed") || k == 0 || !d.toks[k-1].Word {
		return false
	}
	switch prev := d.toks[k-1].Fold; prev {
	case "the", "a", "an", "his", "her", "their", "its", "s", "of", "and", "or", "now", "newly", "recently":
		return false
	}
	return true
}

// roleAfterComma reports a role noun that an apposition opening at token k
// reaches over capitalized words and role adjectives only: "Chair of the
// Commission", "Middle East and North Africa deputy director at Amnesty".
func (d *doc) roleAfterComma(k int) bool {
	for j := k; j < len(d.toks) && j < k+8; j++ {
		t := d.toks[j]
		switch {
		case !t.Word:
			return false
		case roleNouns[t.Fold] && !roleNouns[d.fold(j+1)]:
			return j+1 < len(d.toks) && (d.fold(j+1) == "of" || d.fold(j+1) == "at" || d.fold(j+1) == "for" || d.fold(j+1) == ",")
		case roleNouns[t.Fold]: // "deputy director at"
		case t.Cap || t.Fold == "and" || roleAdjectives[t.Fold] || preRole[t.Fold]:
		default:
			return false
		}
	}
	return false
}
