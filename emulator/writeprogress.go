package emulator

import (
	"net/http"
	"time"
)

// DefaultResponseWriteTimeout is how long a response may make no progress
// (a client that stops reading) before the connection is cut
// (Options.ResponseWriteTimeout).
const DefaultResponseWriteTimeout = time.Minute

// writeChunk is the most a single write to the connection carries before the
// deadline moves again: a client must take each writeChunk bytes within the
// timeout (32 KiB a minute by default, about 550 bytes a second), so a
// steady download of any size is never cut and a client reading a byte a
// second is.
const writeChunk = 32 << 10

// progressWriter is a ResponseWriter whose writes push the connection's
// write deadline forward: every writeChunk bytes must reach the client
// within idle of the write that carries them. It is the response-side twin
// of progressBody; a whole-response http.Server.WriteTimeout would cut a
// legitimate multi-gigabyte download.
type progressWriter struct {
	http.ResponseWriter
	conn deadlines
	idle time.Duration
	set  time.Time // the deadline last given to the connection
}

// startResponseProgress wraps w in pw (ServeHTTP keeps it in the
// request's one allocation) so that a response that stops moving for idle
// is cut; d are the connection's deadlines. The connection's write deadline
// is first set idle from now (a previous keep-alive response's deadline
// must not bound this one, and the "100 Continue" net/http writes while the
// body is read must not fail), then moved before writes as they progress.
// done (nil when w is returned as it is) must run when the handler
// returns: it gives net/http's final flush of buffered bytes the same
// bound. A quick response moves the deadline only once: each move costs a
// timer update on the connection.
//
// With idle not positive, or a writer that cannot set deadlines
// (httptest.ResponseRecorder), w is returned as it is.
func startResponseProgress(pw *progressWriter, d deadlines, w http.ResponseWriter, idle time.Duration) (_ http.ResponseWriter, done *progressWriter) {
	if idle <= 0 {
		return w, nil
	}
	deadline := time.Now().Add(idle)
	if err := d.SetWriteDeadline(deadline); err != nil {
		return w, nil
	}
	*pw = progressWriter{ResponseWriter: w, conn: d, idle: idle, set: deadline}
	return pw, pw
}

// done moves the deadline for net/http's final flush, unless the one set
// last leaves it at least 7/8 of idle.
func (w *progressWriter) done() {
	if w != nil {
		w.extend(false)
	}
}

// extend moves the write deadline to idle from now. Moving it costs a timer
// update; unless forced, it is skipped while the deadline set last is still
// at least 7/8 of idle away, so every write has that long.
func (w *progressWriter) extend(force bool) {
	deadline := time.Now().Add(w.idle)
	if !force && deadline.Sub(w.set) < w.idle/8 {
		return
	}
	w.set = deadline
	_ = w.conn.SetWriteDeadline(deadline)
}

func (w *progressWriter) WriteHeader(status int) {
	w.extend(false)
	w.ResponseWriter.WriteHeader(status)
}

// Write hands p to the connection writeChunk bytes at a time, moving the
// deadline before each piece, so a large write is judged by its progress.
func (w *progressWriter) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		piece := p[:min(len(p), writeChunk)]
		w.extend(false)
		n, err := w.ResponseWriter.Write(piece)
		written += n
		if err != nil {
			return written, err
		}
		p = p[n:]
	}
	return written, nil
}

// Flush passes on to the underlying writer.
func (w *progressWriter) Flush() {
	w.extend(false)
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *progressWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
