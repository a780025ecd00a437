package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/dossier"
)

// The case dossier (internal/dossier) as web pages: the person's case file
// as a printable report, and the same printed to PDF.

// dossierShow is GET /entities/{id}/dossier: the dossier as a web page.
// Its inlined stylesheet is allowed by its hash, nothing else.
func (s *Server) dossierShow(w http.ResponseWriter, r *http.Request) {
	d, ok := s.dossierFor(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src '"+dossier.CSSHash()+"'; "+
		"img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(d.HTML)
}

// dossierPDF is GET /entities/{id}/dossier.pdf: the dossier printed, as a
// download.
func (s *Server) dossierPDF(w http.ResponseWriter, r *http.Request) {
	d, ok := s.dossierFor(w, r)
	if !ok {
		return
	}
	out, err := d.PDF(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="dossier-`+d.ID+"-"+string(d.Lang)+`.pdf"`)
	_, _ = w.Write(out)
}

// dossierFor builds the dossier a request asks for and records the view;
// ok is false when a response was already written. A merged id goes to
// the dossier of the entity it was merged into.
func (s *Server) dossierFor(w http.ResponseWriter, r *http.Request) (*dossier.Doc, bool) {
	ctx, st := r.Context(), state(r)
	id := r.PathValue("id")
	if c, err := s.store.Canonical(ctx, id); err == nil && c != id {
		target := "/entities/" + c + "/dossier"
		if strings.HasSuffix(r.URL.Path, ".pdf") {
			target += ".pdf"
		}
		http.Redirect(w, r, target, http.StatusFound)
		return nil, false
	}
	d, err := s.app.Dossiers(s.now).Make(ctx, st.viewer, id, st.lang)
	if errors.Is(err, dossier.ErrNoSuchPerson) {
		s.notFound(w, r)
		return nil, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	if err := s.record(r, "dossier", app.Shown{Sources: d.Shown}); err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return d, true
}
