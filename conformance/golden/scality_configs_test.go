package golden

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases found by running scality/cloudserver's functional S3 tests in their
// AWS mode (AWS_ON_AIR=true, conformance/scality): assertions the suite's
// maintainers kept for AWS, checked against other records of AWS's answer.

// scalitySource names a test of cloudserver's tests/functional/aws-node-sdk
// (commit ec2e3046a1c8) run with AWS_ON_AIR=true, and what backs it.
func scalitySource(file, title, backing string) string {
	return "scality/cloudserver@ec2e3046a1c8 tests/functional/aws-node-sdk/test/" + file + " \"" + title +
		"\" (kept in the suite's AWS mode)" + backing
}

func TestScalityBucketConfigs(t *testing.T) {
	const wildcardMsg = `ExposeHeader "x-amz-*" contains wildcard. We currently do not support wildcard for ExposeHeader.`
	cors := func(expose ...string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(b), CORSConfiguration: &types.CORSConfiguration{
				CORSRules: []types.CORSRule{{AllowedMethods: []string{"GET"}, AllowedOrigins: []string{"*"}, ExposeHeaders: expose}}}})
		}
	}
	legacyPrefix := func(prefix string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			//lint:ignore SA1019 the rule-level Prefix is what the case sends
			rule := types.LifecycleRule{ID: aws.String("test-id"), Status: types.ExpirationStatusEnabled, Prefix: aws.String(prefix),
				Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}}
			return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(b),
				LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{rule}}})
		}
	}
	Run(t, []Case{
		s3Fails("PutBucketCors/ExposeHeader with a wildcard",
			scalitySource("bucket/putCors.js", "should return InvalidRequest if ExposeHeader has wildcard",
				"; AWS's message as AWS CLI users quote it and AWS-compatible servers copy it (noobaa/noobaa-core#8954 "+
					"\"Rejecting wildcard('*') in expose headers - like AWS\", google/neuroglancer#788, openstack/swift s3api cors)"),
			nil, cors("ETag", "x-amz-*"), 400, "InvalidRequest", wildcardMsg),
		s3OK("PutBucketCors/ExposeHeader named in full", scalitySource("bucket/putCors.js", "should put a bucket cors successfully", ""),
			nil, cors("ETag", "x-amz-meta-name"), nil),
		s3Fails("PutBucketLifecycleConfiguration/rule Prefix over 1024 bytes",
			scalitySource("bucket/putBucketLifecycle.js", "should not allow lifecycle config with Prefix length > 1024",
				"; a Filter Prefix over 1024 bytes is InvalidRequest \"The maximum size of a prefix is 1024\" "+
					"(justincormack/argmin lifecycle.rs test_put_bucket_lifecycle_rejects_prefix_over_1024_bytes, 2026)"),
			nil, legacyPrefix(strings.Repeat("a", 1025)), 400, "InvalidRequest", ""),
		s3OK("PutBucketLifecycleConfiguration/rule Prefix of 1024 bytes",
			scalitySource("bucket/putBucketLifecycle.js", "should not allow lifecycle config with Prefix length > 1024", " (its limit)"),
			nil, legacyPrefix(strings.Repeat("a", 1024)), nil),
	})
}
