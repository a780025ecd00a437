package ocr

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/model"
)

// Box is a rectangle on a page, in pixels of the image Tesseract read,
// from the top left corner.
type Box struct {
	Left, Top, Width, Height int
}

// Page is one page Tesseract read: its number (from 1) and its size in
// pixels.
type Page struct {
	Number        int
	Width, Height int
}

// Word is one word Tesseract found: the page it is on, its box, Tesseract's
// confidence (0-100) and its text, which is Result.Text's code points from
// Start to End (End exclusive).
type Word struct {
	Page       int
	Box        Box
	Confidence float64
	Text       string
	Start, End int
}

// Result is what Tesseract read from one or more pages.
type Result struct {
	Text  string
	Words []Word
	Pages []Page
}

// LowConfidence is the confidence under which a word is shown to reviewers
// as doubtful (model.LowOCRConfidence says why).
const LowConfidence = model.LowOCRConfidence

// MeanConfidence is the mean of the words' confidences, 0 when there are
// none.
func (r Result) MeanConfidence() float64 {
	if len(r.Words) == 0 {
		return 0
	}
	sum := 0.0
	for _, w := range r.Words {
		sum += w.Confidence
	}
	return sum / float64(len(r.Words))
}

// Low counts the words under LowConfidence.
func (r Result) Low() int {
	n := 0
	for _, w := range r.Words {
		if w.Confidence < LowConfidence {
			n++
		}
	}
	return n
}

// tsvColumns are the columns of Tesseract's TSV output, in order.
var tsvColumns = []string{"level", "page_num", "block_num", "par_num", "line_num", "word_num",
	"left", "top", "width", "height", "conf", "text"}

// Levels of a TSV row.
const (
	levelPage = 1
	levelWord = 5
)

// maxCoord bounds a coordinate or a number in a row: no page is a million
// pixels across, and offsets computed from them stay far from overflow.
const maxCoord = 1 << 20

// ParseTSV reads Tesseract's TSV output. A first line naming the columns
// is skipped; every other line must have the twelve columns, numbers where
// numbers belong, a confidence from -1 to 100 and no negative box. Words of
// white space only are left out. Errors name the line.
func ParseTSV(data []byte) (Result, error) {
	var r Result
	var b builder
	for n, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 || (n == 0 && bytes.HasPrefix(line, []byte("level\t"))) {
			continue
		}
		row, err := parseRow(string(line))
		if err != nil {
			return Result{}, fmt.Errorf("tesseract TSV line %d: %w", n+1, err)
		}
		switch row.level {
		case levelPage:
			if len(r.Pages) > 0 && row.page <= r.Pages[len(r.Pages)-1].Number {
				return Result{}, fmt.Errorf("tesseract TSV line %d: page %d after page %d", n+1, row.page, r.Pages[len(r.Pages)-1].Number)
			}
			r.Pages = append(r.Pages, Page{Number: row.page, Width: row.box.Width, Height: row.box.Height})
		case levelWord:
			if len(r.Pages) == 0 || row.page != r.Pages[len(r.Pages)-1].Number {
				return Result{}, fmt.Errorf("tesseract TSV line %d: a word of page %d outside that page's rows", n+1, row.page)
			}
			if strings.TrimSpace(row.text) == "" || row.conf < 0 {
				continue
			}
			r.Words = append(r.Words, b.add(row))
		}
	}
	r.Text = b.text.String()
	return r, nil
}

// row is one line of the TSV.
type row struct {
	level, page, block, par, line int
	box                           Box
	conf                          float64
	text                          string
}

func parseRow(line string) (row, error) {
	f := strings.Split(line, "\t")
	if len(f) != len(tsvColumns) {
		return row{}, fmt.Errorf("%d columns, want %d", len(f), len(tsvColumns))
	}
	var ints [10]int
	for i := range ints {
		v, err := strconv.Atoi(f[i])
		if err != nil || v < 0 || v > maxCoord {
			return row{}, fmt.Errorf("column %s is %q, not a number from 0 to %d", tsvColumns[i], f[i], maxCoord)
		}
		ints[i] = v
	}
	conf, err := strconv.ParseFloat(f[10], 64)
	if err != nil || math.IsNaN(conf) || conf < -1 || conf > 100 {
		return row{}, fmt.Errorf("column conf is %q, not a number from -1 to 100", f[10])
	}
	if ints[0] < levelPage || ints[0] > levelWord {
		return row{}, fmt.Errorf("level %d is not 1 to 5", ints[0])
	}
	if ints[1] < 1 {
		return row{}, fmt.Errorf("page_num %d: pages count from 1", ints[1])
	}
	return row{
		level: ints[0], page: ints[1], block: ints[2], par: ints[3], line: ints[4],
		box:  Box{Left: ints[6], Top: ints[7], Width: ints[8], Height: ints[9]},
		conf: conf, text: strings.TrimSpace(strings.ToValidUTF8(f[11], "\ufffd")),
	}, nil
}

// builder joins words into text, keeping each word's code-point offsets.
type builder struct {
	text  strings.Builder
	runes int
	last  *row
}

// add appends a word after the separator its place calls for.
func (b *builder) add(r row) Word {
	if l := b.last; l != nil {
		switch {
		case r.page != l.page, r.block != l.block, r.par != l.par:
			b.write("\n\n")
		case r.line != l.line:
			b.write("\n")
		default:
			b.write(" ")
		}
	}
	start := b.runes
	b.write(r.text)
	b.last = &r
	return Word{Page: r.page, Box: r.box, Confidence: r.conf, Text: r.text, Start: start, End: b.runes}
}

func (b *builder) write(s string) {
	b.text.WriteString(s)
	b.runes += utf8.RuneCountInString(s)
}
