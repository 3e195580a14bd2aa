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

func TestArgminWireHeadersACL(t *testing.T) {
	src := func(test string) string { return argmin("headers_acl.rs", test) }
	aclBucket := argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter))
	rawACL := wireSignedEdit(wireSig{method: http.MethodPut, path: wireObjectPath("raw-acl-header"), payload: wireSHA256("raw-acl-body"),
		signed: [][2]string{{"x-amz-acl", "private"}}}, "raw-acl-body", nil, nil)
	Run(t, []Case{
		argminCase("CreateBucket/an unsigned x-amz-acl garbage", src("test_bucket_create_bad_acl"), nil,
			wireSignedEdit(wireSig{method: http.MethodPut, path: "/" + argminBkt, payload: wireSHA256("")}, "", nil, wireWith("X-Amz-Acl", "garbage")), argminDenied),
		argminCase("PutObject/a signed x-amz-acl private, ACL-enabled bucket", src("test_put_object_acl_header_raw_request_succeeds_on_acl_bucket"),
			aclBucket, rawACL, Want{}),
		argminCase("GetObject/after a raw PUT with x-amz-acl private", src("test_put_object_acl_header_raw_request_succeeds_on_acl_bucket"),
			aclBucket, wireThen(rawACL, argminGet(primary, "raw-acl-header")), Want{Fields: map[string]any{"Body": "raw-acl-body"}}),
		argminCase("GetObjectAcl/after a raw PUT with x-amz-acl private", src("test_put_object_acl_header_raw_request_succeeds_on_acl_bucket"),
			aclBucket, wireThen(rawACL, func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String("raw-acl-header")})
			}), Want{Fields: map[string]any{"Grants": Len(1)}}),
	})
}

func TestArgminWirePublicHeaders(t *testing.T) {
	src := func(test string) string { return argmin("public_access_headers.rs", test) }
	// create_public_bucket, then "obj" public-read as application/octet-stream.
	public := argminSteps(argminBucket(true, types.ObjectOwnershipBucketOwnerPreferred), argminBucketACL(types.BucketCannedACLPublicRead),
		func(ctx context.Context, w *World, u *argminUsers) error {
			_, err := primary(w, u).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("obj"), ACL: types.ObjectCannedACLPublicRead,
				ContentType: aws.String("application/octet-stream"), Body: strings.NewReader("data")})
			return err
		})
	private := argminSteps(argminBucket(true, types.ObjectOwnershipBucketOwnerPreferred), argminBucketACL(types.BucketCannedACLPublicRead), argminPut("obj", "data", ""))
	const query = "response-content-type=text%2Fplain"
	dated := func(value string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return wireUnsigned(http.MethodGet, wireObjectPath("obj"), "", http.Header{"X-Amz-Date": {value}})
	}
	Run(t, []Case{
		argminCase("GetObject/signed with response-content-type", src("test_get_response_override_headers_require_signed_requests"), public,
			wireSignedEdit(wireSig{method: http.MethodGet, path: wireObjectPath("obj"), query: query, payload: wireSHA256("")}, "", nil, nil),
			Want{Fields: map[string]any{"header:Body": "data", "header:Content-Type": "text/plain"}}),
		argminCase("GetObject/unsigned with response-content-type", src("test_get_response_override_headers_require_signed_requests"), public,
			wireUnsigned(http.MethodGet, wireObjectPath("obj")+"?"+query, "", nil),
			Want{Status: http.StatusBadRequest, Code: "InvalidRequest", Message: "Request specific response headers cannot be used for anonymous GET requests.",
				Fields: map[string]any{"header:Content-Type": Present}}),
		argminCase("GetObject/unsigned with an empty x-amz-date", src("test_get_date_empty_anonymous"), private, dated(""), Want{Refused: true, Status: http.StatusForbidden}),
		argminCase("GetObject/unsigned with x-amz-date garbage", src("test_get_date_invalid_anonymous"), private, dated("garbage"), Want{Refused: true, Status: http.StatusForbidden}),
		argminCase("GetObject/unsigned with x-amz-date in 1969", src("test_get_date_before_epoch_anonymous"), private, dated("19690101T000000Z"), Want{Refused: true, Status: http.StatusForbidden}),
	})
}
