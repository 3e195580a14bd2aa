// Package principals resolves the IAM users and roles that trust policies
// and bucket policies name. IAM and S3 check that each named user or role
// exists when a policy is saved and remember its unique id (AIDA…, AROA…);
// when the entity is later deleted, or deleted and re-created under the same
// name, the stored policy shows the old unique id instead of the ARN, and it
// no longer grants anything to the new entity
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
// iam, sts and s3 all use it, so none of them imports another.
package principals
