package golden

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// More of justincormack/argmin's crates/s3-tests/tests/bucket_policy.rs
// (see argmin_test.go): cross-account grants of bucket configuration
// calls, aws:SourceIp, the s3:x-amz-grant-* / s3:x-amz-acl conditions of
// PutObject and CopyObject, and the policy CRUD round trip.

type argminCall = func(ctx context.Context, w *World, u *argminUsers) (any, error)

// policyAlt runs f with the alternate account's client.
func policyAlt(f func(ctx context.Context, c *s3.Client) (any, error)) argminCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) { return f(ctx, alt(w)) }
}

// policyOwner runs f with the bucket owner's root client.
func policyOwner(f func(ctx context.Context, c *s3.Client) (any, error)) argminCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) { return f(ctx, root(w)) }
}

// policyStep makes a call a set-up step: it must succeed.
func policyStep(call argminCall) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		out, err := call(ctx, w, u)
		if resp, ok := out.(*http.Response); ok && err == nil {
			defer resp.Body.Close()
			if resp.StatusCode >= 300 {
				body, _ := io.ReadAll(resp.Body)
				return fmt.Errorf("%s: %s", resp.Status, body)
			}
		}
		return err
	}
}

// policyAllowAlt is the suite's bucket_policy_document(alt_policy_principal(),
// "Allow", action, resource).
func policyAllowAlt(action, resource string) string {
	return argminStatement("Allow", argminAltRoot, action, resource, "")
}

// JSONEqual wants a JSON document equal to doc as a value (key order and
// spacing aside), as serde_json::Value comparison does.
func JSONEqual(doc string) Matcher {
	return matcherFunc(func(v reflect.Value, found bool) error {
		var want, got any
		if err := json.Unmarshal([]byte(doc), &want); err != nil {
			return fmt.Errorf("want document: %v", err)
		}
		if !found {
			return fmt.Errorf("want JSON %s, got absent", doc)
		}
		if err := json.Unmarshal([]byte(show(v)), &got); err != nil || !reflect.DeepEqual(want, got) {
			return fmt.Errorf("want JSON %s, got %s", doc, show(v))
		}
		return nil
	})
}

func TestArgminPolicyCRUD(t *testing.T) {
	src := argmin("bucket_policy.rs", "test_bucket_policy_put_get_delete")
	doc := `{"Version":"2012-10-17","Statement":[{"Sid":"DenyAllGetObject","Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"` + argminObjectsARN + `"}]}`
	withPolicy := argminSteps(argminBucket(true, ""), argminPolicy(doc))
	deleted := append(withPolicy, policyStep(argminDeletePolicy(primary)))
	Run(t, []Case{
		argminCase("PutBucketPolicy/a deny of everyone's GetObject", src, argminSteps(argminBucket(true, "")), argminPutPolicy(primary, doc), Want{Status: http.StatusNoContent}),
		argminCase("GetBucketPolicy/reads back the document", src, withPolicy, argminGetPolicy(primary), Want{Fields: map[string]any{"Policy": JSONEqual(doc)}}),
		argminCase("DeleteBucketPolicy/the policy", src, withPolicy, argminDeletePolicy(primary), Want{Status: http.StatusNoContent}),
		argminCase("GetBucketPolicy/after the delete", src, deleted, argminGetPolicy(primary), Want{Status: http.StatusNotFound, Code: "NoSuchBucketPolicy"}),
		argminCase("DeleteBucketPolicy/again, with no policy", src, deleted, argminDeletePolicy(primary), Want{Status: http.StatusNoContent}),
	})
}

// policyAnonGet is an unsigned GET of path on the server.
func policyAnonGet(path string) argminCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		r, err := http.NewRequestWithContext(ctx, http.MethodGet, w.Endpoint+path, nil)
		if err != nil {
			return nil, err
		}
		return w.HTTP.Do(r)
	}
}

// policyAnonBody is an unsigned GET's body.
type policyAnonBody struct{ Body string }

func policyAnonRead(path string) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := policyAnonGet(path)(ctx, w, u)
		if err != nil {
			return nil, err
		}
		resp := out.(*http.Response)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		// The answer's status and headers are this response's, as for an
		// SDK call.
		w.mu.Lock()
		w.last = resp
		w.mu.Unlock()
		return policyAnonBody{Body: string(b)}, err
	}
}

func TestArgminPolicySourceIP(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	const key = "source-ip"
	allow := func(op, cidr string) string {
		return argminStatement("Allow", `"*"`, "s3:GetObject", argminObjectsARN, `{"`+op+`":{"aws:SourceIp":"`+cidr+`"}}`)
	}
	allowButDeny := func(op, cidr string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"` + argminObjectsARN +
			`"},{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"` + argminObjectsARN + `","Condition":{"` + op +
			`":{"aws:SourceIp":"` + cidr + `"}}}]}`
	}
	c := func(name, test, doc string, allowed bool) Case {
		want := argminDenied
		call := policyAnonGet("/" + argminBkt + "/" + key)
		if allowed {
			want = Want{Fields: map[string]any{"Body": "source-ip-body"}}
			call = policyAnonRead("/" + argminBkt + "/" + key)
		}
		return argminCase("GetObject/unsigned, "+name, src(test),
			argminSteps(argminBucket(true, ""), argminPut(key, "source-ip-body", ""), argminPolicy(doc)), call, want)
	}
	// The suite's client reaches AWS over IPv4, as the tests here do over
	// 127.0.0.1.
	Run(t, []Case{
		c("ForAnyValue:IpAddress 0.0.0.0/0 allows", "test_bucket_policy_source_ip_for_any_value_ip_address_allows_matching_ipv4_client", allow("ForAnyValue:IpAddress", "0.0.0.0/0"), true),
		c("IpAddress of another subnet does not allow", "test_bucket_policy_source_ip_ip_address_denies_nonmatching_ipv4_subnet", allow("IpAddress", "192.0.2.0/24"), false),
		c("IpAddress 0.0.0.0/0 allows", "test_bucket_policy_source_ip_ip_address_allows_matching_ipv4_client", allow("IpAddress", "0.0.0.0/0"), true),
		c("IpAddress ::/0 does not match an IPv4 client", "test_bucket_policy_source_ip_ip_address_denies_nonmatching_ipv4_client", allow("IpAddress", "::/0"), false),
		c("a deny on NotIpAddress ::/0 matches an IPv4 client", "test_bucket_policy_source_ip_not_ip_address_denies_matching_ipv4_client", allowButDeny("NotIpAddress", "::/0"), false),
		c("a deny on NotIpAddress 0.0.0.0/0 does not", "test_bucket_policy_source_ip_not_ip_address_allows_nonmatching_ipv4_client", allowButDeny("NotIpAddress", "0.0.0.0/0"), true),
	})
}

func TestArgminPolicyListing(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	b := aws.String(argminBkt)
	listable := argminSteps(argminBucket(false, ""), argminPut("obj", "data", ""), argminPolicy(policyAllowAlt("s3:ListBucket", argminBucketARN)))
	// create_public_bucket: PAB off, BucketOwnerPreferred, public-read.
	public := argminSteps(argminBucket(true, types.ObjectOwnershipBucketOwnerPreferred), argminBucketACL(types.BucketCannedACLPublicRead), argminPut("obj", "data", ""))
	Run(t, []Case{
		argminCase("ListObjects/another account the policy allows s3:ListBucket", src("test_bucket_policy_list_objects_v1"), listable,
			policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: b})
			}),
			Want{Fields: map[string]any{"Contents": Len(1), "Contents[0].Key": "obj"}}),
		argminCase("ListObjectsV2/another account the policy allows s3:ListBucket", src("test_bucket_policy_list_objects_v2"), listable,
			policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: b})
			}),
			Want{Fields: map[string]any{"Contents": Len(1), "Contents[0].Key": "obj"}}),
		argminCase("ListObjects/unsigned, a public-read bucket", src("test_bucket_policy_list_deny_overrides_bucket_acl"), public,
			policyAnonRead("/"+argminBkt), Want{Fields: map[string]any{"Body": Match("<Key>obj</Key>")}}),
		argminCase("ListObjects/unsigned, a deny of everyone overrides the public-read ACL", src("test_bucket_policy_list_deny_overrides_bucket_acl"),
			append(public, argminPolicy(argminStatement("Deny", `"*"`, "s3:ListBucket", argminBucketARN, ""))), policyAnonGet("/"+argminBkt), argminDenied),
		argminCase("PutBucketPolicy/s3:ListBucket on the objects' resource", src("test_bucket_policy_list_requires_bucket_resource"),
			argminSteps(argminBucket(true, "")), argminPutPolicy(primary, argminStatement("Allow", `"*"`, "s3:ListBucket", argminObjectsARN, "")),
			Want{Status: http.StatusBadRequest, Code: "MalformedPolicy"}),
	})
}

// policyConfigCase is a bucket configuration call another account makes
// under a policy allowing action (the suite's *_cross_account_allow tests).
type policyConfigCase struct {
	name, test, action string
	setup              []argminStep
	call               argminCall
	want               Want
}

func (p policyConfigCase) build() Case {
	// The bucket, the policy, then the rest of the set-up.
	steps := argminSteps(p.setup[0], argminPolicy(policyAllowAlt(p.action, argminBucketARN)))
	steps = append(steps, p.setup[1:]...)
	return argminCase(p.name, argmin("bucket_policy.rs", p.test), steps, p.call, p.want)
}

func TestArgminPolicyCrossAccountConfigs(t *testing.T) {
	b := aws.String(argminBkt)
	cors := func(origin, method string) *types.CORSConfiguration {
		return &types.CORSConfiguration{CORSRules: []types.CORSRule{{AllowedOrigins: []string{origin}, AllowedMethods: []string{method}}}}
	}
	tags := func(k, v string) *types.Tagging {
		return &types.Tagging{TagSet: []types.Tag{{Key: aws.String(k), Value: aws.String(v)}}}
	}
	lifecycle := func(prefix string, days int32) *types.BucketLifecycleConfiguration {
		return &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{{ID: aws.String("expire-current"),
			Filter: &types.LifecycleRuleFilter{Prefix: aws.String(prefix)}, Status: types.ExpirationStatusEnabled,
			Expiration: &types.LifecycleExpiration{Days: aws.Int32(days)}}}}
	}
	pab := &types.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(true), IgnorePublicAcls: aws.Bool(true),
		BlockPublicPolicy: aws.Bool(true), RestrictPublicBuckets: aws.Bool(false)}
	lock := &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled, Rule: &types.ObjectLockRule{
		DefaultRetention: &types.DefaultRetention{Mode: types.ObjectLockRetentionModeGovernance, Days: aws.Int32(1)}}}
	ownership := &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerPreferred}}}
	plain := argminSteps(argminBucket(false, ""))
	lockBucket := argminSteps(func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: b, ObjectLockEnabledForBucket: aws.Bool(true)})
		return err
	})
	owner := func(f func(ctx context.Context, c *s3.Client) (any, error)) argminStep {
		return policyStep(policyOwner(f))
	}
	altStep := func(f func(ctx context.Context, c *s3.Client) (any, error)) argminStep {
		return policyStep(policyAlt(f))
	}
	with := func(base []argminStep, more ...argminStep) []argminStep {
		return append(append(argminSteps(), base...), more...)
	}

	putCORS := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: b, CORSConfiguration: cors("https://put.example.com", "PUT")})
	}
	getCORS := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: b})
	}
	delCORS := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.DeleteBucketCors(ctx, &s3.DeleteBucketCorsInput{Bucket: b})
	}
	putTags := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b, Tagging: tags("team", "storage")})
	}
	getTags := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b})
	}
	delTags := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.DeleteBucketTagging(ctx, &s3.DeleteBucketTaggingInput{Bucket: b})
	}
	putLC := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: b, LifecycleConfiguration: lifecycle("archive/", 14)})
	}
	getLC := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: b})
	}
	delLC := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.DeleteBucketLifecycle(ctx, &s3.DeleteBucketLifecycleInput{Bucket: b})
	}
	putPAB := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: b, PublicAccessBlockConfiguration: pab})
	}
	getPAB := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b})
	}
	delPAB := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b})
	}
	putLock := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: b, ObjectLockConfiguration: lock})
	}
	getLock := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: b})
	}
	putOwn := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b, OwnershipControls: ownership})
	}
	getOwn := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b})
	}
	delOwn := func(ctx context.Context, c *s3.Client) (any, error) {
		return c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: b})
	}
	pabFields := Want{Fields: map[string]any{"PublicAccessBlockConfiguration.BlockPublicAcls": true, "PublicAccessBlockConfiguration.IgnorePublicAcls": true,
		"PublicAccessBlockConfiguration.BlockPublicPolicy": true, "PublicAccessBlockConfiguration.RestrictPublicBuckets": false}}
	lockFields := Want{Fields: map[string]any{"ObjectLockConfiguration.ObjectLockEnabled": "Enabled",
		"ObjectLockConfiguration.Rule.DefaultRetention.Mode": "GOVERNANCE", "ObjectLockConfiguration.Rule.DefaultRetention.Days": 1,
		"ObjectLockConfiguration.Rule.DefaultRetention.Years": Absent}}
	ownFields := Want{Fields: map[string]any{"OwnershipControls.Rules": Len(1), "OwnershipControls.Rules[0].ObjectOwnership": "BucketOwnerPreferred"}}
	ok := Want{}
	var cases []Case
	for _, p := range []policyConfigCase{
		{"GetBucketCors/another account allowed s3:GetBucketCORS", "test_bucket_policy_get_bucket_cors_cross_account_allow", "s3:GetBucketCORS",
			with(plain, owner(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: b, CORSConfiguration: cors("https://example.com", "GET")})
			})), policyAlt(getCORS),
			Want{Fields: map[string]any{"CORSRules": Len(1), "CORSRules[0].AllowedOrigins": "[https://example.com]", "CORSRules[0].AllowedMethods": "[GET]"}}},
		{"PutBucketCors/another account allowed s3:PutBucketCORS", "test_bucket_policy_put_bucket_cors_cross_account_allow", "s3:PutBucketCORS", plain, policyAlt(putCORS), ok},
		{"GetBucketCors/the owner reads what the other account put", "test_bucket_policy_put_bucket_cors_cross_account_allow", "s3:PutBucketCORS",
			with(plain, altStep(putCORS)), policyOwner(getCORS), Want{Fields: map[string]any{"CORSRules": Len(1), "CORSRules[0].AllowedOrigins": "[https://put.example.com]"}}},
		{"DeleteBucketCors/another account allowed s3:PutBucketCORS", "test_bucket_policy_put_bucket_cors_cross_account_allow", "s3:PutBucketCORS",
			with(plain, altStep(putCORS)), policyAlt(delCORS), Want{Status: http.StatusNoContent}},
		{"GetBucketCors/the owner after the other account's delete", "test_bucket_policy_put_bucket_cors_cross_account_allow", "s3:PutBucketCORS",
			with(plain, altStep(putCORS), altStep(delCORS)), policyOwner(getCORS), Want{Status: http.StatusNotFound, Code: "NoSuchCORSConfiguration"}},

		{"GetBucketTagging/another account allowed s3:GetBucketTagging", "test_bucket_policy_get_bucket_tagging_cross_account_allow", "s3:GetBucketTagging",
			with(plain, owner(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b, Tagging: tags("env", "test")})
			})), policyAlt(getTags), Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "env", "TagSet[0].Value": "test"}}},
		{"PutBucketTagging/another account allowed s3:PutBucketTagging", "test_bucket_policy_put_bucket_tagging_cross_account_allow", "s3:PutBucketTagging", plain, policyAlt(putTags), Want{Status: http.StatusNoContent}},
		{"GetBucketTagging/the owner reads what the other account put", "test_bucket_policy_put_bucket_tagging_cross_account_allow", "s3:PutBucketTagging",
			with(plain, altStep(putTags)), policyOwner(getTags), Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "team", "TagSet[0].Value": "storage"}}},
		{"DeleteBucketTagging/another account allowed s3:PutBucketTagging", "test_bucket_policy_put_bucket_tagging_cross_account_allow", "s3:PutBucketTagging",
			with(plain, altStep(putTags)), policyAlt(delTags), Want{Status: http.StatusNoContent}},
		{"GetBucketTagging/the owner after the other account's delete", "test_bucket_policy_put_bucket_tagging_cross_account_allow", "s3:PutBucketTagging",
			with(plain, altStep(putTags), altStep(delTags)), policyOwner(getTags), Want{Status: http.StatusNotFound, Code: "NoSuchTagSet"}},

		{"GetBucketLifecycleConfiguration/another account allowed s3:GetLifecycleConfiguration", "test_bucket_policy_get_bucket_lifecycle_cross_account_allow",
			"s3:GetLifecycleConfiguration", with(plain, owner(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: b, LifecycleConfiguration: lifecycle("logs/", 30)})
			})), policyAlt(getLC), Want{Fields: map[string]any{"Rules": Len(1), "Rules[0].ID": "expire-current", "Rules[0].Filter.Prefix": "logs/"}}},
		{"PutBucketLifecycleConfiguration/another account allowed s3:PutLifecycleConfiguration", "test_bucket_policy_put_bucket_lifecycle_cross_account_allow",
			"s3:PutLifecycleConfiguration", plain, policyAlt(putLC), ok},
		{"GetBucketLifecycleConfiguration/the owner reads what the other account put", "test_bucket_policy_put_bucket_lifecycle_cross_account_allow",
			"s3:PutLifecycleConfiguration", with(plain, altStep(putLC)), policyOwner(getLC), Want{Fields: map[string]any{"Rules": Len(1), "Rules[0].Filter.Prefix": "archive/"}}},
		{"DeleteBucketLifecycle/another account allowed s3:PutLifecycleConfiguration", "test_bucket_policy_put_bucket_lifecycle_cross_account_allow",
			"s3:PutLifecycleConfiguration", with(plain, altStep(putLC)), policyAlt(delLC), Want{Status: http.StatusNoContent}},
		{"GetBucketLifecycleConfiguration/the owner after the other account's delete", "test_bucket_policy_put_bucket_lifecycle_cross_account_allow",
			"s3:PutLifecycleConfiguration", with(plain, altStep(putLC), altStep(delLC)), policyOwner(getLC),
			Want{Status: http.StatusNotFound, Code: "NoSuchLifecycleConfiguration"}},

		{"GetPublicAccessBlock/another account allowed s3:GetBucketPublicAccessBlock", "test_bucket_policy_get_bucket_public_access_block_cross_account_allow",
			"s3:GetBucketPublicAccessBlock", with(plain, owner(putPAB)), policyAlt(getPAB), pabFields},
		{"PutPublicAccessBlock/another account allowed s3:PutBucketPublicAccessBlock", "test_bucket_policy_put_bucket_public_access_block_cross_account_allow",
			"s3:PutBucketPublicAccessBlock", plain, policyAlt(putPAB), ok},
		{"GetPublicAccessBlock/the owner reads what the other account put", "test_bucket_policy_put_bucket_public_access_block_cross_account_allow",
			"s3:PutBucketPublicAccessBlock", with(plain, altStep(putPAB)), policyOwner(getPAB), pabFields},
		{"DeletePublicAccessBlock/another account allowed s3:PutBucketPublicAccessBlock", "test_bucket_policy_put_bucket_public_access_block_cross_account_allow",
			"s3:PutBucketPublicAccessBlock", with(plain, altStep(putPAB)), policyAlt(delPAB), Want{Status: http.StatusNoContent}},
		{"GetPublicAccessBlock/the owner after the other account's delete", "test_bucket_policy_put_bucket_public_access_block_cross_account_allow",
			"s3:PutBucketPublicAccessBlock", with(plain, altStep(putPAB), altStep(delPAB)), policyOwner(getPAB),
			Want{Status: http.StatusNotFound, Code: "NoSuchPublicAccessBlockConfiguration"}},

		{"GetObjectLockConfiguration/another account allowed s3:GetBucketObjectLockConfiguration", "test_bucket_policy_get_bucket_object_lock_configuration_cross_account_allow",
			"s3:GetBucketObjectLockConfiguration", with(lockBucket, owner(putLock)), policyAlt(getLock), lockFields},
		{"PutObjectLockConfiguration/another account allowed s3:PutBucketObjectLockConfiguration", "test_bucket_policy_put_bucket_object_lock_configuration_cross_account_allow",
			"s3:PutBucketObjectLockConfiguration", lockBucket, policyAlt(putLock), ok},
		{"GetObjectLockConfiguration/the owner reads what the other account put", "test_bucket_policy_put_bucket_object_lock_configuration_cross_account_allow",
			"s3:PutBucketObjectLockConfiguration", with(lockBucket, altStep(putLock)), policyOwner(getLock), lockFields},

		{"GetBucketOwnershipControls/another account allowed s3:GetBucketOwnershipControls", "test_bucket_policy_get_bucket_ownership_controls_cross_account_allow",
			"s3:GetBucketOwnershipControls", with(plain, owner(putOwn)), policyAlt(getOwn), ownFields},
		{"PutBucketOwnershipControls/another account allowed s3:PutBucketOwnershipControls", "test_bucket_policy_put_bucket_ownership_controls_cross_account_allow",
			"s3:PutBucketOwnershipControls", plain, policyAlt(putOwn), ok},
		{"GetBucketOwnershipControls/the owner reads what the other account put", "test_bucket_policy_put_bucket_ownership_controls_cross_account_allow",
			"s3:PutBucketOwnershipControls", with(plain, altStep(putOwn)), policyOwner(getOwn), ownFields},
		{"DeleteBucketOwnershipControls/another account allowed s3:PutBucketOwnershipControls", "test_bucket_policy_put_bucket_ownership_controls_cross_account_allow",
			"s3:PutBucketOwnershipControls", with(plain, altStep(putOwn)), policyAlt(delOwn), Want{Status: http.StatusNoContent}},
		{"GetBucketOwnershipControls/the owner after the other account's delete", "test_bucket_policy_put_bucket_ownership_controls_cross_account_allow",
			"s3:PutBucketOwnershipControls", with(plain, altStep(putOwn), altStep(delOwn)), policyOwner(getOwn),
			Want{Status: http.StatusNotFound, Code: "OwnershipControlsNotFoundError"}},
	} {
		cases = append(cases, p.build())
	}
	Run(t, cases)
}

// policyGrantView is what the suite checks of an object's ACL: whether
// it holds permission perm for the bucket owner's canonical id.
type policyGrantView struct {
	OwnerGrant bool
	OwnerID    string
}

// grantViewOf is the view of an ACL (owner and grants): whether it grants
// perm to the canonical user id.
func grantViewOf(owner *types.Owner, grants []types.Grant, perm types.Permission, id string) policyGrantView {
	v := policyGrantView{OwnerID: aws.ToString(owner.ID)}
	for _, g := range grants {
		if g.Permission == perm && g.Grantee != nil && aws.ToString(g.Grantee.ID) == id {
			v.OwnerGrant = true
		}
	}
	return v
}

// policyOwnerGrant reads key's ACL with c's client and reports whether it
// grants perm to the bucket owner (has_grant).
func policyOwnerGrant(c func(w *World, u *argminUsers) *s3.Client, bucket, key string, perm types.Permission) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		ownerID, err := argminCanonicalID(ctx, root(w), argminBkt)
		if err != nil {
			return nil, err
		}
		out, err := c(w, u).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(bucket), Key: aws.String(key)})
		if err != nil {
			return out, err
		}
		return grantViewOf(out.Owner, out.Grants, perm, ownerID), nil
	}
}

// policyOwnerIDHeader is the suite's id="<bucket owner canonical id>".
func policyOwnerIDHeader(ctx context.Context, w *World) (string, error) {
	id, err := argminCanonicalID(ctx, root(w), argminBkt)
	return `id="` + id + `"`, err
}

// policyAltWrite is another account's PutObject (copySource "") or
// CopyObject of copySource into key, with header (when not "") set to the
// bucket owner's id="<canonical id>" and the SDK input edited by opt.
func policyAltWrite(key, copySource, header string, opt func(put *s3.PutObjectInput, cp *s3.CopyObjectInput)) argminCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		opts, err := policyOwnerHeaderOpts(ctx, w, header)
		if err != nil {
			return nil, err
		}
		put := &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key), Body: strings.NewReader(key)}
		cp := &s3.CopyObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key), CopySource: aws.String(argminBkt + "/" + copySource)}
		if opt != nil {
			opt(put, cp)
		}
		c := w.S3(Root(argminAlt))
		if copySource == "" {
			return c.PutObject(ctx, put, opts...)
		}
		return c.CopyObject(ctx, cp, opts...)
	}
}

// policyOwnerHeaderOpts sets header (when not "") to the bucket owner's
// id="<canonical id>" on an SDK call.
func policyOwnerHeaderOpts(ctx context.Context, w *World, header string) ([]func(*s3.Options), error) {
	if header == "" {
		return nil, nil
	}
	value, err := policyOwnerIDHeader(ctx, w)
	if err != nil {
		return nil, err
	}
	return []func(*s3.Options){s3.WithAPIOptions(smithyhttp.AddHeaderValue(header, value))}, nil
}

// policyGrantPolicy puts a policy allowing the alternate account
// s3:PutObject on the objects when condKey equals the bucket owner's
// id="<canonical id>" (and s3:GetObject unconditionally when withGet).
func policyGrantPolicy(condKey string, withGet bool) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		value, err := policyOwnerIDHeader(ctx, w)
		if err != nil {
			return err
		}
		cond, _ := json.Marshal(map[string]map[string]string{"StringEquals": {condKey: value}})
		put := `{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"s3:PutObject","Resource":"` + argminObjectsARN + `","Condition":` + string(cond) + `}`
		if withGet {
			put = `{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"s3:GetObject","Resource":"` + argminObjectsARN + `"},` + put
		}
		return argminPolicy(`{"Version":"2012-10-17","Statement":[`+put+`]}`)(ctx, w, u)
	}
}

const policyControlBkt = "argmin-control"

// policySameOwner reports whether two objects' ACLs name the same owner.
type policySameOwner struct{ Same bool }

func TestArgminPolicyGrantConditions(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	objectWriter := argminSteps(argminBucket(false, types.ObjectOwnershipObjectWriter))
	fullControl := "x-amz-grant-full-control"
	putSetup := append(append(argminSteps(), objectWriter...), policyGrantPolicy("s3:"+fullControl, false), policyControlStep)
	putted := append(append(argminSteps(), putSetup...), policyStep(policyAltWrite("allowed", "", fullControl, nil)))
	owner := func(w *World, _ *argminUsers) *s3.Client { return root(w) }
	ownerGrant := Want{Fields: map[string]any{"OwnerGrant": true}}
	putTest := src("test_bucket_policy_put_obj_grant_full_control")
	cases := []Case{
		argminCase("PutObject/another account without the x-amz-grant-full-control the policy requires", putTest, putSetup,
			policyAltWrite("denied", "", "", nil), argminDenied),
		argminCase("PutObject/another account with the x-amz-grant-full-control the policy requires", putTest, putSetup,
			policyAltWrite("allowed", "", fullControl, nil), Want{}),
		argminCase("GetObjectAcl/the writer sees the bucket owner's FULL_CONTROL grant", putTest, putted,
			policyOwnerGrant(altClient, argminBkt, "allowed", types.PermissionFullControl), ownerGrant),
		argminCase("GetObjectAcl/no grant to the bucket owner without the header", putTest, putted,
			policyOwnerGrant(altClient, policyControlBkt, "control", types.PermissionFullControl), Want{Fields: map[string]any{"OwnerGrant": false}}),
		argminCase("GetObjectAcl/both objects are the writer's", putTest, putted, func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
			a, err := alt(w).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String("allowed")})
			if err != nil {
				return nil, err
			}
			c, err := alt(w).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(policyControlBkt), Key: aws.String("control")})
			if err != nil {
				return nil, err
			}
			return policySameOwner{Same: aws.ToString(a.Owner.ID) == aws.ToString(c.Owner.ID)}, nil
		}, Want{Fields: map[string]any{"Same": true}}),
		argminCase("GetObjectAcl/the bucket owner may not read the ACL of the writer's object without a grant", putTest, putted,
			policyOwnerGrant(owner, policyControlBkt, "control", types.PermissionFullControl), argminDenied),
		argminCase("GetObjectAcl/the bucket owner reads its FULL_CONTROL grant", putTest, putted,
			policyOwnerGrant(owner, argminBkt, "allowed", types.PermissionFullControl), ownerGrant),
	}
	for _, g := range []struct {
		test, header string
		perm         types.Permission
	}{
		{"test_bucket_policy_copy_object_grant_full_control", fullControl, types.PermissionFullControl},
		{"test_bucket_policy_copy_object_grant_write", "x-amz-grant-write", types.PermissionWrite},
		{"test_bucket_policy_copy_object_grant_read_condition", "x-amz-grant-read", types.PermissionRead},
		{"test_bucket_policy_copy_object_grant_read_acp_condition", "x-amz-grant-read-acp", types.PermissionReadAcp},
		{"test_bucket_policy_copy_object_grant_write_acp_condition", "x-amz-grant-write-acp", types.PermissionWriteAcp},
	} {
		steps := append(append(argminSteps(), objectWriter...), policyGrantPolicy("s3:"+g.header, true), argminPut("src", "copy-source", ""))
		copied := append(append(argminSteps(), steps...), policyStep(policyAltWrite("allowed", "src", g.header, nil)))
		cases = append(cases,
			argminCase("CopyObject/another account without the "+g.header+" the policy requires", src(g.test), steps,
				policyAltWrite("denied", "src", "", nil), argminDenied),
			argminCase("CopyObject/another account with the "+g.header+" the policy requires", src(g.test), steps,
				policyAltWrite("allowed", "src", g.header, nil), Want{}),
			argminCase("GetObjectAcl/the copy made with "+g.header+" grants the bucket owner "+string(g.perm), src(g.test), copied,
				policyOwnerGrant(altClient, argminBkt, "allowed", g.perm), ownerGrant))
	}
	Run(t, cases)
}

func TestArgminPolicyCopyConditions(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	getAndPut := func(putActions, cond string) string {
		put := `{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":` + putActions + `,"Resource":"` + argminObjectsARN + `"`
		if cond != "" {
			put += `,"Condition":` + cond
		}
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"s3:GetObject","Resource":"` +
			argminObjectsARN + `"},` + put + `}]}`
	}
	base := func(doc string) []argminStep {
		return argminSteps(argminBucket(false, types.ObjectOwnershipObjectWriter), argminPut("src", "copy-source", ""), argminPolicy(doc))
	}
	replaceTags := func(_ *s3.PutObjectInput, cp *s3.CopyObjectInput) {
		cp.TaggingDirective, cp.Tagging = types.TaggingDirectiveReplace, aws.String("security=public")
	}
	private := func(_ *s3.PutObjectInput, cp *s3.CopyObjectInput) { cp.ACL = types.ObjectCannedACLPrivate }
	tagsTest, aclTest := src("test_bucket_policy_copy_object_replace_tags_require_put_object_tagging"), src("test_bucket_policy_copy_object_acl_condition_applies")
	withTagging := base(getAndPut(`["s3:PutObject","s3:PutObjectTagging"]`, ""))
	aclCond := base(getAndPut(`"s3:PutObject"`, `{"StringEquals":{"s3:x-amz-acl":"private"}}`))
	Run(t, []Case{
		argminCase("CopyObject/REPLACE tags without s3:PutObjectTagging", tagsTest, base(getAndPut(`"s3:PutObject"`, "")),
			policyAltWrite("denied", "src", "", replaceTags), argminDenied),
		argminCase("CopyObject/REPLACE tags with s3:PutObjectTagging", tagsTest, withTagging, policyAltWrite("allowed", "src", "", replaceTags), Want{}),
		argminCase("GetObjectTagging/the copy's replaced tags", tagsTest, append(withTagging, policyStep(policyAltWrite("allowed", "src", "", replaceTags))),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(argminBkt), Key: aws.String("allowed")})
			}, Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "security", "TagSet[0].Value": "public"}}),
		argminCase("CopyObject/without the x-amz-acl the policy requires", aclTest, aclCond, policyAltWrite("denied", "src", "", nil), argminDenied),
		argminCase("CopyObject/with x-amz-acl private as the policy requires", aclTest, aclCond, policyAltWrite("allowed", "src", "", private), Want{}),
		argminCase("GetObject/the copy made under the x-amz-acl condition", aclTest, append(aclCond, policyStep(policyAltWrite("allowed", "src", "", private))),
			argminGet(altClient, "allowed"), Want{Fields: map[string]any{"Body": "copy-source"}}),
	})
}

// policyCanonicalID is account's canonical id, as ListBuckets names its
// owner.
func policyCanonicalID(ctx context.Context, w *World, account string) (string, error) {
	out, err := w.S3(Root(account)).ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.Owner.ID), nil
}

// policyGrantHeader is a request's header, e.g. x-amz-grant-read, naming
// account's canonical id in form (fmt verb %s for the id: `id="%s"`).
type policyGrantHeader struct{ name, account, form string }

// option resolves the header into an SDK option that adds it before
// signing; none for the zero header.
func (h policyGrantHeader) option(ctx context.Context, w *World) ([]func(*s3.Options), error) {
	if h.name == "" {
		return nil, nil
	}
	id, err := policyCanonicalID(ctx, w, h.account)
	if err != nil {
		return nil, err
	}
	return []func(*s3.Options){s3.WithAPIOptions(smithyhttp.AddHeaderValue(h.name, fmt.Sprintf(h.form, id)))}, nil
}

// policyWrite is c's PutObject of key (body the key) or PutObjectAcl of
// it (acl true), with a canned ACL ("" none) and a grant header.
func policyWrite(c func(w *World, u *argminUsers) *s3.Client, key string, acl types.ObjectCannedACL, aclCall bool, h policyGrantHeader) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		opts, err := h.option(ctx, w)
		if err != nil {
			return nil, err
		}
		b, k := aws.String(argminBkt), aws.String(key)
		if aclCall {
			return c(w, u).PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: b, Key: k, ACL: acl}, opts...)
		}
		return c(w, u).PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: k, ACL: types.ObjectCannedACL(acl), Body: strings.NewReader(key)}, opts...)
	}
}

// policyHasGrant reads key's ACL as the owner's root and reports whether
// it grants perm to account.
func policyHasGrant(key, account string, perm types.Permission) argminCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		id, err := policyCanonicalID(ctx, w, account)
		if err != nil {
			return nil, err
		}
		out, err := root(w).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		if err != nil {
			return out, err
		}
		return grantViewOf(out.Owner, out.Grants, perm, id), nil
	}
}

// policyAllowDeny allows the alternate account action on the objects and
// denies it under cond.
func policyAllowDeny(action, cond string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"` + action + `","Resource":"` + argminObjectsARN +
		`"},{"Effect":"Deny","Principal":` + argminAltRoot + `,"Action":"` + action + `","Resource":"` + argminObjectsARN + `","Condition":` + cond + `}]}`
}

func TestArgminPolicyACLConditions(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	tagged := func(pabOff bool) []argminStep {
		return argminSteps(argminBucket(pabOff, types.ObjectOwnershipObjectWriter), argminTagged("public", "public"), argminTagged("private", "private"))
	}
	readAlt := policyGrantHeader{"x-amz-grant-read", argminAlt, `id="%s"`}
	readOwner := policyGrantHeader{"x-amz-grant-read", owner, `id="%s"`}
	none := policyGrantHeader{}
	tagPut := append(tagged(true), argminPolicy(argminStatement("Allow", argminAltRoot, "s3:PutObjectAcl", argminObjectsARN, `{"StringEquals":{"s3:ExistingObjectTag/security":"public"}}`)))
	ownedByBucket := argminSteps(argminBucket(false, types.ObjectOwnershipObjectWriter), argminPut("owned-by-bucket", "owned-by-bucket", ""))
	aclAllowed := append(append(argminSteps(), ownedByBucket...), argminPolicy(policyAllowAlt("s3:PutObjectAcl", argminObjectsARN)))
	ow := argminSteps(argminBucket(false, types.ObjectOwnershipObjectWriter))
	publicPut := argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter))
	publicAllowed := append(append(argminSteps(), publicPut...), argminPolicy(policyAllowAlt("s3:PutObject", argminObjectsARN)))
	denyPublic := argminSteps(argminBucket(false, ""), argminPolicy(policyAllowDeny("s3:PutObject", `{"StringLike":{"s3:x-amz-acl":"public*"}}`)))
	nullPut := append(append(argminSteps(), ow...), argminPolicy(policyAllowDeny("s3:PutObject", `{"Null":{"s3:x-amz-acl":"true"}}`)))
	notEqPut := append(append(argminSteps(), ow...), argminPolicy(policyAllowDeny("s3:PutObject", `{"StringNotEquals":{"s3:x-amz-acl":"private"}}`)))
	nullACL := append(append(argminSteps(), ownedByBucket...), argminPolicy(policyAllowDeny("s3:PutObjectAcl", `{"Null":{"s3:x-amz-acl":"true"}}`)))
	notEqACL := append(append(argminSteps(), ownedByBucket...), argminPolicy(policyAllowDeny("s3:PutObjectAcl", `{"StringNotEquals":{"s3:x-amz-acl":"private"}}`)))
	spaced := argminSteps(argminBucket(false, types.ObjectOwnershipObjectWriter), policyGrantDeny)
	readBy := func(c func(w *World, u *argminUsers) *s3.Client, bucket, key string) argminCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			out, err := c(w, u).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
			if err != nil {
				return out, err
			}
			defer out.Body.Close()
			b, err := io.ReadAll(out.Body)
			return argminBody{Body: string(b)}, err
		}
	}
	grantRead := append(append(argminSteps(), ow...), policyGrantPolicy("s3:x-amz-grant-read", false), policyControlStep,
		policyStep(policyWrite(altClient, "allowed", "", false, readOwner)))
	ownerC := func(w *World, _ *argminUsers) *s3.Client { return root(w) }
	bodyIs := func(b string) Want { return Want{Fields: map[string]any{"Body": b}} }
	granted := Want{Fields: map[string]any{"OwnerGrant": true}}
	Run(t, []Case{
		argminCase("PutObjectAcl/another account without a policy", src("test_bucket_policy_put_object_acl_existing_tag_condition"), tagged(true),
			policyWrite(altClient, "public", "", true, readAlt), argminDenied),
		argminCase("PutObjectAcl/another account allowed on the object's tag", src("test_bucket_policy_put_object_acl_existing_tag_condition"), tagPut,
			policyWrite(altClient, "public", "", true, readAlt), Want{}),
		argminCase("GetObjectAcl/the grant the other account put on the tagged object", src("test_bucket_policy_put_object_acl_existing_tag_condition"),
			append(tagPut, policyStep(policyWrite(altClient, "public", "", true, readAlt))), policyHasGrant("public", argminAlt, types.PermissionRead), granted),
		argminCase("PutObjectAcl/another account on an object without the tag", src("test_bucket_policy_put_object_acl_existing_tag_condition"), tagPut,
			policyWrite(altClient, "private", "", true, readAlt), argminDenied),

		argminCase("PutObjectAcl/another account before the policy", src("test_bucket_policy_put_object_acl_cross_account_allow"), ownedByBucket,
			policyWrite(altClient, "owned-by-bucket", "", true, readAlt), argminDenied),
		argminCase("PutObjectAcl/another account allowed s3:PutObjectAcl", src("test_bucket_policy_put_object_acl_cross_account_allow"), aclAllowed,
			policyWrite(altClient, "owned-by-bucket", "", true, readAlt), Want{}),
		argminCase("GetObjectAcl/the READ grant the other account gave itself", src("test_bucket_policy_put_object_acl_cross_account_allow"),
			append(aclAllowed, policyStep(policyWrite(altClient, "owned-by-bucket", "", true, readAlt))), policyHasGrant("owned-by-bucket", argminAlt, types.PermissionRead), granted),
		argminCase("GetObject/another account reads under the READ grant it gave itself", src("test_bucket_policy_put_object_acl_cross_account_allow"),
			append(aclAllowed, policyStep(policyWrite(altClient, "owned-by-bucket", "", true, readAlt))), argminGet(altClient, "owned-by-bucket"), bodyIs("owned-by-bucket")),

		argminCase("PutObject/public-read by another account without a policy", src("test_bucket_policy_put_object_canned_acl_uses_put_object_permission"), publicPut,
			policyWrite(altClient, "public-read", types.ObjectCannedACLPublicRead, false, none), argminDenied),
		argminCase("PutObject/public-read by another account allowed only s3:PutObject", src("test_bucket_policy_put_object_canned_acl_uses_put_object_permission"), publicAllowed,
			policyWrite(altClient, "public-read", types.ObjectCannedACLPublicRead, false, none), Want{}),
		argminCase("GetObject/unsigned, the public-read object another account wrote", src("test_bucket_policy_put_object_canned_acl_uses_put_object_permission"),
			append(publicAllowed, policyStep(policyWrite(altClient, "public-read", types.ObjectCannedACLPublicRead, false, none))),
			policyAnonRead("/"+argminBkt+"/public-read"), bodyIs("public-read")),

		argminCase("PutObject/no x-amz-acl under a deny of public*", src("test_bucket_policy_put_object_deny_on_public_acl"), denyPublic,
			policyWrite(altClient, "private-key", "", false, none), Want{}),
		argminCase("PutObject/public-read under a deny of public*", src("test_bucket_policy_put_object_deny_on_public_acl"), denyPublic,
			policyWrite(altClient, "public-key", types.ObjectCannedACLPublicRead, false, none), argminDenied),

		argminCase("PutObject/no x-amz-acl under a deny on Null", src("test_bucket_policy_put_object_acl_null_condition_treats_absent_header_as_null"), nullPut,
			policyWrite(altClient, "denied", "", false, none), argminDenied),
		argminCase("PutObject/x-amz-acl private under a deny on Null", src("test_bucket_policy_put_object_acl_null_condition_treats_absent_header_as_null"), nullPut,
			policyWrite(altClient, "allowed", types.ObjectCannedACLPrivate, false, none), Want{}),
		argminCase("GetObject/the object written with x-amz-acl private under the Null deny", src("test_bucket_policy_put_object_acl_null_condition_treats_absent_header_as_null"),
			append(nullPut, policyStep(policyWrite(altClient, "allowed", types.ObjectCannedACLPrivate, false, none))), argminGet(altClient, "allowed"), bodyIs("allowed")),

		argminCase("PutObject/no x-amz-acl under a deny on StringNotEquals private", src("test_bucket_policy_put_object_acl_string_not_equals_treats_absent_header_as_not_equal"), notEqPut,
			policyWrite(altClient, "absent", "", false, none), argminDenied),
		argminCase("PutObject/bucket-owner-full-control under a deny on StringNotEquals private", src("test_bucket_policy_put_object_acl_string_not_equals_treats_absent_header_as_not_equal"), notEqPut,
			policyWrite(altClient, "wrong", types.ObjectCannedACLBucketOwnerFullControl, false, none), argminDenied),
		argminCase("PutObject/private under a deny on StringNotEquals private", src("test_bucket_policy_put_object_acl_string_not_equals_treats_absent_header_as_not_equal"), notEqPut,
			policyWrite(altClient, "allowed", types.ObjectCannedACLPrivate, false, none), Want{}),
		argminCase("GetObject/the object written with private under StringNotEquals", src("test_bucket_policy_put_object_acl_string_not_equals_treats_absent_header_as_not_equal"),
			append(notEqPut, policyStep(policyWrite(altClient, "allowed", types.ObjectCannedACLPrivate, false, none))), argminGet(altClient, "allowed"), bodyIs("allowed")),

		argminCase("PutObjectAcl/a grant header without x-amz-acl under a deny on Null", src("test_bucket_policy_put_object_acl_null_treats_absent_header_as_null"), nullACL,
			policyWrite(altClient, "owned-by-bucket", "", true, readAlt), argminDenied),
		argminCase("PutObjectAcl/x-amz-acl private under a deny on Null", src("test_bucket_policy_put_object_acl_null_treats_absent_header_as_null"), nullACL,
			policyWrite(altClient, "owned-by-bucket", types.ObjectCannedACLPrivate, true, none), Want{}),
		argminCase("PutObjectAcl/a grant header under a deny on StringNotEquals private", src("test_bucket_policy_put_object_acl_string_not_equals_treats_absent_acl_header_as_not_equal"), notEqACL,
			policyWrite(altClient, "owned-by-bucket", "", true, readAlt), argminDenied),
		argminCase("PutObjectAcl/bucket-owner-full-control under a deny on StringNotEquals private", src("test_bucket_policy_put_object_acl_string_not_equals_treats_absent_acl_header_as_not_equal"), notEqACL,
			policyWrite(altClient, "owned-by-bucket", types.ObjectCannedACLBucketOwnerFullControl, true, none), argminDenied),
		argminCase("PutObjectAcl/private under a deny on StringNotEquals private", src("test_bucket_policy_put_object_acl_string_not_equals_treats_absent_acl_header_as_not_equal"), notEqACL,
			policyWrite(altClient, "owned-by-bucket", types.ObjectCannedACLPrivate, true, none), Want{}),

		argminCase("GetObject/the bucket owner reads an object the writer granted it READ", src("test_bucket_policy_put_obj_grant_read_condition"), grantRead,
			readBy(ownerC, argminBkt, "allowed"), bodyIs("allowed")),
		argminCase("GetObject/the bucket owner may not read the writer's object without a grant", src("test_bucket_policy_put_obj_grant_read_condition"), grantRead,
			readBy(ownerC, policyControlBkt, "control"), argminDenied),

		argminCase("PutObject/x-amz-grant-read as the deny's value", src("test_bucket_policy_grant_read_condition_uses_raw_header_spacing"), spaced,
			policyWrite(primary, "canonical-denied", "", false, readOwner), argminDenied),
		argminCase("PutObject/x-amz-grant-read spaced differently from the deny's value", src("test_bucket_policy_grant_read_condition_uses_raw_header_spacing"), spaced,
			policyWrite(primary, "spaced-allowed", "", false, policyGrantHeader{"x-amz-grant-read", owner, `id = "%s"`}), Want{}),
		argminCase("GetObjectAcl/the spaced x-amz-grant-read granted READ", src("test_bucket_policy_grant_read_condition_uses_raw_header_spacing"),
			append(spaced, policyStep(policyWrite(primary, "spaced-allowed", "", false, policyGrantHeader{"x-amz-grant-read", owner, `id = "%s"`}))),
			policyHasGrant("spaced-allowed", owner, types.PermissionRead), granted),
	})
}

// policyControlStep makes policyControlBkt, another ObjectWriter bucket
// of the owner whose policy allows the alternate account s3:PutObject,
// with "control" written there by that account.
func policyControlStep(ctx context.Context, w *World, _ *argminUsers) error {
	b := aws.String(policyControlBkt)
	if _, err := root(w).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: b, ObjectOwnership: types.ObjectOwnershipObjectWriter}); err != nil {
		return err
	}
	if _, err := root(w).PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: b,
		Policy: aws.String(argminStatement("Allow", argminAltRoot, "s3:PutObject", "arn:aws:s3:::"+policyControlBkt+"/*", ""))}); err != nil {
		return err
	}
	_, err := alt(w).PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("control"), Body: strings.NewReader("control")})
	return err
}

// policyGrantDeny denies everyone s3:PutObject when x-amz-grant-read is
// exactly id="<owner canonical id>".
func policyGrantDeny(ctx context.Context, w *World, u *argminUsers) error {
	id, err := policyCanonicalID(ctx, w, owner)
	if err != nil {
		return err
	}
	cond, _ := json.Marshal(map[string]map[string]string{"StringEquals": {"s3:x-amz-grant-read": `id="` + id + `"`}})
	return argminPolicy(argminStatement("Deny", `"*"`, "s3:PutObject", argminObjectsARN, string(cond)))(ctx, w, u)
}
