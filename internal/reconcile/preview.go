package reconcile

import (
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/plumbing"
	"github.com/athar-project/athar/internal/web/i18n"
)

// previewPage is the preview: a small self-contained page, every value
// escaped, nothing loaded from anywhere and no script.
var previewPage = template.Must(template.New("preview").Funcs(template.FuncMap{"join": strings.Join}).Parse(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{.Caption}}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:8px;color:#1b1b1b}
h1{font-size:16px;margin:0 0 2px}
p{margin:0 0 6px;color:#555}
dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:2px 8px}
dt{color:#555}dd{margin:0}
.unreviewed{color:#6b4e00}
</style></head>
<body>
<h1 dir="auto">{{.Caption}}</h1>
<p>{{.Type}} · <span dir="ltr">{{.ID}}</span></p>
<dl>
{{- if .Names}}<dt>Also known as</dt><dd dir="auto">{{join .Names " · "}}</dd>{{end}}
{{- range .Facts}}<dt>{{.Label}}</dt><dd dir="auto"{{if .Unreviewed}} class="unreviewed"{{end}}>{{join .Values ", "}}</dd>{{end}}
</dl>
</body>
</html>
`))

type fact struct {
	Label      string
	Values     []string
	Unreviewed bool // what unreviewed readings suggest, shown apart
}

// previewFacts are the properties a preview lists, in order.
var previewFacts = []struct {
	prop  model.Property
	label string
}{
	{"title", "Rank"}, {"position", "Position"}, {"affiliation", "Affiliation"}, {"birthDate", "Born"},
	{"birthPlace", "Place of birth"}, {"deathDate", "Died"}, {"nationality", "Nationality"}, {"gender", "Gender"},
}

// preview shows an entity's case file as the viewer may see it (the one
// its page, the API and the dossier show); any other id is not found.
func (s *Service) preview(w http.ResponseWriter, r *http.Request, v access.Viewer) {
	id := strings.TrimSpace(r.URL.Query().Get("id"))
	if id == "" {
		problem(w, http.StatusBadRequest, "id: missing; ask /preview?id=ENTITY_ID")
		return
	}
	f, err := s.app.Cases().Read(r.Context(), v, id, casefile.Options{Bounded: true})
	if errors.Is(err, casefile.ErrNotFound) {
		problem(w, http.StatusNotFound, "no entity with this id that you may see")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data, shown := previewData(f)
	if err := s.recordShown(r, v, shown); err != nil {
		s.serverError(w, r, err)
		return
	}
	var b strings.Builder
	if err := previewPage.Execute(&b, data); err != nil {
		s.serverError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	// No script, nothing fetched; the page is meant to sit in a client's
	// iframe, so framing is allowed.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
	w.WriteHeader(http.StatusOK)
	w.Write([]byte(b.String()))
}

type preview struct {
	Caption, Type, ID string
	Names             []string
	Facts             []fact
}

// previewData is what a preview shows of a case file: its names, the facts
// a reconciler compares by, and a person's case status and fate — what
// confirmed events support and, apart, what unreviewed readings suggest —
// with the statements it rests on.
func previewData(f *casefile.File) (preview, []model.Statement) {
	var shown []model.Statement
	for _, cs := range [][]casefile.Claim{f.NamesLatin, f.NamesArabic, f.Epithets} {
		for _, c := range cs {
			shown = append(shown, c.Statements...)
		}
	}
	names := f.Names()
	p := preview{Caption: f.Ref.Caption, Type: typeRef(f.Ref.Type).Name, ID: f.Ref.ID}
	if p.Caption == "" && len(names) > 0 {
		p.Caption = names[0]
	}
	if p.Caption == "" {
		p.Caption = f.Ref.ID
	}
	for _, n := range names {
		if n != p.Caption {
			p.Names = append(p.Names, n)
		}
	}
	for _, pf := range previewFacts {
		i := slices.IndexFunc(f.Facts, func(fa casefile.Fact) bool { return fa.Property == pf.prop })
		if i < 0 {
			continue
		}
		var vs []string
		for _, c := range f.Facts[i].Claims {
			shown = append(shown, c.Statements...)
			v := c.Value
			if v == "" && c.Ref != nil {
				v = c.Ref.Caption
			}
			if v != "" {
				vs = append(vs, v)
			}
		}
		if len(vs) > 0 {
			p.Facts = append(p.Facts, fact{Label: pf.label, Values: vs})
		}
	}
	if f.Ref.Type == model.TypePerson {
		p.Facts = append(p.Facts, status("Case status", "case.", f.Case.Confirmed, f.Case.Suggested, f.Case.Open())...)
		p.Facts = append(p.Facts, status("Fate", "fate.", f.Fate.Confirmed, f.Fate.Suggested, f.Fate.Open())...)
		var rests []string
		for _, r := range []casefile.Reading{f.Case.Confirmed, f.Case.Suggested, f.Fate.Confirmed, f.Fate.Suggested} {
			rests = append(rests, r.Events...)
		}
		for _, ev := range f.Events {
			if slices.Contains(rests, ev.ID) {
				shown = append(shown, ev.Statements...)
			}
		}
	}
	return p, shown
}

// status is a status's lines: the confirmed reading, and the suggestion
// apart when it goes further.
func status(label, prefix string, confirmed, suggested casefile.Reading, open bool) []fact {
	var out []fact
	if confirmed.Value != "" {
		out = append(out, fact{Label: label, Values: []string{reading(prefix, confirmed) + " (confirmed by review)"}})
	}
	if open {
		intro := i18n.Suggests(i18n.English, suggested.Unreviewed)
		out = append(out, fact{Label: label, Values: []string{intro + " " + reading(prefix, suggested)}, Unreviewed: true})
	}
	return out
}

func reading(prefix string, r casefile.Reading) string {
	s := i18n.T(i18n.English, prefix+r.Value)
	if !r.Date.IsZero() {
		s += " " + r.Date.String()
	}
	return s
}

// recordShown writes to the access log, by the audit rule and before the
// preview is sent, every restricted or confidential statement it rests on:
// its names, facts and the events its status is drawn from.
func (s *Service) recordShown(r *http.Request, v access.Viewer, sts []model.Statement) error {
	return s.app.RecordViews(r.Context(), v, "preview", plumbing.ClientAddr(r), app.Shown{Statements: sts})
}
