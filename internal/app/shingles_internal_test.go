package app

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/dedup"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// words gives n words of made-up syllables, none of which an extractor
// takes for a name, from rng.
func words(rng *rand.Rand, n int) []string {
	syl := []string{"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "qa", "bu", "de"}
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
		out[i] = b.String()
	}
	return out
}

// A long text's shingles are not held once its signature and keys are
// made (issue 18's peak memory), and the comparisons that need them —
// two signatures too near a threshold to decide — make them again from
// its text: a near-copy of a long text is found, or not, exactly as its
// shingles say, whether its original was stored in an earlier run or
// comes earlier in the same one.
func TestLongTextsShinglesAreMadeAgainWhenNeeded(t *testing.T) {
	original, _, _ := undecidedPair(t, 18)
	p := parse(context.Background(), parsed{}, ingest.Input{Name: "long.txt", Data: []byte("Title: Long\n---\n" + original)}, ingest.Options{})
	if p.err != nil {
		t.Fatal(p.err)
	}
	if p.shingles.Len() != 0 {
		t.Errorf("a long text's %d shingles are held after parsing", p.shingles.Len())
	}
	if !reflect.DeepEqual(p.shinglesOf(), dedup.Shingle(p.doc.Text)) {
		t.Error("the shingles made again are not the text's")
	}
	short := parse(context.Background(), parsed{}, ingest.Input{Name: "short.txt", Data: []byte("The guards beat the prisoners at night in the red building of Sednaya.")}, ingest.Options{})
	if short.shingles.Len() == 0 || !reflect.DeepEqual(short.shinglesOf(), short.shingles) {
		t.Error("a short text's shingles are not held")
	}

	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		for i, together := range []bool{false, true} {
			// A pair of its own for each way, so that the copy can be
			// the near-copy of its own original only.
			original, copied, wantCopy := undecidedPair(t, uint64(23+i))
			a := New(st, Config{})
			dir := t.TempDir()
			tag := map[bool]string{false: "apart", true: "together"}[together]
			orig, cp := filepath.Join(dir, "1.txt"), filepath.Join(dir, "2.txt")
			if err := os.WriteFile(orig, []byte("Title: Original "+tag+"\n---\n"+original), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(cp, []byte("Title: Copy "+tag+"\n---\n"+copied), 0o600); err != nil {
				t.Fatal(err)
			}
			var results []IngestResult
			collect := func(r IngestResult) { results = append(results, r) }
			opt := IngestOptions{StoreOnly: true}
			var err error
			if together {
				_, err = a.Ingest(ctx, access.Operator(), []string{orig, cp}, opt, collect)
			} else if _, err = a.Ingest(ctx, access.Operator(), []string{orig}, opt, collect); err == nil {
				_, err = a.Ingest(ctx, access.Operator(), []string{cp}, opt, collect)
			}
			if err != nil || len(results) != 2 {
				t.Fatalf("%s: %v %+v", tag, err, results)
			}
			for _, r := range results {
				if r.Outcome != Stored || r.Err != nil {
					t.Fatalf("%s: %s %s %v", tag, r.Input, r.Outcome, r.Err)
				}
			}
			if got := results[1].DuplicateOf == results[0].Source.ID; got != wantCopy || (!got && results[1].DuplicateOf != "") {
				t.Errorf("%s: near-copy of %q (the original is %s), but the shingles say %v", tag, results[1].DuplicateOf, results[0].Source.ID, wantCopy)
			}
		}
	})
}

// undecidedPair gives a long text made from seed, a copy of it with a
// share of its words changed such that their signatures cannot decide
// whether it is a near-copy, and what their shingles decide.
func undecidedPair(t *testing.T, seed uint64) (original, copied string, duplicate bool) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 18))
	base := words(rng, 60000) // some 400 KiB: over StagedText
	text := func(ws []string) string {
		var b strings.Builder
		for i, w := range ws {
			if i > 0 && i%12 == 0 {
				b.WriteString(".\n\n")
			} else if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		return b.String()
	}
	original = text(base)
	if len(original) <= StagedText {
		t.Fatalf("the original has %d bytes, not over %d", len(original), StagedText)
	}
	sig := dedup.Shingle(original).Sign()
	for q := 0.05; q < 0.12; q += 0.0025 {
		ws := append([]string(nil), base...)
		swap := words(rng, len(ws))
		for i := range ws {
			if rng.Float64() < q {
				ws[i] = swap[i]
			}
		}
		c := text(ws)
		if dedup.Compare(sig, dedup.Shingle(c).Sign()).Inconclusive {
			return original, c, dedup.CompareShingles(dedup.Shingle(original), dedup.Shingle(c)).Duplicate
		}
	}
	t.Fatal("no copy of the text whose signature leaves the comparison undecided: the test would exercise nothing")
	return
}
