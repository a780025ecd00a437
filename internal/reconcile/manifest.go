package reconcile

import (
	"net/http"

	"github.com/athar-project/athar/internal/model"
)

// Preview frame size announced in the manifests.
const previewWidth, previewHeight = 400, 220

// securityScheme tells clients of Root to send an API token or a
// reconciliation key in the Authorization header (a Swagger 2.0 API key
// scheme, as the manifest schema requires): the key alone as the header's
// value satisfies it, and so does "Bearer KEY". A key's own URL needs no
// header, and its manifest advertises none.
var securityScheme = map[string]any{
	"type": "apiKey", "in": "header", "name": "Authorization",
	"description": "An Athar API token or reconciliation key, as the header's whole value (or after 'Bearer '). " +
		"Clients that cannot send a header, such as OpenRefine, use the reconciliation URL that 'athar token add USER --scope reconcile' prints instead. " +
		"Answers show only what the key's account is cleared to see.",
}

// authentication is the manifest's authentication member for r: the
// header scheme at Root, none at a key's URL.
func authentication(r *http.Request) map[string]any {
	if r.PathValue("key") != "" {
		return nil
	}
	return securityScheme
}

// defaultTypes are the types a client offers first: those matched by name.
func defaultTypes() []kind {
	var out []kind
	for _, k := range kinds {
		if k.ID != string(model.TypeEvent) {
			out = append(out, k)
		}
	}
	return out
}

// manifest02 is the version 0.2 service manifest.
func (s *Service) manifest02(w http.ResponseWriter, r *http.Request) {
	base, root := s.baseURL(r), s.serviceRoot(r)
	svc := func(path string) map[string]string {
		return map[string]string{"service_url": root, "service_path": path}
	}
	m := map[string]any{
		"versions": []string{"0.2"},
		"name":     "Athar",
		// The spaces name Athar's ids and types, whichever URL asked.
		"identifierSpace": base + "/entities/",
		"schemaSpace":     base + Root + "/types",
		"serviceVersion":  serviceVersion,
		"view":            map[string]string{"url": base + "/entities/{{id}}"},
		"preview":         map[string]any{"url": root + "/preview?id={{id}}", "width": previewWidth, "height": previewHeight},
		"suggest": map[string]any{
			"entity":   svc("/suggest/entity"),
			"type":     svc("/suggest/type"),
			"property": svc("/suggest/property"),
		},
		"extend": map[string]any{
			"propose_properties": map[string]string{"service_url": root, "service_path": "/propose_properties"},
			"property_settings":  []any{},
		},
		"defaultTypes": defaultTypes(),
		"batchSize":    maxBatch,
	}
	if a := authentication(r); a != nil {
		m["authentication"] = a
	}
	writeJSON(w, http.StatusOK, m)
}

// manifestDraft is the 1.0-draft service manifest; its routes are relative
// to the URL it is fetched from (/reconcile/1.0-draft, or the key's URL
// followed by /1.0-draft).
func (s *Service) manifestDraft(w http.ResponseWriter, r *http.Request) {
	base := s.baseURL(r)
	m := map[string]any{
		"versions":          []string{"1.0-draft"},
		"name":              "Athar",
		"serviceVersion":    serviceVersion,
		"view":              map[string]string{"url": base + "/entities/{id}"},
		"preview":           map[string]int{"width": previewWidth, "height": previewHeight},
		"suggest":           map[string]bool{"entity": true, "type": true, "property": true},
		"defaultTypes":      defaultTypes(),
		"batchSize":         maxBatch,
		"standardizedScore": true,
	}
	if a := authentication(r); a != nil {
		m["authentication"] = a
	}
	writeJSON(w, http.StatusOK, m)
}

// serviceVersion names this implementation in manifests.
const serviceVersion = "athar-reconcile/1"
