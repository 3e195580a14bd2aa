package s3

import (
	"encoding/xml"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Bucket lifecycle configuration: stored and validated, never executed
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html).

const codeNoSuchLifecycle = awserr.Code("NoSuchLifecycleConfiguration")

// transitionDefault is the x-amz-transition-default-minimum-object-size
// S3 reports for configurations that do not choose one.
const transitionDefault = "all_storage_classes_128K"

type lifecycleConfiguration struct {
	XMLName xml.Name        `xml:"LifecycleConfiguration"`
	NS      string          `xml:"xmlns,attr,omitempty"`
	Rules   []lifecycleRule `xml:"Rule"`
}

type lcTag struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

type lcAnd struct {
	Prefix                *string `xml:"Prefix"`
	Tags                  []lcTag `xml:"Tag"`
	ObjectSizeGreaterThan *int64  `xml:"ObjectSizeGreaterThan"`
	ObjectSizeLessThan    *int64  `xml:"ObjectSizeLessThan"`
}

type lcFilter struct {
	Prefix                *string `xml:"Prefix"`
	Tag                   *lcTag  `xml:"Tag"`
	ObjectSizeGreaterThan *int64  `xml:"ObjectSizeGreaterThan"`
	ObjectSizeLessThan    *int64  `xml:"ObjectSizeLessThan"`
	And                   *lcAnd  `xml:"And"`
}

type lcExpiration struct {
	Date                      string `xml:"Date,omitempty"`
	Days                      *int   `xml:"Days"`
	ExpiredObjectDeleteMarker *bool  `xml:"ExpiredObjectDeleteMarker"`
}

type lcTransition struct {
	Date         string `xml:"Date,omitempty"`
	Days         *int   `xml:"Days"`
	StorageClass string `xml:"StorageClass"`
}

type lcNoncurrentTransition struct {
	NoncurrentDays          *int   `xml:"NoncurrentDays"`
	StorageClass            string `xml:"StorageClass"`
	NewerNoncurrentVersions *int   `xml:"NewerNoncurrentVersions"`
}

type lcNoncurrentExpiration struct {
	NoncurrentDays          *int `xml:"NoncurrentDays"`
	NewerNoncurrentVersions *int `xml:"NewerNoncurrentVersions"`
}

type lcAbort struct {
	DaysAfterInitiation *int `xml:"DaysAfterInitiation"`
}

// lifecycleRule is one Rule. Its fields are in the order
// GetBucketLifecycleConfiguration answers them (ID, Filter, Status, then
// the actions; argmin lifecycle.rs
// test_bucket_lifecycle_raw_get_returns_canonical_xml, against AWS S3,
// 2026); Transition before Expiration as the S3 API reference's examples
// have them.
type lifecycleRule struct {
	ID                             string                   `xml:"ID,omitempty"`
	Prefix                         *string                  `xml:"Prefix"`
	Filter                         *lcFilter                `xml:"Filter"`
	Status                         string                   `xml:"Status"`
	Transitions                    []lcTransition           `xml:"Transition"`
	Expiration                     *lcExpiration            `xml:"Expiration"`
	NoncurrentVersionTransitions   []lcNoncurrentTransition `xml:"NoncurrentVersionTransition"`
	NoncurrentVersionExpiration    *lcNoncurrentExpiration  `xml:"NoncurrentVersionExpiration"`
	AbortIncompleteMultipartUpload *lcAbort                 `xml:"AbortIncompleteMultipartUpload"`
}

var transitionClasses = map[string]bool{"GLACIER": true, "STANDARD_IA": true, "ONEZONE_IA": true,
	"INTELLIGENT_TIERING": true, "DEEP_ARCHIVE": true, "GLACIER_IR": true}

// lifecycleDate checks an ISO 8601 date at midnight UTC and returns it as
// S3 echoes it (2030-01-01T00:00:00.000Z); parsed is false when s is no
// ISO 8601 date at all.
func lifecycleDate(s string) (echo string, parsed, midnight bool) {
	for _, layout := range []string{"2006-01-02", time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			t = t.UTC()
			ok := t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
			return t.Format(timeFormatXML), true, ok
		}
	}
	return "", false, false
}

// parseLifecycle decodes and validates a LifecycleConfiguration body and
// returns it normalized for storage.
func parseLifecycle(raw []byte) (*lifecycleConfiguration, error) {
	var in lifecycleConfiguration
	if err := xml.Unmarshal(raw, &in); err != nil {
		return nil, errMalformedXML()
	}
	if len(in.Rules) == 0 || len(in.Rules) > 1000 {
		return nil, errMalformedXML()
	}
	ids := map[string]bool{}
	filters, prefixes := false, false
	for i := range in.Rules {
		if err := checkLifecycleRule(&in.Rules[i], ids); err != nil {
			return nil, err
		}
		filters = filters || in.Rules[i].Filter != nil
		prefixes = prefixes || in.Rules[i].Prefix != nil
	}
	if filters && prefixes {
		// justincormack/argmin crates/s3-tests/tests/lifecycle.rs
		// test_put_bucket_lifecycle_rejects_mixed_filter_and_legacy_prefix
		// (asserted against AWS S3, 2026).
		return nil, errInvalidRequest("Base level prefix cannot be used in Lifecycle V2, prefixes are only supported in the Filter.")
	}
	return &in, nil
}

// checkLifecycleRule validates rule r and normalizes it (echoed dates, a
// generated ID when it has none); ids holds the IDs of the rules before it.
// The checks run in S3's order, so the first error is the one S3 reports.
func checkLifecycleRule(r *lifecycleRule, ids map[string]bool) error {
	if len(r.ID) > 255 {
		return errInvalidArgument("ID length should not exceed allowed limit of 255", "", "")
	}
	if r.ID != "" {
		if ids[r.ID] {
			return errInvalidArgument("Rule ID must be unique. Found same ID for more than one rule", "", "")
		}
		ids[r.ID] = true
	}
	if r.Status != "Enabled" && r.Status != "Disabled" {
		return errMalformedXML()
	}
	if (r.Filter != nil) == (r.Prefix != nil) {
		return errMalformedXML()
	}
	// A rule-level (V1) Prefix has the Filter prefix's limit
	// (scality/cloudserver putBucketLifecycle.js in its AWS mode).
	if err := checkLifecycleLimits(r.Prefix, nil); err != nil {
		return err
	}
	hasTags, hasSize, err := checkLifecycleFilter(r.Filter)
	if err != nil {
		return err
	}
	if r.Expiration == nil && len(r.Transitions) == 0 && len(r.NoncurrentVersionTransitions) == 0 &&
		r.NoncurrentVersionExpiration == nil && r.AbortIncompleteMultipartUpload == nil {
		return errInvalidRequest("At least one action needs to be specified in a rule")
	}
	if err := checkLifecycleExpiration(r.Expiration, hasTags); err != nil {
		return err
	}
	if err := checkLifecycleTransitions(r.Transitions); err != nil {
		return err
	}
	if err := checkLifecycleNoncurrent(r.NoncurrentVersionTransitions, r.NoncurrentVersionExpiration); err != nil {
		return err
	}
	if a := r.AbortIncompleteMultipartUpload; a != nil {
		if a.DaysAfterInitiation == nil || *a.DaysAfterInitiation <= 0 {
			return errInvalidArgument("'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer", "", "")
		}
		if hasTags {
			return errInvalidRequest("AbortIncompleteMultipartUpload cannot be specified with Tags.")
		}
		if hasSize {
			// justincormack/argmin lifecycle.rs
			// test_put_bucket_lifecycle_rejects_abort_incomplete_multipart_with_size_filter
			// (asserted against AWS S3, 2026).
			return errInvalidRequest("AbortIncompleteMultipartUpload cannot be specified with Object Size.")
		}
	}
	if r.ID == "" {
		// S3 names unnamed rules with a generated id.
		r.ID = newVersionID()[:20]
	}
	return nil
}

// checkLifecycleFilter validates a rule's Filter (nil when the rule has a
// Prefix instead): at most one condition outside And, two or more inside
// it, the limits of its prefix and tags, and a size range that is not
// empty. It reports whether the filter selects by tags and by object size.
func checkLifecycleFilter(f *lcFilter) (hasTags, hasSize bool, err error) {
	if f == nil {
		return false, false, nil
	}
	n := 0
	for _, set := range []bool{f.Prefix != nil, f.Tag != nil, f.And != nil,
		f.ObjectSizeGreaterThan != nil, f.ObjectSizeLessThan != nil} {
		if set {
			n++
		}
	}
	if n > 1 || (f.And != nil && f.And.predicates() < 2) {
		return false, false, errMalformedXML()
	}
	hasTags = f.Tag != nil || (f.And != nil && len(f.And.Tags) > 0)
	hasSize = f.ObjectSizeGreaterThan != nil || f.ObjectSizeLessThan != nil ||
		(f.And != nil && (f.And.ObjectSizeGreaterThan != nil || f.And.ObjectSizeLessThan != nil))
	tags, prefix := f.And.tags(f.Tag), f.Prefix
	if f.And != nil {
		prefix = f.And.Prefix
	}
	if err := checkLifecycleLimits(prefix, tags); err != nil {
		return false, false, err
	}
	if a := f.And; a != nil {
		seen := map[string]bool{}
		for _, t := range a.Tags {
			if seen[t.Key] {
				// localstack test_s3.snapshot.json TestS3BucketLifecycle::
				// test_put_bucket_lifecycle_conf_exc, duplicate-tag-keys.
				return false, false, errInvalidRequest("Duplicate Tag Keys are not allowed.")
			}
			seen[t.Key] = true
		}
		if a.ObjectSizeGreaterThan != nil && a.ObjectSizeLessThan != nil && *a.ObjectSizeLessThan <= *a.ObjectSizeGreaterThan {
			// justincormack/argmin lifecycle.rs
			// test_put_bucket_lifecycle_rejects_invalid_object_size_range
			// (asserted against AWS S3, 2026).
			return false, false, errInvalidRequest("'ObjectSizeLessThan' has to be a value greater than 'ObjectSizeGreaterThan'.")
		}
	}
	return hasTags, hasSize, nil
}

// predicates counts the conditions in an And: its Prefix, each Tag and
// each size bound. An And is for "two or more predicates"
// (API_LifecycleRuleAndOperator); AWS refuses one holding a Prefix alone
// as MalformedXML (hashicorp/terraform-provider-aws#23882, "providing
// filter "and" clause with only "prefix" causes MalformedXML error").
func (a *lcAnd) predicates() int {
	n := len(a.Tags)
	for _, set := range []bool{a.Prefix != nil, a.ObjectSizeGreaterThan != nil, a.ObjectSizeLessThan != nil} {
		if set {
			n++
		}
	}
	return n
}

// tags is the filter's tags: And's (a nil And has none) and tag's.
func (a *lcAnd) tags(tag *lcTag) []lcTag {
	var out []lcTag
	if a != nil {
		out = append(out, a.Tags...)
	}
	if tag != nil {
		out = append(out, *tag)
	}
	return out
}

// checkLifecycleLimits refuses a filter prefix over 1024 bytes and a tag
// key or value over 128 or 256 characters, as AWS answers
// (justincormack/argmin lifecycle.rs
// test_put_bucket_lifecycle_rejects_prefix_over_1024_bytes,
// test_put_bucket_lifecycle_rejects_tag_key_over_128_chars and
// test_put_bucket_lifecycle_rejects_tag_value_over_256_chars, 2026).
func checkLifecycleLimits(prefix *string, tags []lcTag) error {
	if prefix != nil && len(*prefix) > 1024 {
		return errInvalidRequest("The maximum size of a prefix is 1024")
	}
	for _, t := range tags {
		if n := utf8.RuneCountInString(t.Key); n < 1 || n > 128 {
			return errInvalidRequest("A Tag's Key must be a length between 1 and 128.")
		}
		if utf8.RuneCountInString(t.Value) > 256 {
			return errInvalidRequest("A Tag's Value must be a length between 0 and 256.")
		}
	}
	return nil
}

// checkLifecycleExpiration validates a rule's Expiration (nil when it has
// none) and normalizes its Date; hasTags is whether the rule filters by
// tags.
func checkLifecycleExpiration(e *lcExpiration, hasTags bool) error {
	if e == nil {
		return nil
	}
	set := 0
	for _, b := range []bool{e.Date != "", e.Days != nil, e.ExpiredObjectDeleteMarker != nil} {
		if b {
			set++
		}
	}
	if set == 0 {
		return errMalformedXML()
	}
	if e.ExpiredObjectDeleteMarker != nil && (e.Days != nil || e.Date != "") {
		// localstack test_s3.snapshot.json TestS3BucketLifecycle::
		// test_put_bucket_lifecycle_conf_exc, expired-delete-marker-and-days.
		return errMalformedXML()
	}
	if e.Days != nil && e.Date != "" {
		return errMalformedXML()
	}
	if e.Days != nil && *e.Days <= 0 {
		return errInvalidArgument("'Days' for Expiration action must be a positive integer", "", "")
	}
	if e.Date != "" {
		d, parsed, ok := lifecycleDate(e.Date)
		if !parsed {
			// justincormack/argmin lifecycle.rs
			// test_put_bucket_lifecycle_rejects_invalid_date (asserted
			// against AWS S3, 2026).
			return errMalformedXML()
		}
		if !ok {
			// localstack test_s3.snapshot.json TestS3BucketLifecycle::
			// test_put_bucket_lifecycle_conf_exc, wrong-data-no-midnight.
			return errInvalidArgument("'Date' must be at midnight GMT", "Date", e.Date)
		}
		e.Date = d
	}
	if e.ExpiredObjectDeleteMarker != nil && hasTags {
		return errInvalidRequest("ExpiredObjectDeleteMarker cannot be specified with Tags.")
	}
	return nil
}

// checkLifecycleTransitions validates a rule's Transitions and normalizes
// their Dates.
func checkLifecycleTransitions(ts []lcTransition) error {
	for i := range ts {
		t := &ts[i]
		if !transitionClasses[t.StorageClass] {
			return errMalformedXML()
		}
		if (t.Days == nil) == (t.Date == "") {
			return errMalformedXML()
		}
		if t.Days != nil {
			if *t.Days < 0 {
				return errInvalidArgument("'Days' in Transition action must be nonnegative", "", "")
			}
			if (t.StorageClass == "STANDARD_IA" || t.StorageClass == "ONEZONE_IA") && *t.Days < 30 {
				return errInvalidArgument("'Days' in Transition action must be greater than or equal to 30 for storageClass '"+t.StorageClass+"'", "", "")
			}
		}
		if t.Date != "" {
			d, _, ok := lifecycleDate(t.Date)
			if !ok {
				return errInvalidArgument("'Date' must be at midnight GMT", "Date", t.Date)
			}
			t.Date = d
		}
	}
	return nil
}

// checkLifecycleNoncurrent validates a rule's NoncurrentVersionTransitions
// and NoncurrentVersionExpiration (nil when it has none).
func checkLifecycleNoncurrent(ts []lcNoncurrentTransition, e *lcNoncurrentExpiration) error {
	for _, t := range ts {
		if !transitionClasses[t.StorageClass] || t.NoncurrentDays == nil {
			return errMalformedXML()
		}
		if *t.NoncurrentDays < 0 {
			return errInvalidArgument("'NoncurrentDays' in NoncurrentVersionTransition action must be nonnegative", "", "")
		}
	}
	// Without NoncurrentDays the element does not match the schema
	// (localstack test_s3.snapshot.json TestS3BucketLifecycle::
	// test_put_bucket_lifecycle_conf_exc, missing-noncurrent-version-expiration-data).
	if e != nil && e.NoncurrentDays == nil {
		return errMalformedXML()
	}
	if e != nil && *e.NoncurrentDays <= 0 {
		return errInvalidArgument("'NoncurrentDays' in NoncurrentVersionExpiration action must be a positive integer", "", "")
	}
	return nil
}

// putBucketLifecycleConfiguration serves PutBucketLifecycleConfiguration
// (and the older PutBucketLifecycle, which shares the subresource).
func (h *Handler) putBucketLifecycleConfiguration(rq *req) (*result, error) {
	if _, err := h.authorizedBucket(rq, "s3:PutLifecycleConfiguration"); err != nil {
		return nil, err
	}
	raw, err := readConfigBody(rq)
	if err != nil {
		return nil, err
	}
	if err := requireLifecycleIntegrity(rq.r, raw); err != nil {
		return nil, err
	}
	cfg, err := parseLifecycle(raw)
	if err != nil {
		return nil, err
	}
	size := rq.r.Header.Get("X-Amz-Transition-Default-Minimum-Object-Size")
	switch size {
	case "":
		size = transitionDefault
	case "all_storage_classes_128K", "varies_by_storage_class":
	default:
		// localstack test_s3.snapshot.json TestS3BucketLifecycle::
		// test_s3_transition_default_minimum_object_size, bad-value.
		return nil, errInvalidRequest("Invalid TransitionDefaultMinimumObjectSize found: " + size)
	}
	cfg.NS = xmlns
	doc, err := xml.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	res := &result{}
	res.set("X-Amz-Transition-Default-Minimum-Object-Size", size)
	return res, h.updateBucket(rq, func(b *store.Bucket) error {
		b.Lifecycle = size + "\n" + string(doc)
		return nil
	})
}

// getBucketLifecycleConfiguration serves GetBucketLifecycleConfiguration.
func (h *Handler) getBucketLifecycleConfiguration(rq *req) (*result, error) {
	b, err := h.authorizedBucket(rq, "s3:GetLifecycleConfiguration")
	if err != nil {
		return nil, err
	}
	if b.Lifecycle == "" {
		return nil, awserr.New(codeNoSuchLifecycle, http.StatusNotFound, "The lifecycle configuration does not exist").
			With("BucketName", rq.bucket)
	}
	size, doc, _ := strings.Cut(b.Lifecycle, "\n")
	res := &result{xml: rawXML(doc)}
	res.set("X-Amz-Transition-Default-Minimum-Object-Size", size)
	return res, nil
}

// deleteBucketLifecycle serves DeleteBucketLifecycle (authorized as
// s3:PutLifecycleConfiguration).
func (h *Handler) deleteBucketLifecycle(rq *req) (*result, error) {
	if _, err := h.authorizedBucket(rq, "s3:PutLifecycleConfiguration"); err != nil {
		return nil, err
	}
	return &result{status: http.StatusNoContent}, h.updateBucket(rq, func(b *store.Bucket) error {
		b.Lifecycle = ""
		return nil
	})
}

// rawXML is an already-encoded XML document written as the response body.
type rawXML string
