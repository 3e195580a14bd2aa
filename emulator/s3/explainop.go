package s3

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
)

// whatIfOperation is an S3 operation a what-if question may name: the
// request it is (method, sub-resource) and the part of its handler that
// decides whether it may go ahead. ask is that part itself, shared with
// the handler (startWrite, startCopy, startUpload, authorizedRead,
// deletionBucket and authorizeDelete, actAsForm and postObjectRecord), so
// an explanation cannot drift
// from the request: it reads and authorizes what the request would, and
// stops before anything is written.
type whatIfOperation struct {
	// action is what the operation asks of the object the question names
	// (s3:GetObjectVersion and s3:DeleteObjectVersion for a version).
	action      string
	method      string
	subresource string
	ask         func(h *Handler, rq *req) error
}

// whatIfOperations are the operations that ask the same action of an
// object but are answered differently: the writes that ask s3:PutObject
// (CopyObject also reads its source, and is refused unsigned, as
// CreateMultipartUpload is; a browser POST's s3:authType is POST), the reads that ask s3:GetObject (a missing
// key also asks s3:ListBucket), the deletions that ask s3:DeleteObject.
var whatIfOperations = map[string]whatIfOperation{
	"PutObject": {action: "s3:PutObject", method: http.MethodPut,
		ask: func(h *Handler, rq *req) error { _, err := h.startWrite(rq); return err }},
	"CopyObject": {action: "s3:PutObject", method: http.MethodPut,
		ask: func(h *Handler, rq *req) error { _, err := h.startCopy(rq); return err }},
	"CreateMultipartUpload": {action: "s3:PutObject", method: http.MethodPost, subresource: "uploads",
		ask: func(h *Handler, rq *req) error { _, err := h.startUpload(rq); return err }},
	"GetObject":     {action: "s3:GetObject", method: http.MethodGet, ask: askRead},
	"HeadObject":    {action: "s3:GetObject", method: http.MethodHead, ask: askRead},
	"DeleteObject":  {action: "s3:DeleteObject", method: http.MethodDelete, ask: askDelete},
	"DeleteObjects": {action: "s3:DeleteObject", method: http.MethodPost, subresource: "delete", ask: askDelete},
	"PostObject":    {action: "s3:PutObject", method: http.MethodPost, ask: askPost},
}

// askPost is a browser POST upload's authorization of the write its form
// describes (postObject's, through actAsForm and postObjectRecord): the
// question's caller signs the form (an anonymous caller sends it
// unsigned), s3:authType is POST, and the question's headers
// (whatIfRequest) are the form's fields. The form's own policy document,
// which limits the fields a signed form may carry, is not asked: a
// question has none.
func askPost(h *Handler, rq *req) error {
	b, err := h.bucket(rq)
	if err != nil {
		return err
	}
	f, err := whatIfForm(rq.r.Header)
	if err != nil {
		return err
	}
	rq.actAsForm(postInfo(rq.info), f, rq.key)
	_, err = h.postObjectRecord(rq, b, f, rq.key)
	return err
}

// whatIfForm is the browser POST form whose fields are hdr's: x-amz-acl is
// the acl field, x-amz-tagging the tagging field's XML document, the
// others keep their names.
func whatIfForm(hdr http.Header) (*postForm, error) {
	f := &postForm{fields: map[string]string{}, names: map[string]string{}}
	for name := range hdr {
		field, v := strings.ToLower(name), hdr.Get(name)
		switch field {
		case "x-amz-acl":
			field = "acl"
		case "x-amz-tagging":
			tags, err := parseTagHeader(v)
			if err != nil {
				return nil, err
			}
			doc, err := xml.Marshal(tagsXML(tags))
			if err != nil {
				return nil, err
			}
			field, v = "tagging", string(doc)
		}
		f.fields[field], f.names[field] = v, name
	}
	return f, nil
}

// notWhatIf are operations that ask s3:PutObject but that a what-if
// question cannot describe, with why.
var notWhatIf = map[string]string{
	"UploadPart":              "acts on an upload in progress, named by its uploadId, which a what-if question cannot name",
	"UploadPartCopy":          "acts on an upload in progress, named by its uploadId, which a what-if question cannot name",
	"CompleteMultipartUpload": "acts on an upload in progress, named by its uploadId, which a what-if question cannot name",
}

func askRead(h *Handler, rq *req) error {
	_, _, err := h.authorizedRead(rq, rq.q.Get("versionId"))
	return err
}

// askDelete is one key's part of DeleteObject and DeleteObjects: the
// If-Match header, or DeleteObjects' ETag element, is s3:if-match.
func askDelete(h *Handler, rq *req) error {
	b, err := h.deletionBucket(rq)
	if err != nil {
		return err
	}
	return h.authorizeDelete(rq, b, rq.key, rq.q.Get("versionId"), rq.r.Header.Get("If-Match"))
}

// Operations lists, action by action, the operations a Question may name
// (sorted), for the console's what-if form.
func Operations() map[string][]string {
	out := map[string][]string{}
	for name, op := range whatIfOperations {
		for _, a := range []string{op.action, versionAction(op.action, "v")} {
			if !slices.Contains(out[a], name) {
				out[a] = append(out[a], name)
			}
		}
	}
	for _, names := range out {
		sort.Strings(names)
	}
	return out
}

// CheckOperation reports why q cannot be asked for q.Operation (nil when
// it can, or names none): an operation fakeaws does not explain, one that
// does not ask q.Action of the object (GetObject with s3:VersionId asks
// s3:GetObjectVersion), a resource that is not an object, a CopyObject
// with no source.
func CheckOperation(q Question) error {
	if q.Operation == "" {
		return nil
	}
	op, ok := whatIfOperations[q.Operation]
	if why, known := notWhatIf[q.Operation]; known {
		return fmt.Errorf("%s %s: send it, and explain its logged row (the decision log knows its operation)", q.Operation, why)
	}
	if !ok {
		names := make([]string, 0, len(whatIfOperations))
		for n := range whatIfOperations {
			names = append(names, n)
		}
		sort.Strings(names)
		return fmt.Errorf("unknown S3 operation %q: a what-if question may name %s", q.Operation, strings.Join(names, ", "))
	}
	keys := lowerKeys(q.Context)
	asked := op.action
	if version := first(keys["s3:versionid"]); version != "" {
		asked = versionAction(op.action, version)
	}
	if !strings.EqualFold(q.Action, asked) {
		how := ""
		if asked != op.action {
			how = " (a version, named by s3:VersionId)"
		} else if v := versionAction(op.action, "v"); strings.EqualFold(q.Action, v) {
			how = " (" + v + " needs the version: give s3:VersionId)"
		}
		return fmt.Errorf("%s asks %s of the object%s, not %s", q.Operation, asked, how, q.Action)
	}
	bucket, key, _ := strings.Cut(strings.TrimPrefix(q.Resource, arns.BucketPrefix), "/")
	if !strings.HasPrefix(q.Resource, arns.BucketPrefix) || bucket == "" || key == "" {
		return fmt.Errorf("%s acts on an object: name it as arn:aws:s3:::bucket/key, not %q", q.Operation, q.Resource)
	}
	if q.Operation == "CopyObject" && first(keys["s3:x-amz-copy-source"]) == "" {
		return fmt.Errorf("CopyObject reads its source: give it as the condition key s3:x-amz-copy-source=bucket/key")
	}
	return nil
}

// explainOperation runs q.Operation's own authorization (whatIfOperation.ask)
// on the request q describes (whatIfRequest).
func (h *Handler) explainOperation(rq *req, q Question) error {
	if err := CheckOperation(q); err != nil {
		return err
	}
	op := whatIfOperations[q.Operation]
	rq.r = whatIfRequest(rq.ctx, op, q, rq.bucket, rq.key)
	rq.q = rq.r.URL.Query()
	rq.asked = q.Context
	if rq.asked == nil {
		rq.asked = map[string][]string{}
	}
	return op.ask(h, rq)
}

// whatIfRequest is the request q describes: op's method and sub-resource
// on the object, with the headers the question's condition keys mirror
// (condHeaders: s3:x-amz-acl is x-amz-acl, s3:x-amz-copy-source is
// x-amz-copy-source), s3:RequestObjectTag/KEY as x-amz-tagging (with the
// REPLACE tagging directive on a copy, the only way a copy sets tags),
// s3:if-match and s3:if-none-match as If-Match and If-None-Match, and
// s3:VersionId as ?versionId of a read or deletion. It has no body:
// nothing an operation's authorization reads comes from one.
func whatIfRequest(ctx context.Context, op whatIfOperation, q Question, bucket, key string) *http.Request {
	keys := lowerKeys(q.Context)
	query := url.Values{}
	if op.subresource != "" {
		query.Set(op.subresource, "")
	}
	if v := first(keys["s3:versionid"]); v != "" && op.action != "s3:PutObject" {
		query.Set("versionId", v)
	}
	u := &url.URL{Path: "/" + bucket + "/" + key, RawQuery: query.Encode()}
	r := (&http.Request{Method: op.method, URL: u, Header: http.Header{}, Host: "s3.amazonaws.com"}).WithContext(ctx)
	for _, c := range condHeaders {
		if v := first(keys[strings.ToLower(c.key)]); v != "" {
			r.Header.Set(c.header, v)
		}
	}
	for name, k := range map[string]string{"If-Match": "s3:if-match", "If-None-Match": "s3:if-none-match"} {
		if v := first(keys[k]); v != "" {
			r.Header.Set(name, v)
		}
	}
	if tags := questionTags(q.Context); tags != "" {
		r.Header.Set("X-Amz-Tagging", tags)
		if q.Operation == "CopyObject" {
			r.Header.Set("X-Amz-Tagging-Directive", "REPLACE")
		}
	}
	return r
}

// questionTags is x-amz-tagging for the tags a question's
// s3:RequestObjectTag/KEY keys set (tag keys keep their case), and the
// keys s3:RequestObjectTagKeys names without a value ("" for none).
func questionTags(ctx map[string][]string) string {
	tags := url.Values{}
	const prefix = "s3:requestobjecttag/"
	for k, v := range ctx {
		if len(k) > len(prefix) && strings.EqualFold(k[:len(prefix)], prefix) {
			tags.Set(k[len(prefix):], first(v))
		}
	}
	for k, v := range ctx {
		if strings.EqualFold(k, "s3:RequestObjectTagKeys") {
			for _, name := range v {
				if _, ok := tags[name]; !ok && name != "" {
					tags.Set(name, "")
				}
			}
		}
	}
	return tags.Encode()
}

// lowerKeys is ctx indexed by lower-case key: condition keys are
// case-insensitive.
func lowerKeys(ctx map[string][]string) map[string][]string {
	m := make(map[string][]string, len(ctx))
	for k, v := range ctx {
		m[strings.ToLower(k)] = v
	}
	return m
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}
