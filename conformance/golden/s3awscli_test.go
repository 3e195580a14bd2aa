package golden

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases found by running the AWS CLI's and botocore's own integration
// tests (conformance/awscli-integ) against fakeaws: each is an answer those
// tests expect of AWS, with the AWS recording that backs it.

// sigV4Only is S3's answer to a SigV2-signed request in a Region launched
// after January 30, 2014.
const sigV4Only = "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."

// bucketIn is a Setup creating bucket in region with an object "k" in it.
func bucketIn(bucket, region string) func(ctx context.Context, t *testing.T, w *World) {
	return func(ctx context.Context, t *testing.T, w *World) {
		c := s3.NewFromConfig(w.ConfigIn(region, Root(owner)), func(o *s3.Options) { o.UsePathStyle = true })
		in := &s3.CreateBucketInput{Bucket: aws.String(bucket)}
		if region != "us-east-1" {
			in.CreateBucketConfiguration = &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(region)}
		}
		_, err := c.CreateBucket(ctx, in)
		must(t, "CreateBucket", err)
		_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("k"), Body: http.NoBody})
		must(t, "PutObject", err)
	}
}

// getV2Presigned GETs path through a SigV2 query-signed URL.
func getV2Presigned(path string) func(ctx context.Context, w *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) {
		r, err := http.NewRequestWithContext(ctx, http.MethodGet, presignV2(w, Root(owner), http.MethodGet, path, "", nil), nil)
		if err != nil {
			return nil, err
		}
		return w.HTTP.Do(r)
	}
}

// getV2Header GETs path signed with a SigV2 Authorization header, as
// botocore's "s3" signer signs it (no sub-resources in path).
func getV2Header(path string) func(ctx context.Context, w *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) {
		creds := Root(owner)
		r, err := http.NewRequestWithContext(ctx, http.MethodGet, w.Endpoint+path, nil)
		if err != nil {
			return nil, err
		}
		date := time.Now().UTC().Format(http.TimeFormat)
		r.Header.Set("Date", date)
		m := hmac.New(sha1.New, []byte(creds.SecretAccessKey))
		m.Write([]byte("GET\n\n\n" + date + "\n" + path))
		r.Header.Set("Authorization", "AWS "+creds.AccessKeyID+":"+base64.StdEncoding.EncodeToString(m.Sum(nil)))
		return w.HTTP.Do(r)
	}
}

// TestS3AWSCLISigV2Regions: S3 takes SigV2 only in the eight Regions
// launched before January 30, 2014 ("Any new regions after January 30,
// 2014 will support only Signature Version 4", S3 API Reference
// sig-v4-authenticating-requests, quoted in s3tools/s3cmd#402); elsewhere a
// SigV2 request is 400 InvalidRequest. botocore's
// TestRegionRedirect.test_region_redirect_sigv2_to_sigv4_raises_error
// expects that message for ListObjects on an eu-central-1 bucket.
func TestS3AWSCLISigV2Regions(t *testing.T) {
	refused := Want{Status: 400, Code: "InvalidRequest", Message: sigV4Only}
	Run(t, []Case{
		{Name: "ListObjects/SigV2 header, eu-central-1 bucket",
			Source: issue("poise/citadel#28 and laurilehmijoki/s3_website#226", "InvalidRequest, 400, for an eu-central-1 bucket listed with SigV2"),
			Setup:  bucketIn("golden-v2-frankfurt", "eu-central-1"), Call: getV2Header("/golden-v2-frankfurt/"), Want: refused},
		{Name: "GetObject/SigV2 presigned URL, eu-central-1 bucket",
			Source: issue("gdbtek/aws-tools#14", "a SigV2 presigned URL for an eu-central-1 bucket: InvalidRequest with this message"),
			Setup:  bucketIn("golden-v2-frankfurt", "eu-central-1"), Call: getV2Presigned("/golden-v2-frankfurt/k"), Want: refused},
		{Name: "GetObject/SigV2 header, ca-central-1 bucket",
			Source: issue("jamescmartinez/nginx-s3-upload#6", "ca-central-1 answers 400 with this message to SigV2"),
			Setup:  bucketIn("golden-v2-canada", "ca-central-1"), Call: getV2Header("/golden-v2-canada/k"), Want: refused},
		{Name: "GetObject/SigV2 presigned URL, us-west-2 bucket",
			Source: "https://docs.aws.amazon.com/AmazonS3/latest/API/Appendix-Sigv2.html (US West (Oregon), launched before 2014, takes SigV2); botocore's TestS3PresignNonUsStandard.test_presign_sigv2 GETs such a URL",
			Setup:  bucketIn("golden-v2-oregon", "us-west-2"), Call: getV2Presigned("/golden-v2-oregon/k")},
		{Name: "GetObject/SigV2 header, us-east-1 bucket",
			Source: "https://docs.aws.amazon.com/AmazonS3/latest/API/Appendix-Sigv2.html (US East (N. Virginia) takes SigV2); botocore's TestS3PresignUsStandard.test_presign_sigv2",
			Setup:  bucketIn("golden-v2-virginia", "us-east-1"), Call: getV2Header("/golden-v2-virginia/k")},
	})
}
