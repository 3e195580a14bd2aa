package golden

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// mpuState is an upload begun on key (one part "test" uploaded) in
// opsBucket.
type mpuState struct {
	id    *string
	parts []types.CompletedPart
}

// beginUpload begins an upload of key with one part and keeps its state.
func beginUpload(key string, st *mpuState) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String(key)})
		if err != nil {
			return err
		}
		p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(opsBucket), Key: aws.String(key), UploadId: mpu.UploadId,
			PartNumber: aws.Int32(1), Body: strings.NewReader("test")})
		if err != nil {
			return err
		}
		st.id, st.parts = mpu.UploadId, []types.CompletedPart{{ETag: p.ETag, PartNumber: aws.Int32(1)}}
		return nil
	}
}

func multipartPreconditionCases() []Case {
	const key = "test-precondition"
	const wp = "TestS3ObjectWritePrecondition::"
	complete := func(st *mpuState, set func(*s3.CompleteMultipartUploadInput)) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: st.id,
				MultipartUpload: &types.CompletedMultipartUpload{Parts: st.parts}}
			set(in)
			return c.CompleteMultipartUpload(ctx, in)
		}
	}
	testETag := aws.String(`"098f6bcd4621d373cade4e832627b4f6"`) // MD5 of "test"
	var afterDel, duringPut mpuState
	return []Case{
		// The object was deleted and written again after the upload began:
		// If-Match on the new object's ETag conflicts.
		s3Fails("CompleteMultipartUpload/If-Match on an object written again after the upload began",
			localstack(moreAPI, wp+"test_multipart_if_match_with_delete", "complete-multipart-if-match-after-put", "2026-02-21"),
			s3Steps(putKey(key, "test"), beginUpload(key, &afterDel), deleteKey(key), putKey(key, "test")),
			complete(&afterDel, func(in *s3.CompleteMultipartUploadInput) { in.IfMatch = testETag }),
			409, "ConditionalRequestConflict", "The conditional request cannot succeed due to a conflicting operation against this resource."),
		s3Fails("CompleteMultipartUpload/If-None-Match * after a put during the upload",
			localstack(moreAPI, wp+"test_multipart_if_none_match_with_put", "complete-multipart-if-none-match-put-during", "2026-02-21"),
			s3Steps(beginUpload(key, &duringPut), putKeyWith(key, "", func(in *s3.PutObjectInput) { in.IfNoneMatch = aws.String("*") })),
			complete(&duringPut, func(in *s3.CompleteMultipartUploadInput) { in.IfNoneMatch = aws.String("*") }),
			412, "PreconditionFailed", msgPrecondition),
	}
}

// uploadIDs are the upload (or version) ids a set-up made, in order, named
// as the recording's placeholders ("<upload-id:1>", "<version-id:1>", ...).
type uploadIDs map[string]string

// name replaces an id the set-up made by its placeholder.
func (u uploadIDs) name(p *string) {
	if p != nil && u[*p] != "" {
		*p = u[*p]
	}
}

// id is the id named by placeholder ("<upload-id:3>").
func (u uploadIDs) id(placeholder string) *string {
	for id, name := range u {
		if name == placeholder {
			return aws.String(id)
		}
	}
	return aws.String("nothing is " + placeholder)
}

func TestS3RecordedListMultipartUploadsMarkers(t *testing.T) {
	const test = "TestS3ListMultipartUploads::test_list_multiparts_next_marker"
	// Uploads are begun on test_c, test_b, then three on test_a: the
	// recording's <upload-id:1> to <upload-id:5>; <key:1> is test_a,
	// <key:2> test_b, <key:3> test_c.
	list := func(set func(in *s3.ListMultipartUploadsInput, ids uploadIDs)) (func(ctx context.Context, t *testing.T, w *World), func(ctx context.Context, w *World) (any, error)) {
		ids := uploadIDs{}
		setup := func(ctx context.Context, t *testing.T, w *World) {
			t.Helper()
			bucket(ctx, t, w, opsBucket)
			for _, k := range []string{"test_c", "test_b", "test_a", "test_a", "test_a"} {
				mpu, err := w.S3(Root(owner)).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String(k)})
				if err != nil {
					t.Fatalf("set-up CreateMultipartUpload %s: %v", k, err)
				}
				ids[*mpu.UploadId] = fmt.Sprintf("<upload-id:%d>", len(ids)+1)
			}
		}
		call := onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.ListMultipartUploadsInput{Bucket: aws.String(b)}
			set(in, ids)
			out, err := c.ListMultipartUploads(ctx, in)
			if out != nil {
				ids.name(out.NextUploadIdMarker)
				ids.name(out.UploadIdMarker)
				for i := range out.Uploads {
					ids.name(out.Uploads[i].UploadId)
				}
			}
			return out, err
		})
		return setup, call
	}
	page := func(truncated bool, keyMarker, idMarker, nextKey, nextID string, uploads ...string) map[string]any {
		f := map[string]any{"IsTruncated": truncated, "KeyMarker": keyMarker, "UploadIdMarker": idMarker,
			"NextKeyMarker": nextKey, "NextUploadIdMarker": nextID, "Uploads": Len(len(uploads) / 2)}
		for i := 0; i+1 < len(uploads); i += 2 {
			f[fmt.Sprintf("Uploads[%d].Key", i/2)] = uploads[i]
			f[fmt.Sprintf("Uploads[%d].UploadId", i/2)] = uploads[i+1]
		}
		return f
	}
	type tc struct {
		name, key string
		set       func(in *s3.ListMultipartUploadsInput, ids uploadIDs)
		fields    map[string]any
	}
	one := func(in *s3.ListMultipartUploadsInput) { in.MaxUploads = aws.Int32(1) }
	var cases []Case
	for _, c := range []tc{
		{"all", "list-multiparts-all", func(*s3.ListMultipartUploadsInput, uploadIDs) {},
			page(false, "", "", "test_c", "<upload-id:1>", "test_a", "<upload-id:3>", "test_a", "<upload-id:4>", "test_a", "<upload-id:5>",
				"test_b", "<upload-id:2>", "test_c", "<upload-id:1>")},
		{"max 1", "list-multiparts-max-1", func(in *s3.ListMultipartUploadsInput, _ uploadIDs) { one(in) },
			page(true, "", "", "test_a", "<upload-id:3>", "test_a", "<upload-id:3>")},
		{"key marker only", "list-multiparts-next-key-only", func(in *s3.ListMultipartUploadsInput, _ uploadIDs) {
			one(in)
			in.KeyMarker = aws.String("test_a")
		}, page(true, "test_a", "", "test_b", "<upload-id:2>", "test_b", "<upload-id:2>")},
		{"key marker the last key", "list-multiparts-next-key-last", func(in *s3.ListMultipartUploadsInput, _ uploadIDs) {
			one(in)
			in.KeyMarker = aws.String("test_c")
		}, page(false, "test_c", "", "", "")},
		{"upload id marker without key marker", "list-multiparts-next-upload-only", func(in *s3.ListMultipartUploadsInput, ids uploadIDs) {
			one(in)
			in.UploadIdMarker = ids.id("<upload-id:3>")
		}, page(true, "", "", "test_a", "<upload-id:3>", "test_a", "<upload-id:3>")},
		{"both markers", "list-multiparts-both-markers", func(in *s3.ListMultipartUploadsInput, ids uploadIDs) {
			one(in)
			in.KeyMarker, in.UploadIdMarker = aws.String("test_a"), ids.id("<upload-id:3>")
		}, page(true, "test_a", "<upload-id:3>", "test_a", "<upload-id:4>", "test_a", "<upload-id:4>")},
		{"both markers, the key's last upload", "list-multiparts-both-markers-2", func(in *s3.ListMultipartUploadsInput, ids uploadIDs) {
			one(in)
			in.KeyMarker, in.UploadIdMarker = aws.String("test_a"), ids.id("<upload-id:5>")
		}, page(true, "test_a", "<upload-id:5>", "test_b", "<upload-id:2>", "test_b", "<upload-id:2>")},
		{"both markers before the last upload", "list-multiparts-get-last-upload-no-truncate", func(in *s3.ListMultipartUploadsInput, ids uploadIDs) {
			one(in)
			in.KeyMarker, in.UploadIdMarker = aws.String("test_b"), ids.id("<upload-id:2>")
		}, page(false, "test_b", "<upload-id:2>", "test_c", "<upload-id:1>", "test_c", "<upload-id:1>")},
		{"empty key marker", "list-multiparts-next-key-empty", func(in *s3.ListMultipartUploadsInput, _ uploadIDs) {
			one(in)
			in.KeyMarker = aws.String("")
		}, page(true, "", "", "test_a", "<upload-id:3>", "test_a", "<upload-id:3>")},
	} {
		setup, call := list(c.set)
		cases = append(cases, Case{Name: "ListMultipartUploads/" + c.name, Source: localstack(moreList, test, c.key, "2026-02-21"),
			Setup: setup, Call: call, Want: Want{Fields: c.fields}})
	}
	_, call := list(func(*s3.ListMultipartUploadsInput, uploadIDs) {})
	cases = append(cases, Case{Name: "ListMultipartUploads/none", Source: localstack(moreList, test, "list-multiparts-empty", "2026-02-21"),
		Setup: func(ctx context.Context, t *testing.T, w *World) { bucket(ctx, t, w, opsBucket) }, Call: call,
		Want: Want{Fields: map[string]any{"IsTruncated": false, "KeyMarker": "", "UploadIdMarker": "", "NextKeyMarker": "",
			"NextUploadIdMarker": "", "MaxUploads": 1000, "Uploads": Len(0)}}})
	Run(t, cases)
}

// multipartOf uploads data to key in opsBucket as LocalStack's
// s3_multipart_upload fixture does: parts-1 parts of data repeated past
// 5 MiB, then data.
func multipartOf(key, data string, parts int) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String(key)})
		if err != nil {
			return err
		}
		var done []types.CompletedPart
		for n := int32(1); n <= int32(parts); n++ {
			part := data
			if int(n) < parts {
				part = strings.Repeat(data, 5242880/len(data)+1)
			}
			p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(opsBucket), Key: aws.String(key), UploadId: mpu.UploadId,
				PartNumber: aws.Int32(n), Body: strings.NewReader(part)})
			if err != nil {
				return err
			}
			done = append(done, types.CompletedPart{ETag: p.ETag, PartNumber: aws.Int32(n)})
		}
		_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String(key),
			UploadId: mpu.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
		return err
	}
}

func TestS3RecordedCompleteMultipartOrder(t *testing.T) {
	const test = "TestS3::test_complete_multipart_parts_order"
	part := strings.Repeat("a", 5242880+1)
	// completeFrom uploads three copies of part numbered first, first+1,
	// first+2 to key and completes the upload.
	completeFrom := func(key string, first int32) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key)})
			if err != nil {
				return nil, err
			}
			var done []types.CompletedPart
			for n := first; n < first+3; n++ {
				p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: mpu.UploadId,
					PartNumber: aws.Int32(n), Body: strings.NewReader(part)})
				if err != nil {
					return nil, err
				}
				done = append(done, types.CompletedPart{ETag: p.ETag, PartNumber: aws.Int32(n)})
			}
			return c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: mpu.UploadId,
				MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
		}
	}
	want := func(key string) map[string]any {
		return map[string]any{"Key": key, "Bucket": opsBucket, "ETag": `"c7cb0938a47e31f70cf07028d22e6913-3"`, "ChecksumCRC64NVME": "Y8LhTZLfnr0=",
			"ChecksumType": "FULL_OBJECT", "ServerSideEncryption": "AES256", "Location": Present}
	}
	Run(t, []Case{
		s3OK("CompleteMultipartUpload/parts 1 to 3 in order", localstack(moreS3, test, "complete-multipart-ordered", "2026-02-21"), nil,
			completeFrom("test-order-parts", 1), want("test-order-parts")),
		s3OK("CompleteMultipartUpload/parts 2 to 4", localstack(moreS3, test, "complete-multipart-with-step-2", "2026-02-21"), nil,
			completeFrom("key-sequence-with-step-2", 2), want("key-sequence-with-step-2")),
	})
}

func TestS3RecordedMultipartAndListParts(t *testing.T) {
	const test = "TestS3::test_multipart_and_list_parts"
	const k = "test-list-parts"
	data := strings.Repeat("upload-part-1", 5)
	// begun is an upload of k with one part of data; complete finishes it.
	begun := func(complete bool) func(ctx context.Context, t *testing.T, w *World) {
		return func(ctx context.Context, t *testing.T, w *World) {
			t.Helper()
			bucket(ctx, t, w, opsBucket)
			c := w.S3(Root(owner))
			mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String(k)})
			if err != nil {
				t.Fatalf("set-up CreateMultipartUpload: %v", err)
			}
			p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(opsBucket), Key: aws.String(k), UploadId: mpu.UploadId,
				PartNumber: aws.Int32(1), Body: strings.NewReader(data)})
			if err != nil {
				t.Fatalf("set-up UploadPart: %v", err)
			}
			if complete {
				if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String(k), UploadId: mpu.UploadId,
					MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: p.ETag, PartNumber: aws.Int32(1)}}}}); err != nil {
					t.Fatalf("set-up CompleteMultipartUpload: %v", err)
				}
			}
		}
	}
	listParts := onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
		ups, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(b)})
		if err != nil || len(ups.Uploads) != 1 {
			return nil, fmt.Errorf("set-up left no single upload (%v)", err)
		}
		return c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(b), Key: aws.String(k), UploadId: ups.Uploads[0].UploadId})
	})
	listUploads := onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(b)})
	})
	canonical := Match(`^[0-9a-f]{64}$`)
	whole := map[string]any{"ChecksumCRC64NVME": "CTXktO4pIQs=", "ChecksumType": "FULL_OBJECT", "ContentLength": 65, "ETag": `"e747540af6911dbc890f8d3e0b48549b-1"`}
	Run(t, []Case{
		{Name: "ListParts/one part uploaded", Source: localstack(moreS3, test, "list-part-after-upload", "2026-02-21"), Setup: begun(false), Call: listParts,
			Want: Want{Fields: map[string]any{"Parts": Len(1), "Parts[0].PartNumber": 1, "Parts[0].Size": 65, "Parts[0].ETag": `"3237c18681adb6a9d843c733ce249480"`, "Parts[0].ChecksumCRC32": Absent, "ChecksumAlgorithm": Absent,
				"NextPartNumberMarker": "1", "PartNumberMarker": "0", "MaxParts": 1000, "IsTruncated": false, "StorageClass": "STANDARD",
				"Initiator.ID": canonical, "Initiator.DisplayName": Present, "Owner.ID": canonical, "Owner.DisplayName": Absent}}},
		{Name: "ListMultipartUploads/one upload with a part", Source: localstack(moreS3, test, "list-all-uploads-after", "2026-02-21"), Setup: begun(false), Call: listUploads,
			Want: Want{Fields: map[string]any{"Uploads": Len(1), "Uploads[0].Key": k, "NextKeyMarker": k, "NextUploadIdMarker": Present, "KeyMarker": "",
				"UploadIdMarker": "", "Uploads[0].Initiator.DisplayName": Present, "Uploads[0].Owner.DisplayName": Absent, "Uploads[0].StorageClass": "STANDARD"}}},
		{Name: "ListMultipartUploads/after the upload completed", Source: localstack(moreS3, test, "list-all-uploads-completed", "2026-02-21"), Setup: begun(true), Call: listUploads,
			Want: Want{Fields: map[string]any{"Uploads": Len(0), "NextKeyMarker": "", "NextUploadIdMarker": "", "KeyMarker": "", "UploadIdMarker": "", "IsTruncated": false}}},
		{Name: "HeadObject/ChecksumMode of a one-part upload", Source: localstack(moreS3, test, "head-multipart-checksum", "2026-02-21"), Setup: begun(true),
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(k), ChecksumMode: types.ChecksumModeEnabled})
			}), Want: Want{Fields: whole}},
		{Name: "GetObject/ChecksumMode of a one-part upload", Source: localstack(moreS3, test, "get-multipart-checksum", "2026-02-21"), Setup: begun(true),
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(k), ChecksumMode: types.ChecksumModeEnabled})
			}), Want: Want{Fields: whole}},
	})
}
