package golden

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// justincormack/argmin crates/s3-tests/tests/tagging.rs: bucket policies
// granting another account the tagging actions, conditioned on
// s3:ExistingObjectTag, s3:RequestObjectTag, s3:x-amz-copy-source and
// s3:x-amz-metadata-directive. Asserted against AWS S3 (2026).

// tgsAltPolicy is a bucket policy allowing the alternate account action on
// resource under condition ("" none).
func tgsAltPolicy(action, resource, condition string) argminStep {
	return argminPolicy(olkPolicy("Allow", argminAltRoot, resource, []string{action}, condition))
}

const (
	tgsExistingAllow = `{"StringEquals":{"s3:ExistingObjectTag/security":"allow"}}`
	tgsRequestAllow  = `{"StringEquals":{"s3:RequestObjectTag/security":"allow"}}`
)

// tgsTagged writes keys (their name as body) and then tags allowtag
// security=allow,foo=bar, denytag security=deny and invalidtag
// security1=allow, as the suite's existing-tag tests do, after policy.
func tgsTagged(policy argminStep, keys ...string) []argminStep {
	steps := argminSteps(objPrimaryBucket)
	for _, k := range keys {
		steps = append(steps, objStep(objPut(primary, k, k, nil)))
	}
	steps = append(steps, policy)
	for _, k := range keys {
		steps = append(steps, objStep(tgsPut(primary, k, nil, tgsByName(k))))
	}
	return steps
}

// tgsByName is the suite's tags for a key of the existing-tag tests.
func tgsByName(key string) []types.Tag {
	switch {
	case strings.HasPrefix(key, "allowtag"):
		return tgsTags("security", "allow", "foo", "bar")
	case strings.HasPrefix(key, "denytag"):
		return tgsTags("security", "deny")
	}
	return tgsTags("security1", "allow")
}

func TestArgminTaggingPolicy(t *testing.T) {
	src := func(test string) string { return argmin("tagging.rs", test) }
	c := func(name, test string, steps []argminStep, call objCall, want Want) Case {
		return argminCase(name, src(test), steps, call, want)
	}
	const key = "testputtagsacl"
	keyARN := argminBucketARN + "/" + key
	ten := tgsNumbered(10, "", "")
	tenWant := tgsWant("0", "0", "1", "1", "2", "2", "3", "3", "4", "4", "5", "5", "6", "6", "7", "7", "8", "8", "9", "9")
	obj := func(more ...argminStep) []argminStep {
		return append(argminSteps(objPrimaryBucket, objStep(objPut(primary, key, "data", nil))), more...)
	}
	allowTags := tgsTags("security", "allow", "foo", "bar")
	Run(t, []Case{
		c("GetObjectTagging/another account allowed on the object", "test_bucket_policy_get_object_tagging_alt_account",
			obj(tgsAltPolicy("s3:GetObjectTagging", keyARN, ""), objStep(tgsPut(primary, key, nil, ten))), tgsGet(altClient, key, nil), tenWant),
		c("PutObjectTagging/another account allowed on the object", "test_bucket_policy_put_object_tagging_alt_account",
			obj(tgsAltPolicy("s3:PutObjectTagging", keyARN, "")), objSeq(tgsPut(altClient, key, nil, ten), tgsGet(primary, key, nil)), tenWant),
		c("DeleteObjectTagging/another account allowed on the object", "test_bucket_policy_delete_object_tagging_alt_account",
			obj(tgsAltPolicy("s3:DeleteObjectTagging", keyARN, ""), objStep(tgsPut(primary, key, nil, ten))),
			objSeq(tgsDelete(altClient, key, nil), tgsGet(primary, key, nil)), tgsNone),
		c("PutObjectTagging/s3:RequestObjectTag matches", "test_bucket_policy_put_obj_tagging_request_object_tag",
			argminSteps(objPrimaryBucket, objStep(objPut(primary, "requesttag", "data", nil)), tgsAltPolicy("s3:PutObjectTagging", argminObjectsARN, tgsRequestAllow)),
			objSeq(tgsPut(altClient, "requesttag", nil, allowTags), tgsGet(primary, "requesttag", nil)), tgsWant("security", "allow", "foo", "bar")),
		c("PutObjectTagging/s3:RequestObjectTag does not match", "test_bucket_policy_put_obj_tagging_request_object_tag",
			argminSteps(objPrimaryBucket, objStep(objPut(primary, "requesttag", "data", nil)), tgsAltPolicy("s3:PutObjectTagging", argminObjectsARN, tgsRequestAllow)),
			tgsPut(altClient, "requesttag", nil, tgsTags("security", "deny")), argminDenied),
		c("GetObjectTagging/the refused request tags left the allowed ones", "test_bucket_policy_put_obj_tagging_request_object_tag",
			argminSteps(objPrimaryBucket, objStep(objPut(primary, "requesttag", "data", nil)), tgsAltPolicy("s3:PutObjectTagging", argminObjectsARN, tgsRequestAllow),
				objStep(tgsPut(altClient, "requesttag", nil, allowTags)), objIgnore(tgsPut(altClient, "requesttag", nil, tgsTags("security", "deny")))),
			tgsGet(primary, "requesttag", nil), tgsWant("security", "allow", "foo", "bar")),
		c("PutObjectTagging/s3:RequestObjectTag on an object already tagged otherwise", "test_bucket_policy_put_obj_tagging_request_object_tag_on_pretagged_object",
			argminSteps(objPrimaryBucket, objStep(objPut(primary, "pretagged", "data", nil)), objStep(tgsPut(primary, "pretagged", nil, tgsTags("security", "bootstrap"))),
				tgsAltPolicy("s3:PutObjectTagging", argminObjectsARN, tgsRequestAllow)),
			objSeq(tgsPut(altClient, "pretagged", nil, allowTags), tgsGet(primary, "pretagged", nil)), tgsWant("security", "allow", "foo", "bar")),
		c("PutObjectTagging/s3:RequestObjectTag, one tag", "test_bucket_policy_put_obj_tagging_request_object_tag_single_tag",
			argminSteps(objPrimaryBucket, objStep(objPut(primary, "single", "data", nil)), tgsAltPolicy("s3:PutObjectTagging", argminObjectsARN, tgsRequestAllow)),
			objSeq(tgsPut(altClient, "single", nil, tgsTags("security", "allow")), tgsGet(primary, "single", nil)), tgsWant("security", "allow")),
		c("PutObjectTagging/s3:RequestObjectTag, one tag that does not match", "test_bucket_policy_put_obj_tagging_request_object_tag_single_tag",
			argminSteps(objPrimaryBucket, objStep(objPut(primary, "single", "data", nil)), tgsAltPolicy("s3:PutObjectTagging", argminObjectsARN, tgsRequestAllow)),
			tgsPut(altClient, "single", nil, tgsTags("security", "deny")), argminDenied),
	})
}

func TestArgminTaggingExistingTag(t *testing.T) {
	src := func(test string) string { return argmin("tagging.rs", test) }
	c := func(name, test string, steps []argminStep, call objCall, want Want) Case {
		return argminCase(name, src(test), steps, call, want)
	}
	three := func(action string) []argminStep {
		return tgsTagged(tgsAltPolicy(action, argminObjectsARN, tgsExistingAllow), "allowtag", "denytag", "invalidtag")
	}
	getACL := func(key string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return alt(w).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		}
	}
	del := tgsTagged(tgsAltPolicy("s3:DeleteObjectTagging", argminObjectsARN, tgsExistingAllow), "allowtag-delete", "denytag-delete")
	putTwo := tgsTagged(tgsAltPolicy("s3:PutObjectTagging", argminObjectsARN, tgsExistingAllow), "allowtag", "denytag")
	allowTags := tgsTags("security", "allow", "foo", "bar")
	cases := []Case{
		c("GetObject/s3:ExistingObjectTag matches", "test_bucket_policy_get_obj_existing_tag", three("s3:GetObject"), objGet(altClient, "allowtag", nil), objBodyIs("allowtag")),
		c("GetObjectTagging/s3:ExistingObjectTag matches", "test_bucket_policy_get_obj_tagging_existing_tag", three("s3:GetObjectTagging"),
			tgsGet(altClient, "allowtag", nil), tgsWant("security", "allow", "foo", "bar")),
		c("GetObject/allowed only s3:GetObjectTagging", "test_bucket_policy_get_obj_tagging_existing_tag", three("s3:GetObjectTagging"),
			objGet(altClient, "allowtag", nil), argminDenied),
		c("GetObjectAcl/s3:ExistingObjectTag matches", "test_bucket_policy_get_obj_acl_existing_tag", three("s3:GetObjectAcl"), getACL("allowtag"), Want{}),
		c("GetObject/allowed only s3:GetObjectAcl", "test_bucket_policy_get_obj_acl_existing_tag", three("s3:GetObjectAcl"), objGet(altClient, "allowtag", nil), argminDenied),
		c("DeleteObjectTagging/s3:ExistingObjectTag matches", "test_bucket_policy_delete_obj_tagging_existing_tag", del,
			objSeq(tgsDelete(altClient, "allowtag-delete", nil), tgsGet(primary, "allowtag-delete", nil)), tgsNone),
		c("DeleteObjectTagging/s3:ExistingObjectTag does not match", "test_bucket_policy_delete_obj_tagging_existing_tag", del,
			tgsDelete(altClient, "denytag-delete", nil), argminDenied),
		c("GetObjectTagging/the refused delete left the tags", "test_bucket_policy_delete_obj_tagging_existing_tag",
			append(del, objIgnore(tgsDelete(altClient, "denytag-delete", nil))), tgsGet(primary, "denytag-delete", nil), tgsWant("security", "deny")),
		c("PutObjectTagging/s3:ExistingObjectTag matches", "test_bucket_policy_put_obj_tagging_existing_tag", putTwo, tgsPut(altClient, "allowtag", nil, allowTags), Want{}),
		c("PutObjectTagging/s3:ExistingObjectTag does not match", "test_bucket_policy_put_obj_tagging_existing_tag", putTwo,
			tgsPut(altClient, "denytag", nil, allowTags), argminDenied),
		c("PutObjectTagging/retagging away from the allowed tag", "test_bucket_policy_put_obj_tagging_existing_tag", putTwo,
			tgsPut(altClient, "allowtag", nil, tgsTags("security", "deny")), Want{}),
		c("PutObjectTagging/after retagging away, no more", "test_bucket_policy_put_obj_tagging_existing_tag",
			append(putTwo, objStep(tgsPut(altClient, "allowtag", nil, tgsTags("security", "deny")))), tgsPut(altClient, "allowtag", nil, allowTags), argminDenied),
	}
	for _, k := range []string{"denytag", "invalidtag"} {
		cases = append(cases,
			c("GetObject/s3:ExistingObjectTag, "+k, "test_bucket_policy_get_obj_existing_tag", three("s3:GetObject"), objGet(altClient, k, nil), argminDenied),
			c("GetObjectTagging/s3:ExistingObjectTag, "+k, "test_bucket_policy_get_obj_tagging_existing_tag", three("s3:GetObjectTagging"), tgsGet(altClient, k, nil), argminDenied),
			c("GetObjectAcl/s3:ExistingObjectTag, "+k, "test_bucket_policy_get_obj_acl_existing_tag", three("s3:GetObjectAcl"), getACL(k), argminDenied))
	}
	Run(t, cases)
}

func TestArgminTaggingVersions(t *testing.T) {
	src := func(test string) string { return argmin("tagging.rs", test) }
	// versioned: versioning on, allow and deny keys written (versions 0
	// and 1), the policy, then each version tagged by name.
	versioned := func(s *olk, action, condition string) []argminStep {
		allow, deny := func() *string { return s.at(0) }, func() *string { return s.at(1) }
		return argminSteps(objPrimaryBucket, objVersioning, s.put("allowtag-v", "data", nil), s.put("denytag-v", "data", nil),
			tgsAltPolicy(action, argminObjectsARN, condition),
			objStep(tgsPut(primary, "allowtag-v", allow, tgsByName("allowtag"))), objStep(tgsPut(primary, "denytag-v", deny, tgsByName("denytag"))))
	}
	c := func(name, test, action, condition string, call func(s *olk) objCall, want Want) Case {
		return olkCase(name, src(test), func(s *olk) ([]argminStep, objCall) { return versioned(s, action, condition), call(s) }, want)
	}
	allowTags := tgsTags("security", "allow", "foo", "bar")
	v := func(s *olk, i int) func() *string { return func() *string { return s.at(i) } }
	Run(t, []Case{
		c("GetObjectTagging/a version, s3:ExistingObjectTag matches", "test_bucket_policy_get_obj_version_tagging_existing_tag",
			"s3:GetObjectVersionTagging", tgsExistingAllow, func(s *olk) objCall { return tgsGet(altClient, "allowtag-v", v(s, 0)) },
			tgsWant("security", "allow", "foo", "bar")),
		c("GetObjectTagging/a version, s3:ExistingObjectTag does not match", "test_bucket_policy_get_obj_version_tagging_existing_tag",
			"s3:GetObjectVersionTagging", tgsExistingAllow, func(s *olk) objCall { return tgsGet(altClient, "denytag-v", v(s, 1)) }, argminDenied),
		c("PutObjectTagging/a version, s3:ExistingObjectTag matches", "test_bucket_policy_put_obj_version_tagging_existing_tag",
			"s3:PutObjectVersionTagging", tgsExistingAllow, func(s *olk) objCall { return tgsPut(altClient, "allowtag-v", v(s, 0), allowTags) }, Want{}),
		c("PutObjectTagging/a version, s3:ExistingObjectTag does not match", "test_bucket_policy_put_obj_version_tagging_existing_tag",
			"s3:PutObjectVersionTagging", tgsExistingAllow, func(s *olk) objCall { return tgsPut(altClient, "denytag-v", v(s, 1), allowTags) }, argminDenied),
		c("DeleteObjectTagging/a version, s3:ExistingObjectTag matches", "test_bucket_policy_delete_obj_version_tagging_existing_tag",
			"s3:DeleteObjectVersionTagging", tgsExistingAllow, func(s *olk) objCall {
				return objSeq(tgsDelete(altClient, "allowtag-v", v(s, 0)), tgsGet(primary, "allowtag-v", v(s, 0)))
			}, tgsNone),
		c("DeleteObjectTagging/a version, s3:ExistingObjectTag does not match", "test_bucket_policy_delete_obj_version_tagging_existing_tag",
			"s3:DeleteObjectVersionTagging", tgsExistingAllow, func(s *olk) objCall { return tgsDelete(altClient, "denytag-v", v(s, 1)) }, argminDenied),
		c("PutObjectTagging/a version, s3:RequestObjectTag matches", "test_bucket_policy_put_obj_version_tagging_request_object_tag",
			"s3:PutObjectVersionTagging", tgsRequestAllow, func(s *olk) objCall {
				return objSeq(tgsPut(altClient, "denytag-v", v(s, 1), allowTags), tgsGet(primary, "denytag-v", v(s, 1)))
			}, tgsWant("security", "allow", "foo", "bar")),
		c("PutObjectTagging/a version, s3:RequestObjectTag does not match", "test_bucket_policy_put_obj_version_tagging_request_object_tag",
			"s3:PutObjectVersionTagging", tgsRequestAllow, func(s *olk) objCall {
				return tgsPut(altClient, "allowtag-v", v(s, 0), tgsTags("security", "deny"))
			}, argminDenied),
	})
}

func TestArgminTaggingCopyPolicy(t *testing.T) {
	src := func(test string) string { return argmin("tagging.rs", test) }
	// copies: source argminBkt (keys as bodies, s3:GetObject for the
	// alternate account), destination objBkt2 with a policy allowing it
	// s3:PutObject under condition.
	copies := func(condition string, keys ...string) []argminStep {
		steps := argminSteps(objPrimaryBucket, func(ctx context.Context, w *World, u *argminUsers) error {
			_, err := primary(w, u).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(objBkt2)})
			return err
		})
		for _, k := range keys {
			steps = append(steps, objStep(objPut(primary, k, k, nil)))
		}
		return append(steps, tgsAltPolicy("s3:GetObject", argminObjectsARN, ""), func(ctx context.Context, w *World, u *argminUsers) error {
			doc := olkPolicy("Allow", argminAltRoot, "arn:aws:s3:::"+objBkt2+"/*", []string{"s3:PutObject"}, condition)
			_, err := primary(w, u).PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(objBkt2), Policy: aws.String(doc)})
			return err
		})
	}
	copyAs := func(src, dst string, header http.Header) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			h := http.Header{"X-Amz-Copy-Source": {argminBkt + "/" + src}}
			for k, v := range header {
				h[k] = v
			}
			return w.Signed(ctx, Root(argminAlt), http.MethodPut, "/"+objBkt2+"/"+dst, nil, h)
		}
	}
	readBack := func(key string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			out, err := primary(w, u).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(objBkt2), Key: aws.String(key)})
			if err != nil {
				return out, err
			}
			defer out.Body.Close()
			b, err := io.ReadAll(out.Body)
			return objGot{Body: string(b), Out: out}, err
		}
	}
	prefix := `{"StringLike":{"s3:x-amz-copy-source":"` + argminBkt + `/public/*"}}`
	meta := `{"StringEquals":{"s3:x-amz-metadata-directive":"COPY"}}`
	keys := []string{"public/foo", "public/bar", "private/foo"}
	Run(t, []Case{
		argminCase("GetObject/copied under s3:x-amz-copy-source public/*", src("test_bucket_policy_put_obj_copy_source"), copies(prefix, keys...),
			objSeq(tgsOK(copyAs("public/foo", "new_foo", nil)), readBack("new_foo")), objBodyIs("public/foo")),
		argminCase("GetObject/another key copied under s3:x-amz-copy-source public/*", src("test_bucket_policy_put_obj_copy_source"), copies(prefix, keys...),
			objSeq(tgsOK(copyAs("public/bar", "new_foo2", nil)), readBack("new_foo2")), objBodyIs("public/bar")),
		argminCase("CopyObject/a source outside s3:x-amz-copy-source public/*", src("test_bucket_policy_put_obj_copy_source"), copies(prefix, keys...),
			copyAs("private/foo", "new_foo3", nil), argminDenied),
		argminCase("GetObject/copied with x-amz-metadata-directive COPY", src("test_bucket_policy_put_obj_copy_source_meta"), copies(meta, keys[:2]...),
			objSeq(tgsOK(copyAs("public/foo", "new_foo", http.Header{"X-Amz-Metadata-Directive": {"COPY"}})), readBack("new_foo")), objBodyIs("public/foo")),
		argminCase("CopyObject/without x-amz-metadata-directive under a COPY condition", src("test_bucket_policy_put_obj_copy_source_meta"), copies(meta, keys[:2]...),
			copyAs("public/bar", "new_foo2", http.Header{"X-Amz-Meta-Foo": {"bar"}}), argminDenied),
	})
}

// tgsOK is call, a raw request, with an answer of status 300 or more made
// an error (so objSeq stops at it).
func tgsOK(call objCall) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := call(ctx, w, u)
		if resp, ok := out.(*http.Response); ok && err == nil {
			defer resp.Body.Close()
			if resp.StatusCode >= 300 {
				body, _ := io.ReadAll(resp.Body)
				return nil, fmt.Errorf("%s: %s", resp.Status, body)
			}
		}
		return out, err
	}
}
