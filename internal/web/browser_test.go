package web

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/names"
	"github.com/athar-project/athar/internal/samples"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/web/i18n"
)

// go test ./internal/web -run Browser -screenshots rewrites docs/screenshots.
var screenshots = flag.Bool("screenshots", false, "write the browser test's screenshots to docs/screenshots")

// chromium finds Debian's chromium. Outside CI a machine without it skips
// the browser test with a message; in CI (CI=true) it fails.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is required in CI (Debian package chromium, see .ci/apt-packages)")
	}
	t.Skip("skipping the browser test: no chromium (apt-get install chromium to run it)")
	return ""
}

// seedSamples stores the bundled demo samples — what screenshots should
// show — and the accounts.
func seedSamples(r *rig, ctx context.Context) {
	dir := r.t.TempDir()
	all, paths, err := samples.WriteTo(dir)
	if err != nil {
		r.t.Fatal(err)
	}
	a := app.New(r.st, app.Config{})
	for i, smp := range all {
		_, err := a.Ingest(ctx, access.Operator(), paths[i:i+1], app.IngestOptions{Kind: smp.Kind}, func(res app.IngestResult) {
			if res.Outcome == app.Failed {
				r.t.Errorf("sample %s: %v", smp.Name, res.Err)
			}
		})
		if err != nil {
			r.t.Fatal(err)
		}
	}
	r.addUsers(ctx)
}

// TestBrowser drives headless chromium against a server on loopback: log
// in, list sources, open one, switch to Arabic, and take screenshots of the
// main pages in both languages.
func TestBrowser(t *testing.T) {
	bin := chromium(t)
	r := newRigWith(t, "", seedSamples)
	shots := t.TempDir()
	if *screenshots {
		shots = filepath.Join("..", "..", "docs", "screenshots")
	}

	ctx := browser(t, bin, 120*time.Second)
	base := r.ts.URL
	shot := func(name string) chromedp.Action[chromedp.Void] { return screenshot(shots, name) }
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
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
	location := func() string {
		t.Helper()
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }

	// Anonymous visitors are sent to the login page.
	do("open the sources anonymously",
		chromedp.Navigate(base+"/sources"),
		chromedp.WaitVisible(css("#login-submit")),
		shot("login-en"))
	if loc := location(); !strings.Contains(loc, "/login?next=") {
		t.Fatalf("anonymous visitor landed on %s", loc)
	}
	do("log in",
		chromedp.SendKeys(css("#name"), "adel"),
		chromedp.SendKeys(css("#password"), testPassword),
		chromedp.Click(css("#login-submit")),
		chromedp.WaitVisible(css("#code-submit")),
		chromedp.SendKeys(css("#code"), r.codes.Code(t, "adel")),
		chromedp.Click(css("#code-submit")),
		chromedp.WaitVisible(css("#sources")))
	if loc := location(); !strings.HasSuffix(loc, "/sources") {
		t.Fatalf("after login: %s, want the page asked for", loc)
	}

	// The stylesheet loaded under the CSP (no inline styles, no scripts).
	do("dashboard",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(css("#source-count")),
		shot("dashboard-en"))
	if rules := eval(`String(document.styleSheets.length ? document.styleSheets[0].cssRules.length : 0)`); rules == "0" {
		t.Error("the stylesheet did not load")
	}

	do("sources list",
		chromedp.Navigate(base+"/sources"),
		chromedp.WaitVisible(css("#sources")),
		shot("sources-en"))
	all, err := r.srv.visibleSources(context.Background(), access.Operator())
	if err != nil {
		t.Fatal(err)
	}
	if rows := eval(`String(document.querySelectorAll("#sources tbody tr").length)`); rows != fmt.Sprint(len(all)) || len(all) == 0 {
		t.Errorf("the list shows %s sources, want %d", rows, len(all))
	}

	// Open the Arabic article from the list.
	var arabic model.Source
	for _, s := range all {
		if s.Language == "ar" && s.Kind == model.KindArticle {
			arabic = s
		}
	}
	if arabic.ID == "" {
		t.Fatal("the samples hold no Arabic article")
	}
	do("source page",
		chromedp.Click(css(fmt.Sprintf(`a[href="/sources/%s"]`, arabic.ID))),
		chromedp.WaitVisible(css("#source-title")),
		shot("source-en"))
	if title := eval(`document.querySelector("#source-title").textContent`); strings.TrimSpace(title) != displayTitle(arabic) {
		t.Errorf("source page title %q, want %q", title, displayTitle(arabic))
	}

	// Switch to Arabic: the whole page turns right-to-left.
	do("switch to Arabic",
		chromedp.Click(css("#lang-ar")),
		chromedp.WaitVisible(css("#lang-en")),
		shot("source-ar"))
	if dir, lang := eval(`document.documentElement.dir`), eval(`document.documentElement.lang`); dir != "rtl" || lang != "ar" {
		t.Fatalf("after switching: dir=%q lang=%q, want rtl ar", dir, lang)
	}
	do("Arabic dashboard",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(css("#source-count")),
		shot("dashboard-ar"))
	// Right-to-left: the brand sits at the right, the tools at the left.
	if mirrored := eval(`String(document.querySelector(".brand").getBoundingClientRect().left > document.querySelector(".tools").getBoundingClientRect().right)`); mirrored != "true" {
		t.Error("the Arabic header is not mirrored")
	}
	do("Arabic pages",
		chromedp.Navigate(base+"/sources"),
		chromedp.WaitVisible(css("#sources")),
		shot("sources-ar"),
		chromedp.Navigate(base+"/admin"),
		chromedp.WaitVisible(css("#users")),
		chromedp.Click(css("#verify")),
		chromedp.WaitVisible(css("#verify-report")),
		shot("admin-ar"),
		chromedp.Navigate(base+"/admin/users"),
		chromedp.WaitVisible(css("#users")),
		shot("users-ar"))
	if dir := eval(`document.documentElement.dir`); dir != "rtl" {
		t.Errorf("the Arabic choice did not stick: dir=%q", dir)
	}
	do("back to English, log out",
		chromedp.Click(css("#lang-en")),
		chromedp.WaitVisible(css("#lang-ar")),
		chromedp.Navigate(base+"/admin"),
		chromedp.WaitVisible(css("#users")),
		shot("admin-en"),
		chromedp.Click(css(`form[action="/logout"] button`)),
		chromedp.WaitVisible(css("#login-submit")),
		chromedp.Navigate(base+"/login?lang=ar"),
		chromedp.WaitVisible(css("#login-submit")),
		shot("login-ar"))
	if loc := location(); !strings.HasSuffix(loc, "/login") {
		t.Errorf("after logout and switching: %s", loc)
	}

	// Review: open a person, confirm one of their proposed statements with
	// the keyboard, and see the profile change.
	do("log in again in English",
		chromedp.Click(css("#lang-en")),
		chromedp.WaitVisible(css("#lang-ar")),
		chromedp.SendKeys(css("#name"), "adel"),
		chromedp.SendKeys(css("#password"), testPassword),
		chromedp.Click(css("#login-submit")),
		chromedp.WaitVisible(css("#code-submit")),
		chromedp.SendKeys(css("#code"), r.codes.Code(t, "adel")),
		chromedp.Click(css("#code-submit")),
		chromedp.WaitVisible(css("#source-count")),
		chromedp.Navigate(base+"/entities?type=person"),
		chromedp.WaitVisible(css("#entities")),
		shot("entities-en"))
	person := eval(`(([...document.querySelectorAll("#entities a")].find(a => a.textContent.trim() === "Ous Salloum")) || {}).getAttribute?.("href") || ""`)
	if person == "" {
		t.Fatal("the samples' person Ous Salloum is not listed")
	}
	do("open the person",
		chromedp.Navigate(base+person),
		chromedp.WaitVisible(css("#entity-title")),
		shot("person-en"))
	// The samples report his arrest (and, as the extractors improve, more):
	// some status is derived, never "no event of a case".
	if got := eval(`document.querySelector("#case-status").textContent.trim()`); got == "" || got == i18n.T(i18n.English, "entity.no_case") {
		t.Errorf("case status %q: none derived from the arrest", got)
	}
	do("a source with its mentions marked",
		chromedp.Click(css("#entity-sources a")),
		chromedp.WaitVisible(css("#source-title")),
		shot("source-marks-en"))
	if n := eval(`String(document.querySelectorAll(".source-text a.mention mark").length)`); n == "0" {
		t.Error("the person's source shows no marked mentions")
	}
	do("back to the person", chromedp.Navigate(base+person), chromedp.WaitVisible(css("#entity-title")))
	do("open the person's review queue",
		chromedp.Click(css("#review-entity")),
		chromedp.WaitVisible(css("#queue")),
		shot("review-en"))
	// The first claim of a value (events, which have none, come first).
	first := eval(`((document.querySelector(".review-item .review-head .value") || {}).closest?.(".review-item") || {}).id || ""`)
	value := eval(`(document.querySelector(".review-item .review-head .value") || {}).textContent || ""`)
	if first == "" || value == "" {
		t.Fatal("the person's queue holds no claim of a value")
	}
	claimState := func() string {
		return eval(`[...document.querySelectorAll("li.claim")].filter(li => li.querySelector(".claim-value").textContent.trim() === ` +
			fmt.Sprintf("%q", value) + `).map(li => li.className).join(" ")`)
	}
	do("back to the profile", chromedp.Navigate(base+person), chromedp.WaitVisible(css("#entity-title")))
	if st := claimState(); st == "" || strings.Contains(st, "st-confirmed") {
		t.Fatalf("before review, %q shows as %q", value, st)
	}
	// On the page the claim was read from, the person's queue by claim
	// (the queue by statement orders otherwise), that claim made the
	// current item and confirmed with its key.
	do("confirm with the keyboard",
		chromedp.Navigate(base+"/review/claims?entity="+strings.TrimPrefix(person, "/entities/")),
		chromedp.WaitVisible(css("#queue")))
	if got := eval(`(document.getElementById(` + fmt.Sprintf("%q", first) + `)?.focus(), document.activeElement.id)`); got != first {
		t.Fatalf("the claim %s could not be made current (the focus is on %q)", first, got)
	}
	do("press c", chromedp.KeyEvent("c"))
	// The form posts and the queue comes back without the statement.
	gone := false
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline) && !gone; {
		time.Sleep(200 * time.Millisecond)
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === "complete" && !!document.querySelector("#shortcuts") && !document.getElementById("`+first+`")`))
		gone = err == nil && v
	}
	if !gone {
		t.Fatal("the confirmed statement is still in the queue")
	}
	do("back to the profile", chromedp.Navigate(base+person), chromedp.WaitVisible(css("#entity-title")))
	if st := claimState(); !strings.Contains(st, "st-confirmed") {
		t.Errorf("after confirming, %q shows as %q", value, st)
	}
	do("the person in Arabic",
		chromedp.Click(css("#lang-ar")),
		chromedp.WaitVisible(css("#lang-en")),
		chromedp.WaitVisible(css("#entity-title")),
		shot("person-ar"))
	if dir := eval(`document.documentElement.dir`); dir != "rtl" {
		t.Errorf("the Arabic profile: dir=%q", dir)
	}
	if mirrored := eval(`String(document.querySelector("#names").getBoundingClientRect().left > document.querySelector("#case").getBoundingClientRect().left)`); mirrored != "true" {
		t.Error("the Arabic profile is not mirrored")
	}
	// The person's graph in Arabic: a right-to-left page whose SVG links
	// each node to its page and lays Arabic labels out right to left.
	do("the person's graph in Arabic",
		chromedp.Navigate(base+person+"/graph"),
		chromedp.WaitVisible(css("#graph")),
		shot("graph-ar"))
	if dir := eval(`document.documentElement.dir`); dir != "rtl" {
		t.Errorf("the Arabic graph page: dir=%q", dir)
	}
	if href := eval(`(document.querySelector("#graph a.node") || {getAttribute: () => ""}).getAttribute("href")`); !strings.HasPrefix(href, "/entities/") {
		t.Errorf("the graph has no node linking to an entity: %q", href)
	}
	if rtl := eval(`String([...document.querySelectorAll("#graph text")].some(t => /[\u0600-\u06FF]/.test(t.textContent) && getComputedStyle(t).direction === "rtl"))`); rtl != "true" {
		t.Error("no Arabic label of the graph is laid out right to left")
	}
	// A merge proposal to judge: a second spelling of the person, as the
	// matcher would propose it.
	proposeTwin(t, r, strings.TrimPrefix(person, "/entities/"), arabic.ID)
	do("the review queue in Arabic",
		chromedp.Navigate(base+"/review"),
		chromedp.WaitVisible(css("#queue")),
		shot("review-ar"),
		chromedp.Navigate(base+"/review/merges"),
		chromedp.WaitVisible(css("section.merge")),
		shot("merges-ar"),
		chromedp.Click(css("#lang-en")),
		chromedp.WaitVisible(css("#lang-ar")),
		shot("merges-en"),
		chromedp.Navigate(base+person+"/graph"),
		chromedp.WaitVisible(css("#graph a.node")),
		shot("graph-en"),
		chromedp.Click(css("#graph a.node.n-event")),
		chromedp.WaitVisible(css("#entity-title")),
		chromedp.Navigate(base+person+"/timeline"),
		chromedp.WaitVisible(css("#timeline")),
		shot("timeline-en"),
		chromedp.Navigate(base+"/admin/users"),
		chromedp.WaitVisible(css("#users")),
		shot("users-en"),
		chromedp.Navigate(base+"/search"),
		chromedp.SendKeys(css("#q"), "Aws Salloum"),
		chromedp.Click(css("#search-submit")),
		chromedp.WaitVisible(css("#statement-hits")),
		shot("search-en"))
	if n := eval(`String(document.querySelectorAll("#name-hits li").length)`); n == "0" {
		t.Error("searching another spelling of a name found no candidates")
	}
}

// proposeTwin stores a person named "Aws Saloum" and proposes merging it
// with the person id, with the name matcher's reasons.
func proposeTwin(t *testing.T, r *rig, id, sourceID string) {
	t.Helper()
	ctx := context.Background()
	err := r.st.Write(ctx, "tester", func(tx *store.Tx) error {
		e, err := tx.AddEntity(ctx, model.TypePerson)
		if err != nil {
			return err
		}
		for _, st := range []model.Statement{
			{EntityID: e.ID, Property: "name", Value: "Aws Saloum", SourceID: sourceID, Origin: "manual"},
			{EntityID: e.ID, Property: "alias", Value: "أوس سلوم", SourceID: sourceID, Origin: "manual"},
			{EntityID: e.ID, Property: "title", Value: "warden", SourceID: sourceID, Origin: "manual"},
		} {
			if err := tx.AddStatement(ctx, &st); err != nil {
				return err
			}
		}
		res := names.CompareStrings("Ous Salloum", "Aws Saloum")
		_, err = tx.ProposeMerge(ctx, &store.MergeProposal{EntityA: id, EntityB: e.ID, Score: res.Score, Reasons: res.Reasons})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// browser starts headless chromium (flags that keep it off the network and
// quiet) and returns its context, ended with the test or after timeout.
func browser(t *testing.T, bin string, timeout time.Duration) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 860),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	return ctx
}

// screenshot writes the whole page to dir/name.png. Chromium's capture
// beyond the viewport shifts a right-to-left page that fits the viewport
// sideways, so that is used only for pages taller than the window.
func screenshot(dir, name string) chromedp.Action[chromedp.Void] {
	yes := true
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		size, err := chromedp.Evaluate[[]float64](`[document.documentElement.scrollWidth, document.documentElement.scrollHeight, window.innerHeight]`)(ctx, tg)
		if err != nil {
			return err
		}
		params := page.CaptureScreenshotParams{FromSurface: &yes}
		if size[1] > size[2] {
			params.CaptureBeyondViewport = &yes
			params.Clip = &page.Viewport{Width: size[0], Height: size[1], Scale: 1}
		}
		res, err := cdp.Call(ctx, tg, page.CaptureScreenshot, params)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, name+".png"), res.Data, 0o644)
	})
}
