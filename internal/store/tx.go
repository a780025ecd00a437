package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/seal"
)

// Tx is one write transaction. Every row it inserts, updates or deletes in a
// ledgered table appends a ledger entry in the same transaction.
type Tx struct {
	tx     *sql.Tx
	s      *Store
	actor  string
	at     string
	locked bool
	seq    int64
	prev   string
	// base is the ledger's head when the transaction took its lock:
	// every entry up to it is another writer's, committed.
	base int64
	// lockedAt is when the transaction took the ledger's lock, lockWait
	// how long it waited for it (Store.LedgerLock).
	lockedAt time.Time
	lockWait time.Duration
	// first is the table of the first row the transaction ledgered.
	first string
	// own are the ledger entries the transaction appended that a names
	// feed or a read-ahead check reads (ownTables), and owned counts every
	// entry it appended: once it commits, the store remembers them
	// (ownLedger) instead of reading them back.
	own   []ledgerRow
	owned int64
	// syncDirs are archive folders holding files written in this
	// transaction and not yet flushed to disk.
	syncDirs []string
	// afterCommit runs once the transaction has committed (removing a
	// file of the archive that it no longer references).
	afterCommit []func() error
	// scrub is set once a scrub of deleted content is queued (unindexSource).
	scrub bool
	// docs counts the search documents the transaction indexed, on
	// PostgreSQL (analyzeSearchDocs).
	docs int
	// secure is set once secure_delete is on for the transaction's
	// connection (secureDelete); Write turns it off again.
	secure bool
	// origins caches the original each source stands for (itself, or
	// the one it nearly copies), for claim totals; SetDuplicate drops it.
	origins map[string]string
	// withheld caches whether a source is withheld from publication (a
	// testimony without its witness's consent to it), for the anonymous
	// public's claim totals; SetConsent drops it.
	withheld map[string]bool
	// sources caches what statements and entity_sources copy from a
	// source (sourceInfo); an update or removal of the source drops it.
	sources map[string]mentionedSource
	// valueKey is the value key once read or made in the transaction
	// (txValueKey); one made here is cached for the store only if it
	// commits.
	valueKey []byte
	// keys caches the data keys of sources, nil for a source not sealed
	// (txDataKey).
	keys map[string]*sourceKey
	// master is the master key the transaction wraps with (txMaster).
	master *seal.Key
	// stmts holds the statements prepared in this transaction, by text
	// (prepared.go).
	stmts map[string]*sql.Stmt
	// wrote counts the bytes of text and binary values the transaction's
	// statements carried, and of files it wrote to the archive
	// (LargestWriteBytes).
	wrote int64
	// reviewMarks are the statements whose claims in the review queue the
	// transaction may have changed, reviewGazetteer the entities whose
	// gazetteer entry did (markReview); flushReview keeps their claims.
	reviewMarks, reviewGazetteer map[string]bool
	// reviewGazetteerMarks are the gazetteer statements marked, by entity.
	reviewGazetteerMarks map[string]map[string]bool
	// reviewRebuild: the transaction made the value key, and the review
	// queue's claims are built again, keyed by it (flushReview).
	reviewRebuild bool
}

// Actor is who the transaction writes as.
func (t *Tx) Actor() string { return t.actor }

func (t *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	t.s.statements.Add(1)
	for _, a := range args {
		switch v := a.(type) {
		case string:
			t.wrote += int64(len(v))
		case []byte:
			t.wrote += int64(len(v))
		}
	}
	if st := t.prepared(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, t.s.dialect.rebind(q), args...)
}

// queryRow runs a query of one row; its Row is scanned before the same
// text runs again (as every caller does at once).
func (t *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	t.s.statements.Add(1)
	if st := t.prepared(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, t.s.dialect.rebind(q), args...)
}

func (t *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	t.s.statements.Add(1)
	return t.tx.QueryContext(ctx, t.s.dialect.rebind(q), args...)
}

// insert writes a row of a ledgered table; row must give every column.
func (t *Tx) insert(ctx context.Context, tableName string, row map[string]any) error {
	tb, ok := tableByName(tableName)
	if !ok {
		return fmt.Errorf("insert into %s: not a ledgered table", tableName)
	}
	norm, err := normalizeRow(tb, row)
	if err != nil {
		return fmt.Errorf("insert into %s: %w", tableName, err)
	}
	return t.insertNormalized(ctx, tb, norm, row)
}

func (t *Tx) insertNormalized(ctx context.Context, tb table, norm, raw map[string]any) error {
	cols := append([]string(nil), tb.cols...)
	// Columns outside the hashed set (the blob's bytes) may be added by raw.
	for k := range raw {
		if _, ok := norm[k]; !ok {
			cols = append(cols, k)
		}
	}
	args := make([]any, len(cols))
	for i, c := range cols {
		if v, ok := norm[c]; ok {
			args[i] = v
		} else {
			args[i] = raw[c]
		}
	}
	q := "INSERT INTO " + tb.name + " (" + strings.Join(cols, ", ") + ") VALUES (" + placeholders(len(cols)) + ")"
	if _, err := t.exec(ctx, q, args...); err != nil {
		return fmt.Errorf("insert into %s: %w", tb.name, err)
	}
	return t.append(ctx, ledger.ActionInsert, tb.name, fmt.Sprint(norm[tb.key]), ledger.RowHash(norm))
}

// insertMany writes normalized rows of a ledgered table (every column of
// the hashed set, nothing else) in one INSERT, and their ledger entries in
// another.
func (t *Tx) insertMany(ctx context.Context, tb table, rows []map[string]any) error {
	return t.insertManyWith(ctx, tb, rows)
}

// extraColumn is a column outside a table's hashed set that insertManyWith
// writes too (a statement's value_hash): vals[i] is row i's value.
type extraColumn struct {
	name string
	vals []any
}

// insertManyWith is insertMany writing the extra columns as well; the
// ledger entries hash the hashed set only, as insert's do. The caller keeps
// len(rows) × (columns) within the engine's limit on parameters (rowRuns).
func (t *Tx) insertManyWith(ctx context.Context, tb table, rows []map[string]any, extra ...extraColumn) error {
	if len(rows) == 0 {
		return nil
	}
	cols := tb.cols
	if len(extra) > 0 {
		cols = append([]string(nil), tb.cols...)
		for _, x := range extra {
			if len(x.vals) != len(rows) {
				return fmt.Errorf("insert into %s: %d values of %s for %d rows", tb.name, len(x.vals), x.name, len(rows))
			}
			cols = append(cols, x.name)
		}
	}
	var b strings.Builder
	args := make([]any, 0, len(rows)*len(cols))
	b.WriteString("INSERT INTO " + tb.name + " (" + strings.Join(cols, ", ") + ") VALUES ")
	one := "(" + placeholders(len(cols)) + ")"
	entries := make([]ledgerChange, len(rows))
	for i, row := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
		for _, c := range tb.cols {
			args = append(args, row[c])
		}
		for _, x := range extra {
			args = append(args, x.vals[i])
		}
		entries[i] = ledgerChange{ledger.ActionInsert, tb.name, fmt.Sprint(row[tb.key]), ledger.RowHash(row)}
	}
	if _, err := t.exec(ctx, b.String(), args...); err != nil {
		return fmt.Errorf("insert into %s: %w", tb.name, err)
	}
	return t.appendMany(ctx, entries)
}

// ledgerChange is one change appendMany records.
type ledgerChange struct{ action, table, rowID, rowHash string }

// appendMany adds ledger entries for changes made in this transaction, in
// order, in one INSERT.
func (t *Tx) appendMany(ctx context.Context, changes []ledgerChange) error {
	if err := t.lock(ctx); err != nil {
		return err
	}
	if t.first == "" && len(changes) > 0 {
		t.first = changes[0].table
	}
	var b strings.Builder
	args := make([]any, 0, 9*len(changes))
	b.WriteString("INSERT INTO ledger (seq, at, actor, action, tbl, row_id, row_hash, prev_hash, hash) VALUES ")
	seq, prev := t.seq, t.prev
	for i, c := range changes {
		e := ledger.Entry{Seq: seq + 1, At: t.at, Actor: t.actor, Action: c.action, Table: c.table, RowID: c.rowID, RowHash: c.rowHash, PrevHash: prev}
		e.Seal()
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?)")
		args = append(args, e.Seq, e.At, e.Actor, e.Action, e.Table, e.RowID, e.RowHash, e.PrevHash, e.Hash)
		seq, prev = e.Seq, e.Hash
	}
	if _, err := t.exec(ctx, b.String(), args...); err != nil {
		return fmt.Errorf("append to ledger: %w", err)
	}
	t.seq, t.prev = seq, prev
	for _, c := range changes {
		t.noteLedgered(c.action, c.table, c.rowID)
	}
	return nil
}

func normalizeRow(tb table, row map[string]any) (map[string]any, error) {
	norm := make(map[string]any, len(tb.cols))
	for _, c := range tb.cols {
		v, ok := row[c]
		if !ok {
			return nil, fmt.Errorf("column %s not given", c)
		}
		n, err := normalize(v)
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", c, err)
		}
		norm[c] = n
	}
	return norm, nil
}

// update changes columns of one row and records the row as it stands after.
func (t *Tx) update(ctx context.Context, tableName, id string, changes map[string]any) error {
	tb, ok := tableByName(tableName)
	if !ok {
		return fmt.Errorf("update %s: not a ledgered table", tableName)
	}
	if tb.name == "sources" {
		delete(t.sources, id)
	}
	keys := make([]string, 0, len(changes))
	for k := range changes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	sets := make([]string, len(keys))
	args := make([]any, 0, len(keys)+1)
	for i, k := range keys {
		sets[i] = k + " = ?"
		v, err := normalize(changes[k])
		if err != nil {
			return fmt.Errorf("update %s.%s: %w", tableName, k, err)
		}
		args = append(args, v)
	}
	args = append(args, id)
	res, err := t.exec(ctx, "UPDATE "+tb.name+" SET "+strings.Join(sets, ", ")+" WHERE "+tb.key+" = ?", args...)
	if err != nil {
		return fmt.Errorf("update %s %s: %w", tableName, id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("update %s %s: %w", tableName, id, ErrNotFound)
	}
	row, err := readRow(ctx, t.tx, t.s.dialect, tb, id)
	if err != nil {
		return err
	}
	return t.append(ctx, ledger.ActionUpdate, tb.name, id, ledger.RowHash(row))
}

// readRow reads one row's hashed columns, normalized.
func readRow(ctx context.Context, q querier, d dialect, tb table, id string) (map[string]any, error) {
	vals := make([]any, len(tb.cols))
	ptrs := make([]any, len(tb.cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	err := q.QueryRowContext(ctx, d.rebind("SELECT "+strings.Join(tb.cols, ", ")+" FROM "+tb.name+" WHERE "+tb.key+" = ?"), id).Scan(ptrs...)
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", tb.name, id, err)
	}
	row := make(map[string]any, len(tb.cols))
	for i, c := range tb.cols {
		n, err := normalize(vals[i])
		if err != nil {
			return nil, fmt.Errorf("read %s %s column %s: %w", tb.name, id, c, err)
		}
		row[c] = n
	}
	return row, nil
}

// append adds a ledger entry for a change made in this transaction.
func (t *Tx) append(ctx context.Context, action, tableName, rowID, rowHash string) error {
	if err := t.lock(ctx); err != nil {
		return err
	}
	if t.first == "" {
		t.first = tableName
	}
	e := ledger.Entry{Seq: t.seq + 1, At: t.at, Actor: t.actor, Action: action, Table: tableName, RowID: rowID, RowHash: rowHash, PrevHash: t.prev}
	e.Seal()
	if _, err := t.exec(ctx, "INSERT INTO ledger (seq, at, actor, action, tbl, row_id, row_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		e.Seq, e.At, e.Actor, e.Action, e.Table, e.RowID, e.RowHash, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("append to ledger: %w", err)
	}
	t.seq, t.prev = e.Seq, e.Hash
	t.noteLedgered(action, tableName, rowID)
	return nil
}

// lock takes the ledger's lock for the rest of the transaction, if it has
// not yet: writers are serialized from here on, so what the transaction
// reads next no other writer changes before it commits.
func (t *Tx) lock(ctx context.Context) error {
	if t.locked {
		return nil
	}
	asked := time.Now()
	if err := t.s.dialect.lockLedger(ctx, t.tx); err != nil {
		return fmt.Errorf("lock ledger: %w", err)
	}
	t.lockedAt = time.Now()
	t.lockWait = t.lockedAt.Sub(asked)
	seq, prev, err := head(ctx, t.tx, t.s.dialect)
	if err != nil {
		return err
	}
	t.seq, t.prev, t.base, t.locked = seq, prev, seq, true
	return nil
}

func placeholders(n int) string {
	if n == 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// remove deletes one row of a ledgered table and records the deletion.
func (t *Tx) remove(ctx context.Context, tableName, id string) error {
	tb, ok := tableByName(tableName)
	if !ok {
		return fmt.Errorf("delete from %s: not a ledgered table", tableName)
	}
	if tb.name == "sources" {
		delete(t.sources, id)
	}
	res, err := t.exec(ctx, "DELETE FROM "+tb.name+" WHERE "+tb.key+" = ?", id)
	if err != nil {
		return fmt.Errorf("delete %s %s: %w", tableName, id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("delete %s %s: %w", tableName, id, ErrNotFound)
	}
	return t.append(ctx, ledger.ActionDelete, tb.name, id, "")
}
