package organizations

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
)

// This file holds pagination: the List operations take MaxResults (1..20,
// the model's bounds) and NextToken, and answer at most MaxResults items
// with a NextToken while more remain. Tokens are fakeaws's own: the offset
// of the next item, opaque to clients.

// pagedLists names each List operation's list member.
var pagedLists = map[string]string{
	"ListAWSServiceAccessForOrganization": "EnabledServicePrincipals",
	"ListAccounts":                        "Accounts",
	"ListAccountsForParent":               "Accounts",
	"ListChildren":                        "Children",
	"ListCreateAccountStatus":             "CreateAccountStatuses",
	"ListDelegatedAdministrators":         "DelegatedAdministrators",
	"ListDelegatedServicesForAccount":     "DelegatedServices",
	"ListHandshakesForAccount":            "Handshakes",
	"ListHandshakesForOrganization":       "Handshakes",
	"ListOrganizationalUnitsForParent":    "OrganizationalUnits",
	"ListParents":                         "Parents",
	"ListPolicies":                        "Policies",
	"ListPoliciesForTarget":               "Policies",
	"ListRoots":                           "Roots",
	"ListTagsForResource":                 "Tags",
	"ListTargetsForPolicy":                "Targets",
}

// page is a List request's MaxResults and the offset its NextToken names.
type page struct {
	max, offset int
}

const tokenPrefix = "fakeaws:"

// pageOf reads MaxResults and NextToken from a List operation's input,
// refusing a MaxResults outside 1..20 (MIN_VALUE_EXCEEDED /
// MAX_VALUE_EXCEEDED) and a token fakeaws did not issue
// (INVALID_NEXT_TOKEN).
func pageOf(input []byte) (page, error) {
	var in struct {
		MaxResults *int    `json:"MaxResults"`
		NextToken  *string `json:"NextToken"`
	}
	p := page{}
	if len(input) == 0 || json.Unmarshal(input, &in) != nil {
		return p, nil // the operation's own decoding reports a bad body
	}
	if in.MaxResults != nil {
		switch {
		case *in.MaxResults < 1:
			return p, errInvalidInput("MIN_VALUE_EXCEEDED", "You provided a numeric parameter that has a smaller value than allowed.")
		case *in.MaxResults > 20:
			return p, errInvalidInput("MAX_VALUE_EXCEEDED", "You provided a numeric parameter that has a larger value than allowed.")
		}
		p.max = *in.MaxResults
	}
	if in.NextToken != nil {
		raw, err := base64.RawURLEncoding.DecodeString(*in.NextToken)
		n, perr := strconv.Atoi(strings.TrimPrefix(string(raw), tokenPrefix))
		if err != nil || perr != nil || !strings.HasPrefix(string(raw), tokenPrefix) || n < 0 {
			return p, errInvalidInput("INVALID_NEXT_TOKEN", "You specified an invalid value for the nextToken parameter.")
		}
		p.offset = n
	}
	return p, nil
}

// apply cuts out[key] (a slice) to the page and sets NextToken when more
// items remain.
func (p page) apply(out any, key string) any {
	m, ok := out.(map[string]any)
	if !ok || (p.max == 0 && p.offset == 0) {
		return out
	}
	v := reflect.ValueOf(m[key])
	if v.Kind() != reflect.Slice {
		return out
	}
	start := min(p.offset, v.Len())
	end := v.Len()
	if p.max > 0 && start+p.max < end {
		end = start + p.max
		m["NextToken"] = base64.RawURLEncoding.EncodeToString([]byte(tokenPrefix + strconv.Itoa(end)))
	}
	m[key] = v.Slice(start, end).Interface()
	return m
}
