package emulator_test

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// closedWorld is an organization managed by 111111111111 whose member
// account (closed by the test) has a user bob, a role "closed" that
// 222222222222 may assume and a bucket that 222222222222 may use; in
// 222222222222, outside the organization, carol may do anything, and
// owns a bucket and a role of her own. The sessions were issued before
// the closure.
type closedWorld struct {
	member                 string
	memberRoot, bob, carol aws.Credentials
	bobSession, carolRole  aws.Credentials // bob's GetSessionToken; carol as the member's role
	closedBucket           string
}

const (
	closedMgmt  = "111111111111"
	closedOther = "222222222222"
)

func acctRoot(account string) aws.Credentials {
	return aws.Credentials{AccessKeyID: account, SecretAccessKey: "test"}
}

// mustStep fails the test on err.
func mustStep(t *testing.T, name string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// userWithKey creates user name in the account of admin with an inline
// policy allowing everything when allowAll, and returns its key.
func userWithKey(ctx context.Context, t *testing.T, admin *iam.Client, name string, allowAll bool) aws.Credentials {
	t.Helper()
	_, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)})
	mustStep(t, "CreateUser "+name, err)
	if allowAll {
		_, err = admin.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String("all"),
			PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)})
		mustStep(t, "PutUserPolicy "+name, err)
	}
	key, err := admin.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(name)})
	mustStep(t, "CreateAccessKey "+name, err)
	return aws.Credentials{AccessKeyID: aws.ToString(key.AccessKey.AccessKeyId), SecretAccessKey: aws.ToString(key.AccessKey.SecretAccessKey)}
}

// roleTrusting creates role name in admin's account that trusting may
// assume.
func roleTrusting(ctx context.Context, t *testing.T, admin *iam.Client, name, trusting string) {
	t.Helper()
	_, err := admin.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name),
		AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` +
			trusting + `:root"},"Action":"sts:AssumeRole"}]}`)})
	mustStep(t, "CreateRole "+name, err)
}

// bucketWithObject creates bucket name with object k as s3c's account.
func bucketWithObject(ctx context.Context, t *testing.T, s3c *s3.Client, name string) {
	t.Helper()
	_, err := s3c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraintEuWest1}})
	mustStep(t, "CreateBucket "+name, err)
	_, err = s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(name), Key: aws.String("k"), Body: strings.NewReader("data")})
	mustStep(t, "PutObject "+name, err)
}

func buildClosedWorld(ctx context.Context, t *testing.T, w *lastAccessedServer) *closedWorld {
	t.Helper()
	org := organizations.NewFromConfig(w.config(acctRoot(closedMgmt)))
	_, err := org.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll})
	mustStep(t, "CreateOrganization", err)
	ca, err := org.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: aws.String("m"), Email: aws.String("m@example.com")})
	mustStep(t, "CreateAccount", err)
	st, err := org.DescribeCreateAccountStatus(ctx, &organizations.DescribeCreateAccountStatusInput{CreateAccountRequestId: ca.CreateAccountStatus.Id})
	mustStep(t, "DescribeCreateAccountStatus", err)
	cw := &closedWorld{member: aws.ToString(st.CreateAccountStatus.AccountId), closedBucket: "closed-acct-bucket"}
	cw.memberRoot = acctRoot(cw.member)
	memberIAM := w.iamAs(cw.memberRoot)
	cw.bob = userWithKey(ctx, t, memberIAM, "bob", false)
	roleTrusting(ctx, t, memberIAM, "closed", closedOther)
	otherIAM := w.iamAs(acctRoot(closedOther))
	cw.carol = userWithKey(ctx, t, otherIAM, "carol", true)
	roleTrusting(ctx, t, otherIAM, "open", closedOther)
	bucketWithObject(ctx, t, w.s3As(cw.memberRoot), cw.closedBucket)
	_, err = w.s3As(cw.memberRoot).PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(cw.closedBucket),
		Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + closedOther +
			`:root"},"Action":"s3:*","Resource":["arn:aws:s3:::` + cw.closedBucket + `","arn:aws:s3:::` + cw.closedBucket + `/*"]}]}`)})
	mustStep(t, "PutBucketPolicy", err)
	bucketWithObject(ctx, t, w.s3As(acctRoot(closedOther)), "open-acct-bucket")
	tok, err := w.stsAs(cw.bob).GetSessionToken(ctx, &sts.GetSessionTokenInput{})
	mustStep(t, "GetSessionToken", err)
	cw.bobSession = stsCreds(tok.Credentials.AccessKeyId, tok.Credentials.SecretAccessKey, tok.Credentials.SessionToken)
	ar, err := w.stsAs(cw.carol).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + cw.member + ":role/closed"),
		RoleSessionName: aws.String("before")})
	mustStep(t, "AssumeRole before closure", err)
	cw.carolRole = stsCreds(ar.Credentials.AccessKeyId, ar.Credentials.SecretAccessKey, ar.Credentials.SessionToken)
	// Before the closure the member's bucket answers carol and the
	// session works.
	_, err = w.s3As(cw.carol).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(cw.closedBucket), Key: aws.String("k")})
	mustStep(t, "carol's GetObject before closure", err)
	_, err = w.stsAs(cw.carolRole).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	mustStep(t, "the role session before closure", err)
	return cw
}

func stsCreds(id, secret, token *string) aws.Credentials {
	return aws.Credentials{AccessKeyID: aws.ToString(id), SecretAccessKey: aws.ToString(secret), SessionToken: aws.ToString(token)}
}

func (w *lastAccessedServer) stsAs(creds aws.Credentials) *sts.Client {
	return sts.NewFromConfig(w.config(creds))
}

// closedWant is a refusal: status, code and message ("" code: success).
type closedWant struct {
	status    int
	code, msg string
}

var (
	wantDisabled     = closedWant{http.StatusForbidden, "AllAccessDisabled", "All access to this object has been disabled"}
	wantUnknownS3Key = closedWant{http.StatusForbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."}
	wantBadToken     = closedWant{http.StatusForbidden, "InvalidClientTokenId", "The security token included in the request is invalid."}
	wantOK           = closedWant{}
)

// closedCase is one request after the closure.
type closedCase struct {
	name string
	call func(ctx context.Context, w *lastAccessedServer, cw *closedWorld) error
	want closedWant
}

func getObject(who func(*closedWorld) aws.Credentials, bucket func(*closedWorld) string) func(context.Context, *lastAccessedServer, *closedWorld) error {
	return func(ctx context.Context, w *lastAccessedServer, cw *closedWorld) error {
		_, err := w.s3As(who(cw)).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket(cw)), Key: aws.String("k")})
		return err
	}
}

func listBuckets(who func(*closedWorld) aws.Credentials) func(context.Context, *lastAccessedServer, *closedWorld) error {
	return func(ctx context.Context, w *lastAccessedServer, cw *closedWorld) error {
		_, err := w.s3As(who(cw)).ListBuckets(ctx, &s3.ListBucketsInput{})
		return err
	}
}

func callerIdentity(who func(*closedWorld) aws.Credentials) func(context.Context, *lastAccessedServer, *closedWorld) error {
	return func(ctx context.Context, w *lastAccessedServer, cw *closedWorld) error {
		_, err := w.stsAs(who(cw)).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		return err
	}
}

func assumeRole(who func(*closedWorld) aws.Credentials, role func(*closedWorld) string) func(context.Context, *lastAccessedServer, *closedWorld) error {
	return func(ctx context.Context, w *lastAccessedServer, cw *closedWorld) error {
		_, err := w.stsAs(who(cw)).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(role(cw)), RoleSessionName: aws.String("after")})
		return err
	}
}

func (cw *closedWorld) closedBkt() string              { return cw.closedBucket }
func (cw *closedWorld) closedRole() string             { return "arn:aws:iam::" + cw.member + ":role/closed" }
func (cw *closedWorld) root() aws.Credentials          { return cw.memberRoot }
func (cw *closedWorld) bobKey() aws.Credentials        { return cw.bob }
func (cw *closedWorld) carolKey() aws.Credentials      { return cw.carol }
func (cw *closedWorld) bobSess() aws.Credentials       { return cw.bobSession }
func (cw *closedWorld) carolRoleSess() aws.Credentials { return cw.carolRole }
func openBkt(*closedWorld) string                      { return "open-acct-bucket" }
func openRole(*closedWorld) string                     { return "arn:aws:iam::" + closedOther + ":role/open" }
func mgmtRoot(*closedWorld) aws.Credentials            { return acctRoot(closedMgmt) }

// closedCases are the requests a closed account refuses, and those of
// other accounts it leaves alone.
func closedCases() []closedCase {
	return []closedCase{
		// The closed account's credentials, on every service.
		{name: "root S3 GetObject", call: getObject((*closedWorld).root, (*closedWorld).closedBkt), want: wantUnknownS3Key},
		{name: "root S3 ListBuckets", call: listBuckets((*closedWorld).root), want: wantUnknownS3Key},
		{name: "user S3 ListBuckets", call: listBuckets((*closedWorld).bobKey), want: wantUnknownS3Key},
		{name: "root IAM ListUsers", call: func(ctx context.Context, w *lastAccessedServer, cw *closedWorld) error {
			_, err := w.iamAs(cw.memberRoot).ListUsers(ctx, &iam.ListUsersInput{})
			return err
		}, want: wantBadToken},
		{name: "user IAM GetUser", call: func(ctx context.Context, w *lastAccessedServer, cw *closedWorld) error {
			_, err := w.iamAs(cw.bob).GetUser(ctx, &iam.GetUserInput{})
			return err
		}, want: wantBadToken},
		{name: "user STS GetCallerIdentity", call: callerIdentity((*closedWorld).bobKey), want: wantBadToken},
		{name: "root STS GetCallerIdentity", call: callerIdentity((*closedWorld).root), want: wantBadToken},
		{name: "user session from before STS", call: callerIdentity((*closedWorld).bobSess), want: wantBadToken},
		{name: "user session from before S3", call: listBuckets((*closedWorld).bobSess), want: wantUnknownS3Key},
		{name: "role session from before STS", call: callerIdentity((*closedWorld).carolRoleSess), want: wantBadToken},
		{name: "role session from before S3", call: getObject((*closedWorld).carolRoleSess, openBkt), want: wantUnknownS3Key},
		{name: "root Organizations", call: func(ctx context.Context, w *lastAccessedServer, cw *closedWorld) error {
			_, err := organizations.NewFromConfig(w.config(cw.memberRoot)).DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
			return err
		}, want: wantBadToken},
		// Its bucket, to everyone.
		{name: "other account GetObject", call: getObject((*closedWorld).carolKey, (*closedWorld).closedBkt), want: wantDisabled},
		{name: "other account ListObjectsV2", call: func(ctx context.Context, w *lastAccessedServer, cw *closedWorld) error {
			_, err := w.s3As(cw.carol).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(cw.closedBucket)})
			return err
		}, want: wantDisabled},
		{name: "other account PutObject", call: func(ctx context.Context, w *lastAccessedServer, cw *closedWorld) error {
			_, err := w.s3As(cw.carol).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(cw.closedBucket), Key: aws.String("n"), Body: strings.NewReader("x")})
			return err
		}, want: wantDisabled},
		{name: "other account copies from it", call: func(ctx context.Context, w *lastAccessedServer, cw *closedWorld) error {
			_, err := w.s3As(cw.carol).CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("open-acct-bucket"), Key: aws.String("copy"),
				CopySource: aws.String(cw.closedBucket + "/k")})
			return err
		}, want: wantDisabled},
		{name: "anonymous ListObjectsV2", call: anonymousList, want: wantDisabled},
		// Its roles.
		{name: "AssumeRole into its role", call: assumeRole((*closedWorld).carolKey, (*closedWorld).closedRole), want: closedWant{http.StatusForbidden, "AccessDenied",
			"User: arn:aws:iam::" + closedOther + ":user/carol is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::{member}:role/closed"}},
		// Other accounts are unaffected.
		{name: "other account's own bucket", call: getObject((*closedWorld).carolKey, openBkt), want: wantOK},
		{name: "other account's own role", call: assumeRole((*closedWorld).carolKey, openRole), want: wantOK},
		{name: "management account's ListBuckets", call: listBuckets(mgmtRoot), want: wantOK},
		{name: "management account's DescribeAccount", call: describeClosed, want: wantOK},
	}
}

// describeClosed is the management account's DescribeAccount of the
// closed account, which must read SUSPENDED.
func describeClosed(ctx context.Context, w *lastAccessedServer, cw *closedWorld) error {
	out, err := organizations.NewFromConfig(w.config(acctRoot(closedMgmt))).DescribeAccount(ctx, &organizations.DescribeAccountInput{AccountId: aws.String(cw.member)})
	if err == nil && out.Account.State != orgtypes.AccountStateSuspended {
		return errors.New("state " + string(out.Account.State) + ", want SUSPENDED")
	}
	return err
}

// anonymousList is an unsigned ListObjectsV2 of the closed account's
// bucket.
func anonymousList(ctx context.Context, w *lastAccessedServer, cw *closedWorld) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, w.ts.URL+"/"+cw.closedBucket+"?list-type=2", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode == http.StatusOK {
		return err
	}
	var e struct{ Code, Message string }
	if err := xml.Unmarshal(body, &e); err != nil {
		return err
	}
	return &anonRefusal{closedWant{resp.StatusCode, e.Code, e.Message}}
}

// anonRefusal is the refusal of an unsigned request.
type anonRefusal struct{ closedWant }

func (e *anonRefusal) Error() string { return e.code + ": " + e.msg }

// refusal is err's status, code and message (all zero for nil).
func refusal(err error) closedWant {
	var a *anonRefusal
	if errors.As(err, &a) {
		return a.closedWant
	}
	var got closedWant
	var re interface{ HTTPStatusCode() int }
	if errors.As(err, &re) {
		got.status = re.HTTPStatusCode()
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		got.code, got.msg = ae.ErrorCode(), ae.ErrorMessage()
	} else if err != nil {
		got.msg = err.Error()
	}
	return got
}

// runClosedCases runs every closed case against w.
func runClosedCases(ctx context.Context, t *testing.T, w *lastAccessedServer, cw *closedWorld) {
	t.Helper()
	for _, tc := range closedCases() {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			want.msg = strings.ReplaceAll(want.msg, "{member}", cw.member)
			if got := refusal(tc.call(ctx, w, cw)); got != want {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}

// TestClosedAccount: once Organizations closes an account, its
// credentials (root, users' keys, sessions issued before) are refused on
// every service as unknown keys, S3 answers its buckets 403
// AllAccessDisabled to everyone (planet-os/notebooks#26, recorded from
// AWS), its roles cannot be assumed (AccessDenied), and other accounts
// are unaffected; all of it also after a restart over the same store.
func TestClosedAccount(t *testing.T) {
	ctx := context.Background()
	w := &lastAccessedServer{t: t, dir: t.TempDir()}
	w.start()
	cw := buildClosedWorld(ctx, t, w)
	_, err := organizations.NewFromConfig(w.config(acctRoot(closedMgmt))).CloseAccount(ctx, &organizations.CloseAccountInput{AccountId: aws.String(cw.member)})
	mustStep(t, "CloseAccount", err)
	t.Run("closed", func(t *testing.T) { runClosedCases(ctx, t, w, cw) })
	w.stop()
	w.start()
	defer w.stop()
	t.Run("after restart", func(t *testing.T) { runClosedCases(ctx, t, w, cw) })
}
