package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"math/rand"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// TestHMACPadded holds the allocation-free HMAC to crypto/hmac for keys
// up to a block long and messages of every length around a block.
func TestHMACPadded(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(1))
	for keyLen := 0; keyLen <= blockSize; keyLen += 8 {
		for msgLen := 0; msgLen <= 3*blockSize; msgLen += 7 {
			key := make([]byte, keyLen)
			msg := make([]byte, blockSize+msgLen)
			rng.Read(key)
			rng.Read(msg)
			m := hmac.New(sha256.New, key)
			m.Write(msg[blockSize:])
			want := m.Sum(nil)
			if got := hmacPadded(key, msg); !hmac.Equal(got[:], want) {
				t.Errorf("hmacPadded(key of %d, message of %d) = %x, want %x", keyLen, msgLen, got, want)
			}
		}
	}
}

// TestSignatureMatches: the signature of a canonical request, computed as
// the string to sign's HMAC under the signing key, matches in either hex
// case, and nothing else does.
func TestSignatureMatches(t *testing.T) {
	t.Parallel()
	cred := credential{akid: "AKIDEXAMPLE", date: "20150830", region: "us-east-1", service: "iam"}
	key := deriveKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", cred.date, cred.region, cred.service)
	creq := "GET\n/\nAction=ListUsers&Version=2010-05-08\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	sig := hex.EncodeToString(hmacSHA256(key, stringToSign("20150830T123600Z", cred.scope(), creq)))
	// AWS's published signature of this request (Signature Version 4
	// example in the IAM user guide).
	if sig != "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7" {
		t.Fatalf("reference signature %s, want AWS's published one", sig)
	}
	flip := []byte(sig)
	flip[10] ^= 1
	tests := []struct {
		provided string
		want     bool
	}{
		{sig, true},
		{strings.ToUpper(sig), true},
		{string(flip), false},
		{sig[:63], false},
		{sig + "0", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := signatureMatches(key, "20150830T123600Z", cred, []byte(creq), tt.provided); got != tt.want {
			t.Errorf("signatureMatches(%q) = %v, want %v", tt.provided, got, tt.want)
		}
	}
}

// TestSameDate holds sameDate to comparing with t.Format("20060102").
func TestSameDate(t *testing.T) {
	t.Parallel()
	times := []time.Time{
		time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC),
		time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(999, 1, 2, 0, 0, 0, 0, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for _, tm := range times {
		for _, s := range []string{tm.Format("20060102"), "20150830", "2015083", "201508300", "2015O830", ""} {
			if got, want := sameDate(s, tm), s == tm.Format("20060102"); got != want {
				t.Errorf("sameDate(%q, %v) = %v, want %v", s, tm, got, want)
			}
		}
	}
}

// TestEqualLower holds equalLower to comparing with strings.ToLower.
func TestEqualLower(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"X-Amz-Date", "x-amz-date", "X-AMZ-DATE", "X-Amz-Dat\u00e9", "X-Amz-\u212aey", "x-amz-key"} {
		for _, s := range []string{"x-amz-date", "x-amz-key", "x-amz-dat\u00e9", "X-Amz-Date"} {
			if len(s) != len(k) {
				continue
			}
			if got, want := equalLower(s, k), s == strings.ToLower(k); got != want {
				t.Errorf("equalLower(%q, %q) = %v, want %v", s, k, got, want)
			}
		}
	}
}

// TestGetKeysAreCanonical: every header name passed to get is already in
// the form net/http stores it under, or get would miss the header.
func TestGetKeysAreCanonical(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	call := regexp.MustCompile(`\bget\(r, "([^"]*)"\)`)
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			n++
			if c := http.CanonicalHeaderKey(m[1]); c != m[1] {
				t.Errorf("%s: get(r, %q): not canonical, want %q", f, m[1], c)
			}
		}
	}
	if n == 0 {
		t.Error("found no get calls: the pattern no longer matches them")
	}
}

// TestReadAtMost holds readAtMost to io.ReadAll(io.LimitReader(body, max))
// for bodies shorter than, as long as and longer than max, with right,
// wrong and unknown length hints, read in small pieces.
func TestReadAtMost(t *testing.T) {
	t.Parallel()
	for _, size := range []int{0, 1, 100, 511, 512, 513, 2000} {
		body := strings.Repeat("x", size)
		for _, max := range []int64{1, 2, 100, 512, 513, 4096} {
			for _, hint := range []int64{-1, 0, int64(size), int64(size) + 7, int64(size) / 2} {
				want, _ := io.ReadAll(io.LimitReader(strings.NewReader(body), max))
				got, err := readAtMost(iotest.HalfReader(strings.NewReader(body)), max, hint)
				if err != nil || string(got) != string(want) {
					t.Errorf("readAtMost(%d bytes, max %d, hint %d) = %d bytes, %v; want %d bytes", size, max, hint, len(got), err, len(want))
				}
			}
		}
	}
}
