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
	// head collects a request head; lineBuf holds a chunk-size or trailer
	// line. Both are reused from request to request: a step runs only
	// once out (which points into one of them) is all handed over.
	head, lineBuf []byte
}

// maxKept bounds the head buffer a connection keeps between requests, so
// one huge head does not pin its memory for the connection's life.
const maxKept = 16 << 10

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

// readLine reads one line including its "\n" into c.lineBuf (reused); a line
// longer than the buffer switches to pass-through (its bytes are handed
// over as read).
func (c *conn) readLine() ([]byte, error) {
	l, err := c.br.ReadSlice('\n')
	c.lineBuf = append(c.lineBuf[:0], l...)
	if cap(c.lineBuf) > maxKept {
		defer func() { c.lineBuf = nil }() // out keeps the bytes until handed over
	}
	if err == bufio.ErrBufferFull {
		c.st = passThrough
		return c.lineBuf, nil
	}
	return c.lineBuf, err
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
// sets the body state from its framing headers. Lines go from the reader's
// buffer straight into c.head, which is reused from request to request.
func (c *conn) readHead() error {
	head := c.head[:0]
	if cap(head) > maxKept {
		head = nil
	}
	for {
		l, err := c.br.ReadSlice('\n')
		if err == bufio.ErrBufferFull || len(head)+len(l) > maxHead {
			c.out, c.head, c.st = append(head, l...), nil, passThrough
			return nil
		}
		head = append(head, l...)
		c.head = head
		if err != nil {
			c.out = head
			return err
		}
		if !blankLine(head[len(head)-len(l):]) {
			continue
		}
		if len(head) == len(l) {
			c.out = head // a CRLF before a request line: net/http skips it
			return nil
		}
		c.out = c.edit(head)
		return nil
	}
}

// blankLine reports whether l (ending in "\n", its only "\n") is empty
// but for its line end: "\r" bytes before the "\n", as bytes.TrimRight(l,
// "\r\n") would leave nothing. It stops at the first other byte, so a
// header line costs one comparison.
func blankLine(l []byte) bool {
	if len(l) == 0 || l[len(l)-1] != '\n' {
		return len(bytes.TrimRight(l, "\r\n")) == 0
	}
	for _, c := range l[:len(l)-1] {
		if c != '\r' {
			return false
		}
	}
	return true
}

// edit reads head's body framing and drops its unmet Expect lines (in
// place: the result is head or a prefix of its array).
func (c *conn) edit(head []byte) []byte {
	if bytes.HasPrefix(head, []byte("PRI ")) {
		c.st = passThrough
		return head
	}
	c.st, c.remain = inHead, 0
	requestLine, fields := nextLine(head)
	framed, drop := false, false
	for l, rest := nextLine(fields); l != nil; l, rest = nextLine(rest) {
		name, value, ok := field(l)
		switch {
		case !ok:
		case isUnmetExpect(name, value):
			drop = true
		default:
			c.framing(name, value, &framed)
		}
	}
	if c.st == passThrough || !drop {
		return head
	}
	out := head[:len(requestLine)]
	for l, rest := nextLine(fields); l != nil; l, rest = nextLine(rest) {
		if !unmetExpect(l) {
			out = append(out, l...) // never ahead of l: a safe in-place copy
		}
	}
	return out
}

// nextLine splits the first line off rest; nil at the end.
func nextLine(rest []byte) (line, after []byte) {
	if len(rest) == 0 {
		return nil, nil
	}
	i := bytes.IndexByte(rest, '\n')
	if i < 0 {
		return rest, nil
	}
	return rest[:i+1], rest[i+1:]
}

// field splits a header line into its trimmed name and value; ok is false
// for a line without a colon.
func field(l []byte) (name, value []byte, ok bool) {
	name, value, ok = bytes.Cut(l, []byte(":"))
	return bytes.TrimSpace(name), bytes.TrimSpace(value), ok
}

// unmetExpect reports whether header line l is an Expect other than
// 100-continue, which the wrapper drops.
func unmetExpect(l []byte) bool {
	name, value, ok := field(l)
	return ok && isUnmetExpect(name, value)
}

func isUnmetExpect(name, value []byte) bool {
	return nameIs(name, "expect") && !hasToken(string(value), "100-continue")
}

// nameIs reports whether header name is lower (lower-case ASCII) in any
// case, as bytes.EqualFold does, but comparing ASCII bytes directly: most
// names differ in length and cost one comparison. A name with non-ASCII
// bytes is left to bytes.EqualFold, whose Unicode folding can match
// another length.
func nameIs(name []byte, lower string) bool {
	if len(name) != len(lower) {
		return !isASCII(name) && bytes.EqualFold(name, []byte(lower))
	}
	for i, c := range name {
		if c >= 0x80 {
			return bytes.EqualFold(name, []byte(lower))
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// framing reads the body framing of header name: value into c's state.
func (c *conn) framing(name, value []byte, framed *bool) {
	switch {
	case nameIs(name, "content-length"):
		n, err := strconv.ParseInt(string(value), 10, 64)
		if err != nil || n < 0 || *framed {
			c.st = passThrough
		} else if c.st == inHead {
			c.st, c.remain, *framed = inBody, n, true
		}
	case nameIs(name, "transfer-encoding"):
		if *framed || !bytes.EqualFold(value, []byte("chunked")) {
			c.st = passThrough // net/http refuses these; let it say so
		} else {
			c.st, *framed = inChunkSize, true
		}
	case nameIs(name, "upgrade"):
		c.st = passThrough
	}
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
