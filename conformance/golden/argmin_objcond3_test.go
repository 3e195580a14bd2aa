package golden

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// More of argmin's conditional.rs test functions the first replay did not
// cite: conditional deletes of no object, and the copy-source conditions
// of CopyObject and UploadPartCopy (which version they judge, how an ETag
// condition and its paired date combine, malformed dates, and
// x-amz-copy-source-version-id).

// condSrc is a copy source's conditions (nil: not sent).
type condSrc struct {
	match, noneMatch             *string
	modifiedSince, unmodifiedSin *time.Time
}

// condState is what one case's set-up wrote: the source's versions and
// ETags, the first version's Last-Modified and the delete marker's id.
type condState struct {
	first, second, marker string
	firstETag, secondETag string
	firstModified         time.Time
}

var (
	condPast   = time.Unix(0, 0).UTC()
	condFuture = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	condWrong  = `"0000000000000000"`
)

// condCopied is a conditional copy's outcome: whether the copy named the
// version and ETag the case expects.
type condCopied struct{ Version, ETag string }

// condCopy copies source (from st) to dst with c, as CopyObject, or as
// UploadPartCopy into a new upload of dst when part is set; it answers
// the source version id and ETag reported.
func condCopy(part bool, dst string, source func(st *condState) string, c func(st *condState) condSrc, st *condState) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		cl, b, k := primary(w, u), aws.String(argminBkt), aws.String(dst)
		cs := c(st)
		if !part {
			out, err := cl.CopyObject(ctx, &s3.CopyObjectInput{Bucket: b, Key: k, CopySource: aws.String(source(st)),
				CopySourceIfMatch: cs.match, CopySourceIfNoneMatch: cs.noneMatch,
				CopySourceIfModifiedSince: cs.modifiedSince, CopySourceIfUnmodifiedSince: cs.unmodifiedSin})
			if err != nil {
				return out, err
			}
			return condCopied{aws.ToString(out.CopySourceVersionId), aws.ToString(out.CopyObjectResult.ETag)}, nil
		}
		up, err := cl.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
		if err != nil {
			return nil, err
		}
		out, err := cl.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: aws.Int32(1),
			CopySource: aws.String(source(st)), CopySourceIfMatch: cs.match, CopySourceIfNoneMatch: cs.noneMatch,
			CopySourceIfModifiedSince: cs.modifiedSince, CopySourceIfUnmodifiedSince: cs.unmodifiedSin})
		if err != nil {
			return out, err
		}
		return condCopied{aws.ToString(out.CopySourceVersionId), aws.ToString(out.CopyPartResult.ETag)}, nil
	}
}

// condVersions is the set-up of
// test_copy_source_conditions_resolve_selected_source_version_first:
// versioning on, "src" written twice, then deleted (a delete marker is
// current), recorded in st.
func condVersions(st *condState) []argminStep {
	return objBucket(objVersioning, func(ctx context.Context, w *World, u *argminUsers) error {
		c, b, k := primary(w, u), aws.String(argminBkt), aws.String("src")
		for i, body := range []string{"first source", "second source"} {
			out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: k, Body: strings.NewReader(body)})
			if err != nil {
				return err
			}
			*[]*string{&st.first, &st.second}[i] = aws.ToString(out.VersionId)
			*[]*string{&st.firstETag, &st.secondETag}[i] = aws.ToString(out.ETag)
		}
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: k, VersionId: aws.String(st.first)})
		if err != nil {
			return err
		}
		st.firstModified = aws.ToTime(head.LastModified)
		del, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: k})
		st.marker = aws.ToString(del.VersionId)
		return err
	})
}

func condVersioned(key string, v func(st *condState) string) func(st *condState) string {
	return func(st *condState) string {
		return argminBkt + "/" + key + "?versionId=" + url.QueryEscape(v(st))
	}
}

type condVersionCase struct {
	name   string
	source func(st *condState) string
	cond   func(st *condState) condSrc
	status int
	code   string
}

func condVersionCases() []condVersionCase {
	plain := func(key string) func(*condState) string {
		return func(*condState) string { return argminBkt + "/" + key }
	}
	first := condVersioned("src", func(st *condState) string { return st.first })
	marker := condVersioned("src", func(st *condState) string { return st.marker })
	match := func(e func(st *condState) string) func(*condState) condSrc {
		return func(st *condState) condSrc { return condSrc{match: aws.String(e(st))} }
	}
	none := func(e func(st *condState) string) func(*condState) condSrc {
		return func(st *condState) condSrc { return condSrc{noneMatch: aws.String(e(st))} }
	}
	since := func(t func(st *condState) time.Time) func(*condState) condSrc {
		return func(st *condState) condSrc { tt := t(st); return condSrc{modifiedSince: &tt} }
	}
	unmod := func(t time.Time) func(*condState) condSrc {
		return func(*condState) condSrc { return condSrc{unmodifiedSin: &t} }
	}
	wrong := func(*condState) string { return condWrong }
	firstETag := func(st *condState) string { return st.firstETag }
	secondETag := func(st *condState) string { return st.secondETag }
	past := func(*condState) time.Time { return condPast }
	var cases []condVersionCase
	for _, src := range []struct {
		name   string
		source func(*condState) string
		status int
		code   string
	}{
		{"missing source", plain("missing"), http.StatusNotFound, "NoSuchKey"},
		{"current delete marker", plain("src"), http.StatusNotFound, "NoSuchKey"},
		{"explicit delete marker", marker, http.StatusBadRequest, "InvalidRequest"},
	} {
		m := match(wrong)
		if src.name == "current delete marker" || src.name == "explicit delete marker" {
			m = match(firstETag)
		}
		cases = append(cases,
			condVersionCase{src.name + " with If-Match", src.source, m, src.status, src.code},
			condVersionCase{src.name + " with If-None-Match", src.source, none(wrong), src.status, src.code},
			condVersionCase{src.name + " with If-Modified-Since", src.source, since(past), src.status, src.code},
			condVersionCase{src.name + " with If-Unmodified-Since", src.source, unmod(condFuture), src.status, src.code})
	}
	return append(cases,
		condVersionCase{"explicit live version with matching If-Match", first, match(firstETag), 0, ""},
		condVersionCase{"explicit live version with current-version If-Match", first, match(secondETag), http.StatusPreconditionFailed, "PreconditionFailed"},
		condVersionCase{"explicit live version with nonmatching If-None-Match", first, none(secondETag), 0, ""},
		condVersionCase{"explicit live version with matching If-None-Match", first, none(firstETag), http.StatusPreconditionFailed, "PreconditionFailed"},
		condVersionCase{"explicit live version modified after epoch", first, since(past), 0, ""},
		condVersionCase{"explicit live version not modified after its timestamp", first, since(func(st *condState) time.Time { return st.firstModified }),
			http.StatusPreconditionFailed, "PreconditionFailed"},
		condVersionCase{"explicit live version unmodified before future", first, unmod(condFuture), 0, ""},
		condVersionCase{"explicit live version not unmodified since epoch", first, unmod(condPast), http.StatusPreconditionFailed, "PreconditionFailed"})
}

// condFirstCopied answers whether a copy reported the first version and
// its ETag (st filled by the set-up).
func condFirstCopied(call objCall, st *condState) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := call(ctx, w, u)
		got, ok := out.(condCopied)
		if err != nil || !ok {
			return out, err
		}
		return struct{ FirstVersion, FirstETag bool }{got.Version == st.first, got.ETag == st.firstETag}, nil
	}
}

func TestArgminCopySourceVersionConditions(t *testing.T) {
	src := argmin("conditional.rs", "test_copy_source_conditions_resolve_selected_source_version_first")
	var cases []Case
	for _, c := range condVersionCases() {
		for _, part := range []bool{false, true} {
			op := "CopyObject"
			if part {
				op = "UploadPartCopy"
			}
			st := &condState{}
			want := Want{Status: c.status, Code: c.code}
			call := condCopy(part, "dst", c.source, c.cond, st)
			if c.status == 0 {
				want, call = Want{Fields: map[string]any{"FirstVersion": true, "FirstETag": true}}, condFirstCopied(call, st)
			}
			cases = append(cases, argminCase(op+"/"+c.name, src, condVersions(st), call, want))
		}
	}
	Run(t, cases)
}

func TestArgminCopySourceConditionPairs(t *testing.T) {
	src := argmin("conditional.rs", "test_copy_source_combined_etag_date_precedence")
	type pair struct {
		name     string
		cond     func(st *condState) condSrc
		succeeds bool
	}
	etag := func(st *condState) *string { return aws.String(st.firstETag) }
	at := func(t time.Time) *time.Time { return &t }
	pairs := []pair{
		{"matching If-Match and passing If-Unmodified-Since", func(st *condState) condSrc { return condSrc{match: etag(st), unmodifiedSin: at(condFuture)} }, true},
		{"matching If-Match and failing If-Unmodified-Since", func(st *condState) condSrc { return condSrc{match: etag(st), unmodifiedSin: at(condPast)} }, true},
		{"nonmatching If-Match and passing If-Unmodified-Since", func(*condState) condSrc { return condSrc{match: &condWrong, unmodifiedSin: at(condFuture)} }, false},
		{"nonmatching If-Match and failing If-Unmodified-Since", func(*condState) condSrc { return condSrc{match: &condWrong, unmodifiedSin: at(condPast)} }, false},
		{"nonmatching If-None-Match and passing If-Modified-Since", func(*condState) condSrc { return condSrc{noneMatch: &condWrong, modifiedSince: at(condPast)} }, true},
		{"nonmatching If-None-Match and failing If-Modified-Since", func(st *condState) condSrc {
			return condSrc{noneMatch: &condWrong, modifiedSince: at(st.firstModified)}
		}, true},
		{"matching If-None-Match and passing If-Modified-Since", func(st *condState) condSrc { return condSrc{noneMatch: etag(st), modifiedSince: at(condPast)} }, false},
		{"matching If-None-Match and failing If-Modified-Since", func(st *condState) condSrc {
			return condSrc{noneMatch: etag(st), modifiedSince: at(st.firstModified)}
		}, false},
	}
	// "src" ("source data"), its ETag and Last-Modified in st.
	setup := func(st *condState) []argminStep {
		return objBucket(func(ctx context.Context, w *World, u *argminUsers) error {
			c, b, k := primary(w, u), aws.String(argminBkt), aws.String("src")
			out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: k, Body: strings.NewReader("source data")})
			if err != nil {
				return err
			}
			head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: k})
			if err != nil {
				return err
			}
			st.firstETag, st.firstModified = aws.ToString(out.ETag), aws.ToTime(head.LastModified)
			return nil
		})
	}
	source := func(*condState) string { return argminBkt + "/src" }
	var cases []Case
	for _, p := range pairs {
		for _, part := range []bool{false, true} {
			op := "CopyObject"
			if part {
				op = "UploadPartCopy"
			}
			st := &condState{}
			call := condCopy(part, "dst", source, p.cond, st)
			want := Want{Status: http.StatusPreconditionFailed, Code: "PreconditionFailed"}
			if p.succeeds {
				want, call = Want{Fields: map[string]any{"FirstETag": true}}, condFirstCopied(call, st)
			}
			cases = append(cases, argminCase(op+"/"+p.name, src, setup(st), call, want))
		}
	}
	Run(t, cases)
}

func TestArgminCopySourceMisc(t *testing.T) {
	src := func(test string) string { return argmin("conditional.rs", test) }
	versions := "test_copy_source_version_header_follows_source_bucket_versioning"
	malformed := "test_copy_source_malformed_dates_are_ignored"
	// raw sends a CopyObject (or UploadPartCopy into a new upload) of
	// argminBkt/src with header, signed, as the suite's raw_object_with.
	raw := func(part bool, header string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			path := objKeyPath("dst")
			if part {
				up, err := primary(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String("dst")})
				if err != nil {
					return nil, err
				}
				path += "?partNumber=1&uploadId=" + url.QueryEscape(aws.ToString(up.UploadId))
			}
			return w.Signed(ctx, u.primary, http.MethodPut, path, nil,
				http.Header{"X-Amz-Copy-Source": {argminBkt + "/src"}, header: {"not-an-http-date"}})
		}
	}
	withSrc := objBucket(objStep(objPut(primary, "src", "source data", nil)))
	// versioning sets argminBkt's versioning ("" none) and writes "src".
	versioning := func(status types.BucketVersioningStatus) []argminStep {
		steps := objBucket()
		if status != "" {
			steps = append(steps, func(ctx context.Context, w *World, u *argminUsers) error {
				if status == types.BucketVersioningStatusSuspended {
					if err := objVersioning(ctx, w, u); err != nil {
						return err
					}
				}
				_, err := primary(w, u).PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(argminBkt),
					VersioningConfiguration: &types.VersioningConfiguration{Status: status}})
				return err
			})
		}
		return append(steps, objStep(objPut(primary, "src", "source", nil)))
	}
	plain := func(*condState) string { return argminBkt + "/src" }
	null := func(*condState) string { return argminBkt + "/src?versionId=null" }
	none := func(*condState) condSrc { return condSrc{} }
	copied := func(part bool, source func(*condState) string) objCall {
		return condCopy(part, "dst", source, none, &condState{})
	}
	var cases []Case
	for _, part := range []bool{false, true} {
		op := map[bool]string{false: "CopyObject", true: "UploadPartCopy"}[part]
		cases = append(cases,
			argminCase(op+"/a source in an unversioned bucket names no version", src(versions), versioning(""), copied(part, plain),
				Want{Fields: map[string]any{"Version": ""}}),
			argminCase(op+"/versionId=null of an unversioned bucket's object", src(versions), versioning(""), copied(part, null),
				Want{Fields: map[string]any{"Version": "null"}}),
			argminCase(op+"/a source in a versioned bucket names its version", src(versions), versioning(types.BucketVersioningStatusEnabled),
				copied(part, plain), Want{Fields: map[string]any{"Version": Match(`^.+$`)}}),
			argminCase(op+"/a null-version source in a suspended bucket names no version", src(versions), versioning(types.BucketVersioningStatusSuspended),
				copied(part, plain), Want{Fields: map[string]any{"Version": ""}}),
			argminCase(op+"/versionId=null in a suspended bucket", src(versions), versioning(types.BucketVersioningStatusSuspended),
				copied(part, null), Want{Fields: map[string]any{"Version": "null"}}),
			argminCase(op+"/x-amz-copy-source-if-modified-since not a date is ignored", src(malformed), withSrc,
				raw(part, "X-Amz-Copy-Source-If-Modified-Since"), Want{}),
			argminCase(op+"/x-amz-copy-source-if-unmodified-since not a date is ignored", src(malformed), withSrc,
				raw(part, "X-Amz-Copy-Source-If-Unmodified-Since"), Want{}))
	}
	noKey := Want{Status: http.StatusNotFound, Code: "NoSuchKey"}
	del := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("nonexistent"), IfMatch: &condWrong})
	}
	delObj := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("obj"), IfMatch: &condWrong})
	}
	marked := objBucket(objVersioning, objStep(objPut(primary, "obj", "hello", nil)), objStep(objDelete(primary, "obj", nil)))
	cases = append(cases,
		argminCase("DeleteObject/If-Match on no object", src("test_delete_object_ifmatch_nonexistent_returns_no_such_key"), objBucket(), del, noKey),
		argminCase("DeleteObject/If-Match on no object, versioned bucket", src("test_delete_object_ifmatch_versioned_nonexistent_returns_no_such_key"),
			objBucket(objVersioning), del, noKey),
		argminCase("DeleteObject/If-Match on a current delete marker", src("test_delete_object_ifmatch_current_delete_marker_returns_no_such_key"),
			marked, delObj, noKey))
	Run(t, cases)
}
