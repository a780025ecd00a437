package en

import (
	"strings"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
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
				end, endRel, ok := d.dateEnd(ev.date)
				switch {
				case ok && end != ev.date.Date:
					if ev.date.Relative && endRel && ev.date.Date.Precision != model.PrecisionDay {
						break // "since last year": words only, as below
					}
					e := end.String()
					out.DateEnd = &e
					v := extract.RangeStart(ev.date.Date, ev.date.Relative, end, endRel).String()
					out.Date = &v
				case vagueRelative(ev.date):
				default:
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

// vagueRelative reports a date read against the published date at less
// than a day's precision: a week, a month or a year counted from it ("last
// week", "earlier this month", "in December", "last year", "two years
// ago"). Such an event keeps the words (date_text) and is given no date:
// the annotation conventions (shared/eval/dev/README.md) resolve only
// relative days ("on Thursday", "yesterday") and give vague or year-only
// dates as words, and a month or year guessed from the published date is
// wrong as often as the writer meant another one. A range whose end the
// text writes in full ("between March and October 2014") is not vague.
func vagueRelative(r *extract.DateRef) bool {
	return r.Relative && r.Date.Precision != model.PrecisionDay
}

// quoteSpan is the token span of a sentence.
func (d *doc) quoteSpan(s sentence) span { return span(s) }

func (d *doc) mention(sp span) extract.Mention {
	if sp.a >= sp.b || sp.b > len(d.toks) {
		return extract.Mention{}
	}
	return d.text.Mention(d.toks[sp.a].Start, d.toks[sp.b-1].End)
}
