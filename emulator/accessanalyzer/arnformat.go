package accessanalyzer

import (
	awsarn "github.com/aws/aws-sdk-go-v2/aws/arn"

	"fmt"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
)

// The ARN format checks of AWS's "IAM policy validation check reference"
// on Resource and NotResource entries: the arn prefix, the six fields,
// the partition, the service's case, the account ID, and, for the services
// the catalogue knows, whether the service's ARNs carry a Region and an
// account and which IAM resource types exist.

// partitions are AWS's partitions
// (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html).
var partitions = []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}

// s3RegionalTypes are the S3 resource types whose ARNs carry a Region or
// an account (access points, Batch Operations jobs, Storage Lens, Access
// Grants, Multi-Region Access Point requests); bucket and object ARNs
// carry neither (list_amazons3.html, "Resource types").
var s3RegionalTypes = []string{"accesspoint/", "job/", "storage-lens/", "storage-lens-group/", "access-grants/", "async-request/"}

// iamResourceTypes are IAM's resource types
// (list_awsidentityandaccessmanagementiam.html, "Resource types").
var iamResourceTypes = map[string]bool{"root": true, "user": true, "group": true, "role": true, "policy": true,
	"instance-profile": true, "mfa": true, "sms-mfa": true, "oidc-provider": true, "saml-provider": true,
	"server-certificate": true, "access-report": true, "u2f": true, "delegation-request": true}

// wild reports a pattern part the checks cannot judge.
func wild(s string) bool { return strings.ContainsAny(s, "*?") || strings.Contains(s, "${") }

// checkARN checks the format of one Resource or NotResource entry.
func (v *validator) checkARN(r located) {
	s := r.n.str
	if s == "*" || strings.HasPrefix(s, "${") {
		return
	}
	if !strings.HasPrefix(s, "arn:") {
		if first, _, _ := strings.Cut(s, ":"); !wild(first) {
			v.add(issueARNPrefix, "Add the required prefix (arn) to the resource ARN.", r)
		}
		return
	}
	a, err := awsarn.Parse(s)
	if err != nil {
		v.add(issueMissingARNField, "Resource ARNs must include at least 6 fields in the following structure: arn:partition:service:region:account:resource", r)
		return
	}
	partition, service, region, account, res := a.Partition, a.Service, a.Region, a.AccountID, a.Resource
	v.checkServiceWildcard(service, r)
	if !wild(partition) && !contains(partitions, partition) {
		v.add(issueInvalidPartition, fmt.Sprintf("The resource ARN for the service %s does not support the partition %s. Use the supported values: %s",
			service, partition, strings.Join(partitions, ", ")), r)
	}
	if service != strings.ToLower(service) {
		v.add(issueARNServiceCase, fmt.Sprintf("Update the service name %s in the resource ARN to use all lowercase letters.", service), r)
	}
	if account != "" && account != "aws" && !wild(account) && !arns.IsAccountID(account) {
		v.add(issueInvalidARNAccount, fmt.Sprintf("The resource ARN account ID %s is not valid. Provide a 12-digit account ID.", account), r)
	}
	if v.in.Type == ResourcePolicy && v.in.ResourceType == S3BucketResourceType && !wild(service) && service != "s3" {
		// A bucket policy governs the bucket and its objects only: a KMS
		// key or an IAM role named there is another service's resource.
		v.add(issueUnsupportedResourceARN, fmt.Sprintf("The resource ARN is not supported for the resource-based policy attached to the resource type %s.",
			S3BucketResourceType), r)
	}
	v.checkServiceARN(r, service, region, account, res)
}

// checkServiceARN checks the Region, account and resource type of the ARN
// of a catalogued service.
func (v *validator) checkServiceARN(r located, service, region, account, res string) {
	switch service {
	case "s3":
		for _, t := range s3RegionalTypes {
			if strings.HasPrefix(res, t) {
				v.checkARNRegion(r, region)
				return
			}
		}
		if region != "" {
			v.add(issueARNRegionNot, "The service s3 does not support specifying a Region in the resource ARN.", r)
		}
		if account != "" {
			v.add(issueARNAccountNot, "The service s3 does not support specifying an account ID in the resource ARN.", r)
		}
	case "iam", "sts", "organizations":
		if region != "" {
			v.add(issueARNRegionNot, fmt.Sprintf("The service %s does not support specifying a Region in the resource ARN.", service), r)
		}
		if service != "iam" {
			return
		}
		typ, _, _ := strings.Cut(res, "/")
		if !wild(typ) && !iamResourceTypes[typ] {
			v.add(issueInvalidARNRes, "Resource ARN does not match the expected ARN format. Update the resource portion of the ARN.", r)
		}
	case "access-analyzer":
		if region == "" {
			v.add(issueMissingARNRegion, "Add a Region to the access-analyzer resource ARN.", r)
		}
		v.checkARNRegion(r, region)
	default:
		v.checkARNRegion(r, region)
	}
}

// malformedARN reports a Resource entry checkARN refuses for its prefix or
// its number of fields.
func malformedARN(s string) bool {
	return s != "*" && !strings.HasPrefix(s, "${") && (!strings.HasPrefix(s, "arn:") || strings.Count(s, ":") < 5)
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
