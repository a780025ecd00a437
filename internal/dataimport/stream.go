package dataimport

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Imports hold a bounded part of the file at a time (issue 23): the file
// is read line by line, more than once — to archive it and learn what it
// holds, to store its text, to write — and what is kept between the reads
// is a compact map of the entity ids it holds (entities), not the entities.

// lines reads a file a line at a time (without its "\n"), counting lines
// from 1. A line is held whole up to maxLine bytes; a longer one is read
// past, and marked (long), its first maxLine bytes held.
type lines struct {
	r    *bufio.Reader
	n    int
	line []byte
	long bool
	pos  int64 // the bytes read: the offset of the next line
}

// maxLine is the longest line an import reads: an FtM entity of 64 MiB is
// far beyond any real one, and a file of one endless line must not fill
// the memory.
var maxLine = 64 << 20

func newLines(r io.Reader) *lines { return &lines{r: bufioReader(r)} }

func bufioReader(r io.Reader) *bufio.Reader { return bufio.NewReaderSize(r, 64<<10) }

// errLong is the error of a line longer than maxLine.
func errLong() error { return fmt.Errorf("the line is longer than %d MiB: not read", maxLine>>20) }

// next reads the next line; false at the end of the file.
func (l *lines) next() (bool, error) {
	l.line, l.long = l.line[:0], false
	for {
		part, err := l.r.ReadSlice('\n')
		l.pos += int64(len(part))
		if room := maxLine - len(l.line); len(part) > room {
			part, l.long = part[:max(room, 0)], true
		}
		l.line = append(l.line, part...)
		switch {
		case err == nil:
			l.n++
			if !l.long {
				l.line = l.line[:len(l.line)-1]
			}
			return true, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if len(l.line) == 0 {
				return false, nil
			}
			l.n++
			return true, nil
		default:
			return false, err
		}
	}
}

// rewind puts f back at its start, for another read.
func rewind(f io.Seeker) error {
	_, err := f.Seek(0, io.SeekStart)
	return err
}

// readAll reads f whole, from its start.
func readAll(f io.ReadSeeker) ([]byte, error) {
	if err := rewind(f); err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

// firstLine is the file's first line that is not blank (nil for none).
func firstLine(f io.ReadSeeker) ([]byte, error) {
	if err := rewind(f); err != nil {
		return nil, err
	}
	l := newLines(f)
	for {
		ok, err := l.next()
		if err != nil || !ok {
			return nil, err
		}
		if len(bytes.TrimSpace(l.line)) > 0 {
			return l.line, nil
		}
	}
}

// textPieces calls fn with the file's text cut in pieces as
// store.SplitText cuts it (at most store.TextPiece bytes, at code point
// boundaries), numbered from 0: what the archived file's source holds, a
// row each (store.AddStagedSource, AddSourceInPieces). The text is the
// file's bytes, checked to be UTF-8 before.
func textPieces(f io.ReadSeeker, fn func(n int, piece string) error) error {
	if err := rewind(f); err != nil {
		return err
	}
	// One byte past a piece tells whether the piece ends at a code point.
	buf := make([]byte, store.TextPiece+1)
	have := 0
	for n := 0; ; n++ {
		k, err := io.ReadFull(f, buf[have:])
		have += k
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
			return err
		}
		if have <= store.TextPiece { // the end of the file
			if have == 0 && n > 0 {
				return nil
			}
			return fn(n, string(buf[:have]))
		}
		cut := store.TextPiece
		for cut > 0 && !utf8.RuneStart(buf[cut]) {
			cut--
		}
		if err := fn(n, string(buf[:cut])); err != nil {
			return err
		}
		have = copy(buf, buf[cut:have])
	}
}

// archived is the imported file in the archive: its source id, whether
// that source was stored before (the file imported again), and the staged
// original for a new one.
type archived struct {
	id     string
	stored bool
	blob   store.StagedBlob
	staged bool
}

// archiveFile stores the source an imported file is archived as, whose
// original (orig) the first read staged (blob; none for a sealed level,
// whose original is sealed whole: then it is read whole here), and its
// text (the file's bytes for FtM, a spreadsheet's text decoded), a piece a
// transaction. A source stored before whose text is not complete (an
// import that stopped) gets the pieces it misses.
func archiveFile(ctx context.Context, st *store.Store, v access.Viewer, orig, f io.ReadSeeker, file model.Source, a archived) error {
	var pieces int
	var first string
	err := textPieces(f, func(n int, piece string) error {
		if n == 0 {
			first = piece
		}
		pieces++
		return nil
	})
	if err != nil {
		return fmt.Errorf("read the file: %w", err)
	}
	if !a.stored {
		file.ID = a.id
		err := st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
			if a.staged {
				return tx.AddStagedSource(ctx, &file, a.blob, first, pieces)
			}
			data, err := readAll(orig)
			if err != nil {
				return err
			}
			text := data
			if f != orig {
				if text, err = readAll(f); err != nil {
					return err
				}
			}
			file.Text = string(text)
			rest, err := tx.AddSourceInPieces(ctx, &file, data)
			if err == nil && len(rest)+1 != pieces {
				err = fmt.Errorf("the file's text cut in %d pieces, not %d", len(rest)+1, pieces)
			}
			return err
		})
		if err != nil {
			return fmt.Errorf("archive the file: %w", err)
		}
	}
	if pending, _, err := st.TextPending(ctx, a.id); err != nil || pending == 0 {
		return err
	}
	err = textPieces(f, func(n int, piece string) error {
		if n == 0 {
			return nil
		}
		st.Yield(ctx)
		return st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return tx.AddTextPiece(ctx, a.id, n, piece) })
	})
	if err != nil {
		return fmt.Errorf("archive the file's text: %w", err)
	}
	return nil
}

// entities is what the first read learns of the entities a file holds, in
// little memory: by a 128-bit hash of each FtM id, the entity's type and
// whether this import has made sure of it, plus the types of stored
// entities the file links to. Some 30 bytes an entity, where keeping the
// parsed entities took kilobytes.
type entities struct {
	m     map[[16]byte]uint8
	codes []model.EntityType // type code - 1 → type
}

const (
	typeBits = 0x3f
	inFile   = 0x80 // the file holds the entity
	madeSure = 0x40 // the store holds it, checked or created by this import
)

func newEntities() *entities { return &entities{m: map[[16]byte]uint8{}} }

func key(id string) [16]byte {
	h := sha256.Sum256([]byte(id))
	var k [16]byte
	copy(k[:], h[:])
	return k
}

func (e *entities) code(t model.EntityType) uint8 {
	if t == "" {
		return 0
	}
	for i, c := range e.codes {
		if c == t {
			return uint8(i + 1)
		}
	}
	e.codes = append(e.codes, t)
	return uint8(len(e.codes))
}

func (e *entities) typeOf(v uint8) model.EntityType {
	if c := v & typeBits; c > 0 {
		return e.codes[c-1]
	}
	return ""
}

// inFile gives the type of an entity the file holds.
func (e *entities) held(id string) (model.EntityType, bool) {
	v, ok := e.m[key(id)]
	if !ok || v&inFile == 0 {
		return "", false
	}
	return e.typeOf(v), true
}

// hold records an entity the file holds.
func (e *entities) hold(id string, t model.EntityType) {
	k := key(id)
	e.m[k] = e.m[k]&madeSure | inFile | e.code(t)
}

// typ is the type of an entity the file holds or links to in the store.
func (e *entities) typ(id string) model.EntityType { return e.typeOf(e.m[key(id)]) }

// setType records the type of a stored entity the file links to.
func (e *entities) setType(id string, t model.EntityType) {
	k := key(id)
	v := e.m[k]
	if v&inFile != 0 {
		return
	}
	e.m[k] = v&^typeBits | e.code(t)
}

func (e *entities) made(id string) bool { return e.m[key(id)]&madeSure != 0 }

func (e *entities) setMade(id string) {
	k := key(id)
	e.m[k] |= madeSure
}

// utf8Check is told a file's bytes in order and says whether they are
// UTF-8 text, however they are cut: what the line-by-line check of a line
// too long to hold (lines.long) cannot see.
type utf8Check struct {
	carry []byte // the start of a code point the last write cut
	bad   bool
	// counted, when count is set: code points, control characters (those
	// ingest counts against text) and NUL bytes.
	count           bool
	runes, ctl, nul int
}

func (c *utf8Check) Write(p []byte) (int, error) {
	if c.bad {
		return len(p), nil
	}
	b := p
	if len(c.carry) > 0 {
		b = append(c.carry, p...)
	}
	// Hold back a code point cut at the end, to be completed by the next.
	cut := len(b)
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				cut = i
			}
			break
		}
	}
	c.bad = !utf8.Valid(b[:cut])
	if c.count && !c.bad {
		for _, r := range string(b[:cut]) {
			c.runes++
			switch {
			case r == 0:
				c.nul++
				c.ctl++
			case r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != '\v', r == 0x7f, r >= 0x80 && r < 0xa0:
				c.ctl++
			}
		}
	}
	c.carry = append(c.carry[:0:0], b[cut:]...)
	return len(p), nil
}

// valid reports whether everything told was UTF-8 text.
func (c *utf8Check) valid() bool { return !c.bad && len(c.carry) == 0 }
