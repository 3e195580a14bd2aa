package golden

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// objKeyPath is the path of key in argminBkt.
func objKeyPath(key string) string { return "/" + argminBkt + "/" + key }

func TestArgminObjCRUD(t *testing.T) {
	src := func(test string) string { return argmin("object_crud.rs", test) }
	put := func(key, body string, mod func(*s3.PutObjectInput)) argminStep {
		return objStep(objPut(primary, key, body, mod))
	}
	get := func(key string) objCall { return objGet(primary, key, nil) }
	head := func(key string) objCall { return objHead(primary, key, nil) }
	withMeta := func(m map[string]string) func(*s3.PutObjectInput) {
		return func(in *s3.PutObjectInput) { in.Metadata = m }
	}
	Run(t, []Case{
		argminCase("GetObject/what was written", src("test_object_write_file"), objBucket(put("testobj", "hello world", nil)), get("testobj"), objBodyIs("hello world")),
		argminCase("GetObject/x-amz-expected-bucket-owner the owner", src("test_get_object_expected_bucket_owner"), objBucket(put("testobj", "hello expected owner", nil)),
			objGet(primary, "testobj", func(in *s3.GetObjectInput) { in.ExpectedBucketOwner = aws.String(owner) }), objBodyIs("hello expected owner")),
		argminCase("GetObject/x-amz-expected-bucket-owner another account", src("test_get_object_wrong_expected_bucket_owner"), objBucket(put("testobj", "hello expected owner", nil)),
			objGet(primary, "testobj", func(in *s3.GetObjectInput) { in.ExpectedBucketOwner = aws.String("000000000000") }), argminDenied),
		argminCase("GetObject/an empty object", src("test_object_write_empty"), objBucket(put("empty", "", nil)), get("empty"), objBodyIs("")),
		argminCase("GetObject/the second write", src("test_object_write_overwrite"), objBucket(put("obj", "first", nil), put("obj", "second", nil)), get("obj"), objBodyIs("second")),
		argminCase("PutObject/answers an ETag", src("test_object_write_check_etag"), objBucket(), objPut(primary, "obj", "data", nil), Want{Fields: map[string]any{"ETag": Present}}),
		argminCase("GetObject/a missing key, raw", src("test_object_read_not_exist"), objBucket(),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return w.Signed(ctx, u.primary, http.MethodGet, objKeyPath("no-such-key"), nil, nil)
			}, Want{Status: http.StatusNotFound, Code: "NoSuchKey"}),
		argminCase("HeadObject/an object", src("test_object_head_existing"), objBucket(put("obj", "head test content", nil)), head("obj"),
			Want{Fields: map[string]any{"ContentLength": 17, "ETag": Present}}),
		argminCase("DeleteObject/an object", src("test_object_delete_existing"), objBucket(put("todelete", "bye", nil)),
			objDelete(primary, "todelete", nil), Want{Status: http.StatusNoContent}),
		argminCase("DeleteObject/a missing key", src("test_object_delete_nonexistent"), objBucket(), objDelete(primary, "nonexistent", nil), Want{Status: http.StatusNoContent}),
		argminCase("GetObject/its Content-Type", src("test_object_content_type"),
			objBucket(put("typed", "<h1>hi</h1>", func(in *s3.PutObjectInput) { in.ContentType = aws.String("text/html") })), get("typed"),
			Want{Fields: map[string]any{"Out.ContentType": "text/html"}}),
		argminCase("HeadObject/the default Content-Type", src("test_object_default_content_type"), objBucket(put("noct", "binary", nil)), head("noct"),
			Want{Fields: map[string]any{"ContentType": "application/octet-stream"}}),
		argminCase("HeadObject/user metadata", src("test_object_metadata_round_trip"), objBucket(put("meta", "data", withMeta(map[string]string{"color": "blue", "size": "42"}))),
			head("meta"), Want{Fields: map[string]any{"Metadata.color": "blue", "Metadata.size": "42"}}),
		argminCase("GetObject/user metadata", src("test_object_metadata_in_get"), objBucket(put("meta2", "data", withMeta(map[string]string{"tag": "value"}))),
			get("meta2"), Want{Fields: map[string]any{"Out.Metadata.tag": "value"}}),
		argminCase("GetObject/an empty metadata value", src("test_object_metadata_empty_value"), objBucket(put("meta-empty", "bar", withMeta(map[string]string{"meta1": ""}))),
			get("meta-empty"), Want{Fields: map[string]any{"Out.Metadata": Len(1), "Out.Metadata.meta1": ""}}),
		argminCase("GetObject/metadata overwritten with an empty value", src("test_object_metadata_overwrite_to_empty"),
			objBucket(put("foo", "bar", withMeta(map[string]string{"meta1": "oldmeta"})), put("foo", "bar", withMeta(map[string]string{"meta1": ""}))),
			get("foo"), Want{Fields: map[string]any{"Out.Metadata": Len(1), "Out.Metadata.meta1": ""}}),
		argminCase("GetObject/a write without metadata drops the old", src("test_object_metadata_replaced_on_put"),
			objBucket(put("foo", "bar", withMeta(map[string]string{"meta1": "bar"})), put("foo", "bar", nil)),
			get("foo"), Want{Fields: map[string]any{"Out.Metadata": Len(0)}}),
		argminCase("GetObject/non-ASCII metadata comes back RFC 2047 encoded", src("test_object_metadata_unicode_accepted"),
			objBucket(put("unicode-meta", "bar", withMeta(map[string]string{"meta1": "Hello World\u00e9"}))),
			get("unicode-meta"), Want{Fields: map[string]any{"Out.Metadata.meta1": "=?UTF-8?Q?Hello_World=C3=83=C2=A9?="}}),
		argminCase("PutObject/user metadata over 2 KB", src("test_object_metadata_too_large"), objBucket(),
			objRaw(http.MethodPut, objKeyPath("metadata-too-large"), []byte{}, http.Header{"X-Amz-Meta-Mint-Test": {strings.Repeat("m", 3000)}}),
			Want{Status: http.StatusBadRequest, Fields: map[string]any{"Elements.Code": "MetadataTooLarge", "Elements.Size": "3009", "Elements.MaxSizeAllowed": "2048"}}),
		argminCase("PutObject/a Content-Disposition over 2 KB", src("test_object_system_metadata_too_large"), objBucket(),
			objRaw(http.MethodPut, objKeyPath("system-metadata-too-large"), []byte{}, http.Header{"Content-Disposition": {strings.Repeat("d", 3000)}}),
			Want{Status: http.StatusBadRequest, Fields: map[string]any{"Elements.Code": "MetadataTooLarge", "Elements.Size": "3019", "Elements.MaxSizeAllowed": "2048"}}),
		argminCase("PutObject/a header section over 8 KB", src("test_put_object_rejects_request_header_section_over_limit"), objBucket(),
			objRaw(http.MethodPut, objKeyPath("header-section-too-large"), []byte{}, http.Header{"X-Test-Padding": {strings.Repeat("p", 9000)}}),
			Want{Status: http.StatusBadRequest, Fields: map[string]any{"Elements.Code": "RequestHeaderSectionTooLarge", "Elements.MaxSizeAllowed": "8192"}}),
		argminCase("PutObject/a key over 1024 bytes", src("test_put_object_key_too_long_error_shape"), objBucket(),
			objRaw(http.MethodPut, objKeyPath(strings.Repeat("k", 1025)), []byte("x"), nil),
			Want{Status: http.StatusBadRequest, Fields: map[string]any{"Elements.Code": "KeyTooLongError", "Elements.Size": "1025", "Elements.MaxSizeAllowed": "1024"}}),
		argminCase("HeadObject/the ETag PutObject answered", src("test_object_etag_matches_head_and_get"), objBucket(put("etag", "etag test", nil)),
			head("etag"), Want{Fields: map[string]any{"ETag": objETag("etag test")}}),
		argminCase("PutObject/the same content, the same ETag", src("test_object_same_content_same_etag"), objBucket(put("obj1", "deterministic content", nil)),
			objPut(primary, "obj2", "deterministic content", nil), Want{Fields: map[string]any{"ETag": objETag("deterministic content")}}),
		argminCase("GetObject/a key with slashes", src("test_object_key_with_slashes"), objBucket(put("a/b/c/d", "nested", nil)), get("a/b/c/d"), objBodyIs("nested")),
		argminCase("GetObject/a key with a space", src("test_object_key_with_spaces"), objBucket(put("hello world", "spaces", nil)), get("hello world"), objBodyIs("spaces")),
		argminCase("GetObject/a non-ASCII key", src("test_object_read_unreadable"), objBucket(put("\u2680", "data", nil)), get("\u2680"), objBodyIs("data")),
		argminCase("HeadObject/Cache-Control", src("test_object_write_cache_control"),
			objBucket(put("cached", "data", func(in *s3.PutObjectInput) { in.CacheControl = aws.String("max-age=3600") })), head("cached"),
			Want{Fields: map[string]any{"CacheControl": "max-age=3600"}}),
		argminCase("HeadObject/Content-Disposition", src("test_object_content_disposition"),
			objBucket(put("file", "data", func(in *s3.PutObjectInput) { in.ContentDisposition = aws.String(`attachment; filename="report.pdf"`) })), head("file"),
			Want{Fields: map[string]any{"ContentDisposition": `attachment; filename="report.pdf"`}}),
		argminCase("HeadObject/Content-Encoding", src("test_object_content_encoding"),
			objBucket(put("gzipped", "compressed", func(in *s3.PutObjectInput) { in.ContentEncoding = aws.String("gzip") })), head("gzipped"),
			Want{Fields: map[string]any{"ContentEncoding": "gzip"}}),
		argminCase("HeadObject/Content-Language", src("test_object_content_language"),
			objBucket(put("french", "bonjour", func(in *s3.PutObjectInput) { in.ContentLanguage = aws.String("fr") })), head("french"),
			Want{Fields: map[string]any{"ContentLanguage": "fr"}}),
		argminCase("HeadObject/an empty object", src("test_object_head_zero_bytes"), objBucket(put("empty", "", nil)), head("empty"),
			Want{Fields: map[string]any{"ContentLength": 0, "ETag": Present}}),
		argminCase("HeadObject/Expires", src("test_object_write_expires"),
			objBucket(put("obj", "data", func(in *s3.PutObjectInput) { in.Expires = aws.Time(objFuture) })), head("obj"),
			Want{Fields: map[string]any{"ExpiresString": Present}}),
		argminCase("PutObject/into a missing bucket", src("test_object_write_to_nonexist_bucket"), nil,
			objStatusOnly(objPut(primary, "key", "data", nil)), Want{Status: http.StatusNotFound}),
		argminCase("GetObjectAcl/a new object's ACL", src("test_get_object_acl_response_shape"), objBucket(put("shape-object-acl.txt", "object-acl", nil)),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String("shape-object-acl.txt")})
			}, Want{Fields: map[string]any{"Owner.ID": Present, "Owner.DisplayName": Absent, "Grants": Len(1), "Grants[0].Permission": "FULL_CONTROL",
				"Grants[0].Grantee.Type": "CanonicalUser", "Grants[0].Grantee.DisplayName": Absent}}),
	})
}

func TestArgminObjCRUDRawHeaders(t *testing.T) {
	src := func(test string) string { return argmin("object_crud.rs", test) }
	var cases []Case
	for i, h := range [][2]string{
		{"Cache-Control", "max-age=60,private"},
		{"Content-Disposition", `attachment;filename="report.pdf"`},
		{"Content-Encoding", "gzip,br"},
		{"Content-Language", "en-US,fr-CA"},
		{"Content-Type", "text/plain;charset=utf-8"},
		{"Expires", "Mon, 15 Jan 2024 12:30:45 GMT"},
	} {
		key := "raw-header-roundtrip-" + string(rune('0'+i))
		cases = append(cases, argminCase("HeadObject/"+h[0]+" comes back as sent", src("test_object_system_metadata_headers_round_trip_raw_values"),
			objBucket(objRawPut(key, "data", http.Header{h[0]: {h[1]}})), objRaw(http.MethodHead, objKeyPath(key), nil, nil),
			Want{Fields: map[string]any{"header:" + h[0]: h[1]}}))
	}
	encoding := func(ce string) Case {
		return argminCase("HeadObject/Content-Encoding "+ce+" of a plain PUT", src("test_object_content_encoding_aws_chunked"),
			objBucket(objRawPut("ce-test", "data", http.Header{"Content-Encoding": {ce}, "X-Amz-Content-Sha256": {sha256Hex("data")}})),
			objHead(primary, "ce-test", nil), Want{Fields: map[string]any{"ContentEncoding": ce}})
	}
	sdkEncoding := func(ce string) Case {
		return argminCase("HeadObject/Content-Encoding "+ce, src("test_object_content_encoding_aws_chunked"),
			objBucket(objStep(objPut(primary, "ce-test", "data", func(in *s3.PutObjectInput) { in.ContentEncoding = aws.String(ce) }))),
			objHead(primary, "ce-test", nil), Want{Fields: map[string]any{"ContentEncoding": ce}})
	}
	shape := objBucket(objRawPut("shape-object.txt", "response-shape-body", http.Header{"Content-Type": {"text/plain"}, "Content-Encoding": {"gzip"},
		"Content-Disposition": {`attachment; filename="shape-object.txt"`}, "Content-Language": {"en-US"}, "Cache-Control": {"max-age=60"},
		"X-Amz-Meta-Author": {"alice"}}))
	readHeaders := map[string]any{"header:ETag": objETag("response-shape-body"), "header:Last-Modified": Present, "header:Accept-Ranges": "bytes",
		"header:Content-Type": "text/plain", "header:Content-Encoding": "gzip", "header:Cache-Control": "max-age=60",
		"header:Content-Disposition": `attachment; filename="shape-object.txt"`, "header:Content-Language": "en-US",
		"header:X-Amz-Meta-Author": "alice", "header:X-Amz-Server-Side-Encryption": "AES256", "header:Content-Length": "19"}
	getHeaders := map[string]any{"Body": "response-shape-body"}
	for k, v := range readHeaders {
		getHeaders[k] = v
	}
	cases = append(cases, encoding("gzip, aws-chunked"), encoding("aws-chunked, gzip"), encoding("aws-chunked"), sdkEncoding("gzip"), sdkEncoding("deflate, gzip"),
		argminCase("PutObject/the answer's headers", src("test_put_get_head_object_response_shape"), objBucket(),
			objRaw(http.MethodPut, objKeyPath("shape-object.txt"), []byte("response-shape-body"), http.Header{"Content-Type": {"text/plain"}, "Content-Encoding": {"gzip"},
				"Content-Disposition": {`attachment; filename="shape-object.txt"`}, "Content-Language": {"en-US"}, "Cache-Control": {"max-age=60"},
				"X-Amz-Meta-Author": {"alice"}}),
			Want{Fields: map[string]any{"header:ETag": objETag("response-shape-body"), "header:X-Amz-Checksum-Crc64nvme": "1F3PqQNotl4=",
				"header:X-Amz-Checksum-Type": "FULL_OBJECT", "header:X-Amz-Server-Side-Encryption": "AES256", "Body": ""}}),
		argminCase("GetObject/the answer's headers", src("test_put_get_head_object_response_shape"), shape,
			objRaw(http.MethodGet, objKeyPath("shape-object.txt"), nil, http.Header{"Accept-Encoding": {"identity"}}), Want{Fields: getHeaders}),
		argminCase("HeadObject/the answer's headers", src("test_put_get_head_object_response_shape"), shape,
			objRaw(http.MethodHead, objKeyPath("shape-object.txt"), nil, nil), Want{Fields: readHeaders}),
	)
	Run(t, cases)
}
