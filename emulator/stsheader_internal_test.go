package emulator

import (
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestExtendedRequestIDShape checks the header against the form of AWS's
// recorded values: base64 of "1:REGION:S:MILLISECONDS:R:8 characters".
func TestExtendedRequestIDShape(t *testing.T) {
	t.Parallel()
	now := time.UnixMilli(1763579652304)
	tests := []struct {
		name, authorization, want string
	}{
		{"signed in us-east-2", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/us-east-2/sts/aws4_request, SignedHeaders=host, Signature=x",
			"1:us-east-2:S:1763579652304:R:1f2e3d4c"},
		{"unsigned", "", "1:us-east-1:S:1763579652304:R:1f2e3d4c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", nil)
			if tt.authorization != "" {
				r.Header.Set("Authorization", tt.authorization)
			}
			h := http.Header{}
			setExtendedRequestID(h, r, "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9", now)
			got, err := base64.StdEncoding.DecodeString(strings.Join(rawHeaderValues(h, extendedRequestIDHeader), ","))
			if err != nil || string(got) != tt.want {
				t.Errorf("x-amz-sts-extended-request-id decodes to %q (%v), want %q", got, err, tt.want)
			}
		})
	}
}

// rawHeaderValues is the values stored under exactly name, which is not
// canonical.
func rawHeaderValues(h http.Header, name string) []string {
	for k, v := range h {
		if k == name {
			return v
		}
	}
	return nil
}
