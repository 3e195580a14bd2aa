package totp

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"strconv"
	"strings"
	"time"
)

// Code returns the 6-digit RFC 6238 code (HMAC-SHA1, 30-second steps) of
// the base32 seed at time t, or "" when the seed is not valid base32.
func Code(seedBase32 string, t time.Time) string {
	key, ok := decodeSeed(seedBase32)
	if !ok {
		return ""
	}
	return hotp(key, uint64(t.Unix()/30), 6)
}

// Verify reports whether code is the seed's TOTP code at now, or one
// step before or after it (clock skew).
func Verify(seedBase32, code string, now time.Time) bool {
	key, ok := decodeSeed(seedBase32)
	if !ok || len(code) != 6 {
		return false
	}
	step := now.Unix() / 30
	for _, d := range []int64{0, -1, 1} {
		want := hotp(key, uint64(step+d), 6)
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return true
		}
	}
	return false
}

// codeStep returns the time step at which code is valid, searching ±1
// step around now; ok is false when it is not valid.
func codeStep(key []byte, code string, now time.Time) (int64, bool) {
	step := now.Unix() / 30
	for _, d := range []int64{0, -1, 1} {
		if subtle.ConstantTimeCompare([]byte(hotp(key, uint64(step+d), 6)), []byte(code)) == 1 {
			return step + d, true
		}
	}
	return 0, false
}

func decodeSeed(seed string) ([]byte, bool) {
	s := strings.ToUpper(strings.TrimRight(strings.ReplaceAll(seed, " ", ""), "="))
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s)
	if err != nil || len(key) == 0 {
		return nil, false
	}
	return key, true
}

// hotp is RFC 4226's HOTP with dynamic truncation to digits digits.
func hotp(key []byte, counter uint64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	s := strconv.Itoa(int(v % mod))
	return strings.Repeat("0", digits-len(s)) + s
}

// VerifyPair reports whether code1 and code2 are two consecutive codes of
// the seed ending at now, as EnableMFADevice and ResyncMFADevice require
// (the pair may straddle: code1 one step older than the window).
func VerifyPair(seedBase32, code1, code2 string, now time.Time) bool {
	key, ok := decodeSeed(seedBase32)
	if !ok {
		return false
	}
	s1, ok1 := codeStep(key, code1, now)
	if !ok1 {
		s1, ok1 = codeStep(key, code1, now.Add(-30*time.Second))
	}
	return ok1 && hotp(key, uint64(s1+1), 6) == code2
}
