package authz

import (
	"strings"
	"testing"
)

// TestHint: the codes with a hint get one that names the way out; codes
// whose AWS message says it all get none.
func TestHint(t *testing.T) {
	cases := []struct {
		code, message, want string
	}{
		{"PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint.", "followRegionRedirects"},
		{"AuthorizationHeaderMalformed", "the region 'us-east-1' is wrong; expecting 'eu-west-1'", "credential scope"},
		{"AccessDenied", "Roles may not be assumed by root accounts", "Root credentials cannot call AssumeRole"},
		{"NoSuchKey", "The specified key does not exist.", ""},
		{"AccessDenied", "User: x is not authorized", ""},
	}
	for _, c := range cases {
		got := Hint(c.code, c.message)
		if c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("Hint(%q, %q) = %q, want it to contain %q", c.code, c.message, got, c.want)
		}
	}
}
