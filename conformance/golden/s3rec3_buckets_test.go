package golden

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func TestS3RecordedConfigurationAnswers(t *testing.T) {
	policy := func(ctx context.Context, c *s3.Client) error {
		_, err := putOwnerPolicy(ctx, c, opsBucket)
		return err
	}
	delPolicy := func(ctx context.Context, c *s3.Client) error {
		_, err := c.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(opsBucket)})
		return err
	}
	crud := "TestS3BucketPolicy::test_bucket_policy_crud"
	Run(t, []Case{
		s3Fails("GetBucketPolicy/after DeleteBucketPolicy", localstack(moreAPI, crud, "get-bucket-policy-after-delete", "2026-02-21"),
			s3Steps(policy, delPolicy), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b)})
			}, 404, "NoSuchBucketPolicy", "The bucket policy does not exist"),
		noContent(s3OK("DeleteBucketPolicy/after DeleteBucketPolicy", localstack(moreAPI, crud, "delete-bucket-policy-after-delete", "2026-02-21"),
			s3Steps(policy, delPolicy), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(b)})
			}, nil)),
		{Name: "GetObjectLockConfiguration/no such bucket", Source: localstack(moreAPI, "TestS3ObjectLock::test_get_object_lock_configuration_exc", "get-lock-config-bucket-not-exists", "2026-02-21"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3(Root(owner)).GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String("non-existing-bucket-golden")})
			},
			Want: Want{Status: 404, Code: "NoSuchBucket", Message: msgNoBucket}},
		noContent(s3OK("DeletePublicAccessBlock/when none is set", localstack(moreAPI, "TestS3PublicAccessBlock::test_crud_public_access_block", "idempotent-delete-public-access-block", "2026-02-21"),
			s3Steps(run(s3Ops["DeletePublicAccessBlock"])), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(b)})
			}, nil)),
	})
}

func TestS3RecordedAccelerateAndListBuckets(t *testing.T) {
	const acc = "TestS3BucketAccelerateConfiguration::test_bucket_acceleration_configuration_crud"
	accelerate := func(status types.BucketAccelerateStatus) s3Setup {
		return run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketAccelerateConfiguration(ctx, &s3.PutBucketAccelerateConfigurationInput{Bucket: aws.String(b),
				AccelerateConfiguration: &types.AccelerateConfiguration{Status: status}})
		})
	}
	getAccelerate := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetBucketAccelerateConfiguration(ctx, &s3.GetBucketAccelerateConfigurationInput{Bucket: aws.String(b)})
	}
	const lb = "TestS3ListBuckets::"
	const name = "test-bucket-golden1"
	twoBuckets := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		bucket(ctx, t, w, name)
		bucket(ctx, t, w, "ignored-bucket-golden1")
	}
	listBuckets := func(region string, in *s3.ListBucketsInput) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return s3.NewFromConfig(w.ConfigIn(region, Root(owner)), func(o *s3.Options) { o.UsePathStyle = true }).ListBuckets(ctx, in)
		}
	}
	oneBucket := func(region string, prefix any) map[string]any {
		return map[string]any{"Buckets": Len(1), "Buckets[0].Name": name, "Buckets[0].BucketRegion": region,
			"Buckets[0].BucketArn": "arn:aws:s3:::" + name, "Prefix": prefix, "Owner.ID": Present, "ContinuationToken": Absent}
	}
	Run(t, []Case{
		s3OK("GetBucketAccelerateConfiguration/Enabled", localstack(moreAPI, acc, "get-bucket-accelerate-config-enabled", "2026-02-21"),
			s3Steps(accelerate(types.BucketAccelerateStatusEnabled)), getAccelerate, map[string]any{"Status": "Enabled"}),
		s3OK("PutBucketAccelerateConfiguration/Suspended", localstack(moreAPI, acc, "put-bucket-accelerate-config-disabled", "2026-02-21"),
			s3Steps(accelerate(types.BucketAccelerateStatusEnabled)), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketAccelerateConfiguration(ctx, &s3.PutBucketAccelerateConfigurationInput{Bucket: aws.String(b),
					AccelerateConfiguration: &types.AccelerateConfiguration{Status: types.BucketAccelerateStatusSuspended}})
			}, nil),
		s3OK("GetBucketAccelerateConfiguration/Suspended", localstack(moreAPI, acc, "get-bucket-accelerate-config-disabled", "2026-02-21"),
			s3Steps(accelerate(types.BucketAccelerateStatusEnabled), accelerate(types.BucketAccelerateStatusSuspended)), getAccelerate,
			map[string]any{"Status": "Suspended"}),
		{Name: "ListBuckets/prefix in another case", Source: localstack(moreList, lb+"test_list_buckets_by_prefix_with_case_sensitivity", "list-objects-by-prefix-empty", "2026-02-21"),
			Setup: twoBuckets, Call: listBuckets("us-east-1", &s3.ListBucketsInput{Prefix: aws.String(strings.ToUpper(name))}),
			Want: Want{Fields: map[string]any{"Buckets": Len(0), "Prefix": strings.ToUpper(name), "Owner.ID": Present, "ContinuationToken": Absent}}},
		{Name: "ListBuckets/prefix", Source: localstack(moreList, lb+"test_list_buckets_by_prefix_with_case_sensitivity", "list-objects-by-prefix-not-empty", "2026-02-21"),
			Setup: twoBuckets, Call: listBuckets("us-east-1", &s3.ListBucketsInput{Prefix: aws.String(name)}),
			Want: Want{Fields: oneBucket("us-east-1", name)}},
		{Name: "ListBuckets/max-buckets 1", Source: localstack(moreList, lb+"test_list_buckets_with_max_buckets", "list-objects-with-max-buckets", "2026-02-21"),
			Setup: twoBuckets, Call: listBuckets("us-east-1", &s3.ListBucketsInput{MaxBuckets: aws.Int32(1)}),
			Want: Want{Fields: map[string]any{"Buckets": Len(1), "ContinuationToken": Present, "Prefix": Absent, "Owner.ID": Present}}},
		{Name: "ListBuckets/empty continuation token", Source: localstack(moreList, lb+"test_list_buckets_when_continuation_token_is_empty", "list-objects-with-empty-continuation-token", "2026-02-21"),
			Setup: twoBuckets, Call: listBuckets("us-east-1", &s3.ListBucketsInput{MaxBuckets: aws.Int32(1), ContinuationToken: aws.String("")}),
			Want: Want{Fields: map[string]any{"Buckets": Len(1), "ContinuationToken": Present, "Prefix": Absent, "Owner.ID": Present}}},
		{Name: "ListBuckets/bucket-region without a bucket there", Source: localstack(moreList, lb+"test_list_buckets_by_bucket_region", "list-objects-by-bucket-region-empty", "2026-02-21"),
			Setup: westBucket(name), Call: listBuckets("eu-central-1", &s3.ListBucketsInput{BucketRegion: aws.String("eu-central-1"), Prefix: aws.String(name)}),
			Want: Want{Fields: map[string]any{"Buckets": Len(0), "Prefix": name, "Owner.ID": Present}}},
		{Name: "ListBuckets/bucket-region", Source: localstack(moreList, lb+"test_list_buckets_by_bucket_region", "list-objects-by-bucket-region-not-empty", "2026-02-21"),
			Setup: westBucket(name), Call: listBuckets("us-west-2", &s3.ListBucketsInput{BucketRegion: aws.String("us-west-2"), Prefix: aws.String(name)}),
			Want: Want{Fields: oneBucket("us-west-2", name)}},
	})
}

// westBucket makes a bucket in us-east-1 and name in us-west-2.
func westBucket(name string) func(ctx context.Context, t *testing.T, w *World) {
	return func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		bucket(ctx, t, w, "golden-east")
		c := s3.NewFromConfig(w.ConfigIn("us-west-2", Root(owner)), func(o *s3.Options) { o.UsePathStyle = true })
		if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name),
			CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintUsWest2}}); err != nil {
			t.Fatalf("set-up CreateBucket in us-west-2: %v", err)
		}
	}
}

func TestS3RecordedBucketLogging(t *testing.T) {
	const lt = "TestS3BucketLogging::"
	const target = "golden-log-target"
	logTo := func(bucket string, grants ...types.TargetGrant) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(b), BucketLoggingStatus: &types.BucketLoggingStatus{
				LoggingEnabled: &types.LoggingEnabled{TargetBucket: aws.String(bucket), TargetPrefix: aws.String("log"), TargetGrants: grants}}})
		}
	}
	getLogging := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(b)})
	}
	grants := []types.TargetGrant{
		{Grantee: &types.Grantee{URI: aws.String(logDelivery), Type: types.TypeGroup}, Permission: types.BucketLogsPermissionWrite},
		{Grantee: &types.Grantee{URI: aws.String(logDelivery), Type: types.TypeGroup}, Permission: "READ_ACP"},
	}
	noOwnership := run(func(ctx context.Context, c *s3.Client, _ string) (any, error) {
		return c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: aws.String(target)})
	})
	Run(t, []Case{
		s3OK("GetBucketAcl/a new bucket's", localstack(moreS3, lt+"test_put_bucket_logging", "get-bucket-default-acl", "2026-02-21"),
			s3Steps(createBucketNamed(target)), func(ctx context.Context, c *s3.Client, _ string) (any, error) {
				return c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(target)})
			}, map[string]any{"Grants": Len(1), "Grants[0].Grantee.Type": "CanonicalUser", "Grants[0].Permission": "FULL_CONTROL",
				"Grants[0].Grantee.ID": Match(`^[0-9a-f]{64}$`), "Owner.ID": Match(`^[0-9a-f]{64}$`)}),
		s3OK("PutBucketLogging/empty status turns logging off", localstack(moreS3, lt+"test_put_bucket_logging", "put-bucket-logging-delete", "2026-02-21"),
			s3Steps(createBucketNamed(target), run(logTo(target))), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				out, err := c.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(b), BucketLoggingStatus: &types.BucketLoggingStatus{}})
				if err != nil {
					return out, err
				}
				// Logging is off again: GetBucketLogging names no target.
				if g, err := c.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(b)}); err != nil || g.LoggingEnabled != nil {
					return nil, fmt.Errorf("logging still on after the empty status (%v)", err)
				}
				return out, nil
			}, nil),
		s3OK("PutBucketLogging/READ_ACP target grant", localstack(moreS3, lt+"test_put_bucket_logging_accept_wrong_grants", "put-bucket-logging", "2026-02-21"),
			s3Steps(createBucketNamed(target), noOwnership), logTo(target, grants...), nil),
		s3OK("GetBucketLogging/with target grants", localstack(moreS3, lt+"test_put_bucket_logging_accept_wrong_grants", "get-bucket-logging", "2026-02-21"),
			s3Steps(createBucketNamed(target), noOwnership, run(logTo(target, grants...))), getLogging,
			map[string]any{"LoggingEnabled.TargetBucket": target, "LoggingEnabled.TargetPrefix": "log", "LoggingEnabled.TargetGrants": Len(2),
				"LoggingEnabled.TargetGrants[0].Permission": "WRITE", "LoggingEnabled.TargetGrants[1].Permission": "READ_ACP",
				"LoggingEnabled.TargetGrants[1].Grantee.URI": logDelivery, "LoggingEnabled.TargetGrants[1].Grantee.Type": "Group"}),
		s3Fails("PutBucketLogging/target in another Region", localstack(moreS3, lt+"test_put_bucket_logging_wrong_target", "put-bucket-logging-different-regions", "2026-02-21"),
			s3Steps(func(ctx context.Context, c *s3.Client) error {
				// Created through the us-east-1 client, as recorded.
				_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(target),
					CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintUsWest2}})
				return err
			}), logTo(target), 403, "CrossLocationLoggingProhibitted", "Cross S3 location logging not allowed. "),
	})
}

// simplePolicy is LocalStack's _simple_bucket_policy: public GetObject.
const simplePolicy = `{"Version":"2012-10-17","Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::` + opsBucket + `/*","Principal":{"AWS":"*"}}]}`

func TestS3RecordedMoreRefusals(t *testing.T) {
	putPolicy := func(expected string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(b), Policy: aws.String(simplePolicy), ExpectedBucketOwner: aws.String(expected)})
		}
	}
	var cases []Case
	// The account id is checked before Block Public Access refuses the
	// public policy (the bucket keeps its default public access block).
	for _, id := range []string{"0000", "0000000000020", "abcd", "aa000000000$"} {
		cases = append(cases, s3Fails("PutBucketPolicy/ExpectedBucketOwner "+id,
			localstack(moreS3, "TestS3::test_put_bucket_policy_invalid_account_id["+id+"]", "put-bucket-policy-invalid-bucket-owner", "2026-02-21"),
			nil, putPolicy(id), 400, "InvalidBucketOwnerAWSAccountID", "The value of the expected bucket owner parameter must be an AWS Account ID... ["+id+"]"))
	}
	const ebo = "TestS3::test_put_bucket_policy_expected_bucket_owner"
	var invalidGet []Case
	for _, id := range []string{"0000000000020", "aa000000000$"} {
		invalidGet = append(invalidGet, s3Fails("GetBucketPolicy/ExpectedBucketOwner "+id,
			localstack(moreS3, "TestS3::test_get_bucket_policy_invalid_account_id["+id+"]", "get-bucket-policy-invalid-bucket-owner", "2026-02-21"),
			nil, func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b), ExpectedBucketOwner: aws.String(id)})
			}, 400, "InvalidBucketOwnerAWSAccountID", "The value of the expected bucket owner parameter must be an AWS Account ID... ["+id+"]"))
	}
	cases = append(cases, invalidGet...)
	// getPolicy is GetBucketPolicy (naming expected as the owner when set),
	// its policy compacted: the recording keeps AWS's key order, not its
	// white space.
	getPolicy := func(expected string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.GetBucketPolicyInput{Bucket: aws.String(b)}
			if expected != "" {
				in.ExpectedBucketOwner = aws.String(expected)
			}
			out, err := c.GetBucketPolicy(ctx, in)
			if err == nil {
				var buf bytes.Buffer
				if json.Compact(&buf, []byte(aws.ToString(out.Policy))) == nil {
					out.Policy = aws.String(buf.String())
				}
			}
			return out, err
		}
	}
	// AWS answers the statement's keys as Effect, Principal, Action,
	// Resource (recorded get-bucket-policy), not in the order sent.
	const simplePolicyAsStored = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::` + opsBucket + `/*"}]}`
	withPolicy := append(append([]s3Setup{}, allowACLs...), run(putPolicy(owner)))
	cases = append(cases,
		s3Fails("PutBucketPolicy/ExpectedBucketOwner another account", localstack(moreS3, ebo, "put-bucket-policy-with-expected-bucket-owner-error", "2026-02-21"),
			allowACLs, putPolicy("222222222222"), 403, "AccessDenied", "Access Denied"),
		noContent(s3OK("PutBucketPolicy/ExpectedBucketOwner the owner", localstack(moreS3, ebo, "put-bucket-policy-with-expected-bucket-owner", "2026-02-21"),
			allowACLs, putPolicy(owner), nil)),
		s3OK("GetBucketPolicy/public policy", localstack(moreS3, "TestS3::test_get_bucket_policy", "get-bucket-policy", "2026-02-21"), withPolicy,
			getPolicy(""), map[string]any{"Policy": simplePolicyAsStored}),
		s3OK("GetBucketPolicy/ExpectedBucketOwner the owner", localstack(moreS3, "TestS3::test_get_bucket_policy", "get-bucket-policy-with-expected-bucket-owner", "2026-02-21"), withPolicy,
			getPolicy(owner), map[string]any{"Policy": simplePolicyAsStored}),
		s3Fails("GetBucketPolicy/ExpectedBucketOwner another account", localstack(moreS3, "TestS3::test_get_bucket_policy", "get-bucket-policy-with-expected-bucket-owner-error", "2026-02-21"),
			withPolicy, func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b), ExpectedBucketOwner: aws.String("000000000002")})
			}, 403, "AccessDenied", "Access Denied"),
		s3Fails("PutObjectAcl/unknown canned ACL on a BucketOwnerEnforced bucket", localstack(moreS3, "TestS3::test_s3_object_acl_exceptions", "put-object-acl-canned-acl", "2026-02-21"),
			s3Steps(putKey("object-key-acl", "")), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(b), Key: aws.String("object-key-acl"), ACL: "fake-acl"})
			}, 400, "InvalidArgument", ""),
		s3Fails("AbortMultipartUpload/no such upload", localstack(moreS3, "TestS3::test_multipart_no_such_upload", "abort-exc", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("fake-key"), UploadId: aws.String("fakeid")})
			}, 404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."),
		Case{Name: "CreateBucket/LocationConstraint us-east-1 in us-east-1", Source: localstack(moreS3, "TestS3::test_create_bucket_with_invalid_location_constraint[us-east-1-us-east-1]",
			"us-east-1-location-constraint-us-east-1-error", "2026-02-21"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3(Root(owner)).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("golden-constraint"),
					CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "us-east-1"}})
			},
			Want: Want{Status: 400, Code: "InvalidLocationConstraint", Message: "The specified location-constraint is not valid"}},
		Case{Name: "GetBucketVersioning/no such bucket", Source: localstack(moreAPI, "TestS3BucketVersioning::test_bucket_versioning_crud", "get-versioning-no-bucket", "2026-02-21"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3(Root(owner)).GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("golden-no-bucket")})
			},
			Want: Want{Status: 404, Code: "NoSuchBucket", Message: msgNoBucket}},
		Case{Name: "PutBucketVersioning/no such bucket", Source: localstack(moreAPI, "TestS3BucketVersioning::test_bucket_versioning_crud", "put-versioning-no-bucket", "2026-02-21"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3(Root(owner)).PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String("golden-no-bucket"),
					VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
			},
			Want: Want{Status: 404, Code: "NoSuchBucket", Message: msgNoBucket}},
	)
	mpu := Case{Name: "CreateMultipartUpload/unknown Object Lock mode",
		Source: localstack(moreS3, "TestS3ObjectLockRetention::test_s3_object_lock_mode_validation", "create-mpu-locked-bad-value", "2026-02-21"),
		Setup:  lockedOps("unused"),
		Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("test-retention-validation"),
				ObjectLockMode: "BAD-VALUE", ObjectLockRetainUntilDate: aws.Time(time.Now().Add(10 * time.Minute))})
		}),
		Want: Want{Status: 400, Code: "InvalidArgument", Message: "Unknown wormMode directive."}}
	Run(t, append(cases, mpu))
}

func TestS3RecordedIdempotentDeletesAndDefaults(t *testing.T) {
	const own, enc, exc = "TestS3BucketOwnershipControls::test_crud_bucket_ownership_controls", "TestS3BucketEncryption::test_s3_default_bucket_encryption",
		"TestS3BucketEncryption::test_s3_default_bucket_encryption_exc"
	delOwnership := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: aws.String(b)})
	}
	delEncryption := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteBucketEncryption(ctx, &s3.DeleteBucketEncryptionInput{Bucket: aws.String(b)})
	}
	missing := func(call func(ctx context.Context, c *s3.Client) (any, error)) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) { return call(ctx, w.S3(Root(owner))) }
	}
	noBucket := Want{Status: 404, Code: "NoSuchBucket", Message: msgNoBucket}
	Run(t, []Case{
		noContent(s3OK("DeleteBucketOwnershipControls/when none is set", localstack(moreAPI, own, "delete-ownership-after-delete", "2026-02-21"),
			s3Steps(run(delOwnership)), delOwnership, nil)),
		{Name: "GetBucketOwnershipControls/set at creation", Source: localstack(moreAPI, own, "get-ownership-at-creation", "2026-02-21"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				t.Helper()
				if _, err := w.S3(Root(owner)).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(opsBucket), ObjectOwnership: types.ObjectOwnershipBucketOwnerPreferred}); err != nil {
					t.Fatalf("set-up CreateBucket: %v", err)
				}
			},
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(b)})
			}),
			Want: Want{Fields: map[string]any{"OwnershipControls.Rules": Len(1), "OwnershipControls.Rules[0].ObjectOwnership": "BucketOwnerPreferred"}}},
		noContent(s3OK("DeleteBucketEncryption/twice", localstack(moreAPI, enc, "delete-bucket-encryption-idempotent", "2026-02-21"),
			s3Steps(run(delEncryption)), delEncryption, nil)),
		s3OK("GetBucketVersioning/never versioned", localstack(moreAPI, enc, "get-bucket-no-encryption", "2026-02-21"), s3Steps(run(delEncryption)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(b)})
			}, map[string]any{"Status": Absent, "MFADelete": Absent}),
		{Name: "DeleteBucketEncryption/no such bucket", Source: localstack(moreAPI, exc, "delete-bucket-enc-no-bucket", "2026-02-21"),
			Call: missing(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.DeleteBucketEncryption(ctx, &s3.DeleteBucketEncryptionInput{Bucket: aws.String("golden-no-bucket")})
			}), Want: noBucket},
		{Name: "PutBucketEncryption/no such bucket", Source: localstack(moreAPI, exc, "put-bucket-enc-no-bucket", "2026-02-21"),
			Call: missing(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String("golden-no-bucket"), ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{
					Rules: []types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256}}}}})
			}), Want: noBucket},
	})
}
