package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Answers scality/cloudserver's suite asked of fakeaws (conformance/scality)
// where deviations.md had found no AWS recording: each case names the
// recording of AWS's answer found since.

// backlot192 is brekkylab/backlot's measurement of AWS's ListObjects
// max-keys (issue #192, measured against S3 on 2026-09-14): "What is served
// is capped at 1000 but the echo is the value as parsed, and max-keys=0 is
// an empty page whose IsTruncated is false", on both forms of the listing.
const backlot192 = "brekkylab/backlot#192 and its tests/test_s3.py " +
	"test_max_keys_is_read_by_value_and_refused_with_the_two_messages_real_sends (measured against AWS S3, 2026-09-14)"

func TestScalityEvidenceListMaxKeys(t *testing.T) {
	const bigMax = "scality/cloudserver@ec2e3046a1c8 tests/functional/aws-node-sdk/test/bucket/listingCornerCases.js " +
		"\"should list with big MaxKeys\" (MaxKeys 15000 echoed); "
	keys := s3Steps(putKey("a.txt", "a"), putKey("b.txt", "b"))
	v1 := func(max int32) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String(b), MaxKeys: aws.Int32(max)})
		}
	}
	v2 := func(max int32) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b), MaxKeys: aws.Int32(max)})
		}
	}
	Run(t, []Case{
		s3OK("ListObjectsV2/max-keys 1001 is echoed", bigMax+backlot192, keys, v2(1001),
			map[string]any{"MaxKeys": 1001, "KeyCount": 2, "Contents": Len(2), "IsTruncated": false}),
		s3OK("ListObjects/max-keys 15000 is echoed", bigMax+backlot192, keys, v1(15000),
			map[string]any{"MaxKeys": 15000, "Contents": Len(2), "IsTruncated": false}),
		s3OK("ListObjectsV2/max-keys 0 is a last empty page", backlot192, keys, v2(0),
			map[string]any{"MaxKeys": 0, "KeyCount": 0, "Contents": Len(0), "IsTruncated": false}),
		s3OK("ListObjects/max-keys 0 is a last empty page", backlot192, keys, v1(0),
			map[string]any{"MaxKeys": 0, "Contents": Len(0), "IsTruncated": false}),
	})
}

// TestScalityEvidenceLifecycleAnd: a lifecycle And holds two or more
// predicates; one alone is MalformedXML.
func TestScalityEvidenceLifecycleAnd(t *testing.T) {
	const (
		andDoc = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRuleAndOperator.html (\"used in a " +
			"Lifecycle Rule Filter to apply a logical AND to two or more predicates\"); "
		tf23882 = "hashicorp/terraform-provider-aws#23882 (\"providing filter \"and\" clause with only \"prefix\" " +
			"causes MalformedXML error\", AWS's answer to the provider's PutBucketLifecycleConfiguration); "
		scality   = "scality/cloudserver@ec2e3046a1c8 tests/functional/aws-node-sdk/test/bucket/putBucketLifecycle.js "
		malformed = "The XML you provided was not well-formed or did not validate against our published schema"
	)
	tag := func(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }
	put := func(and *types.LifecycleRuleAndOperator) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			rule := types.LifecycleRule{ID: aws.String("test-id"), Status: types.ExpirationStatusEnabled,
				Filter: &types.LifecycleRuleFilter{And: and}, Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}}
			return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(b),
				LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{rule}}})
		}
	}
	Run(t, []Case{
		s3Fails("PutBucketLifecycleConfiguration/And with a Prefix alone",
			tf23882+andDoc+scality+"\"should not allow config with And.Prefix & no And.Tags\"",
			nil, put(&types.LifecycleRuleAndOperator{Prefix: aws.String("foo")}), 400, "MalformedXML", malformed),
		s3Fails("PutBucketLifecycleConfiguration/And with one Tag", andDoc+scality+"\"should not allow config with only one And.Tags\"",
			nil, put(&types.LifecycleRuleAndOperator{Tags: []types.Tag{tag("f", "b")}}), 400, "MalformedXML", malformed),
		s3Fails("PutBucketLifecycleConfiguration/And with one size bound", andDoc+tf23882,
			nil, put(&types.LifecycleRuleAndOperator{ObjectSizeGreaterThan: aws.Int64(10)}), 400, "MalformedXML", malformed),
		s3OK("PutBucketLifecycleConfiguration/And with a Prefix and a Tag",
			"justincormack/argmin lifecycle.rs test_put_object_and_head_object_report_expiration_header_for_and_filter "+
				"(an And of prefix logs/ and tag env=prod accepted by AWS, 2026)",
			nil, put(&types.LifecycleRuleAndOperator{Prefix: aws.String("logs/"), Tags: []types.Tag{tag("env", "prod")}}), nil),
		s3OK("PutBucketLifecycleConfiguration/And with two Tags", scality+"\"should allow config with And.Tags & no And.Prefix\"; "+andDoc,
			nil, put(&types.LifecycleRuleAndOperator{Tags: []types.Tag{tag("foo", "bar"), tag("foo2", "bar2")}}), nil),
	})
}
