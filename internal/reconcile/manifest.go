package reconcile

import (
	"net/http"

	"github.com/athar-project/athar/internal/model"
)

// Preview frame size announced in the manifests.
const previewWidth, previewHeight = 400, 220

// securityScheme tells clients to send an API token (a Swagger 2.0 API key
// scheme, as the manifest schema requires).
var securityScheme = map[string]any{
	"type": "apiKey", "in": "header", "name": "Authorization",
	"description": "An Athar API token, sent as 'Bearer TOKEN'. Answers show only what the token's account is cleared to see.",
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
	base := s.baseURL(r)
	svc := func(path string) map[string]string {
		return map[string]string{"service_url": base + Root, "service_path": path}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"versions":        []string{"0.2"},
		"name":            "Athar",
		"identifierSpace": base + "/entities/",
		"schemaSpace":     base + Root + "/types",
		"serviceVersion":  serviceVersion,
		"view":            map[string]string{"url": base + "/entities/{{id}}"},
		"preview":         map[string]any{"url": base + Root + "/preview?id={{id}}", "width": previewWidth, "height": previewHeight},
		"suggest": map[string]any{
			"entity":   svc("/suggest/entity"),
			"type":     svc("/suggest/type"),
			"property": svc("/suggest/property"),
		},
		"defaultTypes":   defaultTypes(),
		"batchSize":      maxBatch,
		"authentication": securityScheme,
	})
}

// manifestDraft is the 1.0-draft service manifest; its routes are relative
// to /reconcile/1.0-draft.
func (s *Service) manifestDraft(w http.ResponseWriter, r *http.Request) {
	base := s.baseURL(r)
	writeJSON(w, http.StatusOK, map[string]any{
		"versions":          []string{"1.0-draft"},
		"name":              "Athar",
		"serviceVersion":    serviceVersion,
		"view":              map[string]string{"url": base + "/entities/{id}"},
		"preview":           map[string]int{"width": previewWidth, "height": previewHeight},
		"suggest":           map[string]bool{"entity": true, "type": true, "property": true},
		"defaultTypes":      defaultTypes(),
		"batchSize":         maxBatch,
		"authentication":    securityScheme,
		"standardizedScore": true,
	})
}

// serviceVersion names this implementation in manifests.
const serviceVersion = "athar-reconcile/1"
