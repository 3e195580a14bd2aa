package s3

// S3 Object Lock event holds (variable retention, 2026; aws-sdk-go-v2 s3
// v1.114: ObjectLockRetention's EventHold and EventHoldDuration,
// DefaultRetention's DefaultEventHold, the x-amz-object-lock-event-hold,
// -duration-days and -duration-years headers of PutObject, CopyObject and
// CreateMultipartUpload and of the GetObject / HeadObject answers).
//
// A version under an event hold (EventHold ON) cannot be deleted, as
// under a legal hold, whatever its retention mode. Releasing the hold
// (PutObjectRetention with EventHold OFF) retains the version for the
// hold's duration measured from the release ("When you release the hold,
// Amazon S3 sets the final retain-until-date to the release time plus the
// configured duration", User Guide, batch-ops-retention-date; the
// CloudFormation AWS::S3::Bucket DefaultEventHold page), in the version's
// retention mode, never earlier than a retain-until date it already has.
// Durations are 1-36500 days or 1-100 years, never both (API_EventHoldDuration).
// The choices the documentation leaves open are in docs/deviations.md.

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"time"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

const (
	hdrEventHold      = "x-amz-object-lock-event-hold"
	hdrEventHoldDays  = "x-amz-object-lock-event-hold-duration-days"
	hdrEventHoldYears = "x-amz-object-lock-event-hold-duration-years"
	holdOn            = "ON"
	holdOff           = "OFF"
	// maxPeriodDays and maxPeriodYears bound every Object Lock period:
	// a default retention's and an event hold's duration.
	maxPeriodDays  = 36500
	maxPeriodYears = 100
)

// holdDuration is an event hold's duration: days or years, one non-zero.
type holdDuration struct{ days, years int }

// after is the end of the duration started at t.
func (d holdDuration) after(t time.Time) time.Time {
	return t.AddDate(max(d.years, 0), 0, max(d.days, 0)).UTC()
}

func (d holdDuration) set() bool { return d.days != 0 || d.years != 0 }

// durationXML is an EventHoldDuration or DefaultEventHold element.
type durationXML struct {
	Days  *int `xml:"Days,omitempty"`
	Years *int `xml:"Years,omitempty"`
}

func (d holdDuration) xml() *durationXML {
	out := &durationXML{}
	if d.years != 0 {
		out.Years = &d.years
	} else {
		out.Days = &d.days
	}
	return out
}

// held reports whether version o is under an event hold. Any status but
// "" and OFF counts, so a damaged record protects rather than frees.
func held(o *store.S3Object) bool {
	return o.EventHold != "" && o.EventHold != holdOff
}

// heldDuration is version o's event hold duration.
func heldDuration(o *store.S3Object) holdDuration {
	return holdDuration{days: o.EventHoldDays, years: o.EventHoldYears}
}

// lockActive reports whether version o's retention mode binds now: its
// retain-until date is ahead, or an event hold keeps it.
func lockActive(o *store.S3Object, now time.Time) bool {
	return o.LockMode != "" && (o.LockUntil.After(now) || held(o))
}

// readDurationXML validates an EventHoldDuration or DefaultEventHold
// element: exactly one of Days and Years (else MalformedXML), in range
// (else InvalidArgument naming the element, what the default retention
// period answers).
func readDurationXML(d *durationXML, what string) (holdDuration, error) {
	if d == nil || (d.Days == nil) == (d.Years == nil) {
		return holdDuration{}, errMalformedXML()
	}
	if d.Days != nil {
		return holdDuration{days: *d.Days}, checkPeriod(*d.Days, maxPeriodDays, "Days", what)
	}
	return holdDuration{years: *d.Years}, checkPeriod(*d.Years, maxPeriodYears, "Years", what)
}

// checkPeriod is S3's answer to a retention period n out of 1..limit:
// "<what> must be a positive integer value." naming field, or "<what> is
// too large.".
func checkPeriod(n, limit int, field, what string) error {
	if n <= 0 {
		return awserr.New(codeInvalidArgument, http.StatusBadRequest,
			what+" must be a positive integer value.").With("ArgumentName", field)
	}
	if n > limit {
		return errInvalidArgument(what+" is too large.", "", "")
	}
	return nil
}

// hasEventHoldHeaders reports whether r sends any event hold header.
func hasEventHoldHeaders(r *http.Request) bool {
	return r.Header.Get(hdrEventHold) != "" || r.Header.Get(hdrEventHoldDays) != "" || r.Header.Get(hdrEventHoldYears) != ""
}

// eventHoldStatus is the write's x-amz-object-lock-event-hold, refused
// unless ON, OFF or not sent.
func eventHoldStatus(r *http.Request) (string, error) {
	status := r.Header.Get(hdrEventHold)
	if status != "" && status != holdOn && status != holdOff {
		return "", errInvalidArgument("Event Hold must be either of 'ON' or 'OFF'", hdrEventHold, status)
	}
	return status, nil
}

// readEventHoldHeaders reads the event hold headers of a write into a
// (the status checked by eventHoldStatus): ON needs exactly one duration header, a whole
// number in range, and a retention mode (the request's, else the bucket's
// default retention mode); a duration without ON is refused.
func readEventHoldHeaders(r *http.Request, rule *store.S3LockRule, a *lockAttrs) error {
	status := r.Header.Get(hdrEventHold)
	days, years := r.Header.Get(hdrEventHoldDays), r.Header.Get(hdrEventHoldYears)
	if status == "" && days == "" && years == "" {
		return nil
	}
	if status != holdOn {
		name, value := hdrEventHoldDays, days
		if days == "" {
			name, value = hdrEventHoldYears, years
		}
		if value != "" {
			return errInvalidArgument("An event hold duration needs x-amz-object-lock-event-hold ON", name, value)
		}
		a.eventHold = status
		return nil
	}
	d, err := durationHeaders(days, years)
	if err != nil {
		return err
	}
	if a.mode == "" && rule != nil {
		a.mode = rule.Mode
	}
	if a.mode == "" {
		return errInvalidArgumentNamed("x-amz-object-lock-mode must be supplied with an event hold on a bucket without a default retention mode",
			"x-amz-object-lock-mode")
	}
	a.eventHold, a.holdDur = holdOn, d
	return nil
}

// durationHeaders validates the two duration headers of an event hold.
func durationHeaders(days, years string) (holdDuration, error) {
	switch {
	case days != "" && years != "":
		return holdDuration{}, errInvalidArgument("x-amz-object-lock-event-hold-duration-days and x-amz-object-lock-event-hold-duration-years cannot both be supplied",
			hdrEventHoldYears, years)
	case days == "" && years == "":
		return holdDuration{}, errInvalidArgumentNamed("An event hold needs x-amz-object-lock-event-hold-duration-days or x-amz-object-lock-event-hold-duration-years",
			hdrEventHoldDays)
	}
	name, value, limit := hdrEventHoldDays, days, maxPeriodDays
	if years != "" {
		name, value, limit = hdrEventHoldYears, years, maxPeriodYears
	}
	n, err := strconv.Atoi(value)
	if err != nil || n <= 0 || n > limit {
		return holdDuration{}, errInvalidArgument("The event hold duration must be between 1 and "+strconv.Itoa(limit), name, value)
	}
	if years != "" {
		return holdDuration{years: n}, nil
	}
	return holdDuration{days: n}, nil
}

// eventHoldHeaders adds version o's event hold to a GET/HEAD answer: its
// status, and its duration while it holds.
func eventHoldHeaders(o *store.S3Object, res *result) {
	if o.EventHold == "" {
		return
	}
	res.set("X-Amz-Object-Lock-Event-Hold", o.EventHold)
	if !held(o) {
		return
	}
	if o.EventHoldYears != 0 {
		res.set("X-Amz-Object-Lock-Event-Hold-Duration-Years", strconv.Itoa(o.EventHoldYears))
	} else {
		res.set("X-Amz-Object-Lock-Event-Hold-Duration-Days", strconv.Itoa(o.EventHoldDays))
	}
}

// retentionBody is a PutObjectRetention body. Any root element: AWS takes
// <ObjectLockRetention> as it takes the documented <Retention> (argmin
// request_checksums.rs test_object_subresource_request_checksum_matrix,
// against AWS S3).
type retentionBody struct {
	Mode, RetainUntilDate string
	EventHold             *string
	EventHoldDuration     *durationXML
}

// retentionRequest is a validated PutObjectRetention body.
type retentionRequest struct {
	mode  string
	until time.Time // zero when not sent
	hold  string    // ON, OFF or "" (not sent)
	dur   holdDuration
}

// parseRetention validates a PutObjectRetention body: Mode and
// RetainUntilDate together or neither, as before event holds; EventHold ON
// with a Mode and an EventHoldDuration (RetainUntilDate optional);
// EventHold OFF with no duration (a Mode optional, needed with a
// RetainUntilDate). Anything else is MalformedXML.
func parseRetention(raw []byte) (*retentionRequest, error) {
	var in retentionBody
	if err := xml.Unmarshal(raw, &in); err != nil {
		return nil, errMalformedXML()
	}
	out := &retentionRequest{mode: in.Mode}
	if in.Mode != "" && in.Mode != lockGovernance && in.Mode != lockCompliance {
		return nil, errMalformedXML()
	}
	if in.RetainUntilDate != "" {
		t, err := time.Parse(time.RFC3339, in.RetainUntilDate)
		if err != nil || in.Mode == "" {
			return nil, errMalformedXML()
		}
		out.until = t.UTC()
	}
	if in.EventHold != nil {
		out.hold = *in.EventHold
	}
	switch out.hold {
	case "":
		if in.EventHoldDuration != nil || (in.Mode != "" && in.RetainUntilDate == "") {
			return nil, errMalformedXML()
		}
	case holdOn:
		if in.Mode == "" {
			return nil, errMalformedXML()
		}
		d, err := readDurationXML(in.EventHoldDuration, "Event hold duration")
		if err != nil {
			return nil, err
		}
		out.dur = d
	case holdOff:
		if in.EventHoldDuration != nil {
			return nil, errMalformedXML()
		}
	default:
		return nil, errMalformedXML()
	}
	return out, nil
}

// weakens reports whether applying in to version o lowers its protection
// now: another mode while its mode binds, an earlier retain-until date, a
// held version's mode removed or its hold shortened.
func (in *retentionRequest) weakens(o *store.S3Object, now time.Time) bool {
	active := lockActive(o, now)
	switch {
	case active && in.mode != "" && in.mode != o.LockMode:
		return true
	case !in.until.IsZero() && in.until.Before(o.LockUntil) && o.LockUntil.After(now):
		return true
	case in.hold == "" && in.mode == "" && active:
		return true
	case in.hold == holdOn && held(o):
		return in.dur.after(now).Before(heldDuration(o).after(now))
	}
	return false
}

// apply sets version o's retention and event hold from in, at
// now. Without EventHold the hold is kept as it is; EventHold OFF on a
// held version releases it, retaining the version for the hold's duration
// from now; EventHold OFF on a version not held changes nothing but the
// retention a RetainUntilDate beside it asks for.
func (in *retentionRequest) apply(o *store.S3Object, now time.Time) {
	switch {
	case in.hold == holdOff && held(o):
		if in.mode != "" {
			o.LockMode = in.mode
		}
		o.LockUntil = latestOf(o.LockUntil, heldDuration(o).after(now), in.until)
		o.EventHold = holdOff
	case in.hold == holdOff:
		if !in.until.IsZero() {
			o.LockMode, o.LockUntil = in.mode, in.until
		}
	case in.hold == holdOn:
		o.LockMode, o.LockUntil = in.mode, latestOf(o.LockUntil, in.until)
		o.EventHold, o.EventHoldDays, o.EventHoldYears = holdOn, in.dur.days, in.dur.years
	default:
		o.LockMode, o.LockUntil = in.mode, in.until
	}
}

// latestOf is the latest of ts.
func latestOf(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if t.After(out) {
			out = t
		}
	}
	return out.UTC()
}
