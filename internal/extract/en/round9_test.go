package en

import (
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// dateCase is one row of the date matrix: the events a text states, each as
// "type Name date" (date "-" when the event is given none), one line per
// named participant, the type as the scorer reads it (a detention is an
// arrest, a sentence a conviction).
type dateCase struct {
	name, text string
	pub        model.Date
	want       []string // lines that must be in the output
	notWant    []string // lines (or their prefixes) that must not be
}

func eventDateLines(r extract.Result) []string {
	var got []string
	for _, e := range r.Events {
		typ := e.Type
		switch typ { // as the scorer reads them
		case "detention":
			typ = "arrest"
		case "sentence":
			typ = "conviction"
		}
		date := "-"
		if e.Date != nil {
			date = *e.Date
			if e.DateEnd != nil {
				date += "/" + *e.DateEnd
			}
		}
		if len(e.Who) == 0 {
			got = append(got, typ+" - "+date)
		}
		for _, w := range e.Who {
			got = append(got, typ+" "+w.Name+" "+date)
		}
	}
	return got
}

// TestRound9Dates is issue 13's ninth round: the date given on an event is
// the date the text says the event happened, at the precision the
// annotation conventions give (shared/eval/dev/README.md: relative weekdays
// resolved against a known published date; vague or year-only relative
// dates kept as words, not guessed), and never the date of the statement
// that reports it, of the crimes it is about, or of another clause. The
// sentences are the project's own; the names are invented.
func TestRound9Dates(t *testing.T) {
	sat := model.DayDate(2025, 3, 8) // a Saturday
	for _, c := range []dateCase{
		// relative days against a known published date
		{
			name: "a weekday is the latest such day on or before publication",
			text: "Security forces arrested Nabil Haddad in Homs on Monday.",
			want: []string{"arrest Nabil Haddad 2025-03-03"},
		}, {
			name: "yesterday",
			text: "Police in Latakia detained Samer Tawil yesterday.",
			want: []string{"arrest Samer Tawil 2025-03-07"},
		}, {
			name: "a weekday with no published date stays words",
			text: "Security forces arrested Nabil Haddad in Homs on Monday.",
			pub:  model.Date{},
			want: []string{"arrest Nabil Haddad -"},
		},
		// vague relative dates stay words: the conventions give them no date
		{
			name: "last week is no date",
			text: "Nabil Haddad was arrested last week in Hama.",
			want: []string{"arrest Nabil Haddad -"},
		}, {
			name: "two years ago is no date",
			text: "Nabil Haddad was arrested two years ago in Hama.",
			want: []string{"arrest Nabil Haddad -"},
		}, {
			name: "a month without a year is no date (its year is not written)",
			text: "Nabil Haddad fled to Jordan in December and remains at large.",
			want: []string{"escape Nabil Haddad -"},
		}, {
			name: "last month is no date",
			text: "Nabil Haddad was detained last month at a checkpoint near Hama.",
			want: []string{"arrest Nabil Haddad -"},
		}, {
			name: "a part of a month without a year is no date",
			text: "Nabil Haddad was arrested in late January in Tartus.",
			want: []string{"arrest Nabil Haddad -"},
		}, {
			name: "a part of a month with its year is the month",
			text: "Nabil Haddad was arrested in late January 2013 in Tartus.",
			want: []string{"arrest Nabil Haddad 2013-01"},
		}, {
			name: "last week inside one month is still no date",
			text: "Nabil Haddad was arrested last week in Hama.",
			pub:  model.DayDate(2025, 3, 20),
			want: []string{"arrest Nabil Haddad -"},
		}, {
			name: "three months ago is no date",
			text: "Nabil Haddad was arrested three months ago in Hama.",
			want: []string{"arrest Nabil Haddad -"},
		}, {
			name: "arrested in a month and confessed: the month is the arrest's",
			text: "Nabil Haddad was arrested in January 2024 and confessed during interrogation.",
			want: []string{"arrest Nabil Haddad 2024-01", "confession Nabil Haddad -"},
		}, {
			name: "last year is no date",
			text: "Nabil Haddad was arrested in Germany last year.",
			want: []string{"arrest Nabil Haddad -"},
		},
		// the date of the statement is not the event's
		{
			name:    "said on Monday that forces had arrested",
			text:    "The interior ministry said on Monday that its forces had arrested Nabil Haddad in Homs.",
			want:    []string{"arrest Nabil Haddad -"},
			notWant: []string{"arrest Nabil Haddad 2025"},
		}, {
			name:    "a statement on Tuesday reported the death",
			text:    "In a statement on Tuesday, the Syrian Network for Human Rights said Fadi Jaber had died under torture in Sednaya prison.",
			want:    []string{"death_in_custody Fadi Jaber -"},
			notWant: []string{"death_in_custody Fadi Jaber 2025"},
		}, {
			name:    "the report's year is not the death's",
			text:    "A report published in 2019 by Amnesty International said Fadi Jaber had died in Sednaya prison.",
			notWant: []string{"death_in_custody Fadi Jaber 2019"},
		}, {
			name:    "announced the arrest on Wednesday",
			text:    "The ministry announced on Wednesday the arrest of Nabil Haddad, a former guard at Sednaya prison.",
			notWant: []string{"arrest Nabil Haddad 2025"},
		}, {
			name:    "confirmed on Thursday, arrested in May 2024",
			text:    "Prosecutors confirmed on Thursday that Nabil Haddad was arrested in May 2024 in Berlin.",
			want:    []string{"arrest Nabil Haddad 2024-05"},
			notWant: []string{"arrest Nabil Haddad 2025"},
		},
		// the date of the crimes alleged is not the arrest's or the sentence's
		{
			name:    "arrested on Sunday for torture committed in 2013",
			text:    "Nabil Haddad was arrested on Sunday on suspicion of torturing detainees in 2013.",
			want:    []string{"arrest Nabil Haddad 2025-03-02"},
			notWant: []string{"arrest Nabil Haddad 2013"},
		}, {
			name:    "sentenced on Thursday for crimes committed in 2012",
			text:    "A court in Koblenz on Thursday sentenced Nabil Haddad to life in prison for the torture of detainees in 2012.",
			want:    []string{"conviction Nabil Haddad 2025-03-06"},
			notWant: []string{"conviction Nabil Haddad 2012"},
		}, {
			name:    "the torture's years are not the sentence's day",
			text:    "A court in Koblenz on Thursday sentenced Nabil Haddad to life in prison for the torture of detainees in 2012.",
			notWant: []string{"torture_allegation Nabil Haddad 2025-03-06"},
		}, {
			name:    "a relative clause of the past",
			text:    "Nabil Haddad, who ran the interrogation wing of Branch 215 from 2012 to 2014, was arrested on Friday.",
			want:    []string{"arrest Nabil Haddad 2025-03-07"},
			notWant: []string{"arrest Nabil Haddad 2012"},
		},
		// two events, two dates
		{
			name: "arrested in one year, died in another",
			text: "Fadi Jaber was arrested in March 2013 and died in custody in 2015.",
			want: []string{"arrest Fadi Jaber 2013-03", "death_in_custody Fadi Jaber 2015"},
		}, {
			name:    "detained in a year, released in another",
			text:    "Fadi Jaber was detained at a checkpoint in 2012 and released in 2014.",
			want:    []string{"arrest Fadi Jaber 2012"},
			notWant: []string{"arrest Fadi Jaber 2014"},
		}, {
			name:    "the family learned years later",
			text:    "Fadi Jaber died in Sednaya prison, but his family only learned of his death in 2018.",
			notWant: []string{"death_in_custody Fadi Jaber 2018"},
		}, {
			name:    "the year news of a death came is not the death's",
			text:    "Karim Nassar and Walid Nassar were detained in Harasta in 2012. Their families received news of their deaths in prison in 2018.",
			want:    []string{"arrest Karim Nassar 2012", "death_in_custody Karim Nassar -"},
			notWant: []string{"death_in_custody Karim Nassar 2018"}}, {
			name:    "a death certificate's year is not the death's",
			text:    "Fadi Jaber died in Sednaya prison, according to a death certificate issued in 2018.",
			notWant: []string{"death_in_custody Fadi Jaber 2018"},
		}, {
			name:    "a range starts the event",
			text:    "Nabil Haddad is accused of torturing detainees at Branch 215 between 2012 and 2014.",
			want:    []string{"torture_allegation Nabil Haddad 2012/2014"},
			notWant: []string{"torture_allegation Nabil Haddad 2014 "},
		},
		// more ways a report dates itself
		{
			name:    "arrested, the ministry said on Tuesday",
			text:    "Nabil Haddad was arrested in Bavaria, the ministry said on Tuesday.",
			want:    []string{"arrest Nabil Haddad -"},
			notWant: []string{"arrest Nabil Haddad 2025"},
		}, {
			name: "arrested on Tuesday, the ministry said",
			text: "Nabil Haddad was arrested on Tuesday in Bavaria, the ministry said.",
			want: []string{"arrest Nabil Haddad 2025-03-04"},
		}, {
			name:    "a sentence that opens with the day of the announcement",
			text:    "On Tuesday, the interior ministry announced the arrest of Nabil Haddad in Tartus.",
			notWant: []string{"arrest Nabil Haddad 2025"},
		}, {
			name:    "a death confirmed on a day",
			text:    "The death of Fadi Jaber in Sednaya prison was confirmed on Sunday by his family.",
			notWant: []string{"death_in_custody Fadi Jaber 2025"},
		}, {
			name: "the trial opened on a day",
			text: "The trial of Nabil Haddad opened in Koblenz on Tuesday.",
			want: []string{"trial Nabil Haddad 2025-03-04"},
		}, {
			name:    "sentenced in a month for crimes of a range",
			text:    "Nabil Haddad was sentenced in January 2024 to life in prison for crimes against humanity committed at Branch 251 between 2011 and 2012.",
			want:    []string{"conviction Nabil Haddad 2024-01"},
			notWant: []string{"conviction Nabil Haddad 2011"},
		}, {
			name:    "a death three months after an arrest",
			text:    "Fadi Jaber died in Sednaya prison on 12 May 2014, three months after his arrest at a checkpoint.",
			want:    []string{"death_in_custody Fadi Jaber 2014-05-12"},
			notWant: []string{"arrest Fadi Jaber 2014"},
		}, {
			name:    "three events, two dates",
			text:    "Fadi Jaber was arrested in 2011, tortured for months and executed in Sednaya prison in 2013.",
			want:    []string{"arrest Fadi Jaber 2011", "execution_allegation Fadi Jaber 2013"},
			notWant: []string{"torture_allegation Fadi Jaber 2", "arrest Fadi Jaber 2013", "execution_allegation Fadi Jaber 2011"},
		}, {
			name:    "a transfer's year is not the execution's",
			text:    "In 2016, Fadi Jaber was transferred to Sednaya prison, where he was executed a year later.",
			notWant: []string{"execution_allegation Fadi Jaber 2016"},
		}, {
			name:    "documented in a year that",
			text:    "Human Rights Watch documented in 2015 that Fadi Jaber had been tortured at Branch 215.",
			notWant: []string{"torture_allegation Fadi Jaber 2015"},
		}, {
			name:    "a week after his arrest",
			text:    "On Monday, Nabil Haddad appeared before an investigating judge, a week after his arrest in Bavaria.",
			notWant: []string{"arrest Nabil Haddad 2025"},
		}, {
			name:    "a semicolon between an arrest and a death",
			text:    "Fadi Jaber was detained in 2012; his family learned of his death in Sednaya prison three years later.",
			want:    []string{"arrest Fadi Jaber 2012"},
			notWant: []string{"death_in_custody Fadi Jaber 2012"},
		},
		// a date that belongs to a description or a point of reference
		{
			name:    "an apposition's years are not the arrest's",
			text:    "Nabil Haddad, a former guard at Sednaya prison between 2011 and 2014, was arrested in Latakia.",
			want:    []string{"arrest Nabil Haddad -"},
			notWant: []string{"arrest Nabil Haddad 2"},
		}, {
			name: "a date set off by commas after the subject is still the event's",
			text: "The court, in May 2024, convicted Nabil Haddad of torture.",
			want: []string{"conviction Nabil Haddad 2024-05"},
		}, {
			name:    "after the fall of the government in a month",
			text:    "After the fall of the Assad government in December 2024, Nabil Haddad fled to Lebanon.",
			want:    []string{"escape Nabil Haddad -"},
			notWant: []string{"escape Nabil Haddad 2024"},
		}, {
			name:    "since the fall of the government",
			text:    "Since the fall of Assad in December 2024, the new authorities have arrested Nabil Haddad and two other officers.",
			notWant: []string{"arrest Nabil Haddad 2024"},
		}, {
			name: "after his arrest in a year: the arrest's date",
			text: "Nabil Haddad was tortured in Branch 215 in the months after his arrest in 2012.",
			want: []string{"arrest Nabil Haddad 2012", "torture_allegation Nabil Haddad -"},
		}, {
			name:    "a range's end alone is never the date",
			text:    "Witnesses said Nabil Haddad tortured detainees at Branch 215 from 2012 until 2014, and he was arrested in Germany.",
			notWant: []string{"torture_allegation Nabil Haddad 2014", "arrest Nabil Haddad 2014"},
		},
		// the day of a verdict or an accusation is not the crime's
		{
			name:    "found guilty of torture on a day",
			text:    "A Vienna court on Wednesday found Nabil Haddad guilty of torture and sentenced him to 12 years in prison.",
			notWant: []string{"torture_allegation Nabil Haddad 2025"},
		}, {
			name:    "sought over a massacre",
			text:    "The ministry on Monday named Nabil Haddad among five men it is seeking over the massacre of civilians in Tadamon.",
			notWant: []string{"execution_allegation Nabil Haddad 2025"},
		}, {
			name: "years of service the suspicion is about",
			text: "Nabil Haddad supervised a wing of Sednaya prison between 2015 and 2020 and is suspected of involvement in the torture of detainees.",
			want: []string{"torture_allegation Nabil Haddad 2015/2020"},
		},
		// a range of days is given its month
		{
			name:    "between two days of a month",
			text:    "Security forces arrested Nabil Haddad and Fadi Jaber between 20 and 31 August, the ministry said.",
			pub:     model.DayDate(2025, 9, 3),
			want:    []string{"arrest Nabil Haddad 2025-08"},
			notWant: []string{"arrest Nabil Haddad 2025-08-31"},
		}, {
			name: "a month's days with a hyphen and a year",
			text: "The trial of Nabil Haddad was held in Paris on May 21-24, 2024.",
			want: []string{"trial Nabil Haddad 2024-05"},
		},
		// a date told with the event in the sentence before does not carry
		{
			name:    "no date in the event's own sentence",
			text:    "Fadi Jaber was arrested in 2012. He was tortured in Branch 215.",
			want:    []string{"arrest Fadi Jaber 2012"},
			notWant: []string{"torture_allegation Fadi Jaber 2012"},
		},
	} {
		pub := c.pub
		if c.pub == (model.Date{}) && !strings.Contains(c.name, "no published date") {
			pub = sat
		}
		t.Run(c.name, func(t *testing.T) {
			text := "Title: x\n" + c.text
			r := extract.Extract(text, pub, "en")
			checkSpans(t, c.name, text, r)
			got := eventDateLines(r)
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q\ngot:\n  %s", w, strings.Join(got, "\n  "))
				}
			}
			for _, n := range c.notWant {
				for _, g := range got {
					if g == n || strings.HasPrefix(g, n) {
						t.Errorf("got %q", g)
					}
				}
			}
		})
	}
}

// TestRound9BackReference: an event told of a person by a pronoun, a title
// or a description ("he", "the officer", "the former detainee", "the
// suspect") has the person last named in that role in the paragraph as its
// participant; a description that fits nobody named, or only an official,
// binds to nobody. The sentences are the project's own; the names are
// invented.
func TestRound9BackReference(t *testing.T) {
	pub := model.DayDate(2025, 3, 8)
	for _, c := range []roleCase{
		{
			name:  "the officer: the officer named before",
			text:  "Security forces detained Nabil Haddad, a former officer at Branch 215, in Latakia. The officer is accused of torturing detainees.",
			roles: []string{"torture_allegation Nabil Haddad perpetrator"},
		}, {
			name:  "the former detainee told the court",
			text:  "Fadi Jaber was held at Branch 215 for two years. The former detainee told the court that guards beat him every day.",
			roles: []string{"testimony Fadi Jaber witness"},
		}, {
			name:  "the suspect was arrested",
			text:  "Prosecutors in Koblenz charged Nabil Haddad with crimes against humanity. The suspect was arrested in Bavaria in 2023.",
			roles: []string{"arrest Nabil Haddad subject"},
		}, {
			name:     "the guard, not the detainee named nearer",
			text:     "Nabil Haddad, a former guard, beat Fadi Jaber, a detainee from Homs, in 2013. The guard was arrested in Berlin in 2023.",
			roles:    []string{"arrest Nabil Haddad subject"},
			notRoles: []string{"arrest Fadi Jaber"},
		}, {
			name:  "the colonel: the colonel named before",
			text:  "Colonel Nabil Haddad ran the interrogation wing. Survivors say the colonel ordered the execution of dozens of detainees.",
			roles: []string{"execution_allegation Nabil Haddad perpetrator"},
		}, {
			name:  "he: the subject of the sentence before",
			text:  "Nabil Haddad served as a warden at Sednaya prison until 2015. He was arrested in Latakia on Monday.",
			roles: []string{"arrest Nabil Haddad subject"},
		}, {
			name:     "the officer, not the minister who announced it",
			text:     "Interior Minister Anas Qattan announced the operation on Sunday. The officer was arrested at his home in Jableh.",
			notRoles: []string{"arrest Anas Qattan"},
		}, {
			name:     "he does not bind to a woman",
			text:     "Rana Sabbagh runs a group for the families of the missing. He was arrested at a checkpoint in 2012.",
			notRoles: []string{"arrest Rana Sabbagh"},
		}, {
			name:     "the officer, not the journalist quoted",
			text:     "Reporter Lina Odeh covered the trial for a local paper. The officer was arrested in Homs.",
			notRoles: []string{"arrest Lina Odeh"},
		}, {
			name:     "the suspect, not a victim named before",
			text:     "Fadi Jaber died in Sednaya prison in 2014. The suspect was arrested in Homs last week.",
			notRoles: []string{"arrest Fadi Jaber"},
		},
		{
			name:  "their deaths: the two arrested together",
			text:  "The case concerns Karim Nassar and his son Walid, who were arrested by intelligence officers in Damascus in 2013. Their families received news of their deaths in prison in 2018.",
			roles: []string{"death_in_custody Karim Nassar victim", "death_in_custody Walid victim"},
		}, {
			name:  "they died: the two arrested before",
			text:  "Karim Nassar and Walid Nassar were detained by Air Force Intelligence in Harasta in 2012. They died in Sednaya prison two years later.",
			roles: []string{"death_in_custody Karim Nassar victim", "death_in_custody Walid Nassar victim"},
		}, {
			name:     "their deaths after one person's event: nobody",
			text:     "Karim Nassar was arrested in 2013. Their families received news of deaths in prison in 2018.",
			notRoles: []string{"death_in_custody Karim Nassar"},
		}, {
			name:     "their, after a third person is named: nobody",
			text:     "Karim Nassar and his son Walid were arrested in 2013. Lawyer Rami Sayegh said their deaths in prison were never confirmed.",
			notRoles: []string{"death_in_custody Karim Nassar", "death_in_custody Walid"},
		},
	} {
		runRoleCase(t, pub, c)
	}
}
