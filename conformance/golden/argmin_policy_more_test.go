package golden

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// More of argmin bucket_policy.rs: *IgnoreCase operators, statements
// PutBucketPolicy refuses, inline tags and multipart under a policy.

// policyAllowDenyAlt allows the alternate account actions on the objects
// and denies them under cond.
func policyAllowDenyAlt(actions, cond string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":` + actions + `,"Resource":"` + argminObjectsARN +
		`"},{"Effect":"Deny","Principal":` + argminAltRoot + `,"Action":` + actions + `,"Resource":"` + argminObjectsARN + `","Condition":` + cond + `}]}`
}

func TestArgminPolicyIgnoreCase(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	putAndTag := `["s3:PutObject","s3:PutObjectTagging"]`
	steps := func(doc string) []argminStep { return argminSteps(argminBucket(false, ""), argminPolicy(doc)) }
	eqNonASCII := policyAltAllows(putAndTag, `{"StringEqualsIgnoreCase":{"s3:RequestObjectTag/classification":"sëcret"}}`)
	notEq := policyAllowDenyAlt(putAndTag, `{"StringNotEqualsIgnoreCase":{"s3:RequestObjectTag/security":"public"}}`)
	notEqNonASCII := policyAllowDenyAlt(putAndTag, `{"StringNotEqualsIgnoreCase":{"s3:RequestObjectTag/classification":"sëcret"}}`)
	eqIfExists := policyAltAllows(putAndTag, `{"StringEqualsIgnoreCaseIfExists":{"s3:RequestObjectTag/security":"public"}}`)
	notEqIfExists := policyAllowDenyAlt(putAndTag, `{"StringNotEqualsIgnoreCaseIfExists":{"s3:RequestObjectTag/security":"public"}}`)
	type c struct {
		name, test, doc string
		call            argminCall
		allowed         bool
	}
	var cases []Case
	for _, x := range []c{
		{"PutObject/StringEqualsIgnoreCase folds a non-ASCII letter", "test_bucket_policy_string_equals_ignore_case_request_object_tag_non_ascii", eqNonASCII,
			policyAltPut("allowed-non-ascii-uppercase", "classification=S%C3%8BCRET"), true},
		{"PutObject/a deny on StringNotEqualsIgnoreCase spares the value in upper case", "test_bucket_policy_string_not_equals_ignore_case_request_object_tag", notEq,
			policyAltPut("allowed-uppercase", "security=PUBLIC"), true},
		{"PutObject/a deny on StringNotEqualsIgnoreCase holds for another value", "test_bucket_policy_string_not_equals_ignore_case_request_object_tag", notEq,
			policyAltPut("denied-private", "security=private"), false},
		{"PutObject/a deny on StringNotEqualsIgnoreCase spares a non-ASCII value in upper case", "test_bucket_policy_string_not_equals_ignore_case_request_object_tag_non_ascii", notEqNonASCII,
			policyAltPut("allowed-non-ascii-uppercase", "classification=S%C3%8BCRET"), true},
		{"PutObject/a deny on non-ASCII StringNotEqualsIgnoreCase holds for another value", "test_bucket_policy_string_not_equals_ignore_case_request_object_tag_non_ascii", notEqNonASCII,
			policyAltPut("denied-private", "classification=private"), false},
		{"PutObject/StringEqualsIgnoreCaseIfExists without the tag", "test_bucket_policy_string_equals_ignore_case_if_exists_request_object_tag", eqIfExists,
			policyAltPut("allowed-absent", ""), true},
		{"PutObject/StringEqualsIgnoreCaseIfExists with another value", "test_bucket_policy_string_equals_ignore_case_if_exists_request_object_tag", eqIfExists,
			policyAltPut("denied-private", "security=private"), false},
		{"PutObject/a deny on StringNotEqualsIgnoreCaseIfExists spares the value in upper case", "test_bucket_policy_string_not_equals_ignore_case_if_exists_request_object_tag", notEqIfExists,
			policyAltPut("allowed-uppercase", "security=PUBLIC"), true},
		{"PutObject/a deny on StringNotEqualsIgnoreCaseIfExists holds without the tag", "test_bucket_policy_string_not_equals_ignore_case_if_exists_request_object_tag", notEqIfExists,
			policyAltPut("denied-absent", ""), false},
	} {
		want := argminDenied
		if x.allowed {
			want = Want{}
		}
		cases = append(cases, argminCase(x.name, src(x.test), steps(x.doc), x.call, want))
	}
	Run(t, cases)
}

func TestArgminPolicyRefusedStatements(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	refused := Want{Status: http.StatusBadRequest, Code: "MalformedPolicy"}
	put := func(name, test, doc string) Case {
		return argminCase("PutBucketPolicy/"+name, src(test), argminSteps(argminBucket(false, "")), argminPutPolicy(primary, doc), refused)
	}
	const allUsers = "uri=http://acs.amazonaws.com/groups/global/AllUsers"
	mixed := func(get string) map[string]string {
		return map[string]string{
			"s3:x-amz-copy-source with " + get + " and s3:PutObject":                               `{"StringLike":{"s3:x-amz-copy-source":"src/public/*"}}`,
			"s3:x-amz-metadata-directive with " + get + " and s3:PutObject":                        `{"StringEquals":{"s3:x-amz-metadata-directive":"COPY"}}`,
			"s3:x-amz-server-side-encryption with " + get + " and s3:PutObject":                    `{"Null":{"s3:x-amz-server-side-encryption":"true"}}`,
			"s3:x-amz-server-side-encryption-customer-algorithm with " + get + " and s3:PutObject": `{"Null":{"s3:x-amz-server-side-encryption-customer-algorithm":"true"}}`,
			"s3:x-amz-acl with " + get + " and s3:PutObject":                                       `{"StringEquals":{"s3:x-amz-acl":"private"}}`,
			"s3:x-amz-grant-read-acp with " + get + " and s3:PutObject":                            `{"StringEquals":{"s3:x-amz-grant-read-acp":"` + allUsers + `"}}`,
			"s3:x-amz-grant-full-control with " + get + " and s3:PutObject":                        `{"StringEquals":{"s3:x-amz-grant-full-control":"` + allUsers + `"}}`,
		}
	}
	tests := map[string]string{
		"s3:x-amz-copy-source": "copy_source", "s3:x-amz-metadata-directive": "metadata_directive", "s3:x-amz-server-side-encryption": "sse_s3",
		"s3:x-amz-server-side-encryption-customer-algorithm": "sse_c", "s3:x-amz-acl": "canned_acl", "s3:x-amz-grant-read-acp": "grant_read_acp",
		"s3:x-amz-grant-full-control": "grant_full_control",
	}
	var cases []Case
	for _, get := range []string{"s3:GetObject", "s3:GetObjectVersion"} {
		suffix := "mixed_get_and_put"
		if get == "s3:GetObjectVersion" {
			suffix = "mixed_get_version_and_put"
		}
		for name, cond := range mixed(get) {
			key := strings.SplitN(name, " ", 2)[0]
			test := "test_bucket_policy_" + tests[key] + "_condition_is_rejected_for_" + suffix
			cases = append(cases, put(name, test, policyAltAllows(`["`+get+`","s3:PutObject"]`, cond)))
		}
	}
	cases = append(cases,
		put("s3:x-amz-grant-read with s3:GetObject and s3:PutObject", "test_bucket_policy_grant_read_condition_is_rejected_for_mixed_get_and_put",
			policyAltAllows(`["s3:GetObject","s3:PutObject"]`, `{"StringEquals":{"s3:x-amz-grant-read":"`+allUsers+`"}}`)),
		put("s3:RequestObjectTag with s3:PutObjectAcl", "test_bucket_policy_put_object_acl_request_object_tag_condition_is_rejected",
			policyAltAllows(`"s3:PutObjectAcl"`, `{"StringEquals":{"s3:RequestObjectTag/security":"public"}}`)),
		put("s3:PutObject on the bucket's resource", "test_bucket_policy_multipart_upload_requires_object_resource",
			argminStatement("Allow", argminAltRoot, "s3:PutObject", argminBucketARN, "")),
	)
	Run(t, cases)
}

func TestArgminPolicyTagsAndMultipart(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	b := aws.String(argminBkt)
	steps := func(doc string, more ...argminStep) []argminStep {
		return append(argminSteps(argminBucket(false, ""), argminPolicy(doc)), more...)
	}
	tagged := func(key, value string) argminStep { return argminTagged(key, value) }
	delTags := func(key string) argminCall {
		return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: b, Key: aws.String(key)})
		})
	}
	ownerTags := func(key string) argminCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: b, Key: aws.String(key)})
		}
	}
	createMPU := func(key, tagging string) argminCall {
		return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
			in := &s3.CreateMultipartUploadInput{Bucket: b, Key: aws.String(key)}
			if tagging != "" {
				in.Tagging = aws.String(tagging)
			}
			return c.CreateMultipartUpload(ctx, in)
		})
	}
	delDoc := policyAltAllows(`"s3:DeleteObjectTagging"`, `{"StringEquals":{"s3:ExistingObjectTag/security":"public"}}`)
	delSteps := steps(delDoc, tagged("public", "public"), tagged("private", "private"))
	putOnly := policyAllowAlt("s3:PutObject", argminObjectsARN)
	putAndTag := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot +
		`,"Action":["s3:PutObject","s3:PutObjectTagging"],"Resource":"` + argminObjectsARN + `"}]}`
	reqTag := policyAltAllows(`["s3:PutObject","s3:PutObjectTagging"]`, `{"StringEquals":{"s3:RequestObjectTag/security":"public"}}`)
	mpuTest := src("test_bucket_policy_multipart_upload_requires_object_resource")
	ownerAll := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminOwnerRoot + `,"Action":"*","Resource":["` +
		argminBucketARN + `","` + argminObjectsARN + `"]}]}`
	Run(t, []Case{
		argminCase("DeleteObjectTagging/an object with the tag the policy requires", src("test_bucket_policy_delete_object_tagging_existing_tag_condition"), delSteps,
			delTags("public"), Want{Status: http.StatusNoContent}),
		argminCase("GetObjectTagging/none left after the other account's delete", src("test_bucket_policy_delete_object_tagging_existing_tag_condition"),
			append(delSteps, policyStep(delTags("public"))), ownerTags("public"), Want{Fields: map[string]any{"TagSet": Len(0)}}),
		argminCase("DeleteObjectTagging/an object with another tag", src("test_bucket_policy_delete_object_tagging_existing_tag_condition"), delSteps,
			delTags("private"), argminDenied),
		argminCase("GetObjectTagging/the refused delete kept the tags", src("test_bucket_policy_delete_object_tagging_existing_tag_condition"),
			append(delSteps, func(ctx context.Context, w *World, u *argminUsers) error {
				_, _ = delTags("private")(ctx, w, u)
				return nil
			}),
			ownerTags("private"), Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "security", "TagSet[0].Value": "private"}}),

		argminCase("PutObject/inline tags with only s3:PutObject", src("test_bucket_policy_put_object_inline_tags_require_put_object_tagging"), steps(putOnly),
			policyAltPut("denied", "security=public"), argminDenied),
		argminCase("PutObject/inline tags with s3:PutObjectTagging too", src("test_bucket_policy_put_object_inline_tags_require_put_object_tagging"), steps(putAndTag),
			policyAltPut("allowed", "security=public"), Want{}),

		argminCase("CreateMultipartUpload/another account without a policy", mpuTest, argminSteps(argminBucket(true, "")), createMPU("mpobj", ""), argminDenied),
		argminCase("CreateMultipartUpload/another account allowed s3:PutObject on the key", mpuTest,
			argminSteps(argminBucket(true, ""), argminPolicy(argminStatement("Allow", argminAltRoot, "s3:PutObject", argminBucketARN+"/mpobj", ""))),
			createMPU("mpobj", ""), Want{Fields: map[string]any{"UploadId": Present}}),
		argminCase("CreateMultipartUpload/without the tag s3:RequestObjectTag requires", src("test_bucket_policy_multipart_upload_request_object_tag"), steps(reqTag),
			createMPU("denied", ""), argminDenied),
		argminCase("CreateMultipartUpload/with the tag s3:RequestObjectTag requires", src("test_bucket_policy_multipart_upload_request_object_tag"), steps(reqTag),
			createMPU("allowed", "security=public"), Want{Fields: map[string]any{"UploadId": Present}}),
		argminCase("GetObject/a multipart upload under a policy allowing the owner's root everything", src("test_multipart_upload_on_bucket_with_policy"),
			argminSteps(argminBucket(true, ""), argminPolicy(ownerAll), policyUploadFoo), argminGet(primary, "foo"), Want{Fields: map[string]any{"Body": "policy-body"}}),
	})
}

// policyUploadFoo uploads "foo" (policy-body) in one part as the primary
// user.
func policyUploadFoo(ctx context.Context, w *World, u *argminUsers) error {
	c, b, k := primary(w, u), aws.String(argminBkt), aws.String("foo")
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
	if err != nil {
		return err
	}
	part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: aws.Int32(1),
		Body: strings.NewReader("policy-body")})
	if err != nil {
		return err
	}
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: part.ETag}}}})
	return err
}
