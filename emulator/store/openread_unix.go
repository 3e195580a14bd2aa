//go:build unix

package store

import (
	"io/fs"
	"os"
	"syscall"
)

// openRead opens a regular file for reading. os.Open would first try to
// register the descriptor with the network poller, which refuses regular
// files on Linux: two fcntl calls to make it non-blocking, the refused
// epoll_ctl and two more fcntl calls to undo it, on every GetObject. A
// descriptor from open(2) handed to os.NewFile skips all that.
func openRead(name string) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}
