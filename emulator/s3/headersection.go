package s3

import (
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// maxHeaderSection is the most S3 takes of a request's header lines and
// query string together, in bytes.
const maxHeaderSection = 8192

// CheckHeaderSection refuses a request whose header lines and query string
// together exceed 8192 bytes, as S3 does before it looks at anything else:
// RequestHeaderSectionTooLarge, 400, "The request header and query
// parameters used to make the request exceed the maximum allowed size"
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html),
// with <MaxSizeAllowed>8192</MaxSizeAllowed> in the body as S3 sends it.
// Each header line counts as "Name: value\r\n"; the path does not count
// (a long key is KeyTooLongError).
func CheckHeaderSection(r *http.Request) error {
	n := len("Host: \r\n") + len(r.Host) + len(r.URL.RawQuery)
	for name, values := range r.Header {
		for _, v := range values {
			n += len(name) + len(": \r\n") + len(v)
		}
	}
	if n <= maxHeaderSection {
		return nil
	}
	return awserr.New("RequestHeaderSectionTooLarge", http.StatusBadRequest,
		"Your request header section exceeds the maximum allowed size.").With("MaxSizeAllowed", "8192")
}
