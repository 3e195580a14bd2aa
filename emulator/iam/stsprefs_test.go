package iam

import (
	"regexp"
	"testing"
)

// TestSecurityTokenServicePreferences: SetSecurityTokenServicePreferences
// takes v1Token or v2Token (botocore's iam model: globalEndpointTokenVersion
// enum) and GetAccountSummary shows the choice as GlobalEndpointTokenVersion
// 1 or 2 (API_GetAccountSummary.html).
func TestSecurityTokenServicePreferences(t *testing.T) {
	e := newEnv(t)
	summary := func() string {
		t.Helper()
		m := regexp.MustCompile(`<key>GlobalEndpointTokenVersion</key>\s*<value>(\d)</value>`).FindStringSubmatch(e.must("GetAccountSummary").body)
		if m == nil {
			t.Fatal("GetAccountSummary has no GlobalEndpointTokenVersion")
		}
		return m[1]
	}
	steps := []struct {
		name, version      string // version "" sends no parameter
		code, message, sum string
	}{
		{"default", "-", "", "", "1"},
		{"v2Token", "v2Token", "", "", "2"},
		{"back to v1Token", "v1Token", "", "", "1"},
		{"not a version", "v3Token", "ValidationError",
			"1 validation error detected: Value 'v3Token' at 'globalEndpointTokenVersion' failed to satisfy constraint: Member must satisfy enum value set: [v1Token, v2Token]", "1"},
		{"missing", "", "ValidationError",
			"1 validation error detected: Value null at 'globalEndpointTokenVersion' failed to satisfy constraint: Member must not be null", "1"},
	}
	for _, s := range steps {
		if s.version != "-" {
			var kv []string
			if s.version != "" {
				kv = []string{"GlobalEndpointTokenVersion", s.version}
			}
			r := e.call("SetSecurityTokenServicePreferences", kv...)
			if r.code() != s.code || (s.code != "" && r.message() != s.message) {
				t.Errorf("%s: %d %s %q, want %q %q", s.name, r.status, r.code(), r.message(), s.code, s.message)
			}
		}
		if got := summary(); got != s.sum {
			t.Errorf("%s: GlobalEndpointTokenVersion %s, want %s", s.name, got, s.sum)
		}
	}
}
