package reliability

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

var binary string

func TestMain(m *testing.M) {
	execInTmpfs() // when this process is the full-disk test's child
	dir, err := os.MkdirTemp("", "fakeaws-reliability-*")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "fakeaws")
	build := exec.Command("go", "build", "-o", binary, "github.com/fakeaws/fakeaws/cmd/fakeaws")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		os.RemoveAll(dir)
		panic("build fakeaws: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// server is a running fakeaws process.
type server struct {
	cmd    *exec.Cmd
	url    string
	stderr *emulatortest.LockedBuffer
}

// start runs fakeaws over dir and waits for its URL.
func start(t *testing.T, dir string) *server {
	t.Helper()
	return startCommand(t, exec.Command(binary, "--addr", "127.0.0.1:0", "--data", dir))
}

// startCommand runs cmd, a command that runs fakeaws, and waits for its URL.
func startCommand(t *testing.T, cmd *exec.Cmd) *server {
	t.Helper()
	s := &server{cmd: cmd, stderr: &emulatortest.LockedBuffer{}}
	s.cmd.Stderr = s.stderr
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(out).ReadString('\n')
		line <- l
	}()
	select {
	case l := <-line:
		u, ok := strings.CutPrefix(strings.TrimSpace(l), "fakeaws listening on ")
		if !ok {
			_ = s.cmd.Wait()
			t.Fatalf("start: no URL line (%q); stderr: %s", l, s.stderr)
		}
		s.url = u
	case <-time.After(60 * time.Second):
		_ = s.cmd.Process.Kill()
		t.Fatal("step 'start fakeaws' hung: no URL line within 60s")
	}
	t.Cleanup(func() { s.stop(t) })
	return s
}

// stop ends the server with SIGTERM (a no-op when it has exited).
func (s *server) stop(t *testing.T) {
	if s.cmd.ProcessState != nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		_ = s.cmd.Process.Kill()
		t.Error("step 'stop fakeaws' hung: still running 60s after SIGTERM")
	}
}

// mustFail runs fakeaws over dir expecting it to exit non-zero, and returns
// its standard error.
func mustFail(t *testing.T, dir string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "--addr", "127.0.0.1:0", "--data", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatal("step 'refused start' hung: fakeaws still running after 60s")
	}
	if err == nil {
		t.Fatalf("fakeaws over %s exited 0, want a refusal", dir)
	}
	return stderr.String()
}

// put stores an object as the root of 111111111111.
func (s *server) put(t *testing.T, path, body string) {
	t.Helper()
	r, _ := http.NewRequest(http.MethodPut, s.url+path, strings.NewReader(body))
	r.Header.Set("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
	creds := aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Timeout: 60 * time.Second}).Do(r)
	if err != nil {
		t.Fatalf("step 'PUT %s': %v", path, err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("PUT %s = %d", path, resp.StatusCode)
	}
}

// oneLine checks a refusal is one clear line naming want, with no trace.
func oneLine(t *testing.T, stderr, want string) {
	t.Helper()
	msg := strings.TrimSpace(stderr)
	if !strings.Contains(msg, want) || strings.Contains(msg, "\n") || strings.Contains(msg, "goroutine") {
		t.Errorf("stderr = %q, want one line containing %q", msg, want)
	}
}

// Issue 11 item 5: a second server on the same --data says so and leaves
// the first one working.
func TestSecondServerOnSameData(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first := start(t, dir)
	first.put(t, "/bkt", "")
	oneLine(t, mustFail(t, dir), "another fakeaws is using "+dir)
	first.put(t, "/bkt/still-works", "yes")
}

// Issue 11 item 3: bodies without their database are refused, not swept.
func TestLostDatabaseRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := start(t, dir)
	s.put(t, "/bkt", "")
	// Larger than store.InlineMax, so the body is a file of its own
	// (small bodies live inside meta.db and go with it).
	s.put(t, "/bkt/precious", strings.Repeat("precious bytes ", 5000))
	s.stop(t)
	if err := os.Remove(filepath.Join(dir, "meta.db")); err != nil {
		t.Fatal(err)
	}
	oneLine(t, mustFail(t, dir), filepath.Join(dir, "meta.db")+" is missing")
	entries, _ := os.ReadDir(filepath.Join(dir, "bodies"))
	if len(entries) != 1 {
		t.Errorf("bodies after the refused start: %d files, want 1", len(entries))
	}
}

// Issue 11 item 6: a damaged meta.db is one clear line and exit status 1.
func TestDamagedDatabaseOneLine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := start(t, dir)
	s.put(t, "/bkt", "")
	s.stop(t)
	path := filepath.Join(dir, "meta.db")
	if err := os.WriteFile(path, bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 8192), 0o600); err != nil {
		t.Fatal(err)
	}
	oneLine(t, mustFail(t, dir), path+" is damaged")
}
