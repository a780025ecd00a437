package web

import (
	"fmt"
	"net/http"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
)

// Notes on single statements (app.AddStatementNote): shown beside the fact
// on an entity's page and in the review queue's item, to whoever is
// cleared for the note and the statement; written from the review item and
// from beside each fact on an entity's page (one form per fact, naming the
// statement of which source the note is on).

// statementNoted is page data that carries notes on statements.
type statementNoted interface {
	notesOn(ids []string) []app.StatementNote
}

// NotesOn lists the notes the page holds on any of sts, oldest first per
// statement (none on pages that read no notes).
func (v *view) NotesOn(sts []model.Statement) []app.StatementNote {
	d, ok := v.Data.(statementNoted)
	if !ok {
		return nil
	}
	ids := make([]string, len(sts))
	for i, st := range sts {
		ids[i] = st.ID
	}
	return d.notesOn(ids)
}

func (p entityPage) notesOn(ids []string) []app.StatementNote {
	var out []app.StatementNote
	for _, id := range ids {
		out = append(out, p.StNotes[id]...)
	}
	return out
}

// noteTarget is a statement a note form beside a fact may be on: its id,
// a label naming its source, and its level.
type noteTarget struct {
	ID, Label string
	Level     model.Sensitivity
}

// sourceNoted is page data that numbers the sources it cites.
type sourceNoted interface {
	citation(sourceID string) (casefile.Note, bool)
}

func (p entityPage) citation(sourceID string) (casefile.Note, bool) {
	for _, n := range p.Notes {
		if n.Source.ID == sourceID {
			return n, true
		}
	}
	return casefile.Note{}, false
}

// NoteCite is the footnote number of a note's source on the page, 0 when
// the page numbers none.
func (v *view) NoteCite(sourceID string) int {
	if d, ok := v.Data.(sourceNoted); ok && sourceID != "" {
		if n, ok := d.citation(sourceID); ok {
			return n.N
		}
	}
	return 0
}

// NoteTargets are the statements of a fact a note may be written on, for
// a reviewer, each labelled by its source as the page's footnotes number
// it ("[2] title"), or as typed in by hand.
func (v *view) NoteTargets(sts []model.Statement) []noteTarget {
	if !v.CanReview() {
		return nil
	}
	d, _ := v.Data.(sourceNoted)
	out := make([]noteTarget, 0, len(sts))
	for _, st := range sts {
		t := noteTarget{ID: st.ID, Level: st.Sensitivity, Label: v.T("stnotes.manual")}
		if st.SourceID != "" {
			t.Label = v.T("stnotes.source")
			if d != nil {
				if n, ok := d.citation(st.SourceID); ok {
					t.Label = fmt.Sprintf("[%d] %s", n.N, v.SourceTitle(n.Source))
				}
			}
		}
		out = append(out, t)
	}
	return out
}

// NoteFormLevels are the levels a note beside a fact may be given: from
// the lowest of its statements' up to the viewer's clearance (a level
// below the chosen statement's is refused by the rule, with a message).
func (v *view) NoteFormLevels(ts []noteTarget) []model.Sensitivity {
	if len(ts) == 0 {
		return nil
	}
	low := ts[0].Level
	for _, t := range ts[1:] {
		low = min(low, t.Level)
	}
	return v.NoteLevels(low)
}

// NoteLevels are the levels a note on a statement at level may take for
// the viewer: from the statement's up to their clearance.
func (v *view) NoteLevels(level model.Sensitivity) []model.Sensitivity {
	var out []model.Sensitivity
	for _, l := range model.Sensitivities() {
		if l >= level && v.Viewer.CanSee(l) {
			out = append(out, l)
		}
	}
	return out
}

// statementNoteSubmit writes a note on a statement (the path's, or the
// form's "st" from beside a fact on an entity's page) and goes back to the
// page it was written on, at the statement.
func (s *Server) statementNoteSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	id := r.PathValue("id")
	if id == "" {
		id = r.PostForm.Get("st")
	}
	var level *model.Sensitivity
	if l := r.PostForm.Get("sensitivity"); l != "" {
		x, err := model.ParseSensitivity(l)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		level = &x
	}
	n, err := s.app.AddStatementNote(ctx, v, id, r.PostForm.Get("text"), level)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("statement note added", "user", v.Actor())
	http.Redirect(w, r, reviewReturn(r.PostForm.Get("return"))+"#st-"+n.StatementID, http.StatusSeeOther)
}
