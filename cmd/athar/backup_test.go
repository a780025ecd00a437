package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/store/pgtest"
)

func TestBackupAndRestore(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			dir := t.TempDir()
			src := []string{"--data", filepath.Join(dir, "src")}
			dst := []string{"--data", filepath.Join(dir, "dst")}
			if engine == "postgres" {
				src = append(src, "--db", pgtest.URL(t))
				dst = append(dst, "--db", pgtest.URL(t))
			}
			if r := athar(t, "", append(src, "demo")...); r.code != 0 {
				t.Fatalf("demo: %s", r.stderr)
			}
			file := filepath.Join(dir, "athar.backup")
			if r := athar(t, "", append(src, "backup", "--out", file)...); r.code != 0 || !strings.Contains(r.stdout, "backed up") {
				t.Fatalf("backup: exit %d %s %s", r.code, r.stdout, r.stderr)
			}
			// More work after the backup: its checkpoint is not in the backup.
			if r := athar(t, "", append(src, "user", "add", "late", "--role", "viewer")...); r.code != 0 {
				t.Fatal(r.stderr)
			}
			r := athar(t, "", append(dst, "restore", "--from", file)...)
			if r.code != 0 || !strings.Contains(r.stdout, "verify: ok") {
				t.Fatalf("restore: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			before := athar(t, "", append(src, "sources", "list", "--json")...)
			after := athar(t, "", append(dst, "sources", "list", "--json")...)
			if before.stdout != after.stdout || !strings.Contains(after.stdout, "src_") {
				t.Errorf("sources differ after restore:\n%s\n---\n%s", before.stdout, after.stdout)
			}
			if v := athar(t, "", append(dst, "verify")...); v.code != 0 {
				t.Errorf("verify after restore: %s", v.stderr)
			}
			if again := athar(t, "", append(dst, "restore", "--from", file)...); again.code != 2 || !strings.Contains(again.stderr, "empty") {
				t.Errorf("a restore over existing data: exit %d %s", again.code, again.stderr)
			}
			if u := athar(t, "", append(dst, "user", "list")...); strings.Contains(u.stdout, "late") {
				t.Errorf("a user added after the backup was restored")
			}
		})
	}
}

func TestRestoreRefusesWhatIsNotABackup(t *testing.T) {
	dir := t.TempDir()
	notBackup := filepath.Join(dir, "x.txt")
	writeFile(t, notBackup, []byte("hello"))
	r := athar(t, "", "--data", filepath.Join(dir, "d"), "restore", "--from", notBackup)
	if r.code != 2 || !strings.Contains(r.stderr, "not an Athar backup") {
		t.Errorf("exit %d, %q", r.code, r.stderr)
	}
}
