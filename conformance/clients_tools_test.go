package conformance

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// s3Tools is the table of tools TestS3Clients runs. The settings are the
// ones docs/clients.md gives users.
func s3Tools() []toolSpec {
	return []toolSpec{
		{name: "rclone", available: func() string { return binaryMissing("rclone") }, open: openRclone},
		{name: "s3cmd", available: func() string { return binaryMissing("s3cmd") }, open: openS3cmd},
		{name: "curl", available: func() string { return binaryMissing("curl") }, open: openCurl},
		{name: "s3fs", available: s3fsMissing, open: openS3fs},
		{name: "aws-sdk-js-v2", available: jsClientsMissing, open: openJSClient("awsv2")},
		{name: "minio-js", available: jsClientsMissing, open: openJSClient("minio")},
		{name: "minio-go", available: minioGoMissing, open: openMinioGo},
		{name: "aws-sdk-go-v1", available: awsGoV1Missing, open: openAWSGoV1},
		{name: "s5cmd", available: s5cmdMissing, open: openS5cmd},
		{name: "boto3", available: boto3Missing, open: openBoto3},
		{name: "aws-cli", available: func() string { return binaryMissing("aws") }, open: openAWSCLI},
	}
}

// lines splits a tool's output into its non-empty lines.
func lines(out string) []string {
	var ls []string
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			ls = append(ls, l)
		}
	}
	return ls
}

func writeConfig(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// rclone: provider Other, path-style, credentials from the AWS_* variables
// (env_auth), and no_check_bucket so a role that may not create buckets can
// still write. Chunks of 5 MiB make largeSize a multipart upload.
type rcloneTool struct {
	r   *toolRunner
	cfg string
}

func openRclone(t *testing.T, r *toolRunner) objectTool {
	cfg := filepath.Join(r.dir, "rclone.conf")
	writeConfig(t, cfg, "[fa]\ntype = s3\nprovider = Other\nenv_auth = true\nregion = us-east-1\n"+
		"endpoint = "+r.w.srv.URL+"\nforce_path_style = true\nno_check_bucket = true\n"+
		"chunk_size = 5M\nupload_cutoff = 5M\n")
	return &rcloneTool{r: r, cfg: cfg}
}

func (c *rcloneTool) rclone(args ...string) (string, error) {
	return c.r.run("rclone", append([]string{"--config", c.cfg, "--retries", "1", "--low-level-retries", "1"}, args...)...)
}

// makeBucket overrides no_check_bucket: with it rclone's mkdir creates
// nothing.
func (c *rcloneTool) makeBucket(b string) error {
	_, err := c.rclone("mkdir", "--s3-no-check-bucket=false", "fa:"+b)
	return err
}
func (c *rcloneTool) put(b, k, p string) error {
	_, err := c.rclone("copyto", p, "fa:"+b+"/"+k)
	return err
}
func (c *rcloneTool) get(b, k, p string) error {
	_, err := c.rclone("copyto", "fa:"+b+"/"+k, p)
	return err
}
func (c *rcloneTool) copy(b, from, to string) error {
	_, err := c.rclone("copyto", "fa:"+b+"/"+from, "fa:"+b+"/"+to)
	return err
}
func (c *rcloneTool) remove(b, k string) error {
	_, err := c.rclone("deletefile", "fa:"+b+"/"+k)
	return err
}
func (c *rcloneTool) multipart() bool { return true }
func (c *rcloneTool) list(b string) ([]string, error) {
	out, err := c.rclone("lsf", "fa:"+b)
	return lines(out), err
}

// deniedHead: rclone copyto first asks whether the destination exists.
func (c *rcloneTool) deniedHead(op string) string {
	if op == "put" {
		return "Forbidden: Forbidden\n\tstatus code: 403"
	}
	return ""
}

func (c *rcloneTool) presign(b, k string) (string, string, error) {
	out, err := c.rclone("link", "--expire", "1h", "fa:"+b+"/"+k)
	ls := lines(out)
	if err != nil || len(ls) == 0 {
		return "", "", fmt.Errorf("rclone link: %v %q", err, out)
	}
	return ls[len(ls)-1], "", nil
}

// s3cmd: path-style host_base/host_bucket, no keys in the file (a session
// comes from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN).
type s3cmdTool struct {
	r   *toolRunner
	cfg string
}

func openS3cmd(t *testing.T, r *toolRunner) objectTool {
	host := strings.TrimPrefix(r.w.srv.URL, "http://")
	cfg := filepath.Join(r.dir, "s3cfg")
	writeConfig(t, cfg, "[default]\nhost_base = "+host+"\nhost_bucket = "+host+"\nuse_https = False\n"+
		"signature_v2 = False\nbucket_location = us-east-1\nmultipart_chunk_size_mb = 5\n")
	return &s3cmdTool{r: r, cfg: cfg}
}

func (c *s3cmdTool) s3cmd(args ...string) (string, error) {
	return c.r.run("s3cmd", append([]string{"-c", c.cfg, "--no-progress"}, args...)...)
}

func (c *s3cmdTool) makeBucket(b string) error { _, err := c.s3cmd("mb", "s3://"+b); return err }
func (c *s3cmdTool) put(b, k, p string) error {
	_, err := c.s3cmd("put", p, "s3://"+b+"/"+k)
	return err
}
func (c *s3cmdTool) get(b, k, p string) error {
	_, err := c.s3cmd("get", "--force", "s3://"+b+"/"+k, p)
	return err
}

// copy: without --acl-private (or --acl-public) s3cmd cp first reads the
// source's ACL, which needs s3:GetObjectAcl on AWS too.
func (c *s3cmdTool) copy(b, from, to string) error {
	_, err := c.s3cmd("cp", "--acl-private", "s3://"+b+"/"+from, "s3://"+b+"/"+to)
	return err
}
func (c *s3cmdTool) remove(b, k string) error { _, err := c.s3cmd("del", "s3://"+b+"/"+k); return err }
func (c *s3cmdTool) multipart() bool          { return true }

// list reads `s3cmd ls`: "DATE TIME SIZE s3://bucket/key".
func (c *s3cmdTool) list(b string) ([]string, error) {
	out, err := c.s3cmd("ls", "s3://"+b)
	var keys []string
	for _, l := range lines(out) {
		f := strings.Fields(l)
		if len(f) > 0 {
			keys = append(keys, strings.TrimPrefix(f[len(f)-1], "s3://"+b+"/"))
		}
	}
	return keys, err
}

// presign: s3cmd signurl makes a SigV2 URL and leaves a session token out
// of it (s3cmd 2.3.0, S3/Crypto.py sign_url_base_v2), so with a session
// AWS answers InvalidAccessKeyId, as it does for an ASIA key without its
// token.
func (c *s3cmdTool) presign(b, k string) (string, string, error) {
	out, err := c.s3cmd("signurl", "s3://"+b+"/"+k, "+3600")
	ls := lines(out)
	if err != nil || len(ls) == 0 {
		return "", "", fmt.Errorf("s3cmd signurl: %v %q", err, out)
	}
	if c.r.creds.token != "" && !strings.Contains(ls[len(ls)-1], "x-amz-security-token") {
		return ls[len(ls)-1], "InvalidAccessKeyId", nil
	}
	return ls[len(ls)-1], "", nil
}

// deniedHead: s3cmd get starts with HeadObject.
func (c *s3cmdTool) deniedHead(op string) string {
	if op == "get" {
		return "S3 error: 403 (Forbidden)"
	}
	return ""
}

// curl --aws-sigv4: curl 7.x does not send x-amz-content-sha256 itself, and
// a session token goes in x-amz-security-token (signed with the rest).
// largeSize goes up in three parts through the multipart API.
type curlTool struct {
	r *toolRunner
}

func openCurl(t *testing.T, r *toolRunner) objectTool { return &curlTool{r: r} }

func (c *curlTool) curl(path string, args ...string) (string, error) {
	base := []string{"-sS", "--fail-with-body", "--aws-sigv4", "aws:amz:us-east-1:s3",
		"--user", c.r.creds.key + ":" + c.r.creds.secret, "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD"}
	if c.r.creds.token != "" {
		base = append(base, "-H", "x-amz-security-token: "+c.r.creds.token)
	}
	return c.r.run("curl", append(append(base, args...), c.r.w.srv.URL+path)...)
}

func (c *curlTool) makeBucket(b string) error { _, err := c.curl("/"+b, "-X", "PUT"); return err }

// get writes the body to p, S3's error document too: it joins the error.
func (c *curlTool) get(b, k, p string) error {
	if _, err := c.curl("/"+b+"/"+k, "-o", p); err != nil {
		body, _ := os.ReadFile(p)
		return fmt.Errorf("%w\n%s", err, body)
	}
	return nil
}
func (c *curlTool) copy(b, from, to string) error {
	_, err := c.curl("/"+b+"/"+to, "-X", "PUT", "-H", "x-amz-copy-source: /"+b+"/"+from)
	return err
}
func (c *curlTool) remove(b, k string) error {
	_, err := c.curl("/"+b+"/"+k, "-X", "DELETE")
	return err
}
func (c *curlTool) multipart() bool { return true }

func (c *curlTool) put(b, k, p string) error {
	st, err := os.Stat(p)
	if err != nil {
		return err
	}
	if st.Size() < largeSize {
		_, err := c.curl("/"+b+"/"+k, "-T", p)
		return err
	}
	return c.putParts(b, k, p)
}

// putParts is CreateMultipartUpload, UploadPart per 8 MiB, and
// CompleteMultipartUpload, each a curl command.
func (c *curlTool) putParts(b, k, p string) error {
	// curl 7.x signs the query string as written: "uploads=", not
	// "uploads", is the canonical form S3 (and fakeaws) computes.
	out, err := c.curl("/"+b+"/"+k+"?uploads=", "-X", "POST")
	if err != nil {
		return err
	}
	var created struct {
		UploadID string `xml:"UploadId"`
	}
	if err := xml.Unmarshal([]byte(out), &created); err != nil || created.UploadID == "" {
		return fmt.Errorf("CreateMultipartUpload answered %q (%v)", out, err)
	}
	body, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	complete := "<CompleteMultipartUpload>"
	for n, off := 1, 0; off < len(body); n, off = n+1, off+8<<20 {
		part := filepath.Join(c.r.dir, fmt.Sprintf("part%d", n))
		if err := os.WriteFile(part, body[off:min(off+8<<20, len(body))], 0o644); err != nil {
			return err
		}
		out, err := c.curl(fmt.Sprintf("/%s/%s?partNumber=%d&uploadId=%s", b, k, n, url.QueryEscape(created.UploadID)),
			"-T", part, "-D", "-", "-o", "/dev/null")
		if err != nil {
			return err
		}
		etag := headerValue(out, "ETag")
		if etag == "" {
			return fmt.Errorf("UploadPart %d answered no ETag:\n%s", n, out)
		}
		complete += fmt.Sprintf("<Part><PartNumber>%d</PartNumber><ETag>%s</ETag></Part>", n, etag)
	}
	_, err = c.curl("/"+b+"/"+k+"?uploadId="+url.QueryEscape(created.UploadID), "-X", "POST",
		"-H", "Content-Type: application/xml", "--data-binary", complete+"</CompleteMultipartUpload>")
	return err
}

func headerValue(headers, name string) string {
	for _, l := range lines(headers) {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.EqualFold(k, name) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func (c *curlTool) list(b string) ([]string, error) {
	out, err := c.curl("/"+b+"?list-type=2", "-X", "GET")
	if err != nil {
		return nil, err
	}
	var res struct {
		Contents []struct{ Key string } `xml:"Contents"`
	}
	if err := xml.Unmarshal([]byte(out), &res); err != nil {
		return nil, fmt.Errorf("ListObjectsV2 answered %q: %v", out, err)
	}
	var keys []string
	for _, c := range res.Contents {
		keys = append(keys, c.Key)
	}
	return keys, nil
}

// presign: curl cannot make a presigned URL; the Go SDK makes it with the
// same credentials and curl fetches it (fetchPresigned).
func (c *curlTool) presign(b, k string) (string, string, error) {
	cfg := c.r.w.srv.Config(c.r.creds.key, c.r.creds.secret, c.r.creds.token)
	p := s3.NewPresignClient(s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }))
	req, err := p.PresignGetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(k)},
		s3.WithPresignExpires(time.Hour))
	if err != nil {
		return "", "", err
	}
	return req.URL, "", nil
}

// s3fsMissing says why s3fs cannot mount here ("" when it can).
func s3fsMissing() string {
	if why := binaryMissing("s3fs"); why != "" {
		return why
	}
	if _, err := os.Stat("/dev/fuse"); err != nil {
		return "no /dev/fuse: FUSE is not available in this environment"
	}
	if _, err := exec.LookPath("fusermount"); err != nil {
		if _, err := exec.LookPath("fusermount3"); err != nil {
			return "no fusermount (package fuse3): s3fs cannot mount without root's mount(2) or the setuid helper"
		}
	}
	return ""
}

// s3fs mounts a bucket with the credentials in AWSACCESSKEYID,
// AWSSECRETACCESSKEY and AWSSESSIONTOKEN (a passwd_file has no place for a
// token), path-style, and is then used as a file system. It cannot create
// buckets: makeBucket creates it with the SDK and the same credentials.
type s3fsTool struct {
	r      *toolRunner
	mounts map[string]*s3fsMount
}

type s3fsMount struct {
	dir string
	cmd *exec.Cmd
	out *syncBuffer
	// exited is closed when the s3fs process has ended.
	exited chan struct{}
	err    error // why the mount failed
}

func openS3fs(t *testing.T, r *toolRunner) objectTool {
	tool := &s3fsTool{r: r, mounts: map[string]*s3fsMount{}}
	t.Cleanup(tool.unmountAll)
	return tool
}

func (c *s3fsTool) multipart() bool { return true }

// mount mounts bucket (once) and returns its mount point.
func (c *s3fsTool) mount(bucket string) (string, error) {
	if m := c.mounts[bucket]; m != nil {
		return m.dir, m.err
	}
	m := &s3fsMount{dir: filepath.Join(c.r.dir, "mnt-"+bucket), out: &syncBuffer{}, exited: make(chan struct{})}
	c.mounts[bucket] = m
	if err := os.MkdirAll(m.dir, 0o755); err != nil {
		return "", err
	}
	m.cmd = exec.Command("s3fs", bucket, m.dir, "-f", "-o", "url="+c.r.w.srv.URL, "-o", "use_path_request_style",
		"-o", "endpoint=us-east-1", "-o", "retries=1", "-o", "multipart_threshold=10", "-o", "dbglevel=warn")
	m.cmd.Env = append(c.r.env, "AWSACCESSKEYID="+c.r.creds.key, "AWSSECRETACCESSKEY="+c.r.creds.secret)
	if c.r.creds.token != "" {
		m.cmd.Env = append(m.cmd.Env, "AWSSESSIONTOKEN="+c.r.creds.token)
	}
	m.cmd.Stdout, m.cmd.Stderr = m.out, m.out
	if err := m.cmd.Start(); err != nil {
		m.err = err
		return "", err
	}
	go func() {
		_ = m.cmd.Wait()
		close(m.exited)
	}()
	deadline := time.Now().Add(stepTimeout)
	for !mounted(m.dir) {
		select {
		case <-m.exited:
			m.err = fmt.Errorf("s3fs %s exited before mounting: %v\n%s", bucket, m.cmd.ProcessState, m.out.String())
			if out := m.out.String(); strings.Contains(out, "fuse: ") || strings.Contains(out, "fusermount: ") {
				// libfuse's own words: no FUSE for this process here.
				m.err = fmt.Errorf("FUSE does not work here (%w): %v", errUnsupported, m.err)
			}
			return "", m.err
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			c.r.t.Fatalf("%s: step %q hung: s3fs %s not mounted after %v\n%s", c.r.creds.name, c.r.prefix, bucket, stepTimeout, m.out.String())
		}
	}
	// s3fs checks the bucket in its FUSE init, after the mount appears, and
	// on failure leaves the event loop: the first call on the mount fails.
	err := c.fsOp("listing the new mount", func() error { _, err := os.ReadDir(m.dir); return err })
	if err == nil && !m.live() {
		// The check failed and s3fs left before the listing: it read the
		// bare directory under the mount point (seen on a loaded machine).
		err = fmt.Errorf("the mount is gone")
	}
	if err != nil {
		select {
		case <-m.exited:
		case <-time.After(30 * time.Second):
		}
		m.err = fmt.Errorf("s3fs %s mounted but failed its bucket check (%v):\n%s", bucket, err, m.out.String())
		return "", m.err
	}
	return m.dir, nil
}

// live reports whether m's s3fs is still running and mounted: a call that
// succeeded on m.dir without it went to the bare directory underneath.
func (m *s3fsMount) live() bool {
	select {
	case <-m.exited:
		return false
	default:
		return mounted(m.dir)
	}
}

// mounted reports whether dir is a mount point (in /proc/self/mountinfo).
func mounted(dir string) bool {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return false
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) > 4 && f[4] == dir {
			return true
		}
	}
	return false
}

func (c *s3fsTool) unmountAll() {
	for _, m := range c.mounts {
		if m.cmd == nil || m.cmd.Process == nil {
			continue
		}
		if mounted(m.dir) {
			_ = exec.Command("fusermount", "-u", "-z", m.dir).Run()
		}
		select {
		case <-m.exited:
		case <-time.After(30 * time.Second):
			_ = m.cmd.Process.Kill()
			<-m.exited
		}
	}
}

// fsOp runs a file-system call on the mount with the step deadline: a
// hung FUSE call would otherwise block the test for good.
func (c *s3fsTool) fsOp(what string, f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(stepTimeout):
		c.unmountAll()
		c.r.t.Fatalf("%s: step %q hung: %s on the s3fs mount still running after %v", c.r.creds.name, c.r.prefix, what, stepTimeout)
		return nil
	}
}

func (c *s3fsTool) makeBucket(b string) error {
	cfg := c.r.w.srv.Config(c.r.creds.key, c.r.creds.secret, c.r.creds.token)
	if _, err := c.r.w.s3(cfg).CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(b)}); err != nil {
		return fmt.Errorf("CreateBucket with the SDK: %w", err)
	}
	_, err := c.mount(b)
	return err
}

func (c *s3fsTool) put(b, k, p string) error {
	dir, err := c.mount(b)
	if err != nil {
		return err
	}
	if err := c.fsOp("writing "+k, func() error { return copyFile(p, filepath.Join(dir, k)) }); err != nil {
		return err
	}
	return c.stillMounted(b)
}

// stillMounted is an error when bucket's s3fs left during a call that then
// succeeded on the bare directory under its mount point.
func (c *s3fsTool) stillMounted(bucket string) error {
	if m := c.mounts[bucket]; m != nil && !m.live() {
		return fmt.Errorf("s3fs %s left its mount during the call:\n%s", bucket, m.out.String())
	}
	return nil
}

func (c *s3fsTool) get(b, k, p string) error {
	dir, err := c.mount(b)
	if err != nil {
		return err
	}
	return c.fsOp("reading "+k, func() error { return copyFile(filepath.Join(dir, k), p) })
}

// copy through the file system: read the file and write a new one.
func (c *s3fsTool) copy(b, from, to string) error {
	dir, err := c.mount(b)
	if err != nil {
		return err
	}
	return c.fsOp("copying "+from, func() error { return copyFile(filepath.Join(dir, from), filepath.Join(dir, to)) })
}

func (c *s3fsTool) remove(b, k string) error {
	dir, err := c.mount(b)
	if err != nil {
		return err
	}
	return c.fsOp("removing "+k, func() error { return os.Remove(filepath.Join(dir, k)) })
}

func (c *s3fsTool) list(b string) ([]string, error) {
	dir, err := c.mount(b)
	if err != nil {
		return nil, err
	}
	var keys []string
	err = c.fsOp("listing", func() error {
		es, err := os.ReadDir(dir)
		for _, e := range es {
			keys = append(keys, e.Name())
		}
		return err
	})
	return keys, err
}

func (c *s3fsTool) presign(b, k string) (string, string, error) {
	return "", "", fmt.Errorf("s3fs makes no presigned URLs: %w", errUnsupported)
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}
