package store

import (
	"os"

	"golang.org/x/sys/unix"
)

// batchSync: on Linux the file archive writes a transaction's blobs without
// a sync each and flushes them all with one syncfs before the commit.
const batchSync = true

// syncFS flushes every file and directory of the filesystem holding dir.
func syncFS(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}

// lockFile takes an exclusive lock on path (created if missing), waiting for
// another process to release it, and returns the release.
func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		unix.Flock(int(f.Fd()), unix.LOCK_UN)
		f.Close()
	}, nil
}
