package web

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// sourceRow is a source as a list shows it.
type sourceRow struct {
	model.Source
	Display string // the title, or a stand-in when there is none
}

// displayTitle is model.Source.DisplayTitle: the one rule for a source's
// shown title.
func displayTitle(src model.Source) string { return src.DisplayTitle() }

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
	Lines      []textLine
	Statements []statementGroup
	Original   *sourceRow        // the source this one nearly copies, when the viewer may see it
	Copies     []sourceRow       // the sources that nearly copy this one
	Assignment *sourceAssignment // for reviewers: who reviews its statements
	// Files and Capture: a captured page's files and acquisition record.
	Files   []model.SourceFile
	Capture *app.CaptureRecord
	OCR     *model.OCR // how its text was read by OCR; nil when it was not
	// Consent: what a testimony's witness consented to, for signed-in
	// accounts; nil for other sources and the anonymous public.
	Consent *sourceConsent
	// Redaction: how this source was redacted from another, when it was;
	// RedactLevels: the levels the reader may give a redacted copy (none
	// when they may not make one).
	Redaction    *model.Redaction
	RedactLevels []model.Sensitivity
	Redacted     []sourceRow  // its redacted copies the reader may see
	Notes        *sourceNotes // reviewers' notes on it (source_notes.go)
}

// statementRow is a statement with the entities it names, as a table or
// the review queue shows it.
type statementRow struct {
	model.Statement
	Entity entityRef
	Target *entityRef // the linked value, when there is one
	Latin  string     // machine transliteration of an Arabic-only value
	// Sources is how many statements alike this row stands for, where a
	// page shows them once (search).
	Sources int
}

func (rd *reader) statementRows(sts []model.Statement) ([]statementRow, error) {
	out := make([]statementRow, 0, len(sts))
	for _, st := range sts {
		row := statementRow{Statement: st}
		if st.ValueEntity == "" {
			row.Latin = latinOf(st.Value) // a link shows its entity's name instead
		}
		var err error
		if row.Entity, err = rd.ref(st.EntityID); err != nil {
			return nil, err
		}
		if st.ValueEntity != "" {
			t, err := rd.ref(st.ValueEntity)
			if err != nil {
				return nil, err
			}
			row.Target = &t
		}
		out = append(out, row)
	}
	return out, nil
}

// statementGroup is the statements a source makes about one entity: an
// event's type, date, place and participants together, with the quote they
// share shown once.
type statementGroup struct {
	Entity entityRef
	Quotes []string // the quotes its statements carry, each once
	Rows   []statementRow
}

func groupStatements(rows []statementRow) []statementGroup {
	var out []statementGroup
	index := map[string]int{}
	for _, row := range rows {
		i, ok := index[row.EntityID]
		if !ok {
			i = len(out)
			index[row.EntityID] = i
			out = append(out, statementGroup{Entity: row.Entity})
		}
		g := &out[i]
		if q := row.Span.Quote; q != "" && !containsString(g.Quotes, q) {
			g.Quotes = append(g.Quotes, q)
		}
		g.Rows = append(g.Rows, row)
	}
	return out
}

// sourceShow is one source: its metadata, its text with every mention
// marked and linked to its entity, the statements drawn from it, and its
// near-copies both ways. A source the viewer may not see is the same
// not-found page as one that does not exist.
func (s *Server) sourceShow(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	src, err := s.store.Source(ctx, v, r.PathValue("id"))
	if errors.Is(err, app.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := sourceData{Source: src, Display: displayTitle(src)}
	shown := []model.Source{src}
	if src.DuplicateOf != "" {
		orig, err := s.store.Source(ctx, v, src.DuplicateOf)
		switch {
		case err == nil:
			data.Original = &sourceRow{orig, displayTitle(orig)}
			shown = append(shown, orig)
		case !errors.Is(err, app.ErrNotFound):
			s.serverError(w, r, err)
			return
		}
	}
	copies, err := s.store.NearCopies(ctx, v, src.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data.Copies = rows(copies)
	shown = append(shown, copies...)
	mentions, err := s.store.Mentions(ctx, v, src.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if data.OCR, err = s.store.SourceOCR(ctx, v, src.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	data.Lines = markDoubtful(highlight(src.Text, mentions), data.OCR.Low())
	sts, err := s.store.StatementsFrom(ctx, v, src.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	srows, err := s.reader(ctx, v).statementRows(sts)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data.Statements = groupStatements(srows)
	if err := s.sourceCapture(r, &data); err != nil {
		s.serverError(w, r, err)
		return
	}
	if data.Consent, err = s.sourceConsent(r, src); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.sourceRedaction(r, &data); err != nil {
		s.serverError(w, r, err)
		return
	}
	if data.Assignment, err = s.sourceAssignment(r, src); err != nil {
		s.serverError(w, r, err)
		return
	}
	if data.Notes, err = s.readSourceNotes(r, src); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.record(r, "view", app.Shown{Sources: shown, Statements: sts}); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "source", "source.title", data)
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
	if errors.Is(err, app.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if errors.Is(err, app.ErrWithdrawn) {
		s.renderError(w, r, http.StatusGone)
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
