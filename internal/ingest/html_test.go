package ingest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// page builds a news-like page around head markup and an article body.
func page(headMarkup, lang, article string) string {
	return `<!DOCTYPE html><html lang="` + lang + `"><head><meta charset="utf-8">` + headMarkup + `</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Guard arrested</h1>` + article + `
<p>` + strings.Repeat("The interior ministry said the former guard was arrested and referred to the judiciary after an investigation. ", 4) + `</p>
<p>` + strings.Repeat("Former detainees said they had been tortured in the prison for years before they were released. ", 4) + `</p>
</article><footer>Footer text</footer></body></html>`
}

func TestHTMLMetadata(t *testing.T) {
	tests := []struct {
		name, head, article, url   string
		wantURL, wantPub, wantDate string
	}{
		{"canonical resolved", `<link rel="canonical" href="/news/1">`, "", "https://site.test/news/1?ref=rss",
			"https://site.test/news/1", "", ""},
		{"og:url when no canonical", `<meta property="og:url" content="https://site.test/og">`, "", "https://site.test/x",
			"https://site.test/og", "", ""},
		{"bad canonical ignored", `<link rel="canonical" href="javascript:alert(1)">`, "", "https://site.test/x",
			"https://site.test/x", "", ""},
		{"json-ld graph", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"S"},
			{"@type":"NewsArticle","datePublished":"2024-12-09","publisher":{"@id":"#org","name":"Graph News"}}]}</script>`, "", "",
			"", "Graph News", "2024-12-09"},
		{"json-ld array publisher", `<script type="application/ld+json">[{"@type":"Article","datePublished":"2024-12","publisher":[{"name":"First"},{"name":"Second"}]}]</script>`,
			"", "", "", "First", "2024-12"},
		{"bad json-ld ignored", `<script type="application/ld+json">{not json</script>`, "", "", "", "", ""},
		{"og beats json-ld", `<meta property="og:site_name" content="OG Name"><meta property="article:published_time" content="2025-01-02T22:00:00-05:00">
			<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-01-03","publisher":{"name":"LD"}}</script>`, "", "",
			"", "OG Name", "2025-01-02"},
		{"time in article", "", `<p><time datetime="2023-07-01T10:00">1 July</time></p>`, "", "", "", "2023-07-01"},
		{"marked time", "", `<time pubdate datetime="2023-07-02">2 July</time>`, "", "", "", "2023-07-02"},
		{"rfc1123 meta", `<meta name="pubdate" content="Mon, 02 Jan 2023 15:04:05 GMT">`, "", "", "", "", "2023-01-02"},
		{"nonsense date", `<meta property="article:published_time" content="yesterday">`, "", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(Input{Data: []byte(page(tt.head, "en", tt.article)), URL: tt.url, ContentType: "text/html"}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.URL != tt.wantURL || doc.Publisher != tt.wantPub || doc.Published.String() != tt.wantDate {
				t.Errorf("got url %q publisher %q date %q", doc.URL, doc.Publisher, doc.Published)
			}
			if doc.ContentType != TypeHTML || doc.Language != "en" || !strings.HasPrefix(doc.Text, "Guard arrested\n\n") {
				t.Errorf("got %s %s %q", doc.ContentType, doc.Language, doc.Text)
			}
			if strings.Contains(doc.Text, "Footer text") || strings.Contains(doc.Text, "Home") {
				t.Errorf("boilerplate in text: %q", doc.Text)
			}
		})
	}
}

// A <time> outside the article is a page's clock, not its date, unless it is
// the page's only one.
func TestHTMLTimeOutsideArticle(t *testing.T) {
	two := strings.Replace(page("", "en", ""), "<nav>", `<nav><time datetime="2026-01-01">today</time><time datetime="2026-01-02">x</time>`, 1)
	doc, err := Parse(Input{Data: []byte(two)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Published.IsZero() {
		t.Errorf("published %v from the page's clock", doc.Published)
	}
}

func TestHTMLDetection(t *testing.T) {
	body := page("<title>Guard arrested</title>", "en", "")
	for _, in := range []Input{
		{Name: "page.html", Data: []byte(body)},
		{Name: "page.txt", Data: []byte(body), ContentType: "text/html; charset=utf-8"},
		{Name: "noext", Data: []byte("\n\n  " + body)},
		{Name: "x.xhtml", Data: []byte(`<?xml version="1.0" encoding="utf-8"?>` + body)},
	} {
		doc, err := Parse(in, Options{})
		if err != nil {
			t.Errorf("%s: %v", in.Name, err)
			continue
		}
		if doc.ContentType != TypeHTML {
			t.Errorf("%s: %s", in.Name, doc.ContentType)
		}
	}
	// Served as text/plain, markup is text.
	doc, err := Parse(Input{Name: "x", Data: []byte(body), ContentType: "text/plain"}, Options{})
	if err != nil || doc.ContentType != TypeText || !strings.Contains(doc.Text, "<article>") {
		t.Errorf("text/plain: %v %s", err, doc.ContentType)
	}
}

func TestParseMetaDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-01-03T23:30:00+03:00", "2025-01-03"},
		{"2025-01-03", "2025-01-03"},
		{"2025-1-3 10:00", "2025-01-03"},
		{"2025-01", "2025-01"},
		{"2025", "2025"},
		{"2025-13-01", ""},
		{"20250103", ""},
		{"Fri, 03 Jan 2025 10:00:00 +0300", "2025-01-03"},
		{"January 3, 2025", "2025-01-03"},
		{"3 January 2025", "2025-01-03"},
		{"0001-01-01T00:00:00Z", ""},
		{"", ""},
	}
	for _, tt := range tests {
		d, ok := parseMetaDate(tt.in)
		if d.String() != tt.want || ok != (tt.want != "") {
			t.Errorf("%q: got %q %v, want %q", tt.in, d, ok, tt.want)
		}
	}
}

func TestHTMLLangFallback(t *testing.T) {
	for lang, want := range map[string]string{"ar-SY": "ar", "en": "en", "fr": "other", "": "other"} {
		if got := htmlLang(lang); got != want {
			t.Errorf("%q: %q", lang, got)
		}
	}
}

func TestRenderText(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<h1>Guard arrested</h1><time>2 July</time>`, "Guard arrested\n\n2 July"},
		{`<p>one  two
			three</p><p>four</p>`, "one two three\n\nfour"},
		{`<p>line<br>next<br><br>para</p>`, "line\nnext\n\npara"},
		{`<ul><li>a</li><li>b</li></ul>after`, "a\nb\n\nafter"},
		{`<table><tr><td>x</td><td>y</td></tr><tr><td>z</td></tr></table>`, "x y\nz"},
		{`<p>x</p><pre>  keep
  this</pre>`, "x\n\n  keep\n  this"},
		{`<p>shown<span hidden>no</span><span aria-hidden="true">no</span><span style="display: none">no</span><script>no</script></p>`, "shown"},
		{`<p>a<b>b</b> <i>c</i></p>`, "ab c"},
	}
	for _, tt := range tests {
		root, err := html.Parse(strings.NewReader("<body>" + tt.in + "</body>"))
		if err != nil {
			t.Fatal(err)
		}
		if got := cleanRendered(renderText(root)); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// go-readability turns text <div>s into <p>s that the renderer must still
// see as paragraphs.
func TestHTMLDivParagraphs(t *testing.T) {
	doc, err := Parse(Input{Data: []byte("<!DOCTYPE html><html><body><div>one</div><div>two</div></body></html>")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "one\n\ntwo" {
		t.Errorf("got %q", doc.Text)
	}
}
