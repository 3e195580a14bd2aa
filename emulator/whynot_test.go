package emulator_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

type explained struct {
	Decision string
	Results  []struct {
		Action, Decision, ErrorCode, Message, Hint string
		Status                                     int
		Notes                                      []string
		Steps                                      []struct {
			Action   string
			Decision string
			Sides    []struct {
				Side      string
				Allowed   bool
				Required  bool
				Says, Fix string
				Account   string
			}
			Policies []struct {
				Policy     string
				Statements []struct {
					Label, Text, Summary, Failed string
					Applies                      bool
				}
			}
		}
	}
}

func explainGet(t *testing.T, ts *httptest.Server, v url.Values) explained {
	t.Helper()
	resp, err := http.PostForm(ts.URL+"/_fakeaws/explain", v)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		var e map[string]string
		_ = json.NewDecoder(resp.Body).Decode(&e)
		t.Fatalf("explain(%v) = %d %v", v, resp.StatusCode, e)
	}
	var x explained
	if err := json.NewDecoder(resp.Body).Decode(&x); err != nil {
		t.Fatal(err)
	}
	return x
}

// seed004World builds seed 004: accounta (111111111111) may assume
// role-in-accountb (222222222222), whose policy names
// arn:aws:s3:::222222222222/cross-account-bucket.
func seed004World(t *testing.T, ts *httptest.Server) {
	t.Helper()
	call := func(key, service, params string) {
		t.Helper()
		resp, body := query(t, ts, key, service, params)
		if resp.StatusCode != 200 {
			t.Fatalf("%s = %d %s", params, resp.StatusCode, body)
		}
	}
	const v = "&Version=2010-05-08"
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`
	call("222222222222", "iam", "Action=CreateRole&RoleName=role-in-accountb&AssumeRolePolicyDocument="+url.QueryEscape(trust)+v)
	rolePolicy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:PutObjectAcl"],"Resource":"arn:aws:s3:::222222222222/cross-account-bucket"}]}`
	call("222222222222", "iam", "Action=PutRolePolicy&RoleName=role-in-accountb&PolicyName=s3&PolicyDocument="+url.QueryEscape(rolePolicy)+v)
	call("111111111111", "iam", "Action=CreateUser&UserName=accounta"+v)
	call("111111111111", "iam", "Action=CreateUser&UserName=bob"+v)
	assume := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::222222222222:role/role-in-accountb"}}`
	call("111111111111", "iam", "Action=PutUserPolicy&UserName=accounta&PolicyName=assume&PolicyDocument="+url.QueryEscape(assume)+v)
	if got := s3As(t, ts, http.MethodPut, "/cross-account-bucket", "222222222222", "test"); got != 200 {
		t.Fatalf("CreateBucket = %d", got)
	}
}

func TestExplainWhyNot(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	seed004World(t, ts)
	const role = "arn:aws:iam::222222222222:role/role-in-accountb"

	t.Run("seed 004 wrong resource ARN", func(t *testing.T) {
		x := explainGet(t, ts, url.Values{"principal": {"arn:aws:sts::222222222222:assumed-role/role-in-accountb/s3-access"},
			"action": {"s3:PutObject"}, "resource": {"arn:aws:s3:::cross-account-bucket/test.txt"}})
		if x.Decision != "ImplicitDeny" {
			t.Errorf("decision = %s, want ImplicitDeny", x.Decision)
		}
		var all []string
		for _, st := range x.Results[0].Steps {
			for _, p := range st.Policies {
				for _, sc := range p.Statements {
					all = append(all, sc.Summary)
				}
			}
		}
		joined := strings.Join(all, "\n")
		for _, want := range []string{
			"allows s3:PutObject on arn:aws:s3:::222222222222/cross-account-bucket, which does not match arn:aws:s3:::cross-account-bucket/test.txt",
			`no bucket named "222222222222" exists`,
		} {
			if !strings.Contains(joined, want) {
				t.Errorf("explanation\n%s\nlacks %q", joined, want)
			}
		}
	})

	tests := []struct {
		name, principal, action  string
		v                        url.Values
		wantDecision, wantCode   string
		wantCaller, wantResource bool // sides allowed, for cross-account steps
		wantHint                 string
	}{
		{"both sides allow", "arn:aws:iam::111111111111:user/accounta", "sts:AssumeRole", nil, "Allow", "", true, true, ""},
		{"caller side missing", "arn:aws:iam::111111111111:user/bob", "sts:AssumeRole", nil, "ImplicitDeny", "AccessDenied", false, true, ""},
		{"draft policy fixes the caller side", "arn:aws:iam::111111111111:user/bob", "sts:AssumeRole",
			url.Values{"policy": {`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`}},
			"Allow", "", true, true, ""},
		{"root cannot assume a role", "111111111111", "sts:AssumeRole", nil, "Refused", "AccessDenied", false, false, "Root credentials cannot call AssumeRole"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := url.Values{"principal": {tt.principal}, "action": {tt.action}, "resource": {role}}
			for k, vs := range tt.v {
				v[k] = vs
			}
			x := explainGet(t, ts, v)
			r := x.Results[0]
			if r.Decision != tt.wantDecision || r.ErrorCode != tt.wantCode {
				t.Fatalf("explain(%s, %s) = %s/%s, want %s/%s (%s)", tt.principal, tt.action, r.Decision, r.ErrorCode, tt.wantDecision, tt.wantCode, r.Message)
			}
			if !strings.Contains(r.Hint, tt.wantHint) {
				t.Errorf("hint = %q, want %q", r.Hint, tt.wantHint)
			}
			if tt.wantDecision == "Refused" {
				return
			}
			sides := r.Steps[0].Sides
			if len(sides) != 2 || sides[0].Allowed != tt.wantCaller || sides[1].Allowed != tt.wantResource {
				t.Errorf("sides = %+v, want caller %v and resource %v", sides, tt.wantCaller, tt.wantResource)
			}
			for _, s := range sides {
				if !s.Allowed && s.Fix == "" {
					t.Errorf("side %s denies without saying what would fix it: %+v", s.Side, s)
				}
			}
		})
	}

	t.Run("several actions", func(t *testing.T) {
		x := explainGet(t, ts, url.Values{"principal": {"arn:aws:iam::111111111111:user/accounta"},
			"action": {"sts:AssumeRole,sts:TagSession"}, "resource": {role}})
		if len(x.Results) != 2 || x.Results[0].Decision != "Allow" || x.Results[1].Decision != "ImplicitDeny" {
			t.Errorf("results = %+v, want AssumeRole allowed and TagSession denied", x.Results)
		}
	})
	t.Run("missing bucket", func(t *testing.T) {
		x := explainGet(t, ts, url.Values{"principal": {"111111111111"}, "action": {"s3:GetObject"},
			"resource": {"arn:aws:s3:::222222222222/cross-account-bucket"}})
		if r := x.Results[0]; r.Decision != "Refused" || r.ErrorCode != "NoSuchBucket" || r.Status != 404 {
			t.Errorf("result = %+v, want Refused NoSuchBucket 404", r)
		}
	})
}
