package golden

import (
	"bytes"
	"context"
	"crypto/md5"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// SSE-C since April 2026: every new general purpose bucket blocks SSE-C
// writes until PutBucketEncryption names BlockedEncryptionTypes NONE
// ("Blocking or unblocking SSE-C for a general purpose bucket", User
// Guide). argmin's SSE-C tests unblock it first (its enable_bucket_sse_c,
// create_bucket_with_sse_c_enabled, create_bucket_allowing_sse_c);
// LocalStack's SSE-C snapshots were recorded before the change, on
// buckets that allowed SSE-C, so their cases unblock it too.

// ssecAllowed is the default encryption enable_bucket_sse_c sets: SSE-S3
// with BlockedEncryptionTypes NONE.
func ssecAllowed(blocked types.EncryptionType) *types.ServerSideEncryptionConfiguration {
	return &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
		ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256},
		BlockedEncryptionTypes:             &types.BlockedEncryptionTypes{EncryptionType: []types.EncryptionType{blocked}}}}}
}

// allowSSEC unblocks SSE-C on opsBucket, as the owner.
func allowSSEC(ctx context.Context, c *s3.Client) error {
	_, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(opsBucket),
		ServerSideEncryptionConfiguration: ssecAllowed(types.EncryptionTypeNone)})
	return err
}

// ssecSteps are set-up steps on opsBucket after SSE-C is unblocked.
func ssecSteps(s ...s3Setup) []s3Setup { return append([]s3Setup{allowSSEC}, s...) }

// beforeSSECBlock marks cases recorded (by LocalStack against AWS) before
// April 2026, when new buckets allowed SSE-C: their set-up unblocks it.
func beforeSSECBlock(cases []Case) []Case {
	for i := range cases {
		if !strings.Contains(cases[i].Source, ssecNote) {
			cases[i].Source += ssecNote
		}
	}
	return cases
}

const ssecNote = "; recorded before April 2026, when new buckets allowed SSE-C: the set-up unblocks it (PutBucketEncryption BlockedEncryptionTypes NONE)"

// argminAllowSSEC is the suite's enable_bucket_sse_c on argminBkt, by its
// primary user.
func argminAllowSSEC(ctx context.Context, w *World, u *argminUsers) error {
	_, err := primary(w, u).PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(argminBkt),
		ServerSideEncryptionConfiguration: ssecAllowed(types.EncryptionTypeNone)})
	return err
}

// The replay of argmin's sse_c.rs and sse_c_acl.rs (their buckets are
// create_bucket_with_sse_c_enabled's). The suite reaches AWS over https,
// as SSE-C needs; the replay's http is fakeaws's (docs/deviations.md).

// ssecKeyOf is key k as SSE-C headers; ssecKey is the suite's
// test_sse_c_key, ssecWrong its wrong key [42u8; 32].
func ssecKeyOf(k []byte) policySSEC {
	sum := md5.Sum(k)
	return policySSEC{aws.String("AES256"), aws.String(b64(k)), aws.String(b64(sum[:]))}
}

var (
	ssecKey   = newPolicySSEC("AES256")
	ssecWrong = ssecKeyOf(bytes.Repeat([]byte{42}, 32))
)

// ssecPattern is the suite's patterned_bytes(n, seed).
func ssecPattern(n int, seed byte) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = seed + byte(i%251)
	}
	return string(b)
}

// ssecBucket is create_bucket_with_sse_c_enabled, then extra.
func ssecBucket(extra ...argminStep) []argminStep {
	return objBucket(append([]argminStep{argminAllowSSEC}, extra...)...)
}

// ssecPut is PutObject of key with body under k (nil: no SSE-C headers).
func ssecPut(key, body string, k *policySSEC, mod func(*s3.PutObjectInput)) objCall {
	return objPut(primary, key, body, func(in *s3.PutObjectInput) {
		if k != nil {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = k.alg, k.key, k.md5
		}
		if mod != nil {
			mod(in)
		}
	})
}

// ssecGot is a GetObject answer with its body's length and SHA-256 (hex)
// in place of the body, which may be megabytes.
type ssecGot struct {
	Len    int
	SHA256 string
	Out    *s3.GetObjectOutput
}

// ssecBody wants the body read to be body.
func ssecBody(body string, fields map[string]any) Want {
	f := map[string]any{"Len": len(body), "SHA256": sha256Hex(body)}
	for k, v := range fields {
		f[k] = v
	}
	return Want{Fields: f}
}

// ssecPartial is ssecBody of a 206 Partial Content answer.
func ssecPartial(body string, fields map[string]any) Want {
	w := ssecBody(body, fields)
	w.Status = http.StatusPartialContent
	return w
}

// ssecGet is GetObject of key under k (nil: no SSE-C headers).
func ssecGet(key string, k *policySSEC, mod func(*s3.GetObjectInput)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.GetObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)}
		if k != nil {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = k.alg, k.key, k.md5
		}
		if mod != nil {
			mod(in)
		}
		out, err := primary(w, u).GetObject(ctx, in)
		if err != nil {
			return out, err
		}
		defer out.Body.Close()
		b, err := io.ReadAll(out.Body)
		return ssecGot{Len: len(b), SHA256: sha256Hex(string(b)), Out: out}, err
	}
}

// ssecHead is HeadObject of key under k (nil: no SSE-C headers).
func ssecHead(key string, k *policySSEC, mod func(*s3.HeadObjectInput)) objCall {
	return objHead(primary, key, func(in *s3.HeadObjectInput) {
		if k != nil {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = k.alg, k.key, k.md5
		}
		if mod != nil {
			mod(in)
		}
	})
}

// ssecHeader is k's SSE-C headers on a raw request, with the key MD5
// replaced by md5 unless it is "" and each name in drop left out.
func ssecHeader(k policySSEC, md5 string, drop ...string) http.Header {
	h := http.Header{"X-Amz-Server-Side-Encryption-Customer-Algorithm": {*k.alg},
		"X-Amz-Server-Side-Encryption-Customer-Key": {*k.key}, "X-Amz-Server-Side-Encryption-Customer-Key-Md5": {*k.md5}}
	if md5 != "" {
		h.Set("X-Amz-Server-Side-Encryption-Customer-Key-Md5", md5)
	}
	for _, d := range drop {
		h.Del(d)
	}
	return h
}

// ssecHeadThen is HeadObject of key under k, then call given the ETag.
func ssecHeadThen(key string, k *policySSEC, call func(etag *string) objCall) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := ssecHead(key, k, nil)(ctx, w, u)
		if err != nil {
			return out, err
		}
		return call(out.(*s3.HeadObjectOutput).ETag)(ctx, w, u)
	}
}

func TestArgminSSECSinglePart(t *testing.T) {
	src := func(test string) string { return argmin("sse_c.rs", test) }
	k := &ssecKey
	rt := src("test_sse_c_put_get_head_round_trip")
	const hello = "hello sse-c"
	withObj := func(key, body string) []argminStep { return ssecBucket(objStep(ssecPut(key, body, k, nil))) }
	ssecFields := map[string]any{"SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": *k.md5}
	outFields := map[string]any{"Out.SSECustomerAlgorithm": "AES256", "Out.SSECustomerKeyMD5": *k.md5}
	cases := []Case{
		argminCase("PutObject/SSE-C", rt, ssecBucket(), ssecPut("obj", hello, k, nil), Want{Fields: ssecFields}),
		argminCase("HeadObject/SSE-C object with its key", rt, withObj("obj", hello), ssecHead("obj", k, nil),
			Want{Fields: map[string]any{"ContentLength": len(hello), "ETag": Present, "SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": *k.md5}}),
		argminCase("GetObject/SSE-C object with its key", rt, withObj("obj", hello), ssecGet("obj", k, nil), ssecBody(hello, outFields)),
		argminCase("GetObject/SSE-C object without its key", src("test_sse_c_get_requires_headers"), withObj("obj", "secret"),
			ssecGet("obj", nil, nil), Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}),
		argminCase("HeadObject/SSE-C object without its key", src("test_sse_c_head_requires_headers"), withObj("obj", "secret"),
			objStatusOnly(ssecHead("obj", nil, nil)), Want{Status: http.StatusBadRequest}),
		argminCase("GetObject/SSE-C object with another key", src("test_sse_c_get_rejects_wrong_key"), withObj("obj", "secret"),
			ssecGet("obj", &ssecWrong, nil), Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		argminCase("PutObject/SSE-C key MD5 wrong", src("test_sse_c_put_rejects_invalid_key_md5"), ssecBucket(),
			ssecPut("obj", "secret", k, func(in *s3.PutObjectInput) { in.SSECustomerKeyMD5 = aws.String("AAAAAAAAAAAAAAAAAAAAAA==") }),
			Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}),
		argminCase("PutObject/SSE-C key MD5 wrong, the argument named", src("test_sse_c_put_invalid_key_md5_argument_name_matches_aws"), ssecBucket(),
			objRaw(http.MethodPut, objKeyPath("obj"), []byte("secret"), ssecHeader(*k, "AAAAAAAAAAAAAAAAAAAAAA==")),
			Want{Status: http.StatusBadRequest, Fields: map[string]any{"Elements.Code": "InvalidArgument", "Elements.ArgumentName": "x-amz-server-side-encryption"}}),
		argminCase("PutObject/SSE-C without the key MD5", src("test_sse_c_put_requires_key_md5_header")+"; "+src("test_sse_c_missing_key_md5_error_shape"), ssecBucket(),
			objRaw(http.MethodPut, objKeyPath("shape-sse-c-missing-key-md5.txt"), []byte("secret"), ssecHeader(*k, "", "X-Amz-Server-Side-Encryption-Customer-Key-Md5")),
			Want{Status: http.StatusBadRequest, Fields: map[string]any{"Elements.Code": "InvalidArgument", "Elements.ArgumentName": "x-amz-server-side-encryption",
				"Elements.Message": "Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key."}}),
		argminCase("PutObject/SSE-C without the key", src("test_sse_c_put_requires_key_header")+"; "+src("test_sse_c_missing_key_error_shape"), ssecBucket(),
			objRaw(http.MethodPut, objKeyPath("shape-sse-c-missing-key.txt"), []byte("secret"), ssecHeader(*k, "", "X-Amz-Server-Side-Encryption-Customer-Key")),
			Want{Status: http.StatusBadRequest, Fields: map[string]any{"Elements.Code": "InvalidArgument", "Elements.ArgumentName": "x-amz-server-side-encryption",
				"Elements.Message": "Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key."}}),
		argminCase("PutObject/SSE-C algorithm only", src("test_sse_c_put_requires_key_header"), ssecBucket(),
			ssecPut("obj", "secret", nil, func(in *s3.PutObjectInput) { in.SSECustomerAlgorithm = aws.String("AES256") }),
			Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}),
		argminCase("PutObject/SSE-C key without the algorithm", src("test_sse_c_put_rejects_key_without_algorithm"), ssecBucket(),
			ssecPut("obj", "secret", k, func(in *s3.PutObjectInput) { in.SSECustomerAlgorithm = nil }),
			Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}),
		argminCase("PutObject/SSE-C algorithm aws:kms", src("test_sse_c_wrong_algorithm_error_shape"), ssecBucket(),
			objRaw(http.MethodPut, objKeyPath("shape-sse-c-wrong-algorithm.txt"), []byte("secret"),
				http.Header{"X-Amz-Server-Side-Encryption-Customer-Algorithm": {"aws:kms"}, "X-Amz-Server-Side-Encryption-Customer-Key": {*k.key},
					"X-Amz-Server-Side-Encryption-Customer-Key-Md5": {*k.md5}}),
			Want{Status: http.StatusBadRequest, Fields: map[string]any{"Elements.Code": "InvalidEncryptionAlgorithmError",
				"Elements.Message": "The Encryption request you specified is not valid. Supported value: AES256.", "Elements.ArgumentValue": "aws:kms"}}),
		argminCase("PutObject/SSE-C, the answer's headers", src("test_sse_c_put_head_response_shape"), ssecBucket(),
			objRaw(http.MethodPut, objKeyPath("shape-sse-c-enabled.txt"), []byte("secret"), ssecHeader(*k, "")),
			Want{Fields: map[string]any{"header:ETag": Present, "header:x-amz-checksum-crc64nvme": "57Cg+N2YpVM=", "header:x-amz-checksum-type": "FULL_OBJECT",
				"header:x-amz-server-side-encryption-customer-algorithm": "AES256", "header:x-amz-server-side-encryption-customer-key-md5": *k.md5,
				"header:x-amz-server-side-encryption": Absent, "header:Content-Length": "0"}}),
		argminCase("HeadObject/SSE-C object, the answer's headers", src("test_sse_c_put_head_response_shape"),
			ssecBucket(objStep(objRaw(http.MethodPut, objKeyPath("shape-sse-c-enabled.txt"), []byte("secret"), ssecHeader(*k, "")))),
			objRaw(http.MethodHead, objKeyPath("shape-sse-c-enabled.txt"), nil, ssecHeader(*k, "")),
			Want{Fields: map[string]any{"header:ETag": Present, "header:Content-Length": "6", "header:Last-Modified": Present, "header:Accept-Ranges": "bytes",
				"header:Content-Type": "binary/octet-stream", "header:x-amz-server-side-encryption-customer-algorithm": "AES256",
				"header:x-amz-server-side-encryption-customer-key-md5": *k.md5}}),
		argminCase("HeadObject/SSE-C object, x-amz-checksum-mode ENABLED", src("test_sse_c_head_checksum_mode_uses_customer_key"),
			ssecBucket(objStep(ssecPut("obj", strings.Repeat("A", 1024), k, func(in *s3.PutObjectInput) {
				in.ChecksumAlgorithm, in.ChecksumSHA256 = types.ChecksumAlgorithmSha256, aws.String("arcu6553sHVAiX4MjW0j7I7vD4w6R+Gz9Ok0Q9lTa+0=")
			}))),
			ssecHead("obj", k, func(in *s3.HeadObjectInput) { in.ChecksumMode = types.ChecksumModeEnabled }),
			Want{Fields: map[string]any{"ChecksumSHA256": "arcu6553sHVAiX4MjW0j7I7vD4w6R+Gz9Ok0Q9lTa+0=", "SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": *k.md5}}),
	}
	cases = append(cases, ssecSizeCases(k)...)
	cases = append(cases, ssecRangeCases(k)...)
	Run(t, cases)
}

// ssecSizeCases are sse_c_single_part_round_trip_tests: bodies of sizes
// around the 8 MiB segment of the suite's own server, read back whole.
func ssecSizeCases(k *policySSEC) []Case {
	const mib = 1 << 20
	var cases []Case
	for _, s := range []struct {
		label string
		size  int
		seed  byte
	}{{"empty", 0, 0x11}, {"one-mib", mib, 0x13}, {"segment-minus-one", 8*mib - 1, 0x1d}, {"segment-plus-one", 8*mib + 1, 0x29},
		{"irregular-nine-mib-plus", 9*mib + 12345, 0x3b}} {
		test := argmin("sse_c.rs", "test_sse_c_put_get_head_round_trip_"+strings.ReplaceAll(s.label, "-", "_"))
		body := ssecPattern(s.size, s.seed)
		key := "obj-" + s.label
		steps := ssecBucket(objStep(ssecPut(key, body, k, nil)))
		cases = append(cases,
			argminCase("HeadObject/SSE-C object of "+s.label, test, steps, ssecHead(key, k, nil),
				Want{Fields: map[string]any{"ContentLength": s.size, "SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": *k.md5}}),
			argminCase("GetObject/SSE-C object of "+s.label, test, steps, ssecGet(key, k, nil),
				ssecBody(body, map[string]any{"Out.SSECustomerAlgorithm": "AES256", "Out.SSECustomerKeyMD5": *k.md5})))
	}
	return cases
}

func ssecRangeCases(k *policySSEC) []Case {
	src := func(test string) string { return argmin("sse_c.rs", test) }
	const seg = 8 << 20
	big := ssecPattern(seg+257, 0x44)
	withObj := func(body string) []argminStep { return ssecBucket(objStep(ssecPut("obj", body, k, nil))) }
	rng := func(r string) func(*s3.GetObjectInput) {
		return func(in *s3.GetObjectInput) { in.Range = aws.String(r) }
	}
	invalidRange := Want{Status: http.StatusRequestedRangeNotSatisfiable, Code: "InvalidRange"}
	small := ssecPattern(128, 0x66)
	first, second := ssecPattern(96, 0x81), ssecPattern(96, 0x91)
	versions := ssecBucket(objVersioning, objStep(ssecPut("obj", first, k, nil)), objStep(ssecPut("obj", second, k, nil)))
	return []Case{
		argminCase("GetObject/SSE-C range across the segment boundary", src("test_sse_c_range_get_single_part_headers_and_body"), withObj(big),
			ssecGet("obj", k, rng(fmt.Sprintf("bytes=%d-%d", seg-32, seg+32))),
			ssecPartial(big[seg-32:seg+33], map[string]any{"Out.AcceptRanges": "bytes", "Out.ContentRange": fmt.Sprintf("bytes %d-%d/%d", seg-32, seg+32, len(big)),
				"Out.ContentLength": 65, "Out.SSECustomerAlgorithm": "AES256", "Out.SSECustomerKeyMD5": *k.md5})),
		argminCase("GetObject/SSE-C range past the end", src("test_sse_c_range_get_unsatisfiable_returns_invalid_range"), withObj(ssecPattern(26, 0x21)),
			ssecGet("obj", k, rng("bytes=100-200")), invalidRange),
		argminCase("GetObject/SSE-C range of an empty object", src("test_sse_c_range_get_empty_object_is_unsatisfiable"), withObj(""),
			ssecGet("obj", k, rng("bytes=0-0")), invalidRange),
		argminCase("GetObject/SSE-C malformed range reads the whole object", src("test_sse_c_range_get_malformed_header_returns_full_object"),
			withObj(ssecPattern(64, 0x55)), ssecGet("obj", k, rng("bytes=10-5")),
			ssecBody(ssecPattern(64, 0x55), map[string]any{"Out.ContentRange": Absent, "Out.ContentLength": 64, "Out.AcceptRanges": "bytes"})),
		argminCase("GetObject/SSE-C range with If-Match its ETag", src("test_sse_c_range_get_if_match_returns_partial_content"), withObj(small),
			ssecHeadThen("obj", k, func(etag *string) objCall {
				return ssecGet("obj", k, func(in *s3.GetObjectInput) { in.Range, in.IfMatch = aws.String("bytes=8-31"), etag })
			}), ssecPartial(small[8:32], map[string]any{"Out.ContentRange": "bytes 8-31/128"})),
		argminCase("GetObject/SSE-C range with If-None-Match its ETag", src("test_sse_c_range_get_if_none_match_returns_not_modified"),
			withObj(ssecPattern(128, 0x77)), objStatusOnly(ssecHeadThen("obj", k, func(etag *string) objCall {
				return ssecGet("obj", k, func(in *s3.GetObjectInput) { in.Range, in.IfNoneMatch = aws.String("bytes=8-31"), etag })
			})), Want{Status: http.StatusNotModified}),
		argminCase("GetObject/SSE-C range of an older version", src("test_sse_c_range_get_on_versioned_object_returns_requested_version"), versions,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				vs, err := primary(w, u).ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(argminBkt)})
				if err != nil || len(vs.Versions) != 2 {
					return vs, fmt.Errorf("ListObjectVersions: %v (%d versions)", err, len(vs.Versions))
				}
				v1 := vs.Versions[1].VersionId
				got, err := ssecGet("obj", k, func(in *s3.GetObjectInput) { in.VersionId, in.Range = v1, aws.String("bytes=10-19") })(ctx, w, u)
				if g, ok := got.(ssecGot); ok && aws.ToString(g.Out.VersionId) != aws.ToString(v1) {
					return got, fmt.Errorf("VersionId %s, want %s", aws.ToString(g.Out.VersionId), aws.ToString(v1))
				}
				return got, err
			}, ssecPartial(first[10:20], map[string]any{"Out.ContentRange": "bytes 10-19/96"})),
	}
}
