package enquiry

import (
	"fmt"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/model"
)

// Answer is what a family may be told: whether Athar found the person they
// seek, from which kinds of sources, how certain that is, and the fate the
// case file establishes. It never carries a source's id, title or text, a
// witness's name, or anything drawn from a source above ShareAt.
type Answer struct {
	EnquiryID string
	Found     bool
	// Certainty: "confirmed" (a caseworker confirmed the person),
	// "possible" (Athar holds a confident candidate nobody has judged yet)
	// or "" when nothing was found.
	Certainty string
	Kinds     map[model.SourceKind]int // how many sources of each kind name them
	Fate      string                   // the fate a confirmed event establishes, or ""
	English   string
	Arabic    string
}

// ShareAt is the highest level of source an answer draws on: a family
// hears of public and internal material only, so that a testimony held in
// confidence, or a restricted list, is never revealed even by its kind.
const ShareAt = model.Internal

// SharedSource is a source behind a candidate: its kind and level, and
// nothing else.
type SharedSource struct {
	Kind        model.SourceKind
	Sensitivity model.Sensitivity
}

// Answerable is the candidate an answer is about: the one a caseworker
// confirmed, or Athar's confident one.
type Answerable struct {
	Confirmed bool
	Fate      string // confirmed fate, or ""
	Sources   []SharedSource
}

// Tell writes a family's answer. c is nil when nothing was found.
func Tell(e Enquiry, c *Answerable) Answer {
	a := Answer{EnquiryID: e.ID, Kinds: map[model.SourceKind]int{}}
	if c != nil {
		for _, s := range c.Sources {
			if s.Sensitivity <= ShareAt {
				a.Kinds[s.Kind]++
			}
		}
	}
	if c == nil || len(a.Kinds) == 0 {
		a.English = "Athar has found no record we can share with you of the person you asked about. " +
			"Your enquiry stays open: you will be told if a new source names them."
		a.Arabic = "لم يجد أثر سجلاً يمكن مشاركته معكم عن الشخص الذي سألتم عنه. " +
			"يبقى طلبكم مفتوحاً، وسنبلغكم إن ذكره مصدر جديد."
		return a
	}
	a.Found = true
	a.Certainty = "possible"
	if c.Confirmed {
		a.Certainty = "confirmed"
		a.Fate = c.Fate
	}
	var en, ar []string
	kinds := make([]string, 0, len(a.Kinds))
	for k := range a.Kinds {
		kinds = append(kinds, string(k))
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		n := a.Kinds[model.SourceKind(k)]
		en = append(en, fmt.Sprintf("%d %s", n, kindEnglish(model.SourceKind(k), n)))
		ar = append(ar, fmt.Sprintf("%d %s", n, kindInArabic(model.SourceKind(k))))
	}
	if c.Confirmed {
		a.English = "A caseworker has confirmed that sources Athar holds name the person you asked about: " + strings.Join(en, ", ") + "."
		a.Arabic = "أكّد باحث الحالات أن مصادر يحفظها أثر تذكر الشخص الذي سألتم عنه: " + strings.Join(ar, "، ") + "."
	} else {
		a.English = "Sources Athar holds may name the person you asked about (" + strings.Join(en, ", ") +
			"). This is not yet confirmed: a caseworker will check it before anything more is said."
		a.Arabic = "قد تذكر مصادر يحفظها أثر الشخص الذي سألتم عنه (" + strings.Join(ar, "، ") +
			"). لم يتأكد ذلك بعد، وسيتحقق منه باحث الحالات قبل أي إفادة أخرى."
	}
	if a.Fate != "" {
		a.English += " What the sources establish: " + fateEnglish[a.Fate] + "."
		a.Arabic += " ما تثبته المصادر: " + fateArabic[a.Fate] + "."
	}
	return a
}

func kindEnglish(k model.SourceKind, n int) string {
	s := map[model.SourceKind]string{model.KindArticle: "published article", model.KindStatement: "public statement",
		model.KindTestimony: "witness account", model.KindDocument: "document or list",
		model.KindSocialPost: "social media post", model.KindCourtRecord: "court record"}[k]
	if s == "" {
		s = "source"
	}
	if n != 1 {
		s += "s"
	}
	return s
}

func kindInArabic(k model.SourceKind) string {
	if s, ok := kindArabic[k]; ok {
		return s
	}
	return "مصدر"
}

var kindArabic = map[model.SourceKind]string{model.KindArticle: "مقال منشور", model.KindStatement: "بيان علني",
	model.KindTestimony: "شهادة", model.KindDocument: "وثيقة أو قائمة",
	model.KindSocialPost: "منشور على وسائل التواصل", model.KindCourtRecord: "سجل محكمة"}

var fateEnglish = map[string]string{"detained": "detained", "disappeared": "forcibly disappeared",
	"died_in_custody": "died in custody", "released": "released"}

var fateArabic = map[string]string{"detained": "معتقل", "disappeared": "مختفٍ قسراً",
	"died_in_custody": "توفي في الاحتجاز", "released": "أُفرج عنه"}
