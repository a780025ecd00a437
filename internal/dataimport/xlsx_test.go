package dataimport

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// workbook writes an .xlsx with one sheet of rows.
func workbook(t testing.TB, sheet string, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestXLSX(t *testing.T) {
	data := workbook(t, "Detainees", [][]any{
		{"Name", "Born", "Comment"},
		{"أحمد خليل", "1980", "seen in Sednaya"},
		{"Omar Darwish"},                      // trailing cells left out, as Excel does
		{"Rana Khoury", "1975", "x", "stray"}, // a value beyond the header
		{"Samir Haddad", "1960", "line one\nline two"},
	})
	if !isXLSX(data) {
		t.Fatal("not recognized as a workbook")
	}
	ctx := context.Background()
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	m := mustMapping(t, "entity_type: person\nsheet: Detainees\nproperties: {name: Name, birthDate: Born, notes: Comment}\n")
	r, err := CSV(ctx, st, access.Operator(), data, m, Options{Filename: "detainees.xlsx", Sensitivity: model.Internal})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Errors) != 1 || r.Errors[0].Line != 4 || !strings.Contains(r.Errors[0].Error(), "beyond the header") {
		t.Errorf("errors: %v", r.Errors)
	}
	if r.Entities != 3 || r.Statements != 7 {
		t.Errorf("result: %+v", r)
	}
	src, err := st.Source(ctx, access.Operator(), r.Source)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(src.ContentType, "application/vnd.openxmlformats") || !strings.Contains(src.Text, "أحمد خليل,1980") {
		t.Errorf("source: %s %q", src.ContentType, src.Text)
	}
	spansHold(t, st)

	m.Sheet = "Nope"
	if _, err := CSV(ctx, st, access.Operator(), data, m, Options{Filename: "detainees.xlsx"}); err == nil || !strings.Contains(err.Error(), `no sheet "Nope" (sheets: Detainees)`) {
		t.Errorf("a missing sheet: %v", err)
	}
}

func FuzzReadXLSX(f *testing.F) {
	f.Add(workbook(f, "Sheet1", [][]any{{"Name"}, {"A"}}))
	f.Add([]byte("PK\x03\x04[Content_Types].xml xl/"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sheet, err := readXLSX(data, "")
		if err != nil {
			return
		}
		text := []rune(sheet.text)
		for _, r := range sheet.rows {
			if r.Span.End > len(text) || string(text[r.Span.Start:r.Span.End]) != r.Span.Quote {
				t.Fatalf("row %d: span is not its quote", r.Line)
			}
			if len(r.Fields) != len(sheet.header) {
				t.Fatalf("row %d: %d fields, header %d", r.Line, len(r.Fields), len(sheet.header))
			}
		}
	})
}
