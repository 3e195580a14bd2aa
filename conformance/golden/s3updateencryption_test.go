package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// UpdateObjectEncryption has no recording yet; its cases follow the API
// reference page, which lists each refusal's code and message.
const updateEncryptionDoc = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_UpdateObjectEncryption.html"

// updateEncryption asks for SSE-KMS with key on opsKey of b.
func updateEncryption(key string, bucketKey bool) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.UpdateObjectEncryption(ctx, &s3.UpdateObjectEncryptionInput{Bucket: aws.String(b), Key: aws.String(opsKey),
			ObjectEncryption: &types.ObjectEncryptionMemberSSEKMS{Value: types.SSEKMSEncryption{KMSKeyArn: aws.String(key), BucketKeyEnabled: aws.Bool(bucketKey)}}})
	}
}

func TestS3UpdateObjectEncryption(t *testing.T) {
	const (
		ownKey   = "arn:aws:kms:us-east-1:" + owner + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"
		otherKey = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	)
	head := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(opsKey)})
	}
	dsse := putKeyWith(opsKey, "data", func(in *s3.PutObjectInput) { in.ServerSideEncryption = types.ServerSideEncryptionAwsKmsDsse })
	Run(t, []Case{
		s3OK("UpdateObjectEncryption/SSE-S3 to SSE-KMS", updateEncryptionDoc+" (an SSE-S3 object moves to SSE-KMS)",
			s3Steps(putKey(opsKey, "data")), updateEncryption(ownKey, true), nil),
		s3OK("UpdateObjectEncryption/then HeadObject", updateEncryptionDoc+" (the object reports the new key; its ETag is kept)",
			s3Steps(putKey(opsKey, "data"), run(updateEncryption(ownKey, true))), head, map[string]any{
				"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": ownKey, "BucketKeyEnabled": true,
				"ETag": `"8d777f385d3dfec8815d20f7496026dc"`}),
		s3Fails("UpdateObjectEncryption/another account's key", updateEncryptionDoc+" (AccessDenied: the key must be the bucket owner's)",
			s3Steps(putKey(opsKey, "data")), updateEncryption(otherKey, false), 403, "AccessDenied",
			"The AWS KMS key in the request must be owned by the same account as the bucket. Modify the request to specify a KMS key from the same account, and then try again."),
		s3Fails("UpdateObjectEncryption/DSSE-KMS source", updateEncryptionDoc+" (InvalidRequest for a DSSE-KMS source)",
			s3Steps(dsse), updateEncryption(ownKey, false), 400, "InvalidRequest",
			"The UpdateObjectEncryption operation doesn't support source objects with the encryption type DSSE-KMS or SSE-C. Only source objects encrypted with SSE-S3 or SSE-KMS are supported."),
		s3Fails("UpdateObjectEncryption/no such key", updateEncryptionDoc+" (NoSuchKey among the operation's errors)",
			nil, updateEncryption(ownKey, false), 404, "NoSuchKey", "The specified key does not exist."),
	})
}
