package golden

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Cases of argmin's conditional.rs test functions the first replay
// (argmin_objcond_test.go) did not cite: PutObject If-Match values that
// look like the wildcard.

func TestArgminObjConditional2(t *testing.T) {
	src := func(test string) string { return argmin("conditional.rs", test) }
	put := func(ifMatch string) objCall {
		return objPut(primary, "obj", "v2", func(in *s3.PutObjectInput) { in.IfMatch = aws.String(ifMatch) })
	}
	// The object the suite wrote, "v1", then a refused conditional write.
	after := func(ifMatch string) []argminStep {
		return objBucket(objStep(objPut(primary, "obj", "v1", nil)), func(ctx context.Context, w *World, u *argminUsers) error {
			_, _ = put(ifMatch)(ctx, w, u)
			return nil
		})
	}
	Run(t, []Case{
		argminCase(`PutObject/If-Match "*" quoted`, src("test_put_object_ifmatch_quoted_star_returns_not_implemented"),
			objBucket(objStep(objPut(primary, "obj", "v1", nil))), put(`"*"`), Want{Refused: true, Status: http.StatusNotImplemented}),
		argminCase(`GetObject/unchanged after If-Match "*" quoted`, src("test_put_object_ifmatch_quoted_star_returns_not_implemented"),
			after(`"*"`), objGet(primary, "obj", nil), objBodyIs("v1")),
		argminCase("PutObject/If-Match %2A is an ETag, not the wildcard", src("test_put_object_ifmatch_percent_encoded_star_is_literal_etag"),
			objBucket(objStep(objPut(primary, "obj", "v1", nil))), put("%2A"), Want{Refused: true, Status: http.StatusPreconditionFailed}),
		argminCase("GetObject/unchanged after If-Match %2A", src("test_put_object_ifmatch_percent_encoded_star_is_literal_etag"),
			after("%2A"), objGet(primary, "obj", nil), objBodyIs("v1")),
	})
}
