package en

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// FuzzExtract checks that no input makes the extractor panic or emit a span
// that is not the code-point slice of the text it claims.
//
// The seeds are short: single paragraphs of the project's own corpus texts,
// at most maxSeed bytes each. Whole articles (3 KB) made the fuzzer spend
// its time minimizing: each input that finds new coverage is minimized for
// up to -fuzzminimizetime (60 s by default) before fuzzing goes on, and
// cutting a 3 KB input down byte by byte takes tens of thousands of runs,
// so a 60 s run made only 10 to 31 executions that the progress line
// counted. Short seeds minimize in a fraction of a second.
func FuzzExtract(f *testing.F) {
	for _, s := range seedParagraphs(f, 12) {
		f.Add(s)
	}
	f.Add("Col. Thaer Hussein, a former assistant to the director of Sednaya Prison, was arrested on Thursday.")
	f.Add("date 2025-01-03 X/ “Azrael of Sednaya” al- Abu - ’s")
	f.Add("Born in the village of , hails from the town of")
	f.Fuzz(func(t *testing.T, s string) {
		for _, pub := range []model.Date{{}, model.DayDate(2025, 1, 3)} {
			r := extract.Extract(s, pub, "en")
			if utf8.ValidString(s) {
				checkSpans(t, "fuzz", s, r)
			}
			for _, e := range r.Events {
				if e.Start < 0 || e.End < e.Start || e.End > utf8.RuneCountInString(s) {
					t.Fatalf("event span [%d,%d) outside text of %d runes", e.Start, e.End, utf8.RuneCountInString(s))
				}
			}
		}
	})
}

// maxSeed is the longest seed FuzzExtract takes from the corpus, in bytes.
const maxSeed = 400

// seedParagraphs returns up to n paragraphs of the written corpus texts
// (en_*.txt, not the seed articles), header lines left out, each at most
// maxSeed bytes.
func seedParagraphs(t testing.TB, n int) []string {
	var out []string
	for _, p := range corpusFiles(t) {
		if !strings.HasPrefix(filepath.Base(p), "en_") {
			continue
		}
		for _, para := range strings.Split(readSource(t, p).text, "\n") {
			if para = strings.TrimSpace(para); len(para) > 40 && len(para) <= maxSeed {
				out = append(out, para)
				break
			}
		}
		if len(out) == n {
			break
		}
	}
	return out
}

// TestMutationsTerminate runs the extractor on corpus texts mangled at
// random (cut, spliced with name particles, quotes, cues and triggers,
// bytes overwritten) and fails when any run takes more than a few seconds:
// a watchdog for loops that the fuzzer's coverage guidance may not reach.
func TestMutationsTerminate(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	var texts []string
	for _, f := range corpusFiles(t) {
		texts = append(texts, readSource(t, f).text)
	}
	pieces := []string{"al", "-", "’", "'", "Abu", "“", "”", "\"", ",", ".", " ", "\n", "Col.", "real name", "known as",
		"A", "s", "Umm", "Abd", "al-", "The three", "identified as", "born in", "village of", "Branch", "prison",
		"Ministry of", "died", "he said", "date 2025-01-03 X/"}
	n := 2000
	if testing.Short() {
		n = 200
	}
	for iter := 0; iter < n; iter++ {
		s := []byte(texts[rng.Intn(len(texts))])
		for m := 0; m < 1+rng.Intn(20) && len(s) > 0; m++ {
			p := rng.Intn(len(s))
			switch rng.Intn(3) {
			case 0:
				q := min(p+rng.Intn(40), len(s))
				s = append(s[:p:p], s[q:]...)
			case 1:
				s = append(s[:p:p], append([]byte(pieces[rng.Intn(len(pieces))]), s[p:]...)...)
			default:
				s[p] = byte(rng.Intn(256))
			}
		}
		in := string(s)
		done := make(chan extract.Result, 1)
		go func() { done <- extract.Extract(in, model.DayDate(2025, 1, 3), "en") }()
		select {
		case r := <-done:
			if utf8.ValidString(in) {
				checkSpans(t, "mutation", in, r)
			}
		case <-time.After(5 * time.Second):
			_ = os.WriteFile(filepath.Join(t.TempDir(), "slow.txt"), s, 0o644)
			t.Fatalf("mutation %d (%d bytes) did not finish in 5 s: %q", iter, len(s), in)
		}
	}
}
