package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/enquiry"
	"github.com/athar-project/athar/internal/model"
)

// Watch lists: the perpetrators analysts name (ledgered; removed, never
// deleted), and the queue of persons sources name who may be one of them
// (workflow, not ledgered). Nothing here checks a role: internal/app does.
// Every read for a reader filters by the reader's clearance: the entry's
// level, the alert's, and its source's.

const wantedCols = "id, name, aliases, rank_title, born, note, sensitivity, created_by, created_at"

// AddWanted records a watch-list entry as the transaction's actor, setting
// its id and time.
func (t *Tx) AddWanted(ctx context.Context, w *enquiry.Wanted) error {
	aliases := w.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	js, err := json.Marshal(aliases)
	if err != nil {
		return err
	}
	now := t.s.now()
	w.ID, w.CreatedBy, w.CreatedAt = NewID(), t.actor, now
	return t.insert(ctx, "watch_entries", map[string]any{
		"id": w.ID, "name": w.Name, "aliases": string(js), "rank_title": w.Rank, "born": w.Born.String(), "note": w.Note,
		"sensitivity": w.Sensitivity.String(), "created_by": w.CreatedBy, "created_at": timeText(now),
		"removed_by": "", "removed_at": "",
	})
}

// RemoveWanted stops watching for an entry: it is marked removed by the
// transaction's actor, and its alerts leave the queue.
func (t *Tx) RemoveWanted(ctx context.Context, id string) error {
	var removed string
	if err := t.queryRow(ctx, "SELECT removed_at FROM watch_entries WHERE id = ?", id).Scan(&removed); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("watch-list entry %s: %w", id, ErrNotFound)
		}
		return err
	}
	if removed != "" {
		return fmt.Errorf("watch-list entry %s: %w", id, ErrNotFound)
	}
	return t.update(ctx, "watch_entries", id, map[string]any{"removed_by": t.actor, "removed_at": timeText(t.s.now())})
}

// WantedRemoved reports whether an entry v may see was removed; not found
// when there is no such entry or v may not see it.
func (s *Store) WantedRemoved(ctx context.Context, v access.Viewer, id string) (bool, error) {
	cond, args := visibleIn(v, "sensitivity")
	var removed string
	err := s.db.QueryRowContext(ctx, s.rebind("SELECT removed_at FROM watch_entries WHERE id = ? AND "+cond), append([]any{id}, args...)...).Scan(&removed)
	if errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("watch-list entry %s: %w", id, ErrNotFound)
	}
	return removed != "", err
}

// WatchList lists the entries still watched, newest first: those v may
// see, or — for the system's screening, with all — every one.
func (s *Store) WatchList(ctx context.Context, v access.Viewer, all bool) ([]enquiry.Wanted, error) {
	q := "SELECT " + wantedCols + " FROM watch_entries WHERE removed_at = ''"
	var args []any
	if !all {
		var cond string
		cond, args = visibleIn(v, "sensitivity")
		q += " AND " + cond
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q+" ORDER BY created_at DESC, id"), args...)
	if err != nil {
		return nil, fmt.Errorf("read watch list: %w", err)
	}
	return collect(rows, scanWanted)
}

func scanWanted(r rowScanner) (enquiry.Wanted, error) {
	var w enquiry.Wanted
	var aliases, born, level, created string
	if err := r.Scan(&w.ID, &w.Name, &aliases, &w.Rank, &born, &w.Note, &level, &w.CreatedBy, &created); err != nil {
		return w, err
	}
	if err := json.Unmarshal([]byte(aliases), &w.Aliases); err != nil {
		return w, fmt.Errorf("watch-list entry %s: aliases: %w", w.ID, err)
	}
	w.Born, _ = model.ParseDate(born)
	w.Sensitivity, _ = model.ParseSensitivity(level)
	w.CreatedAt = parseTime(created)
	return w, nil
}

// WatchAlert is a person a source names who may be a watch list's wanted
// person.
type WatchAlert struct {
	ID       string
	EntryID  string
	Wanted   string // the entry's name
	EntityID string
	SourceID string
	Name     string // the name the source gives
	// Sensitivity is the highest of the entry's, the name statement's and
	// the statements its reasons quote.
	Sensitivity model.Sensitivity
	Score       float64
	Reasons     []enquiry.Reason
	CreatedAt   time.Time
	SeenBy      string
}

// AddWatchAlerts puts alerts in the watch-list queue; one already queued
// for the same entry, person and source is left as it is.
func (s *Store) AddWatchAlerts(ctx context.Context, as []WatchAlert) (int, error) {
	q := make([]queued, len(as))
	for i, a := range as {
		js, err := json.Marshal(enquiry.ReasonsOrEmpty(a.Reasons))
		if err != nil {
			return 0, err
		}
		q[i] = queued{owner: a.EntryID, entity: a.EntityID, source: a.SourceID,
			cols: map[string]any{"name": a.Name, "sensitivity": a.Sensitivity.String(), "score": a.Score, "reasons": string(js)}}
	}
	return s.queueOnce(ctx, "watch_alerts", "entry_id", q)
}

// WatchAlerts lists the watch-list queue as v may see it, newest first:
// alerts whose own level, entry and source are all within v's clearance,
// of entries still watched and sources not taken down; those nobody has
// marked seen, or all.
func (s *Store) WatchAlerts(ctx context.Context, v access.Viewer, unseenOnly bool) ([]WatchAlert, error) {
	ca, aa := visibleIn(v, "a.sensitivity")
	ce, ae := visibleIn(v, "w.sensitivity")
	cs, as := visibleIn(v, "s.sensitivity")
	q := "SELECT a.id, a.entry_id, w.name, a.entity_id, a.source_id, a.name, a.sensitivity, a.score, a.reasons, a.created_at, a.seen_by " +
		"FROM watch_alerts a JOIN watch_entries w ON w.id = a.entry_id JOIN sources s ON s.id = a.source_id " +
		"WHERE w.removed_at = '' AND NOT EXISTS (SELECT 1 FROM takedowns t WHERE t.source_id = a.source_id) AND " + ca + " AND " + ce + " AND " + cs
	if unseenOnly {
		q += " AND a.seen_by = ''"
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q+" ORDER BY a.created_at DESC, a.score DESC, a.id LIMIT 500"), append(append(aa, ae...), as...)...)
	if err != nil {
		return nil, fmt.Errorf("read watch-list queue: %w", err)
	}
	open := s.mentionOpener()
	return collect(rows, func(r rowScanner) (WatchAlert, error) {
		var a WatchAlert
		var at, level, reasons string
		if err := r.Scan(&a.ID, &a.EntryID, &a.Wanted, &a.EntityID, &a.SourceID, &a.Name, &level, &a.Score, &reasons, &at, &a.SeenBy); err != nil {
			return a, err
		}
		var err error
		if a.Name, err = open.openAlertCol(ctx, "watch_alerts", a.ID, "name", a.SourceID, a.Name); err != nil {
			return a, err
		}
		if reasons, err = open.openAlertCol(ctx, "watch_alerts", a.ID, "reasons", a.SourceID, reasons); err != nil {
			return a, err
		}
		if a.Reasons, err = enquiry.ParseReasons([]byte(reasons)); err != nil {
			return a, fmt.Errorf("watch-list alert %s: reasons: %w", a.ID, err)
		}
		a.Sensitivity, _ = model.ParseSensitivity(level)
		a.CreatedAt = parseTime(at)
		return a, nil
	})
}

// MentionFacts reads what each source says of the father and the birth of
// the persons it names, by source and entity (merges followed one step),
// with the highest level among the statements read: the evidence a
// watch-list hit is weighed by. It reads every level: the watch runs for
// the system, and the alert takes the level of what it quotes.
func (s *Store) MentionFacts(ctx context.Context, sourceIDs []string) (map[[2]string]MentionFact, error) {
	out := map[[2]string]MentionFact{}
	open := s.valueOpener()
	err := s.eachStatementOfSources(ctx, sourceIDs, "SELECT st.id, st.source_id, COALESCE(e.merged_into, e.id), st.property, st.value, st.sensitivity "+
		"FROM statements st JOIN entities e ON e.id = st.entity_id WHERE st.source_id IN (%s) "+
		"AND e.type = 'person' AND st.property IN ('fatherName', 'birthDate') AND st.status <> 'rejected'", "facts of persons named in sources",
		func(r rowScanner) error {
			var id, src, ent, prop, val, level string
			if err := r.Scan(&id, &src, &ent, &prop, &val, &level); err != nil {
				return err
			}
			sealed := strings.HasPrefix(val, sealedPrefix)
			var err error
			if val, err = open.open(ctx, id, src, val); err != nil {
				return err
			}
			if sealed && val == Withdrawn {
				return nil
			}
			k := [2]string{src, ent}
			f := out[k]
			if prop == "fatherName" {
				f.Fathers = append(f.Fathers, val)
			} else if d, err := model.ParseDate(val); err == nil && !d.IsZero() {
				f.Born = append(f.Born, d)
			}
			l, _ := model.ParseSensitivity(level)
			f.Sensitivity = model.Max(f.Sensitivity, l)
			out[k] = f
			return nil
		})
	return out, err
}

// MentionFact is what one source says of a person's father and birth.
type MentionFact struct {
	Fathers     []string
	Born        []model.Date
	Sensitivity model.Sensitivity
}
