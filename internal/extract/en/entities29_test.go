package en

import (
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// TestEntities29 holds issue 13's round 29 on English entities, in
// sentences written for this test (invented persons, real places and
// bodies). Cause: a branch named by its work ("the Terror branch", "the
// Anti-Terrorism branch", "the Air Force Intelligence Investigative
// Branch") is a department of a service, an organization; one named by a
// place or a number stays a facility — 4 articles of 4 publishers. The
// second cause is written beside its cases.
func TestEntities29(t *testing.T) {
	cases := []struct {
		name        string
		text        string
		org, notOrg []string
		fac, notFac []string
	}{
		{name: "a branch named by its work is a department",
			text:   "Karim Haddad said the Terror branch has its own informers in every town.",
			org:    []string{"Terror branch"},
			notFac: []string{"Terror branch"}},
		{name: "a hyphenated work",
			text:   "Officers of the Anti-Terrorism Branch questioned Fadi Nasser for a week.",
			org:    []string{"Anti-Terrorism Branch"},
			notFac: []string{"Anti-Terrorism Branch"}},
		{name: "a known service's department keeps the service's name in it",
			text:   "Rami Saleh worked for the Air Force Intelligence Investigative Branch until 2013.",
			org:    []string{"Air Force Intelligence Investigative Branch"},
			notOrg: []string{"Air Force Intelligence"},
			notFac: []string{"Air Force Intelligence Investigative Branch"}},
		{name: "the same department named by its own head is not counted twice",
			text:   "He was moved to the Anti-Terrorism Department in Damascus. He said the Anti-Terrorism branch has informers in every town.",
			org:    []string{"Anti-Terrorism Department"},
			notOrg: []string{"Anti-Terrorism branch"},
			notFac: []string{"Anti-Terrorism branch"}},
		{name: "a branch named by a place stays a facility",
			text:   "Fadi Nasser was held in the Palestine Branch for two years.",
			fac:    []string{"Palestine Branch"},
			notOrg: []string{"Palestine Branch"}},
		// Cause: a country's intelligence services named as a body in lower
		// case ("a guest of Syrian intelligence", "the Syrian intelligence
		// services") — 3 articles of 3 publishers.
		{name: "a guest of Syrian intelligence",
			text: "Samir Aboud spent four days as a guest of Syrian intelligence, when he was held in Damascus.",
			org:  []string{"Syrian intelligence"}},
		{name: "reported to Syrian intelligence as an opponent",
			text: "Informers had reported Lina Sabbagh to Syrian intelligence as an opponent of the government.",
			org:  []string{"Syrian intelligence"}},
		{name: "the Syrian intelligence services",
			text: "Rami Saleh was a former member of the Syrian intelligence services in Homs.",
			org:  []string{"Syrian intelligence services"}},
		{name: "an officer of the services is an officer",
			text:   "Rami Saleh, a Syrian intelligence officer, was arrested in Kassel.",
			notOrg: []string{"Syrian intelligence", "Syrian intelligence officer"}},
		{name: "a branch named by its number stays a facility",
			text: "Fadi Nasser was held in Military Intelligence Branch 215 for two years.",
			fac:  []string{"Military Intelligence Branch 215"}},
	}
	for _, c := range cases {
		r := Extract(c.text, model.Date{})
		orgs, facs := map[string]bool{}, map[string]bool{}
		for _, o := range r.Organizations {
			orgs[o.Name] = true
		}
		for _, f := range r.Facilities {
			facs[f.Name] = true
		}
		for _, w := range c.org {
			if !orgs[w] {
				t.Errorf("%s: %s\nwant organization %q; got %v", c.name, c.text, w, orgList(r.Organizations))
			}
		}
		for _, n := range c.notOrg {
			if orgs[n] {
				t.Errorf("%s: %s\n%q read as an organization", c.name, c.text, n)
			}
		}
		for _, w := range c.fac {
			if !facs[w] {
				t.Errorf("%s: %s\nwant facility %q; got %v", c.name, c.text, w, orgList(r.Facilities))
			}
		}
		for _, n := range c.notFac {
			if facs[n] {
				t.Errorf("%s: %s\n%q read as a facility", c.name, c.text, n)
			}
		}
	}
}

// TestCredits29 holds the round's cause on persons: a name on a credit line
// whose label ends in punctuation ("Translated by; X", "Contact: X") —
// with "By X, The Associated Press" and "By X , Associated Press" (not
// fixed here), 4 articles of 4 publishers. Names invented and outside the
// given-name lists, so only the credit line can make them persons.
func TestCredits29(t *testing.T) {
	cases := []struct {
		name, text string
		want, not  []string
	}{
		{name: "translated by and a semicolon",
			text: "Guard held\n\nTranslated by; Zorya Pellam\n\nA guard was held in Homs.",
			want: []string{"Zorya Pellam"}},
		{name: "a press release's contact",
			text: "Guard held\n\nA guard was held in Homs.\n\nContact: Zorya Pellam, press office\n",
			want: []string{"Zorya Pellam"}},
		{name: "a label inside a sentence is no credit line",
			text: "Guard held\n\nThe guards kept no Contact: Zorya Pellam was never told why.",
			not:  []string{"Zorya Pellam"}},
		{name: "a subject before a colon is no credit line",
			text: "Guard held\n\nThe topic: Zorya Pellam and the checkpoint.",
			not:  []string{"Zorya Pellam"}},
	}
	for _, c := range cases {
		r := Extract(c.text, model.Date{})
		got := map[string]bool{}
		var names []string
		for _, p := range r.Persons {
			got[p.Name] = true
			names = append(names, p.Name)
		}
		for _, w := range c.want {
			if !got[w] {
				t.Errorf("%s: %q\nwant person %q; got %v", c.name, c.text, w, names)
			}
		}
		for _, n := range c.not {
			if got[n] {
				t.Errorf("%s: %q\n%q read as a person", c.name, c.text, n)
			}
		}
	}
}
