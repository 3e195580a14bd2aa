// Package ids makes the identifiers AWS hands out: unique ids with AWS's
// prefixes (AIDA users, AROA roles, ANPA policies, AGPA groups), access key
// ids (AKIA long-term, ASIA temporary), secrets, session tokens and request
// ids. All randomness comes from crypto/rand.
package ids

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
)

const upperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// Random returns n characters drawn from alphabet with crypto/rand. Every
// service's id generator (IAM's prefixed ids, Organizations' o-, r-, ou-
// ids and account numbers) builds on it.
func Random(alphabet string, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand: " + err.Error()) // never fails on supported platforms
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// Prefixes of unique ids and access keys, as AWS documents them in
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
const (
	UserPrefix            = "AIDA"
	RolePrefix            = "AROA"
	PolicyPrefix          = "ANPA"
	GroupPrefix           = "AGPA"
	InstanceProfilePrefix = "AIPA"
	AccessKeyPrefix       = "AKIA"
	SessionKeyPrefix      = "ASIA"
)

// Unique returns a 21-character unique id with the given 4-letter prefix.
func Unique(prefix string) string { return prefix + Random(upperAlnum, 17) }

// AccessKeyID returns a 20-character access key id with the given prefix.
func AccessKeyID(prefix string) string { return prefix + Random(upperAlnum, 16) }

// Secret returns a 40-character secret access key.
func Secret() string {
	return Random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40)
}

// SessionToken returns an opaque session token.
func SessionToken() string {
	b := make([]byte, 96)
	_, _ = rand.Read(b)
	return "FwoGZXIvYXdzE" + base64.StdEncoding.EncodeToString(b)
}

// Request returns a request id in AWS's UUID form: a random (version 4)
// UUID, as uuid.NewString makes, with one allocation instead of two (every
// request makes one).
func Request() string {
	var u [16]byte
	_, _ = rand.Read(u[:])  // crypto/rand.Read keeps u on the stack
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	var s [36]byte
	hex.Encode(s[0:8], u[0:4])
	hex.Encode(s[9:13], u[4:6])
	hex.Encode(s[14:18], u[6:8])
	hex.Encode(s[19:23], u[8:10])
	hex.Encode(s[24:36], u[10:16])
	s[8], s[13], s[18], s[23] = '-', '-', '-', '-'
	return string(s[:])
}

// s3RequestAlphabet is what S3's x-amz-request-id is made of: recorded
// answers of 2026 carry ids such as Z6F9T2A5ZC30KFKW and 4AKJZREYX4YD17VF
// (argmin's AWS-backed post_object.rs), sixteen of digits and capitals.
const s3RequestAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// S3Request returns a request id in S3's form: 16 characters of [0-9A-Z],
// each drawn uniformly (bytes at or above the largest multiple of 36 are
// drawn again).
func S3Request() string {
	const n, limit = 16, 256 - 256%len(s3RequestAlphabet)
	var out [n]byte
	var b [n + n/2]byte
	for i := 0; i < n; {
		_, _ = rand.Read(b[:])
		for _, c := range b {
			if int(c) < limit && i < n {
				out[i] = s3RequestAlphabet[int(c)%len(s3RequestAlphabet)]
				i++
			}
		}
	}
	return string(out[:])
}

// Token returns an opaque url-safe token of n random bytes.
func Token(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
