package en

import (
	"testing"

	"github.com/athar-project/athar/internal/extract"
)

// round15Cases hold issue 13's round 15 (extractor version 18), read on
// real published articles, in sentences written for this test (invented
// persons, real places), as runReadingCases reads them.
var round15Cases = []readingCase{
	// a "former military judge" is no sitting official: he can be arrested
	{name: "a former judge with an adjective before the role is arrested",
		text: "Karim Nasser was arrested by police in Tartus. The new government arrested former military judge Karim Nasser in his home.",
		typ:  extract.EventArrest, person: "Karim Nasser"},
	{name: "a former senior prosecutor is arrested",
		text: "Police in Homs detained former senior prosecutor Samer Hijazi on Monday.",
		typ:  extract.EventArrest, person: "Samer Hijazi"},
	// a judge who sentenced many to death did not receive a sentence: he is
	// accused of sending them to the gallows
	{name: "a judge who sentenced thousands to death is no one sentenced",
		text: "Karim Nasser, who sentenced thousands of people to death, was arrested in Tartus.",
		typ:  extract.EventSentence, person: "Karim Nasser", not: true},
	{name: "a judge who sentenced thousands to death is not convicted",
		text: "Karim Nasser, who sentenced thousands of people to death, was arrested in Tartus.",
		typ:  extract.EventConviction, person: "Karim Nasser", not: true},
	{name: "a judge who sentenced thousands to death is accused of executions",
		text: "Karim Nasser, who sentenced thousands of people to death, was arrested in Tartus.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser"},
	{name: "a judge who issued death sentences to prisoners",
		text: "Police arrested Karim Nasser, who issued death sentences to prisoners at Sednaya prison.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser"},
	{name: "a judge who issued sentences including the death penalty",
		text: "Karim Nasser has issued hundreds of sentences, including the death penalty, to detainees at Sednaya prison.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser"},
	{name: "one sentenced to death by a court is sentenced",
		text: "A court in Damascus sentenced Karim Nasser to death in 2012.",
		typ:  extract.EventSentence, person: "Karim Nasser"},
	{name: "one sentenced to death by a court is no executioner",
		text: "A court in Damascus sentenced Karim Nasser to death in 2012.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser", not: true},
	{name: "one who was sentenced with thousands of others is no executioner",
		text: "Karim Nasser was sentenced to death along with hundreds of detainees in 2012.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser", not: true},
	{name: "prison sentences in general are nobody's sentence",
		text: "Karim Nasser, a lawyer, said prison sentences in Syria were handed out in minutes.",
		typ:  extract.EventSentence, person: "", not: true},
	// a family name of two words names the person again
	{name: "a two-word family name alone names the person again",
		text: "Police arrested Ahmad Kanjo Haddad in Tartus. According to the observatory, Kanjo Haddad has tortured prisoners at Sednaya prison.",
		typ:  extract.EventTortureAllegation, person: "Ahmad Kanjo Haddad"},
	// a pronoun before a full stop is not the subject of the quotation
	// after it, which the splitter kept in its sentence
	{name: "the one who tells of many tortured to death is no victim",
		text: "Lawyer Samer Hijazi spoke in Beirut. He has visited two mass graves near Damascus. \"We have thousands of people who were tortured to death,\" he said.",
		typ:  extract.EventDeathInCustody, person: "Samer Hijazi", not: true},
	{name: "the one who tells of many tortured to death is no torturer",
		text: "Lawyer Samer Hijazi spoke in Beirut. He has visited two mass graves near Damascus. \"We have thousands of people who were tortured to death,\" he said.",
		typ:  extract.EventTortureAllegation, person: "Samer Hijazi", not: true},
	// the one a suspect is related to did nothing the sentence tells of
	{name: "a former minister whose relative is accused is no killer",
		text: "Samer Hijazi, a relative of former defence minister Karim Nasser, is accused of commanding units that killed hundreds of civilians in Daraya.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser", not: true},
	{name: "the relative himself is accused",
		text: "Samer Hijazi, a relative of former defence minister Karim Nasser, is accused of commanding units that killed hundreds of civilians in Daraya.",
		typ:  extract.EventExecutionAllegation, person: "Samer Hijazi"},
}

func TestRound15Classes(t *testing.T) { runReadingCases(t, round15Cases) }
