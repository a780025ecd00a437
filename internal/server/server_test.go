package server_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

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
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
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
