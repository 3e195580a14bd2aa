// Package sessiontoken issues and opens self-contained STS session
// credentials, so issuing a session costs no store write.
//
// A session (store.Session: the principal's unique id, role ARN, session
// name, session policies, tags, source identity, issue and expiry times) is
// written in a compact binary encoding (see encoding.go) and sealed with
// AES-256-GCM under a server key kept in the store, with the access key id
// as additional data. The server key outlives restarts, so tokens of the
// earlier format (version 1, the session as JSON) still open. The sealed
// blob, base64 encoded, is the session token; AWS's own tokens are opaque
// blobs too. The secret access key is an HMAC of the access key id and the
// token's nonce under a second server key, so it is derived, never stored.
// The access key id (ASIA...) embeds the account id the way AWS's do, so
// GetAccessKeyInfo answers without the token.
//
// # Caveats
//
// Nothing records a session: a session cannot be listed, and it stays
// valid until it expires unless what it acts as changes (a deleted or
// re-created role or user, a policy with aws:TokenIssueTime), which the
// callers check on every request. Reset removes the server key, so every
// earlier token stops opening.
package sessiontoken
