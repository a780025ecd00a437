package resolve

import (
	"context"
	"fmt"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Judge records a person's verdict on two entities and acts on it: "same"
// merges the second into the first (reversibly), "different" undoes a merge
// of the two if there was one and stops the pair from being proposed or
// linked again, "unsure" only records the doubt. Open proposals of the pair
// are closed. Judgements always win over the machine.
func (r *Resolver) Judge(ctx context.Context, v access.Viewer, a, b string, verdict model.Verdict, note string) error {
	if !v.CanReview() {
		return fmt.Errorf("%s may not judge merges (role %s)", v.Actor(), v.Role)
	}
	ea, err := r.st.Entity(ctx, a)
	if err != nil {
		return err
	}
	eb, err := r.st.Entity(ctx, b)
	if err != nil {
		return err
	}
	if ea.Type != eb.Type {
		return fmt.Errorf("%s is a %s and %s a %s: only entities of one type can be one", a, ea.Type, b, eb.Type)
	}
	ca, err := r.st.Canonical(ctx, a)
	if err != nil {
		return err
	}
	cb, err := r.st.Canonical(ctx, b)
	if err != nil {
		return err
	}
	var reload []string
	err = r.st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
		if err := tx.AddJudgement(ctx, &model.Judgement{EntityA: a, EntityB: b, Verdict: verdict, Note: note}); err != nil {
			return err
		}
		if err := tx.CloseProposals(ctx, a, b); err != nil {
			return err
		}
		switch verdict {
		case model.Same:
			if ca != cb {
				reload = append(reload, ca, cb)
				return tx.SetMergedInto(ctx, cb, ca)
			}
		case model.Different:
			if ca == cb {
				// Undo whichever merge joined them.
				for _, e := range []model.Entity{eb, ea} {
					if e.MergedInto != "" {
						reload = append(reload, e.ID, e.MergedInto)
						return tx.SetMergedInto(ctx, e.ID, "")
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return r.refresh(ctx, ea.Type, reload)
}

// Unmerge undoes the merge of an entity into another, and records that a
// person judged the two different, so the machine does not merge them again.
func (r *Resolver) Unmerge(ctx context.Context, v access.Viewer, id string) error {
	if !v.CanReview() {
		return fmt.Errorf("%s may not undo merges (role %s)", v.Actor(), v.Role)
	}
	e, err := r.st.Entity(ctx, id)
	if err != nil {
		return err
	}
	if e.MergedInto == "" {
		return fmt.Errorf("entity %s is not merged into another", id)
	}
	err = r.st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
		if err := tx.SetMergedInto(ctx, id, ""); err != nil {
			return err
		}
		return tx.AddJudgement(ctx, &model.Judgement{EntityA: e.MergedInto, EntityB: id, Verdict: model.Different, Note: "unmerged"})
	})
	if err != nil {
		return err
	}
	return r.refresh(ctx, e.Type, []string{id, e.MergedInto})
}

// refresh reloads entities' names into the index: merged ones leave it,
// the rest carry every name they now hold (their own and their merged ones').
func (r *Resolver) refresh(ctx context.Context, t model.EntityType, ids []string) error {
	for _, id := range ids {
		e, err := r.st.Entity(ctx, id)
		if err != nil {
			return err
		}
		if e.MergedInto != "" {
			r.forget(t, id)
			continue
		}
		if err := r.reloadWithMerged(ctx, t, id); err != nil {
			return err
		}
	}
	return nil
}

// reloadWithMerged indexes an entity under its own names and those of the
// entities merged into it.
func (r *Resolver) reloadWithMerged(ctx context.Context, t model.EntityType, id string) error {
	ents, err := r.st.Entities(ctx, access.Operator(), t)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if e.ID == id {
			if x := r.index(t); x != nil {
				x.Replace(id, e.Names)
			}
			return nil
		}
	}
	return r.reload(ctx, t, id)
}

// Blocked reports whether a person judged the pair different or unsure: then
// the machine neither links nor proposes them again.
func (r *Resolver) Blocked(ctx context.Context, a, b string) (bool, error) {
	vs, err := r.st.Verdicts(ctx, a, b)
	if err != nil {
		return false, err
	}
	for _, j := range vs {
		switch j.Verdict {
		case model.Different, model.Unsure:
			return true, nil
		case model.Same:
			return false, nil
		}
	}
	return false, nil
}

// Stats counts what ResolveAll did.
type Stats struct {
	Entities int `json:"entities"`
	Merged   int `json:"merged"`
	Proposed int `json:"proposed"`
}

// ResolveAll re-links everything in the store: each unmerged entity, oldest
// first, is compared with the others; one the matcher is sure of is merged
// into the older entity (reversibly, as the resolver), one it is not sure of
// is proposed for review. Pairs a person judged different or unsure (an
// unmerge counts as "different") are left alone.
func (r *Resolver) ResolveAll(ctx context.Context) (Stats, error) {
	var st Stats
	for _, t := range Resolvable {
		ents, err := r.st.Entities(ctx, access.Operator(), t)
		if err != nil {
			return st, err
		}
		for _, e := range ents {
			st.Entities++
			cur, err := r.st.Entity(ctx, e.ID)
			if err != nil {
				return st, err
			}
			if cur.MergedInto != "" {
				continue
			}
			if err := r.resolveOne(ctx, t, e, &st); err != nil {
				return st, fmt.Errorf("resolve %s: %w", e.ID, err)
			}
		}
	}
	return st, nil
}

// ResolveEntities is ResolveAll over some entities only (those an import
// stored): each that is not merged and has a name is compared with the
// others, merged into an older one the matcher is sure of, or proposed for
// review with one it is not sure of.
func (r *Resolver) ResolveEntities(ctx context.Context, ids []string) (Stats, error) {
	var st Stats
	for _, id := range ids {
		e, err := r.st.Entity(ctx, id)
		if err != nil {
			return st, err
		}
		if e.MergedInto != "" || r.index(e.Type) == nil {
			continue
		}
		sts, err := r.st.Statements(ctx, access.Operator(), id)
		if err != nil {
			return st, err
		}
		var names []string
		for _, p := range []model.Property{model.PropName, model.PropAlias, model.PropWeakAlias} {
			for _, s := range sts {
				if s.Property == p && s.Value != "" && s.Status != model.StatusRejected {
					names = append(names, s.Value)
				}
			}
		}
		st.Entities++
		if err := r.resolveOne(ctx, e.Type, store.EntityNames{Entity: e, Names: names}, &st); err != nil {
			return st, fmt.Errorf("resolve %s: %w", id, err)
		}
	}
	return st, nil
}

func (r *Resolver) resolveOne(ctx context.Context, t model.EntityType, e store.EntityNames, st *Stats) error {
	if len(e.Names) == 0 {
		return nil
	}
	f := Found{Type: t, Name: e.Names[0], Aliases: e.Names[1:], Sensitivity: model.Confidential}
	sts, err := r.st.Statements(ctx, access.Operator(), e.ID)
	if err != nil {
		return err
	}
	for _, s := range sts {
		if s.Property == model.PropBirthDate && s.Status != model.StatusRejected {
			f.BirthDate, _ = model.ParseDate(s.Value)
		}
		// Merged, it is linked at the level of its least sensitive name:
		// only through names that level may see.
		if s.Property.IsName() && s.Status != model.StatusRejected {
			f.Sensitivity = min(f.Sensitivity, s.Sensitivity)
		}
	}
	best, err := r.best(ctx, storeValues{r.st}, f, e.ID)
	if err != nil || best.EntityID == "" {
		return err
	}
	other, err := r.st.Entity(ctx, best.EntityID)
	if err != nil {
		return err
	}
	// Merge the newer into the older: the pair is acted on once, when the
	// newer one is resolved.
	if other.MergedInto != "" || !older(other, e.Entity) {
		return nil
	}
	if blocked, err := r.Blocked(ctx, e.ID, other.ID); err != nil || blocked {
		return err
	}
	switch {
	case best.Link:
		if err := r.st.Write(ctx, Version, func(tx *store.Tx) error { return tx.SetMergedInto(ctx, e.ID, other.ID) }); err != nil {
			return err
		}
		st.Merged++
		return r.refresh(ctx, t, []string{e.ID, other.ID})
	case best.Score >= ProposeAt:
		var added bool
		err := r.st.Write(ctx, Version, func(tx *store.Tx) error {
			var err error
			added, err = tx.ProposeMerge(ctx, &store.MergeProposal{EntityA: other.ID, EntityB: e.ID, Score: best.Score, Reasons: best.Reasons, Proposer: Version})
			return err
		})
		if err != nil {
			return err
		}
		if added {
			st.Proposed++
		}
	}
	return nil
}

// older reports whether a was created before b (by id when at the same time).
func older(a, b model.Entity) bool {
	if !a.CreatedAt.Equal(b.CreatedAt) {
		return a.CreatedAt.Before(b.CreatedAt)
	}
	return a.ID < b.ID
}
