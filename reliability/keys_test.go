package reliability

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Issue 11 item 1: keys that differ only after a NUL byte are different
// objects, over the wire and across a restart. Before the fix the index key
// was key+"\x00"+seq: once "report\x000" existed, PUT "report" answered 500
// on an unversioned bucket, and on a versioned one GET "report" after
// deleting its only version answered the bytes of "report\x000".
func TestNULKeysDoNotCollide(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := start(t, dir)
	const planted, genuine = "report\x000", "report"
	cases := []struct {
		bucket    string
		versioned bool
	}{{"nul-unversioned", false}, {"nul-versioned", true}}
	for _, c := range cases {
		s.mustCreateBucket(t, c.bucket, c.versioned)
		ctx, cancel := stepCtx()
		cl := s.s3()
		put := func(key, body string) *s3.PutObjectOutput {
			t.Helper()
			out, err := cl.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(c.bucket), Key: aws.String(key),
				Body: strings.NewReader(body)})
			if err != nil {
				t.Fatalf("%s: %v (status %d)", c.bucket, hung("PUT "+key, err), statusOf(err))
			}
			return out
		}
		expect := func(key, want string) {
			t.Helper()
			got, _, _, err := getObject(ctx, cl, c.bucket, key, "")
			if err != nil || got != want {
				t.Errorf("%s: GET %q = %q, %v; want %q", c.bucket, key, got, err, want)
			}
		}
		put(planted, "planted")
		out := put(genuine, "genuine")
		expect(genuine, "genuine")
		expect(planted, "planted")
		del := &s3.DeleteObjectInput{Bucket: aws.String(c.bucket), Key: aws.String(genuine)}
		if c.versioned {
			// The only version of report: deleting it leaves no report.
			del.VersionId = out.VersionId
		}
		if _, err := cl.DeleteObject(ctx, del); err != nil {
			t.Fatalf("%s: %v", c.bucket, hung("DELETE report", err))
		}
		if got, _, _, err := getObject(ctx, cl, c.bucket, genuine, ""); statusOf(err) != 404 || codeOf(err) != "NoSuchKey" {
			t.Errorf("%s: GET report after deleting it = %q, %v; want 404 NoSuchKey", c.bucket, got, err)
		}
		expect(planted, "planted")
		cancel()
	}

	// The escaped index is what is on disk: a restarted server keeps the
	// two keys apart too.
	s.stop(t)
	s = start(t, dir)
	ctx, cancel := stepCtx()
	defer cancel()
	for _, c := range cases {
		if got, _, _, err := getObject(ctx, s.s3(), c.bucket, planted, ""); err != nil || got != "planted" {
			t.Errorf("%s after restart: GET report\\x000 = %q, %v; want planted", c.bucket, got, err)
		}
		if _, _, _, err := getObject(ctx, s.s3(), c.bucket, genuine, ""); codeOf(err) != "NoSuchKey" {
			t.Errorf("%s after restart: GET report = %v; want NoSuchKey", c.bucket, err)
		}
	}
}
