package golden

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// wireSig is a SigV4 request built by hand, as argmin's suite builds them
// (crates/s3-tests/src/lib.rs presign_url_with_credentials and
// send_signed_request_*): which headers are signed, the credential scope
// and the date are the suite's to choose, so requests the SDK will not
// make (host left unsigned, a foreign scope, a date in 1970) can be sent.
type wireSig struct {
	method string
	// path is the escaped path; query the query without the auth parameters.
	path, query string
	// signed are the headers signed besides host, lower-case names.
	signed [][2]string
	// noHost leaves host out of SignedHeaders (still sent on the wire).
	noHost bool
	// payload is the payload hash signed; "" is UNSIGNED-PAYLOAD.
	payload string
	// region and service of the credential scope; "" is us-east-1 / s3.
	region, service string
	// date is the signing time; zero is now.
	date time.Time
	// expires is X-Amz-Expires of a presigned URL.
	expires int
	// host is the host:port the request is sent to and signs; "" is the
	// World's endpoint.
	host string
	// noContentSHA leaves x-amz-content-sha256 out of a header-signed
	// request (signed and sent).
	noContentSHA bool
}

// wireRegional is the host of S3's us-east-1 endpoint on w's port, the
// suite's S3_TEST_ENDPOINT (the World dials every host to the server).
func wireRegional(w *World) string {
	_, port, _ := strings.Cut(wireHost(w), ":")
	return "s3.us-east-1.amazonaws.com:" + port
}

func (s wireSig) base(w *World) (base, host string) {
	if s.host == "" {
		return w.Endpoint, wireHost(w)
	}
	return "http://" + s.host, s.host
}

func (s wireSig) scope() (date, scope string) {
	region, service := s.region, s.service
	if region == "" {
		region = "us-east-1"
	}
	if service == "" {
		service = "s3"
	}
	d := s.date
	if d.IsZero() {
		d = time.Now()
	}
	date = d.UTC().Format("20060102T150405Z")
	return date, date[:8] + "/" + region + "/" + service + "/aws4_request"
}

func (s wireSig) payloadHash() string {
	if s.payload == "" {
		return "UNSIGNED-PAYLOAD"
	}
	return s.payload
}

// headers are the signed headers, sorted, with host first when signed.
func (s wireSig) headers(host string) [][2]string {
	h := append([][2]string(nil), s.signed...)
	if !s.noHost {
		h = append(h, [2]string{"host", host})
	}
	sort.Slice(h, func(i, j int) bool { return h[i][0] < h[j][0] })
	return h
}

func wireSignature(secret, date, scope, canonical string) string {
	mac := func(key []byte, data string) []byte {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(data))
		return m.Sum(nil)
	}
	parts := strings.Split(scope, "/")
	key := []byte("AWS4" + secret)
	for _, p := range parts {
		key = mac(key, p)
	}
	sum := sha256.Sum256([]byte(canonical))
	return hex.EncodeToString(mac(key, "AWS4-HMAC-SHA256\n"+date+"\n"+scope+"\n"+hex.EncodeToString(sum[:])))
}

// wireCanonicalQuery sorts and URI-encodes a raw query as SigV4 does.
func wireCanonicalQuery(raw string) string {
	var pairs []string
	for _, p := range strings.Split(raw, "&") {
		if p == "" {
			continue
		}
		k, v, _ := strings.Cut(p, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		pairs = append(pairs, wireEncode(k)+"="+wireEncode(v))
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

func wireEncode(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("-_.~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func wireCanonical(method, path, query string, headers [][2]string, payload string) (canonical, signedNames string) {
	var names []string
	var ch strings.Builder
	for _, h := range headers {
		names = append(names, h[0])
		ch.WriteString(h[0] + ":" + h[1] + "\n")
	}
	signedNames = strings.Join(names, ";")
	return method + "\n" + path + "\n" + query + "\n" + ch.String() + "\n" + signedNames + "\n" + payload, signedNames
}

// wireHost is the Host the World's endpoint is reached at.
func wireHost(w *World) string { return strings.TrimPrefix(w.Endpoint, "http://") }

// wirePresignURL is s presigned with creds: the URL and the headers the
// request must carry (the signed ones; a payload hash is signed as
// x-amz-content-sha256, as the suite's presign_url_with_credentials does).
func wirePresignURL(w *World, creds aws.Credentials, s wireSig) (string, http.Header) {
	date, scope := s.scope()
	if s.payload != "" {
		s.signed = append(append([][2]string(nil), s.signed...), [2]string{"x-amz-content-sha256", s.payload})
	}
	base, host := s.base(w)
	headers := s.headers(host)
	var names []string
	for _, h := range headers {
		names = append(names, h[0])
	}
	raw := s.query
	if raw != "" {
		raw += "&"
	}
	raw += "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + url.QueryEscape(creds.AccessKeyID+"/"+scope) +
		"&X-Amz-Date=" + date + fmt.Sprintf("&X-Amz-Expires=%d", s.expires) + "&X-Amz-SignedHeaders=" + url.QueryEscape(strings.Join(names, ";"))
	if creds.SessionToken != "" {
		raw += "&X-Amz-Security-Token=" + url.QueryEscape(creds.SessionToken)
	}
	query := wireCanonicalQuery(raw)
	canonical, _ := wireCanonical(s.method, s.path, query, headers, s.payloadHash())
	sig := wireSignature(creds.SecretAccessKey, date, scope, canonical)
	sent := http.Header{}
	for _, h := range headers {
		if h[0] != "host" {
			sent.Set(h[0], h[1])
		}
	}
	return base + s.path + "?" + query + "&X-Amz-Signature=" + sig, sent
}

// wireHeaderAuth signs s in an Authorization header, with x-amz-date and
// x-amz-content-sha256 signed; it returns the URL and the headers to send.
func wireHeaderAuth(w *World, creds aws.Credentials, s wireSig) (string, http.Header) {
	date, scope := s.scope()
	s.signed = append(append([][2]string(nil), s.signed...), [2]string{"x-amz-date", date})
	if !s.noContentSHA {
		s.signed = append(s.signed, [2]string{"x-amz-content-sha256", s.payloadHash()})
	}
	base, host := s.base(w)
	headers := s.headers(host)
	canonical, names := wireCanonical(s.method, s.path, wireCanonicalQuery(s.query), headers, s.payloadHash())
	sig := wireSignature(creds.SecretAccessKey, date, scope, canonical)
	sent := http.Header{}
	for _, h := range headers {
		if h[0] != "host" {
			sent.Set(h[0], h[1])
		}
	}
	sent.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+creds.AccessKeyID+"/"+scope+", SignedHeaders="+names+", Signature="+sig)
	u := base + s.path
	if s.query != "" {
		u += "?" + s.query
	}
	return u, sent
}

// wireSend sends method to u with body and header, exposing the XML error
// elements as "Error-<Name>" headers and the body as "Body".
func wireSend(ctx context.Context, w *World, method, u, body string, header http.Header) (any, error) {
	r, err := http.NewRequestWithContext(ctx, method, u, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	if body == "" {
		r.Body, r.ContentLength = http.NoBody, 0
	}
	for k, vs := range header {
		r.Header[http.CanonicalHeaderKey(k)] = vs
	}
	resp, err := w.HTTP.Do(r)
	if err != nil {
		return nil, err
	}
	out, err := withErrorFields(resp, nil)
	if err != nil {
		return nil, err
	}
	return withBodyHeader(out.(*http.Response))
}

func wireSHA256(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
