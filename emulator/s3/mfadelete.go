package s3

// MFA delete (User Guide, "Configuring MFA delete"; API_PutBucketVersioning
// and API_DeleteObject, x-amz-mfa): on a bucket whose versioning
// configuration has MfaDelete Enabled, deleting an object version (a
// delete marker too) and changing the versioning state need the bucket
// owner's root user and a current code of its MFA device, sent as
// x-amz-mfa "SERIAL CODE"; enabling MFA delete needs them as well.
// Answers as AWS gave them (quoted by users of the AWS CLI):
//   - no x-amz-mfa: 403 AccessDenied "Mfa Authentication must be used for
//     this request" (DeleteObject of a version or a delete marker, and
//     PutBucketVersioning enabling MfaDelete: aws-samples and user reports
//     collected in docs/deviations.md, S3);
//   - x-amz-mfa from anyone but the bucket owner's root user: 403
//     AccessDenied "This operation may only be performed by the bucket
//     owner";
//   - x-amz-mfa not "SERIAL CODE": 400 InvalidArgument "Mfa header is
//     invalid -- the header should be formatted as
//     {serialNumber}(space){tokenCode}" naming the header and its value
//     (iterate-ch/cyberduck#16267).
// A code that is not the device's current one, or a serial naming no
// enabled root device, is answered as no MFA at all (AWS's answer is not
// recorded).

import (
	"errors"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/emulator/totp"
)

const mfaHeader = "X-Amz-Mfa"

func errMFARequired() error {
	return awserr.AccessDenied("Mfa Authentication must be used for this request")
}

// mfaDeleteOn reports whether b has MFA delete enabled.
func mfaDeleteOn(b *store.Bucket) bool { return b.MFADelete == "Enabled" }

// sentMFA reports whether the request carries x-amz-mfa.
func (rq *req) sentMFA() bool {
	_, ok := rq.r.Header[mfaHeader]
	return ok
}

// checkMFA holds the request's x-amz-mfa to MFA delete's rules for a
// bucket of account owner, reading the device in tx. It returns nil when
// the header names an enabled MFA device of owner's root user, the caller
// is that root user and the code is current.
func (h *Handler) checkMFA(rq *req, tx *store.Tx, owner string) error {
	v, ok := rq.r.Header[mfaHeader]
	if !ok || len(v) == 0 {
		return errMFARequired()
	}
	serial, code, ok := strings.Cut(strings.TrimSpace(v[0]), " ")
	if !ok || serial == "" || strings.TrimSpace(code) == "" {
		return awserr.New("InvalidArgument", http.StatusBadRequest,
			"Mfa header is invalid -- the header should be formatted as {serialNumber}(space){tokenCode}").
			With("ArgumentName", "x-amz-mfa").With("ArgumentValue", v[0])
	}
	caller := &rq.info.Caller
	if !caller.Root() || caller.Account != owner {
		return awserr.AccessDenied("This operation may only be performed by the bucket owner")
	}
	var d store.MFADevice
	if err := tx.Get(owner, store.KindMFADevice, serial, &d); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return errMFARequired()
		}
		return err
	}
	if !d.EnabledForRoot(owner) || !totp.Verify(d.Seed, strings.TrimSpace(code), h.now()) {
		return errMFARequired()
	}
	return nil
}

// checkMFAOutside is checkMFA in a read transaction of its own.
func (h *Handler) checkMFAOutside(rq *req, owner string) error {
	return h.db.View(rq.ctx, func(tx *store.Tx) error { return h.checkMFA(rq, tx, owner) })
}
