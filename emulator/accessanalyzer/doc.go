// Package accessanalyzer serves IAM Access Analyzer's ValidatePolicy
// (REST-JSON, POST /policy/validation, SigV4 signing name access-analyzer)
// and its custom policy checks on the shared endpoint, and offers
// ValidatePolicy's checks to `fakeaws lint` through Validate.
//
// The checks follow AWS's "IAM policy validation check reference"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html):
// the same issue codes, finding types and finding details, with locations
// (a path into the document and a span of line from 1, column from 0 and
// offset from 0, counted in characters, as the API reference's Position
// says). fakeaws adds checks of its own that AWS does not make
// (RESOURCE_NOT_FOUND_IN_WORLD, ACTION_RESOURCE_MISMATCH,
// WILDCARD_PRINCIPAL_WITHOUT_CONDITION); docs/accessanalyzer.md lists them.
//
// The checks are split by concern: the document and its statements
// (validate.go, statement.go), principals and Sids (principal.go,
// trustpolicy.go, federation.go), the iam:PassRole and service-linked-role
// grants (passrole.go), conditions (condition.go, conditionpairs.go,
// conditionvalues.go), policy variables (variables.go), ARN formats
// (arnformat.go), Regions (regions.go), size quotas (size.go), the SCP and
// RCP syntax rules (orgpolicy.go, reading emulator/orgsyntax, the rule set
// Organizations applies too) and the world (world.go).
//
// The action catalogue (catalogue.go) knows the services fakeaws serves:
// s3, iam, sts, organizations and access-analyzer. Actions of other
// services are not judged.
//
// The custom policy checks CheckAccessNotGranted, CheckNoNewAccess and
// CheckNoPublicAccess (POST /policy/check-access-not-granted,
// /policy/check-no-new-access, /policy/check-no-public-access) are in
// custom*.go: a policy read as statements (customcheck.go), pattern
// relations from the evaluator within a work budget (customrelate.go),
// one file per check, and their requests (customhandler.go). They answer
// FAIL wherever they cannot show PASS (docs/accessanalyzer.md, "Custom
// policy checks").
//
// Validate is pure: the world (which buckets, roles and users exist) comes
// in through the World interface, so lint can run without a server.
package accessanalyzer
