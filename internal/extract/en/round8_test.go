package en

import (
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// TestRound8 is issue 13's eighth round: a paraphrase matrix of the ways
// newsrooms tell each kind of event — voice, tense, reported speech, hedges,
// participants given by role — with a negative row for each (negation,
// future, hypothetical, general talk, another sense of the verb). The
// sentences are the project's own; the names are invented.
func TestRound8(t *testing.T) {
	pub := model.DayDate(2025, 3, 8)
	for _, c := range []roleCase{
		// testimony: the ways a survivor's account is told
		{
			name:  "testimony: told an outlet he was held",
			text:  "Samir Akkad told Reuters he was held for eight months at the Air Force Intelligence branch in Mezzeh.",
			roles: []string{"testimony Samir Akkad witness"},
		}, {
			name:  "testimony: told the court she had been detained",
			text:  "Rana Sabbagh told the court she had been detained at a checkpoint near Hama in 2012.",
			roles: []string{"testimony Rana Sabbagh witness"},
		}, {
			name:     "testimony: recounted his years in a prison",
			text:     "In an interview, Omar Khatib recounted his two years in Sednaya prison.",
			roles:    []string{"testimony Omar Khatib witness"},
			notRoles: []string{"statement Omar Khatib"},
		}, {
			name:  "testimony: spoke of what a prison was like",
			text:  "Lina Saadeh spoke of the hunger and the cold in Adra prison.",
			roles: []string{"testimony Lina Saadeh witness"},
		}, {
			name:  "testimony: remembered a branch",
			text:  "Majid Hallak remembered the screams from the interrogation rooms of Branch 215.",
			roles: []string{"testimony Majid Hallak witness"},
		}, {
			name:     "testimony: a clause of remembering before the speaker",
			text:     "Recalling his time in Branch 227, Adel Masri said the guards hanged two men in the yard.",
			roles:    []string{"testimony Adel Masri witness"},
			notRoles: []string{"statement Adel Masri"},
		}, {
			name:  "testimony: recalled by a man the text says was held",
			text:  "Khaled Nasser, who spent three years in Sednaya prison, recalled how guards beat detainees every morning.",
			roles: []string{"testimony Khaled Nasser witness"},
		}, {
			name:     "testimony: an inverted speaker after the verb is the one account",
			text:     "“Nobody came for us,” recalls one of the inmates of Sednaya prison, 40-year-old Hadi Sarraf.",
			roles:    []string{"testimony Hadi Sarraf witness"},
			notTypes: []string{"statement"},
		}, {
			name:  "testimony: described being hung",
			text:  "Speaking to the court, Nour Qassab described being hung from the ceiling for hours.",
			roles: []string{"testimony Nour Qassab witness"},
		},
		{
			name:     "testimony: the speaker quoted in the first person on his own torture",
			text:     "“I was tortured every day,” Hussam Darwish said.",
			roles:    []string{"testimony Hussam Darwish witness", "torture_allegation Hussam Darwish victim"},
			notRoles: []string{"statement Hussam Darwish"},
		}, {
			name:     "testimony: they beat us, said a survivor",
			text:     "“They beat us with cables in the corridor,” said Hussam Darwish, a survivor of Sednaya.",
			roles:    []string{"testimony Hussam Darwish witness", "torture_allegation Hussam Darwish victim"},
			notRoles: []string{"statement Hussam Darwish"},
		}, {
			name:     "testimony: a survivor who saw hangings is their witness, not their victim",
			text:     "“They hanged ten men that night,” said Hussam Darwish, a survivor of Sednaya.",
			roles:    []string{"testimony Hussam Darwish witness", "execution_allegation Hussam Darwish witness"},
			notRoles: []string{"execution_allegation Hussam Darwish victim"},
		},
		// testimony: the negative row
		{
			name:     "not testimony: an official quoted in the first person",
			text:     "“We were beaten by nobody,” Interior Minister Fadi Tarraf said of the new prison rules.",
			notTypes: []string{"testimony"},
		}, {
			name:     "not testimony: a suspect describes his work at a branch",
			text:     "Samer Halabi, who is accused of torture, described his duties at Branch 251 to the court.",
			notRoles: []string{"testimony Samer Halabi"},
		},
		{
			name:     "not testimony: recalled an ambassador (another sense)",
			text:     "Nizar Halabi recalled the ambassador to Damascus in 2012.",
			notTypes: []string{"testimony"},
		}, {
			name:     "not testimony: an official describes a prison",
			text:     "Interior Minister Fadi Tarraf described the conditions in Adra prison at a press conference.",
			notRoles: []string{"testimony Fadi Tarraf"},
		}, {
			name:     "not testimony: future",
			text:     "Rami Halabi will testify in Koblenz next month.",
			notTypes: []string{"testimony"},
		}, {
			name:     "not testimony: negated",
			text:     "Rami Halabi did not describe his detention to anyone.",
			notTypes: []string{"testimony"},
		}, {
			name:     "not testimony: general talk of survivors",
			text:     "Former detainees often describe such prisons as hell.",
			notTypes: []string{"testimony"},
		}, {
			name:     "not testimony: a judgement with as",
			text:     "Lina Saadeh described the verdict in Koblenz as a first step.",
			notTypes: []string{"testimony"},
		},

		// death in custody
		{
			name:  "death: died under torture",
			text:  "Bassel Kharrat died under torture in Branch 215 in 2014.",
			roles: []string{"death_in_custody Bassel Kharrat victim"},
		}, {
			name:  "death: killed in detention",
			text:  "Bassel Kharrat was killed in detention in 2014.",
			roles: []string{"death_in_custody Bassel Kharrat victim"},
		}, {
			name:  "death: perished in a prison",
			text:  "Majd Kurdi perished in Sednaya prison in 2016.",
			roles: []string{"death_in_custody Majd Kurdi victim"},
		}, {
			name:  "death: lost his life under torture",
			text:  "Jamil Hasan lost his life under torture in Branch 227 in 2014.",
			roles: []string{"death_in_custody Jamil Hasan victim", "torture_allegation Jamil Hasan victim"},
		}, {
			name:  "death: a death notification to the family",
			text:  "The family of Nabil Ayoub received a death notification from the civil registry in 2018.",
			roles: []string{"death_in_custody Nabil Ayoub victim"},
		}, {
			name:  "death: the body handed over after an arrest",
			text:  "Tarek Salem was arrested in Homs in 2013. His body was handed over to his family in 2015.",
			roles: []string{"death_in_custody Tarek Salem victim"},
		}, {
			name:  "death: nominal, the death of X in detention",
			text:  "The death of Omar Sawas in detention was confirmed by his family in 2018.",
			roles: []string{"death_in_custody Omar Sawas victim"},
		},
		{
			name: "death: he died, of a man the text had arrested",
			text: "Samer Odeh was arrested by Air Force Intelligence in August 2012. In January, his family found " +
				"his name in a register. The register states that he died on 3 March 2013.",
			roles: []string{"death_in_custody Samer Odeh victim"},
		}, {
			name:  "death: his death, of a man the text had arrested",
			text:  "Samer Odeh was arrested in Homs in 2012. His family learned of his death from a released detainee in 2016.",
			roles: []string{"death_in_custody Samer Odeh victim"},
		},
		{
			name:     "death: a relative in apposition is the one who died, not the one he is kin to",
			text:     "Khalil Rahmoun was arrested in Daraya in 2012. Rahmoun's brother, Munir Rahmoun, died at the branch in 2013.",
			roles:    []string{"death_in_custody Munir Rahmoun victim"},
			notRoles: []string{"death_in_custody Khalil Rahmoun"},
		},
		// death: the negative row
		{
			name:     "not death in custody: he died after his release",
			text:     "Samer Odeh was arrested by Air Force Intelligence in August 2012. He was released in 2014 and left for Turkey. He died in 2019.",
			notTypes: []string{"death_in_custody"},
		}, {
			name:     "not death in custody: he died in exile",
			text:     "Samer Odeh was arrested in 1982 for a poem. He died in exile in Paris in 2010.",
			notTypes: []string{"death_in_custody"},
		}, {
			name:     "not death in custody: the prisoners he had killed",
			text:     "Wassim Barakat was arrested in Homs in January. A former detainee said Barakat boasted of the prisoners he had killed.",
			notTypes: []string{"death_in_custody"},
		},
		{
			name:     "not death in custody: an accident",
			text:     "Karim Said died in a car accident in Beirut in 2019.",
			notTypes: []string{"death_in_custody"},
		}, {
			name:     "not death in custody: hypothetical",
			text:     "Detainees could die in custody if nothing changes.",
			notTypes: []string{"death_in_custody"},
		}, {
			name:     "not death in custody: negated",
			text:     "Karim Said did not die in custody, his lawyer said.",
			notTypes: []string{"death_in_custody"},
		}, {
			name:     "not death in custody: lost his life in an accident",
			text:     "Karim Said lost his life in a car accident near Beirut in 2019.",
			notTypes: []string{"death_in_custody"},
		},

		// arrest
		{
			name:  "arrest: seized by intelligence officers",
			text:  "Ziad Mansour was seized by intelligence officers in Hama in 2011.",
			roles: []string{"arrest Ziad Mansour subject"},
		}, {
			name:  "arrest: taken by security agents",
			text:  "Ziad Mansour was taken by Air Force Intelligence agents in 2012.",
			roles: []string{"arrest Ziad Mansour subject"},
		}, {
			name:  "arrest: held in a branch, a detainee",
			text:  "Ziad Mansour was held in Branch 215 for two years.",
			roles: []string{"detention Ziad Mansour victim"},
		}, {
			name:  "arrest: kidnapped by an intelligence service",
			text:  "Ziad Mansour was kidnapped by Military Intelligence in Aleppo in 2013.",
			roles: []string{"arrest Ziad Mansour subject"},
		}, {
			name:  "arrest: rounded up",
			text:  "Ziad Mansour was rounded up with dozens of protesters in Douma in 2011.",
			roles: []string{"arrest Ziad Mansour subject"},
		}, {
			name:  "arrest: nominal, the arrest of X",
			text:  "The arrest of Ziad Mansour in Latakia was announced on Monday.",
			roles: []string{"arrest Ziad Mansour subject"},
		}, {
			name:  "arrest: hedged",
			text:  "Ziad Mansour was allegedly arrested in Tartus in January 2025.",
			roles: []string{"arrest Ziad Mansour subject"},
		}, {
			name:  "arrest: a participant given by role and name",
			text:  "Authorities arrested the former warden, Suhail Jaber, in Jableh on 3 March 2025.",
			roles: []string{"arrest Suhail Jaber subject"},
		},
		{
			name:  "arrest: active, the forces picked him up",
			text:  "Security forces picked up Hussam Darwish at his home in Daraa in 2012.",
			roles: []string{"arrest Hussam Darwish subject"},
		}, {
			name:  "arrest: in detention since a year",
			text:  "Hussam Darwish has been in detention since 2013.",
			roles: []string{"detention Hussam Darwish victim"},
		}, {
			name:  "arrest: thrown into prison",
			text:  "Hussam Darwish was thrown into prison in 2011 for a poem.",
			roles: []string{"arrest Hussam Darwish subject"},
		},
		{
			name:  "arrest: his detention, nominal with a possessive",
			text:  "A former judge, Hisham Nouri, has been referred to the public prosecutor after his detention last week at the airport, the justice ministry said.",
			roles: []string{"arrest Hisham Nouri subject"},
		}, {
			name:  "arrest: X's detention",
			text:  "Hisham Nouri's detention in Homs in 2012 was never acknowledged.",
			roles: []string{"arrest Hisham Nouri subject"},
		},
		// arrest: the negative row
		{
			name:     "not arrest: feared his detention",
			text:     "Hisham Nouri feared his detention for years.",
			notTypes: []string{"arrest", "detention"},
		},
		{
			name:     "not arrest: seized with fear",
			text:     "Hussam Darwish was seized with fear when security officers approached.",
			notTypes: []string{"arrest", "detention"},
		}, {
			name:     "not arrest: the forces held a meeting",
			text:     "Police officers held a meeting with the families of detainees in Homs.",
			notTypes: []string{"arrest", "detention"},
		},
		{
			name:     "not arrest: future and condition",
			text:     "Ziad Mansour will be arrested if he returns.",
			notTypes: []string{"arrest", "detention"},
		}, {
			name:     "not arrest: negated",
			text:     "Ziad Mansour was not arrested.",
			notTypes: []string{"arrest", "detention"},
		}, {
			name:     "not arrest: held a press conference",
			text:     "Ziad Mansour held a press conference in Damascus.",
			notTypes: []string{"arrest", "detention"},
		}, {
			name:     "not arrest: a meeting held at a prison",
			text:     "A meeting with Ziad Mansour was held at the old prison museum in Damascus.",
			notTypes: []string{"arrest", "detention"},
		}, {
			name:     "not arrest: taken to hospital",
			text:     "Ziad Mansour was taken to hospital in Homs in 2012.",
			notTypes: []string{"arrest", "detention"},
		}, {
			name:     "not arrest: feared arrest",
			text:     "Ziad Mansour feared arrest for years.",
			notTypes: []string{"arrest", "detention"},
		}, {
			name:     "not arrest: escaped arrest",
			text:     "Ziad Mansour escaped arrest by fleeing to Beirut in 2012.",
			notTypes: []string{"arrest", "detention"},
		}, {
			name:     "not arrest: seized an opportunity",
			text:     "Ziad Mansour seized the opportunity in 2012.",
			notTypes: []string{"arrest", "detention"},
		}, {
			name:     "not arrest: seized by anyone but the forces",
			text:     "Ziad Mansour was seized by panic in the crowd in Hama.",
			notTypes: []string{"arrest", "detention"},
		},

		// torture
		{
			name:  "torture: subjected to torture, the one who suffered",
			text:  "Nour Kassem was subjected to torture in Branch 215.",
			roles: []string{"torture_allegation Nour Kassem victim"},
		}, {
			name:  "torture: whipped and electrocuted, in his own words",
			text:  "Nour Kassem said he was electrocuted and whipped during interrogation.",
			roles: []string{"testimony Nour Kassem witness", "torture_allegation Nour Kassem victim"},
		}, {
			name:  "torture: hedged, guards allegedly tortured X",
			text:  "Guards allegedly tortured Nour Kassem in the Palestine Branch in 2013.",
			roles: []string{"torture_allegation Nour Kassem victim"},
		}, {
			name:  "torture: is accused of torturing detainees",
			text:  "Samer Halabi is accused of torturing detainees at Branch 251.",
			roles: []string{"torture_allegation Samer Halabi perpetrator"},
		},
		// torture: the negative row
		{
			name:     "not torture: a law against it",
			text:     "The new law bans torture in all prisons.",
			notTypes: []string{"torture_allegation"},
		}, {
			name:     "not torture: feared torture",
			text:     "Nour Kassem feared torture if he went back.",
			notTypes: []string{"torture_allegation"},
		},

		// execution
		{
			name:  "execution: executed in a prison",
			text:  "Wael Fakhouri was executed in Sednaya prison in 2015.",
			roles: []string{"execution_allegation Wael Fakhouri victim"},
		}, {
			name:  "execution: accused of executing civilians",
			text:  "Amjad Taha is accused of executing 41 civilians in Tadamon in 2013.",
			roles: []string{"execution_allegation Amjad Taha perpetrator"},
		},
		{
			name:  "execution: the one a statement names after its verb is no speaker",
			text:  "The ministry arrested Ghassan Deeb in Jableh. The statement, posted on Monday, said Deeb had taken part in the execution of detainees in Sednaya.",
			roles: []string{"execution_allegation Ghassan Deeb perpetrator"},
		},
		// execution: the negative row
		{
			name:     "not execution: a campaign against executions",
			text:     "Hussam Darwish campaigned for years against executions in Syria.",
			notTypes: []string{"execution_allegation"},
		}, {
			name:     "not torture: a book about torture",
			text:     "Hussam Darwish wrote a book about the torture of prisoners in Sednaya.",
			notTypes: []string{"torture_allegation"},
		},
		{
			name:     "not execution: executed a search warrant",
			text:     "Police executed a search warrant at the house of Wael Fakhouri.",
			notTypes: []string{"execution_allegation"},
		}, {
			name:     "not execution: a plan was executed",
			text:     "The plan was executed in 2020 by the ministry.",
			notTypes: []string{"execution_allegation"},
		}, {
			name:     "not execution: escaped execution",
			text:     "Wael Fakhouri escaped execution in Sednaya in 2015 when a guard hid him.",
			notTypes: []string{"execution_allegation"},
		},

		// statements
		{
			name:  "statement: a relative of the accused speaks for him",
			text:  "Nader Sabbagh's lawyer, Rima Fares, told AFP the charges were false.",
			roles: []string{"statement Rima Fares subject"},
		}, {
			name:     "not a statement: a future one",
			text:     "Statements will be issued tomorrow, Rima Fares might say.",
			notTypes: []string{"statement"},
		},
	} {
		runRoleCase(t, pub, c)
	}
	for _, c := range []classCase{{
		name: "date: the end of a time in custody is no arrest's date",
		text: "In Sednaya, Hussam Darwish was held in the red building until his release in January 2017.",
		not:  []string{"2017"},
	}, {
		name: "date: a time in custody since a year",
		text: "Hussam Darwish has been in detention since 2013.",
		want: []string{"detention Hussam Darwish - 2013 asserted"},
	}, {
		name: "date: a held-for-nothing participle does not cut a date off its event",
		text: "Nizar Haddad confessed to signing execution orders for detainees held at Sednaya prison between 2012 and 2015.",
		want: []string{"execution_allegation Nizar Haddad @Sednaya prison 2012 asserted"},
	}, {
		name: "place: a flight's destination is not where the arrest was",
		text: "Hisham Nouri was detained on Monday at the airport, where he was trying to board a flight to Dubai.",
		want: []string{"arrest Hisham Nouri - 2025-03-03 asserted"},
		not:  []string{"Dubai"},
	}} {
		runClassCase(t, pub, c)
	}
}
