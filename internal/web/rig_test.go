package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/jobs"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// The test rig: a real SQLite store seeded with sources and statements of
// every sensitivity, an account of every role, and a server on loopback.

// testPassword is every seeded account's (internal/access/accesstest).
const testPassword = accesstest.Password

// seeded is one source the rig stored, with the values that must never
// reach a viewer without clearance for it.
type seeded struct {
	src     model.Source
	secrets []string
	// file is the SHA-256 of a screenshot kept with the source, as a
	// captured page keeps one.
	file string
}

type rig struct {
	t       *testing.T
	st      *store.Store
	app     *app.App
	srv     *Server
	ts      *httptest.Server
	sources map[model.Sensitivity]seeded
	// statements' values by sensitivity: none may appear for anyone
	// without clearance.
	statements map[model.Sensitivity]string
	dupSource  seeded // a public near-copy of the confidential source
	clock      *fakeClock
	logs       *syncBuffer
	fx         fixture                        // entities, events and proposals
	extra      map[model.Sensitivity][]string // more values never to show below their level
	jobs       *jobs.Queue
	// enquiry is a family's enquiry the caseworker recorded; what it holds
	// (enquirySecrets) only caseworkers and admins may see.
	enquiry        string
	enquirySecrets []string
	// codes is the seeded admin's and reviewer's authenticator app, on the
	// clock the rig's application checks codes against.
	codes *accesstest.Codes
}

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// roles are the accounts the rig creates (the shared ones of
// internal/access/accesstest), by name, with their clearance.
var roles = accesstest.Accounts

func newRig(t *testing.T, baseURL string) *rig {
	t.Helper()
	return newRigWith(t, baseURL, (*rig).seed)
}

// newRigWith is newRig with another way of filling the store.
func newRigWith(t *testing.T, baseURL string, seed func(*rig, context.Context)) *rig {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r := &rig{t: t, st: st, sources: map[model.Sensitivity]seeded{}, statements: map[model.Sensitivity]string{},
		// The store checks session expiry on its own (real) clock: the rig's
		// starts now.
		clock: &fakeClock{t: time.Now().UTC().Truncate(time.Second)}, logs: &syncBuffer{}}
	r.codes = accesstest.NewCodes()
	r.app = app.New(st, app.Config{CodeNow: r.codes.Now})
	seed(r, ctx)
	enq, err := r.app.AddEnquiry(ctx, accesstest.Viewer("karim"), app.Enquiry{Name: publicPersonAr,
		Mother: "Enquiry-Mother-Marker-Psi", Contact: "enquiry-contact-marker-kappa", AskedBy: "Enquiry-Asker-Lambda"})
	if err != nil {
		t.Fatal(err)
	}
	r.enquiry = enq.ID
	r.enquirySecrets = []string{enq.ID, enq.Mother, enq.Contact, enq.AskedBy}
	// Watch lists: an analyst's internal entry naming the public person
	// (its alert from the public source), and an admin's confidential one
	// naming the confidential victim.
	watched, _, err := r.app.AddWanted(ctx, accesstest.Viewer("anas"), app.Wanted{Name: publicPersonAr, Note: watchNote, Sensitivity: model.Internal})
	if err != nil {
		t.Fatal(err)
	}
	secret, _, err := r.app.AddWanted(ctx, accesstest.Viewer("adel"), app.Wanted{Name: victimName, Note: watchSecretNote, Sensitivity: model.Confidential})
	if err != nil {
		t.Fatal(err)
	}
	if r.extra == nil {
		r.extra = map[model.Sensitivity][]string{}
	}
	r.extra[model.Internal] = append(r.extra[model.Internal], watchNote, watched.ID)
	r.extra[model.Confidential] = append(r.extra[model.Confidential], watchSecretNote, secret.ID)
	// The real job queue on the rig's store, with no workers: tests that
	// need jobs worked run them themselves.
	r.jobs, err = jobs.Open(ctx, r.app, jobs.Config{MaxAttempts: 1, PollInterval: 100 * time.Millisecond, StopTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.jobs.Close() })
	r.srv, err = New(Config{App: r.app, BaseURL: baseURL, Now: r.clock.Now, Jobs: r.jobs,
		Logger: slog.New(slog.NewTextHandler(r.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	r.ts = httptest.NewServer(r.srv.Handler())
	t.Cleanup(r.ts.Close)
	return r
}

func (r *rig) seed(ctx context.Context) {
	t := r.t
	docs := []struct {
		sens                        model.Sensitivity
		kind                        model.SourceKind
		lang, title, publisher, url string
		text                        string
	}{
		{model.Public, model.KindArticle, "en", "Guard arrested in Homs", "Public Wire", "https://news.example/guard",
			"Authorities arrested a former Sednaya guard on Tuesday.\nThe ministry said he was referred to the judiciary."},
		{model.Internal, model.KindStatement, "en", "Internal memo Kappa-7", "Memo Desk Lambda", "https://internal.example/kappa",
			"internal-body-marker-kappa about staffing."},
		{model.Restricted, model.KindDocument, "en", "Restricted roster Sigma-3", "Roster Office Tau", "https://restricted.example/sigma",
			"restricted-body-marker-sigma lists the night shift."},
		{model.Confidential, model.KindTestimony, "ar", "شهادة الناجي أوميغا", "منظمة التوثيق زيتا", "https://confidential.example/omega",
			"قال الشاهد سليم المخفي إنه احتُجز في صيدنايا.\nconfidential-body-marker-omega"},
	}
	err := r.st.Write(ctx, "tester", func(tx *store.Tx) error {
		for i, d := range docs {
			src := model.Source{Kind: d.kind, Title: d.title, Publisher: d.publisher, URL: d.url, Language: d.lang,
				Text: d.text, Sensitivity: d.sens, Published: model.DayDate(2025, 1, 10+i), ContentType: "text/plain",
				Filename: "doc-" + d.sens.String() + ".txt", IngestedAt: r.clock.Now().Add(time.Duration(i) * time.Minute)}
			if err := tx.AddSource(ctx, &src, []byte("original bytes of "+d.title)); err != nil {
				return err
			}
			shot := model.SourceFile{SourceID: src.ID, Role: model.FileScreenshot, Name: "screenshot.png", MediaType: "image/png"}
			if err := tx.AddSourceFile(ctx, &shot, []byte("screenshot of "+d.title)); err != nil {
				return err
			}
			if d.kind == model.KindTestimony {
				// Its witness consented to use in court: dossiers cite it.
				if err := tx.SetConsent(ctx, src.ID, model.Consent{Court: true}); err != nil {
					return err
				}
			}
			sd := seeded{src: src, secrets: []string{src.ID, src.SHA256, d.title, d.publisher, d.url, shot.SHA256}, file: shot.SHA256}
			sd.secrets = append(sd.secrets, strings.Split(d.text, "\n")...)
			r.sources[d.sens] = sd
		}
		dup := model.Source{Kind: model.KindArticle, Title: "Public copy", Language: "en", Text: "a public near-copy",
			Sensitivity: model.Public, IngestedAt: r.clock.Now().Add(-time.Hour)}
		if err := tx.AddSource(ctx, &dup, []byte("public copy bytes")); err != nil {
			return err
		}
		if err := tx.SetDuplicate(ctx, dup.ID, r.sources[model.Confidential].src.ID, 0.93); err != nil {
			return err
		}
		dup.DuplicateOf = r.sources[model.Confidential].src.ID
		r.dupSource = seeded{src: dup, secrets: []string{"Public copy"}}

		e, err := tx.AddEntity(ctx, model.TypePerson)
		if err != nil {
			return err
		}
		for _, sens := range model.Sensitivities() {
			value := "statement-value-" + sens.String() + "-xi"
			r.statements[sens] = value
			st := model.Statement{EntityID: e.ID, Property: "name", Value: value, SourceID: r.sources[sens].src.ID,
				Origin: "manual", Sensitivity: sens}
			if err := tx.AddStatement(ctx, &st); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r.seedEntities(ctx)
	r.addUsers(ctx)
}

// addUsers creates the shared accounts (apptest.AddAccounts): one of
// every role, and a disabled one.
func (r *rig) addUsers(context.Context) { apptest.AddAccounts(r.t, r.st) }

// client is a browser-like client: a cookie jar, no redirects followed.
type client struct {
	r    *rig
	http *http.Client
}

func (r *rig) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{r: r, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

type response struct {
	status int
	header http.Header
	body   string
}

func (c *client) do(method, path string, form url.Values, header map[string]string) response {
	c.r.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.r.ts.URL+path, body)
	if err != nil {
		c.r.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.r.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.r.t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(b)}
}

func (c *client) get(path string) response { return c.do("GET", path, nil, nil) }

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf reads a form token from a page.
func (c *client) csrf(path string) string {
	c.r.t.Helper()
	m := csrfRe.FindStringSubmatch(c.get(path).body)
	if m == nil {
		c.r.t.Fatalf("no CSRF token on %s", path)
	}
	return m[1]
}

// post sends a form with the token of the page it comes from.
func (c *client) post(page, path string, form url.Values) response {
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf", c.csrf(page))
	return c.do("POST", path, form, nil)
}

// login signs in as name — with the password, then for the enrolled
// admin and reviewer a real code of their secret — and fails the test if
// it does not work.
func (r *rig) login(name string) *client {
	r.t.Helper()
	c := r.client()
	resp := c.post("/login", "/login", url.Values{"name": {name}, "password": {testPassword}})
	if accesstest.Enrolled(name) {
		if resp.status != http.StatusSeeOther || resp.header.Get("Location") != "/login/code" {
			r.t.Fatalf("login as %s: %d %s, want the code page", name, resp.status, resp.header.Get("Location"))
		}
		resp = c.post("/login/code", "/login/code", url.Values{"code": {r.codes.Code(r.t, name)}})
	}
	if resp.status != http.StatusSeeOther || resp.header.Get("Location") != "/" {
		r.t.Fatalf("login as %s: %d %s", name, resp.status, resp.header.Get("Location"))
	}
	return c
}

type accessViewer = access.Viewer

var accessForUser = access.ForUser
