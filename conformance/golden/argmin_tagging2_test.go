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

// Cases of argmin's tagging.rs test functions the first replay
// (argmin_tagging_test.go) did not cite. The file's #[ignore]d tests
// (test_get_tags_acl_public and its kin, todo!() bodies) assert nothing
// and are not replayed.

func TestArgminTagging2(t *testing.T) {
	src := func(test string) string { return argmin("tagging.rs", test) }
	// create_public_bucket (Block Public Access off, BucketOwnerPreferred,
	// public-read), then "obj" public-read with a tag.
	public := argminSteps(argminBucket(true, types.ObjectOwnershipBucketOwnerPreferred), argminBucketACL(types.BucketCannedACLPublicRead),
		func(ctx context.Context, w *World, _ *argminUsers) error {
			_, err := root(w).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("obj"),
				Body: strings.NewReader("hello"), ACL: types.ObjectCannedACLPublicRead, Tagging: aws.String("env=public")})
			return err
		})
	// test_put_delete_tags: two tags on "obj", then DeleteObjectTagging.
	tagged := tgsObject(objStep(tgsPut(primary, "obj", nil, tgsTags("0", "0", "1", "1"))))
	deleted := append(tagged[:len(tagged):len(tagged)], objStep(tgsDelete(primary, "obj", nil)))
	Run(t, []Case{
		argminCase("GetObjectTagging/anonymous on a public-read object of a public-read bucket", src("test_public_read_object_does_not_make_get_object_tagging_public"),
			public, bktAnon(http.MethodGet, "/"+argminBkt+"/obj?tagging", nil),
			Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		argminCase("GetObjectTagging/the two tags put", src("test_put_delete_tags"), tagged, tgsGet(primary, "obj", nil),
			tgsWant("0", "0", "1", "1")),
		argminCase("DeleteObjectTagging/the two tags put", src("test_put_delete_tags"), tagged, tgsDelete(primary, "obj", nil),
			Want{Status: http.StatusNoContent}),
		argminCase("GetObjectTagging/after DeleteObjectTagging", src("test_put_delete_tags"), deleted, tgsGet(primary, "obj", nil),
			Want{Fields: map[string]any{"TagSet": Len(0)}}),
	})
}
