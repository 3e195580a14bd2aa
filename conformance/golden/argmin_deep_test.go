package golden

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Cases of justincormack/argmin's deep_coverage.rs: objects of several
// megabytes, versioned tagging, ListObjectVersions and
// ListMultipartUploads paging, multipart abort and part re-upload, as the
// suite's primary user sees them in a bucket of its own account. The suite
// checks an error by its code only (assert_s3_err_code); each case's status
// is the code's documented one.

// dcPattern is the suite's patterned body: n bytes, byte i being
// (i+shift) % mod.
func dcPattern(n, mod, shift int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte((i + shift) % mod)
	}
	return string(b)
}

// dcSize is the suite's "larger than one internal segment": 8 MiB + 123.
const dcSize = 8<<20 + 123

// dcVersionGet is GetObject of key's version *v, its body digested.
func dcVersionGet(key string, v func() *string) objCall {
	return mpGet(key, func(in *s3.GetObjectInput) { in.VersionId = v() })
}

// dcTagVersion is PutObjectTagging env=prod on key's version *v.
func dcTagVersion(key string, v func() *string) objCall {
	return tgsPut(primary, key, v, tgsTags("env", "prod"))
}

func TestArgminDeepObjects(t *testing.T) {
	src := func(test string) string { return argmin("deep_coverage.rs", test) }
	v1, v2 := dcPattern(dcSize, 251, 0), dcPattern(dcSize, 251, 128)
	p1, p2 := dcPattern(dcSize, 251, 0), dcPattern(dcSize, 239, 0)
	big1, big2 := dcPattern(8<<20, 251, 0), dcPattern(8<<20, 251, 128)
	Run(t, []Case{
		argminCase("GetObject/an object of 8 MiB and 123 bytes", src("test_large_object_round_trip_multisegment"),
			objBucket(objStep(objPut(primary, "large-8mb", v1, nil))), mpGet("large-8mb", nil),
			mpBody(v1, map[string]any{"Out.ContentLength": dcSize})),
		argminCase("GetObject/an object of 8 MiB overwritten", src("test_large_object_overwrite"),
			objBucket(objStep(objPut(primary, "large-overwrite", v1, nil)), objStep(objPut(primary, "large-overwrite", v2, nil))),
			mpGet("large-overwrite", nil), mpBody(v2, nil)),
		argminCase("GetObject/a multipart object of two parts of 8 MiB", src("test_multipart_large_parts"),
			objBucket(objStep(ckUpload("mpu-large-parts", nil, mpParts(p1, p2), mpComplete(nil)))), mpGet("mpu-large-parts", nil),
			mpBody(p1+p2, nil)),
		argminCase("GetObject/a part uploaded twice holds the second", src("test_multipart_part_reupload"),
			objBucket(), objSeq(ckUpload("mpu-reupload", nil, mpParts(mpFill("\xaa", ckPartSize)),
				func(key, id string, _ []*s3.UploadPartOutput) objCall {
					return dcReupload(key, id, mpFill("\xbb", ckPartSize))
				}), mpGet("mpu-reupload", nil)), mpBody(mpFill("\xbb", ckPartSize), nil)),
		olkCase("PutObject/a second version of 8 MiB gets a new version id", src("test_large_put_versioned_bucket"),
			func(s *olk) ([]argminStep, objCall) {
				return vrBucket(s.put("large-versioned", big1, nil)), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
					out, err := objPut(primary, "large-versioned", big2, nil)(ctx, w, u)
					if err != nil {
						return out, err
					}
					return dcNewVersion{New: aws.ToString(out.(*s3.PutObjectOutput).VersionId) != aws.ToString(s.at(0))}, nil
				}
			}, Want{Fields: map[string]any{"New": true}}),
		argminCase("GetObject/the latest of two versions of 8 MiB", src("test_large_put_versioned_bucket"),
			vrBucket(objStep(objPut(primary, "large-versioned", big1, nil)), objStep(objPut(primary, "large-versioned", big2, nil))),
			mpGet("large-versioned", nil), mpBody(big2, nil)),
		olkCase("GetObject/the first of two versions of 8 MiB by version id", src("test_large_put_versioned_bucket"),
			func(s *olk) ([]argminStep, objCall) {
				return vrBucket(s.put("large-versioned", big1, nil), s.put("large-versioned", big2, nil)),
					dcVersionGet("large-versioned", func() *string { return s.at(0) })
			}, mpBody(big1, nil)),
		olkCase("CompleteMultipartUpload/in a versioned bucket makes a new version", src("test_multipart_complete_versioned_bucket"),
			func(s *olk) ([]argminStep, objCall) {
				return vrBucket(s.put("mpu-versioned", "simple-v1", nil)), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
					out, err := mpDone("mpu-versioned", mpFill("\xcc", ckPartSize))(ctx, w, u)
					if err != nil {
						return out, err
					}
					id := aws.ToString(out.(*s3.CompleteMultipartUploadOutput).VersionId)
					return dcNewVersion{New: id != "" && id != aws.ToString(s.at(0))}, nil
				}
			}, Want{Fields: map[string]any{"New": true}}),
		argminCase("GetObject/the multipart version is the latest", src("test_multipart_complete_versioned_bucket"),
			vrBucket(objStep(objPut(primary, "mpu-versioned", "simple-v1", nil)), objStep(mpDone("mpu-versioned", mpFill("\xcc", ckPartSize)))),
			mpGet("mpu-versioned", nil), mpBody(mpFill("\xcc", ckPartSize), nil)),
		olkCase("GetObject/the version before the multipart one", src("test_multipart_complete_versioned_bucket"),
			func(s *olk) ([]argminStep, objCall) {
				return vrBucket(s.put("mpu-versioned", "simple-v1", nil), objStep(mpDone("mpu-versioned", mpFill("\xcc", ckPartSize)))),
					objGet(primary, "mpu-versioned", func(in *s3.GetObjectInput) { in.VersionId = s.at(0) })
			}, objBodyIs("simple-v1")),
	})
}

// dcNewVersion says whether a write was answered with a version id other
// than the one before it.
type dcNewVersion struct{ New bool }

// dcReupload uploads body again as part 1 of upload id and completes
// the upload with that answer's ETag.
func dcReupload(key, id, body string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		b, k := aws.String(argminBkt), aws.String(key)
		part, err := primary(w, u).UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: aws.String(id),
			PartNumber: aws.Int32(1), Body: strings.NewReader(body)})
		if err != nil {
			return part, err
		}
		return mpComplete(nil)(key, id, []*s3.UploadPartOutput{part})(ctx, w, u)
	}
}

func TestArgminDeepTagging(t *testing.T) {
	src := func(test string) string { return argmin("deep_coverage.rs", test) }
	const key = "tagged-versions"
	// tagged is test_versioned_object_tags's set-up: two versions, the
	// first tagged env=prod.
	tagged := func(s *olk, extra ...argminStep) []argminStep {
		return vrBucket(append(argminSteps(s.put(key, "v1", nil), s.put(key, "v2", nil),
			objStep(dcTagVersion(key, func() *string { return s.at(0) }))), extra...)...)
	}
	first := func(s *olk) func() *string { return func() *string { return s.at(0) } }
	second := func(s *olk) func() *string { return func() *string { return s.at(1) } }
	dropFirst := func(s *olk) argminStep {
		return objStep(objDelete(primary, key, func(in *s3.DeleteObjectInput) { in.VersionId = s.at(0) }))
	}
	noSuchKey := Want{Status: http.StatusNotFound, Code: "NoSuchKey"}
	Run(t, []Case{
		olkCase("GetObjectTagging/the tagged noncurrent version", src("test_versioned_object_tags"),
			func(s *olk) ([]argminStep, objCall) { return tagged(s), tgsGet(primary, key, first(s)) },
			Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "env"}}),
		olkCase("GetObjectTagging/the untagged current version", src("test_versioned_object_tags"),
			func(s *olk) ([]argminStep, objCall) { return tagged(s), tgsGet(primary, key, second(s)) }, tgsNone),
		olkCase("GetObjectTagging/a deleted version", src("test_versioned_object_tags"),
			func(s *olk) ([]argminStep, objCall) { return tagged(s, dropFirst(s)), tgsGet(primary, key, first(s)) },
			Want{Status: http.StatusNotFound, Code: "NoSuchVersion"}),
		olkCase("GetObject/the other version after one was deleted", src("test_versioned_object_tags"),
			func(s *olk) ([]argminStep, objCall) {
				return tagged(s, dropFirst(s)), objGet(primary, key, func(in *s3.GetObjectInput) { in.VersionId = s.at(1) })
			}, objBodyIs("v2")),
		olkCase("PutObjectTagging/a delete marker by version id", src("test_delete_marker_tag_rejection"),
			func(s *olk) ([]argminStep, objCall) {
				return vrBucket(s.put("delete-marker-tags", "data", nil), objStep(s.record(objDelete(primary, "delete-marker-tags", nil)))),
					dcTagVersion("delete-marker-tags", func() *string { return s.at(1) })
			}, Want{Status: http.StatusMethodNotAllowed, Code: "MethodNotAllowed"}),
		argminCase("PutObjectTagging/a key that does not exist", src("test_put_tagging_nonexistent_key"),
			objBucket(), tgsPut(primary, "does-not-exist", nil, tgsTags("env", "test")), noSuchKey),
		argminCase("DeleteObjectTagging/a key that does not exist", src("test_delete_tagging_nonexistent_key"),
			objBucket(), tgsDelete(primary, "does-not-exist", nil), noSuchKey),
	})
}

// dcVersionPages is ListObjectVersions paged with max-keys 2 through the
// next markers: the pages read, the entries per key and the repeats.
type dcVersionPages struct {
	Pages, Entries, Repeats int
	PerKey                  map[string]int
}

func dcListAllVersions(ctx context.Context, w *World, u *argminUsers) (any, error) {
	got := dcVersionPages{PerKey: map[string]int{}}
	seen := map[string]bool{}
	in := &s3.ListObjectVersionsInput{Bucket: aws.String(argminBkt), MaxKeys: aws.Int32(2)}
	for got.Pages < 20 {
		out, err := primary(w, u).ListObjectVersions(ctx, in)
		if err != nil {
			return out, err
		}
		got.Pages++
		for _, v := range out.Versions {
			got.Entries++
			got.PerKey[aws.ToString(v.Key)]++
			id := aws.ToString(v.Key) + "\x00" + aws.ToString(v.VersionId)
			if seen[id] {
				got.Repeats++
			}
			seen[id] = true
		}
		if !aws.ToBool(out.IsTruncated) {
			break
		}
		in.KeyMarker, in.VersionIdMarker = out.NextKeyMarker, out.NextVersionIdMarker
	}
	return got, nil
}

// dcSecondPage is the second page of a listing of max 2 whose request
// carries only the first page's NextKeyMarker: its entries and whether
// every key sorts after that marker.
type dcSecondPage struct {
	Keys     []string
	AllAfter bool
}

func dcPageAfterKeyMarker(next func(ctx context.Context, w *World, u *argminUsers, marker *string) ([]string, *string, error)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		_, marker, err := next(ctx, w, u, nil)
		if err != nil {
			return nil, err
		}
		keys, _, err := next(ctx, w, u, marker)
		if err != nil {
			return nil, err
		}
		page := dcSecondPage{Keys: keys, AllAfter: true}
		for _, k := range keys {
			page.AllAfter = page.AllAfter && k > aws.ToString(marker)
		}
		return page, nil
	}
}

func dcVersionsPage(ctx context.Context, w *World, u *argminUsers, marker *string) ([]string, *string, error) {
	out, err := primary(w, u).ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(argminBkt), MaxKeys: aws.Int32(2), KeyMarker: marker})
	if err != nil {
		return nil, nil, err
	}
	var keys []string
	for _, v := range out.Versions {
		keys = append(keys, aws.ToString(v.Key))
	}
	return keys, out.NextKeyMarker, nil
}

func dcUploadsPage(ctx context.Context, w *World, u *argminUsers, marker *string) ([]string, *string, error) {
	out, err := primary(w, u).ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(argminBkt), MaxUploads: aws.Int32(2), KeyMarker: marker})
	if err != nil {
		return nil, nil, err
	}
	var keys []string
	for _, up := range out.Uploads {
		keys = append(keys, aws.ToString(up.Key))
	}
	return keys, out.NextKeyMarker, nil
}

// dcVersions writes n versions of each key as the primary user.
func dcVersions(n int, keys ...string) []argminStep {
	var steps []argminStep
	for _, k := range keys {
		for i := 1; i <= n; i++ {
			steps = append(steps, objStep(objPut(primary, k, "v"+strconv.Itoa(i), nil)))
		}
	}
	return steps
}

func TestArgminDeepListingAndBuckets(t *testing.T) {
	src := func(test string) string { return argmin("deep_coverage.rs", test) }
	abc, greek := dcVersions(3, "a", "b", "c"), dcVersions(2, "alpha", "beta", "gamma")
	first2 := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(argminBkt), MaxKeys: aws.Int32(2)})
	}
	// aborted is test_multipart_abort_parts_cleanup's upload of three
	// parts, aborted, then then's call.
	aborted := func(then func(key, id string) objCall) objCall {
		return ckUpload("mpu-abort-parts", nil, mpParts(mpFill("\x01", ckPartSize), mpFill("\x02", ckPartSize), mpFill("\x03", ckPartSize)),
			func(key, id string, _ []*s3.UploadPartOutput) objCall { return objSeq(mpAbort(key, id), then(key, id)) })
	}
	after := func(call objCall) func(key, id string) objCall { return func(string, string) objCall { return call } }
	Run(t, []Case{
		argminCase("ListObjectVersions/nine versions in pages of 2", src("test_list_object_versions_full_pagination"),
			vrBucket(abc...), dcListAllVersions,
			Want{Fields: map[string]any{"Entries": 9, "Pages": Match(`^([5-9]|1[0-9])$`), "Repeats": 0, "PerKey": "map[a:3 b:3 c:3]"}}),
		argminCase("ListObjectVersions/max-keys 2, first page", src("test_list_object_versions_key_marker_only"),
			vrBucket(greek...), first2, Want{Fields: map[string]any{"Versions": Len(2), "IsTruncated": true}}),
		argminCase("ListObjectVersions/a key-marker without a version-id-marker", src("test_list_object_versions_key_marker_only"),
			vrBucket(greek...), dcPageAfterKeyMarker(dcVersionsPage), Want{Fields: map[string]any{"Keys": Len(2), "AllAfter": true}}),
		argminCase("ListMultipartUploads/max-uploads 2, first page", src("test_list_multipart_uploads_key_marker_only"),
			objBucket(mpStart("mpu-a", "mpu-b", "mpu-c", "mpu-d")), mpListUploads(func(in *s3.ListMultipartUploadsInput) { in.MaxUploads = aws.Int32(2) }),
			Want{Fields: map[string]any{"Uploads": Len(2), "IsTruncated": true}}),
		argminCase("ListMultipartUploads/a key-marker without an upload-id-marker", src("test_list_multipart_uploads_key_marker_only"),
			objBucket(mpStart("mpu-a", "mpu-b", "mpu-c", "mpu-d")), dcPageAfterKeyMarker(dcUploadsPage),
			Want{Fields: map[string]any{"Keys": Len(2), "AllAfter": true}}),
		argminCase("ListParts/three parts before the abort", src("test_multipart_abort_parts_cleanup"), objBucket(),
			ckUpload("mpu-abort-parts", nil, mpParts(mpFill("\x01", ckPartSize), mpFill("\x02", ckPartSize), mpFill("\x03", ckPartSize)),
				func(key, id string, _ []*s3.UploadPartOutput) objCall { return mpListParts(nil)(key, id) }),
			Want{Fields: map[string]any{"Parts": Len(3)}}),
		argminCase("ListParts/an aborted upload", src("test_multipart_abort_parts_cleanup"), objBucket(), aborted(mpListParts(nil)),
			Want{Refused: true}),
		argminCase("ListMultipartUploads/none left after the abort", src("test_multipart_abort_parts_cleanup"), objBucket(),
			aborted(after(mpListUploads(nil))), Want{Fields: map[string]any{"Uploads": Len(0)}}),
		argminCase("GetObject/a new upload of the key after the abort", src("test_multipart_abort_parts_cleanup"), objBucket(),
			aborted(after(objSeq(mpDone("mpu-abort-parts", mpFill("\x42", ckPartSize)), mpGet("mpu-abort-parts", nil)))),
			mpBody(mpFill("\x42", ckPartSize), nil)),
		argminCase("DeleteBucket/a versioned bucket holding a version and a delete marker", src("test_delete_nonempty_versioned_bucket"),
			vrBucket(objStep(objPut(primary, "still-here", "data", nil)), objStep(objDelete(primary, "still-here", nil))),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(argminBkt)})
			}, Want{Status: http.StatusConflict, Code: "BucketNotEmpty"}),
	})
}
