package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
)

// TestMain lets the test binary stand in for the athar command: with
// ATHAR_RUN_MAIN=1 it runs the CLI on its arguments (the crash test kills such
// a process), otherwise it runs the tests.
func TestMain(m *testing.M) {
	if os.Getenv("ATHAR_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

func athar(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

const article = `Title: Former guard arrested in Homs
Publisher: Test Wire
Published: 2025-01-03
---
Security forces arrested a former guard of Sednaya Prison in Homs on Thursday, the ministry said.
`

func TestIngestReportsEveryBadInputAndStoresTheGood(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	writeFile(t, filepath.Join(in, "a_good.txt"), []byte(article))
	writeFile(t, filepath.Join(in, "b_empty.txt"), nil)
	writeFile(t, filepath.Join(in, "c_image.png"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"))
	writeFile(t, filepath.Join(in, "d_big.txt"), bytes.Repeat([]byte("word "), 400))
	writeFile(t, filepath.Join(in, "e_arabic.txt"), []byte("ألقت قوى الأمن القبض على سجان سابق في سجن صيدنايا في مدينة حمص يوم الخميس.\n"))
	writeFile(t, filepath.Join(in, ".hidden.txt"), []byte("not ingested"))
	data := filepath.Join(dir, "data")
	missing := filepath.Join(dir, "missing.txt")

	r := athar(t, "", "--data", data, "ingest", "--max-bytes", "1000", in, missing)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"b_empty.txt: empty document", "c_image.png: cannot read image", "d_big.txt:", "over the size limit", "missing.txt: no such file"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, r.stderr)
		}
	}
	if strings.Count(r.stdout, "stored") != 2 || strings.Contains(r.stdout, "hidden") {
		t.Errorf("stdout should list the two good files:\n%s", r.stdout)
	}

	list := athar(t, "", "--data", data, "sources", "list", "--json")
	var srcs []map[string]any
	if err := json.Unmarshal([]byte(list.stdout), &srcs); err != nil || list.code != 0 {
		t.Fatalf("sources list --json: exit %d, %v\n%s", list.code, err, list.stdout)
	}
	if len(srcs) != 2 {
		t.Fatalf("%d sources stored, want 2", len(srcs))
	}
	for _, key := range []string{"id", "sha256", "kind", "title", "publisher", "url", "published", "language", "sensitivity", "ingested_at"} {
		if _, ok := srcs[0][key]; !ok {
			t.Errorf("sources list --json lacks %q: %v", key, srcs[0])
		}
	}
	byLang := map[string]map[string]any{}
	for _, s := range srcs {
		byLang[s["language"].(string)] = s
	}
	if byLang["en"]["published"] != "2025-01-03" || byLang["en"]["publisher"] != "Test Wire" || byLang["ar"] == nil {
		t.Errorf("metadata not read: %v", srcs)
	}

	show := athar(t, "", "--data", data, "sources", "show", byLang["en"]["id"].(string), "--json")
	var one map[string]any
	if err := json.Unmarshal([]byte(show.stdout), &one); err != nil {
		t.Fatalf("sources show --json: %v\n%s", err, show.stdout)
	}
	if text, _ := one["text"].(string); !strings.HasPrefix(text, "Former guard arrested in Homs\n") || !strings.Contains(text, "Sednaya Prison in Homs") {
		t.Errorf("text = %q", one["text"])
	}

	again := athar(t, "", "--data", data, "ingest", filepath.Join(in, "a_good.txt"))
	if again.code != 0 || !strings.Contains(again.stdout, "exists") {
		t.Errorf("re-ingest: exit %d\n%s%s", again.code, again.stdout, again.stderr)
	}
	if v := athar(t, "", "--data", data, "verify"); v.code != 0 {
		t.Errorf("verify: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}
}

func TestReadOnlyCommandsNeverCreateADataDirectory(t *testing.T) {
	data := filepath.Join(t.TempDir(), "none")
	for _, args := range [][]string{{"sources", "list"}, {"sources", "show", "x"}, {"verify"}, {"user", "list"}} {
		r := athar(t, "", append([]string{"--data", data}, args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, data) {
			t.Errorf("%v: exit %d, stderr %q; want 2 naming the directory", args, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Errorf("a read-only command created %s", data)
	}
}

func TestBadFlagsExit2(t *testing.T) {
	data := t.TempDir()
	for _, args := range [][]string{
		{"ingest"},
		{"ingest", "--kind", "pamphlet", "x"},
		{"ingest", "--sensitivity", "secret", "x"},
		{"--clearance", "top", "demo"},
		{"--db", "mysql://x", "sources", "list"},
		{"no-such-command"},
	} {
		if r := athar(t, "", append([]string{"--data", data}, args...)...); r.code != 2 || r.stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 with a message", args, r.code, r.stderr)
		}
	}
}

func TestDemoAndClearance(t *testing.T) {
	data := filepath.Join(t.TempDir(), "demo")
	r := athar(t, "", "--data", data, "demo")
	if r.code != 0 || !strings.Contains(r.stdout, "verify: ok") || !strings.Contains(r.stdout, "near-copy of") {
		t.Fatalf("demo: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	all := athar(t, "", "--data", data, "sources", "list", "--json")
	public := athar(t, "", "--data", data, "--clearance", "public", "sources", "list", "--json")
	if !strings.Contains(all.stdout, `"testimony"`) || !strings.Contains(all.stdout, `"confidential"`) {
		t.Errorf("the operator does not see the confidential testimony:\n%s", all.stdout)
	}
	if strings.Contains(public.stdout, "testimony") || strings.Contains(public.stdout, "W-07") {
		t.Errorf("--clearance public shows the testimony:\n%s", public.stdout)
	}
	if u := athar(t, "", "--data", data, "user", "add", "vera", "--role", "viewer", "--clearance", "internal"); u.code != 0 {
		t.Fatalf("user add: %d %s", u.code, u.stderr)
	}
	if v := athar(t, "", "--data", data, "--as", "vera", "sources", "list"); v.code != 0 || strings.Contains(v.stdout, "W-07") {
		t.Errorf("--as vera: exit %d\n%s", v.code, v.stdout)
	}
	if v := athar(t, "", "--data", data, "--as", "vera", "ingest", filepath.Join(data, "athar.db")); v.code != 2 || !strings.Contains(v.stderr, "may not add sources") {
		t.Errorf("a viewer could ingest: exit %d %s", v.code, v.stderr)
	}
	if v := athar(t, "", "--data", data, "--as", "nobody", "sources", "list"); v.code != 2 || !strings.Contains(v.stderr, "no such user") {
		t.Errorf("--as an unknown user: exit %d %s", v.code, v.stderr)
	}
	again := athar(t, "", "--data", data, "demo")
	if again.code != 0 || strings.Count(again.stdout, "src_") != strings.Count(r.stdout, "src_") {
		t.Errorf("a second demo changed the sources:\n%s", again.stdout)
	}
}

func TestVerifyExitCodes(t *testing.T) {
	data := filepath.Join(t.TempDir(), "d")
	if r := athar(t, "", "--data", data, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	ok := athar(t, "", "--data", data, "verify", "--json")
	var rep struct {
		OK      bool  `json:"ok"`
		Entries int64 `json:"entries"`
	}
	if err := json.Unmarshal([]byte(ok.stdout), &rep); err != nil || ok.code != 0 || !rep.OK || rep.Entries == 0 {
		t.Fatalf("verify --json: exit %d, %v, %s", ok.code, err, ok.stdout)
	}
	// Alter an original in the archive.
	var victim string
	filepath.WalkDir(filepath.Join(data, "archive"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && victim == "" {
			victim = p
		}
		return nil
	})
	writeFile(t, victim, []byte("altered"))
	bad := athar(t, "", "--data", data, "verify")
	if bad.code != 1 || !strings.Contains(bad.stderr, filepath.Base(victim)) {
		t.Errorf("verify after altering %s: exit %d, stderr %q", victim, bad.code, bad.stderr)
	}
}

func TestIngestURLs(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html><head><title>Arrest in Tartus</title><meta property="og:site_name" content="Test News"></head>
<body><article><h1>Arrest in Tartus</h1><p>Security forces arrested a former officer of Sednaya Prison in Tartus province on Saturday, the interior ministry said in a statement.</p>
<p>The officer was referred to the judiciary, according to the statement, which gave no further details about the charges he faces.</p></article></body></html>`))
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/photo", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write([]byte{0xff, 0xd8, 0xff})
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(30 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	t.Setenv(ingest.FetchAllowEnv, srv.Listener.Addr().String()) // fetches refuse loopback unless allowed
	data := filepath.Join(t.TempDir(), "d")
	r := athar(t, "", "--data", data, "ingest", "--json", "--fetch-timeout", "2s",
		srv.URL+"/article", srv.URL+"/missing", srv.URL+"/photo", srv.URL+"/slow")
	if r.code != 1 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"/missing: HTTP error: the server answered 404", "/photo: not a document", "/slow: timed out"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, r.stderr)
		}
	}
	var line struct {
		Input, Status, ID, Title string
	}
	if err := json.Unmarshal([]byte(strings.TrimSpace(r.stdout)), &line); err != nil || line.Status != "stored" || line.Title != "Arrest in Tartus" {
		t.Errorf("ingest --json line %q: %v", r.stdout, err)
	}
}

func TestMergesListHidesRestrictedReasons(t *testing.T) {
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "d")
	st, err := store.Open(ctx, store.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Write(ctx, "tester", func(tx *store.Tx) error {
		pub := model.Source{Kind: model.KindArticle, Text: "Col. Thaer Hussein was arrested.", Sensitivity: model.Public}
		conf := model.Source{Kind: model.KindTestimony, Text: "We called him Abu Haidar.", Sensitivity: model.Confidential}
		for _, s := range []*model.Source{&pub, &conf} {
			if err := tx.AddSource(ctx, s, []byte(s.Text)); err != nil {
				return err
			}
		}
		var ids []string
		for _, n := range []string{"Thaer Hussein", "Th. Hussein"} {
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			ids = append(ids, e.ID)
			if err := tx.AddStatement(ctx, &model.Statement{EntityID: e.ID, Property: "name", Value: n, SourceID: pub.ID, Origin: "manual"}); err != nil {
				return err
			}
		}
		if err := tx.AddStatement(ctx, &model.Statement{EntityID: ids[1], Property: "alias", Value: "Abu Haidar", SourceID: conf.ID, Origin: "manual"}); err != nil {
			return err
		}
		_, err := tx.ProposeMerge(ctx, &store.MergeProposal{EntityA: ids[0], EntityB: ids[1], Score: 0.8,
			Reasons: []string{"alias agrees: Abu Haidar ~ Abu Haidar"}})
		return err
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	all := athar(t, "", "--data", data, "merges", "list", "--json")
	internal := athar(t, "", "--data", data, "--clearance", "internal", "merges", "list", "--json")
	if all.code != 0 || internal.code != 0 {
		t.Fatalf("merges list: %s %s", all.stderr, internal.stderr)
	}
	if !strings.Contains(all.stdout, "Abu Haidar") {
		t.Fatalf("full clearance should see the stored reasons:\n%s", all.stdout)
	}
	if !strings.Contains(internal.stdout, "Th. Hussein") || strings.Contains(internal.stdout, "Abu Haidar") {
		t.Errorf("a viewer cleared for internal: want the proposal without the confidential alias:\n%s", internal.stdout)
	}
}
