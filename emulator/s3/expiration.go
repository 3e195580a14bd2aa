package s3

import (
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// expirationHeader is the x-amz-expiration S3 answers for object o in
// bucket b: the earliest Expiration of the bucket's enabled lifecycle
// rules whose filter selects o (the first such rule on a tie), as
// `expiry-date="Fri, 23 Dec 2012 00:00:00 GMT", rule-id="id"`; "" when no
// rule expires it. A Days rule expires the object at the first midnight UTC
// at least that many days after its creation
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html,
// x-amz-expiration; localstack test_s3.snapshot.json TestS3BucketLifecycle::
// test_bucket_lifecycle_multiple_rules, _tag_rules, _object_size_rules).
// Lifecycle never runs here: the header only says when AWS would expire o.
func expirationHeader(b *bucketState, o *store.S3Object) string {
	if o == nil || o.DeleteMarker {
		return ""
	}
	when, id := earliestRule(b, o, func(r *lifecycleRule) (time.Time, bool) {
		if r.Expiration == nil {
			return time.Time{}, false
		}
		return expiryOf(r.Expiration, o.Modified)
	})
	if id == "" {
		return ""
	}
	return `expiry-date="` + when.Format(http.TimeFormat) + `", rule-id="` + id + `"`
}

// earliestRule is the earliest time at gives for one of bucket b's enabled
// lifecycle rules whose filter selects o (the first such rule on a tie),
// and that rule's id; "" when no rule gives one (at answers false for a
// rule without the action asked about).
func earliestRule(b *bucketState, o *store.S3Object, at func(r *lifecycleRule) (time.Time, bool)) (time.Time, string) {
	var when time.Time
	id := ""
	if b.Lifecycle == "" {
		return when, id
	}
	var cfg lifecycleConfiguration
	if err := xml.Unmarshal([]byte(b.Lifecycle), &cfg); err != nil {
		return when, id
	}
	for i := range cfg.Rules {
		r := &cfg.Rules[i]
		if r.Status != "Enabled" || !lifecycleSelects(r, o) {
			continue
		}
		if t, ok := at(r); ok && (id == "" || t.Before(when)) {
			when, id = t, r.ID
		}
	}
	return when, id
}

// expiryOf is when an Expiration action expires an object created at
// created.
func expiryOf(e *lcExpiration, created time.Time) (time.Time, bool) {
	switch {
	case e.Days != nil:
		t := created.UTC().AddDate(0, 0, *e.Days)
		midnight := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		if midnight.Before(t) {
			midnight = midnight.AddDate(0, 0, 1)
		}
		return midnight, true
	case e.Date != "":
		t, err := time.Parse(time.RFC3339, e.Date)
		return t.UTC(), err == nil
	}
	return time.Time{}, false
}

// lifecycleSelects reports whether rule r's filter (or legacy Prefix)
// selects o: key prefix, every tag, and object size bounds (exclusive).
func lifecycleSelects(r *lifecycleRule, o *store.S3Object) bool {
	if r.Prefix != nil {
		return strings.HasPrefix(o.Key, *r.Prefix)
	}
	f := r.Filter
	if f == nil {
		return true
	}
	if f.And != nil {
		return prefixOK(f.And.Prefix, o) && sizeOK(f.And.ObjectSizeGreaterThan, f.And.ObjectSizeLessThan, o) && tagsOK(f.And.Tags, o)
	}
	var tags []lcTag
	if f.Tag != nil {
		tags = []lcTag{*f.Tag}
	}
	return prefixOK(f.Prefix, o) && sizeOK(f.ObjectSizeGreaterThan, f.ObjectSizeLessThan, o) && tagsOK(tags, o)
}

func prefixOK(p *string, o *store.S3Object) bool { return p == nil || strings.HasPrefix(o.Key, *p) }

func sizeOK(gt, lt *int64, o *store.S3Object) bool {
	return (gt == nil || o.Size > *gt) && (lt == nil || o.Size < *lt)
}

func tagsOK(want []lcTag, o *store.S3Object) bool {
	for _, w := range want {
		found := false
		for _, t := range o.Tags {
			if t.Key == w.Key && t.Value == w.Value {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// setAbortHeaders sets x-amz-abort-date and x-amz-abort-rule-id on res for
// an upload of key initiated at initiated in bucket b: the earliest
// AbortIncompleteMultipartUpload of the bucket's enabled rules whose
// filter selects the key, at the first midnight UTC at least
// DaysAfterInitiation days after the initiation; none when no rule aborts
// it. CreateMultipartUpload and ListParts answer them (justincormack/argmin
// crates/s3-tests/tests/lifecycle.rs
// test_create_multipart_upload_and_list_parts_report_abort_headers and
// ..._skip_abort_headers_for_nonmatching_key, asserted against AWS S3,
// 2026). Lifecycle never runs here: the upload is never aborted.
func setAbortHeaders(res *result, b *bucketState, key string, initiated time.Time) {
	when, id := earliestRule(b, &store.S3Object{Key: key}, func(r *lifecycleRule) (time.Time, bool) {
		a := r.AbortIncompleteMultipartUpload
		if a == nil || a.DaysAfterInitiation == nil {
			return time.Time{}, false
		}
		t, _ := expiryOf(&lcExpiration{Days: a.DaysAfterInitiation}, initiated)
		return t, true
	})
	if id != "" {
		res.set("X-Amz-Abort-Date", when.Format(http.TimeFormat))
		res.set("X-Amz-Abort-Rule-Id", id)
	}
}
