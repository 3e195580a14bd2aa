package accessanalyzer

import (
	"encoding/base64"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// The Condition checks of AWS's "IAM policy validation check reference"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html):
// operators and their IfExists/ForAllValues/ForAnyValue forms, condition
// keys (the global aws: keys, and the keys of the services the catalogue
// knows), values against the operator's type, and keys used with actions
// of another service.

// opType is the value type a condition operator compares.
type opType int

const (
	tString opType = iota + 1
	tNumeric
	tDate
	tBool
	tBinary
	tIP
	tARN
	tNull
)

// String names the type as the TYPE_MISMATCH finding does.
func (t opType) String() string {
	return [...]string{"", "String", "Numeric", "Date", "Bool", "Binary", "IpAddress", "Arn", "Null"}[t]
}

// conditionOperators are the operators of "IAM JSON policy elements:
// Condition operators"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
var conditionOperators = map[string]opType{
	"StringEquals": tString, "StringNotEquals": tString, "StringEqualsIgnoreCase": tString,
	"StringNotEqualsIgnoreCase": tString, "StringLike": tString, "StringNotLike": tString,
	"NumericEquals": tNumeric, "NumericNotEquals": tNumeric, "NumericLessThan": tNumeric,
	"NumericLessThanEquals": tNumeric, "NumericGreaterThan": tNumeric, "NumericGreaterThanEquals": tNumeric,
	"DateEquals": tDate, "DateNotEquals": tDate, "DateLessThan": tDate, "DateLessThanEquals": tDate,
	"DateGreaterThan": tDate, "DateGreaterThanEquals": tDate,
	"Bool": tBool, "BinaryEquals": tBinary, "IpAddress": tIP, "NotIpAddress": tIP,
	"ArnEquals": tARN, "ArnLike": tARN, "ArnNotEquals": tARN, "ArnNotLike": tARN,
	"Null": tNull,
}

// keyInfo is what a condition key works with.
type keyInfo struct {
	types []opType // the operator types it works with
	multi bool     // multivalued (ArrayOf...): a request can carry several values
}

func kinfo(ts ...opType) keyInfo { return keyInfo{types: ts} }

// multi is a multivalued key of the types ts.
func multi(ts ...opType) keyInfo { return keyInfo{types: ts, multi: true} }

var (
	keyStr  = kinfo(tString)
	keyArn  = kinfo(tARN, tString)
	keyNum  = kinfo(tNumeric)
	keyDate = kinfo(tDate)
	keyBool = kinfo(tBool)
	keyIP   = kinfo(tIP)
	keyStrs = multi(tString)
)

// globalConditionKeys are the aws: keys of "AWS global condition context
// keys" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html),
// by lower-cased name, with the operators each "works with". Keys ending
// in "/" take a tag key after the slash.
var globalConditionKeys = map[string]keyInfo{
	"aws:calledvia": keyStrs, "aws:calledviafirst": keyStr, "aws:calledvialast": keyStr,
	"aws:currenttime": keyDate, "aws:epochtime": kinfo(tDate, tNumeric),
	"aws:ec2instancesourcevpc": keyStr, "aws:ec2instancesourceprivateipv4": keyIP,
	"aws:federatedprovider": keyStr, "aws:multifactorauthage": keyNum, "aws:multifactorauthpresent": keyBool,
	"aws:principalaccount": keyStr, "aws:principalarn": keyArn, "aws:principalisawsservice": keyBool,
	"aws:principalorgid": keyStr, "aws:principalorgpaths": keyStrs, "aws:principalservicename": keyStr,
	"aws:principalservicenameslist": keyStrs, "aws:principaltag/": keyStr, "aws:principaltype": keyStr,
	"aws:referer": keyStr, "aws:requestedregion": keyStr, "aws:requesttag/": keyStr,
	"aws:resourceaccount": keyStr, "aws:resourceorgid": keyStr, "aws:resourceorgpaths": keyStrs,
	"aws:resourcetag/": keyStr, "aws:securetransport": keyBool, "aws:sourceaccount": keyStr,
	"aws:sourcearn": keyArn, "aws:sourceidentity": keyStr, "aws:sourceip": keyIP,
	"aws:sourceorgid": keyStr, "aws:sourceorgpaths": keyStrs, "aws:sourceowner": keyStr,
	"aws:sourcevpc": keyStr, "aws:sourcevpce": keyStr, "aws:sourcevpcarn": keyArn,
	"aws:tagkeys": keyStrs, "aws:tokenissuetime": keyDate, "aws:useragent": keyStr,
	"aws:userid": keyStr, "aws:username": keyStr, "aws:viaawsservice": keyBool,
	"aws:vpcsourceip": keyIP, "aws:assumedroot": keyStr, "aws:chatbotsourcearn": keyArn,
	"aws:vpceaccount": keyStr, "aws:vpceorgid": keyStr, "aws:vpceorgpaths": keyStrs,
}

// serviceConditionKeys are the condition keys of the catalogued services,
// from the Service Authorization Reference (list_amazons3.html,
// list_awsidentityandaccessmanagementiam.html,
// list_awssecuritytokenservice.html, list_awsorganizations.html,
// list_awsiamaccessanalyzer.html), lower-cased. Keys ending in "/" take a
// suffix.
var serviceConditionKeys = map[string]map[string]keyInfo{
	"s3": {
		"s3:accessgrantsinstancearn": keyArn, "s3:accesspointnetworkorigin": keyStr, "s3:authtype": keyStr,
		"s3:bucketversioningstatus": keyStr, "s3:dataaccesspointaccount": keyStr, "s3:dataaccesspointarn": keyArn,
		"s3:delimiter": keyStr, "s3:existingjoboperation": keyStr, "s3:existingjobpriority": keyNum,
		"s3:existingobjecttag/": keyStr, "s3:if-match": keyStr, "s3:if-none-match": keyStr, "s3:x-amz-object-if-match": keyStr,
		"s3:jobsuspendedcause": keyStr, "s3:locationconstraint": keyStr, "s3:max-keys": keyNum,
		"s3:object-lock-legal-hold": keyStr, "s3:object-lock-mode": keyStr,
		"s3:object-lock-remaining-retention-days": keyNum, "s3:object-lock-retain-until-date": keyDate,
		"s3:objectcreationoperation": keyBool, "s3:prefix": keyStr, "s3:requestjoboperation": keyStr,
		"s3:requestjobpriority": keyNum, "s3:requestobjecttag/": keyStr, "s3:requestobjecttagkeys": keyStrs,
		"s3:resourceaccount": keyStr, "s3:signatureage": keyNum, "s3:signatureversion": keyStr,
		"s3:tlsversion": keyNum, "s3:versionid": keyStr, "s3:x-amz-acl": keyStr,
		"s3:x-amz-checksum-algorithm": keyStr, "s3:x-amz-content-sha256": keyStr, "s3:x-amz-copy-source": keyStr,
		"s3:x-amz-grant-": keyStr, "s3:x-amz-metadata-directive": keyStr, "s3:x-amz-object-ownership": keyStr,
		"s3:x-amz-server-side-encryption": keyStr, "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn,
		"s3:x-amz-server-side-encryption-customer-algorithm": keyStr, "s3:x-amz-storage-class": keyStr,
		"s3:x-amz-website-redirect-location": keyStr,
	},
	"iam": {
		"iam:awsservicename": keyStr, "iam:associatedresourcearn": keyArn,
		"iam:fido-certification": keyStr, "iam:fido-fips-140-2-certification": keyStr,
		"iam:fido-fips-140-3-certification": keyStr, "iam:organizationspolicyid": keyStr,
		"iam:passedtoservice": keyStr, "iam:permissionsboundary": keyArn, "iam:policyarn": keyArn,
		"iam:registersecuritykey": keyStr, "iam:resourcetag/": keyStr,
		"iam:servicespecificcredentialagedays": keyNum, "iam:servicespecificcredentialservicename": keyStr,
	},
	"sts": {
		"sts:awsservicename": keyStr, "sts:durationseconds": keyNum, "sts:externalid": keyStr,
		"sts:rolesessionname": keyStr, "sts:sourceidentity": keyStr, "sts:transitivetagkeys": keyStrs,
		"sts:requestcontext/": keyStr, "sts:requestcontextproviders": multi(tARN, tString), "sts:taskpolicyarn": keyArn,
		"sts:identitytokenaudience": keyStr, "sts:signingalgorithm": keyStr, "sts:durationsecondsidentitytoken": keyNum,
	},
	"organizations": {
		"organizations:policytype": keyStr, "organizations:serviceprincipal": keyStr,
	},
	"access-analyzer": {},
}

// lookupKey finds key (lower-cased) in keys, directly or by a "/" or "-"
// prefix entry.
func lookupKey(keys map[string]keyInfo, key string) (keyInfo, bool) {
	if k, ok := keys[key]; ok {
		return k, true
	}
	for name, k := range keys {
		if (strings.HasSuffix(name, "/") || strings.HasSuffix(name, "-")) && strings.HasPrefix(key, name) && len(key) > len(name) {
			return k, true
		}
	}
	return keyInfo{}, false
}

// checkCondition checks a statement's Condition block.
func (v *validator) checkCondition(st *stmt) {
	if st.condition == nil {
		return
	}
	c := v.elem(st, st.condition)
	if c.n.kind != kObject {
		v.add(issueDataType, "The text does not match the expected JSON data type Object.", c)
		return
	}
	if len(c.n.members) == 0 {
		v.add(issueEmptyObjectCondition, "This condition block is empty and it does not affect the policy. Specify conditions.", c)
		return
	}
	for i := range c.n.members {
		v.checkOperator(st, &c.n.members[i], c.p.key(c.n.members[i].key))
	}
}

// checkOperator checks one "Operator": {"key": value} block.
func (v *validator) checkOperator(st *stmt, op *member, p path) {
	name, qualifier := op.key, ""
	if q, rest, ok := strings.Cut(name, ":"); ok && (q == "ForAllValues" || q == "ForAnyValue") {
		name, qualifier = rest, q
	}
	ifExists := strings.HasSuffix(name, "IfExists")
	typ, known := conditionOperators[strings.TrimSuffix(name, "IfExists")]
	keyAt := located{&node{start: op.keyStart, end: op.keyEnd}, p}
	if !known {
		v.add(issueInvalidOperator, fmt.Sprintf("The condition operator %s is not valid. Use a valid condition operator.", op.key), keyAt)
		return
	}
	if typ == tNull && ifExists {
		v.add(issueNullIfExists, "The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix.", keyAt)
	}
	if typ == tNull && qualifier != "" {
		v.add(issueNullWithQualifier, "Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively.", keyAt)
	}
	if op.val.kind != kObject {
		v.add(issueDataType, "The text does not match the expected JSON data type Object.", located{op.val, p})
		return
	}
	seen := map[string]string{}
	for i := range op.val.members {
		k := &op.val.members[i]
		kp := p.key(k.key)
		at := located{&node{start: k.keyStart, end: k.keyEnd}, kp}
		low := strings.ToLower(k.key)
		if first, dup := seen[low]; dup && first != k.key {
			v.add(issueDuplicateKeysCase, fmt.Sprintf("The condition key %s appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.", k.key), at)
		}
		seen[low] = k.key
		v.checkConditionKey(st, op.key, typ, k.key, at)
		v.checkConditionValues(op.key, typ, k, kp)
	}
}

// checkConditionKey checks the key's format, that it exists, that the
// operator's type suits it, and that the statement's actions are of its
// service.
func (v *validator) checkConditionKey(st *stmt, op string, typ opType, key string, at located) {
	svc, name, ok := strings.Cut(key, ":")
	if !ok || svc == "" || name == "" {
		v.add(issueConditionKeyFormat, "The condition key format is not valid. Use the format service:keyname.", at)
		return
	}
	if strings.Contains(key, "${") {
		return
	}
	if v.checkTagKey(key, at) {
		return
	}
	v.checkKeyScope(st, op, typ, key, at)
	svc, low := strings.ToLower(svc), strings.ToLower(key)
	var info keyInfo
	switch keys, catalogued := serviceConditionKeys[svc]; {
	case svc == "aws" && low == "aws:arn":
		v.add(issueUnsupportedGlobalKey, "The condition key aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn instead.", at)
		return
	case svc == "aws":
		if info, ok = lookupKey(globalConditionKeys, low); !ok {
			v.add(issueInvalidGlobalKey, fmt.Sprintf("The condition key %s does not exist. Use a valid condition key.", key), at)
			return
		}
	case catalogued:
		if info, ok = lookupKey(keys, low); !ok {
			v.add(issueInvalidServiceKey, fmt.Sprintf("The condition key %s does not exist in the service %s. Use a valid condition key.", key, svc), at)
			return
		}
		v.checkKeyActions(st, svc, key, at)
	default:
		return // a service the catalogue does not know: not judged
	}
	qualified := strings.HasPrefix(op, "ForAllValues:") || strings.HasPrefix(op, "ForAnyValue:")
	if info.multi && !qualified && typ != tNull {
		v.add(issueMissingQualifier, fmt.Sprintf("The request context key %s has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy.", key), at)
	}
	if strings.HasPrefix(op, "ForAllValues:") && !info.multi {
		v.add(issueForAllValuesSingle, fmt.Sprintf("Using ForAllValues qualifier with the single-valued condition key %s can be overly permissive. We recommend that you remove ForAllValues:.", key), at)
	}
	if typ == tNull {
		return
	}
	for _, t := range info.types {
		if t == typ {
			return
		}
	}
	v.add(issueTypeMismatch, fmt.Sprintf("Use the operator type %s instead of operator %s for the condition key %s.", info.types[0], op, key), at)
}

// checkKeyActions reports the statement's actions of another service than
// the key's: the condition is not evaluated for them (actions with
// wildcards are not judged, as AWS's check does not judge them).
func (v *validator) checkKeyActions(st *stmt, svc, key string, at located) {
	if st.action == nil || st.notAction != nil {
		return
	}
	allowed := map[string]bool{svc: true}
	var other []string
	for _, a := range st.action.val.list() {
		if a.kind != kString || strings.ContainsAny(a.str, "*?") {
			continue
		}
		as, _, _ := strings.Cut(strings.ToLower(a.str), ":")
		if !allowed[as] {
			other = append(other, a.str)
		}
	}
	if len(other) > 0 {
		v.add(issueUnsupportedActionForKey, fmt.Sprintf("The following actions: %s are not supported by the condition key %s. The condition will not be evaluated for these actions. We recommend that you move these actions to a different statement without this condition key.",
			strings.Join(other, ", "), key), at)
	}
}

// checkConditionValues checks a key's values against the operator's type.
func (v *validator) checkConditionValues(op string, typ opType, k *member, p path) {
	vals := []located{{k.val, p}}
	if k.val.kind == kArray {
		if len(k.val.elems) == 0 {
			v.emptyConditionValues(op, k.key, located{k.val, p})
			return
		}
		vals = vals[:0]
		for i, e := range k.val.elems {
			vals = append(vals, located{e, p.index(i)})
		}
		if typ == tBool && len(vals) > 1 {
			v.add(issueMultipleBoolean, "The condition key does not support multiple Boolean values. Use a single Boolean value.", located{k.val, p})
		}
	}
	kinds := map[kind]bool{}
	for _, l := range vals {
		kinds[l.n.kind] = true
		if l.n.kind == kObject || l.n.kind == kArray || l.n.kind == kNull {
			v.add(issueDataType, "The text does not match the expected JSON data type String.", l)
			continue
		}
		if !strings.Contains(l.n.str, "${") {
			v.checkValue(op, typ, l)
		}
	}
	v.checkKeyValues(op, typ, k.key, located{&node{start: k.keyStart, end: k.keyEnd}, p}, vals)
	if len(kinds) > 1 {
		v.add(issueConditionDataType, "The condition value data types do not match. Use condition values of the same JSON data type.", located{k.val, p})
	}
}

// emptyConditionValues reports a key given no values: its finding depends
// on the operator's set qualifier or IfExists suffix.
func (v *validator) emptyConditionValues(op, key string, at located) {
	i, format := issueEmptyArrayCondition, "There are no values for the condition key %s and it does not affect the policy. Specify conditions."
	switch {
	case strings.HasPrefix(op, "ForAllValues:"):
		i, format = issueEmptyArrayCondForAll, "The ForAllValues prefix with an empty condition key matches only if the key %s is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead."
	case strings.HasPrefix(op, "ForAnyValue:"):
		i, format = issueEmptyArrayCondForAny, "The ForAnyValue prefix with an empty condition key %s never matches the request context and it does not affect the policy. Specify conditions."
	case strings.HasSuffix(op, "IfExists"):
		i, format = issueEmptyArrayCondIfExists, "The IfExists suffix with an empty condition key matches only if the key %s is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead."
	}
	v.add(i, fmt.Sprintf(format, key), at)
}

// checkValue checks one value against the operator's type.
func (v *validator) checkValue(op string, typ opType, l located) {
	s := l.n.str
	switch typ {
	case tDate:
		if isEpoch(s) {
			v.add(issueInvalidDateValue, fmt.Sprintf("The date %s might not resolve as expected. We recommend that you use the YYYY-MM-DD format.", s), l)
		} else if !isISODate(s) {
			v.add(issueTypeMismatchDate, "The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format.", l)
		}
	case tNumeric:
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			v.add(issueTypeMismatchNumber, fmt.Sprintf("Add a valid numeric value for the condition operator %s.", op), l)
		}
	case tBool, tNull:
		if !strings.EqualFold(s, "true") && !strings.EqualFold(s, "false") {
			v.add(issueTypeMismatchBoolean, fmt.Sprintf("Add a valid Boolean value (true or false) for the condition operator %s.", op), l)
		}
	case tIP:
		ip, network, err := net.ParseCIDR(s)
		switch {
		case err != nil && net.ParseIP(s) == nil:
			v.add(issueTypeMismatchIPRange, fmt.Sprintf("The condition operator %s is used with an invalid IP range value. Specify the IP range in standard CIDR format.", op), l)
		case err == nil && !ip.Equal(network.IP):
			v.add(issueImproveIPRange, fmt.Sprintf("The non-zero bits in the IP address after the masked bits are ignored. Replace address with %s.", network.IP), l)
		}
	case tBinary:
		if _, err := base64.StdEncoding.DecodeString(s); err != nil {
			v.add(issueTypeMismatchString, fmt.Sprintf("Add a valid base64-encoded string value for the condition operator %s.", op), l)
		}
	}
}

// isEpoch reports a date given as seconds since 1970.
func isEpoch(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isISODate reports an ISO 8601 date or date-time (W3C profile).
func isISODate(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", time.RFC3339, time.RFC3339Nano,
		"2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", "2006-01-02T15:04"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
