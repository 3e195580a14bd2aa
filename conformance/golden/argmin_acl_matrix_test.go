package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of justincormack/argmin's public_access_acl_matrix.rs: the bucket
// ACL x object ACL matrix as another account sees it. Unlike
// access_matrix.rs (argmin_test.go) the object ACL is set by PutObjectAcl
// after the write, the listing is ListObjects (V1) unless the test says V2,
// and every test runs the whole of run_access_matrix, whose assertions
// depend only on the two ACLs.

// pamObjectACL sets key's canned ACL as the owner's root.
func pamObjectACL(key string, acl types.ObjectCannedACL) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String(key), ACL: acl})
		return err
	}
}

// pamSetup is setup_access_matrix: Block Public Access off,
// BucketOwnerPreferred, the bucket ACL, "foo" written then given the
// object ACL, "bar" written private.
func pamSetup(bucketACL types.BucketCannedACL, objectACL types.ObjectCannedACL) []argminStep {
	return argminSteps(argminBucket(true, types.ObjectOwnershipBucketOwnerPreferred), argminBucketACL(bucketACL),
		argminPut("foo", "foocontent", ""), pamObjectACL("foo", objectACL), argminPut("bar", "barcontent", ""))
}

// pamList is the alternate account's listing, V1 or V2.
func pamList(v2 bool) objCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		if v2 {
			return alt(w).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(argminBkt)})
		}
		return alt(w).ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String(argminBkt)})
	}
}

type pamTest struct {
	name      string
	bucketACL types.BucketCannedACL
	objectACL types.ObjectCannedACL
	v2        bool
}

// pamCases are run_access_matrix's assertions for one test.
func pamCases(tc pamTest) []Case {
	src := argmin("public_access_acl_matrix.rs", tc.name+" (run_access_matrix)")
	setup := pamSetup(tc.bucketACL, tc.objectACL)
	c := func(what string, call objCall, want Want) Case {
		return argminCase(tc.name+"/"+what, src, setup, call, want)
	}
	readable := tc.objectACL != types.ObjectCannedACLPrivate
	readFoo := argminDenied
	if readable {
		readFoo = objBodyIs("foocontent")
	}
	cases := []Case{
		c("GetObject of the ACL key", argminGet(altClient, "foo"), readFoo),
		c("GetObject of the private key", argminGet(altClient, "bar"), argminDenied),
		c("PutObject over the ACL key", argminAltPutCall("foo", "foooverwrite"), argminDenied),
		c("PutObject over the private key", argminAltPutCall("bar", "baroverwrite"), argminDenied),
	}
	listWant := argminDenied
	if tc.bucketACL != types.BucketCannedACLPrivate {
		listWant = Want{Fields: map[string]any{"Contents": Len(2), "Contents[0].Key": "bar", "Contents[1].Key": "foo"}}
	}
	cases = append(cases, c("listing", pamList(tc.v2), listWant))
	if tc.bucketACL != types.BucketCannedACLPublicReadWrite {
		return append(cases, c("PutObject of a new key", argminAltPutCall("new", "newcontent"), argminDenied))
	}
	wrote := append(append([]argminStep{}, setup...), argminAltPut("new", "newcontent"))
	return append(cases,
		c("PutObject of a new key", argminAltPutCall("new", "newcontent"), Want{}),
		argminCase(tc.name+"/PutObject over the key it wrote", src, wrote, argminAltPutCall("new", "overwritecontent"), Want{}),
		argminCase(tc.name+"/GetObject of the key it overwrote", src, wrote,
			objSeq(argminAltPutCall("new", "overwritecontent"), argminGet(altClient, "new")), objBodyIs("overwritecontent")))
}

func TestArgminPublicAccessACLMatrix(t *testing.T) {
	priv, pr, prw := types.BucketCannedACLPrivate, types.BucketCannedACLPublicRead, types.BucketCannedACLPublicReadWrite
	opriv, opr, oprw := types.ObjectCannedACLPrivate, types.ObjectCannedACLPublicRead, types.ObjectCannedACLPublicReadWrite
	var cases []Case
	for _, tc := range []pamTest{
		{"test_access_bucket_private_object_private", priv, opriv, false},
		{"test_access_bucket_private_objectv2_private", priv, opriv, true},
		{"test_access_bucket_private_object_publicread", priv, opr, false},
		{"test_access_bucket_private_objectv2_publicread", priv, opr, true},
		{"test_access_bucket_private_object_publicreadwrite", priv, oprw, false},
		{"test_access_bucket_private_objectv2_publicreadwrite", priv, oprw, true},
		{"test_access_bucket_publicread_object_private", pr, opriv, false},
		{"test_access_bucket_publicread_object_publicread", pr, opr, false},
		{"test_access_bucket_publicread_object_publicreadwrite", pr, oprw, false},
		{"test_access_bucket_publicreadwrite_object_private", prw, opriv, false},
		{"test_access_bucket_publicreadwrite_object_publicread", prw, opr, false},
		{"test_access_bucket_publicreadwrite_object_publicreadwrite", prw, oprw, false},
	} {
		cases = append(cases, pamCases(tc)...)
	}
	Run(t, cases)
}
