package golden

import (
	"bytes"
	"context"
	"net/http"
	"testing"
)

// Cases of argmin's bucket_anon.rs: unsigned requests. The suite pins the
// whole header set of an error (x-amz-request-id, x-amz-id-2,
// Content-Type application/xml, x-amz-bucket-region only where named);
// the cases check the headers that carry meaning.

// bktAnon sends an unsigned request to path.
func bktAnon(method, path string, body []byte) bktCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		r, err := http.NewRequestWithContext(ctx, method, w.Endpoint+path, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		return w.HTTP.Do(r)
	}
}

// bktAnonWant is an error answer with the suite's error header set; region
// says whether x-amz-bucket-region (us-east-1) comes with it.
func bktAnonWant(status int, code, message string, region bool) Want {
	f := map[string]any{"header:x-amz-request-id": Present, "header:x-amz-id-2": Present, "header:x-amz-bucket-region": Absent}
	if code != "" {
		f["header:Content-Type"] = "application/xml"
	}
	if region {
		f["header:x-amz-bucket-region"] = "us-east-1"
	}
	return Want{Status: status, Code: code, Message: message, Fields: f}
}

func TestArgminBucketAnon(t *testing.T) {
	src := func(test string) string { return argmin("bucket_anon.rs", test) }
	private := argminSteps(argminBucket(false, ""))
	withObj := argminSteps(argminBucket(false, ""), argminPut("obj", "private data", ""))
	const missing = "argmin-missing-bucket"
	denied := func(region bool) Want {
		return bktAnonWant(http.StatusForbidden, "AccessDenied", "Access Denied", region)
	}
	noBucket := bktAnonWant(http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist", false)
	pairs := "test_anon_bucket_surfaces_distinguish_private_and_nonexistent_like_aws"
	Run(t, []Case{
		argminCase("GetObject/anonymous on a private bucket", src("test_anon_get_object_private_bucket_fail"), withObj,
			bktAnon(http.MethodGet, "/"+argminBkt+"/obj", nil), denied(false)),
		argminCase("HeadBucket/anonymous on a private bucket", src("test_anon_head_bucket_private_fail"), private,
			bktAnon(http.MethodHead, "/"+argminBkt, nil), bktAnonWant(http.StatusForbidden, "", "", true)),
		argminCase("ListObjectsV2/anonymous on a private bucket", src(pairs), private,
			bktAnon(http.MethodGet, "/"+argminBkt+"?list-type=2", nil), denied(true)),
		argminCase("ListObjectsV2/anonymous on a private bucket, alone", src("test_anon_list_objects_v2_private_bucket_fail"), private,
			bktAnon(http.MethodGet, "/"+argminBkt+"?list-type=2", nil), denied(true)),
		argminCase("HeadBucket/anonymous on no such bucket", src(pairs), nil,
			bktAnon(http.MethodHead, "/"+missing, nil), bktAnonWant(http.StatusNotFound, "", "", false)),
		argminCase("ListObjectsV2/anonymous on no such bucket", src("test_anon_list_objects_v2_nonexistent_bucket_returns_404"), nil,
			bktAnon(http.MethodGet, "/"+missing+"?list-type=2", nil), noBucket),
		argminCase("ListObjects/anonymous on a private bucket", src("test_anon_list_objects_v1_private_bucket_fail"), private,
			bktAnon(http.MethodGet, "/"+argminBkt, nil), denied(true)),
		argminCase("ListObjects/anonymous on no such bucket", src("test_anon_list_objects_v1_nonexistent_bucket_returns_404"), nil,
			bktAnon(http.MethodGet, "/"+missing, nil), noBucket),
		argminCase("PutObject/anonymous into a private bucket", src("test_object_anon_put"),
			argminSteps(argminBucket(false, ""), argminPut("foo", "", "")),
			bktAnon(http.MethodPut, "/"+argminBkt+"/foo", []byte("foo")), denied(false)),
		argminCase("GetObject/anonymous in no such bucket", src("test_anon_get_nonexistent_bucket_returns_404"), nil,
			bktAnon(http.MethodGet, "/"+missing+"/obj", nil), Want{Status: http.StatusNotFound, Code: "NoSuchBucket"}),
		argminCase("HeadBucket/anonymous HEAD of no such bucket", src("test_anon_head_nonexistent_bucket_returns_404"), nil,
			bktAnon(http.MethodHead, "/"+missing, nil), Want{Status: http.StatusNotFound}),
		argminCase("PutObject/anonymous into no such bucket", src("test_anon_put_nonexistent_bucket_returns_404"), nil,
			bktAnon(http.MethodPut, "/"+missing+"/obj", []byte("data")), Want{Status: http.StatusNotFound, Code: "NoSuchBucket"}),
	})
}
