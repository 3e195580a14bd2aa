package golden

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// argmin bucket_policy.rs's listing conditions: s3:max-keys under the
// numeric and string operators, s3:prefix and s3:delimiter on
// ListObjectVersions, and condition keys S3 refuses for an action.

// policyListing is a listing by the alternate account: prefix and
// delimiter "" for none, maxKeys 0 for none.
type policyListing struct {
	prefix, delimiter, keyMarker string
	maxKeys                      int32
}

func (l policyListing) v2() argminCall {
	return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
		in := &s3.ListObjectsV2Input{Bucket: aws.String(argminBkt)}
		if l.prefix != "" {
			in.Prefix = aws.String(l.prefix)
		}
		if l.maxKeys != 0 {
			in.MaxKeys = aws.Int32(l.maxKeys)
		}
		return c.ListObjectsV2(ctx, in)
	})
}

func (l policyListing) versions() argminCall {
	return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
		in := &s3.ListObjectVersionsInput{Bucket: aws.String(argminBkt)}
		for _, p := range []struct {
			v   string
			dst **string
		}{{l.prefix, &in.Prefix}, {l.delimiter, &in.Delimiter}, {l.keyMarker, &in.KeyMarker}} {
			if p.v != "" {
				*p.dst = aws.String(p.v)
			}
		}
		if l.maxKeys != 0 {
			in.MaxKeys = aws.Int32(l.maxKeys)
		}
		return c.ListObjectVersions(ctx, in)
	})
}

// policyListBucket is create_bucket_allowing_public_policy with keys
// written, versioned when asked, and doc put.
func policyListBucket(versioned bool, doc string, keys ...string) []argminStep {
	steps := argminSteps(argminBucket(true, ""))
	if versioned {
		steps = append(steps, func(ctx context.Context, w *World, _ *argminUsers) error {
			_, err := root(w).PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(argminBkt),
				VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
			return err
		})
	}
	for _, k := range keys {
		steps = append(steps, argminPut(k, "body", ""))
	}
	return append(steps, argminPolicy(doc))
}

// policyMaxKeys allows the alternate account action under op on
// s3:max-keys (value as written in JSON).
func policyMaxKeys(action, op, value string) string {
	return argminStatement("Allow", argminAltRoot, action, argminBucketARN, `{"`+op+`":{"s3:max-keys":`+value+`}}`)
}

func TestArgminPolicyMaxKeys(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", "test_bucket_policy_list_bucket_"+test) }
	maxKeys := func(n int32) Want { return Want{Fields: map[string]any{"MaxKeys": n}} }
	var cases []Case
	add := func(name, test, doc string, l policyListing, want Want) {
		cases = append(cases, argminCase(name, src(test), policyListBucket(false, doc, "one", "two", "three"), l.v2(), want))
	}
	eq2 := policyMaxKeys("s3:ListBucket", "NumericEquals", "2")
	add("ListObjectsV2/max-keys 2 under NumericEquals 2", "max_keys_numeric_equals_condition", eq2, policyListing{maxKeys: 2}, maxKeys(2))
	add("ListObjectsV2/no max-keys under NumericEquals 2", "max_keys_numeric_equals_condition", eq2, policyListing{}, argminDenied)
	add("ListObjectsV2/max-keys 3 under NumericEquals 2", "max_keys_numeric_equals_condition", eq2, policyListing{maxKeys: 3}, argminDenied)
	for _, x := range []struct {
		op               string
		allowed, denied  int32
		omittedIsAllowed bool
	}{
		{"NumericNotEquals", 3, 2, false}, {"NumericLessThan", 1, 2, false}, {"NumericLessThanEquals", 2, 3, false},
		{"NumericGreaterThan", 3, 2, false}, {"NumericGreaterThanEquals", 2, 1, false},
		{"NumericEqualsIfExists", 2, 3, true}, {"NumericNotEqualsIfExists", 3, 2, true}, {"NumericLessThanIfExists", 1, 2, true},
		{"NumericLessThanEqualsIfExists", 2, 3, true}, {"NumericGreaterThanIfExists", 3, 2, true}, {"NumericGreaterThanEqualsIfExists", 2, 1, true},
	} {
		test := "max_keys_numeric_comparison_operators"
		if x.omittedIsAllowed {
			test = "max_keys_numeric_if_exists_operators"
		}
		doc := policyMaxKeys("s3:ListBucket", x.op, "2")
		add(fmt.Sprintf("ListObjectsV2/max-keys %d under %s 2", x.allowed, x.op), test, doc, policyListing{maxKeys: x.allowed}, maxKeys(x.allowed))
		add(fmt.Sprintf("ListObjectsV2/max-keys %d under %s 2", x.denied, x.op), test, doc, policyListing{maxKeys: x.denied}, argminDenied)
		if x.omittedIsAllowed {
			add("ListObjectsV2/no max-keys under "+x.op+" 2", test, doc, policyListing{}, Want{})
		}
	}
	str2 := policyMaxKeys("s3:ListBucket", "StringEquals", `"2"`)
	add("ListObjectsV2/max-keys 2 under StringEquals \"2\"", "max_keys_string_equals_condition", str2, policyListing{maxKeys: 2}, maxKeys(2))
	add("ListObjectsV2/max-keys 3 under StringEquals \"2\"", "max_keys_string_equals_condition", str2, policyListing{maxKeys: 3}, argminDenied)
	eq1000 := policyMaxKeys("s3:ListBucket", "NumericEquals", "1000")
	add("ListObjectsV2/max-keys 1000 under NumericEquals 1000", "max_keys_omitted_is_absent_for_numeric_condition", eq1000, policyListing{maxKeys: 1000}, maxKeys(1000))
	add("ListObjectsV2/no max-keys is not the default 1000", "max_keys_omitted_is_absent_for_numeric_condition", eq1000, policyListing{}, argminDenied)
	add("ListObjectsV2/max-keys 999 under NumericEquals 1000", "max_keys_omitted_is_absent_for_numeric_condition", eq1000, policyListing{maxKeys: 999}, argminDenied)
	for test, operand := range map[string]string{
		"max_keys_numeric_equals_nonnumeric_value_does_not_match": `"not-a-number"`,
		"max_keys_numeric_equals_wildcard_value_does_not_match":   `"*"`,
	} {
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"s3:ListBucket","Resource":"` + argminBucketARN +
			`","Condition":{"StringEquals":{"s3:prefix":"allowed/"}}},{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"s3:ListBucket","Resource":"` +
			argminBucketARN + `","Condition":{"StringEquals":{"s3:prefix":"denied/"},"NumericEquals":{"s3:max-keys":` + operand + `}}}]}`
		steps := policyListBucket(false, doc, "allowed/one", "denied/one")
		cases = append(cases,
			argminCase("ListObjectsV2/prefix allowed/ beside a NumericEquals of "+operand, src(test), steps,
				policyListing{prefix: "allowed/"}.v2(), Want{Fields: map[string]any{"Contents": Len(1), "Contents[0].Key": "allowed/one"}}),
			argminCase("ListObjectsV2/max-keys 2 does not match NumericEquals "+operand, src(test), steps,
				policyListing{prefix: "denied/", maxKeys: 2}.v2(), argminDenied))
	}
	Run(t, cases)
}

func TestArgminPolicyVersionListing(t *testing.T) {
	src := func(test string) string {
		return argmin("bucket_policy.rs", "test_bucket_policy_list_bucket_versions_"+test)
	}
	cond := func(c string) string {
		return argminStatement("Allow", argminAltRoot, "s3:ListBucketVersions", argminBucketARN, c)
	}
	prefix := policyListBucket(true, cond(`{"StringEquals":{"s3:prefix":"allowed/"}}`), "allowed/versioned", "blocked/versioned")
	delim := policyListBucket(true, cond(`{"StringEquals":{"s3:delimiter":"/"}}`), "allowed/versioned", "allowed/again", "z-versioned")
	maxKeys := policyListBucket(true, policyMaxKeys("s3:ListBucketVersions", "NumericEquals", "2"), "one", "two", "three")
	Run(t, []Case{
		argminCase("ListObjectVersions/prefix allowed/ as the policy wants", src("prefix_condition"), prefix, policyListing{prefix: "allowed/"}.versions(),
			Want{Fields: map[string]any{"Versions": Len(1), "Versions[0].Key": "allowed/versioned"}}),
		argminCase("ListObjectVersions/no prefix under an s3:prefix condition", src("prefix_condition"), prefix, policyListing{}.versions(), argminDenied),
		argminCase("ListObjectVersions/another prefix", src("prefix_condition"), prefix, policyListing{prefix: "blocked/"}.versions(), argminDenied),

		argminCase("ListObjectVersions/delimiter / and max-keys 1", src("delimiter_condition"), delim, policyListing{delimiter: "/", maxKeys: 1}.versions(),
			Want{Fields: map[string]any{"Versions": Len(0), "CommonPrefixes": Len(1), "CommonPrefixes[0].Prefix": "allowed/", "IsTruncated": true,
				"NextKeyMarker": "allowed/", "NextVersionIdMarker": Absent}}),
		argminCase("ListObjectVersions/delimiter / after the key marker allowed/", src("delimiter_condition"), delim,
			policyListing{delimiter: "/", keyMarker: "allowed/"}.versions(),
			Want{Fields: map[string]any{"CommonPrefixes": Len(0), "Versions": Len(1), "Versions[0].Key": "z-versioned"}}),
		argminCase("ListObjectVersions/delimiter / after a key marker inside the prefix", src("delimiter_condition"), delim,
			policyListing{delimiter: "/", keyMarker: "allowed/again"}.versions(),
			Want{Fields: map[string]any{"CommonPrefixes": Len(0), "Versions": Len(1), "Versions[0].Key": "z-versioned"}}),
		argminCase("ListObjectVersions/no delimiter under an s3:delimiter condition", src("delimiter_condition"), delim, policyListing{}.versions(), argminDenied),
		argminCase("ListObjectVersions/delimiter .", src("delimiter_condition"), delim, policyListing{delimiter: "."}.versions(), argminDenied),

		argminCase("ListObjectVersions/max-keys 2 under NumericEquals 2", src("max_keys_numeric_equals_condition"), maxKeys, policyListing{maxKeys: 2}.versions(),
			Want{Fields: map[string]any{"MaxKeys": int32(2)}}),
		argminCase("ListObjectVersions/no max-keys under NumericEquals 2", src("max_keys_numeric_equals_condition"), maxKeys, policyListing{}.versions(), argminDenied),
		argminCase("ListObjectVersions/max-keys 3 under NumericEquals 2", src("max_keys_numeric_equals_condition"), maxKeys, policyListing{maxKeys: 3}.versions(), argminDenied),
	})
}

func TestArgminPolicyConditionKeysPerAction(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", "test_bucket_policy_"+test) }
	refused := Want{Status: http.StatusBadRequest, Code: "MalformedPolicy"}
	open := argminSteps(argminBucket(true, ""))
	own := func(o types.ObjectOwnership) func(ctx context.Context, c *s3.Client) (any, error) {
		return func(ctx context.Context, c *s3.Client) (any, error) {
			return c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String(argminBkt),
				OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: o}}}})
		}
	}
	ownDoc := argminSteps(argminBucket(true, ""), argminPolicy(argminStatement("Allow", argminAltRoot, "s3:PutBucketOwnershipControls", argminBucketARN,
		`{"StringEquals":{"s3:x-amz-object-ownership":"BucketOwnerPreferred"}}`)))
	ownTest := src("put_bucket_ownership_controls_object_ownership_condition")
	Run(t, []Case{
		argminCase("PutBucketPolicy/s3:prefix on s3:ListBucketMultipartUploads", src("list_multipart_uploads_prefix_condition_is_rejected"), open,
			argminPutPolicy(primary, argminStatement("Allow", argminAltRoot, "s3:ListBucketMultipartUploads", argminBucketARN, `{"StringEquals":{"s3:prefix":"allowed/"}}`)), refused),
		argminCase("PutBucketPolicy/s3:locationconstraint on s3:GetBucketLocation", src("get_bucket_location_location_constraint_condition_is_rejected"), open,
			argminPutPolicy(primary, argminStatement("Allow", argminAltRoot, "s3:GetBucketLocation", argminBucketARN, `{"StringEquals":{"s3:locationconstraint":"us-east-1"}}`)), refused),
		argminCase("PutBucketOwnershipControls/ObjectWriter where the policy wants BucketOwnerPreferred", ownTest, ownDoc,
			policyAlt(own(types.ObjectOwnershipObjectWriter)), argminDenied),
		argminCase("PutBucketOwnershipControls/BucketOwnerPreferred as the policy wants", ownTest, ownDoc, policyAlt(own(types.ObjectOwnershipBucketOwnerPreferred)), Want{}),
		argminCase("GetBucketOwnershipControls/the owner reads the other account's BucketOwnerPreferred", ownTest,
			append(ownDoc, policyStep(policyAlt(own(types.ObjectOwnershipBucketOwnerPreferred)))),
			policyOwner(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(argminBkt)})
			}), Want{Fields: map[string]any{"OwnershipControls.Rules[0].ObjectOwnership": "BucketOwnerPreferred"}}),
	})
}
