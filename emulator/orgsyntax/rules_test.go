package orgsyntax

import (
	"reflect"
	"testing"
)

// TestRCPStatement pins which rule each RCP statement breaks and where.
func TestRCPStatement(t *testing.T) {
	deny := Statement{HasPrincipal: true, PrincipalIsStar: true, HasResource: true, ResourceIsStar: true, Actions: []string{"s3:*"}}
	with := func(f func(*Statement)) Statement {
		st := deny
		st.Actions = append([]string(nil), deny.Actions...)
		f(&st)
		return st
	}
	v := func(r Rule, elem string, i int) Violation { return Violation{Rule: r, Element: elem, Index: i} }
	tests := []struct {
		name string
		st   Statement
		want []Violation
	}{
		{"data perimeter deny", deny, nil},
		{"RCPFullAWSAccess", with(func(s *Statement) { s.Allow = true; s.Actions = []string{"*"} }), nil},
		{"principal not *", with(func(s *Statement) { s.PrincipalIsStar = false }), []Violation{v(RCPPrincipal, "Principal", -1)}},
		{"no principal", with(func(s *Statement) { s.HasPrincipal, s.PrincipalIsStar = false, false }), []Violation{v(RCPPrincipal, "", -1)}},
		{"NotPrincipal", with(func(s *Statement) { s.HasPrincipal, s.PrincipalIsStar, s.HasNotPrincipal = false, false, true }),
			[]Violation{v(RCPPrincipal, "NotPrincipal", -1)}},
		{"NotAction", with(func(s *Statement) { s.Actions, s.HasNotAction = nil, true }), []Violation{v(RCPNotAction, "NotAction", -1)}},
		{"deny *", with(func(s *Statement) { s.Actions = []string{"*"} }), []Violation{v(RCPAction, "Action", 0)}},
		{"unsupported services", with(func(s *Statement) { s.Actions = []string{"s3:GetObject", "ec2:*", "cognito-sync:*", "KMS:Decrypt"} }),
			[]Violation{v(RCPAction, "Action", 1), v(RCPAction, "Action", 2)}},
		{"allow on a bucket", with(func(s *Statement) { s.Allow, s.ResourceIsStar = true, false }), []Violation{v(RCPAllow, "Resource", -1)}},
		{"allow with a condition", with(func(s *Statement) { s.Allow, s.HasCondition = true, true }), []Violation{v(RCPAllow, "Condition", -1)}},
		{"allow to an account", with(func(s *Statement) { s.Allow, s.PrincipalIsStar = true, false }), []Violation{v(RCPAllow, "Principal", -1)}},
		{"allow NotResource", with(func(s *Statement) {
			s.Allow, s.HasResource, s.ResourceIsStar, s.HasNotResource = true, false, false, true
		}),
			[]Violation{v(RCPAllow, "NotResource", -1)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := RCPStatement(tc.st); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("RCPStatement = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestSCPStatement: an SCP names no principals; the full IAM language is
// otherwise accepted.
func TestSCPStatement(t *testing.T) {
	full := Statement{Allow: true, HasResource: true, HasNotAction: true, HasCondition: true, Actions: []string{"s3:*Object"}}
	if got := SCPStatement(full); got != nil {
		t.Errorf("SCPStatement(full IAM language) = %+v, want none", got)
	}
	got := SCPStatement(Statement{HasPrincipal: true, HasNotPrincipal: true})
	want := []Violation{{SCPPrincipal, "Principal", -1}, {SCPPrincipal, "NotPrincipal", -1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SCPStatement = %+v, want %+v", got, want)
	}
}
