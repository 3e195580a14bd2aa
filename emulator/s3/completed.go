package s3

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// completedTTL is how long a completed multipart upload is remembered. AWS
// answers a repeated CompleteMultipartUpload with the same result and an
// AbortMultipartUpload of a completed upload with 204 for "a few hours"
// (minio/minio#13318 and #2250, comparing with S3), which is what lets an
// SDK retry a completion whose answer it lost.
const completedTTL = time.Hour

// completedMax bounds how many completions are remembered at once.
const completedMax = 10000

// completedUploads remembers recent CompleteMultipartUpload answers by
// bucket, key and upload id. It is kept in memory: a retry comes seconds
// after the first answer, not across a restart.
//
// A completion removes its upload in its commit and is recorded only
// after it, so a request that finds the upload gone asks get, which first
// waits for the completions of that upload still in flight (begin to
// end): an abort or a retried completion then gets the same answer
// whether it lands before or after the record is made.
type completedUploads struct {
	mu       sync.Mutex
	m        map[string]completedUpload
	inFlight map[string]*completing
}

// completing counts the completions of one upload in flight; done is
// closed when the count drops to zero.
type completing struct {
	n    int
	done chan struct{}
}

type completedUpload struct {
	at     time.Time
	body   completeResult
	header http.Header
	// parts is the completion's part list (completeRequest.partsKey): a
	// retry gets the answer again only when it asks for the same parts.
	parts string
	// initiator is the upload's initiator, who may still abort it
	// (uploadFor).
	initiator string
}

func completedKey(bucket, key, uploadID string) string {
	return bucket + "\x00" + key + "\x00" + uploadID
}

// add records the answer of a completion at now, dropping expired records
// (and the oldest when full).
func (c *completedUploads) add(k string, now time.Time, body completeResult, header http.Header, parts, initiator string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]completedUpload{}
	}
	if len(c.m) >= completedMax {
		var oldest string
		var oldestAt time.Time
		for id, u := range c.m {
			if now.Sub(u.at) > completedTTL {
				delete(c.m, id)
				continue
			}
			if oldest == "" || u.at.Before(oldestAt) {
				oldest, oldestAt = id, u.at
			}
		}
		if len(c.m) >= completedMax {
			delete(c.m, oldest)
		}
	}
	c.m[k] = completedUpload{at: now, body: body, header: header.Clone(), parts: parts, initiator: initiator}
}

// answer is the remembered completion's answer, given again.
func (u *completedUpload) answer() *result {
	body := u.body
	return &result{xml: &body, header: u.header}
}

// begin marks a completion of k as in flight until end is called; end
// may be called more than once.
func (c *completedUploads) begin(k string) (end func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.inFlight == nil {
		c.inFlight = map[string]*completing{}
	}
	f := c.inFlight[k]
	if f == nil {
		f = &completing{done: make(chan struct{})}
		c.inFlight[k] = f
	}
	f.n++
	var once sync.Once
	return func() {
		once.Do(func() {
			c.mu.Lock()
			defer c.mu.Unlock()
			if f.n--; f.n == 0 {
				close(f.done)
				delete(c.inFlight, k)
			}
		})
	}
}

// get returns the remembered answer for k, if it is recent, once no
// completion of k is in flight (or ctx ends: then none). waiting is called
// each time it starts waiting for one.
func (c *completedUploads) get(ctx context.Context, k string, now time.Time, waiting func()) (completedUpload, bool) {
	c.mu.Lock()
	for f := c.inFlight[k]; f != nil; f = c.inFlight[k] {
		c.mu.Unlock()
		waiting()
		select {
		case <-f.done:
		case <-ctx.Done():
			return completedUpload{}, false
		}
		c.mu.Lock()
	}
	defer c.mu.Unlock()
	u, ok := c.m[k]
	if !ok || now.Sub(u.at) > completedTTL {
		return completedUpload{}, false
	}
	u.header = u.header.Clone()
	return u, true
}

// forget drops the records of a bucket's uploads (the bucket was deleted).
func (c *completedUploads) forget(bucket string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.m {
		if len(k) > len(bucket) && k[:len(bucket)] == bucket && k[len(bucket)] == 0 {
			delete(c.m, k)
		}
	}
}

// Points of a request where tests can order concurrent requests
// (Handler.testPoint).
const (
	// pointCompleteCommitted: a completion's transaction committed, its
	// answer not recorded yet.
	pointCompleteCommitted = "complete-committed"
	// pointAbortAuthorized: an abort found its upload and was authorized,
	// its transaction not begun.
	pointAbortAuthorized = "abort-authorized"
	// pointAwaitCompletion: a request that found the upload gone starts
	// waiting for a completion of it in flight (completedUploads.get).
	pointAwaitCompletion = "await-completion"
	// pointCompleteSummed: a completion computed its FULL_OBJECT checksum
	// over the parts as they were, its transaction not begun.
	pointCompleteSummed = "complete-summed"
)

// reached calls the test hook, if any, at point.
func (h *Handler) reached(point string) {
	if h.testPoint != nil {
		h.testPoint(point)
	}
}
