package en

import (
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// round12Cases hold issue 13's round 12 (extractor version 15): a class of
// construction each, in sentences written for this test (invented persons,
// real places). person "" asks for any event of the type.
var round12Cases = []readingCase{
	// a victim's relative who speaks of the victim gives an account; one
	// who answers a court's work remarks on the case
	{name: "a sister of a detainee, named before him, speaks of him",
		text: "Samer Haddad, Rana Haddad’s younger brother, was detained at a checkpoint in 2012. The photo ended years of waiting, Rana Haddad said.",
		typ:  extract.EventTestimony, person: "Rana Haddad"},
	{name: "a sister of a detainee gives no statement of him",
		text: "Samer Haddad, Rana Haddad’s younger brother, was detained at a checkpoint in 2012. The photo ended years of waiting, Rana Haddad said.",
		typ:  extract.EventStatement, person: "Rana Haddad", not: true},
	{name: "a mother introduced with whose speaks of her son",
		text: "The search lasted years. Nour Kassab, whose son Ali Kassab was arrested at a checkpoint in 2012, said she paid bribes for news of him.",
		typ:  extract.EventTestimony, person: "Nour Kassab"},
	{name: "a brother who answers a verdict makes a statement",
		text: "Samer Haddad, Karim Haddad’s brother, was detained in Damascus in 2013. Karim Haddad said, “Today the judges gave us the answer our mother never lived to hear.”",
		typ:  extract.EventStatement, person: "Karim Haddad"},
	{name: "a brother who answers a verdict gives no testimony",
		text: "Samer Haddad, Karim Haddad’s brother, was detained in Damascus in 2013. Karim Haddad said, “Today the judges gave us the answer our mother never lived to hear.”",
		typ:  extract.EventTestimony, person: "Karim Haddad", not: true},
	{name: "a relative of a suspect makes a statement",
		text: "Colonel Fadi Aswad, Huda Aswad’s husband, was arrested in Homs on charges of torture. Huda Aswad said he is innocent.",
		typ:  extract.EventTestimony, person: "Huda Aswad", not: true},
	// a survivor's past custody told in a relative clause makes the speaker
	// a survivor, not a fresh arrest
	{name: "detained and spent years in a prison: the speaker is a survivor",
		text: "The cells were full. Khaled Barazi, who was detained in 2013 and spent two years in Sednaya prison, told reporters the cells were crowded.",
		typ:  extract.EventTestimony, person: "Khaled Barazi"},
	{name: "a survivor's relative clause is no arrest",
		text: "The cells were full. Khaled Barazi, who was held in Sednaya prison in 2013, said guards beat prisoners every night.",
		typ:  extract.EventArrest, not: true},
	{name: "released from a prison: the speaker is a survivor",
		text: "The cells were full. Khaled Barazi, who was released from Sednaya in 2017, said the food was rotten.",
		typ:  extract.EventTestimony, person: "Khaled Barazi"},
	{name: "survived years in a prison: the speaker is a survivor",
		text: "The cells were full. Omar Kanaan, who survived three years in Saydnaya, said he still has nightmares.",
		typ:  extract.EventTestimony, person: "Omar Kanaan"},
	{name: "detained for years: the speaker is a survivor",
		text: "The cells were full. Nour Saleh, who was detained for two years, said the food was rotten.",
		typ:  extract.EventTestimony, person: "Nour Saleh"},
	{name: "detained for days, an accused officer: no survivor",
		text: "The cells were full. Colonel Fadi Aswad, who was detained for two days in 2025, said he was innocent of torture.",
		typ:  extract.EventTestimony, person: "Fadi Aswad", not: true},
	// a description in apposition to a name is that person's: its past
	// arrest goes to no one named in the next sentence
	{name: "an apposition's arrest is not the next sentence's",
		text: "The ministry spoke on Monday. Nour Saleh, a former detainee who was arrested at a checkpoint in 2012, told AFP the cells were full. Ahmad Kurdi was born in Homs.",
		typ:  extract.EventArrest, person: "Ahmad Kurdi", not: true},
	{name: "an unnamed arrest still goes to the next sentence's name",
		text: "The ministry spoke on Monday. Police arrested a former prison guard in Homs on Tuesday. Ahmad Kurdi, 51, served at Sednaya prison.",
		typ:  extract.EventArrest, person: "Ahmad Kurdi"},
	// a speaker's relative clause of custody ("who said he was held ...")
	// describes the speaker: no arrest of its own; "after the arrest" points
	// back to an arrest told before, not to the speaker
	{name: "who said he was held: a survivor's account",
		text: "The ministry spoke on Monday. Yamen Kourdi, who said he was held in the branch for five months in 2012, said Fares Jalloul used to take the roll call at dawn.",
		typ:  extract.EventTestimony, person: "Yamen Kourdi"},
	{name: "who said he was held: no arrest",
		text: "The ministry spoke on Monday. Yamen Kourdi, who said he was held in the branch for five months in 2012, said Fares Jalloul used to take the roll call at dawn.",
		typ:  extract.EventArrest, person: "Yamen Kourdi", not: true},
	{name: "the arrest told before is not the speaker's",
		text: "Police arrested Fares Jalloul in Baniyas on Monday. Yamen Kourdi said he knew Jalloul from a picture shown on television after the arrest.",
		typ:  extract.EventArrest, person: "Yamen Kourdi", not: true},
	{name: "a trial's object pronoun is its defendant",
		text: "A court in Damascus sentenced Issam Hadi Sweid to death on Sunday. Two survivors testified against him during the trial.",
		typ:  extract.EventTrial, person: "Issam Hadi Sweid"},
	// a speaker described by a post in an organization speaks for it, a
	// survivor or not
	{name: "a survivor who heads a group speaks for it",
		text: "The ministry spoke on Monday. “The archive must be opened,” said Nabil Tarraf, a survivor of Sednaya (2012 to 2016) who now heads the Hama Detainees League.",
		typ:  extract.EventStatement, person: "Nabil Tarraf"},
	{name: "a member of an association with a long name",
		text: "The ministry spoke on Monday. Lama Haddour, a member of the Syrian Association for Missing and Disappeared Persons in Homs, said the files were lost.",
		typ:  extract.EventStatement, person: "Lama Haddour"},
	{name: "a survivor with no post gives testimony",
		text: "The ministry spoke on Monday. “The archive must be opened,” said Nabil Tarraf, who was held in Sednaya prison from 2012 to 2016.",
		typ:  extract.EventTestimony, person: "Nabil Tarraf"},
	// "both men" in what a body says are the two the sentence before named
	{name: "the ministry said both men had been referred",
		text: "The ministry spoke on Monday. Police detained Rami Nadim Sakkour and Ghaith Adel Mourad in Tartus. The ministry said both men were referred to the public prosecution.",
		typ:  extract.EventReferral, person: "Ghaith Adel Mourad"},
	// a perfect between the speaker and the verb
	{name: "a minister has said",
		text: "The ministry spoke on Monday. Justice Minister Omar Fadel Haidar has said a new court would open within a year.",
		typ:  extract.EventStatement, person: "Omar Fadel Haidar"},
	{name: "a survivor had told reporters",
		text: "The ministry spoke on Monday. Khaled Omar Zein had told reporters that the cells were full.",
		typ:  extract.EventStatement, person: "Khaled Omar Zein"},
	// a death of several, then the one named among them
	{name: "three men died, including one named",
		text: "The ministry spoke on Monday. Samir Haddad recalls that three men died in his cell over that winter of 2014, including a baker from Douma named Abu Khalil.",
		typ:  extract.EventDeathInCustody, person: "Abu Khalil"},
	{name: "two detainees died, among them one named",
		text: "The ministry spoke on Monday. Two detainees died in the cell that winter, among them Omar Saleh Nasser.",
		typ:  extract.EventDeathInCustody, person: "Omar Saleh Nasser"},
	{name: "a death with a list of the living after it",
		text: "The ministry spoke on Monday. Omar Saleh Nasser died in 2014; the survivors, including Samir Haddad, were freed in 2016.",
		typ:  extract.EventDeathInCustody, person: "Samir Haddad", not: true},
	// a suspect out of reach of justice
	{name: "remains on the run",
		text: "The ministry spoke on Monday. Former warden Talib Omar Haidar remains on the run, the ministry said.",
		typ:  extract.EventEscape, person: "Talib Omar Haidar"},
	{name: "still at large",
		text: "The ministry spoke on Monday. Colonel Nabil Saleh Qassem is still at large.",
		typ:  extract.EventEscape, person: "Nabil Saleh Qassem"},
	// "mass hanging" names executions; a body hanging from the ceiling does not
	{name: "the mass hanging period",
		text: "The ministry spoke on Monday. Brigadier General Walid Omar Darwish, is wanted over the years of mass hanging that former inmates say he oversaw in the prison.",
		typ:  extract.EventExecutionAllegation, person: "Walid Omar Darwish"},
	{name: "hanging from the ceiling",
		text: "The ministry spoke on Monday. Guards left Walid Omar Darwish hanging from the ceiling for hours.",
		typ:  extract.EventExecutionAllegation, not: true},
	// an anonymous source makes no statement
	{name: "a security source's words",
		text: "The ministry spoke on Monday. A security source told reporters that Wael Bitar was believed to have fled to Iraq.",
		typ:  extract.EventStatement, person: "Wael Bitar", not: true},
	{name: "a ministry's words",
		text: "The ministry spoke on Monday. The interior ministry said that Wael Bitar was arrested in Homs.",
		typ:  extract.EventStatement, person: "Wael Bitar"},
	// a referral made is one
	{name: "a referral made",
		text: "The ministry spoke on Monday. Hassan Ali was referred to the judiciary on Sunday.",
		typ:  extract.EventReferral, person: "Hassan Ali"},
	{name: "a decision to refer",
		text: "The ministry spoke on Monday. The court decided to refer Nabil Saleh to the criminal court.",
		typ:  extract.EventReferral, person: "Nabil Saleh"},
	// a survivor who remarks on a ruling makes a statement; one who tells
	// of custody gives testimony
	{name: "a survivor who welcomes a ruling",
		text: "The verdict was read on Monday. Mahmoud Issa, who spent three years in Saydnaya prison, said he welcomed the ruling.",
		typ:  extract.EventStatement, person: "Mahmoud Issa"},
	{name: "a survivor quoted on justice after the verb",
		text: "The verdict was read on Monday. “Justice has begun today,” said Omar Kanaan, a survivor of Sednaya prison.",
		typ:  extract.EventTestimony, person: "Omar Kanaan", not: true},
	{name: "a survivor who tells of a beating the court heard",
		text: "The verdict was read on Monday. Omar Kanaan, a survivor of Sednaya prison, said the court heard how guards beat him.",
		typ:  extract.EventTestimony, person: "Omar Kanaan"},
	// the one who tells a court what was done is the "he" of his sentence,
	// not a speaker of the paragraph before
	{name: "a witness's he in his own sentence",
		text: "Mahmoud Issa said he welcomed the ruling.\n\nAhmad Kurdi, 45, who was held at Branch 215 in 2012, told the court he was beaten.",
		typ:  extract.EventTortureAllegation, person: "Mahmoud Issa", not: true},
	{name: "a witness's he is himself",
		text: "Mahmoud Issa said he welcomed the ruling.\n\nAhmad Kurdi, 45, who was held at Branch 215 in 2012, told the court he was beaten.",
		typ:  extract.EventTortureAllegation, person: "Ahmad Kurdi"},
}

func TestRound12Classes(t *testing.T) { runReadingCases(t, round12Cases) }

// TestRound12FacilityNames: a body's detachment and a named detention
// centre are facilities; "a ... detention facility" is one of a kind, not a
// name; transliterations of Damascus neighbourhoods are places.
func TestRound12FacilityNames(t *testing.T) {
	cases := []struct {
		text          string
		facility      string // "" when none is wanted
		place, notOrg string
	}{
		{"He was held at the Military Security detachment in Hasya for a month.", "Military Security detachment", "", "Military Security"},
		{"They were detained in the Mezzeh 24 detention centre until 2014.", "Mezzeh 24 detention centre", "", ""},
		{"He was moved to the Air Force Intelligence detention center in Harasta.", "Air Force Intelligence detention center", "", "Air Force Intelligence"},
		// at a facility the text names, the centre is that facility's
		{"He was moved to the Military Intelligence detention center at Mezzeh airport.", "Mezzeh airport", "", ""},
		{"He escaped from a General Security detention facility in Latakia.", "", "Latakia", ""},
		{"She was held in a Damascus detention centre run by Military Intelligence.", "", "Damascus", ""},
		{"He was arrested at his home in Kafr Sousa in 2013.", "", "Kafr Sousa", ""},
		{"He was arrested in Khan Sheikhoun in 2012.", "", "Khan Sheikhoun", ""},
		// a village the gazetteer knows only by its first word
		{"People in Kafr Nabudah went out to the streets last night.", "", "Kafr Nabudah", ""},
	}
	for _, c := range cases {
		r := Extract("The ministry spoke on Monday.\n\n"+c.text, model.DayDate(2025, 3, 8))
		var fs, ps []string
		for _, f := range r.Facilities {
			fs = append(fs, f.Name)
		}
		for _, p := range r.Places {
			ps = append(ps, p.Name)
		}
		if c.facility != "" && !containsPrefix(fs, c.facility) || c.facility == "" && len(fs) > 0 || len(fs) > 1 {
			t.Errorf("%q: facilities %q, want %q", c.text, fs, c.facility)
		}
		if c.place != "" && !containsPrefix(ps, c.place) {
			t.Errorf("%q: places %q, want %q", c.text, ps, c.place)
		}
		for _, o := range r.Organizations {
			if c.notOrg != "" && o.Name == c.notOrg {
				t.Errorf("%q: %q is an organization of its own", c.text, o.Name)
			}
		}
	}
}

// containsPrefix reports a name in names that is want or starts with it
// ("Military Security detachment in Hasya" names its seat too).
func containsPrefix(names []string, want string) bool {
	for _, n := range names {
		if strings.HasPrefix(n, want) {
			return true
		}
	}
	return false
}

// TestRound12Residence: where a witness lives is no place of what he tells;
// a man arrested where he lives was arrested there.
func TestRound12Residence(t *testing.T) {
	cases := []struct{ text, typ, notWhere, where string }{
		{"The ministry spoke on Monday. Karim Nasser, a former detainee who now lives in Gaziantep, testified that guards beat him.",
			"", "Gaziantep", ""},
		{"The ministry spoke on Monday. Karim Nasser, who lives in Gaziantep, told the court that guards beat him in 2013.",
			"", "Gaziantep", ""},
		{"The ministry spoke on Monday. Karim Nasser, who lives in the Netherlands, told the court that guards beat him in 2013.",
			"", "Netherlands", ""},
		{"The ministry spoke on Monday. German police have arrested a Syrian man living in Kassel on suspicion of torture, prosecutors said.",
			extract.EventArrest, "", "Kassel"},
	}
	for _, c := range cases {
		r := Extract(c.text, model.DayDate(2025, 3, 8))
		found := c.where == ""
		for _, e := range r.Events {
			if e.Where != nil && *e.Where == c.notWhere {
				t.Errorf("%q: %s placed in %s", c.text, e.Type, c.notWhere)
			}
			if e.Type == c.typ && e.Where != nil && *e.Where == c.where {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no %s in %s", c.text, c.typ, c.where)
		}
	}
}
