package s3

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/sigv4"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// CopyObject copies the source version's annotations to the new object
// unless x-amz-object-annotation-directive (a header, or a query
// parameter of that name for presigned URLs) is EXCLUDE; COPY is the
// default. Copying them needs s3:GetObjectAnnotation on the source and
// s3:PutObjectAnnotation on the destination (API_CopyObject,
// AnnotationDirective; S3 User Guide, annotations-overview: "CopyObject:
// Copies annotations from the source object by default"). The copies are
// written in the transaction that commits the new object, read from the
// source in that same transaction before the commit may replace it (a
// copy onto its own key keeps them), and checksummed again with the
// copy's x-amz-checksum-algorithm when it names another algorithm ("the
// new algorithm applies to both the object and its annotations").

const hdrAnnotationDirective = "X-Amz-Object-Annotation-Directive"

// readAnnotationDirective reports whether a copy excludes the source's
// annotations; a directive other than COPY or EXCLUDE is InvalidArgument,
// as an unknown metadata directive is.
func readAnnotationDirective(r *http.Request) (exclude bool, err error) {
	v := r.Header.Get(hdrAnnotationDirective)
	if _, sent := r.Header[hdrAnnotationDirective]; !sent {
		v = r.URL.Query().Get("x-amz-object-annotation-directive")
	}
	switch v {
	case "", "COPY":
		return false, nil
	case "EXCLUDE":
		return true, nil
	}
	return false, errInvalidArgument("Unknown annotation directive.", "x-amz-object-annotation-directive", v)
}

// annotationCarry is a copy's carrying of its source version's
// annotations to the new object.
type annotationCarry struct {
	bucket, key string
	seq         uint64
	alg         string // the copy's x-amz-checksum-algorithm, upper case
	// allowed: the caller may read the source's annotations and write the
	// destination's, asked when the source had some.
	allowed bool
}

// errAnnotationsChanged is the retryable answer to a copy whose source
// gained annotations after the copy was authorized without them ("If
// annotations on the source are modified during the copy, Amazon S3
// returns a retryable error").
func errAnnotationsChanged() *awserr.Error { return awserr.Internal() }

// carryAnnotations settles what a copy of source version src (in the
// bucket and under the key cs names) into the request's key, of
// destination bucket b, does with src's annotations: nil when the copy
// excludes them or the new object is SSE-C (which cannot have any);
// otherwise the carry, authorized when src has any.
func (h *Handler) carryAnnotations(rq *req, b *bucketState, cs *copySource, src *store.S3Object, dir copyDirectives) (*annotationCarry, error) {
	if dir.excludeAnnotations || rq.r.Header.Get(hdrSSECAlgorithm) != "" {
		return nil, nil
	}
	carry := &annotationCarry{bucket: cs.bucket, key: src.Key, seq: src.Seq,
		alg: strings.ToUpper(rq.r.Header.Get("X-Amz-Checksum-Algorithm"))}
	var sb *bucketState
	has := false
	gen := h.generations()
	err := h.db.View(rq.ctx, func(tx *store.Tx) error {
		var err error
		if sb, err = h.loadBucketShared(tx, cs.bucket, gen); err != nil {
			return err
		}
		return tx.ForEach(store.Global, store.S3AnnotationKind(cs.bucket), store.S3AnnotationPrefix(src.Key, src.Seq), "",
			func(string, store.Decoder) error {
				has = true
				return store.ErrStop
			})
	})
	if err != nil || !has {
		return carry, err
	}
	srcReq := &req{w: rq.w, r: rq.r, ctx: rq.ctx, info: rq.info, bucket: cs.bucket, key: cs.key, hasKey: true, q: url.Values{}, asked: rq.asked}
	read := check{action: "s3:GetObjectAnnotation", resource: objectARN(cs.bucket, cs.key),
		cond: conds("s3:VersionId", cs.versionID), object: src}
	if err := h.authorize(srcReq, sb, read); err != nil {
		return nil, err
	}
	if err := h.authorize(rq, b, check{action: "s3:PutObjectAnnotation", resource: rq.objectARN(), cond: headerConds(nil, rq.r)}); err != nil {
		return nil, err
	}
	carry.allowed = true
	return carry, nil
}

// read returns the source's annotations as the committing transaction
// sees them; any the copy was not authorized for refuse it.
func (c *annotationCarry) read(tx *store.Tx) ([]store.S3Annotation, error) {
	var out []store.S3Annotation
	err := tx.ForEach(store.Global, store.S3AnnotationKind(c.bucket), store.S3AnnotationPrefix(c.key, c.seq), "",
		func(_ string, dec store.Decoder) error {
			if !c.allowed {
				return errAnnotationsChanged()
			}
			var a store.S3Annotation
			if err := dec(&a); err != nil {
				return err
			}
			out = append(out, a)
			return nil
		})
	return out, err
}

// write stores as, the source's annotations, on o, the object just
// committed in bucket, dated as o.
func (c *annotationCarry) write(tx *store.Tx, bucket string, o *store.S3Object, as []store.S3Annotation) error {
	for _, a := range as {
		a.Modified = o.Modified
		if c.alg != "" && c.alg != a.ChecksumAlgorithm {
			if ck, ok := sigv4.Checksum(c.alg); ok {
				ck.Write([]byte(a.Payload))
				a.ChecksumAlgorithm, a.Checksum, a.ChecksumType = c.alg, sigv4.ChecksumString(ck), "FULL_OBJECT"
			}
		}
		if err := tx.Put(store.Global, store.S3AnnotationKind(bucket), store.S3AnnotationKey(o.Key, o.Seq, a.Name), &a); err != nil {
			return err
		}
	}
	return nil
}
