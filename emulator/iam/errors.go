package iam

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/principals"
	"github.com/fakeaws/fakeaws/evaluator"
)

// IAM error codes, as listed on each action's page of
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_Operations.html.
const (
	codeNoSuchEntity        awserr.Code = "NoSuchEntity"
	codeEntityAlreadyExists awserr.Code = "EntityAlreadyExists"
	codeDeleteConflict      awserr.Code = "DeleteConflict"
	codeLimitExceeded       awserr.Code = "LimitExceeded"
	codeMalformedPolicy     awserr.Code = "MalformedPolicyDocument"
	codeInvalidInput        awserr.Code = "InvalidInput"
	codeInvalidAuthCode     awserr.Code = "InvalidAuthenticationCode"
)

func noSuchEntity(format string, args ...any) *awserr.Error {
	return awserr.Newf(codeNoSuchEntity, http.StatusNotFound, format, args...)
}

func entityExists(format string, args ...any) *awserr.Error {
	return awserr.Newf(codeEntityAlreadyExists, http.StatusConflict, format, args...)
}

func deleteConflict(message string) *awserr.Error {
	return awserr.New(codeDeleteConflict, http.StatusConflict, message)
}

func limitExceeded(format string, args ...any) *awserr.Error {
	return awserr.Newf(codeLimitExceeded, http.StatusConflict, format, args...)
}

func malformedPolicy(message string) *awserr.Error {
	return awserr.New(codeMalformedPolicy, http.StatusBadRequest, message)
}

func invalidInput(format string, args ...any) *awserr.Error {
	return awserr.Newf(codeInvalidInput, http.StatusBadRequest, format, args...)
}

// Messages shared by several actions.
const (
	msgInvalidJSON      = "This policy contains invalid Json"
	msgDeleteKeys       = "Cannot delete entity, must delete access keys first."
	msgDeletePolicies   = "Cannot delete entity, must delete policies first."
	msgDetachPolicies   = "Cannot delete entity, must detach all policies first."
	msgRemoveFromGroups = "Cannot delete entity, must remove users from group first."
	msgDeleteMFA        = "Cannot delete entity, must delete MFA device first."
	msgRemoveRoles      = "Cannot delete entity, must remove roles from instance profile first."
)

// policyError turns an evaluator parse error into MalformedPolicyDocument.
func policyError(err error) error {
	var pe *evaluator.ParseError
	if errors.As(err, &pe) {
		return malformedPolicy(pe.Message)
	}
	var ip *principals.InvalidError
	if errors.As(err, &ip) {
		return malformedPolicy(ip.Error())
	}
	return err
}

func noSuchUser(name string) *awserr.Error {
	return noSuchEntity("The user with name %s cannot be found.", name)
}

func noSuchRole(name string) *awserr.Error {
	return noSuchEntity("The role with name %s cannot be found.", name)
}

func noSuchGroup(name string) *awserr.Error {
	return noSuchEntity("The group with name %s cannot be found.", name)
}

func noSuchInstanceProfile(name string) *awserr.Error {
	return noSuchEntity("Instance Profile %s cannot be found.", name)
}

func noSuchPolicy(arn string) *awserr.Error {
	return noSuchEntity("Policy %s was not found.", arn)
}

func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := awserr.As(err); ok {
		return err
	}
	return fmt.Errorf("%s: %w", what, err)
}

func awserrAccessDenied(message string) error { return awserr.AccessDenied(message) }

func isNoSuchEntity(err error) bool {
	e, ok := awserr.As(err)
	return ok && e.Code == codeNoSuchEntity
}

// noSuchEntityAs is err, or instead when err is a NoSuchEntity: for the
// operations whose answer to a missing policy is not lookupPolicy's
// "Policy ARN was not found.".
func noSuchEntityAs(err, instead error) error {
	if isNoSuchEntity(err) {
		return instead
	}
	return err
}
