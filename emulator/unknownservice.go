package emulator

import (
	"encoding/json"
	"mime"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	s3emu "github.com/fakeaws/fakeaws/emulator/s3"
)

// servedServices lists, for the UnknownService message, the SigV4 scope
// names classify routes.
var servedServices = []string{"iam", "sts", "s3", "organizations", "access-analyzer"}

// unknownService is a request signed for a service fakeaws does not serve
// (dynamodb, sqs, ...). AWS has no such answer (every service lives at its
// own endpoint); fakeaws says plainly which services it serves, in the
// protocol the request speaks, with 501 Not Implemented (docs/deviations.md).
type unknownService struct{ scope string }

func (u *unknownService) Error() string { return "unknown service " + u.scope }

func (u *unknownService) awsError() *awserr.Error {
	return awserr.New("UnknownService", http.StatusNotImplemented,
		"fakeaws does not serve "+u.scope+": it serves "+strings.Join(servedServices, ", ")+
			" (SigV4 credential scope service names) on this endpoint")
}

// s3ScopeError is S3's answer to a request signed for another service
// that reached one of S3's hosts (NamesS3); nil for any other. A presigned
// URL is 400 AuthorizationQueryParametersError naming the service
// (justincormack/argmin crates/s3-tests/tests/presigned.rs
// test_presigned_sigv4_wrong_service_scope_returns_query_parameters_error,
// asserted against s3.us-east-1.amazonaws.com in 2026); a header-signed
// request 400 AuthorizationHeaderMalformed (argmin headers.rs
// test_put_wrong_service, which records the code only: the message is
// the presigned one in the header error's form). Only AWS's own S3 host
// names answer so: on fakeaws's own names (s3.localhost.localstack.cloud,
// BUCKET.localhost, an address) the scope routes the request (classify),
// as one endpoint serves every service (CONTRACT.md): an IAM client
// pointed at https://s3.localhost.localstack.cloud reaches IAM.
func s3ScopeError(r *http.Request, s3 *s3emu.Handler, scope string) error {
	if scope == "s3" || scope == "" || !awsHost(r.Host) || !s3.NamesS3(r.Host) {
		return nil
	}
	wrong := `incorrect service "` + scope + `". This endpoint belongs to "s3".`
	if r.URL.Query().Get("X-Amz-Credential") != "" {
		return awserr.New("AuthorizationQueryParametersError", http.StatusBadRequest, "Error parsing the X-Amz-Credential parameter; "+wrong)
	}
	return awserr.New("AuthorizationHeaderMalformed", http.StatusBadRequest, "The authorization header is malformed; "+wrong)
}

// writeUnknownService answers as the request's protocol expects: JSON for
// JSON-protocol requests (X-Amz-Target or application/x-amz-json), the
// Query envelope for Action= requests, S3's <Error> otherwise.
func writeUnknownService(w http.ResponseWriter, r *http.Request, requestID string, u *unknownService) {
	e := u.awsError()
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case r.Header.Get("X-Amz-Target") != "" || strings.HasPrefix(ct, "application/x-amz-json") || ct == "application/json":
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		awserr.SetRequestID(w.Header(), requestID)
		w.WriteHeader(e.Status)
		_ = json.NewEncoder(w).Encode(map[string]string{"__type": string(e.Code), "message": e.Message})
	case r.URL.Query().Get("Action") != "" || ct == "application/x-www-form-urlencoded":
		query.WriteError(w, "https://"+u.scope+".amazonaws.com/doc/", requestID, e)
	default:
		s3emu.WriteError(w, r, requestID, e)
	}
}

// awsHost reports whether host (with or without a port) is one of AWS's
// own names, under amazonaws.com.
func awsHost(host string) bool {
	return strings.HasSuffix(hostName(host), ".amazonaws.com")
}
