package dossier

import (
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/model"
)

// view is what the dossier template shows.
type view struct {
	Lang      Lang
	CSS       template.CSS
	ID        string
	Name      string // the strongest Latin-script name, or the Arabic one
	NameAr    string // the strongest Arabic-script name
	Translit  string // machine transliteration, when no Latin name is known
	Generated time.Time
	By        access.Viewer
	Ledger    ledgerHead
	Marking   model.Sensitivity // the highest level of anything cited

	Names       []claim
	Epithets    []claim
	Case        casefile.Case
	CaseSteps   []step
	CaseCites   cites // the confirmed and the suggested status's footnotes
	Fate        casefile.Fate
	FateCites   cites
	Timeline    []event
	Allegations []event
	Facts       []fact
	Superiors   []claim
	Victims     []casefile.Linked
	Perps       []casefile.Linked
	Linked      []casefile.Linked
	Notes       []citation
	Confirmed   int // facts and events a reviewer confirmed
	Proposed    int // facts and events not yet reviewed
	Rejected    int // rejected statements, left out
	RejectedEvs int // events a reviewer rejected, left out
	Sources     int // distinct sources cited
	Withheld    int // sources left out for lack of the witness's consent to use in court

	shown []model.Source
}

// cites are the footnotes of a status's two readings.
type cites struct{ Confirmed, Suggested []int }

// ledgerHead is the signed head a dossier was made at.
type ledgerHead struct {
	Seq       int64
	Hash      string
	SignedAt  string
	PublicKey string
	Signature string
	File      string // the checkpoint's file in the data directory
	// Stamps are the verified RFC 3161 time-stamps over the checkpoint;
	// none: no trusted time was obtained.
	Stamps []ledger.TokenInfo
}

// claim is a claim with the footnotes of its quotes.
type claim struct {
	casefile.Claim
	Cites []int
}

type fact struct {
	Property model.Property
	Disagree bool
	Claims   []claim
}

type step struct {
	casefile.Step
	Cites []int
}

// event is a timeline row with the footnotes of its quotes and the sources
// that report it.
type event struct {
	casefile.Event
	Cites   []int
	Sources []eventSource
}

// eventSource is a source reporting an event, with its footnotes.
type eventSource struct {
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
	rd      *casefile.Reader
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
			if src, err = c.rd.Source(st.SourceID); err != nil {
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
			if st.Origin != "" && !slices.Contains(ct.Origins, st.Origin) {
				ct.Origins = append(ct.Origins, st.Origin)
			}
		}
		if ct.Sensitivity > c.max {
			c.max = ct.Sensitivity
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out, nil
}

func (c *citer) claims(cs []casefile.Claim) ([]claim, error) {
	out := make([]claim, 0, len(cs))
	for _, cl := range cs {
		n, err := c.cite(cl.Statements)
		if err != nil {
			return nil, err
		}
		out = append(out, claim{Claim: cl, Cites: n})
	}
	return out, nil
}

// events cites the statements of the event entities among ids.
func (c *citer) events(byID map[string]casefile.Event, ids []string) ([]int, error) {
	var out []int
	for _, id := range ids {
		n, err := c.cite(byID[id].Statements)
		if err != nil {
			return nil, err
		}
		out = merge(out, n)
	}
	return out, nil
}

// build turns a person's case file into the dossier's sections, in the
// order they print, numbering footnotes as they are first cited.
func build(rd *casefile.Reader, f *casefile.File, v access.Viewer, lang Lang, cp ledger.Checkpoint, stamps []ledger.TokenInfo, hash string, now time.Time) (*view, error) {
	d := &view{Lang: lang, CSS: template.CSS(css), ID: f.Ref.ID, Generated: now, By: v, Case: f.Case, Fate: f.Fate,
		Victims: f.Victims, Perps: f.Perpetrators, Linked: f.Linked, Rejected: f.Rejected, RejectedEvs: len(f.RejectedEvents)}
	d.Ledger = ledgerHead{Seq: cp.Seq, Hash: hash, SignedAt: cp.At, PublicKey: cp.PublicKey, Signature: cp.Signature,
		File: fmt.Sprintf("checkpoints/%012d.json", cp.Seq), Stamps: stamps}
	c := &citer{rd: rd, byKey: map[string]int{}, bySrc: map[string]int{}, counted: map[string]bool{}}
	latin, err := c.claims(f.NamesLatin)
	if err != nil {
		return nil, err
	}
	arabic, err := c.claims(f.NamesArabic)
	if err != nil {
		return nil, err
	}
	d.Names = append(latin, arabic...)
	if d.Epithets, err = c.claims(f.Epithets); err != nil {
		return nil, err
	}
	d.Name, d.NameAr = casefile.Strongest(f.NamesLatin), casefile.Strongest(f.NamesArabic)
	if d.Name == "" {
		d.Name, d.Translit = d.NameAr, casefile.LatinOf(d.NameAr)
	}
	if d.Name == "" {
		d.Name = f.Ref.ID
	}
	// The case and the fate cite the events they are derived from; the
	// timeline, the allegations and the facts follow.
	byID := map[string]casefile.Event{}
	for _, ev := range f.Events {
		byID[ev.ID] = ev
	}
	if d.CaseCites.Confirmed, err = c.events(byID, f.Case.Confirmed.Events); err != nil {
		return nil, err
	}
	if d.CaseCites.Suggested, err = c.events(byID, f.Case.Suggested.Events); err != nil {
		return nil, err
	}
	for _, st := range f.Case.Steps {
		ds := step{Step: st}
		if ds.Cites, err = c.events(byID, st.Events); err != nil {
			return nil, err
		}
		d.CaseSteps = append(d.CaseSteps, ds)
	}
	if d.FateCites.Confirmed, err = c.events(byID, f.Fate.Confirmed.Events); err != nil {
		return nil, err
	}
	if d.FateCites.Suggested, err = c.events(byID, f.Fate.Suggested.Events); err != nil {
		return nil, err
	}
	evs := make([]event, len(f.Timeline))
	for i, ev := range f.Timeline {
		evs[i].Event = ev
		if evs[i].Cites, err = c.cite(ev.Statements); err != nil {
			return nil, err
		}
		if evs[i].Sources, err = eventSources(c, ev); err != nil {
			return nil, err
		}
		d.count(ev.Status)
		if ev.Alleged || strings.HasSuffix(string(ev.Type), "_allegation") {
			d.Allegations = append(d.Allegations, evs[i])
		}
	}
	d.Timeline = evs
	for _, fa := range f.Facts {
		cs, err := c.claims(fa.Claims)
		if err != nil {
			return nil, err
		}
		d.Facts = append(d.Facts, fact{Property: fa.Property, Disagree: fa.Disagree, Claims: cs})
	}
	if d.Superiors, err = c.claims(f.Superiors); err != nil {
		return nil, err
	}
	for _, group := range [][]claim{d.Names, d.Epithets, d.Superiors} {
		for _, cl := range group {
			d.count(cl.Status)
		}
	}
	for _, fa := range d.Facts {
		for _, cl := range fa.Claims {
			d.count(cl.Status)
		}
	}
	d.Notes, d.Marking, d.shown, d.Sources = c.list, c.max, c.shown, len(c.bySrc)
	d.Withheld = rd.Withheld()
	return d, nil
}

// count adds a fact or event to the dossier's review summary.
func (d *view) count(s model.Status) {
	switch s {
	case model.StatusConfirmed:
		d.Confirmed++
	case model.StatusProposed:
		d.Proposed++
	}
}

// eventSources lists the sources reporting an event, each with the
// footnotes of its quotes, in order of their first footnote.
func eventSources(c *citer, ev casefile.Event) ([]eventSource, error) {
	var out []eventSource
	index := map[string]int{}
	for _, st := range ev.Statements {
		if st.SourceID == "" || st.Status == model.StatusRejected {
			continue
		}
		src, err := c.rd.Source(st.SourceID)
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
			out = append(out, eventSource{Source: *src})
		}
		out[i].Cites = merge(out[i].Cites, n)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Cites[0] < out[j].Cites[0] })
	return out, nil
}

func merge(a, b []int) []int {
	for _, x := range b {
		if !slices.Contains(a, x) {
			a = append(a, x)
		}
	}
	sort.Ints(a)
	return a
}
