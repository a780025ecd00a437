package capture

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/pdf"
)

// needChromium skips outside CI when no browser is installed, and fails in CI.
func needChromium(t *testing.T) {
	t.Helper()
	if _, err := pdf.Find(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is required in CI (Debian package chromium, see .ci/apt-packages): %v", err)
		}
		t.Skipf("skipping: %v", err)
	}
}

// pngImage is a small PNG the test pages show.
func pngImage(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.RGBA{200, 10, 10, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// site serves the pages the tests capture, on loopback, allowed through
// ATHAR_FETCH_ALLOW for the test's length.
func site(t testing.TB) (*httptest.Server, []byte, *atomic.Int64) {
	t.Helper()
	pic := pngImage(t)
	var visits atomic.Int64
	// A server on loopback that ATHAR_FETCH_ALLOW does not name: the page
	// links it, and nothing may reach it, the browser included.
	private := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the guard let a request through to %s", r.URL)
	}))
	t.Cleanup(private.Close)
	mux := http.NewServeMux()
	mux.HandleFunc("/start", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/article", http.StatusFound)
	})
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("X-Served-By", "athar-test")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><title>Prison report</title></head><body>
<article><h1>Prison report</h1>
<p>Witnesses said the guards at the prison held Ahmad Khalil in a cell for three months in 2013.</p>
<p>The family of Ahmad Khalil asked the court for news of him many times and got no answer.</p>
<p><img src="/pic.png" alt="the cell"></p>
<p id="late"></p>
<p><img src="%s/private.png" alt="on a host the guard refuses"></p>
<script src="/late.js"></script>
</article></body></html>`, private.URL)
	})
	mux.HandleFunc("/late.js", func(w http.ResponseWriter, r *http.Request) {
		if ua := r.UserAgent(); !strings.Contains(ua, " Chrome/") || !strings.HasSuffix(ua, agentSuffix) {
			t.Errorf("the browser's requests say User-Agent %q", ua)
		}
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, `document.getElementById("late").textContent = "A paragraph the page's script wrote.";`)
	})
	mux.HandleFunc("/pic.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(pic)
	})
	mux.HandleFunc("/changing", func(w http.ResponseWriter, r *http.Request) {
		n := visits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>Changing</title></head><body><article><p>This page was visited %d times; its text changes with every visit, as a news page is edited after a first report.</p></article></body></html>`, n)
	})
	mux.HandleFunc("/cookie", func(w http.ResponseWriter, r *http.Request) {
		_, err := r.Cookie("seen")
		http.SetCookie(w, &http.Cookie{Name: "seen", Value: "1", Path: "/"})
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><body><p>cookie before: %v</p></body></html>", err == nil)
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(pic)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	t.Setenv(ingest.FetchAllowEnv, u.Host)
	return srv, pic, &visits
}

// TestCapturePage follows redirects, keeps the image, and records what was
// served: the WARC reads back with gowarc and holds the page's bytes, and the
// WACZ's data package hashes match its files.
func TestCapturePage(t *testing.T) {
	needChromium(t)
	srv, pic, _ := site(t)
	res, err := Page(context.Background(), srv.URL+"/start", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.FinalURL != srv.URL+"/article" {
		t.Errorf("final URL %s", res.FinalURL)
	}
	want := []Hop{{srv.URL + "/start", 301, srv.URL + "/moved"}, {srv.URL + "/moved", 302, srv.URL + "/article"}}
	if fmt.Sprint(res.Redirects) != fmt.Sprint(want) {
		t.Errorf("redirects %v, want %v", res.Redirects, want)
	}
	if res.Status != 200 || res.Header.Get("X-Served-By") != "athar-test" || res.Title != "Prison report" {
		t.Errorf("status %d, headers %v, title %q", res.Status, res.Header, res.Title)
	}
	if !bytes.Contains(res.DOM, []byte("A paragraph the page's script wrote.")) {
		t.Errorf("the rendered document lacks what the script wrote:\n%s", res.DOM)
	}
	if len(res.Media) != 1 || !bytes.Equal(res.Media[0].Data, pic) || res.Media[0].MediaType != "image/png" {
		t.Errorf("media %+v", res.Media)
	}
	if cfg, err := png.DecodeConfig(bytes.NewReader(res.Screenshot)); err != nil || cfg.Width < 800 {
		t.Errorf("screenshot: %v %+v", err, cfg)
	}
	if !strings.Contains(strings.Join(res.Skipped, "\n"), "private.png: ") || !strings.Contains(strings.Join(res.Skipped, "\n"), "refusing to connect") {
		t.Errorf("the refused image is not listed as skipped: %q", res.Skipped)
	}
	served := readWARC(t, res.WARC)
	if got := served[srv.URL+"/pic.png"]; !bytes.Equal(got, pic) {
		t.Errorf("the WARC's image is not the bytes served (%d bytes)", len(got))
	}
	if got := string(served[srv.URL+"/article"]); !strings.Contains(got, "Witnesses said the guards") {
		t.Errorf("the WARC's page is %q", got)
	}
	if _, ok := served[srv.URL+"/start"]; !ok {
		t.Error("the WARC lacks the redirect")
	}
	checkWACZ(t, res.WACZ, res.WARC)
}

// readWARC parses a WARC with gowarc, validating every record and its
// digests, and returns each response's payload by URL.
func readWARC(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(data), 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	types := map[string]int{}
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("read WARC: %v", err)
		}
		if len(rec.Validation) > 0 {
			t.Errorf("WARC record %s: %v", rec.WarcRecord, rec.Validation)
		}
		wr := rec.WarcRecord
		types[wr.Type().String()]++
		if wr.Type() == gowarc.Response {
			blk := wr.Block().(gowarc.HttpResponseBlock)
			p, err := blk.PayloadBytes()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(p)
			out[wr.WarcHeader().Get(gowarc.WarcTargetURI)] = b
		}
		rec.Close()
	}
	if types["warcinfo"] != 1 || types["request"] != types["response"] || types["resource"] != 1 {
		t.Errorf("record types %v", types)
	}
	return out
}

// checkWACZ opens the zip, checks every entry is stored uncompressed and that
// datapackage.json's hashes and sizes match the files, and that the WARC in
// it is the WARC returned.
func checkWACZ(t *testing.T, wacz, warc []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(wacz), int64(len(wacz)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		if f.Method != zip.Store {
			t.Errorf("%s is compressed in the zip", f.Name)
		}
		rc, _ := f.Open()
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	var dp DataPackage
	if err := json.Unmarshal(files["datapackage.json"], &dp); err != nil {
		t.Fatal(err)
	}
	if dp.Profile != "data-package" || dp.WACZVersion != WACZVersion || len(dp.Resources) != 3 {
		t.Errorf("data package %+v", dp)
	}
	for _, r := range dp.Resources {
		sum := sha256.Sum256(files[r.Path])
		if r.Hash != "sha256:"+hex.EncodeToString(sum[:]) || r.Bytes != int64(len(files[r.Path])) {
			t.Errorf("%s: hash %s, size %d do not match the file", r.Path, r.Hash, r.Bytes)
		}
	}
	var digest map[string]string
	json.Unmarshal(files["datapackage-digest.json"], &digest)
	sum := sha256.Sum256(files["datapackage.json"])
	if digest["hash"] != "sha256:"+hex.EncodeToString(sum[:]) {
		t.Errorf("datapackage-digest.json %v", digest)
	}
	if !bytes.Equal(files["archive/data.warc.gz"], warc) {
		t.Error("the WACZ's WARC is not the capture's")
	}
	// Each index line points at a record that starts there.
	for _, line := range strings.Split(strings.TrimSpace(string(files["indexes/index.cdxj"])), "\n") {
		var e struct {
			URL    string `json:"url"`
			Offset int64  `json:"offset"`
			Length int64  `json:"length"`
		}
		if err := json.Unmarshal([]byte(line[strings.IndexByte(line, '{'):]), &e); err != nil {
			t.Fatalf("index line %q: %v", line, err)
		}
		r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(warc[e.Offset:e.Offset+e.Length]), 0)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := r.Next()
		if err != nil || rec.WarcRecord.WarcHeader().Get(gowarc.WarcTargetURI) != e.URL {
			t.Errorf("index line %q does not point at its record: %v", line, err)
		}
	}
	if !bytes.HasPrefix(files["pages/pages.jsonl"], []byte(`{"format":"json-pages-1.0"`)) {
		t.Errorf("pages.jsonl: %s", files["pages/pages.jsonl"])
	}
}

// TestCaptureFails: a page that answers an error status, one that is not a
// page, and one the guard refuses each fail with a message naming why.
func TestCaptureFails(t *testing.T) {
	needChromium(t)
	srv, _, _ := site(t)
	cases := []struct{ url, want string }{
		{srv.URL + "/gone", "404 Not Found"},
		{srv.URL + "/image", "not a web page"},
		{"http://127.0.0.2:1/", "refusing to connect"},
		{"ftp://example.org/", "not an http(s) URL"},
	}
	for _, c := range cases {
		res, err := Page(context.Background(), c.url, Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error saying %q", c.url, err, c.want)
		}
		if res != nil {
			t.Errorf("%s: a result for a failed capture", c.url)
		}
	}
}

// TestBrowserKeepsPagesApart: one browser captures page after page, and a
// cookie one page set is not sent by the next.
func TestBrowserKeepsPagesApart(t *testing.T) {
	needChromium(t)
	srv, _, _ := site(t)
	b := NewBrowser(Options{})
	defer b.Close()
	for i := range 2 {
		res, err := b.Page(context.Background(), srv.URL+"/cookie")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(res.DOM, []byte("cookie before: false")) {
			t.Errorf("capture %d saw an earlier capture's cookie:\n%s", i+1, res.DOM)
		}
	}
}

func TestSURT(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"http://www.Example.org/A?b=1", "org,example)/a?b=1"},
		{"https://news.example.com:443/", "com,example,news)/"},
		{"http://127.0.0.1:8080/x", "127,0,0,1:8080)/x"},
		{"http://example.org", "org,example)/"},
		{"urn:screenshot:http://example.org/", "urn:screenshot:http://example.org/"},
	} {
		if got := SURT(c.in); got != c.want {
			t.Errorf("SURT(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzWARCExchange: whatever a server answers — status, header values, body —
// the WARC records it so that gowarc reads it back, valid, with the body
// exactly as served.
func FuzzWARCExchange(f *testing.F) {
	f.Add(200, "text/html", []byte("<p>hello</p>"))
	f.Add(404, "text/plain; charset=utf-8", []byte{})
	f.Add(302, "x\r\ny: z", []byte("\r\n\r\nWARC/1.1\r\n"))
	f.Fuzz(func(t *testing.T, status int, value string, body []byte) {
		if status < 100 || status > 999 {
			return
		}
		ex := &Exchange{Method: "GET", URL: "http://example.org/a?b=1", ReqHeader: http.Header{"Accept": {value}},
			Status: status, StatusLine: fmt.Sprintf("%d Something", status), Proto: "HTTP/1.1",
			Header: http.Header{"Content-Type": {value}, "X-Value": {value}}, Body: body, Started: time.Unix(1700000000, 0).UTC()}
		w := &warcFile{name: "data.warc.gz"}
		if err := w.exchange(ex); err != nil {
			t.Fatal(err)
		}
		r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(w.buf.Bytes()), 0, gowarc.WithStrictValidation())
		if err != nil {
			t.Fatal(err)
		}
		var got []byte
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("read back: %v", err)
			}
			if len(rec.Validation) > 0 {
				t.Fatalf("record %s: %v", rec.WarcRecord.Type(), rec.Validation)
			}
			if rec.WarcRecord.Type() == gowarc.Response {
				p, err := rec.WarcRecord.Block().(gowarc.HttpResponseBlock).PayloadBytes()
				if err != nil {
					t.Fatal(err)
				}
				got, _ = io.ReadAll(p)
			}
			rec.Close()
		}
		if !bytes.Equal(got, body) {
			t.Fatalf("payload %q, served %q", got, body)
		}
	})
}

func FuzzSURT(f *testing.F) {
	for _, s := range []string{"http://www.example.org/a?b", "https://[::1]:8443/x", "urn:screenshot:x", "http://%zz", "http://a..b./"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := SURT(s)
		if strings.ContainsAny(out, " \t\r\n") {
			t.Fatalf("SURT(%q) = %q: a space or line break would break the index line", s, out)
		}
	})
}

// BenchmarkCapture captures the test site's article page (two redirects, a
// script, an image, one refused request): a browser started, the page
// loaded, rendered, photographed and packed, per iteration. Run with
// -benchtime=10x; docs/benchmarks.md records the figures.
func BenchmarkCapture(b *testing.B) {
	if _, err := pdf.Find(); err != nil {
		b.Skip(err)
	}
	srv, _, _ := site(b)
	var waczBytes int64
	for b.Loop() {
		res, err := Page(context.Background(), srv.URL+"/start", Options{})
		if err != nil {
			b.Fatal(err)
		}
		waczBytes += int64(len(res.WACZ))
	}
	b.ReportMetric(float64(waczBytes)/float64(b.N), "wacz-bytes/op")
}

// BenchmarkCaptureSameBrowser is BenchmarkCapture in one browser for all
// pages, as a capture of several URLs runs.
func BenchmarkCaptureSameBrowser(b *testing.B) {
	if _, err := pdf.Find(); err != nil {
		b.Skip(err)
	}
	srv, _, _ := site(b)
	br := NewBrowser(Options{})
	defer br.Close()
	if _, err := br.Page(context.Background(), srv.URL+"/start"); err != nil { // the start, not measured
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := br.Page(context.Background(), srv.URL+"/start"); err != nil {
			b.Fatal(err)
		}
	}
}
