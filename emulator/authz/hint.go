package authz

import "strings"

// Hint is a sentence for a learner about a refusal that no policy decided:
// what the error code usually means in fakeaws and what to try. It is ""
// when there is nothing to add to AWS's own message.
func Hint(code, message string) string {
	switch code {
	case "InvalidAccessKeyId", "InvalidClientTokenId":
		return "The access key id is not known: it was never created, was deleted, belongs to another data directory (--data), or --strict-accounts is on and it is not in the config file. A 12-digit key id is the root of that account (secret \"test\")."
	case "SignatureDoesNotMatch":
		return "The key id is known but the signature is wrong: the secret access key does not belong to it (root keys' secret is \"test\"), or the request changed after it was signed."
	case "ExpiredToken":
		return "The session's temporary credentials have expired: assume the role (or get the session token) again."
	case "InvalidToken", "UnrecognizedClientException":
		return "The session token is malformed or does not belong to this access key id: copy AccessKeyId, SecretAccessKey and SessionToken from the same AssumeRole answer."
	case "IncompleteSignature", "AuthorizationHeaderMalformed", "AuthorizationQueryParametersError":
		return "The Authorization header or presigned query is malformed: check the credential scope (KEY/DATE/REGION/SERVICE/aws4_request)."
	case "PermanentRedirect":
		return "The bucket is in another Region than the one the request was signed for (x-amz-bucket-region names it): configure the client for that Region, or let it follow the redirect (aws-sdk-js-v3: followRegionRedirects: true; botocore and the AWS CLI follow it by themselves)."
	case "MissingAuthenticationToken":
		return "The request was not signed: this API needs credentials."
	case "NoSuchBucket":
		return "No bucket by that name exists. Bucket names are global across accounts and lowercase; an ARN like arn:aws:s3:::ACCOUNT/bucket names a bucket called ACCOUNT."
	case "NoSuchEntity":
		return "No IAM entity by that name exists in that account: check the account id, the name and the path."
	case "UnknownService":
		return "fakeaws does not serve this service; point only IAM, STS and S3 clients at it."
	case "AccessDenied":
		switch {
		case strings.Contains(message, "Roles may not be assumed by root accounts"):
			return "Root credentials cannot call AssumeRole, whatever the policies say: create an IAM user, give it access keys and an identity policy allowing sts:AssumeRole, and assume the role as that user."
		case strings.Contains(message, "sts:AssumeRole"):
			return "STS answers AccessDenied for a role that does not exist, so as not to reveal it: check the role ARN's account id, path and name."
		case strings.Contains(message, "Anonymous users cannot initiate multipart uploads"), strings.Contains(message, "Anonymous users cannot copy objects"):
			return "S3 refuses unsigned CreateMultipartUpload and CopyObject requests, whatever the bucket ACL or policy grants: sign the request. Unsigned, upload with a single PutObject (aws s3 cp --no-sign-request uses a multipart upload for files of 8 MB and more, and CopyObject between buckets)."
		}
	}
	return ""
}
