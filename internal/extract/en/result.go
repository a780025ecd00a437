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
					if endRel && d.vagueRelative(ev.date) {
						break // "since last year": words only, as below
					}
					e := end.String()
					out.DateEnd = &e
					v := extract.RangeStart(ev.date.Date, ev.date.Relative, end, endRel).String()
					out.Date = &v
				case d.vagueRelative(ev.date):
				case d.dayRange(ev.date):
					m := model.Date{Year: ev.date.Date.Year, Month: ev.date.Date.Month, Precision: model.PrecisionMonth}.String()
					out.Date = &m // "between 20 and 31 August": the month, not its last day
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

// vagueRelative reports a date read against the published date that is
// not a day: a month ("in March", "last month"), a week ("last week"), a
// year ("last year", "this year") or a span counted back ("two years
// ago"). Such an event keeps the words (date_text) and is given no date:
// the annotation conventions (shared/eval/dev/README.md) give a date "only
// when certain" and vague or year-only dates as words, and their examples
// give a month without its year as words ("December", "In April", "last
// February"): the year a reader would supply is the writer's to say. A
// relative day ("on Thursday", "yesterday", "March 3"), which the same
// conventions resolve against the published date, keeps its date.
func (d *doc) vagueRelative(r *extract.DateRef) bool {
	return r.Relative && r.Date.Precision != model.PrecisionDay
}

// dayRange reports a day that ends a range of days whose start the text
// writes as a bare number ("between 20 and 31 August", "from 3 to 9 May
// 2013", "21-24 May"), or a date that holds such a range ("May 21-24,
// 2024"): the event is given the month, the one date the words make
// certain for all its days.
func (d *doc) dayRange(r *extract.DateRef) bool {
	if r.Date.Precision != model.PrecisionDay || r.FirstTok < 2 {
		return false
	}
	for k := r.FirstTok + 1; k+1 < r.EndTok; k++ {
		if f := d.fold(k); (f == "-" || f == "–") && d.toks[k-1].Digits && d.toks[k+1].Digits {
			return true
		}
	}
	sep, n := d.fold(r.FirstTok-1), d.tok(r.FirstTok-2)
	if !n.Digits || len(n.Fold) > 2 {
		return false
	}
	switch sep {
	case "-", "–":
		return true
	case "and", "to", "until":
		p := d.fold(r.FirstTok - 3)
		return p == "between" || p == "from"
	}
	return false
}

// quoteSpan is the token span of a sentence.
func (d *doc) quoteSpan(s sentence) span { return span(s) }

func (d *doc) mention(sp span) extract.Mention {
	if sp.a >= sp.b || sp.b > len(d.toks) {
		return extract.Mention{}
	}
	return d.text.Mention(d.toks[sp.a].Start, d.toks[sp.b-1].End)
}
