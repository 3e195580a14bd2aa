package golden

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// objLastModified calls next with key's Last-Modified (read by HeadObject,
// as the suite does before its If-Modified-Since requests).
func objLastModified(key string, next func(lm time.Time) objCall) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		head, err := primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		if err != nil {
			return head, err
		}
		return next(aws.ToTime(head.LastModified))(ctx, w, u)
	}
}

// objPolicyForAlt is conditional.rs's put_bucket_policy_for_alt: allow the
// alternate account actions on the bucket's objects.
func objPolicyForAlt(actions string) argminStep {
	return argminPolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot +
		`,"Action":` + actions + `,"Resource":"` + argminObjectsARN + `"}]}`)
}

var (
	objEpoch  = time.Unix(0, 0)
	objFuture = time.Unix(4_102_444_800, 0) // 2100-01-01
	objOther  = `"0000000000000000"`
)

func TestArgminObjConditionalReads(t *testing.T) {
	src := func(test string) string { return argmin("conditional.rs", test) }
	hello := objBucket(argminPut("obj", "hello", ""))
	get := func(mod func(*s3.GetObjectInput)) objCall { return objGet(primary, "obj", mod) }
	head := func(mod func(*s3.HeadObjectInput)) objCall { return objHead(primary, "obj", mod) }
	etag := objETag("hello")
	ok := objBodyIs("hello")
	headOK := Want{Fields: map[string]any{"ETag": etag}}
	Run(t, []Case{
		argminCase("GetObject/If-Match its ETag", src("test_get_object_ifmatch_good"), hello,
			get(func(in *s3.GetObjectInput) { in.IfMatch = aws.String(etag) }), ok),
		argminCase("GetObject/If-Match another ETag", src("test_get_object_ifmatch_failed"), hello,
			objStatusOnly(get(func(in *s3.GetObjectInput) { in.IfMatch = aws.String(objOther) })), Want{Status: http.StatusPreconditionFailed}),
		argminCase("GetObject/If-Match *", src("test_get_object_ifmatch_wildcard"), hello,
			get(func(in *s3.GetObjectInput) { in.IfMatch = aws.String("*") }), ok),
		argminCase("GetObject/If-None-Match another ETag", src("test_get_object_ifnonematch_good"), hello,
			get(func(in *s3.GetObjectInput) { in.IfNoneMatch = aws.String(objOther) }), ok),
		argminCase("GetObject/If-None-Match its ETag", src("test_get_object_ifnonematch_failed"), hello,
			objStatusOnly(get(func(in *s3.GetObjectInput) { in.IfNoneMatch = aws.String(etag) })), Want{Status: http.StatusNotModified}),
		argminCase("GetObject/If-None-Match *", src("test_get_object_ifnonematch_wildcard"), hello,
			objStatusOnly(get(func(in *s3.GetObjectInput) { in.IfNoneMatch = aws.String("*") })), Want{Status: http.StatusNotModified}),
		argminCase("GetObject/If-Modified-Since the epoch", src("test_get_object_ifmodifiedsince_good"), hello,
			get(func(in *s3.GetObjectInput) { in.IfModifiedSince = aws.Time(objEpoch) }), ok),
		argminCase("GetObject/If-Modified-Since its Last-Modified", src("test_get_object_ifmodifiedsince_failed"), hello,
			objStatusOnly(objLastModified("obj", func(lm time.Time) objCall {
				return get(func(in *s3.GetObjectInput) { in.IfModifiedSince = aws.Time(lm) })
			})), Want{Status: http.StatusNotModified}),
		argminCase("GetObject/If-Modified-Since a future date is ignored", src("test_get_object_ifmodifiedsince_future_ignored"), hello,
			get(func(in *s3.GetObjectInput) { in.IfModifiedSince = aws.Time(objFuture) }), ok),
		argminCase("GetObject/If-Unmodified-Since a future date", src("test_get_object_ifunmodifiedsince_good"), hello,
			get(func(in *s3.GetObjectInput) { in.IfUnmodifiedSince = aws.Time(objFuture) }), ok),
		argminCase("GetObject/If-Unmodified-Since the epoch", src("test_get_object_ifunmodifiedsince_failed"), hello,
			objStatusOnly(get(func(in *s3.GetObjectInput) { in.IfUnmodifiedSince = aws.Time(objEpoch) })), Want{Status: http.StatusPreconditionFailed}),
		argminCase("GetObject/If-Match its ETag wins over a failing If-Unmodified-Since", src("test_get_object_ifmatch_ignores_ifunmodifiedsince_when_etag_matches"), hello,
			get(func(in *s3.GetObjectInput) { in.IfMatch, in.IfUnmodifiedSince = aws.String(etag), aws.Time(objEpoch) }), ok),
		argminCase("GetObject/If-None-Match another ETag wins over a failing If-Modified-Since", src("test_get_object_ifnonematch_ignores_ifmodifiedsince_when_etag_differs"), hello,
			objLastModified("obj", func(lm time.Time) objCall {
				return get(func(in *s3.GetObjectInput) { in.IfNoneMatch, in.IfModifiedSince = aws.String(objOther), aws.Time(lm) })
			}), ok),
		argminCase("HeadObject/If-Match its ETag", src("test_head_object_ifmatch_good"), hello,
			head(func(in *s3.HeadObjectInput) { in.IfMatch = aws.String(etag) }), headOK),
		argminCase("HeadObject/If-Match another ETag", src("test_head_object_ifmatch_failed"), hello,
			objStatusOnly(head(func(in *s3.HeadObjectInput) { in.IfMatch = aws.String(objOther) })), Want{Status: http.StatusPreconditionFailed}),
		argminCase("HeadObject/If-None-Match another ETag", src("test_head_object_ifnonematch_good"), hello,
			head(func(in *s3.HeadObjectInput) { in.IfNoneMatch = aws.String(objOther) }), headOK),
		argminCase("HeadObject/If-None-Match its ETag", src("test_head_object_ifnonematch_failed"), hello,
			objStatusOnly(head(func(in *s3.HeadObjectInput) { in.IfNoneMatch = aws.String(etag) })), Want{Status: http.StatusNotModified}),
		argminCase("HeadObject/If-Match its ETag wins over a failing If-Unmodified-Since", src("test_head_object_ifmatch_ignores_ifunmodifiedsince_when_etag_matches"), hello,
			head(func(in *s3.HeadObjectInput) { in.IfMatch, in.IfUnmodifiedSince = aws.String(etag), aws.Time(objEpoch) }), headOK),
		argminCase("HeadObject/If-None-Match another ETag wins over a failing If-Modified-Since", src("test_head_object_ifnonematch_ignores_ifmodifiedsince_when_etag_differs"), hello,
			objLastModified("obj", func(lm time.Time) objCall {
				return head(func(in *s3.HeadObjectInput) { in.IfNoneMatch, in.IfModifiedSince = aws.String(objOther), aws.Time(lm) })
			}), headOK),
	})
}

func TestArgminObjConditionalWrites(t *testing.T) {
	src := func(test string) string { return argmin("conditional.rs", test) }
	put := func(key, body string, mod func(*s3.PutObjectInput)) objCall { return objPut(primary, key, body, mod) }
	ifNoneMatch := func(v string) func(*s3.PutObjectInput) {
		return func(in *s3.PutObjectInput) { in.IfNoneMatch = aws.String(v) }
	}
	ifMatch := func(v string) func(*s3.PutObjectInput) {
		return func(in *s3.PutObjectInput) { in.IfMatch = aws.String(v) }
	}
	read := func(key string) objCall { return objGet(primary, key, nil) }
	altPut := func(key string, mod func(*s3.PutObjectInput)) objCall {
		return objPut(altClient, key, "alt-write", mod)
	}
	existing := objBucket(argminPut("existing", "original", ""))
	v1 := objBucket(argminPut("obj", "v1", ""))
	data := objBucket(argminPut("obj", "data", ""))
	forAlt := func(actions string) []argminStep {
		return argminSteps(argminBucket(true, ""), argminPut("existing", "original", ""), objPolicyForAlt(actions))
	}
	failed, notImpl := Want{Status: http.StatusPreconditionFailed}, Want{Status: http.StatusNotImplemented}
	Run(t, []Case{
		argminCase("PutObject/If-None-Match * for a new key", src("test_put_object_ifnonmatch_nonexisted_good"), objBucket(),
			objSeq(put("new", "created", ifNoneMatch("*")), read("new")), objBodyIs("created")),
		argminCase("PutObject/If-None-Match * over an object", src("test_put_object_ifnonmatch_overwrite_existed_failed"), existing,
			objStatusOnly(put("existing", "overwrite", ifNoneMatch("*"))), failed),
		argminCase("GetObject/the refused If-None-Match * left the object", src("test_put_object_ifnonmatch_overwrite_existed_failed"),
			append(existing, objIgnore(put("existing", "overwrite", ifNoneMatch("*")))), read("existing"), objBodyIs("original")),
		argminCase("PutObject/If-None-Match * of a new key needs only s3:PutObject", src("test_put_object_ifnonmatch_requires_put_object_only"),
			forAlt(`"s3:PutObject"`), altPut("if-none-match-put-only-new", ifNoneMatch("*")), Want{}),
		argminCase("GetObject/another account allowed only s3:PutObject", src("test_put_object_ifnonmatch_requires_put_object_only"),
			forAlt(`"s3:PutObject"`), objStatusOnly(objGet(altClient, "existing", nil)), Want{Status: http.StatusForbidden}),
		argminCase("PutObject/If-None-Match * over an object, allowed only s3:PutObject", src("test_put_object_ifnonmatch_requires_put_object_only"),
			forAlt(`"s3:PutObject"`), objStatusOnly(altPut("existing", ifNoneMatch("*"))), failed),
		argminCase("PutObject/If-Match its ETag", src("test_put_object_ifmatch_good"), v1,
			objSeq(put("obj", "v2", ifMatch(objETag("v1"))), read("obj")), objBodyIs("v2")),
		argminCase("PutObject/If-Match its ETag (overwrite)", src("test_put_object_ifmatch_overwrite_existed_good"), objBucket(argminPut("obj", "original", "")),
			objSeq(put("obj", "overwritten", ifMatch(objETag("original"))), read("obj")), objBodyIs("overwritten")),
		argminCase("PutObject/If-Match another ETag", src("test_put_object_ifmatch_failed"), v1,
			objStatusOnly(put("obj", "v2", ifMatch(objOther))), failed),
		argminCase("GetObject/the refused If-Match left the object", src("test_put_object_ifmatch_failed"),
			append(v1, objIgnore(put("obj", "v2", ifMatch(objOther)))), read("obj"), objBodyIs("v1")),
		argminCase("PutObject/If-Match without s3:GetObject", src("test_put_object_ifmatch_requires_put_object_and_get_object"),
			forAlt(`"s3:PutObject"`), objStatusOnly(altPut("existing", ifMatch(objETag("original")))), Want{Status: http.StatusForbidden}),
		argminCase("PutObject/If-Match with s3:PutObject and s3:GetObject", src("test_put_object_ifmatch_requires_put_object_and_get_object"),
			forAlt(`["s3:PutObject","s3:GetObject"]`), objSeq(altPut("existing", ifMatch(objETag("original"))), read("existing")), objBodyIs("alt-write")),
		argminCase("PutObject/If-Match for a missing key", src("test_put_object_ifmatch_nonexisted_failed"), objBucket(),
			objStatusOnly(put("nonexistent", "data", ifMatch(objOther))), Want{Status: http.StatusNotFound}),
		argminCase("PutObject/If-Match *", src("test_put_object_ifmatch_wildcard_not_implemented"), data,
			objStatusOnly(put("obj", "updated", ifMatch("*"))), notImpl),
		argminCase("PutObject/If-None-Match an ETag", src("test_put_object_ifnonematch_specific_not_implemented"), data,
			objStatusOnly(put("obj", "updated", ifNoneMatch(objETag("data")))), notImpl),
		argminCase("PutObject/If-Match and If-None-Match *", src("test_put_object_both_ifmatch_and_ifnonematch_rejected"), data,
			objStatusOnly(put("obj", "updated", func(in *s3.PutObjectInput) { in.IfMatch, in.IfNoneMatch = aws.String(objETag("data")), aws.String("*") })), notImpl),
		argminCase("GetObject/the refused If-Match and If-None-Match left the object", src("test_put_object_both_ifmatch_and_ifnonematch_rejected"),
			append(data, objIgnore(put("obj", "updated", func(in *s3.PutObjectInput) { in.IfMatch, in.IfNoneMatch = aws.String(objETag("data")), aws.String("*") }))),
			read("obj"), objBodyIs("data")),
	})
}

func TestArgminObjConditionalComplete(t *testing.T) {
	src := func(test string) string { return argmin("conditional.rs", test) }
	complete := func(body string, mod func(*s3.CompleteMultipartUploadInput)) objCall {
		return objSinglePartUpload(primary, "obj", body, mod)
	}
	ifNoneMatch := func(in *s3.CompleteMultipartUploadInput) { in.IfNoneMatch = aws.String("*") }
	ifMatch := func(v string) func(*s3.CompleteMultipartUploadInput) {
		return func(in *s3.CompleteMultipartUploadInput) { in.IfMatch = aws.String(v) }
	}
	read := objGet(primary, "obj", nil)
	versioned := objBucket(objVersioning, argminPut("obj", "v1", ""), argminPut("obj", "v2", ""))
	failed := Want{Status: http.StatusPreconditionFailed}
	Run(t, []Case{
		argminCase("CompleteMultipartUpload/If-None-Match * for a new key", src("test_complete_multipart_ifnonmatch_nonexisted_good"), objBucket(),
			objSeq(complete("created", ifNoneMatch), read), objBodyIs("created")),
		argminCase("CompleteMultipartUpload/If-None-Match * over an object", src("test_complete_multipart_ifnonmatch_overwrite_existed_failed"),
			objBucket(argminPut("obj", "original", "")), objStatusOnly(complete("overwrite", ifNoneMatch)), failed),
		argminCase("GetObject/the refused If-None-Match * completion left the object", src("test_complete_multipart_ifnonmatch_overwrite_existed_failed"),
			objBucket(argminPut("obj", "original", ""), objIgnore(complete("overwrite", ifNoneMatch))), read, objBodyIs("original")),
		argminCase("CompleteMultipartUpload/If-Match its ETag", src("test_complete_multipart_ifmatch_good"), objBucket(argminPut("obj", "v1", "")),
			objSeq(complete("v2", ifMatch(objETag("v1"))), read), objBodyIs("v2")),
		argminCase("CompleteMultipartUpload/If-Match another ETag", src("test_complete_multipart_ifmatch_failed"), objBucket(argminPut("obj", "v1", "")),
			objStatusOnly(complete("v2", ifMatch(objOther))), failed),
		argminCase("GetObject/the refused If-Match completion left the object", src("test_complete_multipart_ifmatch_failed"),
			objBucket(argminPut("obj", "v1", ""), objIgnore(complete("v2", ifMatch(objOther)))), read, objBodyIs("v1")),
		argminCase("CompleteMultipartUpload/If-Match for a missing key", src("test_complete_multipart_ifmatch_nonexisted_failed"), objBucket(),
			objStatusOnly(complete("created", ifMatch(objOther))), Want{Status: http.StatusNotFound}),
		argminCase("CompleteMultipartUpload/If-None-Match * over a versioned object", src("test_complete_multipart_ifnonmatch_current_object_in_versioned_bucket"),
			versioned, objStatusOnly(complete("v3", ifNoneMatch)), failed),
		argminCase("CompleteMultipartUpload/If-Match a noncurrent version's ETag", src("test_complete_multipart_ifmatch_current_object_in_versioned_bucket"),
			versioned, objStatusOnly(complete("stale", ifMatch(objETag("v1")))), failed),
		argminCase("CompleteMultipartUpload/If-Match the current version's ETag", src("test_complete_multipart_ifmatch_current_object_in_versioned_bucket"),
			versioned, objSeq(complete("v3", ifMatch(objETag("v2"))), read), objBodyIs("v3")),
	})
}

func TestArgminObjConditionalDeleteCopy(t *testing.T) {
	src := func(test string) string { return argmin("conditional.rs", test) }
	hello := objBucket(argminPut("obj", "hello", ""))
	del := func(mod func(*s3.DeleteObjectInput)) objCall { return objDelete(primary, "obj", mod) }
	srcObj := objBucket(argminPut("src", "source data", ""))
	dst := objBucket(argminPut("src", "source data", ""), argminPut("dst", "old dst", ""))
	cp := func(mod func(*s3.CopyObjectInput)) objCall { return objCopy(primary, "src", "dst", mod) }
	readDst := objGet(primary, "dst", nil)
	srcLM := func(mod func(lm time.Time) func(*s3.CopyObjectInput)) objCall {
		return objLastModified("src", func(lm time.Time) objCall { return cp(mod(lm)) })
	}
	versioned := objBucket(objVersioning, argminPut("obj", "hello", ""))
	delVersion := func(etag string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			head, err := primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("obj")})
			if err != nil {
				return head, err
			}
			return del(func(in *s3.DeleteObjectInput) { in.VersionId, in.IfMatch = head.VersionId, aws.String(etag) })(ctx, w, u)
		}
	}
	failed, notImpl := Want{Status: http.StatusPreconditionFailed}, Want{Status: http.StatusNotImplemented}
	data := objBodyIs("source data")
	Run(t, []Case{
		argminCase("DeleteObject/If-Match its ETag", src("test_delete_object_ifmatch_good"), hello,
			objSeq(del(func(in *s3.DeleteObjectInput) { in.IfMatch = aws.String(objETag("hello")) }), objStatusOnly(objGet(primary, "obj", nil))),
			Want{Status: http.StatusNotFound}),
		argminCase("DeleteObject/If-Match another ETag", src("test_delete_object_if_match"), hello,
			objStatusOnly(del(func(in *s3.DeleteObjectInput) { in.IfMatch = aws.String(objOther) })), failed),
		argminCase("GetObject/the refused If-Match delete left the object", src("test_delete_object_ifmatch_failed"),
			append(hello, objIgnore(del(func(in *s3.DeleteObjectInput) { in.IfMatch = aws.String(objOther) }))), objGet(primary, "obj", nil), objBodyIs("hello")),
		argminCase("DeleteObject/a version If-Match another ETag", src("test_delete_object_version_if_match_not_implemented"), versioned,
			objStatusOnly(delVersion(objOther)), notImpl),
		argminCase("DeleteObject/a version If-Match its ETag", src("test_delete_object_version_if_match_not_implemented"), versioned,
			objStatusOnly(delVersion(objETag("hello"))), notImpl),
		argminCase("CopyObject/x-amz-copy-source-if-match its ETag", src("test_copy_object_source_ifmatch_good"), srcObj,
			objSeq(cp(func(in *s3.CopyObjectInput) { in.CopySourceIfMatch = aws.String(objETag("source data")) }), readDst), data),
		argminCase("CopyObject/x-amz-copy-source-if-match another ETag", src("test_copy_object_source_ifmatch_failed"), srcObj,
			objStatusOnly(cp(func(in *s3.CopyObjectInput) { in.CopySourceIfMatch = aws.String(objOther) })), failed),
		argminCase("CopyObject/x-amz-copy-source-if-none-match another ETag", src("test_copy_object_source_ifnonematch_good"), srcObj,
			objSeq(cp(func(in *s3.CopyObjectInput) { in.CopySourceIfNoneMatch = aws.String(objOther) }), readDst), data),
		argminCase("CopyObject/x-amz-copy-source-if-none-match its ETag", src("test_copy_object_source_ifnonematch_failed"), srcObj,
			objStatusOnly(cp(func(in *s3.CopyObjectInput) { in.CopySourceIfNoneMatch = aws.String(objETag("source data")) })), failed),
		argminCase("CopyObject/x-amz-copy-source-if-modified-since the epoch", src("test_copy_object_source_ifmodifiedsince_good"), srcObj,
			cp(func(in *s3.CopyObjectInput) { in.CopySourceIfModifiedSince = aws.Time(objEpoch) }), Want{}),
		argminCase("CopyObject/x-amz-copy-source-if-modified-since its Last-Modified", src("test_copy_object_source_ifmodifiedsince_failed"), srcObj,
			objStatusOnly(srcLM(func(lm time.Time) func(*s3.CopyObjectInput) {
				return func(in *s3.CopyObjectInput) { in.CopySourceIfModifiedSince = aws.Time(lm) }
			})), failed),
		argminCase("CopyObject/x-amz-copy-source-if-modified-since a future date is ignored", src("test_copy_object_source_ifmodifiedsince_future_ignored"), srcObj,
			cp(func(in *s3.CopyObjectInput) { in.CopySourceIfModifiedSince = aws.Time(objFuture) }), Want{}),
		argminCase("CopyObject/x-amz-copy-source-if-unmodified-since a future date", src("test_copy_object_source_ifunmodifiedsince_good"), srcObj,
			cp(func(in *s3.CopyObjectInput) { in.CopySourceIfUnmodifiedSince = aws.Time(objFuture) }), Want{}),
		argminCase("CopyObject/x-amz-copy-source-if-unmodified-since the epoch", src("test_copy_object_source_ifunmodifiedsince_failed"), srcObj,
			objStatusOnly(cp(func(in *s3.CopyObjectInput) { in.CopySourceIfUnmodifiedSince = aws.Time(objEpoch) })), failed),
		argminCase("CopyObject/If-Match the destination's ETag", src("test_copy_object_ifmatch_good"), dst,
			objSeq(cp(func(in *s3.CopyObjectInput) { in.IfMatch = aws.String(objETag("old dst")) }), readDst), data),
		argminCase("CopyObject/If-Match another destination ETag", src("test_copy_object_ifmatch_failed"), dst,
			objStatusOnly(cp(func(in *s3.CopyObjectInput) { in.IfMatch = aws.String(objOther) })), failed),
		argminCase("CopyObject/If-Match *", src("test_copy_object_ifmatch_wildcard_not_implemented"), dst,
			objStatusOnly(cp(func(in *s3.CopyObjectInput) { in.IfMatch = aws.String("*") })), notImpl),
		argminCase("CopyObject/If-None-Match the destination's ETag", src("test_copy_object_ifnonematch_specific_not_implemented"), dst,
			objStatusOnly(cp(func(in *s3.CopyObjectInput) { in.IfNoneMatch = aws.String(objETag("old dst")) })), notImpl),
	})
}

// objACLBucket is the suite's create_acl_enabled_bucket: ownership as
// given, Block Public Access deleted.
func objACLBucket(ownership types.ObjectOwnership, extra ...argminStep) []argminStep {
	return append(argminSteps(argminBucket(true, ownership)), extra...)
}

func TestArgminObjConditionalACL(t *testing.T) {
	src := func(test string) string { return argmin("conditional_acl.rs", test) }
	writer := func(key, body string) []argminStep {
		return objACLBucket(types.ObjectOwnershipObjectWriter, argminPut(key, body, ""))
	}
	const getKey, headKey, putKey = "acl-get-if-match", "acl-head-if-none-match", "acl-put-conditional"
	Run(t, []Case{
		argminCase("GetObject/ACL-enabled bucket, If-Match its ETag", src("test_conditional_acl_get_if_match"), writer(getKey, "hello"),
			objGet(primary, getKey, func(in *s3.GetObjectInput) { in.IfMatch = aws.String(objETag("hello")) }), objBodyIs("hello")),
		argminCase("GetObject/ACL-enabled bucket, If-Match another ETag", src("test_conditional_acl_get_if_match"), writer(getKey, "hello"),
			objGet(primary, getKey, func(in *s3.GetObjectInput) { in.IfMatch = aws.String(objOther) }),
			Want{Status: http.StatusPreconditionFailed, Code: "PreconditionFailed"}),
		argminCase("HeadObject/ACL-enabled bucket, If-None-Match another ETag", src("test_conditional_acl_head_if_none_match"), writer(headKey, "hello"),
			objHead(primary, headKey, func(in *s3.HeadObjectInput) { in.IfNoneMatch = aws.String(objOther) }), Want{Fields: map[string]any{"ETag": Present}}),
		argminCase("HeadObject/ACL-enabled bucket, If-None-Match its ETag", src("test_conditional_acl_head_if_none_match"), writer(headKey, "hello"),
			objStatusOnly(objHead(primary, headKey, func(in *s3.HeadObjectInput) { in.IfNoneMatch = aws.String(objETag("hello")) })),
			Want{Status: http.StatusNotModified}),
		argminCase("PutObject/ACL-enabled bucket, If-Match its ETag", src("test_conditional_acl_put_if_match_and_if_none_match"), writer(putKey, "v1"),
			objSeq(objPut(primary, putKey, "v2", func(in *s3.PutObjectInput) { in.IfMatch = aws.String(objETag("v1")) }), objGet(primary, putKey, nil)),
			objBodyIs("v2")),
		argminCase("PutObject/ACL-enabled bucket, If-None-Match * over an object", src("test_conditional_acl_put_if_match_and_if_none_match"), writer(putKey, "v2"),
			objPut(primary, putKey, "v3", func(in *s3.PutObjectInput) { in.IfNoneMatch = aws.String("*") }),
			Want{Status: http.StatusPreconditionFailed, Code: "PreconditionFailed"}),
		argminCase("PutObject/ACL-enabled bucket, If-None-Match * for a new key", src("test_conditional_acl_put_if_match_and_if_none_match"), writer(putKey, "v2"),
			objPut(primary, "acl-put-create-only", "created", func(in *s3.PutObjectInput) { in.IfNoneMatch = aws.String("*") }), Want{}),
	})
}
