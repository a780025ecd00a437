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
}

var arabicReview = map[string]string{
	"review.conflict.heading": "حُسم في الأثناء",
	"review.conflict.message": "حسم أحدٌ هذه الإفادة في الأثناء، أو أُرسل النموذج مرتين: حالتها الآن %s. لم يتغيّر شيء.",
	"review.conflict.back":    "عُد إلى حيث كنت لتنظر فيها من جديد",
}
