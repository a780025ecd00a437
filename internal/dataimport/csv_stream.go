package dataimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/model"
)

// A CSV file is read a row at a time (issue 23): encoding/csv's Reader
// reads from a tape that keeps the bytes it has handed out since the start
// of the row being read, so that the row's text (its span's quote) can be
// taken back and, after a row CSV cannot parse, reading can start again at
// the next line. What is held is one row and the reader's read-ahead.

// tape reads r and keeps what it has read from the offset start+from on.
type tape struct {
	r     io.Reader
	buf   []byte // the bytes from offset start on
	from  int    // buf[from:] is kept; what is before it may go
	start int64  // the offset of buf[0]
	pos   int64  // the offset the next Read reads from
	err   error  // what r returned at its end
}

// errRowLong is the error of a row longer than maxLine.
var errRowLong = errors.New("row too long")

func (t *tape) end() int64 { return t.start + int64(len(t.buf)) }

// fill reads more of r into buf; false at its end.
func (t *tape) fill() bool {
	if t.err != nil {
		return false
	}
	if len(t.buf)-t.from > maxLine {
		t.err = errRowLong
		return false
	}
	if t.from > 0 && t.from >= len(t.buf)/2 {
		n := copy(t.buf, t.buf[t.from:])
		t.start += int64(t.from)
		t.buf, t.from = t.buf[:n], 0
	}
	if cap(t.buf)-len(t.buf) < 32<<10 {
		t.buf = append(t.buf, make([]byte, 64<<10)...)[:len(t.buf)]
	}
	n, err := t.r.Read(t.buf[len(t.buf):cap(t.buf)])
	t.buf = t.buf[:len(t.buf)+n]
	if err != nil {
		t.err = err
	}
	return n > 0 || err == nil
}

func (t *tape) Read(p []byte) (int, error) {
	for t.pos >= t.end() {
		if !t.fill() {
			if errors.Is(t.err, io.EOF) {
				return 0, io.EOF
			}
			return 0, t.err
		}
	}
	n := copy(p, t.buf[t.pos-t.start:])
	t.pos += int64(n)
	return n, nil
}

// byteAt is the byte at offset at (at least the kept offset), reading on
// when it is not read yet; false past the end.
func (t *tape) byteAt(at int64) (byte, bool) {
	for at >= t.end() {
		if !t.fill() {
			return 0, false
		}
	}
	return t.buf[at-t.start], true
}

// slice is the text from a to b, both read and kept.
func (t *tape) slice(a, b int64) []byte { return t.buf[a-t.start : b-t.start] }

// keep drops what is before offset at.
func (t *tape) keep(at int64) { t.from = int(at - t.start) }

// csvRows reads a CSV text row by row by ReadCSV's rules.
type csvRows struct {
	t      *tape
	comma  rune
	r      *csv.Reader
	header []string
	base   int64 // where r starts
	lines  int   // the lines before base
	prev   int64 // where the next row starts
	nl     int   // line breaks from base to prev
	cp     int   // code points before prev
	done   bool
}

// newCSVRows starts reading a CSV text (its byte-order mark taken off
// before) and reads its header: a file with no header, or one naming a
// column twice, is an error.
func newCSVRows(text io.Reader, delimiter string) (*csvRows, error) {
	c := &csvRows{t: &tape{r: text}, comma: ','}
	if delimiter != "" {
		c.comma, _ = utf8.DecodeRuneInString(delimiter)
	}
	c.reader(0)
	header, err := c.r.Read()
	if err == io.EOF {
		return nil, errors.New("the file is empty")
	}
	if errors.Is(err, errRowLong) {
		return nil, fmt.Errorf("line 1, the header: longer than %d MiB: not read", maxLine>>20)
	}
	if err != nil {
		return nil, fmt.Errorf("line 1, the header: %w", err)
	}
	seen := map[string]bool{}
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
		if seen[header[i]] {
			return nil, fmt.Errorf("line 1: column %q twice", header[i])
		}
		seen[header[i]] = true
	}
	c.header = header
	c.past(c.r.InputOffset())
	return c, nil
}

// reader starts a csv.Reader at offset at.
func (c *csvRows) reader(at int64) {
	c.t.pos, c.base = at, at
	c.r = csv.NewReader(c.t)
	c.r.Comma, c.r.FieldsPerRecord = c.comma, -1
}

// past moves prev on to offset end (from base), counting what it passes.
func (c *csvRows) past(end int64) []byte {
	raw := c.t.slice(c.prev, c.base+end)
	c.cp += utf8.RuneCount(raw)
	c.nl += bytes.Count(raw, []byte{'\n'})
	c.prev = c.base + end
	return raw
}

// next reads the next row: a row (ok), a row that could not be read (bad,
// with its line), or the end (neither). A row of the header's width comes
// with its span; a line of spaces is passed over.
func (c *csvRows) next() (row Row, bad *LineError, err error) {
	for !c.done {
		c.t.keep(c.prev)
		fields, err := c.r.Read()
		if err == io.EOF {
			return Row{}, nil, nil
		}
		if errors.Is(err, errRowLong) {
			return Row{}, nil, fmt.Errorf("line %d: a row runs on past %d MiB (a quote not closed?): not read", c.lines+c.nl+1, maxLine>>20)
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			bad := &LineError{c.lines + pe.StartLine, fmt.Errorf("the row cannot be read as CSV: %v", pe.Err)}
			// Go on at the line after the one CSV stopped at.
			at, n := c.prev, max(pe.Line-c.nl, 0)
			for n > 0 {
				b, ok := c.t.byteAt(at)
				if !ok {
					break
				}
				if at++; b == '\n' {
					n--
				}
			}
			if _, ok := c.t.byteAt(at); n > 0 || !ok {
				if c.t.err != nil && !errors.Is(c.t.err, io.EOF) {
					return Row{}, nil, c.t.err
				}
				c.done = true
				return Row{}, bad, nil
			}
			lines := c.lines + pe.Line
			c.past(at - c.base)
			c.reader(at)
			c.lines, c.nl = lines, 0
			return Row{}, bad, nil
		}
		if err != nil {
			return Row{}, nil, err
		}
		line, _ := c.r.FieldPos(0)
		line += c.lines
		start, at := c.cp, c.prev
		raw := c.past(c.r.InputOffset())
		switch {
		case len(fields) == len(c.header):
			quote := strings.TrimRight(string(raw), "\r\n")
			n := utf8.RuneCountInString(quote)
			return Row{Line: line, Fields: fields, Span: model.Span{Start: start, End: start + n, Quote: quote}, at: at}, nil, nil
		case len(fields) == 1 && strings.TrimSpace(fields[0]) == "":
			// a line of spaces: nothing to read
		default:
			return Row{}, &LineError{line, fmt.Errorf("%d cells, the header has %d: a missing or extra %q shifts the cells after it, so the row is not read",
				len(fields), len(c.header), string(c.comma))}, nil
		}
	}
	return Row{}, nil, nil
}
