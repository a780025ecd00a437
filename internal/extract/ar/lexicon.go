package ar

import (
	"strings"

	"github.com/athar-project/athar/internal/names"
	"github.com/athar-project/athar/internal/textfold"
)

// givenNames are Arabic given names (and name words that begin a name):
// lexicon/given_names.txt and the names package's table of known names,
// less its entries that are common words too. A person's name starts at one
// of them, or after a rank, a title or a cue word.
var givenNames = func() map[string]bool {
	m := words("given_names")
	for _, k := range names.KnownNames() {
		f := textfold.Fold(k.Arabic)
		if !strings.HasPrefix(f, "ال") && !notGiven[f] {
			m[f] = true
		}
	}
	return m
}()

// notGiven are entries of the names table that are common words too.
var notGiven = words("not_given")

// ranks are military and police ranks and the offices that stand before a
// name, folded, longest first where one is the start of another; they are
// kept apart from the name.
var ranks = phraseList("ranks")

// rankModifiers complete a rank: "العقيد الركن", "مساعد أول".
var rankModifiers = words("rank_modifiers")

// professionModifiers complete a profession: "الناشطة الحقوقية".
var professionModifiers = words("profession_modifiers")

// kinWords are words of kinship with a pronoun: "وشقيقه نمير".
var kinWords = words("kin_words")

// appositionOpeners open an apposition after a name: "، أحد الناجين".
var appositionOpeners = words("apposition_openers")

// governingNouns take a name as their complement without making the person a
// participant: "نظام بشار الأسد", "شقيق مازن".
var governingNouns = words("governing_nouns")

// officeRanks are offices followed by a complement before the name.
var officeRanks = words("office_ranks")

// rankWords are the first words of ranks, folded, for a quick check.
var rankWords = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range ranks.list {
		m[p[0]] = true
	}
	return m
}()

// officialRanks are titles of people who speak for a body rather than take
// part in what it reports: a minister, a spokesman, a governor.
var officialRanks = words("official_ranks")

// survivorRanks introduce one who was held: what they say is testimony.
var survivorRanks = words("survivor_ranks")

// victimRanks introduce a victim or a witness rather than a suspect.
var victimRanks = words("victim_ranks")

// milRanks are the ranks and posts of those who held others: a person
// under one of them is a suspect, not a victim of a death in custody.
var milRanks = words("mil_ranks")

// cueWords introduce a name: "المدعو X".
var cueWords = words("cue_words")

// aliasCues introduce a nickname or kunya of the person before them:
// "الملقب بـ«عزرائيل صيدنايا»", "المعروف بـ", "المكنى".
var aliasCues = words("alias_cues")

// particles join the parts of a name.
var particles = words("particles")

// stopWords are words that never belong to a person's name: function
// words, verbs and nouns of reporting, and the domain's common nouns.
var stopWords = words("stop_words")
