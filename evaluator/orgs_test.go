package evaluator

import (
	"reflect"
	"testing"
)

const (
	fullAWSAccess    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	rcpFullAWSAccess = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`
	scpDenyDelete    = `{"Version":"2012-10-17","Statement":[{"Sid":"NoDelete","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}`
)

func TestOrgLayersReported(t *testing.T) {
	t.Parallel()
	scp := func(extra ...string) []OrgLevel {
		lv := []OrgLevel{
			{Target: "r-ab12", Policies: []NamedPolicy{named(t, "p-FullAWSAccess", fullAWSAccess, KindSCP)}},
			{Target: "111122223333", Policies: []NamedPolicy{named(t, "p-FullAWSAccess", fullAWSAccess, KindSCP)}},
		}
		for i, d := range extra {
			lv[1].Policies = append(lv[1].Policies, named(t, "p-extra"+string(rune('0'+i)), d, KindSCP))
		}
		return lv
	}
	admin := []NamedPolicy{named(t, "admin", fullAWSAccess, KindIdentity)}
	alice := userP(acctA, "alice")
	del := Request{Principal: alice, Action: "s3:DeleteBucket", Resource: "arn:aws:s3:::b", ResourceAccount: acctA}
	tests := []struct {
		name    string
		ps      PolicySet
		want    Effect
		kind    Kind
		wantSCP *OrgResult
	}{
		{"no organization", PolicySet{Identity: admin}, Allow, KindIdentity, nil},
		{"full access everywhere", PolicySet{Identity: admin, SCP: scp()}, Allow, KindIdentity,
			&OrgResult{Allowed: true, Levels: []OrgLevelResult{{"r-ab12", true, false}, {"111122223333", true, false}}}},
		{"deny at account level", PolicySet{Identity: admin, SCP: scp(scpDenyDelete)}, ExplicitDeny, KindSCP,
			&OrgResult{Denied: true, Levels: []OrgLevelResult{{"r-ab12", true, false}, {"111122223333", true, true}}}},
		{"level with no policy", PolicySet{Identity: admin, SCP: []OrgLevel{{Target: "r-ab12"}}}, ImplicitDeny, KindSCP,
			&OrgResult{Levels: []OrgLevelResult{{"r-ab12", false, false}}}},
		{"rcp deny reported before scp deny", PolicySet{Identity: admin, SCP: scp(scpDenyDelete),
			RCP: []OrgLevel{{Target: "r-ab12", Policies: []NamedPolicy{named(t, "rcp", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`, KindRCP)}}}},
			ExplicitDeny, KindRCP, &OrgResult{Denied: true, Levels: []OrgLevelResult{{"r-ab12", true, false}, {"111122223333", true, true}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, d := range []Decision{Evaluate(&del, &tt.ps), EvaluatePolicies(&del, &tt.ps)} {
				if d.Effect != tt.want || d.Kind != tt.kind {
					t.Errorf("got %v/%v, want %v/%v (%s)", d.Effect, d.Kind, tt.want, tt.kind, d.Message(&del))
				}
				if !reflect.DeepEqual(d.SCP, tt.wantSCP) {
					t.Errorf("SCP layer = %+v, want %+v", d.SCP, tt.wantSCP)
				}
			}
		})
	}
}

func TestOrgPoliciesInDetail(t *testing.T) {
	t.Parallel()
	ps := PolicySet{
		Identity: []NamedPolicy{named(t, "admin", fullAWSAccess, KindIdentity)},
		SCP:      []OrgLevel{{Target: "r-ab12", Policies: []NamedPolicy{named(t, "p-FullAWSAccess", fullAWSAccess, KindSCP), named(t, "p-nodelete", scpDenyDelete, KindSCP)}}},
		RCP:      []OrgLevel{{Target: "r-ab12", Policies: []NamedPolicy{named(t, "p-RCPFullAWSAccess", rcpFullAWSAccess, KindRCP)}}},
	}
	req := Request{Principal: userP(acctA, "alice"), Action: "s3:DeleteBucket", Resource: "arn:aws:s3:::b", ResourceAccount: acctA}
	d := EvaluatePolicies(&req, &ps)
	kinds := map[string]Kind{}
	for _, pr := range d.Policies {
		kinds[pr.Policy] = pr.Kind
	}
	want := map[string]Kind{"admin": KindIdentity, "p-FullAWSAccess": KindSCP, "p-nodelete": KindSCP, "p-RCPFullAWSAccess": KindRCP}
	if !reflect.DeepEqual(kinds, want) {
		t.Errorf("policy kinds = %v, want %v", kinds, want)
	}
	if len(d.Statements) != 1 || d.Statements[0].Policy != "p-nodelete" || d.Statements[0].Kind != KindSCP {
		t.Errorf("deciding statements = %+v, want p-nodelete's NoDelete", d.Statements)
	}
}

func TestParseOrgKinds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind Kind
		doc  string
		err  string
	}{
		{KindSCP, fullAWSAccess, ""},
		{KindSCP, rcpFullAWSAccess, MsgNoPrincipal},
		{KindRCP, rcpFullAWSAccess, ""},
		{KindRCP, fullAWSAccess, MsgMissingPrincipal},
		{KindRCP, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}]}`, MsgSyntax},
	}
	for _, tt := range tests {
		_, err := Parse(tt.doc, tt.kind)
		got := ""
		if pe, ok := err.(*ParseError); ok {
			got = pe.Message
		} else if err != nil {
			got = err.Error()
		}
		if got != tt.err {
			t.Errorf("Parse(%s, %v) error = %q, want %q", tt.doc, tt.kind, got, tt.err)
		}
	}
}

// BenchmarkEvaluateWithOrgLayers is one member-account decision under
// FullAWSAccess and RCPFullAWSAccess at three levels plus a deny SCP that
// does not match.
func BenchmarkEvaluateWithOrgLayers(b *testing.B) {
	scp := named(b, "p-FullAWSAccess", fullAWSAccess, KindSCP)
	rcp := named(b, "p-RCPFullAWSAccess", rcpFullAWSAccess, KindRCP)
	levels := func(p NamedPolicy, extra ...NamedPolicy) []OrgLevel {
		return []OrgLevel{{Target: "r-ab12", Policies: append([]NamedPolicy{p}, extra...)},
			{Target: "ou-ab12-prod0001", Policies: []NamedPolicy{p}}, {Target: acctA, Policies: []NamedPolicy{p}}}
	}
	ps := PolicySet{
		Identity: []NamedPolicy{named(b, "admin", fullAWSAccess, KindIdentity)},
		SCP:      levels(scp, named(b, "p-nodelete", scpDenyDelete, KindSCP)),
		RCP:      levels(rcp),
	}
	req := Request{Principal: userP(acctA, "alice"), Action: "s3:GetObject", Resource: bucketObj, ResourceAccount: acctA}
	b.ReportAllocs()
	for b.Loop() {
		if d := Evaluate(&req, &ps); d.Effect != Allow {
			b.Fatalf("got %v", d.Effect)
		}
	}
}
