package store

import (
	"context"

	"github.com/athar-project/athar/internal/model"
)

// EntityWithTyped exposes the walk by type that EntityWith and
// EntitiesWith used to run for every look-up: the external tests hold the
// new plan to its answers.
func (t *Tx) EntityWithTyped(ctx context.Context, typ model.EntityType, property, value string) (string, error) {
	return t.entityWithTyped(ctx, typ, property, value)
}
