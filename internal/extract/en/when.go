package en

// Step 4: when the event happened.

import (
	"github.com/athar-project/athar/internal/extract"
)

// dateNear returns the date expression in the sentence nearest the trigger.
func (d *doc) dateNear(a int, s sentence) *extract.DateRef {
	var best *extract.DateRef
	bestDist := 1 << 30
	for k := range d.dates {
		r := &d.dates[k]
		if r.FirstTok < s.a || r.EndTok > s.b {
			continue
		}
		dist := r.FirstTok - a
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = r, dist
		}
	}
	return best
}
