package sigv4

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The S3 documentation's examples ("Signature Calculations for the
// Authorization Header" and "Transferring Payload in Multiple Chunks").
const (
	docAKID   = "AKIAIOSFODNN7EXAMPLE"
	docSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	docDate   = "20130524T000000Z"
	docScope  = "20130524/us-east-1/s3/aws4_request"
)

var docTime = time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)

func docVerifier(now time.Time) *Verifier {
	return &Verifier{
		Lookup: func(ctx context.Context, akid string) (Key, error) {
			if akid != docAKID {
				return Key{}, InvalidAccessKeyID("s3", akid)
			}
			return Key{Secret: docSecret}, nil
		},
		Now: func() time.Time { return now },
	}
}

func TestS3DocGetObject(t *testing.T) {
	tests := []struct {
		name, sig, rng string
		now            time.Time
		wantCode       string
	}{
		{name: "published signature", sig: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", rng: "bytes=0-9", now: docTime},
		{name: "range changed", sig: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", rng: "bytes=0-10", now: docTime, wantCode: "SignatureDoesNotMatch"},
		{name: "clock 25 min ahead", sig: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", rng: "bytes=0-9", now: docTime.Add(25 * time.Minute), wantCode: "RequestTimeTooSkewed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/test.txt", nil)
			r.Host = "examplebucket.s3.amazonaws.com"
			r.Header.Set("Range", tc.rng)
			r.Header.Set("X-Amz-Content-Sha256", emptySHA256)
			r.Header.Set("X-Amz-Date", docDate)
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+docAKID+"/"+docScope+",SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature="+tc.sig)
			res, err := docVerifier(tc.now).Verify(r)
			if got := errCode(err); got != tc.wantCode {
				t.Fatalf("got %v, want code %q", err, tc.wantCode)
			}
			if err == nil && (res.Service != "s3" || res.AuthType != "REST-HEADER" || res.Version != "AWS4-HMAC-SHA256") {
				t.Fatalf("got %+v, want s3 REST-HEADER AWS4-HMAC-SHA256", res)
			}
			e, _ := err.(*Error)
			switch tc.wantCode {
			case "SignatureDoesNotMatch":
				if e.Message != msgSigMismatchS3 || !strings.Contains(e.Field("CanonicalRequest"), "range:bytes=0-10\n") ||
					!strings.HasPrefix(e.Field("StringToSign"), "AWS4-HMAC-SHA256\n"+docDate+"\n"+docScope+"\n") ||
					e.Field("AWSAccessKeyId") != docAKID || e.Field("SignatureProvided") != tc.sig ||
					!strings.HasPrefix(e.Field("StringToSignBytes"), "41 57 53 34") {
					t.Fatalf("got fields %v, want S3's SignatureDoesNotMatch details", e.Fields)
				}
			case "RequestTimeTooSkewed":
				if e.Field("RequestTime") != docDate || e.Field("ServerTime") != "2013-05-24T00:25:00Z" || e.Field("MaxAllowedSkewMilliseconds") != "900000" || e.Status != 403 {
					t.Fatalf("got %+v, want RequestTime/ServerTime/MaxAllowedSkewMilliseconds", e)
				}
			}
		})
	}
}

func TestS3DocPresignedGet(t *testing.T) {
	const q = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
	tests := []struct {
		name, query string
		now         time.Time
		wantCode    string
		wantField   [2]string
		wantMsg     string
	}{
		{name: "published", query: q, now: docTime.Add(time.Hour)},
		{name: "expired", query: q, now: docTime.Add(86401 * time.Second), wantCode: "AccessDenied", wantField: [2]string{"Expires", "2013-05-25T00:00:00Z"}},
		// Messages as S3 answers them: aws/aws-cli#5464, fog/fog#3528.
		{name: "too long", query: strings.Replace(q, "X-Amz-Expires=86400", "X-Amz-Expires=604801", 1), now: docTime, wantCode: "AuthorizationQueryParametersError",
			wantMsg: "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds"},
		{name: "negative", query: strings.Replace(q, "X-Amz-Expires=86400", "X-Amz-Expires=-7", 1), now: docTime, wantCode: "AuthorizationQueryParametersError",
			wantMsg: "X-Amz-Expires must be non-negative"},
		{name: "tampered", query: strings.Replace(q, "X-Amz-Expires=86400", "X-Amz-Expires=86401", 1), now: docTime, wantCode: "SignatureDoesNotMatch"},
		{name: "missing date", query: strings.Replace(q, "X-Amz-Date=20130524T000000Z&", "", 1), now: docTime, wantCode: "AuthorizationQueryParametersError"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/test.txt?"+tc.query, nil)
			r.Host = "examplebucket.s3.amazonaws.com"
			res, err := docVerifier(tc.now).Verify(r)
			if got := errCode(err); got != tc.wantCode {
				t.Fatalf("got %v, want code %q", err, tc.wantCode)
			}
			if tc.wantMsg != "" && err.(*Error).Message != tc.wantMsg {
				t.Fatalf("got message %q, want %q", err.(*Error).Message, tc.wantMsg)
			}
			if err == nil && res.AuthType != "REST-QUERY-STRING" {
				t.Fatalf("got auth type %q, want REST-QUERY-STRING", res.AuthType)
			}
			if tc.wantField[0] != "" {
				if got := err.(*Error).Field(tc.wantField[0]); got != tc.wantField[1] {
					t.Fatalf("got %s=%q, want %q", tc.wantField[0], got, tc.wantField[1])
				}
			}
		})
	}
}

// encodeChunked frames data as aws-chunked. With key != nil the chunks are
// signed starting from seed; with trailer != "" the checksum trailer (and,
// when signed, its signature) follows the final chunk.
func encodeChunked(key []byte, amzDate, scope, seed string, data []byte, chunk int, trailer, trailerValue string) []byte {
	var b bytes.Buffer
	prev := writeChunks(&b, key, amzDate, scope, seed, data, chunk)
	if trailer != "" {
		line := trailer + ":" + trailerValue
		b.WriteString(line + "\r\n")
		if key != nil {
			sum := sha256.Sum256([]byte(line + "\n"))
			sts := "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + prev + "\n" + hex.EncodeToString(sum[:])
			b.WriteString("x-amz-trailer-signature:" + hex.EncodeToString(hmacSHA256(key, sts)) + "\r\n")
		}
	}
	b.WriteString("\r\n")
	return b.Bytes()
}

// writeChunks writes data to b as aws-chunked chunks of chunk bytes, then
// the final empty chunk (with no CRLF of its own: a trailer or the closing
// CRLF follows). With key != nil the chunks are signed starting from seed;
// it returns the last chunk signature (seed when unsigned).
func writeChunks(b *bytes.Buffer, key []byte, amzDate, scope, seed string, data []byte, chunk int) string {
	prev := seed
	for off := 0; ; off += chunk {
		start := min(off, len(data))
		part := data[start:min(start+chunk, len(data))]
		fmt.Fprintf(b, "%x", len(part))
		if key != nil {
			sum := sha256.Sum256(part)
			sts := "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + prev + "\n" + emptySHA256 + "\n" + hex.EncodeToString(sum[:])
			prev = hex.EncodeToString(hmacSHA256(key, sts))
			b.WriteString(";chunk-signature=" + prev)
		}
		b.WriteString("\r\n")
		if len(part) == 0 {
			return prev
		}
		b.Write(part)
		b.WriteString("\r\n")
	}
}

func TestS3DocChunkedPut(t *testing.T) {
	const seed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
	key := deriveKey(docSecret, "20130524", "us-east-1", "s3")
	data := bytes.Repeat([]byte{'a'}, 65536+1024)
	body := encodeChunked(key, docDate, docScope, seed, data, 65536, "", "")
	if len(body) != 66824 {
		t.Fatalf("encoded body is %d bytes, want the documented Content-Length 66824", len(body))
	}
	if want := "10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n"; !bytes.HasPrefix(body, []byte(want)) {
		t.Fatalf("first chunk header: got %q, want %q", body[:88], want)
	}
	mk := func(body []byte) *http.Request {
		r := httptest.NewRequest("PUT", "/examplebucket/chunkObject.txt", bytes.NewReader(body))
		r.Host = "s3.amazonaws.com"
		r.Header.Set("X-Amz-Date", docDate)
		r.Header.Set("X-Amz-Storage-Class", "REDUCED_REDUNDANCY")
		r.Header.Set("X-Amz-Content-Sha256", streamingSigned)
		r.Header.Set("Content-Encoding", "aws-chunked")
		r.Header.Set("X-Amz-Decoded-Content-Length", "66560")
		r.Header.Set("Content-Length", "66824")
		r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+docAKID+"/"+docScope+",SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature="+seed)
		return r
	}
	corrupt := bytes.Clone(body)
	corrupt[65712+10] ^= 1 // a byte inside the second chunk (65626 + 86-byte header)
	tests := []struct {
		name     string
		body     []byte
		wantData int
		wantCode string
	}{
		{name: "published", body: body, wantData: len(data)},
		{name: "second chunk corrupted", body: corrupt, wantData: 65536, wantCode: "SignatureDoesNotMatch"},
		{name: "truncated", body: body[:66000], wantData: 65536, wantCode: "IncompleteBody"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := mk(tc.body)
			if _, err := docVerifier(docTime).Verify(r); err != nil {
				t.Fatalf("Verify: got %v, want success", err)
			}
			if r.ContentLength != 66560 {
				t.Errorf("ContentLength: got %d, want 66560", r.ContentLength)
			}
			got, err := io.ReadAll(r.Body)
			if code := errCode(err); code != tc.wantCode {
				t.Fatalf("Read error: got %v, want code %q", err, tc.wantCode)
			}
			if len(got) != tc.wantData || !bytes.Equal(got, data[:len(got)]) {
				t.Fatalf("got %d decoded bytes, want %d bytes of the payload", len(got), tc.wantData)
			}
		})
	}
}

func TestPayloadHashMismatch(t *testing.T) {
	v := testVerifier(testTime)
	body := []byte("hello world")
	for _, tc := range []struct {
		name, sent string
		wantCode   string
	}{
		{"match", sha256Hex(body), ""},
		{"mismatch", sha256Hex([]byte("other")), "XAmzContentSHA256Mismatch"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := signS3(t, "PUT", "http://localhost/b/k", body, tc.sent, nil)
			if _, err := v.Verify(r); err != nil {
				t.Fatalf("Verify: got %v, want success", err)
			}
			_, err := io.ReadAll(r.Body)
			if got := errCode(err); got != tc.wantCode {
				t.Fatalf("Read: got %v, want code %q", err, tc.wantCode)
			}
			if err != nil {
				e := err.(*Error)
				if e.Field("ClientComputedContentSHA256") != tc.sent || e.Field("S3ComputedContentSHA256") != sha256Hex(body) || e.Status != 400 {
					t.Fatalf("got %+v, want both hashes and status 400", e)
				}
			}
		})
	}
}

func TestTrailerChecksums(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 5000)
	key := deriveKey(testSecret, "20150830", "us-east-1", "s3")
	for _, algo := range []string{"CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME"} {
		h, _ := Checksum(algo)
		h.Write(data)
		good := ChecksumString(h)
		trailer := "x-amz-checksum-" + strings.ToLower(algo)
		for _, signed := range []bool{false, true} {
			// "wrong" has the algorithm's size; "invalid" is no base64
			// checksum of it (versity/versitygw#1652 and #1692 quote S3:
			// InvalidRequest "Value for x-amz-checksum-sha1 trailing header
			// is invalid.").
			wrong := base64.StdEncoding.EncodeToString(make([]byte, h.Size()))
			for _, tc := range []struct {
				name, value, wantCode string
			}{
				{"good", good, ""},
				{"wrong", wrong, "BadDigest"},
				{"invalid", good[:len(good)-2] + "b", "InvalidRequest"},
			} {
				t.Run(fmt.Sprintf("%s/signed=%v/%s", algo, signed, tc.name), func(t *testing.T) {
					mode := streamingUnsigned
					if signed {
						mode = streamingSignedTr
					}
					hdr := http.Header{}
					hdr.Set("X-Amz-Trailer", trailer)
					hdr.Set("Content-Encoding", "aws-chunked")
					hdr.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(len(data)))
					r, sig := signS3WithSig(t, "PUT", "http://localhost/b/k", nil, mode, hdr)
					var k []byte
					if signed {
						k = key
					}
					body := encodeChunked(k, "20150830T123600Z", "20150830/us-east-1/s3/aws4_request", sig, data, 8192, trailer, tc.value)
					r.Body = io.NopCloser(bytes.NewReader(body))
					if _, err := testVerifier(testTime).Verify(r); err != nil {
						t.Fatalf("Verify: got %v, want success", err)
					}
					got, err := io.ReadAll(r.Body)
					if code := errCode(err); code != tc.wantCode {
						t.Fatalf("Read: got %v, want code %q", err, tc.wantCode)
					}
					if !bytes.Equal(got, data) {
						t.Fatalf("got %d bytes, want the %d-byte payload", len(got), len(data))
					}
					if tc.wantCode == "InvalidRequest" {
						if want := "Value for " + trailer + " trailing header is invalid."; err.(*Error).Message != want {
							t.Fatalf("got message %q, want %q", err.(*Error).Message, want)
						}
						return
					}
					if err != nil {
						if want := "The " + algo + " you specified did not match the calculated checksum."; err.(*Error).Message != want {
							t.Fatalf("got message %q, want %q", err.(*Error).Message, want)
						}
						return
					}
					if got := r.Body.(TrailerReader).Trailers().Get(trailer); got != good {
						t.Fatalf("Trailers: got %s=%q, want %q", trailer, got, good)
					}
				})
			}
		}
	}
}

func TestChecksumKnownVectors(t *testing.T) {
	// Check values of "123456789" from the CRC catalogue; SHA from FIPS 180;
	// MD5 from RFC 1321's algorithm; XXH64 (seed 0) as the reference
	// implementation (github.com/Cyan4973/xxHash, via cespare/xxhash)
	// computes it.
	want := map[string]string{
		"MD5":       "25f9e794323b453885f5181f1b624d0b",
		"SHA512":    "d9e6762dd1c8eaf6d61b3c6192fc408d4d6d5f1176d0c29169bc24e71c3f274ad27fcd5811b313d681f7e55ec02d73d499c95455b6b5bb503acf574fba8ffe85",
		"XXHASH64":  "8cb841db40e6ae83",
		"XXHASH3":   "72dcb18b67a17dff",
		"XXHASH128": "33119477ede5dcd5e9716427681d5860",
		"CRC32":     "cbf43926",
		"CRC32C":    "e3069283",
		"CRC64NVME": "ae8b14860a799888",
		"SHA1":      "f7c3bc1d808e04732adf679965ccc34ca7ae3441",
		"SHA256":    "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225",
	}
	for algo, w := range want {
		h, ok := Checksum(algo)
		if !ok {
			t.Fatalf("Checksum(%q): not found", algo)
		}
		h.Write([]byte("123456789"))
		if got := hex.EncodeToString(h.Sum(nil)); got != w {
			t.Errorf("%s(123456789): got %s, want %s", algo, got, w)
		}
	}
	for _, algo := range []string{"TEST", "XXHASH"} {
		if _, ok := Checksum(algo); ok {
			t.Errorf("Checksum(%s): got ok, want not supported", algo)
		}
	}
}
