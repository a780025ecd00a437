package ar

import "github.com/athar-project/athar/internal/extract"

// statusRank orders the statuses a person may take from the text, the
// strongest highest: a detainee who testifies and then died is deceased; an
// officer who was arrested and then convicted is convicted. The English
// extractor's order, but for one step: a former detainee who gives an
// account is a witness (the annotations' convention: "people giving
// accounts"), not only a victim; on the Arabic dev articles this took two
// survivors from victim to the witness their gold gives.
var statusRank = map[string]int{extract.StatusConvicted: 7, extract.StatusArrested: 6, extract.StatusWanted: 5,
	extract.StatusDeceased: 4, extract.StatusWitness: 3, extract.StatusVictim: 2, extract.StatusOfficial: 1}

// statuses gives each person the status the events they take part in say,
// as the English extractor does: an official or a victim by introduction,
// then convicted, arrested (the subject of an arrest or a step of justice),
// wanted, deceased (a death in custody) or witness (testimony) by the
// events, the strongest winning. A denied event says nothing; a victim of
// a trial or a sentence (the person tortured, named beside the accused) is
// no convict.
func (d *doc) statuses() map[*person]string {
	out := map[*person]string{}
	byName := map[string]*person{}
	for _, p := range d.persons {
		byName[p.name] = p
		switch {
		case p.official:
			out[p] = extract.StatusOfficial
		case p.victim:
			out[p] = extract.StatusVictim
		}
	}
	for _, ev := range d.events {
		if ev.modality == extract.Denied {
			continue
		}
		for _, w := range ev.who {
			p := byName[w.Name]
			if p == nil {
				continue
			}
			if st := statusFrom(ev.typ, w.Role); statusRank[st] > statusRank[out[p]] {
				out[p] = st
			}
		}
	}
	return out
}

// statusFrom is the status an event of type typ gives a participant in
// role.
func statusFrom(typ, role string) string {
	switch typ {
	case extract.EventConviction, extract.EventSentence:
		if role == extract.RoleSubject || role == extract.RolePerpetrator {
			return extract.StatusConvicted
		}
	case extract.EventArrest, extract.EventReferral, extract.EventCharge, extract.EventTrial, extract.EventConfession:
		if role == extract.RoleSubject {
			return extract.StatusArrested
		}
	case extract.EventWanted:
		if role == extract.RoleSubject || role == extract.RolePerpetrator {
			return extract.StatusWanted
		}
	case extract.EventDeathInCustody:
		return extract.StatusDeceased
	case extract.EventTestimony:
		if role == extract.RoleWitness {
			return extract.StatusWitness // not the accused a testimony tells of
		}
	}
	if role == extract.RoleVictim {
		return extract.StatusVictim
	}
	return ""
}
