package reliability

// Policy evaluation probes from outside (session 2026-12-06): each step is
// a decision the built binary got wrong against AWS's documented answer,
// driven through the SDK as a user would, kept so it stays fixed.

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// evalWorld is what the evaluation probes share: a bucket with one object
// under the prefix "bob/", and the root's clients.
type evalWorld struct {
	s      *server
	iam    *iam.Client
	s3     *s3.Client
	bucket string
}

// user creates an IAM user with one inline policy and returns its
// configuration.
func (w *evalWorld) user(ctx context.Context, t *testing.T, name, policy string) aws.Config {
	t.Helper()
	if _, err := w.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)}); err != nil {
		t.Fatal(hung("CreateUser "+name, err))
	}
	if policy != "" {
		if _, err := w.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(name),
			PolicyName: aws.String("p"), PolicyDocument: aws.String(policy)}); err != nil {
			t.Fatal(hung("PutUserPolicy "+name, err))
		}
	}
	key, err := w.iam.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(name)})
	if err != nil {
		t.Fatal(hung("CreateAccessKey "+name, err))
	}
	return w.s.config(*key.AccessKey.AccessKeyId, *key.AccessKey.SecretAccessKey, "")
}

// statusOfErr is 200 for nil, else the failed call's HTTP status.
func statusOfErr(err error) int {
	if err == nil {
		return http.StatusOK
	}
	return statusOf(err)
}

// TestEvaluationProbes drives the decisions the evaluation probes found
// wrong: each step says what AWS answers and where that is written.
func TestEvaluationProbes(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	ctx, cancel := stepCtx()
	defer cancel()
	w := &evalWorld{s: s, iam: iam.NewFromConfig(s.rootConfig()), s3: s.s3(), bucket: "eval-probes"}
	if _, err := w.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(w.bucket)}); err != nil {
		t.Fatal(hung("CreateBucket", err))
	}
	if _, err := w.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(w.bucket), Key: aws.String("bob/f"), Body: strings.NewReader("x")}); err != nil {
		t.Fatal(hung("PutObject", err))
	}
	steps := []struct {
		name string
		run  func(t *testing.T) int
		want int
	}{
		// aws:username is not present for a GetFederationToken user (AWS
		// Knowledge Center, "How do I use IAM policy variables with
		// federated users?"), so its IAM user's home-folder policy does
		// not reach it.
		{"federated user of bob reads bob's home", func(t *testing.T) int { return w.federatedHome(ctx, t) }, http.StatusForbidden},
		// "Resource": "arn:aws:s3:::*" grants s3:ListAllMyBuckets (S3 User
		// Guide, "Controlling access to a bucket with user policies").
		{"ListBuckets granted on arn:aws:s3:::*", func(t *testing.T) int {
			cfg := w.user(ctx, t, "lister", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"arn:aws:s3:::*"}]}`)
			_, err := s3Client(cfg).ListBuckets(ctx, &s3.ListBucketsInput{})
			return statusOfErr(err)
		}, http.StatusOK},
		// Anonymous requests carry no aws:PrincipalIsAWSService ("AWS
		// global condition context keys"), so a Deny on Bool ... false
		// does not stop a public read.
		{"anonymous public read past a not-a-service Deny", func(t *testing.T) int { return w.anonymousRead(ctx, t) }, http.StatusOK},
		// A trust policy naming a user in another case than its name
		// names that user.
		{"AssumeRole trusted as user/CASEY", func(t *testing.T) int { return w.assumeOtherCase(ctx, t) }, http.StatusOK},
	}
	for _, st := range steps {
		if got := st.run(t); got != st.want {
			t.Errorf("%s: status %d, want %d", st.name, got, st.want)
		}
	}
}

// federatedHome: bob may read bob/* through ${aws:username}; a federated
// user bob creates with an allow-all session policy tries bob/f.
func (w *evalWorld) federatedHome(ctx context.Context, t *testing.T) int {
	cfg := w.user(ctx, t, "bob", `{"Version":"2012-10-17","Statement":[`+
		`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::`+w.bucket+`/${aws:username}/*"},`+
		`{"Effect":"Allow","Action":"sts:GetFederationToken","Resource":"*"}]}`)
	if _, err := s3Client(cfg).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(w.bucket), Key: aws.String("bob/f")}); err != nil {
		t.Fatal(hung("bob reads bob/f", err))
	}
	out, err := sts.NewFromConfig(cfg).GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("alice"),
		Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)})
	if err != nil {
		t.Fatal(hung("GetFederationToken", err))
	}
	c := out.Credentials
	fed := s3Client(w.s.config(*c.AccessKeyId, *c.SecretAccessKey, *c.SessionToken))
	_, err = fed.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(w.bucket), Key: aws.String("bob/f")})
	return statusOfErr(err)
}

// anonymousRead makes the bucket publicly readable except to callers that
// are not AWS services, and reads anonymously.
func (w *evalWorld) anonymousRead(ctx context.Context, t *testing.T) int {
	if _, err := w.s3.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(w.bucket)}); err != nil {
		t.Fatal(hung("DeletePublicAccessBlock", err))
	}
	res := "arn:aws:s3:::" + w.bucket + "/*"
	policy := `{"Version":"2012-10-17","Statement":[` +
		`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"` + res + `"},` +
		`{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"` + res + `","Condition":{"Bool":{"aws:PrincipalIsAWSService":"false"},"StringNotEquals":{"aws:PrincipalAccount":"` + account + `"}}}]}`
	if _, err := w.s3.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(w.bucket), Policy: aws.String(policy)}); err != nil {
		t.Fatal(hung("PutBucketPolicy", err))
	}
	defer func() {
		_, _ = w.s3.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(w.bucket)})
		_, _ = w.s3.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: aws.String(w.bucket),
			PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{BlockPublicPolicy: aws.Bool(true)}})
	}()
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, w.s.url+"/"+w.bucket+"/bob/f", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(hung("anonymous GET", err))
	}
	resp.Body.Close()
	return resp.StatusCode
}

// assumeOtherCase trusts a user by its ARN written in upper case.
func (w *evalWorld) assumeOtherCase(ctx context.Context, t *testing.T) int {
	cfg := w.user(ctx, t, "casey", "")
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + account + `:user/CASEY"},"Action":"sts:AssumeRole"}]}`
	if _, err := w.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("cased"), AssumeRolePolicyDocument: aws.String(trust)}); err != nil {
		t.Fatal(hung("CreateRole", err))
	}
	_, err := sts.NewFromConfig(cfg).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + account + ":role/cased"),
		RoleSessionName: aws.String("cased")})
	return statusOfErr(err)
}
