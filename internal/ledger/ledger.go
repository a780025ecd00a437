// Package ledger owns the format of Athar's append-only, hash-chained log:
// how a row is hashed (canonical JSON), how an entry is hashed and chained to
// the one before, and the signed checkpoints of the chain's head that are kept
// outside the database. It does no I/O of its own beyond reading and writing
// checkpoint files; the store writes entries in the same transaction as the
// change they record.
package ledger

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"
)

// Genesis is the previous hash of the first entry.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// Actions an entry records.
const (
	ActionInsert = "insert"
	ActionUpdate = "update"
	ActionDelete = "delete"
	// ActionNames records that the names an entity carries changed while
	// its row did not: a statement naming it was removed (re-extraction).
	// RowHash is the row's hash as it stands. A names index in another
	// process, which the removed statement's own entry cannot point to its
	// entity, reads the entity's names again from it.
	ActionNames = "names"
)

// Entry is one link of the chain.
type Entry struct {
	Seq      int64  `json:"seq"`
	At       string `json:"at"` // RFC 3339, UTC
	Actor    string `json:"actor"`
	Action   string `json:"action"`
	Table    string `json:"table"`
	RowID    string `json:"row_id"`
	RowHash  string `json:"row_hash"` // sha256 of the row's canonical JSON after the change; "" on delete
	PrevHash string `json:"prev_hash"`
	Hash     string `json:"hash"`
}

// ComputeHash returns the entry's hash: sha256 over its fields (all but Hash)
// in canonical JSON.
func (e Entry) ComputeHash() string {
	fields := map[string]any{
		"seq": e.Seq, "at": e.At, "actor": e.Actor, "action": e.Action,
		"table": e.Table, "row_id": e.RowID, "row_hash": e.RowHash, "prev_hash": e.PrevHash,
	}
	return hashBytes(Canonical(fields))
}

// Seal sets the entry's hash.
func (e *Entry) Seal() { e.Hash = e.ComputeHash() }

// RowHash returns the sha256 of a row's canonical JSON. Values must be nil,
// string, int64, float64 or bool; the store normalizes what drivers return.
// The JSON is written into the hash as it is made, never held whole: a
// source's row holds its whole text.
func RowHash(row map[string]any) string {
	rh := rowHashers.Get().(*rowHasher)
	defer rowHashers.Put(rh)
	rh.h.Reset()
	rh.w.Reset(rh.h)
	writeCanonical(rh.w, row)
	rh.w.Flush() // a hash's Write does not fail
	var sum [sha256.Size]byte
	return hex.EncodeToString(rh.h.Sum(sum[:0]))
}

// rowHasher is a hash and its buffer, reused: a large source's recording
// hashes hundreds of thousands of rows.
type rowHasher struct {
	h hash.Hash
	w *bufio.Writer
}

var rowHashers = sync.Pool{New: func() any {
	h := sha256.New()
	return &rowHasher{h: h, w: bufio.NewWriterSize(h, 4096)}
}}

// canonicalWriter is what canonical JSON is written to: a buffer, or a
// buffered hash.
type canonicalWriter interface {
	io.Writer
	io.ByteWriter
	io.StringWriter
}

// Canonical encodes v as JSON with object keys sorted, no insignificant
// white space and no HTML escaping, so that the same value always gives the
// same bytes.
func Canonical(v any) []byte {
	var buf bytes.Buffer
	writeCanonical(&buf, v)
	return buf.Bytes()
}

func writeCanonical(buf canonicalWriter, v any) {
	switch x := v.(type) {
	case map[string]any:
		// encoding/json sorts map keys; encode values ourselves so floats and
		// strings follow one rule everywhere.
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		buf.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeString(buf, k)
			buf.WriteByte(':')
			writeCanonical(buf, x[k])
		}
		buf.WriteByte('}')
	case nil:
		buf.WriteString("null")
	case string:
		writeString(buf, x)
	case int64:
		buf.WriteString(strconv.FormatInt(x, 10))
	case int:
		buf.WriteString(strconv.Itoa(x))
	case float64:
		if x == float64(int64(x)) && x < 1e15 && x > -1e15 {
			buf.WriteString(strconv.FormatInt(int64(x), 10))
		} else {
			buf.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
		}
	case bool:
		buf.WriteString(strconv.FormatBool(x))
	default:
		panic(fmt.Sprintf("ledger: cannot hash value of type %T", v))
	}
}

func writeString(buf canonicalWriter, s string) {
	// Most strings (ids, times, hashes, names of tables) are printable ASCII
	// that JSON writes as is: skip the encoder, which costs an allocation a
	// string — a quarter of the time of storing a long source's mentions.
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			plain = false
			break
		}
	}
	if plain {
		buf.WriteByte('"')
		buf.WriteString(s)
		buf.WriteByte('"')
		return
	}
	// encoding/json escapes a string a code point (or an invalid byte) at
	// a time, so a long one is encoded in pieces cut before a byte that
	// starts a code point, each piece without its quotes: the same bytes as
	// encoding it whole, without holding copies of it whole.
	buf.WriteByte('"')
	var piece bytes.Buffer
	enc := json.NewEncoder(&piece)
	enc.SetEscapeHTML(false)
	for len(s) > 0 {
		cut := min(len(s), stringPiece)
		for cut < len(s) && !utf8.RuneStart(s[cut]) {
			cut++
		}
		piece.Reset()
		_ = enc.Encode(s[:cut]) // cannot fail for a string
		b := piece.Bytes()
		buf.Write(b[1 : len(b)-2]) // the quotes and the newline Encode appends
		s = s[cut:]
	}
	buf.WriteByte('"')
}

// stringPiece is how many bytes of a long string writeString encodes at a
// time.
const stringPiece = 32 << 10

func hashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
