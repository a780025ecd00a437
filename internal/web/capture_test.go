package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// TestSourceFiles: the source page lists the files kept with a source with
// their hashes, a signed-in account downloads each as an attachment that is
// never rendered here, and the capture form refuses a viewer.
func TestSourceFiles(t *testing.T) {
	r := newRig(t, "")
	pub := r.sources[model.Public]
	c := r.login("anas")
	page := c.get("/sources/" + pub.src.ID)
	if page.status != http.StatusOK || !strings.Contains(page.body, pub.file) ||
		!strings.Contains(page.body, `href="/sources/`+pub.src.ID+`/files/`+pub.file+`"`) {
		t.Fatalf("the source page does not list its file:\n%s", page.body)
	}
	got := c.get("/sources/" + pub.src.ID + "/files/" + pub.file)
	if got.status != http.StatusOK || got.body != "screenshot of Guard arrested in Homs" ||
		!strings.HasPrefix(got.header.Get("Content-Disposition"), "attachment") ||
		!strings.Contains(got.header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("download: %d %v %q", got.status, got.header, got.body)
	}

	if form := c.get("/capture"); !strings.Contains(form.body, `id="capture-form"`) {
		t.Error("an analyst gets no capture form")
	}
	v := r.login("vera")
	if form := v.get("/capture"); !strings.Contains(form.body, `id="capture-refused"`) || strings.Contains(form.body, `id="capture-form"`) {
		t.Error("a viewer is offered the capture form")
	}
	if got := v.post("/capture", "/capture", url.Values{"urls": {"https://example.org/"}}); got.status != http.StatusForbidden {
		t.Errorf("a viewer's capture: %d", got.status)
	}
	res := c.post("/capture", "/capture", url.Values{"urls": {"ftp://example.org/x"}})
	if res.status != http.StatusOK || !strings.Contains(res.body, "not an http(s) URL") {
		t.Errorf("a bad URL: %d\n%s", res.status, res.body)
	}
}

// A taken-down source's original and files answer 410 with a page that says
// the source was withdrawn, not a server error.
func TestWithdrawnDownloads(t *testing.T) {
	r := newRig(t, "")
	conf := r.sources[model.Confidential]
	if err := r.app.TakeDown(context.Background(), access.Operator(), conf.src.ID, "the witness asked"); err != nil {
		t.Fatal(err)
	}
	adel := r.login("adel")
	for _, path := range []string{"/sources/" + conf.src.ID + "/original", "/sources/" + conf.src.ID + "/files/" + conf.file} {
		resp := adel.get(path)
		if resp.status != http.StatusGone {
			t.Errorf("%s: %d, want 410", path, resp.status)
		}
		contains(t, path, resp.body, "Source withdrawn")
	}
}
