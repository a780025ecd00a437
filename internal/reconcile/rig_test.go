package reconcile

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// The test rig: a store seeded with persons, a facility and an
// organization whose names and facts come from a public source and, for
// some, a confidential testimony; a service over it on loopback; and bearer
// "tokens" that are the viewer's name. The seeded accounts (apptest's: vera
// a public viewer, adel a confidential admin, ...) also have real API tokens
// and reconciliation keys: the identity "key:NAME" sends a request to the
// same route under NAME's key URL with no header, "raw:NAME" sends NAME's
// key as the whole Authorization header, "api:NAME" NAME's API token.

const baseURL = "https://athar.example.org"

// viewers the rig's Viewer function knows, by token: the shared accounts
// (internal/access/accesstest).
var viewers = func() map[string]access.Viewer {
	out := map[string]access.Viewer{}
	for _, a := range accesstest.Accounts {
		out[a.Name] = accesstest.Viewer(a.Name)
	}
	return out
}()

// Values only the confidential testimony holds: none may reach vera.
const (
	secretAlias   = "Abu Haidar Sednawi"
	secretWitness = "Salim Mukhfi"
	secretFact    = "Wadi al-Sirr"
)

type rig struct {
	t    *testing.T
	st   *store.Store
	ts   *httptest.Server
	id   map[string]string // entity ids by caption
	logs syncBuffer        // what the service logged

	users  map[string]model.User
	keys   map[string]string // reconciliation keys by account
	tokens map[string]string // API tokens by account
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

func newRig(t *testing.T, st *store.Store) *rig {
	t.Helper()
	r := &rig{t: t, st: st, id: map[string]string{}}
	r.seed()
	r.accounts()
	r.serve()
	return r
}

// accounts adds apptest's accounts with a reconciliation key and an API
// token each.
func (r *rig) accounts() {
	ctx := context.Background()
	r.users = apptest.AddAccounts(r.t, r.st)
	r.keys, r.tokens = map[string]string{}, map[string]string{}
	for _, a := range apptest.Accounts {
		id := r.users[a.Name].ID
		_, key, err := r.st.Tokens().CreateScoped(ctx, id, "openrefine", store.ScopeReconcile, time.Time{})
		if err != nil {
			r.t.Fatal(err)
		}
		_, tok, err := r.st.Tokens().Create(ctx, id, "script", time.Time{})
		if err != nil {
			r.t.Fatal(err)
		}
		r.keys[a.Name], r.tokens[a.Name] = key, tok
	}
}

// serve starts the service over the rig's store.
func (r *rig) serve() {
	t := r.t
	a := app.New(r.st, app.Config{})
	real := HeaderViewer(a)
	svc, err := New(Config{App: a, BaseURL: baseURL, Viewer: func(req *http.Request) (access.Viewer, bool, error) {
		tok, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer ")
		if tok == "broken" {
			return access.Viewer{}, false, errors.New("token store unreachable")
		}
		if v, known := viewers[tok]; ok && known {
			return v, true, nil
		}
		return real(req)
	}, Logger: slog.New(slog.NewTextHandler(&r.logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	r.ts = httptest.NewServer(svc.Handler())
	t.Cleanup(r.ts.Close)
}

// seedFact is a statement the rig stores: property, value, and whether it comes
// from the confidential source.
type seedFact struct {
	prop, value string
	secret      bool
}

func (r *rig) seed() {
	ctx := context.Background()
	err := r.st.Write(ctx, "tester", func(tx *store.Tx) error {
		pub := model.Source{Kind: model.KindArticle, Title: "Guard arrested", Language: "en", Sensitivity: model.Public,
			Text: "A public article about Sednaya."}
		if err := tx.AddSource(ctx, &pub, []byte(pub.Text)); err != nil {
			return err
		}
		conf := model.Source{Kind: model.KindTestimony, Title: "Testimony", Language: "ar", Sensitivity: model.Confidential,
			Text: "A confidential testimony."}
		if err := tx.AddSource(ctx, &conf, []byte(conf.Text)); err != nil {
			return err
		}
		entity := func(typ model.EntityType, caption string, facts ...seedFact) error {
			e, err := tx.AddEntity(ctx, typ)
			if err != nil {
				return err
			}
			r.id[caption] = e.ID
			for _, f := range facts {
				st := model.Statement{EntityID: e.ID, Property: model.Property(f.prop), Value: f.value, SourceID: pub.ID, Origin: "manual",
					Status: model.StatusConfirmed}
				if f.secret {
					st.SourceID = conf.ID
				}
				if f.prop == "birthDate" {
					st.DateStart, _ = model.ParseDate(f.value)
				}
				if err := tx.AddStatement(ctx, &st); err != nil {
					return err
				}
			}
			return nil
		}
		for _, e := range []struct {
			typ     model.EntityType
			caption string
			facts   []seedFact
		}{
			{model.TypePerson, "Ous Salloum", []seedFact{{"name", "Ous Salloum", false}, {"alias", "أوس سلوم", false},
				{"weakAlias", "Azrael of Sednaya", false}, {"position", "prison guard", false}, {"birthPlace", "Al-Qabu", false},
				{"birthDate", "1980", false}, {"alias", secretAlias, true}, {"notes", secretFact, true}}},
			{model.TypePerson, "Akram Salloum al-Abdullah", []seedFact{{"name", "Akram Salloum al-Abdullah", false}, {"birthDate", "1975", false}}},
			{model.TypePerson, "Ahmad Khalil (judge)", []seedFact{{"name", "Ahmad Khalil", false}, {"position", "judge", false}, {"birthDate", "1985-04-02", false}}},
			{model.TypePerson, "Ahmad Khalil (officer)", []seedFact{{"name", "Ahmad Khalil", false}, {"position", "officer", false}, {"birthDate", "1970", false}}},
			{model.TypePerson, secretWitness, []seedFact{{"name", secretWitness, true}}},
			{model.TypeFacility, "Sednaya Prison", []seedFact{{"name", "Sednaya Prison", false}, {"alias", "سجن صيدنايا", false}}},
			{model.TypeOrganization, "Air Force Intelligence", []seedFact{{"name", "Air Force Intelligence", false}}},
		} {
			if err := entity(e.typ, e.caption, e.facts...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		r.t.Fatal(err)
	}
}

type response struct {
	status int
	header http.Header
	body   string
}

// do sends a request as the viewer with the token ("" anonymous), or as
// one of the identities of real keys and tokens ("key:vera", "raw:vera",
// "api:vera").
func (r *rig) do(method, path, token, contentType, body string) response {
	r.t.Helper()
	auth := ""
	switch how, name, _ := strings.Cut(token, ":"); how {
	case "key":
		path = r.keyPath(name, path)
	case "raw":
		auth = r.keys[name]
	case "api":
		auth = "Bearer " + r.tokens[name]
	case "":
	default:
		auth = "Bearer " + token
	}
	req, err := http.NewRequest(method, r.ts.URL+path, strings.NewReader(body))
	if err != nil {
		r.t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
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
	return response{resp.StatusCode, resp.Header, string(b)}
}

func (r *rig) get(path, token string) response { return r.do("GET", path, token, "", "") }

// keyPath is path (under /reconcile) under the account's key URL.
func (r *rig) keyPath(name, path string) string {
	rest, ok := strings.CutPrefix(path, Root)
	if !ok {
		r.t.Fatalf("%s is not under %s", path, Root)
	}
	key, ok := r.keys[name]
	if !ok {
		r.t.Fatalf("no key for %q", name)
	}
	return KeyURL("", key) + rest
}

// query02 posts a 0.2 batch as a form and checks the answer against the
// result batch schema.
func (r *rig) query02(token string, batch any) map[string][]candidateJSON {
	r.t.Helper()
	b, _ := json.Marshal(batch)
	resp := r.do("POST", "/reconcile", token, "application/x-www-form-urlencoded", url.Values{"queries": {string(b)}}.Encode())
	if resp.status != http.StatusOK {
		r.t.Fatalf("POST /reconcile %s: %d %s", b, resp.status, resp.body)
	}
	validate(r.t, "0.2", "reconciliation-result-batch", []byte(resp.body))
	var out map[string]result02
	if err := json.Unmarshal([]byte(resp.body), &out); err != nil {
		r.t.Fatal(err)
	}
	res := map[string][]candidateJSON{}
	for k, v := range out {
		res[k] = v.Result
	}
	return res
}

// queryDraft posts a 1.0-draft batch and checks the answer against its
// schema.
func (r *rig) queryDraft(token string, queries ...any) [][]candidateJSON {
	r.t.Helper()
	b, _ := json.Marshal(map[string]any{"queries": queries})
	resp := r.do("POST", "/reconcile/1.0-draft/reconcile", token, "application/json", string(b))
	if resp.status != http.StatusOK {
		r.t.Fatalf("POST draft %s: %d %s", b, resp.status, resp.body)
	}
	validate(r.t, "1.0-draft", "reconciliation-result-batch", []byte(resp.body))
	var out resultsDraft
	if err := json.Unmarshal([]byte(resp.body), &out); err != nil {
		r.t.Fatal(err)
	}
	res := make([][]candidateJSON, len(out.Results))
	for i, x := range out.Results {
		res[i] = x.Candidates
	}
	return res
}

func ids(cs []candidateJSON) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func engines(t *testing.T, test func(t *testing.T, r *rig)) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) { test(t, newRig(t, st)) })
}
