package ar

import (
	"strings"
	"testing"
)

// TestRound12RelativesAccounts holds issue 13's round 12 (extractor version
// 15): a relative the sentence introduces by kinship with a detainee, who
// speaks of custody, gives testimony; one who speaks of the verdict makes a
// statement. Sentences written for this test, persons invented. want lists
// the statements and testimonies eventsOf finds.
func TestRound12RelativesAccounts(t *testing.T) {
	const arrest = "اعتقلت قوات الأمن الشاب سامر خليل حداد عام 2013 في دمشق. "
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a mother tells of her son's custody",
			arrest + "وقالت والدته رنا يوسف حداد إنها لم تعرف شيئاً عن مصيره في السجن منذ سنوات.",
			[]string{"testimony|رنا يوسف حداد,سامر خليل حداد||"}},
		{"a brother speaks of the verdict",
			arrest + "وقال شقيقه عادل خليل حداد إن الحكم الذي صدر اليوم خطوة نحو العدالة.",
			[]string{"statement|عادل خليل حداد,سامر خليل حداد||"}},
		{"a lawyer introduced as محاميه",
			arrest + "وقال محاميه عادل يوسف الحلبي إن موكله ما زال في السجن.",
			[]string{"statement|عادل يوسف الحلبي,سامر خليل حداد||"}},
	}
	for _, c := range cases {
		var got []string
		for _, e := range eventsOf(c.text) {
			if strings.HasPrefix(e, "statement|") || strings.HasPrefix(e, "testimony|") {
				got = append(got, e)
			}
		}
		if strings.Join(got, ";") != strings.Join(c.want, ";") {
			t.Errorf("%s: %q\n got %q\nwant %q", c.name, c.text, got, c.want)
		}
	}
}
