package store_test

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// The store's PostgreSQL connections run without just-in-time compilation,
// which cost the entity lists 60-200 ms a request (docs/scaling.md), unless
// the database URL asks for it.
func TestPostgresConnectionsRunWithoutJIT(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	for _, tc := range []struct {
		name, url, want string
	}{
		{"default", url, "off"},
		{"the URL's own setting", url + "&jit=on", "on"},
		{"the URL's options", url + "&options=-c%20jit%3Don", "on"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := storetest.Open(t, store.Config{DataDir: t.TempDir(), DBURL: tc.url})
			// Several connections: the setting is each one's, not the first's.
			db := st.DB()
			db.SetMaxIdleConns(4)
			conns := make([]string, 3)
			for i := range conns {
				c, err := db.Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close()
				if err := c.QueryRowContext(ctx, "SHOW jit").Scan(&conns[i]); err != nil {
					t.Fatal(err)
				}
				if conns[i] != tc.want {
					t.Errorf("connection %d: jit = %q, want %q", i, conns[i], tc.want)
				}
			}
		})
	}
}
