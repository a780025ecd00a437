package en

import (
	"slices"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// round15Cases hold issue 13's round 15 (extractor version 18), read on
// real published articles, in sentences written for this test (invented
// persons, real places), as runReadingCases reads them.
var round15Cases = []readingCase{
	// a "former military judge" is no sitting official: he can be arrested
	{name: "a former judge with an adjective before the role is arrested",
		text: "Karim Nasser was arrested by police in Tartus. The new government arrested former military judge Karim Nasser in his home.",
		typ:  extract.EventArrest, person: "Karim Nasser"},
	{name: "a former senior prosecutor is arrested",
		text: "Police in Homs detained former senior prosecutor Samer Hijazi on Monday.",
		typ:  extract.EventArrest, person: "Samer Hijazi"},
	// a judge who sentenced many to death did not receive a sentence: he is
	// accused of sending them to the gallows
	{name: "a judge who sentenced thousands to death is no one sentenced",
		text: "Karim Nasser, who sentenced thousands of people to death, was arrested in Tartus.",
		typ:  extract.EventSentence, person: "Karim Nasser", not: true},
	{name: "a judge who sentenced thousands to death is not convicted",
		text: "Karim Nasser, who sentenced thousands of people to death, was arrested in Tartus.",
		typ:  extract.EventConviction, person: "Karim Nasser", not: true},
	{name: "a judge who sentenced thousands to death is accused of executions",
		text: "Karim Nasser, who sentenced thousands of people to death, was arrested in Tartus.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser"},
	{name: "a judge who issued death sentences to prisoners",
		text: "Police arrested Karim Nasser, who issued death sentences to prisoners at Sednaya prison.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser"},
	{name: "a judge who issued sentences including the death penalty",
		text: "Karim Nasser has issued hundreds of sentences, including the death penalty, to detainees at Sednaya prison.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser"},
	{name: "one sentenced to death by a court is sentenced",
		text: "A court in Damascus sentenced Karim Nasser to death in 2012.",
		typ:  extract.EventSentence, person: "Karim Nasser"},
	{name: "one sentenced to death by a court is no executioner",
		text: "A court in Damascus sentenced Karim Nasser to death in 2012.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser", not: true},
	{name: "one who was sentenced with thousands of others is no executioner",
		text: "Karim Nasser was sentenced to death along with hundreds of detainees in 2012.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser", not: true},
	{name: "prison sentences in general are nobody's sentence",
		text: "Karim Nasser, a lawyer, said prison sentences in Syria were handed out in minutes.",
		typ:  extract.EventSentence, person: "", not: true},
	// a family name of two words names the person again
	{name: "a two-word family name alone names the person again",
		text: "Police arrested Ahmad Kanjo Haddad in Tartus. According to the observatory, Kanjo Haddad has tortured prisoners at Sednaya prison.",
		typ:  extract.EventTortureAllegation, person: "Ahmad Kanjo Haddad"},
	// a pronoun before a full stop is not the subject of the quotation
	// after it, which the splitter kept in its sentence
	{name: "the one who tells of many tortured to death is no victim",
		text: "Lawyer Samer Hijazi spoke in Beirut. He has visited two mass graves near Damascus. \"We have thousands of people who were tortured to death,\" he said.",
		typ:  extract.EventDeathInCustody, person: "Samer Hijazi", not: true},
	{name: "the one who tells of many tortured to death is no torturer",
		text: "Lawyer Samer Hijazi spoke in Beirut. He has visited two mass graves near Damascus. \"We have thousands of people who were tortured to death,\" he said.",
		typ:  extract.EventTortureAllegation, person: "Samer Hijazi", not: true},
	// the one a suspect is related to did nothing the sentence tells of
	{name: "a former minister whose relative is accused is no killer",
		text: "Samer Hijazi, a relative of former defence minister Karim Nasser, is accused of commanding units that killed hundreds of civilians in Daraya.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser", not: true},
	{name: "the relative himself is accused",
		text: "Samer Hijazi, a relative of former defence minister Karim Nasser, is accused of commanding units that killed hundreds of civilians in Daraya.",
		typ:  extract.EventExecutionAllegation, person: "Samer Hijazi"},
	// a wire report names a group after telling of its arrest
	{name: "a name cut to an initial after 'known only as' is a person",
		text: "The two arrested in Berlin are known only as Karim N. and Samer H. and served in the militia.",
		typ:  extract.EventArrest, person: "Karim N."},
	{name: "the lead's arrest of seven people takes the group named later, and so its announcement",
		text: "At least seven people have been arrested in Germany on suspicion of war crimes, prosecutors said on Monday.\n\nThe four arrested in Germany are known only as Karim N., Samer H., Fadi J. and Omar Q.",
		typ:  extract.EventStatement, person: "Fadi J."},
	{name: "what those arrested are suspected of killing is the group's",
		text: "The prosecutor said those arrested in Germany were suspected of killing civilians.\n\nThe four arrested in Germany are known only as Karim N., Samer H., Fadi J. and Omar Q.",
		typ:  extract.EventExecutionAllegation, person: "Fadi J."},
	{name: "what those arrested are suspected of is the group's",
		text: "At least seven people have been arrested in Germany on suspicion of war crimes, prosecutors said on Monday.\n\nSome of those arrested were suspected of torture.\n\nThe four arrested in Germany are known only as Karim N., Samer H., Fadi J. and Omar Q.",
		typ:  extract.EventTortureAllegation, person: "Omar Q."},
	{name: "a group with no sentence that names it back takes nobody's torture",
		text: "Police said guards were suspected of torture.\n\nThe four arrested in Germany are known only as Karim N., Samer H., Fadi J. and Omar Q.",
		typ:  extract.EventTortureAllegation, person: "Karim N.", not: true},
	{name: "the accused named after a relative clause of their trial are tried",
		text: "The two accused, who were tried in absentia, are Karim Nasser and Samer Hijazi.",
		typ:  extract.EventTrial, person: "Samer Hijazi"},
	{name: "the lead's sentence of three officers is the three accused's",
		text: "Three senior intelligence officers have been sentenced to life imprisonment by a court in Paris.\n\nThe court also upheld the warrants on Friday.\n\nThe three accused, who were tried in absentia, are Karim Nasser, Fadi Jabr and Samer Hijazi.",
		typ:  extract.EventSentence, person: "Fadi Jabr"},
	// the one a plural is "of" did not suffer what the plural did
	{name: "the ruler whose opponents were tortured is no victim",
		text: "According to survivors, hundreds of suspected opponents of Karim Nasser were tortured in Branch 215.",
		typ:  extract.EventTortureAllegation, person: "Karim Nasser", not: true},
	{name: "the leader whose supporters died in custody is no victim",
		text: "Dozens of supporters of Karim Nasser died in custody at Sednaya prison.",
		typ:  extract.EventDeathInCustody, person: "Karim Nasser", not: true},
	{name: "the victim named after 'of' a singular is still the victim",
		text: "Survivors described the torture of Karim Nasser in Branch 215.",
		typ:  extract.EventTortureAllegation, person: "Karim Nasser"},
	// a sentence that names someone is no lead-in to the next sentence's name
	{name: "victims who died where a named officer worked are not the next name's doing",
		text: "Relatives raised pictures of victims who died under torture in Branch 215, where Karim Nasser worked.\n\nThe case of the young woman Samira Haddad drew the most attention.",
		typ:  extract.EventTortureAllegation, person: "Samira Haddad", not: true},
	{name: "a sentence that names nobody still leads in",
		text: "Police arrested a former officer over the deaths of two detainees.\n\nKarim Nasser, 52, served at Branch 215.",
		typ:  extract.EventArrest, person: "Karim Nasser"},
	// a coded witness is who "he" is, not the defendant named before
	{name: "the arrest a coded witness tells of is not the defendant's",
		text: "The trial of Karim Nasser went on in Koblenz. As for the second witness, KT, he told the court that he had been arrested in November 2011.",
		typ:  extract.EventArrest, person: "Karim Nasser", not: true},
	// "his role in arresting protesters": he arrested them
	{name: "a role in arresting protesters is no arrest of the convicted",
		text: "A court in Koblenz convicted Karim Nasser on Wednesday for his role in arresting protesters in Douma.",
		typ:  extract.EventArrest, person: "Karim Nasser", not: true},
	{name: "the conviction for a role in arresting protesters stays",
		text: "A court in Koblenz convicted Karim Nasser on Wednesday for his role in arresting protesters in Douma.",
		typ:  extract.EventConviction, person: "Karim Nasser"},
	// a decree is a statement of the one who issues it
	{name: "a president who issued a decree makes a statement",
		text: "He was released after President Karim Nasser issued a decree on April 30 granting a general amnesty.",
		typ:  extract.EventStatement, person: "Karim Nasser"},
	{name: "the one released under a decree makes no statement",
		text: "Samer Hijazi was released after President Karim Nasser issued a decree on April 30 granting a general amnesty.",
		typ:  extract.EventStatement, person: "Samer Hijazi", not: true},
	{name: "a decree's number is no statement without one who issues it",
		text: "The amnesty decree issued in April covered few detainees, Samer Hijazi was told.",
		typ:  extract.EventStatement, person: "Samer Hijazi", not: true},
	{name: "witnesses who testified somewhere in Europe give no account of their own",
		text: "The groups tracked witnesses in Europe who testified about crimes committed in Syria.",
		typ:  extract.EventTestimony, person: "", not: true},
	// a name in apposition before the speaker does not speak with him
	{name: "the ruler named in apposition before the speaker makes no statement",
		text: "Thousands may have been tortured since 2013 under its ruler, President Karim Nasser, Samer Hijazi, a former ambassador, told Reuters on Monday.",
		typ:  extract.EventStatement, person: "Karim Nasser", not: true},
	{name: "the speaker after the apposition makes a statement",
		text: "Thousands may have been tortured since 2013 under its ruler, President Karim Nasser, Samer Hijazi, a former ambassador, told Reuters on Monday.",
		typ:  extract.EventStatement, person: "Samer Hijazi"},
	{name: "two speakers joined by 'and' both make it",
		text: "Karim Nasser, Fadi Jabr and Samer Hijazi told reporters the ruling was a first step.",
		typ:  extract.EventStatement, person: "Karim Nasser"},
	// "we" in a named non-survivor's quotation is his office's, not a survivor's
	{name: "an investigator's 'we' gives no first-hand account of the deaths",
		text: "Samer Hijazi, a former ambassador, visited the graves near Damascus. “We have more than 100,000 people who disappeared and were tortured to death in this war,” he said.",
		typ:  extract.EventDeathInCustody, person: "", not: true},
	{name: "a survivor's 'we' still tells a first-hand account",
		text: "“We were beaten every night in Sednaya prison and two men died in our cell,” the former detainee recalled.",
		typ:  extract.EventTortureAllegation, person: ""},
	// "my brother" in a quotation is the speaker's brother
	{name: "a sister who shows her arrested brother's photo gives an account",
		text: "The case of the young woman, Samira Haddad, drew attention.\n\nReferring to the photos, Samira told reporters, “This is my brother Karim. He was arrested in March 2012. We recognized a picture of his body in the archives.”",
		typ:  extract.EventTestimony, person: "Samira Haddad"},
	{name: "a sister quoted after her words about her arrested brother gives an account",
		text: "Samira Haddad waited at the court door.\n\n“This is my brother Karim. He was arrested in March 2012,” Samira Haddad said.",
		typ:  extract.EventTestimony, person: "Samira Haddad"},
	{name: "'my brother' outside any quotation makes no one a relative",
		text: "Samira Haddad spoke to reporters in Berlin. My brother Karim was arrested in March 2012, a caption read.",
		typ:  extract.EventTestimony, person: "Samira Haddad", not: true},
}

// round15Roles hold a role a person must not take in an event of a type.
var round15Roles = []struct {
	name, text, typ, person, notRole string
}{
	{name: "a brother martyred in a massacre is its victim, no killer",
		text: "“This is my brother Karim Nasser. He was martyred in the massacre in Daraya,” his sister said.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser", notRole: extract.RolePerpetrator},
	{name: "a brother shot in a massacre is its victim, no killer",
		text: "Karim Nasser lived in Daraya. He was shot in the massacre of August 2012.",
		typ:  extract.EventExecutionAllegation, person: "Karim Nasser", notRole: extract.RolePerpetrator},
}

func TestRound15Roles(t *testing.T) {
	for _, c := range round15Roles {
		t.Run(c.name, func(t *testing.T) {
			r := Extract(c.text, model.DayDate(2025, 3, 8))
			for _, e := range r.Events {
				for _, w := range e.Who {
					if e.Type == c.typ && w.Name == c.person && w.Role == c.notRole {
						t.Errorf("%s: %s is %s of %s", c.text, c.person, c.notRole, c.typ)
					}
				}
			}
		})
	}
}

// round15Persons hold the persons a text must yield and the names it must
// not.
var round15Persons = []struct {
	name, text string
	want, not  []string
}{
	{name: "a witness a court report names by initials is a person",
		text: "As for the second witness, KT, he told the court that he had been arrested in 2012. The police asked KT about the branch.",
		want: []string{"KT"}},
	{name: "an acronym after 'witness' followed by a name is no witness",
		text: "The witness, SNHR researcher Karim Nasser, told the court about Branch 215.",
		not:  []string{"SNHR"}},
	{name: "a law named after a codename is no person",
		text: "The photos were smuggled out by a military officer codenamed Caesar. The Caesar Act, a US bill imposing sanctions, was named after them.",
		not:  []string{"Caesar Act"}},
	{name: "a name set off by 'one of the defence lawyers' is a person",
		text: "Greta Lindqvist, one of the three defence lawyers, rejected the allegations.",
		want: []string{"Greta Lindqvist"}},
	{name: "a name set off by 'one of the few' is no person",
		text: "Douma Square, one of the few open spaces, was full.",
		not:  []string{"Douma Square"}},
	{name: "a region after a title is no person",
		text: "“Every detainee was someone's child,” said Karim Nasser, deputy Middle East director at Human Rights Watch.",
		want: []string{"Karim Nasser"}, not: []string{"Middle"}},
	{name: "a credit line opened by 'Written by' names its writer",
		text: "Trial report from Koblenz\n\nWritten By Mirna Qassab\n\nThe trial of a former officer went on in Koblenz on Thursday.",
		want: []string{"Mirna Qassab"}},
	{name: "a translator's credit line names the translator",
		text: "Translated to English by Greta Lindqvist\n\nThe trial went on in Koblenz.",
		want: []string{"Greta Lindqvist"}},
	{name: "a reporter who contributed reporting is a person",
		text: "The court in Koblenz heard two witnesses. Hanne Vestergaard contributed reporting from Berlin.",
		want: []string{"Hanne Vestergaard"}},
}

func TestRound15Persons(t *testing.T) {
	for _, c := range round15Persons {
		t.Run(c.name, func(t *testing.T) { checkPersons(t, c.text, c.want, c.not) })
	}
}

// round15Dates hold the date an event must take ("" for none).
var round15Dates = []struct {
	name, text, typ, date string
}{
	{name: "a date after 'and had been' is the second verb's",
		text: "Karim Nasser was arrested in Berlin and had been a member of the militia since early 2011.",
		typ:  extract.EventArrest, date: ""},
	{name: "a date of the arrest itself stays",
		text: "Karim Nasser was arrested in Berlin in March 2011 and had been a member of the militia.",
		typ:  extract.EventArrest, date: "2011-03"},
	{name: "a date before 'and was arrested' is the first verb's",
		text: "Karim Nasser entered Germany in April 2018 and was arrested in Berlin in February 2019.",
		typ:  extract.EventArrest, date: "2019-02"},
}

// round15Places hold the place an event must take ("" for none).
var round15Places = []struct {
	name, text, typ, where string
}{
	{name: "a court named by its nationality sits there, not in the dateline's city abroad",
		text: "BEIRUT, Lebanon – A German court convicted Karim Nasser on Wednesday of crimes against humanity.",
		typ:  extract.EventConviction, where: "Germany"},
	{name: "a relative clause's sentencing is not placed where the main clause's arrest is",
		text: "Karim Nasser, who sentenced thousands of people to death, was arrested by police in Tartus on Monday.",
		typ:  extract.EventExecutionAllegation, where: ""},
	{name: "a place inside the relative clause is its event's",
		text: "Karim Nasser, who sentenced thousands of prisoners to death in Sednaya prison, was arrested in Tartus on Monday.",
		typ:  extract.EventExecutionAllegation, where: "Sednaya prison"},
	{name: "a trial that goes on is heard where the text put it before",
		text: "The two men, Karim Nasser and Samer Hijazi, were tried together at the court in Koblenz in April 2020.\n\nMeanwhile, Karim Nasser's trial continues.",
		typ:  extract.EventTrial, where: "Koblenz"},
	{name: "the country entered before 'and was arrested' is no place of the arrest",
		text: "Karim Nasser entered Germany in April 2018 and was arrested along with Samer Hijazi in February 2019.",
		typ:  extract.EventArrest, where: ""},
	{name: "a place after 'and was arrested' is the arrest's",
		text: "Karim Nasser entered Germany in April 2018 and was arrested in Berlin in February 2019.",
		typ:  extract.EventArrest, where: "Berlin"},
}

// round15Scenes hold an event of a type that must be found at a place,
// among others of its type.
var round15Scenes = []struct {
	name, text, typ, where string
}{
	{name: "'the military hospital' is the hospital named before, not the prison named since",
		text: "We were beaten every day in Sednaya prison.\n\nAfter a month I was transferred to Tishreen military hospital. Detainees in Sednaya prison never ask to see a doctor.\n\nI was beaten there too; the torture at the military hospital was worse.",
		typ:  extract.EventTortureAllegation, where: "Tishreen military hospital"},
	{name: "a first-person account at the prison stays at the prison",
		text: "We were beaten every day in Sednaya prison.\n\nAfter a month I was transferred to Tishreen military hospital. Detainees in Sednaya prison never ask to see a doctor.\n\nI was beaten there too; the torture at the military hospital was worse.",
		typ:  extract.EventTortureAllegation, where: "Sednaya prison"},
}

func TestRound15Scenes(t *testing.T) {
	for _, c := range round15Scenes {
		t.Run(c.name, func(t *testing.T) {
			r := Extract(c.text, model.DayDate(2025, 3, 8))
			var got []string
			for _, e := range r.Events {
				if e.Type == c.typ && e.Where != nil {
					if *e.Where == c.where {
						return
					}
					got = append(got, *e.Where)
				}
			}
			t.Errorf("%s: no %s at %q; got %q", c.text, c.typ, c.where, got)
		})
	}
}

// TestRound15CourtSeatOwnSentence: a court event whose sentence names a
// court of its own borrows no seat from another of the person's events.
func TestRound15CourtSeatOwnSentence(t *testing.T) {
	text := "Karim Nasser was tried in Stuttgart in 2024.\n\nIn 2022 the Higher Regional Court sentenced Karim Nasser to life."
	for _, e := range Extract(text, model.DayDate(2025, 3, 8)).Events {
		if e.Type == extract.EventSentence && e.Where != nil && *e.Where == "Stuttgart" {
			t.Errorf("%s: sentence placed in Stuttgart", text)
		}
	}
}

func TestRound15Places(t *testing.T) {
	for _, c := range round15Places {
		t.Run(c.name, func(t *testing.T) {
			checkEventField(t, c.text, c.typ, "at", c.where, func(e extract.Event) *string { return e.Where })
		})
	}
}

func TestRound15Dates(t *testing.T) {
	for _, c := range round15Dates {
		t.Run(c.name, func(t *testing.T) {
			checkEventField(t, c.text, c.typ, "dated", c.date, func(e extract.Event) *string { return e.Date })
		})
	}
}

func TestRound15Classes(t *testing.T) { runReadingCases(t, round15Cases) }

// round15Orgs hold organizations a text must yield.
var round15Orgs = []struct {
	name, text, want string
}{
	{name: "a university named for its city is an organization",
		text: "Karim Nasser was a student at Homs University when he was arrested in 2012.",
		want: "Homs University"},
	{name: "an embassy named for its state is an organization",
		text: "Karim Nasser applied for a visa at the Swedish Embassy in Beirut in 2015.",
		want: "Swedish Embassy"},
}

func TestRound15Orgs(t *testing.T) {
	for _, c := range round15Orgs {
		t.Run(c.name, func(t *testing.T) {
			r := Extract(c.text, model.DayDate(2025, 3, 8))
			var got []string
			for _, o := range r.Organizations {
				got = append(got, o.Name)
			}
			if !slices.Contains(got, c.want) {
				t.Errorf("%s: missing organization %q; got %q", c.text, c.want, got)
			}
		})
	}
}
