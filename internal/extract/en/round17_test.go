package en

import (
	"slices"
	"testing"

	"github.com/athar-project/athar/internal/extract"
)

// round17Places hold issue 13's round 17 (extractor version 20): fixes
// kept only when their cause recurs in at least three real articles of at
// least two publishers. Sentences written for this test (invented persons,
// real places).
//
// Cause: a trial or verdict told in a sentence that names no city, in an
// article that names its court's city once ("the Higher Regional Court in
// Koblenz", "the Paris criminal court") — 5 articles, 4 publishers.
var round17Places = []struct {
	name, text, typ, where string
}{
	{name: "a sentence told after the court in a city was named took place there",
		text: "The trial of Karim Haddad opened at the Higher Regional Court in Koblenz in May 2020.\n\nOn Thursday, Karim Haddad was sentenced to life in prison.",
		typ:  extract.EventSentence, where: "Koblenz"},
	{name: "a trial in absentia after the city's criminal court was named took place there",
		text: "The Paris criminal court also upheld the warrants on Friday.\n\nThe two accused, who were tried in absentia, are Karim Nasser and Fadi Jabr.",
		typ:  extract.EventTrial, where: "Paris"},
	{name: "a court named by its city and adjectives before its noun is the court's city",
		text: "Families gathered before the gate of the Koblenz Higher Regional Court at dawn.\n\nLife imprisonment for Karim Haddad was the second harshest sentence in German law, and he was convicted of crimes against humanity.",
		typ:  extract.EventConviction, where: "Koblenz"},
	{name: "two courts' cities: a verdict that names neither has no place",
		text: "A court in Koblenz heard the case of Fadi Jabr in 2021, and the court in Paris heard another in 2024.\n\nOn Thursday, Karim Haddad was sentenced to life in prison.",
		typ:  extract.EventSentence, where: ""},
	{name: "a court a sentence introduces by its nationality is the country's, not the city's named elsewhere",
		text: "A French court sentenced Karim Nasser to life in prison on Friday.\n\nThe case was heard by the Criminal Court in Paris over four days.",
		typ:  extract.EventSentence, where: "France"},
	{name: "an arrest does not take the court's city",
		text: "The trial of Karim Haddad opened at the Higher Regional Court in Koblenz in May 2020.\n\nKarim Haddad had been arrested in 2019.",
		typ:  extract.EventArrest, where: ""},
}

func TestRound17Places(t *testing.T) {
	for _, c := range round17Places {
		t.Run(c.name, func(t *testing.T) {
			checkEventField(t, c.text, c.typ, "at", c.where, func(e extract.Event) *string { return e.Where })
		})
	}
}

// round17Arrests hold the second cause: an arrest or a custody told in a
// "where" clause whose antecedent is a facility ("the branch where he was
// arrested", "Branch 215, a detention facility ..., where he was held") —
// 3 articles, 3 publishers. The facility is where; "held" there is custody
// though no custody word follows it.
var round17Arrests = []struct {
	name, text, typ, person, where string
}{
	{name: "an arrest in a where clause after a facility happened there",
		text: "Karim Haddad told the court about his ordeal. He had been summoned to an interrogation at Branch 235 where he was arrested because he joined protests.",
		typ:  extract.EventArrest, person: "Karim Haddad", where: "Branch 235"},
	{name: "custody in a where clause after a facility's description happened at the facility",
		text: "Karim Haddad came back to visit Branch 215, a detention facility run by military intelligence in Damascus, where he was held for two years.",
		typ:  extract.EventArrest, person: "Karim Haddad", where: "Branch 215"},
	{name: "held in a where clause after a facility and a comma is custody there",
		text: "Karim Haddad was taken to Branch 215, where he was held for two years.",
		typ:  extract.EventArrest, person: "Karim Haddad", where: "Branch 215"},
	{name: "an arrest with its own place then a transfer keeps the arrest's place",
		text: "Karim Haddad was arrested in Homs and taken to Branch 215.",
		typ:  extract.EventArrest, person: "Karim Haddad", where: "Homs"},
	{name: "custody at a facility after an arrest elsewhere leaves the arrest at its own place",
		text: "Karim Haddad told Reuters of his months in Branch 215 where he was detained in 2013 following his arrest at a checkpoint in Homs.",
		typ:  extract.EventArrest, person: "Karim Haddad", where: "Homs"},
}

func TestRound17Arrests(t *testing.T) {
	for _, c := range round17Arrests {
		t.Run(c.name, func(t *testing.T) {
			if found, got := hasEvent(c.text, DayDateForTest(), c.typ, c.person); !found {
				t.Fatalf("%s: no %s of %s; got %v", c.text, c.typ, c.person, got)
			}
			checkEventField(t, c.text, c.typ, "at", c.where, func(e extract.Event) *string { return e.Where })
		})
	}
}

// round17Nearby hold the third cause: an arrest told with its person in
// one sentence and its place in a sentence close by that refers back to it
// ("the arrest", "the operation") — 3 articles, 3 publishers.
var round17Nearby = []struct {
	name, text, person, where string
}{
	{name: "the operation's place in the next sentence is the arrest's",
		text:   "Syrian authorities have apprehended Brigadier General Karim Haddad, a former prison commander.\n\nThe Interior Ministry announced the arrest on Tuesday, saying the operation was conducted by the security branch in Homs.",
		person: "Karim Haddad", where: "Homs"},
	{name: "the arrest's place in the sentence before",
		text:   "Security forces carried out the operation in Jableh on Sunday.\n\nKarim Haddad, a former officer, was arrested on Monday.",
		person: "Karim Haddad", where: "Jableh"},
	{name: "another man's arrest close by lends no place",
		text:   "Syrian authorities have apprehended Karim Haddad, a former prison commander.\n\nThe police also arrested Fadi Nasser, and the operation took place in Homs.",
		person: "Karim Haddad", where: ""},
	{name: "a country told of the operation lends no place",
		text:   "Syrian authorities have apprehended Karim Haddad, a former prison commander.\n\nThe ministry said the operation was carried out in Lebanon with local help.",
		person: "Karim Haddad", where: ""},
	{name: "an arrest three sentences away is too far to lend its place",
		text:   "Syrian authorities have apprehended Karim Haddad, a former prison commander.\n\nHe ran the prison for years.\n\nHe was feared by the inmates.\n\nThe operation was conducted in Homs.",
		person: "Karim Haddad", where: ""},
}

func TestRound17Nearby(t *testing.T) {
	for _, c := range round17Nearby {
		t.Run(c.name, func(t *testing.T) {
			checkPersonPlace(t, c.text, extract.EventArrest, c.person, c.where)
		})
	}
}

// checkPersonPlace reports no event of type typ with person among its
// participants in text, or one whose place is not where ("" for none).
func checkPersonPlace(t *testing.T, text, typ, person, where string) {
	t.Helper()
	found := false
	for _, e := range Extract(text, DayDateForTest()).Events {
		if e.Type != typ || !slices.ContainsFunc(e.Who, func(p extract.Participant) bool { return p.Name == person }) {
			continue
		}
		found = true
		got := ""
		if e.Where != nil {
			got = *e.Where
		}
		if got != where {
			t.Errorf("%s: %s of %s at %q, want %q", text, typ, person, got, where)
		}
	}
	if !found {
		t.Errorf("%s: no %s of %s", text, typ, person)
	}
}

// round17Kin hold the fourth cause: a testimony that lacks the other person
// it is about, named in another sentence — the relative a victim's kin
// speaks of, the accused a witness speaks of (4 articles, 4 publishers;
// the relatives' half is fixed). A relative's account of the one relative
// the text has detained or killed is of him.
var round17Kin = []readingCase{
	{name: "a sister's account is of her brother who died in custody, named before",
		text: "Salma Haddad's younger brother, Karim Haddad, died in Sednaya prison in 2014.\n\nThe photo brought some relief, Salma Haddad said.",
		typ:  extract.EventTestimony, person: "Karim Haddad"},
	{name: "the sister still gives the account",
		text: "Salma Haddad's younger brother, Karim Haddad, died in Sednaya prison in 2014.\n\nThe photo brought some relief, Salma Haddad said.",
		typ:  extract.EventTestimony, person: "Salma Haddad"},
	{name: "a relative detained, named by a first name only in another sentence, is in the account",
		text: "The photo of Karim, Salma Haddad's older brother, was among thousands of images of dead detainees. Karim was detained in 2012.\n\nThe photo brought some relief, Salma Haddad said.",
		typ:  extract.EventTestimony, person: "Karim"},
	{name: "a brother accused of torture is not in his sister's account",
		text: "Karim Haddad, Salma Haddad's brother, is accused of torturing detainees at Branch 215, where Fadi Nasser died in 2013.\n\n“He was always kind to us,” Salma Haddad said.",
		typ:  extract.EventTestimony, person: "Karim Haddad", not: true},
}

func TestRound17Kin(t *testing.T) { runReadingCases(t, round17Kin) }
