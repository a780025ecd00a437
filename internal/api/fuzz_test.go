package api

import (
	"bytes"
	"mime"
	"strings"
	"testing"
)

// FuzzDecodeCursor: any text a client sends as a cursor is either refused
// or decodes to non-empty parts that encode back to the same cursor.
func FuzzDecodeCursor(f *testing.F) {
	f.Add(encodeCursor("sources-newest", "2025-01-01T00:00:00Z", "src_x"), "sources-newest", 2)
	f.Add(encodeCursor("entities", "01a2"), "entities", 1)
	f.Add("", "entities", 1)
	f.Add("%%%", "statements", 1)
	f.Add("ZW50aXRpZXMf", "entities", 1)
	f.Fuzz(func(t *testing.T, c, kind string, n int) {
		if n < 0 || n > 4 {
			return
		}
		parts, ok := decodeCursor(c, kind, n)
		if !ok {
			return
		}
		if len(parts) != n {
			t.Fatalf("%d parts, want %d", len(parts), n)
		}
		for _, p := range parts {
			if p == "" || strings.Contains(p, cursorSep) {
				t.Fatalf("bad part %q", p)
			}
		}
		if again := encodeCursor(kind, parts...); again != c {
			t.Fatalf("%q decodes to %q, which encodes to %q", c, parts, again)
		}
	})
}

// FuzzBearer: a token read from an Authorization header is never empty and
// never holds white space.
func FuzzBearer(f *testing.F) {
	for _, s := range []string{"Bearer athar_abc", "bearer  x ", "Basic abc", "Bearer", "Bearer a b", "", "Bearer\tx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		tok, ok := bearer(h)
		if !ok {
			if tok != "" {
				t.Fatalf("refused %q but returned %q", h, tok)
			}
			return
		}
		if tok == "" || strings.ContainsAny(tok, " \t") || !strings.Contains(h, tok) {
			t.Fatalf("%q gave token %q", h, tok)
		}
	})
}

// FuzzParseIngest: any body under any content type is parsed into a request
// for exactly one thing, or refused with a problem; never a panic.
func FuzzParseIngest(f *testing.F) {
	b, ct := form(map[string]string{"kind": "article"}, "a.txt", "some text")
	f.Add(ct, b.Bytes())
	f.Add("application/json", []byte(`{"url":"https://example.org/a","kind":"statement"}`))
	f.Add("application/json", []byte(`{"url":1}`))
	f.Add("multipart/form-data; boundary=x", []byte("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nhi\r\n--x--\r\n"))
	f.Add("text/plain", []byte("hello"))
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		req, err := parseIngest(contentType, bytes.Clone(body))
		if err != nil {
			return
		}
		mt, _, _ := mime.ParseMediaType(contentType)
		switch mt {
		case "application/json":
			if !strings.HasPrefix(req.url, "http://") && !strings.HasPrefix(req.url, "https://") {
				t.Fatalf("JSON accepted without an http(s) URL: %+v", req)
			}
		case "multipart/form-data":
			if req.url != "" || len(req.kind) > maxFormField || len(req.sensitivity) > maxFormField {
				t.Fatalf("form accepted as %+v", req)
			}
		default:
			t.Fatalf("content type %q accepted", contentType)
		}
	})
}
