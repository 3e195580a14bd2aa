package s3

import (
	"regexp"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// managedKeyARN is the shape of an aws/s3 key ARN as AWS answers it
// (LocalStack test_s3.snapshot.json TestS3::test_s3_sse_default_kms_key:
// "arn:<partition>:kms:<region>:111111111111:key/<SSEKMSKeyId:1>").
var managedKeyARN = regexp.MustCompile(`^arn:aws:kms:([a-z0-9-]+):(\d{12}):key/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestAWSManagedS3Key: one aws/s3 key per account and Region, of the
// shape AWS answers, the same whichever bucket asks.
func TestAWSManagedS3Key(t *testing.T) {
	t.Parallel()
	east := awsManagedS3Key(&bucketState{Bucket: store.Bucket{Name: "one", Account: acctA, Region: "us-east-1"}})
	tests := []struct {
		name   string
		b      store.Bucket
		region string
		same   bool
	}{
		{"another bucket of the account", store.Bucket{Name: "two", Account: acctA, Region: "us-east-1"}, "us-east-1", true},
		{"a bucket without a Region is us-east-1", store.Bucket{Name: "three", Account: acctA}, "us-east-1", true},
		{"another Region", store.Bucket{Name: "four", Account: acctA, Region: "eu-west-1"}, "eu-west-1", false},
		{"another account", store.Bucket{Name: "five", Account: acctB, Region: "us-east-1"}, "us-east-1", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := awsManagedS3Key(&bucketState{Bucket: tc.b})
			m := managedKeyARN.FindStringSubmatch(got)
			if m == nil || m[1] != tc.region || m[2] != tc.b.Account {
				t.Fatalf("key = %q, want an aws/s3 key ARN of %s in %s", got, tc.b.Account, tc.region)
			}
			if (got == east) != tc.same {
				t.Errorf("key = %q, same as %q: %v, want %v", got, east, got == east, tc.same)
			}
		})
	}
}

// TestManagedKeyOnWrites: an SSE-KMS object written without a key id, by
// the request or by the bucket default, names the aws/s3 key in every
// answer that reports its encryption (API_PutObject,
// x-amz-server-side-encryption-aws-kms-key-id; LocalStack
// test_s3_api.snapshot.json
// TestS3BucketEncryption::test_s3_bucket_encryption_sse_kms_aws_managed_key).
func TestManagedKeyOnWrites(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "bydefault")
	e.createBucket(a, "byrequest")
	e.must(a, treq{method: "PUT", target: "/bydefault?encryption", body: `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`}, 200)
	e.must(a, treq{method: "PUT", target: "/byrequest/plain", body: "x"}, 200)
	want := awsManagedS3Key(&bucketState{Bucket: store.Bucket{Account: acctA, Region: "us-east-1"}})
	kms := map[string]string{"x-amz-server-side-encryption": "aws:kms"}
	dsse := map[string]string{"x-amz-server-side-encryption": "aws:kms:dsse"}
	copyOf := func(src string, h map[string]string) map[string]string {
		m := map[string]string{"x-amz-copy-source": src}
		for k, v := range h {
			m[k] = v
		}
		return m
	}
	id, body := e.mpu("bydefault", "mp", nil, "hello")
	tests := []struct {
		name string
		r    treq
		alg  string
	}{
		{"PutObject, bucket default", treq{method: "PUT", target: "/bydefault/o", body: "x"}, "aws:kms"},
		{"GetObject, bucket default", treq{method: "GET", target: "/bydefault/o"}, "aws:kms"},
		{"HeadObject, bucket default", treq{method: "HEAD", target: "/bydefault/o"}, "aws:kms"},
		{"PutObject, request aws:kms", treq{method: "PUT", target: "/byrequest/k", body: "x", header: kms}, "aws:kms"},
		{"PutObject, request aws:kms:dsse", treq{method: "PUT", target: "/byrequest/d", body: "x", header: dsse}, "aws:kms:dsse"},
		{"CopyObject, bucket default", treq{method: "PUT", target: "/bydefault/c", header: copyOf("/byrequest/plain", nil)}, "aws:kms"},
		{"CopyObject, request aws:kms", treq{method: "PUT", target: "/byrequest/c", header: copyOf("/byrequest/plain", kms)}, "aws:kms"},
		{"CreateMultipartUpload, request aws:kms", treq{method: "POST", target: "/byrequest/m?uploads", header: kms}, "aws:kms"},
		{"CompleteMultipartUpload, bucket default", treq{method: "POST", target: "/bydefault/mp?uploadId=" + id, body: body}, "aws:kms"},
		{"HeadObject, completed upload", treq{method: "HEAD", target: "/bydefault/mp"}, "aws:kms"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.must(a, tc.r, 200)
			if got := w.Header().Get("x-amz-server-side-encryption"); got != tc.alg {
				t.Errorf("x-amz-server-side-encryption = %q, want %q", got, tc.alg)
			}
			if got := w.Header().Get("x-amz-server-side-encryption-aws-kms-key-id"); got != want {
				t.Errorf("x-amz-server-side-encryption-aws-kms-key-id = %q, want %q", got, want)
			}
		})
	}
	w := e.must(a, treq{method: "HEAD", target: "/byrequest/plain"}, 200)
	if got := w.Header().Get("x-amz-server-side-encryption-aws-kms-key-id"); got != "" {
		t.Errorf("AES256 object names a KMS key: %q", got)
	}
}
