# Held-out part: written after the rules were tuned on parts 1-3 and scored
# once without changing the rules for them (see docs/benchmarks-extraction.md).
from corpus1 import doc, P, E, EV

doc("ho_001", {"Title": "Syrian forces detain ex-warden of Homs military prison", "Publisher": "Associated Press Digest", "Published": "2025-02-20", "Language": "en"},
"""HOMS, Syria (AP) — Syrian security forces on Wednesday detained the former warden of Homs Military Prison, a man rights groups have linked to the deaths of dozens of inmates, the Interior Ministry said.

Brig. Gen. Mounir Adel el-Khoury ran the prison, known locally as al-Balouna, from 2012 until 2017, the ministry said. He was detained at a relative's home in the Waer district of Homs.

Former inmates told the AP that prisoners were routinely beaten and that several died after being denied medical care. El-Khoury has been handed over to the judiciary, the ministry said.""",
{"persons": [P("Mounir Adel el-Khoury")],
 "facilities": [E("Homs Military Prison", ["al-Balouna"])],
 "places": [E("Homs"), E("Syria"), E("Waer")],
 "organizations": [E("Interior Ministry"), E("AP")],
 "events": [EV("arrest", [("Mounir Adel el-Khoury", "subject")], "Waer", "2025-02-19"),
            EV("death_in_custody", [], "Homs Military Prison"),
            EV("torture_allegation", [], "Homs Military Prison"),
            EV("testimony", []),
            EV("referral_to_judiciary", [("Mounir Adel el-Khoury", "subject")])]})

doc("ho_002", {"Title": "Swedish prosecutors charge Syrian ex-officer over Sednaya abuses", "Publisher": "Nordic Courts Review", "Published": "2025-10-08", "Language": "en"},
"""Swedish prosecutors on Tuesday charged a 52-year-old former Syrian army officer with war crimes over the alleged torture of prisoners at Sednaya prison in 2012 and 2013.

The man, Mohamad Saeed Alloush, was arrested in Malmo in March after several survivors living in Sweden recognised him. Prosecutor Karin Lindqvist said the trial at the Stockholm District Court is expected to begin in November.

Alloush denies the accusations, his lawyer told Swedish radio.""",
{"persons": [P("Mohamad Saeed Alloush"), P("Karin Lindqvist")],
 "facilities": [E("Sednaya prison")],
 "places": [E("Malmo"), E("Sweden")],
 "organizations": [E("Stockholm District Court")],
 "events": [EV("torture_allegation", [("Mohamad Saeed Alloush", "perpetrator")], "Sednaya prison"),
            EV("arrest", [("Mohamad Saeed Alloush", "subject")], "Malmo", "2025-03"),
            EV("statement", [("Karin Lindqvist", "subject")])]})

doc("ho_003", {"Title": "Families search Sednaya files for missing relatives", "Publisher": "Levant Monitor", "Published": "2024-12-12", "Language": "en"},
"""Thousands of families converged on Sednaya prison north of Damascus this week after opposition fighters opened its gates on Sunday, searching for relatives who disappeared years ago.

Among them was Fatima al-Hussein, who has been looking for her husband, Ahmad Jassem al-Ali, since he was detained at a checkpoint in Aleppo in 2013. “Someone told me he was moved to Sednaya in 2014. After that, nothing,” she said.

The Syrian Civil Defence, known as the White Helmets, said its teams had searched the prison's basements for hidden cells but found none.""",
{"persons": [P("Fatima al-Hussein"), P("Ahmad Jassem al-Ali")],
 "facilities": [E("Sednaya prison")],
 "places": [E("Damascus"), E("Aleppo")],
 "organizations": [E("Syrian Civil Defence", ["White Helmets"])],
 "events": [EV("arrest", [("Ahmad Jassem al-Ali", "victim")], "Aleppo", "2013"),
            EV("statement", [("Fatima al-Hussein", "subject")])]})

doc("ho_004", {"Title": "Ex-Air Force Intelligence officer confesses to killing detainees in Hama", "Publisher": "Syria Accountability Daily", "Published": "2025-08-02", "Language": "en"},
"""A former Air Force Intelligence officer arrested last month in the Hama countryside has confessed to killing at least 15 detainees at the Hama Military Airport prison, the Interior Ministry said on Friday.

In a video released by the ministry, Capt. Yaman Ghazi Suleiman is seen describing how detainees were executed at night and buried near the runway. Suleiman, 39, was captured in the village of Kafr Buhum on July 14.

The ministry said he had been referred to the public prosecution in Hama.""",
{"persons": [P("Yaman Ghazi Suleiman")],
 "facilities": [E("Hama Military Airport prison")],
 "places": [E("Hama"), E("Kafr Buhum")],
 "organizations": [E("Air Force Intelligence"), E("Interior Ministry"), E("public prosecution")],
 "events": [EV("arrest", [("Yaman Ghazi Suleiman", "subject")], "Kafr Buhum", "2025-07-14"),
            EV("confession", [("Yaman Ghazi Suleiman", "subject")]),
            EV("execution_allegation", [("Yaman Ghazi Suleiman", "perpetrator")], "Hama Military Airport prison"),
            EV("referral_to_judiciary", [("Yaman Ghazi Suleiman", "subject")], "Hama")]})

doc("ho_005", {"Title": "Activist's death in Branch 215 confirmed a decade later", "Publisher": "The Syria Review", "Published": "2025-04-15", "Language": "en"},
"""The family of peaceful activist Omar Khaled Zaher learned this month that he died in Military Intelligence Branch 215 in Damascus in 2014, after his name appeared in records recovered from the branch.

Zaher, a lawyer from Daraa, was arrested by Military Intelligence in 2013 for organising protests. His sister, Huda Zaher, said former cellmates had told the family he was tortured repeatedly.

The Syrian Network for Human Rights says it has documented more than 15,000 deaths under torture in government detention since 2011.""",
{"persons": [P("Omar Khaled Zaher"), P("Huda Zaher")],
 "facilities": [E("Military Intelligence Branch 215")],
 "places": [E("Damascus"), E("Daraa")],
 "organizations": [E("Military Intelligence"), E("Syrian Network for Human Rights")],
 "events": [EV("death_in_custody", [("Omar Khaled Zaher", "victim")], "Military Intelligence Branch 215", "2014"),
            EV("arrest", [("Omar Khaled Zaher", "victim")], None, "2013"),
            EV("torture_allegation", [("Omar Khaled Zaher", "victim")]),
            EV("statement", [("Huda Zaher", "subject")]),
            EV("death_in_custody", [])]})

doc("ho_006", {"Title": "Wanted former jailer nicknamed ‘the Doctor’ caught in Idlib", "Publisher": "North Syria Observer", "Published": "2025-09-27", "Language": "en"},
"""General Security forces caught a former jailer at Adra Central Prison who detainees nicknamed “the Doctor” because he claimed to “treat” prisoners with beatings, the Idlib security directorate said on Saturday.

The man, Jihad Mahmoud Qassab, had been on a wanted list published in February. He was arrested at a checkpoint near Sarmada while trying to cross into Turkey with forged papers.

Qassab has been transferred to Damascus, where he will face trial, officials said.""",
{"persons": [P("Jihad Mahmoud Qassab", ["the Doctor"])],
 "facilities": [E("Adra Central Prison")],
 "places": [E("Sarmada"), E("Turkey"), E("Damascus"), E("Idlib")],
 "organizations": [E("General Security"), E("Idlib security directorate")],
 "events": [EV("arrest", [("Jihad Mahmoud Qassab", "subject")], "Sarmada"),
            EV("torture_allegation", [("Jihad Mahmoud Qassab", "perpetrator")], "Adra Central Prison")]})

doc("ho_007", {"Title": "Survivor tells Paris hearing of Mezzeh airport torture", "Publisher": "Europe Justice Wire", "Published": "2025-11-19", "Language": "en"},
"""Syrian survivor Nizar Hamdan testified on Tuesday before a Paris court trying two former intelligence officers in absentia, describing months of torture at the Mezzeh airport prison of Air Force Intelligence.

Hamdan, 44, told the court he was hung by his wrists for days and that he saw a fellow detainee, Fadi Rahmoun, die after an interrogation in 2012.

The defendants, Brig. Gen. Rifaat Hassan Khaddour and Col. Bassel Amin Nasr, are being tried for complicity in crimes against humanity. A verdict is expected next week.""",
{"persons": [P("Nizar Hamdan"), P("Fadi Rahmoun"), P("Rifaat Hassan Khaddour"), P("Bassel Amin Nasr")],
 "facilities": [E("Mezzeh airport prison")],
 "places": [E("Paris")],
 "organizations": [E("Air Force Intelligence")],
 "events": [EV("testimony", [("Nizar Hamdan", "witness")], "Paris"),
            EV("torture_allegation", [("Nizar Hamdan", "victim")], "Mezzeh airport prison"),
            EV("death_in_custody", [("Fadi Rahmoun", "victim")], None, "2012"),
            EV("trial", [("Rifaat Hassan Khaddour", "subject"), ("Bassel Amin Nasr", "subject")], "Paris")]})

doc("ho_008", {"Title": "Interior ministry: 9 arrested over 2013 Bayda massacre", "Publisher": "Coastal News Network", "Published": "2025-06-18", "Language": "en"},
"""The Interior Ministry said on Tuesday it had arrested nine men suspected of taking part in the May 2013 massacre in the village of al-Bayda near Baniyas, in which Human Rights Watch says at least 167 civilians were executed.

Among those detained is Ali Wafiq Ghanem, whom witnesses accuse of leading a militia unit of the National Defence Forces during the killings. Ghanem was arrested in the Tartus countryside, the ministry said.

A survivor of the massacre, Umm Mahmoud, told the ministry's investigators that gunmen shot her husband and two sons in front of her.""",
{"persons": [P("Ali Wafiq Ghanem"), P("Umm Mahmoud")],
 "facilities": [],
 "places": [E("al-Bayda"), E("Baniyas"), E("Tartus")],
 "organizations": [E("Interior Ministry"), E("Human Rights Watch"), E("National Defence Forces")],
 "events": [EV("arrest", [], "al-Bayda", "2025-06-17"),
            EV("execution_allegation", [("Ali Wafiq Ghanem", "perpetrator")], "al-Bayda", "2013-05"),
            EV("arrest", [("Ali Wafiq Ghanem", "subject")], "Tartus"),
            EV("testimony", [("Umm Mahmoud", "witness")])]})
