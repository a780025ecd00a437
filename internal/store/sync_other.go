//go:build !linux

package store

// batchSync: elsewhere each blob is synced, with its folder, as it is written.
const batchSync = false

func syncFS(string) error { return nil }

// lockFile is a no-op where flock is not used: run one process at a time
// when a data directory is created.
func lockFile(string) (func(), error) { return func() {}, nil }
