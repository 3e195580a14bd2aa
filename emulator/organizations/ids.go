package organizations

import (
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/ids"
)

// Identifier and ARN formats from the API reference's data types
// (Organization.Id "o-" + 10..32 lower-case letters or digits, Root.Id
// "r-" + 4..32, OrganizationalUnit.Id "ou-" + the root's 4..32 + "-" +
// 8..32, Policy.Id "p-" + 8..128, Handshake.Id "h-" + 8..32,
// CreateAccountStatus.Id "car-" + 8..32) and "ARN formats supported by
// Organizations".

const lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"

func newOrgID() string           { return "o-" + ids.Random(lowerAlnum, 10) }
func newRootID() string          { return "r-" + ids.Random(lowerAlnum, 4) }
func newPolicyID() string        { return "p-" + ids.Random(lowerAlnum, 8) }
func newHandshakeID() string     { return "h-" + ids.Random(lowerAlnum, 10) }
func newCreateAccountID() string { return "car-" + ids.Random(lowerAlnum, 10) }
func newAccountID() string       { return ids.Random("123456789", 1) + ids.Random("0123456789", 11) }
func newOUID(rootID string) string {
	return "ou-" + strings.TrimPrefix(rootID, "r-") + "-" + ids.Random(lowerAlnum, 8)
}

// Managed policies: AWS's FullAWSAccess SCP and RCPFullAWSAccess RCP, with
// their documented ids, ARNs and contents
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html,
// .../orgs_manage_policies_rcps.html). FullAWSAccess's Content is AWS's
// text as DescribePolicy answered it (two-space indent, no final newline,
// recorded in a public lab's CLI transcript); RCPFullAWSAccess's is
// written the same way (its text is not recorded).
const (
	fullAWSAccessID     = "p-FullAWSAccess"
	rcpFullAWSAccessID  = "p-RCPFullAWSAccess"
	fullAWSAccessDoc    = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}"
	rcpFullAWSAccessDoc = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": \"*\",\n      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}"
)

var (
	fullAWSAccessARN    = arns.Organizations(arns.AWSAccount, "policy/service_control_policy/"+fullAWSAccessID)
	rcpFullAWSAccessARN = arns.Organizations(arns.AWSAccount, "policy/resource_control_policy/"+rcpFullAWSAccessID)
)

func orgARN(mgmt, org string) string {
	return arns.Organizations(mgmt, "organization/"+org)
}
func rootARN(mgmt, org, root string) string {
	return arns.Organizations(mgmt, "root/"+org+"/"+root)
}
func ouARN(mgmt, org, ou string) string {
	return arns.Organizations(mgmt, "ou/"+org+"/"+ou)
}
func accountARN(mgmt, org, acct string) string {
	return arns.Organizations(mgmt, "account/"+org+"/"+acct)
}

// handshakeARN is the ARN of handshake h of action, lower-cased
// (.../handshake/o-.../invite/h-..., .../enable_all_features/h-...).
func handshakeARN(mgmt, org, action, h string) string {
	return arns.Organizations(mgmt, "handshake/"+org+"/"+strings.ToLower(action)+"/"+h)
}

// policyTypePath is the policy type as it appears in policy ARNs.
func policyTypePath(typ string) string { return strings.ToLower(typ) }

func policyARN(mgmt, org, typ, id string) string {
	return arns.Organizations(mgmt, "policy/"+org+"/"+policyTypePath(typ)+"/"+id)
}
