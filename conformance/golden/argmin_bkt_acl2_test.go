package golden

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's bucket_acl.rs the first replay (TestArgminBucketACL
// and TestArgminBucketACLGrants in argmin_test.go) left uncited: the
// grants a bucket ACL reads back after a canned ACL, an XML policy or
// grant headers at creation, what WRITE_ACP lets another account do, a
// grant to a canonical id no account has, and PutBucketAcl raced.

const bacl2AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers"

// bacl2Grants answers argminBkt's ACL as the primary user reads it, ids
// named by role: Owner, and Grants as "PERMISSION grantee" ("owner",
// "alt", or the group's last path element) sorted and joined with "; ".
func bacl2Grants(ctx context.Context, w *World, u *argminUsers) (any, error) {
	ownerID, altID, err := objIDs(ctx, w)
	if err != nil {
		return nil, err
	}
	out, err := primary(w, u).GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(argminBkt)})
	if err != nil {
		return out, err
	}
	role := func(g *types.Grantee) string {
		if g.URI != nil {
			return aws.ToString(g.URI)[strings.LastIndex(aws.ToString(g.URI), "/")+1:]
		}
		return map[string]string{ownerID: "owner", altID: "alt"}[aws.ToString(g.ID)]
	}
	var grants []string
	for _, g := range out.Grants {
		grants = append(grants, string(g.Permission)+" "+role(g.Grantee))
	}
	sort.Strings(grants)
	return objACLView{Owner: role(&types.Grantee{ID: out.Owner.ID}), Grants: strings.Join(grants, "; ")}, nil
}

// bacl2Policy sets argminBkt's ACL to the owner's FULL_CONTROL and group
// READ through an AccessControlPolicy.
func bacl2Policy(group string) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		ownerID, err := argminCanonicalID(ctx, root(w), argminBkt)
		if err != nil {
			return err
		}
		_, err = primary(w, u).PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(argminBkt), AccessControlPolicy: &types.AccessControlPolicy{
			Owner: &types.Owner{ID: aws.String(ownerID)}, Grants: []types.Grant{
				{Grantee: &types.Grantee{Type: types.TypeCanonicalUser, ID: aws.String(ownerID)}, Permission: types.PermissionFullControl},
				{Grantee: &types.Grantee{Type: types.TypeGroup, URI: aws.String(group)}, Permission: types.PermissionRead}}}})
		return err
	}
}

// bacl2HeaderGrants creates argminBkt as ObjectWriter with each grant
// header naming the alternate account (test_bucket_header_acl_grants).
func bacl2HeaderGrants(ctx context.Context, w *World, u *argminUsers) error {
	if err := argminAltBucketStep(ctx, w, nil); err != nil {
		return err
	}
	altID, err := argminCanonicalID(ctx, alt(w), argminAltBucket)
	if err != nil {
		return err
	}
	id := aws.String("id=" + altID)
	_, err = primary(w, u).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(argminBkt), ObjectOwnership: types.ObjectOwnershipObjectWriter,
		GrantRead: id, GrantWrite: id, GrantReadACP: id, GrantWriteACP: id, GrantFullControl: id})
	return err
}

// bacl2Raced is 50 concurrent PutBucketAcl public-read by the primary
// user: the answers that were neither 200 nor 409 OperationAborted, and
// how many succeeded.
type bacl2Raced struct {
	Unexpected string
	Succeeded  bool
}

func bacl2Race(ctx context.Context, w *World, u *argminUsers) (any, error) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var bad []string
	ok := 0
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := w.S3(u.primary).PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(argminBkt), ACL: types.BucketCannedACLPublicRead})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case !strings.Contains(err.Error(), "StatusCode: 409") || !strings.Contains(err.Error(), "OperationAborted"):
				bad = append(bad, err.Error())
			}
		}()
	}
	wg.Wait()
	return bacl2Raced{Unexpected: strings.Join(bad, "; "), Succeeded: ok > 0}, nil
}

func TestArgminBucketACLReadBack(t *testing.T) {
	src := func(test string) string { return argmin("bucket_acl.rs", test) }
	enabled := argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter))
	with := func(more ...argminStep) []argminStep { return append(enabled[:len(enabled):len(enabled)], more...) }
	grants := func(g string) Want { return Want{Fields: map[string]any{"Owner": "owner", "Grants": g}} }
	ownerOnly, publicRead := grants("FULL_CONTROL owner"), grants("FULL_CONTROL owner; READ AllUsers")
	authRead := grants("FULL_CONTROL owner; READ AuthenticatedUsers")
	altList := func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return alt(w).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(argminBkt)})
	}
	anonList := objAnonRaw("/"+argminBkt, nil)
	headerGrants := src("test_bucket_header_acl_grants")
	Run(t, []Case{
		argminCase("GetBucketAcl/a new bucket's", src("test_bucket_acl_default"), objBucket(), bacl2Grants, ownerOnly),
		argminCase("GetBucketAcl/after canned public-read", src("test_bucket_acl_canned_public_read"), with(argminBucketACL(types.BucketCannedACLPublicRead)),
			bacl2Grants, publicRead),
		argminCase("GetBucketAcl/after canned authenticated-read", src("test_bucket_acl_canned_authenticated_read"),
			with(argminBucketACL(types.BucketCannedACLAuthenticatedRead)), bacl2Grants, authRead),
		argminCase("ListObjectsV2/another account under authenticated-read", src("test_bucket_acl_canned_authenticated_read"),
			with(argminBucketACL(types.BucketCannedACLAuthenticatedRead)), altList, Want{}),
		argminCase("GetBucketAcl/after an XML READ for AuthenticatedUsers", src("test_bucket_acl_grant_authenticated_users_read_via_xml"),
			with(bacl2Policy(bktAuthUsers)), bacl2Grants, authRead),
		argminCase("ListObjectsV2/another account under an XML READ for AuthenticatedUsers", src("test_bucket_acl_grant_authenticated_users_read_via_xml"),
			with(bacl2Policy(bktAuthUsers)), altList, Want{}),
		argminCase("ListObjects/anonymous under an XML READ for AuthenticatedUsers", src("test_bucket_acl_grant_authenticated_users_read_via_xml"),
			with(bacl2Policy(bktAuthUsers)), anonList, Want{Status: http.StatusForbidden, Fields: map[string]any{"Elements.Code": "AccessDenied"}}),
		argminCase("GetBucketAcl/after an XML READ for AllUsers", src("test_put_bucket_acl_grant_all_users_read_via_xml"),
			with(bacl2Policy(bacl2AllUsers)), bacl2Grants, publicRead),
		argminCase("ListObjects/anonymous under an XML READ for AllUsers", src("test_put_bucket_acl_grant_all_users_read_via_xml"),
			with(bacl2Policy(bacl2AllUsers)), anonList, Want{Fields: map[string]any{"Body": Match("<ListBucketResult")}}),
		argminCase("GetBucketAcl/private over private", src("test_bucket_acl_canned_private_to_private"), with(argminBucketACL(types.BucketCannedACLPrivate)),
			bacl2Grants, ownerOnly),
		argminCase("GetBucketAcl/public-read before its revocation", src("test_bucket_acl_revoke_all"), with(argminBucketACL(types.BucketCannedACLPublicRead)),
			bacl2Grants, publicRead),
		argminCase("GetBucketAcl/public-read revoked by canned private", src("test_bucket_acl_revoke_all"),
			with(argminBucketACL(types.BucketCannedACLPublicRead), argminBucketACL(types.BucketCannedACLPrivate)), bacl2Grants, ownerOnly),
		argminCase("GetBucketAcl/grant headers at creation, no implicit owner grant", headerGrants, argminSteps(bacl2HeaderGrants), bacl2Grants,
			grants("FULL_CONTROL alt; READ alt; READ_ACP alt; WRITE alt; WRITE_ACP alt")),
		argminCase("GetBucketAcl/another account granted by headers at creation", headerGrants, argminSteps(bacl2HeaderGrants),
			func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				return alt(w).GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(argminBkt)})
			}, Want{}),
		argminCase("PutObject/another account granted by headers at creation", headerGrants, argminSteps(bacl2HeaderGrants),
			argminAltPutCall("granted-key", "granted-write"), Want{}),
		argminCase("PutBucketAcl/50 at once: each taken or 409 OperationAborted", src("test_bucket_concurrent_set_canned_acl"), enabled, bacl2Race,
			Want{Fields: map[string]any{"Unexpected": "", "Succeeded": true}}),
		argminCase("GetBucketAcl/after 50 PutBucketAcl at once", src("test_bucket_concurrent_set_canned_acl"), with(objIgnore(bacl2Race)), bacl2Grants, publicRead),
		argminCase("PutBucketAcl/a grant to a canonical id no account has", src("test_bucket_acl_grant_nonexist_user"), enabled,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				ownerID, err := argminCanonicalID(ctx, root(w), argminBkt)
				if err != nil {
					return nil, err
				}
				return primary(w, u).PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(argminBkt), AccessControlPolicy: &types.AccessControlPolicy{
					Owner: &types.Owner{ID: aws.String(ownerID)}, Grants: []types.Grant{{Grantee: &types.Grantee{Type: types.TypeCanonicalUser,
						ID: aws.String("nonexistent-canonical-id-that-does-not-exist")}, Permission: types.PermissionRead}}}})
			}, Want{Refused: true, Status: http.StatusBadRequest}),
	})
}

func TestArgminBucketACLWriteACP(t *testing.T) {
	src := argmin("bucket_acl.rs", "test_bucket_acl_grant_canonical_user_write_acp")
	b := aws.String(argminBkt)
	steps := argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter), argminGrantAlt(types.PermissionWriteAcp))
	Run(t, []Case{
		argminCase("HeadBucket/another account granted WRITE_ACP", src, steps, func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
			return alt(w).HeadBucket(ctx, &s3.HeadBucketInput{Bucket: b})
		}, Want{Status: http.StatusForbidden, Code: "Forbidden"}),
		argminCase("GetBucketAcl/another account granted WRITE_ACP", src, steps, func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
			return alt(w).GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: b})
		}, argminDenied),
		argminCase("PutObject/another account granted WRITE_ACP", src, steps, argminAltPutCall("alt-write-acp", "alt-write"), argminDenied),
		argminCase("PutBucketAcl/another account granted WRITE_ACP", src, steps, func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
			return alt(w).PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPrivate})
		}, Want{}),
	})
}
