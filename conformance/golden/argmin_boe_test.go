package golden

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Bucket owner enforced buckets of one account: argmin's boe_constrained.rs
// (a user of the owner's account without a policy is refused every read
// and tag change of the root's objects, present or missing),
// boe_admin_root.rs (the root and a user allowed s3:* administer each
// other's objects), and expected_bucket_owner_acl.rs.

// boeIn are the request fields the BOE cases set: a key and, with
// version, the version id of key's only version.
type boeIn struct {
	key     string
	version bool
}

// boeVersionOf is the version id of key's first version, listed by the root.
func boeVersionOf(ctx context.Context, w *World, key string) (*string, error) {
	out, err := root(w).ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(argminBkt), Prefix: aws.String(key)})
	if err != nil {
		return nil, err
	}
	for _, v := range out.Versions {
		if aws.ToString(v.Key) == key {
			return v.VersionId, nil
		}
	}
	return nil, fmt.Errorf("no version of %s", key)
}

// boeOp is one object read or tag call by c on in, the version id looked
// up first when in.version.
func boeOp(op string, c objClient, in boeIn) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		b, k := aws.String(argminBkt), aws.String(in.key)
		var v *string
		if in.version {
			var err error
			if v, err = boeVersionOf(ctx, w, in.key); err != nil {
				return nil, err
			}
		}
		cl := c(w, u)
		tags := &types.Tagging{TagSet: []types.Tag{{Key: aws.String("env"), Value: aws.String("changed")}}}
		switch op {
		case "HeadObject":
			return cl.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: k, VersionId: v})
		case "GetObject":
			return objGet(c, in.key, func(g *s3.GetObjectInput) { g.VersionId = v })(ctx, w, u)
		case "GetObjectAcl":
			return cl.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: b, Key: k, VersionId: v})
		case "GetObjectAttributes":
			return cl.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: b, Key: k, VersionId: v,
				ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesObjectSize}})
		case "GetObjectTagging":
			return cl.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: b, Key: k, VersionId: v})
		case "PutObjectTagging":
			return cl.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: b, Key: k, VersionId: v, Tagging: tags})
		case "DeleteObjectTagging":
			return cl.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: b, Key: k, VersionId: v})
		}
		return nil, fmt.Errorf("unknown operation %s", op)
	}
}

// boeBucket is a BOE bucket (versioned when versioned) with key written
// by c, tagged tag ("" none).
func boeBucket(versioned bool, c objClient, key, body, tag string) []argminStep {
	steps := argminSteps(argminBucket(false, ""))
	if versioned {
		steps = append(steps, objVersioning)
	}
	if key == "" {
		return steps
	}
	return append(steps, objStep(objPut(c, key, body, func(in *s3.PutObjectInput) {
		if tag != "" {
			in.Tagging = aws.String(tag)
		}
	})))
}

func TestArgminBOEConstrained(t *testing.T) {
	src := func(test string) string {
		return argmin("boe_constrained.rs", "test_same_account_constrained_user_cannot_"+test)
	}
	denied := Want{Status: http.StatusForbidden, Code: "AccessDenied"}
	forbidden := Want{Status: http.StatusForbidden}
	cur, ver := boeIn{key: "root-owned"}, boeIn{key: "root-owned", version: true}
	missing := boeIn{key: "missing"}
	plain := boeBucket(false, rootClient, "root-owned", "data", "")
	tagged := boeBucket(false, rootClient, "root-owned", "data", "owner=set")
	versioned := boeBucket(true, rootClient, "root-owned", "versioned", "")
	vtagged := boeBucket(true, rootClient, "root-owned", "versioned", "owner=version")
	triedTags := func(base []argminStep, in boeIn) []argminStep {
		return append(append(argminSteps(), base...), objIgnore(boeOp("PutObjectTagging", constrained, in)), objIgnore(boeOp("DeleteObjectTagging", constrained, in)))
	}
	tagIs := func(k, v string) Want {
		return Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": k, "TagSet[0].Value": v}}
	}
	Run(t, []Case{
		argminCase("HeadObject/the root's object, by a user without a policy", src("read_boe_object"), plain, objStatusOnly(boeOp("HeadObject", constrained, cur)), forbidden),
		argminCase("GetObject/the root's object, by a user without a policy", src("read_boe_object"), plain, boeOp("GetObject", constrained, cur), denied),
		argminCase("GetObjectTagging/the root's object, by a user without a policy", src("manage_boe_object_tags"), tagged, boeOp("GetObjectTagging", constrained, cur), denied),
		argminCase("PutObjectTagging/the root's object, by a user without a policy", src("manage_boe_object_tags"), tagged, boeOp("PutObjectTagging", constrained, cur), denied),
		argminCase("DeleteObjectTagging/the root's object, by a user without a policy", src("manage_boe_object_tags"), tagged, boeOp("DeleteObjectTagging", constrained, cur), denied),
		argminCase("GetObjectTagging/the root's tags after the user's refused changes", src("manage_boe_object_tags"), triedTags(tagged, cur),
			boeOp("GetObjectTagging", rootClient, cur), tagIs("owner", "set")),
		argminCase("GetBucketAcl/by a user without a policy", src("get_boe_bucket_acl"), boeBucket(false, nil, "", "", ""),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return constrained(w, u).GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(argminBkt)})
			}, denied),
		argminCase("GetObjectAcl/the root's object, by a user without a policy", src("get_boe_object_acl"), plain, boeOp("GetObjectAcl", constrained, cur), denied),
		argminCase("HeadObject/a missing key, by a user without a policy", src("discover_missing_boe_object"), boeBucket(false, nil, "", "", ""),
			objStatusOnly(boeOp("HeadObject", constrained, missing)), forbidden),
		argminCase("GetObject/a missing key, by a user without a policy", src("discover_missing_boe_object"), boeBucket(false, nil, "", "", ""),
			boeOp("GetObject", constrained, missing), denied),
		argminCase("GetObjectAcl/a missing key, by a user without a policy", src("discover_missing_boe_object"), boeBucket(false, nil, "", "", ""),
			boeOp("GetObjectAcl", constrained, missing), denied),
		argminCase("GetObjectAttributes/a missing key, by a user without a policy", src("discover_missing_boe_object"), boeBucket(false, nil, "", "", ""),
			boeOp("GetObjectAttributes", constrained, missing), denied),
		argminCase("GetObjectAttributes/the root's object, by a user without a policy", src("get_boe_object_attributes"),
			boeBucket(true, rootClient, "root-owned", "attributes", ""), boeOp("GetObjectAttributes", constrained, cur), denied),
		argminCase("GetObjectAttributes/the root's object version, by a user without a policy", src("get_boe_object_attributes"),
			boeBucket(true, rootClient, "root-owned", "attributes", ""), boeOp("GetObjectAttributes", constrained, ver), denied),
		argminCase("HeadObject/the root's object version, by a user without a policy", src("read_boe_object_version"), versioned,
			objStatusOnly(boeOp("HeadObject", constrained, ver)), forbidden),
		argminCase("GetObject/the root's object version, by a user without a policy", src("read_boe_object_version"), versioned, boeOp("GetObject", constrained, ver), denied),
		argminCase("GetObjectTagging/the root's object version, by a user without a policy", src("manage_boe_object_version_tags"), vtagged,
			boeOp("GetObjectTagging", constrained, ver), denied),
		argminCase("PutObjectTagging/the root's object version, by a user without a policy", src("manage_boe_object_version_tags"), vtagged,
			boeOp("PutObjectTagging", constrained, ver), denied),
		argminCase("DeleteObjectTagging/the root's object version, by a user without a policy", src("manage_boe_object_version_tags"), vtagged,
			boeOp("DeleteObjectTagging", constrained, ver), denied),
		argminCase("GetObjectTagging/the root's version tags after the user's refused changes", src("manage_boe_object_version_tags"), triedTags(vtagged, ver),
			boeOp("GetObjectTagging", rootClient, ver), tagIs("owner", "version")),
		argminCase("GetObjectAcl/the root's object version, by a user without a policy", src("get_boe_object_version_acl"), versioned,
			boeOp("GetObjectAcl", constrained, ver), denied),
	})
}

func TestArgminBOEAdminRoot(t *testing.T) {
	src := func(test string) string {
		return argmin("boe_admin_root.rs", "test_same_account_root_and_non_root_boe_"+test)
	}
	// create_versioned_boe_bucket by the primary user, one object written
	// by the primary user and one by the root.
	byUser := boeBucket(true, primary, "non-root-object", "one", "env=owner")
	both := append(append(argminSteps(), byUser...), objStep(objPut(rootClient, "root-object", "two", func(in *s3.PutObjectInput) { in.Tagging = aws.String("env=root") })))
	userObj, userVer := boeIn{key: "non-root-object"}, boeIn{key: "non-root-object", version: true}
	rootObj, rootVer := boeIn{key: "root-object"}, boeIn{key: "root-object", version: true}
	missing := boeIn{key: "missing"}
	tagIs := func(v string) Want { return Want{Fields: map[string]any{"TagSet[0].Value": v}} }
	noTags := Want{Fields: map[string]any{"TagSet": Len(0)}}
	size := Want{Fields: map[string]any{"ObjectSize": 3}}
	notFound := Want{Status: http.StatusNotFound}
	acl, attrs, tags := src("acl_admin"), src("object_attributes_follow_owner_principal"), src("object_tagging_admin")
	bucketACL := func(c objClient) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return c(w, u).GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(argminBkt)})
		}
	}
	cases := []Case{
		argminCase("GetBucketAcl/BOE bucket, by the root", acl, both, bucketACL(rootClient), Want{}),
		argminCase("GetBucketAcl/BOE bucket, by a user allowed s3:*", acl, both, bucketACL(primary), Want{}),
		argminCase("GetObjectAcl/the user's object, by the root", acl, both, boeOp("GetObjectAcl", rootClient, userObj), Want{}),
		argminCase("GetObjectAcl/the user's object version, by the root", acl, both, boeOp("GetObjectAcl", rootClient, userVer), Want{}),
		argminCase("GetObjectAcl/the root's object, by the user", acl, both, boeOp("GetObjectAcl", primary, rootObj), Want{}),
		argminCase("GetObjectAcl/the root's object version, by the user", acl, both, boeOp("GetObjectAcl", primary, rootVer), Want{}),
		argminCase("GetObjectAttributes/the root's object, by the user", attrs, both, boeOp("GetObjectAttributes", primary, rootObj), size),
		argminCase("GetObjectAttributes/the root's object version, by the user", attrs, both, boeOp("GetObjectAttributes", primary, rootVer), size),
		argminCase("GetObjectTagging/the user's object, by the root", tags, byUser, boeOp("GetObjectTagging", rootClient, userObj), tagIs("owner")),
		argminCase("GetObjectTagging/the user's object version, by the root", tags, byUser, boeOp("GetObjectTagging", rootClient, userVer), tagIs("owner")),
		argminCase("PutObjectTagging/the user's object, by the root", tags, byUser, boeOp("PutObjectTagging", rootClient, userObj), Want{}),
		argminCase("DeleteObjectTagging/the user's object version, by the root", tags, byUser, boeOp("DeleteObjectTagging", rootClient, userVer), Want{Status: http.StatusNoContent}),
		argminCase("GetObjectTagging/the user's version after the root deleted its tags", tags, append(append(argminSteps(), byUser...),
			objStep(boeOp("DeleteObjectTagging", rootClient, userVer))), boeOp("GetObjectTagging", primary, userVer), noTags),
		argminCase("GetObjectTagging/the root's object, by the user", tags, both, boeOp("GetObjectTagging", primary, rootObj), tagIs("root")),
		argminCase("GetObjectTagging/the root's object version, by the user", tags, both, boeOp("GetObjectTagging", primary, rootVer), tagIs("root")),
		argminCase("PutObjectTagging/the root's object, by the user", tags, both, boeOp("PutObjectTagging", primary, rootObj), Want{}),
		argminCase("GetObjectTagging/the root's object after the user changed its tags", tags, append(append(argminSteps(), both...),
			objStep(boeOp("PutObjectTagging", primary, rootObj))), boeOp("GetObjectTagging", rootClient, rootObj), tagIs("changed")),
		argminCase("DeleteObjectTagging/the root's object version, by the user", tags, both, boeOp("DeleteObjectTagging", primary, rootVer), Want{Status: http.StatusNoContent}),
		argminCase("GetObjectTagging/the root's version after the user deleted its tags", tags, append(append(argminSteps(), both...),
			objStep(boeOp("DeleteObjectTagging", primary, rootVer))), boeOp("GetObjectTagging", rootClient, rootVer), noTags),
	}
	for _, op := range []string{"HeadObject", "GetObject", "GetObjectAcl", "GetObjectTagging"} {
		cases = append(cases, argminCase(op+"/a missing key, by the root", src("missing_object_discovery"), byUser, objStatusOnly(boeOp(op, rootClient, missing)), notFound))
	}
	for _, op := range []string{"HeadObject", "GetObject", "GetObjectAcl", "GetObjectAttributes", "GetObjectTagging"} {
		cases = append(cases, argminCase(op+"/a missing key, by a user allowed s3:*", src("missing_object_discovery"), byUser, objStatusOnly(boeOp(op, primary, missing)), notFound))
	}
	Run(t, cases)
}

func TestArgminExpectedBucketOwnerACL(t *testing.T) {
	src := func(test string) string { return argmin("expected_bucket_owner_acl.rs", test) }
	const wrongOwner = "000000000000"
	// The suite accepts AccessDenied or an empty 403 body: a 403 refusal.
	refused := Want{Refused: true, Status: http.StatusForbidden}
	bucket := argminSteps(argminBucket(false, types.ObjectOwnershipBucketOwnerPreferred))
	object := argminSteps(argminBucket(false, types.ObjectOwnershipObjectWriter), objStep(objPut(primary, "obj", "acl", nil)))
	call := func(op, expected string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			c, b, k, e := primary(w, u), aws.String(argminBkt), aws.String("obj"), aws.String(expected)
			switch op {
			case "PutBucketAcl":
				return c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPrivate, ExpectedBucketOwner: e})
			case "GetBucketAcl":
				return c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: b, ExpectedBucketOwner: e})
			case "PutObjectAcl":
				return c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: b, Key: k, ACL: types.ObjectCannedACLPrivate, ExpectedBucketOwner: e})
			}
			return c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: b, Key: k, ExpectedBucketOwner: e})
		}
	}
	var cases []Case
	for _, c := range []struct {
		op, test string
		steps    []argminStep
	}{{"PutBucketAcl", "test_bucket_acl_expected_bucket_owner", bucket}, {"GetBucketAcl", "test_bucket_acl_expected_bucket_owner", bucket},
		{"PutObjectAcl", "test_object_acl_expected_bucket_owner", object}, {"GetObjectAcl", "test_object_acl_expected_bucket_owner", object}} {
		cases = append(cases,
			argminCase(c.op+"/x-amz-expected-bucket-owner another account", src(c.test), c.steps, call(c.op, wrongOwner), refused),
			argminCase(c.op+"/x-amz-expected-bucket-owner the owner", src(c.test), c.steps, call(c.op, owner), Want{}))
	}
	Run(t, cases)
}
