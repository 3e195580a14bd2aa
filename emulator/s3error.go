package emulator

import (
	"encoding/xml"
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// writeS3ErrorBody renders e in S3's <Error> envelope: for failures that
// happen before the S3 handler runs (authentication, panics).
func writeS3ErrorBody(w http.ResponseWriter, r *http.Request, requestID string, e *awserr.Error) {
	for k, v := range e.Header {
		w.Header()[k] = v
	}
	w.Header().Set("x-amz-request-id", requestID)
	w.Header().Set("x-amz-id-2", requestID)
	if r.Method == http.MethodHead {
		w.WriteHeader(e.Status)
		return
	}
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(e.Status)
	var b []byte
	b = append(b, xml.Header...)
	b = append(b, "<Error><Code>"...)
	b = appendEscaped(b, string(e.Code))
	b = append(b, "</Code><Message>"...)
	b = appendEscaped(b, e.Message)
	b = append(b, "</Message>"...)
	for _, f := range e.Fields {
		b = append(b, '<')
		b = append(b, f[0]...)
		b = append(b, '>')
		b = appendEscaped(b, f[1])
		b = append(b, "</"...)
		b = append(b, f[0]...)
		b = append(b, '>')
	}
	b = append(b, "<RequestId>"...)
	b = append(b, requestID...)
	b = append(b, "</RequestId><HostId>"...)
	b = append(b, requestID...)
	b = append(b, "</HostId></Error>"...)
	_, _ = w.Write(b)
}

func appendEscaped(b []byte, s string) []byte {
	var esc struct{ buf []byte }
	w := writerFunc(func(p []byte) (int, error) { esc.buf = append(esc.buf, p...); return len(p), nil })
	_ = xml.EscapeText(w, []byte(s))
	return append(b, esc.buf...)
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
