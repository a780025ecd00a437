package en

import (
	"embed"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/extract"
)

//go:embed lexicon/*.txt
var lexiconFiles embed.FS

// lex is the English word lists of lexicon/*.txt, read once when the
// package loads. Each file says where its words came from.
var lex = extract.MustLoadLexicon(lexiconFiles, "lexicon/*.txt")

// set builds a lookup set from space-separated folded words (for the few
// closed lists of grammar that stay in code beside the rule that reads them).
func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// The word lists, by the rule that reads them; lexicon/*.txt documents each.
var (
	prisonColours   = lex.Set("prison_colours")
	givenNames      = lex.Set("given_names")
	femaleNames     = lex.Set("female_names")
	particles       = lex.Set("particles")
	hyphenParticles = lex.Set("hyphen_particles")
	kunyaStarts     = lex.Set("kunya_starts")
	nameStarts      = lex.Set("name_starts")
	notNameWords    = lex.Set("not_name_words")
	notNameLeft     = lex.Set("not_name_left")

	ranks           = lex.Phrases("ranks")
	titles          = lex.Phrases("titles")
	roleNouns       = lex.Set("role_nouns")
	victimNouns     = lex.Set("victim_nouns")
	officialTitles  = lex.Set("official_titles")
	roleAdjectives  = lex.Set("role_adjectives")
	preRole         = lex.Set("pre_role")
	roleEnders      = lex.Set("role_enders")
	orgHeads        = lex.Set("org_heads")
	orgFirstHeads   = lex.Set("org_first_heads")
	orgWordOK       = lex.Set("org_words_ok")
	facilityHeads   = lex.Set("facility_heads")
	facilityAnaphor = lex.Set("facility_anaphors")
	connectors      = lex.Set("connectors")
	placeCues       = lex.Set("place_cues")
	settlementNouns = lex.Set("settlement_nouns")
	namedSettlement = lex.Set("named_settlement")
	placeSuffixWord = lex.Set("place_suffix_words")
	detentionWords  = lex.Set("detention_words")

	speechVerbs   = lex.Set("speech_verbs")
	contentVerbs  = lex.Set("content_verbs")
	speechBefore  = lex.Set("speech_before")
	officeWeVerbs = lex.Set("office_we_verbs")
	abbreviations = lex.Set("abbreviations")

	triggers        = mustTriggers(lex, "triggers")
	victimsAfterSet = lex.Set("victims_after")
	harmNouns       = lex.Set("harm_nouns")
	perceptionVerbs = lex.Set("perception_verbs")
	sufferedVerbs   = lex.Set("suffered_participles")
	testimonyNouns  = lex.Set("testimony_nouns")
	custodyWords    = lex.Set("custody_words")
	corpseWords     = lex.Set("corpse_words")
	heldVerbs       = lex.Set("held_participles")
	hearers         = lex.Set("hearers")
	mediaNouns      = lex.Set("media_nouns")
	adjectivalNext  = lex.Set("adjectival_next")
	modals          = lex.Set("modals")
	negations       = lex.Set("negations")
	penaltyNouns    = lex.Set("penalty_after_death")
	trialStandards  = lex.Set("trial_standards")
	clauseBreakers  = lex.Set("clause_breakers")
	locatives       = lex.Set("locatives")
	allegationWords = lex.Set("allegation_words")
	numberWords     = lex.Set("number_words")

	cues          = (&extract.Cues{Alleged: lex.Phrases("alleged"), Denied: lex.Phrases("denied")}).Compile()
	strongAlleged = (&extract.Cues{Alleged: lex.Phrases("strong_alleged")}).Compile()
)

func mustTriggers(lex *extract.Lexicon, section string) *extract.Triggers {
	ts, err := extract.TriggersFromLexicon(lex, section)
	if err != nil {
		panic(err)
	}
	return ts
}

// dateLexicon is English for extract.FindDates.
var dateLexicon = &extract.DateLexicon{
	Months: map[string]int{
		"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
		"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
		"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
	},
	Weekdays: map[string]time.Weekday{
		"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
		"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	},
	Relative: map[string]extract.RelativeDate{
		"yesterday":  {Unit: extract.Day, Offset: -1},
		"today":      {Unit: extract.Day, Offset: 0},
		"last week":  {Unit: extract.Week, Offset: -1},
		"this week":  {Unit: extract.Week, Offset: 0},
		"last month": {Unit: extract.Month, Offset: -1},
		"this month": {Unit: extract.Month, Offset: 0},
		"last year":  {Unit: extract.Year, Offset: -1},
		"this year":  {Unit: extract.Year, Offset: 0},
	},
	Units:     map[string]extract.Unit{"day": extract.Day, "days": extract.Day, "week": extract.Week, "weeks": extract.Week, "month": extract.Month, "months": extract.Month, "year": extract.Year, "years": extract.Year},
	Ago:       "ago",
	MonthCues: set(`in since until till by during of from early late mid through before after last next this throughout between and to`),
	Ordinals:  set(`st nd rd th`),
	Skip:      set(`of the`),
}
