package en

import (
	"slices"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// round16Cases hold issue 13's round 16 (extractor version 19), read on
// real published articles (train9, train8), in sentences written for this
// test (invented persons, real places), as runReadingCases reads them.
var round16Cases = []readingCase{
	// a head of state named as the time or the government under which
	// something happened did not do it
	{name: "the one a prison was run under is no torturer",
		text: "A former prison director was charged with torture on Monday. Karim Haddad, who ran Tadmur Prison from 2005 to 2008 under recently ousted President Fares Mansour, was charged with several counts of torture.",
		typ:  extract.EventTortureAllegation, person: "Fares Mansour", not: true},
	{name: "the one who ran the prison is accused of torture",
		text: "A former prison director was charged with torture on Monday. Karim Haddad, who ran Tadmur Prison from 2005 to 2008 under recently ousted President Fares Mansour, was charged with several counts of torture.",
		typ:  extract.EventTortureAllegation, person: "Karim Haddad"},
	{name: "the one a lead-in describes is not the head of state under whom he served",
		text: "A former prison director was charged with torture on Monday. Karim Haddad, who ran Tadmur Prison from 2005 to 2008 under recently ousted President Fares Mansour, was charged with several counts of torture.",
		typ:  extract.EventReferral, person: "Fares Mansour", not: true},
	{name: "one identified under privacy rules is named",
		text: "The defendant, identified under German privacy rules only as Karim H., is accused of torturing detainees at Branch 215.",
		typ:  extract.EventTortureAllegation, person: "Karim H."},
	{name: "the one under whose command guards tortured gave the orders",
		text: "Guards tortured detainees at Branch 215 under Colonel Fares Mansour's command.",
		typ:  extract.EventTortureAllegation, person: "Fares Mansour"},
	{name: "one tortured at the hands of a president's brutal regime was not tortured by him",
		text: "Karim Haddad, who was tortured at the hands of Fares Mansour's brutal regime, spoke in London.",
		typ:  extract.EventTortureAllegation, person: "Fares Mansour", not: true},
	// a warrant for an arrest is no arrest
	{name: "warrants for their arrest are no arrest",
		text: "A court in Paris sentenced Karim Nasser and Fadi Jabr in absentia. Warrants for their arrests have been issued, and they remain at large, the prosecutor said.",
		typ:  extract.EventArrest, person: "Karim Nasser", not: true},
	{name: "a warrant for the arrest of a named man is no arrest",
		text: "Judges in Berlin issued a warrant for the arrest of Karim Nasser in 2023.",
		typ:  extract.EventArrest, person: "Karim Nasser", not: true},
	{name: "an arrest after the warrant is an arrest",
		text: "Karim Nasser was arrested in Berlin on Tuesday on a warrant issued in 2023.",
		typ:  extract.EventArrest, person: "Karim Nasser"},
	// the writer a byline names took part in nothing the article tells
	{name: "the byline's writer is not the man charged",
		text: "By Karim Haddad\n\nGENEVA — A court in Koblenz has convicted a former intelligence officer.\n\nThe man, known as was charged with complicity in the torture of thousands of people in Branch 251 in Damascus.",
		typ:  extract.EventTortureAllegation, person: "Karim Haddad", not: true},
	{name: "the byline's writer is not the one referred to court",
		text: "By Karim Haddad\n\nGENEVA — A court in Koblenz has convicted a former intelligence officer.\n\nThe man, known as was charged with complicity in the torture of thousands of people in Branch 251 in Damascus.",
		typ:  extract.EventReferral, person: "Karim Haddad", not: true},
	{name: "a writer named again in the text takes part",
		text: "By Karim Haddad\n\nBERLIN — Karim Haddad was arrested in Homs in 2012 and held for a year.",
		typ:  extract.EventArrest, person: "Karim Haddad"},
	// pronouns and relatives: "he" after "X's family said" is X; a wife's
	// "his arrest" is her husband's; one who accuses is not accused
	{name: "he after a source from X's family said is X",
		text: "Youssef Haddad died in custody. Fadi Nasser, a journalist, said Haddad was arrested at the mosque. He called for justice.\n\nA source from Haddad's family said he was arrested by a patrol after refusing to leave the mosque.",
		typ:  extract.EventArrest, person: "Fadi Nasser", not: true},
	{name: "his arrest in a wife's words is not hers, though no list knows her name",
		text: "The family of Youssef al-Haddad, a Syrian man who reportedly died under torture in a police prison, is demanding answers.\nIn a Facebook post, al-Haddad’s wife, Wijdan Omran, directly accused the security service of being responsible for his death.\nShe confirmed the location of his arrest and wrote: \"My husband has only been back in the country for two days.\"",
		typ:  extract.EventArrest, person: "Wijdan Omran", not: true},
	{name: "one who accuses the security service of a death is not its perpetrator",
		text: "The family of Youssef al-Haddad, a Syrian man who reportedly died under torture in a prison, is demanding answers.\nAl-Haddad was arrested inside the mosque, according to sources.\n\nIn a Facebook post, Rasha Omran directly accused the general security service of being responsible for his death.",
		typ:  extract.EventDeathInCustody, person: "Rasha Omran", not: true},
	{name: "a wife named after her husband's possessive speaks of his custody: an account",
		text: "The family of Youssef al-Haddad, a Syrian man who reportedly died under torture in a prison, is demanding answers.\nIn a Facebook post, al-Haddad’s wife, Rasha Omran, directly accused the general security service of being responsible for his death.\nShe confirmed the location of his arrest and wrote: \"My husband has only been back in the country for two days.\"",
		typ:  extract.EventTestimony, person: "Rasha Omran"},
	// a suspect's words of what he did are a confession
	{name: "an arrested man who says we executed them confesses",
		text: "Security forces arrested three men in Tadamon on Monday. One of the men arrested was Karim Haddad, a former militia member.\n\n\"We used to bring detainees here and execute them,\" Haddad told reporters.",
		typ:  extract.EventConfession, person: "Karim Haddad"},
	{name: "an arrested man who says we executed them gives no witness's account",
		text: "Security forces arrested three men in Tadamon on Monday. One of the men arrested was Karim Haddad, a former militia member.\n\n\"We used to bring detainees here and execute them,\" Haddad told reporters. \"Every batch was about 25 people,\" he said.",
		typ:  extract.EventTestimony, person: "Karim Haddad", not: true},
	{name: "a survivor who says they beat us confesses nothing",
		text: "Karim Haddad spent two years in Sednaya prison.\n\n\"They beat us every day and we watched them execute others,\" Haddad told reporters.",
		typ:  extract.EventConfession, person: "Karim Haddad", not: true},
	{name: "a survivor arrested at a checkpoint whose guards beat us confesses nothing",
		text: "Karim Haddad was arrested at a checkpoint in Sahnaya in 2012.\n\n\"The interrogator we knew only as Abu Fares would ask the same question a hundred times and the guards would beat us between questions,\" Haddad said.",
		typ:  extract.EventConfession, person: "Karim Haddad", not: true},
	// a statement that announces "the arrest" announces the one told before
	{name: "the ministry that announced the arrest told before speaks of the one arrested",
		text: "Police in Homs have arrested Karim Haddad, a former guard at Sednaya prison.\n\nThe Interior Ministry announced the arrest on Tuesday, saying the operation was conducted by the counterterrorism branch.",
		typ:  extract.EventStatement, person: "Karim Haddad"},
	{name: "the arrest of others announced is not the one told before",
		text: "Police in Homs have arrested Karim Haddad, a former guard at Sednaya prison.\n\nThe Interior Ministry announced the arrest of three men in Hama on Tuesday.",
		typ:  extract.EventStatement, person: "Karim Haddad", not: true},
	// "they remain at large": the pair told of before is on the run
	{name: "they who remain at large are the two charged before",
		text: "Karim Nasser and Fadi Jabr were charged with torture by a court in Chicago. Warrants for their arrests have been issued, and they remain at large, the prosecutor said.",
		typ:  extract.EventEscape, person: "Fadi Jabr"},
	// a court's findings are its verdict, not a statement
	{name: "the court that said who a defendant was makes no statement about him",
		text: "A court in Berlin convicted Karim N. of war crimes on Monday. The court said Karim N. was a leading member of the militia.",
		typ:  extract.EventStatement, person: "Karim N.", not: true},
	// an initial without its full stop after "identified as"
	{name: "a defendant identified as a name and an initial without its full stop",
		text: "Judges ruled that the 35-year-old man, identified in court only as Karim A, was involved in the arrest of a man in 2012.",
		typ:  extract.EventArrest, person: "Karim A"},
}

// round16NoNameless hold texts that must yield no event of a type that
// names nobody: background an organization tells in its own voice.
var round16NoNameless = []struct {
	name, text, typ string
}{
	{name: "an organization's 'we note' is no first-hand account of deaths",
		text: "We note that the authorities did not hand over the bodies; this is standard practice with the majority of detainees who die in its detention centers.",
		typ:  extract.EventDeathInCustody},
	{name: "an organization's 'we call' is no first-hand account of torture",
		text: "We call on the government to end the torture of detainees in its prisons.",
		typ:  extract.EventTortureAllegation},
}

func TestRound16NoNameless(t *testing.T) {
	for _, c := range round16NoNameless {
		t.Run(c.name, func(t *testing.T) {
			for _, e := range Extract(c.text, model.DayDate(2025, 3, 8)).Events {
				if e.Type == c.typ && len(e.Who) == 0 {
					t.Errorf("%s: a %s that names nobody", c.text, c.typ)
				}
			}
		})
	}
}

// round16Places hold the place an event of a type must have.
var round16Places = []struct {
	name, text, typ, where string
}{
	{name: "the region of a man's home village is not where he was arrested",
		text: "A man from Aqrab village in Hama Governorate, named as Karim Haddad, was arrested on August 15, 2019 at a checkpoint.",
		typ:  extract.EventArrest, where: ""},
	{name: "a town a man was arrested in is where he was arrested",
		text: "Karim Haddad, a teacher, was arrested in Hama on August 15, 2019.",
		typ:  extract.EventArrest, where: "Hama"},
	{name: "the town a suburb near a camp is where the executions were, not the camp",
		text: "Police trucks lined the streets of Tadamon, a Damascus suburb near the Yarmouk refugee camp, where Karim Haddad is accused of executing detainees in 2013.",
		typ:  extract.EventExecutionAllegation, where: "Tadamon"},
	{name: "a place near a town alone is where",
		text: "Karim Haddad was arrested near Aleppo on Monday.",
		typ:  extract.EventArrest, where: "Aleppo"},
	{name: "the court's seat is not where the torture it convicts of happened",
		text: "A district court in The Hague has convicted Karim Nasser of complicity in torture and illegal arrest in Syria.",
		typ:  extract.EventTortureAllegation, where: ""},
}

func TestRound16Places(t *testing.T) {
	for _, c := range round16Places {
		t.Run(c.name, func(t *testing.T) {
			checkEventField(t, c.text, c.typ, "at", c.where, func(e extract.Event) *string { return e.Where })
		})
	}
}

func TestRound16Classes(t *testing.T) { runReadingCases(t, round16Cases) }

// round16Roles hold the role a person must have in every event of a type
// a text yields (and at least one such event).
var round16Roles = []struct {
	name, text, typ, person, role string
}{
	{name: "the one a pronoun after the verb points to was beaten, not the beater",
		text: "Karim Haddad saw smoke rising from his cellmate's flesh.\n\nThen it was Haddad's turn. They hanged the young student from his wrists until his toes barely touched the floor and electrocuted and beat him for two hours.",
		typ:  extract.EventTortureAllegation, person: "Karim Haddad", role: extract.RoleVictim},
}

func TestRound16Roles(t *testing.T) {
	for _, c := range round16Roles {
		t.Run(c.name, func(t *testing.T) {
			found := false
			for _, e := range Extract(c.text, model.DayDate(2025, 3, 8)).Events {
				if e.Type != c.typ {
					continue
				}
				for _, w := range e.Who {
					if w.Name != c.person {
						continue
					}
					found = true
					if w.Role != c.role {
						t.Errorf("%s: %s of %q as %s, want %s", c.text, c.typ, c.person, w.Role, c.role)
					}
				}
			}
			if !found {
				t.Errorf("%s: no %s of %q", c.text, c.typ, c.person)
			}
		})
	}
}

// round16NotFacilities hold words a text must not yield as a facility.
var round16NotFacilities = []struct {
	name, text, not string
}{
	{name: "a count of detention facilities is no facility's name",
		text: "The network grew to more than 100 detention facilities where torture was rampant, according to Karim Haddad.",
		not:  "100 detention facilities"},
}

func TestRound16NotFacilities(t *testing.T) {
	for _, c := range round16NotFacilities {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, f := range Extract(c.text, model.DayDate(2025, 3, 8)).Facilities {
				got = append(got, f.Name)
			}
			if slices.Contains(got, c.not) {
				t.Errorf("%s: %q is no facility; got %q", c.text, c.not, got)
			}
		})
	}
}

// round16Persons hold names a text must yield as persons: a name no list
// knows, told by the role its apposition gives.
var round16Persons = []struct {
	name, text, want string
}{
	{name: "a speaker whose apposition is a post of a body",
		text: "“Disappearances have risen sharply,” said Hadiya Tarmal Sahrawi, Middle East and North Africa deputy director at Amnesty International.",
		want: "Hadiya Tarmal Sahrawi"},
	{name: "a speaker after a quotation, with a post of a commission",
		text: "“Verdicts such as this one are progress,” Paolo Sergi Pinto, Chair of the Commission, said.",
		want: "Paolo Sergi Pinto"},
}

func TestRound16Persons(t *testing.T) {
	for _, c := range round16Persons {
		t.Run(c.name, func(t *testing.T) { checkPersons(t, c.text, []string{c.want}, nil) })
	}
}
