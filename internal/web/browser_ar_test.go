package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
)

// arabicChecks runs in a page and lists what is wrong with it in Arabic:
// a string left untranslated ("[[key]]"), a link to an entity captioned in
// Latin script only where the entity has an Arabic-script name the viewer
// may see (the ids are given; a mention marked in a source's own text is
// the source's words, not a caption), and content wider than the card
// holding it, or a date broken across lines.
const arabicChecks = `((arabic) => {
  const out = [];
  if (document.documentElement.dir !== "rtl") out.push("dir is " + document.documentElement.dir);
  const text = document.body.innerText;
  const m = text.match(/\[\[[a-z0-9_.]+\]\]/g);
  if (m) out.push("untranslated: " + m.join(" "));
  for (const a of document.querySelectorAll('a[href^="/entities/"]')) {
    if (a.closest(".source-text") || a.getAttribute("href").includes("lang=")) continue;
    const id = a.getAttribute("href").split("/")[2].split("?")[0];
    const label = a.textContent.trim();
    if (arabic.includes(id) && !/[\u0600-\u06FF]/.test(label) && /[A-Za-z]/.test(label)) {
      out.push("Latin-only caption " + JSON.stringify(label) + " for " + id);
    }
  }
  for (const d of document.querySelectorAll(".date")) {
    if (d.getClientRects().length > 1) out.push("a date wraps: " + d.textContent);
  }
  for (const c of document.querySelectorAll(".card")) {
    if (c.scrollWidth > c.clientWidth + 1) {
      out.push("overflows its card by " + (c.scrollWidth - c.clientWidth) + "px: " + (c.id || c.className));
    }
  }
  return out;
})`

// TestBrowserArabic walks the main pages in Arabic, as an admin, over the
// demo samples, and fails on an untranslated string, a Latin-only caption
// of an entity that has an Arabic name, or content overflowing its card.
func TestBrowserArabic(t *testing.T) {
	bin := chromium(t)
	r := newRigWith(t, "", seedSamples)
	ctx := browser(t, bin, 180*time.Second)
	base := r.ts.URL
	bg := context.Background()

	// The entities adel may see an Arabic-script name of, and one of each
	// type to open.
	var arabic []string
	open := map[model.EntityType]string{}
	for _, typ := range model.EntityTypes() {
		ents, err := r.app.Reader().Entities(bg, access.Operator(), typ)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			for _, n := range e.Names {
				if casefile.IsArabic(n) {
					arabic = append(arabic, e.ID)
					if open[typ] == "" {
						open[typ] = e.ID
					}
					break
				}
			}
			if open[typ] == "" && typ == model.TypeEvent {
				open[typ] = e.ID
			}
		}
	}
	if open[model.TypePerson] == "" {
		t.Fatal("the samples hold no person with an Arabic name")
	}
	ids, _ := json.Marshal(arabic)
	srcs, err := r.app.Reader().Sources(bg, access.Operator(), app.SourceFilter{})
	if err != nil || len(srcs) == 0 {
		t.Fatalf("sources: %d %v", len(srcs), err)
	}

	login := []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(base + "/login?lang=ar"),
		chromedp.WaitVisible(chromedp.CSS("#login-submit")),
		chromedp.SendKeys(chromedp.CSS("#name"), "adel"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.Click(chromedp.CSS("#login-submit")),
		chromedp.WaitVisible(chromedp.CSS("#code-submit")),
		chromedp.SendKeys(chromedp.CSS("#code"), r.codes.Code(t, "adel")),
		chromedp.Click(chromedp.CSS("#code-submit")),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"]`)),
	}
	if err := chromedp.Do(ctx, login...); err != nil {
		t.Fatalf("log in: %v", err)
	}
	pages := []string{"/", "/sources", "/sources/" + srcs[0].ID, "/search?q=" + url.QueryEscape("صيدنايا"),
		"/search?q=" + url.QueryEscape("Ous Salloum"), "/map", "/review", "/review/merges", "/admin"}
	for _, typ := range model.EntityTypes() {
		pages = append(pages, "/entities?type="+string(typ))
		if id := open[typ]; id != "" {
			pages = append(pages, "/entities/"+id)
		}
	}
	person := "/entities/" + open[model.TypePerson]
	pages = append(pages, person+"/timeline", person+"/graph")
	for _, src := range srcs {
		if src.Language == "ar" {
			pages = append(pages, "/sources/"+src.ID)
			break
		}
	}
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](arabicChecks+"("+string(ids)+")"))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, pr := range problems {
			t.Errorf("%s in Arabic: %s", p, pr)
		}
	}
	// The checks can fail: a Latin caption is seen as one.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+person+"?lang=en"), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](arabicChecks+"("+string(ids)+")"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fmt.Sprint(problems), "dir is ltr") {
		t.Errorf("the checks on an English page found %v", problems)
	}
}
