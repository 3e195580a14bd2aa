// Package arns builds and parses the Amazon Resource Names fakeaws hands
// out and reads back: IAM principals and policies, STS sessions, S3 buckets
// and objects, Organizations entities. Parsing rests on aws-sdk-go-v2's
// aws/arn; this package adds the checks fakeaws needs (a 12-digit account,
// an IAM resource's type, path and name). The evaluator keeps its own
// allocation-free matcher for policy patterns.
package arns

import (
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
)

// Partition is the partition of every ARN fakeaws makes.
const Partition = "aws"

// AWSAccount is the account field of AWS managed policies' ARNs
// (arn:aws:iam::aws:policy/...).
const AWSAccount = "aws"

// BucketPrefix begins every S3 bucket and object ARN (arn:aws:s3:::).
const BucketPrefix = "arn:" + Partition + ":s3:::"

// SessionPrefix begins every STS session ARN (arn:aws:sts::).
const SessionPrefix = "arn:" + Partition + ":sts::"

// AWSManagedPolicyPrefix begins the ARN of every AWS managed policy
// (arn:aws:iam::aws:policy/).
const AWSManagedPolicyPrefix = "arn:" + Partition + ":iam::" + AWSAccount + ":policy/"

// ErrMalformed is returned for a string that is not an ARN of the kind
// asked for.
var ErrMalformed = errors.New("malformed ARN")

// IsAccountID reports whether s is an AWS account id: exactly 12 digits.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// IAM is arn:aws:iam::ACCOUNT:RESOURCE.
func IAM(account, resource string) string {
	return "arn:" + Partition + ":iam::" + account + ":" + resource
}

// Root is the ARN of an account's root user.
func Root(account string) string { return IAM(account, "root") }

// User, Role, Group, Policy, InstanceProfile and MFA build an IAM entity's
// ARN from its path ("/" or "/a/b/") and name.
func User(account, path, name string) string   { return IAM(account, "user"+path+name) }
func Role(account, path, name string) string   { return IAM(account, "role"+path+name) }
func Group(account, path, name string) string  { return IAM(account, "group"+path+name) }
func Policy(account, path, name string) string { return IAM(account, "policy"+path+name) }
func MFA(account, path, name string) string    { return IAM(account, "mfa"+path+name) }
func InstanceProfile(account, path, name string) string {
	return IAM(account, "instance-profile"+path+name)
}

// OIDCProvider and SAMLProvider are the ARNs of identity providers.
func OIDCProvider(account, host string) string { return IAM(account, "oidc-provider/"+host) }
func SAMLProvider(account, name string) string { return IAM(account, "saml-provider/"+name) }

// AssumedRole is the ARN of a role session.
func AssumedRole(account, role, session string) string {
	return SessionPrefix + account + ":assumed-role/" + role + "/" + session
}

// FederatedUser is the ARN of a GetFederationToken session.
func FederatedUser(account, name string) string {
	return SessionPrefix + account + ":federated-user/" + name
}

// Bucket and Object are S3 resource ARNs.
func Bucket(name string) string        { return BucketPrefix + name }
func Object(bucket, key string) string { return Bucket(bucket) + "/" + key }

// Organizations is arn:aws:organizations::ACCOUNT:RESOURCE.
func Organizations(account, resource string) string {
	return "arn:" + Partition + ":organizations::" + account + ":" + resource
}

// Parse splits s with aws/arn and checks that partition, service and
// resource are present.
func Parse(s string) (arn.ARN, error) {
	a, err := arn.Parse(s)
	if err != nil || a.Partition == "" || a.Service == "" || a.Resource == "" {
		return arn.ARN{}, ErrMalformed
	}
	return a, nil
}

// IAMResource is a parsed IAM ARN: arn:PARTITION:iam::ACCOUNT:TYPE/PATH/NAME
// (or ...:root).
type IAMResource struct {
	ARN       string
	Partition string
	Account   string // 12 digits, or "aws" for AWS managed policies
	Type      string // "root", "user", "role", "policy", "saml-provider", ...
	Path      string // "/" or "/a/b/"; "" for root
	Name      string // "" for root
}

// ParseIAM parses an IAM ARN. The account must be 12 digits (or "aws"),
// the region empty, and every type but root must name something.
func ParseIAM(s string) (IAMResource, error) {
	a, err := Parse(s)
	if err != nil || a.Service != "iam" || a.Region != "" || !(IsAccountID(a.AccountID) || a.AccountID == AWSAccount) {
		return IAMResource{}, ErrMalformed
	}
	r := IAMResource{ARN: s, Partition: a.Partition, Account: a.AccountID}
	if a.Resource == "root" {
		r.Type = "root"
		return r, nil
	}
	typ, rest, ok := strings.Cut(a.Resource, "/")
	if !ok || typ == "" || rest == "" || strings.HasSuffix(rest, "/") {
		return IAMResource{}, ErrMalformed
	}
	i := strings.LastIndexByte(rest, '/')
	r.Type, r.Path, r.Name = typ, "/"+rest[:i+1], rest[i+1:]
	return r, nil
}

// PathName is the resource after its type: the path and name, "/a/b/Name"
// ("" for root).
func (r IAMResource) PathName() string { return r.Path + r.Name }

// ParseIAMOf parses an IAM ARN of fakeaws's partition whose resource type
// is typ ("policy", "oidc-provider", ...): ParseIAM, plus those two checks.
func ParseIAMOf(s, typ string) (IAMResource, error) {
	r, err := ParseIAM(s)
	if err != nil || r.Partition != Partition || r.Type != typ {
		return IAMResource{}, ErrMalformed
	}
	return r, nil
}
