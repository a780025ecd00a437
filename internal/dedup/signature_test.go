package dedup

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/textfold"
)

var update = flag.Bool("update", false, "rewrite testdata/signatures.golden")

// TestStable pins the signatures and band keys of the test texts: they must
// be the same on every run and machine. If an intended change of the
// algorithm breaks this, bump Version and run go test -update.
func TestStable(t *testing.T) {
	names, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for _, path := range names {
		sh := Shingle(readText(t, filepath.Base(path)))
		sig := sh.Sign()
		b, _ := sig.MarshalBinary()
		var keys, anchors []byte
		for _, k := range sig.Bands() {
			keys = fmt.Appendf(keys, "%d,", k)
		}
		for _, k := range sh.Anchors() {
			anchors = fmt.Appendf(anchors, "%d,", k)
		}
		sb, sk, sa := sha256.Sum256(b), sha256.Sum256(keys), sha256.Sum256(anchors)
		fmt.Fprintf(&got, "%s n=%d sig=%s bands=%s anchors=%d:%s\n", filepath.Base(path), sig.Len(),
			hex.EncodeToString(sb[:8]), hex.EncodeToString(sk[:8]), len(sh.Anchors()), hex.EncodeToString(sa[:8]))
	}
	golden := filepath.Join("testdata", "signatures.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("signatures changed (bump Version if intended, then -update):\ngot:\n%swant:\n%s", got.String(), want)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	for _, text := range []string{"", "Homs", "three short words", readText(t, "ar_original.txt"), readText(t, "en_original.txt")} {
		sig := Sign(text)
		b, err := sig.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > marshaledMax {
			t.Errorf("%d bytes, more than %d", len(b), marshaledMax)
		}
		var back Signature
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatalf("UnmarshalBinary(MarshalBinary(Sign(%.20q))): %v", text, err)
		}
		if back != sig {
			t.Errorf("round trip of %.20q changed the signature", text)
		}
		if a, _ := sig.AppendBinary([]byte("x")); !bytes.Equal(a[1:], b) {
			t.Errorf("AppendBinary differs from MarshalBinary")
		}
	}
}

func TestUnmarshalErrors(t *testing.T) {
	good, _ := Sign(readText(t, "en_original.txt")).MarshalBinary()
	short, _ := Sign("three short words").MarshalBinary()
	mutate := func(b []byte, f func([]byte) []byte) []byte { return f(slices.Clone(b)) }
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"nil", nil, ErrFormat},
		{"version only", []byte{Version}, ErrFormat},
		{"unknown version", mutate(good, func(b []byte) []byte { b[0] = 2; return b }), ErrVersion},
		{"truncated", good[:len(good)-1], ErrFormat},
		{"padded", append(slices.Clone(good), 0), ErrFormat},
		{"width too large", mutate(good, func(b []byte) []byte { b[1] = ShingleWidth + 1; return b }), ErrFormat},
		{"empty with minima", append([]byte{Version, 0, 0}, good[4:]...), ErrFormat},
		{"width without shingles", []byte{Version, 3, 0}, ErrFormat},
		{"shingles without width", append([]byte{Version, 0, 1}, short[3:]...), ErrFormat},
		{"short text with many shingles", mutate(short, func(b []byte) []byte { b[2] = 2; return b }), ErrFormat},
		{"non-canonical count", append([]byte{Version, 3, 0x81, 0x00}, short[3:]...), ErrFormat},
		{"count overflows", append([]byte{Version, 5, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, good[4:]...), ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sig := Sign("a text that must stay as it was before the failed call")
			before := sig
			err := sig.UnmarshalBinary(tt.data)
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			if sig != before {
				t.Errorf("failed UnmarshalBinary changed the signature")
			}
		})
	}
}

func TestBands(t *testing.T) {
	sig := Sign(readText(t, "en_original.txt"))
	keys := sig.Bands()
	if len(keys) != NumBands {
		t.Fatalf("%d band keys, want %d", len(keys), NumBands)
	}
	if got := Sign(readText(t, "en_original.txt")).Bands(); !slices.Equal(got, keys) {
		t.Errorf("band keys differ between two signings of one text")
	}
	if len(slices.Compact(slices.Sorted(slices.Values(keys)))) != NumBands {
		t.Errorf("band keys repeat within one signature")
	}
	for _, text := range []string{"", "Homs", "The local council said on Thursday that it would form a committee."} {
		if b := Sign(text).Bands(); b != nil {
			t.Errorf("Bands(%q) = %d keys, want none for a text too short to be a duplicate", text, len(b))
		}
	}
}

func TestAnchors(t *testing.T) {
	orig := Shingle(readText(t, "en_original.txt"))
	anchors := orig.Anchors()
	if n := len(anchors); n < orig.Len()/AnchorRate/2 || n > orig.Len()/AnchorRate*2 {
		t.Errorf("%d anchors for %d shingles at rate %d", n, orig.Len(), AnchorRate)
	}
	bands := Sign(readText(t, "en_original.txt")).Bands()
	for _, k := range anchors {
		if slices.Contains(bands, k) {
			t.Errorf("anchor key %d is also a band key", k)
		}
	}
	// Every anchor of a contained text is an anchor of its container.
	part := Shingle(strings.Join(paragraphs(readText(t, "en_original.txt"))[3:6], "\n\n"))
	if len(part.Anchors()) == 0 {
		t.Fatalf("no anchors in three paragraphs")
	}
	for _, k := range part.Anchors() {
		if !slices.Contains(anchors, k) {
			t.Errorf("anchor %d of a part is not an anchor of the whole", k)
		}
	}
	if a := Shingle("The local council said on Thursday that it would form a committee.").Anchors(); a != nil {
		t.Errorf("a sentence has %d anchors, want none", len(a))
	}
}

// TestEditRate pins the meaning of the thresholds: a copy with a word changed
// every m words is still a duplicate at m = 20 and no longer one at m = 10,
// whole or shortened to its first half.
func TestEditRate(t *testing.T) {
	words := textfold.Words(readText(t, "en_original.txt"))
	edit := func(ws []string, m int) string {
		out := slices.Clone(ws)
		for i := m / 2; i < len(out); i += m {
			out[i] = fmt.Sprintf("edit%d", i)
		}
		return strings.Join(out, " ")
	}
	orig := Shingle(strings.Join(words, " "))
	tests := []struct {
		m    int
		half bool
		dup  bool
	}{
		{40, false, true}, {20, false, true}, {10, false, false}, {6, false, false},
		{40, true, true}, {20, true, true}, {10, true, false},
	}
	for _, tt := range tests {
		ws := words
		if tt.half {
			ws = ws[:len(ws)/2]
		}
		r := CompareShingles(orig, Shingle(edit(ws, tt.m)))
		t.Logf("edit every %d words, half %v: J=%.3f C=%.3f", tt.m, tt.half, r.Jaccard, r.Containment)
		if r.Duplicate != tt.dup {
			t.Errorf("edit every %d words (half %v): Duplicate = %v, want %v", tt.m, tt.half, r.Duplicate, tt.dup)
		}
	}
}

// TestEstimator checks that the hash family behaves like random permutations:
// estimates of known Jaccard similarities are unbiased with the binomial
// standard error sqrt(J(1-J)/NumHashes).
func TestEstimator(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical test")
	}
	state := uint64(12345)
	next := func() uint64 { state += 0x9E3779B97F4A7C15; return mix64(state) }
	const trials = 150
	for _, tc := range []struct{ shared, onlyA, onlyB int }{{800, 80, 80}, {500, 500, 0}, {300, 300, 300}, {60, 800, 0}} {
		jTrue := float64(tc.shared) / float64(tc.shared+tc.onlyA+tc.onlyB)
		var sum, sumSq float64
		for range trials {
			var a, b []uint64
			for range tc.shared {
				x := next()
				a, b = append(a, x), append(b, x)
			}
			for range tc.onlyA {
				a = append(a, next())
			}
			for range tc.onlyB {
				b = append(b, next())
			}
			slices.Sort(a)
			slices.Sort(b)
			e := Compare(Shingles{ShingleWidth, a}.Sign(), Shingles{ShingleWidth, b}.Sign()).Jaccard - jTrue
			sum += e
			sumSq += e * e
		}
		se := math.Sqrt(jTrue * (1 - jTrue) / NumHashes)
		bias, rmse := sum/trials, math.Sqrt(sumSq/trials)
		t.Logf("J=%.3f bias=%+.4f rmse=%.4f binomial=%.4f", jTrue, bias, rmse, se)
		if math.Abs(bias) > 0.4*se || rmse > 1.25*se {
			t.Errorf("J=%.3f: bias %+.4f, rmse %.4f; binomial standard error %.4f", jTrue, bias, rmse, se)
		}
	}
}

func FuzzSign(f *testing.F) {
	for _, s := range []string{"", "Homs", "أوس سلّوم", "\xff\xfe", "a b c d e f g h i j k l m n o p"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sig := Sign(text)
		b, _ := sig.MarshalBinary()
		var back Signature
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatalf("UnmarshalBinary(MarshalBinary(Sign(%q))): %v", text, err)
		}
		if back != sig {
			t.Fatalf("round trip changed the signature of %q", text)
		}
		if r := Compare(sig, sig); !sig.Empty() && r.Jaccard != 1 {
			t.Fatalf("Compare(s, s).Jaccard = %v", r.Jaccard)
		}
		if r := CompareShingles(Shingle(text), Shingle(text)); r.Duplicate != (sig.Len() >= MinShingles) {
			t.Fatalf("a text of %d shingles against itself: Duplicate = %v", sig.Len(), r.Duplicate)
		}
	})
}

func FuzzUnmarshal(f *testing.F) {
	good, _ := Sign("a b c d e f g h i j k l m n o p").MarshalBinary()
	short, _ := Sign("three short words").MarshalBinary()
	for _, b := range [][]byte{nil, {Version}, {Version, 0, 0}, good, short, good[:100]} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var sig Signature
		if err := sig.UnmarshalBinary(data); err != nil {
			return
		}
		// What decodes is canonical: it encodes back to the same bytes.
		if b, _ := sig.MarshalBinary(); !bytes.Equal(b, data) {
			t.Fatalf("decoded %x, re-encoded %x", data, b)
		}
		_ = sig.Bands()
		_ = Compare(sig, Sign("a b c d e f g h i j k l m n o p"))
	})
}

func BenchmarkSign(b *testing.B) {
	text := readText(b, "en_original.txt")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Sign(text)
	}
}

func BenchmarkSignArabic(b *testing.B) {
	text := readText(b, "ar_original.txt")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Sign(text)
	}
}

func BenchmarkShingle(b *testing.B) {
	text := readText(b, "en_original.txt")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Shingle(text)
	}
}

func BenchmarkCompare(b *testing.B) {
	x, y := Sign(readText(b, "en_original.txt")), Sign(readText(b, "en_syndicated.txt"))
	for b.Loop() {
		Compare(x, y)
	}
}

func BenchmarkBands(b *testing.B) {
	x := Sign(readText(b, "en_original.txt"))
	for b.Loop() {
		x.Bands()
	}
}

// BenchmarkMinHash measures this package's own share of Sign: the MinHash of
// a 5 KB article's shingles, without folding and shingling.
func BenchmarkMinHash(b *testing.B) {
	sh := Shingle(readText(b, "en_original.txt"))
	for b.Loop() {
		sh.Sign()
	}
}
