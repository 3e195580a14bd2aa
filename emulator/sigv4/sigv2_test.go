package sigv4

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Examples from the S3 developer guide's "Signing and Authenticating REST
// Requests" (Signature Version 2).
func TestSigV2(t *testing.T) {
	v := &Verifier{
		Lookup: func(ctx context.Context, akid string) (Key, error) {
			if akid != docAKID {
				return Key{}, InvalidAccessKeyID("s3", akid)
			}
			return Key{Secret: docSecret}, nil
		},
		BucketFromHost: func(host string) string {
			b, ok := strings.CutSuffix(host, ".s3.amazonaws.com")
			if !ok {
				return ""
			}
			return b
		},
	}
	headerTime := time.Date(2007, 3, 27, 19, 36, 42, 0, time.UTC)
	tests := []struct {
		name, target, host, date, authz string
		now                             time.Time
		wantCode, wantSTS               string
	}{
		{name: "header", target: "/photos/puppy.jpg", host: "johnsmith.s3.amazonaws.com", date: "Tue, 27 Mar 2007 19:36:42 +0000",
			authz: "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU=", now: headerTime},
		{name: "header bad signature", target: "/photos/puppy.jpg", host: "johnsmith.s3.amazonaws.com", date: "Tue, 27 Mar 2007 19:36:42 +0000",
			authz: "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMV=", now: headerTime,
			wantCode: "SignatureDoesNotMatch", wantSTS: "GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/johnsmith/photos/puppy.jpg"},
		{name: "header skewed", target: "/photos/puppy.jpg", host: "johnsmith.s3.amazonaws.com", date: "Tue, 27 Mar 2007 19:36:42 +0000",
			authz: "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU=", now: headerTime.Add(time.Hour), wantCode: "RequestTimeTooSkewed"},
		{name: "header unknown key", target: "/photos/puppy.jpg", host: "johnsmith.s3.amazonaws.com", date: "Tue, 27 Mar 2007 19:36:42 +0000",
			authz: "AWS AKIDUNKNOWN:bWq2s1WEIj+Ydj0vQ697zp+IXMU=", now: headerTime, wantCode: "InvalidAccessKeyId"},
		{name: "query", target: "/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620",
			host: "johnsmith.s3.amazonaws.com", now: time.Unix(1175139000, 0)},
		{name: "query expired", target: "/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620",
			host: "johnsmith.s3.amazonaws.com", now: time.Unix(1175139621, 0), wantCode: "AccessDenied"},
		{name: "query tampered path", target: "/photos/kitten.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620",
			host: "johnsmith.s3.amazonaws.com", now: time.Unix(1175139000, 0), wantCode: "SignatureDoesNotMatch",
			wantSTS: "GET\n\n\n1175139620\n/johnsmith/photos/kitten.jpg"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", tc.target, nil)
			r.Host = tc.host
			if tc.date != "" {
				r.Header.Set("Date", tc.date)
			}
			if tc.authz != "" {
				r.Header.Set("Authorization", tc.authz)
			}
			v := *v
			v.Now = func() time.Time { return tc.now }
			res, err := v.Verify(r)
			if got := errCode(err); got != tc.wantCode {
				t.Fatalf("got %v, want code %q", err, tc.wantCode)
			}
			if err == nil && (res.Version != "AWS" || res.AccessKeyID != docAKID || res.Service != "") {
				t.Fatalf("got %+v, want Version AWS for %s", res, docAKID)
			}
			if tc.wantSTS != "" {
				if got := err.(*Error).Field("StringToSign"); got != tc.wantSTS {
					t.Fatalf("StringToSign: got %q, want %q", got, tc.wantSTS)
				}
			}
		})
	}
}

func TestSigV2SubResources(t *testing.T) {
	v := &Verifier{}
	r := httptest.NewRequest("PUT", "/bucket/key?uploadId=abc&partNumber=2&foo=bar&acl", nil)
	r.Header.Set("Content-Type", "text/plain")
	r.Header.Set("Content-MD5", "md5==")
	r.Header.Set("X-Amz-Date", "Tue, 27 Mar 2007 21:15:45 +0000")
	r.Header.Set("X-Amz-Meta-B", "two")
	r.Header.Add("X-Amz-Meta-A", " one ")
	r.Header.Add("X-Amz-Meta-A", "uno")
	got := v.stringToSignV2(r, "", parseQuery(r.URL.RawQuery), false)
	want := "PUT\nmd5==\ntext/plain\n\nx-amz-date:Tue, 27 Mar 2007 21:15:45 +0000\nx-amz-meta-a:one,uno\nx-amz-meta-b:two\n/bucket/key?acl&partNumber=2&uploadId=abc"
	if got != want {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
}

// TestSigV2PresignedTemporaryCredentials verifies SigV2 presigned URLs
// made by botocore 1.43.11 (generate_presigned_url with signature_version
// "s3", the default of `aws s3 presign`) with temporary credentials: the
// x-amz-security-token, x-amz-meta-* and content-type query parameters
// were signed as headers. testdata/gen_sigv2_presign.py made them.
func TestSigV2PresignedTemporaryCredentials(t *testing.T) {
	const (
		akid   = "ASIAFAKEAWSTEMPKEY01"
		secret = "tempsecret/Example+Key"
		token  = "FQoGZXIvYXdzEXAMPLETOKEN+/="
	)
	v := &Verifier{
		Lookup: func(ctx context.Context, id string) (Key, error) {
			if id != akid {
				return Key{}, InvalidAccessKeyID("s3", id)
			}
			return Key{Secret: secret, SessionToken: token}, nil
		},
		Now: func() time.Time { return time.Unix(1767225600+60, 0) },
	}
	get := "/links/report%201.txt?AWSAccessKeyId=ASIAFAKEAWSTEMPKEY01&Signature=U21s4%2FQr4dVCW7fxcPqVYXBZP5U%3D&x-amz-security-token=FQoGZXIvYXdzEXAMPLETOKEN%2B%2F%3D&Expires=1767229200"
	put := "/links/up.txt?AWSAccessKeyId=ASIAFAKEAWSTEMPKEY01&Signature=3HlLzp37juIPkRx9A9h%2F9wca2MI%3D&x-amz-meta-owner=alice&content-type=text%2Fplain&x-amz-security-token=FQoGZXIvYXdzEXAMPLETOKEN%2B%2F%3D&Expires=1767229200"
	tests := []struct {
		name, method, target, contentType, wantCode string
		meta                                        string
	}{
		{"GET with token", "GET", get, "", "", ""},
		{"PUT sending the signed metadata as a header too", "PUT", put, "", "", "alice"},
		{"PUT with metadata and content type in the query", "PUT", put, "", "", ""},
		{"PUT sending the signed content type", "PUT", put, "text/plain", "", ""},
		{"PUT with another content type", "PUT", put, "image/png", "SignatureDoesNotMatch", ""},
		{"metadata changed", "PUT", strings.Replace(put, "owner=alice", "owner=mallory", 1), "", "SignatureDoesNotMatch", ""},
		{"token changed", "GET", strings.Replace(get, "TOKEN%2B", "TOKEN%2C", 1), "", "InvalidToken", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "http://127.0.0.1:4566"+tc.target, nil)
			if tc.contentType != "" {
				r.Header.Set("Content-Type", tc.contentType)
			}
			if tc.meta != "" {
				r.Header.Set("X-Amz-Meta-Owner", tc.meta)
			}
			res, err := v.Verify(r)
			if got := errCode(err); got != tc.wantCode {
				t.Fatalf("Verify = %v, want code %q", err, tc.wantCode)
			}
			if err == nil && (res.SessionToken != token || res.AuthType != "REST-QUERY-STRING") {
				t.Errorf("Verify = %+v, want the session token and REST-QUERY-STRING", res)
			}
		})
	}
}

// TestSigV2PathStyleBucket: botocore signs a path-style bucket request
// (PUT /bucket, CreateBucket) with the resource "/bucket/"; "/bucket" is
// accepted too, and a key path is not given the slash; sub-resources
// botocore does not sign may be left out.
func TestSigV2PathStyleBucket(t *testing.T) {
	date := "Sat, 05 Dec 2026 16:47:24 GMT"
	now, _ := http.ParseTime(date)
	v := &Verifier{
		Now: func() time.Time { return now }, Wall: func() time.Time { return now },
		Lookup: func(ctx context.Context, akid string) (Key, error) { return Key{Secret: docSecret}, nil },
	}
	tests := []struct {
		name, target, signed, wantCode string
	}{
		{"slash signed", "/v2bucket", "/v2bucket/", ""},
		{"as sent", "/v2bucket", "/v2bucket", ""},
		{"key path not widened", "/v2bucket/k", "/v2bucket/k/", "SignatureDoesNotMatch"},
		{"other bucket", "/v2bucket", "/other/", "SignatureDoesNotMatch"},
		// botocore leaves newer sub-resources out of the resource.
		{"sub-resource botocore omits", "/v2bucket?ownershipControls", "/v2bucket/", ""},
		{"sub-resource included", "/v2bucket?ownershipControls", "/v2bucket/?ownershipControls", ""},
		{"sub-resource both keep", "/v2bucket?acl", "/v2bucket/", "SignatureDoesNotMatch"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("PUT", tc.target, nil)
			r.Header.Set("Date", date)
			r.Header.Set("Authorization", "AWS "+docAKID+":"+signV2(docSecret, "PUT\n\n\n"+date+"\n"+tc.signed))
			_, err := v.Verify(r)
			if got := errCode(err); got != tc.wantCode {
				t.Fatalf("got %v, want code %q", err, tc.wantCode)
			}
		})
	}
}
