package golden

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

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
		// Unlike max-keys, max-uploads is echoed at its cap.
		s3OK("ListMultipartUploads/max-uploads 2000 is echoed as 1000",
			"brekkylab/backlot#176 and backlot/routers/s3.py _MAX_UPLOADS (\"A larger max-uploads is served at the cap "+
				"rather than refused (measured: 1001 and 2000 both echo 1000)\", measured against S3 2026-09-10)",
			s3Steps(run(s3Ops["CreateMultipartUpload"])),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(b), MaxUploads: aws.Int32(2000)})
			},
			map[string]any{"MaxUploads": 1000, "Uploads": Len(1), "IsTruncated": false}),
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

// lockCall is a retention or legal-hold call on opsKey in opsBucket for
// version id v.
type lockCall func(ctx context.Context, c *s3.Client, v string) (any, error)

var lockCalls = []struct {
	name, file string
	call       lockCall
}{
	{"GetObjectLegalHold", "getObjectLegalHold.js", func(ctx context.Context, c *s3.Client, v string) (any, error) {
		return c.GetObjectLegalHold(ctx, &s3.GetObjectLegalHoldInput{Bucket: aws.String(opsBucket), Key: aws.String(opsKey), VersionId: aws.String(v)})
	}},
	{"PutObjectLegalHold", "putObjectLegalHold.js", func(ctx context.Context, c *s3.Client, v string) (any, error) {
		return c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(opsBucket), Key: aws.String(opsKey), VersionId: aws.String(v),
			LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOn}})
	}},
	{"GetObjectRetention", "getRetention.js", func(ctx context.Context, c *s3.Client, v string) (any, error) {
		return c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: aws.String(opsBucket), Key: aws.String(opsKey), VersionId: aws.String(v)})
	}},
	{"PutObjectRetention", "putRetention.js", func(ctx context.Context, c *s3.Client, v string) (any, error) {
		return c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(opsBucket), Key: aws.String(opsKey), VersionId: aws.String(v),
			Retention: &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance, RetainUntilDate: aws.Time(time.Now().Add(time.Hour))}})
	}},
}

// TestScalityEvidenceLockVersionID: the retention and legal-hold calls
// answer a version id as the other object-level calls do: InvalidArgument
// for one S3 never issued, NoSuchVersion for a well-formed one naming no
// version of the key.
func TestScalityEvidenceLockVersionID(t *testing.T) {
	const (
		madeUp  = "012345678901234567890123456789012" // cloudserver's, 33 characters
		vgw1638 = "versity/versitygw#1638 (\"S3 returns InvalidArgument: Invalid version id specified for invalid version IDs " +
			"in object-level actions\", PutObjectLegalHold, GetObjectLegalHold, PutObjectRetention and GetObjectRetention among them)"
		vgw1616 = "versity/versitygw#1616 (Get/PutObjectRetention of a version id that does not exist: NoSuchVersion " +
			"\"The specified version does not exist.\")"
	)
	var cases []Case
	for _, lc := range lockCalls {
		call := lc.call
		cases = append(cases, Case{Name: lc.name + "/made-up version id",
			Source: vgw1638 + "; scality/cloudserver@ec2e3046a1c8 tests/functional/aws-node-sdk/test/object/" + lc.file +
				" wants NoSuchVersion for this id",
			Setup: lockedBucket,
			Call:  func(ctx context.Context, w *World) (any, error) { return call(ctx, w.S3(Root(owner)), madeUp) },
			Want:  Want{Status: 400, Code: "InvalidArgument", Message: "Invalid version id specified"}})
		cases = append(cases, lockNoSuchVersion(lc.name, vgw1616, call))
	}
	Run(t, cases)
}

// lockNoSuchVersion is call given the version id of another key: an id S3
// issued, naming no version of opsKey.
func lockNoSuchVersion(name, source string, call lockCall) Case {
	var other string // this case's own
	return Case{Name: name + "/another key's version id", Source: source,
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			lockedBucket(ctx, t, w)
			out, err := w.S3(Root(owner)).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("other"),
				Body: strings.NewReader("other")})
			if err != nil || out.VersionId == nil {
				t.Fatalf("set-up PutObject other: %v", err)
			}
			other = *out.VersionId
		},
		Call: func(ctx context.Context, w *World) (any, error) { return call(ctx, w.S3(Root(owner)), other) },
		Want: Want{Status: 404, Code: "NoSuchVersion", Message: "The specified version does not exist."}}
}

// TestScalityEvidenceBucketVersionID: a versionId at a bucket's path names
// a version of no object and is refused, as scality's suite expects of
// the object writes that take none (objectPut.js, objectCopy.js) and as
// AWS was measured to answer at a bucket's path.
func TestScalityEvidenceBucketVersionID(t *testing.T) {
	const (
		backlot = "brekkylab/backlot backlot/routers/s3.py _version_id_refusal and _VERSION_AFTER_THE_BUCKET, " +
			"tests/test_s3.py _PARAMETER_ROWS (measured against s3.us-east-1.amazonaws.com 2026-09-29 and 2026-09-30)"
		noVersion = "This operation does not accept a version-id."
	)
	argued := func(v string) Matcher {
		return Match(regexp.QuoteMeta("<ArgumentName>versionId</ArgumentName><ArgumentValue>" + v + "</ArgumentValue>"))
	}
	raw := func(name, method, query, body string, want Want) Case {
		return Case{Name: name, Source: backlot, Setup: withBucket(opsBucket),
			Call: func(ctx context.Context, w *World) (any, error) {
				var b []byte
				if body != "" {
					b = []byte(body)
				}
				return w.Signed(ctx, Root(owner), method, "/"+opsBucket+"?"+query, b, nil)
			}, Want: want}
	}
	refused := func(msg, v string) Want {
		return Want{Status: 400, Code: "InvalidArgument", Message: msg, Fields: map[string]any{"body": argued(v)}}
	}
	Run(t, []Case{
		raw("ListObjects/versionId", http.MethodGet, "versionId=x", "", refused(noVersion, "x")),
		raw("ListObjectsV2/versionId", http.MethodGet, "list-type=2&versionId=x", "", refused(noVersion, "x")),
		raw("ListObjectVersions/versionId", http.MethodGet, "versions&versionId=x", "", refused(noVersion, "x")),
		raw("GetBucketVersioning/empty versionId", http.MethodGet, "versioning&versionId=", "", refused(noVersion, "")),
		raw("GetBucketVersioning/versionId null", http.MethodGet, "versioning&versionId=null", "", refused(noVersion, "null")),
		raw("GetBucketAcl/versionId", http.MethodGet, "acl&versionId=x", "", refused("Invalid version id specified", "x")),
		raw("DeleteBucket/versionId", http.MethodDelete, "versionId=x", "", refused(noVersion, "x")),
		raw("PutBucketVersioning/versionId", http.MethodPut, "versioning&versionId=x",
			`<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`, refused(noVersion, "x")),
		raw("HeadBucket/versionId", http.MethodHead, "versionId=x", "", Want{Refused: true, Status: 400}),
		raw("ListObjects/no versionId", http.MethodGet, "max-keys=1", "", Want{Fields: map[string]any{"body": Match("<ListBucketResult")}}),
	})
}
