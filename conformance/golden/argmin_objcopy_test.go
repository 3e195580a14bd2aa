package golden

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"hash/crc64"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// objCRC64NVME is the base64 CRC-64/NVME of data (S3's default checksum).
func objCRC64NVME(data string) string {
	sum := crc64.Checksum([]byte(data), crc64.MakeTable(0x9a6c9329ac4bc9b5))
	return b64(binary.BigEndian.AppendUint64(nil, sum))
}

// objRawPut writes key with a signed request by the primary user that
// sets no checksum (the suite's send_signed_request / raw_object_with).
func objRawPut(key, body string, header http.Header) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		resp, err := w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt+"/"+key, []byte(body), header)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("raw PUT %s: %s", key, resp.Status)
		}
		return nil
	}
}

// objCurrentVersion calls next with key's current version id.
func objCurrentVersion(key string, next func(version string) objCall) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		head, err := primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		if err != nil {
			return head, err
		}
		return next(aws.ToString(head.VersionId))(ctx, w, u)
	}
}

// objCopySource sets CopyObject's x-amz-copy-source to src as given.
func objCopySource(src string) func(*s3.CopyObjectInput) {
	return func(in *s3.CopyObjectInput) { in.CopySource = aws.String(src) }
}

const objBkt2 = "argmin-bucket-2"

func objSecondBucket(versioned bool) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		b := aws.String(objBkt2)
		if _, err := root(w).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: b}); err != nil || !versioned {
			return err
		}
		_, err := root(w).PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b,
			VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
		return err
	}
}

// objCopyInto copies src (a full x-amz-copy-source) to bucket/key.
func objCopyInto(bucket, key string, src func(ctx context.Context, w *World, u *argminUsers) string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), CopySource: aws.String(src(ctx, w, u))})
	}
}

func TestArgminObjCopy(t *testing.T) {
	src := func(test string) string { return argmin("copy_object.rs", test) }
	foo := objBucket(argminPut("foo123bar", "foo", ""))
	cp := func(mod func(*s3.CopyObjectInput)) objCall { return objCopy(primary, "foo123bar", "bar321foo", mod) }
	getDst := objGet(primary, "bar321foo", nil)
	withMeta := objBucket(objStep(objPut(primary, "foo123bar", "foo", func(in *s3.PutObjectInput) {
		in.ContentType, in.Metadata = aws.String("audio/ogg"), map[string]string{"key1": "value1", "key2": "value2"}
	})))
	Run(t, []Case{
		argminCase("CopyObject/an empty object", src("test_object_copy_zero_size"), objBucket(argminPut("foo123bar", "", "")),
			objSeq(cp(nil), getDst), Want{Fields: map[string]any{"Out.ContentLength": 0}}),
		argminCase("CopyObject/within the bucket", src("test_object_copy_same_bucket"), foo, objSeq(cp(nil), getDst), objBodyIs("foo")),
		argminCase("CopyObject/a wrong x-amz-source-expected-bucket-owner", src("test_object_copy_wrong_expected_source_bucket_owner"), foo,
			cp(func(in *s3.CopyObjectInput) { in.ExpectedSourceBucketOwner = aws.String("000000000000") }), argminDenied),
		argminCase("CopyObject/keeps the Content-Type", src("test_object_copy_verify_contenttype"),
			objBucket(objStep(objPut(primary, "foo123bar", "foo", func(in *s3.PutObjectInput) { in.ContentType = aws.String("text/bla") }))),
			objSeq(cp(nil), getDst), Want{Fields: map[string]any{"Body": "foo", "Out.ContentType": "text/bla"}}),
		argminCase("CopyObject/onto itself without REPLACE", src("test_object_copy_to_itself"), foo,
			objStatusOnly(objCopy(primary, "foo123bar", "foo123bar", nil)), Want{Status: http.StatusBadRequest}),
		argminCase("CopyObject/onto itself with REPLACE and metadata", src("test_object_copy_to_itself_with_metadata"), foo,
			objSeq(objCopy(primary, "foo123bar", "foo123bar", func(in *s3.CopyObjectInput) {
				in.MetadataDirective, in.Metadata = types.MetadataDirectiveReplace, map[string]string{"foo": "bar"}
			}), objGet(primary, "foo123bar", nil)), Want{Fields: map[string]any{"Out.Metadata.foo": "bar"}}),
		argminCase("CopyObject/into another bucket", src("test_object_copy_diff_bucket"), append(foo, objSecondBucket(false)),
			objSeq(objCopyInto(objBkt2, "bar321foo", func(context.Context, *World, *argminUsers) string { return argminBkt + "/foo123bar" }),
				func(ctx context.Context, w *World, u *argminUsers) (any, error) {
					out, err := primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(objBkt2), Key: aws.String("bar321foo")})
					return out, err
				}), Want{Fields: map[string]any{"ContentLength": 3, "ETag": objETag("foo")}}),
		argminCase("CopyObject/keeps the metadata by default", src("test_object_copy_retaining_metadata"), withMeta, objSeq(cp(nil), getDst),
			Want{Fields: map[string]any{"Out.ContentType": "audio/ogg", "Out.Metadata.key1": "value1", "Out.Metadata.key2": "value2", "Out.ContentLength": 3}}),
		argminCase("CopyObject/REPLACE replaces the metadata", src("test_object_copy_replacing_metadata"), withMeta,
			objSeq(cp(func(in *s3.CopyObjectInput) {
				in.MetadataDirective, in.ContentType = types.MetadataDirectiveReplace, aws.String("audio/mpeg")
				in.Metadata = map[string]string{"key3": "value3", "key2": "value2"}
			}), getDst),
			Want{Fields: map[string]any{"Out.ContentType": "audio/mpeg", "Out.Metadata.key3": "value3", "Out.Metadata.key2": "value2",
				"Out.Metadata.key1": Absent, "Out.ContentLength": 3}}),
		argminCase("CopyObject/from a missing bucket", src("test_object_copy_bucket_not_found"), objBucket(),
			objStatusOnly(cp(objCopySource(argminBkt+"-fake/foo123bar"))), Want{Status: http.StatusNotFound}),
		argminCase("CopyObject/from a missing key", src("test_object_copy_key_not_found"), objBucket(),
			objStatusOnly(cp(nil)), Want{Status: http.StatusNotFound}),
		argminCase("CopyObject/another account from a bucket it may not read", src("test_object_copy_not_owned_bucket"), append(foo, argminAltBucketStep),
			func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				return alt(w).CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(argminAltBucket), Key: aws.String("bar321foo"),
					CopySource: aws.String(argminBkt + "/foo123bar")})
			}, argminDenied),
		argminCase("CopyObject/REPLACE with a 3000-byte Content-Disposition", src("test_copy_object_replace_rejects_system_metadata_over_limit"),
			objBucket(argminPut("src", "hello world", "")),
			objCopy(primary, "src", "dst", func(in *s3.CopyObjectInput) {
				in.MetadataDirective, in.ContentDisposition = types.MetadataDirectiveReplace, aws.String(strings.Repeat("d", 3000))
			}), Want{Status: http.StatusBadRequest, Code: "MetadataTooLarge"}),
		argminCase("HeadObject/a copy made with REPLACE and CRC32 has the data's CRC32", src("test_copy_object_replace_strips_bogus_inline_checksum"),
			objBucket(argminPut("src", "hello world", "")),
			objSeq(objCopy(primary, "src", "dst", func(in *s3.CopyObjectInput) {
				in.MetadataDirective, in.ChecksumAlgorithm = types.MetadataDirectiveReplace, types.ChecksumAlgorithmCrc32
			}), objHead(primary, "dst", func(in *s3.HeadObjectInput) { in.ChecksumMode = types.ChecksumModeEnabled })),
			Want{Fields: map[string]any{"ChecksumCRC32": crc32Of(crc32.IEEETable, "hello world")}}),
		argminCase("GetObject/a copy made with REPLACE and SHA256 has the data's SHA256", src("test_copy_object_replace_checksum_algorithm_recomputes"),
			objBucket(argminPut("src", "test data for checksum", "")),
			objSeq(objCopy(primary, "src", "dst", func(in *s3.CopyObjectInput) {
				in.MetadataDirective, in.ChecksumAlgorithm = types.MetadataDirectiveReplace, types.ChecksumAlgorithmSha256
			}), objGet(primary, "dst", func(in *s3.GetObjectInput) { in.ChecksumMode = types.ChecksumModeEnabled })),
			Want{Fields: map[string]any{"Out.ChecksumSHA256": sha256B64("test data for checksum")}}),
		argminCase("CopyObject/x-amz-copy-source without a key", src("test_copy_object_source_missing_key"), objBucket(argminPut("src", "data", "")),
			objCopy(primary, "src", "dst", objCopySource(argminBkt)), Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}),
		argminCase("CopyObject/x-amz-copy-source with an empty key", src("test_copy_object_source_empty_key"), objBucket(argminPut("src", "data", "")),
			objCopy(primary, "src", "dst", objCopySource(argminBkt+"/")), Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}),
		argminCase("CopyObject/x-amz-copy-source with a bad percent-encoding", src("test_copy_object_source_invalid_percent_encoding_rejected"), objBucket(),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt+"/dst", []byte{}, http.Header{"X-Amz-Copy-Source": {argminBkt + "/bad%80key"}})
			}, Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}),
		argminCase("CopyObject/x-amz-copy-source naming a 64-character bucket", src("test_copy_object_source_oversized_bucket_rejected"), objBucket(),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt+"/dst", []byte{}, http.Header{"X-Amz-Copy-Source": {strings.Repeat("a", 64) + "/src"}})
			}, Want{Status: http.StatusNotFound, Code: "NoSuchBucket"}),
		argminCase("CopyObject/the answer's shape", src("test_copy_object_response_shape"), objBucket(objRawPut("copy-source.txt", "copy source body", nil)),
			objCopy(primary, "copy-source.txt", "copy-dest.txt", nil),
			Want{Fields: map[string]any{"CopyObjectResult.ChecksumCRC64NVME": "Ze8UTXhpCtY=", "CopyObjectResult.ChecksumType": "FULL_OBJECT",
				"CopyObjectResult.ETag": objETag("copy source body"), "CopyObjectResult.LastModified": Present,
				"header:Content-Type": "application/xml", "header:X-Amz-Server-Side-Encryption": "AES256"}}),
		argminCase("GetObjectAttributes/a copy of an object without checksum keeps its CRC64NVME", src("test_copy_object_default_checksum_is_crc64nvme"),
			objBucket(objRawPut("src", "hello", nil)),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				resp, err := w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt+"/dst", []byte{}, http.Header{"X-Amz-Copy-Source": {argminBkt + "/src"}})
				if err != nil {
					return resp, err
				}
				resp.Body.Close()
				return primary(w, u).GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(argminBkt), Key: aws.String("dst"),
					ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesChecksum}})
			}, Want{Fields: map[string]any{"Checksum.ChecksumType": "FULL_OBJECT", "Checksum.ChecksumCRC64NVME": objCRC64NVME("hello")}}),
	})
}

func TestArgminObjCopyVersions(t *testing.T) {
	src := func(test string) string { return argmin("copy_object.rs", test) }
	versioned := func(extra ...argminStep) []argminStep {
		return objBucket(append([]argminStep{objVersioning}, extra...)...)
	}
	withVersion := func(key, version string) string {
		return argminBkt + "/" + url.PathEscape(key) + "?versionId=" + url.QueryEscape(version)
	}
	hello := versioned(argminPut("foo123bar", "hello", ""))
	copyVersion := func(bucket, dst string) objCall {
		return objCurrentVersion("foo123bar", func(v string) objCall {
			return objCopyInto(bucket, dst, func(context.Context, *World, *argminUsers) string { return withVersion("foo123bar", v) })
		})
	}
	headIn := func(bucket, key string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
		}
	}
	five := Want{Fields: map[string]any{"ContentLength": 5}}
	deleted := func(key string) argminStep {
		return objStep(objDelete(primary, key, nil))
	}
	const mib5 = 5 << 20
	Run(t, []Case{
		argminCase("CopyObject/a source version within the bucket", src("test_object_copy_versioned_bucket"), hello,
			objSeq(copyVersion(argminBkt, "bar321foo"), objGet(primary, "bar321foo", nil)),
			Want{Fields: map[string]any{"Body": "hello", "Out.ContentLength": 5, "Out.VersionId": Present}}),
		argminCase("CopyObject/a source version into another versioned bucket", src("test_object_copy_versioned_bucket"), append(hello, objSecondBucket(true)),
			objSeq(copyVersion(objBkt2, "bar321foo3"), headIn(objBkt2, "bar321foo3")), five),
		argminCase("CopyObject/a source version into an unversioned bucket", src("test_object_copy_versioned_bucket"), append(hello, objSecondBucket(false)),
			objSeq(copyVersion(objBkt2, "bar321foo4"), headIn(objBkt2, "bar321foo4")), five),
		argminCase("CopyObject/a source version whose key needs encoding", src("test_object_copy_versioned_url_encoding"), versioned(argminPut("foo?bar", "data", "")),
			objSeq(objCurrentVersion("foo?bar", func(v string) objCall {
				return objCopy(primary, "", "bar&foo", objCopySource(withVersion("foo?bar", v)))
			}), objHead(primary, "bar&foo", nil)), Want{Fields: map[string]any{"ContentLength": 4}}),
		argminCase("CopyObject/a versionId with a percent-encoded first byte", src("test_object_copy_source_version_id_percent_decoded"),
			versioned(argminPut("version-id-percent-source", "percent-version-first", "")),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				head, err := primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("version-id-percent-source")})
				if err != nil {
					return head, err
				}
				v := aws.ToString(head.VersionId)
				if _, err := objPut(primary, "version-id-percent-source", "percent-version-latest", nil)(ctx, w, u); err != nil {
					return nil, err
				}
				encoded := fmt.Sprintf("%%%02X", v[0]) + url.QueryEscape(v[1:])
				return objSeq(objCopy(primary, "", "version-id-percent-destination",
					objCopySource(argminBkt+"/version-id-percent-source?versionId="+encoded)), objGet(primary, "version-id-percent-destination", nil))(ctx, w, u)
			}, objBodyIs("percent-version-first")),
		argminCase("CopyObject/a multipart object in a versioned bucket", src("test_object_copy_versioning_multipart_upload"),
			versioned(objStep(objSinglePartUpload(primary, "mp-src", strings.Repeat("M", mib5), nil))),
			objCopy(primary, "mp-src", "mp-dst", nil), Want{Fields: map[string]any{"VersionId": Present}}),
		argminCase("GetObject/the copy of a multipart object", src("test_object_copy_versioning_multipart_upload"),
			versioned(objStep(objSinglePartUpload(primary, "mp-src", strings.Repeat("M", mib5), nil)), objStep(objCopy(primary, "mp-src", "mp-dst", nil))),
			objGet(primary, "mp-dst", nil), Want{Fields: map[string]any{"Out.ContentLength": mib5, "Body": strings.Repeat("M", mib5)}}),
		argminCase("CopyObject/from a key whose current version is a delete marker", src("test_copy_object_delete_marker_source"),
			versioned(argminPut("delete-marker-src", "original", ""), deleted("delete-marker-src")),
			objCopy(primary, "delete-marker-src", "delete-marker-dst", nil), Want{Status: http.StatusNotFound, Code: "NoSuchKey"}),
		argminCase("CopyObject/naming a delete marker's versionId", src("test_copy_object_delete_marker_version_id"),
			versioned(argminPut("dm-version-src", "data", "")),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				del, err := primary(w, u).DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("dm-version-src")})
				if err != nil {
					return del, err
				}
				return objCopy(primary, "", "dm-version-dst", objCopySource(withVersion("dm-version-src", aws.ToString(del.VersionId))))(ctx, w, u)
			}, Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}),
	})
}

// objGrantAltObject sets key's ACL to its owner's FULL_CONTROL and the
// alternate account's FULL_CONTROL (copy_object_acl.rs's set-up).
func objGrantAltObject(key string) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		acl, err := root(w).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		if err != nil {
			return err
		}
		if err := argminAltBucketStep(ctx, w, nil); err != nil {
			return err
		}
		altID, err := argminCanonicalID(ctx, alt(w), argminAltBucket)
		if err != nil {
			return err
		}
		full := func(id *string) types.Grant {
			return types.Grant{Grantee: &types.Grantee{Type: types.TypeCanonicalUser, ID: id}, Permission: types.PermissionFullControl}
		}
		_, err = root(w).PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String(key),
			AccessControlPolicy: &types.AccessControlPolicy{Owner: acl.Owner, Grants: []types.Grant{full(acl.Owner.ID), full(aws.String(altID))}}})
		return err
	}
}

// objAltOwnership is what the suite checks of an object ACL the alternate
// account reads: whether it owns the object and holds FULL_CONTROL.
type objAltOwnership struct{ OwnerIsAlt, AltFullControl bool }

func objAltACL(key string) objCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		altID, err := argminCanonicalID(ctx, alt(w), argminAltBucket)
		if err != nil {
			return nil, err
		}
		acl, err := alt(w).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		if err != nil {
			return acl, err
		}
		got := objAltOwnership{OwnerIsAlt: acl.Owner != nil && aws.ToString(acl.Owner.ID) == altID}
		for _, g := range acl.Grants {
			if g.Permission == types.PermissionFullControl && g.Grantee != nil && aws.ToString(g.Grantee.ID) == altID && g.Grantee.URI == nil {
				got.AltFullControl = true
			}
		}
		return got, nil
	}
}

func TestArgminObjCopyACL(t *testing.T) {
	src := argmin("copy_object_acl.rs", "test_object_copy_not_owned_object_bucket")
	granted := objACLBucket(types.ObjectOwnershipObjectWriter, argminPut("foo123bar", "foo", ""),
		objGrantAltObject("foo123bar"), argminGrantAlt(types.PermissionFullControl))
	altCopy := func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return alt(w).CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("bar321foo"), CopySource: aws.String(argminBkt + "/foo123bar")})
	}
	Run(t, []Case{
		argminCase("GetObject/another account granted FULL_CONTROL of the object", src, granted, objGet(altClient, "foo123bar", nil), objBodyIs("foo")),
		argminCase("CopyObject/another account granted FULL_CONTROL of the source and bucket", src, granted,
			objSeq(altCopy, objGet(altClient, "bar321foo", nil)), objBodyIs("foo")),
		argminCase("GetObjectAcl/the copy belongs to the account that made it", src, append(granted, objStep(altCopy)),
			objAltACL("bar321foo"), Want{Fields: map[string]any{"OwnerIsAlt": true, "AltFullControl": true}}),
	})
}
