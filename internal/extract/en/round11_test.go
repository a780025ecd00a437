package en

import (
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// round11Cases hold issue 13's round 11 (extractor version 14): a class of
// construction each, in sentences written for this test (invented persons,
// real places). person "" asks for any event of the type.
var round11Cases = []readingCase{
	// "death sentences", "the death penalty": a penalty, not a death in custody
	{name: "death sentences carried out are no death of the judge",
		text: "Brigadier General Walid Kamel Ashour, 58, led the court from 2012 to 2018. He is charged with murder and complicity in torture over death sentences that were executed at Sednaya prison.",
		typ:  extract.EventDeathInCustody, person: "Walid Kamel Ashour", not: true},
	{name: "signed death sentences against detainees",
		text: "Walid Kamel Ashour signed hundreds of death sentences against detainees held in Sednaya prison.",
		typ:  extract.EventDeathInCustody, not: true},
	{name: "a death in custody is still one",
		text: "Walid Kamel Ashour died in custody at Sednaya prison in 2014, his family said.",
		typ:  extract.EventDeathInCustody, person: "Walid Kamel Ashour"},
	// "a fair trial": the standard, not a trial held
	{name: "a fair trial a lawyer fears he will not get",
		text: "Rima Nasser said her client Walid Kamel Ashour will not get a fair trial in Damascus.",
		typ:  extract.EventTrial, not: true},
	{name: "fair trial standards",
		text: "Rights groups said Walid Kamel Ashour must be given every guarantee of a fair trial.",
		typ:  extract.EventTrial, not: true},
	{name: "a trial that has not begun",
		text: "Walid Kamel Ashour was referred to the court in May. His trial has not begun.",
		typ:  extract.EventTrial, not: true},
	{name: "a trial that has yet to open",
		text: "The trial of Walid Kamel Ashour has yet to open in Damascus.",
		typ:  extract.EventTrial, not: true},
	{name: "a trial that has begun",
		text: "The trial of Walid Kamel Ashour has begun in Damascus.",
		typ:  extract.EventTrial, person: "Walid Kamel Ashour"},
	{name: "a trial that opened is still one",
		text: "The trial of Walid Kamel Ashour opened in Damascus on Tuesday.",
		typ:  extract.EventTrial, person: "Walid Kamel Ashour"},
}

func TestRound11Classes(t *testing.T) { runReadingCases(t, round11Cases) }

// Where a speaker is, set off after "from" ("said by phone from Gaziantep,
// Turkey"), is no place of what the speaker tells; a place the account
// names is.
func TestSpeakerPlaceApart(t *testing.T) {
	for _, c := range []struct{ text, typ, want string }{
		{"Samer Ali Darwish was arrested at a checkpoint in 2013, his brother Karim Saleh Haddad said by phone from Gaziantep, Turkey.",
			extract.EventArrest, ""},
		{"Samer Ali Darwish was arrested at a checkpoint in Homs in 2013, his brother Karim Saleh Haddad said by phone from Gaziantep, Turkey.",
			extract.EventArrest, "Homs"},
	} {
		r := Extract(c.text, model.DayDate(2025, 3, 8))
		got := "(none)"
		for _, e := range r.Events {
			if e.Type == c.typ {
				got = ""
				if e.Where != nil {
					got = *e.Where
				}
			}
		}
		if got != c.want {
			t.Errorf("%s: %s at %q, want %q", c.text, c.typ, got, c.want)
		}
	}
}
