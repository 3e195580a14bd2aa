package emulator_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// socketBuffer is the send buffer of the server's connections and the
// receive buffer of the test's clients: small, so a client that stops
// reading blocks the server after a few kilobytes rather than megabytes.
const socketBuffer = 16 << 10

// smallBufferListener fixes the send buffer of every accepted connection.
type smallBufferListener struct{ net.Listener }

func (l smallBufferListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(socketBuffer)
	}
	return c, err
}

// closedConns records the remote address of every connection the server has
// finished with (http.StateClosed or StateHijacked).
type closedConns struct {
	mu     sync.Mutex
	closed map[string]bool
}

func (c *closedConns) note(conn net.Conn, s http.ConnState) {
	if s == http.StateClosed || s == http.StateHijacked {
		c.mu.Lock()
		c.closed[conn.RemoteAddr().String()] = true
		c.mu.Unlock()
	}
}

func (c *closedConns) has(addr string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed[addr]
}

// startSmallBuffers serves a fakeaws server with opts whose connections
// have small send buffers, recording the connections it closes.
func startSmallBuffers(t *testing.T, opts emulator.Options) (*httptest.Server, *closedConns) {
	t.Helper()
	ts := httptest.NewUnstartedServer(emulatortest.New(t, opts))
	ts.Listener = smallBufferListener{ts.Listener}
	closed := &closedConns{closed: map[string]bool{}}
	ts.Config.ConnState = closed.note
	ts.Start()
	t.Cleanup(ts.Close)
	return ts, closed
}

var rootCreds = aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}

// signedS3 is a SigV4-signed S3 request to ts with an unsigned payload.
func signedS3(t *testing.T, ts *httptest.Server, method, path string, body []byte) *http.Request {
	t.Helper()
	r, err := http.NewRequest(method, ts.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body == nil {
		r.Body = http.NoBody
	}
	r.Header.Set("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
	if err := v4.NewSigner().SignHTTP(context.Background(), rootCreds, r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	return r
}

// putBigObject creates bucket and an object of size bytes in it, returning
// the object's content.
func putBigObject(t *testing.T, ts *httptest.Server, path string, size int) []byte {
	t.Helper()
	content := bytes.Repeat([]byte("0123456789abcdef"), size/16)
	for _, r := range []*http.Request{
		signedS3(t, ts, http.MethodPut, path[:bytes.IndexByte([]byte(path[1:]), '/')+1], nil),
		signedS3(t, ts, http.MethodPut, path, content),
	} {
		resp, err := ts.Client().Do(r)
		if err != nil {
			t.Fatalf("%s %s: %v", r.Method, r.URL.Path, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s %s = %d %s", r.Method, r.URL.Path, resp.StatusCode, b)
		}
	}
	return content
}

// sendRaw sends a signed GET of path on a new connection with a small
// receive buffer and returns the connection unread.
func sendRaw(t *testing.T, ts *httptest.Server, path string) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	_ = conn.(*net.TCPConn).SetReadBuffer(socketBuffer)
	if err := signedS3(t, ts, http.MethodGet, path, nil).Write(conn); err != nil {
		t.Fatalf("send GET %s: %v", path, err)
	}
	return conn
}

// TestStalledReaderIsCut GETs a 4 MiB object and never reads the answer:
// the server must give up the connection (and the goroutine serving it)
// after about the write timeout, not hold it forever.
func TestStalledReaderIsCut(t *testing.T) {
	t.Parallel()
	ts, closed := startSmallBuffers(t, emulator.Options{ResponseWriteTimeout: time.Second})
	const size = 4 << 20
	putBigObject(t, ts, "/stalled/big", size)
	conn := sendRaw(t, ts, "/stalled/big")

	give := time.Now().Add(time.Minute)
	for !closed.has(conn.LocalAddr().String()) {
		if time.Now().After(give) {
			t.Fatal("a minute after its client stopped reading, the server still holds the connection (write timeout 1s)")
		}
		time.Sleep(50 * time.Millisecond)
	}
	// The client gets what was already buffered, then the cut.
	_ = conn.SetReadDeadline(time.Now().Add(time.Minute))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return // cut before the headers arrived
	}
	n, err := io.Copy(io.Discard, resp.Body)
	if err == nil || n >= size {
		t.Errorf("stalled GET read %d of %d bytes with err %v after the server gave up, want a cut body", n, size, err)
	}
}

// TestSteadySlowReaderIsNotCut reads a 512 KiB object 16 KiB every 50 ms,
// taking about three times the write timeout: the download must arrive
// whole.
func TestSteadySlowReaderIsNotCut(t *testing.T) {
	t.Parallel()
	// The reader below takes 16 KiB every 50 ms, so the 1.5 MiB body takes
	// about 5 s, longer than the 3 s timeout: a whole-response deadline
	// cuts it. The timeout asks only for 32 KiB every 3 s, two reads, so a
	// loaded machine that schedules the reader late does not.
	ts, _ := startSmallBuffers(t, emulator.Options{ResponseWriteTimeout: 3 * time.Second})
	content := putBigObject(t, ts, "/steady-read/big", 1536<<10)
	conn := sendRaw(t, ts, "/steady-read/big")

	_ = conn.SetReadDeadline(time.Now().Add(2 * time.Minute))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("read response headers: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET = %d, want 200", resp.StatusCode)
	}
	var got bytes.Buffer
	buf := make([]byte, 16<<10)
	for {
		time.Sleep(50 * time.Millisecond)
		n, err := io.ReadFull(resp.Body, buf)
		got.Write(buf[:n])
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			t.Fatalf("slow steady GET cut after %d of %d bytes: %v", got.Len(), len(content), err)
		}
	}
	if !bytes.Equal(got.Bytes(), content) {
		t.Errorf("slow steady GET got %d bytes, want the %d bytes stored", got.Len(), len(content))
	}
}
