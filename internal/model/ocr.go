package model

// OCR is how a source's text was read by OCR: the engine and models, and
// every word read with its page, its box on the page and its confidence.
type OCR struct {
	Engine    string // "tesseract 5.3.0"
	Languages string // "ara+eng"
	// DPI is the resolution PDF pages were rendered at; 0 for an image,
	// whose boxes are in its own pixels.
	DPI            int
	MeanConfidence float64 // of the words, 0-100
	Pages          []OCRPage
	Words          []OCRWord
}

// OCRPage is a page read by OCR: its number in the document (from 1) and
// its size in pixels.
type OCRPage struct {
	Number        int
	Width, Height int
}

// OCRWord is one word read by OCR: the source text's code points Start to
// End (exclusive), on page Page in the box Left, Top, Width, Height (pixels
// from the page's top left corner), read with Confidence (0-100).
type OCRWord struct {
	Page                     int
	Left, Top, Width, Height int
	Confidence               float64
	Start, End               int
}

// LowOCRConfidence is the confidence under which a word read by OCR is shown
// to reviewers as doubtful. Tesseract gives clean print 90 and more; words it
// guesses (smudges, a stamp across the text, a wrong script) fall under 60 —
// where it starts to read letters that are not there.
const LowOCRConfidence = 60

// Low lists the words read with less than LowOCRConfidence.
func (o *OCR) Low() []OCRWord {
	if o == nil {
		return nil
	}
	var out []OCRWord
	for _, w := range o.Words {
		if w.Confidence < LowOCRConfidence {
			out = append(out, w)
		}
	}
	return out
}

// Within lists the words that overlap the code points start to end of the
// text: where a span of the text is on the page.
func (o *OCR) Within(start, end int) []OCRWord {
	if o == nil {
		return nil
	}
	var out []OCRWord
	for _, w := range o.Words {
		if w.Start < end && w.End > start {
			out = append(out, w)
		}
	}
	return out
}
