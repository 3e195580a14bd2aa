package golden

import (
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The response shapes at the end of argmin bucket_policy.rs: the policy
// CRUD cycle, GetBucketPolicyStatus without a policy and the
// MalformedPolicy family with its Detail element.

// policyDetail matches an error body's <Detail> of d, its quotes sent
// as they are or as &quot;.
func policyDetail(d string) Matcher {
	return Match("<Detail>" + strings.ReplaceAll(regexp.QuoteMeta(d), `"`, `(?:"|&quot;)`) + "</Detail>")
}

// policyNoDetail wants an error body without a <Detail> element (the
// suite's parse-level failures).
var policyNoDetail Matcher = matcherFunc(func(v reflect.Value, found bool) error {
	if !found || strings.Contains(show(v), "<Detail>") {
		return fmt.Errorf("want a body without <Detail>, got %s", showFound(v, found))
	}
	return nil
})

func TestArgminPolicyResponseShapes(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	crud := src("test_bucket_policy_crud_response_shapes")
	doc := `{"Version":"2012-10-17","Statement":[{"Sid":"DenyAllGetObject","Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"` + argminObjectsARN + `"}]}`
	open := argminSteps(argminBucket(true, ""))
	withPolicy := append(append(argminSteps(), open...), argminPolicy(doc))
	deleted := append(append(argminSteps(), withPolicy...), policyStep(rawSigned(http.MethodDelete, "?policy=", "", false, nil)))
	empty := Want{Status: http.StatusNoContent, Fields: map[string]any{"body": ""}}
	Run(t, []Case{
		argminCase("PutBucketPolicy/204 with an empty body", crud, open, rawSigned(http.MethodPut, "?policy=", doc, false, nil), empty),
		argminCase("GetBucketPolicy/the document as put, application/json", crud, withPolicy, rawSigned(http.MethodGet, "?policy=", "", false, nil),
			Want{Fields: map[string]any{"body": doc, "header:Content-Type": "application/json"}}),
		argminCase("DeleteBucketPolicy/204 with an empty body", crud, withPolicy, rawSigned(http.MethodDelete, "?policy=", "", false, nil), empty),
		argminCase("DeleteBucketPolicy/again, 204", crud, deleted, rawSigned(http.MethodDelete, "?policy=", "", false, nil), empty),
		argminCase("GetBucketPolicyStatus/no policy", src("test_get_bucket_policy_status_no_policy_error_shape"), argminSteps(argminBucket(false, "")),
			rawSigned(http.MethodGet, "?policyStatus=", "", false, nil),
			Want{Status: http.StatusNotFound, Code: "NoSuchBucketPolicy", Message: "The bucket policy does not exist",
				Fields: map[string]any{"body": Match("<BucketName>" + argminBkt + "</BucketName>")}}),
	})
}

func TestArgminPolicyMalformedShapes(t *testing.T) {
	src := argmin("bucket_policy.rs", "test_put_bucket_policy_malformed_response_shapes")
	const jsonMsg = "Policies must be valid JSON and the first byte must be '{'"
	stmt := func(body string) string { return `{"Version":"2012-10-17","Statement":[{` + body + `}]}` }
	deny := func(action, resource string) string {
		return stmt(`"Effect":"Deny","Principal":"*","Action":"` + action + `","Resource":"` + resource + `"`)
	}
	allowIf := func(action, cond string) string {
		return stmt(`"Effect":"Allow","Principal":"*","Action":"` + action + `","Resource":"` + argminObjectsARN + `","Condition":` + cond)
	}
	type c struct{ name, doc, message, detail string }
	var cases []Case
	for _, x := range []c{
		{"not JSON", "not json at all", jsonMsg, ""},
		{"a JSON array", "[]", jsonMsg, ""},
		{"no Statement", `{"Version":"2012-10-17"}`, "Missing required field Statement", ""},
		{"an empty Statement", `{"Version":"2012-10-17","Statement":[]}`, "Could not parse the policy: Statement is empty!", ""},
		{"an unknown action", deny("s3:NotARealAction", argminObjectsARN), "Policy has invalid action", "s3:NotARealAction"},
		{"another bucket's resource", deny("s3:GetObject", "arn:aws:s3:::some-other-bucket-name/*"), "Policy has invalid resource", "arn:aws:s3:::some-other-bucket-name/*"},
		{"a wildcard resource", deny("s3:GetObject", "arn:aws:s3:::*"), "Policy has invalid resource", "arn:aws:s3:::*"},
		{"an object action on the bucket's ARN", deny("s3:GetObject", argminBucketARN), "Action does not apply to any resource(s) in statement",
			`Action "s3:GetObject" in Statement "NO_ID-0"`},
		{"a principal given as a string ARN", stmt(`"Effect":"Deny","Principal":"arn:aws:iam::123456789012:root","Action":"s3:GetObject","Resource":"` + argminObjectsARN + `"`),
			"Invalid policy syntax.", ""},
		{"an aws:SourceIp that is no address", allowIf("s3:GetObject", `{"IpAddress":{"aws:SourceIp":"not-an-ip"}}`), "Invalid IP address in Conditions", ""},
		{"an aws:SourceIp with a wildcard", allowIf("s3:GetObject", `{"IpAddress":{"aws:SourceIp":"127.0.0.*"}}`), "Invalid IP address in Conditions", ""},
		{"a BinaryEquals value that is not base64", allowIf("s3:PutObject", `{"BinaryEquals":{"s3:RequestObjectTag/security":"not-base64"}}`),
			"Invalid Base64 value for binary condition", ""},
		{"a principal ARN of no kind", stmt(`"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:nonexistent-thing"},"Action":"s3:GetObject","Resource":"` + argminObjectsARN + `"`),
			"Invalid principal in policy", `"AWS" : "arn:aws:iam::123456789012:nonexistent-thing"`},
	} {
		fields := map[string]any{"body": policyNoDetail}
		if x.detail != "" {
			fields["body"] = policyDetail(x.detail)
		}
		cases = append(cases, argminCase("PutBucketPolicy/"+x.name, src, argminSteps(argminBucket(true, "")),
			rawSigned(http.MethodPut, "?policy=", x.doc, false, nil),
			Want{Status: http.StatusBadRequest, Code: "MalformedPolicy", Message: x.message, Fields: fields}))
	}
	Run(t, cases)
}
