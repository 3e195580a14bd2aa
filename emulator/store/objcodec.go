package store

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/binenc"
)

// Binary encoding of S3 object, version and upload records (schema 3).
//
// Every other record is JSON; these are the ones a store holds by the
// hundred thousand, so they are kept small, and their strings (object
// keys, user metadata, tags) are kept byte for byte: JSON would turn bytes
// that are not UTF-8 into U+FFFD.
//
// A record starts with its tag (recObject or recUpload; JSON starts with
// '{', so the two never mix up), then a uvarint mask of the fields
// present, then those fields in bit order. A decoder refuses a mask bit it
// does not know (a record from a newer fakeaws) and trailing bytes. The
// primitives below are read with emulator/binenc, which bounds every
// length and count by the bytes left.
//
//   - strings: uvarint h, whose low 3 bits say how the rest is stored
//     (strLiteral ... strUUID, see encodeStr); each compact form is used
//     only when it gives back the exact string.
//   - integers: uvarint; signed ones zig-zag (binary.AppendVarint).
//   - times: zig-zag seconds, then uvarint nanoseconds<<1 | has-offset,
//     then the zone offset in seconds when set. A zero time is absent.
//   - maps: count, then key/value strings in key order; lists: count, then
//     the elements.
//
// The object key is not stored when the record's own bbolt key gives it
// (the key itself, or the object key of an index key): keyImplied.

const (
	recObject byte = 0x01
	recUpload byte = 0x02
)

// dictionary holds strings common in object records, stored as their
// index. Append only: an index, once written, names its string forever.
var dictionary = [...]string{
	"null", "CanonicalUser", "Group", "AmazonCustomerByEmail",
	"FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP",
	"CRC64NVME", "CRC32", "CRC32C", "SHA1", "SHA256",
	"FULL_OBJECT", "COMPOSITE", "STANDARD", "AES256", "aws:kms", "aws:kms:dsse",
	"GOVERNANCE", "COMPLIANCE", "ON", "OFF",
	"application/octet-stream", "binary/octet-stream", "text/plain",
	"http://acs.amazonaws.com/groups/global/AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
	"http://acs.amazonaws.com/groups/s3/LogDelivery",
	"REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING",
	"GLACIER", "DEEP_ARCHIVE", "GLACIER_IR",
}

// dictionaryByLength lists, for each string length, the dictionary
// indexes of that length in order, built on first use. Every string an
// encoder writes is looked up: most have a length no entry has, and the
// rest are compared with one to three entries, cheaper than hashing them.
var dictionaryByLength = sync.OnceValue(func() [][]uint8 {
	var byLen [][]uint8
	for i, s := range dictionary {
		for len(byLen) <= len(s) {
			byLen = append(byLen, nil)
		}
		byLen[len(s)] = append(byLen[len(s)], uint8(i))
	}
	return byLen
})

// dictionaryIndex returns the first index of s in the dictionary.
func dictionaryIndex(s string) (int, bool) {
	byLen := dictionaryByLength()
	if len(s) >= len(byLen) {
		return 0, false
	}
	for _, i := range byLen[len(s)] {
		if dictionary[i] == s {
			return int(i), true
		}
	}
	return 0, false
}

// String forms (the low 3 bits of a string's header).
const (
	strLiteral   = iota // length, bytes
	strDict             // dictionary index
	strAccount          // a 12-digit account id, as its number
	strBase64           // standard padded base64: length, decoded bytes
	strQuotedHex        // "<lower-case hex>" (an ETag): length, bytes
	strUUID             // a lower-case canonical UUID: 16 bytes
)

var errBadRecord = errors.New("malformed binary record")

// encoder appends a record.
type encoder struct{ b []byte }

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }

func (e *encoder) bytesWith(form int, raw []byte) {
	e.uvarint(uint64(len(raw))<<3 | uint64(form))
	e.b = append(e.b, raw...)
}

// str appends s in its most compact exact form. The forms are tried in a
// fixed order, the first that gives back s exactly wins; each check and
// its bytes are built without allocating.
func (e *encoder) str(s string) {
	if i, ok := dictionaryIndex(s); ok {
		e.uvarint(uint64(i)<<3 | strDict)
		return
	}
	if n, ok := accountNumber(s); ok {
		e.uvarint(n<<3 | strAccount)
		return
	}
	if inner, ok := quotedHex(s); ok {
		e.uvarint(uint64(len(inner)/2)<<3 | strQuotedHex)
		e.b = appendHexDecoded(e.b, inner)
		return
	}
	if isUUID(s) {
		e.uvarint(strUUID)
		for _, part := range [...]string{s[:8], s[9:13], s[14:18], s[19:23], s[24:]} {
			e.b = appendHexDecoded(e.b, part)
		}
		return
	}
	if e.base64(s) {
		return
	}
	e.uvarint(uint64(len(s)) << 3) // strLiteral is 0
	e.b = append(e.b, s...)
}

// accountNumber reports whether s is 12 decimal digits (an account id),
// and their value.
func accountNumber(s string) (uint64, bool) {
	if len(s) != 12 {
		return 0, false
	}
	var n uint64
	for i := range len(s) {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, true
}

// formatAccount is v in decimal, zero-padded to 12 digits.
func formatAccount(v uint64) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = '0' + byte(v%10)
		v /= 10
		if v == 0 && i <= len(b)-12 {
			return string(b[i:])
		}
	}
}

// quotedHex returns the lower-case hex between s's quotes when s is a
// quoted, non-empty, even-length run of lower-case hex (an ETag).
func quotedHex(s string) (string, bool) {
	if len(s) < 4 || len(s)%2 != 0 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", false
	}
	inner := s[1 : len(s)-1]
	return inner, isLowerHex(inner)
}

// isUUID reports whether s is a canonical lower-case UUID.
func isUUID(s string) bool {
	return len(s) == 36 && s[8] == '-' && s[13] == '-' && s[18] == '-' && s[23] == '-' &&
		isLowerHex(s[:8]) && isLowerHex(s[9:13]) && isLowerHex(s[14:18]) && isLowerHex(s[19:23]) && isLowerHex(s[24:])
}

func isLowerHex(s string) bool {
	for i := range len(s) {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// appendHexDecoded appends the bytes of h, an even-length run of
// lower-case hex.
func appendHexDecoded(b []byte, h string) []byte {
	for i := 0; i+1 < len(h); i += 2 {
		b = append(b, unhex(h[i])<<4|unhex(h[i+1]))
	}
	return b
}

func unhex(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c - 'a' + 10
}

// maxStackBase64 is the longest base64 string checked on the stack (a
// SHA-256 checksum is 44); longer ones are checked on the heap.
const maxStackBase64 = 64

// base64 appends s as strBase64 and reports true when s is at least 8
// characters of standard padded base64 that its bytes encode back to
// exactly (no line breaks, no stray bits in the last character).
func (e *encoder) base64(s string) bool {
	if len(s) < 8 || len(s)%4 != 0 {
		return false // StdEncoding encodes to a multiple of 4
	}
	if len(s) > maxStackBase64 {
		raw, err := base64.StdEncoding.DecodeString(s)
		if err != nil || base64.StdEncoding.EncodeToString(raw) != s {
			return false
		}
		e.bytesWith(strBase64, raw)
		return true
	}
	var src, again [maxStackBase64]byte
	var raw [maxStackBase64 / 4 * 3]byte
	copy(src[:], s)
	n, err := base64.StdEncoding.Decode(raw[:], src[:len(s)])
	if err != nil || base64.StdEncoding.EncodedLen(n) != len(s) {
		return false
	}
	base64.StdEncoding.Encode(again[:], raw[:n])
	if string(again[:len(s)]) != s {
		return false
	}
	e.bytesWith(strBase64, raw[:n])
	return true
}

// formatUUID is the canonical lower-case form of a 16-byte UUID.
func formatUUID(b []byte) string {
	var out [36]byte
	hex.Encode(out[:8], b[:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:16])
	return string(out[:])
}

func (e *encoder) time(t time.Time) {
	_, off := t.Zone()
	e.varint(t.Unix())
	flag := uint64(0)
	if t.Location() != time.UTC && t.Location() != nil {
		flag = 1
	}
	e.uvarint(uint64(t.Nanosecond())<<1 | flag)
	if flag == 1 {
		e.varint(int64(off))
	}
}

func (e *encoder) strMap(m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.uvarint(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
		e.str(m[k])
	}
}

func (e *encoder) tags(ts []Tag) {
	e.uvarint(uint64(len(ts)))
	for _, t := range ts {
		e.str(t.Key)
		e.str(t.Value)
	}
}

// decoder reads a record (binenc's decoder bounds every length and
// count); the first failure sticks, reported as errBadRecord.
type decoder struct {
	binenc.Decoder[[]byte]
	// skip reads past the bulky parts of a record (S3ObjectSummary).
	skip bool
}

func newDecoder(raw []byte, skip bool) *decoder {
	return &decoder{Decoder: binenc.NewDecoder(raw), skip: skip}
}

// err is errBadRecord once any read has failed.
func (d *decoder) err() error {
	if d.Failed() {
		return errBadRecord
	}
	return nil
}

func (d *decoder) str() string {
	h := d.Uvarint()
	switch v := h >> 3; h & 7 {
	case strLiteral:
		return string(d.Take(v))
	case strDict:
		if v >= uint64(len(dictionary)) {
			d.Fail()
			return ""
		}
		return dictionary[v]
	case strAccount:
		return formatAccount(v)
	case strBase64:
		return encodeBase64(d.Take(v))
	case strQuotedHex:
		return quoteHex(d.Take(v))
	case strUUID:
		if v != 0 {
			d.Fail()
		}
		if raw := d.Take(16); raw != nil {
			return formatUUID(raw)
		}
		return ""
	}
	d.Fail()
	return ""
}

// encodeBase64 is base64.StdEncoding.EncodeToString with one allocation
// (the string) for short input.
func encodeBase64(raw []byte) string {
	var buf [maxStackBase64]byte
	n := base64.StdEncoding.EncodedLen(len(raw))
	if n > len(buf) {
		return base64.StdEncoding.EncodeToString(raw)
	}
	base64.StdEncoding.Encode(buf[:n], raw)
	return string(buf[:n])
}

// quoteHex is raw in lower-case hex between double quotes (an ETag).
func quoteHex(raw []byte) string {
	var buf [66]byte // an MD5 or SHA-256 ETag
	n := 2 + 2*len(raw)
	b := buf[:0]
	if n > len(buf) {
		b = make([]byte, 0, n)
	}
	b = append(b, '"')
	b = hex.AppendEncode(b, raw)
	b = append(b, '"')
	return string(b)
}

func (d *decoder) time() time.Time {
	sec := d.Varint()
	ns := d.Uvarint()
	if ns>>1 >= 1e9 {
		d.Fail()
		return time.Time{}
	}
	t := time.Unix(sec, int64(ns>>1)).UTC()
	if ns&1 == 1 {
		t = t.In(time.FixedZone("", int(d.Varint())))
	}
	return t
}

func (d *decoder) strMap() map[string]string {
	n := d.Count(1)
	m := make(map[string]string, n)
	for range n {
		k := d.str()
		m[k] = d.str()
	}
	return m
}

func (d *decoder) tags() []Tag {
	n := d.Count(1)
	out := make([]Tag, n)
	for i := range out {
		out[i] = Tag{Key: d.str(), Value: d.str()}
	}
	return out
}

// fields walks a record's mask: has(bit) reports a present field, and
// done checks that no unknown bit is set.
type fields struct {
	mask, seen uint64
}

func (f *fields) has(bit uint) bool {
	f.seen |= 1 << bit
	return f.mask&(1<<bit) != 0
}

func (f *fields) unknown() bool { return f.mask&^f.seen != 0 }

// maskOf builds a mask from the presence of each field, in bit order.
func maskOf(present ...bool) uint64 {
	var m uint64
	for i, p := range present {
		if p {
			m |= 1 << uint(i)
		}
	}
	return m
}

// keyAt is the object key that a record's bbolt key implies, if any.
type keyAt struct {
	key string
	ok  bool
}

// impliedKey returns the object key that the bbolt key of a record of
// kind names: the key itself for current objects (the index schema 4
// dropped, read only by its migration), the object key of an index key
// for versions and uploads.
func impliedKey(kind, key string) keyAt {
	switch {
	case strings.HasPrefix(kind, legacyObjectPrefix):
		return keyAt{key, true}
	case strings.HasPrefix(kind, "s3v/"), strings.HasPrefix(kind, "s3u/"):
		k, ok := S3IndexObjectKey(key)
		return keyAt{k, ok}
	}
	return keyAt{}
}
