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
