package extract

import (
	"strconv"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/model"
)

// DateRef is a date expression found in a text. Date is what it resolves to,
// or the zero Date when it cannot be resolved without guessing (a weekday or
// "last month" in a source whose published date is unknown).
type DateRef struct {
	Start, End int // byte offsets
	Text       string
	Date       model.Date
	// Relative is set for expressions read against the published date
	// ("on Thursday", "yesterday", "last month", "August 23").
	Relative bool
	// FirstTok and EndTok are the token indexes the expression spans.
	FirstTok, EndTok int
}

// Unit is a calendar unit for relative dates.
type Unit int

// Units.
const (
	Day Unit = iota + 1
	Week
	Month
	Year
)

// RelativeDate is a phrase such as "yesterday" (Day, -1) or "last month"
// (Month, -1).
type RelativeDate struct {
	Unit   Unit
	Offset int
}

// DateLexicon holds one language's date words, all folded. Phrases of
// several words are joined by single spaces.
type DateLexicon struct {
	Months   map[string]int          // "january", "jan", "sept" → 1..12
	Weekdays map[string]time.Weekday // "thursday" → time.Thursday
	Relative map[string]RelativeDate // "yesterday", "last month"
	// Units names units for "N days ago" style phrases ("days" → Day).
	Units map[string]Unit
	// Ago follows "N units" in a past phrase ("ago").
	Ago string
	// MonthCues may precede a month or a year standing alone ("in", "since").
	MonthCues map[string]bool
	// Ordinal suffixes allowed after a day number ("st", "nd", "rd", "th").
	Ordinals map[string]bool
	// Skip are words allowed between day, month and year ("of", "the").
	Skip map[string]bool
}

// FindDates finds the date expressions in toks (from Tokenize over s) and
// resolves them against published, which may be the zero Date.
func FindDates(s string, toks []Token, lex *DateLexicon, published model.Date) []DateRef {
	var out []DateRef
	for i := 0; i < len(toks); i++ {
		ref, ok := lex.dateAt(s, toks, i, published)
		if !ok {
			continue
		}
		out = append(out, ref)
		i = ref.EndTok - 1
	}
	return out
}

func (lex *DateLexicon) month(toks []Token, i int) (m, n int) {
	if i >= len(toks) || !toks[i].Word {
		return 0, 0
	}
	if i+1 < len(toks) && toks[i+1].Word {
		if m := lex.Months[toks[i].Fold+" "+toks[i+1].Fold]; m > 0 {
			return m, 2
		}
	}
	if m := lex.Months[toks[i].Fold]; m > 0 {
		n = 1
		// "Jan." and "Sept."
		if i+1 < len(toks) && toks[i+1].Fold == "." && !toks[i+1].Space && len(toks[i].Fold) <= 4 {
			n = 2
		}
		return m, n
	}
	return 0, 0
}

func dayNumber(lex *DateLexicon, t Token) int {
	if !t.Word {
		return 0
	}
	f := t.Fold
	j := 0
	for j < len(f) && f[j] >= '0' && f[j] <= '9' {
		j++
	}
	if j == 0 || j > 2 || (j < len(f) && !lex.Ordinals[f[j:]]) {
		return 0
	}
	d, _ := strconv.Atoi(f[:j])
	if d < 1 || d > 31 {
		return 0
	}
	return d
}

func yearNumber(t Token) int {
	if !t.Digits || len(t.Fold) != 4 {
		return 0
	}
	y, _ := strconv.Atoi(t.Fold)
	if y < 1900 || y > 2100 {
		return 0
	}
	return y
}

// skipComma steps over one comma (or a skip word) at i.
func (lex *DateLexicon) skip(toks []Token, i int) int {
	for i < len(toks) && (toks[i].Fold == "," || lex.Skip[toks[i].Fold]) {
		i++
	}
	return i
}

func (lex *DateLexicon) dateAt(s string, toks []Token, i int, pub model.Date) (DateRef, bool) {
	t := toks[i]
	mk := func(end int, d model.Date, relative bool) (DateRef, bool) {
		return DateRef{Start: t.Start, End: toks[end-1].End, Text: s[t.Start:toks[end-1].End], Date: d,
			Relative: relative, FirstTok: i, EndTok: end}, true
	}
	// 2025-01-03
	if y := yearNumber(t); y > 0 && i+4 < len(toks) && toks[i+1].Fold == "-" && toks[i+3].Fold == "-" &&
		toks[i+2].Digits && toks[i+4].Digits && !toks[i+1].Space && !toks[i+3].Space {
		m, _ := strconv.Atoi(toks[i+2].Fold)
		d, _ := strconv.Atoi(toks[i+4].Fold)
		if valid(y, m, d) {
			return mk(i+5, model.DayDate(y, m, d), false)
		}
	}
	// 3 January 2025, 3rd of January
	if d := dayNumber(lex, t); d > 0 {
		j := lex.skip(toks, i+1)
		if m, n := lex.month(toks, j); m > 0 {
			k := j + n
			if k2 := lex.skip(toks, k); k2 < len(toks) {
				if y := yearNumber(toks[k2]); y > 0 {
					if valid(y, m, d) {
						return mk(k2+1, model.DayDate(y, m, d), false)
					}
				}
			}
			return mk(k, monthDay(pub, m, d), true)
		}
	}
	// January 3, 2025; January 2025; January
	if m, n := lex.month(toks, i); m > 0 {
		j := i + n
		if j < len(toks) {
			if d := dayNumber(lex, toks[j]); d > 0 && yearNumber(toks[j]) == 0 {
				k := j + 1
				if k+1 < len(toks) && (toks[k].Fold == "-" || toks[k].Fold == "–") && dayNumber(lex, toks[k+1]) > d {
					k += 2 // "May 21-24, 2024": the range's year is the start's
				}
				if k2 := lex.skip(toks, k); k2 < len(toks) {
					if y := yearNumber(toks[k2]); y > 0 && valid(y, m, d) {
						return mk(k2+1, model.DayDate(y, m, d), false)
					}
				}
				return mk(k, monthDay(pub, m, d), true)
			}
			if k2 := lex.skip(toks, j); k2 < len(toks) {
				if y := yearNumber(toks[k2]); y > 0 {
					return mk(k2+1, model.Date{Year: y, Month: m, Precision: model.PrecisionMonth}, false)
				}
			}
		}
		if i > 0 && lex.MonthCues[toks[i-1].Fold] && (t.Cap || !isLatinWord(t.Fold)) {
			return mk(j, monthAlone(pub, m), true)
		}
		return DateRef{}, false
	}
	// in 2019
	if y := yearNumber(t); y > 0 && i > 0 && lex.MonthCues[toks[i-1].Fold] {
		return mk(i+1, model.Date{Year: y, Precision: model.PrecisionYear}, false)
	}
	// on Thursday
	if wd, ok := lex.Weekdays[t.Fold]; ok && (t.Cap || !isLatinWord(t.Fold)) {
		return mk(i+1, weekday(pub, wd), true)
	}
	// yesterday, last month
	if i+1 < len(toks) {
		if r, ok := lex.Relative[t.Fold+" "+toks[i+1].Fold]; ok {
			return mk(i+2, shift(pub, r), true)
		}
	}
	if r, ok := lex.Relative[t.Fold]; ok {
		return mk(i+1, shift(pub, r), true)
	}
	// two days ago: only digits here; words for numbers are the language's
	if t.Digits && len(t.Fold) <= 2 && i+2 < len(toks) && toks[i+2].Fold == lex.Ago && lex.Ago != "" {
		if u, ok := lex.Units[toks[i+1].Fold]; ok {
			n, _ := strconv.Atoi(t.Fold)
			return mk(i+3, shift(pub, RelativeDate{Unit: u, Offset: -n}), true)
		}
	}
	return DateRef{}, false
}

func isLatinWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func valid(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

func pubTime(pub model.Date) (time.Time, bool) {
	if pub.Precision != model.PrecisionDay || !valid(pub.Year, pub.Month, pub.Day) {
		return time.Time{}, false
	}
	return time.Date(pub.Year, time.Month(pub.Month), pub.Day, 0, 0, 0, 0, time.UTC), true
}

func dayOf(t time.Time) model.Date { return model.DayDate(t.Year(), int(t.Month()), t.Day()) }

// monthDay resolves "August 23" to the latest such date not after the
// published date; unknown without a published year.
func monthDay(pub model.Date, m, d int) model.Date {
	if pub.IsZero() {
		return model.Date{}
	}
	y := pub.Year
	if pub.Precision != model.PrecisionYear {
		if m > pub.Month || (m == pub.Month && pub.Precision == model.PrecisionDay && d > pub.Day) {
			y--
		}
	} else {
		return model.Date{}
	}
	if !valid(y, m, d) {
		return model.Date{}
	}
	return model.DayDate(y, m, d)
}

// monthAlone resolves "in July" to the latest July not after the published
// month.
func monthAlone(pub model.Date, m int) model.Date {
	if pub.IsZero() || pub.Precision == model.PrecisionYear {
		return model.Date{}
	}
	y := pub.Year
	if m > pub.Month {
		y--
	}
	return model.Date{Year: y, Month: m, Precision: model.PrecisionMonth}
}

// weekday resolves "on Thursday" to the latest Thursday on or before the
// published day.
func weekday(pub model.Date, wd time.Weekday) model.Date {
	t, ok := pubTime(pub)
	if !ok {
		return model.Date{}
	}
	back := (int(t.Weekday()) - int(wd) + 7) % 7
	return dayOf(t.AddDate(0, 0, -back))
}

// shift resolves a relative date against the published date, to the
// precision the phrase has: "yesterday" to a day, "last month" to a month,
// "last year" to a year; "last week" to the month when the whole week falls
// in one month, else unknown.
func shift(pub model.Date, r RelativeDate) model.Date {
	switch r.Unit {
	case Day:
		t, ok := pubTime(pub)
		if !ok {
			return model.Date{}
		}
		return dayOf(t.AddDate(0, 0, r.Offset))
	case Week:
		t, ok := pubTime(pub)
		if !ok {
			return model.Date{}
		}
		a, b := t.AddDate(0, 0, 7*r.Offset-6), t.AddDate(0, 0, 7*r.Offset)
		if r.Offset == 0 {
			a, b = t.AddDate(0, 0, -6), t
		}
		if a.Month() != b.Month() || a.Year() != b.Year() {
			return model.Date{}
		}
		return model.Date{Year: b.Year(), Month: int(b.Month()), Precision: model.PrecisionMonth}
	case Month:
		if pub.IsZero() || pub.Precision == model.PrecisionYear {
			return model.Date{}
		}
		t := time.Date(pub.Year, time.Month(pub.Month), 1, 0, 0, 0, 0, time.UTC).AddDate(0, r.Offset, 0)
		return model.Date{Year: t.Year(), Month: int(t.Month()), Precision: model.PrecisionMonth}
	case Year:
		if pub.IsZero() {
			return model.Date{}
		}
		return model.Date{Year: pub.Year + r.Offset, Precision: model.PrecisionYear}
	}
	return model.Date{}
}

// FoldPhrase folds a lexicon phrase the way tokens fold.
func FoldPhrase(p string) string {
	var parts []string
	for _, t := range Tokenize(p) {
		parts = append(parts, t.Fold)
	}
	return strings.Join(parts, " ")
}

// RangeStart is the start of a range whose first end the text writes
// without a year ("between March and October 2014", "from 5 to 9 May
// 2013"): read alone, start took the published date's year (relative);
// a range shares the year its end writes, the year before when the start
// would then fall after the end ("from November to February 2014"). An
// end read against the published date too gives no year.
func RangeStart(start model.Date, relative bool, end model.Date, endRelative bool) model.Date {
	if !relative || endRelative || start.IsZero() || end.IsZero() || start.Precision == model.PrecisionYear {
		return start
	}
	s := start
	s.Year = end.Year
	if s.Month > end.Month && end.Month > 0 {
		s.Year--
	}
	return s
}
