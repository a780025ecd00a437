// Package plumbing is the HTTP plumbing the web UI, the JSON API and the
// reconciliation service share: a response writer that remembers its status,
// recovery from panics, the request log, the client's address, and the one
// mapping from an error to the status and message a client is shown
// (Problem). It knows nothing of pages, JSON shapes or evidence: each surface
// renders the status and message in its own form.
package plumbing

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strings"
	"time"
)

// StatusWriter remembers the status written, for the request log and for
// recovery (which must not write a second status).
type StatusWriter struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the first status and passes it on.
func (w *StatusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200 before the first byte.
func (w *StatusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (huma sets body
// read deadlines through it).
func (w *StatusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Status is the status written so far; 0 when nothing was.
func (w *StatusWriter) Status() int { return w.status }

// Recover turns a panic into fallback's answer (each surface's own 500) when
// nothing was written yet. It logs that a panic happened, on which route, and
// the stack — never the panic's value, which may quote evidence.
// http.ErrAbortHandler is passed on, as net/http expects.
func Recover(log *slog.Logger, fallback http.HandlerFunc) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sw := &StatusWriter{ResponseWriter: w}
			defer func() {
				rec := recover()
				if rec == nil {
					return
				}
				if rec == http.ErrAbortHandler {
					panic(rec)
				}
				log.Error("panic serving request", "method", r.Method, "route", r.Pattern, "stack", string(debug.Stack()))
				if sw.status == 0 {
					fallback(sw, r)
				}
			}()
			next.ServeHTTP(sw, r)
		})
	}
}

// entry is what the request log learns while a request is served.
type entry struct{ user string }

type entryKey struct{}

// SetUser names the account a request acts as, for its line in the request
// log; requests nobody signed are logged as anonymous.
func SetUser(ctx context.Context, name string) {
	if e, ok := ctx.Value(entryKey{}).(*entry); ok && name != "" {
		e.user = name
	}
}

// LogRequests writes one line per request, with msg as its message: the
// method, the route pattern, the status, how long it took and the account.
// The path is logged only for routes without wildcards (an id in a path may
// tell which source someone read, and logs travel further than the
// evidence); never the query, a form or a body, and nothing read from the
// store. 5xx answers are logged as errors. It must be the last middleware
// before the routes to derive a new request (r.WithContext): the mux names
// the route on the request it is given.
func LogRequests(log *slog.Logger, msg string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			e := &entry{user: "anonymous"}
			r = r.WithContext(context.WithValue(r.Context(), entryKey{}, e))
			sw := &StatusWriter{ResponseWriter: w}
			next.ServeHTTP(sw, r)
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			attrs := []slog.Attr{slog.String("method", r.Method), slog.String("route", r.Pattern)}
			if r.Pattern != "" && !strings.Contains(r.Pattern, "{") && r.Pattern != "/" {
				attrs = append(attrs, slog.String("path", r.URL.Path))
			}
			attrs = append(attrs, slog.Int("status", status), slog.Duration("took", time.Since(start)),
				slog.String("user", e.user))
			log.LogAttrs(r.Context(), level, msg, attrs...)
		})
	}
}

// ClientAddr is the address a request came from, for the access log and
// rate limits: the one TrustProxies worked out, when it wraps the handler;
// else the host of the request's remote address.
func ClientAddr(r *http.Request) string {
	if a, ok := r.Context().Value(clientKey{}).(string); ok {
		return a
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

type clientKey struct{}

// TrustProxies makes ClientAddr believe X-Forwarded-For from the reverse
// proxies trusted names (and from nobody else): the client is the nearest
// address in the header that is not a trusted proxy. Proxies append the
// address they heard from, so the addresses to the right are the ones
// trusted proxies vouch for; whatever the client wrote itself is to the left
// and never reached. Without a trusted proxy, headers are ignored. Wrap the
// server's whole handler with it, outermost.
func TrustProxies(trusted []netip.Prefix) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if len(trusted) == 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientKey{}, clientAddr(r, trusted))))
		})
	}
}

// ParseTrustedProxies reads the addresses of reverse proxies whose
// X-Forwarded-For the server believes: a comma-separated list of IP
// addresses and CIDR ranges (serve --trusted-proxy, ATHAR_TRUSTED_PROXIES).
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, e := range strings.Split(s, ",") {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		if p, err := netip.ParsePrefix(e); err == nil {
			out = append(out, p.Masked())
			continue
		}
		ip, err := netip.ParseAddr(e)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: want an IP address or a CIDR range", e)
		}
		ip = ip.Unmap()
		out = append(out, netip.PrefixFrom(ip, ip.BitLen()))
	}
	return out, nil
}

// clientAddr walks X-Forwarded-For from the right past trusted proxies.
func clientAddr(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap()
	if !inPrefixes(ip, trusted) {
		return ip.String()
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		h := strings.TrimSpace(hops[i])
		if h == "" {
			continue
		}
		a, err := netip.ParseAddr(h)
		if err != nil {
			if ap, perr := netip.ParseAddrPort(h); perr == nil {
				a, err = ap.Addr(), nil
			}
		}
		if err != nil {
			return ip.String() // a hop no proxy would write: go no further than the last trusted one
		}
		a = a.Unmap()
		if !inPrefixes(a, trusted) {
			return a.String()
		}
		ip = a
	}
	return ip.String()
}

func inPrefixes(ip netip.Addr, ps []netip.Prefix) bool {
	for _, p := range ps {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// Chain wraps h in middleware, the first listed outermost.
func Chain(h http.Handler, mw ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}
