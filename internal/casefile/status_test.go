package casefile

import (
	"fmt"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

var evN int

// ev is a confirmed event entity of one statement.
func ev(typ model.EventType, role model.ParticipantRole, d model.Date, mod model.Modality) Event {
	evN++
	return Event{ID: fmt.Sprintf("ev%d", evN), Type: typ, Role: role, Date: d, Status: model.StatusConfirmed,
		Statements: []model.Statement{{Modality: mod, Status: model.StatusConfirmed}}, Alleged: mod == model.Alleged, Denied: mod == model.Denied}
}

// unreviewed is ev not yet reviewed.
func unreviewed(e Event) Event {
	e.Status = model.StatusProposed
	e.Statements[0].Status = model.StatusProposed
	return e
}

// rejected is ev rejected.
func rejected(e Event) Event {
	e.Status = model.StatusRejected
	return e
}

func TestReadCase(t *testing.T) {
	day := model.DayDate
	tests := []struct {
		name    string
		evs     []Event
		want    string
		alleged bool // the furthest step rests on allegations only
	}{
		{"nothing", nil, "", false},
		{"wanted", []Event{ev("wanted", "subject", day(2024, 1, 1), model.Asserted)}, "wanted", false},
		{"arrested after wanted", []Event{ev("wanted", "subject", day(2024, 1, 1), model.Asserted), ev("arrest", "subject", day(2025, 1, 2), model.Asserted)}, "arrested", false},
		{"referred", []Event{ev("arrest", "subject", day(2025, 1, 2), model.Asserted), ev("referral_to_judiciary", "subject", day(2025, 2, 1), model.Asserted)}, "referred", false},
		{"charged then tried", []Event{ev("charge", "", model.Date{}, model.Asserted), ev("trial", "", day(2025, 6, 1), model.Asserted)}, "tried", false},
		{"convicted", []Event{ev("trial", "subject", day(2025, 6, 1), model.Asserted), ev("conviction", "subject", day(2025, 7, 1), model.Asserted)}, "convicted", false},
		{"acquitted on appeal", []Event{ev("conviction", "subject", day(2025, 7, 1), model.Asserted), ev("acquittal", "subject", day(2026, 1, 1), model.Asserted)}, "acquitted", false},
		{"a victim's arrest is not their case", []Event{ev("arrest", "victim", day(2013, 1, 1), model.Asserted)}, "", false},
		{"a denied arrest does not count", []Event{ev("arrest", "subject", day(2025, 1, 2), model.Denied)}, "", false},
		{"an alleged arrest counts, labelled", []Event{ev("arrest", "subject", day(2025, 1, 2), model.Alleged)}, "arrested", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, steps := readCase(tt.evs, standing)
			if got.Value != tt.want {
				t.Fatalf("status %q, want %q", got.Value, tt.want)
			}
			if got.Value == "" {
				return
			}
			furthest := -1
			for i, st := range steps {
				if st.Reached {
					furthest = i
				}
			}
			if steps[furthest].Alleged != tt.alleged || got.Alleged != tt.alleged {
				t.Errorf("alleged %v (step %v), want %v", got.Alleged, steps[furthest].Alleged, tt.alleged)
			}
		})
	}
}

func TestReadFate(t *testing.T) {
	day := model.DayDate
	month := func(y, m int) model.Date { return model.Date{Year: y, Month: m, Precision: model.PrecisionMonth} }
	tests := []struct {
		name string
		evs  []Event
		want string
	}{
		{"nothing", nil, ""},
		{"detained", []Event{ev("arrest", "victim", day(2013, 3, 1), model.Asserted)}, "detained"},
		{"disappeared after arrest", []Event{ev("arrest", "victim", day(2013, 3, 1), model.Asserted), ev("disappearance", "victim", month(2013, 5), model.Asserted)}, "disappeared"},
		{"released later", []Event{ev("detention", "victim", day(2013, 3, 1), model.Asserted), ev("release", "victim", day(2016, 1, 1), model.Asserted)}, "released"},
		{"death in custody is final", []Event{ev("death_in_custody", "subject", model.Date{}, model.Asserted), ev("release", "victim", day(2016, 1, 1), model.Asserted)}, "died_in_custody"},
		{"a perpetrator's events are not a fate", []Event{ev("death_in_custody", "perpetrator", day(2014, 1, 1), model.Alleged)}, ""},
		{"a denied release is not a fate", []Event{ev("arrest", "victim", day(2013, 3, 1), model.Asserted), ev("release", "victim", day(2016, 1, 1), model.Denied)}, "detained"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := readFate(tt.evs, standing).Value; got != tt.want {
				t.Errorf("fate %q, want %q", got, tt.want)
			}
		})
	}
}

// A case status and a fate are read twice: from confirmed events alone and
// from every event that stands; a rejected event counts for neither, and the
// suggestion counts the independent sources no person has confirmed.
func TestConfirmedAndSuggested(t *testing.T) {
	day := model.DayDate
	arrest := ev("arrest", "subject", day(2025, 1, 2), model.Asserted)
	referral := unreviewed(ev("referral_to_judiciary", "subject", day(2025, 2, 1), model.Asserted))
	conviction := rejected(ev("conviction", "subject", day(2025, 7, 1), model.Asserted))
	evs := []Event{arrest, referral, conviction}
	c, steps := readCase(evs, confirmedEvent)
	if c.Value != "arrested" || c.Date != day(2025, 1, 2) || len(c.Events) != 1 || c.Events[0] != arrest.ID {
		t.Errorf("confirmed %+v", c)
	}
	if steps[2].Reached {
		t.Error("an unreviewed referral reaches a confirmed step")
	}
	s, steps := readCase(evs, standing)
	if s.Value != "referred" || s.Date != day(2025, 2, 1) || len(s.Events) != 1 || s.Events[0] != referral.ID {
		t.Errorf("suggested %+v", s)
	}
	if steps[verdictStep].Reached {
		t.Error("a rejected conviction reaches the verdict")
	}
	if (Case{Confirmed: c, Suggested: s}).Open() != true || (Case{Confirmed: c, Suggested: c}).Open() {
		t.Error("Open does not say whether the suggestion goes further than the confirmed status")
	}
	// A conviction and a later unreviewed acquittal: the confirmed verdict
	// rests on the conviction, the suggested on the acquittal alone.
	conv := ev("conviction", "subject", day(2025, 7, 1), model.Asserted)
	acq := unreviewed(ev("acquittal", "subject", day(2026, 1, 1), model.Alleged))
	if c, _ := readCase([]Event{conv, acq}, confirmedEvent); c.Value != "convicted" || len(c.Events) != 1 || c.Events[0] != conv.ID {
		t.Errorf("confirmed verdict %+v", c)
	}
	if s, _ := readCase([]Event{conv, acq}, standing); s.Value != "acquitted" || len(s.Events) != 1 || s.Events[0] != acq.ID || !s.Alleged {
		t.Errorf("suggested verdict %+v", s)
	}
	// Fate: a confirmed detention, an unreviewed death in custody.
	det := ev("detention", "victim", day(2013, 3, 1), model.Asserted)
	death := unreviewed(ev("death_in_custody", "subject", day(2014, 1, 1), model.Asserted))
	if f := readFate([]Event{det, death}, confirmedEvent); f.Value != "detained" || f.Events[0] != det.ID {
		t.Errorf("confirmed fate %+v", f)
	}
	if f := readFate([]Event{det, death, rejected(ev("release", "victim", day(2016, 1, 1), model.Asserted))}, standing); f.Value != "died_in_custody" || f.Events[0] != death.ID {
		t.Errorf("suggested fate %+v", f)
	}
}

// An event's review state, from the statements that make it.
func TestEventReview(t *testing.T) {
	st := func(s model.Status) model.Statement { return model.Statement{Status: s} }
	ok, prop, rej := model.StatusConfirmed, model.StatusProposed, model.StatusRejected
	for _, tc := range []struct {
		name       string
		kind, part []model.Statement
		want       model.Status
	}{
		{"all confirmed", []model.Statement{st(ok)}, []model.Statement{st(ok)}, ok},
		{"type unreviewed", []model.Statement{st(prop)}, []model.Statement{st(ok)}, prop},
		{"part unreviewed", []model.Statement{st(ok)}, []model.Statement{st(prop)}, prop},
		{"type rejected", []model.Statement{st(rej)}, []model.Statement{st(ok)}, rej},
		{"part rejected", []model.Statement{st(ok)}, []model.Statement{st(rej)}, rej},
		{"type corrected: rejected, its correction confirmed", []model.Statement{st(rej), st(ok)}, []model.Statement{st(ok)}, ok},
		{"type corrected, part unreviewed", []model.Statement{st(rej), st(ok)}, []model.Statement{st(prop)}, prop},
		{"no type the viewer may see", nil, []model.Statement{st(ok)}, ok},
		{"no part (an event's own case file)", []model.Statement{st(ok)}, nil, ok},
		{"nothing that makes it", nil, nil, prop},
	} {
		if got := EventReview(tc.kind, tc.part); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

// A detainee's arrest, told in a suspect's words and read with the role
// subject, is part of their fate, never a case against them; a person the
// sources accuse keeps their arrest as a case step even when they suffered.
func TestDetaineeArrests(t *testing.T) {
	day := model.DayDate
	tests := []struct {
		name     string
		evs      []Event
		wantCase string
		wantFate string
	}{
		{"a detainee who died in custody", []Event{ev("arrest", "subject", day(2011, 3, 1), model.Asserted), ev("death_in_custody", "subject", day(2024, 12, 1), model.Asserted)}, "", "died_in_custody"},
		{"a survivor who testifies", []Event{ev("arrest", "subject", day(2013, 1, 1), model.Asserted), ev("testimony", "witness", model.Date{}, model.Asserted)}, "", "detained"},
		{"a disappeared detainee's detention with no role", []Event{ev("detention", "", day(2012, 1, 1), model.Asserted), ev("disappearance", "victim", day(2012, 5, 1), model.Alleged)}, "", "disappeared"},
		{"a torture allegation alone does not make a detainee", []Event{ev("arrest", "subject", day(2019, 3, 14), model.Asserted), ev("torture_allegation", "victim", model.Date{}, model.Alleged)}, "arrested", ""},
		{"a suspect who also testifies stays a suspect", []Event{ev("arrest", "subject", day(2025, 1, 1), model.Asserted), ev("testimony", "witness", model.Date{}, model.Asserted), ev("referral_to_judiciary", "subject", day(2025, 2, 1), model.Asserted)}, "referred", ""},
		{"a perpetrator who also testifies stays a suspect", []Event{ev("arrest", "subject", day(2025, 1, 1), model.Asserted), ev("testimony", "witness", model.Date{}, model.Asserted), ev("torture_allegation", "perpetrator", model.Date{}, model.Alleged)}, "arrested", ""},
		{"an arrest alone is a case", []Event{ev("arrest", "subject", day(2025, 1, 1), model.Asserted)}, "arrested", ""},
		{"a rejected death does not make a detainee", []Event{ev("arrest", "subject", day(2025, 1, 1), model.Asserted), rejected(ev("death_in_custody", "subject", model.Date{}, model.Asserted))}, "arrested", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := detaineeArrests(tt.evs, standing)
			if got, _ := readCase(evs, standing); got.Value != tt.wantCase {
				t.Errorf("case %q, want %q", got.Value, tt.wantCase)
			}
			if got := readFate(evs, standing).Value; got != tt.wantFate {
				t.Errorf("fate %q, want %q", got, tt.wantFate)
			}
			for i := range tt.evs {
				if tt.evs[i].Role != evs[i].Role && tt.evs[i].Role == "victim" {
					t.Errorf("event %d: role changed from victim", i)
				}
			}
		})
	}
	orig := []Event{ev("arrest", "subject", day(2011, 3, 1), model.Asserted), ev("death_in_custody", "subject", model.Date{}, model.Asserted)}
	if detaineeArrests(orig, standing); orig[0].Role != "subject" {
		t.Errorf("detaineeArrests changed its input: %q", orig[0].Role)
	}
	// Each reading decides by its own events: a confirmed arrest beside an
	// unreviewed death in custody is a case step as confirmed events read
	// it, a detainee's arrest as every standing event suggests.
	mixed := []Event{ev("arrest", "subject", day(2019, 3, 14), model.Asserted), unreviewed(ev("death_in_custody", "subject", model.Date{}, model.Alleged))}
	if got, _ := readCase(detaineeArrests(mixed, confirmedEvent), confirmedEvent); got.Value != "arrested" {
		t.Errorf("confirmed reading: %q, want arrested", got.Value)
	}
	if got, _ := readCase(detaineeArrests(mixed, standing), standing); got.Value != "" {
		t.Errorf("suggested reading: %q, want none", got.Value)
	}
}
