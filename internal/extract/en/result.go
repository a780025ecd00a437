package en

import (
	"strings"

	"github.com/athar-project/athar/internal/extract"
)

// result converts the working state to the shared Result shape.
func (d *doc) result() extract.Result {
	var r extract.Result
	for _, p := range d.persons {
		if len(p.ments) == 0 {
			continue
		}
		out := extract.Person{Name: p.name, Rank: p.rank, Title: p.title, Roles: p.roles, Affiliation: p.affiliation,
			Birthplace: p.birthplace, Status: p.status}
		for _, m := range p.ments {
			out.Mentions = append(out.Mentions, d.mention(m))
		}
		out.Aliases = p.aliases
		r.Persons = append(r.Persons, out)
	}
	for _, e := range d.ents {
		out := extract.Entity{Name: e.name}
		for _, a := range e.aliases {
			if !strings.EqualFold(a, e.name) {
				out.Aliases = append(out.Aliases, a)
			}
		}
		for _, m := range e.ments {
			out.Mentions = append(out.Mentions, d.mention(m))
		}
		out.KnownAs = e.known
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
		out := extract.Event{Type: ev.typ, Who: ev.who, Agents: ev.agents, Modality: ev.modality, Count: ev.count}
		if ev.where != "" {
			w := ev.where
			out.Where = &w
		}
		if ev.date != nil {
			t := ev.date.Text
			out.DateText = &t
			if v := ev.date.Date.String(); v != "" {
				out.Date = &v
				if end, endRel, ok := d.dateEnd(ev.date); ok && end != ev.date.Date {
					e := end.String()
					out.DateEnd = &e
					v := extract.RangeStart(ev.date.Date, ev.date.Relative, end, endRel).String()
					out.Date = &v
				}
			}
		}
		q := d.quoteSpan(ev.sent)
		m := d.mention(q)
		out.Start, out.End, out.Quote = m.Start, m.End, m.Text
		r.Events = append(r.Events, out)
	}
	for _, dr := range d.dates {
		dm := extract.DateMention{Mention: d.text.Mention(dr.Start, dr.End), Relative: dr.Relative}
		if v := dr.Date.String(); v != "" {
			dm.Date = &v
		}
		r.Dates = append(r.Dates, dm)
	}
	return r
}

// quoteSpan is the token span of a sentence.
func (d *doc) quoteSpan(s sentence) span { return span(s) }

func (d *doc) mention(sp span) extract.Mention {
	if sp.a >= sp.b || sp.b > len(d.toks) {
		return extract.Mention{}
	}
	return d.text.Mention(d.toks[sp.a].Start, d.toks[sp.b-1].End)
}
