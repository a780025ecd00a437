package ingest

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/model"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlMeta is what a page's markup says about it, outside the article text.
type htmlMeta struct {
	Lang, Dir     string
	Title         string // <title>, og:title
	SiteName      string // og:site_name
	Canonical     string // <link rel=canonical>
	OGURL         string // og:url
	PublishedMeta string // article:published_time and kin
	LDPublished   string // JSON-LD datePublished
	LDPublisher   string // JSON-LD publisher.name
	TimeInArticle string // first <time datetime> inside <article> or <main>
	TimeMarked    string // <time datetime> marked itemprop=datePublished or pubdate
	TimeOnly      string // the <time datetime> when the page has exactly one
	times         int
}

// published is the best published date the markup gives, in the order:
// article:published_time (and kin), JSON-LD datePublished, a <time> marked
// as the publication date, the first <time> in the article, the page's only
// <time>. Dates are read as written, in the publisher's time zone.
func (m htmlMeta) published() model.Date {
	for _, s := range []string{m.PublishedMeta, m.LDPublished, m.TimeMarked, m.TimeInArticle, m.TimeOnly} {
		if d, ok := parseMetaDate(s); ok {
			return d
		}
	}
	return model.Date{}
}

// publisher is og:site_name, else the JSON-LD publisher's name.
func (m htmlMeta) publisher() string {
	if m.SiteName != "" {
		return m.SiteName
	}
	return m.LDPublisher
}

// canonicalURL is the canonical link, else og:url, resolved against base and
// kept only when it is an absolute http(s) URL; else base.
func (m htmlMeta) canonicalURL(base string) string {
	b, _ := url.Parse(base)
	for _, s := range []string{m.Canonical, m.OGURL} {
		if s == "" {
			continue
		}
		u, err := url.Parse(s)
		if err != nil {
			continue
		}
		if b != nil && !u.IsAbs() {
			u = b.ResolveReference(u)
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	return base
}

// publishedNames are <meta> names and properties that give the publication
// date, in order of trust.
var publishedNames = []string{"article:published_time", "og:published_time", "datepublished",
	"pubdate", "publishdate", "publish_date", "dc.date.issued", "dcterms.issued", "dc.date", "date"}

// readMeta walks a parsed page and collects its metadata.
func readMeta(doc *html.Node) htmlMeta {
	var m htmlMeta
	metas := map[string]string{}
	var walk func(n *html.Node, inArticle bool, depth int)
	walk = func(n *html.Node, inArticle bool, depth int) {
		if depth > 512 {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				m.Lang, m.Dir = attr(n, "lang"), attr(n, "dir")
			case atom.Title:
				if m.Title == "" {
					m.Title = strings.TrimSpace(textOf(n))
				}
			case atom.Meta:
				key := strings.ToLower(strings.TrimSpace(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"))))
				if _, seen := metas[key]; key != "" && !seen {
					metas[key] = strings.TrimSpace(attr(n, "content"))
				}
			case atom.Link:
				if hasToken(attr(n, "rel"), "canonical") && m.Canonical == "" {
					m.Canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
					readJSONLD(textOf(n), &m)
				}
			case atom.Article, atom.Main:
				inArticle = true
			case atom.Time:
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
					m.times++
					if m.times == 1 {
						m.TimeOnly = dt
					}
					if m.TimeMarked == "" && (strings.EqualFold(attr(n, "itemprop"), "datePublished") || hasAttr(n, "pubdate")) {
						m.TimeMarked = dt
					}
					if m.TimeInArticle == "" && inArticle {
						m.TimeInArticle = dt
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle, depth+1)
		}
	}
	walk(doc, false, 0)
	if m.times != 1 {
		m.TimeOnly = ""
	}
	m.SiteName = metas["og:site_name"]
	m.OGURL = metas["og:url"]
	if m.Title == "" {
		m.Title = metas["og:title"]
	}
	for _, k := range publishedNames {
		if metas[k] != "" {
			m.PublishedMeta = metas[k]
			break
		}
	}
	return m
}

// readJSONLD takes datePublished and the publisher's name from the first
// objects in a JSON-LD block that have them, looking through arrays and
// @graph.
func readJSONLD(text string, m *htmlMeta) {
	text = strings.TrimSpace(text)
	text = strings.TrimSuffix(strings.TrimPrefix(text, "<![CDATA["), "]]>")
	var v any
	if json.Unmarshal([]byte(text), &v) != nil {
		return
	}
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 32 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok && m.LDPublished == "" {
				m.LDPublished = strings.TrimSpace(s)
			}
			if m.LDPublisher == "" {
				m.LDPublisher = ldName(x["publisher"])
			}
			visit(x["@graph"], depth+1)
		}
	}
	visit(v, 0)
}

// ldName is the name of a JSON-LD publisher: a string, an object with a
// name, or the first such in an array.
func ldName(v any) string {
	switch x := v.(type) {
	case string:
		if strings.HasPrefix(x, "http") || strings.HasPrefix(x, "#") {
			return "" // a reference, not a name
		}
		return strings.TrimSpace(x)
	case map[string]any:
		if s, ok := x["name"].(string); ok {
			return strings.TrimSpace(s)
		}
	case []any:
		for _, e := range x {
			if s := ldName(e); s != "" {
				return s
			}
		}
	}
	return ""
}

var rxISODate = regexp.MustCompile(`^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:$|[T\s+Z]|[-+]\d\d:?\d\d)`)

var dateLayouts = []string{time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, time.RFC850, time.ANSIC,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "2 Jan 2006", "02 Jan 2006"}

// parseMetaDate reads a date as pages write it: ISO 8601 (YYYY-MM-DD with
// or without a time; YYYY-MM and YYYY give that precision), RFC 1123 and
// kin, or "January 2, 2006". The date is the one written, in the zone it was
// written in.
func parseMetaDate(s string) (model.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return model.Date{}, false
	}
	if m := rxISODate.FindStringSubmatch(s); m != nil {
		iso := m[1]
		if m[2] != "" {
			iso += "-" + pad2(m[2])
			if m[3] != "" {
				iso += "-" + pad2(m[3])
			}
		}
		d, err := model.ParseDate(iso)
		if err != nil || d.Year < 1900 {
			return model.Date{}, false
		}
		return d, true
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil && t.Year() >= 1900 {
			return model.DayDate(t.Year(), int(t.Month()), t.Day()), true
		}
	}
	return model.Date{}, false
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

func hasToken(list, token string) bool {
	for _, t := range strings.Fields(list) {
		if strings.EqualFold(t, token) {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
