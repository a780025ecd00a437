package ingest

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/athar-project/athar/internal/model"
)

// dateline is what the opening words of a news article say about where, when
// and by whom it was filed.
type dateline struct {
	Place     string
	Publisher string     // as written: "Shafaq News", "Reuters", "رويترز"
	Date      model.Date // zero unless the year is written
	Month     int        // the month and day as written, even without a year
	Day       int
}

var (
	// " date 2025-01-03 Shafaq News/ The name ..."
	rxDateSlash = regexp.MustCompile(`^\s*date\s+(\d{4}-\d{2}-\d{2})\s+([^/\n]{1,60}?)\s*/`)
	// "DAMASCUS, Jan 3 (Reuters) -", "BEIRUT, Syria, January 3, 2025 (AP) —",
	// "DAMASCUS (Reuters) -"
	rxWireEN = regexp.MustCompile(`^\s*([A-Z][A-Z.'’ -]{1,40}[A-Z.])` +
		`(?:,\s*[A-Z][A-Za-z.' -]{1,30}?)?` +
		`(?:,\s*([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:,\s*(\d{4}))?)?` +
		`\s*\(([^()\n]{1,30})\)\s*[-–—]`)
	// "دمشق، 3 كانون الثاني (رويترز) -", "دمشق (سانا) -"
	rxWireAR = regexp.MustCompile(`^\s*(\p{Arabic}[\p{Arabic} ]{0,30}?)` +
		`(?:\s*[،,]\s*(\d{1,2}|[٠-٩]{1,2})\s+(\p{Arabic}+(?: \p{Arabic}+)?)(?:\s+(\d{4}|[٠-٩]{4}))?)?` +
		`\s*\(([^()\n]{1,30})\)\s*[-–—]`)
)

var monthsEN = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
	"sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
	"dec": 12, "december": 12,
}

var monthsAR = map[string]int{
	"يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6,
	"يوليو": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
	"كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5, "حزيران": 6,
	"تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10, "تشرين الاول": 10,
	"تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
}

// parseDateline reads a dateline at the start of body. It reads the forms
// "date YYYY-MM-DD Publisher/", "PLACE[, Region][, Mon D[, YYYY]] (Agency) -"
// and its Arabic counterpart "مكان[، D شهر [YYYY]] (وكالة) -". A date
// without a year is kept in Month and Day only: Date stays unknown, as the
// year is never guessed.
func parseDateline(body string) (dateline, bool) {
	if m := rxDateSlash.FindStringSubmatch(body); m != nil {
		d, err := model.ParseDate(m[1])
		if err != nil {
			return dateline{}, false
		}
		return dateline{Publisher: strings.TrimSpace(m[2]), Date: d, Month: d.Month, Day: d.Day}, true
	}
	if m := rxWireEN.FindStringSubmatch(body); m != nil {
		dl := dateline{Place: strings.TrimSpace(m[1]), Publisher: strings.TrimSpace(m[5])}
		if m[2] != "" {
			mon, ok := monthsEN[strings.ToLower(m[2])]
			if !ok {
				return dateline{}, false
			}
			dl.setDate(mon, m[3], m[4])
		}
		return dl, true
	}
	if m := rxWireAR.FindStringSubmatch(body); m != nil {
		dl := dateline{Place: strings.TrimSpace(m[1]), Publisher: strings.TrimSpace(m[5])}
		if m[2] != "" {
			mon, ok := monthsAR[m[3]]
			if !ok {
				return dateline{}, false
			}
			dl.setDate(mon, m[2], m[4])
		}
		return dl, true
	}
	return dateline{}, false
}

// setDate keeps a month, a day and maybe a year, written in Western or
// Arabic-Indic digits; an impossible day drops the date.
func (dl *dateline) setDate(month int, day, year string) {
	dd, err := strconv.Atoi(westernDigits(day))
	if err != nil || dd < 1 || dd > 31 {
		return
	}
	dl.Month, dl.Day = month, dd
	if year == "" {
		return
	}
	y := westernDigits(year)
	if d, err := model.ParseDate(y + "-" + twoDigits(month) + "-" + twoDigits(dd)); err == nil {
		dl.Date = d
	}
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// westernDigits turns Arabic-Indic digits into ASCII ones.
func westernDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '٠' && r <= '٩' {
			return '0' + (r - '٠')
		}
		return r
	}, s)
}
