package ar

import (
	"strings"
	"testing"
)

// TestOrganizations14 holds issue 13's round 14 on organizations, in
// sentences written for this test (invented persons and outlets, real
// places and bodies). orgsOf lists each organization as its name and its
// other names joined by "="; want lists names that must be among them, not
// names that must not be.
func TestOrganizations14(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []string
		not  []string
	}{
		{name: "a byline's known outlet",
			text: "عنوان الخبر\n\nسامر الخطيب/ الأناضول\n\nأوقفت الشرطة رجلاً في إسطنبول.",
			want: []string{"الأناضول"}},
		{name: "a byline's outlet that no list knows",
			text: "عنوان الخبر\n\nبرلين – منبر الحقيقة\n\nأوقفت الشرطة رجلاً في برلين.",
			want: []string{"منبر الحقيقة"}},
		{name: "a byline's outlet with a city in its name",
			text: "عنوان الخبر\nخاص - شبكة أخبار حمص\nأوقفت دورية رجلاً في حمص.",
			want: []string{"شبكة أخبار حمص"}},
		{name: "a militia by its name",
			text: "واتهم بالانتماء لميليشيا الدفاع الوطني في حمص.",
			want: []string{"ميليشيا الدفاع الوطني"}},
		{name: "a militia known as forces",
			text: "وأوقف عنصر سابق في ميليشيا الدفاع الوطني في جبلة.",
			want: []string{"قوات الدفاع الوطني"}},
		{name: "a known militia with its head",
			text: "وكان عضواً في ميليشيا لواء القدس منذ 2013.",
			want: []string{"ميليشيا لواء القدس"}},
		{name: "a militia described names none",
			text: "وقاتل مع ميليشيا الموالية للنظام في حلب.",
			not:  []string{"ميليشيا الموالية", "ميليشيا الموالية للنظام"}},
		{name: "a body named by its scope and purpose",
			text: "وقالت اللجنة الوطنية للمفقودين إنها تعمل على قاعدة بيانات.",
			want: []string{"اللجنة الوطنية للمفقودين"}},
		{name: "a body whose purpose has two words",
			text: "ونشر المركز السوري لتوثيق الانتهاكات تقريراً جديداً.",
			want: []string{"المركز السوري لتوثيق الانتهاكات"}},
		{name: "a head and an adjective alone name no body",
			text: "وأكدت اللجنة الوطنية أن العمل مستمر.",
			not:  []string{"اللجنة الوطنية"}},
		{name: "a byline's word for compiled reports is no outlet",
			text: "عنوان الخبر\n\nإسطنبول - متابعات\n\nأوقفت الشرطة رجلاً في إسطنبول.",
			not:  []string{"متابعات"}},
		{name: "the editors are no outlet",
			text: "عنوان الخبر\nحلب – فريق التحرير\nأوقفت دورية رجلاً في حلب.",
			not:  []string{"فريق التحرير"}},
		{name: "the title is no byline",
			text: "حمص - مقتل رجل\n\nقتل رجل في حمص.",
			not:  []string{"مقتل رجل"}},
		{name: "an outlet a person speaks to",
			text: "يقول الخطيب لـ\"صوت الحرية\": \"اعتقلوني في الليل\".",
			want: []string{"صوت الحرية"}},
		{name: "what was said is no outlet",
			text: "وقال إنه تعرض لـ\"التعذيب\" في الفرع.",
			not:  []string{"التعذيب"}},
		{name: "an outlet cited as the source, with a city in its name",
			text: "وبحسب ما رصده \"درعا الآن\"، فإن البيانات تخص تسعة معتقلين.",
			want: []string{"درعا الآن"}},
		{name: "what was spoken of is no outlet",
			text: "وتحدث المعتقل السابق عن «الخوف» الذي رافقه.",
			not:  []string{"الخوف"}},
		{name: "a nation's security forces",
			text: "ألقت قوات الأمن السوري القبض على ضابط سابق في حمص.",
			want: []string{"قوات الأمن السوري"}},
		{name: "a country's armed forces",
			text: "وعملت الميليشيا مع القوات المسلحة الروسية في حلب.",
			want: []string{"القوات المسلحة الروسية"}},
		{name: "a prosecution named by its country",
			text: "وقال الادعاء العام في بلجيكا إن الشرطة أوقفت رجلاً.",
			want: []string{"الادعاء العام في بلجيكا"}},
		{name: "the authorities are no body",
			text: "وأوقفت السلطات الفرنسية رجلاً سورياً في ليون.",
			not:  []string{"السلطات الفرنسية"}},
		{name: "a regime's intelligence",
			text: "واحتجز في معتقل تديره مخابرات نظام الأسد في دمشق.",
			want: []string{"مخابرات نظام الأسد", "نظام الأسد"}},
		{name: "a court by its city is the court the text names in full",
			text: "وأصدرت المحكمة الإقليمية العليا في مدينة فرانكفورت حكمها. وقالت محكمة فرانكفورت إن المتهم مذنب.",
			want: []string{"المحكمة الإقليمية العليا", "محكمة فرانكفورت"}, not: []string{"محكمة فرانكفورت"}},
		{name: "the ministry's short form",
			text: "وقالت الداخلية السورية في بيان إنها أوقفت ضابطاً.",
			want: []string{"الداخلية السورية"}},
	}
	for _, c := range cases {
		got := orgsOf(c.text)
		orgs := strings.Split(got, ";")
		for _, w := range c.want {
			found := false
			for _, o := range orgs {
				if o == w || strings.HasPrefix(o, w+"=") || strings.Contains(o, "="+w) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: %s\nwant %q among %q", c.name, c.text, w, got)
			}
		}
		for _, n := range c.not {
			for _, o := range orgs {
				if o == n || strings.HasPrefix(o, n+"=") {
					t.Errorf("%s: %s\n%q read as an organization", c.name, c.text, n)
				}
			}
		}
	}
}
