# Athar English extraction corpus, part 1: texts written for the project by
# its engineers, modelled on the kind of English news published about Syrian
# detention since December 2024. Every person named is fictional; places,
# facilities and organizations are real. Gold annotations follow each text.
DOCS = []

def doc(id, header, body, gold):
    DOCS.append((id, header, body, gold))

def P(name, aliases=(), birthplace=None):
    d = {"name": name, "aliases": list(aliases)}
    if birthplace:
        d["birthplace"] = birthplace
    return d

def E(name, aliases=()):
    return {"name": name, "aliases": list(aliases)}

def EV(type, who=(), where=None, date=None):
    return {"type": type, "who": [{"name": n, "role": r} for n, r in who], "where": where, "date": date}

doc("en_001", {"Title": "Former Sednaya guard arrested in Hama countryside", "Publisher": "Levant Monitor", "Published": "2025-02-13", "URL": "https://example.org/levant/2025/02/13/sednaya-guard-hama", "Language": "en"},
"""Syria's Ministry of Interior said on Tuesday it had arrested Ahmad Khalil al-Darwish, a former guard at Sednaya Military Prison, during a security operation in the countryside of Hama.

According to the ministry, al-Darwish served in the prison's red building between 2013 and 2018. Former detainees accuse him of torturing prisoners and of taking part in executions carried out in the prison's basement.

Al-Darwish, who was known among detainees as “the Butcher”, was caught in the town of Suqaylabiyah after weeks of surveillance, the statement said. He was referred to the Public Prosecution in Hama to complete legal proceedings.

The ministry urged citizens to report the whereabouts of anyone involved in crimes against detainees.""",
{"persons": [P("Ahmad Khalil al-Darwish", ["the Butcher"])],
 "facilities": [E("Sednaya Military Prison")],
 "places": [E("Syria"), E("Hama"), E("Suqaylabiyah")],
 "organizations": [E("Ministry of Interior"), E("Public Prosecution")],
 "events": [EV("arrest", [("Ahmad Khalil al-Darwish", "subject")], "Suqaylabiyah", "2025-02-11"),
            EV("torture_allegation", [("Ahmad Khalil al-Darwish", "perpetrator")], "Sednaya Military Prison"),
            EV("execution_allegation", [("Ahmad Khalil al-Darwish", "perpetrator")], "Sednaya Military Prison"),
            EV("referral_to_judiciary", [("Ahmad Khalil al-Darwish", "subject")], "Hama")]})

doc("en_002", {"Title": "Ex-officer confesses on camera to ordering hangings at Sednaya", "Publisher": "Syria Accountability Daily", "Published": "2025-03-08", "Language": "en"},
"""The Syrian Interior Ministry on Friday released a video in which Brig. Gen. Nizar Suleiman Haddad, a former officer of the Military Police, confessed to signing execution orders for detainees held at Sednaya prison between 2012 and 2015.

In the recording, Haddad says he oversaw weekly hangings in the prison and that the bodies were taken to Tishreen Military Hospital. He denied personally torturing anyone.

Haddad was arrested last month in the coastal city of Latakia, the ministry said. Rights groups have long accused the Military Police of running Sednaya as a place of extermination.

“Every confession we publish is documented and will be handed to the courts,” ministry spokesman Nour al-Din al-Baba said.""",
{"persons": [P("Nizar Suleiman Haddad"), P("Nour al-Din al-Baba")],
 "facilities": [E("Sednaya prison"), E("Tishreen Military Hospital")],
 "places": [E("Latakia")],
 "organizations": [E("Interior Ministry"), E("Military Police")],
 "events": [EV("confession", [("Nizar Suleiman Haddad", "subject")], None, "2025-03-07"),
            EV("execution_allegation", [("Nizar Suleiman Haddad", "perpetrator")], "Sednaya prison"),
            EV("torture_allegation", [("Nizar Suleiman Haddad", "perpetrator")]),
            EV("arrest", [("Nizar Suleiman Haddad", "subject")], "Latakia", "2025-02"),
            EV("statement", [("Nour al-Din al-Baba", "subject")])]})

doc("en_003", {"Title": "Brother recounts how detainee died under torture in Palestine Branch", "Publisher": "Justice Files", "Published": "2025-01-20", "Language": "en", "Source-note": "interview conducted in Damascus"},
"""Samer Nasser still keeps the photograph he found among the Caesar files. It shows his brother, Khaled Omar Nasser, a 27-year-old engineering student from Douma, who was arrested at a checkpoint in Damascus in March 2013.

“They took him to the Palestine Branch. A released prisoner told us he was beaten every day,” Samer Nasser said. Khaled died under torture in the branch in the autumn of 2013, according to the family.

The family learned of his death only in 2015, when the photographs smuggled out by the military photographer known as “Caesar” were published. Military Intelligence never returned his body.

Samer Nasser has since given testimony to investigators from the International, Impartial and Independent Mechanism.""",
{"persons": [P("Samer Nasser"), P("Khaled Omar Nasser")],
 "facilities": [E("Palestine Branch")],
 "places": [E("Douma"), E("Damascus")],
 "organizations": [E("Military Intelligence"), E("International, Impartial and Independent Mechanism")],
 "events": [EV("arrest", [("Khaled Omar Nasser", "victim")], "Damascus", "2013-03"),
            EV("torture_allegation", [("Khaled Omar Nasser", "victim")], "Palestine Branch"),
            EV("death_in_custody", [("Khaled Omar Nasser", "victim")], "Palestine Branch", "2013"),
            EV("testimony", [("Samer Nasser", "witness")]),
            EV("statement", [("Samer Nasser", "subject")])]})

doc("en_004", {"Title": "German court jails former Syrian intelligence officer for life", "Publisher": "Europe Justice Wire", "Published": "2025-06-13", "Language": "en"},
"""KOBLENZ, Germany — A German court on Thursday convicted a former Syrian intelligence officer of crimes against humanity and sentenced him to life in prison for his role in the torture of detainees at Branch 251 in Damascus.

The Higher Regional Court in Koblenz found that Eyad Mansour al-Hallaq, 58, supervised interrogations at the branch, also known as al-Khatib Branch, between 2011 and 2012, when at least 4,000 people were tortured there.

During the two-year trial, more than 80 witnesses testified, among them former detainee Lina Haddad, who told the court she was beaten and hung from the ceiling for days.

Al-Hallaq, who fled Syria in 2013 and applied for asylum in Germany, denied the charges. His lawyer said he would appeal.""",
{"persons": [P("Eyad Mansour al-Hallaq"), P("Lina Haddad")],
 "facilities": [E("Branch 251", ["al-Khatib Branch"])],
 "places": [E("Koblenz"), E("Germany"), E("Damascus"), E("Syria")],
 "organizations": [E("Higher Regional Court in Koblenz")],
 "events": [EV("conviction", [("Eyad Mansour al-Hallaq", "subject")], "Koblenz", "2025-06-12"),
            EV("torture_allegation", [("Eyad Mansour al-Hallaq", "perpetrator")], "Branch 251"),
            EV("trial", [("Eyad Mansour al-Hallaq", "subject")], "Koblenz"),
            EV("testimony", [("Lina Haddad", "witness")]),
            EV("torture_allegation", [("Lina Haddad", "victim")], "Branch 251")]})

doc("en_005", {"Title": "Interior Ministry publishes list of wanted former officers", "Publisher": "Syria Accountability Daily", "Published": "2025-04-02", "Language": "en"},
"""The Syrian Ministry of Interior on Wednesday published a list of 12 former officers it says are wanted for crimes committed in detention centres, including Maj. Gen. Jamil Aziz Habbash and Col. Fadi Yousef Makhlouf.

Habbash headed the investigation section of Air Force Intelligence in Harasta until 2019, while Makhlouf is described as a former head of security at Adra Central Prison.

“Anyone who sheltered these men will be held to account,” ministry spokesman Nour al-Din al-Baba said, adding that several of those on the list are believed to have fled to Lebanon.

The ministry said the list was drawn up with the help of testimonies from survivors.""",
{"persons": [P("Jamil Aziz Habbash"), P("Fadi Yousef Makhlouf"), P("Nour al-Din al-Baba")],
 "facilities": [E("Adra Central Prison")],
 "places": [E("Harasta"), E("Lebanon")],
 "organizations": [E("Ministry of Interior"), E("Air Force Intelligence")],
 "events": [EV("statement", [("Nour al-Din al-Baba", "subject")])]})

doc("en_006", {"Title": "Former jailer escapes custody in Latakia, recaptured days later", "Publisher": "Coastal News Network", "Published": "2025-05-19", "Language": "en"},
"""A former jailer at Sednaya prison escaped from a General Security detention facility in Latakia last week before being recaptured near Jableh, security sources said on Monday.

Rami Naser Ismail, 41, had been held since January on suspicion of taking part in the torture of detainees. He escaped on May 12 with the help of a relative who worked at the facility, according to the sources.

Ismail was arrested again on Saturday in the village of Bustan al-Basha, south of Jableh. The relative was also detained.""",
{"persons": [P("Rami Naser Ismail")],
 "facilities": [E("Sednaya prison")],
 "places": [E("Latakia"), E("Jableh"), E("Bustan al-Basha")],
 "organizations": [E("General Security")],
 "events": [EV("escape", [("Rami Naser Ismail", "subject")], "Latakia", "2025-05-12"),
            EV("arrest", [("Rami Naser Ismail", "subject")], "Bustan al-Basha", "2025-05-17"),
            EV("torture_allegation", [("Rami Naser Ismail", "perpetrator")])]})

doc("en_007", {"Title": "Mass grave uncovered near Najha, rights group says", "Publisher": "Levant Monitor", "Published": "2025-01-09", "Language": "en"},
"""Civil defence teams have uncovered a mass grave near the village of Najha, south of Damascus, that may hold the remains of hundreds of detainees who died in government prisons, the Syrian Network for Human Rights said on Wednesday.

SNHR spokesperson Hiba Darwish said the bodies bore marks of torture and that several were wrapped in plastic bags labelled with numbers used at Military Hospital 601 in Mezzeh.

“These are people who were killed in detention and buried in secret,” Darwish said. The group called on the National Commission for Missing Persons to protect the site until forensic teams can work there.""",
{"persons": [P("Hiba Darwish")],
 "facilities": [E("Military Hospital 601")],
 "places": [E("Najha"), E("Damascus"), E("Mezzeh")],
 "organizations": [E("Syrian Network for Human Rights", ["SNHR"]), E("National Commission for Missing Persons")],
 "events": [EV("statement", [("Hiba Darwish", "subject")]),
            EV("death_in_custody", [], None),
            EV("torture_allegation", [])]})

doc("en_008", {"Title": "(none)", "Publisher": "Reuters", "Language": "en"},
"""DAMASCUS, March 4 (Reuters) - Syrian authorities have detained a former military police officer accused of overseeing executions at Sednaya prison, the state news agency SANA reported on Tuesday.

SANA identified the man as Abdul Karim Saqr and said he was arrested in the Mezzeh 86 neighbourhood of Damascus. It did not say when the arrest took place.

Rights groups say thousands of people were hanged at Sednaya between 2011 and 2015. Saqr could not be reached for comment and it was not clear whether he had a lawyer.""",
{"persons": [P("Abdul Karim Saqr")],
 "facilities": [E("Sednaya prison")],
 "places": [E("Damascus"), E("Mezzeh 86")],
 "organizations": [E("SANA"), E("Reuters")],
 "events": [EV("arrest", [("Abdul Karim Saqr", "subject")], "Damascus"),
            EV("execution_allegation", [("Abdul Karim Saqr", "perpetrator")], "Sednaya prison")]})

doc("en_009", {"Title": "‘They called him Abu Hadid’: a survivor remembers Sednaya", "Publisher": "The Syria Review", "Published": "2025-02-27", "Language": "en"},
"""Yasser Jumaa was 22 when he was arrested at a checkpoint outside Hama in 2014. He spent the next five years in Sednaya prison, most of them in the red building.

“The guard we feared most was a man we called Abu Hadid, because of the iron bar he carried,” Jumaa told The Syria Review. “He beat us with it during the daily count.” Jumaa said he later learned that Abu Hadid's real name was Mahmoud Fayez Ramadan.

Jumaa recounted that his cellmate, Bilal Qassem, died of hunger and untreated wounds in the winter of 2016. “We kept his body under a blanket for two days so we could take his food,” he said.

Jumaa was released in 2019 after his family paid a bribe. He now lives in Gaziantep, Turkey, and has given testimony to the Association of Detainees and the Missing in Sednaya Prison.""",
{"persons": [P("Yasser Jumaa"), P("Mahmoud Fayez Ramadan", ["Abu Hadid"]), P("Bilal Qassem")],
 "facilities": [E("Sednaya prison")],
 "places": [E("Hama"), E("Gaziantep"), E("Turkey")],
 "organizations": [E("The Syria Review"), E("Association of Detainees and the Missing in Sednaya Prison")],
 "events": [EV("arrest", [("Yasser Jumaa", "victim")], "Hama", "2014"),
            EV("torture_allegation", [("Mahmoud Fayez Ramadan", "perpetrator"), ("Yasser Jumaa", "victim")], "Sednaya prison"),
            EV("death_in_custody", [("Bilal Qassem", "victim")], "Sednaya prison", "2016"),
            EV("testimony", [("Yasser Jumaa", "witness")]),
            EV("statement", [("Yasser Jumaa", "subject")])]})

doc("en_010", {"Title": "Officer accused of Tadamon killings referred to prosecutors", "Publisher": "Coastal News Network", "Published": "2025-03-20", "Language": "en"},
"""General Security forces in Tartus have arrested Lt. Col. Maher Ali Deeb, a former officer in Military Intelligence Branch 227, on suspicion of involvement in the killing of civilians in the Tadamon neighbourhood of Damascus in 2013.

The Internal Security Command in Tartus said in a statement on Thursday that Deeb was detained at his home in the town of Dreikish and had been referred to the competent judicial authorities.

Videos that surfaced in 2022 showed men in military uniform shooting blindfolded civilians and pushing them into a pit in Tadamon. Deeb's relatives said he had never served in the area.""",
{"persons": [P("Maher Ali Deeb")],
 "facilities": [E("Military Intelligence Branch 227")],
 "places": [E("Tartus"), E("Tadamon"), E("Damascus"), E("Dreikish")],
 "organizations": [E("General Security"), E("Internal Security Command")],
 "events": [EV("arrest", [("Maher Ali Deeb", "subject")], "Dreikish"),
            EV("execution_allegation", [("Maher Ali Deeb", "perpetrator")], "Tadamon"),
            EV("referral_to_judiciary", [("Maher Ali Deeb", "subject")])]})
