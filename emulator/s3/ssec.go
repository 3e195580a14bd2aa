package s3

import (
	"crypto/md5"
	"encoding/base64"
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// SSE-C (customer-provided keys) on writes: fakeaws encrypts nothing and
// keeps no key (docs/deviations.md), but it refuses the headers as AWS
// refuses them, in AWS's order (LocalStack
// tests/aws/services/s3/test_s3.snapshot.json
// TestS3SSECEncryption::test_put_object_validation_sse_c, validated
// 2026-02-21). Every answer names x-amz-server-side-encryption.

const (
	hdrSSECAlgorithm = "X-Amz-Server-Side-Encryption-Customer-Algorithm"
	hdrSSECKey       = "X-Amz-Server-Side-Encryption-Customer-Key"
	hdrSSECKeyMD5    = "X-Amz-Server-Side-Encryption-Customer-Key-Md5"
	argSSE           = "x-amz-server-side-encryption"
)

// checkSSEC validates a write's SSE-C headers; nil when it sends neither
// the algorithm nor the key (two header lookups on every write).
func checkSSEC(r *http.Request) error {
	alg, key := r.Header.Get(hdrSSECAlgorithm), r.Header.Get(hdrSSECKey)
	if alg == "" && key == "" {
		return nil
	}
	if sse := r.Header.Get("X-Amz-Server-Side-Encryption"); sse != "" {
		return errInvalidArgument("Server Side Encryption with Customer provided key is incompatible with the encryption method specified", argSSE, sse)
	}
	if alg == "" {
		return errInvalidArgumentNamed("Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.", argSSE)
	}
	if alg != "AES256" {
		return awserr.New("InvalidEncryptionAlgorithmError", http.StatusBadRequest,
			"The Encryption request you specified is not valid. Supported value: AES256.").With("ArgumentName", argSSE).With("ArgumentValue", alg)
	}
	if key == "" {
		return errInvalidArgumentNamed("Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.", argSSE)
	}
	raw, err := base64.StdEncoding.DecodeString(key)
	if err != nil || len(raw) != 32 {
		return errInvalidArgumentNamed("The secret key was invalid for the specified algorithm.", argSSE)
	}
	sum := r.Header.Get(hdrSSECKeyMD5)
	if sum == "" {
		// Unrecorded; the wording follows the two messages above.
		return errInvalidArgumentNamed("Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.", argSSE)
	}
	if want := md5.Sum(raw); base64.StdEncoding.EncodeToString(want[:]) != sum {
		return errInvalidArgumentNamed("The calculated MD5 hash of the key did not match the hash that was provided.", argSSE)
	}
	return nil
}
