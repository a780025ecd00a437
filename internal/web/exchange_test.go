package web

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// upload posts the upload form with files (name → content), as a browser
// does.
func (c *client) upload(files map[string]string, fields map[string]string) response {
	c.r.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("csrf", c.csrf("/upload"))
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, content := range files {
		fw, err := mw.CreateFormFile("files", name)
		if err != nil {
			c.r.t.Fatal(err)
		}
		io.WriteString(fw, content)
	}
	mw.Close()
	req, err := http.NewRequest("POST", c.r.ts.URL+"/upload", &b)
	if err != nil {
		c.r.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.http.Do(req)
	if err != nil {
		c.r.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, string(body)}
}

// Upload and export in the web UI: files become sources with a result
// each; an account that may not write is told so and refused; a download
// holds what the account may see, never above internal.
func TestUploadAndExport(t *testing.T) {
	r := newRig(t, "")
	anas := r.login("anas")
	contains(t, "the upload page", anas.get("/upload").body, `id="upload-form"`, `enctype="multipart/form-data"`, `<option value="internal">`)
	lacks(t, "anas's upload page", anas.get("/upload").body, `<option value="restricted">`)
	resp := anas.upload(map[string]string{
		"note-one.txt": "Title: A note written for the upload test\n---\nA short note about a hearing in Homs written for this test.",
		"empty.txt":    "",
	}, map[string]string{"kind": "article"})
	if resp.status != http.StatusOK {
		t.Fatalf("upload: %d %s", resp.status, resp.body)
	}
	contains(t, "the results", resp.body, `id="upload-results"`, `class="upload-stored"`, "note-one.txt", `class="upload-failed"`, "empty.txt", `href="/sources/`)
	again := anas.upload(map[string]string{"note-one.txt": "Title: A note written for the upload test\n---\nA short note about a hearing in Homs written for this test."}, nil)
	contains(t, "the same file again", again.body, `class="upload-exists"`)
	// Writing up is allowed (a testimony is confidential whoever stores
	// it); the result then names nothing the analyst may not see.
	up := anas.upload(map[string]string{"secret.txt": "more text about a hearing"}, map[string]string{"sensitivity": "confidential"})
	contains(t, "an upload above the analyst's clearance", up.body, `class="upload-stored"`, "stored at a level above your clearance")
	lacks(t, "an upload above the analyst's clearance", up.body, `<a href="/sources/src_`)
	vera := r.login("vera")
	contains(t, "vera's upload page", vera.get("/upload").body, `id="upload-refused"`)
	if up := vera.upload(map[string]string{"v.txt": "a viewer's text"}, nil); up.status != http.StatusForbidden {
		t.Errorf("a viewer uploading: %d", up.status)
	}

	adel := r.login("adel")
	contains(t, "the export page", adel.get("/export").body, `id="dl-ftm"`, `id="dl-public"`, "up to internal")
	ftm := adel.get("/export/ftm")
	if ftm.status != http.StatusOK || !strings.Contains(ftm.header.Get("Content-Disposition"), "athar-ftm.jsonl") {
		t.Fatalf("ftm: %d %v", ftm.status, ftm.header)
	}
	contains(t, "adel's download", ftm.body, r.statements[0], r.statements[1]) // public and internal
	lacks(t, "adel's download", ftm.body, r.statements[2], r.statements[3])    // restricted and confidential
	for _, kind := range []string{"csv", "public", "statements-csv"} {
		if got := adel.get("/export/" + kind); got.status != http.StatusOK || len(got.body) == 0 {
			t.Errorf("%s: %d, %d bytes", kind, got.status, len(got.body))
		}
	}
	lacks(t, "vera's download", vera.get("/export/ftm").body, r.statements[1])
}

// countingReader counts the bytes read from it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// An upload is read only as far as its token: without a session that may
// write, or with a token that is missing, wrong or not the first part, the
// server refuses it having read next to nothing of a large body (before,
// the whole form was parsed into temporary files before the token was
// checked).
func TestUploadTokenCheckedFirst(t *testing.T) {
	r := newRig(t, "")
	anas, vera := r.login("anas"), r.login("vera")
	good := anas.csrf("/upload")
	big := strings.Repeat("x", 8<<20)
	body := func(tokenFirst bool, token string) (*bytes.Buffer, string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		if tokenFirst {
			mw.WriteField("csrf", token)
		}
		fw, _ := mw.CreateFormFile("files", "big.txt")
		io.WriteString(fw, big)
		if !tokenFirst {
			mw.WriteField("csrf", token)
		}
		mw.Close()
		return &b, mw.FormDataContentType()
	}
	cases := []struct {
		name       string
		c          *client
		tokenFirst bool
		token      string
		want       int
	}{
		{"nobody signed in", r.client(), true, good, http.StatusForbidden},
		{"a viewer", vera, true, vera.csrf("/upload"), http.StatusForbidden},
		{"a wrong token", anas, true, "not-the-token", http.StatusForbidden},
		{"the token after the file", anas, false, good, http.StatusForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, ctype := body(tc.tokenFirst, tc.token)
			cr := &countingReader{r: b}
			req := httptest.NewRequest("POST", r.ts.URL+"/upload", cr)
			req.Header.Set("Content-Type", ctype)
			u, _ := url.Parse(r.ts.URL)
			for _, ck := range tc.c.http.Jar.Cookies(u) {
				req.AddCookie(ck)
			}
			rec := httptest.NewRecorder()
			r.srv.Handler().ServeHTTP(rec, req)
			if rec.Code != tc.want {
				t.Fatalf("status %d, want %d", rec.Code, tc.want)
			}
			if !tc.tokenFirst {
				return // the token can only be found by reading past the file
			}
			if cr.n > 64<<10 {
				t.Errorf("read %d bytes of an 8 MiB upload before refusing it", cr.n)
			}
		})
	}
	// The token first, as the form sends it: the upload is stored.
	b, ctype := body(true, good)
	req, _ := http.NewRequest("POST", r.ts.URL+"/upload", b)
	req.Header.Set("Content-Type", ctype)
	resp, err := anas.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(out), `class="upload-stored"`) {
		t.Fatalf("a good upload: %d %s", resp.StatusCode, out)
	}
}
