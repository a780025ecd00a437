package ar

import (
	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/names"
)

// result converts the working state to the shared Result shape.
func (d *doc) result() extract.Result {
	var r extract.Result
	status := d.statuses()
	for _, p := range d.persons {
		out := extract.Person{Name: p.name, Rank: p.rank, Title: p.title}
		latin := names.Transliterate(p.name)
		if latin != "" && latin != p.name {
			out.Latin = &latin
		}
		for _, m := range p.ments {
			out.Mentions = append(out.Mentions, d.mention(m))
		}
		out.Aliases = p.aliases
		out.Status = status[p]
		r.Persons = append(r.Persons, out)
	}
	for _, e := range d.ents {
		out := extract.Entity{Name: e.name}
		seen := map[string]bool{foldText(e.name): true}
		raw := map[string]bool{e.name: true}
		for _, a := range e.aliases {
			if a == "" || raw[a] {
				continue
			}
			raw[a] = true
			if f := foldText(a); !seen[f] {
				seen[f] = true
				out.Aliases = append(out.Aliases, a)
			}
		}
		for _, m := range e.ments {
			out.Mentions = append(out.Mentions, d.mention(m))
		}
		if e.gaz != nil {
			out.Gazetteer, out.Kind = e.gaz.ID, e.gaz.Kind
			if e.gaz.HasCoords {
				lat, lon := e.gaz.Lat, e.gaz.Lon
				out.Lat, out.Lon = &lat, &lon
			}
		}
		switch e.typ {
		case ownFacility:
			r.Facilities = append(r.Facilities, out)
		case ownPlace:
			r.Places = append(r.Places, out)
		case ownOrg:
			r.Organizations = append(r.Organizations, out)
		}
	}
	for _, ev := range d.events {
		out := extract.Event{Type: ev.typ, Who: ev.who, Modality: ev.modality}
		if ev.where != "" {
			w := ev.where
			out.Where = &w
		}
		if ev.date != nil {
			sp := ev.date.sp
			if end := d.dateEnd(ev.date); end != nil {
				sp.b = end.sp.b // "بين عامي 2012 و2014": the whole range
				if v := end.date.String(); v != "" {
					out.DateEnd = &v
				}
			}
			t := d.str(sp)
			out.DateText = &t
			// a month counted from publication ("شباط الماضي", "الشهر
			// الجاري") keeps its words and is given no date: the year a
			// reader would supply is the writer's to say, as the annotation
			// conventions leave it ("فبراير/ شباط الماضي" is words only
			// there); a relative day keeps its date
			vague := ev.date.relative && ev.date.date.Precision == model.PrecisionMonth
			if v := ev.date.date.String(); v != "" && !vague {
				out.Date = &v
				if end := d.dateEnd(ev.date); end != nil {
					v := extract.RangeStart(ev.date.date, ev.date.relative, end.date, end.relative).String()
					out.Date = &v
				}
			}
		}
		m := d.mention(span{ev.sent.a, ev.sent.b, 0})
		out.Start, out.End, out.Quote = m.Start, m.End, m.Text
		r.Events = append(r.Events, out)
	}
	for _, dr := range d.dates {
		dm := extract.DateMention{Mention: d.mention(dr.sp), Relative: dr.relative}
		if v := dr.date.String(); v != "" {
			dm.Date = &v
		}
		r.Dates = append(r.Dates, dm)
	}
	return r
}
