package s3

import (
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// A bucket whose owner account Organizations closed (store.Tx.CloseAccount)
// is disabled: AWS keeps a closed account's resources for 90 days, during
// which "the resources won't be available" (API_CloseAccount), and S3
// answers a disabled bucket 403 AllAccessDisabled "All access to this
// object has been disabled", signed or not (recorded from AWS for
// ListObjectsV2 in planet-os/notebooks#26, 2024; the code is in the S3
// API reference's error code list). Every request to such a bucket, and
// every copy from one, gets that answer before anything else is read or
// written. While no account is closed the check is one atomic load.

// errAllAccessDisabled is S3's answer for a disabled bucket.
func errAllAccessDisabled() *awserr.Error {
	return awserr.New("AllAccessDisabled", http.StatusForbidden, "All access to this object has been disabled")
}

// disabledBucket refuses a request to a bucket (or through an access
// point) that a closed account owns.
func (h *Handler) disabledBucket(rq *req) error {
	if rq.bucket == "" || !h.db.AnyAccountClosed() {
		return nil
	}
	if ap := rq.accessPoint; ap != nil && (h.db.AccountClosed(ap.Account) || h.db.AccountClosed(ap.BucketAccount)) {
		return errAllAccessDisabled()
	}
	owner, err := h.bucketOwner(rq)
	if err != nil {
		return err
	}
	if owner != "" && h.db.AccountClosed(owner) {
		return errAllAccessDisabled()
	}
	return nil
}

// bucketOwner is the account that owns rq's bucket, "" when there is no
// such bucket: from the bucket cache when it holds the bucket, else only
// the record's owner field.
func (h *Handler) bucketOwner(rq *req) (string, error) {
	if b := h.buckets.get(rq.bucket, h.generations()); b != nil {
		return b.Account, nil
	}
	var owner string
	err := h.db.View(rq.ctx, func(tx *store.Tx) error {
		var b struct{ Account string } // the owner is all this needs
		if tx.Get(store.Global, store.KindBucket, rq.bucket, &b) == nil {
			owner = b.Account
		}
		return nil
	})
	return owner, err
}
