package web

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/athar-project/athar/internal/model"
)

// AccessEntry records that someone was shown restricted or confidential
// material. It names the material by id only, never by its content.
type AccessEntry struct {
	At          time.Time
	Actor       string // the account name
	Action      string // view, download, list
	Subject     string // e.g. a source id
	Sensitivity model.Sensitivity
	Remote      string // the client address
}

// AccessLog keeps the record of restricted views that admins read.
//
// Like SessionStore, this moves into the store (an append-only
// `access_log` table, SQL in the package's report); the in-memory version
// keeps the newest entries only and loses them on restart.
type AccessLog interface {
	Record(ctx context.Context, entries ...AccessEntry) error
	// Recent returns up to limit entries, newest first.
	Recent(ctx context.Context, limit int) ([]AccessEntry, error)
}

// MemoryAccessLog is an AccessLog in a bounded ring in memory.
type MemoryAccessLog struct {
	mu      sync.Mutex
	entries []AccessEntry
	next    int
	full    bool
}

// NewMemoryAccessLog keeps the newest capacity entries (0: 10000).
func NewMemoryAccessLog(capacity int) *MemoryAccessLog {
	if capacity <= 0 {
		capacity = 10000
	}
	return &MemoryAccessLog{entries: make([]AccessEntry, capacity)}
}

// Record appends entries.
func (m *MemoryAccessLog) Record(_ context.Context, entries ...AccessEntry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range entries {
		m.entries[m.next] = e
		m.next = (m.next + 1) % len(m.entries)
		if m.next == 0 {
			m.full = true
		}
	}
	return nil
}

// Recent returns the newest entries first.
func (m *MemoryAccessLog) Recent(_ context.Context, limit int) ([]AccessEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := m.next
	if m.full {
		n = len(m.entries)
	}
	if limit <= 0 || limit > n {
		limit = n
	}
	out := make([]AccessEntry, 0, limit)
	for i := 1; i <= limit; i++ {
		out = append(out, m.entries[(m.next-i+len(m.entries))%len(m.entries)])
	}
	return out, nil
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
