#!/usr/bin/env bash
# AWS Organizations through the AWS CLI: an organization with an OU, an SCP
# that denies s3:DeleteBucket to a member account whose administrator has
# AdministratorAccess, and an RCP that denies principals outside the
# organization a bucket that its bucket policy opens to them.
#
# AWS pages: "Service control policies (SCPs)" and "Resource control policies
# (RCPs)" in the AWS Organizations User Guide; "Policy evaluation logic" in
# the IAM User Guide.
. "$(dirname "$0")/lib.sh"

outsider=333333333333

root 111111111111
ok "create-organization" -- aws organizations create-organization --feature-set ALL
org_id=$(field Organization.Id)
check "the caller is the management account" "$(field Organization.MasterAccountId)" 111111111111
ok "list-roots" -- aws organizations list-roots --query 'Roots[0].Id' --output text
root_id=$(cat "$out")
ok "enable SCPs" -- aws organizations enable-policy-type --root-id "$root_id" --policy-type SERVICE_CONTROL_POLICY
ok "enable RCPs" -- aws organizations enable-policy-type --root-id "$root_id" --policy-type RESOURCE_CONTROL_POLICY
ok "the Prod OU" -- aws organizations create-organizational-unit --parent-id "$root_id" --name Prod
ou_id=$(field OrganizationalUnit.Id)
ok "a member account" -- aws organizations create-account --email prod@example.com --account-name prod
check "create-account answers IN_PROGRESS, as on AWS" "$(field CreateAccountStatus.State)" IN_PROGRESS
car=$(field CreateAccountStatus.Id)
ok "its status" -- aws organizations describe-create-account-status --create-account-request-id "$car"
check "the account is ready at the first look" "$(field CreateAccountStatus.State)" SUCCEEDED
member=$(field CreateAccountStatus.AccountId)
ok "move it into Prod" -- aws organizations move-account --account-id "$member" --source-parent-id "$root_id" --destination-parent-id "$ou_id"
ok "FullAWSAccess is attached to the new account" -- aws organizations list-policies-for-target --target-id "$member" --filter SERVICE_CONTROL_POLICY --query 'Policies[0].Id' --output text
check "its default SCP" "$(cat "$out")" p-FullAWSAccess

ok "an SCP denying s3:DeleteBucket" -- aws organizations create-policy --name DenyDeleteBucket --type SERVICE_CONTROL_POLICY \
	--description "Member accounts keep their buckets" --content '{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "DenyDeleteBucket", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]
}'
scp_id=$(field Policy.PolicySummary.Id)
ok "attached to the OU" -- aws organizations attach-policy --policy-id "$scp_id" --target-id "$ou_id"
fails DuplicatePolicyAttachmentException "attached twice" -- aws organizations attach-policy --policy-id "$scp_id" --target-id "$ou_id"
fails MalformedPolicyDocumentException "an SCP names no principal" -- aws organizations create-policy --name Bad --type SERVICE_CONTROL_POLICY \
	--description "" --content '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}'

# The member account's administrator.
root "$member"
ok "admin user" -- aws iam create-user --user-name admin
ok "with AdministratorAccess" -- aws iam attach-user-policy --user-name admin --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
ok "its key" -- aws iam create-access-key --user-name admin
export AWS_ACCESS_KEY_ID=$(field AccessKey.AccessKeyId) AWS_SECRET_ACCESS_KEY=$(field AccessKey.SecretAccessKey)
bucket=prod-data-$member
ok "admin creates a bucket" -- aws s3api create-bucket --bucket "$bucket"
fails AccessDenied "the SCP denies the admin s3:DeleteBucket" -- aws s3api delete-bucket --bucket "$bucket"
grep -q "with an explicit deny in a service control policy" "$err" && check "the message names the SCP" yes yes ||
	check "the message names the SCP" "$(cat "$err")" "... with an explicit deny in a service control policy"
ok "the simulator agrees" -- aws iam simulate-principal-policy --policy-source-arn "arn:aws:iam::$member:user/admin" \
	--action-names s3:DeleteBucket --query 'EvaluationResults[0].[EvalDecision,OrganizationsDecisionDetail.AllowedByOrganizations]' --output text
check "explicitDeny, not allowed by Organizations" "$(tr -s '\t' ' ' <"$out")" "explicitDeny False"

# The bucket policy opens reads to an account outside the organization and
# to the management account.
ok "bucket policy for outsiders" -- aws s3api put-bucket-policy --bucket "$bucket" --policy '{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Partners", "Effect": "Allow",
    "Principal": {"AWS": ["arn:aws:iam::'$outsider':root", "arn:aws:iam::111111111111:root"]},
    "Action": "s3:GetObject", "Resource": "arn:aws:s3:::'$bucket'/*"}]
}'
echo "quarterly numbers" >report.txt
ok "an object" -- aws s3api put-object --bucket "$bucket" --key report.txt --body report.txt
root $outsider
ok "the outsider reads it (bucket policy)" -- aws s3api get-object --bucket "$bucket" --key report.txt got.txt

root 111111111111
ok "an RCP: only the organization's principals" -- aws organizations create-policy --name OrgPerimeter --type RESOURCE_CONTROL_POLICY \
	--description "Resources are reachable from the organization only" --content '{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "EnforceOrgIdentities", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
    "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "'$org_id'"},
                  "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}}]
}'
rcp_id=$(field Policy.PolicySummary.Id)
ok "attached to the root" -- aws organizations attach-policy --policy-id "$rcp_id" --target-id "$root_id"
root $outsider
fails AccessDenied "the RCP denies the outsider" -- aws s3api get-object --bucket "$bucket" --key report.txt got.txt
root 111111111111
ok "the management account (in the organization) still reads it" -- aws s3api get-object --bucket "$bucket" --key report.txt got.txt

# (That the management account is never limited by SCPs, even on the root,
# is checked by emulator/organizations' TestSCPAndRCPEnforced; fewer CLI
# calls keep this script quick on a loaded machine.)
root "$member"
fails AccessDeniedException "members cannot list the organization's accounts" -- aws organizations list-accounts
finish
