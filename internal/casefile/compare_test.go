package casefile_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/api"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/casefile/casefiletest"
	"github.com/athar-project/athar/internal/dossier"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/reconcile"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
	"github.com/athar-project/athar/internal/web"
	"github.com/athar-project/athar/internal/web/i18n"
)

// One store with confirmed, proposed and rejected statements, a corrected
// event, an event whose part was rejected, and a restricted statement; for
// every kind of reader, the person's page, the API's entity and case
// endpoints, the reconciliation preview and the dossier must say what the
// case file says: the same case status (confirmed and suggested), the same
// events in the same review states, the same names, and nothing the reader
// may not see.
func TestInterfacesReadOneCaseFile(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		fx := casefiletest.Seed(t, st)
		h := newHarness(t, st)
		cases := casefile.New(st)
		for _, r := range casefiletest.Readers() {
			t.Run(r.Name, func(t *testing.T) {
				f, err := cases.Read(context.Background(), r.Viewer, fx.Person, casefile.Options{})
				if err != nil {
					t.Fatal(err)
				}
				want := fx.Expect(r.Name)
				if f.Case.Confirmed.Value != want.Confirmed || f.Case.Suggested.Value != want.Suggested {
					t.Fatalf("the case file: %q / %q, want %q / %q", f.Case.Confirmed.Value, f.Case.Suggested.Value, want.Confirmed, want.Suggested)
				}
				hidden := fx.Hidden(r.Viewer.Clearance)
				outputs := map[string]string{}

				// The page (the anonymous public reads the published view).
				page := h.page(t, r.Name, "/entities/"+fx.Merged)
				outputs["page"] = page
				checkPage(t, page, f)

				// The API: not for the anonymous public (401, no data).
				if r.Name == "public" {
					if got := h.apiStatus(t, "", "/api/v1/entities/"+fx.Person+"/case"); got != http.StatusUnauthorized {
						t.Errorf("the API answered the anonymous public %d", got)
					}
				} else {
					ent, entBody := h.api(t, r.Name, "/api/v1/entities/"+fx.Merged)
					cf, cfBody := h.api(t, r.Name, "/api/v1/entities/"+fx.Merged+"/case")
					outputs["api entity"], outputs["api case"] = entBody, cfBody
					checkAPI(t, ent, cf, f)
				}

				// The reconciliation preview: not for the anonymous public.
				if r.Name == "public" {
					if code, _ := h.do(t, h.rec.URL, "public", "/reconcile/preview?id="+fx.Person); code != http.StatusUnauthorized {
						t.Errorf("the preview answered the anonymous public %d", code)
					}
				} else {
					preview := h.preview(t, r.Name, fx.Merged)
					outputs["preview"] = preview
					checkPreview(t, preview, f)
				}

				// The dossier.
				d, err := dossier.New(st, cases, nil).Make(context.Background(), r.Viewer, fx.Merged, dossier.English)
				if err != nil {
					t.Fatal(err)
				}
				outputs["dossier"] = string(d.HTML)
				checkDossier(t, string(d.HTML), f)

				for where, out := range outputs {
					for _, s := range hidden {
						if strings.Contains(out, s) {
							t.Errorf("%s (clearance %s): the %s shows %q", r.Name, r.Viewer.Clearance, where, s)
						}
					}
					if strings.Contains(out, casefiletest.RejectedAlias) && where != "api entity" {
						t.Errorf("the %s shows the rejected alias as a name", where)
					}
				}
				// The restricted post reaches every interface that shows facts,
				// for a reader cleared for it.
				if r.Viewer.Clearance >= model.Restricted {
					for _, where := range []string{"page", "api case", "preview", "dossier"} {
						if !strings.Contains(outputs[where], casefiletest.RestrictedPost) {
							t.Errorf("%s: the %s lacks the restricted post", r.Name, where)
						}
					}
				}
			})
		}
	})
}

// label is a stage's or a fate's English label.
func label(prefix, value string) string { return i18n.T(i18n.English, prefix+value) }

var (
	evLi       = regexp.MustCompile(`<li class="event st-([a-z]+)" id="ev-([^"]+)"`)
	rejectedLi = regexp.MustCompile(`<li class="st-rejected" id="ev-([^"]+)"`)
	tagRe      = regexp.MustCompile(`<[^>]+>`)
)

// text is HTML without its tags, entities decoded, spaces collapsed.
func text(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tagRe.ReplaceAllString(s, " "))), " ")
}

// element is the text of the element that carries id="id", up to the end
// of its line of markup.
func element(t *testing.T, doc, id string) string {
	t.Helper()
	i := strings.Index(doc, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no element %q", id)
	}
	end := strings.Index(doc[i:], "\n")
	if end < 0 {
		end = len(doc) - i
	}
	return text(doc[strings.LastIndex(doc[:i], "<") : i+end])
}

// inner is the text directly inside the element that carries id="id",
// up to the next tag.
func inner(t *testing.T, doc, id string) string {
	t.Helper()
	i := strings.Index(doc, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no element %q", id)
	}
	rest := doc[i+strings.Index(doc[i:], ">")+1:]
	return text(rest[:strings.Index(rest, "<")])
}

func checkPage(t *testing.T, page string, f *casefile.File) {
	t.Helper()
	status := inner(t, page, "case-status")
	if f.Case.Confirmed.Value != "" && !strings.HasPrefix(status, label("case.", f.Case.Confirmed.Value)) {
		t.Errorf("page: the status %q, want %s", status, f.Case.Confirmed.Value)
	}
	if f.Case.Open() {
		s := element(t, page, "case-suggested")
		if !strings.Contains(s, label("case.", f.Case.Suggested.Value)) || !strings.Contains(s, fmt.Sprintf("%d sources, unreviewed, suggest:", f.Case.Suggested.Unreviewed)) &&
			!strings.Contains(s, "1 source, unreviewed, suggests:") {
			t.Errorf("page: the suggestion %q, want %s from %d sources", s, f.Case.Suggested.Value, f.Case.Suggested.Unreviewed)
		}
	} else if strings.Contains(page, `id="case-suggested"`) {
		t.Error("page: a suggestion where there is none")
	}
	var rows, want []string
	for _, m := range evLi.FindAllStringSubmatch(page, -1) {
		rows = append(rows, m[2]+" "+m[1])
	}
	for _, row := range f.Timeline {
		want = append(want, row.ID+" "+string(row.Status))
	}
	sort.Strings(rows)
	sort.Strings(want)
	if !slices.Equal(rows, want) {
		t.Errorf("page: timeline rows %v, the case file's %v", rows, want)
	}
	var rejected, wantRejected []string
	for _, m := range rejectedLi.FindAllStringSubmatch(page, -1) {
		rejected = append(rejected, m[1])
	}
	for _, ev := range f.RejectedEvents {
		wantRejected = append(wantRejected, ev.ID)
	}
	sort.Strings(rejected)
	sort.Strings(wantRejected)
	if !slices.Equal(rejected, wantRejected) {
		t.Errorf("page: rejected events %v, the case file's %v", rejected, wantRejected)
	}
	for _, n := range f.Names() {
		if !strings.Contains(page, html.EscapeString(n)) {
			t.Errorf("page: no name %q", n)
		}
	}
}

func checkAPI(t *testing.T, ent, cf map[string]any, f *casefile.File) {
	t.Helper()
	d := f.Doc()
	for name, status := range map[string]any{"entity": ent["status"], "case": cf["status"]} {
		s := status.(map[string]any)
		if fmt.Sprint(s["confirmed"]) != fmt.Sprint(deref(d.Status.Confirmed)) || fmt.Sprint(s["suggested"]) != fmt.Sprint(deref(d.Status.Suggested)) {
			t.Errorf("API %s: status %v, the case file's %v / %v", name, s, deref(d.Status.Confirmed), deref(d.Status.Suggested))
		}
	}
	want := map[string]string{}
	for _, ev := range f.Events {
		want[ev.ID] = string(ev.Type) + " " + string(ev.Status)
	}
	got := map[string]string{}
	for _, x := range cf["events"].([]any) {
		m := x.(map[string]any)
		typ, _ := m["type"].(string)
		got[m["id"].(string)] = typ + " " + m["review"].(string)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("API case: events %v, the case file's %v", got, want)
	}
	got = map[string]string{}
	for _, x := range ent["events"].([]any) {
		m := x.(map[string]any)
		got[m["event_id"].(string)] = m["event_type"].(string) + " " + m["review"].(string)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("API entity: events %v, the case file's %v", got, want)
	}
	var entNames, cfNames []string
	for _, n := range ent["names"].([]any) {
		entNames = append(entNames, n.(string))
	}
	for _, n := range cf["names"].([]any) {
		cfNames = append(cfNames, n.(string))
	}
	sort.Strings(entNames)
	sort.Strings(cfNames)
	names := f.Names()
	sort.Strings(names)
	if !slices.Equal(entNames, names) || !slices.Equal(cfNames, names) {
		t.Errorf("API names: entity %q, case %q, the case file's %q", entNames, cfNames, names)
	}
}

func deref(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

func checkPreview(t *testing.T, preview string, f *casefile.File) {
	t.Helper()
	body := text(preview)
	if f.Case.Confirmed.Value != "" && !strings.Contains(body, "Case status "+label("case.", f.Case.Confirmed.Value)+" "+f.Case.Confirmed.Date.String()+" (confirmed by review)") {
		t.Errorf("preview: no confirmed status %s in %q", f.Case.Confirmed.Value, body)
	}
	suggestion := regexp.MustCompile(`unreviewed, suggests?: ` + regexp.QuoteMeta(label("case.", f.Case.Suggested.Value)))
	if f.Case.Open() != strings.Contains(body, "unreviewed, suggest") || f.Case.Open() && !suggestion.MatchString(body) {
		t.Errorf("preview: the suggestion %s (open %v) in %q", f.Case.Suggested.Value, f.Case.Open(), body)
	}
	for _, n := range f.Names() {
		if !strings.Contains(body, n) {
			t.Errorf("preview: no name %q", n)
		}
	}
}

var dossierRow = regexp.MustCompile(`(?s)<tr class="ev[^"]*">(.*?)</tr>`)

func checkDossier(t *testing.T, doc string, f *casefile.File) {
	t.Helper()
	confirmed := inner(t, doc, "case-status")
	if want := label("case.", f.Case.Confirmed.Value); f.Case.Confirmed.Value != "" && confirmed != want {
		t.Errorf("dossier: the status %q, want %q", confirmed, want)
	}
	s := element(t, doc, "case-suggested")
	if f.Case.Open() != strings.Contains(s, label("case.", f.Case.Suggested.Value)) || !f.Case.Open() && !strings.Contains(s, "Nothing beyond") {
		t.Errorf("dossier: the suggestion %q, the case file's %s (open %v)", s, f.Case.Suggested.Value, f.Case.Open())
	}
	var rows, want []string
	for _, m := range dossierRow.FindAllStringSubmatch(doc, -1) {
		cells := text(m[1])
		state := "proposed"
		if strings.Contains(m[1], `tag st-confirmed`) {
			state = "confirmed"
		}
		rows = append(rows, strings.SplitN(cells, " ", 2)[0]+" "+state)
	}
	for _, row := range f.Timeline {
		d := row.Date.String()
		if row.Date.IsZero() {
			d = i18n.T(i18n.English, "date.unknown")
		}
		want = append(want, d+" "+string(row.Status))
	}
	sort.Strings(rows)
	sort.Strings(want)
	if !slices.Equal(rows, want) {
		t.Errorf("dossier: timeline %v, the case file's %v", rows, want)
	}
	if len(f.RejectedEvents) > 0 && !strings.Contains(doc, fmt.Sprintf("%d events a reviewer rejected are left out.", len(f.RejectedEvents))) {
		t.Error("dossier: the rejected events are not counted")
	}
	for _, n := range f.Names() {
		if n != casefiletest.MergedAlias && !strings.Contains(doc, n) { // an epithet-free fixture: every name is in the identity table
			t.Errorf("dossier: no name %q", n)
		}
	}
}

// harness serves the web UI, the API and reconciliation over one store,
// with an account and a token for every reader but the anonymous public.
type harness struct {
	st           *store.Store
	webTS, apiTS *httptest.Server
	rec          *httptest.Server
	clients      map[string]*http.Client
	tokens       map[string]string
	codes        *accesstest.Codes // the enrolled accounts' second factor
}

const password = apptest.Password

// quiet is the servers' logger: the request log is not what this test reads.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func newHarness(t *testing.T, st *store.Store) *harness {
	t.Helper()
	ctx := context.Background()
	h := &harness{st: st, clients: map[string]*http.Client{}, tokens: map[string]string{}}
	// The shared accounts (apptest.AddAccounts), without the disabled one.
	users := apptest.AddAccounts(t, st)
	delete(users, apptest.Disabled)
	err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.SetPublicView(ctx, true) })
	if err != nil {
		t.Fatal(err)
	}
	for name, u := range users {
		if _, h.tokens[name], err = st.Tokens().Create(ctx, u.ID, "compare", time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	h.codes = accesstest.NewCodes()
	a := app.New(st, app.Config{CodeNow: h.codes.Now})
	ws, err := web.New(web.Config{App: a, BaseURL: "http://127.0.0.1", Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	h.webTS = httptest.NewServer(ws.Handler())
	t.Cleanup(h.webTS.Close)
	as, err := api.New(api.Config{App: a, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	h.apiTS = httptest.NewServer(as.Handler())
	t.Cleanup(h.apiTS.Close)
	viewers := map[string]access.Viewer{}
	for _, r := range casefiletest.Readers() {
		viewers[r.Name] = r.Viewer
	}
	rs, err := reconcile.New(reconcile.Config{App: a, Viewer: func(req *http.Request) (access.Viewer, bool, error) {
		v, ok := viewers[strings.TrimPrefix(req.Header.Get("Authorization"), "Bearer ")]
		return v, ok, nil
	}, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	h.rec = httptest.NewServer(rs.Handler())
	t.Cleanup(h.rec.Close)
	for name := range users {
		h.clients[name] = h.login(t, name)
	}
	jar, _ := cookiejar.New(nil)
	h.clients["public"] = &http.Client{Jar: jar}
	return h
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// login signs in to the web UI as name.
func (h *harness) login(t *testing.T, name string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(h.webTS.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfRe.FindSubmatch(b)
	if m == nil {
		t.Fatal("no CSRF token on the login page")
	}
	resp, err = c.PostForm(h.webTS.URL+"/login", url.Values{"name": {name}, "password": {password}, "csrf": {string(m[1])}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if accesstest.Enrolled(name) && resp.StatusCode == http.StatusSeeOther {
		// The second factor: a real code of the account's secret.
		resp, err = c.PostForm(h.webTS.URL+"/login/code", url.Values{"code": {h.codes.Code(t, name)}, "csrf": {string(m[1])}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login as %s: %d", name, resp.StatusCode)
	}
	c.CheckRedirect = nil // follow a merged id to its entity
	return c
}

func (h *harness) page(t *testing.T, reader, path string) string {
	t.Helper()
	resp, err := h.clients[reader].Get(h.webTS.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s as %s: %d", path, reader, resp.StatusCode)
	}
	return string(b)
}

func (h *harness) do(t *testing.T, base, token, path string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func (h *harness) apiStatus(t *testing.T, token, path string) int {
	code, _ := h.do(t, h.apiTS.URL, token, path)
	return code
}

func (h *harness) api(t *testing.T, reader, path string) (map[string]any, string) {
	t.Helper()
	code, b := h.do(t, h.apiTS.URL, h.tokens[reader], path)
	if code != http.StatusOK {
		t.Fatalf("%s as %s: %d %s", path, reader, code, b)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m, string(b)
}

func (h *harness) preview(t *testing.T, reader, id string) string {
	t.Helper()
	code, b := h.do(t, h.rec.URL, reader, "/reconcile/preview?id="+url.QueryEscape(id))
	if code != http.StatusOK {
		t.Fatalf("preview as %s: %d %s", reader, code, b)
	}
	return string(b)
}
