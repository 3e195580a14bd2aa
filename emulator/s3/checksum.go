package s3

import (
	"encoding/base64"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/sigv4"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Whole-object checksums of multipart uploads
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html#large-object-checksums):
// COMPOSITE is the checksum of the concatenated part checksums followed by
// "-<parts>"; FULL_OBJECT is the checksum of the whole content.

// xmlChecksums are the Checksum<ALG> elements of S3 responses.
type xmlChecksums struct {
	CRC32     string `xml:"ChecksumCRC32,omitempty"`
	CRC32C    string `xml:"ChecksumCRC32C,omitempty"`
	CRC64NVME string `xml:"ChecksumCRC64NVME,omitempty"`
	SHA1      string `xml:"ChecksumSHA1,omitempty"`
	SHA256    string `xml:"ChecksumSHA256,omitempty"`
	MD5       string `xml:"ChecksumMD5,omitempty"`
	SHA512    string `xml:"ChecksumSHA512,omitempty"`
	XXHASH64  string `xml:"ChecksumXXHASH64,omitempty"`
	XXHASH3   string `xml:"ChecksumXXHASH3,omitempty"`
	XXHASH128 string `xml:"ChecksumXXHASH128,omitempty"`
}

func checksumXML(alg, value string) xmlChecksums {
	var x xmlChecksums
	switch strings.ToUpper(alg) {
	case "CRC32":
		x.CRC32 = value
	case "CRC32C":
		x.CRC32C = value
	case "CRC64NVME":
		x.CRC64NVME = value
	case "SHA1":
		x.SHA1 = value
	case "SHA256":
		x.SHA256 = value
	case "MD5":
		x.MD5 = value
	case "SHA512":
		x.SHA512 = value
	case "XXHASH64":
		x.XXHASH64 = value
	case "XXHASH3":
		x.XXHASH3 = value
	case "XXHASH128":
		x.XXHASH128 = value
	}
	return x
}

// get returns the value for alg.
func (x xmlChecksums) get(alg string) string {
	switch strings.ToUpper(alg) {
	case "CRC32":
		return x.CRC32
	case "CRC32C":
		return x.CRC32C
	case "CRC64NVME":
		return x.CRC64NVME
	case "SHA1":
		return x.SHA1
	case "SHA256":
		return x.SHA256
	case "MD5":
		return x.MD5
	case "SHA512":
		return x.SHA512
	case "XXHASH64":
		return x.XXHASH64
	case "XXHASH3":
		return x.XXHASH3
	case "XXHASH128":
		return x.XXHASH128
	}
	return ""
}

// uploadChecksumType validates x-amz-checksum-type for an upload created
// with algorithm alg and returns the type it gets.
func uploadChecksumType(alg, typ string) (string, error) {
	typ = strings.ToUpper(typ)
	if alg == "" {
		if typ != "" {
			return "", errInvalidRequest("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.")
		}
		return "", nil
	}
	if _, ok := sigv4.Checksum(alg); !ok {
		return "", errInvalidRequest(msgUnsupportedChecksum)
	}
	switch typ {
	case "":
		if alg == "CRC64NVME" {
			return "FULL_OBJECT", nil
		}
		return "COMPOSITE", nil
	case "COMPOSITE":
		if alg == "CRC64NVME" {
			return "", errInvalidRequest("The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.")
		}
	case "FULL_OBJECT":
		if !fullObjectAlgs[alg] {
			return "", errInvalidRequest("The FULL_OBJECT checksum type cannot be used with the " + strings.ToLower(alg) + " checksum algorithm.")
		}
	default:
		return "", errInvalidRequest("Value for x-amz-checksum-type header is invalid.")
	}
	return typ, nil
}

// fullObjectAlgs are the algorithms a multipart upload can checksum as a
// whole (FULL_OBJECT): the CRCs, which combine from the parts'; the
// digests (SHA1, SHA256, and MD5, SHA512 and the XXHASH family alike) are COMPOSITE
// only (checking-object-integrity.html, "Using full object checksums for
// multipart upload").
var fullObjectAlgs = map[string]bool{"CRC32": true, "CRC32C": true, "CRC64NVME": true}

// msgUnsupportedChecksum refuses an x-amz-checksum-algorithm S3 does not
// compute, naming the ten it takes as AWS answered in 2026 (argmin
// checksums.rs test_create_multipart_invalid_checksum_algorithm and
// test_copy_object_replace_invalid_checksum_algorithm, against AWS S3;
// LocalStack's recording of 2026-02-21, before S3 took MD5, SHA512 and the
// XXHASH family, listed five).
const msgUnsupportedChecksum = "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, MD5, SHA1, SHA256, SHA512, XXHASH128, XXHASH3, XXHASH64]"

// compositeChecksum is alg over the parts' decoded checksums, "-N"
// appended; "" when a part has no checksum of that algorithm.
func compositeChecksum(alg string, parts []store.S3Part) string {
	hs, ok := sigv4.Checksum(alg)
	if !ok {
		return ""
	}
	for _, p := range parts {
		raw, err := base64.StdEncoding.DecodeString(p.Checksum[alg])
		if err != nil || len(raw) == 0 {
			return ""
		}
		hs.Write(raw)
	}
	return sigv4.ChecksumString(hs) + "-" + strconv.Itoa(len(parts))
}

// fullObjectChecksum streams the parts through alg.
func (h *Handler) fullObjectChecksum(alg string, parts []store.S3Part) (string, error) {
	hs, ok := sigv4.Checksum(alg)
	if !ok {
		return "", nil
	}
	var size int64
	for _, p := range parts {
		size += p.Size
	}
	r, err := newPartsReader(h.db, parts, 0, size)
	if err != nil {
		return "", err
	}
	defer r.Close()
	if _, err := io.Copy(hs, r); err != nil {
		return "", err
	}
	return sigv4.ChecksumString(hs), nil
}

// defaultChecksumAlg is the checksum S3 computes for objects uploaded
// without one (PutObject, POST, and multipart uploads created without an
// algorithm), stored as FULL_OBJECT
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).
const defaultChecksumAlg = "CRC64NVME"

// checksumSize is the decoded length of each algorithm's checksum.
var checksumSize = map[string]int{"CRC32": 4, "CRC32C": 4, "CRC64NVME": 8, "SHA1": 20, "SHA256": 32,
	"MD5": 16, "SHA512": 64, "XXHASH64": 8, "XXHASH3": 8, "XXHASH128": 16}

// validChecksumValue reports whether v is a base64 checksum of alg's size.
func validChecksumValue(alg, v string) bool {
	raw, err := base64.StdEncoding.DecodeString(v)
	return err == nil && len(raw) == checksumSize[strings.ToUpper(alg)]
}

// checkChecksumHeaders refuses a request carrying more than one
// x-amz-checksum-<alg> header, one with a checksum trailer, or a value that is not a base64 checksum of
// its algorithm's size, before any body is read (InvalidRequest, as
// recorded from AWS in localstack tests/aws/services/s3/test_s3.snapshot.json
// TestS3PutObjectChecksum::test_s3_checksum_no_algorithm). A header sent
// empty counts as sent (S3's answers quoted in versity/versitygw#1188 and
// #1189).
func checkChecksumHeaders(h http.Header) error {
	if err := checkRepeatedChecksumHeader(h); err != nil {
		return err
	}
	var found []string
	for i, a := range checksumAlgs {
		if _, sent := h[checksumHeaders[i]]; sent {
			found = append(found, a)
		}
	}
	if len(found) > 1 {
		return errInvalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
	}
	if len(found) == 1 && strings.HasPrefix(strings.ToLower(h.Get("X-Amz-Trailer")), "x-amz-checksum-") {
		// A checksum header and a checksum trailer: S3's answer, quoted in
		// versity/versitygw#1657, has no second sentence.
		return errInvalidRequest("Expecting a single x-amz-checksum- header")
	}
	if len(found) == 1 && !validChecksumValue(found[0], h.Get(checksumHeader(found[0]))) {
		return errInvalidRequest("Value for x-amz-checksum-" + found[0] + " header is invalid.")
	}
	return nil
}

// checkRepeatedChecksumHeader refuses an x-amz-checksum-<alg> header sent
// more than once, naming its second value, as AWS answered (argmin
// checksums.rs test_put_object_duplicate_checksum_header and
// _reports_second_value, _reports_first_duplicate_value: 400
// InvalidArgument "Only one value may be specified.").
func checkRepeatedChecksumHeader(h http.Header) error {
	for i, name := range checksumHeaders {
		if vs := h[name]; len(vs) > 1 {
			return errInvalidArgument("Only one value may be specified.", "x-amz-checksum-"+checksumAlgs[i], vs[1])
		}
	}
	return nil
}

// setChecksumHeaders adds the stored checksum to a GET/HEAD answer that
// asked for it (x-amz-checksum-mode: ENABLED), as AWS does
// (localstack test_s3.snapshot.json TestS3::test_get_object_part_checksum):
// for a whole object, or for partNumber of a COMPOSITE multipart object
// the part's own checksum; a part of a FULL_OBJECT multipart object (or a
// range) has no checksum of its own unless it is the whole object. Sending
// the whole object's checksum with a part makes SDKs that validate
// responses (boto3, aws-sdk-go-v2) fail on a correct body.
func setChecksumHeaders(rq *req, o *store.S3Object, res *result) {
	if !strings.EqualFold(rq.r.Header.Get("X-Amz-Checksum-Mode"), "ENABLED") || o.Checksum == "" {
		return
	}
	alg, sum, typ := o.ChecksumAlgorithm, o.Checksum, o.ChecksumType
	if pn := rq.q.Get("partNumber"); pn != "" && o.Multipart {
		num, err := strconv.Atoi(pn)
		if err != nil || num < 1 || num > len(o.Parts) {
			return
		}
		switch {
		case typ == "COMPOSITE":
			sum = o.Parts[num-1].Checksum[alg]
		case len(o.Parts) > 1:
			return
		}
	} else if rg := rq.r.Header.Get("Range"); rg != "" {
		// A range that is ignored or covers the whole object is the whole
		// object, and keeps its checksum (localstack test_s3_api.snapshot.json
		// TestS3ObjectCRUD::test_get_object_range get-0-100, get-1-0,
		// get--15, get-wrong-format).
		start, length, ok, err := parseRange(rg, o.Size)
		if err == nil && ok && (start != 0 || length != o.Size) {
			return
		}
	}
	if sum == "" {
		return
	}
	res.set(checksumHeader(alg), sum)
	if typ != "" {
		res.set("X-Amz-Checksum-Type", typ)
	}
}

// completedChecksum is the algorithm of a completed upload's object
// checksum and whether it is computed over the whole content: the
// upload's algorithm and type, or CRC64NVME FULL_OBJECT for an upload
// created without one, as AWS records it (localstack test_s3.snapshot.json
// TestS3MultipartUploadChecksum::test_complete_multipart_parts_checksum_default).
// An SSE-C upload created without one gets no checksum at all (AWS cannot
// read the parts without the customer's key, which a completion does not
// carry; TestS3SSECEncryption::test_multipart_upload_sse_c
// "complete-multipart-checksum", validated 2026-02-21).
func completedChecksum(u *store.S3Upload) (alg string, fullObject bool) {
	if u.ChecksumAlgorithm == "" {
		if u.SSE == sseCustomer {
			return "", false
		}
		return defaultChecksumAlg, true
	}
	return u.ChecksumAlgorithm, u.ChecksumType == "FULL_OBJECT"
}
