package en

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// TestErrorClasses holds one case per class of error found on real
// published articles (issue 13), each in sentences the project wrote: what
// the extractor must find, and what it must not say about a person. The
// names are invented; the places and bodies are real.
func TestErrorClasses(t *testing.T) {
	pub := model.DayDate(2025, 3, 8) // a Saturday
	for _, c := range []classCase{{
		name: "a nickname stays with the person it was given to",
		text: "The name Karim Saadeh, nicknamed the “Butcher of Adra,” spread online. Activists shared a video of the late " +
			"dissident Omar Nasr, who spoke of a jailer referred to as “the Butcher.”\n" +
			"Saadeh joined the security forces under deposed president Bashar al-Assad. He earned the nickname " +
			"“Butcher of Adra” for his methods in Adra prison.",
		persons: []string{"Karim Saadeh [Butcher of Adra]", "Omar Nasr []", "Bashar al-Assad []"},
	}, {
		name: "an announcement's day is the statement's, not the arrest's",
		text: "In a statement on Wednesday, the interior ministry said its counterterrorism branch had arrested " +
			"Major General Fadi Hamwi, a former commander of the Military Police.",
		want: []string{"arrest Fadi Hamwi - - asserted", "statement Fadi Hamwi - 2025-03-05 asserted"},
	}, {
		name: "an accused person's alleged acts are allegations",
		text: "Major General Fadi Hamwi is widely believed to have overseen executions at Sednaya prison between 2013 and 2015. " +
			"The ministry said he was also accused of torturing detainees.",
		want: []string{"execution_allegation Fadi Hamwi @Sednaya prison 2013 alleged", "torture_allegation Fadi Hamwi @Sednaya prison - alleged"}, // the prison the story is set in,
	}, {
		name: "a victim's death has no perpetrator from another clause",
		text: "A video of Sami Khoury, a detainee who spoke about torture at the hands of Nabil Rifai before his " +
			"death in custody, has gone viral.",
		want: []string{"torture_allegation Nabil Rifai+Sami Khoury - - alleged"},
		not:  []string{"death_in_custody Nabil Rifai"},
	}, {
		name: "a relative clause keeps its own subject",
		text: "The case, in which three former officials were tried, concerns two Syrians, Ziad Kanaan and his son " +
			"Elias, who were arrested in Damascus in November 2013.",
		want: []string{"arrest Elias+Ziad Kanaan @Damascus 2013-11 asserted"},
		not:  []string{"trial Ziad", "trial Elias"},
	}, {
		name: "a description points to the person the article is about",
		text: "BERLIN - German prosecutors announced on Tuesday the arrest of a former Syrian intelligence officer. " +
			"The suspect, identified as Rami K., was arrested by the Federal Criminal Police Office in Kassel. " +
			"The suspect also beat prisoners with cables, the statement said.",
		want: []string{"arrest Rami K. @Kassel - asserted", "torture_allegation Rami K. - - alleged"},
		not:  []string{"arrest Rami K. @Kassel 2025"},
	}, {
		name: "a date of what someone is accused of is not the charge's",
		text: "Hadi Sawaf was later charged with war crimes committed in Syria in 2013.",
		want: []string{"referral_to_judiciary Hadi Sawaf - - asserted"},
		not:  []string{"referral_to_judiciary Hadi Sawaf - 2013"},
	}, {
		name: "a cousin in apposition is no party, a fleeing president is",
		text: "Syrian authorities arrested Walid Qassem, a cousin of former president Bashar al-Assad, the interior " +
			"ministry said Saturday. Bashar al-Assad fled to Russia in December.",
		want: []string{"arrest Walid Qassem - - asserted", "statement Walid Qassem - 2025-03-08 asserted", "escape Bashar al-Assad @Russia - asserted"},
		not:  []string{"arrest Bashar", "arrest Walid Qassem+Bashar"},
	}, {
		name: "a survivor's words are testimony",
		text: "“They beat us every night,” recalls one of the inmates, 29-year-old Yazan Hamdi, who was released from " +
			"Saydnaya prison in December.",
		want: []string{"testimony Yazan Hamdi - - asserted", "torture_allegation Yazan Hamdi - - alleged"},
	}} {
		runClassCase(t, pub, c)
	}
}

// classCase is one table case of TestErrorClasses and TestRules.
type classCase struct {
	name, text string
	want       []string // "type who1+who2 @where date modality", each must be among the events
	not        []string // substrings no event line may hold
	persons    []string // "Name [alias1|alias2]" lines that must be among the persons
	notPersons []string // names no person may have
}

func runClassCase(t *testing.T, pub model.Date, c classCase) {
	t.Helper()
	t.Run(c.name, func(t *testing.T) {
		r := extract.Extract("Title: x\n"+c.text, pub, "en")
		checkSpans(t, c.name, "Title: x\n"+c.text, r)
		var got []string
		for _, e := range r.Events {
			got = append(got, eventLine(e))
		}
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("missing %q\ngot:\n  %s", w, strings.Join(got, "\n  "))
			}
		}
		for _, n := range c.not {
			for _, g := range got {
				if strings.Contains(g, n) {
					t.Errorf("event %q holds %q", g, n)
				}
			}
		}
		var ps []string
		for _, p := range r.Persons {
			ps = append(ps, fmt.Sprintf("%s [%s]", p.Name, strings.Join(p.Aliases, "|")))
			if slices.Contains(c.notPersons, p.Name) {
				t.Errorf("person %q should not be found", p.Name)
			}
		}
		for _, w := range c.persons {
			if !slices.Contains(ps, w) {
				t.Errorf("missing person %q; got %q", w, ps)
			}
		}
	})
}

// eventLine formats an event as TestErrorClasses writes it.
func eventLine(e extract.Event) string {
	var who []string
	for _, w := range e.Who {
		who = append(who, w.Name)
	}
	slices.Sort(who)
	where, date := "-", "-"
	if e.Where != nil {
		where = "@" + *e.Where
	}
	if e.Date != nil {
		date = *e.Date
	}
	return fmt.Sprintf("%s %s %s %s %s", e.Type, strings.Join(who, "+"), where, date, e.Modality)
}
