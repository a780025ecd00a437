package web

import (
	"sort"

	"github.com/athar-project/athar/internal/model"
)

// participant is a person (or, for organizers, an organization) an event
// names, with their role.
type participant struct {
	Ref  *entityRef // nil when the name was not linked to an entity
	Name string     // as the source writes it
	Role string
}

// quote is an event's quote from one source.
type quote struct {
	Text string
	Note int
}

// eventView is an event as a page shows it. Events reported alike by
// several sources (same type and date) are one row with every source.
type eventView struct {
	ID           string   // the first event entity of the row
	IDs          []string // every event entity of the row
	Type         string
	Date         model.Date
	Location     []claim
	Participants []participant
	Organizers   []participant
	Other        []fact
	Quotes       []quote
	Notes        []int
	Independent  int
	Status       model.Status
	Alleged      bool
	Denied       bool
	Role         string // the page's entity's role in it, on a person's timeline
	statements   []model.Statement
}

// event reads one event entity as the viewer may see it; ok is false when
// the viewer may see nothing of it but rejected statements.
func (n *notes) event(id string) (eventView, bool, error) {
	sts, err := n.rd.statements(id)
	if err != nil {
		return eventView{}, false, err
	}
	ev := eventView{ID: id, IDs: []string{id}, Status: model.StatusRejected}
	var location, other []model.Statement
	for _, st := range sts {
		if st.Status == model.StatusRejected {
			continue
		}
		if err := n.addToEvent(&ev, st); err != nil {
			return ev, false, err
		}
		switch st.Property {
		case "eventType":
			if ev.Type == "" {
				ev.Type = st.Value
			}
		case "date":
			d := st.DateStart
			if d.IsZero() {
				d, _ = model.ParseDate(st.Value)
			}
			if ev.Date.IsZero() {
				ev.Date = d
			}
		case "location":
			location = append(location, st)
		case "involved", "organizer":
			p := participant{Name: st.Value, Role: string(st.Role)}
			if st.ValueEntity != "" {
				r, err := n.rd.ref(st.ValueEntity)
				if err != nil {
					return ev, false, err
				}
				p.Ref = &r
			}
			if st.Property == "involved" {
				ev.Participants = append(ev.Participants, p)
			} else {
				ev.Organizers = append(ev.Organizers, p)
			}
		default:
			other = append(other, st)
		}
	}
	if len(ev.statements) == 0 {
		return ev, false, nil
	}
	if ev.Location, err = n.claims(location); err != nil {
		return ev, false, err
	}
	if ev.Other, err = n.facts(other, nil, nil); err != nil {
		return ev, false, err
	}
	return ev, true, nil
}

// addToEvent records a statement's source, quote, state and modality.
func (n *notes) addToEvent(ev *eventView, st model.Statement) error {
	ev.statements = append(ev.statements, st)
	k, err := n.cite(st.SourceID)
	if err != nil {
		return err
	}
	if k > 0 && !containsInt(ev.Notes, k) {
		ev.Notes = append(ev.Notes, k)
		sort.Ints(ev.Notes)
	}
	if st.Span.Quote != "" {
		dup := false
		for _, q := range ev.Quotes {
			dup = dup || (q.Text == st.Span.Quote && q.Note == k)
		}
		if !dup {
			ev.Quotes = append(ev.Quotes, quote{Text: st.Span.Quote, Note: k})
		}
	}
	switch {
	case st.Status == model.StatusConfirmed:
		ev.Status = model.StatusConfirmed
	case st.Status == model.StatusProposed && ev.Status != model.StatusConfirmed:
		ev.Status = model.StatusProposed
	}
	ev.Alleged = ev.Alleged || st.Modality == model.Alleged
	ev.Denied = ev.Denied || st.Modality == model.Denied
	ev.Independent, err = n.independent(ev.statements)
	return err
}

// events reads event entities and joins those reported alike: the same type
// on the same known date, with the same role for the page's entity.
func (n *notes) events(ids []string, roles map[string]string) ([]eventView, error) {
	// The events' statements, the sources they cite and the entities they
	// name, each read in one go rather than event by event.
	if err := n.rd.prefetchStatements(ids); err != nil {
		return nil, err
	}
	var sts []model.Statement
	var named []string
	for _, id := range ids {
		for _, st := range n.rd.stmts[id] {
			sts = append(sts, st)
			if st.ValueEntity != "" {
				named = append(named, st.ValueEntity)
			}
		}
	}
	if err := n.rd.prefetch(sts); err != nil {
		return nil, err
	}
	if err := n.rd.prefetchRefs(named); err != nil {
		return nil, err
	}
	var out []eventView
	index := map[string]int{}
	for _, id := range ids {
		ev, ok, err := n.event(id)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		ev.Role = roles[id]
		key := ""
		if !ev.Date.IsZero() && ev.Type != "" {
			key = ev.Type + "|" + ev.Date.String() + "|" + ev.Role
		}
		if i, dup := index[key]; dup && key != "" {
			joinEvents(&out[i], ev)
			if out[i].Independent, err = n.independent(out[i].statements); err != nil {
				return nil, err
			}
			continue
		}
		if key != "" {
			index[key] = len(out)
		}
		out = append(out, ev)
	}
	sortEvents(out)
	return out, nil
}

func joinEvents(into *eventView, ev eventView) {
	into.IDs = append(into.IDs, ev.IDs...)
	into.statements = append(into.statements, ev.statements...)
	for _, k := range ev.Notes {
		if !containsInt(into.Notes, k) {
			into.Notes = append(into.Notes, k)
		}
	}
	sort.Ints(into.Notes)
	into.Quotes = append(into.Quotes, ev.Quotes...)
	for _, c := range ev.Location {
		if i := sameClaim(into.Location, c); i >= 0 {
			into.Location[i].Notes = mergeInts(into.Location[i].Notes, c.Notes)
			into.Location[i].Statements = append(into.Location[i].Statements, c.Statements...)
			continue
		}
		into.Location = append(into.Location, c)
	}
	for _, p := range ev.Participants {
		if !hasParticipant(into.Participants, p) {
			into.Participants = append(into.Participants, p)
		}
	}
	for _, p := range ev.Organizers {
		if !hasParticipant(into.Organizers, p) {
			into.Organizers = append(into.Organizers, p)
		}
	}
	into.Other = append(into.Other, ev.Other...)
	if ev.Status == model.StatusConfirmed || (ev.Status == model.StatusProposed && into.Status == model.StatusRejected) {
		into.Status = ev.Status
	}
	into.Alleged = into.Alleged || ev.Alleged
	into.Denied = into.Denied || ev.Denied
}

// sameClaim finds a claim of the same linked entity or value.
func sameClaim(cs []claim, c claim) int {
	for i, d := range cs {
		if (c.Ref != nil && d.Ref != nil && c.Ref.ID == d.Ref.ID) || (c.Ref == nil && d.Ref == nil && c.Value == d.Value) {
			return i
		}
	}
	return -1
}

func mergeInts(a, b []int) []int {
	for _, x := range b {
		if !containsInt(a, x) {
			a = append(a, x)
		}
	}
	sort.Ints(a)
	return a
}

func hasParticipant(ps []participant, p participant) bool {
	for _, q := range ps {
		if q.Role == p.Role && ((q.Ref != nil && p.Ref != nil && q.Ref.ID == p.Ref.ID) || (q.Ref == nil && p.Ref == nil && q.Name == p.Name)) {
			return true
		}
	}
	return false
}

// sortEvents orders events by date, those of unknown date last.
func sortEvents(evs []eventView) {
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i].Date, evs[j].Date
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		return dateKey(a) < dateKey(b)
	})
}

// dateKey orders dates; a date known to the month sorts as its first day.
func dateKey(d model.Date) int {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return d.Year*10000 + m*100 + day
}

// dateDisagreement: sources give one kind of event different dates.
type dateDisagreement struct {
	Type   string
	Events []eventView
}

// disagreements finds event types a person's timeline holds on more than
// one date (two arrest dates): both are shown side by side, none chosen.
func disagreements(evs []eventView) []dateDisagreement {
	by := map[string][]eventView{}
	var order []string
	for _, ev := range evs {
		if ev.Date.IsZero() || ev.Type == "" || ev.Denied {
			continue
		}
		k := ev.Type + "|" + ev.Role
		if len(by[k]) == 0 {
			order = append(order, k)
		}
		by[k] = append(by[k], ev)
	}
	var out []dateDisagreement
	for _, k := range order {
		if len(by[k]) > 1 {
			out = append(out, dateDisagreement{Type: by[k][0].Type, Events: by[k]})
		}
	}
	return out
}
