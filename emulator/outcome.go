package emulator

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// maxErrorSniff bounds how much of an error body is kept to read its code.
const maxErrorSniff = 8 << 10

// outcomeWriter records the status and the start of an error body, so the
// decision log can say what the client got.
type outcomeWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
	noted  *awserr.Error
	// sandbox: the answer is to a GET, which a browser may show as a page.
	sandbox bool
}

// serviceCSP is the Content-Security-Policy of the service answers to a
// GET that a browser could show as a page. An object served as a page (an
// uploaded text/html, SVG or XML document) runs in an opaque origin, not in
// fakeaws's own, which is the admin endpoints' and the console's: its
// scripts run, but what they send to /_fakeaws/* is cross-origin (refused
// when it changes state, unreadable otherwise), as on AWS, where objects
// are not served from the console's origin. AWS sends no such header, so
// answers no browser runs as a document go without it (inertBody).
var serviceCSP = []string{"sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads"}

func (w *outcomeWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
		w.setSandbox()
	}
	w.ResponseWriter.WriteHeader(status)
}

// setSandbox adds serviceCSP to the answer to a GET unless a browser would
// not run it as a document (shared, never changed: no allocation per
// request).
func (w *outcomeWriter) setSandbox() {
	if w.sandbox {
		if h := w.Header(); !inertBody(h) {
			h["Content-Security-Policy"] = serviceCSP
		}
	}
}

// inertBody reports whether a browser that opens an answer with header h
// can only download it or show it as text, image or media, never run it as
// a document that holds script: one sent as an attachment, or one whose
// media type is in inertTypes. A missing, unparsable or other type
// (text/html, any XML, SVG, PDF, a type a browser sniffs) is not inert.
func inertBody(h http.Header) bool {
	if d := h["Content-Disposition"]; len(d) == 1 && dispositionType(d[0]) == "attachment" {
		return true
	}
	ct := h["Content-Type"]
	if len(ct) != 1 {
		return false
	}
	essence, _, _ := strings.Cut(ct[0], ";")
	essence = strings.TrimSpace(essence)
	for _, t := range inertTypes {
		if strings.EqualFold(essence, t) {
			return true
		}
	}
	for _, p := range inertTypePrefixes {
		if hasFoldPrefix(essence, p) && len(essence) > len(p) {
			return true
		}
	}
	return false
}

// inertTypes are media types that browsers show as text or download: the
// MIME Sniffing Standard never turns text/plain into HTML, and no browser
// renders the others as a document (binary/octet-stream is S3's default
// Content-Type; SVG, image/svg+xml, is not listed: it holds script).
var inertTypes = []string{
	"binary/octet-stream", "application/octet-stream", "text/plain", "text/csv",
	"application/json", "application/zip", "application/gzip", "application/x-tar",
	"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp", "image/x-icon",
}

// inertTypePrefixes are the media type families browsers play or
// download, never show as a document. (No image/ prefix: image/svg+xml
// holds script.)
var inertTypePrefixes = []string{"audio/", "video/", "font/"}

// dispositionType is the lower-cased disposition type of a
// Content-Disposition value ("attachment; filename=x" → "attachment").
func dispositionType(v string) string {
	t, _, _ := strings.Cut(v, ";")
	return strings.ToLower(strings.TrimSpace(t))
}

// hasFoldPrefix reports whether s starts with prefix, ASCII case folded.
func hasFoldPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func (w *outcomeWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
		w.setSandbox()
	}
	if w.status >= 400 && w.body.Len() < maxErrorSniff {
		n := min(len(p), maxErrorSniff-w.body.Len())
		w.body.Write(p[:n])
	}
	return w.ResponseWriter.Write(p)
}

// NoteError receives the error of a response without a body (S3 HEAD), see
// awserr.Note.
func (w *outcomeWriter) NoteError(e *awserr.Error) { w.noted = e }

// Flush passes on to the underlying writer.
func (w *outcomeWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *outcomeWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// errorCode reads the AWS error code and message of the response: from a
// Query or S3 XML body (<Code>, <Message>), a JSON body (__type, message),
// or, for a body-less answer, the noted error or the status text.
func (w *outcomeWriter) errorCode() (code, message string) {
	if w.status < 400 {
		return "", ""
	}
	if w.noted != nil {
		return string(w.noted.Code), w.noted.Message
	}
	b := w.body.Bytes()
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '{' {
		var j struct {
			Type    string `json:"__type"`
			Code    string `json:"code"`
			Message string `json:"message"`
			Msg     string `json:"Message"`
		}
		if json.Unmarshal(t, &j) == nil {
			code = j.Type
			if code == "" {
				code = j.Code
			}
			code = code[strings.LastIndexByte(code, '#')+1:]
			return code, j.Message + j.Msg
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var field string
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			field = t.Name.Local
		case xml.EndElement:
			field = ""
		case xml.CharData:
			switch field {
			case "Code":
				if code == "" {
					code = string(t)
				}
			case "Message":
				if message == "" {
					message = string(t)
				}
			}
		}
	}
	if code == "" {
		code = strings.ReplaceAll(http.StatusText(w.status), " ", "")
	}
	return code, message
}

// finish logs the request's decisions with what the client got; a refusal
// without any decision is logged on its own, naming whom it could.
func (s *Server) finish(r *http.Request, t *authz.Trace, w *outcomeWriter, info *authn.Info, requestID string) {
	code, message := w.errorCode()
	status := w.status
	if status == 0 {
		status = http.StatusOK
	}
	o := authz.Outcome{Time: s.opts.Now(), RequestID: requestID, Status: status, ErrorCode: code, Message: message}
	if info != nil {
		o.Time = info.Time
		switch c := &info.Caller; {
		case c.ARN != "":
			o.Principal = c.ARN
		case c.AccessKeyID != "":
			o.Principal = "access key " + c.AccessKeyID
		case c.Anonymous():
			o.Principal = "anonymous"
		}
	}
	if code == "InvalidClientTokenId" && sessionTokenOf(r) != "" {
		// STS and IAM answer a malformed or foreign session token as an
		// unknown key; the learner's hint should name the token.
		o.Hint = authz.Hint("InvalidToken", message)
	}
	s.authz.Log().Finish(t, o)
}

// sessionTokenOf is the session token a request carries (header or
// presigned query), "" without one.
func sessionTokenOf(r *http.Request) string {
	if tok := r.Header.Get("X-Amz-Security-Token"); tok != "" {
		return tok
	}
	return r.URL.Query().Get("X-Amz-Security-Token")
}
