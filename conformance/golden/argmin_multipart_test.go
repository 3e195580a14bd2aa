package golden

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of justincormack/argmin's multipart.rs: the multipart upload life
// cycle as its primary user drives it (do_multipart_upload completes with
// each part's ETag and number only). The races of the file are not
// replayed (their assertions allow either outcome).

func mpParts(bodies ...string) []ckPart {
	var parts []ckPart
	for _, b := range bodies {
		parts = append(parts, ckPart{b, nil})
	}
	return parts
}

// mpComplete completes with each part's ETag and number only, mod applied.
func mpComplete(mod func(*s3.CompleteMultipartUploadInput)) ckFinish {
	return func(key, id string, outs []*s3.UploadPartOutput) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			var parts []types.CompletedPart
			for i, o := range outs {
				parts = append(parts, types.CompletedPart{ETag: o.ETag, PartNumber: aws.Int32(int32(i + 1))})
			}
			in := &s3.CompleteMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(key), UploadId: aws.String(id),
				MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}}
			if mod != nil {
				mod(in)
			}
			return primary(w, u).CompleteMultipartUpload(ctx, in)
		}
	}
}

// mpThen is f, then next's call (f's error, if any, is the answer).
func mpThen(f ckFinish, next func(key, id string) objCall) ckFinish {
	return func(key, id string, outs []*s3.UploadPartOutput) objCall {
		return objSeq(f(key, id, outs), next(key, id))
	}
}

// mpDone is the suite's do_multipart_upload of bodies to key.
func mpDone(key string, bodies ...string) objCall {
	return ckUpload(key, nil, mpParts(bodies...), mpComplete(nil))
}

func mpAbort(key, id string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(key), UploadId: aws.String(id)})
	}
}

func mpListParts(mod func(*s3.ListPartsInput)) func(key, id string) objCall {
	return func(key, id string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			in := &s3.ListPartsInput{Bucket: aws.String(argminBkt), Key: aws.String(key), UploadId: aws.String(id)}
			if mod != nil {
				mod(in)
			}
			return primary(w, u).ListParts(ctx, in)
		}
	}
}

// mpDigest is a read body by its length and MD5, for bodies of megabytes.
type mpDigest struct {
	Len int
	MD5 string
	Out *s3.GetObjectOutput
}

func mpDigestOf(body string) mpDigest {
	sum := md5.Sum([]byte(body))
	return mpDigest{Len: len(body), MD5: hex.EncodeToString(sum[:])}
}

// mpGet is GetObject of key by the primary user, mod applied, its body
// digested.
func mpGet(key string, mod func(*s3.GetObjectInput)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := objGet(primary, key, mod)(ctx, w, u)
		if err != nil {
			return out, err
		}
		got := out.(objGot)
		d := mpDigestOf(got.Body)
		d.Out = got.Out
		return d, nil
	}
}

// mpBody wants a digested body equal to body.
func mpBody(body string, extra map[string]any) Want {
	d := mpDigestOf(body)
	f := map[string]any{"Len": d.Len, "MD5": d.MD5}
	for k, v := range extra {
		f[k] = v
	}
	return Want{Fields: f}
}

// mpETag is S3's ETag of a multipart object of bodies.
func mpETag(bodies ...string) string {
	var raw []byte
	for _, b := range bodies {
		s := md5.Sum([]byte(b))
		raw = append(raw, s[:]...)
	}
	s := md5.Sum(raw)
	return `"` + hex.EncodeToString(s[:]) + "-" + strconv.Itoa(len(bodies)) + `"`
}

func mpFill(c string, n int) string { return strings.Repeat(c, n) }

func TestArgminMultipartLifecycle(t *testing.T) {
	src := func(test string) string { return argmin("multipart.rs", test) }
	a5, b1k := mpFill("a", ckPartSize), mpFill("b", 1024)
	getAfter := func(f ckFinish) ckFinish { return mpThen(f, func(key, _ string) objCall { return mpGet(key, nil) }) }
	abortThen := func(key, id string) objCall { return objSeq(mpAbort(key, id), mpGet(key, nil)) }
	one := func(key, body string, finish ckFinish) objCall { return ckUpload(key, nil, mpParts(body), finish) }
	noSuchUpload := Want{Status: http.StatusNotFound, Code: "NoSuchUpload"}
	Run(t, []Case{
		argminCase("CompleteMultipartUpload/a 5 MiB part and a 1 KiB one", src("test_multipart_upload_basic"), objBucket(),
			ckUpload("multipart-basic", nil, mpParts(a5, b1k), getAfter(mpComplete(nil))), mpBody(a5+b1k, nil)),
		argminCase("CompleteMultipartUpload/one part of 256 bytes", src("test_multipart_upload_single_part"), objBucket(),
			ckUpload("multipart-single", nil, mpParts(mpFill("x", 256)), getAfter(mpComplete(nil))), mpBody(mpFill("x", 256), nil)),
		argminCase("CompleteMultipartUpload/the ETag of one part has -1", src("test_multipart_composite_etag"), objBucket(),
			mpDone("composite-etag", mpFill("e", 256)), Want{Fields: map[string]any{"ETag": Match(`-1"$`)}}),
		argminCase("GetObject/an aborted upload wrote nothing", src("test_multipart_upload_abort"), objBucket(),
			one("multipart-abort", mpFill("\x00", 1024), func(key, id string, _ []*s3.UploadPartOutput) objCall { return abortThen(key, id) }), Want{Refused: true}),
		argminCase("AbortMultipartUpload/an upload completed", src("test_abort_multipart_upload_after_complete_succeeds"), objBucket(),
			one("multipart-abort-after-complete", "hello, world!", mpThen(mpComplete(nil), abortThen)), mpBody("hello, world!", nil)),
		argminCase("AbortMultipartUpload/another upload id after a completion", src("test_abort_multipart_upload_after_complete_wrong_upload_id_fails"), objBucket(),
			one("multipart-abort-wrong", "hello, world!", mpThen(mpComplete(nil), func(key, _ string) objCall { return mpAbort(key, "definitely-wrong-upload-id") })),
			noSuchUpload),
		argminCase("AbortMultipartUpload/an upload completed and its object deleted", src("test_abort_multipart_upload_after_complete_and_delete_succeeds"), objBucket(),
			one("multipart-abort-after-delete", "first", mpThen(mpComplete(nil), func(key, id string) objCall {
				return objSeq(objDelete(primary, key, nil), mpAbort(key, id), mpGet(key, nil))
			})), Want{Status: http.StatusNotFound, Code: "NoSuchKey"}),
		argminCase("AbortMultipartUpload/two completed uploads of one key", src("test_abort_multipart_upload_after_complete_and_overwrite_succeeds"), objBucket(),
			one("multipart-overwrite", "first", mpThen(mpComplete(nil), func(key, first string) objCall {
				return one(key, "second", mpThen(mpComplete(nil), func(_, second string) objCall {
					return objSeq(mpAbort(key, first), mpAbort(key, second), mpGet(key, nil))
				}))
			})), mpBody("second", nil)),
		argminCase("AbortMultipartUpload/an upload completed in the bucket before it was deleted and made again",
			src("test_abort_multipart_upload_after_bucket_delete_and_recreate_fails"), objBucket(),
			one("multipart-abort-after-recreate", "first", mpThen(mpComplete(nil), func(key, id string) objCall {
				return objSeq(objDelete(primary, key, nil), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
					if _, err := primary(w, u).DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(argminBkt)}); err != nil {
						return nil, err
					}
					return primary(w, u).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(argminBkt)})
				}, mpAbort(key, id))
			})), noSuchUpload),
		argminCase("ListParts/an aborted upload", src("test_abort_multipart_upload_with_completed_part_hides_upload_for_list_parts"), objBucket(),
			one("abort-completed-part", a5, func(key, id string, _ []*s3.UploadPartOutput) objCall {
				return objSeq(mpAbort(key, id), mpListParts(nil)(key, id))
			}), noSuchUpload),
		argminCase("ListParts/the part of an upload before its abort", src("test_abort_multipart_upload_with_completed_part_hides_upload_for_list_parts"), objBucket(),
			one("abort-completed-part", a5, func(key, id string, _ []*s3.UploadPartOutput) objCall { return mpListParts(nil)(key, id) }),
			Want{Fields: map[string]any{"Parts": Len(1), "Parts[0].PartNumber": 1}}),
		argminCase("AbortMultipartUpload/an upload id never given", src("test_abort_multipart_no_such_upload"), objBucket(),
			mpAbort("nokey", "nonexistent-upload-id"), noSuchUpload),
		argminCase("CompleteMultipartUpload/an upload id never given", src("test_complete_multipart_no_such_upload"), objBucket(),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String("nokey"),
					UploadId: aws.String("nonexistent-upload-id"), MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{
						{ETag: aws.String(`"abc"`), PartNumber: aws.Int32(1)}}}})
			}, Want{Refused: true}),
		argminCase("CreateMultipartUpload/a Content-Disposition of 3000 bytes", src("test_create_multipart_upload_rejects_system_metadata_over_limit"), objBucket(),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt),
					Key: aws.String("multipart-system-metadata-too-large"), ContentDisposition: aws.String(mpFill("d", 3000))})
			}, Want{Status: http.StatusBadRequest, Code: "MetadataTooLarge"}),
	})
}

// mpBadID is the suite's invalid present upload id: 1025 'a'.
var mpBadID = mpFill("a", 1025)

func TestArgminMultipartInvalidUploadID(t *testing.T) {
	src := func(test string) string { return argmin("multipart.rs", test+" (S3_TEST_ENDPOINT set)") }
	want := Want{Status: http.StatusNotFound, Fields: map[string]any{"Elements.Code": "NoSuchUpload",
		"Elements.Message":  "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
		"Elements.UploadId": mpBadID}}
	send := func(alt bool, method, query, body string) objCall {
		return objReadRaw(func(ctx context.Context, w *World, u *argminUsers) (*http.Response, error) {
			creds := u.primary
			if alt {
				creds = Root(argminAlt)
			}
			return w.Signed(ctx, creds, method, objKeyPath("multipart-invalid-upload-id")+"?"+query, []byte(body), ckH("Content-Type", "application/xml"))
		})
	}
	complete := `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"abc"</ETag></Part></CompleteMultipartUpload>`
	started := objBucket(objStep(ckUpload("multipart-invalid-upload-id", nil, nil, nil)))
	Run(t, []Case{
		argminCase("AbortMultipartUpload/an upload id of 1025 bytes", src("test_abort_multipart_upload_invalid_present_upload_id_overlong_message_external"),
			started, send(false, http.MethodDelete, "uploadId="+mpBadID, ""), want),
		argminCase("UploadPart/an upload id of 1025 bytes, by another account", src("test_upload_part_invalid_present_upload_id_overlong_auth_precedence_external"),
			started, send(true, http.MethodPut, "partNumber=1&uploadId="+mpBadID, "x"), want),
		argminCase("CompleteMultipartUpload/an upload id of 1025 bytes", src("test_complete_multipart_upload_invalid_present_upload_id_overlong_message_external"),
			objBucket(), send(false, http.MethodPost, "uploadId="+mpBadID, complete), want),
		argminCase("CompleteMultipartUpload/an upload id of 1025 bytes, by another account",
			src("test_complete_multipart_upload_invalid_present_upload_id_overlong_auth_precedence_external"),
			started, send(true, http.MethodPost, "uploadId="+mpBadID, complete), want),
		argminCase("ListParts/an upload id of 1025 bytes", src("test_list_parts_invalid_present_upload_id_overlong_message_external"),
			objBucket(), send(false, http.MethodGet, "uploadId="+mpBadID, ""), want),
		argminCase("ListParts/an upload id of 1025 bytes, by another account", src("test_list_parts_invalid_present_upload_id_overlong_auth_precedence_external"),
			started, send(true, http.MethodGet, "uploadId="+mpBadID, ""), want),
	})
}

// mpStart starts uploads of keys in set-up.
func mpStart(keys ...string) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		for _, k := range keys {
			if _, err := ckUpload(k, nil, nil, nil)(ctx, w, u); err != nil {
				return err
			}
		}
		return nil
	}
}

func mpListUploads(mod func(*s3.ListMultipartUploadsInput)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.ListMultipartUploadsInput{Bucket: aws.String(argminBkt)}
		if mod != nil {
			mod(in)
		}
		return primary(w, u).ListMultipartUploads(ctx, in)
	}
}

// mpListPage lists uploads from the markers of the page before (max-uploads 1).
func mpListPage(pages int) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		var out *s3.ListMultipartUploadsOutput
		for i := 0; i < pages; i++ {
			in := &s3.ListMultipartUploadsInput{Bucket: aws.String(argminBkt), MaxUploads: aws.Int32(1)}
			if out != nil {
				in.KeyMarker, in.UploadIdMarker = out.NextKeyMarker, out.NextUploadIdMarker
			}
			var err error
			if out, err = primary(w, u).ListMultipartUploads(ctx, in); err != nil {
				return out, err
			}
		}
		return out, nil
	}
}

func TestArgminMultipartListUploads(t *testing.T) {
	src := func(test string) string { return argmin("multipart.rs", test) }
	raw := func(query string) objCall { return objRaw(http.MethodGet, "/"+argminBkt+"?uploads&"+query, nil, nil) }
	special := "multi<>&\""
	enc := url.QueryEscape(special)
	abortAll := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := primary(w, u).ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(argminBkt)})
		if err != nil {
			return out, err
		}
		for _, up := range out.Uploads {
			if _, err := mpAbort(aws.ToString(up.Key), aws.ToString(up.UploadId))(ctx, w, u); err != nil {
				return nil, err
			}
		}
		return mpListUploads(nil)(ctx, w, u)
	}
	pages := objBucket(mpStart("a&upload", "b<upload", "c\"upload"))
	marked := objBucket(mpStart("a<>&\"", "b"))
	Run(t, []Case{
		argminCase("ListMultipartUploads/no uploads", src("test_list_multipart_uploads_empty"), objBucket(), mpListUploads(nil),
			Want{Fields: map[string]any{"Uploads": Len(0)}}),
		argminCase("ListMultipartUploads/two uploads", src("test_list_multipart_uploads_active"), objBucket(mpStart("key1", "key2")), mpListUploads(nil),
			Want{Fields: map[string]any{"Uploads": Len(2), "Uploads[0].Key": "key1", "Uploads[1].Key": "key2"}}),
		argminCase("ListMultipartUploads/after both uploads were aborted", src("test_list_multipart_uploads_active"), objBucket(mpStart("key1", "key2")), abortAll,
			Want{Fields: map[string]any{"Uploads": Len(0)}}),
		argminCase("ListMultipartUploads/a prefix", src("test_list_multipart_uploads_prefix"), objBucket(mpStart("photos/a.jpg", "docs/b.txt")),
			mpListUploads(func(in *s3.ListMultipartUploadsInput) { in.Prefix = aws.String("photos/") }),
			Want{Fields: map[string]any{"Uploads": Len(1), "Uploads[0].Key": "photos/a.jpg"}}),
		argminCase("ListMultipartUploads/max-uploads 1, first page", src("test_list_multipart_uploads_pagination_and_markers"), pages, mpListPage(1),
			Want{Fields: map[string]any{"Uploads": Len(1), "Uploads[0].Key": "a&upload", "IsTruncated": true}}),
		argminCase("ListMultipartUploads/max-uploads 1, second page", src("test_list_multipart_uploads_pagination_and_markers"), pages, mpListPage(2),
			Want{Fields: map[string]any{"Uploads": Len(1), "Uploads[0].Key": "b<upload", "IsTruncated": true}}),
		argminCase("ListMultipartUploads/max-uploads 1, last page", src("test_list_multipart_uploads_pagination_and_markers"), pages, mpListPage(3),
			Want{Fields: map[string]any{"Uploads": Len(1), "Uploads[0].Key": "c\"upload", "IsTruncated": false}}),
		argminCase("ListMultipartUploads/an upload-id-marker of 1025 bytes", src("test_list_multipart_uploads_invalid_present_upload_id_marker_rejected"),
			objBucket(mpStart("same-key", "same-key", "same-key", "zzz")), raw("key-marker=same-key&upload-id-marker="+mpFill("x", 1025)),
			Want{Status: http.StatusBadRequest, Fields: map[string]any{"Elements.Code": "InvalidArgument", "Elements.Message": "Invalid uploadId marker"}}),
		argminCase("ListMultipartUploads/encoding-type url", src("test_list_multipart_uploads_encoding_type_url"), objBucket(mpStart("multi part <>&\"+")),
			mpListUploads(func(in *s3.ListMultipartUploadsInput) { in.EncodingType = types.EncodingTypeUrl }),
			Want{Fields: map[string]any{"EncodingType": "url", "Uploads": Len(1), "Uploads[0].Key": "multi+part+%3C%3E%26%22%2B"}}),
		argminCase("ListMultipartUploads/encoding-type url encodes Prefix and Key", src("test_list_multipart_uploads_raw_response_encodes_key_fields"),
			objBucket(mpStart(special)), raw("encoding-type=url&prefix="+enc), Want{Fields: map[string]any{"Body": bktAll(
				"<EncodingType>url</EncodingType>", "<Prefix>multi%3C%3E%26%22</Prefix>", "<Key>multi%3C%3E%26%22</Key>")}}),
		argminCase("ListMultipartUploads/without encoding-type, Prefix and Key are escaped XML", src("test_list_multipart_uploads_raw_response_without_encoding_type_keeps_raw_key_fields"),
			objBucket(mpStart(special)), raw("prefix="+enc), Want{Fields: map[string]any{"Body": bktAll(
				"<Prefix>multi&lt;&gt;&amp;&quot;</Prefix>", "<Key>multi&lt;&gt;&amp;&quot;</Key>"), "Elements.EncodingType": Absent}}),
		argminCase("ListMultipartUploads/encoding-type url encodes KeyMarker", src("test_list_multipart_uploads_raw_response_encodes_key_marker"), marked,
			raw("encoding-type=url&key-marker="+url.QueryEscape("a<>&\"")+"&max-uploads=1"),
			Want{Fields: map[string]any{"Body": bktAll("<KeyMarker>a%3C%3E%26%22</KeyMarker>", "<Key>b</Key>")}}),
		argminCase("ListMultipartUploads/encoding-type url encodes NextKeyMarker", src("test_list_multipart_uploads_raw_response_encodes_next_markers"), marked,
			raw("encoding-type=url&max-uploads=1"), Want{Fields: map[string]any{"Body": bktHas("<NextKeyMarker>a%3C%3E%26%22</NextKeyMarker>"),
				"Elements.NextUploadIdMarker": Present}}),
	})
}

func TestArgminMultipartListParts(t *testing.T) {
	src := func(test string) string { return argmin("multipart.rs", test) }
	a5 := mpFill("a", ckPartSize)
	list := func(key string, parts []ckPart, create func(*s3.CreateMultipartUploadInput), mod func(*s3.ListPartsInput)) objCall {
		return ckUpload(key, create, parts, func(key, id string, _ []*s3.UploadPartOutput) objCall { return mpListParts(mod)(key, id) })
	}
	crc := ckCreate(types.ChecksumAlgorithmCrc32, "")
	crcParts := []ckPart{ckWith(types.ChecksumAlgorithmCrc32, a5, ckSum("CRC32", a5)), ckWith(types.ChecksumAlgorithmCrc32, mpFill("b", 1024), ckSum("CRC32", mpFill("b", 1024)))}
	second := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return ckUpload("list-parts-page", crc, crcParts, func(key, id string, _ []*s3.UploadPartOutput) objCall {
			return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				first, err := mpListParts(func(in *s3.ListPartsInput) { in.MaxParts = aws.Int32(1) })(key, id)(ctx, w, u)
				if err != nil {
					return first, err
				}
				return mpListParts(func(in *s3.ListPartsInput) {
					in.MaxParts, in.PartNumberMarker = aws.Int32(1), first.(*s3.ListPartsOutput).NextPartNumberMarker
				})(key, id)(ctx, w, u)
			}
		})(ctx, w, u)
	}
	Run(t, []Case{
		argminCase("ListParts/two parts", src("test_list_parts"), objBucket(), list("list-parts-key", mpParts(a5, mpFill("b", 1024)), nil, nil),
			Want{Fields: map[string]any{"Parts": Len(2), "Parts[0].PartNumber": 1, "Parts[0].Size": ckPartSize, "Parts[1].PartNumber": 2, "Parts[1].Size": 1024}}),
		argminCase("ListParts/max-parts 0", src("test_list_parts_zero_max_parts"), objBucket(),
			list("list-parts-zero-max", mpParts(a5), nil, func(in *s3.ListPartsInput) { in.MaxParts = aws.Int32(0) }),
			Want{Fields: map[string]any{"Parts": Len(0), "IsTruncated": false, "NextPartNumberMarker": "0"}}),
		argminCase("ListParts/max-parts 1 of a CRC32 upload, first page", src("test_list_parts_pagination_with_checksums"), objBucket(),
			list("list-parts-page", crcParts, crc, func(in *s3.ListPartsInput) { in.MaxParts = aws.Int32(1) }),
			Want{Fields: map[string]any{"Parts": Len(1), "Parts[0].PartNumber": 1, "Parts[0].ChecksumCRC32": ckSum("CRC32", a5),
				"ChecksumAlgorithm": "CRC32", "IsTruncated": true}}),
		argminCase("ListParts/max-parts 1 of a CRC32 upload, second page", src("test_list_parts_pagination_with_checksums"), objBucket(), second,
			Want{Fields: map[string]any{"Parts": Len(1), "Parts[0].PartNumber": 2, "Parts[0].ChecksumCRC32": ckSum("CRC32", mpFill("b", 1024)),
				"ChecksumAlgorithm": "CRC32", "IsTruncated": false}}),
	})
}

func TestArgminMultipartComplete(t *testing.T) {
	src := func(test string) string { return argmin("multipart.rs", test) }
	hello := "hello world"
	size := func(n int64) ckFinish {
		return mpComplete(func(in *s3.CompleteMultipartUploadInput) { in.MpuObjectSize = aws.Int64(n) })
	}
	tiny := mpParts(mpFill("\x00", 100), mpFill("\x00", 100))
	withPart := func(n int32, etag *string) ckFinish {
		return mpComplete(func(in *s3.CompleteMultipartUploadInput) {
			in.MultipartUpload.Parts[0].PartNumber = aws.Int32(n)
			if etag != nil {
				in.MultipartUpload.Parts[0].ETag = etag
			}
		})
	}
	Run(t, []Case{
		argminCase("CompleteMultipartUpload/x-amz-mp-object-size of the object", src("test_complete_multipart_upload_accepts_matching_expected_object_size"), objBucket(),
			ckUpload("mp-object-size-match", nil, mpParts(hello), mpThen(size(int64(len(hello))), func(key, _ string) objCall { return mpGet(key, nil) })),
			mpBody(hello, map[string]any{"Out.ContentLength": len(hello)})),
		argminCase("CompleteMultipartUpload/x-amz-mp-object-size one byte more", src("test_complete_multipart_upload_rejects_mismatched_expected_object_size"), objBucket(),
			ckUpload("mp-object-size-mismatch", nil, mpParts(hello), size(int64(len(hello))+1)), Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}),
		argminCase("CompleteMultipartUpload/two parts of 100 bytes", src("test_multipart_part_too_small"), objBucket(),
			ckUpload("part-too-small", nil, tiny, mpComplete(nil)), Want{Refused: true}),
		argminCase("CompleteMultipartUpload/no parts", src("test_multipart_complete_empty_parts"), objBucket(),
			ckUpload("empty-complete", nil, nil, mpComplete(func(in *s3.CompleteMultipartUploadInput) { in.MultipartUpload = &types.CompletedMultipartUpload{} })),
			Want{Refused: true}),
		argminCase("CompleteMultipartUpload/a made-up ETag", src("test_multipart_complete_incorrect_etag"), objBucket(),
			ckUpload("wrong-etag", nil, mpParts(mpFill("\x00", 256)), withPart(1, aws.String(`"ffffffffffffffff"`))),
			Want{Status: http.StatusBadRequest, Code: "InvalidPart"}),
		argminCase("CompleteMultipartUpload/a part never uploaded", src("test_multipart_complete_missing_part"), objBucket(),
			ckUpload("missing-part", nil, mpParts(mpFill("\x00", 256)), withPart(9999, nil)), Want{Status: http.StatusBadRequest, Code: "InvalidPart"}),
		argminCase("CompleteMultipartUpload/parts in reverse order", src("test_multipart_complete_invalid_order"), objBucket(),
			ckUpload("invalid-order", nil, mpParts(mpFill("a", ckPartSize), mpFill("b", 256)), mpComplete(func(in *s3.CompleteMultipartUploadInput) {
				p := in.MultipartUpload.Parts
				p[0], p[1] = p[1], p[0]
			})), Want{Status: http.StatusBadRequest, Code: "InvalidPartOrder"}),
		argminCase("UploadPart/part number 10001", src("test_upload_part_invalid_part_number_exceeds_max"), objBucket(),
			ckUpload("invalid-upload-part-number", nil, []ckPart{{"hello", func(in *s3.UploadPartInput) { in.PartNumber = aws.Int32(10_001) }}}, nil),
			Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}),
		argminCase("CompleteMultipartUpload/over a PutObject", src("test_multipart_overwrites_existing_object"), objBucket(argminPut("overwrite-me", "original", "")),
			ckUpload("overwrite-me", nil, mpParts(mpFill("z", 512)), mpThen(mpComplete(nil), func(key, _ string) objCall { return mpGet(key, nil) })),
			mpBody(mpFill("z", 512), nil)),
		argminCase("HeadObject/metadata and Content-Type of the upload", src("test_multipart_metadata_preserved"), objBucket(),
			ckUpload("meta-preserved", func(in *s3.CreateMultipartUploadInput) {
				in.ContentType, in.Metadata = aws.String("application/octet-stream"), map[string]string{"testkey": "testvalue"}
			}, mpParts(mpFill("m", 128)), mpThen(mpComplete(nil), func(key, _ string) objCall { return objHead(primary, key, nil) })),
			Want{Fields: map[string]any{"ContentType": "application/octet-stream", "Metadata.testkey": "testvalue"}}),
	})
}

func TestArgminMultipartParts(t *testing.T) {
	src := func(test string) string { return argmin("multipart.rs", test) }
	get := func(key string) func(string, string) objCall {
		return func(string, string) objCall { return mpGet(key, nil) }
	}
	var cases []Case
	// A part uploaded again replaces the first.
	for _, r := range []struct{ test, key, first, second string }{
		{"test_multipart_part_overwrite", "part-overwrite", mpFill("a", 256), mpFill("b", 512)},
		{"test_multipart_upload_resend_part", "resend-part", mpFill("A", ckPartSize), mpFill("B", ckPartSize)},
	} {
		again := []ckPart{{r.first, nil}, {r.second, func(in *s3.UploadPartInput) { in.PartNumber = aws.Int32(1) }}}
		cases = append(cases, argminCase("CompleteMultipartUpload/part 1 uploaded twice ("+strconv.Itoa(len(r.second))+" bytes)", src(r.test), objBucket(),
			ckUpload(r.key, nil, again, func(key, id string, outs []*s3.UploadPartOutput) objCall {
				return mpThen(mpComplete(nil), get(key))(key, id, outs[1:])
			}), mpBody(r.second, nil)))
	}
	mb, kb := 1<<20, 1<<10
	for _, total := range []int{5 * mb, 5*mb + 100*kb, 5*mb + 600*kb, 10*mb + 100*kb, 10*mb + 600*kb, 10 * mb} {
		var bodies []string
		for left := total; left > 0; left -= min(left, ckPartSize) {
			bodies = append(bodies, mpFill("x", min(left, ckPartSize)))
		}
		cases = append(cases, argminCase(fmt.Sprintf("HeadObject/a multipart object of %d bytes", total), src("test_multipart_upload_multiple_sizes"), objBucket(),
			ckUpload("multi-sizes", nil, mpParts(bodies...), mpThen(mpComplete(nil), func(key, _ string) objCall { return objHead(primary, key, nil) })),
			Want{Fields: map[string]any{"ContentLength": total}}))
	}
	// Two uploads of one key: the first completed, the second aborted.
	twoUploads := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		second, err := primary(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String("concurrent")})
		if err != nil {
			return second, err
		}
		return ckUpload("concurrent", nil, mpParts(mpFill("1", 100)), mpThen(mpComplete(nil), func(key, _ string) objCall {
			return objSeq(mpAbort(key, aws.ToString(second.UploadId)), mpGet(key, nil))
		}))(ctx, w, u)
	}
	cases = append(cases,
		argminCase("ListMultipartUploads/two uploads of one key", src("test_multipart_concurrent_uploads_same_key"), objBucket(mpStart("concurrent", "concurrent")),
			mpListUploads(nil), Want{Fields: map[string]any{"Uploads": Len(2)}}),
		argminCase("GetObject/of two uploads of one key, the completed one", src("test_multipart_concurrent_uploads_same_key"), objBucket(), twoUploads,
			mpBody(mpFill("1", 100), nil)),
		argminCase("HeadObject/a multipart object's size", src("test_multipart_head_object"), objBucket(),
			ckUpload("multipart-head", nil, mpParts(mpFill("h", ckPartSize), mpFill("i", 2048)),
				mpThen(mpComplete(nil), func(key, _ string) objCall { return objHead(primary, key, nil) })),
			Want{Fields: map[string]any{"ContentLength": ckPartSize + 2048}}),
		argminCase("GetObject/a range across two parts", src("test_multipart_range_read"), objBucket(objStep(mpDone("multipart-range", mpFill("A", ckPartSize), mpFill("B", 2048)))),
			mpGet("multipart-range", func(in *s3.GetObjectInput) {
				in.Range = aws.String(fmt.Sprintf("bytes=%d-%d", ckPartSize-10, ckPartSize+9))
			}),
			Want{Status: http.StatusPartialContent, Fields: mpBody(mpFill("A", 10)+mpFill("B", 10), nil).Fields}),
		argminCase("GetObject/partNumber with a Range", src("test_multipart_get_part_rejects_range_header"),
			objBucket(objStep(mpDone("multipart-part-precedence", mpFill("A", ckPartSize), mpFill("B", 2048)))),
			mpGet("multipart-part-precedence", func(in *s3.GetObjectInput) { in.PartNumber, in.Range = aws.Int32(2), aws.String("bytes=0-1") }),
			Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}),
	)
	Run(t, cases)
}
