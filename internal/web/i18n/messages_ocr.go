package i18n

// The messages of sources read by OCR: how sure it was, and the words it
// was unsure of.
func init() {
	for k, v := range englishOCR {
		english[k] = v
	}
	for k, v := range arabicOCR {
		arabic[k] = v
	}
}

var englishOCR = map[string]string{
	"source.ocr":       "Read by OCR",
	"source.ocr_read":  "mean confidence %.1f%%",
	"source.ocr_low":   "%d words read with low confidence",
	"source.ocr_marks": "Words OCR read with low confidence are underlined with dots: check them against the original.",
	"ocr.low_word":     "Read by OCR with low confidence (%.0f%%): check the original",
}

var arabicOCR = map[string]string{
	"source.ocr":       "قُرئ بالتعرّف الضوئي على الحروف",
	"source.ocr_read":  "متوسط الثقة %.1f%%",
	"source.ocr_low":   "%d كلمة قُرئت بثقة منخفضة",
	"source.ocr_marks": "الكلمات التي قرأها التعرّف الضوئي بثقة منخفضة مسطَّرة بنقاط: قارنها بالأصل.",
	"ocr.low_word":     "قرأها التعرّف الضوئي بثقة منخفضة (%.0f%%): راجع الأصل",
}
