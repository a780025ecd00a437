package web

import (
	"net/http"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Watch lists (analysts, reviewers and admins): the alerts, the entries
// and the form to add one, on one page. The rules are app's — who may,
// and that every entry and alert shown is within the reader's clearance;
// these handlers parse, call and render.

type watchData struct {
	Alerts  []app.WatchAlert
	Items   []app.Wanted
	Levels  []model.Sensitivity // the levels the reader may give an entry
	Form    watchForm
	Problem string // a catalogue key
	Added   int    // alerts the last entry added queued; -1 when none was added
}

type watchForm struct {
	Name, Aliases, Rank, Born, Note, Sensitivity string
}

func (s *Server) watchShow(w http.ResponseWriter, r *http.Request) {
	s.renderWatch(w, r, http.StatusOK, watchData{Added: -1, Form: watchForm{Sensitivity: "internal"}})
}

func (s *Server) renderWatch(w http.ResponseWriter, r *http.Request, status int, data watchData) {
	ctx, v := r.Context(), state(r).viewer
	var err error
	if data.Alerts, err = s.app.WatchAlerts(ctx, v); err != nil {
		s.fail(w, r, err)
		return
	}
	if data.Items, err = s.app.WatchList(ctx, v); err != nil {
		s.fail(w, r, err)
		return
	}
	data.Levels = v.Visible()
	s.render(w, r, status, "watch", "watch.title", data)
}

// watchCreate adds an entry from the form (aliases one a line) and shows
// the page with how many alerts the stored sources gave.
func (s *Server) watchCreate(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	f := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	form := watchForm{Name: f("name"), Aliases: f("aliases"), Rank: f("rank"), Born: f("born"), Note: f("note"), Sensitivity: f("sensitivity")}
	var aliases []string
	for _, line := range strings.Split(form.Aliases, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			aliases = append(aliases, line)
		}
	}
	entry, err := app.ParseWanted(form.Name, aliases, form.Rank, form.Born, form.Note, form.Sensitivity)
	if err != nil {
		s.renderWatch(w, r, http.StatusBadRequest, watchData{Form: form, Problem: "watch.bad_form", Added: -1})
		return
	}
	_, n, err := s.app.AddWanted(ctx, v, entry)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("watch-list entry added", "user", v.Actor())
	s.renderWatch(w, r, http.StatusOK, watchData{Added: n, Form: watchForm{Sensitivity: "internal"}})
}

// watchRemove stops watching for an entry.
func (s *Server) watchRemove(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	if err := s.app.RemoveWanted(ctx, v, r.PathValue("id")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("watch-list entry removed", "user", v.Actor())
	http.Redirect(w, r, "/watch", http.StatusSeeOther)
}
