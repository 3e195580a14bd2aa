package sessiontoken

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// ErrInvalid is returned by Open for a token this server did not seal for
// that access key id (or sealed under a key since removed by Reset).
var ErrInvalid = errors.New("session token is invalid")

// ErrMalformed is the ErrInvalid of a token that does not even have a
// session token's form (prefix, base64, version, length): S3 answers such a
// token InvalidToken, and a well-formed one that is not the access key's
// InvalidAccessKeyId (recorded against AWS in justincormack/argmin
// guides/aws-compatibility.md, 2026-07-13/14).
var ErrMalformed = fmt.Errorf("%w: malformed", ErrInvalid)

// Store is the part of the store the sealer keeps its key in.
type Store interface {
	View(ctx context.Context, fn func(*store.Tx) error) error
	// Batch runs fn in a write transaction that may be shared with
	// concurrent calls; fn may run more than once (store.DB.Batch).
	Batch(ctx context.Context, fn func(*store.Tx) error) error
	// Generation changes after identity writes and Reset
	// (store.DB.Generation).
	Generation() uint64
}

// keyName is the record of the server key, kind store.KindSigningKey in
// the Global scope.
const keyName = "session-token"

// keyRecord is the stored server key.
type keyRecord struct {
	ID      uint32
	Key     []byte // 64 bytes: AES-256 key, then HMAC key
	Created time.Time
}

// serverKey is a loaded keyRecord.
type serverKey struct {
	id   uint32
	aead cipher.AEAD
	// macs holds *macState values keyed with the record's HMAC key,
	// reset before each use: keying one costs more than the MAC itself.
	macs sync.Pool
}

// macState is a keyed HMAC-SHA256 and room for its sum.
type macState struct {
	h   hash.Hash
	sum [sha256.Size]byte
}

// Sealer seals and opens session tokens. It is safe for concurrent use.
type Sealer struct {
	db  Store
	now func() time.Time

	mu  sync.Mutex
	gen uint64
	key *serverKey
}

// New returns a Sealer keeping its key in db. now may be nil (time.Now).
func New(db Store, now func() time.Time) *Sealer {
	if now == nil {
		now = time.Now
	}
	return &Sealer{db: db, now: now}
}

// tokenPrefix starts every token, as AWS's tokens share a prefix; the
// version byte after it tells formats apart.
const tokenPrefix = "FwoGZXIvYXdzE"

const (
	// versionJSON tokens seal the session as JSON. Seal no longer makes
	// them, but the server key outlives restarts, so Open still reads the
	// ones issued before.
	versionJSON = 1
	// versionBinary tokens seal the session in the encoding of
	// appendSession: about half the bytes of the JSON, and no reflection
	// to write or read it.
	versionBinary = 2
	nonceSize     = 12
	// header is version, key id and nonce.
	header = 1 + 4 + nonceSize
	// akidLen is the length of an access key id made by putAccessKeyID.
	akidLen = 20
	// keyIDRandom is how many random bytes putAccessKeyID takes (its
	// ten bytes, before the account is written over 47 bits of them).
	keyIDRandom = 10
	// secretLen is the length of a secret access key.
	secretLen = 40
)

// MaxTokenSize is the size limit of a session token: 4,096 bytes since
// September 2026 ("AWS STS simplifies session token size limits", What's
// New, 2026-09-15), the largest MinimumSessionTokenSize may ask for and
// the size SessionTokenUtilization counts against.
const MaxTokenSize = 4096

// Seal fills s.AccessKeyID, s.Secret and s.Token with fresh credentials
// that carry s. s.Account must be a 12-digit account id.
func (k *Sealer) Seal(ctx context.Context, s *store.Session) error {
	return k.SealSized(ctx, s, 0)
}

// SealSized is Seal with a token at least minLen bytes long (STS's
// MinimumSessionTokenSize): a shorter one is padded with a field that
// carries nothing.
func (k *Sealer) SealSized(ctx context.Context, s *store.Session, minLen int) error {
	key, err := k.serverKey(ctx, true)
	if err != nil {
		return err
	}
	// One buffer holds the token's bytes (header, then the session,
	// sealed in place) and, at its end, the access key id the seal
	// authenticates as additional data.
	size := header + encodedSize(s) + key.aead.Overhead()
	if minLen > 0 {
		size += minLen + binary.MaxVarintLen64
	}
	buf := make([]byte, size+akidLen)
	ad := buf[size:]
	// The nonce and the access key id's random bits, read at once.
	var random [nonceSize + keyIDRandom]byte
	if _, err := rand.Read(random[:]); err != nil {
		return err
	}
	if err := putAccessKeyID(ad, s.Account, random[nonceSize:]); err != nil {
		return err
	}
	buf[0] = versionBinary
	binary.BigEndian.PutUint32(buf[1:5], key.id)
	nonce := buf[5:header]
	copy(nonce, random[:nonceSize])
	plain := appendSession(buf[header:header:size], s)
	if pad := paddingFor(minLen, header+len(plain)+key.aead.Overhead()); pad > 0 {
		plain = appendPadding(plain, pad)
	}
	sealed := key.aead.Seal(buf[:header:size], nonce, plain, ad)
	// The id and the secret share one string (one allocation).
	var pair [akidLen + secretLen]byte
	copy(pair[:], ad)
	key.putSecret(pair[akidLen:], ad, nonce)
	creds := string(pair[:])
	s.AccessKeyID, s.Secret = creds[:akidLen], creds[akidLen:]
	s.Token = tokenString(sealed)
	return nil
}

// paddingFor is how many bytes of padding make a token of sealed bytes at
// least minLen long once encoded by tokenString: 0 when it already is, at
// least 2 (appendPadding's smallest field) otherwise.
func paddingFor(minLen, sealed int) int {
	need := (minLen - len(tokenPrefix) + 3) / 4 * 3 // sealed bytes for minLen characters
	if sealed >= need {
		return 0
	}
	return max(need-sealed, 2)
}

// tokenString is tokenPrefix and sealed in base64, built in the string's
// own buffer: encoded a piece at a time through a stack buffer, so the
// token is not encoded into a slice and then copied into a string.
func tokenString(sealed []byte) string {
	var b strings.Builder
	b.Grow(len(tokenPrefix) + base64.StdEncoding.EncodedLen(len(sealed)))
	b.WriteString(tokenPrefix)
	var piece [64]byte // the base64 of 48 bytes: whole 3-byte groups
	for len(sealed) > 0 {
		n := min(len(sealed), 48)
		base64.StdEncoding.Encode(piece[:], sealed[:n])
		b.Write(piece[:base64.StdEncoding.EncodedLen(n)])
		sealed = sealed[n:]
	}
	return b.String()
}

// Open returns the session sealed in token for access key id akid, with
// AccessKeyID, Secret and Token filled. It returns ErrInvalid when the
// token was not sealed by this server for akid. Expiry is the caller's to
// check.
func (k *Sealer) Open(ctx context.Context, akid, token string) (*store.Session, error) {
	raw, ok := strings.CutPrefix(token, tokenPrefix)
	if !ok {
		return nil, ErrMalformed
	}
	buf, err := base64.StdEncoding.DecodeString(raw)
	if err != nil || len(buf) < header || (buf[0] != versionJSON && buf[0] != versionBinary) {
		return nil, ErrMalformed
	}
	key, err := k.serverKey(ctx, false)
	if err != nil {
		return nil, err
	}
	if key == nil || binary.BigEndian.Uint32(buf[1:5]) != key.id {
		return nil, ErrInvalid
	}
	nonce := buf[5:header]
	ad := []byte(akid)
	plain, err := key.aead.Open(buf[header:header], nonce, buf[header:], ad)
	if err != nil {
		return nil, ErrInvalid
	}
	s, err := decode(buf[0], plain)
	if err != nil {
		return nil, ErrInvalid
	}
	s.AccessKeyID, s.Secret, s.Token = akid, key.secret(ad, nonce), token
	return s, nil
}

// decode reads a session sealed in the given token version.
func decode(version byte, plain []byte) (*store.Session, error) {
	if version == versionBinary {
		return decodeSession(plain)
	}
	var s store.Session
	if err := json.Unmarshal(plain, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// secret derives the secret access key of akid sealed with nonce.
func (key *serverKey) secret(akid, nonce []byte) string {
	var secret [secretLen]byte
	key.putSecret(secret[:], akid, nonce)
	return string(secret[:])
}

// putSecret writes the secret access key of akid sealed with nonce to dst
// (secretLen bytes).
func (key *serverKey) putSecret(dst, akid, nonce []byte) {
	m := key.macs.Get().(*macState)
	m.h.Reset()
	m.h.Write(nonce)
	m.h.Write(akid)
	var text [44]byte // base64 of 32 bytes
	base64.StdEncoding.Encode(text[:], m.h.Sum(m.sum[:0]))
	key.macs.Put(m)
	// 40 characters, like AWS's secrets.
	copy(dst[:secretLen], text[:])
}

// keyIDEncoding is the base32 alphabet of AWS access key ids.
var keyIDEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// putAccessKeyID writes to dst (akidLen bytes) an ASIA access key id
// embedding account the way AWS's ids do since 2019: bits 7..46 of the
// first six of the ten bytes base32-encoded after the prefix are the
// account number (see sts.accountFromKeyID); the remaining bits come from
// random (keyIDRandom bytes).
func putAccessKeyID(dst []byte, account string, random []byte) error {
	n, err := strconv.ParseUint(account, 10, 64)
	if err != nil || len(account) != 12 {
		return fmt.Errorf("session account %q is not an account id", account)
	}
	var b [keyIDRandom]byte
	copy(b[:], random)
	var head [8]byte
	v := n<<7 | uint64(b[0]&0x7f)
	binary.BigEndian.PutUint64(head[:], v)
	copy(b[:6], head[2:])
	keyIDEncoding.Encode(dst[copy(dst, "ASIA"):akidLen], b[:])
	return nil
}

// serverKey returns the current server key, loading it from the store when
// an identity write (or Reset) may have changed it, and creating it when
// create is set and there is none. It returns nil, nil when there is none
// and create is not set.
func (k *Sealer) serverKey(ctx context.Context, create bool) (*serverKey, error) {
	gen := k.db.Generation()
	k.mu.Lock()
	key, keyGen := k.key, k.gen
	k.mu.Unlock()
	if key != nil && keyGen == gen {
		return key, nil
	}
	var rec keyRecord
	found := true
	err := k.db.View(ctx, func(tx *store.Tx) error {
		err := tx.Get(store.Global, store.KindSigningKey, keyName, &rec)
		if errors.Is(err, store.ErrNotFound) {
			found = false
			return nil
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load session key: %w", err)
	}
	if !found && !create {
		return nil, nil
	}
	if !found {
		// The write bumps the generation, so the next call re-reads the
		// key once: cheap, and right even if a Reset raced the write.
		if rec, err = k.createKey(ctx); err != nil {
			return nil, err
		}
	}
	if key, err = loadKey(rec); err != nil {
		return nil, err
	}
	k.mu.Lock()
	k.key, k.gen = key, gen
	k.mu.Unlock()
	return key, nil
}

// createKey stores a new server key unless another writer stored one
// first, and returns the stored one.
func (k *Sealer) createKey(ctx context.Context) (keyRecord, error) {
	var rec keyRecord
	// Shares a commit with concurrent writes (store.DB.Batch); a run sets
	// rec afresh, as a second run must.
	err := k.db.Batch(ctx, func(tx *store.Tx) error {
		rec = keyRecord{}
		err := tx.Get(store.Global, store.KindSigningKey, keyName, &rec)
		if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		var id [4]byte
		rec = keyRecord{Key: make([]byte, 64), Created: k.now().UTC()}
		if _, err := rand.Read(rec.Key); err != nil {
			return err
		}
		if _, err := rand.Read(id[:]); err != nil {
			return err
		}
		rec.ID = binary.BigEndian.Uint32(id[:])
		return tx.Put(store.Global, store.KindSigningKey, keyName, &rec)
	})
	if err != nil {
		return keyRecord{}, fmt.Errorf("create session key: %w", err)
	}
	return rec, nil
}

func loadKey(rec keyRecord) (*serverKey, error) {
	if len(rec.Key) != 64 {
		return nil, fmt.Errorf("stored session key has %d bytes, want 64", len(rec.Key))
	}
	block, err := aes.NewCipher(rec.Key[:32])
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	macKey := rec.Key[32:]
	key := &serverKey{id: rec.ID, aead: aead}
	key.macs.New = func() any { return &macState{h: hmac.New(sha256.New, macKey)} }
	return key, nil
}
