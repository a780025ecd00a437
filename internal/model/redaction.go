package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Redaction says how a source was made from another: its text is the
// original's with Spans replaced by RedactionMark. The spans are code-point
// offsets into the original's text (end exclusive), in order and apart;
// their words are not kept here — they stay only in the original.
type Redaction struct {
	SourceID     string // the redacted copy
	RedactedFrom string // the original; "" when the reader may not know it
	Spans        []Span // Start and End only; nil when the reader may not see them
	// Regions of the original's page images filled opaque in the copy's
	// (an image source); nil for a copy of text only, or when the reader
	// may not see them.
	Regions []Region
	Reason  string
	Actor   string
	At      time.Time
}

// RedactionMark is what stands in a redacted copy for each span taken out:
// the same five full blocks whatever the span's length or script, so that
// the mark reveals neither how long the words were nor which alphabet they
// were written in, and no extractor takes it for a name.
const RedactionMark = "█████"

// FormatSpans writes spans as "START:END,START:END".
func FormatSpans(spans []Span) string {
	parts := make([]string, len(spans))
	for i, s := range spans {
		parts[i] = strconv.Itoa(s.Start) + ":" + strconv.Itoa(s.End)
	}
	return strings.Join(parts, ",")
}

// ParseSpan reads one "START:END" span of code-point offsets.
func ParseSpan(s string) (Span, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), ":")
	start, err1 := strconv.Atoi(strings.TrimSpace(a))
	end, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil {
		return Span{}, fmt.Errorf("span %q: want START:END, two code-point offsets", s)
	}
	return Span{Start: start, End: end}, nil
}

// ParseSpans reads what FormatSpans writes.
func ParseSpans(s string) ([]Span, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []Span
	for _, part := range strings.Split(s, ",") {
		sp, err := ParseSpan(part)
		if err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, nil
}

// Region is a rectangle of a page image, in pixels from the page's top
// left corner: what a redaction fills opaque. Page counts from 1 (an image
// source has one page).
type Region struct {
	Page, X, Y, W, H int
}

// String writes a region as ParseRegion reads it: "PAGE:X,Y,W,H".
func (r Region) String() string {
	return fmt.Sprintf("%d:%d,%d,%d,%d", r.Page, r.X, r.Y, r.W, r.H)
}

// ParseRegion reads "PAGE:X,Y,W,H": a page from 1, a corner at or right of
// and below the page's top left, and a width and height above zero.
func ParseRegion(s string) (Region, error) {
	page, box, ok := strings.Cut(strings.TrimSpace(s), ":")
	parts := strings.Split(box, ",")
	if !ok || len(parts) != 4 {
		return Region{}, fmt.Errorf("region %q: want PAGE:X,Y,W,H (pixels from the page's top left corner)", s)
	}
	var n [5]int
	for i, part := range append([]string{page}, parts...) {
		v, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil {
			return Region{}, fmt.Errorf("region %q: %q is not a whole number (want PAGE:X,Y,W,H)", s, part)
		}
		n[i] = v
	}
	r := Region{Page: n[0], X: n[1], Y: n[2], W: n[3], H: n[4]}
	switch {
	case r.Page < 1:
		return Region{}, fmt.Errorf("region %q: pages count from 1", s)
	case r.X < 0 || r.Y < 0:
		return Region{}, fmt.Errorf("region %q: X and Y are at or right of and below the page's top left corner (0,0)", s)
	case r.W <= 0 || r.H <= 0:
		return Region{}, fmt.Errorf("region %q: the width and height must be above zero", s)
	}
	return r, nil
}

// FormatRegions writes regions separated by semicolons.
func FormatRegions(rs []Region) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.String()
	}
	return strings.Join(parts, ";")
}

// ParseRegions reads what FormatRegions writes.
func ParseRegions(s string) ([]Region, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []Region
	for _, part := range strings.Split(s, ";") {
		r, err := ParseRegion(part)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
