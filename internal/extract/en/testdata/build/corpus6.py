# Third held-out part: written after every rule change up to its first run,
# scored once; its first-run figures are reported as unseen.
from corpus1 import doc, P, E, EV

doc("hu_001", {"Title": "Security forces net ex-Military Police officer in Qalamoun", "Publisher": "Syria Direct Review", "Published": "2025-10-14", "Language": "en", "Title-note": "translated headline"},
"""Syria's General Security Service arrested a former Military Police officer in the Qalamoun town of Yabroud on Sunday, accusing him of supervising the transfer of detainees from Sednaya to mass graves near al-Qutayfah.

The officer, Lt. Col. Osama Jamil Darwish, 55, was detained at a checkpoint as he tried to leave the town, a security source told Syria Direct Review. Photos circulated online showed him handcuffed in the back of a pickup truck.

Darwish is the third Military Police officer arrested in Rural Damascus this month. Relatives of the missing have asked the authorities to question him about the location of other graves.

Share this article
Read more: Families demand answers over Qutayfah grave""",
{"persons": [P("Osama Jamil Darwish")],
 "facilities": [E("Sednaya"), E("mass graves near al-Qutayfah")],
 "places": [E("Syria"), E("Qalamoun"), E("Yabroud"), E("al-Qutayfah"), E("Rural Damascus")],
 "organizations": [E("General Security Service"), E("Military Police"), E("Syria Direct Review")],
 "events": [EV("arrest", [("Osama Jamil Darwish", "subject")], "Yabroud", "2025-10-12")]})

doc("hu_002", {"Title": "‘He decided who lived’: former Branch 215 interrogator on trial in Damascus", "Publisher": "Damascus Post", "Published": "2025-12-09", "Language": "en"},
"""The trial of Col. Nabil Hassan Qudsi, accused of running interrogations at Military Intelligence Branch 215 in Damascus from 2011 to 2015, resumed on Monday with the testimony of two survivors.

Abdelrahman Nouri, 38, told the court that Qudsi ordered guards to hang him from the ceiling by his wrists and beat him until he lost consciousness. “He decided who lived and who died,” Nouri said.

A second witness, Mariam Shukri, testified that her brother died in the branch in 2013. She said she identified his body among the Caesar photographs in 2015.

Qudsi, who was arrested in Tartus in February, denies all charges. The court will reconvene on January 12.""",
{"persons": [P("Nabil Hassan Qudsi"), P("Abdelrahman Nouri"), P("Mariam Shukri")],
 "facilities": [E("Military Intelligence Branch 215")],
 "places": [E("Damascus"), E("Tartus")],
 "organizations": [],
 "events": [EV("trial", [("Nabil Hassan Qudsi", "subject")], "Damascus", "2025-12-08"),
            EV("testimony", [("Abdelrahman Nouri", "witness")]),
            EV("torture_allegation", [("Nabil Hassan Qudsi", "perpetrator"), ("Abdelrahman Nouri", "victim")], "Military Intelligence Branch 215"),
            EV("statement", [("Abdelrahman Nouri", "subject")]),
            EV("testimony", [("Mariam Shukri", "witness")]),
            EV("death_in_custody", [], "Military Intelligence Branch 215", "2013"),
            EV("statement", [("Mariam Shukri", "subject")]),
            EV("arrest", [("Nabil Hassan Qudsi", "subject")], "Tartus", "2025-02")]})

doc("hu_003", {"Title": "Ex-guard says he was ordered to starve prisoners", "Publisher": "The Syria Review", "Published": "2025-07-30", "Language": "en"},
"""In a confession broadcast by state television on Tuesday, a former guard at Sednaya Military Prison said senior officers ordered the guards to cut food rations to a few spoonfuls a day.

The guard, identified as Sgt. Bilal Fawaz Hamoud, said he took part in beatings during the daily count and witnessed the executions of prisoners in the basement of the red building. Hamoud was arrested in May in the Latakia countryside.

Rights groups caution that confessions obtained in detention must be treated carefully, and the Syria Justice and Accountability Centre urged the authorities to let independent lawyers meet detainees.""",
{"persons": [P("Bilal Fawaz Hamoud")],
 "facilities": [E("Sednaya Military Prison", ["red building"])],
 "places": [E("Latakia")],
 "organizations": [E("Syria Justice and Accountability Centre")],
 "events": [EV("confession", [("Bilal Fawaz Hamoud", "subject")], None, "2025-07-29"),
            EV("statement", [("Bilal Fawaz Hamoud", "subject")]),
            EV("torture_allegation", [("Bilal Fawaz Hamoud", "perpetrator")], "Sednaya Military Prison"),
            EV("execution_allegation", [], "Sednaya Military Prison"),
            EV("arrest", [("Bilal Fawaz Hamoud", "subject")], "Latakia", "2025-05")]})

doc("hu_004", {"Title": "Austrian court convicts Syrian general of torture at Raqqa branch", "Publisher": "Europe Justice Wire", "Published": "2026-01-22", "Language": "en"},
"""VIENNA — A Vienna court on Wednesday found former Syrian brigadier general Khalil Mahmoud Sabbagh guilty of torture and sentenced him to 12 years in prison, in the first such verdict in Austria.

Sabbagh, 71, headed the State Security branch in Raqqa in 2011 and 2012. The court found that detainees under his command were beaten, hung by their arms and subjected to electric shocks.

Sabbagh had lived in Austria since 2015 and was granted asylum before survivors recognised him. His defence said he would appeal.""",
{"persons": [P("Khalil Mahmoud Sabbagh")],
 "facilities": [E("State Security branch in Raqqa")],
 "places": [E("Vienna"), E("Austria"), E("Raqqa")],
 "organizations": [],
 "events": [EV("conviction", [("Khalil Mahmoud Sabbagh", "subject")], "Vienna", "2026-01-21"),
            EV("torture_allegation", [("Khalil Mahmoud Sabbagh", "perpetrator")], "Raqqa")]})

doc("hu_005", {"Title": "Photographer’s archive names 40 victims of Hama airport prison", "Publisher": "Levant Monitor", "Published": "unknown", "Language": "en"},
"""A former military photographer who fled Syria in 2014 has handed the National Commission for Missing Persons an archive of 40 photographs of detainees who died at the Hama Military Airport prison, the commission said.

Among the dead is Ammar Ghassan Jundi, a pharmacist from Salamiyah arrested by Air Force Intelligence in June 2012, whose mother had searched for him for twelve years.

“I recognised his shirt before I recognised his face,” his mother, Nawal Jundi, said after seeing the photograph. The commission said it would hand copies to the families.""",
{"persons": [P("Ammar Ghassan Jundi"), P("Nawal Jundi")],
 "facilities": [E("Hama Military Airport prison")],
 "places": [E("Syria"), E("Salamiyah")],
 "organizations": [E("National Commission for Missing Persons"), E("Air Force Intelligence")],
 "events": [EV("death_in_custody", [("Ammar Ghassan Jundi", "victim")], "Hama Military Airport prison"),
            EV("arrest", [("Ammar Ghassan Jundi", "victim")], None, "2012-06"),
            EV("statement", [("Nawal Jundi", "subject")])]})

doc("hu_006", {"Title": "Prosecutors refer 12 former officers to criminal court", "Publisher": "Damascus Post", "Published": "2025-08-19", "Language": "en"},
"""The Public Prosecution in Damascus said on Monday it had referred 12 former officers of the Air Force Intelligence Directorate to the criminal court on charges of torture, murder and enforced disappearance.

The list includes Maj. Gen. Hisham Adib Marwan, a former deputy head of the directorate, and Brig. Gen. Samir Daoud Helou, who ran the Mezzeh airport prison between 2013 and 2016, Attorney General Fouad Sabri told reporters.

“These files are the result of eight months of work and hundreds of testimonies,” Sabri said.""",
{"persons": [P("Hisham Adib Marwan"), P("Samir Daoud Helou"), P("Fouad Sabri")],
 "facilities": [E("Mezzeh airport prison")],
 "places": [E("Damascus")],
 "organizations": [E("Public Prosecution"), E("Air Force Intelligence Directorate")],
 "events": [EV("referral_to_judiciary", [("Hisham Adib Marwan", "subject"), ("Samir Daoud Helou", "subject")], None, "2025-08-18"),
            EV("statement", [("Fouad Sabri", "subject")]),
            EV("testimony", [])]})

doc("hu_007", {"Title": "Detainee escaped Palmyra prison in 1996, now testifies", "Publisher": "The Syria Review", "Published": "2025-05-28", "Language": "en"},
"""Riad Mahmoud Kassab spent eleven years in Tadmor prison in the desert city of Palmyra before he escaped during a transfer in 1996 and made his way to Jordan.

On Tuesday he gave testimony to investigators from the International, Impartial and Independent Mechanism in Geneva, describing the mass executions carried out at Tadmor in the 1980s.

“We were made to watch,” Kassab said. He named a former prison director, Col. Fayez Salim Arnaout, whom he accused of ordering beatings that killed at least two men in his dormitory.""",
{"persons": [P("Riad Mahmoud Kassab"), P("Fayez Salim Arnaout")],
 "facilities": [E("Tadmor prison")],
 "places": [E("Palmyra"), E("Jordan"), E("Geneva")],
 "organizations": [E("International, Impartial and Independent Mechanism")],
 "events": [EV("escape", [("Riad Mahmoud Kassab", "subject")], "Tadmor prison", "1996"),
            EV("testimony", [("Riad Mahmoud Kassab", "witness")], "Geneva", "2025-05-27"),
            EV("execution_allegation", [], "Tadmor prison"),
            EV("statement", [("Riad Mahmoud Kassab", "subject")]),
            EV("torture_allegation", [("Fayez Salim Arnaout", "perpetrator")]),
            EV("death_in_custody", [("Fayez Salim Arnaout", "perpetrator")])]})

doc("hu_008", {"Title": "Interior ministry denies detainee was tortured in Jableh", "Publisher": "Coastal News Network", "Published": "2025-09-03", "Language": "en"},
"""The Interior Ministry on Tuesday denied reports that a man held in Jableh on suspicion of taking part in the March killings on the coast had been tortured, after photos of his bruised face circulated online.

The man, Kinan Yousef Badr, 29, was arrested on August 20. His lawyer, Rami Haidar, said Badr had been beaten during interrogation and had not been allowed to see his family.

A ministry spokesman said the injuries were sustained during the arrest, when Badr resisted, and that an internal inquiry had been opened.""",
{"persons": [P("Kinan Yousef Badr"), P("Rami Haidar")],
 "facilities": [],
 "places": [E("Jableh")],
 "organizations": [E("Interior Ministry")],
 "events": [EV("torture_allegation", [("Kinan Yousef Badr", "victim")], "Jableh"),
            EV("arrest", [("Kinan Yousef Badr", "subject")], "Jableh", "2025-08-20"),
            EV("statement", [("Rami Haidar", "subject")])]})
