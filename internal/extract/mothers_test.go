package extract_test

import (
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	_ "github.com/athar-project/athar/internal/extract/ar"
	_ "github.com/athar-project/athar/internal/extract/en"
	"github.com/athar-project/athar/internal/model"
)

// Mothers' names from running text and list lines (texts written for this
// test): the person each belongs to, and none where no cue ties a name to
// a person.
func TestMothers(t *testing.T) {
	for _, tc := range []struct {
		name, lang, text string
		want             map[string]string // a person's name (a word of it) → the mother's name; "" none
	}{
		{"english apposition", "en",
			"Khaled Omar Barakat, a 31-year-old pharmacist, was arrested in Homs in 2012. His mother, Amina Haddad, has searched for him since.",
			map[string]string{"Barakat": "Amina Haddad"}},
		{"english possessive", "en",
			"Samir Youssef Nahhas was detained at a checkpoint in 2013. Samir Youssef Nahhas's mother is Layla Darwish.",
			map[string]string{"Nahhas": "Layla Darwish"}},
		{"english name of the mother", "en",
			"Rami Khalil Azar disappeared in Damascus in 2014; his mother's name was Hind.",
			map[string]string{"Azar": "Hind"}},
		{"english without a cue", "en",
			"Tarek Said Mansour was arrested in Aleppo in 2012 with Nadia Kurdi.",
			map[string]string{"Mansour": ""}},
		{"arabic list line", "ar",
			"اعتقلت قوات الأمن المهندس وسيم جميل الخطيب في حمص عام 2012، والدته نجاح في دمشق تبحث عنه منذ ذلك الحين.",
			map[string]string{"الخطيب": "نجاح"}},
		{"arabic mother quoted by a newspaper", "ar",
			"اعتقلت قوات الأمن الشاب مازن خليل الحمصي في دمشق عام 2014. وقالت والدته سعاد الحلبي لـ«الصحيفة» إنها لم تسمع عنه شيئاً.",
			map[string]string{"الحمصي": "سعاد الحلبي"}},
		{"arabic name of the mother", "ar",
			"اعتقل الطالب باسل عمر القاسم في حلب عام 2013، واسم الأم: فاطمة الزهراء.",
			map[string]string{"القاسم": "فاطمة الزهراء"}},
		{"arabic without a cue", "ar",
			"اعتقلت قوات الأمن الطبيب سامي يوسف دياب في حماة عام 2013.",
			map[string]string{"دياب": ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := extract.Extract(tc.text, model.Date{}, tc.lang)
			for word, want := range tc.want {
				found := false
				for _, p := range r.Persons {
					if !strings.Contains(p.Name, word) {
						continue
					}
					found = true
					if p.Mother != want {
						t.Errorf("%s: mother %q, want %q", p.Name, p.Mother, want)
					}
				}
				if !found {
					t.Errorf("no person %q among %+v", word, r.Persons)
				}
			}
		})
	}
}
