package app

import (
	"context"
	"errors"
	"io"
	"os"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/backup"
	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Operations of the installation: publishing the public view, verifying the
// ledger, signing its head, assigning work, signing in.

// SetPublicView publishes (on) or withdraws the public view, as v, an admin:
// anonymous visitors then read what the read policy gives the public.
func (a *App) SetPublicView(ctx context.Context, v access.Viewer, on bool) error {
	if err := mayManageAccounts(v, "publish or withdraw the public view"); err != nil {
		return err
	}
	return a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return tx.SetPublicView(ctx, on) })
}

// Verify walks the ledger and re-hashes every row and original, for v, an
// admin (on the command line, the operator), against the anchors
// ATHAR_LEDGER_ANCHORS names (VerifyAnchored).
func (a *App) Verify(ctx context.Context, v access.Viewer) (VerifyReport, error) {
	return a.VerifyAnchored(ctx, v, os.Getenv(ledger.AnchorsEnv))
}

// VerifyAnchored is Verify against the checkpoints published in anchors, a
// folder or file outside the data directory ("": none, and the report says
// what could not be checked without them).
func (a *App) VerifyAnchored(ctx context.Context, v access.Viewer, anchors string) (VerifyReport, error) {
	if err := mayManageAccounts(v, "verify the ledger"); err != nil {
		return VerifyReport{}, err
	}
	r, err := a.st.VerifyAnchored(ctx, anchors)
	if err != nil {
		return r, err
	}
	return r, a.verifyTimestamps(&r)
}

// SignHead signs the ledger's head into a checkpoint and returns it: what a
// dossier carries so that a court can check nothing in it changed after.
// Configured authorities are asked for trusted time over it (Timestamp).
func (a *App) SignHead(ctx context.Context) (ledger.Checkpoint, error) {
	res, err := a.Timestamp(ctx)
	return res.Checkpoint, err
}

// Reviewers lists the accounts a source may be assigned to, for v, who
// assigns work (a reviewer or an admin): enabled reviewers and admins
// cleared for the source.
func (a *App) Reviewers(ctx context.Context, v access.Viewer, src model.Source) ([]model.User, error) {
	if !v.CanReview() {
		return nil, forbidden("%s may not assign work (role %s)", v.Actor(), v.Role)
	}
	users, err := a.st.Users(ctx)
	if err != nil {
		return nil, err
	}
	var out []model.User
	for _, u := range users {
		uv := access.ForUser(u)
		if !u.Disabled && uv.CanReview() && uv.CanSee(src.Sensitivity) {
			out = append(out, u)
		}
	}
	return out, nil
}

// Assign assigns the source id to the reviewer of that account id or, with
// reviewerID "", takes the assignment away, as v, a reviewer or an admin
// who may see the source. The reviewer must be able to review it.
func (a *App) Assign(ctx context.Context, v access.Viewer, id, reviewerID string) error {
	if !v.CanReview() {
		return forbidden("%s may not assign work (role %s)", v.Actor(), v.Role)
	}
	src, err := a.st.Source(ctx, v, id)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("source")
	}
	if err != nil {
		return err
	}
	err = a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
		if reviewerID == "" {
			return tx.Unassign(ctx, src.ID)
		}
		return tx.Assign(ctx, src.ID, reviewerID)
	})
	if errors.Is(err, store.ErrNotReviewer) || errors.Is(err, store.ErrNotFound) {
		return &Error{Kind: Invalid, Msg: "that account cannot be assigned this source", Err: err}
	}
	return err
}

// AnyoneCanSignIn reports whether some account can sign in to the web UI.
func (a *App) AnyoneCanSignIn(ctx context.Context) (bool, error) {
	users, err := a.st.Users(ctx)
	if err != nil {
		return false, err
	}
	for _, u := range users {
		if !u.Disabled && u.PasswordHash != "" {
			return true, nil
		}
	}
	return false, nil
}

// Sessions is the store's table of signed-in sessions (the web UI's).
type Sessions = store.Sessions

// Sessions returns the table of signed-in sessions.
func (a *App) Sessions() Sessions { return a.st.Sessions() }

// AccessLogStore is the append-only access log.
type AccessLogStore = store.AccessLog

// AccessLogStore returns the access log (what RecordViews writes to).
func (a *App) AccessLogStore() AccessLogStore { return a.st.AccessLog() }

// ErrNoSession means no session has the id given.
var ErrNoSession = store.ErrNoSession

// ErrNoToken means an API token is unknown, revoked, expired or its
// account disabled: the same answer for each.
var ErrNoToken = store.ErrNoToken

// Backup writes a backup of the whole evidence base to w (see
// internal/backup), as v, an admin with full clearance: it holds everything,
// whatever its level.
func (a *App) Backup(ctx context.Context, v access.Viewer, w io.Writer) (backup.Manifest, error) {
	if v.Anonymous || v.Role != model.RoleAdmin || v.Clearance != model.Confidential {
		return backup.Manifest{}, forbidden("only an admin with full clearance may back up everything (%s is %s, %s)", v.Actor(), v.Role, v.Clearance)
	}
	return backup.Write(ctx, a.st, w)
}

// Restore reads a backup into an empty data directory (and, for a
// PostgreSQL backup, the empty database at dbURL): what an operator does
// before any App is opened on them.
func Restore(ctx context.Context, r io.Reader, dataDir, dbURL string) (backup.Manifest, error) {
	return backup.Restore(ctx, r, dataDir, dbURL)
}

// MigrationStatus lists each migration of the store and whether it is
// applied.
func (a *App) MigrationStatus(ctx context.Context) ([]string, error) {
	return a.st.MigrationStatus(ctx)
}

// RebuildTotals builds the page totals again from the statements and
// mentions, as v, an admin (the operator), and returns how many statements
// it counted.
func (a *App) RebuildTotals(ctx context.Context, v access.Viewer) (int, error) {
	if err := mayManageAccounts(v, "rebuild the page totals"); err != nil {
		return 0, err
	}
	return a.st.RebuildTotals(ctx)
}
