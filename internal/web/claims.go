package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Review by claim (app.ReviewClaims): each item is one claim — an event or
// one value — with the sentence each source makes it in, and one form that
// decides every statement of it (app.ReviewMany). A bulk decision on every
// claim shown goes through a preview of what it will change; every
// decision can be undone (a reopen on the state it left).

const claimsPerPage = 25

type claimsData struct {
	Items    []claimRow
	Total    int // claims matching the filter (within the window)
	Shown    int
	Entity   *entityRef
	Filter   claimFilterForm
	Return   string
	Types    []string
	Done     *doneNote // what the last decision did, with its undo
	AllSts   string    // every statement of the claims shown, as targets, for the bulk form
	AllCount int
	// StNotes are the notes on the claims' statements the viewer may see
	// (statement_notes.go).
	StNotes map[string][]app.StatementNote
}

func (d claimsData) notesOn(ids []string) []app.StatementNote {
	var out []app.StatementNote
	for _, id := range ids {
		out = append(out, d.StNotes[id]...)
	}
	return out
}

type claimFilterForm struct {
	Entity, Source, Type, Lang, Modality, MinConf string
	Mine                                          bool
}

type claimRow struct {
	app.ClaimItem
	Anchor   string // the item's element id
	Next     string // the anchor of the item after it
	Subject  *entityRef
	Parts    []claimPart
	Targets  string // "id:from id:from ..."
	Sources  []sourceRow
	Assignee string
}

type claimPart struct {
	Ref  *entityRef
	Name string
	Role model.ParticipantRole
}

// doneNote is what the decision just made changed, and its undo.
type doneNote struct {
	Action  string
	Count   int
	Targets string // the undo's targets: each statement on the state it was left in
}

func claimAnchor(key string) string {
	h := sha256.Sum256([]byte(key))
	return "c-" + hex.EncodeToString(h[:6])
}

// claimFilter reads the filter from a request's query.
func claimFilter(r *http.Request, userID string) (app.ClaimFilter, claimFilterForm) {
	q := r.URL.Query()
	form := claimFilterForm{Entity: q.Get("entity"), Source: q.Get("source"), Type: q.Get("type"), Lang: q.Get("lang_src"),
		Modality: q.Get("modality"), MinConf: q.Get("min_conf"), Mine: q.Get("mine") == "1"}
	f := app.ClaimFilter{Entity: form.Entity, Source: form.Source, Type: form.Type, Language: form.Lang,
		Modality: model.Modality(form.Modality)}
	if c, err := strconv.ParseFloat(form.MinConf, 64); err == nil && c > 0 && c <= 1 {
		f.MinConfidence = c
	} else {
		form.MinConf = ""
	}
	if form.Mine {
		f.AssignedTo = userID
	}
	return f, form
}

// claimsShow is the review of claims.
func (s *Server) claimsShow(w http.ResponseWriter, r *http.Request) {
	ctx, st := r.Context(), state(r)
	v := st.viewer
	f, form := claimFilter(r, st.user.ID)
	f.Quoted = claimsPerPage
	page, err := s.app.ReviewClaimPage(ctx, v, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items := page.Items
	rd := s.reader(ctx, v)
	data := claimsData{Filter: form, Return: r.URL.RequestURI(), Total: page.Total, Types: claimTypes()}
	if form.Entity != "" {
		ref, err := rd.ref(form.Entity)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		data.Entity = &ref
	}
	if len(items) > claimsPerPage {
		items = items[:claimsPerPage]
	}
	data.Shown = len(items)
	// the entities and sources the items name, captioned and read in a
	// few queries rather than one or two each
	var refs []string
	var sts []model.Statement
	for _, it := range items {
		if it.Entity != "" {
			refs = append(refs, it.Entity)
		}
		for _, p := range it.Participants {
			if p.EntityID != "" {
				refs = append(refs, p.EntityID)
			}
		}
		sts = append(sts, it.Statements...)
	}
	if err := rd.cf.PrefetchRefs(refs); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := rd.cf.Prefetch(sts); err != nil {
		s.serverError(w, r, err)
		return
	}
	var shown app.Shown
	var all []string
	for i, it := range items {
		row := claimRow{ClaimItem: it, Anchor: claimAnchor(it.Key)}
		if i+1 < len(items) {
			row.Next = claimAnchor(items[i+1].Key)
		}
		var ts []string
		for _, s := range it.Statements {
			ts = append(ts, s.ID+":"+string(s.Status))
		}
		row.Targets = strings.Join(ts, " ")
		all = append(all, ts...)
		if it.Entity != "" {
			ref, err := rd.ref(it.Entity)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			row.Subject = &ref
		}
		for _, p := range it.Participants {
			cp := claimPart{Name: p.Name, Role: p.Role}
			if p.EntityID != "" {
				ref, err := rd.ref(p.EntityID)
				if err != nil {
					s.serverError(w, r, err)
					return
				}
				cp.Ref = &ref
			}
			row.Parts = append(row.Parts, cp)
		}
		for _, id := range it.Sources {
			src, err := rd.source(id)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			if src != nil {
				row.Sources = append(row.Sources, sourceRow{*src, displayTitle(*src)})
				shown.Sources = append(shown.Sources, *src)
			}
		}
		shown.Statements = append(shown.Statements, it.Statements...)
		data.Items = append(data.Items, row)
	}
	data.AllSts, data.AllCount = strings.Join(all, " "), len(all)
	if done := r.URL.Query().Get("done"); done != "" {
		data.Done = s.doneNote(r, done, r.URL.Query().Get("did"))
	}
	notes, err := s.app.StatementNotes(r.Context(), state(r).viewer, statementIDs(shown.Statements))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data.StNotes = notes
	if err := s.record(r, "review", shown); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "claims", "claims.title", data)
}

// doneNote reads back the statements a decision just changed (ids the
// viewer may see, each at most once) for its undo.
func (s *Server) doneNote(r *http.Request, ids, did string) *doneNote {
	var ts []string
	for _, id := range strings.Fields(strings.ReplaceAll(ids, ",", " ")) {
		st, err := s.store.Statement(r.Context(), state(r).viewer, id)
		if err != nil || st.Status == model.StatusProposed {
			continue
		}
		ts = append(ts, st.ID+":"+string(st.Status))
		if len(ts) == maxDoneIDs {
			break
		}
	}
	if len(ts) == 0 {
		return nil
	}
	switch did {
	case app.Confirm, app.Reject, app.Reopen:
	default:
		did = app.Confirm
	}
	return &doneNote{Action: did, Count: len(ts), Targets: strings.Join(ts, " ")}
}

// maxDoneIDs bounds the undo a redirect carries (a bulk decision shows its
// own undo on its result page).
const maxDoneIDs = 60

func claimTypes() []string {
	var out []string
	for _, t := range model.EventTypes() {
		out = append(out, string(t))
	}
	for _, p := range []model.Property{model.PropName, model.PropAlias, model.PropTitle, model.PropPosition, model.PropAffiliation,
		model.PropBirthDate, model.PropNationality, model.PropGazetteer} {
		out = append(out, string(p))
	}
	return out
}

// targets reads a form's statements: "id:from" separated by spaces, in one
// or more st fields.
func targets(f url.Values) ([]app.Target, bool) {
	var out []app.Target
	for _, field := range f["st"] {
		for _, t := range strings.Fields(field) {
			id, from, ok := strings.Cut(t, ":")
			if !ok || id == "" {
				return nil, false
			}
			out = append(out, app.Target{ID: id, From: model.Status(from)})
		}
	}
	return out, len(out) > 0
}

// claimsSubmit decides every statement of a claim (or of a bulk
// decision, after its preview), each on the state the form was shown with.
// A claim's decision comes back to the page at the next item, with its
// undo; a bulk decision shows what it changed, with its undo.
func (s *Server) claimsSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	f := r.PostForm
	ts, ok := targets(f)
	if !ok {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	d := app.Decision{Action: f.Get("action"), Comment: f.Get("comment")}
	back := reviewReturn(f.Get("return"))
	if f.Get("preview") == "1" {
		changes, err := s.app.PreviewMany(ctx, v, ts, d)
		if s.claimRefused(w, r, err, back) {
			return
		}
		s.renderChanges(w, r, "claims.preview.title", changes, d, back, strings.Join(f["st"], " "))
		return
	}
	changes, err := s.app.ReviewMany(ctx, v, ts, d)
	if s.claimRefused(w, r, err, back) {
		return
	}
	s.log.Info("claim reviewed", "user", v.Actor(), "action", d.Action, "statements", len(changes))
	if f.Get("bulk") == "1" || len(changes) > maxDoneIDs {
		s.renderChanges(w, r, "claims.done.title", changes, d, back, "")
		return
	}
	ids := make([]string, len(changes))
	for i, c := range changes {
		ids[i] = c.Statement.ID
	}
	u, err := url.Parse(back)
	if err != nil {
		u = &url.URL{Path: "/review/claims"}
	}
	q := u.Query()
	q.Set("done", strings.Join(ids, ","))
	q.Set("did", d.Action)
	u.RawQuery = q.Encode()
	if next := f.Get("next"); strings.HasPrefix(next, "c-") {
		u.Fragment = next
	}
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}

// claimRefused answers a refused decision: a conflict names the state the
// statement is now in; anything else as fail does.
func (s *Server) claimRefused(w http.ResponseWriter, r *http.Request, err error, back string) bool {
	if err == nil {
		return false
	}
	if cur, ok := app.CurrentState(err); ok {
		s.render(w, r, http.StatusConflict, "conflict", "review.conflict.heading", conflictData{Current: cur, Back: back})
		return true
	}
	s.fail(w, r, err)
	return true
}

type changesData struct {
	Heading string
	Preview bool
	Action  string
	Comment string
	Rows    []changeRow
	Targets string // the preview's, to apply; or the undo's
	Return  string
}

type changeRow struct {
	statementRow
	To     model.Status
	Source *sourceRow
}

// renderChanges shows what a bulk decision will change (a preview, with
// the button that applies it) or did (with its undo).
func (s *Server) renderChanges(w http.ResponseWriter, r *http.Request, heading string, changes []app.Change, d app.Decision, back, targets string) {
	rd := s.reader(r.Context(), state(r).viewer)
	data := changesData{Heading: heading, Preview: targets != "", Action: d.Action, Comment: d.Comment, Return: back, Targets: targets}
	sts := make([]model.Statement, len(changes))
	var undo []string
	for i, c := range changes {
		sts[i] = c.Statement
		undo = append(undo, c.Statement.ID+":"+string(c.Statement.Status))
	}
	if !data.Preview {
		data.Targets = strings.Join(undo, " ")
	}
	rows, err := rd.statementRows(sts)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var shown []model.Source
	for i, row := range rows {
		cr := changeRow{statementRow: row, To: changes[i].To}
		if row.SourceID != "" {
			src, err := rd.source(row.SourceID)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			if src != nil {
				cr.Source = &sourceRow{*src, displayTitle(*src)}
				shown = append(shown, *src)
			}
		}
		data.Rows = append(data.Rows, cr)
	}
	if err := s.record(r, "review", app.Shown{Sources: shown, Statements: sts}); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "changes", heading, data)
}

// Modalities are the modalities a filter offers.
func (v *view) Modalities() []model.Modality { return model.Modalities() }

// Here is this page's address without the note of a decision just made:
// where a form on it comes back to.
func (v *view) Here() string {
	q := url.Values{}
	for k, vs := range v.query {
		if k != "done" && k != "did" {
			q[k] = vs
		}
	}
	return withQuery(v.reqPath, q)
}

// Targets are statements as a decision's targets ("id:status ..."): those
// in one of the states given (all when none is).
func (v *view) Targets(sts []model.Statement, states ...string) string {
	var out []string
	for _, st := range sts {
		if len(states) == 0 || slicesContains(states, string(st.Status)) {
			out = append(out, st.ID+":"+string(st.Status))
		}
	}
	return strings.Join(out, " ")
}

func slicesContains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// One is a statement as a list, for a decision on it alone.
func (v *view) One(st model.Statement) []model.Statement { return []model.Statement{st} }

// FactProps are the properties a fact added by hand may have.
func (v *view) FactProps() []model.Property {
	return []model.Property{model.PropNotes, model.PropName, model.PropAlias, model.PropWeakAlias, model.PropTitle, model.PropPosition,
		model.PropBirthDate, model.PropBirthPlace, model.PropDeathDate, model.PropNationality, model.PropGender}
}

// MyLevels are the levels the viewer may give what they write: up to
// their own clearance.
func (v *view) MyLevels() []model.Sensitivity {
	var out []model.Sensitivity
	for _, l := range model.Sensitivities() {
		if v.Viewer.CanSee(l) {
			out = append(out, l)
		}
	}
	return out
}

// factSubmit adds a fact or a note by hand (app.AddFact) and comes back to
// the entity's page.
func (s *Server) factSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	f := r.PostForm
	fact := app.Fact{Entity: r.PathValue("id"), Property: model.Property(f.Get("property")), Value: f.Get("value"),
		Source: f.Get("source"), Quote: f.Get("quote")}
	if l := f.Get("sensitivity"); l != "" {
		level, err := model.ParseSensitivity(l)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		fact.Sensitivity = &level
	}
	st, err := s.app.AddFact(ctx, v, fact)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("fact added", "user", v.Actor(), "property", string(st.Property))
	http.Redirect(w, r, "/entities/"+st.EntityID+"#facts", http.StatusSeeOther)
}
