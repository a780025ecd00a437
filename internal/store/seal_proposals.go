package store

import (
	"context"
	"fmt"
	"strings"
)

// A merge proposal's reasons quote the names the matcher compared ("given
// agrees: Aws ~ Ous"), of any level: a name drawn from a testimony among
// them. A proposal has no one source whose key could seal it, so the
// reasons of a proposal between entities named by a sealed source are
// sealed under the master key, bound to the proposal (a dump shows none of
// them); a take-down of such a source empties them (the reader recomputes
// reasons from the names left, app.MergeProposals), since the master key
// would still open them.

func proposalAD(id string) []byte { return []byte("athar proposal:" + id) }

// namedBySealed is the condition on an entity column that some statement
// of that entity, or of one merged into it, comes from a sealed source (or
// one taken down).
func namedBySealed(col string) string {
	return "EXISTS (SELECT 1 FROM statements st JOIN entities e ON e.id = st.entity_id JOIN source_keys k ON k.source_id = st.source_id " +
		"WHERE e.id = " + col + " OR e.merged_into = " + col + ")"
}

// proposalReasons is what to store of a new proposal's reasons: sealed
// under the master key when either entity is named by a sealed source.
func (t *Tx) proposalReasons(ctx context.Context, p *MergeProposal) (string, error) {
	reasons := strings.Join(p.Reasons, "\n")
	if reasons == "" {
		return "", nil
	}
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM entities x WHERE x.id IN (?, ?) AND "+namedBySealed("x.id"), p.EntityA, p.EntityB).Scan(&n); err != nil {
		return "", fmt.Errorf("merge proposal %s: %w", p.ID, err)
	}
	if n == 0 {
		return reasons, nil
	}
	mk, err := t.s.masterKey(ctx, false)
	if err != nil {
		return "", fmt.Errorf("seal the reasons of merge proposal %s: %w", p.ID, err)
	}
	return sealText(mk, proposalAD(p.ID), reasons), nil
}

// openReasons opens a proposal's sealed reasons, or returns them as they are.
func (s *Store) openReasons(ctx context.Context, id, reasons string) (string, error) {
	if !strings.HasPrefix(reasons, sealedPrefix) {
		return reasons, nil
	}
	mk, err := s.masterKey(ctx, false)
	if err != nil {
		return "", fmt.Errorf("reasons of merge proposal %s: %w", id, err)
	}
	clear, err := openText(mk, proposalAD(id), reasons)
	if err != nil {
		return "", fmt.Errorf("reasons of merge proposal %s: %w", id, err)
	}
	return clear, nil
}

// proposalsNamedBy lists the proposals between entities a source names
// (directly or merged in), with their stored reasons.
func (t *Tx) proposalsNamedBy(ctx context.Context, sourceID string) (ids, reasons []string, err error) {
	rows, err := t.query(ctx, "SELECT p.id, p.reasons FROM merge_proposals p WHERE p.reasons <> '' AND EXISTS ("+
		"SELECT 1 FROM statements st JOIN entities e ON e.id = st.entity_id WHERE st.source_id = ? AND "+
		"(e.id IN (p.entity_a, p.entity_b) OR e.merged_into IN (p.entity_a, p.entity_b))) ORDER BY p.id", sourceID)
	if err != nil {
		return nil, nil, fmt.Errorf("merge proposals of source %s: %w", sourceID, err)
	}
	type row struct{ id, reasons string }
	all, err := collect(rows, func(r rowScanner) (x row, err error) { err = r.Scan(&x.id, &x.reasons); return })
	for _, x := range all {
		ids, reasons = append(ids, x.id), append(reasons, x.reasons)
	}
	return ids, reasons, err
}

// sealProposals seals the reasons, still in the clear, of the proposals
// between entities a source being sealed names.
func (t *Tx) sealProposals(ctx context.Context, sourceID string) error {
	ids, reasons, err := t.proposalsNamedBy(ctx, sourceID)
	if err != nil {
		return err
	}
	for i, id := range ids {
		if strings.HasPrefix(reasons[i], sealedPrefix) {
			continue
		}
		mk, err := t.s.masterKey(ctx, false)
		if err != nil {
			return fmt.Errorf("seal the reasons of merge proposal %s: %w", id, err)
		}
		if err := t.secureDelete(ctx); err != nil {
			return err
		}
		t.queueScrub(ctx)
		if err := t.update(ctx, "merge_proposals", id, map[string]any{"reasons": sealText(mk, proposalAD(id), reasons[i])}); err != nil {
			return err
		}
	}
	return nil
}

// forgetProposalReasons empties the reasons of the proposals between
// entities a source taken down names.
func (t *Tx) forgetProposalReasons(ctx context.Context, sourceID string) error {
	ids, _, err := t.proposalsNamedBy(ctx, sourceID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := t.secureDelete(ctx); err != nil {
			return err
		}
		t.queueScrub(ctx)
		if err := t.update(ctx, "merge_proposals", id, map[string]any{"reasons": ""}); err != nil {
			return err
		}
	}
	return nil
}
