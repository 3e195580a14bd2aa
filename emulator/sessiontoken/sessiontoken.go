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
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// ErrInvalid is returned by Open for a token this server did not seal for
// that access key id (or sealed under a key since removed by Reset).
var ErrInvalid = errors.New("session token is invalid")

// Store is the part of the store the sealer keeps its key in.
type Store interface {
	View(ctx context.Context, fn func(*store.Tx) error) error
	Update(ctx context.Context, fn func(*store.Tx) error) error
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
	mac  []byte
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
// version byte after it tells future formats apart.
const tokenPrefix = "FwoGZXIvYXdzE"

const (
	version   = 1
	nonceSize = 12
	// header is version, key id and nonce.
	header = 1 + 4 + nonceSize
)

// Seal fills s.AccessKeyID, s.Secret and s.Token with fresh credentials
// that carry s. s.Account must be a 12-digit account id.
func (k *Sealer) Seal(ctx context.Context, s *store.Session) error {
	key, err := k.serverKey(ctx, true)
	if err != nil {
		return err
	}
	akid, err := accessKeyID(s.Account)
	if err != nil {
		return err
	}
	sealed := *s
	sealed.AccessKeyID, sealed.Secret, sealed.Token = "", "", ""
	plain, err := json.Marshal(&sealed)
	if err != nil {
		return fmt.Errorf("encode session: %w", err)
	}
	buf := make([]byte, header, header+len(plain)+key.aead.Overhead())
	buf[0] = version
	binary.BigEndian.PutUint32(buf[1:5], key.id)
	nonce := buf[5:header]
	if _, err := rand.Read(nonce); err != nil {
		return err
	}
	buf = key.aead.Seal(buf, nonce, plain, []byte(akid))
	s.AccessKeyID = akid
	s.Secret = secret(key, akid, nonce)
	s.Token = tokenPrefix + base64.StdEncoding.EncodeToString(buf)
	return nil
}

// Open returns the session sealed in token for access key id akid, with
// AccessKeyID, Secret and Token filled. It returns ErrInvalid when the
// token was not sealed by this server for akid. Expiry is the caller's to
// check.
func (k *Sealer) Open(ctx context.Context, akid, token string) (*store.Session, error) {
	raw, ok := strings.CutPrefix(token, tokenPrefix)
	if !ok {
		return nil, ErrInvalid
	}
	buf, err := base64.StdEncoding.DecodeString(raw)
	if err != nil || len(buf) < header || buf[0] != version {
		return nil, ErrInvalid
	}
	key, err := k.serverKey(ctx, false)
	if err != nil {
		return nil, err
	}
	if key == nil || binary.BigEndian.Uint32(buf[1:5]) != key.id {
		return nil, ErrInvalid
	}
	nonce := buf[5:header]
	plain, err := key.aead.Open(nil, nonce, buf[header:], []byte(akid))
	if err != nil {
		return nil, ErrInvalid
	}
	var s store.Session
	if err := json.Unmarshal(plain, &s); err != nil {
		return nil, ErrInvalid
	}
	s.AccessKeyID, s.Secret, s.Token = akid, secret(key, akid, nonce), token
	return &s, nil
}

// secret derives the secret access key of akid sealed with nonce.
func secret(key *serverKey, akid string, nonce []byte) string {
	m := hmac.New(sha256.New, key.mac)
	m.Write(nonce)
	m.Write([]byte(akid))
	// 40 characters, like AWS's secrets.
	return base64.StdEncoding.EncodeToString(m.Sum(nil))[:40]
}

// keyIDEncoding is the base32 alphabet of AWS access key ids.
var keyIDEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// accessKeyID returns a fresh ASIA access key id embedding account the way
// AWS's ids do since 2019: bits 7..46 of the first six of the ten bytes
// base32-encoded after the prefix are the account number (see
// sts.accountFromKeyID); the remaining bits are random.
func accessKeyID(account string) (string, error) {
	n, err := strconv.ParseUint(account, 10, 64)
	if err != nil || len(account) != 12 {
		return "", fmt.Errorf("session account %q is not an account id", account)
	}
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	var head [8]byte
	v := n<<7 | uint64(b[0]&0x7f)
	binary.BigEndian.PutUint64(head[:], v)
	copy(b[:6], head[2:])
	return "ASIA" + keyIDEncoding.EncodeToString(b[:]), nil
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
	err := k.db.Update(ctx, func(tx *store.Tx) error {
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
	return &serverKey{id: rec.ID, aead: aead, mac: rec.Key[32:]}, nil
}
