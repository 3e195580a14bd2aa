package golden

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

const (
	objAllUsers  = "http://acs.amazonaws.com/groups/global/AllUsers"
	objAuthUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
	// objExecRead is the canonical id aws-exec-read grants READ to
	// (object_crud_acl.rs AWS_EXEC_READ_CANONICAL_ID).
	objExecRead = "6aa5a366c34c1cbe25dc49211496e913e0351eb0e8c37aa3477e40942ec6b97c"
)

// objIDs are the canonical ids of the owner's and the alternate
// account's, read from bucket ACLs (the alternate's own bucket is made
// when missing).
func objIDs(ctx context.Context, w *World) (ownerID, altID string, err error) {
	if ownerID, err = argminCanonicalID(ctx, root(w), argminBkt); err != nil {
		return "", "", err
	}
	_, _ = alt(w).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(argminAltBucket)})
	altID, err = argminCanonicalID(ctx, alt(w), argminAltBucket)
	return ownerID, altID, err
}

// objACLView is an object ACL with canonical ids named by role ("owner",
// "alt", "exec-read") and URIs by group ("AllUsers"): Owner, and Grants
// as "PERMISSION grantee" sorted and joined with "; ".
type objACLView struct{ Owner, Grants string }

func objACLOf(c objClient, key string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		ownerID, altID, err := objIDs(ctx, w)
		if err != nil {
			return nil, err
		}
		acl, err := c(w, u).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		if err != nil {
			return acl, err
		}
		role := func(id string) string {
			switch id {
			case ownerID:
				return "owner"
			case altID:
				return "alt"
			case objExecRead:
				return "exec-read"
			}
			return "id:" + id
		}
		view := objACLView{}
		if acl.Owner != nil {
			view.Owner = role(aws.ToString(acl.Owner.ID))
		}
		var grants []string
		for _, g := range acl.Grants {
			who := "?"
			if g.Grantee != nil && g.Grantee.URI != nil {
				who = strings.TrimPrefix(aws.ToString(g.Grantee.URI), "http://acs.amazonaws.com/groups/global/")
			} else if g.Grantee != nil {
				who = role(aws.ToString(g.Grantee.ID))
			}
			grants = append(grants, string(g.Permission)+" "+who)
		}
		sort.Strings(grants)
		view.Grants = strings.Join(grants, "; ")
		return view, nil
	}
}

// objGrants wants exactly grants (sorted as objACLView sorts them).
func objGrants(grants ...string) Want {
	sort.Strings(grants)
	return Want{Fields: map[string]any{"Grants": strings.Join(grants, "; ")}}
}

// objHasGrant wants grant among others.
func objHasGrant(grant string) Want {
	return Want{Fields: map[string]any{"Grants": Match(`(^|; )` + grant + `($|; )`)}}
}

// objSetACL sets key's ACL as the owner's root: the owner as Owner, and
// grants given as "PERMISSION role" (roles as objACLView names them).
func objSetACL(key string, grants ...string) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := objPutACLCall(rootClient, key, grants...)(ctx, w, nil)
		return err
	}
}

func objPutACLCall(c objClient, key string, grants ...string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		ownerID, altID, err := objIDs(ctx, w)
		if err != nil {
			return nil, err
		}
		ids := map[string]string{"owner": ownerID, "alt": altID}
		var list []types.Grant
		for _, g := range grants {
			perm, who, _ := strings.Cut(g, " ")
			list = append(list, types.Grant{Permission: types.Permission(perm),
				Grantee: &types.Grantee{Type: types.TypeCanonicalUser, ID: aws.String(ids[who])}})
		}
		return c(w, u).PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String(key),
			AccessControlPolicy: &types.AccessControlPolicy{Owner: &types.Owner{ID: aws.String(ownerID)}, Grants: list}})
	}
}

// objGrantHeaders writes key with body as the primary user and grant
// headers naming roles: {"X-Amz-Grant-Read": "alt"}; a value starting
// with uri= is sent as is.
func objGrantHeaders(write func(ctx context.Context, w *World, u *argminUsers, h http.Header) (any, error), grants map[string]string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		ownerID, altID, err := objIDs(ctx, w)
		if err != nil {
			return nil, err
		}
		ids := map[string]string{"owner": ownerID, "alt": altID}
		h := http.Header{}
		for name, who := range grants {
			if strings.HasPrefix(who, "uri=") {
				h.Set(name, who)
				continue
			}
			h.Set(name, fmt.Sprintf("id=%q", ids[who]))
		}
		return write(ctx, w, u, h)
	}
}

func objSignedPut(path, body string) func(ctx context.Context, w *World, u *argminUsers, h http.Header) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers, h http.Header) (any, error) {
		resp, err := w.Signed(ctx, u.primary, http.MethodPut, path, []byte(body), h)
		if err == nil && resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			return nil, fmt.Errorf("PUT %s: %s", path, resp.Status)
		}
		return resp, err
	}
}

func objAnonGet(key string) objCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		r, err := http.NewRequestWithContext(ctx, http.MethodGet, w.Endpoint+objKeyPath(key), nil)
		if err != nil {
			return nil, err
		}
		return w.HTTP.Do(r)
	}
}

func TestArgminObjACL(t *testing.T) {
	src := func(test string) string { return argmin("object_crud_acl.rs", test) }
	aclBucket := func(extra ...argminStep) []argminStep {
		return objACLBucket(types.ObjectOwnershipObjectWriter, append([]argminStep{argminPut("foo", "bar", "")}, extra...)...)
	}
	writerPABOn := argminSteps(argminBucket(false, types.ObjectOwnershipObjectWriter), argminPut("foo", "bar", ""))
	putACL := func(acl types.ObjectCannedACL) argminStep {
		return objStep(func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String("foo"), ACL: acl})
		})
	}
	acl := objACLOf(primary, "foo")
	publicWrite := objACLBucket(types.ObjectOwnershipBucketOwnerPreferred, argminBucketACL(types.BucketCannedACLPublicReadWrite), argminAltPut("foo", "bar"))
	altPutACL := func(acl types.ObjectCannedACL) argminStep {
		return objStep(func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
			return alt(w).PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String("foo"), ACL: acl})
		})
	}
	Run(t, []Case{
		argminCase("GetObjectAcl/the default ACL", src("test_object_acl_default"), objBucket(argminPut("foo", "bar", "")), acl, objGrants("FULL_CONTROL owner")),
		argminCase("GetObjectAcl/public-read set at creation", src("test_object_acl_canned_during_create"),
			objACLBucket(types.ObjectOwnershipObjectWriter, argminPut("foo", "bar", types.ObjectCannedACLPublicRead)), acl,
			objGrants("READ AllUsers", "FULL_CONTROL owner")),
		argminCase("GetObjectAcl/private set by PutObjectAcl", src("test_put_object_acl_canned_private_round_trip"),
			append(writerPABOn, putACL(types.ObjectCannedACLPrivate)), acl, objGrants("FULL_CONTROL owner")),
		argminCase("GetObjectAcl/public-read-write set by PutObjectAcl", src("test_put_object_acl_canned_public_read_write_round_trip"),
			aclBucket(putACL(types.ObjectCannedACLPublicReadWrite)), acl, objGrants("READ AllUsers", "WRITE AllUsers", "FULL_CONTROL owner")),
		argminCase("GetObject/unsigned, of a public-read-write object", src("test_put_object_acl_canned_public_read_write_round_trip"),
			aclBucket(putACL(types.ObjectCannedACLPublicReadWrite)), objAnonGet("foo"), Want{}),
		argminCase("GetObjectAcl/authenticated-read set by PutObjectAcl", src("test_put_object_acl_canned_authenticated_read_round_trip"),
			aclBucket(putACL(types.ObjectCannedACLAuthenticatedRead)), acl, objGrants("READ AuthenticatedUsers", "FULL_CONTROL owner")),
		argminCase("GetObject/another account, of an authenticated-read object", src("test_put_object_acl_canned_authenticated_read_round_trip"),
			aclBucket(putACL(types.ObjectCannedACLAuthenticatedRead)), objGet(altClient, "foo", nil), objBodyIs("bar")),
		argminCase("GetObjectAcl/aws-exec-read set at creation", src("test_object_acl_canned_aws_exec_read_during_create"),
			objACLBucket(types.ObjectOwnershipObjectWriter, argminPut("foo", "bar", types.ObjectCannedACLAwsExecRead)), acl,
			objGrants("READ exec-read", "FULL_CONTROL owner")),
		argminCase("GetObjectAcl/aws-exec-read set by PutObjectAcl", src("test_put_object_acl_canned_aws_exec_read_round_trip"),
			aclBucket(putACL(types.ObjectCannedACLAwsExecRead)), acl, objGrants("READ exec-read", "FULL_CONTROL owner")),
		argminCase("GetObjectAcl/bucket-owner-read set by the writer", src("test_put_object_acl_canned_bucket_owner_read_round_trip"),
			append(publicWrite, altPutACL(types.ObjectCannedACLBucketOwnerRead)), objACLOf(altClient, "foo"), objGrants("FULL_CONTROL alt", "READ owner")),
		argminCase("GetObjectAcl/bucket-owner-full-control set by the writer", src("test_put_object_acl_canned_bucket_owner_full_control_round_trip"),
			append(publicWrite, altPutACL(types.ObjectCannedACLBucketOwnerFullControl)), objACLOf(altClient, "foo"), objGrants("FULL_CONTROL alt", "FULL_CONTROL owner")),
		argminCase("GetObjectAcl/the bucket owner, of a bucket-owner-full-control object", src("test_put_object_acl_canned_bucket_owner_full_control_round_trip"),
			append(publicWrite, altPutACL(types.ObjectCannedACLBucketOwnerFullControl)), acl, Want{Fields: map[string]any{"Owner": "alt"}}),
		argminCase("GetObjectAcl/another account granted FULL_CONTROL reads the ACL", src("test_put_object_acl_full_control_verify_attributes"),
			append(writerPABOn, objSetACL("foo", "FULL_CONTROL owner", "FULL_CONTROL alt")), objACLOf(altClient, "foo"),
			objGrants("FULL_CONTROL owner", "FULL_CONTROL alt")),
		argminCase("GetObject/another account granted FULL_CONTROL reads the object", src("test_put_object_acl_full_control_verify_attributes"),
			append(writerPABOn, objSetACL("foo", "FULL_CONTROL owner", "FULL_CONTROL alt")), objGet(altClient, "foo", nil), objBodyIs("bar")),
		argminCase("PutObjectAcl/a canned ACL and grant headers together", src("test_put_object_acl_rejects_canned_acl_with_explicit_grant_headers"),
			aclBucket(), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return w.Signed(ctx, u.primary, http.MethodPut, objKeyPath("foo")+"?acl", []byte{}, http.Header{"X-Amz-Acl": {"private"},
					"X-Amz-Grant-Read": {`uri="` + objAuthUsers + `"`}})
			}, Want{Status: http.StatusBadRequest, Code: "InvalidRequest", Message: "Specifying both Canned ACLs and Header Grants is not allowed"}),
		argminCase("GetObjectAcl/an explicit ACL without the owner gives the owner nothing", src("test_put_object_acl_explicit_grants_do_not_add_owner_full_control"),
			aclBucket(objSetACL("foo", "FULL_CONTROL alt")), acl, objGrants("FULL_CONTROL alt")),
		argminCase("GetObjectAcl/another account granted FULL_CONTROL alone", src("test_put_object_acl_explicit_grants_do_not_add_owner_full_control"),
			aclBucket(objSetACL("foo", "FULL_CONTROL alt")), objACLOf(altClient, "foo"), objGrants("FULL_CONTROL alt")),
		argminCase("GetObjectAcl/x-amz-grant-write set by PutObjectAcl", src("test_put_object_acl_grant_write_header_persists_write_grant"),
			aclBucket(objStep(objGrantHeaders(func(ctx context.Context, w *World, u *argminUsers, h http.Header) (any, error) {
				return objSignedPut(objKeyPath("foo")+"?acl", "")(ctx, w, u, h)
			}, map[string]string{"X-Amz-Grant-Write": "owner"}))), acl, objHasGrant("WRITE owner")),
		argminCase("GetObjectAcl/a WRITE grant set by PutObjectAcl XML", src("test_put_object_acl_grant_write_xml_persists_write_grant"),
			aclBucket(objSetACL("foo", "WRITE alt")), acl, objHasGrant("WRITE alt")),
	})
}

func TestArgminObjACLGrantHeaders(t *testing.T) {
	src := func(test string) string { return argmin("object_crud_acl.rs", test) }
	four := map[string]string{"X-Amz-Grant-Read": "alt", "X-Amz-Grant-Read-Acp": "alt", "X-Amz-Grant-Write-Acp": "alt", "X-Amz-Grant-Full-Control": "alt"}
	putWith := func(key string, grants map[string]string) argminStep {
		return objStep(objGrantHeaders(objSignedPut(objKeyPath(key), "header-acl"), grants))
	}
	granted := argminSteps(argminBucket(false, types.ObjectOwnershipObjectWriter), putWith("testobj", four))
	authRead := objACLBucket(types.ObjectOwnershipObjectWriter, putWith("auth-users-header-grant", map[string]string{"X-Amz-Grant-Read": `uri="` + objAuthUsers + `"`}))
	writeGrant := objACLBucket(types.ObjectOwnershipObjectWriter, putWith("grant-write-header", map[string]string{"X-Amz-Grant-Write": "owner"}))
	copied := objACLBucket(types.ObjectOwnershipObjectWriter, argminPut("src", "copy-source", ""),
		objStep(objGrantHeaders(func(ctx context.Context, w *World, u *argminUsers, h http.Header) (any, error) {
			h.Set("X-Amz-Copy-Source", argminBkt+"/src")
			return objSignedPut(objKeyPath("dst"), "")(ctx, w, u, h)
		}, map[string]string{"X-Amz-Grant-Write": "owner"})))
	Run(t, []Case{
		argminCase("GetObjectAcl/grant headers alone, without the owner", src("test_object_header_acl_grants"), granted, objACLOf(primary, "testobj"),
			objGrants("READ alt", "READ_ACP alt", "WRITE_ACP alt", "FULL_CONTROL alt")),
		argminCase("GetObject/another account granted by headers", src("test_object_header_acl_grants"), granted, objGet(altClient, "testobj", nil), objBodyIs("header-acl")),
		argminCase("GetObjectAcl/another account granted by headers", src("test_object_header_acl_grants"), granted, objACLOf(altClient, "testobj"), Want{Fields: map[string]any{"Owner": "owner"}}),
		argminCase("PutObjectAcl/another account granted by headers", src("test_object_header_acl_grants"), granted,
			objPutACLCall(altClient, "testobj", "FULL_CONTROL owner", "READ alt", "READ_ACP alt", "WRITE_ACP alt", "FULL_CONTROL alt"), Want{}),
		argminCase("GetObjectAcl/an AuthenticatedUsers READ header grant", src("test_object_header_acl_grants_authenticated_users_read"), authRead,
			objACLOf(primary, "auth-users-header-grant"), objGrants("READ AuthenticatedUsers")),
		argminCase("GetObject/another account, of an AuthenticatedUsers READ object", src("test_object_header_acl_grants_authenticated_users_read"), authRead,
			objGet(altClient, "auth-users-header-grant", nil), objBodyIs("header-acl")),
		argminCase("GetObject/unsigned, of an AuthenticatedUsers READ object", src("test_object_header_acl_grants_authenticated_users_read"), authRead,
			objAnonGet("auth-users-header-grant"), Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		argminCase("GetObjectAcl/x-amz-grant-write set by PutObject", src("test_put_object_grant_write_header_persists_write_grant"), writeGrant,
			objACLOf(primary, "grant-write-header"), objHasGrant("WRITE owner")),
		argminCase("GetObjectAcl/x-amz-grant-write set by CopyObject", src("test_copy_object_grant_write_header_persists_write_grant"), copied,
			objACLOf(primary, "dst"), objHasGrant("WRITE owner")),
	})
}

func TestArgminObjACLGrantMatrix(t *testing.T) {
	var cases []Case
	for _, g := range []struct {
		perm                   types.Permission
		test                   string
		get, getACL, putACLYes bool
	}{
		{types.PermissionRead, "test_object_acl_grant_canonical_user_read", true, false, false},
		{types.PermissionReadAcp, "test_object_acl_grant_canonical_user_read_acp", false, true, false},
		{types.PermissionWriteAcp, "test_object_acl_grant_canonical_user_write_acp", false, false, true},
		{types.PermissionFullControl, "test_object_acl_grant_canonical_user_full_control", true, true, true},
	} {
		src := argmin("object_crud_acl.rs", g.test+" (run_object_acl_canonical_user_permission_case)")
		steps := objACLBucket(types.ObjectOwnershipObjectWriter, argminPut("foo", "bar", ""), objSetACL("foo", "FULL_CONTROL owner", string(g.perm)+" alt"))
		want := func(ok bool, yes Want) Want {
			if ok {
				return yes
			}
			return Want{Status: http.StatusForbidden}
		}
		p := string(g.perm)
		cases = append(cases,
			argminCase("GetObjectAcl/the ACL granting another account "+p, src, steps, objACLOf(primary, "foo"), objGrants("FULL_CONTROL owner", p+" alt")),
			argminCase("GetObject/another account granted "+p, src, steps, objStatusOnly(objGet(altClient, "foo", nil)), want(g.get, objBodyIs("bar"))),
			argminCase("GetObjectAcl/another account granted "+p, src, steps, objStatusOnly(objACLOf(altClient, "foo")), want(g.getACL, Want{})),
		)
		if g.putACLYes {
			cases = append(cases, argminCase("PutObjectAcl/another account granted "+p, src, steps,
				objPutACLCall(altClient, "foo", "FULL_CONTROL owner", p+" alt"), Want{}))
		} else {
			cases = append(cases, argminCase("PutObjectAcl/another account granted "+p, src, steps,
				objStatusOnly(func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
					return alt(w).PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String("foo"), ACL: types.ObjectCannedACLPrivate})
				}), Want{Status: http.StatusForbidden}))
		}
	}
	Run(t, cases)
}
