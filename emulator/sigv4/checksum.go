package sigv4

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/binary"
	"hash"
	"hash/crc32"
	"sort"
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"
	"github.com/zeebo/xxh3"
)

// Checksum returns a fresh hash for an S3 checksum algorithm name
// ("CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME", "MD5", "SHA512",
// "XXHASH64", "XXHASH3", "XXHASH128"; case-insensitive; the list of
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_Checksum.html).
// S3 transmits base64 of the big-endian digest, which is what
// ChecksumString returns for every algorithm (hash.Hash.Sum of the CRC
// hashes is already big-endian).
func Checksum(algorithm string) (hash.Hash, bool) {
	switch strings.ToUpper(algorithm) {
	case "CRC32":
		return crc32.NewIEEE(), true
	case "CRC32C":
		// MakeTable returns hash/crc32's one Castagnoli table, built on
		// first use: at package init it cost ~0.4 ms of start-up (the
		// SSE4.2 code's 8 KiB of shift tables).
		return crc32.New(crc32.MakeTable(crc32.Castagnoli)), true
	case "SHA1":
		return sha1.New(), true
	case "SHA256":
		return sha256.New(), true
	case "CRC64NVME":
		return new(crc64NVME), true
	case "MD5":
		return md5.New(), true
	case "SHA512":
		return sha512.New(), true
	case "XXHASH64":
		return xxhash.New(), true // XXH64, seed 0
	case "XXHASH3":
		return xxh3.New(), true // XXH3-64, seed 0; Sum is big-endian
	case "XXHASH128":
		return xxh3.New128(), true // XXH3-128, seed 0; Sum is the high half first
	}
	return nil, false
}

// ChecksumString is the base64 of h's digest, as sent in x-amz-checksum-*.
// A CRC's digest is laid out and encoded on the stack, so the string is the
// only allocation.
func ChecksumString(h hash.Hash) string {
	var sum [8]byte
	var raw []byte
	switch d := h.(type) {
	case hash.Hash64:
		binary.BigEndian.PutUint64(sum[:], d.Sum64())
		raw = sum[:]
	case hash.Hash32:
		binary.BigEndian.PutUint32(sum[:], d.Sum32())
		raw = sum[:4]
	default:
		raw = h.Sum(nil)
	}
	var enc [(sha512.Size + 2) / 3 * 4]byte
	n := base64.StdEncoding.EncodedLen(len(raw))
	if n > len(enc) {
		return base64.StdEncoding.EncodeToString(raw)
	}
	base64.StdEncoding.Encode(enc[:n], raw)
	return string(enc[:n])
}

// checksumAlgorithms maps x-amz-checksum-<alg> header names (lower case) to
// the algorithm's name as AWS spells it in messages.
var checksumAlgorithms = map[string]string{
	"x-amz-checksum-crc32":     "CRC32",
	"x-amz-checksum-crc32c":    "CRC32C",
	"x-amz-checksum-sha1":      "SHA1",
	"x-amz-checksum-sha256":    "SHA256",
	"x-amz-checksum-crc64nvme": "CRC64NVME",
	"x-amz-checksum-md5":       "MD5",
	"x-amz-checksum-sha512":    "SHA512",
	"x-amz-checksum-xxhash64":  "XXHASH64",
	"x-amz-checksum-xxhash3":   "XXHASH3",
	"x-amz-checksum-xxhash128": "XXHASH128",
}

func sortStrings(s []string) { sort.Strings(s) }

// crc64NVMEPoly is the CRC-64/NVME polynomial 0xad93d23594c93659 in the
// reversed (LSB-first) form a right-shifting CRC uses.
const crc64NVMEPoly = 0x9a6c9329ac4bc9b5

// crc64NVMETables are the slicing-by-8 tables of CRC-64/NVME, built on
// first use (16 KiB; no process that never sees the algorithm pays for
// them). Table 0 is the byte-at-a-time table; table k advances a byte's
// remainder over k more zero bytes, so eight bytes fold in with eight
// lookups instead of eight dependent steps. hash/crc64 keeps such tables
// only for its two built-in polynomials: with any other table it goes byte
// by byte under 2 KiB and builds new slicing tables on every larger write.
var crc64NVMETables = sync.OnceValue(func() *[8][256]uint64 {
	t := new([8][256]uint64)
	for i := range 256 {
		crc := uint64(i)
		for range 8 {
			crc = crc>>1 ^ crc64NVMEPoly&-(crc&1)
		}
		t[0][i] = crc
	}
	for i := range 256 {
		crc := t[0][i]
		for k := 1; k < 8; k++ {
			crc = t[0][byte(crc)] ^ crc>>8
			t[k][i] = crc
		}
	}
	return t
})

// crc64NVME is a hash.Hash64 computing CRC-64/NVME (initial value and final
// XOR all ones, reflected), the checksum S3 calls CRC64NVME. Sum lays the
// value out big-endian, as S3 transmits it.
type crc64NVME struct{ crc uint64 }

func (d *crc64NVME) Write(p []byte) (int, error) {
	d.crc = updateCRC64NVME(d.crc, p)
	return len(p), nil
}

func (d *crc64NVME) Sum(in []byte) []byte { return binary.BigEndian.AppendUint64(in, d.crc) }
func (d *crc64NVME) Sum64() uint64        { return d.crc }
func (d *crc64NVME) Reset()               { d.crc = 0 }
func (d *crc64NVME) Size() int            { return 8 }
func (d *crc64NVME) BlockSize() int       { return 1 }

// updateCRC64NVME returns crc extended by p.
func updateCRC64NVME(crc uint64, p []byte) uint64 {
	t := crc64NVMETables()
	crc = ^crc
	for len(p) >= 8 {
		crc ^= binary.LittleEndian.Uint64(p)
		crc = t[7][byte(crc)] ^ t[6][byte(crc>>8)] ^ t[5][byte(crc>>16)] ^ t[4][byte(crc>>24)] ^
			t[3][byte(crc>>32)] ^ t[2][byte(crc>>40)] ^ t[1][byte(crc>>48)] ^ t[0][crc>>56]
		p = p[8:]
	}
	for _, b := range p {
		crc = t[0][byte(crc)^b] ^ crc>>8
	}
	return ^crc
}
