package emulator_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	bolt "go.etcd.io/bbolt"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// undecodableWorld is a server over a store in dir, restartable so a
// record can be damaged while it is stopped.
type undecodableWorld struct {
	t   *testing.T
	dir string
	db  *store.DB
	srv *emulator.Server
	ts  *httptest.Server
	// alice's access key (a user of 111111111111).
	key, secret string
}

func (w *undecodableWorld) start() {
	w.t.Helper()
	db, err := store.Open(w.dir, store.Options{})
	if err != nil {
		w.t.Fatal(err)
	}
	srv, err := emulator.New(db, emulator.Options{})
	if err != nil {
		w.t.Fatal(err)
	}
	w.db, w.srv, w.ts = db, srv, httptest.NewServer(srv)
}

func (w *undecodableWorld) stop() {
	w.t.Helper()
	w.ts.Close()
	if err := errors.Join(w.srv.Close(context.Background()), w.db.Close()); err != nil {
		w.t.Fatal(err)
	}
}

func (w *undecodableWorld) config(key, secret string) aws.Config {
	return aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(w.ts.URL),
		Credentials: credentials.NewStaticCredentialsProvider(key, secret, ""),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} }}
}

func (w *undecodableWorld) s3As(key, secret string) *s3.Client {
	return s3.NewFromConfig(w.config(key, secret), func(o *s3.Options) { o.UsePathStyle = true })
}

// damage replaces, while the server is stopped, the value of the one
// record under scope/kind whose key or stored bytes contain marker with
// bytes that decode as nothing.
func (w *undecodableWorld) damage(scope, kind, marker string) {
	w.t.Helper()
	w.stop()
	b, err := bolt.Open(filepath.Join(w.dir, "meta.db"), 0o600, nil)
	if err != nil {
		w.t.Fatal(err)
	}
	err = b.Update(func(btx *bolt.Tx) error {
		top := btx.Bucket([]byte(scope))
		if top == nil {
			return errors.New("no scope " + scope)
		}
		kb := top.Bucket([]byte(kind))
		if kb == nil {
			return errors.New("no kind " + kind)
		}
		var found [][]byte
		_ = kb.ForEach(func(k, v []byte) error {
			if v != nil && (bytes.Contains(k, []byte(marker)) || bytes.Contains(v, []byte(marker))) {
				found = append(found, append([]byte(nil), k...))
			}
			return nil
		})
		if len(found) != 1 {
			return errors.New("not one record of " + kind + " holds " + marker)
		}
		return kb.Put(found[0], []byte("\xff\x00{not a record"))
	})
	if err := errors.Join(err, b.Close()); err != nil {
		w.t.Fatal(err)
	}
	w.start()
}

const (
	undecodableAcct = "111111111111"
	allowAll        = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","sts:AssumeRole","iam:Get*"],"Resource":"*"}]}`
	denySecret      = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/managed-secret"}]}`
	denyGroupSecret = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/group-secret"}]}`
	trustAccount    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`
)

// newUndecodableWorld: alice (inline Allow of s3:*, a managed policy
// denying data/managed-secret, in a group whose policy denies
// data/group-secret), a role trusting the account, bucket data with
// three objects.
func newUndecodableWorld(t *testing.T) *undecodableWorld {
	w := &undecodableWorld{t: t, dir: t.TempDir()}
	w.start()
	t.Cleanup(w.stop)
	ctx := context.Background()
	c := iam.NewFromConfig(w.config(undecodableAcct, "test"))
	steps := []func() error{
		func() error {
			_, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")})
			return err
		},
		func() error {
			_, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("alice"), PolicyName: aws.String("all"), PolicyDocument: aws.String(allowAll)})
			return err
		},
		func() error {
			_, err := c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("deny-managed-secret"), PolicyDocument: aws.String(denySecret)})
			return err
		},
		func() error {
			_, err := c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("alice"), PolicyArn: aws.String("arn:aws:iam::111111111111:policy/deny-managed-secret")})
			return err
		},
		func() error {
			_, err := c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("guarded")})
			return err
		},
		func() error {
			_, err := c.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: aws.String("guarded"), PolicyName: aws.String("deny"), PolicyDocument: aws.String(denyGroupSecret)})
			return err
		},
		func() error {
			_, err := c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("guarded"), UserName: aws.String("alice")})
			return err
		},
		func() error {
			_, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("runner"), AssumeRolePolicyDocument: aws.String(trustAccount)})
			return err
		},
		func() error {
			k, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("alice")})
			if err == nil {
				w.key, w.secret = aws.ToString(k.AccessKey.AccessKeyId), aws.ToString(k.AccessKey.SecretAccessKey)
			}
			return err
		},
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("setup step %d: %v", i, err)
		}
	}
	root := w.s3As(undecodableAcct, "test")
	if _, err := root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("data")}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"open", "managed-secret", "group-secret"} {
		if _, err := root.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("data"), Key: aws.String(k), Body: strings.NewReader("body of " + k)}); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// outcome is the HTTP status of a call (200 when it succeeded, 0 when no
// answer came).
func outcome(err error) int {
	if err == nil {
		return http.StatusOK
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// A stored record that no longer decodes (damage, a hand edit, a field a
// newer fakeaws wrote) never widens access: the decision it would have
// fed is refused (403, or 500 where the service cannot tell), never
// allowed as if the record, and the Deny it holds, were not there. And a
// bucket whose record does not decode is not free for another account to
// create.
func TestUndecodableRecordsFailClosed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	get := func(w *undecodableWorld, key, secret, object string) error {
		out, err := w.s3As(key, secret).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("data"), Key: aws.String(object)})
		if err == nil {
			_, _ = io.Copy(io.Discard, out.Body)
			out.Body.Close()
		}
		return err
	}
	// A probe is a call and its answer before the damage.
	type probe struct {
		name   string
		call   func(w *undecodableWorld) error
		before int
	}
	aliceGets := func(object string) probe {
		before := http.StatusOK
		if strings.HasSuffix(object, "secret") {
			before = http.StatusForbidden
		}
		return probe{"alice GetObject " + object, func(w *undecodableWorld) error { return get(w, w.key, w.secret, object) }, before}
	}
	rootGets := func(object string) probe {
		return probe{"root GetObject " + object, func(w *undecodableWorld) error { return get(w, undecodableAcct, "test", object) }, http.StatusOK}
	}
	tests := []struct {
		name              string
		scope, kind, mark string
		refused           []probe // each must not answer 200
	}{
		{"customer managed policy holding a Deny", "acct/" + undecodableAcct, store.KindPolicy, "deny-managed-secret",
			[]probe{aliceGets("managed-secret")}},
		{"group holding a Deny", "acct/" + undecodableAcct, store.KindGroup, "guarded",
			[]probe{aliceGets("group-secret")}},
		{"the caller's user", "acct/" + undecodableAcct, store.KindUser, "alice",
			[]probe{aliceGets("open"), aliceGets("managed-secret"), aliceGets("group-secret")}},
		{"the caller's access key", "_global", store.KindAccessKey, "alice",
			[]probe{aliceGets("open"), aliceGets("group-secret")}},
		{"the role to assume", "acct/" + undecodableAcct, store.KindRole, "runner",
			[]probe{{"alice AssumeRole", func(w *undecodableWorld) error {
				_, err := sts.NewFromConfig(w.config(w.key, w.secret)).AssumeRole(ctx,
					&sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::111111111111:role/runner"), RoleSessionName: aws.String("probe")})
				return err
			}, http.StatusOK}}},
		{"the bucket", "_global", store.KindBucket, "data",
			[]probe{rootGets("open"), aliceGets("open"),
				{"another account's CreateBucket", func(w *undecodableWorld) error {
					_, err := w.s3As("222222222222", "test").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("data")})
					return err
				}, http.StatusConflict},
				{"root ListObjectsV2", func(w *undecodableWorld) error {
					_, err := w.s3As(undecodableAcct, "test").ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("data")})
					return err
				}, http.StatusOK}}},
		{"the object", "_global", store.S3VersionKind("data"), "open",
			[]probe{rootGets("open")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newUndecodableWorld(t)
			for _, p := range tc.refused {
				if got := outcome(p.call(w)); got != p.before {
					t.Fatalf("%s before the damage = %d, want %d", p.name, got, p.before)
				}
			}
			w.damage(tc.scope, tc.kind, tc.mark)
			for _, p := range tc.refused {
				got := outcome(p.call(w))
				t.Logf("%s: %d", p.name, got)
				if got == http.StatusOK || got == 0 {
					t.Errorf("%s with %s undecodable = %d, want it refused (403 or 500)", p.name, tc.name, got)
				}
			}
		})
	}
}
