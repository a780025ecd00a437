package ar

import "testing"

// TestRound17DeathsOfTheTorturer: a death in custody of detainees no name
// is given ("حيث قضى 40 معتقلاً تحت التعذيب", "والتسبب بموت 40 معتقلاً") in
// the sentence that lays a torture to someone is laid to him too, the one
// named last before it when several are; a death a named victim died is
// still his alone. Sentences written for this test, persons invented.
func TestRound17DeathsOfTheTorturer(t *testing.T) {
	const lead = "وقالت الوزارة إن التحقيقات جارية. "
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a death caused, among the charges",
			lead + "ويواجه العقيد سامر نديم الحلبي تهماً بتعذيب أكثر من ألف معتقل في فرع الأمن الجنائي والتسبب بموت 40 معتقلاً بسبب التعذيب.",
			[]string{"death_in_custody|سامر نديم الحلبي|فرع الأمن الجنائي|"}},
		{"a count between the verb and تحت التعذيب",
			lead + "ويحاكم العقيد سامر نديم الحلبي أمام محكمة في باريس. كما يواجه الحلبي تهماً تتعلق بمسؤوليته عن تعذيب 300 شخص في فرع الأمن الجنائي، حيث قضى ما لا يقل عن 40 معتقلاً تحت التعذيب خلال وجوده في ذلك الفرع.",
			[]string{"death_in_custody|سامر نديم الحلبي|فرع الأمن الجنائي|"}},
		{"the one named last before the death",
			lead + "ومثل مروان بديوي أمام المحكمة إلى جانب العقيد سامر نديم الحلبي الذي يواجه تهماً بتعذيب أكثر من ألف معتقل والتسبب بموت 40 معتقلاً بسبب التعذيب.",
			[]string{"death_in_custody|سامر نديم الحلبي||"}},
		{"a named victim's death stays his",
			lead + "وتعرض الشاب كريم فادي عبود للتعذيب في فرع الأمن الجنائي حتى توفي تحت التعذيب.",
			[]string{"death_in_custody|كريم فادي عبود|فرع الأمن الجنائي|"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "death_in_custody")
	}
}

// TestRound17DetaineeInQuotes: a name in quotes before the description
// that says where he was held ("مع "X" أحد المعتقلين المفرج عنهم من سجن
// صيدنايا", ""X"، أحد المعتقلين …") is held there, as a name with no
// quotes is; a survivor is still told by his account only. Sentences
// written for this test, persons invented.
func TestRound17DetaineeInQuotes(t *testing.T) {
	const lead = "وقالت الوزارة إن التحقيقات جارية. "
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a name in quotes, no comma",
			lead + "وفي لقاء خاص مع موقعنا تحدث \"سامر نديم الحلبي\" أحد المعتقلين المفرج عنهم من سجن صيدنايا عن الجوع.",
			[]string{"arrest|سامر نديم الحلبي|سجن صيدنايا|"}},
		{"a name in quotes, then a comma",
			lead + "وتحدث \"سامر نديم الحلبي\"، أحد المعتقلين المفرج عنهم من سجن صيدنايا، عن الجوع.",
			[]string{"arrest|سامر نديم الحلبي|سجن صيدنايا|"}},
		{"a name with no quotes, as before",
			lead + "وتحدث سامر نديم الحلبي، أحد المعتقلين المفرج عنهم من سجن صيدنايا، عن الجوع.",
			[]string{"arrest|سامر نديم الحلبي|سجن صيدنايا|"}},
		{"a survivor in quotes",
			lead + "وتحدث \"سامر نديم الحلبي\" أحد الناجين من سجن صيدنايا عن الجوع.",
			nil},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "arrest")
	}
}

// TestRound17DeathsSeen: deaths of detainees no name is given that a
// survivor saw or heard of — their bodies ("جثث المعتقلين"), their death
// under torture ("موت 20 شاباً تحت التعذيب") — are deaths in custody; a
// death that is no custody's is none. Sentences written for this test,
// persons invented.
func TestRound17DeathsSeen(t *testing.T) {
	const lead = "وقالت الوزارة إن التحقيقات جارية. "
	cases := []struct {
		name, text string
		want       []string
	}{
		{"the bodies of detainees",
			lead + "سمعت من معتقلات وصلن من فرع المنطقة كيف كان السجانون يدوسون على جثث المعتقلين في الممر.",
			[]string{"death_in_custody||فرع المنطقة|"}},
		{"a death under torture she saw",
			lead + "وقالت ريم ناصيف إنها شهدت موت 20 شاباً تحت التعذيب خلال فترة سجنها.",
			[]string{"death_in_custody|||"}},
		{"bodies that are no detainees'",
			lead + "وعثر الأهالي على جثث الجنود قرب الطريق.",
			nil},
		{"a death far from torture",
			lead + "وقالت ريم ناصيف إن موت والدها في حادث سير عام 2010 غيّر حياتها.",
			nil},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "death_in_custody")
	}
}
