package en

// Step 2: who took part, and in what role.

import (
	"slices"
	"strings"

	"github.com/athar-project/athar/internal/extract"
)

// personTypes are events that are about someone.
var personTypes = set(`arrest detention escape death_in_custody trial conviction sentence referral_to_judiciary confession torture_allegation execution_allegation charge wanted acquittal release disappearance`)

func appendPerson(ps []*person, p *person) []*person {
	for _, x := range ps {
		if x == p {
			return ps
		}
	}
	return append(ps, p)
}

// inRegimeContext reports a person mention used to name a government, an
// era or forces ("al-Assad's prisons", "the Assad regime", "under the rule
// of Bashar al-Assad"): not a participant.
func (d *doc) inRegimeContext(m span) bool {
	k := m.b
	if d.fold(k) == "’" || d.fold(k) == "'" {
		k += 2
	}
	if d.fold(k) == "-" {
		k++
	}
	if commandNouns[d.fold(k)] {
		return false // "under Colonel X's command": X gave the orders
	}
	if possessive := k > m.b; possessive {
		// "Bashar al-Assad's brutal regime", "al-Assad's notorious prisons":
		// one or two describing words before the noun
		for j := k; j < k+2 && j < len(d.toks) && d.toks[j].Word && !d.toks[j].Cap && !regimeContextNouns[d.fold(j)]; j++ {
			if regimeContextNouns[d.fold(j+1)] {
				return true
			}
		}
	}
	if regimeContextNouns[d.fold(k)] {
		return true
	}
	p := d.fold(m.a - 1)
	if p == "of" && (d.fold(m.a-2) == "rule" || d.fold(m.a-2) == "regime" || d.fold(m.a-2) == "era" || d.fold(m.a-2) == "fall") {
		return true
	}
	if p == "under" || p == "ousted" || p == "toppled" {
		return true
	}
	// "under the regime of toppled Syrian dictator Bashar al-Assad": the
	// words between are a title
	for k := m.a - 1; k >= 0 && k >= m.a-6; k-- {
		f := d.toks[k].Fold
		if f == "of" && regimeNouns[d.fold(k-1)] {
			return true
		}
		if f == "under" {
			return true // "under recently ousted President Bashar Assad": his time, not an act of his
		}
		if !d.toks[k].Word || d.own[k] == ownPerson || !d.toks[k].Cap && !titleLike(f) {
			break // "under the orders of X", "under German privacy rules only as X": no title between
		}
	}
	return false
}

// regimeContextNouns follow a head of state's name that names his
// government, its time or its forces: "al-Assad's prisons", "the Assad
// regime".
var regimeContextNouns = set(`regime rule government forces era prisons army loyalists family years reign administration troops militias dictatorship`)

// titleLike reports a lower-case word of a title before a name:
// "recently ousted president", "the late former minister".
func titleLike(f string) bool {
	return officialTitles[f] || preRole[f] || roleAdjectives[f] || f == "the" || len(f) > 4 && (strings.HasSuffix(f, "ly") || strings.HasSuffix(f, "ed"))
}

// commandNouns after a name make its bearer the one who gave orders:
// "under Colonel X's command".
var commandNouns = set(`command orders supervision direction`)

// regimeNouns name a government or its time by its head: "the regime of".
var regimeNouns = set(`regime rule era reign fall government dictatorship`)

// sentencePersons returns the person mentions in a sentence that can take
// part in an event.
func (d *doc) sentencePersons(s sentence) []mention {
	var out []mention
	for _, m := range d.mentionsIn(s) {
		if m.person == nil {
			continue
		}
		if d.inRegimeContext(m.sp) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// isSpeaker reports a person mention that speaks in the sentence.
func (d *doc) isSpeaker(m span) bool {
	k := m.b
	for k < len(d.toks) && (d.toks[k].Fold == "," || d.own[k] == ownEpithet || d.toks[k].Digits) && k < m.b+4 {
		k++ // "Khattab wrote", "Nouri, 38, told"
	}
	k = d.skipOriginAside(k)
	if speechVerbs[d.fold(k)] && d.fold(k) != "confirmed" && d.fold(k) != "denied" {
		return true
	}
	if d.fold(k) == "who" && speechVerbs[d.fold(k+1)] {
		return true // "X, who said he saw guards beat ..."
	}
	if d.fold(m.b) == "," {
		// "Captain X, who heads the security office in Jableh, told
		// reporters": an apposition or a relative clause in commas
		for j := k; j < len(d.toks) && j < k+20; j++ {
			f := d.toks[j].Fold
			if f == "." || f == ";" || isOpenQuote(f) || isCloseQuote(f) || d.own[j] == ownPerson {
				break
			}
			if f == "," {
				if g := d.fold(j + 1); speechVerbs[g] && g != "confirmed" && g != "denied" {
					return true
				}
				break
			}
		}
	}
	p := d.fold(m.a - 1)
	if m.a > 0 && (d.own[m.a-1] == ownTitle || d.toks[m.a-1].Fold == ".") {
		j := m.a - 1
		for j >= 0 && (d.own[j] == ownTitle || d.toks[j].Fold == ".") {
			j--
		}
		p = d.fold(j)
	}
	if speechBefore[p] && afterSpeakerEnd(d.fold(m.b)) {
		return true
	}
	if p == "to" && d.fold(m.a-2) == "according" {
		return true
	}
	// "“...,” said the deceased's sister, Amal": the attribution after a quote
	for k := m.a - 1; k >= 0 && k >= m.a-10; k-- {
		f := d.toks[k].Fold
		if speechVerbs[f] && (isCloseQuote(d.fold(k-1)) || d.fold(k-1) == "," && isCloseQuote(d.fold(k-2))) {
			return !d.quoteBetween(k, m.a)
		}
		if f == "." || f == ";" || d.own[k] == ownPerson {
			return false
		}
	}
	return false
}

// possessiveKin reports a mention followed by a possessive and a kinship
// noun: "Hilal's brother", "Mazen’s sister". The relative is the one the
// clause is about; the one named is whose relative.
func (d *doc) possessiveKin(m span) bool {
	return isCloseQuote(d.fold(m.b)) && d.fold(m.b+1) == "s" && kinNouns[d.fold(m.b+2)]
}

// skipOriginAside skips, from token k after a name, where the person is
// from and a short remark in parentheses, to the verb the name is the
// subject of: "X from Kafr Batna said", "X (no relation) said", "X of
// Douma told".
func (d *doc) skipOriginAside(k int) int {
	for {
		switch f := d.fold(k); {
		case (f == "from" || f == "of") && d.tok(k+1).Cap && d.tok(k+1).Word && d.own[k+1] != ownPerson:
			j := k + 1
			for j < len(d.toks) && j < k+5 && (d.toks[j].Cap && d.toks[j].Word || d.fold(j) == "-" || particles[d.fold(j)]) {
				j++
			}
			k = j
		case f == "(":
			j := k + 1
			for j < len(d.toks) && j < k+7 && d.fold(j) != ")" && d.fold(j) != "." {
				j++
			}
			if d.fold(j) != ")" {
				return k
			}
			k = j + 1
		default:
			return k
		}
	}
}

func (d *doc) handsOf(m span) bool {
	return d.fold(m.a-1) == "of" && d.fold(m.a-2) == "hands"
}

// passiveVictim reports "X was tortured", "X was executed", "X died" for a
// subject ending at token k.
func (d *doc) passiveVictim(k int) bool {
	if d.fold(k) == "," {
		return false
	}
	if d.fold(k) == "was" || d.fold(k) == "were" || d.fold(k) == "had" {
		had := d.fold(k) == "had"
		k++
		if d.fold(k) == "been" {
			k++
		} else if had {
			return false // "X had beaten four detainees": the active past perfect; X did it
		}
		switch d.fold(k) {
		case "tortured", "executed", "beaten", "killed", "hanged", "detained", "disappeared", "abducted", "raped", "arrested", "held",
			"whipped", "flogged", "electrocuted", "starved", "kidnapped", "seized", "martyred", "shot", "murdered", "slaughtered":
			return true
		case "subjected", "exposed":
			return d.fold(k+1) == "to" // "X was subjected to torture": X suffered it
		}
	}
	return d.fold(k) == "died"
}

// accused reports a person the sentence accuses: "X is accused of", "X,
// who is suspected of".
func (d *doc) accused(m span) bool {
	depth := 0 // inside an apposition or relative clause set off by commas
	for k := m.b; k < len(d.toks) && k < m.b+25; k++ {
		f := d.toks[k].Fold
		switch f {
		case "accused", "suspected", "blamed", "responsible", "alleged":
			if (f == "accused" || f == "blamed") && d.activeAccusation(k) {
				return false // "X directly accused the security service of his death": X accuses
			}
			return k < m.b+8 || depth == 0
		case ".", ";", ":":
			return false
		case ",":
			if k == m.b {
				depth = 1 // "X, a refugee who ..., stands accused"
			} else if depth == 1 {
				depth = 0
			} else {
				return false
			}
		}
		if k >= m.b+8 && depth == 0 && d.toks[k].Word && !beVerbs[f] && f != "stands" && f != "stand" && f != "also" && f != "widely" && f != "is" {
			return false
		}
	}
	return false
}

// activeAccusation reports "accused" or "blamed" at k as the active verb
// of its subject, with an object after it: "X accused the security service
// of", "she blamed the guards for" (not "X is accused of", "X, accused
// of", "the accused officer").
func (d *doc) activeAccusation(k int) bool {
	switch prev := d.fold(k - 1); {
	case beVerbs[prev] || prev == "," || prev == "stands" || prev == "stand" || prev == "who" || prev == "the" || prev == "been" || prev == "being":
		return false
	}
	switch next := d.fold(k + 1); {
	case next == "the" || next == "a" || next == "an" || next == "him" || next == "them" || next == "her" || possessivePronouns[next]:
		return true
	default:
		return d.tok(k+1).Cap && d.tok(k+1).Word
	}
}

// witnessed reports a person who saw or heard the act rather than did it:
// "X witnessed the executions", "X saw guards beat ...".
func (d *doc) witnessed(m span, a int) bool {
	for k := m.b; k < a && k < m.b+8; k++ {
		switch d.toks[k].Fold {
		case "witnessed", "saw", "watched", "heard", "seen":
			return true
		case "describing", "described", "recounted", "recounting", "testified", "testimony", "told", "recalled", "recalls", "said", "says":
			// "X testified that her brother died", "he gave testimony ...,
			// describing the executions": X tells of the act
			return k < m.b+4 || d.fold(k+1) == "that"
		}
	}
	return false
}

// genericVictimBetween reports a word such as "detainees" between the
// person's mention and the trigger: "falsifying the certificates of
// detainees who died" is about the detainees, not the person.
func (d *doc) genericVictimBetween(persons []mention, p *person, a int) bool {
	for _, m := range persons {
		if m.person != p {
			continue
		}
		lo, hi := m.sp.b, a
		if hi < lo {
			lo, hi = a, m.sp.a
		}
		for k := lo; k < hi; k++ {
			if victimsAfterSet[d.toks[k].Fold] {
				return true
			}
		}
	}
	return false
}

// withAnaphora adds, for a sentence that opens "The two ...", "The three
// ...", "Both ...", the people the previous sentence named.
func (d *doc) withAnaphora(persons []mention, s sentence) []mention {
	f, g := d.fold(s.a), d.fold(s.a+1)
	plural := f == "both" || (f == "the" && numberWords[g]) || (f == "all" && numberWords[g]) ||
		len(persons) == 0 && (f == "their" || f == "they") ||
		len(persons) == 0 && d.reportedPair(s) // "The ministry said both men were referred"
	if !plural {
		return persons
	}
	// the people are named in one of the few sentences before: the last
	// that names two or more who can take part
	if named := d.namedJustBefore(s); len(named) > 0 {
		return append(append([]mention{}, persons...), named...)
	}
	return persons
}

// reportedPair reports "both men", "the two men" or "the two" opening
// what a body says in the sentence: "The ministry said both men were
// referred to the public prosecution".
func (d *doc) reportedPair(s sentence) bool {
	for k := s.a + 1; k+1 < s.b && k < s.a+8; k++ {
		if !speechVerbs[d.fold(k)] {
			continue
		}
		j := k + 1
		if d.fold(j) == "that" {
			j++
		}
		f, g := d.fold(j), d.fold(j+1)
		return f == "both" && (g == "men" || g == "suspects" || g == "officers" || g == "had" || g == "were") || f == "the" && g == "two"
	}
	return false
}

// eventAt builds an event of tr's type from the sentence around the trigger.
func (d *doc) eventAt(tr extract.Trigger, a, b int, s sentence) {
	if tr.Type == extract.EventSentence && d.sentencesManyToDeath(tr, a, b, s) {
		tr.Type = extract.EventExecutionAllegation // the judge who sent them to the gallows, not one sentenced
	} else if tr.Type == extract.EventSentence && tr.Words[0] == "sentences" {
		return // "prison sentences" in general: nobody's sentence
	}
	ev := &event{typ: tr.Type, sent: s, trig: a}
	persons := d.sentencePersons(s)
	seen := map[*person]bool{}
	add := func(p *person, role string) {
		if p == nil || seen[p] {
			return
		}
		seen[p] = true
		ev.who = append(ev.who, extract.Participant{Name: p.name, Role: role})
	}
	switch tr.Type {
	case extract.EventTortureAllegation, extract.EventExecutionAllegation:
		// "died under torture": the sentence names who suffered, not who did it
		underOnly := d.fold(a-1) == "under"
		passive := tr.Verb && (beVerbs[d.fold(a-1)] || d.fold(a-1) == "being" || d.fold(a-2) == "been")
		nounDoer := tr.Verb && !passive && d.roleNounSubject(a, s) && (d.fold(b) == "him" || d.fold(b) == "her")
		for _, m := range d.withAnaphora(persons, s) {
			p := m.person
			switch {
			case d.handsOf(m.sp):
				add(p, extract.RolePerpetrator)
			case d.harmObject(m.sp) == a || tr.Verb && !passive && d.objectAfter(m.sp, b):
				add(p, extract.RoleVictim) // "the torture of X", "guards tortured X"
			case d.harmObject(m.sp) >= 0:
				// "accused of the torture of X and the killing of Y": Y suffered another harm, did none
			case d.pluralHeadOf(m.sp) && !p.victim:
				// "hundreds of suspected opponents of al-Assad were tortured":
				// the opponents were, not the one they opposed
			case d.kinOfBefore(m.sp.a) && !p.victim:
				// "X, a relative of former defence minister Y, is accused of
				// commanding units that killed hundreds": whose relative, not a doer
			case nounDoer && d.isSpeaker(m.sp):
				// "... guards had beaten him. “...,” Hijazi recalled": the one who tells it
			case tr.Type == extract.EventExecutionAllegation && p.victim && (d.isSpeaker(m.sp) || d.invertedSpeaker(m.sp)):
				// "“They hanged ten men that night,” said X, a survivor": the
				// one who tells it lived; he saw it
				add(p, extract.RoleWitness)
			case p.victim || d.passiveVictim(m.sp.b) || d.sufferedBefore(p) && !d.accused(m.sp):
				add(p, extract.RoleVictim) // "guards beat him ... Al-Tayeb named two guards who took part in the beatings"
			case passive && !d.agentAfter(m.sp, b):
				// "he had been beaten during interrogations ..., and a cousin
				// of his, X, had died": a passive names its doer after "by"
			case p.official || d.isSpeaker(m.sp) || underOnly || d.witnessed(m.sp, a):
			case nounDoer && m.sp.b <= a:
				// "he told them X had caught tuberculosis and that guards had
				// beaten him": the guards did it, not a name before them
			default:
				add(p, extract.RolePerpetrator)
			}
		}
		if nounDoer {
			if p := d.objectReferent(persons, a, b); p != nil && !p.official {
				add(p, extract.RoleVictim) // the one the guards beat
			}
		} else if len(ev.who) == 0 {
			if k := d.pronounAt(a, s); k >= 0 && !d.witnessed(span{k, k + 1}, a) {
				if p := d.resolvePronoun(k); p != nil && !p.official {
					role := extract.RolePerpetrator
					if p.victim || d.passiveVictim(k+1) || k == a+1 && (d.fold(k) == "him" || d.fold(k) == "her") || k > a && d.objectPronoun(k) {
						// "electrocuted and beat him for two hours": the one beaten
						role = extract.RoleVictim
					}
					if role == extract.RoleVictim || !underOnly {
						add(p, role)
					}
				}
			}
		}
	case extract.EventDeathInCustody, extract.EventDisappearance, extract.EventRelease:
		if tr.Words[0] == "victims" {
			for _, p := range d.victimsListed(b, s) {
				add(p, extract.RoleVictim) // "the victims include X and Y": the dead the article reports
			}
			break
		}
		var any []*person
		ms := d.withAnaphora(persons, s)
		for mi, m := range ms {
			if d.accused(m.sp) || d.handsOf(m.sp) || tr.Type == extract.EventDeathInCustody && d.deathCausedBy(m.sp, a, s) {
				if tr.Type != extract.EventDeathInCustody || !d.handsOf(m.sp) && !m.person.victim && !m.person.official && !d.isSpeaker(m.sp) {
					// "X is accused of ... prisoners who died", "died after being
					// beaten by X": the one the death is laid to; but "torture at
					// the hands of X before his death" lays only the torture to X
					add(m.person, extract.RolePerpetrator)
				}
				continue
			}
			if m.person.official || d.isSpeaker(m.sp) || d.witnessed(m.sp, a) || d.pluralHeadOf(m.sp) && !m.person.victim {
				continue // "X testified that her brother died": X did not; "supporters of X died": X did not
			}
			if m.person.victim || d.passiveVictim(m.sp.b) || d.harmListed(ms, mi, a, b) || tr.Type == extract.EventDeathInCustody && m.sp.a < s.a {
				add(m.person, extract.RoleVictim) // "the death in custody of X"; "They died in Sednaya": the two named before
			} else if tr.Verb && tr.Type == extract.EventDeathInCustody && m.sp.b+1 == a && d.fold(m.sp.b) == "," && d.fold(m.sp.a-1) == "," {
				add(m.person, extract.RoleVictim) // "Rahmoun's brother, Munir, died at the branch": the apposition is the subject
			}
			any = append(any, m.person)
		}
		if len(ev.who) == 0 && len(any) == 1 && !d.genericVictimBetween(persons, any[0], a) && d.deathOf(persons, any[0], a, b) {
			add(any[0], extract.RoleVictim)
		}
		if len(ev.who) == 0 {
			if p := d.namedAmong(b, s); p != nil && !p.official {
				add(p, extract.RoleVictim) // "three men died in his cell, including an older man named X"
			}
		}
		if len(ev.who) == 0 {
			// "he died in custody"; "X's family said he died under torture": the
			// pronoun just before the death, when no name is its subject
			if k := d.pronounAt(a, s); k >= 0 && (len(persons) == 0 || a-k <= 2 && k < a) {
				if p := d.resolvePronoun(k); p != nil && !p.official {
					add(p, extract.RoleVictim)
				}
			}
		}

	case extract.EventTestimony:
		if tr.Verb && d.unnamedTeller(a, s) {
			// "The family of X said a released detainee had told them in 2016
			// that he had died": the one who tells is not named; the named
			// and the one the account is about are its victims
			for _, m := range persons {
				if d.isSpeaker(m.sp) && !m.person.official {
					add(m.person, extract.RoleWitness) // "“A released prisoner told us he was beaten,” X said": X passes it on
				}
			}
			for _, m := range persons {
				if m.sp.b <= a && m.person.victim && !m.person.official {
					add(m.person, extract.RoleVictim)
				}
			}
			for k := b; k < s.b && k <= b+4; k++ {
				if f := d.fold(k); f == "he" || f == "she" {
					if p := d.resolvePronoun(k); p != nil && !p.official {
						add(p, extract.RoleVictim)
					}
					break
				}
			}
			break
		}
		for _, m := range persons {
			if m.person.official && !m.person.victim || d.handsOf(m.sp) || d.kinOfBefore(m.sp.a) {
				continue // "the mother of the detainee X told": she tells, not X
			}
			if d.possessiveKin(m.sp) && m.sp.b <= a {
				add(m.person, extract.RoleVictim) // "Hilal's brother, Bassam Hilal, testified": the brother tells of Hilal
				continue
			}
			pre := d.fold(m.sp.a - 1)
			if m.person.victim && m.sp.b <= a || d.isSpeaker(m.sp) && !pluralTestimony(tr) || m.sp.b <= a && (a-m.sp.b <= 4 || d.apposition(m.sp.b, a)) || pre == "including" || pre == "them" {
				add(m.person, extract.RoleWitness) // a victim the account tells of is no witness
			}
		}
		if len(ev.who) == 0 {
			// "he told investigators", "he gave testimony": only the subject
			// of the account
			if k := d.pronounAt(a, s); k >= 0 && k < a && (a-k <= 3 || d.acrossRelative(k+1, a)) {
				if p := d.resolvePronoun(k); p != nil && !p.official {
					add(p, extract.RoleWitness) // "The former detainee, who now lives in Berlin, told reporters"
				}
			}
		}
		if len(ev.who) > 0 && d.allSpeakForOffice(ev.who) {
			return // a prosecutor or a lawyer who tells the court makes a statement (statementAt)
		}
	default:
		if k := d.pronounSubject(a, s); k >= 0 && tr.Verb && !custodyPeriod(tr) {
			// "since he was detained at a checkpoint": the pronoun is the
			// clause's subject, whoever else the sentence names
			if p := d.subjectPronounRef(k, s); p != nil && !p.official {
				add(p, extract.RoleSubject)
				for _, m := range d.togetherWith(persons, b, s) {
					add(m.person, extract.RoleSubject)
				}
				break
			}
		}
		elig := d.withAnaphora(persons, s)
		anaphoric := d.anaphoricNoun(tr, a, b, s)
		if anaphoric {
			elig = nil // "For X, the arrest brought back the day ...": the arrest told before, not X's
		}
		for _, m := range d.subjects(elig, a, b, tr.Type) {
			role := extract.RoleSubject
			if m.person.victim && (tr.Type == extract.EventArrest || tr.Type == extract.EventEscape) {
				role = extract.RoleVictim
			}
			if custodyPeriod(tr) && !d.accused(m.sp) && !d.isDefendantWord(s) {
				role = extract.RoleVictim // "X spent three years in Sednaya prison": a detainee, not a suspect
			}
			if tr.Verb && agentEvents[tr.Type] && !custodyPeriod(tr) && d.agentOf(m.sp.b, a) {
				role = extract.RoleAgent // "he allegedly arrested a civilian": the one who arrested
			}
			add(m.person, role)
		}
		if len(ev.who) == 0 && (!anaphoric || courtEvents[tr.Type]) { // "he knew Y from a picture shown after the arrest": not his
			k := d.pronounAt(a, s)
			for k >= 0 && k != b && !courtEvents[tr.Type] && (d.fold(k) == "him" || d.fold(k) == "her" && !d.possessive(k)) {
				// "a relative accused of hiding him was arrested": an object
				// elsewhere is not the one arrested; "sought to question him, he
				// tried to leave ... and was arrested": the subject after it is.
				// (A court event's object pronoun is its defendant: "testified
				// against him during the trial".)
				k = d.pronounAt(a, sentence{k + 1, s.b})
			}
			if k >= 0 {
				if p := d.resolvePronoun(k); p != nil && !p.official {
					role := extract.RoleSubject
					if tr.Verb && agentEvents[tr.Type] && !custodyPeriod(tr) && d.agentOf(k+1, a) {
						role = extract.RoleAgent
					}
					add(p, role)
				}
			}
		}

		if tr.Type == extract.EventArrest && len(ev.who) > 0 && allVictims(ev.who) {
			ev.typ = extract.EventDetention
		}
	}
	if len(ev.who) == 0 && (tr.Type == extract.EventDeathInCustody || tr.Type == extract.EventArrest || tr.Type == extract.EventEscape) && d.pluralPronounOf(a) {
		for _, p := range d.pluralReferent(a) {
			role := extract.RoleSubject
			if tr.Type == extract.EventDeathInCustody || p.victim {
				role = extract.RoleVictim
			}
			add(p, role)
		}
		if tr.Type == extract.EventArrest && len(ev.who) > 0 && allVictims(ev.who) {
			ev.typ = extract.EventDetention
		}
	}
	if tr.Type == extract.EventTestimony && len(ev.who) == 0 && rememberVerbs[d.toks[a].Fold] {
		if p := d.speakerAfter(persons, b); p != nil {
			if p.official {
				return
			}
			add(p, extract.RoleWitness) // "“...,” recalls one of the inmates, X": X's account
		}
	}
	ev.where, ev.sceneWhere = d.whereFor(tr.Type, a, s, !tr.Verb)
	if !(tr.Type == extract.EventDeathInCustody && (corpseWords[tr.Words[0]] || d.newsOfDeath(a))) {
		ev.date = d.dateOf(tr.Type, a, s) // a body handed over in 2014: the handover's date, not the death's
	}
	if tr.Type == extract.EventDeathInCustody && tr.Words[0] == "victims" {
		// "the victims include X, arrested at a checkpoint in Douma in 2012": the list's places and dates are
		// of the arrests, not of the deaths; the place is the one where the lead has them die
		ev.where, ev.sceneWhere, ev.date = "", false, nil
		if ls, k := d.leadDeath(); k >= 0 {
			ev.where, _ = d.whereFor(tr.Type, k, ls, true)
		}
	}
	if custodyPeriod(tr) && ev.date != nil && d.endOfCustodyBefore(a, ev.date.FirstTok) {
		ev.date = nil // "he was held in the red building until his release in January 2017": the end, not the arrest
	}
	ev.modality = d.modalityFor(tr.Type, s, a)
	ev.count = d.countIn(s)
	for _, m := range d.mentionsIn(s) {
		if m.ent != nil && m.ent.typ == ownOrg && !containsFold(ev.agents, m.ent.name) {
			switch tr.Type {
			case extract.EventArrest, extract.EventReferral, extract.EventWanted, extract.EventCharge, extract.EventConfession:
				ev.agents = append(ev.agents, m.ent.name)
			}
		}
	}
	d.events = append(d.events, ev)
}

// namedAmong returns the person named after "including", "among them" or
// "one of them" that follows a death of several at token b, in its clause:
// "at least three men died in his cell, including an older man from Douma
// named X", "two detainees died that winter, among them X".
func (d *doc) namedAmong(b int, s sentence) *person {
	for k := b; k < s.b && k <= b+12; k++ {
		f := d.toks[k].Fold
		among := f == "including" || (f == "among" || f == "one") && (d.fold(k+1) == "them" || d.fold(k+1) == "of" && d.fold(k+2) == "them")
		if !among {
			if f == ";" || f == "." || speechVerbs[f] && k > b {
				return nil
			}
			continue
		}
		for j := k + 1; j < s.b && j <= k+10; j++ {
			if p, m := d.mentionAt(j); p != nil && m.a == j {
				return p
			}
			if g := d.toks[j].Fold; g == "," && j > k+2 || g == ";" || g == "." {
				return nil
			}
		}
		return nil
	}
	return nil
}

// invertedSpeaker reports a person named right after a verb of saying
// that follows a quotation: "“...,” said X, a survivor", "“...,” recalls
// 30-year-old X".
func (d *doc) invertedSpeaker(m span) bool {
	k := m.a - 1
	for k > 0 && k > m.a-6 && (d.toks[k].Digits || d.toks[k].Fold == "-" || d.toks[k].Fold == "year" || d.toks[k].Fold == "old" || d.own[k] == ownEpithet || d.own[k] == ownTitle) {
		k-- // "said 31-year-old X"
	}
	if k < 1 || !d.toks[k].Word || !speechVerbs[d.toks[k].Fold] {
		return false
	}
	// the verb follows the quotation or a comma and the name ends the
	// clause: "“...,” said X, a survivor"; in "the statement, posted on
	// Monday, said X had" X is the one spoken of
	f, after := d.fold(k-1), d.fold(m.b)
	return (f == "," || isCloseQuote(f)) && (after == "," || after == "." || after == "")
}

// endOfCustodyBefore reports a word that ends a time in custody between
// the trigger at a and a date at token k: "until his release in 2017".
func (d *doc) endOfCustodyBefore(a, k int) bool {
	for j := a + 1; j < k; j++ {
		switch d.toks[j].Fold {
		case "until", "till", "before", "after", "release", "released", "freed":
			return true
		}
	}
	return false
}

// speakerAfter returns the first person named within a few words after a verb of
// saying that ends at b: the inverted speaker of "..., recalls X".
func (d *doc) speakerAfter(persons []mention, b int) *person {
	for _, m := range persons {
		if m.sp.a >= b && m.sp.a < b+16 {
			if next := d.fold(m.sp.b); !afterSpeakerEnd(next) && next != "who" && next != "(" && !isCloseQuote(next) && !isOpenQuote(next) {
				return nil // "Survivors interviewed by ... say X organised the transfers": X is the subject of what they say
			}
			return m.person
		}
	}
	return nil
}

// roleNounSubject reports a harm verb at token a whose subject is a
// common noun for the people who did it: "guards had beaten him", "after
// the night jailer beat him". English puts the doer right before an active
// verb, so when its object is "him" or "her" a name earlier in the
// sentence is the one the pronoun points back to, not a doer ("X would
// ask ... and the guards would beat us" keeps X, the interrogator, among
// the doers). "Ali and other guards beat him" is not read
// so: a noun after "and" or "other" joins a named doer.
func (d *doc) roleNounSubject(a int, s sentence) bool {
	k := a - 1
	for k > s.a && doerAdverbs[d.fold(k)] {
		k-- // "guards had repeatedly beaten", "jailers would then beat"
	}
	f := d.fold(k)
	if k <= s.a || d.toks[k].Cap || d.own[k] == ownPerson || !(roleNouns[f] || pluralRole(f)) || victimNouns[f] {
		return false
	}
	j := k - 1
	if j > s.a && d.toks[j].Word && !d.toks[j].Cap && !doerOpeners[d.fold(j)] && !roleNouns[d.fold(j)] && d.fold(j) != "and" && d.fold(j) != "other" {
		j-- // one modifier: "the night jailer", "the prison guards"
	}
	return j < s.a || doerOpeners[d.fold(j)]
}

// objectReferent resolves the object pronoun at token k after the harm
// verb at a whose doer is a common noun: the last person named before the
// verb in the sentence who does not speak ("He told them Yaman had ...
// and that guards had beaten him": Yaman), else the pronoun's referent.
func (d *doc) objectReferent(persons []mention, a, k int) *person {
	female := d.fold(k) == "her"
	var last *person
	for _, m := range persons {
		p := m.person
		if m.sp.b > a || d.isSpeaker(m.sp) || d.own[m.sp.a] == ownEpithet || female && p.male || !female && p.female {
			continue
		}
		last = p
	}
	if last != nil {
		return last
	}
	return d.resolvePronoun(k)
}

// unnamedTeller reports an account verb at token a whose subject is a
// person the text describes and does not name: "a released detainee had
// told them", "another prisoner told the family", "a survivor told
// reporters".
func (d *doc) unnamedTeller(a int, s sentence) bool {
	k := a - 1
	for k > s.a && doerAdverbs[d.fold(k)] {
		k--
	}
	f := d.fold(k)
	if k <= s.a || d.toks[k].Cap || d.own[k] == ownPerson || !(victimNouns[f] || roleNouns[f]) || strings.HasSuffix(f, "s") {
		return false
	}
	j := k - 1
	if j > s.a && d.toks[j].Word && !d.toks[j].Cap && (roleAdjectives[d.fold(j)] || strings.HasSuffix(d.fold(j), "ed")) {
		j-- // "a released detainee", "a former prisoner"
	}
	g := d.fold(j)
	return g == "a" || g == "an" || g == "another" || g == "one"
}

// doerAdverbs stand between a doer and the verb: auxiliaries and the
// adverbs of habit news writes there.
var doerAdverbs = set(`had has have would then also routinely repeatedly regularly badly allegedly reportedly used to`)

// doerOpeners open the noun phrase or clause of a doer: a determiner, a
// number, a conjunction that starts a clause.
var doerOpeners = set(`the a an some several many two three four five , that when after while where because until before as`)

// prepositionBefore are prepositions whose object, before a trigger, is
// not the trigger's subject.
var prepositionBefore = set(`alongside with against beside besides`)

// anchorOfDescription reports a name that only anchors a description of
// someone else: "a relative of Saqr", "a cousin of former president X",
// "the wife of X", "a friend of his", "Ismail's brother".
func (d *doc) anchorOfDescription(m span) bool {
	if d.kinNounAfterPossessive(m.b) >= 0 {
		return true // "Ismail's brother, Rabih Saleh Ismail, is believed to have fled": the brother fled
	}
	k := m.a - 1
	for k >= 0 && (d.own[k] == ownTitle || roleAdjectives[d.toks[k].Fold] || d.toks[k].Fold == "the") {
		k--
	}
	if d.fold(k) != "of" {
		return false
	}
	f := d.fold(k - 1)
	return kinNouns[f] || f == "relative" || f == "relatives" || f == "associate" || f == "aide" || f == "friends"
}

// pluralTestimony reports a trigger that is a plural noun ("based on
// testimonies of former detainees"): accounts of others, not of the one
// who speaks.
func pluralTestimony(tr extract.Trigger) bool {
	w := tr.Words[len(tr.Words)-1]
	return !tr.Verb && strings.HasSuffix(w, "s")
}

// anaphoricNoun reports a trigger noun with the definite article and no
// "of" after it ("the arrest", "the trial"): the event the text has told
// already, whose persons are not whoever else this sentence names.
func (d *doc) anaphoricNoun(tr extract.Trigger, a, b int, s sentence) bool {
	if tr.Verb || d.fold(a-1) != "the" {
		return false
	}
	for k := b; k < s.b && k < b+5; k++ {
		switch d.toks[k].Fold {
		case "of":
			return false
		case ",", ".", ";":
			return true
		}
	}
	return true
}

// pronounSubject returns the token of "he" or "she" that is the subject of
// the passive verb at a ("since he was detained", "He had been arrested"),
// or -1: only forms of "be" and "have" and adverbs stand between.
func (d *doc) pronounSubject(a int, s sentence) int {
	aux := false
	for k := a - 1; k >= s.a && k >= a-5; k-- {
		f := d.toks[k].Fold
		switch {
		case f == "he" || f == "she":
			if !aux {
				return -1 // "he arrested": active, he is the agent
			}
			return k
		case beVerbs[f] || f == "had" || f == "has" || f == "have":
			aux = true
		case strings.HasSuffix(f, "ly") && len(f) > 4, f == "later", f == "then", f == "also", f == "reportedly":
		default:
			return -1
		}
	}
	return -1
}

// subjectPronounRef finds whom the subject pronoun at k stands for: a
// person named before it in its sentence ("Umm Khaled, whose son Khaled
// al-Ali disappeared after he was arrested": the son), the nearest who
// fits its gender and does not speak there; else as resolvePronoun.
func (d *doc) subjectPronounRef(k int, s sentence) *person {
	female := d.fold(k) == "she"
	for j := k - 1; j >= s.a; j-- {
		p, m := d.mentionAt(j)
		if p == nil {
			continue
		}
		j = m.a
		if (female && p.male) || (!female && p.female) || d.own[m.a] == ownEpithet || d.inRegimeContext(m) || d.isSpeaker(m) {
			continue
		}
		return p
	}
	return d.resolvePronoun(k)
}

// togetherWith returns the persons named after "together with" or "along
// with" in the clause after token b: "He was arrested ... together with
// his brother, Ali Abboud".
func (d *doc) togetherWith(persons []mention, b int, s sentence) []mention {
	for k := b; k+1 < s.b; k++ {
		if f := d.toks[k].Fold; f == ";" || d.toks[k].Word && (speechVerbs[f] || relatives[f]) {
			return nil
		}
		if (d.toks[k].Fold == "together" || d.toks[k].Fold == "along") && d.toks[k+1].Fold == "with" {
			var out []mention
			for _, m := range persons {
				if m.sp.a > k+1 && m.sp.a <= k+9 {
					out = append(out, m)
				}
			}
			return out
		}
	}
	return nil
}

// allSpeakForOffice reports participants who all speak for an office or a
// party (speaksForOffice).
func (d *doc) allSpeakForOffice(ps []extract.Participant) bool {
	for _, w := range ps {
		var p *person
		for _, q := range d.persons {
			if q.name == w.Name {
				p = q
			}
		}
		if p == nil || !d.speaksForOffice(p) {
			return false
		}
	}
	return true
}

func allVictims(ps []extract.Participant) bool {
	for _, p := range ps {
		if p.Role != extract.RoleVictim {
			return false
		}
	}
	return true
}

// subjects picks the people an arrest-like event is about: the eligible
// mention nearest the trigger (not an official, a speaker, or someone "at
// whose hands"; a victim only when nobody else is there) and those
// coordinated with it ("X and Y were arrested").
func (d *doc) subjects(persons []mention, a, b int, typ string) []mention {
	var elig []mention
	for _, m := range persons {
		fleeing := typ == extract.EventEscape && m.sp.b <= a && a-m.sp.b <= 3 // "President X had fled the country"
		if m.person.official && !fleeing || d.isSpeaker(m.sp) || d.handsOf(m.sp) {
			continue
		}
		if m.person.victim && typ != extract.EventArrest && typ != extract.EventEscape && typ != extract.EventRelease {
			continue // a victim is not the one tried, charged or convicted
		}
		if d.anchorOfDescription(m.sp) {
			continue // "a relative of Saqr ... was arrested": the relative was
		}
		if typ != extract.EventArrest && typ != extract.EventEscape && typ != extract.EventRelease && d.harmObject(m.sp) >= 0 {
			continue // "sentenced X for the death in custody of Y": Y died, X was sentenced
		}
		if m.sp.b <= a && prepositionBefore[d.fold(m.sp.a-1)] && d.fold(m.sp.a-1) != "" {
			continue // "was arrested alongside Nasrallah but escaped": the object of a preposition is no subject
		}
		elig = append(elig, m)
	}
	var nonVictim []mention
	for _, m := range elig {
		if !m.person.victim {
			nonVictim = append(nonVictim, m)
		}
	}
	if len(nonVictim) > 0 {
		elig = nonVictim
	}
	elig = d.inTriggerClause(elig, a, b)
	if len(elig) == 0 {
		return nil
	}
	best, bestDist := -1, 1<<30
	for i, m := range elig {
		dist := a - m.sp.b
		if m.sp.a >= b {
			dist = m.sp.a - b + 1
		}
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = i, dist
		}
	}
	out := []mention{elig[best]}
	// others in the same clause: "X and Y were arrested", "sentenced X, a
	// former head of ..., and Y to life"
	for i, m := range elig {
		if i == best || m.person == elig[best].person {
			continue
		}
		l, r := elig[best].sp.b, m.sp.a
		if m.sp.a < elig[best].sp.a {
			l, r = m.sp.b, elig[best].sp.a
		}
		if !d.clauseBreak(l, r) {
			out = append(out, m)
		}
	}
	return out
}

// clauseBreak reports a word between tokens i and j that starts another
// clause, so that people on either side are not in one event.
func (d *doc) clauseBreak(i, j int) bool {
	for k := i; k < j; k++ {
		if clauseBreakers[d.toks[k].Fold] {
			return true
		}
	}
	return false
}

// coordinated reports whether tokens [i, j) only join two names: "and",
// commas, or an apposition in commas is too long to count.
func (d *doc) coordinated(i, j int) bool {
	if j-i > 3 || j <= i {
		return false
	}
	for k := i; k < j; k++ {
		switch d.toks[k].Fold {
		case "and", ",", "as", "well", "&":
		default:
			return false
		}
	}
	return true
}

// agentOf reports a subject ending at token end that does the act of the
// active verb at token a ("X arrested Y", "he allegedly arrested a
// civilian"): only adverbs stand between, and no form of "be" makes the
// verb passive.
func (d *doc) agentOf(end, a int) bool {
	if end > a {
		return false
	}
	for k := end; k < a; k++ {
		f := d.toks[k].Fold
		if !(strings.HasSuffix(f, "ly") && len(f) > 4 || f == "also" || f == "later" || f == "then" || f == "had" || f == "have" || f == "has") {
			return false
		}
	}
	next := d.fold(a + 1)
	return !beVerbs[d.fold(a-1)] && next != "by" && next != "in" && next != "on" && next != "at" && next != "." && next != ","
}

// agentEvents are done by someone to someone: the subject of their active
// verb is the agent ("X arrested Y"), not the one it happened to.
var agentEvents = set(`arrest detention referral_to_judiciary charge trial conviction sentence wanted release`)

// beVerbs make a participle passive: "was arrested".
var beVerbs = set(`be is are was were been being get got`)

// inTriggerClause keeps the mentions that can belong to a trigger inside a
// relative clause ("The case, in which the three officials were tried,
// concerns X and Y": X and Y were not tried): those inside the clause, and
// its antecedent just before the relative pronoun ("X, who was tried").
func (d *doc) inTriggerClause(ms []mention, a, b int) []mention {
	s := d.sentence(a)
	r := -1
	for k := a - 1; k >= s.a; k-- {
		f := d.toks[k].Fold
		if f == "," || f == ";" || f == ":" {
			break
		}
		if relatives[f] {
			r = k
			break
		}
	}
	if r < 0 {
		return ms
	}
	end := s.b
	for k := b; k < s.b; k++ {
		if f := d.toks[k].Fold; f == "," || f == ";" || f == ":" {
			end = k
			break
		}
	}
	var out []mention
	for _, m := range ms {
		inside := m.sp.a > r && m.sp.b <= end
		antecedent := m.sp.b <= r && (r-m.sp.b <= 2 || d.apposition(m.sp.b, r) || d.coordinatedNames(m.sp.b, r)) &&
			d.toks[r].Fold != "whose" // "X, whose father disappeared": the father, not X
		if inside || antecedent {
			out = append(out, m)
		}
	}
	return out
}

// relatives open a relative clause.
var relatives = set(`which who whom whose where`)

// coordinatedNames reports tokens [i, j) that only join names: "Mazen
// al-Dabbagh and his son Patrick, who ...".
func (d *doc) coordinatedNames(i, j int) bool {
	if j-i > 10 {
		return false
	}
	for k := i; k < j; k++ {
		f := d.toks[k].Fold
		if f != "," && f != "and" && f != "his" && f != "her" && f != "their" && !kinNouns[f] && d.own[k] != ownPerson {
			return false
		}
	}
	return true
}

// deathOf reports a person whom the death at [a, b) is plainly about: the
// subject just before it ("X died", "X's death", "X, 34, died in
// custody"), or named just after it ("the death of X", "died ... X").
func (d *doc) deathOf(persons []mention, p *person, a, b int) bool {
	for _, m := range persons {
		if m.person != p {
			continue
		}
		if m.sp.b <= a && d.harmOfAfter(b) {
			return false // "convicted X over the deaths in detention of two journalists": the journalists died
		}
		if m.sp.b <= a && a-m.sp.b <= 6 && !d.clauseBreak(m.sp.b, a) {
			return true
		}
		if m.sp.a >= b && m.sp.a-b <= 3 {
			return true
		}
		if m.sp.b < a && d.subjectThrough(m.sp.b, a) {
			return true
		}
	}
	return false
}

// harmObject reports a name that is the object of a noun of harm before
// it: "the death of X", "the torture in custody of X", "the killing of
// detainees, including X". It returns the noun's token, or -1.
func (d *doc) harmObject(m span) int {
	if d.fold(m.a-1) != "of" {
		return -1
	}
	for k := m.a - 2; k >= 0 && k >= m.a-5; k-- {
		f := d.toks[k].Fold
		if harmNouns[f] {
			return k
		}
		if f != "in" && f != "under" && !custodyWords[f] {
			return -1
		}
	}
	return -1
}

// harmListed reports the mention ms[i] as the object of the noun of harm
// in the trigger at [a, b), or as a name coordinated with that object: "the
// registry recorded the deaths of X, Y and Z" — all three died.
func (d *doc) harmListed(ms []mention, i, a, b int) bool {
	for {
		if h := d.harmObject(ms[i].sp); h >= a && h < b {
			return true
		}
		if i == 0 || ms[i-1].sp.b > ms[i].sp.a || !d.coordinatedNames(ms[i-1].sp.b, ms[i].sp.a) {
			return false
		}
		i--
	}
}

// harmOfAfter reports that the noun of harm ending at b names whom it was
// done to: "of" after it, at most across "in custody" or "in detention".
func (d *doc) harmOfAfter(b int) bool {
	if !harmNouns[d.fold(b-1)] {
		return false
	}
	for k := b; k < len(d.toks) && k < b+4; k++ {
		f := d.toks[k].Fold
		if f == "of" {
			return d.fold(k+1) != "his" && d.fold(k+1) != "her" // "the death of his brother": the brother is the pronoun's kin
		}
		if f != "in" && f != "under" && !custodyWords[f] {
			return false
		}
	}
	return false
}

// isDefendantWord reports a sentence that speaks of a suspect or a
// defendant's custody: "the suspect has spent two years in pre-trial
// detention", "spent ... awaiting trial".
func (d *doc) isDefendantWord(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		switch d.toks[k].Fold {
		case "suspect", "defendant", "accused", "pre-trial", "pretrial", "trial", "sentence", "sentenced", "convicted", "charged":
			return true
		}
	}
	return false
}

// objectAfter reports a name that is the object of the active verb ending
// at b: right after it, past a title or a noun of the detained ("guards
// beat the detainee X", "executed Colonel X").
func (d *doc) objectAfter(m span, b int) bool {
	if m.a < b {
		return false
	}
	for k := b; k < m.a; k++ {
		f := d.toks[k].Fold
		if !(d.own[k] == ownTitle || f == "the" || f == "detainee" || f == "prisoner" || f == "inmate" || victimNouns[f]) {
			return false
		}
	}
	return m.a-b <= 3
}

// acrossRelative reports a relative clause set off by commas from token i
// to the verb at a: ", who now lives in Berlin, told": the word before i is
// the verb's subject. The clause names nobody and holds no other clause.
func (d *doc) acrossRelative(i, a int) bool {
	if d.fold(i) != "," || d.fold(i+1) != "who" {
		return false
	}
	for k := i + 2; k < a && k < i+16; k++ {
		switch f := d.toks[k].Fold; {
		case f == ",":
			return k+1 == a
		case d.own[k] == ownPerson || f == "." || f == ";" || f == ":":
			return false
		}
	}
	return false
}

// agentAfter reports a name that is the agent of the passive verb ending
// at b: "beaten by Jaber and other guards", "tortured by officers under
// X".
func (d *doc) agentAfter(m span, b int) bool {
	for k := b; k < m.a && k < b+4; k++ {
		if d.toks[k].Fold == "by" {
			return m.a-k <= 8 && !d.clauseBreak(k, m.a)
		}
	}
	return false
}

// subjectThrough reports that a name ending at token i is the subject of
// the verb at a across an apposition or a relative clause: "one prisoner,
// X, a 29-year-old engineer from Homs, died", "X, a pharmacist from Douma,
// who the network said died in ...", "X, a pharmacist from Talbiseh, was
// released in April 2013".
func (d *doc) subjectThrough(i, a int) bool {
	j := i
	for k := i + 3; k <= i+15 && k <= a; k++ {
		if d.fold(k-1) == "," && d.apposition(i, k) {
			j = k
			break
		}
	}
	if j == i {
		j = d.describedApposition(i, a)
	}
	if d.fold(j) == "," {
		j++
	}
	if d.fold(j) == "who" {
		// "who the network said died", "who later died": a few words, no
		// other person, no other clause
		if a-j > 6 {
			return false
		}
		for k := j + 1; k < a; k++ {
			if f := d.toks[k].Fold; d.own[k] == ownPerson || f == "," || f == "." || f == "and" || f == "after" {
				return false
			}
		}
		return true
	}
	if j == i {
		return false // no apposition: the nearness rule above decides
	}
	for k := j; k < a; k++ {
		if f := d.toks[k].Fold; !(f == "had" || f == "has" || f == "later" || f == "then" || f == "reportedly" || f == "allegedly" || passiveAux[f]) {
			return false
		}
	}
	return true
}

// describedApposition returns the end of a description set off by commas
// after a name at token i that opens with an article and may hold a
// relative clause of its own: "X, a civil engineer who spent the last
// eighteen months of his life in the prisons of the government, died in
// ...". It names nobody else, quotes nothing, and holds no speech verb
// and no other comma; it returns i when there is none.
func (d *doc) describedApposition(i, a int) int {
	if d.fold(i) != "," || !(d.fold(i+1) == "a" || d.fold(i+1) == "an") {
		return i
	}
	for k := i + 2; k < a && k <= i+30; k++ {
		f := d.toks[k].Fold
		switch {
		case f == ",":
			return k
		case d.own[k] == ownPerson || speechVerbs[f] || f == "“" || f == "”" || f == "\"" || f == ";" || f == "." || f == "and":
			return i
		}
	}
	return i
}

// sufferedBefore reports a person an earlier event of the text has as its
// victim.
func (d *doc) sufferedBefore(p *person) bool {
	for _, ev := range d.events {
		for _, w := range ev.who {
			if w.Name == p.name && w.Role == extract.RoleVictim && ev.typ != extract.EventArrest {
				return true
			}
		}
	}
	return false
}

// pluralPronounOf reports a plural pronoun that the event at trigger a is
// told of: "their deaths", "their arrest", "they were arrested", "they
// died".
func (d *doc) pluralPronounOf(a int) bool {
	switch {
	case d.fold(a-1) == "their":
		return true
	case d.fold(a-1) == "they":
		return true
	case d.fold(a-2) == "they" && (beVerbs[d.fold(a-1)] || d.fold(a-1) == "had" || d.fold(a-1) == "both" || d.fold(a-1) == "remain" || d.fold(a-1) == "remained"):
		return true
	case d.fold(a-3) == "they" && d.fold(a-2) == "had" && d.fold(a-1) == "been":
		return true
	}
	return false
}

// pluralReferent returns whom a plural pronoun before the trigger at a
// stands for: the persons of the last event of the paragraph that names
// two or more and no official ("X and his son Y, who were arrested by ...
// Their families received news of their deaths in prison": X and Y), when
// no other person is named between that event and the pronoun; else nil.
func (d *doc) pluralReferent(a int) []*person {
	for i := len(d.events) - 1; i >= 0; i-- {
		ev := d.events[i]
		if ev.trig >= a {
			continue
		}
		for k := ev.trig + 1; k <= a; k++ {
			if d.toks[k].Newlines > 0 {
				return nil // another paragraph
			}
		}
		var ps []*person
		for _, w := range ev.who {
			p := d.personNamed(w.Name)
			if p == nil || p.official {
				return nil
			}
			ps = append(ps, p)
		}
		if len(ps) < 2 {
			if len(ps) == 1 {
				return nil // "their" after one person's event: a family, not two persons
			}
			continue
		}
		for k := ev.sent.b; k < a; k++ {
			if p, _ := d.mentionAt(k); p != nil && !slices.Contains(ps, p) {
				return nil
			}
		}
		return ps
	}
	return nil
}

// newsOfDeath reports a death told as the news of it: "received news of
// their deaths in prison in 2018", "learned of his death in 2016", "were
// informed of her death": the date is the day the news came, not the
// death's.
func (d *doc) newsOfDeath(a int) bool {
	for k := a - 1; k >= 0 && k >= a-4; k-- {
		switch f := d.fold(k); {
		case f == "of" && newsWords[d.fold(k-1)]:
			return true
		case f == "," || f == "." || f == ";":
			return false
		}
	}
	return false
}

// newsWords report that news of something came.
var newsWords = set(`news word learned learnt learn informed notified notification told heard`)

// deathCausedBy reports a person the death at a is laid to: the agent of a
// beating after it ("died after being beaten by X and other guards"), or
// the one a body accuses in the sentence ("The ministry accused X of
// overseeing interrogations during which dozens died").
func (d *doc) deathCausedBy(m span, a int, s sentence) bool {
	if m.a > a && m.a-a <= 8 && d.fold(m.a-1) == "by" {
		for k := a + 1; k < m.a-1; k++ {
			if sufferedVerbs[d.fold(k)] {
				return true
			}
		}
	}
	if m.b <= a && m.a-1 >= s.a && (d.fold(m.a-1) == "accused" || d.own[m.a-1] == ownTitle && d.accuserBefore(m.a-1)) {
		return d.fold(m.b) == "of"
	}
	return false
}

// accuserBefore reports "accused" just before the title that ends at
// token k: "accused Lt. Col. X of".
func (d *doc) accuserBefore(k int) bool {
	for k >= 0 && (d.own[k] == ownTitle || d.toks[k].Fold == ".") {
		k--
	}
	return d.fold(k) == "accused"
}

// sentencesManyToDeath reports a sentencing at the trigger a..b that
// somebody passes on many others, to death: "X, who sentenced thousands of
// people to death", "the judge issued death sentences to prisoners", "he
// has issued hundreds of sentences, including the death penalty". Its
// subject is the one who sent them to death (an execution allegation), not
// one sentenced; "X was sentenced to death", "the court sentenced X to
// death" stay a sentence.
func (d *doc) sentencesManyToDeath(tr extract.Trigger, a, b int, s sentence) bool {
	if tr.Verb {
		if beVerbs[d.fold(a-1)] || d.fold(a-2) == "been" || d.fold(a-1) == "being" {
			return false // "was sentenced to death": the one sentenced
		}
	} else {
		issued := false
		for k := a - 1; k >= s.a && k >= a-5; k-- {
			switch d.fold(k) {
			case "issued", "issuing", "issues", "issue", "passed", "passing", "handed", "signed", "signing":
				issued = !beVerbs[d.fold(k-1)]
			}
		}
		if !issued {
			return false
		}
	}
	many, death := !tr.Verb && strings.HasSuffix(d.fold(a+len(tr.Words)-1), "s"), false
	if !tr.Verb && d.fold(a-1) == "death" {
		death = true // "death sentences"
	}
	for k := b; k < s.b && k < b+10; k++ {
		f := d.fold(k)
		if f == ";" || f == "." {
			break
		}
		if d.personAt[k] != nil || f == "him" || f == "her" {
			return false // "sentenced X to death": X is the one sentenced
		}
		if f == "death" || f == "gallows" {
			death = true
		}
		if manyPeople[f] || d.toks[k].Digits {
			many = true
		}
	}
	return many && death
}

// manyPeople are words for many persons as the object of a sentencing:
// "sentenced thousands of people to death".
var manyPeople = set(`thousands hundreds dozens scores people prisoners detainees inmates men women them defendants opponents`)

// pluralHeadOf reports a name after "of" and a plural noun, the head of
// its phrase: "opponents of al-Assad", "supporters of X", "members of X's
// family". What the phrase's verb tells is the plural's.
func (d *doc) pluralHeadOf(m span) bool {
	if d.fold(m.a-1) != "of" || m.a < 2 {
		return false
	}
	t := d.toks[m.a-2]
	return t.Word && !t.Cap && len(t.Fold) > 3 && strings.HasSuffix(t.Fold, "s") && !strings.HasSuffix(t.Fold, "ss") && !kinNouns[t.Fold] &&
		len(triggers.At(d.toks, m.a-2)) == 0 // "the deaths of X": X's
}

// objectPronoun reports a pronoun at k in the object case: "him", or
// "her" that no noun follows ("beat her", not "her brother").
func (d *doc) objectPronoun(k int) bool {
	return d.fold(k) == "him" || d.fold(k) == "her" && !d.possessive(k)
}
