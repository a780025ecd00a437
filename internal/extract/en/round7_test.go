package en

import (
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// TestRound7 holds the rules of issue 13's seventh round, each a general
// construction of English news prose with a case it must read and one it
// must not fire on. The texts are the project's own; the names are
// invented.
func TestRound7(t *testing.T) {
	pub := model.DayDate(2025, 3, 8)
	for _, c := range []roleCase{{
		name: "a common-noun doer before a harm verb: the name before is the one beaten",
		text: "Walid Saleh was freed in 2016. He told the family that Omar Darwish had caught typhus in the prison, " +
			"and that guards had beaten him badly during a search.",
		roles:    []string{"torture_allegation Omar Darwish victim"},
		notRoles: []string{"torture_allegation Omar Darwish perpetrator", "arrest Omar Darwish"},
	}, {
		name:     "a common-noun doer after a relative clause: the night jailer",
		text:     "Nader Hamdan said his cousin, Bassel Hamdan, died in February 2016 after the night jailer beat him on the head.",
		roles:    []string{"torture_allegation Bassel Hamdan victim"},
		notRoles: []string{"torture_allegation Bassel Hamdan perpetrator"},
	}, {
		name:  "a named doer coordinated with guards stays a doer",
		text:  "Survivors say Ali Haddad and other guards beat him every night in the yard.",
		roles: []string{"torture_allegation Ali Haddad perpetrator"},
	}, {
		name:  "a named interrogator whose guards beat us stays a doer",
		text:  "“The interrogator Abu Karam would ask the same question and the guards would beat us,” Sami Nasr said.",
		roles: []string{"torture_allegation Abu Karam perpetrator"},
	}, {
		name:     "caught with an illness is no arrest",
		text:     "Fadi Ayoub had caught tuberculosis in Adra prison by the winter of 2014.",
		notRoles: []string{"arrest Fadi Ayoub"},
	}, {
		name:  "caught with a person is an arrest",
		text:  "Police caught Samir Khatib at a checkpoint near Homs in January.",
		roles: []string{"arrest Samir Khatib subject"},
	}, {
		name: "a father named after his son is another person",
		text: "Omar Nabil Darwish died in Sednaya prison in 2015. His father, Nabil Darwish, was detained for a month " +
			"in 1982 over a poem. Nabil Darwish said little.",
		persons:  []string{"Omar Nabil Darwish", "Nabil Darwish"},
		roles:    []string{"arrest Nabil Darwish victim"},
		notRoles: []string{"arrest Omar Nabil Darwish"},
	}, {
		name:       "a shorter name not given as a father's is the same person",
		text:       "Ammar Zein al-Abidin testified in Koblenz in 2020. Zein al-Abidin said guards beat him for weeks.",
		persons:    []string{"Ammar Zein al-Abidin"},
		notPersons: []string{"Zein al-Abidin"},
	}, {
		name: "a long description with a relative clause keeps the subject of the death",
		text: "Hani Sabbagh, a dentist who spent two years in the prisons of the Air Force Intelligence, died in " +
			"Sednaya prison in 2016.",
		roles: []string{"death_in_custody Hani Sabbagh victim"},
	}, {
		name:     "a description that names someone else is no subject's",
		text:     "Rami Khoury, a lawyer who defended Hani Sabbagh, died in Sednaya prison in 2016.",
		notRoles: []string{"death_in_custody Rami Khoury"},
	}, {
		name: "the one told is no one the statement is about",
		text: "Karim Haddad was released in April 2013. He told Salma Nouri that he had shared a cell with a " +
			"teacher called Fadi Ayoub.",
		roles:    []string{"testimony Karim Haddad witness"},
		notRoles: []string{"testimony Salma Nouri", "statement Salma Nouri"},
	}, {
		name: "he in what a man says is the man himself",
		text: "Haitham Jaber was convicted in Stockholm in 2024. One of the plaintiffs, Mahmoud Sattouf, told " +
			"reporters in the corridor that he had waited nine years for this morning.",
		roles:    []string{"statement Mahmoud Sattouf subject"},
		notRoles: []string{"statement Haitham Jaber"},
	}, {
		name:  "he in what a relative says is the relative spoken of",
		text:  "Mazen Darwish was arrested in 2012. His brother, Ali Darwish, said he was beaten in Sednaya.",
		roles: []string{"testimony Mazen Darwish victim"},
	}, {
		name: "a sentence that opens with he continues the subject before",
		text: "The young man Samer Aziz was released in 2019 under an amnesty decree which the president Bashar " +
			"al-Assad issued. He told our correspondent that he was held in the Military Security branch in Hama.",
		notRoles: []string{"statement Bashar al-Assad", "testimony Bashar al-Assad"},
	}, {
		name:  "a sentence that opens with he after a sentence opening with another name",
		text:  "The court heard Omar Zein in 2020. Judge Anna Berg said he had been held in Sednaya. He was released in 2016.",
		roles: []string{"release Omar Zein victim"},
	}, {
		name:  "a passive verb after a described apposition keeps its subject",
		text:  "Karim Haddad, a pharmacist from Talbiseh, was released in April 2013 from Branch 215.",
		roles: []string{"release Karim Haddad victim"},
	}, {
		name:     "a passive verb after an apposition and another clause is someone else's",
		text:     "Karim Haddad, a pharmacist from Talbiseh, said his neighbour was released in April 2013 from Branch 215.",
		notRoles: []string{"release Karim Haddad"},
	}, {
		name:     "described as, across a phrase set off by commas, is a judgement",
		text:     "Former detainees have described the prison at the Mezzeh airbase, run by the Air Force Intelligence, as one of the harshest in the country.",
		notTypes: []string{"testimony"},
	}, {
		name:  "described, then a clause of time opened by as, is an account",
		text:  "Omar Haddad, a former detainee, described being beaten in Sednaya prison, as guards laughed, for hours.",
		roles: []string{"testimony Omar Haddad witness"},
	}, {
		name: "what one learns is asked, not stated",
		text: "Ghaith Arnaout was arrested in 2011. We rarely learn what the man is charged with, which court will " +
			"hear his case, or whether his victims will be allowed to speak.",
		notRoles: []string{"referral_to_judiciary Ghaith Arnaout"},
	}, {
		name:  "what one says he was charged with is stated",
		text:  "Ghaith Arnaout was arrested in 2011. Prosecutors said he was charged with murder in 2012.",
		roles: []string{"referral_to_judiciary Ghaith Arnaout subject"},
	}, {
		name: "a name before 's and a kin noun only says whose relative is meant",
		text: "Yamen Saleh Ismail was captured on Saturday. A security source said Ismail's brother, Rabih Saleh " +
			"Ismail, is still wanted and is believed to have fled to Lebanon in December.",
		roles:    []string{"escape Rabih Saleh Ismail subject"},
		notRoles: []string{"escape Yamen Saleh Ismail", "statement Yamen Saleh Ismail"},
	}, {
		name:  "a name before 's and no kin noun is the subject",
		text:  "Yamen Saleh Ismail's men were gone when police came. Yamen Saleh Ismail fled to Lebanon in December.",
		roles: []string{"escape Yamen Saleh Ismail subject"},
	}, {
		name: "residents of a place who speak make no person of the place",
		text: "Police arrested Omar Zein in the village of Ain al-Sharqiyah. Residents of Ain al-Sharqiyah said " +
			"security forces cordoned off the village.",
		persons:    []string{"Omar Zein"},
		notPersons: []string{"Ain al-Sharqiyah"},
	}, {
		name:     "the family of a man who speaks is not the man",
		text:     "The family of Rami Khalil said he died in Sednaya prison in 2014.",
		roles:    []string{"death_in_custody Rami Khalil victim"},
		notRoles: []string{"testimony Rami Khalil", "statement Rami Khalil"},
	}, {
		name:  "a man named before said is the speaker",
		text:  "Rami Khalil said he was held in Sednaya prison in 2014.",
		roles: []string{"testimony Rami Khalil witness"},
	}, {
		name: "a released detainee who tells is nobody's release, and the one he tells of is the account's victim",
		text: "Fares Bakkour was detained in 2013. His family last heard of him in 2015, when a released detainee " +
			"told them he was being held in Military Intelligence Branch 227.",
		roles:    []string{"testimony Fares Bakkour victim"},
		notRoles: []string{"release", "testimony Fares Bakkour witness"},
	}, {
		name: "the named relative who passes on a released prisoner's words is the witness",
		text: "Khaled Nasser was arrested in 2013. “A released prisoner told us he was beaten every day,” Samer " +
			"Nasser said.",
		roles:    []string{"testimony Samer Nasser witness"},
		notRoles: []string{"release"},
	}, {
		name:  "a prisoner released by name is released",
		text:  "The authorities released Omar Zein in Damascus in 2016.",
		roles: []string{"release Omar Zein victim"},
	}, {
		name:  "a survivor named before told is the witness",
		text:  "Omar Zein, a former detainee, told reporters he was beaten in Sednaya prison.",
		roles: []string{"testimony Omar Zein witness"},
	}, {
		name:     "pre-trial detention is no trial",
		text:     "Omar Zein remains in pre-trial detention in Germany, prosecutors said.",
		notTypes: []string{"trial"},
	}, {
		name:  "a trial is a trial",
		text:  "The trial of Omar Zein opened in Koblenz in 2022.",
		roles: []string{"trial Omar Zein subject"},
	}, {
		name:    "a name no list knows, before was arrested, is a person's",
		text:    "Taymour Haddad was arrested in Homs in January.",
		persons: []string{"Taymour Haddad"},
		roles:   []string{"arrest Taymour Haddad subject"},
	}, {
		name:       "a place before was besieged is no person",
		text:       "Eastern Ghouta was besieged in 2013.",
		notPersons: []string{"Eastern Ghouta"},
	}, {
		name:    "a wire credit line names its editors",
		text:    "Police arrested Omar Zein in Homs.\n\n(Reporting by Kinan Zeid; Editing by Hester Cole)",
		persons: []string{"Hester Cole"},
	}, {
		name: "a person known only by a first name the text gives as such",
		text: "A survivor who gave his name only as Hassan told Levant Wire that guards beat prisoners. Two " +
			"others, identified only by their first names, Maher and Rami, described the same guard.",
		persons:  []string{"Hassan", "Maher", "Rami"},
		roles:    []string{"testimony Hassan witness"},
		notRoles: []string{"statement Hassan"},
	}, {
		name:       "a first-name cue before a place names no one",
		text:       "A man who gave his name only as a resident of Douma told reporters that guards beat prisoners.",
		notPersons: []string{"Douma"},
	}} {
		runRoleCase(t, pub, c)
	}
	for _, c := range []classCase{{
		name: "the dateline's day is the story's, not the arrest's",
		text: "DAMASCUS, March 14 (Levant Wire) - Syrian security forces have detained Munir Khaddour, a former " +
			"warrant officer, the interior ministry said.",
		want: []string{"arrest Munir Khaddour - - asserted"},
		not:  []string{"arrest Munir Khaddour - 2025-03-14"},
	}, {
		name: "a day in the sentence after the dateline is the arrest's",
		text: "DAMASCUS, March 14 (Levant Wire) - Munir Khaddour was arrested on 12 March 2025 in Jableh, the " +
			"interior ministry said.",
		want: []string{"arrest Munir Khaddour @Jableh 2025-03-12 asserted"},
	}} {
		runClassCase(t, pub, c)
	}
}

// roleCase is a case of TestRound7: roles are "type Name role" lines some
// event must hold; notRoles are prefixes ("type Name" or "type Name role")
// no event may; persons must be found by name, notPersons not.
type roleCase struct {
	name, text          string
	roles, notRoles     []string
	persons, notPersons []string
	notTypes            []string // event types no event may have
}

func runRoleCase(t *testing.T, pub model.Date, c roleCase) {
	t.Helper()
	t.Run(c.name, func(t *testing.T) {
		r := extract.Extract("Title: x\n"+c.text, pub, "en")
		checkSpans(t, c.name, "Title: x\n"+c.text, r)
		var got []string
		for _, e := range r.Events {
			for _, w := range e.Who {
				got = append(got, e.Type+" "+w.Name+" "+w.Role)
			}
		}
		for _, w := range c.roles {
			if !slices.Contains(got, w) {
				t.Errorf("missing %q\ngot:\n  %s", w, strings.Join(got, "\n  "))
			}
		}
		for _, n := range c.notRoles {
			for _, g := range got {
				if g == n || strings.HasPrefix(g, n+" ") {
					t.Errorf("got %q", g)
				}
			}
		}
		for _, e := range r.Events {
			if slices.Contains(c.notTypes, e.Type) {
				t.Errorf("got a %s event: %s", e.Type, eventLine(e))
			}
		}
		var names []string
		for _, p := range r.Persons {
			names = append(names, p.Name)
		}
		for _, p := range c.persons {
			if !slices.Contains(names, p) {
				t.Errorf("missing person %q; got %q", p, names)
			}
		}
		for _, p := range c.notPersons {
			if slices.Contains(names, p) {
				t.Errorf("person %q should not be found; got %q", p, names)
			}
		}
	})
}
