package conformance

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Accounts the scenarios use.
const (
	emrys  = "111111111111" // seed 000's Emrys; seed 002's and 004's Account A
	odin   = "222222222222" // seed 000's Odin; seed 002's and 004's Account B
	vendor = "333333333333" // seed 003's third party
)

// step is one client call of a scenario and its expected outcome: success
// when code is "", otherwise the AWS error code.
type step struct {
	name string
	code string
	do   func(ctx context.Context, w *world) error
}

// scenario is a named list of steps run against a fresh server.
type scenario struct {
	name  string
	seed  string // the seed file it replays, if any
	steps []step
	// modes restricts the scenario to some modes (nil: all).
	only func(m mode) bool
}

// world is a scenario's state: the harness and the identities made so far.
type world struct {
	t     *testing.T
	h     *harness
	creds map[string]aws.Credentials
	vals  map[string]string
}

func runScenario(t *testing.T, h *harness, sc scenario) {
	t.Helper()
	w := &world{t: t, h: h, creds: map[string]aws.Credentials{}, vals: map[string]string{}}
	ctx := context.Background()
	for i, s := range sc.steps {
		err := s.do(ctx, w)
		got := errorCode(err)
		switch {
		case s.code == "" && err != nil:
			if *keepGoing {
				t.Errorf("step %d %q: %v, want success", i, s.name, err)
				continue
			}
			t.Fatalf("step %d %q: %v, want success (later steps depend on it; -conformance.keep-going runs them anyway)", i, s.name, err)
		case s.code != "" && err == nil:
			t.Errorf("step %d %q: succeeded, want %s", i, s.name, s.code)
		case s.code != "" && got != s.code:
			t.Errorf("step %d %q: error %v (code %q), want code %s", i, s.name, err, got, s.code)
		}
	}
}

// who resolves an identity: a 12-digit account id is its root user,
// anything else a name given to credentials earlier in the scenario.
func (w *world) who(name string) aws.Credentials {
	w.t.Helper()
	if len(name) == 12 && strings.Trim(name, "0123456789") == "" {
		return rootCreds(name)
	}
	c, ok := w.creds[name]
	if !ok {
		w.t.Fatalf("no credentials named %q yet", name)
	}
	return c
}

func (w *world) iam(who string) *iam.Client { return w.h.iam(w.who(who)) }
func (w *world) sts(who string) *sts.Client { return w.h.sts(w.who(who)) }
func (w *world) s3(who string) *s3.Client   { return w.h.s3(w.who(who)) }

// policy renders a policy document from statements.
func policy(statements ...map[string]any) string {
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
	if err != nil {
		panic(err)
	}
	return string(b)
}

func allow(action any, resource any) map[string]any {
	return map[string]any{"Effect": "Allow", "Action": action, "Resource": resource}
}

func trustAWS(principal any, extra ...map[string]any) string {
	s := map[string]any{"Effect": "Allow", "Principal": map[string]any{"AWS": principal}, "Action": "sts:AssumeRole"}
	for _, e := range extra {
		for k, v := range e {
			s[k] = v
		}
	}
	return policy(s)
}

func roleARN(account, name string) string { return "arn:aws:iam::" + account + ":role/" + name }
func userARN(account, name string) string { return "arn:aws:iam::" + account + ":user/" + name }

// Step builders for the calls scenarios share.

func createUserWithKey(account, name string) step {
	return step{name: account + " creates user " + name + " with an access key", do: func(ctx context.Context, w *world) error {
		if _, err := w.iam(account).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)}); err != nil {
			return err
		}
		out, err := w.iam(account).CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(name)})
		if err != nil {
			return err
		}
		k := out.AccessKey
		if !regexp.MustCompile(`^AKIA[A-Z0-9]{16}$`).MatchString(aws.ToString(k.AccessKeyId)) || len(aws.ToString(k.SecretAccessKey)) != 40 {
			return fmt.Errorf("CreateAccessKey = %q/%d-char secret, want AKIA + 16 and 40 chars", aws.ToString(k.AccessKeyId), len(aws.ToString(k.SecretAccessKey)))
		}
		w.creds[name] = aws.Credentials{AccessKeyID: *k.AccessKeyId, SecretAccessKey: *k.SecretAccessKey}
		return nil
	}}
}

func createRole(account, name, trust string, maxSession int32) step {
	return step{name: account + " creates role " + name, do: func(ctx context.Context, w *world) error {
		in := &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trust)}
		if maxSession != 0 {
			in.MaxSessionDuration = aws.Int32(maxSession)
		}
		out, err := w.iam(account).CreateRole(ctx, in)
		if err != nil {
			return err
		}
		if got, want := aws.ToString(out.Role.Arn), roleARN(account, name); got != want {
			return fmt.Errorf("CreateRole ARN = %s, want %s", got, want)
		}
		return nil
	}}
}

func putRolePolicy(account, role, name, doc string) step {
	return step{name: account + " puts inline policy " + name + " on role " + role, do: func(ctx context.Context, w *world) error {
		_, err := w.iam(account).PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(role),
			PolicyName: aws.String(name), PolicyDocument: aws.String(doc)})
		return err
	}}
}

func putUserPolicy(account, user, name, doc string) step {
	return step{name: account + " puts inline policy " + name + " on user " + user, do: func(ctx context.Context, w *world) error {
		_, err := w.iam(account).PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(user),
			PolicyName: aws.String(name), PolicyDocument: aws.String(doc)})
		return err
	}}
}

func createBucket(who, bucket string) step {
	return step{name: who + " creates bucket " + bucket, do: func(ctx context.Context, w *world) error {
		_, err := w.s3(who).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)})
		return err
	}}
}

func putBucketPolicy(who, bucket, doc string) step {
	return step{name: who + " puts the policy of bucket " + bucket, do: func(ctx context.Context, w *world) error {
		_, err := w.s3(who).PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(doc)})
		return err
	}}
}

func putObject(who, bucket, key, body string) step {
	return step{name: who + " puts s3://" + bucket + "/" + key, do: func(ctx context.Context, w *world) error {
		_, err := w.s3(who).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key),
			Body: strings.NewReader(body)})
		return err
	}}
}

func getObject(who, bucket, key, want string) step {
	return step{name: who + " gets s3://" + bucket + "/" + key, do: func(ctx context.Context, w *world) error {
		out, err := w.s3(who).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
		if err != nil {
			return err
		}
		defer out.Body.Close()
		b, err := io.ReadAll(out.Body)
		if err != nil {
			return err
		}
		if string(b) != want {
			return fmt.Errorf("GetObject body = %q, want %q", b, want)
		}
		return nil
	}}
}

func listObjects(who, bucket string, wantKeys ...string) step {
	return step{name: who + " lists s3://" + bucket, do: func(ctx context.Context, w *world) error {
		out, err := w.s3(who).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
		if err != nil {
			return err
		}
		var got []string
		for _, o := range out.Contents {
			got = append(got, aws.ToString(o.Key))
		}
		if strings.Join(got, ",") != strings.Join(wantKeys, ",") {
			return fmt.Errorf("ListObjectsV2 keys = %v, want %v", got, wantKeys)
		}
		return nil
	}}
}

// assumeRole assumes role as who and keeps the credentials under as.
func assumeRole(who, role, session, as string, edit ...func(*sts.AssumeRoleInput)) step {
	return step{name: who + " assumes " + role + " as " + as, do: func(ctx context.Context, w *world) error {
		in := &sts.AssumeRoleInput{RoleArn: aws.String(role), RoleSessionName: aws.String(session)}
		for _, e := range edit {
			e(in)
		}
		out, err := w.sts(who).AssumeRole(ctx, in)
		if err != nil {
			return err
		}
		c := out.Credentials
		if !strings.HasPrefix(aws.ToString(c.AccessKeyId), "ASIA") || aws.ToString(c.SessionToken) == "" {
			return fmt.Errorf("AssumeRole credentials %q with token %q, want ASIA... and a token", aws.ToString(c.AccessKeyId), aws.ToString(c.SessionToken))
		}
		account, name := arnAccount(role), role[strings.LastIndex(role, "/")+1:]
		if got, want := aws.ToString(out.AssumedRoleUser.Arn), "arn:aws:sts::"+account+":assumed-role/"+name+"/"+session; got != want {
			return fmt.Errorf("AssumedRoleUser.Arn = %s, want %s", got, want)
		}
		if id := aws.ToString(out.AssumedRoleUser.AssumedRoleId); !strings.HasPrefix(id, "AROA") || !strings.HasSuffix(id, ":"+session) {
			return fmt.Errorf("AssumedRoleId = %s, want AROA...:%s", id, session)
		}
		w.creds[as] = aws.Credentials{AccessKeyID: *c.AccessKeyId, SecretAccessKey: *c.SecretAccessKey, SessionToken: *c.SessionToken}
		w.vals[as+".expiration"] = c.Expiration.UTC().Format(time.RFC3339)
		return nil
	}}
}

func callerIs(who, wantARN string) step {
	return step{name: who + " is " + wantARN, do: func(ctx context.Context, w *world) error {
		out, err := w.sts(who).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err != nil {
			return err
		}
		if got := aws.ToString(out.Arn); got != wantARN {
			return fmt.Errorf("GetCallerIdentity Arn = %s, want %s", got, wantARN)
		}
		if got, want := aws.ToString(out.Account), arnAccount(wantARN); got != want {
			return fmt.Errorf("GetCallerIdentity Account = %s, want %s", got, want)
		}
		return nil
	}}
}

func arnAccount(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 5 {
		return ""
	}
	return parts[4]
}

// totp is RFC 6238's TOTP (HMAC-SHA1, 30-second steps, 6 digits) for a
// base32 seed at t.
func totp(seed string, t time.Time) string {
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.TrimRight(strings.ToUpper(seed), "="))
	if err != nil {
		panic(fmt.Sprintf("bad MFA seed %q: %v", seed, err))
	}
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(t.Unix()/30))
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0xf
	code := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", code%1_000_000)
}
