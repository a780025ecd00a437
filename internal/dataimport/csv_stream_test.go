package dataimport

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// readCSVHeld is ReadCSV as it was before rows were read one at a time
// (issue 23): the text held whole, the reader started again on it after a
// row CSV cannot parse. csvRows must read every text as it did.
func readCSVHeld(text, delimiter string) ([]string, []Row, []LineError, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	comma := ','
	if delimiter != "" {
		comma, _ = utf8.DecodeRuneInString(delimiter)
	}
	reader := func(from int) *csv.Reader {
		r := csv.NewReader(strings.NewReader(text[from:]))
		r.Comma, r.FieldsPerRecord = comma, -1
		return r
	}
	lineStart := func(base, n int) (int, bool) {
		at := base
		for i := 0; i < n; i++ {
			j := strings.IndexByte(text[at:], '\n')
			if j < 0 {
				return 0, false
			}
			at += j + 1
		}
		return at, at < len(text)
	}
	r := reader(0)
	header, err := r.Read()
	if err == io.EOF {
		return nil, nil, nil, errors.New("the file is empty")
	}
	if err != nil {
		return nil, nil, nil, fmt.Errorf("line 1, the header: %w", err)
	}
	seen := map[string]bool{}
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
		if seen[header[i]] {
			return nil, nil, nil, fmt.Errorf("line 1: column %q twice", header[i])
		}
		seen[header[i]] = true
	}
	var rows []Row
	var bad []LineError
	base, lines := 0, 0
	prev := int(r.InputOffset())
	cp := utf8.RuneCountInString(text[:prev])
	for {
		fields, err := r.Read()
		if err == io.EOF {
			return header, rows, bad, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			bad = append(bad, LineError{lines + pe.StartLine, fmt.Errorf("the row cannot be read as CSV: %v", pe.Err)})
			next, ok := lineStart(base, pe.Line)
			if !ok {
				return header, rows, bad, nil
			}
			base, lines, prev = next, lines+pe.Line, next
			cp = utf8.RuneCountInString(text[:prev])
			r = reader(base)
			continue
		}
		if err != nil {
			return header, rows, bad, err
		}
		line, _ := r.FieldPos(0)
		end := base + int(r.InputOffset())
		raw := text[prev:end]
		switch {
		case len(fields) == len(header):
			quote := strings.TrimRight(raw, "\r\n")
			n := utf8.RuneCountInString(quote)
			rows = append(rows, Row{Line: lines + line, Fields: fields, Span: model.Span{Start: cp, End: cp + n, Quote: quote}, at: int64(prev)})
		case len(fields) == 1 && strings.TrimSpace(fields[0]) == "":
		default:
			bad = append(bad, LineError{lines + line, fmt.Errorf("%d cells, the header has %d: a missing or extra %q shifts the cells after it, so the row is not read",
				len(fields), len(header), string(comma))})
		}
		cp += utf8.RuneCountInString(raw)
		prev = end
	}
}

// bigCSV is a generated spreadsheet of n rows: people with ids, names in
// both scripts, birth dates, a link to the row before, some cells over two
// lines, some blank lines, and, from line bad on, a stray quote, then a
// row a cell short and a row of an unknown type, some rows apart.
func bigCSV(n, bad int) string {
	var b strings.Builder
	b.WriteString("ID,Type,Name,Alias,Born,Knows,URL\r\n")
	line, faults := 2, 0
	for i := 0; i < n; i++ {
		typ, url, knows := "person", "", ""
		if i%7 == 3 {
			url = fmt.Sprintf("https://example.org/list/%d", i%5)
		}
		if i > 0 {
			knows = fmt.Sprintf("P%d", i-1)
		}
		if line >= bad+60*faults && faults < 3 {
			faults++
			switch faults {
			case 1:
				fmt.Fprintf(&b, "P%d,person,Bad \"quote here,x,1980,,\r\n", i)
				line++
				continue
			case 2:
				fmt.Fprintf(&b, "P%d,person,Short\r\n", i)
				line++
				continue
			case 3:
				typ = "vehicle"
			}
		}
		alias := fmt.Sprintf("شخص %d", i)
		if i%11 == 5 {
			alias = fmt.Sprintf("\"شخص\n%d\"", i) // a cell over two lines
		}
		fmt.Fprintf(&b, "P%d,%s,Person %d,%s,%d-01-%02d,%s,%s\r\n", i, typ, i, alias, 1950+i%50, 1+i%28, knows, url)
		line += 1 + strings.Count(alias, "\n")
		if i%13 == 0 {
			b.WriteString("\r\n") // a blank line
			line++
		}
	}
	return b.String()
}

// Reading a row at a time reads every text as reading it held whole did:
// the same header, rows, spans, quotes, offsets and bad lines, however the
// reads of it are cut.
func TestCSVRowsReadAsHeld(t *testing.T) {
	texts := map[string]string{
		"plain":          "a,b\n1,2\n3,4\n",
		"bom and crlf":   "\ufeffa;b\r\n\"x;1\";صيدنايا\r\n\"multi\nline\";z\n",
		"stray quotes":   "a,b\n1,2\nbad \"q,3\n4,5\nx,\"unterminated\n6,7\n",
		"quote at end":   "a,b\n1,2\n3,\"open",
		"ragged":         "a,b,c\n1,2\n1,2,3,4\n  \n,,\n5,6,7",
		"blank lines":    "a,b\n\n\n1,2\n\n3,4\n\n",
		"header only":    "a,b\n",
		"empty":          "",
		"twice":          "a,a\n1,2\n",
		"bad header":     "a,\"b\n",
		"large":          bigCSV(3000, 1500),
		"large, no tail": strings.TrimRight(bigCSV(2000, 1990), "\r\n"),
	}
	for name, text := range texts {
		for _, delim := range []string{",", ";"} {
			h, rows, bad, err := readCSVHeld(text, delim)
			for cut, r := range map[string]func(io.Reader) io.Reader{
				"whole":       func(r io.Reader) io.Reader { return r },
				"a byte":      iotest.OneByteReader,
				"half a read": iotest.HalfReader,
			} {
				t.Run(name+delim+" "+cut, func(t *testing.T) {
					var gotRows []Row
					var gotBad []LineError
					c, gotErr := newCSVRows(r(strings.NewReader(strings.TrimPrefix(text, "\ufeff"))), delim)
					if (gotErr == nil) != (err == nil) || gotErr != nil && gotErr.Error() != err.Error() {
						t.Fatalf("error %v, held %v", gotErr, err)
					}
					if gotErr != nil {
						return
					}
					for {
						row, b, err := c.next()
						if err != nil {
							t.Fatal(err)
						}
						if b != nil {
							gotBad = append(gotBad, *b)
						} else if row.Line == 0 {
							break
						} else {
							gotRows = append(gotRows, row)
						}
					}
					if !reflect.DeepEqual(c.header, h) {
						t.Errorf("header %q, held %q", c.header, h)
					}
					if !reflect.DeepEqual(gotRows, rows) {
						t.Errorf("%d rows, held %d", len(gotRows), len(rows))
						for i := range min(len(rows), len(gotRows)) {
							if !reflect.DeepEqual(gotRows[i], rows[i]) {
								t.Fatalf("row %d: %+v, held %+v", i, gotRows[i], rows[i])
							}
						}
					}
					if fmt.Sprint(gotBad) != fmt.Sprint(bad) {
						t.Errorf("bad %v, held %v", gotBad, bad)
					}
				})
			}
		}
	}
}

// A row that runs on past the longest a read holds (a quote not closed
// early in a large file) is an error naming its line, not the memory of
// the process filled.
func TestCSVRowTooLong(t *testing.T) {
	defer func(n int) { maxLine = n }(maxLine)
	maxLine = 4 << 10
	text := "a,b\n1,2\n3,\"open\n" + strings.Repeat("4,5\n", 5000)
	c, err := newCSVRows(strings.NewReader(text), ",")
	if err != nil {
		t.Fatal(err)
	}
	for {
		row, b, err := c.next()
		if err != nil {
			if !strings.Contains(err.Error(), "line 3: a row runs on past") {
				t.Errorf("error %v, want line 3's row too long", err)
			}
			return
		}
		if b == nil && row.Line == 0 {
			t.Fatal("read to the end")
		}
	}
}

// importedFacts is what an import stored, in a form two imports of the
// same rows from different files share: each statement's entity (by its
// name), property, value, and quote, with whether its span is its quote in
// the text of the source it cites, and each source's title and text.
func importedFacts(t *testing.T, st *store.Store) []string {
	t.Helper()
	ctx := context.Background()
	page, err := st.EntityPage(ctx, "", 100000)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string][]rune{}
	var out []string
	for _, e := range page {
		ss, err := st.Statements(ctx, access.Operator(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		name := ""
		for _, s := range ss {
			if s.Property == model.PropName {
				name = s.Value
			}
		}
		for _, s := range ss {
			text, ok := texts[s.SourceID]
			if !ok {
				src, err := st.Source(ctx, access.Operator(), s.SourceID)
				if err != nil {
					t.Fatal(err)
				}
				text = []rune(src.Text)
				texts[s.SourceID] = text
				if src.URL != "" {
					out = append(out, "record "+src.URL+": "+src.Text)
				}
			}
			held := s.Span.End <= len(text) && string(text[s.Span.Start:s.Span.End]) == s.Span.Quote
			value := s.Value
			if s.ValueEntity != "" {
				value = "→" + s.Value
			}
			out = append(out, fmt.Sprintf("%s %s=%s %q %v %s", name, s.Property, value, s.Span.Quote, held, s.Status))
		}
	}
	sort.Strings(out)
	return out
}

// A large generated spreadsheet imported from a file, a row at a time,
// stores what the same rows decoded and held whole store, reports its bad
// rows deep in the file by their lines, and archives the file's text
// whole: the file in UTF-8, and in Windows-1256 (declared in the mapping),
// which is decoded as a stream into a temporary file that is gone when the
// import is done. (TestLegacyCSVStreamedAsHeld has detected encodings.)
func TestCSVFileStreamed(t *testing.T) {
	const rows, bad = 400, 301 // bad rows past six batches of 50
	text := bigCSV(rows, bad)
	m := mustMapping(t, `id_column: ID
type_column: Type
properties:
  name: Name
  alias: Alias
  birthDate: Born
links:
  associates:
    column: Knows
source_url: URL
`)
	// The bad rows' lines, found by reading the text.
	var wantLines []int
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, "Bad \"quote") || strings.Contains(l, "Short") || strings.Contains(l, ",vehicle,") {
			wantLines = append(wantLines, i+1)
		}
	}
	if len(wantLines) != 3 || wantLines[0] < bad {
		t.Fatalf("the generated file's bad lines: %v", wantLines)
	}
	win, err := charmap.Windows1256.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	declared := m
	declared.Encoding = "windows-1256"
	files := []struct {
		name, data, charset string
		m                   Mapping
	}{
		{"utf-8", text, "utf-8", m},
		{"windows-1256", win, "windows-1256", declared},
	}
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		opt := Options{Filename: "people.csv", Sensitivity: model.Internal, BatchSize: 50}

		// Held whole: the file in Windows-1256 decoded whole, as before.
		held := storetest.Another(t, st)
		decodeStreamed = false
		r2, err := CSV(ctx, held, access.Operator(), []byte(win), declared, opt)
		decodeStreamed = true
		if err != nil {
			t.Fatal(err)
		}
		heldFacts := importedFacts(t, held)
		for _, s := range heldFacts {
			if strings.Contains(s, " false ") {
				t.Fatalf("a span that is not its quote: %s", s)
			}
		}

		for i, file := range files {
			t.Run(file.name, func(t *testing.T) {
				into := st
				if i > 0 {
					into = storetest.Another(t, st)
				}
				path := filepath.Join(t.TempDir(), "people.csv")
				if err := os.WriteFile(path, []byte(file.data), 0o600); err != nil {
					t.Fatal(err)
				}
				f, err := os.Open(path)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				var progress []int
				opt := opt
				opt.Progress = func(done, total int) { progress = append(progress, done, total) }
				r, err := CSVFile(ctx, into, access.Operator(), f, file.m, opt)
				if err != nil {
					t.Fatal(err)
				}
				var lines []int
				for _, e := range r.Errors {
					lines = append(lines, e.Line)
				}
				if !reflect.DeepEqual(lines, wantLines) {
					t.Errorf("bad lines %v, want %v (%v)", lines, wantLines, r.Errors)
				}
				if len(progress) == 0 || progress[len(progress)-2] != progress[len(progress)-1] || progress[len(progress)-1] != rows-3 {
					t.Errorf("progress %v, want it to end at %d rows", progress[max(len(progress)-2, 0):], rows-3)
				}
				if r.Entities != rows-3 || r.Sources != 5 {
					t.Errorf("%d entities, %d sources; want %d, 5", r.Entities, r.Sources, rows-3)
				}
				src, err := into.Source(ctx, access.Operator(), r.Source)
				if err != nil {
					t.Fatal(err)
				}
				if src.Text != text || src.Size != int64(len(file.data)) || src.ContentType != "text/csv; charset="+file.charset {
					t.Errorf("archived: %d bytes, text of %d (want %d), %s", src.Size, len(src.Text), len(text), src.ContentType)
				}
				if fmt.Sprint(r2.Errors) != fmt.Sprint(r.Errors) || r2.Statements != r.Statements || r2.Entities != r.Entities {
					t.Errorf("held whole: %d statements, %d entities, errors %v; streamed %d, %d, %v",
						r2.Statements, r2.Entities, r2.Errors, r.Statements, r.Entities, r.Errors)
				}
				if got := importedFacts(t, into); !reflect.DeepEqual(got, heldFacts) {
					t.Errorf("streamed: %d facts, held whole %d", len(got), len(heldFacts))
					for i := range min(len(got), len(heldFacts)) {
						if got[i] != heldFacts[i] {
							t.Fatalf("first difference: streamed %s, held %s", got[i], heldFacts[i])
						}
					}
				}
				// Imported again, from the file: nothing stored twice.
				again, err := CSVFile(ctx, into, access.Operator(), f, file.m, Options{Filename: "people.csv", Sensitivity: model.Internal})
				if err != nil || again.Statements != 0 || again.Entities != 0 || again.Existing != r.Statements || again.Source != r.Source {
					t.Errorf("again: %+v %v", again, err)
				}
				if rep, err := into.Verify(ctx); err != nil || !rep.OK {
					t.Errorf("verify: %v %+v", err, rep)
				}
				if left, _ := filepath.Glob(filepath.Join(tmp, "athar-import-*")); len(left) > 0 {
					t.Errorf("temporary files left: %v", left)
				}
			})
		}
	})
}

// A CSV file in a legacy encoding, declared or detected, decoded as a
// stream stores what it stored decoded whole, or is refused with the same
// error: its text, content type, statements, spans and bad lines.
func TestLegacyCSVStreamedAsHeld(t *testing.T) {
	m := mustMapping(t, `id_column: ID
type_column: Type
properties:
  name: Name
  alias: Alias
`)
	words := []string{"محمد", "علي", "حسن", "سجن", "صيدنايا", "العسكري", "المعتقل", "ضابط", "قاعة", "دمشق", "ريف", "الفرقة"}
	arabic := func(n int) string {
		var b strings.Builder
		b.WriteString("ID,Type,Name,Alias\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "P%d,person,%s %s,\"%s\n%s\"\n", i, words[i%len(words)], words[(i*5+3)%len(words)], words[(i*7+1)%len(words)], words[(i+4)%len(words)])
			if i%9 == 4 {
				fmt.Fprintf(&b, "P%d,person,short\n", i) // a bad row
			}
		}
		return b.String()
	}
	enc := func(e *charmap.Charmap, s string) string {
		out, err := e.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	defer func(n int64) { detectPrefix = n }(detectPrefix)
	detectPrefix = 2 << 10
	small, large := arabic(40), enc(charmap.Windows1256, arabic(200))
	if int64(len(large)) < 2*detectPrefix {
		t.Fatalf("the large file is %d bytes, not past the detected prefix", len(large))
	}
	withEnc := func(name string) Mapping { m := m; m.Encoding = name; return m }
	cases := []struct {
		name, data string
		m          Mapping
	}{
		{"windows-1256 declared", enc(charmap.Windows1256, small), withEnc("windows-1256")},
		{"cp1256 declared", enc(charmap.Windows1256, small), withEnc("cp1256")},
		{"windows-1256 detected", enc(charmap.Windows1256, small), m},
		{"iso-8859-6 detected", enc(charmap.ISO8859_6, small), m},
		{"iso-8859-6, bytes it does not define", enc(charmap.ISO8859_6, small)[:200] + "\xa5\xff" + enc(charmap.ISO8859_6, small)[200:], withEnc("iso-8859-6")},
		{"windows-1256 detected, past the prefix", large, m},
		{"ascii head, arabic after", "ID,Type,Name,Alias\n" + strings.Repeat("P0,person,x,y\n", 10) + enc(charmap.Windows1256, small)[len("ID,Type,Name,Alias\n"):], m},
		{"control characters", enc(charmap.Windows1256, "ID,Type,Name,Alias\n"+strings.Repeat("P1,person,\x01\x02,\x03\n", 20)), withEnc("windows-1256")},
		{"koi8-r declared", enc(charmap.KOI8R, "ID,Type,Name,Alias\nP1,person,Иван,Ваня\n"), withEnc("koi8-r")},
		{"header only", enc(charmap.Windows1256, "ID,Type,Name,Alias\n"), withEnc("windows-1256")},
		{"empty", "", withEnc("windows-1256")},
	}
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		// The decoding does not depend on the engine: PostgreSQL, where each
		// run's store is a new database, takes two of the cases (CI time).
		onPG := strings.HasSuffix(t.Name(), "/postgres")
		for _, c := range cases {
			if onPG && c.name != "windows-1256 declared" && c.name != "windows-1256 detected, past the prefix" {
				continue
			}
			t.Run(c.name, func(t *testing.T) {
				type outcome struct {
					err, text, contentType, errors string
					statements                     int
					facts                          []string
				}
				run := func(streamed bool) outcome {
					defer func() { decodeStreamed = true }()
					decodeStreamed = streamed
					into := storetest.Another(t, st)
					r, err := CSV(ctx, into, access.Operator(), []byte(c.data), c.m, Options{Filename: "people.csv", Sensitivity: model.Internal, BatchSize: 7})
					if err != nil {
						return outcome{err: err.Error()}
					}
					src, err := into.Source(ctx, access.Operator(), r.Source)
					if err != nil {
						t.Fatal(err)
					}
					return outcome{text: src.Text, contentType: src.ContentType, errors: fmt.Sprint(r.Errors), statements: r.Statements, facts: importedFacts(t, into)}
				}
				// Every one is decoded as a stream (the control characters'
				// then refused as decoding it whole refuses it).
				_, _, ok, err := streamEncoding(strings.NewReader(c.data), int64(len(c.data)), []byte(c.data[:min(len(c.data), 4096)]), c.m.Encoding, strings.Count(c.data, "\x00"))
				if err != nil || !ok {
					t.Errorf("streamEncoding: %v %v", ok, err)
				}
				held, streamed := run(false), run(true)
				if !reflect.DeepEqual(streamed, held) {
					t.Errorf("streamed %+v\nheld whole %+v", streamed, held)
				}
				for _, s := range streamed.facts {
					if strings.Contains(s, " false ") {
						t.Fatalf("a span that is not its quote: %s", s)
					}
				}
				if left, _ := filepath.Glob(filepath.Join(tmp, "athar-import-*")); len(left) > 0 {
					t.Errorf("temporary files left: %v", left)
				}
			})
		}
	})
}
