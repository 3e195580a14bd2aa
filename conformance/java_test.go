package conformance

import (
	"bufio"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/conformance/clientrun"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// TestJavaSDK runs java/ (the AWS SDK for Java v2, pinned by the BOM in
// java/pom.xml) against a fresh fakeaws and asserts every step it prints:
// the seed cross-account flow, S3 with the SDK's default checksums
// (aws-chunked CRC32 trailers, validated GetObject), presigned URLs,
// multipart through S3AsyncClient and S3TransferManager, and the SDK's
// error mapping. It skips when java or mvn is missing or Maven cannot
// download the SDK (javaSDKMissing).
func TestJavaSDK(t *testing.T) {
	t.Parallel()
	b := javaClient()
	if b.broken != "" {
		t.Fatalf("building java/: %s", b.broken)
	}
	if b.why != "" {
		t.Skip(b.why + ": skipping the AWS SDK for Java v2 client test")
	}
	env, scratch := clientrun.Env(t, clientrun.Server(t, ""))
	cmd := exec.Command(b.java, "-cp", b.classpath, "fakeaws.Main", envValue(env, "AWS_ENDPOINT_URL"), scratch)
	cmd.Env, cmd.Dir = env, scratch
	timeout := 5 * time.Minute
	if d, ok := t.Deadline(); ok && time.Until(d)-time.Minute < timeout {
		timeout = max(time.Until(d)-time.Minute, time.Second)
	}
	out, err := emulatortest.RunClient(cmd, timeout)
	if err != nil {
		t.Fatalf("java fakeaws.Main: %v\n%s", err, out)
	}
	got, order := javaSteps(out)
	for _, want := range javaWantSteps() {
		g, ok := got[want.step]
		switch {
		case !ok:
			t.Errorf("step %q: not run", want.step)
		case g != want.want:
			t.Errorf("step %q:\n got %s\nwant %s", want.step, g, want.want)
		}
		delete(got, want.step)
	}
	for _, name := range order {
		if _, extra := got[name]; extra {
			t.Errorf("step %q (%s) printed but not asserted", name, got[name])
		}
	}
	if !strings.Contains(out, "\nDONE") {
		t.Errorf("the program did not finish")
	}
	if t.Failed() || testing.Verbose() {
		t.Logf("output:\n%s", out)
	}
}

// javaSteps reads the program's "STEP<TAB>name<TAB>outcome" lines.
func javaSteps(out string) (map[string]string, []string) {
	got := map[string]string{}
	var order []string
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "\t", 3)
		if len(parts) == 3 && parts[0] == "STEP" {
			got[parts[1]] = parts[2]
			order = append(order, parts[1])
		}
	}
	return got, order
}

type javaStep struct{ step, want string }

// javaWantSteps is what AWS answers to each step of java/Main.java: "ok"
// and what the step read back, or "error CODE STATUS" as the SDK maps it
// (AwsServiceException.awsErrorDetails().errorCode(), statusCode()).
func javaWantSteps() []javaStep {
	const body = "hello from the AWS SDK for Java v2"
	crc := javaCRC32(body)
	md5sum := md5.Sum([]byte(body))
	assumed := "arn:aws:sts::222222222222:assumed-role/S3ReadWriteRoleEmrys/"
	denied := "error AccessDenied 403"
	steps := []javaStep{
		// seeds/000: Emrys's user assumes a role of Odin's and reads and
		// writes Odin's bucket.
		{"seed.create-role", "ok arn:aws:iam::222222222222:role/S3ReadWriteRoleEmrys"},
		{"seed.create-policy", "ok arn:aws:iam::222222222222:policy/ReadOdinS3IAMPolicy"},
		{"seed.attach-role-policy", "ok"},
		{"seed.create-bucket", "ok"},
		{"seed.create-user", "ok arn:aws:iam::111111111111:user/merlin"},
		// Cross-account, both sides must allow: the trust policy alone is
		// not enough.
		{"seed.assume-role without identity policy", denied},
		{"seed.put-user-policy", "ok"},
		{"seed.assume-role", "ok " + assumed + "s3-access"},
		{"seed.session put", "ok"},
		{"seed.session get", "ok hello Odin"},
		{"seed.session list", "ok hello-path.txt"},
		{"seed.session delete (not allowed)", denied},
		{"seed.user's own keys", denied},
		{"seed.session put (virtual-hosted)", "ok"},
		{"seed.session get (virtual-hosted)", "ok hello Odin"},
		{"seed.bucket policy denies secret/*", "ok"},
		{"seed.session put secret/x", "ok"},
		{"seed.session get secret/x (explicit deny)", denied},
		{"seed.StsAssumeRoleCredentialsProvider caller", "ok " + assumed + "provider"},
		{"seed.StsAssumeRoleCredentialsProvider get", "ok hello Odin"},
	}
	steps = append(steps, []javaStep{
		// S3 with the SDK's defaults: PutObject returns the CRC32 of the
		// trailer; GetObject returns (and the SDK checks) it; a range has
		// none of its own.
		{"basics.create-bucket", "ok"},
		{"basics.put", "ok " + crc},
		{"basics.get", "ok " + body + " crc32=" + crc},
		{"basics.get range", fmt.Sprintf("ok hello bytes 0-4/%d crc32=null", len(body))},
		{"basics.head", fmt.Sprintf("ok %d {color=blue}", len(body))},
		{"basics.copy", fmt.Sprintf("ok %q", hex.EncodeToString(md5sum[:]))},
		{"basics.get copy", "ok " + body},
		{"basics.put-tagging", "ok"},
		{"basics.get-tagging", "ok team=odin,tier=1"},
		{"basics.put c.txt", "ok"},
		{"basics.list", "ok a.txt,b.txt,c.txt"},
		{"basics.delete a.txt", "ok"},
		{"basics.delete-objects", "ok b.txt,c.txt errors=0"},
		{"basics.list after deletes", "ok"},
		{"basics.async put", "ok " + crc},
		{"basics.async get", "ok " + body},
		{"basics.put (virtual-hosted)", "ok"},
		{"basics.get (virtual-hosted)", "ok " + body},
		// Presigned URLs, fetched with java.net.http.
		{"presign.get", "ok 200 " + body},
		{"presign.get tampered", "ok 403 SignatureDoesNotMatch"},
		{"presign.put", "ok 200"},
		{"presign.get what was put", "ok via a presigned PUT"},
		{"presign.get expired", "ok 403 AccessDenied"},
		// 20 MiB in the multipart client's 8 MiB parts.
		{"multipart.write 20 MiB", "ok 20971520"},
		{"multipart.upload", "ok parts=3"},
		{"multipart.head", "ok 20971520"},
		{"multipart.download", "ok same=true"},
		{"multipart.ranged get", "ok " + javaBigBytes(10<<20, 16) + " bytes 10485760-10485775/20971520"},
	}...)
	return append(steps, []javaStep{
		{"errors.NoSuchKey", "error NoSuchKey 404"},
		// A HEAD error has no body: the SDK names the 404 NoSuchKey itself.
		{"errors.NoSuchKey (head)", "error NoSuchKey 404"},
		{"errors.NoSuchBucket", "error NoSuchBucket 404"},
		{"errors.create eu bucket", "ok"},
		{"errors.BucketAlreadyOwnedByYou", "error BucketAlreadyOwnedByYou 409"},
		{"errors.BucketAlreadyExists", "error BucketAlreadyExists 409"},
		{"errors.InvalidAccessKeyId", "error InvalidAccessKeyId 403"},
		{"errors.InvalidClientTokenId (STS)", "error InvalidClientTokenId 403"},
		{"errors.SignatureDoesNotMatch", "error SignatureDoesNotMatch 403"},
		{"errors.SignatureDoesNotMatch (STS)", "error SignatureDoesNotMatch 403"},
		{"expiry.advance clock 2h", "ok 200"},
		// S3 answers an expired session 400, STS 403.
		{"expiry.ExpiredToken (S3)", "error ExpiredToken 400"},
		{"expiry.ExpiredToken (STS)", "error ExpiredToken 403"},
	}...)
}

// javaCRC32 is the base64 big-endian CRC32 S3 reports for s.
func javaCRC32(s string) string {
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE([]byte(s))))
}

// javaBigBytes is the hex of n bytes at offset off of the file Main.java's
// write20MiB writes: byte i of 64 KiB block b is i*31 + b (mod 256).
func javaBigBytes(off, n int) string {
	b := make([]byte, n)
	for j := range b {
		i, block := (off+j)%(1<<16), (off+j)/(1<<16)
		b[j] = byte(i*31 + block)
	}
	return hex.EncodeToString(b)
}

func envValue(env []string, name string) string {
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, name+"="); ok {
			return v
		}
	}
	return ""
}

// javaBuild is the outcome of building java/: the java command and the
// class path to run fakeaws.Main with, or why the test skips (why), or
// how the build failed (broken: a compile error fails the test).
type javaBuild struct {
	java, classpath string
	why, broken     string
}

var (
	javaBuildOnce sync.Once
	javaBuilt     javaBuild
)

// javaClient builds java/ once per test binary with Maven; the first build
// downloads the SDK into ~/.m2.
func javaClient() javaBuild {
	javaBuildOnce.Do(func() { javaBuilt = buildJavaClient() })
	return javaBuilt
}

func buildJavaClient() javaBuild {
	java, err := exec.LookPath("java")
	if err != nil {
		return javaBuild{why: "java is not installed"}
	}
	mvn, err := exec.LookPath("mvn")
	if err != nil {
		return javaBuild{why: "mvn is not installed"}
	}
	dir, err := filepath.Abs("java")
	if err != nil {
		return javaBuild{broken: err.Error()}
	}
	cpFile := filepath.Join(dir, "target", "classpath.txt")
	// Bounded: the first build downloads the SDK (about 60 jars); an
	// unreachable registry must skip, not stall the suite.
	ctx, cancel := context.WithTimeout(context.Background(), javaBuildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, mvn, "-B", "-q", "compile", "dependency:build-classpath", "-Dmdep.outputFile="+cpFile)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		switch {
		case ctx.Err() != nil:
			return javaBuild{why: fmt.Sprintf("`mvn compile` in java/ (downloading the AWS SDK for Java v2 into ~/.m2) took over %v", javaBuildTimeout)}
		case mavenUnreachable(string(out)) != "":
			return javaBuild{why: "Maven cannot download the AWS SDK for Java v2 (registry unreachable?): " + mavenUnreachable(string(out))}
		}
		return javaBuild{broken: fmt.Sprintf("mvn compile: %v\n%s", err, tail(string(out), 3000))}
	}
	cp, err := os.ReadFile(cpFile)
	if err != nil {
		return javaBuild{broken: err.Error()}
	}
	classes := filepath.Join(dir, "target", "classes")
	return javaBuild{java: java, classpath: classes + string(os.PathListSeparator) + strings.TrimSpace(string(cp))}
}

// javaBuildTimeout bounds the Maven build; the first one downloads about
// 60 jars (some 30 MB).
const javaBuildTimeout = 8 * time.Minute

// mavenUnreachable returns the line of mvn's output saying it could not
// download an artifact ("" when the failure is something else, such as a
// compile error).
func mavenUnreachable(out string) string {
	for _, line := range strings.Split(out, "\n") {
		for _, s := range []string{"Could not transfer artifact", "Could not resolve dependencies", "Could not resolve artifact",
			"Non-resolvable import POM", "Unknown host", "resolution will not be reattempted"} {
			if strings.Contains(line, s) {
				return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "[ERROR]"))
			}
		}
	}
	return ""
}
