package ar

import "strings"

// governed reports a person mention at token k that is the complement of a
// noun rather than a party to anything: the regime, rule or fall of someone
// ("حكم نظام بشار الأسد", "قبل فرار بشار الأسد"), someone's relative
// ("شقيق مازن", "زوجة المتهم"). Rank words between the noun and the name are
// stepped over ("نظام الرئيس بشار الأسد").
func (d *doc) governed(k int) bool {
	j := k - 1
	for j >= 0 && d.own[j] == ownRank {
		j--
	}
	if j < 0 || !d.toks[j].word {
		return false
	}
	t := &d.toks[j]
	if strings.HasSuffix(d.s[t.start:t.end], "ه") {
		if _, kin := d.has(j, kinWords); kin {
			return false // "والده فيصل": his father, named; not "والدة" that folds alike
		}
	}
	_, ok := d.has(j, governingNouns)
	return ok
}

// pronounNumber is how many persons a pronoun suffix on a word points to:
// 2 for the dual ("وفاتهما"), 3 for a plural ("اعتقالهم"), else 1.
func pronounNumber(f string) int {
	switch {
	case strings.HasSuffix(f, "هما"):
		return 2
	case plural(f):
		return 3
	}
	return 1
}

// antecedentsIn returns the persons a pronoun on the trigger at a points to
// within its sentence: the nearest person named before it (a relative's
// complement included: "عائلة X ... اعتقاله"), or for a dual or a plural the
// nearest two or all named before, past a judge, prosecutor or lawyer; none
// when a speaker or an official comes first.
func (d *doc) antecedentsIn(a int, s sentence, n int) []*person {
	var ps []*person
	for k := a - 1; k >= s.a && len(ps) < n; k-- {
		p := d.personAt[k]
		if p == nil || k > s.a && d.personAt[k-1] == p || containsPerson(ps, p) {
			continue
		}
		if p.official || d.speakerAt(k, s) {
			break
		}
		if (p.court || p.advocate) && !p.victim {
			continue // "المدعية العامة X … أساليب تعذيبهم": her victims are the accused's
		}
		if n == 1 && d.kinApposition(k) {
			return nil // "ابن عمه، نزار درويش، أوقف بتهمة مساعدته خلال فراره": the cousin's, not his
		}
		ps = append(ps, p)
	}
	if n == 2 && len(ps) < 2 || len(ps) == 0 {
		return nil
	}
	for i, j := 0, len(ps)-1; i < j; i, j = i+1, j-1 {
		ps[i], ps[j] = ps[j], ps[i] // in the order the text names them
	}
	return ps
}

// kinApposition reports a person mention ending at token k that a word of
// kinship with a pronoun introduces ("ابن عمه، نزار درويش"): the pronoun
// points to someone else, and so does a pronoun after the mention.
func (d *doc) kinApposition(k int) bool {
	p := d.personAt[k]
	j := k
	for j > 0 && d.personAt[j-1] == p {
		j--
	}
	j--
	if d.fold(j) == "," {
		j--
	}
	if j < 0 {
		return false
	}
	_, ok := d.has(j, kinWords)
	return ok
}

// kinAppositionIn reports a person that a word of kinship introduces in
// sentence s.
func (d *doc) kinAppositionIn(p *person, s sentence) bool {
	for _, m := range p.ments {
		if m.a >= s.a && m.b <= s.b && d.kinApposition(m.b-1) {
			return true
		}
	}
	return false
}

// kinPatientAfter reports a word of kinship with a pronoun right after a
// trigger that ends at token b, with no name after it: "اعتقل زوجها عام
// 2014" is about the husband, whom the text does not name.
func (d *doc) kinPatientAfter(b int, s sentence) bool {
	if b >= s.b {
		return false
	}
	if _, ok := d.has(b, kinWords); !ok || d.own[b] != ownNone {
		return false
	}
	return b+1 >= s.b || d.personAt[b+1] == nil
}
