package evaluator

import (
	"strings"
)

// arnPattern matches ARNs the way IAM does for Resource and the Arn*
// condition operators: each of the six colon-separated components
// (arn:partition:service:region:account:resource) is matched separately, and
// the final resource component may itself contain colons. A pattern or value
// that does not have six components is matched as a whole string.
type arnPattern struct {
	whole pattern
	split bool
	parts [6]pattern
}

func compileARN(s string, vars bool) arnPattern {
	a := arnPattern{whole: compilePattern(s, vars, true, false)}
	if a.whole.star {
		return a
	}
	cuts := arnCuts(s, vars)
	if len(cuts) < 5 {
		return a
	}
	a.split = true
	prev := 0
	for i, c := range cuts {
		a.parts[i] = compilePattern(s[prev:c], vars, true, false)
		prev = c + 1
	}
	a.parts[5] = compilePattern(s[prev:], vars, true, false)
	return a
}

// arnCuts returns the positions of the first five colons of s outside
// ${...} (when vars): the boundaries of its ARN components.
func arnCuts(s string, vars bool) []int {
	var cuts []int
	depth := false
	for i := 0; i < len(s) && len(cuts) < 5; i++ {
		switch {
		case vars && s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			depth = true
		case depth && s[i] == '}':
			depth = false
		case !depth && s[i] == ':':
			cuts = append(cuts, i)
		}
	}
	return cuts
}

// splitARN splits s into its six components without allocating.
func splitARN(s string) (parts [6]string, ok bool) {
	n := 0
	prev := 0
	for i := 0; i < len(s) && n < 5; i++ {
		if s[i] == ':' {
			parts[n] = s[prev:i]
			n++
			prev = i + 1
		}
	}
	if n < 5 {
		return parts, false
	}
	parts[5] = s[prev:]
	return parts, true
}

func (a *arnPattern) match(s string, e *evalState) bool {
	if a.whole.star {
		return true
	}
	if a.split {
		if parts, ok := splitARN(s); ok {
			for i := range a.parts {
				if !a.parts[i].match(parts[i], false, e) {
					return false
				}
			}
			return true
		}
	}
	return a.whole.match(s, false, e)
}

// MatchARN reports whether arn matches an ARN pattern with wildcards,
// component by component (no policy variables).
func MatchARN(pattern, arn string) bool {
	p := compileARN(pattern, false)
	return p.match(arn, nil)
}

// iamPartition is the partition fakeaws's IAM runs in: an identity policy
// resource must name it or a wildcard.
const iamPartition = "aws"

// identityResource checks one Resource or NotResource entry of an
// identity-like policy as IAM's CreatePolicy does and returns the pattern
// IAM matches it as, or AWS's message for it (LocalStack's
// TestPolicyDocumentValidity, recorded from AWS Feb 2026, cited as
// invalid-N and valid-N):
//   - no colon: `Resource X must be in ARN format or "*".` (invalid-16);
//   - the second component is the partition, whatever the first
//     ("a:b:cadfsdf"): `Partition "b" is not valid for resource
//     "arn:b:cadfsdf:*:*:*".`, the resource padded to six components
//     (invalid-21 to -25); a partition with a wildcard is accepted (AWS
//     managed policies name "arn:*:");
//   - "arn:aws" alone: MsgResourceVendor (invalid-38);
//   - "arn:aws:SERVICE" is read as "arn:aws:SERVICE:*:*:*" (valid-9);
//   - an IAM resource with a region: "IAM resource X cannot contain region
//     information." (invalid-55), and an IAM resource path must be "*",
//     "root" or start with a known type (invalid-35, valid-7);
//   - an S3 resource with a region: "Resource X can not contain region
//     information." (invalid-56), but for the regional S3 resource types
//     (access points: valid-50); a region of wildcards is accepted (not
//     recorded; it may stand for no region).
//
// A first component other than "arn" with a valid partition, and ARNs of
// four or five components without "::" (which IAM's legacy grammar
// refuses: legacyResources), are not recorded; they are refused as not in
// ARN format.
func identityResource(r string, vars bool) (string, string) {
	if r == "*" {
		return r, ""
	}
	notARN := `Resource ` + r + ` must be in ARN format or "*".`
	cuts := arnCuts(r, vars)
	if len(cuts) == 0 {
		return "", notARN
	}
	partitionEnd := len(r)
	if len(cuts) > 1 {
		partitionEnd = cuts[1]
	}
	if partition := r[cuts[0]+1 : partitionEnd]; partition != iamPartition && !strings.ContainsAny(partition, "*?") {
		return "", partitionMessage(r)
	}
	switch {
	case r[:cuts[0]] != "arn":
		return "", notARN
	case len(cuts) == 1:
		return "", MsgResourceVendor
	case len(cuts) == 2:
		return r + ":*:*:*", ""
	case len(cuts) < 5 && strings.Contains(r, "::"):
		return "", "" // refused by the legacy grammar
	case len(cuts) < 5:
		return "", notARN
	}
	return r, regionalResource(r, cuts, vars)
}

// partitionMessage is IAM's answer to a resource whose partition is not
// valid; it names the resource as "arn:" and the components after the
// first, padded with "*" to six.
func partitionMessage(r string) string {
	parts := strings.Split(r, ":")[1:]
	pad := []string{"arn", parts[0], "*", "*", "*", "*"}
	rest := parts[1:]
	for i := 0; i < 3 && i < len(rest); i++ {
		pad[2+i] = rest[i]
	}
	if len(rest) > 3 {
		pad[5] = strings.Join(rest[3:], ":")
	}
	if len(rest) == 1 && rest[0] == "" {
		pad[2] = "*"
	}
	return `Partition "` + parts[0] + `" is not valid for resource "` + strings.Join(pad, ":") + `".`
}

// iamResourceTypes are the starts of an IAM resource path IAM accepts,
// in the order its message lists them.
var iamResourceTypes = []string{"user/", "federated-user/", "role/", "group/", "instance-profile/", "mfa/", "server-certificate/", "policy/", "sms-mfa/", "saml-provider/", "oidc-provider/", "report/", "access-report/"}

// s3RegionalTypes are the S3 resource types whose ARNs name a region
// (Service Authorization Reference, "Actions, resources, and condition
// keys for Amazon S3": accesspoint, job, storagelensconfiguration,
// storagelensgroup, multiregionaccesspointrequestarn, accessgrantsinstance).
var s3RegionalTypes = []string{"accesspoint/", "job/", "storage-lens/", "storage-lens-group/", "async-request/", "access-grants/"}

// regionalResource checks the region and resource path of a full ARN
// (cuts are its first five colons) for IAM and S3.
func regionalResource(r string, cuts []int, vars bool) string {
	service, region, resource := r[cuts[1]+1:cuts[2]], r[cuts[2]+1:cuts[3]], r[cuts[4]+1:]
	// A region with a wildcard may match none: not refused.
	region = strings.Trim(region, "*")
	switch {
	case service == "iam" && region != "":
		return "IAM resource " + r + " cannot contain region information."
	case service == "iam" && !resourceTypeIn(resource, append([]string{"root"}, iamResourceTypes...), vars):
		return `IAM resource path must either be "*", root, or start with ` + strings.Join(iamResourceTypes, ", ") + "."
	case service == "s3" && region != "" && !resourceTypeIn(resource, s3RegionalTypes, vars):
		return "Resource " + r + " can not contain region information."
	}
	return ""
}

// resourceTypeIn reports whether a resource path is "*", starts with one
// of types, or could: its text before the first wildcard (or policy
// variable) is the start of one of them.
func resourceTypeIn(resource string, types []string, vars bool) bool {
	head := resource
	wild := strings.IndexAny(resource, "*?")
	if v := strings.Index(resource, "${"); vars && v >= 0 && (wild < 0 || v < wild) {
		wild = v
	}
	if wild >= 0 {
		head = resource[:wild]
	}
	for _, t := range types {
		if strings.HasPrefix(resource, t) || (wild >= 0 && strings.HasPrefix(t, head)) {
			return true
		}
	}
	return resource == "*"
}
