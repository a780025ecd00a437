package i18n

// The messages of redaction: the source page's form, and what a redacted
// copy's page says of its original.
func init() {
	for k, v := range englishRedact {
		english[k] = v
	}
	for k, v := range arabicRedact {
		arabic[k] = v
	}
}

var englishRedact = map[string]string{
	"redact.heading":          "Make a redacted copy",
	"redact.phrases":          "Phrases to take out wherever they occur (one a line)",
	"redact.spans":            "Spans to take out (START:END code-point offsets, comma-separated)",
	"redact.level":            "Level of the copy",
	"redact.level_default":    "one below this source's",
	"redact.reason":           "Reason (kept in the ledger: do not quote what you take out)",
	"redact.submit":           "Make the copy",
	"redact.note":             "The copy is a new source: each span is replaced by █████ and the copy is extracted and indexed afresh. This source stays as it is.",
	"source.redacted_from":    "Redacted from",
	"source.redacted_regions": "regions of the page filled:",
	"redact.regions":          "Regions of the page to fill opaque (PAGE:X,Y,W,H in pixels from the top left corner, separated by semicolons)",
	"redact.image_note":       "The copy of an image is an image: a new PNG of this page's pixels alone, without its metadata, with the regions and the words taken out painted over. A word a region touches leaves the text too.",
	"source.redacted_copies":  "Redacted copies",
	"source.redacted_hidden":  "a source you may not read",
}

var arabicRedact = map[string]string{
	"redact.heading":          "إنشاء نسخة منقّحة",
	"redact.phrases":          "عبارات تُحذف أينما وردت (عبارة في كل سطر)",
	"redact.spans":            "مقاطع تُحذف (مواضع START:END بالمحارف، تفصل بينها فواصل)",
	"redact.level":            "مستوى النسخة",
	"redact.level_default":    "أدنى بدرجة من مستوى هذا المصدر",
	"redact.reason":           "السبب (يُحفظ في السجل: لا تقتبس ما تحذفه)",
	"redact.submit":           "أنشئ النسخة",
	"redact.note":             "النسخة مصدر جديد: يُستبدل كل مقطع بـ █████ ويُستخرج منها ويُفهرس من جديد. يبقى هذا المصدر كما هو.",
	"source.redacted_from":    "منقّحة من",
	"source.redacted_regions": "مناطق الصفحة المطموسة:",
	"redact.regions":          "مناطق من الصفحة تُطمس (PAGE:X,Y,W,H بالبكسل من الزاوية العليا اليسرى، تفصل بينها فواصل منقوطة)",
	"redact.image_note":       "نسخة الصورة صورة: ملف PNG جديد من بكسلات هذه الصفحة وحدها، بلا بياناتها الوصفية، تُطمس فيه المناطق والكلمات المحذوفة. والكلمة التي تمسّها منطقة تُحذف من النص أيضاً.",
	"source.redacted_copies":  "نسخ منقّحة",
	"source.redacted_hidden":  "مصدر لا يحق لك الاطلاع عليه",
}
