package reliability

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// reset posts /_fakeaws/reset, returning its status and body.
func (s *server) reset() (int, string, error) {
	resp, err := (&http.Client{Timeout: stepTimeout}).Post(s.url+"/_fakeaws/reset", "application/json", nil)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), nil
}

// Issue 11 item 2: POST /_fakeaws/reset racing PUT writers. Before the fix
// records were deleted in one transaction and bodies outside it: a PUT in
// between kept its record and lost its body, and resets answered 500
// "directory not empty". Every reset and every PUT must succeed (a PUT may
// find its bucket wiped: NoSuchBucket, then it re-creates it); afterwards
// every listed object has the body written under its key, and every PUT
// sent after the last reset answered is listed.
func TestResetRacingWriters(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	const bucket = "reset-race"
	// Writers keep writing until every reset has answered, then write
	// tail more each; maxPuts bounds them should resets never end.
	const writers, tail, maxPuts = 4, 5, 2000
	resets := 20
	if testing.Short() {
		resets = 8
	}
	s.mustCreateBucket(t, bucket, false)

	var resetsDone, acked atomic.Int32
	var mu sync.Mutex
	afterLast := map[string]bool{} // PUTs sent once every reset had answered
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := s.s3()
			after := 0
			for i := range maxPuts {
				final := resetsDone.Load() == int32(resets)
				key := fmt.Sprintf("w%d-%d", w, i)
				if err := putRecreating(cl, bucket, key, bodyOf(key, 0, 2048+i*37%4096)); err != nil {
					t.Error(err)
					return
				}
				acked.Add(1)
				if final {
					mu.Lock()
					afterLast[key] = true
					mu.Unlock()
					if after++; after == tail {
						return
					}
				}
			}
		}()
	}
	for i := range resets {
		// A few PUTs between resets, so they interleave with writes
		// rather than with each other.
		waitUntil(t, "PUTs between resets", func() bool { return acked.Load() >= int32(8*(i+1)) || t.Failed() })
		status, body, err := s.reset()
		if err != nil || status != 200 {
			t.Errorf("reset %d = %d %q, %v; want 200", i, status, body, err)
		}
		resetsDone.Add(1)
	}
	wg.Wait()
	if t.Failed() {
		return
	}

	ctx, cancel := stepCtx()
	defer cancel()
	cl := s.s3()
	list, err := cl.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	if err != nil {
		t.Fatal(hung("ListObjectsV2 after the resets", err))
	}
	listed := map[string]bool{}
	for _, o := range list.Contents {
		key := aws.ToString(o.Key)
		listed[key] = true
		var i, w int
		if _, err := fmt.Sscanf(key, "w%d-%d", &w, &i); err != nil {
			t.Errorf("listed key %q was never written", key)
			continue
		}
		want := bodyOf(key, 0, 2048+i*37%4096)
		if got, _, _, err := getObject(ctx, cl, bucket, key, ""); err != nil || got != want {
			t.Errorf("GET %s (listed) = %d bytes, %v (status %d); want its %d bytes", key, len(got), err, statusOf(err), len(want))
		}
	}
	for key := range afterLast {
		if !listed[key] {
			t.Errorf("%s, written after the last reset, is not listed", key)
		}
	}
	t.Logf("%d objects listed after %d resets, %d written after the last", len(listed), resets, len(afterLast))
}

// putRecreating puts key, re-creating bucket when a reset wiped it. Any
// other failure, a 500 above all, is an error.
func putRecreating(cl *s3.Client, bucket, key, body string) error {
	ctx, cancel := stepCtx()
	defer cancel()
	for attempt := 0; ; attempt++ {
		_, err := cl.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key),
			Body: strings.NewReader(body)})
		if codeOf(err) != "NoSuchBucket" || attempt == 20 {
			if err != nil {
				return fmt.Errorf("%w (status %d)", hung("PUT "+key, err), statusOf(err))
			}
			return nil
		}
		_, err = cl.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)})
		if err != nil && codeOf(err) != "BucketAlreadyOwnedByYou" {
			return fmt.Errorf("%w (status %d)", hung("CreateBucket after a reset", err), statusOf(err))
		}
	}
}

// waitUntil polls cond until it holds; a minute without it fails the test
// naming what did not happen.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("step %q hung: not done within %v", what, stepTimeout)
		}
		time.Sleep(time.Millisecond)
	}
}
