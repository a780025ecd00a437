package app

import (
	"context"
	"fmt"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/names"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
)

// Merges and judgements: a person decides whether two entities are one.
// Only reviewers and admins judge, undo merges, re-link the store or see the
// matcher's proposals; each side must be an entity whose names the person
// may see, and the matcher's stored reasons — which quote names of any level
// — are shown only to who may see every name.

// Candidate is a stored entity a name may stand for.
type Candidate = resolve.Candidate

// ResolveStats counts what re-linking the store did.
type ResolveStats = resolve.Stats

// Match lists at most k entities of a type a name may stand for, best first,
// over only the names v may see (so that neither a candidate nor its score
// rests on a name beyond v's clearance).
func (a *App) Match(ctx context.Context, v access.Viewer, name string, typ model.EntityType, k int) ([]Candidate, error) {
	r, err := a.freshResolver(ctx)
	if err != nil {
		return nil, err
	}
	cands, err := r.Match(ctx, v, name, typ, k)
	if err != nil {
		return nil, &Error{Kind: Invalid, Msg: err.Error()}
	}
	return cands, nil
}

func mayJudge(v access.Viewer) error {
	if !v.CanReview() {
		return forbidden("%s may not judge or change merges (role %s): reviewers and admins do", v.Actor(), v.Role)
	}
	return nil
}

// Judge records v's verdict on two entities and acts on it: "same" merges
// the second into the first (reversibly), "different" undoes a merge of the
// two and keeps the machine from linking or proposing them again, "unsure"
// only records the doubt. Open proposals of the pair are closed.
func (a *App) Judge(ctx context.Context, v access.Viewer, ea, eb string, verdict model.Verdict, note string) error {
	if err := mayJudge(v); err != nil {
		return err
	}
	switch verdict {
	case model.Same, model.Different, model.Unsure:
	default:
		return invalid("verdict %q: want same, different or unsure", verdict)
	}
	for _, id := range []string{ea, eb} {
		if ns, err := a.VisibleNames(ctx, v, id); err != nil {
			return err
		} else if len(ns) == 0 {
			return notFound("entity " + id)
		}
	}
	r, err := a.resolver(ctx)
	if err != nil {
		return err
	}
	if err := r.Judge(ctx, v, ea, eb, verdict, note); err != nil {
		return judgeError(err)
	}
	return nil
}

// Unmerge undoes the merge of an entity into another, and records that v
// judged the two different, so the machine does not merge them again.
func (a *App) Unmerge(ctx context.Context, v access.Viewer, id string) error {
	if err := mayJudge(v); err != nil {
		return err
	}
	if ns, err := a.VisibleNames(ctx, v, id); err != nil {
		return err
	} else if len(ns) == 0 {
		return notFound("entity " + id)
	}
	r, err := a.resolver(ctx)
	if err != nil {
		return err
	}
	if err := r.Unmerge(ctx, v, id); err != nil {
		return judgeError(err)
	}
	return nil
}

// judgeError turns what the resolver refused into an Error.
func judgeError(err error) error {
	if KindOf(err) != 0 {
		return err
	}
	return &Error{Kind: Conflict, Msg: err.Error(), Err: err}
}

// ResolveAll re-links the whole store as v: each entity the matcher is sure
// is an older one is merged into it, the rest it is not sure of are proposed
// for review. The resolver it rebuilt for the run becomes the process's.
func (a *App) ResolveAll(ctx context.Context, v access.Viewer) (ResolveStats, error) {
	if err := mayJudge(v); err != nil {
		return ResolveStats{}, err
	}
	r, err := resolve.New(ctx, a.st)
	if err != nil {
		return ResolveStats{}, fmt.Errorf("build the resolver: %w", err)
	}
	stats, err := r.ResolveAll(ctx)
	if err != nil {
		return stats, err
	}
	a.replaceResolver(r)
	return stats, nil
}

// Proposal is an open merge proposal as a viewer may see it: both sides'
// names the viewer may see, and the matcher's score and reasons — the
// stored ones for a viewer who may see every name, else recomputed over the
// names the viewer may see (Recomputed).
type Proposal struct {
	store.MergeProposal
	NamesA, NamesB []string
	Recomputed     bool
}

// MergeProposals lists the open proposals v may judge: those of which v may
// see a name on both sides.
func (a *App) MergeProposals(ctx context.Context, v access.Viewer) ([]Proposal, error) {
	if err := mayJudge(v); err != nil {
		return nil, err
	}
	props, err := a.st.MergeProposals(ctx, "open")
	if err != nil {
		return nil, err
	}
	var out []Proposal
	for _, p := range props {
		pv, ok, err := a.proposal(ctx, v, p)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, pv)
		}
	}
	return out, nil
}

// MergeProposal is one open proposal as MergeProposals shows it; not found
// when it is not open or v may not see a name on both sides.
func (a *App) MergeProposal(ctx context.Context, v access.Viewer, id string) (Proposal, error) {
	if err := mayJudge(v); err != nil {
		return Proposal{}, err
	}
	props, err := a.st.MergeProposals(ctx, "open")
	if err != nil {
		return Proposal{}, err
	}
	for _, p := range props {
		if p.ID != id {
			continue
		}
		pv, ok, err := a.proposal(ctx, v, p)
		if err != nil {
			return Proposal{}, err
		}
		if ok {
			return pv, nil
		}
	}
	return Proposal{}, notFound("merge proposal")
}

func (a *App) proposal(ctx context.Context, v access.Viewer, p store.MergeProposal) (Proposal, bool, error) {
	out := Proposal{MergeProposal: p}
	var err error
	if out.NamesA, err = a.VisibleNames(ctx, v, p.EntityA); err != nil || len(out.NamesA) == 0 {
		return out, false, err
	}
	if out.NamesB, err = a.VisibleNames(ctx, v, p.EntityB); err != nil || len(out.NamesB) == 0 {
		return out, false, err
	}
	if !SeesEverything(v) {
		out.Recomputed = true
		e, err := a.st.Entity(ctx, p.EntityA)
		if err != nil {
			return out, false, err
		}
		// Organizations, facilities and places by rules of their own:
		// never "grandfather agrees" between two organizations.
		out.Score, out.Reasons = CompareNames(e.Type, out.NamesA, out.NamesB)
	}
	return out, true, nil
}

// SeesEverything reports whether v may see every statement: then the
// matcher's stored score and reasons, which may rest on names of any level,
// can be shown as they are.
func SeesEverything(v access.Viewer) bool {
	return v.Clearance == model.Confidential && !v.ConfirmedOnly()
}

// VisibleNames lists the names (name, alias, epithet) of an entity that v
// may see, each once, from statements not rejected.
func (a *App) VisibleNames(ctx context.Context, v access.Viewer, id string) ([]string, error) {
	sts, err := a.st.Statements(ctx, v, id)
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	for _, st := range sts {
		if st.Property.IsName() && st.Status != model.StatusRejected && st.Value != "" && !seen[st.Value] {
			seen[st.Value] = true
			out = append(out, st.Value)
		}
	}
	return out, nil
}

// CompareNames compares every name of one side with every name of the
// other, as names of entities of typ, and returns the best pair's score
// and reasons.
func CompareNames(typ model.EntityType, a, b []string) (float64, []string) {
	k := names.KindOf(string(typ))
	best := names.Result{}
	for _, x := range a {
		for _, y := range b {
			if r := names.CompareKindStrings(k, x, y); r.Score > best.Score || best.Reasons == nil {
				best = r
			}
		}
	}
	return best.Score, best.Reasons
}
