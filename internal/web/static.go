package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"path"
	"strings"
)

// asset is an embedded file served at a URL that names its content's hash,
// so browsers may cache it for good: a changed file is a new URL.
type asset struct {
	name        string // style.3f2a….css
	url         string // /static/style.3f2a….css
	contentType string
	data        []byte
}

func loadAsset(file, contentType string) (asset, error) {
	data, err := files.ReadFile(file)
	if err != nil {
		return asset{}, err
	}
	sum := sha256.Sum256(data)
	base := path.Base(file)
	ext := path.Ext(base)
	name := strings.TrimSuffix(base, ext) + "." + hex.EncodeToString(sum[:6]) + ext
	return asset{name: name, url: "/static/" + name, contentType: contentType, data: data}, nil
}

// staticShow serves the stylesheet and the review page's script at their
// content-hashed URLs.
func (s *Server) staticShow(w http.ResponseWriter, r *http.Request) {
	var a asset
	switch r.PathValue("name") {
	case s.css.name:
		a = s.css
	case s.js.name:
		a = s.js
	case s.keyJS.name:
		a = s.keyJS
	default:
		s.notFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.contentType)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(a.data)
}

// healthShow answers load balancers: the process is up.
func (s *Server) healthShow(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}
