package main

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/store"
)

// untar unpacks a .tar.gz made by tar into dir: regular files and folders
// only, each inside dir.
func untar(t *testing.T, archive, dir string) {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, filepath.FromSlash(h.Name))
		if !strings.HasPrefix(path, dir+string(filepath.Separator)) {
			t.Fatalf("%s: outside the folder", h.Name)
		}
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(path, 0o700); err != nil {
				t.Fatal(err)
			}
		case tar.TypeReg:
			data, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, path, data)
		}
	}
}

// A store as the last landed release left it (testdata/upgrade) opens with
// this code: every migration since applies, the ledger still verifies, the
// sources list as that release listed them, and the reviews made then stand.
func TestUpgradeFromTheLastRelease(t *testing.T) {
	dir := t.TempDir()
	untar(t, filepath.Join("testdata", "upgrade", "store-stop25.tar.gz"), dir)
	t.Setenv("ATHAR_SIGNING_KEY_FILE", filepath.Join(dir, "ledger.ed25519"))
	data := filepath.Join(dir, "data")

	if r := athar(t, "", "--data", data, "verify"); r.code != 0 {
		t.Fatalf("verify after the upgrade: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r := athar(t, "", "--data", data, "migrate", "--json")
	if r.code != 0 || strings.Contains(r.stdout, `"pending"`) {
		t.Fatalf("migrate: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	var before, after []map[string]any
	raw, err := os.ReadFile(filepath.Join("testdata", "upgrade", "sources-stop25.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &before); err != nil {
		t.Fatal(err)
	}
	r = athar(t, "", "--data", data, "sources", "list", "--json")
	if r.code != 0 {
		t.Fatalf("sources list: exit %d\n%s", r.code, r.stderr)
	}
	if err := json.Unmarshal([]byte(r.stdout), &after); err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Fatalf("%d sources after the upgrade, %d before", len(after), len(before))
	}
	for i := range before {
		for k, v := range before[i] {
			if !reflect.DeepEqual(after[i][k], v) {
				t.Errorf("source %v: %s is %v after the upgrade, was %v", before[i]["id"], k, after[i][k], v)
			}
		}
	}
	// The confidential testimony is still there, whole, for the operator.
	r = athar(t, "", "--data", data, "sources", "show", "src_80f5126aa0be399b", "--json")
	if r.code != 0 || !strings.Contains(r.stdout, `"sensitivity": "confidential"`) || !strings.Contains(r.stdout, `"text"`) {
		t.Fatalf("the testimony after the upgrade: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Sealed by the upgrade (migration 00018 and the first open): no file of
	// the data directory holds its text in the clear any longer.
	var testimony struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &testimony); err != nil || len(testimony.Text) < 200 {
		t.Fatalf("the testimony's text: %v %q", err, testimony.Text)
	}
	if hits := filesHolding(t, data, testimony.Text[100:140]); len(hits) > 0 {
		t.Errorf("after the upgrade the testimony is in the clear in %v", hits)
	}
	// Its title too (sealed by the first open after the upgrade that seals
	// titles and mention texts), which sources list above still shows.
	if hits := filesHolding(t, data, "witness W-07"); len(hits) > 0 {
		t.Errorf("after the upgrade the testimony's title is in the clear in %v", hits)
	}

	out := filepath.Join(dir, "csv")
	if r := athar(t, "", "--data", data, "export", "csv", "--out", out); r.code != 0 {
		t.Fatalf("export csv: exit %d\n%s", r.code, r.stderr)
	}
	f, err := os.Open(filepath.Join(out, "statements.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	want := map[string][2]string{ // the reviews made before the upgrade
		"42de941b-c9f5-4772-9887-67e95bfb76c3": {"confirmed", "public"},
		"756be383-b7ee-4390-84fb-272f7b575663": {"confirmed", "internal"},
	}
	for _, row := range rows[1:] {
		if w, ok := want[row[col["id"]]]; ok {
			if got := [2]string{row[col["status"]], row[col["sensitivity"]]}; got != w {
				t.Errorf("statement %s: %v after the upgrade, was %v", row[col["id"]], got, w)
			}
			delete(want, row[col["id"]])
		}
	}
	for id := range want {
		t.Errorf("statement %s reviewed before the upgrade is not exported after it", id)
	}
	// The one rejected then is still rejected: exports leave it out.
	for _, row := range rows[1:] {
		if row[col["id"]] == "cdfde74d-e597-4b45-900c-c5973d42bdce" {
			t.Errorf("a statement rejected before the upgrade is exported after it, %s", row[col["status"]])
		}
	}
	if r := athar(t, "", "--data", data, "verify"); r.code != 0 {
		t.Fatalf("verify at the end: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// The store stop 27 left (encryption at rest, the statement values of its
// sealed sources in the clear) upgrades: the name of the witness its
// confidential testimony gives — a statement's value, and the page totals
// that repeat it — is in no file of the data directory afterwards, and
// still reads for the operator.
func TestUpgradeFromStop27(t *testing.T) {
	data := untarKeyed(t, "store-stop27.tar.gz")
	for _, name := range []string{"Khawatmi", "khawatmi"} {
		if hits := filesHolding(t, data, name); len(hits) == 0 {
			t.Fatalf("the stop-27 store should hold %q in the clear", name)
		}
	}
	upgradedAsListed(t, data, "sources-stop27.json")
	for _, name := range []string{"Khawatmi", "khawatmi"} {
		if hits := filesHolding(t, data, name); len(hits) > 0 {
			t.Errorf("after the upgrade the witness's name is in the clear in %v", hits)
		}
	}
	// Still the operator's to read, and matched by name.
	if id := personID(t, data, "Nizar Khawatmi"); id == "" {
		t.Fatal("no person named Nizar Khawatmi after the upgrade")
	}
	if r := athar(t, "", "--data", data, "match", "Nizar Khawatmi", "--json"); r.code != 0 || !strings.Contains(r.stdout, "Nizar Khawatmi") {
		t.Errorf("match after the upgrade: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	searchAfterUpgrade(t, filepath.Dir(data), data, "Khawatmi")
	if r := athar(t, "", "--data", data, "verify"); r.code != 0 {
		t.Fatalf("verify at the end: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// The store stop 28 left (long texts in pieces, sealed statement values)
// upgrades: every migration since applies, the sources list as that release
// listed them, the long text still reads whole, the witness stays sealed and
// the reviews made then stand.
func TestUpgradeFromStop28(t *testing.T) {
	data := untarKeyed(t, "store-stop28.tar.gz")
	upgradedAsListed(t, data, "sources-stop28.json")
	r := athar(t, "", "--data", data, "sources", "show", "src_be9f759ebae50032", "--json")
	if r.code != 0 {
		t.Fatalf("sources show of the long text: exit %d\n%s", r.code, r.stderr)
	}
	var long struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &long); err != nil {
		t.Fatal(err)
	}
	if len(long.Text) < 256<<10 || !strings.Contains(long.Text, "the blue door of ward nineteen") {
		t.Errorf("the long text after the upgrade is %d bytes and lacks its last line", len(long.Text))
	}
	if hits := filesHolding(t, data, "Haddour"); len(hits) > 0 {
		t.Errorf("after the upgrade the witness's name is in the clear in %v", hits)
	}
	for _, c := range []struct{ id, from string }{
		{"f6412e03-223c-49a2-8e77-2323fdfa6bad", "confirmed"},
		{"955a1f57-c517-48a4-a4ff-ead5b7957d48", "rejected"},
	} {
		if r := athar(t, "", "--data", data, "review", c.id, "reopen", "--from", c.from); r.code != 0 {
			t.Errorf("statement %s is no longer %s after the upgrade: exit %d\n%s%s", c.id, c.from, r.code, r.stdout, r.stderr)
		}
	}
	searchAfterUpgrade(t, filepath.Dir(data), data, "Haddour", "nineteen")
	if r := athar(t, "", "--data", data, "verify"); r.code != 0 {
		t.Fatalf("verify at the end: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// The store stop 29 left (a note on a statement, a split, a long sealed
// testimony whose original was staged in pieces, the search mark) upgrades:
// the note and the split stand, the sealed testimony reads whole for the
// operator and its witness is in no file in the clear, and search finds the
// end of it after a catch-up.
func TestUpgradeFromStop29(t *testing.T) {
	data := untarKeyed(t, "store-stop29.tar.gz")
	upgradedAsListed(t, data, "sources-stop29.json")
	r := athar(t, "", "--data", data, "--as", "rana", "notes", "list", "69fdfa05-c2d5-4a91-9d5f-29d7b7fd3a71", "--json")
	if r.code != 0 || !strings.Contains(r.stdout, "checked against the interior ministry") {
		t.Errorf("the note made at stop 29 after the upgrade: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The split: the nickname is on the new entity, not on Ous Salloum.
	for _, c := range []struct {
		id   string
		want bool
	}{{"21487438-aa9d-4066-9b8e-818fa25f4a9a", true}, {"9998e542-1ff9-4bb0-b9db-be476488364a", false}} {
		r := athar(t, "", "--data", data, "case", c.id, "--json")
		if r.code != 0 {
			t.Fatalf("case %s: exit %d\n%s", c.id, r.code, r.stderr)
		}
		if got := strings.Contains(r.stdout, "6754ef1e-3ffa-4d50-9fa8-283658097230"); got != c.want {
			t.Errorf("after the upgrade the split-off nickname is on %s: %v, want %v", c.id, got, c.want)
		}
	}
	r = athar(t, "", "--data", data, "sources", "show", "src_429695a1dbc64f12", "--json")
	if r.code != 0 {
		t.Fatalf("sources show of the sealed testimony: exit %d\n%s", r.code, r.stderr)
	}
	var long struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &long); err != nil {
		t.Fatal(err)
	}
	if len(long.Text) < 256<<10 || !strings.Contains(long.Text, "the grey stairwell behind the laundry") {
		t.Errorf("the sealed testimony after the upgrade is %d bytes and lacks its last line", len(long.Text))
	}
	if hits := filesHolding(t, data, "Sabbagh"); len(hits) > 0 {
		t.Errorf("after the upgrade the witness's name is in the clear in %v", hits)
	}
	ctx := context.Background()
	dir := filepath.Dir(data)
	st, err := store.Open(ctx, store.Config{DataDir: data, MasterKeyFile: filepath.Join(dir, "master.key"),
		SigningKeyFile: filepath.Join(dir, "ledger.ed25519")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := search.CatchUp(ctx, st); err != nil {
		t.Fatal(err)
	}
	hits, err := st.Search(ctx, access.Operator(), store.SearchQuery{Words: search.Words("stairwell")})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(hits.Sources) == 0 {
		t.Error("after the upgrade, a search for the last line of the sealed testimony finds nothing")
	}
	if r := athar(t, "", "--data", data, "verify"); r.code != 0 {
		t.Fatalf("verify at the end: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// searchAfterUpgrade checks that the search index of an upgraded store,
// which had no mark of how far indexing had got, is complete after its
// first catch-up — words are found: a witness's name, whose source the
// upgrade sealed, the end of a long text — and has its mark at the ledger's head, from which a second
// catch-up finds nothing to do.
func searchAfterUpgrade(t *testing.T, dir, data string, words ...string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: data, MasterKeyFile: filepath.Join(dir, "master.key"),
		SigningKeyFile: filepath.Join(dir, "ledger.ed25519")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, known, err := st.SearchMark(ctx); err != nil || known {
		t.Errorf("the upgraded store's search mark is known before its first catch-up (%v)", err)
	}
	if _, err := search.CatchUp(ctx, st); err != nil {
		t.Fatal(err)
	}
	head, _, err := st.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if mark, known, err := st.SearchMark(ctx); err != nil || !known || mark != head {
		t.Errorf("after the first catch-up the search mark is %d (known %v, %v), the ledger's head %d", mark, known, err, head)
	}
	if n, err := search.CatchUp(ctx, st); err != nil || n != 0 {
		t.Errorf("a second catch-up indexed %d (%v)", n, err)
	}
	for _, w := range words {
		hits, err := st.Search(ctx, access.Operator(), store.SearchQuery{Words: search.Words(w)})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits.Sources) == 0 {
			t.Errorf("after the upgrade's first catch-up, a search for %q finds no source", w)
		}
	}
}

// untarKeyed unpacks an upgrade fixture that carries its signing and master
// keys into a temporary directory, points Athar at the keys, and gives its
// data directory.
func untarKeyed(t *testing.T, fixture string) string {
	t.Helper()
	dir := t.TempDir()
	untar(t, filepath.Join("testdata", "upgrade", fixture), dir)
	t.Setenv("ATHAR_SIGNING_KEY_FILE", filepath.Join(dir, "ledger.ed25519"))
	t.Setenv("ATHAR_KEY_FILE", filepath.Join(dir, "master.key"))
	if err := os.Chmod(filepath.Join(dir, "master.key"), 0o600); err != nil { // untar keeps no modes
		t.Fatal(err)
	}
	return filepath.Join(dir, "data")
}

// upgradedAsListed opens an old store with this code (verify, then
// migrate: every migration since applies) and checks its sources list as
// that release listed them (testdata/upgrade/listing).
func upgradedAsListed(t *testing.T, data, listing string) {
	t.Helper()
	if r := athar(t, "", "--data", data, "verify"); r.code != 0 {
		t.Fatalf("verify after the upgrade: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := athar(t, "", "--data", data, "migrate", "--json"); r.code != 0 || strings.Contains(r.stdout, `"pending"`) {
		t.Fatalf("migrate: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	var before, after []map[string]any
	raw, err := os.ReadFile(filepath.Join("testdata", "upgrade", listing))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &before); err != nil {
		t.Fatal(err)
	}
	r := athar(t, "", "--data", data, "sources", "list", "--json")
	if r.code != 0 {
		t.Fatalf("sources list: exit %d\n%s", r.code, r.stderr)
	}
	if err := json.Unmarshal([]byte(r.stdout), &after); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(after, before) {
		t.Errorf("sources after the upgrade:\n%s\nbefore:\n%s", r.stdout, raw)
	}
}
