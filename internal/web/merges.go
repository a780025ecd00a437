package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/names"
	"github.com/athar-project/athar/internal/store"
)

type mergesData struct {
	Items []mergeItem
}

// mergeItem is a merge proposal with both entities side by side.
type mergeItem struct {
	store.MergeProposal
	A, B       mergeSide
	Recomputed bool // the reasons were recomputed on the names the viewer may see
}

type mergeSide struct {
	Ref        entityRef
	Names      []string
	Statements []statementRow
	More       int // statements not listed
}

const statementsPerSide = 12

// mergesShow lists the open merge proposals: both entities' names and
// statements side by side, the matcher's score and reasons, and the three
// verdicts. A proposal is listed only when the viewer may see something of
// both entities. The matcher's stored reasons quote names of any
// sensitivity, so a viewer below full clearance sees them recomputed on the
// names they may see.
func (s *Server) mergesShow(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	rd := s.reader(ctx, v)
	props, err := s.store.MergeProposals(ctx, "open")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var data mergesData
	for _, p := range props {
		it, ok, err := rd.mergeItem(p)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if ok {
			data.Items = append(data.Items, it)
		}
	}
	s.render(w, r, http.StatusOK, "merges", "merges.title", data)
}

func (rd *reader) mergeItem(p store.MergeProposal) (mergeItem, bool, error) {
	it := mergeItem{MergeProposal: p}
	var ok bool
	var err error
	if it.A, ok, err = rd.mergeSide(p.EntityA); err != nil || !ok {
		return it, false, err
	}
	if it.B, ok, err = rd.mergeSide(p.EntityB); err != nil || !ok {
		return it, false, err
	}
	if !rd.fullView() {
		it.Recomputed = true
		it.Score, it.Reasons = compareOver(it.A.Names, it.B.Names)
	}
	return it, true, nil
}

// mergeSide reads one entity of a proposal; ok is false when the viewer may
// see none of its statements.
func (rd *reader) mergeSide(id string) (mergeSide, bool, error) {
	var side mergeSide
	sts, err := rd.statements(id)
	if err != nil || len(sts) == 0 {
		return side, false, err
	}
	if side.Ref, err = rd.ref(id); err != nil {
		return side, false, err
	}
	if side.Names, err = rd.visibleNames(id); err != nil {
		return side, false, err
	}
	if len(sts) > statementsPerSide {
		side.More = len(sts) - statementsPerSide
		sts = sts[:statementsPerSide]
	}
	side.Statements, err = rd.statementRows(sts)
	return side, err == nil, err
}

// fullView reports whether the viewer may see every statement: then the
// matcher's stored score and reasons, which may rest on names of any level,
// can be shown as they are.
func (rd *reader) fullView() bool {
	return rd.v.Clearance == model.Confidential && !rd.v.ConfirmedOnly()
}

// compareOver compares every name of one side with every name of the other
// and returns the best pair's score and reasons.
func compareOver(a, b []string) (float64, []string) {
	var best []string
	bestScore := 0.0
	for _, x := range a {
		for _, y := range b {
			res := names.CompareStrings(x, y)
			if best == nil || res.Score > bestScore {
				best, bestScore = res.Reasons, res.Score
			}
		}
	}
	return bestScore, best
}

// visibleNames lists the names of an entity the viewer may see.
func (rd *reader) visibleNames(id string) ([]string, error) {
	sts, err := rd.statements(id)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, st := range sts {
		if st.Property.IsName() &&
			st.Status != model.StatusRejected && !containsString(out, st.Value) {
			out = append(out, st.Value)
		}
	}
	return out, nil
}

// mergeSubmit records a verdict on an open proposal, as the signed-in
// reviewer, through the resolver (which writes the judgement to the store
// and the ledger, and merges or keeps apart).
func (s *Server) mergeSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	p, err := s.openProposal(ctx, r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if _, ok, err := s.reader(ctx, v).mergeItem(p); err != nil {
		s.serverError(w, r, err)
		return
	} else if !ok {
		s.notFound(w, r)
		return
	}
	verdict := model.Verdict(r.PostForm.Get("verdict"))
	switch verdict {
	case model.Same, model.Different, model.Unsure:
	default:
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	res, err := s.resolver(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := res.Judge(ctx, v, p.EntityA, p.EntityB, verdict, strings.TrimSpace(r.PostForm.Get("note"))); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.Info("merge judged", "user", v.Actor(), "verdict", string(verdict))
	http.Redirect(w, r, "/review/merges", http.StatusSeeOther)
}

// openProposal finds an open proposal by id.
func (s *Server) openProposal(ctx context.Context, id string) (store.MergeProposal, error) {
	props, err := s.store.MergeProposals(ctx, "open")
	if err != nil {
		return store.MergeProposal{}, err
	}
	for _, p := range props {
		if p.ID == id {
			return p, nil
		}
	}
	return store.MergeProposal{}, store.ErrNotFound
}
