package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// backlotBaseline is brekkylab/backlot's probe of every S3 operation on a
// general purpose bucket with nothing configured, measured against AWS
// (us-east-1 and ap-northeast-2) on 2026-09-03.
const backlotBaseline = "brekkylab/backlot backlot/fidelity/baseline/s3.json (measured against S3 in us-east-1 and ap-northeast-2, 2026-09-03)"

// TestS3MetadataConfigurationAbsent: a bucket without S3 Metadata (every
// fakeaws bucket: no S3 Tables are served) answers as AWS measured.
func TestS3MetadataConfigurationAbsent(t *testing.T) {
	Run(t, []Case{
		s3Fails("GetBucketMetadataConfiguration/none", backlotBaseline+": 404 MetadataConfigurationNotFound", nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketMetadataConfiguration(ctx, &s3.GetBucketMetadataConfigurationInput{Bucket: aws.String(b)})
			}, 404, "MetadataConfigurationNotFound", "The metadata configuration was not found"),
		s3Fails("GetBucketMetadataTableConfiguration/V1 not available", backlotBaseline+": 405 V1APIsNotAllowed", nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketMetadataTableConfiguration(ctx, &s3.GetBucketMetadataTableConfigurationInput{Bucket: aws.String(b)})
			}, 405, "V1APIsNotAllowed", "The V1 GetBucketMetadataTableConfiguration API operation isn't available for this account"),
	})
}
