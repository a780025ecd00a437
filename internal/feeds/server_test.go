package feeds_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/store/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// lastModified is what the test server sends as Last-Modified for every
// feed that has one.
const lastModified = "Sun, 16 Mar 2025 06:00:00 GMT"

// feedServer serves the files of testdata over HTTP as a news site would:
// feeds with validators (ETag and Last-Modified for RSS, Last-Modified only
// for Atom, ETag only for JSON Feed) that answer 304 to a request that
// still holds them, and article pages. It counts requests per path.
type feedServer struct {
	*httptest.Server
	t *testing.T

	mu          sync.Mutex
	files       map[string]string // URL path → file under testdata
	status      map[string]int    // URL path → status to answer instead
	hits        map[string]int    // URL path → requests
	conditional map[string]int    // URL path → requests with If-None-Match or If-Modified-Since
	notModified map[string]int    // URL path → 304 answers
	userAgents  map[string]bool
	retryAfter  string // sent with the statuses fail sets
}

func newFeedServer(t *testing.T) *feedServer {
	s := &feedServer{t: t, files: map[string]string{
		"/rss.xml":   "rss.xml",
		"/atom.xml":  "atom.xml",
		"/feed.json": "feed.json",
	}, status: map[string]int{}, hits: map[string]int{}, conditional: map[string]int{}, notModified: map[string]int{},
		userAgents: map[string]bool{}}
	entries, err := os.ReadDir("testdata/articles")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		s.files["/articles/"+e.Name()] = "articles/" + e.Name()
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	// Pollers use their own client, which refuses loopback unless told:
	// this server's address is allowed, nothing else on this machine.
	t.Setenv(ingest.FetchAllowEnv, s.Listener.Addr().String())
	return s
}

// set serves file (under testdata) at urlPath; "" serves nothing there.
func (s *feedServer) set(urlPath, file string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if file == "" {
		delete(s.files, urlPath)
		return
	}
	s.files[urlPath] = file
}

// fail answers status at urlPath; 0 serves the file again.
func (s *feedServer) fail(urlPath string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status[urlPath] = status
}

// count returns the requests for urlPath so far.
func (s *feedServer) count(urlPath string) (hits, conditional, notModified int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[urlPath], s.conditional[urlPath], s.notModified[urlPath]
}

func (s *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := r.URL.Path
	s.hits[p]++
	s.userAgents[r.UserAgent()] = true
	inm, ims := r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
	if inm != "" || ims != "" {
		s.conditional[p]++
	}
	if code := s.status[p]; code != 0 {
		if s.retryAfter != "" {
			w.Header().Set("Retry-After", s.retryAfter)
		}
		http.Error(w, http.StatusText(code), code)
		return
	}
	file, ok := s.files[p]
	if !ok {
		http.NotFound(w, r)
		return
	}
	data, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		s.t.Errorf("test server: %v", err)
		http.Error(w, "broken test data", http.StatusInternalServerError)
		return
	}
	body := strings.ReplaceAll(string(data), "{{BASE}}", s.URL)
	sum := sha256.Sum256([]byte(body))
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	switch path.Ext(p) {
	case ".xml":
		if strings.Contains(body, "<feed") {
			w.Header().Set("Content-Type", "application/atom+xml")
			w.Header().Set("Last-Modified", lastModified)
			// The Atom feed changes only when its file does.
			if ims == lastModified && !strings.Contains(file, "updated") {
				s.notModified[p]++
				w.WriteHeader(http.StatusNotModified)
				return
			}
			break
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastModified)
		if inm == etag {
			s.notModified[p]++
			w.WriteHeader(http.StatusNotModified)
			return
		}
	case ".json":
		w.Header().Set("Content-Type", "application/feed+json")
		w.Header().Set("ETag", etag)
		if inm == etag {
			s.notModified[p]++
			w.WriteHeader(http.StatusNotModified)
			return
		}
	case ".html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	w.Write([]byte(body))
}
