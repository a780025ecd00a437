package en

import (
	"slices"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// round14Persons hold issue 13's round 14 (extractor version 17) on who is
// a person, in sentences written for this test (invented persons, real
// places): the persons each text must yield, and the names it must not.
var round14Persons = []struct {
	name, text string
	want, not  []string
}{
	{name: "a full name after 'so called' is the person's name, not a nickname",
		text: "Police in Hama arrested the so called Muhammad Karim Nasser known as \"Abu Ali the jailer\" on Wednesday.",
		want: []string{"Muhammad Karim Nasser"}},
	{name: "a given name alone after 'called' is still a person called so",
		text: "A guard called Munir beat him in Branch 215.",
		want: []string{"Munir"}},
	{name: "a quantifier opening a paragraph after a heading is nobody",
		text: "Former guards\n\nMost arrests so far have involved junior jailers, activists said.",
		not:  []string{"Most"}},
	{name: "a quantifier opening a sentence is nobody",
		text: "Several guards were detained in Homs. Several arrests followed in Hama.",
		not:  []string{"Several"}},
	{name: "a heading's last word is no title of the next paragraph's first",
		text: "The guards\n\nLast week two were freed from Adra prison.",
		not:  []string{"Last"}},
	{name: "a title on the same line still is one",
		text: "Prosecutors charged former guard Nawwaf Qandil in Koblenz.",
		want: []string{"Nawwaf Qandil"}},
	{name: "a rank before an institution is no person",
		text: "The commission was set up by the UN General Assembly in 2023.",
		not:  []string{"Assembly", "General Assembly"}},
	{name: "a village before a speech verb is its people speaking",
		text: "Survivors accuse him of beatings, one of them Karim Nasser from Deir Sunbul said the guard laughed.",
		want: []string{"Karim Nasser"}, not: []string{"Deir Sunbul"}},
	{name: "a village that opens a sentence and speaks is no person",
		text: "Tal Mardikh said it would welcome the returnees.",
		not:  []string{"Tal Mardikh"}},
	{name: "a name no list holds, among listed persons",
		text: "The dead named in the records are Ahmad Karim, Bilal Sami Haddad, Nawwaf Qandil, Samer Hijazi and Hussam Dabbour.",
		want: []string{"Nawwaf Qandil", "Hussam Dabbour"}},
	{name: "two capitalized words after a comma and no list are no person",
		text: "He was seen by Ahmad Karim, Tuesday Market traders said.",
		not:  []string{"Tuesday Market"}},
	{name: "a given name coordinated with a full name",
		text: "The victims include two brothers, Omar and Fadi Abdul Rahim Jabr, who were detained in 2013.",
		want: []string{"Omar", "Fadi Abdul Rahim Jabr"}},
	{name: "a place coordinated with a full name is no person",
		text: "Forces searched Douma and arrested Fadi Abdul Rahim Jabr in 2013.",
		not:  []string{"Douma"}},
}

func TestRound14Persons(t *testing.T) {
	for _, c := range round14Persons {
		t.Run(c.name, func(t *testing.T) { checkPersons(t, c.text, c.want, c.not) })
	}
}

// round14Cases hold round 14's events, read as runReadingCases reads them.
var round14Cases = []readingCase{
	{name: "a quantifier is not the one arrested",
		text: "The guards\n\nMost arrests so far have involved junior jailers.",
		typ:  extract.EventArrest, person: "Most", not: true},
	{name: "both brothers coordinated are arrested",
		text: "Two brothers, Omar and Fadi Abdul Rahim Jabr, were arrested at a checkpoint in Douma in 2013.",
		typ:  extract.EventArrest, person: "Omar"},
	// a description of those harmed is no lead-in to the next sentence's name
	{name: "a conviction over the deaths of two detainees is not the next name's",
		text: "A court in Paris convicted senior security officials over the deaths of two detainees.\n\nKarim Nasser was moved to Sednaya in 2015.",
		typ:  extract.EventConviction, person: "Karim Nasser", not: true},
	{name: "an arrest over the torture of a student is not the next name's",
		text: "Police arrested senior guards over the torture of a student.\n\nKarim Nasser's own story began in Homs.",
		typ:  extract.EventArrest, person: "Karim Nasser", not: true},
	{name: "a conviction of three former officials leads in to their names",
		text: "A court in Paris convicted three former officials over the deaths of two students.\n\nKarim Nasser, Fadi Jabr and Samer Hijazi were sentenced to life.",
		typ:  extract.EventConviction, person: "Samer Hijazi"},
	{name: "an arrest of a former officer leads in to his name",
		text: "Police arrested a former officer over the deaths of two detainees.\n\nKarim Nasser, 52, served at Branch 215.",
		typ:  extract.EventArrest, person: "Karim Nasser"},
	// a speaker set off by where he is from or a remark in parentheses
	// speaks; he did not do what he tells
	{name: "a speaker from a village is no torturer",
		text: "Guards beat detainees every night in Sednaya, Karim Nasser from Deir Sunbul said.",
		typ:  extract.EventTortureAllegation, person: "Karim Nasser", not: true},
	{name: "one of the accusers from a village is no torturer",
		text: "Survivors accuse the jailer of beating detainees, one of them Karim Nasser from Deir Sunbul said.",
		typ:  extract.EventTortureAllegation, person: "Karim Nasser", not: true},
	{name: "a speaker with a remark in parentheses is no torturer",
		text: "The jailer tortured detainees in Branch 215, Karim Nasser (no relation) told reporters.",
		typ:  extract.EventTortureAllegation, person: "Karim Nasser", not: true},
	{name: "a speaker from a city makes a statement",
		text: "Karim Nasser from Homs said the ruling was a first step.",
		typ:  extract.EventStatement, person: "Karim Nasser"},
	{name: "a speaker with a remark in parentheses makes a statement",
		text: "Karim Nasser (no relation) told reporters the ruling was a first step.",
		typ:  extract.EventStatement, person: "Karim Nasser"},
	// "accused of" after a body's name is a participle, not "the accused"
	{name: "a member of a body accused of torture is not the article's suspect",
		text: "Police arrested Karim Nasser in Hama on Tuesday. He was held. He was questioned. He was moved.\n\nLast month police arrested a former member of the Air Force intelligence accused of torturing civilians.",
		typ:  extract.EventTortureAllegation, person: "Karim Nasser", not: true},
	{name: "the accused is the article's suspect",
		text: "Police arrested Karim Nasser in Hama on Tuesday. He was held. He was questioned. He was moved.\n\nThe accused also beat prisoners in Branch 215, prosecutors say.",
		typ:  extract.EventTortureAllegation, person: "Karim Nasser"},
	// an event in an indirect question or a condition is not told as done
	{name: "did not say if they are arrested",
		text: "The ministry did not say if the two officers Karim Nasser and Fadi Jabr are arrested or still wanted.",
		typ:  extract.EventArrest, person: "Fadi Jabr", not: true},
	{name: "asked whether he had been tortured",
		text: "Karim Nasser asked whether his brother Fadi Jabr had been tortured in Sednaya.",
		typ:  extract.EventTortureAllegation, person: "Fadi Jabr", not: true},
	{name: "if he is arrested",
		text: "If Karim Nasser is arrested, he will be tried in Damascus.",
		typ:  extract.EventArrest, person: "Karim Nasser", not: true},
	{name: "an arrest and torture told as done",
		text: "Karim Nasser was arrested in Homs in 2013 and tortured in Sednaya.",
		typ:  extract.EventTortureAllegation, person: "Karim Nasser"},
	// a relative who speaks for the one named after "of" tells; he does not
	{name: "the mother of the detainee tells, not the detainee",
		text: "The mother of the detainee Karim Nasser who disappeared in Sednaya in 2014 told reporters \"I want to know where my son is\".",
		typ:  extract.EventTestimony, person: "Karim Nasser", not: true},
	{name: "the brother of the detainee tells, not the detainee",
		text: "The brother of the detainee Karim Nasser told reporters that he was tortured.",
		typ:  extract.EventTestimony, person: "Karim Nasser", not: true},
	{name: "one of the witnesses named tells",
		text: "One of the witnesses Karim Nasser told the court that guards beat him.",
		typ:  extract.EventTestimony, person: "Karim Nasser"},
	// a place between the verb and the one described does not hide him
	{name: "arrested in a plain a former member",
		text: "Last month security forces arrested in the Ghab plain a former member of the Air Force Intelligence.",
		typ:  extract.EventArrest},
	{name: "arrested in a town a former guard",
		text: "Security forces arrested in Homs a former guard on Tuesday.",
		typ:  extract.EventArrest},
	{name: "arrested in a town dozens of people is background",
		text: "Security forces arrested in Homs dozens of people on Tuesday.",
		typ:  extract.EventArrest, not: true},
	// "X's brother, Y, who ..., testified": Y tells, of X
	{name: "the brother named in apposition testifies",
		text: "The court heard the case of Karim Said Nasser, who died in custody in 2012.\n\nNasser's brother, Fadi Nasser, who lives in the Netherlands and is a joint plaintiff, testified last month that he learned of his brother's death only in 2014.",
		typ:  extract.EventTestimony, person: "Fadi Nasser"},
	// a nickname whose owner the text gives later names him in its event
	{name: "the capture of a nickname is its owner's",
		text: "The operations room announced the capture of the “Butcher of Adra,” accused of torturing and killing numerous prisoners.\n\nAccording to the announcement, Karim Nasser was arrested during raids in Homs. He earned the nickname “Butcher of Adra” due to his methods of torture in Adra prison.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser"},
	{name: "a nickname nobody owns names nobody",
		text: "The operations room announced the capture of the “Butcher of Adra,” accused of torturing and killing numerous prisoners.\n\nKarim Nasser was arrested during raids in Homs.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser", not: true},
}

func TestRound14Classes(t *testing.T) { runReadingCases(t, round14Cases) }

// round14Entities hold round 14's places and bodies: a town written with a
// lower-case article after a preposition, a plain, an outlet named after
// "told" and before a quotation, after an outlet noun, or in a dateline.
var round14Entities = []struct {
	name, text  string
	typ         string // "place" or "org"
	want, notOf string // a name that must be found; one that must not
}{
	{name: "a town with an article after in",
		text: "He presided over a field court in al-Sabil that sent detainees to Sednaya.",
		typ:  "place", want: "al-Sabil"},
	{name: "a town with an article after at",
		text: "Karim Nasser was arrested at a checkpoint at al-Sabil in November 2012.",
		typ:  "place", want: "al-Sabil"},
	{name: "a family name with an article is no town",
		text: "The court heard Karim al-Nasser in Koblenz on Monday.",
		typ:  "place", want: "Koblenz", notOf: "al-Nasser"},
	{name: "an article name that goes on to a facility is no town",
		text: "Karim Nasser was held at al-Sabil airport in 2013.",
		typ:  "place", notOf: "al-Sabil"},
	{name: "a plain is part of the place",
		text: "Last month security forces arrested a guard in the Ghab plain.",
		typ:  "place", want: "Ghab plain"},
	{name: "an outlet told before a quotation",
		text: "His mother told Levant Daily \"I want to know where my son is\".",
		typ:  "org", want: "Levant Daily"},
	{name: "a person told before a quotation stays a person",
		text: "His mother told Karim Nasser \"I want to know where my son is\".",
		typ:  "org", notOf: "Karim Nasser"},
	{name: "an outlet after an outlet noun, in capitals",
		text: "Prosecutors are examining complaints, according to the Dutch newspaper HNB. He has not been charged.",
		typ:  "org", want: "HNB"},
	{name: "the agency a dateline credits",
		text: "DAMASCUS, March 12 (LXA) - Syrian security forces have detained Karim Nasser.",
		typ:  "org", want: "LXA"},
}

func TestRound14Entities(t *testing.T) {
	pub := model.DayDate(2025, 3, 8)
	for _, c := range round14Entities {
		t.Run(c.name, func(t *testing.T) {
			r := Extract(c.text, pub)
			var got []string
			switch c.typ {
			case "place":
				for _, p := range r.Places {
					got = append(got, p.Name)
				}
			case "org":
				for _, o := range r.Organizations {
					got = append(got, o.Name)
				}
			}
			if c.want != "" && !slices.Contains(got, c.want) {
				t.Errorf("%s: missing %s %q; got %q", c.text, c.typ, c.want, got)
			}
			if c.notOf != "" && slices.Contains(got, c.notOf) {
				t.Errorf("%s: %q is no %s; got %q", c.text, c.notOf, c.typ, got)
			}
		})
	}
}

// TestRound14BorderOrTown: an arrest told twice, once on a border and once
// in a town on it, is placed in the town, which says more.
func TestRound14BorderOrTown(t *testing.T) {
	text := "Police arrested Karim Nasser in Homs, the ministry said.\n\nA source said Karim Nasser was arrested on the Syria-Lebanon border.\n\nAnother source said he was arrested Saturday in the Tal Kalakh area, near the frontier."
	r := Extract(text, model.DayDate(2025, 3, 8))
	var got []string
	for _, e := range r.Events {
		got = append(got, eventLine(e))
		if e.Type == extract.EventArrest && (e.Where == nil || *e.Where != "Tal Kalakh") {
			t.Errorf("arrest %q, want it at Tal Kalakh", eventLine(e))
		}
	}
	if len(got) == 0 {
		t.Errorf("no event")
	}
}

// TestRound14PrisonParts: a prison's building named in lower case with the
// prison's possessive is a facility of its own; the prison stays the place
// of what happened there, and "the prison" after it is the prison.
func TestRound14PrisonParts(t *testing.T) {
	cases := []struct{ text, facility, typ, where string }{
		{"Karim Nasser was held at Sednaya Military Prison in 2013. Guards beat Karim Nasser in the basement of the prison's white building.",
			"white building", extract.EventTortureAllegation, "Sednaya Military Prison"},
		{"Karim Nasser served at Sednaya Military Prison. He served in the prison's red building from 2013 to 2018.\n\nFormer detainees accuse him of torturing prisoners in the prison's basement.",
			"red building", extract.EventTortureAllegation, "Sednaya Military Prison"},
	}
	for _, c := range cases {
		r := Extract(c.text, model.DayDate(2025, 3, 8))
		var facs, got []string
		for _, f := range r.Facilities {
			facs = append(facs, f.Name)
		}
		if !slices.Contains(facs, c.facility) {
			t.Errorf("%s: missing facility %q; got %q", c.text, c.facility, facs)
		}
		found := false
		for _, e := range r.Events {
			got = append(got, eventLine(e))
			if e.Type == c.typ && e.Where != nil && *e.Where == c.where {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no %s at %s; got %q", c.text, c.typ, c.where, got)
		}
	}
}

// TestRound14AgentPlace: a place after the agent of a passive ("arrested
// by members of X in Damascus") is where the agents did it; a place in a
// person's description is not where the event happened.
func TestRound14AgentPlace(t *testing.T) {
	cases := []struct{ text, where string }{
		{"Karim Nasser and his son Fadi were arrested by members of the Air Force Intelligence in Damascus in November 2013.", "Damascus"},
		{"Karim Nasser was detained by officers of the branch in Homs in 2012.", "Homs"},
		{"Karim Nasser, a member of the Air Force Intelligence in Homs, was arrested on Tuesday.", ""},
	}
	for _, c := range cases {
		r := Extract(c.text, model.DayDate(2025, 3, 8))
		found := false
		for _, e := range r.Events {
			if e.Type != extract.EventArrest && e.Type != extract.EventDetention {
				continue
			}
			found = true
			got := ""
			if e.Where != nil {
				got = *e.Where
			}
			if got != c.where {
				t.Errorf("%s: arrest at %q, want %q", c.text, got, c.where)
			}
		}
		if !found {
			t.Errorf("%s: no arrest", c.text)
		}
	}
}
