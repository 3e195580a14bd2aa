package sts

import (
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/emulator/totp"
)

// mfaValid reports whether code is a current one-time password of device d
// and d is the caller's own enabled device (an IAM user's, or the root
// user's for root callers). Codes are checked by totp.Verify (RFC 6238,
// one step of clock skew either way).
func mfaValid(d *store.MFADevice, caller *authn.Caller, code string, now time.Time) bool {
	if d == nil || d.EnableDate == nil {
		return false
	}
	switch {
	case caller.Session != nil && caller.Session.RoleARN != "":
		return false // roles have no MFA devices
	case caller.Root():
		if !d.EnabledForRoot(caller.Account) {
			return false
		}
	case !d.EnabledFor(caller.UserName):
		return false
	}
	return totp.Verify(d.Seed, code, now)
}
