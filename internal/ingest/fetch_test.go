package ingest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func fetchServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") != UserAgent {
			http.Error(w, "no UA", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page(`<title>Guard arrested</title>`, "en", "")))
	})
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/article", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	mux.HandleFunc("/download", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte("\x00\x01\x02\x03"))
	})
	mux.HandleFunc("/report", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(makePDF("", textOp("Hello")))
	})
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=windows-1256")
		b, _ := encodeCP("نص عربي قصير في سجن صيدنايا", "windows-1256")
		w.Write(b)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(strings.Repeat("a", 2000)))
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 8 {
			w.Write([]byte(strings.Repeat("a", 1024)))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("start "))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	// The guarded client refuses loopback unless told; port 1 is where
	// nothing listens.
	t.Setenv(FetchAllowEnv, srv.Listener.Addr().String()+",127.0.0.1:1")
	return srv
}

func TestFetch(t *testing.T) {
	srv := fetchServer(t)
	in, err := Fetch(context.Background(), nil, srv.URL+"/old", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if in.URL != srv.URL+"/article" || in.Name != srv.URL+"/old" || !strings.HasPrefix(in.ContentType, "text/html") {
		t.Errorf("got url %q name %q type %q", in.URL, in.Name, in.ContentType)
	}
	doc, err := Parse(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.URL != srv.URL+"/article" || doc.ContentType != TypeHTML || doc.Title != "Guard arrested" {
		t.Errorf("got %+v", doc)
	}

	in, err = Fetch(context.Background(), nil, srv.URL+"/text", Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err = Parse(in, Options{})
	if err != nil || doc.Encoding != "windows-1256" || doc.Text != "نص عربي قصير في سجن صيدنايا" || doc.URL != srv.URL+"/text" {
		t.Errorf("got %+v, %v", doc, err)
	}

	in, err = Fetch(context.Background(), nil, srv.URL+"/report", Options{})
	if err != nil || !isPDF(in.Data) {
		t.Errorf("a PDF sent as octet-stream: %v", err)
	}
}

func TestFetchErrors(t *testing.T) {
	srv := fetchServer(t)
	tests := []struct {
		name, url string
		opt       Options
		want      error
		msg       string
	}{
		{"not http", "ftp://example.test/x", Options{}, ErrURL, "ftp://"},
		{"file", "file:///etc/passwd", Options{}, ErrURL, "file://"},
		{"no host", "http:///x", Options{}, ErrURL, "http:///x"},
		{"garbage", "::::", Options{}, ErrURL, "::::"},
		{"404", srv.URL + "/missing", Options{}, ErrHTTPStatus, "404 Not Found"},
		{"500", srv.URL + "/broken", Options{}, ErrHTTPStatus, "500 Internal Server Error"},
		{"image", srv.URL + "/image", Options{}, ErrContentType, "image/png"},
		{"octet-stream", srv.URL + "/download", Options{}, ErrContentType, "application/octet-stream"},
		{"oversize announced", srv.URL + "/big", Options{MaxBytes: 1024}, ErrTooLarge, "the limit is 1 KiB"},
		{"oversize chunked", srv.URL + "/big-chunked", Options{MaxBytes: 1024}, ErrTooLarge, "the limit of 1 KiB"},
		{"timeout", srv.URL + "/slow", Options{Timeout: 200 * time.Millisecond}, ErrTimeout, "200ms"},
		{"timeout in body", srv.URL + "/slow-body", Options{Timeout: 200 * time.Millisecond}, ErrTimeout, "200ms"},
		{"redirect loop", srv.URL + "/loop", Options{}, ErrFetch, "redirects"},
		{"refused", "http://127.0.0.1:1/x", Options{}, ErrFetch, "refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// An error of the right kind proves the timeout fired: the slow
			// handlers would answer, after 5 s, with a document.
			_, err := Fetch(context.Background(), nil, tt.url, tt.opt)
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("message %q does not say %q on one line", err, tt.msg)
			}
		})
	}
}

func TestFetchCanceled(t *testing.T) {
	srv := fetchServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Fetch(ctx, nil, srv.URL+"/article", Options{})
	if !errors.Is(err, ErrFetch) || !strings.Contains(err.Error(), "canceled") {
		t.Fatalf("got %v", err)
	}
}
