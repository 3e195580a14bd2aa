package s3

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestSSECValidation: SSE-C headers on PutObject are refused as AWS
// refuses them, in its order (LocalStack test_s3.snapshot.json
// TestS3SSECEncryption::test_put_object_validation_sse_c).
func TestSSECValidation(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	b64 := base64.StdEncoding.EncodeToString
	sum := md5.Sum(key)
	good := map[string]string{hdrSSECAlgorithm: "AES256", hdrSSECKey: b64(key), hdrSSECKeyMD5: b64(sum[:])}
	with := func(edit func(h map[string]string)) http.Header {
		h := map[string]string{}
		for k, v := range good {
			h[k] = v
		}
		edit(h)
		out := http.Header{}
		for k, v := range h {
			out.Set(k, v)
		}
		return out
	}
	short := key[:10]
	shortSum := md5.Sum(short)
	for _, c := range []struct {
		name   string
		header http.Header
		code   string
		prefix string
	}{
		{"with x-amz-server-side-encryption", with(func(h map[string]string) { h["X-Amz-Server-Side-Encryption"], h[hdrSSECAlgorithm] = "AES256", "KMS" }),
			"InvalidArgument", "Server Side Encryption with Customer provided key is incompatible"},
		{"algorithm KMS", with(func(h map[string]string) { h[hdrSSECAlgorithm] = "KMS" }), "InvalidEncryptionAlgorithmError", "The Encryption request you specified is not valid."},
		{"no algorithm", with(func(h map[string]string) { delete(h, hdrSSECAlgorithm) }), "InvalidArgument", "Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm."},
		{"no key", with(func(h map[string]string) { delete(h, hdrSSECKey) }), "InvalidArgument", "Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key."},
		{"short key", with(func(h map[string]string) { h[hdrSSECKey], h[hdrSSECKeyMD5] = b64(short), b64(shortSum[:]) }), "InvalidArgument", "The secret key was invalid for the specified algorithm."},
		{"wrong MD5", with(func(h map[string]string) { h[hdrSSECKeyMD5] = "a" + h[hdrSSECKeyMD5][1:] }), "InvalidArgument", "The calculated MD5 hash of the key did not match the hash that was provided."},
	} {
		_, err := checkSSEC(&http.Request{Header: c.header})
		if err == nil || !strings.Contains(err.Error(), c.code) || !strings.Contains(err.Error(), c.prefix) {
			t.Errorf("%s: %v, want %s %q", c.name, err, c.code, c.prefix)
		}
	}
	if _, err := checkSSEC(&http.Request{Header: with(func(map[string]string) {})}); err != nil {
		t.Errorf("valid SSE-C headers: %v", err)
	}
	if _, err := checkSSEC(&http.Request{Header: http.Header{}}); err != nil {
		t.Errorf("no SSE-C headers: %v", err)
	}
}

// TestSSECObjectRead: an object written with SSE-C is read only with its
// key, and its answers name the SSE-C algorithm and key MD5 instead of
// x-amz-server-side-encryption (LocalStack test_s3.snapshot.json
// TestS3SSECEncryption::test_object_retrieval_sse_c).
func TestSSECObjectRead(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	key := []byte("0123456789abcdef0123456789abcdef")
	other := []byte("fedcba9876543210fedcba9876543210")
	b64 := base64.StdEncoding.EncodeToString
	hdr := func(k []byte) map[string]string {
		sum := md5.Sum(k)
		return map[string]string{hdrSSECAlgorithm: "AES256", hdrSSECKey: b64(k), hdrSSECKeyMD5: b64(sum[:])}
	}
	sum := md5.Sum(key)
	e.must(a, treq{method: "PUT", target: "/ssec"}, 200)
	e.must(a, treq{method: "PUT", target: "/ssec?encryption", body: allowSSEC}, 200)
	w := e.must(a, treq{method: "PUT", target: "/ssec/k", body: "data", header: hdr(key)}, 200)
	if w.Header().Get("X-Amz-Server-Side-Encryption") != "" || w.Header().Get(hdrSSECKeyMD5) != b64(sum[:]) || w.Header().Get(hdrSSECAlgorithm) != "AES256" {
		t.Errorf("PutObject with SSE-C answered headers %v", w.Header())
	}
	w = e.do(a, treq{method: "GET", target: "/ssec/k"})
	wantAWSError(t, "GET without the key", w, 400, "InvalidRequest",
		"The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.")
	w = e.do(a, treq{method: "GET", target: "/ssec/k", header: hdr(other)})
	wantAWSError(t, "GET with another key", w, 403, "AccessDenied", "Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.")
	if w := e.do(a, treq{method: "HEAD", target: "/ssec/k"}); w.Code != 400 {
		t.Errorf("HEAD without the key = %d, want 400", w.Code)
	}
	w = e.must(a, treq{method: "GET", target: "/ssec/k", header: hdr(key)}, 200)
	if w.Body.String() != "data" || w.Header().Get(hdrSSECKeyMD5) != b64(sum[:]) || w.Header().Get("X-Amz-Server-Side-Encryption") != "" {
		t.Errorf("GET with the key = %q, headers %v", w.Body, w.Header())
	}
	// An object written without SSE-C refuses SSE-C headers on reads.
	e.must(a, treq{method: "PUT", target: "/ssec/plain", body: "plain"}, 200)
	w = e.do(a, treq{method: "GET", target: "/ssec/plain", header: hdr(key)})
	wantAWSError(t, "GET of a plain object with SSE-C headers", w, 400, "InvalidRequest", "The encryption parameters are not applicable to this object.")
	if w := e.do(a, treq{method: "HEAD", target: "/ssec/plain", header: hdr(key)}); w.Code != 400 {
		t.Errorf("HEAD of a plain object with SSE-C headers = %d, want 400", w.Code)
	}
	if w := e.must(a, treq{method: "GET", target: "/ssec/plain"}, 200); w.Body.String() != "plain" {
		t.Errorf("GET of a plain object = %q", w.Body)
	}
	w = e.do(a, treq{method: "PUT", target: "/ssec/copy", header: map[string]string{"X-Amz-Copy-Source": "/ssec/k"}})
	wantAWSError(t, "CopyObject without the source key", w, 400, "InvalidRequest",
		"The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.")
}

// TestPartSSEC: an UploadPart's SSE-C headers must match its upload's.
func TestPartSSEC(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	sum := md5.Sum(key)
	keyMD5 := base64.StdEncoding.EncodeToString(sum[:])
	withKey := http.Header{}
	withKey.Set(hdrSSECAlgorithm, "AES256")
	withKey.Set(hdrSSECKey, base64.StdEncoding.EncodeToString(key))
	withKey.Set(hdrSSECKeyMD5, keyMD5)
	if err := checkPartSSEC(&http.Request{Header: withKey}, "", ""); err == nil || !strings.Contains(err.Error(), "initiate requested encryption") {
		t.Errorf("SSE-C part of a plain upload: %v", err)
	}
	if err := checkPartSSEC(&http.Request{Header: http.Header{}}, sseCustomer, keyMD5); err == nil || !strings.Contains(err.Error(), "initiate requested encryption") {
		t.Errorf("plain part of an SSE-C upload: %v", err)
	}
	if err := checkPartSSEC(&http.Request{Header: withKey}, sseCustomer, "other"); err == nil || !strings.Contains(err.Error(), "did not match the ones used originally") {
		t.Errorf("part with another key: %v", err)
	}
	if err := checkPartSSEC(&http.Request{Header: withKey}, sseCustomer, keyMD5); err != nil {
		t.Errorf("part with the upload's key: %v", err)
	}
	if err := checkPartSSEC(&http.Request{Header: http.Header{}}, "", ""); err != nil {
		t.Errorf("plain part of a plain upload: %v", err)
	}
}

// allowSSEC is a default encryption that unblocks SSE-C.
const allowSSEC = `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>` +
	`<BlockedEncryptionTypes><EncryptionType>NONE</EncryptionType></BlockedEncryptionTypes></Rule></ServerSideEncryptionConfiguration>`

// ssecHeaders are the SSE-C request headers of a test key.
func ssecHeaders() map[string]string {
	key := []byte("0123456789abcdef0123456789abcdef")
	sum := md5.Sum(key)
	return map[string]string{hdrSSECAlgorithm: "AES256", hdrSSECKey: base64.StdEncoding.EncodeToString(key),
		hdrSSECKeyMD5: base64.StdEncoding.EncodeToString(sum[:])}
}

// blockedTypesOf is the BlockedEncryptionTypes GetBucketEncryption reports.
func blockedTypesOf(e *env, bucket string) string {
	w := e.must(rootOf(acctA), treq{method: "GET", target: "/" + bucket + "?encryption"}, 200)
	body := w.Body.String()
	const open = "<BlockedEncryptionTypes><EncryptionType>"
	i := strings.Index(body, open)
	if i < 0 {
		return ""
	}
	rest := body[i+len(open):]
	return rest[:strings.Index(rest, "<")]
}

// TestSSECBlocked: a new bucket refuses SSE-C writes until
// PutBucketEncryption names NONE; a rule without BlockedEncryptionTypes
// keeps the setting; DeleteBucketEncryption blocks again; a bucket an
// older fakeaws stored (no record of the setting) keeps SSE-C allowed;
// an SSE-C upload started before the block uploads no more parts.
func TestSSECBlocked(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "blk")
	if got := blockedTypesOf(e, "blk"); got != "SSE-C" {
		t.Errorf("new bucket BlockedEncryptionTypes = %q, want SSE-C", got)
	}
	w := e.do(a, treq{method: "PUT", target: "/blk/k", body: "x", header: ssecHeaders()})
	wantAWSError(t, "SSE-C PutObject to a new bucket", w, 403, "AccessDenied", "User: arn:aws:iam::"+acctA+
		`:root is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::blk/k" because this bucket has blocked upload requests`+
		" that specify Server Side Encryption with Customer provided keys (SSE-C). Please specify a different server-side encryption type.")
	e.must(a, treq{method: "PUT", target: "/blk?encryption", body: allowSSEC}, 200)
	if got := blockedTypesOf(e, "blk"); got != "NONE" {
		t.Errorf("after NONE: BlockedEncryptionTypes = %q", got)
	}
	e.must(a, treq{method: "PUT", target: "/blk?encryption", body: strings.Replace(allowSSEC,
		"<BlockedEncryptionTypes><EncryptionType>NONE</EncryptionType></BlockedEncryptionTypes>", "", 1)}, 200)
	if got := blockedTypesOf(e, "blk"); got != "NONE" {
		t.Errorf("a rule without BlockedEncryptionTypes changed it to %q", got)
	}
	w = e.must(a, treq{method: "POST", target: "/blk/mpu?uploads", header: ssecHeaders()}, 200)
	id := between(w.Body.String(), "<UploadId>", "</UploadId>")
	e.must(a, treq{method: "PUT", target: "/blk/k", body: "x", header: ssecHeaders()}, 200)
	e.must(a, treq{method: "DELETE", target: "/blk?encryption"}, 204)
	if got := blockedTypesOf(e, "blk"); got != "SSE-C" {
		t.Errorf("after DeleteBucketEncryption: BlockedEncryptionTypes = %q, want SSE-C", got)
	}
	if w := e.must(a, treq{method: "GET", target: "/blk/k", header: ssecHeaders()}, 200); w.Body.String() != "x" {
		t.Errorf("GET of an SSE-C object of a blocked bucket = %q", w.Body)
	}
	w = e.do(a, treq{method: "PUT", target: "/blk/mpu?partNumber=1&uploadId=" + id, body: "p", header: ssecHeaders()})
	if code, _ := errCode(t, w); w.Code != 403 || code != "AccessDenied" {
		t.Errorf("UploadPart of an SSE-C upload after the block = %d %s", w.Code, code)
	}
	if code, _ := errCode(t, e.do(a, treq{method: "PUT", target: "/blk?encryption", body: strings.Replace(allowSSEC, ">NONE<", ">SSE-S3<", 1)})); code != "MalformedXML" {
		t.Errorf("BlockedEncryptionTypes SSE-S3: %s, want MalformedXML", code)
	}

	e.createBucket(a, "old")
	err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		var b store.Bucket
		if err := tx.Get(store.Global, store.KindBucket, "old", &b); err != nil {
			return err
		}
		b.BlockedEncryption = "" // as a fakeaws from before April 2026 stored it
		return tx.Put(store.Global, store.KindBucket, "old", &b)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := blockedTypesOf(e, "old"); got != "NONE" {
		t.Errorf("stored bucket BlockedEncryptionTypes = %q, want NONE", got)
	}
	e.must(a, treq{method: "PUT", target: "/old/k", body: "x", header: ssecHeaders()}, 200)
}
