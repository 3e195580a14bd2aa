package golden

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's object_delete.rs: DeleteObjects in unversioned and
// versioned buckets (entries summarized as vrDeleteResult spells them),
// per-entry ETag conditions, limits, and delete policies AWS refuses.
// test_multi_object_delete_ifmatch_races_current_replacement_across_
// versioning_states races a write against a conditional delete and
// accepts either winner; only the outcome of the delete going first is
// replayed, without the race (TestArgminObjDeleteSuspended).

// odKeys are n keys "key0" to "key(n-1)" (the suite's create_objects).
func odKeys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("key%d", i)
	}
	return keys
}

// odObjects are DeleteObjects entries naming keys, without versions.
func odObjects(keys ...string) []vrObject {
	objs := make([]vrObject, len(keys))
	for i, k := range keys {
		objs[i] = vrObject{key: k}
	}
	return objs
}

// odListV2 lists argminBkt with ListObjectsV2 as the primary user.
func odListV2(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return primary(w, u).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(argminBkt)})
}

// odDeleteCase is a case on an unversioned bucket holding keys (body
// "content") whose call is built with a fresh vrState.
func odDeleteCase(name, test string, keys []string, call func(v *vrState) objCall, want Want) Case {
	return vrCase(name, argmin("object_delete.rs", test), func(v *vrState) ([]argminStep, objCall) {
		return objBucket(bktPutKeys(keys...)), call(v)
	}, want)
}

func TestArgminObjDeleteMulti(t *testing.T) {
	del := func(quiet bool, keys ...string) func(v *vrState) objCall {
		return func(v *vrState) objCall { return v.deleteObjects(quiet, odObjects(keys...)...) }
	}
	then := func(first func(v *vrState) objCall, next objCall) func(v *vrState) objCall {
		return func(v *vrState) objCall { return objSeq(first(v), next) }
	}
	keys3, keys35 := odKeys(3), odKeys(35)
	special := []string{"a/b/c", "hello world", "foo&bar", "key with spaces"}
	clean := Want{Fields: map[string]any{"Contents": Len(0)}}
	listV1 := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String(argminBkt)})
	}
	Run(t, []Case{
		odDeleteCase("DeleteObjects/three keys", "test_multi_object_delete", keys3, del(false, keys3...),
			Want{Fields: map[string]any{"Deleted": vrKeys(keys3...), "Errors": Len(0)}}),
		odDeleteCase("ListObjects/after DeleteObjects of every key", "test_multi_object_delete", keys3, then(del(false, keys3...), listV1), clean),
		odDeleteCase("ListObjectsV2/after DeleteObjects of every key", "test_multi_objectv2_delete", keys3, then(del(false, keys3...), odListV2),
			Want{Fields: map[string]any{"KeyCount": 0, "Contents": Len(0)}}),
		odDeleteCase("DeleteObjects/Quiet lists nothing deleted", "test_multi_object_delete_quiet", keys3, del(true, keys3...),
			Want{Fields: map[string]any{"Deleted": Len(0), "Errors": Len(0)}}),
		odDeleteCase("ListObjectsV2/after a quiet DeleteObjects", "test_multi_object_delete_quiet", keys3, then(del(true, keys3...), odListV2), clean),
		odDeleteCase("DeleteObjects/35 keys", "test_multi_object_delete_large", keys35, del(false, keys35...),
			Want{Fields: map[string]any{"Deleted": Len(35), "Errors": Len(0)}}),
		odDeleteCase("ListObjectsV2/after DeleteObjects of 35 keys", "test_multi_object_delete_large", keys35, then(del(false, keys35...), odListV2), clean),
		odDeleteCase("DeleteObjects/keys never written", "test_multi_object_delete_nonexistent_keys", nil, del(false, "nokey1", "nokey2", "nokey3"),
			Want{Fields: map[string]any{"Deleted": vrKeys("nokey1", "nokey2", "nokey3"), "Errors": Len(0)}}),
		odDeleteCase("DeleteObjects/keys written and not", "test_multi_object_delete_mixed", []string{"existing1", "existing2"}, del(false, "existing1", "nonexistent", "existing2"),
			Want{Fields: map[string]any{"Deleted": vrKeys("existing1", "existing2", "nonexistent"), "Errors": Len(0)}}),
		odDeleteCase("ListObjectsV2/after DeleteObjects of keys written and not", "test_multi_object_delete_mixed", []string{"existing1", "existing2"},
			then(del(false, "existing1", "nonexistent", "existing2"), odListV2), clean),
		odDeleteCase("DeleteObjects/keys with slashes, spaces and ampersands", "test_multi_object_delete_special_keys", special, del(false, special...),
			Want{Fields: map[string]any{"Deleted": vrKeys("a/b/c", "foo&bar", "hello world", "key with spaces"), "Errors": Len(0)}}),
		odDeleteCase("ListObjectsV2/after DeleteObjects of special keys", "test_multi_object_delete_special_keys", special, then(del(false, special...), odListV2), clean),
		odDeleteCase("DeleteObjects/one key of two", "test_multi_object_delete_single", []string{"only", "survivor"}, del(false, "only"),
			Want{Fields: map[string]any{"Deleted": vrKeys("only"), "Errors": Len(0)}}),
		odDeleteCase("ListObjectsV2/the key DeleteObjects did not name", "test_multi_object_delete_single", []string{"only", "survivor"}, then(del(false, "only"), odListV2),
			Want{Fields: map[string]any{"Contents": Len(1), "Contents[0].Key": "survivor"}}),
		odDeleteCase("DeleteObjects/the keys deleted are listed", "test_multi_object_delete_verify_response", []string{"alpha", "beta", "gamma"}, del(false, "alpha", "beta", "gamma"),
			Want{Fields: map[string]any{"Deleted": vrKeys("alpha", "beta", "gamma"), "Errors": Len(0)}}),
		odDeleteCase("DeleteObjects/over 1000 keys", "test_multi_object_delete_key_limit", nil, func(v *vrState) objCall {
			return objStatusOnly(v.deleteObjects(false, odObjects(odKeys(1001)...)...))
		}, Want{Status: http.StatusBadRequest}),
	})
}

func TestArgminObjDeleteConditions(t *testing.T) {
	cond := func(objs ...vrObject) func(v *vrState) objCall {
		return func(v *vrState) objCall { return v.deleteObjects(false, objs...) }
	}
	head := func(key string) objCall { return objStatusOnly(objHead(primary, key, nil)) }
	then := func(first func(v *vrState) objCall, next objCall) func(v *vrState) objCall {
		return func(v *vrState) objCall { return objSeq(first(v), next) }
	}
	// bktPutKeys writes "content" into each key.
	etag := objETag("content")
	mixed := cond(vrObject{"ok", "", etag}, vrObject{"stale", "", `"0000000000000000"`})
	wildcard := cond(vrObject{"obj", "", "*"})
	commaList := cond(vrObject{"obj", "", `"0000000000000000", ` + etag})
	Run(t, []Case{
		odDeleteCase("DeleteObjects/an entry whose ETag matches and one whose does not", "test_multi_object_delete_per_object_if_match", []string{"ok", "stale"}, mixed,
			Want{Fields: map[string]any{"Deleted": vrKeys("ok"), "Errors": vrKeys("stale PreconditionFailed")}}),
		odDeleteCase("HeadObject/the entry whose ETag did not match is kept", "test_multi_object_delete_per_object_if_match", []string{"ok", "stale"}, then(mixed, head("stale")),
			Want{}),
		odDeleteCase("DeleteObjects/ETag * matches any object", "test_multi_object_delete_etag_wildcard_matches_any_existing_object", []string{"obj"}, wildcard,
			Want{Fields: map[string]any{"Deleted": vrKeys("obj"), "Errors": Len(0)}}),
		odDeleteCase("HeadObject/after DeleteObjects with ETag *", "test_multi_object_delete_etag_wildcard_matches_any_existing_object", []string{"obj"}, then(wildcard, head("obj")),
			Want{Status: http.StatusNotFound}),
		odDeleteCase("DeleteObjects/an ETag list is one ETag, not an If-Match list", "test_multi_object_delete_etag_comma_list_is_not_if_match_list", []string{"obj"}, commaList,
			Want{Fields: map[string]any{"Deleted": Len(0), "Errors": vrKeys("obj PreconditionFailed")}}),
		odDeleteCase("HeadObject/the object an ETag list did not match", "test_multi_object_delete_etag_comma_list_is_not_if_match_list", []string{"obj"}, then(commaList, head("obj")),
			Want{}),
	})
}

func TestArgminObjDeleteBuckets(t *testing.T) {
	src := func(test string) string { return argmin("object_delete.rs", test) }
	deleteObjects := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return newVrState().deleteObjects(false, odObjects("key1", "key2")...)(ctx, w, u)
	}
	gone := objBucket(func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(argminBkt)})
		return err
	})
	tagCond := `{"StringEquals":{"s3:ExistingObjectTag/security":"public"}}`
	resources := `["` + argminBucketARN + `/public-delete","` + argminBucketARN + `/private-delete"]`
	refusedPolicy := func(name, test, actions string) Case {
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":` + actions +
			`,"Resource":` + resources + `,"Condition":` + tagCond + `}]}`
		return argminCase("PutBucketPolicy/"+name, src(test), objBucket(), argminPutPolicy(primary, doc), Want{Status: http.StatusBadRequest, Code: "MalformedPolicy"})
	}
	Run(t, []Case{
		argminCase("DeleteObject/in a bucket that does not exist", src("test_object_delete_nonexistent_bucket"), nil, objDelete(primary, "somekey", nil), Want{Refused: true}),
		argminCase("DeleteObjects/in a bucket that does not exist", src("test_multi_object_delete_nonexistent_bucket"), nil, deleteObjects, Want{Refused: true}),
		argminCase("DeleteObject/in a bucket deleted", src("test_object_delete_key_bucket_gone"), gone, objStatusOnly(objDelete(primary, "somekey", nil)),
			Want{Status: http.StatusNotFound}),
		refusedPolicy("s3:ExistingObjectTag with s3:DeleteObject", "test_bucket_policy_delete_object_existing_tag_condition_is_rejected", `"s3:DeleteObject"`),
		refusedPolicy("s3:ExistingObjectTag with s3:DeleteObjectVersion", "test_bucket_policy_delete_object_version_existing_tag_condition_is_rejected",
			`"s3:DeleteObjectVersion"`),
		refusedPolicy("s3:ExistingObjectTag with s3:DeleteObject and s3:DeleteObjectTagging", "test_bucket_policy_delete_and_delete_tagging_existing_tag_condition_is_rejected",
			`["s3:DeleteObject","s3:DeleteObjectTagging"]`),
	})
}

func TestArgminObjDeleteVersioned(t *testing.T) {
	src := func(test string) string { return argmin("object_delete.rs", test) }
	const key = "testobj"
	byVersion := func(names ...string) []vrObject {
		objs := make([]vrObject, len(names))
		for i, n := range names {
			objs[i] = vrObject{key: key, version: n}
		}
		return objs
	}
	five, four := byVersion("v0", "v1", "v2", "v3", "v4"), byVersion("v0", "v1", "v2", "dm0")
	clean := Want{Fields: map[string]any{"Versions": Len(0), "Markers": Len(0)}}
	refused := objStatusOnly(objGet(primary, key, nil))
	// test_versioning_multi_object_delete_current_marker_if_match_returns_no_such_key.
	marked := func(v *vrState) []argminStep {
		return vrBucket(objStep(v.put("current-marker", "data")), objStep(v.put("batch-canary", "canary")), objStep(v.del("current-marker")))
	}
	markedDelete := func(v *vrState) objCall {
		return v.deleteObjects(false, vrObject{"current-marker", "", objETag("data")}, vrObject{"batch-canary", "", objETag("canary")})
	}
	// test_versioning_multi_object_delete_version_id_with_etag_not_implemented.
	twoObj := func(v *vrState) []argminStep {
		return vrBucket(objStep(v.put("obj", "v1")), objStep(v.put("obj", "v2")))
	}
	Run(t, []Case{
		vrCase("DeleteObjects/five versions by id", src("test_versioning_multi_object_delete"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.puts(key, 5))), v.deleteObjects(false, five...)
		}, Want{Fields: map[string]any{"Deleted": vrKeys("testobj?v=v0", "testobj?v=v1", "testobj?v=v2", "testobj?v=v3", "testobj?v=v4"), "Errors": Len(0)}}),
		vrCase("ListObjectVersions/after five versions are deleted by id", src("test_versioning_multi_object_delete"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.puts(key, 5)), objStep(v.deleteObjects(false, five...))), v.list(nil)
		}, clean),
		vrCase("DeleteObjects/five versions deleted already", src("test_versioning_multi_object_delete"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.puts(key, 5)), objStep(v.deleteObjects(false, five...))), v.deleteObjects(false, five...)
		}, Want{Fields: map[string]any{"Deleted": Len(5), "Errors": Len(0)}}),
		vrCase("DeleteObjects/three versions and a delete marker", src("test_versioning_multi_object_delete_with_marker"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.puts(key, 3)), objStep(v.del(key))), v.deleteObjects(false, four...)
		}, Want{Fields: map[string]any{"Deleted": vrKeys("testobj?v=dm0+marker=dm0", "testobj?v=v0", "testobj?v=v1", "testobj?v=v2"), "Errors": Len(0)}}),
		vrCase("ListObjectVersions/after versions and a delete marker are deleted", src("test_versioning_multi_object_delete_with_marker"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.puts(key, 3)), objStep(v.del(key)), objStep(v.deleteObjects(false, four...))), v.list(nil)
		}, clean),
		vrCase("DeleteObjects/no version id makes a delete marker", src("test_versioning_multi_object_delete_marker_create"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.put(key, "data"))), v.deleteObjects(false, vrObject{key: key})
		}, Want{Fields: map[string]any{"Deleted": vrKeys("testobj+marker=dm0"), "Errors": Len(0)}}),
		vrCase("GetObject/after DeleteObjects made a delete marker", src("test_versioning_multi_object_delete_marker_create"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.put(key, "data")), objStep(v.deleteObjects(false, vrObject{key: key}))), refused
		}, Want{Refused: true}),
		vrCase("ListObjectVersions/the version and the marker DeleteObjects made", src("test_versioning_multi_object_delete_marker_create"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.put(key, "data")), objStep(v.deleteObjects(false, vrObject{key: key}))), v.list(nil)
		}, Want{Fields: map[string]any{"Versions": vrKeys("testobj:v0"), "Markers": vrKeys("testobj:dm0:latest")}}),
		vrCase("DeleteObjects/a current version whose ETag does not match", src("test_versioning_multi_object_delete_current_if_match"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.put("obj", "data"))), v.deleteObjects(false, vrObject{"obj", "", `"0000000000000000"`})
		}, Want{Fields: map[string]any{"Deleted": Len(0), "Errors": vrKeys("obj PreconditionFailed")}}),
		vrCase("DeleteObjects/a current version whose ETag matches", src("test_versioning_multi_object_delete_current_if_match"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.put("obj", "data"))), v.deleteObjects(false, vrObject{"obj", "", objETag("data")})
		}, Want{Fields: map[string]any{"Deleted": vrKeys("obj+marker=dm0"), "Errors": Len(0)}}),
		vrCase("DeleteObjects/an ETag when a delete marker is current", src("test_versioning_multi_object_delete_current_marker_if_match_returns_no_such_key"),
			func(v *vrState) ([]argminStep, objCall) { return marked(v), markedDelete(v) },
			Want{Fields: map[string]any{"Deleted": vrKeys("batch-canary+marker=dm0"), "Errors": vrKeys("current-marker NoSuchKey")}}),
		vrCase("ListObjectVersions/the refused entry left the delete marker current", src("test_versioning_multi_object_delete_current_marker_if_match_returns_no_such_key"),
			func(v *vrState) ([]argminStep, objCall) {
				return append(marked(v), objStep(markedDelete(v))), v.list(func(in *s3.ListObjectVersionsInput) { in.Prefix = aws.String("current-marker") })
			}, Want{Fields: map[string]any{"Versions": vrKeys("current-marker:v0"), "Markers": vrKeys("current-marker:dm0:latest")}}),
		vrCase("DeleteObjects/a version id with a wrong ETag", src("test_versioning_multi_object_delete_version_id_with_etag_not_implemented"),
			func(v *vrState) ([]argminStep, objCall) {
				return twoObj(v), v.deleteObjects(false, vrObject{"obj", "v0", `"0000000000000000"`})
			}, Want{Fields: map[string]any{"Deleted": Len(0), "Errors": vrKeys("obj?v=v0 NotImplemented")}}),
		vrCase("DeleteObjects/a version id with its ETag", src("test_versioning_multi_object_delete_version_id_with_etag_not_implemented"),
			func(v *vrState) ([]argminStep, objCall) {
				return twoObj(v), v.deleteObjects(false, vrObject{"obj", "v0", objETag("v1")})
			}, Want{Fields: map[string]any{"Deleted": Len(0), "Errors": vrKeys("obj?v=v0 NotImplemented")}}),
		vrCase("GetObject/the version DeleteObjects with an ETag left", src("test_versioning_multi_object_delete_version_id_with_etag_not_implemented"),
			func(v *vrState) ([]argminStep, objCall) {
				return append(twoObj(v), objStep(v.deleteObjects(false, vrObject{"obj", "v0", objETag("v1")}))), v.get(primary, "obj", "v0")
			}, objBodyIs("v1")),
		vrCase("DeleteObjects/a key never written makes a marker", src("test_versioning_multi_object_delete_nonexistent_creates_marker"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(), v.deleteObjects(false, vrObject{key: "never-existed"})
		}, Want{Fields: map[string]any{"Deleted": vrKeys("never-existed+marker=dm0"), "Errors": Len(0)}}),
		vrCase("ListObjectVersions/the marker of a key never written", src("test_versioning_multi_object_delete_nonexistent_creates_marker"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.deleteObjects(false, vrObject{key: "never-existed"}))), v.list(nil)
		}, Want{Fields: map[string]any{"Versions": Len(0), "Markers": vrKeys("never-existed:dm0:latest")}}),
	})
}

func TestArgminObjDeleteShape(t *testing.T) {
	a, b := "shape-delete-objects-a.txt", "shape-delete-objects-b.txt"
	body := `<?xml version="1.0" encoding="UTF-8"?><Delete><Object><Key>` + a + `</Key></Object><Object><Key>` + b + `</Key></Object></Delete>`
	entry := func(k string) string { return regexp.QuoteMeta("<Deleted><Key>" + k + "</Key></Deleted>") }
	// The Deleted entries come in any order.
	shape := `(?s)\A` + regexp.QuoteMeta("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">") +
		"(" + entry(a) + entry(b) + "|" + entry(b) + entry(a) + ")" + regexp.QuoteMeta("</DeleteResult>") + `\z`
	Run(t, []Case{
		argminCase("DeleteObjects/the answer's shape", argmin("object_delete.rs", "test_delete_objects_response_shape"),
			objBucket(argminPut(a, "delete-objects", ""), argminPut(b, "delete-objects", "")),
			objRaw(http.MethodPost, "/"+argminBkt+"?delete=", []byte(body), http.Header{"Content-Md5": {argminMD5([]byte(body))}}),
			Want{Fields: map[string]any{"Header": vrHeaders(append([]string{"Content-Type"}, vrIDHeaders...)...), "header:Content-Type": "application/xml", "Body": Match(shape)}}),
	})
}

func TestArgminObjDeleteSuspended(t *testing.T) {
	src := argmin("object_delete.rs", "test_multi_object_delete_ifmatch_races_current_replacement_across_versioning_states") + ", the delete first"
	const key = "batch-delete-race-suspended-same-etag"
	// A numbered version, then versioning suspended and a null version.
	suspended := func(v *vrState, extra ...argminStep) []argminStep {
		return vrBucket(append([]argminStep{objStep(v.put(key, "numbered same history")), vrStatus(types.BucketVersioningStatusSuspended),
			objStep(v.put(key, "suspended same bytes"))}, extra...)...)
	}
	del := func(v *vrState) objCall {
		return v.deleteObjects(false, vrObject{key, "", objETag("suspended same bytes")})
	}
	Run(t, []Case{
		vrCase("DeleteObjects/an entry's ETag matches the null version of a suspended bucket", src, func(v *vrState) ([]argminStep, objCall) {
			return suspended(v), del(v)
		}, Want{Fields: map[string]any{"Deleted": vrKeys(key + "+marker=null"), "Errors": Len(0)}}),
		vrCase("ListObjectVersions/the null delete marker replaced the null version", src, func(v *vrState) ([]argminStep, objCall) {
			return suspended(v, objStep(del(v))), v.list(func(in *s3.ListObjectVersionsInput) { in.Prefix = aws.String(key) })
		}, Want{Fields: map[string]any{"Versions": vrKeys(key + ":v0"), "Markers": vrKeys(key + ":null:latest")}}),
		vrCase("GetObject/after the null delete marker", src, func(v *vrState) ([]argminStep, objCall) {
			return suspended(v, objStep(del(v))), objStatusOnly(objGet(primary, key, nil))
		}, Want{Status: http.StatusNotFound}),
	})
}
