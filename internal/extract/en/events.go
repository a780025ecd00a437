package en

import (
	"github.com/athar-project/athar/internal/extract"
)

// event is an event being built.
type event struct {
	typ      string
	who      []extract.Participant
	agents   []string
	where    string
	date     *extract.DateRef
	modality string
	count    int
	sent     sentence
	trig     int
}

// findEvents reads each sentence for event triggers.
func (d *doc) findEvents() {
	for si := range d.sents {
		s := d.sents[si]
		for i := s.a; i < s.b; i++ {
			t := d.toks[i]
			if !t.Word {
				continue
			}
			if t.Fold == "said" || speechVerbs[t.Fold] {
				d.statementAt(i, s)
			}
			tr, bestLen := triggers.At(d.toks, i)
			if bestLen == 0 {
				continue
			}
			if d.skipTrigger(tr, i, i+bestLen, s) {
				i += bestLen - 1
				continue
			}
			d.eventAt(tr, i, i+bestLen, s)
			i += bestLen - 1
		}
	}
	d.leadIns()
	var keep []*event
	for _, ev := range d.events {
		if len(ev.who) == 0 && (ev.typ == extract.EventEscape || ev.typ == extract.EventRelease) {
			continue // an escape or a release of nobody named is not a fact we can hold
		}
		keep = append(keep, ev)
	}
	d.events = keep
	d.dropHeadlineEvents()
	d.absorbLeads()
	d.mergeEvents()
}
