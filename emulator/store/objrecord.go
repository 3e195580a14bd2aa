package store

import (
	"encoding/json"
	"fmt"
	"time"
)

// The S3Object, S3Upload, S3Part and S3Grant layouts of the binary
// encoding (objcodec.go). A field's bit never changes meaning; a new field
// takes the next bit. TestRecordCodecCoversEveryField fails when a field
// is added to these types without a bit here.

// encodeRecord encodes v, stored at key in kind: the binary encoding for
// S3 objects and uploads, JSON for everything else.
func encodeRecord(kind, key string, v any) ([]byte, error) {
	switch r := v.(type) {
	case *S3Object:
		return encodeObject(r, impliedKey(kind, key)), nil
	case *S3Upload:
		return encodeUpload(r, impliedKey(kind, key)), nil
	}
	return json.Marshal(v)
}

// decodeRecord decodes raw, stored at key in kind, into v.
func decodeRecord(kind, key string, raw []byte, v any) error {
	if len(raw) == 0 || (raw[0] != recObject && raw[0] != recUpload) {
		return json.Unmarshal(raw, v) // JSON never starts with these bytes
	}
	return decodeBinary(impliedKey(kind, key), raw, v)
}

// decodeBinary decodes a binary record into v; at is the object key its
// bbolt key implies.
func decodeBinary(at keyAt, raw []byte, v any) error {
	switch r := v.(type) {
	case *S3Object:
		if raw[0] == recObject {
			return decodeObject(raw[1:], at, r, false)
		}
	case *S3ObjectSummary:
		if raw[0] == recObject {
			return decodeObject(raw[1:], at, &r.S3Object, true)
		}
	case *S3ObjectBodies:
		if raw[0] == recObject {
			return decodeObjectBodies(raw[1:], r)
		}
	case *S3Upload:
		if raw[0] == recUpload {
			return decodeUpload(raw[1:], at, r)
		}
	}
	return fmt.Errorf("record of type %#x cannot be decoded into %T", raw[0], v)
}

// objectKey reports whether key must be stored (it differs from the one
// the bbolt key implies) and whether it is implied.
func objectKey(key string, at keyAt) (stored, implied bool) {
	if at.ok && at.key == key {
		return false, true
	}
	return key != "", false
}

func encodeObject(o *S3Object, at keyAt) []byte {
	keyStored, keyImplied := objectKey(o.Key, at)
	ownerACL := isOwnerACL(o.ACL, o.Owner)
	e := &encoder{b: make([]byte, 0, 128)}
	e.b = append(e.b, recObject)
	e.uvarint(maskOf(keyStored, keyImplied, o.VersionID != "", o.Seq != 0, o.DeleteMarker, o.Owner != "",
		!o.Modified.IsZero(), o.Size != 0, o.ETag != "", len(o.Parts) > 0, o.Multipart, o.ContentType != "",
		len(o.Headers) > 0, len(o.Meta) > 0, len(o.Tags) > 0, o.StorageClass != "", o.ChecksumAlgorithm != "",
		o.Checksum != "", o.ChecksumType != "", len(o.ACL) > 0 && !ownerACL, o.SSE != "", o.KMSKeyID != "", o.BucketKey,
		o.LockMode != "", !o.LockUntil.IsZero(), o.LegalHold != "", ownerACL, !o.RestoreExpiry.IsZero(),
		o.EventHold != "", o.EventHoldDays != 0, o.EventHoldYears != 0))
	if keyStored {
		e.str(o.Key)
	}
	strIf(e, o.VersionID)
	if o.Seq != 0 {
		e.uvarint(o.Seq)
	}
	strIf(e, o.Owner)
	timeIf(e, o.Modified)
	if o.Size != 0 {
		e.varint(o.Size)
	}
	strIf(e, o.ETag)
	if len(o.Parts) > 0 {
		e.parts(o.Parts, o.ETag, o.Size)
	}
	strIf(e, o.ContentType)
	mapIf(e, o.Headers)
	mapIf(e, o.Meta)
	if len(o.Tags) > 0 {
		e.tags(o.Tags)
	}
	for _, s := range []string{o.StorageClass, o.ChecksumAlgorithm, o.Checksum, o.ChecksumType} {
		strIf(e, s)
	}
	if len(o.ACL) > 0 && !ownerACL {
		e.grants(o.ACL)
	}
	strIf(e, o.SSE)
	strIf(e, o.KMSKeyID)
	strIf(e, o.LockMode)
	timeIf(e, o.LockUntil)
	strIf(e, o.LegalHold)
	timeIf(e, o.RestoreExpiry)
	eventHold(e, o.EventHold, o.EventHoldDays, o.EventHoldYears)
	return e.b
}

// decodeObject decodes an object record; a summary leaves out the parts,
// headers, metadata, tags and ACL (they are read past, not built).
func decodeObject(raw []byte, at keyAt, o *S3Object, summary bool) error {
	d := newDecoder(raw, summary)
	f := fields{mask: d.Uvarint()}
	*o = S3Object{}
	recordKey(d, &f, at, &o.Key)
	str(d, &f, 2, &o.VersionID)
	if f.has(3) {
		o.Seq = d.Uvarint()
	}
	o.DeleteMarker = f.has(4)
	str(d, &f, 5, &o.Owner)
	tm(d, &f, 6, &o.Modified)
	if f.has(7) {
		o.Size = d.Varint()
	}
	str(d, &f, 8, &o.ETag)
	if f.has(9) && !d.skipParts() {
		o.Parts = d.parts(o.ETag, o.Size)
	}
	o.Multipart = f.has(10)
	str(d, &f, 11, &o.ContentType)
	strMap(d, &f, 12, &o.Headers)
	strMap(d, &f, 13, &o.Meta)
	if f.has(14) && !d.skipPairs() {
		o.Tags = d.tags()
	}
	str(d, &f, 15, &o.StorageClass)
	str(d, &f, 16, &o.ChecksumAlgorithm)
	str(d, &f, 17, &o.Checksum)
	str(d, &f, 18, &o.ChecksumType)
	if f.has(19) && !d.skipGrants() {
		o.ACL = d.grants()
	}
	str(d, &f, 20, &o.SSE)
	str(d, &f, 21, &o.KMSKeyID)
	o.BucketKey = f.has(22)
	str(d, &f, 23, &o.LockMode)
	tm(d, &f, 24, &o.LockUntil)
	str(d, &f, 25, &o.LegalHold)
	if f.has(26) && o.Owner == "" {
		d.Fail() // the owner's grant names an owner (and CanonicalID needs one)
	} else if f.has(26) && !d.skip {
		o.ACL = []S3Grant{ownerGrant(o.Owner)}
	}
	tm(d, &f, 27, &o.RestoreExpiry)
	readEventHold(d, &f, 28, &o.EventHold, &o.EventHoldDays, &o.EventHoldYears)
	return d.finish(&f)
}

func encodeUpload(u *S3Upload, at keyAt) []byte {
	keyStored, keyImplied := objectKey(u.Key, at)
	e := &encoder{b: make([]byte, 0, 128)}
	e.b = append(e.b, recUpload)
	e.uvarint(maskOf(keyStored, keyImplied, u.UploadID != "", !u.Initiated.IsZero(), u.Owner != "", u.Initiator != "",
		u.ContentType != "", len(u.Headers) > 0, len(u.Meta) > 0, len(u.Tags) > 0, u.StorageClass != "",
		len(u.ACL) > 0, u.ObjectOwner != "", u.ChecksumAlgorithm != "", u.ChecksumType != "", u.SSE != "",
		u.KMSKeyID != "", u.BucketKey, len(u.Parts) > 0, u.LockMode != "", !u.LockUntil.IsZero(),
		u.LegalHold != "", u.KeySeq != 0, u.KeySeqKnown, u.EventHold != "", u.EventHoldDays != 0, u.EventHoldYears != 0))
	if keyStored {
		e.str(u.Key)
	}
	strIf(e, u.UploadID)
	timeIf(e, u.Initiated)
	strIf(e, u.Owner)
	strIf(e, u.Initiator)
	strIf(e, u.ContentType)
	mapIf(e, u.Headers)
	mapIf(e, u.Meta)
	if len(u.Tags) > 0 {
		e.tags(u.Tags)
	}
	strIf(e, u.StorageClass)
	if len(u.ACL) > 0 {
		e.grants(u.ACL)
	}
	for _, s := range []string{u.ObjectOwner, u.ChecksumAlgorithm, u.ChecksumType, u.SSE, u.KMSKeyID} {
		strIf(e, s)
	}
	if len(u.Parts) > 0 {
		e.parts(u.Parts, "", -1)
	}
	strIf(e, u.LockMode)
	timeIf(e, u.LockUntil)
	strIf(e, u.LegalHold)
	if u.KeySeq != 0 {
		e.uvarint(u.KeySeq)
	}
	eventHold(e, u.EventHold, u.EventHoldDays, u.EventHoldYears)
	return e.b
}

func decodeUpload(raw []byte, at keyAt, u *S3Upload) error {
	d := newDecoder(raw, false)
	f := fields{mask: d.Uvarint()}
	*u = S3Upload{}
	recordKey(d, &f, at, &u.Key)
	str(d, &f, 2, &u.UploadID)
	tm(d, &f, 3, &u.Initiated)
	str(d, &f, 4, &u.Owner)
	str(d, &f, 5, &u.Initiator)
	str(d, &f, 6, &u.ContentType)
	strMap(d, &f, 7, &u.Headers)
	strMap(d, &f, 8, &u.Meta)
	if f.has(9) {
		u.Tags = d.tags()
	}
	str(d, &f, 10, &u.StorageClass)
	if f.has(11) {
		u.ACL = d.grants()
	}
	str(d, &f, 12, &u.ObjectOwner)
	str(d, &f, 13, &u.ChecksumAlgorithm)
	str(d, &f, 14, &u.ChecksumType)
	str(d, &f, 15, &u.SSE)
	str(d, &f, 16, &u.KMSKeyID)
	u.BucketKey = f.has(17)
	if f.has(18) {
		u.Parts = d.parts("", -1)
	}
	str(d, &f, 19, &u.LockMode)
	tm(d, &f, 20, &u.LockUntil)
	str(d, &f, 21, &u.LegalHold)
	if f.has(22) {
		u.KeySeq = d.Uvarint()
	}
	u.KeySeqKnown = f.has(23)
	readEventHold(d, &f, 24, &u.EventHold, &u.EventHoldDays, &u.EventHoldYears)
	return d.finish(&f)
}

// eventHold encodes an event hold's status and duration, the fields of
// three consecutive bits.
func eventHold(e *encoder, status string, days, years int) {
	strIf(e, status)
	for _, n := range []int{days, years} {
		if n != 0 {
			e.varint(int64(n))
		}
	}
}

// readEventHold decodes what eventHold wrote at bits bit..bit+2. Values
// are kept as stored: emulator/s3 takes any status but "" and OFF for a
// hold in place, so a damaged one protects rather than frees.
func readEventHold(d *decoder, f *fields, bit uint, status *string, days, years *int) {
	str(d, f, bit, status)
	for i, p := range []*int{days, years} {
		if f.has(bit + 1 + uint(i)) {
			*p = int(d.Varint())
		}
	}
}

// ownerGrant is the ACL almost every object has: its owner, FULL_CONTROL.
func ownerGrant(owner string) S3Grant {
	return S3Grant{GranteeType: "CanonicalUser", ID: CanonicalID(owner), Account: owner, Permission: "FULL_CONTROL"}
}

// isOwnerACL reports whether acl is exactly the owner's one grant, stored
// as a bit (26) rather than a list.
func isOwnerACL(acl []S3Grant, owner string) bool {
	return len(acl) == 1 && owner != "" && acl[0] == ownerGrant(owner)
}

// parts encodes object parts; a part's ETag or Size equal to the
// object's (a simple PUT's one part) is a bit rather than a copy.
func (e *encoder) parts(ps []S3Part, etag string, size int64) {
	e.uvarint(uint64(len(ps)))
	for _, p := range ps {
		sameETag, sameSize := etag != "" && p.ETag == etag, size >= 0 && p.Size == size
		e.uvarint(maskOf(p.Number != 0, p.Body != "", p.Size != 0 && !sameSize, p.ETag != "" && !sameETag,
			sameETag, len(p.Checksum) > 0, !p.Modified.IsZero(), sameSize))
		if p.Number != 0 {
			e.varint(int64(p.Number))
		}
		strIf(e, p.Body)
		if p.Size != 0 && !sameSize {
			e.varint(p.Size)
		}
		if !sameETag {
			strIf(e, p.ETag)
		}
		mapIf(e, p.Checksum)
		timeIf(e, p.Modified)
	}
}

func (d *decoder) parts(etag string, size int64) []S3Part {
	out := make([]S3Part, d.Count(1))
	for i := range out {
		p := &out[i]
		f := fields{mask: d.Uvarint()}
		if f.has(0) {
			p.Number = int(d.Varint())
		}
		str(d, &f, 1, &p.Body)
		if f.has(2) {
			p.Size = d.Varint()
		}
		str(d, &f, 3, &p.ETag)
		if f.has(4) {
			p.ETag = etag
		}
		strMap(d, &f, 5, &p.Checksum)
		tm(d, &f, 6, &p.Modified)
		if f.has(7) {
			p.Size = size
		}
		if f.unknown() {
			d.Fail()
		}
	}
	return out
}

// grants encodes an ACL; a canonical user id that is the one CanonicalID
// derives from the grant's account is a bit rather than 64 characters.
func (e *encoder) grants(gs []S3Grant) {
	e.uvarint(uint64(len(gs)))
	for _, g := range gs {
		derived := g.Account != "" && g.ID == CanonicalID(g.Account)
		e.uvarint(maskOf(g.GranteeType != "", g.ID != "" && !derived, derived, g.DisplayName != "", g.URI != "",
			g.Email != "", g.Account != "", g.Permission != ""))
		strIf(e, g.GranteeType)
		if !derived {
			strIf(e, g.ID)
		}
		for _, s := range []string{g.DisplayName, g.URI, g.Email, g.Account, g.Permission} {
			strIf(e, s)
		}
	}
}

func (d *decoder) grants() []S3Grant {
	out := make([]S3Grant, d.Count(1))
	for i := range out {
		g := &out[i]
		f := fields{mask: d.Uvarint()}
		str(d, &f, 0, &g.GranteeType)
		str(d, &f, 1, &g.ID)
		derived := f.has(2)
		str(d, &f, 3, &g.DisplayName)
		str(d, &f, 4, &g.URI)
		str(d, &f, 5, &g.Email)
		str(d, &f, 6, &g.Account)
		str(d, &f, 7, &g.Permission)
		if derived && g.Account == "" {
			d.Fail()
		} else if derived {
			g.ID = CanonicalID(g.Account)
		}
		if f.unknown() {
			d.Fail()
		}
	}
	return out
}

// finish checks that the record was read whole and every field known.
func (d *decoder) finish(f *fields) error {
	if f.unknown() || d.Len() != 0 {
		d.Fail()
	}
	return d.err()
}

func strIf(e *encoder, s string) {
	if s != "" {
		e.str(s)
	}
}

func timeIf(e *encoder, t time.Time) {
	if !t.IsZero() {
		e.time(t)
	}
}

func mapIf(e *encoder, m map[string]string) {
	if len(m) > 0 {
		e.strMap(m)
	}
}

// recordKey reads an object or upload record's key: stored (field 0), or
// implied by the record's bbolt key (field 1), which fails the decode when
// that key implies none.
func recordKey(d *decoder, f *fields, at keyAt, out *string) {
	str(d, f, 0, out)
	if f.has(1) {
		if at.ok {
			*out = at.key
		} else {
			d.Fail()
		}
	}
}

func str(d *decoder, f *fields, bit uint, out *string) {
	if f.has(bit) {
		*out = d.str()
	}
}

func tm(d *decoder, f *fields, bit uint, out *time.Time) {
	if f.has(bit) {
		*out = d.time()
	}
}

func strMap(d *decoder, f *fields, bit uint, out *map[string]string) {
	if f.has(bit) && !d.skipPairs() {
		*out = d.strMap()
	}
}

// S3ObjectSummary is an object record as a listing needs it: S3Object
// without Parts, Headers, Meta, Tags and ACL, which are not decoded.
type S3ObjectSummary struct {
	S3Object
}

// S3ObjectBodies is an object record as replacing it needs it: its version
// id, its sequence number (which names its index key) and the bodies its
// parts name. Nothing else is decoded: a PutObject reads the version it
// replaces on the committer, whose time every writer of the round waits
// for.
type S3ObjectBodies struct {
	VersionID string
	Seq       uint64
	Bodies    []string
}

// decodeObjectBodies decodes what S3ObjectBodies holds of an object
// record; the fields after the parts are not read.
func decodeObjectBodies(raw []byte, o *S3ObjectBodies) error {
	d := newDecoder(raw, true)
	f := fields{mask: d.Uvarint()}
	*o = S3ObjectBodies{}
	if f.has(0) {
		d.skipStr() // the key, when the index key does not imply it
	}
	str(d, &f, 2, &o.VersionID)
	if f.has(3) {
		o.Seq = d.Uvarint()
	}
	if f.has(5) {
		d.skipStr() // owner
	}
	if f.has(6) {
		d.time() // modified
	}
	if f.has(7) {
		d.Varint() // size
	}
	if f.has(8) {
		d.skipStr() // ETag
	}
	if f.has(9) {
		d.partBodies(&o.Bodies)
	}
	return d.err()
}

// skipStr reads past a string without building it.
func (d *decoder) skipStr() {
	switch h := d.Uvarint(); h & 7 {
	case strLiteral, strBase64, strQuotedHex:
		d.Take(h >> 3)
	case strUUID:
		d.Take(16)
	}
}

// skipPairs reads past a map or tag list when the decoder skips, and
// reports whether it did.
func (d *decoder) skipPairs() bool {
	if !d.skip {
		return false
	}
	for range d.Count(1) {
		d.skipStr()
		d.skipStr()
	}
	return true
}

// skipParts reads past a part list when the decoder skips.
func (d *decoder) skipParts() bool {
	if !d.skip {
		return false
	}
	d.partBodies(nil)
	return true
}

// partBodies reads past a part list, appending the body each part names
// to bodies unless it is nil.
func (d *decoder) partBodies(bodies *[]string) {
	n := d.Count(1)
	if bodies != nil {
		*bodies = make([]string, 0, n)
	}
	for range n {
		f := fields{mask: d.Uvarint()}
		if f.has(0) {
			d.Varint()
		}
		switch {
		case !f.has(1):
		case bodies != nil:
			*bodies = append(*bodies, d.str())
		default:
			d.skipStr()
		}
		if f.has(2) {
			d.Varint()
		}
		if f.has(3) {
			d.skipStr()
		}
		f.has(4)
		if f.has(5) {
			d.skipPairs()
		}
		if f.has(6) {
			d.time()
		}
		f.has(7)
		if f.unknown() {
			d.Fail()
		}
	}
}

// skipGrants reads past an ACL when the decoder skips.
func (d *decoder) skipGrants() bool {
	if !d.skip {
		return false
	}
	for range d.Count(1) {
		f := fields{mask: d.Uvarint()}
		for bit := range uint(8) {
			if f.has(bit) && bit != 2 {
				d.skipStr()
			}
		}
		if f.unknown() {
			d.Fail()
		}
	}
	return true
}
