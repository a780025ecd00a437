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
func FuzzParse(f *testing.F) {
	for _, name := range []string{"rss.xml", "atom.xml", "feed.json", "rss_broken.xml", "rss_updated.xml"} {
		f.Add(readFeed(f, name))
	}
	f.Add([]byte(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">` +
		`<channel><title>RSS 1.0</title></channel><item><title>One</title><link>/x</link><description>&lt;b&gt;b&lt;/b&gt;</description></item></rdf:RDF>`))
	f.Add([]byte(`<rss version="0.91"><channel><title>Old</title><item><title>a</title><description>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</description></item></channel></rss>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","title":"J","items":[{"id":"1","content_text":"x\u0000y"},{"id":"1"}]}`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">&lt;i&gt;t&lt;/i&gt;</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div></content></entry></feed>`))
	f.Fuzz(func(t *testing.T, data []byte) {
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
			_, _ = ingest.Parse(ingest.Input{Name: "item.html", Data: page}, ingest.Options{})
		}
	})
}

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
