package resolve_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pipeline"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// projectTexts are short news items written for this test (no third-party
// text): the same people named in several of them, in both scripts, with
// ranks, and people who share a family name with them.
var projectTexts = []struct{ lang, text string }{
	{"en", "Damascus, 12 March 2025 — Syria's interim president Ahmad al-Sharaa met the head of the Syrian Emergency Task Force, Mouaz Moustafa, on Tuesday. Mouaz Moustafa said the meeting covered the search for the missing of Sednaya prison."},
	{"ar", "دمشق، 13 آذار 2025 — التقى الرئيس السوري أحمد الشرع رئيس المنظمة السورية للطوارئ معاذ مصطفى يوم الثلاثاء، وقال معاذ مصطفى إن اللقاء تناول ملف المفقودين في سجن صيدنايا."},
	{"en", "Homs, 20 March 2025 — The Interior Ministry said it arrested Colonel Ous Salloum, known as the Azrael of Sednaya, in Homs. Former officer Thaer Hussein was also detained. Akram Salloum al-Abdullah, a relative, was questioned and released."},
	{"ar", "حمص، 21 آذار 2025 — أعلنت وزارة الداخلية القبض على العقيد أوس سلوم الملقب بعزرائيل صيدنايا في حمص، كما أوقفت الركن ثائر حسين. وأفرجت عن أكرم سلوم العبدالله بعد التحقيق معه."},
	{"en", "Beirut, 2 April 2025 — Former vice president Farouk al-Sharaa gave his first interview in years, in which he spoke of the president Ahmad al-Sharaa, of Bashar al-Assad and of his cousin Wassim al-Assad."},
	{"ar", "بيروت، 3 نيسان 2025 — تحدث نائب الرئيس السابق فاروق الشرع في أول مقابلة له منذ سنوات عن بشار الأسد وابن عمه وسيم الأسد."},
	{"en", "Geneva, 9 April 2025 — Aws Salloum, the former Sednaya officer, is due in court. Bashar al-Assad's regime ran the prison; Ahmed al-Sharaa's government has opened it."},
}

// people are the persons the texts name, each with its spellings; linked
// says the spellings must end up on one entity, else one open proposal away
// is enough.
var people = []struct {
	spellings []string
	linked    bool
}{
	{[]string{"Ous Salloum", "أوس سلوم", "Aws Salloum"}, true},
	{[]string{"Thaer Hussein", "ثائر حسين"}, true},
	{[]string{"Ahmad al-Sharaa", "أحمد الشرع", "Ahmed al-Sharaa"}, false},
	{[]string{"Mouaz Moustafa", "معاذ مصطفى"}, false},
	{[]string{"Farouk al-Sharaa", "فاروق الشرع"}, false},
	{[]string{"Bashar al-Assad", "بشار الأسد"}, false},
	{[]string{"Wassim al-Assad", "وسيم الأسد"}, false},
	{[]string{"Akram Salloum al-Abdullah", "أكرم سلوم العبدالله"}, false},
}

// TestPeopleAcrossTexts ingests the texts as ingest does (extraction, then
// each person placed by the resolver) and checks that every person named in
// several texts is one entity or one proposal away from being one, and that
// no two people were merged.
func TestPeopleAcrossTexts(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		r, err := resolve.New(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		for i, tx := range projectTexts {
			res := extract.Extract(tx.text, model.Date{}, tx.lang)
			src := model.Source{Kind: model.KindArticle, Text: tx.text, Sensitivity: model.Public, Language: tx.lang}
			b := r.Begin()
			err := st.Write(ctx, "tester", func(wtx *store.Tx) error {
				if err := wtx.AddSource(ctx, &src, []byte(tx.text)); err != nil {
					return err
				}
				_, err := pipeline.Record(ctx, wtx, b, src, res)
				return err
			})
			if err != nil {
				b.Abort(ctx)
				t.Fatalf("text %d: %v", i, err)
			}
		}
		ents, err := st.Entities(ctx, access.Operator(), model.TypePerson)
		if err != nil {
			t.Fatal(err)
		}
		entityOf := func(name string) string {
			for _, e := range ents {
				if slices.Contains(e.Names, name) {
					return e.ID
				}
			}
			return ""
		}
		props, err := st.MergeProposals(ctx, "open")
		if err != nil {
			t.Fatal(err)
		}
		proposed := func(a, b string) bool {
			for _, p := range props {
				if p.EntityA == a && p.EntityB == b || p.EntityA == b && p.EntityB == a {
					return true
				}
			}
			return false
		}
		owner := map[string]int{} // entity → the person it stands for
		for pi, p := range people {
			var ids []string
			for _, s := range p.spellings {
				id := entityOf(s)
				if id == "" {
					t.Errorf("%q: no person entity carries it (extraction missed it?); persons: %s", s, describe(ents))
					continue
				}
				if !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
				if o, ok := owner[id]; ok && o != pi {
					t.Errorf("wrong merge: %q and %q are one entity", s, people[o].spellings[0])
				}
				owner[id] = pi
			}
			t.Logf("%v: %d entities", p.spellings, len(ids))
			switch {
			case len(ids) <= 1:
			case p.linked:
				t.Errorf("%v: %d entities, want one (linked)", p.spellings, len(ids))
			default:
				for _, id := range ids[1:] {
					if !proposed(ids[0], id) {
						t.Errorf("%v: %d entities and no open proposal joins %s to %s", p.spellings, len(ids), ids[0], id)
					}
				}
			}
		}
		// hard negatives: no proposal either
		for _, pair := range [][2]string{{"Ahmad al-Sharaa", "Farouk al-Sharaa"}, {"Bashar al-Assad", "Wassim al-Assad"}, {"Ous Salloum", "Akram Salloum al-Abdullah"}} {
			if a, b := entityOf(pair[0]), entityOf(pair[1]); a != "" && proposed(a, b) {
				t.Errorf("%s and %s were proposed as one", pair[0], pair[1])
			}
		}
	})
}

func describe(ents []store.EntityNames) string {
	var s []string
	for _, e := range ents {
		s = append(s, fmt.Sprintf("%s=%q", e.ID[len(e.ID)-4:], e.Names))
	}
	return strings.Join(s, " ")
}
