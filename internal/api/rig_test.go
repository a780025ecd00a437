package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pdf"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// The test rig: a store on each engine seeded with sources and statements of
// every sensitivity, a person, a facility, a public arrest and a
// confidential torture allegation naming a victim and a witness, an account
// of every role with a token, and the API on loopback.

// Values that must never reach a caller below their level.
const (
	publicPerson    = "Ous Salloum"
	publicFacility  = "Sednaya Prison"
	publicArrest    = "Ous Salloum was arrested near Sednaya Prison."
	victimName      = "Victim-Name-Upsilon"            // confidential
	watchNote       = "watch-note-marker-tau"          // an internal watch-list entry's note
	watchSecretNote = "watch-note-marker-psi"          // a confidential one's
	witnessName     = "Witness-Name-Omicron"           // confidential
	tortureQuote    = "confidential-quote-torture-phi" // confidential
	restrictedPost  = "restricted-position-rho"        // restricted
	internalBirth   = "Internal-Birthplace-Jableh"     // internal
)

// accounts are the rig's users (the shared ones of
// internal/access/accesstest), by name; "gone" is disabled.
var accounts = accesstest.Accounts

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

type fixture struct {
	sources                  map[model.Sensitivity]model.Source
	person, facility, victim string
	witness                  string
	arrest, torture          string
	proposed                 string // a public proposed statement of the person
	confirmed                string // a public confirmed statement
	restrictedStmt           string
	confidentialStmt         string
	merged                   string // an entity merged into the person
	enquiry                  string // a family's enquiry about the person, and the victim's namesake
	watch                    string // an internal watch-list entry naming the public person
}

type rig struct {
	t      *testing.T
	st     *store.Store
	srv    *Server
	ts     *httptest.Server
	logs   *syncBuffer
	tokens map[string]string // account name → token
	users  map[string]model.User
	fx     fixture
	// secrets[level] are values that no caller cleared below level may see.
	secrets map[model.Sensitivity][]string
	page    string // the page captureBody serves, once started
	// enquirySecrets are what the fixture's enquiry holds: no caller but a
	// caseworker or an admin may see them, whatever their clearance.
	enquirySecrets []string
}

// engines runs a test on a seeded rig on SQLite and on PostgreSQL.
func engines(t *testing.T, test func(t *testing.T, r *rig)) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		test(t, newRig(t, st, nil))
	})
}

func newRig(t *testing.T, st *store.Store, client *http.Client) *rig {
	t.Helper()
	r := &rig{t: t, st: st, logs: &syncBuffer{}, tokens: map[string]string{}, users: map[string]model.User{},
		secrets: map[model.Sensitivity][]string{}}
	r.seed(context.Background())
	var err error
	r.srv, err = New(Config{App: app.New(st, app.Config{}), FetchClient: client, MaxUpload: 64 << 10,
		Logger: slog.New(slog.NewTextHandler(r.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	r.ts = httptest.NewServer(r.srv.Handler())
	t.Cleanup(r.ts.Close)
	return r
}

func (r *rig) secret(l model.Sensitivity, values ...string) {
	r.secrets[l] = append(r.secrets[l], values...)
}

func (r *rig) seed(ctx context.Context) {
	t := r.t
	f := &r.fx
	f.sources = map[model.Sensitivity]model.Source{}
	docs := []struct {
		sens                   model.Sensitivity
		kind                   model.SourceKind
		title, publisher, text string
	}{
		{model.Public, model.KindArticle, "Arrest in Homs", "Wire One", publicArrest + "\nHe was born in Al-Qabu."},
		{model.Internal, model.KindStatement, "Internal memo Kappa-7", "Memo Desk Lambda", "internal-body-marker-kappa about " + internalBirth},
		{model.Restricted, model.KindDocument, "Restricted roster Sigma-3", "Roster Office Tau", "restricted-body-marker-sigma lists " + restrictedPost},
		{model.Confidential, model.KindTestimony, "شهادة الناجي أوميغا", "منظمة التوثيق زيتا",
			"قال الشاهد إنه احتُجز في صيدنايا.\n" + tortureQuote + " " + victimName + " " + witnessName},
	}
	// The disabled account is disabled after its token is made (below).
	users := accesstest.Users(t)
	for i := range users {
		users[i].Disabled = false
	}
	err := r.st.Write(ctx, "tester", func(tx *store.Tx) error {
		for i, d := range docs {
			src := model.Source{Kind: d.kind, Title: d.title, Publisher: d.publisher, URL: "https://" + d.sens.String() + ".example/doc",
				Language: "en", Text: d.text, Sensitivity: d.sens, Published: model.DayDate(2025, 1, 10+i), ContentType: "text/plain",
				Filename: "doc-" + d.sens.String() + ".txt", IngestedAt: time.Now().UTC().Add(time.Duration(i-10) * time.Minute)}
			if err := tx.AddSource(ctx, &src, []byte("original bytes of "+d.title)); err != nil {
				return err
			}
			f.sources[d.sens] = src
			if d.sens > model.Public {
				r.secret(d.sens, src.ID, src.SHA256, d.title, d.publisher, src.URL)
				r.secret(d.sens, strings.Split(d.text, "\n")...)
			}
		}
		ent := func(typ model.EntityType) string {
			e, err := tx.AddEntity(ctx, typ)
			if err != nil {
				t.Fatal(err)
			}
			return e.ID
		}
		add := func(st model.Statement, status model.Status) string {
			if st.Origin == "" {
				st.Origin = "extracted:athar-en@test"
			}
			st.Status = status
			if err := tx.AddStatement(ctx, &st); err != nil {
				t.Fatal(err)
			}
			return st.ID
		}
		pub, in, res, conf := f.sources[model.Public], f.sources[model.Internal], f.sources[model.Restricted], f.sources[model.Confidential]
		ok, prop := model.StatusConfirmed, model.StatusProposed
		f.person, f.facility, f.victim, f.witness = ent(model.TypePerson), ent(model.TypeFacility), ent(model.TypePerson), ent(model.TypePerson)
		f.arrest, f.torture, f.merged = ent(model.TypeEvent), ent(model.TypeEvent), ent(model.TypePerson)

		span := model.Span{Start: 0, End: len([]rune(publicPerson)), Quote: publicPerson}
		f.confirmed = add(model.Statement{EntityID: f.person, Property: "name", Value: publicPerson, SourceID: pub.ID, Span: span}, ok)
		f.proposed = add(model.Statement{EntityID: f.person, Property: "alias", Value: "أوس سلوم", SourceID: pub.ID}, prop)
		add(model.Statement{EntityID: f.person, Property: "birthPlace", Value: internalBirth, SourceID: in.ID}, prop)
		f.restrictedStmt = add(model.Statement{EntityID: f.person, Property: "position", Value: restrictedPost, SourceID: res.ID}, prop)
		add(model.Statement{EntityID: f.facility, Property: "name", Value: publicFacility, SourceID: pub.ID}, ok)
		add(model.Statement{EntityID: f.merged, Property: "alias", Value: "Aws Saloum", SourceID: pub.ID}, ok)
		for _, st := range []model.Statement{
			{Property: "eventType", Value: "arrest"},
			{Property: "date", Value: "2025-01-02", DateStart: model.DayDate(2025, 1, 2)},
			{Property: "location", Value: publicFacility, ValueEntity: f.facility},
			{Property: "involved", Value: publicPerson, ValueEntity: f.person, Role: "subject"},
		} {
			st.EntityID, st.SourceID, st.Modality = f.arrest, pub.ID, model.Asserted
			add(st, ok)
		}
		// The confidential testimony: the victim and the witness are known
		// from it alone, and so is the alleged torture.
		f.confidentialStmt = add(model.Statement{EntityID: f.victim, Property: "name", Value: victimName, SourceID: conf.ID}, ok)
		add(model.Statement{EntityID: f.witness, Property: "name", Value: witnessName, SourceID: conf.ID}, ok)
		for _, st := range []model.Statement{
			{Property: "eventType", Value: "torture_allegation"},
			{Property: "involved", Value: victimName, ValueEntity: f.victim, Role: "victim"},
			{Property: "involved", Value: witnessName, ValueEntity: f.witness, Role: "witness"},
			{Property: "involved", Value: publicPerson, ValueEntity: f.person, Role: "perpetrator"},
			{Property: "location", Value: publicFacility, ValueEntity: f.facility},
		} {
			st.EntityID, st.SourceID, st.Modality = f.torture, conf.ID, model.Alleged
			st.Span = model.Span{Start: 0, End: 10, Quote: tortureQuote}
			add(st, prop)
		}
		if err := tx.SetMergedInto(ctx, f.merged, f.person); err != nil {
			return err
		}
		for _, user := range users {
			if err := tx.AddUser(ctx, &user); err != nil {
				return err
			}
			r.users[user.Name] = user
		}
		return search.IndexSource(ctx, tx, pub.ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, sens := range []model.Sensitivity{model.Internal, model.Restricted, model.Confidential} {
		if err := r.st.Write(ctx, "tester", func(tx *store.Tx) error { return search.IndexSource(ctx, tx, f.sources[sens].ID) }); err != nil {
			t.Fatal(err)
		}
	}
	r.secret(model.Confidential, f.victim, f.witness, f.torture, victimName, witnessName, tortureQuote, f.confidentialStmt)
	r.secret(model.Restricted, f.restrictedStmt)
	// A family's enquiry, recorded by the caseworker: its name matches the
	// public person (Aws Salloum) and the confidential victim's.
	enq := app.Enquiry{Name: "أوس سلوم", Mother: "enquiry-mother-marker-rho", Contact: "enquiry-contact-marker-phi",
		AskedBy: "enquiry-asker-marker-chi", Consent: "name only"}
	got, err := app.New(r.st, app.Config{}).AddEnquiry(ctx, accesstest.Viewer("karim"), enq)
	if err != nil {
		t.Fatal(err)
	}
	f.enquiry = got.ID
	r.enquirySecrets = []string{got.ID, enq.Mother, enq.Contact, enq.AskedBy}
	// Watch lists: an analyst's internal entry naming the public person,
	// and an admin's confidential one naming the confidential victim.
	watched, _, err := app.New(r.st, app.Config{}).AddWanted(ctx, accesstest.Viewer("anas"), app.Wanted{Name: publicPerson, Note: watchNote, Sensitivity: model.Internal})
	if err != nil {
		t.Fatal(err)
	}
	f.watch = watched.ID
	secretEntry, n, err := app.New(r.st, app.Config{}).AddWanted(ctx, accesstest.Viewer("adel"), app.Wanted{Name: victimName, Note: watchSecretNote, Sensitivity: model.Confidential})
	if err != nil || n == 0 {
		t.Fatalf("confidential watch-list entry: %d alerts, %v", n, err)
	}
	r.secret(model.Internal, watchNote, f.watch)
	r.secret(model.Confidential, watchSecretNote, secretEntry.ID)
	for _, name := range []string{"vera", "anas", "rania", "adel", "karim", "gone"} {
		_, tok, err := r.st.Tokens().Create(ctx, r.users[name].ID, "test token", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		r.tokens[name] = tok
	}
	if err := r.st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.SetUserDisabled(ctx, r.users["gone"].ID, true) }); err != nil {
		t.Fatal(err)
	}
}

// response is one answer of the API.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("not a JSON object (%d): %v\n%s", r.status, err, r.body)
	}
	return m
}

// do sends a request as an account ("" anonymous).
func (r *rig) do(method, path, who string, body io.Reader, contentType string) response {
	r.t.Helper()
	req, err := http.NewRequest(method, r.ts.URL+path, body)
	if err != nil {
		r.t.Fatal(err)
	}
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+r.tokens[who])
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		r.t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, b}
}

func (r *rig) get(path, who string) response {
	r.t.Helper()
	return r.do(http.MethodGet, path, who, nil, "")
}

func (r *rig) postJSON(path, who string, v any) response {
	r.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		r.t.Fatal(err)
	}
	return r.do(http.MethodPost, path, who, bytes.NewReader(b), "application/json")
}

// browser reports whether Chromium is there to capture pages with; in CI it
// must be.
func (r *rig) browser() bool {
	if _, err := pdf.Find(); err != nil {
		if os.Getenv("CI") == "true" {
			r.t.Fatalf("chromium is required in CI (Debian package chromium, see .ci/apt-packages): %v", err)
		}
		return false
	}
	return true
}

// captureBody asks to capture a page the rig serves on loopback (allowed
// through ATHAR_FETCH_ALLOW), a new edition at every request.
func (r *rig) captureBody(string) (*bytes.Buffer, string) {
	if r.page == "" {
		var n atomic.Int64
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<html><head><title>Captured page</title></head><body><article><p>A page written for the API test of capture, edition %d, about the prison and its guards.</p></article></body></html>", n.Add(1))
		}))
		r.t.Cleanup(srv.Close)
		u, _ := url.Parse(srv.URL)
		r.t.Setenv(ingest.FetchAllowEnv, u.Host)
		r.page = srv.URL + "/page"
	}
	return bytes.NewBufferString(`{"url":"` + r.page + `"}`), "application/json"
}
