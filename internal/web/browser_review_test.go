package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
)

// TestBrowserReviewCase reviews a person's case from six sources in a
// real browser, counting the reviewer's actions (keys and clicks): the
// arrest all six report and the names confirmed in a handful, a wrong
// alias rejected from the person's page and undone, the case status moved
// from suggested to confirmed.
func TestBrowserReviewCase(t *testing.T) {
	bin := chromium(t)
	var c apptest.Case
	r := newRigWith(t, "", func(r *rig, ctx context.Context) {
		c = apptest.SeedCase(r.t, r.st)
		r.addUsers(ctx)
	})
	ctx := browser(t, bin, 120*time.Second)
	base := r.ts.URL
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	actions := 0
	do := func(step string, as ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, as...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	// wait until expr holds on a fully loaded page
	wait := func(what, expr string) {
		t.Helper()
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); {
			v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === "complete" && (`+expr+`)`))
			if err == nil && v {
				return
			}
			time.Sleep(150 * time.Millisecond)
		}
		t.Fatalf("%s: %s never held", what, expr)
	}
	key := func(k string) {
		t.Helper()
		actions++
		do("key "+k, chromedp.KeyEvent(k))
	}
	click := func(sel string) {
		t.Helper()
		actions++
		do("click "+sel, chromedp.Click(css(sel)))
	}
	current := func() string {
		return eval(`(document.querySelector("li.review-item.current") || {id: ""}).id`)
	}

	do("log in",
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(css("#login-submit")),
		chromedp.SendKeys(css("#name"), "rania"),
		chromedp.SendKeys(css("#password"), testPassword),
		chromedp.Click(css("#login-submit")),
		chromedp.WaitVisible(css("#code-submit")),
		chromedp.SendKeys(css("#code"), r.codes.Code(t, "rania")),
		chromedp.Click(css("#code-submit")),
		chromedp.WaitVisible(css("nav.main-nav")))
	person := base + "/entities/" + c.Person
	do("the person", chromedp.Navigate(person), chromedp.WaitVisible(css("#case")))
	if got := eval(`document.querySelector("#case-suggested") ? document.querySelector("#case-suggested").textContent : ""`); !strings.Contains(got, "6 sources, unreviewed, suggest:") || !strings.Contains(got, "Arrested") {
		t.Fatalf("before review the case suggests %q", got)
	}
	if got := eval(`document.querySelector("#case-status").textContent`); !strings.Contains(got, "No step of the case is confirmed") {
		t.Fatalf("before review the confirmed status is %q", got)
	}

	// The one action that reviews what the sources suggest.
	click("#case-review")
	wait("the claims", `!!document.querySelector("li.review-item.current")`)
	first := current()
	if got := eval(`document.querySelector("li.review-item.current .claim-event").textContent`); got != "Arrest" {
		t.Fatalf("the first claim is %q, want the arrest", got)
	}
	if got := eval(`document.querySelector("li.review-item.current .claim-sources").textContent`); got != "6 sources" {
		t.Errorf("the arrest: %q", got)
	}
	key("c") // the arrest, in all six sources
	wait("after the arrest", `!document.getElementById("`+first+`") && !!document.querySelector("#done-note")`)
	torture := current()
	if got := eval(`document.querySelector("li.review-item.current .claim-event").textContent`); got != "Torture (allegation)" {
		t.Fatalf("after the arrest the page is at %q, want the next item", got)
	}
	key("s") // the allegation: left for someone who has read the testimonies
	if cur := current(); cur == torture || cur == "" {
		t.Fatalf("skipping did not move on: at %q", cur)
	}
	names := current()
	key("c") // the Latin name, in five sources
	wait("after the name", `!document.getElementById("`+names+`")`)
	if eval(`String(!!document.getElementById("`+torture+`") && document.getElementById("`+torture+`").hidden)`) != "true" {
		t.Error("the skipped allegation came back after the next decision")
	}
	arabic := current()
	if got := eval(`document.querySelector("li.review-item.current bdi.value").textContent`); got != "سمير خوري" {
		t.Fatalf("at %q, want the Arabic name", got)
	}
	key("c") // the Arabic name
	wait("after the Arabic name", `!document.getElementById("`+arabic+`")`)
	confirmActions := actions

	// The wrong alias, from the person's page: reject, undo, reject.
	do("the person", chromedp.Navigate(person), chromedp.WaitVisible(css("#case")))
	rejectAlias := `[...document.querySelectorAll("li.claim")].find(li => li.querySelector(".claim-value").textContent.trim() === "Abu Fadi").querySelector("button.reject-here")`
	actions++
	eval(`(` + rejectAlias + `.click(), "")`)
	wait("after the rejection", `!!document.querySelector("#done-note") && ![...document.querySelectorAll("li.claim .claim-value")].some(v => v.textContent.trim() === "Abu Fadi")`)
	click("#undo")
	wait("after the undo", `[...document.querySelectorAll("li.claim .claim-value")].some(v => v.textContent.trim() === "Abu Fadi")`)
	if st := statement(t, r, c.WrongAlias); st.Status != model.StatusProposed {
		t.Fatalf("after the undo the alias is %s", st.Status)
	}
	actions++
	eval(`(` + rejectAlias + `.click(), "")`)
	wait("rejected again", `!!document.querySelector("#done-note")`)
	if st := statement(t, r, c.WrongAlias); st.Status != model.StatusRejected {
		t.Fatalf("the alias is %s", st.Status)
	}

	// The case status now stands on confirmed events.
	do("the person", chromedp.Navigate(person), chromedp.WaitVisible(css("#case")))
	if got := eval(`document.querySelector("#case-status").textContent`); got != "Arrested" {
		t.Errorf("after review the confirmed status is %q", got)
	}
	if got := eval(`document.querySelector("#case-vouched") ? "yes" : "no"`); got != "yes" {
		t.Error("the confirmed status is not marked as vouched for by review")
	}
	// A note beside a fact, from the person's page: the page comes back
	// with the note, at the fact (its statement's anchor in view; the
	// browser scrolls it to the top, to a fraction of a pixel).
	const noteText = "Same spelling in the court list of 2020."
	eval(`(() => { const d = document.querySelector("li.claim details.st-note-form"); d.open = true; ` +
		`d.querySelector("textarea").value = "` + noteText + `"; d.querySelector("button.add-note-here").click(); return ""; })()`)
	wait("after the note", `location.hash.startsWith("#st-") && [...document.querySelectorAll("li.st-note bdi")].some(b => b.textContent === "`+noteText+`")`)
	if got := eval(`(() => { const r = document.getElementById(location.hash.slice(1)).getBoundingClientRect(); ` +
		`return r.top > -2 && r.top < window.innerHeight ? "in view" : "at " + r.top; })()`); got != "in view" {
		t.Errorf("after the note the fact's anchor is %s", got)
	}
	for _, id := range c.Names[:5] {
		if st := statement(t, r, id); st.Status != model.StatusConfirmed {
			t.Errorf("name statement %s is %s", id, st.Status)
		}
	}
	t.Logf("actions: %d to confirm the arrest and the names in 6 sources (one skip included), %d in all with the alias rejected, undone and rejected again", confirmActions, actions)
	if confirmActions > 5 {
		t.Errorf("%d actions to confirm the arrest and the names", confirmActions)
	}
}
