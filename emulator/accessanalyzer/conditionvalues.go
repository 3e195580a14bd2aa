package accessanalyzer

import (
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"
)

// The checks of AWS's "IAM policy validation check reference" on what a
// condition key is given: VPC and VPC endpoint IDs, private ranges in
// aws:SourceIp, wildcards under operators that do not match them,
// redundant numeric bounds, policy variables under operators that take
// none, and tag keys missing from the tag condition keys.

var (
	vpcPattern  = regexp.MustCompile(`^vpc-([A-Za-z0-9]{8}|[A-Za-z0-9]{17})$`)
	vpcePattern = regexp.MustCompile(`^vpce-([A-Za-z0-9]{8}|[A-Za-z0-9]{17})$`)
)

// privateNets are the private ranges (RFC 1918, RFC 4193) that
// aws:SourceIp never sees: requests reach AWS from public addresses.
var privateNets = func() []*net.IPNet {
	var out []*net.IPNet
	for _, c := range []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"} {
		_, n, _ := net.ParseCIDR(c)
		out = append(out, n)
	}
	return out
}()

// tagKeyPrefixes are the condition keys that take a tag key after "/".
var tagKeyPrefixes = map[string]bool{"aws:resourcetag": true, "aws:requesttag": true, "aws:principaltag": true,
	"iam:resourcetag": true, "s3:existingobjecttag": true, "s3:requestobjecttag": true}

// checkTagKey reports a tag condition key given without its tag key
// (aws:ResourceTag, aws:ResourceTag/); it returns true when it did. The
// details are as AWS answered welldone-cloud/aws-lint-iam-policies
// (doc/example_results.json: "The condition key aws:PrincipalTag must
// include a tag-key ..."), which the reference spells "a tag key".
func (v *validator) checkTagKey(key string, at located) bool {
	base := strings.TrimSuffix(key, "/")
	if !tagKeyPrefixes[strings.ToLower(base)] {
		return false
	}
	v.add(issueMissingTagKey, fmt.Sprintf("The condition key %s must include a tag-key to control access based on tags. Use the format %s/tag-key and specify a key name for tag-key.", base, base), at)
	return true
}

// checkKeyValues runs this file's checks on one key's values.
func (v *validator) checkKeyValues(op string, typ opType, key string, keyAt located, vals []located) {
	base := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(op, "ForAllValues:"), "ForAnyValue:"), "IfExists")
	low := strings.ToLower(key)
	for _, l := range vals {
		if l.n.kind != kString {
			continue
		}
		s := l.n.str
		if strings.Contains(s, "${") {
			if typ != tString && typ != tARN {
				v.add(issueVariableForOperator, "Policy variables can only be used with String and ARN operators.", l)
			}
			continue
		}
		v.checkIDFormat(typ, low, l)
		v.checkRequestedRegion(typ, low, l)
		if typ == tString && !strings.Contains(base, "Like") && strings.ContainsAny(s, "*?") {
			v.add(issueWildcardWithoutLike, "Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.", l)
		}
	}
	if typ == tIP && low == "aws:sourceip" {
		v.checkPrivateIPs(base, keyAt, vals)
	}
	if typ == tNumeric && len(vals) > 1 {
		v.checkNumericBounds(op, base, key, keyAt, vals)
	}
}

// checkIDFormat checks an aws:SourceVpc or aws:SourceVpce value given to
// a String operator (patterns are not judged).
func (v *validator) checkIDFormat(typ opType, key string, l located) {
	if typ != tString || strings.ContainsAny(l.n.str, "*?") {
		return
	}
	switch {
	case key == "aws:sourcevpc" && !vpcPattern.MatchString(l.n.str):
		v.add(issueVPCFormat, "The VPC identifier in the condition key value is not valid. Use the prefix 'vpc-' followed by 8 or 17 alphanumeric characters.", l)
	case key == "aws:sourcevpce" && !vpcePattern.MatchString(l.n.str):
		v.add(issueVPCEFormat, "The VPCE identifier in the condition key value is not valid.  Use the prefix 'vpce-' followed by 8 or 17 alphanumeric characters.", l)
	}
}

// isPrivate reports an address or CIDR inside a private range; ok is
// false for a value that is neither.
func isPrivate(s string) (private, ok bool) {
	var ip net.IP
	ones := 0
	if _, n, err := net.ParseCIDR(s); err == nil {
		ip = n.IP
		ones, _ = n.Mask.Size()
	} else if ip = net.ParseIP(s); ip == nil {
		return false, false
	} else {
		ones = 128
		if ip.To4() != nil {
			ones = 32
		}
	}
	for _, p := range privateNets {
		if po, _ := p.Mask.Size(); p.Contains(ip) && ones >= po {
			return true, true
		}
	}
	return false, true
}

// checkPrivateIPs reports aws:SourceIp given only private ranges, or a mix
// of private and public ones.
func (v *validator) checkPrivateIPs(op string, keyAt located, vals []located) {
	var private, public int
	for _, l := range vals {
		if l.n.kind != kString {
			continue
		}
		if p, ok := isPrivate(l.n.str); ok && p {
			private++
		} else if ok {
			public++
		}
	}
	if private == 0 {
		return
	}
	not := op == "NotIpAddress"
	switch {
	case public == 0 && !not:
		v.add(issuePrivateIP, "aws:SourceIp works only for public IP address ranges. The values for condition key aws:SourceIp include only private IP addresses and will not have the desired effect. Update the value to include only public IP addresses.", keyAt)
	case public == 0:
		v.add(issuePrivateNotIP, "The values for condition key aws:SourceIp include only private IP addresses and has no effect. aws:SourceIp works only for public IP address ranges. Update the value to include only public IP addresses.", keyAt)
	case !not:
		v.add(issuePrivateIPSubset, "The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses will not have the desired effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.", keyAt)
	default:
		v.add(issuePrivateNotIPSubset, "The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses have no effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.", keyAt)
	}
}

// checkNumericBounds reports several values for a less-than or
// greater-than operator: only the greatest (least) one counts.
func (v *validator) checkNumericBounds(op, base, key string, keyAt located, vals []located) {
	which := ""
	switch base {
	case "NumericLessThan", "NumericLessThanEquals":
		which = "greatest"
	case "NumericGreaterThan", "NumericGreaterThanEquals":
		which = "least"
	default:
		return
	}
	for _, l := range vals {
		if _, err := strconv.ParseFloat(l.n.str, 64); err != nil || l.n.kind == kObject || l.n.kind == kArray {
			return
		}
	}
	v.add(issueRedundantNumValue, fmt.Sprintf("Multiple values in %s are redundant. Replace with the %s single value for %s.", op, which, key), keyAt)
}
