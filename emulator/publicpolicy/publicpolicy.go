// Package publicpolicy holds AWS's definition of a public resource-based
// policy, the one rule behind S3's PolicyStatus.IsPublic and Block Public
// Access (BlockPublicPolicy, RestrictPublicBuckets, for buckets and access
// points) and IAM Access Analyzer's CheckNoPublicAccess: an Allow statement
// whose principal is a wildcard, unless a condition pins it to fixed values
// of keys such as aws:SourceArn, aws:SourceVpc(e), aws:SourceAccount,
// aws:SourceOwner, aws:PrincipalOrgID, aws:userid, aws:PrincipalAccount,
// s3:DataAccessPointArn/Account, or aws:SourceIp to non-public ranges
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status).
// An Allow statement with NotPrincipal is public too.
package publicpolicy

import (
	"encoding/json"
	"net/netip"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/policyjson"
)

// statement is the part of a statement the rule reads.
type statement struct {
	Effect       string
	Principal    json.RawMessage
	NotPrincipal json.RawMessage
	Condition    map[string]map[string]json.RawMessage
}

// IsPublic reports whether doc grants public access. It stops at the
// first public statement: S3 asks it on requests to buckets that restrict
// public access.
func IsPublic(doc string) bool {
	for _, st := range policyjson.Statements[statement](doc) {
		if st.public() {
			return true
		}
	}
	return false
}

// Statements returns the indices of doc's statements that grant public
// access, in document order (none for a document that is not a policy).
func Statements(doc string) []int {
	var out []int
	for i, st := range policyjson.Statements[statement](doc) {
		if st.public() {
			out = append(out, i)
		}
	}
	return out
}

// public reports whether st allows a wildcard principal that no condition
// pins down, or allows through NotPrincipal.
func (st statement) public() bool {
	if st.Effect != "Allow" {
		return false
	}
	return len(st.NotPrincipal) > 0 || wildcardPrincipal(st.Principal) && !fixedByCondition(st.Condition)
}

func wildcardPrincipal(raw json.RawMessage) bool {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s == "*"
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return false
	}
	for _, v := range m {
		for _, p := range policyjson.Strings(v) {
			if p == "*" || strings.Contains(p, "*") {
				return true
			}
		}
	}
	return false
}

var fixing = map[string]bool{"aws:sourcearn": true, "aws:sourcevpc": true, "aws:sourcevpce": true,
	"aws:sourceaccount": true, "aws:sourceowner": true, "aws:principalorgid": true, "aws:userid": true,
	"aws:principalaccount": true, "aws:principalarn": true, "aws:sourceorgid": true,
	"s3:dataaccesspointarn": true, "s3:dataaccesspointaccount": true}

func fixedByCondition(c map[string]map[string]json.RawMessage) bool {
	for op, keys := range c {
		lop := strings.ToLower(op)
		// An ...IfExists operator, or ForAllValues, is true when the key
		// is absent (direct calls carry no aws:SourceArn, anonymous ones no
		// aws:PrincipalOrgID): such a condition lets anyone through, so it
		// pins nothing.
		if strings.HasSuffix(lop, "ifexists") || strings.HasPrefix(lop, "forallvalues:") {
			continue
		}
		lop = strings.TrimPrefix(lop, "foranyvalue:")
		for k, v := range keys {
			if fixes(lop, strings.ToLower(k), policyjson.Strings(v)) {
				return true
			}
		}
	}
	return false
}

// fixes reports whether operator lop on key lk with vals pins the caller.
func fixes(lop, lk string, vals []string) bool {
	if hasPolicyVariable(vals) {
		// "Fixed values (values that don't contain a wildcard or an AWS
		// IAM policy variable)": ${aws:PrincipalAccount} matches every
		// caller.
		return false
	}
	switch {
	case lk == "aws:sourceip" && lop == "ipaddress":
		return len(vals) > 0 && allPrivate(vals)
	case fixing[lk]:
		switch lop {
		case "stringequals", "arnequals", "stringequalsignorecase":
			return true
		case "stringlike", "arnlike":
			for _, x := range vals {
				if strings.ContainsAny(x, "*?") {
					return false
				}
			}
			return true
		}
	}
	return false
}

// hasPolicyVariable reports whether any of vals holds a policy variable.
func hasPolicyVariable(vals []string) bool {
	for _, v := range vals {
		if strings.Contains(v, "${") {
			return true
		}
	}
	return false
}

func allPrivate(cidrs []string) bool {
	for _, c := range cidrs {
		p, err := netip.ParsePrefix(c)
		if err != nil {
			a, err2 := netip.ParseAddr(c)
			if err2 != nil {
				return false
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		// A range as wide as /8 for IPv4 or /32 for IPv6 is treated as
		// public, as is 0.0.0.0/0.
		if (p.Addr().Is4() && p.Bits() < 8) || (p.Addr().Is6() && p.Bits() < 32) {
			return false
		}
	}
	return true
}
