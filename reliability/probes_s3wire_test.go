package reliability

// S3 wire-level probes from outside (session 2026-12-06): each test is a
// probe that found a real hole in the binary, kept so it stays closed.

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// wireRequest is one hand-made S3 request: its body, and the payload hash
// it is signed with (the body's own when empty).
type wireRequest struct {
	method, path string
	body         string
	signedHash   string
	header       map[string]string
}

// send signs rq as the root of account and returns the status and body.
func (s *server) send(t *testing.T, rq wireRequest) (int, string) {
	t.Helper()
	r, err := http.NewRequest(rq.method, s.url+rq.path, strings.NewReader(rq.body))
	if err != nil {
		t.Fatal(err)
	}
	if rq.body == "" {
		r.Body = http.NoBody
	}
	for k, v := range rq.header {
		r.Header.Set(k, v)
	}
	hash := rq.signedHash
	if hash == "" {
		sum := sha256.Sum256([]byte(rq.body))
		hash = hex.EncodeToString(sum[:])
	}
	r.Header.Set("X-Amz-Content-Sha256", hash)
	creds := aws.Credentials{AccessKeyID: account, SecretAccessKey: "test"}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hash, "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Timeout: stepTimeout}).Do(r)
	if err != nil {
		t.Fatal(hung(rq.method+" "+rq.path, err))
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func contentMD5(body string) string {
	sum := md5.Sum([]byte(body))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// S3 checks a body against its signed x-amz-content-sha256 only when the
// body ends. Handlers that decode an XML body stopped at the end of its
// root element (xml.Decoder) or at a size limit, so the check never ran:
// a body other than the signed one (a captured PutBucketVersioning,
// PutBucketTagging, PutPublicAccessBlock, PutBucketOwnershipControls or
// ACL request with its body swapped, or any such body padded past the
// limit) was applied. They now read the body whole first; one past the
// limit is MaxMessageLengthExceeded.
func TestXMLBodiesAreTheSignedOnes(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	s.mustCreateBucket(t, "wire", false)
	s.put(t, "/wire/obj", "x")
	otherSum := sha256.Sum256([]byte("some other body"))
	otherHash := hex.EncodeToString(otherSum[:])
	bodies := []struct {
		name, method, path, body string
		// check reads the state the body would change; unchanged is
		// what it must still read.
		check, unchanged string
	}{
		{"PutBucketVersioning", "PUT", "/wire?versioning",
			`<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`,
			"/wire?versioning", "<Status>"},
		{"PutBucketTagging", "PUT", "/wire?tagging",
			`<Tagging><TagSet><Tag><Key>swapped</Key><Value>v</Value></Tag></TagSet></Tagging>`,
			"/wire?tagging", "swapped"},
		{"PutPublicAccessBlock", "PUT", "/wire?publicAccessBlock",
			`<PublicAccessBlockConfiguration><BlockPublicAcls>false</BlockPublicAcls></PublicAccessBlockConfiguration>`,
			"/wire?publicAccessBlock", "<BlockPublicAcls>false"},
		{"PutBucketOwnershipControls", "PUT", "/wire?ownershipControls",
			`<OwnershipControls><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></OwnershipControls>`,
			"/wire?ownershipControls", "ObjectWriter"},
		{"PutPublicAccessBlock (account)", "PUT", "/v20180820/configuration/publicAccessBlock",
			`<PublicAccessBlockConfiguration><BlockPublicPolicy>true</BlockPublicPolicy></PublicAccessBlockConfiguration>`,
			"/v20180820/configuration/publicAccessBlock", "<BlockPublicPolicy>true"},
		{"PutObjectTagging", "PUT", "/wire/obj?tagging",
			`<Tagging><TagSet><Tag><Key>swapped</Key><Value>v</Value></Tag></TagSet></Tagging>`,
			"/wire/obj?tagging", "swapped"},
	}
	for _, b := range bodies {
		// headers are the request's headers for body.
		headers := func(body string) map[string]string {
			h := map[string]string{"Content-MD5": contentMD5(body)}
			if strings.HasPrefix(b.path, "/v2018") {
				h["X-Amz-Account-Id"] = account
			}
			return h
		}
		// The body signed is another; then the body signed, padded
		// past the limit.
		padded := b.body + strings.Repeat(" ", 3<<20)
		for _, rq := range []struct {
			what string
			wire wireRequest
			code string
		}{
			{"another body's hash", wireRequest{method: b.method, path: b.path, body: b.body, signedHash: otherHash, header: headers(b.body)},
				"XAmzContentSHA256Mismatch"},
			{"padded past the limit", wireRequest{method: b.method, path: b.path, body: padded, header: headers(padded)},
				"MaxMessageLengthExceeded"},
		} {
			status, body := s.send(t, rq.wire)
			if status != http.StatusBadRequest || !strings.Contains(body, "<Code>"+rq.code+"</Code>") {
				t.Errorf("%s with %s = %d %.200q, want 400 %s", b.name, rq.what, status, body, rq.code)
			}
		}
		check := headers("")
		delete(check, "Content-MD5")
		if _, got := s.send(t, wireRequest{method: "GET", path: b.check, header: check}); strings.Contains(got, b.unchanged) {
			t.Errorf("after the refused %s, GET %s = %.300q: the unsigned body was applied", b.name, b.check, got)
		}
	}
}

// A write authorized against one bucket commits only into that bucket.
// Before the fix a request that read its body slowly committed into
// whatever bucket had the name when the body ended: an account that
// deleted its bucket mid-request, after another account created one of the
// same name, set its own bucket policy on the other account's bucket (and
// then read its objects), or stored an object there. The write is now
// answered NoSuchBucket and changes nothing.
func TestWritesStayInTheBucketTheyWereAuthorizedFor(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	owner := s.s3()
	squatter := s3Client(s.config(other, "test", ""))
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + account +
		`:root"},"Action":"s3:*","Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"]}]}`
	cases := []struct {
		name, method, path, body string
		// unchanged reports whether the other account's bucket is as it
		// created it.
		unchanged func(ctx context.Context, bucket string) error
	}{
		{"PutBucketPolicy", "PUT", "?policy", policy, func(ctx context.Context, bucket string) error {
			out, err := squatter.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(bucket)})
			if codeOf(err) != "NoSuchBucketPolicy" {
				return fmt.Errorf("GetBucketPolicy = %v, %v; want NoSuchBucketPolicy", out, err)
			}
			return nil
		}},
		{"PutObject", "PUT", "/k", strings.Repeat("x", 100_000), func(ctx context.Context, bucket string) error {
			_, err := squatter.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String("k")})
			if statusOf(err) != http.StatusNotFound {
				return fmt.Errorf("HeadObject k = %v; want 404", err)
			}
			return nil
		}},
		{"PutBucketTagging", "PUT", "?tagging", `<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>`,
			func(ctx context.Context, bucket string) error {
				_, err := squatter.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(bucket)})
				if codeOf(err) != "NoSuchTagSet" {
					return fmt.Errorf("GetBucketTagging = %v; want NoSuchTagSet", err)
				}
				return nil
			}},
	}
	for i, c := range cases {
		bucket := "recreated-" + strconv.Itoa(i)
		s.mustCreateBucket(t, bucket, false)
		body := strings.ReplaceAll(c.body, "BUCKET", bucket)
		status, answer := s.sendAfterContinue(t, c.method, "/"+bucket+c.path, body, func() {
			ctx, cancel := stepCtx()
			defer cancel()
			if _, err := owner.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(bucket)}); err != nil {
				t.Fatal(hung("DeleteBucket "+bucket, err))
			}
			if _, err := squatter.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
				t.Fatal(hung("CreateBucket "+bucket+" by the other account", err))
			}
		})
		if status != http.StatusNotFound || !strings.Contains(answer, "<Code>NoSuchBucket</Code>") {
			t.Errorf("%s whose bucket was deleted and created by another account mid-body = %d %.300q, want 404 NoSuchBucket", c.name, status, answer)
		}
		ctx, cancel := stepCtx()
		if err := c.unchanged(ctx, bucket); err != nil {
			t.Errorf("the other account's bucket after %s: %v", c.name, err)
		}
		cancel()
	}
}

// sendAfterContinue sends a signed request with Expect: 100-continue and
// runs between once the server asks for the body (it has authorized the
// request and begun reading), before sending the body.
func (s *server) sendAfterContinue(t *testing.T, method, path, body string, between func()) (int, string) {
	t.Helper()
	pr, pw := io.Pipe()
	r, err := http.NewRequest(method, s.url+path, pr)
	if err != nil {
		t.Fatal(err)
	}
	r.ContentLength = int64(len(body))
	r.Header.Set("Expect", "100-continue")
	sum := sha256.Sum256([]byte(body))
	hash := hex.EncodeToString(sum[:])
	r.Header.Set("X-Amz-Content-Sha256", hash)
	// The Content-MD5 SDKs send, which PutBucketTagging requires.
	md := md5.Sum([]byte(body))
	r.Header.Set("Content-Md5", base64.StdEncoding.EncodeToString(md[:]))
	creds := aws.Credentials{AccessKeyID: account, SecretAccessKey: "test"}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hash, "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	asked := make(chan struct{})
	r = r.WithContext(httptrace.WithClientTrace(r.Context(), &httptrace.ClientTrace{
		Got100Continue: func() { close(asked) },
	}))
	type answer struct {
		status int
		body   string
		err    error
	}
	done := make(chan answer, 1)
	go func() {
		client := &http.Client{Timeout: stepTimeout, Transport: &http.Transport{ExpectContinueTimeout: stepTimeout}}
		resp, err := client.Do(r)
		if err != nil {
			done <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		done <- answer{status: resp.StatusCode, body: string(b)}
	}()
	select {
	case <-asked:
	case a := <-done:
		t.Fatalf("%s %s answered %d %.300q (%v) before asking for its body", method, path, a.status, a.body, a.err)
	case <-time.After(stepTimeout):
		t.Fatalf("step '%s %s' hung: no 100 Continue within %v", method, path, stepTimeout)
	}
	between()
	go func() {
		_, _ = io.WriteString(pw, body)
		pw.Close()
	}()
	a := <-done
	if a.err != nil {
		t.Fatal(hung(method+" "+path, a.err))
	}
	return a.status, a.body
}
