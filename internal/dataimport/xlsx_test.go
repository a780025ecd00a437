package dataimport

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

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

// readWorkbook reads a workbook held in data a row at a time, as an import
// does: its sheet's text, header, rows and bad rows.
func readWorkbook(data []byte, sheet string) (spreadsheet, error) {
	w, err := openWorkbook(bytes.NewReader(data), sheet, false)
	if err != nil {
		return spreadsheet{}, err
	}
	defer w.Close()
	var text strings.Builder
	out := spreadsheet{contentType: xlsxType}
	err = w.scan(&text, func(r Row) error { out.rows = append(out.rows, r); return nil }, func(e LineError) { out.bad = append(out.bad, e) })
	out.text, out.header = text.String(), w.header
	return out, err
}

func FuzzReadXLSX(f *testing.F) {
	f.Add(workbook(f, "Sheet1", [][]any{{"Name"}, {"A"}}))
	f.Add([]byte("PK\x03\x04[Content_Types].xml xl/"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if ok, _ := isWorkbook(bytes.NewReader(data), int64(len(data))); !ok {
			return
		}
		sheet, err := readWorkbook(data, "")
		if err != nil {
			return
		}
		text := []rune(sheet.text)
		for _, r := range sheet.rows {
			if r.Span.End > len(text) || string(text[r.Span.Start:r.Span.End]) != r.Span.Quote {
				t.Fatalf("row %d: span is not its quote", r.Line)
			}
			if sheet.text[r.at:r.at+int64(len(r.Span.Quote))] != r.Span.Quote {
				t.Fatalf("row %d: offset is not its quote", r.Line)
			}
			if len(r.Fields) != len(sheet.header) {
				t.Fatalf("row %d: %d fields, header %d", r.Line, len(r.Fields), len(sheet.header))
			}
		}
	})
}

// bigWorkbook is a sheet of n generated rows: names in both scripts, cells
// over two lines, rows left empty, rows with trailing cells left out, and
// every 97th row with a value beyond the header.
func bigWorkbook(t testing.TB, n int) []byte {
	rows := [][]any{{"ID", "Name", "Alias", "Born", "Note"}}
	for i := 0; i < n; i++ {
		switch {
		case i%97 == 50:
			rows = append(rows, []any{fmt.Sprintf("P%d", i), "Stray", "", "", "", "beyond"})
		case i%31 == 7:
			rows = append(rows, []any{}) // an empty row
		case i%13 == 4:
			rows = append(rows, []any{fmt.Sprintf("P%d", i), fmt.Sprintf("Person %d", i)})
		default:
			rows = append(rows, []any{fmt.Sprintf("P%d", i), fmt.Sprintf("Person %d", i), fmt.Sprintf("شخص\n%d", i), 1950 + i%50, strings.Repeat("note ", i%9)})
		}
	}
	return workbook(t, "People", rows)
}

// pastSpill fails the test unless the workbook's sheet unzips past
// xlsxSpill: excelize unzips it to a temporary file.
func pastSpill(t *testing.T, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range zr.File {
		if e.Name == "xl/worksheets/sheet1.xml" {
			if e.UncompressedSize64 <= uint64(xlsxSpill) {
				t.Fatalf("the sheet is %d bytes unzipped: not past %d", e.UncompressedSize64, xlsxSpill)
			}
			return
		}
	}
	t.Fatal("no sheet1.xml")
}

// A workbook read a row at a time reads as it read held whole: the same
// text, header, rows (spans, offsets) and bad rows; for a sheet small
// enough to be held, and for one excelize unzips to a temporary file.
func TestWorkbookReadAsHeld(t *testing.T) {
	defer func(n int64) { xlsxSpill = n }(xlsxSpill)
	xlsxSpill = 16 << 10
	spilled := bigWorkbook(t, 1000)
	pastSpill(t, spilled)
	for name, data := range map[string][]byte{
		"small":       workbook(t, "Sheet1", [][]any{{"Name", "Born"}, {"أحمد", 1980}, {}, {"x", "", "y"}, {"a\nb"}}),
		"gap first":   workbook(t, "Sheet1", [][]any{{}, {"Name"}, {"A"}}),
		"empty":       workbook(t, "Sheet1", nil),
		"twice":       workbook(t, "Sheet1", [][]any{{"a", "a"}, {"1", "2"}}),
		"small sheet": bigWorkbook(t, 30),
		"spilled out": spilled,
	} {
		t.Run(name, func(t *testing.T) {
			held, herr := readXLSX(data, "")
			got, err := readWorkbook(data, "")
			if fmt.Sprint(err) != fmt.Sprint(herr) {
				t.Fatalf("error %v, held %v", err, herr)
			}
			if err != nil {
				return
			}
			if got.text != held.text || !reflect.DeepEqual(got.header, held.header) || fmt.Sprint(got.bad) != fmt.Sprint(held.bad) {
				t.Errorf("text %d bytes (held %d), header %q (%q), bad %v (%v)", len(got.text), len(held.text), got.header, held.header, got.bad, held.bad)
			}
			if !reflect.DeepEqual(got.rows, held.rows) {
				t.Errorf("%d rows, held %d", len(got.rows), len(held.rows))
			}
		})
	}
}

// A workbook imported from its file, a row at a time, stores what it
// stores imported from its bytes held whole, on both engines: the sheet's
// text archived, every statement, span and bad row; and leaves no
// temporary file behind (excelize's unzipped sheet's either).
func TestWorkbookFileStreamed(t *testing.T) {
	defer func(n int64) { xlsxSpill = n }(xlsxSpill)
	xlsxSpill = 16 << 10 // the sheet unzipped to a temporary file
	data := bigWorkbook(t, 300)
	pastSpill(t, data)
	held, err := readXLSX(data, "")
	if err != nil {
		t.Fatal(err)
	}
	m := mustMapping(t, "entity_type: person\nid_column: ID\nproperties: {name: Name, alias: Alias, birthDate: Born, notes: Note}\n")
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		path := filepath.Join(t.TempDir(), "people.xlsx")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		opt := Options{Filename: "people.xlsx", Sensitivity: model.Internal, BatchSize: 40}
		r, err := CSVFile(ctx, st, access.Operator(), f, m, opt)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(r.Errors) != fmt.Sprint(held.bad) || r.Entities != len(held.rows) {
			t.Errorf("errors %v (held %v), %d entities (held %d rows)", r.Errors, held.bad, r.Entities, len(held.rows))
		}
		src, err := st.Source(ctx, access.Operator(), r.Source)
		if err != nil {
			t.Fatal(err)
		}
		if src.Text != held.text || src.ContentType != xlsxType || src.Size != int64(len(data)) {
			t.Errorf("archived: text of %d (held %d), %s, %d bytes", len(src.Text), len(held.text), src.ContentType, src.Size)
		}
		streamed := importedFacts(t, st)
		for _, s := range streamed {
			if strings.Contains(s, " false ") {
				t.Fatalf("a span that is not its quote: %s", s)
			}
		}
		// A file removed since it was opened is read through f, whole.
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		if _, ok := filePath(f); ok {
			t.Error("a removed file's path taken for it")
		}
		gone := storetest.Another(t, st)
		if _, err := CSVFile(ctx, gone, access.Operator(), f, m, opt); err != nil {
			t.Fatal(err)
		}
		if got := importedFacts(t, gone); !reflect.DeepEqual(got, streamed) {
			t.Errorf("from a removed file: %d facts, from the file %d", len(got), len(streamed))
		}
		other := storetest.Another(t, st)
		if _, err := CSV(ctx, other, access.Operator(), data, m, opt); err != nil {
			t.Fatal(err)
		}
		if got := importedFacts(t, other); !reflect.DeepEqual(got, streamed) {
			t.Errorf("from bytes: %d facts, from the file %d", len(got), len(streamed))
		}
		if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
			t.Errorf("temporary files left: %v", left)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %v %+v", err, rep)
		}
	})
}

// A workbook damaged in its zip (cut short, a byte of a compressed sheet
// changed) is refused with an error saying what, from its file, and
// nothing is stored; no temporary file is left.
func TestWorkbookDamagedStoresNothing(t *testing.T) {
	data := bigWorkbook(t, 3000)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var sheetAt int64
	for _, e := range zr.File {
		if e.Name == "xl/worksheets/sheet1.xml" {
			if sheetAt, err = e.DataOffset(); err != nil {
				t.Fatal(err)
			}
		}
	}
	flipped := bytes.Clone(data)
	flipped[sheetAt+200] ^= 0xff
	m := mustMapping(t, "entity_type: person\nid_column: ID\nproperties: {name: Name}\n")
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		for name, c := range map[string]struct {
			data []byte
			want string
		}{
			"cut short":         {data[:len(data)/2], "its zip directory, at its end, cannot be read: cut short or damaged"},
			"a byte of a sheet": {flipped, "not a workbook Athar can read"},
		} {
			path := filepath.Join(t.TempDir(), "people.xlsx")
			if err := os.WriteFile(path, c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			_, err = CSVFile(ctx, st, access.Operator(), f, m, Options{Filename: "people.xlsx"})
			f.Close()
			var bad InputError
			if err == nil || !strings.Contains(err.Error(), c.want) || !errorsAs(err, &bad) {
				t.Errorf("%s: error %v, want %q", name, err, c.want)
			}
			if srcs, err := st.SourcesBySHA(ctx, store.Hash(c.data)); err != nil || len(srcs) != 0 {
				t.Errorf("%s: sources %v %v", name, srcs, err)
			}
		}
		if n := len(statementsOf(t, st)); n != 0 {
			t.Errorf("%d entities stored", n)
		}
		if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
			t.Errorf("temporary files left: %v", left)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %+v %v", rep.Problems, err)
		}
	})
}

// A sealed import — restricted or confidential, its original sealed whole
// — writes nothing of the file's text to a temporary file in the clear:
// a workbook's sheet and a legacy encoding's text are read in memory. The
// temporary directory here is a file, so that anything created in it
// fails the import; the same files imported as internal do write there.
func TestSealedImportWritesNoTemporaryFile(t *testing.T) {
	defer func(n int64) { xlsxSpill = n }(xlsxSpill)
	xlsxSpill = 16 << 10 // an internal workbook's sheet would be unzipped to a temporary file
	book := bigWorkbook(t, 120)
	pastSpill(t, book)
	legacy, err := charmap.Windows1256.NewEncoder().String("ID,Name\nP1,أوس سلوم\nP2,ثائر حسين\n")
	if err != nil {
		t.Fatal(err)
	}
	files := []struct {
		name, mapping string
		data          []byte
	}{
		{"people.xlsx", "entity_type: person\nid_column: ID\nproperties: {name: Name, alias: Alias, birthDate: Born, notes: Note}\n", book},
		{"people.csv", "entity_type: person\nid_column: ID\nencoding: windows-1256\nproperties: {name: Name}\n", []byte(legacy)},
	}
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dir := t.TempDir()
		// The master key in a folder of its own, as an operator keeps it.
		t.Setenv("ATHAR_KEY_FILE", filepath.Join(t.TempDir(), "master.key"))
		notADir := filepath.Join(t.TempDir(), "tmp-is-a-file")
		if err := os.WriteFile(notADir, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			path := filepath.Join(dir, file.name)
			if err := os.WriteFile(path, file.data, 0o600); err != nil {
				t.Fatal(err)
			}
			m := mustMapping(t, file.mapping)
			for _, level := range []model.Sensitivity{model.Internal, model.Confidential} {
				f, err := os.Open(path)
				if err != nil {
					t.Fatal(err)
				}
				t.Setenv("TMPDIR", notADir)
				r, err := CSVFile(ctx, st, access.Operator(), f, m, Options{Filename: file.name, Sensitivity: level})
				f.Close()
				sealed := store.Sealed(level)
				switch {
				case sealed && (err != nil || r.Source == "" || r.Entities+r.Existing == 0):
					t.Errorf("%s, %s: %d entities, %d statements already stored; %v", file.name, level, r.Entities, r.Existing, err)
				case !sealed && err == nil:
					t.Errorf("%s, %s: imported with no temporary directory — the test shows nothing", file.name, level)
				}
			}
		}
	})
}
