package emulatortest

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// HungError is RunClient's error for a client still running at its
// deadline: it names the last line the client printed, the step it had
// finished before the one that hung.
type HungError struct {
	Timeout  time.Duration
	LastLine string // "" when the client printed nothing
}

func (e *HungError) Error() string {
	if e.LastLine == "" {
		return fmt.Sprintf("still running after %v, killed before it printed anything: its first step hung", e.Timeout)
	}
	return fmt.Sprintf("still running after %v, killed: the step after %q hung", e.Timeout, e.LastLine)
}

// RunClient runs an external client (the AWS CLI, a boto3 or JavaScript
// SDK script) and returns what it printed, stdout and stderr together.
// timeout should be generous, several times what the client takes on an
// idle machine: it only turns a hang into a failure. At the deadline
// RunClient sends SIGABRT, which Python clients answer with a traceback of
// the call they hung in (PYTHONFAULTHANDLER is set, and PYTHONUNBUFFERED,
// so their progress lines are not lost), then kills the client and returns
// a *HungError naming the last line printed before the deadline.
func RunClient(cmd *exec.Cmd, timeout time.Duration) (string, error) {
	if cmd.Env == nil {
		cmd.Env = cmd.Environ()
	}
	cmd.Env = append(cmd.Env, "PYTHONUNBUFFERED=1", "PYTHONFAULTHANDLER=1")
	// A shell script's own children may hold the output open after the
	// script is killed; stop waiting for them.
	cmd.WaitDelay = 10 * time.Second
	var buf LockedBuffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Start(); err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	select {
	case err := <-done:
		return buf.String(), err
	case <-deadline.C:
	}
	before := buf.String()
	_ = cmd.Process.Signal(syscall.SIGABRT)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
	return buf.String(), &HungError{Timeout: timeout, LastLine: lastLine(before)}
}

// lastLine is the last non-blank line of s.
func lastLine(s string) string {
	s = strings.TrimRight(s, " \t\r\n")
	return s[strings.LastIndexByte(s, '\n')+1:]
}

// LockedBuffer is a bytes.Buffer a running process's output goroutine may
// write while a test reads it (RunClient reads it at the deadline).
type LockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *LockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *LockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
