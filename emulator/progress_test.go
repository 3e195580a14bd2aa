package emulator_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// slowBodyOptions cut a body that stalls for a second or arrives slower
// than 1000 bytes a second.
var slowBodyOptions = emulator.Options{BodyReadTimeout: time.Second, BodyMinRate: 1000}

// TestSlowDripBodyIsCut drips a request body at ten bytes a second, far
// below the minimum rate: the server must answer RequestTimeout and close
// the connection long before the body is complete.
func TestSlowDripBodyIsCut(t *testing.T) {
	t.Parallel()
	ts, _ := emulatortest.Start(t, slowBodyOptions)
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const size = 1000
	fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n",
		ts.Listener.Addr(), size)

	answered := make(chan string, 1)
	go func() {
		_ = conn.SetReadDeadline(time.Now().Add(time.Minute))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			answered <- "no response: " + err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		answered <- fmt.Sprintf("%d %s", resp.StatusCode, b)
	}()
	// At most 300 bytes (30 s): the cut must come after about a second.
	for sent := 0; sent < 300; sent++ {
		select {
		case got := <-answered:
			if !strings.HasPrefix(got, "400 ") || !strings.Contains(got, "<Code>RequestTimeout</Code>") {
				t.Errorf("dripped body after %d bytes: got %q, want 400 RequestTimeout", sent, got)
			}
			if _, err := conn.Read(make([]byte, 1)); err == nil {
				t.Errorf("connection still open after RequestTimeout")
			}
			return
		case <-time.After(100 * time.Millisecond):
		}
		if _, err := conn.Write([]byte("A")); err != nil {
			t.Logf("write after %d bytes: %v", sent, err)
		}
	}
	t.Fatalf("a body dripped at 10 bytes/s was still being read after 300 bytes (minimum rate 1000 bytes/s)")
}

// pacedReader delivers chunks of size bytes with a pause before each, like
// a client on a slow but steady link.
type pacedReader struct {
	chunks, size int
	pause        time.Duration
	chunk        []byte
}

func (p *pacedReader) Read(b []byte) (int, error) {
	if len(p.chunk) == 0 {
		if p.chunks == 0 {
			return 0, io.EOF
		}
		p.chunks--
		time.Sleep(p.pause)
		p.chunk = bytes.Repeat([]byte{byte('a' + p.chunks%26)}, p.size)
	}
	n := copy(b, p.chunk)
	p.chunk = p.chunk[n:]
	return n, nil
}

// TestSteadyUploadIsNotCut uploads for three times the stall timeout at a
// steady rate above the minimum: the upload must succeed whole.
func TestSteadyUploadIsNotCut(t *testing.T) {
	t.Parallel()
	ts, _ := emulatortest.Start(t, slowBodyOptions)
	creds := aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}
	send := func(method, path string, body io.Reader, size int64) (int, string) {
		t.Helper()
		r, _ := http.NewRequest(method, ts.URL+path, body)
		r.ContentLength = size
		if size == 0 {
			r.Body = http.NoBody
		}
		r.Header.Set("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
		if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
			t.Fatal(err)
		}
		resp, err := ts.Client().Do(r)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := send(http.MethodPut, "/steady", nil, 0); code != http.StatusOK {
		t.Fatalf("CreateBucket = %d %s", code, body)
	}
	const chunks, size = 30, 32 << 10 // 960 KiB over about 3 s
	code, body := send(http.MethodPut, "/steady/big", &pacedReader{chunks: chunks, size: size, pause: 100 * time.Millisecond}, chunks*size)
	if code != http.StatusOK {
		t.Fatalf("steady PutObject = %d %s, want 200", code, body)
	}
	code, body = send(http.MethodGet, "/steady/big", nil, 0)
	if code != http.StatusOK || len(body) != chunks*size {
		t.Errorf("GetObject = %d with %d bytes, want 200 with %d", code, len(body), chunks*size)
	}
}
