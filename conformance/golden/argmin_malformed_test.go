package golden

import (
	"context"
	"hash/crc32"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Bodies that are no XML, or not the XML an operation takes, as argmin's
// suite sent them raw to AWS S3 (malformed_xml.rs, 2026). Its assertions
// pin each answer's whole body, so these cases check the body too: most S3
// errors start with an XML declaration, while CompleteMultipartUpload's,
// DeleteObjects' and OwnershipControls' MalformedXML come without one
// (src/shape.rs: malformed_xml against malformed_xml_no_decl).

const (
	declaration   = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
	msgTaggingHdr = "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates."
)

var notUTF8 = string([]byte{0xFF, 0xFE, 0x80, 0x81})

// malformed is MalformedXML, its body declared or not.
func malformed(declared bool) Want {
	return errorBody(Want{Status: http.StatusBadRequest, Code: "MalformedXML", Message: msgMalformedXML}, declared)
}

// errorBody adds to want the check that the raw body starts as S3's does:
// with the XML declaration, or straight with <Error>.
func errorBody(want Want, declared bool) Want {
	start := "<Error><Code>" + want.Code + "</Code>"
	if declared {
		start = declaration + start
	}
	want.Fields = map[string]any{"body": Prefix(start)}
	return want
}

// rawSigned sends body signed by the primary user to the argmin bucket's
// path (query included), with the checksum headers argmin sent: a CRC32
// for a PUT, a CRC32 and Content-MD5 for DeleteObjects, none otherwise.
func rawSigned(method, path, body string, checksums bool, header http.Header) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		h := header.Clone()
		if h == nil {
			h = http.Header{}
		}
		if checksums {
			h.Set("X-Amz-Checksum-Crc32", crc32Of(crc32.IEEETable, body))
			if method == http.MethodPost {
				h.Set("Content-Md5", argminMD5([]byte(body)))
			}
		}
		return w.Signed(ctx, u.primary, method, "/"+argminBkt+path, []byte(body), h)
	}
}

// completeRaw starts a multipart upload of key and completes it with body.
func completeRaw(key, body string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		up, err := primary(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		if err != nil {
			return nil, err
		}
		return rawSigned(http.MethodPost, "/"+key+"?uploadId="+aws.ToString(up.UploadId), body, false, nil)(ctx, w, u)
	}
}

func TestArgminMalformedXML(t *testing.T) {
	src := func(test string) string { return argmin("malformed_xml.rs", test) }
	c := func(name, test string, call func(ctx context.Context, w *World, u *argminUsers) (any, error), want Want) Case {
		return argminCase(name, src(test), argminSteps(argminBucket(false, "")), call, want)
	}
	put := func(sub, body string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return rawSigned(http.MethodPut, "?"+sub, body, true, nil)
	}
	del := func(body string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return rawSigned(http.MethodPost, "?delete", body, true, nil)
	}
	tagged := func(tagging string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return rawSigned(http.MethodPut, "/tagged", "hello", false, http.Header{"X-Amz-Tagging": {tagging}})
	}
	const ns = `xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`
	cors := func(rule string) string {
		return "<CORSConfiguration><CORSRule>" + rule + "</CORSRule></CORSConfiguration>"
	}
	Run(t, []Case{
		c("DeleteObjects/an Object left open", "test_delete_objects_malformed_xml", del("<Delete><Object><Key>k</Key></Delete>"), malformed(false)),
		c("DeleteObjects/an Object without a Key", "test_delete_objects_missing_key", del("<Delete><Object><NotKey>x</NotKey></Object></Delete>"), malformed(false)),
		c("DeleteObjects/a key of 1025 bytes", "test_delete_objects_oversized_key_rejected", del("<Delete><Object><Key>"+strings.Repeat("a", 1025)+"</Key></Object></Delete>"),
			errorBody(Want{Status: http.StatusBadRequest, Code: "KeyTooLongError", Message: "Your key is too long"}, false)),
		c("DeleteObjects/no UTF-8", "test_delete_objects_non_utf8", del(notUTF8), malformed(false)),
		c("PutBucketVersioning/no Status", "test_put_versioning_missing_status", put("versioning", "<VersioningConfiguration "+ns+"></VersioningConfiguration>"),
			errorBody(Want{Status: http.StatusBadRequest, Code: "IllegalVersioningConfigurationException", Message: "The Versioning element must be specified"}, true)),
		c("PutBucketVersioning/an unknown Status", "test_put_versioning_invalid_status", put("versioning", "<VersioningConfiguration "+ns+"><Status>Invalid</Status></VersioningConfiguration>"), malformed(true)),
		c("PutBucketVersioning/no UTF-8", "test_put_versioning_non_utf8", put("versioning", notUTF8), malformed(true)),
		c("PutBucketCors/a CORSRule left open", "test_put_cors_unclosed_rule", put("cors", "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin></CORSConfiguration>"), malformed(true)),
		c("PutBucketCors/a rule without AllowedOrigin", "test_put_cors_missing_origin", put("cors", cors("<AllowedMethod>GET</AllowedMethod>")), malformed(true)),
		c("PutBucketCors/a rule without AllowedMethod", "test_put_cors_missing_method", put("cors", cors("<AllowedOrigin>*</AllowedOrigin>")), malformed(true)),
		c("PutBucketCors/no rules", "test_put_cors_empty_config", put("cors", "<CORSConfiguration></CORSConfiguration>"), malformed(true)),
		c("PutBucketCors/no CORSConfiguration", "test_put_cors_missing_wrapper", put("cors", "<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>"), malformed(true)),
		c("PutBucketCors/MaxAgeSeconds no number", "test_put_cors_invalid_max_age",
			put("cors", cors("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>abc</MaxAgeSeconds>")), malformed(true)),
		c("PutBucketCors/method PATCH", "test_put_cors_invalid_method", put("cors", cors("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod>")),
			errorBody(Want{Status: http.StatusBadRequest, Code: "InvalidRequest", Message: "Found unsupported HTTP method in CORS config. Unsupported method is PATCH"}, true)),
		c("PutBucketCors/no UTF-8", "test_put_cors_non_utf8", put("cors", notUTF8), malformed(true)),
		c("PutBucketTagging/no Tagging", "test_put_bucket_tagging_malformed_xml", put("tagging", "<TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet>"), malformed(true)),
		c("PutBucketTagging/no UTF-8", "test_put_tagging_non_utf8", put("tagging", notUTF8), malformed(true)),
		c("PutPublicAccessBlock/no PublicAccessBlockConfiguration", "test_put_public_access_block_malformed_xml", put("publicAccessBlock", "<BlockPublicAcls>true</BlockPublicAcls>"), malformed(true)),
		c("PutPublicAccessBlock/no UTF-8", "test_put_public_access_block_non_utf8", put("publicAccessBlock", notUTF8), malformed(true)),
		c("PutBucketOwnershipControls/no OwnershipControls", "test_put_ownership_controls_missing_wrapper",
			put("ownershipControls", "<Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule>"), malformed(false)),
		c("PutBucketOwnershipControls/no Rule", "test_put_ownership_controls_missing_rule", put("ownershipControls", "<OwnershipControls></OwnershipControls>"), malformed(false)),
		c("PutBucketOwnershipControls/no ObjectOwnership", "test_put_ownership_controls_missing_value", put("ownershipControls", "<OwnershipControls><Rule></Rule></OwnershipControls>"), malformed(false)),
		c("PutBucketOwnershipControls/no UTF-8", "test_put_ownership_controls_non_utf8", put("ownershipControls", notUTF8), malformed(false)),
		c("CompleteMultipartUpload/no Part", "test_complete_multipart_malformed_xml", completeRaw("mpu-malformed", "<CompleteMultipartUpload>not a part</CompleteMultipartUpload>"), malformed(false)),
		c("CompleteMultipartUpload/a Part without PartNumber", "test_complete_multipart_missing_part_number",
			completeRaw("mpu-no-pn", `<CompleteMultipartUpload><Part><ETag>"abc"</ETag></Part></CompleteMultipartUpload>`), malformed(false)),
		c("CompleteMultipartUpload/PartNumber no number", "test_complete_multipart_invalid_part_number",
			completeRaw("mpu-badpn", `<CompleteMultipartUpload><Part><PartNumber>abc</PartNumber><ETag>"x"</ETag></Part></CompleteMultipartUpload>`), malformed(false)),
		c("CompleteMultipartUpload/no UTF-8", "test_complete_multipart_non_utf8", completeRaw("mpu-utf8", notUTF8), malformed(false)),
		c("PutObject/x-amz-tagging decoding to no UTF-8", "test_put_object_tagging_header_non_utf8_decoded", tagged("foo=%FF"),
			Want{Status: http.StatusBadRequest, Code: "InvalidTag", Message: "The TagValue you have provided is invalid",
				Fields: map[string]any{"body": Prefix(declaration + "<Error><Code>InvalidTag</Code><Message>The TagValue you have provided is invalid</Message><TagKey>foo</TagKey><TagValue>\uFFFD</TagValue>")}}),
		c("PutObject/x-amz-tagging %ZZ", "test_put_object_tagging_header_bad_percent_encoding", tagged("foo=%ZZ"),
			errorBody(Want{Status: http.StatusBadRequest, Code: "InvalidArgument", Message: msgTaggingHdr}, true)),
		c("PutObject/x-amz-tagging %A", "test_put_object_tagging_header_truncated_percent", tagged("foo=%A"),
			errorBody(Want{Status: http.StatusBadRequest, Code: "InvalidArgument", Message: msgTaggingHdr}, true)),
	})
}
