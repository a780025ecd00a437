package store

import (
	"context"
	"fmt"
	"hash/fnv"
)

// sourceLockClass is the first key of the per-source advisory locks.
const sourceLockClass = 0x61746873 // "aths"

// LockSource keeps two processes from extracting one source at the same
// time on PostgreSQL, where each transaction would miss the other's
// uncommitted work: a session advisory lock per source, held until unlock is
// called or the connection drops (a killed worker's lock goes with it).
// SQLite's transactions already run one at a time: there it does nothing.
func (s *Store) LockSource(ctx context.Context, id string) (unlock func(), err error) {
	if s.dialect.name() != "postgres" {
		return func() {}, nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	key := int32(h.Sum32())
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1, $2)", sourceLockClass, key); err != nil {
		conn.Close()
		return nil, fmt.Errorf("lock the source: %w", err)
	}
	return func() {
		conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1, $2)", sourceLockClass, key)
		conn.Close()
	}, nil
}
