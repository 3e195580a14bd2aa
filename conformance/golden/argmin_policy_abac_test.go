package golden

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// justincormack/argmin crates/s3-tests/tests/bucket_policy_abac.rs: bucket
// tags as s3:BucketTag / aws:ResourceTag condition keys, which hold only
// while PutBucketAbac has Enabled the bucket's ABAC. Asserted against AWS
// S3 (2026).

// policyABAC enables argminBkt's ABAC as the owner.
func policyABAC(ctx context.Context, w *World, _ *argminUsers) error {
	_, err := root(w).PutBucketAbac(ctx, &s3.PutBucketAbacInput{Bucket: aws.String(argminBkt),
		AbacStatus: &types.AbacStatus{Status: types.BucketAbacStatusEnabled}})
	return err
}

// policyRetag is the suite's tag_resource: TagResource of security=value
// by the primary user.
func policyRetag(value string) argminStep {
	return policyStep(policyControlTags(func(_ *World, u *argminUsers) aws.Credentials { return u.primary }, http.MethodPost, "",
		tagResourceBody("security", value)))
}

func TestArgminPolicyBucketTags(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy_abac.rs", test) }
	b := aws.String(argminBkt)
	onBucket := func(effect, action, key, value string) string {
		return argminStatement(effect, argminAltRoot, action, argminBucketARN, `{"StringEquals":{"`+key+`":"`+value+`"}}`)
	}
	onObjects := func(action, value string) string {
		return argminStatement("Allow", argminAltRoot, action, argminObjectsARN, `{"StringEquals":{"s3:BucketTag/security":"`+value+`"}}`)
	}
	// setup: the bucket with an object, tagged security=tag, ABAC on or
	// off, the policy, then more.
	setup := func(tag string, abac bool, doc string, more ...argminStep) []argminStep {
		s := argminSteps(argminBucket(false, ""), argminPut("obj", "bucket-tag-body", ""), policyBucketTags("security", tag))
		if abac {
			s = append(s, policyABAC)
		}
		return append(append(s, argminPolicy(doc)), more...)
	}
	getTags := policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b})
	})
	ownerTags := policyOwner(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b})
	})
	getObj := policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: aws.String("obj")})
	})
	list := policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: b})
	})
	tagIs := func(v string) Want {
		return Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "security", "TagSet[0].Value": v}}
	}
	allowGetTags := onBucket("Allow", "s3:GetBucketTagging", "s3:BucketTag/security", "public")
	denyPrivate := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"s3:GetObject","Resource":"` +
		argminObjectsARN + `"},{"Effect":"Deny","Principal":` + argminAltRoot + `,"Action":"s3:GetObject","Resource":"` + argminObjectsARN +
		`","Condition":{"StringEquals":{"s3:BucketTag/security":"private"}}}]}`
	resourceTag := onBucket("Allow", "s3:GetBucketTagging", "aws:ResourceTag/security", "allow")
	Run(t, []Case{
		argminCase("GetBucketTagging/s3:BucketTag matches nothing while ABAC is off", src("test_bucket_policy_get_bucket_tagging_bucket_tag_condition"),
			setup("public", false, allowGetTags), getTags, argminDenied),
		argminCase("GetBucketTagging/nor with another tag value", src("test_bucket_policy_get_bucket_tagging_bucket_tag_condition"),
			setup("private", false, allowGetTags), getTags, argminDenied),
		argminCase("GetObject/s3:BucketTag matches nothing while ABAC is off", src("test_bucket_policy_get_object_bucket_tag_condition"),
			setup("public", false, onObjects("s3:GetObject", "public")), getObj, argminDenied),
		argminCase("PutObject/s3:BucketTag matches nothing while ABAC is off", src("test_bucket_policy_put_object_bucket_tag_condition"),
			setup("public", false, onObjects("s3:PutObject", "public")), policyAltPut("bucket-tag-put-public", ""), argminDenied),
		argminCase("GetObject/nor with another tag value", src("test_bucket_policy_get_object_bucket_tag_condition"),
			setup("private", false, onObjects("s3:GetObject", "public")), getObj, argminDenied),
		argminCase("PutObject/nor with another tag value", src("test_bucket_policy_put_object_bucket_tag_condition"),
			setup("private", false, onObjects("s3:PutObject", "public")), policyAltPut("bucket-tag-put-private", ""), argminDenied),
		argminCase("GetObject/a deny on s3:BucketTag does not apply while ABAC is off", src("test_bucket_policy_get_object_bucket_tag_deny_condition_when_abac_disabled"),
			setup("private", false, denyPrivate), getObj, Want{}),
		argminCase("GetBucketTagging/s3:BucketTag matches with ABAC on", src("test_bucket_policy_get_bucket_tagging_bucket_tag_condition_when_abac_enabled"),
			setup("public", true, allowGetTags), getTags, tagIs("public")),
		argminCase("GetBucketTagging/the owner reads the tag TagResource set", src("test_bucket_policy_get_bucket_tagging_bucket_tag_condition_when_abac_enabled"),
			setup("public", true, allowGetTags, policyRetag("private")), ownerTags, tagIs("private")),
		argminCase("GetBucketTagging/s3:BucketTag no longer matches after TagResource", src("test_bucket_policy_get_bucket_tagging_bucket_tag_condition_when_abac_enabled"),
			setup("public", true, allowGetTags, policyRetag("private")), getTags, argminDenied),
		argminCase("GetBucketTagging/aws:ResourceTag matches with ABAC on", src("test_bucket_policy_get_bucket_tagging_resource_tag_condition_when_abac_enabled"),
			setup("allow", true, resourceTag), getTags, tagIs("allow")),
		argminCase("GetBucketTagging/aws:ResourceTag no longer matches after TagResource", src("test_bucket_policy_get_bucket_tagging_resource_tag_condition_when_abac_enabled"),
			setup("allow", true, resourceTag, policyRetag("deny")), getTags, argminDenied),
		argminCase("ListObjectsV2/s3:BucketTag matches with ABAC on", src("test_bucket_policy_list_bucket_bucket_tag_condition_when_abac_enabled"),
			setup("public", true, onBucket("Allow", "s3:ListBucket", "s3:BucketTag/security", "public")), list, Want{}),
		argminCase("GetObject/s3:BucketTag matches with ABAC on", src("test_bucket_policy_get_object_bucket_tag_condition_when_abac_enabled"),
			setup("public", true, onObjects("s3:GetObject", "public")), getObj, Want{Fields: map[string]any{"ContentLength": 15}}),
		argminCase("GetObject/s3:BucketTag no longer matches after TagResource", src("test_bucket_policy_get_object_bucket_tag_revocation_when_abac_enabled"),
			setup("public", true, onObjects("s3:GetObject", "public"), policyRetag("private")), getObj, argminDenied),
		argminCase("PutObject/s3:BucketTag matches with ABAC on", src("test_bucket_policy_put_object_bucket_tag_condition_when_abac_enabled"),
			setup("public", true, onObjects("s3:PutObject", "public")), policyAltPut("bucket-tag-put-public-enabled", ""), Want{}),
		argminCase("PutObject/s3:BucketTag no longer matches after TagResource", src("test_bucket_policy_put_object_bucket_tag_condition_when_abac_enabled"),
			setup("public", true, onObjects("s3:PutObject", "public"), policyRetag("private")), policyAltPut("bucket-tag-put-private-enabled", ""), argminDenied),
		argminCase("GetBucketAbac/after PutBucketAbac Enabled", src("test_bucket_policy_get_bucket_tagging_bucket_tag_condition_when_abac_enabled"),
			argminSteps(argminBucket(false, ""), policyABAC), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).GetBucketAbac(ctx, &s3.GetBucketAbacInput{Bucket: b})
			}, Want{Fields: map[string]any{"AbacStatus.Status": "Enabled"}}),
		argminCase("PutBucketPolicy/s3:BucketTag with s3:CreateBucket", src("test_bucket_policy_create_bucket_bucket_tag_condition_is_rejected"),
			argminSteps(argminBucket(true, "")), argminPutPolicy(primary, onBucket("Allow", "s3:CreateBucket", "s3:BucketTag/security", "public")),
			Want{Status: http.StatusBadRequest, Code: "MalformedPolicy"}),
	})
}

func TestArgminBucketAbacAdmin(t *testing.T) {
	src := argmin("bucket_admin_root.rs", "test_same_account_root_and_non_root_bucket_abac_admin")
	b := aws.String(argminBkt)
	tagged := argminSteps(argminBucket(false, ""), policyBucketTags("env", "root-admin"))
	enabled := append(append(argminSteps(), tagged...), policyABAC)
	getAbac := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).GetBucketAbac(ctx, &s3.GetBucketAbacInput{Bucket: b})
	}
	badRequest := func(msg string) Want { return Want{Status: http.StatusBadRequest, Code: "BadRequest", Message: msg} }
	Run(t, []Case{
		argminCase("GetBucketAbac/a new bucket is Disabled", src, argminSteps(argminBucket(false, "")), getAbac,
			Want{Fields: map[string]any{"AbacStatus.Status": "Disabled"}}),
		argminCase("PutBucketAbac/Enabled", src, tagged, func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).PutBucketAbac(ctx, &s3.PutBucketAbacInput{Bucket: b, AbacStatus: &types.AbacStatus{Status: types.BucketAbacStatusEnabled}})
		}, Want{}),
		argminCase("GetBucketTagging/the tags set before ABAC was enabled", src, enabled, func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b})
		}, Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "env", "TagSet[0].Value": "root-admin"}}),
		argminCase("PutBucketTagging/with ABAC enabled", src, enabled, func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b,
				Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("env"), Value: aws.String("root-admin")}}}})
		}, badRequest("This S3 general purpose bucket has attribute-based access control (ABAC) enabled. To add tags to this bucket, initiate a TagResource request. To delete tags from this bucket, initiate an UntagResource request.")),
		argminCase("DeleteBucketTagging/with ABAC enabled", src, enabled, func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).DeleteBucketTagging(ctx, &s3.DeleteBucketTaggingInput{Bucket: b})
		}, badRequest("This S3 general purpose bucket has attribute-based access control (ABAC) enabled. To delete tags from this bucket, initiate an UntagResource request.")),
	})
}

func TestArgminPolicyBucketTagActions(t *testing.T) {
	b := aws.String(argminBkt)
	// create_bucket_pair_allowing_bucket_tag_action: PAB off, tagged
	// security=value, ABAC on, the alternate account allowed action on the
	// bucket when s3:BucketTag/security is public.
	pair := func(value, action string, more ...argminStep) []argminStep {
		s := argminSteps(argminBucket(true, ""), policyBucketTags("security", value), policyABAC,
			argminPolicy(argminStatement("Allow", argminAltRoot, action, argminBucketARN, `{"StringEquals":{"s3:BucketTag/security":"public"}}`)))
		return append(s, more...)
	}
	do := func(f func(ctx context.Context, c *s3.Client) (any, error)) argminCall { return policyAlt(f) }
	owner := func(f func(ctx context.Context, c *s3.Client) (any, error)) argminStep {
		return policyStep(policyOwner(f))
	}
	versioning := &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}
	lifecycle := &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{{ID: aws.String("expire-current"),
		Filter: &types.LifecycleRuleFilter{Prefix: aws.String("logs/")}, Status: types.ExpirationStatusEnabled,
		Expiration: &types.LifecycleExpiration{Days: aws.Int32(30)}}}}
	objectWriter := owner(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b, OwnershipControls: &types.OwnershipControls{
			Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipObjectWriter}}}})
	})
	versioned := owner(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b, VersioningConfiguration: versioning})
	})
	upload := owner(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: aws.String("multipart-key")})
	})
	withLifecycle := owner(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: b, LifecycleConfiguration: lifecycle})
	})
	type row struct {
		op, test, action string
		more             []argminStep
		call             argminCall
		allowed          Want
	}
	var cases []Case
	for _, r := range []row{
		{"DeleteBucket", "delete_bucket", "s3:DeleteBucket", nil, do(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b})
		}), Want{Status: http.StatusNoContent}},
		{"GetBucketPolicyStatus", "get_bucket_policy_status", "s3:GetBucketPolicyStatus", nil, do(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.GetBucketPolicyStatus(ctx, &s3.GetBucketPolicyStatusInput{Bucket: b})
		}), Want{Fields: map[string]any{"PolicyStatus.IsPublic": false}}},
		{"GetBucketAcl", "get_bucket_acl", "s3:GetBucketAcl", nil, do(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: b})
		}), Want{Fields: map[string]any{"Owner": Present}}},
		{"PutBucketAcl", "put_bucket_acl", "s3:PutBucketAcl", argminSteps(objectWriter), do(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPrivate})
		}), Want{}},
		{"GetBucketVersioning", "get_bucket_versioning", "s3:GetBucketVersioning", nil, do(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: b})
		}), Want{Fields: map[string]any{"Status": Absent}}},
		{"PutBucketVersioning", "put_bucket_versioning", "s3:PutBucketVersioning", nil, do(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b, VersioningConfiguration: versioning})
		}), Want{}},
		{"ListObjectVersions", "list_bucket_versions", "s3:ListBucketVersions", argminSteps(versioned, argminPut("key", "one", ""), argminPut("key", "two", "")),
			do(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: b})
			}), Want{Fields: map[string]any{"Versions": Len(2)}}},
		{"ListMultipartUploads", "list_bucket_multipart_uploads", "s3:ListBucketMultipartUploads", argminSteps(upload),
			do(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: b})
			}), Want{Fields: map[string]any{"Uploads[0].Key": "multipart-key"}}},
		{"GetBucketLifecycleConfiguration", "get_bucket_lifecycle", "s3:GetLifecycleConfiguration", argminSteps(withLifecycle),
			do(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: b})
			}), Want{Fields: map[string]any{"Rules": Len(1), "Rules[0].ID": "expire-current"}}},
		{"PutBucketLifecycleConfiguration", "put_bucket_lifecycle", "s3:PutLifecycleConfiguration", nil, do(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: b, LifecycleConfiguration: lifecycle})
		}), Want{}},
	} {
		src := argmin("bucket_policy_abac.rs", "test_bucket_policy_"+r.test+"_bucket_tag_condition_when_abac_enabled")
		cases = append(cases,
			argminCase(r.op+"/a bucket tagged public, ABAC on", src, pair("public", r.action, r.more...), r.call, r.allowed),
			argminCase(r.op+"/a bucket tagged private, ABAC on", src, pair("private", r.action, r.more...), r.call, argminDenied))
	}
	Run(t, cases)
}
