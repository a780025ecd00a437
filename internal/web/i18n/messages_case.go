package i18n

// The messages of a case file's status: what confirmed events support and,
// apart, what unreviewed machine readings suggest.
func init() {
	for k, v := range englishCase {
		english[k] = v
	}
	for k, v := range arabicCase {
		arabic[k] = v
	}
}

var englishCase = map[string]string{
	"case.vouched":           "Confirmed by review: drawn only from events a reviewer confirmed.",
	"case.none_confirmed":    "No step of the case is confirmed by review yet.",
	"fate.none_confirmed":    "No fate is confirmed by review yet.",
	"case.suggests_n":        "%d sources, unreviewed, suggest:",
	"case.suggests_one":      "1 source, unreviewed, suggests:",
	"case.suggests_none":     "Unreviewed readings suggest:",
	"case.step_unreviewed":   "unreviewed",
	"case.review":            "Review them",
	"entity.rejected_events": "Events rejected by review (%d): they count for nothing above.",

	"dossier.case_confirmed":       "Confirmed by review",
	"dossier.case_suggested":       "Suggested by unreviewed readings",
	"dossier.none_confirmed":       "Nothing confirmed by review yet.",
	"dossier.no_suggestion":        "Nothing beyond what is confirmed.",
	"dossier.read.rejected_events": "%d events a reviewer rejected are left out.",
}

var arabicCase = map[string]string{
	"case.vouched":           "مؤكَّدة بالمراجعة: مستنتجة فقط من أحداث أكّدها مراجع.",
	"case.none_confirmed":    "لم تؤكَّد بالمراجعة أي مرحلة من مراحل القضية بعد.",
	"fate.none_confirmed":    "لم يؤكَّد بالمراجعة أي مصير بعد.",
	"case.suggests_n":        "%d مصادر، غير مراجَعة، تشير إلى:",
	"case.suggests_one":      "مصدر واحد، غير مراجَع، يشير إلى:",
	"case.suggests_none":     "قراءات غير مراجَعة تشير إلى:",
	"case.step_unreviewed":   "غير مراجَع",
	"case.review":            "راجِعها",
	"entity.rejected_events": "أحداث رفضها المراجعون (%d): لا تُحتسب في شيء مما سبق.",

	"dossier.case_confirmed":       "مؤكَّد بالمراجعة",
	"dossier.case_suggested":       "ما تشير إليه قراءات غير مراجَعة",
	"dossier.none_confirmed":       "لا شيء مؤكَّد بالمراجعة بعد.",
	"dossier.no_suggestion":        "لا شيء يتجاوز ما أُكِّد.",
	"dossier.read.rejected_events": "أُغفلت %d أحداث رفضها مراجع.",
}

// Suggests introduces what unreviewed readings suggest, with how many
// independent sources they rest on: "6 sources, unreviewed, suggest:".
func Suggests(l Lang, sources int) string {
	switch sources {
	case 0:
		return T(l, "case.suggests_none")
	case 1:
		return T(l, "case.suggests_one")
	}
	return T(l, "case.suggests_n", sources)
}
