package web

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/casefile/casefiletest"
)

// The person page shows the case status confirmed events support and,
// clearly apart, what unreviewed readings suggest, with a link for a
// reviewer to the entity's review queue; in English and Arabic. Rejected
// events are listed apart and count for nothing.
func TestCaseStatusConfirmedAndSuggested(t *testing.T) {
	var fx *casefiletest.Fixture
	r := newRigWith(t, "", func(r *rig, ctx context.Context) {
		fx = casefiletest.Seed(r.t, r.st)
		r.addUsers(ctx)
	})
	page := "/entities/" + fx.Person
	rania := r.login("rania") // a reviewer cleared for the restricted trial
	body := rania.get(page).body
	contains(t, "rania's page", body, `id="case-status">Arrested<`, `id="case-suggested">1 source, unreviewed, suggests: <strong>On trial</strong>`,
		`<a id="case-review" href="/review/claims?entity=`+fx.Person+`">Review them</a>`, `id="rejected-events"`,
		`<li class="st-rejected" id="ev-`+fx.Conviction+`"`, `<li class="st-rejected" id="ev-`+fx.Disowned+`"`,
		`class="reached unreviewed">tried`,
		`<bdi>Colonel</bdi>`) // the rank the wire wrote "Col.", in the page's language
	lacks(t, "rania's page", body, casefiletest.RejectedAlias)
	// Vera, cleared for public material only, reads another suggestion and
	// is not sent to a review queue she may not use.
	vera := r.login("vera").get(page).body
	contains(t, "vera's page", vera, `id="case-suggested">2 sources, unreviewed, suggest: <strong>Referred to the judiciary</strong>`)
	lacks(t, "vera's page", vera, `id="case-review"`, "On trial", casefiletest.TrialQuote, fx.Trial)
	// In Arabic.
	rania.get(page + "?lang=ar")
	ar := rania.get(page).body
	contains(t, "rania's Arabic page", ar, `lang="ar"`, "مصدر واحد، غير مراجَع، يشير إلى:", "قيد المحاكمة", "راجِعها",
		"مؤكَّدة بالمراجعة", "أحداث رفضها المراجعون (2)", "<bdi>العقيد</bdi>")
	lacks(t, "rania's Arabic page", ar, "[[")
	// The timeline view says the same.
	tl := rania.get(page + "/timeline").body
	contains(t, "the timeline view", tl, `id="case-suggested">`, `id="rejected-events"`)
}
