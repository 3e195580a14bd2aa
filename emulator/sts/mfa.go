package sts

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// mfaValid reports whether code is a current one-time password of device d
// and d is the caller's own enabled device (an IAM user's, or the root
// user's for root callers).
func mfaValid(d *store.MFADevice, caller *authn.Caller, code string, now time.Time) bool {
	if d == nil || d.EnableDate == nil {
		return false
	}
	switch {
	case caller.Session != nil && caller.Session.RoleARN != "":
		return false // roles have no MFA devices
	case caller.Root():
		if d.UserName != "" && !strings.EqualFold(d.UserName, "root") && d.UserName != caller.Account {
			return false
		}
	case !d.EnabledFor(caller.UserName):
		return false
	}
	return verifyTOTP(d.Seed, code, now)
}

// verifyTOTP checks a six-digit RFC 6238 code (30-second steps, SHA-1)
// against a base32 seed, accepting the previous and next step for clock
// skew as virtual MFA devices do.
func verifyTOTP(seed, code string, now time.Time) bool {
	if len(code) != 6 {
		return false
	}
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(
		strings.ToUpper(strings.TrimRight(strings.ReplaceAll(seed, " ", ""), "=")))
	if err != nil || len(key) == 0 {
		return false
	}
	step := now.Unix() / 30
	ok := 0
	for d := int64(-1); d <= 1; d++ {
		ok |= subtle.ConstantTimeCompare([]byte(hotp(key, uint64(step+d))), []byte(code))
	}
	return ok == 1
}

// hotp is RFC 4226 HOTP with six digits.
func hotp(key []byte, counter uint64) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	m := hmac.New(sha1.New, key)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	const digits = "0123456789"
	out := make([]byte, 6)
	v %= 1000000
	for i := 5; i >= 0; i-- {
		out[i] = digits[v%10]
		v /= 10
	}
	return string(out)
}
