package emulator

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestSandboxOnlyWhatABrowserRuns checks which GET answers carry the CSP
// sandbox: every one a browser could open as a document holding script
// (fail closed: a missing, doubled or unknown type counts), and none that
// it can only download or show as text, image or media, so S3 answers
// match AWS's headers there (LocalStack test_s3.py
// test_get_object_content_length_with_virtual_host recorded no such header).
func TestSandboxOnlyWhatABrowserRuns(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		method      string
		header      http.Header
		wantSandbox bool
	}{
		{"S3 default type", http.MethodGet, http.Header{"Content-Type": {"binary/octet-stream"}}, false},
		{"octet-stream", http.MethodGet, http.Header{"Content-Type": {"application/octet-stream"}}, false},
		{"plain text with charset", http.MethodGet, http.Header{"Content-Type": {"Text/Plain; charset=utf-8"}}, false},
		{"JSON", http.MethodGet, http.Header{"Content-Type": {"application/json"}}, false},
		{"PNG", http.MethodGet, http.Header{"Content-Type": {"image/png"}}, false},
		{"video", http.MethodGet, http.Header{"Content-Type": {"video/mp4"}}, false},
		{"HTML sent as an attachment", http.MethodGet, http.Header{"Content-Type": {"text/html"}, "Content-Disposition": {`Attachment; filename="a.html"`}}, false},
		{"HTML", http.MethodGet, http.Header{"Content-Type": {"text/html"}}, true},
		{"HTML inline", http.MethodGet, http.Header{"Content-Type": {"text/html"}, "Content-Disposition": {"inline"}}, true},
		{"disposition that only starts like attachment", http.MethodGet, http.Header{"Content-Type": {"text/html"}, "Content-Disposition": {"attachmentx"}}, true},
		{"SVG", http.MethodGet, http.Header{"Content-Type": {"image/svg+xml"}}, true},
		{"XML (S3 API answers, XHTML inside)", http.MethodGet, http.Header{"Content-Type": {"application/xml"}}, true},
		{"IAM/STS XML", http.MethodGet, http.Header{"Content-Type": {"text/xml"}}, true},
		{"PDF", http.MethodGet, http.Header{"Content-Type": {"application/pdf"}}, true},
		{"a bare family", http.MethodGet, http.Header{"Content-Type": {"video/"}}, true},
		{"no type: the browser sniffs", http.MethodGet, http.Header{}, true},
		{"two types", http.MethodGet, http.Header{"Content-Type": {"text/plain", "text/html"}}, true},
		{"HEAD has no body", http.MethodHead, http.Header{"Content-Type": {"text/html"}}, false},
		{"PUT answer", http.MethodPut, http.Header{"Content-Type": {"text/html"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			for k, v := range tt.header {
				rec.Header()[k] = v
			}
			w := &outcomeWriter{ResponseWriter: rec, sandbox: tt.method == http.MethodGet}
			w.WriteHeader(http.StatusOK)
			csp := rec.Header().Get("Content-Security-Policy")
			if got := csp != ""; got != tt.wantSandbox {
				t.Errorf("Content-Security-Policy = %q, want sandboxed %v", csp, tt.wantSandbox)
			}
			if tt.wantSandbox && csp != serviceCSP[0] {
				t.Errorf("Content-Security-Policy = %q, want %q", csp, serviceCSP[0])
			}
		})
	}
}
