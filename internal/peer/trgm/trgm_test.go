package trgm

import (
	"context"
	"database/sql"
	"os"
	"testing"

	"github.com/athar-project/athar/internal/nameindex"
	"github.com/athar-project/athar/internal/store/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

func TestSearch(t *testing.T) {
	db, err := sql.Open("pgx", pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	x, err := Create(context.Background(), db, []nameindex.IndexRow{
		{EntityID: "a", Name: "Hafez Makhlouf"}, {EntityID: "a", Name: "حافظ مخلوف"},
		{EntityID: "b", Name: "Rami Makhlouf"}, {EntityID: "c", Name: "Ali Mamluk"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if x.Len() != 3 {
		t.Errorf("Len = %d", x.Len())
	}
	got := x.Search("Hafez Makhlouf", 10)
	if len(got) == 0 || got[0].EntityID != "a" || !got[0].Link {
		t.Errorf("exact name: %+v", got)
	}
	seen := map[string]bool{}
	for _, c := range got {
		if seen[c.EntityID] {
			t.Errorf("entity %s twice", c.EntityID)
		}
		seen[c.EntityID] = true
	}
	if got := x.Search("HAFEZ makhloûf", 10); len(got) == 0 || got[0].EntityID != "a" {
		t.Errorf("case and accents are folded: %+v", got)
	}
	if got := x.Search("!!!", 10); got != nil {
		t.Errorf("a query without letters: %+v", got)
	}
}
