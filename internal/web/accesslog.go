package web

import (
	"context"
	"net/http"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// AccessEntry records that someone was shown restricted or confidential
// material, naming it by id only (the store's type).
type AccessEntry = model.AccessEntry

// AccessLog keeps the record of restricted views that admins read. The
// store's AccessLog (an append-only table) is the default.
type AccessLog interface {
	Record(ctx context.Context, entries ...AccessEntry) error
	// Recent returns up to limit entries, newest first.
	Recent(ctx context.Context, limit int) ([]AccessEntry, error)
}

// record writes to the access log, by the audit rule (app.RecordViews), the
// restricted and confidential sources and statements about to be shown. It
// must succeed before the page is sent: a view that cannot be recorded is not
// shown.
func (s *Server) record(r *http.Request, action string, shown app.Shown) error {
	return s.app.RecordViews(r.Context(), state(r).viewer, action, clientIP(r), shown)
}

// recordSources is record for a page that shows sources.
func (s *Server) recordSources(r *http.Request, action string, srcs ...model.Source) error {
	return s.record(r, action, app.Shown{Sources: srcs})
}
