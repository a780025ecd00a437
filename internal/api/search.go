package api

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/search"
)

type searchIn struct {
	Q      string     `query:"q" required:"true" doc:"Words to find; Arabic spelling variants meet. A query that looks like a name also gets the name matcher's candidates."`
	Type   string     `query:"type" enum:"person,organization,facility,place,event" doc:"Only statements about entities of this type."`
	Status string     `query:"status" enum:"proposed,confirmed,rejected" doc:"Only statements in this review state."`
	Near   string     `query:"near" doc:"Only statements tied to this facility or place entity."`
	From   string     `query:"from" doc:"Only what is dated (or published) on or after: YYYY-MM-DD, YYYY-MM or YYYY."`
	To     string     `query:"to" doc:"Only what is dated (or published) on or before: YYYY-MM-DD, YYYY-MM or YYYY."`
	Limit  limitParam `query:"limit"`
}

type searchResultOut struct {
	Sources    []searchSourceOut `json:"sources" doc:"Each source once, best first: those with the query's words that also name an entity the query names, those with the words, then those that name such an entity in another spelling or script."`
	Statements []statementOut    `json:"statements" doc:"Best first."`
	Names      []candidateOut    `json:"names" doc:"The name matcher's candidates, when the query may be a name."`
	Entities   []searchEntityOut `json:"entities" doc:"The entities of any type that the query names (the matcher's score at least 0.72, 0.85 for persons), whose sources were looked for."`
}

// searchSourceOut is a source found, with why when it was found through an
// entity the query names.
type searchSourceOut struct {
	SourceOut
	Why []whyOut `json:"why" doc:"How the source names an entity the query names; empty when it was found by the words alone."`
}

type whyOut struct {
	EntityID string `json:"entity_id"`
	Type     string `json:"type" enum:"person,organization,facility,place"`
	As       string `json:"as" doc:"The text the source names the entity by."`
	Mention  bool   `json:"mention" doc:"True: a mention in the source is linked to the entity; false: the source holds this name of the entity word for word."`
}

type searchEntityOut struct {
	EntityID string  `json:"entity_id"`
	Type     string  `json:"type" enum:"person,organization,facility,place"`
	Name     string  `json:"name" doc:"The entity's name that matched the query best."`
	Score    float64 `json:"score"`
	Sources  int     `json:"sources" doc:"How many of the sources returned name it."`
}

func toSearchResult(res app.SearchResults) searchResultOut {
	out := searchResultOut{Statements: toStatements(res.Statements), Names: toCandidates(res.Names),
		Sources: make([]searchSourceOut, 0, len(res.Sources)), Entities: make([]searchEntityOut, 0, len(res.Entities))}
	for _, src := range res.Sources {
		hit := searchSourceOut{SourceOut: toSource(src), Why: []whyOut{}}
		for _, w := range res.Why[src.ID] {
			hit.Why = append(hit.Why, whyOut{EntityID: w.EntityID, Type: string(w.Type), As: w.As, Mention: w.Mention})
		}
		out.Sources = append(out.Sources, hit)
	}
	for _, e := range res.Entities {
		out.Entities = append(out.Entities, searchEntityOut{EntityID: e.EntityID, Type: string(e.Type), Name: e.Name,
			Score: round3(e.Score), Sources: e.Sources})
	}
	return out
}

type searchOut struct{ Body searchResultOut }

// maxQuery bounds a query's length.
const maxQuery = 500

// searchShow is full-text search over the sources and statements the caller
// may see, as the web UI's search page runs it. Results are ranked, not
// paged: limit bounds each list.
func (s *Server) searchShow(ctx context.Context, in *searchIn) (*searchOut, error) {
	v := callerOf(ctx).viewer
	q := strings.TrimSpace(in.Q)
	switch {
	case q == "" || len(search.Words(q)) == 0:
		return nil, badParam("query.q", "q needs at least one word to search for", nil)
	case utf8.RuneCountInString(q) > maxQuery:
		return nil, badParam("query.q", "q is longer than 500 characters", nil)
	}
	limit, err := in.Limit.value()
	if err != nil {
		return nil, err
	}
	query := app.SearchQuery{Text: q, Limit: limit, Near: in.Near}
	if in.Type != "" {
		if query.EntityType, err = model.ParseEntityType(in.Type); err != nil {
			return nil, badParam("query.type", err.Error(), in.Type)
		}
	}
	switch model.Status(in.Status) {
	case "", model.StatusProposed, model.StatusConfirmed, model.StatusRejected:
		query.Status = model.Status(in.Status)
	default:
		return nil, badParam("query.status", "status is proposed, confirmed or rejected", in.Status)
	}
	if query.From, err = model.ParseDate(strings.TrimSpace(in.From)); err != nil {
		return nil, badParam("query.from", err.Error(), in.From)
	}
	if query.To, err = model.ParseDate(strings.TrimSpace(in.To)); err != nil {
		return nil, badParam("query.to", err.Error(), in.To)
	}
	if in.Near != "" {
		if err := s.checkNear(ctx, in.Near); err != nil {
			return nil, err
		}
	}
	res, err := s.app.Search(ctx, v, query)
	if err != nil {
		return nil, s.internal(ctx, "search", err)
	}
	if err := s.record(ctx, "api-search", res.Sources, res.Statements); err != nil {
		return nil, err
	}
	return &searchOut{Body: toSearchResult(res)}, nil
}

// checkNear accepts a facility or place the caller may see something of:
// filtering by an entity the caller may not see would tell them what is tied
// to it.
func (s *Server) checkNear(ctx context.Context, id string) error {
	refuse := badParam("query.near", "near must be the id of a facility or place", id)
	e, err := s.store.Entity(ctx, id)
	if err != nil || (e.Type != model.TypeFacility && e.Type != model.TypePlace) {
		return refuse
	}
	sts, err := s.store.Statements(ctx, callerOf(ctx).viewer, e.ID)
	if err != nil {
		return s.internal(ctx, "read place", err)
	}
	for _, st := range sts {
		if st.Status != model.StatusRejected {
			return nil
		}
	}
	return refuse
}

type matchIn struct {
	Name  string `query:"name" required:"true" doc:"The name to match, in any script."`
	Type  string `query:"type" enum:"person,organization,facility,place" default:"person" doc:"The type of entity the name is of."`
	Limit string `query:"limit" doc:"At most this many candidates, 1 to 50 (default 10)."`
}

type matchResultOut struct {
	Candidates []candidateOut `json:"candidates" doc:"Best first; only names the caller may see take part."`
}

type matchOut struct{ Body matchResultOut }

// matchShow lists the entities a name may stand for, as athar match does:
// for a caller below full clearance the matcher searches only the names the
// caller may see, so neither a candidate nor its score rests on the others.
func (s *Server) matchShow(ctx context.Context, in *matchIn) (*matchOut, error) {
	name := strings.TrimSpace(in.Name)
	switch {
	case name == "":
		return nil, badParam("query.name", "name is required", nil)
	case utf8.RuneCountInString(name) > maxQuery:
		return nil, badParam("query.name", "name is longer than 500 characters", nil)
	}
	typ := model.TypePerson
	if in.Type != "" {
		t, err := model.ParseEntityType(in.Type)
		if err != nil || t == model.TypeEvent {
			return nil, badParam("query.type", "type is person, organization, facility or place", in.Type)
		}
		typ = t
	}
	k := 10
	if in.Limit != "" {
		n, err := limitParam(in.Limit).value()
		if err != nil || n > 50 {
			return nil, badParam("query.limit", "limit must be a whole number from 1 to 50", in.Limit)
		}
		k = n
	}
	cands, err := s.app.Match(ctx, callerOf(ctx).viewer, name, typ, k)
	if err != nil {
		return nil, s.fail(ctx, "match", err)
	}
	return &matchOut{Body: matchResultOut{Candidates: toCandidates(cands)}}, nil
}

// accountOut is whose token a request carries.
type accountOut struct {
	User      string `json:"user"`
	Role      string `json:"role" enum:"admin,reviewer,analyst,viewer"`
	Clearance string `json:"clearance" enum:"public,internal,restricted,confidential"`
}

type meOut struct{ Body accountOut }

// meShow says whose token this is, with the role and clearance it acts with.
func (s *Server) meShow(ctx context.Context, _ *struct{}) (*meOut, error) {
	c := callerOf(ctx)
	out := &meOut{}
	out.Body.User, out.Body.Role, out.Body.Clearance = c.user.Name, string(c.user.Role), c.viewer.Clearance.String()
	return out, nil
}
