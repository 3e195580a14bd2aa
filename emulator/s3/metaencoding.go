package s3

import (
	"encoding/base64"
	"mime"
	"strings"
	"unicode/utf8"
)

// User metadata travels in HTTP headers, so S3 stores RFC 2047
// encoded-words decoded and returns values that are not plain ASCII
// encoded again (S3 User Guide, "User-defined object metadata": "Values of
// such headers are character decoded as per RFC 2047 before storing and
// encoded as per RFC 2047 to make them mail-safe before returning"). The
// exact form follows the responses LocalStack recorded from AWS in
// test_s3.snapshot.json (TestS3::test_user_metadata_rfc2047_encoded,
// TestS3PresignedUrl::test_put_unicode_metadata_with_sig_s3):
//
//   - "ÄMÄZÕÑ S3" comes back as =?UTF-8?Q?=C3=84M=C3=84Z=C3=95=C3=91_S3?=
//     (Q encoding while ASCII characters are not outnumbered; space as _,
//     only = _ ? and non-printable bytes escaped);
//   - "\x00\x01\x02\x03" or U+FFFD runs come back as =?UTF-8?B?...?=
//     (B encoding when most characters are not ASCII);
//   - "=?UTF-8?B?YWJj?=" sent on PUT comes back as "abc";
//   - bytes that are not UTF-8 come back as U+FFFD.
//
// A browser POST keeps its form fields as sent (recorded in
// TestS3PresignedPost::test_post_object_with_unicode_metadata), so only
// header writes decode.

// decodeMetaWords replaces RFC 2047 encoded-words in user metadata values
// sent as request headers by the text they encode. A value that does not
// decode is kept as sent.
func decodeMetaWords(meta map[string]string) {
	var dec mime.WordDecoder
	for k, v := range meta {
		if !strings.Contains(v, "=?") {
			continue
		}
		if d, err := dec.DecodeHeader(v); err == nil {
			meta[k] = d
		}
	}
}

// encodeMetaValue is v as S3 returns it in an x-amz-meta-* header: plain
// printable ASCII unchanged, anything else as UTF-8 encoded-words.
func encodeMetaValue(v string) string {
	ascii, other := 0, 0
	for _, c := range v {
		if c >= 0x7f || (c < 0x20 && c != '\t') {
			other++
		} else {
			ascii++
		}
	}
	if other == 0 {
		return v
	}
	v = strings.ToValidUTF8(v, "\uFFFD")
	b := other > ascii
	return strings.Join(encodeWords(v, b), " ")
}

// metaWordRoom is how many encoded characters one encoded-word carries
// (75 characters less "=?UTF-8?X?" and "?=", as RFC 2047 section 2 asks).
const metaWordRoom = 75 - len("=?UTF-8?Q?") - len("?=")

// encodeWords encodes v as one encoded-word, or, when that would be too
// long, splits v in halves on a character boundary and encodes each.
func encodeWords(v string, b bool) []string {
	var word, kind string
	if b {
		word, kind = base64.StdEncoding.EncodeToString([]byte(v)), "B"
	} else {
		word, kind = qEncode(v), "Q"
	}
	if len(word) <= metaWordRoom || utf8.RuneCountInString(v) < 2 {
		return []string{"=?UTF-8?" + kind + "?" + word + "?="}
	}
	half := len(v) / 2
	for !utf8.RuneStart(v[half]) {
		half++
	}
	return append(encodeWords(v[:half], b), encodeWords(v[half:], b)...)
}

// qEncode is RFC 2047 Q encoding of text: space as "_", the specials
// "=", "_" and "?" and every byte outside printable ASCII as =XX.
func qEncode(v string) string {
	const hex = "0123456789ABCDEF"
	var sb strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == ' ':
			sb.WriteByte('_')
		case c < 0x20 || c >= 0x7f || c == '=' || c == '_' || c == '?':
			sb.WriteByte('=')
			sb.WriteByte(hex[c>>4])
			sb.WriteByte(hex[c&0xf])
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}
