package s3

import (
	"net/http"
	"net/url"
	"strings"
)

// queryParamsAsHeaders applies the request headers a presigned URL carries
// in its query as the headers themselves, where the request does not send
// them: presigners put x-amz-* headers there (the JS SDK v3's SigV4
// presigner hoists every x-amz-* header but the SSE ones, botocore's SigV2
// presigner the metadata), where they are signed, and AWS applies them:
//   - x-amz-meta-* are stored as the object's metadata (LocalStack
//     test_s3.snapshot.json TestS3PresignedUrl::test_put_url_metadata_with_sig_s3
//     and ::test_presigned_url_v4_x_amz_in_qs "head_object"/"head-object",
//     validated 2026-02-21);
//   - x-amz-acl sets the object's canned ACL (aws/aws-sdk-java-v2#1849: the
//     Java SDK v1's x-amz-acl=public-read query parameter "allows me to
//     apply a canned ACL to the object once uploaded"), and so do the
//     other object headers (grants, tagging, storage class, Object Lock);
//   - If-Match and If-None-Match: AWS answered 412 to a presigned PUT
//     whose query carried If-Match with another ETag, or If-None-Match=*
//     for an existing key (LocalStack test_s3.py
//     TestS3PresignedUrl::test_pre_signed_url_if_match and
//     ::test_pre_signed_url_if_none_match, validated 2026-02-21).
//
// Not applied (hoistedParam): the authentication parameters, and the
// checksum parameters, which AWS ignores unless signed as headers (the JS
// SDK's x-amz-checksum-crc32 of an empty body on a PUT of "123456" stored
// the object with the default CRC64NVME checksum: ::test_presigned_url_v4_x_amz_in_qs
// "head-object"), and the SSE ones, which S3 takes only as headers (the JS
// SDK's presigner keeps them headers for that reason).
func queryParamsAsHeaders(r *http.Request, q url.Values) {
	for k, vs := range q {
		lk := strings.ToLower(k)
		if hoistedParam(lk) && len(vs) > 0 && r.Header.Get(lk) == "" {
			r.Header.Set(lk, vs[0])
		}
	}
}

// hoistedParam reports whether queryParamsAsHeaders applies the lower-case
// query parameter lk as a header.
func hoistedParam(lk string) bool {
	switch {
	case lk == "if-match", lk == "if-none-match":
		return true
	case !strings.HasPrefix(lk, "x-amz-"), presignAuthParams[lk]:
		return false
	}
	for _, p := range [...]string{"x-amz-checksum-", "x-amz-sdk-checksum-", "x-amz-server-side-encryption"} {
		if strings.HasPrefix(lk, p) {
			return false
		}
	}
	return true
}

// presignAuthParams are the query parameters of a presigned request's own
// authentication (SigV4's X-Amz-* and the payload headers), never applied
// as headers.
var presignAuthParams = map[string]bool{"x-amz-algorithm": true, "x-amz-credential": true, "x-amz-date": true,
	"x-amz-expires": true, "x-amz-signedheaders": true, "x-amz-signature": true, "x-amz-security-token": true,
	"x-amz-content-sha256": true, "x-amz-decoded-content-length": true}
