package organizations

import (
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// AWS Organizations error codes, as listed in the API reference
// (https://docs.aws.amazon.com/organizations/latest/APIReference/CommonErrors.html
// and each operation's Errors section). Messages are AWS's where recorded
// (public SDK tests and reports); the rest are listed in docs/deviations.md.

func errf(code awserr.Code, msg string) *awserr.Error {
	return awserr.New(code, http.StatusBadRequest, msg)
}

func errNotInUse() *awserr.Error {
	return errf("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.")
}

func errAccessDenied() *awserr.Error {
	return awserr.New("AccessDeniedException", http.StatusBadRequest, "You don't have permissions to access this resource.")
}

func errAlreadyInOrg() *awserr.Error {
	return errf("AlreadyInOrganizationException", "The provided account is already a member of an organization.")
}

func errNotEmpty() *awserr.Error {
	return errf("OrganizationNotEmptyException", "To delete an organization you must first remove all member accounts (except the master).")
}

func errAccountNotFound() *awserr.Error {
	return errf("AccountNotFoundException", "You specified an account that doesn't exist.")
}

func errOUNotFound() *awserr.Error {
	return errf("OrganizationalUnitNotFoundException", "You specified an organizational unit that doesn't exist.")
}

func errParentNotFound() *awserr.Error {
	return errf("ParentNotFoundException", "You specified parent that doesn't exist.")
}

func errChildNotFound() *awserr.Error {
	return errf("ChildNotFoundException", "You specified a child that doesn't exist.")
}

func errRootNotFound() *awserr.Error {
	return errf("RootNotFoundException", "You specified a root that doesn't exist.")
}

func errTargetNotFound() *awserr.Error {
	return errf("TargetNotFoundException", "You specified a target that doesn't exist.")
}

func errPolicyNotFound() *awserr.Error {
	return errf("PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.")
}

func errDuplicateOU() *awserr.Error {
	return errf("DuplicateOrganizationalUnitException", "An OU with the same name already exists.")
}

func errDuplicatePolicy() *awserr.Error {
	return errf("DuplicatePolicyException", "A policy with the same name already exists.")
}

func errDuplicateAttachment() *awserr.Error {
	return errf("DuplicatePolicyAttachmentException", "The selected policy is already attached to the specified target.")
}

func errNotAttached() *awserr.Error {
	return errf("PolicyNotAttachedException", "The selected policy is not attached to the specified target.")
}

func errPolicyInUse() *awserr.Error {
	return errf("PolicyInUseException", "The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.")
}

func errTypeEnabled() *awserr.Error {
	return errf("PolicyTypeAlreadyEnabledException", "The specified policy type is already enabled.")
}

func errTypeNotEnabled() *awserr.Error {
	return errf("PolicyTypeNotEnabledException", "This operation can be performed only for enabled policy types.")
}

func errTypeNotAvailable() *awserr.Error {
	return errf("PolicyTypeNotAvailableForOrganizationException", "You can't use the specified policy type with the feature set currently enabled for this organization.")
}

func errOUNotEmpty() *awserr.Error {
	return errf("OrganizationalUnitNotEmptyException", "The specified OU is not empty. Move all accounts to another root or OU, delete all child OUs, and try the operation again.")
}

// errMalformedPolicy is MalformedPolicyDocumentException with AWS's fixed
// sentence (recorded through CloudFormation for an SCP, a backup policy and
// a network security director policy: "The provided policy document does
// not meet the requirements of the specified policy type.") and fakeaws's
// detail, if any, after it.
func errMalformedPolicy(detail string) *awserr.Error {
	msg := "The provided policy document does not meet the requirements of the specified policy type."
	if detail != "" {
		msg += " " + detail
	}
	return errf("MalformedPolicyDocumentException", msg)
}

func errDuplicateAccount() *awserr.Error {
	return errf("DuplicateAccountException", "That account is already present in the specified destination.")
}

func errSourceParentNotFound() *awserr.Error {
	return errf("SourceParentNotFoundException", "You specified a source parent that doesn't exist.")
}

func errDestinationParentNotFound() *awserr.Error {
	return errf("DestinationParentNotFoundException", "You specified a destination parent that doesn't exist.")
}

func errHandshakeNotFound() *awserr.Error {
	return errf("HandshakeNotFoundException", "We can't find a handshake with the HandshakeId that you specified.")
}

func errCreateStatusNotFound() *awserr.Error {
	return errf("CreateAccountStatusNotFoundException", "We can't find a create account request with the CreateAccountRequestId that you specified.")
}

func errManagementCannotLeave() *awserr.Error {
	return errf("MasterCannotLeaveOrganizationException", "You can't remove the management account from an organization. You must delete the organization instead.")
}

func errInvalidInput(reason, msg string) *awserr.Error {
	return errf("InvalidInputException", msg).With("Reason", reason)
}

// errConstraint is ConstraintViolationException with its Reason (the
// API reference lists the reasons).
func errConstraint(reason, msg string) *awserr.Error {
	return errf("ConstraintViolationException", msg).With("Reason", reason)
}

func errHandshakeConstraint(reason, msg string) *awserr.Error {
	return errf("HandshakeConstraintViolationException", msg).With("Reason", reason)
}

// errDuplicateHandshake and errHandshakeAlreadyInState carry the first
// sentence of the API reference's description (AWS's texts are not
// recorded).
func errDuplicateHandshake() *awserr.Error {
	return errf("DuplicateHandshakeException", "A handshake with the same action and target already exists.")
}

func errHandshakeAlreadyInState() *awserr.Error {
	return errf("HandshakeAlreadyInStateException", "The specified handshake is already in the requested state.")
}

func errInvalidHandshakeTransition() *awserr.Error {
	return errf("InvalidHandshakeTransitionException", "You can't perform the operation on the handshake in its current state.")
}
