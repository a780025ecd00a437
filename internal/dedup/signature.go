package dedup

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Version is the signature format and algorithm version: the first byte of a
// marshaled Signature, mixed into every band and anchor key. Signatures and
// keys of different versions never compare equal; a store that sees a new
// version re-signs its sources.
const Version = 1

// Signature is the MinHash summary of a text's shingle set: for each of
// NumHashes fixed hash functions, the top 32 bits of the least hash over the
// set, and the set's size. It is a comparable value; the zero Signature is
// that of an empty text.
type Signature struct {
	width uint8  // words per shingle; 0 for an empty text
	n     uint32 // distinct shingles
	mins  [NumHashes]uint32
}

// Sign returns the signature of text. It is a pure function of the text:
// identical across runs and machines.
func Sign(text string) Signature { return Shingle(text).Sign() }

// Sign returns the MinHash signature of the set.
func (s Shingles) Sign() Signature {
	if len(s.hashes) == 0 {
		return Signature{}
	}
	sig := Signature{width: uint8(s.width), n: uint32(min(len(s.hashes), math.MaxUint32))}
	// h_i(x) = a_i*x + b_i mod 2^64 with a_i odd: a bijection of the
	// already well-mixed x whose high bits (which decide the minimum) form a
	// 2-universal family. Four functions per pass keep four independent
	// minima in flight.
	for i := 0; i < NumHashes; i += 4 {
		p0, p1, p2, p3 := perm[i], perm[i+1], perm[i+2], perm[i+3]
		m0, m1, m2, m3 := uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64)
		for _, x := range s.hashes {
			m0 = min(m0, p0.a*x+p0.b)
			m1 = min(m1, p1.a*x+p1.b)
			m2 = min(m2, p2.a*x+p2.b)
			m3 = min(m3, p3.a*x+p3.b)
		}
		sig.mins[i], sig.mins[i+1], sig.mins[i+2], sig.mins[i+3] = uint32(m0>>32), uint32(m1>>32), uint32(m2>>32), uint32(m3>>32)
	}
	return sig
}

// Len is the number of distinct shingles of the signed text.
func (s Signature) Len() int { return int(s.n) }

// Empty reports the signature of a text with no words.
func (s Signature) Empty() bool { return s.n == 0 }

// Key is an index key of a text: a band key (Bands) or an anchor key
// (Anchors). Texts that share keys are candidate duplicates. The band number
// is mixed into band keys and a tag into anchor keys, so all keys can share
// one indexed column. It is an int64 so it fits an SQLite INTEGER or a
// PostgreSQL BIGINT as is.
type Key int64

// Bands returns the signature's NumBands band keys, in band order. A text too
// short to be a duplicate (fewer than MinShingles shingles) has none, so that
// short texts do not crowd the index with keys that can never lead to a link.
func (s Signature) Bands() []Key {
	if s.n < MinShingles {
		return nil
	}
	keys := make([]Key, NumBands)
	for b := range keys {
		h := mix64(uint64(Version)<<56 | uint64(b))
		for _, v := range s.mins[b*BandRows : (b+1)*BandRows] {
			h = mix64(h ^ uint64(v))
		}
		keys[b] = Key(h)
	}
	return keys
}

// Marshaled layout, version 1:
//
//	byte 0       Version
//	byte 1       shingle width (0 for an empty text, else 1..ShingleWidth)
//	uvarint      distinct shingles n (0 for an empty text; 1 when width < ShingleWidth)
//	NumHashes × 4 bytes, little-endian uint32 minima (absent when n is 0)
//
// The encoding is canonical: one signature has exactly one encoding, and
// UnmarshalBinary rejects any other.
const marshaledMax = 2 + binary.MaxVarintLen32 + 4*NumHashes

// MarshalBinary encodes the signature compactly (at most 519 bytes; 3 for an
// empty text). It never fails.
func (s Signature) MarshalBinary() ([]byte, error) {
	return s.appendBinary(make([]byte, 0, marshaledMax)), nil
}

// AppendBinary appends the encoding of MarshalBinary to b.
func (s Signature) AppendBinary(b []byte) ([]byte, error) { return s.appendBinary(b), nil }

func (s Signature) appendBinary(b []byte) []byte {
	b = append(b, Version, s.width)
	b = binary.AppendUvarint(b, uint64(s.n))
	if s.n == 0 {
		return b
	}
	for _, v := range s.mins {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

// Errors of UnmarshalBinary, wrapped with detail.
var (
	ErrVersion = errors.New("dedup: unknown signature version")
	ErrFormat  = errors.New("dedup: malformed signature")
)

// UnmarshalBinary decodes a signature written by MarshalBinary. Anything else
// — truncated, padded, of another version or inconsistent — is an error, and
// s is left unchanged.
func (s *Signature) UnmarshalBinary(data []byte) error {
	if len(data) == 0 {
		return fmt.Errorf("%w: empty", ErrFormat)
	}
	if data[0] != Version {
		return fmt.Errorf("%w %d", ErrVersion, data[0])
	}
	if len(data) < 3 {
		return fmt.Errorf("%w: %d bytes", ErrFormat, len(data))
	}
	var sig Signature
	sig.width = data[1]
	n, k := binary.Uvarint(data[2:])
	if k <= 0 || n > math.MaxUint32 {
		return fmt.Errorf("%w: bad shingle count", ErrFormat)
	}
	sig.n = uint32(n)
	switch {
	case sig.width > ShingleWidth:
		return fmt.Errorf("%w: shingle width %d", ErrFormat, sig.width)
	case (sig.width == 0) != (sig.n == 0):
		return fmt.Errorf("%w: width %d with %d shingles", ErrFormat, sig.width, sig.n)
	case sig.width < ShingleWidth && sig.n > 1:
		return fmt.Errorf("%w: short text with %d shingles", ErrFormat, sig.n)
	}
	rest := data[2+k:]
	want := 0
	if sig.n > 0 {
		want = 4 * NumHashes
	}
	if len(rest) != want {
		return fmt.Errorf("%w: %d bytes of minima, want %d", ErrFormat, len(rest), want)
	}
	for i := range sig.mins[:want/4] {
		sig.mins[i] = binary.LittleEndian.Uint32(rest[4*i:])
	}
	if k != uvarintLen(n) {
		return fmt.Errorf("%w: non-canonical shingle count", ErrFormat)
	}
	*s = sig
	return nil
}

func uvarintLen(n uint64) int {
	var buf [binary.MaxVarintLen64]byte
	return binary.PutUvarint(buf[:], n)
}

// Sign takes the hash functions four at a time: NumHashes must be a multiple
// of 4 (this constant overflows, and the build fails, if it is not).
const _ uint = -(NumHashes % 4)

// perm holds the fixed coefficients of the NumHashes hash functions, drawn
// once from a SplitMix64 stream with a constant seed: the same on every
// machine, and part of Version.
var perm = func() (p [NumHashes]struct{ a, b uint64 }) {
	state := uint64(0x41746861722d3031) // "Athar-01"
	next := func() uint64 {
		state += 0x9E3779B97F4A7C15
		return mix64(state)
	}
	for i := range p {
		p[i].a = next() | 1
		p[i].b = next()
	}
	return p
}()
