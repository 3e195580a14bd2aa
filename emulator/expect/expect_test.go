package expect

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// seen is what the handler got for one request.
type seen struct {
	method, path, expect, body, trailer string
}

// serve starts an http.Server on 127.0.0.1 (wrapped when wrap) whose
// handler reports each request on the returned channel.
func serve(t *testing.T, wrap bool) (string, <-chan seen) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if wrap {
		ln = Listener(ln)
	}
	got := make(chan seen, 16)
	srv := &http.Server{ReadHeaderTimeout: 30 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("%s %s: reading the body: %v", r.Method, r.URL.Path, err)
		}
		got <- seen{r.Method, r.URL.Path, r.Header.Get("Expect"), string(b), r.Trailer.Get("X-Amz-Checksum-Crc32")}
		io.WriteString(w, "ok")
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), got
}

// exchange writes raw on one connection and reads n responses.
func exchange(t *testing.T, addr, raw string, n int) []*http.Response {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Minute))
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	var resps []*http.Response
	for range n {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("reading response %d of %d: %v", len(resps)+1, n, err)
		}
		io.ReadAll(resp.Body)
		resp.Body.Close()
		resps = append(resps, resp)
	}
	return resps
}

func TestUnmetExpectationPassesThrough(t *testing.T) {
	t.Parallel()
	const put = "PUT /bucket/key HTTP/1.1\r\nHost: s3\r\nExpect: 202-accepted\r\nContent-Length: 5\r\n\r\nhello"
	// Without the wrapper net/http answers 417 before the handler: the
	// reason this package exists.
	addr, _ := serve(t, false)
	if resps := exchange(t, addr, put, 1); resps[0].StatusCode != http.StatusExpectationFailed {
		t.Fatalf("plain net/http answered %d, want 417 (the behaviour the wrapper removes)", resps[0].StatusCode)
	}
	addr, got := serve(t, true)
	if resps := exchange(t, addr, put, 1); resps[0].StatusCode != http.StatusOK {
		t.Fatalf("wrapped answered %d, want 200", resps[0].StatusCode)
	}
	if s := <-got; s.expect != "" || s.body != "hello" {
		t.Errorf("handler saw Expect %q body %q, want no Expect and %q", s.expect, s.body, "hello")
	}
}

// TestFramingOnOneConnection pipelines requests whose bodies hold text
// that looks like an Expect header: only heads are edited.
func TestFramingOnOneConnection(t *testing.T) {
	t.Parallel()
	addr, got := serve(t, true)
	lookalike := "x\r\nExpect: nothing\r\n\r\n"
	chunked := "5\r\nhello\r\n" + "16;ext=1\r\n" + lookalike + "\r\n0\r\nX-Amz-Checksum-Crc32: AAAAAA==\r\n\r\n"
	raw := "PUT /a HTTP/1.1\r\nHost: s3\r\nexpect:  SOMETHING-else \r\nContent-Length: 22\r\n\r\n" + lookalike +
		"POST /b HTTP/1.1\r\nHost: s3\r\nExpect: 299-x\r\nTransfer-Encoding: chunked\r\nTrailer: X-Amz-Checksum-Crc32\r\n\r\n" + chunked +
		"\r\nGET /c HTTP/1.1\r\nHost: s3\r\nExpect: 100-continue\r\n\r\n" +
		"PUT /d HTTP/1.1\r\nHost: s3\r\nContent-Length: 0\r\n\r\n"
	resps := exchange(t, addr, raw, 4)
	want := []seen{
		{"PUT", "/a", "", lookalike, ""},
		{"POST", "/b", "", "hello" + lookalike, "AAAAAA=="},
		{"GET", "/c", "100-continue", "", ""},
		{"PUT", "/d", "", "", ""},
	}
	for i, w := range want {
		if resps[i].StatusCode != http.StatusOK {
			t.Errorf("request %d answered %d, want 200", i+1, resps[i].StatusCode)
		}
		if s := <-got; s != w {
			t.Errorf("request %d: handler saw %+v, want %+v", i+1, s, w)
		}
	}
}

// TestContinueStillWorks: a client that waits for 100 Continue gets it
// and its body arrives.
func TestContinueStillWorks(t *testing.T) {
	t.Parallel()
	addr, got := serve(t, true)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Minute))
	io.WriteString(c, "PUT /k HTTP/1.1\r\nHost: s3\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
	br := bufio.NewReader(c)
	status, err := br.ReadString('\n')
	if err != nil || !strings.Contains(status, "100 Continue") {
		t.Fatalf("interim response %q (%v), want 100 Continue", status, err)
	}
	br.ReadString('\n')
	io.WriteString(c, "abc")
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("final response %v (%v), want 200", resp, err)
	}
	if s := <-got; s.expect != "100-continue" || s.body != "abc" {
		t.Errorf("handler saw %+v", s)
	}
}

// TestMalformedFramingIsNetHTTPs: a head the wrapper cannot frame passes
// through untouched, and net/http answers it as it always did.
func TestMalformedFramingIsNetHTTPs(t *testing.T) {
	t.Parallel()
	addr, _ := serve(t, true)
	for _, raw := range []string{
		"PUT /x HTTP/1.1\r\nHost: s3\r\nContent-Length: -1\r\n\r\n",
		"PUT /x HTTP/1.1\r\nHost: s3\r\nTransfer-Encoding: gzip\r\n\r\n",
	} {
		if resps := exchange(t, addr, raw, 1); resps[0].StatusCode < 400 {
			t.Errorf("%q answered %d, want net/http's refusal", raw, resps[0].StatusCode)
		}
	}
}

// repeatConn is a net.Conn whose reads yield raw again and again.
type repeatConn struct {
	net.Conn
	raw string
	off int
}

func (r *repeatConn) Read(p []byte) (int, error) {
	n := copy(p, r.raw[r.off:])
	r.off = (r.off + n) % len(r.raw)
	return n, nil
}

// BenchmarkRequestStream is the wrapper's work per request of a keep-alive
// connection: a signed PUT's head (edited) and its 1 KiB body (passed
// through), read as net/http reads them.
func BenchmarkRequestStream(b *testing.B) {
	head := "PUT /bucket/key HTTP/1.1\r\nHost: 127.0.0.1:4566\r\nUser-Agent: Go-http-client/1.1\r\nContent-Length: 1024\r\n" +
		"Authorization: AWS4-HMAC-SHA256 Credential=111111111111/20261205/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\r\n" +
		"X-Amz-Content-Sha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\r\nX-Amz-Date: 20261205T120000Z\r\nAccept-Encoding: gzip\r\n\r\n"
	raw := head + strings.Repeat("x", 1024)
	c := newConn(&repeatConn{raw: raw})
	buf := make([]byte, 4096)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		for n := 0; n < len(raw); {
			m, err := c.Read(buf[:min(len(buf), len(raw)-n)])
			if err != nil {
				b.Fatal(err)
			}
			n += m
		}
	}
}
