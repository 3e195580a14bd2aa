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

// The rest of justincormack/argmin crates/s3-tests/tests/bucket_policy_abac.rs
// (see argmin_policy_abac_test.go): each test makes a bucket tagged
// security=public and one tagged security=private, both with ABAC on and
// a policy allowing the alternate account an action while
// s3:BucketTag/security is public; the call is allowed on the first and
// 403 on the second. Asserted against AWS S3 (2026).

// abacRow is one such test.
type abacRow struct {
	// op names the cases; test is the suite's test_bucket_policy_<test>_bucket_tag_condition_when_abac_enabled,
	// or a whole test name starting with test_.
	op, test string
	// bucket makes argminBkt (nil: argminBucket(false, "")); pre runs
	// before the tags, more after the policy.
	bucket    argminStep
	pre, more []argminStep
	// doc is the bucket policy.
	doc string
	// call is the alternate account's request; allowed its answer on the
	// public bucket, denied on the private one (zero: argminDenied).
	call    argminCall
	allowed Want
	denied  Want
	// publicOnly: the test makes no private bucket.
	publicOnly bool
	// readBack, when set, is the owner's look after call succeeded on
	// the public bucket, answering readWant.
	readBack argminCall
	readWant Want
}

// abacStatement allows the alternate account action on resource while
// s3:BucketTag/security is public.
func abacStatement(action, resource string) string {
	return `{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"` + action + `","Resource":"` + resource +
		`","Condition":{"StringEquals":{"s3:BucketTag/security":"public"}}}`
}

// abacPolicy is a bucket policy of statements.
func abacPolicy(statements ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(statements, ",") + `]}`
}

// abacAllow is a policy of abacStatement(action, resource).
func abacAllow(action, resource string) string { return abacPolicy(abacStatement(action, resource)) }

// abacHeadDenied is a refused HEAD: 403 without a body to name a code.
var abacHeadDenied = Want{Refused: true, Status: http.StatusForbidden}

func abacCases(rows []abacRow) []Case {
	var cases []Case
	for _, r := range rows {
		test := r.test
		if !strings.HasPrefix(test, "test_") {
			test = "test_bucket_policy_" + test + "_bucket_tag_condition_when_abac_enabled"
		}
		src := argmin("bucket_policy_abac.rs", test)
		steps := func(value string, extra ...argminStep) []argminStep {
			bucket := r.bucket
			if bucket == nil {
				bucket = argminBucket(false, "")
			}
			s := append(argminSteps(bucket), r.pre...)
			s = append(s, policyBucketTags("security", value), policyABAC, argminPolicy(r.doc))
			return append(append(s, r.more...), extra...)
		}
		cases = append(cases, argminCase(r.op+"/a bucket tagged public, ABAC on", src, steps("public"), r.call, r.allowed))
		if r.readBack != nil {
			cases = append(cases, argminCase(r.op+"/the owner reads what the call did", src, steps("public", policyStep(r.call)), r.readBack, r.readWant))
		}
		if r.publicOnly {
			continue
		}
		denied := r.denied
		if denied.Status == 0 {
			denied = argminDenied
		}
		cases = append(cases, argminCase(r.op+"/a bucket tagged private, ABAC on", src, steps("private"), r.call, denied))
	}
	return cases
}

func abacBucketAlt(f func(ctx context.Context, c *s3.Client, b *string) (any, error)) argminCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return f(ctx, alt(w), aws.String(argminBkt))
	}
}

func abacBucketOwner(f func(ctx context.Context, c *s3.Client, b *string) (any, error)) argminCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return f(ctx, root(w), aws.String(argminBkt))
	}
}

var (
	abacOwnership = &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerPreferred}}}
	abacCORS      = &types.CORSConfiguration{CORSRules: []types.CORSRule{{AllowedOrigins: []string{"https://example.com"}, AllowedMethods: []string{"GET"}}}}
	abacPAB       = &types.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(true), IgnorePublicAcls: aws.Bool(true),
		BlockPublicPolicy: aws.Bool(true), RestrictPublicBuckets: aws.Bool(false)}
	abacLock = &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled, Rule: &types.ObjectLockRule{
		DefaultRetention: &types.DefaultRetention{Mode: types.ObjectLockRetentionModeGovernance, Days: aws.Int32(1)}}}
)

// abacBucketRows are the bucket configuration calls the suite pairs.
func abacBucketRows() []abacRow {
	onBucket := func(action string) string { return abacAllow(action, argminBucketARN) }
	pabOff := argminBucket(true, "")
	ownership := abacBucketOwner(func(ctx context.Context, c *s3.Client, b *string) (any, error) {
		return c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b, OwnershipControls: abacOwnership})
	})
	getOwnership := func(ctx context.Context, c *s3.Client, b *string) (any, error) {
		return c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b})
	}
	putOwnership := func(ctx context.Context, c *s3.Client, b *string) (any, error) {
		return c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b, OwnershipControls: abacOwnership})
	}
	preferred := Want{Fields: map[string]any{"OwnershipControls.Rules[0].ObjectOwnership": "BucketOwnerPreferred"}}
	getEnc := func(ctx context.Context, c *s3.Client, b *string) (any, error) {
		return c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b})
	}
	putEnc := func(ctx context.Context, c *s3.Client, b *string) (any, error) {
		return c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b, ServerSideEncryptionConfiguration: ssecAllowed(types.EncryptionTypeSseC)})
	}
	getCORS := func(ctx context.Context, c *s3.Client, b *string) (any, error) {
		return c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: b})
	}
	putCORS := func(ctx context.Context, c *s3.Client, b *string) (any, error) {
		return c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: b, CORSConfiguration: abacCORS})
	}
	oneRule := Want{Fields: map[string]any{"CORSRules": Len(1)}}
	getPAB := func(ctx context.Context, c *s3.Client, b *string) (any, error) {
		return c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b})
	}
	putPAB := func(ctx context.Context, c *s3.Client, b *string) (any, error) {
		return c.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: b, PublicAccessBlockConfiguration: abacPAB})
	}
	blocksACLs := Want{Fields: map[string]any{"PublicAccessBlockConfiguration.BlockPublicAcls": true}}
	lockBucket := objPrimaryBucketWith(s3.CreateBucketInput{ObjectLockEnabledForBucket: aws.Bool(true)})
	getLock := func(ctx context.Context, c *s3.Client, b *string) (any, error) {
		return c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: b})
	}
	putLock := func(ctx context.Context, c *s3.Client, b *string) (any, error) {
		return c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: b, ObjectLockConfiguration: abacLock})
	}
	lockIs := Want{Fields: map[string]any{"ObjectLockConfiguration.ObjectLockEnabled": "Enabled",
		"ObjectLockConfiguration.Rule.DefaultRetention.Mode": "GOVERNANCE", "ObjectLockConfiguration.Rule.DefaultRetention.Days": 1}}
	return []abacRow{
		{op: "GetBucketOwnershipControls", test: "get_bucket_ownership_controls", bucket: pabOff, doc: onBucket("s3:GetBucketOwnershipControls"),
			more: argminSteps(policyStep(ownership)), call: abacBucketAlt(getOwnership), allowed: preferred},
		{op: "PutBucketOwnershipControls", test: "put_bucket_ownership_controls", bucket: pabOff, doc: onBucket("s3:PutBucketOwnershipControls"),
			call: abacBucketAlt(putOwnership), readBack: abacBucketOwner(getOwnership), readWant: preferred},
		{op: "GetBucketEncryption", test: "get_bucket_encryption", bucket: pabOff, doc: onBucket("s3:GetEncryptionConfiguration"),
			more: argminSteps(policyStep(abacBucketOwner(putEnc))), call: abacBucketAlt(getEnc), allowed: encBlockedIs("SSE-C")},
		{op: "PutBucketEncryption", test: "put_bucket_encryption", bucket: pabOff, doc: onBucket("s3:PutEncryptionConfiguration"),
			call: abacBucketAlt(putEnc), readBack: abacBucketOwner(getEnc), readWant: encBlockedIs("SSE-C")},
		{op: "GetBucketLocation", test: "get_bucket_location", bucket: pabOff, doc: onBucket("s3:GetBucketLocation"),
			call: abacBucketAlt(func(ctx context.Context, c *s3.Client, b *string) (any, error) {
				return c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: b})
			}), allowed: Want{Fields: map[string]any{"LocationConstraint": Absent}}},
		{op: "GetBucketCors", test: "get_bucket_cors", bucket: pabOff, doc: onBucket("s3:GetBucketCors"),
			more: argminSteps(policyStep(abacBucketOwner(putCORS))), call: abacBucketAlt(getCORS), allowed: oneRule},
		{op: "PutBucketCors", test: "put_bucket_cors", bucket: pabOff, doc: onBucket("s3:PutBucketCors"),
			call: abacBucketAlt(putCORS), readBack: abacBucketOwner(getCORS), readWant: oneRule},
		{op: "GetPublicAccessBlock", test: "get_bucket_public_access_block", bucket: pabOff, doc: onBucket("s3:GetBucketPublicAccessBlock"),
			more: argminSteps(policyStep(abacBucketOwner(putPAB))), call: abacBucketAlt(getPAB), allowed: blocksACLs},
		{op: "PutPublicAccessBlock", test: "put_bucket_public_access_block", bucket: pabOff, doc: onBucket("s3:PutBucketPublicAccessBlock"),
			call: abacBucketAlt(putPAB), readBack: abacBucketOwner(getPAB), readWant: blocksACLs},
		{op: "GetObjectLockConfiguration", test: "get_bucket_object_lock_configuration", bucket: lockBucket,
			pre: argminSteps(policyStep(abacBucketOwner(putLock))), doc: onBucket("s3:GetBucketObjectLockConfiguration"),
			call: abacBucketAlt(getLock), allowed: lockIs},
		{op: "PutObjectLockConfiguration", test: "put_bucket_object_lock_configuration", bucket: lockBucket, doc: onBucket("s3:PutBucketObjectLockConfiguration"),
			call: abacBucketAlt(putLock), readBack: abacBucketOwner(getLock), readWant: lockIs},
	}
}

func TestArgminPolicyBucketTagConfigs(t *testing.T) {
	Run(t, abacCases(abacBucketRows()))
}

func TestArgminPolicyBucketTagHeadBucket(t *testing.T) {
	both := abacPolicy(abacStatement("s3:ListBucket", argminBucketARN), abacStatement("s3:GetBucketLocation", argminBucketARN))
	head := abacBucketAlt(func(ctx context.Context, c *s3.Client, b *string) (any, error) {
		return c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: b})
	})
	cases := abacCases([]abacRow{
		{op: "HeadBucket/ListBucket and GetBucketLocation on the tag", test: "test_bucket_policy_head_bucket_bucket_tag_conditions_with_list_and_location_when_abac_enabled",
			bucket: argminBucket(true, ""), doc: both, call: head, allowed: Want{Fields: map[string]any{"BucketRegion": "us-east-1"}}, denied: abacHeadDenied},
	})
	src := argmin("bucket_policy_abac.rs", "test_bucket_policy_head_bucket_bucket_tag_condition_with_location_only_when_abac_enabled")
	Run(t, append(cases, argminCase("HeadBucket/GetBucketLocation alone on the tag", src,
		argminSteps(argminBucket(true, ""), policyBucketTags("security", "public"), policyABAC, argminPolicy(abacAllow("s3:GetBucketLocation", argminBucketARN))),
		head, abacHeadDenied)))
}

// abacObj is the object the object-level tests act on.
const abacObj = "bucket-tag-obj"

func abacObjAlt(f func(ctx context.Context, c *s3.Client, b, k *string) (any, error)) argminCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return f(ctx, alt(w), aws.String(argminBkt), aws.String(abacObj))
	}
}

func abacObjOwner(f func(ctx context.Context, c *s3.Client, b, k *string) (any, error)) argminCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return f(ctx, root(w), aws.String(argminBkt), aws.String(abacObj))
	}
}

// abacObjTags tags abacObj key=value as the owner.
func abacObjTags(key, value string) argminStep {
	return policyStep(abacObjOwner(func(ctx context.Context, c *s3.Client, b, k *string) (any, error) {
		return c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: b, Key: k, Tagging: abacTagging(key, value)})
	}))
}

func abacTagging(key, value string) *types.Tagging {
	return &types.Tagging{TagSet: []types.Tag{{Key: aws.String(key), Value: aws.String(value)}}}
}

// abacMultipart is the alternate account's upload of one part to key in
// bucket, completed when complete is set.
func abacMultipart(bucket, key string, complete bool) argminCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		c, b, k := alt(w), aws.String(bucket), aws.String(key)
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
		if err != nil {
			return up, err
		}
		part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: aws.Int32(1),
			Body: strings.NewReader("bucket-tag-part")})
		if err != nil || !complete {
			return part, err
		}
		return c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: part.ETag}}}})
	}
}

// abacObjectRows are the object calls on an unversioned bucket.
func abacObjectRows() []abacRow {
	onObjects := func(action string) string { return abacAllow(action, argminObjectsARN) }
	withObj := argminSteps(argminPut(abacObj, "bucket-tag-body", ""))
	getTags := func(ctx context.Context, c *s3.Client, b, k *string) (any, error) {
		return c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: b, Key: k})
	}
	tagIs := func(k, v string) Want {
		return Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": k, "TagSet[0].Value": v}}
	}
	readAlt := policyGrantHeader{"x-amz-grant-read", argminAlt, `id="%s"`}
	return []abacRow{
		{op: "HeadObject", test: "head_object", pre: withObj, doc: onObjects("s3:GetObject"),
			call: abacObjAlt(func(ctx context.Context, c *s3.Client, b, k *string) (any, error) {
				return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: k})
			}), allowed: Want{Fields: map[string]any{"ContentLength": 15}}, denied: abacHeadDenied},
		{op: "GetObjectAttributes", test: "get_object_attributes", pre: withObj,
			doc: abacPolicy(abacStatement("s3:GetObject", argminObjectsARN),
				`{"Effect":"Allow","Principal":`+argminAltRoot+`,"Action":"s3:GetObjectAttributes","Resource":"`+argminObjectsARN+`"}`),
			call: abacObjAlt(func(ctx context.Context, c *s3.Client, b, k *string) (any, error) {
				return c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: b, Key: k, ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesObjectSize}})
			}), allowed: Want{Fields: map[string]any{"ObjectSize": 15}}},
		{op: "CreateMultipartUpload", test: "create_multipart_upload", doc: onObjects("s3:PutObject"),
			call: abacObjAlt(func(ctx context.Context, c *s3.Client, b, k *string) (any, error) {
				return c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
			}), allowed: Want{Fields: map[string]any{"UploadId": Present}}},
		{op: "UploadPart", test: "upload_part", doc: onObjects("s3:PutObject"), publicOnly: true,
			call: abacMultipart(argminBkt, abacObj, false), allowed: Want{Fields: map[string]any{"ETag": Present}}},
		{op: "CompleteMultipartUpload", test: "complete_multipart_upload", doc: onObjects("s3:PutObject"), publicOnly: true,
			call: abacMultipart(argminBkt, abacObj, true), allowed: Want{},
			readBack: argminGet(rootClient, abacObj), readWant: Want{Fields: map[string]any{"Body": "bucket-tag-part"}}},
		{op: "GetObjectTagging", test: "get_object_tagging", pre: append(withObj, abacObjTags("object", "public")), doc: onObjects("s3:GetObjectTagging"),
			call: abacObjAlt(getTags), allowed: tagIs("object", "public")},
		{op: "PutObjectTagging", test: "put_object_tagging", pre: withObj, doc: onObjects("s3:PutObjectTagging"),
			call: abacObjAlt(func(ctx context.Context, c *s3.Client, b, k *string) (any, error) {
				return c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: b, Key: k, Tagging: abacTagging("updated", "public")})
			}), readBack: abacObjOwner(getTags), readWant: tagIs("updated", "public")},
		{op: "GetObjectAcl", test: "get_object_acl", pre: withObj, doc: onObjects("s3:GetObjectAcl"),
			call: abacObjAlt(func(ctx context.Context, c *s3.Client, b, k *string) (any, error) {
				return c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: b, Key: k})
			}), allowed: Want{Fields: map[string]any{"Owner": Present}}},
		{op: "PutObjectAcl", test: "put_object_acl", bucket: argminBucket(false, types.ObjectOwnershipObjectWriter), pre: withObj,
			doc: onObjects("s3:PutObjectAcl"), call: policyWrite(altClient, abacObj, "", true, readAlt),
			readBack: policyHasGrant(abacObj, argminAlt, types.PermissionRead), readWant: Want{Fields: map[string]any{"OwnerGrant": true}}},
		{op: "DeleteObject", test: "delete_object", pre: withObj, doc: onObjects("s3:DeleteObject"),
			call: abacObjAlt(func(ctx context.Context, c *s3.Client, b, k *string) (any, error) {
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: k})
			}), allowed: Want{Status: http.StatusNoContent},
			readBack: argminGet(rootClient, abacObj), readWant: Want{Status: http.StatusNotFound, Code: "NoSuchKey"}},
	}
}

func TestArgminPolicyBucketTagObjects(t *testing.T) {
	Run(t, abacCases(abacObjectRows()))
}

// abacAltSource is the alternate account's bucket with key "source", the
// destination tests' copy source.
func abacAltSource(ctx context.Context, w *World, u *argminUsers) error {
	if err := argminAltBucketStep(ctx, w, u); err != nil {
		return err
	}
	_, err := alt(w).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminAltBucket), Key: aws.String("source"), Body: strings.NewReader("copy-body")})
	return err
}

// abacCopy is the alternate account's CopyObject (part false) or
// UploadPartCopy of source into key of bucket; a part is completed when
// complete is set.
func abacCopy(bucket, key, source string, part, complete bool) argminCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		c, b, k := alt(w), aws.String(bucket), aws.String(key)
		if !part {
			return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: b, Key: k, CopySource: aws.String(source)})
		}
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
		if err != nil {
			return up, err
		}
		cp, err := c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: aws.Int32(1), CopySource: aws.String(source)})
		if err != nil || !complete {
			return cp, err
		}
		return c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: cp.CopyPartResult.ETag}}}})
	}
}

func TestArgminPolicyBucketTagCopies(t *testing.T) {
	source := argminSteps(argminPut("source", "public-source", ""))
	fromTagged := argminBkt + "/source"
	fromAlt := argminAltBucket + "/source"
	readSource := abacAllow("s3:GetObject", argminObjectsARN)
	write := abacAllow("s3:PutObject", argminObjectsARN)
	Run(t, abacCases([]abacRow{
		{op: "CopyObject/from the tagged bucket", test: "copy_object_source", pre: source, doc: readSource, more: argminSteps(argminAltBucketStep),
			call: abacCopy(argminAltBucket, "copied", fromTagged, false, false), allowed: Want{Fields: map[string]any{"CopyObjectResult.ETag": Present}}},
		{op: "UploadPartCopy/from the tagged bucket", test: "upload_part_copy_source", pre: source, doc: readSource, more: argminSteps(argminAltBucketStep),
			call: abacCopy(argminAltBucket, "copied", fromTagged, true, false), allowed: Want{Fields: map[string]any{"CopyPartResult.ETag": Present}}},
		{op: "UploadPartCopy/from the tagged bucket, completed", test: "upload_part_copy_source", pre: source, doc: readSource,
			more: argminSteps(argminAltBucketStep), publicOnly: true, call: abacCopy(argminAltBucket, "copied", fromTagged, true, true), allowed: Want{},
			readBack: func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				return alt(w).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminAltBucket), Key: aws.String("copied")})
			}, readWant: Want{Fields: map[string]any{"ContentLength": len("public-source")}}},
		{op: "CopyObject/into the tagged bucket", test: "copy_object_destination", doc: write, more: argminSteps(abacAltSource),
			call: abacCopy(argminBkt, "copied", fromAlt, false, false), allowed: Want{Fields: map[string]any{"CopyObjectResult.ETag": Present}}},
		{op: "UploadPartCopy/into the tagged bucket", test: "upload_part_copy_destination", doc: write, more: argminSteps(abacAltSource), publicOnly: true,
			call: abacCopy(argminBkt, "copied", fromAlt, true, true), allowed: Want{}},
	}))
}

// abacVersioned makes argminBkt versioned (PAB off) with abacObj written,
// ownership set when not "".
func abacVersioned(ownership types.ObjectOwnership) (argminStep, []argminStep) {
	versioning := policyStep(abacBucketOwner(func(ctx context.Context, c *s3.Client, b *string) (any, error) {
		return c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b,
			VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	}))
	return argminBucket(true, ownership), argminSteps(versioning, argminPut(abacObj, "body", ""))
}

// abacOnVersion calls f as the alternate account on abacObj's current
// version; abacOnVersionOwner as the owner's root.
func abacOnVersion(f func(ctx context.Context, c *s3.Client, b, k, v *string) (any, error)) argminCall {
	return objOnVersion(altClient, abacObj, func(ctx context.Context, c *s3.Client, v *string) (any, error) {
		return f(ctx, c, aws.String(argminBkt), aws.String(abacObj), v)
	})
}

func abacOnVersionOwner(f func(ctx context.Context, c *s3.Client, b, k, v *string) (any, error)) argminCall {
	return objOnVersion(rootClient, abacObj, func(ctx context.Context, c *s3.Client, v *string) (any, error) {
		return f(ctx, c, aws.String(argminBkt), aws.String(abacObj), v)
	})
}

func TestArgminPolicyBucketTagVersions(t *testing.T) {
	onObjects := func(action string) string { return abacAllow(action, argminObjectsARN) }
	bucket, pre := abacVersioned("")
	writer, writerPre := abacVersioned(types.ObjectOwnershipObjectWriter)
	tagged := append(append(argminSteps(), pre...), policyStep(abacOnVersionOwner(func(ctx context.Context, c *s3.Client, b, k, v *string) (any, error) {
		return c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: b, Key: k, VersionId: v, Tagging: abacTagging("color", "blue")})
	})))
	ownerTags := abacOnVersionOwner(func(ctx context.Context, c *s3.Client, b, k, v *string) (any, error) {
		return c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: b, Key: k, VersionId: v})
	})
	blue := Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "color", "TagSet[0].Value": "blue"}}
	noTags := Want{Fields: map[string]any{"TagSet": Len(0)}}
	readAlt := policyGrantHeader{"x-amz-grant-read", argminAlt, `id="%s"`}
	Run(t, abacCases([]abacRow{
		{op: "GetObjectAcl of a version", test: "get_object_version_acl", bucket: bucket, pre: pre, doc: onObjects("s3:GetObjectVersionAcl"),
			call: abacOnVersion(func(ctx context.Context, c *s3.Client, b, k, v *string) (any, error) {
				return c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: b, Key: k, VersionId: v})
			}), allowed: Want{Fields: map[string]any{"Owner": Present}}},
		{op: "PutObjectAcl of a version", test: "put_object_version_acl", bucket: writer, pre: writerPre, doc: onObjects("s3:PutObjectVersionAcl"),
			call: func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				opts, err := readAlt.option(ctx, w)
				if err != nil {
					return nil, err
				}
				return abacOnVersion(func(ctx context.Context, c *s3.Client, b, k, v *string) (any, error) {
					return c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: b, Key: k, VersionId: v}, opts...)
				})(ctx, w, u)
			}},
		{op: "GetObjectTagging of a version", test: "get_object_version_tagging", bucket: bucket, pre: tagged, doc: onObjects("s3:GetObjectVersionTagging"),
			call: abacOnVersion(func(ctx context.Context, c *s3.Client, b, k, v *string) (any, error) {
				return c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: b, Key: k, VersionId: v})
			}), allowed: blue},
		{op: "PutObjectTagging of a version", test: "put_object_version_tagging", bucket: bucket, pre: pre, doc: onObjects("s3:PutObjectVersionTagging"),
			call: abacOnVersion(func(ctx context.Context, c *s3.Client, b, k, v *string) (any, error) {
				return c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: b, Key: k, VersionId: v, Tagging: abacTagging("color", "blue")})
			}), readBack: ownerTags, readWant: blue},
		{op: "DeleteObject of a version", test: "delete_object_version", bucket: bucket, pre: pre, doc: onObjects("s3:DeleteObjectVersion"),
			call: abacOnVersion(func(ctx context.Context, c *s3.Client, b, k, v *string) (any, error) {
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: k, VersionId: v})
			}), allowed: Want{Status: http.StatusNoContent}},
		{op: "DeleteObjectTagging", test: "delete_object_tagging", bucket: bucket, pre: tagged, doc: onObjects("s3:DeleteObjectTagging"),
			call: abacObjAlt(func(ctx context.Context, c *s3.Client, b, k *string) (any, error) {
				return c.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: b, Key: k})
			}), allowed: Want{Status: http.StatusNoContent}, readBack: ownerTags, readWant: noTags},
		{op: "DeleteObjectTagging of a version", test: "delete_object_version_tagging", bucket: bucket, pre: tagged, doc: onObjects("s3:DeleteObjectVersionTagging"),
			call: abacOnVersion(func(ctx context.Context, c *s3.Client, b, k, v *string) (any, error) {
				return c.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: b, Key: k, VersionId: v})
			}), allowed: Want{Status: http.StatusNoContent}, readBack: ownerTags, readWant: noTags},
	}))
}

// TestArgminPolicyBucketTagReadBacks: the owner's reads after the
// alternate account's allowed writes of argmin_policy_abac_test.go's
// TestArgminPolicyBucketTagActions.
func TestArgminPolicyBucketTagReadBacks(t *testing.T) {
	lifecycle := &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{{ID: aws.String("expire-current"),
		Filter: &types.LifecycleRuleFilter{Prefix: aws.String("archive/")}, Status: types.ExpirationStatusEnabled,
		Expiration: &types.LifecycleExpiration{Days: aws.Int32(14)}}}}
	Run(t, abacCases([]abacRow{
		{op: "PutBucketVersioning", test: "put_bucket_versioning", bucket: argminBucket(true, ""), doc: abacAllow("s3:PutBucketVersioning", argminBucketARN), publicOnly: true,
			call: abacBucketAlt(func(ctx context.Context, c *s3.Client, b *string) (any, error) {
				return c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b,
					VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
			}),
			readBack: abacBucketOwner(func(ctx context.Context, c *s3.Client, b *string) (any, error) {
				return c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: b})
			}), readWant: Want{Fields: map[string]any{"Status": "Enabled"}}},
		{op: "PutBucketLifecycleConfiguration", test: "put_bucket_lifecycle", bucket: argminBucket(true, ""), doc: abacAllow("s3:PutLifecycleConfiguration", argminBucketARN),
			publicOnly: true, call: abacBucketAlt(func(ctx context.Context, c *s3.Client, b *string) (any, error) {
				return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: b, LifecycleConfiguration: lifecycle})
			}),
			readBack: abacBucketOwner(func(ctx context.Context, c *s3.Client, b *string) (any, error) {
				return c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: b})
			}), readWant: Want{Fields: map[string]any{"Rules": Len(1), "Rules[0].Filter.Prefix": "archive/"}}},
	}))
}
