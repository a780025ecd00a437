package web

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// sourceRow is a source as a list shows it.
type sourceRow struct {
	model.Source
	Display string // the title, or a stand-in when there is none
}

func displayTitle(src model.Source) string {
	if t := strings.TrimSpace(src.Title); t != "" {
		return t
	}
	if src.Filename != "" {
		return src.Filename
	}
	return src.ID
}

func rows(srcs []model.Source) []sourceRow {
	out := make([]sourceRow, len(srcs))
	for i, src := range srcs {
		out[i] = sourceRow{src, displayTitle(src)}
	}
	return out
}

const sourcesPerPage = 25

type sourcesData struct {
	Items     []sourceRow
	Language  string
	Kind      string
	Languages []string
	Kinds     []model.SourceKind
	NextURL   string
	FirstURL  string // set on pages after the first
}

// sourcesList lists the sources the viewer may see, newest first, with
// language and kind filters and a cursor to the next page.
func (s *Server) sourcesList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := sourcesData{Languages: []string{"ar", "en", "other"}, Kinds: model.SourceKinds()}
	query := sourceQuery{Cursor: q.Get("after"), Limit: sourcesPerPage}
	switch l := q.Get("language"); l {
	case "ar", "en", "other":
		data.Language, query.Language = l, l
	}
	if k, err := model.ParseSourceKind(q.Get("kind")); err == nil {
		data.Kind, query.Kind = string(k), k
	}
	page, err := s.listSources(r.Context(), state(r).viewer, query)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.recordSources(r, "list", page.Items...); err != nil {
		s.serverError(w, r, err)
		return
	}
	data.Items = rows(page.Items)
	filters := url.Values{}
	if data.Language != "" {
		filters.Set("language", data.Language)
	}
	if data.Kind != "" {
		filters.Set("kind", data.Kind)
	}
	if query.Cursor != "" {
		data.FirstURL = withQuery("/sources", filters)
	}
	if page.Next != "" {
		next := url.Values{"after": {page.Next}}
		for k, v := range filters {
			next[k] = v
		}
		data.NextURL = withQuery("/sources", next)
	}
	s.render(w, r, http.StatusOK, "sources", "sources.title", data)
}

func withQuery(p string, q url.Values) string {
	if len(q) == 0 {
		return p
	}
	return p + "?" + q.Encode()
}

type sourceData struct {
	Source     model.Source
	Display    string
	Paragraphs []string
	Original   *sourceRow // the source this one nearly copies, when the viewer may see it
}

// sourceShow is one source: its metadata and its text. A source the viewer
// may not see is the same not-found page as one that does not exist.
func (s *Server) sourceShow(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	src, err := s.store.Source(ctx, v, r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := sourceData{Source: src, Display: displayTitle(src), Paragraphs: paragraphs(src.Text)}
	shown := []model.Source{src}
	if src.DuplicateOf != "" {
		orig, err := s.store.Source(ctx, v, src.DuplicateOf)
		switch {
		case err == nil:
			data.Original = &sourceRow{orig, displayTitle(orig)}
			shown = append(shown, orig)
		case !errors.Is(err, store.ErrNotFound):
			s.serverError(w, r, err)
			return
		}
	}
	if err := s.recordSources(r, "view", shown...); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "source", "source.title", data)
}

// paragraphs splits a text into its non-empty lines, each shown in its own
// element so that the browser finds each one's direction (dir="auto").
func paragraphs(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) != "" {
			out = append(out, line)
		}
	}
	return out
}

// sourceDownload sends the original bytes, exactly as archived, as an
// attachment: never rendered in this site's origin, whatever they are.
func (s *Server) sourceDownload(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	src, err := s.store.Source(ctx, v, r.PathValue("id"))
	var data []byte
	if err == nil {
		data, err = s.store.Blob(ctx, v, src.ID)
	}
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.recordSources(r, "download", src); err != nil {
		s.serverError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": downloadName(src)}))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Content-Length", fmt.Sprint(len(data)))
	_, _ = w.Write(data)
}

// downloadName is the original's file name, or the source id with the
// extension its content type suggests.
func downloadName(src model.Source) string {
	name := path.Base(strings.ReplaceAll(src.Filename, "\\", "/"))
	if name == "" || name == "." || name == "/" {
		name = src.ID
		if exts, _ := mime.ExtensionsByType(src.ContentType); len(exts) > 0 {
			name += exts[0]
		}
	}
	return name
}
