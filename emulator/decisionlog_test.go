package emulator_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

type logged struct {
	RequestID                                                                  string
	Principal, Operation, Action, Resource, Decision, ErrorCode, Message, Hint string
	Status                                                                     int
}

func decisionLines(t *testing.T, ts *httptest.Server) []logged {
	t.Helper()
	resp, err := http.Get(ts.URL + "/_fakeaws/decisions")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("decisions Content-Type = %q, want text/plain (shown in a browser, not downloaded)", ct)
	}
	var out []logged
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l logged
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("decision line %q: %v", sc.Text(), err)
		}
		out = append(out, l)
	}
	return out
}

// s3As sends a signed S3 request with the given key and secret.
func s3As(t *testing.T, ts *httptest.Server, method, path, key, secret string) int {
	t.Helper()
	r, _ := http.NewRequest(method, ts.URL+path, nil)
	const emptySHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	r.Header.Set("x-amz-content-sha256", emptySHA)
	creds := aws.Credentials{AccessKeyID: key, SecretAccessKey: secret}
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

// TestDecisionLogRecordsRefusals pins that every refusal, not only policy
// denials, reaches /_fakeaws/decisions with what the client got.
func TestDecisionLogRecordsRefusals(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	query(t, ts, "111111111111", "iam", "Action=CreateUser&UserName=alice&Version=2010-05-08")
	s3As(t, ts, http.MethodPut, "/bucket-a", "111111111111", "test")
	s3As(t, ts, http.MethodHead, "/bucket-a/missing", "111111111111", "test")
	s3As(t, ts, http.MethodGet, "/bucket-a/missing", "111111111111", "test")
	s3As(t, ts, http.MethodGet, "/no-such-bucket-x/k", "111111111111", "test")
	s3As(t, ts, http.MethodGet, "/bucket-a/k", "111111111111", "wrong-secret")
	s3As(t, ts, http.MethodGet, "/bucket-a/k", "AKIAUNKNOWNUNKNOWN00", "x")
	s3As(t, ts, http.MethodHead, "/bucket-a/k", "AKIAUNKNOWNUNKNOWN02", "x")
	query(t, ts, "111111111111", "sts", "Action=AssumeRole&RoleArn=arn:aws:iam::222222222222:role/r&RoleSessionName=sess&Version=2011-06-15")
	// Query API calls refused by authentication still name their operation.
	signedQuery(t, ts, "AKIAUNKNOWNUNKNOWN01", "x", "sts", "Action=GetCallerIdentity&Version=2011-06-15")
	signedQuery(t, ts, "222222222222", "wrong-secret", "iam", "Action=ListUsers&Version=2010-05-08")
	signedQuery(t, ts, "111111111111", "test", "sqs", "Action=ListQueues&Version=2012-11-05")
	malformedTokenQuery(t, ts)

	lines := decisionLines(t, ts)
	find := func(pred func(l logged) bool) *logged {
		for i := range lines {
			if pred(lines[i]) {
				return &lines[i]
			}
		}
		return nil
	}
	tests := []struct {
		name                               string
		pick                               func(l logged) bool
		wantDecision, wantCode, wantOp     string
		wantStatus                         int
		wantPrincipal, wantResource, wantH string
	}{
		{"allowed create", func(l logged) bool { return l.Action == "iam:CreateUser" },
			"Allow", "", "CreateUser", 200, "arn:aws:iam::111111111111:root", "", ""},
		{"HEAD of a missing key", func(l logged) bool { return l.Operation == "HeadObject" },
			"Allow", "NoSuchKey", "HeadObject", 404, "", "arn:aws:s3:::bucket-a/missing", ""},
		{"GET of a missing key", func(l logged) bool { return l.Operation == "GetObject" && l.ErrorCode == "NoSuchKey" },
			"Allow", "NoSuchKey", "GetObject", 404, "", "arn:aws:s3:::bucket-a/missing", ""},
		{"missing bucket", func(l logged) bool { return l.ErrorCode == "NoSuchBucket" },
			"Refused", "NoSuchBucket", "GetObject", 404, "arn:aws:iam::111111111111:root", "arn:aws:s3:::no-such-bucket-x/k", "global"},
		// S3 requests refused by authentication still name their
		// operation and resource, HEAD told apart from GET.
		{"wrong secret", func(l logged) bool { return l.ErrorCode == "SignatureDoesNotMatch" && l.Operation != "ListUsers" },
			"Refused", "SignatureDoesNotMatch", "GetObject", 403, "arn:aws:iam::111111111111:root", "arn:aws:s3:::bucket-a/k", "secret"},
		{"unknown key", func(l logged) bool { return l.Principal == "access key AKIAUNKNOWNUNKNOWN00" },
			"Refused", "InvalidAccessKeyId", "GetObject", 403, "", "arn:aws:s3:::bucket-a/k", "not known"},
		{"unknown key, HEAD", func(l logged) bool { return l.Principal == "access key AKIAUNKNOWNUNKNOWN02" },
			"Refused", "InvalidAccessKeyId", "HeadObject", 403, "", "arn:aws:s3:::bucket-a/k", "not known"},
		{"unknown key, Query API", func(l logged) bool { return strings.Contains(l.Principal, "AKIAUNKNOWNUNKNOWN01") },
			"Refused", "InvalidClientTokenId", "GetCallerIdentity", 403, "access key AKIAUNKNOWNUNKNOWN01", "", "not known"},
		{"wrong secret, Query API", func(l logged) bool { return l.Principal == "arn:aws:iam::222222222222:root" },
			"Refused", "SignatureDoesNotMatch", "ListUsers", 403, "", "", "secret"},
		{"malformed session token, Query API", func(l logged) bool { return l.Operation == "GetSessionToken" },
			"Refused", "InvalidClientTokenId", "GetSessionToken", 403, "", "", "session token is malformed"},
		{"root calls AssumeRole", func(l logged) bool { return l.Operation == "AssumeRole" },
			"Refused", "AccessDenied", "AssumeRole", 403, "arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:role/r", "Root credentials cannot call AssumeRole"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := find(tt.pick)
			if l == nil {
				t.Fatalf("no decision line for %s in %+v", tt.name, lines)
			}
			if l.Decision != tt.wantDecision || l.ErrorCode != tt.wantCode || l.Status != tt.wantStatus || l.Operation != tt.wantOp {
				t.Errorf("%s: decision/errorCode/status/operation = %s/%s/%d/%s, want %s/%s/%d/%s",
					tt.name, l.Decision, l.ErrorCode, l.Status, l.Operation, tt.wantDecision, tt.wantCode, tt.wantStatus, tt.wantOp)
			}
			if tt.wantPrincipal != "" && l.Principal != tt.wantPrincipal {
				t.Errorf("%s: principal = %q, want %q", tt.name, l.Principal, tt.wantPrincipal)
			}
			if tt.wantResource != "" && l.Resource != tt.wantResource {
				t.Errorf("%s: resource = %q, want %q", tt.name, l.Resource, tt.wantResource)
			}
			if !strings.Contains(l.Hint, tt.wantH) {
				t.Errorf("%s: hint = %q, want it to contain %q", tt.name, l.Hint, tt.wantH)
			}
		})
	}
	// The console's Explain works on every refused row, those refused
	// before any policy was read (authentication, an unknown service)
	// included: it answers what the client got and the hint.
	for _, l := range lines {
		if l.Decision != "Refused" {
			continue
		}
		x := explainGet(t, ts, url.Values{"requestId": {l.RequestID}})
		if len(x.Results) != 1 || x.Results[0].ErrorCode != l.ErrorCode || x.Results[0].Status != l.Status ||
			x.Results[0].Decision != "Refused" || x.Results[0].Hint == "" {
			t.Errorf("explain of the refused %s %s (%s) = %+v, want Refused %s %d with a hint",
				l.Operation, l.Action, l.Principal, x.Results, l.ErrorCode, l.Status)
		}
	}
	// The lesson export names every refused step, with no empty code spans.
	md := getBody(t, ts.URL+"/_fakeaws/lesson.md")
	for _, want := range []string{
		"— GetCallerIdentity by `access key AKIAUNKNOWNUNKNOWN01`: refused: 403 InvalidClientTokenId",
		"— GetObject by `access key AKIAUNKNOWNUNKNOWN00`: refused: 403 InvalidAccessKeyId",
		"- on `arn:aws:s3:::no-such-bucket-x/k`: **Refused**",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("lesson.md lacks %q", want)
		}
	}
	if strings.Contains(md, "``") || strings.Contains(md, "—  by") {
		t.Errorf("lesson.md has an empty operation or action:\n%s", md)
	}
}

func TestUnknownServiceNamesTheServedOnes(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	tests := []struct {
		name, service, contentType, target, body, want string
	}{
		{"JSON protocol", "dynamodb", "application/x-amz-json-1.0", "DynamoDB_20120810.ListTables", "{}", `"__type":"UnknownService"`},
		{"Query protocol", "sqs", "application/x-www-form-urlencoded", "", "Action=ListQueues&Version=2012-11-05", "<Code>UnknownService</Code>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := http.NewRequest(http.MethodPost, ts.URL+"/", strings.NewReader(tt.body))
			r.Header.Set("Content-Type", tt.contentType)
			if tt.target != "" {
				r.Header.Set("X-Amz-Target", tt.target)
			}
			sum := sha256.Sum256([]byte(tt.body))
			creds := aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}
			if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hex.EncodeToString(sum[:]), tt.service, "us-east-1", time.Now()); err != nil {
				t.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotImplemented || !strings.Contains(string(b), tt.want) ||
				!strings.Contains(string(b), "iam, sts, s3") || !strings.Contains(string(b), tt.service) {
				t.Errorf("%s request = %d %s, want 501 %s naming %s and the served services", tt.service, resp.StatusCode, b, tt.want, tt.service)
			}
		})
	}
	found := false
	for _, l := range decisionLines(t, ts) {
		found = found || (l.ErrorCode == "UnknownService" && l.Status == 501 && l.Decision == "Refused")
	}
	if !found {
		t.Errorf("the decision log lacks the UnknownService refusals")
	}
}

// malformedTokenQuery calls STS with a session token that is not one.
func malformedTokenQuery(t *testing.T, ts *httptest.Server) {
	t.Helper()
	body := "Action=GetSessionToken&Version=2011-06-15"
	r, _ := http.NewRequest(http.MethodPost, ts.URL+"/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	sum := sha256.Sum256([]byte(body))
	creds := aws.Credentials{AccessKeyID: "ASIAMALFORMED0000001", SecretAccessKey: "x", SessionToken: "not-a-token"}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hex.EncodeToString(sum[:]), "sts", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}
