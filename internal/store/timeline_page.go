package store

import (
	"cmp"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/athar-project/athar/internal/access"
)

// Walking the timeline of an entity that thousands of events name (a
// prison, a city) a page at a time, newest first, by keyset: each page
// reads at most a page of index entries per linked id and property, however
// long the timeline is.

// EventKey is an event's place in a timeline walked newest first: the date,
// creation time and id of the statement that ties the event to the entity
// (the latest such statement the viewer may see, when there are several).
type EventKey struct {
	Date, Created, ID string
}

// String is the key as a page's link carries it: opaque, URL-safe.
func (k EventKey) String() string {
	return base64.RawURLEncoding.EncodeToString([]byte(k.Date + "\x1f" + k.Created + "\x1f" + k.ID))
}

// ParseEventKey reads a key String wrote. A key only says where a walk
// starts: what the viewer may see is decided by the walk, whatever the key.
func ParseEventKey(s string) (EventKey, error) {
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	parts := strings.Split(string(b), "\x1f")
	if err != nil || len(parts) != 3 || parts[1] == "" || parts[2] == "" {
		return EventKey{}, errors.New("not a place in a timeline")
	}
	return EventKey{Date: parts[0], Created: parts[1], ID: parts[2]}, nil
}

// TimelineEvent is one event of a timeline page and its place in the walk.
type TimelineEvent struct {
	EventID string
	Key     EventKey
}

// TimelinePage lists, newest first (by date, then as made, then by
// statement id), at most limit of the events that link to one of ids
// through one of props with a statement the viewer may see that is not
// rejected, starting after before (nil: the newest). Each event stands at
// its latest such statement, so a walk from page to page meets every event
// exactly once; what the viewer may not see (a restricted statement, for
// the anonymous public an unconfirmed one or one from a source whose
// witness did not consent to publication) neither places an event nor is
// counted. more reports whether events follow the page.
func (s *Store) TimelinePage(ctx context.Context, v access.Viewer, ids, props []string, before *EventKey, limit int) (page []TimelineEvent, more bool, err error) {
	if len(ids) == 0 || len(props) == 0 || limit <= 0 {
		return nil, false, nil
	}
	cond, cargs := visibleFrom(v, "st.sensitivity", "st.source_id")
	ocond, oargs := visibleFrom(v, "o.sensitivity", "o.source_id")
	if v.ConfirmedOnly() {
		cond += " AND st.status = 'confirmed'"
		ocond += " AND o.status = 'confirmed'"
	}
	// A statement places its event when no later statement the viewer may
	// see ties the same event to the entity: a few rows of one event, read
	// by the entity_id index. COALESCE keeps the planners off the
	// value_entity index, whose range for a hub is every tie to it (SQLite
	// took it, and the organization page of 1,550 events cost 67 ms of
	// CPU instead of 29).
	latest := "NOT EXISTS (SELECT 1 FROM statements o WHERE o.entity_id = st.entity_id AND COALESCE(o.value_entity, '') IN (" + placeholders(len(ids)) +
		") AND o.property IN (" + placeholders(len(props)) + ") AND o.status <> 'rejected' AND " + ocond +
		" AND (o.date_start > st.date_start OR (o.date_start = st.date_start AND (o.created_at > st.created_at OR (o.created_at = st.created_at AND o.id > st.id)))))"
	largs := append(append(idArgs(ids), idArgs(props)...), oargs...)
	var all []TimelineEvent
	// One query per id and property, each walking its index range newest
	// first from the cursor: an IN list over either would sort the whole
	// range.
	for _, id := range ids {
		for _, p := range props {
			q := "SELECT st.entity_id, st.date_start, st.created_at, st.id FROM statements st WHERE st.value_entity = ? AND st.property = ? AND st.status <> 'rejected' AND " + cond
			args := append([]any{id, p}, cargs...)
			if before != nil {
				// A row value: both engines start the index range there,
				// so a page deep in the timeline reads no more than the first.
				q += " AND (st.date_start, st.created_at, st.id) < (?, ?, ?)"
				args = append(args, before.Date, before.Created, before.ID)
			}
			q += " AND " + latest + fmt.Sprintf(" ORDER BY st.date_start DESC, st.created_at DESC, st.id DESC LIMIT %d", limit+1)
			args = append(args, largs...)
			got, err := s.timelineRows(ctx, q, args)
			if err != nil {
				return nil, false, fmt.Errorf("timeline of %s: %w", id, err)
			}
			all = append(all, got...)
		}
	}
	slices.SortFunc(all, func(a, b TimelineEvent) int { return compareKeys(b.Key, a.Key) })
	if len(all) > limit {
		return all[:limit], true, nil
	}
	return all, false, nil
}

func (s *Store) timelineRows(ctx context.Context, q string, args []any) ([]TimelineEvent, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TimelineEvent
	for rows.Next() {
		var te TimelineEvent
		if err := rows.Scan(&te.EventID, &te.Key.Date, &te.Key.Created, &te.Key.ID); err != nil {
			return nil, err
		}
		out = append(out, te)
	}
	return out, rows.Err()
}

// compareKeys orders keys as the statements' index does (text by bytes,
// as both engines compare these columns).
func compareKeys(a, b EventKey) int {
	return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Created, b.Created), cmp.Compare(a.ID, b.ID))
}

// TieFilter chooses, among the events tied to an entity, those
// EventsTied lists.
type TieFilter struct {
	// Types: events with a statement of their type, not rejected and that
	// the viewer may see, whose value is one of these.
	Types []string
	// Role: events whose tie gives the entity this role (involved).
	Role string
	// Confirmed: events whose tie is confirmed.
	Confirmed bool
}

// EventsTied lists at most limit of the events that link to one of ids
// (an entity and those merged into it) through one of props with a
// statement the viewer may see that is not rejected, and that pass f;
// more reports whether there are more. What the viewer may see is decided
// as for TimelinePage. The rows read are at most limit+1, however many
// events name the entity; the events are in no particular order. A case
// file reads a hub person's case status from the events of the types
// that bear on it.
func (s *Store) EventsTied(ctx context.Context, v access.Viewer, ids, props []string, f TieFilter, limit int) (events []string, more bool, err error) {
	if len(ids) == 0 || len(props) == 0 || limit <= 0 {
		return nil, false, nil
	}
	cond, args := visibleFrom(v, "p.sensitivity", "p.source_id")
	if v.ConfirmedOnly() || f.Confirmed {
		cond += " AND p.status = 'confirmed'"
	}
	// No DISTINCT: PostgreSQL would hash every matching tie before a
	// LIMIT applied (864 ms against 340 for a hub person's read at 5,000
	// events, at load 12–20); the rows are read until limit+1 events.
	q := "SELECT p.entity_id FROM statements p WHERE p.value_entity IN (" + placeholders(len(ids)) + ") AND p.property IN (" +
		placeholders(len(props)) + ") AND p.status <> 'rejected' AND " + cond
	args = append(append(idArgs(ids), idArgs(props)...), args...)
	if f.Role != "" {
		q += " AND p.role = ?"
		args = append(args, f.Role)
	}
	if len(f.Types) > 0 {
		tcond, targs := visibleFrom(v, "t.sensitivity", "t.source_id")
		if v.ConfirmedOnly() {
			tcond += " AND t.status = 'confirmed'"
		}
		// COALESCE keeps the planners on the event's own statements: on
		// the (property, value) index, each tie would walk every event of
		// those types in the database.
		q += " AND EXISTS (SELECT 1 FROM statements t WHERE t.entity_id = p.entity_id AND t.property = 'eventType' AND t.status <> 'rejected' AND COALESCE(t.value, '') IN (" +
			placeholders(len(f.Types)) + ") AND " + tcond + ")"
		args = append(append(args, idArgs(f.Types)...), targs...)
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, false, fmt.Errorf("events tied to %s: %w", ids[0], err)
	}
	defer rows.Close()
	// The ties come one by one and the walk stops past limit events; an
	// event tied by several statements is met once each (a few more rows).
	seen := map[string]bool{}
	for len(events) <= limit && rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, false, err
		}
		if !seen[id] {
			seen[id] = true
			events = append(events, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("events tied to %s: %w", ids[0], err)
	}
	if len(events) > limit {
		return events[:limit], true, nil
	}
	return events, false, nil
}

// CountOwnStatements counts the statements of the entities ids (an entity
// and those merged into it), whatever their state, up to limit: it reads
// at most limit index entries.
func (s *Store) CountOwnStatements(ctx context.Context, ids []string, limit int) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	var n int
	err := s.db.QueryRowContext(ctx, s.rebind(fmt.Sprintf("SELECT count(*) FROM (SELECT 1 FROM statements WHERE entity_id IN (%s) LIMIT %d) own",
		placeholders(len(ids)), limit)), idArgs(ids)...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count statements of %s: %w", ids[0], err)
	}
	return n, nil
}

// StatementsRead is how many whole statements this store's reads have
// scanned since it was opened: tests hold a page's reads to a bound with
// it.
func (s *Store) StatementsRead() int64 { return s.statementsRead.Load() }
