package ingest

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// renderText writes the text of an HTML tree as plain text: runs of white
// space become one space (inside <pre> they are kept), block elements are
// paragraphs separated by a blank line, list items and table rows start a
// new line, so does <br> (two make a blank line), table cells are separated by a tab. Scripts, styles,
// media and hidden elements are left out.
//
// go-readability's own renderer puts a break before a block but not after
// it, so a heading and the inline text that follows it run together
// ("Guard arrested2 July"); spans need the words apart.
func renderText(n *html.Node) string {
	var r textRenderer
	r.render(n, false, 0)
	return r.b.String()
}

type textRenderer struct {
	b     strings.Builder
	space bool // a space is due before the next word
	lines int  // line breaks due before the next word (0, 1 or 2)
}

func (r *textRenderer) brk(n int) {
	if n > r.lines {
		r.lines = n
	}
}

func (r *textRenderer) write(s string) {
	if s == "" {
		return
	}
	if r.b.Len() > 0 {
		switch {
		case r.lines > 0:
			r.b.WriteString(strings.Repeat("\n", r.lines))
		case r.space:
			r.b.WriteByte(' ')
		}
	}
	r.lines, r.space = 0, false
	r.b.WriteString(s)
}

func (r *textRenderer) render(n *html.Node, pre bool, depth int) {
	if depth > 512 {
		return
	}
	switch n.Type {
	case html.TextNode:
		if pre {
			r.write(n.Data)
			return
		}
		text := n.Data
		for text != "" {
			if i := strings.IndexFunc(text, unicode.IsSpace); i == 0 {
				r.space = true
				text = strings.TrimLeftFunc(text, unicode.IsSpace)
				continue
			} else if i < 0 {
				r.write(text)
				return
			} else {
				r.write(text[:i])
				text = text[i:]
			}
		}
		return
	case html.ElementNode:
		if hidden(n) {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	before, after := 0, 0
	// go-readability makes elements with a tag name and no atom: go by name.
	switch atom.Lookup([]byte(n.Data)) {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Svg, atom.Math, atom.Iframe,
		atom.Object, atom.Embed, atom.Audio, atom.Video, atom.Canvas, atom.Map, atom.Select, atom.Button:
		return
	case atom.Br:
		if r.b.Len() > 0 {
			r.lines = min(r.lines+1, 2)
		}
		return
	case atom.Hr:
		r.brk(2)
		return
	case atom.Pre:
		before, after, pre = 2, 2, true
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Div, atom.Section,
		atom.Article, atom.Main, atom.Header, atom.Footer, atom.Aside, atom.Nav, atom.Figure, atom.Figcaption,
		atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Address, atom.Details, atom.Form, atom.Fieldset:
		before, after = 2, 2
	case atom.Li, atom.Dt, atom.Dd, atom.Tr, atom.Caption, atom.Summary, atom.Legend:
		before, after = 1, 1
	case atom.Td, atom.Th:
		if r.b.Len() > 0 && r.lines == 0 {
			r.space = true
		}
	}
	r.brk(before)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.render(c, pre, depth+1)
	}
	r.brk(after)
}

// hidden says whether an element is marked as not shown.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "aria-hidden":
			return a.Val == "" || strings.EqualFold(a.Val, "true")
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}
