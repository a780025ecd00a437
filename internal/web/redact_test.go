package web

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// The source page's redaction form makes a copy at the level chosen; the
// copy's page names its original to those who may read it, and only says
// there is one to those who may not.
func TestRedactForm(t *testing.T) {
	r := newRig(t, "")
	conf := r.sources[model.Confidential].src
	pub := r.sources[model.Public].src
	lacks(t, "vera's source page", r.login("vera").get("/sources/"+pub.ID).body, `id="redact"`)
	contains(t, "anas's source page", r.login("anas").get("/sources/"+pub.ID).body, `id="redact"`, `value="internal"`)

	adel := r.login("adel")
	page := "/sources/" + conf.ID
	contains(t, "adel's source page", adel.get(page).body, `id="redact"`, `value="confidential"`)
	resp := adel.post(page, page+"/redact", url.Values{"phrases": {"سليم المخفي"}, "sensitivity": {"internal"}, "reason": {"share with the team"}})
	loc := resp.header.Get("Location")
	if resp.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/sources/") || loc == page {
		t.Fatalf("redact: %d to %q\n%s", resp.status, loc, resp.body)
	}
	contains(t, "the original as adel sees it", adel.get(page).body, `id="redacted-copies"`, strings.TrimPrefix(loc, "/sources/"))
	contains(t, "the copy as adel sees it", adel.get(loc).body, `id="redacted-from"`, conf.ID, "share with the team", model.RedactionMark)
	body := r.login("anas").get(loc).body
	contains(t, "the copy as anas sees it", body, `id="redacted-from"`, "a source you may not read", model.RedactionMark)
	lacks(t, "the copy as anas sees it", body, conf.ID, "سليم", "المخفي")
	contains(t, "the copy as anas sees it", body, "صيدنايا")
}

// The form's regions field, for a PNG or JPEG source only: a region posted
// fills the copy's page (a new PNG) and the copy's page lists it; one posted
// for a text source, or malformed, is refused and nothing is stored.
func TestRedactFormRegions(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	// A page the test draws: white, with a grey square where the region goes.
	img := image.NewRGBA(image.Rect(0, 0, 60, 40))
	for y := range 40 {
		for x := range 60 {
			c := color.RGBA{0xff, 0xff, 0xff, 0xff}
			if x >= 10 && x < 30 && y >= 5 && y < 25 {
				c = color.RGBA{0x80, 0x80, 0x80, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	scan := model.Source{Kind: model.KindDocument, Title: "A drawn page", Language: "en", Text: "a drawn page",
		Sensitivity: model.Internal, ContentType: "image/png"}
	if err := r.st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddSource(ctx, &scan, buf.Bytes()) }); err != nil {
		t.Fatal(err)
	}
	anas := r.login("anas")
	text := "/sources/" + r.sources[model.Public].src.ID
	lacks(t, "a text source's form", anas.get(text).body, `id="redact-regions"`)
	page := "/sources/" + scan.ID
	contains(t, "an image source's form", anas.get(page).body, `id="redact-regions"`, `name="regions"`)
	head, _, _ := r.st.Head(ctx)
	for _, tt := range []struct {
		page, regions string
		want          int
	}{
		{page, "1:10,5,0,20", http.StatusBadRequest},
		{page, "10,5,20,20", http.StatusBadRequest},
		{text, "1:10,5,20,20", http.StatusBadRequest},
		{page, "2:10,5,20,20", http.StatusBadRequest},
	} {
		if resp := anas.post(tt.page, tt.page+"/redact", url.Values{"regions": {tt.regions}, "reason": {"r"}}); resp.status != tt.want {
			t.Errorf("regions %q on %s: %d, want %d", tt.regions, tt.page, resp.status, tt.want)
		}
	}
	if after, _, _ := r.st.Head(ctx); after != head {
		t.Errorf("refused redactions wrote %d ledger entries", after-head)
	}
	resp := anas.post(page, page+"/redact", url.Values{"regions": {"1:10,5,20,20"}, "reason": {"hide the square"}})
	loc := resp.header.Get("Location")
	if resp.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/sources/") || loc == page {
		t.Fatalf("redact a region: %d to %q\n%s", resp.status, loc, resp.body)
	}
	contains(t, "the copy's page", anas.get(loc).body, `id="redacted-regions"`, "1:10,5,20,20")
	data, err := r.st.Blob(ctx, access.Operator(), strings.TrimPrefix(loc, "/sources/"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		x, y int
		want color.RGBA
	}{{10, 5, color.RGBA{A: 0xff}}, {29, 24, color.RGBA{A: 0xff}}, {30, 24, color.RGBA{0xff, 0xff, 0xff, 0xff}}, {5, 5, color.RGBA{0xff, 0xff, 0xff, 0xff}}} {
		if c := color.RGBAModel.Convert(got.At(p.x, p.y)); c != p.want {
			t.Errorf("pixel %d,%d of the copy is %v, want %v", p.x, p.y, c, p.want)
		}
	}
}
