// Package iam serves the AWS IAM Query API
// (https://docs.aws.amazon.com/IAM/latest/APIReference/): users, groups,
// roles, access keys, managed and inline policies, instance profiles,
// account aliases, OpenID Connect and SAML providers, virtual MFA devices,
// login profiles and the account password policy, server certificates,
// signing certificates and SSH public keys, service-linked roles,
// the credential report and the policy simulator.
//
// # What it owns
//
// Decoding each action's form parameters, validating them with AWS's
// constraints and messages (ValidationError, InvalidInput,
// MalformedPolicyDocument, LimitExceeded, DeleteConflict, NoSuchEntity,
// EntityAlreadyExists), changing the store in one transaction per call and
// encoding the XML result. Policy documents are returned URL-encoded, as IAM
// does.
//
// # What it leaves to others
//
// Every action asks emulator/authz first (action iam:Action on the target
// entity's ARN); the package never decides access itself. The Query
// envelope and error rendering belong to emulator/query. STS reads the
// records written here (roles, OIDC and SAML providers, MFA devices) and uses
// (TOTP codes and principal resolution live in emulator/totp and
// emulator/principals, shared with sts and s3.)
//
// # Caveats
//
// Deviations from AWS are listed in docs/deviations.md (IAM section).
package iam
