package dataimport

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"

	"github.com/athar-project/athar/internal/ingest"
)

// A CSV file in a legacy encoding (Windows-1256, ISO-8859-6, …) is decoded
// as a stream (issue 23): the file read through the encoding's decoder
// into a temporary file of its text in UTF-8, which the import then reads
// as it reads a file in UTF-8, a row at a time, and reads a row's quote
// back from. What is held is the decoder's buffer and the copy's; the
// decoded text is on disk, not in memory.

// decodeStreamed is false only in tests that compare the streamed decoding
// with the text decoded whole.
var decodeStreamed = true

// detectPrefix is how much of a file whose encoding is not declared is
// read to detect it: a file no longer is detected whole, as ingest does.
var detectPrefix int64 = 1 << 20 // a variable for tests

// streamEncoding is the encoding a CSV file's text is decoded from as
// ingest.DecodeText would decode it, when that can be streamed: an
// encoding the mapping declares (but UTF-8 and Windows-1252, which ingest
// checks against the whole file), or, undeclared, Windows-1256 or
// ISO-8859-6 as ingest detects them on the file's first detectPrefix bytes.
// ok is false for a file to be decoded whole: one with a byte-order mark,
// one with NUL bytes and no declared encoding, or one whose encoding
// cannot be told so.
func streamEncoding(f io.ReaderAt, size int64, head []byte, declared string, nul int) (encoding.Encoding, string, bool, error) {
	for _, bom := range [][]byte{{0xef, 0xbb, 0xbf}, {0xff, 0xfe}, {0xfe, 0xff}} {
		if bytes.HasPrefix(head, bom) {
			return nil, "", false, nil
		}
	}
	if declared != "" {
		e, name := charset.Lookup(declared)
		if e == nil || name == "utf-8" || name == "windows-1252" {
			return nil, "", false, nil
		}
		return e, name, true, nil
	}
	if nul > 0 {
		return nil, "", false, nil
	}
	prefix := make([]byte, min(size, detectPrefix))
	if _, err := f.ReadAt(prefix, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, "", false, fmt.Errorf("read the file: %w", err)
	}
	if int64(len(prefix)) < size {
		// Whole lines: a cut line's bytes would count against the text.
		if i := bytes.LastIndexByte(prefix, '\n'); i > 0 {
			prefix = prefix[:i+1]
		}
	}
	_, name, err := ingest.DecodeText(prefix, "")
	if err != nil || (name != "windows-1256" && name != "iso-8859-6") {
		return nil, "", false, nil
	}
	e, name := charset.Lookup(name)
	return e, name, e != nil, nil
}

// decodedText is a CSV file's text decoded into a temporary file: its
// text in UTF-8, a byte-order mark left out, and the file to remove.
type decodedText struct {
	tmp  *os.File
	text *io.SectionReader
}

func (d *decodedText) Close() error {
	if d == nil || d.tmp == nil {
		return nil
	}
	err := d.tmp.Close()
	if rmErr := os.Remove(d.tmp.Name()); err == nil {
		err = rmErr
	}
	return err
}

// decodeToTemp decodes f by e into a temporary file. ok is false when the
// decoded text is not text by ingest's rules (NUL characters, too many
// control characters): the file is then read whole, which refuses it
// with ingest's error.
func decodeToTemp(f io.ReaderAt, size int64, e encoding.Encoding) (*decodedText, bool, error) {
	tmp, err := os.CreateTemp("", "athar-import-*.txt")
	if err != nil {
		return nil, false, fmt.Errorf("decode the file: %w", err)
	}
	d := &decodedText{tmp: tmp}
	check := utf8Check{count: true}
	n, err := io.Copy(io.MultiWriter(tmp, &check), transform.NewReader(io.NewSectionReader(f, 0, size), e.NewDecoder()))
	if err != nil {
		d.Close()
		return nil, false, fmt.Errorf("decode the file: %w", err)
	}
	if !check.valid() || check.nul > 0 || (check.ctl > 0 && check.ctl*50 > check.runes) {
		d.Close()
		return nil, false, nil
	}
	bom := int64(0)
	head := make([]byte, min(n, 3))
	if _, err := tmp.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		d.Close()
		return nil, false, fmt.Errorf("decode the file: %w", err)
	}
	if bytes.Equal(head, []byte("\ufeff")) {
		bom = 3
	}
	d.text = io.NewSectionReader(tmp, bom, n-bom)
	return d, true, nil
}
