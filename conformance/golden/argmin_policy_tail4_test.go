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

// argmin bucket_policy.rs: s3:prefix and s3:delimiter on ListObjectsV2
// (decoded from the query), and s3:if-none-match / s3:if-match on
// CompleteMultipartUpload.

func TestArgminPolicyListConditions(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", "test_bucket_policy_"+test) }
	cond := func(c string) string {
		return argminStatement("Allow", argminAltRoot, "s3:ListBucket", argminBucketARN, c)
	}
	prefix := policyListBucket(false, cond(`{"StringEquals":{"s3:prefix":"allowed/"}}`), "allowed/one", "blocked/one")
	delim := policyListBucket(false, cond(`{"StringEquals":{"s3:delimiter":"/"}}`), "allowed/one", "allowed/two")
	v2Delim := func(d string) argminCall {
		return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(argminBkt), Delimiter: aws.String(d)})
		})
	}
	denyBoth := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:ListBucket","Resource":"` + argminBucketARN +
		`","Condition":{"StringNotEquals":{"s3:prefix":"allowed/"}}},{"Effect":"Deny","Principal":"*","Action":"s3:ListBucket","Resource":"` + argminBucketARN +
		`","Condition":{"StringNotEquals":{"s3:delimiter":"/"}}}]}`
	decoded := argminSteps(argminBucket(false, ""), argminPut("allowed/one", "body", ""), argminPut("blocked/one", "body", ""), argminPolicy(denyBoth))
	Run(t, []Case{
		argminCase("ListObjectsV2/prefix allowed/ as the policy wants", src("list_bucket_prefix_condition"), prefix, policyListing{prefix: "allowed/"}.v2(),
			Want{Fields: map[string]any{"Contents": Len(1), "Contents[0].Key": "allowed/one"}}),
		argminCase("ListObjectsV2/no prefix under an s3:prefix condition", src("list_bucket_prefix_condition"), prefix, policyListing{}.v2(), argminDenied),
		argminCase("ListObjectsV2/another prefix", src("list_bucket_prefix_condition"), prefix, policyListing{prefix: "blocked/"}.v2(), argminDenied),
		argminCase("ListObjectsV2/delimiter / as the policy wants", src("list_bucket_delimiter_condition"), delim, v2Delim("/"),
			Want{Fields: map[string]any{"CommonPrefixes": Len(1), "CommonPrefixes[0].Prefix": "allowed/"}}),
		argminCase("ListObjectsV2/no delimiter under an s3:delimiter condition", src("list_bucket_delimiter_condition"), delim, policyListing{}.v2(), argminDenied),
		argminCase("ListObjectsV2/delimiter .", src("list_bucket_delimiter_condition"), delim, v2Delim("."), argminDenied),
		argminCase("ListObjectsV2/the encoded prefix blocked%2F meets the deny", src("list_prefix_and_delimiter_conditions_use_decoded_query_values"), decoded,
			rawSigned(http.MethodGet, "?list-type=2&prefix=blocked%2F&delimiter=%2F", "", false, nil), Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		argminCase("ListObjectsV2/the encoded prefix allowed%2F and delimiter %2F escape the denies", src("list_prefix_and_delimiter_conditions_use_decoded_query_values"), decoded,
			rawSigned(http.MethodGet, "?list-type=2&prefix=allowed%2F&delimiter=%2F", "", false, nil), Want{Status: http.StatusOK}),
	})
}

// policyAltComplete starts a multipart upload of key as the alternate
// account, uploads body as its one part and completes it with the
// conditional header (name "" none; an If-Match value "etag" is the
// object's current ETag).
func policyAltComplete(key, body, name, value string) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		b, k := aws.String(argminBkt), aws.String(key)
		c := alt(w)
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
		if err != nil {
			return nil, err
		}
		part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: aws.Int32(1), Body: strings.NewReader(body)})
		if err != nil {
			return nil, err
		}
		in := &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: part.ETag}}}}
		switch name {
		case "If-None-Match":
			in.IfNoneMatch = aws.String(value)
		case "If-Match":
			head, err := root(w).HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: k})
			if err != nil {
				return nil, err
			}
			in.IfMatch = head.ETag
		}
		return c.CompleteMultipartUpload(ctx, in)
	}
}

func TestArgminPolicyCompleteConditions(t *testing.T) {
	src := func(test string) string {
		return argmin("bucket_policy.rs", "test_bucket_policy_complete_multipart_upload_"+test)
	}
	doc := func(key string, get bool) string {
		st := `{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"s3:PutObject","Resource":"` + argminObjectsARN + `"},`
		if get {
			st += `{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"s3:GetObject","Resource":"` + argminObjectsARN + `"},`
		}
		return `{"Version":"2012-10-17","Statement":[` + st + `{"Effect":"Deny","Principal":` + argminAltRoot + `,"Action":"s3:PutObject","Resource":"` +
			argminObjectsARN + `","Condition":{"Null":{"` + key + `":"true"},"Bool":{"s3:ObjectCreationOperation":"true"}}}]}`
	}
	const noneKey, matchKey = "conditional-complete-if-none-match", "conditional-complete-if-match"
	none := argminSteps(argminBucket(true, ""), argminPolicy(doc("s3:if-none-match", false)))
	match := argminSteps(argminBucket(true, ""), argminPut(matchKey, "old", ""), argminPolicy(doc("s3:if-match", true)))
	Run(t, []Case{
		argminCase("CompleteMultipartUpload/without If-None-Match under a deny on its absence", src("if_none_match_condition"), none,
			policyAltComplete(noneKey, "denied", "", ""), argminDenied),
		argminCase("CompleteMultipartUpload/If-None-Match * under a deny on its absence", src("if_none_match_condition"), none,
			policyAltComplete(noneKey, "created", "If-None-Match", "*"), Want{}),
		argminCase("CompleteMultipartUpload/without If-Match under a deny on its absence", src("if_match_condition"), match,
			policyAltComplete(matchKey, "denied", "", ""), argminDenied),
		argminCase("CompleteMultipartUpload/If-Match the current ETag under a deny on its absence", src("if_match_condition"), match,
			policyAltComplete(matchKey, "new", "If-Match", ""), Want{}),
		argminCase("GetObject/the object completed under If-Match", src("if_match_condition"),
			append(append(argminSteps(), match...), policyStep(policyAltComplete(matchKey, "new", "If-Match", ""))),
			argminGet(primary, matchKey), Want{Fields: map[string]any{"Body": "new"}}),
	})
}
