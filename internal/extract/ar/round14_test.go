package ar

import (
	"slices"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// TestRound14Scene holds issue 13's round 14 (extractor version 17): a
// death or torture in custody whose sentence names no place happened in
// the facility the story is set in, named a sentence or two before; not in
// a hospital where the dead were brought, not in a prison someone came
// from, and not for a death told in passing of someone the text mentions.
// Sentences written for this test, persons invented.
func TestRound14Scene(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"deaths told after the prison is named",
			"تحول سجن عدرا المركزي إلى مركز اعتقال رئيسي بعد عام 2011. كان المعتقلون يموتون بأعداد كبيرة.",
			[]string{"death_in_custody||سجن عدرا المركزي|"}},
		{"torture told after the branch is named",
			"اقتيد الشاب إلى فرع الخطيب في الليلة نفسها. وهناك تعرض المعتقلون للتعذيب بالكهرباء.",
			[]string{"torture_allegation||فرع الخطيب|"}},
		{"a hospital where the dead were brought is no scene",
			"نُقلت الجثث إلى مستشفى تشرين العسكري. كان المعتقلون يموتون بأعداد كبيرة.",
			[]string{"death_in_custody|||"}},
		{"a prison someone came from is no scene",
			"أُفرج عن الشاب من سجن عدرا المركزي قبل عامين. كان المعتقلون يموتون بأعداد كبيرة.",
			[]string{"death_in_custody|||"}},
		{"a death told in passing of someone mentioned",
			"قضى الكاتب ثلاث سنوات في سجن عدرا المركزي. وأهدى روايته إلى صديقه الراحل نادر سليم العلي، الذي توفي تحت التعذيب.",
			[]string{"death_in_custody|نادر سليم العلي||", "torture_allegation|نادر سليم العلي||"}},
		{"a branch in the apposition that says who someone is is no scene",
			"أوقفت دورية أمنية كمال يوسف الشامي، العنصر السابق في فرع فلسطين، في حي الميدان. ويتهم الشامي بتعذيب معتقلين.",
			[]string{"torture_allegation|كمال يوسف الشامي||"}},
		{"a branch someone served in before is no scene",
			"أوقفت دورية أمنية النقيب السابق في فرع فلسطين كمال يوسف الشامي. ويتهم الشامي بتعذيب معتقلين.",
			[]string{"torture_allegation|كمال يوسف الشامي||"}},
		{"a branch the survivor was taken to is the scene of his torture",
			"اعتقل كمال يوسف الشامي عام 2013 واقتيد إلى فرع فلسطين. ويروي الشامي أن المحققين عذبوه بالكهرباء طوال أسابيع.",
			[]string{"torture_allegation|كمال يوسف الشامي|فرع فلسطين|"}},
		{"a prison named in what a denial denies is no scene",
			"نفت عائلة الموقوف كمال يوسف الشامي أن يكون ابنها قد عمل في سجن عدرا المركزي. وكانت دورية قد أوقفت الشامي بتهمة تعذيب معتقلين.",
			[]string{"torture_allegation|كمال يوسف الشامي||"}},
		{"a prison the text names only later is no scene of the lead",
			"أصدرت محكمة ألمانية حكماً على السوري كمال يوسف الشامي بعد إدانته بتعذيب معتقلين. ويقول ناجون إن مئات المعتقلين نُقلوا لاحقاً إلى سجن صيدنايا.",
			[]string{"torture_allegation|كمال يوسف الشامي||"}},
		{"a sentence to prison is no place",
			"أصدرت المحكمة حكماً بالسجن المؤبد على كمال يوسف الشامي بعد إدانته بتعذيب معتقلين في سجن عدرا المركزي.",
			[]string{"torture_allegation|كمال يوسف الشامي|سجن عدرا المركزي|"}},
		{"a sentence to prison, the prison named later, gives no place",
			"أصدرت المحكمة حكماً بالسجن المؤبد على كمال يوسف الشامي بعد إدانته بتعذيب معتقلين. وكان الشامي قد نُقل من سجن عدرا المركزي.",
			[]string{"torture_allegation|كمال يوسف الشامي||"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "death_in_custody", "torture_allegation")
	}
}

// TestRound14Initials: a person named by given name and initial, as courts
// abroad name the accused, is the one person the text names in full with
// that given name and a name that begins with the initial; with two such
// persons, neither.
func TestRound14Initials(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string // the persons, as extracted
	}{
		{"the initial of the father's name",
			"أدانت محكمة ألمانية السوري \"سامر ف.\" بتعذيب معتقلين. وكشفت وثائق المحكمة أن اسمه الكامل سامر فايز الحلبي.",
			[]string{"سامر فايز الحلبي"}},
		{"the initial of the family name",
			"أدانت محكمة ألمانية السوري \"سامر ح.\" بتعذيب معتقلين. وكشفت وثائق المحكمة أن اسمه الكامل سامر فايز الحلبي.",
			[]string{"سامر فايز الحلبي"}},
		{"the initial, the full name, then the given name alone",
			"أدانت محكمة ألمانية السوري \"سامر ف.\" بتعذيب معتقلين. وكشفت وثائق المحكمة أن اسمه الكامل سامر فايز الحلبي. وقال شاهد إن المقدم سامر كان يشرف على التحقيق.",
			[]string{"سامر فايز الحلبي"}},
		{"an initial that fits no full name",
			"أدانت محكمة ألمانية السوري \"سامر ك.\" بتعذيب معتقلين. وشهد ضده المعتقل السابق سامر فايز الحلبي.",
			[]string{"سامر ك.", "سامر فايز الحلبي"}},
		{"an initial that fits two full names",
			"أدانت محكمة ألمانية السوري \"سامر ح.\" بتعذيب معتقلين. وشهد ضده سامر فايز الحلبي وسامر حسن العلي.",
			[]string{"سامر ح.", "سامر فايز الحلبي", "سامر حسن العلي"}},
	}
	for _, c := range cases {
		if got := personNames(c.text); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q\n got %q\nwant %q", c.name, c.text, got, c.want)
		}
	}
}

// TestRound14GenericBodies: a court with the country's name after it
// ("محكمة سورية", a Syrian court) and a body's head word with an adjective
// of kind say what kind of body, not which one; a body's name, or a court
// named by its city, stays one.
func TestRound14GenericBodies(t *testing.T) {
	cases := []struct {
		text string
		org  string
		want bool
	}{
		{"وقال إنه مستعد للإدلاء بشهادته أمام أي محكمة سورية أو دولية.", "محكمة سورية", false},
		{"وطالبت منظمة حقوقية بالإفراج عن المعتقلين في حمص.", "منظمة حقوقية", false},
		{"وأصدرت محكمة لاهاي الجزئية حكمها على سامر فايز الحلبي.", "محكمة لاهاي الجزئية", true},
		{"وطالبت منظمة العفو الدولية بالإفراج عن المعتقلين في حمص.", "منظمة العفو الدولية", true},
	}
	for _, c := range cases {
		r := Extract(c.text, model.DayDate(2025, 3, 6))
		var orgs []string
		for _, o := range r.Organizations {
			orgs = append(orgs, o.Name)
		}
		if slices.Contains(orgs, c.org) != c.want {
			t.Errorf("%q: organizations %q; %s among them: %v, want %v", c.text, orgs, c.org, !c.want, c.want)
		}
	}
}

// TestRound14TitledSpeaker: a speaker named after a title word right after
// the verb of saying ("وقال الحقوقي X"), or after a post and a comma ("وقال
// مديره التنفيذي، الحقوقي X"), makes a statement; the victim named after a
// relative of theirs does not speak.
func TestRound14TitledSpeaker(t *testing.T) {
	const lead = "اعتقلت قوات الأمن الشاب كمال يوسف الشامي عام 2013 في دمشق. "
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a title right after the verb",
			lead + "وقال الحقوقي سامي رياض حمدان في بيان إن الحكم رسالة واضحة.",
			[]string{"statement|سامي رياض حمدان||"}},
		{"a post, a comma, then the title",
			lead + "وقال مديره التنفيذي، الحقوقي سامي رياض حمدان، في بيان إن الحكم رسالة واضحة.",
			[]string{"statement|سامي رياض حمدان||"}},
		{"the victim named after a relative",
			lead + "وقالت والدة الضحية رنا يوسف حداد إن الحكم رسالة واضحة.",
			nil},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "statement")
	}
}

// TestRound14DescribedSpeaker: "المتهم" right after a verb of saying is the
// accused the text has named, who speaks; with nobody accused named, no
// statement.
func TestRound14DescribedSpeaker(t *testing.T) {
	const lead = "أصدرت محكمة لاهاي حكماً على السوري كمال يوسف الشامي بالسجن عشر سنوات. "
	cases := []struct {
		name, text string
		want       []string
	}{
		{"the accused denies",
			lead + "وأنكر المتهم جميع التهم، وقال في كلمته الأخيرة إنه كان موظفاً في الأرشيف.",
			[]string{"statement|كمال يوسف الشامي||"}},
		{"the accused speaks",
			lead + "وقال المتهم في كلمته الأخيرة إنه بريء.",
			[]string{"statement|كمال يوسف الشامي||"}},
		{"nobody accused is named",
			"وقال المتهم في كلمته الأخيرة إنه بريء.",
			nil},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "statement")
	}
}

// TestRound14SpeechParticiple: a participle of saying that closes a clause
// after a comma ("، مشيراً إلى أن") or opens a quotation ("قائلاً:") says
// that the clause's subject speaks; not when a body may be that subject,
// nor when the word describes a noun ("معلومات مؤكدة").
func TestRound14SpeechParticiple(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"after a comma, the subject named after the verb",
			"عاد سامر فايز الحلبي إلى مدينته بعد غياب طويل، متحدثاً عن سنوات الخوف.",
			[]string{"statement|سامر فايز الحلبي||"}},
		{"before a colon",
			"ويختم سامر فايز الحلبي حديثه قائلاً: لن ننسى.",
			[]string{"statement|سامر فايز الحلبي||"}},
		{"a body before the person may be the subject",
			"داهمت قوى الأمن الداخلي منزل سامر فايز الحلبي في حمص، مؤكدةً أن العملية جرت دون إصابات.",
			nil},
		{"the object of a preposition does not speak",
			"واستفسر الجار عن سامر فايز الحلبي، مضيفاً أنه لم يره منذ سنوات.",
			nil},
		{"an adjective, not a participle of saying",
			"وقدّم سامر فايز الحلبي إلى المحققين وثائق مؤكدة عن مكان الدفن.",
			nil},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "statement")
	}
}

// TestRound14BirthDate: a year after a word of birth says when someone was
// born, never when the event of the sentence happened.
func TestRound14BirthDate(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a birth year after the name, no comma",
			"تمكنت دورية من الأمن العام من إلقاء القبض على المدعو سامر فايز الحلبي وهو من مواليد قرية الزارة عام 1979 وكان يخدم في سجن عدرا.",
			[]string{"arrest|سامر فايز الحلبي||"}},
		{"the arrest's own year",
			"ألقت دورية من الأمن العام القبض على سامر فايز الحلبي عام 2013 في حمص.",
			[]string{"arrest|سامر فايز الحلبي|حمص|2013"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "arrest")
	}
}

// TestRound14FalseIdentity: "باسم" after the words of a false identity
// ("هوية مزورة باسم X") is "by the name", not the given name Basem; the
// given name itself stays a name.
func TestRound14FalseIdentity(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string // the persons, as extracted
	}{
		{"a forged identity card",
			"وقال العميد عبد العزيز الحسن إن المتهم كان يتنقل بين عدة منازل مستخدماً هوية مزورة باسم سامر يوسف.",
			[]string{"عبد العزيز الحسن"}},
		{"a passport in another name",
			"وقال العميد عبد العزيز الحسن إن المتهم غادر البلاد بجواز سفر باسم سامر يوسف.",
			[]string{"عبد العزيز الحسن"}},
		{"the given name Basem",
			"والتقى المحامي باسم يوسف الحلبي عائلة المعتقل في حمص.",
			[]string{"باسم يوسف الحلبي"}},
	}
	for _, c := range cases {
		if got := personNames(c.text); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q\n got %q\nwant %q", c.name, c.text, got, c.want)
		}
	}
}

// TestRound14FamilySuffix: "بك" after two words of a name is the family
// name's last word ("خير بك"); after a verb it is "with you".
func TestRound14FamilySuffix(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string // the persons, as extracted
	}{
		{"a family name in بك",
			"ألقت دورية القبض على اللواء المتقاعد نزيه حسن خير بك في مدينة طرطوس.",
			[]string{"نزيه حسن خير بك"}},
		{"with you, after a verb",
			"وقال سامر فايز الحلبي لصديقه: نحن نثق بك.",
			[]string{"سامر فايز الحلبي"}},
	}
	for _, c := range cases {
		if got := personNames(c.text); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q\n got %q\nwant %q", c.name, c.text, got, c.want)
		}
	}
}

// TestRound14SpokenTo: a name in quotes after "لـ", with a verb of saying
// or telling before it, is the outlet someone spoke to, even when a word of
// it is a city; a kunya in quotes is a person, and without a verb of
// saying the quotes name no outlet.
func TestRound14SpokenTo(t *testing.T) {
	cases := []struct {
		text, org string
		want      bool
	}{
		{"وقال المهندس سامر فايز الحلبي لـ\"حماة اليوم\" إن الدائرة لم تصدر أي بيان.", "حماة اليوم", true},
		{"ناجٍ يروي لـ\"صوت المعتقل\" تفاصيل عامين في الفروع.", "صوت المعتقل", true},
		{"وقال سامر فايز الحلبي لـ«أبو خالد» إن الدائرة لم تصدر أي بيان.", "أبو خالد", false},
		{"وقدم سامر فايز الحلبي لـ\"حماة اليوم\" صوراً.", "حماة اليوم", false},
	}
	for _, c := range cases {
		r := Extract(c.text, model.DayDate(2025, 3, 6))
		var orgs []string
		for _, o := range r.Organizations {
			orgs = append(orgs, o.Name)
		}
		if slices.Contains(orgs, c.org) != c.want {
			t.Errorf("%q: organizations %q; %s among them: %v, want %v", c.text, orgs, c.org, !c.want, c.want)
		}
	}
}

// TestRound14ChargeFrame: a harm that cases or files are about is a kind of
// charge, not an event, and never makes the accused its victim; with a name
// after it, it is that person's.
func TestRound14ChargeFrame(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"cases about enforced disappearance",
			"ومن المتوقع إحالة سامر فايز الحلبي إلى القضاء، مع فتح تحقيقات في قضايا تتعلق بالاختفاء القسري بحق مدنيين.",
			nil},
		{"files about a named man's death",
			"وفتحت النيابة ملفات تتعلق بوفاة نادر سليم العلي في سجن عدرا المركزي.",
			[]string{"death_in_custody|نادر سليم العلي|سجن عدرا المركزي|"}},
		{"a disappearance told",
			"واختفى نادر سليم العلي قسرياً بعد اعتقاله في حمص عام 2013.",
			[]string{"disappearance|نادر سليم العلي|حمص|"}}, // the year is the arrest's
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "disappearance", "death_in_custody")
	}
}
