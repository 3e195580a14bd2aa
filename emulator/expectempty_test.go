package emulator_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// A PUT with "Expect: 100-continue" and an empty body gets its interim
// 100 Continue before the final answer, as from S3. botocore sends the
// header on every PutObject, empty bodies included, and reads a final
// answer that comes without a 100 as an early response whose status it
// keeps for the next request on the connection: that request then hangs
// until its read timeout (boto/botocore#3755). moto's AWS-verified
// tests/test_s3/test_s3_list_object_versions.py
// test_list_object_versions_with_paging_and_delimiter puts an empty
// object and then a non-empty one, and passes against AWS.
func TestExpectContinueEmptyBody(t *testing.T) {
	_, ts := newServer(t)
	if code, b := s3Do(t, http.MethodPut, ts.URL+"/expect-empty", nil); code != http.StatusOK {
		t.Fatalf("CreateBucket: %d %s", code, b)
	}
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	for _, body := range []string{"", "data"} {
		req := signedPut(t, ts.URL+"/expect-empty/k", body)
		if _, err := fmt.Fprint(conn, req); err != nil {
			t.Fatalf("body %q: writing the head: %v", body, err)
		}
		interim, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("body %q: no answer to the head (hung?): %v", body, err)
		}
		if interim.StatusCode != http.StatusContinue {
			t.Fatalf("body %q: first answer %d, want 100 Continue before the final answer", body, interim.StatusCode)
		}
		if _, err := fmt.Fprint(conn, body); err != nil {
			t.Fatalf("body %q: writing the body: %v", body, err)
		}
		final, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("body %q: no final answer (hung?): %v", body, err)
		}
		final.Body.Close()
		if final.StatusCode != http.StatusOK {
			t.Fatalf("body %q: final answer %d, want 200", body, final.StatusCode)
		}
	}
}

// signedPut is the head of a SigV4-signed PUT (root of 111111111111) of
// body with "Expect: 100-continue", as botocore writes it.
func signedPut(t *testing.T, url, body string) string {
	t.Helper()
	r, err := http.NewRequest(http.MethodPut, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
	creds := aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "PUT %s HTTP/1.1\r\nHost: %s\r\nExpect: 100-continue\r\nContent-Length: %d\r\n", r.URL.RequestURI(), r.Host, len(body))
	for name, values := range r.Header {
		for _, v := range values {
			fmt.Fprintf(&b, "%s: %s\r\n", name, v)
		}
	}
	b.WriteString("\r\n")
	return b.String()
}
