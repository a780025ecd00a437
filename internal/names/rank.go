package names

import (
	"strings"

	"github.com/athar-project/athar/internal/textfold"
)

// Rank is a military or police rank, one for both scripts: العقيد, Col.
// and Colonel are the rank "colonel".
type Rank struct {
	ID      string // "colonel"
	English string // "Colonel"
	Arabic  string // "عقيد"
	Staff   bool   // a staff officer's rank: ركن, "Staff"
}

// String is the rank as Athar prints it: "Colonel", "Staff Colonel".
func (r Rank) String() string {
	if r.ID == "" {
		return ""
	}
	if r.Staff {
		return "Staff " + r.English
	}
	return r.English
}

// ArabicTitle is the rank as Athar prints it in Arabic, with the article:
// "العقيد", "العقيد الركن", "الملازم أول".
func (r Rank) ArabicTitle() string {
	if r.ID == "" {
		return ""
	}
	out := "ال" + r.Arabic
	if r.Staff {
		out += " الركن"
	}
	return out
}

// rankTable lists Syrian military and police ranks, highest first: the id,
// then after a bar the English forms and after another the Arabic forms
// (without the article, which is taken off before looking up). An
// extractor that needs another form of a rank adds it here; the shape of a
// line (id | English forms, comma separated | Arabic forms, comma
// separated) stays.
const rankTable = `
field-marshal | Field Marshal | مشير
general | General, Gen | عماد
lieutenant-general | Lieutenant General, Lt Gen, Lt-Gen, Lieut Gen, Colonel General | فريق
major-general | Major General, Maj Gen, Maj-Gen, MG | لواء
brigadier-general | Brigadier General, Brig Gen, Brig-Gen, Brigadier, Brig, BG | عميد
colonel | Colonel, Col | عقيد
lieutenant-colonel | Lieutenant Colonel, Lt Col, Lt-Col, Lieut Col, LTC | مقدم
major | Major, Maj | رائد
captain | Captain, Capt, Cpt | نقيب
first-lieutenant | First Lieutenant, 1st Lieutenant, 1st Lt, 1Lt | ملازم أول, ملازم اول
lieutenant | Lieutenant, Second Lieutenant, 2nd Lieutenant, Lt, 2Lt | ملازم
chief-warrant-officer | Chief Warrant Officer, First Warrant Officer, CWO | مساعد أول, مساعد اول
warrant-officer | Warrant Officer, WO | مساعد
staff-sergeant | Staff Sergeant, First Sergeant, SSgt | رقيب أول, رقيب اول
sergeant | Sergeant, Sgt | رقيب
corporal | Corporal, Cpl | عريف
private | Private, Pvt | جندي, مجند
`

// givenRanks are ranks written without the article that are also common
// given names: at the start of a name they are the given name (the rank
// before a name takes the article: العماد، الرائد).
var givenRanks = setOf(`عماد رائد`)

// staffWords mark a staff officer's rank, before or after the rank.
var staffWords = setOf(`staff ركن الركن`)

var (
	rankByForm map[string]Rank // folded form, words joined by spaces → rank
	rankList   []Rank
	rankFirst  map[string]bool // first words of forms
	maxRankLen int             // the most words a form has
)

func init() {
	rankByForm = map[string]Rank{}
	rankFirst = map[string]bool{}
	for _, line := range strings.Split(rankTable, "\n") {
		f := strings.Split(line, "|")
		if len(f) != 3 {
			continue
		}
		id := strings.TrimSpace(f[0])
		en := strings.Split(f[1], ",")
		ar := strings.Split(f[2], ",")
		r := Rank{ID: id, English: strings.TrimSpace(en[0]), Arabic: strings.TrimSpace(ar[0])}
		rankList = append(rankList, r)
		for _, form := range append(en, ar...) {
			words := rankWordsOf(form)
			if len(words) == 0 {
				continue
			}
			k := strings.Join(words, " ")
			if _, dup := rankByForm[k]; !dup {
				rankByForm[k] = r
			}
			rankFirst[words[0]] = true
			maxRankLen = max(maxRankLen, len(words))
		}
	}
}

// rankWordsOf folds a rank phrase into words without the Arabic article:
// "Brig.-Gen." → brig gen, "العميد" → عميد.
func rankWordsOf(s string) []string {
	var out []string
	for _, w := range textfold.Words(s) {
		out = append(out, rankWord(w))
	}
	return out
}

func rankWord(f string) string {
	if strings.HasPrefix(f, "ال") && len([]rune(f)) > 3 {
		return strings.TrimPrefix(f, "ال")
	}
	return f
}

// Ranks returns the ranks Athar knows, highest first.
func Ranks() []Rank { return append([]Rank(nil), rankList...) }

// NormalizeRank reads a rank in either script, in full or abbreviated,
// with or without the article, with "Staff" or ركن before or after it:
// "العقيد الركن", "Col.", "Colonel" and "عقيد" are all the rank colonel. ok
// is false when s is not a rank.
func NormalizeRank(s string) (Rank, bool) {
	words := rankWordsOf(s)
	staff := false
	if r, ok := rankByForm[strings.Join(words, " ")]; ok {
		return r, true // "Staff Sergeant" is a rank of its own
	}
	var rest []string
	for _, w := range words {
		if isStaffWord(w) {
			staff = true
			continue
		}
		rest = append(rest, w)
	}
	if len(rest) == 0 {
		return Rank{}, false
	}
	r, ok := rankByForm[strings.Join(rest, " ")]
	if !ok {
		return Rank{}, false
	}
	r.Staff = staff
	return r, true
}

// SplitRank takes a rank off the start of a person's name: "العقيد الركن
// ثائر حسين" gives the rank colonel (staff) and "ثائر حسين". A name that does
// not start with a rank comes back whole, with ok false.
func SplitRank(s string) (r Rank, rest string, ok bool) {
	ws := splitWords(strings.ToValidUTF8(s, " "))
	n := rankPrefix(ws)
	if n == 0 {
		return Rank{}, s, false
	}
	var raw []string
	for _, w := range ws[:n] {
		raw = append(raw, w.raw)
	}
	r, ok = NormalizeRank(strings.Join(raw, " "))
	if !ok {
		return Rank{}, s, false
	}
	var keep []string
	for _, w := range ws[n:] {
		keep = append(keep, w.raw)
	}
	return r, strings.Join(keep, " "), true
}

// rankPrefix returns how many of the first words of ws are a rank, staff
// words included ("Staff Brig. Gen.", "العقيد الركن", "الركن"); 0 if none.
func rankPrefix(ws []word) int {
	if len(ws) > 0 && ws[0].arabic && givenRanks[ws[0].fold] {
		return 0 // "عماد نزار السيد" is Imad, "رائد …" Raed: the rank is written with its article
	}
	if n := rankAt(ws, 0); n > 0 {
		return trailingStaff(ws, n)
	}
	i := 0
	for i < len(ws) && isStaffWord(ws[i].fold) {
		i++
	}
	if i == 0 {
		return 0
	}
	if n := rankAt(ws, i); n > 0 {
		return trailingStaff(ws, i+n)
	}
	if ws[0].arabic {
		return i // "الركن ثائر حسين": the staff mark alone, the rank left out
	}
	return 0
}

// rankAt returns how many words from ws[i] spell a rank, the longest form
// first; 0 if none.
func rankAt(ws []word, i int) int {
	for n := min(maxRankLen, len(ws)-i); n >= 1; n-- {
		parts := make([]string, n)
		for k := 0; k < n; k++ {
			parts[k] = rankWord(ws[i+k].fold)
		}
		if _, ok := rankByForm[strings.Join(parts, " ")]; ok {
			return n
		}
	}
	return 0
}

func trailingStaff(ws []word, j int) int {
	for j < len(ws) && isStaffWord(ws[j].fold) {
		j++
	}
	return j
}

func isStaffWord(f string) bool { return staffWords[f] || f == "ركن" }
