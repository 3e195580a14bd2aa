package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Service-specific credentials, replaying LocalStack's
// TestIAMServiceSpecificCredentials recordings (validated against AWS
// 2025-03-06) request by request.

func sscLS(test, key string) string {
	return iamLS("TestIAMServiceSpecificCredentials::"+test, key, "2025-03-06")
}

const codecommit = "codecommit.amazonaws.com"

// sscCase is a case whose Setup makes user "u" with a credential for
// codecommit and whose call gets that credential's id.
func sscCase(name, source string, call func(ctx context.Context, c *iam.Client, id string) (any, error), want Want) Case {
	var id string
	return Case{
		Name: name, Source: source, Want: want,
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			must(t, "CreateUser", mkUser("u")(ctx, iamc(w)))
			out, err := iamc(w).CreateServiceSpecificCredential(ctx, &iam.CreateServiceSpecificCredentialInput{
				UserName: aws.String("u"), ServiceName: aws.String(codecommit)})
			must(t, "CreateServiceSpecificCredential", err)
			id = aws.ToString(out.ServiceSpecificCredential.ServiceSpecificCredentialId)
		},
		Call: func(ctx context.Context, w *World) (any, error) { return call(ctx, iamc(w), id) },
	}
}

func sscUpdate(user, status string) func(ctx context.Context, c *iam.Client, id string) (any, error) {
	return func(ctx context.Context, c *iam.Client, id string) (any, error) {
		in := &iam.UpdateServiceSpecificCredentialInput{ServiceSpecificCredentialId: aws.String(id), Status: types.StatusType(status)}
		if user != "" {
			in.UserName = aws.String(user)
		}
		return c.UpdateServiceSpecificCredential(ctx, in)
	}
}

func sscReset(user string) func(ctx context.Context, c *iam.Client, id string) (any, error) {
	return func(ctx context.Context, c *iam.Client, id string) (any, error) {
		return c.ResetServiceSpecificCredential(ctx, &iam.ResetServiceSpecificCredentialInput{UserName: aws.String(user), ServiceSpecificCredentialId: aws.String(id)})
	}
}

func sscDelete(user string) func(ctx context.Context, c *iam.Client, id string) (any, error) {
	return func(ctx context.Context, c *iam.Client, id string) (any, error) {
		return c.DeleteServiceSpecificCredential(ctx, &iam.DeleteServiceSpecificCredentialInput{UserName: aws.String(user), ServiceSpecificCredentialId: aws.String(id)})
	}
}

// withID replaces the credential id a call is given.
func withID(id string, call func(ctx context.Context, c *iam.Client, id string) (any, error)) func(ctx context.Context, c *iam.Client, _ string) (any, error) {
	return func(ctx context.Context, c *iam.Client, _ string) (any, error) { return call(ctx, c, id) }
}

func TestIAMServiceSpecificCredentials(t *testing.T) {
	credential := func(service, status string) map[string]any {
		return map[string]any{
			"ServiceSpecificCredential.ServiceName":                 service,
			"ServiceSpecificCredential.ServiceUserName":             "u-at-" + iamAcct,
			"ServiceSpecificCredential.UserName":                    "u",
			"ServiceSpecificCredential.Status":                      status,
			"ServiceSpecificCredential.ServicePassword":             Present,
			"ServiceSpecificCredential.ServiceSpecificCredentialId": Prefix("ACCA"),
			"ServiceSpecificCredential.CreateDate":                  Present,
			"ServiceSpecificCredential.ServiceCredentialAlias":      Absent,
			"ServiceSpecificCredential.ServiceCredentialSecret":     Absent,
			"ServiceSpecificCredential.ExpirationDate":              Absent,
		}
	}
	listed := func(service, status string) map[string]any {
		return map[string]any{
			"ServiceSpecificCredentials":                                Len(1),
			"ServiceSpecificCredentials[0].ServiceName":                 service,
			"ServiceSpecificCredentials[0].ServiceUserName":             "u-at-" + iamAcct,
			"ServiceSpecificCredentials[0].UserName":                    "u",
			"ServiceSpecificCredentials[0].Status":                      status,
			"ServiceSpecificCredentials[0].ServiceSpecificCredentialId": Prefix("ACCA"),
			"ServiceSpecificCredentials[0].CreateDate":                  Present,
			"IsTruncated": false,
			"Marker":      Absent,
		}
	}
	var cases []Case
	for _, svc := range []string{codecommit, "cassandra.amazonaws.com"} {
		test := "test_service_specific_credential_lifecycle[" + svc + "]"
		cases = append(cases, Case{
			Name:   "CreateServiceSpecificCredential/" + svc,
			Source: sscLS(test, "create-service-specific-credential-response"),
			Setup:  setup(mkUser("u")),
			Call: func(ctx context.Context, w *World) (any, error) {
				return iamc(w).CreateServiceSpecificCredential(ctx, &iam.CreateServiceSpecificCredentialInput{UserName: aws.String("u"), ServiceName: aws.String(svc)})
			},
			Want: Want{Fields: credential(svc, "Active")},
		}, Case{
			Name:   "ListServiceSpecificCredentials/" + svc + " after update",
			Source: sscLS(test, "list-service-specific-credentials-response-after-update"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				must(t, "CreateUser", mkUser("u")(ctx, iamc(w)))
				out, err := iamc(w).CreateServiceSpecificCredential(ctx, &iam.CreateServiceSpecificCredentialInput{UserName: aws.String("u"), ServiceName: aws.String(svc)})
				must(t, "CreateServiceSpecificCredential", err)
				_, err = sscUpdate("u", "Inactive")(ctx, iamc(w), aws.ToString(out.ServiceSpecificCredential.ServiceSpecificCredentialId))
				must(t, "UpdateServiceSpecificCredential", err)
			},
			Call: func(ctx context.Context, w *World) (any, error) {
				return iamc(w).ListServiceSpecificCredentials(ctx, &iam.ListServiceSpecificCredentialsInput{UserName: aws.String("u"), ServiceName: aws.String(svc)})
			},
			Want: Want{Fields: listed(svc, "Inactive")},
		})
	}
	life := "test_service_specific_credential_lifecycle[" + codecommit + "]"
	notFound := func(what string) Want { return Want{Status: 404, Code: "NoSuchEntity", Message: what} }
	const wrongUser = "The user with name wrong-user-name cannot be found."
	const badID = "1 validation error detected: Value at 'serviceSpecificCredentialId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+"
	const noCred = "No such credential satisfiesregexbutstillinvalid exists"
	hyphens := "test_user_match_id_mismatch[totally-wrong-credential-id-with-hyphens]"
	regex := "test_user_match_id_mismatch[satisfiesregexbutstillinvalid]"
	create := func(user, svc string) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreateServiceSpecificCredential(ctx, &iam.CreateServiceSpecificCredentialInput{UserName: aws.String(user), ServiceName: aws.String(svc)})
		}
	}
	cases = append(cases,
		sscCase("ListServiceSpecificCredentials/before update", sscLS(life, "list-service-specific-credentials-response-before-update"),
			func(ctx context.Context, c *iam.Client, _ string) (any, error) {
				return c.ListServiceSpecificCredentials(ctx, &iam.ListServiceSpecificCredentialsInput{UserName: aws.String("u"), ServiceName: aws.String(codecommit)})
			}, Want{Fields: listed(codecommit, "Active")}),
		sscCase("UpdateServiceSpecificCredential/deactivate", sscLS(life, "update-service-specific-credential-response"), sscUpdate("u", "Inactive"), Want{}),
		sscCase("ResetServiceSpecificCredential/new password", sscLS(life, "reset-service-specific-credential-response"), sscReset("u"),
			Want{Fields: credential(codecommit, "Active")}),
		sscCase("DeleteServiceSpecificCredential/success", sscLS(life, "delete-service-specific-credentials-response"), sscDelete("u"), Want{}),
		Case{Name: "CreateServiceSpecificCredential/no such user", Source: sscLS("test_create_service_specific_credential_invalid_user", "invalid-user-name-exception"),
			Call: create("non-existent-user", codecommit), Want: notFound("The user with name non-existent-user cannot be found.")},
		Case{Name: "CreateServiceSpecificCredential/no such user nor service", Source: sscLS("test_create_service_specific_credential_invalid_user", "invalid-user-and-service-exception"),
			Call: create("non-existent-user", "nonexistentservice.amazonaws.com"), Want: notFound("The user with name non-existent-user cannot be found.")},
		Case{Name: "CreateServiceSpecificCredential/no such service", Source: sscLS("test_create_service_specific_credential_invalid_service", "invalid-service-exception"),
			Setup: setup(mkUser("u")), Call: create("u", "nonexistentservice.amazonaws.com"),
			Want: notFound("No such service nonexistentservice.amazonaws.com is supported for Service Specific Credentials")},
		Case{Name: "CreateServiceSpecificCredential/malformed service", Source: sscLS("test_create_service_specific_credential_invalid_service", "invalid-service-completely-malformed-exception"),
			Setup: setup(mkUser("u")), Call: create("u", "o3on3n3onosneo"),
			Want: notFound("No such service o3on3n3onosneo is supported for Service Specific Credentials")},
		Case{Name: "CreateServiceSpecificCredential/unsupported service", Source: sscLS("test_create_service_specific_credential_invalid_service", "invalid-service-existing-but-unsupported-exception"),
			Setup: setup(mkUser("u")), Call: create("u", "lambda.amazonaws.com"),
			Want: notFound("No such service lambda.amazonaws.com is supported for Service Specific Credentials")},
		Case{Name: "ListServiceSpecificCredentials/no such service", Source: sscLS("test_list_service_specific_credential_different_service", "list-service-specific-credentials-invalid-service"),
			Setup: setup(mkUser("u")),
			Call: func(ctx context.Context, w *World) (any, error) {
				return iamc(w).ListServiceSpecificCredentials(ctx, &iam.ListServiceSpecificCredentialsInput{UserName: aws.String("u"), ServiceName: aws.String("nonexistentservice.amazonaws.com")})
			},
			Want: notFound("No such service nonexistentservice.amazonaws.com is supported for Service Specific Credentials")},
		sscCase("ListServiceSpecificCredentials/another service", sscLS("test_list_service_specific_credential_different_service", "list-service-specific-credentials-response-wrong-service"),
			func(ctx context.Context, c *iam.Client, _ string) (any, error) {
				return c.ListServiceSpecificCredentials(ctx, &iam.ListServiceSpecificCredentialsInput{UserName: aws.String("u"), ServiceName: aws.String("cassandra.amazonaws.com")})
			}, Want{Fields: map[string]any{"ServiceSpecificCredentials": Len(0), "IsTruncated": false}}),
		sscCase("DeleteUser/with a service-specific credential", sscLS("test_delete_user_after_service_credential_created", "delete-user-existing-credential"),
			func(ctx context.Context, c *iam.Client, _ string) (any, error) {
				return c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("u")})
			}, Want{Status: 409, Code: "DeleteConflict", Message: "Cannot delete entity, must remove referenced objects first."}),
		sscCase("UpdateServiceSpecificCredential/wrong user", sscLS("test_id_match_user_mismatch", "update-wrong-user-name"), sscUpdate("wrong-user-name", "Inactive"), notFound(wrongUser)),
		sscCase("ResetServiceSpecificCredential/wrong user", sscLS("test_id_match_user_mismatch", "reset-wrong-user-name"), sscReset("wrong-user-name"), notFound(wrongUser)),
		sscCase("DeleteServiceSpecificCredential/wrong user", sscLS("test_id_match_user_mismatch", "delete-wrong-user-name"), sscDelete("wrong-user-name"), notFound(wrongUser)),
		sscCase("UpdateServiceSpecificCredential/id with hyphens", sscLS(hyphens, "update-wrong-id"),
			withID("totally-wrong-credential-id-with-hyphens", sscUpdate("u", "Inactive")), Want{Status: 400, Code: "ValidationError", Message: badID}),
		sscCase("ResetServiceSpecificCredential/id with hyphens", sscLS(hyphens, "reset-wrong-id"),
			withID("totally-wrong-credential-id-with-hyphens", sscReset("u")), Want{Status: 400, Code: "ValidationError", Message: badID}),
		sscCase("DeleteServiceSpecificCredential/id with hyphens", sscLS(hyphens, "delete-wrong-id"),
			withID("totally-wrong-credential-id-with-hyphens", sscDelete("u")), Want{Status: 400, Code: "ValidationError", Message: badID}),
		sscCase("UpdateServiceSpecificCredential/no such credential", sscLS(regex, "update-wrong-id"),
			withID("satisfiesregexbutstillinvalid", sscUpdate("u", "Inactive")), notFound(noCred)),
		sscCase("ResetServiceSpecificCredential/no such credential", sscLS(regex, "reset-wrong-id"),
			withID("satisfiesregexbutstillinvalid", sscReset("u")), notFound(noCred)),
		sscCase("DeleteServiceSpecificCredential/no such credential", sscLS(regex, "delete-wrong-id"),
			withID("satisfiesregexbutstillinvalid", sscDelete("u")), notFound(noCred)),
		sscCase("UpdateServiceSpecificCredential/invalid status", sscLS("test_invalid_update_parameters", "update-invalid-status"), sscUpdate("", "Invalid"),
			Want{Status: 400, Code: "ValidationError", Message: "1 validation error detected: Value at 'status' failed to satisfy constraint: Member must satisfy enum value set"}),
	)
	Run(t, cases)
}
