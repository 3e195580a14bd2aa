package authn

import (
	"context"
	"errors"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/sigv4"
)

// ResolveKey returns the caller an access key acts as and its signing key
// (secret and, for temporary credentials, session token), resolved exactly
// as Authenticate resolves the key of a signed request. S3 browser POST
// uploads use it: their signature is in the form body, where Authenticate
// cannot see it. Errors are *awserr.Error values (InvalidAccessKeyId,
// ExpiredToken) ready to render. token is the form's x-amz-security-token
// ("" for long-term keys): a session's credentials live only there.
func (a *Authenticator) ResolveKey(ctx context.Context, accessKeyID, token string) (Caller, sigv4.Key, error) {
	var c Caller
	var stored bool
	key, err := a.resolve(ctx, "s3", accessKeyID, token, &c, &stored)
	if errors.Is(err, errTokenRefused) {
		// A token without a session token's form: 400 InvalidToken
		// echoing it in Token-0, as AWS answers a malformed form token
		// (justincormack/argmin guides/aws-compatibility.md, POST
		// Object slice, 2026-07-14).
		e := invalidToken("s3").(*awserr.Error)
		e.Fields = append(e.Fields, [2]string{"Token-0", token})
		return Caller{}, sigv4.Key{}, e
	}
	if err != nil {
		return Caller{}, sigv4.Key{}, err
	}
	c.AccessKeyID = accessKeyID
	return c, key, nil
}
