package dataimport

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// citation is an Athar source the file describes, and the quotes its
// statements cite from it. A statement may be more sensitive than its
// source; its quote then goes into a record of the source at the
// statement's level, so that no record shows a quote to someone who may
// not see the statement: one record per level the source is cited at.
type citation struct {
	entity Entity
	quotes [4][]string                  // by the citing statement's level, in order of first appearance
	seen   [4]map[string]bool           // the same, as sets
	stored map[model.Sensitivity]string // record level → id in the store, once written
	spans  map[model.Sensitivity]map[string]model.Span
}

func newCitation() *citation {
	c := &citation{stored: map[model.Sensitivity]string{}, spans: map[model.Sensitivity]map[string]model.Span{}}
	for i := range c.seen {
		c.seen[i] = map[string]bool{}
	}
	return c
}

// level is the source's own level, as the file gives it.
func (c *citation) level(fallback model.Sensitivity) model.Sensitivity {
	src, err := docSource(c.entity, fallback)
	if err != nil {
		return fallback
	}
	return src.Sensitivity
}

// source stores (once) the record of an Athar source the file describes,
// for a statement of level at, and returns its id in the store. The
// record's text is the source's header (title, publisher, date, URL,
// language, the original's id and SHA-256) and the quotes the file's
// statements of the record's level cite from it, so that each imported
// quote points at its place in the record. The record's level is the
// source's, or the statement's when that is higher. A source the file
// gives no title (the public dataset may hold one) is titled by its URL or
// its id, so that the record always has text.
func (imp *ftmImport) source(ctx context.Context, tx *store.Tx, id string, at model.Sensitivity, r *Result) (string, error) {
	c := imp.docs[id]
	src, err := docSource(c.entity, imp.opt.Sensitivity)
	if err != nil {
		return "", lineErr{err}
	}
	level := model.Max(src.Sensitivity, at)
	if stored := c.stored[level]; stored != "" {
		return stored, nil
	}
	var quotes []string
	for l := range c.quotes {
		if model.Max(src.Sensitivity, model.Sensitivity(l)) == level {
			quotes = append(quotes, c.quotes[l]...)
		}
	}
	var b strings.Builder
	header := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s: %s\n", k, oneLine(v))
		}
	}
	header("Title", src.Title)
	header("Publisher", src.Publisher)
	header("Published", src.Published.String())
	header("URL", src.URL)
	header("Language", src.Language)
	note := fmt.Sprintf("Record of Athar source %s", id)
	if c.entity.Athar != nil && c.entity.Athar.SHA256 != "" {
		note += " (SHA-256 of the original: " + c.entity.Athar.SHA256 + ")"
	}
	note += fmt.Sprintf(", imported from %s (source %s). The original is not in this archive; below are the quotes that imported statements of level %s cite from it.",
		filepath.Base(imp.opt.Filename), imp.fileID, level)
	header("Source-note", note)
	b.WriteString("---\n")
	// The text is the title, a newline and the body (CONTRACTS.md, text
	// files with a header); spans count code points into it.
	text := oneLine(src.Title) + "\n"
	spans := map[string]model.Span{}
	for i, q := range quotes {
		if i > 0 {
			text += "\n\n"
			b.WriteString("\n\n")
		}
		start := utf8.RuneCountInString(text)
		text += q
		b.WriteString(q)
		spans[q] = model.Span{Start: start, End: start + utf8.RuneCountInString(q), Quote: q}
	}
	if len(quotes) == 0 {
		const none = "(The file quoted nothing from this source.)"
		text += none
		b.WriteString(none)
	}
	b.WriteString("\n")
	src.Text, src.ContentType, src.Sensitivity = text, "text/plain; charset=utf-8", level
	src.Filename = id + ".txt"
	if f := c.entity.Properties["fileName"]; len(f) > 0 {
		src.Filename = f[0] // the original's name, as the export gave it
	}
	added, err := recordOnce(ctx, tx, imp.v, &src, []byte(b.String()))
	if err != nil {
		return "", fmt.Errorf("source %s: %w", id, err)
	}
	if added {
		r.Sources++
	}
	c.stored[level], c.spans[level] = src.ID, spans
	return src.ID, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
