package dataimport

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/athar-project/athar/internal/model"
)

// Excel workbooks (.xlsx). The original bytes are archived as they came;
// the source's text, which statements' spans point into, is the sheet
// written as CSV, one line a row (a cell's own line breaks inside quotes),
// and a row's line number is its row in the sheet.
//
// A workbook is read a row at a time (issue 23): excelize opens it from
// its file (reading the zip's central directory, not the whole zip), and
// unzips a worksheet or shared-strings table larger than xlsxSpill to a
// temporary file instead of memory; the sheet's rows are then read from
// there with its Rows iterator, once to write the sheet's text (as CSV) to
// a temporary file and read the header, and again for each of the
// import's passes. What is held: the zip's central directory, the
// workbook's small parts (workbook, styles, relationships, a sheet or
// shared-strings table under xlsxSpill), the shared strings' offsets in
// their temporary file (two integers a string), and one row.

// Limits on what an .xlsx may unpack to: a zip of a few kilobytes can
// otherwise unpack to gigabytes.
const (
	xlsxUnzipLimit = 256 << 20
	xlsxType       = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// xlsxSpill is the size over which a sheet or shared-strings table is
// unzipped to a temporary file (a variable for tests).
var xlsxSpill int64 = 1 << 20

// isWorkbook reports whether f is an Office Open XML workbook: a zip
// holding [Content_Types].xml and a part under xl/. Read from the zip's
// central directory.
// A file that begins as a zip but whose central directory (at its end)
// cannot be read is an error: a workbook cut short or damaged.
func isWorkbook(f io.ReaderAt, size int64) (bool, error) {
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return false, fmt.Errorf("the file begins as a zip archive (an .xlsx workbook?) but its zip directory, at its end, cannot be read: cut short or damaged (%v)", err)
	}
	ct, xl := false, false
	for _, e := range zr.File {
		ct = ct || e.Name == "[Content_Types].xml"
		xl = xl || strings.HasPrefix(e.Name, "xl/")
	}
	return ct && xl, nil
}

// xlsxSheet is one worksheet of a workbook, read a row at a time.
type xlsxSheet struct {
	f      *excelize.File
	sheet  string
	header []string
}

// openWorkbook opens a workbook from f (from its file when f is one) and
// finds its sheet (the first when sheet is "").
// A sealed workbook's parts are unzipped in memory, never spilled to a
// temporary file.
func openWorkbook(f File, sheet string, sealed bool) (*xlsxSheet, error) {
	opts := excelize.Options{UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxSpill}
	if sealed {
		opts.UnzipXMLSizeLimit = xlsxUnzipLimit
	}
	var wb *excelize.File
	var err error
	if path, ok := filePath(f); ok {
		wb, err = excelize.OpenFile(path, opts)
	} else {
		var data []byte
		if data, err = readAll(f); err != nil {
			return nil, fmt.Errorf("read the file: %w", err)
		}
		wb, err = excelize.OpenReader(bytes.NewReader(data), opts)
	}
	if err != nil {
		return nil, fmt.Errorf("not a workbook Athar can read: %v", err)
	}
	sheets := wb.GetSheetList()
	if len(sheets) == 0 {
		wb.Close()
		return nil, fmt.Errorf("the workbook has no worksheet")
	}
	if sheet == "" {
		sheet = sheets[0]
	} else if !containsString(sheets, sheet) {
		wb.Close()
		return nil, fmt.Errorf("the workbook has no sheet %q (sheets: %s)", sheet, strings.Join(sheets, ", "))
	}
	return &xlsxSheet{f: wb, sheet: sheet}, nil
}

// filePath is the path f was opened by, when it still names f: excelize
// opens a workbook from a path only (it then reads it through
// io.ReaderAt). A file removed or replaced since it was opened is read
// whole instead.
func filePath(f File) (string, bool) {
	osf, ok := f.(*os.File)
	if !ok {
		return "", false
	}
	fi, err := osf.Stat()
	if err != nil {
		return "", false
	}
	pi, err := os.Stat(osf.Name())
	if err != nil || !os.SameFile(fi, pi) {
		return "", false
	}
	return osf.Name(), true
}

// Close removes the temporary files excelize made.
func (w *xlsxSheet) Close() error {
	if w == nil {
		return nil
	}
	return w.f.Close()
}

// scan reads the sheet's rows in order: its first row is the header, read
// into w.header. Rows shorter than the header are read with their missing
// cells empty (Excel leaves trailing empty cells out); a row with values
// beyond the header's last column is reported (bad, when not nil). Each
// row's span and offset are in the sheet's text, which is written to text
// when it is not nil.
func (w *xlsxSheet) scan(text io.Writer, row func(Row) error, bad func(LineError)) error {
	rows, err := w.f.Rows(w.sheet)
	if err != nil {
		return fmt.Errorf("sheet %q: %v", w.sheet, err)
	}
	defer rows.Close()
	var off int64
	cp := 0
	var line bytes.Buffer
	write := func(fields []string) (model.Span, int64, error) {
		line.Reset()
		cw := csv.NewWriter(&line)
		if err := cw.Write(fields); err != nil {
			return model.Span{}, 0, err
		}
		cw.Flush()
		quote := strings.TrimRight(line.String(), "\n")
		n := utf8.RuneCountInString(quote)
		span := model.Span{Start: cp, End: cp + n, Quote: quote}
		at := off
		if text != nil {
			if _, err := io.WriteString(text, quote+"\n"); err != nil {
				return model.Span{}, 0, err
			}
		}
		off += int64(len(quote)) + 1
		cp += n + 1
		return span, at, nil
	}
	var header []string
	cur, data := 0, false
	for rows.Next() {
		cur++
		cells, err := rows.Columns(excelize.Options{RawCellValue: false})
		if err != nil {
			return fmt.Errorf("sheet %q, row %d: %v", w.sheet, cur, err)
		}
		if cur == 1 {
			seen := map[string]bool{}
			for _, h := range cells {
				h = strings.TrimSpace(h)
				if seen[h] && h != "" {
					return fmt.Errorf("row 1: column %q twice", h)
				}
				seen[h] = true
				header = append(header, h)
			}
			w.header = header
			data = len(cells) > 0
			if _, _, err := write(header); err != nil {
				return err
			}
			continue
		}
		if len(cells) == 0 {
			continue
		}
		data = true
		if len(cells) > len(header) {
			extra := false
			for _, c := range cells[len(header):] {
				extra = extra || strings.TrimSpace(c) != ""
			}
			if extra {
				if bad != nil {
					bad(LineError{cur, fmt.Errorf("values beyond the header's %d columns: the row is not read", len(header))})
				}
				continue
			}
			cells = cells[:len(header)]
		}
		empty := true
		for _, c := range cells {
			empty = empty && strings.TrimSpace(c) == ""
		}
		if empty {
			continue
		}
		for len(cells) < len(header) {
			cells = append(cells, "")
		}
		span, at, err := write(cells)
		if err != nil {
			return err
		}
		if err := row(Row{Line: cur, Fields: cells, Span: span, at: at}); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("sheet %q, after row %d: %v", w.sheet, cur, err)
	}
	if !data {
		return fmt.Errorf("sheet %q is empty", w.sheet)
	}
	return nil
}

// openWorkbookTable opens a workbook as a table: its sheet's text written
// to a temporary file, its header read.
// A sealed workbook's sheet text is held in memory instead.
func openWorkbookTable(f File, m Mapping, sealed bool) (*table, error) {
	w, err := openWorkbook(f, m.Sheet, sealed)
	if err != nil {
		return nil, err
	}
	if sealed {
		var text bytes.Buffer
		if err := w.scan(&text, func(Row) error { return nil }, nil); err != nil {
			w.Close()
			return nil, err
		}
		d := &decodedText{text: io.NewSectionReader(bytes.NewReader(text.Bytes()), 0, int64(text.Len()))}
		return &table{header: w.header, contentType: xlsxType, text: d.text, workbook: w, decoded: d}, nil
	}
	tmp, err := os.CreateTemp("", "athar-import-*.txt")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("read the workbook: %w", err)
	}
	d := &decodedText{tmp: tmp}
	fail := func(err error) (*table, error) {
		d.Close()
		w.Close()
		return nil, err
	}
	buf := bufio.NewWriter(tmp)
	if err := w.scan(buf, func(Row) error { return nil }, nil); err != nil {
		return fail(err)
	}
	if err := buf.Flush(); err != nil {
		return fail(fmt.Errorf("read the workbook: %w", err))
	}
	size, err := tmp.Seek(0, io.SeekEnd)
	if err != nil {
		return fail(fmt.Errorf("read the workbook: %w", err))
	}
	d.text = io.NewSectionReader(tmp, 0, size)
	return &table{header: w.header, contentType: xlsxType, text: d.text, workbook: w, decoded: d}, nil
}
