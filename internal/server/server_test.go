package server_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/benchgen"
	"github.com/athar-project/athar/internal/server"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// report is a long report in one text: recording it takes many
// transactions.
func report(n int) string {
	var b strings.Builder
	b.WriteString("Title: A long report\n---\n")
	for i := range n {
		a := benchgen.Article(i)
		if j := strings.Index(a, "---\n"); j >= 0 {
			a = a[j+4:]
		}
		b.WriteString(a + "\n\n")
	}
	return b.String()
}

// Shutting the server down (SIGTERM) stops an ingest under way: the upload's
// request is cancelled after the grace period, Serve returns, and the source
// stays stored, marked as not extracted, for athar reextract (issue 18,
// finding 1: SIGTERM did not stop it).
func TestShutdownStopsAnIngest(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) { shutdownStopsAnIngest(t, st) })
}

func shutdownStopsAnIngest(t *testing.T, st *store.Store) {
	rig := apptest.New(t, st)
	_, token, err := st.Tokens().Create(context.Background(), rig.Users["adel"].ID, "test", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := server.Handler(server.Config{App: rig.App, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- server.Serve(ctx, ln, h, logger) }()

	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("file", "report.txt")
	fw.Write([]byte(report(400)))
	w.Close()
	req, _ := http.NewRequest("POST", "http://"+ln.Addr().String()+"/api/v1/sources", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	answered := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	// Once the source is stored, its recording is under way: stop.
	head, _, _ := st.Head(context.Background())
	for {
		if h, _, _ := st.Head(context.Background()); h > head+50 {
			break
		}
		select {
		case status := <-answered:
			t.Fatalf("the upload was answered (%d) before the shutdown: make the report longer", status)
		case <-time.After(5 * time.Millisecond):
		}
	}
	stop()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("the server did not stop")
	}
	if status := <-answered; status == http.StatusCreated {
		t.Errorf("the upload was recorded to the end: %d", status)
	}
	copies, err := st.SourcesBySHA(context.Background(), store.Hash([]byte(report(400))))
	if err != nil || len(copies) != 1 {
		t.Fatalf("the stored source: %+v %v", copies, err)
	}
	if unfinished, err := st.ExtractionUnfinished(context.Background(), copies[0].ID); err != nil || !unfinished {
		t.Errorf("the source is not marked as unfinished: %v %v", unfinished, err)
	}
	_ = app.DefaultWriteBatch
}

// upload posts a long report to the API as the seeded admin adel, and
// returns the channel its status comes on (0: no answer).
func upload(t *testing.T, st *store.Store, rig *apptest.Rig, base string) <-chan int {
	t.Helper()
	_, token, err := st.Tokens().Create(context.Background(), rig.Users["adel"].ID, "test", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("file", "report.txt")
	fw.Write([]byte(report(400)))
	w.Close()
	req, _ := http.NewRequest("POST", base+"/api/v1/sources", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	answered := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	return answered
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// login signs in to the web UI as name and returns the answer's status.
func login(t *testing.T, base string, codes *accesstest.Codes, name string) int {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(base + "/login")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfRe.FindSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token on the login page (%d)", resp.StatusCode)
	}
	resp, err = c.PostForm(base+"/login", url.Values{"name": {name}, "password": {apptest.Password}, "csrf": {string(m[1])}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if accesstest.Enrolled(name) && resp.StatusCode == http.StatusSeeOther {
		// The second factor: a real code of the account's secret.
		resp, err = c.PostForm(base+"/login/code", url.Values{"code": {codes.Code(t, name)}, "csrf": {string(m[1])}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	return resp.StatusCode
}

// Logins go through while a large upload is recorded, between two of its
// transactions: each is answered, with no error, while the upload is still
// under way (issue 18, finding 1: logins failed with 500, "database is
// locked", for as long as an upload held the write lock). How long a login
// waits at most is what athar-bench large reports as the longest write.
func TestLoginsDuringALargeUpload(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		rig := apptest.New(t, st)
		logger := slog.New(slog.NewTextHandler(io.Discard, nil))
		h, err := server.Handler(server.Config{App: rig.App, Logger: logger, Secret: []byte("a secret of the test, 32 bytes.")})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(h)
		defer ts.Close()
		head, _, _ := st.Head(context.Background())
		answered := upload(t, st, rig, ts.URL)
		// Once the source is stored, its recording is under way.
		for {
			if h, _, _ := st.Head(context.Background()); h > head+50 {
				break
			}
			select {
			case status := <-answered:
				t.Fatalf("the upload was answered (%d) before a login could be tried: make the report longer", status)
			case <-time.After(5 * time.Millisecond):
			}
		}
		for _, name := range []string{"adel", "vera", "adel"} {
			if status := login(t, ts.URL, rig.Codes, name); status != http.StatusSeeOther {
				t.Errorf("login as %s during the upload: status %d, want 303", name, status)
			}
		}
		select {
		case status := <-answered:
			t.Errorf("the logins were answered only after the upload (%d) was recorded", status)
		default:
		}
		if status := <-answered; status != http.StatusCreated {
			t.Errorf("the upload: status %d", status)
		}
	})
}
