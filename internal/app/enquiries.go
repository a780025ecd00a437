package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/enquiry"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Enquiries: a caseworker (or an admin) records a family's enquiry about a
// missing person, sees it matched against every person the sources they
// may see name, and confirms or rejects candidates; the enquiry's status
// follows. Nobody else may learn that an enquiry exists: every refusal to
// another role is the same not-allowed, and no other use case reads them.

// Enquiry is a family's enquiry.
type Enquiry = enquiry.Enquiry

// EnquiryCandidate is a person an enquiry may be about.
type EnquiryCandidate = enquiry.Candidate

// Pool is how many persons the names matcher offers for one enquiry before
// the evidence beyond the name ranks them.
const enquiryPool = 25

func mayEnquire(v access.Viewer) error {
	if !v.CanEnquire() {
		return forbidden("only caseworkers and admins may read or record enquiries (%s is %s)", v.Actor(), v.Role)
	}
	return nil
}

// AddEnquiry records an enquiry as v, and sets its status from the
// candidates the sources v may see give.
func (a *App) AddEnquiry(ctx context.Context, v access.Viewer, e Enquiry) (Enquiry, error) {
	if err := mayEnquire(v); err != nil {
		return Enquiry{}, err
	}
	if err := e.Check(); err != nil {
		return Enquiry{}, invalid("%v", err)
	}
	e.Sex, _ = enquiry.ParseSex(e.Sex)
	if err := a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return tx.AddEnquiry(ctx, &e) }); err != nil {
		return Enquiry{}, fmt.Errorf("record enquiry: %w", err)
	}
	if err := a.settleEnquiry(ctx, v, v.Actor(), e); err != nil {
		return e, err
	}
	return a.st.Enquiry(ctx, e.ID)
}

// Enquiries lists every enquiry, newest first.
func (a *App) Enquiries(ctx context.Context, v access.Viewer) ([]Enquiry, error) {
	if err := mayEnquire(v); err != nil {
		return nil, err
	}
	return a.st.Enquiries(ctx)
}

// EnquiryByID returns one enquiry.
func (a *App) EnquiryByID(ctx context.Context, v access.Viewer, id string) (Enquiry, error) {
	if err := mayEnquire(v); err != nil {
		return Enquiry{}, err
	}
	e, err := a.st.Enquiry(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return e, notFound("enquiry")
	}
	return e, err
}

// EnquiryMatches returns an enquiry's candidates, best first: the persons
// the names matcher offers among those the sources v may see name, ranked
// by the evidence beyond the name, each with its reasons and the sources
// (that v may see) behind it. A candidate a caseworker rejected is kept,
// last, never confident; one confirmed is first and confident. It reads
// only: the enquiry's status changes where the evidence does (the watch,
// a judgement, a review), never because someone looked.
func (a *App) EnquiryMatches(ctx context.Context, v access.Viewer, id string) ([]EnquiryCandidate, error) {
	e, err := a.EnquiryByID(ctx, v, id)
	if err != nil {
		return nil, err
	}
	return a.candidates(ctx, v, e)
}

// candidates ranks the persons the sources v may see name against e.
func (a *App) candidates(ctx context.Context, v access.Viewer, e Enquiry) ([]EnquiryCandidate, error) {
	// MatchVisible: the full index offers a pool, matched again over only
	// the names v may see — bounded, where Match would read every name a
	// narrower clearance may see on each call.
	r, err := a.freshResolver(ctx)
	if err != nil {
		return nil, err
	}
	pool, err := r.MatchVisible(ctx, v, enquiry.Clean(e.Query()).Name, model.TypePerson, enquiryPool)
	if err != nil {
		return nil, err
	}
	rd := a.cases.Reader(ctx, v)
	persons := make([]enquiry.Person, 0, len(pool))
	for _, c := range pool {
		p, ok, err := personOf(rd, c.EntityID)
		if err != nil {
			return nil, err
		}
		if ok {
			persons = append(persons, p)
		}
	}
	cands := enquiry.Rank(e, persons)
	js, err := a.st.EnquiryJudgements(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	return applyJudgements(cands, js), nil
}

// personOf reads what the case file of an entity, as the reader's viewer
// may see it, says that an enquiry is weighed against.
func personOf(rd *casefile.Reader, id string) (enquiry.Person, bool, error) {
	f, err := rd.ReadID(id, casefile.Options{Bounded: true})
	if errors.Is(err, casefile.ErrNotFound) {
		return enquiry.Person{}, false, nil
	}
	if err != nil {
		return enquiry.Person{}, false, err
	}
	p := enquiry.Person{EntityID: f.Ref.ID}
	for _, c := range append(append([]casefile.Claim(nil), f.NamesArabic...), f.NamesLatin...) {
		if c.Status != model.StatusRejected {
			p.Names = append(p.Names, c.Value)
		}
	}
	for _, fact := range f.Facts {
		for _, c := range fact.Claims {
			if c.Status == model.StatusRejected {
				continue
			}
			switch fact.Property {
			case model.PropFatherName:
				p.Fathers = append(p.Fathers, c.Value)
			case model.PropMotherName:
				p.Mothers = append(p.Mothers, c.Value)
			case model.PropBirthDate:
				if d, err := model.ParseDate(c.Value); err == nil && !d.IsZero() {
					p.Born = append(p.Born, d)
				}
			case model.PropBirthPlace:
				p.Places = append(p.Places, c.Value)
			}
		}
	}
	for _, r := range f.Places {
		name := strings.TrimSpace(r.Caption)
		if name == "" {
			continue
		}
		if r.Type == model.TypeFacility {
			p.Facility = append(p.Facility, name)
		} else {
			p.Places = append(p.Places, name)
		}
	}
	for _, ev := range f.Timeline {
		if !ev.Date.IsZero() {
			p.Dates = append(p.Dates, ev.Date)
		}
	}
	if f.Fate.Confirmed.Value != "" {
		p.Fate, p.FateConfirmed = f.Fate.Confirmed.Value, true
	} else {
		p.Fate = f.Fate.Suggested.Value
	}
	// The sources: those that mention it, and those its names and facts
	// are drawn from (an imported list states them without mentions).
	seen := map[string]bool{}
	addSource := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			p.Sources = append(p.Sources, id)
		}
	}
	for _, s := range f.Sources {
		addSource(s.ID)
	}
	for _, c := range append(append([]casefile.Claim(nil), f.NamesArabic...), f.NamesLatin...) {
		for _, st := range c.Statements {
			addSource(st.SourceID)
		}
	}
	for _, fact := range f.Facts {
		for _, c := range fact.Claims {
			for _, st := range c.Statements {
				addSource(st.SourceID)
			}
		}
	}
	return p, len(p.Names) > 0, nil
}

// applyJudgements puts the caseworkers' latest verdict on each candidate
// into the list: a confirmed one first and confident, rejected ones last
// and never confident.
func applyJudgements(cands []EnquiryCandidate, js []store.EnquiryJudgement) []EnquiryCandidate {
	latest := map[string]store.EnquiryJudgement{}
	for _, j := range js {
		latest[j.EntityID] = j
	}
	var confirmed, open, rejected []EnquiryCandidate
	for _, c := range cands {
		j, ok := latest[c.EntityID]
		switch {
		case ok && j.Verdict == "confirm":
			c.Match = true
			c.Reasons = append(c.Reasons, enquiry.Reason{Code: enquiry.ReasonConfirmedBy, Args: []string{j.Author}})
			confirmed = append(confirmed, c)
		case ok && j.Verdict == "reject":
			c.Match = false
			c.Reasons = append(c.Reasons, enquiry.Reason{Code: enquiry.ReasonRejectedBy, Args: []string{j.Author}})
			rejected = append(rejected, c)
		default:
			if len(confirmed) > 0 || hasConfirm(latest) {
				c.Match = false
			}
			open = append(open, c)
		}
	}
	return append(append(confirmed, open...), rejected...)
}

func hasConfirm(js map[string]store.EnquiryJudgement) bool {
	for _, j := range js {
		if j.Verdict == "confirm" {
			return true
		}
	}
	return false
}

// statusOf is the status candidates give an enquiry: fate established
// when a confirmed person's fate is confirmed in the case file, matched
// when a caseworker confirmed one, possible when Athar holds one
// confident, else open.
func statusOf(cands []EnquiryCandidate) enquiry.Status {
	for _, c := range cands {
		if c.Match && confirmedBy(c) {
			if c.FateConfirmed && c.Fate != "" {
				return enquiry.Fate
			}
			return enquiry.Matched
		}
	}
	for _, c := range cands {
		if c.Match {
			return enquiry.Possible
		}
	}
	return enquiry.Open
}

func confirmedBy(c EnquiryCandidate) bool {
	for _, r := range c.Reasons {
		if r.Code == enquiry.ReasonConfirmedBy {
			return true
		}
	}
	return false
}

// settleEnquiry records, as actor, the status e's candidates give as v
// may see them, if it changed.
func (a *App) settleEnquiry(ctx context.Context, v access.Viewer, actor string, e Enquiry) error {
	cands, err := a.candidates(ctx, v, e)
	if err != nil {
		return err
	}
	st := statusOf(cands)
	if st == e.Status {
		return nil
	}
	return a.st.Write(ctx, actor, func(tx *store.Tx) error { return tx.SetEnquiryStatus(ctx, e.ID, st) })
}

// watchActor is the name the watch records status changes under: the
// evidence changed, no person decided.
const watchActor = "watch"

// ownerView is the viewer an enquiry's status is settled through when the
// evidence changes: its recorder's, as their account stands now, so that a
// status never rests on a source the caseworker who owns it may not see.
// ok is false when the account is gone, disabled or no longer enquires.
func (a *App) ownerView(ctx context.Context, e Enquiry) (access.Viewer, bool, error) {
	if e.CreatedBy == access.Operator().Actor() {
		return access.Operator(), true, nil
	}
	u, err := a.st.UserByName(ctx, e.CreatedBy)
	if errors.Is(err, store.ErrNotFound) {
		return access.Viewer{}, false, nil
	}
	if err != nil {
		return access.Viewer{}, false, err
	}
	v := access.ForUser(u)
	return v, !u.Disabled && v.CanEnquire(), nil
}

// settleEnquiries brings the named enquiries' statuses in line with the
// evidence, each through its owner's view, under the watch's name.
func (a *App) settleEnquiries(ctx context.Context, ids []string) error {
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		e, err := a.st.Enquiry(ctx, id)
		if err != nil {
			return err
		}
		v, ok, err := a.ownerView(ctx, e)
		if err != nil || !ok {
			return err
		}
		if err := a.settleEnquiry(ctx, v, watchActor, e); err != nil {
			return err
		}
	}
	return nil
}

// settleFates moves the enquiries a caseworker matched to a person — one
// of entityIDs (nil: any) — to fate established once the case file
// confirms that person's fate, and back should it no longer: it reads only
// the confirmed person's case file, through the enquiry's owner's view, so
// that a review or a new source costs one bounded read per matched
// enquiry.
func (a *App) settleFates(ctx context.Context, entityIDs map[string]bool) error {
	es, err := a.st.Enquiries(ctx, enquiry.Matched, enquiry.Fate)
	if err != nil {
		return err
	}
	for _, e := range es {
		js, err := a.st.EnquiryJudgements(ctx, e.ID)
		if err != nil {
			return err
		}
		latest := map[string]string{}
		for _, j := range js {
			latest[j.EntityID] = j.Verdict
		}
		var confirmed []string
		for ent, verdict := range latest {
			if verdict == "confirm" {
				confirmed = append(confirmed, ent)
			}
		}
		sort.Strings(confirmed)
		if len(confirmed) == 0 || (entityIDs != nil && !slices.ContainsFunc(confirmed, func(id string) bool { return entityIDs[id] })) {
			continue
		}
		v, ok, err := a.ownerView(ctx, e)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		rd := a.cases.Reader(ctx, v)
		st := enquiry.Matched
		for _, id := range confirmed {
			p, ok, err := personOf(rd, id)
			if err != nil {
				return err
			}
			if ok && p.FateConfirmed && p.Fate != "" {
				st = enquiry.Fate
			}
		}
		if st != e.Status {
			if err := a.st.Write(ctx, watchActor, func(tx *store.Tx) error { return tx.SetEnquiryStatus(ctx, e.ID, st) }); err != nil {
				return err
			}
		}
	}
	return nil
}

// JudgeEnquiry records v's verdict — confirm or reject — on one candidate
// of an enquiry, and returns the candidates as they then stand.
func (a *App) JudgeEnquiry(ctx context.Context, v access.Viewer, id, entityID, verdict, note string) ([]EnquiryCandidate, error) {
	if _, err := a.EnquiryByID(ctx, v, id); err != nil {
		return nil, err
	}
	if verdict != "confirm" && verdict != "reject" {
		return nil, invalid("verdict %q: want confirm or reject", verdict)
	}
	// The person must be one v may see.
	if _, err := a.cases.Read(ctx, v, entityID, casefile.Options{Bounded: true}); err != nil {
		if errors.Is(err, casefile.ErrNotFound) {
			return nil, notFound("person")
		}
		return nil, err
	}
	if e, err := a.st.Entity(ctx, entityID); err != nil || e.Type != model.TypePerson {
		return nil, invalid("%s is not a person", entityID)
	}
	j := store.EnquiryJudgement{EnquiryID: id, EntityID: entityID, Verdict: verdict, Note: note}
	if err := a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return tx.AddEnquiryJudgement(ctx, &j) }); err != nil {
		return nil, fmt.Errorf("record judgement: %w", err)
	}
	e, err := a.st.Enquiry(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := a.settleEnquiry(ctx, v, v.Actor(), e); err != nil {
		return nil, err
	}
	return a.EnquiryMatches(ctx, v, id)
}

// EnquiryAnswer writes the family's answer: what may be told of the
// candidate a caseworker confirmed, or else of Athar's confident one.
func (a *App) EnquiryAnswer(ctx context.Context, v access.Viewer, id string) (enquiry.Answer, error) {
	_, _, ans, err := a.EnquiryPage(ctx, v, id)
	return ans, err
}

// EnquiryPage reads what an enquiry's page shows: the enquiry, its
// candidates and the family's answer. It writes nothing.
func (a *App) EnquiryPage(ctx context.Context, v access.Viewer, id string) (Enquiry, []EnquiryCandidate, enquiry.Answer, error) {
	e, err := a.EnquiryByID(ctx, v, id)
	if err != nil {
		return e, nil, enquiry.Answer{}, err
	}
	cands, err := a.candidates(ctx, v, e)
	if err != nil {
		return Enquiry{}, nil, enquiry.Answer{}, err
	}
	ans, err := a.answer(ctx, v, e, cands)
	return e, cands, ans, err
}

func (a *App) answer(ctx context.Context, v access.Viewer, e Enquiry, cands []EnquiryCandidate) (enquiry.Answer, error) {
	if len(cands) == 0 || !cands[0].Match {
		return enquiry.Tell(e, nil), nil
	}
	c := cands[0]
	ans := &enquiry.Answerable{Confirmed: confirmedBy(c)}
	if c.FateConfirmed {
		ans.Fate = c.Fate
	}
	for _, sid := range c.Sources {
		src, err := a.st.SourceInfo(ctx, v, sid)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return enquiry.Answer{}, err
		}
		ans.Sources = append(ans.Sources, enquiry.SharedSource{Kind: src.Kind, Sensitivity: src.Sensitivity})
	}
	return enquiry.Tell(e, ans), nil
}
