package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// seeded is a data directory holding the shared test rig (apptest).
func seeded(t *testing.T) (string, *apptest.Rig) {
	t.Helper()
	data := filepath.Join(t.TempDir(), "d")
	st, err := store.Open(context.Background(), store.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	r := apptest.New(t, st)
	st.Close()
	return data, r
}

// reopen opens the rig's data directory to look at what the commands did.
func reopen(t *testing.T, data string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Config{DataDir: data, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// The review rule on the command line is the web UI's and the API's
// (app.Review): a reviewer never raises a statement above their own
// clearance, never lowers one; edits are corrections; a decision on a state
// the statement has left is refused, and reopen undoes one.
func TestReviewCommand(t *testing.T) {
	data, r := seeded(t)
	pub, internal := r.Statements[model.Public].ID, r.Statements[model.Internal].ID
	for _, c := range []struct {
		name string
		args []string
		want string // in stderr; "" for success
	}{
		{"above own clearance", []string{"--as", "rania", "review", pub, "confirm", "--sensitivity", "confidential"}, "above your own clearance"},
		{"a reviewer lowers", []string{"--as", "rania", "review", internal, "confirm", "--sensitivity", "public"}, "only an admin may lower"},
		{"an analyst reviews", []string{"--as", "anas", "review", pub, "confirm"}, "may not review statements"},
		{"a statement the reviewer may not see", []string{"--as", "rania", "review", r.Statements[model.Confidential].ID, "reject"}, "no such statement"},
		{"an unknown decision", []string{"--as", "rania", "review", pub, "approve"}, "want confirm, reject, edit or reopen"},
		{"within the reviewer's clearance", []string{"--as", "rania", "review", pub, "confirm", "--sensitivity", "restricted"}, ""},
		{"a decision on a state left behind", []string{"--as", "adel", "review", pub, "reject"}, "now confirmed, not proposed"},
		{"the undo", []string{"--as", "adel", "review", pub, "reopen", "--from", "confirmed"}, ""},
		{"a decision after the undo", []string{"--as", "adel", "review", pub, "reject", "--comment", "not him"}, ""},
	} {
		res := athar(t, "", append([]string{"--data", data}, c.args...)...)
		if c.want == "" {
			if res.code != 0 {
				t.Errorf("%s: exit %d %s", c.name, res.code, res.stderr)
			}
			continue
		}
		if res.code != 2 || !strings.Contains(res.stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q, want 2 saying %q", c.name, res.code, res.stderr, c.want)
		}
	}
	res := athar(t, "", "--data", data, "--as", "rania", "--json", "review", internal, "edit", "--value", "Aws Salloum al-Ali")
	var out reviewJSON
	if res.code != 0 || json.Unmarshal([]byte(res.stdout), &out) != nil || out.Status != "rejected" || out.Correction == "" {
		t.Fatalf("edit: exit %d %q %q", res.code, res.stdout, res.stderr)
	}
	st := reopen(t, data)
	c, err := st.Statement(context.Background(), access.Operator(), out.Correction)
	if err != nil || c.Value != "Aws Salloum al-Ali" || c.Status != model.StatusConfirmed || c.Reviewer != "rania" {
		t.Errorf("the correction: %+v %v", c, err)
	}
	if got, _ := st.Statement(context.Background(), access.Operator(), pub); got.Sensitivity != model.Restricted {
		t.Errorf("the raised statement is %s", got.Sensitivity)
	}
}

// athar resolve has the role check judging has: only reviewers and admins
// re-link the store.
func TestResolveNeedsAReviewer(t *testing.T) {
	data, _ := seeded(t)
	for _, who := range []string{"vera", "anas"} {
		if res := athar(t, "", "--data", data, "--as", who, "resolve"); res.code != 2 || !strings.Contains(res.stderr, "may not judge or change merges") {
			t.Errorf("%s: exit %d %q", who, res.code, res.stderr)
		}
	}
	if res := athar(t, "", "--data", data, "--as", "rania", "resolve"); res.code != 0 {
		t.Errorf("a reviewer: exit %d %q", res.code, res.stderr)
	}
	if res := athar(t, "", "--data", data, "--as", "anas", "merges", "list"); res.code != 2 {
		t.Errorf("an analyst listed merge proposals: exit %d", res.code)
	}
}

// Accounts on the command line follow the admin page's rules: one name rule,
// one default clearance, admins only, and never the last active admin
// disabled.
func TestUserRules(t *testing.T) {
	data, _ := seeded(t)
	if res := athar(t, "", "--data", data, "user", "add", "two words", "--role", "viewer"); res.code != 2 || !strings.Contains(res.stderr, "user name") {
		t.Errorf("a name with a space: exit %d %q", res.code, res.stderr)
	}
	for _, c := range []struct{ name, role, want string }{
		{"ward", "viewer", "clearance public"}, {"amal", "analyst", "clearance public"},
		{"rami", "reviewer", "clearance public"}, {"ayman", "admin", "clearance confidential"},
	} {
		if res := athar(t, "", "--data", data, "user", "add", c.name, "--role", c.role); res.code != 0 || !strings.Contains(res.stdout, c.want) {
			t.Errorf("%s: exit %d %q %q, want %q", c.name, res.code, res.stdout, res.stderr, c.want)
		}
	}
	for _, args := range [][]string{{"user", "list"}, {"user", "add", "x", "--role", "viewer"}, {"user", "disable", "vera"}, {"token", "list"}} {
		if res := athar(t, "", append([]string{"--data", data, "--as", "rania"}, args...)...); res.code != 2 || !strings.Contains(res.stderr, "only an admin") {
			t.Errorf("%v as a reviewer: exit %d %q", args, res.code, res.stderr)
		}
	}
	if res := athar(t, "", "--data", data, "user", "disable", "ayman"); res.code != 0 {
		t.Fatalf("disable ayman: %q", res.stderr)
	}
	if res := athar(t, "", "--data", data, "user", "disable", "adel"); res.code != 2 || !strings.Contains(res.stderr, "last active admin") {
		t.Errorf("disabling the last admin: exit %d %q", res.code, res.stderr)
	}
}

// athar ingest tells nobody that a source they may not see exists, and
// never keeps a source weaker than the same bytes are brought again as
// (issue 18, findings 3 and 4).
func TestIngestDuplicatesAndStricterKinds(t *testing.T) {
	data, r := seeded(t)
	dir := t.TempDir()
	hidden := filepath.Join(dir, "hidden.txt")
	writeFile(t, hidden, []byte("bytes of the confidential source"))
	res := athar(t, "", "--data", data, "--as", "anas", "--json", "ingest", hidden)
	var line ingestLine
	if res.code != 0 || json.Unmarshal([]byte(res.stdout), &line) != nil || line.Status != "stored" ||
		line.ID == r.Sources[model.Confidential].ID || line.DuplicateOf != "" {
		t.Errorf("the bytes of a hidden source: exit %d %q %q", res.code, res.stdout, res.stderr)
	}
	public := filepath.Join(dir, "public.txt")
	writeFile(t, public, []byte("bytes of the public source"))
	res = athar(t, "", "--data", data, "--as", "anas", "ingest", "--sensitivity", "internal", public)
	if res.code != 1 || !strings.Contains(res.stderr, "only a reviewer or an admin") || !strings.Contains(res.stderr, r.Sources[model.Public].ID) {
		t.Errorf("an analyst's stricter ingest: exit %d %q", res.code, res.stderr)
	}
	res = athar(t, "", "--data", data, "ingest", "--kind", "testimony", public)
	if res.code != 0 || !strings.Contains(res.stdout, "exists") || !strings.Contains(res.stdout, "raised to confidential testimony") {
		t.Errorf("the operator's stricter ingest: exit %d %q %q", res.code, res.stdout, res.stderr)
	}
	st := reopen(t, data)
	src, err := st.Source(context.Background(), access.Operator(), r.Sources[model.Public].ID)
	if err != nil || src.Kind != model.KindTestimony || src.Sensitivity != model.Confidential {
		t.Errorf("after the raise: %+v %v", src, err)
	}
}
