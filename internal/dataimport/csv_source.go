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

// urlRecord is the record of a source URL a spreadsheet's rows give: the
// rows that cite it, and, once stored, its id and each row's span in it.
type urlRecord struct {
	url   string
	rows  []Row
	id    string
	spans map[int]model.Span // by the row's line
}

// cite returns the source a row's statements cite and the span of the row
// there: the record of its source URL when it gives one, else the
// spreadsheet.
func (imp *csvImport) cite(ctx context.Context, tx *store.Tx, row csvRow, r *Result) (string, model.Span, error) {
	if row.url == "" {
		return imp.fileID, row.row.Span, nil
	}
	rec := imp.records[row.url]
	if rec.id == "" {
		if err := imp.storeRecord(ctx, tx, rec, r); err != nil {
			return "", model.Span{}, err
		}
	}
	return rec.id, rec.spans[row.row.Line], nil
}

// storeRecord stores the record of a source URL: a text source in the
// header format of CONTRACTS.md whose URL is the one the rows give and
// whose text holds those rows, so that each statement's quote (its row)
// points at its place there. The page itself is not fetched: `athar
// capture URL` keeps it as evidence.
func (imp *csvImport) storeRecord(ctx context.Context, tx *store.Tx, rec *urlRecord, r *Result) error {
	var lines []string
	for _, row := range rec.rows {
		lines = append(lines, fmt.Sprint(row.Line))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Title: %s\nURL: %s\n", oneLine(rec.url), oneLine(rec.url))
	fmt.Fprintf(&b, "Source-note: The source that rows %s of the spreadsheet %s (source %s) give for their facts. The page is not in this archive; below are the rows that cite it.\n---\n",
		strings.Join(lines, ", "), filepath.Base(imp.opt.Filename), imp.fileID)
	text := oneLine(rec.url) + "\n"
	for i, row := range rec.rows {
		if i > 0 {
			text += "\n\n"
			b.WriteString("\n\n")
		}
		start := utf8.RuneCountInString(text)
		text += row.Span.Quote
		b.WriteString(row.Span.Quote)
		rec.spans[row.Line] = model.Span{Start: start, End: start + utf8.RuneCountInString(row.Span.Quote), Quote: row.Span.Quote}
	}
	b.WriteString("\n")
	src := model.Source{Kind: model.KindDocument, Title: rec.url, URL: rec.url, Text: text, ContentType: "text/plain; charset=utf-8",
		Filename: filepath.Base(imp.opt.Filename) + ".source.txt", Sensitivity: imp.opt.Sensitivity}
	added, err := recordOnce(ctx, tx, imp.v, &src, []byte(b.String()))
	if err != nil {
		return fmt.Errorf("record of %s: %w", rec.url, err)
	}
	if added {
		r.Sources++
	}
	rec.id = src.ID
	return nil
}
