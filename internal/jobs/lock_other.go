//go:build !unix

package jobs

// lockFile does nothing where flock is missing: River's migrations then rely
// on SQLite's own write lock, and two processes opening a new data directory
// at the same instant may see one of them fail and need a restart.
func lockFile(string) (func(), error) { return func() {}, nil }
