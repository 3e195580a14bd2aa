package emulator_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// s3With sends a signed S3 request with creds (a session token included).
func s3With(t *testing.T, ts *httptest.Server, method, path string, creds aws.Credentials) int {
	t.Helper()
	r, _ := http.NewRequest(method, ts.URL+path, nil)
	const emptySHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	r.Header.Set("x-amz-content-sha256", emptySHA)
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, emptySHA, "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// xmlField is the text of the first <name> element of body.
func xmlField(t *testing.T, body, name string) string {
	t.Helper()
	m := regexp.MustCompile("<" + name + ">([^<]*)</" + name + ">").FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no <%s> in %s", name, body)
	}
	return m[1]
}

// TestExplainRowKeepsSessionPolicies pins that "explain this row" decides
// with the session policies the real request carried (AssumeRole's and
// GetFederationToken's Policy): the explained decision matches the logged
// one, and the session policy is among the policies shown.
func TestExplainRowKeepsSessionPolicies(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	const v = "&Version=2010-05-08"
	call := func(t *testing.T, key, secret, service, params string) string {
		t.Helper()
		code, body := signedQuery(t, ts, key, secret, service, params)
		if code != 200 {
			t.Fatalf("%s = %d %s", params, code, body)
		}
		return body
	}
	if got := s3As(t, ts, http.MethodPut, "/lab-bucket", "111111111111", "test"); got != 200 {
		t.Fatalf("CreateBucket = %d", got)
	}
	everything := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","sts:AssumeRole","sts:GetFederationToken"],"Resource":"*"}]}`
	call(t, "111111111111", "test", "iam", "Action=CreateUser&UserName=student"+v)
	call(t, "111111111111", "test", "iam", "Action=PutUserPolicy&UserName=student&PolicyName=all&PolicyDocument="+url.QueryEscape(everything)+v)
	keys := call(t, "111111111111", "test", "iam", "Action=CreateAccessKey&UserName=student"+v)
	key, secret := xmlField(t, keys, "AccessKeyId"), xmlField(t, keys, "SecretAccessKey")
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`
	call(t, "111111111111", "test", "iam", "Action=CreateRole&RoleName=lab&AssumeRolePolicyDocument="+url.QueryEscape(trust)+v)
	call(t, "111111111111", "test", "iam", "Action=PutRolePolicy&RoleName=lab&PolicyName=s3&PolicyDocument="+url.QueryEscape(everything)+v)

	// The session policy lets the session list the bucket and nothing else.
	listOnly := url.QueryEscape(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::lab-bucket"}]}`)
	const sts = "&Version=2011-06-15"
	sessions := map[string]string{
		"AssumeRole":         "Action=AssumeRole&RoleArn=" + url.QueryEscape("arn:aws:iam::111111111111:role/lab") + "&RoleSessionName=lab-session&Policy=" + listOnly + sts,
		"GetFederationToken": "Action=GetFederationToken&Name=fed&Policy=" + listOnly + sts,
	}
	for name, params := range sessions {
		t.Run(name, func(t *testing.T) {
			body := call(t, key, secret, "sts", params)
			creds := aws.Credentials{AccessKeyID: xmlField(t, body, "AccessKeyId"), SecretAccessKey: xmlField(t, body, "SecretAccessKey"),
				SessionToken: xmlField(t, body, "SessionToken")}
			if got := s3With(t, ts, http.MethodGet, "/lab-bucket", creds); got != 200 {
				t.Fatalf("session ListObjects = %d, want 200", got)
			}
			if got := s3With(t, ts, http.MethodGet, "/lab-bucket/notes.txt", creds); got != http.StatusForbidden {
				t.Fatalf("session GetObject = %d, want 403 (the session policy allows only ListBucket)", got)
			}
			checked := 0
			for _, l := range decisionLines(t, ts) {
				if l.Action != "s3:GetObject" && l.Action != "s3:ListBucket" || l.Principal == "arn:aws:iam::111111111111:root" {
					continue
				}
				if name == "AssumeRole" && l.Principal != "arn:aws:sts::111111111111:assumed-role/lab/lab-session" ||
					name == "GetFederationToken" && l.Principal != "arn:aws:sts::111111111111:federated-user/fed" {
					continue
				}
				checked++
				x := explainGet(t, ts, url.Values{"requestId": {l.RequestID}})
				if x.Decision != l.Decision {
					t.Errorf("%s by %s: explained %s, logged %s", l.Action, l.Principal, x.Decision, l.Decision)
				}
				session := false
				for _, st := range x.Results[0].Steps {
					for _, p := range st.Policies {
						session = session || p.Policy == "session-policy/0"
					}
				}
				if !session {
					t.Errorf("%s by %s: the explanation shows no session policy", l.Action, l.Principal)
				}
			}
			if checked != 2 {
				t.Errorf("explained %d logged rows of the session, want its ListBucket and GetObject", checked)
			}
		})
	}
}
