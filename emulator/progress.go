package emulator

import (
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// DefaultBodyReadTimeout is how long a request body may stall before the
// connection is cut (Options.BodyReadTimeout).
const DefaultBodyReadTimeout = time.Minute

// DefaultBodyMinRate is the slowest a request body may arrive on average,
// in bytes per second, before the connection is cut (Options.BodyMinRate).
const DefaultBodyMinRate = 1024

// errRequestTimeout is S3's answer to a client that stops sending its body
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html,
// RequestTimeout, 400).
var errRequestTimeout = awserr.New("RequestTimeout", http.StatusBadRequest,
	"Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.")

// startBodyProgress gives r's body a deadline that moves with progress, as
// Apache's mod_reqtimeout does with MinRate: the connection's read deadline
// starts idle from now, and every n bytes received move it n/minRate
// further, but never more than idle past the present. A body that keeps
// arriving at minRate or faster is therefore never cut however large it is
// (a 5 GiB upload at any ordinary speed), one that stalls is cut after
// idle, and one dripped slower than minRate (a byte a second) is cut soon
// after: it earns less time than it uses.
//
// When the body ends net/http clears the deadline itself before it starts
// reading the connection in the background, so a handler that works long
// after reading its body keeps its context.
//
// It does nothing when the body is empty, idle is not positive, or the
// connection cannot set deadlines (d from deadlinesOf of an
// httptest.ResponseRecorder). The body wrapper is b, which ServeHTTP keeps
// in the request's one allocation.
func startBodyProgress(b *progressBody, d deadlines, r *http.Request, idle time.Duration, minRate int64) {
	if idle <= 0 || r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
		return
	}
	if minRate <= 0 {
		minRate = 1
	}
	deadline := time.Now().Add(idle)
	if err := d.SetReadDeadline(deadline); err != nil {
		return
	}
	*b = progressBody{body: r.Body, conn: d, idle: idle, minRate: minRate, deadline: deadline, set: deadline}
	r.Body = b
}

// deadlines are the connection's deadlines as a ResponseWriter reaches
// them.
type deadlines interface {
	SetReadDeadline(time.Time) error
	SetWriteDeadline(time.Time) error
}

// deadlinesOf is w's way to the connection's deadlines: w itself when it
// has them (net/http's own writer does), without the allocation and the
// unwrapping of an http.ResponseController, otherwise one.
func deadlinesOf(w http.ResponseWriter) deadlines {
	if d, ok := w.(deadlines); ok {
		return d
	}
	return http.NewResponseController(w)
}

// progressBody is a request body whose reads push the connection's read
// deadline forward in proportion to the bytes they deliver.
type progressBody struct {
	body     io.ReadCloser
	conn     deadlines
	idle     time.Duration
	minRate  int64     // bytes per second that earn a second
	deadline time.Time // the deadline the bytes so far have earned
	set      time.Time // the deadline last given to the connection
}

func (b *progressBody) Read(p []byte) (int, error) {
	n, err := b.body.Read(p)
	switch {
	case err != nil && isTimeout(err):
		return n, errRequestTimeout
	case n > 0:
		b.credit(int64(n))
	}
	return n, err
}

// credit moves the deadline for n more bytes received.
func (b *progressBody) credit(n int64) {
	earned := time.Duration(n) * time.Second / time.Duration(b.minRate)
	b.deadline = b.deadline.Add(earned)
	now := time.Now()
	if limit := now.Add(b.idle); b.deadline.After(limit) {
		b.deadline = limit
	}
	// Moving the connection's deadline costs a timer update; doing it only
	// when it has moved idle/8 keeps that cost off fast uploads.
	if b.deadline.Sub(b.set) >= b.idle/8 {
		b.set = b.deadline
		_ = b.conn.SetReadDeadline(b.deadline)
	}
}

func (b *progressBody) Close() error { return b.body.Close() }

// isTimeout reports whether err is a read deadline passing.
func isTimeout(err error) bool {
	if err == io.EOF {
		// The end of every body, returned as it is by Read (io.EOF is
		// never wrapped): answered before errors.As, whose target
		// escapes, cost an allocation per request.
		return false
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
