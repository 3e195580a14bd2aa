package golden

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// bucketAnswers4: NoSuchBucket naming the bucket, a bucket's CORS and
// default ACL.
func bucketAnswers4() []Case {
	const notExist, exists = "TestS3::test_bucket_does_not_exist", "TestS3::test_bucket_exists"
	noBucket := Want{Status: 404, Code: "NoSuchBucket", Message: msgNoBucket}
	named := func(name string) Want {
		w := noBucket
		w.Fields = map[string]any{"header:Xml-BucketName": name}
		return w
	}
	cors := &types.CORSConfiguration{CORSRules: []types.CORSRule{{AllowedMethods: []string{"GET", "POST", "PUT", "DELETE"}, AllowedOrigins: []string{"localhost"}}}}
	return []Case{
		{Name: "ListObjects/no such bucket names it", Source: s3rec4(notExist, "list_object"),
			Call: rawOn(http.MethodGet, "/bucket-does-not-exist-golden", nil), Want: named("bucket-does-not-exist-golden")},
		{Name: "ListObjects/anonymous, no such bucket", Source: s3rec4(notExist, "(asserts)"),
			Call: anonymous(http.MethodGet, "/bucket-does-not-exist-golden"), Want: Want{Status: 404, Code: "NoSuchBucket", Message: msgNoBucket}},
		{Name: "GetBucketAcl/no such bucket names it", Source: s3rec4(exists, "get-bucket-not-exists"),
			Call: rawOn(http.MethodGet, "/bucket-not-exists?acl", nil), Want: named("bucket-not-exists")},
		s3OK("GetBucketCors/as put", s3rec4(exists, "get-bucket-cors"), s3Steps(run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(b), CORSConfiguration: cors})
		})), func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String(b)})
		}, map[string]any{"CORSRules": Len(1), "CORSRules[0].AllowedMethods": Len(4), "CORSRules[0].AllowedMethods[3]": "DELETE",
			"CORSRules[0].AllowedOrigins": Len(1), "CORSRules[0].AllowedOrigins[0]": "localhost", "CORSRules[0].AllowedHeaders": Absent,
			"CORSRules[0].ExposeHeaders": Absent, "CORSRules[0].MaxAgeSeconds": Absent, "CORSRules[0].ID": Absent}),
		s3OK("GetBucketAcl/new bucket", s3rec4(exists, "get-bucket-acl"), nil, func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(b)})
		}, map[string]any{"Grants": Len(1), "Grants[0].Permission": "FULL_CONTROL", "Grants[0].Grantee.Type": "CanonicalUser",
			"Grants[0].Grantee.ID": Present, "Owner.ID": Present, "Owner.DisplayName": Absent}),
	}
}

// objectAnswers4: reads, listings and deletes of plain objects.
func objectAnswers4() []Case {
	listV2 := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b)})
	}
	versions := func(enc types.EncodingType) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b), EncodingType: enc})
		}
	}
	get := func(key, rng string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(key)}
			if rng != "" {
				in.Range = aws.String(rng)
			}
			return c.GetObject(ctx, in)
		}
	}
	head := func(key string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(key)})
		}
	}
	const lorem = "Lorem ipsum dolor sit amet, ... "
	const k1, k2 = "aws/s3/testkey1.txt", "aws/s3/testkey2.txt"
	deleteFirstVersion := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		v, err := headVersion(ctx, c, b, k1)
		if err != nil {
			return nil, err
		}
		out, err := deleteObjects(ctx, c, b, objID(k1, v))
		if err == nil && len(out.Deleted) == 1 && aws.ToString(out.Deleted[0].VersionId) != aws.ToString(v) {
			out.Deleted[0].VersionId = aws.String("not the deleted version's id")
		}
		return out, err
	}
	versionedTwo := s3Steps(versionedOps, putKey(k1, strings.Repeat(lorem, 30)), putKey(k2, strings.Repeat(lorem, 30)))
	batch := s3Steps()
	var batchIDs []types.ObjectIdentifier
	for i := 0; i < 5; i++ {
		k := fmt.Sprintf("key-batch-delete-%d", i)
		batch = append(batch, putKey(k, "This body document"))
		batchIDs = append(batchIDs, objID(k, nil))
	}
	batchDelete := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return deleteObjects(ctx, c, b, batchIDs...)
	}
	gz := gzipped(strings.Repeat("1234567890 ", 100))
	random := strings.Repeat("\x01\x02\x03\x04\x05\x06\x07\x08", 256)
	deep := putKeyWith("deep-key", "body data", func(in *s3.PutObjectInput) { in.StorageClass = types.StorageClassDeepArchive })
	deepCase := s3Fails("GetObject/DEEP_ARCHIVE object", s3rec4("TestS3DeepArchive::test_s3_get_deep_archive_object_restore", "get-object-invalid-state"),
		s3Steps(deep), get("deep-key", ""), 403, "InvalidObjectState", "The operation is not valid for the object's storage class")
	deepCase.Want.Fields = map[string]any{"StorageClass": "DEEP_ARCHIVE"}
	return []Case{
		s3OK("ListObjectsV2/keys percent-encoded and not", s3rec4("TestS3::test_url_encoded_key[False]", "list-object-encoded-char"),
			s3Steps(putKey("test@key/", "test-non-encoded"), putKey("test%40key/", "test-encoded"), putKey("test%40key", "test-encoded-no-trailing")), listV2,
			map[string]any{"Contents": Len(3), "Contents[0].Key": "test%40key", "Contents[0].Size": 24, "Contents[1].Key": "test%40key/", "Contents[1].Size": 12,
				"Contents[2].Key": "test@key/", "Contents[2].Size": 16, "KeyCount": 3}),
		s3OK("ListObjectsV2/single-character keys with a trailing slash", s3rec4("TestS3::test_put_get_object_single_character_trailing_slash", "list-objects-single-char"),
			s3Steps(putKey("a/", "test"), putKey("t/", "test"), putKey("u/", "test")), listV2,
			map[string]any{"Contents": Len(3), "Contents[0].Key": "a/", "Contents[1].Key": "t/", "Contents[2].Key": "u/"}),
		s3OK("ListObjectsV2/keys with leading slashes", s3rec4("TestS3::test_object_with_slashes_in_key[False]", "list-objects-slashes"),
			s3Steps(putKey("/foo", "foobar"), putKey("bar", "barfoo"), putKey("/bar/foo/", "test")), listV2,
			map[string]any{"Contents": Len(3), "Contents[0].Key": "/bar/foo/", "Contents[1].Key": "/foo", "Contents[2].Key": "bar", "Contents[0].Size": 4}),
		withStatus(206, s3OK("GetObject/range of the first KiB", s3rec4("TestS3::test_range_header_body_length", "get-object"), s3Steps(putKey("sample.bin", random)),
			get("sample.bin", "bytes=0-1023"), map[string]any{"ContentLength": 1024, "ContentRange": "bytes 0-1023/2048", "AcceptRanges": "bytes"})),
		withStatus(206, s3OK("GetObject/range past the end", s3rec4("TestS3::test_range_header_body_length", "get-object-2"), s3Steps(putKey("sample.bin", random)),
			get("sample.bin", "bytes=1024-2048"), map[string]any{"ContentLength": 1024, "ContentRange": "bytes 1024-2047/2048"})),
		deepCase,
		s3OK("ListObjectVersions/unversioned empty bucket, encoding-type url", s3rec4("TestS3::test_get_bucket_versioning_order", "list_object_versions_before"), nil,
			versions(types.EncodingTypeUrl), map[string]any{"EncodingType": "url", "KeyMarker": "", "VersionIdMarker": "", "Prefix": "", "MaxKeys": 1000,
				"IsTruncated": false, "Versions": Len(0), "DeleteMarkers": Len(0)}),
		s3OK("ListObjectVersions/two versions of a key then another key", s3rec4("TestS3::test_get_bucket_versioning_order", "list_object_versions"),
			s3Steps(versionedOps, putKey("test", "body"), putKey("test", "body"), putKey("test2", "body")), versions(""),
			map[string]any{"Versions": Len(3), "Versions[0].Key": "test", "Versions[0].IsLatest": true, "Versions[1].Key": "test", "Versions[1].IsLatest": false,
				"Versions[2].Key": "test2", "Versions[2].IsLatest": true, "EncodingType": Absent}),
		s3OK("DeleteObjects/one version", s3rec4("TestS3::test_s3_delete_object_with_version_id", "delete_objects"), versionedTwo, deleteFirstVersion,
			map[string]any{"Deleted": Len(1), "Deleted[0].Key": k1, "Deleted[0].VersionId": Match(`^[A-Za-z0-9._]{32}$`), "Deleted[0].DeleteMarker": Absent, "Errors": Len(0)}),
		s3OK("ListObjectVersions/after deleting a version", s3rec4("TestS3::test_s3_delete_object_with_version_id", "list_object_versions_after_delete"),
			append(versionedTwo, run(deleteFirstVersion)), versions(""),
			map[string]any{"Versions": Len(1), "Versions[0].Key": k2, "Versions[0].Size": 960, "DeleteMarkers": Len(0)}),
		s3OK("DeleteObjects/five keys", s3rec4("TestS3::test_s3_batch_delete_objects", "batch-delete"), batch, batchDelete,
			map[string]any{"Deleted": Len(5), "Deleted[4].Key": "key-batch-delete-4", "Deleted[0].VersionId": Absent, "Errors": Len(0)}),
		s3OK("ListObjects/after deleting every key", s3rec4("TestS3::test_s3_batch_delete_objects", "list-remaining-objects"), append(batch, run(batchDelete)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String(b)})
			}, map[string]any{"Contents": Len(0), "Marker": "", "IsTruncated": false}),
		s3OK("GetObject/Content-Encoding gzip", s3rec4("TestS3::test_s3_upload_download_gzip", "get-object"),
			s3Steps(botoPut("test.gz", gz, func(in *s3.PutObjectInput) { in.ContentEncoding = aws.String("gzip") })),
			get("test.gz", ""), map[string]any{"ContentEncoding": "gzip", "ContentLength": len(gz), "ContentType": "binary/octet-stream"}),
		s3OK("GetObject/Content-Language, Content-Disposition, Cache-Control", s3rec4("TestS3::test_put_and_get_object_with_content_language_disposition", "get-object"),
			s3Steps(putKeyWith("test", "abc123", func(in *s3.PutObjectInput) {
				in.ContentLanguage, in.ContentDisposition, in.CacheControl = aws.String("de"), aws.String(`attachment; filename="foo.jpg"`), aws.String("no-cache")
			})), get("test", ""), map[string]any{"ContentLanguage": "de", "ContentDisposition": `attachment; filename="foo.jpg"`, "CacheControl": "no-cache",
				"ContentLength": 6, "ChecksumCRC32": "zwK7XA=="}),
		s3OK("GetObject/headers of a plain object", s3rec4("TestS3::test_get_object_content_length_with_virtual_host[False]", "get-obj-content-len-headers"),
			s3Steps(botoPut("temp.txt", "123", nil)), presignedGet("temp.txt"),
			map[string]any{"header:Accept-Ranges": "bytes", "header:Content-Length": "3", "header:Content-Type": "binary/octet-stream",
				"header:Etag": `"202cb962ac59075b964b07152d234b70"`, "header:X-Amz-Server-Side-Encryption": "AES256", "header:Last-Modified": Present,
				"header:X-Amz-Request-Id": Present, "header:X-Amz-Id-2": Present, "header:X-Amz-Checksum-Crc32": Absent, "header:X-Amz-Checksum-Type": Absent,
				"header:X-Amz-Version-Id": Absent, "header:Content-Encoding": Absent}),
		s3OK("HeadObject/copy with MetadataDirective COPY ignores new headers", s3rec4("TestS3::test_s3_copy_metadata_directive_copy", "head-object-copy"),
			s3Steps(botoPut("source-object", "test", func(in *s3.PutObjectInput) {
				in.Metadata, in.ContentLanguage = map[string]string{"key": "value"}, aws.String("en-US")
			}), run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("source-object-copy"), CopySource: aws.String(b + "/source-object"),
					Metadata: map[string]string{"another-key": "value"}, ContentLanguage: aws.String("en-GB"), ContentType: aws.String("image/jpg"),
					MetadataDirective: types.MetadataDirectiveCopy})
			})), head("source-object-copy"),
			map[string]any{"ContentLanguage": "en-US", "ContentType": "binary/octet-stream", "Metadata": Len(1), "Metadata.key": "value", "ContentLength": 4}),
	}
}

// gzipped is s gzip-compressed.
func gzipped(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, _ = zw.Write([]byte(s))
	_ = zw.Close()
	return b.String()
}

// compositeUpload uploads data to key in opsBucket in one part, with CRC32
// checksums (as boto3's upload_file does: its TransferConfig's chunk size
// is raised to 5 MiB, so a 6 KiB file is one part), and storage class sc.
func compositeUpload(key, data string, sc types.StorageClass) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String(key),
			ChecksumAlgorithm: types.ChecksumAlgorithmCrc32, StorageClass: sc})
		if err != nil {
			return err
		}
		p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(opsBucket), Key: aws.String(key), UploadId: up.UploadId, PartNumber: aws.Int32(1),
			Body: strings.NewReader(data), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
		if err != nil {
			return err
		}
		_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String(key), UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: p.ETag, PartNumber: aws.Int32(1), ChecksumCRC32: p.ChecksumCRC32}}}})
		return err
	}
}

// putVersions writes key n times into opsBucket (versioned first).
func putVersions(key string, n int) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		if err := versionedOps(ctx, c); err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(key)}); err != nil {
				return err
			}
		}
		return nil
	}
}

// moreObjects4: objects written in several ways and read back.
func moreObjects4() []Case {
	getWithChecksum := func(key string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(key), ChecksumMode: types.ChecksumModeEnabled})
		}
	}
	listV2 := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b)})
	}
	const preamble = `<?xml version="1.0" encoding="UTF-8"?><test/>`
	const vp = "TestS3ListObjectVersions::test_list_objects_versions_with_prefix_only_and_pagination_many_versions"
	versionsPage := func(marker bool) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.ListObjectVersionsInput{Bucket: aws.String(b), Prefix: aws.String("prefix"), MaxKeys: aws.Int32(100)}
			if marker {
				first, err := c.ListObjectVersions(ctx, in)
				if err != nil {
					return nil, err
				}
				in.KeyMarker, in.VersionIdMarker = first.NextKeyMarker, first.NextVersionIdMarker
			}
			return c.ListObjectVersions(ctx, in)
		}
	}
	deepArchive := func(size int) s3Setup {
		data := strings.Repeat("1", size*1024)
		if size < 5 {
			return putKeyWith("my-key", data, func(in *s3.PutObjectInput) { in.StorageClass = types.StorageClassDeepArchive })
		}
		return compositeUpload("my-key", data, types.StorageClassDeepArchive)
	}
	var modified, unmodified mpuState // one per case: cases run in parallel
	partCopy := func(upc *mpuState, set func(*s3.UploadPartCopyInput)) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.UploadPartCopyInput{Bucket: aws.String(b), Key: aws.String("destination_file.txt"), UploadId: upc.id, PartNumber: aws.Int32(1),
				CopySource: aws.String(b + "/source_file.txt")}
			set(in)
			return c.UploadPartCopy(ctx, in)
		}
	}
	partCopySteps := func(upc *mpuState) []s3Setup {
		return s3Steps(putKey("source_file.txt", "0123456789"), beginUpload("destination_file.txt", upc))
	}
	return []Case{
		s3OK("GetObject/one-part upload with CRC32 checksums", s3rec4("TestS3::test_upload_file_multipart", "get_object"),
			s3Steps(compositeUpload("my-key", strings.Repeat("1", 6*1024), "")), getWithChecksum("my-key"),
			map[string]any{"ChecksumCRC32": "B63YTw==-1", "ChecksumType": "COMPOSITE", "ETag": `"8eabe9d6b43316e840b079170916c079-1"`, "ContentLength": 6144}),
		s3OK("ListObjectsV2/DEEP_ARCHIVE written by put and by one-part uploads", s3rec4("TestS3DeepArchive::test_storage_class_deep_archive", "(asserts)"),
			s3Steps(deepArchive(1), deepArchive(9), deepArchive(15)), listV2, map[string]any{"Contents": Len(1), "Contents[0].StorageClass": "DEEP_ARCHIVE"}),
		s3OK("GetObject/key starting with #", s3rec4("TestS3::test_put_and_get_object_with_hash_prefix", "get-object"), s3Steps(putKey("#key-with-hash-prefix", "test 123")),
			getWithChecksum("#key-with-hash-prefix"), map[string]any{"ContentLength": 8, "ETag": `"39d0d586a701e199389d954f2d592720"`, "ChecksumCRC32": "wmkP3w=="}),
		s3OK("GetObject/key with several slashes", s3rec4("TestS3::test_putobject_with_multiple_keys", "get_object"), s3Steps(putKey("aws/key1/key2/key3", "test")),
			getWithChecksum("aws/key1/key2/key3"), map[string]any{"ContentLength": 4, "ETag": `"098f6bcd4621d373cade4e832627b4f6"`, "ChecksumCRC32": "2H9+DA=="}),
		s3OK("GetObject/body with an XML declaration", s3rec4("TestS3::test_upload_file_with_xml_preamble", "get_object"), s3Steps(putKey("key", preamble)),
			getWithChecksum("key"), map[string]any{"ContentLength": 45, "ETag": `"8a793423f1e69103a7056b99e4ad6c0b"`, "ChecksumCRC32": "hkzSQw=="}),
		s3OK("GetObject/UTF-8 key", s3rec4("TestS3::test_put_and_get_object_with_utf8_key", "get-object"), s3Steps(putKey("Ā0Ä", "abc123")),
			getWithChecksum("Ā0Ä"), map[string]any{"ContentLength": 6, "ETag": `"e99a18c428cb38d5f260853678922e03"`, "ChecksumCRC32": "zwK7XA=="}),
		withStatus(206, s3OK("GetObject/range: no Content-Language, Cache-Control or Content-Encoding", s3rec4("TestS3::test_get_range_object_headers", "(asserts)"),
			s3Steps(putKey("sample.bin", strings.Repeat("\x09\x08\x07\x06", 512))), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("sample.bin"), Range: aws.String("bytes=0-1023")})
			}, map[string]any{"AcceptRanges": "bytes", "header:X-Amz-Request-Id": Present, "header:X-Amz-Id-2": Present, "header:Content-Language": Absent,
				"header:Cache-Control": Absent, "header:Content-Encoding": Absent})),
		{Name: "GetObject/anonymous, public-read object in a public-read bucket", Source: s3rec4("TestS3::test_get_object_with_anon_credentials", "get_object"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				t.Helper()
				bucket(ctx, t, w, opsBucket)
				steps := append(append([]s3Setup{}, allowACLs...), run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
					return c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(b), ACL: types.BucketCannedACLPublicRead})
				}), botoPut("anon-key", "body data", nil), run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
					return c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(b), Key: aws.String("anon-key"), ACL: types.ObjectCannedACLPublicRead})
				}))
				for i, st := range steps {
					if err := st(ctx, w.S3(Root(owner))); err != nil {
						t.Fatalf("set-up step %d: %v", i+1, err)
					}
				}
			},
			Call: func(ctx context.Context, w *World) (any, error) {
				out, err := anonymous(http.MethodGet, "/"+opsBucket+"/anon-key", "X-Amz-Checksum-Mode", "ENABLED")(ctx, w)
				if err != nil {
					return nil, err
				}
				return withBodyHeader(out.(*http.Response))
			},
			Want: Want{Fields: map[string]any{"header:Body": "body data", "header:Content-Length": "9", "header:Etag": `"53ebc26c3ff5decfe9ffc7bdbaa02459"`,
				"header:X-Amz-Checksum-Crc32": "g/U4Hw==", "header:X-Amz-Checksum-Type": "FULL_OBJECT", "header:Content-Type": "binary/octet-stream"}}},
		s3OK("GetObject/after DeleteObjectTagging", s3rec4("TestS3::test_delete_object_tagging", "get-obj-after-tag-deletion"),
			s3Steps(putKeyWith("test-tagging", "something", func(in *s3.PutObjectInput) { in.Tagging = aws.String("tag1=tag1") }),
				run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
					return c.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: aws.String(b), Key: aws.String("test-tagging")})
				})), getWithChecksum("test-tagging"),
			map[string]any{"TagCount": Absent, "ContentLength": 9, "ETag": `"437b930db84b8079c2dd804a71936b5f"`, "ChecksumCRC32": "Cdox+w=="}),
		s3OK("ListObjectsV2/bucket emptied", s3rec4("TestS3::test_empty_bucket_fixture", "list-obj-after-empty"),
			s3Steps(putKey("key0", "123"), putKey("key1", "123"), putKey("key2", "123"), run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return deleteObjects(ctx, c, b, objID("key0", nil), objID("key1", nil), objID("key2", nil))
			})), listV2, map[string]any{"KeyCount": 0, "Contents": Len(0), "IsTruncated": false, "MaxKeys": 1000, "Prefix": ""}),
		s3OK("ListObjectVersions/101 versions, first page of 100", localstack(listS3, vp, "(asserts)", ls4Date), s3Steps(putVersions("prefixed_key", 101)),
			versionsPage(false), map[string]any{"Versions": Len(100), "IsTruncated": true, "NextKeyMarker": "prefixed_key", "NextVersionIdMarker": Present}),
		s3OK("ListObjectVersions/101 versions, second page", localstack(listS3, vp, "(asserts)", ls4Date), s3Steps(putVersions("prefixed_key", 101)),
			versionsPage(true), map[string]any{"Versions": Len(1), "IsTruncated": false, "Versions[0].IsLatest": false}),
		s3OK("UploadPartCopy/x-amz-copy-source-if-modified-since before the write", localstack(moreAPI,
			"TestS3Multipart::test_upload_part_copy_with_copy_source_if_modified_since_success", "upload-part-copy-if-modified-since", ls4Date), partCopySteps(&modified),
			partCopy(&modified, func(in *s3.UploadPartCopyInput) { in.CopySourceIfModifiedSince = aws.Time(time.Now().Add(-time.Hour)) }),
			map[string]any{"CopyPartResult.ETag": `"781e5e245d69b566979b86e28d23f2c7"`}),
		s3OK("UploadPartCopy/x-amz-copy-source-if-unmodified-since after the write", localstack(moreAPI,
			"TestS3Multipart::test_upload_part_copy_with_copy_source_if_unmodified_since_success", "upload-part-copy-if-unmodified-since", ls4Date), partCopySteps(&unmodified),
			partCopy(&unmodified, func(in *s3.UploadPartCopyInput) { in.CopySourceIfUnmodifiedSince = aws.Time(time.Now().Add(time.Hour)) }),
			map[string]any{"CopyPartResult.ETag": `"781e5e245d69b566979b86e28d23f2c7"`}),
		s3OK("GetObject/written through a presigned PUT", s3rec4("TestS3PresignedUrl::test_put_object", "get_object"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return getWithChecksum("my-key")(ctx, c, b)
			},
			map[string]any{"ChecksumCRC64NVME": "1BGd19PD4OU=", "ChecksumType": "FULL_OBJECT", "ContentLength": 9}).calling(func(ctx context.Context, w *World) (any, error) {
			resp, err := sendPresigned(http.MethodPut, "/"+opsBucket+"/my-key", "something", nil)(ctx, w)
			if err != nil {
				return nil, err
			}
			if resp.(*http.Response).StatusCode != http.StatusOK {
				return resp, nil
			}
			return getWithChecksum("my-key")(ctx, w.S3(Root(owner)), opsBucket)
		}),
	}
}
