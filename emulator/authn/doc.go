// Package authn turns an authenticated request into a Caller: who is
// asking, in which account, with which credentials.
//
// It owns the mapping from access keys to principals (12-digit keys are an
// account's root, "test" is account 000000000000, AKIA keys belong to IAM
// users, ASIA keys to sessions) and the per-request facts that condition keys
// need (source IP, TLS, signature version, time). A key of an account
// Organizations closed (store.DB.AccountClosed) resolves to no caller: it
// is refused as an unknown key. Signature verification is
// emulator/sigv4's; deciding access is emulator/authz's.
package authn
