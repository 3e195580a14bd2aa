package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's versioning_acl.rs: a versioned ObjectWriter bucket,
// three versions of "xyz" (content-0 to content-2), and an object ACL
// granting the alternate account READ on one version, or on the current
// one when PutObjectAcl names none.

// grantAltRead sets the ACL of the version of key named name ("" the
// current one) to the owner's FULL_CONTROL and the alternate account's
// READ, as the primary user.
func (v *vrState) grantAltRead(key, name string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		ownerID, altID, err := objIDs(ctx, w)
		if err != nil {
			return nil, err
		}
		grant := func(id string, p types.Permission) types.Grant {
			return types.Grant{Grantee: &types.Grantee{Type: types.TypeCanonicalUser, ID: aws.String(id)}, Permission: p}
		}
		in := &s3.PutObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String(key), AccessControlPolicy: &types.AccessControlPolicy{
			Owner: &types.Owner{ID: aws.String(ownerID)}, Grants: []types.Grant{grant(ownerID, types.PermissionFullControl), grant(altID, types.PermissionRead)}}}
		if name != "" {
			in.VersionId = aws.String(v.id(key, name))
		}
		return primary(w, u).PutObjectAcl(ctx, in)
	}
}

func TestArgminVersionedObjectACL(t *testing.T) {
	src := func(test string) string { return argmin("versioning_acl.rs", test) }
	// setup_versioned_acl_bucket, three versions, then the grant.
	granted := func(v *vrState, name string) []argminStep {
		return objBucket(func(ctx context.Context, w *World, _ *argminUsers) error {
			_, err := root(w).PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String(argminBkt),
				OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipObjectWriter}}}})
			return err
		}, vrStatus(types.BucketVersioningStatusEnabled), objStep(v.puts("xyz", 3)), objStep(v.grantAltRead("xyz", name)))
	}
	read := func(test, name, grant, version string, want Want) Case {
		return vrCase(name, src(test), func(v *vrState) ([]argminStep, objCall) {
			return granted(v, grant), v.get(altClient, "xyz", version)
		}, want)
	}
	Run(t, []Case{
		vrCase("GetObjectAcl/the owner is a canonical id", src("test_versioned_object_acl"), func(v *vrState) ([]argminStep, objCall) {
			return granted(v, "v1"), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String("xyz")})
			}
		}, Want{Fields: map[string]any{"Owner.ID": Match(`^[0-9a-f]{64}$`)}}),
		read("test_versioned_object_acl", "GetObject/another account reads the version granted READ", "v1", "v1", objBodyIs("content-1")),
		read("test_versioned_object_acl", "GetObject/not the current version, by id", "v1", "v2", argminDenied),
		read("test_versioned_object_acl", "GetObject/not an older version", "v1", "v0", argminDenied),
		read("test_versioned_object_acl", "GetObject/not the current version, without a version id", "v1", "", argminDenied),
		read("test_versioned_object_acl_no_version_specified", "GetObject/the current version PutObjectAcl granted without a version id", "", "", objBodyIs("content-2")),
		read("test_versioned_object_acl_no_version_specified", "GetObject/that version by id", "", "v2", objBodyIs("content-2")),
		read("test_versioned_object_acl_no_version_specified", "GetObject/not an older version, after a grant without a version id", "", "v0", argminDenied),
	})
}
