package en

import (
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// readingCase is a sentence written for issue 13's "reading real sources"
// round: an event type and a person it must name (or, with not, must not
// name). The persons are invented; the places and bodies are real.
type readingCase struct {
	name, text, typ, person string
	not                     bool
}

// readingCases hold one class of construction each, as news prose words
// it, not as one article did.
var readingCases = []readingCase{
	{name: "a former office holder is no official: arrested by announcement",
		text: "The Interior Ministry announced the arrest of Colonel Samir Haddad Khalil, a former prison director accused of torturing detainees.",
		typ:  extract.EventArrest, person: "Samir Haddad Khalil"},
	{name: "a former office holder is no official: his alleged torture",
		text: "The Interior Ministry announced the arrest of Colonel Samir Haddad Khalil, a former prison director accused of torturing detainees.",
		typ:  extract.EventTortureAllegation, person: "Samir Haddad Khalil"},
	{name: "a former office holder is no official: the statement is about him",
		text: "The Interior Ministry announced the arrest of Colonel Samir Haddad Khalil, a former prison director accused of torturing detainees.",
		typ:  extract.EventStatement, person: "Samir Haddad Khalil"},
	{name: "a serving office holder stays an official",
		text: "Prison director Samir Haddad Khalil said the inmates had been moved to Adra.",
		typ:  extract.EventArrest, person: "Samir Haddad Khalil", not: true},
	{name: "a participle verb before a role and a name",
		text: "Security forces arrested former officer Karim Younes Hallak in the Qardaha area on Monday.",
		typ:  extract.EventArrest, person: "Karim Younes Hallak"},
	{name: "a participle verb before a rank word and a name",
		text: "Police detained retired colonel Nabil Fares Omar at his home in Jableh.",
		typ:  extract.EventArrest, person: "Nabil Fares Omar"},
	{name: "the participle as an adjective after a determiner",
		text: "The arrested former officer Karim Younes Hallak told the court he had only guarded the gate.",
		typ:  extract.EventTestimony, person: "Karim Younes Hallak"},
	{name: "a body found in a morgue",
		text: "The body of activist Hani Salem Darwish was found in the morgue of Mujtahid hospital last week.",
		typ:  extract.EventDeathInCustody, person: "Hani Salem Darwish"},
	{name: "a body that bore signs of torture",
		text: "Relatives said the body of Tarek Nabil Hosni bore clear signs of torture when it was returned.",
		typ:  extract.EventDeathInCustody, person: "Tarek Nabil Hosni"},
	{name: "a body that is no corpse",
		text: "A UN body led by Hani Salem Darwish documented torture in the prisons.",
		typ:  extract.EventDeathInCustody, person: "Hani Salem Darwish", not: true},
	{name: "the death of a detainee, singular",
		text: "Authorities registered the death of detainee Ammar Zaki Nasser in 2016.",
		typ:  extract.EventDeathInCustody, person: "Ammar Zaki Nasser"},
	{name: "according to someone who was not held: a statement",
		text: "According to Maher Ziad Hallaq, a lawyer for the families, the verdict was a milestone.",
		typ:  extract.EventStatement, person: "Maher Ziad Hallaq"},
	{name: "according to a former detainee: testimony, not a statement",
		text: "According to Walid Karam Saleh, a former detainee, guards beat prisoners every night in Adra prison.",
		typ:  extract.EventStatement, person: "Walid Karam Saleh", not: true},
	{name: "the name after what survivors say is who they accuse, not a witness",
		text: "Survivors interviewed by rights groups say Thamer Aziz Mansour personally organised the night transfers.",
		typ:  extract.EventTestimony, person: "Thamer Aziz Mansour", not: true},
	{name: "a death laid to the one who beat the prisoner",
		text: "One prisoner, Ziad Omar Kanaan, died in March 2014 after being beaten by Haitham Fares Jaber in a corridor of the prison.",
		typ:  extract.EventDeathInCustody, person: "Haitham Fares Jaber"},
	{name: "a death laid to the accused",
		text: "Yusra Nabil Daoud is accused of recording false causes of death for prisoners who died in Sednaya.",
		typ:  extract.EventDeathInCustody, person: "Yusra Nabil Daoud"},
	{name: "torture at someone's hands before a death lays only the torture to him",
		text: "A video shows Sami Rami Khoury, a detainee who spoke about torture at the hands of Nabil Fadi Rifai before his death in custody.",
		typ:  extract.EventDeathInCustody, person: "Nabil Fadi Rifai", not: true},
}

// courtPlaceCases: a court named by its nationality gives its state as the
// place of a verdict whose sentence names no city and whose story has no
// dateline.
var courtPlaceCases = []struct{ text, want string }{
	{"A French court sentenced Ahmad Rami Sayed to life imprisonment in absentia on Friday.", "France"},
	{"The Dutch appeals court convicted Yusuf Hamdan Ali of war crimes.", "Netherlands"},
	{"A German court in Koblenz convicted Anwar Badri Sharif of crimes against humanity.", "Koblenz"},
	{"French prosecutors said Ahmad Rami Sayed was convicted.", ""}, // prosecutors are no court
}

// An arrest made by a province's forces took place in that province
// ("the Homs province's security branch arrested X"); a possessive place
// before anything else is still no place of the event.
func TestForcesPlace(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"The ministry said the Homs province’s counterterrorism branch arrested Brigadier Nabil Fares Omar.", "Homs province"},
		{"The ministry said Homs province’s governor had met Brigadier Nabil Fares Omar before he was arrested.", ""},
	} {
		r := Extract(c.text, model.DayDate(2025, 3, 8))
		got := "(no arrest)"
		for _, e := range r.Events {
			if e.Type == extract.EventArrest {
				got = ""
				if e.Where != nil {
					got = *e.Where
				}
			}
		}
		if got != c.want {
			t.Errorf("%s: arrest at %q, want %q", c.text, got, c.want)
		}
	}
}

// An escape's place is where the flight went, also past "and flee".
func TestEscapePlace(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Hamid Rami Saleh was imprisoned in 2011 in Syria, before managing to escape and flee to the Netherlands in 2014.", "Netherlands"},
		{"Nizar Wael Kanaan escaped and fled to Lebanon.", "Lebanon"},
	} {
		r := Extract(c.text, model.DayDate(2025, 3, 8))
		got := "(no escape)"
		for _, e := range r.Events {
			if e.Type == extract.EventEscape {
				got = ""
				if e.Where != nil {
					got = *e.Where
				}
			}
		}
		if got != c.want {
			t.Errorf("%s: escape at %q, want %q", c.text, got, c.want)
		}
	}
}

func TestCourtPlace(t *testing.T) {
	for _, c := range courtPlaceCases {
		r := Extract(c.text, model.DayDate(2025, 3, 8))
		got := "(no verdict)"
		for _, e := range r.Events {
			if e.Type == extract.EventConviction || e.Type == extract.EventSentence {
				got = ""
				if e.Where != nil {
					got = *e.Where
				}
			}
		}
		if got != c.want {
			t.Errorf("%s: verdict at %q, want %q", c.text, got, c.want)
		}
	}
}

func TestReadingClasses(t *testing.T) { runReadingCases(t, readingCases) }

// The one a death is laid to did not die: no "deceased" status.
func TestPerpetratorOfDeathLives(t *testing.T) {
	r := Extract("One prisoner, Ziad Omar Kanaan, died in March 2014 after being beaten by Haitham Fares Jaber in a corridor of the prison.", model.DayDate(2025, 3, 8))
	for _, p := range r.Persons {
		if p.Name == "Haitham Fares Jaber" && p.Status == extract.StatusDeceased {
			t.Errorf("%s has status %q", p.Name, p.Status)
		}
	}
}
