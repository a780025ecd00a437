// Package dossier makes a person's case dossier: their case file (names,
// facts, timeline, the case status and fate as confirmed events support them
// and, apart, as unreviewed readings suggest them, read as the viewer) as a
// printable report, with every fact footnoted to the exact quote it rests on
// — source title, publisher, date, URL, SHA-256 of the original, the quote,
// its review state — and the signed ledger head it was made at, with how to
// check it. It is one self-contained HTML document (stylesheet inlined, no
// script, nothing from the network) that prints to PDF through internal/pdf.
// The web UI serves it and `athar export dossier` writes it; neither needs
// the other.
package dossier

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pdf"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/web/i18n"
)

// ErrNoSuchPerson: the id names no person the viewer may see anything of.
var ErrNoSuchPerson = errors.New("no such person that you may see")

// Lang is a dossier's language (English or Arabic).
type Lang = i18n.Lang

// The dossier's languages.
const (
	English = i18n.English
	Arabic  = i18n.Arabic
)

// ParseLang reads a language code: en or ar (ok is false for another).
func ParseLang(s string) (Lang, bool) { return i18n.Parse(s) }

// Maker makes dossiers from one store.
type Maker struct {
	st    *store.Store
	cases *casefile.Service
	now   func() time.Time
	// TrustedTime, when set, asks for trusted time over the checkpoint a
	// dossier is made at and returns the verified time-stamps over it
	// (the application layer sets it: app.Dossiers). Unset or empty, the
	// dossier says no trusted time was obtained.
	TrustedTime func(ctx context.Context, cp ledger.Checkpoint) []ledger.TokenInfo
}

// New is a maker of dossiers over st, reading case files through cases
// (nil: its own) with the clock now (nil: time.Now).
func New(st *store.Store, cases *casefile.Service, now func() time.Time) *Maker {
	if cases == nil {
		cases = casefile.New(st)
	}
	if now == nil {
		now = time.Now
	}
	return &Maker{st: st, cases: cases, now: now}
}

// Doc is a rendered dossier and what printing and recording it need.
type Doc struct {
	ID      string // the person (after merges)
	Lang    Lang
	HTML    []byte
	Title   string            // the running header
	Marking string            // "" for a dossier of public material only
	Shown   []model.Source    // the sources it cites: handing it over is recorded by the audit rule (app.RecordViews)
	Level   model.Sensitivity // the highest level of anything cited
}

// PDF prints the dossier to A4 through headless Chromium, with the person's
// name and the sensitivity marking at the top of every page and the page
// number at the bottom.
func (d *Doc) PDF(ctx context.Context) ([]byte, error) {
	return pdf.Print(ctx, d.HTML, pdf.Options{Title: d.Title, Marking: d.Marking, RTL: d.Lang == i18n.Arabic,
		Footer: i18n.T(d.Lang, "dossier.page"), Timeout: 2 * time.Minute})
}

// checkpointing keeps two dossiers of one process from signing the same
// head into the same checkpoint file at once.
var checkpointing sync.Mutex

// tries bounds how often a dossier is read again because the ledger moved
// while it was read.
const tries = 3

// Make reads and renders the dossier of the person id (an id merged away
// gives the person it was merged into) as v may see it, in lang. The
// ledger's head is signed into a checkpoint before the read and checked
// after it: a dossier is never stamped with a head other than the one its
// content was read at. It records nothing: the caller records the hand-over
// of Doc.Shown by the audit rule before handing it over.
func (m *Maker) Make(ctx context.Context, v access.Viewer, id string, lang Lang) (*Doc, error) {
	rd := m.cases.Reader(ctx, v)
	c, err := rd.Canonical(id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("dossier %s: %w", id, ErrNoSuchPerson)
	}
	if err != nil {
		return nil, fmt.Errorf("dossier %s: %w", id, err)
	}
	e, err := m.st.Entity(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("dossier %s: %w", id, err)
	}
	if e.Type != model.TypePerson {
		return nil, fmt.Errorf("dossier %s: %w", id, ErrNoSuchPerson)
	}
	// A testimony whose witness did not consent to use in court gives the
	// dossier nothing; the dossier says how many sources it left out.
	withhold, err := m.st.TestimoniesWithout(ctx, model.UseCourt, "")
	if err != nil {
		return nil, fmt.Errorf("dossier %s: %w", e.ID, err)
	}
	for range tries {
		checkpointing.Lock()
		cp, err := m.st.Checkpoint(ctx)
		checkpointing.Unlock()
		if err != nil {
			return nil, fmt.Errorf("dossier %s: sign the ledger's head: %w", e.ID, err)
		}
		rd := m.cases.Reader(ctx, v)
		rd.Withhold(withhold)
		f, ok, err := rd.Read(e, casefile.Options{})
		if err != nil {
			return nil, fmt.Errorf("dossier %s: %w", e.ID, err)
		}
		if !ok {
			return nil, fmt.Errorf("dossier %s: %w", e.ID, ErrNoSuchPerson)
		}
		seq, hash, err := m.st.Head(ctx)
		if err != nil {
			return nil, err
		}
		if seq != cp.Seq || (seq > 0 && hash != cp.Hash) {
			continue // written to meanwhile: read again at the new head
		}
		var stamps []ledger.TokenInfo
		if m.TrustedTime != nil && cp.Seq > 0 {
			stamps = m.TrustedTime(ctx, cp)
		}
		d, err := build(rd, f, v, lang, cp, stamps, hash, m.now().UTC())
		if err != nil {
			return nil, fmt.Errorf("dossier %s: %w", e.ID, err)
		}
		return d.render(e.ID)
	}
	return nil, fmt.Errorf("dossier %s: the ledger kept changing while it was read; try again", e.ID)
}

//go:embed dossier.css
var css string

// CSSHash is the Content-Security-Policy source that allows the dossier's
// inlined stylesheet, and nothing else.
func CSSHash() string {
	sum := sha256.Sum256([]byte(css))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}
