package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
)

// What the enquiry and watch commands share: one use case run as the
// command's viewer, and a list printed as JSON or as a table.

// runApp opens the application layer as the command's viewer, calls the
// use case and, for one that writes, signs the ledger's head before show
// prints what it returned (the app still open).
func runApp[T any](ctx context.Context, g *globals, writes bool, call func(*app.App, access.Viewer) (T, error), show func(*app.App, access.Viewer, T) error) error {
	a, v, err := g.openApp(ctx, !writes)
	if err != nil {
		return err
	}
	defer a.Close()
	got, err := call(a, v)
	if err != nil {
		return refused(err)
	}
	if writes {
		if err := g.done(ctx, a); err != nil {
			return err
		}
	}
	return show(a, v, got)
}

// printList prints items as a JSON array of their docs (never null) with
// --json, else as a table under header (tab-separated), a row each.
func printList[T, D any](g *globals, items []T, doc func(T) D, header string, row func(T) []any) error {
	if g.json {
		out := make([]D, 0, len(items))
		for _, x := range items {
			out = append(out, doc(x))
		}
		return g.printJSON(out)
	}
	w := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, header)
	for _, x := range items {
		cells := row(x)
		for i, c := range cells {
			sep := "\t"
			if i == len(cells)-1 {
				sep = "\n"
			}
			fmt.Fprint(w, c, sep)
		}
	}
	return w.Flush()
}
