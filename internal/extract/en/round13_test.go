package en

import (
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// round13Cases hold issue 13's round 13 (extractor version 16): deaths in
// custody, in sentences written for this test (invented persons, real
// places). person "" asks for any event of the type.
var round13Cases = []readingCase{
	// the deaths a record lists: every name coordinated with the first
	{name: "the registry recorded the deaths of two: the first",
		text: "The civil registry recorded the deaths of Wael Hassan Masri and Jaber Saeed Khatib.",
		typ:  extract.EventDeathInCustody, person: "Wael Hassan Masri"},
	{name: "the registry recorded the deaths of two: the second",
		text: "The civil registry recorded the deaths of Wael Hassan Masri and Jaber Saeed Khatib.",
		typ:  extract.EventDeathInCustody, person: "Jaber Saeed Khatib"},
	{name: "the deaths of three in detention: the last",
		text: "The deaths of Wael Masri, Jaber Khatib and Mazen Halabi in prison were confirmed.",
		typ:  extract.EventDeathInCustody, person: "Mazen Halabi"},
	{name: "deaths registered at the registry",
		text: "The deaths of Wael Hassan Masri and Jaber Saeed Khatib were registered in the civil registry.",
		typ:  extract.EventDeathInCustody, person: "Jaber Saeed Khatib"},
	{name: "registered as dead",
		text: "Omar Nabil Zaher was registered as dead at the civil registry in Hama.",
		typ:  extract.EventDeathInCustody, person: "Omar Nabil Zaher"},
	{name: "the deaths of two in an airstrike are none",
		text: "Activists recorded the deaths of Wael Hassan Masri and Jaber Saeed Khatib in an airstrike on Idlib.",
		typ:  extract.EventDeathInCustody, not: true},
	// a killing in a named place of custody
	{name: "killed in Sednaya",
		text: "Nader Salim Ali was killed in Sednaya in 2013.",
		typ:  extract.EventDeathInCustody, person: "Nader Salim Ali"},
	{name: "killed in an airstrike is none",
		text: "Yasser Adnan Tamer was killed in an airstrike on Idlib in 2016.",
		typ:  extract.EventDeathInCustody, not: true},
	{name: "killed in fighting is none",
		text: "Bilal Sami Haddad was killed in Aleppo fighting government forces.",
		typ:  extract.EventDeathInCustody, not: true},
	// the victims an article of deaths in custody lists
	{name: "the victims of a death report include two",
		text: "Records reveal the deaths of 12 detainees in Sednaya prison.\n\nThe group said the victims include Karim Anwar Nasser and Tariq Jamil Aswad.",
		typ:  extract.EventDeathInCustody, person: "Tariq Jamil Aswad"},
	{name: "the other victims named are three",
		text: "Records reveal the deaths of 12 detainees in Sednaya prison.\n\nThe other victims named in the records are Karim Nasser, Tariq Aswad and Fuad Hakim.",
		typ:  extract.EventDeathInCustody, person: "Fuad Hakim"},
	{name: "victims of an article about torture survivors are not dead",
		text: "A court in Koblenz heard survivors of Branch 251 on Monday.\n\nThe prosecutor said the victims include Karim Anwar Nasser and Tariq Jamil Aswad.",
		typ:  extract.EventDeathInCustody, not: true},
	{name: "background deaths name nobody",
		text: "Thousands of detainees died in prisons across Syria. Karim Anwar Nasser said the war must end.",
		typ:  extract.EventDeathInCustody, person: "Karim Anwar Nasser", not: true},
}

func TestRound13Classes(t *testing.T) { runReadingCases(t, round13Cases) }

// TestRound13VictimsPlace: the victims an article of deaths in custody lists
// died where its lead has them die, not where they were arrested.
func TestRound13VictimsPlace(t *testing.T) {
	cases := []struct{ text, person, where string }{
		{"Records reveal the deaths of 12 detainees in Sednaya prison.\n\nThe group said the victims include Karim Anwar Nasser, arrested at a checkpoint in Douma in 2012.",
			"Karim Anwar Nasser", "Sednaya prison"},
		{"Records reveal the deaths of 12 detainees held in Branch 215.\n\nThe victims include Karim Anwar Nasser and Tariq Jamil Aswad, both from Homs.",
			"Tariq Jamil Aswad", "Branch 215"},
	}
	for _, c := range cases {
		r := Extract(c.text, model.DayDate(2025, 3, 8))
		found := false
		for _, e := range r.Events {
			for _, w := range e.Who {
				if e.Type == extract.EventDeathInCustody && w.Name == c.person {
					found = true
					if e.Where == nil || *e.Where != c.where {
						t.Errorf("%s: death of %s at %v, want %q", c.text, c.person, e.Where, c.where)
					}
				}
			}
		}
		if !found {
			t.Errorf("%s: no death in custody of %s", c.text, c.person)
		}
	}
}
