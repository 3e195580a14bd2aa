package golden

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// argmin bucket_policy.rs: s3:if-match / s3:if-none-match on PutObject
// and CopyObject, and s3:ObjectCreationOperation under the Bool
// variants.

// policyAltPutIf is the alternate account's PutObject of key with an
// If-None-Match value, or (ifMatch) If-Match the object's current ETag.
func policyAltPutIf(key, body, noneMatch string, ifMatch bool) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key), Body: strings.NewReader(body)}
		if noneMatch != "" {
			in.IfNoneMatch = aws.String(noneMatch)
		}
		if ifMatch {
			head, err := root(w).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
			if err != nil {
				return nil, err
			}
			in.IfMatch = head.ETag
		}
		return alt(w).PutObject(ctx, in)
	}
}

// policyAltCopyIf is the alternate account's raw CopyObject of src onto
// dst with a conditional header: If-None-Match value, or If-Match dst's
// current ETag when value is "etag"; name "" sends none.
func policyAltCopyIf(src, dst, name, value string) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		h := http.Header{"X-Amz-Copy-Source": {argminBkt + "/" + src}}
		if name == "If-Match" {
			head, err := root(w).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(dst)})
			if err != nil {
				return nil, err
			}
			value = aws.ToString(head.ETag)
		}
		if name != "" {
			h.Set(name, value)
		}
		return w.Signed(ctx, Root(argminAlt), http.MethodPut, "/"+argminBkt+"/"+dst, nil, h)
	}
}

func TestArgminPolicyConditionalWrites(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", "test_bucket_policy_"+test) }
	allow := func(extra string, cond string) string {
		st := `{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"s3:PutObject","Resource":"` + argminObjectsARN + `","Condition":` + cond + `}`
		if extra != "" {
			st += `,{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"` + extra + `","Resource":"` + argminObjectsARN + `"}`
		}
		return `{"Version":"2012-10-17","Statement":[` + st + `]}`
	}
	present := func(key string) string {
		return `{"Null":{"` + key + `":"false"},"Bool":{"s3:ObjectCreationOperation":"true"}}`
	}
	putNone := argminSteps(argminBucket(true, ""), argminPolicy(allow("", `{"StringEquals":{"s3:if-none-match":"*"}}`)))
	putMatch := argminSteps(argminBucket(true, ""), argminPut("if-match-object", "old", ""), policyUnquotedETagPolicy)
	copyMatch := argminSteps(argminBucket(true, ""), argminPut("copy-src", "source", ""), argminPut("copy-dst", "destination", ""),
		argminPolicy(allow("s3:GetObject", present("s3:if-match"))))
	copyNone := argminSteps(argminBucket(true, ""), argminPut("copy-src", "source", ""), argminPolicy(allow("s3:GetObject", present("s3:if-none-match"))))
	bodyIs := func(b string) Want { return Want{Fields: map[string]any{"Body": b}} }
	Run(t, []Case{
		argminCase("PutObject/without If-None-Match where the policy wants *", src("put_object_if_none_match_condition"), putNone,
			policyAltPutIf("if-none-match-missing", "missing", "", false), argminDenied),
		argminCase("PutObject/If-None-Match * as the policy wants", src("put_object_if_none_match_condition"), putNone,
			policyAltPutIf("if-none-match-present", "present", "*", false), Want{}),
		argminCase("PutObject/without If-Match where the policy wants the ETag", src("put_object_if_match_condition"), putMatch,
			policyAltPutIf("if-match-object", "missing", "", false), argminDenied),
		argminCase("PutObject/If-Match the quoted ETag meets the policy's unquoted one", src("put_object_if_match_condition"), putMatch,
			policyAltPutIf("if-match-object", "new", "", true), Want{}),
		argminCase("GetObject/the object written under If-Match", src("put_object_if_match_condition"),
			append(append(argminSteps(), putMatch...), policyStep(policyAltPutIf("if-match-object", "new", "", true))), argminGet(primary, "if-match-object"), bodyIs("new")),
		argminCase("CopyObject/without If-Match where the policy wants one", src("copy_object_if_match_condition"), copyMatch,
			policyAltCopyIf("copy-src", "copy-dst", "", ""), argminDenied),
		argminCase("CopyObject/If-Match the destination's ETag", src("copy_object_if_match_condition"), copyMatch,
			policyAltCopyIf("copy-src", "copy-dst", "If-Match", ""), Want{Status: http.StatusOK}),
		argminCase("GetObject/the copy made under If-Match", src("copy_object_if_match_condition"),
			append(append(argminSteps(), copyMatch...), policyStep(policyAltCopyIf("copy-src", "copy-dst", "If-Match", ""))), argminGet(primary, "copy-dst"), bodyIs("source")),
		argminCase("CopyObject/without If-None-Match where the policy wants one", src("copy_object_if_none_match_condition"), copyNone,
			policyAltCopyIf("copy-src", "copy-dst", "", ""), argminDenied),
		argminCase("CopyObject/If-None-Match * onto a new key", src("copy_object_if_none_match_condition"), copyNone,
			policyAltCopyIf("copy-src", "copy-dst", "If-None-Match", "*"), Want{Status: http.StatusOK}),
	})
}

// policyUnquotedETagPolicy allows the alternate account s3:PutObject when
// s3:if-match is if-match-object's ETag without its quotes, and
// s3:GetObject.
func policyUnquotedETagPolicy(ctx context.Context, w *World, u *argminUsers) error {
	head, err := root(w).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("if-match-object")})
	if err != nil {
		return err
	}
	tag := strings.Trim(aws.ToString(head.ETag), `"`)
	return argminPolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":`+argminAltRoot+`,"Action":"s3:PutObject","Resource":"`+
		argminObjectsARN+`","Condition":{"StringEquals":{"s3:if-match":"`+tag+`"}}},{"Effect":"Allow","Principal":`+argminAltRoot+
		`,"Action":"s3:GetObject","Resource":"`+argminObjectsARN+`"}]}`)(ctx, w, u)
}

func TestArgminPolicyObjectCreationBool(t *testing.T) {
	src := func(test string) string {
		return argmin("bucket_policy.rs", "test_bucket_policy_object_creation_operation_"+test)
	}
	var cases []Case
	for _, op := range []string{"BoolIfExists", "ForAllValues:Bool", "ForAnyValue:Bool"} {
		doc := argminStatement("Allow", argminAltRoot, "s3:PutObject", argminObjectsARN, `{"`+op+`":{"s3:ObjectCreationOperation":"true"}}`)
		cases = append(cases, argminCase("PutObject/under "+op+" s3:ObjectCreationOperation true", src("bool_variants_allow_put_object"),
			argminSteps(argminBucket(true, ""), argminPolicy(doc)), argminAltPutCall("object-creation", "object-creation-bool"), Want{}))
	}
	wild := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"s3:PutObject","Resource":"` + argminObjectsARN[:len(argminObjectsARN)-1] +
		`control","Condition":{"Bool":{"s3:ObjectCreationOperation":"true"}}},{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"s3:PutObject","Resource":"` +
		argminObjectsARN[:len(argminObjectsARN)-1] + `denied","Condition":{"Bool":{"s3:ObjectCreationOperation":"tr*"}}}]}`
	steps := argminSteps(argminBucket(true, ""), argminPolicy(wild))
	cases = append(cases,
		argminCase("PutObject/under Bool true", src("bool_does_not_wildcard_match"), steps, argminAltPutCall("control", "bool-wildcard-control"), Want{}),
		argminCase("PutObject/Bool tr* is no wildcard", src("bool_does_not_wildcard_match"), steps, argminAltPutCall("denied", "bool-wildcard-denied"), argminDenied))
	Run(t, cases)
}
