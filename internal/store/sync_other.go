//go:build !linux

package store

// batchSync: elsewhere each blob is synced, with its folder, as it is written.
const batchSync = false

func syncFS(string) error { return nil }
