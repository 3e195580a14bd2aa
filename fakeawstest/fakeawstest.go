// Package fakeawstest runs a whole fakeaws inside a Go test, the way
// net/http/httptest runs an HTTP server: IAM, STS and S3 on 127.0.0.1:0 over
// an ephemeral store, enforcing IAM with the same code the binary runs, and
// stopped when the test ends.
//
//	func TestReadsPartnerBucket(t *testing.T) {
//		srv := fakeawstest.Start(t)
//		admin := s3.NewFromConfig(srv.RootConfig("222222222222"))
//		// ... create the bucket and its policy as account 222222222222 ...
//		cfg := srv.AssumedRoleConfig(t, "111111111111", "reader", 15*time.Minute)
//		_, err := s3.NewFromConfig(cfg).GetObject(ctx, ...)
//		srv.Advance(16 * time.Minute) // the session has expired now
//	}
//
// Advance moves fakeaws's clock forward, so expiry (sessions, presigned URLs,
// MFA codes, Object Lock retention, aws:CurrentTime) can be tested in
// milliseconds; signatures keep being checked against the wall clock.
package fakeawstest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/config"
	"github.com/fakeaws/fakeaws/emulator/expect"
	"github.com/fakeaws/fakeaws/emulator/lazydeadline"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Region is the region the returned configurations use.
const Region = "us-east-1"

// Server is a running fakeaws.
type Server struct {
	// URL is the endpoint, e.g. http://127.0.0.1:40123: what
	// AWS_ENDPOINT_URL or an SDK's BaseEndpoint is set to.
	URL string
	emu *emulator.Server
}

// Option configures Start.
type Option func(*settings) error

type settings struct {
	world   *config.Config
	strict  bool
	iamMode authz.Mode
	logger  *slog.Logger
}

// WithConfigFile creates the world a --config file declares at start.
func WithConfigFile(path string) Option {
	return func(s *settings) error {
		c, err := config.Load(path)
		if err != nil {
			return fmt.Errorf("config %s: %w", path, err)
		}
		s.world = c
		return nil
	}
}

// WithWorld creates the world c declares at start, as --config does.
func WithWorld(c *config.Config) Option {
	return func(s *settings) error {
		if err := c.Validate(); err != nil {
			return fmt.Errorf("world: %w", err)
		}
		s.world = c
		return nil
	}
}

// WithStrictAccounts turns off auto-created accounts (--strict-accounts):
// only the world's keys work.
func WithStrictAccounts() Option {
	return func(s *settings) error { s.strict = true; return nil }
}

// WithIAM sets the enforcement mode (--iam): "enforce" (default), "soft" or
// "off".
func WithIAM(mode string) Option {
	return func(s *settings) error {
		m, err := authz.ParseMode(mode)
		s.iamMode = m
		return err
	}
}

// WithLogger sends the server's log to l (default: discarded).
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error { s.logger = l; return nil }
}

// Start runs fakeaws on a free loopback port for the rest of the test.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	var set settings
	for _, o := range opts {
		if err := o(&set); err != nil {
			t.Fatalf("fakeawstest.Start: %v", err)
		}
	}
	db, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatalf("fakeawstest.Start: open store: %v", err)
	}
	legacy := set.world != nil && set.world.LegacyBucketDefaults
	emu, err := emulator.New(db, emulator.Options{IAM: set.iamMode, StrictAccounts: set.strict, Logger: set.logger,
		LegacyBucketDefaults: legacy})
	if err != nil {
		db.Close()
		t.Fatalf("fakeawstest.Start: %v", err)
	}
	if set.world != nil {
		if err := config.Apply(context.Background(), emu, set.world, config.Options{Now: emu.Clock().Now}); err != nil {
			db.Close()
			t.Fatalf("fakeawstest.Start: world: %v", err)
		}
	}
	ts := httptest.NewUnstartedServer(emu)
	ts.Listener = expect.Listener(lazydeadline.Listener(ts.Listener)) // as cmd/fakeaws serves
	ts.Start()
	t.Cleanup(func() {
		ts.Close()
		if err := db.Check(); err != nil {
			t.Errorf("fakeawstest: store consistency check: %v", err)
		}
		if err := db.Close(); err != nil {
			t.Errorf("fakeawstest: close store: %v", err)
		}
	})
	return &Server{URL: ts.URL, emu: emu}
}

// Emulator is the server itself, for tools that need more than the API
// (the decision log, the store).
func (s *Server) Emulator() *emulator.Server { return s.emu }

// Advance moves fakeaws's clock forward by d. It panics if d is negative:
// the clock never goes back.
func (s *Server) Advance(d time.Duration) {
	if _, err := s.emu.Clock().Advance(d); err != nil {
		panic(fmt.Sprintf("fakeawstest: Advance(%v): %v", d, err))
	}
}

// Config is an aws.Config for the given credentials, pointed at the server.
func (s *Server) Config(accessKeyID, secret, sessionToken string) aws.Config {
	return aws.Config{
		Region:       Region,
		BaseEndpoint: aws.String(s.URL),
		Credentials:  credentials.NewStaticCredentialsProvider(accessKeyID, secret, sessionToken),
		HTTPClient:   &http.Client{Timeout: time.Minute},
		// LoadDefaultConfig's defaults: a checksum on every upload that
		// supports one, and response checksums validated.
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenSupported,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenSupported,
	}
}

// RootConfig acts as the root user of account (12 digits), which exists
// from its first use unless the server runs WithStrictAccounts.
func (s *Server) RootConfig(account string) aws.Config {
	return s.Config(account, "test", "")
}

// UserConfig creates IAM user name in account (if it does not exist yet)
// with a new access key, and acts as that user. The user has no policies:
// attach what the test needs with RootConfig.
func (s *Server) UserConfig(t testing.TB, account, name string) aws.Config {
	t.Helper()
	ctx := context.Background()
	root := iam.NewFromConfig(s.RootConfig(account))
	if _, err := root.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)}); err != nil && !isCode(err, "EntityAlreadyExists") {
		t.Fatalf("fakeawstest: create user %s in %s: %v", name, account, err)
	}
	key, err := root.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(name)})
	if err != nil {
		t.Fatalf("fakeawstest: create access key for %s in %s: %v", name, account, err)
	}
	return s.Config(*key.AccessKey.AccessKeyId, *key.AccessKey.SecretAccessKey, "")
}

// AssumedRoleConfig creates role in account trusting the account (if it
// does not exist yet) and a user "<role>-caller" allowed to assume it, then
// acts as a session of the role obtained by a real AssumeRole lasting
// duration (AWS allows 15 minutes up to the role's maximum). The role has no
// permission policies: attach what the test needs with RootConfig.
func (s *Server) AssumedRoleConfig(t testing.TB, account, role string, duration time.Duration) aws.Config {
	t.Helper()
	ctx := context.Background()
	root := iam.NewFromConfig(s.RootConfig(account))
	trust := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",`+
		`"Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}`, account)
	created, err := root.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(role), AssumeRolePolicyDocument: aws.String(trust)})
	var roleARN string
	switch {
	case err == nil:
		roleARN = *created.Role.Arn
	case isCode(err, "EntityAlreadyExists"):
		got, err := root.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(role)})
		if err != nil {
			t.Fatalf("fakeawstest: get role %s in %s: %v", role, account, err)
		}
		roleARN = *got.Role.Arn
	default:
		t.Fatalf("fakeawstest: create role %s in %s: %v", role, account, err)
	}
	caller := role + "-caller"
	if len(caller) > 64 {
		caller = caller[len(caller)-64:]
	}
	userCfg := s.UserConfig(t, account, caller)
	allow := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":%q}]}`, roleARN)
	if _, err := root.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(caller),
		PolicyName: aws.String("assume-" + role), PolicyDocument: aws.String(allow)}); err != nil {
		t.Fatalf("fakeawstest: allow %s to assume %s: %v", caller, role, err)
	}
	out, err := sts.NewFromConfig(userCfg).AssumeRole(ctx, &sts.AssumeRoleInput{
		RoleArn: aws.String(roleARN), RoleSessionName: aws.String("fakeawstest"),
		DurationSeconds: aws.Int32(int32(duration / time.Second)),
	})
	if err != nil {
		t.Fatalf("fakeawstest: assume %s for %v: %v", roleARN, duration, err)
	}
	c := out.Credentials
	return s.Config(*c.AccessKeyId, *c.SecretAccessKey, *c.SessionToken)
}

func isCode(err error, code string) bool {
	var ae smithy.APIError
	return errors.As(err, &ae) && ae.ErrorCode() == code
}
