package names

import (
	"strings"

	"github.com/athar-project/athar/internal/textfold"
)

// knownNames lists Arabic given names and name words with the Latin
// spellings news outlets and sanctions lists use, the first one being the
// spelling Athar prints. A star marks names so common that they identify
// nobody alone. Two words that the table knows as different names (Hassan and
// Hussein, Mohammed and Mahmoud, Salman and Suleiman) never count as the same
// word, however alike their letters look; two spellings of one entry always
// do. The table is the project's own, written from common usage.
const knownNames = `
*محمد Mohammed Mohammad Muhammad Mohamed Mohamad Muhammed Mohd Mohammd Mouhamad Mehmet Mhmd
*أحمد Ahmed Ahmad Achmed Ahmet
*محمود Mahmoud Mahmud Mahmood Mahmut
*علي Ali Aly
*حسن Hassan Hasan Hasson
*حسين Hussein Husayn Hussain Hossein Husain Husein Hussayn Hocine Hassine Hossain Hüseyin
*عمر Omar Umar Omer Amor
*خالد Khaled Khalid Khalad
*إبراهيم Ibrahim Ebrahim Brahim Ibraheem Ibrahem
*يوسف Youssef Yusuf Yousef Yousif Youssif Yusef Yussef Youcef Yousuf
*مصطفى Mustafa Moustafa Mostafa Mustapha Mostefa Moustfa Mustafah
*عبدالله Abdullah Abdallah Abdulla Abdellah Abdalla Abdollah
*علاء Alaa Ala Alaa
حامد Hamed Hamid Hamed
حميد Hamid Humaid Hameed Humayd
حمد Hamad
حمدي Hamdi Hamdy
حمادة Hamada Hamadeh Hamadah
حمود Hamoud Hammoud Hamud Hamou Hammou Hamo
أسامة Osama Usama Ousama Oussama Usamah
إسماعيل Ismail Ismael Esmail Ismaeel Esmaeel Ismaïl Esmaeil
سليمان Suleiman Sulaiman Sulayman Soliman Slimane Suliman Sleiman Souleiman Süleyman
سلمان Salman Selman
سالم Salem Salim Saleem Salm
سليم Salim Saleem Selim Slim
سلمى Salma Selma
سعيد Saeed Said Saeid Saied Saeid
سيد Sayyid Sayed Sayyed Syed Seyed Sayid
سعد Saad Saad Sa'd Saed
سعود Saud Saoud
عثمان Othman Uthman Osman Usman Outhman
عمار Ammar Amar
عامر Amer Aamir Amir Aamer
أمير Amir Ameer Emir
أيمن Ayman Aiman Eyman
أمين Amin Ameen Emin Amine
إيمان Iman Eman Imane
منى Mona Muna Mouna
جمال Jamal Gamal Djamel Djamal Jamel Cemal
جميل Jamil Jameel Djamil Cemil
كريم Karim Kareem Kerim
كرم Karam
ناصر Nasser Nasir Naser Nacer Nassir
نصر Nasr Nassr
نصير Nasir Naseer Nassir Nusair
بشار Bashar Bachar Bashshar
بشير Bashir Basheer Bachir Bechir
بشرى Bushra Boushra Bouchra
ماجد Majed Majid Maged
مجد Majd Magd
رامي Rami Ramy
ريم Reem Rim Rima
سامر Samer Samir Sameer
سمير Samir Sameer Semir
سامي Sami Samy
عادل Adel Adil Aadil
وائل Wael Wail Wa'il
هاني Hani Hany
ماهر Maher Mahir Mahar
حازم Hazem Hazim
حاتم Hatem Hatim Hattam
رفيق Rafik Rafiq Rafic
وفيق Wafiq Wafik
فاروق Farouk Farouq Faruq Farooq Faruk
أنس Anas Anes
معاذ Muaz Mouaz Moaz Muadh Moaaz Maaz Muath Mouath
شرع Sharaa Shara Charaa Sharaa
أوس Aws Ous Aous Aus Awss
إياد Eyad Iyad Ayad Iyyad
عماد Imad Emad Imed Amad
عمرو Amr Amre Amrou Amro Amru
عدي Uday Udai Odai Oday Udayy Odei
قصي Qusay Qusai Kusai Qussay Kussay Qussai
صدام Saddam
عزت Izzat Ezzat Izat Ezat
طارق Tariq Tarek Tarik Tareq
طاهر Taher Tahir Taer
ثائر Thaer Thair Tha'ir Thaier Saer
نبيل Nabil Nabeel
زهير Zuhair Zuheir Zouheir Zuhayr Zohair
صقر Saqr Sakr Saqer Saker Sakir Saqir
خضر Khodr Khudr Khedr Khader Khidr Khider Kheder Khadr
فؤاد Fouad Fuad Fu'ad Fouad Foad
فادي Fadi Fady
فراس Firas Feras
وسيم Wassim Waseem Wasim Wasseem Wassem
رياض Riyad Riad Riyadh Ryad
زكريا Zakaria Zakariya Zakariyya Zakarya
يحيى Yahya Yahia Yehia Yehya Yahiya
عيسى Issa Isa Eissa Aissa
موسى Musa Moussa Mousa Moosa
مازن Mazen Mazin
هشام Hisham Hicham Hesham
حسام Hussam Husam Houssam Hossam Housam Hesam
عصام Issam Essam Isam
هيثم Haytham Haitham Heitham
غسان Ghassan
باسل Basel Bassel Basil
بسام Bassam Basam
رضوان Radwan Ridwan Redouane
نزار Nizar Nezar
منذر Munzer Munther Mundhir Monzer
نذير Nazir Nathir Nadhir Nazeer Natheer
نظير Nazir Nadhir
جلال Jalal Djalal
طلال Talal
جاسم Jassim Jasim Jassem Jasem
قاسم Qasim Kassem Qassem Kasim Qasem Kacem
ياسر Yasser Yasir Yassir Yaser
ياسين Yassin Yasin Yaseen Yacine
إدريس Idris Idriss Edris
توفيق Tawfiq Tawfik Toufik Tewfik Taufiq
شفيق Shafiq Shafik Chafik
رشيد Rashid Rachid Rasheed
راشد Rashed Rashid
مهند Muhannad Mohannad
مهنا Muhanna Mouhanna Muhana Mhanna
هاشم Hashem Hashim Hachem
جابر Jaber Jabir Gaber
جبر Jabr
عباس Abbas Abas
عزيز Aziz Azeez
نور Nour Noor Nur
فايز Fayez Fayiz Faiz
فيصل Faisal Faysal Feisal
بكر Bakr Bakir Baker Bakar
أكرم Akram
عاصف Assef Asef Asif
آصف Asif Assef Asef
عاطف Atef Atif
حافظ Hafez Hafiz Hafedh
مخلوف Makhlouf Makhluf Makhlof
الأسد Assad Asad
أسعد Asaad As'ad Assaad Asad
شوكت Shawkat Shaukat Chawkat
رستم Rostom Rustum Rostam Rustam
حبيب Habib Habeeb
جميلة Jamila Djamila
فاطمة Fatima Fatma Fatimah
خديجة Khadija Khadijah
زينب Zeinab Zainab Zaynab
مريم Maryam Mariam Meryem
ليلى Layla Leila Laila Leyla
رانيا Rania Ranya
رنا Rana
سوسن Sawsan Sousan Susan
هند Hind
هدى Huda Hoda Houda
نادية Nadia Nadya
لينا Lina Leena
بشير Bashir
شريف Sharif Cherif Sherif
صالح Saleh Salih
صلاح Salah
ضياء Diaa Dia Diya Zia
عبود Abboud Aboud Abbud
عزام Azzam Azam
عدنان Adnan
أنور Anwar Anouar Anour
منصور Mansour Mansur Mansoor
مراد Murad Mourad Morad
مروان Marwan
مالك Malik Malek Malak
نعيم Naim Naeem Na'im
هادي Hadi Hady
وليد Walid Waleed
زياد Ziad Ziyad Zyad
شادي Shadi Chadi
كمال Kamal Kemal
جعفر Jaafar Jafar Ja'far
سيف Saif Seif Sayf Sef
عمران Omran Imran Emran
مهدي Mahdi Mehdi
مؤيد Muayyad Moayad
فضل Fadl Fazl Fazal Fadhl
فاضل Fadel Fadil Fazil Fazel Fadhil
عوض Awad Awadh Ewaz Iwaz Awaz
إسحاق Ishaq Ishak Eshaq Is'haq Isshaq Ishaque
حمزة Hamza Hamzah Hamzeh
حموي Hamawi Hamwi
مختار Mokhtar Mukhtar Moukhtar
أشرف Ashraf Achraf Achref
هيثم Haytham Haitham
داود Daoud Dawood Dawud Daud Dawoud
`

// dictEntry is one known name.
type dictEntry struct {
	latin  string // the spelling Athar prints
	common bool
}

var (
	dictEntries []dictEntry
	dictArabic  map[string]int32   // folded Arabic word → entry
	dictLatin   map[string][]int32 // folded Latin spelling, letters only → entries
)

func init() {
	dictArabic = map[string]int32{}
	dictLatin = map[string][]int32{}
	for _, line := range strings.Split(knownNames+divineNames, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		ar := f[0]
		common := strings.HasPrefix(ar, "*")
		ar = strings.TrimPrefix(ar, "*")
		id := int32(len(dictEntries))
		dictEntries = append(dictEntries, dictEntry{latin: f[1], common: common})
		key := arabicDictKey(ar)
		if _, dup := dictArabic[key]; !dup {
			dictArabic[key] = id
		}
		for _, l := range f[1:] {
			lk := latinDictKey(l)
			if !containsID(dictLatin[lk], id) {
				dictLatin[lk] = append(dictLatin[lk], id)
			}
		}
	}
}

func containsID(ids []int32, id int32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func arabicDictKey(w string) string {
	k := textfold.Fold(w)
	if strings.HasPrefix(k, "ال") && len([]rune(k)) > 4 {
		k = strings.TrimPrefix(k, "ال")
	}
	return k
}

func latinDictKey(w string) string {
	var b strings.Builder
	for _, r := range textfold.Fold(w) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lookupKnown returns the known-name entries a word can be.
func lookupKnown(folded string, arabic bool) []int32 {
	if arabic {
		if id, ok := dictArabic[arabicDictKey(folded)]; ok {
			return []int32{id}
		}
		return nil
	}
	return dictLatin[latinDictKey(folded)]
}

// divineNames are the names that follow Abd al- (and a few more words that
// often stand in names), so that "عبد الرحمن" reads "Abdul Rahman".
const divineNames = `
رحمن Rahman Rehman Rahmane
رحيم Rahim Raheem
قادر Qader Qadir Kader Khader Kadir
سلام Salam Salaam Slam
مجيد Majeed Majid Madjid
غني Ghani Ghany
جليل Jalil Jaleel Djalil
لطيف Latif Lateef
غفور Ghafour Ghafur Ghafoor
حكيم Hakim Hakeem
واحد Wahed Wahid Wahed
باسط Basit Basset Baset
ستار Sattar Satar
جبار Jabbar Jabar
منان Mannan Manan
حي Hai Hay Hayy
رزاق Razzaq Razak Razzak
فتاح Fattah Fatah
قدوس Quddus Quddous
رؤوف Raouf Rauf Raof
صمد Samad
حق Haq Hak Hakk
حليم Halim Haleem
وهاب Wahab Wahhab
معين Mueen Moin Muin
ودود Wadoud Wadud Ouadoud
`

// KnownName is an entry of the table of known names.
type KnownName struct {
	Arabic string   // as written in Arabic script
	Latin  []string // spellings, the one Athar prints first
	Common bool     // identifies nobody alone
}

// KnownNames returns the table of known names, for generators and tests.
func KnownNames() []KnownName {
	var out []KnownName
	for _, line := range strings.Split(knownNames+divineNames, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		out = append(out, KnownName{Arabic: strings.TrimPrefix(f[0], "*"), Latin: f[1:], Common: strings.HasPrefix(f[0], "*")})
	}
	return out
}
