package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// The watch queues (enquiry_alerts, watch_alerts) keep the name a source
// gives a person who may be a missing or a wanted one — a witness's name,
// when the source is a testimony — and a watch-list alert the reasons that
// quote it. Such columns of an alert from a sealed source are sealed under
// the source's data key, each bound to its alert and column, like the
// source's other sealed fields: a dump shows none of them, and a take-down
// leaves them reading "source withdrawn". The queues are not ledgered.

// alertCols are the sealed columns of each queue.
var alertCols = map[string][]string{
	"enquiry_alerts": {"name"},
	"watch_alerts":   {"name", "reasons"},
}

func alertAD(table, id, col string) []byte {
	return []byte("athar alert:" + table + ":" + id + ":" + col)
}

// sealAlertCols seals, in place, the sealed columns of a new alert row of
// table from sourceID when that source is sealed.
func (s *Store) sealAlertCols(ctx context.Context, table, sourceID string, row map[string]any) error {
	k, err := s.dataKey(ctx, s.db, sourceID)
	switch {
	case errors.Is(err, errNoKey):
		return nil
	case errors.Is(err, ErrWithdrawn):
		// Taken down since it was screened: nothing of it is kept.
		for _, c := range alertCols[table] {
			row[c] = Withdrawn
		}
		return nil
	case err != nil:
		return fmt.Errorf("seal an alert of source %s: %w", sourceID, err)
	}
	id, _ := row["id"].(string)
	for _, c := range alertCols[table] {
		if v, _ := row[c].(string); v != "" && !strings.HasPrefix(v, sealedPrefix) {
			row[c] = sealText(k.key, alertAD(table, id, c), v)
		}
	}
	return nil
}

// openAlertCol opens a sealed column of an alert (Withdrawn for a source
// taken down), or returns it as it is.
func (o *mentionOpener) openAlertCol(ctx context.Context, table, id, col, sourceID, v string) (string, error) {
	if !strings.HasPrefix(v, sealedPrefix) {
		return v, nil
	}
	return o.openAD(ctx, alertAD(table, id, col), sourceID, v, table+" "+id+" "+col)
}

// sealDerived seals what repeats a source's names outside its statements —
// its watch alerts, the reasons of merge proposals between the entities it
// names — when the source is sealed (raised, or on the first open after the
// upgrade that sealed them).
func (t *Tx) sealDerived(ctx context.Context, sourceID string) error {
	if err := t.sealAlerts(ctx, sourceID); err != nil {
		return err
	}
	if _, err := t.txDataKey(ctx, sourceID); errors.Is(err, ErrWithdrawn) {
		return t.forgetProposalReasons(ctx, sourceID)
	}
	return t.sealProposals(ctx, sourceID)
}

// sealAlerts seals the alerts of a source being sealed (raised, or sealed
// on the first open after the upgrade that sealed them) still in the clear;
// a source taken down keeps none.
func (t *Tx) sealAlerts(ctx context.Context, sourceID string) error {
	k, err := t.txDataKey(ctx, sourceID)
	gone := errors.Is(err, ErrWithdrawn)
	if err != nil && !gone {
		return err
	}
	if k == nil && !gone {
		return nil
	}
	for table, cols := range alertCols {
		rows, err := t.query(ctx, "SELECT id, "+strings.Join(cols, ", ")+" FROM "+table+" WHERE source_id = ? ORDER BY id", sourceID)
		if err != nil {
			return fmt.Errorf("alerts of %s: %w", sourceID, err)
		}
		type alert struct {
			id   string
			vals []string
		}
		all, err := collect(rows, func(r rowScanner) (a alert, err error) {
			a.vals = make([]string, len(cols))
			dst := []any{&a.id}
			for i := range a.vals {
				dst = append(dst, &a.vals[i])
			}
			err = r.Scan(dst...)
			return
		})
		if err != nil {
			return err
		}
		for _, a := range all {
			sets, args := []string{}, []any{}
			for i, c := range cols {
				v := a.vals[i]
				switch {
				case gone && v != Withdrawn:
					v = Withdrawn
				case gone, strings.HasPrefix(v, sealedPrefix), v == "":
					continue
				default:
					v = sealText(k.key, alertAD(table, a.id, c), v)
				}
				sets, args = append(sets, c+" = ?"), append(args, v)
			}
			if len(sets) == 0 {
				continue
			}
			if err := t.secureDelete(ctx); err != nil {
				return err
			}
			t.queueScrub(ctx)
			if _, err := t.exec(ctx, "UPDATE "+table+" SET "+strings.Join(sets, ", ")+" WHERE id = ?", append(args, a.id)...); err != nil {
				return fmt.Errorf("seal alert %s: %w", a.id, err)
			}
		}
	}
	return nil
}
