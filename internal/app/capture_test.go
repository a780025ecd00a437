package app_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pdf"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// capturedSite serves a page that changes at every visit and one that is
// gone, on loopback, allowed through ATHAR_FETCH_ALLOW.
func capturedSite(t *testing.T) string {
	t.Helper()
	if _, err := pdf.Find(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is required in CI (Debian package chromium, see .ci/apt-packages): %v", err)
		}
		t.Skipf("skipping: %v", err)
	}
	var visits atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/report", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/report/v", http.StatusFound)
	})
	mux.HandleFunc("/report/v", func(w http.ResponseWriter, r *http.Request) {
		n := visits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>Guards arrested</title></head><body><article>
<p>The Ministry of Interior announced the arrest of three former guards of Sednaya Prison near Homs on Saturday.</p>
<p>Survivors accused the guards of beating detainees during the night counts at the prison.</p>
<p>Former detainees said that Wael Shaheen supervised the counts.</p>
<p>This is edition %d of the page.</p></article></body></html>`, n)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	t.Setenv(ingest.FetchAllowEnv, u.Host)
	return srv.URL
}

// TestCapture stores a page that changes between two captures as two
// sources with their files, runs extraction on them, stores nothing of a
// page that fails, and lets only analysts and up capture.
func TestCapture(t *testing.T) {
	base := capturedSite(t)
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := app.New(st, app.Config{})
		// A watch-list entry in Arabic script: the captured page names him
		// in Latin letters.
		wanted, _, err := a.AddWanted(ctx, access.Operator(), app.Wanted{Name: "وائل شاهين", Sensitivity: model.Internal})
		if err != nil {
			t.Fatal(err)
		}
		var got []app.CaptureResult
		err = a.Capture(ctx, access.Operator(), []string{base + "/report", base + "/report", base + "/missing"}, app.CaptureOptions{},
			func(r app.CaptureResult) { got = append(got, r) })
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 {
			t.Fatalf("%d results", len(got))
		}
		first, second, gone := got[0], got[1], got[2]
		for _, r := range []app.CaptureResult{first, second} {
			if r.Outcome != app.Stored || r.Err != nil {
				t.Fatalf("%s: %s %v", r.URL, r.Outcome, r.Err)
			}
			if r.Source.URL != base+"/report/v" || r.Source.ContentType != "application/wacz" || r.WARC == "" || r.Screenshot == "" {
				t.Errorf("source %+v, warc %q, screenshot %q", r.Source, r.WARC, r.Screenshot)
			}
			if r.Found.Mentions == 0 {
				t.Errorf("%s: nothing extracted: %+v", r.Source.ID, r.Found)
			}
		}
		if first.Source.ID == second.Source.ID || first.Source.SHA256 == second.Source.SHA256 || first.WARC == second.WARC {
			t.Error("two captures of a changed page are not two sources with different hashes")
		}
		if gone.Outcome != app.Failed || !strings.Contains(gone.Err.Error(), "404 Not Found") {
			t.Errorf("missing page: %s %v", gone.Outcome, gone.Err)
		}
		alerts, err := a.WatchAlerts(ctx, access.Operator())
		if err != nil || len(alerts) != 2 || alerts[0].EntryID != wanted.ID {
			t.Errorf("watch-list alerts after two captures: %+v, %v", alerts, err)
		}
		srcs, err := st.Sources(ctx, access.Operator(), store.SourceFilter{})
		if err != nil || len(srcs) != 2 {
			t.Fatalf("%d sources stored (%v), want 2: nothing of a failed capture", len(srcs), err)
		}

		files, err := a.SourceFiles(ctx, access.Operator(), second.Source.ID)
		if err != nil {
			t.Fatal(err)
		}
		var roles []string
		for _, f := range files {
			roles = append(roles, string(f.Role))
			_, data, err := a.SourceFile(ctx, access.Operator(), second.Source.ID, f.SHA256)
			if err != nil || store.Hash(data) != f.SHA256 || int64(len(data)) != f.Size {
				t.Errorf("%s file: %v", f.Role, err)
			}
		}
		if strings.Join(roles, ",") != "wacz,warc,screenshot,dom,record" {
			t.Errorf("files %v", roles)
		}
		if files[0].SHA256 != second.Source.SHA256 {
			t.Error("the WACZ is not the source's original")
		}
		rec, err := a.CaptureRecordOf(ctx, access.Operator(), second.Source.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rec.URL != base+"/report" || rec.FinalURL != base+"/report/v" || len(rec.Redirects) != 1 || rec.Redirects[0].Status != 302 ||
			rec.CapturedBy != access.Operator().Actor() || !strings.HasPrefix(rec.Tool, "athar ") || rec.Browser == "" ||
			len(rec.Headers["Content-Type"]) != 1 || len(rec.Files) != 4 {
			t.Errorf("capture record %+v", rec)
		}
		rep, err := st.Verify(ctx)
		if err != nil || !rep.OK {
			t.Fatalf("verify: %v %+v", err, rep.Problems)
		}

		// A viewer may read the files of a public capture, but not capture.
		if _, err := a.SourceFiles(ctx, accesstest.Viewer("vera"), second.Source.ID); err != nil {
			t.Errorf("a viewer cannot list a public source's files: %v", err)
		}
		err = a.Capture(ctx, accesstest.Viewer("vera"), []string{base + "/report"}, app.CaptureOptions{}, func(app.CaptureResult) {
			t.Error("a viewer's capture was attempted")
		})
		if app.KindOf(err) != app.Forbidden {
			t.Errorf("a viewer captured: %v", err)
		}
		// Whoever may not see a source does not learn of its files.
		conf := model.Confidential
		var secret app.CaptureResult
		if err := a.Capture(ctx, access.Operator(), []string{base + "/report"}, app.CaptureOptions{Sensitivity: &conf},
			func(r app.CaptureResult) { secret = r }); err != nil || secret.Outcome != app.Stored {
			t.Fatal(err, secret.Err)
		}
		if _, err := a.SourceFiles(ctx, accesstest.Viewer("anas"), secret.Source.ID); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("an analyst cleared for internal lists a confidential capture's files: %v", err)
		}
		// Its files are sealed with it, read back whole by whoever may see
		// it, and verify still finds every one.
		if rec, err := a.CaptureRecordOf(ctx, access.Operator(), secret.Source.ID); err != nil || len(rec.Files) == 0 {
			t.Errorf("the confidential capture's record: %+v %v", rec, err)
		}
		if _, warc, err := a.SourceFile(ctx, access.Operator(), secret.Source.ID, secret.WARC); err != nil || store.Hash(warc) != secret.WARC {
			t.Errorf("the confidential capture's WARC: %v", err)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Fatalf("verify after a confidential capture: %v %+v", err, rep.Problems)
		}
	})
}
