package golden

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// justincormack/argmin crates/s3-tests/tests/directory_bucket_features.rs:
// what a general purpose bucket answers to the request features only
// directory buckets (S3 Express One Zone) serve, asserted against AWS S3
// (2026). fakeaws serves no directory buckets (docs/deviations.md).

// dirPut is the primary user's raw PUT of "hello" to path with header
// name: value (none when name is "").
func dirPut(path, name, value string) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		h := http.Header{}
		if name != "" {
			h.Set(name, value)
		}
		return w.Signed(ctx, u.primary, http.MethodPut, path, []byte("hello"), h)
	}
}

// dirRefusedPut runs a dirPut as a set-up step that must be refused 501.
func dirRefusedPut(put argminCall) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		out, err := put(ctx, w, u)
		if err != nil {
			return err
		}
		resp := out.(*http.Response)
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusNotImplemented {
			return fmt.Errorf("want 501, got %s", resp.Status)
		}
		return nil
	}
}

func dirGet(key string) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
	}
}

func dirDelete(mod func(*s3.DeleteObjectInput)) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.DeleteObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("obj")}
		mod(in)
		return primary(w, u).DeleteObject(ctx, in)
	}
}

func TestArgminDirectoryFeatures(t *testing.T) {
	src := func(test string) string { return argmin("directory_bucket_features.rs", test) }
	made := argminSteps(argminBucket(false, ""))
	withObj := argminSteps(argminBucket(false, ""), argminPut("obj", "hello", ""))
	notImpl := func(element, name string) Want {
		return Want{Status: http.StatusNotImplemented, Code: "NotImplemented",
			Fields: map[string]any{"body": Match("<" + element + ">" + name + "</" + element + ">")}}
	}
	// AWS's GetObject after the refused write fails; the suite's primary
	// user may list the bucket, so the failure is 404.
	noObject := Want{Refused: true, Status: http.StatusNotFound}
	offset := dirPut("/"+argminBkt+"/offset", "x-amz-write-offset-bytes", "0")
	rename := dirPut("/"+argminBkt+"/dst", "x-amz-rename-source", "/src")
	renameQuery := dirPut("/"+argminBkt+"/dst?renameObject", "", "")
	const (
		offsetTest      = "test_put_object_write_offset_bytes_not_implemented_on_standard_bucket"
		renameTest      = "test_put_object_rename_source_not_implemented_on_standard_bucket"
		renameQueryTest = "test_put_object_rename_object_query_not_implemented_on_standard_bucket"
	)
	Run(t, []Case{
		argminCase("PutObject/x-amz-write-offset-bytes", src(offsetTest), made, offset, notImpl("Header", "x-amz-write-offset-bytes")),
		argminCase("PutObject/x-amz-write-offset-bytes writes nothing", src(offsetTest), argminSteps(argminBucket(false, ""), dirRefusedPut(offset)), dirGet("offset"), noObject),
		argminCase("PutObject/x-amz-rename-source", src(renameTest), made, rename, notImpl("Header", "x-amz-rename-source")),
		argminCase("PutObject/x-amz-rename-source writes nothing", src(renameTest), argminSteps(argminBucket(false, ""), dirRefusedPut(rename)), dirGet("dst"), noObject),
		argminCase("RenameObject/on a general purpose bucket", src(renameQueryTest), made, renameQuery, notImpl("QueryParameter", "renameObject")),
		argminCase("RenameObject/writes nothing", src(renameQueryTest), argminSteps(argminBucket(false, ""), dirRefusedPut(renameQuery)), dirGet("dst"), noObject),
		argminCase("CreateSession/GET ?session lists the bucket", src("test_get_bucket_session_query_is_ignored_on_standard_bucket"), made,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return w.Signed(ctx, u.primary, http.MethodGet, "/"+argminBkt+"?session", nil, http.Header{"X-Amz-Create-Session-Mode": {"ReadWrite"}})
			}, Want{Fields: map[string]any{"body": Match(`<ListBucketResult[ >]`)}}),
		argminCase("DeleteObject/If-Match-Last-Modified-Time", src("test_delete_object_if_match_last_modified_time_not_implemented_on_standard_bucket"), withObj,
			dirDelete(func(in *s3.DeleteObjectInput) { in.IfMatchLastModifiedTime = aws.Time(time.Unix(0, 0)) }), Want{Refused: true, Status: http.StatusNotImplemented}),
		argminCase("DeleteObject/If-Match-Size", src("test_delete_object_if_match_size_not_implemented_on_standard_bucket"), withObj,
			dirDelete(func(in *s3.DeleteObjectInput) { in.IfMatchSize = aws.Int64(5) }), Want{Refused: true, Status: http.StatusNotImplemented}),
	})
}
