package web

import (
	"net/http"
	"net/url"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Notes on a source's page (app.AddSourceNote): every signed-in account
// cleared for a note reads it; reviewers write them.

// sourceNotes are what the source page shows of notes: those the viewer may
// see, and for a reviewer the levels a new note may take.
type sourceNotes struct {
	Items  []app.SourceNote
	Levels []model.Sensitivity
}

// readSourceNotes reads the notes on src for the page.
func (s *Server) readSourceNotes(r *http.Request, src model.Source) (*sourceNotes, error) {
	v := state(r).viewer
	ns, err := s.app.SourceNotes(r.Context(), v, src.ID)
	if err != nil {
		return nil, err
	}
	out := &sourceNotes{Items: ns}
	if v.CanReview() {
		for _, l := range model.Sensitivities() {
			if l >= src.Sensitivity && v.CanSee(l) {
				out.Levels = append(out.Levels, l)
			}
		}
	}
	return out, nil
}

// sourceNoteSubmit writes a note on a source and comes back to it.
func (s *Server) sourceNoteSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	id := r.PathValue("id")
	var level *model.Sensitivity
	if l := r.PostForm.Get("sensitivity"); l != "" {
		x, err := model.ParseSensitivity(l)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		level = &x
	}
	if _, err := s.app.AddSourceNote(ctx, v, id, r.PostForm.Get("text"), level); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("source note added", "user", v.Actor())
	http.Redirect(w, r, "/sources/"+url.PathEscape(id)+"#source-notes", http.StatusSeeOther)
}
