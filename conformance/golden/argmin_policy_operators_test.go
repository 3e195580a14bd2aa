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

// argmin bucket_policy.rs's condition operators against AWS: Binary*,
// Date* on aws:CurrentTime, Numeric* on aws:EpochTime, set operators on
// s3:RequestObjectTagKeys, s3:prefix literals, StringEqualsIgnoreCase.

// policyAltPut is the alternate account's PutObject of key with the
// x-amz-tagging query string tagging ("" none).
func policyAltPut(key, tagging string) argminCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		in := &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key), Body: strings.NewReader(key)}
		if tagging != "" {
			in.Tagging = aws.String(tagging)
		}
		return alt(w).PutObject(ctx, in)
	}
}

// policyAltTag is the alternate account's PutObjectTagging of key with
// pairs k1, v1, k2, v2...
func policyAltTag(key string, pairs ...string) argminCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		var tags []types.Tag
		for i := 0; i+1 < len(pairs); i += 2 {
			tags = append(tags, types.Tag{Key: aws.String(pairs[i]), Value: aws.String(pairs[i+1])})
		}
		return alt(w).PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(argminBkt), Key: aws.String(key),
			Tagging: &types.Tagging{TagSet: tags}})
	}
}

// policyAltAllows is a policy allowing the alternate account actions on
// the objects under cond.
func policyAltAllows(actions, cond string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":` + actions +
		`,"Resource":"` + argminObjectsARN + `","Condition":` + cond + `}]}`
}

func TestArgminPolicyRequestTags(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	putAndTag := `["s3:PutObject","s3:PutObjectTagging"]`
	withPolicy := func(doc string, keys ...string) []argminStep {
		s := argminSteps(argminBucket(true, ""))
		for _, k := range keys {
			s = append(s, argminPut(k, "object", ""))
		}
		return append(s, argminPolicy(doc))
	}
	type c struct {
		name, test, doc string
		keys            []string
		call            argminCall
		allowed         bool
	}
	bin := policyAltAllows(putAndTag, `{"BinaryEquals":{"s3:RequestObjectTag/security":"cHVibGlj"}}`)
	star := policyAltAllows(putAndTag, `{"BinaryEquals":{"s3:RequestObjectTag/security":"Kg=="}}`)
	ifExists := policyAltAllows(putAndTag, `{"BinaryEqualsIfExists":{"s3:RequestObjectTag/security":"cHVibGlj"}}`)
	allBin := policyAltAllows(`"s3:PutObjectTagging"`, `{"ForAllValues:BinaryEquals":{"s3:RequestObjectTagKeys":["YWJj","ZGVm"]}}`)
	anyBin := policyAltAllows(`"s3:PutObjectTagging"`, `{"ForAnyValue:BinaryEquals":{"s3:RequestObjectTagKeys":["YWJj","ZGVm"]}}`)
	allNot := policyAltAllows(`"s3:PutObjectTagging"`, `{"ForAllValues:StringNotEquals":{"s3:RequestObjectTagKeys":["blocked","private"]}}`)
	anyNot := policyAltAllows(`"s3:PutObjectTagging"`, `{"ForAnyValue:StringNotEquals":{"s3:RequestObjectTagKeys":["blocked","private"]}}`)
	putAllNot := policyAltAllows(putAndTag, `{"ForAllValues:StringNotEquals":{"s3:RequestObjectTagKeys":["blocked","private"]}}`)
	putAnyNot := policyAltAllows(putAndTag, `{"ForAnyValue:StringNotEquals":{"s3:RequestObjectTagKeys":["blocked","private"]}}`)
	eq := policyAltAllows(putAndTag, `{"StringEquals":{"s3:RequestObjectTag/security":"public"}}`)
	ignoreCase := policyAltAllows(putAndTag, `{"StringEqualsIgnoreCase":{"s3:RequestObjectTag/security":"public"}}`)
	tagOnly := policyAltAllows(`"s3:PutObjectTagging"`, `{"StringEquals":{"s3:RequestObjectTag/security":"public"}}`)
	var cases []Case
	for _, x := range []c{
		{"PutObject/another account without the tag the policy requires", "test_bucket_policy_put_obj_request_object_tag", eq, nil, policyAltPut("denied", ""), false},
		{"PutObject/another account with the tag the policy requires", "test_bucket_policy_put_obj_request_object_tag", eq, nil, policyAltPut("allowed", "security=public"), true},
		{"PutObject/BinaryEquals compares the tag with the base64 text itself", "test_bucket_policy_request_object_tag_binary_equals_matches_base64_value", bin, nil,
			policyAltPut("binary-allowed", "security=cHVibGlj"), true},
		{"PutObject/BinaryEquals does not match the decoded value", "test_bucket_policy_request_object_tag_binary_equals_matches_base64_value", bin, nil,
			policyAltPut("binary-denied", "security=public"), false},
		{"PutObject/BinaryEquals does not match another base64 value", "test_bucket_policy_request_object_tag_binary_equals_matches_base64_value", bin, nil,
			policyAltPut("binary-private-denied", "security=cHJpdmF0ZQ%3D%3D"), false},
		{"PutObject/BinaryEquals Kg== matches the tag Kg==", "test_bucket_policy_request_object_tag_binary_equals_does_not_wildcard_match", star, nil,
			policyAltPut("binary-wildcard-literal-allowed", "security=Kg%3D%3D"), true},
		{"PutObject/BinaryEquals Kg== (an asterisk) is no wildcard", "test_bucket_policy_request_object_tag_binary_equals_does_not_wildcard_match", star, nil,
			policyAltPut("binary-wildcard-denied", "security=cHVibGlj"), false},
		{"PutObject/BinaryEqualsIfExists without the tag", "test_bucket_policy_request_object_tag_binary_equals_if_exists_matches_missing_tag", ifExists, nil,
			policyAltPut("binary-if-exists-missing", ""), true},
		{"PutObject/BinaryEqualsIfExists with another value", "test_bucket_policy_request_object_tag_binary_equals_if_exists_matches_missing_tag", ifExists, nil,
			policyAltPut("binary-if-exists-denied", "security=cHJpdmF0ZQ%3D%3D"), false},
		{"PutObjectTagging/ForAllValues:BinaryEquals, every key listed", "test_bucket_policy_request_object_tag_keys_for_all_values_binary_equals", allBin, []string{"k"},
			policyAltTag("k", "YWJj", "1", "ZGVm", "2"), true},
		{"PutObjectTagging/ForAllValues:BinaryEquals, a key not listed", "test_bucket_policy_request_object_tag_keys_for_all_values_binary_equals", allBin, []string{"k"},
			policyAltTag("k", "YWJj", "1", "Z2hp", "3"), false},
		{"PutObjectTagging/ForAnyValue:BinaryEquals, one key listed", "test_bucket_policy_request_object_tag_keys_for_any_value_binary_equals", anyBin, []string{"k"},
			policyAltTag("k", "Z2hp", "3", "ZGVm", "2"), true},
		{"PutObjectTagging/ForAnyValue:BinaryEquals, no key listed", "test_bucket_policy_request_object_tag_keys_for_any_value_binary_equals", anyBin, []string{"k"},
			policyAltTag("k", "Z2hp", "3", "amts", "4"), false},
		{"PutObjectTagging/ForAllValues:StringNotEquals, no blocked key", "test_bucket_policy_request_object_tag_keys_for_all_values_string_not_equals", allNot, []string{"k"},
			policyAltTag("k", "public", "1", "shared", "2"), true},
		{"PutObjectTagging/ForAllValues:StringNotEquals, a blocked key", "test_bucket_policy_request_object_tag_keys_for_all_values_string_not_equals", allNot, []string{"k"},
			policyAltTag("k", "public", "1", "blocked", "2"), false},
		{"PutObjectTagging/ForAnyValue:StringNotEquals, one key not blocked", "test_bucket_policy_request_object_tag_keys_for_any_value_string_not_equals", anyNot, []string{"k"},
			policyAltTag("k", "blocked", "1", "public", "2"), true},
		{"PutObjectTagging/ForAnyValue:StringNotEquals, only a blocked key", "test_bucket_policy_request_object_tag_keys_for_any_value_string_not_equals", anyNot, []string{"k"},
			policyAltTag("k", "blocked", "1"), false},
		{"PutObject/ForAllValues:StringNotEquals with no tags", "test_bucket_policy_put_object_no_tag_keys_for_all_values_string_not_equals", putAllNot, nil,
			policyAltPut("string-not-equals-for-all-no-tags", ""), true},
		{"PutObject/ForAllValues:StringNotEquals with a blocked tag", "test_bucket_policy_put_object_no_tag_keys_for_all_values_string_not_equals", putAllNot, nil,
			policyAltPut("string-not-equals-for-all-blocked-tag", "blocked=1"), false},
		{"PutObject/ForAnyValue:StringNotEquals with a tag not blocked", "test_bucket_policy_put_object_no_tag_keys_for_any_value_string_not_equals", putAnyNot, nil,
			policyAltPut("string-not-equals-for-any-public-tag", "public=1"), true},
		{"PutObject/ForAnyValue:StringNotEquals with no tags", "test_bucket_policy_put_object_no_tag_keys_for_any_value_string_not_equals", putAnyNot, nil,
			policyAltPut("string-not-equals-for-any-no-tags", ""), false},
		{"PutObjectTagging/the tag s3:RequestObjectTag requires", "test_bucket_policy_put_object_tagging_request_object_tag", tagOnly, []string{"k"},
			policyAltTag("k", "security", "public"), true},
		{"PutObjectTagging/another value than s3:RequestObjectTag requires", "test_bucket_policy_put_object_tagging_request_object_tag", tagOnly, []string{"k"},
			policyAltTag("k", "security", "private"), false},
		{"PutObject/StringEqualsIgnoreCase with the value in upper case", "test_bucket_policy_string_equals_ignore_case_request_object_tag", ignoreCase, nil,
			policyAltPut("allowed-uppercase", "security=PUBLIC"), true},
		{"PutObject/StringEqualsIgnoreCase with another value", "test_bucket_policy_string_equals_ignore_case_request_object_tag", ignoreCase, nil,
			policyAltPut("denied-private", "security=private"), false},
	} {
		want := argminDenied
		if x.allowed {
			want = Want{}
		}
		cases = append(cases, argminCase(x.name, src(x.test), withPolicy(x.doc, x.keys...), x.call, want))
	}
	decoded := src("test_bucket_policy_request_object_tag_condition_uses_decoded_tag_value")
	denyOther := argminSteps(argminBucket(false, ""), argminPolicy(argminStatement("Deny", `"*"`, "s3:PutObject", argminObjectsARN,
		`{"StringNotEquals":{"s3:RequestObjectTag/security":"public"}}`)))
	rawPut := func(key, tagging string) argminCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt+"/"+key, []byte(key), http.Header{"X-Amz-Tagging": {tagging}})
		}
	}
	getTags := func(key string) argminCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		}
	}
	tagged := Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "security", "TagSet[0].Value": "public"}}
	cases = append(cases,
		argminCase("PutObject/x-amz-tagging another value than the deny spares", decoded, denyOther, rawPut("denied-tag", "security=private"),
			Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		argminCase("PutObject/x-amz-tagging percent-encoding the value the deny spares", decoded, denyOther, rawPut("encoded-tag", "security=pub%6Cic"), Want{}),
		argminCase("GetObjectTagging/the percent-encoded tag is stored decoded", decoded, append(denyOther, policyStep(rawPut("encoded-tag", "security=pub%6Cic"))),
			getTags("encoded-tag"), tagged),
		argminCase("GetObjectTagging/the tag another account put under s3:RequestObjectTag", src("test_bucket_policy_put_object_tagging_request_object_tag"),
			withPolicy(tagOnly, "k"), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				if _, err := policyAltTag("k", "security", "public")(ctx, w, u); err != nil {
					return nil, err
				}
				_, _ = policyAltTag("k", "security", "private")(ctx, w, u)
				return getTags("k")(ctx, w, u)
			}, tagged),
	)
	Run(t, cases)
}

func TestArgminPolicyPrefixLiteral(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	steps := func(op string) []argminStep {
		return argminSteps(argminBucket(true, ""), argminPut("pub*/one", "body", ""), argminPut("public/one", "body", ""),
			argminPolicy(argminStatement("Allow", argminAltRoot, "s3:ListBucket", argminBucketARN, `{"`+op+`":{"s3:prefix":"pub*"}}`)))
	}
	list := func(prefix string) argminCall {
		return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(argminBkt), Prefix: aws.String(prefix)})
		})
	}
	eqTest, neTest := src("test_bucket_policy_list_bucket_prefix_string_equals_does_not_wildcard_match"), src("test_bucket_policy_list_bucket_prefix_string_not_equals_does_not_wildcard_match")
	Run(t, []Case{
		argminCase("ListObjectsV2/StringEquals pub* lists the prefix pub*", eqTest, steps("StringEquals"), list("pub*"), Want{Fields: map[string]any{"Contents": Len(1)}}),
		argminCase("ListObjectsV2/StringEquals pub* is no wildcard for public", eqTest, steps("StringEquals"), list("public"), argminDenied),
		argminCase("ListObjectsV2/StringNotEquals pub* allows public", neTest, steps("StringNotEquals"), list("public"), Want{}),
		argminCase("ListObjectsV2/StringNotEquals pub* denies pub*", neTest, steps("StringNotEquals"), list("pub*"), argminDenied),
	})
}

func TestArgminPolicyTimeConditions(t *testing.T) {
	dateTest := argmin("bucket_policy.rs", "test_bucket_policy_current_time_date_condition_operators")
	epochTest := argmin("bucket_policy.rs", "test_bucket_policy_epoch_time_numeric_conditions")
	allowOn := func(key, cond string) string {
		st := `{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"s3:GetObject","Resource":"` + argminBucketARN + `/` + key + `"`
		if cond != "" {
			st += `,"Condition":` + cond
		}
		return st + `}`
	}
	type row struct {
		key, cond string
		allowed   bool
	}
	dates := []row{
		{"date-less-than-allowed", `{"DateLessThan":{"aws:CurrentTime":"2999-01-01T00:00:00Z"}}`, true},
		{"date-less-than-fractional-allowed", `{"DateLessThan":{"aws:CurrentTime":"2999-01-01T00:00:00.0001Z"}}`, true},
		{"date-less-than-nanos-allowed", `{"DateLessThan":{"aws:CurrentTime":"2999-01-01T00:00:00.123456789Z"}}`, true},
		{"date-less-than-equals-allowed", `{"DateLessThanEquals":{"aws:CurrentTime":"2999-01-01T00:00:00Z"}}`, true},
		{"date-greater-than-allowed", `{"DateGreaterThan":{"aws:CurrentTime":"2000-01-01T00:00:00Z"}}`, true},
		{"date-greater-than-fractional-allowed", `{"DateGreaterThan":{"aws:CurrentTime":"2000-01-01T00:00:00.0001Z"}}`, true},
		{"date-greater-than-equals-allowed", `{"DateGreaterThanEquals":{"aws:CurrentTime":"2000-01-01T00:00:00Z"}}`, true},
		{"date-not-equals-allowed", `{"DateNotEquals":{"aws:CurrentTime":"2000-01-01T00:00:00Z"}}`, true},
		{"date-not-equals-invalid-allowed", `{"DateNotEquals":{"aws:CurrentTime":"not-a-date"}}`, true},
		{"date-less-than-if-exists-allowed", `{"DateLessThanIfExists":{"aws:CurrentTime":"2999-01-01T00:00:00Z"}}`, true},
		{"date-wildcard-fallback-allowed", `{"DateLessThan":{"aws:CurrentTime":"2999-01-01T00:00:00Z"}}`, true},
		{"date-less-than-denied", `{"DateLessThan":{"aws:CurrentTime":"2000-01-01T00:00:00Z"}}`, false},
		{"date-greater-than-denied", `{"DateGreaterThan":{"aws:CurrentTime":"2999-01-01T00:00:00Z"}}`, false},
		{"date-equals-denied", `{"DateEquals":{"aws:CurrentTime":"2000-01-01T00:00:00Z"}}`, false},
		{"date-less-than-invalid-denied", `{"DateLessThan":{"aws:CurrentTime":"not-a-date"}}`, false},
		{"date-wildcard-denied", `{"DateEquals":{"aws:CurrentTime":"*"}}`, false},
	}
	epochs := []row{
		{"epoch-less-than-allowed", `{"NumericLessThan":{"aws:EpochTime":32503680000}}`, true},
		{"epoch-greater-than-allowed", `{"NumericGreaterThan":{"aws:EpochTime":946684800}}`, true},
		{"epoch-less-than-denied", `{"NumericLessThan":{"aws:EpochTime":946684800}}`, false},
		{"epoch-greater-than-denied", `{"NumericGreaterThan":{"aws:EpochTime":32503680000}}`, false},
	}
	build := func(rows []row, extra ...string) (string, []argminStep) {
		var sts []string
		steps := argminSteps(argminBucket(true, ""))
		for _, r := range rows {
			sts = append(sts, allowOn(r.key, r.cond))
			steps = append(steps, argminPut(r.key, r.key, ""))
		}
		sts = append(sts, extra...)
		return `{"Version":"2012-10-17","Statement":[` + strings.Join(sts, ",") + `]}`, steps
	}
	// The suite's one policy also allows date-equals-false-fallback-allowed
	// and denies it on a DateEquals that does not hold.
	fallback := "date-equals-false-fallback-allowed"
	denyFallback := `{"Effect":"Deny","Principal":` + argminAltRoot + `,"Action":"s3:GetObject","Resource":"` + argminBucketARN + `/` + fallback +
		`","Condition":{"DateEquals":{"aws:CurrentTime":"2000-01-01T00:00:00Z"}}}`
	dateDoc, dateSteps := build(dates, allowOn(fallback, ""), denyFallback)
	dateSteps = append(dateSteps, argminPut(fallback, fallback, ""), argminPolicy(dateDoc))
	epochDoc, epochSteps := build(epochs)
	epochSteps = append(epochSteps, argminPolicy(epochDoc))
	var cases []Case
	add := func(source string, steps []argminStep, r row) {
		want := argminDenied
		if r.allowed {
			want = Want{Fields: map[string]any{"Body": r.key}}
		}
		cases = append(cases, argminCase("GetObject/"+r.key+" "+r.cond, source, steps, argminGet(altClient, r.key), want))
	}
	for _, r := range append(dates, row{fallback, "allowed, denied on a DateEquals that does not hold", true}) {
		add(dateTest, dateSteps, r)
	}
	for _, r := range epochs {
		add(epochTest, epochSteps, r)
	}
	cases = append(cases, argminCase("PutBucketPolicy/Date conditions on aws:CurrentTime, some not dates", dateTest,
		dateSteps[:len(dateSteps)-1], argminPutPolicy(rootClient, dateDoc), Want{Status: http.StatusNoContent}))
	Run(t, cases)
}
