package golden

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

const mpuChecksumTest = "TestS3MultipartUploadChecksum::"

// mpuWithPart creates an upload of key "k" in bucket (with alg and typ
// when not empty) and uploads part 1 ("aaa", checksummed with partAlg
// when not empty); it returns the upload id and the part's answer.
func mpuWithPart(ctx context.Context, w *World, bucketName string, alg types.ChecksumAlgorithm, typ types.ChecksumType,
	partAlg types.ChecksumAlgorithm) (*string, *s3.UploadPartOutput, error) {
	c := w.S3(Root(owner))
	mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(bucketName), Key: aws.String("k"),
		ChecksumAlgorithm: alg, ChecksumType: typ})
	if err != nil {
		return nil, nil, err
	}
	part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(bucketName), Key: aws.String("k"), UploadId: mpu.UploadId,
		PartNumber: aws.Int32(1), Body: strings.NewReader("aaa"), ChecksumAlgorithm: partAlg})
	return mpu.UploadId, part, err
}

// TestS3CompleteChecksums: CompleteMultipartUpload's part and whole-object
// checksums against the upload's checksum mode, as AWS answered them.
func TestS3CompleteChecksums(t *testing.T) {
	const b = "golden-mpu-ck"
	complete := func(ctx context.Context, w *World, id *string, parts []types.CompletedPart, edit func(*s3.CompleteMultipartUploadInput)) (any, error) {
		in := &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("k"), UploadId: id,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}}
		if edit != nil {
			edit(in)
		}
		return w.S3(Root(owner)).CompleteMultipartUpload(ctx, in)
	}
	notFound := "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."
	Run(t, []Case{{
		Name:   "CompleteMultipartUpload/part checksum on an upload without an algorithm",
		Source: localstack("s3/test_s3.snapshot.json", mpuChecksumTest+"test_complete_multipart_parts_checksum_default", "complete-multipart-parts-checksum", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			id, part, err := mpuWithPart(ctx, w, b, "", "", types.ChecksumAlgorithmCrc32c)
			if err != nil {
				return nil, err
			}
			return complete(ctx, w, id, []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1), ChecksumCRC32C: part.ChecksumCRC32C}}, nil)
		},
		Want: Want{Status: 400, Code: "InvalidPart", Message: notFound},
	}, {
		Name:   "CompleteMultipartUpload/checksum type on an upload without an algorithm",
		Source: localstack("s3/test_s3.snapshot.json", mpuChecksumTest+"test_complete_multipart_parts_checksum_default", "complete-multipart-full-object-type", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			id, part, err := mpuWithPart(ctx, w, b, "", "", types.ChecksumAlgorithmCrc32c)
			if err != nil {
				return nil, err
			}
			return complete(ctx, w, id, []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}},
				func(in *s3.CompleteMultipartUploadInput) { in.ChecksumType = types.ChecksumTypeFullObject })
		},
		Want: Want{Status: 400, Code: "InvalidRequest", Message: "The upload was created using the null checksum mode. The complete request must use the same checksum mode."},
	}, {
		Name:   "CompleteMultipartUpload/whole-object checksum ignored on an upload without an algorithm",
		Source: localstack("s3/test_s3.snapshot.json", mpuChecksumTest+"test_complete_multipart_parts_checksum_default", "complete-multipart-checksum", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			id, part, err := mpuWithPart(ctx, w, b, "", "", types.ChecksumAlgorithmCrc32c)
			if err != nil {
				return nil, err
			}
			return complete(ctx, w, id, []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}},
				func(in *s3.CompleteMultipartUploadInput) { in.ChecksumCRC32C = aws.String("AAAAAA==-2") })
		},
		Want: Want{Fields: map[string]any{"ChecksumType": "FULL_OBJECT", "ChecksumCRC64NVME": Present, "ChecksumCRC32C": Absent}},
	}, {
		Name:   "CompleteMultipartUpload/COMPOSITE upload, part without its checksum",
		Source: localstack("s3/test_s3.snapshot.json", mpuChecksumTest+"test_complete_multipart_parts_checksum_composite[CRC32]", "complete-multipart-no-checksum", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			id, part, err := mpuWithPart(ctx, w, b, types.ChecksumAlgorithmCrc32, "", types.ChecksumAlgorithmCrc32)
			if err != nil {
				return nil, err
			}
			return complete(ctx, w, id, []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}}, nil)
		},
		Want: Want{Status: 400, Code: "InvalidRequest", Message: "The upload was created using a crc32 checksum. The complete request must include the checksum for each part. It was missing for part 1 in the request."},
	}, {
		Name:   "CompleteMultipartUpload/COMPOSITE upload, part checksum of another algorithm",
		Source: localstack("s3/test_s3.snapshot.json", mpuChecksumTest+"test_multipart_parts_checksum_exceptions_composite", "complete-part-with-checksum", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			id, part, err := mpuWithPart(ctx, w, b, types.ChecksumAlgorithmCrc32, types.ChecksumTypeComposite, types.ChecksumAlgorithmCrc32)
			if err != nil {
				return nil, err
			}
			return complete(ctx, w, id, []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1),
				ChecksumSHA256: aws.String("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")}}, nil)
		},
		Want: Want{Status: 400, Code: "BadDigest", Message: "The sha256 you specified for part 1 did not match what we received."},
	}, {
		Name:   "CompleteMultipartUpload/COMPOSITE upload completed as FULL_OBJECT",
		Source: localstack("s3/test_s3.snapshot.json", mpuChecksumTest+"test_multipart_parts_checksum_exceptions_composite", "complete-part-with-bad-checksum-type", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			id, part, err := mpuWithPart(ctx, w, b, types.ChecksumAlgorithmCrc32, types.ChecksumTypeComposite, types.ChecksumAlgorithmCrc32)
			if err != nil {
				return nil, err
			}
			return complete(ctx, w, id, []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}},
				func(in *s3.CompleteMultipartUploadInput) { in.ChecksumType = types.ChecksumTypeFullObject })
		},
		Want: Want{Status: 400, Code: "InvalidRequest", Message: "The upload was created using the COMPOSITE checksum mode. The complete request must use the same checksum mode."},
	}, {
		Name:   "CompleteMultipartUpload/FULL_OBJECT upload, object checksum without the checksum type",
		Source: localstack("s3/test_s3.snapshot.json", mpuChecksumTest+"test_multipart_parts_checksum_exceptions_full_object", "complete-part-only-checksum-algo", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			id, part, err := mpuWithPart(ctx, w, b, types.ChecksumAlgorithmCrc32c, types.ChecksumTypeFullObject, types.ChecksumAlgorithmCrc32c)
			if err != nil {
				return nil, err
			}
			return complete(ctx, w, id, []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1), ChecksumCRC32C: part.ChecksumCRC32C}},
				func(in *s3.CompleteMultipartUploadInput) { in.ChecksumCRC32C = part.ChecksumCRC32C })
		},
		Want: Want{Status: 400, Code: "BadDigest", Message: "The crc32c you specified did not match the calculated checksum."},
	}, {
		Name:   "CompleteMultipartUpload/FULL_OBJECT upload, object checksum with the checksum type",
		Source: localstack("s3/test_s3.snapshot.json", mpuChecksumTest+"test_multipart_parts_checksum_exceptions_full_object", "complete-success", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			id, part, err := mpuWithPart(ctx, w, b, types.ChecksumAlgorithmCrc32c, types.ChecksumTypeFullObject, types.ChecksumAlgorithmCrc32c)
			if err != nil {
				return nil, err
			}
			return complete(ctx, w, id, []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1), ChecksumCRC32C: part.ChecksumCRC32C}},
				func(in *s3.CompleteMultipartUploadInput) {
					in.ChecksumCRC32C, in.ChecksumType = part.ChecksumCRC32C, types.ChecksumTypeFullObject
				})
		},
		Want: Want{Fields: map[string]any{"ChecksumType": "FULL_OBJECT", "ChecksumCRC32C": Present}},
	}, {
		// CRC64NVME is FULL_OBJECT without being asked: its object
		// checksum needs no x-amz-checksum-type (the manager sends none).
		Name: "CompleteMultipartUpload/CRC64NVME upload, object checksum without the checksum type",
		Source: "aws/aws-sdk-go-v2 feature/s3/manager/integ_upload_test.go::TestInteg_UploadPresetChecksum/" +
			"preset_multipart_part/CRC64NVME (run against AWS; manager v1.23.22)",
		Setup: withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			id, part, err := mpuWithPart(ctx, w, b, types.ChecksumAlgorithmCrc64nvme, "", types.ChecksumAlgorithmCrc64nvme)
			if err != nil {
				return nil, err
			}
			return complete(ctx, w, id, []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1), ChecksumCRC64NVME: part.ChecksumCRC64NVME}},
				func(in *s3.CompleteMultipartUploadInput) { in.ChecksumCRC64NVME = part.ChecksumCRC64NVME })
		},
		Want: Want{Fields: map[string]any{"ChecksumType": "FULL_OBJECT", "ChecksumCRC64NVME": Present}},
	}})
}

// postFormSigned sends a browser POST upload of key "k" to bucketName signed
// (SigV4) with creds; the session token goes in the form only when
// withToken is set.
func postFormSigned(ctx context.Context, w *World, bucketName string, creds aws.Credentials, withToken bool) (*http.Response, error) {
	now := time.Now().UTC()
	date := now.Format("20060102")
	cred := creds.AccessKeyID + "/" + date + "/us-east-1/s3/aws4_request"
	conds := []any{map[string]string{"bucket": bucketName}, map[string]string{"key": "k"},
		map[string]string{"x-amz-algorithm": "AWS4-HMAC-SHA256"}, map[string]string{"x-amz-credential": cred},
		map[string]string{"x-amz-date": now.Format("20060102T150405Z")}}
	if withToken {
		conds = append(conds, map[string]string{"x-amz-security-token": creds.SessionToken})
	}
	doc, err := json.Marshal(map[string]any{"expiration": now.Add(time.Hour).Format("2006-01-02T15:04:05.000Z"), "conditions": conds})
	if err != nil {
		return nil, err
	}
	policy := base64.StdEncoding.EncodeToString(doc)
	fields := [][2]string{{"key", "k"}, {"x-amz-algorithm", "AWS4-HMAC-SHA256"}, {"x-amz-credential", cred},
		{"x-amz-date", now.Format("20060102T150405Z")}, {"policy", policy}, {"x-amz-signature", postPolicySignature(creds.SecretAccessKey, date, policy)}}
	if withToken {
		fields = append(fields, [2]string{"x-amz-security-token", creds.SessionToken})
	}
	return postForm(ctx, w, bucketName, fields, "f.txt", "hello")
}

// rootSession is a session (ASIA key) of the owner account's root.
func rootSession(ctx context.Context, w *World) (aws.Credentials, error) {
	out, err := w.STS(Root(owner)).GetSessionToken(ctx, &sts.GetSessionTokenInput{})
	if err != nil {
		return aws.Credentials{}, err
	}
	c := out.Credentials
	return aws.Credentials{AccessKeyID: *c.AccessKeyId, SecretAccessKey: *c.SecretAccessKey, SessionToken: *c.SessionToken}, nil
}

// TestS3PostObjectSession: a browser POST signed with a session key.
func TestS3PostObjectSession(t *testing.T) {
	const b = "golden-post-session"
	Run(t, []Case{{
		Name: "PostObject/session key without x-amz-security-token",
		// As reported from AWS: aws/aws-sdk-js#3878 (createPresignedPost with
		// an instance role's ASIA key and no token).
		Source: "aws/aws-sdk-js#3878: <Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records.</Message><AWSAccessKeyId>ASIA…",
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			creds, err := rootSession(ctx, w)
			if err != nil {
				return nil, err
			}
			return postFormSigned(ctx, w, b, creds, false)
		},
		Want: Want{Status: 403, Code: "InvalidAccessKeyId", Message: "The AWS Access Key Id you provided does not exist in our records."},
	}, {
		Name:   "PostObject/session key with its token",
		Source: localstack("s3/test_s3.py", "TestS3PresignedPost::test_presigned_post_with_different_user_credentials", "status 204", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			creds, err := rootSession(ctx, w)
			if err != nil {
				return nil, err
			}
			return postFormSigned(ctx, w, b, creds, true)
		},
		Want: Want{Status: 204},
	}})
}

// presignV2Put is a SigV2 query-string presigned PUT URL for
// /bucketName/key carrying meta as x-amz-meta-* query parameters, as
// botocore's SigV2 presigner makes it (they are signed in
// CanonicalizedAmzHeaders).
func presignV2Put(w *World, creds aws.Credentials, bucketName, key string, meta map[string]string) string {
	expires := strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)
	names := make([]string, 0, len(meta))
	for k := range meta {
		names = append(names, k)
	}
	sort.Strings(names)
	var amz strings.Builder
	q := url.Values{}
	for _, k := range names {
		amz.WriteString("x-amz-meta-" + k + ":" + meta[k] + "\n")
		q.Set("x-amz-meta-"+k, meta[k])
	}
	sts := "PUT\n\n\n" + expires + "\n" + amz.String() + "/" + bucketName + "/" + key
	m := hmac.New(sha1.New, []byte(creds.SecretAccessKey))
	m.Write([]byte(sts))
	q.Set("AWSAccessKeyId", creds.AccessKeyID)
	q.Set("Expires", expires)
	q.Set("Signature", base64.StdEncoding.EncodeToString(m.Sum(nil)))
	return w.Endpoint + "/" + bucketName + "/" + key + "?" + q.Encode()
}

// TestS3PresignedV2Metadata: x-amz-meta-* in a SigV2 presigned URL.
func TestS3PresignedV2Metadata(t *testing.T) {
	const b = "golden-v2-meta"
	Run(t, []Case{{
		Name:   "PutObject/SigV2 presigned URL with x-amz-meta-* in the query stores the metadata",
		Source: localstack("s3/test_s3.snapshot.json", "TestS3PresignedUrl::test_put_url_metadata_with_sig_s3[True]", "head_object", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			r, err := http.NewRequestWithContext(ctx, http.MethodPut, presignV2Put(w, Root(owner), b, "key-by-hostname", map[string]string{"foo": "bar"}),
				strings.NewReader("content 123"))
			if err != nil {
				return nil, err
			}
			resp, err := w.HTTP.Do(r)
			if err != nil {
				return nil, err
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return nil, fmt.Errorf("presigned PUT: %s", resp.Status)
			}
			return w.S3(Root(owner)).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("key-by-hostname")})
		},
		Want: Want{Fields: map[string]any{"Metadata": Len(1), "header:x-amz-meta-foo": "bar", "ContentLength": 11}},
	}})
}

// TestS3UploadPartCopyChecksum: UploadPartCopy into an upload with a
// checksum algorithm answers the part's checksum in CopyPartResult.
func TestS3UploadPartCopyChecksum(t *testing.T) {
	const b = "golden-upc-ck"
	for _, typ := range []types.ChecksumType{types.ChecksumTypeComposite, types.ChecksumTypeFullObject} {
		Run(t, []Case{{
			Name:   "UploadPartCopy/CRC32C " + string(typ) + " upload",
			Source: localstack("s3/test_s3.snapshot.json", mpuChecksumTest+"test_multipart_upload_part_copy_checksum["+string(typ)+"]", "upload-part-copy", "2026-02-21"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				bucket(ctx, t, w, b)
				object(ctx, t, w, b, "test-part-checksum", "this is a part")
			},
			Call: func(ctx context.Context, w *World) (any, error) {
				c := w.S3(Root(owner))
				mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("test-multipart-checksum"),
					ChecksumAlgorithm: types.ChecksumAlgorithmCrc32c, ChecksumType: typ})
				if err != nil {
					return nil, err
				}
				return c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String(b), Key: aws.String("test-multipart-checksum"),
					UploadId: mpu.UploadId, PartNumber: aws.Int32(1), CopySource: aws.String(b + "/test-part-checksum")})
			},
			Want: Want{Fields: map[string]any{"CopyPartResult.ChecksumCRC32C": "iqJrOQ==",
				"CopyPartResult.ETag": `"11df95d595559285eb2b042124e74f09"`, "CopyPartResult.ChecksumCRC32": Absent}},
		}})
	}
}

// TestS3PreflightAtPresignedURL: a CORS preflight sent to a presigned URL
// is answered from the CORS rules, not refused for its signature.
func TestS3PreflightAtPresignedURL(t *testing.T) {
	const b = "golden-preflight-presigned"
	Run(t, []Case{{
		Name: "OPTIONS/presigned GET URL without Origin",
		// The status and wording of a preflight without Origin: LocalStack
		// test_s3_cors.snapshot.json TestS3Cors::test_cors_http_options_no_config;
		// that a presigned URL's signature is not checked on OPTIONS:
		// ceph/s3-tests test_cors_presigned_get_object (400, not 403).
		Source: localstack("s3/test_s3_cors.snapshot.json", "TestS3Cors::test_cors_http_options_no_config", "options-no-origin", "2023-07-31") +
			"; ceph/s3-tests test_cors_presigned_get_object",
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			bucket(ctx, t, w, b)
			object(ctx, t, w, b, "foo", "bar")
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			p, err := s3.NewPresignClient(w.S3(Root(owner))).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("foo")})
			if err != nil {
				return nil, err
			}
			r, err := http.NewRequestWithContext(ctx, http.MethodOptions, p.URL, nil)
			if err != nil {
				return nil, err
			}
			return w.HTTP.Do(r)
		},
		Want: Want{Status: 400, Code: "BadRequest", Message: "Insufficient information. Origin request header needed."},
	}})
}

// TestS3AclNoDisplayName: ACLs name owners and grantees by ID only, as
// AWS answers since it dropped DisplayName.
func TestS3AclNoDisplayName(t *testing.T) {
	const b = "golden-acl-nodisplay"
	Run(t, []Case{{
		Name:   "GetBucketAcl/Owner and Grantee without DisplayName",
		Source: localstack("s3/test_s3.snapshot.json", "TestS3::test_s3_multipart_upload_acls", "bucket-acl", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner)).GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(b)})
		},
		Want: Want{Fields: map[string]any{"Owner.ID": Present, "Owner.DisplayName": Absent, "Grants": Len(1),
			"Grants[0].Grantee.ID": Present, "Grants[0].Grantee.DisplayName": Absent, "Grants[0].Permission": "FULL_CONTROL"}},
	}})
}
