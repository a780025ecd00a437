package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/plumbing"
	"github.com/athar-project/athar/internal/web/i18n"
)

//go:embed templates static
var files embed.FS

// parseTemplates parses the layout with each page once, at start-up.
func parseTemplates() (map[string]*template.Template, error) {
	base, err := template.New("layout.html").Funcs(template.FuncMap{"pair": pair}).
		ParseFS(files, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	names, err := fs.Glob(files, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		page := strings.TrimSuffix(path.Base(name), ".html")
		if page == "layout" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(files, name)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		pages[page] = t
	}
	return pages, nil
}

// view is what every template gets: the layout's needs, and the page's Data.
type view struct {
	Lang    i18n.Lang
	Dir     string
	Title   string
	CSS     string
	JS      string // the review queue's script, on pages that use it
	CSRF    string
	User    *model.User
	Viewer  access.Viewer
	Public  bool // an anonymous visitor reading the published public view
	Data    any
	Done    *doneNote // what a decision just made on this page changed, with its undo
	reqPath string
	query   url.Values
}

// T translates a catalogue key into the page's language.
func (v *view) T(key string, args ...any) string { return i18n.T(v.Lang, key, args...) }

// LangURL is this page's address in another language.
func (v *view) LangURL(l string) string {
	q := url.Values{}
	for k, vs := range v.query {
		q[k] = vs
	}
	q.Set("lang", l)
	return v.reqPath + "?" + q.Encode()
}

// IsAdmin reports whether the signed-in user is an admin (to show the link;
// the route itself checks again).
func (v *view) IsAdmin() bool { return v.User != nil && v.User.Role == model.RoleAdmin }

// Sens, Kind, Role and LangName translate enumerations.
func (v *view) Sens(s model.Sensitivity) string { return v.T("sens." + s.String()) }
func (v *view) Kind(k model.SourceKind) string  { return v.T("kind." + string(k)) }
func (v *view) Role(r model.Role) string        { return v.T("role." + string(r)) }
func (v *view) LangName(code string) string {
	switch code {
	case "ar", "en", "other":
		return v.T("lang." + code)
	case "":
		return "—"
	}
	return code
}

// HTMLLang is a source's language as an HTML lang attribute: "" unless
// Athar knows it (ar or en).
func (v *view) HTMLLang(code string) string {
	if code == "ar" || code == "en" {
		return code
	}
	return ""
}

// Time writes a time in UTC to the minute, isolated left-to-right so that
// an Arabic page does not reorder its parts.
func (v *view) Time(t time.Time) template.HTML {
	if t.IsZero() {
		return "—"
	}
	return date(t.UTC().Format("2006-01-02 15:04 UTC"))
}

// Date writes a date as far as it is known.
func (v *view) Date(d model.Date) template.HTML {
	if d.IsZero() {
		return template.HTML(template.HTMLEscapeString(v.T("date.unknown")))
	}
	return date(d.String())
}

// date isolates a date or time as left-to-right and keeps it on one line
// (a date broken across lines in a narrow column reads as two values).
func date(s string) template.HTML {
	return template.HTML(`<bdi dir="ltr" class="date">` + template.HTMLEscapeString(s) + `</bdi>`)
}

// Or returns s, or a dash when empty.
func (v *view) Or(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func (s *Server) newView(w http.ResponseWriter, r *http.Request, page, titleKey string, data any) *view {
	st := state(r)
	v := &view{Lang: st.lang, Dir: st.lang.Dir(), CSS: s.css.url, User: st.user, Viewer: st.viewer,
		Public: st.public, Data: data, reqPath: r.URL.Path, query: r.URL.Query()}
	v.Title = v.T(titleKey)
	v.CSRF = s.csrfToken(w, r)
	if (page == "entity" || page == "source") && st.viewer.CanReview() && v.query.Get("done") != "" {
		v.Done = s.doneNote(r, v.query.Get("done"), v.query.Get("did"))
	}
	if page == "review" || page == "claims" || page == "upload" {
		v.JS = s.js.url
	}
	if page == "code" || page == "keyadd" || page == "enrol" {
		v.JS = s.keyJS.url
	}
	return v
}

// render executes a page into a buffer first, so that a template error is a
// clean 500 and never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page, titleKey string, data any) {
	t, ok := s.pages[page]
	if !ok {
		s.serverError(w, r, fmt.Errorf("no template %q", page))
		return
	}
	v := s.newView(w, r, page, titleKey, data)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", v); err != nil {
		s.serverError(w, r, fmt.Errorf("render %s: %w", page, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

type errorData struct {
	Status  int
	Heading string // catalogue keys
	Message string
}

// renderError shows the error page for a status. Its text depends on the
// status alone — never on the path or on what was asked for — so that "not
// found" and "not allowed to see" are the same page.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int) {
	key := "error.other"
	switch status {
	case http.StatusNotFound, http.StatusForbidden, http.StatusBadRequest, http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusGone:
		key = fmt.Sprintf("error.%d", status)
	}
	s.render(w, r, status, "error", key+".title", errorData{status, key + ".title", key + ".message"})
}

// notFound is the page for anything that does not exist or that the viewer
// may not see.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, r, http.StatusNotFound)
}

// forbidden is the page for an action the account may not take (not data:
// data the viewer may not see is notFound).
func (s *Server) forbidden(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, r, http.StatusForbidden)
}

// serverError logs err (which carries ids, never evidence) and shows a
// plain 500 page.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("request failed", "method", r.Method, "route", r.Pattern, "err", err)
	t, ok := s.pages["error"]
	if ok {
		v := &view{Lang: state(r).lang, Dir: state(r).lang.Dir(), CSS: s.css.url, reqPath: r.URL.Path,
			Data: errorData{500, "error.500.title", "error.500.message"}}
		v.Title = v.T("error.500.title")
		var buf bytes.Buffer
		if t.ExecuteTemplate(&buf, "layout.html", v) == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = buf.WriteTo(w)
			return
		}
	}
	http.Error(w, "Internal server error", http.StatusInternalServerError)
}

// clientIP is the address the request came from (plumbing.ClientAddr).
func clientIP(r *http.Request) string { return plumbing.ClientAddr(r) }

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// localPath accepts a redirect target only when it is a path on this site:
// it starts with one slash, not two, and holds no backslash, white space or
// control character anywhere — browsers drop tabs and newlines from a URL
// and read a backslash as a slash, so "/\t/evil.example" would be
// "//evil.example", another site.
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return "/"
	}
	for _, r := range p {
		if r <= ' ' || r == 0x7f || r == '\\' || unicode.IsSpace(r) || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			return "/"
		}
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || !strings.HasPrefix(u.Path, "/") {
		return "/"
	}
	return p
}

// fail answers what a use case refused with the page for its kind (a form
// that makes no sense is 400 here, as every form of the UI answers it), and
// anything else as a failure of the server.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, _, ok := plumbing.Problem(err)
	switch {
	case !ok:
		s.serverError(w, r, err)
	case status == http.StatusUnprocessableEntity:
		s.renderError(w, r, http.StatusBadRequest)
	default:
		s.renderError(w, r, status)
	}
}
