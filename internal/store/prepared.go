package store

import (
	"context"
	"database/sql"
	"iter"
	"math/bits"
)

// Statements a write transaction runs again and again — a source's row and
// its ledger entry for each of a batch's 500 sources, the near-duplicate
// keys in inserts of a fixed number of rows — are prepared once a
// transaction on SQLite and run from the prepared form after: parsing and
// planning SQL anew for every call was a seventh of ingest's CPU
// (docs/benchmarks.md, issue 23). The driver (modernc.org/sqlite) keeps a
// single statement's compiled program with its handle and resets it after
// each run, and database/sql closes a transaction's statements when it
// commits or rolls back, so nothing outlives the transaction.
//
// PostgreSQL is left as it was: pgx already keeps a cache of prepared
// statements per connection, and preparing there explicitly would cost a
// round trip more for a statement run once.

// maxPrepared bounds the statements a transaction keeps prepared, and
// maxPreparedText the length of one it keeps: a statement of a length or
// kind seen once (a multi-row insert of an odd size) is run unprepared, as
// before, instead of being held until the transaction ends.
const (
	maxPrepared     = 128
	maxPreparedText = 16 << 10
)

// prepared returns the transaction's prepared form of q, preparing it on
// first use, or nil where q is run as it is: on PostgreSQL, once the
// transaction holds maxPrepared statements, for a long text, or should
// preparing fail (running it unprepared then reports the error as before).
func (t *Tx) prepared(ctx context.Context, q string) *sql.Stmt {
	if t.s.dialect.name() != "sqlite" || t.s.plainSQL || len(q) > maxPreparedText {
		return nil
	}
	if st, ok := t.stmts[q]; ok {
		return st
	}
	if len(t.stmts) >= maxPrepared {
		return nil
	}
	st, err := t.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[q] = st
	return st
}

// queryPrepared is query through the transaction's prepared form of q. Only
// for a caller that reads the rows to their end and closes them before it
// runs q again: the prepared statement is one cursor.
func (t *Tx) queryPrepared(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := t.prepared(ctx, q); st != nil {
		t.s.statements.Add(1)
		return st.QueryContext(ctx, args...)
	}
	return t.query(ctx, q, args...)
}

// rowsPerStatement is how many rows a multi-row insert writes at most on
// each engine. On SQLite it is a fixed size kept prepared (with the rest
// in powers of two below it, see rowRuns), so a batch's inserts are a few
// texts parsed once, not a new text for every batch's count of rows.
func (t *Tx) rowsPerStatement() int {
	if t.s.dialect.name() == "sqlite" && !t.s.plainSQL {
		return sqliteRowsPerInsert
	}
	return rowsPerInsert
}

// sqliteRowsPerInsert is SQLite's rows per insert: past a few dozen rows
// a longer statement saves little of the per-statement cost, and each
// row's values are compiled into its program.
const sqliteRowsPerInsert = 64

// rowRuns cuts n rows into runs of at most max rows: as many whole runs of
// max as fit, then the rest on SQLite in powers of two (so that at most
// log2(max)+1 texts ever occur), on PostgreSQL in one.
func (t *Tx) rowRuns(n int) []int {
	return t.rowRunsOf(n, t.rowsPerStatement())
}

// rowRunsOf is rowRuns with runs of at most max rows.
func (t *Tx) rowRunsOf(n, max int) []int {
	var runs []int
	for ; n >= max; n -= max {
		runs = append(runs, max)
	}
	if n == 0 {
		return runs
	}
	if t.s.dialect.name() != "sqlite" || t.s.plainSQL {
		return append(runs, n)
	}
	for n > 0 {
		p := 1 << (bits.Len(uint(n)) - 1)
		runs = append(runs, p)
		n -= p
	}
	return runs
}

// maxParams is how many parameters one statement may carry: PostgreSQL's
// protocol counts them in 16 bits, SQLite allows 32766 (its default since
// 3.32; modernc.org/sqlite keeps it).
func (t *Tx) maxParams() int {
	if t.s.dialect.name() == "sqlite" {
		return 32766
	}
	return 65535
}

// runs yields where each run of rows of width values starts and how many
// rows it holds: runs of rowRuns, none carrying more than maxParams values.
func (t *Tx) runs(n, width int) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		at := 0
		for _, k := range t.rowRunsOf(n, min(t.rowsPerStatement(), t.maxParams()/max(width, 1))) {
			if !yield(at, k) {
				return
			}
			at += k
		}
	}
}

// inListSize is the length an IN list of n values is padded to on SQLite
// (the next power of two, repeating the last value, which changes nothing
// a set membership test finds), so that lists of any length share a few
// prepared texts; on PostgreSQL n itself.
func (t *Tx) inListSize(n int) int {
	if t.s.dialect.name() != "sqlite" || t.s.plainSQL || n <= 1 {
		return n
	}
	return 1 << bits.Len(uint(n-1))
}

// padIn pads args (an IN list's values) to size by repeating the last.
func padIn(args []any, size int) []any {
	for len(args) < size {
		args = append(args, args[len(args)-1])
	}
	return args
}
