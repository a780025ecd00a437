package extract

import "testing"

func TestSetting(t *testing.T) {
	var s Setting
	if got := s.FacilityAt(3); got != "" {
		t.Fatalf("empty setting gives %q", got)
	}
	// sentence 1 names Branch 215 twice (once bare), sentence 4 Sednaya,
	// sentence 20 Branch 215 again
	s.AddFacility(1, "b215", "Military Intelligence Branch 215", false)
	s.AddFacility(1, "b215", "Branch", true)
	s.AddFacility(4, "sed", "Sednaya prison", false)
	s.AddFacility(20, "b215", "Branch 215", false)
	for _, c := range []struct {
		sent int
		want string
	}{
		{0, "Military Intelligence Branch 215"}, // before any: the one named most
		{1, "Military Intelligence Branch 215"},
		{3, "Military Intelligence Branch 215"},
		{4, "Sednaya prison"},
		{12, "Sednaya prison"},                   // within the window
		{13, "Military Intelligence Branch 215"}, // past it: the main one, in its first full form
		{25, "Military Intelligence Branch 215"},
	} {
		if got := s.FacilityAt(c.sent); got != c.want {
			t.Errorf("FacilityAt(%d) = %q, want %q", c.sent, got, c.want)
		}
	}
	if got := s.Main(); got != "Military Intelligence Branch 215" {
		t.Errorf("Main() = %q", got)
	}
	// a facility named only in a weak form is still named by it
	var w Setting
	w.AddFacility(2, "sed", "Sednaya", true)
	if got := w.FacilityAt(2); got != "Sednaya" {
		t.Errorf("weak only: %q", got)
	}
}
