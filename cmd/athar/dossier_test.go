package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/pdf"
	"github.com/athar-project/athar/internal/store"
)

// personID finds the demo person carrying name.
func personID(t *testing.T, data, name string, global ...string) string {
	t.Helper()
	r := athar(t, "", append(append([]string{"--data", data}, global...), "entities", "list", "--type", "person", "--json")...)
	if r.code != 0 {
		t.Fatalf("entities list: %s", r.stderr)
	}
	var ents []struct {
		ID    string   `json:"id"`
		Names []string `json:"names"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &ents); err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		for _, n := range e.Names {
			if n == name {
				return e.ID
			}
		}
	}
	t.Fatalf("no person named %s", name)
	return ""
}

func TestExportDossier(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "d")
	if r := athar(t, "", "--data", data, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	// A confidential testimony that names the demo's Ous Salloum.
	testimony := filepath.Join(dir, "k12.txt")
	writeFile(t, testimony, []byte("Title: Testimony of witness K-12 (pseudonym)\nPublisher: Athar test\nLanguage: en\n---\n"+
		"The former guard Ous Salloum beat me with a cable in Sednaya Prison in 2015, said the witness Karim Haddad.\n"))
	if r := athar(t, "", "--data", data, "ingest", "--kind", "testimony", "--consent", "court", testimony); r.code != 0 {
		t.Fatal(r.stderr)
	}
	id := personID(t, data, "Ous Salloum")
	read := func(p string) string {
		t.Helper()
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	out := filepath.Join(dir, "ous.html")
	r := athar(t, "", "--data", data, "export", "dossier", id, "--out", out)
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, out) {
		t.Fatalf("export dossier: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	doc := read(out)
	for _, want := range []string{"Ous Salloum", "أوس سلوم", "Case timeline", "athar verify", "Shafaq News", "Allegation",
		"CONFIDENTIAL", "Karim Haddad", "K-12"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the dossier lacks %q", want)
		}
	}
	// Handing the testimony over is in the access log.
	st, err := store.Open(context.Background(), store.Config{DataDir: data, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := st.AccessLog().Recent(context.Background(), 50)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	logged := false
	for _, e := range entries {
		logged = logged || (e.Action == "dossier" && e.Actor == "operator" && e.Sensitivity.String() == "confidential")
	}
	if !logged {
		t.Errorf("the export of a confidential source is not in the access log: %v", entries)
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the dossier's mode: %v %v", info.Mode(), err)
	}
	ar := filepath.Join(dir, "ous-ar.html")
	if r := athar(t, "", "--data", data, "export", "dossier", id, "--out", ar, "--lang", "ar"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if doc := read(ar); !strings.Contains(doc, `dir="rtl"`) || !strings.Contains(doc, "التسلسل الزمني للقضية") {
		t.Error("--lang ar did not write an Arabic dossier")
	}

	// --clearance public leaves out the confidential testimony, its witness
	// and its marking; the public articles stay.
	public := filepath.Join(dir, "ous-public.html")
	if r := athar(t, "", "--data", data, "--clearance", "public", "export", "dossier", id, "--out", public); r.code != 0 {
		t.Fatal(r.stderr)
	}
	pub := read(public)
	for _, secret := range []string{"Karim Haddad", "K-12", "cable", "CONFIDENTIAL"} {
		if strings.Contains(pub, secret) {
			t.Errorf("the public-clearance dossier holds %q", secret)
		}
	}
	if !strings.Contains(pub, "clearance “public”") || !strings.Contains(pub, "Shafaq News") {
		t.Error("the public-clearance dossier does not say what clearance it was made for")
	}

	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"export", "dossier", id}, 2, "--out"},
		{[]string{"export", "dossier", id, "--out", filepath.Join(dir, "x.docx")}, 2, ".pdf or .html"},
		{[]string{"export", "dossier", id, "--out", filepath.Join(dir, "x.html"), "--lang", "fr"}, 2, "--lang"},
		{[]string{"export", "dossier", "no-such-id", "--out", filepath.Join(dir, "x.html")}, 2, "no person"},
		{[]string{"export", "dossier", id, "--out", filepath.Join(dir, "missing", "x.html")}, 2, "--out"},
	} {
		r := athar(t, "", append([]string{"--data", data}, tc.args...)...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.msg) {
			t.Errorf("%v: exit %d %q, want %d and %q", tc.args, r.code, r.stderr, tc.code, tc.msg)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.html")); err == nil {
		t.Error("a failed export left a file")
	}

	// The PDF: Chromium is required in CI; elsewhere the rest stands.
	if _, err := pdf.Find(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is required in CI: %v", err)
		}
		t.Logf("the PDF export is not tried: %v", err)
		return
	}
	pdfOut := filepath.Join(dir, "ous.pdf")
	if r := athar(t, "", "--data", data, "export", "dossier", id, "--out", pdfOut); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if !strings.HasPrefix(read(pdfOut), "%PDF-") {
		t.Error("--out FILE.pdf did not write a PDF")
	}
}
