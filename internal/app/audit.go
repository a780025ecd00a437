package app

import (
	"context"
	"fmt"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// The audit rule: every time restricted or confidential material is shown
// to someone — a page, an API answer, a reconciliation answer, a dossier —
// an entry naming it by id (never by value), who saw it, the action and
// where from goes to the append-only access log before the answer is sent.
// A view that cannot be recorded is not shown.

// AccessEntry is one recorded view.
type AccessEntry = model.AccessEntry

// Logged reports whether showing material of this level is recorded.
func Logged(s model.Sensitivity) bool { return s >= model.Restricted }

// Shown is what one answer shows: the sources and the statements in it.
type Shown struct {
	Sources    []model.Source
	Statements []model.Statement
}

// RecordViews records, as the audit rule says, the restricted and
// confidential sources and statements about to be shown to v by action
// (each once), from the client address remote. It must succeed before the
// answer is sent.
func (a *App) RecordViews(ctx context.Context, v access.Viewer, action, remote string, shown Shown) error {
	at := a.now().UTC()
	var entries []AccessEntry
	seen := map[string]bool{}
	add := func(id string, s model.Sensitivity) {
		if Logged(s) && !seen[id] {
			seen[id] = true
			entries = append(entries, AccessEntry{At: at, Actor: v.Actor(), Action: action, Subject: id, Sensitivity: s, Remote: remote})
		}
	}
	for _, src := range shown.Sources {
		add(src.ID, src.Sensitivity)
	}
	for _, st := range shown.Statements {
		add(st.ID, st.Sensitivity)
	}
	if len(entries) == 0 {
		return nil
	}
	if err := a.st.AccessLog().Record(ctx, entries...); err != nil {
		return fmt.Errorf("record restricted views in the access log: %w", err)
	}
	return nil
}

// AccessLog lists the latest recorded views, newest first, for v, an admin.
func (a *App) AccessLog(ctx context.Context, v access.Viewer, limit int) ([]AccessEntry, error) {
	if err := mayManageAccounts(v, "read the access log"); err != nil {
		return nil, err
	}
	return a.st.AccessLog().Recent(ctx, limit)
}
