package store

import (
	"slices"
	"testing"
)

// TestRowRunsAndInLists checks the fixed sizes statements are cut to on
// SQLite, so that their texts repeat, and that PostgreSQL and the plain way
// keep one statement of up to rowsPerInsert rows.
func TestRowRunsAndInLists(t *testing.T) {
	sqlite := &Tx{s: &Store{dialect: sqliteDialect{}}}
	plain := &Tx{s: &Store{dialect: sqliteDialect{}, plainSQL: true}}
	pg := &Tx{s: &Store{dialect: postgresDialect{}}}
	for _, c := range []struct {
		tx       *Tx
		n        int
		runs     []int
		inLength int
	}{
		{sqlite, 0, nil, 0},
		{sqlite, 1, []int{1}, 1},
		{sqlite, 3, []int{2, 1}, 4},
		{sqlite, 64, []int{64}, 64},
		{sqlite, 200, []int{64, 64, 64, 8}, 256},
		{sqlite, 141, []int{64, 64, 8, 4, 1}, 256},
		{plain, 141, []int{141}, 141},
		{plain, 4500, []int{2000, 2000, 500}, 4500},
		{pg, 141, []int{141}, 141},
		{pg, 2001, []int{2000, 1}, 2001},
	} {
		if got := c.tx.rowRuns(c.n); !slices.Equal(got, c.runs) {
			t.Errorf("%s plain=%v: rowRuns(%d) = %v, want %v", c.tx.s.dialect.name(), c.tx.s.plainSQL, c.n, got, c.runs)
		}
		if got := c.tx.inListSize(c.n); got != c.inLength {
			t.Errorf("%s plain=%v: inListSize(%d) = %d, want %d", c.tx.s.dialect.name(), c.tx.s.plainSQL, c.n, got, c.inLength)
		}
	}
	if got := padIn([]any{1, 2, 3}, 4); !slices.Equal(got, []any{1, 2, 3, 3}) {
		t.Errorf("padIn = %v", got)
	}
}
