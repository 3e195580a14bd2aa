package s3

import (
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// selectObjectContent serves SelectObjectContent as far as fakeaws goes: it
// runs no S3 Select query (docs/deviations.md), but the request is
// authorized as s3:GetObject and a missing bucket or key answers as on AWS
// (NoSuchKey naming the key: moto's AWS-verified test_s3_select.py
// test_select_unknown_key) before the 501 NotImplemented.
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
	return nil, awserr.New(codeNotImplemented, http.StatusNotImplemented,
		"fakeaws does not run S3 Select queries (SelectObjectContent)")
}
