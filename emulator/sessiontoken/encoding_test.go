package sessiontoken

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/emulator/store/storetest"
)

// fullSession sets every sealed field of store.Session.
func fullSession() *store.Session {
	mfa := time.Date(2026, 11, 23, 11, 59, 0, 123456789, time.UTC)
	issued := time.Date(2026, 11, 23, 12, 0, 0, 5, time.UTC)
	return &store.Session{Account: "222222222222", Kind: "AssumeRole", Issued: issued, Expiration: issued.Add(time.Hour),
		RoleName: "r", RoleARN: "arn:aws:iam::222222222222:role/p/r", RoleID: "AROAEXAMPLE0000000001", SessionName: "s",
		UserName: "u", UserID: "AIDAEXAMPLE", Federated: "arn:aws:iam::222222222222:oidc-provider/x", Subject: "sub",
		SessionPolicies: []string{`{"Version":"2012-10-17","Statement":[]}`, "ünïcode"},
		PolicyARNs:      []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"},
		Tags:            map[string]string{"team": "a", "": "empty key", "k": ""}, TransitiveTags: []string{"team"},
		SourceIdentity: "alice", MFA: true, MFAAuthTime: &mfa, Chained: true,
		Context: map[string][]string{"aws:SourceIp": {"127.0.0.1"}, "empty": {}, "two": {"a", "b"}}}
}

// jsonRoundTrip is what a version 1 token gave back for s.
func jsonRoundTrip(t *testing.T, s *store.Session) *store.Session {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var out store.Session
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

// TestEncodingRoundTrip holds the binary encoding to what the JSON of
// version 1 tokens gave back, field for field, for a full session, an
// empty one and one with zero times.
func TestEncodingRoundTrip(t *testing.T) {
	t.Parallel()
	zeroMFA := time.Time{}
	before1970 := time.Date(1960, 1, 1, 0, 0, 0, 1, time.UTC)
	tests := []struct {
		name string
		s    *store.Session
	}{
		{"full", fullSession()},
		{"empty", &store.Session{}},
		{"zero MFA time", &store.Session{Account: "111111111111", MFAAuthTime: &zeroMFA}},
		{"before 1970", &store.Session{Issued: before1970, Expiration: before1970.Add(time.Second)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc := appendSession(nil, tt.s)
			if max := encodedSize(tt.s); len(enc) > max {
				t.Errorf("encoded %d bytes, encodedSize said at most %d", len(enc), max)
			}
			got, err := decodeSession(enc)
			if err != nil {
				t.Fatalf("decodeSession: %v", err)
			}
			if want := jsonRoundTrip(t, tt.s); !reflect.DeepEqual(got, want) {
				t.Errorf("decodeSession(appendSession(s)) = %+v, want %+v", got, want)
			}
		})
	}
}

// TestDecodeRefusesMalformed: every truncation of a valid encoding, an
// unknown tag and absurd counts are errors, never a partial session.
func TestDecodeRefusesMalformed(t *testing.T) {
	t.Parallel()
	// One entry per map, so the encoding is deterministic.
	full := fullSession()
	full.Tags = map[string]string{"team": "a"}
	full.Context = map[string][]string{"two": {"a", "b"}}
	enc := appendSession(nil, full)
	for i := 1; i < len(enc); i++ {
		if s, err := decodeSession(enc[:i]); err == nil {
			// A cut between two fields is a valid shorter session; it
			// must then be exactly the fields before the cut.
			if !reflect.DeepEqual(appendSession(nil, s), enc[:i]) {
				t.Errorf("decodeSession(first %d bytes) = %+v without error", i, s)
			}
		}
	}
	bad := map[string][]byte{
		"unknown tag":        {tagContext + 1},
		"string past end":    {tagAccount, 5, 'a'},
		"huge list":          binary.AppendUvarint([]byte{tagPolicyARNs}, 1<<40),
		"huge map":           binary.AppendUvarint([]byte{tagTags}, 1<<40),
		"varint overflow":    {tagAccount, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02},
		"nanoseconds >= 1 s": binary.AppendUvarint(binary.AppendVarint([]byte{tagIssued}, 0), uint64(time.Second)),
	}
	for name, b := range bad {
		if s, err := decodeSession(b); err == nil {
			t.Errorf("%s: decodeSession = %+v, want an error", name, s)
		}
	}
}

// TestOpensJSONTokens: tokens sealed before the binary encoding (version
// 1, the session as JSON) keep opening, since the server key survives
// restarts.
func TestOpensJSONTokens(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t, store.Options{})
	ctx := context.Background()
	k := New(db, nil)
	key, err := k.serverKey(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	s := fullSession()
	var ad, random [akidLen]byte
	if _, err := rand.Read(random[:]); err != nil {
		t.Fatal(err)
	}
	if err := putAccessKeyID(ad[:], s.Account, random[:keyIDRandom]); err != nil {
		t.Fatal(err)
	}
	akid := string(ad[:])
	// Sealed as Seal did before version 2.
	plain, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, header, header+len(plain)+key.aead.Overhead())
	buf[0] = versionJSON
	binary.BigEndian.PutUint32(buf[1:5], key.id)
	nonce := buf[5:header]
	if _, err := rand.Read(nonce); err != nil {
		t.Fatal(err)
	}
	buf = key.aead.Seal(buf, nonce, plain, []byte(akid))
	token := tokenPrefix + base64.StdEncoding.EncodeToString(buf)

	got, err := k.Open(ctx, akid, token)
	if err != nil {
		t.Fatalf("Open(version 1 token): %v", err)
	}
	want := jsonRoundTrip(t, s)
	want.AccessKeyID, want.Secret, want.Token = akid, key.secret([]byte(akid), nonce), token
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Open(version 1 token) = %+v, want %+v", got, want)
	}
}

// TestSealsBinary: Seal makes version 2 tokens that open to the session
// sealed, and are shorter than the JSON ones were.
func TestSealsBinary(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t, store.Options{})
	ctx := context.Background()
	k := New(db, nil)
	s := fullSession()
	if err := k.Seal(ctx, s); err != nil {
		t.Fatal(err)
	}
	raw, err := base64.StdEncoding.DecodeString(s.Token[len(tokenPrefix):])
	if err != nil {
		t.Fatal(err)
	}
	if raw[0] != versionBinary {
		t.Errorf("token version = %d, want %d", raw[0], versionBinary)
	}
	sealedJSON, err := json.Marshal(&store.Session{Account: s.Account, Kind: s.Kind, Issued: s.Issued, Expiration: s.Expiration,
		RoleName: s.RoleName, RoleARN: s.RoleARN, RoleID: s.RoleID, SessionName: s.SessionName, UserName: s.UserName,
		UserID: s.UserID, Federated: s.Federated, Subject: s.Subject, SessionPolicies: s.SessionPolicies,
		PolicyARNs: s.PolicyARNs, Tags: s.Tags, TransitiveTags: s.TransitiveTags, SourceIdentity: s.SourceIdentity,
		MFA: s.MFA, MFAAuthTime: s.MFAAuthTime, Chained: s.Chained, Context: s.Context})
	if err != nil {
		t.Fatal(err)
	}
	if plain := len(raw) - header - 16; plain >= len(sealedJSON) {
		t.Errorf("sealed session is %d bytes, not shorter than its %d bytes of JSON", plain, len(sealedJSON))
	}
	got, err := k.Open(ctx, s.AccessKeyID, s.Token)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	want := jsonRoundTrip(t, s)
	want.AccessKeyID, want.Secret, want.Token = s.AccessKeyID, s.Secret, s.Token
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Open = %+v, want %+v", got, want)
	}
}

// TestTokenString holds the piecewise encoding to one base64 encoding of
// the whole, for lengths around the pieces' size.
func TestTokenString(t *testing.T) {
	t.Parallel()
	b := make([]byte, 200)
	rand.Read(b)
	for n := 0; n <= len(b); n++ {
		if got, want := tokenString(b[:n]), tokenPrefix+base64.StdEncoding.EncodeToString(b[:n]); got != want {
			t.Fatalf("tokenString(%d bytes) = %q, want %q", n, got, want)
		}
	}
}

// FuzzDecodeSession feeds decodeSession what a client could put in a
// token once the seal is broken or forged: it must never panic, and a
// session it accepts must encode back to one that decodes the same.
func FuzzDecodeSession(f *testing.F) {
	full := fullSession()
	full.Tags = map[string]string{"team": "a"}
	full.Context = map[string][]string{"two": {"a", "b"}, "empty": {}}
	f.Add(appendSession(nil, full))
	f.Add(appendSession(nil, &store.Session{Account: "111111111111", Kind: "GetSessionToken"}))
	f.Add([]byte{})
	f.Add([]byte{tagContext + 1})
	f.Add([]byte{tagAccount, 5, 'a'})
	f.Add(binary.AppendUvarint([]byte{tagTags}, 1<<40))
	f.Add(binary.AppendUvarint([]byte{tagContext}, 1<<62))
	f.Add([]byte{tagAccount, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02})
	f.Add(binary.AppendUvarint(binary.AppendVarint([]byte{tagMFAAuthTime}, -1<<62), uint64(time.Second)-1))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := decodeSession(b)
		if err != nil {
			if s != nil {
				t.Fatalf("decodeSession returned %+v with error %v", s, err)
			}
			return
		}
		again, err := decodeSession(appendSession(nil, s))
		if err != nil {
			t.Fatalf("re-encoded %+v does not decode: %v", s, err)
		}
		if !reflect.DeepEqual(emptyAsNil(again), emptyAsNil(s)) {
			t.Fatalf("re-encoded session decodes to %+v, want %+v", again, s)
		}
	})
}

// emptyAsNil is s with empty lists and maps made nil: a sealed session
// may carry an empty one (count 0), which encoding leaves out, as version
// 1's JSON did with omitempty.
func emptyAsNil(s *store.Session) *store.Session {
	c := *s
	for _, l := range []*[]string{&c.SessionPolicies, &c.PolicyARNs, &c.TransitiveTags} {
		if len(*l) == 0 {
			*l = nil
		}
	}
	if len(c.Tags) == 0 {
		c.Tags = nil
	}
	if len(c.Context) == 0 {
		c.Context = nil
	}
	return &c
}

// BenchmarkDecodeSession: the binary decoding alone of a full session,
// without the AES-GCM open around it (BenchmarkOpen).
func BenchmarkDecodeSession(b *testing.B) {
	enc := appendSession(nil, fullSession())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeSession(enc); err != nil {
			b.Fatal(err)
		}
	}
}
