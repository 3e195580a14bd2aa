package golden

import (
	"context"
	"crypto/md5"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3 cases from LocalStack's AWS-recorded snapshots that the other files
// did not cover and where fakeaws answered differently before (session of
// 2026-12-06): copies of an object onto itself, version id format, ...

// copyInPlace copies "source-object" in opsBucket onto itself with the
// input's optional fields set by with.
func copyInPlace(with func(*s3.CopyObjectInput)) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		in := &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"),
			CopySource: aws.String(b + "/source-object")}
		if with != nil {
			with(in)
		}
		return c.CopyObject(ctx, in)
	}
}

// putSource writes "source-object" ("test") into opsBucket with the
// input's optional fields set by with.
func putSource(with func(*s3.PutObjectInput)) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		in := &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("source-object"), Body: strings.NewReader("test")}
		if with != nil {
			with(in)
		}
		_, err := c.PutObject(ctx, in)
		return err
	}
}

func putAES256Default(ctx context.Context, c *s3.Client) error {
	_, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(opsBucket),
		ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256},
			BucketKeyEnabled:                   aws.Bool(false)}}}})
	return err
}

func TestS3RecordedCopyInPlace(t *testing.T) {
	const testETag = `"098f6bcd4621d373cade4e832627b4f6"` // MD5 of "test"
	Run(t, []Case{
		s3OK("CopyObject/in place with WebsiteRedirectLocation",
			localstack(moreS3, "TestS3::test_s3_copy_object_in_place_website_redirect_location", "copy-object-in-place-with-website-redirection", "2026-02-21"),
			s3Steps(putSource(func(in *s3.PutObjectInput) { in.WebsiteRedirectLocation = aws.String("/test/direct") })),
			copyInPlace(func(in *s3.CopyObjectInput) { in.WebsiteRedirectLocation = aws.String("/test/direct") }),
			map[string]any{"CopyObjectResult.ETag": testETag, "ServerSideEncryption": "AES256",
				"CopyObjectResult.ChecksumType": "FULL_OBJECT"}),
		s3OK("CopyObject/in place of an aws:kms object without headers",
			localstack(moreS3, "TestS3::test_s3_copy_object_in_place_with_encryption", "copy-object-in-place-without-kms-sse", "2026-02-21"),
			s3Steps(putSource(func(in *s3.PutObjectInput) { in.ServerSideEncryption = types.ServerSideEncryptionAwsKms })),
			copyInPlace(nil),
			map[string]any{"CopyObjectResult.ETag": testETag, "ServerSideEncryption": "AES256"}),
		s3OK("CopyObject/in place of an AES256 object with x-amz-server-side-encryption AES256",
			localstack(moreS3, "TestS3::test_s3_copy_object_in_place_with_encryption", "copy-object-in-place-with-aes", "2026-02-21"),
			s3Steps(putSource(nil)),
			copyInPlace(func(in *s3.CopyObjectInput) { in.ServerSideEncryption = types.ServerSideEncryptionAes256 }),
			map[string]any{"CopyObjectResult.ETag": testETag, "ServerSideEncryption": "AES256"}),
		s3OK("CopyObject/in place in a bucket with PutBucketEncryption AES256",
			localstack(moreS3, "TestS3::test_copy_in_place_with_bucket_encryption", "copy-obj", "2026-02-21"),
			s3Steps(putAES256Default, putSource(nil)),
			copyInPlace(nil),
			map[string]any{"CopyObjectResult.ETag": testETag, "ServerSideEncryption": "AES256",
				"CopyObjectResult.ChecksumType": "FULL_OBJECT"}),
		s3Fails("CopyObject/in place of an AES256 object changing nothing",
			localstack(moreS3, "TestS3::test_s3_copy_object_in_place_metadata_directive", "no-metadata-directive-fail", "2026-02-21"),
			s3Steps(putSource(nil)),
			copyInPlace(func(in *s3.CopyObjectInput) { in.Metadata = map[string]string{"key": "value"} }),
			400, "InvalidRequest", msgCopyInPlace),
	})
}

func TestS3RecordedVersionID(t *testing.T) {
	Run(t, []Case{
		s3OK("PutObject/version id characters",
			localstack(moreAPI, "TestS3BucketVersioning::test_object_version_id_format", "put-object", "2026-02-21"),
			s3Steps(versionedOps),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test-version-id")})
			},
			// The test asserts 32 characters, each a letter, digit, "." or "_".
			map[string]any{"VersionId": Match(`^[A-Za-z0-9._]{32}$`)}),
	})
}

// publicReadWrite lets anyone write to opsBucket through its ACL, as
// LocalStack's allow_bucket_acl fixture and put_bucket_acl do.
func publicReadWrite(ctx context.Context, c *s3.Client) error {
	b := aws.String(opsBucket)
	if _, err := c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: b}); err != nil {
		return err
	}
	if _, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b}); err != nil {
		return err
	}
	_, err := c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPublicReadWrite})
	return err
}

// anonymousPut writes key into opsBucket without credentials, with a
// public-read-write object ACL.
func anonymousPut(w *World, key string) s3Setup {
	return func(ctx context.Context, _ *s3.Client) error {
		r, err := http.NewRequestWithContext(ctx, http.MethodPut, w.Endpoint+"/"+opsBucket+"/"+key, strings.NewReader("This body document"))
		if err != nil {
			return err
		}
		r.Header.Set("X-Amz-Acl", "public-read-write")
		resp, err := w.HTTP.Do(r)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("anonymous PutObject: %s", resp.Status)
		}
		return nil
	}
}

func TestS3RecordedAnonymousDelete(t *testing.T) {
	anonymous := func(o *s3.Options) { o.Credentials = aws.AnonymousCredentials{} }
	c := Case{
		Name: "DeleteObjects/anonymous on a public-read-write bucket",
		Source: localstack(moreS3, "TestS3::test_s3_batch_delete_public_objects_using_requests", "multi-delete-with-requests", "2026-02-21") +
			"; the recording lists both keys under Deleted",
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			bucket(ctx, t, w, opsBucket)
			for i, s := range s3Steps(publicReadWrite, anonymousPut(w, "key-created-by-anonymous-1"), anonymousPut(w, "key-created-by-anonymous-2")) {
				if err := s(ctx, w.S3(Root(owner))); err != nil {
					t.Fatalf("set-up step %d: %v", i+1, err)
				}
			}
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner), anonymous).DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(opsBucket),
				RequestPayer: types.RequestPayerRequester, Delete: &types.Delete{Objects: []types.ObjectIdentifier{
					{Key: aws.String("key-created-by-anonymous-1")}, {Key: aws.String("key-created-by-anonymous-2")}}}})
		},
		Want: Want{Fields: map[string]any{"Deleted": Len(2), "Errors": Len(0),
			"Deleted[0].Key": "key-created-by-anonymous-1", "Deleted[1].Key": "key-created-by-anonymous-2"}},
	}
	Run(t, []Case{c})
}

// publicRead lets anyone list and read opsBucket and "my-content" in it.
func publicRead(ctx context.Context, c *s3.Client) error {
	b := aws.String(opsBucket)
	if _, err := c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: b}); err != nil {
		return err
	}
	if _, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b}); err != nil {
		return err
	}
	if _, err := c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPublicRead}); err != nil {
		return err
	}
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("my-content"), Body: strings.NewReader("something")})
	return err
}

func TestS3RecordedAnonymousList(t *testing.T) {
	anonymous := func(o *s3.Options) { o.Credentials = aws.AnonymousCredentials{} }
	listAs := func(opts ...func(*s3.Options)) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner), opts...).ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String(opsBucket)})
		}
	}
	setup := func(ctx context.Context, t *testing.T, w *World) {
		bucket(ctx, t, w, opsBucket)
		if err := publicRead(ctx, w.S3(Root(owner))); err != nil {
			t.Fatalf("set-up: %v", err)
		}
	}
	Run(t, []Case{{
		Name:   "ListObjects/anonymous on a public-read bucket has no Owner",
		Source: localstack(moreS3, "TestS3::test_bucket_name_with_dots", "request-path-url-content", "2026-02-21"),
		Setup:  setup,
		Call:   listAs(anonymous),
		Want: Want{Fields: map[string]any{"Contents": Len(1), "Contents[0].Key": "my-content", "Contents[0].Size": 9,
			"Contents[0].Owner": Absent, "Contents[0].ChecksumType": "FULL_OBJECT"}},
	}, {
		Name:   "ListObjects/signed by the owner has Owner",
		Source: localstack(moreS3, "TestS3::test_bucket_name_with_dots", "list-objects", "2026-02-21"),
		Setup:  setup,
		Call:   listAs(),
		Want:   Want{Fields: map[string]any{"Contents": Len(1), "Contents[0].Owner.ID": Present, "Contents[0].Owner.DisplayName": Absent}},
	}})
}

func TestS3RecordedVersionMarkerDeleted(t *testing.T) {
	var keyMarker, vidMarker, v2 *string
	Run(t, []Case{{
		Name: "ListObjectVersions/version-id-marker of a deleted version",
		Source: localstack(moreList, "TestS3ListObjectVersions::test_list_objects_versions_with_prefix_only_and_pagination",
			"list-object-version-prefix-page-2-after-delete", "2026-02-21"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			c := w.S3(Root(owner))
			bucket(ctx, t, w, opsBucket)
			if err := versionedOps(ctx, c); err != nil {
				t.Fatalf("set-up versioning: %v", err)
			}
			var ids []string
			for _, k := range []string{"prefixed_key", "prefixed_key", "prefixed_key", "prefixed_key", "prefixed_key", "non_prefixed_key"} {
				out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k)})
				if err != nil {
					t.Fatalf("set-up PutObject: %v", err)
				}
				ids = append(ids, aws.ToString(out.VersionId))
			}
			v2 = aws.String(ids[1])
			page, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(opsBucket), Prefix: aws.String("prefix"), MaxKeys: aws.Int32(3)})
			if err != nil || len(page.Versions) != 3 {
				t.Fatalf("set-up first page: %v (%d versions)", err, len(page.Versions))
			}
			keyMarker, vidMarker = page.NextKeyMarker, page.NextVersionIdMarker
			var del []types.ObjectIdentifier
			for _, v := range page.Versions {
				del = append(del, types.ObjectIdentifier{Key: v.Key, VersionId: v.VersionId})
			}
			if _, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(opsBucket), Delete: &types.Delete{Objects: del}}); err != nil {
				t.Fatalf("set-up DeleteObjects: %v", err)
			}
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner)).ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(opsBucket),
				Prefix: aws.String("prefix"), MaxKeys: aws.Int32(5), KeyMarker: keyMarker, VersionIdMarker: vidMarker})
		},
		// The two versions older than the deleted marker, the newer of
		// them now the latest.
		Want: Want{Fields: map[string]any{"Versions": Len(2), "IsTruncated": false, "KeyMarker": "prefixed_key",
			"Versions[0].IsLatest": true, "Versions[1].IsLatest": false,
			"Versions[0].VersionId": matchPtr(&v2), "Versions[0].Size": 0}},
	}})
}

// matchPtr matches the string *p points to when the check runs (a value
// the case's Setup learns).
func matchPtr(p **string) Matcher {
	return matcherFunc(func(v reflect.Value, found bool) error {
		if !found || *p == nil || show(v) != **p {
			return fmt.Errorf("want %v, got %s", *p, showFound(v, found))
		}
		return nil
	})
}

func TestS3RecordedBucketPolicyText(t *testing.T) {
	const sent = `{"Version": "2012-10-17", "Statement": [{"Action": "s3:GetObject", "Effect": "Allow", "Resource": "arn:aws:s3:::golden-ops/*", "Principal": {"AWS": "*"}}]}`
	Run(t, []Case{
		s3OK("GetBucketPolicy/elements in AWS's order, compact",
			localstack(moreS3, "TestS3::test_put_bucket_policy", "get-bucket-policy", "2026-02-21")+
				"; compact as in the AWS CLI example awscli/examples/s3api/get-bucket-policy.rst",
			s3Steps(run(s3Ops["DeletePublicAccessBlock"]), func(ctx context.Context, c *s3.Client) error {
				_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(opsBucket), Policy: aws.String(sent)})
				return err
			}),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b)})
			},
			map[string]any{"Policy": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::golden-ops/*"}]}`}),
	})
}

// Recorded answers fakeaws already gave when replayed (session of
// 2026-12-06), kept here so that a regression fails a test.

// copyTagged copies "source-object" (tagged key1=value1) in opsBucket to
// "dest" with the tagging directive and optional x-amz-tagging given.
func copyTagged(directive types.TaggingDirective, tagging string) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		in := &s3.CopyObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("dest"),
			CopySource: aws.String(opsBucket + "/source-object"), TaggingDirective: directive}
		if tagging != "" {
			in.Tagging = aws.String(tagging)
		}
		_, err := c.CopyObject(ctx, in)
		return err
	}
}

func getDestTags(ctx context.Context, c *s3.Client, b string) (any, error) {
	return c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(b), Key: aws.String("dest")})
}

func TestS3RecordedCopyTagging(t *testing.T) {
	tagged := putSource(func(in *s3.PutObjectInput) { in.Tagging = aws.String("key1=value1") })
	Run(t, []Case{
		s3OK("CopyObject/TaggingDirective COPY ignores x-amz-tagging",
			localstack(moreS3, "TestS3::test_s3_copy_tagging_directive[COPY]", "get-copy-object-tag", "2026-02-21"),
			s3Steps(tagged, copyTagged(types.TaggingDirectiveCopy, "key2=value2")), getDestTags,
			map[string]any{"TagSet": Len(1), "TagSet[0].Key": "key1", "TagSet[0].Value": "value1"}),
		s3OK("CopyObject/no TaggingDirective copies the source's tags",
			localstack(moreS3, "TestS3::test_s3_copy_tagging_directive[None]", "get-copy-object-tag", "2026-02-21"),
			s3Steps(tagged, copyTagged("", "key2=value2")), getDestTags,
			map[string]any{"TagSet": Len(1), "TagSet[0].Key": "key1"}),
		s3OK("CopyObject/TaggingDirective REPLACE takes x-amz-tagging",
			localstack(moreS3, "TestS3::test_s3_copy_tagging_directive[REPLACE]", "get-copy-object-tag", "2026-02-21"),
			s3Steps(tagged, copyTagged(types.TaggingDirectiveReplace, "key2=value2")), getDestTags,
			map[string]any{"TagSet": Len(1), "TagSet[0].Key": "key2", "TagSet[0].Value": "value2"}),
		s3OK("CopyObject/TaggingDirective REPLACE without x-amz-tagging leaves no tags",
			localstack(moreS3, "TestS3::test_s3_copy_tagging_directive[REPLACE]", "get-copy-object-tag-empty", "2026-02-21"),
			s3Steps(tagged, copyTagged(types.TaggingDirectiveReplace, "")), getDestTags,
			map[string]any{"TagSet": Len(0)}),
	})
}

// lockedSource makes opsBucket again with Object Lock and writes
// "source-object" with the input's lock fields set by with.
func lockedSource(with func(*s3.PutObjectInput)) func(context.Context, *testing.T, *World) {
	return func(ctx context.Context, t *testing.T, w *World) {
		c := w.S3(Root(owner))
		if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(opsBucket), ObjectLockEnabledForBucket: aws.Bool(true)}); err != nil {
			t.Fatalf("set-up CreateBucket with Object Lock: %v", err)
		}
		if err := putSource(with)(ctx, c); err != nil {
			t.Fatalf("set-up PutObject: %v", err)
		}
		if _, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("dest-key"),
			CopySource: aws.String(opsBucket + "/source-object")}); err != nil {
			t.Fatalf("set-up CopyObject: %v", err)
		}
	}
}

func headDest(ctx context.Context, w *World) (any, error) {
	return w.S3(Root(owner)).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("dest-key")})
}

func TestS3RecordedLockNotCopied(t *testing.T) {
	Run(t, []Case{{
		Name:   "CopyObject/the source's legal hold is not copied",
		Source: localstack(moreS3, "TestS3ObjectLockLegalHold::test_s3_copy_object_legal_hold", "head-dest-key", "2026-02-21"),
		Setup:  lockedSource(func(in *s3.PutObjectInput) { in.ObjectLockLegalHoldStatus = types.ObjectLockLegalHoldStatusOn }),
		Call:   headDest,
		Want:   Want{Fields: map[string]any{"ObjectLockLegalHoldStatus": Absent, "ObjectLockMode": Absent, "VersionId": Present}},
	}, {
		Name:   "CopyObject/the source's retention is not copied",
		Source: localstack(moreS3, "TestS3ObjectLockRetention::test_s3_copy_object_retention_lock", "head-dest-key", "2026-02-21"),
		Setup: lockedSource(func(in *s3.PutObjectInput) {
			in.ObjectLockMode, in.ObjectLockRetainUntilDate = types.ObjectLockModeGovernance, aws.Time(time.Now().Add(10*time.Minute))
		}),
		Call: headDest,
		Want: Want{Fields: map[string]any{"ObjectLockMode": Absent, "ObjectLockRetainUntilDate": Absent, "ObjectLockLegalHoldStatus": Absent}},
	}})
}

func suspend(ctx context.Context, c *s3.Client) error {
	_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(opsBucket),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}})
	return err
}

func TestS3RecordedVersioningAnswers(t *testing.T) {
	replaceInPlace := copyInPlace(func(in *s3.CopyObjectInput) { in.MetadataDirective = types.MetadataDirectiveReplace })
	Run(t, []Case{
		noContent(s3OK("DeleteObject/suspended bucket, no version id",
			localstack(moreAPI, "TestS3ObjectCRUD::test_delete_object_on_suspended_bucket", "delete-object-no-version", "2026-02-21"),
			s3Steps(versionedOps, putSource(nil), putSource(nil), suspend), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String("source-object")})
			}, map[string]any{"DeleteMarker": true, "VersionId": "null"})),
		s3OK("ListObjectVersions/unversioned bucket, null versions by key",
			localstack(moreAPI, "TestS3ObjectCRUD::test_list_object_versions_order_unversioned", "list-object-versions", "2026-02-21"),
			s3Steps(putKey("a-test-object-1", "test-object-1"), putKey("c-test-object-3", "test-object-3"), putKey("b-test-object-2", "test-object-2")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b)})
			}, map[string]any{"Versions": Len(3), "Versions[0].Key": "a-test-object-1", "Versions[1].Key": "b-test-object-2",
				"Versions[2].Key": "c-test-object-3", "Versions[0].VersionId": "null", "Versions[0].IsLatest": true, "Versions[0].Size": 13}),
		s3OK("CopyObject/in place in a suspended bucket",
			localstack(moreS3, "TestS3::test_s3_copy_object_in_place_suspended_only", "copy-in-place-versioned-suspended", "2026-02-21"),
			s3Steps(putSource(nil), suspend), replaceInPlace,
			map[string]any{"VersionId": "null", "CopySourceVersionId": Absent, "CopyObjectResult.ChecksumType": "FULL_OBJECT"}),
		s3OK("CopyObject/in place again in a suspended bucket (both versions null)",
			localstack(moreS3, "TestS3::test_s3_copy_object_in_place_suspended_only", "copy-in-place-versioned-suspended-twice", "2026-02-21"),
			s3Steps(putSource(nil), suspend, run(replaceInPlace)), replaceInPlace,
			map[string]any{"VersionId": "null", "CopySourceVersionId": Absent}),
		s3OK("DeleteObjects/quiet with keys that do not exist",
			localstack(moreS3, "TestS3::test_delete_non_existing_keys_quiet", "deleted-resp", "2026-02-21"),
			s3Steps(putKey("test-key-nonexistent", "something")), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(b), Delete: &types.Delete{Quiet: aws.Bool(true),
					Objects: []types.ObjectIdentifier{{Key: aws.String("test-key-nonexistent")}, {Key: aws.String("dummy1")}, {Key: aws.String("dummy2")}}}})
			}, map[string]any{"Deleted": Len(0), "Errors": Len(0)}),
	})
}

func TestS3RecordedUploadPartCopyConditions(t *testing.T) {
	partCopy := func(set func(*s3.UploadPartCopyInput)) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("destination_file.txt")})
			if err != nil {
				return nil, err
			}
			in := &s3.UploadPartCopyInput{Bucket: aws.String(b), Key: aws.String("destination_file.txt"), UploadId: up.UploadId,
				PartNumber: aws.Int32(1), CopySource: aws.String(b + "/source_file.txt")}
			set(in)
			return c.UploadPartCopy(ctx, in)
		}
	}
	src := s3Steps(putKey("source_file.txt", "0123456789"))
	later, earlier := time.Now().Add(24*time.Hour), time.Now().Add(-24*time.Hour)
	Run(t, []Case{
		s3OK("UploadPartCopy/x-amz-copy-source-if-modified-since in the future is ignored",
			localstack(moreAPI, "TestS3Multipart::test_upload_part_copy_with_copy_source_if_modified_since_in_future_success", "upload-part-copy-if-modified-since-in-future", "2026-02-21"),
			src, partCopy(func(in *s3.UploadPartCopyInput) { in.CopySourceIfModifiedSince = aws.Time(later) }),
			map[string]any{"CopyPartResult.ETag": `"781e5e245d69b566979b86e28d23f2c7"`, "ServerSideEncryption": "AES256"}),
		s3OK("UploadPartCopy/if-match holds, if-unmodified-since fails: copied",
			localstack(moreAPI, "TestS3Multipart::test_upload_part_copy_with_copy_source_if_match_and_if_unmodified_since_match", "upload-part-copy", "2026-02-21"),
			src, partCopy(func(in *s3.UploadPartCopyInput) {
				in.CopySourceIfMatch, in.CopySourceIfUnmodifiedSince = aws.String(`"781e5e245d69b566979b86e28d23f2c7"`), aws.Time(earlier)
			}),
			map[string]any{"CopyPartResult.ETag": `"781e5e245d69b566979b86e28d23f2c7"`}),
		s3OK("UploadPartCopy/if-none-match with another ETag: copied",
			localstack(moreAPI, "TestS3Multipart::test_upload_part_copy_with_copy_source_if_match_none_success", "upload-part-copy-if-none-match", "2026-02-21"),
			src, partCopy(func(in *s3.UploadPartCopyInput) { in.CopySourceIfNoneMatch = aws.String("none-match") }),
			map[string]any{"CopyPartResult.ETag": `"781e5e245d69b566979b86e28d23f2c7"`}),
	})
}

func TestS3RecordedRanges(t *testing.T) {
	src := s3Steps(putKey("test-key-range", "0123456789"))
	get := func(rng string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-key-range"), Range: aws.String(rng)})
		}
	}
	var cases []Case
	for _, r := range []struct{ rng, key, contentRange string }{
		{"bytes=1-1", "get-1-1", "bytes 1-1/10"},
		{"bytes=1-", "get-1-", "bytes 1-9/10"},
		{"bytes=-2", "get--2", "bytes 8-9/10"},
		{"bytes=0-0", "get-0-0", "bytes 0-0/10"},
	} {
		c := s3OK("GetObject/Range "+r.rng,
			localstack(moreAPI, "TestS3ObjectCRUD::test_get_object_range", r.key, "2026-02-21"), src, get(r.rng),
			map[string]any{"ContentRange": r.contentRange, "ContentLength": rangeLen(r.contentRange),
				"ChecksumCRC32": Absent, "ChecksumCRC64NVME": Absent, "ChecksumType": Absent})
		c.Want.Status = http.StatusPartialContent
		cases = append(cases, c)
	}
	copyPart := func(n int32, rng string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("test-upload-part-copy")})
			if err != nil {
				return nil, err
			}
			return c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String(b), Key: aws.String("test-upload-part-copy"), UploadId: up.UploadId,
				PartNumber: aws.Int32(n), CopySource: aws.String(b + "/test-key-range"), CopySourceRange: aws.String(rng)})
		}
	}
	for i, r := range []struct{ rng, etag string }{
		{"bytes=0-8", `"22975d8a5ed1b91445f6c55ac121505b"`}, {"bytes=1-1", `"c4ca4238a0b923820dcc509a6f75849b"`}, {"bytes=0-0", `"cfcd208495d565ef66e7dff9f98764da"`},
	} {
		cases = append(cases, s3OK("UploadPartCopy/x-amz-copy-source-range "+r.rng,
			localstack(moreAPI, "TestS3Multipart::test_upload_part_copy_range", fmt.Sprintf("upload-part-copy-%d", i+1), "2026-02-21"),
			src, copyPart(int32(i+1), r.rng), map[string]any{"CopyPartResult.ETag": r.etag, "ServerSideEncryption": "AES256"}))
	}
	cases = append(cases, s3Fails("UploadPartCopy/x-amz-copy-source-range bytes=-1-",
		localstack(moreAPI, "TestS3Multipart::test_upload_part_copy_range", "upload-part-copy-range-exc--1-", "2026-02-21"),
		src, copyPart(1, "bytes=-1-"), 400, "InvalidArgument",
		"The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy"))
	Run(t, cases)
}

// rangeLen is the length of the byte range "bytes F-L/N" names.
func rangeLen(contentRange string) int {
	var first, last, size int
	if _, err := fmt.Sscanf(contentRange, "bytes %d-%d/%d", &first, &last, &size); err != nil {
		return -1
	}
	return last - first + 1
}

func TestS3RecordedWriteGrantVersions(t *testing.T) {
	anonymous := func(o *s3.Options) { o.Credentials = aws.AnonymousCredentials{} }
	// Cases run in parallel: each keeps the version its own set-up wrote.
	var version *string
	setupInto := func(version **string) func(context.Context, *testing.T, *World) {
		return func(ctx context.Context, t *testing.T, w *World) {
			c := w.S3(Root(owner))
			bucket(ctx, t, w, opsBucket)
			if err := publicReadWrite(ctx, c); err != nil {
				t.Fatalf("set-up: %v", err)
			}
			if err := versionedOps(ctx, c); err != nil {
				t.Fatalf("set-up versioning: %v", err)
			}
			out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("k"), Body: strings.NewReader("x")})
			if err != nil {
				t.Fatalf("set-up PutObject: %v", err)
			}
			*version = out.VersionId
		}
	}
	var unused *string
	const aclDoc = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#permissions: bucket WRITE lets the grantee create objects; " +
		"\"when the grantee is the bucket owner, granting WRITE permission in a bucket ACL allows the s3:DeleteObjectVersion action\""
	Run(t, []Case{{
		Name: "DeleteObject/anonymous, public-read-write versioned bucket, its own object: a delete marker",
		Source: aclDoc + "; the delete itself as recorded in " + localstack(moreS3, "TestS3::test_s3_batch_delete_public_objects_using_requests", "multi-delete-with-requests", "2026-02-21") +
			" (the owner's object: s3anon_test.go)",
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			setupInto(&unused)(ctx, t, w)
			if err := anonymousPut(w, "anon-k")(ctx, nil); err != nil {
				t.Fatalf("set-up: %v", err)
			}
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner), anonymous).DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("anon-k")})
		},
		Want: Want{Status: http.StatusNoContent, Fields: map[string]any{"DeleteMarker": true, "VersionId": Present}},
	}, {
		Name:   "DeleteObject/anonymous with a version id: the WRITE grant does not reach versions",
		Source: aclDoc,
		Setup:  setupInto(&version),
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner), anonymous).DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("k"), VersionId: version})
		},
		Want: Want{Status: 403, Code: "AccessDenied", Message: "Access Denied"},
	}})
}

func TestS3RecordedSSECMultipartChecksum(t *testing.T) {
	key := []byte("1234567890abcdef1234567890abcdef")
	sum := md5.Sum(key)
	alg, k, kMD5 := aws.String("AES256"), aws.String(b64(key)), aws.String(b64(sum[:]))
	const name = "test-sse-c-multipart"
	complete := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(name),
			SSECustomerAlgorithm: alg, SSECustomerKey: k, SSECustomerKeyMD5: kMD5})
		if err != nil {
			return nil, err
		}
		part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String(name), UploadId: up.UploadId, PartNumber: aws.Int32(1),
			Body: strings.NewReader("upload-part-1"), SSECustomerAlgorithm: alg, SSECustomerKey: k, SSECustomerKeyMD5: kMD5})
		if err != nil {
			return nil, err
		}
		return c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(name), UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}}}})
	}
	Run(t, beforeSSECBlock([]Case{
		s3OK("CompleteMultipartUpload/SSE-C upload without a checksum algorithm gets no checksum",
			localstack(moreS3, "TestS3SSECEncryption::test_multipart_upload_sse_c", "complete-multipart-checksum", "2026-02-21"),
			ssecSteps(), complete, map[string]any{"ChecksumCRC64NVME": Absent, "ChecksumCRC32": Absent, "ChecksumType": Absent, "ETag": Match(`^"[0-9a-f]{32}-1"$`)}),
	}))
}
