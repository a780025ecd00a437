package casefile

import (
	"cmp"
	"slices"
	"time"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// A person's case status and a victim's fate are derived from their dated
// events, never typed in — each twice: as confirmed events alone support it
// (what a person vouches for) and as every event the viewer may see
// suggests it (unreviewed machine readings included).

// caseSteps are the steps of a case, in order; the last is the verdict.
var caseSteps = []string{"wanted", "arrested", "referred", "charged", "tried", "verdict"}

// verdictStep is the index of the verdict in caseSteps.
const verdictStep = 5

// caseStage maps an event type to the step it reaches.
var caseStage = map[model.EventType]int{
	model.EventWanted: 0, model.EventArrest: 1, model.EventDetention: 1, model.EventReferral: 2, model.EventCharge: 3,
	model.EventTrial: 4, model.EventConviction: verdictStep, model.EventSentence: verdictStep, model.EventAcquittal: verdictStep,
}

// accusedRoles are the roles in which an event moves a person's own case.
var accusedRoles = map[model.ParticipantRole]bool{"": true, model.Subject: true, model.Perpetrator: true}

// Stages are the values a case status takes, in order (CONTRACTS.md's
// STAGE).
func Stages() []string {
	return []string{"wanted", "arrested", "referred", "charged", "tried", "convicted", "acquitted"}
}

// Steps are the keys of a case's steps, in order.
func Steps() []string { return slices.Clone(caseSteps) }

// Fates are the values a victim's fate takes (CONTRACTS.md's FATE).
func Fates() []string { return []string{"detained", "disappeared", "died_in_custody", "released"} }

// Reading is a case status or a fate as one set of events supports it.
type Reading struct {
	Value   string // "" none; a stage (Stages) or a fate (Fates)
	Date    model.Date
	Notes   []int
	Alleged bool     // only sources that allege it support it
	Events  []string // the event entities it rests on
	// Unreviewed counts the independent sources of the events it rests on
	// that no person has confirmed.
	Unreviewed int
}

// Step is one step of a case as the events the viewer may see reach it.
type Step struct {
	Key       string // wanted … verdict
	Reached   bool
	Confirmed bool // a confirmed event reaches it
	Date      model.Date
	Notes     []int
	Alleged   bool     // only sources that allege it support it
	Events    []string // the event entities that reach it
}

// Case is a person's case status.
type Case struct {
	Confirmed Reading // from confirmed events only
	Suggested Reading // from every event the viewer may see
	Steps     []Step  // as every event the viewer may see reaches them
}

// Open reports whether unreviewed readings suggest a status that confirmed
// events do not support: the suggestion is then shown, apart.
func (c Case) Open() bool { return c.Suggested.Value != "" && c.Suggested.Value != c.Confirmed.Value }

// Fate is a victim's fate.
type Fate struct {
	Confirmed Reading
	Suggested Reading
}

// Open reports whether unreviewed readings suggest another fate than the
// confirmed one.
func (f Fate) Open() bool { return f.Suggested.Value != "" && f.Suggested.Value != f.Confirmed.Value }

// confirmedEvent and standing choose the events of the two readings.
func confirmedEvent(ev Event) bool { return ev.Status == model.StatusConfirmed }
func standing(ev Event) bool       { return ev.Status != model.StatusRejected }

// readCase reads a person's case from their events (one per event entity):
// the furthest step any event kept by use reaches in which they are the
// subject or the accused (events a source reports as denied do not count);
// a verdict is the latest conviction or acquittal.
func readCase(evs []Event, use func(Event) bool) (Reading, []Step) {
	steps := make([]Step, len(caseSteps))
	for i, k := range caseSteps {
		steps[i] = Step{Key: k, Alleged: true}
	}
	verdict, verdictDate := model.EventType(""), model.Date{}
	furthest := -1
	for _, ev := range evs {
		stage, ok := caseStage[ev.Type]
		if !ok || !accusedRoles[ev.Role] || !use(ev) || onlyDenied(ev) {
			continue
		}
		st := &steps[stage]
		st.Reached = true
		st.Alleged = st.Alleged && ev.Alleged && !asserted(ev)
		if !ev.Date.IsZero() && (st.Date.IsZero() || DateKey(ev.Date) < DateKey(st.Date)) {
			st.Date = ev.Date
		}
		st.Notes = mergeInts(st.Notes, ev.Notes)
		st.Events = append(st.Events, ev.ID)
		furthest = max(furthest, stage)
		if stage == verdictStep && ev.Type != model.EventSentence {
			if verdict == "" || (!ev.Date.IsZero() && (verdictDate.IsZero() || DateKey(ev.Date) >= DateKey(verdictDate))) {
				verdict, verdictDate = ev.Type, ev.Date
			}
		}
	}
	for i := range steps {
		if !steps[i].Reached {
			steps[i].Alleged = false
		}
	}
	if furthest < 0 {
		return Reading{}, steps
	}
	st := steps[furthest]
	r := Reading{Value: caseSteps[furthest], Date: st.Date, Notes: st.Notes, Alleged: st.Alleged, Events: st.Events}
	if furthest == verdictStep {
		// The verdict rests on the events of its kind: an acquittal on
		// acquittals, a conviction on convictions and sentences.
		r.Value, r.Date, r.Events, r.Notes = "convicted", verdictDate, nil, nil
		if verdict == model.EventAcquittal {
			r.Value = "acquitted"
		}
		r.Alleged = true
		for _, ev := range evs {
			if slices.Contains(st.Events, ev.ID) && (ev.Type == model.EventAcquittal) == (verdict == model.EventAcquittal) {
				r.Events = append(r.Events, ev.ID)
				r.Notes = mergeInts(r.Notes, ev.Notes)
				r.Alleged = r.Alleged && ev.Alleged && !asserted(ev)
			}
		}
		if r.Date.IsZero() {
			r.Date = st.Date
		}
	}
	return r, steps
}

// asserted reports whether some statement of the event asserts it.
func asserted(ev Event) bool {
	for _, st := range ev.Statements {
		if st.Modality == model.Asserted || st.Modality == "" {
			return true
		}
	}
	return false
}

// onlyDenied reports whether every source of the event reports a denial.
func onlyDenied(ev Event) bool {
	for _, st := range ev.Statements {
		if st.Modality != model.Denied {
			return false
		}
	}
	return true
}

// fateOf maps an event type to what it says of a victim's fate, with a
// rank that breaks ties between events of one date.
var fateOf = map[model.EventType]struct {
	fate string
	rank int
}{
	model.EventArrest: {"detained", 1}, model.EventDetention: {"detained", 1}, model.EventDisappearance: {"disappeared", 2},
	model.EventRelease: {"released", 3}, model.EventEscape: {"released", 3}, model.EventDeathInCustody: {"died_in_custody", 4},
	model.EventExecutionAllegation: {"died_in_custody", 4},
}

// fateEvent reports whether an event speaks of the entity's fate: events
// in which they are the victim, and deaths in custody and disappearances of
// which they are the subject.
func fateEvent(ev Event) bool {
	if _, ok := fateOf[ev.Type]; !ok || onlyDenied(ev) {
		return false
	}
	return ev.Role == model.Victim || (ev.Role == model.Subject && (ev.Type == model.EventDeathInCustody || ev.Type == model.EventDisappearance))
}

// readFate reads a victim's fate from the events kept by use: death in
// custody is final; otherwise the latest dated event decides, and between
// undated ones the later stage. It rests on every such event of that fate
// and date.
func readFate(evs []Event, use func(Event) bool) Reading {
	var best *Event
	bestRank := 0
	for i := range evs {
		ev := &evs[i]
		if !fateEvent(*ev) || !use(*ev) {
			continue
		}
		f := fateOf[ev.Type]
		switch {
		case best == nil,
			f.rank == 4 && bestRank < 4,
			bestRank < 4 && later(ev.Date, best.Date),
			bestRank < 4 && DateKey(ev.Date) == DateKey(best.Date) && f.rank > bestRank:
			best, bestRank = ev, f.rank
		}
	}
	if best == nil {
		return Reading{}
	}
	r := Reading{Value: fateOf[best.Type].fate, Date: best.Date, Alleged: true}
	for _, ev := range evs {
		if fateEvent(ev) && use(ev) && fateOf[ev.Type].fate == r.Value && DateKey(ev.Date) == DateKey(r.Date) {
			r.Events = append(r.Events, ev.ID)
			r.Notes = mergeInts(r.Notes, ev.Notes)
			r.Alleged = r.Alleged && ev.Alleged && !asserted(ev)
		}
	}
	return r
}

// later reports whether a is a known date after b (an unknown b is before
// any known a).
func later(a, b model.Date) bool {
	if a.IsZero() {
		return false
	}
	return b.IsZero() || DateKey(a) > DateKey(b)
}

// sufferedTypes are the events that make their victim a detainee: killed,
// dead or disappeared in custody. A torture allegation alone does not: the
// case file overrides a stored role across sources, and a suspect may say
// he was beaten in custody. (The extractors, reading one text where the
// arrest and the torture are told together, count torture too:
// extract.victimArrests.)
var sufferedTypes = map[model.EventType]bool{
	model.EventExecutionAllegation: true, model.EventDeathInCustody: true, model.EventDisappearance: true,
}

// detaineeArrests rereads as a victim's the arrests and detentions of a
// person whom the events kept by use (those of the reading: confirmed ones,
// or every one that stands) have die, be executed or disappear in custody,
// or testify, and accuse of nothing: no event has them
// as perpetrator, and none beyond an arrest moves a case of theirs (wanted,
// referred, charged, tried, a verdict). Sources tell a detainee's arrest in
// the words of a suspect's, and machine readings give it the role subject;
// such an arrest belongs to the person's fate, never to a case against
// them. evs is not changed: the events returned are copies where they
// differ.
func detaineeArrests(evs []Event, use func(Event) bool) []Event {
	suffered, accused := false, false
	for _, ev := range evs {
		if !use(ev) || onlyDenied(ev) {
			continue
		}
		stage, staged := caseStage[ev.Type]
		switch {
		case ev.Role == model.Perpetrator, staged && stage != caseStage[model.EventArrest] && accusedRoles[ev.Role]:
			accused = true
		case sufferedTypes[ev.Type] && (ev.Role == model.Victim || ev.Role == model.Subject && (ev.Type == model.EventDeathInCustody || ev.Type == model.EventDisappearance)),
			ev.Type == model.EventTestimony && ev.Role == model.Witness:
			suffered = true
		}
	}
	if !suffered || accused {
		return evs
	}
	out := slices.Clone(evs)
	for i, ev := range out {
		if (ev.Type == model.EventArrest || ev.Type == model.EventDetention) && (ev.Role == model.Subject || ev.Role == "") {
			out[i].Role = model.Victim
		}
	}
	return out
}

// readStatus reads a person's case and fate, confirmed and suggested, and
// counts the unreviewed sources behind each suggestion.
func (n *notes) readStatus(evs []Event) (Case, Fate, error) {
	var c Case
	var confirmedSteps []Step
	confirmed, suggested := detaineeArrests(evs, confirmedEvent), detaineeArrests(evs, standing)
	c.Confirmed, confirmedSteps = readCase(confirmed, confirmedEvent)
	c.Suggested, c.Steps = readCase(suggested, standing)
	for i := range c.Steps {
		c.Steps[i].Confirmed = confirmedSteps[i].Reached
	}
	f := Fate{Confirmed: readFate(confirmed, confirmedEvent), Suggested: readFate(suggested, standing)}
	var err error
	if c.Suggested.Unreviewed, err = n.unreviewed(evs, c.Suggested.Events); err != nil {
		return c, f, err
	}
	if f.Suggested.Unreviewed, err = n.unreviewed(evs, f.Suggested.Events); err != nil {
		return c, f, err
	}
	return c, f, nil
}

// unreviewed counts the independent sources of the events among ids that
// no person has confirmed.
func (n *notes) unreviewed(evs []Event, ids []string) (int, error) {
	var sts []model.Statement
	for _, ev := range evs {
		if slices.Contains(ids, ev.ID) && ev.Status != model.StatusConfirmed {
			sts = append(sts, ev.Statements...)
		}
	}
	return n.independent(sts)
}

// Status reads the case status and fate of person e (the entity that
// stands, not one merged away) as the reader's viewer may see them: the
// same readings its case file holds (File.Case, File.Fate), by the same
// rules, without reading the rest of the case file. Exports carry them. A
// hub's (a person in more than WholeEvents events) are read from the
// events that bear on them, as its bounded case file reads them.
func (rd *Reader) Status(e model.Entity) (Case, Fate, error) {
	merged, err := rd.st.MergedInto(rd.ctx, e.ID)
	if err != nil {
		return Case{}, Fate{}, err
	}
	ids := append([]string{e.ID}, merged...)
	own := map[string]bool{}
	for _, id := range ids {
		own[id] = true
	}
	n := newNotes(rd, false)
	// A hub's, from the events that bear on them alone (statusEvents).
	count, err := rd.st.CountReferencing(rd.ctx, rd.v, ids, timelineProps, WholeEvents+1)
	if err != nil {
		return Case{}, Fate{}, err
	}
	if count > WholeEvents {
		evs, _, err := n.statusEvents(ids, own)
		if err != nil {
			return Case{}, Fate{}, err
		}
		return n.readStatus(evs)
	}
	refs, _, err := rd.referencing(e, ids, Options{})
	if err != nil {
		return Case{}, Fate{}, err
	}
	evs, err := n.events(eventIDs(refs), own)
	if err != nil {
		return Case{}, Fate{}, err
	}
	return n.readStatus(evs)
}

// statusTypes are the event types that can bear on a case status or a
// fate (caseStage, fateOf, sufferedTypes, testimony): an event of another
// type counts only when the person is its perpetrator (detaineeArrests).
func statusTypes() []string {
	seen := map[model.EventType]bool{model.EventTestimony: true}
	for t := range caseStage {
		seen[t] = true
	}
	for t := range fateOf {
		seen[t] = true
	}
	for t := range sufferedTypes {
		seen[t] = true
	}
	var out []string
	for t := range seen {
		out = append(out, string(t))
	}
	slices.Sort(out)
	return out
}

// PerpetratorEvents is how many events in which a hub person is the
// perpetrator, confirmed ones and any, stand for all of them in the
// reading of the status (statusEvents).
const PerpetratorEvents = 8

// statusEvents reads, for a hub person whose ids are ids, the events that
// may bear on the case status and fate — at most StatusEvents of the types
// that do, and a few in which the person is the perpetrator — whatever the
// length of the timeline; partial reports that there were more of the
// first. readStatus reads the same status from them as from the whole
// timeline (it looks at no other event) unless every one of the few
// perpetrator's events read fails to count as one where another would
// (one of type not given, rejected in part, only denied). They come in the order the whole
// read takes (by the first statement tying each to the person), since the
// readings break ties between events of one date by it.
func (n *notes) statusEvents(ids []string, own map[string]bool) (evs []Event, partial bool, err error) {
	rd := n.rd
	found, partial, err := rd.st.EventsTied(rd.ctx, rd.v, ids, timelineProps, store.TieFilter{Types: statusTypes()}, StatusEvents)
	if err != nil {
		return nil, false, err
	}
	// An event of another type bears on the status only when the person
	// is its perpetrator, and then only by being one (detaineeArrests): a
	// few such events, confirmed ones apart, stand for all.
	for _, confirmed := range []bool{true, false} {
		perp, _, err := rd.st.EventsTied(rd.ctx, rd.v, ids, []string{string(model.PropInvolved)},
			store.TieFilter{Role: string(model.Perpetrator), Confirmed: confirmed}, PerpetratorEvents)
		if err != nil {
			return nil, false, err
		}
		for _, id := range perp {
			if !slices.Contains(found, id) {
				found = append(found, id)
			}
		}
	}
	if err := rd.prefetchStatements(found); err != nil {
		return nil, false, err
	}
	// The first statement that ties each event to the person and stands,
	// as the statements' index orders them (Store.Referencing); an event
	// tied only through withheld statements is not the person's here.
	type tied struct {
		id, date, created, stID string
	}
	var order []tied
	for _, id := range found {
		var first *tied
		for _, st := range rd.stmts[id] {
			if !partProps[st.Property] || !own[st.ValueEntity] || st.Status == model.StatusRejected {
				continue
			}
			t := tied{id, st.DateStart.String(), timeText(st.CreatedAt), st.ID}
			if first == nil || compareTied(t.date, t.created, t.stID, first.date, first.created, first.stID) < 0 {
				first = &t
			}
		}
		if first != nil {
			order = append(order, *first)
		}
	}
	slices.SortFunc(order, func(a, b tied) int {
		return compareTied(a.date, a.created, a.stID, b.date, b.created, b.stID)
	})
	ordered := make([]string, 0, len(order))
	for _, t := range order {
		ordered = append(ordered, t.id)
	}
	evs, err = n.events(ordered, own)
	return evs, partial, err
}

func compareTied(ad, ac, ai, bd, bc, bi string) int {
	return cmp.Or(cmp.Compare(ad, bd), cmp.Compare(ac, bc), cmp.Compare(ai, bi))
}

// timeText is a time as the store writes it, so that it orders as there.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
