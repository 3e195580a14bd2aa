package emulator_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// TestDecisionLoggedWhenMade pins that a decision reaches
// /_fakeaws/decisions when it is made, not when the response ends: a
// PutObject whose body is still arriving is already listed (allowed, no
// status yet), and gets its status once the upload completes.
func TestDecisionLoggedWhenMade(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	if got := s3As(t, ts, http.MethodPut, "/slow-bucket", "111111111111", "test"); got != 200 {
		t.Fatalf("CreateBucket = %d", got)
	}
	pr, pw := io.Pipe()
	const size = 64 << 10
	r, _ := http.NewRequest(http.MethodPut, ts.URL+"/slow-bucket/big.bin", pr)
	r.ContentLength = size
	r.Header.Set("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
	if err := v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"},
		r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	if _, err := pw.Write([]byte(strings.Repeat("x", size/2))); err != nil {
		t.Fatal(err)
	}
	putLine := func() (logged, bool) {
		for _, l := range decisionLines(t, ts) {
			if l.Action == "s3:PutObject" && l.Resource == "arn:aws:s3:::slow-bucket/big.bin" {
				return l, true
			}
		}
		return logged{}, false
	}
	// Half the body is sent: the decision is made and must be listed.
	deadline := time.Now().Add(2 * time.Minute)
	var l logged
	for ok := false; !ok; l, ok = putLine() {
		if time.Now().After(deadline) {
			t.Fatal("the PutObject decision was not listed within 2 minutes while its body was still arriving")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if l.Decision != "Allow" || l.Status != 0 || l.Operation != "PutObject" {
		t.Errorf("in-flight line = %+v, want Allow PutObject without a status", l)
	}
	if _, err := pw.Write([]byte(strings.Repeat("x", size/2))); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	select {
	case code := <-done:
		if code != 200 {
			t.Fatalf("PutObject = %d, want 200", code)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("PutObject did not answer within 2 minutes of its body's end")
	}
	if l, _ = putLine(); l.Status != 200 || l.ErrorCode != "" {
		t.Errorf("finished line = %+v, want status 200", l)
	}
}
