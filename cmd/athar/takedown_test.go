package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/evidence"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pdf"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
)

// The done-when test of issue 21: a testimony with a phrase of its own is
// ingested, taken down, and then the phrase is nowhere — not in the data
// directory (database, WAL, archive), not in a backup made afterwards, not
// in any command's output, export or log — and verify exits 0 reporting
// one take-down; on both engines.
func TestTakeDownErasesEverywhere(t *testing.T) {
	const phrase = "Marwan Haddad saw the orange key under cell forty"
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			dir := t.TempDir()
			data := filepath.Join(dir, "data")
			g := []string{"--data", data}
			if engine == "postgres" {
				g = append(g, "--db", pgtest.URL(t))
			}
			var outputs []string
			run := func(want int, args ...string) result {
				t.Helper()
				r := athar(t, "", append(append([]string{}, g...), args...)...)
				if r.code != want {
					t.Fatalf("athar %v: exit %d, want %d\n%s%s", args, r.code, want, r.stdout, r.stderr)
				}
				outputs = append(outputs, r.stdout, r.stderr)
				return r
			}
			// Its title (the first line) and file name hold a word of their
			// own, which must go with the text.
			file := filepath.Join(dir, "wadi-qatramiz.txt")
			writeFile(t, file, []byte("Title: Testimony of a former detainee of the Qatramiz wing\n---\n"+
				"Testimony of a former detainee at Sednaya Prison.\n\n"+phrase+
				". He was held there in 2013 by the Military Police.\n"))
			run(0, "ingest", "--kind", "testimony", "--consent", "court", file)
			var list []struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal([]byte(run(0, "sources", "list", "--json").stdout), &list); err != nil || len(list) != 1 {
				t.Fatalf("sources list: %v %+v", err, list)
			}
			id := list[0].ID
			if r := run(0, "sources", "show", id); !strings.Contains(r.stdout, phrase) || !strings.Contains(r.stdout, "Qatramiz wing") {
				t.Fatalf("before the take-down the text reads:\n%s", r.stdout)
			}
			// Sealed from the start: the title and file name, and the
			// witness's name that extraction drew from the text (a
			// statement's value, and the page totals that repeat it), are
			// in no file of the data directory even before the take-down.
			pid := personID(t, data, "Marwan Haddad", g[2:]...)
			for _, word := range []string{"Qatramiz", "qatramiz", "Haddad", "haddad"} {
				if hits := filesHolding(t, data, word); len(hits) > 0 {
					t.Errorf("before the take-down the data directory holds %q: %v", word, hits)
				}
			}
			// A reviewer's note on it, with a word of its own: sealed
			// under the source's key, gone with it.
			const noteWord = "Jdeidet-Artouz"
			{
				ctx := context.Background()
				cfg := store.Config{DataDir: data}
				if engine == "postgres" {
					cfg.DBURL = g[3]
				}
				st, err := store.Open(ctx, cfg)
				if err != nil {
					t.Fatal(err)
				}
				err = st.Write(ctx, "rev", func(tx *store.Tx) error {
					return tx.AddSourceNote(ctx, &store.SourceNote{SourceID: id, Text: "His brother in " + noteWord + " brought it.", Sensitivity: model.Confidential})
				})
				st.Close()
				if err != nil {
					t.Fatal(err)
				}
			}
			if hits := filesHolding(t, data, noteWord); len(hits) > 0 {
				t.Errorf("before the take-down the data directory holds the note: %v", hits)
			}
			outputs = nil // what came before the take-down may show it
			run(0, "user", "add", "rev", "--role", "reviewer", "--clearance", "confidential")
			if r := run(2, "--as", "rev", "takedown", id, "--reason", "x"); !strings.Contains(r.stderr, "only an admin") {
				t.Fatalf("a take-down by a reviewer: %s", r.stderr)
			}
			run(2, "takedown", id)
			run(0, "takedown", id, "--reason", "the witness asked")
			run(2, "takedown", id, "--reason", "again")
			if r := run(0, "verify"); !strings.Contains(r.stdout, "take-downs: 1") {
				t.Fatalf("verify does not report the take-down:\n%s", r.stdout)
			}
			if r := run(0, "sources", "show", id); !strings.Contains(r.stdout, "source withdrawn") {
				t.Errorf("sources show after the take-down:\n%s", r.stdout)
			}
			run(0, "sources", "list", "--json")
			run(0, "entities", "list", "--type", "person", "--json")
			dossier := filepath.Join(dir, "dossier")
			if err := os.Mkdir(dossier, 0o700); err != nil {
				t.Fatal(err)
			}
			run(0, "export", "dossier", pid, "--out", filepath.Join(dossier, "person.html"))
			exports := filepath.Join(dir, "csv")
			run(0, "export", "csv", "--out", exports)
			run(0, "export", "ftm")
			public := filepath.Join(dir, "public")
			run(0, "export", "public", "--out", public)
			if hits := filesHolding(t, public, "orange"); len(hits) > 0 {
				t.Errorf("the public dataset holds the phrase: %v", hits)
			}
			// A court package of the person the testimony names: the
			// withdrawn source is listed as such, its content nowhere.
			if _, err := pdf.Find(); err == nil || os.Getenv("CI") == "true" {
				pkg := filepath.Join(dir, "pkg")
				run(0, "export", "package", pid, "--out", pkg)
				b, err := os.ReadFile(filepath.Join(pkg, "manifest.json"))
				if err != nil {
					t.Fatal(err)
				}
				m, err := evidence.ParseManifest(b)
				if err != nil || len(m.Withdrawn) != 1 || m.Withdrawn[0] != id {
					t.Errorf("the package's withdrawn sources: %v %v", m.Withdrawn, err)
				}
				if hits := filesHolding(t, pkg, "orange"); len(hits) > 0 {
					t.Errorf("the court package holds the phrase: %v", hits)
				}
				run(0, "verify-package", pkg)
			}
			backup := filepath.Join(dir, "after.backup")
			run(0, "backup", "--out", backup)
			// The phrase; the title and the file name; the witness's name; the note.
			for _, word := range []string{"orange", "Qatramiz", "qatramiz", "Haddad", "haddad", noteWord} {
				for _, out := range outputs {
					if strings.Contains(out, word) {
						t.Errorf("an output after the take-down holds %q:\n%s", word, out)
					}
				}
				if hits := filesHolding(t, exports, word); len(hits) > 0 {
					t.Errorf("the CSV export holds %q: %v", word, hits)
				}
				if hits := filesHolding(t, dossier, word); len(hits) > 0 {
					t.Errorf("the person's dossier holds %q: %v", word, hits)
				}
				if hits := filesHolding(t, data, word); len(hits) > 0 {
					t.Errorf("the data directory holds %q: %v", word, hits)
				}
				if hits := backupHolding(t, backup, word); len(hits) > 0 {
					t.Errorf("the backup made afterwards holds %q in %v", word, hits)
				}
			}
		})
	}
}

// filesHolding lists the files under dir that hold s.
func filesHolding(t *testing.T, dir, s string) []string {
	t.Helper()
	var hits []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(s)) {
			hits = append(hits, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// backupHolding lists the members of a backup (gzip'd tar) that hold s.
func backupHolding(t *testing.T, path, s string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var hits []string
	members := 0
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		members++
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(h.Name, ".dump") {
			// PostgreSQL's dump is compressed: read it as SQL.
			b = plainDump(t, b)
		}
		if bytes.Contains(b, []byte(s)) {
			hits = append(hits, h.Name)
		}
	}
	if members == 0 {
		t.Fatal("the backup is empty")
	}
	return hits
}

// plainDump turns a pg_dump archive into the SQL it restores.
func plainDump(t *testing.T, dump []byte) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.dump")
	writeFile(t, path, dump)
	out, err := exec.Command("pg_restore", "--file", "-", path).Output()
	if err != nil || !bytes.Contains(out, []byte("CREATE TABLE")) {
		t.Fatalf("pg_restore: %v (%d bytes)", err, len(out))
	}
	return out
}
