package conformance

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/aws/smithy-go/logging"
)

// scenarios is the scenario library: every seed flow and the behaviours
// around it, written once and run in every mode.
func scenarios() []scenario {
	return []scenario{
		seed000EmrysOdin(),
		seed002DirectAndEightHourRole(),
		seed003ExternalID(),
		seed004SourceProfile(),
		invalidPrincipals(),
		mfaAssumeRole(),
		webIdentity(),
		sessionPolicies(),
		bucketPolicyExplicitDeny(),
		authenticationFailures(),
		uploads(),
		sessionExpiry(),
	}
}

// seed000EmrysOdin: a role in Odin trusting Emrys's root, a policy attached
// to it, a user in Emrys allowed to assume it, and Odin's bucket read and
// written with the session.
func seed000EmrysOdin() scenario {
	role := roleARN(odin, "S3ReadWriteRoleEmrys")
	return scenario{name: "seed000-emrys-odin", seed: "000", steps: []step{
		createRole(odin, "S3ReadWriteRoleEmrys", trustAWS("arn:aws:iam::"+emrys+":root"), 0),
		createBucket(odin, "odin-bucket"),
		{name: "odin creates ReadOdinS3IAMPolicy and attaches it to the role", do: func(ctx context.Context, w *world) error {
			out, err := w.iam(odin).CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("ReadOdinS3IAMPolicy"),
				PolicyDocument: aws.String(policy(
					allow([]string{"s3:ListBucket", "s3:GetBucketLocation"}, "arn:aws:s3:::odin-bucket"),
					allow([]string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject"}, "arn:aws:s3:::odin-bucket/*")))})
			if err != nil {
				return err
			}
			if got, want := aws.ToString(out.Policy.Arn), "arn:aws:iam::"+odin+":policy/ReadOdinS3IAMPolicy"; got != want {
				return fmt.Errorf("CreatePolicy ARN = %s, want %s", got, want)
			}
			_, err = w.iam(odin).AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("S3ReadWriteRoleEmrys"),
				PolicyArn: out.Policy.Arn})
			return err
		}},
		createUserWithKey(emrys, "merlin"),
		{name: "without an identity policy the user cannot assume the role", code: "AccessDenied",
			do: deniedSaying(assumeRole("merlin", role, "s3-access", "session").do,
				"User: arn:aws:iam::"+emrys+":user/merlin is not authorized to perform: sts:AssumeRole on resource: "+role)},
		{name: "emrys root cannot assume roles", code: "AccessDenied", do: assumeRole(emrys, role, "root-session", "rootsession").do},
		{name: "emrys creates AssumeOdinRole and attaches it to the user", do: func(ctx context.Context, w *world) error {
			out, err := w.iam(emrys).CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("AssumeOdinRole"),
				PolicyDocument: aws.String(policy(allow("sts:AssumeRole", role)))})
			if err != nil {
				return err
			}
			_, err = w.iam(emrys).AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("merlin"), PolicyArn: out.Policy.Arn})
			return err
		}},
		assumeRole("merlin", role, "s3-access", "session"),
		callerIs("session", "arn:aws:sts::"+odin+":assumed-role/S3ReadWriteRoleEmrys/s3-access"),
		callerIs("merlin", userARN(emrys, "merlin")),
		putObject("session", "odin-bucket", "from-emrys.txt", "hello Odin"),
		getObject("session", "odin-bucket", "from-emrys.txt", "hello Odin"),
		listObjects("session", "odin-bucket", "from-emrys.txt"),
		{name: "the user's own keys cannot read Odin's bucket", code: "AccessDenied",
			// Cross-account: S3 adds no context to the message (it does only
			// within one account or organization; troubleshoot-403-errors).
			do: deniedSaying(getObject("merlin", "odin-bucket", "from-emrys.txt", "").do, "Access Denied")},
		{name: "ListBuckets shows only the caller account's buckets", do: func(ctx context.Context, w *world) error {
			out, err := w.s3("session").ListBuckets(ctx, &s3.ListBucketsInput{})
			if err == nil && (len(out.Buckets) != 1 || aws.ToString(out.Buckets[0].Name) != "odin-bucket") {
				return fmt.Errorf("ListBuckets as the Odin session = %d buckets, want only odin-bucket", len(out.Buckets))
			}
			if errorCode(err) == "AccessDenied" {
				return nil // the role's policy does not allow s3:ListAllMyBuckets: also AWS's answer
			}
			return err
		}},
		{name: "a presigned PUT from the session", do: func(ctx context.Context, w *world) error {
			req, err := s3.NewPresignClient(w.s3("session")).PresignPutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("odin-bucket"),
				Key: aws.String("presigned-put.txt")})
			if err != nil {
				return err
			}
			hr, err := http.NewRequestWithContext(ctx, req.Method, req.URL, strings.NewReader("via presigned PUT"))
			if err != nil {
				return err
			}
			for k, v := range req.SignedHeader {
				if !strings.EqualFold(k, "Host") {
					hr.Header[k] = v
				}
			}
			resp, err := w.h.http.Do(hr)
			if err != nil {
				return err
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				return fmt.Errorf("presigned PUT = %d %s", resp.StatusCode, b)
			}
			return getObject(odin, "odin-bucket", "presigned-put.txt", "via presigned PUT").do(ctx, w)
		}},
		{name: "the session cannot touch the bucket's policy", code: "AccessDenied",
			do: putBucketPolicy("session", "odin-bucket", policy(map[string]any{"Effect": "Allow", "Principal": "*",
				"Action": "s3:GetObject", "Resource": "arn:aws:s3:::odin-bucket/*"})).do},
		{name: "the session cannot create IAM users in Odin", code: "AccessDenied", do: func(ctx context.Context, w *world) error {
			_, err := w.iam("session").CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("intruder")})
			return err
		}},
		createBucket(emrys, "emrys-bucket"),
		{name: "the session cannot read a bucket the role's policy does not name", code: "AccessDenied",
			do: listObjects("session", "emrys-bucket").do},
	}}
}

// seed002DirectAndEightHourRole: a bucket policy granting users of another
// account directly, and a role with an 8-hour MaxSessionDuration.
func seed002DirectAndEightHourRole() scenario {
	objectActions := []string{"s3:GetObject", "s3:PutObject", "s3:PutObjectAcl"}
	userPolicy := policy(allow(objectActions, []string{"arn:aws:s3:::samplebucketa/*", "arn:aws:s3:::samplebucketb/*"}))
	bucketPolicy := func(bucket string) string {
		return policy(map[string]any{"Effect": "Allow",
			"Principal": map[string]any{"AWS": []string{userARN(emrys, "userA"), userARN(emrys, "userB")}},
			"Action":    objectActions, "Resource": []string{"arn:aws:s3:::" + bucket + "/*"}})
	}
	role := roleARN(emrys, "assumed-accountb-role")
	return scenario{name: "seed002-direct-grant-and-8h-role", seed: "002", steps: []step{
		{name: "bucket names are lower case", code: "InvalidBucketName", do: createBucket(odin, "SampleBucketA").do},
		createBucket(odin, "samplebucketa"),
		createBucket(odin, "samplebucketb"),
		createUserWithKey(emrys, "userA"),
		createUserWithKey(emrys, "userB"),
		putUserPolicy(emrys, "userA", "s3-in-account-b", userPolicy),
		putUserPolicy(emrys, "userB", "s3-in-account-b", userPolicy),
		{name: "without the bucket policy cross-account access is denied", code: "AccessDenied",
			do: putObject("userA", "samplebucketa", "a.txt", "A").do},
		putBucketPolicy(odin, "samplebucketa", bucketPolicy("samplebucketa")),
		putBucketPolicy(odin, "samplebucketb", bucketPolicy("samplebucketb")),
		putObject("userA", "samplebucketa", "a.txt", "from user A"),
		getObject("userB", "samplebucketa", "a.txt", "from user A"),
		putObject("userB", "samplebucketb", "b.txt", "from user B"),
		{name: "the bucket policy grants objects, not listing", code: "AccessDenied", do: listObjects("userA", "samplebucketa").do},

		// The role approach: the trust policy names the users (and a
		// service), the role carries the S3 permissions, the buckets trust
		// the role.
		createRole(emrys, "assumed-accountb-role", policy(map[string]any{"Effect": "Allow",
			"Principal": map[string]any{"AWS": []string{userARN(emrys, "userA"), userARN(emrys, "userB")}, "Service": "ec2.amazonaws.com"},
			"Action":    "sts:AssumeRole"}), 28800),
		putRolePolicy(emrys, "assumed-accountb-role", "s3", policy(allow(objectActions,
			[]string{"arn:aws:s3:::samplebucketa/*", "arn:aws:s3:::samplebucketb/*"}))),
		putBucketPolicy(odin, "samplebucketa", policy(map[string]any{"Sid": "allow-access-samplebucketA", "Effect": "Allow",
			"Principal": map[string]any{"AWS": []string{role}}, "Action": "s3:*",
			"Resource": []string{"arn:aws:s3:::samplebucketa/*", "arn:aws:s3:::samplebucketa"}})),
		{name: "more than the role's MaxSessionDuration is refused", code: "ValidationError",
			do: assumeRole("userA", role, "Sarav-Session", "too-long", func(in *sts.AssumeRoleInput) { in.DurationSeconds = aws.Int32(28801) }).do},
		// Same account, and the trust policy names the user: no identity
		// policy is needed.
		assumeRole("userA", role, "Sarav-Session", "eight-hours", func(in *sts.AssumeRoleInput) { in.DurationSeconds = aws.Int32(28800) }),
		{name: "the session lasts 8 hours", do: func(ctx context.Context, w *world) error {
			exp, err := time.Parse(time.RFC3339, w.vals["eight-hours.expiration"])
			if err != nil {
				return err
			}
			if d := exp.Sub(w.h.clock.Now()); d < 8*time.Hour-time.Minute || d > 8*time.Hour+time.Minute {
				return fmt.Errorf("Expiration is %v from now, want 8h", d)
			}
			return nil
		}},
		putObject("eight-hours", "samplebucketa", "role.txt", "via the role"),
		getObject("eight-hours", "samplebucketa", "a.txt", "from user A"),
		{name: "samplebucketb's policy does not name the role", code: "AccessDenied",
			do: putObject("eight-hours", "samplebucketb", "role.txt", "x").do},
	}}
}

// seed003ExternalID: a third party assumes a role whose trust policy
// requires an ExternalId.
func seed003ExternalID() scenario {
	role := roleARN(odin, "third-party-access")
	withID := func(id string) func(*sts.AssumeRoleInput) {
		return func(in *sts.AssumeRoleInput) { in.ExternalId = aws.String(id) }
	}
	return scenario{name: "seed003-external-id", seed: "003", steps: []step{
		createBucket(odin, "bucket-name"),
		createRole(odin, "third-party-access", trustAWS("arn:aws:iam::"+vendor+":root", map[string]any{
			"Condition": map[string]any{"StringEquals": map[string]any{"sts:ExternalId": "Unique-Id-4242"}}}), 0),
		putRolePolicy(odin, "third-party-access", "read-write-s3", policy(
			map[string]any{"Sid": "ListObjectsInBucket", "Effect": "Allow", "Action": []string{"s3:ListBucket"}, "Resource": []string{"arn:aws:s3:::bucket-name"}},
			map[string]any{"Sid": "AllObjectActions", "Effect": "Allow", "Action": "s3:*Object", "Resource": []string{"arn:aws:s3:::bucket-name/*"}})),
		createUserWithKey(vendor, "service"),
		putUserPolicy(vendor, "service", "assume", policy(allow("sts:AssumeRole", role))),
		{name: "without the ExternalId", code: "AccessDenied", do: assumeRole("service", role, "svc", "none").do},
		{name: "with the wrong ExternalId", code: "AccessDenied", do: assumeRole("service", role, "svc", "wrong", withID("Unique-Id-0000")).do},
		assumeRole("service", role, "svc", "svc", withID("Unique-Id-4242")),
		putObject("svc", "bucket-name", "data/file.csv", "a,b\n"),
		getObject("svc", "bucket-name", "data/file.csv", "a,b\n"),
		listObjects("svc", "bucket-name", "data/file.csv"),
		{name: "s3:*Object allows DeleteObject", do: func(ctx context.Context, w *world) error {
			_, err := w.s3("svc").DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bucket-name"), Key: aws.String("data/file.csv")})
			return err
		}},
		{name: "s3:*Object does not allow GetBucketPolicy", code: "AccessDenied", do: func(ctx context.Context, w *world) error {
			_, err := w.s3("svc").GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("bucket-name")})
			return err
		}},
	}}
}

// seed004SourceProfile: role_arn + source_profile through the SDK's shared
// config loading, and the seed's resource pitfall.
func seed004SourceProfile() scenario {
	role := roleARN(odin, "role-in-accountb")
	pitfall := policy(allow([]string{"s3:GetObject", "s3:PutObject", "s3:PutObjectAcl"}, "arn:aws:s3:::222222222222/cross-account-bucket"))
	return scenario{name: "seed004-source-profile", seed: "004", steps: []step{
		createUserWithKey(emrys, "dev"),
		{name: "account A lets the user assume the role", do: putUserPolicy(emrys, "dev", "assume-role-in-accountb", `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Resource": "arn:aws:iam::222222222222:role/role-in-accountb"
    }
}`).do},
		createBucket(odin, "cross-account-bucket"),
		createRole(odin, "role-in-accountb", trustAWS("arn:aws:iam::"+emrys+":root"), 0),
		{name: "IAM accepts the seed's resource arn:aws:s3:::222222222222/cross-account-bucket",
			do: putRolePolicy(odin, "role-in-accountb", "s3", pitfall).do},
		{name: "the roleb profile is the assumed role", do: func(ctx context.Context, w *world) error {
			cfg, err := w.profileConfig(ctx, "roleb")
			if err != nil {
				return err
			}
			out, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			if err != nil {
				return err
			}
			if got := aws.ToString(out.Arn); !strings.HasPrefix(got, "arn:aws:sts::"+odin+":assumed-role/role-in-accountb/") {
				return fmt.Errorf("GetCallerIdentity via profile roleb = %s, want an assumed-role session of %s", got, role)
			}
			return nil
		}},
		{name: "aws s3 cp test.txt s3://cross-account-bucket --profile roleb is denied", code: "AccessDenied",
			do: func(ctx context.Context, w *world) error {
				return w.profilePut(ctx, "roleb", "cross-account-bucket", "test.txt")
			}},
		{name: "the same resource in a bucket policy is MalformedPolicy", code: "MalformedPolicy",
			do: func(ctx context.Context, w *world) error {
				_, err := w.s3(odin).PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("cross-account-bucket"),
					Policy: aws.String(policy(map[string]any{"Effect": "Allow", "Principal": map[string]any{"AWS": role},
						"Action": "s3:PutObject", "Resource": "arn:aws:s3:::222222222222/cross-account-bucket"}))})
				if err == nil {
					return nil
				}
				if msg := errorMessage(err); errorCode(err) == "MalformedPolicy" && msg != "Policy has invalid resource" {
					return fmt.Errorf("MalformedPolicy message %q, want %q: %w", msg, "Policy has invalid resource", err)
				}
				return err
			}},
		{name: "with the bucket's ARN the copy works", do: putRolePolicy(odin, "role-in-accountb", "s3",
			policy(allow([]string{"s3:GetObject", "s3:PutObject", "s3:PutObjectAcl"}, "arn:aws:s3:::cross-account-bucket/*"))).do},
		{name: "aws s3 cp test.txt s3://cross-account-bucket --profile roleb", do: func(ctx context.Context, w *world) error {
			return w.profilePut(ctx, "roleb", "cross-account-bucket", "test.txt")
		}},
		getObject(odin, "cross-account-bucket", "test.txt", "seed 004\n"),
	}}
}

// profileConfig loads profile from shared files written as seed 004 shows:
// both profiles in the credentials file, [accounta] with the user's keys and
// [roleb] with role_arn and source_profile.
func (w *world) profileConfig(ctx context.Context, profile string) (aws.Config, error) {
	dir := w.t.TempDir()
	dev := w.who("dev")
	creds := filepath.Join(dir, "credentials")
	conf := filepath.Join(dir, "config")
	files := map[string]string{
		creds: "[accounta]\naws_access_key_id=" + dev.AccessKeyID + "\naws_secret_access_key=" + dev.SecretAccessKey + "\n\n" +
			"[roleb]\nrole_arn = arn:aws:iam::222222222222:role/role-in-accountb\nsource_profile = accounta\n",
		conf: "[profile roleb]\nregion = us-east-1\n",
	}
	for path, text := range files {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			return aws.Config{}, err
		}
	}
	opts := []func(*awsconfig.LoadOptions) error{
		awsconfig.WithSharedConfigFiles([]string{conf}),
		awsconfig.WithSharedCredentialsFiles([]string{creds}),
		awsconfig.WithSharedConfigProfile(profile),
		awsconfig.WithHTTPClient(w.h.sdkHTTP),
		awsconfig.WithRetryer(func() aws.Retryer { return aws.NopRetryer{} }),
		awsconfig.WithLogger(logging.Nop{}),
	}
	if w.h.mode.fromEnv {
		// The SDK builds the source_profile's STS client before it resolves
		// AWS_ENDPOINT_URL into the config: only the service-specific
		// variable reaches it (see docs/clients.md).
		w.t.Setenv("AWS_ENDPOINT_URL_STS", w.h.endpoint)
	} else {
		opts = append(opts, awsconfig.WithBaseEndpoint(w.h.endpoint))
	}
	return awsconfig.LoadDefaultConfig(ctx, opts...)
}

func (w *world) profilePut(ctx context.Context, profile, bucket, key string) error {
	cfg, err := w.profileConfig(ctx, profile)
	if err != nil {
		return err
	}
	c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = !w.h.mode.virtualHosted })
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader("seed 004\n")})
	return err
}

// invalidPrincipals: trust and bucket policies naming principals that do
// not exist are rejected.
func invalidPrincipals() scenario {
	return scenario{name: "invalid-principals", steps: []step{
		{name: "a trust policy naming a missing user", code: "MalformedPolicyDocument",
			do: createRole(odin, "r1", trustAWS(userARN(emrys, "nobody")), 0).do},
		{name: "a trust policy naming a missing role", code: "MalformedPolicyDocument",
			do: createRole(odin, "r2", trustAWS(roleARN(emrys, "nobody")), 0).do},
		createUserWithKey(emrys, "somebody"),
		createRole(odin, "r3", trustAWS(userARN(emrys, "somebody")), 0),
		{name: "UpdateAssumeRolePolicy naming a missing user", code: "MalformedPolicyDocument", do: func(ctx context.Context, w *world) error {
			_, err := w.iam(odin).UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("r3"),
				PolicyDocument: aws.String(trustAWS(userARN(emrys, "nobody")))})
			return err
		}},
		createBucket(odin, "principal-bucket"),
		{name: "a bucket policy naming a missing user", code: "MalformedPolicy",
			do: putBucketPolicy(odin, "principal-bucket", policy(map[string]any{"Effect": "Allow",
				"Principal": map[string]any{"AWS": userARN(emrys, "nobody")}, "Action": "s3:GetObject",
				"Resource": "arn:aws:s3:::principal-bucket/*"})).do},
		{name: "a trust policy with no principal", code: "MalformedPolicyDocument",
			do: createRole(odin, "r4", policy(allow("sts:AssumeRole", "*")), 0).do},
		{name: "a MaxSessionDuration over 12 hours", code: "ValidationError",
			do: createRole(odin, "r5", trustAWS("arn:aws:iam::"+emrys+":root"), 43201).do},
	}}
}

// mfaAssumeRole: a role requiring MFA, a virtual device enabled with two
// consecutive codes, and AssumeRole with and without a code.
func mfaAssumeRole() scenario {
	role := roleARN(emrys, "mfa-admin")
	withCode := func(code func(w *world) string) func(ctx context.Context, w *world) error {
		return func(ctx context.Context, w *world) error {
			return assumeRole("erin", role, "mfa", "mfa-session", func(in *sts.AssumeRoleInput) {
				in.SerialNumber = aws.String(w.vals["serial"])
				in.TokenCode = aws.String(code(w))
			}).do(ctx, w)
		}
	}
	return scenario{name: "mfa", steps: []step{
		createUserWithKey(emrys, "erin"),
		createRole(emrys, "mfa-admin", trustAWS("arn:aws:iam::"+emrys+":root", map[string]any{
			"Condition": map[string]any{"Bool": map[string]any{"aws:MultiFactorAuthPresent": "true"}}}), 0),
		putRolePolicy(emrys, "mfa-admin", "admin", policy(allow("s3:*", "*"))),
		putUserPolicy(emrys, "erin", "assume", policy(allow("sts:AssumeRole", role))),
		{name: "create and enable a virtual MFA device", do: func(ctx context.Context, w *world) error {
			out, err := w.iam(emrys).CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("erin-mfa")})
			if err != nil {
				return err
			}
			serial, seed := aws.ToString(out.VirtualMFADevice.SerialNumber), string(out.VirtualMFADevice.Base32StringSeed)
			if serial != "arn:aws:iam::"+emrys+":mfa/erin-mfa" || seed == "" {
				return fmt.Errorf("CreateVirtualMFADevice serial %q seed %q, want arn:aws:iam::%s:mfa/erin-mfa and a seed", serial, seed, emrys)
			}
			w.vals["serial"], w.vals["seed"] = serial, seed
			now := w.h.clock.Now()
			_, err = w.iam(emrys).EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("erin"), SerialNumber: aws.String(serial),
				AuthenticationCode1: aws.String(totp(seed, now.Add(-30*time.Second))), AuthenticationCode2: aws.String(totp(seed, now))})
			return err
		}},
		{name: "AssumeRole without MFA", code: "AccessDenied", do: assumeRole("erin", role, "mfa", "no-mfa").do},
		{name: "AssumeRole with a wrong code", code: "AccessDenied", do: withCode(func(w *world) string {
			now := w.h.clock.Now()
			for c := 0; ; c++ {
				code := fmt.Sprintf("%06d", c)
				if code != totp(w.vals["seed"], now) && code != totp(w.vals["seed"], now.Add(30*time.Second)) &&
					code != totp(w.vals["seed"], now.Add(-30*time.Second)) {
					return code
				}
			}
		})},
		{name: "AssumeRole with the device's current code", do: withCode(func(w *world) string {
			return totp(w.vals["seed"], w.h.clock.Now().Add(30*time.Second))
		})},
		createBucket("mfa-session", "mfa-bucket"),
	}}
}

// webIdentity: AssumeRoleWithWebIdentity with a token from the server's
// own OIDC issuer.
func webIdentity() scenario {
	role := roleARN(emrys, "ci-deployer")
	token := func(sub string) func(w *world) (string, error) {
		return func(w *world) (string, error) {
			body := `{"sub":"` + sub + `","aud":"sts.amazonaws.com"}`
			resp, err := w.h.http.Post(w.h.base+"/_fakeaws/oidc/token", "application/json", strings.NewReader(body))
			if err != nil {
				return "", err
			}
			defer resp.Body.Close()
			var out struct {
				IDToken string `json:"id_token"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 || out.IDToken == "" {
				return "", fmt.Errorf("POST /_fakeaws/oidc/token: %s %v", resp.Status, err)
			}
			return out.IDToken, nil
		}
	}
	assume := func(sub, as string) func(ctx context.Context, w *world) error {
		return func(ctx context.Context, w *world) error {
			tok, err := token(sub)(w)
			if err != nil {
				return err
			}
			out, err := w.h.sts(aws.Credentials{}).AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
				RoleArn: aws.String(role), RoleSessionName: aws.String("ci"), WebIdentityToken: aws.String(tok)})
			if err != nil {
				return err
			}
			if got, want := aws.ToString(out.AssumedRoleUser.Arn), "arn:aws:sts::"+emrys+":assumed-role/ci-deployer/ci"; got != want {
				return fmt.Errorf("AssumedRoleUser.Arn = %s, want %s", got, want)
			}
			if got := aws.ToString(out.SubjectFromWebIdentityToken); got != sub {
				return fmt.Errorf("SubjectFromWebIdentityToken = %s, want %s", got, sub)
			}
			c := out.Credentials
			w.creds[as] = aws.Credentials{AccessKeyID: *c.AccessKeyId, SecretAccessKey: *c.SecretAccessKey, SessionToken: *c.SessionToken}
			return nil
		}
	}
	return scenario{name: "web-identity", steps: []step{
		{name: "register the fakeaws issuer and a role trusting it", do: func(ctx context.Context, w *world) error {
			host := "127.0.0.1:" + w.h.port + "/_fakeaws/oidc"
			out, err := w.iam(emrys).CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{
				Url: aws.String("https://" + host), ClientIDList: []string{"sts.amazonaws.com"},
				ThumbprintList: []string{"0123456789abcdef0123456789abcdef01234567"}})
			if err != nil {
				return err
			}
			trust := policy(map[string]any{"Effect": "Allow", "Principal": map[string]any{"Federated": aws.ToString(out.OpenIDConnectProviderArn)},
				"Action": "sts:AssumeRoleWithWebIdentity", "Condition": map[string]any{"StringEquals": map[string]any{
					host + ":aud": "sts.amazonaws.com", host + ":sub": "repo:org/repo:ref:refs/heads/main"}}})
			return createRole(emrys, "ci-deployer", trust, 0).do(ctx, w)
		}},
		putRolePolicy(emrys, "ci-deployer", "deploy", policy(allow("s3:*", []string{"arn:aws:s3:::ci-artifacts", "arn:aws:s3:::ci-artifacts/*"}))),
		createBucket(emrys, "ci-artifacts"),
		{name: "a subject the trust policy does not name", code: "AccessDenied", do: assume("repo:org/repo:pull_request", "pr")},
		{name: "the main branch assumes the role", do: assume("repo:org/repo:ref:refs/heads/main", "ci")},
		putObject("ci", "ci-artifacts", "build.zip", "PK"),
		callerIs("ci", "arn:aws:sts::"+emrys+":assumed-role/ci-deployer/ci"),
	}}
}

// sessionPolicies: inline and managed session policies narrow what the
// role allows.
func sessionPolicies() scenario {
	role := roleARN(emrys, "bucket-admin")
	return scenario{name: "session-policies", steps: []step{
		createUserWithKey(emrys, "frank"),
		putUserPolicy(emrys, "frank", "assume", policy(allow("sts:AssumeRole", role))),
		createRole(emrys, "bucket-admin", trustAWS("arn:aws:iam::"+emrys+":root"), 0),
		putRolePolicy(emrys, "bucket-admin", "s3", policy(allow("s3:*", []string{"arn:aws:s3:::frank-data", "arn:aws:s3:::frank-data/*"}))),
		createBucket(emrys, "frank-data"),
		putObject(emrys, "frank-data", "report.txt", "numbers"),
		assumeRole("frank", role, "full", "full"),
		assumeRole("frank", role, "read-only", "narrow", func(in *sts.AssumeRoleInput) {
			in.Policy = aws.String(policy(allow("s3:GetObject", "arn:aws:s3:::frank-data/*")))
		}),
		assumeRole("frank", role, "managed", "managed", func(in *sts.AssumeRoleInput) {
			in.PolicyArns = []ststypes.PolicyDescriptorType{{Arn: aws.String("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")}}
		}),
		putObject("full", "frank-data", "full.txt", "full"),
		getObject("narrow", "frank-data", "report.txt", "numbers"),
		{name: "the inline session policy does not allow PutObject", code: "AccessDenied", do: deniedSaying(putObject("narrow", "frank-data", "x.txt", "x").do,
			"User: arn:aws:sts::"+emrys+":assumed-role/bucket-admin/read-only is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::frank-data/x.txt\" because no session policy allows the s3:PutObject action")},
		{name: "the inline session policy does not allow ListBucket", code: "AccessDenied", do: listObjects("narrow", "frank-data").do},
		listObjects("managed", "frank-data", "full.txt", "report.txt"),
		{name: "the managed session policy does not allow PutObject", code: "AccessDenied", do: putObject("managed", "frank-data", "y.txt", "y").do},
		{name: "a session policy cannot grant more than the role", code: "AccessDenied", do: func(ctx context.Context, w *world) error {
			if err := assumeRole("frank", role, "wide", "wide", func(in *sts.AssumeRoleInput) {
				in.Policy = aws.String(policy(allow("s3:*", "*")))
			}).do(ctx, w); err != nil {
				return fmt.Errorf("AssumeRole with a wide session policy: %v", err)
			}
			return createBucket("wide", "frank-other").do(ctx, w)
		}},
	}}
}

// bucketPolicyExplicitDeny: an explicit Deny in a bucket policy wins over
// the identity's Allow, for users and for the account's root.
func bucketPolicyExplicitDeny() scenario {
	return scenario{name: "bucket-policy-explicit-deny", steps: []step{
		createUserWithKey(emrys, "gina"),
		putUserPolicy(emrys, "gina", "s3", policy(allow("s3:*", "*"))),
		createBucket(emrys, "guarded"),
		putBucketPolicy(emrys, "guarded", policy(
			map[string]any{"Sid": "NoDeletes", "Effect": "Deny", "Principal": map[string]any{"AWS": userARN(emrys, "gina")},
				"Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::guarded/*"},
			map[string]any{"Sid": "NoSecrets", "Effect": "Deny", "Principal": "*",
				"Action": "s3:GetObject", "Resource": "arn:aws:s3:::guarded/secret/*"})),
		putObject("gina", "guarded", "public.txt", "hi"),
		putObject("gina", "guarded", "secret/key.txt", "s3cr3t"),
		getObject("gina", "guarded", "public.txt", "hi"),
		{name: "gina's DeleteObject is explicitly denied", code: "AccessDenied", do: func(ctx context.Context, w *world) error {
			_, err := w.s3("gina").DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("guarded"), Key: aws.String("public.txt")})
			if err != nil && !strings.Contains(errorMessage(err), "explicit deny") {
				return fmt.Errorf("%w (message does not mention the explicit deny in a resource-based policy)", err)
			}
			return err
		}},
		{name: "secret/* is denied to gina", code: "AccessDenied", do: getObject("gina", "guarded", "secret/key.txt", "").do},
		{name: "secret/* is denied to the account's root too", code: "AccessDenied", do: getObject(emrys, "guarded", "secret/key.txt", "").do},
	}}
}

// authenticationFailures: wrong secrets, unknown keys, skewed clocks,
// presigned URLs.
func authenticationFailures() scenario {
	badSecret := func(service string) func(ctx context.Context, w *world) error {
		return func(ctx context.Context, w *world) error {
			c := w.who("hank")
			c.SecretAccessKey = strings.Repeat("x", 40)
			switch service {
			case "s3":
				_, err := w.h.s3(c).ListBuckets(ctx, &s3.ListBucketsInput{})
				return err
			case "iam":
				_, err := w.h.iam(c).ListUsers(ctx, &iam.ListUsersInput{})
				return err
			}
			_, err := w.h.sts(c).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		}
	}
	unknownKey := aws.Credentials{AccessKeyID: "AKIAUNKNOWNKEY000000", SecretAccessKey: strings.Repeat("y", 40)}
	presign := func(expires time.Duration) func(ctx context.Context, w *world) (string, error) {
		return func(ctx context.Context, w *world) (string, error) {
			p := s3.NewPresignClient(w.s3(emrys))
			req, err := p.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("auth-bucket"), Key: aws.String("doc.txt")},
				s3.WithPresignExpires(expires))
			if err != nil {
				return "", err
			}
			return req.URL, nil
		}
	}
	return scenario{name: "authentication-failures", steps: []step{
		createUserWithKey(emrys, "hank"),
		putUserPolicy(emrys, "hank", "all", policy(allow("*", "*"))),
		{name: "S3 with a wrong secret", code: "SignatureDoesNotMatch", do: badSecret("s3")},
		{name: "STS with a wrong secret", code: "SignatureDoesNotMatch", do: badSecret("sts")},
		{name: "IAM with a wrong secret", code: "SignatureDoesNotMatch", do: badSecret("iam")},
		{name: "a root key with a secret other than test", code: "SignatureDoesNotMatch", do: func(ctx context.Context, w *world) error {
			_, err := w.h.s3(aws.Credentials{AccessKeyID: emrys, SecretAccessKey: "not-test"}).ListBuckets(ctx, &s3.ListBucketsInput{})
			return err
		}},
		{name: "S3 with an unknown access key", code: "InvalidAccessKeyId", do: func(ctx context.Context, w *world) error {
			_, err := w.h.s3(unknownKey).ListBuckets(ctx, &s3.ListBucketsInput{})
			return err
		}},
		{name: "STS with an unknown access key", code: "InvalidClientTokenId", do: func(ctx context.Context, w *world) error {
			_, err := w.h.sts(unknownKey).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		}},
		{name: "S3 with the server clock 20 minutes ahead", code: "RequestTimeTooSkewed", do: func(ctx context.Context, w *world) error {
			w.h.clock.Set(20 * time.Minute)
			defer w.h.clock.Set(0)
			_, err := w.s3("hank").ListBuckets(ctx, &s3.ListBucketsInput{})
			return err
		}},
		{name: "STS with the server clock 20 minutes behind: Signature expired", code: "SignatureDoesNotMatch", do: func(ctx context.Context, w *world) error {
			w.h.clock.Set(-20 * time.Minute)
			defer w.h.clock.Set(0)
			_, err := w.sts("hank").GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		}},
		createBucket(emrys, "auth-bucket"),
		putObject(emrys, "auth-bucket", "doc.txt", "presigned"),
		{name: "a presigned GET works", do: func(ctx context.Context, w *world) error {
			u, err := presign(time.Minute)(ctx, w)
			if err != nil {
				return err
			}
			status, code, body, err := w.h.get(u)
			if err != nil || status != 200 || body != "presigned" {
				return fmt.Errorf("GET presigned = %d %s %q (%v), want 200 %q", status, code, body, err, "presigned")
			}
			return nil
		}},
		{name: "an expired presigned GET is AccessDenied", do: func(ctx context.Context, w *world) error {
			u, err := presign(time.Minute)(ctx, w)
			if err != nil {
				return err
			}
			w.h.clock.Set(5 * time.Minute)
			defer w.h.clock.Set(0)
			status, code, body, err := w.h.get(u)
			if err != nil || status != 403 || code != "AccessDenied" || !strings.Contains(body, "Request has expired") {
				return fmt.Errorf("GET expired presigned = %d %s (%v) %s, want 403 AccessDenied \"Request has expired\"", status, code, err, body)
			}
			return nil
		}},
		{name: "a tampered presigned GET is SignatureDoesNotMatch", do: func(ctx context.Context, w *world) error {
			u, err := presign(time.Minute)(ctx, w)
			if err != nil {
				return err
			}
			u = strings.Replace(u, "doc.txt", "other.txt", 1)
			status, code, _, err := w.h.get(u)
			if err != nil || status != 403 || code != "SignatureDoesNotMatch" {
				return fmt.Errorf("GET tampered presigned = %d %s (%v), want 403 SignatureDoesNotMatch", status, code, err)
			}
			return nil
		}},
	}}
}

// get fetches a URL with the harness client and returns the status, the
// S3 error code (if any) and the body.
func (h *harness) get(u string) (int, string, string, error) {
	resp, err := h.http.Get(u)
	if err != nil {
		return 0, "", "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	var e struct {
		Code string `xml:"Code"`
	}
	if resp.StatusCode >= 300 {
		_ = xml.Unmarshal(b, &e)
	}
	return resp.StatusCode, e.Code, string(b), err
}

// sessionExpiry: a session used after its Expiration is ExpiredToken.
func sessionExpiry() scenario {
	role := roleARN(emrys, "short-lived")
	return scenario{name: "session-expiry", steps: []step{
		createUserWithKey(emrys, "ivan"),
		putUserPolicy(emrys, "ivan", "assume", policy(allow("sts:AssumeRole", role))),
		createRole(emrys, "short-lived", trustAWS("arn:aws:iam::"+emrys+":root"), 0),
		putRolePolicy(emrys, "short-lived", "s3", policy(allow("s3:ListAllMyBuckets", "*"))),
		{name: "a 15-minute session issued 14 minutes ago", do: func(ctx context.Context, w *world) error {
			w.h.clock.Set(-14 * time.Minute)
			defer w.h.clock.Set(0)
			return assumeRole("ivan", role, "short", "short", func(in *sts.AssumeRoleInput) { in.DurationSeconds = aws.Int32(900) }).do(ctx, w)
		}},
		{name: "still valid now", do: func(ctx context.Context, w *world) error {
			_, err := w.s3("short").ListBuckets(ctx, &s3.ListBucketsInput{})
			return err
		}},
		{name: "expired two minutes later: STS", code: "ExpiredToken", do: func(ctx context.Context, w *world) error {
			w.h.clock.Set(2 * time.Minute)
			defer w.h.clock.Set(0)
			_, err := w.sts("short").GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		}},
		{name: "expired two minutes later: S3", code: "ExpiredToken", do: func(ctx context.Context, w *world) error {
			w.h.clock.Set(2 * time.Minute)
			defer w.h.clock.Set(0)
			_, err := w.s3("short").ListBuckets(ctx, &s3.ListBucketsInput{})
			return err
		}},
		{name: "expired two minutes later: IAM", code: "ExpiredToken", do: func(ctx context.Context, w *world) error {
			w.h.clock.Set(2 * time.Minute)
			defer w.h.clock.Set(0)
			_, err := w.iam("short").ListRoles(ctx, &iam.ListRolesInput{})
			return err
		}},
	}}
}

// TestScenarios runs the library in every mode, each scenario on a fresh
// server.
func TestScenarios(t *testing.T) {
	t.Parallel()
	for _, m := range []mode{pathHTTP, virtualHTTP, virtualHTTPS} {
		t.Run(strings.ReplaceAll(m.name, "/", "-"), func(t *testing.T) {
			t.Parallel()
			for _, sc := range scenarios() {
				if sc.only != nil && !sc.only(m) {
					continue
				}
				t.Run(sc.name, func(t *testing.T) {
					t.Parallel()
					runScenario(t, newHarness(t, m), sc)
				})
			}
		})
	}
}

// TestScenariosEndpointFromEnv runs the library with clients loaded by
// config.LoadDefaultConfig and the endpoint from AWS_ENDPOINT_URL. It
// changes the environment, so it is not parallel.
func TestScenariosEndpointFromEnv(t *testing.T) {
	for _, m := range []mode{{name: "env-path-style-http", fromEnv: true}} {
		t.Run(m.name, func(t *testing.T) {
			for _, sc := range scenarios() {
				if sc.only != nil && !sc.only(m) {
					continue
				}
				t.Run(sc.name, func(t *testing.T) {
					runScenario(t, newHarness(t, m), sc)
				})
			}
		})
	}
}

// deniedSaying wraps a step expected to be AccessDenied: the message must
// contain want (AWS names the principal, the action and the resource).
func deniedSaying(do func(context.Context, *world) error, want string) func(context.Context, *world) error {
	return func(ctx context.Context, w *world) error {
		err := do(ctx, w)
		if errorCode(err) == "AccessDenied" && !strings.Contains(errorMessage(err), want) {
			return fmt.Errorf("AccessDenied message %q does not contain %q", errorMessage(err), want)
		}
		return err
	}
}
