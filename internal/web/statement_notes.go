package web

import (
	"net/http"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Notes on single statements (app.AddStatementNote): shown beside the fact
// on an entity's page and in the review queue's item, to whoever is
// cleared for the note and the statement; written from the review item.

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

// statementNoteSubmit writes a note on a statement and goes back to the
// page it was written on.
func (s *Server) statementNoteSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	var level *model.Sensitivity
	if l := r.PostForm.Get("sensitivity"); l != "" {
		x, err := model.ParseSensitivity(l)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		level = &x
	}
	n, err := s.app.AddStatementNote(ctx, v, r.PathValue("id"), r.PostForm.Get("text"), level)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("statement note added", "user", v.Actor())
	http.Redirect(w, r, reviewReturn(r.PostForm.Get("return"))+"#st-"+n.StatementID, http.StatusSeeOther)
}
