package sessiontoken

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/fakeaws/fakeaws/emulator/binenc"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// The sealed session of a version 2 token is a sequence of fields, each a
// tag byte and its value; a field at its zero value is left out, as the
// JSON of version 1 left out empty fields. Values, built from
// emulator/binenc's primitives, are a uvarint length and the bytes of a
// string; a uvarint count of strings; a uvarint count of key/value pairs
// (a string and a string, or a string and a list); a time as a varint of
// Unix seconds and a uvarint of nanoseconds (read back in UTC); nothing
// for a true bool. Tags are never reused: a field added to store.Session
// takes the next one, and a tag this code does not know makes the token
// invalid, never silently dropped.
const (
	tagAccount byte = iota + 1
	tagKind
	tagIssued
	tagExpiration
	tagRoleName
	tagRoleARN
	tagRoleID
	tagSessionName
	tagUserName
	tagUserID
	tagFederated
	tagSubject
	tagSessionPolicies
	tagPolicyARNs
	tagTags
	tagTransitiveTags
	tagSourceIdentity
	tagMFA
	tagMFAAuthTime
	tagChained
	tagContext
	// tagPadding is bytes that carry nothing: the filler a token asked
	// for with MinimumSessionTokenSize (see padTo). Reading skips it.
	tagPadding
)

// appendSession appends the binary encoding of s (all but AccessKeyID,
// Secret and Token, which are not sealed) to b.
func appendSession(b []byte, s *store.Session) []byte {
	b = appendString(b, tagAccount, s.Account)
	b = appendString(b, tagKind, s.Kind)
	b = appendTime(b, tagIssued, s.Issued)
	b = appendTime(b, tagExpiration, s.Expiration)
	b = appendString(b, tagRoleName, s.RoleName)
	b = appendString(b, tagRoleARN, s.RoleARN)
	b = appendString(b, tagRoleID, s.RoleID)
	b = appendString(b, tagSessionName, s.SessionName)
	b = appendString(b, tagUserName, s.UserName)
	b = appendString(b, tagUserID, s.UserID)
	b = appendString(b, tagFederated, s.Federated)
	b = appendString(b, tagSubject, s.Subject)
	b = appendStrings(b, tagSessionPolicies, s.SessionPolicies)
	b = appendStrings(b, tagPolicyARNs, s.PolicyARNs)
	if len(s.Tags) > 0 {
		b = append(b, tagTags)
		b = binary.AppendUvarint(b, uint64(len(s.Tags)))
		for k, v := range s.Tags {
			b = binenc.AppendPrefixed(binenc.AppendPrefixed(b, k), v)
		}
	}
	b = appendStrings(b, tagTransitiveTags, s.TransitiveTags)
	b = appendString(b, tagSourceIdentity, s.SourceIdentity)
	if s.MFA {
		b = append(b, tagMFA)
	}
	if s.MFAAuthTime != nil {
		b = appendTimeValue(append(b, tagMFAAuthTime), *s.MFAAuthTime)
	}
	if s.Chained {
		b = append(b, tagChained)
	}
	if len(s.Context) > 0 {
		b = append(b, tagContext)
		b = binary.AppendUvarint(b, uint64(len(s.Context)))
		for k, vs := range s.Context {
			b = appendList(binenc.AppendPrefixed(b, k), vs)
		}
	}
	return b
}

// encodedSize is an upper bound of appendSession's output for s, so the
// sealing buffer is allocated once.
func encodedSize(s *store.Session) int {
	const field = 1 + binary.MaxVarintLen64 // tag and length or count
	n := 2*(1+2*binary.MaxVarintLen64) + 3*field
	for _, v := range [...]string{s.Account, s.Kind, s.RoleName, s.RoleARN, s.RoleID, s.SessionName,
		s.UserName, s.UserID, s.Federated, s.Subject, s.SourceIdentity} {
		n += field + len(v)
	}
	for _, l := range [...][]string{s.SessionPolicies, s.PolicyARNs, s.TransitiveTags} {
		n += field + listSize(l)
	}
	n += field
	for k, v := range s.Tags {
		n += 2*binary.MaxVarintLen64 + len(k) + len(v)
	}
	n += field
	for k, vs := range s.Context {
		n += 2*binary.MaxVarintLen64 + len(k) + listSize(vs)
	}
	return n
}

// appendPadding appends a padding field at least n bytes long (n >= 2):
// its tag, its length and n-2 filler bytes.
func appendPadding(b []byte, n int) []byte {
	fill := max(n-2, 0)
	b = append(b, tagPadding)
	b = binary.AppendUvarint(b, uint64(fill))
	return append(b, make([]byte, fill)...)
}

func listSize(l []string) int {
	n := 0
	for _, v := range l {
		n += binary.MaxVarintLen64 + len(v)
	}
	return n
}

func appendString(b []byte, tag byte, v string) []byte {
	if v == "" {
		return b
	}
	return binenc.AppendPrefixed(append(b, tag), v)
}

func appendList(b []byte, l []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(l)))
	for _, v := range l {
		b = binenc.AppendPrefixed(b, v)
	}
	return b
}

func appendStrings(b []byte, tag byte, l []string) []byte {
	if len(l) == 0 {
		return b
	}
	return appendList(append(b, tag), l)
}

func appendTimeValue(b []byte, t time.Time) []byte {
	return binary.AppendUvarint(binary.AppendVarint(b, t.Unix()), uint64(t.Nanosecond()))
}

func appendTime(b []byte, tag byte, t time.Time) []byte {
	if t.IsZero() {
		return b
	}
	return appendTimeValue(append(b, tag), t)
}

var errMalformed = errors.New("malformed sealed session")

// decoder reads a sealed session, from untrusted input (binenc's decoder
// bounds every length and count). Its strings are slices of one string
// holding the whole encoding, so decoding allocates that string once
// rather than once per field.
type decoder struct {
	binenc.Decoder[string]
}

func (d *decoder) list() []string {
	n := d.Count(1)
	if n == 0 {
		return nil
	}
	l := make([]string, n)
	for i := range l {
		l[i] = d.Prefixed()
	}
	return l
}

func (d *decoder) time() time.Time {
	sec := d.Varint()
	nsec := d.Uvarint()
	if nsec >= uint64(time.Second) {
		d.Fail()
	}
	if d.Failed() {
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}

// decodeSession decodes appendSession's encoding.
func decodeSession(b []byte) (*store.Session, error) {
	d := &decoder{binenc.NewDecoder(string(b))}
	s := &store.Session{}
	for !d.Failed() && d.Len() > 0 {
		if !d.field(s, d.Byte()) {
			return nil, errMalformed
		}
	}
	if d.Failed() {
		return nil, errMalformed
	}
	return s, nil
}

// field decodes the value of tag into s; false for an unknown tag.
func (d *decoder) field(s *store.Session, tag byte) bool {
	if p := d.stringField(s, tag); p != nil {
		*p = d.Prefixed()
		return true
	}
	switch tag {
	case tagIssued:
		s.Issued = d.time()
	case tagExpiration:
		s.Expiration = d.time()
	case tagSessionPolicies:
		s.SessionPolicies = d.list()
	case tagPolicyARNs:
		s.PolicyARNs = d.list()
	case tagTransitiveTags:
		s.TransitiveTags = d.list()
	case tagTags:
		n := d.Count(2)
		s.Tags = make(map[string]string, n)
		for range n {
			k := d.Prefixed()
			s.Tags[k] = d.Prefixed()
		}
	case tagMFA:
		s.MFA = true
	case tagMFAAuthTime:
		t := d.time()
		s.MFAAuthTime = &t
	case tagChained:
		s.Chained = true
	case tagPadding:
		d.Prefixed()
	case tagContext:
		n := d.Count(2)
		s.Context = make(map[string][]string, n)
		for range n {
			k := d.Prefixed()
			vs := d.list()
			if vs == nil {
				vs = []string{} // as version 1's JSON gave back "k":[]
			}
			s.Context[k] = vs
		}
	default:
		return false
	}
	return true
}

// stringField is the string field of s that tag names, nil for the others.
func (d *decoder) stringField(s *store.Session, tag byte) *string {
	switch tag {
	case tagAccount:
		return &s.Account
	case tagKind:
		return &s.Kind
	case tagRoleName:
		return &s.RoleName
	case tagRoleARN:
		return &s.RoleARN
	case tagRoleID:
		return &s.RoleID
	case tagSessionName:
		return &s.SessionName
	case tagUserName:
		return &s.UserName
	case tagUserID:
		return &s.UserID
	case tagFederated:
		return &s.Federated
	case tagSubject:
		return &s.Subject
	case tagSourceIdentity:
		return &s.SourceIdentity
	}
	return nil
}
