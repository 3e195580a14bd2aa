package reliability

// Fault probe: SIGKILL while CopyObject and UploadPartCopy completions
// run, which TestKillLoopKeepsAcknowledgedWrites (PUT, multipart from the
// client's bytes, DeleteObjects) does not exercise. It found no hole; it
// stays as coverage.

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// copySources are the objects the copies read: an inline body, a body
// file, and one of two parts (the first 5 MiB).
var copySources = []string{
	bodyOf("src-0", 0, 700),
	bodyOf("src-1", 1, store.InlineMax+5000),
	bodyOf("src-2", 2, 5<<20+14) + bodyOf("src-2", 3, 3000),
}

// copyAcks are the copies the server acknowledged: key → source index.
type copyAcks struct {
	mu   sync.Mutex
	keys map[string]int
}

func (a *copyAcks) add(key string, src int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.keys[key] = src
}

func (a *copyAcks) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.keys)
}

func TestKillDuringCopies(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := start(t, dir)
	s.mustCreateBucket(t, "kill-copies", false)
	ctx, cancel := stepCtx()
	defer cancel()
	for i, body := range copySources {
		key := fmt.Sprintf("src-%d", i)
		if _, err := s.s3().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("kill-copies"), Key: aws.String(key),
			Body: strings.NewReader(body)}); err != nil {
			t.Fatal(hung("PutObject "+key, err))
		}
	}
	acks := &copyAcks{keys: map[string]int{}}
	for round := range 2 {
		var killed atomic.Bool
		var wg sync.WaitGroup
		before := acks.count()
		for w := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := copyWorker(s.s3(), acks, round, w); err != nil && !killed.Load() {
					t.Errorf("round %d, before the kill: %v", round, err)
				}
			}()
		}
		waitUntil(t, fmt.Sprintf("round %d: first acknowledged copies", round),
			func() bool { return acks.count() >= before+4 || t.Failed() })
		time.Sleep(time.Duration(round*150) * time.Millisecond)
		killed.Store(true)
		s.kill(t)
		wg.Wait()
		if t.Failed() {
			return
		}
		s = start(t, dir)
		verifyCopies(t, s, acks, round)
	}
}

// copyWorker copies the sources round-robin, by CopyObject or by
// UploadPartCopy of every part and a completion, recording each
// acknowledged copy, until its first error (the kill).
func copyWorker(cl *s3.Client, acks *copyAcks, round, w int) error {
	for i := 0; i < 60; i++ {
		src := i % len(copySources)
		key := fmt.Sprintf("c-%d-%d-%d-from-%d", round, w, i, src)
		ctx, cancel := stepCtx()
		var err error
		if i%2 == 0 {
			_, err = cl.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("kill-copies"), Key: aws.String(key),
				CopySource: aws.String(fmt.Sprintf("kill-copies/src-%d", src))})
		} else {
			err = copyByParts(ctx, cl, key, src)
		}
		cancel()
		if err != nil {
			return hung("copy "+key, err)
		}
		acks.add(key, src)
	}
	return nil
}

// copyByParts copies source src into key by UploadPartCopy: one part, or
// two (5 MiB and the rest) for the large source.
func copyByParts(ctx context.Context, cl *s3.Client, key string, src int) error {
	up, err := cl.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("kill-copies"), Key: aws.String(key)})
	if err != nil {
		return err
	}
	size := len(copySources[src])
	ranges := []string{fmt.Sprintf("bytes=0-%d", size-1)}
	if size > 5<<20 {
		ranges = []string{fmt.Sprintf("bytes=0-%d", 5<<20-1), fmt.Sprintf("bytes=%d-%d", 5<<20, size-1)}
	}
	var parts []s3types.CompletedPart
	for i, r := range ranges {
		n := aws.Int32(int32(i + 1))
		out, err := cl.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String("kill-copies"), Key: aws.String(key),
			UploadId: up.UploadId, PartNumber: n, CopySource: aws.String(fmt.Sprintf("kill-copies/src-%d", src)), CopySourceRange: aws.String(r)})
		if err != nil {
			return err
		}
		parts = append(parts, s3types.CompletedPart{PartNumber: n, ETag: out.CopyPartResult.ETag})
	}
	_, err = cl.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("kill-copies"), Key: aws.String(key),
		UploadId: up.UploadId, MultipartUpload: &s3types.CompletedMultipartUpload{Parts: parts}})
	return err
}

// verifyCopies checks, after a restart, that every acknowledged copy is
// listed and every listed copy (acknowledged or not) reads back as its
// whole source.
func verifyCopies(t *testing.T, s *server, acks *copyAcks, round int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*stepTimeout)
	defer cancel()
	cl := s.s3()
	listed := map[string]bool{}
	pages := s3.NewListObjectsV2Paginator(cl, &s3.ListObjectsV2Input{Bucket: aws.String("kill-copies"), Prefix: aws.String("c-")})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			t.Fatal(hung("ListObjectsV2 after the restart", err))
		}
		for _, o := range page.Contents {
			listed[aws.ToString(o.Key)] = true
		}
	}
	acks.mu.Lock()
	defer acks.mu.Unlock()
	for key := range acks.keys {
		if !listed[key] {
			t.Errorf("round %d, after the restart: acknowledged copy %s is not listed", round, key)
		}
	}
	for key := range listed {
		var src int
		if _, err := fmt.Sscanf(key[strings.LastIndex(key, "-from-")+len("-from-"):], "%d", &src); err != nil {
			t.Fatalf("listed key %s: %v", key, err)
		}
		got, _, _, err := getObject(ctx, cl, "kill-copies", key, "")
		if err != nil || got != copySources[src] {
			t.Errorf("round %d, after the restart: GET %s = %d bytes, %v; want its source's %d bytes", round, key, len(got), err, len(copySources[src]))
		}
	}
	t.Logf("round %d: %d copies acknowledged, %d listed, all whole", round, len(acks.keys), len(listed))
}
