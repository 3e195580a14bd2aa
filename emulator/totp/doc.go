// Package totp computes and checks the time-based one-time passwords of
// IAM virtual MFA devices (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits).
// iam enables devices with two codes; sts checks the code of
// AssumeRole/GetSessionToken calls that pass a SerialNumber.
package totp
