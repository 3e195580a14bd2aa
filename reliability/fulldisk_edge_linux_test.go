package reliability

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// holdTmpfs mounts a tmpfs of size in new user and mount namespaces held by
// a sleeping process, and returns the directory through which processes
// outside reach it (/proc/PID/root/DIR), so fakeaws can run on it twice and
// the test can write beside it.
func holdTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	tmpfsCommand(t, dir, size) // skips where the namespaces are not allowed
	holder := inTmpfs(dir, size, "/bin/sh", "-c", "exec sleep 900")
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = holder.Process.Kill(); _ = holder.Wait() })
	proc := filepath.Join("/proc", strconv.Itoa(holder.Process.Pid))
	path := filepath.Join(proc, "root", dir)
	const tmpfsMagic = 0x01021994
	// The holder mounts, then execs sh, which execs sleep: while an exec
	// is under way /proc/PID/root can refuse access, and a fakeaws started
	// then failed "create store dir: mkdir /proc/PID/root: file exists"
	// (seen once in a gate). Wait for sleep as well as for the mount.
	waitUntil(t, "mount the held tmpfs", func() bool {
		comm, err := os.ReadFile(filepath.Join(proc, "comm"))
		var st syscall.Statfs_t
		return err == nil && strings.TrimSpace(string(comm)) == "sleep" &&
			syscall.Statfs(path, &st) == nil && st.Type == tmpfsMagic
	})
	return path
}

// fillToLastByte writes a file in dir until the file system has no free
// block left.
func fillToLastByte(t *testing.T, dir string) {
	t.Helper()
	f, err := os.CreateTemp(dir, "filler-*")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, chunk := range []int{64 << 10, 1} {
		buf := make([]byte, chunk)
		for {
			if _, err := f.Write(buf); err != nil {
				if !errors.Is(err, syscall.ENOSPC) {
					t.Fatalf("fill %s: %v", dir, err)
				}
				break
			}
		}
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil || st.Bavail != 0 {
		t.Fatalf("statfs after filling: %d blocks free, %v; want 0", st.Bavail, err)
	}
}

// fillWithObjects PUTs objects (256 KiB, 4 KiB, then empty ones) until each
// size is refused with InternalError, returning the acknowledged ones.
func fillWithObjects(t *testing.T, s *server, sizes map[int]int) []int {
	t.Helper()
	var stored []int
	for _, size := range []int{256 << 10, 4 << 10, 0} {
		full := false
		for i := len(sizes); i < 20000 && !full; i++ {
			code, body := s.do(t, http.MethodPut, fmt.Sprintf("/full/obj-%d", i), objectBody(i, size))
			switch {
			case code == http.StatusOK:
				stored = append(stored, i)
				sizes[i] = size
			case code == http.StatusInternalServerError && strings.Contains(body, "<Code>InternalError</Code>"):
				full = true
				sizes[i] = -1 // refused: never acknowledged
			default:
				t.Fatalf("PUT obj-%d on a filling disk = %d %s, want 200 or 500 InternalError", i, code, body)
			}
		}
	}
	return stored
}

// checkObjects GETs every acknowledged object and compares its bytes.
func checkObjects(t *testing.T, s *server, when string, sizes map[int]int, deleted map[int]bool) {
	t.Helper()
	for i, size := range sizes {
		if size < 0 || deleted[i] {
			continue
		}
		code, body := s.do(t, http.MethodGet, fmt.Sprintf("/full/obj-%d", i), "")
		if want := objectBody(i, size); code != http.StatusOK || body != want {
			t.Errorf("%s: GET obj-%d = %d with %d bytes, want 200 with its %d bytes", when, i, code, len(body), len(want))
		}
	}
}

// Issue 11 item 6, to the last byte and across a restart: with fakeaws's
// objects filling the disk as far as they can and a file taking every
// block left, writes are refused with InternalError, every acknowledged
// object reads back, DELETE still frees space, and a second fakeaws on the
// same (still full) file system finds every acknowledged object.
func TestFullDiskToTheLastByte(t *testing.T) {
	t.Parallel()
	data := holdTmpfs(t, "4m")
	s := start(t, data)
	if code, body := s.do(t, http.MethodPut, "/full", ""); code != http.StatusOK {
		t.Fatalf("CreateBucket = %d %s", code, body)
	}
	sizes := map[int]int{}
	stored := fillWithObjects(t, s, sizes)
	if len(stored) < 2 {
		t.Fatalf("only %d PUTs succeeded before the disk was full", len(stored))
	}
	fillToLastByte(t, data)
	// Empty objects need only metadata: PUT them until meta.db needs a
	// page the disk cannot give, then one with a body.
	refused := false
	for id := 100000; id < 105000 && !refused; id++ {
		size := 0
		if id == 104999 {
			size = 1 << 10
		}
		code, body := s.do(t, http.MethodPut, fmt.Sprintf("/full/obj-%d", id), objectBody(id, size))
		switch {
		case code == http.StatusOK:
			sizes[id] = size
		case code == http.StatusInternalServerError && strings.Contains(body, "<Code>InternalError</Code>"):
			sizes[id] = -1
			refused = true
			t.Logf("with 0 blocks free, %d empty objects were stored before meta.db could not grow", id-100000)
		default:
			t.Fatalf("PUT obj-%d with 0 blocks free = %d %s, want 200 or 500 InternalError", id, code, body)
		}
	}
	if !refused {
		t.Fatal("5000 PUTs with 0 blocks free were all acknowledged")
	}
	checkObjects(t, s, "0 blocks free", sizes, nil)
	deleted := map[int]bool{}
	for _, i := range stored[:2] {
		code, body := s.do(t, http.MethodDelete, fmt.Sprintf("/full/obj-%d", i), "")
		if code != http.StatusNoContent {
			t.Fatalf("DELETE obj-%d with 0 blocks free = %d %s, want 204", i, code, body)
		}
		deleted[i] = true
	}
	checkObjects(t, s, "after DELETE", sizes, deleted)

	// Restart on the same file system, full again.
	fillToLastByte(t, data)
	s.stop(t)
	if s.cmd.ProcessState == nil || !s.cmd.ProcessState.Success() {
		t.Errorf("fakeaws on a full disk did not exit 0 after SIGTERM: %v\n%s", s.cmd.ProcessState, s.stderr)
	}
	s = startCommand(t, exec.Command(binary, "--addr", "127.0.0.1:0", "--data", data))
	checkObjects(t, s, "after a restart on the full disk", sizes, deleted)
	for i := range deleted {
		if code, _ := s.do(t, http.MethodGet, fmt.Sprintf("/full/obj-%d", i), ""); code != http.StatusNotFound {
			t.Errorf("GET deleted obj-%d after a restart = %d, want 404", i, code)
		}
	}
}
