package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/store/pgtest"
)

// TestIngestSurvivesSIGKILL kills an ingest mid-batch and shows that the store
// reopens with verify passing, no source half-stored, and that running the
// same ingest again completes the batch.
func TestIngestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test ingests thousands of files")
	}
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			dir := t.TempDir()
			base := []string{"--data", filepath.Join(dir, "data")}
			if engine == "postgres" {
				base = append(base, "--db", pgtest.URL(t))
			}
			in := filepath.Join(dir, "in")
			const n = 800
			for i := range n {
				writeFile(t, filepath.Join(in, fmt.Sprintf("%05d.txt", i)), []byte(generatedArticle(i)))
			}

			// Kill once some batches are committed and more are on the way.
			killedAfter(t, base, []string{"ingest", "--batch", "100", in}, 100)

			stored := count(t, base)
			if stored >= n {
				t.Fatalf("all %d sources were stored before the kill: raise n", stored)
			}
			if r := athar(t, "", append(base, "verify")...); r.code != 0 {
				t.Fatalf("verify after SIGKILL: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			r := athar(t, "", append(base, "ingest", in)...)
			if r.code != 0 {
				t.Fatalf("re-ingest: exit %d\n%s", r.code, r.stderr)
			}
			if got := strings.Count(r.stdout, "exists "); got != stored {
				t.Errorf("re-ingest found %d existing sources, the killed run stored %d", got, stored)
			}
			if got := count(t, base); got != n {
				t.Errorf("%d sources after re-ingest, want %d", got, n)
			}
			if v := athar(t, "", append(base, "verify")...); v.code != 0 {
				t.Errorf("verify after re-ingest: exit %d\n%s", v.code, v.stderr)
			}
		})
	}
}

// killedWhen runs athar with base and args and kills it with SIGKILL at the
// first moment ready holds, and returns how the process ended. ready is
// asked while the process is stopped (SIGSTOP, and seen stopped), so the
// process cannot go past that moment — finish, say — between the answer and
// the kill, however fast the machine. The deadline only tells a hung process
// from a slow one.
func killedWhen(t *testing.T, base, args []string, what string, ready func() bool) error {
	t.Helper()
	cmd := exec.Command(os.Args[0], append(base, args...)...)
	cmd.Env = append(os.Environ(), "ATHAR_RUN_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	ended := func(err error) {
		t.Helper()
		t.Fatalf("athar %s ended (%v) before %s: give it more to do", args[0], err, what)
	}
	for deadline := time.Now().Add(6 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("athar %s: not %s in six minutes", args[0], what)
		}
		if err := cmd.Process.Signal(syscall.SIGSTOP); err != nil {
			ended(<-done)
		}
		if !stopped(cmd.Process.Pid) {
			ended(<-done)
		}
		if ready() {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			return <-done
		}
		if err := cmd.Process.Signal(syscall.SIGCONT); err != nil {
			ended(<-done)
		}
	}
}

// stopped waits until process pid is stopped and says so; false when it
// ended instead.
func stopped(pid int) bool {
	for {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return false
		}
		// pid (comm) state ...: comm may hold spaces and parentheses.
		rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
		switch f := strings.Fields(rest); {
		case len(f) == 0:
			return false
		case f[0] == "T" || f[0] == "t":
			return true
		case f[0] == "Z" || f[0] == "X":
			return false
		}
		time.Sleep(time.Millisecond)
	}
}

// killedAfter is killedWhen the store holds at least stored sources.
func killedAfter(t *testing.T, base, args []string, stored int) error {
	t.Helper()
	return killedWhen(t, base, args, fmt.Sprintf("%d sources were stored", stored), func() bool {
		return countRows(t, base, "SELECT count(*) FROM sources") >= stored
	})
}

// countRows asks the database of the store base names (its SQLite file, or
// the PostgreSQL of --db) for a count, directly: an athar command would wait
// on the stopped process's locks. A plain read can wait too, on PostgreSQL,
// when the process was stopped inside a migration that holds the table
// (ALTER TABLE takes it whole), so the count gives up after a few seconds:
// 0 then, as while the database or the table is not there yet, and the
// process is let go on and asked again.
func countRows(t *testing.T, base []string, query string) int {
	t.Helper()
	var data, dbURL string
	for i := 0; i+1 < len(base); i++ {
		switch base[i] {
		case "--data":
			data = base[i+1]
		case "--db":
			dbURL = base[i+1]
		}
	}
	driver, dsn := "pgx", dbURL
	if dbURL == "" {
		path := filepath.Join(data, "athar.db")
		if _, err := os.Stat(path); err != nil {
			return 0
		}
		driver, dsn = "sqlite", "file:"+path+"?mode=ro"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	var n int
	if err := db.QueryRowContext(ctx, query).Scan(&n); err != nil {
		return 0
	}
	return n
}

// count is how many sources the store holds, as athar lists them; 0
// before the database exists.
func count(t *testing.T, base []string) int {
	t.Helper()
	r := athar(t, "", append(base, "sources", "list", "--json")...)
	if r.code != 0 {
		return 0
	}
	var srcs []json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &srcs); err != nil {
		t.Fatalf("sources list: %v", err)
	}
	return len(srcs)
}

// generatedArticle writes a distinct short news article. The suspect is
// named: the extractor keeps no arrest of nobody in particular.
func generatedArticle(i int) string {
	places := []string{"Homs", "Tartus", "Latakia", "Damascus", "Aleppo", "Hama", "Daraa"}
	names := []string{"Khaled Nasser", "Ahmad Darwish", "Rami Haddad", "Omar Saleh", "Fadi Mansour", "Samer Khoury", "Bilal Issa"}
	return fmt.Sprintf("Title: Report %d\nPublisher: Generated Wire\nPublished: 2025-%02d-%02d\n---\n"+
		"Security forces in %s arrested %s, suspect number %d, on day %d, officials said. "+
		"The suspect, identified by the serial %x, was referred to the judiciary after questioning about detentions in %s.\n",
		i, 1+i%12, 1+i%28, places[i%len(places)], names[i%len(names)], i, i*7, i*2654435761, places[(i+3)%len(places)])
}

// TestLargeSourceSurvivesSIGKILL kills the ingest of one large text while
// what was found in it is recorded, over many transactions: the store
// verifies, the source is stored and counts as not extracted (re-extraction
// extracts it, not "unchanged"), and once re-extracted it verifies again and
// re-extraction has nothing left to do (issue 18, finding 1).
func TestLargeSourceSurvivesSIGKILL(t *testing.T) {
	var text strings.Builder
	text.WriteString("Title: A long report\n---\n")
	for i := 0; text.Len() < 1<<20; i++ {
		_, body, _ := strings.Cut(generatedArticle(i), "---\n")
		text.WriteString(body + "\n")
	}
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			dir := t.TempDir()
			base := []string{"--data", filepath.Join(dir, "data")}
			if engine == "postgres" {
				base = append(base, "--db", pgtest.URL(t))
			}
			in := filepath.Join(dir, "long.txt")
			writeFile(t, in, []byte(text.String()))
			// Killed once the source is stored and while its findings,
			// which take many transactions more, are being recorded.
			killedWhen(t, base, []string{"ingest", in}, "the source was stored, its findings not all recorded", func() bool {
				return countRows(t, base, "SELECT count(*) FROM sources") == 1 &&
					countRows(t, base, "SELECT count(*) FROM extraction_runs") == 1
			})
			if r := athar(t, "", append(base, "verify")...); r.code != 0 {
				t.Fatalf("verify after SIGKILL: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			r := athar(t, "", append(base, "sources", "list", "--json")...)
			var srcs []struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &srcs); err != nil || len(srcs) != 1 {
				t.Fatalf("sources after the kill: %v %s", err, r.stdout)
			}
			id := srcs[0].ID
			// Killed while its text was written a piece at a time, the
			// source says so; the same file brought again finishes it.
			show := athar(t, "", append(base, "sources", "show", id, "--json")...)
			if strings.Contains(show.stdout, `"text_pending": true`) {
				if r := athar(t, "", append(base, "reextract", id)...); r.code == 0 {
					t.Errorf("re-extraction of a half-written text succeeded:\n%s", r.stdout)
				}
				if r := athar(t, "", append(base, "ingest", in)...); r.code != 0 || !strings.Contains(r.stdout, "exists") {
					t.Fatalf("the same file again: exit %d\n%s%s", r.code, r.stdout, r.stderr)
				}
			}
			r = athar(t, "", append(base, "reextract", id)...)
			if r.code != 0 || !strings.HasPrefix(r.stdout, "extracted  "+id) {
				t.Fatalf("re-extraction of the killed source: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			if v := athar(t, "", append(base, "verify")...); v.code != 0 {
				t.Errorf("verify after re-extraction: exit %d\n%s", v.code, v.stderr)
			}
			if again := athar(t, "", append(base, "reextract", id)...); again.code != 0 || !strings.HasPrefix(again.stdout, "unchanged  "+id) {
				t.Errorf("a second re-extraction: exit %d\n%s%s", again.code, again.stdout, again.stderr)
			}
		})
	}
}
