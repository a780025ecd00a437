package web

import "github.com/athar-project/athar/internal/model"

// A person's case status and a victim's fate are derived from their dated
// events, never typed in.

// caseSteps are the stages of a case, in order; the last is the verdict.
var caseSteps = []string{"wanted", "arrested", "referred", "charged", "tried", "verdict"}

// caseStage maps an event type to the step it reaches.
var caseStage = map[string]int{
	"wanted": 0, "arrest": 1, "detention": 1, "referral_to_judiciary": 2, "charge": 3, "trial": 4,
	"conviction": 5, "sentence": 5, "acquittal": 5,
}

// accusedRoles are the roles in which an event moves a person's own case.
var accusedRoles = map[string]bool{"": true, "subject": true, "perpetrator": true}

// caseStep is one stage of a case as the timeline supports it.
type caseStep struct {
	Key     string // wanted … verdict
	Reached bool
	Date    model.Date
	Notes   []int
	Alleged bool // only sources that allege it support it
}

// caseStatus is the derived status of a person's case.
type caseStatus struct {
	Status string // "" none; wanted, arrested, referred, charged, tried, convicted, acquitted
	Steps  []caseStep
}

// deriveCase reads a person's case from their timeline: the furthest stage
// any event in which they are the subject or the accused reaches (events a
// source reports as denied do not count); a verdict is the latest
// conviction or acquittal.
func deriveCase(evs []eventView) caseStatus {
	steps := make([]caseStep, len(caseSteps))
	for i, k := range caseSteps {
		steps[i] = caseStep{Key: k, Alleged: true}
	}
	verdict, verdictDate := "", model.Date{}
	furthest := -1
	for _, ev := range evs {
		stage, ok := caseStage[ev.Type]
		if !ok || !accusedRoles[ev.Role] || onlyDenied(ev) {
			continue
		}
		st := &steps[stage]
		st.Reached = true
		st.Alleged = st.Alleged && ev.Alleged && !asserted(ev)
		if st.Date.IsZero() || (!ev.Date.IsZero() && dateKey(ev.Date) < dateKey(st.Date)) {
			if !ev.Date.IsZero() {
				st.Date = ev.Date
			}
		}
		for _, k := range ev.Notes {
			if !containsInt(st.Notes, k) {
				st.Notes = append(st.Notes, k)
			}
		}
		if stage > furthest {
			furthest = stage
		}
		if stage == 5 && ev.Type != "sentence" {
			if verdict == "" || (!ev.Date.IsZero() && (verdictDate.IsZero() || dateKey(ev.Date) >= dateKey(verdictDate))) {
				verdict, verdictDate = ev.Type, ev.Date
			}
		}
	}
	for i := range steps {
		if !steps[i].Reached {
			steps[i].Alleged = false
		}
	}
	cs := caseStatus{Steps: steps}
	switch {
	case furthest < 0:
		return caseStatus{}
	case furthest == 5:
		cs.Status = "convicted"
		if verdict == "acquittal" {
			cs.Status = "acquitted"
		}
	default:
		cs.Status = caseSteps[furthest]
	}
	return cs
}

// asserted reports whether some statement of the event asserts it.
func asserted(ev eventView) bool {
	for _, st := range ev.statements {
		if st.Modality == model.Asserted || st.Modality == "" {
			return true
		}
	}
	return false
}

// onlyDenied reports whether every source of the event reports a denial.
func onlyDenied(ev eventView) bool {
	for _, st := range ev.statements {
		if st.Modality != model.Denied {
			return false
		}
	}
	return true
}

// fateOf maps an event type to what it says of a victim's fate, with a
// rank that breaks ties between events of one date.
var fateOf = map[string]struct {
	fate string
	rank int
}{
	"arrest": {"detained", 1}, "detention": {"detained", 1}, "disappearance": {"disappeared", 2},
	"release": {"released", 3}, "escape": {"released", 3}, "death_in_custody": {"died_in_custody", 4},
	"execution_allegation": {"died_in_custody", 4},
}

// victimFate is a victim's derived fate.
type victimFate struct {
	Fate    string // "" none; detained, disappeared, released, died_in_custody
	Date    model.Date
	Notes   []int
	Alleged bool
}

// deriveFate reads a victim's fate from events in which they are the
// victim (and deaths in custody and disappearances of which they are the
// subject): death in custody is final; otherwise the latest dated event
// decides, and between undated ones the later stage.
func deriveFate(evs []eventView) victimFate {
	var best *eventView
	bestRank := 0
	for i := range evs {
		ev := &evs[i]
		f, ok := fateOf[ev.Type]
		if !ok || onlyDenied(*ev) {
			continue
		}
		if ev.Role != "victim" && !(ev.Role == "subject" && (ev.Type == "death_in_custody" || ev.Type == "disappearance")) {
			continue
		}
		switch {
		case best == nil,
			f.rank == 4 && bestRank < 4,
			bestRank < 4 && later(ev.Date, best.Date),
			bestRank < 4 && dateKey(ev.Date) == dateKey(best.Date) && f.rank > bestRank:
			best, bestRank = ev, f.rank
		}
	}
	if best == nil {
		return victimFate{}
	}
	return victimFate{Fate: fateOf[best.Type].fate, Date: best.Date, Notes: best.Notes, Alleged: best.Alleged && !asserted(*best)}
}

// later reports whether a is a known date after b (an unknown b is before
// any known a).
func later(a, b model.Date) bool {
	if a.IsZero() {
		return false
	}
	return b.IsZero() || dateKey(a) > dateKey(b)
}
