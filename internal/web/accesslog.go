package web

import (
	"context"
	"net/http"

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

// logged reports whether showing material of this level is recorded.
func logged(s model.Sensitivity) bool { return s >= model.Restricted }

// recordSources records the restricted and confidential sources among
// those about to be shown. It must succeed before the page is sent: a view
// that cannot be recorded is not shown.
func (s *Server) recordSources(r *http.Request, action string, srcs ...model.Source) error {
	var entries []AccessEntry
	st := state(r)
	for _, src := range srcs {
		if logged(src.Sensitivity) {
			entries = append(entries, AccessEntry{At: s.now().UTC(), Actor: st.viewer.Actor(), Action: action,
				Subject: src.ID, Sensitivity: src.Sensitivity, Remote: clientIP(r)})
		}
	}
	if len(entries) == 0 {
		return nil
	}
	return s.accessLog.Record(r.Context(), entries...)
}
