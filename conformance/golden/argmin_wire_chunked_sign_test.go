package golden

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// wireChunked is an aws-chunked upload as argmin's chunked.rs builds it
// (StreamingSigner): content-encoding, host, x-amz-content-sha256, the
// timestamp header and x-amz-decoded-content-length signed, plus extra.
type wireChunked struct {
	method, path, query string
	contentSHA          string
	// encoding is Content-Encoding ("aws-chunked" when empty).
	encoding string
	// decoded is x-amz-decoded-content-length (the data's length when < 0
	// is not set; see decodedSet).
	decoded    int
	decodedSet bool
	// skipEncoding / skipDecoded leave those headers unsigned and unsent.
	skipEncoding, skipDecoded bool
	// dateHeader signs the time as Date instead of x-amz-date.
	dateHeader bool
	// extra are signed and sent.
	extra [][2]string
	// chunks are the data; signed bodies carry chunk signatures.
	chunks []string
	// trailer ("name:value") follows the last chunk.
	trailer string
	// signTrailer adds x-amz-trailer-signature after the trailer.
	signTrailer bool
	// chunkSig, when set, replaces every chunk signature.
	chunkSig string
	// badTerminal signs the last chunk with zeros.
	badTerminal bool
	// badAfter, when > 0, signs every chunk after the first badAfter with
	// zeros.
	badAfter int
	// unsignedChunks frames a signed body's chunks without signatures.
	unsignedChunks bool
	// sentDecoded, when set, is the x-amz-decoded-content-length sent in
	// place of the signed one.
	sentDecoded string
	// sentEncoding, when set, is a Content-Encoding sent unsigned.
	sentEncoding string
	// rawBody, when set, is sent in place of the framed chunks.
	rawBody string
}

type wireChunkSigner struct {
	key          []byte
	date, scope  string
	seed         string
	signedChunks bool
}

func wireHMAC(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func (s wireChunkSigner) chunk(prev, data string) string {
	return hex.EncodeToString(wireHMAC(s.key, "AWS4-HMAC-SHA256-PAYLOAD\n"+s.date+"\n"+s.scope+"\n"+prev+"\n"+wireSHA256("")+"\n"+wireSHA256(data)))
}

func (s wireChunkSigner) trailer(prev, canonical string) string {
	return hex.EncodeToString(wireHMAC(s.key, "AWS4-HMAC-SHA256-TRAILER\n"+s.date+"\n"+s.scope+"\n"+prev+"\n"+wireSHA256(canonical)))
}

func (c wireChunked) data() string { return strings.Join(c.chunks, "") }

// headers are the signed headers and the signing time.
func (c wireChunked) headers(host, date string) [][2]string {
	h := [][2]string{{"host", host}, {"x-amz-content-sha256", c.contentSHA}}
	if !c.skipEncoding {
		enc := c.encoding
		if enc == "" {
			enc = "aws-chunked"
		}
		h = append(h, [2]string{"content-encoding", enc})
	}
	if c.dateHeader {
		h = append(h, [2]string{"date", date})
	} else {
		h = append(h, [2]string{"x-amz-date", date})
	}
	if !c.skipDecoded {
		n := len(c.data())
		if c.decodedSet {
			n = c.decoded
		}
		h = append(h, [2]string{"x-amz-decoded-content-length", strconv.Itoa(n)})
	}
	h = append(h, c.extra...)
	return wireSortHeaders(h)
}

func wireSortHeaders(h [][2]string) [][2]string {
	for i := 1; i < len(h); i++ {
		for j := i; j > 0 && h[j][0] < h[j-1][0]; j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
	return h
}

// body is the aws-chunked body of c, signed from s when it is signed.
func (c wireChunked) body(s wireChunkSigner) string {
	var b strings.Builder
	prev := s.seed
	for i, data := range append(append([]string(nil), c.chunks...), "") {
		last := i == len(c.chunks)
		if !s.signedChunks || c.unsignedChunks {
			fmt.Fprintf(&b, "%x\r\n", len(data))
		} else {
			sig := s.chunk(prev, data)
			switch {
			case c.chunkSig != "":
				sig = c.chunkSig
			case last && c.badTerminal, c.badAfter > 0 && i >= c.badAfter:
				sig = strings.Repeat("0", 64)
			}
			fmt.Fprintf(&b, "%x;chunk-signature=%s\r\n", len(data), sig)
			prev = sig
		}
		if !last {
			b.WriteString(data + "\r\n")
		}
	}
	if c.trailer != "" {
		b.WriteString(c.trailer + "\r\n")
		if c.signTrailer {
			b.WriteString("x-amz-trailer-signature:" + s.trailer(prev, c.trailer+"\n") + "\r\n")
		}
	}
	b.WriteString("\r\n")
	return b.String()
}

// send signs c with creds and sends it.
func (c wireChunked) send(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
	now := time.Now().UTC()
	date := now.Format("20060102T150405Z")
	scope := date[:8] + "/us-east-1/s3/aws4_request"
	headers := c.headers(wireHost(w), date)
	canonical, names := wireCanonical(c.method, c.path, wireCanonicalQuery(c.query), headers, c.contentSHA)
	seed := wireSignature(creds.SecretAccessKey, date, scope, canonical)
	key := []byte("AWS4" + creds.SecretAccessKey)
	for _, p := range strings.Split(scope, "/") {
		key = wireHMAC(key, p)
	}
	signer := wireChunkSigner{key: key, date: date, scope: scope, seed: seed, signedChunks: strings.HasPrefix(c.contentSHA, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")}
	sent := http.Header{}
	for _, h := range headers {
		if h[0] != "host" {
			sent.Set(h[0], h[1])
		}
	}
	if c.sentDecoded != "" {
		sent.Set("X-Amz-Decoded-Content-Length", c.sentDecoded)
	}
	if c.sentEncoding != "" {
		sent.Set("Content-Encoding", c.sentEncoding)
	}
	sent.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+creds.AccessKeyID+"/"+scope+", SignedHeaders="+names+", Signature="+seed)
	u := w.Endpoint + c.path
	if c.query != "" {
		u += "?" + c.query
	}
	body := c.body(signer)
	if c.rawBody != "" {
		body = c.rawBody
	}
	return wireSend(ctx, w, c.method, u, body, sent)
}

// wireChunkedPut is a signed aws-chunked PUT of data to key.
func wireChunkedPut(key string, data ...string) wireChunked {
	return wireChunked{method: http.MethodPut, path: wireObjectPath(key), contentSHA: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", chunks: data}
}

// wireTrailerPut is an unsigned-payload aws-chunked PUT with a trailer.
func wireTrailerPut(key, trailerName, trailerValue string, data ...string) wireChunked {
	return wireChunked{method: http.MethodPut, path: wireObjectPath(key), contentSHA: "STREAMING-UNSIGNED-PAYLOAD-TRAILER", chunks: data,
		extra: [][2]string{{"x-amz-trailer", trailerName}}, trailer: trailerName + ":" + trailerValue}
}

func (c wireChunked) call() func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) { return c.send(ctx, w, u.primary) }
}
