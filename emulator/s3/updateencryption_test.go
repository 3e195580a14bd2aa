package s3

import (
	"testing"
)

// objectEncryption is an UpdateObjectEncryption body of inner.
func objectEncryption(inner string) string {
	return `<ObjectEncryption xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` + inner + `</ObjectEncryption>`
}

// sseKMSTo asks for SSE-KMS with key and, unless "", BucketKeyEnabled.
func sseKMSTo(key, bucketKey string) string {
	inner := "<KMSKeyArn>" + key + "</KMSKeyArn>"
	if bucketKey != "" {
		inner += "<BucketKeyEnabled>" + bucketKey + "</BucketKeyEnabled>"
	}
	return objectEncryption("<SSE-KMS>" + inner + "</SSE-KMS>")
}

// TestUpdateObjectEncryption follows API_UpdateObjectEncryption: an SSE-S3
// object moves to SSE-KMS with the owner's key and keeps its body and
// ETag; each refusal the page lists answers its message.
func TestUpdateObjectEncryption(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "enc")
	e.must(a, treq{method: "PUT", target: "/locked", header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200)
	const (
		ownKey   = "arn:aws:kms:us-east-1:" + acctA + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"
		otherKey = "arn:aws:kms:us-east-1:" + acctB + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"
		helloMD5 = `"5d41402abc4b2a76b9719d911017c592"`
	)
	update := func(target, body string) treq { return putMD5(target+"?encryption", body) }
	e.runLock(t, a, []lockStep{
		{"put v1", treq{method: "PUT", target: "/enc/k", body: "hello"}, 200, "", "", map[string]string{"x-amz-server-side-encryption": "AES256"}},
		{"no integrity header", treq{method: "PUT", target: "/enc/k?encryption", body: sseKMSTo(ownKey, "")}, 400, "InvalidRequest", "Missing required header for this request: Content-MD5 OR x-amz-checksum-*", nil},
		{"not XML", update("/enc/k", "<ObjectEncryption>"), 400, "MalformedXML", "", nil},
		{"no type", update("/enc/k", objectEncryption("")), 400, "InvalidRequest", msgUpdateEncryptionType, nil},
		{"to SSE-C", update("/enc/k", objectEncryption("<SSE-C/>")), 400, "InvalidRequest", msgUpdateEncryptionTarget, nil},
		{"no key", update("/enc/k", objectEncryption("<SSE-KMS/>")), 400, "InvalidRequest", msgUpdateEncryptionNoKey, nil},
		{"alias", update("/enc/k", sseKMSTo("alias/aws/s3", "")), 400, "InvalidRequest", msgUpdateEncryptionBadKey, nil},
		{"key id", update("/enc/k", sseKMSTo("1234abcd-12ab-34cd-56ef-1234567890ab", "")), 400, "InvalidRequest", msgUpdateEncryptionBadKey, nil},
		{"bucket key not boolean", update("/enc/k", sseKMSTo(ownKey, "yes")), 400, "InvalidRequest", msgUpdateEncryptionBoolean, nil},
		{"another account's key", update("/enc/k", sseKMSTo(otherKey, "")), 403, "AccessDenied", msgUpdateEncryptionAccount, nil},
		{"no such key", update("/enc/none", sseKMSTo(ownKey, "")), 404, "NoSuchKey", "", nil},
		{"own key", update("/enc/k", sseKMSTo(ownKey, "true")), 200, "", "", nil},
		{"head after", treq{method: "HEAD", target: "/enc/k"}, 200, "", "", map[string]string{
			"x-amz-server-side-encryption": "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id": ownKey,
			"x-amz-server-side-encryption-bucket-key-enabled": "true", "ETag": helloMD5}},
		{"bucket key off again", update("/enc/k", sseKMSTo(ownKey, "false")), 200, "", "", nil},
		{"head without bucket key", treq{method: "HEAD", target: "/enc/k"}, 200, "", "", map[string]string{
			"x-amz-server-side-encryption": "aws:kms", "x-amz-server-side-encryption-bucket-key-enabled": ""}},
		{"put DSSE", treq{method: "PUT", target: "/enc/d", body: "x", header: map[string]string{"x-amz-server-side-encryption": "aws:kms:dsse"}}, 200, "", "", nil},
		{"DSSE source", update("/enc/d", sseKMSTo(ownKey, "")), 400, "InvalidRequest", msgUpdateEncryptionSource, nil},
		{"put held", putMD5("/locked/h", "x", "x-amz-object-lock-legal-hold", "ON"), 200, "", "", nil},
		{"held by Object Lock", update("/locked/h", sseKMSTo(ownKey, "")), 403, "AccessDenied", msgUpdateEncryptionLocked, nil},
		{"put retained", putMD5("/locked/r", "x", "x-amz-object-lock-mode", "COMPLIANCE", "x-amz-object-lock-retain-until-date", future), 200, "", "", nil},
		{"retained by Object Lock", update("/locked/r", sseKMSTo(ownKey, "")), 403, "AccessDenied", msgUpdateEncryptionLocked, nil},
	})
	if w := e.must(a, treq{method: "GET", target: "/enc/k"}, 200); w.Body.String() != "hello" {
		t.Errorf("body after the update %q, want hello", w.Body)
	}
}

// TestUpdateObjectEncryptionNeedsPutObject: the page names two
// permissions, s3:UpdateObjectEncryption and s3:PutObject; either alone
// is refused.
func TestUpdateObjectEncryptionNeedsPutObject(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "enc")
	e.must(a, treq{method: "PUT", target: "/enc/k", body: "hello"}, 200)
	allow := func(action string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"` + action + `","Resource":"arn:aws:s3:::enc/*"}]}`
	}
	key := "arn:aws:kms:us-east-1:" + acctA + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"
	tests := []struct {
		name    string
		actions []string
		status  int
	}{
		{"update only", []string{"s3:UpdateObjectEncryption"}, 403},
		{"put only", []string{"s3:PutObject"}, 403},
		{"both", []string{"s3:UpdateObjectEncryption", "s3:PutObject"}, 200},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var policies []string
			for _, action := range tc.actions {
				policies = append(policies, allow(action))
			}
			u := e.user(acctA, "u"+string(rune('a'+i)), policies...)
			e.must(u, putMD5("/enc/k?encryption", sseKMSTo(key, "")), tc.status)
		})
	}
}
