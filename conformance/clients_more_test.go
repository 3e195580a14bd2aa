package conformance

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// The clients of TestS3Clients that are libraries rather than tools (the
// AWS SDK for JavaScript v2, minio-js, minio-go, the AWS SDK for Go v1),
// each driven through a small program that makes one S3 call per run
// (jsclients/tool.mjs, minio/main.go, awsgov1/main.go), and s5cmd. Each runs the same case table as the tools,
// plus the cases only it can make (extraCases).

// callTool is a client driven one call per run: call runs op with args
// and returns what the program printed.
type callTool struct {
	r     *toolRunner
	call  callFunc
	extra []toolCase
	// presignCode is the S3 error AWS answers to this client's presigned
	// URL ("" when the URL works).
	presignCode string
	// heads names the ops that start with a HeadObject, and how the client
	// shows that HEAD's bare 403 (see headsFirst).
	heads map[string]string
}

func (c *callTool) deniedHead(op string) string { return c.heads[op] }

func (c *callTool) makeBucket(b string) error { _, err := c.call("mb", b); return err }
func (c *callTool) put(b, k, p string) error  { _, err := c.call("put", b, k, p); return err }
func (c *callTool) get(b, k, p string) error  { _, err := c.call("get", b, k, p); return err }
func (c *callTool) copy(b, from, to string) error {
	_, err := c.call("cp", b, from, to)
	return err
}
func (c *callTool) remove(b, k string) error { _, err := c.call("rm", b, k); return err }
func (c *callTool) multipart() bool          { return true }
func (c *callTool) list(b string) ([]string, error) {
	out, err := c.call("ls", b)
	return lines(out), err
}
func (c *callTool) presign(b, k string) (string, string, error) {
	u, err := urlLine(c.call("presign", b, k))
	return u, c.presignCode, err
}

// urlLine picks the URL a presign command printed.
func urlLine(out string, err error) (string, error) {
	if err != nil {
		return "", err
	}
	for _, l := range lines(out) {
		if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
			return l, nil
		}
	}
	return "", fmt.Errorf("presign printed no URL: %q", out)
}

// putMeta uploads with user metadata; headMeta reads it back, names
// lowercased and without the x-amz-meta- prefix.
func (c *callTool) putMeta(b, k, p string, meta map[string]string) error {
	args := []string{b, k, p}
	for name, v := range meta {
		args = append(args, name+"="+v)
	}
	_, err := c.call("put", args...)
	return err
}

func (c *callTool) headMeta(b, k string) (map[string]string, error) {
	out, err := c.call("head", b, k)
	if err != nil {
		return nil, err
	}
	meta := map[string]string{}
	if json.Unmarshal([]byte(out), &meta) == nil {
		return meta, nil
	}
	ls := lines(out) // the JSON line after a client's notes
	if len(ls) == 0 || json.Unmarshal([]byte(ls[len(ls)-1]), &meta) != nil {
		return nil, fmt.Errorf("head printed %q, not a JSON object", out)
	}
	return meta, nil
}

func (c *callTool) extraCases() []toolCase { return c.extra }

// jsClientsMissing installs jsclients/node_modules (the JavaScript SDK v2
// and minio-js) and says why those clients cannot run ("" when they can).
func jsClientsMissing() string {
	return nodeModulesMissing("jsclients", "aws-sdk/package.json", "minio/package.json")
}

// openJSClient drives client ("awsv2" or "minio") through jsclients/tool.mjs.
func openJSClient(client string) func(t *testing.T, r *toolRunner) objectTool {
	return func(t *testing.T, r *toolRunner) objectTool {
		script, err := filepath.Abs(filepath.Join("jsclients", "tool.mjs"))
		if err != nil {
			t.Fatal(err)
		}
		callAs := func(client string) callFunc {
			return func(op string, args ...string) (string, error) {
				return r.run("env", append([]string{"NODE_NO_WARNINGS=1", "AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE=1",
					"node", script, client, r.w.srv.URL, op}, args...)...)
			}
		}
		c := &callTool{r: r, call: callAs(client)}
		switch client {
		case "awsv2":
			c.extra = sigV2Cases(callAs("awsv2"), callAs("awsv2-sigv2"))
		case "minio":
			c.extra = []toolCase{streamCase(c.call)}
		}
		return c
	}
}

// goClient is a client program in a module of its own below
// conformance/ (so that its library stays out of fakeaws's go.mod), built
// once into the user cache directory.
type goClient struct {
	dir, lib string // its directory, and the library it drives (for messages)
	once     sync.Once
	bin, why string
}

var (
	minioGo = &goClient{dir: "minio", lib: "minio-go"}
	awsGoV1 = &goClient{dir: "awsgov1", lib: "aws-sdk-go v1"}
)

func minioGoMissing() string { return minioGo.missing() }
func awsGoV1Missing() string { return awsGoV1.missing() }

// missing builds the program on first use and says why it cannot run (""
// when it can).
func (g *goClient) missing() string {
	g.once.Do(func() { g.bin, g.why = g.build() })
	return g.why
}

func (g *goClient) build() (bin, why string) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", "the go command is not on PATH: cannot build " + g.dir + "/"
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	bin = filepath.Join(cache, "fakeaws-conformance", g.dir+"client")
	dir, err := filepath.Abs(g.dir)
	if err != nil {
		return "", err.Error()
	}
	// Bounded: the first build downloads the library from the module proxy.
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goBin, "build", "-o", bin, ".")
	cmd.Dir, cmd.Env = dir, append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Sprintf("building %s/ (%s) failed (module proxy unreachable?): %v\n%s", g.dir, g.lib, err, tail(string(out), 2000))
	}
	return bin, ""
}

// call runs one op of the program against r's server.
func (g *goClient) call(r *toolRunner) callFunc {
	return func(op string, args ...string) (string, error) {
		return r.run(g.bin, append([]string{r.w.srv.URL, op}, args...)...)
	}
}

func openMinioGo(t *testing.T, r *toolRunner) objectTool {
	call := minioGo.call(r)
	return &callTool{r: r, call: call, extra: []toolCase{streamCase(call), trailerCase(call), plainStreamingCase(call)}}
}

// s5cmdPath finds s5cmd on PATH or where `go install` puts it.
func s5cmdPath() string {
	if p, err := exec.LookPath("s5cmd"); err == nil {
		return p
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", "s5cmd")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

func s5cmdMissing() string {
	if s5cmdPath() == "" {
		return "s5cmd is not installed (not in Debian; .ci/run builds github.com/peak/s5cmd/v2 into $(go env GOPATH)/bin)"
	}
	return ""
}

// openS5cmd: --endpoint-url, credentials and session token from the AWS_*
// variables, 5 MiB parts (-p 5) so largeSize goes up in parts.
func openS5cmd(t *testing.T, r *toolRunner) objectTool {
	bin := s5cmdPath()
	s5 := func(args ...string) (string, error) {
		return r.run(bin, append([]string{"--endpoint-url", r.w.srv.URL, "--retry-count", "1"}, args...)...)
	}
	call := func(op string, args ...string) (string, error) {
		url := func(i int) string { return "s3://" + args[0] + "/" + args[i] }
		switch op {
		case "mb":
			return s5("mb", "s3://"+args[0])
		case "put":
			cmd := []string{"cp", "-p", "5"}
			for _, kv := range args[3:] {
				cmd = append(cmd, "--metadata", kv)
			}
			return s5(append(cmd, args[2], url(1))...)
		case "get":
			return s5("cp", url(1), args[2])
		case "cp":
			return s5("cp", url(1), url(2))
		case "rm":
			return s5("rm", url(1))
		case "presign":
			return s5("presign", "--expire", "1h", url(1))
		case "ls":
			return s5cmdList(s5("ls", "s3://"+args[0]+"/"))
		case "head":
			return s5cmdHead(s5("--json", "head", url(1)))
		}
		return "", fmt.Errorf("s5cmd: no op %q", op)
	}
	return &callTool{r: r, call: call}
}

// s5cmdList keeps the key of each "DATE TIME SIZE KEY" line (s5cmd ls,
// aws s3 ls).
func s5cmdList(out string, err error) (string, error) {
	var keys []string
	for _, l := range lines(out) {
		if f := strings.Fields(l); len(f) > 0 {
			keys = append(keys, f[len(f)-1])
		}
	}
	return strings.Join(keys, "\n"), err
}

// s5cmdHead turns `s5cmd --json head`'s object into headMeta's JSON.
func s5cmdHead(out string, err error) (string, error) {
	if err != nil {
		return out, err
	}
	var head struct {
		Metadata map[string]string `json:"metadata"`
	}
	ls := lines(out)
	if len(ls) == 0 || json.Unmarshal([]byte(ls[len(ls)-1]), &head) != nil {
		return "", fmt.Errorf("s5cmd head printed %q", out)
	}
	meta := map[string]string{}
	for k, v := range head.Metadata {
		meta[strings.ToLower(k)] = v
	}
	b, err := json.Marshal(meta)
	return string(b), err
}

// metadataTool is a client that can upload with user metadata and read it
// back.
type metadataTool interface {
	putMeta(bucket, key, path string, meta map[string]string) error
	headMeta(bucket, key string) (map[string]string, error)
}

// extraCaser is a client with cases of its own, run after the table.
type extraCaser interface{ extraCases() []toolCase }

// metadataCase puts an object with two metadata entries, then checks them
// as Odin's root reads them and as the client reads them back.
func metadataCase(ctx context.Context, s *caseState) error {
	mt, ok := s.tool.(metadataTool)
	if !ok {
		return fmt.Errorf("no metadata case for this tool yet: %w", errUnsupported)
	}
	want := map[string]string{"color": "blue", "owner": "odin"}
	if err := mt.putMeta(s.bucket, "meta.txt", s.file("meta.txt", s.w.small), want); err != nil {
		return err
	}
	out, err := s.w.odinS3().HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(s.bucket), Key: aws.String("meta.txt")})
	if err != nil {
		return fmt.Errorf("HeadObject after the put: %v", err)
	}
	// The tools' own entries may be there too: rclone's mtime, s3cmd's
	// s3cmd-attrs (its md5 even with --no-preserve).
	stored := maps.Clone(out.Metadata)
	delete(stored, "mtime")
	delete(stored, "s3cmd-attrs")
	if !maps.Equal(stored, want) {
		return fmt.Errorf("stored metadata %v, want %v", out.Metadata, want)
	}
	got, err := mt.headMeta(s.bucket, "meta.txt")
	if errors.Is(err, errUnsupported) {
		return nil // the tool sets metadata but has no plain way to show it
	}
	if err != nil {
		return err
	}
	// minio-js's statObject mixes the user's entries with content-type and
	// x-amz-* headers: those may be there too.
	for k, v := range got {
		if want[k] != v && !strings.HasPrefix(k, "content-") && !strings.HasPrefix(k, "x-amz-") {
			return fmt.Errorf("the client read metadata %v, want %v", got, want)
		}
	}
	for k, v := range want {
		if got[k] != v {
			return fmt.Errorf("the client read metadata %v, want %v", got, want)
		}
	}
	return nil
}

type callFunc func(op string, args ...string) (string, error)

// sigV2Cases: a plain PutObject (not the managed upload), and the client
// signing SigV2 (JS v2 signatureVersion "v2", botocore "s3"): SigV2 header-signed PutObject and GetObject, and a
// SigV2 presigned URL, which carries a session's token as the
// x-amz-security-token query parameter (signed among the
// CanonicalizedAmzHeaders).
func sigV2Cases(v4, v2 callFunc) []toolCase {
	return []toolCase{
		{"putobject", func(ctx context.Context, s *caseState) error {
			if _, err := v4("putobject", s.bucket, "plain.txt", s.file("plain.txt", s.w.small)); err != nil {
				return err
			}
			return s.stored(ctx, "plain.txt", s.w.small, false)
		}},
		{"sigv2 put and get", func(ctx context.Context, s *caseState) error {
			if _, err := v2("putobject", s.bucket, "sigv2.txt", s.file("sigv2.txt", s.w.small)); err != nil {
				return err
			}
			if err := s.stored(ctx, "sigv2.txt", s.w.small, false); err != nil {
				return err
			}
			p := filepath.Join(s.r.dir, "got-sigv2.txt")
			if _, err := v2("getobject", s.bucket, "sigv2.txt", p); err != nil {
				return err
			}
			return sameFile(p, s.w.small)
		}},
		{"sigv2 presign", func(ctx context.Context, s *caseState) error {
			u, err := urlLine(v2("presign", s.bucket, "small.txt"))
			if err != nil {
				return err
			}
			if !strings.Contains(u, "Signature=") || (s.r.creds.token != "" && !strings.Contains(u, "x-amz-security-token=")) {
				return fmt.Errorf("not a SigV2 URL with the session token: %s", u)
			}
			return s.fetchPresigned(ctx, u, s.w.small)
		}},
	}
}

// streamCase uploads largeSize bytes as a stream of unknown length: the
// client buffers it into parts.
func streamCase(call callFunc) toolCase {
	return toolCase{"put stream", func(ctx context.Context, s *caseState) error {
		if _, err := call("putstream", s.bucket, "stream.bin", s.file("stream.bin", s.w.large)); err != nil {
			return err
		}
		return s.stored(ctx, "stream.bin", s.w.large, true)
	}}
}

// trailerCase: minio-go with a CRC32C checksum sends it as a trailer of
// an aws-chunked body (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER), the
// trailer line ending in a bare "\n"; S3 stores and returns it.
func trailerCase(call callFunc) toolCase {
	return toolCase{"trailing checksum", func(ctx context.Context, s *caseState) error {
		if _, err := call("putchecksum", s.bucket, "crc.txt", s.file("crc.txt", s.w.small)); err != nil {
			return err
		}
		if err := s.stored(ctx, "crc.txt", s.w.small, false); err != nil {
			return err
		}
		out, err := s.w.odinS3().HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(s.bucket), Key: aws.String("crc.txt"),
			ChecksumMode: types.ChecksumModeEnabled})
		if err != nil {
			return fmt.Errorf("HeadObject: %v", err)
		}
		sum := crc32.Checksum(s.w.small, crc32.MakeTable(crc32.Castagnoli))
		want := base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, sum))
		if got := aws.ToString(out.ChecksumCRC32C); got != want {
			return fmt.Errorf("stored CRC32C %q, want %q", got, want)
		}
		if _, err := call("putchecksum", s.bucket, "crc.bin", s.file("crc.bin", s.w.large)); err != nil {
			return err
		}
		return s.stored(ctx, "crc.bin", s.w.large, true)
	}}
}

func sameFile(p string, want []byte) error {
	got, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("got %d bytes, not the %d bytes put", len(got), len(want))
	}
	return nil
}

// python3 with boto3 (preinstalled here; PyPI is not reachable).
func boto3Missing() string {
	if _, err := exec.LookPath("python3"); err != nil {
		return "python3 is not installed"
	}
	if err := exec.Command("python3", "-c", "import boto3").Run(); err != nil {
		return "boto3 is not installed for python3 (pip install boto3)"
	}
	return ""
}

// openBoto3 drives boto3 through boto3/tool.py: upload_file and
// download_file (5 MiB parts), list_objects_v2, copy_object,
// generate_presigned_url; "boto3-sigv2" is the same with botocore's SigV2.
func openBoto3(t *testing.T, r *toolRunner) objectTool {
	script, err := filepath.Abs(filepath.Join("boto3", "tool.py"))
	if err != nil {
		t.Fatal(err)
	}
	callAs := func(client string) callFunc {
		return func(op string, args ...string) (string, error) {
			return r.run("python3", append([]string{script, client, r.w.srv.URL, op}, args...)...)
		}
	}
	// download_file starts with HeadObject.
	return &callTool{r: r, call: callAs("boto3"), extra: sigV2Cases(callAs("boto3"), callAs("boto3-sigv2")),
		heads: map[string]string{"get": "code=403"}}
}

// openAWSCLI drives the AWS CLI's high-level `aws s3` commands with
// --endpoint-url (metadata read back with `aws s3api head-object`).
func openAWSCLI(t *testing.T, r *toolRunner) objectTool {
	aws := func(args ...string) (string, error) {
		return r.run("aws", append([]string{"--endpoint-url", r.w.srv.URL}, args...)...)
	}
	call := func(op string, args ...string) (string, error) {
		url := func(i int) string { return "s3://" + args[0] + "/" + args[i] }
		switch op {
		case "mb":
			return aws("s3", "mb", "s3://"+args[0])
		case "put":
			cmd := []string{"s3", "cp", args[2], url(1)}
			if len(args) > 3 {
				cmd = append(cmd, "--metadata", strings.Join(args[3:], ","))
			}
			return aws(cmd...)
		case "get":
			return aws("s3", "cp", url(1), args[2])
		case "cp":
			return aws("s3", "cp", url(1), url(2))
		case "rm":
			return aws("s3", "rm", url(1))
		case "presign":
			return aws("s3", "presign", url(1), "--expires-in", "3600")
		case "ls":
			return s5cmdList(aws("s3", "ls", "s3://"+args[0]+"/"))
		case "head":
			return aws("s3api", "head-object", "--bucket", args[0], "--key", args[1], "--query", "Metadata", "--output", "json")
		}
		return "", fmt.Errorf("aws: no op %q", op)
	}
	// `aws s3 cp` downloads start with HeadObject.
	return &callTool{r: r, call: call, heads: map[string]string{"get": "An error occurred (403) when calling the HeadObject operation"}}
}

// rclone sets metadata with --header-upload; reading it back (lsjson -M)
// mixes in rclone's own system metadata, so only the stored copy is
// checked.
func (c *rcloneTool) putMeta(b, k, p string, meta map[string]string) error {
	args := []string{"copyto"}
	for name, v := range meta {
		args = append(args, "--header-upload", "X-Amz-Meta-"+name+": "+v)
	}
	_, err := c.rclone(append(args, p, "fa:"+b+"/"+k)...)
	return err
}

func (c *rcloneTool) headMeta(b, k string) (map[string]string, error) { return nil, errUnsupported }

// s3cmd sets metadata with --add-header; --no-preserve keeps its own
// x-amz-meta-s3cmd-attrs down to the md5. `s3cmd info` also reads the ACL, policy and
// CORS, which a restricted caller may not, so only the stored copy is
// checked.
func (c *s3cmdTool) putMeta(b, k, p string, meta map[string]string) error {
	args := []string{"put", "--no-preserve"}
	for name, v := range meta {
		args = append(args, "--add-header=x-amz-meta-"+name+":"+v)
	}
	_, err := c.s3cmd(append(args, p, "s3://"+b+"/"+k)...)
	return err
}

func (c *s3cmdTool) headMeta(b, k string) (map[string]string, error) { return nil, errUnsupported }

// curl sends x-amz-meta-* headers (signed with the rest) and reads them
// back from a HEAD.
func (c *curlTool) putMeta(b, k, p string, meta map[string]string) error {
	args := []string{"-T", p}
	for name, v := range meta {
		args = append(args, "-H", "x-amz-meta-"+name+": "+v)
	}
	_, err := c.curl("/"+b+"/"+k, args...)
	return err
}

func (c *curlTool) headMeta(b, k string) (map[string]string, error) {
	out, err := c.curl("/"+b+"/"+k, "-I")
	if err != nil {
		return nil, err
	}
	meta := map[string]string{}
	for _, l := range lines(out) {
		if name, v, ok := strings.Cut(l, ":"); ok && strings.HasPrefix(strings.ToLower(name), "x-amz-meta-") {
			meta[strings.TrimPrefix(strings.ToLower(name), "x-amz-meta-")] = strings.TrimSpace(v)
		}
	}
	return meta, nil
}

// plainStreamingCase: minio-go without TrailingHeaders signs every chunk
// of an aws-chunked body (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) and sends
// no trailer, for a single PUT and for each part.
func plainStreamingCase(call callFunc) toolCase {
	return toolCase{"streaming signed put", func(ctx context.Context, s *caseState) error {
		if _, err := call("putplain", s.bucket, "signed.txt", s.file("signed.txt", s.w.small)); err != nil {
			return err
		}
		if err := s.stored(ctx, "signed.txt", s.w.small, false); err != nil {
			return err
		}
		if _, err := call("putplain", s.bucket, "signed.bin", s.file("signed.bin", s.w.large)); err != nil {
			return err
		}
		return s.stored(ctx, "signed.bin", s.w.large, true)
	}}
}
