package reliability

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// account is the account every test acts in: an access key id of 12 digits
// is that account's root, secret "test" (shared/CONTRACT.md).
const account = "111111111111"

// stepTimeout bounds one request; a loaded 2-core machine answers in far
// less, so reaching it means the step hung.
const stepTimeout = 90 * time.Second

// config is an SDK configuration for the given credentials pointed at s,
// with retries off: a retried 500 would hide exactly what these tests look
// for.
func (s *server) config(key, secret, token string) aws.Config {
	return aws.Config{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(s.url),
		Credentials:  credentials.NewStaticCredentialsProvider(key, secret, token),
		HTTPClient:   &http.Client{Timeout: stepTimeout},
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
		// LoadDefaultConfig's defaults, as a user's client has them.
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenSupported,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenSupported,
	}
}

// rootConfig acts as the root user of account.
func (s *server) rootConfig() aws.Config { return s.config(account, "test", "") }

func s3Client(cfg aws.Config) *s3.Client {
	return s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
}

func (s *server) s3() *s3.Client { return s3Client(s.rootConfig()) }

// stepCtx is a context bounded by stepTimeout.
func stepCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), stepTimeout)
}

// hung says which step ran out of time, or returns err unchanged.
func hung(step string, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("step %q hung (no answer within %v): %w", step, stepTimeout, err)
	}
	return fmt.Errorf("%s: %w", step, err)
}

// statusOf is the HTTP status of a failed call, 0 when no response came.
func statusOf(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// codeOf is the AWS error code of a failed call, "" when there is none.
func codeOf(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// bodyOf is the content a test writes under key (generation gen), long
// enough to span several reads and self-describing: its first line names
// key and gen, so a wrong body says whose it is.
func bodyOf(key string, gen, size int) string {
	head := fmt.Sprintf("%s#%d\n", key, gen)
	if size < len(head) {
		size = len(head)
	}
	return head + strings.Repeat(string(rune('a'+gen%26)), size-len(head))
}

// mustCreateBucket creates bucket as the root, with versioning when asked.
func (s *server) mustCreateBucket(t *testing.T, bucket string, versioned bool) {
	t.Helper()
	ctx, cancel := stepCtx()
	defer cancel()
	c := s.s3()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(hung("CreateBucket "+bucket, err))
	}
	if !versioned {
		return
	}
	if _, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(bucket),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatal(hung("PutBucketVersioning "+bucket, err))
	}
}

// getObject reads a whole object (versionID may be ""), returning its
// body, ETag and the Content-Length it announced.
func getObject(ctx context.Context, c *s3.Client, bucket, key, versionID string) (body, etag string, length int64, err error) {
	in := &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	if versionID != "" {
		in.VersionId = aws.String(versionID)
	}
	out, err := c.GetObject(ctx, in)
	if err != nil {
		return "", "", 0, err
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	return string(b), aws.ToString(out.ETag), aws.ToInt64(out.ContentLength), err
}
