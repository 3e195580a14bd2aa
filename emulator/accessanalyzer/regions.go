package accessanalyzer

import (
	"fmt"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/regions"
)

// The Region checks of AWS's "IAM policy validation check reference":
// INVALID_ARN_REGION for a resource ARN and INVALID_REGION for an
// aws:RequestedRegion value naming no AWS Region.

// checkARNRegion reports a resource ARN's Region that is no AWS Region
// (wildcards and variables are not judged).
func (v *validator) checkARNRegion(r located, region string) {
	if region == "" || wild(region) || regions.Any(region) {
		return
	}
	v.add(issueInvalidARNRegion, fmt.Sprintf("The Region %s is not valid for this resource. Update the resource ARN to include a supported Region.", region), r)
}

// checkRequestedRegion reports an aws:RequestedRegion value given to a
// String operator that names no AWS Region.
func (v *validator) checkRequestedRegion(typ opType, key string, l located) {
	if typ != tString || key != "aws:requestedregion" || wild(l.n.str) || regions.Any(strings.ToLower(l.n.str)) {
		return
	}
	v.add(issueInvalidRegion, fmt.Sprintf("The Region %s is not valid. Update the condition value to a supported Region.", l.n.str), l)
}
