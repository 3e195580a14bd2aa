package sigv4

import (
	"net/http/httptest"
	"testing"
)

// TestRequestDateHeaders: which header dates a header-signed request, and
// which dates S3 takes as no date at all. ceph/s3-tests (test_headers.py,
// whose aws2/aws4 date cases were written against AWS) expects a sent but
// empty x-amz-date to be refused rather than replaced by Date, and a date
// before 1970 to be AccessDenied ("not a valid date"), not
// RequestTimeTooSkewed as a date after 9999 is.
func TestRequestDateHeaders(t *testing.T) {
	const v2Auth = "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU="
	v4 := func(svc string) string {
		return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/" + svc +
			"/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=00"
	}
	tests := []struct {
		name, authz string
		hdr         map[string]string
		wantCode    string
		wantMsg     string
	}{
		{name: "v2 empty x-amz-date beside a Date", authz: v2Auth,
			hdr:      map[string]string{"X-Amz-Date": "", "Date": "Sun, 30 Aug 2015 12:36:00 GMT"},
			wantCode: "AccessDenied", wantMsg: "AWS authentication requires a valid Date or x-amz-date header"},
		{name: "v2 x-amz-date before 1970", authz: v2Auth,
			hdr:      map[string]string{"X-Amz-Date": "Tue, 07 Jul 1950 21:53:04 GMT"},
			wantCode: "AccessDenied", wantMsg: "AWS authentication requires a valid Date or x-amz-date header"},
		{name: "v2 Date before 1970", authz: v2Auth,
			hdr:      map[string]string{"Date": "Tue, 07 Jul 1950 21:53:04 GMT"},
			wantCode: "AccessDenied", wantMsg: "AWS authentication requires a valid Date or x-amz-date header"},
		{name: "v2 x-amz-date after 9999 is skewed", authz: v2Auth,
			hdr:      map[string]string{"X-Amz-Date": "Tue, 07 Jul 9999 21:53:04 GMT"},
			wantCode: "RequestTimeTooSkewed"},
		{name: "v4 s3 x-amz-date before 1970", authz: v4("s3"),
			hdr:      map[string]string{"X-Amz-Date": "19500707T215304Z"},
			wantCode: "AccessDenied", wantMsg: "AWS authentication requires a valid Date or x-amz-date header"},
		{name: "v4 s3 empty x-amz-date beside a Date", authz: v4("s3"),
			hdr:      map[string]string{"X-Amz-Date": "", "Date": "Sun, 30 Aug 2015 12:36:00 GMT"},
			wantCode: "AccessDenied", wantMsg: "AWS authentication requires a valid Date or x-amz-date header"},
		{name: "v4 s3 x-amz-date after 9999 is skewed", authz: v4("s3"),
			hdr:      map[string]string{"X-Amz-Date": "99990707T215304Z"},
			wantCode: "RequestTimeTooSkewed"},
		{name: "v4 sts x-amz-date before 1970 is skewed", authz: v4("sts"),
			hdr:      map[string]string{"X-Amz-Date": "19500707T215304Z"},
			wantCode: "SignatureDoesNotMatch"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("PUT", "/b/k", nil)
			r.Header.Set("X-Amz-Content-Sha256", emptySHA256)
			for k, v := range tc.hdr {
				r.Header[k] = []string{v}
			}
			r.Header.Set("Authorization", tc.authz)
			_, err := testVerifier(testTime).Verify(r)
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("got %v, want *Error %s", err, tc.wantCode)
			}
			if e.Code != tc.wantCode {
				t.Fatalf("got %s (%s), want %s", e.Code, e.Message, tc.wantCode)
			}
			if tc.wantMsg != "" && e.Message != tc.wantMsg {
				t.Errorf("got message %q, want %q", e.Message, tc.wantMsg)
			}
		})
	}
}
