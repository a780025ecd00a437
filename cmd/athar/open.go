package main

import (
	"context"
	"fmt"
	"os"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// open opens the application layer over the store the global flags name.
// Commands that only read pass readOnly, so that they never create a data
// directory.
func (g *globals) open(ctx context.Context, readOnly bool) (*app.App, error) {
	a, err := app.Open(ctx, app.OpenConfig{DataDir: g.data, DBURL: g.db, ReadOnly: readOnly}, app.Config{EnquiryWebhook: os.Getenv("ATHAR_ENQUIRY_WEBHOOK")})
	if err != nil {
		return nil, cannot(err)
	}
	return a, nil
}

// openApp opens the application layer and resolves who the command acts
// as; the caller closes it.
func (g *globals) openApp(ctx context.Context, readOnly bool) (*app.App, access.Viewer, error) {
	a, err := g.open(ctx, readOnly)
	if err != nil {
		return nil, access.Viewer{}, err
	}
	v, err := g.actor(ctx, a)
	if err != nil {
		a.Close()
		return nil, v, err
	}
	return a, v, nil
}

// actor is who the command acts as (app.ActAs), narrowed by --clearance.
func (g *globals) actor(ctx context.Context, a *app.App) (access.Viewer, error) {
	v, err := a.ActAs(ctx, g.as)
	if err != nil {
		return v, cannot(fmt.Errorf("--as %w", err))
	}
	if g.clearance != "" {
		c, err := model.ParseSensitivity(g.clearance)
		if err != nil {
			return v, cannot(fmt.Errorf("--clearance: %w", err))
		}
		if v, err = v.Narrow(c); err != nil {
			return v, cannot(fmt.Errorf("--clearance: %w", err))
		}
	}
	return v, nil
}

// done signs the ledger's head after a command wrote (app.Checkpoint).
func (g *globals) done(ctx context.Context, a *app.App) error {
	if err := a.Checkpoint(ctx); err != nil {
		return cannot(err)
	}
	return nil
}

// refused turns what a use case refused, or failed at, into the command's
// exit: 2 with the message.
func refused(err error) error { return cannot(err) }
