package sigv4

import (
	"net/http/httptest"
	"testing"
)

// TestAuthorizationHeaderShape pins S3's answers to Authorization headers
// of the wrong shape, as AWS gave them (sources on each case).
func TestAuthorizationHeaderShape(t *testing.T) {
	const sig = "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
	tests := []struct {
		name, authz, wantCode, wantMsg string
	}{
		// benrady/learnjs#23: AWS's answer to a header without a space.
		{"no space", "invalid_header", "InvalidArgument",
			"Authorization header is invalid -- one and only one ' ' (space) required"},
		{"unknown scheme with a space", "Bearer abc", "InvalidArgument", "Unsupported Authorization Type"},
		// zendesk/apt-s3#10: AWS names the component that is no name=value
		// pair, before it counts the components.
		{"component without =", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request,SignedHeaders-Content-Length," + sig,
			"AuthorizationHeaderMalformed",
			`The authorization header is malformed; the authorization component "SignedHeaders-Content-Length" is malformed.`},
		{"component without = after spaces", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request,  host , " + sig,
			"AuthorizationHeaderMalformed", `The authorization header is malformed; the authorization component "host" is malformed.`},
		{"two components", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request, SignedHeaders=host",
			"AuthorizationHeaderMalformed",
			"The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature."},
		// versity/versitygw#1513 and its bats test "REST - invalid
		// year/month/day", run against S3: "incorrect date format".
		{"date not yyyyMMdd", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/3223423234/us-east-1/s3/aws4_request, SignedHeaders=host, " + sig,
			"AuthorizationHeaderMalformed",
			`The authorization header is malformed; incorrect date format "3223423234". This date in the credential must be in the format "yyyyMMdd".`},
		{"four parts", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2015/us-east-1/s3, SignedHeaders=host, " + sig,
			"AuthorizationHeaderMalformed",
			`The authorization header is malformed; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/b/k", nil)
			r.Header.Set("X-Amz-Date", "20150830T123600Z")
			r.Header.Set("X-Amz-Content-Sha256", emptySHA256)
			r.Header.Set("Authorization", tc.authz)
			_, err := testVerifier(testTime).Verify(r)
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("got %v, want *Error %s", err, tc.wantCode)
			}
			if e.Code != tc.wantCode || e.Status != 400 || e.Message != tc.wantMsg {
				t.Errorf("got %s %d %q, want %s 400 %q", e.Code, e.Status, e.Message, tc.wantCode, tc.wantMsg)
			}
		})
	}
}
