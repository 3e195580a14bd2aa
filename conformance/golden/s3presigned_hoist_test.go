package golden

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// aclBucket makes a bucket that takes ACLs (ObjectWriter, Block Public
// Access off).
func aclBucket(name string) func(context.Context, *testing.T, *World) {
	return func(ctx context.Context, t *testing.T, w *World) {
		c := w.S3(Root(owner))
		if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name), ObjectOwnership: types.ObjectOwnershipObjectWriter}); err != nil {
			t.Fatalf("CreateBucket: %v", err)
		}
		if _, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(name)}); err != nil {
			t.Fatalf("DeletePublicAccessBlock: %v", err)
		}
	}
}

// putPresignedThen sends a SigV4 presigned PUT of body to /bucket/key with
// query in the URL (signed with it, as the JS SDK v3 presigner hoists
// x-amz-* headers there) and header sent, then, if it succeeded, answers
// what then reads.
func putPresignedThen(bucket, key, query, body string, header http.Header,
	then func(ctx context.Context, c *s3.Client) (any, error)) func(ctx context.Context, w *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) {
		u, err := presignURL(ctx, w, http.MethodPut, "/"+bucket+"/"+key+"?"+query, nil)
		if err != nil {
			return nil, err
		}
		resp, err := sendRaw(ctx, w, http.MethodPut, u, body, header)
		if err != nil {
			return nil, err
		}
		if hr := resp.(*http.Response); hr.StatusCode != http.StatusOK {
			return withBodyHeader(hr)
		}
		return then(ctx, w.S3(Root(owner)))
	}
}

// TestS3PresignedQueryHeaders: object headers a presigned URL carries in
// its query are applied as the headers (handler.go queryParamsAsHeaders);
// checksum parameters are not.
func TestS3PresignedQueryHeaders(t *testing.T) {
	acl := func(b string) func(ctx context.Context, c *s3.Client) (any, error) {
		return func(ctx context.Context, c *s3.Client) (any, error) {
			return c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(b), Key: aws.String("k")})
		}
	}
	head := func(b string) func(ctx context.Context, c *s3.Client) (any, error) {
		return func(ctx context.Context, c *s3.Client) (any, error) {
			return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("temp.txt"), ChecksumMode: types.ChecksumModeEnabled})
		}
	}
	tags := func(b string) func(ctx context.Context, c *s3.Client) (any, error) {
		return func(ctx context.Context, c *s3.Client) (any, error) {
			return c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(b), Key: aws.String("k")})
		}
	}
	const allUsers = "http://acs.amazonaws.com/groups/global/AllUsers"
	Run(t, []Case{{
		Name:   "PutObject/SigV4 presigned URL with x-amz-acl=public-read in the query makes the object public",
		Source: "aws/aws-sdk-java-v2#1849 (2020): the Java SDK v1 presigned URL's x-amz-acl=public-read query parameter \"allows me to apply a canned ACL to the object once uploaded\"; the JS SDK v3 presigner hoists x-amz-acl into the query",
		Setup:  aclBucket("golden-presign-q-acl"),
		Call:   putPresignedThen("golden-presign-q-acl", "k", "x-amz-acl=public-read", "x", nil, acl("golden-presign-q-acl")),
		Want: Want{Fields: map[string]any{"Grants": Len(2), "Grants[1].Grantee.URI": allUsers,
			"Grants[1].Permission": string(types.PermissionRead)}},
	}, {
		Name:   "PutObject/SigV4 presigned URL with x-amz-acl in the query and another in the header: the header wins",
		Source: "fakeaws: a query parameter stands in only for a header the request does not send (the header is what a client sends explicitly; AWS's answer unrecorded)",
		Setup:  aclBucket("golden-presign-q-acl2"),
		Call: putPresignedThen("golden-presign-q-acl2", "k", "x-amz-acl=public-read", "x", http.Header{"X-Amz-Acl": {"private"}},
			acl("golden-presign-q-acl2")),
		// The header was not signed: refused as an unsigned x-amz-* header.
		Want: Want{Status: 403, Code: "AccessDenied", Fields: map[string]any{"header:Error-HeadersNotSigned": "x-amz-acl"}},
	}, {
		Name: "PutObject/SigV4 presigned URL with x-amz-acl in the query meets a bucket policy's s3:x-amz-acl condition",
		Source: "the ACL a query parameter applies is the request's ACL to policies too: the User Guide's example denying public-read uploads " +
			"(example-bucket-policies-condition-keys.html, s3:x-amz-acl) must refuse it",
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			const b = "golden-presign-q-aclpol"
			aclBucket(b)(ctx, t, w)
			pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::` + b +
				`/*","Condition":{"StringEquals":{"s3:x-amz-acl":"public-read"}}}]}`
			if _, err := w.S3(Root(owner)).PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(b), Policy: aws.String(pol)}); err != nil {
				t.Fatalf("PutBucketPolicy: %v", err)
			}
		},
		Call: putPresignedThen("golden-presign-q-aclpol", "k", "x-amz-acl=public-read", "x", nil, acl("golden-presign-q-aclpol")),
		Want: Want{Status: 403, Code: "AccessDenied"},
	}, {
		Name:   "PutObject/SigV4 presigned URL with x-amz-tagging in the query tags the object",
		Source: "the JS SDK v3 presigner hoists x-amz-tagging (PutObject's Tagging) into the query as every x-amz-* header but SSE's; applied as x-amz-acl is (aws/aws-sdk-java-v2#1849)",
		Setup:  withBucket("golden-presign-q-tag"),
		Call:   putPresignedThen("golden-presign-q-tag", "k", "x-amz-tagging=team%3Dblue", "x", nil, tags("golden-presign-q-tag")),
		Want:   Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "team", "TagSet[0].Value": "blue"}},
	}, {
		Name:   "PutObject/SigV4 presigned URL with the JS SDK's x-amz-checksum-crc32 of no body in the query: ignored, default checksum stored",
		Source: localstack("s3/test_s3.snapshot.json", presignedURLTest+"test_presigned_url_v4_x_amz_in_qs", "head-object", "2026-02-21"),
		Setup:  withBucket("golden-presign-q-crc"),
		Call: putPresignedThen("golden-presign-q-crc", "temp.txt", "x-amz-checksum-crc32=AAAAAA%3D%3D&x-amz-sdk-checksum-algorithm=CRC32&x-amz-meta-foo=bar-complicated-no-random",
			"123456", http.Header{"Content-Md5": {"4QrcOUm6Wau+VuBX8g+IPg=="}}, head("golden-presign-q-crc")),
		Want: Want{Fields: map[string]any{"ChecksumCRC64NVME": "CVmbZh4IWzA=", "ChecksumCRC32": Absent, "ChecksumType": string(types.ChecksumTypeFullObject),
			"ETag": `"e10adc3949ba59abbe56e057f20f883e"`, "ContentLength": 6, "header:x-amz-meta-foo": "bar-complicated-no-random"}},
	}})
}
