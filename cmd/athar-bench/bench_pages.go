package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/store"
	"github.com/spf13/cobra"
)

func init() { registerBench(benchPagesCommand) }

// benchPagesCommand is the load client of the page benchmark: it signs in to
// a running `athar serve` and requests each kind of page in turn, one
// request at a time, recording how long each took to arrive in full. Run the
// server and this client pinned to different cores (scripts/bench-pages.sh)
// so the figures are the server's, not contention.
func benchPagesCommand(g *globals) *cobra.Command {
	var base, user string
	var perPage int
	var passwordStdin bool
	var only string
	var serverPID int
	var paths []string
	cmd := &cobra.Command{
		Use:   "pages",
		Short: "Measure page latency (p50, p95, p99) of a running server on the store it serves",
		Long: `Sign in to a running 'athar serve' at --url as --user (password on stdin) and
request every kind of page --requests times, one request at a time, with
entities, sources and search words drawn at random from the store the server
serves (--data/--db must name the same store; it is only read). Prints p50,
p95, p99 and the slowest request per kind of page. Any answer other than 200
stops the run: a fast error page measures nothing. With --server-pid (a
server on this machine) it also prints the server's CPU time per request,
which other work on a shared machine does not inflate as it does latency.
With --path KIND=PATH (repeatable) it measures only those paths, each
--requests times: a given page such as that of the entity most sources name.
Paths under /api/ are sent with the token in ATHAR_TOKEN.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if !passwordStdin {
				return cannot(errors.New("give the password on stdin with --password-stdin"))
			}
			pw, err := io.ReadAll(io.LimitReader(g.stdin, 4096))
			if err != nil {
				return cannot(err)
			}
			st, err := g.openStore(ctx, true)
			if err != nil {
				return err
			}
			defer st.Close()
			sample, err := st.SampleForPages(ctx, 20000)
			if err != nil {
				return cannot(err)
			}
			pages := samplePages(sample, perPage)
			if len(paths) > 0 {
				if pages, err = givenPages(paths, perPage); err != nil {
					return cannot(err)
				}
			}
			if only != "" {
				pages = slices.DeleteFunc(pages, func(p pageKind) bool { return !strings.Contains(p.kind, only) })
				if len(pages) == 0 {
					return cannot(fmt.Errorf("--only %q: no kind of page has it in its name", only))
				}
			}
			client, err := signIn(ctx, strings.TrimRight(base, "/"), user, strings.TrimSpace(string(pw)))
			if err != nil {
				return cannot(err)
			}
			fmt.Fprintf(g.stdout, "server %s, %d requests per page kind, client GOMAXPROCS %d\n", base, perPage, runtime.GOMAXPROCS(0))
			// Each row is printed as soon as its page is measured: a slow page
			// must not hide the others' figures.
			row := "%28s %9s %8s %8s %8s %8s %8s %8s\n"
			fmt.Fprintf(g.stdout, row, "page", "requests", "p50 ms", "p95 ms", "p99 ms", "max ms", "bytes", "cpu ms")
			for _, p := range pages {
				if len(p.paths) == 0 {
					fmt.Fprintf(g.stdout, row, p.kind, "0", "-", "-", "-", "-", "-", "-")
					continue
				}
				// One untimed round warms the server's caches and the
				// connection, as a page already in use would be.
				if _, err := fetch(ctx, client, base+p.paths[0]); err != nil {
					return cannot(err)
				}
				lat := make([]time.Duration, 0, len(p.paths))
				var size int
				cpu0, err := processCPU(serverPID)
				if err != nil {
					return cannot(err)
				}
				for _, path := range p.paths {
					start := time.Now()
					n, err := fetch(ctx, client, base+path)
					if err != nil {
						return cannot(err)
					}
					lat = append(lat, time.Since(start))
					size += n
				}
				cpu1, err := processCPU(serverPID)
				if err != nil {
					return cannot(err)
				}
				cpu := "-"
				if serverPID > 0 {
					cpu = strconv.FormatFloat(float64((cpu1-cpu0).Microseconds())/1000/float64(len(lat)), 'f', 1, 64)
				}
				slices.Sort(lat)
				q := func(f float64) float64 {
					i := min(len(lat)-1, int(f*float64(len(lat))))
					return float64(lat[i].Microseconds()) / 1000
				}
				ms := func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
				fmt.Fprintf(g.stdout, row, p.kind, strconv.Itoa(len(lat)), ms(q(0.50)), ms(q(0.95)), ms(q(0.99)),
					ms(float64(lat[len(lat)-1].Microseconds())/1000), strconv.Itoa(size/len(lat)), cpu)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&base, "url", "http://127.0.0.1:8080", "the server's address")
	cmd.Flags().StringVar(&user, "user", "", "account to sign in as (an admin sees every page)")
	cmd.Flags().BoolVar(&passwordStdin, "password-stdin", false, "read the password from stdin")
	cmd.Flags().IntVar(&perPage, "requests", 300, "requests per kind of page")
	cmd.Flags().StringVar(&only, "only", "", "measure only the kinds of page whose name holds this (\"review\")")
	cmd.Flags().IntVar(&serverPID, "server-pid", 0, "the server's process id, to print its CPU time per request (Linux)")
	cmd.Flags().StringArrayVar(&paths, "path", nil, "KIND=PATH: measure this path (repeatable; instead of the sampled pages)")
	return cmd
}

// pageKind is one kind of page and the paths that stand for it.
type pageKind struct {
	kind  string
	paths []string
}

// samplePages draws n paths of every kind of page from a sample of the
// store: random entities of each type, random sources, and search words
// and names that occur in it.
func samplePages(sample store.Sample, n int) []pageKind {
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(prefix string, xs []string, suffix string) []string {
		if len(xs) == 0 {
			return nil
		}
		out := make([]string, n)
		for i := range out {
			out[i] = prefix + url.PathEscape(xs[r.IntN(len(xs))]) + suffix
		}
		return out
	}
	same := func(path string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = path
		}
		return out
	}
	var pages []pageKind
	pages = append(pages, pageKind{"dashboard", same("/")})
	pages = append(pages, pageKind{"sources list", same("/sources")})
	pages = append(pages, pageKind{"source", pick("/sources/", sample.Sources, "")})
	for _, t := range []string{"person", "facility", "place", "organization", "event"} {
		pages = append(pages, pageKind{"entities list: " + t, same("/entities?type=" + t)})
	}
	for _, t := range []string{"person", "facility", "place", "organization", "event"} {
		pages = append(pages, pageKind{t + " page", pick("/entities/", sample.Entities[t], "")})
	}
	words := make([]string, 0, len(sample.Names))
	for _, nm := range sample.Names {
		if f := strings.Fields(nm); len(f) > 0 {
			words = append(words, f[len(f)-1])
		}
	}
	pages = append(pages, pageKind{"search (a family name)", pick("/search?q=", words, "")})
	// A whole name (of a person, a facility, a place...) names an entity:
	// the search also reads the sources that mention it, and its other
	// spellings (docs/search.md).
	pages = append(pages, pageKind{"search (a whole name)", pick("/search?q=", sample.Names, "")})
	pages = append(pages, pageKind{"review queue", same("/review")})
	pages = append(pages, pageKind{"review by claim", same("/review/claims")})
	pages = append(pages, pageKind{"review by claim: a person", pick("/review/claims?entity=", sample.Entities["person"], "")})
	pages = append(pages, pageKind{"map", same("/map")})
	return pages
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signIn logs in through the login form, as a browser does, and returns a
// client carrying the session cookie.
func signIn(ctx context.Context, base, user, password string) (*http.Client, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	client := &http.Client{Jar: jar, Timeout: time.Minute,
		Transport: &http.Transport{MaxIdleConnsPerHost: 4, DisableCompression: true}}
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/login", nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("sign in: %w", err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	m := csrfInput.FindSubmatch(body)
	if m == nil {
		return nil, fmt.Errorf("sign in: %s/login has no form token (is it an Athar server?)", base)
	}
	form := url.Values{"csrf": {string(m[1])}, "name": {user}, "password": {password}, "next": {"/"}}
	req, err = http.NewRequestWithContext(ctx, http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err = client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("sign in: %w", err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound {
		return nil, fmt.Errorf("sign in as %q: the server answered %s", user, resp.Status)
	}
	switch loc := resp.Header.Get("Location"); {
	case strings.HasPrefix(loc, "/login/enrol"):
		// Admins and reviewers give a second factor: a fresh account
		// enrols here, as its owner would with an authenticator app.
		if err := enrol(ctx, client, base); err != nil {
			return nil, fmt.Errorf("sign in as %q: %w", user, err)
		}
	case strings.HasPrefix(loc, "/login/code"):
		return nil, fmt.Errorf("sign in as %q: the account already has a second factor; measure as a fresh account (scripts/bench-pages.sh makes one)", user)
	}
	return client, nil
}

var totpSecret = regexp.MustCompile(`id="totp-secret" dir="ltr">([A-Z2-7]+)<`)

// enrol completes a signed-in account's enrolment in a second factor from
// the secret the enrolment page shows.
func enrol(ctx context.Context, client *http.Client, base string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/login/enrol", nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	body := string(b)
	tok, sec := csrfInput.FindStringSubmatch(body), totpSecret.FindStringSubmatch(body)
	if tok == nil || sec == nil {
		return errors.New("the enrolment page has no form or secret")
	}
	code, err := access.TOTPCode(sec[1], time.Now())
	if err != nil {
		return err
	}
	form := url.Values{"csrf": {tok[1]}, "code": {code}}
	req, err = http.NewRequestWithContext(ctx, http.MethodPost, base+"/login/enrol", strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err = client.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound && resp.StatusCode != http.StatusOK {
		return fmt.Errorf("enrolment: the server answered %s", resp.Status)
	}
	return nil
}

// givenPages are the --path flags as kinds of page, each path n times.
func givenPages(flags []string, n int) ([]pageKind, error) {
	var out []pageKind
	for _, f := range flags {
		kind, path, ok := strings.Cut(f, "=")
		if !ok || kind == "" || !strings.HasPrefix(path, "/") {
			return nil, fmt.Errorf("--path %q: give KIND=/path", f)
		}
		out = append(out, pageKind{kind, slices.Repeat([]string{path}, n)})
	}
	return out, nil
}

// fetch requests one page and reads it whole; anything but 200 is an error.
// An API path carries the token in ATHAR_TOKEN.
func fetch(ctx context.Context, client *http.Client, u string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	if strings.Contains(u, "/api/") {
		req.Header.Set("Authorization", "Bearer "+os.Getenv("ATHAR_TOKEN"))
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return 0, fmt.Errorf("GET %s: %w", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return int(n), nil
}

// processCPU is the CPU time (user and system) process pid has used, read
// from /proc; 0 when pid is 0.
func processCPU(pid int) (time.Duration, error) {
	if pid <= 0 {
		return 0, nil
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("--server-pid: %w", err)
	}
	return parseProcCPU(string(b))
}

// parseProcCPU reads utime and stime (fields 14 and 15, in clock ticks of
// 1/100 s on Linux) from a /proc/PID/stat line; the command name, field 2,
// is in parentheses and may hold spaces.
func parseProcCPU(stat string) (time.Duration, error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, errors.New("/proc stat: no command name")
	}
	f := strings.Fields(stat[i+1:])
	if len(f) < 13 {
		return 0, errors.New("/proc stat: too few fields")
	}
	var ticks int64
	for _, s := range f[11:13] { // utime, stime: fields 14 and 15 of the line
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc stat: %w", err)
		}
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond, nil
}
