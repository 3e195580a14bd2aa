package golden

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// justincormack/argmin crates/s3-tests/tests/tagging.rs: bucket and object
// tagging, the tag limits, tags written with PutObject, CopyObject and
// CreateMultipartUpload, delete markers, the answers' XML. Asserted against
// AWS S3 (2026). The suite's client is its primary user, which creates the
// bucket.

// tgsTags is an S3 tag set of key, value pairs.
func tgsTags(kv ...string) []types.Tag {
	var out []types.Tag
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
	}
	return out
}

// tgsNumbered is n tags key<i>=val<i> (the suite's "key{i}"/"val{i}";
// prefix "" gives "{i}"="{i}").
func tgsNumbered(n int, keyPrefix, valPrefix string) []types.Tag {
	var out []types.Tag
	for i := 0; i < n; i++ {
		out = append(out, types.Tag{Key: aws.String(keyPrefix + strconv.Itoa(i)), Value: aws.String(valPrefix + strconv.Itoa(i))})
	}
	return out
}

// tgsSet wants a TagSet holding exactly the pairs kv, in any order (the
// suite compares them unordered).
func tgsSet(kv ...string) Matcher {
	var want []string
	for i := 0; i+1 < len(kv); i += 2 {
		want = append(want, kv[i]+"="+kv[i+1])
	}
	sort.Strings(want)
	return matcherFunc(func(v reflect.Value, found bool) error {
		tags, _ := v.Interface().([]types.Tag)
		var got []string
		for _, t := range tags {
			got = append(got, aws.ToString(t.Key)+"="+aws.ToString(t.Value))
		}
		sort.Strings(got)
		if !found || strings.Join(got, "&") != strings.Join(want, "&") {
			return fmt.Errorf("want tags %v, got %v", want, got)
		}
		return nil
	})
}

// tgsWant wants a GetObjectTagging / GetBucketTagging answer of kv.
func tgsWant(kv ...string) Want { return Want{Fields: map[string]any{"TagSet": tgsSet(kv...)}} }

// tgsNone wants an empty TagSet.
var tgsNone = Want{Fields: map[string]any{"TagSet": Len(0)}}

func tgsPutBucket(tags []types.Tag) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(argminBkt), Tagging: &types.Tagging{TagSet: tags}})
	}
}

func tgsGetBucket(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return primary(w, u).GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(argminBkt)})
}

func tgsDeleteBucket(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return primary(w, u).DeleteBucketTagging(ctx, &s3.DeleteBucketTaggingInput{Bucket: aws.String(argminBkt)})
}

// tgsPut is PutObjectTagging of key (version *v, when v is set) by c.
func tgsPut(c objClient, key string, v func() *string, tags []types.Tag) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(argminBkt), Key: aws.String(key), VersionId: tgsVersion(v),
			Tagging: &types.Tagging{TagSet: tags}})
	}
}

func tgsGet(c objClient, key string, v func() *string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(argminBkt), Key: aws.String(key), VersionId: tgsVersion(v)})
	}
}

func tgsDelete(c objClient, key string, v func() *string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: aws.String(argminBkt), Key: aws.String(key), VersionId: tgsVersion(v)})
	}
}

func tgsVersion(v func() *string) *string {
	if v == nil {
		return nil
	}
	return v()
}

// tgsObject is the suite's bucket with key "obj" ("hello"), then more.
func tgsObject(more ...argminStep) []argminStep {
	return append(argminSteps(objPrimaryBucket, objStep(objPut(primary, "obj", "hello", nil))), more...)
}

// tgsInline writes key with the x-amz-tagging header value.
func tgsInline(key, body, tagging string) objCall {
	return objPut(primary, key, body, func(in *s3.PutObjectInput) { in.Tagging = aws.String(tagging) })
}

func TestArgminTaggingBucket(t *testing.T) {
	src := func(test string) string { return argmin("tagging.rs", test) }
	bucket := argminSteps(objPrimaryBucket)
	c := func(name, test string, steps []argminStep, call objCall, want Want) Case {
		return argminCase(name, src(test), steps, call, want)
	}
	refused := Want{Refused: true}
	Run(t, []Case{
		c("GetBucketTagging/two tags put", "test_put_get_delete_bucket_tagging", bucket,
			objSeq(tgsPutBucket(tgsTags("env", "prod", "team", "platform")), tgsGetBucket), tgsWant("env", "prod", "team", "platform")),
		c("GetBucketTagging/after DeleteBucketTagging", "test_put_get_delete_bucket_tagging",
			append(bucket, objStep(tgsPutBucket(tgsTags("env", "prod"))), objStep(tgsDeleteBucket)), tgsGetBucket, refused),
		c("GetBucketTagging/none set", "test_get_bucket_tagging_not_set", bucket, tgsGetBucket, refused),
		c("DeleteBucketTagging/none set", "test_delete_bucket_tagging_not_set", bucket, tgsDeleteBucket, Want{Status: http.StatusNoContent}),
		c("GetBucketTagging/50 tags", "test_put_bucket_tagging_max_tags", bucket,
			objSeq(tgsPutBucket(tgsNumbered(50, "key", "val")), tgsGetBucket), Want{Fields: map[string]any{"TagSet": Len(50)}}),
		c("PutBucketTagging/51 tags", "test_put_bucket_tagging_too_many", bucket, tgsPutBucket(tgsNumbered(51, "key", "val")), refused),
		c("GetBucketTagging/one tag", "test_set_bucket_tagging", bucket, objSeq(tgsPutBucket(tgsTags("Hello", "World")), tgsGetBucket),
			Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "Hello", "TagSet[0].Value": "World"}}),
		c("GetBucketTagging/the answer's XML", "test_get_bucket_tagging_response_shape", bucket,
			objSeq(tgsPutBucket(tgsTags("env", "prod", "team", "storage")), objRaw(http.MethodGet, "/"+argminBkt+"?tagging=", nil, nil)),
			Want{Fields: map[string]any{"Body": `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag>` +
				`<Key>env</Key><Value>prod</Value></Tag><Tag><Key>team</Key><Value>storage</Value></Tag></TagSet></Tagging>`}}),
	})
}

func TestArgminTaggingObject(t *testing.T) {
	src := func(test string) string { return argmin("tagging.rs", test) }
	c := func(name, test string, steps []argminStep, call objCall, want Want) Case {
		return argminCase(name, src(test), steps, call, want)
	}
	put := func(tags []types.Tag) objCall { return tgsPut(primary, "obj", nil, tags) }
	get := tgsGet(primary, "obj", nil)
	refused := Want{Refused: true}
	long := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteByte(byte('a' + i%26))
		}
		return b.String()
	}
	var maxKV []types.Tag
	for i := 0; i < 10; i++ {
		s := strconv.Itoa(i)
		maxKV = append(maxKV, types.Tag{Key: aws.String(s + long(128-len(s))), Value: aws.String(s + long(256-len(s)))})
	}
	Run(t, []Case{
		c("GetObjectTagging/two tags put", "test_put_get_delete_object_tagging", tgsObject(),
			objSeq(put(tgsTags("env", "staging", "cost-center", "123")), get), tgsWant("env", "staging", "cost-center", "123")),
		c("GetObjectTagging/after DeleteObjectTagging", "test_put_get_delete_object_tagging",
			tgsObject(objStep(put(tgsTags("env", "staging"))), objStep(tgsDelete(primary, "obj", nil))), get, tgsNone),
		c("GetObjectTagging/none set", "test_get_object_tagging_not_set", tgsObject(), get, tgsNone),
		c("DeleteObjectTagging/none set", "test_delete_object_tagging_not_set", tgsObject(), tgsDelete(primary, "obj", nil), Want{Status: http.StatusNoContent}),
		c("GetObjectTagging/10 tags", "test_put_object_tagging_max_tags", tgsObject(), objSeq(put(tgsNumbered(10, "key", "val")), get),
			Want{Fields: map[string]any{"TagSet": Len(10)}}),
		c("PutObjectTagging/11 tags", "test_put_object_tagging_too_many", tgsObject(), put(tgsNumbered(11, "key", "val")), refused),
		c("GetObjectTagging/the refused 11 tags stored nothing", "test_put_excess_tags", tgsObject(objIgnore(put(tgsNumbered(11, "", "")))), get, tgsNone),
		c("GetObjectTagging/a second PutObjectTagging replaces the tags", "test_put_object_tagging_overwrite",
			tgsObject(objStep(put(tgsTags("old", "value")))), objSeq(put(tgsTags("new", "value2")), get),
			Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "new", "TagSet[0].Value": "value2"}}),
		c("GetObjectTagging/x-amz-tagging with a bare key", "test_put_object_with_tagging_header",
			argminSteps(objPrimaryBucket, objStep(tgsInline("obj", "hello", "foo=bar&bar"))), get, tgsWant("foo", "bar", "bar", "")),
		c("GetObject/x-amz-tagging-count", "test_get_object_tagging_count_header",
			argminSteps(objPrimaryBucket, objStep(tgsInline("obj", "hello", "a=1&b=2&c=3"))), objGet(primary, "obj", nil),
			Want{Fields: map[string]any{"Out.TagCount": 3}}),
		c("HeadObject/x-amz-tagging-count of x-amz-tagging", "test_head_object_tagging_count_header",
			argminSteps(objPrimaryBucket, objStep(tgsInline("obj", "hello", "a=1&b=2"))), objHead(primary, "obj", nil),
			Want{Fields: map[string]any{"TagCount": 2}}),
		c("HeadObject/x-amz-tagging-count of PutObjectTagging", "test_get_obj_head_tagging",
			tgsObject(objStep(put(tgsTags("0", "0", "1", "1")))), objHead(primary, "obj", nil), Want{Fields: map[string]any{"TagCount": 2}}),
		c("GetObjectTagging/two numbered tags", "test_get_obj_tagging", tgsObject(), objSeq(put(tgsTags("0", "0", "1", "1")), get),
			tgsWant("0", "0", "1", "1")),
		c("GetObjectTagging/10 numbered tags", "test_put_max_tags", tgsObject(), objSeq(put(tgsNumbered(10, "", "")), get),
			tgsWant("0", "0", "1", "1", "2", "2", "3", "3", "4", "4", "5", "5", "6", "6", "7", "7", "8", "8", "9", "9")),
		c("GetObjectTagging/two tags replaced by one", "test_put_modify_tags", tgsObject(objStep(put(tgsTags("key", "val", "key2", "val2")))),
			objSeq(put(tgsTags("key3", "val3")), get), Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "key3", "TagSet[0].Value": "val3"}}),
		c("GetObject/the body written with x-amz-tagging", "test_put_obj_with_tags",
			argminSteps(objPrimaryBucket, objStep(tgsInline("obj", strings.Repeat("A", 100), "foo=bar&bar"))), objGet(primary, "obj", nil),
			objBodyIs(strings.Repeat("A", 100))),
		c("GetObjectTagging/10 tags of 128-character keys and 256-character values", "test_put_max_kvsize_tags", tgsObject(),
			objSeq(put(maxKV), get), Want{Fields: map[string]any{"TagSet": Len(10)}}),
		c("PutObjectTagging/a 129-character key", "test_put_excess_key_tags", tgsObject(), put(tgsTags(long(129), "val")), refused),
		c("GetObjectTagging/the refused long key stored nothing", "test_put_excess_key_tags", tgsObject(objIgnore(put(tgsTags(long(129), "val")))), get, tgsNone),
		c("PutObjectTagging/a 257-character value", "test_put_excess_val_tags", tgsObject(), put(tgsTags("key", long(257))), refused),
		c("GetObjectTagging/the refused long value stored nothing", "test_put_excess_val_tags", tgsObject(objIgnore(put(tgsTags("key", long(257))))), get, tgsNone),
		c("GetObjectTagging/the tags' XML", "test_get_object_tagging_response_shape",
			tgsObject(objStep(put(tgsTags("env", "prod", "tier", "hot")))), objRaw(http.MethodGet, objKeyPath("obj")+"?tagging=", nil, nil),
			Want{Fields: map[string]any{"Body": Match(`^<\?xml version="1.0" encoding="UTF-8"\?>\n<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet>(` +
				`<Tag><Key>env</Key><Value>prod</Value></Tag><Tag><Key>tier</Key><Value>hot</Value></Tag>|` +
				`<Tag><Key>tier</Key><Value>hot</Value></Tag><Tag><Key>env</Key><Value>prod</Value></Tag>)</TagSet></Tagging>$`)}}),
	})
}

func TestArgminTaggingWrites(t *testing.T) {
	src := func(test string) string { return argmin("tagging.rs", test) }
	c := func(name, test string, steps []argminStep, call objCall, want Want) Case {
		return argminCase(name, src(test), steps, call, want)
	}
	eleven := "k0=v0&k1=v1&k2=v2&k3=v3&k4=v4&k5=v5&k6=v6&k7=v7&k8=v8&k9=v9&k10=v10"
	copyTo := func(mod func(*s3.CopyObjectInput)) objCall { return objCopy(primary, "src", "dst", mod) }
	upload := objStep(func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		b, k := aws.String(argminBkt), aws.String("multipart-tagged")
		up, err := primary(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k, Tagging: aws.String("foo=bar&bar")})
		if err != nil {
			return up, err
		}
		part, err := primary(w, u).UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: aws.Int32(1), Body: strings.NewReader("abc")})
		if err != nil {
			return part, err
		}
		return primary(w, u).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}}}})
	})
	Run(t, []Case{
		c("PutObject/x-amz-tagging of 11 tags", "test_put_object_invalid_tagging_not_stored", argminSteps(objPrimaryBucket),
			tgsInline("obj", "hello", eleven), Want{Refused: true}),
		c("HeadObject/the refused PutObject wrote nothing", "test_put_object_invalid_tagging_not_stored",
			argminSteps(objPrimaryBucket, objIgnore(tgsInline("obj", "hello", eleven))), objHead(primary, "obj", nil), Want{Refused: true}),
		c("GetObjectTagging/CopyObject with TaggingDirective REPLACE", "test_copy_object_with_tagging",
			argminSteps(objPrimaryBucket, objStep(objPut(primary, "src", "data", nil))),
			objSeq(copyTo(func(in *s3.CopyObjectInput) {
				in.Tagging, in.TaggingDirective = aws.String("copied=true&env=test"), types.TaggingDirectiveReplace
			}), tgsGet(primary, "dst", nil)), tgsWant("copied", "true", "env", "test")),
		c("GetObjectTagging/CopyObject copies the tags by default", "test_copy_object_default_copies_tags",
			argminSteps(objPrimaryBucket, objStep(tgsInline("src", "data", "color=blue&size=large"))),
			objSeq(copyTo(nil), tgsGet(primary, "dst", nil)), tgsWant("color", "blue", "size", "large")),
		c("GetObjectTagging/CopyObject with REPLACE and no tags", "test_copy_object_replace_clears_tags",
			argminSteps(objPrimaryBucket, objStep(tgsInline("src", "data", "color=blue"))),
			objSeq(copyTo(func(in *s3.CopyObjectInput) { in.TaggingDirective = types.TaggingDirectiveReplace }), tgsGet(primary, "dst", nil)), tgsNone),
		c("GetObjectTagging/set by CreateMultipartUpload", "test_set_multipart_tagging", argminSteps(objPrimaryBucket, upload),
			tgsGet(primary, "multipart-tagged", nil), tgsWant("foo", "bar", "bar", "")),
		c("GetObjectTagging/a multipart object's tags deleted", "test_set_multipart_tagging", argminSteps(objPrimaryBucket, upload),
			objSeq(tgsDelete(primary, "multipart-tagged", nil), tgsGet(primary, "multipart-tagged", nil)), tgsNone),
	})
}

func TestArgminTaggingDeleteMarker(t *testing.T) {
	src := func(test string) string { return argmin("tagging.rs", test) }
	notAllowed := Want{Status: http.StatusMethodNotAllowed, Code: "MethodNotAllowed"}
	const key = "dm-test-obj"
	// marked is create_delete_marker: versioning on, key written, then
	// deleted (s.at(1) is the delete marker).
	marked := func(s *olk, tagging string) []argminStep {
		var mod func(*s3.PutObjectInput)
		if tagging != "" {
			mod = func(in *s3.PutObjectInput) { in.Tagging = aws.String(tagging) }
		}
		return argminSteps(objPrimaryBucket, objVersioning, s.put(key, "hello", mod), objStep(s.record(objDelete(primary, key, nil))))
	}
	type op struct {
		name string
		call func(v func() *string) objCall
	}
	ops := []op{
		{"PutObjectTagging", func(v func() *string) objCall { return tgsPut(primary, key, v, tgsTags("foo", "bar")) }},
		{"GetObjectTagging", func(v func() *string) objCall { return tgsGet(primary, key, v) }},
		{"DeleteObjectTagging", func(v func() *string) objCall { return tgsDelete(primary, key, v) }},
	}
	var cases []Case
	for _, o := range ops {
		test := "test_" + map[string]string{"PutObjectTagging": "put", "GetObjectTagging": "get", "DeleteObjectTagging": "delete"}[o.name] + "_tagging_on_delete_marker"
		cases = append(cases,
			olkCase(o.name+"/a delete marker by version id", argmin("tagging.rs", test), func(s *olk) ([]argminStep, objCall) {
				return marked(s, ""), o.call(func() *string { return s.at(1) })
			}, notAllowed),
			olkCase(o.name+"/a key whose current version is a delete marker", src("test_tagging_on_deleted_object_without_version_id"),
				func(s *olk) ([]argminStep, objCall) { return marked(s, ""), o.call(nil) }, notAllowed))
	}
	cases = append(cases,
		olkCase("GetObjectTagging/the delete marker of a tagged object", src("test_delete_tagged_object_no_tags_on_delete_marker"),
			func(s *olk) ([]argminStep, objCall) {
				return marked(s, "env=prod&team=platform"), tgsGet(primary, key, func() *string { return s.at(1) })
			}, notAllowed),
		olkCase("GetObjectTagging/a tagged object's key after its delete", src("test_delete_tagged_object_no_tags_on_delete_marker"),
			func(s *olk) ([]argminStep, objCall) {
				return marked(s, "env=prod&team=platform"), tgsGet(primary, key, nil)
			}, notAllowed))
	Run(t, cases)
}
