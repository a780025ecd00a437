package app

// SetBetween has a calling f between two transactions of a long text's
// writing (App.between).
func SetBetween(a *App, f func(step string, n int)) { a.between = f }

// Regrouped is f grouping a window of statements on every request, as
// before the queue's claims were kept.
func Regrouped(f ClaimFilter) ClaimFilter { f.regroup = true; return f }
