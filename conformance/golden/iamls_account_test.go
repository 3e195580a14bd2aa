package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// Error cases from LocalStack's split IAM account-level tests:
// tests/aws/services/iam/test_iam_account_password_policy.py,
// test_iam_credential_report.py, test_iam_saml_providers.py and
// test_iam_ssh_public_keys.py (recorded from AWS Feb–Mar 2026).

func TestIAMLSAccountErrors(t *testing.T) {
	pp := func(test, key string) string {
		return lsIAM("account_password_policy", "TestAccountPasswordPolicy::"+test, key, "2026-02-13")
	}
	saml := func(test, key string) string {
		return lsIAM("saml_providers", "TestSAMLProviders::"+test, key, "2026-02-13")
	}
	ssh := func(test, key string) string {
		return lsIAM("ssh_public_keys", "TestSSHPublicKeys::"+test, key, "2026-03-05")
	}
	const keyID = "APKAXXXXXXXXXXXXXXXXX"
	noPolicy := "The Password Policy with domain name " + iamAcct + " cannot be found."
	samlARN := "arn:aws:iam::" + iamAcct + ":saml-provider/NonExistentProvider"
	passwordPolicy := func(ctx context.Context, c *iam.Client) error {
		_, err := c.UpdateAccountPasswordPolicy(ctx, &iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(12)})
		return err
	}
	getPolicy := func(ctx context.Context, c *iam.Client) (any, error) {
		return c.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	}
	deletePolicy := func(ctx context.Context, c *iam.Client) (any, error) {
		return c.DeleteAccountPasswordPolicy(ctx, &iam.DeleteAccountPasswordPolicyInput{})
	}
	noKey := "The Public Key with id " + keyID + " cannot be found."
	Run(t, []Case{
		lsElided("UpdateAccountPasswordPolicy/three values out of range", pp("test_update_account_password_policy_validation_errors", "validation-errors"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.UpdateAccountPasswordPolicy(ctx, &iam.UpdateAccountPasswordPolicyInput{MaxPasswordAge: aws.Int32(1096), MinimumPasswordLength: aws.Int32(129), PasswordReusePrevention: aws.Int32(25)})
		}, "3 validation errors detected: Value at 'minimumPasswordLength' failed to satisfy constraint: Member must have value less than or equal to 128; "+
			"Value at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24; "+
			"Value at 'maxPasswordAge' failed to satisfy constraint: Member must have value less than or equal to 1095"),
		fails("GetAccountPasswordPolicy/none", pp("test_get_account_password_policy_not_found", "policy-not-found"), nil, getPolicy, 404, "NoSuchEntity", noPolicy),
		fails("GetAccountPasswordPolicy/deleted", pp("test_delete_account_password_policy", "policy-deleted-not-found"), steps(passwordPolicy, do(deletePolicy)), getPolicy, 404, "NoSuchEntity", noPolicy),
		fails("DeleteAccountPasswordPolicy/none", pp("test_delete_account_password_policy_not_found", "delete-not-found"), nil, deletePolicy, 404, "NoSuchEntity", "The account policy with name PasswordPolicy cannot be found."),
		fails("GetCredentialReport/not generated", lsIAM("credential_report", "TestIAMCredentialReport::test_get_credential_report_before_generated", "get-credential-report-without-generate-error", "2026-02-17"), nil,
			func(ctx context.Context, c *iam.Client) (any, error) {
				return c.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
			}, 410, "ReportNotPresent", ""),
		fails("GetSAMLProvider/no such provider", saml("test_get_saml_provider_not_found", "get-not-found"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.GetSAMLProvider(ctx, &iam.GetSAMLProviderInput{SAMLProviderArn: aws.String(samlARN)})
		}, 404, "NoSuchEntity", "Manifest not found for arn "+samlARN),
		fails("DeleteSAMLProvider/no such provider", saml("test_delete_saml_provider_not_found", "delete-not-found"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeleteSAMLProvider(ctx, &iam.DeleteSAMLProviderInput{SAMLProviderArn: aws.String(samlARN)})
		}, 404, "NoSuchEntity", "Manifest not found for arn "+samlARN),
		fails("GetSSHPublicKey/no such key", ssh("test_get_ssh_public_key_not_found", "get-not-found"), steps(mkUser("u")), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.GetSSHPublicKey(ctx, &iam.GetSSHPublicKeyInput{UserName: aws.String("u"), SSHPublicKeyId: aws.String(keyID), Encoding: "SSH"})
		}, 404, "NoSuchEntity", noKey),
		fails("UpdateSSHPublicKey/no such key", ssh("test_update_ssh_public_key_not_found", "update-not-found"), steps(mkUser("u")), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.UpdateSSHPublicKey(ctx, &iam.UpdateSSHPublicKeyInput{UserName: aws.String("u"), SSHPublicKeyId: aws.String(keyID), Status: "Inactive"})
		}, 404, "NoSuchEntity", noKey),
		fails("DeleteSSHPublicKey/no such key", ssh("test_delete_ssh_public_key_not_found", "delete-not-found"), steps(mkUser("u")), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeleteSSHPublicKey(ctx, &iam.DeleteSSHPublicKeyInput{UserName: aws.String("u"), SSHPublicKeyId: aws.String(keyID)})
		}, 404, "NoSuchEntity", noKey),
	})
}
