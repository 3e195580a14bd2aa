package config_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/config"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
	"github.com/fakeaws/fakeaws/emulator/store"
)

func newServer(t *testing.T) *emulator.Server {
	t.Helper()
	return emulatortest.New(t, emulator.Options{})
}

func parse(t *testing.T, src string) *config.Config {
	t.Helper()
	c, err := config.Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

const world = `{"accounts":[
 {"id":"111111111111","alias":"emrys",
  "users":[{"name":"merlin","path":"/wizards/","groups":["devs"],"tags":{"team":"a"},
            "policies":{"inline":{"self":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}},
                        "attached":["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]},
            "boundary":"arn:aws:iam::111111111111:policy/Boundary"}],
  "groups":[{"name":"devs","policies":{"attached":["arn:aws:iam::111111111111:policy/AssumeOdinRole"]}}],
  "policies":[
   {"name":"AssumeOdinRole","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::222222222222:role/S3ReadWriteRoleEmrys"}]}},
   {"name":"Boundary","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}],
  "accessKeys":[{"id":"AKIAEMRYSMERLIN00001","secret":"merlin-secret","user":"MERLIN"},
                {"id":"AKIAEMRYSROOT0000001","secret":"root-secret"}]},
 {"id":"222222222222","alias":"odin",
  "roles":[
   {"name":"S3ReadWriteRoleEmrys","maxSessionDuration":28800,
    "trust":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/wizards/merlin"},"Action":"sts:AssumeRole"}]},
    "policies":{"inline":{"s3":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::odin-bucket","arn:aws:s3:::odin-bucket/*"]}]}}},
    "tags":{"env":"test"}},
   {"name":"Chained","trust":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/Later"},"Action":"sts:AssumeRole"}]}},
   {"name":"Later","trust":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}}],
  "buckets":[{"name":"odin-bucket","versioning":"Enabled",
    "policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/S3ReadWriteRoleEmrys"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::odin-bucket/*"}]},
    "objects":[{"key":"dir/hello world.txt","body":"hello","contentType":"text/plain"}]}],
  "oidcProviders":[{"url":"https://token.example.com/path","clientIds":["sts.amazonaws.com"],"thumbprints":["0123456789012345678901234567890123456789"]}]}]}`

// snapshot reads back what the world should have created.
type snapshot struct {
	user     store.User
	group    store.Group
	role     store.Role
	policy   store.ManagedPolicy
	key      store.AccessKey
	rootKey  store.AccessKey
	bucket   store.Bucket
	object   store.S3Object
	provider bool
	alias    store.AccountAlias
}

func read(t *testing.T, srv *emulator.Server) snapshot {
	t.Helper()
	var s snapshot
	err := srv.DB().View(context.Background(), func(tx *store.Tx) error {
		return errors.Join(
			tx.Get("111111111111", store.KindUser, "merlin", &s.user),
			tx.Get("111111111111", store.KindGroup, "devs", &s.group),
			tx.Get("111111111111", store.KindPolicy, "/assumeodinrole", &s.policy),
			tx.Get("222222222222", store.KindRole, "s3readwriteroleemrys", &s.role),
			tx.Get(store.Global, store.KindAccessKey, "AKIAEMRYSMERLIN00001", &s.key),
			tx.Get(store.Global, store.KindAccessKey, "AKIAEMRYSROOT0000001", &s.rootKey),
			tx.Get(store.Global, store.KindBucket, "odin-bucket", &s.bucket),
			tx.CurrentObject("odin-bucket", "dir/hello world.txt", &s.object),
			tx.Get(store.Global, store.KindAccountAlias, "odin", &s.alias),
		)
	})
	if err != nil {
		t.Fatalf("reading the applied world: %v", err)
	}
	_ = srv.DB().View(context.Background(), func(tx *store.Tx) error {
		s.provider = tx.Exists("222222222222", store.KindOIDCProvider, "token.example.com/path")
		return nil
	})
	return s
}

func TestApplyWorld(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := parse(t, world)
	if err := config.Apply(context.Background(), srv, c, config.Options{}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	s := read(t, srv)
	checks := []struct {
		what      string
		got, want any
	}{
		{"user ARN", s.user.ARN, "arn:aws:iam::111111111111:user/wizards/merlin"},
		{"user groups", strings.Join(s.user.Groups, ","), "devs"},
		{"user inline policies", len(s.user.Inline), 1},
		{"user attached", strings.Join(s.user.Attached, ","), "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"},
		{"user boundary", s.user.Boundary, "arn:aws:iam::111111111111:policy/Boundary"},
		{"user tags", len(s.user.Tags), 1},
		{"group attached", strings.Join(s.group.Attached, ","), "arn:aws:iam::111111111111:policy/AssumeOdinRole"},
		{"role max session", s.role.MaxSessionDuration, 28800},
		{"role inline", len(s.role.Inline), 1},
		{"role tags", len(s.role.Tags), 1},
		{"user key account", s.key.Account, "111111111111"},
		{"user key user (as created)", s.key.UserName, "merlin"},
		{"user key secret", s.key.Secret, "merlin-secret"},
		{"user key status", s.key.Status, "Active"},
		{"root key user", s.rootKey.UserName, ""},
		{"bucket owner", s.bucket.Account, "222222222222"},
		{"bucket versioning", s.bucket.Versioning, "Enabled"},
		{"bucket policy set", s.bucket.Policy != "", true},
		{"object size", s.object.Size, int64(5)},
		{"object content type", s.object.ContentType, "text/plain"},
		{"OIDC provider", s.provider, true},
		{"alias owner", s.alias.Account, "222222222222"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
}

func TestApplyIsIdempotent(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	ctx := context.Background()
	c := parse(t, world)
	if err := config.Apply(ctx, srv, c, config.Options{}); err != nil {
		t.Fatalf("first Apply: %v", err)
	}
	first := read(t, srv)
	if err := config.Apply(ctx, srv, c, config.Options{}); err != nil {
		t.Fatalf("second Apply of the same config: %v", err)
	}
	second := read(t, srv)
	if got, want := len(second.policy.Versions), len(first.policy.Versions); got != want {
		t.Errorf("policy versions after re-apply = %d, want %d (unchanged)", got, want)
	}
	if second.user.ID != first.user.ID || second.role.ID != first.role.ID {
		t.Errorf("re-apply recreated entities: user %s→%s, role %s→%s", first.user.ID, second.user.ID, first.role.ID, second.role.ID)
	}
	if !second.key.Created.Equal(first.key.Created) {
		t.Errorf("access key Created changed on re-apply: %v → %v", first.key.Created, second.key.Created)
	}

	// A changed document becomes the policy's new default version; a changed
	// trust policy and MaxSessionDuration replace the role's.
	changed := strings.Replace(world, `"Action":"sts:AssumeRole","Resource":"arn:aws:iam::222222222222:role/S3ReadWriteRoleEmrys"`,
		`"Action":"sts:AssumeRole","Resource":"arn:aws:iam::222222222222:role/*"`, 1)
	changed = strings.Replace(changed, `"maxSessionDuration":28800`, `"maxSessionDuration":7200`, 1)
	changed = strings.Replace(changed, `"Principal":{"AWS":"arn:aws:iam::111111111111:user/wizards/merlin"}`,
		`"Principal":{"AWS":"arn:aws:iam::111111111111:root"}`, 1)
	changed = strings.Replace(changed, `"body":"hello"`, `"body":"hello again"`, 1)
	for i := range 5 { // more updates than IAM keeps versions
		c2 := parse(t, strings.Replace(changed, `role/*`, `role/v`+string(rune('0'+i)), 1))
		if err := config.Apply(ctx, srv, c2, config.Options{}); err != nil {
			t.Fatalf("Apply of changed config #%d: %v", i, err)
		}
	}
	third := read(t, srv)
	if doc := third.policy.DefaultDocument(); !strings.Contains(doc, "role/v4") {
		t.Errorf("policy default document = %s, want the last applied one (role/v4)", doc)
	}
	if n := len(third.policy.Versions); n > 5 {
		t.Errorf("policy has %d versions, want at most 5", n)
	}
	if third.role.MaxSessionDuration != 7200 || !strings.Contains(third.role.TrustPolicy, ":root") {
		t.Errorf("role after re-apply: max %d trust %s; want 7200 and the root principal", third.role.MaxSessionDuration, third.role.TrustPolicy)
	}
	if third.object.Size != int64(len("hello again")) {
		t.Errorf("object size after re-apply = %d, want %d", third.object.Size, len("hello again"))
	}
}

func TestApplyErrorPaths(t *testing.T) {
	t.Parallel()
	trust := func(principal string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + principal + `"},"Action":"sts:AssumeRole"}]}`
	}
	tests := []struct {
		name     string
		src      string
		wantPath string
		wantCode string
	}{
		{"trust names a missing user",
			`{"accounts":[{"id":"111111111111"},{"id":"222222222222","roles":[{"name":"r","trust":` + trust("arn:aws:iam::111111111111:user/nobody") + `}]}]}`,
			"accounts[1].roles[0].trust", "MalformedPolicyDocument"},
		{"trust names a role nobody declares",
			`{"accounts":[{"id":"111111111111","roles":[{"name":"a","trust":` + trust("arn:aws:iam::111111111111:role/b") + `}]}]}`,
			"accounts[0].roles[0].trust", "MalformedPolicyDocument"},
		{"trust grammar",
			`{"accounts":[{"id":"111111111111","roles":[{"name":"r","trust":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}}]}]}`,
			"accounts[0].roles[0].trust", "MalformedPolicyDocument"},
		{"max session duration",
			`{"accounts":[{"id":"111111111111","roles":[{"name":"r","maxSessionDuration":100,"trust":` + trust("arn:aws:iam::111111111111:root") + `}]}]}`,
			"accounts[0].roles[0].maxSessionDuration", "ValidationError"},
		{"bucket name upper case",
			`{"accounts":[{"id":"111111111111","buckets":[{"name":"SampleBucketA"}]}]}`,
			"accounts[0].buckets[0].name", "InvalidBucketName"},
		{"bucket policy invalid resource",
			`{"accounts":[{"id":"222222222222","buckets":[{"name":"cross-account-bucket","policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::222222222222/cross-account-bucket"}]}}]}]}`,
			"accounts[0].buckets[0].policy", "MalformedPolicy"},
		{"bucket policy missing principal user",
			`{"accounts":[{"id":"222222222222","buckets":[{"name":"b-1","policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/nobody"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b-1/*"}]}}]}]}`,
			"accounts[0].buckets[0].policy", "MalformedPolicy"},
		{"managed policy document",
			`{"accounts":[{"id":"111111111111","policies":[{"name":"p","document":{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}}]}]}`,
			"accounts[0].policies[0].document", "MalformedPolicyDocument"},
		{"attached policy missing",
			`{"accounts":[{"id":"111111111111","users":[{"name":"u","policies":{"attached":["arn:aws:iam::111111111111:policy/Nope"]}}]}]}`,
			"accounts[0].users[0].policies.attached[0]", "NoSuchEntity"},
		{"inline policy document",
			`{"accounts":[{"id":"111111111111","groups":[{"name":"g","policies":{"inline":{"p":{"Statement":"nope"}}}}]}]}`,
			"accounts[0].groups[0].policies.inline.p", "MalformedPolicyDocument"},
		{"user name",
			`{"accounts":[{"id":"111111111111","users":[{"name":"bad name!"}]}]}`,
			"accounts[0].users[0].name", "ValidationError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			err := config.Apply(context.Background(), srv, parse(t, tt.src), config.Options{})
			var ce *config.Error
			if !errors.As(err, &ce) {
				t.Fatalf("Apply error = %v, want a *config.Error at %s", err, tt.wantPath)
			}
			if ce.Path != tt.wantPath || ce.Code != tt.wantCode {
				t.Errorf("Apply error at %s (%s), want %s (%s); error: %v", ce.Path, ce.Code, tt.wantPath, tt.wantCode, err)
			}
		})
	}
}

func TestApplyAccessKeyOfAnotherAccount(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	ctx := context.Background()
	one := parse(t, `{"accounts":[{"id":"111111111111","accessKeys":[{"id":"AKIA0000000000000001","secret":"s"}]}]}`)
	two := parse(t, `{"accounts":[{"id":"222222222222","accessKeys":[{"id":"AKIA0000000000000001","secret":"s"}]}]}`)
	if err := config.Apply(ctx, srv, one, config.Options{Now: func() time.Time { return time.Unix(0, 0) }}); err != nil {
		t.Fatal(err)
	}
	err := config.Apply(ctx, srv, two, config.Options{})
	var ce *config.Error
	if !errors.As(err, &ce) || ce.Path != "accounts[0].accessKeys[0].id" {
		t.Errorf("Apply of a key owned by another account: error %v, want one at accounts[0].accessKeys[0].id", err)
	}
}

func TestExamplesApply(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../../examples/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c := parse(t, string(b))
			srv := newServer(t)
			for i := range 2 {
				if err := config.Apply(context.Background(), srv, c, config.Options{}); err != nil {
					t.Fatalf("Apply #%d of %s: %v", i+1, f, err)
				}
			}
		})
	}
}
