package web

import (
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/model"
)

// A source's text is shown a line at a time (each line finds its own
// direction with dir="auto"), with every mention an extractor found marked
// and linked to its entity. Mentions' spans are offsets in Unicode code
// points into the whole text, so the text is walked as runes, never bytes.

// textLine is one non-empty line of a source's text.
type textLine struct {
	Start    int // the line's first code point in the text
	Segments []segment
}

// segment is a run of a line: plain text, or a mention.
type segment struct {
	Text     string
	Mention  bool
	EntityID string           // "" when the mention is not linked
	Type     model.EntityType // of the mention
	// Doubtful: OCR read these words with less than
	// model.LowOCRConfidence; Confidence is the lowest of them.
	Doubtful   bool
	Confidence float64
}

// highlight splits text into its non-empty lines and marks the mentions.
// Mentions that overlap one already marked are skipped (the earlier, then
// longer, wins); one that crosses a line break is marked on each line.
func highlight(text string, mentions []model.Mention) []textLine {
	runes := []rune(text)
	ms := make([]model.Mention, 0, len(mentions))
	for _, m := range mentions {
		if m.Span.Start >= 0 && m.Span.End > m.Span.Start && m.Span.End <= len(runes) {
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Span.Start != ms[j].Span.Start {
			return ms[i].Span.Start < ms[j].Span.Start
		}
		return ms[i].Span.End > ms[j].Span.End
	})
	// keep non-overlapping mentions, in order
	kept := ms[:0]
	end := 0
	for _, m := range ms {
		if m.Span.Start >= end {
			kept = append(kept, m)
			end = m.Span.End
		}
	}
	var lines []textLine
	next := 0 // index into kept
	lineStart := 0
	for lineStart <= len(runes) {
		lineEnd := lineStart
		for lineEnd < len(runes) && runes[lineEnd] != '\n' {
			lineEnd++
		}
		if strings.TrimSpace(string(runes[lineStart:lineEnd])) != "" {
			lines = append(lines, textLine{Start: lineStart, Segments: segments(runes, lineStart, lineEnd, kept, &next)})
		} else {
			for next < len(kept) && kept[next].Span.End <= lineEnd {
				next++
			}
		}
		lineStart = lineEnd + 1
	}
	return lines
}

// segments cuts runes[start:end) into plain runs and mentions. next is the
// first kept mention that may still reach into this line; it is advanced
// past mentions that end within it.
func segments(runes []rune, start, end int, kept []model.Mention, next *int) []segment {
	var out []segment
	pos := start
	for i := *next; i < len(kept) && kept[i].Span.Start < end; i++ {
		m := kept[i]
		ms, me := max(m.Span.Start, start), min(m.Span.End, end)
		if me <= ms {
			continue
		}
		if ms > pos {
			out = append(out, segment{Text: string(runes[pos:ms])})
		}
		out = append(out, segment{Text: string(runes[ms:me]), Mention: true, EntityID: m.EntityID, Type: m.Type})
		pos = me
	}
	for *next < len(kept) && kept[*next].Span.End <= end {
		*next++
	}
	if pos < end {
		out = append(out, segment{Text: string(runes[pos:end])})
	}
	return out
}

// markDoubtful cuts the lines' segments at the words OCR read with low
// confidence (offsets in code points of the whole text) and marks those.
func markDoubtful(lines []textLine, low []model.OCRWord) []textLine {
	if len(low) == 0 {
		return lines
	}
	for i := range lines {
		pos := lines[i].Start
		var out []segment
		for _, sg := range lines[i].Segments {
			n := len([]rune(sg.Text))
			out = append(out, cutDoubtful(sg, pos, low)...)
			pos += n
		}
		lines[i].Segments = out
	}
	return lines
}

// cutDoubtful splits sg, whose first code point is at pos in the text, into
// runs inside and outside the low-confidence words.
func cutDoubtful(sg segment, pos int, low []model.OCRWord) []segment {
	runes := []rune(sg.Text)
	end := pos + len(runes)
	var out []segment
	at := pos
	for _, w := range low {
		s, e := max(w.Start, at), min(w.End, end)
		if e <= s {
			continue
		}
		if s > at {
			plain := sg
			plain.Text = string(runes[at-pos : s-pos])
			out = append(out, plain)
		}
		d := sg
		d.Text, d.Doubtful, d.Confidence = string(runes[s-pos:e-pos]), true, w.Confidence
		out = append(out, d)
		at = e
	}
	if len(out) == 0 {
		return []segment{sg}
	}
	if at < end {
		rest := sg
		rest.Text = string(runes[at-pos:])
		out = append(out, rest)
	}
	return out
}

// quoteSegments is a statement's quote cut at the words OCR read with low
// confidence, nil when none is in it — or when the quote is not the text at
// its span (then nothing is marked rather than the wrong words).
func quoteSegments(sp model.Span, o *model.OCR) []segment {
	low := o.Low()
	if len(low) == 0 || sp.Quote == "" || len([]rune(sp.Quote)) != sp.End-sp.Start {
		return nil
	}
	segs := cutDoubtful(segment{Text: sp.Quote}, sp.Start, low)
	for _, s := range segs {
		if s.Doubtful {
			return segs
		}
	}
	return nil
}
