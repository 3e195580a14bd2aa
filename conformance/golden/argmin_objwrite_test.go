package golden

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// objConstrained is the suite's second client: an IAM user of the owner's
// account without any policy.
func objConstrained(w *World, u *argminUsers) *s3.Client { return w.S3(u.constrained) }

// objRootUpload is a multipart upload the owner's root starts in set-up
// (with one part when part is set); the case's call reads its id.
type objRootUpload struct {
	key, id string
	etag    *string
}

func (up *objRootUpload) start(part bool) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		b, k := aws.String(argminBkt), aws.String(up.key)
		out, err := root(w).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
		if err != nil {
			return err
		}
		up.id = aws.ToString(out.UploadId)
		if !part {
			return nil
		}
		p, err := root(w).UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: out.UploadId, PartNumber: aws.Int32(1),
			Body: strings.NewReader("root-part")})
		if err == nil {
			up.etag = p.ETag
		}
		return err
	}
}

func TestArgminObjWriteConstrained(t *testing.T) {
	src := func(test string) string { return argmin("object_write_constrained.rs", test) }
	parts := &objRootUpload{key: "root-created-multipart"}
	complete := &objRootUpload{key: "root-complete-multipart"}
	Run(t, []Case{
		argminCase("PutObject/a same-account user without a policy", src("test_same_account_constrained_user_cannot_put_object"), objBucket(),
			objPut(objConstrained, "limited-write", "limited", nil), argminDenied),
		argminCase("PutObject/a same-account user without a policy, over an object", src("test_same_account_constrained_user_cannot_overwrite_object"),
			objBucket(argminPut("root-object", "root", "")), objPut(objConstrained, "root-object", "limited", nil), argminDenied),
		argminCase("GetObject/the refused overwrite left the object", src("test_same_account_constrained_user_cannot_overwrite_object"),
			objBucket(argminPut("root-object", "root", ""), objIgnore(objPut(objConstrained, "root-object", "limited", nil))),
			objGet(rootClient, "root-object", nil), objBodyIs("root")),
		argminCase("CreateMultipartUpload/a same-account user without a policy", src("test_same_account_constrained_user_cannot_create_multipart_upload"), objBucket(),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return objConstrained(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String("limited-multipart")})
			}, argminDenied),
		argminCase("UploadPart/a same-account user without a policy, to the root's upload", src("test_same_account_constrained_user_cannot_upload_part"),
			objBucket(parts.start(false)), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return objConstrained(w, u).UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(argminBkt), Key: aws.String(parts.key),
					UploadId: aws.String(parts.id), PartNumber: aws.Int32(1), Body: strings.NewReader("limited-part")})
			}, argminDenied),
		argminCase("CompleteMultipartUpload/a same-account user without a policy, of the root's upload", src("test_same_account_constrained_user_cannot_complete_multipart_upload"),
			objBucket(complete.start(true)), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return objConstrained(w, u).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(complete.key),
					UploadId: aws.String(complete.id), MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: complete.etag, PartNumber: aws.Int32(1)}}}})
			}, argminDenied),
	})
}

// objPrimaryBucket creates argminBkt as the primary user (an IAM user of
// the owner's account), as the suite's create_standard_bucket(client).
func objPrimaryBucket(ctx context.Context, w *World, u *argminUsers) error {
	_, err := primary(w, u).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(argminBkt)})
	return err
}

// objHandOverUpload starts an upload of key with starter, then uploads
// its one part and completes it with finisher, and reads the object back
// with reader.
func objHandOverUpload(starter, finisher, reader objClient, key, body string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		b, k := aws.String(argminBkt), aws.String(key)
		up, err := starter(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
		if err != nil {
			return up, err
		}
		part, err := finisher(w, u).UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: aws.Int32(1),
			Body: strings.NewReader(body)})
		if err != nil {
			return part, err
		}
		done, err := finisher(w, u).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}}}})
		if err != nil {
			return done, err
		}
		return objGet(reader, key, nil)(ctx, w, u)
	}
}

func TestArgminObjWriteRoot(t *testing.T) {
	src := func(test string) string { return argmin("object_write_root.rs", test) }
	byPrimary := argminSteps(objPrimaryBucket)
	byRoot := argminSteps(argminBucket(false, ""))
	Run(t, []Case{
		argminCase("PutObject/the root into its user's bucket", src("test_same_account_root_put_object_into_non_root_bucket"), byPrimary,
			objSeq(objPut(rootClient, "root-write", "root-body", nil), objGet(primary, "root-write", nil)), objBodyIs("root-body")),
		argminCase("PutObject/a user into its root's bucket", src("test_same_account_non_root_put_object_into_root_bucket"), byRoot,
			objSeq(objPut(primary, "non-root-write", "non-root-body", nil), objGet(rootClient, "non-root-write", nil)), objBodyIs("non-root-body")),
		argminCase("PutObject/the root over its user's object", src("test_same_account_root_and_non_root_can_overwrite_each_others_objects"),
			append(byPrimary, objStep(objPut(primary, "cross-overwrite", "non-root-initial", nil))),
			objSeq(objPut(rootClient, "cross-overwrite", "root-overwrite", nil), objGet(primary, "cross-overwrite", nil)), objBodyIs("root-overwrite")),
		argminCase("PutObject/a user over its root's object", src("test_same_account_root_and_non_root_can_overwrite_each_others_objects"),
			append(byPrimary, objStep(objPut(rootClient, "root-initial", "root-initial", nil))),
			objSeq(objPut(primary, "root-initial", "non-root-overwrite", nil), objGet(rootClient, "root-initial", nil)), objBodyIs("non-root-overwrite")),
		argminCase("CompleteMultipartUpload/a user finishes its root's upload", src("test_same_account_non_root_can_finish_root_multipart_upload"), byRoot,
			objHandOverUpload(rootClient, primary, rootClient, "root-created-multipart", "non-root-part"), objBodyIs("non-root-part")),
		argminCase("CompleteMultipartUpload/the root finishes its user's upload", src("test_same_account_root_can_finish_non_root_multipart_upload"), byPrimary,
			objHandOverUpload(primary, rootClient, primary, "non-root-created-multipart", "root-part"), objBodyIs("root-part")),
	})
}
