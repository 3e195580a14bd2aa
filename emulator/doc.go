// Package emulator is the fakeaws HTTP server: one http.Handler serving IAM,
// STS and S3 on one address.
//
// For each request it assigns a request id, recovers panics into
// InternalError, answers the /_fakeaws/* admin endpoints (never behind
// SigV4, loopback only by default), authenticates the request (emulator/authn
// over emulator/sigv4), and dispatches it: the SigV4 credential scope's
// service first, then the Query API's Action parameter (IAM or STS), and S3
// REST for everything else. The services authorize through emulator/authz.
//
// It owns no AWS field names: those live in emulator/iam, emulator/sts and
// emulator/s3.
package emulator
