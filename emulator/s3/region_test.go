package s3

import (
	"fmt"
	"testing"
)

// TestRegionRedirect: a request that reached the endpoint of a Region
// other than its bucket's is 301 PermanentRedirect naming the bucket's
// Region in x-amz-bucket-region; one that reached the bucket's Region but
// was signed for another is 400 AuthorizationHeaderMalformed. Which
// endpoint a request reached: the Region its host names, the bucket's for
// a virtual host naming none, as S3's global BUCKET.s3.amazonaws.com
// (DNS), the signing Region for a path-style request on a host naming
// none (reachedRegion). Sources:
// aws/aws-sdk-js-v3 packages/middleware-sdk-s3/src/region-redirect-middleware.e2e.spec.ts
// and clients/client-s3/test/e2e/s3-bucket-features.e2e.spec.ts::Access
// bucket following 307 redirects (run against AWS; the SDK follows only
// 301); path-style on s3.amazonaws.com: 301 with Endpoint
// BUCKET.s3.amazonaws.com (TTLabs/EvaporateJS#137,
// bradleyg/django-s3direct#117); a regional host of another Region: 301
// with Endpoint BUCKET.s3-REGION.amazonaws.com (yanganto/s3rs#18); the
// bucket's own regional host signed for us-east-1: 400
// (aws/aws-sdk-cpp#1339).
func TestRegionRedirect(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.mustSigned(t, a, "eu-west-1", treq{method: "PUT", target: "/ireland", body: constraint("eu-west-1")}, 200)
	e.mustSigned(t, a, "eu-west-1", treq{method: "PUT", target: "/ireland/k", body: "x"}, 200)
	e.mustSigned(t, a, "us-east-1", treq{method: "PUT", target: "/virginia"}, 200)
	e.mustSigned(t, a, "us-east-1", treq{method: "PUT", target: "/virginia/k", body: "x"}, 200)
	malformed := "The authorization header is malformed; the region '%s' is wrong; expecting '%s'"
	cases := []struct {
		name, signed, host, target, method string
		status                             int
		code, endpoint, bucketRegion       string
	}{
		{"path-style, signed us-east-1, eu-west-1 bucket", "us-east-1", "", "/ireland/k", "GET", 301, "PermanentRedirect", "127.0.0.1:4566", "eu-west-1"},
		{"path-style, signed eu-west-1, us-east-1 bucket", "eu-west-1", "", "/virginia/k", "GET", 301, "PermanentRedirect", "127.0.0.1:4566", "us-east-1"},
		{"path-style DeleteBucket, signed us-east-1", "us-east-1", "", "/ireland", "DELETE", 301, "PermanentRedirect", "127.0.0.1:4566", "eu-west-1"},
		{"path-style HeadBucket, signed us-west-2", "us-west-2", "", "/ireland", "HEAD", 301, "", "", "eu-west-1"},
		{"path-style on s3.amazonaws.com", "us-east-1", "s3.amazonaws.com", "/ireland/k", "GET", 301, "PermanentRedirect", "ireland.s3.amazonaws.com", "eu-west-1"},
		{"regional host of another Region", "us-east-1", "ireland.s3.us-east-1.amazonaws.com", "/k", "GET", 301, "PermanentRedirect", "ireland.s3-eu-west-1.amazonaws.com", "eu-west-1"},
		{"regional path-style host of another Region", "us-west-2", "s3.us-west-2.amazonaws.com", "/virginia/k", "GET", 301, "PermanentRedirect", "virginia.s3.amazonaws.com", "us-east-1"},
		{"legacy dash host of another Region", "us-west-2", "virginia.s3-us-west-2.amazonaws.com", "/k", "GET", 301, "PermanentRedirect", "virginia.s3.amazonaws.com", "us-east-1"},
		{"LocalStack regional host of another Region", "us-east-1", "ireland.s3.us-east-1.localhost.localstack.cloud:4566", "/k", "GET", 301, "PermanentRedirect", "ireland.s3.eu-west-1.localhost.localstack.cloud:4566", "eu-west-1"},
		{"virtual host under an override suffix, signed us-east-1", "us-east-1", "ireland.localhost:4566", "/k", "GET", 400, "AuthorizationHeaderMalformed", "", "eu-west-1"},
		{"virtual host under an override suffix, signed for the bucket's Region", "eu-west-1", "ireland.localhost:4566", "/k", "GET", 200, "", "", ""},
		{"virtual host on the global endpoint, signed us-east-1", "us-east-1", "ireland.s3.amazonaws.com", "/k", "GET", 400, "AuthorizationHeaderMalformed", "", "eu-west-1"},
		{"the bucket's regional host, signed us-east-1", "us-east-1", "ireland.s3.eu-west-1.amazonaws.com", "/k", "GET", 400, "AuthorizationHeaderMalformed", "", "eu-west-1"},
		{"path-style, signed for a Region S3 has no endpoint in", "aws-global", "", "/virginia/k", "GET", 400, "AuthorizationHeaderMalformed", "", "us-east-1"},
		{"path-style, signed for the bucket's Region", "eu-west-1", "", "/ireland/k", "GET", 200, "", "", ""},
		{"the bucket's regional host, signed for it", "eu-west-1", "ireland.s3.eu-west-1.amazonaws.com", "/k", "GET", 200, "", "", ""},
	}
	bucketIn := map[string]string{"eu-west-1": "ireland", "us-east-1": "virginia"}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := treq{method: c.method, target: c.target}
			if c.host != "" {
				r.header = map[string]string{"Host": c.host}
			}
			w := e.doSigned(a, c.signed, false, r)
			if w.Code != c.status {
				t.Fatalf("status = %d %s, want %d", w.Code, w.Body, c.status)
			}
			if got := w.Header().Get("x-amz-bucket-region"); got != c.bucketRegion {
				t.Errorf("x-amz-bucket-region = %q, want %q", got, c.bucketRegion)
			}
			switch c.code {
			case "PermanentRedirect":
				wantAWSError(t, c.name, w, 301, c.code, "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.")
				wantField(t, c.name, w, "Endpoint", c.endpoint)
				wantField(t, c.name, w, "Bucket", bucketIn[c.bucketRegion])
			case "AuthorizationHeaderMalformed":
				wantAWSError(t, c.name, w, 400, c.code, fmt.Sprintf(malformed, c.signed, c.bucketRegion))
			}
		})
	}
}
