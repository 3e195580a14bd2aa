package accessanalyzer

// The inputs for the policies fakeaws stores, so `fakeaws lint --account`
// and the console's /_fakeaws/world check each kind of stored policy the
// same way: identity policies (inline, customer and AWS managed,
// permissions boundaries) as IDENTITY_POLICY, role trust policies and
// bucket policies as RESOURCE_POLICY with their resource type.

// S3BucketResourceType is the validatePolicyResourceType of bucket
// policies.
const S3BucketResourceType = "AWS::S3::Bucket"

// TrustResourceType is the validatePolicyResourceType of role trust
// policies.
const TrustResourceType = trustPolicyType

// IdentityInput is how a stored identity policy (inline, managed or a
// permissions boundary) is validated.
func IdentityInput(doc string, w World) Input {
	return Input{Document: doc, Type: IdentityPolicy, World: w}
}

// TrustInput is how a role's stored trust policy is validated.
func TrustInput(doc string, w World) Input {
	return Input{Document: doc, Type: ResourcePolicy, ResourceType: TrustResourceType, World: w}
}

// BucketInput is how a stored bucket policy is validated.
func BucketInput(doc string, w World) Input {
	return Input{Document: doc, Type: ResourcePolicy, ResourceType: S3BucketResourceType, World: w}
}
