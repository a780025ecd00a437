from corpus1 import doc, P, E, EV

doc("en_011", {"Title": "Family of detained sergeant denies he served at Sednaya", "Publisher": "Homs Today", "Published": "2025-02-04", "Language": "en"},
"""The family of Sgt. Hassan Mahmoud Issa, who was arrested in Homs on Sunday, has denied that he ever served at Sednaya prison, saying he worked as a driver for an army supply unit.

Security officials accuse Issa of beating detainees during transfers between Sednaya and the Military Police headquarters in Qaboun. His brother, Wael Issa, told reporters that the accusations were based on a case of mistaken identity.

“My brother never set foot in that prison,” Wael Issa said. The Homs Internal Security Command did not respond to a request for comment.""",
{"persons": [P("Hassan Mahmoud Issa"), P("Wael Issa")],
 "facilities": [E("Sednaya prison")],
 "places": [E("Homs"), E("Qaboun")],
 "organizations": [E("Military Police"), E("Homs Internal Security Command")],
 "events": [EV("arrest", [("Hassan Mahmoud Issa", "subject")], "Homs", "2025-02-02"),
            EV("torture_allegation", [("Hassan Mahmoud Issa", "perpetrator")]),
            EV("statement", [("Wael Issa", "subject")])]})

doc("en_012", {"Title": "Two suspects detained in Homs raids on Karm al-Zeitoun", "Publisher": "Homs Today", "Published": "2025-01-16", "Language": "en"},
"""Security forces detained two men suspected of abuses against detainees during raids on the Karm al-Zeitoun and Nuzha neighbourhoods of Homs on Wednesday, local officials said.

The two were named as Firas Adnan Shaaban, a former warden at Homs Central Prison, and Nabil Tawfiq Yazji, who served in Military Intelligence Branch 261. Both were taken to an Interior Ministry facility for questioning.

Residents said the campaign, led by the Military Operations Department, also targeted people who had refused to hand over weapons.""",
{"persons": [P("Firas Adnan Shaaban"), P("Nabil Tawfiq Yazji")],
 "facilities": [E("Homs Central Prison"), E("Military Intelligence Branch 261")],
 "places": [E("Karm al-Zeitoun"), E("Nuzha"), E("Homs")],
 "organizations": [E("Interior Ministry"), E("Military Operations Department")],
 "events": [EV("arrest", [("Firas Adnan Shaaban", "subject"), ("Nabil Tawfiq Yazji", "subject")], "Karm al-Zeitoun", "2025-01-15")]})

doc("en_013", {"Title": "Interrogator known as Abu Haidar detained in Jableh", "Publisher": "Coastal News Network", "Published": "2025-04-11", "Language": "en"},
"""Abu Haidar al-Homsi, a notorious interrogator at the Air Force Intelligence prison at Mezzeh Military Airport, was detained in Jableh on Thursday, the General Security Service said.

The man, whose real name is Ali Suleiman Hamdan, is accused by former detainees of torturing prisoners with electric shocks and of causing the deaths of at least 30 people in custody between 2012 and 2014.

Survivors of the airport prison have described it as one of the most feared detention sites in the country. Hamdan was transferred to Damascus for interrogation.""",
{"persons": [P("Ali Suleiman Hamdan", ["Abu Haidar al-Homsi"])],
 "facilities": [E("Mezzeh Military Airport")],
 "places": [E("Jableh"), E("Damascus")],
 "organizations": [E("Air Force Intelligence"), E("General Security Service")],
 "events": [EV("arrest", [("Ali Suleiman Hamdan", "subject")], "Jableh", "2025-04-10"),
            EV("torture_allegation", [("Ali Suleiman Hamdan", "perpetrator")]),
            EV("death_in_custody", [("Ali Suleiman Hamdan", "perpetrator")]),
            EV("testimony", [])]})

doc("en_014", {"Title": "Justice minister says trials of former prison officials to begin soon", "Publisher": "Damascus Post", "Published": "2025-05-05", "Language": "en"},
"""Syria's Justice Minister Haitham Saleh Rahal said on Sunday that the first trials of former prison officials will open before the end of the year, and that more than 300 files have been prepared by investigators.

Speaking at a conference in Damascus organised by the National Commission for Transitional Justice, Rahal said the courts would give priority to cases involving deaths in detention.

“Victims and their families deserve to see those responsible in a courtroom, not on a video,” he said. He added that defendants would have access to lawyers of their choosing.

The commission's head, Reem Sabbagh, said the body had received more than 20,000 complaints from families of the missing.""",
{"persons": [P("Haitham Saleh Rahal"), P("Reem Sabbagh")],
 "facilities": [],
 "places": [E("Syria"), E("Damascus")],
 "organizations": [E("National Commission for Transitional Justice")],
 "events": [EV("statement", [("Haitham Saleh Rahal", "subject")]),
            EV("statement", [("Reem Sabbagh", "subject")])]})

doc("en_015", {"Title": "Missing persons commission opens registration offices", "Publisher": "Levant Monitor", "Published": "2025-06-30", "Language": "en"},
"""The National Commission for Missing Persons has opened registration offices in Aleppo, Idlib and Deir ez-Zor, where families can report relatives who disappeared in detention.

Commission member Tarek Jaber said on Monday that more than 112,000 people are estimated to have been forcibly disappeared since 2011, most of them in facilities run by the intelligence services.

Among those families is Umm Khaled, whose son Khaled Mahmoud al-Ali disappeared after he was arrested by Political Security in Aleppo in 2012. “Every day I wait for news,” she said.""",
{"persons": [P("Tarek Jaber"), P("Khaled Mahmoud al-Ali"), P("Umm Khaled")],
 "facilities": [],
 "places": [E("Aleppo"), E("Idlib"), E("Deir ez-Zor")],
 "organizations": [E("National Commission for Missing Persons"), E("Political Security")],
 "events": [EV("statement", [("Tarek Jaber", "subject")]),
            EV("arrest", [("Khaled Mahmoud al-Ali", "victim")], "Aleppo", "2012"),
            EV("statement", [("Umm Khaled", "subject")])]})

doc("en_016", {"Title": "Detained ex-guard dies in custody, officials cite heart attack", "Publisher": "North Syria Observer", "Published": "2025-03-03", "Language": "en"},
"""A former Sednaya prison guard who was arrested in January died in custody in Idlib on Saturday, officials said, attributing the death to a heart attack.

Younes Khalil Barakat, 53, had been held at a General Security facility pending trial on charges of torturing detainees. His family said he suffered from heart disease and demanded an independent autopsy.

The Syrian Observatory for Human Rights said it had documented at least four deaths of detainees held on suspicion of crimes under the former government since December.""",
{"persons": [P("Younes Khalil Barakat")],
 "facilities": [E("Sednaya prison")],
 "places": [E("Idlib")],
 "organizations": [E("General Security"), E("Syrian Observatory for Human Rights")],
 "events": [EV("death_in_custody", [("Younes Khalil Barakat", "victim")], "Idlib", "2025-03-01"),
            EV("arrest", [("Younes Khalil Barakat", "subject")], None, "2025-01"),
            EV("torture_allegation", [("Younes Khalil Barakat", "perpetrator")])]})

doc("en_017", {"Title": "Lebanon hands over former Syrian officer wanted for detainee abuse", "Publisher": "Beirut Daily Star Review", "Published": "2025-07-22", "Language": "en"},
"""Lebanese authorities on Monday handed over to Syria a former officer of the Military Intelligence Directorate who is wanted in Damascus on charges of torturing detainees, a Lebanese judicial source said.

Col. Ghassan Nadim Jaafar was arrested two weeks ago in the northern city of Tripoli, where he had been living under a false name. He was transferred through the Masnaa border crossing and handed to the Syrian Interior Ministry.

Jaafar commanded an interrogation unit at Military Intelligence Branch 215 in Damascus, according to the ministry, which said he would be referred to the judiciary.""",
{"persons": [P("Ghassan Nadim Jaafar")],
 "facilities": [E("Military Intelligence Branch 215")],
 "places": [E("Lebanon"), E("Syria"), E("Damascus"), E("Tripoli"), E("Masnaa")],
 "organizations": [E("Military Intelligence Directorate"), E("Interior Ministry")],
 "events": [EV("arrest", [("Ghassan Nadim Jaafar", "subject")], "Tripoli"),
            EV("torture_allegation", [("Ghassan Nadim Jaafar", "perpetrator")])]})

doc("en_018", {"Title": "Paris court convicts three ex-officials in absentia over detainee deaths", "Publisher": "Europe Justice Wire", "Published": "2025-05-24", "Language": "en"},
"""A Paris criminal court on Friday convicted three former senior Syrian security officials in absentia of complicity in crimes against humanity over the deaths in detention of two French-Syrian citizens.

The court sentenced Maj. Gen. Adel Fares Hamdi, a former head of the National Security Bureau, and Brig. Gen. Suhail Rafiq Mualla, who ran the investigation branch of Air Force Intelligence at Mezzeh airport, to life imprisonment. A third defendant, Brig. Gen. Kamal Issa Darwish, received a 20-year sentence.

The victims, a father and son, were arrested in Damascus in 2013 and died in custody. None of the defendants attended the trial.""",
{"persons": [P("Adel Fares Hamdi"), P("Suhail Rafiq Mualla"), P("Kamal Issa Darwish")],
 "facilities": [E("Mezzeh airport")],
 "places": [E("Paris"), E("Damascus")],
 "organizations": [E("National Security Bureau"), E("Air Force Intelligence")],
 "events": [EV("conviction", [("Adel Fares Hamdi", "subject")], "Paris", "2025-05-23"),
            EV("conviction", [("Suhail Rafiq Mualla", "subject")], "Paris", "2025-05-23"),
            EV("conviction", [("Kamal Issa Darwish", "subject")], "Paris", "2025-05-23"),
            EV("arrest", [], "Damascus", "2013"),
            EV("death_in_custody", []),
            EV("trial", [("Adel Fares Hamdi", "subject"), ("Suhail Rafiq Mualla", "subject"), ("Kamal Issa Darwish", "subject")])]})

doc("en_019", {"Title": "‘We were numbers, not names’: women recall Adra prison", "Publisher": "The Syria Review", "Published": "2025-02-10", "Language": "en"},
"""For nine months in 2015, Rasha Hamwi shared a cell built for ten with more than forty women in the women's wing of Adra Central Prison, north-east of Damascus.

Hamwi, a former nurse from Daraya, had been arrested by Air Force Intelligence at a checkpoint and held at the Mezzeh airport branch for two months before her transfer to Adra. There, she said, interrogators beat her with cables and threatened to arrest her younger sister.

“We were numbers, not names,” Hamwi said. She testified last year before a Dutch investigative team and has joined the Caesar Families Association.""",
{"persons": [P("Rasha Hamwi")],
 "facilities": [E("Adra Central Prison"), E("Mezzeh airport branch")],
 "places": [E("Damascus"), E("Daraya")],
 "organizations": [E("Air Force Intelligence"), E("Caesar Families Association")],
 "events": [EV("arrest", [("Rasha Hamwi", "victim")]),
            EV("torture_allegation", [("Rasha Hamwi", "victim")]),
            EV("testimony", [("Rasha Hamwi", "witness")], None, "2024"),
            EV("statement", [("Rasha Hamwi", "subject")])]})

doc("en_020", {"Title": "Man dubbed ‘Hangman of Branch 227’ arrested in Daraa", "Publisher": "Southern Front News", "Published": "2025-08-15", "Language": "en"},
"""Security forces in Daraa arrested Wassim Nadim Barakat, dubbed the “Hangman of Branch 227” by former detainees, in a raid on a farm near the town of Nawa on Thursday, the Interior Ministry said.

Barakat is alleged to have carried out dozens of executions inside Military Intelligence Branch 227 in Damascus between 2012 and 2016. A former detainee told investigators that Barakat boasted of the number of prisoners he had killed.

The ministry said Barakat confessed during initial questioning and that he would be referred to the judiciary. It published photographs of weapons seized at the farm.""",
{"persons": [P("Wassim Nadim Barakat", ["Hangman of Branch 227"])],
 "facilities": [E("Military Intelligence Branch 227")],
 "places": [E("Daraa"), E("Nawa"), E("Damascus")],
 "organizations": [E("Interior Ministry")],
 "events": [EV("arrest", [("Wassim Nadim Barakat", "subject")], "Nawa", "2025-08-14"),
            EV("execution_allegation", [("Wassim Nadim Barakat", "perpetrator")], "Military Intelligence Branch 227"),
            EV("confession", [("Wassim Nadim Barakat", "subject")]),
            EV("testimony", [])]})
