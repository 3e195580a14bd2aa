package reliability

// Condition key probes (session 2026-12-06): each row is an identity
// policy whose only condition tests one key of the request context, asked
// through the built binary by the kind of principal the key is about. A
// row that must allow has a twin (or a Null test) that must deny, so a
// key that is missing, has another format, or is there when AWS leaves it
// out fails a row either way. Sources: IAM User Guide, "AWS global
// condition context keys" (each key's Availability) and "IAM and AWS STS
// condition context keys"; the Service Authorization Reference for S3 and
// STS; the STS API reference.

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// condWorld is what the condition key probes share: a bucket with one
// tagged object, a tagged user and a tagged role, and a client of every
// kind of principal.
type condWorld struct {
	s      *server
	iam    *iam.Client
	bucket string
	// clients by principal kind: "user" (long-term keys), "user session"
	// (GetSessionToken without MFA), "role session", "federated user".
	clients map[string]*s3.Client
	// userKey and userSecret are the user's access key, for requests the
	// SDK cannot make (SigV2).
	userKey, userSecret string
}

const condBucket, condLockBucket = "condkeys", "condkeys-lock"

// allowAll is an identity or session policy granting everything.
const allowAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

func newCondWorld(ctx context.Context, t *testing.T) *condWorld {
	t.Helper()
	s := start(t, t.TempDir())
	w := &condWorld{s: s, iam: iam.NewFromConfig(s.rootConfig()), bucket: condBucket, clients: map[string]*s3.Client{}}
	root := s.s3()
	steps := []struct {
		name string
		run  func() error
	}{
		{"CreateBucket", func() error {
			_, err := root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(w.bucket)})
			return err
		}},
		{"CreateBucket " + condLockBucket, func() error {
			_, err := root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(condLockBucket), ObjectLockEnabledForBucket: aws.Bool(true)})
			return err
		}},
		{"PutObject k", func() error {
			_, err := root.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(w.bucket), Key: aws.String("k"),
				Body: strings.NewReader("x"), Tagging: aws.String("t=1")})
			return err
		}},
		{"CreateUser u", func() error {
			_, err := w.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("u"),
				Tags: []iamtypes.Tag{{Key: aws.String("team"), Value: aws.String("red")}}})
			return err
		}},
		{"PutUserPolicy base", func() error {
			// The user may ask STS for sessions, and nothing in S3 but
			// what the probed policy allows.
			_, err := w.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("u"), PolicyName: aws.String("base"),
				PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:*","Resource":"*"}]}`)})
			return err
		}},
		{"CreateRole r", func() error {
			_, err := w.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("r"),
				AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + account +
					`:root"},"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]}]}`),
				Tags: []iamtypes.Tag{{Key: aws.String("dept"), Value: aws.String("eng")}}})
			return err
		}},
	}
	for _, st := range steps {
		if err := st.run(); err != nil {
			t.Fatal(hung(st.name, err))
		}
	}
	w.sessions(ctx, t)
	return w
}

// sessions makes the user's access key and the sessions the probes act as.
func (w *condWorld) sessions(ctx context.Context, t *testing.T) {
	t.Helper()
	key, err := w.iam.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("u")})
	if err != nil {
		t.Fatal(hung("CreateAccessKey u", err))
	}
	w.userKey, w.userSecret = *key.AccessKey.AccessKeyId, *key.AccessKey.SecretAccessKey
	user := w.s.config(w.userKey, w.userSecret, "")
	w.clients["user"] = s3Client(user)
	stsc := sts.NewFromConfig(user)
	gst, err := stsc.GetSessionToken(ctx, &sts.GetSessionTokenInput{})
	if err != nil {
		t.Fatal(hung("GetSessionToken", err))
	}
	w.clients["user session"] = s3Client(w.s.credsOf(gst.Credentials))
	ar, err := stsc.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + account + ":role/r"),
		RoleSessionName: aws.String("sess"), SourceIdentity: aws.String("si"),
		Tags: []ststypes.Tag{{Key: aws.String("st"), Value: aws.String("2")}}})
	if err != nil {
		t.Fatal(hung("AssumeRole r", err))
	}
	w.clients["role session"] = s3Client(w.s.credsOf(ar.Credentials))
	fed, err := stsc.GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("fed"), Policy: aws.String(allowAll),
		Tags: []ststypes.Tag{{Key: aws.String("ft"), Value: aws.String("3")}}})
	if err != nil {
		t.Fatal(hung("GetFederationToken", err))
	}
	w.clients["federated user"] = s3Client(w.s.credsOf(fed.Credentials))
}

// condPolicy allows the probe's S3 actions on the bucket and its objects
// when cond (a Condition element's JSON) holds.
func condPolicy(cond string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:ListBucket","s3:PutObjectTagging","s3:DeleteObject",` +
		`"s3:PutObjectRetention"],"Resource":["arn:aws:s3:::` + condBucket + `","arn:aws:s3:::` + condBucket + `/*","arn:aws:s3:::` + condLockBucket +
		`/*"],"Condition":` + cond + `}]}`
}

// setPolicy makes cond the only S3 grant of who: the role's policy for a
// role session, the user's for the user's own keys and sessions.
func (w *condWorld) setPolicy(ctx context.Context, t *testing.T, who, cond string) {
	t.Helper()
	var err error
	if who == "role session" {
		_, err = w.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("r"), PolicyName: aws.String("cond"),
			PolicyDocument: aws.String(condPolicy(cond))})
	} else {
		_, err = w.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("u"), PolicyName: aws.String("cond"),
			PolicyDocument: aws.String(condPolicy(cond))})
	}
	if err != nil {
		t.Fatal(hung("put policy "+cond, err))
	}
}

// condRequest is one of the S3 requests the probes make.
type condRequest func(ctx context.Context, c *s3.Client) error

func getK(ctx context.Context, c *s3.Client) error {
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(condBucket), Key: aws.String("k")})
	return err
}

func listK(ctx context.Context, c *s3.Client) error {
	_, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(condBucket), Prefix: aws.String("k"),
		Delimiter: aws.String("/"), MaxKeys: aws.Int32(5)})
	return err
}

func listAll(ctx context.Context, c *s3.Client) error {
	_, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(condBucket)})
	return err
}

// presignedGet reads k through a presigned URL signed by c's credentials.
func presignedGet(ctx context.Context, c *s3.Client) error {
	req, err := s3.NewPresignClient(c).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(condBucket), Key: aws.String("k")})
	if err != nil {
		return err
	}
	resp, err := (&http.Client{Timeout: stepTimeout}).Get(req.URL)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return &statusError{resp.StatusCode}
	}
	return nil
}

// statusError is a non-SDK request's failure status.
type statusError struct{ status int }

func (e *statusError) Error() string { return http.StatusText(e.status) }

// condStatus is statusOfErr, which also reads a statusError.
func condStatus(err error) int {
	var se *statusError
	if errors.As(err, &se) {
		return se.status
	}
	return statusOfErr(err)
}

// listEmpty lists with an empty prefix= parameter, as the AWS CLI does.
func listEmpty(ctx context.Context, c *s3.Client) error {
	_, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(condBucket), Prefix: aws.String("")})
	return err
}

func putP(ctx context.Context, c *s3.Client) error {
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(condBucket), Key: aws.String("p"), Body: strings.NewReader("y"),
		ACL: s3types.ObjectCannedACLBucketOwnerFullControl, ServerSideEncryption: s3types.ServerSideEncryptionAes256,
		StorageClass: s3types.StorageClassStandardIa, Tagging: aws.String("a=b")})
	return err
}

// deleteIfMatch deletes an object the root has just written, with
// If-Match: * when ifMatch, else unconditionally.
func (w *condWorld) deleteIfMatch(ifMatch bool) condRequest {
	return func(ctx context.Context, c *s3.Client) error {
		if _, err := w.s.s3().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(condBucket), Key: aws.String("d"), Body: strings.NewReader("z"),
			Tagging: aws.String("dt=1")}); err != nil {
			return err
		}
		in := &s3.DeleteObjectInput{Bucket: aws.String(condBucket), Key: aws.String("d")}
		if ifMatch {
			in.IfMatch = aws.String("*")
		}
		_, err := c.DeleteObject(ctx, in)
		return err
	}
}

// putLocked writes an object retained for two days.
func putLocked(ctx context.Context, c *s3.Client) error {
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(condLockBucket), Key: aws.String("l"), Body: strings.NewReader("l"),
		ObjectLockMode: s3types.ObjectLockModeGovernance, ObjectLockRetainUntilDate: aws.Time(time.Now().Add(47 * time.Hour))})
	return err
}

// retainTagged sets a retention on a tagged object the root has just
// written to the Object Lock bucket.
func (w *condWorld) retainTagged(ctx context.Context, c *s3.Client) error {
	if _, err := w.s.s3().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(condLockBucket), Key: aws.String("rt"),
		Body: strings.NewReader("r"), Tagging: aws.String("t=1")}); err != nil {
		return err
	}
	_, err := c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(condLockBucket), Key: aws.String("rt"),
		Retention: &s3types.ObjectLockRetention{Mode: s3types.ObjectLockRetentionModeGovernance, RetainUntilDate: aws.Time(time.Now().Add(24 * time.Hour))}})
	return err
}

// sigV2Get reads k with an "Authorization: AWS" (SigV2) header signed by
// the user's key; c is not used.
func (w *condWorld) sigV2Get(ctx context.Context, _ *s3.Client) error {
	date := time.Now().UTC().Format(http.TimeFormat)
	mac := hmac.New(sha1.New, []byte(w.userSecret))
	mac.Write([]byte("GET\n\n\n" + date + "\n/" + condBucket + "/k"))
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, w.s.url+"/"+condBucket+"/k", nil)
	if err != nil {
		return err
	}
	r.Header.Set("Date", date)
	r.Header.Set("Authorization", "AWS "+w.userKey+":"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	resp, err := (&http.Client{Timeout: stepTimeout}).Do(r)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return &statusError{resp.StatusCode}
	}
	return nil
}

// condCase is one probe: who asks, under which condition, with which
// request, and the status AWS answers.
type condCase struct {
	who  string
	cond string
	req  condRequest
	want int
}

// cond builds a Condition element testing one key with one operator.
func cond(op, key string, value any) string {
	b, _ := json.Marshal(map[string]map[string]any{op: {key: value}})
	return string(b)
}

func TestConditionKeyProbes(t *testing.T) {
	t.Parallel()
	ctx, cancel := stepCtx()
	defer cancel()
	w := newCondWorld(ctx, t)
	const ok, denied = http.StatusOK, http.StatusForbidden
	var cases []condCase
	add := func(who string, req condRequest, want int, conds ...string) {
		for _, c := range conds {
			cases = append(cases, condCase{who: who, cond: c, req: req, want: want})
		}
	}
	globalKeys(add, ok, denied)
	sessionKeys(add, ok, denied)
	w.s3Keys(add, ok, denied)
	// A conditional delete carries s3:if-match; an unconditional one
	// does not (S3 User Guide, "Enforce conditional deletes on Amazon S3
	// buckets": "Null": {"s3:if-match": "false"}).
	add("user", w.deleteIfMatch(true), ok,
		cond("Null", "s3:if-match", "false"), cond("StringEquals", "s3:if-match", "*"))
	add("user", w.deleteIfMatch(false), denied, cond("Null", "s3:if-match", "false"))
	add("user", w.deleteIfMatch(false), ok, cond("Null", "s3:if-match", "true"))
	// A delete carries no s3:ExistingObjectTag (the Service Authorization
	// Reference lists it for neither s3:DeleteObject nor
	// s3:DeleteObjectVersion; floci-io/floci#3946 recorded a live account).
	add("user", w.deleteIfMatch(false), denied, cond("StringEquals", "s3:ExistingObjectTag/dt", "1"))
	add("user", w.deleteIfMatch(false), ok, cond("Null", "s3:ExistingObjectTag/dt", "true"))
	// Nor do the retention and legal-hold actions (same reference).
	add("user", w.retainTagged, denied, cond("StringEquals", "s3:ExistingObjectTag/t", "1"))
	add("user", w.retainTagged, ok, cond("StringEquals", "s3:object-lock-mode", "GOVERNANCE"))
	for _, c := range cases {
		w.setPolicy(ctx, t, c.who, c.cond)
		got := condStatus(c.req(ctx, w.clients[c.who]))
		if got != c.want {
			t.Errorf("%s under %s: status %d, want %d", c.who, c.cond, got, c.want)
		}
	}
}

// globalKeys are the probes of the keys every signed request carries, or
// that AWS leaves out of a request made with an IAM user's long-term keys.
func globalKeys(add func(string, condRequest, int, ...string), ok, denied int) {
	add("user", getK, ok,
		cond("StringEquals", "aws:PrincipalType", "User"),
		cond("StringEquals", "aws:username", "u"),
		cond("StringLike", "aws:userid", "AIDA*"),
		cond("ArnEquals", "aws:PrincipalArn", "arn:aws:iam::"+account+":user/u"),
		cond("StringEquals", "aws:PrincipalAccount", account),
		cond("StringEquals", "aws:PrincipalTag/team", "red"),
		cond("Bool", "aws:PrincipalIsAWSService", "false"),
		cond("Bool", "aws:ViaAWSService", "false"),
		// Plain HTTP: aws:SecureTransport is "false".
		cond("Bool", "aws:SecureTransport", "false"),
		cond("DateGreaterThan", "aws:CurrentTime", "2020-01-01T00:00:00Z"),
		cond("NumericGreaterThan", "aws:EpochTime", "1577836800"),
		cond("IpAddress", "aws:SourceIp", "127.0.0.0/8"),
		cond("StringEquals", "aws:RequestedRegion", "us-east-1"),
		cond("StringEquals", "aws:ResourceAccount", account),
		cond("StringLike", "aws:UserAgent", "*aws-sdk-go-v2*"),
		// Long-term keys: no MFA keys, no token issue time ("The key
		// is not present in AWS CLI, AWS API, or AWS SDK requests that
		// are made using access keys").
		cond("Null", "aws:MultiFactorAuthPresent", "true"),
		cond("Null", "aws:MultiFactorAuthAge", "true"),
		cond("Null", "aws:TokenIssueTime", "true"),
		cond("BoolIfExists", "aws:MultiFactorAuthPresent", "true"),
		// Keys fakeaws never has: no VPC, no AWS service in between,
		// no service principal, no federation, no source identity.
		cond("Null", "aws:SourceVpc", "true"),
		cond("Null", "aws:SourceVpce", "true"),
		cond("Null", "aws:VpcSourceIp", "true"),
		cond("StringNotEqualsIfExists", "aws:SourceVpc", "vpc-1"),
		cond("Null", "aws:CalledVia", "true"),
		cond("Null", "aws:SourceAccount", "true"),
		cond("Null", "aws:SourceArn", "true"),
		cond("Null", "aws:PrincipalServiceName", "true"),
		cond("Null", "aws:FederatedProvider", "true"),
		cond("Null", "aws:SourceIdentity", "true"),
		cond("Null", "aws:PrincipalOrgID", "true"),
		cond("Null", "aws:ResourceOrgID", "true"),
	)
	add("user", getK, denied,
		cond("StringEquals", "aws:PrincipalType", "AssumedRole"),
		cond("StringEquals", "aws:PrincipalTag/team", "blue"),
		cond("Bool", "aws:SecureTransport", "true"),
		cond("DateLessThan", "aws:CurrentTime", "2020-01-01T00:00:00Z"),
		cond("NotIpAddress", "aws:SourceIp", "127.0.0.0/8"),
		cond("StringEquals", "aws:RequestedRegion", "eu-west-1"),
		// An absent key matches no positive operator, true or false.
		cond("Bool", "aws:MultiFactorAuthPresent", "false"),
		cond("Bool", "aws:MultiFactorAuthPresent", "true"),
		cond("StringEquals", "aws:SourceVpc", "vpc-1"),
		cond("ForAnyValue:StringEquals", "aws:CalledVia", "cloudformation.amazonaws.com"),
		cond("Null", "aws:TokenIssueTime", "false"),
		cond("Null", "aws:username", "true"),
	)
}

// sessionKeys are the probes of the keys temporary credentials add.
func sessionKeys(add func(string, condRequest, int, ...string), ok, denied int) {
	add("user session", getK, ok,
		cond("StringEquals", "aws:PrincipalType", "User"),
		cond("StringEquals", "aws:username", "u"),
		cond("Bool", "aws:MultiFactorAuthPresent", "false"),
		cond("Null", "aws:TokenIssueTime", "false"),
		cond("StringEquals", "aws:PrincipalTag/team", "red"),
	)
	add("user session", getK, denied, cond("Null", "aws:MultiFactorAuthPresent", "true"))
	add("role session", getK, ok,
		cond("StringEquals", "aws:PrincipalType", "AssumedRole"),
		cond("ArnEquals", "aws:PrincipalArn", "arn:aws:iam::"+account+":role/r"),
		cond("StringLike", "aws:userid", "AROA*:sess"),
		cond("Null", "aws:username", "true"),
		cond("Bool", "aws:MultiFactorAuthPresent", "false"),
		cond("Null", "aws:TokenIssueTime", "false"),
		cond("StringEquals", "aws:PrincipalTag/dept", "eng"),
		cond("StringEquals", "aws:PrincipalTag/st", "2"),
		cond("StringEquals", "aws:SourceIdentity", "si"),
	)
	add("role session", getK, denied,
		cond("ArnEquals", "aws:PrincipalArn", "arn:aws:sts::"+account+":assumed-role/r/sess"),
		cond("Null", "aws:username", "false"),
	)
	// A federated user's principal tags are its IAM user's tags,
	// overridden by the session's (STS API reference, GetFederationToken
	// Tags: "session tags override a user tag with the same key").
	add("federated user", getK, ok,
		cond("StringEquals", "aws:PrincipalType", "FederatedUser"),
		cond("StringEquals", "aws:userid", account+":fed"),
		cond("ArnEquals", "aws:PrincipalArn", "arn:aws:sts::"+account+":federated-user/fed"),
		cond("Null", "aws:username", "true"),
		cond("StringEquals", "aws:PrincipalTag/ft", "3"),
		cond("StringEquals", "aws:PrincipalTag/team", "red"),
		cond("Null", "aws:TokenIssueTime", "false"),
	)
	add("federated user", getK, denied, cond("StringEquals", "aws:username", "u"))
}

// s3Keys are the probes of S3's own keys.
func (w *condWorld) s3Keys(add func(string, condRequest, int, ...string), ok, denied int) {
	add("user", getK, ok,
		cond("StringEquals", "s3:signatureversion", "AWS4-HMAC-SHA256"),
		cond("StringEquals", "s3:authType", "REST-HEADER"),
		cond("Null", "s3:x-amz-content-sha256", "false"),
		cond("StringEquals", "s3:ExistingObjectTag/t", "1"),
		cond("StringEquals", "s3:ResourceAccount", account),
		cond("Null", "s3:TlsVersion", "true"),
		cond("Null", "s3:DataAccessPointAccount", "true"),
		cond("Null", "s3:AccessPointNetworkOrigin", "true"),
	)
	add("user", getK, denied,
		cond("StringEquals", "s3:authType", "REST-QUERY-STRING"),
		cond("StringEquals", "s3:ExistingObjectTag/t", "2"),
		cond("NumericGreaterThanEquals", "s3:TlsVersion", "1.2"),
	)
	// A presigned URL: query-string auth, and a signature whose age is
	// counted in milliseconds.
	add("user", presignedGet, ok,
		cond("StringEquals", "s3:authType", "REST-QUERY-STRING"),
		cond("NumericLessThan", "s3:signatureAge", "600000"))
	add("user", presignedGet, denied, cond("StringEquals", "s3:authType", "REST-HEADER"))
	// SigV2 names no Region: aws:RequestedRegion is the bucket's, which
	// AWS always includes; s3:signatureAge is SigV4's alone.
	add("user", w.sigV2Get, ok,
		cond("StringEquals", "s3:signatureversion", "AWS"),
		cond("StringEquals", "aws:RequestedRegion", "us-east-1"),
		cond("Null", "s3:signatureAge", "true"))
	add("user", w.sigV2Get, denied, cond("StringEquals", "s3:signatureversion", "AWS4-HMAC-SHA256"))
	add("user", listK, ok,
		cond("StringEquals", "s3:prefix", "k"),
		cond("StringEquals", "s3:delimiter", "/"),
		cond("NumericLessThanEquals", "s3:max-keys", "10"),
	)
	add("user", listK, denied,
		cond("StringEquals", "s3:prefix", "j"),
		cond("NumericGreaterThan", "s3:max-keys", "10"),
	)
	// Without its parameter a list key is absent: an empty prefix does
	// not stand for a missing one (AWS S3 denied a list without prefix=
	// under StringEquals {"s3:prefix": ["", "data/"]}, minio/mc#2647).
	add("user", listAll, denied,
		cond("NumericLessThanEquals", "s3:max-keys", "1000"),
		cond("StringEquals", "s3:prefix", ""),
		cond("StringEquals", "s3:delimiter", ""))
	add("user", listAll, ok, cond("Null", "s3:prefix", "true"), cond("StringEqualsIfExists", "s3:prefix", "home/"))
	add("user", listEmpty, ok, cond("StringEquals", "s3:prefix", ""))
	add("user", putP, ok,
		cond("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control"),
		cond("StringEquals", "s3:x-amz-server-side-encryption", "AES256"),
		cond("StringEquals", "s3:x-amz-storage-class", "STANDARD_IA"),
		cond("StringEquals", "s3:RequestObjectTag/a", "b"),
		cond("ForAllValues:StringEquals", "s3:RequestObjectTagKeys", []string{"a"}),
	)
	// s3:PutObject (and s3:PutObjectRetention) carry the retention the
	// upload asks for in whole days.
	add("user", putLocked, ok,
		cond("NumericEquals", "s3:object-lock-remaining-retention-days", "2"),
		cond("StringEquals", "s3:object-lock-mode", "GOVERNANCE"))
	add("user", putLocked, denied, cond("NumericGreaterThan", "s3:object-lock-remaining-retention-days", "2"))
	add("user", putP, denied,
		cond("StringEquals", "s3:x-amz-acl", "private"),
		cond("StringEquals", "s3:x-amz-server-side-encryption", "aws:kms"),
		cond("StringEquals", "s3:RequestObjectTag/a", "c"),
	)
}

// TestTrustConditionKeyProbes asks AssumeRole of roles whose trust policy
// tests one sts: key: the keys the request carries, and sts:DurationSeconds,
// which AWS leaves out of assume-role requests ("The key is not present
// for AWS STS assume-role operations", IAM User Guide, "IAM and AWS STS
// condition context keys"; the Service Authorization Reference lists it
// for GetServiceBearerToken and GetWebIdentityToken only).
func TestTrustConditionKeyProbes(t *testing.T) {
	t.Parallel()
	ctx, cancel := stepCtx()
	defer cancel()
	s := start(t, t.TempDir())
	admin := iam.NewFromConfig(s.rootConfig())
	if _, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("u")}); err != nil {
		t.Fatal(hung("CreateUser", err))
	}
	if _, err := admin.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("u"), PolicyName: aws.String("p"),
		PolicyDocument: aws.String(allowAll)}); err != nil {
		t.Fatal(hung("PutUserPolicy", err))
	}
	key, err := admin.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("u")})
	if err != nil {
		t.Fatal(hung("CreateAccessKey", err))
	}
	user := sts.NewFromConfig(s.config(*key.AccessKey.AccessKeyId, *key.AccessKey.SecretAccessKey, ""))
	in := sts.AssumeRoleInput{RoleSessionName: aws.String("sess"), ExternalId: aws.String("ext-1"),
		DurationSeconds: aws.Int32(900), SourceIdentity: aws.String("si"),
		Tags: []ststypes.Tag{{Key: aws.String("k"), Value: aws.String("v")}}, TransitiveTagKeys: []string{"k"}}
	tests := []struct {
		cond string
		want int
	}{
		{cond("StringEquals", "sts:RoleSessionName", "sess"), http.StatusOK},
		{cond("StringEquals", "sts:RoleSessionName", "other"), http.StatusForbidden},
		{cond("StringEquals", "sts:ExternalId", "ext-1"), http.StatusOK},
		{cond("StringEquals", "sts:ExternalId", "ext-2"), http.StatusForbidden},
		{cond("StringEquals", "sts:SourceIdentity", "si"), http.StatusOK},
		{cond("ForAllValues:StringEquals", "sts:TransitiveTagKeys", []string{"k"}), http.StatusOK},
		{cond("StringEquals", "aws:RequestTag/k", "v"), http.StatusOK},
		{cond("ForAnyValue:StringEquals", "aws:TagKeys", []string{"other"}), http.StatusForbidden},
		{cond("NumericLessThanEquals", "sts:DurationSeconds", "3600"), http.StatusForbidden},
		{cond("Null", "sts:DurationSeconds", "true"), http.StatusOK},
		{cond("NumericLessThanEqualsIfExists", "sts:DurationSeconds", "600"), http.StatusOK},
		{cond("StringEquals", "aws:PrincipalType", "User"), http.StatusOK},
		{cond("Null", "aws:MultiFactorAuthPresent", "true"), http.StatusOK},
	}
	for i, tt := range tests {
		name := "r" + string(rune('a'+i))
		trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + account +
			`:root"},"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"],"Condition":` + tt.cond + `}]}`
		if _, err := admin.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trust)}); err != nil {
			t.Fatal(hung("CreateRole "+tt.cond, err))
		}
		rin := in
		rin.RoleArn = aws.String("arn:aws:iam::" + account + ":role/" + name)
		_, err := user.AssumeRole(ctx, &rin)
		if got := statusOfErr(err); got != tt.want {
			t.Errorf("AssumeRole trusted under %s: status %d (%v), want %d", tt.cond, got, err, tt.want)
		}
	}
}

// TestRegionConditionKeyProbes: aws:RequestedRegion is "always included in
// the request context" ("AWS global condition context keys"): for IAM it is
// us-east-1 whatever Region the client signs for ("IAM calls are always
// made to the us-east-1 Region"), and an anonymous S3 request has the
// Region of the bucket's endpoint; fakeaws took the signing Region for IAM
// and left the key out of unsigned requests.
func TestRegionConditionKeyProbes(t *testing.T) {
	t.Parallel()
	ctx, cancel := stepCtx()
	defer cancel()
	s := start(t, t.TempDir())
	admin := iam.NewFromConfig(s.rootConfig())
	if _, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("u")}); err != nil {
		t.Fatal(hung("CreateUser", err))
	}
	key, err := admin.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("u")})
	if err != nil {
		t.Fatal(hung("CreateAccessKey", err))
	}
	eu := s.config(*key.AccessKey.AccessKeyId, *key.AccessKey.SecretAccessKey, "")
	eu.Region = "eu-west-1"
	userIAM := iam.NewFromConfig(eu)
	for _, tt := range []struct {
		region string
		want   int
	}{{"us-east-1", http.StatusOK}, {"eu-west-1", http.StatusForbidden}} {
		policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*","Condition":` +
			cond("StringEquals", "aws:RequestedRegion", tt.region) + `}]}`
		if _, err := admin.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("u"), PolicyName: aws.String("p"),
			PolicyDocument: aws.String(policy)}); err != nil {
			t.Fatal(hung("PutUserPolicy", err))
		}
		_, err := userIAM.GetUser(ctx, &iam.GetUserInput{})
		if got := statusOfErr(err); got != tt.want {
			t.Errorf("GetUser signed for eu-west-1 under aws:RequestedRegion %s: status %d, want %d", tt.region, got, tt.want)
		}
	}

	const bucket = "condkeys-eu"
	euRoot := s.rootConfig()
	euRoot.Region = "eu-west-2"
	euS3 := s3Client(euRoot)
	steps := []struct {
		name string
		run  func() error
	}{
		{"CreateBucket in eu-west-2", func() error {
			_, err := euS3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket),
				CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraintEuWest2}})
			return err
		}},
		{"DeletePublicAccessBlock", func() error {
			_, err := euS3.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(bucket)})
			return err
		}},
	}
	for _, st := range steps {
		if err := st.run(); err != nil {
			t.Fatal(hung(st.name, err))
		}
	}
	if _, err := euS3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("o"), Body: strings.NewReader("o")}); err != nil {
		t.Fatal(hung("PutObject", err))
	}
	for _, tt := range []struct {
		region string
		want   int
	}{{"eu-west-2", http.StatusOK}, {"us-east-1", http.StatusForbidden}} {
		policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::` +
			bucket + `/*","Condition":` + cond("StringEquals", "aws:RequestedRegion", tt.region) + `}]}`
		if _, err := euS3.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(policy)}); err != nil {
			t.Fatal(hung("PutBucketPolicy", err))
		}
		resp, err := (&http.Client{Timeout: stepTimeout}).Get(s.url + "/" + bucket + "/o")
		if err != nil {
			t.Fatal(hung("anonymous GET", err))
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("anonymous GET of a bucket in eu-west-2 under aws:RequestedRegion %s: status %d, want %d", tt.region, resp.StatusCode, tt.want)
		}
	}
}

// TestTransitiveResourceTagProbes: "In role chaining, the value of a
// transitive tag overrides the role matching the ResourceTag value before
// the evaluation of the role trust policy" (IAM User Guide, "Pass session
// tags in AWS STS", Chaining roles with session tags): a session carrying
// the transitive tag Star=1 assumes a role tagged Star=3, whose trust
// policy then sees aws:ResourceTag/Star and iam:ResourceTag/Star as 1.
func TestTransitiveResourceTagProbes(t *testing.T) {
	t.Parallel()
	ctx, cancel := stepCtx()
	defer cancel()
	s := start(t, t.TempDir())
	admin := iam.NewFromConfig(s.rootConfig())
	if _, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("u")}); err != nil {
		t.Fatal(hung("CreateUser", err))
	}
	if _, err := admin.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("u"), PolicyName: aws.String("p"),
		PolicyDocument: aws.String(allowAll)}); err != nil {
		t.Fatal(hung("PutUserPolicy", err))
	}
	key, err := admin.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("u")})
	if err != nil {
		t.Fatal(hung("CreateAccessKey", err))
	}
	trust := func(c string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + account +
			`:root"},"Action":["sts:AssumeRole","sts:TagSession"]` + c + `}]}`
	}
	roles := []struct {
		name, cond string
		want       int
	}{
		{"first", "", http.StatusOK},
		{"star1", `,"Condition":` + cond("StringEquals", "aws:ResourceTag/Star", "1"), http.StatusOK},
		{"iamstar1", `,"Condition":` + cond("StringEquals", "iam:ResourceTag/Star", "1"), http.StatusOK},
		{"star3", `,"Condition":` + cond("StringEquals", "aws:ResourceTag/Star", "3"), http.StatusForbidden},
		{"moon", `,"Condition":` + cond("StringEquals", "aws:ResourceTag/Moon", "4"), http.StatusOK},
	}
	for _, r := range roles {
		if _, err := admin.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(r.name), AssumeRolePolicyDocument: aws.String(trust(r.cond)),
			Tags: []iamtypes.Tag{{Key: aws.String("star"), Value: aws.String("3")}, {Key: aws.String("Moon"), Value: aws.String("4")}}}); err != nil {
			t.Fatal(hung("CreateRole "+r.name, err))
		}
		if _, err := admin.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(r.name), PolicyName: aws.String("p"),
			PolicyDocument: aws.String(allowAll)}); err != nil {
			t.Fatal(hung("PutRolePolicy "+r.name, err))
		}
	}
	user := sts.NewFromConfig(s.config(*key.AccessKey.AccessKeyId, *key.AccessKey.SecretAccessKey, ""))
	first, err := user.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + account + ":role/first"),
		RoleSessionName: aws.String("s1"), Tags: []ststypes.Tag{{Key: aws.String("Star"), Value: aws.String("1")}},
		TransitiveTagKeys: []string{"Star"}})
	if err != nil {
		t.Fatal(hung("AssumeRole first", err))
	}
	chained := sts.NewFromConfig(s.credsOf(first.Credentials))
	for _, r := range roles[1:] {
		_, err := chained.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + account + ":role/" + r.name),
			RoleSessionName: aws.String("s2")})
		if got := statusOfErr(err); got != r.want {
			t.Errorf("chained AssumeRole %s (trust%s): status %d (%v), want %d", r.name, r.cond, got, err, r.want)
		}
	}
}
