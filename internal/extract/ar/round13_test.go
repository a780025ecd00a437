package ar

import "testing"

// TestRound13LeadDeadListed holds issue 13's round 13 (extractor version
// 16): an article whose title or lead reports deaths in custody, and then
// lists detainees by name, names its dead; an article of arrests, or a lead
// that speaks of deaths outside custody, does not. Sentences written for
// this test, persons invented. want is whether each listed person has a
// death in custody.
func TestRound13LeadDeadListed(t *testing.T) {
	const list = "وتخص البيانات خمسة معتقلين من البلدة، هم: وائل حسن المصري، وجابر سعيد الخطيب، ومازن فريد الحلبي."
	cases := []struct {
		name, text string
		want       bool
	}{
		{"a lead of death notices for detainees",
			"تسلمت عائلات من ريف حماة بيانات وفاة لأبنائها المعتقلين منذ عام 2012.\n\n" + list, true},
		{"a lead of deaths in custody, the list two sentences on",
			"وثقت الشبكة وفاة معتقلين من البلدة تحت التعذيب في سجن صيدنايا.\n\nوقالت الشبكة إن العائلات لم تتسلم الجثث.\n\n" + list, true},
		{"a list with a remark in parentheses after a name",
			"تسلمت عائلات من ريف حماة بيانات وفاة لأبنائها المعتقلين منذ عام 2012.\n\nوتخص البيانات خمسة معتقلين من البلدة، هم: وائل حسن المصري (ابن عمهما)، وجابر سعيد الخطيب، ومازن فريد الحلبي.", true},
		{"a lead of arrests lists no dead",
			"شنت قوات الأمن حملة اعتقالات في ريف حماة الشهر الماضي.\n\n" + list, false},
		{"a lead of deaths in an airstrike lists no dead in custody",
			"أدت غارة جوية على ريف حماة إلى وفاة عشرة مدنيين.\n\nوتخص القائمة خمسة مدنيين من البلدة، هم: وائل حسن المصري، وجابر سعيد الخطيب، ومازن فريد الحلبي.", false},
	}
	for _, c := range cases {
		for _, p := range []string{"وائل حسن المصري", "جابر سعيد الخطيب", "مازن فريد الحلبي"} {
			if found, all := hasEvent(c.text, "death_in_custody", p); found != c.want {
				t.Errorf("%s: death in custody of %s %v, want %v; got %q", c.name, p, found, c.want, all)
			}
		}
	}
}

// TestRound13DeathShapes keeps the shapes of a death in custody the
// extractor read before this round, and the deaths that are none: in
// battle, a death sentence, deaths in prisons of nobody named. Sentences
// written for this test, persons invented.
func TestRound13DeathShapes(t *testing.T) {
	cases := []struct {
		text, person string
		want         bool
	}{
		{"تم تسجيل وفاة المعتقلين وائل حسن المصري وجابر سعيد الخطيب في السجل المدني.", "جابر سعيد الخطيب", true},
		{"توفي المعتقل سامر خليل البدوي تحت التعذيب في سجن صيدنايا عام 2014.", "سامر خليل البدوي", true},
		{"فارق نادر سليم العلي الحياة في سجن صيدنايا العسكري.", "نادر سليم العلي", true},
		{"علمت عائلة المعتقل مازن فريد الحلبي بوفاته في فرع فلسطين.", "مازن فريد الحلبي", true},
		{"قُتل فادي سمير العمر في معارك ريف حلب عام 2016.", "فادي سمير العمر", false},
		{"أصدرت المحكمة حكماً بالإعدام بحق كمال يوسف الشامي بتهمة القتل.", "كمال يوسف الشامي", false},
		{"توفي آلاف المعتقلين في السجون السورية. وقال رامي عادل الفارس إن الحرب يجب أن تنتهي.", "رامي عادل الفارس", false},
	}
	for _, c := range cases {
		if found, all := hasEvent(c.text, "death_in_custody", c.person); found != c.want {
			t.Errorf("%q: death in custody of %s %v, want %v; got %q", c.text, c.person, found, c.want, all)
		}
	}
}
