package model_test

import (
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// Each list of the vocabulary holds every value once, and each value parses
// back to itself; what is not in a list is refused.
func TestVocabularyParses(t *testing.T) {
	check := func(what string, values []string, parse func(string) (string, error)) {
		t.Helper()
		seen := map[string]bool{}
		for _, v := range values {
			if v == "" || seen[v] {
				t.Errorf("%s: %q is empty or listed twice", what, v)
			}
			seen[v] = true
			got, err := parse(v)
			if err != nil || got != v {
				t.Errorf("%s: parse %q = %q, %v", what, v, got, err)
			}
		}
		if _, err := parse("no-such-" + what); err == nil {
			t.Errorf("%s: an unknown value parsed", what)
		}
	}
	strs := func(n int, at func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = at(i)
		}
		return out
	}
	props, events, roles, mods := model.Properties(), model.EventTypes(), model.ParticipantRoles(), model.Modalities()
	check("property", strs(len(props), func(i int) string { return string(props[i]) }), func(s string) (string, error) {
		p, err := model.ParseProperty(s)
		return string(p), err
	})
	check("event", strs(len(events), func(i int) string { return string(events[i]) }), func(s string) (string, error) {
		e, err := model.ParseEventType(s)
		return string(e), err
	})
	check("role", strs(len(roles), func(i int) string { return string(roles[i]) }), func(s string) (string, error) {
		r, err := model.ParseParticipantRole(s)
		return string(r), err
	})
	check("modality", strs(len(mods), func(i int) string { return string(mods[i]) }), func(s string) (string, error) {
		m, err := model.ParseModality(s)
		return string(m), err
	})
	if len(events) != 18 {
		t.Errorf("%d event types; DESIGN.md lists 18", len(events))
	}
	for _, p := range model.NameProperties() {
		if !p.IsName() {
			t.Errorf("%s is a name property but IsName says no", p)
		}
	}
	if model.PropTitle.IsName() || model.PropEventType.IsName() {
		t.Error("IsName holds for a property that names nothing")
	}
}
