package emulator

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"time"

	"github.com/fakeaws/fakeaws/emulator/sigv4"
)

// setExtendedRequestID gives an STS answer the x-amz-sts-extended-request-id
// header AWS sends with every STS answer, success, error or redirect
// (justincormack/argmin sts_oracle.rs requires it on each). Recorded values
// (botocore HTTPHeaders quoted in public issues, e.g.
// "MTp1cy1lYXN0LTI6UzoxNzYzNTc5NjUyMzA0OlI6MVFkeG8yZ1Q=") are the base64 of
// "1:REGION:S:UNIX-MILLISECONDS:R:8 letters and digits"; fakeaws fills them
// with the signing Region (us-east-1 when unsigned), the server's time and
// the first 8 letters and digits of the request id. Built on the stack: two
// allocations, the string and its slice.
// extendedRequestIDHeader is spelled in lower case, as AWS spells its
// other x-amz-* headers (stored as is, not canonicalized).
const extendedRequestIDHeader = "x-amz-sts-extended-request-id"

func setExtendedRequestID(h http.Header, r *http.Request, requestID string, now time.Time) {
	_, region, ok := sigv4.Scope(r)
	if !ok || region == "" || len(region) > 32 {
		region = "us-east-1"
	}
	var raw [80]byte
	b := append(raw[:0], "1:"...)
	b = append(b, region...)
	b = append(b, ":S:"...)
	b = strconv.AppendInt(b, now.UnixMilli(), 10)
	b = append(b, ":R:"...)
	for i, n := 0, 0; i < len(requestID) && n < 8; i++ {
		if c := requestID[i]; c != '-' {
			b, n = append(b, c), n+1
		}
	}
	var enc [112]byte
	out := enc[:base64.StdEncoding.EncodedLen(len(b))]
	base64.StdEncoding.Encode(out, b)
	h[extendedRequestIDHeader] = []string{string(out)}
}
