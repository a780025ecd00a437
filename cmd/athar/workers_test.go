package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/jobs"
	"github.com/athar-project/athar/internal/store/pgtest"
)

// TestQueueAndWorkCommands: `ingest --queue` stores without extracting and
// queues one job per source, `athar jobs` lists them, `athar worker` works
// them and stops cleanly on SIGTERM, and `jobs retry` says which ids it does
// not know.
func TestQueueAndWorkCommands(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	in := filepath.Join(dir, "in")
	for i := range 5 {
		writeFile(t, filepath.Join(in, fmt.Sprintf("%d.txt", i)), []byte(generatedArticle(i)))
	}
	writeFile(t, filepath.Join(in, "empty.txt"), nil)
	r := athar(t, "", "--data", data, "ingest", "--queue", in)
	if r.code != 1 || strings.Count(r.stdout, "stored ") != 5 || !strings.Contains(r.stderr, "queued extraction of 5 sources") {
		t.Fatalf("ingest --queue: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	listJobs := func(args ...string) []jobs.Job {
		t.Helper()
		r := athar(t, "", append([]string{"--data", data, "jobs", "--json"}, args...)...)
		var out []jobs.Job
		if err := json.Unmarshal([]byte(r.stdout), &out); r.code != 0 || err != nil {
			t.Fatalf("jobs --json %v: exit %d, %v\n%s", args, r.code, err, r.stderr)
		}
		return out
	}
	if js := listJobs("--state", "queued"); len(js) != 5 || js[0].Kind != "extract" || js[0].State != jobs.StateAvailable {
		t.Fatalf("queued jobs: %+v", js)
	}
	if r := athar(t, "", "--data", data, "sources", "show", "--json", listJobs()[0].Target); r.code != 0 {
		t.Fatalf("the queued job's target is not a source: %s", r.stderr)
	}
	// Queuing the same files again queues nothing new while they wait.
	if r := athar(t, "", "--data", data, "ingest", "--queue", in); !strings.Contains(r.stderr, "queued extraction of 0 sources (5 already queued)") {
		t.Errorf("second ingest --queue: %s", r.stderr)
	}

	w := startProcess(t, "--data", data, "worker", "--workers", "2")
	deadline := time.Now().Add(time.Minute)
	for len(listJobs("--state", "completed")) < 5 {
		if time.Now().After(deadline) || w.exited() {
			w.kill()
			t.Fatalf("jobs not completed: %+v\n%s", listJobs(), w.stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := w.stop(); err != nil {
		t.Fatalf("worker after SIGTERM: %v\n%s", err, w.stderr.String())
	}
	if !strings.Contains(w.stderr.String(), "workers stopped") {
		t.Errorf("worker did not say it stopped:\n%s", w.stderr.String())
	}
	if r := athar(t, "", "--data", data, "verify"); r.code != 0 {
		t.Errorf("verify: exit %d\n%s", r.code, r.stdout)
	}
	if r := athar(t, "", "--data", data, "export", "ftm"); r.code != 0 || !strings.Contains(r.stdout, "arrest") {
		t.Errorf("the worker extracted nothing: exit %d\n%.300s", r.code, r.stdout)
	}

	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"jobs", "retry", "x"}, 2, "not a job id"},
		{[]string{"jobs", "retry", "1", "999"}, 1, "job 999: no such job"},
		{[]string{"jobs", "--state", "stuck"}, 2, "unknown job state"},
		{[]string{"worker", "--job-timeout", "1m", "--rescue-after", "30s"}, 2, "must be longer"},
	} {
		r := athar(t, "", append([]string{"--data", data}, c.args...)...)
		if r.code != c.code || !strings.Contains(r.stderr, c.err) {
			t.Errorf("%v: exit %d, want %d with %q\n%s", c.args, r.code, c.code, c.err, r.stderr)
		}
	}
	if r := athar(t, "", "--data", filepath.Join(dir, "none"), "jobs"); r.code != 2 {
		t.Errorf("jobs without a data directory: exit %d", r.code)
	}
}

// TestManyWorkersSurviveSIGKILL queues 1,000 extract jobs on PostgreSQL,
// works them with two `athar worker` processes and the in-process workers
// of one `athar serve`, kills a worker with SIGKILL while it is running
// jobs, and shows that every job still completed, exactly once in effect: no
// source stored twice, no statement or mention duplicated, every source
// extracted alike, and verify passes; the server, which worked jobs too,
// still answers its UI, API and reconciliation routes.
func TestManyWorkersSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("the many-workers test starts PostgreSQL and three workers over 1,000 jobs")
	}
	const n = 1000
	dir := t.TempDir()
	url := pgtest.URL(t)
	base := []string{"--data", filepath.Join(dir, "data"), "--db", url}
	in := filepath.Join(dir, "in")
	for i := range n {
		writeFile(t, filepath.Join(in, fmt.Sprintf("%05d.txt", i)), []byte(generatedArticle(i)))
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(q string) int {
		t.Helper()
		var c int
		if err := db.QueryRow(q).Scan(&c); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return c
	}

	start := time.Now()
	r := athar(t, "", append(base, "ingest", "--queue", in)...)
	if r.code != 0 || strings.Count(r.stdout, "stored ") != n {
		t.Fatalf("ingest --queue: exit %d, %d stored\n%s", r.code, strings.Count(r.stdout, "stored "), r.stderr)
	}
	if got := count("SELECT count(*) FROM river_job WHERE kind = 'extract' AND state = 'available'"); got != n {
		t.Fatalf("%d extract jobs queued, want %d", got, n)
	}
	if got := count("SELECT count(*) FROM statements"); got != 0 {
		t.Fatalf("ingest --queue extracted %d statements itself", got)
	}
	t.Logf("stored and queued %d sources in %s", n, time.Since(start).Round(time.Millisecond))

	// A short job timeout and rescue let the test see a dead worker's jobs
	// rescued; River's leader looks for them every 30 seconds.
	addr := freeAddr(t)
	workers := make([]*process, 3)
	for i := range workers {
		cmd := []string{"worker"}
		if i == 2 {
			cmd = []string{"serve", "--addr", addr}
		}
		workers[i] = startProcess(t, append(append(base, cmd...), "--workers", "2", "--job-timeout", "4s", "--rescue-after", "5s")...)
	}
	defer func() {
		for _, w := range workers {
			w.kill()
		}
	}()

	// Kill the first worker while it holds a job: with five of the six
	// slots running, each worker runs at least one.
	deadline := time.Now().Add(6 * time.Minute)
	for count("SELECT count(*) FROM river_job WHERE kind = 'extract' AND state = 'completed'") < n/4 ||
		count("SELECT count(*) FROM river_job WHERE kind = 'extract' AND state = 'running'") < 5 {
		if time.Now().After(deadline) {
			t.Fatalf("workers did not get going: %s", jobStates(t, db))
		}
		for _, w := range workers {
			if w.exited() {
				t.Fatalf("a worker ended early:\n%s", w.stderr.String())
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := workers[0].cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-workers[0].done
	killedAt := count("SELECT count(*) FROM river_job WHERE kind = 'extract' AND state = 'completed'")
	t.Logf("killed a worker at %d of %d jobs completed, %s in", killedAt, n, time.Since(start).Round(time.Millisecond))

	deadline = time.Now().Add(6 * time.Minute)
	for count("SELECT count(*) FROM river_job WHERE kind = 'extract' AND state = 'completed'") < n {
		if time.Now().After(deadline) {
			t.Fatalf("jobs not completed six minutes after the kill: %s", jobStates(t, db))
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("all %d jobs completed %s in", n, time.Since(start).Round(time.Millisecond))
	for _, path := range []string{"/healthz", "/api/v1/openapi.json", "/reconcile"} {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatalf("the server after the run: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s from the server: %s", path, resp.Status)
		}
	}
	for _, w := range workers[1:] {
		if err := w.stop(); err != nil {
			t.Errorf("worker stopped with %v:\n%s", err, w.stderr.String())
		}
	}

	// Each of the three processes finished jobs: the server's in-process
	// workers too.
	if got := count("SELECT count(DISTINCT attempted_by[array_length(attempted_by, 1)]) FROM river_job WHERE kind = 'extract' AND state = 'completed'"); got < 2 {
		t.Errorf("jobs were finished by %d processes; want the surviving worker and the server at least", got)
	}
	if got := count("SELECT count(*) FROM river_job WHERE kind = 'extract' AND state <> 'completed'"); got != 0 {
		t.Errorf("%d extract jobs not completed: %s", got, jobStates(t, db))
	}
	if got := count("SELECT count(*) FROM river_job WHERE kind = 'extract' AND errors::text LIKE '%rescued by JobRescuer%'"); got == 0 {
		t.Error("no job of the killed worker was rescued: the kill did not land mid-job")
	}
	if got, distinct := count("SELECT count(*) FROM sources"), count("SELECT count(DISTINCT sha256) FROM sources"); got != n || distinct != n {
		t.Errorf("%d sources, %d distinct, want %d", got, distinct, n)
	}
	if got := count("SELECT count(*) FROM (SELECT 1 FROM statements GROUP BY source_id, property, value, span_start, span_end " +
		"HAVING count(*) > 1) d"); got != 0 {
		t.Errorf("%d statements duplicated (same source, property, value and span)", got)
	}
	if got := count("SELECT count(*) FROM (SELECT 1 FROM mentions GROUP BY source_id, span_start, span_end, type, extractor " +
		"HAVING count(*) > 1) d"); got != 0 {
		t.Errorf("%d mentions duplicated", got)
	}
	// The generated articles all say the same kinds of things: each source
	// has as many statements as any other, and none was left unextracted.
	if got := count("SELECT count(DISTINCT source_id) FROM mentions"); got != n {
		t.Errorf("%d of %d sources extracted", got, n)
	}
	if got := count("SELECT count(DISTINCT c) FROM (SELECT count(*) AS c FROM statements GROUP BY source_id) s"); got != 1 {
		t.Errorf("sources differ in how many statements they have (%d different counts): some extracted twice or in part", got)
	}
	if v := athar(t, "", append(base, "verify")...); v.code != 0 {
		t.Errorf("verify: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}
	t.Logf("done in %s", time.Since(start).Round(time.Millisecond))
}

// process is the test binary running the athar command.
type process struct {
	cmd    *exec.Cmd
	stderr *bytes.Buffer
	done   chan struct{}
	err    error
}

// freeAddr is a loopback address with a port nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func startProcess(t *testing.T, args ...string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(os.Args[0], args...), stderr: &bytes.Buffer{}, done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), "ATHAR_RUN_MAIN=1")
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	return p
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop asks the process to stop (SIGTERM) and waits for it.
func (p *process) stop() error {
	if p.exited() {
		return fmt.Errorf("already exited: %v", p.err)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case <-p.done:
		return p.err
	case <-time.After(time.Minute):
		p.kill()
		return fmt.Errorf("did not stop within a minute of SIGTERM")
	}
}

func (p *process) kill() {
	if !p.exited() {
		p.cmd.Process.Kill()
		<-p.done
	}
}

// jobStates counts River's jobs by kind and state, for failure messages.
func jobStates(t *testing.T, db *sql.DB) string {
	rows, err := db.Query("SELECT kind, state::text, count(*) FROM river_job GROUP BY 1, 2 ORDER BY 1, 2")
	if err != nil {
		return err.Error()
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var kind, state string
		var c int
		if rows.Scan(&kind, &state, &c) == nil {
			fmt.Fprintf(&b, "%s/%s=%d ", kind, state, c)
		}
	}
	return b.String()
}
