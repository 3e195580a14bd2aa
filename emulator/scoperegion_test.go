package emulator_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// A request on AWS's own IAM or STS host name is held to that endpoint's
// Region, as AWS holds it: 403 SignatureDoesNotMatch in an ErrorResponse
// of Type Sender (IAM: rusoto/rusoto#1870, JuliaCloud/AWS.jl#565; STS:
// namecheap/node-vault-client#25, hashicorp/terraform-provider-aws#34865;
// emulator/authn endpointregion.go). Any other host, an endpoint override
// such as the test server's 127.0.0.1:PORT, takes every Region, as the
// contract promises ("Any region name is accepted").
func TestScopeRegionOfAWSHosts(t *testing.T) {
	_, ts := newServer(t)
	const iamList, stsWho = "Action=ListUsers&Version=2010-05-08", "Action=GetCallerIdentity&Version=2011-06-15"
	const iamRefusal = "Credential should be scoped to a valid region, not '%s'. "
	const stsRefusal = "Credential should be scoped to a valid region. "
	tests := []struct {
		name, service, host, region, body string
		status                            int
		message                           string // of a refusal
	}{
		{"IAM through an override, eu-west-1", "iam", "", "eu-west-1", iamList, 200, ""},
		{"IAM on iam.amazonaws.com, us-east-1", "iam", "iam.amazonaws.com", "us-east-1", iamList, 200, ""},
		{"IAM on iam.amazonaws.com, eu-west-1", "iam", "iam.amazonaws.com", "eu-west-1", iamList, 403, strings.Replace(iamRefusal, "%s", "eu-west-1", 1)},
		{"IAM on IAM.amazonaws.com:443, us-west-2", "iam", "IAM.amazonaws.com:443", "us-west-2", iamList, 403, strings.Replace(iamRefusal, "%s", "us-west-2", 1)},
		{"IAM on another host", "iam", "iam.example.com", "eu-west-1", iamList, 200, ""},
		{"STS through an override, ap-southeast-2", "sts", "", "ap-southeast-2", stsWho, 200, ""},
		{"STS on sts.amazonaws.com, us-east-1", "sts", "sts.amazonaws.com", "us-east-1", stsWho, 200, ""},
		{"STS on sts.amazonaws.com, ap-southeast-2", "sts", "sts.amazonaws.com", "ap-southeast-2", stsWho, 403, stsRefusal},
		{"STS on its eu-west-1 endpoint, eu-west-1", "sts", "sts.eu-west-1.amazonaws.com", "eu-west-1", stsWho, 200, ""},
		{"STS on its us-east-1 endpoint, me-central-1", "sts", "sts.us-east-1.amazonaws.com", "me-central-1", stsWho, 403, stsRefusal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := http.NewRequest(http.MethodPost, ts.URL+"/", strings.NewReader(tt.body))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tt.host != "" {
				r.Host = tt.host
			}
			sum := sha256.Sum256([]byte(tt.body))
			creds := aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}
			if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hex.EncodeToString(sum[:]), tt.service, tt.region, time.Now()); err != nil {
				t.Fatal(err)
			}
			resp, body := sendAs(t, r, "", tt.service, tt.body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d %s, want %d", resp.StatusCode, body, tt.status)
			}
			if tt.status == 200 {
				return
			}
			var e struct {
				Error struct{ Type, Code, Message string }
			}
			if err := xml.Unmarshal([]byte(body), &e); err != nil {
				t.Fatalf("body %s: %v", body, err)
			}
			if e.Error.Type != "Sender" || e.Error.Code != "SignatureDoesNotMatch" || e.Error.Message != tt.message {
				t.Errorf("error = %+v, want Sender SignatureDoesNotMatch %q", e.Error, tt.message)
			}
		})
	}
}

// The SDKs sign IAM and STS with their configured Region when pointed at
// an endpoint override (aws-sdk-go-v2's endpoint rules name us-east-1 only
// for iam.amazonaws.com), so a client configured for eu-west-1 keeps
// working against fakeaws, as it works against AWS.
func TestSDKInAnotherRegionThroughOverride(t *testing.T) {
	_, ts := newServer(t)
	cfg := aws.Config{Region: "eu-west-1", BaseEndpoint: aws.String(ts.URL),
		Credentials: credentials.NewStaticCredentialsProvider("111111111111", "test", "")}
	ctx := context.Background()
	if _, err := iam.NewFromConfig(cfg).ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
		t.Errorf("IAM ListUsers in eu-west-1: %v", err)
	}
	out, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil || aws.ToString(out.Account) != "111111111111" {
		t.Errorf("STS GetCallerIdentity in eu-west-1 = %v, %v", out, err)
	}
}

// AssumeRoot is not served by STS's global endpoint ("The STS global
// endpoint is not supported for AssumeRoot", API_AssumeRoot.html): there AWS
// answered 400 InvalidAction "Unknown Operation" (boto/boto3#4461), before
// looking at the caller; a Regional endpoint or an endpoint override serves
// it (here refusing the account root as a caller, as fakeaws does).
func TestAssumeRootOnTheGlobalEndpoint(t *testing.T) {
	_, ts := newServer(t)
	const body = "Action=AssumeRoot&Version=2011-06-15&TargetPrincipal=222222222222" +
		"&TaskPolicyArn.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2Froot-task%2FIAMAuditRootUserCredentials"
	tests := []struct {
		name, host, region string
		status             int
		code, message      string
	}{
		{"global endpoint", "sts.amazonaws.com", "us-east-1", 400, "InvalidAction", "Unknown Operation"},
		{"global endpoint, upper case and port", "STS.amazonaws.com:443", "us-east-1", 400, "InvalidAction", "Unknown Operation"},
		{"Regional endpoint", "sts.eu-west-1.amazonaws.com", "eu-west-1", 403, "AccessDenied",
			"Root user credentials cannot call AssumeRoot; use an IAM user or role of the management account"},
		{"endpoint override", "", "us-east-1", 403, "AccessDenied",
			"Root user credentials cannot call AssumeRoot; use an IAM user or role of the management account"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := http.NewRequest(http.MethodPost, ts.URL+"/", strings.NewReader(body))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tt.host != "" {
				r.Host = tt.host
			}
			sum := sha256.Sum256([]byte(body))
			creds := aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}
			if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hex.EncodeToString(sum[:]), "sts", tt.region, time.Now()); err != nil {
				t.Fatal(err)
			}
			resp, got := sendAs(t, r, "", "sts", body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d %s, want %d", resp.StatusCode, got, tt.status)
			}
			var e struct {
				Error struct{ Type, Code, Message string }
			}
			if err := xml.Unmarshal([]byte(got), &e); err != nil {
				t.Fatalf("body %s: %v", got, err)
			}
			if e.Error.Type != "Sender" || e.Error.Code != tt.code || e.Error.Message != tt.message {
				t.Errorf("error = %+v, want Sender %s %q", e.Error, tt.code, tt.message)
			}
		})
	}
}
