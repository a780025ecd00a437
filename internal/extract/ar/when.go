package ar

// dateFor picks the date of an event: the nearest date of its sentence,
// a Gregorian one before a Hijri one.
func (d *doc) dateFor(typ string, a int, s sentence) *dateRef {
	var best *dateRef
	bestDist := 1 << 30
	for i := range d.dates {
		r := &d.dates[i]
		if r.sp.a < s.a || r.sp.b > s.b || r.date.IsZero() || r.ranged {
			continue
		}
		if !custodyTypes[typ] && r.sp.a > a && d.accusationBetween(a, r.sp.a) {
			continue // "بتهمة المشاركة في إعدام أسرى في حلب عام 2016": when the crime was
		}
		dist := abs(r.sp.a - a)
		if r.hijri {
			dist += 1000
		}
		if dist < bestDist {
			best, bestDist = r, dist
		}
	}
	return best
}
