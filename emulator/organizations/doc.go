// Package organizations serves the AWS Organizations API (AWS JSON 1.1,
// X-Amz-Target AWSOrganizationsV20161128.<Operation>) on the shared
// endpoint: organizations, the root, organizational units, accounts
// (created, or invited and accepted through a handshake), and the
// service control policies (SCPs) and resource control policies (RCPs)
// attached to them, with the AWS managed FullAWSAccess and RCPFullAWSAccess
// policies attached everywhere once their type is enabled, as AWS does.
//
// It owns the JSON wire format, AWS's error codes for the API
// (AWSOrganizationsNotInUseException, ConstraintViolationException with its
// Reason, ...) and the organization records (store.Organization). It leaves
// to emulator/authz the enforcement of SCPs and RCPs in every other
// service's decisions: authz reads the same records.
//
// Every operation is authorized through authz as organizations:<Operation>;
// only the management account manages the organization (others get
// AccessDeniedException), members may describe it and accept invitations,
// delegated administrators read it, and the organization's resource-based
// delegation policy lets the members it names read it and manage policies
// (delegation.go).
//
// # Caveats
//
// List operations answer every item in one page unless MaxResults asks
// for fewer. Policy types other than SCPs and RCPs are accepted and
// stored, not enforced; DescribeEffectivePolicy shows how they merge
// (effective.go, inherit.go); see docs/deviations.md.
//
// Reference: https://docs.aws.amazon.com/organizations/latest/APIReference/Welcome.html
package organizations
