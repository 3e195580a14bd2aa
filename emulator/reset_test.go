package emulator_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// s3Do sends a SigV4-signed S3 request as the root of 111111111111.
func s3Do(t *testing.T, method, url string, body io.Reader) (int, []byte) {
	t.Helper()
	r, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	client := http.DefaultClient
	if sb, ok := body.(sizedBody); ok {
		// The body is sent only once the handler reads it (100-continue),
		// so the caller knows the request is being served when its first
		// write returns.
		r.ContentLength = sb.size
		r.Header.Set("Expect", "100-continue")
		client = &http.Client{Transport: &http.Transport{ExpectContinueTimeout: time.Minute}}
	}
	r.Header.Set("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
	creds := aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(r)
	if err != nil {
		t.Errorf("%s %s: %v", method, url, err)
		return 0, nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// sizedBody is a streamed request body of a known length.
type sizedBody struct {
	io.Reader
	size int64
}

func reset(t *testing.T, ts *httptest.Server) (int, string) {
	t.Helper()
	resp, err := http.Post(ts.URL+"/_fakeaws/reset", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func bodyOf(key string) []byte { return bytes.Repeat([]byte(key+";"), 200) }

// Resets racing writers: every reset succeeds, and every object that
// survives has its whole body (issue 11 item 2: records kept with their
// bodies removed, and 500 "directory not empty"). Bounded by count.
func TestResetRacingWriters(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	const writers, puts, resetEvery = 4, 50, 8
	acked := make(chan struct{}, writers*puts)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range puts {
				key := fmt.Sprintf("w%d-%d", w, i)
				code, _ := s3Do(t, "PUT", ts.URL+"/resetrace/"+key, bytes.NewReader(bodyOf(key)))
				if code == http.StatusNotFound { // reset took the bucket
					s3Do(t, "PUT", ts.URL+"/resetrace", nil)
					code, _ = s3Do(t, "PUT", ts.URL+"/resetrace/"+key, bytes.NewReader(bodyOf(key)))
				}
				if code != http.StatusOK && code != http.StatusNotFound {
					t.Errorf("PUT %s = %d, want 200 (or 404 when a reset took the bucket)", key, code)
				}
				acked <- struct{}{}
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	s3Do(t, "PUT", ts.URL+"/resetrace", nil)
	n := 0
	for loop := true; loop; {
		select {
		case <-acked:
			if n++; n%resetEvery == 0 {
				if code, body := reset(t, ts); code != http.StatusOK {
					t.Errorf("reset #%d = %d %s, want 200", n/resetEvery, code, body)
				}
			}
		case <-done:
			loop = false
		}
	}
	code, list := s3Do(t, "GET", ts.URL+"/resetrace?list-type=2", nil)
	if code == http.StatusNotFound {
		return // the last reset came after the last write
	}
	var out struct {
		Contents []struct{ Key string }
	}
	if err := xml.Unmarshal(list, &out); err != nil {
		t.Fatalf("list = %d %s: %v", code, list, err)
	}
	for _, o := range out.Contents {
		code, got := s3Do(t, "GET", ts.URL+"/resetrace/"+o.Key, nil)
		if code != http.StatusOK || !bytes.Equal(got, bodyOf(o.Key)) {
			t.Errorf("GET %s after resets = %d, %d bytes; want 200 and its whole body", o.Key, code, len(got))
		}
	}
}

// A reset waits for a request in flight: the upload finishes and is then
// wiped, instead of failing halfway or keeping a record without its body.
func TestResetWaitsForRequestInFlight(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	if code, body := s3Do(t, "PUT", ts.URL+"/inflight", nil); code != 200 {
		t.Fatalf("create bucket = %d %s", code, body)
	}
	pr, pw := io.Pipe()
	put := make(chan int)
	go func() {
		code, _ := s3Do(t, "PUT", ts.URL+"/inflight/slow", sizedBody{pr, int64(len("first half second half"))})
		put <- code
	}()
	if _, err := pw.Write([]byte("first half ")); err != nil { // the handler is reading the body
		t.Fatal(err)
	}
	resetDone := make(chan int)
	go func() {
		code, _ := reset(t, ts)
		resetDone <- code
	}()
	time.Sleep(50 * time.Millisecond) // give the reset a chance to run into the upload
	if _, err := pw.Write([]byte("second half")); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	if code := <-put; code != http.StatusOK {
		t.Errorf("PUT across a reset = %d, want 200 (the reset waits for it)", code)
	}
	if code := <-resetDone; code != http.StatusOK {
		t.Errorf("reset = %d, want 200", code)
	}
	if code, body := s3Do(t, "GET", ts.URL+"/inflight/slow", nil); code != http.StatusNotFound {
		t.Errorf("GET after the reset = %d %s, want 404 (wiped)", code, body)
	}
}
