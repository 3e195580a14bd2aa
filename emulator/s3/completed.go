package s3

import (
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
type completedUploads struct {
	mu sync.Mutex
	m  map[string]completedUpload
}

type completedUpload struct {
	at     time.Time
	body   completeResult
	header http.Header
	// parts is the completion's part list (completeRequest.partsKey): a
	// retry gets the answer again only when it asks for the same parts.
	parts string
}

func completedKey(bucket, key, uploadID string) string {
	return bucket + "\x00" + key + "\x00" + uploadID
}

// add records the answer of a completion at now, dropping expired records
// (and the oldest when full).
func (c *completedUploads) add(k string, now time.Time, body completeResult, header http.Header, parts string) {
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
	c.m[k] = completedUpload{at: now, body: body, header: header.Clone(), parts: parts}
}

// get returns the remembered answer for k, if it is recent.
func (c *completedUploads) get(k string, now time.Time) (completedUpload, bool) {
	c.mu.Lock()
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
