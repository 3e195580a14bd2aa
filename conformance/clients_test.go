package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/fakeaws/fakeaws/fakeawstest"
)

// The S3 tools people point at fakeaws (issue 10: rclone, s3cmd, restic,
// s3fs, curl --aws-sigv4), each driven as a user drives it, against a
// fresh server per tool, with long-term keys (same account) and with an
// assumed-role session across accounts (Emrys's user assumes a role in
// Odin and works in Odin's buckets). The settings each tool gets are the
// ones docs/clients.md lists; keep the two in step.

const (
	odinAccount  = "222222222222"
	emrysAccount = "111111111111"
	thorAccount  = "333333333333"
	// deniedBucket belongs to Thor and has no bucket policy: neither Odin's
	// user nor the role may touch it, so AWS answers AccessDenied.
	deniedBucket = "thor-private"
	deniedKey    = "secret.txt"
	// largeSize is over 16 MiB so rclone and s3cmd (5 MiB chunks) and s3fs
	// (10 MiB parts) upload it in parts.
	largeSize = 20 << 20
	// stepTimeout bounds one client command: generous, since a shared
	// 2-core machine can be many times slower than a quiet one.
	stepTimeout = 3 * time.Minute
)

// roleName is the role in Odin that Emrys's user merlin assumes.
const roleName = "S3ReadWriteRoleEmrys"

// clientCreds is one way of signing in: long-term keys or a session.
type clientCreds struct {
	name                 string // "user" (long-term keys) or "role" (assumed-role session)
	key, secret, token   string
	account, description string
}

// clientWorld is a server with Odin's user, the role Emrys assumes, and
// Thor's private bucket.
type clientWorld struct {
	srv   *fakeawstest.Server
	creds []clientCreds
	log   *syncBuffer
	small []byte
	large []byte
}

// syncBuffer collects the server's log for a failing test's report.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newClientWorld starts a server and builds the world through the API, as
// the seeds do with the AWS CLI.
func newClientWorld(t *testing.T) *clientWorld {
	t.Helper()
	log := &syncBuffer{}
	srv := fakeawstest.Start(t, fakeawstest.WithLogger(slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelInfo}))))
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log:\n%s", tail(log.String(), 8000))
		}
	})
	w := &clientWorld{srv: srv, log: log, small: []byte("hello from Emrys\n"), large: make([]byte, largeSize)}
	rand.New(rand.NewSource(10)).Read(w.large)
	ctx := context.Background()
	w.creds = append(w.creds, w.odinUser(ctx, t), w.assumedRole(ctx, t))
	thor := w.s3(w.srv.RootConfig(thorAccount))
	if _, err := thor.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(deniedBucket)}); err != nil {
		t.Fatalf("world: Thor's CreateBucket: %v", err)
	}
	if _, err := thor.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(deniedBucket), Key: aws.String(deniedKey),
		Body: strings.NewReader("Thor's")}); err != nil {
		t.Fatalf("world: Thor's PutObject: %v", err)
	}
	return w
}

func (w *clientWorld) s3(cfg aws.Config) *s3.Client {
	return s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
}

// odinS3 is Odin's root user, for checks behind the client's back.
func (w *clientWorld) odinS3() *s3.Client { return w.s3(w.srv.RootConfig(odinAccount)) }

// odinBuckets lets its holder do anything with Odin's "odin-*" buckets.
const odinBuckets = `{"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Action":["s3:CreateBucket","s3:ListBucket","s3:GetBucketLocation","s3:ListBucketMultipartUploads"],"Resource":"arn:aws:s3:::odin-*"},
 {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:DeleteObject","s3:AbortMultipartUpload","s3:ListMultipartUploadParts"],"Resource":"arn:aws:s3:::odin-*/*"}]}`

// odinUser is an IAM user of Odin with an access key: the same-account flow.
func (w *clientWorld) odinUser(ctx context.Context, t *testing.T) clientCreds {
	cfg := w.srv.UserConfig(t, odinAccount, "odin-operator")
	root := iam.NewFromConfig(w.srv.RootConfig(odinAccount))
	if _, err := root.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("odin-operator"),
		PolicyName: aws.String("OdinBuckets"), PolicyDocument: aws.String(odinBuckets)}); err != nil {
		t.Fatalf("world: PutUserPolicy: %v", err)
	}
	c, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return clientCreds{name: "user", key: c.AccessKeyID, secret: c.SecretAccessKey, account: odinAccount,
		description: "long-term keys of Odin's user odin-operator"}
}

// assumedRole is seed 000's flow: Odin's role trusts Emrys, Emrys's user
// merlin may assume it, and the session works in Odin's buckets.
func (w *clientWorld) assumedRole(ctx context.Context, t *testing.T) clientCreds {
	odin := iam.NewFromConfig(w.srv.RootConfig(odinAccount))
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + emrysAccount +
		`:root"},"Action":"sts:AssumeRole"}]}`
	role, err := odin.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(roleName), AssumeRolePolicyDocument: aws.String(trust)})
	if err != nil {
		t.Fatalf("world: CreateRole: %v", err)
	}
	if _, err := odin.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(roleName),
		PolicyName: aws.String("OdinBuckets"), PolicyDocument: aws.String(odinBuckets)}); err != nil {
		t.Fatalf("world: PutRolePolicy: %v", err)
	}
	merlin := w.srv.UserConfig(t, emrysAccount, "merlin")
	if _, err := iam.NewFromConfig(w.srv.RootConfig(emrysAccount)).PutUserPolicy(ctx, &iam.PutUserPolicyInput{
		UserName: aws.String("merlin"), PolicyName: aws.String("AssumeOdinRole"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"` +
			*role.Role.Arn + `"}]}`)}); err != nil {
		t.Fatalf("world: PutUserPolicy: %v", err)
	}
	out, err := sts.NewFromConfig(merlin).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn,
		RoleSessionName: aws.String("s3-access"), DurationSeconds: aws.Int32(3600)})
	if err != nil {
		t.Fatalf("world: AssumeRole: %v", err)
	}
	c := out.Credentials
	return clientCreds{name: "role", key: *c.AccessKeyId, secret: *c.SecretAccessKey, token: *c.SessionToken,
		account: odinAccount, description: "Emrys's merlin as an assumed-role session of Odin's " + roleName}
}

// errUnsupported marks a case a tool has no command for.
var errUnsupported = errors.New("the tool has no command for this")

// objectTool is one S3 tool driven through its command line. Each method
// runs the tool's own command and returns an error carrying its output.
type objectTool interface {
	// makeBucket creates bucket (s3fs: created through the SDK with the
	// same credentials, then mounted).
	makeBucket(bucket string) error
	put(bucket, key, path string) error
	list(bucket string) ([]string, error)
	get(bucket, key, path string) error
	copy(bucket, from, to string) error
	remove(bucket, key string) error
	// presign returns a URL that reads the object without credentials, or
	// the S3 error code AWS answers to the URL this tool makes (when the
	// tool makes one AWS refuses).
	presign(bucket, key string) (u, wantCode string, err error)
	// multipart says whether put sends largeSize bytes in parts.
	multipart() bool
}

// headsFirst is a tool that starts an operation ("get" or "put") with a
// HeadObject: AWS answers a denied HEAD with 403 and no body, so the tool
// can show only the status, which deniedHead returns as the tool prints
// it ("" when op does not start with a HEAD).
type headsFirst interface{ deniedHead(op string) string }

// wantDenied checks a denied op: AccessDenied, or the bare 403 of a HEAD.
func (s *caseState) wantDenied(op string, err error) error {
	if hf, ok := s.tool.(headsFirst); ok && err != nil {
		if shown := hf.deniedHead(op); shown != "" && strings.Contains(err.Error(), shown) {
			return nil
		}
	}
	return wantAccessDenied(err)
}

// toolSpec names a tool and how to build it for one set of credentials.
type toolSpec struct {
	name string
	// available says why the tool cannot run here ("" when it can).
	available func() string
	open      func(t *testing.T, r *toolRunner) objectTool
}

// toolRunner runs one tool's commands with one set of credentials.
type toolRunner struct {
	t      *testing.T
	w      *clientWorld
	creds  clientCreds
	dir    string
	env    []string
	prefix string // the current case, named on a time-out
}

// run runs a command of the tool; a command that outlives stepTimeout is
// killed and the test fails naming the step.
func (r *toolRunner) run(name string, args ...string) (string, error) {
	return r.runIn(nil, name, args...)
}

func (r *toolRunner) runIn(stdin io.Reader, name string, args ...string) (string, error) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env, cmd.Dir, cmd.Stdin = r.env, r.dir, stdin
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		r.t.Fatalf("%s: step %q hung: `%s %s` still running after %v, killed\n%s", r.creds.name, r.prefix, name,
			strings.Join(args, " "), stepTimeout, tail(string(out), 4000))
	}
	if err != nil {
		return string(out), fmt.Errorf("`%s %s`: %v\n%s", name, strings.Join(args, " "), err, tail(string(out), 4000))
	}
	return string(out), nil
}

// toolEnv is the machine's environment without AWS settings, plus creds in
// the AWS_* variables every tool here reads, and a scratch HOME.
func toolEnv(dir string, c clientCreds) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "AWS") || strings.HasPrefix(k, "RCLONE_") || strings.HasPrefix(k, "RESTIC_") || k == "HOME" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "HOME="+dir, "AWS_ACCESS_KEY_ID="+c.key, "AWS_SECRET_ACCESS_KEY="+c.secret,
		"AWS_DEFAULT_REGION=us-east-1", "AWS_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true")
	if c.token != "" {
		env = append(env, "AWS_SESSION_TOKEN="+c.token)
	}
	return env
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}

// TestS3Clients runs every tool in the table through the same cases.
func TestS3Clients(t *testing.T) {
	t.Parallel()
	for _, spec := range s3Tools() {
		t.Run(spec.name, func(t *testing.T) {
			t.Parallel()
			if why := spec.available(); why != "" {
				t.Skipf("%s: skipped: %s", spec.name, why)
			}
			w := newClientWorld(t)
			for _, c := range w.creds {
				t.Run(c.name, func(t *testing.T) {
					skipNearDeadline(t, spec.name)
					dir := t.TempDir()
					r := &toolRunner{t: t, w: w, creds: c, dir: dir, env: toolEnv(dir, c)}
					runToolCases(t, w, r, spec)
				})
			}
		})
	}
}

// toolBudget is what one tool with one set of credentials may need on a
// loaded 2-core machine: starting it later than that before go test's
// -timeout would panic the whole package, so it skips instead.
const toolBudget = 4 * time.Minute

func skipNearDeadline(t *testing.T, tool string) {
	if d, ok := t.Deadline(); ok && time.Until(d) < toolBudget {
		t.Skipf("%s: skipped: only %v left before go test's -timeout (a slow machine); run it alone with -run 'TestS3Clients/%s'",
			tool, time.Until(d).Round(time.Second), tool)
	}
}

// toolCase is one row of the case table; state carries what earlier cases
// made.
type toolCase struct {
	name string
	do   func(ctx context.Context, s *caseState) error
}

type caseState struct {
	w      *clientWorld
	r      *toolRunner
	tool   objectTool
	bucket string
}

func (s *caseState) file(name string, body []byte) string {
	p := filepath.Join(s.r.dir, name)
	if err := os.WriteFile(p, body, 0o644); err != nil {
		s.r.t.Fatal(err)
	}
	return p
}

func runToolCases(t *testing.T, w *clientWorld, r *toolRunner, spec toolSpec) {
	s := &caseState{w: w, r: r, bucket: "odin-" + spec.name + "-" + r.creds.name}
	s.tool = spec.open(t, r)
	cases := toolCases()
	if ec, ok := s.tool.(extraCaser); ok {
		cases = append(cases, ec.extraCases()...)
	}
	for _, c := range cases {
		skipped := false
		ok := t.Run(c.name, func(t *testing.T) {
			r.t, r.prefix = t, spec.name+"/"+r.creds.name+"/"+c.name
			defer func() { r.t = nil }()
			err := c.do(context.Background(), s)
			if errors.Is(err, errUnsupported) {
				skipped = true
				t.Skipf("%s: %v", spec.name, err)
			}
			if err != nil {
				t.Fatalf("%s with %s: %v", spec.name, r.creds.description, err)
			}
		})
		if c.name == "make bucket" && skipped {
			t.Skipf("%s: skipped: no bucket, the other cases cannot run", spec.name)
		}
		if !ok && c.name == "make bucket" {
			t.Fatalf("%s: no bucket, the other cases cannot run", spec.name)
		}
	}
}

// toolCases is the table every tool runs, in order.
func toolCases() []toolCase {
	return []toolCase{
		{"make bucket", func(ctx context.Context, s *caseState) error {
			if err := s.tool.makeBucket(s.bucket); err != nil {
				return err
			}
			_, err := s.w.odinS3().HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(s.bucket)})
			return err
		}},
		{"put small", func(ctx context.Context, s *caseState) error {
			if err := s.tool.put(s.bucket, "small.txt", s.file("small.txt", s.w.small)); err != nil {
				return err
			}
			return s.stored(ctx, "small.txt", s.w.small, false)
		}},
		{"put large", func(ctx context.Context, s *caseState) error {
			if err := s.tool.put(s.bucket, "large.bin", s.file("large.bin", s.w.large)); err != nil {
				return err
			}
			return s.stored(ctx, "large.bin", s.w.large, s.tool.multipart())
		}},
		{"list", func(ctx context.Context, s *caseState) error {
			return s.listed([]string{"large.bin", "small.txt"}, nil)
		}},
		{"get small", func(ctx context.Context, s *caseState) error { return s.got("small.txt", s.w.small) }},
		{"get large", func(ctx context.Context, s *caseState) error { return s.got("large.bin", s.w.large) }},
		{"copy", func(ctx context.Context, s *caseState) error {
			if err := s.tool.copy(s.bucket, "small.txt", "copy.txt"); err != nil {
				return err
			}
			return s.got("copy.txt", s.w.small)
		}},
		{"metadata", metadataCase},
		{"delete", func(ctx context.Context, s *caseState) error {
			if err := s.tool.remove(s.bucket, "copy.txt"); err != nil {
				return err
			}
			_, err := s.w.odinS3().HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(s.bucket), Key: aws.String("copy.txt")})
			if errorCode(err) != "NotFound" {
				return fmt.Errorf("HeadObject after the delete: %v, want NotFound", err)
			}
			return s.listed([]string{"large.bin", "small.txt"}, []string{"copy.txt"})
		}},
		{"presign", func(ctx context.Context, s *caseState) error {
			u, code, err := s.tool.presign(s.bucket, "small.txt")
			if err != nil {
				return err
			}
			err = s.fetchPresigned(ctx, u, s.w.small)
			if code == "" || err == nil {
				return err
			}
			if !strings.Contains(err.Error(), "<Code>"+code+"</Code>") {
				return fmt.Errorf("fetching the presigned URL failed without %s, as AWS answers it: %v", code, err)
			}
			return nil
		}},
		{"denied put", func(ctx context.Context, s *caseState) error {
			return s.wantDenied("put", s.tool.put(deniedBucket, "from-odin.txt", s.file("denied.txt", []byte("no"))))
		}},
		{"denied get", func(ctx context.Context, s *caseState) error {
			return s.wantDenied("get", s.tool.get(deniedBucket, deniedKey, filepath.Join(s.r.dir, "denied-get.txt")))
		}},
	}
}

// stored checks the object as Odin's root sees it; multipart objects carry
// an ETag ending in "-N".
func (s *caseState) stored(ctx context.Context, key string, want []byte, multipart bool) error {
	out, err := s.w.odinS3().GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(key)})
	if err != nil {
		return fmt.Errorf("GetObject %s after the put: %v", key, err)
	}
	defer out.Body.Close()
	got, err := io.ReadAll(out.Body)
	if err != nil || !bytes.Equal(got, want) {
		return fmt.Errorf("stored %s: %d bytes (%v), want the %d bytes put", key, len(got), err, len(want))
	}
	etag := aws.ToString(out.ETag)
	if multipart != strings.Contains(etag, "-") {
		return fmt.Errorf("stored %s has ETag %s; multipart upload expected: %v", key, etag, multipart)
	}
	return nil
}

func (s *caseState) listed(want, absent []string) error {
	keys, err := s.tool.list(s.bucket)
	if err != nil {
		return err
	}
	for _, k := range want {
		if !slices.Contains(keys, k) {
			return fmt.Errorf("listed %q, want %q among them", keys, k)
		}
	}
	for _, k := range absent {
		if slices.Contains(keys, k) {
			return fmt.Errorf("listed %q, want no %q", keys, k)
		}
	}
	return nil
}

func (s *caseState) got(key string, want []byte) error {
	p := filepath.Join(s.r.dir, "got-"+key)
	_ = os.Remove(p)
	if err := s.tool.get(s.bucket, key, p); err != nil {
		return err
	}
	got, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("got %d bytes for %s, not the %d bytes put", len(got), key, len(want))
	}
	return nil
}

// wantAccessDenied checks that the tool failed and showed S3's code.
func wantAccessDenied(err error) error {
	if errors.Is(err, errUnsupported) {
		return err
	}
	if err == nil {
		return errors.New("the tool succeeded; AWS answers AccessDenied (Thor's bucket has no policy for Odin)")
	}
	if !strings.Contains(err.Error(), "AccessDenied") && !strings.Contains(err.Error(), "Access Denied") {
		return fmt.Errorf("the tool failed without surfacing AccessDenied: %v", err)
	}
	return nil
}

// fetchPresigned reads a presigned URL with no credentials at all: with
// curl when it is installed (what a link is usually handed to), else Go.
func (s *caseState) fetchPresigned(ctx context.Context, u string, want []byte) error {
	if _, err := exec.LookPath("curl"); err == nil {
		p := filepath.Join(s.r.dir, "presigned.out")
		if _, err := s.r.run("curl", "-sS", "--fail-with-body", "-o", p, u); err != nil {
			b, _ := os.ReadFile(p)
			return fmt.Errorf("%v\n%s", err, b)
		}
		got, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(got, want) {
			return fmt.Errorf("curl %s: %q (%v), want %q", u, got, err, want)
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || !bytes.Equal(got, want) {
		return fmt.Errorf("GET %s: %d %q, want 200 %q", u, resp.StatusCode, tail(string(got), 500), want)
	}
	return nil
}

// binaryMissing says why name cannot run ("" when it is on PATH).
func binaryMissing(name string) string {
	if _, err := exec.LookPath(name); err != nil {
		return name + " is not installed (Debian package " + name + "; .ci/run installs it)"
	}
	return ""
}
