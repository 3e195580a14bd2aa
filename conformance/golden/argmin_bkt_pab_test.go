package golden

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's public_access_block.rs and public_access_bucket_list.rs.
// public_access_block_acl.rs repeats public_access_block.rs's ACL tests
// (same functions, same assertions): they are replayed once, here.

const bktAuthUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"

// bktPrimaryPAB puts Block Public Access as the primary user; nil flags
// are left out of the document.
func bktPrimaryPAB(acls, ignore, policy, restrict *bool) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		_, err := primary(w, u).PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: aws.String(argminBkt),
			PublicAccessBlockConfiguration: &types.PublicAccessBlockConfiguration{BlockPublicAcls: acls, IgnorePublicAcls: ignore,
				BlockPublicPolicy: policy, RestrictPublicBuckets: restrict}})
		return err
	}
}

func bktGetPAB(c func(w *World, u *argminUsers) *s3.Client) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(argminBkt)})
	}
}

func bktPABWant(acls, ignore, policy, restrict bool) Want {
	return Want{Fields: map[string]any{"PublicAccessBlockConfiguration.BlockPublicAcls": acls,
		"PublicAccessBlockConfiguration.IgnorePublicAcls": ignore, "PublicAccessBlockConfiguration.BlockPublicPolicy": policy,
		"PublicAccessBlockConfiguration.RestrictPublicBuckets": restrict}}
}

// bktCreateOwnership creates argminBkt as the primary user with
// x-amz-object-ownership (create_bucket_request().object_ownership()).
func bktCreateOwnership(o types.ObjectOwnership) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		_, err := primary(w, u).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(argminBkt), ObjectOwnership: o})
		return err
	}
}

// bktACLEnabled is setup_acl_enabled_bucket: PAB deleted, ObjectWriter.
func bktACLEnabled() []argminStep {
	return argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter))
}

// bktSignedPut is send_signed_put: a signed PUT as the primary user with
// extra headers.
func bktSignedPut(path string, header http.Header) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return w.Signed(ctx, u.primary, http.MethodPut, path, []byte{}, header)
	}
}

// bktOwnerACL is an AccessControlPolicy of the bucket's (or key's) owner
// with FULL_CONTROL for the owner and READ for AuthenticatedUsers.
func bktOwnerACL(id *string) *types.AccessControlPolicy {
	return &types.AccessControlPolicy{Owner: &types.Owner{ID: id}, Grants: []types.Grant{
		{Grantee: &types.Grantee{Type: types.TypeGroup, URI: aws.String(bktAuthUsers)}, Permission: types.PermissionRead},
		{Grantee: &types.Grantee{Type: types.TypeCanonicalUser, ID: id}, Permission: types.PermissionFullControl}}}
}

// bktGrants sums up GetBucketAcl: the owner and each grant as
// "PERMISSION grantee" (URI or ID), sorted.
type bktGrants struct {
	OwnerID string
	Grants  string
}

func bktGetBucketGrants(ctx context.Context, w *World, u *argminUsers) (any, error) {
	out, err := primary(w, u).GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(argminBkt)})
	if err != nil {
		return out, err
	}
	var gs []string
	for _, g := range out.Grants {
		who := aws.ToString(g.Grantee.URI)
		if who == "" {
			who = aws.ToString(g.Grantee.ID)
		}
		gs = append(gs, string(g.Permission)+" "+who)
	}
	sort.Strings(gs)
	return bktGrants{OwnerID: aws.ToString(out.Owner.ID), Grants: strings.Join(gs, "; ")}, nil
}

// bktSameJSON tells whether a read-back policy is the JSON sent.
type bktSameJSON struct{ Same bool }

func TestArgminPublicAccessBlock(t *testing.T) {
	src := func(test string) string { return argmin("public_access_block.rs", test) }
	on, off := aws.Bool(true), aws.Bool(false)
	b := aws.String(argminBkt)
	made := argminSteps(argminBucket(false, ""))
	deletePAB := func(ctx context.Context, w *World, u *argminUsers) error {
		_, err := primary(w, u).DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b})
		return err
	}
	acl := func(v string) http.Header { return http.Header{"X-Amz-Acl": {v}} }
	blockACLs := append(argminSteps(bktCreateOwnership(types.ObjectOwnershipBucketOwnerPreferred)), bktPrimaryPAB(on, nil, nil, nil))
	blockACLsOnly := append(argminSteps(bktCreateOwnership(types.ObjectOwnershipBucketOwnerPreferred)), bktPrimaryPAB(on, off, off, off))
	putBucketACLXML := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		got, err := primary(w, u).GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: b})
		if err != nil {
			return nil, err
		}
		return primary(w, u).PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, AccessControlPolicy: bktOwnerACL(got.Owner.ID)})
	}
	putObjectACLXML := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		got, err := primary(w, u).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("foo")})
		if err != nil {
			return nil, err
		}
		return primary(w, u).PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: b, Key: aws.String("foo"), AccessControlPolicy: bktOwnerACL(got.Owner.ID)})
	}
	publicObj := append(argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter), argminBucketACL(types.BucketCannedACLPublicRead)),
		argminPut("key1", "abcde", types.ObjectCannedACLPublicRead))
	ignored := append(publicObj, bktPrimaryPAB(nil, on, nil, nil), argminBucketACL(types.BucketCannedACLPublicRead))
	authObj := append(bktACLEnabled(), argminPut("key1", "abcde", types.ObjectCannedACLAuthenticatedRead))
	authBucket := append(bktACLEnabled(), argminPut("key1", "abcde", ""), argminBucketACL(types.BucketCannedACLAuthenticatedRead))
	authObjACL := append(bktACLEnabled(), argminPut("key1", "abcde", ""), func(ctx context.Context, w *World, u *argminUsers) error {
		_, err := primary(w, u).PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: b, Key: aws.String("key1"), ACL: types.ObjectCannedACLAuthenticatedRead})
		return err
	})
	ignoreOn := bktPrimaryPAB(nil, on, nil, nil)
	altList := func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return alt(w).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: b})
	}
	publicGet := argminStatement("Allow", `{"AWS":"*"}`, "s3:GetObject", argminObjectsARN, "")
	// serde_json's to_string of the suite's json!: keys sorted.
	ownerGet := `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + owner +
		`:root"},"Resource":"` + argminObjectsARN + `"}],"Version":"2012-10-17"}`
	restrict := argminSteps(argminBucket(false, ""), deletePAB, argminPut("foo", "bar", ""), argminPolicy(publicGet))
	denyPAB := argminStatement("Deny", `{"AWS":"*"}`, "s3:GetBucketPublicAccessBlock", argminBucketARN, "")
	ownerGetObject := func(key string) bktCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return argminGet(primary, key)(ctx, w, u)
		}
	}
	Run(t, []Case{
		argminCase("GetPublicAccessBlock/the four flags put", src("test_put_public_block"), append(made, bktPrimaryPAB(on, on, on, off)),
			bktGetPAB(primary), bktPABWant(true, true, true, false)),
		argminCase("GetPublicAccessBlock/flags left out read false", src("test_put_get_delete_public_block"), append(made, bktPrimaryPAB(on, nil, nil, nil)),
			bktGetPAB(primary), bktPABWant(true, false, false, false)),
		argminCase("GetPublicAccessBlock/after DeletePublicAccessBlock", src("test_put_get_delete_public_block"),
			append(made, bktPrimaryPAB(on, nil, nil, nil), deletePAB), bktGetPAB(primary), Want{Refused: true}),
		argminCase("GetPublicAccessBlock/after deleting the default", src("test_get_undefined_public_block"),
			append(made, deletePAB), bktGetPAB(primary), Want{Refused: true}),
		argminCase("PutBucketAcl/public-read under BlockPublicAcls", src("test_block_public_put_bucket_acls"), blockACLs,
			bktSignedPut("/"+argminBkt+"?acl", acl("public-read")), Want{Refused: true, Status: http.StatusForbidden}),
		argminCase("PutBucketAcl/public-read-write under BlockPublicAcls", src("test_block_public_put_bucket_acls"), blockACLs,
			bktSignedPut("/"+argminBkt+"?acl", acl("public-read-write")), Want{Refused: true, Status: http.StatusForbidden}),
		argminCase("PutBucketAcl/authenticated-read under BlockPublicAcls", src("test_block_public_put_bucket_acls"), blockACLs,
			bktSignedPut("/"+argminBkt+"?acl", acl("authenticated-read")), Want{Refused: true, Status: http.StatusForbidden}),
		argminCase("PutBucketAcl/private under BlockPublicAcls", src("test_block_public_put_bucket_acls"), blockACLs,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPrivate})
			}, Want{}),
		argminCase("PutBucketAcl/an AuthenticatedUsers grant in the body under BlockPublicAcls", src("test_block_public_put_bucket_acl_authenticated_users_xml_grant"),
			append(bktACLEnabled(), bktPrimaryPAB(on, nil, nil, nil)), putBucketACLXML, argminDenied),
		argminCase("GetBucketAcl/public-read-write", src("test_get_bucket_acl_public_read_write"),
			argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter), argminBucketACL(types.BucketCannedACLPublicReadWrite)), bktGetBucketGrants,
			Want{Fields: map[string]any{"OwnerID": Match(`^[0-9a-f]{64}$`),
				"Grants": bktAll("READ http://acs.amazonaws.com/groups/global/AllUsers", "WRITE http://acs.amazonaws.com/groups/global/AllUsers")}}),
		argminCase("ListObjectsV2/anonymous on a public-read bucket", src("test_ignore_public_acls"), publicObj,
			bktAnonText(http.MethodGet, "/"+argminBkt+"/?list-type=2"), Want{Fields: map[string]any{"Body.Text": bktHas("<Key>key1</Key>")}}),
		argminCase("GetObject/anonymous of a public-read object", src("test_ignore_public_acls"), publicObj,
			bktAnonText(http.MethodGet, "/"+argminBkt+"/key1"), Want{Fields: map[string]any{"Body.Text": "abcde"}}),
		argminCase("ListObjectsV2/anonymous under IgnorePublicAcls", src("test_ignore_public_acls"), ignored,
			bktAnon(http.MethodGet, "/"+argminBkt+"/?list-type=2", nil), Want{Refused: true, Status: http.StatusForbidden}),
		argminCase("GetObject/anonymous under IgnorePublicAcls", src("test_ignore_public_acls"), ignored,
			bktAnon(http.MethodGet, "/"+argminBkt+"/key1", nil), Want{Refused: true, Status: http.StatusForbidden}),
		argminCase("HeadBucket/the owner's user under IgnorePublicAcls", src("test_ignore_public_acls"), ignored,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).HeadBucket(ctx, &s3.HeadBucketInput{Bucket: b})
			}, Want{}),
		argminCase("GetObject/the owner's user under IgnorePublicAcls", src("test_ignore_public_acls"), ignored,
			ownerGetObject("key1"), Want{Fields: map[string]any{"Body": "abcde"}}),
		argminCase("GetObject/another account by an authenticated-read object", src("test_ignore_public_acls_disables_authenticated_read_object_acl"),
			authObj, argminGet(altClient, "key1"), Want{Fields: map[string]any{"Body": "abcde"}}),
		argminCase("GetObject/IgnorePublicAcls ignores an authenticated-read object", src("test_ignore_public_acls_disables_authenticated_read_object_acl"),
			append(authObj, ignoreOn), argminGet(altClient, "key1"), argminDenied),
		argminCase("ListObjectsV2/another account by an authenticated-read bucket", src("test_ignore_public_acls_disables_authenticated_read_bucket_acl"),
			authBucket, altList, bktWantKeys([]string{"key1"}, nil, nil)),
		argminCase("ListObjectsV2/IgnorePublicAcls ignores an authenticated-read bucket", src("test_ignore_public_acls_disables_authenticated_read_bucket_acl"),
			append(authBucket, ignoreOn), altList, argminDenied),
		argminCase("GetObject/another account by PutObjectAcl authenticated-read", src("test_ignore_public_acls_disables_authenticated_read_put_object_acl"),
			authObjACL, argminGet(altClient, "key1"), Want{Fields: map[string]any{"Body": "abcde"}}),
		argminCase("GetObject/IgnorePublicAcls ignores PutObjectAcl authenticated-read", src("test_ignore_public_acls_disables_authenticated_read_put_object_acl"),
			append(authObjACL, ignoreOn), argminGet(altClient, "key1"), argminDenied),
		argminCase("GetPublicAccessBlock/anonymous on a public bucket", src("test_get_public_access_block_requires_owner"),
			append(argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter), argminBucketACL(types.BucketCannedACLPublicRead)), bktPrimaryPAB(on, nil, nil, nil)),
			bktAnon(http.MethodGet, "/"+argminBkt+"?publicAccessBlock", nil), Want{Refused: true, Status: http.StatusForbidden}),
		argminCase("GetPublicAccessBlock/the owner's user on a public bucket", src("test_get_public_access_block_requires_owner"),
			append(argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter), argminBucketACL(types.BucketCannedACLPublicRead)), bktPrimaryPAB(on, nil, nil, nil)),
			bktGetPAB(primary), Want{Fields: map[string]any{"PublicAccessBlockConfiguration.BlockPublicAcls": true}}),
		argminCase("PutObject/x-amz-acl public-read under BlockPublicAcls", src("test_block_public_object_canned_acls"), blockACLsOnly,
			bktSignedPut("/"+argminBkt+"/foo1", acl("public-read")), Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		argminCase("PutObject/x-amz-acl public-read-write under BlockPublicAcls", src("test_block_public_object_canned_acls"), blockACLsOnly,
			bktSignedPut("/"+argminBkt+"/foo2", acl("public-read-write")), Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		argminCase("PutObject/x-amz-acl authenticated-read under BlockPublicAcls", src("test_block_public_object_canned_acls"), blockACLsOnly,
			bktSignedPut("/"+argminBkt+"/foo3", acl("authenticated-read")), Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		argminCase("PutObject/x-amz-acl private under BlockPublicAcls", src("test_block_public_object_canned_acls"), blockACLsOnly,
			bktSignedPut("/"+argminBkt+"/foo4", acl("private")), Want{}),
		argminCase("HeadObject/the empty object put private", src("test_block_public_object_canned_acls"),
			append(blockACLsOnly, bktStep(bktSignedPut("/"+argminBkt+"/foo4", acl("private")))),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: aws.String("foo4")})
			}, Want{Fields: map[string]any{"ContentLength": 0}}),
		argminCase("PutObject/x-amz-grant-read AuthenticatedUsers under BlockPublicAcls", src("test_block_public_object_authenticated_users_grant_header"),
			append(bktACLEnabled(), bktPrimaryPAB(on, off, off, off)),
			bktSignedPut("/"+argminBkt+"/grant-header", http.Header{"X-Amz-Grant-Read": {`uri="` + bktAuthUsers + `"`}}),
			Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		argminCase("PutObjectAcl/an AuthenticatedUsers grant in the body under BlockPublicAcls", src("test_block_public_put_object_acl_authenticated_users_xml_grant"),
			append(bktACLEnabled(), argminPut("foo", "bar", ""), bktPrimaryPAB(on, nil, nil, nil)), putObjectACLXML, argminDenied),
		argminCase("PutBucketPolicy/Principal AWS * under BlockPublicPolicy", src("test_block_public_policy"), append(made, bktPrimaryPAB(off, off, on, off)),
			argminPutPolicy(primary, publicGet), argminDenied),
		argminCase("GetBucketPolicy/an owner-account policy under BlockPublicPolicy reads back as sent", src("test_block_public_policy_with_principal"),
			append(made, bktPrimaryPAB(off, off, on, off), bktStep(argminPutPolicy(primary, ownerGet))),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				out, err := primary(w, u).GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: b})
				if err != nil {
					return out, err
				}
				var got, sent any
				if err := json.Unmarshal([]byte(aws.ToString(out.Policy)), &got); err != nil {
					return nil, err
				}
				_ = json.Unmarshal([]byte(ownerGet), &sent)
				return bktSameJSON{Same: reflect.DeepEqual(got, sent)}, nil
			}, Want{Fields: map[string]any{"Same": true}}),
		argminCase("GetObject/anonymous by a public policy", src("test_block_public_restrict_public_buckets"), restrict,
			bktAnonText(http.MethodGet, "/"+argminBkt+"/foo"), Want{Fields: map[string]any{"Body.Text": "bar"}}),
		argminCase("GetObject/anonymous under RestrictPublicBuckets", src("test_block_public_restrict_public_buckets"),
			append(restrict, bktPrimaryPAB(off, off, off, on)), bktAnon(http.MethodGet, "/"+argminBkt+"/foo", nil), Want{Refused: true, Status: http.StatusForbidden}),
		argminCase("GetObject/the owner's user under RestrictPublicBuckets", src("test_block_public_restrict_public_buckets"),
			append(restrict, bktPrimaryPAB(off, off, off, on)), ownerGetObject("foo"), Want{Fields: map[string]any{"Body": "bar"}}),
		argminCase("ListObjects/anonymous on a public-read bucket", argmin("public_access_bucket_list.rs", "test_bucket_list_objects_anonymous"),
			append(argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter), argminBucketACL(types.BucketCannedACLPublicRead)), bktPutKeys(bktSetB...)),
			bktAnonText(http.MethodGet, "/"+argminBkt), Want{Fields: map[string]any{"Body.Text": bktHas("<Key>bar</Key>")}}),
		argminCase("ListObjectsV2/anonymous on a public-read bucket lists SET_B", argmin("public_access_bucket_list.rs", "test_bucket_listv2_objects_anonymous"),
			append(argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter), argminBucketACL(types.BucketCannedACLPublicRead)), bktPutKeys(bktSetB...)),
			bktAnonText(http.MethodGet, "/"+argminBkt+"?list-type=2"), Want{Fields: map[string]any{"Body.Text": bktHas("<Key>bar</Key>")}}),
		argminCase("GetPublicAccessBlock/before a policy denying it", src("test_get_public_block_deny_bucket_policy"),
			append(made, bktPrimaryPAB(on, on, on, off)), bktGetPAB(primary), bktPABWant(true, true, true, false)),
		argminCase("PutBucketPolicy/a Deny of everyone under BlockPublicPolicy", src("test_get_public_block_deny_bucket_policy"),
			append(made, bktPrimaryPAB(on, on, on, off)), argminPutPolicy(primary, denyPAB), Want{Status: http.StatusNoContent}),
		argminCase("GetPublicAccessBlock/denied by the bucket policy", src("test_get_public_block_deny_bucket_policy"),
			append(made, bktPrimaryPAB(on, on, on, off), argminPolicy(denyPAB)), bktGetPAB(primary), argminDenied),
	})
}

// bktAnonText is bktAnon keeping the body for "Body.Text".
func bktAnonText(method, path string) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := bktAnon(method, path, nil)(ctx, w, u)
		resp, ok := out.(*http.Response)
		if err != nil || !ok {
			return out, err
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		resp.Body = &bktTextBody{Text: string(data), r: strings.NewReader(string(data))}
		return resp, err
	}
}
