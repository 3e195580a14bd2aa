package main

import (
	"bufio"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestReadAnswer reads each answer, followed by a second one on the same
// connection, with readAnswer and with http.ReadResponse, and wants the
// same status, the same decision to close, and the second answer found
// where the first one's body ends.
func TestReadAnswer(t *testing.T) {
	t.Parallel()
	const next = "HTTP/1.1 204 No Content\r\nX-Next: yes\r\n\r\n"
	tests := []struct {
		name, raw string
		head      bool
		wantCode  int
		wantClose bool
	}{
		{name: "content-length", raw: "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 11\r\n\r\n<a>body</a>", wantCode: 200},
		{name: "lower-case names, bare LF", raw: "HTTP/1.1 200 OK\ncontent-length: 3\nconnection: keep-alive\n\nabc", wantCode: 200},
		{name: "empty body", raw: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", wantCode: 200},
		{name: "error status", raw: "HTTP/1.1 403 Forbidden\r\nContent-Length: 6\r\n\r\ndenied", wantCode: 403},
		{name: "chunked", raw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1a;ext=1\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n", wantCode: 200},
		{name: "chunked with trailers", raw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-T\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\nX-U: 2\r\n\r\n", wantCode: 200},
		{name: "chunked wins over length", raw: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", wantCode: 200},
		{name: "connection close", raw: "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", wantCode: 200, wantClose: true},
		{name: "http/1.0 keep-alive", raw: "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok", wantCode: 200},
		{name: "http/1.0 closes", raw: "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", wantCode: 200, wantClose: true},
		{name: "no content", raw: "HTTP/1.1 204 No Content\r\nServer: x\r\n\r\n", wantCode: 204},
		{name: "not modified", raw: "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", wantCode: 304},
		{name: "head", raw: "HTTP/1.1 200 OK\r\nContent-Length: 1024\r\n\r\n", head: true, wantCode: 200},
		{name: "folded header", raw: "HTTP/1.1 200 OK\r\nX-Long: a\r\n b\r\nContent-Length: 2\r\n\r\nok", wantCode: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			br := bufio.NewReader(strings.NewReader(tt.raw + next))
			a, err := readAnswer(br, tt.head)
			if err != nil || a.code != tt.wantCode || a.close != tt.wantClose {
				t.Fatalf("readAnswer(%q) = %+v, %v; want code %d close %v", tt.raw, a, err, tt.wantCode, tt.wantClose)
			}
			if b, err := readAnswer(br, false); err != nil || b.code != 204 {
				t.Errorf("after %q: next answer %+v, %v; want 204", tt.raw, b, err)
			}

			method := http.MethodGet
			if tt.head {
				method = http.MethodHead
			}
			req, _ := http.NewRequest(method, "http://x/", nil)
			br = bufio.NewReader(strings.NewReader(tt.raw + next))
			resp, err := http.ReadResponse(br, req)
			if err != nil {
				t.Fatalf("http.ReadResponse(%q): %v", tt.raw, err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			if resp.StatusCode != a.code || resp.Close != a.close {
				t.Errorf("%q: readAnswer code %d close %v, http.ReadResponse code %d close %v",
					tt.raw, a.code, a.close, resp.StatusCode, resp.Close)
			}
		})
	}
}

// TestReadAnswerToClose reads a body that ends at the close: all of it,
// and the connection is to be closed.
func TestReadAnswerToClose(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("x", 100000)
	br := bufio.NewReaderSize(strings.NewReader("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"+body), 16<<10)
	a, err := readAnswer(br, false)
	if err != nil || a.code != 200 || !a.close {
		t.Fatalf("readAnswer = %+v, %v; want 200, close", a, err)
	}
	if n, _ := br.Read(make([]byte, 1)); n != 0 {
		t.Errorf("readAnswer left %d+ bytes of a close-delimited body", n)
	}
}

// TestReadAnswerMalformed wants an error, not a guess, for answers it
// cannot frame, and for ones cut short.
func TestReadAnswerMalformed(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{
		"",
		"garbage\r\n\r\n",
		"HTTP/2 200 OK\r\n\r\n",
		"HTTP/1.1 2x0 OK\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
		"HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n",
		"HTTP/1.1 200 OK\r\nContent-Le",
	} {
		if a, err := readAnswer(bufio.NewReader(strings.NewReader(raw)), false); err == nil {
			t.Errorf("readAnswer(%q) = %+v, nil; want an error", raw, a)
		}
	}
}
