package ar

// findRegime finds the regime or government as a named actor: "نظام بشار
// الأسد", "نظام الأسد", "حكومة بشار الأسد", "النظام السوري". The name of the
// person it holds stays that person's mention too, so the mention overlaps
// the person's; only the head word is the organization's own.
func (d *doc) findRegime() {
	for i := 0; i+1 < len(d.toks); i++ {
		pre, ok := d.has(i, regimeHeads)
		if !ok || d.own[i] != ownNone {
			continue
		}
		end := 0
		switch {
		case d.definite(i) && (nationalities[d.fold(i+1)] && d.fold(i+1) != "العسكري" || d.fold(i+1) == "البايد") && d.own[i+1] == ownNone:
			end = i + 2 // "النظام السوري", "النظام البائد"
		case d.personAt[i+1] != nil && d.regimeHead(d.personAt[i+1]):
			end = i + 1
			for end < len(d.toks) && d.personAt[end] == d.personAt[i+1] {
				end++
			}
			d.personAt[i+1].official = true // the head of the regime: no participant, not what the text is about
		case d.fold(i+1) == "الاسد" && d.own[i+1] == ownNone:
			end = i + 2 // "نظام الأسد" where no Assad is named
		}
		fpre, forces := d.has(i-1, regimeForcesHeads)
		forces = forces && pre == 0 && d.own[i-1] == ownNone
		if end == 0 {
			continue
		}
		if forces {
			// "قوات النظام السوري": the forces are a body of their own, not
			// one more name of the regime
			d.addEntity(ownOrg, span{i - 1, end, fpre}, nil)
			i = end - 1
			continue
		}
		d.regimeMention(span{i, end, pre})
		d.intelligenceOfRegime(span{i, end, pre}) // "مخابرات نظام الأسد"
		i = end - 1
	}
}

// regimeMention records one mention of the regime: however the text names it
// ("نظام بشار الأسد", "نظام الأسد", "النظام السوري"), it is one actor, named by
// its fullest form.
func (d *doc) regimeMention(sp span) {
	var regime *entity
	for _, e := range d.ents {
		if e.regime {
			regime = e
		}
	}
	if regime == nil {
		d.addEntityOver(ownOrg, sp).regime = true
		return
	}
	owned := d.own[sp.a]
	d.own[sp.a], d.entAt[sp.a] = ownOrg, regime
	if owned != ownNone && owned != ownOrg {
		d.own[sp.a] = owned
	}
	regime.ments = append(regime.ments, sp)
	surface := d.str(sp)
	if !containsString(regime.aliases, surface) {
		regime.aliases = append(regime.aliases, surface)
	}
	if len([]rune(surface)) > len([]rune(regime.name)) {
		regime.name = surface
	}
}

// regimeHead reports a person the text names as the head of a regime: one
// whose family name is الأسد.
func (d *doc) regimeHead(p *person) bool {
	return len(p.parts) > 0 && p.parts[len(p.parts)-1] == "الاسد"
}

// regimeHeads are the words for a regime or government.
var regimeHeads = words("regime_heads")

// regimeForcesHeads name a regime's forces before its name: see
// lexicon/regime_forces_heads.txt.
var regimeForcesHeads = words("regime_forces_heads")

// addEntityOver records an entity's mention over tokens that may belong to a
// person: only the tokens nothing owns become the entity's.
func (d *doc) addEntityOver(typ uint8, sp span) *entity {
	owned := make([]uint8, sp.b-sp.a)
	ents := make([]*entity, sp.b-sp.a)
	for k := sp.a; k < sp.b; k++ {
		owned[k-sp.a], ents[k-sp.a] = d.own[k], d.entAt[k]
	}
	e := d.addEntity(typ, sp, nil)
	for k := sp.a; k < sp.b; k++ {
		if owned[k-sp.a] != ownNone {
			d.own[k], d.entAt[k] = owned[k-sp.a], ents[k-sp.a]
		}
	}
	return e
}
