package dataimport

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/athar-project/athar/internal/model"
)

// readXLSX is how a workbook was read before it was read a row at a time
// (issue 23): whole, with GetRows. The streamed reading must store what it
// stored.
// isXLSX reports whether data is an Office Open XML workbook (a zip
// holding [Content_Types].xml and a workbook).
func isXLSX(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) && bytes.Contains(data, []byte("[Content_Types].xml")) &&
		bytes.Contains(data, []byte("xl/"))
}

// readXLSX reads one worksheet of a workbook (the first when sheet is ""):
// its first row is the header. Rows shorter than the header are read with
// their missing cells empty (Excel leaves trailing empty cells out); a row
// with values beyond the header's last column is reported.
func readXLSX(data []byte, sheet string) (spreadsheet, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: 64 << 20})
	if err != nil {
		return spreadsheet{}, fmt.Errorf("not a workbook Athar can read: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return spreadsheet{}, fmt.Errorf("the workbook has no worksheet")
	}
	if sheet == "" {
		sheet = sheets[0]
	} else if !containsString(sheets, sheet) {
		return spreadsheet{}, fmt.Errorf("the workbook has no sheet %q (sheets: %s)", sheet, strings.Join(sheets, ", "))
	}
	cells, err := f.GetRows(sheet, excelize.Options{RawCellValue: false})
	if err != nil {
		return spreadsheet{}, fmt.Errorf("sheet %q: %v", sheet, err)
	}
	if len(cells) == 0 {
		return spreadsheet{}, fmt.Errorf("sheet %q is empty", sheet)
	}
	out := spreadsheet{contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
	seen := map[string]bool{}
	for _, h := range cells[0] {
		h = strings.TrimSpace(h)
		if seen[h] && h != "" {
			return spreadsheet{}, fmt.Errorf("row 1: column %q twice", h)
		}
		seen[h] = true
		out.header = append(out.header, h)
	}
	var text strings.Builder
	cp := 0
	write := func(fields []string) (model.Span, int64, error) {
		var line bytes.Buffer
		w := csv.NewWriter(&line)
		if err := w.Write(fields); err != nil {
			return model.Span{}, 0, err
		}
		w.Flush()
		quote := strings.TrimRight(line.String(), "\n")
		n := utf8.RuneCountInString(quote)
		span := model.Span{Start: cp, End: cp + n, Quote: quote}
		at := int64(text.Len())
		text.WriteString(quote + "\n")
		cp += n + 1
		return span, at, nil
	}
	if _, _, err := write(out.header); err != nil {
		return spreadsheet{}, err
	}
	for i, row := range cells[1:] {
		line := i + 2
		if len(row) > len(out.header) {
			extra := false
			for _, c := range row[len(out.header):] {
				extra = extra || strings.TrimSpace(c) != ""
			}
			if extra {
				out.bad = append(out.bad, LineError{line, fmt.Errorf("values beyond the header's %d columns: the row is not read", len(out.header))})
				continue
			}
			row = row[:len(out.header)]
		}
		empty := true
		for _, c := range row {
			empty = empty && strings.TrimSpace(c) == ""
		}
		if empty {
			continue
		}
		for len(row) < len(out.header) {
			row = append(row, "")
		}
		span, at, err := write(row)
		if err != nil {
			return spreadsheet{}, err
		}
		out.rows = append(out.rows, Row{Line: line, Fields: row, Span: span, at: at})
	}
	out.text = text.String()
	return out, nil
}

// spreadsheet is a workbook read: the text statements' spans point into,
// the header, the rows, the rows that could not be read, and the content
// type of the original bytes.
type spreadsheet struct {
	text        string
	header      []string
	rows        []Row
	bad         []LineError
	contentType string
}
