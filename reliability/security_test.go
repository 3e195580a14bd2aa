package reliability

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// admin sends one request to an admin endpoint with the given Host and
// headers, returning its status, headers and body.
func (s *server) admin(t *testing.T, method, path, host string, header map[string]string) (int, http.Header, string) {
	t.Helper()
	r, err := http.NewRequest(method, s.url+path, strings.NewReader("x=y"))
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		r.Host = host
	}
	for k, v := range header {
		r.Header.Set(k, v)
	}
	resp, err := (&http.Client{Timeout: stepTimeout}).Do(r)
	if err != nil {
		t.Fatal(hung(method+" "+path, err))
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// Issue 11 item 7, through the binary: a DNS-rebinding name cannot read
// the admin endpoints, a cross-site form POST cannot reset, and the console
// carries CSP and X-Frame-Options. Before the fix both requests answered
// 200 and the reset wiped everything.
func TestAdminGuard(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	s.put(t, "/guarded", "")
	s.put(t, "/guarded/kept", "kept")
	for _, path := range []string{"/_fakeaws/world", "/_fakeaws/decisions"} {
		if status, _, body := s.admin(t, http.MethodGet, path, "evil.example:4566", nil); status != http.StatusForbidden {
			t.Errorf("GET %s with Host evil.example = %d %.80q, want 403", path, status, body)
		}
	}
	cross := map[string]string{"Origin": "http://evil.example", "Content-Type": "text/plain"}
	if status, _, body := s.admin(t, http.MethodPost, "/_fakeaws/reset", "", cross); status != http.StatusForbidden {
		t.Errorf("cross-site POST /_fakeaws/reset = %d %.80q, want 403", status, body)
	}
	ctx, cancel := stepCtx()
	defer cancel()
	if got, _, _, err := getObject(ctx, s.s3(), "guarded", "kept", ""); err != nil || got != "kept" {
		t.Errorf("GET guarded/kept after the refused reset = %q, %v; want kept", got, err)
	}
	status, h, _ := s.admin(t, http.MethodGet, "/_fakeaws/ui", "", nil)
	if status != 200 || h.Get("X-Frame-Options") != "DENY" || !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Errorf("GET /_fakeaws/ui = %d, X-Frame-Options %q, Content-Security-Policy %q; want 200, DENY and frame-ancestors 'none'",
			status, h.Get("X-Frame-Options"), h.Get("Content-Security-Policy"))
	}
}

// Issue 11 item 8, through the binary and a restart: a session belongs to
// its principal's unique id. Before the fix a deleted role's session worked
// again once a role of the same name was created, and a deleted user's
// GetSessionToken session acted as the new user of that name.
func TestSessionsOfRecreatedPrincipalsRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := start(t, dir)
	key, secret := setUpKillWorld(t, s) // user "assumer", allowed to assume every role
	ctx, cancel := stepCtx()
	defer cancel()
	l := newLedger()
	if err := createAndAssume(s, s.config(key, secret, ""), l, "recreated"); err != nil {
		t.Fatal(err)
	}
	roleCreds := l.sessions[0].creds
	userCreds, err := sts.NewFromConfig(s.config(key, secret, "")).GetSessionToken(ctx, &sts.GetSessionTokenInput{})
	if err != nil {
		t.Fatal(hung("GetSessionToken", err))
	}
	sessions := map[string]aws.Config{}

	// Both sessions survive a restart while their principals stand.
	s.stop(t)
	s = start(t, dir)
	sessions["role session"] = s.config(aws.ToString(roleCreds.AccessKeyId), aws.ToString(roleCreds.SecretAccessKey), aws.ToString(roleCreds.SessionToken))
	c := userCreds.Credentials
	sessions["user session"] = s.config(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken))
	for name, cfg := range sessions {
		if _, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
			t.Fatalf("%s after a restart: %v", name, err)
		}
	}

	recreatePrincipals(ctx, t, s)
	for name, cfg := range sessions {
		if out, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); codeOf(err) != "InvalidClientTokenId" {
			arn := ""
			if out != nil {
				arn = aws.ToString(out.Arn)
			}
			t.Errorf("%s after its principal was re-created: GetCallerIdentity = %q, %v; want InvalidClientTokenId", name, arn, err)
		}
		// S3's answer, recorded against AWS for a re-created role's
		// session in justincormack/argmin guides/aws-compatibility.md.
		if _, err := s3Client(cfg).ListBuckets(ctx, &s3.ListBucketsInput{}); codeOf(err) != "InvalidAccessKeyId" {
			t.Errorf("%s after its principal was re-created: ListBuckets = %v; want InvalidAccessKeyId", name, err)
		}
	}
}

// recreatePrincipals deletes role "recreated" and user "assumer" and
// creates them again under the same names (so with new unique ids).
func recreatePrincipals(ctx context.Context, t *testing.T, s *server) {
	t.Helper()
	cl := iam.NewFromConfig(s.rootConfig())
	keys, err := cl.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String(assumer)})
	if err != nil {
		t.Fatal(hung("ListAccessKeys", err))
	}
	for _, k := range keys.AccessKeyMetadata {
		if _, err := cl.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String(assumer), AccessKeyId: k.AccessKeyId}); err != nil {
			t.Fatal(hung("DeleteAccessKey", err))
		}
	}
	steps := []struct {
		name string
		run  func() error
	}{
		{"DeleteUserPolicy", func() error {
			_, err := cl.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: aws.String(assumer), PolicyName: aws.String("assume")})
			return err
		}},
		{"DeleteUser", func() error {
			_, err := cl.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String(assumer)})
			return err
		}},
		{"CreateUser", func() error {
			_, err := cl.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(assumer)})
			return err
		}},
		{"DeleteRole", func() error {
			_, err := cl.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("recreated")})
			return err
		}},
		{"CreateRole", func() error {
			trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + account + `:root"},"Action":"sts:AssumeRole"}]}`
			_, err := cl.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("recreated"), AssumeRolePolicyDocument: aws.String(trust)})
			return err
		}},
	}
	for _, st := range steps {
		if err := st.run(); err != nil {
			t.Fatal(hung(st.name, err))
		}
	}
}

// Issue 11 item 12, through the binary: a key that is not UTF-8 is refused
// (400 InvalidURI), and one a store already holds (written here while the
// server is stopped, as an older fakeaws could) is listed with
// encoding-type=url as its raw bytes, not as U+FFFD, so a listing reaches
// it.
func TestInvalidUTF8Keys(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := start(t, dir)
	s.put(t, "/utf8", "")
	ctx, cancel := stepCtx()
	defer cancel()
	_, err := s.s3().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("utf8"), Key: aws.String("a\xffb"), Body: strings.NewReader("x")})
	if statusOf(err) != 400 || codeOf(err) != "InvalidURI" {
		t.Errorf("PUT a\\xffb = %v; want 400 InvalidURI", err)
	}
	s.stop(t)

	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	legacy := "a\xffb"
	err = db.Update(ctx, func(tx *store.Tx) error {
		return tx.Put(store.Global, store.S3VersionKind("utf8"), store.S3VersionKey(legacy, 0), &store.S3Object{Key: legacy, VersionID: "null",
			Owner: account, ETag: `"d41d8cd98f00b204e9800998ecf8427e"`})
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}

	s = start(t, dir)
	_, _, body := s.signedGet(t, "/utf8?list-type=2&encoding-type=url")
	if !strings.Contains(body, "<Key>a%FFb</Key>") || strings.Contains(body, "%EF%BF%BD") {
		t.Errorf("ListObjectsV2 encoding-type=url = %s; want the key listed as a%%FFb", body)
	}
}

// signedGet sends a GET signed as the root of account, for answers the SDK
// would decode.
func (s *server) signedGet(t *testing.T, path string) (int, http.Header, string) {
	t.Helper()
	r, err := http.NewRequest(http.MethodGet, s.url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
	creds := aws.Credentials{AccessKeyID: account, SecretAccessKey: "test"}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Timeout: stepTimeout}).Do(r)
	if err != nil {
		t.Fatal(hung("GET "+path, err))
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// Issue 11 item 10, through the binary: a stored Deny that no longer
// parses (written here while the server is stopped, as a newer grammar
// might reject an old document) still denies after a restart. Before the
// fix it was skipped, and the user's AdministratorAccess allowed the read.
func TestUnparsableStoredDenyStillDenies(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := start(t, dir)
	s.put(t, "/guarded", "")
	s.put(t, "/guarded/report", "secret")
	ctx, cancel := stepCtx()
	defer cancel()
	cl := iam.NewFromConfig(s.rootConfig())
	const deny = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}`
	steps := []struct {
		name string
		run  func() error
	}{
		{"CreateUser", func() error {
			_, err := cl.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")})
			return err
		}},
		{"AttachUserPolicy", func() error {
			_, err := cl.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("alice"),
				PolicyArn: aws.String("arn:aws:iam::aws:policy/AdministratorAccess")})
			return err
		}},
		{"PutUserPolicy", func() error {
			_, err := cl.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("alice"),
				PolicyName: aws.String("no-reads"), PolicyDocument: aws.String(deny)})
			return err
		}},
	}
	for _, st := range steps {
		if err := st.run(); err != nil {
			t.Fatal(hung(st.name, err))
		}
	}
	key, err := cl.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("alice")})
	if err != nil {
		t.Fatal(hung("CreateAccessKey", err))
	}
	alice := func() *s3.Client {
		return s3Client(s.config(aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey), ""))
	}
	if _, _, _, err := getObject(ctx, alice(), "guarded", "report", ""); codeOf(err) != "AccessDenied" {
		t.Fatalf("GET as alice under a valid Deny = %v, want AccessDenied", err)
	}
	s.stop(t)

	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(ctx, func(tx *store.Tx) error {
		var u store.User
		if err := tx.Get(account, store.KindUser, "alice", &u); err != nil {
			return err
		}
		u.Policies.Inline["no-reads"] = strings.Replace(deny, `"Resource":"*"`, `"Resource":"*","Future":1`, 1)
		return tx.Put(account, store.KindUser, "alice", &u)
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}

	s = start(t, dir)
	if got, _, _, err := getObject(ctx, alice(), "guarded", "report", ""); statusOf(err) != 403 || codeOf(err) != "AccessDenied" {
		t.Errorf("GET as alice under a Deny that no longer parses = %q, %v; want 403 AccessDenied", got, err)
	}
}

// Issue 11 item 9, through the binary: a client that never finishes its
// headers (slowloris) is cut after the header timeout (30 s) instead of
// holding its connection forever. Skipped with -short: it waits for that
// timeout. Bodies that stall and idle keep-alive connections have their
// own in-process tests with shortened timeouts.
func TestSlowHeadersAreCut(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the 30 s header timeout")
	}
	t.Parallel()
	s := start(t, t.TempDir())
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "PUT /slow/k HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Drip: "); err != nil {
		t.Fatal(err)
	}
	const bound = 3 * time.Minute
	_ = conn.SetReadDeadline(time.Now().Add(bound))
	_, err = io.Copy(io.Discard, conn)
	if isTimeout(err) {
		t.Fatalf("step 'wait for the server to cut unfinished headers' hung: the connection was still open after %v", bound)
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
