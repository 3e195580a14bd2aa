package s3

// Attribute-based access control of general purpose buckets:
// PutBucketAbac and GetBucketAbac (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAbac.html)
// and, while a bucket's ABAC is Enabled, its tags as the condition keys
// s3:BucketTag/KEY and aws:ResourceTag/KEY of every request on it. With
// ABAC off the keys are absent: an Allow on s3:BucketTag matches nothing
// and a Deny on it never applies (justincormack/argmin
// crates/s3-tests/tests/bucket_policy_abac.rs, asserted against AWS S3,
// 2026).

import (
	"encoding/xml"
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

const abacEnabled = "Enabled"

// PutBucketTagging and DeleteBucketTagging of a bucket with ABAC Enabled
// answer 400 BadRequest with these (justincormack/argmin
// crates/s3-tests/tests/bucket_admin_root.rs
// test_same_account_root_and_non_root_bucket_abac_admin, against AWS 2026).
const (
	msgABACPutTagging    = "This S3 general purpose bucket has attribute-based access control (ABAC) enabled. To add tags to this bucket, initiate a TagResource request. To delete tags from this bucket, initiate an UntagResource request."
	msgABACDeleteTagging = "This S3 general purpose bucket has attribute-based access control (ABAC) enabled. To delete tags from this bucket, initiate an UntagResource request."
)

func errABACTagging(msg string) *awserr.Error {
	return awserr.New("BadRequest", http.StatusBadRequest, msg)
}

// abacStatus is PutBucketAbac's body and GetBucketAbac's answer.
type abacStatus struct {
	XMLName xml.Name `xml:"AbacStatus"`
	NS      string   `xml:"xmlns,attr,omitempty"`
	Status  string   `xml:"Status"`
}

func (h *Handler) putBucketAbac(rq *req) (*result, error) {
	if _, err := h.bucketConfig(rq, "s3:PutBucketABAC"); err != nil {
		return nil, err
	}
	raw, err := readConfigBody(rq)
	if err != nil {
		return nil, err
	}
	var in abacStatus
	if err := xml.Unmarshal(raw, &in); err != nil || (in.Status != "Enabled" && in.Status != "Disabled") {
		return nil, errMalformedXML()
	}
	return nil, h.updateBucket(rq, func(b *store.Bucket) error {
		b.ABAC = in.Status
		return nil
	})
}

// getBucketAbac answers the status; a bucket never set answers Disabled
// (bucket_admin_root.rs test_same_account_root_and_non_root_bucket_abac_admin).
func (h *Handler) getBucketAbac(rq *req) (*result, error) {
	b, err := h.bucketConfig(rq, "s3:GetBucketABAC")
	if err != nil {
		return nil, err
	}
	status := b.ABAC
	if status == "" {
		status = "Disabled"
	}
	return &result{xml: &abacStatus{NS: xmlns, Status: status}}, nil
}

// bucketTagConds adds the bucket's tags as s3:BucketTag/KEY and
// aws:ResourceTag/KEY to cond while the bucket's ABAC is Enabled, leaving
// keys the request already set; cond itself is not changed.
func bucketTagConds(b *store.Bucket, cond map[string][]string) map[string][]string {
	if b == nil || b.ABAC != abacEnabled || len(b.Tags) == 0 {
		return cond
	}
	out := make(map[string][]string, len(cond)+2*len(b.Tags))
	for _, t := range b.Tags {
		out["s3:BucketTag/"+t.Key] = []string{t.Value}
		out["aws:ResourceTag/"+t.Key] = []string{t.Value}
	}
	for k, v := range cond {
		out[k] = v
	}
	return out
}
