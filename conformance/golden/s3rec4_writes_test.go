package golden

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// writeAnswers4: conditional and in-place writes, multipart checksums,
// legal hold, lifecycle expiration, CORS exposed headers, a POST that is
// not multipart/form-data, UploadPartCopy with a matching condition.
func writeAnswers4() []Case {
	const wp = "TestS3ObjectWritePrecondition::"
	const key = "test-precondition"
	testETag := aws.String(`"098f6bcd4621d373cade4e832627b4f6"`)
	var during, restarted mpuState
	complete := func(st *mpuState) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: st.id,
				MultipartUpload: &types.CompletedMultipartUpload{Parts: st.parts}, IfMatch: testETag})
		}
	}
	conflict := s3Fails("CompleteMultipartUpload/If-Match after an identical PutObject during the upload",
		localstack(moreAPI, wp+"test_multipart_if_match_with_put_identical", "complete-multipart-if-match-put-during", ls4Date),
		s3Steps(putKey(key, "test"), beginUpload(key, &during), putKey(key, "test")), complete(&during),
		409, "ConditionalRequestConflict", "The conditional request cannot succeed due to a conflicting operation against this resource.")
	conflict.Want.Fields = map[string]any{"header:Content-Type": "application/xml"}
	inPlaceStandard := func(ifMatch *string) s3Call {
		return copyInPlace(func(in *s3.CopyObjectInput) { in.StorageClass, in.IfMatch = types.StorageClassStandard, ifMatch })
	}
	storageAttrs := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: aws.String("source-object"),
			ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesStorageClass}})
	}
	return append([]Case{
		conflict,
		s3OK("CompleteMultipartUpload/If-Match on an upload begun after the PutObject",
			localstack(moreAPI, wp+"test_multipart_if_match_with_put_identical", "complete-multipart-if-match-put-before-restart", ls4Date),
			s3Steps(putKey(key, "test"), putKey(key, "test"), beginUpload(key, &restarted)), complete(&restarted),
			map[string]any{"ETag": `"60cd54a928cbbcbb6e7b5595bab46a9e-1"`, "ChecksumCRC64NVME": "+bu+zv66sUM=", "ChecksumType": "FULL_OBJECT"}),
		s3OK("CopyObject/in place with If-Match and StorageClass STANDARD", localstack(moreAPI, wp+"test_copy_object_if_match_in_place", "copy-obj-if-match-in-place", ls4Date),
			s3Steps(putSource(func(in *s3.PutObjectInput) { in.Body = strings.NewReader("source content") })),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return inPlaceStandard(aws.String(`"4d96fd1280dd67fe2eac895339a0a8e3"`))(ctx, c, b)
			}, map[string]any{"CopyObjectResult.ETag": `"4d96fd1280dd67fe2eac895339a0a8e3"`, "CopyObjectResult.ChecksumCRC32": "wmoL/Q=="}),
		s3OK("CopyObject/in place with the same StorageClass", s3rec4("TestS3::test_s3_copy_object_in_place_storage_class", "copy-object-in-place-with-storage-class"),
			s3Steps(putSource(func(in *s3.PutObjectInput) { in.StorageClass = types.StorageClassStandard })), inPlaceStandard(nil),
			map[string]any{"CopyObjectResult.ETag": `"098f6bcd4621d373cade4e832627b4f6"`, "CopyObjectResult.ChecksumCRC32": "2H9+DA=="}),
		s3OK("GetObjectAttributes/StorageClass after an in-place copy", s3rec4("TestS3::test_s3_copy_object_in_place_storage_class", "object-attrs-after-copy"),
			s3Steps(putSource(func(in *s3.PutObjectInput) { in.StorageClass = types.StorageClassStandard }), run(inPlaceStandard(nil))), storageAttrs,
			map[string]any{"StorageClass": "STANDARD", "ETag": Absent, "Checksum": Absent}),
	}, moreWriteAnswers4()...)
}

func moreWriteAnswers4() []Case {
	const mk = "test-multipart-checksum"
	crc64Upload := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(mk), ChecksumAlgorithm: types.ChecksumAlgorithmCrc64nvme})
		if err != nil {
			return nil, err
		}
		p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String(mk), UploadId: up.UploadId, PartNumber: aws.Int32(1),
			Body: strings.NewReader("aaa"), ChecksumAlgorithm: types.ChecksumAlgorithmCrc64nvme})
		if err != nil {
			return nil, err
		}
		return c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(mk), UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: p.ETag, PartNumber: aws.Int32(1), ChecksumCRC64NVME: p.ChecksumCRC64NVME}}}})
	}
	const fullDefault = "TestS3MultipartUploadChecksum::test_complete_multipart_parts_checksum_full_object_default"
	crcFields := map[string]any{"ChecksumCRC64NVME": "Rnr2/5P7Gsk=", "ChecksumType": "FULL_OBJECT", "ETag": `"e2c3da976e66ec9e7dc128fbc782fc91-1"`}
	const lc = "TestS3BucketLifecycle::test_bucket_lifecycle_multiple_rules"
	rule := func(id, prefix string) types.LifecycleRule {
		return types.LifecycleRule{ID: aws.String(id), Filter: &types.LifecycleRuleFilter{Prefix: aws.String(prefix)}, Status: types.ExpirationStatusEnabled,
			Expiration: &types.LifecycleExpiration{Days: aws.Int32(7)}}
	}
	threeRules := run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(b),
			LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{rule("rule_one", "testobject"), rule("rule_two", "test"), rule("rule_three", "t")}}})
	})
	putTest := func(k string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k), Body: strings.NewReader("test")})
		}
	}
	lockedHold := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		if _, err := w.S3(Root(owner)).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(opsBucket), ObjectLockEnabledForBucket: aws.Bool(true)}); err != nil {
			t.Fatalf("set-up CreateBucket with Object Lock: %v", err)
		}
	}
	putHold := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("locked-object"), Body: strings.NewReader("test"),
			ObjectLockLegalHoldStatus: types.ObjectLockLegalHoldStatusOn})
	}
	const holdTest = "TestS3ObjectLockLegalHold::test_put_object_with_legal_hold"
	var upc mpuState
	return []Case{
		s3OK("CompleteMultipartUpload/CRC64NVME upload, no checksum type", s3rec4(fullDefault, "complete-multipart-checksum"), nil, crc64Upload, crcFields),
		s3OK("GetObjectAttributes/CRC64NVME upload, no checksum type", s3rec4(fullDefault, "get-object-attrs"), s3Steps(run(crc64Upload)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: aws.String(mk), ObjectAttributes: []types.ObjectAttributes{
					types.ObjectAttributesChecksum, types.ObjectAttributesEtag, types.ObjectAttributesObjectParts}})
			}, map[string]any{"Checksum.ChecksumCRC64NVME": "Rnr2/5P7Gsk=", "Checksum.ChecksumType": "FULL_OBJECT", "ETag": "e2c3da976e66ec9e7dc128fbc782fc91-1",
				"ObjectParts.TotalPartsCount": 1, "ObjectParts.Parts": Len(0)}),
		s3OK("GetLifecycleConfiguration/three rules", s3rec4(lc, "get-bucket-lifecycle-conf"), s3Steps(threeRules),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(b)})
			}, map[string]any{"Rules": Len(3), "Rules[0].ID": "rule_one", "Rules[2].Filter.Prefix": "t", "TransitionDefaultMinimumObjectSize": "all_storage_classes_128K"}),
		s3OK("PutObject/key matching two lifecycle rules names the first", s3rec4(lc, "put-object-match-both-rules"), s3Steps(threeRules), putTest("testobject-expiry"),
			map[string]any{"Expiration": Match(`^expiry-date="[^"]+", rule-id="rule_one"$`)}),
		s3OK("PutObject/key matching the second lifecycle rule", s3rec4(lc, "put-object-match-rule-2"), s3Steps(threeRules), putTest("test-one-rule"),
			map[string]any{"Expiration": Match(`^expiry-date="[^"]+", rule-id="rule_two"$`)}),
		s3OK("PutObject/key matching no lifecycle rule", s3rec4(lc, "put-object-no-match"), s3Steps(threeRules), putTest("no-rules"),
			map[string]any{"Expiration": Absent}),
		{Name: "PutObject/with legal hold ON", Source: s3rec4(holdTest, "put-obj"), Setup: lockedHold, Call: onOps(putHold),
			Want: Want{Fields: map[string]any{"VersionId": Present, "ETag": `"098f6bcd4621d373cade4e832627b4f6"`, "ChecksumCRC32": "2H9+DA=="}}},
		{Name: "HeadObject/legal hold ON", Source: s3rec4(holdTest, "head-object-with-legal-hold"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				lockedHold(ctx, t, w)
				if _, err := putHold(ctx, w.S3(Root(owner)), opsBucket); err != nil {
					t.Fatal(err)
				}
			},
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("locked-object")})
			}),
			Want: Want{Fields: map[string]any{"ObjectLockLegalHoldStatus": "ON", "ObjectLockMode": Absent, "ObjectLockRetainUntilDate": Absent, "VersionId": Present}}},
		{Name: "OPTIONS/CORS rule with ExposeHeaders", Source: localstack(moreCORS, "TestS3Cors::test_cors_expose_headers", "opt-get", "2023-07-31"),
			Op:    "S3 OPTIONS (CORS preflight)",
			Setup: corsBucket("test-cors-expose", true, types.CORSRule{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, ExposeHeaders: []string{"x-amz-id-2", "x-amz-request-id", "x-amz-request-payer"}}),
			Call:  anonymous(http.MethodOptions, "/"+opsBucket+"/test-cors-expose", "Origin", "localhost:4566", "Access-Control-Request-Method", "GET"),
			Want: Want{Fields: map[string]any{"header:Access-Control-Allow-Origin": "*", "header:Access-Control-Allow-Methods": "GET",
				"header:Access-Control-Expose-Headers": "x-amz-id-2, x-amz-request-id, x-amz-request-payer", "header:Content-Length": "0", "header:Vary": corsVary,
				"header:Access-Control-Max-Age": Absent, "header:Access-Control-Allow-Credentials": Absent}}},
		{Name: "PostObject/not multipart/form-data", Source: s3rec4("TestS3PresignedPost::test_post_object_with_wrong_content_type", "invalid-content-type-error"),
			Setup: withBucket(opsBucket),
			Call: func(ctx context.Context, w *World) (any, error) {
				return sendRaw(ctx, w, http.MethodPost, w.Endpoint+"/"+opsBucket, "key=test-presigned-post-key-wrong-content-type", http.Header{"Content-Type": {"text/html"}})
			},
			Want: Want{Status: 412, Code: "PreconditionFailed", Message: "At least one of the pre-conditions you specified did not hold",
				Fields: map[string]any{"header:Error-Condition": "Bucket POST must be of the enclosure-type multipart/form-data"}}},
		s3OK("UploadPartCopy/x-amz-copy-source-if-match that matches", localstack(moreAPI, "TestS3Multipart::test_upload_part_copy_with_copy_source_if_match_success",
			"upload-part-copy-if-match", ls4Date), s3Steps(putKey("source_file.txt", "0123456789"), beginUpload("destination_file.txt", &upc)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String(b), Key: aws.String("destination_file.txt"), UploadId: upc.id, PartNumber: aws.Int32(1),
					CopySource: aws.String(b + "/source_file.txt"), CopySourceIfMatch: aws.String(`"781e5e245d69b566979b86e28d23f2c7"`)})
			}, map[string]any{"CopyPartResult.ETag": `"781e5e245d69b566979b86e28d23f2c7"`, "ServerSideEncryption": "AES256"}),
	}
}
