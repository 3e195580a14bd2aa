package sigv4

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Error is an authentication failure with AWS's error code, HTTP status and
// message. S3 errors may carry extra elements (StringToSign, CanonicalRequest,
// RequestTime, ...) in Fields, in the order S3 emits them.
type Error struct {
	Code    string
	Status  int
	Message string
	Fields  [][2]string
}

func (e *Error) Error() string {
	if e == nil {
		return "<nil>"
	}
	return e.Code + ": " + e.Message
}

// Field returns the value of the named extra element, or "".
func (e *Error) Field(name string) string {
	for _, f := range e.Fields {
		if f[0] == name {
			return f[1]
		}
	}
	return ""
}

func (e *Error) add(name, value string) *Error {
	e.Fields = append(e.Fields, [2]string{name, value})
	return e
}

func newErr(code string, status int, msg string) *Error {
	return &Error{Code: code, Status: status, Message: msg}
}

// isS3 reports whether error wording should follow S3 (REST-XML) rather than
// the Query-protocol services (IAM, STS).
func isS3(service string) bool {
	return service == "" || service == "s3" || strings.HasPrefix(service, "s3-")
}

const (
	msgSigMismatchS3    = "The request signature we calculated does not match the signature you provided. Check your key and signing method."
	msgSigMismatchQuery = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
	credentialFormat    = `expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`
)

// MissingAuthenticationToken is the IAM/STS error for an unsigned request.
func MissingAuthenticationToken() *Error {
	return newErr("MissingAuthenticationToken", http.StatusForbidden, "Missing Authentication Token")
}

// InvalidAccessKeyID is the error for an access key id unknown to the
// emulator, worded for service ("s3": InvalidAccessKeyId; IAM/STS:
// InvalidClientTokenId). Lookup functions may return it.
func InvalidAccessKeyID(service, accessKeyID string) *Error {
	if isS3(service) {
		return newErr("InvalidAccessKeyId", http.StatusForbidden,
			"The AWS Access Key Id you provided does not exist in our records.").add("AWSAccessKeyId", accessKeyID)
	}
	return newErr("InvalidClientTokenId", http.StatusForbidden, "The security token included in the request is invalid.")
}

// tokenMismatch is the error for a request whose session token (sent)
// differs from the one its access key needs (want). S3 answers a session
// key sent without its token as an unknown key, 403 InvalidAccessKeyId
// (as users report it from AWS, e.g. databendlabs/databend#8069), and a
// wrong token as 400 InvalidToken naming it in Token-0 (aws/aws-sdk-js#4129);
// IAM and STS answer InvalidClientTokenId for both.
func tokenMismatch(service, akid, sent, want string) *Error {
	if !isS3(service) {
		return newErr("InvalidClientTokenId", http.StatusForbidden, "The security token included in the request is invalid.")
	}
	if sent == "" && want != "" {
		return InvalidAccessKeyID(service, akid)
	}
	e := newErr("InvalidToken", http.StatusBadRequest, "The provided token is malformed or otherwise invalid.")
	if sent != "" {
		e = e.add("Token-0", sent)
	}
	return e
}

// hexBytes renders s the way S3 renders StringToSignBytes: two-digit hex
// bytes separated by spaces.
func hexBytes(s string) string {
	const digits = "0123456789abcdef"
	if len(s) == 0 {
		return ""
	}
	b := make([]byte, 0, len(s)*3-1)
	for i := 0; i < len(s); i++ {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, digits[s[i]>>4], digits[s[i]&15])
	}
	return string(b)
}

func signatureMismatchV4(service, akid, sts, provided, creq string) *Error {
	if !isS3(service) {
		return newErr("SignatureDoesNotMatch", http.StatusForbidden, msgSigMismatchQuery)
	}
	return newErr("SignatureDoesNotMatch", http.StatusForbidden, msgSigMismatchS3).
		add("AWSAccessKeyId", akid).
		add("StringToSign", sts).
		add("SignatureProvided", provided).
		add("StringToSignBytes", hexBytes(sts)).
		add("CanonicalRequest", creq).
		add("CanonicalRequestBytes", hexBytes(creq))
}

func signatureMismatchV2(akid, sts, provided string) *Error {
	return newErr("SignatureDoesNotMatch", http.StatusForbidden, msgSigMismatchS3).
		add("AWSAccessKeyId", akid).
		add("StringToSign", sts).
		add("SignatureProvided", provided).
		add("StringToSignBytes", hexBytes(sts))
}

// malformedHeader reports a broken Authorization header. detail is the S3
// wording after "The authorization header is malformed; "; query is the
// IAM/STS IncompleteSignature text.
func malformedHeader(service, detail, query string) *Error {
	if isS3(service) {
		msg := "The authorization header is malformed"
		if detail != "" {
			msg += "; " + detail
		}
		return newErr("AuthorizationHeaderMalformed", http.StatusBadRequest, msg)
	}
	return newErr("IncompleteSignature", http.StatusBadRequest, query)
}

func queryParamsError(service, msg string) *Error {
	if isS3(service) {
		return newErr("AuthorizationQueryParametersError", http.StatusBadRequest, msg)
	}
	return newErr("IncompleteSignature", http.StatusBadRequest, msg)
}

const amzDateFormat = "20060102T150405Z"

func skewError(service, requestTime string, signed, now time.Time, max time.Duration) *Error {
	if isS3(service) {
		return newErr("RequestTimeTooSkewed", http.StatusForbidden,
			"The difference between the request time and the current time is too large.").
			add("RequestTime", requestTime).
			add("ServerTime", now.UTC().Format(time.RFC3339)).
			add("MaxAllowedSkewMilliseconds", strconv.FormatInt(max.Milliseconds(), 10))
	}
	mins := strconv.FormatInt(int64(max/time.Minute), 10)
	st := signed.UTC().Format(amzDateFormat)
	if signed.Before(now) {
		return newErr("SignatureDoesNotMatch", http.StatusForbidden, fmt.Sprintf(
			"Signature expired: %s is now earlier than %s (%s - %s min.)",
			st, now.Add(-max).UTC().Format(amzDateFormat), now.UTC().Format(amzDateFormat), mins))
	}
	return newErr("SignatureDoesNotMatch", http.StatusForbidden, fmt.Sprintf(
		"Signature not yet current: %s is still later than %s (%s + %s min.)",
		st, now.Add(max).UTC().Format(amzDateFormat), now.UTC().Format(amzDateFormat), mins))
}

func contentSHA256Mismatch(client, computed string) *Error {
	return newErr("XAmzContentSHA256Mismatch", http.StatusBadRequest,
		"The provided 'x-amz-content-sha256' header does not match what was computed.").
		add("ClientComputedContentSHA256", client).
		add("S3ComputedContentSHA256", computed)
}

func badDigest(algorithm string) *Error {
	return newErr("BadDigest", http.StatusBadRequest,
		"The "+algorithm+" you specified did not match the calculated checksum.")
}

// lengthMismatch is S3's answer to an aws-chunked body whose decoded
// length is not x-amz-decoded-content-length (expected); provided is how
// many bytes it carried, as far as they were read (versity/versitygw#1684
// and #1676 quote S3's answer: IncompleteBody, this message without a
// final period, NumberBytesExpected, NumberBytesProvided).
func lengthMismatch(expected, provided int64) *Error {
	return newErr("IncompleteBody", http.StatusBadRequest,
		"You did not provide the number of bytes specified by the Content-Length HTTP header").
		add("NumberBytesExpected", strconv.FormatInt(expected, 10)).
		add("NumberBytesProvided", strconv.FormatInt(provided, 10))
}

func malformedTrailer() *Error {
	return newErr("MalformedTrailerError", http.StatusBadRequest,
		"The request contained trailing data that was not well-formed or did not conform to our published schema.")
}

// invalidChunk is S3's answer to an aws-chunked body that is cut short or
// not framed as the encoding says (a size line that is not hex, a missing
// CRLF or chunk-signature, trailers where none may be): versity/versitygw#1666
// (STREAMING-UNSIGNED-PAYLOAD-TRAILER) and #1685 (the signed modes) quote
// S3's IncompleteBody "The request body terminated unexpectedly".
func invalidChunk() *Error {
	return newErr("IncompleteBody", http.StatusBadRequest, "The request body terminated unexpectedly")
}

// smallChunk is S3's answer to a data chunk of fewer than 8192 bytes that
// is not the last, found when chunk number n (counted from 1) follows it:
// 400 InvalidChunkSizeError naming n and the short chunk's size, as
// versity/versitygw#1665 (STREAMING-UNSIGNED-PAYLOAD-TRAILER, chunks of 5
// and 1 bytes: Chunk 2, BadChunkSize 5) and #1683 (the signed modes,
// chunks of 3 and 2 bytes: Chunk 2, BadChunkSize 3) quote S3.
func smallChunk(n, size int64) *Error {
	return newErr("InvalidChunkSizeError", http.StatusBadRequest, "Only the last chunk is allowed to have a size less than 8192 bytes").
		add("Chunk", strconv.FormatInt(n, 10)).add("BadChunkSize", strconv.FormatInt(size, 10))
}
