package en

import (
	"testing"

	"github.com/athar-project/athar/internal/extract"
)

// round18Content hold issue 13's round 18 (extractor version 21): fixes
// kept only when their cause recurs in at least three real articles of at
// least two publishers, one of them never read before the round.
// Sentences written for this test (invented persons, real places).
//
// Cause: a statement or an account that names nobody though what it says
// is about persons the text names — by a group it points back to ("both
// suspects", "the two former officers") or in its content clause
// ("Witness testimony confirms that X and Y were taken to ...") — 3
// articles, 3 publishers.
var round18Content = []readingCase{
	{name: "both suspects are the two the sentence before named",
		text: "The two suspects, Karim Haddad and Fadi Nasser, were arrested by police in Berlin.\n\nA spokeswoman for the Federal Prosecutor's Office said both suspects had served in the branch in Damascus.",
		typ:  extract.EventStatement, person: "Fadi Nasser"},
	{name: "the two former officers are the two named before",
		text: "Karim Haddad and Fadi Nasser were detained in Homs on Monday.\n\nThe Syrian Network for Human Rights said the two former officers had worked at Sednaya prison for years.",
		typ:  extract.EventStatement, person: "Karim Haddad"},
	{name: "the two were: a pair pointed back to",
		text: "Karim Haddad and Fadi Nasser were detained in Homs on Monday.\n\nThe two were members of the military intelligence, the Interior Ministry said.",
		typ:  extract.EventStatement, person: "Fadi Nasser"},
	{name: "two guards the ministry brings in are not the two named before",
		text: "Karim Haddad and Fadi Nasser were detained in Homs on Monday.\n\nThe Interior Ministry said it had detained two guards in Jableh whose names it did not release.",
		typ:  extract.EventStatement, person: "Karim Haddad", not: true},
	{name: "a group named four sentences before is too far",
		text: "Karim Haddad and Fadi Nasser were detained in Homs on Monday.\n\nThe city was quiet.\n\nShops opened late.\n\nThe roads were closed.\n\nThe Interior Ministry said both suspects had served in Sednaya prison.",
		typ:  extract.EventStatement, person: "Karim Haddad", not: true},
	{name: "testimony that confirms what was done to two men is of them",
		text: "Witness testimony confirms that Karim Haddad and Fadi Nasser were both taken to Branch 215, where detainees were tortured.",
		typ:  extract.EventTestimony, person: "Fadi Nasser"},
	{name: "a person named before the account is not in its content",
		text: "Karim Haddad was freed in 2015, and witness testimony confirms that Fadi Nasser was arrested in Homs in 2013.",
		typ:  extract.EventTestimony, person: "Karim Haddad", not: true},
}

func TestRound18Content(t *testing.T) { runReadingCases(t, round18Content) }
