package feeds_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/athar-project/athar/internal/feeds"
	"github.com/athar-project/athar/internal/ingest"
)

// FuzzParse feeds outside bytes to Parse and every item it finds to
// Document and on to ingest: nothing may panic, keys are unique and never
// empty, links are absolute http(s), and the page made of an item holds its
// title in <title> and no script, whatever the feed says.
//
// The seeds are small feeds written for it, inputs over maxFuzzFeed return
// at once, and ingest reads the pages of the first two items only: Go's
// fuzzer minimizes each input that finds new coverage before it goes on,
// reporting no executions meanwhile, and with the test feeds as seeds (1-2.5
// KB, every item's page parsed) one minimization took most of a minute.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>` +
			`<title>Wire</title><link>https://w.example/</link><language>en</language><item><title>Guard arrested</title>` +
			`<link>/a/1.html</link><guid isPermaLink="false">w-1</guid><pubDate>Fri, 14 Mar 2025 11:20:00 +0300</pubDate>` +
			`<description>A former guard was arrested.</description></item><item><title>سجان</title><guid>w-2</guid>` +
			`<content:encoded><![CDATA[<p>نص</p><script>x()</script>]]></content:encoded></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><title>Court</title><link href="https://c.example/"/><entry><id>tag:c,2025:1</id>` +
			`<title>Trial opens</title><link href="https://c.example/t"/><updated>2025-03-10T09:00:00Z</updated>` +
			`<summary type="html">&lt;p&gt;x&lt;/p&gt;</summary></entry></feed>`,
		`{"version":"https://jsonfeed.org/version/1.1","title":"J","home_page_url":"https://j.example/","items":[` +
			`{"id":"1","url":"https://j.example/1","title":"Warrant","content_html":"<p>x</p>","date_published":"2025-03-01T10:00:00Z"},` +
			`{"id":"2","content_text":"y"}]}`,
		`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">` +
			`<channel><title>RSS 1.0</title></channel><item><title>One</title><link>/x</link><description>&lt;b&gt;b&lt;/b&gt;</description></item></rdf:RDF>`,
		`<rss version="0.91"><channel><title>Old</title><item><title>a</title><description>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</description></item></channel></rss>`,
		`{"version":"https://jsonfeed.org/version/1","title":"J","items":[{"id":"1","content_text":"x\u0000y"},{"id":"1"}]}`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">&lt;i&gt;t&lt;/i&gt;</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div></content></entry></feed>`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzFeed {
			return
		}
		p, err := feeds.Parse(data, "https://feeds.example/path/feed")
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, it := range p.Items {
			if it.Key == "" || seen[it.Key] || len(it.Key) > 512+7 {
				t.Fatalf("bad or repeated key %q", it.Key)
			}
			seen[it.Key] = true
			if it.Link != "" && !strings.HasPrefix(it.Link, "http://") && !strings.HasPrefix(it.Link, "https://") {
				t.Fatalf("link %q is not http(s)", it.Link)
			}
			page := feeds.Document(p.Title, p.Language, it)
			if !utf8.Valid(page) {
				t.Fatalf("page is not UTF-8")
			}
			title, scripts := readPage(t, page)
			if scripts != 0 {
				t.Fatalf("page holds %d scripts:\n%s", scripts, page)
			}
			if want := strings.Join(strings.Fields(it.Title), " "); strings.Join(strings.Fields(title), " ") != want {
				t.Fatalf("<title> is %q, want %q", title, want)
			}
			// Whatever ingest makes of the page, it must not panic.
			if len(seen) <= 2 {
				_, _ = ingest.Parse(ingest.Input{Name: "item.html", Data: page}, ingest.Options{})
			}
		}
	})
}

// maxFuzzFeed is the largest input FuzzParse reads: parsing a feed of any
// size is linear, and the size limit is tested on its own.
const maxFuzzFeed = 8 << 10

// readPage parses a page and returns the text of its <title> and how many
// elements could run or embed anything.
func readPage(t *testing.T, page []byte) (string, int) {
	doc, err := html.Parse(strings.NewReader(string(page)))
	if err != nil {
		t.Fatalf("page does not parse: %v", err)
	}
	var title string
	var scripts int
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if n.FirstChild != nil {
					title = n.FirstChild.Data
				}
			case atom.Script, atom.Iframe, atom.Object, atom.Embed, atom.Style:
				scripts++
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					scripts++
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return title, scripts
}
