package lazydeadline

import (
	"errors"
	"net"
	"os"
	"sync"
	"time"
)

// maxSlack bounds how much later than asked a deadline may fire.
const maxSlack = time.Second

// Listener wraps ln: every accepted connection sets its deadlines lazily.
func Listener(ln net.Listener) net.Listener { return listener{ln} }

type listener struct{ net.Listener }

func (l listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &conn{Conn: c}, nil
}

// conn is a net.Conn whose deadlines reach the socket only when they must.
type conn struct {
	net.Conn
	mu          sync.Mutex
	read, write deadline
}

// deadline is one direction's deadline: the one asked for and the one the
// socket has (zero: none).
type deadline struct {
	want, set time.Time
}

// move records t as the deadline asked for and reports whether the socket
// must be given it now. It reads the clock (now) only when t is just
// before the socket's deadline, where the slack depends on the time left.
func (d *deadline) move(t time.Time, now func() time.Time) bool {
	d.want = t
	switch {
	case t.IsZero():
		return false // the socket's deadline, if any, is retried past
	case d.set.IsZero(), t.Before(d.set.Add(-maxSlack)):
		return true
	case !t.Before(d.set):
		// Later: retried past when the socket's passes first. (If both
		// have passed, reads fail at once either way.)
		return false
	}
	slack := min(maxSlack, t.Sub(now())/8) // negative for a t that has passed
	return t.Before(d.set.Add(-slack))
}

// stale reports, after the socket's deadline passed, whether the deadline
// asked for has not: the operation is then retried under it.
func (d *deadline) stale(now time.Time) bool {
	return d.want.IsZero() || now.Before(d.want)
}

func (c *conn) SetDeadline(t time.Time) error {
	if err := c.SetReadDeadline(t); err != nil {
		return err
	}
	return c.SetWriteDeadline(t)
}

func (c *conn) SetReadDeadline(t time.Time) error {
	return c.setDeadline(&c.read, t, c.Conn.SetReadDeadline)
}

func (c *conn) SetWriteDeadline(t time.Time) error {
	return c.setDeadline(&c.write, t, c.Conn.SetWriteDeadline)
}

// setDeadline records t as d's deadline asked for, and gives it to the
// socket through set when it must fire earlier than the socket's (move).
func (c *conn) setDeadline(d *deadline, t time.Time, set func(time.Time) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !d.move(t, time.Now) {
		return nil
	}
	d.set = t
	return set(t)
}

func (c *conn) retryRead(err error) bool { return c.retry(err, &c.read, c.Conn.SetReadDeadline) }

func (c *conn) retryWrite(err error) bool { return c.retry(err, &c.write, c.Conn.SetWriteDeadline) }

// retry reports whether an operation that failed with err timed out on a
// stale socket deadline of d; if so the deadline asked for is now given to
// the socket through set.
func (c *conn) retry(err error, d *deadline, set func(time.Time) error) bool {
	if !isTimeout(err) {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !d.stale(time.Now()) {
		return false
	}
	d.set = d.want
	return set(d.want) == nil
}

func (c *conn) Read(p []byte) (int, error) {
	for {
		n, err := c.Conn.Read(p)
		if n > 0 || err == nil || !c.retryRead(err) {
			return n, err
		}
	}
}

func (c *conn) Write(p []byte) (int, error) {
	written := 0
	for {
		n, err := c.Conn.Write(p)
		written += n
		if err == nil || !c.retryWrite(err) {
			return written, err
		}
		p = p[n:]
	}
}

// isTimeout reports whether err is a deadline passing.
func isTimeout(err error) bool { return errors.Is(err, os.ErrDeadlineExceeded) }
