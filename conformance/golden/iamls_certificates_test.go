package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Error cases from LocalStack's split IAM certificate tests,
// tests/aws/services/iam/test_iam_server_certificates.py (recorded from
// AWS 17 Feb 2026) and test_iam_signing_certificates.py (5 Mar 2026).

func TestIAMLSServerCertificateErrors(t *testing.T) {
	src := func(test, key string) string { return lsIAM("server_certificates", test, key, "2026-02-17") }
	const errs = "TestServerCertificate::test_server_certificate_errors"
	// One certificate made before the cases run: they run in parallel, so
	// none may write a variable another reads.
	cert, key := selfSigned(t, "example.com")
	upload := func(ctx context.Context, c *iam.Client) (any, error) {
		return c.UploadServerCertificate(ctx, &iam.UploadServerCertificateInput{ServerCertificateName: aws.String("sc"), CertificateBody: aws.String(cert), PrivateKey: aws.String(key)})
	}
	getCert := func(name string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.GetServerCertificate(ctx, &iam.GetServerCertificateInput{ServerCertificateName: aws.String(name)})
		}
	}
	deleteCert := func(name string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeleteServerCertificate(ctx, &iam.DeleteServerCertificateInput{ServerCertificateName: aws.String(name)})
		}
	}
	deleted := Case{Name: "GetServerCertificate/deleted", Source: src("TestServerCertificate::test_server_certificate_lifecycle[None]", "get-deleted-certificate-error"),
		Setup: setup(do(upload), do(deleteCert("sc"))), Call: func(ctx context.Context, w *World) (any, error) { return getCert("sc")(ctx, iamc(w)) },
		Want: Want{Status: 404, Code: "NoSuchEntity", Message: "The Server Certificate with name sc cannot be found."}}
	dup := Case{Name: "UploadServerCertificate/exists", Source: src(errs, "upload-duplicate-certificate-error"),
		Setup: setup(do(upload)), Call: func(ctx context.Context, w *World) (any, error) { return upload(ctx, iamc(w)) },
		Want: Want{Status: 409, Code: "EntityAlreadyExists", Message: "The Server Certificate with name sc already exists."}}
	Run(t, []Case{deleted, dup,
		fails("GetServerCertificate/no such certificate", src(errs, "get-nonexistent-certificate-error"), nil, getCert("nonexistent-certificate"), 404, "NoSuchEntity", "The Server Certificate with name nonexistent-certificate cannot be found."),
		fails("DeleteServerCertificate/no such certificate", src(errs, "delete-nonexistent-certificate-error"), nil, deleteCert("nonexistent-certificate"), 404, "NoSuchEntity", "The Server Certificate with name nonexistent-certificate cannot be found."),
	})
}

func TestIAMLSSigningCertificateErrors(t *testing.T) {
	src := func(key string) string {
		return lsIAM("signing_certificates", "TestSigningCertificate::test_signing_certificate_errors", key, "2026-03-05")
	}
	const (
		noUser = "The user with name nonexistent-user cannot be found."
		id     = "NONEXISTENTCERTID12345678901"
		noCert = "The Certificate with id " + id + " cannot be found."
	)
	user := mkUser("u")
	upload := func(name, body string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: aws.String(name), CertificateBody: aws.String(body)})
		}
	}
	update := func(name string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.UpdateSigningCertificate(ctx, &iam.UpdateSigningCertificateInput{UserName: aws.String(name), CertificateId: aws.String(id), Status: types.StatusTypeInactive})
		}
	}
	remove := func(name string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{UserName: aws.String(name), CertificateId: aws.String(id)})
		}
	}
	var third string
	limit := Case{Name: "UploadSigningCertificate/third", Source: src("upload-exceeds-limit-error"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			must(t, "CreateUser", user(ctx, iamc(w)))
			for _, cn := range []string{"one", "two"} {
				c, _ := selfSigned(t, cn)
				_, err := upload("u", c)(ctx, iamc(w))
				must(t, "UploadSigningCertificate", err)
			}
			third, _ = selfSigned(t, "three")
		},
		Call: func(ctx context.Context, w *World) (any, error) { return upload("u", third)(ctx, iamc(w)) },
		Want: Want{Status: 409, Code: "LimitExceeded", Message: "Cannot exceed quota for CertificatesPerUser: 2"}}
	var body string
	noSuchUser := Case{Name: "UploadSigningCertificate/no such user", Source: src("upload-nonexistent-user-error"),
		Setup: func(ctx context.Context, t *testing.T, w *World) { body, _ = selfSigned(t, "one") },
		Call: func(ctx context.Context, w *World) (any, error) {
			return upload("nonexistent-user", body)(ctx, iamc(w))
		},
		Want: Want{Status: 404, Code: "NoSuchEntity", Message: noUser}}
	Run(t, []Case{limit, noSuchUser,
		fails("ListSigningCertificates/no such user", src("list-certificates-nonexistent-user-error"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("nonexistent-user")})
		}, 404, "NoSuchEntity", noUser),
		fails("DeleteSigningCertificate/no such user", src("delete-certificate-nonexistent-user-error"), nil, remove("nonexistent-user"), 404, "NoSuchEntity", noUser),
		fails("UpdateSigningCertificate/no such user", src("update-certificate-nonexistent-user-error"), nil, update("nonexistent-user"), 404, "NoSuchEntity", noUser),
		fails("UploadSigningCertificate/not a certificate", src("upload-invalid-certificate-error"), steps(user), upload("u", "invalid-certificate-body"), 400, "MalformedCertificate", "Certificate invalid-certificate-body is malformed."),
		fails("UpdateSigningCertificate/no such certificate", src("update-nonexistent-certificate-error"), steps(user), update("u"), 404, "NoSuchEntity", noCert),
		fails("DeleteSigningCertificate/no such certificate", src("delete-nonexistent-certificate-error"), steps(user), remove("u"), 404, "NoSuchEntity", noCert),
	})
}
