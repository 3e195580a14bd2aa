package sts

import (
	"regexp"
	"testing"
)

func TestJacksonValueError(t *testing.T) {
	for _, c := range []struct{ policy, want string }{
		// AWS's recorded answer (ansible-collections/amazon.aws#2778).
		{"invalid policy", `^Unexpected character \('i' \(code 105\)\): expected a valid value \(number, String, array, object, 'true', 'false' or 'null'\)\n at \[Source: java\.io\.StringReader@[0-9a-f]{1,8}; line: 1, column: 2\]$`},
		{"  x", `(?s)\('x' \(code 120\)\).*; line: 1, column: 4\]$`},
		{"{\"Version\": x}", `(?s)\('x' \(code 120\)\).*; line: 1, column: 14\]$`},
		{"[1,\n x]", `; line: 2, column: 3\]$`},
		// Other JSON errors, and JSON, are not this error.
		{"{x}", `^$`},
		{`{"Version":"2012-10-17"`, `^$`},
		{`{"Version":"2012-10-17","Statement":[]}`, `^$`},
	} {
		if got := jacksonValueError(c.policy); !regexp.MustCompile(c.want).MatchString(got) {
			t.Errorf("jacksonValueError(%q) = %q, want match %s", c.policy, got, c.want)
		}
	}
}
