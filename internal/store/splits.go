package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/athar-project/athar/internal/model"
)

// Splitting an entity by its statements (issue 15): a reviewer who finds
// that one entity holds two people — the names and arrest one source gives
// belong to another man of the same name — takes the statements that are
// his off it, onto a new entity. A statement about the entity (entity_id)
// moves its subject; one that links to it (an event's participant, a
// superior) moves its link. What is moved stays as its source made it, with
// its review state: only whom it is about changes.

// SplitStaleError means a split was asked on a view of the entity that no
// longer holds: the entity was merged away, or a statement chosen no longer
// stands on it (someone split or re-extracted meanwhile). Nothing changed.
type SplitStaleError struct {
	Entity    string
	Statement string // "" when the entity itself was merged away
}

func (e *SplitStaleError) Error() string {
	if e.Statement == "" {
		return fmt.Sprintf("entity %s was merged into another meanwhile", e.Entity)
	}
	return fmt.Sprintf("statement %s no longer stands on entity %s", e.Statement, e.Entity)
}

// SplitStatements moves the statements ids off entity from (statements
// about it, or about an entity merged into it, and statements linking to
// either) onto a new entity of from's type, and records the judgement that
// the two are different people, with note as its reason. The checks and the
// moves happen under the ledger's lock in this transaction: a statement
// that no longer stands on from, or a from merged away, is a
// *SplitStaleError and the caller's transaction must be abandoned. Claim
// totals follow each statement, mentions at a moved statement's span in its
// source follow it, and the judgement's ledger entry is what tells every
// process's names index to read both entities again (namesSince).
func (t *Tx) SplitStatements(ctx context.Context, from string, ids []string, note string) (model.Entity, error) {
	if len(ids) == 0 {
		return model.Entity{}, errors.New("a split needs at least one statement")
	}
	if err := t.lock(ctx); err != nil {
		return model.Entity{}, err
	}
	var typ, merged string
	if err := t.queryRow(ctx, "SELECT type, COALESCE(merged_into, '') FROM entities WHERE id = ?", from).Scan(&typ, &merged); err != nil {
		return model.Entity{}, fmt.Errorf("split entity %s: %w", from, notFoundIf(err))
	}
	if merged != "" {
		return model.Entity{}, &SplitStaleError{Entity: from}
	}
	members, err := t.mergedInto(ctx, from)
	if err != nil {
		return model.Entity{}, err
	}
	members = append(members, from)
	type move struct {
		id, source  string
		about       bool // the statement is about the entity (else links to it)
		start, end  sql.NullInt64
		wasOnEntity string
	}
	moves := make([]move, 0, len(ids))
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		var m move
		var entity, valueEntity string
		err := t.queryRow(ctx, "SELECT entity_id, COALESCE(value_entity, ''), COALESCE(source_id, ''), span_start, span_end FROM statements WHERE id = ?", id).
			Scan(&entity, &valueEntity, &m.source, &m.start, &m.end)
		if errors.Is(err, sql.ErrNoRows) {
			return model.Entity{}, &SplitStaleError{Entity: from, Statement: id}
		}
		if err != nil {
			return model.Entity{}, fmt.Errorf("split entity %s: statement %s: %w", from, id, err)
		}
		m.id = id
		switch {
		case slices.Contains(members, entity):
			m.about, m.wasOnEntity = true, entity
		case valueEntity != "" && slices.Contains(members, valueEntity):
			m.wasOnEntity = valueEntity
		default:
			return model.Entity{}, &SplitStaleError{Entity: from, Statement: id}
		}
		moves = append(moves, m)
	}
	e, err := t.AddEntity(ctx, model.EntityType(typ))
	if err != nil {
		return e, err
	}
	for _, m := range moves {
		col := "value_entity"
		if m.about {
			col = "entity_id"
		}
		if err := t.recountStatement(ctx, m.id, func() error {
			return t.update(ctx, "statements", m.id, map[string]any{col: e.ID})
		}); err != nil {
			return e, fmt.Errorf("split entity %s: move statement %s: %w", from, m.id, err)
		}
		if m.about && m.source != "" && m.start.Valid && m.end.Valid {
			if err := t.moveMentions(ctx, m.source, m.start.Int64, m.end.Int64, m.wasOnEntity, e.ID); err != nil {
				return e, err
			}
		}
	}
	if err := t.AddJudgement(ctx, &model.Judgement{EntityA: from, EntityB: e.ID, Verdict: model.Different, Note: note}); err != nil {
		return e, err
	}
	return e, nil
}

// moveMentions links the mentions of entity at one span of a source to
// another entity: the words a moved statement rests on name the entity it
// now is about (and count it among the sources of that entity's page).
func (t *Tx) moveMentions(ctx context.Context, source string, start, end int64, was, to string) error {
	ids, err := t.ids(ctx, "SELECT id FROM mentions WHERE source_id = ? AND span_start = ? AND span_end = ? AND entity_id = ? ORDER BY id",
		source, start, end, was)
	if err != nil {
		return fmt.Errorf("mentions of %s in %s: %w", was, source, err)
	}
	for _, id := range ids {
		var score float64
		if err := t.queryRow(ctx, "SELECT score FROM mentions WHERE id = ?", id).Scan(&score); err != nil {
			return fmt.Errorf("mention %s: %w", id, err)
		}
		if err := t.LinkMention(ctx, id, to, score); err != nil {
			return err
		}
	}
	return nil
}
