package golden

import (
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/cespare/xxhash/v2"
	"github.com/zeebo/xxh3"
)

// Checksum cases of justincormack/argmin's checksums.rs and
// checksums_acl.rs (single-object writes and reads); the multipart ones
// are in argmin_checksums_mpu_test.go. The suite's client is the primary
// user; its raw requests (send_signed_request) are signed by it too.

// ckSum is the base64 checksum alg (an S3 algorithm name) of data,
// computed with the standard library and the xxhash packages.
func ckSum(alg, data string) string {
	d := []byte(data)
	switch alg {
	case "CRC32":
		return crc32Of(crc32.IEEETable, data)
	case "CRC32C":
		return crc32Of(crc32.MakeTable(crc32.Castagnoli), data)
	case "CRC64NVME":
		return objCRC64NVME(data)
	case "SHA1":
		s := sha1.Sum(d)
		return b64(s[:])
	case "SHA256":
		s := sha256.Sum256(d)
		return b64(s[:])
	case "MD5":
		s := md5.Sum(d)
		return b64(s[:])
	case "SHA512":
		s := sha512.Sum512(d)
		return b64(s[:])
	case "XXHASH64":
		return b64(binary.BigEndian.AppendUint64(nil, xxhash.Sum64(d)))
	case "XXHASH3":
		return b64(binary.BigEndian.AppendUint64(nil, xxh3.Hash(d)))
	case "XXHASH128":
		s := xxh3.Hash128(d).Bytes()
		return b64(s[:])
	}
	panic("ckSum: unknown algorithm " + alg)
}

// ckComposite is S3's COMPOSITE checksum of parts: alg over the decoded
// part checksums, "-N" appended (the suite's composite_checksum_base64).
func ckComposite(alg string, partSums ...string) string {
	var raw []byte
	for _, s := range partSums {
		b, _ := base64.StdEncoding.DecodeString(s)
		raw = append(raw, b...)
	}
	return ckSum(alg, string(raw)) + "-" + strconv.Itoa(len(partSums))
}

// ckH is a raw request's headers from name, value pairs; a name given
// twice is sent twice.
func ckH(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}

// ckRawPut is the suite's raw_put_object_with_checksum_headers: a PUT of
// key signed by the primary user with exactly the headers kv.
func ckRawPut(key, body string, kv ...string) objCall {
	return objRaw(http.MethodPut, objKeyPath(key), []byte(body), ckH(kv...))
}

// ckModeHead is HeadObject of key with x-amz-checksum-mode ENABLED.
func ckModeHead(key string) objCall {
	return objHead(primary, key, func(in *s3.HeadObjectInput) { in.ChecksumMode = types.ChecksumModeEnabled })
}

// ckModeGet is GetObject of key with x-amz-checksum-mode ENABLED.
func ckModeGet(key string) objCall {
	return objGet(primary, key, func(in *s3.GetObjectInput) { in.ChecksumMode = types.ChecksumModeEnabled })
}

// ckAttrs is GetObjectAttributes of key asking for attrs.
func ckAttrs(key string, attrs ...types.ObjectAttributes) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(argminBkt), Key: aws.String(key),
			ObjectAttributes: attrs})
	}
}

// ckRawError wants a raw error answer with code and message and the shape
// of the suite's assert_auth_error_response_shape: RequestId and HostId,
// no Resource.
func ckRawError(code, message string, extra map[string]any) Want {
	f := map[string]any{"Elements.Code": code, "Elements.Message": message, "Elements.RequestId": Present,
		"Elements.HostId": Present, "Elements.Resource": Absent}
	for k, v := range extra {
		f[k] = v
	}
	return Want{Status: http.StatusBadRequest, Fields: f}
}

// ckBody1K is the suite's body_1k: 1024 'A'.
var ckBody1K = strings.Repeat("A", 1024)

const (
	ckSHA256of1K     = "arcu6553sHVAiX4MjW0j7I7vD4w6R+Gz9Ok0Q9lTa+0="
	ckCRC64of1K      = "Qeh8oXvGiSo="
	ckMD5of1K        = "1HsSe8LeLWh93ILaw1TEFQ=="
	ckCRC32of1K      = "tzf7Gg=="
	ckSHA1of1K       = "dGw/TShsUx4GXor3bgrAhogxxrQ="
	ckSDKInvalid     = "Value for x-amz-sdk-checksum-algorithm header is invalid."
	ckSDKNoValue     = "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found."
	ckUnsupportedAlg = "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, MD5, SHA1, SHA256, SHA512, XXHASH128, XXHASH3, XXHASH64]"
)

func TestArgminChecksumAlgorithmHeaders(t *testing.T) {
	src := func(test string) string { return argmin("checksums.rs", test) }
	var cases []Case
	// x-amz-checksum-algorithm beside an x-amz-checksum-crc32 is ignored,
	// whatever it names: the CRC32 is stored, FULL_OBJECT.
	for _, c := range []struct{ test, key, body, alg, echoed string }{
		{"test_put_object_checksum_algorithm_lowercase_value", "lowercase-checksum-algorithm", "checksum algorithm lowercase oracle", "crc32", "iNxRQw=="},
		{"test_put_object_checksum_algorithm_mismatch", "mismatched-checksum-algorithm", "checksum algorithm mismatch oracle", "SHA256", "bo1dLQ=="},
		{"test_put_object_invalid_checksum_algorithm_with_value", "invalid-checksum-algorithm-with-value", "invalid checksum algorithm with value oracle", "BOGUS", "SN9Ohg=="},
	} {
		crc := ckSum("CRC32", c.body)
		put := ckRawPut(c.key, c.body, "x-amz-checksum-algorithm", c.alg, "x-amz-checksum-crc32", crc)
		stored := objBucket(objStep(put))
		cases = append(cases,
			argminCase("PutObject/x-amz-checksum-algorithm "+c.alg+" with a CRC32", src(c.test), objBucket(), put,
				Want{Fields: map[string]any{"header:x-amz-checksum-crc32": c.echoed, "header:x-amz-checksum-type": "FULL_OBJECT"}}),
			argminCase("HeadObject/the CRC32 stored beside x-amz-checksum-algorithm "+c.alg, src(c.test), stored, ckModeHead(c.key),
				Want{Fields: map[string]any{"ChecksumCRC32": crc, "ChecksumSHA256": Absent, "ChecksumType": "FULL_OBJECT"}}),
			argminCase("GetObjectAttributes/the CRC32 stored beside x-amz-checksum-algorithm "+c.alg, src(c.test), stored,
				ckAttrs(c.key, types.ObjectAttributesChecksum),
				Want{Fields: map[string]any{"Checksum.ChecksumCRC32": crc, "Checksum.ChecksumSHA256": Absent, "Checksum.ChecksumType": "FULL_OBJECT"}}),
		)
	}
	dup := func(values ...string) objCall {
		kv := []string{}
		for _, v := range values {
			kv = append(kv, "x-amz-checksum-crc32", v)
		}
		return ckRawPut("duplicate-checksum-header", "duplicate checksum header oracle", kv...)
	}
	first := ckSum("CRC32", "duplicate checksum header oracle")
	second, third := ckSum("CRC32", "different checksum"), ckSum("CRC32", "third checksum")
	dupWant := func(value string) Want {
		return ckRawError("InvalidArgument", "Only one value may be specified.",
			map[string]any{"Elements.ArgumentName": "x-amz-checksum-crc32", "Elements.ArgumentValue": value})
	}
	sdk := func(alg string, withValue bool) objCall {
		body := "sdk checksum algorithm oracle"
		kv := []string{"x-amz-sdk-checksum-algorithm", alg}
		if withValue {
			kv = append(kv, "x-amz-checksum-crc32", ckSum("CRC32", body))
		}
		return ckRawPut("sdk-checksum-algorithm", body, kv...)
	}
	sdkBody := "sdk checksum algorithm with matching value oracle"
	cases = append(cases,
		argminCase("PutObject/x-amz-checksum-algorithm BOGUS without a value", src("test_put_object_invalid_checksum_algorithm_without_value"), objBucket(),
			ckRawPut("invalid-checksum-algorithm-without-value", "invalid checksum algorithm without value oracle", "x-amz-checksum-algorithm", "BOGUS"),
			Want{Fields: map[string]any{"header:x-amz-checksum-crc64nvme": "jX8PKk+4oBM=", "header:x-amz-checksum-type": "FULL_OBJECT"}}),
		argminCase("PutObject/one checksum header sent twice", src("test_put_object_duplicate_checksum_header"), objBucket(), dup(first, first), dupWant(first)),
		argminCase("PutObject/one checksum header sent twice with two values", src("test_put_object_duplicate_checksum_header_reports_second_value"),
			objBucket(), dup(first, second), dupWant(second)),
		argminCase("PutObject/one checksum header sent three times", src("test_put_object_duplicate_checksum_header_reports_first_duplicate_value"),
			objBucket(), dup(first, second, third), dupWant(second)),
		argminCase("PutObject/x-amz-sdk-checksum-algorithm CRC32 with its value", src("test_put_object_sdk_checksum_algorithm_with_matching_value"), objBucket(),
			ckRawPut("sdk-checksum-algorithm-with-matching-value", sdkBody, "x-amz-sdk-checksum-algorithm", "CRC32", "x-amz-checksum-crc32", ckSum("CRC32", sdkBody)),
			Want{Fields: map[string]any{"header:x-amz-checksum-crc32": "23SgOw==", "header:x-amz-checksum-type": "FULL_OBJECT"}}),
		argminCase("PutObject/x-amz-sdk-checksum-algorithm crc32 in lower case", src("test_put_object_sdk_checksum_algorithm_lowercase_value"), objBucket(),
			ckRawPut("sdk-checksum-algorithm-lowercase-value", "sdk checksum algorithm lowercase value oracle", "x-amz-sdk-checksum-algorithm", "crc32",
				"x-amz-checksum-crc32", ckSum("CRC32", "sdk checksum algorithm lowercase value oracle")),
			Want{Fields: map[string]any{"header:x-amz-checksum-crc32": "0R8J1Q==", "header:x-amz-checksum-type": "FULL_OBJECT"}}),
		argminCase("PutObject/x-amz-sdk-checksum-algorithm SHA256 with a CRC32", src("test_put_object_sdk_checksum_algorithm_mismatched_value"), objBucket(),
			sdk("SHA256", true), ckRawError("InvalidRequest", ckSDKInvalid, nil)),
		argminCase("PutObject/x-amz-sdk-checksum-algorithm BOGUS with a CRC32", src("test_put_object_invalid_sdk_checksum_algorithm_with_value"), objBucket(),
			sdk("BOGUS", true), ckRawError("InvalidRequest", ckSDKInvalid, nil)),
		argminCase("PutObject/x-amz-sdk-checksum-algorithm CRC32 without a value", src("test_put_object_sdk_checksum_algorithm_without_value"), objBucket(),
			sdk("CRC32", false), ckRawError("InvalidRequest", ckSDKNoValue, nil)),
		argminCase("PutObject/x-amz-sdk-checksum-algorithm BOGUS without a value", src("test_put_object_invalid_sdk_checksum_algorithm_without_value"), objBucket(),
			sdk("BOGUS", false), ckRawError("InvalidRequest", ckSDKNoValue, nil)),
	)
	Run(t, cases)
}

func TestArgminChecksumAlgorithmOtherWrites(t *testing.T) {
	src := func(test string) string { return argmin("checksums.rs", test) }
	create := func(alg string) objCall {
		return objRaw(http.MethodPost, objKeyPath("create-multipart-checksum-algorithm")+"?uploads", nil, ckH("x-amz-checksum-algorithm", alg))
	}
	source := "copy checksum algorithm lowercase oracle"
	copyWith := func(alg string) objCall {
		return objRaw(http.MethodPut, objKeyPath("copy-destination"), nil, ckH("x-amz-copy-source", "/"+argminBkt+"/copy-source",
			"x-amz-metadata-directive", "REPLACE", "x-amz-checksum-algorithm", alg))
	}
	copySetup := objBucket(objStep(objPut(primary, "copy-source", source, nil)))
	Run(t, []Case{
		argminCase("CreateMultipartUpload/x-amz-checksum-algorithm crc32 in lower case", src("test_create_multipart_checksum_algorithm_lowercase"), objBucket(),
			create("crc32"), Want{Fields: map[string]any{"header:x-amz-checksum-algorithm": "CRC32", "header:x-amz-checksum-type": "COMPOSITE"}}),
		argminCase("CreateMultipartUpload/x-amz-checksum-algorithm BOGUS", src("test_create_multipart_invalid_checksum_algorithm"), objBucket(),
			create("BOGUS"), ckRawError("InvalidRequest", ckUnsupportedAlg, nil)),
		argminCase("CopyObject/REPLACE with x-amz-checksum-algorithm crc32 in lower case", src("test_copy_object_replace_checksum_algorithm_lowercase"), copySetup,
			copyWith("crc32"), Want{Fields: map[string]any{"Elements.ChecksumCRC32": "mYg1AA==", "Elements.ChecksumType": "FULL_OBJECT"}}),
		argminCase("CopyObject/REPLACE with x-amz-checksum-algorithm BOGUS", src("test_copy_object_replace_invalid_checksum_algorithm"), copySetup,
			copyWith("BOGUS"), ckRawError("InvalidRequest", ckUnsupportedAlg, nil)),
	})
}

// ckPut is PutObject of ckBody1K to "myobj" by the primary user with alg
// and value (value "" lets the SDK compute it).
func ckPut(alg types.ChecksumAlgorithm, value string) objCall {
	return objPut(primary, "myobj", ckBody1K, func(in *s3.PutObjectInput) {
		checksumInput(alg, value)(in)
		if value == "" {
			in.ChecksumCRC32C = nil
		}
	})
}

func TestArgminChecksumObjects(t *testing.T) {
	src := func(test string) string { return argmin("checksums.rs", test) }
	type alg struct {
		test, value, bad string
		alg              types.ChecksumAlgorithm
		field            string
		badWant          Want
		plainHead, get   bool
	}
	refused := Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}
	var cases []Case
	for _, a := range []alg{
		{"test_object_checksum_sha256", ckSHA256of1K, "bad", types.ChecksumAlgorithmSha256, "ChecksumSHA256", refused, true, false},
		{"test_object_checksum_crc64nvme", ckCRC64of1K, "bad", types.ChecksumAlgorithmCrc64nvme, "ChecksumCRC64NVME", refused, true, false},
		{"test_object_checksum_crc32", ckCRC32of1K, "AAAA/w==", types.ChecksumAlgorithmCrc32, "ChecksumCRC32", Want{Status: http.StatusBadRequest}, false, true},
		{"test_object_checksum_sha1", ckSHA1of1K, "bad", types.ChecksumAlgorithmSha1, "ChecksumSHA1", Want{Status: http.StatusBadRequest}, false, true},
	} {
		stored := objBucket(objStep(ckPut(a.alg, a.value)))
		name := string(a.alg)
		cases = append(cases,
			argminCase("PutObject/"+name+" checksum", src(a.test), objBucket(), ckPut(a.alg, a.value), Want{Fields: map[string]any{a.field: a.value}}))
		bad := ckPut(a.alg, a.bad)
		if a.badWant.Code == "" {
			bad = objStatusOnly(bad)
		}
		cases = append(cases, argminCase("PutObject/"+name+" checksum "+a.bad, src(a.test), stored, bad, a.badWant))
		if a.plainHead {
			cases = append(cases,
				argminCase("HeadObject/no "+name+" without x-amz-checksum-mode", src(a.test), stored, objHead(primary, "myobj", nil),
					Want{Fields: map[string]any{a.field: Absent}}),
				argminCase("HeadObject/the "+name+" with x-amz-checksum-mode ENABLED", src(a.test), stored, ckModeHead("myobj"),
					Want{Fields: map[string]any{a.field: a.value}}))
		}
		if a.get {
			cases = append(cases, argminCase("GetObject/the "+name+" with x-amz-checksum-mode ENABLED", src(a.test), stored, ckModeGet("myobj"),
				Want{Fields: map[string]any{"Out." + a.field: a.value}}))
		}
	}
	crc32c := ckSum("CRC32C", ckBody1K)
	cases = append(cases,
		argminCase("PutObject/CRC32C computed by the SDK", src("test_object_checksum_crc32c"), objBucket(), ckPut(types.ChecksumAlgorithmCrc32c, ""),
			Want{Fields: map[string]any{"ChecksumCRC32C": crc32c}}),
		argminCase("GetObject/the SDK's CRC32C with x-amz-checksum-mode ENABLED", src("test_object_checksum_crc32c"),
			objBucket(objStep(ckPut(types.ChecksumAlgorithmCrc32c, ""))), ckModeGet("myobj"), Want{Fields: map[string]any{"Out.ChecksumCRC32C": crc32c}}),
	)
	Run(t, cases)
}

func TestArgminChecksumContentMD5(t *testing.T) {
	src := func(test string) string { return argmin("checksums.rs", test) }
	put := func(md5 string) objCall {
		return objPut(primary, "myobj", ckBody1K, func(in *s3.PutObjectInput) { in.ContentMD5 = aws.String(md5) })
	}
	part := func(md5 string) objCall {
		return ckUpload("multipart-md5", nil, []ckPart{{ckBody1K, func(in *s3.UploadPartInput) { in.ContentMD5 = aws.String(md5) }}},
			func(string, string, []*s3.UploadPartOutput) objCall { return nil })
	}
	del := objRaw(http.MethodPost, "/"+argminBkt+"?delete", []byte("<Delete><Object><Key>delete-md5-required</Key></Object></Delete>"), nil)
	Run(t, []Case{
		argminCase("PutObject/the body's Content-MD5", src("test_object_content_md5"), objBucket(), put(ckMD5of1K),
			Want{Fields: map[string]any{"ETag": objETag(ckBody1K)}}),
		argminCase("PutObject/another body's Content-MD5", src("test_object_content_md5"), objBucket(), put("AAAAAAAAAAAAAAAAAAAAAA=="),
			Want{Status: http.StatusBadRequest, Code: "BadDigest"}),
		argminCase("PutObject/a Content-MD5 that is no MD5", src("test_object_content_md5"), objBucket(), put("bad"),
			Want{Status: http.StatusBadRequest, Code: "InvalidDigest"}),
		argminCase("DeleteObjects/without Content-MD5 or a checksum", src("test_delete_objects_content_md5_required"),
			objBucket(argminPut("delete-md5-required", ckBody1K, "")), del,
			Want{Status: http.StatusBadRequest, Fields: map[string]any{"Elements.Code": "InvalidRequest"}}),
		argminCase("UploadPart/the part's Content-MD5", src("test_upload_part_content_md5"), objBucket(), part(ckMD5of1K),
			Want{Fields: map[string]any{"ETag": objETag(ckBody1K)}}),
		argminCase("UploadPart/another part's Content-MD5", src("test_upload_part_content_md5"), objBucket(), part("AAAAAAAAAAAAAAAAAAAAAA=="),
			Want{Status: http.StatusBadRequest, Code: "BadDigest"}),
		argminCase("UploadPart/a Content-MD5 that is no MD5", src("test_upload_part_content_md5"), objBucket(), part("bad"),
			Want{Status: http.StatusBadRequest, Code: "InvalidDigest"}),
	})
}

func TestArgminChecksumXXHash(t *testing.T) {
	src := argmin("checksums.rs", "test_object_checksum_xxhash_vectors_round_trip")
	body := "xxhash wire compatibility vector"
	var cases []Case
	for _, a := range []struct {
		alg   types.ChecksumAlgorithm
		name  string
		field string
	}{
		{types.ChecksumAlgorithmXxhash64, "XXHASH64", "ChecksumXXHASH64"},
		{types.ChecksumAlgorithmXxhash3, "XXHASH3", "ChecksumXXHASH3"},
		{types.ChecksumAlgorithmXxhash128, "XXHASH128", "ChecksumXXHASH128"},
	} {
		sum := ckSum(a.name, body)
		key := "object-checksum-" + strings.ToLower(a.name)
		put := objPut(primary, key, body, func(in *s3.PutObjectInput) {
			in.ChecksumAlgorithm = a.alg
			switch a.alg {
			case types.ChecksumAlgorithmXxhash64:
				in.ChecksumXXHASH64 = aws.String(sum)
			case types.ChecksumAlgorithmXxhash3:
				in.ChecksumXXHASH3 = aws.String(sum)
			default:
				in.ChecksumXXHASH128 = aws.String(sum)
			}
		})
		cases = append(cases,
			argminCase("PutObject/"+a.name+" checksum", src, objBucket(), put, Want{Fields: map[string]any{a.field: sum}}),
			argminCase("HeadObject/the "+a.name+" with x-amz-checksum-mode ENABLED", src, objBucket(objStep(put)), ckModeHead(key),
				Want{Fields: map[string]any{a.field: sum}}))
	}
	Run(t, cases)
}

func TestArgminChecksumVersions(t *testing.T) {
	src := argmin("checksums.rs", "test_list_object_versions_includes_full_object_checksum_type_for_single_part_put")
	key := "versioned-single-part-checksum"
	put := objPut(primary, key, "hi", func(in *s3.PutObjectInput) { in.ChecksumAlgorithm = types.ChecksumAlgorithmCrc32 })
	Run(t, []Case{
		argminCase("ListObjectVersions/a CRC32 PutObject is FULL_OBJECT", src, objBucket(objVersioning, objStep(put)),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(argminBkt), Prefix: aws.String(key)})
			}, Want{Fields: map[string]any{"Versions": Len(1), "Versions[0].ChecksumAlgorithm": Len(1),
				"Versions[0].ChecksumAlgorithm[0]": "CRC32", "Versions[0].ChecksumType": "FULL_OBJECT"}}),
	})
}

func TestArgminChecksumACLBucket(t *testing.T) {
	src := func(test string) string { return argmin("checksums_acl.rs", test) }
	aclBucket := func(extra ...argminStep) []argminStep {
		return append(argminSteps(argminBucket(false, types.ObjectOwnershipObjectWriter)), extra...)
	}
	put := objPut(primary, "acl-object-checksum", ckBody1K, checksumInput(types.ChecksumAlgorithmSha256, ckSHA256of1K))
	stored := aclBucket(objStep(put))
	Run(t, []Case{
		argminCase("PutObject/SHA256 checksum into an ObjectWriter bucket", src("test_object_checksum_acl_sha256_put_head"), aclBucket(), put,
			Want{Fields: map[string]any{"ChecksumSHA256": ckSHA256of1K}}),
		argminCase("HeadObject/no SHA256 without x-amz-checksum-mode (ObjectWriter bucket)", src("test_object_checksum_acl_sha256_put_head"), stored,
			objHead(primary, "acl-object-checksum", nil), Want{Fields: map[string]any{"ChecksumSHA256": Absent}}),
		argminCase("HeadObject/the SHA256 with x-amz-checksum-mode ENABLED (ObjectWriter bucket)", src("test_object_checksum_acl_sha256_put_head"), stored,
			ckModeHead("acl-object-checksum"), Want{Fields: map[string]any{"ChecksumSHA256": ckSHA256of1K}}),
	})
}
