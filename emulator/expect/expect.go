package expect

import (
	"bufio"
	"bytes"
	"net"
	"strconv"
	"strings"
)

// maxHead bounds a request head the wrapper will hold: net/http's default
// MaxHeaderBytes (1 MiB) plus its 4096-byte slack. A longer head passes
// through, and net/http answers 431.
const maxHead = 1<<20 + 4096

// Listener wraps ln: every accepted connection drops Expect headers other
// than 100-continue from its request heads.
func Listener(ln net.Listener) net.Listener { return listener{ln} }

type listener struct{ net.Listener }

func (l listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return newConn(c), nil
}

// state is where the reader is in the request stream.
type state int

const (
	inHead      state = iota // reading a request head
	inBody                   // remain bytes of a Content-Length body
	inChunkSize              // a chunk-size line of a chunked body
	inChunkData              // remain bytes of chunk data, then its line end
	inTrailer                // trailer lines up to the blank line
	passThrough              // no more editing on this connection
)

type conn struct {
	net.Conn
	br     *bufio.Reader
	out    []byte // edited bytes not yet handed to net/http
	st     state
	remain int64
	head   []byte
}

func newConn(c net.Conn) *conn {
	return &conn{Conn: c, br: bufio.NewReaderSize(c, 64<<10)}
}

// Read hands net/http the request stream with its heads edited.
func (c *conn) Read(p []byte) (int, error) {
	for len(c.out) == 0 {
		switch {
		case c.st == passThrough:
			return c.br.Read(p)
		case c.remain > 0 && (c.st == inBody || c.st == inChunkData):
			return c.body(p)
		}
		if err := c.step(); err != nil {
			if len(c.out) > 0 {
				break // hand over what was read; the error comes next time
			}
			return 0, err
		}
	}
	n := copy(p, c.out)
	c.out = c.out[n:]
	return n, nil
}

// step reads the next piece of the stream into out.
func (c *conn) step() error {
	switch c.st {
	case inBody: // its remain bytes have been handed over
		c.st = inHead
		return nil
	case inChunkData: // likewise; the chunk's line end follows
		return c.line(inChunkSize)
	case inChunkSize:
		return c.chunkSize()
	case inTrailer:
		return c.trailer()
	default:
		return c.readHead()
	}
}

// body reads up to remain bytes of a body or chunk straight into p: body
// bytes are never edited, so they need no copy. A Content-Length body that
// ends returns the reader to request heads.
func (c *conn) body(p []byte) (int, error) {
	n, err := c.br.Read(p[:min(c.remain, int64(len(p)))])
	c.remain -= int64(n)
	if c.remain == 0 && c.st == inBody {
		c.st = inHead
	}
	return n, err
}

// line passes one line through and moves to next.
func (c *conn) line(next state) error {
	l, err := c.readLine()
	c.out = l
	if err == nil {
		c.st = next
	}
	return err
}

// readLine reads one line including its "\n"; a line longer than the
// buffer switches to pass-through (its bytes are handed over as read).
func (c *conn) readLine() ([]byte, error) {
	l, err := c.br.ReadSlice('\n')
	out := append([]byte(nil), l...)
	if err == bufio.ErrBufferFull {
		c.st = passThrough
		return out, nil
	}
	return out, err
}

func (c *conn) chunkSize() error {
	l, err := c.readLine()
	c.out = l
	if err != nil || c.st == passThrough {
		return err
	}
	hexSize, _, _ := strings.Cut(strings.TrimSpace(string(l)), ";")
	size, perr := strconv.ParseInt(strings.TrimSpace(hexSize), 16, 64)
	switch {
	case perr != nil || size < 0:
		c.st = passThrough
	case size == 0:
		c.st = inTrailer
	default:
		c.st, c.remain = inChunkData, size
	}
	return nil
}

func (c *conn) trailer() error {
	l, err := c.readLine()
	c.out = l
	if err == nil && c.st != passThrough && len(bytes.TrimRight(l, "\r\n")) == 0 {
		c.st = inHead
	}
	return err
}

// readHead collects a request head up to its blank line, edits it and
// sets the body state from its framing headers.
func (c *conn) readHead() error {
	for {
		l, err := c.readLine()
		if c.st == passThrough || len(c.head)+len(l) > maxHead {
			c.out, c.head, c.st = append(c.head, l...), nil, passThrough
			return nil
		}
		if err != nil {
			c.out, c.head = append(c.head, l...), nil
			return err
		}
		blank := len(bytes.TrimRight(l, "\r\n")) == 0
		if blank && len(c.head) == 0 {
			c.out = l // a CRLF before a request line: net/http skips it
			return nil
		}
		c.head = append(c.head, l...)
		if blank {
			c.out, c.head = c.edit(c.head), nil
			return nil
		}
	}
}

// edit drops unmet Expect lines from head and reads its body framing.
func (c *conn) edit(head []byte) []byte {
	lines := bytes.SplitAfter(head, []byte("\n"))
	if bytes.HasPrefix(lines[0], []byte("PRI ")) {
		c.st = passThrough
		return head
	}
	out := make([]byte, 0, len(head))
	c.st, c.remain = inHead, 0
	framed := false
	for i, l := range lines {
		name, value, ok := bytes.Cut(l, []byte(":"))
		if i == 0 || !ok {
			out = append(out, l...)
			continue
		}
		v := strings.TrimSpace(string(value))
		switch strings.ToLower(strings.TrimSpace(string(name))) {
		case "expect":
			if !hasToken(v, "100-continue") {
				continue // as if absent
			}
		case "content-length":
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 || framed {
				c.st = passThrough
			} else if c.st == inHead {
				c.st, c.remain, framed = inBody, n, true
			}
		case "transfer-encoding":
			if framed || !strings.EqualFold(v, "chunked") {
				c.st = passThrough // net/http refuses these; let it say so
			} else {
				c.st, framed = inChunkSize, true
			}
		case "upgrade":
			c.st = passThrough
		}
		out = append(out, l...)
	}
	if c.st == passThrough {
		return head
	}
	return out
}

// hasToken reports whether the comma-separated list v holds token, as
// net/http reads Expect.
func hasToken(v, token string) bool {
	for _, t := range strings.Split(v, ",") {
		if strings.EqualFold(strings.TrimSpace(t), token) {
			return true
		}
	}
	return false
}
