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
	Reason       string
	Actor        string
	At           time.Time
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
