package store

import "context"

// LedgerSince exposes ledgerSince to the external tests, each entry as
// "action tbl row_id", with how many reads memory alone answered so far.
func (s *Store) LedgerSince(ctx context.Context, after, upto int64) ([]string, int64, error) {
	rows, err := s.ledgerSince(ctx, s.db, after, upto)
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.action + " " + r.tbl + " " + r.rowID
	}
	return out, s.own.hits.Load(), err
}
