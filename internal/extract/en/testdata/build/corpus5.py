# Second held-out part: written after every rule change and scored once,
# untouched afterwards (see docs/benchmarks-extraction.md).
from corpus1 import doc, P, E, EV

doc("ht_001", {"Title": "Syria arrests ex-security chief over 2012 Daraya killings", "Publisher": "Middle East Brief", "Published": "2025-05-07", "Language": "en"},
"""Syrian authorities said on Tuesday they had captured Maj. Gen. Raed Hisham Awad, a former head of Air Force Intelligence operations in the Damascus countryside, whom survivors blame for mass executions in the town of Darayya in August 2012.

Awad was seized in a farmhouse outside the coastal town of Baniyas, according to a statement from the Interior Ministry. It said he would be questioned before being handed to the judiciary.

More than 500 people were killed in Darayya over several days, according to local activists. Awad has not commented on the accusations.""",
{"persons": [P("Raed Hisham Awad")],
 "facilities": [],
 "places": [E("Darayya"), E("Baniyas"), E("Damascus")],
 "organizations": [E("Air Force Intelligence"), E("Interior Ministry")],
 "events": [EV("arrest", [("Raed Hisham Awad", "subject")], "Baniyas"),
            EV("execution_allegation", [("Raed Hisham Awad", "perpetrator")], "Darayya", "2012-08")]})

doc("ht_002", {"Title": "Witness: ‘I counted the hangings by the sound’", "Publisher": "The Syria Review", "Published": "2025-03-25", "Language": "en"},
"""Mahmoud Saleh al-Tayeb spent four years in the white building of Sednaya prison. On Monday he described to a panel of the National Commission for Transitional Justice how he learned to count the executions at night.

“We heard the trucks, then the names, then nothing,” al-Tayeb said. He told the panel that guards beat him so badly in 2016 that he lost the hearing in one ear.

Al-Tayeb, who was released in 2019, named two guards he said took part in the beatings: Karam Yasin Othman and a man known only as Abu Ali.""",
{"persons": [P("Mahmoud Saleh al-Tayeb"), P("Karam Yasin Othman"), P("Abu Ali")],
 "facilities": [E("Sednaya prison")],
 "places": [],
 "organizations": [E("National Commission for Transitional Justice")],
 "events": [EV("testimony", [("Mahmoud Saleh al-Tayeb", "witness")]),
            EV("execution_allegation", [], "Sednaya prison"),
            EV("statement", [("Mahmoud Saleh al-Tayeb", "subject")]),
            EV("torture_allegation", [("Mahmoud Saleh al-Tayeb", "victim"), ("Karam Yasin Othman", "perpetrator"), ("Abu Ali", "perpetrator")], None, "2016")]})

doc("ht_003", {"Title": "Former Adra prison director sentenced to 15 years", "Publisher": "Damascus Post", "Published": "2025-12-01", "Language": "en"},
"""A Damascus criminal court on Sunday handed a 15-year prison sentence to Brig. Gen. Sami Fawzi Haddad, who directed Adra Central Prison between 2011 and 2016, for the torture of inmates and the deaths of at least nine prisoners in his custody.

Haddad, 67, was arrested in January and confessed during interrogation, according to the Public Prosecution. His lawyer said the verdict would be appealed.""",
{"persons": [P("Sami Fawzi Haddad")],
 "facilities": [E("Adra Central Prison")],
 "places": [E("Damascus")],
 "organizations": [E("Public Prosecution")],
 "events": [EV("conviction", [("Sami Fawzi Haddad", "subject")], "Damascus", "2025-11-30"),
            EV("torture_allegation", [("Sami Fawzi Haddad", "perpetrator")], "Adra Central Prison"),
            EV("death_in_custody", [("Sami Fawzi Haddad", "perpetrator")], "Adra Central Prison"),
            EV("arrest", [("Sami Fawzi Haddad", "subject")], None, "2025-01"),
            EV("confession", [("Sami Fawzi Haddad", "subject")])]})

doc("ht_004", {"Title": "Rights group: detainee died in new authorities' custody in Homs", "Publisher": "Levant Monitor", "Published": "2025-04-03", "Language": "en"},
"""A man detained on suspicion of having served in the former government's militias died in custody in Homs last week, the Syrian Network for Human Rights said on Wednesday, calling for an investigation.

The group named the man as Hassan Ali Mahfouz, 34, from the Karm al-Loz neighbourhood. His family said his body showed signs of beating when it was returned to them.

A spokesman for the Homs security directorate, Khaled Masri, said Mahfouz died of natural causes and denied that he had been mistreated.""",
{"persons": [P("Hassan Ali Mahfouz"), P("Khaled Masri")],
 "facilities": [],
 "places": [E("Homs"), E("Karm al-Loz")],
 "organizations": [E("Syrian Network for Human Rights"), E("Homs security directorate")],
 "events": [EV("death_in_custody", [("Hassan Ali Mahfouz", "victim")], "Homs"),
            EV("torture_allegation", [("Hassan Ali Mahfouz", "victim")]),
            EV("statement", [("Khaled Masri", "subject")])]})

doc("ht_005", {"Title": "Netherlands opens case against Syrian over Palestine Branch torture", "Publisher": "Europe Justice Wire", "Published": "2025-09-09", "Language": "en"},
"""Dutch police have arrested a Syrian man living in Utrecht on suspicion of torturing detainees at the Palestine Branch in Damascus between 2012 and 2014, the Dutch public prosecution service said on Monday.

Prosecutors identified the suspect only as Ayman H., 49, in line with Dutch privacy rules. He is suspected of beating and electrocuting prisoners during interrogations.

The case was built on the testimony of three former detainees now living in Germany and the Netherlands.""",
{"persons": [],
 "facilities": [E("Palestine Branch")],
 "places": [E("Utrecht"), E("Damascus"), E("Germany"), E("Netherlands")],
 "organizations": [E("Dutch public prosecution service")],
 "events": [EV("arrest", [], "Utrecht", None),
            EV("torture_allegation", [], "Palestine Branch"),
            EV("testimony", [])]})

doc("ht_006", {"Title": "Interior ministry names 5 suspects in Tadamon massacre", "Publisher": "Syria Accountability Daily", "Published": "2025-02-25", "Language": "en"},
"""The Interior Ministry on Monday named five men it is seeking over the 2013 Tadamon massacre in southern Damascus, after arresting a sixth, Nader Wahib Saqqa, in the Jaramana area.

The wanted men include Tarek Fouad Hilal and Sleiman Rashid Mirza, both former members of Military Intelligence Branch 227, the ministry said in a statement. Saqqa is accused of helping to dig the pit into which blindfolded civilians were shot.

Saqqa was referred to the judiciary on Sunday.""",
{"persons": [P("Nader Wahib Saqqa"), P("Tarek Fouad Hilal"), P("Sleiman Rashid Mirza")],
 "facilities": [E("Military Intelligence Branch 227")],
 "places": [E("Tadamon"), E("Damascus"), E("Jaramana")],
 "organizations": [E("Interior Ministry")],
 "events": [EV("arrest", [("Nader Wahib Saqqa", "subject")], "Jaramana"),
            EV("execution_allegation", [("Nader Wahib Saqqa", "perpetrator")], "Tadamon", "2013"),
            EV("referral_to_judiciary", [("Nader Wahib Saqqa", "subject")], None, "2025-02-23")]})
