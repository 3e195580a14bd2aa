package golden

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// A third batch of S3 cases from LocalStack's AWS-recorded snapshots
// (session of 2026-12-06), one file a theme: s3rec3_lock_test.go (Object
// Lock retention and legal hold), s3rec3_tagging_test.go (tagging and
// ownership validation), s3rec3_copy_test.go (write and copy
// preconditions, copy source ranges, copies in place),
// s3rec3_multipart_test.go, s3rec3_versions_test.go, s3rec3_acl_test.go,
// s3rec3_cors_test.go, s3rec3_lifecycle_test.go,
// s3rec3_encryption_test.go, s3rec3_presigned_test.go,
// s3rec3_buckets_test.go (bucket configurations, ListBuckets, refusals)
// and s3rec3_objects_test.go (attributes, headers, storage classes). The
// helpers several of them use stay here.

const (
	msgNoBucket  = "The specified bucket does not exist"
	msgCopyRange = "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy"
)

// headVersion is the version id HEAD gives for key in b.
func headVersion(ctx context.Context, c *s3.Client, b, key string) (*string, error) {
	h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(key)})
	if err != nil {
		return nil, err
	}
	return h.VersionId, nil
}

// anonymous sends an unsigned request with the given headers (name, value
// pairs) to path.
func anonymous(method, path string, headers ...string) func(ctx context.Context, w *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) {
		r, err := http.NewRequestWithContext(ctx, method, w.Endpoint+path, nil)
		if err != nil {
			return nil, err
		}
		for i := 0; i+1 < len(headers); i += 2 {
			r.Header.Set(headers[i], headers[i+1])
		}
		return w.HTTP.Do(r)
	}
}

// merge is a's fields with b's added.
func merge(a, b map[string]any) map[string]any {
	m := map[string]any{}
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}
