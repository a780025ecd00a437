package web

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/apptest"
)

// TestBrowserMergeAndSplit merges a second entry for the same person from
// the person's page in a real browser, then splits it off again: the forms
// work as a reviewer uses them (typed, clicked, the reason required); then
// splits another man's statements off the person and merges them back.
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

	// A split by statements: everything the weekly roundup says of him
	// (his name, an alias, his arrest) is another man's. Ticked, previewed,
	// confirmed with the reason, then undone by merging back.
	do("split by statements",
		chromedp.Navigate(r.ts.URL+"/entities/"+c.Person),
		chromedp.Click(css("#split-statements")),
		chromedp.WaitVisible(css("#split-choose")),
		chromedp.Click(css(`input[name=source][value="`+c.Sources[3]+`"]`)),
		chromedp.Click(css("#split-preview-button")),
		chromedp.WaitVisible(css("#split-moves")),
		chromedp.SendKeys(css("#split-reason"), "Another man: the roundup's Samir Khoury."),
		chromedp.Click(css("#split-confirm")),
		chromedp.WaitVisible(css("#split-undo-button")))
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	split := u.Query().Get("split")
	sts, err := r.st.Statements(context.Background(), access.Operator(), split)
	if err != nil || len(sts) != 2 {
		t.Fatalf("the new person %q holds %d statements (%v), want the roundup's name and alias", split, len(sts), err)
	}
	do("undo the split", chromedp.Click(css("#split-undo-button")), chromedp.WaitVisible(css("#merge-parts")))
	if e, err := r.st.Entity(context.Background(), split); err != nil || e.MergedInto != c.Person {
		t.Errorf("after the undo the new person is merged into %q (%v)", e.MergedInto, err)
	}
}
