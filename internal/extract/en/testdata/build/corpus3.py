from corpus1 import doc, P, E, EV

doc("en_021", {"Title": "Three former guards held in Jableh security sweep", "Publisher": "Coastal News Network", "Published": "2025-03-11", "Language": "en"},
"""The Interior Ministry said on Telegram on Tuesday that its units in Jableh had arrested three men who worked as guards at Sednaya Military Prison: Mohammed Ali Shahin, Hussam Karim Ahmad and Samer Jamil Hassoun.

The three are accused of taking part in the torture and killing of detainees. The ministry published a short video in which Shahin admits to beating prisoners “on the orders of the officers”.

The arrests came a day after the ministry announced the capture of a senior officer in the nearby town of Qardaha.""",
{"persons": [P("Mohammed Ali Shahin"), P("Hussam Karim Ahmad"), P("Samer Jamil Hassoun")],
 "facilities": [E("Sednaya Military Prison")],
 "places": [E("Jableh"), E("Qardaha")],
 "organizations": [E("Interior Ministry")],
 "events": [EV("arrest", [("Mohammed Ali Shahin", "subject"), ("Hussam Karim Ahmad", "subject"), ("Samer Jamil Hassoun", "subject")], "Jableh", "2025-03-11"),
            EV("torture_allegation", [("Mohammed Ali Shahin", "perpetrator"), ("Hussam Karim Ahmad", "perpetrator"), ("Samer Jamil Hassoun", "perpetrator")]),
            EV("execution_allegation", [("Mohammed Ali Shahin", "perpetrator"), ("Hussam Karim Ahmad", "perpetrator"), ("Samer Jamil Hassoun", "perpetrator")]),
            EV("confession", [("Mohammed Ali Shahin", "subject")]),
            EV("arrest", [], "Qardaha")]})

doc("en_022", {"Title": "Brief: former intelligence officer arrested", "Publisher": "Syria Accountability Daily", "Published": "unknown", "Language": "en"},
"""Syrian security forces arrested a former officer of the Military Intelligence Directorate in the Damascus suburb of Jaramana, the Interior Ministry said. The ministry did not name the man but said he was suspected of involvement in the abuse of detainees at the Palestine Branch.

The arrest is the latest in a campaign that has netted dozens of former security personnel since January.""",
{"persons": [],
 "facilities": [E("Palestine Branch")],
 "places": [E("Damascus"), E("Jaramana")],
 "organizations": [E("Military Intelligence Directorate"), E("Interior Ministry")],
 "events": [EV("arrest", [], "Jaramana")]})

doc("en_023", {"Title": "Analysis: What the Caesar photos still tell us", "Publisher": "The Syria Review", "Published": "2025-01-30", "Language": "en"},
"""More than a decade after a military photographer smuggled some 53,000 images out of Syria, the so-called Caesar photos remain the single largest body of evidence of deaths in government detention.

Most of the bodies were photographed at Military Hospital 601 in Mezzeh and at Tishreen Military Hospital, where the dead from intelligence branches across Damascus were brought. Investigators from Human Rights Watch matched numbers written on the bodies to Branch 215, Branch 227 and the Palestine Branch.

The images were central to cases in Germany, France and Sweden, and to the Caesar Syria Civilian Protection Act passed by the United States Congress in 2019. Since December, the Caesar Families Association has pressed the new authorities to open the hospitals' archives.""",
{"persons": [],
 "facilities": [E("Military Hospital 601"), E("Tishreen Military Hospital"), E("Branch 215"), E("Branch 227"), E("Palestine Branch")],
 "places": [E("Syria"), E("Mezzeh"), E("Damascus"), E("Germany"), E("France"), E("Sweden"), E("United States")],
 "organizations": [E("Human Rights Watch"), E("Caesar Families Association"), E("United States Congress")],
 "events": [EV("death_in_custody", [])]})

doc("en_024", {"Title": "Doctor accused of falsifying detainee death certificates arrested", "Publisher": "Damascus Post", "Published": "2025-04-24", "Language": "en"},
"""Dr. Bassam Yusuf Kanaan, a former physician at Tishreen Military Hospital, was arrested in Damascus yesterday on suspicion of falsifying the death certificates of detainees who died under torture, the Interior Ministry said.

Kanaan, 61, allegedly recorded “heart failure” or “respiratory arrest” as the cause of death for hundreds of prisoners brought from Sednaya and the intelligence branches between 2011 and 2015.

A former hospital employee, Mustafa Hilal, said in an interview last month that Kanaan ordered staff to ignore signs of beating on the bodies.""",
{"persons": [P("Bassam Yusuf Kanaan"), P("Mustafa Hilal")],
 "facilities": [E("Tishreen Military Hospital"), E("Sednaya")],
 "places": [E("Damascus")],
 "organizations": [E("Interior Ministry")],
 "events": [EV("arrest", [("Bassam Yusuf Kanaan", "subject")], "Damascus", "2025-04-23"),
            EV("death_in_custody", []),
            EV("statement", [("Mustafa Hilal", "subject")]),
            EV("testimony", [("Mustafa Hilal", "witness")])]})

doc("en_025", {"Title": "UN inquiry urges preservation of prison records", "Publisher": "Geneva Briefing", "Published": "2025-03-18", "Language": "en"},
"""The UN Commission of Inquiry on Syria on Monday urged the authorities in Damascus to secure the records of former detention facilities, warning that looting and fires had already destroyed documents at several sites.

Commission chair Paolo Ferretti told reporters in Geneva that files found at Sednaya Military Prison and at the Political Security branch in Fayhaa could help families learn the fate of relatives who went missing.

“These documents belong to the victims,” Ferretti said. The commission has documented the deaths in custody of thousands of people since 2011.""",
{"persons": [P("Paolo Ferretti")],
 "facilities": [E("Sednaya Military Prison"), E("Political Security branch")],
 "places": [E("Syria"), E("Damascus"), E("Geneva"), E("Fayhaa")],
 "organizations": [E("UN"), E("UN Commission of Inquiry")],
 "events": [EV("statement", [("Paolo Ferretti", "subject")]),
            EV("death_in_custody", [])]})

doc("en_026", {"Title": "Amnesty: up to 13,000 hanged in secret at Sednaya", "Publisher": "Rights Archive", "Published": "2017-02-07", "Language": "en"},
"""Amnesty International said on Tuesday that as many as 13,000 people, most of them civilians believed to oppose the government, were secretly hanged at Sednaya Military Prison between September 2011 and December 2015.

In a report titled “Human Slaughterhouse”, the group said detainees were taken from their cells in the middle of the night, told they were being transferred to a civilian prison, and hanged in the basement of the prison's white building.

The report, based on interviews with 84 witnesses including former guards, officials and detainees, said prisoners were systematically tortured and deprived of food, water and medical care. The government has rejected the accusations.""",
{"persons": [],
 "facilities": [E("Sednaya Military Prison", ["Human Slaughterhouse"])],
 "places": [],
 "organizations": [E("Amnesty International")],
 "events": [EV("execution_allegation", [], "Sednaya Military Prison", "2011-09"),
            EV("torture_allegation", []),
            EV("testimony", [])]})

doc("en_027", {"Title": "First trial of former Sednaya director opens in Damascus", "Publisher": "Damascus Post", "Published": "2025-09-16", "Language": "en"},
"""The trial of Brig. Gen. Talal Wahid Sharaf, who directed Sednaya Military Prison from 2014 to 2018, opened on Monday before the Criminal Court in Damascus, in the first public hearing of its kind.

Prosecutors charged Sharaf with murder, torture and enforced disappearance. Three former detainees testified during the session, including Ammar Zein al-Abidin, who said he saw guards beat a fellow prisoner to death in 2016.

Sharaf pleaded not guilty. His lawyer, Marwan Qasim, said the general had “no authority over the guards”. The court adjourned the trial until October 6.""",
{"persons": [P("Talal Wahid Sharaf"), P("Ammar Zein al-Abidin"), P("Marwan Qasim")],
 "facilities": [E("Sednaya Military Prison")],
 "places": [E("Damascus")],
 "organizations": [E("Criminal Court")],
 "events": [EV("trial", [("Talal Wahid Sharaf", "subject")], "Damascus", "2025-09-15"),
            EV("testimony", [("Ammar Zein al-Abidin", "witness")]),
            EV("death_in_custody", [], None, "2016"),
            EV("torture_allegation", []),
            EV("statement", [("Marwan Qasim", "subject")])]})

doc("en_028", {"Title": "Court sentences former guard to death for Sednaya killings", "Publisher": "Damascus Post", "Published": "2025-11-03", "Language": "en"},
"""A criminal court in Damascus on Sunday sentenced former Sednaya guard Issam Hadi Sweid to death after finding him guilty of killing 11 detainees between 2013 and 2015.

The court heard that Sweid, nicknamed “Azrael of the White Building” by prisoners, beat detainees to death during punishment sessions. Two survivors testified against him during the trial, which lasted three months.

Sweid's co-defendant, Louay Fadel Nahhas, was acquitted for lack of evidence and released. The prosecution said it would appeal the acquittal.""",
{"persons": [P("Issam Hadi Sweid", ["Azrael of the White Building"]), P("Louay Fadel Nahhas")],
 "facilities": [E("Sednaya")],
 "places": [E("Damascus")],
 "organizations": [],
 "events": [EV("conviction", [("Issam Hadi Sweid", "subject")], "Damascus", "2025-11-02"),
            EV("execution_allegation", [("Issam Hadi Sweid", "perpetrator")]),
            EV("torture_allegation", [("Issam Hadi Sweid", "perpetrator")]),
            EV("testimony", []),
            EV("trial", [("Issam Hadi Sweid", "subject")])]})

doc("en_029", {"Title": "Ministry says 41 detained officers freed after investigations", "Publisher": "Syria Accountability Daily", "Published": "2025-06-09", "Language": "en"},
"""The Ministry of Interior said on Sunday it had released 41 former army and police officers after investigations found no evidence linking them to abuses, and that 17 others had been referred to the judiciary.

Ministry spokesman Nour al-Din al-Baba said those released included Col. Amer Fouad Sleiman, whose arrest in April had prompted protests in his home town of Masyaf.

“We do not punish people for the uniform they wore, only for the crimes they committed,” al-Baba said.""",
{"persons": [P("Nour al-Din al-Baba"), P("Amer Fouad Sleiman")],
 "facilities": [],
 "places": [E("Masyaf")],
 "organizations": [E("Ministry of Interior")],
 "events": [EV("referral_to_judiciary", []),
            EV("statement", [("Nour al-Din al-Baba", "subject")]),
            EV("arrest", [("Amer Fouad Sleiman", "subject")], None, "2025-04")]})

doc("en_030", {"Title": "Turkish police detain Syrian suspected of Sednaya crimes in Gaziantep", "Publisher": "Anatolia Desk", "Published": "2025-10-21", "Language": "en"},
"""Turkish police have detained a Syrian man in Gaziantep who is suspected of torturing prisoners at Sednaya prison, following a complaint filed by three former detainees, his lawyer said on Tuesday.

The man, identified by his initials as M.K., was arrested last week and remains in custody pending a decision by prosecutors on whether to charge him, lawyer Emre Yilmaz said.

The complaint was prepared with the help of the Syria Justice and Accountability Centre, which has collected testimonies from more than 200 survivors of the prison.""",
{"persons": [P("Emre Yilmaz")],
 "facilities": [E("Sednaya prison")],
 "places": [E("Gaziantep")],
 "organizations": [E("Syria Justice and Accountability Centre")],
 "events": [EV("arrest", [], "Gaziantep"),
            EV("torture_allegation", [], "Sednaya prison"),
            EV("statement", [("Emre Yilmaz", "subject")]),
            EV("testimony", [])]})

doc("en_031", {"Title": "Suspect in Saydnaya executions held after months on the run", "Publisher": "Levant Monitor", "Published": "2025-12-05", "Language": "en"},
"""Security forces yesterday arrested a former first lieutenant accused of supervising executions at Saydnaya prison, ending a manhunt that began last month when he escaped a raid on his house in Tartus.

The Interior Ministry identified the man as First Lt. Rabih Mounir Saleh and said he was found hiding in an olive grove outside the village of Ain al-Sharqiya near Jableh.

Saleh, who is from the town of Baniyas, had been on the ministry's wanted list since February. He was referred to the judiciary on the same day, the ministry added.""",
{"persons": [P("Rabih Mounir Saleh", [], "Baniyas")],
 "facilities": [E("Saydnaya prison")],
 "places": [E("Tartus"), E("Ain al-Sharqiya"), E("Jableh"), E("Baniyas")],
 "organizations": [E("Interior Ministry")],
 "events": [EV("arrest", [("Rabih Mounir Saleh", "subject")], "Ain al-Sharqiya", "2025-12-04"),
            EV("execution_allegation", [("Rabih Mounir Saleh", "perpetrator")], "Saydnaya prison"),
            EV("escape", [("Rabih Mounir Saleh", "subject")], "Tartus", "2025-11"),
            EV("referral_to_judiciary", [("Rabih Mounir Saleh", "subject")])]})

doc("en_032", {"Title": "Who is Thamer al-Sayyed, the officer behind the ‘night transfers’?", "Publisher": "The Syria Review", "Published": "2025-07-01", "Language": "en"},
"""Thamer al-Sayyed, a former deputy director of Sednaya Military Prison, was born in the village of Bustan al-Hamam in the countryside of Tartus in 1966. He joined the Military Police in the late 1980s and rose to the rank of colonel.

Survivors interviewed by the Association of Detainees and the Missing in Sednaya Prison say al-Sayyed personally organised the “night transfers” in which detainees were taken from their cells to be executed. He is also accused of ordering the starvation of prisoners in 2015.

Al-Sayyed, also known as “Abu Yamen”, has not been seen in public since December 2024, and is believed to be in Russia.""",
{"persons": [P("Thamer al-Sayyed", ["Abu Yamen"], "Bustan al-Hamam")],
 "facilities": [E("Sednaya Military Prison")],
 "places": [E("Bustan al-Hamam"), E("Tartus"), E("Russia")],
 "organizations": [E("Military Police"), E("Association of Detainees and the Missing in Sednaya Prison")],
 "events": [EV("execution_allegation", [("Thamer al-Sayyed", "perpetrator")], "Sednaya Military Prison"),
            EV("torture_allegation", [("Thamer al-Sayyed", "perpetrator")], None, "2015"),
            EV("testimony", [])]})
