package s3

import (
	"bytes"
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

func parseInt(s string) (int64, error) { return strconv.ParseInt(s, 10, 64) }

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// encodeToken makes an opaque continuation token from the last key.
func encodeToken(key string) string { return base64.RawURLEncoding.EncodeToString([]byte("k:" + key)) }

func decodeToken(t string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(t)
	if err != nil || !bytes.HasPrefix(b, []byte("k:")) {
		return "", errInvalidArgument("The continuation token provided is incorrect", "continuation-token", t)
	}
	return string(b[2:]), nil
}

// urlEncode is encoding-type=url as S3 applies it to keys and prefixes:
// percent-encoding that keeps "/" and writes a space as %20 (s3-tests'
// test_bucket_list_encoding_basic, which AWS passes), so that both plain
// percent-decoding and form-decoding clients recover the key.
func urlEncode(s string) string {
	return strings.NewReplacer("%2F", "/", "+", "%20").Replace(url.QueryEscape(s))
}

func errBadDigestMD5() *awserr.Error {
	return awserr.New(codeBadDigest, http.StatusBadRequest, "The Content-MD5 you specified did not match what we received.")
}
