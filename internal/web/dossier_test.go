package web

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/web/i18n"
)

// section returns the HTML of the dossier section with the id, up to the
// next section.
func section(t *testing.T, doc, id string) string {
	t.Helper()
	start := strings.Index(doc, `<section id="`+id+`"`)
	if start < 0 {
		t.Fatalf("the dossier has no section %q", id)
	}
	rest := doc[start+1:]
	if end := strings.Index(rest, "<section id="); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

// tableRow returns the table row holding word.
func tableRow(t *testing.T, html, word string) string {
	t.Helper()
	i := strings.Index(html, word)
	if i < 0 {
		t.Fatalf("no %q", word)
	}
	start := strings.LastIndex(html[:i], "<tr")
	end := i + strings.Index(html[i:], "</tr>")
	return html[start:end]
}

var (
	noteRe = regexp.MustCompile(`<li id="fn-(\d+)" value="(\d+)"`)
	refRe  = regexp.MustCompile(`href="#fn-(\d+)"`)
)

func TestDossierHTML(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	// A public source's denial that the person executed anyone.
	err := r.st.Write(ctx, "tester", func(tx *store.Tx) error {
		ev, err := tx.AddEntity(ctx, model.TypeEvent)
		if err != nil {
			return err
		}
		for _, st := range []model.Statement{
			{Property: "eventType", Value: "execution_allegation"},
			{Property: "date", Value: "2013", DateStart: model.Date{Year: 2013, Precision: model.PrecisionYear}},
			{Property: "involved", Value: publicPerson, ValueEntity: r.fx.person, Role: "perpetrator"},
		} {
			st.EntityID, st.SourceID, st.Modality, st.Origin = ev.ID, r.fx.wire.ID, model.Denied, "manual"
			st.Span = model.Span{Start: 0, End: 11, Quote: publicPerson}
			if err := tx.AddStatement(ctx, &st); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.srv.Dossier(ctx, access.Operator(), r.fx.person, i18n.English)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	seq, head, err := r.st.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// A self-contained document: no script, nothing fetched.
	for _, bad := range []string{"<script", "<link", "src=", "url(", "@import", "[[dossier."} {
		if strings.Contains(doc, bad) {
			t.Errorf("the dossier contains %q", bad)
		}
	}
	// The cover: both scripts, the marking, the signed head and how to check it.
	cover := doc[:strings.Index(doc, `<section id="identity"`)]
	for _, want := range []string{publicPerson, publicPersonAr, "CONFIDENTIAL", head, "entry " + strconv.FormatInt(seq, 10) + ",",
		"athar verify", "ed25519", "operator", "How to check this dossier"} {
		if !strings.Contains(cover, want) {
			t.Errorf("the cover lacks %q", want)
		}
	}
	// The head was signed into the checkpoint the cover names.
	cps, err := ledger.ReadCheckpoints(r.st.CheckpointDir())
	if err != nil || len(cps) == 0 {
		t.Fatalf("no checkpoint was signed: %v", err)
	}
	last := cps[len(cps)-1]
	if last.Seq != seq || last.Hash != head || last.Verify(nil) != nil {
		t.Errorf("the newest checkpoint is %d %s, want the head %d %s", last.Seq, last.Hash, seq, head)
	}
	for _, want := range []string{last.PublicKey, last.Signature, fmt.Sprintf("checkpoints/%012d.json", seq)} {
		if !strings.Contains(cover, want) {
			t.Errorf("the cover lacks the checkpoint's %q", want)
		}
	}
	// Every section is there.
	for _, id := range []string{"identity", "case", "timeline", "allegations", "facts", "notes"} {
		section(t, doc, id)
	}
	// Notes are numbered 1..n in order, every reference has its note and
	// every note is referenced.
	notes := noteRe.FindAllStringSubmatch(doc, -1)
	if len(notes) < 5 {
		t.Fatalf("only %d notes", len(notes))
	}
	for i, m := range notes {
		if m[1] != strconv.Itoa(i+1) || m[2] != m[1] {
			t.Fatalf("note %d is numbered %s/%s", i+1, m[1], m[2])
		}
	}
	referenced := map[string]bool{}
	for _, m := range refRe.FindAllStringSubmatch(doc, -1) {
		referenced[m[1]] = true
		if n, _ := strconv.Atoi(m[1]); n < 1 || n > len(notes) {
			t.Errorf("a reference to note %s, of %d", m[1], len(notes))
		}
	}
	for _, m := range notes {
		if !referenced[m[1]] {
			t.Errorf("note %s is cited nowhere", m[1])
		}
	}
	// The first note of a source gives its URL and SHA-256; a later one
	// refers back.
	pub := r.sources[model.Public].src
	notesHTML := section(t, doc, "notes")
	if strings.Count(notesHTML, pub.SHA256) != 1 || !strings.Contains(notesHTML, pub.URL) {
		t.Errorf("the public source's SHA-256 and URL are not given once in the notes")
	}
	if strings.Count(notesHTML, r.fx.wire.SHA256) != 1 || !strings.Contains(notesHTML, "Same source as note") {
		t.Errorf("a source cited twice is not given in full once and referred back to")
	}
	if !strings.Contains(notesHTML, publicArrestTxt) || !strings.Contains(notesHTML, tortureQuote) {
		t.Errorf("the notes lack the quotes")
	}
	// Review states, on facts and on notes.
	for _, id := range []string{"identity", "facts", "notes"} {
		s := section(t, doc, id)
		if !strings.Contains(s, "Proposed — not yet reviewed") {
			t.Errorf("section %s marks nothing as not yet reviewed", id)
		}
	}
	if !strings.Contains(section(t, doc, "identity"), "Confirmed") {
		t.Error("the confirmed name is not marked confirmed")
	}
	// The alleged torture is labelled an allegation on the timeline and is
	// in the allegations, with its (confidential) source; the arrest is not.
	tl := section(t, doc, "timeline")
	row := tableRow(t, tl, "Torture")
	if !strings.Contains(row, "Allegation") {
		t.Errorf("the timeline does not label the torture an allegation: %s", row)
	}
	row = tableRow(t, tl, "Execution")
	if !strings.Contains(row, "Denied") || strings.Contains(row, "Allegation</span>") || !strings.Contains(row, "2013") {
		t.Errorf("the timeline does not show the denial as a denial: %s", row)
	}
	al := section(t, doc, "allegations")
	if !strings.Contains(al, "Torture") || !strings.Contains(al, r.sources[model.Confidential].src.Title) || strings.Contains(al, "</span> Arrest") ||
		!strings.Contains(al, `<span class="tag denied">Denied</span> Execution (allegation)`) {
		t.Errorf("the allegations section is wrong:\n%s", al)
	}
	// The derived case status, and the disagreeing birthplaces side by side.
	if cs := section(t, doc, "case"); !strings.Contains(cs, "Arrested") {
		t.Errorf("the case status is not derived: %s", cs)
	}
	facts := section(t, doc, "facts")
	if !strings.Contains(facts, "Al-Qabu") || !strings.Contains(facts, internalBirth) || !strings.Contains(facts, "Sources disagree") {
		t.Errorf("the facts lack the disagreeing birthplaces")
	}
}

// A dossier holds only what its reader may see, and says so.
func TestDossierClearance(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		v       access.Viewer
		marking string
	}{
		{"public", access.Public(), ""},
		{"vera", accessForUser(model.User{Name: "vera", Role: model.RoleViewer, Clearance: model.Public}), ""},
		{"anas", accessForUser(model.User{Name: "anas", Role: model.RoleAnalyst, Clearance: model.Internal}), "INTERNAL"},
		{"rania", accessForUser(model.User{Name: "rania", Role: model.RoleReviewer, Clearance: model.Restricted}), "RESTRICTED"},
		{"adel", accessForUser(model.User{Name: "adel", Role: model.RoleAdmin, Clearance: model.Confidential}), "CONFIDENTIAL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The anonymous public sees only the confirmed names and
			// arrest: a short dossier, not a refusal.
			b, err := r.srv.Dossier(ctx, tc.v, r.fx.person, i18n.English)
			if err != nil {
				t.Fatal(err)
			}
			doc := string(b)
			for level, values := range r.extra {
				for _, v := range values {
					if level > tc.v.Clearance && strings.Contains(doc, v) {
						t.Errorf("%s (clearance %s) sees the %s value %q", tc.name, tc.v.Clearance, level, v)
					}
				}
			}
			for level, sd := range r.sources {
				if level <= tc.v.Clearance {
					continue
				}
				for _, secret := range sd.secrets {
					if secret != "" && strings.Contains(doc, secret) {
						t.Errorf("%s (clearance %s) sees %q of the %s source", tc.name, tc.v.Clearance, secret, level)
					}
				}
			}
			marking := regexp.MustCompile(`id="marking">([A-Z]+)`).FindStringSubmatch(doc)
			switch {
			case tc.marking == "" && marking != nil:
				t.Errorf("a dossier of public material is marked %s", marking[1])
			case tc.marking != "" && (marking == nil || marking[1] != tc.marking):
				t.Errorf("marking %v, want %s", marking, tc.marking)
			}
			if tc.v.Clearance == model.Confidential && !strings.Contains(doc, tortureQuote) {
				t.Error("full clearance does not see the confidential allegation")
			}
			if tc.v.Anonymous {
				for _, id := range []string{"identity", "timeline", "facts", "notes"} {
					if strings.Contains(section(t, doc, id), "Proposed — not yet reviewed") {
						t.Errorf("the anonymous public's dossier holds unreviewed statements in %s", id)
					}
				}
			}
		})
	}
}

func TestDossierOfWhat(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	for _, id := range []string{r.fx.facility, r.fx.arrest, "no-such-entity"} {
		if _, err := r.srv.Dossier(ctx, access.Operator(), id, i18n.English); !errors.Is(err, ErrNoSuchPerson) {
			t.Errorf("dossier of %s: %v, want ErrNoSuchPerson", id, err)
		}
	}
	// A person the viewer may see nothing of is not there at all.
	if _, err := r.srv.Dossier(ctx, access.Public(), r.fx.witness, i18n.English); !errors.Is(err, ErrNoSuchPerson) {
		t.Errorf("the public's dossier of a confidential witness: %v", err)
	}
	// A merged id gives the dossier of the entity it was merged into.
	b, err := r.srv.Dossier(ctx, access.Operator(), r.fx.merged, i18n.English)
	if err != nil || !strings.Contains(string(b), r.fx.person) {
		t.Errorf("dossier of a merged id: %v", err)
	}
}

func TestDossierRoutes(t *testing.T) {
	r := newRig(t, "")
	adel := r.login("adel")
	resp := adel.get("/entities/" + r.fx.person + "/dossier")
	if resp.status != http.StatusOK || !strings.HasPrefix(resp.header.Get("Content-Type"), "text/html") {
		t.Fatalf("dossier: %d %s", resp.status, resp.header.Get("Content-Type"))
	}
	// The inlined stylesheet is allowed by its hash, and by nothing else.
	css := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(resp.body)
	if css == nil {
		t.Fatal("no stylesheet")
	}
	sum := sha256.Sum256([]byte(css[1]))
	csp := resp.header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "style-src 'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP %q does not allow exactly the inlined stylesheet", csp)
	}
	// Handing over the confidential testimony is in the access log.
	entries, err := r.srv.accessLog.Recent(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	logged := false
	for _, e := range entries {
		logged = logged || (e.Action == "dossier" && e.Actor == "adel" && e.Subject == r.sources[model.Confidential].src.ID)
	}
	if !logged {
		t.Error("the dossier's confidential source is not in the access log")
	}
	// The person page links to it; other entities have none.
	if page := adel.get("/entities/" + r.fx.person); !strings.Contains(page.body, `href="/entities/`+r.fx.person+`/dossier.pdf"`) {
		t.Error("the person page has no link to the dossier")
	}
	if page := adel.get("/entities/" + r.fx.facility); strings.Contains(page.body, "/dossier") {
		t.Error("a facility's page links to a dossier")
	}
	for path, want := range map[string]int{
		"/entities/" + r.fx.facility + "/dossier": http.StatusNotFound,
		"/entities/nope/dossier.pdf":              http.StatusNotFound,
		"/entities/" + r.fx.merged + "/dossier":   http.StatusFound,
	} {
		if got := adel.get(path).status; got != want {
			t.Errorf("GET %s: %d, want %d", path, got, want)
		}
	}
	// Vera (public clearance) gets a dossier without the allegation.
	vera := r.login("vera").get("/entities/" + r.fx.person + "/dossier")
	if vera.status != http.StatusOK || strings.Contains(vera.body, tortureQuote) {
		t.Errorf("vera's dossier: %d, holds the confidential quote: %v", vera.status, strings.Contains(vera.body, tortureQuote))
	}
	// Anonymous visitors go to the login page.
	if got := r.client().get("/entities/" + r.fx.person + "/dossier.pdf"); got.status != http.StatusSeeOther {
		t.Errorf("anonymous dossier.pdf: %d", got.status)
	}
}

// pdftotext extracts a PDF's text. Outside CI a machine without it skips
// with a message; in CI (CI=true) it fails.
func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is required in CI (Debian package poppler-utils, see .ci/apt-packages)")
		}
		t.Skip("skipping: no pdftotext (apt-get install poppler-utils to run it)")
	}
	in := filepath.Join(t.TempDir(), "d.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestDossierPDF prints the dossier of the demo's Ous Salloum in both
// languages. With -screenshots it writes the first page of each to
// docs/screenshots/dossier-LANG.png.
func TestDossierPDF(t *testing.T) {
	chromium(t)
	r := newRigWith(t, "", seedSamples)
	ctx := context.Background()
	persons, err := r.st.Entities(ctx, access.Operator(), model.TypePerson)
	if err != nil {
		t.Fatal(err)
	}
	id := ""
	for _, p := range persons {
		for _, n := range p.Names {
			if n == "Ous Salloum" {
				id = p.ID
			}
		}
	}
	if id == "" {
		t.Fatalf("the samples have no Ous Salloum: %v", persons)
	}
	for _, tc := range []struct {
		lang i18n.Lang
		want []string
	}{
		{i18n.English, []string{"Case dossier", "Ous Salloum", "How to check this dossier", "Case timeline", "Allegation",
			"Sources and notes", "SHA-256", "Page 1 of"}},
		{i18n.Arabic, []string{"ملف قضية", "سلوم", "كيف تتحقق من هذا الملف", "التسلسل الزمني للقضية", "ادعاء",
			"المصادر والحواشي", "SHA-256", "صفحة"}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			out, err := r.srv.DossierPDF(ctx, access.Operator(), id, tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			text := pdftotext(t, out)
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("the %s PDF lacks %q", tc.lang, w)
				}
			}
			if *screenshots {
				firstPage(t, out, filepath.Join("..", "..", "docs", "screenshots", "dossier-"+string(tc.lang)))
			}
		})
	}
	// The person page's link serves the same PDF.
	resp := r.login("adel").get("/entities/" + id + "/dossier.pdf?lang=en")
	if resp.status == http.StatusSeeOther { // ?lang= sets the cookie and redirects
		resp = r.login("adel").get("/entities/" + id + "/dossier.pdf")
	}
	if resp.status != http.StatusOK || resp.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(resp.body, "%PDF-") {
		t.Errorf("GET dossier.pdf: %d %s", resp.status, resp.header.Get("Content-Type"))
	}
}

// firstPage renders a PDF's first page to prefix.png at 70 dpi.
func firstPage(t *testing.T, pdf []byte, prefix string) {
	t.Helper()
	in := filepath.Join(t.TempDir(), "d.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", in, prefix)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
}
