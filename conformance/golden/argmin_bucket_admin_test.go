package golden

import (
	"context"
	"net/http"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's bucket_admin_root.rs (its ABAC test is
// TestArgminBucketAbacAdmin): the account's root and its IAM user each
// manage the configurations of a bucket the other made, and see the
// same bucket list; and S3 Control TagResource / UntagResource of a
// bucket with ABAC enabled.

// admClient is the root (true) or the IAM user.
func admClient(rootSide bool) func(w *World, u *argminUsers) *s3.Client {
	if rootSide {
		return rootClient
	}
	return primary
}

// admBucket makes argminBkt as the root (rootSide) or the IAM user.
func admBucket(rootSide bool, in s3.CreateBucketInput) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		in := in // each case its own copy: set-ups run in parallel
		in.Bucket = aws.String(argminBkt)
		_, err := admClient(rootSide)(w, u).CreateBucket(ctx, &in)
		return err
	}
}

// admOp is one call on argminBkt by c.
type admOp func(ctx context.Context, c *s3.Client) (any, error)

func admCall(c func(w *World, u *argminUsers) *s3.Client, op admOp) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) { return op(ctx, c(w, u)) }
}

func admStep(c func(w *World, u *argminUsers) *s3.Client, op admOp) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		_, err := op(ctx, c(w, u))
		return err
	}
}

// admListed tells whether ListBuckets names both buckets.
type admListed struct{ First, Second bool }

func TestArgminBucketAdminRoot(t *testing.T) {
	src := func(test string) string { return argmin("bucket_admin_root.rs", test) }
	b := aws.String(argminBkt)
	const second = argminBkt + "-second"
	type config struct {
		test, what string
		create     s3.CreateBucketInput
		put        admOp
		get        admOp
		got        Want
		del        admOp // nil: the test deletes nothing
		gone       string
	}
	configs := []config{
		{"test_same_account_root_and_non_root_bucket_acl_admin", "BucketAcl", s3.CreateBucketInput{ObjectOwnership: types.ObjectOwnershipObjectWriter},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPrivate})
			}, func(ctx context.Context, c *s3.Client) (any, error) {
				return c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: b})
			}, Want{Fields: map[string]any{"Owner.ID": Present}}, nil, ""},
		{"test_same_account_root_and_non_root_bucket_ownership_controls_admin", "BucketOwnershipControls", s3.CreateBucketInput{},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b, OwnershipControls: &types.OwnershipControls{
					Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerPreferred}}}})
			}, func(ctx context.Context, c *s3.Client) (any, error) {
				return c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b})
			}, Want{Fields: map[string]any{"OwnershipControls.Rules[0].ObjectOwnership": "BucketOwnerPreferred"}},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: b})
			}, "OwnershipControlsNotFoundError"},
		{"test_same_account_root_and_non_root_public_access_block_admin", "PublicAccessBlock", s3.CreateBucketInput{},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: b, PublicAccessBlockConfiguration: &types.PublicAccessBlockConfiguration{
					BlockPublicAcls: aws.Bool(true), IgnorePublicAcls: aws.Bool(true), BlockPublicPolicy: aws.Bool(true), RestrictPublicBuckets: aws.Bool(false)}})
			}, func(ctx context.Context, c *s3.Client) (any, error) {
				return c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b})
			}, Want{Fields: map[string]any{"PublicAccessBlockConfiguration.BlockPublicAcls": true}},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b})
			}, "NoSuchPublicAccessBlockConfiguration"},
		{"test_same_account_root_and_non_root_bucket_versioning_admin", "BucketVersioning", s3.CreateBucketInput{},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b,
					VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
			}, func(ctx context.Context, c *s3.Client) (any, error) {
				return c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: b})
			}, Want{Fields: map[string]any{"Status": "Enabled"}}, nil, ""},
		{"test_same_account_root_and_non_root_bucket_tagging_admin", "BucketTagging", s3.CreateBucketInput{},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b,
					Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("env"), Value: aws.String("root-admin")}}}})
			}, func(ctx context.Context, c *s3.Client) (any, error) {
				return c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b})
			}, Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "env", "TagSet[0].Value": "root-admin"}},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.DeleteBucketTagging(ctx, &s3.DeleteBucketTaggingInput{Bucket: b})
			}, "NoSuchTagSet"},
		{"test_same_account_root_and_non_root_bucket_cors_admin", "BucketCors", s3.CreateBucketInput{},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: b, CORSConfiguration: &types.CORSConfiguration{CORSRules: []types.CORSRule{{
					AllowedOrigins: []string{"https://example.com"}, AllowedMethods: []string{"GET"}, AllowedHeaders: []string{"*"}}}}})
			}, func(ctx context.Context, c *s3.Client) (any, error) {
				return c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: b})
			}, Want{Fields: map[string]any{"CORSRules": Len(1), "CORSRules[0].AllowedOrigins": []string{"https://example.com"}}},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.DeleteBucketCors(ctx, &s3.DeleteBucketCorsInput{Bucket: b})
			}, "NoSuchCORSConfiguration"},
		{"test_same_account_root_and_non_root_bucket_lifecycle_admin", "BucketLifecycleConfiguration", s3.CreateBucketInput{},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: b,
					LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{{ID: aws.String("expire-logs"),
						Filter: &types.LifecycleRuleFilter{Prefix: aws.String("logs/")}, Status: types.ExpirationStatusEnabled,
						Expiration: &types.LifecycleExpiration{Days: aws.Int32(30)}}}}})
			}, func(ctx context.Context, c *s3.Client) (any, error) {
				return c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: b})
			}, Want{Fields: map[string]any{"Rules": Len(1), "Rules[0].ID": "expire-logs"}},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.DeleteBucketLifecycle(ctx, &s3.DeleteBucketLifecycleInput{Bucket: b})
			}, "NoSuchLifecycleConfiguration"},
		{"test_same_account_root_and_non_root_bucket_encryption_admin", "BucketEncryption", s3.CreateBucketInput{},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b, ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{
					Rules: []types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256}}}}})
			}, func(ctx context.Context, c *s3.Client) (any, error) {
				return c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b})
			}, Want{Fields: map[string]any{"ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm": "AES256"}},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.DeleteBucketEncryption(ctx, &s3.DeleteBucketEncryptionInput{Bucket: b})
			}, ""},
		{"test_same_account_root_and_non_root_object_lock_configuration_admin", "ObjectLockConfiguration", s3.CreateBucketInput{ObjectLockEnabledForBucket: aws.Bool(true)},
			func(ctx context.Context, c *s3.Client) (any, error) {
				return c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: b, ObjectLockConfiguration: &types.ObjectLockConfiguration{
					ObjectLockEnabled: types.ObjectLockEnabledEnabled, Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{
						Mode: types.ObjectLockRetentionModeGovernance, Days: aws.Int32(1)}}}})
			}, func(ctx context.Context, c *s3.Client) (any, error) {
				return c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: b})
			}, Want{Fields: map[string]any{"ObjectLockConfiguration.ObjectLockEnabled": "Enabled",
				"ObjectLockConfiguration.Rule.DefaultRetention.Mode": "GOVERNANCE", "ObjectLockConfiguration.Rule.DefaultRetention.Days": 1}}, nil, ""},
	}
	var cases []Case
	for _, cf := range configs {
		for _, makerRoot := range []bool{true, false} {
			admin, dir := admClient(!makerRoot), "the IAM user, of the root's bucket"
			if !makerRoot {
				dir = "the root, of its IAM user's bucket"
			}
			made := argminSteps(admBucket(makerRoot, cf.create))
			put := append(made[:len(made):len(made)], admStep(admin, cf.put))
			putWant := Want{}
			if cf.what == "BucketTagging" {
				putWant.Status = http.StatusNoContent // as AWS documents
			}
			cases = append(cases,
				argminCase("Put"+cf.what+"/"+dir, src(cf.test), made, admCall(admin, cf.put), putWant),
				argminCase("Get"+cf.what+"/"+dir, src(cf.test), put, admCall(admin, cf.get), cf.got))
			if cf.del != nil {
				deleted := append(put[:len(put):len(put)], admStep(admin, cf.del))
				cases = append(cases, argminCase("Delete"+cf.what+"/"+dir, src(cf.test), put, admCall(admin, cf.del), Want{Status: http.StatusNoContent}))
				if cf.gone != "" {
					cases = append(cases, argminCase("Get"+cf.what+"/"+dir+", once deleted", src(cf.test), deleted, admCall(admin, cf.get),
						Want{Status: http.StatusNotFound, Code: cf.gone}))
				}
			}
		}
	}
	makeSecond := func(ctx context.Context, w *World, u *argminUsers) error {
		_, err := primary(w, u).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(second)})
		return err
	}
	listed := func(c func(w *World, u *argminUsers) *s3.Client) argminCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			out, err := c(w, u).ListBuckets(ctx, &s3.ListBucketsInput{})
			if err != nil {
				return out, err
			}
			var got admListed
			for _, bk := range out.Buckets {
				got.First = got.First || aws.ToString(bk.Name) == argminBkt
				got.Second = got.Second || aws.ToString(bk.Name) == second
			}
			return got, nil
		}
	}
	both := Want{Fields: map[string]any{"First": true, "Second": true}}
	vis := src("test_same_account_root_and_non_root_list_buckets_share_visibility")
	del := src("test_same_account_root_and_non_root_delete_bucket")
	deleteBucket := func(c func(w *World, u *argminUsers) *s3.Client) argminCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return c(w, u).DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b})
		}
	}
	tagRes := src("test_bucket_abac_tag_resource_and_untag_resource")
	userCreds := func(_ *World, u *argminUsers) aws.Credentials { return u.primary }
	abac := argminSteps(admBucket(false, s3.CreateBucketInput{}), admStep(primary, func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b, Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("env"), Value: aws.String("root-admin")}}}})
	}), admStep(primary, func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutBucketAbac(ctx, &s3.PutBucketAbacInput{Bucket: b, AbacStatus: &types.AbacStatus{Status: types.BucketAbacStatusEnabled}})
	}))
	tag := policyControlTags(userCreds, http.MethodPost, "", tagResourceBody("security", "public"))
	untag := policyControlTags(userCreds, http.MethodDelete, "tagKeys=env", "")
	tagged := append(abac[:len(abac):len(abac)], policyStep(tag))
	untagged := append(tagged[:len(tagged):len(tagged)], policyStep(untag))
	getTags := admCall(primary, func(ctx context.Context, c *s3.Client) (any, error) {
		out, err := c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b})
		if err != nil {
			return out, err
		}
		var tags []string
		for _, tg := range out.TagSet {
			tags = append(tags, aws.ToString(tg.Key)+"="+aws.ToString(tg.Value))
		}
		sort.Strings(tags)
		return struct{ Tags []string }{tags}, nil
	})
	cases = append(cases,
		argminCase("ListBuckets/the root sees its and its IAM user's buckets", vis, argminSteps(admBucket(true, s3.CreateBucketInput{}), makeSecond), listed(rootClient), both),
		argminCase("ListBuckets/the IAM user sees its and the root's buckets", vis, argminSteps(admBucket(true, s3.CreateBucketInput{}), makeSecond), listed(primary), both),
		argminCase("DeleteBucket/the IAM user, the root's bucket", del, argminSteps(admBucket(true, s3.CreateBucketInput{})), deleteBucket(primary),
			Want{Status: http.StatusNoContent}),
		argminCase("DeleteBucket/the root, its IAM user's bucket", del, argminSteps(admBucket(false, s3.CreateBucketInput{})), deleteBucket(rootClient),
			Want{Status: http.StatusNoContent}),
		argminCase("TagResource/a bucket with ABAC enabled", tagRes, abac, tag, Want{Status: http.StatusNoContent}),
		argminCase("GetBucketTagging/after TagResource", tagRes, tagged, getTags,
			Want{Fields: map[string]any{"Tags": []string{"env=root-admin", "security=public"}}}),
		argminCase("UntagResource/a bucket with ABAC enabled", tagRes, tagged, untag, Want{Status: http.StatusNoContent}),
		argminCase("GetBucketTagging/after UntagResource", tagRes, untagged, getTags,
			Want{Fields: map[string]any{"Tags": []string{"security=public"}}}),
	)
	Run(t, cases)
}
