package s3

import (
	"crypto/md5"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/sigv4"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Object annotations (2026): named UTF-8 payloads attached to one object
// version, served at the object's ?annotation sub-resource
// (API_PutObjectAnnotation, API_GetObjectAnnotation,
// API_ListObjectAnnotations, API_DeleteObjectAnnotation; aws-sdk-go-v2
// service/s3 v1.114.9 serializers.go):
//
//	PUT    /KEY?annotation&annotationName=N[&versionId=V]  PutObjectAnnotation
//	GET    /KEY?annotation&annotationName=N[&versionId=V]  GetObjectAnnotation
//	GET    /KEY?annotation[&annotation-prefix=..]          ListObjectAnnotations
//	DELETE /KEY?annotation&annotationName=N[&versionId=V]  DeleteObjectAnnotation
//
// An annotation belongs to the version named (the current one without
// versionId) and never changes the object: its body, ETag, version and
// dates stay as they are. The annotations are records of their own
// (store.S3AnnotationKind) that go with their version in the transaction
// that removes or replaces it (deleteVersion, commitObject). The limits
// and refusals are in annotationcheck.go; what the documents leave open is
// in docs/deviations.md (object annotations).

// annotationName is the annotation a request names (annotationName).
func annotationName(rq *req) string { return rq.q.Get("annotationName") }

// annotationVersionHeader adds x-amz-object-version-id, the version the
// annotation belongs to, as x-amz-version-id is added to the object's
// own answers (versionHeader): not for the "null" version of a bucket
// that was never versioned.
func annotationVersionHeader(res *result, b *bucketState, o *store.S3Object) *result {
	if b.Versioning != "" || o.VersionID != "null" {
		res.set("X-Amz-Object-Version-Id", o.VersionID)
	}
	return res
}

// putAnnotationXML is PutObjectAnnotation's answer body (the model's
// PutObjectAnnotationOutput body members: Key and AnnotationName).
type putAnnotationXML struct {
	XMLName        xml.Name `xml:"PutObjectAnnotationOutput"`
	NS             string   `xml:"xmlns,attr"`
	Key            string   `xml:"Key"`
	AnnotationName string   `xml:"AnnotationName"`
}

// putObjectAnnotation serves PutObjectAnnotation: it creates the named
// annotation on the version, or replaces its payload.
func (h *Handler) putObjectAnnotation(rq *req) (*result, error) {
	name := annotationName(rq)
	if err := checkAnnotationName(name); err != nil {
		return nil, err
	}
	raw, err := readAnnotationPayload(rq)
	if err != nil {
		return nil, err
	}
	b, o, err := h.loadForAnnotationWrite(rq, "s3:PutObjectAnnotation")
	if err != nil {
		return nil, err
	}
	if o.SSE == sseCustomer {
		return nil, errInvalidRequest(msgAnnotationSSEC)
	}
	a, err := newAnnotation(rq, name, raw, h.now())
	if err != nil {
		return nil, err
	}
	err = h.db.Batch(rq.ctx, func(tx *store.Tx) error {
		cur, err := h.annotatedVersion(tx, rq, o)
		if err != nil {
			return err
		}
		if err := roomForAnnotation(tx, rq.bucket, cur, name); err != nil {
			return err
		}
		return tx.Put(store.Global, store.S3AnnotationKind(rq.bucket), store.S3AnnotationKey(cur.Key, cur.Seq, name), a)
	})
	if err != nil {
		return nil, err
	}
	res := &result{xml: &putAnnotationXML{NS: xmlns, Key: rq.key, AnnotationName: name}}
	res.set("ETag", a.ETag)
	res.set(checksumHeader(a.ChecksumAlgorithm), a.Checksum)
	res.set("X-Amz-Checksum-Type", a.ChecksumType)
	res.set("X-Amz-Server-Side-Encryption", annotationSSE(o))
	return annotationVersionHeader(res, b, o), nil
}

// newAnnotation is the annotation name with payload raw, written at now:
// its ETag is the payload's MD5, its checksum the one the request sent or
// names (x-amz-checksum-*, a trailer, x-amz-sdk-checksum-algorithm), else
// CRC64NVME, as S3 checksums objects uploaded without one.
func newAnnotation(rq *req, name string, raw []byte, now time.Time) (*store.S3Annotation, error) {
	alg, _ := requestedChecksum(rq.r)
	if alg == "" {
		alg = defaultChecksumAlg
	}
	ck, ok := sigv4.Checksum(alg)
	if !ok {
		return nil, errInvalidRequest("Value for x-amz-checksum-algorithm header is invalid.")
	}
	ck.Write(raw)
	sum := md5.Sum(raw)
	return &store.S3Annotation{Name: name, Payload: string(raw), Size: int64(len(raw)), ETag: etagOf(sum[:]), Modified: now.UTC(),
		ChecksumAlgorithm: alg, Checksum: sigv4.ChecksumString(ck), ChecksumType: "FULL_OBJECT"}, nil
}

// annotationSSE is the encryption an object's annotations report: the
// object's own ("Annotations inherit the encryption of their parent
// object"), SSE-S3 for an object stored without any.
func annotationSSE(o *store.S3Object) string {
	if o.SSE == "" {
		return "AES256"
	}
	return o.SSE
}

// objectIfMatch is the x-amz-object-if-match condition on the object's
// ETag, and whether the request sent one.
func objectIfMatch(rq *req) (string, bool) {
	v, ok := rq.r.Header["X-Amz-Object-If-Match"]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// annotatedVersion reads again, in the writing transaction, the version o
// a write to its annotations was authorized for: NoSuchKey (or
// NoSuchVersion) when it is gone or was replaced since, 412
// PreconditionFailed when x-amz-object-if-match was sent and does not
// match its ETag.
func (h *Handler) annotatedVersion(tx *store.Tx, rq *req, o *store.S3Object) (*store.S3Object, error) {
	sb, err := h.bucketRecord(tx, rq.bucket)
	if err != nil {
		return nil, err
	}
	if err := rq.sameBucket(sb); err != nil {
		return nil, err
	}
	cur, err := findVersion(tx, rq.bucket, o.Key, o.VersionID)
	if err != nil {
		return nil, err
	}
	if cur == nil || cur.Seq != o.Seq {
		if v := rq.q.Get("versionId"); v != "" {
			return nil, errNoSuchVersion(rq.key, v)
		}
		return nil, errNoSuchKey(rq.key)
	}
	if ifMatch, ok := objectIfMatch(rq); ok && !etagMatches(ifMatch, cur.ETag) {
		return nil, errPrecondition("x-amz-object-if-match")
	}
	return cur, nil
}

// roomForAnnotation refuses a new annotation on a version that has
// maxAnnotations already (AnnotationLimitExceeded); replacing one of them
// is not a new one. The walk reads keys only, never the payloads.
func roomForAnnotation(tx *store.Tx, bucket string, o *store.S3Object, name string) error {
	kind := store.S3AnnotationKind(bucket)
	if tx.Exists(store.Global, kind, store.S3AnnotationKey(o.Key, o.Seq, name)) {
		return nil
	}
	n := 0
	err := tx.ForEach(store.Global, kind, store.S3AnnotationPrefix(o.Key, o.Seq), "", func(string, store.Decoder) error {
		if n++; n >= maxAnnotations {
			return errAnnotationLimit()
		}
		return nil
	})
	return err
}

// loadForAnnotationWrite is loadForSubresource for PutObjectAnnotation
// and DeleteObjectAnnotation, which change the version and so are held
// by its Object Lock as a deletion is: a legal hold (or an event hold) or
// COMPLIANCE retention refuses them, GOVERNANCE retention unless the
// request bypasses it (x-amz-bypass-governance-retention and
// s3:BypassGovernanceRetention; API_DeleteObjectAnnotation: "If the
// object is protected by Object Lock in governance mode, you must also
// include the x-amz-bypass-governance-retention header").
func (h *Handler) loadForAnnotationWrite(rq *req, action string) (*bucketState, *store.S3Object, error) {
	b, o, err := h.loadForSubresource(rq, action)
	if err != nil {
		return nil, nil, err
	}
	if !lockBlocksDelete(o, h.now(), false) {
		return b, o, nil
	}
	bypass, bypassErr := h.bypassGovernance(rq, b, rq.key)
	if lockBlocksDelete(o, h.now(), bypass) {
		return nil, nil, annotationLockDenied(o, bypassErr)
	}
	return b, o, nil
}

// annotationLockDenied is the refusal of an annotation write to locked
// version o: a refused bypass when only GOVERNANCE retention stood in the
// way (as lockDenied), else AccessDenied naming what protects it, as AWS
// was observed answering annotation writes ("Access Denied because object
// protected by object lock retention." / "... legal hold.",
// ministackorg/ministack tests/test_s3_annotations.py, observed in
// ap-southeast-2 on 2026-09-28); an event hold keeps the message of the
// object's other writes.
func annotationLockDenied(o *store.S3Object, bypassErr error) error {
	switch {
	case o.LegalHold == "ON":
		return awserr.New(codeAccessDenied, http.StatusForbidden, "Access Denied because object protected by object lock legal hold.")
	case held(o):
		return errLockProtected()
	case bypassErr != nil && o.LockMode == lockGovernance:
		return bypassErr
	}
	return awserr.New(codeAccessDenied, http.StatusForbidden, "Access Denied because object protected by object lock retention.")
}

// getObjectAnnotation serves GetObjectAnnotation: the payload as the
// answer's body, with its ETag, size and date, and its checksum when
// x-amz-checksum-mode is ENABLED.
func (h *Handler) getObjectAnnotation(rq *req) (*result, error) {
	name := annotationName(rq)
	b, o, err := h.loadForSubresource(rq, "s3:GetObjectAnnotation")
	if err != nil {
		return nil, err
	}
	var a store.S3Annotation
	err = h.db.View(rq.ctx, func(tx *store.Tx) error {
		return tx.Get(store.Global, store.S3AnnotationKind(rq.bucket), store.S3AnnotationKey(o.Key, o.Seq, name), &a)
	})
	if errors.Is(err, store.ErrNotFound) || name == "" {
		return nil, errNoSuchAnnotation(name)
	}
	if err != nil {
		return nil, err
	}
	res := &result{body: io.NopCloser(strings.NewReader(a.Payload)), size: int64(len(a.Payload))}
	res.set("Content-Type", "application/octet-stream")
	res.set("ETag", a.ETag)
	res.set("Last-Modified", a.Modified.UTC().Format(http.TimeFormat))
	res.set("X-Amz-Server-Side-Encryption", annotationSSE(o))
	if strings.EqualFold(rq.r.Header.Get("X-Amz-Checksum-Mode"), "ENABLED") && a.Checksum != "" {
		res.set(checksumHeader(a.ChecksumAlgorithm), a.Checksum)
		res.set("X-Amz-Checksum-Type", a.ChecksumType)
	}
	return annotationVersionHeader(res, b, o), nil
}

// deleteObjectAnnotation serves DeleteObjectAnnotation: 204 whether or
// not the version had the annotation (the model lists no
// NoSuchAnnotation among its errors, only NoSuchBucket and NoSuchKey).
func (h *Handler) deleteObjectAnnotation(rq *req) (*result, error) {
	name := annotationName(rq)
	if name == "" {
		return nil, errInvalidAnnotationName(name)
	}
	b, o, err := h.loadForAnnotationWrite(rq, "s3:DeleteObjectAnnotation")
	if err != nil {
		return nil, err
	}
	err = h.db.Batch(rq.ctx, func(tx *store.Tx) error {
		cur, err := h.annotatedVersion(tx, rq, o)
		if err != nil {
			return err
		}
		err = tx.Delete(store.Global, store.S3AnnotationKind(rq.bucket), store.S3AnnotationKey(cur.Key, cur.Seq, name))
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return annotationVersionHeader(&result{status: http.StatusNoContent}, b, o), nil
}
