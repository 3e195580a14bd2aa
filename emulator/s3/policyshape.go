package s3

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/netip"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/policyjson"
	"github.com/fakeaws/fakeaws/evaluator"
)

// The MalformedPolicy refusals S3 makes of a bucket policy beyond the
// evaluator's grammar, and the <Detail> element naming what it refused
// (justincormack/argmin crates/s3-tests/tests/bucket_policy.rs
// test_put_bucket_policy_malformed_response_shapes, asserted against AWS
// S3 in 2026): parse-level failures carry no Detail; an invalid action,
// resource or principal, or an action that applies to none of the
// statement's resources, is named in one.

const (
	msgStatementEmpty = "Could not parse the policy: Statement is empty!"
	msgPolicySyntax   = "Invalid policy syntax."
	msgInvalidIP      = "Invalid IP address in Conditions"
	msgInvalidBase64  = "Invalid Base64 value for binary condition"
)

// errMalformedDetail is MalformedPolicy msg with a <Detail> of detail.
func errMalformedDetail(msg, detail string) error {
	return errMalformedPolicy(msg).With("Detail", detail)
}

// emptyStatement reports whether doc's Statement is an empty list.
func emptyStatement(doc string) bool {
	var top struct{ Statement json.RawMessage }
	if json.Unmarshal([]byte(doc), &top) != nil {
		return false
	}
	var list []json.RawMessage
	return json.Unmarshal(top.Statement, &list) == nil && list != nil && len(list) == 0
}

// stringPrincipal reports whether a statement's Principal is a string
// other than "*", e.g. a bare account ARN: S3 refuses it as
// msgPolicySyntax rather than as an invalid principal.
func stringPrincipal(st rawStatement) bool {
	for _, raw := range []json.RawMessage{st.Principal, st.NotPrincipal} {
		var s string
		if len(raw) > 0 && json.Unmarshal(raw, &s) == nil && s != "*" {
			return true
		}
	}
	return false
}

// statementID is how S3 names a statement in a Detail: its Sid, or
// NO_ID-<index> without one.
func statementID(doc string, i int) string {
	var top struct {
		Statement []struct{ Sid string }
	}
	if json.Unmarshal([]byte(doc), &top) == nil && i < len(top.Statement) && top.Statement[i].Sid != "" {
		return top.Statement[i].Sid
	}
	return fmt.Sprintf("NO_ID-%d", i)
}

// invalidPrincipalDetail names the first principal of st the evaluator
// refuses on its own, as S3's Detail writes it (`"AWS" : "ARN"`); "" when
// none is refused alone.
func invalidPrincipalDetail(st rawStatement) string {
	for _, raw := range []json.RawMessage{st.Principal, st.NotPrincipal} {
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) != nil {
			continue
		}
		for kind, vals := range m {
			for _, v := range policyjson.Strings(vals) {
				p, _ := json.Marshal(map[string]string{kind: v})
				doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":` + string(p) +
					`,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`
				if _, err := evaluator.Parse(doc, evaluator.KindResource); err != nil {
					return fmt.Sprintf("%q : %q", kind, v)
				}
			}
		}
	}
	return ""
}

// checkConditionValues refuses IP address and binary condition values S3
// cannot read.
func checkConditionValues(cond map[string]map[string]json.RawMessage) error {
	for op, keys := range cond {
		base := op
		if _, after, ok := strings.Cut(base, ":"); ok {
			base = after // ForAnyValue:, ForAllValues:
		}
		base = strings.TrimSuffix(base, "IfExists")
		for _, raw := range keys {
			for _, v := range policyjson.Strings(raw) {
				switch base {
				case "IpAddress", "NotIpAddress":
					if !validIPValue(v) {
						return errMalformedPolicy(msgInvalidIP)
					}
				case "BinaryEquals":
					if !validBase64(v) {
						return errMalformedPolicy(msgInvalidBase64)
					}
				}
			}
		}
	}
	return nil
}

func validIPValue(v string) bool {
	if _, err := netip.ParsePrefix(v); err == nil {
		return true
	}
	_, err := netip.ParseAddr(v)
	return err == nil
}

func validBase64(v string) bool {
	if _, err := base64.StdEncoding.DecodeString(v); err == nil {
		return true
	}
	_, err := base64.RawStdEncoding.DecodeString(v)
	return err == nil
}
