package accessanalyzer

import (
	"fmt"
	"unicode/utf8"

	"github.com/fakeaws/fakeaws/emulator/orgsyntax"
)

// The policy size checks of AWS's "IAM policy validation check reference",
// with the quotas of IAM
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html:
// managed policy 6,144 characters, role trust policy 2,048, whitespace not
// counted), S3 (bucket policies up to 20 KB,
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html)
// and Organizations (SCPs and RCPs up to 5,120 characters, white space
// included: orgsyntax.MaxPolicyChars, which Organizations enforces too).
const (
	identityPolicyQuota = 6144
	trustPolicyQuota    = 2048
	bucketPolicyQuota   = 20 * 1024
)

// checkSize reports a policy over its type's quota. Resource policies of
// other resource types than S3 buckets and role trust policies are not
// judged (their quotas differ by service).
func (v *validator) checkSize(root *node) {
	at := located{root, nil}
	doc := v.in.Document
	switch {
	case v.in.ResourceType == trustPolicyType:
		if n := sizeWithoutWhitespace(doc); n > trustPolicyQuota {
			v.add(issueSizeTrust, "The characters in the role trust policy, excluding whitespace, exceed the character maximum. We recommend that you request a role trust policy length quota increase using Service Quotas and AWS Support Center. If the quotas have already been increased, then you can ignore this warning.", at)
		}
	case v.in.Type == IdentityPolicy:
		if n := sizeWithoutWhitespace(doc); n > identityPolicyQuota {
			v.add(issueSizeIdentity, fmt.Sprintf("The %d characters in the identity policy, excluding whitespace, exceed the %d character maximum for inline and managed policies. We recommend that you use multiple granular policies.",
				n, identityPolicyQuota), at)
		}
	case v.in.Type == ResourcePolicy && v.in.ResourceType == S3BucketResourceType:
		if n := utf8.RuneCountInString(doc); n > bucketPolicyQuota {
			v.add(issueSizeResource, fmt.Sprintf("The %d characters in the resource policy exceed the %d character maximum for resource policies. We recommend that you use multiple granular policies.",
				n, bucketPolicyQuota), at)
		}
	case v.in.Type == ServiceControlPolicy:
		if n := utf8.RuneCountInString(doc); n > orgsyntax.MaxPolicyChars {
			v.add(issueSizeSCP, fmt.Sprintf("The %d characters in the service control policy (SCP) exceed the %d character maximum for SCPs. We recommend that you use multiple granular policies.",
				n, orgsyntax.MaxPolicyChars), at)
		}
	case v.in.Type == ResourceControlPolicy:
		if n := utf8.RuneCountInString(doc); n > orgsyntax.MaxPolicyChars {
			v.add(issueSizeRCP, fmt.Sprintf("The %d characters in the resource control policy (RCP) exceed the %d character maximum for RCPs. We recommend that you use multiple granular policies.",
				n, orgsyntax.MaxPolicyChars), at)
		}
	}
}

// sizeWithoutWhitespace counts the document's characters but the
// whitespace outside strings, as IAM counts a policy against its quota.
func sizeWithoutWhitespace(doc string) int {
	n, inString, escaped := 0, false, false
	for _, c := range doc {
		switch {
		case inString:
			n++
			if escaped {
				escaped = false
			} else if c == '\\' {
				escaped = true
			} else if c == '"' {
				inString = false
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			n++
			inString = c == '"'
		}
	}
	return n
}
