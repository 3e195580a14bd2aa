package sigv4

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"sort"
	"strings"
)

// crc64NVMEPoly is the CRC-64/NVME polynomial 0xad93d23594c93659 in the
// reversed (LSB-first) form hash/crc64 expects.
const crc64NVMEPoly = 0x9a6c9329ac4bc9b5

var (
	crc32cTable    = crc32.MakeTable(crc32.Castagnoli)
	crc64NVMETable = crc64.MakeTable(crc64NVMEPoly)
)

// Checksum returns a fresh hash for an S3 checksum algorithm name
// ("CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME"; case-insensitive).
// S3 transmits base64 of the big-endian digest, which is what
// ChecksumString returns for every algorithm (hash.Hash.Sum of the CRC
// hashes is already big-endian).
func Checksum(algorithm string) (hash.Hash, bool) {
	switch strings.ToUpper(algorithm) {
	case "CRC32":
		return crc32.NewIEEE(), true
	case "CRC32C":
		return crc32.New(crc32cTable), true
	case "SHA1":
		return sha1.New(), true
	case "SHA256":
		return sha256.New(), true
	case "CRC64NVME":
		return crc64.New(crc64NVMETable), true
	}
	return nil, false
}

// ChecksumString is the base64 of h's digest, as sent in x-amz-checksum-*.
func ChecksumString(h hash.Hash) string {
	return base64.StdEncoding.EncodeToString(h.Sum(nil))
}

// checksumAlgorithms maps x-amz-checksum-<alg> header names (lower case) to
// the algorithm's name as AWS spells it in messages.
var checksumAlgorithms = map[string]string{
	"x-amz-checksum-crc32":     "CRC32",
	"x-amz-checksum-crc32c":    "CRC32C",
	"x-amz-checksum-sha1":      "SHA1",
	"x-amz-checksum-sha256":    "SHA256",
	"x-amz-checksum-crc64nvme": "CRC64NVME",
}

func sortStrings(s []string) { sort.Strings(s) }
