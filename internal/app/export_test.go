package app

// SetBetween has a calling f between two transactions of a long text's
// writing (App.between).
func SetBetween(a *App, f func(step string, n int)) { a.between = f }
