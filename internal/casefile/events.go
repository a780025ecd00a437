package casefile

import (
	"slices"
	"sort"

	"github.com/athar-project/athar/internal/model"
)

// Participant is a person (or, for organizers, an organization) an event
// names, with their role.
type Participant struct {
	Ref  *Ref   // nil when the name was not linked to an entity
	Name string // as the source writes it
	Role model.ParticipantRole
}

// Quote is an event's quote from one source.
type Quote struct {
	Text string
	Note int
}

// Event is an event as a case file holds it: one event entity (File.Events),
// or on a timeline (File.Timeline) the events that sources report alike —
// the same type on the same known date, with the same part for the entity —
// joined into one row with every source.
type Event struct {
	ID           string          // the event entity (a row's first)
	IDs          []string        // every event entity of a row
	Type         model.EventType // "" when the viewer may see no type
	Date         model.Date
	Location     []Claim
	Participants []Participant
	Organizers   []Participant
	Other        []Fact
	Quotes       []Quote
	Notes        []int
	Independent  int
	// Status is the review state (see EventReview). A row is confirmed
	// when one of its events is: a person checked that a source reports it.
	Status  model.Status
	Alleged bool
	Denied  bool
	Role    model.ParticipantRole // the entity's part in it; "" for a place's or an organizer's
	// Statements are the statements it rests on that were not rejected
	// (those that were, for a rejected event).
	Statements []model.Statement
	// StatementIDs are every statement of it the viewer may see, rejected
	// ones too; SourceIDs their sources.
	StatementIDs, SourceIDs []string
	// Part are the statements of it naming the entity, rejected ones too.
	Part []model.Statement
}

// partProps are the properties by which an event names an entity: its
// participants, where it happened, who organized it.
var partProps = map[model.Property]bool{model.PropInvolved: true, model.PropLocation: true, model.PropOrganizer: true}

// EventReview is an event's review state, read from the statements that
// make it: its type (eventType) and the entity's part in it (the
// statements of the event naming the entity). It is confirmed when they are
// all confirmed, rejected when one is rejected, else proposed.
//
// A reviewer who corrects a statement rejects it and confirms a manual
// statement in its place (the original is never overwritten): the rejected
// one then no longer makes the event, its correction does. So each of the
// two parts stands on its statements that were not rejected when it has
// any, and is rejected only when every statement of it was.
func EventReview(typeSts, partSts []model.Statement) model.Status {
	state := model.StatusConfirmed
	present := false
	for _, sts := range [][]model.Statement{typeSts, partSts} {
		if len(sts) == 0 {
			continue
		}
		present = true
		standing := 0
		for _, st := range sts {
			switch st.Status {
			case model.StatusRejected:
				continue
			case model.StatusProposed:
				state = model.StatusProposed
			}
			standing++
		}
		if standing == 0 {
			return model.StatusRejected
		}
	}
	if !present {
		return model.StatusProposed
	}
	return state
}

// Summary is what an event's own statements say of it.
type Summary struct {
	Type   model.EventType // what stands of its type; for a rejected event, what was rejected
	Date   model.Date      // the same of its date
	Status model.Status
	Role   model.ParticipantRole // the entity's part in it (see Event.Role)
	Part   []model.Statement     // the statements naming the entity, rejected ones too
}

// Summarize reads an event from the statements the viewer may see of it,
// for the entity whose ids own holds (none: the event's own reading): its
// review state by EventReview — rejected, too, when nothing of it stands —
// and its type, date and the entity's role from what stands of them, or for
// a rejected event, from what was rejected.
func Summarize(sts []model.Statement, own func(id string) bool) Summary {
	var kind, part []model.Statement
	stands := false
	for _, st := range sts {
		switch {
		case st.Property == model.PropEventType:
			kind = append(kind, st)
		case partProps[st.Property] && own != nil && own(st.ValueEntity):
			part = append(part, st)
		}
		stands = stands || st.Status != model.StatusRejected
	}
	s := Summary{Status: EventReview(kind, part), Part: part, Role: roleIn(part)}
	if !stands {
		s.Status = model.StatusRejected
	}
	s.Type = model.EventType(firstStanding(kind, func(st model.Statement) string { return st.Value }))
	for _, st := range sts {
		if st.Property == model.PropDate && st.Status != model.StatusRejected {
			s.Date = dateOf(st)
			break
		}
	}
	if s.Status == model.StatusRejected && s.Date.IsZero() {
		for _, st := range sts {
			if st.Property == model.PropDate {
				s.Date = dateOf(st)
				break
			}
		}
	}
	return s
}

// event reads one event entity as the viewer may see it, with the part in
// it of the entity whose ids are own; ok is false when the viewer may see
// nothing of it.
func (n *notes) event(id string, own map[string]bool) (Event, bool, error) {
	sts, err := n.rd.Statements(id)
	if err != nil || len(sts) == 0 {
		return Event{}, false, err
	}
	sum := Summarize(sts, func(id string) bool { return own[id] })
	ev := Event{ID: id, IDs: []string{id}, Status: sum.Status, Role: sum.Role, Part: sum.Part}
	for _, st := range sts {
		ev.StatementIDs = append(ev.StatementIDs, st.ID)
		if st.SourceID != "" && !slices.Contains(ev.SourceIDs, st.SourceID) {
			if src, err := n.rd.Source(st.SourceID); err != nil {
				return ev, false, err
			} else if src != nil {
				ev.SourceIDs = append(ev.SourceIDs, st.SourceID)
			}
		}
	}
	if ev.Status == model.StatusRejected {
		// What a reviewer rejected, with no footnotes: nothing of it is
		// shown as evidence.
		ev.Type, ev.Date = sum.Type, sum.Date
		for _, st := range sts {
			if st.Status == model.StatusRejected && (st.Property == model.PropEventType || slices.ContainsFunc(sum.Part, func(p model.Statement) bool { return p.ID == st.ID })) {
				ev.Statements = append(ev.Statements, st)
				ev.Alleged = ev.Alleged || st.Modality == model.Alleged
				ev.Denied = ev.Denied || st.Modality == model.Denied
			}
		}
		return ev, true, nil
	}
	var location, other []model.Statement
	for _, st := range sts {
		if st.Status == model.StatusRejected {
			continue
		}
		if err := n.addToEvent(&ev, st); err != nil {
			return ev, false, err
		}
		switch st.Property {
		case model.PropEventType:
			if ev.Type == "" {
				ev.Type = model.EventType(st.Value)
			}
		case model.PropDate:
			if ev.Date.IsZero() {
				ev.Date = dateOf(st)
			}
		case model.PropLocation:
			location = append(location, st)
		case model.PropInvolved, model.PropOrganizer:
			p := Participant{Name: st.Value, Role: st.Role}
			if st.ValueEntity != "" {
				r, err := n.rd.Ref(st.ValueEntity)
				if err != nil {
					return ev, false, err
				}
				p.Ref = &r
			}
			if st.Property == model.PropInvolved {
				ev.Participants = append(ev.Participants, p)
			} else {
				ev.Organizers = append(ev.Organizers, p)
			}
		default:
			other = append(other, st)
		}
	}
	if ev.Location, err = n.claims(location); err != nil {
		return ev, false, err
	}
	if ev.Other, err = n.facts(other, nil, nil); err != nil {
		return ev, false, err
	}
	return ev, true, nil
}

// roleIn is the entity's role in an event, from the statements naming it:
// one that stands before a rejected one.
func roleIn(part []model.Statement) model.ParticipantRole {
	return model.ParticipantRole(firstStanding(part, func(st model.Statement) string {
		if st.Property != model.PropInvolved {
			return ""
		}
		return string(st.Role)
	}))
}

// firstStanding is the first non-empty value of a statement that was not
// rejected, else of one that was.
func firstStanding(sts []model.Statement, value func(model.Statement) string) string {
	out := ""
	for _, st := range sts {
		v := value(st)
		if v == "" {
			continue
		}
		if st.Status != model.StatusRejected {
			return v
		}
		if out == "" {
			out = v
		}
	}
	return out
}

func dateOf(st model.Statement) model.Date {
	if !st.DateStart.IsZero() {
		return st.DateStart
	}
	d, _ := model.ParseDate(st.Value)
	return d
}

// addToEvent records a statement's source, quote and modality.
func (n *notes) addToEvent(ev *Event, st model.Statement) error {
	ev.Statements = append(ev.Statements, st)
	k, err := n.cite(st.SourceID)
	if err != nil {
		return err
	}
	if k > 0 && !slices.Contains(ev.Notes, k) {
		ev.Notes = append(ev.Notes, k)
		sort.Ints(ev.Notes)
	}
	if st.Span.Quote != "" {
		dup := false
		for _, q := range ev.Quotes {
			dup = dup || (q.Text == st.Span.Quote && q.Note == k)
		}
		if !dup {
			ev.Quotes = append(ev.Quotes, Quote{Text: st.Span.Quote, Note: k})
		}
	}
	ev.Alleged = ev.Alleged || st.Modality == model.Alleged
	ev.Denied = ev.Denied || st.Modality == model.Denied
	ev.Independent, err = n.independent(ev.Statements)
	return err
}

// events reads event entities, each with the part in it of the entity
// whose ids are own, ordered by date (those of unknown date last).
func (n *notes) events(ids []string, own map[string]bool) ([]Event, error) {
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
	if err := n.rd.Prefetch(sts); err != nil {
		return nil, err
	}
	if err := n.rd.PrefetchRefs(named); err != nil {
		return nil, err
	}
	var out []Event
	for _, id := range ids {
		ev, ok, err := n.event(id, own)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, ev)
		}
	}
	sortEvents(out)
	return out, nil
}

// rows joins the events that stand (are not rejected) into a timeline's
// rows: those of the same type on the same known date, with the same part
// for the entity, are one row with every source.
func (n *notes) rows(evs []Event) ([]Event, error) {
	var out []Event
	index := map[string]int{}
	for _, ev := range evs {
		if ev.Status == model.StatusRejected {
			continue
		}
		key := ""
		if !ev.Date.IsZero() && ev.Type != "" {
			key = string(ev.Type) + "|" + ev.Date.String() + "|" + string(ev.Role)
		}
		if i, dup := index[key]; dup && key != "" {
			joinEvents(&out[i], ev)
			var err error
			if out[i].Independent, err = n.independent(out[i].Statements); err != nil {
				return nil, err
			}
			continue
		}
		if key != "" {
			index[key] = len(out)
		}
		out = append(out, ev.clone())
	}
	return out, nil
}

// clone copies an event's lists, so that a row can grow without touching
// the event it started from.
func (ev Event) clone() Event {
	ev.IDs = slices.Clone(ev.IDs)
	ev.Statements = slices.Clone(ev.Statements)
	ev.StatementIDs = slices.Clone(ev.StatementIDs)
	ev.SourceIDs = slices.Clone(ev.SourceIDs)
	ev.Notes = slices.Clone(ev.Notes)
	ev.Quotes = slices.Clone(ev.Quotes)
	ev.Part = slices.Clone(ev.Part)
	ev.Participants = slices.Clone(ev.Participants)
	ev.Organizers = slices.Clone(ev.Organizers)
	ev.Other = slices.Clone(ev.Other)
	ev.Location = slices.Clone(ev.Location)
	for i := range ev.Location {
		ev.Location[i].Notes = slices.Clone(ev.Location[i].Notes)
		ev.Location[i].Statements = slices.Clone(ev.Location[i].Statements)
	}
	return ev
}

func joinEvents(into *Event, ev Event) {
	into.IDs = append(into.IDs, ev.IDs...)
	into.Statements = append(into.Statements, ev.Statements...)
	into.StatementIDs = append(into.StatementIDs, ev.StatementIDs...)
	into.Part = append(into.Part, ev.Part...)
	for _, id := range ev.SourceIDs {
		if !slices.Contains(into.SourceIDs, id) {
			into.SourceIDs = append(into.SourceIDs, id)
		}
	}
	into.Notes = mergeInts(into.Notes, ev.Notes)
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
	if ev.Status == model.StatusConfirmed {
		into.Status = ev.Status
	}
	into.Alleged = into.Alleged || ev.Alleged
	into.Denied = into.Denied || ev.Denied
}

// sameClaim finds a claim of the same linked entity or value.
func sameClaim(cs []Claim, c Claim) int {
	for i, d := range cs {
		if (c.Ref != nil && d.Ref != nil && c.Ref.ID == d.Ref.ID) || (c.Ref == nil && d.Ref == nil && c.Value == d.Value) {
			return i
		}
	}
	return -1
}

func mergeInts(a, b []int) []int {
	for _, x := range b {
		if !slices.Contains(a, x) {
			a = append(a, x)
		}
	}
	sort.Ints(a)
	return a
}

func hasParticipant(ps []Participant, p Participant) bool {
	for _, q := range ps {
		if q.Role == p.Role && ((q.Ref != nil && p.Ref != nil && q.Ref.ID == p.Ref.ID) || (q.Ref == nil && p.Ref == nil && q.Name == p.Name)) {
			return true
		}
	}
	return false
}

// sortEvents orders events by date, those of unknown date last.
func sortEvents(evs []Event) {
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i].Date, evs[j].Date
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		return DateKey(a) < DateKey(b)
	})
}

// DateKey orders dates; a date known to the month sorts as its first day.
func DateKey(d model.Date) int {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return d.Year*10000 + m*100 + day
}

// DateDisagreement is one kind of event that sources date differently.
type DateDisagreement struct {
	Type   model.EventType
	Events []Event
}

// disagreements finds event types a person's timeline holds on more than
// one date (two arrest dates): both are shown side by side, none chosen.
func disagreements(rows []Event) []DateDisagreement {
	by := map[string][]Event{}
	var order []string
	for _, ev := range rows {
		if ev.Date.IsZero() || ev.Type == "" || ev.Denied {
			continue
		}
		k := string(ev.Type) + "|" + string(ev.Role)
		if len(by[k]) == 0 {
			order = append(order, k)
		}
		by[k] = append(by[k], ev)
	}
	var out []DateDisagreement
	for _, k := range order {
		if len(by[k]) > 1 {
			out = append(out, DateDisagreement{Type: by[k][0].Type, Events: by[k]})
		}
	}
	return out
}
