package ingest

import (
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/model"
)

// parseText reads a plain-text document, already decoded.
//
// With a header block (see splitHeader), the text is the Title value — unless
// it is missing or starts with "(none" — a newline, and then the body after
// the "---" line exactly as written; the header lines themselves are kept
// out of it. Title, Publisher, Published (YYYY-MM-DD, YYYY-MM, YYYY or
// "unknown"), URL and Language fill the document. Descriptive-title becomes
// the Title when Title is "(none…)": it names the source for people but is
// not article text. Title-note, Source-note and unknown keys are ignored.
//
// A body that opens with a news dateline (or, without a header, whose
// paragraph after a title line does) gives the publisher and published
// date when the header does not. The dateline stays in the text: only header
// lines are ever removed, so spans point into the text as the file has it.
//
// Without a header the whole file is the text, and a short first line
// followed by a blank line is taken as the title (for display only).
func parseText(text string) (Document, error) {
	h, body, hasHeader := splitHeader(text)
	var doc Document
	if hasHeader {
		if err := applyHeader(&doc, h); err != nil {
			return Document{}, err
		}
		title := h.get("Title")
		if title != "" && !strings.HasPrefix(title, "(none") {
			doc.Text = title + "\n" + body
		} else {
			doc.Text = body
		}
		if strings.TrimSpace(body) == "" && (title == "" || strings.HasPrefix(title, "(none")) {
			return Document{}, errorf(ErrEmpty, "a header and no text")
		}
	} else {
		doc.Text = body
		doc.Title = firstLineTitle(body)
	}
	dl, ok := parseDateline(body)
	if !ok && !hasHeader && doc.Title != "" {
		// A headerless file whose first line is a title: the dateline opens
		// the paragraph after it.
		_, rest, _ := strings.Cut(body, "\n")
		dl, ok = parseDateline(rest)
	}
	if ok {
		if doc.Publisher == "" {
			doc.Publisher = dl.Publisher
		}
		if doc.Published.IsZero() {
			doc.Published = dl.Date
		}
	}
	// The header's values are cut from the whole decoded text, and would
	// keep it alive beside doc.Text (a copy when a title opens it) for as
	// long as the document lives: a large text's ingest held both.
	doc.Title, doc.Publisher, doc.URL = strings.Clone(doc.Title), strings.Clone(doc.Publisher), strings.Clone(doc.URL)
	return doc, nil
}

// applyHeader fills doc from the header's known keys.
func applyHeader(doc *Document, h header) error {
	title := h.get("Title")
	switch {
	case title != "" && !strings.HasPrefix(title, "(none"):
		doc.Title = title
	default:
		doc.Title = h.get("Descriptive-title")
	}
	doc.Publisher = h.get("Publisher")
	doc.URL = h.get("URL")
	if p := h.get("Published"); p != "" && !strings.EqualFold(p, "unknown") {
		d, err := model.ParseDate(p)
		if err != nil {
			return errorf(ErrHeader, "Published %q: want YYYY-MM-DD or unknown", p)
		}
		doc.Published = d
	}
	if l := h.get("Language"); l != "" {
		doc.Language = languageName(l)
	}
	return nil
}

// languageName reads a header's Language value: a code or a name.
func languageName(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ar", "ara", "arabic", "العربية", "عربي", "ar-sy":
		return "ar"
	case "en", "eng", "english", "en-us", "en-gb":
		return "en"
	}
	return "other"
}

// firstLineTitle is the first line of a headerless text when it is short
// (at most 200 characters), does not end a sentence and is followed by a
// blank line; "" otherwise.
func firstLineTitle(body string) string {
	line, rest, found := strings.Cut(body, "\n")
	line = strings.TrimSpace(line)
	if !found || line == "" || utf8.RuneCountInString(line) > 200 || !strings.HasPrefix(rest, "\n") {
		return ""
	}
	if strings.HasSuffix(line, ".") || strings.HasSuffix(line, "،") {
		return ""
	}
	return line
}
