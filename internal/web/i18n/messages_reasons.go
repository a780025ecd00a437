package i18n

// The name matcher's reasons (internal/web/reasons.go reads each shape the
// matcher writes into one of these keys) and the roles of name parts.
func init() {
	for k, v := range englishReasons {
		english[k] = v
	}
	for k, v := range arabicReasons {
		arabic[k] = v
	}
}

var englishReasons = map[string]string{
	"reason.role_agrees":     "%s agrees: %s ~ %s (%s)",
	"reason.agrees":          "agrees: %s ~ %s (%s)",
	"reason.role_alike":      "%s is alike only: %s ~ %s (%s)",
	"reason.role_missing":    "%s missing in the other name: %s",
	"reason.missing":         "missing in the other name: %s",
	"reason.given_conflict":  "given names conflict: %s ≠ %s",
	"reason.family_conflict": "family names conflict: %s ≠ %s",
	"reason.no_parts":        "no name parts to compare",
	"reason.no_words":        "no words to compare",
	"reason.given_moved":     "given names in other positions",
	"reason.swapped":         "given and father's names swapped: perhaps father and son",
	"reason.father_son":      "a given name pairs with the other's father's name: perhaps father and son",
	"reason.only_common":     "only common parts agree",
	"reason.only_generic":    "only generic words agree",
	"reason.epithet":         "an epithet: a weak alias",
	"reason.too_few":         "fewer than two parts agree: not enough to link",
	"reason.too_common":      "the agreeing parts are too common to link on",
	"reason.little":          "little evidence and not near-identical: not enough to link",
	"reason.share":           "too few of the parts agree to link (%s of them, weighed, below %s)",
	"reason.below":           "score below the link threshold %s",
	"reason.other_fits":      "another entity's name fits the query too: not linked",
	"reason.linked":          "linked: the names match, nothing contradicts it and no other entity comes close",
	"reason.proposed":        "proposed for review, not linked: the names score %s but the reasons above leave room for doubt",
	"reason.context_linked":  "the name agrees in full and %s things the source ties to it match the candidate's: linked",
	"reason.near_other":      "another entity matches nearly as well: proposed, not linked",
	"reason.birth_conflict":  "birth dates conflict: %s here, %s on the candidate",
	"reason.both_tied":       "both tied to %s",
	"reason.acronym":         "an acronym: %s",
	"reason.hidden_only":     "known only from sources more sensitive than this one: proposed, not linked",
	"reason.level_only":      "weighed on the names stated at this source's level only",

	"namerole.part":        "part",
	"namerole.given":       "given name",
	"namerole.father":      "father's name",
	"namerole.grandfather": "grandfather's name",
	"namerole.family":      "family name",
	"namerole.kunya":       "kunya",
	"namerole.epithet":     "epithet",
}

var arabicReasons = map[string]string{
	"reason.role_agrees":     "%s متطابق: %s ~ %s (%s)",
	"reason.agrees":          "متطابق: %s ~ %s (%s)",
	"reason.role_alike":      "%s متشابه فقط: %s ~ %s (%s)",
	"reason.role_missing":    "%s غائب عن الاسم الآخر: %s",
	"reason.missing":         "غائب عن الاسم الآخر: %s",
	"reason.given_conflict":  "الاسمان الأولان مختلفان: %s ≠ %s",
	"reason.family_conflict": "اسما العائلة مختلفان: %s ≠ %s",
	"reason.no_parts":        "لا أجزاء في الاسم للمقارنة",
	"reason.no_words":        "لا كلمات للمقارنة",
	"reason.given_moved":     "الاسم الأول في موضع آخر",
	"reason.swapped":         "الاسم الأول واسم الأب متبادلان: ربما أب وابنه",
	"reason.father_son":      "الاسم الأول يقابل اسم أب الآخر: ربما أب وابنه",
	"reason.only_common":     "لا يتطابق إلا الشائع من الأجزاء",
	"reason.only_generic":    "لا تتطابق إلا الكلمات العامة",
	"reason.epithet":         "لقب: اسم مستعار ضعيف",
	"reason.too_few":         "يتطابق أقل من جزأين: لا يكفي للربط",
	"reason.too_common":      "الأجزاء المتطابقة أشيع من أن يُربط بها",
	"reason.little":          "الدليل قليل والاسمان غير متطابقين تقريباً: لا يكفي للربط",
	"reason.share":           "المتطابق من الأجزاء أقل من أن يُربط (%s منها موزونةً، دون %s)",
	"reason.below":           "الدرجة دون عتبة الربط %s",
	"reason.other_fits":      "اسم كيان آخر يطابق الاستعلام أيضاً: لم يُربط",
	"reason.linked":          "رُبط: الاسمان متطابقان ولا شيء يناقض ذلك ولا كيان آخر يقاربه",
	"reason.proposed":        "اقتُرح للمراجعة ولم يُربط: درجة الاسمين %s لكن الأسباب أعلاه تترك مجالاً للشك",
	"reason.context_linked":  "الاسم متطابق كلياً و%s مما يربطه المصدر به يطابق ما للمرشح: رُبط",
	"reason.near_other":      "كيان آخر يطابق بالقدر نفسه تقريباً: اقتُرح ولم يُربط",
	"reason.birth_conflict":  "تاريخا الولادة مختلفان: %s هنا و%s لدى المرشح",
	"reason.both_tied":       "كلاهما مرتبط بـ%s",
	"reason.acronym":         "اختصار: %s",
	"reason.hidden_only":     "معروف فقط من مصادر أعلى سرية من هذا المصدر: اقتُرح ولم يُربط",
	"reason.level_only":      "وُزن على الأسماء الواردة بمستوى سرية هذا المصدر فقط",

	"namerole.part":        "جزء",
	"namerole.given":       "الاسم الأول",
	"namerole.father":      "اسم الأب",
	"namerole.grandfather": "اسم الجد",
	"namerole.family":      "اسم العائلة",
	"namerole.kunya":       "الكنية",
	"namerole.epithet":     "اللقب",
}
