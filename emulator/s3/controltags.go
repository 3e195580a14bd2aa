package s3

// S3 Control's resource tagging of general purpose buckets: TagResource,
// UntagResource and ListTagsForResource at /v20180820/tags/{ARN}. They act
// on the bucket's one tag set (the one Get/PutBucketTagging read and
// write) and answer in S3 Control's envelope. What AWS answers is recorded
// in justincormack/argmin guides/aws-compatibility.md (routing-boundary and
// operation-body slices, 2026-07-15) and its AWS-backed
// crates/s3-tests/tests/bucket_policy_abac.rs; the messages are the S3
// error-code list's (ErrorResponses.html, "List of Amazon S3 Control error
// codes": InvalidTag, NoSuchResource, TooManyTags).

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/aws/aws-sdk-go-v2/aws/arn"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// controlTagsPrefix is the path of S3 Control's resource tagging.
const controlTagsPrefix = "/v20180820/tags/"

// S3 Control's InvalidTag messages (its error-code list, and recorded
// against AWS in argmin's bucket_policy_abac.rs).
const (
	msgControlInvalidTag   = "This request contains a tag key or value that isn't valid. Valid characters include the following: [a-zA-Z+-=._:/]. Tag keys can contain up to 128 characters. Tag values can contain up to 256 characters."
	msgControlDuplicateTag = "There are duplicate tag keys in your request. Remove the duplicate tag keys and try again."
	msgControlReservedTag  = `User-defined tag keys can't start with "aws:". This prefix is reserved for system tags. Remove "aws:" from your tag keys and try again.`
	msgControlNoTag        = "At least one tag is required."
)

// resourceTags serves TagResource (POST), UntagResource (DELETE) and
// ListTagsForResource (GET) of the bucket the path's ARN names.
func (h *Handler) resourceTags(rq *req) (*result, error) {
	action := map[string]string{http.MethodGet: "s3:ListTagsForResource",
		http.MethodPost: "s3:TagResource", http.MethodDelete: "s3:UntagResource"}[rq.r.Method]
	if action == "" && rq.r.Method == http.MethodOptions && rq.r.Header.Get("Origin") != "" {
		// A CORS preflight: S3 Control has no CORS, and answers so for a
		// bucket that exists or not (argmin s3_control.rs, against AWS).
		return nil, awserr.New("AccessForbidden", http.StatusForbidden, "CORSResponse: Bucket not found").
			With("Method", rq.r.Header.Get("Access-Control-Request-Method")).With("ResourceType", "BUCKET")
	}
	if action == "" {
		e := errMethodNotAllowed(rq.r.Method, "BUCKET_TAGS")
		e.Header = http.Header{"Allow": {"DELETE, POST, GET"}}
		return nil, e
	}
	if err := controlBucket(rq); err != nil {
		return nil, err
	}
	describe(rq.r, rq, strings.TrimPrefix(action, "s3:"))
	if action == "s3:UntagResource" && !rq.q.Has("tagKeys") {
		// Recorded: refused before the signature's service and HMAC.
		return nil, errInvalidTag(msgControlInvalidTag)
	}
	b, err := h.bucket(rq)
	if awsErr, ok := awserr.As(err); ok && awsErr.Code == codeNoSuchBucket {
		return nil, awserr.New("NoSuchResource", http.StatusNotFound, "The specified resource doesn't exist.")
	} else if err != nil {
		return nil, err
	}
	switch action {
	case "s3:ListTagsForResource":
		return h.listTagsForResource(rq, b)
	case "s3:TagResource":
		return h.tagResource(rq, b)
	}
	return h.untagResource(rq, b)
}

// controlBucket sets rq's bucket to the one the path's ARN names: a general
// purpose bucket's ARN, arn:PARTITION:s3:::NAME. Anything else is
// InvalidURI naming the path after the version, decoded once (recorded).
func controlBucket(rq *req) error {
	rest := strings.TrimPrefix(rq.r.URL.Path, "/v20180820/")
	a, err := arn.Parse(strings.TrimPrefix(rq.r.URL.Path, controlTagsPrefix))
	if err != nil || a.Service != "s3" || a.Region != "" || a.AccountID != "" || a.Resource == "" || strings.Contains(a.Resource, "/") {
		return awserr.New("InvalidURI", http.StatusBadRequest, "Couldn't parse the specified URI.").With("URI", rest)
	}
	rq.bucket, rq.key = a.Resource, ""
	return nil
}

// listTagsForResource serves ListTagsForResource: the bucket's tags, with
// no Content-Type (recorded).
func (h *Handler) listTagsForResource(rq *req, b *bucketState) (*result, error) {
	if err := h.authorize(rq, b, check{action: "s3:ListTagsForResource", resource: rq.bucketARN()}); err != nil {
		return nil, err
	}
	return &result{xml: listTagsXML(b.Tags), noContentType: true}, nil
}

// listTagsXML is ListTagsForResource's answer, written by hand: an empty
// tag set is <Tags/> (recorded), which encoding/xml does not write.
func listTagsXML(tags []store.Tag) rawXML {
	var b bytes.Buffer
	b.WriteString(`<ListTagsForResourceResult xmlns="` + s3ControlNS + `">`)
	if len(tags) == 0 {
		b.WriteString("<Tags/>")
	} else {
		b.WriteString("<Tags>")
		for _, t := range tags {
			b.WriteString("<Tag><Key>")
			xmlText(&b, t.Key)
			b.WriteString("</Key><Value>")
			xmlText(&b, t.Value)
			b.WriteString("</Value></Tag>")
		}
		b.WriteString("</Tags>")
	}
	b.WriteString("</ListTagsForResourceResult>")
	return rawXML(b.String())
}

// tagResource serves TagResource: the tags sent are added to the bucket's,
// replacing the values of keys it has; 204.
func (h *Handler) tagResource(rq *req, b *bucketState) (*result, error) {
	raw, err := readWholeBody(rq, maxXMLBody)
	if err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return nil, awserr.New("MissingRequestBodyError", http.StatusBadRequest, "Request Body is empty")
	}
	var in struct {
		XMLName xml.Name
		Tags    *struct {
			Tag []struct {
				Key   *string `xml:"Key"`
				Value *string `xml:"Value"`
			} `xml:"Tag"`
		} `xml:"Tags"`
	}
	if err := readXML(bytes.NewReader(raw), &in); err != nil {
		return nil, err
	}
	if in.XMLName.Local != "TagResourceRequest" || in.Tags == nil || len(in.Tags.Tag) == 0 {
		return nil, errInvalidTag(msgControlNoTag)
	}
	tags := make([]store.Tag, 0, len(in.Tags.Tag))
	for _, t := range in.Tags.Tag {
		if t.Key == nil || t.Value == nil {
			return nil, errMalformedXML()
		}
		tags = append(tags, store.Tag{Key: *t.Key, Value: *t.Value})
	}
	if err := validateControlTags(tags); err != nil {
		return nil, err
	}
	if err := h.authorize(rq, b, check{action: "s3:TagResource", resource: rq.bucketARN(), cond: requestTagKeys(nil, tags)}); err != nil {
		return nil, err
	}
	return &result{status: http.StatusNoContent}, h.updateBucket(rq, func(sb *store.Bucket) error {
		merged := mergeTags(sb.Tags, tags)
		if len(merged) > maxBucketTags {
			return errTooManyTags()
		}
		sb.Tags = merged
		return nil
	})
}

// untagResource serves UntagResource: the keys named leave the bucket's
// tags; 204. Keys are checked only when the bucket has tags: against a
// bucket without any, even an invalid key is a successful no-op
// (recorded).
func (h *Handler) untagResource(rq *req, b *bucketState) (*result, error) {
	keys := rq.q["tagKeys"]
	if err := h.authorize(rq, b, check{action: "s3:UntagResource", resource: rq.bucketARN(), cond: untagConds(keys)}); err != nil {
		return nil, err
	}
	if len(b.Tags) > 0 {
		if err := validateUntagKeys(keys); err != nil {
			return nil, err
		}
	}
	return &result{status: http.StatusNoContent}, h.updateBucket(rq, func(sb *store.Bucket) error {
		sb.Tags = removeTags(sb.Tags, keys)
		return nil
	})
}

// untagConds are UntagResource's condition keys: aws:TagKeys, the keys
// named, and aws:RequestTag/KEY with the empty value for each (recorded:
// a deny on aws:RequestTag/security equal to "" matches an untag of
// security, one equal to its value does not; justincormack/argmin
// bucket_policy_multivalue.rs test_bucket_policy_request_tag_condition_on_untag_resource_*,
// against AWS 2026).
func untagConds(keys []string) map[string][]string {
	m := map[string][]string{"aws:TagKeys": keys}
	for _, k := range keys {
		m["aws:RequestTag/"+k] = []string{""}
	}
	return m
}

// validateControlTags applies S3 Control's tag rules to a TagResource.
func validateControlTags(tags []store.Tag) error {
	if len(tags) > maxBucketTags {
		return errTooManyTags()
	}
	seen := map[string]bool{}
	for _, t := range tags {
		switch {
		case seen[t.Key]:
			return errInvalidTag(msgControlDuplicateTag)
		case strings.HasPrefix(t.Key, "aws:"):
			return errInvalidTag(msgControlReservedTag)
		case strings.HasPrefix(strings.ToLower(t.Key), "aws:"),
			!validControlTag(t.Key, 1, 128) || !validControlTag(t.Value, 0, 256):
			// AWS answers "AWS:reserved" with the common message, not the
			// reserved prefix's (argmin bucket_policy_multivalue.rs
			// test_tag_resource_character_grammar_matches_aws).
			return errInvalidTag(msgControlInvalidTag)
		}
		seen[t.Key] = true
	}
	return nil
}

// errTooManyTags is S3 Control's answer to a 51st tag (its error-code
// list).
func errTooManyTags() *awserr.Error {
	return awserr.New("TooManyTags", http.StatusBadRequest, "The number of tags exceeds the limit of 50 tags.")
}

// validateUntagKeys applies the same rules to UntagResource's keys. AWS
// answers two identical keys, and a 51st, with 500 InternalError (recorded
// three times); fakeaws answers InvalidTag (docs/deviations.md).
func validateUntagKeys(keys []string) error {
	if len(keys) > maxBucketTags {
		return errInvalidTag(msgControlInvalidTag)
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if seen[k] {
			return errInvalidTag("Duplicate tag keys are not supported.")
		}
		if strings.HasPrefix(k, "aws:") {
			// Recorded for UntagResource too; "AWS:reserved" is a no-op
			// there (argmin bucket_policy_multivalue.rs
			// test_untag_resource_character_grammar_matches_aws).
			return errInvalidTag(msgControlReservedTag)
		}
		if !validControlTag(k, 1, 128) {
			return errInvalidTag(msgControlInvalidTag)
		}
		seen[k] = true
	}
	return nil
}

// validControlTag reports whether s is a tag key or value of min to max
// characters of Unicode's L, Z and N categories and +-=._:/@ (recorded:
// '!' and a combining mark are refused in either, Zs/Zl/Zp and Nd/Nl/No
// taken). Characters are counted in UTF-16 code units, as AWS counts
// them: 64 U+10400 make a valid key, 65 do not, and 128 a valid value,
// 129 not (argmin bucket_policy_multivalue.rs
// test_tag_resource_character_grammar_matches_aws).
func validControlTag(s string, min, max int) bool {
	n := 0
	for _, r := range s {
		if !unicode.In(r, unicode.L, unicode.Z, unicode.N) && !strings.ContainsRune("+-=._:/@", r) {
			return false
		}
		n += utf16.RuneLen(r)
	}
	return n >= min && n <= max
}

// mergeTags adds tags to old, a key already there taking the new value.
func mergeTags(old, tags []store.Tag) []store.Tag {
	out := append([]store.Tag(nil), old...)
	for _, t := range tags {
		replaced := false
		for i := range out {
			if out[i].Key == t.Key {
				out[i].Value, replaced = t.Value, true
			}
		}
		if !replaced {
			out = append(out, t)
		}
	}
	return out
}

// removeTags is tags without the keys named.
func removeTags(tags []store.Tag, keys []string) []store.Tag {
	var out []store.Tag
	for _, t := range tags {
		if !slices.Contains(keys, t.Key) {
			out = append(out, t)
		}
	}
	return out
}
