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

// TestScalityMadeUpVersionID: a version id S3 never issued, given to the
// object calls that read or change one version, is 400 InvalidArgument
// "Invalid version id specified", not NoSuchVersion.
func TestScalityMadeUpVersionID(t *testing.T) {
	const (
		k       = "testtaggingobject"
		invalid = "invalidIdWithMoreThan40BytesAndThatIsNotLongEnoughYet"
		vgw1698 = "; S3's raw answer to GetObjectTagging with versionId test_file in versity/versitygw#1698 (400 InvalidArgument " +
			"\"Invalid version id specified\", ArgumentName versionId), and versity/versitygw#1638 for the other object-level calls"
	)
	tags := &types.Tagging{TagSet: []types.Tag{{Key: aws.String("key1"), Value: aws.String("value1")}}}
	calls := []struct {
		name, file, title string
		call              s3Call
	}{
		{"GetObjectTagging", "versioning/objectGetTagging.js", "should return InvalidArgument getting tag with a non existing version id",
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: aws.String(invalid)})
			}},
		{"PutObjectTagging", "versioning/objectPutTagging.js", "should return InvalidArgument putting tag with a non existing version id",
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: aws.String(invalid), Tagging: tags})
			}},
		{"DeleteObjectTagging", "versioning/objectDeleteTagging.js", "should return InvalidArgument deleting tag set with a non existing version id",
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: aws.String(invalid)})
			}},
		{"GetObjectAcl", "versioning/objectACL.js", "should return InvalidArgument if attempting to put/get acl for invalid hex string",
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: aws.String(invalid)})
			}},
		{"PutObjectAcl", "versioning/objectACL.js", "should return InvalidArgument if attempting to put/get acl for invalid hex string",
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: aws.String(invalid),
					ACL: types.ObjectCannedACLPrivate})
			}},
	}
	var cases []Case
	for _, c := range calls {
		cases = append(cases, s3Fails(c.name+"/made-up version id", scalitySource(c.file, c.title, vgw1698),
			s3Steps(putKey(k, "I am a user key")), c.call, 400, "InvalidArgument", "Invalid version id specified"))
	}
	Run(t, cases)
}
