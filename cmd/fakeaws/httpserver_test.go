package main

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// serveForTest serves a trivial handler through newHTTPServer with t's
// timeouts on a loopback port.
func serveForTest(t *testing.T, to serverTimeouts) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newHTTPServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}), to)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String()
}

// waitClosed reads conn until the server closes it; it fails the test if
// that takes longer than a minute (the timeouts under test are short).
func waitClosed(t *testing.T, conn net.Conn, what string) {
	t.Helper()
	_ = conn.SetReadDeadline(time.Now().Add(time.Minute))
	_, err := io.Copy(io.Discard, conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Errorf("%s: connection still open after a minute", what)
	}
}

func TestDefaultTimeoutsAreSet(t *testing.T) {
	t.Parallel()
	s := newHTTPServer(http.NotFoundHandler(), defaultTimeouts)
	if s.ReadHeaderTimeout <= 0 || s.IdleTimeout <= 0 {
		t.Errorf("ReadHeaderTimeout = %v, IdleTimeout = %v, want both set", s.ReadHeaderTimeout, s.IdleTimeout)
	}
	if s.ReadTimeout != 0 || s.WriteTimeout != 0 {
		t.Errorf("ReadTimeout = %v, WriteTimeout = %v, want 0: a whole-request deadline cuts large uploads", s.ReadTimeout, s.WriteTimeout)
	}
}

// TestSlowHeadersAreCut drips a request's headers a byte at a time: the
// server must close the connection instead of waiting forever.
func TestSlowHeadersAreCut(t *testing.T) {
	t.Parallel()
	addr := serveForTest(t, serverTimeouts{header: 300 * time.Millisecond, idle: time.Minute})
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	closed := make(chan struct{})
	go func() { waitClosed(t, conn, "dripped headers"); close(closed) }()
	header := "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Drip: " + string(make([]byte, 200))
	for i := range len(header) {
		select {
		case <-closed:
			return
		case <-time.After(50 * time.Millisecond):
		}
		_, _ = conn.Write([]byte{header[i] | 'a'})
	}
	t.Errorf("headers dripped for %d bytes and the connection is still open", len(header))
}

// TestIdleKeepAliveIsClosed leaves a keep-alive connection idle after one
// request: the server must close it.
func TestIdleKeepAliveIsClosed(t *testing.T) {
	t.Parallel()
	addr := serveForTest(t, serverTimeouts{header: time.Minute, idle: 300 * time.Millisecond})
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = io.WriteString(conn, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("first request: %v", err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.Close {
		t.Fatalf("server closed the keep-alive connection right after the response")
	}
	_ = conn.SetReadDeadline(time.Now().Add(time.Minute))
	if _, err := br.ReadByte(); err == nil {
		t.Errorf("idle connection: read a byte, want the server to close it")
	} else if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Errorf("idle keep-alive connection still open after a minute")
	}
}
