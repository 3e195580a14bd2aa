package golden

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

const presignedPostTest = "TestS3PresignedPost::"

// policyForm is a browser POST upload as botocore's generate_presigned_post
// builds it: fields (in order) plus the SigV4 fields over a policy of
// conds (followed by the SigV4 conditions botocore adds) for owner's root.
type policyForm struct {
	key    string
	fields [][2]string
	conds  []any
	file   string
	// edit changes the signed fields before they are sent (nil: none).
	edit func(fields [][2]string) [][2]string
	// fileName is the file part's file name ("file" when empty).
	fileName string
	// host, when set, is the service host the form is posted to
	// virtual-hosted (http://BUCKET.host/); else path-style.
	host string
}

func (p policyForm) send(ctx context.Context, w *World, bucketName string) (any, error) {
	now := time.Now().UTC()
	date, amzDate := now.Format("20060102"), now.Format("20060102T150405Z")
	cred := owner + "/" + date + "/us-east-1/s3/aws4_request"
	conds := append([]any{}, p.conds...)
	conds = append(conds, map[string]string{"key": p.key}, map[string]string{"x-amz-algorithm": "AWS4-HMAC-SHA256"},
		map[string]string{"x-amz-credential": cred}, map[string]string{"x-amz-date": amzDate})
	doc, err := json.Marshal(map[string]any{"expiration": now.Add(time.Minute).Format("2006-01-02T15:04:05Z"), "conditions": conds})
	if err != nil {
		return nil, err
	}
	policy := base64.StdEncoding.EncodeToString(doc)
	fields := append([][2]string{}, p.fields...)
	fields = append(fields, [2]string{"key", p.key}, [2]string{"x-amz-algorithm", "AWS4-HMAC-SHA256"}, [2]string{"x-amz-credential", cred},
		[2]string{"x-amz-date", amzDate}, [2]string{"policy", policy}, [2]string{"x-amz-signature", postPolicySignature("test", date, policy)})
	if p.edit != nil {
		fields = p.edit(fields)
	}
	fileName := p.fileName
	if fileName == "" {
		fileName = "file"
	}
	u := w.Endpoint + "/" + bucketName
	if p.host != "" {
		u = "http://" + bucketName + "." + p.host + "/"
	}
	return withErrorFields(postFormTo(ctx, w, u, fields, fileName, p.file))
}

// onlyFields keeps the named fields.
func onlyFields(names ...string) func([][2]string) [][2]string {
	return func(fields [][2]string) [][2]string {
		var out [][2]string
		for _, f := range fields {
			for _, n := range names {
				if strings.EqualFold(f[0], n) {
					out = append(out, f)
				}
			}
		}
		return out
	}
}

// TestS3PostPolicy: browser POST uploads and their policy conditions, as
// AWS answered them.
func TestS3PostPolicy(t *testing.T) {
	const b = "golden-post-policy"
	inBucket := map[string]string{"bucket": b}
	redirect := "http://localhost.test/random"
	call := func(p policyForm) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) { return p.send(ctx, w, b) }
	}
	policyFailed := func(cond string) Want {
		return Want{Status: 403, Code: "AccessDenied", Message: "Invalid according to Policy: Policy Condition failed: " + cond}
	}
	Run(t, []Case{{
		Name:   "PostObject/eq condition on a field written without $",
		Source: localstack("s3/test_s3.snapshot.json", presignedPostTest+"test_post_object_policy_conditions_validation_eq", "invalid-condition-missing-prefix", "2026-02-21"),
		Setup:  withBucket(b),
		Call: call(policyForm{key: "validate-policy-1", file: "abcdef", fields: [][2]string{{"success_action_redirect", redirect}},
			conds: []any{[]string{"eq", "success_action_redirect", redirect}}}),
		Want: policyFailed(`["eq", "success_action_redirect", "http://localhost.test/random"]`),
	}, {
		Name:   "PostObject/eq condition with other casing",
		Source: localstack("s3/test_s3.snapshot.json", presignedPostTest+"test_post_object_policy_conditions_validation_eq", "invalid-condition-wrong-value-casing", "2026-02-21"),
		Setup:  withBucket(b),
		Call: call(policyForm{key: "validate-policy-1", file: "abcdef", fields: [][2]string{{"success_action_redirect", redirect}},
			conds: []any{[]string{"eq", "$success_action_redirect", "HTTP://localhost.test/random"}}}),
		Want: policyFailed(`["eq", "$success_action_redirect", "HTTP://localhost.test/random"]`),
	}, {
		Name:   "PostObject/simple condition with two properties",
		Source: localstack("s3/test_s3.snapshot.json", presignedPostTest+"test_post_object_policy_conditions_validation_eq", "invalid-condition-wrong-condition", "2026-02-21"),
		Setup:  withBucket(b),
		Call: call(policyForm{key: "validate-policy-1", file: "abcdef", fields: [][2]string{{"success_action_redirect", redirect}},
			conds: []any{map[string]string{"bucket": b, "success_action_redirect": redirect}}}),
		Want: Want{Status: 400, Code: "InvalidPolicyDocument", Message: "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified."},
	}, {
		Name:   "PostObject/starts-with condition not met",
		Source: localstack("s3/test_s3.snapshot.json", presignedPostTest+"test_post_object_policy_conditions_validation_starts_with", "invalid-condition-starts-with", "2026-02-21"),
		Setup:  withBucket(b),
		Call: call(policyForm{key: "validate-policy-2", file: "abcdef", fields: [][2]string{{"success_action_redirect", "http://wrong.location/test"}},
			conds: []any{[]string{"starts-with", "$success_action_redirect", "http://localhost"}}}),
		Want: policyFailed(`["starts-with", "$success_action_redirect", "http://localhost"]`),
	}, {
		Name:   "PostObject/file over content-length-range",
		Source: localstack("s3/test_s3.snapshot.json", presignedPostTest+"test_post_object_policy_validation_size", "invalid-content-length-too-big", "2026-02-21"),
		Setup:  withBucket(b),
		Call: call(policyForm{key: "validate-policy-content-length", file: strings.Repeat("a", 12),
			conds: []any{inBucket, []any{"content-length-range", 5, 10}}}),
		Want: Want{Status: 400, Code: "EntityTooLarge", Message: "Your proposed upload exceeds the maximum allowed size",
			Fields: map[string]any{"header:Error-MaxSizeAllowed": "10", "header:Error-ProposedSize": "12"}},
	}, {
		Name:   "PostObject/file under content-length-range",
		Source: localstack("s3/test_s3.snapshot.json", presignedPostTest+"test_post_object_policy_validation_size", "invalid-content-length-too-small", "2026-02-21"),
		Setup:  withBucket(b),
		Call: call(policyForm{key: "validate-policy-content-length", file: "a",
			conds: []any{inBucket, []any{"content-length-range", 5, 10}}}),
		Want: Want{Status: 400, Code: "EntityTooSmall", Message: "Your proposed upload is smaller than the minimum allowed size",
			Fields: map[string]any{"header:Error-MinSizeAllowed": "5", "header:Error-ProposedSize": "1"}},
	}, {
		Name:   "PostObject/content-length-range bounds written as strings",
		Source: localstack("s3/test_s3.py", presignedPostTest+"test_post_object_policy_validation_size", "status 204 for [\"content-length-range\", \"5\", \"10\"]", "2026-02-21"),
		Setup:  withBucket(b),
		Call: call(policyForm{key: "validate-policy-content-length", file: strings.Repeat("a", 10),
			conds: []any{inBucket, []any{"content-length-range", "5", "10"}}}),
		Want: Want{Status: 204},
	}, {
		Name:   "PostObject/content-length-range bound that is not a number",
		Source: localstack("s3/test_s3.snapshot.json", presignedPostTest+"test_post_object_policy_validation_size", "invalid-content-length-wrong-type", "2026-02-21"),
		Setup:  withBucket(b),
		Call: call(policyForm{key: "validate-policy-content-length", file: strings.Repeat("a", 10),
			conds: []any{inBucket, []any{"content-length-range", "test", "10"}}}),
		Want: policyFailed(`["content-length-range", "test", "10"]`),
	}, {
		Name:   "PostObject/answer carries the default checksum",
		Source: localstack("s3/test_s3.py", presignedPostTest+"test_post_object_default_checksum", "x-amz-checksum-crc64nvme and x-amz-checksum-type in the 204; head-object ChecksumCRC64NVME", "2026-02-21"),
		Setup:  withBucket(b),
		Call:   call(policyForm{key: "test-presigned-post-checksum", file: "test-body-tagging", conds: []any{inBucket}}),
		Want: Want{Status: 204, Fields: map[string]any{"header:x-amz-checksum-crc64nvme": "L1qdhyEV1JY=",
			"header:x-amz-checksum-type": "FULL_OBJECT"}},
	}, {
		Name:   "PostObject/tagging field with another XML root stores no tags",
		Source: localstack("s3/test_s3.snapshot.json", presignedPostTest+"test_post_object_with_tags[invalid]", "get-tagging (TagSet [] after a 204)", "2026-02-21"),
		Setup:  withBucket(b),
		Call: call(policyForm{key: "test-presigned-post-key-tagging", file: "test-body-tagging",
			fields: [][2]string{{"tagging", "<InvalidXmlTagging></InvalidXmlTagging>"}},
			conds:  []any{inBucket, []string{"eq", "$tagging", "<InvalidXmlTagging></InvalidXmlTagging>"}}}),
		Want: Want{Status: 204},
	}, {
		Name:   "PostObject/tagging field that is not XML",
		Source: localstack("s3/test_s3.snapshot.json", presignedPostTest+"test_post_object_with_tags[notxml]", "tagging-error", "2026-02-21"),
		Setup:  withBucket(b),
		Call: call(policyForm{key: "test-presigned-post-key-tagging", file: "test-body-tagging",
			fields: [][2]string{{"tagging", "not-xml"}}, conds: []any{inBucket, []string{"eq", "$tagging", "not-xml"}}}),
		Want: Want{Status: 400, Code: "MalformedXML", Message: "The XML you provided was not well-formed or did not validate against our published schema"},
	}, {
		Name:   "PostObject/only key and policy",
		Source: localstack("s3/test_s3.snapshot.json", presignedPostTest+"test_post_request_missing_fields[s3v4]", "exception-no-sig-related-fields", "2026-02-21"),
		Setup:  withBucket(b),
		Call: call(policyForm{key: "test-presigned-missing-fields", file: "file content", conds: []any{inBucket},
			edit: onlyFields("key", "policy")}),
		Want: Want{Status: 403, Code: "AccessDenied", Message: "Access Denied"},
	}, {
		Name:   "PostObject/without X-Amz-Algorithm and X-Amz-Credential",
		Source: localstack("s3/test_s3.snapshot.json", presignedPostTest+"test_post_request_missing_fields[s3v4]", "exception-missing-fields", "2026-02-21"),
		Setup:  withBucket(b),
		Call: call(policyForm{key: "test-presigned-missing-fields", file: "file content", conds: []any{inBucket},
			edit: onlyFields("key", "x-amz-date", "policy", "x-amz-signature")}),
		Want: Want{Status: 400, Code: "InvalidArgument",
			Message: "Bucket POST must contain a field named 'X-Amz-Algorithm'.  If it is specified, please check the order of the fields.",
			Fields:  map[string]any{"header:Error-ArgumentName": "X-Amz-Algorithm"}},
	}, {
		Name:   "PostObject/invalid storage class",
		Source: localstack("s3/test_s3.snapshot.json", presignedPostTest+"test_post_object_with_storage_class", "invalid-storage-error", "2026-02-21"),
		Setup:  withBucket(b),
		Call: call(policyForm{key: "test-presigned-post-key-storage-class", file: "test-body-storage-class",
			fields: [][2]string{{"x-amz-storage-class", "FakeClass"}}, conds: []any{inBucket, []string{"eq", "$x-amz-storage-class", "FakeClass"}}}),
		Want: Want{Status: 400, Code: "InvalidStorageClass", Message: "The storage class you specified is not valid",
			Fields: map[string]any{"header:Error-StorageClassRequested": "FakeClass"}},
	}, {
		Name:   "PostObject/policy altered after signing",
		Source: localstack("s3/test_s3.snapshot.json", presignedPostTest+"test_post_request_malformed_policy[s3v4]", "exception-policy", "2026-02-21"),
		Setup:  withBucket(b),
		Call: call(policyForm{key: "test-presigned-malformed-policy", file: "file content", conds: []any{inBucket},
			edit: func(fields [][2]string) [][2]string {
				for i, f := range fields {
					if f[0] == "policy" {
						fields[i][1] = f[1][:len(f[1])-2]
					}
				}
				return fields
			}}),
		Want: Want{Status: 403, Code: "SignatureDoesNotMatch",
			Message: "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
			Fields: map[string]any{"header:Error-AWSAccessKeyId": owner, "header:Error-StringToSign": Present,
				"header:Error-StringToSignBytes": Present, "header:Error-SignatureProvided": Present}},
	}, {
		Name: "PostObject/Cache-Control outside ISO-8859-1 is stored as ISO-8859-1 bytes",
		Source: localstack("s3/test_s3.snapshot.json", presignedPostTest+"test_post_object_with_unicode_metadata",
			"head-object CacheControl \"non-ascii-%E2%80%94_ _é_\" (é as byte 0xE9)", "2026-02-21"),
		Setup: withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			const cc = "non-ascii-%E2%80%94_—_é_"
			_, err := policyForm{key: "test-unicode", file: "test", fields: [][2]string{{"Cache-Control", cc}},
				conds: []any{inBucket, []string{"eq", "$Cache-Control", cc}}}.send(ctx, w, b)
			if err != nil {
				return nil, err
			}
			return w.S3(Root(owner)).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("test-unicode")})
		},
		Want: Want{Fields: map[string]any{"header:Cache-Control": "non-ascii-%E2%80%94_ _\xe9_"}},
	}})
}
