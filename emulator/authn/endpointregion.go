package authn

import (
	"net"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// The signing Region of IAM and STS requests.
//
// AWS refuses a request whose credential scope names another Region than
// the endpoint it reached: IAM's one endpoint, iam.amazonaws.com, takes
// us-east-1 only, STS's global endpoint sts.amazonaws.com us-east-1 and a
// Regional one sts.REGION.amazonaws.com its REGION. fakeaws serves every
// Region on one address, and SDKs pointed at an endpoint override sign IAM
// and STS with their configured Region (the endpoint rules of
// aws-sdk-go-v2 service/iam and botocore name a signing Region only for
// AWS's own endpoints), so a request reaching fakeaws through an override
// (127.0.0.1:4566, localhost, any host not AWS's) is taken in any Region,
// as the contract promises. A request whose Host is AWS's own IAM or STS
// host name (a DNS or proxy set-up that sends AWS's host names to
// fakeaws) is held to that endpoint's Region, as the S3 handler reads a
// request on an AWS S3 host as that endpoint would (s3 reachedRegion).

// scopeRegionError is AWS's refusal of a credential scope naming another
// Region than the endpoint's, or nil when the scope's Region is the
// endpoint's or host is not one of AWS's IAM or STS host names.
func scopeRegionError(service, region, host string) error {
	want, ok := endpointRegion(service, canonicalHost(host))
	if !ok || region == want {
		return nil
	}
	return awserr.New("SignatureDoesNotMatch", http.StatusForbidden, scopeRegionMessage(service, region))
}

// scopeRegionMessage is AWS's wording. IAM names the Region refused:
// rusoto/rusoto#1870 (2020, the whole ErrorResponse: "Credential should be
// scoped to a valid region, not 'us-west-2'. "), JuliaCloud/AWS.jl#565
// (2022). STS named it too until 2019 (cognitect-labs/aws-api#27, 2018,
// the global endpoint; cloud-custodian/cloud-custodian#4874, 2019, a
// Regional one); its later answers do not (namecheap/node-vault-client#25,
// 2022, the ErrorResponse: "Credential should be scoped to a valid region.
// "; hashicorp/terraform-provider-aws#34865, 2023, a Regional endpoint).
func scopeRegionMessage(service, region string) string {
	if service == "iam" {
		return "Credential should be scoped to a valid region, not '" + region + "'. "
	}
	return "Credential should be scoped to a valid region. "
}

// endpointRegion is the Region the AWS endpoint host serves service in:
// us-east-1 for iam.amazonaws.com and sts.amazonaws.com, REGION for
// sts.REGION.amazonaws.com. ok is false for any other host.
func endpointRegion(service, host string) (string, bool) {
	switch service {
	case "iam":
		return "us-east-1", host == "iam.amazonaws.com"
	case "sts":
		if host == "sts.amazonaws.com" {
			return "us-east-1", true
		}
		rest, ok := strings.CutPrefix(host, "sts.")
		if !ok {
			return "", false
		}
		region, ok := strings.CutSuffix(rest, ".amazonaws.com")
		return region, ok && region != "" && !strings.Contains(region, ".")
	}
	return "", false
}

// canonicalHost is host in lower case, without a port or a final dot.
func canonicalHost(host string) string {
	host = strings.ToLower(host)
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return strings.TrimSuffix(host, ".")
}

// GlobalSTSHost reports whether host (a request's Host) is STS's global
// endpoint, sts.amazonaws.com, which does not serve every STS action
// (AssumeRoot: "The STS global endpoint is not supported for AssumeRoot").
func GlobalSTSHost(host string) bool {
	return canonicalHost(host) == "sts.amazonaws.com"
}
