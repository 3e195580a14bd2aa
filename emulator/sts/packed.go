package sts

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// AWS packs the session policy, the managed session policy ARNs and the
// session tags into a binary form with a limit of its own and reports the
// share used as PackedPolicySize, in percent. The packing is not
// published; these budgets are fitted to the values AWS reported:
//   - GetFederationToken with the AWS CLI example's myfile.json (366
//     characters without white space) and AmazonS3ReadOnlyAccess's ARN (46
//     characters): 36 (aws/aws-cli awscli/examples/sts/get-federation-token.rst);
//   - GetFederationToken with a one-statement "Allow S3" policy: 5 (a user's
//     recorded CLI output);
//   - AssumeRole with the six EKS Pod Identity session tags (261 characters
//     of keys and values): 74 (aws/containers-roadmap#2413, from CloudTrail).
//
// Policy text packs densely; ARNs and tag keys and values take about four
// times as much space per character.
const (
	packedPolicyChars = 1620 // characters of policy text (without white space) filling the space
	packedTextChars   = 355  // characters of ARNs or tag keys and values filling the space
)

// packedPolicySize is the PackedPolicySize element of a request passing sp
// and tags: nil when it passes none, PackedPolicyTooLarge past 100%. The
// policies and the tags have separate limits, as AWS's two messages say
// (https://repost.aws/knowledge-center/iam-role-aws-sts-error); the element
// reports both combined.
func packedPolicySize(sp sessionPolicies, tags [][2]string) (*int, error) {
	if sp.policy == "" && len(sp.arns) == 0 && len(tags) == 0 {
		return nil, nil
	}
	policies, tagShare := packedShares(sp.policy, sp.arns, tags)
	if t := percent(tagShare); t > 100 {
		return nil, awserr.Newf("PackedPolicyTooLarge", http.StatusBadRequest,
			"Packed size of session tags consumes %d%% of allotted space.", t)
	}
	total := percent(policies + tagShare)
	if total > 100 {
		return nil, awserr.Newf("PackedPolicyTooLarge", http.StatusBadRequest,
			"Packed policy consumes %d%% of allotted space, please use smaller policy for request.", total)
	}
	return &total, nil
}

// packedShares is the fraction of the packed space the policies (inline
// policy and managed policy ARNs) and the session tags use.
func packedShares(policy string, arns []string, tags [][2]string) (policies, tagShare float64) {
	if policy != "" {
		n := len(policy)
		var compact bytes.Buffer
		if json.Compact(&compact, []byte(policy)) == nil {
			n = compact.Len()
		}
		policies += float64(n) / packedPolicyChars
	}
	for _, a := range arns {
		policies += float64(len(a)) / packedTextChars
	}
	for _, t := range tags {
		tagShare += float64(len(t[0])+len(t[1])) / packedTextChars
	}
	return policies, tagShare
}

// percent rounds a share to a whole percentage, at least 1 for any use.
func percent(share float64) int {
	if share <= 0 {
		return 0
	}
	return max(1, int(math.Round(share*100)))
}
