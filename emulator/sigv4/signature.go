package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// The signature itself: the signing key derived from the secret, the
// string to sign, and the HMAC compared with the one the request carries.

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func deriveKey(secret, date, region, service string) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), date)
	k = hmacSHA256(k, region)
	k = hmacSHA256(k, service)
	return hmacSHA256(k, "aws4_request")
}

func stringToSign(amzDate, scope, creq string) string {
	return string(appendStringToSign(nil, amzDate, scope, []byte(creq)))
}

// appendStringToSign appends the string to sign of canonical request creq
// to b.
func appendStringToSign(b []byte, amzDate, scope string, creq []byte) []byte {
	sum := sha256.Sum256(creq)
	b = append(b, algoV4+"\n"...)
	b = append(b, amzDate...)
	b = append(b, '\n')
	b = append(b, scope...)
	b = append(b, '\n')
	return hex.AppendEncode(b, sum[:])
}

// sigEqual compares a computed signature with the one sent (hex, either
// case), in constant time.
func sigEqual(computed []byte, provided string) bool {
	var want [64]byte
	hex.Encode(want[:], computed)
	if len(provided) != len(want) {
		return false
	}
	var diff byte
	for i := range want {
		c := provided[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		diff |= want[i] ^ c
	}
	return diff == 0
}

// blockSize is SHA-256's block size, HMAC's pad length.
const blockSize = 64

// signatureMatches reports whether provided is the signature of creq
// under signingKey. It builds the string to sign after blockSize bytes of
// room and computes the HMAC (RFC 2104) over two SHA-256 sums, the first
// over the key's inner pad written into that room, so nothing is
// allocated: a keyed crypto/hmac costs four allocations per request.
func signatureMatches(signingKey []byte, amzDate string, cred credential, creq []byte, provided string) bool {
	var buf [blockSize + 256]byte
	msg := append(buf[:blockSize], algoV4+"\n"...)
	msg = append(msg, amzDate...)
	msg = append(msg, '\n')
	msg = appendScope(msg, cred)
	msg = append(msg, '\n')
	sum := sha256.Sum256(creq)
	msg = hex.AppendEncode(msg, sum[:])
	mac := hmacPadded(signingKey, msg)
	return sigEqual(mac[:], provided)
}

// hmacPadded returns HMAC-SHA256 under key (at most blockSize bytes) of
// msg[blockSize:], overwriting msg[:blockSize] with the inner pad.
func hmacPadded(key, msg []byte) [sha256.Size]byte {
	var outer [blockSize + sha256.Size]byte
	for i := range blockSize {
		var k byte
		if i < len(key) {
			k = key[i]
		}
		msg[i] = k ^ 0x36
		outer[i] = k ^ 0x5c
	}
	inner := sha256.Sum256(msg)
	copy(outer[blockSize:], inner[:])
	return sha256.Sum256(outer[:])
}

// appendScope appends cred's scope (cred.scope()) to b.
func appendScope(b []byte, cred credential) []byte {
	b = append(b, cred.date...)
	b = append(b, '/')
	b = append(b, cred.region...)
	b = append(b, '/')
	b = append(b, cred.service...)
	return append(b, "/aws4_request"...)
}
