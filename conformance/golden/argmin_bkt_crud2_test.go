package golden

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// More cases of argmin's bucket_crud.rs and bucket_naming.rs: the test
// functions the first replay (argmin_bkt_crud_test.go) did not cite, from
// the suite's 2026 version, whose assertions name statuses and codes where
// the older one asserted only a refusal.

// bktNamespaced creates bucket with x-amz-bucket-namespace account-regional
// as the suite's primary user, without a CreateBucketConfiguration (the
// suite sends none in us-east-1).
func bktNamespaced(bucket string) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return w.Signed(ctx, u.primary, http.MethodPut, "/"+bucket, nil,
			http.Header{"X-Amz-Bucket-Namespace": {"account-regional"}})
	}
}

// bktDeleteBucket deletes argminBkt as the suite's primary user.
func bktDeleteBucket(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return primary(w, u).DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(argminBkt)})
}

// crud2Head heads argminBkt as the suite's primary user, naming owner as the
// expected bucket owner unless it is "".
func crud2Head(owner string) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.HeadBucketInput{Bucket: aws.String(argminBkt)}
		if owner != "" {
			in.ExpectedBucketOwner = aws.String(owner)
		}
		return primary(w, u).HeadBucket(ctx, in)
	}
}

// bktVersionedMarker enables versioning on argminBkt and leaves only a
// version and the delete marker over it at "key".
func bktVersionedMarker(ctx context.Context, w *World, _ *argminUsers) error {
	b, k := aws.String(argminBkt), aws.String("key")
	if _, err := root(w).PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b,
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}); err != nil {
		return err
	}
	if _, err := root(w).PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: k, Body: strings.NewReader("data")}); err != nil {
		return err
	}
	_, err := root(w).DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: k})
	return err
}

func TestArgminBucketCRUD2(t *testing.T) {
	src := func(test string) string { return argmin("bucket_crud.rs", test) }
	made := argminSteps(argminBucket(false, ""))
	// Account regional names: a prefix, then -ACCOUNT-REGION-an.
	mine := "argmin-ns-" + owner + "-us-east-1-an"
	listBuckets := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).ListBuckets(ctx, &s3.ListBucketsInput{})
	}
	Run(t, []Case{
		argminCase("DeleteBucket/the bucket just created", src("test_bucket_create_delete"), made,
			bktDeleteBucket, Want{Status: http.StatusNoContent}),
		argminCase("CreateBucket/account-regional with the caller's account and Region", src("test_account_regional_bucket_create_succeeds_when_suffix_matches"),
			nil, bktNamespaced(mine), Want{}),
		argminCase("CreateBucket/account-regional with another account's suffix", src("test_account_regional_bucket_rejects_mismatched_account_suffix"),
			nil, bktNamespaced("argmin-ns-"+argminAlt+"-us-east-1-an"), Want{Status: http.StatusBadRequest, Code: "InvalidBucketNamespace"}),
		argminCase("CreateBucket/account-regional with another Region's suffix", src("test_account_regional_bucket_rejects_mismatched_region_suffix"),
			nil, bktNamespaced("argmin-ns-"+owner+"-us-west-2-an"), Want{Status: http.StatusBadRequest, Code: "InvalidBucketNamespace"}),
		// In us-east-1 too, where a plain re-creation is 200.
		argminCase("CreateBucket/account-regional again by its owner", src("test_account_regional_bucket_recreate_returns_bucket_already_owned_by_you"),
			argminSteps(bktStep(bktNamespaced(mine))), bktNamespaced(mine), Want{Status: http.StatusConflict, Code: "BucketAlreadyOwnedByYou"}),
		argminCase("DeleteBucket/no such bucket", src("test_bucket_delete_notexist"), nil,
			bktDeleteBucket, Want{Status: http.StatusNotFound, Code: "NoSuchBucket"}),
		argminCase("DeleteBucket/a bucket with an object", src("test_bucket_delete_nonempty"),
			argminSteps(argminBucket(false, ""), bktPutKeys("key")), bktDeleteBucket, Want{Status: http.StatusConflict, Code: "BucketNotEmpty"}),
		argminCase("DeleteBucket/a bucket left with a version and its delete marker", src("test_bucket_delete_nonempty_delete_markers"),
			argminSteps(argminBucket(false, ""), bktVersionedMarker), bktDeleteBucket, Want{Status: http.StatusConflict, Code: "BucketNotEmpty"}),
		argminCase("HeadBucket/an existing bucket", src("test_bucket_head"), made, crud2Head(""), Want{}),
		argminCase("HeadBucket/extended", src("test_bucket_head_extended"), made, crud2Head(""), Want{}),
		argminCase("HeadBucket/the owner's account expected", src("test_bucket_head_expected_owner"), made, crud2Head(owner), Want{}),
		argminCase("HeadBucket/another account expected", src("test_bucket_head_wrong_expected_owner"), made, crud2Head(argminWrongOwner),
			Want{Status: http.StatusForbidden, Code: "Forbidden"}),
		argminCase("HeadBucket/no such bucket", src("test_bucket_head_notexist"), nil, crud2Head(""), bktWantRefused),
		argminCase("ListObjectsV2/no such bucket", src("test_bucket_list_objects_nonexistent_bucket"), nil,
			bktListV2(nil), Want{Status: http.StatusNotFound, Code: "NoSuchBucket"}),
		argminCase("ListObjectsV2/no such bucket, by another account", src("test_bucket_list_objects_nonexistent_bucket_alt_client"), nil,
			func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				return alt(w).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(argminBkt)})
			}, Want{Status: http.StatusNotFound, Code: "NoSuchBucket"}),
		argminCase("ListObjectsV2/keys with / & space and +", src("test_bucket_create_special_key_names"),
			argminSteps(argminBucket(false, ""), bktPutKeys("foo/bar", "foo&bar", "foo bar", "foo+bar")), bktListV2(nil),
			Want{Fields: map[string]any{"KeyCount": 4}}),
		argminCase("ListBuckets/the owner is a canonical user id", src("test_buckets_list_contains_created"), made, listBuckets,
			Want{Fields: map[string]any{"Buckets[0].Name": argminBkt, "Owner.ID": Match(`^[0-9a-f]{64}$`)}}),
		argminCase("ListBuckets/a bucket has its creation date", src("test_buckets_list_ctime"), made, listBuckets,
			Want{Fields: map[string]any{"Buckets[0].Name": argminBkt, "Buckets[0].CreationDate": Present}}),
		argminCase("CreateBucket/a name another account holds", src("test_bucket_create_exists_nonowner"), made,
			func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				return alt(w).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(argminBkt)})
			}, Want{Status: http.StatusConflict, Code: "BucketAlreadyExists"}),
		argminCase("GetBucketLocation/us-east-1 is an empty LocationConstraint", src("test_get_bucket_location_response_shape"), made,
			bktRaw(http.MethodGet, "/"+argminBkt+"?location=", nil),
			Want{Fields: map[string]any{"body": `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
				`<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`}}),
		// Both shapes the suite accepts have these headers; they differ in
		// Transfer-Encoding only.
		argminCase("HeadBucket/the headers of its answer", src("test_head_bucket_response_shape"), made,
			bktRaw(http.MethodHead, "/"+argminBkt, nil),
			Want{Fields: map[string]any{"header:Content-Type": "application/xml", "header:X-Amz-Access-Point-Alias": "false",
				"header:X-Amz-Bucket-Arn": "arn:aws:s3:::" + argminBkt, "header:X-Amz-Bucket-Region": "us-east-1",
				"header:X-Amz-Request-Id": Present, "header:X-Amz-Id-2": Present, "body": ""}}),
	})
}

func TestArgminBucketNaming2(t *testing.T) {
	src := func(test string) string { return argmin("bucket_naming.rs", test) }
	good := func(test, bucket string) Case {
		return argminCase("CreateBucket/"+bucket+" is a good name", src(test), nil, bktCreate(bucket), Want{})
	}
	Run(t, []Case{
		good("test_bucket_create_naming_good_long_60", strings.Repeat("a", 60)),
		good("test_bucket_create_naming_good_long_61", strings.Repeat("a", 61)),
		good("test_bucket_create_naming_good_long_62", strings.Repeat("a", 62)),
		good("test_bucket_create_naming_good_long_63", strings.Repeat("a", 63)),
		argminCase("CreateBucket/64 characters is refused", src("test_bucket_create_naming_dns_long"), nil,
			bktCreate(strings.Repeat("a", 64)), bktWantRefused),
		argminCase("CreateBucket/!bucket is refused", src("test_bucket_create_naming_bad_starts_nonalpha"), nil,
			bktCreate("!bucket"), bktWantRefused),
	})
}
