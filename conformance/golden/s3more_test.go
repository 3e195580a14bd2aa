package golden

import (
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// More S3 cases from LocalStack's AWS-recorded snapshots the other files
// leave out: versioning and delete markers, preconditions, multipart
// completion errors, checksum headers, listing parameters, configuration
// validation.

const (
	moreS3   = "s3/test_s3.snapshot.json"
	moreAPI  = "s3/test_s3_api.snapshot.json"
	moreList = "s3/test_s3_list_operations.snapshot.json"
	moreCORS = "s3/test_s3_cors.snapshot.json"

	msgNoSuchKey     = "The specified key does not exist."
	msgMethodNotAllw = "The specified method is not allowed against this resource."
	msgInvalidPart   = "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."
	msgMalformedXML  = "The XML you provided was not well-formed or did not validate against our published schema"
	msgCopyInPlace   = "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."
	msgBadEncoding   = "Invalid Encoding Method specified in Request"
	msgInvalidRange  = "The requested range is not satisfiable"
	msgLockedObject  = "Access Denied because object protected by object lock."
	msgBypassNoLock  = "x-amz-bypass-governance-retention is only applicable to Object Lock enabled buckets."
)

// versionedOps makes opsBucket versioned (Enabled).
func versionedOps(ctx context.Context, c *s3.Client) error {
	_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(opsBucket),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	return err
}

// deleteKey deletes key from opsBucket (a delete marker when versioned).
func deleteKey(key string) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		_, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(key)})
		return err
	}
}

// latestVersion is the version id (or delete marker id, with marker true)
// at the head of key's versions in opsBucket.
func latestVersion(ctx context.Context, c *s3.Client, key string, marker bool) (*string, error) {
	out, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(opsBucket), Prefix: aws.String(key)})
	if err != nil {
		return nil, err
	}
	if marker {
		for _, m := range out.DeleteMarkers {
			if aws.ToBool(m.IsLatest) {
				return m.VersionId, nil
			}
		}
		return aws.String("no-delete-marker"), nil
	}
	for _, v := range out.Versions {
		return v.VersionId, nil
	}
	return aws.String("no-version"), nil
}

// uploadWithParts begins an upload of key "k" in opsBucket and uploads one
// part per body; it returns the upload id and the completed parts.
func uploadWithParts(ctx context.Context, c *s3.Client, bodies ...string) (*string, []types.CompletedPart, error) {
	mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String("k")})
	if err != nil {
		return nil, nil, err
	}
	var parts []types.CompletedPart
	for i, b := range bodies {
		n := aws.Int32(int32(i + 1))
		p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(opsBucket), Key: aws.String("k"), UploadId: mpu.UploadId,
			PartNumber: n, Body: strings.NewReader(b)})
		if err != nil {
			return nil, nil, err
		}
		parts = append(parts, types.CompletedPart{ETag: p.ETag, PartNumber: n})
	}
	return mpu.UploadId, parts, nil
}

// partial is a success answered 206 Partial Content.
func partial(c Case) Case {
	c.Want.Status = http.StatusPartialContent
	return c
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func crc32Of(tab *crc32.Table, data string) string {
	return b64(binary.BigEndian.AppendUint32(nil, crc32.Checksum([]byte(data), tab)))
}

// checksumInput sets the checksum header of alg to value on a PutObject.
func checksumInput(alg types.ChecksumAlgorithm, value string) func(*s3.PutObjectInput) {
	return func(in *s3.PutObjectInput) {
		in.ChecksumAlgorithm = alg
		switch alg {
		case types.ChecksumAlgorithmCrc32:
			in.ChecksumCRC32 = aws.String(value)
		case types.ChecksumAlgorithmCrc32c:
			in.ChecksumCRC32C = aws.String(value)
		case types.ChecksumAlgorithmSha1:
			in.ChecksumSHA1 = aws.String(value)
		case types.ChecksumAlgorithmSha256:
			in.ChecksumSHA256 = aws.String(value)
		case types.ChecksumAlgorithmCrc64nvme:
			in.ChecksumCRC64NVME = aws.String(value)
		}
	}
}

// wrongChecksums is, per algorithm, a well-formed checksum of "bad data".
func wrongChecksums() map[types.ChecksumAlgorithm]string {
	s1 := sha1.Sum([]byte("bad data"))
	s256 := sha256.Sum256([]byte("bad data"))
	return map[types.ChecksumAlgorithm]string{
		types.ChecksumAlgorithmCrc32:     crc32Of(crc32.IEEETable, "bad data"),
		types.ChecksumAlgorithmCrc32c:    crc32Of(crc32.MakeTable(crc32.Castagnoli), "bad data"),
		types.ChecksumAlgorithmSha1:      b64(s1[:]),
		types.ChecksumAlgorithmSha256:    b64(s256[:]),
		types.ChecksumAlgorithmCrc64nvme: "AAAAAAAAAAA=",
	}
}

// TestS3MoreChecksumHeaders: PutObject and UploadPart with an
// x-amz-checksum-* header that is not a checksum, or not this body's.
func TestS3MoreChecksumHeaders(t *testing.T) {
	var cases []Case
	wrong := wrongChecksums()
	for _, alg := range []types.ChecksumAlgorithm{types.ChecksumAlgorithmCrc32, types.ChecksumAlgorithmCrc32c,
		types.ChecksumAlgorithmSha1, types.ChecksumAlgorithmSha256, types.ChecksumAlgorithmCrc64nvme} {
		alg := alg
		test := "TestS3PutObjectChecksum::test_put_object_checksum[" + string(alg) + "]"
		mpuTest := mpuChecksumTest + "test_multipart_upload_part_checksum_exception[" + string(alg) + "]"
		put := func(value string) s3Call {
			return func(ctx context.Context, c *s3.Client, b string) (any, error) {
				in := &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("file-k"), Body: strings.NewReader("test data..")}
				checksumInput(alg, value)(in)
				return c.PutObject(ctx, in)
			}
		}
		part := func(value string) s3Call {
			return func(ctx context.Context, c *s3.Client, b string) (any, error) {
				mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("k"),
					ChecksumAlgorithm: alg})
				if err != nil {
					return nil, err
				}
				pin := &s3.PutObjectInput{}
				checksumInput(alg, value)(pin)
				return c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String("k"), UploadId: mpu.UploadId,
					PartNumber: aws.Int32(1), Body: strings.NewReader("test data.."), ChecksumAlgorithm: alg,
					ChecksumCRC32: pin.ChecksumCRC32, ChecksumCRC32C: pin.ChecksumCRC32C, ChecksumSHA1: pin.ChecksumSHA1,
					ChecksumSHA256: pin.ChecksumSHA256, ChecksumCRC64NVME: pin.ChecksumCRC64NVME})
			}
		}
		invalid := "Value for x-amz-checksum-" + strings.ToLower(string(alg)) + " header is invalid."
		mismatch := "The " + string(alg) + " you specified did not match the calculated checksum."
		cases = append(cases,
			s3Fails("PutObject/"+string(alg)+" header not a checksum", localstack(moreS3, test, "put-wrong-checksum-no-b64", "2026-02-21"),
				nil, put("a1b2c3d4"), 400, "InvalidRequest", invalid),
			s3Fails("PutObject/"+string(alg)+" of other data", localstack(moreS3, test, "put-wrong-checksum-value", "2026-02-21"),
				nil, put(wrong[alg]), 400, "BadDigest", mismatch),
			s3Fails("UploadPart/"+string(alg)+" header not a checksum", localstack(moreS3, mpuTest, "put-wrong-checksum-no-b64", "2026-02-21"),
				nil, part("a1b2c3d4"), 400, "InvalidRequest", invalid),
			s3Fails("UploadPart/"+string(alg)+" of other data", localstack(moreS3, mpuTest, "put-wrong-checksum-value", "2026-02-21"),
				nil, part(wrong[alg]), 400, "BadDigest", mismatch),
		)
	}
	Run(t, cases)
}

// TestS3MoreVersions: reads and writes that meet a delete marker or a
// version that is not there.
func TestS3MoreVersions(t *testing.T) {
	const k = "test-delete"
	delAPI := "TestS3ObjectCRUD::test_delete_object_versioned"
	aclTest := "TestS3::test_put_object_acl_on_delete_marker"
	markerSteps := s3Steps(versionedOps, putKey(k, "test-delete"), deleteKey(k))
	aclSteps := append(append([]s3Setup{}, aclsAllowed...), markerSteps...)
	Run(t, []Case{
		s3Fails("GetObject/latest is a delete marker", localstack(moreAPI, delAPI, "get-deleted-object", "2026-02-21"), markerSteps,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(k)})
			}, 404, "NoSuchKey", msgNoSuchKey),
		s3Fails("GetObject/version id of a delete marker", localstack(moreAPI, delAPI, "get-delete-marker", "2026-02-21"), markerSteps,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, err := latestVersion(ctx, c, k, true)
				if err != nil {
					return nil, err
				}
				return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: id})
			}, 405, "MethodNotAllowed", msgMethodNotAllw),
		s3Fails("GetObject/version deleted", localstack(moreAPI, delAPI, "get-deleted-object-with-version", "2026-02-21"),
			s3Steps(versionedOps, putKey(k, "test-delete")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, err := latestVersion(ctx, c, k, false)
				if err != nil {
					return nil, err
				}
				if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: id}); err != nil {
					return nil, err
				}
				return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: id})
			}, 404, "NoSuchVersion", "The specified version does not exist."),
		s3Fails("DeleteObject/malformed version id", localstack(moreAPI, delAPI, "delete-with-bad-version", "2026-02-21"), markerSteps,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: aws.String("HPniJFCxqTsMuIH9KX8K8wEjNUgmABCD")})
			}, 400, "InvalidArgument", "Invalid version id specified"),
		s3Fails("GetObject/latest is a delete marker (get_object_after_deleted)",
			localstack(moreS3, "TestS3::test_get_object_after_deleted_in_versioned_bucket", "get-object-after-delete", "2026-02-21"), markerSteps,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(k)})
			}, 404, "NoSuchKey", msgNoSuchKey),
		s3Fails("PutObjectAcl/latest is a delete marker", localstack(moreS3, aclTest, "put-acl-delete-marker", "2026-02-21"), aclSteps,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(b), Key: aws.String(k), ACL: types.ObjectCannedACLPublicRead})
			}, 405, "MethodNotAllowed", msgMethodNotAllw),
		s3Fails("GetObjectAcl/latest is a delete marker", localstack(moreS3, aclTest, "get-acl-delete-marker", "2026-02-21"), aclSteps,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(b), Key: aws.String(k)})
			}, 404, "NoSuchKey", msgNoSuchKey),
		s3Fails("PutObjectAcl/version id of a delete marker", localstack(moreS3, aclTest, "put-acl-delete-marker-version-id", "2026-02-21"), aclSteps,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, err := latestVersion(ctx, c, k, true)
				if err != nil {
					return nil, err
				}
				return c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: id, ACL: types.ObjectCannedACLPublicRead})
			}, 405, "MethodNotAllowed", msgMethodNotAllw),
		s3Fails("GetObjectAcl/version id of a delete marker", localstack(moreS3, aclTest, "get-acl-delete-marker-version-id", "2026-02-21"), aclSteps,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, err := latestVersion(ctx, c, k, true)
				if err != nil {
					return nil, err
				}
				return c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: id})
			}, 405, "MethodNotAllowed", msgMethodNotAllw),
		s3Fails("GetObjectAttributes/latest is a delete marker",
			localstack(moreS3, "TestS3::test_get_object_attributes_versioned", "deleted-object-attrs", "2026-02-21"), markerSteps,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: aws.String(k),
					ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesStorageClass, types.ObjectAttributesEtag, types.ObjectAttributesObjectSize}})
			}, 404, "NoSuchKey", msgNoSuchKey),
		s3Fails("DeleteBucket/only a delete marker left",
			localstack(moreAPI, "TestS3BucketCRUD::test_delete_versioned_bucket_with_objects", "delete-with-only-delete-marker", "2026-02-21"),
			s3Steps(versionedOps, putKey(k, "x"), func(ctx context.Context, c *s3.Client) error {
				id, err := latestVersion(ctx, c, k, false)
				if err != nil {
					return err
				}
				if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), VersionId: id}); err != nil {
					return err
				}
				_, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k)})
				return err
			}),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(b)})
			}, 409, "BucketNotEmpty", "The bucket you tried to delete is not empty. You must delete all versions in the bucket."),
		s3Fails("DeleteBucket/object and delete marker",
			localstack(moreAPI, "TestS3BucketCRUD::test_delete_versioned_bucket_with_objects", "delete-with-obj-and-delete-marker", "2026-02-21"),
			markerSteps,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(b)})
			}, 409, "BucketNotEmpty", "The bucket you tried to delete is not empty. You must delete all versions in the bucket."),
		s3Fails("DeleteBucket/unversioned with an object",
			localstack(moreAPI, "TestS3BucketCRUD::test_delete_bucket_with_objects", "delete-with-obj", "2026-02-21"),
			s3Steps(putKey(k, "x")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(b)})
			}, 409, "BucketNotEmpty", "The bucket you tried to delete is not empty"),
	})
}

// TestS3MorePreconditions: conditional reads and writes AWS refuses.
func TestS3MorePreconditions(t *testing.T) {
	const k = "test-precondition"
	wp := "TestS3ObjectWritePrecondition::"
	earlier := time.Now().Add(-24 * time.Hour)
	copyFrom := func(edit func(*s3.CopyObjectInput)) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("dest-object"), CopySource: aws.String(b + "/" + k)}
			edit(in)
			return c.CopyObject(ctx, in)
		}
	}
	etagOf := func(ctx context.Context, c *s3.Client, key string) *string {
		h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(key)})
		if err != nil {
			return aws.String("head failed: " + err.Error())
		}
		return h.ETag
	}
	Run(t, []Case{
		s3Fails("GetObject/If-Match another ETag", localstack(moreS3, "TestS3::test_precondition_failed_error", "get-object-if-match", "2026-02-21"),
			s3Steps(putKey("foo", `{"foo": "bar"}`)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("foo"), IfMatch: aws.String(`"not good etag"`)})
			}, 412, "PreconditionFailed", msgPrecondition),
		s3Fails("PutObject/If-None-Match an ETag", localstack(moreAPI, wp+"test_put_object_if_none_match_validation", "put-obj-if-none-match-bad-value", "2026-02-21"),
			s3Steps(putKey(k, "")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k), IfNoneMatch: etagOf(ctx, c, k)})
			}, 501, "NotImplemented", msgNotImpl),
		s3Fails("PutObject/If-None-Match * on an existing key", localstack(moreAPI, wp+"test_put_object_if_none_match", "put-obj-if-none-match", "2026-02-21"),
			s3Steps(putKey(k, "test")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k), Body: strings.NewReader("test"), IfNoneMatch: aws.String("*")})
			}, 412, "PreconditionFailed", msgPrecondition),
		s3Fails("PutObject/If-None-Match * versioned", localstack(moreAPI, wp+"test_put_object_if_none_match_versioned_bucket", "put-obj-if-none-match", "2026-02-21"),
			s3Steps(versionedOps, putKey(k, "test")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k), Body: strings.NewReader("test"), IfNoneMatch: aws.String("*")})
			}, 412, "PreconditionFailed", msgPrecondition),
		s3Fails("PutObject/If-Match wrong ETag", localstack(moreAPI, wp+"test_put_object_if_match", "put-obj-if-match-wrong-etag", "2026-02-21"),
			s3Steps(putKey(k, "test")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k), Body: strings.NewReader("x"), IfMatch: aws.String(`"abcdef"`)})
			}, 412, "PreconditionFailed", msgPrecondition),
		s3Fails("PutObject/If-Match on a missing key", localstack(moreAPI, wp+"test_put_object_if_match", "put-obj-if-match-key-not-exists", "2026-02-21"),
			nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("missing"), Body: strings.NewReader("x"), IfMatch: aws.String(`"abcdef"`)})
			}, 404, "NoSuchKey", msgNoSuchKey),
		s3Fails("PutObject/If-Match unquoted wrong ETag versioned", localstack(moreAPI, wp+"test_put_object_if_match_versioned_bucket", "put-obj-if-none-match-bad-value", "2026-02-21"),
			s3Steps(versionedOps, putKey(k, "test")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k), IfMatch: aws.String("abcdef")})
			}, 412, "PreconditionFailed", msgPrecondition),
		s3Fails("PutObject/If-Match when the latest is a delete marker", localstack(moreAPI, wp+"test_put_object_if_match_versioned_bucket", "put-obj-after-del-exc", "2026-02-21"),
			s3Steps(versionedOps, putKey(k, "test")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				etag := etagOf(ctx, c, k)
				if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(k)}); err != nil {
					return nil, err
				}
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k), IfMatch: etag})
			}, 404, "NoSuchKey", msgNoSuchKey),
		s3Fails("DeleteObject/If-Match-Last-Modified-Time", localstack(moreAPI, "TestS3DeletePrecondition::test_delete_object_if_match_modified_non_express", "delete-obj-if-match-last-modified", "2026-02-21"),
			s3Steps(putKey(k, "")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(k), IfMatchLastModifiedTime: aws.Time(earlier)})
			}, 501, "NotImplemented", msgNotImpl),
		s3Fails("DeleteObject/If-Match, size and last-modified", localstack(moreAPI, "TestS3DeletePrecondition::test_delete_object_if_match_all_non_express", "delete-obj-if-match-all", "2026-02-21"),
			s3Steps(putKey(k, "")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(k), IfMatchLastModifiedTime: aws.Time(earlier),
					IfMatchSize: aws.Int64(10), IfMatch: aws.String("badvalue")})
			}, 501, "NotImplemented", msgNotImpl),
		s3Fails("CopyObject/If-None-Match an ETag", localstack(moreAPI, wp+"test_copy_object_precondition_write_validation", "copy-obj-none-match-etag", "2026-02-21"),
			s3Steps(putKey(k, "source content")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				etag := etagOf(ctx, c, k)
				return copyFrom(func(in *s3.CopyObjectInput) { in.IfNoneMatch = etag })(ctx, c, b)
			}, 501, "NotImplemented", msgNotImpl),
		s3Fails("CopyObject/If-Match *", localstack(moreAPI, wp+"test_copy_object_precondition_write_validation", "copy-obj-if-match-star", "2026-02-21"),
			s3Steps(putKey(k, "source content")),
			copyFrom(func(in *s3.CopyObjectInput) { in.IfMatch = aws.String("*") }), 501, "NotImplemented", msgNotImpl),
		s3Fails("CopyObject/If-Match * and If-None-Match an ETag", localstack(moreAPI, wp+"test_copy_object_precondition_write_validation", "copy-obj-both", "2026-02-21"),
			s3Steps(putKey(k, "source content")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				etag := etagOf(ctx, c, k)
				return copyFrom(func(in *s3.CopyObjectInput) { in.IfMatch, in.IfNoneMatch = aws.String("*"), etag })(ctx, c, b)
			}, 501, "NotImplemented", msgNotImpl),
		s3Fails("CopyObject/If-None-Match * onto itself", localstack(moreAPI, wp+"test_copy_object_if_none_match_in_place", "copy-obj-if-none-match-fail", "2026-02-21"),
			s3Steps(putKey(k, "source content")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(k), CopySource: aws.String(b + "/" + k),
					IfNoneMatch: aws.String("*"), MetadataDirective: types.MetadataDirectiveReplace})
			}, 412, "PreconditionFailed", msgPrecondition),
		s3Fails("CopyObject/If-None-Match * versioned destination", localstack(moreAPI, wp+"test_copy_object_if_none_match_versioned_bucket", "copy-obj-if-none-match-fail", "2026-02-21"),
			s3Steps(versionedOps, putKey(k, "source content"), putKey("dest-object", "dest")),
			copyFrom(func(in *s3.CopyObjectInput) { in.IfNoneMatch = aws.String("*") }), 412, "PreconditionFailed", msgPrecondition),
		s3Fails("CopyObject/If-Match after the destination was deleted", localstack(moreAPI, wp+"test_copy_object_if_match_versioned_bucket", "copy-obj-after-del-exc", "2026-02-21"),
			s3Steps(versionedOps, putKey(k, "source content"), putKey("dest-object", "dest")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				etag := etagOf(ctx, c, "dest-object")
				if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String("dest-object")}); err != nil {
					return nil, err
				}
				return copyFrom(func(in *s3.CopyObjectInput) { in.IfMatch = etag })(ctx, c, b)
			}, 404, "NoSuchKey", msgNoSuchKey),
		s3Fails("CopyObject/If-Match wrong ETag versioned", localstack(moreAPI, wp+"test_copy_object_if_match_versioned_bucket", "copy-obj-if-match-wrong-etag", "2026-02-21"),
			s3Steps(versionedOps, putKey(k, "source content"), putKey("dest-object", "dest")),
			copyFrom(func(in *s3.CopyObjectInput) { in.IfMatch = aws.String(`"abcdef"`) }), 412, "PreconditionFailed", msgPrecondition),
	})
}

// TestS3MoreMultipart: CompleteMultipartUpload and UploadPartCopy errors.
func TestS3MoreMultipart(t *testing.T) {
	complete := func(ctx context.Context, c *s3.Client, id *string, parts []types.CompletedPart, size *int64) (any, error) {
		in := &s3.CompleteMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String("k"), UploadId: id, MpuObjectSize: size}
		if parts != nil {
			in.MultipartUpload = &types.CompletedMultipartUpload{Parts: parts}
		}
		return c.CompleteMultipartUpload(ctx, in)
	}
	partCopy := func(edit func(*s3.UploadPartCopyInput)) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("k")})
			if err != nil {
				return nil, err
			}
			in := &s3.UploadPartCopyInput{Bucket: aws.String(b), Key: aws.String("k"), UploadId: mpu.UploadId, PartNumber: aws.Int32(1),
				CopySource: aws.String(b + "/src")}
			edit(in)
			return c.UploadPartCopy(ctx, in)
		}
	}
	mp := "TestS3Multipart::"
	past := time.Now().Add(-24 * time.Hour)
	Run(t, []Case{
		s3Fails("CompleteMultipartUpload/no parts listed", localstack(moreS3, "TestS3::test_multipart_complete_multipart_too_small", "complete-exc-no-parts", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, _, err := uploadWithParts(ctx, c, "data", "data")
				if err != nil {
					return nil, err
				}
				return complete(ctx, c, id, nil, nil)
			}, 400, "InvalidRequest", "You must specify at least one part"),
		s3Fails("CompleteMultipartUpload/first part too small", localstack(moreS3, "TestS3::test_multipart_complete_multipart_too_small", "complete-exc-too-small", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, parts, err := uploadWithParts(ctx, c, "data", "data")
				if err != nil {
					return nil, err
				}
				return complete(ctx, c, id, parts, nil)
			}, 400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size"),
		s3Fails("CompleteMultipartUpload/part number not uploaded", localstack(moreS3, "TestS3::test_multipart_complete_multipart_wrong_part", "complete-exc-wrong-part-number", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, parts, err := uploadWithParts(ctx, c, "data")
				if err != nil {
					return nil, err
				}
				parts[0].PartNumber = aws.Int32(2)
				return complete(ctx, c, id, parts, nil)
			}, 400, "InvalidPart", msgInvalidPart),
		s3Fails("CompleteMultipartUpload/wrong part ETag", localstack(moreS3, "TestS3::test_multipart_complete_multipart_wrong_part", "complete-exc-wrong-etag", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, parts, err := uploadWithParts(ctx, c, "data")
				if err != nil {
					return nil, err
				}
				parts[0].ETag = aws.String("d41d8cd98f00b204e9800998ecf8427e")
				return complete(ctx, c, id, parts, nil)
			}, 400, "InvalidPart", msgInvalidPart),
		s3Fails("CompleteMultipartUpload/x-amz-mp-object-size mismatch", localstack(moreS3, mpuChecksumTest+"test_multipart_size_validation", "complete-multipart-wrong-size", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, parts, err := uploadWithParts(ctx, c, "aaaa")
				if err != nil {
					return nil, err
				}
				return complete(ctx, c, id, parts, aws.Int64(5))
			}, 400, "InvalidRequest", "The provided 'x-amz-mp-object-size' header value 5 does not match what was computed: 4"),
		s3Fails("UploadPartCopy/If-Match fails", localstack(moreAPI, mp+"test_upload_part_copy_with_copy_source_if_match_failed", "upload-part-copy-source-if-match", "2026-02-21"),
			s3Steps(putKey("src", "data")), partCopy(func(in *s3.UploadPartCopyInput) { in.CopySourceIfMatch = aws.String(`"abcdef"`) }),
			412, "PreconditionFailed", msgPrecondition),
		s3Fails("UploadPartCopy/If-None-Match the ETag", localstack(moreAPI, mp+"test_upload_part_copy_with_copy_source_if_none_match_failed", "upload-part-copy-source-if-none-match", "2026-02-21"),
			s3Steps(putKey("src", "data")), partCopy(func(in *s3.UploadPartCopyInput) {
				in.CopySourceIfNoneMatch = aws.String(`"8d777f385d3dfec8815d20f7496026dc"`)
			}),
			412, "PreconditionFailed", msgPrecondition),
		s3Fails("UploadPartCopy/If-Unmodified-Since in the past", localstack(moreAPI, mp+"test_upload_part_copy_with_copy_source_if_unmodified_since_match_failed", "upload-part-copy-source-unmodified-since-match", "2026-02-21"),
			s3Steps(putKey("src", "data")), partCopy(func(in *s3.UploadPartCopyInput) { in.CopySourceIfUnmodifiedSince = aws.Time(past) }),
			412, "PreconditionFailed", msgPrecondition),
		// AWS recorded a copy with If-Modified-Since "now", a second after the
		// source was written; its Last-Modified time itself is as unmodified.
		s3Fails("UploadPartCopy/If-Modified-Since its Last-Modified", localstack(moreAPI, mp+"test_upload_part_copy_with_if_modified_since_failed", "upload-part-copy-source-modified-since-match", "2026-02-21"),
			s3Steps(putKey("src", "data")), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("src")})
				if err != nil {
					return nil, err
				}
				return partCopy(func(in *s3.UploadPartCopyInput) { in.CopySourceIfModifiedSince = h.LastModified })(ctx, c, b)
			},
			412, "PreconditionFailed", msgPrecondition),
		s3Fails("UploadPartCopy/If-None-Match the ETag and If-Unmodified-Since in the past",
			localstack(moreAPI, mp+"test_upload_part_copy_with_copy_source_if_none_match_and_if_unmodified_since_match_failed", "upload-part-copy-source-unmodified-since-and-if-none-match", "2026-02-21"),
			s3Steps(putKey("src", "data")), partCopy(func(in *s3.UploadPartCopyInput) {
				in.CopySourceIfNoneMatch, in.CopySourceIfUnmodifiedSince = aws.String(`"8d777f385d3dfec8815d20f7496026dc"`), aws.Time(past)
			}),
			412, "PreconditionFailed", msgPrecondition),
	})
}

// TestS3MoreObjects: copies, ranges and headers refused.
func TestS3MoreObjects(t *testing.T) {
	inPlace := "TestS3::test_s3_copy_object_in_place"
	rangeGet := func(r string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-key-range"), Range: aws.String(r)})
		}
	}
	Run(t, []Case{
		s3Fails("CopyObject/onto itself unchanged", localstack(moreS3, inPlace, "copy-object-in-place-no-change", "2026-02-21"),
			s3Steps(putKey("source-object", `{"key": "value"}`)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"), CopySource: aws.String(b + "/source-object")})
			}, 400, "InvalidRequest", msgCopyInPlace),
		s3Fails("CopyObject/onto itself with only an ACL", localstack(moreS3, inPlace, "copy-object-in-place-with-acl", "2026-02-21"),
			append(append([]s3Setup{}, aclsAllowed...), putKey("source-object", `{"key": "value"}`)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"), CopySource: aws.String(b + "/source-object"),
					ACL: types.ObjectCannedACLPublicRead})
			}, 400, "InvalidRequest", msgCopyInPlace),
		s3Fails("CopyObject/onto itself in a versioned bucket", localstack(moreS3, "TestS3::test_s3_copy_object_in_place_versioned", "copy-object-in-place-no-change", "2026-02-21"),
			s3Steps(versionedOps, putKey("source-object", `{"key": "value"}`)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"), CopySource: aws.String(b + "/source-object")})
			}, 400, "InvalidRequest", msgCopyInPlace),
		s3Fails("CopyObject/copy source without a key", localstack(moreS3, "TestS3::test_s3_copy_object_wrong_format", "copy-object-wrong-copy-source", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("destination-key"), CopySource: aws.String("wrongformat")})
			}, 400, "InvalidArgument", "Invalid copy source object key"),
		s3Fails("GetObject/range bytes=-0", localstack(moreAPI, "TestS3ObjectCRUD::test_get_object_range", "get--0", "2026-02-21"),
			s3Steps(putKey("test-key-range", "0123456789")), rangeGet("bytes=-0"), 416, "InvalidRange", msgInvalidRange),
		s3Fails("GetObject/range past the end", localstack(moreAPI, "TestS3ObjectCRUD::test_get_object_range", "get-100-200", "2026-02-21"),
			s3Steps(putKey("test-key-range", "0123456789")), rangeGet("bytes=100-200"), 416, "InvalidRange", msgInvalidRange),
		s3OK("GetObject/range bytes=1-0 is ignored", localstack(moreAPI, "TestS3ObjectCRUD::test_get_object_range", "get-1-0", "2026-02-21"),
			s3Steps(putKey("test-key-range", "0123456789")), rangeGet("bytes=1-0"), map[string]any{"ContentLength": 10, "ContentRange": Absent, "ChecksumCRC32": Present}),
		partial(s3OK("GetObject/range bytes=-15 is the whole object", localstack(moreAPI, "TestS3ObjectCRUD::test_get_object_range", "get--15", "2026-02-21"),
			s3Steps(putKey("test-key-range", "0123456789")), rangeGet("bytes=-15"), map[string]any{"ContentLength": 10, "ContentRange": "bytes 0-9/10", "ChecksumCRC32": Present})),
		partial(s3OK("GetObject/range bytes=0-100 is cut at the end", localstack(moreAPI, "TestS3ObjectCRUD::test_get_object_range", "get-0-100", "2026-02-21"),
			s3Steps(putKey("test-key-range", "0123456789")), rangeGet("bytes=0-100"), map[string]any{"ContentLength": 10, "ContentRange": "bytes 0-9/10", "ChecksumCRC32": Present})),
		s3OK("GetObject/several ranges are ignored", localstack(moreAPI, "TestS3ObjectCRUD::test_get_object_range", "get-multiple-ranges", "2026-02-21"),
			s3Steps(putKey("test-key-range", "0123456789")), rangeGet("bytes=0-1,3-4,7-9"), map[string]any{"ContentLength": 10, "ContentRange": Absent, "ChecksumCRC32": Present}),
		s3OK("GetObject/range without bytes= is ignored", localstack(moreAPI, "TestS3ObjectCRUD::test_get_object_range", "get-wrong-format", "2026-02-21"),
			s3Steps(putKey("test-key-range", "0123456789")), rangeGet("0-1"), map[string]any{"ContentLength": 10, "ContentRange": Absent, "ChecksumCRC32": Present}),
		s3OK("GetObject/range bytes=- is ignored", localstack(moreAPI, "TestS3ObjectCRUD::test_get_object_range", "get--", "2026-02-21"),
			s3Steps(putKey("test-key-range", "0123456789")), rangeGet("bytes=-"), map[string]any{"ContentLength": 10, "ContentRange": Absent, "ChecksumCRC32": Present}),
		s3OK("GetObject/range bytes=0--1 is ignored", localstack(moreAPI, "TestS3ObjectCRUD::test_get_object_range", "get-0--1", "2026-02-21"),
			s3Steps(putKey("test-key-range", "0123456789")), rangeGet("bytes=0--1"), map[string]any{"ContentLength": 10, "ContentRange": Absent, "ChecksumCRC32": Present}),
		s3OK("GetObject/range bytes=-1- is ignored", localstack(moreAPI, "TestS3ObjectCRUD::test_get_object_range", "get--1-", "2026-02-21"),
			s3Steps(putKey("test-key-range", "0123456789")), rangeGet("bytes=-1-"), map[string]any{"ContentLength": 10, "ContentRange": Absent, "ChecksumCRC32": Present}),
		s3Fails("DeleteObject/bypass governance on a bucket without Object Lock", localstack(moreAPI, "TestS3ObjectLock::test_delete_object_with_no_locking", "delete-object-bypass-no-lock", "2026-02-21"),
			s3Steps(putKey("test-delete-no-lock", "test")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String("test-delete-no-lock"), BypassGovernanceRetention: aws.Bool(true)})
			}, 400, "InvalidArgument", msgBypassNoLock),
		s3Fails("DeleteObject/bypass governance false on a bucket without Object Lock", localstack(moreAPI, "TestS3ObjectLock::test_delete_object_with_no_locking", "delete-object-bypass-no-lock-false", "2026-02-21"),
			s3Steps(putKey("test-delete-no-lock", "test")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String("test-delete-no-lock"), BypassGovernanceRetention: aws.Bool(false)})
			}, 400, "InvalidArgument", msgBypassNoLock),
		s3Fails("DeleteObjects/bypass governance on a bucket without Object Lock", localstack(moreAPI, "TestS3ObjectLock::test_delete_object_with_no_locking", "delete-objects-bypass-no-lock", "2026-02-21"),
			s3Steps(putKey("test-delete-no-lock", "test")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(b), BypassGovernanceRetention: aws.Bool(true),
					Delete: &types.Delete{Objects: []types.ObjectIdentifier{{Key: aws.String("test-delete-no-lock")}}}})
			}, 400, "InvalidArgument", msgBypassNoLock),
		s3Fails("HeadObject/no such key", localstack(moreS3, "TestS3::test_head_object_fields", "head-object-404", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("doesnotexist")})
			}, 404, "NotFound", ""),
		s3Fails("GetObject/key differs in case", localstack(moreS3, "TestS3::test_s3_uppercase_key_names", "wrong-case-key", "2026-02-21"),
			s3Steps(putKey("camelCaseKey", "something")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("camelcasekey")})
			}, 404, "NoSuchKey", msgNoSuchKey),
	})
}

// TestS3MoreListing: listing parameters AWS refuses.
func TestS3MoreListing(t *testing.T) {
	enc := "TestS3ListObjectsV2::test_list_ops_encoding_type_validation"
	raw := func(query string) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return w.Signed(ctx, Root(owner), http.MethodGet, "/"+opsBucket+"?"+query, nil, nil)
		}
	}
	var cases []Case
	for _, op := range []struct{ name, param, query string }{
		{"ListObjectsV2", "list_objects_v2", "list-type=2&"},
		{"ListObjects", "list_objects", ""},
		{"ListObjectVersions", "list_object_versions", "versions&"},
		{"ListMultipartUploads", "list_multipart_uploads", "uploads&"},
	} {
		src := enc + "[" + op.param + "]"
		cases = append(cases, Case{Name: op.name + "/encoding-type not url", Source: localstack(moreList, src, op.param+"-error-wrong-value", "2026-02-21"),
			Setup: withBucket(opsBucket), Call: raw(op.query + "encoding-type=value"),
			Want: Want{Status: 400, Code: "InvalidArgument", Message: msgBadEncoding}},
			Case{Name: op.name + "/encoding-type empty", Source: localstack(moreList, src, op.param+"-error-empty-value", "2026-02-21"),
				Setup: withBucket(opsBucket), Call: raw(op.query + "encoding-type="),
				Want: Want{Status: 400, Code: "InvalidArgument", Message: msgBadEncoding}})
	}
	cases = append(cases,
		s3Fails("ListObjectsV2/continuation token not one of ours",
			localstack(moreList, "TestS3ListObjectsV2::test_list_objects_v2_continuation_start_after", "exc-continuation-token", "2026-02-21"),
			s3Steps(putKey("a", "x"), putKey("b", "x")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b), ContinuationToken: aws.String("dummy")})
			}, 400, "InvalidArgument", "The continuation token provided is incorrect"),
		s3Fails("ListObjectVersions/version-id-marker without key-marker",
			localstack(moreList, "TestS3ListObjectVersions::test_list_objects_versions_markers", "list-objects-next-version-only", "2026-02-21"),
			s3Steps(versionedOps, putKey("a", "x")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, err := latestVersion(ctx, c, "a", false)
				if err != nil {
					return nil, err
				}
				return c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b), VersionIdMarker: id})
			}, 400, "InvalidArgument", "A version-id marker cannot be specified without a key marker."),
		s3Fails("ListMultipartUploads/upload-id-marker not of key-marker's key",
			localstack(moreList, "TestS3ListMultipartUploads::test_list_multiparts_next_marker", "list-multiparts-wrong-id-for-key", "2026-02-21"),
			nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				var ids []*string
				for _, k := range []string{"test_file", "test_file_2"} {
					mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(k)})
					if err != nil {
						return nil, err
					}
					ids = append(ids, mpu.UploadId)
				}
				return c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(b), KeyMarker: aws.String("test_file"), UploadIdMarker: ids[1], MaxUploads: aws.Int32(1)})
			}, 400, "InvalidArgument", "Invalid uploadId marker"),
	)
	Run(t, cases)
}

// lockedOps is opsBucket made with Object Lock enabled (and so
// versioning) holding key with body "test".
func lockedOps(key string) func(ctx context.Context, t *testing.T, w *World) {
	return func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		c := w.S3(Root(owner))
		if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(opsBucket), ObjectLockEnabledForBucket: aws.Bool(true)}); err != nil {
			t.Fatalf("set-up CreateBucket with Object Lock: %v", err)
		}
		object(ctx, t, w, opsBucket, key, "test")
	}
}

// onOps runs call on opsBucket as owner.
func onOps(call s3Call) func(ctx context.Context, w *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) { return call(ctx, w.S3(Root(owner)), opsBucket) }
}

// TestS3MoreObjectLock: Object Lock configuration, retention and legal
// hold answers.
func TestS3MoreObjectLock(t *testing.T) {
	const k = "default-object"
	lockTest := "TestS3ObjectLock::test_put_object_lock_configuration_exc"
	putConfig := func(cfg *types.ObjectLockConfiguration) func(ctx context.Context, w *World) (any, error) {
		return onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(b), ObjectLockConfiguration: cfg})
		})
	}
	malformed := Want{Status: 400, Code: "MalformedXML", Message: msgMalformedXML}
	retain := func(d time.Duration) *time.Time { return aws.Time(time.Now().Add(d).UTC().Truncate(time.Second)) }
	setRetention := func(ctx context.Context, c *s3.Client, mode types.ObjectLockRetentionMode, until *time.Time) error {
		_, err := c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(opsBucket), Key: aws.String(k),
			Retention: &types.ObjectLockRetention{Mode: mode, RetainUntilDate: until}})
		return err
	}
	marker := func(ctx context.Context, c *s3.Client) (*string, error) {
		d, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k)})
		if err != nil {
			return nil, err
		}
		return d.VersionId, nil
	}
	cases := []Case{
		{Name: "PutObjectLockConfiguration/rule without ObjectLockEnabled", Source: localstack(moreAPI, lockTest, "put-lock-config-no-enabled", "2026-02-21"),
			Setup: lockedOps(k), Call: putConfig(&types.ObjectLockConfiguration{Rule: &types.ObjectLockRule{
				DefaultRetention: &types.DefaultRetention{Mode: types.ObjectLockRetentionModeGovernance, Days: aws.Int32(1)}}}), Want: malformed},
		{Name: "PutObjectLockConfiguration/empty", Source: localstack(moreAPI, lockTest, "put-lock-config-empty", "2026-02-21"),
			Setup: lockedOps(k), Call: putConfig(&types.ObjectLockConfiguration{}), Want: malformed},
		{Name: "PutObjectLockConfiguration/empty rule", Source: localstack(moreAPI, lockTest, "put-lock-config-empty-rule", "2026-02-21"),
			Setup: lockedOps(k), Call: putConfig(&types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled, Rule: &types.ObjectLockRule{}}), Want: malformed},
		{Name: "PutObjectLockConfiguration/empty default retention", Source: localstack(moreAPI, lockTest, "put-lock-config-empty-retention", "2026-02-21"),
			Setup: lockedOps(k), Call: putConfig(&types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled,
				Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{}}}), Want: malformed},
		{Name: "PutObjectLockConfiguration/mode without days", Source: localstack(moreAPI, lockTest, "put-lock-config-no-days", "2026-02-21"),
			Setup: lockedOps(k), Call: putConfig(&types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled,
				Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{Mode: types.ObjectLockRetentionModeGovernance}}}), Want: malformed},
		{Name: "PutObjectLockConfiguration/unknown mode", Source: localstack(moreAPI, lockTest, "put-lock-config-bad-mode", "2026-02-21"),
			Setup: lockedOps(k), Call: putConfig(&types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled,
				Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{Mode: "BAD-VALUE", Days: aws.Int32(1)}}}), Want: malformed},
		{Name: "PutObjectLockConfiguration/days and years", Source: localstack(moreAPI, lockTest, "put-lock-config-both-days-years", "2026-02-21"),
			Setup: lockedOps(k), Call: putConfig(&types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled,
				Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{Mode: types.ObjectLockRetentionModeGovernance, Days: aws.Int32(1), Years: aws.Int32(1)}}}), Want: malformed},
		{Name: "GetObjectLockConfiguration/bucket without Object Lock", Source: localstack(moreAPI, "TestS3ObjectLock::test_get_object_lock_configuration_exc", "get-lock-config-no-enabled", "2026-02-21"),
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String(b)})
			}), Want: Want{Status: 404, Code: "ObjectLockConfigurationNotFoundError", Message: "Object Lock configuration does not exist for this bucket"}},
		{Name: "PutObject/lock mode without a date under a default retention",
			Source: localstack(moreS3, "TestS3ObjectLockRetention::test_bucket_config_default_retention", "put-object-with-lock-no-date", "2026-02-21"),
			Setup:  lockedOps(k), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				if _, err := c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(b), ObjectLockConfiguration: &types.ObjectLockConfiguration{
					ObjectLockEnabled: types.ObjectLockEnabledEnabled, Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{
						Mode: types.ObjectLockRetentionModeGovernance, Days: aws.Int32(1)}}}}); err != nil {
					return nil, err
				}
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k + "2"), Body: strings.NewReader("test-put-object-lock"),
					ObjectLockMode: types.ObjectLockModeGovernance})
			}), Want: Want{Status: 400, Code: "InvalidArgument", Message: "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied"}},
		{Name: "PutObjectRetention/version id of a delete marker",
			Source: localstack(moreS3, "TestS3ObjectLockRetention::test_object_lock_delete_markers", "put-object-retention-delete-marker", "2026-02-21"),
			Setup:  lockedOps(k), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, err := marker(ctx, c)
				if err != nil {
					return nil, err
				}
				return c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: id,
					Retention: &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance, RetainUntilDate: aws.Time(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))}})
			}), Want: Want{Status: 405, Code: "MethodNotAllowed", Message: msgMethodNotAllw}},
		{Name: "GetObjectRetention/version id of a delete marker",
			Source: localstack(moreS3, "TestS3ObjectLockRetention::test_object_lock_delete_markers", "get-object-retention-delete-marker", "2026-02-21"),
			Setup:  lockedOps(k), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, err := marker(ctx, c)
				if err != nil {
					return nil, err
				}
				return c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: id})
			}), Want: Want{Status: 405, Code: "MethodNotAllowed", Message: msgMethodNotAllw}},
		{Name: "HeadObject/version id of a delete marker",
			Source: localstack(moreS3, "TestS3ObjectLockRetention::test_object_lock_delete_markers", "head-object-locked-delete-marker", "2026-02-21"),
			Setup:  lockedOps(k), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, err := marker(ctx, c)
				if err != nil {
					return nil, err
				}
				return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: id})
			}), Want: Want{Status: 405, Code: "MethodNotAllowed"}},
		{Name: "PutObjectRetention/shorter GOVERNANCE retention without bypass",
			Source: localstack(moreS3, "TestS3ObjectLockRetention::test_object_lock_extend_duration", "put-object-retention-reduce", "2026-02-21"),
			Setup:  lockedOps(k), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				if err := setRetention(ctx, c, types.ObjectLockRetentionModeGovernance, retain(20*time.Minute)); err != nil {
					return nil, err
				}
				return nil, setRetention(ctx, c, types.ObjectLockRetentionModeGovernance, retain(10*time.Minute))
			}), Want: Want{Status: 403, Code: "AccessDenied", Message: msgLockedObject}},
		{Name: "DeleteObject/version under legal hold",
			Source: localstack(moreS3, "TestS3ObjectLockLegalHold::test_delete_locked_object", "delete-object-locked", "2026-02-21"),
			Setup:  lockedOps(k), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, err := latestVersion(ctx, c, k, false)
				if err != nil {
					return nil, err
				}
				if _, err := c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: id,
					LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOn}}); err != nil {
					return nil, err
				}
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: id})
			}), Want: Want{Status: 403, Code: "AccessDenied", Message: msgLockedObject}},
		{Name: "DeleteObjects/version under legal hold",
			Source: localstack(moreS3, "TestS3ObjectLockLegalHold::test_delete_locked_object", "delete-objects-locked", "2026-02-21"),
			Setup:  lockedOps(k), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, err := latestVersion(ctx, c, k, false)
				if err != nil {
					return nil, err
				}
				if _, err := c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: id,
					LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOn}}); err != nil {
					return nil, err
				}
				return c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(b), Delete: &types.Delete{
					Objects: []types.ObjectIdentifier{{Key: aws.String(k), VersionId: id}}}})
			}), Want: Want{Fields: map[string]any{"Errors": Len(1), "Errors[0].Code": "AccessDenied", "Errors[0].Message": msgLockedObject,
				"Errors[0].Key": k, "Errors[0].VersionId": Present, "Deleted": Len(0)}}},
	}
	compliance := "TestS3ObjectLockRetention::test_s3_object_retention_compliance_mode"
	until := retain(time.Hour)
	underCompliance := func(then func(ctx context.Context, c *s3.Client, id *string) (any, error)) func(ctx context.Context, w *World) (any, error) {
		return onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			id, err := latestVersion(ctx, c, k, false)
			if err != nil {
				return nil, err
			}
			if err := setRetention(ctx, c, types.ObjectLockRetentionModeCompliance, until); err != nil {
				return nil, err
			}
			return then(ctx, c, id)
		})
	}
	lockedWant := Want{Status: 403, Code: "AccessDenied", Message: msgLockedObject}
	cases = append(cases,
		Case{Name: "DeleteObject/COMPLIANCE version", Source: localstack(moreS3, compliance, "delete-locked-1", "2026-02-21"), Setup: lockedOps(k),
			Call: underCompliance(func(ctx context.Context, c *s3.Client, id *string) (any, error) {
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), VersionId: id})
			}), Want: lockedWant},
		Case{Name: "DeleteObject/COMPLIANCE version with bypass", Source: localstack(moreS3, compliance, "delete-locked-2", "2026-02-21"), Setup: lockedOps(k),
			Call: underCompliance(func(ctx context.Context, c *s3.Client, id *string) (any, error) {
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), VersionId: id, BypassGovernanceRetention: aws.Bool(true)})
			}), Want: lockedWant},
		Case{Name: "PutObjectRetention/COMPLIANCE shortened", Source: localstack(moreS3, compliance, "update-retention-shortened", "2026-02-21"), Setup: lockedOps(k),
			Call: underCompliance(func(ctx context.Context, c *s3.Client, id *string) (any, error) {
				return c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(opsBucket), Key: aws.String(k), VersionId: id,
					Retention: &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeCompliance, RetainUntilDate: aws.Time(until.Add(-time.Second))}})
			}), Want: lockedWant},
		Case{Name: "PutObjectRetention/COMPLIANCE to GOVERNANCE", Source: localstack(moreS3, compliance, "update-retention-less-restrictive", "2026-02-21"), Setup: lockedOps(k),
			Call: underCompliance(func(ctx context.Context, c *s3.Client, id *string) (any, error) {
				return c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(opsBucket), Key: aws.String(k), VersionId: id,
					Retention: &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance, RetainUntilDate: aws.Time(until.Add(time.Second))}})
			}), Want: lockedWant},
	)
	Run(t, cases)
}

// TestS3MoreConfigValidation: bucket configurations AWS refuses.
func TestS3MoreConfigValidation(t *testing.T) {
	lc := "TestS3BucketLifecycle::test_put_bucket_lifecycle_conf_exc"
	putLC := func(rule types.LifecycleRule) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(b),
				LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{rule}}})
		}
	}
	days7 := &types.LifecycleExpiration{Days: aws.Int32(7)}
	enabled := types.ExpirationStatusEnabled
	putCORS := func(cfg *types.CORSConfiguration) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(b), CORSConfiguration: cfg})
		}
	}
	Run(t, []Case{
		s3Fails("PutBucketLifecycleConfiguration/rule without ID or Filter", localstack(moreS3, lc, "missing-id", "2026-02-21"), nil,
			putLC(types.LifecycleRule{Expiration: days7, Status: enabled}), 400, "MalformedXML", msgMalformedXML),
		s3Fails("PutBucketLifecycleConfiguration/rule without Filter", localstack(moreS3, lc, "missing-filter", "2026-02-21"), nil,
			putLC(types.LifecycleRule{Expiration: days7, ID: aws.String("wholebucket"), Status: enabled}), 400, "MalformedXML", msgMalformedXML),
		s3Fails("PutBucketLifecycleConfiguration/empty NoncurrentVersionExpiration", localstack(moreS3, lc, "missing-noncurrent-version-expiration-data", "2026-02-21"), nil,
			putLC(types.LifecycleRule{Expiration: days7, ID: aws.String("wholebucket"), Status: enabled, Filter: &types.LifecycleRuleFilter{},
				NoncurrentVersionExpiration: &types.NoncurrentVersionExpiration{}}), 400, "MalformedXML", msgMalformedXML),
		s3Fails("PutBucketLifecycleConfiguration/Filter with And and Prefix", localstack(moreS3, lc, "wrong-filter-and-plus-prefix", "2026-02-21"), nil,
			putLC(types.LifecycleRule{Expiration: days7, ID: aws.String("wholebucket"), Status: enabled, Filter: &types.LifecycleRuleFilter{
				And: &types.LifecycleRuleAndOperator{Prefix: aws.String("test")}, Prefix: aws.String("")}}), 400, "MalformedXML", msgMalformedXML),
		s3Fails("PutBucketLifecycleConfiguration/Filter with size and Prefix outside And", localstack(moreS3, lc, "wrong-filter-and-and-object-size", "2026-02-21"), nil,
			putLC(types.LifecycleRule{Expiration: days7, ID: aws.String("wholebucket"), Status: enabled, Filter: &types.LifecycleRuleFilter{
				ObjectSizeGreaterThan: aws.Int64(500), Prefix: aws.String("")}}), 400, "MalformedXML", msgMalformedXML),
		s3Fails("PutBucketLifecycleConfiguration/expiration date not at midnight", localstack(moreS3, lc, "wrong-data-no-midnight", "2026-02-21"), nil,
			putLC(types.LifecycleRule{Expiration: &types.LifecycleExpiration{Date: aws.Time(time.Date(2023, 1, 1, 2, 2, 0, 0, time.UTC))},
				ID: aws.String("wrong-data"), Status: enabled, Filter: &types.LifecycleRuleFilter{}}), 400, "InvalidArgument", "'Date' must be at midnight GMT"),
		s3Fails("PutBucketLifecycleConfiguration/duplicate tag keys", localstack(moreS3, lc, "duplicate-tag-keys", "2026-02-21"), nil,
			putLC(types.LifecycleRule{Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}, ID: aws.String("duplicate-tag-keys"), Status: enabled,
				Filter: &types.LifecycleRuleFilter{And: &types.LifecycleRuleAndOperator{Tags: []types.Tag{
					{Key: aws.String("testlifecycle"), Value: aws.String("positive")}, {Key: aws.String("testlifecycle"), Value: aws.String("positive-two")}}}}}),
			400, "InvalidRequest", "Duplicate Tag Keys are not allowed."),
		s3Fails("PutBucketLifecycleConfiguration/days and ExpiredObjectDeleteMarker", localstack(moreS3, lc, "expired-delete-marker-and-days", "2026-02-21"), nil,
			putLC(types.LifecycleRule{Expiration: &types.LifecycleExpiration{Days: aws.Int32(1), ExpiredObjectDeleteMarker: aws.Bool(true)},
				ID: aws.String("expired-delete-marker-and-days"), Status: enabled, Filter: &types.LifecycleRuleFilter{}}), 400, "MalformedXML", msgMalformedXML),
		s3Fails("GetBucketLifecycleConfiguration/after the bucket's lifecycle was deleted",
			localstack(moreS3, "TestS3BucketLifecycle::test_delete_lifecycle_configuration_on_bucket_deletion", "get-bucket-lifecycle-exc", "2026-02-21"),
			s3Steps(run(putLC(types.LifecycleRule{Expiration: days7, ID: aws.String("wholebucket"), Status: enabled, Filter: &types.LifecycleRuleFilter{Prefix: aws.String("")}})),
				run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
					return c.DeleteBucketLifecycle(ctx, &s3.DeleteBucketLifecycleInput{Bucket: aws.String(b)})
				})),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(b)})
			}, 404, "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist"),
		s3Fails("PutBucketCors/unknown method", localstack(moreCORS, "TestS3Cors::test_put_cors_invalid_rules", "put-cors-exc", "2023-07-31"), nil,
			putCORS(&types.CORSConfiguration{CORSRules: []types.CORSRule{{AllowedOrigins: []string{"*", "https://test.com"},
				AllowedMethods: []string{"GET", "PUT", "HEAD", "MYMETHOD"}}}}),
			400, "InvalidRequest", "Found unsupported HTTP method in CORS config. Unsupported method is MYMETHOD"),
		s3Fails("PutBucketCors/no rules", localstack(moreCORS, "TestS3Cors::test_put_cors_invalid_rules", "put-cors-exc-empty", "2023-07-31"), nil,
			putCORS(&types.CORSConfiguration{CORSRules: []types.CORSRule{}}), 400, "MalformedXML", msgMalformedXML),
		s3Fails("GetBucketCors/after delete", localstack(moreCORS, "TestS3Cors::test_delete_cors", "get-cors-deleted", "2023-07-31"),
			s3Steps(run(putCORS(corsRule)), run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteBucketCors(ctx, &s3.DeleteBucketCorsInput{Bucket: aws.String(b)})
			})),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String(b)})
			}, 404, "NoSuchCORSConfiguration", "The CORS configuration does not exist"),
		s3Fails("PutBucketRequestPayment/unknown payer", localstack(moreS3, "TestS3::test_s3_request_payer_exceptions", "wrong-payer-type", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketRequestPayment(ctx, &s3.PutBucketRequestPaymentInput{Bucket: aws.String(b),
					RequestPaymentConfiguration: &types.RequestPaymentConfiguration{Payer: "Random"}})
			}, 400, "MalformedXML", msgMalformedXML),
		{Name: "GetBucketTagging/after PutBucketTagging with no TagSet",
			Source: localstack(moreAPI, "TestS3BucketObjectTagging::test_put_bucket_tagging_none_value", "no-such-tag-set", "2026-02-23"),
			Setup:  withBucket(opsBucket),
			Call: func(ctx context.Context, w *World) (any, error) {
				c := w.S3(Root(owner))
				if _, err := c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(opsBucket),
					Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("tag3"), Value: aws.String("tag3")}}}}); err != nil {
					return nil, err
				}
				// botocore without parameter validation sends a Tagging element
				// without TagSet; aws-sdk-go-v2 refuses to, so it goes raw.
				body := `<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></Tagging>`
				sum := md5.Sum([]byte(body))
				resp, err := w.Signed(ctx, Root(owner), http.MethodPut, "/"+opsBucket+"?tagging", []byte(body), http.Header{"Content-Md5": {b64(sum[:])}})
				if err != nil {
					return nil, err
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusNoContent && resp.StatusCode != http.StatusOK {
					return nil, fmt.Errorf("PutBucketTagging without TagSet: status %d", resp.StatusCode)
				}
				return c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(opsBucket)})
			},
			Want: Want{Status: 404, Code: "NoSuchTagSet", Message: "The TagSet does not exist"}},
		s3Fails("GetBucketPolicy/never set", localstack(moreAPI, "TestS3BucketPolicy::test_bucket_policy_crud", "get-bucket-default-policy", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b)})
			}, 404, "NoSuchBucketPolicy", "The bucket policy does not exist"),
	})
}

// TestS3MoreLocationConstraint: CreateBucket's LocationConstraint against
// the Region of the endpoint the request was sent to (fakeaws: the SigV4
// signing Region).
func TestS3MoreLocationConstraint(t *testing.T) {
	dlc := "TestS3::test_different_location_constraint"
	illegal := func(lc string) string {
		return "The " + lc + " location constraint is incompatible for the region specific endpoint this request was sent to."
	}
	create := func(region, lc string) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			in := &s3.CreateBucketInput{Bucket: aws.String("golden-lc-new")}
			if lc != "" {
				in.CreateBucketConfiguration = &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(lc)}
			}
			return s3.NewFromConfig(w.ConfigIn(region, Root(owner)), func(o *s3.Options) { o.UsePathStyle = true }).CreateBucket(ctx, in)
		}
	}
	Run(t, []Case{
		{Name: "CreateBucket/us-east-2 endpoint without a constraint", Source: localstack(moreS3, dlc, "create-bucket-us-east-2-no-constraint-exc", "2026-02-23"),
			Call: create("us-east-2", ""), Want: Want{Status: 400, Code: "IllegalLocationConstraintException", Message: illegal("unspecified")}},
		{Name: "CreateBucket/us-east-2 endpoint, constraint us-west-1", Source: localstack(moreS3, dlc, "create-bucket-us-east-2-constraint-to-us-west-1", "2026-02-23"),
			Call: create("us-east-2", "us-west-1"), Want: Want{Status: 400, Code: "IllegalLocationConstraintException", Message: illegal("us-west-1")}},
		{Name: "CreateBucket/us-west-1 endpoint, constraint us-east-2", Source: localstack(moreS3, dlc, "create-bucket-us-west-1-constraint-to-us-east-2", "2026-02-23"),
			Call: create("us-west-1", "us-east-2"), Want: Want{Status: 400, Code: "IllegalLocationConstraintException", Message: illegal("us-east-2")}},
		{Name: "CreateBucket/us-west-1 endpoint, constraint us-east-1", Source: localstack(moreS3, dlc, "create-bucket-us-west-1-constraint-to-us-east-1", "2026-02-23"),
			Call: create("us-west-1", "us-east-1"), Want: Want{Status: 400, Code: "IllegalLocationConstraintException", Message: illegal("us-east-1")}},
		{Name: "CreateBucket/us-east-1 endpoint, constraint us-east-1", Source: localstack(moreS3, dlc, "create-bucket-constraint-us-east-1", "2026-02-23"),
			Call: create("us-east-1", "us-east-1"), Want: Want{Status: 400, Code: "InvalidLocationConstraint", Message: "The specified location-constraint is not valid"}},
		{Name: "CreateBucket/us-east-2 endpoint, constraint us-east-2", Source: localstack(moreS3, dlc, "get-bucket-location-bucket-us-east-2", "2026-02-23") + " (the bucket created before it)",
			Call: create("us-east-2", "us-east-2")},
		{Name: "CreateBucket/us-east-1 endpoint, constraint us-west-1", Source: localstack(moreS3, "TestS3::test_create_bucket_head_bucket", "create_bucket_location_constraint", "2026-02-21") +
			` (Location "http://<bucket-name:2>.<host>/", <host> standing for s3.amazonaws.com)`,
			Call: create("us-east-1", "us-west-1"), Want: Want{Fields: map[string]any{"Location": "http://golden-lc-new.s3.amazonaws.com/", "BucketArn": "arn:aws:s3:::golden-lc-new"}}},
		{Name: "CreateBucket/eu-west-1 endpoint, constraint bar", Source: localstack(moreS3, "TestS3::test_create_bucket_with_invalid_location_constraint[eu-west-1-bar]", "eu-west-1-location-constraint-bar-error", "2026-02-21"),
			Call: create("eu-west-1", "bar"), Want: Want{Status: 400, Code: "IllegalLocationConstraintException", Message: illegal("bar")}},
		{Name: "CreateBucket/us-east-2 endpoint, empty configuration", Source: localstack(moreS3, dlc, "create-bucket-constraint-us-east-2-with-None", "2026-02-23"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return s3.NewFromConfig(w.ConfigIn("us-east-2", Root(owner)), func(o *s3.Options) { o.UsePathStyle = true }).CreateBucket(ctx,
					&s3.CreateBucketInput{Bucket: aws.String("golden-lc-new"), CreateBucketConfiguration: &types.CreateBucketConfiguration{}})
			}, Want: Want{Status: 400, Code: "IllegalLocationConstraintException", Message: illegal("unspecified")}},
		{Name: "CreateBucket/us-west-1 endpoint, constraint aws-global", Source: localstack(moreS3, "TestS3::test_bucket_constraint_aws_global[us-west-1]", "aws-global-constraint", "2026-02-21"),
			Call: create("us-west-1", "aws-global"), Want: Want{Status: 400, Code: "IllegalLocationConstraintException", Message: illegal("aws-global")}},
		{Name: "CreateBucket/us-east-1 endpoint, constraint aws-global", Source: localstack(moreS3, "TestS3::test_bucket_constraint_aws_global[us-east-1]", "aws-global-constraint", "2026-02-21"),
			Call: create("us-east-1", "aws-global"), Want: Want{Status: 400, Code: "InvalidLocationConstraint", Message: "The specified location-constraint is not valid"}},
		{Name: "CreateBucket/us-east-2 endpoint, constraint EU", Source: localstack(moreS3, "TestS3::test_create_bucket_with_eu_location_constraint_raises", "eu-location-constraint-error", "2026-02-21"),
			Call: create("us-east-2", "EU"), Want: Want{Status: 400, Code: "IllegalLocationConstraintException", Message: illegal("EU")}},
		{Name: "CreateBucket/existing bucket, us-west-1", Source: localstack(moreS3, "TestS3::test_create_bucket_with_existing_name", "create-bucket-us-west-1", "2026-02-21"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				if _, err := create("us-east-1", "us-west-1")(ctx, w); err != nil {
					t.Fatalf("set-up CreateBucket in us-west-1: %v", err)
				}
			},
			Call: create("us-east-1", "us-west-1"),
			Want: Want{Status: 409, Code: "BucketAlreadyOwnedByYou", Message: "Your previous request to create the named bucket succeeded and you already own it."}},
		{Name: "CreateBucket/existing bucket, other constraint", Source: localstack(moreS3, "TestS3::test_create_bucket_with_existing_name", "create-bucket-us-east-2", "2026-02-21"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				if _, err := create("us-east-1", "us-west-1")(ctx, w); err != nil {
					t.Fatalf("set-up CreateBucket in us-west-1: %v", err)
				}
			},
			Call: create("us-east-1", "us-east-2"),
			Want: Want{Status: 409, Code: "BucketAlreadyOwnedByYou", Message: "Your previous request to create the named bucket succeeded and you already own it."}},
	})
}

// TestS3MoreValidation: header and body validation of object writes,
// copies and website configurations.
func TestS3MoreValidation(t *testing.T) {
	md5Test := "TestS3::test_s3_invalid_content_md5"
	badMD5 := []string{"__invalid__", "000", "not base64 encoded checksum", "MTIz", b64([]byte("test-string"))}
	sum := md5.Sum([]byte("something1"))
	wrongMD5 := b64(sum[:])
	var cases []Case
	for i, h := range badMD5 {
		h, key := h, "md5-error-"+string(rune('0'+i))
		cases = append(cases,
			s3Fails("PutObject/Content-MD5 "+h, localstack(moreS3, md5Test, key, "2026-02-21"), nil,
				func(ctx context.Context, c *s3.Client, b string) (any, error) {
					return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test-key"), Body: strings.NewReader("something"), ContentMD5: aws.String(h)})
				}, 400, "InvalidDigest", "The Content-MD5 you specified was invalid."),
			s3Fails("UploadPart/Content-MD5 "+h, localstack(moreS3, md5Test, "upload-part-"+key, "2026-02-21"), nil,
				func(ctx context.Context, c *s3.Client, b string) (any, error) {
					mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("multi-key")})
					if err != nil {
						return nil, err
					}
					return c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String("multi-key"), UploadId: mpu.UploadId, PartNumber: aws.Int32(1),
						Body: strings.NewReader("something"), ContentMD5: aws.String(h)})
				}, 400, "InvalidDigest", "The Content-MD5 you specified was invalid."))
	}
	cases = append(cases,
		s3Fails("UploadPart/Content-MD5 of other data", localstack(moreS3, md5Test, "upload-part-md5-bad-digest", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("multi-key")})
				if err != nil {
					return nil, err
				}
				return c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String("multi-key"), UploadId: mpu.UploadId, PartNumber: aws.Int32(1),
					Body: strings.NewReader("something"), ContentMD5: aws.String(wrongMD5)})
			}, 400, "BadDigest", "The Content-MD5 you specified did not match what we received."),
		s3Fails("UploadPart/part number -1", localstack(moreS3, "TestS3::test_complete_multipart_parts_order", "upload-part-negative-part-number", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("test-order-parts")})
				if err != nil {
					return nil, err
				}
				return c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String("test-order-parts"), UploadId: mpu.UploadId, PartNumber: aws.Int32(-1),
					Body: strings.NewReader("")})
			}, 400, "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive"),
		s3Fails("CreateMultipartUpload/unknown checksum algorithm", localstack(moreS3, mpuChecksumTest+"test_multipart_parts_checksum_exceptions_composite", "create-mpu-wrong-checksum-algo", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("k"), ChecksumAlgorithm: "TEST"})
			}, 400, "InvalidRequest", ckUnsupportedAlg), // the 2026 list (argmin checksums.rs) replaced the five names recorded here
		s3Fails("CreateMultipartUpload/checksum type without algorithm", localstack(moreS3, mpuChecksumTest+"test_multipart_parts_checksum_exceptions_composite", "create-mpu-no-checksum-algo-with-type", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("k"), ChecksumType: types.ChecksumTypeComposite})
			}, 400, "InvalidRequest", "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header."),
		s3Fails("CreateMultipartUpload/OUTPOSTS storage class", localstack(moreS3, "TestS3::test_put_object_storage_class_outposts", "create-multipart-outposts-exc", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("k"), StorageClass: types.StorageClassOutposts})
			}, 400, "InvalidStorageClass", "The storage class you specified is not valid"),
		s3Fails("GetObject/partNumber and Range", localstack(moreS3, "TestS3::test_get_object_part", "part-with-range", "2026-02-21"),
			s3Steps(putKey("test.file", "test content 123")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test.file"), PartNumber: aws.Int32(1), Range: aws.String("bytes=0-8")})
			}, 400, "InvalidRequest", "Cannot specify both Range header and partNumber query parameter"),
		s3Fails("GetObject/partNumber 2 of a simple object", localstack(moreS3, "TestS3::test_get_object_part", "part-no-multipart", "2026-02-21"),
			s3Steps(putKey("key-no-part", "test-123")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("key-no-part"), PartNumber: aws.Int32(2)})
			}, 416, "InvalidPartNumber", "The requested partnumber is not satisfiable"),
		s3Fails("PutObject/x-amz-tagging with a key twice", localstack(moreAPI, "TestS3BucketObjectTagging::test_object_tagging_exc", "put-obj-duplicate-tagging", "2026-02-23"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("fake-key"), Body: strings.NewReader(""), Tagging: aws.String("key1=val1&key1=val2")})
			}, 400, "InvalidArgument", "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates."),
		s3Fails("PutObject/x-amz-tagging comma-separated", localstack(moreAPI, "TestS3BucketObjectTagging::test_object_tagging_exc", "put-obj-wrong-format", "2026-02-23"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("fake-key"), Body: strings.NewReader(""), Tagging: aws.String("key1=val1,key2=val2")})
			}, 400, "InvalidArgument", "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates."),
		s3Fails("GetObjectTagging/no such key", localstack(moreAPI, "TestS3BucketObjectTagging::test_object_tagging_exc", "get-no-key-tags", "2026-02-23"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(b), Key: aws.String("fake-key")})
			}, 404, "NoSuchKey", msgNoSuchKey),
	)
	copyRange := "TestS3Multipart::test_upload_part_copy_range"
	rangeForm := "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy"
	partCopyRange := func(r string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("test-upload-part-copy")})
			if err != nil {
				return nil, err
			}
			return c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String(b), Key: aws.String("test-upload-part-copy"), UploadId: mpu.UploadId,
				PartNumber: aws.Int32(1), CopySource: aws.String(b + "/src-key"), CopySourceRange: aws.String(r)})
		}
	}
	cases = append(cases, s3Fails("UploadPartCopy/range without bytes=", localstack(moreAPI, copyRange, "upload-part-copy-wrong-format", "2026-02-21"),
		s3Steps(putKey("src-key", "0123456789")), partCopyRange("0-8"), 400, "InvalidArgument", rangeForm))
	for _, r := range []string{"1-0", "-1-", "0--1", "0-1,3-4,7-9", "-", "-0", "1-", "-2", "-15"} {
		cases = append(cases, s3Fails("UploadPartCopy/range bytes="+r, localstack(moreAPI, copyRange, "upload-part-copy-range-exc-"+r, "2026-02-21"),
			s3Steps(putKey("src-key", "0123456789")), partCopyRange("bytes="+r), 400, "InvalidArgument", rangeForm))
	}
	cases = append(cases,
		s3Fails("UploadPartCopy/range past the end", localstack(moreAPI, copyRange, "upload-part-copy-range-exc-0-100", "2026-02-21"),
			s3Steps(putKey("src-key", "0123456789")), partCopyRange("bytes=0-100"), 400, "InvalidArgument", "Range specified is not valid for source object of size: 10"),
		s3Fails("UploadPartCopy/range after the end", localstack(moreAPI, copyRange, "upload-part-copy-range-exc-100-200", "2026-02-21"),
			s3Steps(putKey("src-key", "0123456789")), partCopyRange("bytes=100-200"), 400, "InvalidRequest", "The specified copy range is invalid for the source object size"),
	)
	web := "TestS3StaticWebsiteHosting::test_validate_website_configuration"
	index := &types.IndexDocument{Suffix: aws.String("index.html")}
	for i, w := range []struct {
		name          string
		cfg           *types.WebsiteConfiguration
		code, message string
	}{
		{"suffix with a slash", &types.WebsiteConfiguration{IndexDocument: &types.IndexDocument{Suffix: aws.String("/index.html")}},
			"InvalidArgument", "The IndexDocument Suffix is not well formed"},
		{"empty suffix", &types.WebsiteConfiguration{IndexDocument: &types.IndexDocument{Suffix: aws.String("")}},
			"InvalidArgument", "The IndexDocument Suffix is not well formed"},
		{"redirect all and an index", &types.WebsiteConfiguration{RedirectAllRequestsTo: &types.RedirectAllRequestsTo{HostName: aws.String("test")},
			IndexDocument: &types.IndexDocument{Suffix: aws.String("/index.html")}},
			"InvalidArgument", "RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules."},
		{"no index document", &types.WebsiteConfiguration{ErrorDocument: &types.ErrorDocument{Key: aws.String("/index.html")}},
			"InvalidArgument", "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty"},
		{"unknown redirect protocol", &types.WebsiteConfiguration{IndexDocument: index, RoutingRules: []types.RoutingRule{{Redirect: &types.Redirect{Protocol: "protocol"}}}},
			"InvalidRequest", "Invalid protocol, protocol can be http or https. If not defined the protocol will be selected automatically."},
		{"ReplaceKeyPrefixWith and ReplaceKeyWith", &types.WebsiteConfiguration{IndexDocument: index, RoutingRules: []types.RoutingRule{{Redirect: &types.Redirect{
			ReplaceKeyPrefixWith: aws.String("prefix"), ReplaceKeyWith: aws.String("key-name")}}}},
			"InvalidRequest", "You can only define ReplaceKeyPrefix or ReplaceKey but not both."},
		{"empty condition", &types.WebsiteConfiguration{IndexDocument: index, RoutingRules: []types.RoutingRule{{Redirect: &types.Redirect{
			ReplaceKeyPrefixWith: aws.String("prefix")}, Condition: &types.Condition{}}}},
			"InvalidRequest", "Condition cannot be empty. To redirect all requests without a condition, the condition element shouldn't be present."},
		{"empty routing rules", &types.WebsiteConfiguration{IndexDocument: index, RoutingRules: []types.RoutingRule{}}, "MalformedXML", msgMalformedXML},
	} {
		cfg := w.cfg
		cases = append(cases, s3Fails("PutBucketWebsite/"+w.name, localstack(moreS3, web, "invalid-website-conf-"+string(rune('0'+i)), "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: aws.String(b), WebsiteConfiguration: cfg})
			}, 400, w.code, w.message))
	}
	Run(t, cases)
}

// TestS3MoreReadPreconditions: If-* headers on GetObject and HeadObject,
// all sent at once to show the order AWS checks them in.
func TestS3MoreReadPreconditions(t *testing.T) {
	const k = "test-object"
	type conds struct{ ifMatch, ifNoneMatch, ifModified, ifUnmodified string }
	var cases []Case
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		method := method
		param := "get_object"
		if method == http.MethodHead {
			param = "head_object"
		}
		test := "TestS3::test_s3_get_object_preconditions[" + param + "]"
		send := func(pick func(etag string, lastModified time.Time) conds) func(ctx context.Context, w *World) (any, error) {
			return func(ctx context.Context, w *World) (any, error) {
				h, err := w.S3(Root(owner)).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k)})
				if err != nil {
					return nil, err
				}
				c := pick(aws.ToString(h.ETag), aws.ToTime(h.LastModified))
				hdr := http.Header{}
				for name, v := range map[string]string{"If-Match": c.ifMatch, "If-None-Match": c.ifNoneMatch,
					"If-Modified-Since": c.ifModified, "If-Unmodified-Since": c.ifUnmodified} {
					if v != "" {
						hdr.Set(name, v)
					}
				}
				return w.Signed(ctx, Root(owner), method, "/"+opsBucket+"/"+k, nil, hdr)
			}
		}
		date := func(t time.Time) string { return t.UTC().Format(http.TimeFormat) }
		failed := Want{Status: 412, Code: "PreconditionFailed", Message: msgPrecondition}
		if method == http.MethodHead {
			failed = Want{Status: 412}
		}
		setup := func(ctx context.Context, t *testing.T, w *World) {
			bucket(ctx, t, w, opsBucket)
			object(ctx, t, w, opsBucket, k, "data")
		}
		cases = append(cases,
			Case{Name: method + "/all four, If-Match fails", Source: localstack(moreS3, test, "precondition-if-match", "2026-02-21"), Setup: setup,
				Call: send(func(etag string, lm time.Time) conds {
					return conds{ifMatch: "etag123", ifNoneMatch: etag, ifModified: date(lm), ifUnmodified: date(lm.Add(-24 * time.Hour))}
				}), Want: failed},
			Case{Name: method + "/If-Unmodified-Since fails before If-None-Match", Source: localstack(moreS3, test, "precondition-if-unmodified-since", "2026-02-21"), Setup: setup,
				Call: send(func(etag string, lm time.Time) conds {
					return conds{ifNoneMatch: etag, ifModified: date(lm), ifUnmodified: date(lm.Add(-24 * time.Hour))}
				}), Want: failed},
			Case{Name: method + "/If-None-Match its ETag", Source: localstack(moreS3, test, "precondition-if-none-match", "2026-02-21"), Setup: setup,
				Call: send(func(etag string, lm time.Time) conds { return conds{ifNoneMatch: etag, ifModified: date(lm)} }),
				Want: Want{Status: 304}},
			Case{Name: method + "/If-Modified-Since its Last-Modified", Source: localstack(moreS3, test, "precondition-if-modified-since-is-object", "2026-02-21"), Setup: setup,
				Call: send(func(etag string, lm time.Time) conds { return conds{ifModified: date(lm)} }),
				Want: Want{Status: 304}},
			Case{Name: method + "/If-None-Match its ETag without quotes", Source: localstack(moreS3, test, "etag-missing-quotes", "2026-02-21"), Setup: setup,
				Call: send(func(etag string, lm time.Time) conds {
					return conds{ifNoneMatch: strings.Trim(etag, `"`), ifModified: date(lm)}
				}),
				Want: Want{Status: 304}},
			Case{Name: method + "/If-Unmodified-Since its Last-Modified", Source: localstack(moreS3, test, "precondition-if-unmodified-since-is-object", "2026-02-21"), Setup: setup,
				Call: send(func(etag string, lm time.Time) conds { return conds{ifUnmodified: date(lm)} })},
			Case{Name: method + "/all four hold", Source: localstack(moreS3, test, "obj-success", "2026-02-21"), Setup: setup,
				Call: send(func(etag string, lm time.Time) conds {
					return conds{ifMatch: strings.Trim(etag, `"`), ifNoneMatch: "etag123", ifModified: date(lm.Add(-24 * time.Hour)), ifUnmodified: date(lm.Add(time.Second))}
				})},
		)
	}
	Run(t, cases)
}

// TestS3MoreLockAndTagging: retention and legal hold on buckets with and
// without Object Lock, tagging on delete markers, and configuration bodies
// S3 refuses.
func TestS3MoreLockAndTagging(t *testing.T) {
	rexc := "TestS3ObjectLockRetention::test_s3_object_retention_exc"
	lhexc := "TestS3ObjectLockLegalHold::test_put_object_legal_hold_exc"
	future := aws.Time(time.Date(time.Now().Year()+5, 1, 1, 0, 0, 0, 0, time.UTC))
	retention := func(key string, mode types.ObjectLockRetentionMode, until *time.Time) func(ctx context.Context, w *World) (any, error) {
		return onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(b), Key: aws.String(key),
				Retention: &types.ObjectLockRetention{Mode: mode, RetainUntilDate: until}})
		})
	}
	plain := func(ctx context.Context, t *testing.T, w *World) {
		bucket(ctx, t, w, opsBucket)
		object(ctx, t, w, opsBucket, "test-key", "test")
	}
	noLockConfig := Want{Status: 400, Code: "InvalidRequest", Message: "Bucket is missing Object Lock Configuration"}
	const tk = "test-version-tagging"
	markerLatest := s3Steps(versionedOps, putKey(tk, "test-0"), deleteKey(tk))
	tagOnMarker := func(byID bool, call func(ctx context.Context, c *s3.Client, id *string) (any, error)) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			var id *string
			if byID {
				var err error
				if id, err = latestVersion(ctx, c, tk, true); err != nil {
					return nil, err
				}
			}
			return call(ctx, c, id)
		}
	}
	putTags := func(ctx context.Context, c *s3.Client, id *string) (any, error) {
		return c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(opsBucket), Key: aws.String(tk), VersionId: id,
			Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("tag1"), Value: aws.String("tag1")}}}})
	}
	getTags := func(ctx context.Context, c *s3.Client, id *string) (any, error) {
		return c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(opsBucket), Key: aws.String(tk), VersionId: id})
	}
	delTags := func(ctx context.Context, c *s3.Client, id *string) (any, error) {
		return c.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: aws.String(opsBucket), Key: aws.String(tk), VersionId: id})
	}
	tv := "TestS3BucketObjectTagging::test_object_tagging_versioned"
	Run(t, []Case{
		{Name: "PutObjectRetention/no such key", Source: localstack(moreS3, rexc, "put-object-retention-no-key", "2026-02-21"), Setup: lockedOps("test-key"),
			Call: retention("non-existing-key", types.ObjectLockRetentionModeGovernance, future), Want: Want{Status: 404, Code: "NoSuchKey", Message: msgNoSuchKey}},
		{Name: "GetObjectRetention/never set", Source: localstack(moreS3, rexc, "get-object-retention-never-set", "2026-02-21"), Setup: lockedOps("test-key"),
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: aws.String(b), Key: aws.String("test-key")})
			}), Want: Want{Status: 404, Code: "NoSuchObjectLockConfiguration", Message: "The specified object does not have a ObjectLock configuration"}},
		{Name: "PutObjectRetention/mode without a date", Source: localstack(moreS3, rexc, "put-object-missing-retention-fields", "2026-02-21"), Setup: lockedOps("test-key"),
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(b), Key: aws.String("test-key"), BypassGovernanceRetention: aws.Bool(true),
					Retention: &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance}})
			}), Want: Want{Status: 400, Code: "MalformedXML", Message: msgMalformedXML}},
		{Name: "PutObjectRetention/date in the past", Source: localstack(moreS3, rexc, "update-retention-past-date", "2026-02-21"), Setup: lockedOps("test-key"),
			Call: retention("test-key", types.ObjectLockRetentionModeGovernance, aws.Time(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))),
			Want: Want{Status: 400, Code: "InvalidArgument", Message: "The retain until date must be in the future!"}},
		{Name: "PutObjectRetention/unknown mode", Source: localstack(moreS3, rexc, "update-retention-bad-value", "2026-02-21"), Setup: lockedOps("test-key"),
			Call: retention("test-key", "BAD-VALUE", future), Want: Want{Status: 400, Code: "MalformedXML", Message: msgMalformedXML}},
		{Name: "PutObjectRetention/bucket without Object Lock", Source: localstack(moreS3, rexc, "put-object-retention-regular-bucket", "2026-02-21"), Setup: plain,
			Call: retention("test-key", types.ObjectLockRetentionModeGovernance, future), Want: noLockConfig},
		{Name: "GetObjectRetention/bucket without Object Lock", Source: localstack(moreS3, rexc, "get-object-retention-regular-bucket", "2026-02-21"), Setup: plain,
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: aws.String(b), Key: aws.String("test-key")})
			}), Want: noLockConfig},
		{Name: "PutObjectLegalHold/no such key", Source: localstack(moreS3, lhexc, "put-object-legal-hold-no-key", "2026-02-21"), Setup: lockedOps("test-key"),
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(b), Key: aws.String("non-existing-key"),
					LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOn}})
			}), Want: Want{Status: 404, Code: "NoSuchKey", Message: msgNoSuchKey}},
		{Name: "PutObjectLegalHold/bucket without Object Lock", Source: localstack(moreS3, lhexc, "put-object-retention-regular-bucket", "2026-02-21"), Setup: plain,
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(b), Key: aws.String("test-key"),
					LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOn}})
			}), Want: noLockConfig},
		{Name: "PutObjectLegalHold/no body", Source: localstack(moreS3, lhexc, "put-object-retention-empty", "2026-02-21"), Setup: plain,
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(b), Key: aws.String("test-key")})
			}), Want: Want{Status: 400, Code: "MalformedXML", Message: msgMalformedXML}},
		{Name: "GetObjectLegalHold/bucket without Object Lock", Source: localstack(moreS3, lhexc, "get-object-retention-regular-bucket", "2026-02-21"), Setup: plain,
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectLegalHold(ctx, &s3.GetObjectLegalHoldInput{Bucket: aws.String(b), Key: aws.String("test-key")})
			}), Want: noLockConfig},
		s3Fails("PutObjectLockConfiguration/versioning suspended", localstack(moreAPI, "TestS3ObjectLock::test_put_object_lock_configuration_on_existing_bucket",
			"put-object-lock-existing-bucket-versioning-disabled", "2026-02-21"),
			s3Steps(versionedOps, run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b),
					VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}})
			})),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(b),
					ObjectLockConfiguration: &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled}})
			}, 409, "InvalidBucketState", "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration"),
		s3Fails("PutObjectTagging/version id of a delete marker", localstack(moreAPI, tv, "put-object-tags-delete-marker-id", "2026-02-23"), markerLatest,
			tagOnMarker(true, putTags), 405, "MethodNotAllowed", msgMethodNotAllw),
		s3Fails("GetObjectTagging/version id of a delete marker", localstack(moreAPI, tv, "get-object-tags-delete-marker-id", "2026-02-23"), markerLatest,
			tagOnMarker(true, getTags), 405, "MethodNotAllowed", msgMethodNotAllw),
		s3Fails("DeleteObjectTagging/version id of a delete marker", localstack(moreAPI, tv, "delete-object-tags-delete-marker-id", "2026-02-23"), markerLatest,
			tagOnMarker(true, delTags), 405, "MethodNotAllowed", msgMethodNotAllw),
		s3Fails("PutObjectTagging/latest is a delete marker", localstack(moreAPI, tv, "put-object-tags-delete-marker-latest", "2026-02-23"), markerLatest,
			tagOnMarker(false, putTags), 405, "MethodNotAllowed", msgMethodNotAllw),
		s3Fails("DeleteObjectTagging/latest is a delete marker", localstack(moreAPI, tv, "delete-object-tags-delete-marker-latest", "2026-02-23"), markerLatest,
			tagOnMarker(false, delTags), 405, "MethodNotAllowed", msgMethodNotAllw),
		s3Fails("PutObject/If-Match an ETag on a missing key", localstack(moreAPI, "TestS3ObjectWritePrecondition::test_put_object_if_match_validation", "put-obj-if-match-bad-value", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test-precondition-validation"), IfMatch: aws.String("abcdef")})
			}, 404, "NoSuchKey", msgNoSuchKey),
		s3Fails("PutObject/If-Match odd characters on a missing key", localstack(moreAPI, "TestS3ObjectWritePrecondition::test_put_object_if_match_validation", "put-obj-if-match-bad-value-2", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test-precondition-validation"), IfMatch: aws.String("bad-char_/")})
			}, 404, "NoSuchKey", msgNoSuchKey),
		s3Fails("PutBucketOwnershipControls/two rules", localstack(moreAPI, "TestS3BucketOwnershipControls::test_bucket_ownership_controls_exc", "put-ownership-multiple-rules", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String(b), OwnershipControls: &types.OwnershipControls{
					Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerPreferred}, {ObjectOwnership: types.ObjectOwnershipObjectWriter}}}})
			}, 400, "MalformedXML", msgMalformedXML),
		s3Fails("PutBucketOwnershipControls/unknown value", localstack(moreAPI, "TestS3BucketOwnershipControls::test_bucket_ownership_controls_exc", "put-ownership-wrong-value", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String(b), OwnershipControls: &types.OwnershipControls{
					Rules: []types.OwnershipControlsRule{{ObjectOwnership: "RandomValue"}}}})
			}, 400, "MalformedXML", msgMalformedXML),
		s3Fails("PutBucketAccelerateConfiguration/unknown status", localstack(moreAPI, "TestS3BucketAccelerateConfiguration::test_bucket_acceleration_configuration_exc", "put-bucket-accelerate-config-random", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketAccelerateConfiguration(ctx, &s3.PutBucketAccelerateConfigurationInput{Bucket: aws.String(b),
					AccelerateConfiguration: &types.AccelerateConfiguration{Status: "random"}})
			}, 400, "MalformedXML", msgMalformedXML),
		s3Fails("PutBucketEncryption/two rules", localstack(moreAPI, "TestS3BucketEncryption::test_s3_default_bucket_encryption_exc", "put-bucket-encryption-two-rules", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(b), ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{
					Rules: []types.ServerSideEncryptionRule{
						{ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAwsKms}, BucketKeyEnabled: aws.Bool(true)},
						{ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256}}}}})
			}, 400, "MalformedXML", msgMalformedXML),
	})
}

// TestS3MoreUnkeptConfigurations: replication, metrics, analytics,
// inventory and Intelligent-Tiering configurations a bucket does not have:
// reads answer as AWS does for a bucket without one (those kept and read
// back are in s3configs_test.go).
func TestS3MoreUnkeptConfigurations(t *testing.T) {
	noConfig := Want{Status: 404, Code: "NoSuchConfiguration", Message: "The specified configuration does not exist."}
	noBucket := Want{Status: 404, Code: "NoSuchBucket", Message: "The specified bucket does not exist"}
	onMissing := func(call s3Call) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return call(ctx, w.S3(Root(owner)), "golden-no-such-bucket")
		}
	}
	id := aws.String("config-1")
	intelligent := "TestS3::test_s3_intelligent_tier_config"
	metrics := "TestS3MetricsConfiguration::"
	cases := []Case{
		{Name: "GetBucketReplication/none", Source: localstack(moreS3, "TestS3BucketReplication::test_replication_config", "expected_error_no_replication_set", "2026-02-21"),
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketReplication(ctx, &s3.GetBucketReplicationInput{Bucket: aws.String(b)})
			}), Want: Want{Status: 404, Code: "ReplicationConfigurationNotFoundError", Message: "The replication configuration was not found"}},
		{Name: "PutBucketReplication/source bucket not versioned", Source: localstack(moreS3, "TestS3BucketReplication::test_replication_config", "expected_error_versioning_not_enabled", "2026-02-21"),
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketReplication(ctx, &s3.PutBucketReplicationInput{Bucket: aws.String(b), ReplicationConfiguration: &types.ReplicationConfiguration{
					Role: aws.String("arn:aws:iam::" + owner + ":role/replication"),
					Rules: []types.ReplicationRule{{Status: types.ReplicationRuleStatusEnabled, Priority: aws.Int32(1),
						DeleteMarkerReplication: &types.DeleteMarkerReplication{Status: types.DeleteMarkerReplicationStatusDisabled},
						Filter:                  &types.ReplicationRuleFilter{Prefix: aws.String("Tax")},
						Destination:             &types.Destination{Bucket: aws.String("arn:aws:s3:::golden-dst")}}}}})
			}), Want: Want{Status: 400, Code: "InvalidRequest", Message: "Versioning must be 'Enabled' on the bucket to apply a replication configuration"}},
		{Name: "DeleteBucketReplication/none", Source: cliExample("s3api/delete-bucket-replication.rst") + " (no output; 204)",
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteBucketReplication(ctx, &s3.DeleteBucketReplicationInput{Bucket: aws.String(b)})
			}), Want: Want{Status: 204}},
		{Name: "GetBucketReplication/no such bucket", Source: localstack(moreS3, "TestS3::test_bucket_availability", "bucket-replication", "2026-02-21"),
			Call: onMissing(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketReplication(ctx, &s3.GetBucketReplicationInput{Bucket: aws.String(b)})
			}), Want: noBucket},
		{Name: "DeleteBucketReplication/no such bucket", Source: noSuchBucketDoc,
			Call: onMissing(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteBucketReplication(ctx, &s3.DeleteBucketReplicationInput{Bucket: aws.String(b)})
			}), Want: noBucket},
		{Name: "GetBucketMetricsConfiguration/no such id", Source: localstack(moreAPI, metrics+"test_get_bucket_metrics_configuration_not_exist", "get_bucket_metrics_configuration", "2026-02-21"),
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketMetricsConfiguration(ctx, &s3.GetBucketMetricsConfigurationInput{Bucket: aws.String(b), Id: id})
			}), Want: noConfig},
		{Name: "DeleteBucketMetricsConfiguration/no such id", Source: localstack(moreAPI, metrics+"test_delete_metrics_configuration_twice", "delete_bucket_metrics_configuration_2", "2026-02-21"),
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				if _, err := c.DeleteBucketMetricsConfiguration(ctx, &s3.DeleteBucketMetricsConfigurationInput{Bucket: aws.String(b), Id: id}); err == nil {
					return nil, fmt.Errorf("the first delete succeeded")
				}
				// The bucket is still there: the delete named a configuration.
				if _, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(b)}); err != nil {
					return nil, err
				}
				return c.DeleteBucketMetricsConfiguration(ctx, &s3.DeleteBucketMetricsConfigurationInput{Bucket: aws.String(b), Id: id})
			}), Want: noConfig},
		{Name: "ListBucketMetricsConfigurations/none", Source: localstack(moreS3, "TestS3::test_s3_inventory_report_crud", "list-inventory-config-after-del", "2026-02-21") +
			" (an empty list, {\"IsTruncated\": false}, recorded for inventory; metrics has the same shape)",
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.ListBucketMetricsConfigurations(ctx, &s3.ListBucketMetricsConfigurationsInput{Bucket: aws.String(b)})
			}), Want: Want{Fields: map[string]any{"IsTruncated": false, "MetricsConfigurationList": Len(0)}}},
		{Name: "GetBucketAnalyticsConfiguration/no such id", Source: localstack(moreS3, "TestS3::test_s3_analytics_configurations", "get_config_with_storage_analysis_err", "2026-02-21"),
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketAnalyticsConfiguration(ctx, &s3.GetBucketAnalyticsConfigurationInput{Bucket: aws.String(b), Id: id})
			}), Want: noConfig},
		{Name: "DeleteBucketAnalyticsConfiguration/no such id", Source: localstack(moreS3, "TestS3::test_s3_analytics_configurations", "delete_config_with_storage_analysis_err", "2026-02-21"),
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteBucketAnalyticsConfiguration(ctx, &s3.DeleteBucketAnalyticsConfigurationInput{Bucket: aws.String(b), Id: id})
			}), Want: noConfig},
		{Name: "ListBucketAnalyticsConfigurations/none", Source: localstack(moreS3, "TestS3::test_s3_inventory_report_crud", "list-inventory-config-after-del", "2026-02-21") +
			" (an empty list, recorded for inventory; analytics has the same shape)",
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.ListBucketAnalyticsConfigurations(ctx, &s3.ListBucketAnalyticsConfigurationsInput{Bucket: aws.String(b)})
			}), Want: Want{Fields: map[string]any{"IsTruncated": false, "AnalyticsConfigurationList": Len(0)}}},
		{Name: "GetBucketInventoryConfiguration/no such id", Source: localstack(moreS3, "TestS3::test_s3_inventory_report_crud", "get-nonexistent-inv-config", "2026-02-21"),
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{Bucket: aws.String(b), Id: id})
			}), Want: noConfig},
		{Name: "DeleteBucketInventoryConfiguration/no such id", Source: localstack(moreAPI, metrics+"test_delete_metrics_configuration_twice", "delete_bucket_metrics_configuration_2", "2026-02-21") +
			" (recorded for metrics; inventory answers a missing id alike, as GetBucketInventoryConfiguration's get-nonexistent-inv-config shows)",
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{Bucket: aws.String(b), Id: id})
			}), Want: noConfig},
		{Name: "ListBucketInventoryConfigurations/none", Source: localstack(moreS3, "TestS3::test_s3_inventory_report_crud", "list-inventory-config-after-del", "2026-02-21"),
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String(b)})
			}), Want: Want{Fields: map[string]any{"IsTruncated": false, "InventoryConfigurationList": Len(0)}}},
		{Name: "GetBucketIntelligentTieringConfiguration/no such id", Source: localstack(moreS3, intelligent, "delete_bucket_intelligent_tiering_configuration_err_2", "2026-02-21") +
			" (recorded for Delete; Get of a missing id answers alike, as analytics and inventory show)",
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketIntelligentTieringConfiguration(ctx, &s3.GetBucketIntelligentTieringConfigurationInput{Bucket: aws.String(b), Id: id})
			}), Want: noConfig},
		{Name: "DeleteBucketIntelligentTieringConfiguration/no such id", Source: localstack(moreS3, intelligent, "delete_bucket_intelligent_tiering_configuration_err_2", "2026-02-21"),
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteBucketIntelligentTieringConfiguration(ctx, &s3.DeleteBucketIntelligentTieringConfigurationInput{Bucket: aws.String(b), Id: id})
			}), Want: noConfig},
		{Name: "DeleteBucketIntelligentTieringConfiguration/no such bucket", Source: localstack(moreS3, intelligent, "delete_bucket_intelligent_tiering_configuration_err_1", "2026-02-21"),
			Call: onMissing(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteBucketIntelligentTieringConfiguration(ctx, &s3.DeleteBucketIntelligentTieringConfigurationInput{Bucket: aws.String(b), Id: id})
			}), Want: noBucket},
		{Name: "ListBucketIntelligentTieringConfigurations/none", Source: localstack(moreS3, "TestS3::test_s3_inventory_report_crud", "list-inventory-config-after-del", "2026-02-21") +
			" (an empty list, recorded for inventory; Intelligent-Tiering has the same shape)",
			Setup: withBucket(opsBucket), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.ListBucketIntelligentTieringConfigurations(ctx, &s3.ListBucketIntelligentTieringConfigurationsInput{Bucket: aws.String(b)})
			}), Want: Want{Fields: map[string]any{"IsTruncated": false, "IntelligentTieringConfigurationList": Len(0)}}},
	}
	// Lists and writes of a bucket that does not exist.
	for name, call := range map[string]s3Call{
		"ListBucketMetricsConfigurations": func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.ListBucketMetricsConfigurations(ctx, &s3.ListBucketMetricsConfigurationsInput{Bucket: aws.String(b)})
		},
		"ListBucketAnalyticsConfigurations": func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.ListBucketAnalyticsConfigurations(ctx, &s3.ListBucketAnalyticsConfigurationsInput{Bucket: aws.String(b)})
		},
		"ListBucketInventoryConfigurations": func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String(b)})
		},
		"ListBucketIntelligentTieringConfigurations": func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.ListBucketIntelligentTieringConfigurations(ctx, &s3.ListBucketIntelligentTieringConfigurationsInput{Bucket: aws.String(b)})
		},
		"PutBucketMetricsConfiguration": func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketMetricsConfiguration(ctx, &s3.PutBucketMetricsConfigurationInput{Bucket: aws.String(b), Id: id,
				MetricsConfiguration: &types.MetricsConfiguration{Id: id}})
		},
		"PutBucketAnalyticsConfiguration": func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketAnalyticsConfiguration(ctx, &s3.PutBucketAnalyticsConfigurationInput{Bucket: aws.String(b), Id: id,
				AnalyticsConfiguration: &types.AnalyticsConfiguration{Id: id, StorageClassAnalysis: &types.StorageClassAnalysis{}}})
		},
		"PutBucketInventoryConfiguration": func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{Bucket: aws.String(b), Id: id,
				InventoryConfiguration: &types.InventoryConfiguration{Id: id, IsEnabled: aws.Bool(true), IncludedObjectVersions: types.InventoryIncludedObjectVersionsAll,
					Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{Bucket: aws.String("arn:aws:s3:::d"), Format: types.InventoryFormatCsv}},
					Schedule:    &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily}}})
		},
		"PutBucketIntelligentTieringConfiguration": func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketIntelligentTieringConfiguration(ctx, &s3.PutBucketIntelligentTieringConfigurationInput{Bucket: aws.String(b), Id: id,
				IntelligentTieringConfiguration: &types.IntelligentTieringConfiguration{Id: id, Status: types.IntelligentTieringStatusEnabled,
					Tierings: []types.Tiering{{AccessTier: types.IntelligentTieringAccessTierArchiveAccess, Days: aws.Int32(90)}}}})
		},
	} {
		cases = append(cases, Case{Name: name + "/no such bucket", Source: noSuchBucketDoc, Call: onMissing(call), Want: noBucket})
	}
	Run(t, cases)
}

// TestS3MoreACLAndConfig: object ACL validation, logging across Regions,
// lifecycle's TransitionDefaultMinimumObjectSize, notification filter
// rules and CORS preflights without a configuration.
func TestS3MoreACLAndConfig(t *testing.T) {
	aclTest := "TestS3::test_s3_object_acl_exceptions"
	const k = "object-key-acl"
	putACL := func(edit func(in *s3.PutObjectAclInput, ownerID string)) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			l, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
			if err != nil {
				return nil, err
			}
			in := &s3.PutObjectAclInput{Bucket: aws.String(b), Key: aws.String(k)}
			edit(in, aws.ToString(l.Owner.ID))
			return c.PutObjectAcl(ctx, in)
		}
	}
	grant := func(grantee types.Grantee, perm types.Permission) []types.Grant {
		return []types.Grant{{Grantee: &grantee, Permission: perm}}
	}
	logDelivery := "http://acs.amazonaws.com/groups/s3/LogDelivery"
	fakeGroup := "http://acs.amazonaws.com/groups/s3/FakeGroup"
	steps := s3Steps(putKey(k, ""))
	lc := &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{{Expiration: &types.LifecycleExpiration{Days: aws.Int32(7)},
		ID: aws.String("wholebucket"), Filter: &types.LifecycleRuleFilter{Prefix: aws.String("")}, Status: types.ExpirationStatusEnabled}}}
	tdmos := "TestS3BucketLifecycle::test_s3_transition_default_minimum_object_size"
	notifTest := "TestS3BucketNotificationConfiguration::test_bucket_notification_with_missing_values_in_rule"
	putNotification := func(rule types.FilterRule) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String(b),
				NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{{
					QueueArn: aws.String("arn:aws:sqs:us-east-1:" + owner + ":q"), Events: []types.Event{"s3:ObjectCreated:*"},
					Filter: &types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{FilterRules: []types.FilterRule{rule}}}}}}})
		}
	}
	logging := "TestS3BucketLogging::test_put_bucket_logging_cross_locations"
	inRegion := func(w *World, region string) *s3.Client {
		return s3.NewFromConfig(w.ConfigIn(region, Root(owner)), func(o *s3.Options) { o.UsePathStyle = true })
	}
	buckets := func(ctx context.Context, t *testing.T, w *World) {
		bucket(ctx, t, w, "golden-log-east-1")
		for name, region := range map[string]string{"golden-log-east-2": "us-east-2", "golden-log-target": "us-west-2"} {
			if _, err := w.S3(Root(owner)).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name),
				CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(region)}}); err != nil {
				t.Fatalf("set-up CreateBucket %s in %s: %v", name, region, err)
			}
		}
	}
	putLogging := func(source, region string) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return inRegion(w, region).PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(source),
				BucketLoggingStatus: &types.BucketLoggingStatus{LoggingEnabled: &types.LoggingEnabled{TargetBucket: aws.String("golden-log-target"), TargetPrefix: aws.String("log")}}})
		}
	}
	crossLogging := Want{Status: 403, Code: "CrossLocationLoggingProhibitted", Message: "Cross S3 location logging not allowed. "}
	Run(t, []Case{
		s3Fails("PutObjectAcl/grant to an unknown group", localstack(moreS3, aclTest, "put-object-grant-acl-fake-uri", "2026-02-21"), steps,
			putACL(func(in *s3.PutObjectAclInput, _ string) { in.GrantWrite = aws.String(`uri="` + fakeGroup + `"`) }),
			400, "InvalidArgument", "Invalid group uri"),
		s3Fails("PutObjectAcl/grant with an unknown key", localstack(moreS3, aclTest, "put-object-grant-acl-fake-key", "2026-02-21"), steps,
			putACL(func(in *s3.PutObjectAclInput, _ string) { in.GrantWrite = aws.String(`fakekey="1234"`) }),
			400, "InvalidArgument", "Argument format not recognized"),
		s3Fails("PutObjectAcl/grant to a malformed id", localstack(moreS3, aclTest, "put-object-grant-acl-wrong-id", "2026-02-21"), steps,
			putACL(func(in *s3.PutObjectAclInput, _ string) { in.GrantWrite = aws.String(`id="wrong-id"`) }),
			400, "InvalidArgument", "Invalid id"),
		s3Fails("PutObjectAcl/policy without Owner", localstack(moreS3, aclTest, "put-object-acp-acl-1", "2026-02-21"), steps,
			putACL(func(in *s3.PutObjectAclInput, _ string) {
				in.AccessControlPolicy = &types.AccessControlPolicy{Grants: grant(types.Grantee{Type: types.TypeGroup, URI: aws.String(logDelivery)}, types.PermissionWrite)}
			}), 400, "MalformedACLError", msgMalformedXML),
		s3Fails("PutObjectAcl/unknown permission", localstack(moreS3, aclTest, "put-object-acp-acl-2", "2026-02-21"), steps,
			putACL(func(in *s3.PutObjectAclInput, id string) {
				in.AccessControlPolicy = &types.AccessControlPolicy{Owner: &types.Owner{ID: aws.String(id)},
					Grants: grant(types.Grantee{Type: types.TypeGroup, URI: aws.String(logDelivery)}, "WRONG-PERMISSION")}
			}), 400, "MalformedACLError", msgMalformedXML),
		s3Fails("PutObjectAcl/malformed Owner ID", localstack(moreS3, aclTest, "put-object-acp-acl-3", "2026-02-21"), steps,
			putACL(func(in *s3.PutObjectAclInput, _ string) {
				in.AccessControlPolicy = &types.AccessControlPolicy{Owner: &types.Owner{ID: aws.String("wrong-id")},
					Grants: grant(types.Grantee{Type: types.TypeGroup, URI: aws.String(logDelivery)}, types.PermissionFullControl)}
			}), 400, "InvalidArgument", "Invalid id"),
		s3Fails("PutObjectAcl/grant to an unknown group URI", localstack(moreS3, aclTest, "put-object-acp-acl-4", "2026-02-21"), steps,
			putACL(func(in *s3.PutObjectAclInput, id string) {
				in.AccessControlPolicy = &types.AccessControlPolicy{Owner: &types.Owner{ID: aws.String(id)},
					Grants: grant(types.Grantee{Type: types.TypeGroup, URI: aws.String(fakeGroup)}, types.PermissionFullControl)}
			}), 400, "InvalidArgument", "Invalid group uri"),
		s3Fails("PutObjectAcl/grant to a malformed canonical id", localstack(moreS3, aclTest, "put-object-acp-acl-5", "2026-02-21"), steps,
			putACL(func(in *s3.PutObjectAclInput, id string) {
				in.AccessControlPolicy = &types.AccessControlPolicy{Owner: &types.Owner{ID: aws.String(id)},
					Grants: grant(types.Grantee{Type: types.TypeCanonicalUser, ID: aws.String("wrong-id")}, types.PermissionFullControl)}
			}), 400, "InvalidArgument", "Invalid id"),
		s3Fails("PutObjectAcl/unknown grantee type", localstack(moreS3, aclTest, "put-object-acp-acl-6", "2026-02-21"), steps,
			putACL(func(in *s3.PutObjectAclInput, id string) {
				in.AccessControlPolicy = &types.AccessControlPolicy{Owner: &types.Owner{ID: aws.String(id)},
					Grants: grant(types.Grantee{Type: "BadType", ID: aws.String("wrong-id")}, types.PermissionFullControl)}
			}), 400, "MalformedACLError", msgMalformedXML),
		s3Fails("PutObjectAcl/empty policy", localstack(moreS3, aclTest, "put-object-empty-acp", "2026-02-21"), steps,
			putACL(func(in *s3.PutObjectAclInput, _ string) { in.AccessControlPolicy = &types.AccessControlPolicy{} }),
			400, "MalformedACLError", msgMalformedXML),
		s3Fails("PutObjectAcl/nothing", localstack(moreS3, aclTest, "put-object-acl-empty", "2026-02-21"), steps,
			putACL(func(*s3.PutObjectAclInput, string) {}), 400, "MissingSecurityHeader", "Your request was missing a required header"),
		s3Fails("PutObjectAcl/canned ACL and a grant header", localstack(moreS3, aclTest, "put-object-two-type-acl", "2026-02-21"), steps,
			putACL(func(in *s3.PutObjectAclInput, _ string) {
				in.ACL, in.GrantRead = types.ObjectCannedACLPrivate, aws.String(`uri="`+logDelivery+`"`)
			}), 400, "InvalidRequest", "Specifying both Canned ACLs and Header Grants is not allowed"),
		s3Fails("PutObjectAcl/canned ACL and a policy", localstack(moreS3, aclTest, "put-object-two-type-acl-acp", "2026-02-21"), steps,
			putACL(func(in *s3.PutObjectAclInput, id string) {
				in.ACL = types.ObjectCannedACLPrivate
				in.AccessControlPolicy = &types.AccessControlPolicy{Owner: &types.Owner{ID: aws.String(id)},
					Grants: grant(types.Grantee{Type: types.TypeCanonicalUser, ID: aws.String(id)}, types.PermissionFullControl)}
			}), 400, "UnexpectedContent", "This request does not support content"),
		s3Fails("PutObject/unknown canned ACL", localstack(moreS3, aclTest, "put-object-canned-acl", "2026-02-21"), steps,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k), ACL: "fake-acl"})
			}, 400, "InvalidArgument", ""),
		{Name: "PutBucketLogging/us-east-1 source, us-west-2 target", Source: localstack(moreS3, logging, "put-bucket-logging-cross-us-east-1", "2026-02-21"),
			Setup: buckets, Call: putLogging("golden-log-east-1", "us-east-1"), Want: crossLogging},
		{Name: "PutBucketLogging/us-east-2 source, us-west-2 target", Source: localstack(moreS3, logging, "put-bucket-logging-different-regions", "2026-02-21"),
			Setup: buckets, Call: putLogging("golden-log-east-2", "us-east-2"), Want: crossLogging},
		s3OK("PutBucketLifecycleConfiguration/varies_by_storage_class", localstack(moreS3, tdmos, "varies-by-storage", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(b), LifecycleConfiguration: lc,
					TransitionDefaultMinimumObjectSize: types.TransitionDefaultMinimumObjectSizeVariesByStorageClass})
			}, map[string]any{"TransitionDefaultMinimumObjectSize": "varies_by_storage_class"}),
		s3OK("GetBucketLifecycleConfiguration/varies_by_storage_class", localstack(moreS3, tdmos, "get-varies-by-storage", "2026-02-21"),
			s3Steps(run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(b), LifecycleConfiguration: lc,
					TransitionDefaultMinimumObjectSize: types.TransitionDefaultMinimumObjectSizeVariesByStorageClass})
			})),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(b)})
			}, map[string]any{"TransitionDefaultMinimumObjectSize": "varies_by_storage_class", "Rules[0].ID": "wholebucket"}),
		s3OK("PutBucketLifecycleConfiguration/default minimum object size", localstack(moreS3, tdmos, "default", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(b), LifecycleConfiguration: lc})
			}, map[string]any{"TransitionDefaultMinimumObjectSize": "all_storage_classes_128K"}),
		s3Fails("PutBucketLifecycleConfiguration/unknown minimum object size", localstack(moreS3, tdmos, "bad-value", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(b), LifecycleConfiguration: lc,
					TransitionDefaultMinimumObjectSize: "value"})
			}, 400, "InvalidRequest", "Invalid TransitionDefaultMinimumObjectSize found: value"),
		s3Fails("PutBucketNotificationConfiguration/empty filter rule", localstack(moreAPI, notifTest, "invalid-rule-no-values", "2026-02-21"), nil,
			putNotification(types.FilterRule{}), 400, "MalformedXML", msgMalformedXML),
		s3Fails("PutBucketNotificationConfiguration/filter rule without value", localstack(moreAPI, notifTest, "invalid-rule-no-value", "2026-02-21"), nil,
			putNotification(types.FilterRule{Name: types.FilterRuleNamePrefix}), 400, "MalformedXML", msgMalformedXML),
		s3Fails("PutBucketNotificationConfiguration/filter rule without name", localstack(moreAPI, notifTest, "invalid-rule-no-name", "2026-02-21"), nil,
			putNotification(types.FilterRule{Value: aws.String("test")}), 400, "MalformedXML", msgMalformedXML),
		{Name: "OPTIONS/no CORS configuration", Op: "S3 OPTIONS (CORS preflight)",
			Source: localstack(moreCORS, "TestS3Cors::test_cors_http_options_no_config", "options-with-origin-and-method", "2023-07-31") + " (status 403 as AWS sends it)",
			Setup:  func(ctx context.Context, t *testing.T, w *World) { bucket(ctx, t, w, opsBucket) },
			Call:   preflight("http://localhost:4566", "PUT"),
			Want:   Want{Status: 403, Code: "AccessForbidden", Message: "CORSResponse: CORS is not enabled for this bucket."}},
	})
}

// TestS3MoreSSEC: SSE-C headers on PutObject refused as AWS refuses them.
func TestS3MoreSSEC(t *testing.T) {
	test := "TestS3SSECEncryption::test_put_object_validation_sse_c"
	key := []byte("abcdefghijklmnopqrstuvwxyz012345")
	sum := md5.Sum(key)
	put := func(edit func(in *s3.PutObjectInput)) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test-sse-c"), Body: strings.NewReader("test_data"),
				SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(b64(key)), SSECustomerKeyMD5: aws.String(b64(sum[:]))}
			edit(in)
			return c.PutObject(ctx, in)
		}
	}
	// botocore, given a key without its MD5, base64-encodes the key again
	// and sends that text's MD5: a 44-byte key.
	doubled := []byte(b64(key))
	doubledSum := md5.Sum(doubled)
	short := key[:10]
	shortSum := md5.Sum(short)
	prefix := "Requests specifying Server Side Encryption with Customer provided keys must provide "
	Run(t, beforeSSECBlock([]Case{
		s3Fails("PutObject/SSE-C and x-amz-server-side-encryption", localstack(moreS3, test, "put-obj-sse-c-both-encryption", "2026-02-21"), ssecSteps(),
			put(func(in *s3.PutObjectInput) {
				in.ServerSideEncryption, in.SSECustomerAlgorithm = types.ServerSideEncryptionAes256, aws.String("KMS")
			}),
			400, "InvalidArgument", "Server Side Encryption with Customer provided key is incompatible with the encryption method specified"),
		s3Fails("PutObject/SSE-C algorithm KMS", localstack(moreS3, test, "put-obj-sse-c-wrong-algo", "2026-02-21"), ssecSteps(),
			put(func(in *s3.PutObjectInput) { in.SSECustomerAlgorithm = aws.String("KMS") }),
			400, "InvalidEncryptionAlgorithmError", "The Encryption request you specified is not valid. Supported value: AES256."),
		s3Fails("PutObject/SSE-C key without algorithm", localstack(moreS3, test, "put-obj-sse-c-no-algo", "2026-02-21"), ssecSteps(),
			put(func(in *s3.PutObjectInput) { in.SSECustomerAlgorithm = nil }), 400, "InvalidArgument", prefix+"a valid encryption algorithm."),
		s3Fails("PutObject/SSE-C algorithm without key", localstack(moreS3, test, "put-obj-sse-c-no-key", "2026-02-21"), ssecSteps(),
			put(func(in *s3.PutObjectInput) { in.SSECustomerKey = nil }), 400, "InvalidArgument", prefix+"an appropriate secret key."),
		s3Fails("PutObject/SSE-C key base64-encoded twice", localstack(moreS3, test, "put-obj-sse-c-no-md5", "2026-02-21"), ssecSteps(),
			put(func(in *s3.PutObjectInput) {
				in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String(b64(doubled)), aws.String(b64(doubledSum[:]))
			}),
			400, "InvalidArgument", "The secret key was invalid for the specified algorithm."),
		s3Fails("PutObject/SSE-C key of 10 bytes", localstack(moreS3, test, "put-obj-sse-c-wrong-key-size", "2026-02-21"), ssecSteps(),
			put(func(in *s3.PutObjectInput) {
				in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String(b64(short)), aws.String(b64(shortSum[:]))
			}),
			400, "InvalidArgument", "The secret key was invalid for the specified algorithm."),
		s3Fails("PutObject/SSE-C key MD5 wrong", localstack(moreS3, test, "put-obj-sse-c-bad-md5", "2026-02-21"), ssecSteps(),
			put(func(in *s3.PutObjectInput) {
				s := b64(sum[:])
				bad := "a"
				if s[0] == 'a' {
					bad = "b"
				}
				in.SSECustomerKeyMD5 = aws.String(bad + s[1:])
			}),
			400, "InvalidArgument", "The calculated MD5 hash of the key did not match the hash that was provided."),
	}))
}

// TestS3MoreInventory: inventory configurations AWS refuses.
func TestS3MoreInventory(t *testing.T) {
	test := "TestS3::test_s3_put_inventory_report_exceptions"
	const id = "test-inventory"
	put := func(edit func(c *types.InventoryConfiguration)) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			cfg := &types.InventoryConfiguration{Id: aws.String(id), IsEnabled: aws.Bool(true), IncludedObjectVersions: types.InventoryIncludedObjectVersionsAll,
				Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
					Bucket: aws.String("arn:aws:s3:::" + opsBucket + "-dest"), Format: types.InventoryFormatCsv}},
				Schedule: &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily}}
			edit(cfg)
			return c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{Bucket: aws.String(b), Id: aws.String(id), InventoryConfiguration: cfg})
		}
	}
	steps := s3Steps(createBucketNamed(opsBucket + "-dest"))
	Run(t, []Case{
		s3Fails("PutBucketInventoryConfiguration/Id differs from the query's", localstack(moreS3, test, "wrong-id", "2026-02-21"), steps,
			put(func(c *types.InventoryConfiguration) { c.Id = aws.String(id + "wrong") }), 400, "IdMismatch", "Document ID does not match the specified configuration ID."),
		s3Fails("PutBucketInventoryConfiguration/destination bucket name, not ARN", localstack(moreS3, test, "wrong-destination-arn", "2026-02-21"), steps,
			put(func(c *types.InventoryConfiguration) {
				c.Destination.S3BucketDestination.Bucket = aws.String(opsBucket + "-dest")
			}),
			400, "InvalidS3DestinationBucket", "Invalid bucket ARN."),
		s3Fails("PutBucketInventoryConfiguration/unknown format", localstack(moreS3, test, "wrong-destination-format", "2026-02-21"), steps,
			put(func(c *types.InventoryConfiguration) { c.Destination.S3BucketDestination.Format = "WRONG-FORMAT" }), 400, "MalformedXML", msgMalformedXML),
		s3Fails("PutBucketInventoryConfiguration/hourly", localstack(moreS3, test, "wrong-schedule-frequency", "2026-02-21"), steps,
			put(func(c *types.InventoryConfiguration) { c.Schedule.Frequency = "Hourly" }), 400, "MalformedXML", msgMalformedXML),
		s3Fails("PutBucketInventoryConfiguration/unknown object versions", localstack(moreS3, test, "wrong-object-versions", "2026-02-21"), steps,
			put(func(c *types.InventoryConfiguration) { c.IncludedObjectVersions = "Wrong" }), 400, "MalformedXML", msgMalformedXML),
		s3Fails("PutBucketInventoryConfiguration/unknown optional field", localstack(moreS3, test, "wrong-optional-field", "2026-02-21"), steps,
			put(func(c *types.InventoryConfiguration) { c.OptionalFields = []types.InventoryOptionalField{"TestField"} }), 400, "MalformedXML", msgMalformedXML),
	})
}

// TestS3MoreMisc: an expired POST policy, archived objects, preflights to
// a bucket that does not exist, batch deletes in one that does not.
func TestS3MoreMisc(t *testing.T) {
	expiredPost := func(ctx context.Context, w *World) (any, error) {
		now := time.Now().UTC()
		date, stamp := now.Format("20060102"), now.Format("20060102T150405Z")
		cred := owner + "/" + date + "/us-east-1/s3/aws4_request"
		policy := base64.StdEncoding.EncodeToString([]byte(`{"expiration":"` + now.Add(-time.Minute).Format("2006-01-02T15:04:05Z") + `","conditions":[` +
			`{"bucket":"` + opsBucket + `"},{"key":"test-presigned-post-key"},{"x-amz-algorithm":"AWS4-HMAC-SHA256"},{"x-amz-credential":"` + cred + `"},{"x-amz-date":"` + stamp + `"}]}`))
		fields := [][2]string{{"key", "test-presigned-post-key"}, {"x-amz-algorithm", "AWS4-HMAC-SHA256"}, {"x-amz-credential", cred},
			{"x-amz-date", stamp}, {"policy", policy}, {"x-amz-signature", postPolicySignature("test", date, policy)}}
		return postForm(ctx, w, opsBucket, fields, "file", "file content")
	}
	archived := func(class types.StorageClass) s3Setup {
		return func(ctx context.Context, c *s3.Client) error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("test-put-object-storage-class"),
				Body: strings.NewReader("body-test"), StorageClass: class})
			return err
		}
	}
	get := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-put-object-storage-class")})
	}
	preflightMissing := func(origin string) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			r, err := http.NewRequestWithContext(ctx, http.MethodOptions, w.Endpoint+"/golden-no-such-bucket/key", nil)
			if err != nil {
				return nil, err
			}
			if origin != "" {
				r.Header.Set("Origin", origin)
				r.Header.Set("Access-Control-Request-Method", "GET")
			}
			return w.HTTP.Do(r)
		}
	}
	nonExistent := "TestS3Cors::test_cors_http_options_non_existent_bucket"
	Run(t, []Case{
		{Name: "PostObject/policy expired", Source: localstack(moreS3, "TestS3PresignedPost::test_post_request_expires", "exception", "2026-02-21") + " (StatusCode 403)",
			Setup: withBucket(opsBucket), Call: expiredPost,
			Want: Want{Status: 403, Code: "AccessDenied", Message: "Invalid according to Policy: Policy expired."}},
		s3Fails("GetObject/GLACIER object", localstack(moreS3, "TestS3::test_put_object_storage_class[GLACIER-False]", "get-object", "2026-02-21"),
			s3Steps(archived(types.StorageClassGlacier)), get, 403, "InvalidObjectState", "The operation is not valid for the object's storage class"),
		s3Fails("GetObject/DEEP_ARCHIVE object", localstack(moreS3, "TestS3::test_put_object_storage_class[DEEP_ARCHIVE-False]", "get-object", "2026-02-21"),
			s3Steps(archived(types.StorageClassDeepArchive)), get, 403, "InvalidObjectState", "The operation is not valid for the object's storage class"),
		s3OK("GetObjectAttributes/GLACIER object", localstack(moreS3, "TestS3::test_put_object_storage_class[GLACIER-False]", "get-object-storage-class", "2026-02-21"),
			s3Steps(archived(types.StorageClassGlacier)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: aws.String("test-put-object-storage-class"),
					ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesStorageClass}})
			}, map[string]any{"StorageClass": "GLACIER"}),
		s3OK("GetObject/GLACIER_IR object", localstack(moreS3, "TestS3::test_put_object_storage_class[GLACIER_IR-True]", "get-object", "2026-02-21"),
			s3Steps(archived(types.StorageClassGlacierIr)), get, map[string]any{"StorageClass": "GLACIER_IR", "ContentLength": 9}),
		{Name: "OPTIONS/no such bucket, no Origin", Op: "S3 OPTIONS (CORS preflight)",
			Source: localstack(moreCORS, nonExistent, "options-no-origin", "2023-07-31") + " (status 400 as AWS sends it)",
			Call:   preflightMissing(""), Want: Want{Status: 400, Code: "BadRequest", Message: "Insufficient information. Origin request header needed."}},
		{Name: "OPTIONS/no such bucket", Op: "S3 OPTIONS (CORS preflight)",
			Source: localstack(moreCORS, nonExistent, "options-with-origin", "2023-07-31") + " (status 403 as AWS sends it)",
			Call:   preflightMissing("http://localhost:4566"), Want: Want{Status: 403, Code: "AccessForbidden", Message: "CORSResponse: Bucket not found"}},
		{Name: "DeleteObjects/no such bucket", Source: localstack(moreS3, "TestS3::test_delete_non_existing_keys_in_non_existing_bucket", "error-non-existent-bucket", "2026-02-21"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3(Root(owner)).DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("golden-no-such-bucket"),
					Delete: &types.Delete{Objects: []types.ObjectIdentifier{{Key: aws.String("a")}, {Key: aws.String("b")}}}})
			}, Want: Want{Status: 404, Code: "NoSuchBucket", Message: "The specified bucket does not exist"}},
	})
}

// TestS3MoreBucketACL: PutBucketAcl bodies AWS refuses (the header forms
// are cited in s3ops_test.go).
func TestS3MoreBucketACL(t *testing.T) {
	test := "TestS3::test_s3_bucket_acl_exceptions"
	logDelivery, fakeGroup := "http://acs.amazonaws.com/groups/s3/LogDelivery", "http://acs.amazonaws.com/groups/s3/FakeGroup"
	put := func(acl types.BucketCannedACL, policy func(ownerID string) *types.AccessControlPolicy) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			l, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
			if err != nil {
				return nil, err
			}
			return c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(b), ACL: acl, AccessControlPolicy: policy(aws.ToString(l.Owner.ID))})
		}
	}
	acp := func(ownerID *string, grantee types.Grantee, perm types.Permission) *types.AccessControlPolicy {
		p := &types.AccessControlPolicy{Grants: []types.Grant{{Grantee: &grantee, Permission: perm}}}
		if ownerID != nil {
			p.Owner = &types.Owner{ID: ownerID}
		}
		return p
	}
	group := func(uri string) types.Grantee { return types.Grantee{Type: types.TypeGroup, URI: aws.String(uri)} }
	user := func(id string) types.Grantee { return types.Grantee{Type: types.TypeCanonicalUser, ID: aws.String(id)} }
	var cases []Case
	for _, c := range []struct {
		name, key, code, message string
		acl                      types.BucketCannedACL
		policy                   func(id string) *types.AccessControlPolicy
	}{
		{"policy without Owner", "put-bucket-acp-acl-1", "MalformedACLError", msgMalformedXML, "",
			func(string) *types.AccessControlPolicy { return acp(nil, group(logDelivery), types.PermissionWrite) }},
		{"unknown permission", "put-bucket-acp-acl-2", "MalformedACLError", msgMalformedXML, "",
			func(id string) *types.AccessControlPolicy { return acp(&id, group(logDelivery), "WRONG-PERMISSION") }},
		{"malformed Owner ID", "put-bucket-acp-acl-3", "InvalidArgument", "Invalid id", "",
			func(string) *types.AccessControlPolicy {
				return acp(aws.String("wrong-id"), group(logDelivery), types.PermissionFullControl)
			}},
		{"unknown group URI", "put-bucket-acp-acl-4", "InvalidArgument", "Invalid group uri", "",
			func(id string) *types.AccessControlPolicy {
				return acp(&id, group(fakeGroup), types.PermissionFullControl)
			}},
		{"malformed canonical id", "put-bucket-acp-acl-5", "InvalidArgument", "Invalid id", "",
			func(id string) *types.AccessControlPolicy {
				return acp(&id, user("wrong-id"), types.PermissionFullControl)
			}},
		{"unknown grantee type", "put-bucket-acp-acl-6", "MalformedACLError", msgMalformedXML, "",
			func(id string) *types.AccessControlPolicy {
				return acp(&id, types.Grantee{Type: "BadType", ID: aws.String("wrong-id")}, types.PermissionFullControl)
			}},
		{"empty policy", "put-bucket-empty-acp", "MalformedACLError", msgMalformedXML, "",
			func(string) *types.AccessControlPolicy { return &types.AccessControlPolicy{} }},
		{"canned ACL and a policy", "put-bucket-two-type-acl-acp", "UnexpectedContent", "This request does not support content", types.BucketCannedACLPrivate,
			func(id string) *types.AccessControlPolicy { return acp(&id, user(id), types.PermissionFullControl) }},
	} {
		cases = append(cases, s3Fails("PutBucketAcl/"+c.name, localstack(moreS3, test, c.key, "2026-02-21"), nil, put(c.acl, c.policy), 400, c.code, c.message))
	}
	Run(t, cases)
}

// TestS3MoreSSECReads: objects written with SSE-C are read and copied only
// with their key, and answer with the SSE-C headers.
func TestS3MoreSSECReads(t *testing.T) {
	ret := "TestS3SSECEncryption::test_object_retrieval_sse_c"
	cp := "TestS3SSECEncryption::test_copy_object_with_sse_c"
	key := []byte("abcdefghijklmnopqrstuvwxyz012345")
	sum := md5.Sum(key)
	k, kMD5 := aws.String(b64(key)), aws.String(b64(sum[:]))
	other := []byte("543210zyxwvutsrqponmlkjihgfedcba")
	otherSum := md5.Sum(other)
	doubled := []byte(b64(key))
	doubledSum := md5.Sum(doubled)
	const src = "test-sse-c"
	steps := ssecSteps(func(ctx context.Context, c *s3.Client) error {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(src), Body: strings.NewReader("test_data"),
			SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: k, SSECustomerKeyMD5: kMD5})
		return err
	})
	get := func(alg, key, keyMD5 *string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(src), SSECustomerAlgorithm: alg, SSECustomerKey: key, SSECustomerKeyMD5: keyMD5})
		}
	}
	head := func(alg, key, keyMD5 *string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(src), SSECustomerAlgorithm: alg, SSECustomerKey: key, SSECustomerKeyMD5: keyMD5})
		}
	}
	copyTo := func(edit func(in *s3.CopyObjectInput)) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("test-sse-c-target"), CopySource: aws.String(b + "/" + src),
				CopySourceSSECustomerAlgorithm: aws.String("AES256"), CopySourceSSECustomerKey: k, CopySourceSSECustomerKeyMD5: kMD5}
			edit(in)
			return c.CopyObject(ctx, in)
		}
	}
	storedSSE := "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object."
	wrongKey := "Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key."
	badAlg := "The Encryption request you specified is not valid. Supported value: AES256."
	kms := aws.String("KMS")
	Run(t, beforeSSECBlock([]Case{
		s3OK("PutObject/SSE-C", localstack(moreS3, ret, "put-obj-sse-c", "2026-02-21"), ssecSteps(),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(src), Body: strings.NewReader("test_data"),
					SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: k, SSECustomerKeyMD5: kMD5})
			}, map[string]any{"SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": *kMD5, "ServerSideEncryption": Absent}),
		s3Fails("GetObject/SSE-C object without the key", localstack(moreS3, ret, "get-obj-no-sse-c", "2026-02-21"), steps,
			get(nil, nil, nil), 400, "InvalidRequest", storedSSE),
		s3Fails("GetObject/SSE-C object with another key", localstack(moreS3, ret, "get-obj-sse-c-wrong-key", "2026-02-21"), steps,
			get(aws.String("AES256"), aws.String(b64(other)), aws.String(b64(otherSum[:]))), 403, "AccessDenied", wrongKey),
		s3Fails("GetObject/SSE-C object, algorithm KMS", localstack(moreS3, ret, "get-obj-sse-c-wrong-algo", "2026-02-21"), steps,
			get(kms, k, kMD5), 400, "InvalidEncryptionAlgorithmError", badAlg),
		s3Fails("HeadObject/SSE-C object, algorithm KMS", localstack(moreS3, ret, "head-obj-sse-c-wrong-algo", "2026-02-21"), steps,
			head(kms, k, kMD5), 400, "BadRequest", ""),
		s3Fails("GetObject/SSE-C object, key base64-encoded twice", localstack(moreS3, ret, "get-obj-sse-c-no-md5", "2026-02-21"), steps,
			get(aws.String("AES256"), aws.String(b64(doubled)), aws.String(b64(doubledSum[:]))), 403, "AccessDenied", wrongKey),
		s3Fails("HeadObject/SSE-C object, key base64-encoded twice", localstack(moreS3, ret, "head-obj-sse-c-no-md5", "2026-02-21"), steps,
			head(aws.String("AES256"), aws.String(b64(doubled)), aws.String(b64(doubledSum[:]))), 403, "Forbidden", ""),
		s3OK("GetObject/SSE-C object with its key", localstack(moreS3, ret, "put-obj-sse-c", "2026-02-21")+" (the key MD5 a read echoes is the write's)", steps,
			get(aws.String("AES256"), k, kMD5), map[string]any{"SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": *kMD5, "ServerSideEncryption": Absent, "ContentLength": 9}),
		s3OK("CopyObject/SSE-C source to a plain target", localstack(moreS3, cp, "copy-obj-sse-c-target-no-sse-c", "2026-02-21"), steps,
			copyTo(func(*s3.CopyObjectInput) {}), map[string]any{"ServerSideEncryption": "AES256", "SSECustomerAlgorithm": Absent}),
		s3OK("CopyObject/SSE-C source to an SSE-C target", localstack(moreS3, cp, "copy-obj-sse-c", "2026-02-21"), steps,
			copyTo(func(in *s3.CopyObjectInput) {
				in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), k, kMD5
			}),
			map[string]any{"SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": *kMD5, "ServerSideEncryption": Absent}),
		s3Fails("CopyObject/SSE-C source without its key", localstack(moreS3, cp, "copy-obj-no-src-sse-c", "2026-02-21"), steps,
			copyTo(func(in *s3.CopyObjectInput) {
				in.CopySourceSSECustomerAlgorithm, in.CopySourceSSECustomerKey, in.CopySourceSSECustomerKeyMD5 = nil, nil, nil
				in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), k, kMD5
			}), 400, "InvalidRequest", storedSSE),
		s3Fails("CopyObject/SSE-C source, algorithm KMS", localstack(moreS3, cp, "copy-obj-wrong-src-sse-c-algo", "2026-02-21"), steps,
			copyTo(func(in *s3.CopyObjectInput) { in.CopySourceSSECustomerAlgorithm = kms }), 400, "InvalidEncryptionAlgorithmError", badAlg),
		s3Fails("CopyObject/SSE-C target, algorithm KMS", localstack(moreS3, cp, "copy-obj-wrong-target-sse-c-algo", "2026-02-21"), steps,
			copyTo(func(in *s3.CopyObjectInput) {
				in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = kms, k, kMD5
			}),
			400, "InvalidEncryptionAlgorithmError", badAlg),
		s3Fails("CopyObject/SSE-C target with x-amz-server-side-encryption", localstack(moreS3, cp, "copy-obj-target-double-encryption", "2026-02-21"), steps,
			copyTo(func(in *s3.CopyObjectInput) {
				in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), k, kMD5
				in.ServerSideEncryption = types.ServerSideEncryptionAes256
			}), 400, "InvalidArgument", "Server Side Encryption with Customer provided key is incompatible with the encryption method specified"),
	}))
}

// TestS3MoreSSECMultipart: SSE-C across a multipart upload, and
// GetObjectAttributes of an SSE-C object.
func TestS3MoreSSECMultipart(t *testing.T) {
	val := "TestS3SSECEncryption::test_multipart_upload_sse_c_validation"
	key := []byte("abcdefghijklmnopqrstuvwxyz012345")
	sum := md5.Sum(key)
	k, kMD5 := aws.String(b64(key)), aws.String(b64(sum[:]))
	other := []byte("543210zyxwvutsrqponmlkjihgfedcba")
	const mk = "test-sse-c-multipart"
	create := func(ssec bool) func(ctx context.Context, c *s3.Client) (*string, error) {
		return func(ctx context.Context, c *s3.Client) (*string, error) {
			in := &s3.CreateMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String(mk)}
			if ssec {
				in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), k, kMD5
			}
			out, err := c.CreateMultipartUpload(ctx, in)
			if err != nil {
				return nil, err
			}
			return out.UploadId, nil
		}
	}
	part := func(ssec bool, partKey []byte) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			id, err := create(ssec)(ctx, c)
			if err != nil {
				return nil, err
			}
			in := &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String(mk), UploadId: id, PartNumber: aws.Int32(1), Body: strings.NewReader("testbody")}
			if partKey != nil {
				s := md5.Sum(partKey)
				in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(b64(partKey)), aws.String(b64(s[:]))
			}
			return c.UploadPart(ctx, in)
		}
	}
	initiate := "The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters."
	Run(t, beforeSSECBlock([]Case{
		s3OK("CreateMultipartUpload/SSE-C", localstack(moreS3, val, "create-mpu-sse-c", "2026-02-21"), ssecSteps(),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(mk),
					SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: k, SSECustomerKeyMD5: kMD5})
			}, map[string]any{"SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": *kMD5, "ServerSideEncryption": Absent}),
		s3Fails("UploadPart/SSE-C part of a plain upload", localstack(moreS3, val, "mpu-no-sse-c-upload-part-with-sse-c", "2026-02-21"), ssecSteps(),
			part(false, key), 400, "InvalidRequest", initiate),
		s3Fails("UploadPart/plain part of an SSE-C upload", localstack(moreS3, val, "mpu-sse-c-upload-part-no-sse-c", "2026-02-21"), ssecSteps(),
			part(true, nil), 400, "InvalidRequest", initiate),
		s3Fails("UploadPart/another key than the upload's", localstack(moreS3, val, "mpu-sse-c-upload-part-wrong-sse-c", "2026-02-21"), ssecSteps(),
			part(true, other), 400, "InvalidRequest", "The provided encryption parameters did not match the ones used originally."),
		s3Fails("GetObject/SSE-C multipart object without the key", localstack(moreS3, "TestS3SSECEncryption::test_multipart_upload_sse_c", "get-obj-no-sse-c-param", "2026-02-21"), ssecSteps(),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				id, err := create(true)(ctx, c)
				if err != nil {
					return nil, err
				}
				p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String(mk), UploadId: id, PartNumber: aws.Int32(1),
					Body: strings.NewReader("testbody"), SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: k, SSECustomerKeyMD5: kMD5})
				if err != nil {
					return nil, err
				}
				if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(mk), UploadId: id,
					SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: k, SSECustomerKeyMD5: kMD5,
					MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: p.ETag, PartNumber: aws.Int32(1)}}}}); err != nil {
					return nil, err
				}
				return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(mk)})
			}, 400, "InvalidRequest", "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object."),
		s3Fails("GetObjectAttributes/SSE-C object, algorithm KMS", localstack(moreS3, "TestS3SSECEncryption::test_object_retrieval_sse_c", "get-obj-attrs-sse-c-wrong-algo", "2026-02-21"),
			ssecSteps(func(ctx context.Context, c *s3.Client) error {
				_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("test-sse-c"), Body: strings.NewReader("test_data"),
					SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: k, SSECustomerKeyMD5: kMD5})
				return err
			}),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: aws.String("test-sse-c"),
					SSECustomerAlgorithm: aws.String("KMS"), SSECustomerKey: k, SSECustomerKeyMD5: kMD5, ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesEtag}})
			}, 400, "InvalidEncryptionAlgorithmError", "The Encryption request you specified is not valid. Supported value: AES256."),
	}))
}

// TestS3MoreReplication: replication configurations AWS refuses on a
// versioned source bucket.
func TestS3MoreReplication(t *testing.T) {
	noFilter := "TestS3BucketReplication::test_replication_config_without_filter"
	put := func(dst string, rules bool) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			cfg := &types.ReplicationConfiguration{Role: aws.String("arn:aws:iam::" + owner + ":role/replication"), Rules: []types.ReplicationRule{}}
			if rules {
				cfg.Rules = []types.ReplicationRule{{Status: types.ReplicationRuleStatusEnabled, Priority: aws.Int32(1),
					Filter:                  &types.ReplicationRuleFilter{Prefix: aws.String("")},
					DeleteMarkerReplication: &types.DeleteMarkerReplication{Status: types.DeleteMarkerReplicationStatusDisabled},
					Destination:             &types.Destination{Bucket: aws.String("arn:aws:s3:::" + dst)}}}
			}
			return c.PutBucketReplication(ctx, &s3.PutBucketReplicationInput{Bucket: aws.String(b), ReplicationConfiguration: cfg})
		}
	}
	Run(t, []Case{
		s3Fails("PutBucketReplication/destination bucket does not exist", localstack(moreS3, noFilter, "expected_error_dest_does_not_exist", "2026-02-21"),
			s3Steps(versionedOps), put("does-not-exist", true), 400, "InvalidRequest", "Destination bucket must have versioning enabled."),
		s3Fails("PutBucketReplication/destination bucket not versioned", localstack(moreS3, noFilter, "expected_error_dest_versioning_disabled", "2026-02-21"),
			s3Steps(versionedOps, createBucketNamed(opsBucket+"-dst")), put(opsBucket+"-dst", true), 400, "InvalidRequest", "Destination bucket must have versioning enabled."),
		s3Fails("PutBucketReplication/no rules", localstack(moreS3, "TestS3BucketReplication::test_replication_config", "put-empty-bucket-replication-rules", "2026-02-21"),
			s3Steps(versionedOps), put("", false), 400, "MalformedXML", msgMalformedXML),
	})
}

// TestS3MoreSSECVersions: each version of an object keeps its own SSE-C
// key.
func TestS3MoreSSECVersions(t *testing.T) {
	test := "TestS3SSECEncryption::test_sse_c_with_versioning"
	const k = "test-versioning-sse-c"
	keys := [][]byte{[]byte("abcdefghijklmnopqrstuvwxyz012345"), []byte("543210zyxwvutsrqponmlkjihgfedcba")}
	ssec := func(i int) (*string, *string, *string) {
		s := md5.Sum(keys[i])
		return aws.String("AES256"), aws.String(b64(keys[i])), aws.String(b64(s[:]))
	}
	steps := ssecSteps(versionedOps, func(ctx context.Context, c *s3.Client) error {
		for i, body := range []string{"version1", "version2"} {
			alg, key, sum := ssec(i)
			if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), Body: strings.NewReader(body),
				SSECustomerAlgorithm: alg, SSECustomerKey: key, SSECustomerKeyMD5: sum}); err != nil {
				return err
			}
		}
		return nil
	})
	getWith := func(keyIndex int, first bool) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			var version *string
			if first {
				out, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b), Prefix: aws.String(k)})
				if err != nil {
					return nil, err
				}
				for _, v := range out.Versions {
					if !aws.ToBool(v.IsLatest) {
						version = v.VersionId
					}
				}
			}
			alg, key, sum := ssec(keyIndex)
			return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: version,
				SSECustomerAlgorithm: alg, SSECustomerKey: key, SSECustomerKeyMD5: sum})
		}
	}
	_, _, sum2 := ssec(1)
	Run(t, beforeSSECBlock([]Case{
		s3OK("GetObject/SSE-C latest version with its key", localstack(moreS3, test, "get-obj-sse-c-last-version", "2026-02-21"), steps,
			getWith(1, false), map[string]any{"SSECustomerKeyMD5": *sum2, "ContentLength": 8}),
		s3Fails("GetObject/SSE-C older version with the latest's key", localstack(moreS3, test, "get-obj-sse-c-last-version-wrong-key", "2026-02-21"), steps,
			getWith(1, true), 403, "AccessDenied", "Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key."),
	}))
}
