package golden

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// SSE-C since April 2026: every new general purpose bucket blocks SSE-C
// writes until PutBucketEncryption names BlockedEncryptionTypes NONE
// ("Blocking or unblocking SSE-C for a general purpose bucket", User
// Guide). argmin's SSE-C tests unblock it first (its enable_bucket_sse_c,
// create_bucket_with_sse_c_enabled, create_bucket_allowing_sse_c);
// LocalStack's SSE-C snapshots were recorded before the change, on
// buckets that allowed SSE-C, so their cases unblock it too.

// ssecAllowed is the default encryption enable_bucket_sse_c sets: SSE-S3
// with BlockedEncryptionTypes NONE.
func ssecAllowed(blocked types.EncryptionType) *types.ServerSideEncryptionConfiguration {
	return &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
		ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256},
		BlockedEncryptionTypes:             &types.BlockedEncryptionTypes{EncryptionType: []types.EncryptionType{blocked}}}}}
}

// allowSSEC unblocks SSE-C on opsBucket, as the owner.
func allowSSEC(ctx context.Context, c *s3.Client) error {
	_, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(opsBucket),
		ServerSideEncryptionConfiguration: ssecAllowed(types.EncryptionTypeNone)})
	return err
}

// ssecSteps are set-up steps on opsBucket after SSE-C is unblocked.
func ssecSteps(s ...s3Setup) []s3Setup { return append([]s3Setup{allowSSEC}, s...) }

// beforeSSECBlock marks cases recorded (by LocalStack against AWS) before
// April 2026, when new buckets allowed SSE-C: their set-up unblocks it.
func beforeSSECBlock(cases []Case) []Case {
	for i := range cases {
		if !strings.Contains(cases[i].Source, ssecNote) {
			cases[i].Source += ssecNote
		}
	}
	return cases
}

const ssecNote = "; recorded before April 2026, when new buckets allowed SSE-C: the set-up unblocks it (PutBucketEncryption BlockedEncryptionTypes NONE)"

// argminAllowSSEC is the suite's enable_bucket_sse_c on argminBkt, by its
// primary user.
func argminAllowSSEC(ctx context.Context, w *World, u *argminUsers) error {
	_, err := primary(w, u).PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(argminBkt),
		ServerSideEncryptionConfiguration: ssecAllowed(types.EncryptionTypeNone)})
	return err
}
