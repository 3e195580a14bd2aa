package golden

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// justincormack/argmin crates/s3-tests/tests/object_lock.rs: bucket
// policies over the Object Lock actions, s3:BypassGovernanceRetention, the
// condition keys S3 refuses for them, and s3:BucketTag with ABAC. Asserted
// against AWS S3 (2026).

func TestArgminObjLockPolicy(t *testing.T) {
	src := func(test string) string { return argmin("object_lock.rs", test) }
	gov := types.ObjectLockRetentionModeGovernance
	day := time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)
	later := day.Add(24 * time.Hour)
	c := func(name, test string, build func(s *olk) ([]argminStep, objCall), want Want) Case {
		return olkCase(name, src(test), build, want)
	}
	object := func(s *olk, more ...argminStep) []argminStep {
		return append(argminSteps(olkLockBucket, s.put(olkKey, "abc", nil)), more...)
	}
	// retained: the version is retained until later (the suite's
	// governance_retain_until_later), then more.
	retained := func(s *olk, more ...argminStep) []argminStep {
		return object(s, append([]argminStep{objStep(s.putRetention(primary, 0, olkRetention(gov, later), false))}, more...)...)
	}
	shorten := func(s *olk, cl objClient) objCall { return s.putRetention(cl, 0, olkRetention(gov, day), true) }
	ownerDeny := argminPolicy(olkPolicy("Deny", argminOwnerRoot, argminObjectsARN, []string{"s3:BypassGovernanceRetention"}, ""))
	noContent := Want{Status: http.StatusNoContent}
	Run(t, []Case{
		c("PutObjectRetention/another account allowed by the bucket policy", "test_object_lock_bucket_policy_put_get_obj_retention", func(s *olk) ([]argminStep, objCall) {
			return object(s, olkAltAllows("s3:PutObjectRetention", "s3:GetObjectRetention")),
				objSeq(s.putRetention(altClient, -1, olkRetention(gov, day), false), s.getRetention(altClient, -1))
		}, olkRetained("GOVERNANCE", day)),
		c("PutObjectLegalHold/another account allowed by the bucket policy", "test_object_lock_bucket_policy_put_get_legal_hold", func(s *olk) ([]argminStep, objCall) {
			return object(s, olkAltAllows("s3:PutObjectLegalHold", "s3:GetObjectLegalHold")),
				objSeq(s.putHold(altClient, -1, types.ObjectLockLegalHoldStatusOn), s.getHold(altClient, -1))
		}, olkHeld("ON")),
		c("PutObjectRetention/bypass by another account allowed only s3:PutObjectRetention", "test_object_lock_bucket_policy_bypass_governance_retention_requires_explicit_allow",
			func(s *olk) ([]argminStep, objCall) {
				return retained(s, olkAltAllows("s3:PutObjectRetention")), shorten(s, altClient)
			}, argminDenied),
		c("PutObjectRetention/bypass by another account allowed s3:BypassGovernanceRetention too", "test_object_lock_bucket_policy_bypass_governance_retention_requires_explicit_allow",
			func(s *olk) ([]argminStep, objCall) {
				return retained(s, olkAltAllows("s3:PutObjectRetention", "s3:BypassGovernanceRetention")), shorten(s, altClient)
			}, Want{}),
		c("PutObjectRetention/bypass by the owner's user under a Deny of the owner account", "test_object_lock_bucket_policy_explicit_deny_blocks_owner_bypass_retention",
			func(s *olk) ([]argminStep, objCall) { return retained(s, ownerDeny), shorten(s, primary) }, argminDenied),
		c("DeleteObject/bypass by the owner's user under a Deny of the owner account", "test_object_lock_bucket_policy_explicit_deny_blocks_owner_bypass_delete",
			func(s *olk) ([]argminStep, objCall) { return retained(s, ownerDeny), s.delete(primary, 0, true) }, argminDenied),
		c("DeleteObject/bypass by another account without a policy", "test_object_lock_bucket_policy_bypass_governance_delete_requires_explicit_allow",
			func(s *olk) ([]argminStep, objCall) { return retained(s), s.delete(altClient, 0, true) }, argminDenied),
		c("DeleteObject/bypass by another account allowed only s3:DeleteObjectVersion", "test_object_lock_bucket_policy_bypass_governance_delete_requires_explicit_allow",
			func(s *olk) ([]argminStep, objCall) {
				return retained(s, olkAltAllows("s3:DeleteObjectVersion")), s.delete(altClient, 0, true)
			}, argminDenied),
		c("DeleteObject/bypass by another account allowed s3:BypassGovernanceRetention too", "test_object_lock_bucket_policy_bypass_governance_delete_requires_explicit_allow",
			func(s *olk) ([]argminStep, objCall) {
				return retained(s, olkAltAllows("s3:DeleteObjectVersion", "s3:BypassGovernanceRetention")), s.delete(altClient, 0, true)
			}, noContent),
		c("DeleteObject/another account deletes a missing version without the bypass header", "test_object_lock_missing_version_delete_with_bypass_header_requires_bypass_allow",
			func(s *olk) ([]argminStep, objCall) {
				return object(s, objStep(s.delete(primary, 0, false)), olkAltAllows("s3:DeleteObjectVersion")), s.delete(altClient, 0, false)
			}, noContent),
		c("DeleteObject/another account deletes a missing version with the bypass header", "test_object_lock_missing_version_delete_with_bypass_header_requires_bypass_allow",
			func(s *olk) ([]argminStep, objCall) {
				return object(s, objStep(s.delete(primary, 0, false)), olkAltAllows("s3:DeleteObjectVersion")), s.delete(altClient, 0, true)
			}, argminDenied),
		c("DeleteObject/without a version the bypass header needs no bypass allow", "test_object_lock_non_version_delete_with_bypass_header_does_not_require_bypass_allow",
			func(s *olk) ([]argminStep, objCall) {
				return retained(s, olkAltAllows("s3:DeleteObject")), s.delete(altClient, -1, true)
			}, Want{Status: http.StatusNoContent, Fields: map[string]any{"DeleteMarker": true}}),
		c("GetObject/the current object is gone after that delete", "test_object_lock_non_version_delete_with_bypass_header_does_not_require_bypass_allow",
			func(s *olk) ([]argminStep, objCall) {
				return retained(s, olkAltAllows("s3:DeleteObject"), objStep(s.delete(altClient, -1, true))), objGet(primary, olkKey, nil)
			}, Want{Status: http.StatusNotFound, Code: "NoSuchKey"}),
		c("GetObject/the retained version is still there after that delete", "test_object_lock_non_version_delete_with_bypass_header_does_not_require_bypass_allow",
			func(s *olk) ([]argminStep, objCall) {
				return retained(s, olkAltAllows("s3:DeleteObject"), objStep(s.delete(altClient, -1, true))),
					func(ctx context.Context, w *World, u *argminUsers) (any, error) {
						return objGet(primary, olkKey, func(in *s3.GetObjectInput) { in.VersionId = s.at(0) })(ctx, w, u)
					}
			}, objBodyIs("abc")),
	})
}

func TestArgminObjLockPolicyConditions(t *testing.T) {
	src := func(test string) string { return argmin("object_lock.rs", test) }
	var cases []Case
	for _, r := range []struct{ action, key, test string }{
		{"s3:GetObjectRetention", "s3:ExistingObjectTag/security", "test_object_lock_bucket_policy_existing_tag_condition_is_rejected_for_get_retention"},
		{"s3:PutObjectRetention", "s3:ExistingObjectTag/security", "test_object_lock_bucket_policy_existing_tag_condition_is_rejected_for_put_retention"},
		{"s3:BypassGovernanceRetention", "s3:ExistingObjectTag/security", "test_object_lock_bucket_policy_existing_tag_condition_is_rejected_for_bypass_governance"},
		{"s3:PutObjectLegalHold", "s3:ExistingObjectTag/security", "test_object_lock_bucket_policy_existing_tag_condition_is_rejected_for_put_legal_hold"},
		{"s3:GetObjectLegalHold", "s3:ExistingObjectTag/security", "test_object_lock_bucket_policy_existing_tag_condition_is_rejected_for_get_legal_hold"},
		{"s3:PutObjectRetention", "s3:RequestObjectTag/security", "test_object_lock_bucket_policy_request_object_tag_condition_is_rejected_for_put_retention"},
		{"s3:PutObjectLegalHold", "s3:RequestObjectTag/security", "test_object_lock_bucket_policy_request_object_tag_condition_is_rejected_for_put_legal_hold"},
	} {
		doc := olkPolicy("Allow", argminAltRoot, argminObjectsARN, []string{r.action}, `{"StringEquals":{"`+r.key+`":"allow"}}`)
		cases = append(cases, argminCase("PutBucketPolicy/"+r.key+" on "+r.action, src(r.test),
			argminSteps(olkLockBucket, objStep(objPut(primary, olkKey, "abc", func(in *s3.PutObjectInput) { in.Tagging = aws.String("security=allow") }))),
			argminPutPolicy(primary, doc), Want{Status: http.StatusBadRequest, Code: "MalformedPolicy"}))
	}
	Run(t, cases)
}

func TestArgminObjLockABAC(t *testing.T) {
	src := func(test string) string { return argmin("object_lock.rs", test) }
	gov, on := types.ObjectLockRetentionModeGovernance, types.ObjectLockLegalHoldStatusOn
	day := time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)
	later := day.Add(24 * time.Hour)
	type op struct {
		name, test, action string
		before             func(s *olk) []argminStep // what the owner does first
		call               func(s *olk) objCall      // the alternate account's call
		allowed            Want
	}
	ops := []op{
		{"GetObjectRetention", "test_object_lock_bucket_policy_get_obj_retention_bucket_tag_condition_when_abac_enabled", "s3:GetObjectRetention",
			func(s *olk) []argminStep {
				return argminSteps(objStep(s.putRetention(primary, -1, olkRetention(gov, day), false)))
			},
			func(s *olk) objCall { return s.getRetention(altClient, -1) }, olkRetained("GOVERNANCE", day)},
		{"PutObjectRetention", "test_object_lock_bucket_policy_put_obj_retention_bucket_tag_condition_when_abac_enabled", "s3:PutObjectRetention",
			func(s *olk) []argminStep { return nil },
			func(s *olk) objCall {
				return objSeq(s.putRetention(altClient, -1, olkRetention(gov, day), false), s.getRetention(primary, -1))
			}, olkRetained("GOVERNANCE", day)},
		{"GetObjectLegalHold", "test_object_lock_bucket_policy_get_obj_legal_hold_bucket_tag_condition_when_abac_enabled", "s3:GetObjectLegalHold",
			func(s *olk) []argminStep { return argminSteps(objStep(s.putHold(primary, -1, on))) },
			func(s *olk) objCall { return s.getHold(altClient, -1) }, olkHeld("ON")},
		{"PutObjectLegalHold", "test_object_lock_bucket_policy_put_obj_legal_hold_bucket_tag_condition_when_abac_enabled", "s3:PutObjectLegalHold",
			func(s *olk) []argminStep { return nil },
			func(s *olk) objCall { return objSeq(s.putHold(altClient, -1, on), s.getHold(primary, -1)) }, olkHeld("ON")},
		{"PutObjectRetention with bypass", "test_object_lock_bucket_policy_bypass_governance_bucket_tag_condition_when_abac_enabled",
			"s3:BypassGovernanceRetention",
			func(s *olk) []argminStep {
				return argminSteps(objStep(s.putRetention(primary, 0, olkRetention(gov, later), false)))
			},
			func(s *olk) objCall { return s.putRetention(altClient, 0, olkRetention(gov, day), true) }, Want{}},
	}
	var cases []Case
	for _, o := range ops {
		actions := []string{o.action}
		if o.action == "s3:BypassGovernanceRetention" {
			actions = []string{"s3:PutObjectRetention", o.action}
		}
		for _, tag := range []string{"allow", "deny"} {
			want := o.allowed
			if tag == "deny" {
				want = argminDenied
			}
			cases = append(cases, olkCase(o.name+"/another account, bucket tagged security="+tag, src(o.test), func(s *olk) ([]argminStep, objCall) {
				steps := append(argminSteps(olkLockBucket, s.put(olkKey, "abc", nil)), o.before(s)...)
				return append(steps, olkABAC(tag, actions...)...), o.call(s)
			}, want))
		}
	}
	Run(t, cases)
}

// olkSameAnswer is what two refused calls answered and whether the
// answers (status and code) are the same.
type olkSameAnswer struct {
	Same        bool
	Plain, Lock string
}

// olkStatusCode is an error's HTTP status and S3 code ("ok" for none).
func olkStatusCode(err error) string {
	if err == nil {
		return "ok"
	}
	var re *awshttp.ResponseError
	var ae smithy.APIError
	code := ""
	if errors.As(err, &ae) {
		code = ae.ErrorCode()
	}
	if errors.As(err, &re) {
		return fmt.Sprintf("%d %s", re.HTTPStatusCode(), code)
	}
	return err.Error()
}

func TestArgminObjLockNoReveal(t *testing.T) {
	src := argmin("object_lock.rs", "test_object_lock_unauthorized_calls_do_not_reveal_bucket_lock_configuration")
	until := aws.Time(time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second))
	on := &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOn}
	// both makes call on the plain bucket (objBkt2) and the lock bucket.
	both := func(call func(ctx context.Context, c *s3.Client, bucket *string) error) objCall {
		return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
			plain := olkStatusCode(call(ctx, alt(w), aws.String(objBkt2)))
			lock := olkStatusCode(call(ctx, alt(w), aws.String(argminBkt)))
			return olkSameAnswer{Same: plain == lock, Plain: plain, Lock: lock}, nil
		}
	}
	k := aws.String(olkKey)
	steps := argminSteps(olkLockBucket, objStep(objPut(primary, olkKey, "abc", nil)),
		func(ctx context.Context, w *World, u *argminUsers) error {
			if _, err := primary(w, u).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(objBkt2)}); err != nil {
				return err
			}
			_, err := primary(w, u).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(objBkt2), Key: k, Body: strings.NewReader("abc")})
			return err
		})
	refusedAlike := Want{Status: http.StatusForbidden, Fields: map[string]any{"Same": true, "Lock": Prefix("403 ")}}
	Run(t, []Case{
		argminCase("GetObjectRetention/another account, plain and lock bucket alike", src, steps, both(func(ctx context.Context, c *s3.Client, b *string) error {
			_, err := c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: b, Key: k})
			return err
		}), refusedAlike),
		argminCase("PutObjectRetention/another account, plain and lock bucket alike", src, steps, both(func(ctx context.Context, c *s3.Client, b *string) error {
			_, err := c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: b, Key: k,
				Retention: &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance, RetainUntilDate: until}})
			return err
		}), refusedAlike),
		argminCase("GetObjectLegalHold/another account, plain and lock bucket alike", src, steps, both(func(ctx context.Context, c *s3.Client, b *string) error {
			_, err := c.GetObjectLegalHold(ctx, &s3.GetObjectLegalHoldInput{Bucket: b, Key: k})
			return err
		}), refusedAlike),
		argminCase("PutObjectLegalHold/another account, plain and lock bucket alike", src, steps, both(func(ctx context.Context, c *s3.Client, b *string) error {
			_, err := c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: b, Key: k, LegalHold: on})
			return err
		}), refusedAlike),
	})
}
