package sigv4

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

func TestHeaderErrors(t *testing.T) {
	const cred = "Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request"
	const sig = "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
	tests := []struct {
		name, authz, target string
		hdr                 map[string]string
		wantCode            string
		wantStatus          int
		wantMsg             string
	}{
		{name: "missing signature s3", authz: "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host",
			wantCode: "AuthorizationHeaderMalformed", wantStatus: 400,
			wantMsg: "The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature."},
		{name: "missing signature iam", authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host",
			wantCode: "IncompleteSignature", wantStatus: 400,
			wantMsg: "Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host"},
		{name: "bad credential", authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2015/us-east-1/s3, SignedHeaders=host, " + sig,
			wantCode: "AuthorizationHeaderMalformed", wantStatus: 400},
		{name: "other scheme", authz: "Bearer abc", wantCode: "InvalidArgument", wantStatus: 400, wantMsg: "Unsupported Authorization Type"},
		{name: "host not signed", authz: "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=x-amz-date, " + sig, wantCode: "AccessDenied", wantStatus: 403,
			wantMsg: "There were headers present in the request which were not signed"},
		{name: "host not signed iam", authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=x-amz-date, " + sig,
			wantCode: "SignatureDoesNotMatch", wantStatus: 403},
		{name: "no content sha", authz: "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;x-amz-date, " + sig,
			hdr: map[string]string{"X-Amz-Content-Sha256": ""}, wantCode: "InvalidRequest", wantStatus: 400,
			wantMsg: "Missing required header for this request: x-amz-content-sha256"},
		{name: "bad content sha", authz: "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date, " + sig,
			hdr: map[string]string{"X-Amz-Content-Sha256": "nope"}, wantCode: "InvalidArgument"},
		{name: "unsigned amz header", authz: "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date, " + sig,
			hdr: map[string]string{"X-Amz-Meta-Foo": "bar"}, wantCode: "AccessDenied", wantMsg: "There were headers present in the request which were not signed"},
		{name: "scope date mismatch", authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150831/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, " + sig,
			wantCode: "AuthorizationHeaderMalformed"},
		{name: "unknown key s3", authz: "AWS4-HMAC-SHA256 Credential=NOPE/20150830/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, " + sig,
			wantCode: "InvalidAccessKeyId", wantStatus: 403, wantMsg: "The AWS Access Key Id you provided does not exist in our records."},
		{name: "token without session key", authz: "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, " + sig,
			hdr: map[string]string{"X-Amz-Security-Token": "tok"}, wantCode: "InvalidToken"},
		{name: "header and query auth", authz: "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date, " + sig,
			target: "/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256", wantCode: "InvalidArgument"},
		{name: "no date", authz: "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;x-amz-content-sha256, " + sig,
			hdr: map[string]string{"X-Amz-Date": ""}, wantCode: "AccessDenied", wantMsg: "AWS authentication requires a valid Date or x-amz-date header"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			target := tc.target
			if target == "" {
				target = "/b/k"
			}
			r := httptest.NewRequest("GET", target, nil)
			r.Header.Set("X-Amz-Date", "20150830T123600Z")
			r.Header.Set("X-Amz-Content-Sha256", emptySHA256)
			for k, v := range tc.hdr {
				if v == "" {
					r.Header.Del(k)
				} else {
					r.Header.Set(k, v)
				}
			}
			r.Header.Set("Authorization", tc.authz)
			_, err := testVerifier(testTime).Verify(r)
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("got %v, want *Error %s", err, tc.wantCode)
			}
			if e.Code != tc.wantCode {
				t.Fatalf("got code %s (%s), want %s", e.Code, e.Message, tc.wantCode)
			}
			if tc.wantStatus != 0 && e.Status != tc.wantStatus {
				t.Errorf("got status %d, want %d", e.Status, tc.wantStatus)
			}
			if tc.wantMsg != "" && e.Message != tc.wantMsg {
				t.Errorf("got message %q, want %q", e.Message, tc.wantMsg)
			}
		})
	}
}

func TestAnonymousAndScope(t *testing.T) {
	r := httptest.NewRequest("GET", "/b/k?versionId=1", nil)
	res, err := testVerifier(testTime).Verify(r)
	if err != nil || !res.Anonymous {
		t.Fatalf("got %+v, %v; want anonymous", res, err)
	}
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20150830/eu-west-1/sts/aws4_request, SignedHeaders=host, Signature=00")
	if svc, region, ok := Scope(r); svc != "sts" || region != "eu-west-1" || !ok {
		t.Fatalf("Scope: got %q %q %v, want sts eu-west-1 true", svc, region, ok)
	}
	r = httptest.NewRequest("GET", "/?X-Amz-Credential=AKID%2F20150830%2Fus-east-2%2Fiam%2Faws4_request", nil)
	if svc, region, ok := Scope(r); svc != "iam" || region != "us-east-2" || !ok {
		t.Fatalf("Scope: got %q %q %v, want iam us-east-2 true", svc, region, ok)
	}
	if got := MissingAuthenticationToken(); got.Code != "MissingAuthenticationToken" || got.Status != http.StatusForbidden {
		t.Fatalf("got %+v", got)
	}
}

// TestSessionKeyWithoutToken: a session (ASIA) key sent to S3 without its
// session token is 403 InvalidAccessKeyId, as users report S3 answering
// (databendlabs/databend#8069 quotes the body); a wrong token is 400
// InvalidToken with Token-0 (aws/aws-sdk-js#4129); IAM and STS answer
// InvalidClientTokenId for both.
func TestSessionKeyWithoutToken(t *testing.T) {
	sign := func(service, token string) *http.Request {
		req, _ := http.NewRequest("GET", "http://localhost/b/k", nil)
		req.Header.Set("X-Amz-Content-Sha256", emptySHA256)
		creds := aws.Credentials{AccessKeyID: "ASIATEMP", SecretAccessKey: testSecret, SessionToken: token}
		if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, emptySHA256, service, "us-east-1", testTime, s3Opts); err != nil {
			t.Fatal(err)
		}
		return toServer(t, req)
	}
	tests := []struct {
		name, service, token string
		status               int
		code, msg, field     string
		value                string
	}{
		{"s3 without token", "s3", "", 403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", "AWSAccessKeyId", "ASIATEMP"},
		{"s3 wrong token", "s3", "other", 400, "InvalidToken", "The provided token is malformed or otherwise invalid.", "Token-0", "other"},
		{"iam without token", "iam", "", 403, "InvalidClientTokenId", "The security token included in the request is invalid.", "", ""},
		{"sts wrong token", "sts", "other", 403, "InvalidClientTokenId", "The security token included in the request is invalid.", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := testVerifier(testTime).Verify(sign(tc.service, tc.token))
			e, ok := err.(*Error)
			if !ok || e.Status != tc.status || e.Code != tc.code || e.Message != tc.msg {
				t.Fatalf("Verify = %v, want %d %s %q", err, tc.status, tc.code, tc.msg)
			}
			if tc.field != "" && e.Field(tc.field) != tc.value {
				t.Errorf("%s = %q, want %q", tc.field, e.Field(tc.field), tc.value)
			}
		})
	}
}
