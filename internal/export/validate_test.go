package export

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/export/ftm/ftmtest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// writeAll writes every export the viewer may make into dir and returns
// the files FtM's model should accept.
func writeAll(t *testing.T, st *store.Store, v access.Viewer, opt Options, dir string) []string {
	t.Helper()
	ctx := context.Background()
	write := func(name string, fn func(*bufio.Writer) error) string {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		if err := fn(w); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return path
	}
	return []string{
		write("entities.ftm.json", func(w *bufio.Writer) error { return WriteFTM(ctx, st, v, opt, w) }),
		write("statements.json", func(w *bufio.Writer) error { return WriteStatements(ctx, st, v, opt, w) }),
		write("statements.csv", func(w *bufio.Writer) error { return WriteStatementsCSV(ctx, st, v, opt, w) }),
	}
}

// TestSeedExportsPassFtM checks the hand-seeded store's exports too: a
// merged entity, a person known only by a proposed name, links to what an
// export leaves out.
func TestSeedExportsPassFtM(t *testing.T) {
	ftmtest.Available(t)
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	seed(t, st)
	for _, v := range []access.Viewer{access.Operator(), mustNarrow(t, model.Internal), access.Public()} {
		ftmtest.Check(t, writeAll(t, st, v, Options{}, t.TempDir())...)
		ftmtest.Check(t, writeAll(t, st, v, Options{Confirmed: true}, t.TempDir())...)
	}
	dir := filepath.Join(t.TempDir(), "public")
	if err := Public(context.Background(), st, dir); err != nil {
		t.Fatal(err)
	}
	ftmtest.Check(t, filepath.Join(dir, FTMFile))
}
