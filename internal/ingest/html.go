package ingest

import (
	"net/url"
	"regexp"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// parseHTML reads an HTML page, already decoded to UTF-8.
//
// The main text is what go-readability finds, rendered as plain text with
// paragraphs separated by blank lines (see renderText); the title comes first, as its own
// paragraph, unless the text already starts with it. Metadata comes from the
// markup (see htmlMeta): the title from readability (JSON-LD, og:title,
// <title> with the site's name cut off), the publisher from og:site_name or
// JSON-LD, the published date from article:published_time, JSON-LD or
// <time datetime>, the URL from link rel=canonical or og:url (else pageURL).
// The language is detected from the text; the page's lang attribute decides
// only when the text cannot.
func parseHTML(text, pageURL string) (doc Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = Document{}, errorf(ErrNoText, "the HTML parser failed: %v", r)
		}
	}()
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return Document{}, errorf(ErrUnsupported, "cannot parse the HTML: %v", err)
	}
	meta := readMeta(root)
	var base *url.URL
	if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
		base = u
	}
	parser := readability.NewParser()
	article, err := parser.ParseAndMutate(root, base)
	if err != nil || article.Node == nil {
		return Document{}, errorf(ErrNoText, "no readable main text in the HTML page")
	}
	body := cleanRendered(renderText(article.Node))
	title := strings.Join(strings.Fields(firstNonEmpty(article.Title(), meta.Title)), " ")
	doc = Document{
		Title:     title,
		Publisher: firstNonEmpty(meta.publisher(), strings.TrimSpace(article.SiteName())),
		URL:       meta.canonicalURL(pageURL),
		Published: meta.published(),
	}
	if strings.TrimSpace(body) == "" {
		return Document{}, errorf(ErrNoText, "no readable main text in the HTML page")
	}
	switch {
	case title == "" || strings.HasPrefix(body, title):
		doc.Text = body
	default:
		doc.Text = title + "\n\n" + body
	}
	if lang := DetectLanguage(doc.Text); lang != "other" || nonSpaceCount(doc.Text) >= 20 {
		doc.Language = lang
	} else {
		doc.Language = htmlLang(meta.Lang)
	}
	return doc, nil
}

var rxManyNewlines = regexp.MustCompile(`\n{3,}`)

// cleanRendered tidies readability's plain text: no white space at line
// ends, at most one blank line between paragraphs, none at either end.
func cleanRendered(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\u00a0")
	}
	s = strings.Join(lines, "\n")
	s = rxManyNewlines.ReplaceAllString(s, "\n\n")
	return strings.Trim(s, " \t\n")
}

// htmlLang reads a lang attribute: "ar-SY" is "ar", "en-GB" "en".
func htmlLang(lang string) string {
	l := strings.ToLower(strings.TrimSpace(lang))
	switch {
	case l == "":
		return "other"
	case l == "ar" || strings.HasPrefix(l, "ar-") || strings.HasPrefix(l, "ar_"):
		return "ar"
	case l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_"):
		return "en"
	}
	return "other"
}

func nonSpaceCount(s string) int {
	n := 0
	for _, r := range s {
		if r > ' ' {
			n++
		}
	}
	return n
}
