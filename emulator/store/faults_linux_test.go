package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

func readOnlyChild(arg string) int {
	dir, setup, _ := strings.Cut(arg, "|")
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=8m"); err != nil {
		fmt.Fprintln(os.Stderr, "mount:", err)
		return 3
	}
	if setup != "empty" {
		db, err := store.Open(dir, store.Options{})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		id, _, err := db.WriteBodyFile(strings.NewReader("a body"))
		if err == nil {
			o := &store.S3Object{Key: "k", Size: 6, Parts: []store.S3Part{{Body: id, Size: 6}}}
			err = db.Update(context.Background(), func(tx *store.Tx) error {
				return tx.Put(store.Global, store.S3VersionKind("b"), store.S3VersionKey("k", 1), o)
			})
		}
		if err = errors.Join(err, db.Close()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if setup == "crashed" {
			os.Remove(filepath.Join(dir, "meta.clean"))
		}
	}
	if err := syscall.Mount("tmpfs", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		fmt.Fprintln(os.Stderr, "remount read-only:", err)
		return 3
	}
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		fmt.Println("open failed:", err)
		return 0
	}
	db.Close()
	fmt.Println("opened")
	return 0
}

// A data directory on a read-only file system is refused at start with
// the reason, whether it holds a store closed cleanly, one left by a
// crash, or nothing yet: fakeaws never starts serving a store whose every
// write would fail. (Run in user and mount namespaces; skipped where they
// are not allowed.)
func TestOpenReadOnlyFileSystem(t *testing.T) {
	t.Parallel()
	for _, setup := range []string{"clean", "crashed", "empty"} {
		t.Run(setup, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "data")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), readOnlyChildEnv+"="+dir+"|"+setup)
			cmd.SysProcAttr = &syscall.SysProcAttr{
				Cloneflags:  syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS,
				UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}},
				GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}},
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			var exit *exec.ExitError
			if errors.As(err, &exit) && exit.ExitCode() == 3 || err != nil && !errors.As(err, &exit) {
				t.Skipf("cannot mount a tmpfs in user and mount namespaces: %v %s", err, stderr.String())
			}
			if err != nil {
				t.Fatalf("child: %v %s", err, stderr.String())
			}
			got := strings.TrimSpace(string(out))
			if !strings.HasPrefix(got, "open failed:") || !strings.Contains(got, "read-only file system") || !strings.Contains(got, dir) {
				t.Errorf("Open on a read-only file system: %q, want it refused naming %s and the read-only file system", got, dir)
			}
		})
	}
}
