package s3

import (
	"net/http/httptest"
	"testing"
)

// TestReadsBodies: every request that reads stored bodies is pinned
// (store.DB.PinBodies) for as long as it is served, so a concurrent
// overwrite or delete cannot remove a body under it.
func TestReadsBodies(t *testing.T) {
	cases := []struct {
		method, target string
		copySource     bool
		want           bool
	}{
		{"GET", "/b/k", false, true},
		{"HEAD", "/b/k", false, false},
		{"PUT", "/b/k", true, true},                         // CopyObject
		{"PUT", "/b/k?partNumber=1&uploadId=u", true, true}, // UploadPartCopy
		{"PUT", "/b/k", false, false},
		{"POST", "/b/k?uploadId=u", false, true},           // CompleteMultipartUpload
		{"POST", "/b/k?select&select-type=2", false, true}, // SelectObjectContent
		{"POST", "/b/k?uploads", false, false},
		{"POST", "/b?delete", false, false},
		{"DELETE", "/b/k", false, false},
	}
	for _, c := range cases {
		r := httptest.NewRequest(c.method, c.target, nil)
		if c.copySource {
			r.Header.Set("X-Amz-Copy-Source", "/src/key")
		}
		if got := readsBodies(r); got != c.want {
			t.Errorf("readsBodies(%s %s, copy source %v) = %v, want %v", c.method, c.target, c.copySource, got, c.want)
		}
	}
}
