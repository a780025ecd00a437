package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/athar-project/athar/internal/model"
)

// RaiseSource makes a source stricter: its kind becomes kind and its level
// level, when level is above its own; the statements drawn from it are
// raised with it (a statement is never less sensitive than its source), and
// so are the page totals that count it. It never lowers anything: asked for
// a level not above the source's, it changes nothing and reports false.
// Whether the actor may is the caller's rule.
func (t *Tx) RaiseSource(ctx context.Context, id string, kind model.SourceKind, level model.Sensitivity) (bool, error) {
	if _, err := model.ParseSourceKind(string(kind)); err != nil {
		return false, err
	}
	if !level.Valid() {
		return false, fmt.Errorf("invalid sensitivity %d", level)
	}
	var was string
	err := t.queryRow(ctx, "SELECT sensitivity FROM sources WHERE id = ?", id).Scan(&was)
	if errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("source %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return false, fmt.Errorf("source %s: %w", id, err)
	}
	old, err := model.ParseSensitivity(was)
	if err != nil {
		return false, fmt.Errorf("source %s: %w", id, err)
	}
	if level <= old {
		return false, nil
	}
	if err := t.lock(ctx); err != nil {
		return false, err
	}
	below, err := t.ids(ctx, "SELECT id FROM statements WHERE source_id = ? AND sensitivity IN ("+levelsBelow(level)+")", id)
	if err != nil {
		return false, err
	}
	for _, st := range below {
		if err := t.recountStatement(ctx, st, func() error {
			return t.update(ctx, "statements", st, map[string]any{"sensitivity": level.String()})
		}); err != nil {
			return false, err
		}
	}
	if err := t.update(ctx, "sources", id, map[string]any{"kind": string(kind), "sensitivity": level.String()}); err != nil {
		return false, err
	}
	if Sealed(level) {
		if err := t.sealExisting(ctx, id); err != nil {
			return false, err
		}
	}
	// The entities it mentions: counted among their sources at the new level.
	ents, err := t.ids(ctx, "SELECT entity_id FROM entity_sources WHERE source_id = ?", id)
	if err != nil {
		return false, err
	}
	if _, err := t.exec(ctx, "UPDATE entity_sources SET sensitivity = ? WHERE source_id = ?", level.String(), id); err != nil {
		return false, fmt.Errorf("sources of entities: %w", err)
	}
	for _, e := range ents {
		if _, err := t.exec(ctx, fmt.Sprintf("UPDATE entity_source_counts SET n_%s = n_%s - 1, n_%s = n_%s + 1 WHERE entity_id = ?",
			old, old, level, level), e); err != nil {
			return false, fmt.Errorf("sources of %s: %w", e, err)
		}
	}
	return true, nil
}

// levelsBelow lists, quoted for SQL, the levels below l.
func levelsBelow(l model.Sensitivity) string {
	out := ""
	for _, s := range model.Sensitivities() {
		if s < l {
			if out != "" {
				out += ", "
			}
			out += "'" + s.String() + "'"
		}
	}
	return out
}
