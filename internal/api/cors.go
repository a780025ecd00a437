package api

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Cross-origin reads. A web page served from another origin (a partner's
// dashboard, an OpenAPI viewer) may read the API only when its origin is in
// Config.CORSOrigins (athar serve --cors-origins, env ATHAR_CORS_ORIGINS);
// by default none may. Only reads are shared: GET and HEAD of the API's
// read routes and of the OpenAPI document. A preflight for anything else
// (ingest, review) is refused, so a browser never sends it. Credentials are
// the bearer token the page itself sends in Authorization, never cookies:
// Access-Control-Allow-Credentials is never set.

// corsMaxAge is how long, in seconds, a browser may keep a preflight's answer.
const corsMaxAge = "600"

// corsHeaders are the request headers a cross-origin read may send.
var corsHeaders = []string{"authorization", "accept", "accept-language"}

// ParseOrigins reads a comma-separated list of origins
// ("https://a.example, https://b.example:8443"), or "*" for any origin.
// Each must be scheme and host (and port) only, as a browser's Origin
// header writes it.
func ParseOrigins(list string) ([]string, error) {
	var out []string
	for _, o := range strings.Split(list, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if o == "*" {
			out = append(out, o)
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") ||
			u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return nil, fmt.Errorf("origin %q: want scheme://host[:port], as a browser sends it (https://tool.example.org)", o)
		}
		out = append(out, u.Scheme+"://"+strings.ToLower(u.Host))
	}
	return out, nil
}

// allowedOrigin is the value of Access-Control-Allow-Origin for a
// request's Origin, or "" when that origin may not read.
func (s *Server) allowedOrigin(origin string) string {
	if origin == "" || len(s.origins) == 0 {
		return ""
	}
	if slices.Contains(s.origins, "*") {
		return "*"
	}
	if slices.Contains(s.origins, strings.ToLower(origin)) {
		return origin
	}
	return ""
}

// readable reports whether path is a route a GET reads: one of the API's
// read routes or the OpenAPI document.
func (s *Server) readable(r *http.Request) bool {
	switch r.URL.Path {
	case Prefix + "/openapi.json", Prefix + "/openapi.yaml":
		return true
	}
	probe := r.Clone(r.Context())
	probe.Method = http.MethodGet
	_, pattern := s.paths.Handler(probe)
	return pattern != "" && slices.Contains(s.methods[pattern], http.MethodGet)
}

// cors answers preflights and marks cross-origin reads readable, for the
// origins the configuration allows.
func (s *Server) cors(next http.Handler) http.Handler {
	if len(s.origins) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		allow := s.allowedOrigin(origin)
		if origin != "" {
			w.Header().Add("Vary", "Origin")
		}
		preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
		switch {
		case preflight && allow == "":
			writeProblem(w, http.StatusForbidden, "this origin may not read the API from a browser: the server's --cors-origins does not name it")
		case preflight:
			method := r.Header.Get("Access-Control-Request-Method")
			if (method != http.MethodGet && method != http.MethodHead) || !s.readable(r) {
				writeProblem(w, http.StatusForbidden, "only reads (GET, HEAD) of the API may be made from another origin")
				return
			}
			for _, h := range strings.Split(r.Header.Get("Access-Control-Request-Headers"), ",") {
				if h = strings.ToLower(strings.TrimSpace(h)); h != "" && !slices.Contains(corsHeaders, h) {
					writeProblem(w, http.StatusForbidden, "a cross-origin read may send only Authorization, Accept and Accept-Language, not "+h)
					return
				}
			}
			h := w.Header()
			h.Set("Access-Control-Allow-Origin", allow)
			h.Set("Access-Control-Allow-Methods", "GET, HEAD")
			h.Set("Access-Control-Allow-Headers", "Authorization, Accept, Accept-Language")
			h.Set("Access-Control-Max-Age", corsMaxAge)
			w.WriteHeader(http.StatusNoContent)
		default:
			if allow != "" && (r.Method == http.MethodGet || r.Method == http.MethodHead) && s.readable(r) {
				w.Header().Set("Access-Control-Allow-Origin", allow)
				w.Header().Set("Access-Control-Expose-Headers", "WWW-Authenticate, Retry-After")
			}
			next.ServeHTTP(w, r)
		}
	})
}
