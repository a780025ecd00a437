package reconcile

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/athar-project/athar/internal/access"
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
</style></head>
<body>
<h1 dir="auto">{{.Caption}}</h1>
<p>{{.Type}} · <span dir="ltr">{{.ID}}</span></p>
<dl>
{{- if .Names}}<dt>Also known as</dt><dd dir="auto">{{join .Names " · "}}</dd>{{end}}
{{- range .Facts}}<dt>{{.Label}}</dt><dd dir="auto">{{join .Values ", "}}</dd>{{end}}
</dl>
</body>
</html>
`))

type fact struct {
	Label  string
	Values []string
}

// previewFacts are the properties a preview lists, in order.
var previewFacts = []struct{ prop, label string }{
	{"title", "Rank"}, {"position", "Position"}, {"affiliation", "Affiliation"}, {"birthDate", "Born"},
	{"birthPlace", "Place of birth"}, {"deathDate", "Died"}, {"nationality", "Nationality"}, {"gender", "Gender"},
}

// preview shows an entity the viewer may see; any other id is not found.
func (s *Service) preview(w http.ResponseWriter, r *http.Request, v access.Viewer) {
	id := strings.TrimSpace(r.URL.Query().Get("id"))
	if id == "" {
		problem(w, http.StatusBadRequest, "id: missing; ask /preview?id=ENTITY_ID")
		return
	}
	ev, err := newReader(s.st, v).view(r.Context(), id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if ev == nil {
		problem(w, http.StatusNotFound, "no entity with this id that you may see")
		return
	}
	data := struct {
		Caption, Type, ID string
		Names             []string
		Facts             []fact
	}{Caption: ev.caption(), Type: typeRef(ev.typ).Name, ID: ev.id}
	if len(ev.names) > 1 {
		data.Names = ev.names[1:]
	}
	for _, f := range previewFacts {
		var vs []string
		for _, st := range ev.values(f.prop) {
			if st.Value != "" {
				vs = append(vs, st.Value)
			}
		}
		if len(vs) > 0 {
			data.Facts = append(data.Facts, fact{f.label, vs})
		}
	}
	if err := s.record(r, v, "preview", ev); err != nil {
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
