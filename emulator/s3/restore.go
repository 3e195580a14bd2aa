package s3

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Archived objects and RestoreObject.
//
// A version in an archive storage class (GLACIER, DEEP_ARCHIVE) cannot be
// read until RestoreObject makes a temporary copy of it. AWS takes minutes
// to hours for that; fakeaws restores at once, so the first RestoreObject
// answers 202 Accepted and the copy is readable right after (HEAD shows
// x-amz-restore: ongoing-request="false", expiry-date="..."), until the
// expiry date. A RestoreObject on a version already restored answers 200
// and moves the expiry date, as AWS does. Recorded from AWS: an AWS CLI
// session against S3 quoted in a public backup tool's storage tests
// (searchable by its bucket "candide.test.bucket.1": HEAD's Restore
// header, GET of a restored GLACIER object, InvalidObjectState for a
// STANDARD object, a second restore extending the copy), LocalStack
// test_s3.snapshot.json TestS3DeepArchive::test_s3_get_deep_archive_object_restore
// (202); the RestoreObject API reference gives 200 for an object already
// restored.

// archived reports whether a storage class keeps its objects unreadable
// until restored.
func archived(storageClass string) bool {
	return storageClass == "GLACIER" || storageClass == "DEEP_ARCHIVE"
}

// restored reports whether o, an archived version, has a restored copy at
// now.
func restored(o *store.S3Object, now time.Time) bool {
	return now.Before(o.RestoreExpiry)
}

// restoreHeader is the x-amz-restore value of o, an archived version, or
// "" when o has no current restored copy.
func restoreHeader(o *store.S3Object, now time.Time) string {
	if !restored(o, now) {
		return ""
	}
	return `ongoing-request="false", expiry-date="` + o.RestoreExpiry.UTC().Format(http.TimeFormat) + `"`
}

// restoreExpiry is when a copy restored at t for days expires: t plus
// days, rounded up to the next midnight UTC, as the User Guide's
// "Restoring an archived object" describes the expiry date.
func restoreExpiry(t time.Time, days int) time.Time {
	t = t.UTC().AddDate(0, 0, days)
	return time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, time.UTC)
}

// restoreRequest is the RestoreObject body fakeaws reads.
type restoreRequest struct {
	XMLName xml.Name `xml:"RestoreRequest"`
	Days    *string  `xml:"Days"`
	Tier    string   `xml:"GlacierJobParameters>Tier"`
	Type    string   `xml:"Type"`
}

// restoreDays reads and checks a RestoreObject body and returns its Days:
// a whole number of at least 1, with a Tier, when given, of Standard,
// Bulk or Expedited. Anything else is MalformedXML (AWS's answer is not
// recorded). A Type (SELECT) is refused as fakeaws runs no S3 Select.
func restoreDays(raw []byte) (int, error) {
	var in restoreRequest
	if err := xml.Unmarshal(raw, &in); err != nil || in.Days == nil {
		return 0, errMalformedXML()
	}
	days, err := strconv.Atoi(strings.TrimSpace(*in.Days))
	if err != nil || days < 1 {
		return 0, errMalformedXML()
	}
	switch in.Tier {
	case "", "Standard", "Bulk", "Expedited":
	default:
		return 0, errMalformedXML()
	}
	if in.Type != "" {
		return 0, awserr.New(codeNotImplemented, http.StatusNotImplemented,
			"fakeaws does not run S3 Select queries (RestoreObject of Type SELECT)")
	}
	return days, nil
}

// restoreObject serves RestoreObject.
func (h *Handler) restoreObject(rq *req) (*result, error) {
	raw, err := readConfigBody(rq)
	if err != nil {
		return nil, err
	}
	b, o, err := h.loadForSubresource(rq, "s3:RestoreObject")
	if err != nil {
		return nil, err
	}
	if !archived(o.StorageClass) {
		return nil, awserr.New(codeInvalidObjectState, http.StatusForbidden,
			"Restore is not allowed for the object's current storage class")
	}
	days, err := restoreDays(raw)
	if err != nil {
		return nil, err
	}
	now := h.now()
	res := &result{status: http.StatusAccepted}
	if restored(o, now) {
		res.status = http.StatusOK
	}
	o.RestoreExpiry = restoreExpiry(now, days)
	if err := h.saveVersion(rq, o); err != nil {
		return nil, err
	}
	return versionHeader(res, b, o), nil
}

// Listings with x-amz-optional-object-attributes: RestoreStatus.
//
// ListObjects, ListObjectsV2 and ListObjectVersions take the header
// x-amz-optional-object-attributes, whose one valid value is RestoreStatus
// (API_ListObjectsV2.html, API_ListObjectVersions.html: "Valid Values:
// RestoreStatus"). With it, each listed object version that has a restored
// copy carries <RestoreStatus> (API_RestoreStatus.html: IsRestoreInProgress,
// and RestoreExpiryDate "populated only if the object has already been
// restored"; "If the object hasn't been restored, there is no header
// response"). fakeaws restores at once, so IsRestoreInProgress is always
// false here. Delete markers never carry it (scality/cloudserver#6174
// reports AWS so).

// optionalAttributesHeader is the header's canonical name, read from the
// header map directly: a listing without it costs one map lookup.
const optionalAttributesHeader = "X-Amz-Optional-Object-Attributes"

// optionalAttributes reads x-amz-optional-object-attributes: whether it
// asks for RestoreStatus. Every comma-separated name must be RestoreStatus
// (repeating it is allowed). Anything else, an empty value included, is
// 400 InvalidArgument "Invalid attribute name specified.": AWS's answer to
// aws-sdk-go 1.44.292's empty header (aws/aws-sdk-go#4897, request id
// 5JYSNZJEXBFJ32JF; hashicorp/terraform-provider-aws#32313, whose debug
// log names the argument x-amz-optional-object-attributes). The
// ArgumentValue of the refusal is not recorded; it is the name refused, as
// GetObjectAttributes's recorded refusal gives it (attributes.go).
func optionalAttributes(h http.Header) (bool, error) {
	vs, ok := h[optionalAttributesHeader]
	if !ok {
		return false, nil
	}
	for _, v := range vs {
		for _, name := range strings.Split(v, ",") {
			if name = strings.TrimSpace(name); name != "RestoreStatus" {
				return false, errInvalidArgument("Invalid attribute name specified.", "x-amz-optional-object-attributes", name)
			}
		}
	}
	return true, nil
}

// xmlRestoreStatus is the RestoreStatus element of a listed object.
type xmlRestoreStatus struct {
	IsRestoreInProgress bool   `xml:"IsRestoreInProgress"`
	RestoreExpiryDate   string `xml:"RestoreExpiryDate,omitempty"`
}

// restoreAt is the time a listing judges restored copies at: now when p
// asked for RestoreStatus, else zero.
func (h *Handler) restoreAt(p *listParams) time.Time {
	if !p.restoreStatus {
		return time.Time{}
	}
	return h.now()
}

// restoreStatusOf is o's RestoreStatus at now: nil unless o is archived
// and has a restored copy at now (restoreHeader's rule).
func restoreStatusOf(o *store.S3Object, now time.Time) *xmlRestoreStatus {
	if !archived(o.StorageClass) || !restored(o, now) {
		return nil
	}
	return &xmlRestoreStatus{RestoreExpiryDate: o.RestoreExpiry.UTC().Format(timeFormatXML)}
}
