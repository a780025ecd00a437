package store

import "context"

// WriteSyncs is Write, saying how many folders the transaction left to
// sync before it commits.
func (s *Store) WriteSyncs(ctx context.Context, actor string, fn func(*Tx) error) (int, error) {
	n := 0
	err := s.Write(ctx, actor, func(t *Tx) error {
		if err := fn(t); err != nil {
			return err
		}
		n = len(t.syncDirs)
		return nil
	})
	return n, err
}
