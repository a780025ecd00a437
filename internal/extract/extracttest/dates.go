package extracttest

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// months are the words the reference accepts for each month in a gold
// event's date_text, English and Arabic.
var months = map[int][]string{
	1: {"january", "jan", "يناير", "كانون الثاني"}, 2: {"february", "feb", "فبراير", "شباط"},
	3: {"march", "mar", "مارس", "آذار", "اذار"}, 4: {"april", "apr", "أبريل", "ابريل", "نيسان"},
	5: {"may", "مايو", "أيار", "ايار"}, 6: {"june", "jun", "يونيو", "حزيران"},
	7: {"july", "jul", "يوليو", "تموز"}, 8: {"august", "aug", "أغسطس", "اغسطس", "آب"},
	9: {"september", "sep", "sept", "سبتمبر", "أيلول", "ايلول"}, 10: {"october", "oct", "أكتوبر", "اكتوبر", "تشرين الأول"},
	11: {"november", "nov", "نوفمبر", "تشرين الثاني"}, 12: {"december", "dec", "ديسمبر", "كانون الأول"},
}

// DateRight reports whether a predicted date is right for the gold event g,
// as the reference's date_right has it: it equals the gold date; or, where
// the gold gives only the words (date_text, such as "May 21-24, 2024" or
// "2020") and no date, it is consistent with them: its year is written
// there, so is its month if it gives one, and it gives no day.
func DateRight(pred string, g Event) bool {
	if pred == g.Date {
		return true
	}
	text := string(pyLower([]rune(g.DateText)))
	if g.Date != "" || text == "" {
		return false
	}
	parts := strings.Split(pred, "-")
	if !strings.Contains(text, parts[0]) {
		return false
	}
	if len(parts) >= 2 {
		m := 0
		if isDecimal(parts[1]) {
			m, _ = strconv.Atoi(parts[1])
		}
		found := false
		for _, w := range months[m] {
			if containsWord(text, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return len(parts) <= 2
}

// isDecimal reports a non-empty run of ASCII digits, as Python's
// str.isdigit does for the dates this meets.
func isDecimal(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// containsWord reports w in s with no word character on either side, as
// the reference's (?<!\w)w(?!\w) finds it.
func containsWord(s, w string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		if (i == 0 || !pyWord(before)) && (i+len(w) == len(s) || !pyWord(after)) {
			return true
		}
		from = i + 1
	}
}

// pyWord reports whether Python's \w matches r: letters, numbers and the
// underscore.
func pyWord(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) }
