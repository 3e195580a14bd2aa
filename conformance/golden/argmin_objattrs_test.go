package golden

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of justincormack/argmin's object_attributes.rs (GetObjectAttributes).

var oaAll = []types.ObjectAttributes{types.ObjectAttributesEtag, types.ObjectAttributesChecksum, types.ObjectAttributesObjectParts,
	types.ObjectAttributesStorageClass, types.ObjectAttributesObjectSize}

// oaAttrs is GetObjectAttributes of key with mod applied.
func oaAttrs(key string, mod func(*s3.GetObjectAttributesInput), attrs ...types.ObjectAttributes) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.GetObjectAttributesInput{Bucket: aws.String(argminBkt), Key: aws.String(key), ObjectAttributes: attrs}
		if mod != nil {
			mod(in)
		}
		return primary(w, u).GetObjectAttributes(ctx, in)
	}
}

// oaCRC32Parts are bodies uploaded with the SDK computing their CRC32.
func oaCRC32Parts(alg types.ChecksumAlgorithm, bodies ...string) []ckPart {
	var parts []ckPart
	for _, b := range bodies {
		parts = append(parts, ckPart{b, func(in *s3.UploadPartInput) { in.ChecksumAlgorithm = alg }})
	}
	return parts
}

func oaPage(marker string) func(*s3.GetObjectAttributesInput) {
	return func(in *s3.GetObjectAttributesInput) {
		in.MaxParts = aws.Int32(1)
		if marker != "" {
			in.PartNumberMarker = aws.String(marker)
		}
	}
}

func TestArgminObjectAttributes(t *testing.T) {
	src := func(test string) string { return argmin("object_attributes.rs", test) }
	foo := objETag("foo")
	versions := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		v1, err := primary(w, u).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("obj"), Body: strings.NewReader("foo")})
		if err != nil {
			return v1, err
		}
		if _, err := objPut(primary, "obj", "foo", nil)(ctx, w, u); err != nil {
			return nil, err
		}
		return oaAttrs("obj", func(in *s3.GetObjectAttributesInput) { in.VersionId = v1.VersionId }, oaAll...)(ctx, w, u)
	}
	mpu := objBucket(objStep(mpDone("mpu", mpFill("a", ckPartSize), mpFill("b", 1024))))
	Run(t, []Case{
		argminCase("GetObjectAttributes/a PutObject, every attribute", src("test_get_object_attributes"), objBucket(argminPut("obj", "foo", "")),
			oaAttrs("obj", nil, oaAll...), Want{Fields: map[string]any{"ObjectSize": 3, "ETag": strings.Trim(foo, `"`), "StorageClass": "STANDARD",
				"DeleteMarker": Absent, "VersionId": Absent, "ObjectParts": Absent}}),
		argminCase("GetObjectAttributes/the current version", src("test_get_versioned_object_attributes"), objBucket(objVersioning, argminPut("obj", "foo", "")),
			oaAttrs("obj", nil, oaAll...), Want{Fields: map[string]any{"VersionId": Present, "ObjectSize": 3, "ETag": strings.Trim(foo, `"`),
				"StorageClass": "STANDARD", "DeleteMarker": Absent, "ObjectParts": Absent}}),
		argminCase("GetObjectAttributes/an older version by versionId", src("test_get_versioned_object_attributes"), objBucket(objVersioning), versions,
			Want{Fields: map[string]any{"VersionId": Present, "ObjectSize": 3, "ETag": strings.Trim(foo, `"`), "StorageClass": "STANDARD",
				"DeleteMarker": Absent, "ObjectParts": Absent}}),
		argminCase("GetObjectAttributes/a SHA256 PutObject", src("test_get_checksum_object_attributes"),
			objBucket(objStep(objPut(primary, "myobj", ckBody1K, checksumInput(types.ChecksumAlgorithmSha256, ckSHA256of1K)))),
			oaAttrs("myobj", nil, oaAll...), Want{Fields: map[string]any{"ObjectSize": 1024, "ETag": strings.Trim(objETag(ckBody1K), `"`),
				"StorageClass": "STANDARD", "Checksum.ChecksumSHA256": ckSHA256of1K, "ObjectParts": Absent}}),
		argminCase("GetObjectAttributes/an upload of two parts without an algorithm", src("test_get_multipart_object_attributes"), mpu,
			oaAttrs("mpu", nil, types.ObjectAttributesObjectParts, types.ObjectAttributesObjectSize),
			Want{Fields: map[string]any{"ObjectParts.TotalPartsCount": 2, "ObjectSize": ckPartSize + 1024}}),
		argminCase("GetObjectAttributes/an upload of one part", src("test_get_single_multipart_object_attributes"),
			objBucket(objStep(mpDone("mpu-single", mpFill("x", ckPartSize)))), oaAttrs("mpu-single", nil, types.ObjectAttributesObjectParts),
			Want{Fields: map[string]any{"ObjectParts.TotalPartsCount": 1}}),
	})
}

func TestArgminObjectAttributesParts(t *testing.T) {
	src := func(test string) string { return argmin("object_attributes.rs", test) }
	crc := types.ChecksumAlgorithmCrc32
	three := objBucket(objStep(ckUpload("mpu-page", ckCreate(crc, ""), oaCRC32Parts(crc, mpFill("a", ckPartSize), mpFill("b", ckPartSize), mpFill("c", 1024)), ckComplete(nil))))
	two := func(key string) []argminStep {
		return objBucket(objStep(ckUpload(key, ckCreate(crc, ""), oaCRC32Parts(crc, mpFill("a", ckPartSize), mpFill("b", 1024)), ckComplete(nil))))
	}
	page := func(marker string) objCall {
		return oaAttrs("mpu-page", oaPage(marker), types.ObjectAttributesObjectParts)
	}
	pageWant := func(n int, truncated bool) Want {
		return Want{Fields: map[string]any{"ObjectParts.TotalPartsCount": 3, "ObjectParts.IsTruncated": truncated, "ObjectParts.Parts": Len(1),
			"ObjectParts.Parts[0].PartNumber": n, "ObjectParts.NextPartNumberMarker": Present}}
	}
	x, y := mpFill("X", ckPartSize), mpFill("Y", 1024)
	cksum := objBucket(objStep(ckUpload("mpu-cksum", ckCreate(crc, ""), oaCRC32Parts(crc, x, y), ckComplete(nil))))
	Run(t, []Case{
		argminCase("GetObjectAttributes/max-parts 1 of a CRC32 upload of three parts, page 1", src("test_get_paginated_multipart_object_attributes"), three,
			page(""), pageWant(1, true)),
		argminCase("GetObjectAttributes/max-parts 1 of a CRC32 upload of three parts, page 2", src("test_get_paginated_multipart_object_attributes"), three,
			page("1"), pageWant(2, true)),
		argminCase("GetObjectAttributes/max-parts 1 of a CRC32 upload of three parts, page 3", src("test_get_paginated_multipart_object_attributes"), three,
			page("2"), pageWant(3, false)),
		argminCase("GetObjectAttributes/x-amz-max-parts 5000", src("test_get_object_attributes_max_parts_above_list_limit_is_preserved"), two("mpu-max-parts-clamp"),
			objRaw(http.MethodGet, objKeyPath("mpu-max-parts-clamp")+"?attributes", nil, ckH("x-amz-object-attributes", "ObjectParts", "x-amz-max-parts", "5000")),
			Want{Fields: map[string]any{"Body": bktHas("<MaxParts>5000</MaxParts>")}}),
		argminCase("GetObjectAttributes/max-parts 0", src("test_get_zero_max_parts_object_attributes"), two("mpu-zero"),
			oaAttrs("mpu-zero", func(in *s3.GetObjectAttributesInput) { in.MaxParts = aws.Int32(0) }, types.ObjectAttributesObjectParts),
			Want{Fields: map[string]any{"ObjectParts.TotalPartsCount": 2, "ObjectParts.IsTruncated": false, "ObjectParts.Parts": Len(0),
				"ObjectParts.NextPartNumberMarker": Present}}),
		argminCase("GetObjectAttributes/a CRC32 upload's checksums", src("test_get_multipart_checksum_object_attributes"), cksum,
			oaAttrs("mpu-cksum", nil, types.ObjectAttributesChecksum, types.ObjectAttributesObjectParts),
			Want{Fields: map[string]any{"Checksum.ChecksumCRC32": Present, "Checksum.ChecksumType": "COMPOSITE", "ObjectParts.TotalPartsCount": 2,
				"ObjectParts.Parts": Len(2), "ObjectParts.Parts[0].ChecksumCRC32": ckSum("CRC32", x), "ObjectParts.Parts[1].ChecksumCRC32": ckSum("CRC32", y)}}),
		argminCase("HeadObject/a CRC32 upload's checksum", src("test_get_multipart_checksum_object_attributes"), cksum, ckModeHead("mpu-cksum"),
			Want{Fields: map[string]any{"ChecksumCRC32": Present, "ChecksumType": "COMPOSITE"}}),
	})
}

func TestArgminObjectAttributesChecksumTypes(t *testing.T) {
	src := func(test string) string {
		return argmin("object_attributes.rs", test+" (do_checksummed_multipart_upload)")
	}
	upload := func(key string, alg types.ChecksumAlgorithm, typ types.ChecksumType) objCall {
		return ckUpload(key, ckCreate(alg, typ), oaCRC32Parts(alg, mpFill("Z", ckPartSize)), ckComplete(nil))
	}
	var cases []Case
	for _, c := range []struct {
		test string
		alg  types.ChecksumAlgorithm
		typ  types.ChecksumType
		want string
	}{
		{"test_multipart_crc32_default_composite", types.ChecksumAlgorithmCrc32, "", "COMPOSITE"},
		{"test_multipart_crc32c_default_composite", types.ChecksumAlgorithmCrc32c, "", "COMPOSITE"},
		{"test_multipart_sha256_default_composite", types.ChecksumAlgorithmSha256, "", "COMPOSITE"},
		{"test_multipart_crc64nvme_default_full_object", types.ChecksumAlgorithmCrc64nvme, "", "FULL_OBJECT"},
		{"test_multipart_crc32_explicit_full_object", types.ChecksumAlgorithmCrc32, types.ChecksumTypeFullObject, "FULL_OBJECT"},
	} {
		key := "mpu-" + strings.ToLower(string(c.alg)) + "-" + strings.ToLower(string(c.typ))
		done := upload(key, c.alg, c.typ)
		name := string(c.alg) + " " + map[bool]string{true: "without a type", false: "asked " + string(c.typ)}[c.typ == ""]
		cases = append(cases, argminCase("GetObjectAttributes/"+name, src(c.test), objBucket(objStep(done)),
			oaAttrs(key, nil, types.ObjectAttributesChecksum), Want{Fields: map[string]any{"Checksum.ChecksumType": c.want}}))
		if c.want == "COMPOSITE" {
			cases = append(cases, argminCase("CompleteMultipartUpload/"+name+" is composite", src(c.test), objBucket(), done,
				Want{Fields: map[string]any{ckField(c.alg): Match(`-1$`)}}))
		}
	}
	cases = append(cases, argminCase("CreateMultipartUpload/CRC64NVME asked COMPOSITE", src("test_multipart_crc64nvme_composite_rejected"), objBucket(),
		func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String("mpu-crc64nvme-composite"),
				ChecksumAlgorithm: types.ChecksumAlgorithmCrc64nvme, ChecksumType: types.ChecksumTypeComposite})
		}, Want{Refused: true}))
	Run(t, cases)
}

func TestArgminObjectAttributesShape(t *testing.T) {
	src := argmin("object_attributes.rs", "test_get_object_attributes_multipart_response_shape")
	key := "shape-object-attributes.txt"
	second := "attributes-second-part"
	parts := []ckPart{ckWith(types.ChecksumAlgorithmCrc32, mpFill("B", ckPartSize), ckSum("CRC32", mpFill("B", ckPartSize))),
		ckWith(types.ChecksumAlgorithmCrc32, second, ckSum("CRC32", second))}
	upload := ckUpload(key, ckCreate(types.ChecksumAlgorithmCrc32, ""), parts, ckRawComplete(func(_ int, p *s3.UploadPartOutput) string {
		return "<ChecksumCRC32>" + aws.ToString(p.ChecksumCRC32) + "</ChecksumCRC32>"
	}, "Content-Type", "application/xml"))
	body := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<GetObjectAttributesResponse xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Checksum>` +
		`<ChecksumCRC32>1wbLhg==</ChecksumCRC32><ChecksumType>COMPOSITE</ChecksumType></Checksum><ObjectParts>` +
		`<PartsCount>2</PartsCount><PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>2</NextPartNumberMarker><MaxParts>1000</MaxParts>` +
		`<IsTruncated>false</IsTruncated><Part><PartNumber>1</PartNumber><Size>5242880</Size><ChecksumCRC32>QoZTGg==</ChecksumCRC32></Part>` +
		`<Part><PartNumber>2</PartNumber><Size>22</Size><ChecksumCRC32>d7wqew==</ChecksumCRC32></Part></ObjectParts>` +
		`<StorageClass>STANDARD</StorageClass><ObjectSize>5242902</ObjectSize></GetObjectAttributesResponse>`
	Run(t, []Case{
		argminCase("GetObjectAttributes/a CRC32 upload of two parts, whole answer", src, objBucket(objStep(upload)),
			objRaw(http.MethodGet, objKeyPath(url.PathEscape(key))+"?attributes=", nil, ckH("x-amz-object-attributes", "Checksum,ObjectParts,ObjectSize,StorageClass")),
			Want{Fields: map[string]any{"Body": body, "header:Content-Length": "698", "header:Last-Modified": Present}}),
	})
}

func TestArgminObjectAttributesSSEC(t *testing.T) {
	src := func(test string) string { return argmin("object_attributes.rs", test) }
	body := "encrypted-object-attributes"
	withKey := func(k *policySSEC, attrs ...types.ObjectAttributes) objCall {
		return oaAttrs("obj", func(in *s3.GetObjectAttributesInput) {
			if k != nil {
				in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = k.alg, k.key, k.md5
			}
		}, attrs...)
	}
	stored := ssecBucket(objStep(ssecPut("obj", body, &ssecKey, nil)))
	etagSize := []types.ObjectAttributes{types.ObjectAttributesEtag, types.ObjectAttributesObjectSize}
	Run(t, []Case{
		argminCase("GetObjectAttributes/an SSE-C object with its key", src("test_get_sse_c_encrypted_object_attributes"), stored, withKey(&ssecKey, etagSize...),
			Want{Fields: map[string]any{"ObjectSize": len(body), "ETag": Present}}),
		argminCase("GetObjectAttributes/an SSE-C object without its key", src("test_get_sse_c_object_attributes_requires_headers"), stored, withKey(nil, etagSize...),
			Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}),
		argminCase("GetObjectAttributes/an SSE-C object with another key", src("test_get_sse_c_object_attributes_rejects_wrong_key"), stored, withKey(&ssecWrong, etagSize...),
			Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		argminCase("GetObjectAttributes/an SSE-C object's SHA256", src("test_get_sse_c_checksum_object_attributes"),
			ssecBucket(objStep(ssecPut("obj", ckBody1K, &ssecKey, checksumInput(types.ChecksumAlgorithmSha256, ckSHA256of1K)))),
			withKey(&ssecKey, types.ObjectAttributesChecksum, types.ObjectAttributesObjectSize),
			Want{Fields: map[string]any{"ObjectSize": 1024, "Checksum.ChecksumSHA256": ckSHA256of1K}}),
	})
}
