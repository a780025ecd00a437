package ingest

import (
	"strings"
	"unicode"
)

// Arabic function words: any Arabic text has them, Persian and Urdu
// (which share the script) mostly do not.
var arabicWords = setOf("في", "من", "على", "إلى", "الى", "عن", "أن", "ان", "التي", "الذي", "مع", "هذا", "هذه",
	"كان", "قال", "بعد", "وقد", "حيث", "بين", "كما", "لم", "قد", "ذلك", "أو", "ثم", "عام", "خلال")

// Letters of Persian, Urdu and Kurdish that Arabic does not use.
const nonArabicLetters = "پچژگکیۀےٹڈڑںھۆێڵڕ"

// English function words; other languages written in Latin letters have
// few of them.
var englishWords = setOf("the", "of", "and", "to", "in", "a", "is", "was", "for", "that", "on", "with", "as",
	"by", "at", "from", "his", "he", "it", "an", "were", "are", "which", "be", "this", "has", "had", "have",
	"not", "who", "after", "they", "their", "said", "been", "its", "but", "or", "also")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// DetectLanguage says whether text is Arabic ("ar"), English ("en") or
// something else ("other"). The script most letters are in decides between
// Arabic script, Latin script and others; common function words then tell
// Arabic from Persian or Urdu, and English from other Latin-script
// languages. Text with fewer than three letters is "other".
func DetectLanguage(text string) string {
	var arabic, latin, other, nonArabic int
	for _, r := range text {
		switch {
		case !unicode.IsLetter(r):
		case unicode.Is(unicode.Arabic, r):
			arabic++
			if strings.ContainsRune(nonArabicLetters, r) {
				nonArabic++
			}
		case unicode.Is(unicode.Latin, r):
			latin++
		default:
			other++
		}
	}
	switch {
	case arabic+latin+other < 3:
		return "other"
	case arabic > latin && arabic > other:
		return arabicOrNot(text, arabic, nonArabic)
	case latin > other:
		return englishOrNot(text)
	}
	return "other"
}

// arabicOrNot tells Arabic from other languages in Arabic script.
func arabicOrNot(text string, letters, nonArabic int) string {
	words, hits := 0, 0
	for w := range strings.FieldsFuncSeq(text, notLetter) {
		words++
		if arabicWords[w] {
			hits++
		}
	}
	// Persian-only letters in more than one letter in fifty, and fewer Arabic
	// function words than one word in twenty: not Arabic.
	if nonArabic*50 > letters && hits*20 < words {
		return "other"
	}
	return "ar"
}

// englishOrNot tells English from other languages in Latin letters: in
// English prose about one word in four is one of englishWords; a short text
// needs one such word, a longer one one word in ten.
func englishOrNot(text string) string {
	words, hits := 0, 0
	for w := range strings.FieldsFuncSeq(text, notLetter) {
		if !isLatinWord(w) {
			continue
		}
		words++
		if englishWords[strings.ToLower(w)] {
			hits++
		}
	}
	switch {
	case words == 0:
		return "other"
	case words < 10 && hits > 0:
		return "en"
	case hits*10 >= words:
		return "en"
	}
	return "other"
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }

func isLatinWord(w string) bool {
	for _, r := range w {
		if unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}
