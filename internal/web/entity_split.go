package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Splitting an entity by its statements (app.SplitStatements), from a page
// of its own that the entity page's "Merge or split" section links to: a
// reviewer ticks the statements that are another person's — by statement,
// or every one a source makes — sees what would move and what stays, gives
// the reason and confirms. The split comes back to the entity page, which
// names the new entity with an undo (merging it back). Only what the
// reviewer may see is listed, previewed or moved.

// splitPage is the page: the statements to choose from, by source; with
// Preview, what the choice would move.
type splitPage struct {
	Ref     entityRef
	Groups  []splitGroup
	Preview *splitPreview
	Error   string // a refusal's message (safe to show: the use case's)
	Reason  string
}

// splitGroup is the statements one source (or none: manual ones) makes
// about the entity or linking to it.
type splitGroup struct {
	Source *model.Source
	Rows   []splitRow
}

// splitRow is one statement to choose; Event is the event a link belongs
// to.
type splitRow struct {
	ID       string
	Property model.Property
	Value    string
	Status   model.Status
	Role     model.ParticipantRole
	Quote    string
	Link     bool
	Event    *entityRef
	Chosen   bool
}

type splitPreview struct {
	Moves []splitRow
	Stays int
	IDs   []string
}

// entitySplitShow is the split page: the choice, and with preview=1 what
// the choice moves.
func (s *Server) entitySplitShow(w http.ResponseWriter, r *http.Request) {
	e, ok := s.canonicalEntity(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	q := r.URL.Query()
	page, err := s.splitPage(r, e.ID, chosenOf(q))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if q.Get("preview") != "" {
		if err := s.previewSplit(r, page, e.ID, chosenOf(q)); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.renderSplit(w, r, http.StatusOK, page)
}

// entitySplitStatements makes the split the reviewer confirmed.
func (s *Server) entitySplitStatements(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	e, ok := s.canonicalEntity(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	ids := r.PostForm["st"]
	sp, err := s.app.SplitStatements(ctx, v, e.ID, ids, r.PostForm.Get("reason"), false)
	if k := app.KindOf(err); k == app.Invalid || k == app.Conflict {
		// The page again, as it stands now, saying why nothing changed.
		page, perr := s.splitPage(r, e.ID, ids)
		if perr != nil {
			s.fail(w, r, perr)
			return
		}
		page.Error, page.Reason = err.Error(), r.PostForm.Get("reason")
		status := http.StatusBadRequest
		if k == app.Conflict {
			status = http.StatusConflict
		}
		s.renderSplit(w, r, status, page)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("entity split by statements from a page", "user", v.Actor(), "statements", len(sp.Moves))
	mergeBack(w, r, e.ID, url.Values{"split": {sp.Entity}})
}

// chosenOf reads the chosen statements: each st, and every statement of
// each source named (expanded by splitPage).
func chosenOf(q url.Values) []string {
	out := append([]string(nil), q["st"]...)
	for _, src := range q["source"] {
		out = append(out, "source:"+src)
	}
	return out
}

// splitPage reads what the reviewer may split off the entity, grouped by
// source in the order the statements were made, with chosen ticked.
func (s *Server) splitPage(r *http.Request, id string, chosen []string) (*splitPage, error) {
	ctx, v := r.Context(), state(r).viewer
	choices, err := s.app.SplitChoices(ctx, v, id)
	if err != nil {
		return nil, err
	}
	rd := s.reader(ctx, v)
	p := &splitPage{}
	if p.Ref, err = rd.ref(id); err != nil {
		return nil, err
	}
	pick := map[string]bool{}
	for _, c := range chosen {
		pick[c] = true
	}
	var srcIDs []string
	index := map[string]int{}
	var shown []model.Statement
	for _, c := range choices {
		st := c.Statement
		shown = append(shown, st)
		row := splitRow{ID: st.ID, Property: st.Property, Value: st.Value, Status: st.Status, Role: st.Role, Quote: st.Span.Quote,
			Link: c.Link, Chosen: pick[st.ID] || pick["source:"+st.SourceID]}
		if c.Link {
			ref, err := rd.ref(st.EntityID)
			if err != nil {
				return nil, err
			}
			row.Event = &ref
		}
		i, ok := index[st.SourceID]
		if !ok {
			i = len(p.Groups)
			index[st.SourceID] = i
			p.Groups = append(p.Groups, splitGroup{})
			if st.SourceID != "" {
				srcIDs = append(srcIDs, st.SourceID)
			}
		}
		p.Groups[i].Rows = append(p.Groups[i].Rows, row)
	}
	srcs, err := s.store.SourcesByID(ctx, v, srcIDs)
	if err != nil {
		return nil, err
	}
	var shownSrcs []model.Source
	for _, sid := range srcIDs {
		if src, ok := srcs[sid]; ok {
			p.Groups[index[sid]].Source = &src
			shownSrcs = append(shownSrcs, src)
		}
	}
	if err := s.record(r, "review", app.Shown{Sources: shownSrcs, Statements: shown}); err != nil {
		return nil, err
	}
	return p, nil
}

// previewSplit fills in what the ticked statements would move, or why they
// cannot (a refusal); it fails only when the server does.
func (s *Server) previewSplit(r *http.Request, p *splitPage, id string, chosen []string) error {
	var ids []string
	rows := map[string]splitRow{}
	for _, g := range p.Groups {
		for _, row := range g.Rows {
			if row.Chosen {
				ids = append(ids, row.ID)
				rows[row.ID] = row
			}
		}
	}
	// A statement ticked that is no longer on the page is still asked
	// about, so that the refusal says so.
	for _, c := range chosen {
		if !strings.HasPrefix(c, "source:") && rows[c].ID == "" {
			ids = append(ids, c)
		}
	}
	// The reason is asked for at the confirmation; the preview stands in
	// for it.
	sp, err := s.app.SplitStatements(r.Context(), state(r).viewer, id, ids, "preview", true)
	if k := app.KindOf(err); k == app.Invalid || k == app.Conflict {
		p.Error = err.Error()
		return nil
	}
	if err != nil {
		return err
	}
	p.Preview = &splitPreview{Stays: sp.Stays}
	for _, m := range sp.Moves {
		p.Preview.Moves = append(p.Preview.Moves, rows[m.Statement.ID])
		p.Preview.IDs = append(p.Preview.IDs, m.Statement.ID)
	}
	return nil
}

func (s *Server) renderSplit(w http.ResponseWriter, r *http.Request, status int, p *splitPage) {
	s.render(w, r, status, "split", "split.title", p)
}
