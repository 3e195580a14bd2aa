package golden

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Bucket default encryption and the SSE-C block of argmin's
// bucket_encryption.rs and bucket_encryption_acl.rs: a new bucket reports
// BlockedEncryptionTypes SSE-C and refuses SSE-C writes (403
// AccessDenied) until PutBucketEncryption names NONE; objects already
// written with SSE-C still read.

// encSSEC is the suite's test_sse_c_key as SSE-C headers.
var encSSEC = newPolicySSEC("AES256")

// encPutSSEC is PutObject of key with body under encSSEC, by the primary
// user.
func encPutSSEC(key, body string) objCall {
	return objPut(primary, key, body, func(in *s3.PutObjectInput) {
		in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = encSSEC.alg, encSSEC.key, encSSEC.md5
	})
}

// encCreateMPU is CreateMultipartUpload of key under encSSEC.
func encCreateMPU(key string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(key),
			SSECustomerAlgorithm: encSSEC.alg, SSECustomerKey: encSSEC.key, SSECustomerKeyMD5: encSSEC.md5})
	}
}

// encSetBlocked is PutBucketEncryption of SSE-S3 with BlockedEncryptionTypes
// blocked (the suite's sse_s3_bucket_encryption), by the primary user.
func encSetBlocked(blocked types.EncryptionType) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(argminBkt),
			ServerSideEncryptionConfiguration: ssecAllowed(blocked)})
	}
}

func encGet(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return primary(w, u).GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(argminBkt)})
}

// encBlockedMessage is AWS's refusal of an SSE-C write by the primary user
// (argmin sse_c.rs test_sse_c_blocked_by_default_error_shape).
func encBlockedMessage(action, key string) string {
	return "User: arn:aws:iam::" + owner + ":user/primary is not authorized to perform: " + action + " on resource: \"" + argminObjectsARN[:len(argminObjectsARN)-1] + key +
		"\" because this bucket has blocked upload requests that specify Server Side Encryption with Customer provided keys (SSE-C). Please specify a different server-side encryption type."
}

// encRule is the field path of the first rule of GetBucketEncryption.
const encRule = "ServerSideEncryptionConfiguration.Rules[0]."

func encBlockedIs(t string) Want {
	return Want{Fields: map[string]any{"ServerSideEncryptionConfiguration.Rules": Len(1),
		encRule + "BlockedEncryptionTypes.EncryptionType": Len(1), encRule + "BlockedEncryptionTypes.EncryptionType[0]": t}}
}

func TestArgminBucketEncryption(t *testing.T) {
	src := func(test string) string { return argmin("bucket_encryption.rs", test) }
	shape := argmin("sse_c.rs", "test_sse_c_blocked_by_default_error_shape")
	bucket := objBucket
	blocked := func(extra ...argminStep) []argminStep {
		return bucket(append([]argminStep{objStep(encSetBlocked(types.EncryptionTypeSseC))}, extra...)...)
	}
	denied := Want{Status: http.StatusForbidden, Code: "AccessDenied"}
	Run(t, []Case{
		argminCase("GetBucketEncryption/a new bucket: SSE-S3, SSE-C blocked", src("test_get_bucket_encryption_default_reports_current_sse_c_state")+
			" (SSE-C, as AWS documents for every new bucket since April 2026)", bucket(), encGet,
			Want{Fields: map[string]any{"ServerSideEncryptionConfiguration.Rules": Len(1),
				encRule + "ApplyServerSideEncryptionByDefault.SSEAlgorithm": "AES256", encRule + "BlockedEncryptionTypes.EncryptionType[0]": "SSE-C"}}),
		argminCase("PutObject/SSE-C to a new bucket", src("test_bucket_encryption_default_sse_c_put_behavior_matches_reported_state")+"; "+shape,
			bucket(), encPutSSEC("default-blocked-put", "blocked"),
			Want{Status: http.StatusForbidden, Code: "AccessDenied", Message: encBlockedMessage("s3:PutObject", "default-blocked-put")}),
		argminCase("GetBucketEncryption/after blocking SSE-C", src("test_put_get_bucket_encryption_blocks_and_unblocks_sse_c"),
			blocked(), encGet, encBlockedIs("SSE-C")),
		argminCase("GetBucketEncryption/after unblocking SSE-C", src("test_put_get_bucket_encryption_blocks_and_unblocks_sse_c"),
			blocked(objStep(encSetBlocked(types.EncryptionTypeNone))), encGet, encBlockedIs("NONE")),
		argminCase("PutBucketEncryption/unblocking SSE-C", src("test_put_get_bucket_encryption_blocks_and_unblocks_sse_c"),
			blocked(), encSetBlocked(types.EncryptionTypeNone), Want{}),
		argminCase("PutBucketEncryption/a rule of BlockedEncryptionTypes NONE alone", "https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionRule.html "+
			"(ApplyServerSideEncryptionByDefault Required: No); DataBiosphere/toil's create_s3_bucket sends this rule to AWS to allow SSE-C", blocked(),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(argminBkt),
					ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
						BlockedEncryptionTypes: &types.BlockedEncryptionTypes{EncryptionType: []types.EncryptionType{types.EncryptionTypeNone}}}}}})
			}, Want{}),
		argminCase("PutObject/SSE-C to a bucket that blocks it", src("test_bucket_encryption_blocks_sse_c_put_object"),
			blocked(), encPutSSEC("blocked-put", "blocked"), denied),
		argminCase("CreateMultipartUpload/SSE-C to a bucket that blocks it", src("test_bucket_encryption_blocks_sse_c_create_multipart_upload"),
			blocked(), encCreateMPU("blocked-mpu"), denied),
		argminCase("GetObject/an SSE-C object after the bucket blocks SSE-C", src("test_bucket_encryption_does_not_block_existing_sse_c_reads"),
			bucket(argminAllowSSEC, objStep(encPutSSEC("existing-sse-c-object", "secret-body")), objStep(encSetBlocked(types.EncryptionTypeSseC))),
			objGet(primary, "existing-sse-c-object", func(in *s3.GetObjectInput) {
				in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = encSSEC.alg, encSSEC.key, encSSEC.md5
			}), objBodyIs("secret-body")),
	})
}

func TestArgminBucketEncryptionACL(t *testing.T) {
	src := func(test string) string { return argmin("bucket_encryption_acl.rs", test) }
	// create_acl_enabled_bucket with ObjectWriter: ownership set, Block
	// Public Access deleted.
	bucket := func(extra ...argminStep) []argminStep {
		return append(argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter)), extra...)
	}
	blocked := bucket(objStep(encSetBlocked(types.EncryptionTypeSseC)))
	denied := Want{Status: http.StatusForbidden, Code: "AccessDenied"}
	Run(t, []Case{
		argminCase("PutObject/SSE-C to a new ACL-enabled bucket", src("test_bucket_encryption_acl_default_blocks_sse_c_put_object"),
			bucket(), encPutSSEC("acl-default-blocked-put", "blocked"), denied),
		argminCase("PutObject/SSE-C to an ACL-enabled bucket that blocks it", src("test_bucket_encryption_acl_blocks_sse_c_put_object"),
			blocked, encPutSSEC("acl-blocked-put", "blocked"), denied),
		argminCase("CreateMultipartUpload/SSE-C to an ACL-enabled bucket that blocks it", src("test_bucket_encryption_acl_blocks_sse_c_create_multipart_upload"),
			blocked, encCreateMPU("acl-blocked-mpu"), denied),
		argminCase("PutObject/SSE-C to an ACL-enabled bucket that unblocked it", src("test_bucket_encryption_acl_allows_sse_c_when_unblocked"),
			bucket(argminAllowSSEC), encPutSSEC("acl-unblocked-put", "allowed"), Want{Fields: map[string]any{"SSECustomerAlgorithm": "AES256"}}),
		argminCase("HeadObject/SSE-C object of an ACL-enabled bucket that unblocked it", src("test_bucket_encryption_acl_allows_sse_c_when_unblocked"),
			bucket(argminAllowSSEC, objStep(encPutSSEC("acl-unblocked-put", "allowed"))),
			objHead(primary, "acl-unblocked-put", func(in *s3.HeadObjectInput) {
				in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = encSSEC.alg, encSSEC.key, encSSEC.md5
			}), Want{Fields: map[string]any{"ContentLength": 7, "SSECustomerAlgorithm": "AES256"}}),
	})
}
