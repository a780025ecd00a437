package ar

import (
	"strings"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/textfold"
)

// trigger is a word or phrase that reports an event of a type.
type trigger struct {
	words []string // folded; the first word matched with or without clitics and pronoun suffixes
	typ   string
	needs map[string]bool // one of these must stand within win tokens (either side)
	win   int
	// pronoun: the form itself points back to a person ("اعترافاته",
	// "أحيل"): with nobody named in the sentence, the person the text is
	// about is meant.
	back bool
}

const (
	custodyWords = `التعذيب تعذيب السجن سجن المعتقل معتقل معتقله الاعتقال اعتقاله احتجازه الاحتجاز الفرع فرع الزنزانه زنزانه
الزنازين صيدنايا احتجاز مركز المعتقلات السجون سجون المعتقلين معتقلين السجناء سجناء الحجز حجز التحقيق المنفردة اعتقالها`
	judiciaryWords = `القضاء قضاء النيابه المحكمه محكمه القاضي العداله القضائيه القضائي المختص المختصه محاكمه المحاكم الجنايات`
	sentenceWords  = `عليه عليها عليهم على بالسجن بالاعدام بالاشغال غيابيا بسجنه بالمؤبد بسجن بالحبس`
	victimWords    = `المعتقلين معتقلين السجناء سجناء الموقوفين المحتجزين معتقلا سجينا المدنيين`
)

func trig(typ, phrase string, needs string, win int, back bool) trigger {
	t := trigger{words: strings.Fields(textfold.Fold(phrase)), typ: typ, win: win, back: back}
	if needs != "" {
		t.needs = set(needs)
	}
	return t
}

var triggers = []trigger{
	trig(extract.EventWanted, "مذكرة توقيف", "", 0, false),
	trig(extract.EventWanted, "مذكرات توقيف", "", 0, false),
	trig(extract.EventWanted, "مذكرة اعتقال", "", 0, false),
	trig(extract.EventWanted, "مذكرة قبض", "", 0, false),
	trig(extract.EventWanted, "قائمة المطلوبين", "", 0, false),
	trig(extract.EventWanted, "مطلوب", "", 0, false),
	trig(extract.EventWanted, "النشرة الحمراء", "", 0, false),
	trig(extract.EventArrest, "القبض", "", 0, true),
	trig(extract.EventArrest, "قبض", "", 0, true),
	trig(extract.EventArrest, "اعتقال", "", 0, true),
	trig(extract.EventArrest, "اعتقل", "", 0, true),
	trig(extract.EventArrest, "اعتقلت", "", 0, true),
	trig(extract.EventArrest, "اعتقلوا", "", 0, false),
	trig(extract.EventArrest, "يعتقل", "", 0, false),
	trig(extract.EventArrest, "توقيف", "", 0, true),
	trig(extract.EventArrest, "أوقف", "", 0, true),
	trig(extract.EventArrest, "أوقفت", "", 0, true),
	trig(extract.EventArrest, "احتجاز", "", 0, true),
	trig(extract.EventArrest, "احتجز", "", 0, true),
	trig(extract.EventArrest, "احتجزت", "", 0, true),
	trig(extract.EventArrest, "ضبط", "", 0, true),
	trig(extract.EventArrest, "تسليم نفسه", "", 0, true),
	trig(extract.EventArrest, "سلم نفسه", "", 0, true),
	trig(extract.EventConfession, "اعترف", "", 0, true),
	trig(extract.EventConfession, "اعترفت", "", 0, true),
	trig(extract.EventConfession, "يعترف", "", 0, true),
	trig(extract.EventConfession, "اعترفا", "", 0, true),
	trig(extract.EventConfession, "اعترفوا", "", 0, true),
	trig(extract.EventConfession, "اعتراف", "", 0, true),
	trig(extract.EventConfession, "اعترافات", "", 0, true),
	trig(extract.EventConfession, "أقر", "", 0, true),
	trig(extract.EventConfession, "إقرار", "", 0, true),
	trig(extract.EventReferral, "أحيل", judiciaryWords, 25, true),
	trig(extract.EventReferral, "أحيلت", judiciaryWords, 25, true),
	trig(extract.EventReferral, "إحالة", judiciaryWords, 25, true),
	trig(extract.EventReferral, "أحال", judiciaryWords, 25, true),
	trig(extract.EventReferral, "أحالت", judiciaryWords, 25, true),
	trig(extract.EventReferral, "سيحال", judiciaryWords, 25, true),
	trig(extract.EventReferral, "يحال", judiciaryWords, 25, true),
	trig(extract.EventReferral, "ستحال", judiciaryWords, 25, true),
	trig(extract.EventReferral, "تحال", judiciaryWords, 25, true),
	trig(extract.EventReferral, "تحويل", judiciaryWords, 4, true),
	trig(extract.EventReferral, "تسليم", judiciaryWords, 4, true),
	trig(extract.EventReferral, "تمهيدا لإحالته", "", 0, true),
	trig(extract.EventTrial, "محاكمة", "", 0, true),
	trig(extract.EventTrial, "يحاكم", "", 0, true),
	trig(extract.EventTrial, "حوكم", "", 0, true),
	trig(extract.EventTrial, "المحاكمة", "", 0, true),
	trig(extract.EventTrial, "مثل أمام", "", 0, true),
	trig(extract.EventTrial, "مثل", "أمام", 4, true),
	trig(extract.EventConviction, "أدين", "", 0, true),
	trig(extract.EventConviction, "إدانة", "", 0, true),
	trig(extract.EventConviction, "أدانت", "", 0, true),
	trig(extract.EventConviction, "دانت", "", 0, true),
	trig(extract.EventConviction, "حكم", sentenceWords, 3, true),
	trig(extract.EventConviction, "حكمت", sentenceWords, 8, true),
	trig(extract.EventConviction, "الحكم", sentenceWords, 3, true),
	trig(extract.EventConviction, "حكما", sentenceWords, 3, true),
	trig(extract.EventConviction, "أحكاما", sentenceWords, 10, true),
	trig(extract.EventConviction, "أحكام", sentenceWords, 10, true),
	trig(extract.EventConviction, "قضت", sentenceWords, 8, true),
	trig(extract.EventExecutionAllegation, "إعدام", "", 0, false),
	trig(extract.EventExecutionAllegation, "إعدامات", "", 0, false),
	trig(extract.EventExecutionAllegation, "الإعدامات", "", 0, false),
	trig(extract.EventExecutionAllegation, "أعدم", "", 0, false),
	trig(extract.EventExecutionAllegation, "أعدمت", "", 0, false),
	trig(extract.EventExecutionAllegation, "يعدم", "", 0, false),
	trig(extract.EventExecutionAllegation, "يعدمون", "", 0, false),
	trig(extract.EventExecutionAllegation, "سيعدمون", "", 0, false),
	trig(extract.EventExecutionAllegation, "الإعدام", "", 0, false),
	trig(extract.EventExecutionAllegation, "إعدامهم", "", 0, false),
	trig(extract.EventExecutionAllegation, "أعدموا", "", 0, false),
	trig(extract.EventExecutionAllegation, "تصفية", victimWords, 4, false),
	trig(extract.EventExecutionAllegation, "شنق", "", 0, false),
	trig(extract.EventExecutionAllegation, "قتل", victimWords, 4, false),
	trig(extract.EventExecutionAllegation, "وقتل", victimWords, 4, false),
	trig(extract.EventExecutionAllegation, "قتلهم", "", 0, false),
	trig(extract.EventExecutionAllegation, "مجزرة", "", 0, false),
	trig(extract.EventTortureAllegation, "تعذيب", "", 0, false),
	trig(extract.EventTortureAllegation, "التعذيب", "", 0, false),
	trig(extract.EventTortureAllegation, "عذب", "", 0, false),
	trig(extract.EventTortureAllegation, "يعذب", "", 0, false),
	trig(extract.EventTortureAllegation, "عذبوا", "", 0, false),
	trig(extract.EventTortureAllegation, "التنكيل", "", 0, false),
	trig(extract.EventTortureAllegation, "الضرب", "", 0, false),
	trig(extract.EventTortureAllegation, "ضرب", victimWords, 3, false),
	trig(extract.EventTortureAllegation, "اغتصاب", "", 0, false),
	trig(extract.EventTortureAllegation, "تجويع", "", 0, false),
	trig(extract.EventTortureAllegation, "سوء معاملة", "", 0, false),
	trig(extract.EventTortureAllegation, "سوء المعاملة", "", 0, false),
	trig(extract.EventTortureAllegation, "الصعق", "", 0, false),
	trig(extract.EventDeathInCustody, "توفي", custodyWords, 16, false),
	trig(extract.EventDeathInCustody, "توفيت", custodyWords, 16, false),
	trig(extract.EventDeathInCustody, "وفاة", custodyWords, 16, false),
	trig(extract.EventDeathInCustody, "مات", custodyWords, 6, false),
	trig(extract.EventDeathInCustody, "ماتوا", custodyWords, 6, false),
	trig(extract.EventDeathInCustody, "يموتون", custodyWords, 6, false),
	trig(extract.EventDeathInCustody, "يموت", custodyWords, 6, false),
	trig(extract.EventDeathInCustody, "توفوا", custodyWords, 8, false),
	trig(extract.EventDeathInCustody, "حتى الموت", "", 0, false),
	trig(extract.EventDeathInCustody, "استشهد", custodyWords, 16, false),
	trig(extract.EventDeathInCustody, "مقتل", custodyWords, 10, false),
	trig(extract.EventDeathInCustody, "قضى تحت", "", 0, false),
	trig(extract.EventDeathInCustody, "قضوا تحت", "", 0, false),
	trig(extract.EventDeathInCustody, "قضى نحبه", custodyWords, 8, false),
	trig(extract.EventDeathInCustody, "لقي حتفه", custodyWords, 8, false),
	trig(extract.EventDeathInCustody, "فارق الحياة", custodyWords, 8, false),
	trig(extract.EventDeathInCustody, "فارقا الحياة", custodyWords, 8, false),
	trig(extract.EventDeathInCustody, "فارقوا الحياة", custodyWords, 8, false),
	trig(extract.EventDeathInCustody, "وفيات", custodyWords, 8, false),
	trig(extract.EventTestimony, "شهادة", "", 0, false),
	trig(extract.EventTestimony, "شهادات", "", 0, false),
	trig(extract.EventTestimony, "مقابلات", "شاهدا شاهد شهود ناجين ناجيا معتقلين معتقلا ناجون", 6, false),
	trig(extract.EventTestimony, "أدلى", "", 0, false),
	trig(extract.EventTestimony, "روى", "", 0, false),
	trig(extract.EventTestimony, "روت", "", 0, false),
	trig(extract.EventTestimony, "يروي", "", 0, false),
	trig(extract.EventTestimony, "تروي", "", 0, false),
	trig(extract.EventTestimony, "يستذكر", "", 0, false),
	trig(extract.EventTestimony, "يتذكر", "", 0, false),
	trig(extract.EventTestimony, "تتذكر", "", 0, false),
	trig(extract.EventTestimony, "يصف", "", 0, false),
	trig(extract.EventTestimony, "تصف", "", 0, false),
	trig(extract.EventTestimony, "وصف", "", 0, false),
	trig(extract.EventEscape, "فر", "", 0, true),
	trig(extract.EventEscape, "فرار", "", 0, true),
	trig(extract.EventEscape, "الفرار", "", 0, true),
	trig(extract.EventEscape, "هرب", "", 0, true),
	trig(extract.EventEscape, "هروب", "", 0, true),
	trig(extract.EventEscape, "فراره", "", 0, true),
	trig(extract.EventRelease, "أفرج", "", 0, true),
	trig(extract.EventRelease, "الإفراج", "", 0, true),
	trig(extract.EventRelease, "أطلق سراح", "", 0, true),
	trig(extract.EventRelease, "إطلاق سراح", "", 0, true),
	trig(extract.EventDisappearance, "اختفاء", "", 0, false),
	trig(extract.EventDisappearance, "الإخفاء", "", 0, false),
	trig(extract.EventDisappearance, "اختفى", "", 0, false),
	trig(extract.EventDisappearance, "مغيب", "", 0, false),
}

var triggerIndex = func() map[string][]int {
	m := map[string][]int{}
	for i, t := range triggers {
		m[t.words[0]] = append(m[t.words[0]], i)
	}
	return m
}()

// pronounSuffixes are the object and possessive pronouns that attach to a
// verb or a noun: "اعترافاته", "إحالتهم".
var pronounSuffixes = []string{"هما", "هم", "هن", "ها", "ه", "ي", "نا"}

// triggerForms returns the readings of a word a trigger may match: the word
// with or without clitics, and without a pronoun suffix (a ta marbuta that
// the suffix turned into ت restored).
func (d *doc) triggerForms(i int, buf []variant) []variant {
	buf = buf[:0]
	for _, v := range d.variantsOf(i) {
		buf = append(buf, v)
		if b := bare(v.s); b != v.s {
			buf = append(buf, variant{b, v.pre})
		}
		for _, suf := range pronounSuffixes {
			if strings.HasSuffix(v.s, suf) && len(v.s)-len(suf) >= 4 {
				st := v.s[:len(v.s)-len(suf)]
				buf = append(buf, variant{st, v.pre})
				if strings.HasSuffix(st, "ت") {
					buf = append(buf, variant{st[:len(st)-len("ت")] + "ه", v.pre})
				}
				if strings.HasSuffix(st, "و") {
					buf = append(buf, variant{st + "ا", v.pre}) // "عذبوه": عذبوا + ه
				}
				break
			}
		}
	}
	return buf
}
