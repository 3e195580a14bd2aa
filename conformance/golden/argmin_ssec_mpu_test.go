package golden

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// argmin's sse_c.rs multipart, part-read and copy tests, and sse_c_acl.rs.

// ssecCreate is CreateMultipartUpload of key under k (nil: none) with
// checksum algorithm alg ("" none); it returns the upload id.
func ssecCreate(ctx context.Context, c *s3.Client, key string, k *policySSEC, alg types.ChecksumAlgorithm) (*string, error) {
	in := &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(key), ChecksumAlgorithm: alg}
	if k != nil {
		in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = k.alg, k.key, k.md5
	}
	out, err := c.CreateMultipartUpload(ctx, in)
	if err != nil {
		return nil, err
	}
	return out.UploadId, nil
}

// ssecPart is UploadPart n of body to upload id of key under k (nil:
// none), with mod applied.
func ssecPart(ctx context.Context, c *s3.Client, key string, id *string, n int32, body string, k *policySSEC, mod func(*s3.UploadPartInput)) (*s3.UploadPartOutput, error) {
	in := &s3.UploadPartInput{Bucket: aws.String(argminBkt), Key: aws.String(key), UploadId: id, PartNumber: aws.Int32(n), Body: strings.NewReader(body)}
	if k != nil {
		in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = k.alg, k.key, k.md5
	}
	if mod != nil {
		mod(in)
	}
	return c.UploadPart(ctx, in)
}

// ssecComplete completes upload id of key with parts under k (nil: none),
// with mod applied.
func ssecComplete(ctx context.Context, c *s3.Client, key string, id *string, parts []types.CompletedPart, k *policySSEC, mod func(*s3.CompleteMultipartUploadInput)) (*s3.CompleteMultipartUploadOutput, error) {
	in := &s3.CompleteMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(key), UploadId: id,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}}
	if k != nil {
		in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = k.alg, k.key, k.md5
	}
	if mod != nil {
		mod(in)
	}
	return c.CompleteMultipartUpload(ctx, in)
}

// ssecMultipart uploads key in parts under k and completes it (with
// complete, nil: k), the primary user's; it answers the completion.
func ssecMultipart(key string, k *policySSEC, parts []string, complete *policySSEC) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		c := primary(w, u)
		id, err := ssecCreate(ctx, c, key, k, "")
		if err != nil {
			return nil, err
		}
		var done []types.CompletedPart
		for i, p := range parts {
			out, err := ssecPart(ctx, c, key, id, int32(i+1), p, k, nil)
			if err != nil {
				return out, err
			}
			done = append(done, types.CompletedPart{ETag: out.ETag, PartNumber: aws.Int32(int32(i + 1))})
		}
		if complete == nil {
			complete = k
		}
		return ssecComplete(ctx, c, key, id, done, complete, nil)
	}
}

// ssecCreateThen creates an upload of key under k (checksum alg) and makes
// call with its id.
func ssecCreateThen(key string, k *policySSEC, alg types.ChecksumAlgorithm, call func(ctx context.Context, c *s3.Client, id *string) (any, error)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		c := primary(w, u)
		id, err := ssecCreate(ctx, c, key, k, alg)
		if err != nil {
			return nil, err
		}
		return call(ctx, c, id)
	}
}

// ssecSameETag makes call and wants its answer's ETag to be the object's
// own (HeadObject of key under k), as the suite asserts of part reads.
func ssecSameETag(key string, k *policySSEC, call objCall) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		whole, err := ssecHead(key, k, nil)(ctx, w, u)
		if err != nil {
			return whole, err
		}
		out, err := call(ctx, w, u)
		if err != nil {
			return out, err
		}
		var etag *string
		switch o := out.(type) {
		case *s3.HeadObjectOutput:
			etag = o.ETag
		case ssecGot:
			etag = o.Out.ETag
		}
		if want := whole.(*s3.HeadObjectOutput).ETag; aws.ToString(etag) != aws.ToString(want) {
			return out, fmt.Errorf("ETag %s, want the object's %s", aws.ToString(etag), aws.ToString(want))
		}
		return out, nil
	}
}

func TestArgminSSECMultipart(t *testing.T) {
	src := func(test string) string { return argmin("sse_c.rs", test) }
	k := &ssecKey
	rt := src("test_sse_c_multipart_round_trip")
	const hello = "hello multipart sse-c"
	done := ssecBucket(objStep(ssecMultipart("obj", k, []string{hello}, nil)))
	badRequest := Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}
	cases := []Case{
		argminCase("CompleteMultipartUpload/SSE-C upload with its key", rt, ssecBucket(), ssecMultipart("obj", k, []string{hello}, nil), Want{}),
		argminCase("HeadObject/SSE-C multipart object with its key", rt, done, ssecHead("obj", k, nil),
			Want{Fields: map[string]any{"ContentLength": len(hello), "SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": *k.md5}}),
		argminCase("GetObject/SSE-C multipart object with its key", rt, done, ssecGet("obj", k, nil),
			ssecBody(hello, map[string]any{"Out.SSECustomerAlgorithm": "AES256", "Out.SSECustomerKeyMD5": *k.md5})),
		argminCase("GetObject/SSE-C multipart object without its key", rt, done, ssecGet("obj", nil, nil), badRequest),
		argminCase("GetObject/SSE-C multipart object with another key", rt, done, ssecGet("obj", &ssecWrong, nil),
			Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		argminCase("UploadPart/without the upload's SSE-C headers", src("test_sse_c_upload_part_requires_headers"), ssecBucket(),
			ssecCreateThen("obj", k, "", func(ctx context.Context, c *s3.Client, id *string) (any, error) {
				return ssecPart(ctx, c, "obj", id, 1, "secret", nil, nil)
			}), badRequest),
		argminCase("UploadPart/with another key than the upload's", src("test_sse_c_upload_part_rejects_wrong_key"), ssecBucket(),
			ssecCreateThen("obj", k, "", func(ctx context.Context, c *s3.Client, id *string) (any, error) {
				return ssecPart(ctx, c, "obj", id, 1, "secret", &ssecWrong, nil)
			}), badRequest),
		argminCase("UploadPart/SSE-C key MD5 wrong", src("test_sse_c_upload_part_rejects_invalid_key_md5"), ssecBucket(),
			ssecCreateThen("obj", k, "", func(ctx context.Context, c *s3.Client, id *string) (any, error) {
				return ssecPart(ctx, c, "obj", id, 1, "secret", k, func(in *s3.UploadPartInput) { in.SSECustomerKeyMD5 = aws.String("AAAAAAAAAAAAAAAAAAAAAA==") })
			}), Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}),
		argminCase("CompleteMultipartUpload/SSE-C upload without the SSE-C headers", src("test_sse_c_complete_multipart_allows_missing_headers"), ssecBucket(),
			ssecMultipart("obj", k, []string{"secret"}, &policySSEC{}), Want{}),
		argminCase("CompleteMultipartUpload/SSE-C upload with another key", src("test_sse_c_complete_multipart_rejects_wrong_key"), ssecBucket(),
			ssecMultipart("obj", k, []string{"secret"}, &ssecWrong), badRequest),
	}
	cases = append(cases, ssecChecksumCases(k)...)
	cases = append(cases, ssecPartReadCases(k)...)
	Run(t, cases)
}

func ssecChecksumCases(k *policySSEC) []Case {
	src := func(test string) string { return argmin("sse_c.rs", test) }
	const partSum, objSum, claim = "arcu6553sHVAiX4MjW0j7I7vD4w6R+Gz9Ok0Q9lTa+0=", "Ok6Cs5b96ux6+MWQkJO7UBT5sKPBeXBLwvj/hK89smg=", "Ok6Cs5b96ux6+MWQkJO7UBT5sKPBeXBLwvj/hK89smg=-1"
	upload := func(completeKey *policySSEC) objCall {
		return ssecCreateThen("obj", k, types.ChecksumAlgorithmSha256, func(ctx context.Context, c *s3.Client, id *string) (any, error) {
			p, err := ssecPart(ctx, c, "obj", id, 1, strings.Repeat("A", 1024), k, func(in *s3.UploadPartInput) {
				in.ChecksumAlgorithm, in.ChecksumSHA256 = types.ChecksumAlgorithmSha256, aws.String(partSum)
			})
			if err != nil {
				return p, err
			}
			return ssecComplete(ctx, c, "obj", id, []types.CompletedPart{{ETag: p.ETag, ChecksumSHA256: p.ChecksumSHA256, PartNumber: aws.Int32(1)}}, completeKey,
				func(in *s3.CompleteMultipartUploadInput) { in.ChecksumSHA256 = aws.String(claim) })
		})
	}
	rt := src("test_sse_c_complete_multipart_checksum_round_trip")
	done := ssecBucket(objStep(upload(k)))
	return []Case{
		argminCase("CompleteMultipartUpload/SHA256 SSE-C upload without the SSE-C headers", src("test_sse_c_complete_multipart_checksum_requires_headers"),
			ssecBucket(), upload(&policySSEC{}), Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}),
		argminCase("CompleteMultipartUpload/SHA256 SSE-C upload with its key", rt, ssecBucket(), upload(k), Want{}),
		argminCase("HeadObject/SHA256 SSE-C multipart object, checksum mode", rt, done,
			ssecHead("obj", k, func(in *s3.HeadObjectInput) { in.ChecksumMode = types.ChecksumModeEnabled }),
			Want{Fields: map[string]any{"ChecksumSHA256": claim, "ChecksumType": "COMPOSITE"}}),
		argminCase("GetObjectAttributes/SHA256 SSE-C multipart object", rt, done,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(argminBkt), Key: aws.String("obj"),
					SSECustomerAlgorithm: k.alg, SSECustomerKey: k.key, SSECustomerKeyMD5: k.md5, ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesChecksum}})
			}, Want{Fields: map[string]any{"Checksum.ChecksumSHA256": objSum, "Checksum.ChecksumType": "COMPOSITE"}}),
	}
}

// ssecPartReadCases are the part reads of test_sse_c_multipart_get_part
// (three 5 MiB parts and a 1 MiB one), test_sse_c_non_multipart_get_part,
// test_sse_c_multipart_range_read and the range-with-part refusal.
func ssecPartReadCases(k *policySSEC) []Case {
	src := func(test string) string { return argmin("sse_c.rs", test) }
	const minPart = 5 << 20
	parts := []string{ssecPattern(minPart, 'A'), ssecPattern(minPart, 'B'), ssecPattern(minPart, 'C'), ssecPattern(1<<20, 'D')}
	four := ssecBucket(objStep(ssecMultipart("obj", k, parts, nil)))
	single := ssecBucket(objStep(ssecPut("obj", "body", k, nil)))
	// A part read is answered 206 (argmin checksums.rs
	// test_get_object_part_with_checksum); the suite checks only the ETag, count and length.
	gp, ngp := src("test_sse_c_multipart_get_part"), src("test_sse_c_non_multipart_get_part")
	getPart := func(n int32) objCall {
		return ssecGet("obj", k, func(in *s3.GetObjectInput) { in.PartNumber = aws.Int32(n) })
	}
	headPart := func(n int32) objCall {
		return ssecHead("obj", k, func(in *s3.HeadObjectInput) { in.PartNumber = aws.Int32(n) })
	}
	unsatisfiable := Want{Status: http.StatusRequestedRangeNotSatisfiable}
	rr := []string{ssecPattern(minPart+1, 0x10), ssecPattern(minPart+3, 0x40), ssecPattern(1<<20, 0x70)}
	whole := strings.Join(rr, "")
	ranged := func(start, end int) Case {
		return argminCase(fmt.Sprintf("GetObject/SSE-C multipart object, bytes %d-%d", start, end), src("test_sse_c_multipart_range_read"),
			ssecBucket(objStep(ssecMultipart("obj", k, rr, nil))), ssecGet("obj", k, func(in *s3.GetObjectInput) { in.Range = aws.String(fmt.Sprintf("bytes=%d-%d", start, end)) }),
			ssecPartial(whole[start:end+1], nil))
	}
	p01 := len(rr[0]) + len(rr[1])
	return []Case{
		argminCase("HeadObject/SSE-C multipart object, part 1", gp, four, ssecSameETag("obj", k, headPart(1)),
			Want{Status: http.StatusPartialContent, Fields: map[string]any{"PartsCount": 4, "ContentLength": minPart}}),
		argminCase("GetObject/SSE-C multipart object, part 4", gp, four, ssecSameETag("obj", k, getPart(4)),
			ssecPartial(parts[3], map[string]any{"Out.PartsCount": 4, "Out.ContentLength": 1 << 20})),
		argminCase("GetObject/SSE-C multipart object, part 5 of 4", gp, four, objStatusOnly(getPart(5)), unsatisfiable),
		argminCase("HeadObject/SSE-C multipart object, part 5 of 4", gp, four, objStatusOnly(headPart(5)), unsatisfiable),
		argminCase("GetObject/SSE-C single-part object, part 2", ngp, single, objStatusOnly(getPart(2)), unsatisfiable),
		argminCase("HeadObject/SSE-C single-part object, part 2", ngp, single, objStatusOnly(headPart(2)), unsatisfiable),
		argminCase("HeadObject/SSE-C single-part object, part 1", ngp, single, ssecSameETag("obj", k, headPart(1)),
			Want{Status: http.StatusPartialContent, Fields: map[string]any{"ContentLength": 4}}),
		argminCase("GetObject/SSE-C single-part object, part 1", ngp, single, ssecSameETag("obj", k, getPart(1)), ssecPartial("body", nil)),
		ranged(0, 1023), ranged(minPart-8, minPart+16), ranged(p01-12, p01+12), ranged(len(whole)-4096, len(whole)-1),
		argminCase("GetObject/SSE-C multipart object, a range and a part number", src("test_sse_c_range_get_and_part_number_rejected_together"),
			ssecBucket(objStep(ssecMultipart("obj", k, []string{ssecPattern(minPart, 0x33), ssecPattern(1024, 0x44)}, nil))),
			ssecGet("obj", k, func(in *s3.GetObjectInput) { in.PartNumber, in.Range = aws.Int32(2), aws.String("bytes=0-1") }),
			Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}),
	}
}

func TestArgminSSECCopy(t *testing.T) {
	src := func(test string) string { return argmin("sse_c.rs", test) }
	k := &ssecKey
	dst := ssecKeyOf(bytes.Repeat([]byte{7}, 32))
	const body = "hello sse-c copy"
	copyTo := func(srcKey, dstKey *policySSEC) objCall {
		return objCopy(primary, "src", "dst", func(in *s3.CopyObjectInput) {
			if srcKey != nil {
				in.CopySourceSSECustomerAlgorithm, in.CopySourceSSECustomerKey, in.CopySourceSSECustomerKeyMD5 = srcKey.alg, srcKey.key, srcKey.md5
			}
			if dstKey != nil {
				in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = dstKey.alg, dstKey.key, dstKey.md5
			}
		})
	}
	withSrc := func(b string) []argminStep { return ssecBucket(objStep(ssecPut("src", b, k, nil))) }
	copied := append(withSrc(body), objStep(copyTo(k, &dst)))
	rt := src("test_sse_c_copy_object_round_trip")
	srcHeaders := func(md5 string) http.Header {
		return http.Header{"X-Amz-Copy-Source": {argminBkt + "/src"}, "X-Amz-Copy-Source-Server-Side-Encryption-Customer-Algorithm": {"AES256"},
			"X-Amz-Copy-Source-Server-Side-Encryption-Customer-Key": {*k.key}, "X-Amz-Copy-Source-Server-Side-Encryption-Customer-Key-Md5": {md5}}
	}
	cases := []Case{
		argminCase("CopyObject/SSE-C source to an SSE-C target", rt, withSrc(body), copyTo(k, &dst),
			Want{Fields: map[string]any{"SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": *dst.md5}}),
		argminCase("HeadObject/the SSE-C copy", rt, copied, ssecHead("dst", &dst, nil), Want{Fields: map[string]any{"ContentLength": len(body)}}),
		argminCase("GetObject/the SSE-C copy", rt, copied, ssecGet("dst", &dst, nil), ssecBody(body, nil)),
		argminCase("CopyObject/SSE-C source without its key", src("test_sse_c_copy_object_requires_source_headers"), withSrc("secret-copy"),
			copyTo(nil, nil), Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}),
		argminCase("CopyObject/SSE-C source key MD5 wrong, the argument named", src("test_sse_c_copy_object_invalid_source_key_md5_argument_name_matches_aws"),
			withSrc("secret-copy"), objRaw(http.MethodPut, objKeyPath("dst"), []byte{}, srcHeaders("AAAAAAAAAAAAAAAAAAAAAA==")),
			Want{Status: http.StatusBadRequest, Fields: map[string]any{"Elements.Code": "InvalidArgument", "Elements.ArgumentName": "x-amz-server-side-encryption"}}),
	}
	Run(t, append(cases, ssecPartCopyCases(k)...))
}

// ssecPartCopyCases are UploadPartCopy of an SSE-C source into an SSE-C
// upload (key [9u8; 32]).
func ssecPartCopyCases(k *policySSEC) []Case {
	src := func(test string) string { return argmin("sse_c.rs", test) }
	dst := ssecKeyOf(bytes.Repeat([]byte{9}, 32))
	wrong := ssecKeyOf(bytes.Repeat([]byte{11}, 32))
	const body = "hello multipart copy sse-c"
	withSrc := func(b string) []argminStep { return ssecBucket(objStep(ssecPut("src", b, k, nil))) }
	partCopy := func(srcKey, dstKey *policySSEC) objCall {
		return ssecCreateThen("dst", &dst, "", func(ctx context.Context, c *s3.Client, id *string) (any, error) {
			in := &s3.UploadPartCopyInput{Bucket: aws.String(argminBkt), Key: aws.String("dst"), UploadId: id, PartNumber: aws.Int32(1),
				CopySource: aws.String(argminBkt + "/src"), SSECustomerAlgorithm: dstKey.alg, SSECustomerKey: dstKey.key, SSECustomerKeyMD5: dstKey.md5}
			if srcKey != nil {
				in.CopySourceSSECustomerAlgorithm, in.CopySourceSSECustomerKey, in.CopySourceSSECustomerKeyMD5 = srcKey.alg, srcKey.key, srcKey.md5
			}
			return c.UploadPartCopy(ctx, in)
		})
	}
	copyThenComplete := func(ctx context.Context, w *World, u *argminUsers) error {
		_, err := ssecCreateThen("dst", &dst, "", func(ctx context.Context, c *s3.Client, id *string) (any, error) {
			p, err := c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String(argminBkt), Key: aws.String("dst"), UploadId: id, PartNumber: aws.Int32(1),
				CopySource: aws.String(argminBkt + "/src"), SSECustomerAlgorithm: dst.alg, SSECustomerKey: dst.key, SSECustomerKeyMD5: dst.md5,
				CopySourceSSECustomerAlgorithm: k.alg, CopySourceSSECustomerKey: k.key, CopySourceSSECustomerKeyMD5: k.md5})
			if err != nil {
				return p, err
			}
			return ssecComplete(ctx, c, "dst", id, []types.CompletedPart{{ETag: p.CopyPartResult.ETag, PartNumber: aws.Int32(1)}}, &dst, nil)
		})(ctx, w, u)
		return err
	}
	rt := src("test_sse_c_upload_part_copy_round_trip")
	return []Case{
		argminCase("UploadPartCopy/SSE-C source into an SSE-C upload", rt, withSrc(body), partCopy(k, &dst),
			Want{Fields: map[string]any{"CopyPartResult.ETag": Present}}),
		argminCase("GetObject/the completed SSE-C part copy", rt, append(withSrc(body), copyThenComplete), ssecGet("dst", &dst, nil), ssecBody(body, nil)),
		argminCase("UploadPartCopy/SSE-C source without its key", src("test_sse_c_upload_part_copy_requires_source_headers"), withSrc("secret-copy-part"),
			partCopy(nil, &dst), Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}),
		argminCase("UploadPartCopy/another destination key than the upload's", src("test_sse_c_upload_part_copy_rejects_wrong_destination_key"),
			withSrc("secret-copy-part"), partCopy(k, &wrong), Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}),
	}
}

func TestArgminSSECACL(t *testing.T) {
	src := func(test string) string { return argmin("sse_c_acl.rs", test) }
	k := &ssecKey
	// create_acl_sse_c_bucket: ObjectWriter, Block Public Access deleted,
	// SSE-C unblocked.
	bucket := func(extra ...argminStep) []argminStep {
		return append(argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter), argminAllowSSEC), extra...)
	}
	single, ranged, mpu := ssecPattern(1024, 0x41), ssecPattern(4096, 0x52), ssecPattern(5<<20, 0x63)
	rt := src("test_sse_c_acl_mode_put_get_head_round_trip")
	ssecOut := map[string]any{"Out.SSECustomerAlgorithm": "AES256", "Out.SSECustomerKeyMD5": *k.md5}
	Run(t, []Case{
		argminCase("PutObject/SSE-C to an ACL-enabled bucket", rt, bucket(), ssecPut("acl-sse-c-single", single, k, nil), Want{}),
		argminCase("HeadObject/SSE-C object of an ACL-enabled bucket", rt, bucket(objStep(ssecPut("acl-sse-c-single", single, k, nil))),
			ssecHead("acl-sse-c-single", k, nil), Want{Fields: map[string]any{"ContentLength": len(single), "SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": *k.md5}}),
		argminCase("GetObject/SSE-C object of an ACL-enabled bucket", rt, bucket(objStep(ssecPut("acl-sse-c-single", single, k, nil))),
			ssecGet("acl-sse-c-single", k, nil), ssecBody(single, ssecOut)),
		argminCase("GetObject/SSE-C range of an ACL-enabled bucket's object", src("test_sse_c_acl_mode_range_get"),
			bucket(objStep(ssecPut("acl-sse-c-range", ranged, k, nil))), ssecGet("acl-sse-c-range", k, func(in *s3.GetObjectInput) { in.Range = aws.String("bytes=10-29") }),
			ssecPartial(ranged[10:30], map[string]any{"Out.ContentRange": "bytes 10-29/4096"})),
		argminCase("GetObject/SSE-C multipart object of an ACL-enabled bucket", src("test_sse_c_acl_mode_multipart_round_trip"),
			bucket(objStep(ssecMultipart("acl-sse-c-multipart", k, []string{mpu}, nil))), ssecGet("acl-sse-c-multipart", k, nil), ssecBody(mpu, ssecOut)),
	})
}
