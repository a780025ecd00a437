package export

import (
	"encoding/csv"
	"io"
	"strings"
)

// cellWriter writes CSV that no spreadsheet runs: a cell that starts with
// a character a spreadsheet reads as the start of a formula (= + - @, a tab,
// a carriage return or a line feed, or the full-width forms, after any
// leading spaces) gets a leading apostrophe, as OWASP's guidance on CSV
// injection advises, so that a source titled =HYPERLINK(...) or a publisher
// @SUM(...) is shown as text, not run, when a partner opens the export. A
// reader that wants the value exactly drops the leading apostrophe of a
// cell whose rest (after spaces) starts with one of those characters or
// with another apostrophe.
type cellWriter struct {
	*csv.Writer
	buf []string
}

func newCellWriter(w io.Writer) *cellWriter { return &cellWriter{Writer: csv.NewWriter(w)} }

// Write writes one record, each cell made safe.
func (w *cellWriter) Write(record []string) error {
	w.buf = w.buf[:0]
	for _, c := range record {
		w.buf = append(w.buf, SafeCell(c))
	}
	return w.Writer.Write(w.buf)
}

// SafeCell is a CSV cell as cellWriter writes it.
func SafeCell(c string) string {
	if formulaStart(c) {
		return "'" + c
	}
	return c
}

// formulaStart reports whether a spreadsheet would read c as a formula —
// or c is an apostrophe before one, so that a reader who drops the
// apostrophe SafeCell adds always gets the value back.
func formulaStart(c string) bool {
	t := strings.TrimLeft(c, " ")
	if t == "" {
		return false
	}
	switch t[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return true
	case '\'':
		return formulaStart(t[1:])
	}
	for _, r := range []string{"＝", "＋", "－", "＠"} {
		if strings.HasPrefix(t, r) {
			return true
		}
	}
	return false
}
