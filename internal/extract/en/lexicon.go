package en

import (
	"strings"
	"time"

	"github.com/athar-project/athar/internal/extract"
)

// set builds a lookup set from space-separated folded words.
func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// givenNames are common given names, in the Latin spellings English-language
// reporting on Syria uses. A capitalized run that starts with one is a name.
var givenNames = set(`
abbas abdallah abdel abdelkader abdelrahman abdul abdulaziz abdulkader abdulkarim abdullah abdulqadir abdulrahman abdulsalam
abdel abed adel adham adib adnan afif ahmad ahmed ahmet aiham akram ala alaa ali allaa amal amer amin amina amir amjad
ammar amr anas anwar ahed aous ayman aref arif asaad asad asef asma assef atef aws ayham ayman aymen ayoub azzam
badr badri bahjat bakr basel bashar bashir basil bassam bassel bilal bushra
dalia dania diab diana duraid
emad eyad eyyad
fadi fadwa fahd faisal faraj fares farid farouk fathi fatima fawaz fawzi fayez fayiz firas fouad fuad
ghaleb ghassan ghazi ghiath ghayath
habib hadi hafez haidar haitham hala hamad hamdi hamid hamza hani hanan harith hasan hashem hassan hatem haytham hazem
hesham hilal hisham hosam hossam houda hussam hussein husam
ibrahim ihab imad iman iyad issa issam
jaber jafar jalal jamal jamil jawad jihad jomaa joumana jumaa
kamal kamel karam karim kassem khaled khalid khalil kinan
laith lama layla lina louay louai luay lubna
maan mahdi maher mahmoud majd majed majid malek malik mamdouh mamoun manaf mansour marwan mazen mazin mohamad mohamed mohammad
mohammed mohannad mouaz moussa muhammad muhannad munir murad mustafa mutasem mohsen muhsin mouhammad
nabil nader nadia nadim naim najib nasser nawaf nawras nazih nidal nizar noor nour nouri nur nureddin
obada omar omran osama ossama ous othman
qais qasim qassem qusay
rabih rafat rafiq raed rami rana rania rashid rasha rawad razan riad riyad rifaat rima rustom
saad sabri sadiq safwan said saif salah saleh salim salma salman samer sami samir sana sawsan sayed shadi shaker
shams sharif sherif suhail suhayl sulaiman suleiman sultan suzan
taha talal tamer tarek tareq tariq tawfiq thaer thamer tony
usama
wael walid wassim wafa wisam waseem wissam
yahya yaser yasin yasser yassin yazan yehia younes youssef yousef yusuf
zaher zaid zakaria zeinab zein zuhair ziad ziyad
anwar eyad amjad jamil ali
reem rim hiba hibah heba lubna nisreen nesreen ghada rula ruba yara maya farah huda hanadi rasha raghad alaa aya israa esraa mariam maryam samira samar sahar nahla noura nora widad wafaa
mazhar amr hamdi tamim talal wahid rabih thamer issam louay younes bassam hussam fadel
john james michael david robert richard william thomas mark paul peter stephen steven andrew daniel joseph charles
george anne anna maria mary sarah elizabeth catherine laura julia emma claire christine angela ursula karim
kerstin patrick stefan jan hans klaus thomas frank antonio alexander emmanuel olaf sergei vladimir recep hakan
`)

// femaleNames are the given names in givenNames that are women's.
var femaleNames = set(`amal amina asma bushra dalia dania diana fadwa fatima hala hanan houda iman joumana lama layla lina lubna
nadia rana rania rasha razan rima salma sana sawsan suzan wafa zeinab reem rim hiba hibah heba nisreen nesreen ghada rula
ruba yara maya farah huda hanadi raghad aya israa esraa mariam maryam samira samar sahar nahla noura nora widad wafaa anne anna maria
mary sarah elizabeth catherine laura julia emma claire christine angela ursula kerstin`)

// particles join the parts of Arabic names: "Mazen al-Hamada", "Abd al-Rahman".
var particles = set(`al el ad ar as ash at az an bin ibn bint abu abou abd abdel abdul umm um ben`)

// kunyaStarts begin a name on their own: "Abu Ali", "Umm Khaled".
var kunyaStarts = set(`abu abou umm`)

// notNameWords are capitalized words that are never part of a person's name.
var notNameWords = set(`
the a an this that these those he she it they we you i his her their its our my your who what when where why how
in on at of for from to by with and or but as after before during since until under over about against between
if while although though because also however meanwhile moreover yet so then there here not no yes
mr mrs ms
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
syrian syrians syria arab arabs kurdish kurd kurds turkish lebanese jordanian iraqi iranian russian german french british american
european israeli palestinian alawite alawites sunni shia druze christian muslim islamic
prison prisons branch ministry minister forces force army news agency council court courts security directorate division brigade
regime government committee commission network observatory street square university hospital operations operation room
department office party front revolution media center centre police intelligence general command authority authorities
service services republic state national international human rights watch justice interior defence defense affairs
reuters afp sana ap bbc cnn x facebook twitter telegram youtube instagram whatsapp
prisoners prisoner detainees detainee guards guard jailers jailer survivors survivor witnesses witness victims victim families
former confessions confession trial arrest arrests sweeping facing who leave reply comment please enter name
photo video image footage report reports statement statements source sources sources official officials
north south east west northern southern eastern western central rural countryside province governorate city town village
year years month months week weeks day days today yesterday
breaking update exclusive analysis opinion editor
sednaya saydnaya homs damascus aleppo hama idlib
`)

// ranks are military and police ranks, folded, as they precede a name.
var ranks = []string{
	"brigadier general", "brig gen", "major general", "maj gen", "lieutenant general", "lt gen", "lieutenant colonel", "lt col",
	"staff brigadier", "first lieutenant", "second lieutenant", "warrant officer", "first warrant officer", "staff sergeant",
	"first sergeant", "colonel", "col", "brigadier", "brig", "general", "gen", "major", "maj", "captain", "capt", "lieutenant",
	"lt", "sergeant", "sgt", "corporal", "cpl", "private", "pvt", "admiral", "adm", "field marshal", "commander",
}

// titles are offices and honorifics that precede a name.
var titles = []string{
	"prime minister", "interior minister", "justice minister", "defence minister", "defense minister", "foreign minister",
	"information minister", "minister", "deputy minister", "president", "vice president", "judge", "prosecutor", "attorney general",
	"dr", "doctor", "sheikh", "shaykh", "imam", "father", "mr", "mrs", "ms", "governor", "ambassador", "envoy", "mayor",
	"spokesman", "spokesperson", "spokeswoman", "director", "chief", "head", "lawyer", "activist", "journalist", "commander",
	"special envoy", "high commissioner",
}

// roleNouns are nouns that describe a person's position or part: "a former
// guard at Sednaya Prison", "a survivor of Sednaya".
var roleNouns = set(`
guard guards jailer jailers warden wardens officer officers official officials director assistant deputy head chief commander
member members soldier soldier interrogator interrogators executioner employee leader spokesman spokesperson minister judge
prosecutor lawyer attorney activist journalist doctor physician nurse driver informant agent
detainee detainees prisoner prisoners inmate inmates survivor survivors victim victims witness witnesses defector defectors
resident student teacher father mother son daughter brother sister wife husband relative cousin nephew engineer
warden administrator supervisor secretary adviser advisor aide governor mayor colonel general brigadier sergeant
`)

// victimNouns mark a person as one who suffered, not one who acted.
var victimNouns = set(`detainee detainees prisoner prisoners inmate inmates survivor survivors victim victims activist
defector detained disappeared missing`)

// officialTitles mark a person who speaks or acts for an authority.
var officialTitles = set(`minister spokesman spokesperson spokeswoman official officials governor ambassador envoy president
director chief prosecutor judge mayor commissioner`)

// orgHeads end an organization's name: "Internal Security Forces".
var orgHeads = set(`
ministry directorate department command forces force division brigade regiment battalion corps army committee commission
council court tribunal network observatory association agency organization organisation foundation institute police guard
office authority administration service services union party front movement group coalition government mechanism
centre center unit units militia militias
`)

// orgFirstHeads start an organization's name: "Ministry of Interior".
var orgFirstHeads = set(`ministry directorate department court council committee commission office`)

// facilityHeads end a facility's name: "Mezzeh Military Prison", "Branch 215".
var facilityHeads = set(`prison jail branch`)

// connectors may sit inside a multi-word name of an organization.
var connectors = set(`of for and the al el on`)

// placeCues may precede a place name.
var placeCues = set(`in from at near to of outside inside around across into toward towards`)

// settlementNouns introduce a place by kind: "the village of Al-Qabu".
var settlementNouns = set(`village town city neighbourhood neighborhood district area region suburb countryside camp province governorate`)

// dateLexicon is English for extract.FindDates.
var dateLexicon = &extract.DateLexicon{
	Months: map[string]int{
		"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
		"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
		"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
	},
	Weekdays: map[string]time.Weekday{
		"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
		"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	},
	Relative: map[string]extract.RelativeDate{
		"yesterday":  {Unit: extract.Day, Offset: -1},
		"today":      {Unit: extract.Day, Offset: 0},
		"last week":  {Unit: extract.Week, Offset: -1},
		"this week":  {Unit: extract.Week, Offset: 0},
		"last month": {Unit: extract.Month, Offset: -1},
		"this month": {Unit: extract.Month, Offset: 0},
		"last year":  {Unit: extract.Year, Offset: -1},
		"this year":  {Unit: extract.Year, Offset: 0},
	},
	Units:     map[string]extract.Unit{"day": extract.Day, "days": extract.Day, "week": extract.Week, "weeks": extract.Week, "month": extract.Month, "months": extract.Month, "year": extract.Year, "years": extract.Year},
	Ago:       "ago",
	MonthCues: set(`in since until till by during of from early late mid through before after last next this throughout between and to`),
	Ordinals:  set(`st nd rd th`),
	Skip:      set(`of the`),
}

// cues are English modality cues, folded.
var cues = (&extract.Cues{
	Alleged: []string{
		"accused", "accuses", "accusing", "accusation", "accusations", "alleged", "allegedly", "allegation", "allegations",
		"reportedly", "according to", "suspected", "suspect", "is said to", "are said to", "was said to", "were said to",
		"believed to", "claimed", "claims", "implicated", "described", "recounted", "testimonies", "testimony",
		"testified", "spoke", "say", "says", "said", "told", "reported", "attributed", "blamed", "linked to", "charged",
	},
	Denied: []string{"denied", "denies", "deny", "denying", "rejected the accusations", "rejected the allegations", "dismissed the allegations", "dismissed the accusations"},
}).Compile()
