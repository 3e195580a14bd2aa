package s3

import (
	"testing"
)

// TestCreateBucketNamespace: CreateBucket with x-amz-bucket-namespace
// account-regional takes only a name ending in -ACCOUNTID-REGION-an for the
// caller's account and the bucket's Region
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/gpbucketnamespaces.html);
// anything else is InvalidBucketNamespace, which the AWS CLI's integration
// test TestMakeBucketAccountRegionalNamespace expects of AWS for `aws s3 mb
// s3://xyz-an`. The status and message are fakeaws's (no AWS recording
// of them found; docs/deviations.md).
func TestCreateBucketNamespace(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	regional := map[string]string{"x-amz-bucket-namespace": "account-regional"}
	e.run(t, rootOf(acctA), []step{
		{name: "no suffix (aws s3 mb s3://xyz-an)", r: treq{method: "PUT", target: "/xyz-an", header: regional},
			status: 400, code: "InvalidBucketNamespace", body: "it must end with -111111111111-us-east-1-an."},
		{name: "another account's suffix", r: treq{method: "PUT", target: "/data-222222222222-us-east-1-an", header: regional},
			status: 400, code: "InvalidBucketNamespace", body: "<BucketName>data-222222222222-us-east-1-an</BucketName>"},
		{name: "another Region's suffix", r: treq{method: "PUT", target: "/data-111111111111-us-west-2-an", header: regional},
			status: 400, code: "InvalidBucketNamespace", body: "-111111111111-us-east-1-an"},
		{name: "the suffix alone", r: treq{method: "PUT", target: "/-111111111111-us-east-1-an", header: regional},
			status: 400, code: "InvalidBucketName"},
		{name: "unknown namespace", r: treq{method: "PUT", target: "/data-ns", header: map[string]string{"x-amz-bucket-namespace": "planet"}},
			status: 400, code: "InvalidBucketNamespace", body: "planet"},
		{name: "caller's account and Region", r: treq{method: "PUT", target: "/data-111111111111-us-east-1-an", header: regional},
			status: 200},
		{name: "caller's account, LocationConstraint's Region", r: treq{method: "PUT", target: "/data-111111111111-us-west-2-an", header: regional, body: constraint("us-west-2")},
			status: 200},
		{name: "global namespace", r: treq{method: "PUT", target: "/xyz-an", header: map[string]string{"x-amz-bucket-namespace": "global"}},
			status: 200},
		{name: "no namespace header", r: treq{method: "PUT", target: "/abc-an"},
			status: 200},
	})
}
