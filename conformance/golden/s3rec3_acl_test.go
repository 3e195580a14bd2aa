package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// allowACLs is LocalStack's allow_bucket_acl fixture: the bucket's
// ownership controls and Block Public Access removed.
var allowACLs = []s3Setup{
	run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: aws.String(b)})
	}),
	run(s3Ops["DeletePublicAccessBlock"]),
}

const logDelivery = "http://acs.amazonaws.com/groups/s3/LogDelivery"

// ownerACP is the AccessControlPolicy of LocalStack's ACL tests: the owner
// FULL_CONTROL, LogDelivery WRITE.
func ownerACP(ctx context.Context, c *s3.Client) (*types.AccessControlPolicy, error) {
	l, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		return nil, err
	}
	return &types.AccessControlPolicy{Owner: l.Owner, Grants: []types.Grant{
		{Grantee: &types.Grantee{ID: l.Owner.ID, Type: types.TypeCanonicalUser}, Permission: types.PermissionFullControl},
		{Grantee: &types.Grantee{URI: aws.String(logDelivery), Type: types.TypeGroup}, Permission: types.PermissionWrite},
	}}, nil
}

func TestS3RecordedACLGrants(t *testing.T) {
	const bucketTest, objectTest = "TestS3::test_s3_bucket_acl", "TestS3::test_s3_object_acl"
	const k = "object-key-acl"
	readByLogDelivery := map[string]any{"Grants": Len(1), "Grants[0].Grantee.Type": "Group", "Grants[0].Grantee.URI": logDelivery,
		"Grants[0].Grantee.ID": Absent, "Grants[0].Permission": "READ", "Owner.ID": Match(`^[0-9a-f]{64}$`), "Owner.DisplayName": Absent}
	acp := map[string]any{"Grants": Len(2), "Grants[0].Grantee.Type": "CanonicalUser", "Grants[0].Grantee.ID": Match(`^[0-9a-f]{64}$`),
		"Grants[0].Permission": "FULL_CONTROL", "Grants[1].Grantee.Type": "Group", "Grants[1].Grantee.URI": logDelivery,
		"Grants[1].Permission": "WRITE", "Owner.ID": Match(`^[0-9a-f]{64}$`)}
	withObject := func(step s3Setup) []s3Setup { return append(append([]s3Setup{}, allowACLs...), putKey(k, ""), step) }
	Run(t, []Case{
		s3OK("GetBucketAcl/after PutBucketAcl x-amz-grant-read LogDelivery", localstack(moreS3, bucketTest, "get-bucket-grant-acl", "2026-02-21"),
			append(append([]s3Setup{}, allowACLs...), run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(b), GrantRead: aws.String(`uri="` + logDelivery + `"`)})
			})),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(b)})
			}, readByLogDelivery),
		s3OK("GetBucketAcl/after PutBucketAcl with an AccessControlPolicy", localstack(moreS3, bucketTest, "get-bucket-acp-acl", "2026-02-21"),
			append(append([]s3Setup{}, allowACLs...), run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				p, err := ownerACP(ctx, c)
				if err != nil {
					return nil, err
				}
				return c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(b), AccessControlPolicy: p})
			})),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(b)})
			}, acp),
		s3OK("PutObject/empty body on an ACL-enabled bucket", localstack(moreS3, objectTest, "put-object-default-acl", "2026-02-21"),
			allowACLs, func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k)})
			}, map[string]any{"ETag": `"d41d8cd98f00b204e9800998ecf8427e"`, "ServerSideEncryption": "AES256", "VersionId": Absent}),
		s3OK("GetObjectAcl/after PutObjectAcl x-amz-grant-read LogDelivery", localstack(moreS3, objectTest, "get-object-grant-acl", "2026-02-21"),
			withObject(run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(b), Key: aws.String(k), GrantRead: aws.String(`uri="` + logDelivery + `"`)})
			})),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(b), Key: aws.String(k)})
			}, readByLogDelivery),
		s3OK("GetObjectAcl/after PutObjectAcl with an AccessControlPolicy", localstack(moreS3, objectTest, "get-object-acp-acl", "2026-02-21"),
			withObject(run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				p, err := ownerACP(ctx, c)
				if err != nil {
					return nil, err
				}
				return c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(b), Key: aws.String(k), AccessControlPolicy: p})
			})),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(b), Key: aws.String(k)})
			}, acp),
	})
}
