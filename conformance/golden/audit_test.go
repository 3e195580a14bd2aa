package golden

import (
	"context"
	"net/http"
	"testing"
)

// TestIssue10Audit holds cases added by the issue-10 acceptance audit:
// answers found to differ from an AWS recording while checking the issue's
// list, replayed here once fixed.
func TestIssue10Audit(t *testing.T) {
	const b = "golden-audit"
	const api = "s3/test_s3_api.snapshot.json"
	Run(t, []Case{{
		Name:   "PutBucketPolicy/empty JSON object",
		Source: localstack(api, "TestS3BucketPolicy::test_bucket_policy_exc", "put-bucket-policy-empty-json", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.Signed(ctx, Root(owner), http.MethodPut, "/"+b+"?policy", []byte("{}"), nil)
		},
		Want: Want{Status: 400, Code: "MalformedPolicy", Message: "Missing required field Statement"},
	}, {
		Name:   "PutBucketPolicy/random string",
		Source: localstack(api, "TestS3BucketPolicy::test_bucket_policy_exc", "put-bucket-policy-randomstring", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.Signed(ctx, Root(owner), http.MethodPut, "/"+b+"?policy", []byte("invalid json"), nil)
		},
		Want: Want{Status: 400, Code: "MalformedPolicy", Message: "Policies must be valid JSON and the first byte must be '{'"},
	}})
}
