package dossier

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/web/i18n"
)

//go:embed dossier.html
var pageHTML string

// tmpl is the dossier's template, parsed once.
var tmpl = template.Must(template.New("page").Funcs(template.FuncMap{"pair": pair}).Parse(pageHTML))

// page is what the template gets: the language, the title and the dossier.
type page struct {
	Lang  Lang
	Dir   string
	Title string
	Data  *view
}

// render executes the dossier template.
func (d *view) render(id string) (*Doc, error) {
	p := &page{Lang: d.Lang, Dir: d.Lang.Dir(), Data: d}
	name := d.Name
	if d.Lang == i18n.Arabic && d.NameAr != "" {
		name = d.NameAr
	}
	p.Title = p.T("dossier.title", name)
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, "dossier", p); err != nil {
		return nil, fmt.Errorf("render dossier: %w", err)
	}
	doc := &Doc{ID: id, Lang: d.Lang, HTML: buf.Bytes(), Title: p.Title, Shown: d.shown, Level: d.Marking}
	if d.Marking > model.Public {
		doc.Marking = p.T("dossier.marking." + d.Marking.String())
	}
	return doc, nil
}

// paired hands a partial template both the page (for translation) and the
// value it shows: {{template "dossier-value" (pair $ .)}}.
type paired struct {
	V *page
	X any
}

func pair(p *page, x any) paired { return paired{p, x} }

// T translates a catalogue key into the dossier's language.
func (p *page) T(key string, args ...any) string { return i18n.T(p.Lang, key, args...) }

// ClaimValue is a claim's value in the dossier's language (a rank is
// written in it; other values as the sources wrote them).
func (p *page) ClaimValue(c casefile.Claim) string { return c.ValueIn(string(p.Lang)) }

// label translates prefix+key, or gives key itself when the catalogue has
// no such key (a property or event type added since).
func (p *page) label(prefix, key string) string {
	if i18n.Has(p.Lang, prefix+key) {
		return p.T(prefix + key)
	}
	return key
}

// Sens, Kind and Role translate enumerations.
func (p *page) Sens(s model.Sensitivity) string { return p.T("sens." + s.String()) }
func (p *page) Kind(k model.SourceKind) string  { return p.T("kind." + string(k)) }
func (p *page) Role(r model.Role) string        { return p.T("role." + string(r)) }

// Prop translates a statement property (a model.Property, or its name).
func (p *page) Prop(prop any) string { return p.label("prop.", fmt.Sprint(prop)) }

// EventType translates an event type (a model.EventType, or its name).
func (p *page) EventType(t any) string {
	name := fmt.Sprint(t)
	if name == "" {
		return p.T("event.unknown")
	}
	return p.label("event.", name)
}

// RoleIn translates a participant's role in an event (a
// model.ParticipantRole, or its name).
func (p *page) RoleIn(role any) string {
	name := fmt.Sprint(role)
	if name == "" {
		return ""
	}
	return p.label("role_in.", name)
}

// RefLabel names a linked entity: its name, or for an event its type and
// date; a dash when the viewer may see no name of it.
func (p *page) RefLabel(x any) string {
	var r casefile.Ref
	switch t := x.(type) {
	case casefile.Ref:
		r = t
	case *casefile.Ref:
		if t == nil {
			return "—"
		}
		r = *t
	default:
		return fmt.Sprint(x)
	}
	if r.Type == model.TypeEvent || r.Event != "" {
		out := p.EventType(r.Event)
		if !r.Date.IsZero() {
			out += " · " + r.Date.String()
		}
		return out
	}
	if r.Caption == "" {
		return "—"
	}
	return r.Caption
}

// Independent says how many independent sources make a claim.
func (p *page) Independent(n int) string {
	if n == 1 {
		return p.T("claim.independent_one")
	}
	return p.T("claim.independent", n)
}

// Suggests introduces what unreviewed readings suggest, with how many
// independent sources they rest on.
func (p *page) Suggests(sources int) string { return i18n.Suggests(p.Lang, sources) }

// SourceTitle is a source's title, or a headline, first line or publisher
// and date when it has none (model.Source.DisplayTitle).
func (p *page) SourceTitle(src model.Source) string { return src.DisplayTitle() }

// HTMLLang is a source's language as an HTML lang attribute: "" unless
// Athar knows it (ar or en).
func (p *page) HTMLLang(code string) string {
	if code == "ar" || code == "en" {
		return code
	}
	return ""
}

// Or returns s, or a dash when empty.
func (p *page) Or(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// Time writes a time in UTC to the minute, isolated left to right.
func (p *page) Time(t time.Time) template.HTML {
	if t.IsZero() {
		return "—"
	}
	return ltr(t.UTC().Format("2006-01-02 15:04 UTC"))
}

// Stamp writes an RFC 3339 time (a checkpoint's) like Time.
func (p *page) Stamp(s string) template.HTML {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return ltr(s)
	}
	return p.Time(t)
}

// Date writes a date as far as it is known.
func (p *page) Date(d model.Date) template.HTML {
	if d.IsZero() {
		return template.HTML(template.HTMLEscapeString(p.T("date.unknown")))
	}
	return ltr(d.String())
}

// ltr isolates a run of digits and Latin letters as left to right.
func ltr(s string) template.HTML {
	return template.HTML(`<bdi dir="ltr">` + template.HTMLEscapeString(s) + `</bdi>`)
}

// Cites writes footnote references as superscripts.
func (p *page) Cites(ns []int) template.HTML {
	if len(ns) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<sup class="fn">`)
	for i, n := range ns {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `<a href="#fn-%d">%d</a>`, n, n)
	}
	b.WriteString(`</sup>`)
	return template.HTML(b.String())
}

// Mono isolates a hash or an id left to right, in a monospace face, with
// break opportunities so that a long one wraps.
func (p *page) Mono(s string) template.HTML {
	return template.HTML(`<bdi dir="ltr" class="mono">` + template.HTMLEscapeString(s) + `</bdi>`)
}
