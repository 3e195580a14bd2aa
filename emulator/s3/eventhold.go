package s3

// Object Lock event holds (aws-sdk-go-v2 s3 v1.114, 2026: the
// x-amz-object-lock-event-hold headers of PutObject, CopyObject and
// CreateMultipartUpload, PutObjectRetention's EventHold and
// EventHoldDuration, the bucket's DefaultEventHold) are not served. A
// request asking for one is 501 NotImplemented naming what it sent, S3's
// answer to a feature it does not implement, rather than stored without
// the protection it asked for.

import (
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// eventHoldHeaders are the object write headers of event holds.
var eventHoldHeaders = []string{"x-amz-object-lock-event-hold", "x-amz-object-lock-event-hold-duration-days",
	"x-amz-object-lock-event-hold-duration-years"}

// refuseEventHoldHeaders is 501 NotImplemented naming the first event hold
// header r carries, or nil.
func refuseEventHoldHeaders(r *http.Request) error {
	return refuseHeaders(r, eventHoldHeaders...)
}

// errEventHoldElement is 501 NotImplemented for an event hold element of a
// request body.
func errEventHoldElement() error {
	return awserr.New(codeNotImplemented, http.StatusNotImplemented, "Object Lock event holds are not implemented")
}
