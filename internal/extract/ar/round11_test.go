package ar

import "testing"

// TestRound11Trials holds issue 13's round 11 (extractor version 14) for
// trials: a trial owed, wished for or awaited is none the text reports; one
// held, or being held, is. Sentences written for this test, persons
// invented. want lists the trials eventsOf finds.
func TestRound11Trials(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a trial owed after يجب أن",
			"وقال شقيق الضحية إن السجان سامر خليل العلي يجب أن يُحاكم أمام محكمة علنية.", nil},
		{"a trial wished after نريد أن",
			"نريد أن يُحاكم العقيد فادي نزار الحسن أمام الناس.", nil},
		{"a trial in a list of demands, after أن",
			"ثلاثة مطالب: أن تُفتح السجلات، وأن يُحاكم الضباط الكبار قبل الصغار.", nil},
		{"a trial awaited",
			"وما زالت العائلة تنتظر محاكمة السجان فادي نزار الحسن.", nil},
		{"a trial held",
			"وحوكم العقيد فادي نزار الحسن أمام محكمة الجنايات في دمشق.", []string{"trial|فادي نزار الحسن|دمشق|"}},
		{"a trial under way after إن",
			"وقال المحامي إن موكله فادي نزار الحسن يُحاكم منذ شهرين أمام محكمة الجنايات.", []string{"trial|فادي نزار الحسن||"}},
		{"a trial in the perfect after بعد أن",
			"وبعد أن حوكم فادي نزار الحسن عام 2015، نُقل إلى سجن صيدنايا.", []string{"trial|فادي نزار الحسن||2015"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "trial")
	}
}

// TestRound11GroupNames: an event noun in the name of a group named for
// those who suffered it is no event; the same noun after those who suffered
// it, with no group, still is.
func TestRound11GroupNames(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"survivors of detention as a group's name",
			"وقالت المحامية ريم سعيد الحلبي، منسقة \"تجمع ناجيات الاعتقال\"، إن الجلسة أُجّلت.", nil},
		{"families of the victims of detention as a group's name",
			"وطالبت رابطة عائلات ضحايا الاعتقال في حمص بكشف مصير المفقودين.", nil},
		{"an arrest told after the group is named",
			"وقالت رابطة عائلات ضحايا الاعتقال إن قوات الأمن اعتقلت الشاب باسل عمر الخطيب في حمص عام 2013.",
			[]string{"arrest|باسل عمر الخطيب|حمص|2013"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "arrest")
	}
}

// TestRound11Dormitory: the dormitory (المهجع) and the jailer (السجان) are
// words of custody: a survivor who speaks of them testifies, a death in one
// is a death in custody.
func TestRound11Dormitory(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a survivor tells of a cellmate taken from the dormitory",
			"وأضاف المعتقل السابق سامر خليل العلي أن رفيقه في المهجع نُقل ليلاً ولم يعد.",
			[]string{"testimony|سامر خليل العلي||"}},
		{"deaths in the dormitory",
			"مات كثيرون في المهجع من الجوع والمرض.",
			[]string{"death_in_custody|||"}},
		{"deaths at home are no deaths in custody",
			"مات كثيرون في البلدة من الجوع والمرض.", nil},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want)
	}
}
