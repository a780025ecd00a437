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
// rows that cite it (where their text is in the file, read back when the
// record is stored), and, once stored, its id and each row's span in it.
type urlRecord struct {
	url   string
	rows  []quoteAt
	id    string
	spans map[int][2]int // by the row's line: its span's code points in the record
}

// quoteAt is where a row's text (its span's quote) is in the spreadsheet's
// text: its line, byte offset and size.
type quoteAt struct {
	line int
	at   int64
	size int
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
	span := rec.spans[row.row.Line]
	return rec.id, model.Span{Start: span[0], End: span[1], Quote: row.row.Span.Quote}, nil
}

// storeRecord stores the record of a source URL: a text source in the
// header format of CONTRACTS.md whose URL is the one the rows give and
// whose text holds those rows, so that each statement's quote (its row)
// points at its place there. The page itself is not fetched: `athar
// capture URL` keeps it as evidence.
func (imp *csvImport) storeRecord(ctx context.Context, tx *store.Tx, rec *urlRecord, r *Result) error {
	var lines []string
	for _, row := range rec.rows {
		lines = append(lines, fmt.Sprint(row.line))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Title: %s\nURL: %s\n", oneLine(rec.url), oneLine(rec.url))
	fmt.Fprintf(&b, "Source-note: The source that rows %s of the spreadsheet %s (source %s) give for their facts. The page is not in this archive; below are the rows that cite it.\n---\n",
		strings.Join(lines, ", "), filepath.Base(imp.opt.Filename), imp.fileID)
	var text strings.Builder
	text.WriteString(oneLine(rec.url) + "\n")
	cp := utf8.RuneCountInString(text.String())
	for i, row := range rec.rows {
		if i > 0 {
			text.WriteString("\n\n")
			b.WriteString("\n\n")
			cp += 2
		}
		quote := make([]byte, row.size)
		if k, err := imp.text.ReadAt(quote, row.at); k < row.size {
			return fmt.Errorf("record of %s: read line %d again: %w", rec.url, row.line, err)
		}
		n := utf8.RuneCount(quote)
		text.Write(quote)
		b.Write(quote)
		rec.spans[row.line] = [2]int{cp, cp + n}
		cp += n
	}
	b.WriteString("\n")
	src := model.Source{Kind: model.KindDocument, Title: rec.url, URL: rec.url, Text: text.String(), ContentType: "text/plain; charset=utf-8",
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
