package reliability

// Attack and fault probes from outside (session 2026-12-06): each test is
// a probe that found a real bug in the binary, kept so it stays fixed.

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// other is a second account, whose root attacks account's resources.
const other = "222222222222"

// IAM has no resource-based policies, so nothing lets one account read,
// change or delete another's customer managed policy, nor use it as a
// permissions boundary. Before the fix the root of another account could
// GetPolicyVersion, CreatePolicyVersion (set as default), DeletePolicy and
// tag a policy it named by ARN, and make it its own users' boundary.
func TestOtherAccountsPolicyUntouchable(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	ctx, cancel := stepCtx()
	defer cancel()
	owner := iam.NewFromConfig(s.rootConfig())
	const doc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	const evil = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	out, err := owner.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("owned"), PolicyDocument: aws.String(doc)})
	if err != nil {
		t.Fatal(hung("CreatePolicy", err))
	}
	policy := out.Policy.Arn
	attacker := iam.NewFromConfig(s.config(other, "test", ""))
	if _, err := attacker.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("intruder")}); err != nil {
		t.Fatal(hung("CreateUser in the other account", err))
	}
	steps := []struct {
		name string
		run  func() error
		code string
	}{
		{"GetPolicy", func() error {
			_, err := attacker.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: policy})
			return err
		}, "AccessDenied"},
		{"GetPolicyVersion", func() error {
			_, err := attacker.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: policy, VersionId: aws.String("v1")})
			return err
		}, "AccessDenied"},
		{"CreatePolicyVersion", func() error {
			_, err := attacker.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{PolicyArn: policy,
				PolicyDocument: aws.String(evil), SetAsDefault: true})
			return err
		}, "AccessDenied"},
		{"TagPolicy", func() error {
			_, err := attacker.TagPolicy(ctx, &iam.TagPolicyInput{PolicyArn: policy, Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
			return err
		}, "AccessDenied"},
		{"DeletePolicy", func() error {
			_, err := attacker.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: policy})
			return err
		}, "AccessDenied"},
		{"PutUserPermissionsBoundary", func() error {
			_, err := attacker.PutUserPermissionsBoundary(ctx, &iam.PutUserPermissionsBoundaryInput{UserName: aws.String("intruder"),
				PermissionsBoundary: policy})
			return err
		}, "NoSuchEntity"},
		{"CreateUser with a boundary", func() error {
			_, err := attacker.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("bounded"), PermissionsBoundary: policy})
			return err
		}, "NoSuchEntity"},
	}
	for _, st := range steps {
		if err := st.run(); codeOf(err) != st.code {
			t.Errorf("%s on %s from account %s = %v; want %s", st.name, aws.ToString(policy), other, err, st.code)
		}
	}
	got, err := owner.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: policy})
	if err != nil {
		t.Fatal(hung("GetPolicy by its owner", err))
	}
	if v := aws.ToString(got.Policy.DefaultVersionId); v != "v1" {
		t.Errorf("the owner's policy has default version %s after the attack, want v1", v)
	}
}

// sigV2 is S3's Signature Version 2 of stringToSign under the secret "test".
func sigV2(stringToSign string) string {
	mac := hmac.New(sha1.New, []byte("test"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// SigV2 signs neither the query's Action nor a form body, so it is S3's
// alone. Before the fix a presigned SigV2 link to one object, shared for a
// download, ran any IAM or STS action as its signer once Action=... was
// appended (CreateUser, CreateAccessKey, GetSessionToken), and an
// "Authorization: AWS" header did the same.
func TestSigV2LinkIsNoIAMKey(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	s.put(t, "/shared", "")
	s.put(t, "/shared/report", "public figures")
	expires := strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)
	link := s.url + "/shared/report?AWSAccessKeyId=" + account + "&Expires=" + expires +
		"&Signature=" + url.QueryEscape(sigV2("GET\n\n\n"+expires+"\n/shared/report"))
	get := func(step, u string, header map[string]string) (int, string) {
		t.Helper()
		r, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range header {
			r.Header.Set(k, v)
		}
		resp, err := (&http.Client{Timeout: stepTimeout}).Do(r)
		if err != nil {
			t.Fatal(hung(step, err))
		}
		defer resp.Body.Close()
		var b strings.Builder
		_, _ = io.Copy(&b, resp.Body)
		return resp.StatusCode, b.String()
	}
	if status, body := get("GET the shared link", link, nil); status != 200 || body != "public figures" {
		t.Fatalf("GET the shared link = %d %.200q, want 200 and the object", status, body)
	}
	date := time.Now().UTC().Format(http.TimeFormat)
	header := map[string]string{"Date": date, "Authorization": "AWS " + account + ":" + sigV2("GET\n\n\n"+date+"\n/")}
	probes := []struct {
		name, url string
		header    map[string]string
	}{
		{"link + CreateUser", link + "&Action=CreateUser&UserName=intruder&Version=2010-05-08", nil},
		{"link + GetSessionToken", link + "&Action=GetSessionToken&Version=2011-06-15", nil},
		{"AWS header + CreateUser", s.url + "/?Action=CreateUser&UserName=intruder&Version=2010-05-08", header},
	}
	for _, p := range probes {
		status, body := get(p.name, p.url, p.header)
		if status != http.StatusBadRequest || !strings.Contains(body, "<Code>IncompleteSignature</Code>") {
			t.Errorf("%s = %d %.300q, want 400 IncompleteSignature", p.name, status, body)
		}
	}
	ctx, cancel := stepCtx()
	defer cancel()
	_, err := iam.NewFromConfig(s.rootConfig()).GetUser(ctx, &iam.GetUserInput{UserName: aws.String("intruder")})
	var missing *types.NoSuchEntityException
	if !errors.As(err, &missing) {
		t.Errorf("GetUser intruder after the probes = %v, want NoSuchEntity", err)
	}
}

// A completion that arrives after another one of the same upload (two
// racing, or a late one) hears 200 only when it asks for the same parts:
// that is the SDK retry AWS answers again. Before the fix a completion
// asking for other parts heard 200 with the stored object's ETag, though
// its object was never written.
func TestOtherCompletionOfACompletedUpload(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	s.mustCreateBucket(t, "completions", false)
	ctx, cancel := stepCtx()
	defer cancel()
	c := s.s3()
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("completions"), Key: aws.String("k")})
	if err != nil {
		t.Fatal(hung("CreateMultipartUpload", err))
	}
	bodies := []string{strings.Repeat("a", 5<<20), "second", "third"}
	var parts []s3types.CompletedPart
	for i, b := range bodies {
		n := int32(i + 1)
		out, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("completions"), Key: aws.String("k"),
			UploadId: up.UploadId, PartNumber: aws.Int32(n), Body: strings.NewReader(b)})
		if err != nil {
			t.Fatal(hung("UploadPart", err))
		}
		parts = append(parts, s3types.CompletedPart{PartNumber: aws.Int32(n), ETag: out.ETag})
	}
	complete := func(chosen ...s3types.CompletedPart) (*s3.CompleteMultipartUploadOutput, error) {
		return c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("completions"), Key: aws.String("k"),
			UploadId: up.UploadId, MultipartUpload: &s3types.CompletedMultipartUpload{Parts: chosen}})
	}
	first, err := complete(parts[0], parts[1])
	if err != nil {
		t.Fatal(hung("CompleteMultipartUpload of parts 1 and 2", err))
	}
	if again, err := complete(parts[0], parts[1]); err != nil || aws.ToString(again.ETag) != aws.ToString(first.ETag) {
		t.Errorf("the same completion again = %v; want 200 with ETag %s", err, aws.ToString(first.ETag))
	}
	if other, err := complete(parts[0], parts[2]); statusOf(err) != 404 || codeOf(err) != "NoSuchUpload" {
		etag := ""
		if other != nil {
			etag = aws.ToString(other.ETag)
		}
		t.Errorf("a completion of parts 1 and 3 after one of parts 1 and 2 = %q, %v; want 404 NoSuchUpload", etag, err)
	}
	if got, _, _, err := getObject(ctx, c, "completions", "k", ""); err != nil || got != bodies[0]+bodies[1] {
		t.Errorf("GET k = %d bytes, %v; want parts 1 and 2", len(got), err)
	}
}

// A managed session policy (AssumeRole's PolicyArns) bounds the session
// even when it cannot be used: one that does not exist, or another
// account's, allows nothing. Before the fix a session whose only session
// policy did not exist had all its role's permissions, and another
// account's policy was read and applied.
func TestMissingSessionPolicyAllowsNothing(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	ctx, cancel := stepCtx()
	defer cancel()
	const allowList = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`
	if _, err := iam.NewFromConfig(s.rootConfig()).CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("lists"),
		PolicyDocument: aws.String(allowList)}); err != nil {
		t.Fatal(hung("CreatePolicy in "+account, err))
	}
	cl := iam.NewFromConfig(s.config(other, "test", ""))
	const admin = "arn:aws:iam::aws:policy/AdministratorAccess"
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + other + `:root"},"Action":"sts:AssumeRole"}]}`
	steps := []struct {
		name string
		run  func() error
	}{
		{"CreateUser", func() error {
			_, err := cl.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("assumer")})
			return err
		}},
		{"AttachUserPolicy", func() error {
			_, err := cl.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("assumer"), PolicyArn: aws.String(admin)})
			return err
		}},
		{"CreateRole", func() error {
			_, err := cl.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("admin"), AssumeRolePolicyDocument: aws.String(trust)})
			return err
		}},
		{"AttachRolePolicy", func() error {
			_, err := cl.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("admin"), PolicyArn: aws.String(admin)})
			return err
		}},
	}
	for _, st := range steps {
		if err := st.run(); err != nil {
			t.Fatal(hung(st.name, err))
		}
	}
	key, err := cl.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("assumer")})
	if err != nil {
		t.Fatal(hung("CreateAccessKey", err))
	}
	assumer := sts.NewFromConfig(s.config(aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey), ""))
	for _, tc := range []struct{ name, policy, code string }{
		{"a policy that does not exist", "arn:aws:iam::" + other + ":policy/none", "AccessDenied"},
		{"another account's policy", "arn:aws:iam::" + account + ":policy/lists", "AccessDenied"},
		{"an AWS managed policy", "arn:aws:iam::aws:policy/ReadOnlyAccess", ""},
	} {
		out, err := assumer.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + other + ":role/admin"),
			RoleSessionName: aws.String("bounded"), PolicyArns: []ststypes.PolicyDescriptorType{{Arn: aws.String(tc.policy)}}})
		if err != nil {
			t.Fatal(hung("AssumeRole with "+tc.name, err))
		}
		c := out.Credentials
		session := s3Client(s.config(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken)))
		if _, err := session.ListBuckets(ctx, &s3.ListBucketsInput{}); codeOf(err) != tc.code {
			t.Errorf("ListBuckets in a session bounded by %s = %v; want %q", tc.name, err, tc.code)
		}
	}
}

// IAM answers no call made with a federated user's credentials
// (GetFederationToken: AccessDenied), nor with GetSessionToken's obtained
// without MFA (InvalidClientTokenId, as AWS answers: 99designs/aws-vault
// issues 15 and 328), as the STS API reference documents for both.
// Before the fix a federated user whose session policy allowed everything
// created IAM users.
func TestSessionsIAMRefuses(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	ctx, cancel := stepCtx()
	defer cancel()
	root := iam.NewFromConfig(s.rootConfig())
	if _, err := root.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("admin")}); err != nil {
		t.Fatal(hung("CreateUser", err))
	}
	if _, err := root.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("admin"),
		PolicyArn: aws.String("arn:aws:iam::aws:policy/AdministratorAccess")}); err != nil {
		t.Fatal(hung("AttachUserPolicy", err))
	}
	key, err := root.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("admin")})
	if err != nil {
		t.Fatal(hung("CreateAccessKey", err))
	}
	user := sts.NewFromConfig(s.config(aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey), ""))
	const all = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	fed, err := user.GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("fed"), Policy: aws.String(all)})
	if err != nil {
		t.Fatal(hung("GetFederationToken", err))
	}
	plain, err := user.GetSessionToken(ctx, &sts.GetSessionTokenInput{})
	if err != nil {
		t.Fatal(hung("GetSessionToken", err))
	}
	for _, tc := range []struct {
		name string
		c    *ststypes.Credentials
		code string
	}{
		{"a federated user", fed.Credentials, "AccessDenied"},
		{"a GetSessionToken session without MFA", plain.Credentials, "InvalidClientTokenId"},
	} {
		name, c := tc.name, tc.c
		cfg := s.config(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken))
		if _, err := iam.NewFromConfig(cfg).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("made-by-session")}); statusOf(err) != 403 || codeOf(err) != tc.code {
			t.Errorf("CreateUser as %s = %v; want 403 %s", name, err, tc.code)
		}
		if _, err := s3Client(cfg).ListBuckets(ctx, &s3.ListBucketsInput{}); err != nil {
			t.Errorf("ListBuckets as %s = %v; want it allowed (only IAM refuses these sessions)", name, err)
		}
	}
}

// An IAM or STS request's form body is its request, so its hash is always
// signed: x-amz-content-sha256 (UNSIGNED-PAYLOAD, or the hash of another
// body) cannot leave it out. Before the fix an IAM request signed with
// UNSIGNED-PAYLOAD ran whatever body it carried (a captured request could
// be replayed as any action), and one whose header held another body's
// hash answered 500.
func TestQueryBodyAlwaysSigned(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	const body = "Action=CreateUser&UserName=unsigned&Version=2010-05-08"
	other := sha256.Sum256([]byte("Action=ListUsers&Version=2010-05-08"))
	for _, declared := range []string{"UNSIGNED-PAYLOAD", hex.EncodeToString(other[:])} {
		r, err := http.NewRequest(http.MethodPost, s.url+"/", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("X-Amz-Content-Sha256", declared)
		creds := aws.Credentials{AccessKeyID: account, SecretAccessKey: "test"}
		if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, declared, "iam", "us-east-1", time.Now()); err != nil {
			t.Fatal(err)
		}
		resp, err := (&http.Client{Timeout: stepTimeout}).Do(r)
		if err != nil {
			t.Fatal(hung("CreateUser signed with payload hash "+declared, err))
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(b), "<Code>SignatureDoesNotMatch</Code>") {
			t.Errorf("CreateUser signed with payload hash %s = %d %.300q, want 403 SignatureDoesNotMatch", declared, resp.StatusCode, b)
		}
	}
	ctx, cancel := stepCtx()
	defer cancel()
	_, err := iam.NewFromConfig(s.rootConfig()).GetUser(ctx, &iam.GetUserInput{UserName: aws.String("unsigned")})
	var missing *types.NoSuchEntityException
	if !errors.As(err, &missing) {
		t.Errorf("GetUser unsigned after the probes = %v, want NoSuchEntity", err)
	}
}

// A page stored as an object is served from fakeaws's own origin, which is
// the console's and the admin endpoints': without a sandbox its scripts
// could reset the server or read /_fakeaws/world as same-origin requests.
// Every service answer to a GET that a browser could run as a document
// carries a CSP sandbox without allow-same-origin, path-style and
// virtual-hosted alike; an object a browser can only download (S3's
// default binary/octet-stream) is answered as AWS answers, without one.
func TestObjectPagesAreSandboxed(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	s.mustCreateBucket(t, "site", false)
	ctx, cancel := stepCtx()
	defer cancel()
	page := `<script>fetch("/_fakeaws/reset", {method: "POST"})</script>`
	objects := []struct {
		key, contentType string
		sandboxed        bool
	}{
		{"evil.html", "text/html", true},
		{"evil.svg", "image/svg+xml", true},
		{"evil.bin", "", false},
	}
	for _, o := range objects {
		in := &s3.PutObjectInput{Bucket: aws.String("site"), Key: aws.String(o.key), Body: strings.NewReader(page)}
		if o.contentType != "" {
			in.ContentType = aws.String(o.contentType)
		}
		if _, err := s.s3().PutObject(ctx, in); err != nil {
			t.Fatal(hung("PutObject "+o.key, err))
		}
	}
	port := s.url[strings.LastIndexByte(s.url, ':')+1:]
	for _, o := range objects {
		for _, host := range []string{"", "site.localhost:" + port} {
			resp, b := getSignedObject(ctx, t, s.url, host, o.key)
			csp := resp.Header.Get("Content-Security-Policy")
			sandboxed := strings.HasPrefix(csp, "sandbox") && !strings.Contains(csp, "allow-same-origin")
			if resp.StatusCode != 200 || string(b) != page || sandboxed != o.sandboxed || (!o.sandboxed && csp != "") {
				t.Errorf("GET %s (Host %q) = %d, Content-Security-Policy %q; want 200, the page, and sandboxed %v (no allow-same-origin)",
					o.key, host, resp.StatusCode, csp, o.sandboxed)
			}
		}
	}
}

// getSignedObject GETs key of bucket site, path-style when host is empty,
// else virtual-hosted on host, signed as the root of the test account.
func getSignedObject(ctx context.Context, t *testing.T, base, host, key string) (*http.Response, []byte) {
	t.Helper()
	path := "/site/" + key
	if host != "" {
		path = "/" + key
	}
	r, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		r.Host = host
	}
	r.Header.Set("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
	if err := v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: account, SecretAccessKey: "test"}, r,
		"UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Timeout: stepTimeout}).Do(r)
	if err != nil {
		t.Fatal(hung("GET "+key+" with Host "+host, err))
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, b
}

// A SigV2 presigned link is held to every S3 sub-resource. botocore's
// SigV2 signer leaves newer ones out of its string to sign, and fakeaws
// accepts that form for header-signed requests; before the fix it did for
// links too, so a link signed for DELETE /bucket also ran
// DeletePublicAccessBlock (and one for PUT /bucket PutPublicAccessBlock).
func TestSigV2LinkKeepsItsSubresource(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	s.put(t, "/guarded", "")
	expires := strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)
	link := s.url + "/guarded?AWSAccessKeyId=" + account + "&Expires=" + expires +
		"&Signature=" + url.QueryEscape(sigV2("DELETE\n\n\n"+expires+"\n/guarded")) + "&publicAccessBlock"
	r, err := http.NewRequest(http.MethodDelete, link, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Timeout: stepTimeout}).Do(r)
	if err != nil {
		t.Fatal(hung("DELETE ?publicAccessBlock with a DeleteBucket link", err))
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(b), "<Code>SignatureDoesNotMatch</Code>") {
		t.Errorf("DeletePublicAccessBlock with a DeleteBucket link = %d %.300q, want 403 SignatureDoesNotMatch", resp.StatusCode, b)
	}
	ctx, cancel := stepCtx()
	defer cancel()
	pab, err := s.s3().GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String("guarded")})
	if err != nil || !aws.ToBool(pab.PublicAccessBlockConfiguration.BlockPublicPolicy) {
		t.Errorf("GetPublicAccessBlock after the probe = %v; want the bucket's block still on", err)
	}
}

// Two accounts creating one bucket name at once: exactly one owns it, the
// other gets 409 BucketAlreadyExists and no access. And a bucket deleted
// while objects are written into it keeps none of them: once DeleteBucket
// answers 204, no PutObject acknowledged into it (200) left an object, so
// a bucket created again under that name is empty. -short shrinks the
// rounds.
func TestBucketRaces(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	rounds := 12
	if testing.Short() {
		rounds = 3
	}
	clients := []*s3.Client{s.s3(), s3Client(s.config(other, "test", ""))}
	for i := range rounds {
		bucketRaceRound(t, clients, i)
	}
}

// bucketRaceRound is one round of TestBucketRaces, under its own deadline.
func bucketRaceRound(t *testing.T, clients []*s3.Client, i int) {
	t.Helper()
	ctx, cancel := stepCtx()
	defer cancel()
	bucket := "race-" + strconv.Itoa(i)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for n, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[n] = c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)})
		}()
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("round %d: CreateBucket %s from both accounts = %v, %v; want exactly one to succeed", i, bucket, errs[0], errs[1])
	}
	owner, loser := 0, 1
	if errs[0] != nil {
		owner, loser = 1, 0
	}
	if code := codeOf(errs[loser]); code != "BucketAlreadyExists" {
		t.Errorf("round %d: the losing CreateBucket = %v, want BucketAlreadyExists", i, errs[loser])
	}
	if _, err := clients[loser].ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)}); codeOf(err) != "AccessDenied" {
		t.Errorf("round %d: ListObjectsV2 by the account that lost = %v, want AccessDenied", i, err)
	}
	deleteWhileWriting(ctx, t, clients[owner], bucket)
}

// deleteWhileWriting writes objects into bucket while emptying and
// deleting it, then creates it again and checks it is empty.
func deleteWhileWriting(ctx context.Context, t *testing.T, c *s3.Client, bucket string) {
	t.Helper()
	stop := make(chan struct{})
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		for j := 0; j < 200; j++ {
			select {
			case <-stop:
				return
			default:
			}
			_, _ = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("o" + strconv.Itoa(j)),
				Body: strings.NewReader(strings.Repeat("x", 70_000))})
		}
	}()
	deleted := false
	for attempt := 0; attempt < 200 && !deleted; attempt++ {
		out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
		if err != nil {
			t.Fatal(hung("ListObjectsV2 "+bucket, err))
		}
		for _, o := range out.Contents {
			if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: o.Key}); err != nil {
				t.Fatal(hung("DeleteObject", err))
			}
		}
		_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(bucket)})
		deleted = err == nil
		if err != nil && codeOf(err) != "BucketNotEmpty" {
			t.Fatal(hung("DeleteBucket "+bucket, err))
		}
	}
	close(stop)
	<-writerDone
	if !deleted {
		t.Fatalf("DeleteBucket %s never succeeded while a writer ran", bucket)
	}
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(hung("CreateBucket "+bucket+" again", err))
	}
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	if err != nil {
		t.Fatal(hung("ListObjectsV2 "+bucket+" again", err))
	}
	if len(out.Contents) != 0 {
		t.Errorf("bucket %s created again after its deletion holds %d objects (first %s), want none",
			bucket, len(out.Contents), aws.ToString(out.Contents[0].Key))
	}
}
