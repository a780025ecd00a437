package enquiry

import (
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// TestWatchListAcrossScripts: an entry written in one script flags a
// mention in the other, through an alias too; a stranger is not flagged.
func TestWatchListAcrossScripts(t *testing.T) {
	list := []Wanted{
		{ID: "w1", Name: "عاطف نجيب", Aliases: []string{"Tawfiq Younes"}, Sensitivity: model.Internal},
		{ID: "w2", Name: "Ghiath Suleiman Dalla", Sensitivity: model.Internal},
		{ID: "w3", Name: "Jamil Hassan", Sensitivity: model.Internal},
	}
	var fs []Filed
	for _, w := range list {
		fs = append(fs, w.Filed()...)
	}
	watch := NewNameWatch(fs)
	for _, tc := range []struct {
		mention, want string
	}{
		{"Atef Najib", "w1"},
		{"Atif Najeeb", "w1"},
		{"توفيق يونس", "w1"},
		{"غياث دلا", "w2"},
		{"جميل حسن", "w3"},
		{"Samir Haddad", ""},
		{"سمير حداد", ""},
	} {
		hits := watch.Screen(tc.mention)
		got := ""
		if len(hits) > 0 {
			got = hits[0].EnquiryID
		}
		if got != tc.want {
			t.Errorf("%s flags %q, want %q (%v)", tc.mention, got, tc.want, hits)
		}
		if len(hits) > 1 {
			t.Errorf("%s: one hit per entry, got %v", tc.mention, hits)
		}
	}
}

// TestWeighWantedNamesake: a namesake the source gives another father
// is flagged lower than the person, with the reason; a birth year far
// off speaks against too.
func TestWeighWantedNamesake(t *testing.T) {
	w := Wanted{ID: "w2", Name: "غياث سليمان دلا", Born: model.Date{Year: 1970, Precision: model.PrecisionYear}}
	watch := NewNameWatch(w.Filed())
	for _, m := range []string{"Ghiath Dalla son of Suleiman", "Ghiath Dalla son of Ibrahim"} {
		if len(watch.Screen(Clean(m).Name)) == 0 {
			t.Fatalf("%s not flagged", m)
		}
	}
	same := WeighWanted(w, w.Name, Mention{Name: "Ghiath Dalla", Fathers: []string{"Suleiman"}})
	other := WeighWanted(w, w.Name, Mention{Name: "Ghiath Dalla", Fathers: []string{"Ibrahim"}})
	if other.Score >= same.Score {
		t.Errorf("namesake %.3f not below the person %.3f", other.Score, same.Score)
	}
	if !hasReason(other, "father's name differs") || !hasReason(same, "father's name agrees") {
		t.Errorf("reasons: person %q, namesake %q", same.Reasons, other.Reasons)
	}
	old := WeighWanted(w, w.Name, Mention{Name: "Ghiath Dalla", Born: []model.Date{{Year: 1950, Precision: model.PrecisionYear}}})
	if !hasReason(old, "birth year differs") || old.Score >= same.Score {
		t.Errorf("born 1950: %.3f %q", old.Score, old.Reasons)
	}
}

func hasReason(c Candidate, prefix string) bool {
	for _, r := range c.Reasons {
		if strings.HasPrefix(r.String(), prefix) {
			return true
		}
	}
	return false
}

func TestWantedCheck(t *testing.T) {
	ok := Wanted{Name: "Jamil Hassan", Sensitivity: model.Internal}
	for _, tc := range []struct {
		name string
		w    Wanted
		want string
	}{
		{"fine", ok, ""},
		{"no name", Wanted{Name: " ", Sensitivity: model.Internal}, "NAME"},
		{"blank alias", Wanted{Name: "Jamil Hassan", Aliases: []string{""}, Sensitivity: model.Internal}, "--alias"},
		{"born", Wanted{Name: "Jamil Hassan", Born: model.Date{Year: 1066, Precision: model.PrecisionYear}, Sensitivity: model.Internal}, "--born"},
	} {
		err := tc.w.Check()
		if (err == nil) != (tc.want == "") || err != nil && !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}
