package iam

import "testing"

// TestConstraintRegexpsCompile compiles every constraint pattern: they are
// compiled on first use, so a bad one would otherwise panic in a request.
func TestConstraintRegexpsCompile(t *testing.T) {
	for pattern, re := range regexps {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("pattern %s: %v", pattern, p)
				}
			}()
			re.compiled()
		}()
	}
}
