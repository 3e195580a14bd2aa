package s3

import (
	"encoding/xml"
	"net/http"
)

// S3 Control's answers (account-level Block Public Access, resource
// tagging, access points) share S3's routes and writer but not its error
// envelope.

// s3ControlNS is the namespace of S3 Control responses.
const s3ControlNS = "http://awss3control.amazonaws.com/doc/2018-08-20/"

type controlErrorBody struct {
	XMLName xml.Name `xml:"ErrorResponse"`
	Error   struct {
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
		Fields  []xmlField
	} `xml:"Error"`
	Rid    string `xml:"RequestId"`
	HostID string `xml:"HostId"`
}

// adaptControl is adapt for S3 Control routes, whose errors use the
// <ErrorResponse><Error>...</Error><RequestId/><HostId/></ErrorResponse>
// envelope.
func (h *Handler) adaptControl(op func(*req) (*result, error)) serveFunc {
	return h.adaptWith(op, h.writeControlError)
}

// writeControlError renders err in the S3 Control envelope.
func (h *Handler) writeControlError(rq *req, err error) {
	w := rq.w
	e := h.asAWS(rq, err)
	for k, vs := range e.Header {
		addWire(w.Header(), k, vs)
	}
	if rq.r.Method == http.MethodHead {
		w.WriteHeader(e.Status)
		return
	}
	var body controlErrorBody
	body.Error.Code, body.Error.Message = string(e.Code), e.Message
	for _, f := range e.Fields {
		body.Error.Fields = append(body.Error.Fields, xmlField{XMLName: xml.Name{Local: f[0]}, Value: f[1]})
	}
	body.Rid, body.HostID = headerValue(w.Header(), hdrRequestID), headerValue(w.Header(), hdrHostID)
	out, _ := marshalXML(body)
	out = append([]byte(xml.Header), unescapeQuotes(out)...)
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Length", itoa(int64(len(out))))
	w.WriteHeader(e.Status)
	_, _ = w.Write(out)
}
