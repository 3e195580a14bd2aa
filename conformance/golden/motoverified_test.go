package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases from moto's AWS-verified tests (getmoto/moto, tests marked
// @aws_verified / @s3_aws_verified / @iam_aws_verified): their maintainers
// run them against AWS, so each assertion is an answer recorded from AWS.
// Only the asserted facts are taken, as data; the request is rebuilt here.

// motoCommit is the moto commit whose tests were read.
const motoCommit = "0af643a5dbfc98797f08ee64f5be3ef8002d56ff"

// moto cites an assertion of an AWS-verified moto test: file under the
// repository root, test function, and the date of the commit read.
func moto(file, test, date string) string {
	return "getmoto/moto " + file + "::" + test + " (aws_verified: run against AWS; moto@" + motoCommit[:7] + " of " + date + ")"
}

const motoDate = "2026-08-22"

func TestMotoVerifiedS3(t *testing.T) {
	const k = "test1"
	markerSteps := s3Steps(versionedOps, putKey(k, "test1"), deleteKey(k))
	Run(t, []Case{
		// HEAD of a delete marker's version: 405 with the marker headers
		// and "Allow: DELETE", no body.
		{
			Name:   "HeadObject/version id of a delete marker",
			Source: moto("tests/test_s3/test_s3.py", "test_delete_versioned_bucket_returns_metadata", motoDate),
			Setup:  s3Setup2(markerSteps),
			Call: func(ctx context.Context, w *World) (any, error) {
				c := w.S3(Root(owner))
				id, err := latestVersion(ctx, c, k, true)
				if err != nil {
					return nil, err
				}
				return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), VersionId: id})
			},
			Want: Want{Status: 405, Code: "MethodNotAllowed", Fields: map[string]any{
				"header:Allow": "DELETE", "header:x-amz-delete-marker": "true"}},
		},
		// CopyObject with the default COPY directive still sets the
		// x-amz-website-redirect-location it is sent.
		{
			Name:   "CopyObject/website redirect location with the COPY directive",
			Source: moto("tests/test_s3/test_s3_copyobject.py", "test_copy_key_with_args", motoDate),
			Setup: s3Setup2(s3Steps(putKey("key", "some value"), func(ctx context.Context, c *s3.Client) error {
				_, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("new_key"),
					CopySource: aws.String(opsBucket + "/key"), ChecksumAlgorithm: types.ChecksumAlgorithmSha256,
					WebsiteRedirectLocation: aws.String("http://getmoto.org/")})
				return err
			})),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3(Root(owner)).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("new_key")})
			},
			Want: Want{Fields: map[string]any{"WebsiteRedirectLocation": "http://getmoto.org/"}},
		},
		// PutObjectLockConfiguration without a body.
		s3Fails("PutObjectLockConfiguration/no body", moto("tests/test_s3/test_s3_lock.py", "test_put_object_lock_misconfiguration", motoDate),
			s3Steps(versionedOps), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(b)})
			}, 400, "MissingRequestBodyError", "Request Body is empty"),
		s3Fails("PutObjectLockConfiguration/empty configuration", moto("tests/test_s3/test_s3_lock.py", "test_put_object_lock_misconfiguration", motoDate),
			s3Steps(versionedOps), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(b),
					ObjectLockConfiguration: &types.ObjectLockConfiguration{}})
			}, 400, "MalformedXML", ""),
		// S3 Select on a key that is not there: NoSuchKey before anything
		// else (the queries: s3select_test.go).
		s3Fails("SelectObjectContent/no such key", moto("tests/test_s3/test_s3_select.py", "test_select_unknown_key", motoDate),
			nil, func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.SelectObjectContent(ctx, &s3.SelectObjectContentInput{Bucket: aws.String(b), Key: aws.String("unknown"),
					Expression: aws.String("SELECT count(*) FROM S3Object"), ExpressionType: types.ExpressionTypeSql,
					InputSerialization:  &types.InputSerialization{JSON: &types.JSONInput{Type: types.JSONTypeDocument}},
					OutputSerialization: &types.OutputSerialization{JSON: &types.JSONOutput{RecordDelimiter: aws.String(",")}}})
			}, 404, "NoSuchKey", "The specified key does not exist."),
	})
}

// s3Setup2 runs steps on opsBucket (created first) as its owner.
func s3Setup2(steps []s3Setup) func(context.Context, *testing.T, *World) {
	return s3OK("", "", steps, nil, nil).Setup
}

func TestMotoVerifiedIAM(t *testing.T) {
	const attrs = "tests/test_iam/test_iam_response_attributes.py"
	const certs = "tests/test_iam/test_iam_signing_certificates.py"
	policyIn := func(desc bool) *iam.CreatePolicyInput {
		in := &iam.CreatePolicyInput{PolicyName: aws.String("TestPolicy"), Path: aws.String("/moto/"),
			PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)}
		if desc {
			in.Description = aws.String("test description")
			in.Tags = []iamtypes.Tag{{Key: aws.String("somekey"), Value: aws.String("somevalue")}}
		}
		return in
	}
	created := func(desc bool) func(context.Context, *testing.T, *World) {
		return func(ctx context.Context, t *testing.T, w *World) {
			_, err := iamc(w).CreatePolicy(ctx, policyIn(desc))
			must(t, "CreatePolicy", err)
		}
	}
	getPolicy := func(ctx context.Context, w *World) (any, error) {
		return iamc(w).GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String("arn:aws:iam::" + iamAcct + ":policy/moto/TestPolicy")})
	}
	listPolicies := func(ctx context.Context, w *World) (any, error) {
		return iamc(w).ListPolicies(ctx, &iam.ListPoliciesInput{PathPrefix: aws.String("/moto/")})
	}
	var third string // the certificate the limit case uploads, made in its Setup
	withCerts := func(n int) func(context.Context, *testing.T, *World) {
		return func(ctx context.Context, t *testing.T, w *World) {
			third, _ = selfSigned(t, "Bob")
			must(t, "CreateUser", mkUser("Bob")(ctx, iamc(w)))
			for range n {
				cert, _ := selfSigned(t, "Bob")
				_, err := iamc(w).UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: aws.String("Bob"), CertificateBody: aws.String(cert)})
				must(t, "UploadSigningCertificate", err)
			}
		}
	}
	Run(t, []Case{
		// CreatePolicy answers Tags only when given, and never the
		// Description; GetPolicy answers the Description when there is
		// one and always a Tags list; ListPolicies never the Description.
		{
			Name:   "CreatePolicy/description and tags given",
			Source: moto(attrs, "test_policy_resource_returns_subset_of_available_attributes[SpecifyOptionalParams]", motoDate),
			Call: func(ctx context.Context, w *World) (any, error) {
				return iamc(w).CreatePolicy(ctx, policyIn(true))
			},
			Want: Want{Fields: map[string]any{"Policy.Description": Absent, "Policy.Tags": Len(1)}},
		},
		{
			Name:   "CreatePolicy/no optional parameters",
			Source: moto(attrs, "test_policy_resource_returns_subset_of_available_attributes[NoOptionalParams]", motoDate),
			Call: func(ctx context.Context, w *World) (any, error) {
				return iamc(w).CreatePolicy(ctx, policyIn(false))
			},
			Want: Want{Fields: map[string]any{"Policy.Description": Absent, "Policy.Tags": Len(0)}},
		},
		{
			Name:   "GetPolicy/with description",
			Source: moto(attrs, "test_policy_resource_returns_subset_of_available_attributes[SpecifyOptionalParams]", motoDate),
			Setup:  created(true), Call: getPolicy,
			Want: Want{Fields: map[string]any{"Policy.Description": "test description", "Policy.Tags": Len(1)}},
		},
		{
			Name:   "ListPolicies/no description",
			Source: moto(attrs, "test_policy_resource_returns_subset_of_available_attributes[SpecifyOptionalParams]", motoDate),
			Setup:  created(true), Call: listPolicies,
			Want: Want{Fields: map[string]any{"Policies": Len(1), "Policies[0].Description": Absent}},
		},
		// A third signing certificate for one user.
		{
			Name:   "UploadSigningCertificate/third for one user",
			Source: moto(certs, "test_create_too_many_certificates", motoDate),
			Setup:  withCerts(2),
			Call: func(ctx context.Context, w *World) (any, error) {
				return iamc(w).UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: aws.String("Bob"), CertificateBody: aws.String(third)})
			},
			Want: Want{Status: 409, Code: "LimitExceeded", Message: "Cannot exceed quota for CertificatesPerUser: 2"},
		},
	})
}
