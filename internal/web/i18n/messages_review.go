package i18n

// The messages of review by claim: decisions made on a state, undo, claims
// across sources, bulk decisions and keeping one's place.
func init() {
	for k, v := range englishReview {
		english[k] = v
	}
	for k, v := range arabicReview {
		arabic[k] = v
	}
}

var englishReview = map[string]string{
	"review.conflict.heading": "Decided meanwhile",
	"review.conflict.message": "Someone decided this statement meanwhile, or the form was sent twice: it is now %s. Nothing was changed.",
	"review.conflict.back":    "Back to where you were, to look at it again",
	"claims.title":            "Review by claim",
	"claims.heading":          "Review by claim",
	"claims.entity_heading":   "Claims to review about",
	"claims.intro":            "%d claims await review, the most important first: events about persons, then names and posts, gazetteer places last. One decision covers every source making the claim; each statement still gets its own decision in the ledger.",
	"claims.shortcuts":        "Keys: j / k next and previous, c confirm in every source, r reject, s skip (for this session), u undo the last decision, / comment.",
	"claims.filter.type":      "Type",
	"claims.filter.lang":      "Source language",
	"claims.filter.modality":  "Modality",
	"claims.filter.min_conf":  "Confidence at least",
	"claims.filter.mine":      "Assigned to me",
	"claims.filter.any":       "any",
	"claims.filter.apply":     "Filter",
	"claims.bulk":             "All %d claims shown (%d statements):",
	"claims.bulk.confirm":     "Confirm all… (preview first)",
	"claims.bulk.reject":      "Reject all… (preview first)",
	"claims.sources":          "%d sources",
	"claims.statements":       "%d statements",
	"claims.confirm":          "Confirm in %d sources",
	"claims.skip":             "Skip",
	"claims.undo":             "Undo",
	"claims.done.confirm":     "%d statements confirmed.",
	"claims.done.reject":      "%d statements rejected.",
	"claims.done.reopen":      "%d statements reopened.",
	"claims.done_all":         "Done: nothing left to review here.",
	"claims.back":             "Back to the review",
	"claims.preview.title":    "What this decision will change",
	"claims.preview.intro":    "%d statements will change as below. Nothing changes until you apply it.",
	"claims.done.title":       "What the decision changed",
	"claims.done.intro":       "%d statements changed; each decision is in the ledger. Undo reopens them.",
	"claims.apply":            "Apply to %d statements",
	"claims.col.entity":       "About",
	"claims.col.claim":        "Claim",
	"claims.col.source":       "Source",
	"claims.col.change":       "Change",
	"claims.by_statement":     "one statement at a time",
}

var arabicReview = map[string]string{
	"review.conflict.heading": "حُسم في الأثناء",
	"review.conflict.message": "حسم أحدٌ هذه الإفادة في الأثناء، أو أُرسل النموذج مرتين: حالتها الآن %s. لم يتغيّر شيء.",
	"review.conflict.back":    "عُد إلى حيث كنت لتنظر فيها من جديد",
	"claims.title":            "المراجعة حسب الادعاء",
	"claims.heading":          "المراجعة حسب الادعاء",
	"claims.entity_heading":   "ادعاءات تنتظر المراجعة عن",
	"claims.intro":            "%d ادعاءات تنتظر المراجعة، الأهم أولاً: الأحداث المتعلقة بأشخاص، ثم الأسماء والمناصب، وأماكن المعجم الجغرافي أخيراً. قرار واحد يشمل كل مصدر يورد الادعاء، ويبقى لكل إفادة قرارها الخاص في السجل.",
	"claims.shortcuts":        "المفاتيح: j / k التالي والسابق، c تأكيد في كل المصادر، r رفض، s تخطٍّ (لهذه الجلسة)، u تراجع عن القرار الأخير، / تعليق.",
	"claims.filter.type":      "النوع",
	"claims.filter.lang":      "لغة المصدر",
	"claims.filter.modality":  "صيغة الإسناد",
	"claims.filter.min_conf":  "الثقة لا تقل عن",
	"claims.filter.mine":      "المسند إليّ",
	"claims.filter.any":       "أيّ",
	"claims.filter.apply":     "صفِّ",
	"claims.bulk":             "كل الادعاءات المعروضة وعددها %d (%d إفادة):",
	"claims.bulk.confirm":     "أكِّد الكل… (معاينة أولاً)",
	"claims.bulk.reject":      "ارفض الكل… (معاينة أولاً)",
	"claims.sources":          "%d مصادر",
	"claims.statements":       "%d إفادات",
	"claims.confirm":          "أكِّد في %d مصادر",
	"claims.skip":             "تخطَّ",
	"claims.undo":             "تراجع",
	"claims.done.confirm":     "أُكِّدت %d إفادات.",
	"claims.done.reject":      "رُفضت %d إفادات.",
	"claims.done.reopen":      "أُعيد فتح %d إفادات.",
	"claims.done_all":         "انتهى: لم يبقَ هنا ما يُراجَع.",
	"claims.back":             "عُد إلى المراجعة",
	"claims.preview.title":    "ما الذي سيغيّره هذا القرار",
	"claims.preview.intro":    "ستتغيّر %d إفادات كما يلي. لا يتغيّر شيء قبل أن تطبّقه.",
	"claims.done.title":       "ما الذي غيّره القرار",
	"claims.done.intro":       "تغيّرت %d إفادات؛ كل قرار مسجّل في السجل. التراجع يعيد فتحها.",
	"claims.apply":            "طبِّق على %d إفادات",
	"claims.col.entity":       "عن",
	"claims.col.claim":        "الادعاء",
	"claims.col.source":       "المصدر",
	"claims.col.change":       "التغيير",
	"claims.by_statement":     "إفادةً إفادة",
}
