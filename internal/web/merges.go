package web

import (
	"net/http"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

type mergesData struct {
	Items []mergeItem
}

// mergeItem is a merge proposal with both entities side by side.
type mergeItem struct {
	app.Proposal
	A, B mergeSide
}

type mergeSide struct {
	Ref        entityRef
	Names      []string
	Statements []statementRow
	More       int // statements not listed
}

const statementsPerSide = 12

// mergesShow lists the open merge proposals the reviewer may judge
// (app.MergeProposals: both sides' names they may see, and the matcher's
// reasons recomputed over those names unless they may see every name), with
// both entities' statements side by side and the three verdicts.
func (s *Server) mergesShow(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	rd := s.reader(ctx, v)
	props, err := s.app.MergeProposals(ctx, v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var data mergesData
	for _, p := range props {
		it := mergeItem{Proposal: p}
		if it.A, err = rd.mergeSide(p.EntityA, p.NamesA); err == nil {
			it.B, err = rd.mergeSide(p.EntityB, p.NamesB)
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		data.Items = append(data.Items, it)
	}
	s.render(w, r, http.StatusOK, "merges", "merges.title", data)
}

// mergeSide reads the statements of one side that the viewer may see.
func (rd *reader) mergeSide(id string, names []string) (mergeSide, error) {
	side := mergeSide{Names: names}
	sts, err := rd.statements(id)
	if err != nil {
		return side, err
	}
	if side.Ref, err = rd.ref(id); err != nil {
		return side, err
	}
	if len(sts) > statementsPerSide {
		side.More = len(sts) - statementsPerSide
		sts = sts[:statementsPerSide]
	}
	side.Statements, err = rd.statementRows(sts)
	return side, err
}

// mergeSubmit records the signed-in reviewer's verdict on an open proposal
// they may judge (app.Judge, which writes the judgement to the store and the
// ledger, and merges or keeps apart).
func (s *Server) mergeSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	p, err := s.app.MergeProposal(ctx, v, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	verdict := model.Verdict(r.PostForm.Get("verdict"))
	if err := s.app.Judge(ctx, v, p.EntityA, p.EntityB, verdict, strings.TrimSpace(r.PostForm.Get("note"))); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("merge judged", "user", v.Actor(), "verdict", string(verdict))
	http.Redirect(w, r, "/review/merges", http.StatusSeeOther)
}

// fullView reports whether the viewer may see every name: then the matcher's
// stored scores and reasons may be shown as they are (app.SeesEverything).
func (rd *reader) fullView() bool { return app.SeesEverything(rd.v) }

// visibleNames lists the names of an entity the viewer may see
// (app.VisibleNames).
func (rd *reader) visibleNames(id string) ([]string, error) {
	return rd.app.VisibleNames(rd.ctx, rd.v, id)
}

// compareOver is the best score and reasons between two lists of persons'
// names (app.CompareNames).
func compareOver(a, b []string) (float64, []string) { return app.CompareNames(model.TypePerson, a, b) }
