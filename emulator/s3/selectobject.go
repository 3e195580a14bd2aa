package s3

import (
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/s3select"
)

// selectObjectContent serves SelectObjectContent: authorized as
// s3:GetObject, a missing bucket or key answered as on AWS (NoSuchKey
// naming the key: moto's AWS-verified test_s3_select.py
// test_select_unknown_key), then the request body is checked and the
// query run by package s3select over the object's bodies as GetObject
// reads them (SSE-C headers required alike), its answer streamed as an
// event stream.
func (h *Handler) selectObjectContent(rq *req) (*result, error) {
	b, o, err := h.readObjectShared(rq, "")
	if err != nil {
		return nil, err
	}
	cond := existingTagConds(nil, o)
	if err := h.authorize(rq, b, check{action: "s3:GetObject", resource: rq.objectARN(), cond: cond, object: o}); err != nil {
		return nil, err
	}
	if o == nil || o.DeleteMarker {
		return nil, h.missingObject(rq, b, "")
	}
	raw, err := readConfigBody(rq)
	if err != nil {
		return nil, err
	}
	sreq, serr := s3select.ParseRequest(raw, h.now())
	if serr != nil {
		return nil, selectError(serr)
	}
	if rq.r.Header.Get("Range") != "" {
		return nil, selectError(s3select.Refusal("UnsupportedRangeHeader"))
	}
	if err := checkSSECReadOf(rq.r, o); err != nil {
		return nil, err
	}
	switch o.StorageClass {
	case "", "STANDARD", "STANDARD_IA", "ONEZONE_IA":
	default:
		// The classes S3 Select reads, by AWS's error code list
		// (ErrorResponses.html, UnsupportedStorageClass).
		return nil, selectError(s3select.Refusal("UnsupportedStorageClass"))
	}
	body, err := newPartsReader(h.db, o.Parts, 0, o.Size)
	if err != nil {
		return nil, err
	}
	stream, serr := s3select.Select(sreq, body, o.Size)
	if serr != nil {
		return nil, selectError(serr)
	}
	return &result{status: http.StatusOK, body: stream, size: -1}, nil
}

func selectError(e *s3select.Error) error {
	return awserr.New(awserr.Code(e.Code), e.Status, e.Message)
}
