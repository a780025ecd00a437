package app

import (
	"context"
	"errors"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/store"
)

// TakeDown erases a source's content for good at a witness's request or to
// protect them (store.Tx.TakeDown: its data key destroyed, its index
// entries removed, the take-down ledgered). Only an admin may, and only
// one cleared for the source: no one erases what they may not read.
func (a *App) TakeDown(ctx context.Context, v access.Viewer, sourceID, reason string) error {
	if err := mayManageAccounts(v, "take a source down"); err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return invalid("a take-down needs a reason (--reason): it is kept in the ledger")
	}
	if _, err := a.st.SourceInfo(ctx, v, sourceID); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return notFound("source")
		}
		return err
	}
	err := a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return tx.TakeDown(ctx, sourceID, reason) })
	if errors.Is(err, store.ErrWithdrawn) {
		return invalid("source %s was taken down already", sourceID)
	}
	return err
}

// RotateKeys makes a new master key and re-wraps every data key under it
// (store.RotateMasterKey); admins only — the operator at the command line
// is one. keepOld keeps the old key file beside the new.
func (a *App) RotateKeys(ctx context.Context, v access.Viewer, keepOld bool) (store.Rotation, error) {
	if err := mayManageAccounts(v, "rotate the master key"); err != nil {
		return store.Rotation{}, err
	}
	return a.st.RotateMasterKey(ctx, v.Actor(), keepOld)
}
