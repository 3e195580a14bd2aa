package sigv4

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// recorder is a server that verifies every request and records the outcome.
type recorder struct {
	mu       sync.Mutex
	v        *Verifier
	results  []*Result
	errs     []error
	bodies   [][]byte
	modes    []string
	trailers []http.Header
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	res, err := rec.v.Verify(r)
	var body []byte
	if err == nil {
		body, err = io.ReadAll(r.Body)
	}
	rec.mu.Lock()
	rec.results = append(rec.results, res)
	rec.errs = append(rec.errs, err)
	rec.bodies = append(rec.bodies, body)
	rec.modes = append(rec.modes, r.Header.Get("X-Amz-Content-Sha256"))
	var tr http.Header
	if t, ok := r.Body.(TrailerReader); ok {
		tr = t.Trailers()
	}
	rec.trailers = append(rec.trailers, tr)
	rec.mu.Unlock()
	if err != nil {
		w.WriteHeader(403)
		return
	}
	if strings.Contains(r.URL.RawQuery, "Action=GetCallerIdentity") || r.Method == "POST" && r.URL.Path == "/" {
		w.Header().Set("Content-Type", "text/xml")
		io.WriteString(w, `<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:root</Arn><UserId>x</UserId><Account>000000000000</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`)
		return
	}
	w.Header().Set("ETag", `"d41d8cd98f00b204e9800998ecf8427e"`)
}

func newRecorder(now time.Time) *recorder {
	return &recorder{v: testVerifier(now)}
}

func TestRealS3ClientPutObject(t *testing.T) {
	rec := newRecorder(time.Now())
	srv := httptest.NewServer(rec)
	defer srv.Close()
	keys := []string{"plain.txt", "dir/with space.txt", "ünïcødé/ሴ.bin", "a+b%c=d&e.txt", "tilde~(paren)*star!'.txt"}
	for _, secret := range []string{testSecret, "wrong"} {
		client := s3.New(s3.Options{
			Region:           "us-east-1",
			BaseEndpoint:     aws.String(srv.URL),
			UsePathStyle:     true,
			Credentials:      credentials.NewStaticCredentialsProvider(testAKID, secret, ""),
			RetryMaxAttempts: 1,
		})
		for _, key := range keys {
			t.Run(secret+"/"+key, func(t *testing.T) {
				payload := bytes.Repeat([]byte(key), 1000)
				before := len(rec.errs)
				_, err := client.PutObject(context.Background(), &s3.PutObjectInput{
					Bucket: aws.String("bucket"), Key: aws.String(key), Body: bytes.NewReader(payload),
				})
				if secret != testSecret {
					if err == nil {
						t.Fatalf("PutObject with a wrong secret: got success, want an error")
					}
					if got := errCode(rec.errs[before]); got != "SignatureDoesNotMatch" {
						t.Fatalf("server saw %v, want SignatureDoesNotMatch", rec.errs[before])
					}
					return
				}
				if err != nil {
					t.Fatalf("PutObject: %v (server: %v, mode %q)", err, rec.errs[len(rec.errs)-1], rec.modes[len(rec.modes)-1])
				}
				last := len(rec.errs) - 1
				if !bytes.Equal(rec.bodies[last], payload) {
					t.Fatalf("server read %d bytes (mode %q), want the %d-byte payload", len(rec.bodies[last]), rec.modes[last], len(payload))
				}
				_, err = client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String("bucket"), Key: aws.String(key)})
				if err != nil && rec.errs[len(rec.errs)-1] != nil {
					t.Fatalf("GetObject: server saw %v", rec.errs[len(rec.errs)-1])
				}
			})
		}
	}
	t.Logf("payload modes seen: %v", rec.modes)
}

func TestRealSTSClient(t *testing.T) {
	rec := newRecorder(time.Now())
	srv := httptest.NewServer(rec)
	defer srv.Close()
	client := sts.New(sts.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("ASIATEMP", testSecret, "tok"),
	})
	if _, err := client.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{}); err != nil {
		t.Fatalf("GetCallerIdentity: %v (server: %v)", err, rec.errs)
	}
	if res := rec.results[0]; res.Service != "sts" || res.SessionToken != "tok" || res.AccessKeyID != "ASIATEMP" {
		t.Fatalf("got %+v, want sts/ASIATEMP/tok", res)
	}
}

func TestPresignRoundTrip(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	tests := []struct {
		name, service, path string
		s3                  bool
		expires             time.Duration
		token, keyToken     string
		verifyAt            time.Duration
		wantCode            string
	}{
		{name: "s3 get", service: "s3", path: "/bucket/some%20key/%E1%88%B4+plus", s3: true, expires: time.Hour},
		{name: "s3 expired", service: "s3", path: "/bucket/k", s3: true, expires: time.Minute, verifyAt: 2 * time.Minute, wantCode: "AccessDenied"},
		{name: "s3 week+1", service: "s3", path: "/bucket/k", s3: true, expires: 604801 * time.Second, wantCode: "AuthorizationQueryParametersError"},
		{name: "s3 token", service: "s3", path: "/bucket/k", s3: true, expires: time.Hour, token: "tok", keyToken: "tok"},
		{name: "s3 wrong token", service: "s3", path: "/bucket/k", s3: true, expires: time.Hour, token: "bad", keyToken: "tok", wantCode: "InvalidToken"},
		{name: "sts get", service: "sts", path: "/", expires: 15 * time.Minute},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u := "http://localhost:4566" + tc.path
			if tc.service == "sts" {
				u += "?Action=GetCallerIdentity&Version=2011-06-15"
			}
			req, _ := http.NewRequest("GET", u, nil)
			q := req.URL.Query()
			q.Set("X-Amz-Expires", itoa64(int64(tc.expires/time.Second)))
			req.URL.RawQuery = q.Encode()
			ph := emptySHA256
			if tc.s3 {
				ph = "UNSIGNED-PAYLOAD"
			}
			creds := aws.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret, SessionToken: tc.token}
			signed, _, err := v4.NewSigner().PresignHTTP(context.Background(), creds, req, ph, tc.service, "us-east-1", now, func(o *v4.SignerOptions) {
				o.DisableURIPathEscaping = tc.s3
			})
			if err != nil {
				t.Fatal(err)
			}
			pu, _ := url.Parse(signed)
			r := httptest.NewRequest("GET", pu.RequestURI(), nil)
			r.Host = pu.Host
			v := testVerifier(now.Add(tc.verifyAt))
			v.Lookup = func(context.Context, string) (Key, error) {
				return Key{Secret: testSecret, SessionToken: tc.keyToken}, nil
			}
			res, err := v.Verify(r)
			if got := errCode(err); got != tc.wantCode {
				t.Fatalf("got %v, want code %q (url %s)", err, tc.wantCode, signed)
			}
			if err == nil && (res.AuthType != "REST-QUERY-STRING" || res.Service != tc.service || res.SessionToken != tc.token) {
				t.Fatalf("got %+v, want REST-QUERY-STRING %s", res, tc.service)
			}
			if tc.wantCode == "AccessDenied" {
				if e := err.(*Error); e.Message != "Request has expired" || e.Field("X-Amz-Expires") != "60" || e.Field("Expires") == "" || e.Field("ServerTime") == "" {
					t.Fatalf("got %+v, want Request has expired with X-Amz-Expires, Expires, ServerTime", e)
				}
			}
		})
	}
}

func itoa64(n int64) string { return strconvFormat(n) }

// Over HTTPS the SDK sends STREAMING-UNSIGNED-PAYLOAD-TRAILER with a CRC32
// trailer by default.
func TestRealS3ClientPutObjectTLS(t *testing.T) {
	rec := newRecorder(time.Now())
	srv := httptest.NewTLSServer(rec)
	defer srv.Close()
	client := s3.New(s3.Options{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String(srv.URL),
		UsePathStyle:     true,
		HTTPClient:       srv.Client(),
		Credentials:      credentials.NewStaticCredentialsProvider(testAKID, testSecret, ""),
		RetryMaxAttempts: 1,
	})
	for _, tc := range []struct {
		name string
		body io.Reader
		size int
		algo types.ChecksumAlgorithm
	}{
		{"seekable", bytes.NewReader(bytes.Repeat([]byte("x"), 200000)), 200000, ""},
		{"stream", io.LimitReader(strings.NewReader(strings.Repeat("y", 70000)), 70000), 70000, ""},
		{"stream crc32c", io.LimitReader(strings.NewReader(strings.Repeat("z", 70000)), 70000), 70000, types.ChecksumAlgorithmCrc32c},
		{"stream crc64nvme", io.LimitReader(strings.NewReader(strings.Repeat("z", 70000)), 70000), 70000, types.ChecksumAlgorithmCrc64nvme},
		{"seekable sha256", bytes.NewReader(bytes.Repeat([]byte("x"), 1000)), 1000, types.ChecksumAlgorithmSha256},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := client.PutObject(context.Background(), &s3.PutObjectInput{
				Bucket: aws.String("bucket"), Key: aws.String("k " + tc.name), Body: tc.body,
				ContentLength: aws.Int64(int64(tc.size)), ChecksumAlgorithm: tc.algo,
			})
			last := len(rec.errs) - 1
			if err != nil {
				t.Fatalf("PutObject: %v (server: %v)", err, rec.errs[last])
			}
			if len(rec.bodies[last]) != tc.size {
				t.Fatalf("server read %d bytes, want %d", len(rec.bodies[last]), tc.size)
			}
			t.Logf("mode %q", rec.modes[last])
			if strings.HasPrefix(rec.modes[last], "STREAMING-") && tc.algo != "" {
				name := "X-Amz-Checksum-" + strings.ToLower(string(tc.algo))
				if got := rec.trailers[last].Get(name); got == "" {
					t.Fatalf("trailers: got %v, want %s", rec.trailers[last], name)
				}
			}
		})
	}
}
