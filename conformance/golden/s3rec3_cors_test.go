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

const (
	corsOrigin    = "https://localhost:4200"
	corsVary      = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"
	msgCORSDenied = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."
)

// corsBucket is opsBucket with ACLs allowed (public-read-write when
// bucketACL), key written public-read with body "test-cors", and rule as
// its CORS configuration.
func corsBucket(key string, bucketACL bool, rule types.CORSRule) func(ctx context.Context, t *testing.T, w *World) {
	return func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		bucket(ctx, t, w, opsBucket)
		c := w.S3(Root(owner))
		steps := append([]s3Setup{}, allowACLs...)
		if bucketACL {
			steps = append(steps, run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(b), ACL: types.BucketCannedACLPublicReadWrite})
			}))
		}
		steps = append(steps, putKeyWith(key, "test-cors", func(in *s3.PutObjectInput) { in.ACL = types.ObjectCannedACLPublicRead }),
			run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(b), CORSConfiguration: &types.CORSConfiguration{CORSRules: []types.CORSRule{rule}}})
			}))
		for i, s := range steps {
			if err := s(ctx, c); err != nil {
				t.Fatalf("set-up step %d: %v", i+1, err)
			}
		}
	}
}

// corsAllowed is the CORS headers of a matched rule (GET only unless
// methods says otherwise), with extra header checks.
func corsAllowed(origin, methods string, credentials bool, extra ...any) map[string]any {
	f := map[string]any{"header:Access-Control-Allow-Origin": origin, "header:Access-Control-Allow-Methods": methods,
		"header:Access-Control-Max-Age": "3000", "header:Vary": corsVary, "header:Access-Control-Allow-Credentials": Absent}
	if credentials {
		f["header:Access-Control-Allow-Credentials"] = "true"
	}
	for i := 0; i+1 < len(extra); i += 2 {
		f[extra[i].(string)] = extra[i+1]
	}
	return f
}

// noCORS is a response without any CORS header.
var noCORS = map[string]any{"header:Access-Control-Allow-Origin": Absent, "header:Access-Control-Allow-Methods": Absent,
	"header:Access-Control-Allow-Credentials": Absent, "header:Access-Control-Max-Age": Absent, "header:Vary": Absent,
	"header:Access-Control-Allow-Headers": Absent}

func TestS3RecordedCORSMatching(t *testing.T) {
	const preflightOp = "S3 OPTIONS (CORS preflight)"
	const origins, headers, methods = "TestS3Cors::test_cors_match_origins", "TestS3Cors::test_cors_match_headers", "TestS3Cors::test_cors_match_methods"
	const ok, hk, mk = "test-cors-123", "test-cors-method", "test-cors-method"
	okPath, hkPath := "/"+opsBucket+"/"+ok, "/"+opsBucket+"/"+hk
	getPut := types.CORSRule{AllowedOrigins: []string{corsOrigin}, AllowedMethods: []string{"GET", "PUT"}, MaxAgeSeconds: aws.Int32(3000), AllowedHeaders: []string{"*"}}
	anyOrigin := getPut
	anyOrigin.AllowedOrigins = []string{"*"}
	getOnly := types.CORSRule{AllowedOrigins: []string{corsOrigin}, AllowedMethods: []string{"GET"}, MaxAgeSeconds: aws.Int32(3000), AllowedHeaders: []string{"*"}}
	listed := getOnly
	listed.AllowedHeaders = []string{"x-amz-expected-bucket-owner", "x-amz-server-side-encryption-customer-algorithm", "x-AMZ-server-SIDE-encryption"}
	denied := func() Want {
		return Want{Status: 403, Code: "AccessForbidden", Message: msgCORSDenied, Fields: map[string]any{"header:Access-Control-Allow-Origin": Absent}}
	}
	badRequest := Want{Status: 400, Code: "BadRequest", Message: "Insufficient information. Origin request header needed."}
	body := func(f map[string]any) Want {
		g := map[string]any{"header:Content-Length": "9", "header:ETag": `"e94e402d42b2ca551212dbac49d5a38b"`}
		for k, v := range f {
			g[k] = v
		}
		return Want{Fields: g}
	}
	src := func(test, key, validated string) string { return localstack(moreCORS, test, key, validated) }
	Run(t, []Case{
		{Name: "OPTIONS/object without Origin", Op: preflightOp, Source: src(origins, "opt-no-origin", "2023-07-31"),
			Setup: corsBucket(ok, false, getPut), Call: anonymous(http.MethodOptions, okPath), Want: badRequest},
		{Name: "GET/anonymous without Origin", Source: src(origins, "get-no-origin", "2023-07-31"),
			Setup: corsBucket(ok, false, getPut), Call: anonymous(http.MethodGet, okPath), Want: body(noCORS)},
		{Name: "OPTIONS/Referer instead of Origin", Op: preflightOp, Source: src(origins, "opt-referer", "2023-07-31"),
			Setup: corsBucket(ok, false, getPut), Call: anonymous(http.MethodOptions, okPath, "Referer", corsOrigin, "Access-Control-Request-Method", "PUT"),
			Want: badRequest},
		{Name: "GET/Referer instead of Origin", Source: src(origins, "get-referer", "2023-07-31"),
			Setup: corsBucket(ok, false, getPut), Call: anonymous(http.MethodGet, okPath, "Referer", corsOrigin), Want: body(noCORS)},
		{Name: "OPTIONS/the rule's origin", Op: preflightOp, Source: src(origins, "opt-right-origin", "2023-07-31"),
			Setup: corsBucket(ok, false, getPut), Call: anonymous(http.MethodOptions, okPath, "Origin", corsOrigin, "Access-Control-Request-Method", "PUT"),
			Want: Want{Fields: corsAllowed(corsOrigin, "GET, PUT", true, "header:Content-Length", "0")}},
		{Name: "GET/the rule's origin", Source: src(origins, "get-right-origin", "2023-07-31"),
			Setup: corsBucket(ok, false, getPut), Call: anonymous(http.MethodGet, okPath, "Origin", corsOrigin),
			Want: body(corsAllowed(corsOrigin, "GET, PUT", true))},
		{Name: "OPTIONS/another origin", Op: preflightOp, Source: src(origins, "opt-wrong-origin", "2023-07-31"),
			Setup: corsBucket(ok, false, getPut), Call: anonymous(http.MethodOptions, okPath, "Origin", "http://localhost:4200", "Access-Control-Request-Method", "PUT"),
			Want: denied()},
		{Name: "OPTIONS/any origin rule", Op: preflightOp, Source: src(origins, "opt-random-wildcard-origin", "2023-07-31"),
			Setup: corsBucket(ok, false, anyOrigin), Call: anonymous(http.MethodOptions, okPath, "Origin", "http://random:1234", "Access-Control-Request-Method", "PUT"),
			Want: Want{Fields: corsAllowed("*", "GET, PUT", false, "header:Content-Length", "0")}},
		{Name: "GET/any origin rule", Source: src(origins, "get-random-wildcard-origin", "2023-07-31"),
			Setup: corsBucket(ok, false, anyOrigin), Call: anonymous(http.MethodGet, okPath, "Origin", "http://random:1234"),
			Want: body(corsAllowed("*", "GET, PUT", false))},
		{Name: "OPTIONS/GET allowed", Op: preflightOp, Source: src(methods, "opt-get", "2025-03-17"),
			Setup: corsBucket(mk, true, getOnly), Call: anonymous(http.MethodOptions, hkPath, "Origin", corsOrigin, "Access-Control-Request-Method", "GET"),
			Want: Want{Fields: corsAllowed(corsOrigin, "GET", true, "header:Access-Control-Allow-Headers", Absent)}},
		{Name: "GET/GET allowed", Source: src(methods, "get-op", "2025-03-17"),
			Setup: corsBucket(mk, true, getOnly), Call: anonymous(http.MethodGet, hkPath, "Origin", corsOrigin),
			Want: body(corsAllowed(corsOrigin, "GET", true))},
		{Name: "OPTIONS/PUT not allowed", Op: preflightOp, Source: src(methods, "opt-put", "2025-03-17"),
			Setup: corsBucket(mk, true, getOnly), Call: anonymous(http.MethodOptions, hkPath+"new", "Origin", corsOrigin, "Access-Control-Request-Method", "PUT"),
			Want: denied()},
		{Name: "OPTIONS/one requested header, any allowed", Op: preflightOp, Source: src(headers, "opt-get", "2025-07-07"),
			Setup: corsBucket(hk, true, getOnly), Call: anonymous(http.MethodOptions, hkPath, "Origin", corsOrigin, "Access-Control-Request-Method", "GET",
				"Access-Control-Request-Headers", "x-amz-request-payer"),
			Want: Want{Fields: corsAllowed(corsOrigin, "GET", true, "header:Access-Control-Allow-Headers", "x-amz-request-payer")}},
		{Name: "OPTIONS/two requested headers, any allowed", Op: preflightOp, Source: src(headers, "opt-get-two", "2025-07-07"),
			Setup: corsBucket(hk, true, getOnly), Call: anonymous(http.MethodOptions, hkPath, "Origin", corsOrigin, "Access-Control-Request-Method", "GET",
				"Access-Control-Request-Headers", "x-amz-request-payer, x-amz-expected-bucket-owner"),
			Want: Want{Fields: corsAllowed(corsOrigin, "GET", true, "header:Access-Control-Allow-Headers", "x-amz-request-payer, x-amz-expected-bucket-owner")}},
		{Name: "GET/with x-amz-request-payer", Source: src(headers, "get-op", "2025-07-07"),
			Setup: corsBucket(hk, true, getOnly), Call: anonymous(http.MethodGet, hkPath, "Origin", corsOrigin, "x-amz-request-payer", "requester"),
			Want: body(corsAllowed(corsOrigin, "GET", true))},
		s3OK("GetBucketCors/allowed headers keep their case", src(headers, "get-bucket-cors-casing", "2025-07-07"),
			s3Steps(run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(b), CORSConfiguration: &types.CORSConfiguration{CORSRules: []types.CORSRule{listed}}})
			})), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String(b)})
			}, map[string]any{"CORSRules": Len(1), "CORSRules[0].AllowedHeaders": Len(3), "CORSRules[0].AllowedHeaders[2]": "x-AMZ-server-SIDE-encryption",
				"CORSRules[0].AllowedMethods[0]": "GET", "CORSRules[0].MaxAgeSeconds": 3000, "CORSRules[0].ID": Absent, "CORSRules[0].ExposeHeaders": Len(0)}),
		{Name: "OPTIONS/requested header not listed", Op: preflightOp, Source: src(headers, "opt-get-non-allowed", "2025-07-07"),
			Setup: corsBucket(hk, true, listed), Call: anonymous(http.MethodOptions, hkPath, "Origin", corsOrigin, "Access-Control-Request-Method", "GET",
				"Access-Control-Request-Headers", "x-amz-request-payer"),
			Want: denied()},
		{Name: "OPTIONS/requested header listed", Op: preflightOp, Source: src(headers, "opt-get-allowed", "2025-07-07"),
			Setup: corsBucket(hk, true, listed), Call: anonymous(http.MethodOptions, hkPath, "Origin", corsOrigin, "Access-Control-Request-Method", "GET",
				"Access-Control-Request-Headers", "x-amz-expected-bucket-owner"),
			Want: Want{Fields: corsAllowed(corsOrigin, "GET", true, "header:Access-Control-Allow-Headers", "x-amz-expected-bucket-owner")}},
		// The requested headers come back in lower case, joined by ", ".
		{Name: "OPTIONS/two listed headers in another case", Op: preflightOp, Source: src(headers, "opt-get-allowed-diff-casing", "2025-07-07"),
			Setup: corsBucket(hk, true, listed), Call: anonymous(http.MethodOptions, hkPath, "Origin", corsOrigin, "Access-Control-Request-Method", "GET",
				"Access-Control-Request-Headers", "x-AMZ-expected-BUCKET-owner, x-amz-server-side-encryption"),
			Want: Want{Fields: corsAllowed(corsOrigin, "GET", true, "header:Access-Control-Allow-Headers", "x-amz-expected-bucket-owner, x-amz-server-side-encryption")}},
		{Name: "OPTIONS/two listed headers without a space", Op: preflightOp, Source: src(headers, "opt-get-allowed-no-space", "2025-07-07"),
			Setup: corsBucket(hk, true, listed), Call: anonymous(http.MethodOptions, hkPath, "Origin", corsOrigin, "Access-Control-Request-Method", "GET",
				"Access-Control-Request-Headers", "x-amz-expected-bucket-owner,x-amz-server-side-encryption"),
			Want: Want{Fields: corsAllowed(corsOrigin, "GET", true, "header:Access-Control-Allow-Headers", "x-amz-expected-bucket-owner, x-amz-server-side-encryption")}},
		{Name: "GET/with Access-Control-Request-Headers not listed", Source: src(headers, "get-non-allowed-with-acl", "2025-07-07"),
			Setup: corsBucket(hk, true, listed), Call: anonymous(http.MethodGet, hkPath, "Origin", corsOrigin, "Access-Control-Request-Headers", "x-amz-request-payer"),
			Want: body(noCORS)},
		{Name: "GET/with a header not listed", Source: src(headers, "get-non-allowed", "2025-07-07"),
			Setup: corsBucket(hk, true, listed), Call: anonymous(http.MethodGet, hkPath, "Origin", corsOrigin, "x-amz-request-payer", "requester"),
			Want: body(corsAllowed(corsOrigin, "GET", true))},
	})
}

func TestS3RecordedCORSOriginsAndEmptyListParams(t *testing.T) {
	const preflightOp = "S3 OPTIONS (CORS preflight)"
	partial := types.CORSRule{AllowedOrigins: []string{"http://*.origin.com"}, AllowedMethods: []string{"GET", "PUT"}, MaxAgeSeconds: aws.Int32(3000), AllowedHeaders: []string{"*"}}
	putRule := func(rule types.CORSRule) func(ctx context.Context, t *testing.T, w *World) {
		return func(ctx context.Context, t *testing.T, w *World) {
			t.Helper()
			bucket(ctx, t, w, opsBucket)
			if _, err := w.S3(Root(owner)).PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(opsBucket),
				CORSConfiguration: &types.CORSConfiguration{CORSRules: []types.CORSRule{rule}}}); err != nil {
				t.Fatalf("set-up PutBucketCors: %v", err)
			}
		}
	}
	const lp = "TestS3ListParts::test_list_parts_empty_part_number_marker"
	const k = "test-list-part-empty-marker"
	var ids [2]*string // one upload per case
	begin := func(i int) func(ctx context.Context, t *testing.T, w *World) {
		return func(ctx context.Context, t *testing.T, w *World) {
			t.Helper()
			bucket(ctx, t, w, opsBucket)
			c := w.S3(Root(owner))
			mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String(k)})
			if err != nil {
				t.Fatalf("set-up CreateMultipartUpload: %v", err)
			}
			ids[i] = mpu.UploadId
			if _, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(opsBucket), Key: aws.String(k), UploadId: mpu.UploadId,
				PartNumber: aws.Int32(1), Body: strings.NewReader("data")}); err != nil {
				t.Fatalf("set-up UploadPart: %v", err)
			}
		}
	}
	page := map[string]any{"Parts": Len(1), "Parts[0].Size": 4, "Parts[0].ETag": `"8d777f385d3dfec8815d20f7496026dc"`, "MaxParts": 1000,
		"PartNumberMarker": "0", "NextPartNumberMarker": "1", "IsTruncated": false}
	Run(t, []Case{
		{Name: "OPTIONS/bucket, origin matching a wildcard rule", Op: preflightOp,
			Source: localstack(moreCORS, "TestS3Cors::test_cors_options_match_partial_origin", "options_match_partial_origin", "2024-02-29"),
			Setup:  putRule(partial), Call: anonymous(http.MethodOptions, "/"+opsBucket, "Origin", "http://test.origin.com", "Access-Control-Request-Method", "GET"),
			Want: Want{Fields: corsAllowed("http://test.origin.com", "GET, PUT", true, "header:Content-Length", "0")}},
		{Name: "GetBucketCors/empty AllowedOrigin", Source: localstack(moreCORS, "TestS3Cors::test_put_cors_empty_origin", "get-cors-empty", "2023-07-31"),
			Setup: putRule(types.CORSRule{AllowedOrigins: []string{""}, AllowedMethods: []string{"GET", "PUT", "HEAD"}}),
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String(b)})
			}),
			Want: Want{Fields: map[string]any{"CORSRules[0].AllowedOrigins": Len(1), "CORSRules[0].AllowedOrigins[0]": "", "CORSRules[0].AllowedMethods[2]": "HEAD",
				"CORSRules[0].MaxAgeSeconds": Absent, "CORSRules[0].AllowedHeaders": Len(0)}}},
		{Name: "ListParts/empty part-number-marker", Source: localstack(moreList, lp, "list-parts-empty-marker", "2026-02-21"), Setup: begin(0),
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(b), Key: aws.String(k), UploadId: ids[0], PartNumberMarker: aws.String("")})
			}), Want: Want{Fields: page}},
		// aws-sdk-go-v2 cannot send an empty max-parts (an integer).
		{Name: "ListParts/empty max-parts", Source: localstack(moreList, lp, "list-parts-empty-max-parts", "2026-02-21"), Setup: begin(1),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.Signed(ctx, Root(owner), http.MethodGet, "/"+opsBucket+"/"+k+"?max-parts=&uploadId="+aws.ToString(ids[1]), nil, nil)
			}, Want: Want{}},
	})
}

func TestS3RecordedPostConditionsAndCORSRefusals(t *testing.T) {
	const preflightOp = "S3 OPTIONS (CORS preflight)"
	post := func(p policyForm) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) { return p.send(ctx, w, opsBucket) }
	}
	withBucket := func(ctx context.Context, t *testing.T, w *World) { bucket(ctx, t, w, opsBucket) }
	failed := func(cond string) Want {
		return Want{Status: 403, Code: "AccessDenied", Message: "Invalid according to Policy: Policy Condition failed: " + cond}
	}
	const redirect = "http://localhost.test/random"
	k := "test-cors-default"
	Run(t, []Case{
		{Name: "PostObject/eq condition not met", Source: localstack(moreS3, presignedPostTest+"test_post_object_policy_conditions_validation_eq", "invalid-condition-eq", "2026-02-21"),
			Setup: withBucket, Call: post(policyForm{key: "validate-policy-1", file: "abcdef", fields: [][2]string{{"success_action_redirect", "http://wrong.location/test"}},
				conds: []any{[]string{"eq", "$success_action_redirect", redirect}}}),
			Want: failed(`["eq", "$success_action_redirect", "http://localhost.test/random"]`)},
		{Name: "PostObject/starts-with condition met in another case", Source: localstack(moreS3, presignedPostTest+"test_post_object_policy_conditions_validation_starts_with",
			"invalid-condition-starts-with-casing", "2026-02-21"),
			Setup: withBucket, Call: post(policyForm{key: "validate-policy-2", file: "abcdef", fields: [][2]string{{"success_action_redirect", "HTTP://localhost.test/random"}},
				conds: []any{[]string{"starts-with", "$success_action_redirect", "http://localhost"}}}),
			Want: failed(`["starts-with", "$success_action_redirect", "http://localhost"]`)},
		{Name: "OPTIONS/Origin without Access-Control-Request-Method, no CORS configuration", Op: preflightOp,
			Source: localstack(moreCORS, "TestS3Cors::test_cors_http_options_no_config", "options-with-origin-no-method", "2023-07-31"),
			Setup:  corsBucketWithout("test-cors-options-no-config"),
			Call:   anonymous(http.MethodOptions, "/"+opsBucket+"/test-cors-options-no-config", "Origin", "whatever"),
			Want:   Want{Status: 403, Code: "AccessForbidden", Message: "CORSResponse: CORS is not enabled for this bucket."}},
		{Name: "OPTIONS/requested header with no AllowedHeader", Op: preflightOp,
			Source: localstack(moreCORS, "TestS3Cors::test_put_cors_default_values", "opt-get-headers", "2023-07-31"),
			Setup:  corsBucket(k, true, types.CORSRule{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}}),
			Call: anonymous(http.MethodOptions, "/"+opsBucket+"/"+k, "Origin", "localhost:4566", "Access-Control-Request-Method", "GET",
				"Access-Control-Request-Headers", "x-amz-request-payer"),
			Want: Want{Status: 403, Code: "AccessForbidden", Message: msgCORSDenied}},
	})
}

// corsBucketWithout is opsBucket with ACLs allowed and key written
// public-read, without a CORS configuration.
func corsBucketWithout(key string) func(ctx context.Context, t *testing.T, w *World) {
	return func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		bucket(ctx, t, w, opsBucket)
		steps := append(append([]s3Setup{}, allowACLs...), putKeyWith(key, "cors-test", func(in *s3.PutObjectInput) { in.ACL = types.ObjectCannedACLPublicRead }))
		for i, s := range steps {
			if err := s(ctx, w.S3(Root(owner))); err != nil {
				t.Fatalf("set-up step %d: %v", i+1, err)
			}
		}
	}
}
