package golden

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Multipart checksum cases of justincormack/argmin's checksums.rs and
// checksums_acl.rs.

// ckPart is one part a ckUpload uploads, with mod applied to its request.
type ckPart struct {
	body string
	mod  func(*s3.UploadPartInput)
}

// ckFinish makes the call that ends a ckUpload once its parts are up.
type ckFinish = func(key, uploadID string, parts []*s3.UploadPartOutput) objCall

// ckUpload is a multipart upload of key by the primary user: created with
// create applied, each part uploaded, then finish's call (nil: the last
// part's answer is the call's).
func ckUpload(key string, create func(*s3.CreateMultipartUploadInput), parts []ckPart, finish ckFinish) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		c, b, k := primary(w, u), aws.String(argminBkt), aws.String(key)
		in := &s3.CreateMultipartUploadInput{Bucket: b, Key: k}
		if create != nil {
			create(in)
		}
		up, err := c.CreateMultipartUpload(ctx, in)
		if err != nil {
			return up, err
		}
		var outs []*s3.UploadPartOutput
		var last any = up
		for i, p := range parts {
			pin := &s3.UploadPartInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: aws.Int32(int32(i + 1)), Body: strings.NewReader(p.body)}
			if p.mod != nil {
				p.mod(pin)
			}
			out, err := c.UploadPart(ctx, pin)
			if err != nil {
				return out, err
			}
			outs, last = append(outs, out), out
		}
		if finish == nil {
			return last, nil
		}
		if call := finish(key, aws.ToString(up.UploadId), outs); call != nil {
			return call(ctx, w, u)
		}
		return last, nil
	}
}

// ckCompletedParts lists the uploaded parts with their ETags and every
// checksum UploadPart answered.
func ckCompletedParts(outs []*s3.UploadPartOutput) []types.CompletedPart {
	var parts []types.CompletedPart
	for i, o := range outs {
		parts = append(parts, types.CompletedPart{ETag: o.ETag, PartNumber: aws.Int32(int32(i + 1)),
			ChecksumCRC32: o.ChecksumCRC32, ChecksumCRC32C: o.ChecksumCRC32C, ChecksumCRC64NVME: o.ChecksumCRC64NVME,
			ChecksumSHA1: o.ChecksumSHA1, ChecksumSHA256: o.ChecksumSHA256, ChecksumMD5: o.ChecksumMD5, ChecksumSHA512: o.ChecksumSHA512,
			ChecksumXXHASH64: o.ChecksumXXHASH64, ChecksumXXHASH3: o.ChecksumXXHASH3, ChecksumXXHASH128: o.ChecksumXXHASH128})
	}
	return parts
}

// ckComplete completes with the SDK, parts listed by ckCompletedParts,
// mod applied.
func ckComplete(mod func(*s3.CompleteMultipartUploadInput)) ckFinish {
	return func(key, id string, outs []*s3.UploadPartOutput) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			in := &s3.CompleteMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(key), UploadId: aws.String(id),
				MultipartUpload: &types.CompletedMultipartUpload{Parts: ckCompletedParts(outs)}}
			if mod != nil {
				mod(in)
			}
			return primary(w, u).CompleteMultipartUpload(ctx, in)
		}
	}
}

// ckRawComplete completes with a raw signed POST (the suite's
// send_signed_post) carrying the headers kv; each part's element holds
// its PartNumber, ETag and partXML(i, part).
func ckRawComplete(partXML func(i int, p *s3.UploadPartOutput) string, kv ...string) ckFinish {
	return func(key, id string, outs []*s3.UploadPartOutput) objCall {
		var b strings.Builder
		b.WriteString("<CompleteMultipartUpload>")
		for i, o := range outs {
			fmt.Fprintf(&b, "<Part><PartNumber>%d</PartNumber><ETag>%s</ETag>", i+1, aws.ToString(o.ETag))
			if partXML != nil {
				b.WriteString(partXML(i, o))
			}
			b.WriteString("</Part>")
		}
		b.WriteString("</CompleteMultipartUpload>")
		return objRaw(http.MethodPost, objKeyPath(key)+"?uploadId="+url.QueryEscape(id), []byte(b.String()), ckH(kv...))
	}
}

// ckWith is a part body with its checksum of alg sent.
func ckWith(alg types.ChecksumAlgorithm, body, sum string) ckPart {
	return ckPart{body, func(in *s3.UploadPartInput) {
		in.ChecksumAlgorithm = alg
		v := aws.String(sum)
		switch alg {
		case types.ChecksumAlgorithmCrc32:
			in.ChecksumCRC32 = v
		case types.ChecksumAlgorithmCrc32c:
			in.ChecksumCRC32C = v
		case types.ChecksumAlgorithmCrc64nvme:
			in.ChecksumCRC64NVME = v
		case types.ChecksumAlgorithmSha1:
			in.ChecksumSHA1 = v
		case types.ChecksumAlgorithmSha256:
			in.ChecksumSHA256 = v
		case types.ChecksumAlgorithmMd5:
			in.ChecksumMD5 = v
		case types.ChecksumAlgorithmSha512:
			in.ChecksumSHA512 = v
		case types.ChecksumAlgorithmXxhash64:
			in.ChecksumXXHASH64 = v
		case types.ChecksumAlgorithmXxhash3:
			in.ChecksumXXHASH3 = v
		case types.ChecksumAlgorithmXxhash128:
			in.ChecksumXXHASH128 = v
		}
	}}
}

// ckCreate is CreateMultipartUpload with alg and typ.
func ckCreate(alg types.ChecksumAlgorithm, typ types.ChecksumType) func(*s3.CreateMultipartUploadInput) {
	return func(in *s3.CreateMultipartUploadInput) { in.ChecksumAlgorithm, in.ChecksumType = alg, typ }
}

// ckPartSize is the suite's PART_SIZE (5 MiB, S3's smallest non-last part).
const ckPartSize = 5 << 20

func ckFill(c string) string { return strings.Repeat(c, ckPartSize) }

// ckField is the output field of alg's checksum ("ChecksumCRC32C").
func ckField(alg types.ChecksumAlgorithm) string {
	if alg == types.ChecksumAlgorithmCrc32c {
		return "ChecksumCRC32C"
	}
	return "Checksum" + strings.ToUpper(string(alg))
}

func TestArgminChecksumMultipartHelper(t *testing.T) {
	src := func(alg string) string {
		return argmin("checksums.rs", "test_multipart_use_cksum_helper_"+alg+" (run_multipart_checksum_test)")
	}
	var cases []Case
	for _, h := range []struct {
		alg                  types.ChecksumAlgorithm
		typ                  types.ChecksumType
		p1, p2, p3, complete string
	}{
		{types.ChecksumAlgorithmSha256, types.ChecksumTypeComposite, "275VF5loJr1YYawit0XSHREhkFXYkkPKGuoK0x9VKxI=",
			"mrHwOfjTL5Zwfj74F05HOQGLdUb7E5szdCbxgUSq6NM=", "Vw7oB/nKQ5xWb3hNgbyfkvDiivl+U+/Dft48nfJfDow=", "uWBwpe1dxI4Vw8Gf0X9ynOdw/SS6VBzfWm9giiv1sf4=-3"},
		{types.ChecksumAlgorithmCrc64nvme, types.ChecksumTypeFullObject, "L/E4WYn8v98=", "xW1l19VobYM=", "cK5MnNaWrW4=", "i+6LR0y3eFo="},
		{types.ChecksumAlgorithmCrc32, types.ChecksumTypeFullObject, "JRTCyQ==", "QoZTGg==", "YAgjqw==", "WgDhBQ=="},
		{types.ChecksumAlgorithmCrc32c, types.ChecksumTypeFullObject, "MDaLrw==", "TH4EZg==", "Z7mBIQ==", "xU+Krw=="},
		{types.ChecksumAlgorithmSha1, types.ChecksumTypeComposite, "iIaTCGbm+vdVjNqIMF2S0T7ibMk=", "LS/TJ32bAVKEwRu+sE3X7awh/lk=",
			"6DDwovUaHwrKNXDMzOGbuvj9kxI=", "sizjvY4eud3MrcHdZM3cQ/ol39o=-3"},
	} {
		name, f, s := string(h.alg), ckField(h.alg), src(strings.ToLower(string(h.alg)))
		parts := []ckPart{ckWith(h.alg, ckFill("A"), h.p1), ckWith(h.alg, ckFill("B"), h.p2), ckWith(h.alg, ckFill("C"), h.p3)}
		upload := func(finish ckFinish) objCall { return ckUpload("mymultipart3", ckCreate(h.alg, h.typ), parts, finish) }
		done := upload(ckComplete(nil))
		bare, _, _ := strings.Cut(h.complete, "-")
		cases = append(cases,
			argminCase("UploadPart/"+name+" "+string(h.typ)+" part 3", s, objBucket(), upload(nil), Want{Fields: map[string]any{f: h.p3}}),
			argminCase("CompleteMultipartUpload/"+name+" "+string(h.typ)+" of three parts", s, objBucket(), done,
				Want{Fields: map[string]any{f: h.complete}}),
			argminCase("HeadObject/"+name+" "+string(h.typ)+" upload without x-amz-checksum-mode", s, objBucket(objStep(done)),
				objHead(primary, "mymultipart3", nil), Want{Fields: map[string]any{f: Absent}}),
			argminCase("HeadObject/"+name+" "+string(h.typ)+" upload with x-amz-checksum-mode ENABLED", s, objBucket(objStep(done)),
				ckModeHead("mymultipart3"), Want{Fields: map[string]any{f: h.complete, "ChecksumType": string(h.typ)}}),
			argminCase("GetObjectAttributes/"+name+" "+string(h.typ)+" upload", s, objBucket(objStep(done)),
				ckAttrs("mymultipart3", types.ObjectAttributesChecksum), Want{Fields: map[string]any{"Checksum." + f: bare, "Checksum.ChecksumType": string(h.typ)}}),
		)
	}
	Run(t, cases)
}

func TestArgminChecksumMultipartSHA256(t *testing.T) {
	src := argmin("checksums.rs", "test_multipart_checksum_sha256")
	sha := types.ChecksumAlgorithmSha256
	one := []ckPart{ckWith(sha, ckBody1K, ckSHA256of1K)}
	upload := func(finish ckFinish) objCall {
		return ckUpload("mymultipart", ckCreate(sha, ""), one, finish)
	}
	withSum := func(v string) ckFinish {
		return ckComplete(func(in *s3.CompleteMultipartUploadInput) { in.ChecksumSHA256 = aws.String(v) })
	}
	composite := "Ok6Cs5b96ux6+MWQkJO7UBT5sKPBeXBLwvj/hK89smg=-1"
	Run(t, []Case{
		argminCase("CompleteMultipartUpload/an x-amz-checksum-sha256 that is no SHA-256", src, objBucket(), upload(withSum("bad")),
			Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}),
		argminCase("CompleteMultipartUpload/another object's x-amz-checksum-sha256", src, objBucket(), upload(withSum(b64(make([]byte, 32)))),
			Want{Status: http.StatusBadRequest, Code: "BadDigest"}),
		argminCase("CompleteMultipartUpload/a COMPOSITE SHA256 part listed without its checksum", src, objBucket(),
			upload(ckComplete(func(in *s3.CompleteMultipartUploadInput) { in.MultipartUpload.Parts[0].ChecksumSHA256 = nil })),
			Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}),
		argminCase("CompleteMultipartUpload/the COMPOSITE SHA256 of one part", src, objBucket(), upload(withSum(composite)),
			Want{Fields: map[string]any{"ChecksumSHA256": composite}}),
		argminCase("HeadObject/the COMPOSITE SHA256 of one part", src, objBucket(objStep(upload(withSum(composite)))), ckModeHead("mymultipart"),
			Want{Fields: map[string]any{"ChecksumSHA256": composite}}),
	})
}

// ckNewAlgs are the algorithms S3 added in 2026, by name.
var ckNewAlgs = []types.ChecksumAlgorithm{types.ChecksumAlgorithmMd5, types.ChecksumAlgorithmSha512,
	types.ChecksumAlgorithmXxhash64, types.ChecksumAlgorithmXxhash3, types.ChecksumAlgorithmXxhash128}

func TestArgminChecksumMultipartWithoutAlgorithm(t *testing.T) {
	src := func(test string) string { return argmin("checksums.rs", test) }
	var cases []Case
	legacy := src("test_complete_multipart_legacy_object_checksum_without_create_algorithm_is_ignored")
	for _, alg := range []types.ChecksumAlgorithm{types.ChecksumAlgorithmCrc32, types.ChecksumAlgorithmCrc32c, types.ChecksumAlgorithmSha1, types.ChecksumAlgorithmSha256} {
		body, key := "legacy object checksum header", "mpu-legacy-"+strings.ToLower(string(alg))
		done := ckUpload(key, nil, []ckPart{{body, nil}}, ckRawComplete(nil, "x-amz-checksum-"+strings.ToLower(string(alg)), ckSum(string(alg), body)))
		cases = append(cases,
			argminCase("CompleteMultipartUpload/x-amz-checksum-"+strings.ToLower(string(alg))+" for an upload without an algorithm", legacy, objBucket(), done, Want{}),
			argminCase("HeadObject/no "+string(alg)+" kept from the completion of an upload without an algorithm", legacy, objBucket(objStep(done)),
				ckModeHead(key), Want{Fields: map[string]any{ckField(alg): Absent}}))
	}
	for _, alg := range ckNewAlgs {
		body, name := "new object checksum header", strings.ToLower(string(alg))
		done := ckUpload("mpu-new-"+name, nil, []ckPart{{body, nil}}, ckRawComplete(nil, "x-amz-checksum-"+name, ckSum(string(alg), body)))
		cases = append(cases, argminCase("CompleteMultipartUpload/x-amz-checksum-"+name+" for an upload without an algorithm",
			src("test_complete_multipart_new_object_checksum_without_create_algorithm_rejected"), objBucket(), done,
			ckRawError("InvalidRequest", "Checksum Type mismatch occurred, expected checksum Type: null, actual checksum Type: "+name, nil)))
	}
	partBody := "new part checksum element"
	sha512Elem := func(int, *s3.UploadPartOutput) string {
		return "<ChecksumSHA512>" + ckSum("SHA512", partBody) + "</ChecksumSHA512>"
	}
	upBody := "new upload part checksum header"
	sha512Part := ckWith(types.ChecksumAlgorithmSha512, upBody, ckSum("SHA512", upBody))
	cases = append(cases,
		argminCase("CompleteMultipartUpload/a ChecksumSHA512 element for a part stored without one",
			src("test_complete_multipart_new_part_checksum_without_stored_checksum_is_invalid_part"), objBucket(),
			ckUpload("mpu-new-part-checksum", nil, []ckPart{{partBody, nil}}, ckRawComplete(sha512Elem)),
			Want{Status: http.StatusBadRequest, Fields: map[string]any{"Elements.Code": "InvalidPart"}}),
		argminCase("UploadPart/SHA512 to an upload without an algorithm", src("test_upload_part_new_checksum_without_create_algorithm_is_accepted"),
			objBucket(), ckUpload("mpu-upload-part-sha512", nil, []ckPart{sha512Part}, nil),
			Want{Fields: map[string]any{"ChecksumSHA512": ckSum("SHA512", upBody)}}),
		argminCase("CompleteMultipartUpload/a SHA512 part of an upload without an algorithm",
			src("test_complete_multipart_new_part_checksum_without_create_algorithm_is_accepted_but_not_stored"), objBucket(),
			ckUpload("mpu-complete-sha512", nil, []ckPart{sha512Part}, ckComplete(nil)), Want{Status: http.StatusBadRequest, Code: "InvalidPart"}),
	)
	Run(t, cases)
}

func TestArgminChecksumMultipartNewAlgorithms(t *testing.T) {
	src := argmin("checksums.rs", "test_multipart_new_composite_checksum_algorithms_round_trip")
	bodies := []string{ckFill("A"), ckFill("B"), "tail part for new checksum algorithms"}
	var cases []Case
	for _, alg := range ckNewAlgs {
		name, f := string(alg), ckField(alg)
		key := "new-composite-mpu-" + strings.ToLower(name)
		var parts []ckPart
		var sums []string
		for _, b := range bodies {
			parts, sums = append(parts, ckWith(alg, b, ckSum(name, b))), append(sums, ckSum(name, b))
		}
		want := ckComposite(name, sums...)
		bare, _, _ := strings.Cut(want, "-")
		var done objCall
		var doneWant Want
		if strings.HasPrefix(name, "XXHASH") {
			// The suite completes these with a raw request.
			done = ckUpload(key, ckCreate(alg, types.ChecksumTypeComposite), parts, ckRawComplete(func(i int, _ *s3.UploadPartOutput) string {
				return "<" + f + ">" + sums[i] + "</" + f + ">"
			}))
			doneWant = Want{Fields: map[string]any{"Elements." + f: want, "Elements.ChecksumType": "COMPOSITE"}}
		} else {
			done = ckUpload(key, ckCreate(alg, types.ChecksumTypeComposite), parts, ckComplete(nil))
			doneWant = Want{Fields: map[string]any{f: want, "ChecksumType": "COMPOSITE"}}
		}
		cases = append(cases,
			argminCase("UploadPart/"+name+" COMPOSITE tail part", src, objBucket(), ckUpload(key, ckCreate(alg, types.ChecksumTypeComposite), parts, nil),
				Want{Fields: map[string]any{f: sums[2]}}),
			argminCase("CompleteMultipartUpload/"+name+" COMPOSITE", src, objBucket(), done, doneWant),
			argminCase("HeadObject/"+name+" COMPOSITE upload", src, objBucket(objStep(done)), ckModeHead(key),
				Want{Fields: map[string]any{f: want, "ChecksumType": "COMPOSITE"}}),
			argminCase("GetObjectAttributes/"+name+" COMPOSITE upload", src, objBucket(objStep(done)), ckAttrs(key, types.ObjectAttributesChecksum),
				Want{Fields: map[string]any{"Checksum." + f: bare, "Checksum.ChecksumType": "COMPOSITE"}}),
		)
	}
	Run(t, cases)
}

func TestArgminChecksumMultipartParts(t *testing.T) {
	src := func(test string) string { return argmin("checksums.rs", test) }
	sha512Body := "configured new object checksum mismatch"
	implicitBody := "raw-upload-part-without-checksum-header"
	rawPart := func(key, id string, _ []*s3.UploadPartOutput) objCall {
		return objRaw(http.MethodPut, objKeyPath(key)+"?partNumber=1&uploadId="+url.QueryEscape(id), []byte(implicitBody), nil)
	}
	cases := []Case{
		argminCase("CompleteMultipartUpload/another object's SHA512 for a COMPOSITE SHA512 upload",
			src("test_complete_multipart_configured_new_object_checksum_header_mismatch_rejected"), objBucket(),
			ckUpload("mpu-sha512-mismatch", ckCreate(types.ChecksumAlgorithmSha512, types.ChecksumTypeComposite),
				[]ckPart{ckWith(types.ChecksumAlgorithmSha512, sha512Body, ckSum("SHA512", sha512Body))},
				ckComplete(func(in *s3.CompleteMultipartUploadInput) { in.ChecksumSHA512 = aws.String(b64(make([]byte, 64))) })),
			Want{Status: http.StatusBadRequest, Code: "BadDigest"}),
		argminCase("UploadPart/no checksum header, to a CRC64NVME upload", src("test_upload_part_uses_multipart_checksum_algorithm_without_part_checksum_header"),
			objBucket(), ckUpload("mpu-upload-part-implicit-checksum", ckCreate(types.ChecksumAlgorithmCrc64nvme, ""), nil, rawPart),
			Want{Fields: map[string]any{"header:x-amz-checksum-crc64nvme": ckSum("CRC64NVME", implicitBody)}}),
	}
	copySrc := ckFill("C")
	crc := ckSum("CRC32", copySrc)
	copyPart := func(key, id string, _ []*s3.UploadPartOutput) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String(argminBkt), Key: aws.String(key),
				UploadId: aws.String(id), PartNumber: aws.Int32(1), CopySource: aws.String(argminBkt + "/mpu-copy-checksum-source")})
		}
	}
	copyDone := func(key, id string, outs []*s3.UploadPartOutput) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			out, err := copyPart(key, id, outs)(ctx, w, u)
			if err != nil {
				return out, err
			}
			r := out.(*s3.UploadPartCopyOutput).CopyPartResult
			return primary(w, u).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(key),
				UploadId: aws.String(id), MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{
					{ETag: r.ETag, PartNumber: aws.Int32(1), ChecksumCRC32: r.ChecksumCRC32}}}})
		}
	}
	copyTest := src("test_upload_part_copy_uses_multipart_checksum_algorithm")
	copySetup := objBucket(objStep(objPut(primary, "mpu-copy-checksum-source", copySrc, nil)))
	crcFull := ckCreate(types.ChecksumAlgorithmCrc32, types.ChecksumTypeFullObject)
	full := Want{Fields: map[string]any{"ChecksumCRC32": crc, "ChecksumType": "FULL_OBJECT"}}
	cases = append(cases,
		argminCase("UploadPartCopy/to a CRC32 FULL_OBJECT upload", copyTest, copySetup, ckUpload("mpu-copy-dst", crcFull, nil, copyPart),
			Want{Fields: map[string]any{"CopyPartResult.ChecksumCRC32": crc}}),
		argminCase("CompleteMultipartUpload/a CRC32 FULL_OBJECT upload of a copied part", copyTest, copySetup,
			ckUpload("mpu-copy-dst", crcFull, nil, copyDone), full),
		argminCase("HeadObject/a CRC32 FULL_OBJECT upload of a copied part", copyTest, append(copySetup, objStep(ckUpload("mpu-copy-dst", crcFull, nil, copyDone))),
			ckModeHead("mpu-copy-dst"), full),
	)
	// test_get_object_part_with_checksum: a CRC32 (COMPOSITE) upload of
	// three parts read part by part.
	bodies := []string{ckFill("X"), ckFill("Y"), strings.Repeat("Z", 1024)}
	var parts []ckPart
	for _, b := range bodies {
		parts = append(parts, ckWith(types.ChecksumAlgorithmCrc32, b, ckSum("CRC32", b)))
	}
	partsSetup := objBucket(objStep(ckUpload("partnum-cksum", ckCreate(types.ChecksumAlgorithmCrc32, ""), parts, ckComplete(nil))))
	for i, b := range bodies {
		n := int32(i + 1)
		cases = append(cases, argminCase(fmt.Sprintf("GetObject/part %d of a CRC32 COMPOSITE upload", n), src("test_get_object_part_with_checksum"), partsSetup,
			objGet(primary, "partnum-cksum", func(in *s3.GetObjectInput) { in.PartNumber = aws.Int32(n) }),
			Want{Status: http.StatusPartialContent, Fields: map[string]any{"Out.PartsCount": 3, "Out.ChecksumCRC32": ckSum("CRC32", b),
				"Body": Len(len(b))}}))
	}
	Run(t, cases)
}

func TestArgminChecksumMultipartACLBucket(t *testing.T) {
	src := argmin("checksums_acl.rs", "test_multipart_checksum_acl_crc32_round_trip")
	crc := types.ChecksumAlgorithmCrc32
	parts := []ckPart{ckWith(crc, ckFill("A"), "JRTCyQ=="), ckWith(crc, ckFill("B"), "QoZTGg=="), ckWith(crc, ckFill("C"), "YAgjqw==")}
	upload := func(finish ckFinish) objCall {
		return ckUpload("acl-multipart-checksum", ckCreate(crc, types.ChecksumTypeFullObject), parts, finish)
	}
	aclBucket := func(extra ...argminStep) []argminStep {
		return append(argminSteps(argminBucket(false, types.ObjectOwnershipObjectWriter)), extra...)
	}
	done := aclBucket(objStep(upload(ckComplete(nil))))
	Run(t, []Case{
		argminCase("UploadPart/CRC32 part 3 into an ObjectWriter bucket", src, aclBucket(), upload(nil), Want{Fields: map[string]any{"ChecksumCRC32": "YAgjqw=="}}),
		argminCase("CompleteMultipartUpload/CRC32 FULL_OBJECT into an ObjectWriter bucket", src, aclBucket(), upload(ckComplete(nil)),
			Want{Fields: map[string]any{"ChecksumCRC32": "WgDhBQ=="}}),
		argminCase("HeadObject/CRC32 FULL_OBJECT upload in an ObjectWriter bucket", src, done, ckModeHead("acl-multipart-checksum"),
			Want{Fields: map[string]any{"ChecksumCRC32": "WgDhBQ==", "ChecksumType": "FULL_OBJECT"}}),
		argminCase("GetObjectAttributes/CRC32 FULL_OBJECT upload in an ObjectWriter bucket", src, done,
			ckAttrs("acl-multipart-checksum", types.ObjectAttributesChecksum),
			Want{Fields: map[string]any{"Checksum.ChecksumCRC32": "WgDhBQ==", "Checksum.ChecksumType": "FULL_OBJECT"}}),
	})
}
