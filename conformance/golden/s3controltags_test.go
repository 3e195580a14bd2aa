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
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3 Control's TagResource, UntagResource and ListTagsForResource on a
// general purpose bucket, as justincormack/argmin recorded them against
// AWS (guides/aws-compatibility.md, routing-boundary and operation-body
// slices, 2026-07-15; crates/s3-tests/tests/bucket_policy_abac.rs) and the
// S3 error-code list documents them.

func argminControl(finding string) string {
	return "justincormack/argmin guides/aws-compatibility.md, S3 Control resource tagging (recorded against AWS S3 Control, exact goldens): " + finding
}

const controlTagsErrorList = "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (List of Amazon S3 Control error codes)"

// controlTags sends an S3 Control tagging request for bucket as the
// owner's root; query is UntagResource's tagKeys part.
func controlTags(method, bucket, query, body string) func(context.Context, *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) {
		path := "/v20180820/tags/" + strings.ReplaceAll(url.PathEscape("arn:aws:s3:::"+bucket), "/", "%2F")
		if query != "" {
			path += "?" + query
		}
		return sendControl(ctx, w, method, path, body)
	}
}

// sendControl sends an S3 Control request (path and query after the
// endpoint) as the owner's root, in the owner's account.
func sendControl(ctx context.Context, w *World, method, path, body string) (*http.Response, error) {
	r, err := http.NewRequestWithContext(ctx, method, w.Endpoint+path, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	r.Header.Set("x-amz-account-id", owner)
	r.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
	// The path is signed as sent, escapes and all, as S3 signs it (the
	// SDK's s3control client does the same).
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	if err := signer.SignHTTP(ctx, Root(owner), r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
		return nil, err
	}
	return w.HTTP.Do(r)
}

func tagResourceBody(kv ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><TagResourceRequest xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><Tags>`)
	for i := 0; i+1 < len(kv); i += 2 {
		b.WriteString("<Tag><Key>" + kv[i] + "</Key><Value>" + kv[i+1] + "</Value></Tag>")
	}
	b.WriteString("</Tags></TagResourceRequest>")
	return b.String()
}

func TestS3ControlTags(t *testing.T) {
	tagged := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		c := w.S3(Root(owner))
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("tagged")})
		must(t, "CreateBucket", err)
		_, err = c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String("tagged"),
			Tagging: &s3types.Tagging{TagSet: []s3types.Tag{{Key: aws.String("team"), Value: aws.String("storage")}}}})
		must(t, "PutBucketTagging", err)
	}
	untagged := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		_, err := w.S3(Root(owner)).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("tagged")})
		must(t, "CreateBucket", err)
	}
	invalidTag := func(msg string) Want { return Want{Status: 400, Code: "InvalidTag", Message: msg} }
	const invalid = "This request contains a tag key or value that isn't valid. Valid characters include the following: [a-zA-Z+-=._:/]. Tag keys can contain up to 128 characters. Tag values can contain up to 256 characters."
	Run(t, []Case{
		{Name: "ListTagsForResource/tags", Source: argminControl("200, ListTagsForResourceResult in the S3 Control namespace, Tags/Tag/Key and Value, no Content-Type"),
			Setup: tagged, Call: controlTags(http.MethodGet, "tagged", "", ""),
			Want: Want{Fields: map[string]any{"header:Content-Type": Absent}}},
		{Name: "ListTagsForResource/no such bucket", Source: argminControl("a nonexistent bucket ARN is 404 NoSuchResource") + "; message: " + controlTagsErrorList,
			Call: controlTags(http.MethodGet, "no-such-bucket-here", "", ""),
			Want: Want{Status: 404, Code: "NoSuchResource", Message: "The specified resource doesn't exist."}},
		{Name: "ListTagsForResource/object ARN", Source: argminControl("an object ARN is 400 InvalidURI"),
			Call: controlTags(http.MethodGet, "tagged/key", "", ""), Want: Want{Status: 400, Code: "InvalidURI"}},
		{Name: "TagResource/adds a tag", Source: argminControl("TagResource of a valid tag is 204 with only the request-id headers"),
			Setup: tagged, Call: controlTags(http.MethodPost, "tagged", "", tagResourceBody("project", "argmin")), Want: Want{Status: 204}},
		{Name: "TagResource/empty body", Source: argminControl("an empty TagResource body is MissingRequestBodyError"),
			Setup: tagged, Call: controlTags(http.MethodPost, "tagged", "", ""), Want: Want{Status: 400, Code: "MissingRequestBodyError"}},
		{Name: "TagResource/truncated XML", Source: argminControl("truncated XML is MalformedXML"),
			Setup: tagged, Call: controlTags(http.MethodPost, "tagged", "", "<TagResourceRequest><Tags>"), Want: Want{Status: 400, Code: "MalformedXML"}},
		{Name: "TagResource/empty Tags", Source: argminControl("a wrong root, missing Tags or empty Tags is InvalidTag \"At least one tag is required.\""),
			Setup: tagged, Call: controlTags(http.MethodPost, "tagged", "", tagResourceBody()), Want: invalidTag("At least one tag is required.")},
		{Name: "TagResource/invalid character", Source: argminControl("'!' in a key or value is the common InvalidTag message"),
			Setup: tagged, Call: controlTags(http.MethodPost, "tagged", "", tagResourceBody("invalid!", "v")), Want: invalidTag(invalid)},
		{Name: "TagResource/duplicate keys", Source: argminControl("duplicate member keys are InvalidTag with their own message"),
			Setup: tagged, Call: controlTags(http.MethodPost, "tagged", "", tagResourceBody("dup", "one", "dup", "two")),
			Want: invalidTag("There are duplicate tag keys in your request. Remove the duplicate tag keys and try again.")},
		{Name: "TagResource/aws: prefix", Source: controlTagsErrorList + " (InvalidTag: \"User-defined tag keys can't start with aws:\"); text as argmin's AWS-backed bucket_policy_abac.rs has it",
			Setup: tagged, Call: controlTags(http.MethodPost, "tagged", "", tagResourceBody("aws:x", "v")),
			Want: invalidTag(`User-defined tag keys can't start with "aws:". This prefix is reserved for system tags. Remove "aws:" from your tag keys and try again.`)},
		{Name: "UntagResource/absent key", Source: argminControl("an absent key is a 204 no-op"),
			Setup: tagged, Call: controlTags(http.MethodDelete, "tagged", "tagKeys=absent", ""), Want: Want{Status: 204}},
		{Name: "UntagResource/no tagKeys", Source: argminControl("a request without tagKeys is InvalidTag before the signature is checked"),
			Setup: tagged, Call: controlTags(http.MethodDelete, "tagged", "", ""), Want: invalidTag(invalid)},
		{Name: "UntagResource/invalid key on a tagged bucket", Source: argminControl("an invalid or 129-character key is InvalidTag once the bucket has tags"),
			Setup: tagged, Call: controlTags(http.MethodDelete, "tagged", "tagKeys="+strings.Repeat("k", 129), ""), Want: invalidTag(invalid)},
		{Name: "UntagResource/invalid key on an untagged bucket", Source: argminControl("the same key is a 204 no-op on a bucket without tags"),
			Setup: untagged, Call: controlTags(http.MethodDelete, "tagged", "tagKeys="+strings.Repeat("k", 129), ""), Want: Want{Status: 204}},
		{Name: "ListTagsForResource/PUT", Op: "S3 ListTagsForResource", Source: argminControl("PUT is 405 MethodNotAllowed, resource type BUCKET_TAGS, Allow: DELETE, POST, GET"),
			Setup: tagged, Call: controlTags(http.MethodPut, "tagged", "", ""),
			Want: Want{Status: 405, Code: "MethodNotAllowed", Fields: map[string]any{"header:Allow": "DELETE, POST, GET"}}},
		{Name: "OPTIONS/a CORS preflight, existing bucket", Op: "S3 ListTagsForResource", Source: controlPreflightSource,
			Setup: untagged, Call: controlPreflight("tagged"), Want: controlPreflightWant},
		{Name: "OPTIONS/a CORS preflight, no such bucket", Op: "S3 ListTagsForResource", Source: controlPreflightSource,
			Call: controlPreflight("no-such-bucket-here"), Want: controlPreflightWant},
	})
}

// An unsigned CORS preflight to S3 Control's tagging path: AWS answers 403
// AccessForbidden "CORSResponse: Bucket not found" in S3 Control's
// envelope, naming the requested method and resource type BUCKET, whether
// the bucket exists or not (argmin crates/s3-tests/tests/s3_control.rs
// test_s3_control_unauthenticated_options_existing_and_missing_bucket_shapes,
// against AWS, 2026).
const controlPreflightSource = "justincormack/argmin crates/s3-tests/tests/s3_control.rs test_s3_control_unauthenticated_options_existing_and_missing_bucket_shapes (asserted against AWS S3 Control, 2026)"

var controlPreflightWant = Want{Status: 403, Code: "AccessForbidden", Message: "CORSResponse: Bucket not found",
	Fields: map[string]any{"body": Match(`<ErrorResponse><Error><Code>AccessForbidden</Code><Message>CORSResponse: Bucket not found</Message><Method>POST</Method><ResourceType>BUCKET</ResourceType></Error><RequestId>`)}}

func controlPreflight(bucket string) func(context.Context, *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) {
		path := "/v20180820/tags/" + strings.ReplaceAll(url.PathEscape("arn:aws:s3:::"+bucket), "/", "%2F")
		r, err := http.NewRequestWithContext(ctx, http.MethodOptions, w.Endpoint+path, nil)
		if err != nil {
			return nil, err
		}
		r.Header.Set("Origin", "https://example.com")
		r.Header.Set("Access-Control-Request-Method", "POST")
		return w.HTTP.Do(r)
	}
}
