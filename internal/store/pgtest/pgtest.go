// Package pgtest starts a throwaway PostgreSQL cluster for tests, with
// Debian's initdb and pg_ctl, on a free loopback port in a temporary
// directory. Outside CI a machine without PostgreSQL skips with a message;
// in CI (CI=true) a missing PostgreSQL fails the test, never skips it.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// Cluster is a running throwaway PostgreSQL server.
type Cluster struct {
	dir   string
	port  int
	bin   string
	owner string // OS user the server runs as ("" for the current one)
	admin *sql.DB
	n     atomic.Int64
}

var (
	once    sync.Once
	shared  *Cluster
	initErr error
)

// BinDir finds Debian's PostgreSQL server binaries (initdb, pg_ctl), newest
// version first; "" when none is installed.
func BinDir() string {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p)
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d
		}
	}
	return ""
}

func version(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

// URL returns a postgres:// URL of a fresh, empty database on the shared
// cluster, dropped when the test ends. The cluster starts on first use and
// stops when the process exits (call Stop from TestMain).
func URL(t testing.TB) string {
	t.Helper()
	once.Do(func() { shared, initErr = start() })
	if initErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL is required in CI: %v", initErr)
		}
		t.Skipf("skipping the PostgreSQL run: %v (install Debian's postgresql to run it)", initErr)
	}
	name := fmt.Sprintf("athar_test_%d_%d", os.Getpid(), shared.n.Add(1))
	if _, err := shared.admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		// Connections of the test's store are closed by its own cleanup,
		// registered later and so run earlier.
		_, _ = shared.admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	return shared.url(name)
}

// Stop stops the shared cluster, if one was started, and removes its files.
func Stop() {
	if shared == nil {
		return
	}
	shared.admin.Close()
	_ = shared.run("pg_ctl", "-D", filepath.Join(shared.dir, "data"), "-m", "immediate", "-w", "stop")
	os.RemoveAll(shared.dir)
}

func (c *Cluster) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

func start() (*Cluster, error) {
	bin := BinDir()
	if bin == "" {
		return nil, fmt.Errorf("no PostgreSQL server binaries (initdb, pg_ctl) found")
	}
	dir, err := os.MkdirTemp("", "athar-pg-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir, bin: bin}
	// PostgreSQL refuses to run as root; CI runs as root, so the server
	// runs as Debian's postgres user.
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("running as root and there is no postgres user to run the server as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
		c.owner = "postgres"
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	c.port = port
	data := filepath.Join(dir, "data")
	if err := c.run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		return nil, fmt.Errorf("initdb: %w", err)
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", port, dir)
	if err := c.run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		return nil, fmt.Errorf("pg_ctl start: %w\n%s", err, log)
	}
	admin, err := sql.Open("pgx", c.url("postgres"))
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		return nil, fmt.Errorf("connect to the test cluster: %w", err)
	}
	c.admin = admin
	return c, nil
}

func (c *Cluster) run(tool string, args ...string) error {
	path := filepath.Join(c.bin, tool)
	var cmd *exec.Cmd
	if c.owner != "" {
		cmd = exec.Command("runuser", append([]string{"-u", c.owner, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = c.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %w: %s", tool, strings.Join(args, " "), err, out)
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
