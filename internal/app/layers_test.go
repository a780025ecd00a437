package app_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The callers — the web UI, the API, reconciliation, the job queue, the
// feeds and the command line — reach the store only through the
// application layer and the case file: they import no store package and no
// database driver, so no SQL, no dialect and no rule of the store's data
// lives in them (docs/architecture.md, Layers). Their tests may use the
// store to seed and inspect.
func TestCallersImportNoStore(t *testing.T) {
	root := moduleRoot(t)
	forbidden := map[string]string{
		"github.com/athar-project/athar/internal/store": "the store (use internal/app or internal/casefile)",
		"database/sql":                   "database/sql (SQL belongs in internal/store)",
		"github.com/jackc/pgx/v5/stdlib": "a database driver",
		"modernc.org/sqlite":             "a database driver",
	}
	for _, dir := range []string{"internal/web", "internal/api", "internal/reconcile", "internal/jobs", "internal/feeds", "cmd/athar"} {
		files, err := filepath.Glob(filepath.Join(root, dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range parsed.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if why, ok := forbidden[path]; ok {
					rel, _ := filepath.Rel(root, f)
					t.Errorf("%s imports %s", rel, why)
				}
			}
		}
	}
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = up
	}
}
