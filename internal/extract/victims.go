package extract

// A detainee's arrest is not a suspect's. Newsrooms tell of victims' arrests
// ("X, a student, was arrested at a checkpoint in 2013 and died in Sednaya")
// in the same words as suspects' ("X was arrested in Jableh"); the sentence
// alone often cannot tell them apart, the document can: a person it tells
// suffered (tortured, executed, died or disappeared in custody) or who gives
// an account of their detention, and whom it accuses of nothing, was
// arrested as a victim. victimArrests gives such arrests the victim role and
// takes back the status "arrested" they gave, so that neither the person's
// status nor a case file built on the statements reads them as a suspect.

// sufferedTypes are the events whose victim suffered in custody.
var sufferedTypes = map[string]bool{
	EventTortureAllegation: true, EventExecutionAllegation: true, EventDeathInCustody: true, EventDisappearance: true,
}

// accusingTypes are the events whose subject is the one accused or pursued.
// An escape is not among them: detainees escape and flee too ("he fled to
// the Netherlands after his release"), and a fugitive the text accuses has
// other events that say so.
var accusingTypes = map[string]bool{
	EventWanted: true, EventReferral: true, EventCharge: true, EventTrial: true, EventConviction: true,
	EventSentence: true, EventAcquittal: true, EventConfession: true,
}

// victimArrests rereads the arrests and detentions of persons the document
// has suffer or testify and accuses of nothing.
func victimArrests(r *Result) {
	suffered, accused := map[string]bool{}, map[string]bool{}
	for _, ev := range r.Events {
		if ev.Modality == Denied {
			continue
		}
		for _, w := range ev.Who {
			switch {
			case w.Role == RolePerpetrator, accusingTypes[ev.Type] && (w.Role == RoleSubject || w.Role == ""):
				accused[w.Name] = true
			case sufferedTypes[ev.Type] && (w.Role == RoleVictim || w.Role == RoleSubject && (ev.Type == EventDeathInCustody || ev.Type == EventDisappearance)),
				ev.Type == EventTestimony && w.Role == RoleWitness:
				suffered[w.Name] = true
			}
		}
	}
	changed := map[string]bool{}
	for i := range r.Events {
		ev := &r.Events[i]
		if ev.Type != EventArrest && ev.Type != EventDetention {
			continue
		}
		for j := range ev.Who {
			w := &ev.Who[j]
			if (w.Role == RoleSubject || w.Role == "") && suffered[w.Name] && !accused[w.Name] {
				w.Role = RoleVictim
				changed[w.Name] = true
			}
		}
	}
	for i := range r.Persons {
		p := &r.Persons[i]
		if !changed[p.Name] || p.Status != StatusArrested {
			continue
		}
		p.Status = StatusVictim
		for _, ev := range r.Events {
			for _, w := range ev.Who {
				if w.Name != p.Name || ev.Modality == Denied {
					continue
				}
				switch {
				case ev.Type == EventDeathInCustody || ev.Type == EventExecutionAllegation && w.Role == RoleVictim:
					p.Status = StatusDeceased
				case ev.Type == EventTestimony && w.Role == RoleWitness && p.Status == StatusVictim:
					p.Status = StatusWitness
				}
			}
		}
	}
}
