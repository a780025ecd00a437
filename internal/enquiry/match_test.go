package enquiry

import (
	"fmt"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

func year(y int) model.Date { return model.Date{Year: y, Precision: model.PrecisionYear} }

// persons are what sources the project wrote say of a few detainees: some
// named in Latin script, some in Arabic, two pairs of namesakes.
var persons = []Person{
	{EntityID: "aws", Names: []string{"Aws Salloum"}, Fathers: []string{"Khaled"}, Mothers: []string{"Fatima"},
		Born: []model.Date{year(1988)}, Facility: []string{"Sednaya prison"}, Sources: []string{"s1"}},
	{EntityID: "aws-namesake", Names: []string{"Aws Salloum"}, Mothers: []string{"Khadija"}, Born: []model.Date{year(1961)}, Sources: []string{"s2"}},
	{EntityID: "mazen", Names: []string{"مازن عبد الرحمن الحلبي"}, Born: []model.Date{year(1979)}, Places: []string{"حمص"}, Sources: []string{"s3"}},
	{EntityID: "rim", Names: []string{"ريم يوسف دياب، والدتها سلمى"}, Born: []model.Date{year(1995)}, Sources: []string{"s4"}},
	{EntityID: "rim-namesake", Names: []string{"ريم يوسف دياب، والدتها نوال"}, Born: []model.Date{year(1995)}, Sources: []string{"s5"}},
	{EntityID: "omar", Names: []string{"Omar Haddad son of Ibrahim"}, Sources: []string{"s6"}},
	{EntityID: "samer", Names: []string{"Samer al-Khatib"}, Sources: []string{"s7"}},
}

func TestRankFindsTheRightPersonFirst(t *testing.T) {
	cases := []struct {
		name    string
		e       Enquiry
		want    string // the entity ranked first
		match   bool   // confident
		against string // an entity that must rank below want
	}{
		// Arabic script for a person Latin sources name; a namesake with
		// another mother's name and birth year.
		{"arabic for latin", Enquiry{Name: "أوس سلوم", Father: "خالد", Mother: "فاطمة", Born: year(1988)}, "aws", true, "aws-namesake"},
		// The family's misspelling.
		{"misspelt", Enquiry{Name: "اوس سلّوم", Mother: "فاطمه", Born: year(1987)}, "aws", true, "aws-namesake"},
		// Latin script for a person Arabic sources name.
		{"latin for arabic", Enquiry{Name: "Mazen Abdulrahman", Family: "Al-Halabi", Born: year(1979), Home: "Homs"}, "mazen", true, ""},
		// Namesakes told apart by the mother's name alone, as lists give it.
		{"mother tells namesakes apart", Enquiry{Name: "Reem Youssef Diab", Mother: "Salma"}, "rim", true, "rim-namesake"},
		{"son of", Enquiry{Name: "عمر حداد", Father: "إبراهيم"}, "omar", true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Rank(c.e, persons)
			if len(got) == 0 || got[0].EntityID != c.want {
				t.Fatalf("first = %v, want %s", ids(got), c.want)
			}
			if got[0].Match != c.match {
				t.Errorf("match = %v, want %v; reasons %q", got[0].Match, c.match, got[0].Reasons)
			}
			if c.against != "" {
				for _, o := range got {
					if o.EntityID == c.against && (o.Score >= got[0].Score || o.Match) {
						t.Errorf("namesake %s scores %.2f (match %v) against %.2f", o.EntityID, o.Score, o.Match, got[0].Score)
					}
				}
			}
		})
	}
}

func TestNobodyNamedGetsNoConfidentMatch(t *testing.T) {
	for _, e := range []Enquiry{
		{Name: "نزار قباني الدمشقي", Mother: "هند", Born: year(1970)},
		{Name: "Bashir Touma", Born: year(1990)},
		{Name: "سامر", Mother: "ليلى"}, // one common given name says too little
	} {
		for _, c := range Rank(e, persons) {
			if c.Match {
				t.Errorf("%s: confident match %s (%.2f) %q", e.Name, c.EntityID, c.Score, c.Reasons)
			}
		}
	}
}

func TestReasonsSayWhy(t *testing.T) {
	got := Rank(Enquiry{Name: "أوس سلوم", Mother: "فاطمة", Born: year(1988)}, persons)
	var namesake Candidate
	for _, c := range got {
		if c.EntityID == "aws-namesake" {
			namesake = c
		}
	}
	text := strings.Join(Texts(namesake.Reasons), "\n")
	for _, want := range []string{"name: أوس سلوم ≈ Aws Salloum", "mother's name differs: فاطمة vs Khadija — strong evidence against", "birth year differs by 27 years"} {
		if !strings.Contains(text, want) {
			t.Errorf("reasons lack %q:\n%s", want, text)
		}
	}
	if !namesake.Against || namesake.Match {
		t.Errorf("namesake against=%v match=%v", namesake.Against, namesake.Match)
	}
}

func TestLastSeenDate(t *testing.T) {
	p := Person{EntityID: "x", Names: []string{"Aws Salloum"}, Dates: []model.Date{model.DayDate(2013, 3, 14)}}
	near := Score(Enquiry{Name: "Aws Salloum", LastSeenDate: model.Date{Year: 2013, Month: 2, Precision: model.PrecisionMonth}}, p)
	far := Score(Enquiry{Name: "Aws Salloum", LastSeenDate: year(2019)}, p)
	if near.Score <= far.Score || !strings.Contains(strings.Join(Texts(near.Reasons), "\n"), "last seen 2013-02") {
		t.Errorf("near %.3f %q, far %.3f", near.Score, near.Reasons, far.Score)
	}
}

func TestTwoAlikeCandidatesAreNotConfident(t *testing.T) {
	twins := []Person{{EntityID: "a", Names: []string{"Aws Salloum"}}, {EntityID: "b", Names: []string{"أوس سلوم"}}}
	got := Rank(Enquiry{Name: "Aws Salloum"}, twins)
	if len(got) != 2 || got[0].Match {
		t.Fatalf("%+v", got)
	}
}

func TestClean(t *testing.T) {
	cases := []struct{ in, name, father, mother string }{
		{"ريم يوسف دياب، والدتها سلمى", "ريم يوسف دياب", "", "سلمى"},
		{"Omar Haddad son of Ibrahim", "Omar Haddad", "Ibrahim", ""},
		{"Omar son of Ibrahim Haddad", "Omar Ibrahim Haddad", "Ibrahim", ""},
		{"أحمد بن محمد الخطيب", "أحمد بن محمد الخطيب", "محمد", ""},
		{"Ahmad Khatib, mother: Fatima", "Ahmad Khatib", "", "Fatima"},
		{"محمد علي اسم الأم: خديجة", "محمد علي", "", "خديجة"},
		{"Samer al-Khatib", "Samer al-Khatib", "", ""},
	}
	for _, c := range cases {
		k := Clean(c.in)
		if k.Name != c.name || k.Father != c.father || k.Mother != c.mother {
			t.Errorf("Clean(%q) = %+v, want {%s %s %s}", c.in, k, c.name, c.father, c.mother)
		}
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"ريم يوسف دياب، والدتها سلمى", "X son of", "mother:", "بن", "(والدته"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Clean(s)
		if strings.Contains(k.Name, "  ") {
			t.Errorf("Clean(%q).Name = %q has a double space", s, k.Name)
		}
	})
}

func ids(cs []Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s(%.2f %v)", c.EntityID, c.Score, c.Match))
	}
	return out
}
