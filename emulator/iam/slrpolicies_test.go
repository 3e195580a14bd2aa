package iam

import (
	"testing"

	"github.com/fakeaws/fakeaws/emulator/managed"
)

// TestSLRPoliciesEmbedded: every recorded service-linked policy is an
// embedded AWS managed policy under /aws-service-role/, so
// CreateServiceLinkedRole attaches each one (a missing one would be
// silently left off).
func TestSLRPoliciesEmbedded(t *testing.T) {
	set, err := managed.Load()
	if err != nil {
		t.Fatalf("managed.Load: %v", err)
	}
	for service, name := range slrPolicies {
		p, ok := set.Lookup("arn:aws:iam::aws:policy" + serviceRolePath + name)
		if !ok {
			t.Errorf("slrPolicies[%s] = %s: not an embedded AWS managed policy", service, name)
			continue
		}
		if p.Path != serviceRolePath || p.Name != name {
			t.Errorf("slrPolicies[%s]: embedded policy is %s%s, want %s%s", service, p.Path, p.Name, serviceRolePath, name)
		}
		if _, ok := slrRecorded[service]; !ok {
			t.Errorf("slrPolicies[%s]: service has no recorded role name in slrRecorded", service)
		}
	}
}
