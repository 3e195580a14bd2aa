package golden

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of justincormack/argmin's multipart.rs on reading parts
// (partNumber) and on UploadPartCopy.

func TestArgminMultipartGetPart(t *testing.T) {
	src := func(test string) string { return argmin("multipart.rs", test) }
	bodies := []string{mpFill("A", ckPartSize), mpFill("B", ckPartSize), mpFill("C", ckPartSize), mpFill("D", 1<<20)}
	four := objBucket(objStep(mpDone("mymultipart", bodies...)))
	etag := mpETag(bodies...)
	part := func(n int32) func(*s3.GetObjectInput) {
		return func(in *s3.GetObjectInput) { in.PartNumber = aws.Int32(n) }
	}
	headPart := func(key string, n int32) objCall {
		return objHead(primary, key, func(in *s3.HeadObjectInput) { in.PartNumber = aws.Int32(n) })
	}
	var cases []Case
	for i, b := range bodies {
		n := int32(i + 1)
		cases = append(cases,
			argminCase(fmt.Sprintf("HeadObject/partNumber %d of 4", n), src("test_multipart_get_part"), four, headPart("mymultipart", n),
				Want{Status: http.StatusPartialContent, Fields: map[string]any{"PartsCount": 4, "ETag": etag}}),
			argminCase(fmt.Sprintf("GetObject/partNumber %d of 4", n), src("test_multipart_get_part"), four, mpGet("mymultipart", part(n)),
				Want{Status: http.StatusPartialContent, Fields: mpBody(b, map[string]any{"Out.PartsCount": 4, "Out.ETag": etag,
					"Out.ContentLength": len(b)}).Fields}))
	}
	single := objBucket(argminPut("singlepart", "body", ""))
	zero := objBucket(objStep(mpDone("zerobyte-final", mpFill("X", ckPartSize), "")))
	zeroETag := mpETag(mpFill("X", ckPartSize), "")
	// The suite does not assert the status of an empty part's read; fakeaws
	// answers 200 (no range of zero bytes can be 206), which the cases
	// below state so that they can check the rest.
	cases = append(cases,
		argminCase("GetObject/partNumber 5 of 4", src("test_multipart_get_part"), four, objStatusOnly(mpGet("mymultipart", part(5))),
			Want{Status: http.StatusRequestedRangeNotSatisfiable}),
		argminCase("HeadObject/partNumber 5 of 4", src("test_multipart_get_part"), four, objStatusOnly(headPart("mymultipart", 5)),
			Want{Status: http.StatusRequestedRangeNotSatisfiable}),
		argminCase("GetObject/partNumber 2 of a PutObject", src("test_non_multipart_get_part"), single, objStatusOnly(mpGet("singlepart", part(2))),
			Want{Status: http.StatusRequestedRangeNotSatisfiable}),
		argminCase("HeadObject/partNumber 2 of a PutObject", src("test_non_multipart_get_part"), single, objStatusOnly(headPart("singlepart", 2)),
			Want{Status: http.StatusRequestedRangeNotSatisfiable}),
		argminCase("GetObject/partNumber 1 of a PutObject", src("test_non_multipart_get_part"), single, mpGet("singlepart", part(1)),
			Want{Status: http.StatusPartialContent, Fields: mpBody("body", map[string]any{"Out.ETag": objETag("body")}).Fields}),
		argminCase("GetObject/part 1 of an upload whose last part is empty", src("test_multipart_get_zero_byte_final_part"), zero, mpGet("zerobyte-final", part(1)),
			Want{Status: http.StatusPartialContent, Fields: map[string]any{"Out.PartsCount": 2, "Out.ETag": zeroETag, "Len": ckPartSize}}),
		argminCase("GetObject/an empty last part", src("test_multipart_get_zero_byte_final_part"), zero, mpGet("zerobyte-final", part(2)),
			Want{Status: http.StatusOK, Fields: map[string]any{"Out.PartsCount": 2, "Out.ContentLength": 0, "Len": 0}}),
		argminCase("HeadObject/an empty last part", src("test_multipart_get_zero_byte_final_part"), zero, headPart("zerobyte-final", 2),
			Want{Status: http.StatusOK, Fields: map[string]any{"PartsCount": 2, "ContentLength": 0}}),
	)
	Run(t, cases)
}

// mpCopyPart is UploadPartCopy of copySource (and range when not "") as
// part n of the upload id of key.
func mpCopyPart(key, id string, n int32, copySource, rng string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.UploadPartCopyInput{Bucket: aws.String(argminBkt), Key: aws.String(key), UploadId: aws.String(id), PartNumber: aws.Int32(n),
			CopySource: aws.String(copySource)}
		if rng != "" {
			in.CopySourceRange = aws.String(rng)
		}
		return primary(w, u).UploadPartCopy(ctx, in)
	}
}

// mpCopied copies ranges of copySource (one part each; "" the whole
// source) into a new upload of key, completes it and reads it back.
func mpCopied(key, copySource string, ranges ...string) objCall {
	return ckUpload(key, nil, nil, func(key, id string, _ []*s3.UploadPartOutput) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			var parts []types.CompletedPart
			for i, r := range ranges {
				out, err := mpCopyPart(key, id, int32(i+1), copySource, r)(ctx, w, u)
				if err != nil {
					return out, err
				}
				parts = append(parts, types.CompletedPart{ETag: out.(*s3.UploadPartCopyOutput).CopyPartResult.ETag, PartNumber: aws.Int32(int32(i + 1))})
			}
			done, err := primary(w, u).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(key),
				UploadId: aws.String(id), MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}})
			if err != nil {
				return done, err
			}
			return mpGet(key, nil)(ctx, w, u)
		}
	})
}

// mpCopyInto copies copySource (with rng) as part n of a new upload of key.
func mpCopyInto(key, copySource string, n int32, rng string) objCall {
	return ckUpload(key, nil, nil, func(key, id string, _ []*s3.UploadPartOutput) objCall { return mpCopyPart(key, id, n, copySource, rng) })
}

func TestArgminMultipartCopy(t *testing.T) {
	src := func(test string) string { return argmin("multipart.rs", test) }
	from := func(key string) string { return argminBkt + "/" + key }
	srcData := func(key, body string) []argminStep { return objBucket(objStep(objPut(primary, key, body, nil))) }
	invalid := Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}
	total := 2*ckPartSize + 500
	seq := make([]byte, total)
	for i := range seq {
		seq[i] = byte(i % 256)
	}
	multi := string(seq)
	Run(t, []Case{
		argminCase("UploadPartCopy/a 5 MiB source, whole", src("test_multipart_copy_small"), srcData("copy-src-small", mpFill("x", ckPartSize)),
			mpCopied("copy-dst-small", from("copy-src-small"), ""), mpBody(mpFill("x", ckPartSize), nil)),
		argminCase("UploadPartCopy/a source over 5 MiB, without a range", src("test_multipart_copy_without_range"), srcData("copy-src-no-range", mpFill("A", ckPartSize+1000)),
			mpCopied("copy-dst-no-range", from("copy-src-no-range"), ""), mpBody(mpFill("A", ckPartSize+1000), nil)),
		argminCase("UploadPartCopy/a source in three ranges", src("test_multipart_copy_multiple_sizes"), srcData("copy-src-multi", multi),
			mpCopied("copy-dst-multi", from("copy-src-multi"), fmt.Sprintf("bytes=0-%d", ckPartSize-1),
				fmt.Sprintf("bytes=%d-%d", ckPartSize, 2*ckPartSize-1), fmt.Sprintf("bytes=%d-%d", 2*ckPartSize, total-1)), mpBody(multi, nil)),
		argminCase("UploadPartCopy/a key with spaces and slashes", src("test_multipart_copy_special_names"),
			srcData("special key with spaces/and/slashes", mpFill("S", ckPartSize)),
			mpCopied("copy-dst-special", from("special key with spaces/and/slashes"), ""), mpBody(mpFill("S", ckPartSize), nil)),
		argminCase("UploadPartCopy/a range past the source's end", src("test_multipart_copy_invalid_range"), srcData("copy-src-invalid-range", mpFill("Z", 1000)),
			mpCopyInto("copy-dst-invalid-range", from("copy-src-invalid-range"), 1, "bytes=0-9999"), invalid),
		argminCase("UploadPartCopy/a range that ends before it starts", src("test_multipart_copy_improper_range"), srcData("copy-src-improper", mpFill("M", 1000)),
			mpCopyInto("copy-dst-improper", from("copy-src-improper"), 1, "bytes=500-100"), invalid),
		argminCase("UploadPartCopy/part number 10001", src("test_multipart_copy_invalid_part_number_exceeds_max"), srcData("copy-src-invalid-part-number", "hello"),
			mpCopyInto("copy-dst-invalid-part-number", from("copy-src-invalid-part-number"), 10_001, ""), invalid),
		argminCase("UploadPartCopy/a raw % key for a key stored as %25", src("test_upload_part_copy_percent_encoded_key"),
			objBucket(argminPut("anyfilename%25.txt", "foo", ""), argminPut("anyfile.txt", "foo", "")),
			mpCopyInto("anyfile.txt", from("anyfilename%.txt"), 1, ""), Want{Refused: true}),
		argminCase("GetObject/the refused UploadPartCopy left the destination", src("test_upload_part_copy_percent_encoded_key"),
			objBucket(argminPut("anyfilename%25.txt", "foo", ""), argminPut("anyfile.txt", "foo", ""),
				objIgnore(mpCopyInto("anyfile.txt", from("anyfilename%.txt"), 1, ""))), mpGet("anyfile.txt", nil), mpBody("foo", nil)),
	})
}

func TestArgminMultipartCopyVersions(t *testing.T) {
	src := func(test string) string { return argmin("multipart.rs", test) }
	v1, v2 := mpFill("1", ckPartSize), mpFill("2", ckPartSize)
	versioned := objBucket(objVersioning, objStep(objPut(primary, "versioned-src", v1, nil)))
	marked := objBucket(objVersioning, objStep(objPut(primary, "dm-src", mpFill("d", ckPartSize), nil)), objStep(objDelete(primary, "dm-src", nil)))
	withVersion := func(pick func(ctx context.Context, w *World, u *argminUsers) (*string, error), next func(v string) objCall) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			v, err := pick(ctx, w, u)
			if err != nil {
				return nil, err
			}
			return next(aws.ToString(v))(ctx, w, u)
		}
	}
	oldest := func(key string) func(ctx context.Context, w *World, u *argminUsers) (*string, error) {
		return func(ctx context.Context, w *World, u *argminUsers) (*string, error) {
			out, err := primary(w, u).ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(argminBkt), Prefix: aws.String(key)})
			if err != nil {
				return nil, err
			}
			if len(out.DeleteMarkers) > 0 {
				return out.DeleteMarkers[0].VersionId, nil
			}
			return out.Versions[len(out.Versions)-1].VersionId, nil
		}
	}
	Run(t, []Case{
		argminCase("UploadPartCopy/an older version by versionId", src("test_multipart_copy_versioned"),
			append(versioned, objStep(objPut(primary, "versioned-src", v2, nil))),
			withVersion(oldest("versioned-src"), func(v string) objCall {
				return mpCopied("versioned-dst", argminBkt+"/versioned-src?versionId="+url.QueryEscape(v), "")
			}), mpBody(v1, nil)),
		argminCase("UploadPartCopy/a source whose current version is a delete marker", src("test_multipart_copy_delete_marker_source"), marked,
			mpCopyInto("dm-dst", argminBkt+"/dm-src", 1, ""), Want{Status: http.StatusNotFound, Code: "NoSuchKey"}),
		argminCase("UploadPartCopy/a delete marker's versionId", src("test_multipart_copy_delete_marker_version_id"), marked,
			withVersion(oldest("dm-src"), func(v string) objCall {
				return mpCopyInto("dm-dst", argminBkt+"/dm-src?versionId="+url.QueryEscape(v), 1, "")
			}), Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}),
	})
}
