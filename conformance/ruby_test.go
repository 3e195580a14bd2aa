package conformance

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/conformance/clientrun"
	"github.com/fakeaws/fakeaws/emulator/config"
)

// rubyWorld is the --config world of TestRubySDK: Emrys's user merlin
// (with a key), Odin's role S3ReadWriteRoleEmrys and odin-bucket holding
// hello.txt. The Ruby SDK has no IAM client here, so the world is made
// by the server.
const rubyWorld = "../examples/emrys-odin.json"

// TestRubySDK runs the seed cross-account flow and S3 with the SDK's
// defaults through the AWS SDK for Ruby (conformance/ruby/seeds.rb) and
// checks each call's outcome, printed by the script as a STEP line,
// against rubySteps.
func TestRubySDK(t *testing.T) {
	t.Parallel()
	ruby, err := exec.LookPath("ruby")
	if err != nil {
		t.Skip("ruby not installed (apt-get install ruby-aws-sdk-s3 ruby-aws-sdk-core): skipping the Ruby SDK seeds")
	}
	if out, err := exec.Command(ruby, "-e", `require "aws-sdk-core"; require "aws-sdk-s3"`).CombinedOutput(); err != nil {
		t.Skipf("the aws-sdk-s3 / aws-sdk-core gems cannot be loaded (apt-get install ruby-aws-sdk-s3 ruby-aws-sdk-core, or gem install aws-sdk-s3): skipping the Ruby SDK seeds\n%s", tail(string(out), 500))
	}
	w := readRubyWorld(t)
	world := clientrun.Abs(t, rubyWorld)
	url := clientrun.Server(t, world)
	env, dir := clientrun.Env(t, url)
	// The shared files the profile steps read, as users get them.
	bin := filepath.Join(clientrun.BuildFakeaws(t), "fakeaws")
	if out, err := exec.Command(bin, "profile", "--config", world, "--endpoint", url,
		"--aws-config", filepath.Join(dir, "config"), "--aws-credentials", filepath.Join(dir, "credentials")).CombinedOutput(); err != nil {
		t.Fatalf("fakeaws profile: %v\n%s", err, out)
	}
	cmd := exec.Command(ruby, clientrun.Abs(t, filepath.Join("ruby", "seeds.rb")))
	cmd.Env = append(env, "MERLIN_KEY="+w.merlinKey, "MERLIN_SECRET="+w.merlinSecret)
	cmd.Dir = dir
	out := clientrun.Output(t, "ruby/seeds.rb", cmd)
	checkSteps(t, out, rubySteps(w))
}

// rubyWorldFacts are the values of rubyWorld the steps use.
type rubyWorldFacts struct {
	merlinKey, merlinSecret, hello string
}

func readRubyWorld(t *testing.T) rubyWorldFacts {
	t.Helper()
	c, err := config.Load(rubyWorld)
	if err != nil {
		t.Fatal(err)
	}
	var w rubyWorldFacts
	for _, a := range c.Accounts {
		for _, k := range a.AccessKeys {
			if k.User == "merlin" {
				w.merlinKey, w.merlinSecret = k.ID, k.Secret
			}
		}
		for _, b := range a.Buckets {
			for _, o := range b.Objects {
				if b.Name == "odin-bucket" && o.Key == "hello.txt" {
					w.hello = o.Body
				}
			}
		}
	}
	if w.merlinKey == "" || w.hello == "" {
		t.Fatalf("%s no longer declares merlin's key and odin-bucket/hello.txt", rubyWorld)
	}
	return w
}

// rubyStep is one STEP line of seeds.rb: the call's name and its outcome,
// "ok VALUE" or "error CODE" (the AWS error code the SDK raised).
type rubyStep struct{ name, want string }

// rubySteps is what AWS answers to each call of seeds.rb.
func rubySteps(w rubyWorldFacts) []rubyStep {
	const odinRole = "arn:aws:sts::222222222222:assumed-role/S3ReadWriteRoleEmrys/"
	steps := []rubyStep{
		{"seed.merlin-identity", "ok arn:aws:iam::111111111111:user/merlin"},
		// No bucket policy lets Emrys in: only the role's session may.
		{"seed.merlin-reads-odin-directly", "error AccessDenied"},
		{"seed.role-identity", "ok " + odinRole + "ruby-seed"},
		{"seed.list", "ok hello.txt"},
		{"seed.get", "ok " + strconv.Quote(w.hello)},
		{"seed.put", "ok " + etag("hi Odin")},
		{"seed.get-put", "ok hi Odin"},
		{"seed.delete", "ok deleted"},
		// The role may list, read, write and delete objects, nothing else.
		{"seed.list-buckets-denied", "error AccessDenied"},
		{"seed.delete-bucket-denied", "error AccessDenied"},
		{"seed.tagging-denied", "error AccessDenied"},
		{"seed.sts-client-assume-role", "ok " + odinRole + "ruby-client"},
		// The role keeps the default MaxSessionDuration of an hour.
		{"seed.assume-role-past-max-session", "error ValidationError"},
		{"seed.session-policy-list", "ok 1"},
		{"seed.session-policy-get", "error AccessDenied"},
		// Presigned with a session: the URL carries X-Amz-Security-Token.
		{"seed.session-presigned-get", "ok " + strconv.Quote("200 "+w.hello)},
		{"seed.session-presigned-post", "ok 204"},
		{"seed.sts-client-session-get", fmt.Sprintf("ok %d", len(w.hello))},
		// STS answers an unknown key InvalidClientTokenId, S3 InvalidAccessKeyId.
		{"auth.sts-wrong-secret", "error SignatureDoesNotMatch"},
		{"auth.sts-unknown-key", "error InvalidClientTokenId"},
		{"auth.assume-role-wrong-secret", "error SignatureDoesNotMatch"},
		{"auth.s3-wrong-secret", "error SignatureDoesNotMatch"},
		{"auth.s3-unknown-key", "error InvalidAccessKeyId"},
	}
	steps = append(steps, rubyS3Steps("path", "ruby-path", "127.0.0.1")...)
	steps = append(steps, rubyS3Steps("vhost", "ruby-vhost", "ruby-vhost.localhost")...)
	steps = append(steps, rubyRailsSteps()...)
	return append(steps,
		// The Location of a bucket outside us-east-1 is its virtual-hosted
		// URL (conformance/golden/s3vhost_test.go has the recording).
		rubyStep{"region.create-bucket", "ok http://ruby-eu.s3.amazonaws.com/"},
		rubyStep{"region.create-bucket-again", "error BucketAlreadyOwnedByYou"},
		rubyStep{"region.create-bucket-again-class", "ok Aws::S3::Errors::BucketAlreadyOwnedByYou"},
		rubyStep{"region.location", "ok eu-west-1"},
		rubyStep{"profile.default", "ok arn:aws:iam::111111111111:user/merlin"},
		// The profile names no role_session_name: the SDK's default.
		rubyStep{"profile.role-identity", "ok " + odinRole + "default_session"},
		rubyStep{"profile.role-get", "ok " + strconv.Quote(w.hello)},
	)
}

// rubyRailsSteps are the steps of seeds.rb's active_storage (the calls of
// Rails' S3 service) and conditions_and_versions.
func rubyRailsSteps() []rubyStep {
	const body = "hello active storage"
	return []rubyStep{
		{"rails.upload", "ok " + etag(body)},
		{"rails.upload-wrong-md5", "error BadDigest"},
		{"rails.upload-invalid-md5", "error InvalidDigest"},
		// A preflight the bucket's CORS rules do not allow is 403
		// AccessForbidden, with no Access-Control-Allow-Origin.
		{"rails.put-cors", "ok set"},
		{"rails.preflight", "ok 200 https://www.example.com"},
		{"rails.preflight-other-origin", "ok 403"},
		{"rails.preflight-other-header", "ok 403"},
		{"rails.direct-upload", "ok 200"},
		// Content-Disposition is sent unsigned, as ActiveStorage does.
		{"rails.direct-upload-head", fmt.Sprintf(`ok text/plain inline; filename="two.txt" %d`, len(body))},
		// Content-MD5 and Content-Type are signed: another value is another
		// signature; the signed MD5 of another body is BadDigest.
		{"rails.direct-upload-other-md5", "ok 403 SignatureDoesNotMatch"},
		{"rails.direct-upload-other-type", "ok 403 SignatureDoesNotMatch"},
		{"rails.direct-upload-other-body", "ok 400 BadDigest"},
		{"rails.url", `ok 200 application/octet-stream attachment; filename="one.txt"`},
		{"rails.download-chunk", "ok " + body[6:12]},
		{"rails.exist", "ok true"},
		{"rails.delete-prefixed", "ok 0"},
		{"post.upload", "ok 201"},
		{"post.stored", `ok 5 text/plain {"color"=>"blue"}`},
		{"post.too-large", "ok 400 EntityTooLarge"},
		{"post.other-type", "ok 403 AccessDenied"},
		{"post.other-key", "ok 403 AccessDenied"},
		{"post.expired", "ok 403 AccessDenied"},
		{"cond.if-none-match", "error NotModified"},
		{"cond.if-match-other", "error PreconditionFailed"},
		{"cond.if-match", "ok 0123456789"},
		{"cond.head-if-none-match", "error NotModified"},
		{"cond.range-past-end", "error InvalidRange"},
		{"cond.range-suffix", "ok 789"},
		{"versions.enable", "ok enabled"},
		{"versions.delete", "ok true"},
		{"versions.get-deleted", "error NoSuchKey"},
		{"versions.get-first", "ok one"},
		{"versions.list", "ok versions=2 markers=1"},
		{"versions.bucket-delete!", "ok deleted"},
		{"versions.bucket-gone", "error NotFound"},
	}
}

// rubyS3Steps are the steps of seeds.rb's s3_defaults on one bucket,
// path-style or virtual-hosted (host is the presigned URL's host).
func rubyS3Steps(prefix, bucket, host string) []rubyStep {
	const big = 20 << 20
	sum := crc32Base64("checksummed")
	steps := []rubyStep{
		// CreateBucket's Location in us-east-1 is "/BUCKET"; the owner's
		// second CreateBucket there succeeds (legacy, docs/deviations.md).
		{"create-bucket", "ok /" + bucket},
		{"create-bucket-again", "ok /" + bucket},
		{"put", "ok " + etag("alpha")},
		{"head", `ok 5 text/plain {"color"=>"blue"}`},
		{"get", "ok alpha"},
		{"copy", "ok " + etag("alpha")},
		{"get-copy", "ok alpha"},
		{"put-tagging", "ok tagged"},
		{"get-tagging", "ok team=odin,tier=1"},
		{"list", "ok 2 dir/a.txt,dir/b.txt"},
		{"list-delimiter", "ok dir/"},
		{"get-missing", "error NoSuchKey"},
		{"get-missing-class", "ok Aws::S3::Errors::NoSuchKey"},
		// A HEAD's error has no body: the SDK names it by status.
		{"head-missing", "error NotFound"},
		{"get-no-bucket", "error NoSuchBucket"},
		{"get-no-bucket-class", "ok Aws::S3::Errors::NoSuchBucket"},
		{"presign-host", "ok " + host},
		{"presigned-get", "ok 200 alpha"},
		{"presigned-expired", "ok 403 AccessDenied"},
		{"presigned-tampered", "ok 403 SignatureDoesNotMatch"},
		// 20 MiB in the default 5 MiB parts: a four-part ETag.
		{"upload-file", `ok -4"`},
		{"upload-size", fmt.Sprintf("ok %d", big)},
		{"ranged-get", fmt.Sprintf("ok bytes 10485760-10485775/%d true", big)},
		{"part-count", "ok 4"},
		{"download-file", "ok true"},
		{"upload-stream", fmt.Sprintf("ok %d", 9<<20)},
		// The composite CRC32 of four parts, as the script computes it.
		{"upload-file-crc32", "ok -4 true"},
		{"part-crc32", fmt.Sprintf("ok %d true", 5<<20)},
		{"put-crc32", "ok " + sum},
		{"get-crc32", "ok " + sum + " checksummed"},
		{"paged-keys", "ok big-crc.bin,big.bin,dir/a.txt,dir/b.txt,stream.bin,sum.txt"},
		{"presigned-put", "ok 200 via presigned PUT"},
		// The key comes back from a listing without encoding-type=url
		// (conformance/golden/s3ruby_test.go), and deleting it empties the prefix.
		{"control-key", "ok " + strconv.Quote("ctl\x01key") + " 0"},
		{"exists", "ok true false"},
		{"delete-object", "ok deleted"},
		{"delete-objects", "ok big-crc.bin,big.bin,dir/a.txt,presigned.txt,stream.bin,sum.txt errors=0"},
		{"list-empty", "ok 0"},
		{"delete-bucket", "ok deleted"},
		{"get-deleted-bucket", "error NotFound"},
	}
	for i := range steps {
		steps[i].name = prefix + "." + steps[i].name
	}
	return steps
}

// etag is S3's ETag of a single-part upload of body: its quoted MD5.
func etag(body string) string {
	sum := md5.Sum([]byte(body))
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

// crc32Base64 is S3's x-amz-checksum-crc32 of body.
func crc32Base64(body string) string {
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE([]byte(body))))
}

// checkSteps compares the STEP lines of out with want, in order, and
// requires the script's closing DONE line.
func checkSteps(t *testing.T, out string, want []rubyStep) {
	t.Helper()
	var got []rubyStep
	done := false
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimRight(line, "\r")
		if rest, ok := strings.CutPrefix(line, "STEP "); ok {
			name, outcome, _ := strings.Cut(rest, " ")
			got = append(got, rubyStep{name, outcome})
		}
		if strings.HasPrefix(line, "VERSION ") {
			t.Log(line)
		}
		done = done || line == "DONE"
	}
	for i := range max(len(got), len(want)) {
		switch {
		case i >= len(got):
			t.Errorf("step %s: missing, want %q", want[i].name, want[i].want)
		case i >= len(want):
			t.Errorf("step %s: %q, not expected", got[i].name, got[i].want)
		case got[i] != want[i]:
			t.Errorf("step %s: got %q (step %s), want %q", want[i].name, got[i].want, got[i].name, want[i].want)
		}
	}
	if !done {
		t.Errorf("the script did not finish (no DONE line)")
	}
	if t.Failed() {
		t.Logf("output:\n%s", out)
	}
}
