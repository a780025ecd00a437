package names

import (
	"fmt"
	"math"
	"strings"

	"github.com/athar-project/athar/internal/textfold"
	"golang.org/x/text/unicode/norm"
)

// Kind is what a name names: each kind is compared in its own way.
type Kind uint8

// Kinds of names.
const (
	KindPerson Kind = iota
	KindPlace
	KindOrganization
	KindFacility
)

// KindOf maps an entity type's name ("person", "place", "organization",
// "facility") to its Kind; anything else is compared as a person's name.
func KindOf(t string) Kind {
	switch t {
	case "place":
		return KindPlace
	case "organization":
		return KindOrganization
	case "facility":
		return KindFacility
	}
	return KindPerson
}

// CompareKind compares two names of one kind: persons' names by Compare,
// places', organizations' and facilities' names word by word, where a word
// agrees with another spelled alike ("Al-Qabu" and "Al-Qabo", "القبو"), an
// organization's acronym agrees with the words it stands for, and generic
// words ("court", "ministry", "branch", "prison", "village") say little.
// A word of one or two letters agrees only with the same word: "US" is not
// "أوس".
func CompareKind(k Kind, a, b Name) Result {
	if k == KindPerson {
		return Compare(a, b)
	}
	return compareWords(k, a, b)
}

// generic words of organizations', facilities' and places' names, folded.
var genericWords = setOf(`the of and for in at de du la le al el
court courts tribunal ministry ministries department directorate administration branch division section
office bureau service services security intelligence military police army forces force brigade regiment
battalion unit committee council commission authority agency general national state public central
prison prisons jail detention centre center facility camp hospital airport base headquarters hq
village city town district province governorate region area neighbourhood neighborhood quarter street
camp suburb countryside rural
محكمة المحكمة وزارة الوزارة ادارة الادارة اداره فرع الفرع شعبة الشعبة قسم القسم مكتب المكتب جهاز
الجهاز هيئة الهيئة مديرية المديرية الامن امن المخابرات مخابرات الاستخبارات العسكري العسكرية الجوية
الجيش جيش قوات القوات الفرقة فرقة اللواء لواء كتيبة الكتيبة لجنة اللجنة مجلس المجلس العامة العام
الوطني الوطنية سجن السجن معتقل المعتقل مركز المركز مستشفى المستشفى مطار المطار قاعدة القاعدة
قرية القرية مدينة المدينة بلدة البلدة منطقة المنطقة محافظة المحافظة حي الحي ريف`)

// genericGroups are generic words that mean one thing in both scripts:
// "Branch 215" is "فرع 215".
var genericGroups = func() map[string]int {
	m := map[string]int{}
	for i, g := range strings.Split(`court courts tribunal محكمة المحكمة
ministry ministries وزارة الوزارة
branch فرع الفرع
prison prisons jail سجن السجن
detention معتقل المعتقل
directorate administration department مديرية المديرية ادارة الادارة اداره
intelligence المخابرات مخابرات الاستخبارات
security الامن امن
military العسكري العسكرية
air الجوية
division الفرقة فرقة
brigade اللواء لواء
battalion كتيبة الكتيبة
committee لجنة اللجنة
council مجلس المجلس
hospital مستشفى المستشفى
airport مطار المطار
village قرية القرية
city مدينة المدينة
town بلدة البلدة
district منطقة المنطقة
governorate province محافظة المحافظة
neighbourhood neighborhood quarter حي الحي
countryside rural ريف`, "\n") {
		for _, w := range strings.Fields(g) {
			m[textfoldWord(w)] = i + 1
		}
	}
	return m
}()

// word is one word of a name of a place or an organization, ready to
// compare.
type kindWord struct {
	p       Part
	generic bool
	short   bool // one or two letters
}

func kindWords(n Name) []kindWord {
	ws := make([]kindWord, 0, len(n.Parts))
	for _, p := range n.Parts {
		// compound parts ("abu X", "abd X") stay one word
		t := strings.TrimPrefix(p.Text, "ال")
		if p.Article && p.Arabic {
			p.Text = "ال" + t // generic words are listed with their article
		}
		w := kindWord{p: p, generic: genericWords[p.Text] || genericWords[t] || genericWords["ال"+t]}
		w.short = len([]rune(strings.ReplaceAll(p.Text, " ", ""))) <= 2
		ws = append(ws, w)
	}
	return ws
}

func compareWords(k Kind, a, b Name) Result {
	var r Result
	wa, wb := kindWords(a), kindWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		r.Reasons = []string{"no words to compare"}
		return r
	}
	if k == KindOrganization || k == KindFacility {
		if s, ok := acronymOf(wa, wb); ok {
			r.Score, r.Covers = s, true
			r.Reasons = []string{fmt.Sprintf("an acronym: %s", acronymText(wa, wb))}
			return r
		}
	}
	weightOf := func(w *kindWord) float64 {
		if w.generic {
			return 0.25
		}
		return 1
	}
	used := make([]bool, len(wb))
	var num, den float64
	agreeing, informative := 0, 0
	covers := true
	for i := range wa {
		best, bs := -1, 0.0
		for j := range wb {
			if used[j] {
				continue
			}
			s := wordSim(&wa[i], &wb[j])
			if s > bs {
				best, bs = j, s
			}
		}
		w := weightOf(&wa[i])
		den += w
		if best >= 0 && bs >= agree {
			used[best] = true
			w = math.Min(w, weightOf(&wb[best]))
			num += w * bs
			agreeing++
			if !wa[i].generic {
				informative++
			}
			r.Reasons = append(r.Reasons, fmt.Sprintf("agrees: %s ~ %s (%.2f)", wa[i].p.Latin, wb[best].p.Latin, bs))
			continue
		}
		if !wa[i].generic {
			covers = false
		}
		r.Reasons = append(r.Reasons, "missing in the other name: "+wa[i].p.Latin)
	}
	for j := range wb {
		if !used[j] {
			den += 0.6 * weightOf(&wb[j])
			r.Reasons = append(r.Reasons, "missing in the other name: "+wb[j].p.Latin)
		}
	}
	if den == 0 {
		return r
	}
	r.Score = clamp01(num / den)
	if informative == 0 {
		// generic words alone ("the court", "the branch") name nothing
		r.Score *= 0.4
		r.Reasons = append(r.Reasons, "only generic words agree")
	}
	r.Covers = covers && informative > 0
	r.Match = r.Covers && r.Score >= MatchScore && agreeing == len(wa) && agreeing == len(wb)
	return r
}

// wordSim compares two words of a place or an organization's name.
func wordSim(a, b *kindWord) float64 {
	if a.generic && b.generic {
		if g := genericGroups[a.p.Text]; g != 0 && g == genericGroups[b.p.Text] {
			return 1
		}
	}
	if hasDigit(a.p.Text) || hasDigit(b.p.Text) {
		if a.p.Text == b.p.Text {
			return 1
		}
		return 0
	}
	if a.short || b.short {
		if a.p.Text == b.p.Text || a.p.Key != "" && strings.EqualFold(a.p.Latin, b.p.Latin) && a.p.Arabic == b.p.Arabic {
			return 1
		}
		return 0
	}
	return partSim(&a.p, &b.p, false)
}

// acronymOf reports whether one name is a single word that spells the
// initials of the other's words ("SMI" and "Syrian Military Intelligence";
// generic words count too, as acronyms write them).
func acronymOf(wa, wb []kindWord) (float64, bool) {
	try := func(x, y []kindWord) bool {
		if len(x) != 1 || len(y) < 2 || x[0].p.Arabic {
			return false
		}
		acr := strings.ReplaceAll(x[0].p.Text, " ", "")
		var full, sig strings.Builder
		for _, w := range y {
			if w.p.Arabic || w.p.Text == "" {
				return false
			}
			full.WriteByte(w.p.Text[0])
			if !stopWords[w.p.Text] {
				sig.WriteByte(w.p.Text[0])
			}
		}
		return len(acr) >= 2 && (acr == full.String() || acr == sig.String())
	}
	if try(wa, wb) || try(wb, wa) {
		return 0.9, true
	}
	return 0, false
}

var stopWords = setOf(`the of and for in at de du la le`)

func acronymText(wa, wb []kindWord) string {
	join := func(ws []kindWord) string {
		s := make([]string, len(ws))
		for i, w := range ws {
			s[i] = w.p.Latin
		}
		return strings.Join(s, " ")
	}
	return join(wa) + " ~ " + join(wb)
}

// ParseKind splits a name of a kind into parts: a person's name by Parse;
// other names word by word, keeping every word (numbers too: "Branch 215")
// and taking only the article apart.
func ParseKind(k Kind, s string) Name {
	if k == KindPerson {
		return Parse(s)
	}
	n := Name{Raw: s}
	s = strings.ToValidUTF8(s, " ")
	s = norm.NFKC.String(s)
	s = dropBracketed(s)
	ws := splitWords(s)
	for i, w := range ws {
		if i+1 < len(ws) && articles[w.fold] && !w.arabic {
			continue // "Al-Qabu": the article apart
		}
		p := newPart(w)
		p.Role = RoleUnknown
		n.Parts = append(n.Parts, p)
	}
	return n
}

// CompareKindStrings parses and compares two names of a kind.
func CompareKindStrings(k Kind, a, b string) Result {
	return CompareKind(k, ParseKind(k, a), ParseKind(k, b))
}

func hasDigit(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}

func textfoldWord(w string) string { return textfold.Fold(w) }

// AcronymKeys returns the keys under which an index files a name of an
// organization or a facility so that its acronym finds it ("SMI" for
// "Syrian Military Intelligence"), and the key an acronym looks up.
func AcronymKeys(n Name) []string {
	var full, sig strings.Builder
	for _, p := range n.Parts {
		if p.Arabic || p.Text == "" {
			return nil
		}
		full.WriteByte(p.Text[0])
		if !stopWords[p.Text] {
			sig.WriteByte(p.Text[0])
		}
	}
	if len(n.Parts) == 1 {
		if t := strings.ReplaceAll(n.Parts[0].Text, " ", ""); len(t) >= 2 && len(t) <= 8 {
			return []string{"a" + t}
		}
		return nil
	}
	ks := []string{"a" + full.String()}
	if s := sig.String(); s != full.String() && len(s) >= 2 {
		ks = append(ks, "a"+s)
	}
	return ks
}
