package web

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/athar-project/athar/internal/apptest"
)

// TestBrowserMergeAndSplit merges a second entry for the same person from
// the person's page in a real browser, then splits it off again: the forms
// work as a reviewer uses them (typed, clicked, the reason required).
func TestBrowserMergeAndSplit(t *testing.T) {
	bin := chromium(t)
	var c, dup apptest.Case
	r := newRigWith(t, "", func(r *rig, ctx context.Context) {
		c = apptest.SeedCase(r.t, r.st)
		dup = apptest.SeedCaseN(r.t, r.st, 1)
		r.addUsers(ctx)
	})
	ctx := browser(t, bin, 90*time.Second)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	do := func(step string, as ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, as...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	mergedInto := func() string {
		t.Helper()
		e, err := r.st.Entity(context.Background(), dup.Person)
		if err != nil {
			t.Fatal(err)
		}
		return e.MergedInto
	}
	do("log in",
		chromedp.Navigate(r.ts.URL+"/login"),
		chromedp.WaitVisible(css("#login-submit")),
		chromedp.SendKeys(css("#name"), "rania"),
		chromedp.SendKeys(css("#password"), testPassword),
		chromedp.Click(css("#login-submit")),
		chromedp.WaitVisible(css("#code-submit")),
		chromedp.SendKeys(css("#code"), r.codes.Code(t, "rania")),
		chromedp.Click(css("#code-submit")),
		chromedp.WaitVisible(css("nav.main-nav")))
	do("merge",
		chromedp.Navigate(r.ts.URL+"/entities/"+c.Person),
		chromedp.WaitVisible(css("#merge-form")),
		chromedp.SendKeys(css("#merge-other"), r.ts.URL+"/entities/"+dup.Person),
		chromedp.SendKeys(css("#merge-reason"), "Same man, same arrest."),
		chromedp.Click(css("#merge-submit")),
		chromedp.WaitVisible(css("#merge-parts")))
	if got := mergedInto(); got != c.Person {
		t.Fatalf("after the merge the entry is merged into %q", got)
	}
	do("split",
		chromedp.SendKeys(css("#merge-parts input[name=reason]"), "His brother, not him."),
		chromedp.Click(css("#merge-parts button.split")),
		chromedp.WaitVisible(css("#split-off")))
	if got := mergedInto(); got != "" {
		t.Fatalf("after the split the entry is merged into %q", got)
	}
}
