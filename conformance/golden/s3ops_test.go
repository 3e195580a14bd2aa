package golden

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"mime/multipart"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3 cases for the operations and shapes the other S3 files leave out:
// successes shaped as LocalStack's AWS recordings and the AWS CLI's
// examples show them, and for every bucket and object operation the
// NoSuchBucket answer S3 gives for a bucket that does not exist.

func s3LS(test, key, validated string) string {
	return localstack("s3/test_s3.snapshot.json", test, key, validated)
}

func s3apiLS(test, key, validated string) string {
	return localstack("s3/test_s3_api.snapshot.json", test, key, validated)
}

// noSuchBucketDoc cites the S3 error code list for NoSuchBucket.
const noSuchBucketDoc = "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList " +
	"(NoSuchBucket: \"The specified bucket does not exist.\" 404 Not Found), recorded without the final period for " +
	"GetBucketEncryption, PutBucketTagging, GetObjectLockConfiguration, ... in LocalStack's test_s3_api.snapshot.json " +
	"(TestS3BucketEncryption::test_s3_default_bucket_encryption_exc \"get-bucket-enc-no-bucket\", validated 2026-02-21)"

// s3Call is one S3 request on bucket b.
type s3Call func(ctx context.Context, c *s3.Client, b string) (any, error)

const (
	opsBucket = "golden-ops"
	opsKey    = "key.txt"
)

var (
	lifecycleRule = &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{{ID: aws.String("wholebucket"),
		Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{Prefix: aws.String("")},
		Expiration: &types.LifecycleExpiration{Days: aws.Int32(7)}}}}
	corsRule = &types.CORSConfiguration{CORSRules: []types.CORSRule{{AllowedMethods: []string{"GET"}, AllowedOrigins: []string{"*"}}}}
	pabOff   = &types.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(false), BlockPublicPolicy: aws.Bool(false),
		IgnorePublicAcls: aws.Bool(false), RestrictPublicBuckets: aws.Bool(false)}
)

// s3Ops lists, per S3 operation, a request a case makes on bucket b (and
// key opsKey where it names an object).
var s3Ops = map[string]s3Call{
	"AbortMultipartUpload": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(opsKey), UploadId: aws.String("no-such-upload")})
	},
	"CreateMultipartUpload": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(opsKey)})
	},
	"DeleteBucketCors": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteBucketCors(ctx, &s3.DeleteBucketCorsInput{Bucket: aws.String(b)})
	},
	"DeleteBucketEncryption": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteBucketEncryption(ctx, &s3.DeleteBucketEncryptionInput{Bucket: aws.String(b)})
	},
	"DeleteBucketLifecycle": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteBucketLifecycle(ctx, &s3.DeleteBucketLifecycleInput{Bucket: aws.String(b)})
	},
	"DeleteBucketOwnershipControls": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: aws.String(b)})
	},
	"DeleteBucketPolicy": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(b)})
	},
	"DeleteBucketTagging": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteBucketTagging(ctx, &s3.DeleteBucketTaggingInput{Bucket: aws.String(b)})
	},
	"DeleteBucketWebsite": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteBucketWebsite(ctx, &s3.DeleteBucketWebsiteInput{Bucket: aws.String(b)})
	},
	"DeleteObjectTagging": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(opsKey)})
	},
	"DeleteObjects": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(b), Delete: &types.Delete{Objects: []types.ObjectIdentifier{{Key: aws.String(opsKey)}}}})
	},
	"DeletePublicAccessBlock": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(b)})
	},
	"GetBucketAccelerate": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetBucketAccelerateConfiguration(ctx, &s3.GetBucketAccelerateConfigurationInput{Bucket: aws.String(b)})
	},
	"GetBucketAcl": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(b)})
	},
	"GetBucketEncryption": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(b)})
	},
	"GetBucketLocation": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(b)})
	},
	"GetBucketLogging": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(b)})
	},
	"GetBucketNotification": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: aws.String(b)})
	},
	"GetBucketPolicyStatus": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetBucketPolicyStatus(ctx, &s3.GetBucketPolicyStatusInput{Bucket: aws.String(b)})
	},
	"GetBucketRequestPayment": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetBucketRequestPayment(ctx, &s3.GetBucketRequestPaymentInput{Bucket: aws.String(b)})
	},
	"GetBucketVersioning": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(b)})
	},
	"GetObjectAcl": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(b), Key: aws.String(opsKey)})
	},
	"GetObjectAttributes": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: aws.String(opsKey),
			ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesEtag, types.ObjectAttributesObjectSize}})
	},
	"GetObjectLegalHold": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetObjectLegalHold(ctx, &s3.GetObjectLegalHoldInput{Bucket: aws.String(b), Key: aws.String(opsKey)})
	},
	"GetObjectRetention": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: aws.String(b), Key: aws.String(opsKey)})
	},
	"HeadObject": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(opsKey)})
	},
	"ListMultipartUploads": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(b)})
	},
	"ListObjectVersions": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b)})
	},
	"ListObjects": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String(b)})
	},
	"ListObjectsV2": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b)})
	},
	"ListParts": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(b), Key: aws.String(opsKey), UploadId: aws.String("no-such-upload")})
	},
	"PutBucketAccelerate": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketAccelerateConfiguration(ctx, &s3.PutBucketAccelerateConfigurationInput{Bucket: aws.String(b),
			AccelerateConfiguration: &types.AccelerateConfiguration{Status: types.BucketAccelerateStatusEnabled}})
	},
	"PutBucketAcl": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(b), ACL: types.BucketCannedACLPublicRead})
	},
	"PutBucketCors": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(b), CORSConfiguration: corsRule})
	},
	"PutBucketEncryption": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(b), ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{
			Rules: []types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256}}}}})
	},
	"PutBucketLifecycleConfiguration": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(b), LifecycleConfiguration: lifecycleRule})
	},
	"PutBucketLogging": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(b), BucketLoggingStatus: &types.BucketLoggingStatus{
			LoggingEnabled: &types.LoggingEnabled{TargetBucket: aws.String(opsBucket + "-logs"), TargetPrefix: aws.String("log")}}})
	},
	"PutBucketNotification": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String(b),
			NotificationConfiguration: &types.NotificationConfiguration{}})
	},
	"PutBucketOwnershipControls": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String(b), OwnershipControls: &types.OwnershipControls{
			Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipObjectWriter}}}})
	},
	"PutBucketRequestPayment": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketRequestPayment(ctx, &s3.PutBucketRequestPaymentInput{Bucket: aws.String(b),
			RequestPaymentConfiguration: &types.RequestPaymentConfiguration{Payer: types.PayerRequester}})
	},
	"PutBucketTagging": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(b), Tagging: &types.Tagging{
			TagSet: []types.Tag{{Key: aws.String("tag1"), Value: aws.String("tag1")}, {Key: aws.String("tag2"), Value: aws.String("")}}}})
	},
	"PutBucketWebsite": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: aws.String(b), WebsiteConfiguration: &types.WebsiteConfiguration{
			IndexDocument: &types.IndexDocument{Suffix: aws.String("index.html")}}})
	},
	"PutObjectAcl": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(b), Key: aws.String(opsKey), ACL: types.ObjectCannedACLPublicRead})
	},
	"PutObjectAnnotation":    putAnnotation("a", "1"),
	"GetObjectAnnotation":    getAnnotation("a", ""),
	"ListObjectAnnotations":  listAnnotations(nil),
	"DeleteObjectAnnotation": deleteAnnotation("a"),
	"PutObjectLegalHold": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(b), Key: aws.String(opsKey),
			LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOn}})
	},
	"PutObjectRetention": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(b), Key: aws.String(opsKey),
			Retention: &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance, RetainUntilDate: aws.Time(time.Now().Add(time.Hour))}})
	},
	"PutObjectTagging": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(opsKey), Tagging: &types.Tagging{
			TagSet: []types.Tag{{Key: aws.String("tag1"), Value: aws.String("tag1")}}}})
	},
	"PutPublicAccessBlock": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: aws.String(b), PublicAccessBlockConfiguration: pabOff})
	},
	"UploadPartCopy": func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String(b), Key: aws.String(opsKey), UploadId: aws.String("no-such-upload"),
			PartNumber: aws.Int32(1), CopySource: aws.String(opsBucket + "/src.txt")})
	},
}

// TestS3NoSuchBucket: each bucket and object operation on a bucket that
// does not exist.
func TestS3NoSuchBucket(t *testing.T) {
	var names []string
	for op := range s3Ops {
		names = append(names, op)
	}
	sort.Strings(names)
	var cases []Case
	for _, op := range names {
		call := s3Ops[op]
		want := Want{Status: 404, Code: "NoSuchBucket", Message: "The specified bucket does not exist"}
		if op == "HeadObject" {
			// A HEAD answer has no body: the SDK names the error by status.
			want.Code, want.Message = "NotFound", ""
		}
		cases = append(cases, Case{
			Name:   op + "/no such bucket",
			Source: noSuchBucketDoc,
			Call: func(ctx context.Context, w *World) (any, error) {
				return call(ctx, w.S3(Root(owner)), "golden-no-such-bucket")
			},
			Want: want,
		})
	}
	Run(t, cases)
}

// s3Setup is a set-up step on the owner's client.
type s3Setup func(ctx context.Context, c *s3.Client) error

// s3OK is a success case of op made on opsBucket (created first) after
// steps, as owner.
func s3OK(name, source string, steps []s3Setup, call s3Call, fields map[string]any) Case {
	return Case{Name: name, Source: source,
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			t.Helper()
			bucket(ctx, t, w, opsBucket)
			for i, s := range steps {
				if err := s(ctx, w.S3(Root(owner))); err != nil {
					t.Fatalf("set-up step %d: %v", i+1, err)
				}
			}
		},
		Call: func(ctx context.Context, w *World) (any, error) { return call(ctx, w.S3(Root(owner)), opsBucket) },
		Want: Want{Fields: fields}}
}

// s3Fails is s3OK for an error answer.
func s3Fails(name, source string, steps []s3Setup, call s3Call, status int, code, message string) Case {
	c := s3OK(name, source, steps, call, nil)
	c.Want = Want{Status: status, Code: code, Message: message}
	return c
}

func s3Steps(s ...s3Setup) []s3Setup { return s }

// noContent is a success answered 204 No Content.
func noContent(c Case) Case {
	c.Want.Status = http.StatusNoContent
	return c
}

// run turns an S3 call on opsBucket into a set-up step.
func run(call s3Call) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		_, err := call(ctx, c, opsBucket)
		return err
	}
}

func putKey(key, body string) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(key), Body: strings.NewReader(body)})
		return err
	}
}

func createBucketNamed(name string) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)})
		return err
	}
}

// aclsAllowed turns off what keeps ACLs and public access away from a new
// bucket (as LocalStack's ACL tests do before setting one).
var aclsAllowed = []s3Setup{
	run(s3Ops["DeletePublicAccessBlock"]),
	run(s3Ops["PutBucketOwnershipControls"]),
}

// lockedBucket is opsBucket made again with Object Lock enabled and one
// object.
func lockedBucket(ctx context.Context, t *testing.T, w *World) {
	t.Helper()
	c := w.S3(Root(owner))
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(opsBucket), ObjectLockEnabledForBucket: aws.Bool(true)}); err != nil {
		t.Fatalf("set-up CreateBucket with Object Lock: %v", err)
	}
	object(ctx, t, w, opsBucket, opsKey, "test")
}

func TestS3OperationsSucceed(t *testing.T) {
	mpu := func(ctx context.Context, c *s3.Client) error {
		_, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String("test-list-parts")})
		return err
	}
	cases := []Case{
		noContent(s3OK("DeleteBucket/empty", cliExample("s3api/delete-bucket.rst")+" (no output; 204)", nil, func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(b)})
		}, map[string]any{"header:Content-Length": Absent})),
		noContent(s3OK("DeleteObject/unversioned", cliExample("s3api/delete-object.rst")+" (no output; 204)", s3Steps(putKey(opsKey, "x")), func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(opsKey)})
		}, map[string]any{"VersionId": Absent, "DeleteMarker": Absent})),
		noContent(s3OK("DeleteBucketCors/success", cliExample("s3api/delete-bucket-cors.rst")+" (no output)", s3Steps(run(s3Ops["PutBucketCors"])), s3Ops["DeleteBucketCors"], nil)),
		noContent(s3OK("DeleteBucketEncryption/success", s3apiLS("TestS3BucketEncryption::test_s3_default_bucket_encryption", "delete-bucket-encryption", "2026-02-21"), nil, s3Ops["DeleteBucketEncryption"], nil)),
		noContent(s3OK("DeleteBucketLifecycle/success", cliExample("s3api/delete-bucket-lifecycle.rst")+" (no output)", s3Steps(run(s3Ops["PutBucketLifecycleConfiguration"])), s3Ops["DeleteBucketLifecycle"], nil)),
		noContent(s3OK("DeleteBucketOwnershipControls/success", s3apiLS("TestS3BucketOwnershipControls::test_crud_bucket_ownership_controls", "delete-ownership", "2026-02-21"), nil, s3Ops["DeleteBucketOwnershipControls"], nil)),
		noContent(s3OK("DeleteBucketPolicy/success", cliExample("s3api/delete-bucket-policy.rst")+" (no output)", nil, s3Ops["DeleteBucketPolicy"], nil)),
		noContent(s3OK("DeleteBucketTagging/success", s3apiLS("TestS3BucketObjectTagging::test_bucket_tagging_crud", "delete-bucket-tags", "2026-02-23"), s3Steps(run(s3Ops["PutBucketTagging"])), s3Ops["DeleteBucketTagging"], nil)),
		noContent(s3OK("DeleteBucketWebsite/none set", s3LS("TestS3StaticWebsiteHosting::test_crud_website_configuration", "del-no-such-website-config", "2026-02-21"), nil, s3Ops["DeleteBucketWebsite"], nil)),
		noContent(s3OK("DeleteObjectTagging/success", s3apiLS("TestS3BucketObjectTagging::test_object_tagging_crud", "delete-object-tags", "2026-02-23"), s3Steps(putKey(opsKey, "test-tagging"), run(s3Ops["PutObjectTagging"])), s3Ops["DeleteObjectTagging"], nil)),
		noContent(s3OK("DeletePublicAccessBlock/success", s3apiLS("TestS3PublicAccessBlock::test_crud_public_access_block", "delete-public-access-block", "2026-02-21"), nil, s3Ops["DeletePublicAccessBlock"], nil)),
		s3OK("GetBucketAccelerate/default", s3apiLS("TestS3BucketAccelerateConfiguration::test_bucket_acceleration_configuration_crud", "get-bucket-default-accelerate-config", "2026-02-21"),
			nil, s3Ops["GetBucketAccelerate"], map[string]any{"Status": Absent}),
		s3OK("PutBucketAccelerate/enabled", s3apiLS("TestS3BucketAccelerateConfiguration::test_bucket_acceleration_configuration_crud", "put-bucket-accelerate-config-enabled", "2026-02-21"),
			nil, s3Ops["PutBucketAccelerate"], nil),
		s3Fails("PutBucketAccelerate/bucket name with a period", s3apiLS("TestS3BucketAccelerateConfiguration::test_bucket_acceleration_configuration_exc", "put-bucket-accelerate-config-dot-bucket", "2026-02-21"),
			s3Steps(createBucketNamed("golden.ops")), func(ctx context.Context, c *s3.Client, _ string) (any, error) {
				return s3Ops["PutBucketAccelerate"](ctx, c, "golden.ops")
			}, 400, "InvalidRequest", "S3 Transfer Acceleration is not supported for buckets with periods (.) in their names"),
		s3OK("GetBucketAcl/public-read", s3LS("TestS3::test_s3_bucket_acl", "get-bucket-acl", "2026-02-21"), append(aclsAllowed, run(s3Ops["PutBucketAcl"])), s3Ops["GetBucketAcl"],
			map[string]any{"Grants": Len(2), "Grants[0].Permission": "FULL_CONTROL", "Grants[0].Grantee.Type": "CanonicalUser", "Grants[0].Grantee.ID": Present,
				"Grants[1].Permission": "READ", "Grants[1].Grantee.Type": "Group", "Grants[1].Grantee.URI": "http://acs.amazonaws.com/groups/global/AllUsers", "Owner.ID": Present}),
		s3OK("PutBucketAcl/public-read", s3LS("TestS3::test_s3_bucket_acl", "get-bucket-canned-acl", "2026-02-21")+" (the PutBucketAcl before it succeeds)", aclsAllowed, s3Ops["PutBucketAcl"], nil),
		s3Fails("PutBucketAcl/ACLs disabled", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html (bucket owner enforced: "+
			"\"requests to set access control lists (ACLs) or update ACLs fail and return the AccessControlListNotSupported error code\"); "+
			"ErrorResponses.html: AccessControlListNotSupported \"The bucket does not allow ACLs.\" 400", nil, s3Ops["PutBucketAcl"], 400, "AccessControlListNotSupported", "The bucket does not allow ACLs"),
		s3OK("GetBucketCors/one rule", cliExample("s3api/get-bucket-cors.rst"), s3Steps(run(s3Ops["PutBucketCors"])), func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String(b)})
		}, map[string]any{"CORSRules": Len(1), "CORSRules[0].AllowedMethods[0]": "GET", "CORSRules[0].AllowedOrigins[0]": "*"}),
		s3OK("PutBucketCors/success", cliExample("s3api/put-bucket-cors.rst")+" (no output)", nil, s3Ops["PutBucketCors"], nil),
		s3Fails("PutBucketCors/no rules", "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html (CORSRules required, 1 to 100); "+
			"MalformedXML as recorded for other configuration documents without their rules ("+s3apiLS("TestS3BucketEncryption::test_s3_default_bucket_encryption_exc", "put-bucket-encryption-no-rules", "2026-02-21")+")",
			nil, func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(b), CORSConfiguration: &types.CORSConfiguration{CORSRules: []types.CORSRule{}}})
			}, 400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema"),
		s3OK("GetBucketEncryption/default", s3apiLS("TestS3BucketEncryption::test_s3_default_bucket_encryption", "default-bucket-encryption", "2026-02-21"), nil, s3Ops["GetBucketEncryption"],
			map[string]any{"ServerSideEncryptionConfiguration.Rules": Len(1), "ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm": "AES256",
				"ServerSideEncryptionConfiguration.Rules[0].BucketKeyEnabled": false}),
		s3OK("PutBucketEncryption/AES256", s3apiLS("TestS3BucketEncryption::test_s3_bucket_encryption_sse_s3", "put-bucket-enc", "2026-02-21"), nil, s3Ops["PutBucketEncryption"], nil),
		s3Fails("PutBucketEncryption/no rules", s3apiLS("TestS3BucketEncryption::test_s3_default_bucket_encryption_exc", "put-bucket-encryption-no-rules", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(b), ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{}}})
			}, 400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema"),
		s3OK("GetBucketLifecycleConfiguration/expiry rule", s3LS("TestS3BucketLifecycle::test_delete_bucket_lifecycle_configuration", "get-bucket-lifecycle-conf", "2026-02-21"),
			s3Steps(run(s3Ops["PutBucketLifecycleConfiguration"])), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(b)})
			}, map[string]any{"Rules": Len(1), "Rules[0].ID": "wholebucket", "Rules[0].Status": "Enabled", "Rules[0].Expiration.Days": 7,
				"Rules[0].Filter.Prefix": "", "TransitionDefaultMinimumObjectSize": "all_storage_classes_128K"}),
		s3OK("PutBucketLifecycleConfiguration/expiry rule", s3LS("TestS3BucketLifecycle::test_delete_bucket_lifecycle_configuration", "get-bucket-lifecycle-conf", "2026-02-21")+" (the put before it)",
			nil, s3Ops["PutBucketLifecycleConfiguration"], map[string]any{"TransitionDefaultMinimumObjectSize": "all_storage_classes_128K"}),
		s3Fails("PutBucketLifecycleConfiguration/no rules", "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html (Rules required); "+
			"MalformedXML as recorded for other configuration documents without their rules ("+s3apiLS("TestS3BucketEncryption::test_s3_default_bucket_encryption_exc", "put-bucket-encryption-no-rules", "2026-02-21")+")",
			nil, func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(b), LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{}}})
			}, 400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema"),
		s3OK("ListObjectsV2/two keys", s3LS("TestS3PresignedPost::test_post_object_with_file_as_string", "list-objects", "2026-02-21"),
			s3Steps(putKey("a.txt", "first"), putKey("b.txt", "second")), s3Ops["ListObjectsV2"],
			map[string]any{"Name": opsBucket, "Prefix": "", "KeyCount": 2, "MaxKeys": 1000, "IsTruncated": false, "Contents": Len(2),
				"Contents[0].Key": "a.txt", "Contents[0].Size": 5, "Contents[0].StorageClass": "STANDARD", "Contents[0].ChecksumType": "FULL_OBJECT"}),
		s3OK("GetBucketLocation/us-east-1", s3LS("TestS3::test_different_location_constraint", "get-bucket-location-bucket-us-east-1", "2026-02-23"), nil, s3Ops["GetBucketLocation"],
			map[string]any{"LocationConstraint": ""}),
		s3OK("GetBucketLogging/default", s3LS("TestS3BucketLogging::test_put_bucket_logging", "get-bucket-logging-default", "2026-02-21"), nil, s3Ops["GetBucketLogging"],
			map[string]any{"LoggingEnabled": Absent}),
		s3OK("PutBucketLogging/success", s3LS("TestS3BucketLogging::test_put_bucket_logging", "put-bucket-logging", "2026-02-21"), s3Steps(createBucketNamed(opsBucket+"-logs")), s3Ops["PutBucketLogging"], nil),
		s3Fails("PutBucketLogging/no target bucket", s3LS("TestS3BucketLogging::test_put_bucket_logging_wrong_target", "put-bucket-logging-non-existent-bucket", "2026-02-21"), nil,
			s3Ops["PutBucketLogging"], 400, "InvalidTargetBucketForLogging", "The target bucket for logging does not exist"),
		s3OK("GetBucketNotificationConfiguration/none", cliExample("s3api/get-bucket-notification-configuration.rst")+" (an empty configuration)", nil, s3Ops["GetBucketNotification"],
			map[string]any{"TopicConfigurations": Len(0), "QueueConfigurations": Len(0), "LambdaFunctionConfigurations": Len(0)}),
		s3OK("PutBucketNotificationConfiguration/empty", cliExample("s3api/put-bucket-notification-configuration.rst")+" (no output)", nil, s3Ops["PutBucketNotification"], nil),
		s3Fails("PutBucketNotificationConfiguration/filter rule without a value", localstack("s3/test_s3_api.snapshot.json",
			"TestS3BucketNotificationConfiguration::test_bucket_notification_with_missing_values_in_rule", "invalid-rule-no-value", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String(b),
					NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{{
						QueueArn: aws.String("arn:aws:sqs:us-east-1:" + owner + ":queue"), Events: []types.Event{"s3:ObjectCreated:*"},
						Filter: &types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{FilterRules: []types.FilterRule{{Name: types.FilterRuleNamePrefix}}}}}}}})
			}, 400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema"),
		s3Fails("PutBucketNotificationConfiguration/filter rule name", localstack("s3/test_s3_api.snapshot.json",
			"TestS3BucketNotificationConfiguration::test_bucket_notification_with_invalid_filter_rules", "invalid_filter_name", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String(b),
					NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{{
						QueueArn: aws.String("arn:aws:sqs:us-east-1:" + owner + ":queue"), Events: []types.Event{"s3:ObjectCreated:*"},
						Filter: &types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{FilterRules: []types.FilterRule{{Name: "INVALID", Value: aws.String("test")}}}}}}}})
			}, 400, "InvalidArgument", "filter rule name must be either prefix or suffix"),
		s3OK("GetBucketOwnershipControls/default", s3apiLS("TestS3BucketOwnershipControls::test_crud_bucket_ownership_controls", "default-ownership", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(b)})
			}, map[string]any{"OwnershipControls.Rules": Len(1), "OwnershipControls.Rules[0].ObjectOwnership": "BucketOwnerEnforced"}),
		s3OK("PutBucketOwnershipControls/ObjectWriter", s3apiLS("TestS3BucketOwnershipControls::test_crud_bucket_ownership_controls", "put-ownership", "2026-02-21"), nil, s3Ops["PutBucketOwnershipControls"], nil),
		{Name: "PutBucketOwnershipControls/empty rule", Source: s3apiLS("TestS3BucketOwnershipControls::test_bucket_ownership_controls_exc", "put-ownership-empty-rule", "2026-02-21"),
			Setup: withBucket(opsBucket),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.Signed(ctx, Root(owner), http.MethodPut, "/"+opsBucket+"?ownershipControls",
					[]byte(`<OwnershipControls xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule></Rule></OwnershipControls>`), nil)
			},
			Want: Want{Status: 400, Code: "MalformedXML", Message: "The XML you provided was not well-formed or did not validate against our published schema"}},
		s3OK("GetBucketPolicy/own policy", cliExample("s3api/get-bucket-policy.rst"), s3Steps(run(putOwnerPolicy)), func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b)})
		}, map[string]any{"Policy": Prefix(`{"Version":"2012-10-17"`)}),
		noContent(s3OK("PutBucketPolicy/own account", cliExample("s3api/put-bucket-policy.rst")+" (no output)", nil, putOwnerPolicy, nil)),
		s3OK("GetBucketPolicyStatus/not public", cliExample("s3api/get-bucket-policy-status.rst"), s3Steps(run(putOwnerPolicy)), s3Ops["GetBucketPolicyStatus"],
			map[string]any{"PolicyStatus.IsPublic": false}),
		s3Fails("GetBucketPolicyStatus/no policy", "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList (NoSuchBucketPolicy: \"The specified bucket does not have a bucket policy.\" 404)",
			nil, s3Ops["GetBucketPolicyStatus"], 404, "NoSuchBucketPolicy", ""),
		s3OK("GetBucketRequestPayment/default", cliExample("s3api/get-bucket-request-payment.rst"), nil, s3Ops["GetBucketRequestPayment"], map[string]any{"Payer": "BucketOwner"}),
		s3OK("PutBucketRequestPayment/requester", cliExample("s3api/put-bucket-request-payment.rst")+" (no output)", nil, s3Ops["PutBucketRequestPayment"], nil),
		s3Fails("PutBucketRequestPayment/bad payer", "https://docs.aws.amazon.com/AmazonS3/latest/API/API_RequestPaymentConfiguration.html (Payer: Requester | BucketOwner); "+
			"MalformedXML for a value outside an enum as recorded for versioning ("+s3apiLS("TestS3BucketVersioning::test_bucket_versioning_crud", "put-versioning-enabled-lowercase", "2026-02-21")+")",
			nil, func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketRequestPayment(ctx, &s3.PutBucketRequestPaymentInput{Bucket: aws.String(b),
					RequestPaymentConfiguration: &types.RequestPaymentConfiguration{Payer: "requester"}})
			}, 400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema"),
		s3OK("GetBucketVersioning/never set", s3apiLS("TestS3BucketVersioning::test_bucket_versioning_crud", "get-versioning-before", "2026-02-21"), nil, s3Ops["GetBucketVersioning"],
			map[string]any{"Status": Absent, "MFADelete": Absent}),
		s3OK("PutBucketVersioning/Enabled", s3apiLS("TestS3BucketVersioning::test_bucket_versioning_crud", "put-versioning-enabled-capitalized", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
			}, nil),
		s3OK("GetBucketWebsite/index document", s3LS("TestS3StaticWebsiteHosting::test_crud_website_configuration", "get-website-config", "2026-02-21"), s3Steps(run(s3Ops["PutBucketWebsite"])),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: aws.String(b)})
			}, map[string]any{"IndexDocument.Suffix": "index.html", "ErrorDocument": Absent}),
		s3OK("PutBucketWebsite/index document", s3LS("TestS3StaticWebsiteHosting::test_crud_website_configuration", "put-website-config", "2026-02-21"), nil, s3Ops["PutBucketWebsite"], nil),
		s3Fails("PutBucketWebsite/index suffix with a slash", s3LS("TestS3StaticWebsiteHosting::test_validate_website_configuration", "invalid-website-conf-0", "2026-02-21"),
			nil, func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: aws.String(b), WebsiteConfiguration: &types.WebsiteConfiguration{
					IndexDocument: &types.IndexDocument{Suffix: aws.String("/index.html")}}})
			}, 400, "InvalidArgument", "The IndexDocument Suffix is not well formed"),
		s3OK("GetObjectAcl/default", s3LS("TestS3::test_s3_object_acl", "get-object-acl-default", "2026-02-21"), s3Steps(putKey(opsKey, "x")), s3Ops["GetObjectAcl"],
			map[string]any{"Grants": Len(1), "Grants[0].Permission": "FULL_CONTROL", "Grants[0].Grantee.Type": "CanonicalUser", "Owner.ID": Present}),
		s3OK("PutObjectAcl/public-read", s3LS("TestS3::test_s3_object_acl", "put-object-acl", "2026-02-21"), append(aclsAllowed, putKey(opsKey, "x")), s3Ops["PutObjectAcl"], nil),
		s3Fails("PutObjectAcl/ACLs disabled", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html (bucket owner enforced: "+
			"requests to set ACLs \"fail and return the AccessControlListNotSupported error code\")", s3Steps(putKey(opsKey, "x")), s3Ops["PutObjectAcl"], 400, "AccessControlListNotSupported", "The bucket does not allow ACLs"),
		s3Fails("GetObjectAttributes/no such key", "https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html (Errors: NoSuchKey); "+
			"message as recorded for other object calls ("+s3apiLS("TestS3BucketObjectTagging::test_object_tagging_exc", "put-no-key-tags", "2026-02-23")+")",
			nil, s3Ops["GetObjectAttributes"], 404, "NoSuchKey", "The specified key does not exist."),
		s3OK("GetObjectTagging/none", s3apiLS("TestS3BucketObjectTagging::test_object_tagging_crud", "get-object-tags-empty", "2026-02-23"), s3Steps(putKey(opsKey, "test-tagging")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(opsKey)})
			}, map[string]any{"TagSet": Len(0)}),
		s3OK("PutObjectTagging/success", s3apiLS("TestS3BucketObjectTagging::test_object_tagging_crud", "put-object-tags", "2026-02-23"), s3Steps(putKey(opsKey, "test-tagging")), s3Ops["PutObjectTagging"], nil),
		s3Fails("PutObjectTagging/no such key", s3apiLS("TestS3BucketObjectTagging::test_object_tagging_exc", "put-no-key-tags", "2026-02-23"), nil, s3Ops["PutObjectTagging"], 404, "NoSuchKey", "The specified key does not exist."),
		s3Fails("DeleteObjectTagging/no such key", s3apiLS("TestS3BucketObjectTagging::test_object_tagging_exc", "delete-no-key-tags", "2026-02-23"), nil, s3Ops["DeleteObjectTagging"], 404, "NoSuchKey", "The specified key does not exist."),
		s3Fails("PutBucketTagging/aws: prefix", s3apiLS("TestS3BucketObjectTagging::test_tagging_validation", "put-bucket-tags-aws-prefixed", "2026-02-23"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(b), Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("aws:prefixed"), Value: aws.String("v")}}}})
			}, 400, "InvalidTag", "System tags cannot be added/updated by requester"),
		noContent(s3OK("PutBucketTagging/success", s3apiLS("TestS3BucketObjectTagging::test_bucket_tagging_crud", "put-bucket-tags", "2026-02-23"), nil, s3Ops["PutBucketTagging"], nil)),
		s3OK("GetPublicAccessBlock/default", s3apiLS("TestS3PublicAccessBlock::test_crud_public_access_block", "get-default-public-access-block", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(b)})
			}, map[string]any{"PublicAccessBlockConfiguration.BlockPublicAcls": true, "PublicAccessBlockConfiguration.BlockPublicPolicy": true,
				"PublicAccessBlockConfiguration.IgnorePublicAcls": true, "PublicAccessBlockConfiguration.RestrictPublicBuckets": true}),
		s3OK("PutPublicAccessBlock/all off", s3apiLS("TestS3PublicAccessBlock::test_crud_public_access_block", "put-public-access-block", "2026-02-21"), nil, s3Ops["PutPublicAccessBlock"], nil),
		{Name: "PutPublicAccessBlock/no configuration",
			Source: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutPublicAccessBlock.html (PublicAccessBlockConfiguration required); " +
				"MalformedXML as recorded for other configuration documents without their content (" + s3apiLS("TestS3BucketEncryption::test_s3_default_bucket_encryption_exc", "put-bucket-encryption-no-rules", "2026-02-21") + ")",
			Setup: withBucket(opsBucket),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.Signed(ctx, Root(owner), http.MethodPut, "/"+opsBucket+"?publicAccessBlock", []byte("<PublicAccessBlockConfiguration"), nil)
			},
			Want: Want{Status: 400, Code: "MalformedXML", Message: "The XML you provided was not well-formed or did not validate against our published schema"}},

		// Multipart uploads.
		s3OK("CreateMultipartUpload/success", s3LS("TestS3::test_multipart_and_list_parts", "create-multipart", "2026-02-21"), nil, s3Ops["CreateMultipartUpload"],
			map[string]any{"Bucket": opsBucket, "Key": opsKey, "UploadId": Present, "ServerSideEncryption": "AES256"}),
		s3Fails("CreateMultipartUpload/FULL_OBJECT SHA256", s3LS("TestS3MultipartUploadChecksum::test_multipart_checksum_type_compatibility[FULL_OBJECT-SHA256]", "create-mpu-checksum-exc", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(opsKey),
					ChecksumAlgorithm: types.ChecksumAlgorithmSha256, ChecksumType: types.ChecksumTypeFullObject})
			}, 400, "InvalidRequest", "The FULL_OBJECT checksum type cannot be used with the sha256 checksum algorithm."),
		s3OK("ListMultipartUploads/one", s3LS("TestS3::test_multipart_and_list_parts", "list-all-uploads", "2026-02-21"), s3Steps(mpu), s3Ops["ListMultipartUploads"],
			map[string]any{"Bucket": opsBucket, "IsTruncated": false, "KeyMarker": "", "UploadIdMarker": "", "MaxUploads": 1000, "NextKeyMarker": "test-list-parts",
				"NextUploadIdMarker": Present, "Uploads": Len(1), "Uploads[0].Key": "test-list-parts", "Uploads[0].StorageClass": "STANDARD", "Uploads[0].Initiator.ID": Present, "Uploads[0].Owner.ID": Present}),
		multipartCase("ListParts/after create", s3LS("TestS3::test_multipart_and_list_parts", "list-part-after-created", "2026-02-21"), false,
			func(ctx context.Context, c *s3.Client, id string) (any, error) {
				return c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(opsBucket), Key: aws.String("test-list-parts"), UploadId: aws.String(id)})
			}, Want{Fields: map[string]any{"Bucket": opsBucket, "Key": "test-list-parts", "IsTruncated": false, "MaxParts": 1000, "PartNumberMarker": 0, "NextPartNumberMarker": 0,
				"StorageClass": "STANDARD", "Parts": Len(0), "Initiator.ID": Present, "Owner.ID": Present}}),
		multipartCase("ListParts/after complete", s3LS("TestS3::test_multipart_and_list_parts", "list-part-after-complete-exc", "2026-02-21"), true,
			func(ctx context.Context, c *s3.Client, id string) (any, error) {
				return c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(opsBucket), Key: aws.String("test-list-parts"), UploadId: aws.String(id)})
			}, Want{Status: 404, Code: "NoSuchUpload", Message: "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."}),
		multipartCase("UploadPart/success", s3LS("TestS3::test_multipart_and_list_parts", "upload-part", "2026-02-21"), false,
			func(ctx context.Context, c *s3.Client, id string) (any, error) {
				return c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(opsBucket), Key: aws.String("test-list-parts"), UploadId: aws.String(id),
					PartNumber: aws.Int32(1), Body: strings.NewReader(strings.Repeat("upload-part-1", 5))})
			}, Want{Fields: map[string]any{"ETag": `"3237c18681adb6a9d843c733ce249480"`, "ServerSideEncryption": "AES256"}}),
		multipartCase("AbortMultipartUpload/success", cliExample("s3api/abort-multipart-upload.rst")+" (no output; 204)", false,
			func(ctx context.Context, c *s3.Client, id string) (any, error) {
				return c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String("test-list-parts"), UploadId: aws.String(id)})
			}, Want{Status: http.StatusNoContent}),
		s3Fails("AbortMultipartUpload/no such upload", "https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html (Errors: NoSuchUpload, 404); message as recorded for ListParts ("+
			s3LS("TestS3::test_multipart_and_list_parts", "list-part-after-complete-exc", "2026-02-21")+")", nil, s3Ops["AbortMultipartUpload"], 404, "NoSuchUpload",
			"The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."),
		multipartCase("UploadPartCopy/whole object", s3apiLS("TestS3Multipart::test_upload_part_copy_no_copy_source_range", "upload-part-copy", "2026-02-21"), false,
			func(ctx context.Context, c *s3.Client, id string) (any, error) {
				return c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String(opsBucket), Key: aws.String("test-list-parts"), UploadId: aws.String(id),
					PartNumber: aws.Int32(1), CopySource: aws.String(opsBucket + "/src.txt")})
			}, Want{Fields: map[string]any{"CopyPartResult.ETag": Present, "CopyPartResult.LastModified": Present}}),
		multipartCase("UploadPartCopy/range last before first", s3apiLS("TestS3Multipart::test_upload_part_copy_range", "upload-part-copy-range-exc-1-0", "2026-02-21"), false,
			func(ctx context.Context, c *s3.Client, id string) (any, error) {
				return c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String(opsBucket), Key: aws.String("test-list-parts"), UploadId: aws.String(id),
					PartNumber: aws.Int32(1), CopySource: aws.String(opsBucket + "/src.txt"), CopySourceRange: aws.String("bytes=1-0")})
			}, Want{Status: 400, Code: "InvalidArgument", Message: "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy"}),
	}
	Run(t, cases)
}

// putOwnerPolicy puts a bucket policy letting the owner account read.
func putOwnerPolicy(ctx context.Context, c *s3.Client, b string) (any, error) {
	return c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(b), Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
		`"Principal":{"AWS":"arn:aws:iam::` + owner + `:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::` + b + `/*"}]}`)})
}

// multipartCase makes opsBucket with src.txt, starts an upload of
// test-list-parts (and completes it with one part when completed), and
// calls with the upload id.
func multipartCase(name, source string, completed bool, call func(ctx context.Context, c *s3.Client, id string) (any, error), want Want) Case {
	var id string
	return Case{Name: name, Source: source,
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			t.Helper()
			bucket(ctx, t, w, opsBucket)
			object(ctx, t, w, opsBucket, "src.txt", "source object body")
			c := w.S3(Root(owner))
			out, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String("test-list-parts")})
			if err != nil {
				t.Fatalf("set-up CreateMultipartUpload: %v", err)
			}
			id = *out.UploadId
			if !completed {
				return
			}
			p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(opsBucket), Key: aws.String("test-list-parts"), UploadId: out.UploadId,
				PartNumber: aws.Int32(1), Body: bytes.NewReader([]byte("upload-part-1"))})
			if err != nil {
				t.Fatalf("set-up UploadPart: %v", err)
			}
			if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String("test-list-parts"), UploadId: out.UploadId,
				MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: p.ETag}}}}); err != nil {
				t.Fatalf("set-up CompleteMultipartUpload: %v", err)
			}
		},
		Call: func(ctx context.Context, w *World) (any, error) { return call(ctx, w.S3(Root(owner)), id) },
		Want: want}
}

// TestS3ObjectLockOperations: legal hold, retention and the bucket's Object
// Lock configuration.
func TestS3ObjectLockOperations(t *testing.T) {
	locked := func(call s3Call, want Want, name, source string, more ...s3Setup) Case {
		return Case{Name: name, Source: source,
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				t.Helper()
				lockedBucket(ctx, t, w)
				for i, s := range more {
					if err := s(ctx, w.S3(Root(owner))); err != nil {
						t.Fatalf("set-up step %d: %v", i+1, err)
					}
				}
			},
			Call: func(ctx context.Context, w *World) (any, error) { return call(ctx, w.S3(Root(owner)), opsBucket) },
			Want: want}
	}
	hold := run(s3Ops["PutObjectLegalHold"])
	retain := run(s3Ops["PutObjectRetention"])
	cases := []Case{
		locked(s3Ops["GetObjectLegalHold"], Want{Status: 404, Code: "NoSuchObjectLockConfiguration", Message: "The specified object does not have a ObjectLock configuration"},
			"GetObjectLegalHold/never set", s3LS("TestS3ObjectLockLegalHold::test_put_get_object_legal_hold", "get-legal-hold-unset", "2026-02-21")),
		locked(s3Ops["PutObjectLegalHold"], Want{}, "PutObjectLegalHold/on", s3LS("TestS3ObjectLockLegalHold::test_put_get_object_legal_hold", "put-object-legal-hold", "2026-02-21")),
		locked(s3Ops["GetObjectLegalHold"], Want{Fields: map[string]any{"LegalHold.Status": "ON"}}, "GetObjectLegalHold/on",
			s3LS("TestS3ObjectLockLegalHold::test_put_get_object_legal_hold", "get-legal-hold-set", "2026-02-21"), hold),
		s3Fails("PutObjectLegalHold/bucket without Object Lock", s3LS("TestS3ObjectLockLegalHold::test_put_object_legal_hold_exc", "put-object-retention-regular-bucket", "2026-02-21"),
			s3Steps(putKey(opsKey, "test")), s3Ops["PutObjectLegalHold"], 400, "InvalidRequest", "Bucket is missing Object Lock Configuration"),
		locked(s3Ops["PutObjectRetention"], Want{}, "PutObjectRetention/governance", s3LS("TestS3ObjectLockRetention::test_s3_object_retention", "put-object-retention-on-key-1", "2026-02-21")),
		locked(s3Ops["GetObjectRetention"], Want{Fields: map[string]any{"Retention.Mode": "GOVERNANCE", "Retention.RetainUntilDate": Present}}, "GetObjectRetention/governance",
			s3LS("TestS3ObjectLockRetention::test_s3_object_retention", "get-object-retention-on-key-1", "2026-02-21"), retain),
		locked(s3Ops["GetObjectRetention"], Want{Status: 404, Code: "NoSuchObjectLockConfiguration", Message: "The specified object does not have a ObjectLock configuration"},
			"GetObjectRetention/never set", s3LS("TestS3ObjectLockRetention::test_s3_object_retention_exc", "get-object-retention-never-set", "2026-02-21")),
		s3Fails("PutObjectRetention/bucket without Object Lock", s3LS("TestS3ObjectLockRetention::test_s3_object_retention_exc", "put-object-retention-regular-bucket", "2026-02-21"),
			s3Steps(putKey(opsKey, "test")), s3Ops["PutObjectRetention"], 400, "InvalidRequest", "Bucket is missing Object Lock Configuration"),
		locked(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String(b)})
		}, Want{Fields: map[string]any{"ObjectLockConfiguration.ObjectLockEnabled": "Enabled", "ObjectLockConfiguration.Rule": Absent}},
			"GetObjectLockConfiguration/enabled at creation", s3apiLS("TestS3ObjectLock::test_get_put_object_lock_configuration", "get-lock-config-start", "2026-02-21")),
		locked(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(b), ObjectLockConfiguration: &types.ObjectLockConfiguration{
				ObjectLockEnabled: types.ObjectLockEnabledEnabled, Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{Days: aws.Int32(1), Mode: types.ObjectLockRetentionModeGovernance}}}})
		}, Want{}, "PutObjectLockConfiguration/default retention", s3apiLS("TestS3ObjectLock::test_get_put_object_lock_configuration", "put-lock-config", "2026-02-21")),
	}
	Run(t, cases)
}

// TestS3AccountPublicAccessBlock: S3 Control's account-level
// Get/Put/DeletePublicAccessBlock, sent as the CLI sends them.
func TestS3AccountPublicAccessBlock(t *testing.T) {
	control := func(method string, body []byte) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return w.Signed(ctx, Root(owner), method, "/v20180820/configuration/publicAccessBlock", body,
				http.Header{"x-amz-account-id": {owner}, "Content-Type": {"application/xml"}})
		}
	}
	all := []byte(`<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><BlockPublicAcls>true</BlockPublicAcls>` +
		`<IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`)
	put := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		resp, err := control(http.MethodPut, all)(ctx, w)
		if err != nil || resp.(*http.Response).StatusCode != http.StatusOK {
			t.Fatalf("set-up account PutPublicAccessBlock: %v %v", err, resp)
		}
		resp.(*http.Response).Body.Close()
	}
	Run(t, []Case{
		{Name: "GetPublicAccessBlock (account)/none", Op: "S3 GetPublicAccessBlock (account)",
			Source: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetPublicAccessBlock.html (Errors: NoSuchPublicAccessBlockConfiguration, 404); " +
				"message as recorded for the bucket-level call (" + s3apiLS("TestS3PublicAccessBlock::test_crud_public_access_block", "get-public-access-block-after-delete", "2026-02-21") + ")",
			Call: control(http.MethodGet, nil),
			Want: Want{Status: 404, Code: "NoSuchPublicAccessBlockConfiguration", Message: "The public access block configuration was not found"}},
		{Name: "GetPublicAccessBlock (account)/all on", Op: "S3 GetPublicAccessBlock (account)", Source: cliExample("s3control/get-public-access-block.rst"),
			Setup: put, Call: control(http.MethodGet, nil), Want: Want{}},
		{Name: "PutPublicAccessBlock (account)/all on", Op: "S3 PutPublicAccessBlock (account)", Source: cliExample("s3control/put-public-access-block.rst") + " (no output)",
			Call: control(http.MethodPut, all), Want: Want{}},
		{Name: "PutPublicAccessBlock (account)/another account", Op: "S3 PutPublicAccessBlock (account)",
			Source: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PutPublicAccessBlock.html (x-amz-account-id: the account whose settings are set; " +
				"another account's is refused as AccessDenied, 403, per the S3 error code list)",
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.Signed(ctx, Root(owner), http.MethodPut, "/v20180820/configuration/publicAccessBlock", all,
					http.Header{"x-amz-account-id": {"222222222222"}, "Content-Type": {"application/xml"}})
			},
			Want: Want{Status: 403, Code: "AccessDenied"}},
		{Name: "DeletePublicAccessBlock (account)/success", Op: "S3 DeletePublicAccessBlock (account)", Source: cliExample("s3control/delete-public-access-block.rst") + " (no output; 204)",
			Setup: put, Call: control(http.MethodDelete, nil), Want: Want{Status: 204}},
		{Name: "DeletePublicAccessBlock (account)/another account", Op: "S3 DeletePublicAccessBlock (account)",
			Source: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_DeletePublicAccessBlock.html (x-amz-account-id names the account; another's is AccessDenied, 403)",
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.Signed(ctx, Root(owner), http.MethodDelete, "/v20180820/configuration/publicAccessBlock", nil, http.Header{"x-amz-account-id": {"222222222222"}})
			},
			Want: Want{Status: 403, Code: "AccessDenied"}},
	})
}

// preflight sends a CORS preflight for GET from origin to opsBucket.
func preflight(origin, method string) func(ctx context.Context, w *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) {
		r, err := http.NewRequestWithContext(ctx, http.MethodOptions, w.Endpoint+"/"+opsBucket+"/"+opsKey, nil)
		if err != nil {
			return nil, err
		}
		r.Header.Set("Origin", origin)
		r.Header.Set("Access-Control-Request-Method", method)
		return w.HTTP.Do(r)
	}
}

func TestS3Preflight(t *testing.T) {
	withCORS := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		bucket(ctx, t, w, opsBucket)
		if _, err := w.S3(Root(owner)).PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(opsBucket), CORSConfiguration: corsRule}); err != nil {
			t.Fatalf("set-up PutBucketCors: %v", err)
		}
	}
	Run(t, []Case{
		{Name: "OPTIONS (CORS preflight)/allowed", Op: "S3 OPTIONS (CORS preflight)",
			Source: localstack("s3/test_s3_cors.snapshot.json", "TestS3Cors::test_put_cors_default_values", "opt-get", "2023-07-31") +
				" (200, Access-Control-Allow-Origin *, Access-Control-Allow-Methods GET)",
			Setup: withCORS, Call: preflight("https://example.com", "GET"),
			Want: Want{Fields: map[string]any{"header:Access-Control-Allow-Origin": "*", "header:Access-Control-Allow-Methods": "GET"}}},
		{Name: "OPTIONS (CORS preflight)/method not allowed", Op: "S3 OPTIONS (CORS preflight)",
			Source: localstack("s3/test_s3_cors.snapshot.json", "TestS3Cors::test_cors_options_fails_partial_origin", "options_fails_partial_origin", "2024-03-01"),
			Setup:  withCORS, Call: preflight("https://example.com", "DELETE"),
			Want: Want{Status: 403, Code: "AccessForbidden", Message: "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, " +
				"request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."}},
	})
}

// postForm sends a browser-style POST upload to bucket with fields (in
// order) and the file, named fileName, last.
func postForm(ctx context.Context, w *World, bucket string, fields [][2]string, fileName, file string) (*http.Response, error) {
	return postFormTo(ctx, w, w.Endpoint+"/"+bucket, fields, fileName, file)
}

// postFormTo is postForm to the URL u.
func postFormTo(ctx context.Context, w *World, u string, fields [][2]string, fileName, file string) (*http.Response, error) {
	body, contentType, err := multipartForm(fields, fileName, file)
	if err != nil {
		return nil, err
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", contentType)
	return w.HTTP.Do(r)
}

// multipartForm is a browser POST's body: fields, then the file part, and
// its Content-Type with the boundary.
func multipartForm(fields [][2]string, fileName, file string) (body, contentType string, err error) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, f := range fields {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			return "", "", err
		}
	}
	fw, err := mw.CreateFormFile("file", fileName)
	if err != nil {
		return "", "", err
	}
	if _, err := io.WriteString(fw, file); err != nil {
		return "", "", err
	}
	if err := mw.Close(); err != nil {
		return "", "", err
	}
	return b.String(), mw.FormDataContentType(), nil
}

// postFields are the SigV4 POST fields for key signed by creds, without
// the signature when unsigned.
func postFields(creds aws.Credentials, key string, unsigned bool) [][2]string {
	now := time.Now().UTC()
	date, stamp := now.Format("20060102"), now.Format("20060102T150405Z")
	cred := creds.AccessKeyID + "/" + date + "/us-east-1/s3/aws4_request"
	policy := base64.StdEncoding.EncodeToString([]byte(`{"expiration":"` + now.Add(time.Hour).Format("2006-01-02T15:04:05Z") + `","conditions":[` +
		`{"bucket":"` + opsBucket + `"},["starts-with","$key",""],{"x-amz-algorithm":"AWS4-HMAC-SHA256"},{"x-amz-credential":"` + cred + `"},{"x-amz-date":"` + stamp + `"}]}`))
	fields := [][2]string{{"key", key}, {"x-amz-algorithm", "AWS4-HMAC-SHA256"}, {"x-amz-credential", cred}, {"x-amz-date", stamp}, {"policy", policy}}
	if unsigned {
		return fields
	}
	return append(fields, [2]string{"x-amz-signature", postPolicySignature(creds.SecretAccessKey, date, policy)})
}

// postPolicySignature is the SigV4 signature of a base64 POST policy:
// HMAC-SHA256 of the policy under the us-east-1 s3 signing key of secret
// on date (yyyymmdd), hex-encoded.
func postPolicySignature(secret, date, policy string) string {
	mac := func(k []byte, s string) []byte {
		h := hmac.New(sha256.New, k)
		h.Write([]byte(s))
		return h.Sum(nil)
	}
	k := mac(mac(mac(mac([]byte("AWS4"+secret), date), "us-east-1"), "s3"), "aws4_request")
	return hex.EncodeToString(mac(k, policy))
}

func TestS3PostObject(t *testing.T) {
	Run(t, []Case{{
		Name: "PostObject/signed upload",
		Source: s3LS("TestS3PresignedPost::test_post_object_with_file_as_string", "head-object", "2026-02-21") +
			"; https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html (success_action_status absent: 204 No Content)",
		Setup: withBucket(opsBucket),
		Call: func(ctx context.Context, w *World) (any, error) {
			return postForm(ctx, w, opsBucket, postFields(Root(owner), "test-presigned-post-file-as-field", false), "upload.txt", "test-post-object-body")
		},
		Want: Want{Status: http.StatusNoContent, Fields: map[string]any{"header:ETag": Present}},
	}, {
		Name:   "PostObject/no signature",
		Source: s3LS("TestS3PresignedPost::test_post_request_missing_signature[s3v4]", "exception-missing-signature", "2026-02-21"),
		Setup:  withBucket(opsBucket),
		Call: func(ctx context.Context, w *World) (any, error) {
			return postForm(ctx, w, opsBucket, postFields(Root(owner), "test-presigned-post-file-as-field", true), "upload.txt", "test-post-object-body")
		},
		Want: Want{Status: 400, Code: "InvalidArgument",
			Message: "Bucket POST must contain a field named 'X-Amz-Signature'.  If it is specified, please check the order of the fields."},
	}})
}

// TestS3RecordedValidation: configuration and tagging requests AWS
// refuses, as LocalStack recorded them against AWS.
func TestS3RecordedValidation(t *testing.T) {
	const malformed = "The XML you provided was not well-formed or did not validate against our published schema"
	tagging := func(kv ...string) *types.Tagging {
		tg := &types.Tagging{}
		for i := 0; i+1 < len(kv); i += 2 {
			tg.TagSet = append(tg.TagSet, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
		}
		return tg
	}
	bucketTags := func(tg *types.Tagging) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(b), Tagging: tg})
		}
	}
	objectTags := func(tg *types.Tagging) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(opsKey), Tagging: tg})
		}
	}
	versioning := func(status types.BucketVersioningStatus) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: &types.VersioningConfiguration{Status: status}})
		}
	}
	lockConfig := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(b),
			ObjectLockConfiguration: &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled}})
	}
	tagsLS := func(key string) string {
		return s3apiLS("TestS3BucketObjectTagging::test_tagging_validation", key, "2026-02-23")
	}
	cases := []Case{
		s3Fails("PutBucketTagging/duplicate keys", tagsLS("put-bucket-tags-duplicate-keys"), nil, bucketTags(tagging("Key1", "Val1", "Key1", "Val1")),
			400, "InvalidTag", "Cannot provide multiple Tags with the same key"),
		s3Fails("PutBucketTagging/comma in key", tagsLS("put-bucket-tags-invalid-key"), nil, bucketTags(tagging("Key1,Key2", "Val1")),
			400, "InvalidTag", "The TagKey you have provided is invalid"),
		s3Fails("PutBucketTagging/comma in value", tagsLS("put-bucket-tags-invalid-value"), nil, bucketTags(tagging("Key1", "Val1,Val2")),
			400, "InvalidTag", "The TagValue you have provided is invalid"),
		s3Fails("PutObjectTagging/duplicate keys", tagsLS("put-object-tags-duplicate-keys"), s3Steps(putKey(opsKey, "x")), objectTags(tagging("Key1", "Val1", "Key1", "Val1")),
			400, "InvalidTag", "Cannot provide multiple Tags with the same key"),
		s3Fails("PutObjectTagging/aws: prefix", tagsLS("put-object-tags-aws-prefixed"), s3Steps(putKey(opsKey, "x")), objectTags(tagging("aws:prefixed", "Val1")),
			400, "InvalidTag", "Your TagKey cannot be prefixed with aws:"),
		s3Fails("PutBucketVersioning/lowercase status", s3apiLS("TestS3BucketVersioning::test_bucket_versioning_crud", "put-versioning-enabled-lowercase", "2026-02-21"),
			nil, versioning("enabled"), 400, "MalformedXML", malformed),
		s3Fails("PutBucketVersioning/Disabled", s3apiLS("TestS3BucketVersioning::test_bucket_versioning_crud", "put-versioning-disabled", "2026-02-21"),
			nil, versioning("Disabled"), 400, "MalformedXML", malformed),
		s3Fails("PutBucketVersioning/no status", s3apiLS("TestS3BucketVersioning::test_bucket_versioning_crud", "put-versioning-empty", "2026-02-21"),
			nil, versioning(""), 400, "IllegalVersioningConfigurationException", "The Versioning element must be specified"),
		s3Fails("PutBucketAccelerateConfiguration/lowercase status", s3apiLS("TestS3BucketAccelerateConfiguration::test_bucket_acceleration_configuration_exc", "put-bucket-accelerate-config-lowercase", "2026-02-21"),
			nil, func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketAccelerateConfiguration(ctx, &s3.PutBucketAccelerateConfigurationInput{Bucket: aws.String(b),
					AccelerateConfiguration: &types.AccelerateConfiguration{Status: "enabled"}})
			}, 400, "MalformedXML", malformed),
		s3Fails("PutObjectLockConfiguration/versioning not enabled", s3apiLS("TestS3ObjectLock::test_put_object_lock_configuration_on_existing_bucket", "put-object-lock-existing-bucket-no-versioning", "2026-02-21"),
			nil, lockConfig, 409, "InvalidBucketState", "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration"),
		s3OK("PutObjectLockConfiguration/existing versioned bucket", s3apiLS("TestS3ObjectLock::test_put_object_lock_configuration_on_existing_bucket", "put-object-lock-existing-bucket-enabled", "2026-02-21"),
			s3Steps(run(versioning(types.BucketVersioningStatusEnabled))), lockConfig, nil),
		s3Fails("PutBucketVersioning/suspend a locked bucket", s3apiLS("TestS3ObjectLock::test_disable_versioning_on_locked_bucket", "disable-versioning-on-locked-bucket", "2026-02-21"),
			s3Steps(run(versioning(types.BucketVersioningStatusEnabled)), run(lockConfig)), versioning(types.BucketVersioningStatusSuspended),
			409, "InvalidBucketState", "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed."),
		s3Fails("PutBucketEncryption/KMS key with AES256", s3apiLS("TestS3BucketEncryption::test_s3_default_bucket_encryption_exc", "put-bucket-encryption-kms-with-aes", "2026-02-21"),
			nil, func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(b), ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{
					Rules: []types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{
						SSEAlgorithm: types.ServerSideEncryptionAes256, KMSMasterKeyID: aws.String("arn:aws:kms:us-east-1:" + owner + ":key/1234")}}}}})
			}, 400, "InvalidArgument", "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse"),
		{Name: "CreateBucket/unknown object ownership", Source: s3apiLS("TestS3BucketOwnershipControls::test_bucket_ownership_controls_exc", "ownership-wrong-value-at-creation", "2026-02-21"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3(Root(owner)).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(opsBucket), ObjectOwnership: "RandomValue"})
			},
			Want: Want{Status: 400, Code: "InvalidArgument", Message: "Invalid x-amz-object-ownership header: RandomValue"}},
	}
	Run(t, cases)
}

// TestS3RecordedACLAndLockErrors: ACL and Object Lock header errors as
// LocalStack recorded them against AWS.
func TestS3RecordedACLAndLockErrors(t *testing.T) {
	aclLS := func(key string) string { return s3LS("TestS3::test_s3_bucket_acl_exceptions", key, "2026-02-21") }
	lockLS := func(key string) string {
		return s3LS("TestS3ObjectLockRetention::test_s3_object_lock_mode_validation", key, "2026-02-21")
	}
	bucketACL := func(in s3.PutBucketAclInput) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in.Bucket = aws.String(b)
			return c.PutBucketAcl(ctx, &in)
		}
	}
	lockedPut := func(mode types.ObjectLockMode, until *time.Time) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner)).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("locked"),
				Body: strings.NewReader("test"), ObjectLockMode: mode, ObjectLockRetainUntilDate: until})
		}
	}
	later := time.Now().Add(time.Hour)
	cases := []Case{
		s3Fails("PutBucketAcl/unknown canned ACL", aclLS("put-bucket-canned-acl"), aclsAllowed, bucketACL(s3.PutBucketAclInput{ACL: "fake-acl"}), 400, "InvalidArgument", ""),
		s3Fails("PutBucketAcl/unknown group", aclLS("put-bucket-grant-acl-fake-uri"), aclsAllowed,
			bucketACL(s3.PutBucketAclInput{GrantWrite: aws.String(`uri="http://acs.amazonaws.com/groups/s3/FakeGroup"`)}), 400, "InvalidArgument", "Invalid group uri"),
		s3Fails("PutBucketAcl/unknown grantee type", aclLS("put-bucket-grant-acl-fake-key"), aclsAllowed,
			bucketACL(s3.PutBucketAclInput{GrantWrite: aws.String(`fakekey="1234"`)}), 400, "InvalidArgument", "Argument format not recognized"),
		s3Fails("PutBucketAcl/bad canonical id", aclLS("put-bucket-grant-acl-wrong-id"), aclsAllowed,
			bucketACL(s3.PutBucketAclInput{GrantWrite: aws.String(`id="wrong-id"`)}), 400, "InvalidArgument", "Invalid id"),
		s3Fails("PutBucketAcl/canned and grant", aclLS("put-bucket-two-type-acl"), aclsAllowed,
			bucketACL(s3.PutBucketAclInput{ACL: types.BucketCannedACLPrivate, GrantWrite: aws.String(`uri="http://acs.amazonaws.com/groups/global/AllUsers"`)}),
			400, "InvalidRequest", "Specifying both Canned ACLs and Header Grants is not allowed"),
		s3Fails("PutBucketAcl/nothing", aclLS("put-bucket-empty"), aclsAllowed, bucketACL(s3.PutBucketAclInput{}),
			400, "MissingSecurityHeader", "Your request was missing a required header"),
		{Name: "PutObject/lock mode without date", Source: lockLS("put-obj-locked-error-no-retain-date"), Setup: lockedBucket,
			Call: lockedPut(types.ObjectLockModeGovernance, nil),
			Want: Want{Status: 400, Code: "InvalidArgument", Message: "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied"}},
		{Name: "PutObject/lock date without mode", Source: lockLS("put-obj-locked-error-no-mode"), Setup: lockedBucket,
			Call: lockedPut("", &later),
			Want: Want{Status: 400, Code: "InvalidArgument", Message: "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied"}},
		{Name: "PutObject/unknown lock mode", Source: lockLS("put-obj-locked-bad-value"), Setup: lockedBucket,
			Call: lockedPut("BAD-VALUE", &later),
			Want: Want{Status: 400, Code: "InvalidArgument", Message: "Unknown wormMode directive."}},
	}
	Run(t, cases)
}
