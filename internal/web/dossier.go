package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pdf"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/web/i18n"
)

// A case dossier is a person's page as a printable report: the same
// assembly as the profile (loadEntity: names, facts, timeline, derived case
// status and fate, read as the viewer), with every fact footnoted to the
// exact quote it rests on — source title, publisher, date, URL, SHA-256 of
// the original, the quote, its review state — and the signed ledger head it
// was made at, with how to check it. It is one self-contained HTML document
// (stylesheet inlined, no script, nothing from the network) that prints to
// PDF through internal/pdf.

// ErrNoSuchPerson: the id names no person the viewer may see anything of.
var ErrNoSuchPerson = errors.New("no such person that you may see")

// Dossier renders the case dossier of person id as v may see it, as a
// self-contained HTML document in lang, and records in the access log that
// v was given its restricted and confidential sources.
func (s *Server) Dossier(ctx context.Context, v access.Viewer, id string, lang i18n.Lang) ([]byte, error) {
	d, err := s.dossier(ctx, v, id, lang)
	if err != nil {
		return nil, err
	}
	if err := s.recordDossier(ctx, v, localRemote, d.shown); err != nil {
		return nil, err
	}
	return d.html, nil
}

// DossierPDF is Dossier printed to A4 PDF by headless Chromium, with the
// person's name and the sensitivity marking at the top of every page and
// the page number at the bottom.
func (s *Server) DossierPDF(ctx context.Context, v access.Viewer, id string, lang i18n.Lang) ([]byte, error) {
	d, err := s.dossier(ctx, v, id, lang)
	if err != nil {
		return nil, err
	}
	out, err := d.pdf(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.recordDossier(ctx, v, localRemote, d.shown); err != nil {
		return nil, err
	}
	return out, nil
}

// localRemote stands in the access log for the address of a dossier made
// on this machine (by the command line), not over HTTP.
const localRemote = "local"

// dossierShow is GET /entities/{id}/dossier: the dossier as a web page.
// Its inlined stylesheet is allowed by its hash, nothing else.
func (s *Server) dossierShow(w http.ResponseWriter, r *http.Request) {
	d, ok := s.dossierFor(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src '"+dossierCSSHash()+"'; "+
		"img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(d.html)
}

// dossierPDF is GET /entities/{id}/dossier.pdf: the dossier printed, as a
// download.
func (s *Server) dossierPDF(w http.ResponseWriter, r *http.Request) {
	d, ok := s.dossierFor(w, r)
	if !ok {
		return
	}
	out, err := d.pdf(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="dossier-`+d.id+"-"+string(d.lang)+`.pdf"`)
	_, _ = w.Write(out)
}

// dossierFor builds the dossier a request asks for and records the view;
// ok is false when a response was already written. A merged id goes to
// the dossier of the entity it was merged into.
func (s *Server) dossierFor(w http.ResponseWriter, r *http.Request) (*dossierDoc, bool) {
	ctx, st := r.Context(), state(r)
	id := r.PathValue("id")
	if c, err := s.store.Canonical(ctx, id); err == nil && c != id {
		target := "/entities/" + c + "/dossier"
		if strings.HasSuffix(r.URL.Path, ".pdf") {
			target += ".pdf"
		}
		http.Redirect(w, r, target, http.StatusFound)
		return nil, false
	}
	d, err := s.dossier(ctx, st.viewer, id, st.lang)
	if errors.Is(err, ErrNoSuchPerson) {
		s.notFound(w, r)
		return nil, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	if err := s.recordDossier(ctx, st.viewer, clientIP(r), d.shown); err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return d, true
}

// recordDossier records the restricted and confidential sources a dossier
// gave v. It must succeed before the dossier is handed over.
func (s *Server) recordDossier(ctx context.Context, v access.Viewer, remote string, shown []model.Source) error {
	var entries []AccessEntry
	seen := map[string]bool{}
	for _, src := range shown {
		if logged(src.Sensitivity) && !seen[src.ID] {
			seen[src.ID] = true
			entries = append(entries, AccessEntry{At: s.now().UTC(), Actor: v.Actor(), Action: "dossier",
				Subject: src.ID, Sensitivity: src.Sensitivity, Remote: remote})
		}
	}
	if len(entries) == 0 {
		return nil
	}
	if err := s.accessLog.Record(ctx, entries...); err != nil {
		return fmt.Errorf("record the dossier's restricted sources in the access log: %w", err)
	}
	return nil
}

// dossierDoc is a rendered dossier and what printing and logging it need.
type dossierDoc struct {
	id      string
	lang    i18n.Lang
	html    []byte
	title   string // the running header
	marking string // "" for a dossier of public material only
	shown   []model.Source
}

func (d *dossierDoc) pdf(ctx context.Context) ([]byte, error) {
	return pdf.Print(ctx, d.html, pdf.Options{Title: d.title, Marking: d.marking, RTL: d.lang == i18n.Arabic,
		Footer: i18n.T(d.lang, "dossier.page"), Timeout: 2 * time.Minute})
}

// checkpointing keeps two dossiers of one server from signing the same head
// into the same checkpoint file at once.
var checkpointing sync.Mutex

// dossierTries bounds how often a dossier is read again because the ledger
// moved while it was read.
const dossierTries = 3

// dossier reads and renders a person's dossier. The ledger's head is signed
// into a checkpoint before the read and checked after it: a dossier is
// never stamped with a head other than the one its content was read at.
func (s *Server) dossier(ctx context.Context, v access.Viewer, id string, lang i18n.Lang) (*dossierDoc, error) {
	e, err := s.store.Entity(ctx, id)
	if err == nil && e.MergedInto != "" {
		var c string
		if c, err = s.store.Canonical(ctx, id); err == nil {
			e, err = s.store.Entity(ctx, c)
		}
	}
	if errors.Is(err, store.ErrNotFound) || (err == nil && e.Type != model.TypePerson) {
		return nil, fmt.Errorf("dossier %s: %w", id, ErrNoSuchPerson)
	}
	if err != nil {
		return nil, err
	}
	id = e.ID
	for try := 0; try < dossierTries; try++ {
		checkpointing.Lock()
		cp, err := s.store.Checkpoint(ctx)
		checkpointing.Unlock()
		if err != nil {
			return nil, fmt.Errorf("dossier %s: sign the ledger's head: %w", id, err)
		}
		rd := s.reader(ctx, v)
		p, ok, err := rd.loadEntity(e)
		if err != nil {
			return nil, fmt.Errorf("dossier %s: %w", id, err)
		}
		if !ok {
			return nil, fmt.Errorf("dossier %s: %w", id, ErrNoSuchPerson)
		}
		seq, hash, err := s.store.Head(ctx)
		if err != nil {
			return nil, err
		}
		if seq != cp.Seq || (seq > 0 && hash != cp.Hash) {
			continue // written to meanwhile: read again at the new head
		}
		dv, err := buildDossier(rd, p, v, lang, cp, hash, s.now().UTC())
		if err != nil {
			return nil, fmt.Errorf("dossier %s: %w", id, err)
		}
		return dv.render(s, id)
	}
	return nil, fmt.Errorf("dossier %s: the ledger kept changing while it was read; try again", id)
}

// dossierCSS is the dossier's stylesheet, inlined into every dossier.
var dossierCSS = sync.OnceValue(func() string {
	b, err := files.ReadFile("static/dossier.css")
	if err != nil {
		panic("web: the embedded dossier stylesheet is missing: " + err.Error())
	}
	return string(b)
})

// dossierCSSHash is the CSP source that allows the inlined stylesheet.
func dossierCSSHash() string {
	sum := sha256.Sum256([]byte(dossierCSS()))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// render executes the dossier template.
func (d *dossierView) render(s *Server, id string) (*dossierDoc, error) {
	t, ok := s.pages["dossier"]
	if !ok {
		return nil, errors.New("no dossier template")
	}
	v := &view{Lang: d.Lang, Dir: d.Lang.Dir(), Viewer: d.By, Data: d}
	name := d.Name
	if d.Lang == i18n.Arabic && d.NameAr != "" {
		name = d.NameAr
	}
	v.Title = v.T("dossier.title", name)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "dossier", v); err != nil {
		return nil, fmt.Errorf("render dossier: %w", err)
	}
	doc := &dossierDoc{id: id, lang: d.Lang, html: buf.Bytes(), title: v.Title, shown: d.shown}
	if d.Marking > model.Public {
		doc.marking = v.T("dossier.marking." + d.Marking.String())
	}
	return doc, nil
}

// dossierView is what the dossier template shows.
type dossierView struct {
	Lang      i18n.Lang
	CSS       template.CSS
	ID        string
	Name      string // the strongest Latin-script name, or the Arabic one
	NameAr    string // the strongest Arabic-script name
	Translit  string // machine transliteration, when no Latin name is known
	Generated time.Time
	By        access.Viewer
	Ledger    dossierLedger
	Marking   model.Sensitivity // the highest level of anything cited

	Names       []dossierClaim
	Epithets    []dossierClaim
	Case        caseStatus
	CaseSteps   []dossierStep
	Fate        victimFate
	FateCites   []int
	Timeline    []dossierEvent
	Allegations []dossierEvent
	Facts       []dossierFact
	Superiors   []dossierClaim
	Victims     []linked
	Perps       []linked
	Linked      []linked
	Notes       []citation
	Confirmed   int // facts and events a reviewer confirmed
	Proposed    int // facts and events not yet reviewed
	Rejected    int // rejected statements, left out
	Sources     int // distinct sources cited

	shown []model.Source
}

// dossierLedger is the signed head a dossier was made at.
type dossierLedger struct {
	Seq       int64
	Hash      string
	SignedAt  string
	PublicKey string
	Signature string
	File      string // the checkpoint's file in the data directory
}

// dossierClaim is a claim with the footnotes of its quotes.
type dossierClaim struct {
	claim
	Arabic bool
	Cites  []int
}

type dossierFact struct {
	Property string
	Disagree bool
	Claims   []dossierClaim
}

type dossierStep struct {
	caseStep
	Cites []int
}

// dossierEvent is a timeline row with the footnotes of its quotes and the
// sources that report it.
type dossierEvent struct {
	eventView
	Cites   []int
	Sources []dossierSource
}

// dossierSource is a source reporting an event, with its footnotes.
type dossierSource struct {
	Source model.Source
	Cites  []int
}

// citation is one footnote: a quote of one source (or a statement a person
// entered with none) and the review state of the statements resting on it.
type citation struct {
	N           int
	Source      *model.Source // nil for a statement entered with no source
	First       int           // an earlier footnote citing the same source; 0 when this is the first
	Quote       string
	Modality    model.Modality
	Statements  int
	Confirmed   int
	ReviewedAt  time.Time // the latest review of a confirmed statement
	Sensitivity model.Sensitivity
	Origins     []string
}

// Review is the footnote's review state: confirmed, proposed or partly.
func (c citation) Review() string {
	switch {
	case c.Confirmed == c.Statements:
		return "confirmed"
	case c.Confirmed == 0:
		return "proposed"
	}
	return "partly"
}

// citer numbers a dossier's footnotes in order of first citation: one per
// source and quote, however many statements rest on it.
type citer struct {
	rd      *reader
	byKey   map[string]int
	bySrc   map[string]int
	counted map[string]bool // statement ids already counted into a footnote
	list    []citation
	max     model.Sensitivity
	shown   []model.Source
}

// cite returns the footnotes of statements, sorted.
func (c *citer) cite(sts []model.Statement) ([]int, error) {
	var out []int
	for _, st := range sts {
		if st.Status == model.StatusRejected {
			continue
		}
		var src *model.Source
		if st.SourceID != "" {
			var err error
			if src, err = c.rd.source(st.SourceID); err != nil {
				return nil, err
			}
		}
		key := st.SourceID + "\x00" + st.Span.Quote + "\x00" + string(st.Modality)
		if st.SourceID == "" || src == nil {
			key = "manual\x00" + st.ID // each entered statement is its own note
			src = nil
		}
		n, ok := c.byKey[key]
		if !ok {
			n = len(c.list) + 1
			c.byKey[key] = n
			ct := citation{N: n, Source: src, Quote: st.Span.Quote, Modality: st.Modality}
			if src != nil {
				if first, seen := c.bySrc[src.ID]; seen {
					ct.First = first
				} else {
					c.bySrc[src.ID] = n
					c.shown = append(c.shown, *src)
				}
				ct.Sensitivity = src.Sensitivity
			}
			c.list = append(c.list, ct)
		}
		ct := &c.list[n-1]
		if !c.counted[st.ID] {
			c.counted[st.ID] = true
			ct.Statements++
			if st.Status == model.StatusConfirmed {
				ct.Confirmed++
				if st.ReviewedAt.After(ct.ReviewedAt) {
					ct.ReviewedAt = st.ReviewedAt
				}
			}
			if st.Sensitivity > ct.Sensitivity {
				ct.Sensitivity = st.Sensitivity
			}
			if st.Origin != "" && !containsString(ct.Origins, st.Origin) {
				ct.Origins = append(ct.Origins, st.Origin)
			}
		}
		if ct.Sensitivity > c.max {
			c.max = ct.Sensitivity
		}
		if !containsInt(out, n) {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out, nil
}

func (c *citer) claims(cs []claim) ([]dossierClaim, error) {
	out := make([]dossierClaim, 0, len(cs))
	for _, cl := range cs {
		n, err := c.cite(cl.Statements)
		if err != nil {
			return nil, err
		}
		out = append(out, dossierClaim{claim: cl, Arabic: cl.Latin != "" || arabicOnly(cl.Value), Cites: n})
	}
	return out, nil
}

// buildDossier turns a person's page into the dossier's sections, in the
// order they print, numbering footnotes as they are first cited.
func buildDossier(rd *reader, p entityPage, v access.Viewer, lang i18n.Lang, cp ledger.Checkpoint, hash string, now time.Time) (*dossierView, error) {
	d := &dossierView{Lang: lang, CSS: template.CSS(dossierCSS()), ID: p.Ref.ID, Generated: now, By: v,
		Case: p.Case, Fate: p.Fate, Victims: p.Victims, Perps: p.Perpetrators, Linked: p.Linked, Rejected: p.Rejected}
	d.Ledger = dossierLedger{Seq: cp.Seq, Hash: hash, SignedAt: cp.At, PublicKey: cp.PublicKey, Signature: cp.Signature,
		File: fmt.Sprintf("checkpoints/%012d.json", cp.Seq)}
	c := &citer{rd: rd, byKey: map[string]int{}, bySrc: map[string]int{}, counted: map[string]bool{}}
	var err error
	latin, err := c.claims(p.NamesLatin)
	if err != nil {
		return nil, err
	}
	arabic, err := c.claims(p.NamesArabic)
	if err != nil {
		return nil, err
	}
	d.Names = append(latin, arabic...)
	if d.Epithets, err = c.claims(p.Epithets); err != nil {
		return nil, err
	}
	d.Name, d.NameAr = strongest(p.NamesLatin), strongest(p.NamesArabic)
	if d.Name == "" {
		d.Name, d.Translit = d.NameAr, latinOf(d.NameAr)
	}
	if d.Name == "" {
		d.Name = p.Ref.ID
	}
	// The case and the fate cite the events they are derived from; the
	// timeline, the allegations and the facts follow.
	evs := make([]dossierEvent, len(p.Timeline))
	for i, ev := range p.Timeline {
		evs[i].eventView = ev
	}
	for i, step := range p.Case.Steps {
		ds := dossierStep{caseStep: step}
		if step.Reached {
			for _, ev := range p.Timeline {
				if stage, ok := caseStage[ev.Type]; ok && stage == i && accusedRoles[ev.Role] && !onlyDenied(ev) {
					n, err := c.cite(ev.statements)
					if err != nil {
						return nil, err
					}
					ds.Cites = mergeInts(ds.Cites, n)
				}
			}
		}
		d.CaseSteps = append(d.CaseSteps, ds)
	}
	if p.Fate.Fate != "" {
		for _, ev := range p.Timeline {
			f, ok := fateOf[ev.Type]
			if ok && f.fate == p.Fate.Fate && dateKey(ev.Date) == dateKey(p.Fate.Date) && (ev.Role == "victim" || ev.Role == "subject") && !onlyDenied(ev) {
				n, err := c.cite(ev.statements)
				if err != nil {
					return nil, err
				}
				d.FateCites = mergeInts(d.FateCites, n)
			}
		}
	}
	for i := range evs {
		if evs[i].Cites, err = c.cite(evs[i].statements); err != nil {
			return nil, err
		}
		if evs[i].Sources, err = eventSources(c, evs[i].eventView); err != nil {
			return nil, err
		}
		count(d, evs[i].Status)
		if evs[i].Alleged || strings.HasSuffix(evs[i].Type, "_allegation") {
			d.Allegations = append(d.Allegations, evs[i])
		}
	}
	d.Timeline = evs
	for _, f := range p.Facts {
		cs, err := c.claims(f.Claims)
		if err != nil {
			return nil, err
		}
		d.Facts = append(d.Facts, dossierFact{Property: f.Property, Disagree: f.Disagree, Claims: cs})
	}
	if d.Superiors, err = c.claims(p.Superiors); err != nil {
		return nil, err
	}
	for _, group := range [][]dossierClaim{d.Names, d.Epithets, d.Superiors} {
		for _, cl := range group {
			count(d, cl.Status)
		}
	}
	for _, f := range d.Facts {
		for _, cl := range f.Claims {
			count(d, cl.Status)
		}
	}
	d.Notes, d.Marking, d.shown, d.Sources = c.list, c.max, c.shown, len(c.bySrc)
	return d, nil
}

// count adds a fact or event to the dossier's review summary.
func count(d *dossierView, s model.Status) {
	switch s {
	case model.StatusConfirmed:
		d.Confirmed++
	case model.StatusProposed:
		d.Proposed++
	}
}

// eventSources lists the sources reporting an event, each with the
// footnotes of its quotes, in order of their first footnote.
func eventSources(c *citer, ev eventView) ([]dossierSource, error) {
	var out []dossierSource
	index := map[string]int{}
	for _, st := range ev.statements {
		if st.SourceID == "" || st.Status == model.StatusRejected {
			continue
		}
		src, err := c.rd.source(st.SourceID)
		if err != nil {
			return nil, err
		}
		if src == nil {
			continue
		}
		n, err := c.cite([]model.Statement{st})
		if err != nil {
			return nil, err
		}
		i, ok := index[src.ID]
		if !ok {
			i = len(out)
			index[src.ID] = i
			out = append(out, dossierSource{Source: *src})
		}
		out[i].Cites = mergeInts(out[i].Cites, n)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Cites[0] < out[j].Cites[0] })
	return out, nil
}

// strongest is the name to head a dossier with: a confirmed one before a
// proposed one, then the one most independent sources give.
func strongest(cs []claim) string {
	best := -1
	for i, c := range cs {
		if best < 0 || rank(c) > rank(cs[best]) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return cs[best].Value
}

func rank(c claim) int {
	r := c.Independent
	if c.Status == model.StatusConfirmed {
		r += 1000
	}
	return r
}

// The dossier template's helpers, on the view every template gets.

// Cites writes footnote references as superscripts.
func (v *view) Cites(ns []int) template.HTML {
	if len(ns) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<sup class="fn">`)
	for i, n := range ns {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `<a href="#fn-%d">%d</a>`, n, n)
	}
	b.WriteString(`</sup>`)
	return template.HTML(b.String())
}

// Mono isolates a hash or an id left to right, in a monospace face, with
// break opportunities so that a long one wraps.
func (v *view) Mono(s string) template.HTML {
	return template.HTML(`<bdi dir="ltr" class="mono">` + template.HTMLEscapeString(s) + `</bdi>`)
}

// Stamp writes an RFC 3339 time (a checkpoint's) like Time.
func (v *view) Stamp(s string) template.HTML {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return ltr(s)
	}
	return v.Time(t)
}
