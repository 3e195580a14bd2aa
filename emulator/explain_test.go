package emulator_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestExplain(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	iamCall := func(key, params string) {
		t.Helper()
		resp, body := query(t, ts, key, "iam", params+"&Version=2010-05-08")
		if resp.StatusCode != 200 {
			t.Fatalf("%s = %d %s", params, resp.StatusCode, body)
		}
	}
	// Account 222222222222 has a role trusting 111111111111's root; alice in
	// 111111111111 may assume it, bob may not.
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`
	iamCall("222222222222", "Action=CreateRole&RoleName=reader&AssumeRolePolicyDocument="+url.QueryEscape(trust))
	iamCall("111111111111", "Action=CreateUser&UserName=alice")
	iamCall("111111111111", "Action=CreateUser&UserName=bob")
	assume := `{"Version":"2012-10-17","Statement":[{"Sid":"AssumeReader","Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::222222222222:role/reader"}]}`
	iamCall("111111111111", "Action=PutUserPolicy&UserName=alice&PolicyName=assume&PolicyDocument="+url.QueryEscape(assume))
	// An IAM request's aws:RequestedRegion is us-east-1, whatever Region
	// signs it; the explanation asks as the request would.
	inUSEast1 := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}]}`
	iamCall("111111111111", "Action=PutUserPolicy&UserName=bob&PolicyName=region&PolicyDocument="+url.QueryEscape(inUSEast1))

	tests := []struct {
		name, principal, action, resource string
		wantStatus                        int
		wantDecision, wantKind            string
		wantPolicy                        string // a policy the explanation must list
	}{
		{"identity and trust allow", "arn:aws:iam::111111111111:user/alice", "sts:AssumeRole", "arn:aws:iam::222222222222:role/reader", 200, "Allow", "", "trust policy of role/reader"},
		{"no identity policy", "arn:aws:iam::111111111111:user/bob", "sts:AssumeRole", "arn:aws:iam::222222222222:role/reader", 200, "ImplicitDeny", "identity", "trust policy of role/reader"},
		{"IAM in us-east-1", "arn:aws:iam::111111111111:user/bob", "iam:GetUser", "arn:aws:iam::111111111111:user/bob", 200, "Allow", "", ""},
		{"root of the role's account", "222222222222", "iam:CreateUser", "arn:aws:iam::222222222222:user/x", 200, "Allow", "", ""},
		{"unknown user", "arn:aws:iam::111111111111:user/ghost", "s3:GetObject", "*", 400, "", "", ""},
		{"not an ARN", "alice", "s3:GetObject", "*", 400, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := ts.URL + "/_fakeaws/explain?" + url.Values{"principal": {tt.principal}, "action": {tt.action}, "resource": {tt.resource}}.Encode()
			resp, err := http.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("explain(%s, %s) status = %d, want %d", tt.principal, tt.action, resp.StatusCode, tt.wantStatus)
			}
			if tt.wantStatus != 200 {
				return
			}
			var got struct {
				Decision, Kind, Message string
				Policies                []struct{ Policy string }
			}
			if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
				t.Fatal(err)
			}
			if got.Decision != tt.wantDecision || got.Kind != tt.wantKind {
				t.Errorf("explain(%s, %s) = %s/%s, want %s/%s (%s)", tt.principal, tt.action, got.Decision, got.Kind, tt.wantDecision, tt.wantKind, got.Message)
			}
			if tt.wantDecision != "Allow" && !strings.Contains(got.Message, tt.action) {
				t.Errorf("message %q does not name the action", got.Message)
			}
			if tt.wantPolicy != "" {
				found := false
				for _, p := range got.Policies {
					found = found || p.Policy == tt.wantPolicy
				}
				if !found {
					t.Errorf("policies = %+v, want one named %q", got.Policies, tt.wantPolicy)
				}
			}
		})
	}
}
