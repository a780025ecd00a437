package ar

import (
	"strings"
	"testing"
)

// TestEntities30 holds issue 13's round 30 on Arabic entities, in sentences
// written for this test (invented persons, real places and bodies). orgsOf
// lists each organization as its name and its other names joined by "=";
// want are names that must be organizations (one entity's name or alias),
// not names that must not be.
func TestEntities30(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []string
		not  []string
	}{
		{name: "the regime's forces are a body of their own",
			text: "وقاتل سمير الحداد إلى جانب قوات النظام السوري في ريف حمص عام 2013.",
			want: []string{"قوات النظام السوري"},
			not:  []string{"النظام السوري"}},
		{name: "the regime's forces after a clitic",
			text: "وكان قائداً لمجموعة مسلحة تابعة لقوات النظام السوري حتى عام 2016.",
			want: []string{"قوات النظام السوري"},
			not:  []string{"النظام السوري"}},
		{name: "the forces of the regime named by its head",
			text: "واعتقلته قوات نظام الأسد في حماة عام 2012.",
			want: []string{"قوات نظام الأسد"},
			not:  []string{"نظام الأسد"}},
		{name: "the regime alone stays the regime",
			text: "وقال المحامي إن النظام السوري اعتقل موكله عام 2014.",
			want: []string{"النظام السوري"},
			not:  []string{"قوات النظام السوري"}},
		{name: "an outlet before a byline word",
			text: "عنوان الخبر\nصوت الساحل - متابعات\n\nأوقفت الشرطة رجلاً في برلين.",
			want: []string{"صوت الساحل"}},
		{name: "an outlet before a byline word that opens with a stop word",
			text: "عنوان الخبر\nالسوري الحر - متابعات\n\nأوقفت الشرطة رجلاً في برلين.",
			want: []string{"السوري الحر"}},
		{name: "byline words alone name no outlet",
			text: "عنوان الخبر\nخاص - متابعات\n\nأوقفت الشرطة رجلاً في برلين.",
			not:  []string{"خاص"}},
		{name: "a title before a byline word is no outlet",
			text: "مقتل شاب تحت التعذيب - متابعات\n\nقتل شاب في سجن صيدنايا.",
			not:  []string{"مقتل شاب تحت التعذيب"}},
		{name: "a dateline with an equals sign opens the text",
			text: "ألمانيا = صوت الساحل\nأوقفت الشرطة رجلاً في برلين.",
			want: []string{"صوت الساحل"}},
		{name: "a first line without a place is a title",
			text: "مقتل رجل = خبر\nقتل رجل في حمص.",
			not:  []string{"خبر"}},
		{name: "a bare regime's forces are left alone",
			text: "وقتل الشاب خلال سيطرة قوات النظام على المنطقة عام 2018.",
			not:  []string{"قوات النظام"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := orgsOf(c.text)
			names := map[string]bool{}
			for _, o := range strings.Split(got, ";") {
				for _, n := range strings.Split(o, "=") {
					names[n] = true
				}
			}
			for _, w := range c.want {
				if !names[w] {
					t.Errorf("organization %q missing; got %q", w, got)
				}
			}
			for _, n := range c.not {
				if names[n] {
					t.Errorf("organization %q found; got %q", n, got)
				}
			}
		})
	}
}
