package emulator_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"
)

// rawSigner signs requests by hand, so an attack test can choose what the
// signature covers: which headers, which payload hash, which scope. It
// follows the canonical request of
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html.
type rawSigner struct {
	akid, secret, token string
	region, service     string
	at                  time.Time // zero: now
	scopeDate           string    // "": at's date
	terminator          string    // "": aws4_request
}

func (s rawSigner) time() time.Time {
	if s.at.IsZero() {
		return time.Now().UTC()
	}
	return s.at.UTC()
}

func (s rawSigner) scope() string {
	date := s.scopeDate
	if date == "" {
		date = s.time().Format("20060102")
	}
	term := s.terminator
	if term == "" {
		term = "aws4_request"
	}
	return date + "/" + s.region + "/" + s.service + "/" + term
}

func atkHMAC(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func (s rawSigner) key() []byte {
	date := s.scopeDate
	if date == "" {
		date = s.time().Format("20060102")
	}
	k := atkHMAC([]byte("AWS4"+s.secret), date)
	k = atkHMAC(k, s.region)
	k = atkHMAC(k, s.service)
	return atkHMAC(k, "aws4_request")
}

func atkSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// atkCanonicalQuery encodes and sorts a raw query as SigV4 does.
func atkCanonicalQuery(raw string) string {
	var pairs []string
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		dk, _ := url.QueryUnescape(k)
		dv, _ := url.QueryUnescape(v)
		pairs = append(pairs, atkEscape(dk)+"="+atkEscape(dv))
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

func atkEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// atkCanonical is the canonical request of r over the headers signed
// (lower case, sorted by the caller) and payloadHash.
func atkCanonical(r *http.Request, signed []string, payloadHash string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n%s\n", r.Method, r.URL.EscapedPath(), atkCanonicalQuery(r.URL.RawQuery))
	for _, h := range signed {
		v := r.Header.Values(h)
		if h == "host" {
			v = []string{r.Host}
		}
		fmt.Fprintf(&b, "%s:%s\n", h, strings.Join(v, ","))
	}
	fmt.Fprintf(&b, "\n%s\n%s", strings.Join(signed, ";"), payloadHash)
	return b.String()
}

func (s rawSigner) signature(amzDate, creq string) string {
	sts := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + s.scope() + "\n" + atkSHA256([]byte(creq))
	return hex.EncodeToString(atkHMAC(s.key(), sts))
}

// signHeader signs r in its Authorization header over the headers named
// in signed (x-amz-date, x-amz-content-sha256 and the token are set
// first; which of them signed lists is the caller's choice).
func (s rawSigner) signHeader(r *http.Request, signed []string, payloadHash string) string {
	amzDate := s.time().Format("20060102T150405Z")
	r.Header.Set("X-Amz-Date", amzDate)
	r.Header.Set("X-Amz-Content-Sha256", payloadHash)
	if s.token != "" {
		r.Header.Set("X-Amz-Security-Token", s.token)
	}
	sort.Strings(signed)
	sig := s.signature(amzDate, atkCanonical(r, signed, payloadHash))
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+s.akid+"/"+s.scope()+
		", SignedHeaders="+strings.Join(signed, ";")+", Signature="+sig)
	return sig
}

// presign adds a SigV4 query signature to r over the host header and an
// unsigned payload.
func (s rawSigner) presign(r *http.Request, expires string) {
	s.presignPayload(r, expires, "UNSIGNED-PAYLOAD")
}

// presignPayload is presign with payloadHash as the signed payload (r's
// query carries it as X-Amz-Content-Sha256 when it is not
// UNSIGNED-PAYLOAD); the x-amz-* headers r has when it is called are
// signed too. It returns the signature.
func (s rawSigner) presignPayload(r *http.Request, expires, payloadHash string) string {
	amzDate := s.time().Format("20060102T150405Z")
	signed := []string{"host"}
	for k := range r.Header {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, "x-amz-") {
			signed = append(signed, lk)
		}
	}
	sort.Strings(signed)
	q := r.URL.RawQuery
	if q != "" {
		q += "&"
	}
	q += "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + url.QueryEscape(s.akid+"/"+s.scope()) +
		"&X-Amz-Date=" + amzDate + "&X-Amz-Expires=" + expires + "&X-Amz-SignedHeaders=" + url.QueryEscape(strings.Join(signed, ";"))
	if s.token != "" {
		q += "&X-Amz-Security-Token=" + url.QueryEscape(s.token)
	}
	r.URL.RawQuery = q
	sig := s.signature(amzDate, atkCanonical(r, signed, payloadHash))
	r.URL.RawQuery += "&X-Amz-Signature=" + sig
	return sig
}

// chunkSigner signs aws-chunked bodies (STREAMING-AWS4-HMAC-SHA256-PAYLOAD
// and its -TRAILER form) as
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
// describes.
type chunkSigner struct {
	s       rawSigner
	amzDate string
	prev    string
}

func (c *chunkSigner) chunk(data []byte) string {
	sts := "AWS4-HMAC-SHA256-PAYLOAD\n" + c.amzDate + "\n" + c.s.scope() + "\n" + c.prev + "\n" +
		atkSHA256(nil) + "\n" + atkSHA256(data)
	c.prev = hex.EncodeToString(atkHMAC(c.s.key(), sts))
	if len(data) == 0 { // the final chunk: trailers, if any, and CRLF follow
		return "0;chunk-signature=" + c.prev + "\r\n"
	}
	return fmt.Sprintf("%x;chunk-signature=%s\r\n%s\r\n", len(data), c.prev, data)
}

func (c *chunkSigner) trailer(canon string) string {
	sts := "AWS4-HMAC-SHA256-TRAILER\n" + c.amzDate + "\n" + c.s.scope() + "\n" + c.prev + "\n" + atkSHA256([]byte(canon))
	return hex.EncodeToString(atkHMAC(c.s.key(), sts))
}

// do sends r and returns its status and body.
func atkDo(t *testing.T, r *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatalf("%s %.120s: %v", r.Method, r.URL, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, string(b)
}

func atkReq(t *testing.T, method, u string, body []byte) *http.Request {
	t.Helper()
	r, err := http.NewRequest(method, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body == nil {
		r.Body = http.NoBody
	}
	return r
}

// signV2 signs r with S3's SigV2 Authorization header
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html):
// the resource is the path and the sub-resources in subs.
func signV2(r *http.Request, akid, secret, resource string) {
	r.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	r.Header.Set("Authorization", "AWS "+akid+":"+v2Signature(r, secret, resource, r.Header.Get("Date")))
}

// presignV2 signs r in its query (AWSAccessKeyId, Expires, Signature).
func presignV2(r *http.Request, akid, secret, resource string, expires time.Time) {
	exp := fmt.Sprint(expires.Unix())
	sig := v2Signature(r, secret, resource, exp)
	q := r.URL.RawQuery
	if q != "" {
		q += "&"
	}
	r.URL.RawQuery = q + "AWSAccessKeyId=" + akid + "&Expires=" + exp + "&Signature=" + url.QueryEscape(sig)
}

func v2Signature(r *http.Request, secret, resource, date string) string {
	var amz []string
	for k, v := range r.Header {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, "x-amz-") {
			amz = append(amz, lk+":"+strings.Join(v, ",")+"\n")
		}
	}
	sort.Strings(amz)
	sts := r.Method + "\n" + r.Header.Get("Content-Md5") + "\n" + r.Header.Get("Content-Type") + "\n" + date + "\n" +
		strings.Join(amz, "") + resource
	m := hmac.New(sha1.New, []byte(secret))
	m.Write([]byte(sts))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}
