package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestOpenRefine drives Debian's real OpenRefine (package openrefine, 3.6)
// against a running Athar the way a partner does, through the HTTP commands
// OpenRefine's own pages post: Athar holds the demo data, an admin makes a
// viewer's reconciliation key (`token add --scope reconcile`), OpenRefine
// gets a project from a CSV of names in both scripts, adds the service by
// the key's URL as it is (fetching the manifest as its page does, from
// another origin), guesses the column's type, reconciles the column against
// Person, and the cells' results are read back: both spellings of Aws
// Salloum matched to the demo's Ous Salloum, the stranger not. "Add columns
// from reconciled values" brings back his place of birth and positions. The
// preview and suggestions OpenRefine's page would load from the browser,
// with no header, answer under the same URL. Once the key is revoked,
// reconciling again matches nothing.
//
// OpenRefine fetches from Athar; Athar fetches nothing. Outside CI the test
// is skipped when openrefine is not installed; in CI it fails.
func TestOpenRefine(t *testing.T) {
	if testing.Short() && os.Getenv("CI") != "true" {
		t.Skip("starts OpenRefine (a JVM), which takes a while (run without -short, or with CI=true)")
	}
	bin, err := exec.LookPath("openrefine")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("openrefine is not installed: .ci/run installs it (.ci/apt-packages)")
		}
		t.Skip("openrefine is not installed (apt-get install openrefine): skipping the end-to-end test with OpenRefine")
	}
	began := time.Now()
	refine := startOpenRefine(t, bin)

	// Athar: the demo's data, a viewer and her reconciliation key, served.
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	addr := freeAddr(t)
	base := "http://" + addr
	t.Setenv("ATHAR_BASE_URL", base)
	for _, args := range [][]string{{"demo"}, {"user", "add", "vera", "--role", "viewer"}} {
		if r := athar(t, "", append([]string{"--data", data}, args...)...); r.code != 0 {
			t.Fatalf("athar %v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	ous := demoEntity(t, data, "Ous Salloum")
	add := athar(t, "", "--data", data, "--json", "token", "add", "vera", "--name", "OpenRefine", "--scope", "reconcile")
	var key struct {
		ID           string `json:"id"`
		Token        string `json:"token"`
		Scope        string `json:"scope"`
		ReconcileURL string `json:"reconcile_url"`
	}
	if err := json.Unmarshal([]byte(add.stdout), &key); err != nil || add.code != 0 {
		t.Fatalf("token add --scope reconcile: exit %d %v\n%s%s", add.code, err, add.stdout, add.stderr)
	}
	service := key.ReconcileURL
	if key.Scope != "reconcile" || service != base+"/reconcile/key/"+key.Token {
		t.Fatalf("token add --scope reconcile printed %+v", key)
	}
	srv := startProcess(t, "--data", data, "serve", "--addr", addr, "--workers", "0")
	defer func() {
		if err := srv.stop(); err != nil {
			t.Errorf("athar serve: %v", err)
		}
		if strings.Contains(srv.stderr.String(), key.Token[len("athar_"):]) {
			t.Errorf("athar serve's log holds the key:\n%s", srv.stderr.String())
		}
	}()
	waitFor(t, "athar serve", base+"/healthz", time.Minute, srv.stderr)
	t.Logf("Athar up with the demo data after %s", time.Since(began).Round(time.Millisecond))
	refine.wait(t)
	t.Logf("OpenRefine %s up after %s", refine.version, time.Since(began).Round(time.Millisecond))

	// A project from a CSV of names in both scripts and one nobody has.
	names := []string{"Aws Salloum", "أوس سلوم", "Zubair Qattan Marwandi"}
	project := refine.createProject(t, "name\n"+strings.Join(names, "\n")+"\n")

	// Add the standard service as OpenRefine's page does: fetch the
	// manifest from the browser (CORS), store it with the URL in the
	// preferences.
	manifest := fetchAsBrowser(t, service, refine.url)
	var m struct {
		IdentifierSpace string `json:"identifierSpace"`
		SchemaSpace     string `json:"schemaSpace"`
		Preview         struct {
			URL string `json:"url"`
		} `json:"preview"`
		Suggest struct {
			Entity struct {
				ServiceURL  string `json:"service_url"`
				ServicePath string `json:"service_path"`
			} `json:"entity"`
		} `json:"suggest"`
		Extend struct {
			ProposeProperties struct {
				ServiceURL  string `json:"service_url"`
				ServicePath string `json:"service_path"`
			} `json:"propose_properties"`
		} `json:"extend"`
		Authentication any `json:"authentication"`
	}
	if err := json.Unmarshal(manifest, &m); err != nil {
		t.Fatalf("the manifest: %v\n%s", err, manifest)
	}
	if m.Authentication != nil {
		t.Errorf("the key's manifest asks for a header OpenRefine cannot send: %v", m.Authentication)
	}
	var svc map[string]any
	json.Unmarshal(manifest, &svc)
	svc["url"] = service
	svc["ui"] = map[string]string{"handler": "ReconStandardServicePanel", "access": "json"}
	services, _ := json.Marshal([]any{svc})
	if got := refine.post(t, "set-preference", url.Values{"name": {"reconciliation.standardServices"}}, url.Values{"value": {string(services)}}); got["code"] != "ok" {
		t.Fatalf("set-preference: %v", got)
	}

	// Open the reconciliation panel: OpenRefine's server asks the service
	// to guess the column's type.
	guess := refine.post(t, "guess-types-of-column", url.Values{"project": {project}, "columnName": {"name"}, "service": {service}}, nil)
	if types, _ := guess["types"].([]any); guess["code"] != "ok" || len(types) == 0 || types[0].(map[string]any)["id"] != "person" {
		t.Errorf("guess-types-of-column: %v, want person first", guess)
	}

	// Reconcile against Person, with automatic matching, and read back.
	reconcile := func(project string) map[string]recon {
		t.Helper()
		cfg, _ := json.Marshal(map[string]any{"mode": "standard-service", "service": service, "identifierSpace": m.IdentifierSpace,
			"schemaSpace": m.SchemaSpace, "type": map[string]string{"id": "person", "name": "Person"}, "autoMatch": true,
			"columnDetails": []any{}, "limit": 0})
		started := time.Now()
		got := refine.post(t, "reconcile", url.Values{"project": {project}},
			url.Values{"columnName": {"name"}, "config": {string(cfg)}, "engine": {`{"facets":[],"mode":"row-based"}`}})
		if got["code"] != "pending" && got["code"] != "ok" {
			t.Fatalf("reconcile: %v", got)
		}
		refine.waitProcesses(t, project)
		out := refine.recons(t, project)
		t.Logf("OpenRefine reconciled %d cells in %s", len(out), time.Since(started).Round(time.Millisecond))
		return out
	}
	got := reconcile(project)
	matched := 0
	for _, name := range names[:2] {
		rc := got[name]
		if rc.Judgment != "matched" || rc.Match == nil || rc.Match.ID != ous || rc.Service != service {
			t.Errorf("%s: OpenRefine's recon %+v, want matched to the demo's Ous Salloum %s by %s", name, rc, ous, service)
			continue
		}
		matched++
		t.Logf("%s → %s (%s), score %v", name, rc.Match.Name, rc.Match.ID, rc.Match.Score)
	}
	if rc := got[names[2]]; rc.Judgment != "none" || rc.Match != nil {
		t.Errorf("%s: OpenRefine's recon %+v, want no match", names[2], rc)
	} else {
		t.Logf("%s → no match (%d candidates)", names[2], len(rc.Candidates))
	}
	t.Logf("OpenRefine: %d of %d rows matched, the stranger not", matched, len(names))

	// Add columns from reconciled values: the page asks which properties
	// persons have (from the browser), OpenRefine's server fetches their
	// values for the matched cells.
	propose := m.Extend.ProposeProperties.ServiceURL + m.Extend.ProposeProperties.ServicePath
	if p := fetchAsBrowser(t, propose+"?type=person", refine.url); !strings.Contains(string(p), `"birthPlace"`) {
		t.Errorf("propose_properties: %s", p)
	}
	ext := refine.post(t, "extend-data", url.Values{"project": {project}, "baseColumnName": {"name"}, "endpoint": {service},
		"identifierSpace": {m.IdentifierSpace}, "schemaSpace": {m.SchemaSpace}, "columnInsertIndex": {"1"}},
		url.Values{"extension": {`{"properties":[{"id":"birthPlace","name":"Place of birth"},{"id":"position","name":"Position or role"}]}`},
			"engine": {`{"facets":[],"mode":"row-based"}`}})
	if ext["code"] != "pending" && ext["code"] != "ok" {
		t.Fatalf("extend-data: %v", ext)
	}
	refine.waitProcesses(t, project)
	cols, rows := refine.table(t, project)
	t.Logf("OpenRefine's columns after extension: %v", cols)
	// A second value of a property comes on a row of its own under its
	// record (the name cell left blank), as OpenRefine adds them.
	values := map[string]map[string][]string{}
	record := ""
	for _, row := range rows {
		if row["name"] != "" {
			record = row["name"]
			values[record] = map[string][]string{}
		}
		for _, col := range []string{"Place of birth", "Position or role"} {
			if v := row[col]; v != "" {
				values[record][col] = append(values[record][col], v)
			}
		}
	}
	for _, name := range names[:2] {
		got := values[name]
		if strings.Join(got["Place of birth"], "|") != "Al-Qabu" || !strings.Contains(strings.Join(got["Position or role"], "|"), "guard") {
			t.Errorf("%s: OpenRefine's columns from Athar: %v", name, got)
		}
		t.Logf("%s: place of birth %v, positions %v", name, got["Place of birth"], got["Position or role"])
	}
	if got := values[names[2]]; len(got) != 0 {
		t.Errorf("%s: OpenRefine's columns from Athar: %v, want none", names[2], got)
	}

	// What OpenRefine's page loads in the browser, from the URLs the
	// manifest gave it: the preview of a match, entity suggestions (as JSON
	// with CORS, and as JSONP, its fallback), and the manifest by JSONP.
	preview := fetchAsBrowser(t, strings.ReplaceAll(m.Preview.URL, "{{id}}", ous), refine.url)
	if !strings.Contains(string(preview), "Ous Salloum") || !strings.Contains(string(preview), "أوس سلوم") {
		t.Errorf("the preview:\n%s", preview)
	}
	suggest := m.Suggest.Entity.ServiceURL + m.Suggest.Entity.ServicePath
	if s := fetchAsBrowser(t, suggest+"?prefix=ous+sal&type=person", refine.url); !strings.Contains(string(s), ous) {
		t.Errorf("entity suggestions for 'ous sal': %s", s)
	}
	if s := fetchAsBrowser(t, suggest+"?prefix=ous+sal&callback=jQuery36209_1", refine.url); !strings.HasPrefix(string(s), "/**/jQuery36209_1(") || !strings.Contains(string(s), ous) {
		t.Errorf("JSONP entity suggestions: %s", s)
	}
	if s := fetchAsBrowser(t, service+"?callback=jQuery36209_2&_=1", refine.url); !strings.HasPrefix(string(s), "/**/jQuery36209_2({") {
		t.Errorf("the manifest by JSONP: %.200s", s)
	}

	// Revoked, the key matches nothing any more: OpenRefine reconciles a
	// new project of the same names and gets nothing back (it leaves cells
	// whose batch failed unreconciled, as it would any failed service).
	if r := athar(t, "", "--data", data, "token", "revoke", key.ID); r.code != 0 {
		t.Fatalf("token revoke: %d %s", r.code, r.stderr)
	}
	again := refine.createProject(t, "name\n"+strings.Join(names, "\n")+"\n")
	for name, rc := range reconcile(again) {
		if rc.Judgment != "" || rc.Match != nil || len(rc.Candidates) > 0 {
			t.Errorf("%s after the key was revoked: %+v", name, rc)
		}
	}
	resp, err := http.Get(service)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the revoked key's manifest: %s", resp.Status)
	}
	t.Logf("the whole run took %s", time.Since(began).Round(time.Millisecond))
}

// demoEntity is the id of the demo's entity with the caption.
func demoEntity(t *testing.T, data, caption string) string {
	t.Helper()
	r := athar(t, "", "--data", data, "--json", "entities", "list")
	var es []struct{ ID, Caption string }
	if err := json.Unmarshal([]byte(r.stdout), &es); err != nil || r.code != 0 {
		t.Fatalf("entities list: exit %d %v\n%s", r.code, err, r.stderr)
	}
	for _, e := range es {
		if e.Caption == caption {
			return e.ID
		}
	}
	t.Fatalf("the demo holds no %q: %+v", caption, es)
	return ""
}

// fetchAsBrowser GETs u with no Authorization, as a page of origin would,
// and wants 200 with the CORS header that lets the page read it.
func fetchAsBrowser(t *testing.T, u, origin string) []byte {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", origin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("GET %s from %s: %s, CORS %q\n%s", redactKey(u), origin, resp.Status, resp.Header.Get("Access-Control-Allow-Origin"), b)
	}
	return b
}

// redactKey hides a key in a URL for a failure message.
func redactKey(u string) string {
	if i := strings.Index(u, "/key/"); i >= 0 {
		rest := u[i+len("/key/"):]
		if j := strings.IndexAny(rest, "/?"); j >= 0 {
			return u[:i] + "/key/KEY" + rest[j:]
		}
		return u[:i] + "/key/KEY"
	}
	return u
}

// waitFor polls u until it answers 200.
func waitFor(t *testing.T, what, u string, limit time.Duration, log fmt.Stringer) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		resp, err := http.Get(u)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer %s within %s (%v)\n%s", what, u, limit, err, log)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// openRefine is an OpenRefine server this test started, on loopback with
// a workspace of its own.
type openRefine struct {
	url     string
	version string
	cmd     *exec.Cmd
	out     *lockedBuffer
	client  *http.Client
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// startOpenRefine starts OpenRefine headless (no browser is opened) on a
// free loopback port with a throwaway workspace, in a process group of its
// own (the openrefine script runs java as a child), which the test's
// cleanup ends.
func startOpenRefine(t *testing.T, bin string) *openRefine {
	t.Helper()
	addr := freeAddr(t)
	port := addr[strings.LastIndex(addr, ":")+1:]
	o := &openRefine{url: "http://" + addr, out: &lockedBuffer{},
		client: &http.Client{Timeout: time.Minute, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	o.cmd = exec.Command(bin, "-i", "127.0.0.1", "-p", port, "-d", t.TempDir(), "-m", "768M")
	o.cmd.Env = append(os.Environ(), "JAVA_OPTIONS=-Drefine.headless=true")
	o.cmd.Stdout, o.cmd.Stderr = o.out, o.out
	o.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := o.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { o.cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		pg := -o.cmd.Process.Pid
		syscall.Kill(pg, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			syscall.Kill(pg, syscall.SIGKILL)
			<-done
		}
	})
	return o
}

// wait waits until OpenRefine answers its version.
func (o *openRefine) wait(t *testing.T) {
	t.Helper()
	waitFor(t, "OpenRefine", o.url+"/command/core/get-version", 3*time.Minute, o.out)
	var v struct {
		Version string `json:"version"`
	}
	o.getJSON(t, "/command/core/get-version", &v)
	o.version = v.Version
}

func (o *openRefine) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	resp, err := o.client.Get(o.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("OpenRefine GET %s: %s\n%s", path, resp.Status, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("OpenRefine GET %s: %v\n%s", path, err, b)
	}
}

// csrf is a CSRF token, which every command that changes something needs.
func (o *openRefine) csrf(t *testing.T) string {
	t.Helper()
	var tok struct{ Token string }
	o.getJSON(t, "/command/core/get-csrf-token", &tok)
	return tok.Token
}

// post posts a core command, as OpenRefine's pages do: parameters in the
// query, a form with the CSRF token in the body.
func (o *openRefine) post(t *testing.T, command string, query, form url.Values) map[string]any {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf_token", o.csrf(t))
	u := o.url + "/command/core/" + command + "?" + query.Encode()
	resp, err := o.client.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("OpenRefine %s: %s %v\n%s", command, resp.Status, err, b)
	}
	return out
}

// createProject uploads a CSV as a new project and returns its id.
func (o *openRefine) createProject(t *testing.T, csv string) string {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("project-file", "names.csv")
	fw.Write([]byte(csv))
	w.Close()
	opts, _ := json.Marshal(map[string]any{"encoding": "UTF-8", "separator": ",", "headerLines": 1, "ignoreLines": -1, "skipDataLines": 0,
		"limit": -1, "storeBlankRows": true, "guessCellValueTypes": false, "processQuotes": true, "storeBlankCellsAsNulls": true})
	q := url.Values{"csrf_token": {o.csrf(t)}, "project-name": {"athar-e2e"}, "format": {"text/line-based/*sv"}, "options": {string(opts)}}
	resp, err := o.client.Post(o.url+"/command/core/create-project-from-upload?"+q.Encode(), w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || loc.Query().Get("project") == "" {
		t.Fatalf("create-project-from-upload: %s, Location %q\n%s", resp.Status, resp.Header.Get("Location"), b)
	}
	return loc.Query().Get("project")
}

// waitProcesses waits until the project's long-running processes (the
// reconciliation) are done.
func (o *openRefine) waitProcesses(t *testing.T, project string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var ps struct{ Processes []any }
		o.getJSON(t, "/command/core/get-processes?project="+project, &ps)
		if len(ps.Processes) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("OpenRefine's processes still running after two minutes: %v\n%s", ps.Processes, o.out)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// recon is a cell's reconciliation as OpenRefine keeps it.
type recon struct {
	Judgment   string       `json:"j"`
	Match      *candidate   `json:"m"`
	Candidates []*candidate `json:"c"`
	Service    string       `json:"service"`
}

type candidate struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Score float64 `json:"score"`
}

// recons reads the project's rows back: each cell's value and its recon.
func (o *openRefine) recons(t *testing.T, project string) map[string]recon {
	t.Helper()
	rows := o.post(t, "get-rows", url.Values{"project": {project}, "start": {"0"}, "limit": {"50"}}, nil)
	var out struct {
		Rows []struct {
			Cells []*struct {
				V string `json:"v"`
				R string `json:"r"`
			} `json:"cells"`
		} `json:"rows"`
		Pool struct {
			Recons map[string]recon `json:"recons"`
		} `json:"pool"`
	}
	b, _ := json.Marshal(rows)
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	got := map[string]recon{}
	for _, row := range out.Rows {
		if len(row.Cells) == 0 || row.Cells[0] == nil {
			continue
		}
		c := row.Cells[0]
		got[c.V] = out.Pool.Recons[c.R]
	}
	return got
}

// table reads the project's columns and each row's cell values by column
// name.
func (o *openRefine) table(t *testing.T, project string) ([]string, []map[string]string) {
	t.Helper()
	var models struct {
		ColumnModel struct {
			Columns []struct {
				Name      string `json:"name"`
				CellIndex int    `json:"cellIndex"`
			} `json:"columns"`
		} `json:"columnModel"`
	}
	o.getJSON(t, "/command/core/get-models?project="+project, &models)
	rows := o.post(t, "get-rows", url.Values{"project": {project}, "start": {"0"}, "limit": {"50"}}, nil)
	var out struct {
		Rows []struct {
			Cells []*struct {
				V any `json:"v"`
			} `json:"cells"`
		} `json:"rows"`
	}
	b, _ := json.Marshal(rows)
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range models.ColumnModel.Columns {
		names = append(names, c.Name)
	}
	var table []map[string]string
	for _, row := range out.Rows {
		m := map[string]string{}
		for _, c := range models.ColumnModel.Columns {
			if c.CellIndex < len(row.Cells) && row.Cells[c.CellIndex] != nil && row.Cells[c.CellIndex].V != nil {
				m[c.Name] = fmt.Sprint(row.Cells[c.CellIndex].V)
			}
		}
		table = append(table, m)
	}
	return names, table
}
