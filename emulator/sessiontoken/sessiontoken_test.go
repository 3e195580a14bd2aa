package sessiontoken_test

import (
	"context"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/sessiontoken"
	"github.com/fakeaws/fakeaws/emulator/store"
)

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func open(t *testing.T, dir string) *store.DB {
	t.Helper()
	// Every batched write runs twice (store.Options.Rehearse).
	db, err := store.Open(dir, store.Options{Rehearse: true})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func roleSession() *store.Session {
	return &store.Session{Account: "222222222222", Kind: "AssumeRole", Issued: now, Expiration: now.Add(time.Hour),
		RoleName: "r", RoleARN: "arn:aws:iam::222222222222:role/r", RoleID: "AROAEXAMPLE0000000001", SessionName: "s",
		SessionPolicies: []string{`{"Version":"2012-10-17","Statement":[]}`}, PolicyARNs: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"},
		Tags: map[string]string{"team": "a"}, TransitiveTags: []string{"team"}, SourceIdentity: "alice"}
}

// accountOf decodes the account embedded in an access key id the way
// sts.accountFromKeyID (and AWS) do.
func accountOf(t *testing.T, id string) string {
	t.Helper()
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(id[4:20])
	if err != nil {
		t.Fatalf("decode %s: %v", id, err)
	}
	var b [8]byte
	copy(b[2:], raw[:6])
	return fmt.Sprintf("%012d", (binary.BigEndian.Uint64(b[:])&0x7fffffffff80)>>7)
}

func TestSealOpen(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := open(t, dir)
	ctx := context.Background()
	k := sessiontoken.New(db, func() time.Time { return now })
	s := roleSession()
	if err := k.Seal(ctx, s); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.AccessKeyID, "ASIA") || len(s.AccessKeyID) != 20 {
		t.Errorf("access key id %q, want ASIA + 16 characters", s.AccessKeyID)
	}
	if got := accountOf(t, s.AccessKeyID); got != "222222222222" {
		t.Errorf("embedded account = %s, want 222222222222", got)
	}
	if len(s.Secret) != 40 {
		t.Errorf("secret has %d characters, want 40", len(s.Secret))
	}
	got, err := k.Open(ctx, s.AccessKeyID, s.Token)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if got.Secret != s.Secret || got.RoleID != s.RoleID || got.SessionPolicies[0] != s.SessionPolicies[0] ||
		got.Tags["team"] != "a" || got.SourceIdentity != "alice" || !got.Expiration.Equal(s.Expiration) || got.Token != s.Token {
		t.Errorf("Open = %+v, want %+v", got, s)
	}

	// The key survives a restart.
	db.Close()
	db = open(t, dir)
	defer db.Close()
	k = sessiontoken.New(db, nil)
	if _, err := k.Open(ctx, s.AccessKeyID, s.Token); err != nil {
		t.Fatalf("Open after restart: %v", err)
	}

	// Reset removes the key: earlier tokens stop opening.
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Open(ctx, s.AccessKeyID, s.Token); !errors.Is(err, sessiontoken.ErrInvalid) {
		t.Fatalf("Open after reset = %v, want ErrInvalid", err)
	}
	fresh := roleSession()
	if err := k.Seal(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Open(ctx, fresh.AccessKeyID, fresh.Token); err != nil {
		t.Fatalf("Open of a session sealed after reset: %v", err)
	}
	if _, err := k.Open(ctx, s.AccessKeyID, s.Token); !errors.Is(err, sessiontoken.ErrInvalid) {
		t.Fatalf("Open of a pre-reset token = %v, want ErrInvalid", err)
	}
}

func TestOpenRefuses(t *testing.T) {
	t.Parallel()
	db := open(t, t.TempDir())
	defer db.Close()
	ctx := context.Background()
	k := sessiontoken.New(db, nil)
	s, other := roleSession(), roleSession()
	if err := k.Seal(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := k.Seal(ctx, other); err != nil {
		t.Fatal(err)
	}
	flip := []byte(s.Token)
	flip[len(flip)-5] ^= 1
	tests := []struct {
		name, akid, token string
	}{
		{"empty token", s.AccessKeyID, ""},
		{"other session's key id", other.AccessKeyID, s.Token},
		{"tampered", s.AccessKeyID, string(flip)},
		{"truncated", s.AccessKeyID, s.Token[:len(s.Token)-8]},
		{"no prefix", s.AccessKeyID, s.Token[3:]},
		{"not base64", s.AccessKeyID, "FwoGZXIvYXdzE!!!!"},
		{"legacy random token", s.AccessKeyID, "FwoGZXIvYXdzE" + strings.Repeat("A", 128)},
	}
	for _, tt := range tests {
		if _, err := k.Open(ctx, tt.akid, tt.token); !errors.Is(err, sessiontoken.ErrInvalid) {
			t.Errorf("%s: Open = %v, want ErrInvalid", tt.name, err)
		}
	}
}

func TestOpenWithoutKey(t *testing.T) {
	t.Parallel()
	db := open(t, t.TempDir())
	defer db.Close()
	k := sessiontoken.New(db, nil)
	// A well-formed token with no key in the store opens nothing (and
	// creates no key).
	if _, err := k.Open(context.Background(), "ASIAAAAAAAAAAAAAAAAA", "FwoGZXIvYXdzE"+strings.Repeat("AQAAAAAA", 8)); !errors.Is(err, sessiontoken.ErrInvalid) {
		t.Fatalf("Open = %v, want ErrInvalid", err)
	}
	gen := db.Generation()
	if gen != 0 {
		t.Errorf("Open wrote to the store (generation %d)", gen)
	}
}

func BenchmarkSeal(b *testing.B) {
	db, err := store.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	k := sessiontoken.New(db, nil)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := k.Seal(ctx, roleSession()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpen(b *testing.B) {
	db, err := store.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	k := sessiontoken.New(db, nil)
	ctx := context.Background()
	s := roleSession()
	if err := k.Seal(ctx, s); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.Open(ctx, s.AccessKeyID, s.Token); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSealSized checks MinimumSessionTokenSize's padding: the token is at
// least the size asked for (and no more than a few bytes past it, or its
// natural size), and opens to the same session as an unpadded one.
func TestSealSized(t *testing.T) {
	t.Parallel()
	db := open(t, t.TempDir())
	ctx := context.Background()
	k := sessiontoken.New(db, func() time.Time { return now })
	plain := roleSession()
	if err := k.Seal(ctx, plain); err != nil {
		t.Fatal(err)
	}
	natural := len(plain.Token)
	want, err := k.Open(ctx, plain.AccessKeyID, plain.Token)
	if err != nil {
		t.Fatal(err)
	}
	for _, minLen := range []int{0, 1, natural - 1, natural, natural + 1, natural + 2, natural + 3, natural + 4,
		natural + 5, natural + 130, 1000, 1001, 1002, 1003, 2047, 4095, sessiontoken.MaxTokenSize} {
		s := roleSession()
		if err := k.SealSized(ctx, s, minLen); err != nil {
			t.Fatalf("min %d: %v", minLen, err)
		}
		if n := len(s.Token); n < minLen || n > max(natural, minLen+7) {
			t.Errorf("min %d: token of %d bytes, want %d to %d", minLen, n, max(natural, minLen), max(natural, minLen+7))
		}
		got, err := k.Open(ctx, s.AccessKeyID, s.Token)
		if err != nil {
			t.Fatalf("min %d: Open: %v", minLen, err)
		}
		got.AccessKeyID, got.Secret, got.Token = want.AccessKeyID, want.Secret, want.Token
		if fmt.Sprint(*got) != fmt.Sprint(*want) {
			t.Errorf("min %d: opened %+v, want %+v", minLen, *got, *want)
		}
	}
}
