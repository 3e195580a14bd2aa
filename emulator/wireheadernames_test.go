package emulator_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// TestWireHeaderNames reads the raw HTTP/1.1 answers and checks each
// header name's exact spelling, as AWS sends it: S3's x-amz-* in lower
// case and ETag, the other names as Go's canonical form spells them
// (LocalStack test_s3_cors.snapshot.json, whose header dicts keep the
// case AWS sent, e.g. TestS3Cors::test_cors_match_origins "get-no-origin",
// "opt-right-origin", test_cors_match_methods "put-op"; S3's
// RESTCommonResponseHeaders; the S3 API reference's Response Syntax for
// x-amz-server-side-encryption-customer-key-MD5), and IAM's and STS's
// x-amzn-RequestId (botocore's debug log of IAM and STS answers). No name
// may go out twice, in two spellings or one, nor in Go's canonical form
// where AWS's differs.
func TestWireHeaderNames(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	w := &wireSteps{t: t, ts: ts}
	cors := `<CORSConfiguration><CORSRule><AllowedOrigin>https://example.com</AllowedOrigin>` +
		`<AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader>` +
		`<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`
	ids := []string{"x-amz-request-id", "x-amz-id-2", "Server", "Date"}
	object := append([]string{"ETag", "Last-Modified", "Accept-Ranges", "Content-Type", "Content-Length",
		"x-amz-server-side-encryption"}, ids...)
	origin := map[string]string{"Origin": "https://example.com"}
	ssec := ssecHeaders("x-amz-server-side-encryption-customer-")
	steps := []wireStep{
		{name: "CreateBucket", method: "PUT", path: "/wire", status: 200, want: append([]string{"Location", "Content-Length"}, ids...)},
		{name: "PutBucketCors", method: "PUT", path: "/wire?cors", body: cors, md5: true, status: 200, want: ids},
		{name: "PutBucketVersioning", method: "PUT", path: "/wire?versioning", status: 200, want: ids,
			body: `<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`},
		{name: "PutObject", method: "PUT", path: "/wire/k", body: "hello", status: 200,
			want: append([]string{"ETag", "x-amz-version-id", "x-amz-server-side-encryption", "x-amz-checksum-crc64nvme", "x-amz-checksum-type"}, ids...)},
		{name: "GetObject with a CORS origin", method: "GET", path: "/wire/k", header: origin, status: 200,
			want: append([]string{"Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Expose-Headers",
				"Access-Control-Max-Age", "Access-Control-Allow-Credentials", "Vary", "x-amz-version-id"}, object...)},
		{name: "HeadObject", method: "HEAD", path: "/wire/k", header: map[string]string{"x-amz-checksum-mode": "ENABLED"}, status: 200,
			want: append([]string{"x-amz-checksum-crc64nvme", "x-amz-checksum-type"}, object...)},
		{name: "GetObject range", method: "GET", path: "/wire/k", header: map[string]string{"Range": "bytes=1-2"}, status: 206,
			want: append([]string{"Content-Range"}, ids...)},
		{name: "GetObject not modified", method: "GET", path: "/wire/k", header: map[string]string{"If-None-Match": "*"}, status: 304,
			want: append([]string{"ETag", "Last-Modified", "x-amz-version-id"}, ids...)},
		{name: "presigned GetObject", method: "GET", path: "/wire/k", presign: true, status: 200, want: object},
		// New buckets block SSE-C since April 2026: unblock it first.
		{name: "PutBucketEncryption", method: "PUT", path: "/wire?encryption", md5: true, status: 200, want: ids,
			body: `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>` +
				`<BlockedEncryptionTypes><EncryptionType>NONE</EncryptionType></BlockedEncryptionTypes></Rule></ServerSideEncryptionConfiguration>`},
		{name: "PutObject SSE-C", method: "PUT", path: "/wire/c", body: "secret", header: ssec, status: 200,
			want: []string{"ETag", "x-amz-server-side-encryption-customer-algorithm", "x-amz-server-side-encryption-customer-key-MD5"}},
		{name: "HeadObject SSE-C", method: "HEAD", path: "/wire/c", header: ssec, status: 200,
			want: []string{"ETag", "x-amz-server-side-encryption-customer-algorithm", "x-amz-server-side-encryption-customer-key-MD5"}},
		{name: "CORS preflight", method: "OPTIONS", path: "/wire/k", unsigned: true, status: 200,
			header: map[string]string{"Origin": "https://example.com", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "x-amz-meta-a"},
			want:   append([]string{"Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Vary"}, ids...)},
		{name: "CORS preflight refused", method: "OPTIONS", path: "/wire/k", unsigned: true, status: 400, want: append([]string{"Content-Type"}, ids...)},
		{name: "DeleteObject", method: "DELETE", path: "/wire/k", status: 204, want: append([]string{"x-amz-delete-marker", "x-amz-version-id"}, ids...)},
		{name: "GetObject of a delete marker", method: "GET", path: "/wire/k", status: 404,
			want: append([]string{"x-amz-delete-marker", "x-amz-version-id", "Content-Type"}, ids...)},
		{name: "HeadObject missing", method: "HEAD", path: "/wire/none", status: 404, want: ids},
		{name: "bad signature", method: "GET", path: "/wire/k", badSig: true, status: 403, want: append([]string{"Content-Type"}, ids...)},
		{name: "CreateMultipartUpload", method: "POST", path: "/wire/mp?uploads", status: 200, want: ids, upload: true},
		{name: "UploadPart", method: "PUT", path: "/wire/mp?partNumber=1&uploadId=UPLOAD", body: "part", status: 200,
			want: append([]string{"ETag", "x-amz-server-side-encryption"}, ids...)},
		{name: "CompleteMultipartUpload", method: "POST", path: "/wire/mp?uploadId=UPLOAD", status: 200,
			body: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"` + md5Hex("part") + `"</ETag></Part></CompleteMultipartUpload>`,
			want: append([]string{"x-amz-version-id", "x-amz-server-side-encryption", "Content-Type"}, ids...)},
		{name: "CreateBucket in eu-west-1", method: "PUT", path: "/wire-eu", region: "eu-west-1", status: 200, want: ids,
			body: `<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>`},
		{name: "HeadBucket of another Region", method: "HEAD", path: "/wire-eu", status: 301, want: append([]string{"x-amz-bucket-region"}, ids...)},
		{name: "IAM CreateUser", service: "iam", body: "Action=CreateUser&UserName=wire&Version=2010-05-08", status: 200,
			want: []string{"x-amzn-RequestId", "Content-Type", "Content-Length", "Date"}},
		{name: "IAM error", service: "iam", body: "Action=GetUser&UserName=nobody&Version=2010-05-08", status: 404,
			want: []string{"x-amzn-RequestId", "Content-Type", "Date"}},
		{name: "STS GetCallerIdentity", service: "sts", body: "Action=GetCallerIdentity&Version=2011-06-15", status: 200,
			want: []string{"x-amzn-RequestId", "Content-Type", "Content-Length", "Date"}},
	}
	for _, s := range steps {
		w.run(s)
	}
}

// wireStep is one request of TestWireHeaderNames and the header names its
// answer must carry, spelled exactly so.
type wireStep struct {
	name, method, path, body string
	service                  string // "iam" or "sts": a signed Query POST of body; "" for S3
	region                   string // signing Region, default us-east-1
	header                   map[string]string
	md5                      bool // send Content-MD5
	unsigned, presign        bool
	badSig                   bool // sign with a wrong secret
	upload                   bool // the answer's UploadId replaces UPLOAD in later paths
	status                   int
	want                     []string
}

type wireSteps struct {
	t        *testing.T
	ts       *httptest.Server
	uploadID string
}

// canonicalOnly are names in Go's canonical form where AWS's spelling
// differs: none may go out.
var canonicalOnly = regexp.MustCompile(`^(X-Amz-|X-Amzn-|Etag$)`)

func (w *wireSteps) run(s wireStep) {
	t := w.t
	t.Run(s.name, func(t *testing.T) {
		raw := exchangeRaw(t, w.ts, w.request(t, s))
		status, names, body := parseRawAnswer(t, raw)
		if status != s.status {
			t.Fatalf("status %d, want %d:\n%s", status, s.status, raw)
		}
		seen := map[string]string{}
		for _, n := range names {
			if prev, ok := seen[strings.ToLower(n)]; ok {
				t.Errorf("header %q sent twice (also as %q):\n%s", n, prev, raw)
			}
			seen[strings.ToLower(n)] = n
			if canonicalOnly.MatchString(n) {
				t.Errorf("header %q in Go's canonical spelling, not AWS's:\n%s", n, raw)
			}
		}
		for _, n := range s.want {
			if got, ok := seen[strings.ToLower(n)]; !ok || got != n {
				t.Errorf("header %q: sent as %q (want exactly %q):\n%s", n, got, n, raw)
			}
		}
		if s.upload {
			m := regexp.MustCompile(`<UploadId>([^<]+)</UploadId>`).FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("no UploadId in %s", body)
			}
			w.uploadID = m[1]
		}
	})
}

// request builds s's request, signed as root of 111111111111 unless
// unsigned.
func (w *wireSteps) request(t *testing.T, s wireStep) *http.Request {
	t.Helper()
	method, path, service := s.method, strings.ReplaceAll(s.path, "UPLOAD", w.uploadID), "s3"
	if s.service != "" {
		method, path, service = http.MethodPost, "/", s.service
	}
	r, err := http.NewRequest(method, w.ts.URL+path, strings.NewReader(s.body))
	if err != nil {
		t.Fatal(err)
	}
	if s.body == "" {
		r.Body, r.ContentLength = http.NoBody, 0
	}
	for k, v := range s.header {
		r.Header.Set(k, v)
	}
	if s.service != "" {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if s.md5 {
		sum := md5.Sum([]byte(s.body))
		r.Header.Set("Content-MD5", base64.StdEncoding.EncodeToString(sum[:]))
	}
	r.Close = true // the server closes the connection: the answer is read to EOF
	if s.unsigned {
		return r
	}
	creds, region := rootCreds, s.region
	if region == "" {
		region = "us-east-1"
	}
	if s.badSig {
		creds.SecretAccessKey = "wrong"
	}
	payload := "UNSIGNED-PAYLOAD"
	if service != "s3" {
		sum := sha256.Sum256([]byte(s.body))
		payload = hex.EncodeToString(sum[:])
	} else {
		r.Header.Set("x-amz-content-sha256", payload)
	}
	signer := v4.NewSigner()
	if s.presign {
		r.Header.Del("x-amz-content-sha256")
		r.URL.RawQuery = "X-Amz-Expires=300"
		u, _, err := signer.PresignHTTP(context.Background(), creds, r, payload, service, region, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if r, err = http.NewRequest(method, u, http.NoBody); err != nil {
			t.Fatal(err)
		}
		r.Close = true
		return r
	}
	if err := signer.SignHTTP(context.Background(), creds, r, payload, service, region, time.Now()); err != nil {
		t.Fatal(err)
	}
	return r
}

// exchangeRaw sends r over a connection of its own and returns the raw
// bytes of the answer, read until the server closes the connection.
func exchangeRaw(t *testing.T, ts *httptest.Server, r *http.Request) string {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := r.Write(conn); err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(conn)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// parseRawAnswer splits a raw HTTP/1.1 answer into its status, its header
// names as sent, and its body.
func parseRawAnswer(t *testing.T, raw string) (status int, names []string, body string) {
	t.Helper()
	head, body, ok := strings.Cut(raw, "\r\n\r\n")
	if !ok {
		t.Fatalf("no end of header section in %q", raw)
	}
	lines := strings.Split(head, "\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(lines[0]+"\r\n\r\n")), nil)
	if err != nil {
		t.Fatalf("status line %q: %v", lines[0], err)
	}
	for _, l := range lines[1:] {
		n, _, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("header line %q has no colon", l)
		}
		names = append(names, n)
	}
	return resp.StatusCode, names, body
}

// ssecHeaders are SSE-C request headers under prefix for a fixed key.
func ssecHeaders(prefix string) map[string]string {
	key := bytes.Repeat([]byte{7}, 32)
	sum := md5.Sum(key)
	return map[string]string{prefix + "algorithm": "AES256", prefix + "key": base64.StdEncoding.EncodeToString(key),
		prefix + "key-MD5": base64.StdEncoding.EncodeToString(sum[:])}
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}
