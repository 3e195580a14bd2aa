package accessanalyzer

import (
	"fmt"
	"strings"
)

// The Region checks of AWS's "IAM policy validation check reference":
// INVALID_ARN_REGION for a resource ARN and INVALID_REGION for an
// aws:RequestedRegion value naming no AWS Region.

// awsRegions are AWS's Regions in every partition ("AWS Regions",
// https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html;
// the commercial ones are also those S3 accepts, emulator/s3's
// knownRegions).
var awsRegions = map[string]bool{
	"us-east-1": true, "us-east-2": true, "us-west-1": true, "us-west-2": true,
	"af-south-1": true, "ap-east-1": true, "ap-east-2": true, "ap-south-1": true, "ap-south-2": true,
	"ap-southeast-1": true, "ap-southeast-2": true, "ap-southeast-3": true, "ap-southeast-4": true,
	"ap-southeast-5": true, "ap-southeast-6": true, "ap-southeast-7": true,
	"ap-northeast-1": true, "ap-northeast-2": true, "ap-northeast-3": true,
	"ca-central-1": true, "ca-west-1": true,
	"eu-central-1": true, "eu-central-2": true, "eu-west-1": true, "eu-west-2": true, "eu-west-3": true,
	"eu-south-1": true, "eu-south-2": true, "eu-north-1": true,
	"il-central-1": true, "me-south-1": true, "me-central-1": true, "mx-central-1": true, "sa-east-1": true,
	"us-gov-east-1": true, "us-gov-west-1": true, "cn-north-1": true, "cn-northwest-1": true,
	"us-iso-east-1": true, "us-iso-west-1": true, "us-isob-east-1": true, "us-isob-west-1": true,
	"eu-isoe-west-1": true, "us-isof-south-1": true, "us-isof-east-1": true, "eusc-de-east-1": true,
}

// checkARNRegion reports a resource ARN's Region that is no AWS Region
// (wildcards and variables are not judged).
func (v *validator) checkARNRegion(r located, region string) {
	if region == "" || wild(region) || awsRegions[region] {
		return
	}
	v.add(issueInvalidARNRegion, fmt.Sprintf("The Region %s is not valid for this resource. Update the resource ARN to include a supported Region.", region), r)
}

// checkRequestedRegion reports an aws:RequestedRegion value given to a
// String operator that names no AWS Region.
func (v *validator) checkRequestedRegion(typ opType, key string, l located) {
	if typ != tString || key != "aws:requestedregion" || wild(l.n.str) || awsRegions[strings.ToLower(l.n.str)] {
		return
	}
	v.add(issueInvalidRegion, fmt.Sprintf("The Region %s is not valid. Update the condition value to a supported Region.", l.n.str), l)
}
