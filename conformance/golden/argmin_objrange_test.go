package golden

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func TestArgminObjRange(t *testing.T) {
	src := func(test string) string { return argmin("range.rs", test) }
	const alphabet = "abcdefghijklmnopqrstuvwxyz"
	r := objBucket(argminPut("r", alphabet, ""))
	ranged := func(rng string, mod func(*s3.GetObjectInput)) objCall {
		return objGet(primary, "r", func(in *s3.GetObjectInput) {
			in.Range = aws.String(rng)
			if mod != nil {
				mod(in)
			}
		})
	}
	part := func(body string) Want {
		return Want{Status: http.StatusPartialContent, Fields: map[string]any{"Body": body}}
	}
	shape := objBucket(objRawPut("shape-range.txt", "abcdefghij", http.Header{"Content-Type": {"application/octet-stream"}}))
	Run(t, []Case{
		argminCase("GetObject/Range bytes=0-4", src("test_range_get_start_end"), r, ranged("bytes=0-4", nil), part("abcde")),
		argminCase("GetObject/Range bytes=23-", src("test_range_get_from_start"), r, ranged("bytes=23-", nil), part("xyz")),
		argminCase("GetObject/Range bytes=-3", src("test_range_get_suffix"), r, ranged("bytes=-3", nil), part("xyz")),
		argminCase("GetObject/Range bytes=-999 of 26 bytes", src("test_range_get_suffix_exceeds_size"), r, objStatusOnly(ranged("bytes=-999", nil)),
			Want{Status: http.StatusPartialContent, Fields: map[string]any{"Body": alphabet}}),
		argminCase("GetObject/Range bytes=100-200 of 26 bytes", src("test_range_get_unsatisfiable"), r, objStatusOnly(ranged("bytes=100-200", nil)),
			Want{Status: http.StatusRequestedRangeNotSatisfiable}),
		argminCase("GetObject/Range bytes=100- of 26 bytes", src("test_range_get_from_start_unsatisfiable"), r, objStatusOnly(ranged("bytes=100-", nil)),
			Want{Status: http.StatusRequestedRangeNotSatisfiable}),
		argminCase("GetObject/Range with If-Match its ETag", src("test_range_get_if_match_returns_partial_content"), r,
			ranged("bytes=0-4", func(in *s3.GetObjectInput) { in.IfMatch = aws.String(objETag(alphabet)) }),
			Want{Status: http.StatusPartialContent, Fields: map[string]any{"Body": "abcde", "Out.AcceptRanges": "bytes", "Out.ContentRange": "bytes 0-4/26", "Out.ContentLength": 5}}),
		argminCase("GetObject/Range with If-None-Match its ETag", src("test_range_get_if_none_match_returns_not_modified"), r,
			objStatusOnly(ranged("bytes=0-4", func(in *s3.GetObjectInput) { in.IfNoneMatch = aws.String(objETag(alphabet)) })), Want{Status: http.StatusNotModified}),
		argminCase("GetObject/Range with If-Match another ETag", src("test_range_get_if_match_mismatch_returns_precondition_failed"), r,
			objStatusOnly(ranged("bytes=0-4", func(in *s3.GetObjectInput) { in.IfMatch = aws.String(objOther) })), Want{Status: http.StatusPreconditionFailed}),
		argminCase("GetObject/Range of a noncurrent version", src("test_range_get_specific_version_returns_expected_slice_and_version_id"),
			objBucket(objVersioning, argminPut("r", alphabet, "")),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				head, err := primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("r")})
				if err != nil {
					return head, err
				}
				if _, err := objPut(primary, "r", "0123456789"+alphabet, nil)(ctx, w, u); err != nil {
					return nil, err
				}
				return ranged("bytes=2-5", func(in *s3.GetObjectInput) { in.VersionId = head.VersionId })(ctx, w, u)
			}, Want{Status: http.StatusPartialContent, Fields: map[string]any{"Body": "cdef", "Out.ContentRange": "bytes 2-5/26", "Out.ContentLength": 4, "Out.VersionId": Present}}),
		argminCase("GetObject/Range, the answer's headers", src("test_range_and_override_response_shape"), shape,
			objRaw(http.MethodGet, objKeyPath("shape-range.txt"), nil, http.Header{"Range": {"bytes=2-5"}}),
			Want{Status: http.StatusPartialContent, Fields: map[string]any{"Body": "cdef", "header:ETag": objETag("abcdefghij"), "header:Last-Modified": Present,
				"header:Accept-Ranges": "bytes", "header:Content-Range": "bytes 2-5/10", "header:Content-Type": "application/octet-stream",
				"header:X-Amz-Server-Side-Encryption": "AES256", "header:Content-Length": "4"}}),
		argminCase("GetObject/response-content-type and response-content-disposition", src("test_range_and_override_response_shape"), shape,
			objRaw(http.MethodGet, objKeyPath("shape-range.txt")+"?response-content-type=text%2Fhtml&response-content-disposition=attachment%3B%20filename%3D%22override.txt%22", nil, nil),
			Want{Fields: map[string]any{"Body": "abcdefghij", "header:Content-Type": "text/html", "header:Content-Disposition": `attachment; filename="override.txt"`,
				"header:Accept-Ranges": "bytes", "header:X-Amz-Server-Side-Encryption": "AES256", "header:Content-Length": "10"}}),
	})
}

func TestArgminObjPublicRange(t *testing.T) {
	src := func(test string) string { return argmin("public_access_range.rs", test) }
	// setup_public_object_with_body: create_public_bucket
	// (BucketOwnerPreferred, Block Public Access off, public-read) and a
	// public-read object.
	public := func(body string) []argminStep {
		return objACLBucket(types.ObjectOwnershipBucketOwnerPreferred, argminBucketACL(types.BucketCannedACLPublicRead),
			argminPut("range-test", body, types.ObjectCannedACLPublicRead))
	}
	const alphabet = "abcdefghijklmnopqrstuvwxyz"
	get := func(rng string) objCall {
		return objAnonRaw(objKeyPath("range-test"), http.Header{"Range": {rng}, "Accept-Encoding": {"identity"}})
	}
	invalidRange := func(size string) Want {
		return Want{Status: http.StatusRequestedRangeNotSatisfiable, Fields: map[string]any{"header:Content-Range": Absent,
			"Elements.Code": "InvalidRange", "Elements.Message": "The requested range is not satisfiable", "Elements.ActualObjectSize": size,
			"Elements.RequestId": Present, "Elements.HostId": Present, "Elements.Resource": Missing}}
	}
	cases := []Case{
		argminCase("GetObject/unsigned, Range bytes=0-4", src("test_range_get_start_end_response_headers"), public(alphabet), get("bytes=0-4"),
			Want{Status: http.StatusPartialContent, Fields: map[string]any{"Body": "abcde", "header:Content-Range": "bytes 0-4/26",
				"header:Content-Length": "5", "header:Accept-Ranges": "bytes"}}),
		argminCase("GetObject/unsigned, Range bytes=100-200 of 26 bytes", src("test_range_get_unsatisfiable_response_headers_and_body"), public(alphabet),
			get("bytes=100-200"), invalidRange("26")),
		argminCase("GetObject/unsigned, Range bytes=0-0 of an empty object", src("test_range_get_empty_object_is_unsatisfiable"), public(""),
			get("bytes=0-0"), invalidRange("0")),
		argminCase("GetObject/unsigned, Range bytes=-0", src("test_range_get_zero_suffix"), public(alphabet), get("bytes=-0"),
			Want{Status: http.StatusRequestedRangeNotSatisfiable, Fields: map[string]any{"Elements.Code": Present}}),
		argminCase("GetObject/unsigned, Range bytes=10-5 is ignored", src("test_range_get_malformed_header_returns_full_body_without_content_range"),
			public(alphabet), get("bytes=10-5"), Want{Fields: map[string]any{"Body": alphabet, "header:Content-Range": Absent, "header:Accept-Ranges": "bytes"}}),
	}
	for _, m := range []struct{ test, rng string }{
		{"test_range_get_no_bytes_prefix", "0-10"}, {"test_range_get_multi_range", "bytes=0-5, 10-15"},
		{"test_range_get_start_greater_than_end", "bytes=10-5"}, {"test_range_get_empty_range", "bytes=-"},
		{"test_range_get_non_numeric_start", "bytes=abc-10"}, {"test_range_get_non_numeric_end", "bytes=0-xyz"},
		{"test_range_get_non_numeric_suffix", "bytes=-abc"}, {"test_range_get_non_numeric_from_start", "bytes=abc-"},
		{"test_range_get_no_dash", "bytes=100"},
	} {
		cases = append(cases, argminCase("GetObject/unsigned, malformed Range "+m.rng, src(m.test), public(alphabet), get(m.rng), Want{}))
	}
	Run(t, cases)
}
