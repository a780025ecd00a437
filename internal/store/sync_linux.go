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
