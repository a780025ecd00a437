package ocr

import (
	"strings"
	"testing"
)

const header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"

func TestParseTSV(t *testing.T) {
	tests := []struct {
		name, tsv, text string
		words           int
		pages           int
		err             string
	}{
		{name: "empty", tsv: header, text: "", pages: 0},
		{name: "one line", tsv: header +
			"1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t\n" +
			"5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t96.5\tSami\n" +
			"5\t1\t1\t1\t1\t2\t70\t10\t60\t20\t40\tNasser\n",
			text: "Sami Nasser", words: 2, pages: 1},
		{name: "lines, paragraphs, pages", tsv: header +
			"1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t\n" +
			"5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t90\tone\n" +
			"5\t1\t1\t1\t2\t1\t10\t40\t50\t20\t90\ttwo\n" +
			"5\t1\t1\t2\t1\t1\t10\t80\t50\t20\t90\tthree\n" +
			"5\t1\t1\t2\t1\t2\t10\t80\t50\t20\t-1\t \n" +
			"1\t2\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t\n" +
			"5\t2\t1\t1\t1\t1\t10\t10\t50\t20\t90\tسجن\n",
			text: "one\ntwo\n\nthree\n\nسجن", words: 4, pages: 2},
		{name: "CRLF", tsv: strings.ReplaceAll(header+"1\t1\t0\t0\t0\t0\t0\t0\t8\t6\t-1\t\n5\t1\t1\t1\t1\t1\t1\t1\t5\t2\t90\tx\n", "\n", "\r\n"),
			text: "x", words: 1, pages: 1},
		{name: "short row", tsv: header + "5\t1\t1\n", err: "line 2: 3 columns"},
		{name: "bad number", tsv: header + "1\t1\t0\t0\t0\t0\t0\t0\tx\t6\t-1\t\n", err: `column width is "x"`},
		{name: "negative box", tsv: header + "1\t1\t0\t0\t0\t0\t-4\t0\t8\t6\t-1\t\n", err: "column left"},
		{name: "bad confidence", tsv: header + "1\t1\t0\t0\t0\t0\t0\t0\t8\t6\t101\t\n", err: "column conf"},
		{name: "NaN confidence", tsv: header + "1\t1\t0\t0\t0\t0\t0\t0\t8\t6\tNaN\t\n", err: "column conf"},
		{name: "bad level", tsv: header + "7\t1\t0\t0\t0\t0\t0\t0\t8\t6\t-1\t\n", err: "level 7"},
		{name: "page zero", tsv: header + "1\t0\t0\t0\t0\t0\t0\t0\t8\t6\t-1\t\n", err: "page_num 0"},
		{name: "word before page", tsv: header + "5\t1\t1\t1\t1\t1\t1\t1\t5\t2\t90\tx\n", err: "outside that page"},
		{name: "pages out of order", tsv: header + "1\t2\t0\t0\t0\t0\t0\t0\t8\t6\t-1\t\n1\t1\t0\t0\t0\t0\t0\t0\t8\t6\t-1\t\n", err: "page 1 after page 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseTSV([]byte(tt.tsv))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Text != tt.text || len(r.Words) != tt.words || len(r.Pages) != tt.pages {
				t.Fatalf("got %q, %d words, %d pages; want %q, %d, %d", r.Text, len(r.Words), len(r.Pages), tt.text, tt.words, tt.pages)
			}
			checkWords(t, r)
		})
	}
}

func TestConfidence(t *testing.T) {
	r, err := ParseTSV([]byte(header + "1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t96\tSami\n5\t1\t1\t1\t1\t2\t70\t10\t60\t20\t40\tNasser\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.MeanConfidence(); got != 68 {
		t.Errorf("mean confidence %v, want 68", got)
	}
	if got := r.Low(); got != 1 {
		t.Errorf("%d low-confidence words, want 1", got)
	}
	if (Result{}).MeanConfidence() != 0 {
		t.Error("mean confidence of nothing is not 0")
	}
}

// checkWords checks that every word is the text at its offsets, and its
// box on a page the result has.
func checkWords(t *testing.T, r Result) {
	t.Helper()
	runes := []rune(r.Text)
	pages := map[int]Page{}
	for _, p := range r.Pages {
		pages[p.Number] = p
	}
	for _, w := range r.Words {
		if w.Start < 0 || w.End > len(runes) || w.Start >= w.End || string(runes[w.Start:w.End]) != w.Text {
			t.Fatalf("word %q at %d-%d does not point into the text %q", w.Text, w.Start, w.End, r.Text)
		}
		if _, ok := pages[w.Page]; !ok {
			t.Fatalf("word %q on page %d, which the result does not have", w.Text, w.Page)
		}
		if w.Confidence < 0 || w.Confidence > 100 {
			t.Fatalf("word %q has confidence %v", w.Text, w.Confidence)
		}
	}
}

func FuzzParseTSV(f *testing.F) {
	f.Add([]byte(header + "1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t\n5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t96.5\tSami\n"))
	f.Add([]byte("1\t1\t0\t0\t0\t0\t0\t0\t8\t6\t-1\t\n5\t1\t1\t2\t1\t1\t1\t1\t5\t2\t9\tسجن\xff\n5\t1\t2\t1\t1\t1\t1\t1\t5\t2\t0\tx\n"))
	f.Add([]byte("5\t1\t1\t1\t1\t1\t1\t1\t5\t2\t90\tx"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4<<10 {
			return
		}
		r, err := ParseTSV(data)
		if err != nil {
			return
		}
		checkWords(t, r)
	})
}

func TestTIFFPages(t *testing.T) {
	tests := []struct {
		name string
		data string
		want int
		err  string
	}{
		{"one page, little-endian", "II*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00", 1, ""},
		{"one page, big-endian", "MM\x00*\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00", 1, ""},
		{"two pages", "II*\x00\x08\x00\x00\x00\x00\x00\x0e\x00\x00\x00\x00\x00\x00\x00\x00\x00", 2, ""},
		{"loop", "II*\x00\x08\x00\x00\x00\x00\x00\x08\x00\x00\x00", 0, "loops"},
		{"past the end", "II*\x00\xff\x00\x00\x00", 0, "past the end"},
		{"entries past the end", "II*\x00\x08\x00\x00\x00\x05\x00", 0, "runs past"},
		{"no page", "II*\x00\x00\x00\x00\x00", 0, "without a page"},
		{"short", "II*", 0, "shorter"},
		{"not TIFF", "\x89PNG\r\n\x1a\n", 0, "not a classic TIFF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := TIFFPages([]byte(tt.data))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil || n != tt.want {
				t.Fatalf("TIFFPages = %d, %v; want %d", n, err, tt.want)
			}
		})
	}
}

func FuzzTIFFPages(f *testing.F) {
	f.Add([]byte("II*\x00\x08\x00\x00\x00\x00\x00\x0e\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("MM\x00*\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if n, err := TIFFPages(data); err == nil && (n < 1 || n > len(data)) {
			t.Fatalf("%d pages in %d bytes", n, len(data))
		}
	})
}
