package ar

import (
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// TestRound16Survivors holds issue 13's round 16 (extractor version 19) on
// a survivor introduced by a relative clause in an apposition ("X، إحدى
// النساء اللواتي تعرضن للتعذيب"): what she says of custody is testimony, not
// a statement, and the harm of the clause is hers. Sentences written for this
// test, persons invented.
func TestRound16Survivors(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"one of the women who were tortured",
			"وقالت ريم ناصيف، إحدى النساء اللواتي تعرضن للتعذيب في السجون السورية قبل نجاتها، إن ما عاشته في السجن كان كابوساً.",
			[]string{"testimony|ريم ناصيف||", "torture_allegation|ريم ناصيف||"}},
		{"one of those who were held",
			"وقال سامر قدور، أحد الذين اعتقلوا في فرع فلسطين، إن الزنزانة كانت مظلمة.",
			[]string{"testimony|سامر قدور|فرع فلسطين|", "arrest|سامر قدور|فرع فلسطين|"}},
		{"one of the officials who were exposed to criticism speaks for an office",
			"وقال سامر قدور، أحد المسؤولين الذين تعرضوا للانتقاد، إن الوزارة ستنشر تقريرها.",
			[]string{"statement|سامر قدور||"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "testimony", "statement", "arrest", "torture_allegation")
	}
}

// TestRound16PostPlaces: the place or facility of someone's post ("وهو عميد
// سابق في كلية … بمحافظة حمص", "نائب رئيس فرع المعلومات") and the town a
// named person comes from ("X من بلدة موحسن") are not where he was
// arrested, even where "حيث" points back. Sentences written for this test,
// persons invented.
func TestRound16PostPlaces(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a post in an apposition after the name",
			"ألقت وحدات الأمن القبض على سامر نديم الحلبي، وهو عميد سابق في كلية الهندسة العسكرية بمحافظة حمص.",
			[]string{"arrest|سامر نديم الحلبي||"}},
		{"a place after the name that is not a post is still the arrest's",
			"ألقت وحدات الأمن القبض على سامر نديم الحلبي في مدينة حمص.",
			[]string{"arrest|سامر نديم الحلبي|حمص|"}},
		{"a post and an origin before حيث",
			"وأفادت المصادر بأن العملية استهدفت نائب رئيس فرع المعلومات، سامر نديم الحلبي من بلدة التمانعة، حيث تم اعتقاله.",
			[]string{"arrest|سامر نديم الحلبي||"}},
		{"the town a named person comes from",
			"ألقت الشرطة القبض على سامر نديم الحلبي من بلدة كفرنبودة في مدينة حماة.",
			[]string{"arrest|سامر نديم الحلبي|حماة|"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "arrest")
	}
}

// TestRound16FamilyNames: a family name that is a given name with the
// article ("الحسين", "المحمد") ends a name whose father's name no list
// knows, and before "من" it is no participle. Sentences written for this
// test, persons invented.
func TestRound16FamilyNames(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string // name|rank
	}{
		{"after a father's name no list knows",
			"وقال رئيس المفرزة، مروان بديوي الحسين، إن العملية انتهت.",
			[]string{"مروان بديوي الحسين|"}},
		{"before من",
			"وأوقفت الدورية نائب رئيس الفرع، سامر جاسم المحمد من بلدة موحسن.",
			[]string{"سامر جاسم المحمد|"}},
		{"the secretary general is no family name",
			"وقال مروان بديوي الأمين العام للحزب إن العملية انتهت.",
			[]string{"مروان بديوي|"}},
	}
	for _, c := range cases {
		if got := personsOf(c.text); strings.Join(got, ";") != strings.Join(c.want, ";") {
			t.Errorf("%s: %q\n got %q\nwant %q", c.name, c.text, got, c.want)
		}
	}
}

// TestRound16Accused: the press names the accused of a trial by a given
// name and an initial between quotation marks, without a full stop ("«أنور
// ر»", a given name that is a common word too); an apposition after the
// noun a trial is on names whom it tries ("محاكمة المتهم الثاني، وهو المتهم
// الرئيسي X"); "المتهمان" and a dual pronoun point back to the two accused
// named before. Sentences written for this test, persons invented.
func TestRound16Accused(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a given name and an initial in quotation marks",
			`ويواجه "سامر ك" اتهامات بالمساعدة على جرائم ضد الإنسانية، ومن المتوقع أن تستمر محاكمة "أنور ح" في كوبلنز.`,
			[]string{"trial|أنور ح|كوبلنز|"}},
		{"the accused an apposition names",
			`من المتوقع أن تستمر محاكمة المتهم الثاني، وهو المتهم الرئيسي "رامي ح" /58 عاما/.`,
			[]string{"trial|رامي ح||"}},
		{"the two accused named before",
			`يواجه "سامر ك" اتهامات بالتعذيب. ويواجه "رامي ح" اتهامات بالقتل. وفر المتهمان إلى ألمانيا، حيث تم إلقاء القبض عليهما عام 2019.`,
			[]string{"arrest|سامر ك,رامي ح|ألمانيا|2019"}},
		{"a victim named before is none of the two accused",
			`قتل المعتقل سامر كنعان تحت التعذيب. وفر المتهمان إلى ألمانيا، حيث تم إلقاء القبض عليهما عام 2019.`,
			[]string{"arrest||ألمانيا|2019"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "arrest", "trial")
	}
}

// TestRound16Aims: a trial the referral is made for ("إحالته إلى القضاء
// لمحاكمته") has not been held, while the first session of a trial ("الجلسة
// الأولى لمحاكمة X") has; a referral to the police whose only court is the
// aim of a later step is no referral to the judiciary. Sentences written
// for this test, persons invented.
func TestRound16Aims(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a trial the referral is made for",
			"أعلن مدير الأمن العام عن إحالة العميد سامر نديم الحلبي إلى الجهات القضائية المختصة لمحاكمته على خلفية تورطه في جرائم.",
			[]string{"referral_to_judiciary|سامر نديم الحلبي||"}},
		{"the first session of a trial",
			"وبدأت الجلسة الأولى لمحاكمة العميد سامر نديم الحلبي في مدينة كوبلنز.",
			[]string{"trial|سامر نديم الحلبي|كوبلنز|"}},
		{"a trial an arrest is made for",
			"ألقت الشرطة القبض على العميد سامر نديم الحلبي لمحاكمته على جرائمه.",
			nil},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "trial", "referral_to_judiciary")
	}
}

// TestRound16InGeneral: what a film or report is about ("فيلماً وثائقياً عن
// الاعتقال والتعذيب") and what the detained as a whole undergo, said in the
// present ("ويتعرض المحتجزون … لأساليب تعذيب"), are no events; a harm the
// detained underwent, in the past, is one. Sentences written for this test.
func TestRound16InGeneral(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"what a film is about",
			"عرضت القناة، الأربعاء، فيلماً وثائقياً مؤثراً عن الاعتقال والتعذيب في سجون النظام.",
			nil},
		{"what a report is about, of a person named",
			"نشرت المنظمة تقريراً عن اعتقال سامر نديم الحلبي في حماة.",
			[]string{"arrest|سامر نديم الحلبي|حماة|"}},
		{"what the detained undergo as a habit",
			"ويتعرض المحتجزون لدى قوات النظام لأساليب تعذيب غاية في الوحشية في سجن صيدنايا.",
			nil},
		{"what the detained underwent",
			"وتعرض المعتقلون في سجن صيدنايا للتعذيب.",
			[]string{"torture_allegation||سجن صيدنايا|"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "arrest", "torture_allegation")
	}
}

// TestRound16Places: a time in custody ("خلال فترة الاعتقال داخل الفرع") is
// spent in the facility, not in its city; "حكومة دمشق" is a government, not
// a place; the seat of the body whose officer announces a referral ("مدير
// الأمن العام في محافظة اللاذقية") is no court's, while a court's seat is
// where it refers; a ruler's prisons ("سجون X") do not make the ruler a party
// to the torture told. Sentences written for this test, persons invented.
func TestRound16Places(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a time in custody is spent in the facility",
			"روى أحد المعتقلين المفرج عنهم من سجن فرع فلسطين في العاصمة دمشق معاناته خلال فترة الاعتقال داخل الفرع.",
			[]string{"arrest||سجن فرع فلسطين|"}},
		{"a government is no place",
			"وبحسب المرصد، فإن عدد الذين فقدوا حياتهم تحت التعذيب داخل المعتقلات الأمنية، التابعة لحكومة دمشق، وصل إلى خمسة وثلاثين شخصاً.",
			[]string{"death_in_custody|||", "torture_allegation|||"}},
		{"the seat of the announcing officer's body",
			"أعلن مدير الأمن العام في محافظة اللاذقية، المقدم رامي كنعو، عن إحالة العميد سامر نديم الحلبي إلى القضاء.",
			[]string{"referral_to_judiciary|سامر نديم الحلبي||"}},
		{"a court's seat",
			"أحالت محكمة الجنايات في دمشق العميد سامر نديم الحلبي إلى المحاكمة.",
			[]string{"referral_to_judiciary|سامر نديم الحلبي|دمشق|"}},
		{"a ruler's prisons",
			"وينقل الفيلم قصص نجاة سيدات سوريات من سجون سامر نديم الحلبي بعد تعرضهن للتعذيب.",
			[]string{"torture_allegation|||"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "arrest", "death_in_custody", "referral_to_judiciary", "torture_allegation")
	}
}

// TestRound16Nicknames: a single definite word given as a nickname to
// someone the text does not name ("ذلك الشخص الذي يلقب بـ«الشاويش»") is a
// title, no person; a kunya so given is a person known by it. Sentences
// written for this test.
func TestRound16Nicknames(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a definite word",
			`وكان سجان يلقب بـ"الشاويش" يضرب المعتقلين.`,
			[]string{"torture_allegation|||"}},
		{"a kunya",
			`وكان سجان يلقب بـ"أبو جعفر" يضرب المعتقلين.`,
			[]string{"torture_allegation|أبو جعفر||"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "torture_allegation")
	}
}

// TestRound16Accounts: one who says of himself that he stayed in a cell
// ("ذكر X أنه بقي سبعة أشهر داخل الزنزانة") testifies, named after "ذو
// الاسم المستعار" too; what he says further on of custody is testimony as
// well; an official who stayed in his post makes a statement. Sentences
// written for this test, persons invented.
func TestRound16Accounts(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"one who stayed in a cell, by his pseudonym",
			`وذكر ذو الاسم المستعار "أبو سليم" صاحب الخمسين عاماً أنه بقي يجلس لمدة سبعة أشهر على بلاطة واحدة داخل الزنزانة.`,
			[]string{"testimony|أبو سليم||"}},
		{"what he says further on",
			`وذكر "أبو سليم" أنه بقي لمدة سبعة أشهر داخل الزنزانة. وقال "أبو سليم" إن السجانين كانوا يمنعون المعتقلين من النوم.`,
			[]string{"testimony|أبو سليم||"}},
		{"what he says after telling of his arrest",
			`وقال "أبو سليم": اعتقلوني في فرع فلسطين. وقال "أبو سليم" إن السجانين كانوا يمنعون المعتقلين من النوم.`,
			[]string{"testimony|أبو سليم|فرع فلسطين|"}},
		{"an official who stayed in his post",
			"وذكر الوزير سامر نديم الحلبي أنه بقي في منصبه سبعة أشهر.",
			[]string{"statement|سامر نديم الحلبي||"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "testimony", "statement")
	}
}

// TestRound16Before: "قبل اعتقاله" dates something else by an arrest the
// text tells elsewhere, and is no arrest of its own; an arrest dated "قبل
// عامين" is one. Sentences written for this test, persons invented.
func TestRound16Before(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"before his arrest",
			"وقالت المحامية إن المتهم سامر نديم الحلبي، وقبل اعتقاله، هو من بادر إلى تقديم المعلومات.",
			nil},
		{"arrested two years before",
			"اعتقلت الشرطة سامر نديم الحلبي قبل عامين في حماة.",
			[]string{"arrest|سامر نديم الحلبي|حماة|"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "arrest")
	}
}

// TestRound16Announcements: a body's announcement of an event that names
// nobody ("أكد المرصد مقتل شاب تحت التعذيب") is a statement, as the
// annotations count an official announcement; a body's words that announce
// no event ("قالت الوزارة إن التحقيقات جارية") are none. Sentences written for
// this test.
func TestRound16Announcements(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a death announced",
			"أكد المرصد السوري لحقوق الإنسان مقتل شاب تحت التعذيب في سجن صيدنايا.",
			[]string{"statement|||"}},
		{"an arrest announced",
			"قال الادعاء العام في هولندا إن الشرطة اعتقلت رجلاً في الرابعة والثلاثين من عمره.",
			[]string{"statement|||"}},
		{"no event announced",
			"وقالت الوزارة إن التحقيقات جارية.",
			nil},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "statement")
	}
}

// TestRound16CourtCity: a court whose name ends with its city after "في"
// ("المحكمة الإقليمية العليا في فرانكفورت") sits there; a verdict told first
// in a country and then by the court of a city is the city's. Sentences
// written for this test, persons invented.
func TestRound16CourtCity(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"the city in the court's name",
			"أُدين سامر نديم الحلبي من قبل المحكمة الإقليمية العليا في فرانكفورت.",
			[]string{"conviction|سامر نديم الحلبي|فرانكفورت|"}},
		{"the country, then the court's city",
			"أدين سامر نديم الحلبي بالسجن المؤبد في ألمانيا. وكانت المحكمة العليا في فرانكفورت قد أدانت سامر نديم الحلبي بتهم التعذيب.",
			[]string{"conviction|سامر نديم الحلبي|فرانكفورت|"}},
		{"the country alone",
			"أدين سامر نديم الحلبي بالسجن المؤبد في ألمانيا.",
			[]string{"conviction|سامر نديم الحلبي|ألمانيا|"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "conviction")
	}
}

// TestRound16Recognised: refugees or victims who recognised an accused
// ("بعد أن تعرف عليه لاجئون سوريون", "حيث تعرف عليهما ضحاياهما") give an account
// of him, which the annotations count as testimony about him; he is its
// subject, no witness and no victim. Recognising a place is none.
// Sentences written for this test, persons invented.
func TestRound16Recognised(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"recognised by refugees",
			"وكان الطبيب سامر نديم الحلبي قد وصل إلى ألمانيا عام 2015، حيث عمل طبيباً إلى حين توقيفه عام 2020، بعد أن تعرف عليه لاجئون سوريون.",
			[]string{"testimony|سامر نديم الحلبي||"}},
		{"the two accused recognised by their victims",
			`يواجه "سامر ك" اتهامات بالتعذيب. ويواجه "رامي ح" اتهامات بالقتل. وفر المتهمان إلى ألمانيا، حيث تعرف عليهما ضحاياهما وتم إلقاء القبض عليهما عام 2019.`,
			[]string{"testimony|سامر ك,رامي ح||"}},
		{"a visitor who came to know a place",
			"وقال سامر نديم الحلبي إنه تعرف على المدينة خلال زيارته.",
			nil},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "testimony")
	}
	for _, e := range Extract(cases[1].text, model.DayDate(2025, 3, 6)).Events {
		for _, w := range e.Who {
			if w.Role == extract.RoleVictim || w.Role == extract.RoleWitness {
				t.Errorf("the recognised accused are no victims nor witnesses: %s %s %s", e.Type, w.Name, w.Role)
			}
		}
	}
}

// TestRound16TheCase: "المحاكمة" with nobody named, after a court has judged
// someone, is that person's trial, and the accounts the court heard ("استمعت
// المحكمة إلى شهادات 50 شاهداً") are testimony about him; with nobody judged
// before, the trial names nobody. Sentences written for this test, persons
// invented.
func TestRound16TheCase(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"after a verdict",
			"أدانت المحكمة العليا في فرانكفورت الطبيب سامر نديم الحلبي. واستمعت المحكمة خلال المحاكمة التي استمرت ثلاث سنوات إلى شهادات 50 شاهداً وضحية.",
			[]string{"conviction|سامر نديم الحلبي|فرانكفورت|", "trial|سامر نديم الحلبي|فرانكفورت|", "testimony|سامر نديم الحلبي||"}},
		{"with nobody judged before",
			"وقال سامر نديم الحلبي إن المحاكمة استمرت ثلاث سنوات.",
			[]string{"trial|||"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "conviction", "trial", "testimony")
	}
}
