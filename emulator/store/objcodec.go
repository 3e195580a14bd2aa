package store

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
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
// does not know (a record from a newer fakeaws) and trailing bytes.
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

// str appends s in its most compact exact form.
func (e *encoder) str(s string) {
	if i := slices.Index(dictionary[:], s); i >= 0 {
		e.uvarint(uint64(i)<<3 | strDict)
		return
	}
	if n, ok := accountNumber(s); ok {
		e.uvarint(n<<3 | strAccount)
		return
	}
	if raw, ok := quotedHex(s); ok {
		e.bytesWith(strQuotedHex, raw)
		return
	}
	if raw, ok := uuidBytes(s); ok {
		e.uvarint(strUUID)
		e.b = append(e.b, raw...)
		return
	}
	if raw, err := base64.StdEncoding.DecodeString(s); err == nil && len(s) >= 8 && base64.StdEncoding.EncodeToString(raw) == s {
		e.bytesWith(strBase64, raw)
		return
	}
	e.bytesWith(strLiteral, []byte(s))
}

func accountNumber(s string) (uint64, bool) {
	if len(s) != 12 {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil && fmt.Sprintf("%012d", n) == s
}

func quotedHex(s string) ([]byte, bool) {
	inner, ok1 := strings.CutPrefix(s, `"`)
	inner, ok2 := strings.CutSuffix(inner, `"`)
	if !ok1 || !ok2 || len(inner) == 0 || len(inner)%2 != 0 {
		return nil, false
	}
	raw, err := hex.DecodeString(inner)
	return raw, err == nil && hex.EncodeToString(raw) == inner
}

func uuidBytes(s string) ([]byte, bool) {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return nil, false
	}
	raw, err := hex.DecodeString(s[:8] + s[9:13] + s[14:18] + s[19:23] + s[24:])
	return raw, err == nil && formatUUID(raw) == s
}

func formatUUID(b []byte) string {
	h := hex.EncodeToString(b)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
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

// decoder reads a record; the first error sticks.
type decoder struct {
	b   []byte
	err error
	// skip reads past the bulky parts of a record (S3ObjectSummary).
	skip bool
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errBadRecord
	}
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) take(n uint64) []byte {
	if n > uint64(len(d.b)) {
		d.fail()
		d.b = nil
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) str() string {
	h := d.uvarint()
	switch v := h >> 3; h & 7 {
	case strLiteral:
		return string(d.take(v))
	case strDict:
		if v >= uint64(len(dictionary)) {
			d.fail()
			return ""
		}
		return dictionary[v]
	case strAccount:
		return fmt.Sprintf("%012d", v)
	case strBase64:
		return base64.StdEncoding.EncodeToString(d.take(v))
	case strQuotedHex:
		return `"` + hex.EncodeToString(d.take(v)) + `"`
	case strUUID:
		if v != 0 {
			d.fail()
		}
		if raw := d.take(16); raw != nil {
			return formatUUID(raw)
		}
		return ""
	}
	d.fail()
	return ""
}

func (d *decoder) time() time.Time {
	sec := d.varint()
	ns := d.uvarint()
	if ns>>1 >= 1e9 {
		d.fail()
		return time.Time{}
	}
	t := time.Unix(sec, int64(ns>>1)).UTC()
	if ns&1 == 1 {
		t = t.In(time.FixedZone("", int(d.varint())))
	}
	return t
}

// count reads a collection length, refusing one larger than the bytes
// left could hold (every element takes at least one byte).
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) strMap() map[string]string {
	n := d.count()
	m := make(map[string]string, n)
	for range n {
		k := d.str()
		m[k] = d.str()
	}
	return m
}

func (d *decoder) tags() []Tag {
	n := d.count()
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
