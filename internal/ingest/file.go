package ingest

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ReadFile reads the file at path for ingest, refusing anything that is not
// a regular file — a named pipe (FIFO), a device, a socket — before reading
// a byte of it, and a file over max bytes (0: DefaultMaxBytes) before
// reading it into memory. A FIFO named on the command line used to be
// opened for reading, which waits for a writer that never comes: ingest
// hung and SIGTERM could not stop it. The file is opened without blocking
// (O_NONBLOCK: opening a FIFO returns at once) and checked on the opened
// descriptor, so nothing swapped in after a check is read either. Errors
// from opening it are the *fs.PathError os gives.
func ReadFile(path string, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxBytes
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return nil, &fs.PathError{Op: "read", Path: path, Err: syscall.EISDIR}
		}
		return nil, errorf(ErrNotFile, "%s; Athar reads regular files and folders only", fileKind(fi.Mode()))
	}
	if fi.Size() > max {
		return nil, errorf(ErrTooLarge, "the file has %s, the limit is %s", byteSize(fi.Size()), byteSize(max))
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, errorf(ErrTooLarge, "the file grew past the limit of %s while read", byteSize(max))
	}
	return data, nil
}

// fileKind names what a non-regular file is.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return fmt.Sprintf("not a regular file (%s)", m.Type())
}
