package ar

import (
	"strconv"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/textfold"
)

// dateRef is a date expression of the text.
type dateRef struct {
	sp       span
	date     model.Date // zero when it cannot be resolved without guessing
	relative bool
	hijri    bool
	// ranged is set for either end of a span of time ("بين عامي 2012
	// و2014"): it dates no single event.
	ranged bool
	// end is the index in doc.dates of the end of the range this date
	// starts, -1 for none.
	end int
}

// months maps one- and two-word month names, folded, to their number: the
// Levantine names (كانون الثاني … كانون الأول) and the standard ones
// (يناير … ديسمبر).
var months = func() map[string]int {
	m := map[string]int{}
	add := func(n int, names ...string) {
		for _, s := range names {
			m[textfold.Fold(s)] = n
		}
	}
	add(1, "كانون الثاني", "كانون ثاني", "يناير", "جانفي")
	add(2, "شباط", "فبراير", "فيفري")
	add(3, "آذار", "مارس")
	add(4, "نيسان", "أبريل", "إبريل", "ابريل", "أفريل")
	add(5, "أيار", "مايو", "ماي")
	add(6, "حزيران", "يونيو", "يونيه", "جوان")
	add(7, "تموز", "يوليو", "يوليه", "جويلية")
	add(8, "آب", "أغسطس", "اغسطس", "أوت")
	add(9, "أيلول", "سبتمبر")
	add(10, "تشرين الأول", "تشرين أول", "أكتوبر", "اكتوبر")
	add(11, "تشرين الثاني", "تشرين ثاني", "نوفمبر")
	add(12, "كانون الأول", "كانون أول", "ديسمبر")
	return m
}()

// hijriMonths are the months of the Hijri calendar.
var hijriMonths = func() map[string]int {
	m := map[string]int{}
	add := func(n int, names ...string) {
		for _, s := range names {
			m[textfold.Fold(s)] = n
		}
	}
	add(1, "محرم")
	add(2, "صفر")
	add(3, "ربيع الأول")
	add(4, "ربيع الآخر", "ربيع الثاني")
	add(5, "جمادى الأولى", "جمادى الأول")
	add(6, "جمادى الآخرة", "جمادى الثانية", "جمادى الآخر")
	add(7, "رجب")
	add(8, "شعبان")
	add(9, "رمضان")
	add(10, "شوال")
	add(11, "ذو القعدة", "ذي القعدة")
	add(12, "ذو الحجة", "ذي الحجة")
	return m
}()

var weekdays = map[string]time.Weekday{
	textfold.Fold("الأحد"): time.Sunday, textfold.Fold("الاثنين"): time.Monday, textfold.Fold("الإثنين"): time.Monday,
	textfold.Fold("الثلاثاء"): time.Tuesday, textfold.Fold("الأربعاء"): time.Wednesday, textfold.Fold("الخميس"): time.Thursday,
	textfold.Fold("الجمعة"): time.Friday, textfold.Fold("السبت"): time.Saturday,
}

// yearCues may precede a year standing alone: "عام 2013", "منذ 2011".
var yearCues = words("year_cues")

// monthCues may precede a month standing alone: "في شباط", "شهر آذار".
var monthCues = words("month_cues")

func (d *doc) findDates() {
	for i := 0; i < len(d.toks); i++ {
		if !d.toks[i].word {
			continue
		}
		r, ok := d.dateAt(i)
		if !ok {
			continue
		}
		r.end = -1
		if n := len(d.dates); n > 0 && d.dates[n-1].ranged && d.dates[n-1].end < 0 && d.dates[n-1].sp.b >= r.sp.a-2 {
			r.ranged = true // "و2014", "حتى 2014": the end of the range before
			d.dates[n-1].end = n
		} else if d.rangeStart(r.sp.a) {
			r.ranged = true
		}
		d.dates = append(d.dates, r)
		for k := r.sp.a; k < r.sp.b; k++ {
			d.own[k] = ownDate
		}
		i = r.sp.b - 1
	}
}

// variantsOf returns the readings of token i with and without clitics.
func (d *doc) variantsOf(i int) []variant {
	if i < 0 || i >= len(d.toks) || !d.toks[i].word {
		return nil
	}
	t := &d.toks[i]
	return t.vars[:t.nvars]
}

// month reads a month name at token i (the first word with or without a
// clitic), with its Hijri flag; n is how many tokens it spans.
func (d *doc) month(i int) (m, n, pre int, hijri bool) {
	for _, v := range d.variantsOf(i) {
		if i+1 < len(d.toks) && d.toks[i+1].word {
			two := v.s + " " + d.toks[i+1].fold
			if x := months[two]; x > 0 {
				return x, 2, v.pre, false
			}
			if x := hijriMonths[two]; x > 0 {
				return x, 2, v.pre, true
			}
		}
		if x := months[v.s]; x > 0 {
			return x, 1, v.pre, false
		}
		if x := hijriMonths[v.s]; x > 0 {
			return x, 1, v.pre, true
		}
	}
	return 0, 0, 0, false
}

// number reads token i as a number, with or without a conjunction ("و2018").
func (d *doc) number(i int) (int, int, bool) {
	for _, v := range d.variantsOf(i) {
		if allDigits(v.s) && len(v.s) <= 4 {
			n, _ := strconv.Atoi(v.s)
			return n, v.pre, true
		}
	}
	return 0, 0, false
}

func (d *doc) year(i int) (int, bool) {
	n, _, ok := d.number(i)
	if !ok || n < 1900 || n > 2100 {
		return 0, false
	}
	return n, true
}

// skipAltMonth steps over a second name of the same month: "شباط/فبراير",
// "كانون الثاني (يناير)".
func (d *doc) skipAltMonth(j int) int {
	k := j
	open := d.fold(k) == "("
	if d.fold(k) == "/" || open || d.fold(k) == "-" {
		k++
	} else {
		return j
	}
	if m, n, _, h := d.month(k); m > 0 && !h {
		k += n
		if open && d.fold(k) == ")" {
			k++
		}
		return k
	}
	return j
}

// skipYearWord steps over "من عام", "عام", "سنة" before a year.
func (d *doc) skipYearWord(j int) int {
	if d.fold(j) == "من" {
		j++
	}
	switch d.fold(j) {
	case "عام", "العام", "سنه", "لعام":
		j++
	}
	return j
}

// dateAt reads a date expression at token i, trying the forms of
// dateReaders in order: the first that recognizes its form decides.
func (d *doc) dateAt(i int) (dateRef, bool) {
	for _, read := range dateReaders {
		if r, verdict := read(d, i); verdict != noForm {
			return r, verdict == isDate
		}
	}
	return dateRef{}, false
}

// A date reader's verdict on token i.
const (
	noForm  = iota // not its form: the next reader tries
	isDate         // its form, and a date
	notDate        // its form, but no date: stop
)

// dateReaders read the forms of date expressions, most specific first.
var dateReaders = []func(*doc, int) (dateRef, int){
	(*doc).numericDate,  // 2025-01-03, 3/1/2025
	(*doc).dayMonthDate, // 3 آذار 2013, 3 شباط/فبراير 2025, 12 رجب 1446 هـ
	(*doc).ordinalDate,  // العاشر من أيار, الحادي والعشرين من شباط 2024
	(*doc).monthDate,    // آذار 2013, شهر رمضان 1446 هـ, في شباط
	(*doc).yearDate,     // عام 2013, منذ 2011
	(*doc).weekdayDate,  // يوم الخميس, الخميس
	(*doc).relativeDate, // أمس, الشهر الماضي, العام الماضي
}

// dref makes the date expression of tokens i..end.
func dref(i, pre, end int, dt model.Date, rel, hijri bool) (dateRef, int) {
	return dateRef{sp: span{i, end, pre}, date: dt, relative: rel, hijri: hijri}, isDate
}

func (d *doc) numericDate(i int) (dateRef, int) {
	a, pre, ok := d.number(i)
	if !ok || i+4 >= len(d.toks) {
		return dateRef{}, noForm
	}
	sep := d.fold(i + 1)
	if (sep != "-" && sep != "/") || d.fold(i+3) != sep || d.toks[i+1].space || d.toks[i+3].space {
		return dateRef{}, noForm
	}
	b, _, ok2 := d.number(i + 2)
	c, _, ok3 := d.number(i + 4)
	switch {
	case !ok2 || !ok3:
	case a >= 1900 && valid(a, b, c):
		return dref(i, pre, i+5, model.DayDate(a, b, c), false, false)
	case c >= 1900 && valid(c, b, a):
		return dref(i, pre, i+5, model.DayDate(c, b, a), false, false)
	}
	return dateRef{}, noForm
}

func (d *doc) dayMonthDate(i int) (dateRef, int) {
	day, pre, ok := d.number(i)
	if !ok || day < 1 || day > 31 {
		return dateRef{}, noForm
	}
	m, n, _, hijri := d.month(i + 1)
	if m == 0 {
		return dateRef{}, noForm
	}
	j := d.skipAltMonth(i + 1 + n)
	k := d.skipYearWord(j)
	if y, ok := d.year(k); ok && !hijri && valid(y, m, day) {
		return dref(i, pre, k+1, model.DayDate(y, m, day), false, false)
	}
	if hijri {
		if hy, ok := d.hijriYear(k); ok {
			return dref(i, pre, d.skipHijriMark(k+1), hijriDay(hy, m, day), false, true)
		}
		return dateRef{}, notDate
	}
	return dref(i, pre, j, monthDay(d.pub, m, day), true, false)
}

func (d *doc) monthDate(i int) (dateRef, int) {
	m, n, pre, hijri := d.month(i)
	if m == 0 {
		return dateRef{}, noForm
	}
	j := d.skipAltMonth(i + n)
	k := d.skipYearWord(j)
	if hijri {
		if hy, ok := d.hijriYear(k); ok {
			return dref(i, pre, d.skipHijriMark(k+1), hijriMonth(hy, m), false, true)
		}
		return dateRef{}, notDate
	}
	if y, ok := d.year(k); ok {
		return dref(i, pre, k+1, model.Date{Year: y, Month: m, Precision: model.PrecisionMonth}, false, false)
	}
	if f := d.fold(j); f == "الماضي" || f == "المنصرم" {
		// "في شباط الماضي", "كانون الثاني الماضي": the last such month before this one
		return dref(i, pre, j+1, monthBefore(d.pub, m), true, false)
	}
	// "في شباط", "شهر آذار", "بشباط": a month alone after a cue
	if _, ok := d.has(i-1, monthCues); ok && pre == 0 || pre > 0 && strings.HasPrefix(d.toks[i].fold, "ب") {
		if n == 1 && ambiguousMonth[d.toks[i].vars[0].s] {
			return dateRef{}, notDate
		}
		return dref(i, pre, j, monthAlone(d.pub, m), true, false)
	}
	return dateRef{}, notDate
}

func (d *doc) yearDate(i int) (dateRef, int) {
	y, ok := d.year(i)
	if !ok {
		return dateRef{}, noForm
	}
	if _, cue := d.has(i-1, yearCues); !cue && allDigits(d.toks[i].fold) && !d.nearDate(i) {
		return dateRef{}, noForm
	}
	if d.hijriMarkAt(i + 1) {
		return dateRef{}, notDate
	}
	_, pre, _ := d.number(i)
	return dref(i, pre, i+1, model.Date{Year: y, Precision: model.PrecisionYear}, false, false)
}

func (d *doc) weekdayDate(i int) (dateRef, int) {
	for _, v := range d.variantsOf(i) {
		wd, ok := weekdays[v.s]
		if !ok {
			wd, ok = weekdays["ال"+v.s]
			if ok && d.fold(i-1) != "يوم" {
				ok = false
			}
		}
		if !ok {
			continue
		}
		// "الخميس 3 آذار": the date that follows says which Thursday
		if _, _, isNum := d.number(i + 1); isNum {
			if m, _, _, _ := d.month(i + 2); m > 0 {
				return dateRef{}, notDate
			}
		}
		r, verdict := dref(i, v.pre, i+1, weekday(d.pub, wd), true, false)
		if d.fold(i-1) == "يوم" || d.fold(i-1) == "ويوم" {
			r.sp.a, r.sp.pre = i-1, 0
		}
		return r, verdict
	}
	return dateRef{}, noForm
}

func (d *doc) relativeDate(i int) (dateRef, int) {
	f := d.fold(i)
	next := d.fold(i + 1)
	switch {
	case f == "امس" || f == "الامس" || f == "البارحه":
		if d.fold(i-1) == "اول" || d.fold(i-1) == "من" && d.fold(i-2) == "اول" {
			return dateRef{}, notDate
		}
		return dref(i, 0, i+1, shiftDays(d.pub, -1), true, false)
	case f == "اول" && (next == "امس" || next == "من" && d.fold(i+2) == "امس"):
		end := i + 2
		if next == "من" {
			end++
		}
		return dref(i, 0, end, shiftDays(d.pub, -2), true, false)
	case f == "الشهر" && (next == "الماضي" || next == "المنصرم"):
		return dref(i, 0, i+2, shiftMonths(d.pub, -1), true, false)
	case (f == "العام" || f == "السنه") && (next == "الماضي" || next == "الماضيه" || next == "المنصرم"):
		if d.pub.IsZero() {
			return dref(i, 0, i+2, model.Date{}, true, false)
		}
		return dref(i, 0, i+2, model.Date{Year: d.pub.Year - 1, Precision: model.PrecisionYear}, true, false)
	case f == "الاسبوع" && (next == "الماضي" || next == "المنصرم"):
		return dref(i, 0, i+2, lastWeek(d.pub), true, false)
	case f == "الشهر" && (next == "الجاري" || next == "الحالي"):
		return dref(i, 0, i+2, shiftMonths(d.pub, 0), true, false)
	case (f == "العام" || f == "السنه") && (next == "الجاري" || next == "الحالي" || next == "الجاريه" || next == "الحاليه"):
		return dref(i, 0, i+2, thisYear(d.pub), true, false)
	case (f == "هذا" || f == "هذه") && next == "الشهر":
		return dref(i, 0, i+2, shiftMonths(d.pub, 0), true, false)
	case (f == "هذا" || f == "هذه") && (next == "العام" || next == "السنه"):
		return dref(i, 0, i+2, thisYear(d.pub), true, false)
	case (f == "الشهر" || f == "العام") && periodParts[d.fold(i-1)]:
		// "مطلع الشهر", "أواخر العام": a part of the present month or year
		if f == "الشهر" {
			return dref(i-1, 0, i+1, shiftMonths(d.pub, 0), true, false)
		}
		return dref(i-1, 0, i+1, thisYear(d.pub), true, false)
	}
	return dateRef{}, noForm
}

// ordinals are the ordinal numbers a day of the month is written with
// ("العاشر من أيار"), folded; the tens join with و ("الحادي والعشرين").
var ordinals = func() map[string]int {
	m := map[string]int{}
	units := []string{"الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"}
	for n, u := range units {
		m[textfold.Fold(u)] = n + 1
		m[textfold.Fold(u)+" "+textfold.Fold("عشر")] = n + 11
		m[textfold.Fold(u)+" "+textfold.Fold("والعشرين")] = n + 21
	}
	m[textfold.Fold("الحادي عشر")] = 11
	m[textfold.Fold("الحادي والعشرين")] = 21
	m[textfold.Fold("الحادي والثلاثين")] = 31
	m[textfold.Fold("العاشر")] = 10
	m[textfold.Fold("العشرين")] = 20
	m[textfold.Fold("الثلاثين")] = 30
	delete(m, textfold.Fold("الأول عشر"))
	delete(m, textfold.Fold("الأول والعشرين"))
	return m
}()

// ordinalDate reads a day written as an ordinal before "من" and a month:
// "العاشر من أيار"، "الحادي والعشرين من شباط/فبراير 2024".
func (d *doc) ordinalDate(i int) (dateRef, int) {
	day, n := 0, 0
	if i+1 < len(d.toks) {
		if x := ordinals[d.fold(i)+" "+d.fold(i+1)]; x > 0 {
			day, n = x, 2
		}
	}
	if day == 0 {
		if x := ordinals[d.fold(i)]; x > 0 {
			day, n = x, 1
		}
	}
	if day == 0 || d.fold(i+n) != "من" {
		return dateRef{}, noForm
	}
	m, mn, _, hijri := d.month(i + n + 1)
	if m == 0 || hijri {
		return dateRef{}, noForm
	}
	j := d.skipAltMonth(i + n + 1 + mn)
	k := d.skipYearWord(j)
	if y, ok := d.year(k); ok {
		if !valid(y, m, day) {
			return dateRef{}, notDate
		}
		return dref(i, 0, k+1, model.DayDate(y, m, day), false, false)
	}
	if f := d.fold(j); f == "الماضي" || f == "المنصرم" {
		j++
	}
	return dref(i, 0, j, monthDay(d.pub, m, day), true, false)
}

// ambiguousMonth are month names that are common words too: "آب" (father
// in older usage), "مايو", "ماي".
var ambiguousMonth = words("ambiguous_month")

// rangeStart reports "بين" or "من" opening a span of time before token i:
// "بين عامي 2012 و2014", "من 2011 إلى 2014".
func (d *doc) rangeStart(i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		switch d.fold(k) {
		case "بين", "ما", "عامي", "سنتي", "العامين":
			return true // "بين عامي 2012 و2014", "في عامي 2011 و2012"
		case "من", "منذ":
			// "من 2011 حتى 2014": a range when an end follows
			for j := i + 1; j < len(d.toks) && j <= i+3; j++ {
				if f := d.fold(j); f == "حتي" || f == "الي" {
					return true
				}
			}
		}
	}
	return false
}

// nearDate reports a year joined to a year just found: "عامي 2013 و2018".
func (d *doc) nearDate(i int) bool {
	if len(d.dates) == 0 {
		return false
	}
	last := d.dates[len(d.dates)-1]
	return last.sp.b == i && last.date.Precision == model.PrecisionYear
}

func (d *doc) hijriYear(k int) (int, bool) {
	n, _, ok := d.number(k)
	if !ok || n < 1300 || n > 1600 {
		return 0, false
	}
	return n, true
}

func (d *doc) hijriMarkAt(k int) bool {
	f := d.fold(k)
	return f == "ه" || f == "هـ" || f == "للهجره" || f == "هجري" || f == "هجريه"
}

func (d *doc) skipHijriMark(k int) int {
	if d.hijriMarkAt(k) {
		k++
		if d.fold(k) == "." && k+1 < len(d.toks) && !d.toks[k+1].space {
			k++
		}
	}
	return k
}

func valid(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d
}

func pubTime(pub model.Date) (time.Time, bool) {
	if pub.Precision != model.PrecisionDay || !valid(pub.Year, pub.Month, pub.Day) {
		return time.Time{}, false
	}
	return time.Date(pub.Year, time.Month(pub.Month), pub.Day, 0, 0, 0, 0, time.UTC), true
}

func dayOf(t time.Time) model.Date { return model.DayDate(t.Year(), int(t.Month()), t.Day()) }

// monthDay resolves "23 آب" to the latest such day not after the published
// date; unknown without one.
func monthDay(pub model.Date, m, day int) model.Date {
	if pub.Precision != model.PrecisionDay && pub.Precision != model.PrecisionMonth {
		return model.Date{}
	}
	y := pub.Year
	if m > pub.Month || (m == pub.Month && pub.Precision == model.PrecisionDay && day > pub.Day) {
		y--
	}
	if !valid(y, m, day) {
		return model.Date{}
	}
	return model.DayDate(y, m, day)
}

func monthAlone(pub model.Date, m int) model.Date {
	if pub.Precision != model.PrecisionDay && pub.Precision != model.PrecisionMonth {
		return model.Date{}
	}
	y := pub.Year
	if m > pub.Month {
		y--
	}
	return model.Date{Year: y, Month: m, Precision: model.PrecisionMonth}
}

// weekday resolves "يوم الخميس" to the latest Thursday on or before the
// published day.
func weekday(pub model.Date, wd time.Weekday) model.Date {
	t, ok := pubTime(pub)
	if !ok {
		return model.Date{}
	}
	back := (int(t.Weekday()) - int(wd) + 7) % 7
	return dayOf(t.AddDate(0, 0, -back))
}

func shiftDays(pub model.Date, n int) model.Date {
	t, ok := pubTime(pub)
	if !ok {
		return model.Date{}
	}
	return dayOf(t.AddDate(0, 0, n))
}

func shiftMonths(pub model.Date, n int) model.Date {
	if pub.Precision != model.PrecisionDay && pub.Precision != model.PrecisionMonth {
		return model.Date{}
	}
	t := time.Date(pub.Year, time.Month(pub.Month), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	return model.Date{Year: t.Year(), Month: int(t.Month()), Precision: model.PrecisionMonth}
}

// periodParts name a part of a month or a year: "مطلع الشهر", "أواخر العام".
var periodParts = words("period_parts")

// thisYear is the published year; unknown without a published date.
func thisYear(pub model.Date) model.Date {
	if pub.IsZero() {
		return model.Date{}
	}
	return model.Date{Year: pub.Year, Precision: model.PrecisionYear}
}

// monthBefore resolves "شباط الماضي": the latest such month before the
// published month.
func monthBefore(pub model.Date, m int) model.Date {
	if pub.Precision != model.PrecisionDay && pub.Precision != model.PrecisionMonth {
		return model.Date{}
	}
	y := pub.Year
	if m >= pub.Month {
		y--
	}
	return model.Date{Year: y, Month: m, Precision: model.PrecisionMonth}
}

// lastWeek is the month of the week before the published day, when the
// whole week lies in one month.
func lastWeek(pub model.Date) model.Date {
	t, ok := pubTime(pub)
	if !ok {
		return model.Date{}
	}
	a, b := t.AddDate(0, 0, -13), t.AddDate(0, 0, -7)
	if a.Month() != b.Month() || a.Year() != b.Year() {
		return model.Date{}
	}
	return model.Date{Year: b.Year(), Month: int(b.Month()), Precision: model.PrecisionMonth}
}

// hijriJDN is the Julian day number of a day of the arithmetical (tabular)
// Islamic calendar, civil epoch.
func hijriJDN(y, m, day int) int {
	return day + (295*(m-1)+9)/10 + (y-1)*354 + (3+11*y)/30 + 1948440 - 1
}

func jdnToDate(j int) (int, int, int) {
	a := j + 32044
	b := (4*a + 3) / 146097
	c := a - 146097*b/4
	dd := (4*c + 3) / 1461
	e := c - 1461*dd/4
	m := (5*e + 2) / 153
	day := e - (153*m+2)/5 + 1
	month := m + 3 - 12*(m/10)
	year := 100*b + dd - 4800 + m/10
	return year, month, day
}

// hijriDay converts a Hijri day to the Gregorian calendar by the
// arithmetical (tabular) Islamic calendar. Calendars set by sighting or Umm
// al-Qura may differ from it by a day; a text that gives both calendars is
// read by its Gregorian date (see findEvents).
func hijriDay(y, m, day int) model.Date {
	if day < 1 || day > 30 || m < 1 || m > 12 {
		return model.Date{}
	}
	j := hijriJDN(y, m, day)
	y0, m0, d0 := jdnToDate(j)
	return model.DayDate(y0, m0, d0)
}

// hijriMonth is a Hijri month as a Gregorian date: it straddles two
// Gregorian months, so only the year is certain, when both ends agree.
func hijriMonth(y, m int) model.Date {
	if m < 1 || m > 12 {
		return model.Date{}
	}
	ya, _, _ := jdnToDate(hijriJDN(y, m, 1) - 2)
	yb, _, _ := jdnToDate(hijriJDN(y, m, 29) + 2)
	if ya != yb {
		return model.Date{}
	}
	return model.Date{Year: ya, Precision: model.PrecisionYear}
}
