package golden

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// justincormack/argmin crates/s3-tests/tests/bucket_policy_multivalue.rs:
// set operators on s3:RequestObjectTagKeys and aws:TagKeys, and S3
// Control's TagResource / UntagResource of a bucket under its policy,
// asserted against AWS S3 (2026).

// policyControlTags sends an S3 Control tagging request for argminBkt
// signed with creds (the owner's account in x-amz-account-id, as the
// suite sends); query is UntagResource's tagKeys part.
func policyControlTags(creds func(w *World, u *argminUsers) aws.Credentials, method, query, body string) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		path := "/v20180820/tags/" + strings.ReplaceAll(url.PathEscape(argminBucketARN), "/", "%2F")
		if query != "" {
			path += "?" + query
		}
		r, err := http.NewRequestWithContext(ctx, method, w.Endpoint+path, strings.NewReader(body))
		if err != nil {
			return nil, err
		}
		r.Header.Set("x-amz-account-id", owner)
		r.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
		signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
		if err := signer.SignHTTP(ctx, creds(w, u), r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
			return nil, err
		}
		return w.HTTP.Do(r)
	}
}

func altCreds(*World, *argminUsers) aws.Credentials { return Root(argminAlt) }

func policyTagResource(kv ...string) argminCall {
	return policyControlTags(altCreds, http.MethodPost, "", tagResourceBody(kv...))
}

func policyUntagResource(keys ...string) argminCall {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = "tagKeys=" + url.QueryEscape(k)
	}
	return policyControlTags(altCreds, http.MethodDelete, strings.Join(q, "&"), "")
}

// policyBucketTags tags argminBkt as the owner (PutBucketTagging).
func policyBucketTags(kv ...string) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		var tags []types.Tag
		for i := 0; i+1 < len(kv); i += 2 {
			tags = append(tags, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
		}
		_, err := root(w).PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(argminBkt), Tagging: &types.Tagging{TagSet: tags}})
		return err
	}
}

func TestArgminPolicyMultivalueObjectTags(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy_multivalue.rs", test) }
	allowTagging := func(cond string) string { return policyAltAllows(`"s3:PutObjectTagging"`, cond) }
	steps := func(doc string) []argminStep {
		return argminSteps(argminBucket(true, ""), argminPut("k", "data", ""), argminPolicy(doc))
	}
	guard := `,"Null":{"s3:RequestObjectTagKeys":"false"}`
	set := func(op, values string, guarded bool) string {
		c := `{"` + op + `":{"s3:RequestObjectTagKeys":` + values + `}`
		if guarded {
			c += guard
		}
		return c + `}`
	}
	type c struct {
		name, test, doc string
		call            argminCall
		allowed         bool
	}
	inline := policyAltAllows(`["s3:PutObject","s3:PutObjectTagging"]`, set("ForAllValues:StringEquals", `["security","team"]`, true))
	allEq := allowTagging(set("ForAllValues:StringEquals", `["security","team"]`, true))
	allEqNoGuard := allowTagging(set("ForAllValues:StringEquals", `["security","team"]`, false))
	anyEq := allowTagging(set("ForAnyValue:StringEquals", `["security"]`, false))
	allEqIC := allowTagging(set("ForAllValues:StringEqualsIgnoreCase", `["security","team"]`, true))
	anyEqIC := allowTagging(set("ForAnyValue:StringEqualsIgnoreCase", `["SECURITY"]`, false))
	allNotIC := allowTagging(set("ForAllValues:StringNotEqualsIgnoreCase", `["security"]`, true))
	anyNotIC := allowTagging(set("ForAnyValue:StringNotEqualsIgnoreCase", `["security"]`, false))
	allLike := allowTagging(set("ForAllValues:StringLike", `["sec*","team"]`, true))
	anyLike := allowTagging(set("ForAnyValue:StringLike", `["sec*"]`, false))
	allNotLike := allowTagging(set("ForAllValues:StringNotLike", `["sec*"]`, true))
	anyNotLike := allowTagging(set("ForAnyValue:StringNotLike", `["sec*"]`, false))
	scalar := policyAllowDenyAlt(`"s3:PutObjectTagging"`, `{"StringEquals":{"s3:RequestObjectTagKeys":"security"}}`)
	list := policyAllowDenyAlt(`"s3:PutObjectTagging"`, `{"StringEquals":{"s3:RequestObjectTagKeys":["security","team"]}}`)
	const (
		tInline = "test_bucket_policy_request_object_tag_keys_on_put_object_inline_tags"
		tAll    = "test_bucket_policy_request_object_tag_keys_for_all_values"
		tEmpty  = "test_bucket_policy_request_object_tag_keys_for_all_values_empty_tag_set_allowed_without_null_guard"
		tAny    = "test_bucket_policy_request_object_tag_keys_for_any_value"
		tScalar = "test_bucket_policy_request_object_tag_keys_string_equals_is_accepted_but_does_not_match"
	)
	var cases []Case
	for _, x := range []c{
		{"PutObject/ForAllValues:StringEquals, every inline tag key listed", tInline, inline, policyAltPut("inline-allowed", "security=allow&team=storage"), true},
		{"PutObject/ForAllValues:StringEquals, an inline tag key not listed", tInline, inline, policyAltPut("inline-denied", "security=allow&project=argmin"), false},
		{"PutObjectTagging/ForAllValues:StringEquals, one listed key", tAll, allEq, policyAltTag("k", "security", "allow"), true},
		{"PutObjectTagging/ForAllValues:StringEquals, two listed keys", tAll, allEq, policyAltTag("k", "security", "allow", "team", "storage"), true},
		{"PutObjectTagging/ForAllValues:StringEquals, a key not listed", tAll, allEq, policyAltTag("k", "security", "allow", "project", "argmin"), false},
		{"PutObjectTagging/ForAllValues:StringEquals with Null false, no tags", tAll, allEq, policyEmptyTagSet, false},
		{"PutObjectTagging/ForAllValues:StringEquals without the Null guard, a listed key", tEmpty, allEqNoGuard, policyAltTag("k", "security", "allow"), true},
		{"PutObjectTagging/ForAllValues:StringEquals without the Null guard, no tags", tEmpty, allEqNoGuard, policyEmptyTagSet, true},
		{"PutObjectTagging/ForAnyValue:StringEquals, one listed key", tAny, anyEq, policyAltTag("k", "security", "allow", "project", "argmin"), true},
		{"PutObjectTagging/ForAnyValue:StringEquals, no listed key", tAny, anyEq, policyAltTag("k", "project", "argmin"), false},
		{"PutObjectTagging/ForAllValues:StringEqualsIgnoreCase, keys in upper case", "test_bucket_policy_request_object_tag_keys_for_all_values_string_equals_ignore_case",
			allEqIC, policyAltTag("k", "SECURITY", "allow", "TEAM", "storage"), true},
		{"PutObjectTagging/ForAllValues:StringEqualsIgnoreCase, a key not listed", "test_bucket_policy_request_object_tag_keys_for_all_values_string_equals_ignore_case",
			allEqIC, policyAltTag("k", "SECURITY", "allow", "project", "argmin"), false},
		{"PutObjectTagging/ForAnyValue:StringEqualsIgnoreCase, one key", "test_bucket_policy_request_object_tag_keys_for_any_value_string_equals_ignore_case",
			anyEqIC, policyAltTag("k", "security", "allow", "project", "argmin"), true},
		{"PutObjectTagging/ForAnyValue:StringEqualsIgnoreCase, no key", "test_bucket_policy_request_object_tag_keys_for_any_value_string_equals_ignore_case",
			anyEqIC, policyAltTag("k", "project", "argmin"), false},
		{"PutObjectTagging/ForAllValues:StringNotEqualsIgnoreCase, no key equal", "test_bucket_policy_request_object_tag_keys_for_all_values_string_not_equals_ignore_case",
			allNotIC, policyAltTag("k", "project", "argmin", "team", "storage"), true},
		{"PutObjectTagging/ForAllValues:StringNotEqualsIgnoreCase, a key equal ignoring case", "test_bucket_policy_request_object_tag_keys_for_all_values_string_not_equals_ignore_case",
			allNotIC, policyAltTag("k", "project", "argmin", "SECURITY", "allow"), false},
		{"PutObjectTagging/ForAnyValue:StringNotEqualsIgnoreCase, one key differs", "test_bucket_policy_request_object_tag_keys_for_any_value_string_not_equals_ignore_case",
			anyNotIC, policyAltTag("k", "security", "allow", "project", "argmin"), true},
		{"PutObjectTagging/ForAnyValue:StringNotEqualsIgnoreCase, every key equal ignoring case", "test_bucket_policy_request_object_tag_keys_for_any_value_string_not_equals_ignore_case",
			anyNotIC, policyAltTag("k", "SECURITY", "allow"), false},
		{"PutObjectTagging/ForAllValues:StringLike, every key matches", "test_bucket_policy_request_object_tag_keys_for_all_values_string_like",
			allLike, policyAltTag("k", "security", "allow", "team", "storage"), true},
		{"PutObjectTagging/ForAllValues:StringLike, a key matches none", "test_bucket_policy_request_object_tag_keys_for_all_values_string_like",
			allLike, policyAltTag("k", "security", "allow", "project", "argmin"), false},
		{"PutObjectTagging/ForAnyValue:StringLike, one key matches", "test_bucket_policy_request_object_tag_keys_for_any_value_string_like",
			anyLike, policyAltTag("k", "security", "allow", "project", "argmin"), true},
		{"PutObjectTagging/ForAnyValue:StringLike, no key matches", "test_bucket_policy_request_object_tag_keys_for_any_value_string_like",
			anyLike, policyAltTag("k", "project", "argmin"), false},
		{"PutObjectTagging/ForAllValues:StringNotLike, no key matches", "test_bucket_policy_request_object_tag_keys_for_all_values_string_not_like",
			allNotLike, policyAltTag("k", "project", "argmin", "team", "storage"), true},
		{"PutObjectTagging/ForAllValues:StringNotLike, a key matches", "test_bucket_policy_request_object_tag_keys_for_all_values_string_not_like",
			allNotLike, policyAltTag("k", "project", "argmin", "security", "allow"), false},
		{"PutObjectTagging/ForAnyValue:StringNotLike, one key does not match", "test_bucket_policy_request_object_tag_keys_for_any_value_string_not_like",
			anyNotLike, policyAltTag("k", "security", "allow", "project", "argmin"), true},
		{"PutObjectTagging/ForAnyValue:StringNotLike, every key matches", "test_bucket_policy_request_object_tag_keys_for_any_value_string_not_like",
			anyNotLike, policyAltTag("k", "security", "allow"), false},
		{"PutObjectTagging/a deny on scalar StringEquals of s3:RequestObjectTagKeys does not match its one key", tScalar, scalar,
			policyAltTag("k", "security", "allow"), true},
		{"PutObjectTagging/a deny on StringEquals of s3:RequestObjectTagKeys with a list does not match", tScalar, list,
			policyAltTag("k", "security", "allow", "team", "storage"), true},
	} {
		want := argminDenied
		if x.allowed {
			want = Want{}
		}
		cases = append(cases, argminCase(x.name, src(x.test), steps(x.doc), x.call, want))
	}
	Run(t, cases)
}

func TestArgminPolicyMultivalueResourceTags(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy_multivalue.rs", test) }
	bucketDoc := func(action, cond string) string {
		st := `{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"` + action + `","Resource":"` + argminBucketARN + `"`
		if cond != "" {
			st += `,"Condition":` + cond
		}
		return `{"Version":"2012-10-17","Statement":[` + st + `}]}`
	}
	allowDeny := func(action, cond string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"` + action + `","Resource":"` + argminBucketARN +
			`"},{"Effect":"Deny","Principal":` + argminAltRoot + `,"Action":"` + action + `","Resource":"` + argminBucketARN + `","Condition":` + cond + `}]}`
	}
	steps := func(doc string, more ...argminStep) []argminStep {
		return append(argminSteps(argminBucket(true, "")), append(more, argminPolicy(doc))...)
	}
	ok := Want{Status: http.StatusNoContent}
	allKeys := bucketDoc("s3:TagResource", `{"ForAllValues:StringEquals":{"aws:TagKeys":["security","team"]},"Null":{"aws:TagKeys":"false"}}`)
	anyKey := bucketDoc("s3:TagResource", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["security"]}}`)
	reqTag := bucketDoc("s3:TagResource", `{"StringEquals":{"aws:RequestTag/security":"allow"}}`)
	tagOnly := bucketDoc("s3:TagResource", "")
	untagKeys := bucketDoc("s3:UntagResource", `{"ForAllValues:StringEquals":{"aws:TagKeys":["security"]},"Null":{"aws:TagKeys":"false"}}`)
	two := policyBucketTags("security", "allow", "team", "storage")
	refused := Want{Status: http.StatusBadRequest, Code: "MalformedPolicy"}
	put := func(name, test, doc string) Case {
		return argminCase("PutBucketPolicy/"+name, src(test), argminSteps(argminBucket(true, "")), argminPutPolicy(primary, doc), refused)
	}
	hidden := make([]string, 0, 98)
	for i := 0; i < 49; i++ {
		hidden = append(hidden, "existing-"+itoa(i), "value")
	}
	Run(t, []Case{
		argminCase("TagResource/ForAllValues:StringEquals aws:TagKeys, every key listed", src("test_bucket_policy_tag_resource_tag_keys_for_all_values"), steps(allKeys),
			policyTagResource("security", "allow", "team", "storage"), ok),
		argminCase("TagResource/ForAllValues:StringEquals aws:TagKeys, a key not listed", src("test_bucket_policy_tag_resource_tag_keys_for_all_values"), steps(allKeys),
			policyTagResource("security", "allow", "project", "argmin"), argminDenied),
		argminCase("TagResource/ForAnyValue:StringEquals aws:TagKeys, one key listed", src("test_bucket_policy_tag_resource_tag_keys_for_any_value"), steps(anyKey),
			policyTagResource("security", "allow", "project", "argmin"), ok),
		argminCase("TagResource/ForAnyValue:StringEquals aws:TagKeys, no key listed", src("test_bucket_policy_tag_resource_tag_keys_for_any_value"), steps(anyKey),
			policyTagResource("project", "argmin"), argminDenied),
		argminCase("TagResource/aws:RequestTag with the value required", src("test_bucket_policy_tag_resource_request_tag_condition"), steps(reqTag),
			policyTagResource("security", "allow"), ok),
		argminCase("TagResource/aws:RequestTag with another value", src("test_bucket_policy_tag_resource_request_tag_condition"), steps(reqTag),
			policyTagResource("security", "deny"), argminDenied),
		argminCase("TagResource/allowed by a policy of s3:TagResource alone", src("test_bucket_policy_untag_resource_is_not_authorized_by_tag_resource"), steps(tagOnly, two),
			policyTagResource("security", "allow"), ok),
		argminCase("UntagResource/not allowed by s3:TagResource", src("test_bucket_policy_untag_resource_is_not_authorized_by_tag_resource"), steps(tagOnly, two),
			policyUntagResource("security"), argminDenied),
		argminCase("UntagResource/ForAllValues:StringEquals aws:TagKeys, a listed key", src("test_bucket_policy_untag_resource_tag_keys_for_all_values_partial_removal"),
			steps(untagKeys, two), policyUntagResource("security"), ok),
		argminCase("UntagResource/ForAllValues:StringEquals aws:TagKeys, a key not listed", src("test_bucket_policy_untag_resource_tag_keys_for_all_values_partial_removal"),
			steps(untagKeys, two), policyUntagResource("team"), argminDenied),
		argminCase("UntagResource/ForAllValues:StringEquals aws:TagKeys, the last tag", src("test_bucket_policy_untag_resource_tag_keys_for_all_values_full_removal"),
			steps(untagKeys, policyBucketTags("security", "allow")), policyUntagResource("security"), ok),
		argminCase("UntagResource/a deny on aws:RequestTag naming a value does not match", src("test_bucket_policy_request_tag_condition_on_untag_resource_is_accepted_but_does_not_match_value"),
			steps(allowDeny("s3:UntagResource", `{"StringEquals":{"aws:RequestTag/security":"allow"}}`), two), policyUntagResource("security"), ok),
		argminCase("UntagResource/a deny on aws:RequestTag equal to the empty value matches", src("test_bucket_policy_request_tag_condition_on_untag_resource_matches_empty_value"),
			steps(allowDeny("s3:UntagResource", `{"StringEquals":{"aws:RequestTag/security":""}}`), policyBucketTags("security", "allow")),
			policyUntagResource("security"), argminDenied),
		argminCase("TagResource/a deny on scalar StringEquals of aws:TagKeys does not match its one key", src("test_bucket_policy_tag_keys_string_equals_is_accepted_but_does_not_match"),
			steps(allowDeny("s3:TagResource", `{"StringEquals":{"aws:TagKeys":"security"}}`)), policyTagResource("security", "allow"), ok),
		argminCase("TagResource/a deny on StringEquals of aws:TagKeys with a list does not match", src("test_bucket_policy_tag_keys_string_equals_is_accepted_but_does_not_match"),
			steps(allowDeny("s3:TagResource", `{"StringEquals":{"aws:TagKeys":["security","team"]}}`)), policyTagResource("security", "allow", "team", "storage"), ok),
		argminCase("TagResource/unauthorized, past the tag limit with the bucket's tags", src("test_tag_resource_unauthorized_request_does_not_validate_merged_hidden_tags"),
			append(argminSteps(argminBucket(true, "")), policyBucketTags(hidden...)), policyTagResource("new-tag-0", "value", "new-tag-1", "value"), argminDenied),
		put("s3:RequestObjectTag with s3:TagResource", "test_bucket_policy_rejects_request_object_tag_condition_on_tag_resource",
			bucketDoc("s3:TagResource", `{"StringEquals":{"s3:RequestObjectTag/security":"allow"}}`)),
		put("s3:RequestObjectTagKeys with s3:TagResource", "test_bucket_policy_rejects_request_object_tag_keys_condition_on_tag_resource",
			bucketDoc("s3:TagResource", `{"ForAnyValue:StringEquals":{"s3:RequestObjectTagKeys":["security"]}}`)),
		put("s3:RequestObjectTag with s3:UntagResource", "test_bucket_policy_rejects_request_object_tag_condition_on_untag_resource",
			bucketDoc("s3:UntagResource", `{"StringEquals":{"s3:RequestObjectTag/security":"allow"}}`)),
		put("s3:RequestObjectTagKeys with s3:UntagResource", "test_bucket_policy_rejects_request_object_tag_keys_condition_on_untag_resource",
			bucketDoc("s3:UntagResource", `{"ForAnyValue:StringEquals":{"s3:RequestObjectTagKeys":["security"]}}`)),
	})
}

// policyEmptyTagSet is the alternate account's PutObjectTagging of "k"
// with an empty TagSet, which the SDK will not send.
func policyEmptyTagSet(ctx context.Context, w *World, _ *argminUsers) (any, error) {
	body := []byte(`<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet></TagSet></Tagging>`)
	return w.Signed(ctx, Root(argminAlt), http.MethodPut, "/"+argminBkt+"/k?tagging", body, http.Header{"Content-Md5": {argminMD5(body)}})
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
