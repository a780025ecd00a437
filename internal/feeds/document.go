package feeds

import (
	"bytes"
	"html/template"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Document renders an item that has no link of its own as an HTML page
// for ingest: its title, the feed's title as publisher, its date, and its
// content. That page is the original the archive keeps for such an item.
// Markup in the content is parsed and written out again without scripts,
// styles and embedded objects, so that the content can never end the page
// early or hide its text in a script.
func Document(feedTitle, lang string, it Item) []byte {
	page := docPage{
		Lang:      langAttr(lang),
		Title:     oneLine(it.Title),
		Publisher: oneLine(feedTitle),
		Body:      body(it.Content),
	}
	if !it.Published.IsZero() {
		page.Published = it.Published.Format(time.RFC3339)
	}
	var b bytes.Buffer
	if err := docTemplate.Execute(&b, page); err != nil {
		// The template and its data are ours; a failure is a bug.
		panic(err)
	}
	return b.Bytes()
}

type docPage struct {
	Lang, Title, Publisher, Published string
	Body                              template.HTML
}

var docTemplate = template.Must(template.New("item").Parse(`<!DOCTYPE html>
<html{{with .Lang}} lang="{{.}}"{{end}}>
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
{{with .Publisher}}<meta property="og:site_name" content="{{.}}">
{{end}}{{with .Published}}<meta property="article:published_time" content="{{.}}">
{{end}}</head>
<body>
<article>
{{with .Title}}<h1>{{.}}</h1>
{{end}}{{.Body}}
</article>
</body>
</html>
`))

var rxLang = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// langAttr keeps a feed's language when it is a well-formed language tag.
func langAttr(lang string) string {
	lang = strings.TrimSpace(lang)
	if !rxLang.MatchString(lang) {
		return ""
	}
	return lang
}

// void are the dropped elements that have no end tag.
var void = map[atom.Atom]bool{atom.Embed: true, atom.Meta: true, atom.Link: true, atom.Base: true, atom.Frame: true}

var rxTag = regexp.MustCompile(`<[A-Za-z!/]`)

// body is the item's content as markup: HTML content cleaned, plain text as
// escaped paragraphs.
func body(content string) template.HTML {
	content = strings.ToValidUTF8(content, "\uFFFD")
	if rxTag.MatchString(content) {
		return cleanHTML(content)
	}
	var b strings.Builder
	for _, para := range strings.Split(strings.ReplaceAll(content, "\r\n", "\n"), "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			b.WriteString("<p>" + template.HTMLEscapeString(para) + "</p>\n")
		}
	}
	return template.HTML(b.String())
}

// dropped are elements removed with everything inside them.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Noscript: true, atom.Template: true, atom.Frame: true, atom.Frameset: true, atom.Svg: true,
	atom.Math: true, atom.Form: true, atom.Title: true, atom.Head: true, atom.Meta: true, atom.Link: true,
	atom.Base: true,
}

// cleanHTML parses content as the inside of a <div> and writes it out again
// without the dropped elements, comments, and attributes other than href;
// elements HTML does not know give up their content to their parent.
func cleanHTML(content string) template.HTML {
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(content), root)
	if err != nil {
		return template.HTML("<p>" + template.HTMLEscapeString(content) + "</p>")
	}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	clean(root)
	var b bytes.Buffer
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if err := html.Render(&b, n); err != nil {
			return template.HTML("<p>" + template.HTMLEscapeString(content) + "</p>")
		}
	}
	return template.HTML(b.String())
}

// clean removes from n's subtree the dropped elements, comments and other
// nodes that are neither text nor elements, and every attribute but href.
func clean(n *html.Node) {
	if n.Type == html.ElementNode {
		var attrs []html.Attribute
		for _, a := range n.Attr {
			if a.Namespace == "" && a.Key == "href" {
				attrs = append(attrs, a)
			}
		}
		n.Attr = attrs
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.ElementNode && c.DataAtom == 0:
			// An element HTML does not know: keep what is inside it.
			first := c.FirstChild
			for gc := c.FirstChild; gc != nil; {
				gnext := gc.NextSibling
				c.RemoveChild(gc)
				n.InsertBefore(gc, c)
				gc = gnext
			}
			n.RemoveChild(c)
			if first != nil {
				next = first
			}
		case c.Type == html.TextNode:
		case c.Type == html.ElementNode && !dropped[c.DataAtom]:
			clean(c)
		default:
			n.RemoveChild(c)
		}
		c = next
	}
}

// textOf is the text of content, markup removed, white space folded: what
// an item without a link would be stored for. Empty means nothing to store.
func textOf(content string) string {
	if !rxTag.MatchString(content) {
		return oneLine(content)
	}
	var b strings.Builder
	var skip int
	z := html.NewTokenizer(strings.NewReader(content))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return oneLine(b.String())
		case html.StartTagToken:
			if name, _ := z.TagName(); dropped[atom.Lookup(name)] && !void[atom.Lookup(name)] {
				skip++
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); dropped[atom.Lookup(name)] && skip > 0 {
				skip--
			}
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
				b.WriteByte(' ')
			}
		}
	}
}
