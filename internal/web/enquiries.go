package web

import (
	"net/http"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/enquiry"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/web/i18n"
)

// Families' enquiries (caseworkers and admins): the list with the watch
// queue and the form to record one, and one enquiry's page with its
// candidates, the verdict forms and the family's answer. The rules are
// app's; these handlers parse, call and render.

type enquiriesData struct {
	Items   []app.Enquiry
	Alerts  []app.EnquiryAlert
	Form    app.Enquiry
	Born    string
	Seen    string
	Problem string // a catalogue key
}

// enquiriesShow lists the enquiries and the watch queue.
func (s *Server) enquiriesShow(w http.ResponseWriter, r *http.Request) {
	s.renderEnquiries(w, r, http.StatusOK, enquiriesData{})
}

func (s *Server) renderEnquiries(w http.ResponseWriter, r *http.Request, status int, data enquiriesData) {
	ctx, v := r.Context(), state(r).viewer
	var err error
	if data.Items, err = s.app.Enquiries(ctx, v); err != nil {
		s.fail(w, r, err)
		return
	}
	if data.Alerts, err = s.app.EnquiryAlerts(ctx, v, true); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "enquiries", "enquiries.title", data)
}

// enquiryCreate records an enquiry from the form and goes to its page.
func (s *Server) enquiryCreate(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	f := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	e := app.Enquiry{Name: f("name"), Father: f("father"), Mother: f("mother"), Family: f("family"), Sex: f("sex"),
		Home: f("home"), LastSeenAt: f("last_seen_at"), HeldAt: f("held_at"), AskedBy: f("asked_by"),
		Contact: f("contact"), Consent: f("consent")}
	data := enquiriesData{Form: e, Born: f("born"), Seen: f("last_seen_date")}
	var err error
	if e.Born, err = model.ParseDate(data.Born); err != nil {
		data.Problem = "enquiries.bad_date"
	} else if e.LastSeenDate, err = model.ParseDate(data.Seen); err != nil {
		data.Problem = "enquiries.bad_date"
	} else if e.Check() != nil {
		data.Problem = "enquiries.bad_form"
	}
	if data.Problem != "" {
		s.renderEnquiries(w, r, http.StatusBadRequest, data)
		return
	}
	got, err := s.app.AddEnquiry(ctx, v, e)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("enquiry recorded", "user", v.Actor())
	http.Redirect(w, r, "/enquiries/"+got.ID, http.StatusSeeOther)
}

type enquiryData struct {
	Enquiry    app.Enquiry
	Candidates []app.EnquiryCandidate
	Answer     enquiry.Answer
}

// enquiryShow is one enquiry with its candidates and the family's answer.
func (s *Server) enquiryShow(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	id := r.PathValue("id")
	var data enquiryData
	var err error
	if data.Enquiry, data.Candidates, data.Answer, err = s.app.EnquiryPage(ctx, v, id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "enquiry", "enquiry.title", data)
}

// enquiryJudge records a caseworker's verdict on one candidate.
func (s *Server) enquiryJudge(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	id := r.PathValue("id")
	if _, err := s.app.JudgeEnquiry(ctx, v, id, r.PostForm.Get("entity"), r.PostForm.Get("verdict"), strings.TrimSpace(r.PostForm.Get("note"))); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("enquiry candidate judged", "user", v.Actor(), "verdict", r.PostForm.Get("verdict"))
	http.Redirect(w, r, "/enquiries/"+id, http.StatusSeeOther)
}

// enquiryAlertSeen takes an alert off the watch queue.
func (s *Server) enquiryAlertSeen(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	if err := s.app.SeeEnquiryAlert(ctx, v, r.PathValue("id")); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/enquiries", http.StatusSeeOther)
}

// EnquiryReason renders one reason of an enquiry's candidate or a
// watch-list alert in the page's language: the catalogue's
// "enquiry.reason.CODE" with the arguments in order, a fate translated. A
// reason stored as text by an older version is shown as it is.
func (v *view) EnquiryReason(r enquiry.Reason) string { return renderEnquiryReason(v.Lang, r) }

func renderEnquiryReason(lang i18n.Lang, r enquiry.Reason) string {
	key := "enquiry.reason." + r.Code
	if !i18n.Has(lang, key) {
		return r.String()
	}
	args := make([]any, len(r.Args))
	for i, a := range r.Args {
		args[i] = a
	}
	if (r.Code == enquiry.ReasonFateConfirmed || r.Code == enquiry.ReasonFateSuggested) && len(r.Args) == 1 && i18n.Has(lang, "fate."+r.Args[0]) {
		args[0] = i18n.T(lang, "fate."+r.Args[0])
	}
	return i18n.T(lang, key, args...)
}
