package s3

import (
	"encoding/base64"
	"io"
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
		return "", errInvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
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
		if alg == "SHA1" || alg == "SHA256" {
			return "", errInvalidRequest("The FULL_OBJECT checksum type cannot be used with the " + strings.ToLower(alg) + " checksum algorithm.")
		}
	default:
		return "", errInvalidRequest("Value for x-amz-checksum-type header is invalid.")
	}
	return typ, nil
}

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
