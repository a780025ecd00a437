package dossier

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/casefile/casefiletest"
	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
	"github.com/athar-project/athar/internal/web/i18n"
)

// go test ./internal/dossier -run PDF -screenshots rewrites docs/screenshots/dossier-*.png.
var screenshots = flag.Bool("screenshots", false, "write the dossier's first pages to docs/screenshots")

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

func seeded(t *testing.T) (*store.Store, *casefiletest.Fixture, *Maker) {
	t.Helper()
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	fx := casefiletest.Seed(t, st)
	return st, fx, New(st, nil, nil)
}

func TestDossierHTML(t *testing.T) {
	st, fx, m := seeded(t)
	ctx := context.Background()
	// A public source's denial that the person executed anyone.
	err := st.Write(ctx, "tester", func(tx *store.Tx) error {
		ev, err := tx.AddEntity(ctx, model.TypeEvent)
		if err != nil {
			return err
		}
		for _, s := range []model.Statement{
			{Property: "eventType", Value: "execution_allegation"},
			{Property: "date", Value: "2013", DateStart: model.Date{Year: 2013, Precision: model.PrecisionYear}},
			{Property: "involved", Value: casefiletest.Person, ValueEntity: fx.Person, Role: "perpetrator"},
		} {
			s.EntityID, s.SourceID, s.Modality, s.Origin = ev.ID, fx.Wire.ID, model.Denied, "manual"
			s.Span = model.Span{Start: 0, End: 11, Quote: casefiletest.Person}
			if err := tx.AddStatement(ctx, &s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	d, err := m.Make(ctx, access.Operator(), fx.Person, English)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(d.HTML)
	seq, head, err := st.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// A self-contained document: no script, nothing fetched.
	for _, bad := range []string{"<script", "<link", "src=", "url(", "@import", "[["} {
		if strings.Contains(doc, bad) {
			t.Errorf("the dossier contains %q", bad)
		}
	}
	// The cover: both scripts, the marking, the signed head and how to check it.
	cover := doc[:strings.Index(doc, `<section id="identity"`)]
	for _, want := range []string{casefiletest.Person, casefiletest.PersonAr, "CONFIDENTIAL", head, "entry " + strconv.FormatInt(seq, 10) + ",",
		"athar verify", "ed25519", "operator", "How to check this dossier"} {
		if !strings.Contains(cover, want) {
			t.Errorf("the cover lacks %q", want)
		}
	}
	// The head was signed into the checkpoint the cover names.
	cps, err := ledger.ReadCheckpoints(st.CheckpointDir())
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
	notesHTML := section(t, doc, "notes")
	if strings.Count(notesHTML, fx.Wire.SHA256) != 1 || !strings.Contains(notesHTML, fx.Wire.URL) || !strings.Contains(notesHTML, "Same source as note") {
		t.Errorf("a source cited twice is not given in full once and referred back to")
	}
	if !strings.Contains(notesHTML, casefiletest.ArrestText) || !strings.Contains(notesHTML, casefiletest.TortureQuote) {
		t.Errorf("the notes lack the quotes")
	}
	// Review states, on facts and on notes.
	for _, id := range []string{"identity", "facts", "notes"} {
		if s := section(t, doc, id); !strings.Contains(s, "Proposed — not yet reviewed") {
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
	if !strings.Contains(al, "Torture") || !strings.Contains(al, fx.Sources[model.Confidential].Title) || strings.Contains(al, "</span> Arrest") ||
		!strings.Contains(al, `<span class="tag denied">Denied</span> Execution (allegation)`) {
		t.Errorf("the allegations section is wrong:\n%s", al)
	}
	// The rejected conviction, and the torture allegation whose part was
	// rejected, are left out and counted; the corrected arrest is in.
	if strings.Contains(tl, "Conviction") || strings.Contains(tl, "Escape") {
		t.Errorf("the timeline shows a rejected event:\n%s", tl)
	}
	if !strings.Contains(cover, "2 events a reviewer rejected are left out.") {
		t.Error("the cover does not count the rejected events")
	}
	// The case status as confirmed events support it and, apart, as the
	// unreviewed trial suggests it; the disagreeing birthplaces side by side.
	cs := section(t, doc, "case")
	confirmed, suggested := tableRow(t, cs, `id="case-status"`), tableRow(t, cs, `id="case-suggested"`)
	if !strings.Contains(confirmed, "Arrested") || !strings.Contains(confirmed, "2025-01-02") || strings.Contains(confirmed, "On trial") {
		t.Errorf("the confirmed status: %s", confirmed)
	}
	if !strings.Contains(suggested, "1 source, unreviewed, suggests:") || !strings.Contains(suggested, "On trial") ||
		!strings.Contains(suggested, "2025-05-01") || !strings.Contains(suggested, "not yet reviewed") {
		t.Errorf("the suggested status: %s", suggested)
	}
	if !strings.Contains(cover, "Arrested") || !strings.Contains(cover, "1 source, unreviewed, suggests: On trial") {
		t.Errorf("the cover's status: %s", tableRow(t, cover, `id="cover-case"`))
	}
	facts := section(t, doc, "facts")
	if !strings.Contains(facts, "Al-Qabu") || !strings.Contains(facts, casefiletest.InternalBirth) || !strings.Contains(facts, "Sources disagree") {
		t.Errorf("the facts lack the disagreeing birthplaces")
	}
	// Nothing the case file leaves out: the rejected alias.
	if strings.Contains(doc, casefiletest.RejectedAlias) {
		t.Error("the dossier shows the rejected alias")
	}
}

// A dossier holds only what its reader may see, and says so; its case
// status is the one that reader's case file gives.
func TestDossierClearance(t *testing.T) {
	_, fx, m := seeded(t)
	ctx := context.Background()
	markings := map[string]string{"public": "", "vera": "", "anas": "INTERNAL", "karim": "INTERNAL", "rania": "RESTRICTED", "adel": "CONFIDENTIAL"}
	suggests := map[string]string{"public": "", "vera": "2 sources, unreviewed, suggest: <strong>Referred to the judiciary</strong>",
		"anas":  "2 sources, unreviewed, suggest: <strong>Referred to the judiciary</strong>",
		"karim": "2 sources, unreviewed, suggest: <strong>Referred to the judiciary</strong>", "rania": "1 source, unreviewed, suggests: <strong>On trial</strong>",
		"adel": "1 source, unreviewed, suggests: <strong>On trial</strong>"}
	for _, r := range casefiletest.Readers() {
		t.Run(r.Name, func(t *testing.T) {
			d, err := m.Make(ctx, r.Viewer, fx.Person, English)
			if err != nil {
				t.Fatal(err)
			}
			doc := string(d.HTML)
			for _, h := range fx.Hidden(r.Viewer.Clearance) {
				if strings.Contains(doc, h) {
					t.Errorf("%s (clearance %s) sees %q", r.Name, r.Viewer.Clearance, h)
				}
			}
			marking := regexp.MustCompile(`id="marking">([A-Z]+)`).FindStringSubmatch(doc)
			switch want := markings[r.Name]; {
			case want == "" && marking != nil:
				t.Errorf("a dossier of public material is marked %s", marking[1])
			case want != "" && (marking == nil || marking[1] != want):
				t.Errorf("marking %v, want %s", marking, want)
			}
			cs := section(t, doc, "case")
			if want := suggests[r.Name]; (want == "") != strings.Contains(cs, "Nothing beyond what is confirmed.") || !strings.Contains(cs, want) {
				t.Errorf("the suggestion, want %q:\n%s", want, cs)
			}
			if r.Viewer.Clearance < model.Restricted && strings.Contains(doc, "On trial") {
				t.Errorf("%s reads the restricted trial's status", r.Name)
			}
			if r.Viewer.Clearance == model.Confidential && !strings.Contains(doc, casefiletest.TortureQuote) {
				t.Error("full clearance does not see the confidential allegation")
			}
			if r.Viewer.Anonymous {
				for _, id := range []string{"identity", "case", "timeline", "facts", "notes"} {
					if strings.Contains(section(t, doc, id), "not yet reviewed") {
						t.Errorf("the anonymous public's dossier holds unreviewed statements in %s", id)
					}
				}
			}
		})
	}
}

func TestDossierOfWhat(t *testing.T) {
	_, fx, m := seeded(t)
	ctx := context.Background()
	for _, id := range []string{fx.Facility, fx.Arrest, "no-such-entity"} {
		if _, err := m.Make(ctx, access.Operator(), id, English); !errors.Is(err, ErrNoSuchPerson) {
			t.Errorf("dossier of %s: %v, want ErrNoSuchPerson", id, err)
		}
	}
	// A person the viewer may see nothing of is not there at all.
	if _, err := m.Make(ctx, access.Public(), fx.Witness, English); !errors.Is(err, ErrNoSuchPerson) {
		t.Errorf("the public's dossier of a confidential witness: %v", err)
	}
	// A merged id gives the dossier of the entity it was merged into.
	d, err := m.Make(ctx, access.Operator(), fx.Merged, English)
	if err != nil || d.ID != fx.Person || !strings.Contains(string(d.HTML), fx.Person) {
		t.Errorf("dossier of a merged id: %v", err)
	}
}

// A dossier names the sources it hands over — what the caller records by
// the audit rule — and only those its reader may see.
func TestDossierShown(t *testing.T) {
	_, fx, m := seeded(t)
	ctx := context.Background()
	for _, r := range casefiletest.Readers() {
		d, err := m.Make(ctx, r.Viewer, fx.Person, English)
		if err != nil {
			t.Fatal(err)
		}
		levels := map[model.Sensitivity]bool{}
		for _, src := range d.Shown {
			if src.Sensitivity > r.Viewer.Clearance {
				t.Errorf("%s is handed the %s source %s", r.Name, src.Sensitivity, src.ID)
			}
			if !strings.Contains(string(d.HTML), src.SHA256) {
				t.Errorf("%s: the dossier names %s as shown but does not cite it", r.Name, src.ID)
			}
			levels[src.Sensitivity] = true
		}
		if r.Viewer.Clearance >= model.Restricted && !levels[model.Restricted] {
			t.Errorf("%s: the restricted source is not among those shown", r.Name)
		}
		if r.Viewer.Clearance == model.Confidential && !levels[model.Confidential] {
			t.Errorf("%s: the confidential testimony is not among those shown", r.Name)
		}
		if d.Level < maxLevel(d.Shown) {
			t.Errorf("%s: the dossier's level %s is below what it cites", r.Name, d.Level)
		}
	}
}

func maxLevel(srcs []model.Source) model.Sensitivity {
	l := model.Public
	for _, s := range srcs {
		l = max(l, s.Sensitivity)
	}
	return l
}

// chromium finds Debian's chromium. Outside CI a machine without it skips
// with a message; in CI (CI=true) it fails.
func chromium(t *testing.T) {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if _, err := exec.LookPath(p); err == nil {
			return
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is required in CI (Debian package chromium, see .ci/apt-packages)")
	}
	t.Skip("skipping: no chromium (apt-get install chromium to run it)")
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

// Every key the template names is in both catalogues, and a dossier in
// either language shows no untranslated key.
func TestDossierKeysTranslated(t *testing.T) {
	keys := regexp.MustCompile(`\.T "([a-z0-9_.]+)"`).FindAllStringSubmatch(pageHTML, -1)
	if len(keys) < 50 {
		t.Fatalf("found only %d keys: is the pattern still right?", len(keys))
	}
	for _, k := range keys {
		for _, l := range []Lang{English, Arabic} {
			if !i18n.Has(l, k[1]) {
				t.Errorf("%q is missing in %s", k[1], l)
			}
		}
	}
	_, fx, m := seeded(t)
	for _, l := range []Lang{English, Arabic} {
		d, err := m.Make(context.Background(), access.Operator(), fx.Person, l)
		if err != nil {
			t.Fatal(err)
		}
		if i := strings.Index(string(d.HTML), "[["); i >= 0 {
			t.Errorf("the %s dossier shows an untranslated key: %s", l, d.HTML[i:min(i+60, len(d.HTML))])
		}
	}
}
