package s3

import (
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// deleteObject serves DeleteObject.
func (h *Handler) deleteObject(rq *req) (*result, error) {
	b, err := h.deletionBucket(rq)
	if err != nil {
		return nil, err
	}
	versionID := rq.q.Get("versionId")
	// Conditional deletes by time or size are for directory buckets only
	// (LocalStack test_s3_api.snapshot.json TestS3DeletePrecondition
	// test_delete_object_if_match_modified_non_express, ..._size_non_express,
	// ..._all_non_express: 501 naming the time header first).
	for _, hd := range []string{"x-amz-if-match-last-modified-time", "x-amz-if-match-size"} {
		if rq.r.Header.Get(hd) != "" {
			return nil, errNotImplementedHere(hd)
		}
	}
	ifMatch := rq.r.Header.Get("If-Match")
	// A conditional delete judges the current version only; naming a
	// version as well is 501 even when the ETag matches (AWS probed in
	// localstack/localstack#13894, us-east-1, 2026-03-06; which header the
	// answer's Header element names is not quoted).
	if ifMatch != "" && versionID != "" {
		return nil, errNotImplementedHere("If-Match")
	}
	r, err := h.deleteOne(rq, b, rq.key, versionID, deleteMatch{etag: ifMatch})
	if err != nil {
		return nil, err
	}
	if r.missing && !validVersionID(versionID) {
		return nil, errInvalidVersionID(versionID)
	}
	res := &result{status: http.StatusNoContent}
	if r.marker {
		res.set("X-Amz-Delete-Marker", "true")
	}
	if r.versionID != "" && (b.Versioning != "" || versionID != "") {
		res.set("X-Amz-Version-Id", r.versionID)
	}
	return res, nil
}

type deleted struct {
	marker    bool   // the call created or removed a delete marker
	versionID string // the version removed, or the new marker's
	missing   bool   // the named version does not exist (nothing done)
}

// deleteMatch is a conditional delete's ETag condition ("" for none): the
// If-Match header of DeleteObject, a list of ETags, or the ETag element of
// a DeleteObjects entry, which is one ETag: AWS answers an entry's
// `"0000000000000000", "<the object's ETag>"` with PreconditionFailed and
// keeps the object (justincormack/argmin object_delete.rs
// test_multi_object_delete_etag_comma_list_is_not_if_match_list, 2026).
type deleteMatch struct {
	etag  string
	entry bool
}

// matches reports whether an object with ETag etag meets the condition.
func (m deleteMatch) matches(etag string) bool {
	if !m.entry {
		return etagMatches(m.etag, etag)
	}
	v := strings.TrimSpace(m.etag)
	return v == "*" || strings.Trim(v, `"`) == strings.Trim(etag, `"`)
}

// deleteOne authorizes and performs one deletion under the condition
// ifMatch. b, which authorizes it, is only read (it may be the shared
// bucketShared copy); the deletion reads the bucket record again in its
// own transaction.
func (h *Handler) deleteOne(rq *req, b *bucketState, key, versionID string, ifMatch deleteMatch) (*deleted, error) {
	if err := h.authorizeDelete(rq, b, key, versionID, ifMatch.etag); err != nil {
		return nil, err
	}
	var bypass bool
	var bypassErr error
	if versionID != "" {
		bypass, bypassErr = h.bypassGovernance(rq, b, key)
	}
	out := &deleted{}
	var orphans []string
	// Concurrent deletes share one commit (store.DB.Batch); a run sets
	// out and orphans afresh, as a second run must. A delete frees space,
	// so it may use the store's space reserve on a full disk
	// (store.DB.BatchFreeing).
	err := h.db.BatchFreeing(rq.ctx, func(tx *store.Tx) error {
		*out, orphans = deleted{}, nil
		// Only the bucket record, as this transaction reads it (its
		// versioning decides between removal and a delete marker), shared
		// while its bytes are unchanged (store.Memo) and only read.
		sb, err := h.bucketRecord(tx, rq.bucket)
		if err != nil {
			return err
		}
		if err := rq.sameBucket(sb); err != nil {
			return err
		}
		if err := checkDeleteMatch(tx, rq.bucket, key, ifMatch); err != nil {
			return err
		}
		if versionID != "" && mfaDeleteOn(sb) && !rq.mfaVerified {
			if err := h.checkMFA(rq, tx, sb.Account); err != nil {
				return err
			}
		}
		if versionID != "" {
			o, err := findVersion(tx, rq.bucket, key, versionID)
			if err != nil {
				return err
			}
			if lockBlocksDelete(o, h.now(), bypass) {
				return lockDenied(o, bypassErr)
			}
			// A refused bypass header refuses the version delete even
			// when nothing is locked: AWS answers AccessDenied for a
			// missing version (justincormack/argmin object_lock.rs
			// test_object_lock_missing_version_delete_with_bypass_header_requires_bypass_allow).
			if bypassErr != nil {
				return bypassErr
			}
			if o == nil {
				out.versionID, out.missing = versionID, true
				return nil
			}
			out.versionID, out.marker = o.VersionID, o.DeleteMarker
			orphans = bodyIDs(o)
			return deleteVersion(tx, rq.bucket, o)
		}
		switch sb.Versioning {
		case "":
			o, err := currentObject(tx, rq.bucket, key)
			if err != nil || o == nil {
				return err
			}
			orphans = bodyIDs(o)
			return deleteVersion(tx, rq.bucket, o)
		default:
			marker := &store.S3Object{Key: key, DeleteMarker: true, Owner: rq.objectOwner(sb),
				Modified: h.now().UTC()}
			orphans, err = commitObject(tx, sb, marker)
			out.marker, out.versionID = true, marker.VersionID
			return err
		}
	})
	if err != nil {
		return nil, err
	}
	h.removeBodies(orphans)
	return out, nil
}

// authorizeDelete reads the object (or version) a deletion of key names
// and authorizes the deletion; ifMatch is the conditional delete's If-Match
// ("" for none). deleteOne (DeleteObject, each key of DeleteObjects) and
// Explain (operations DeleteObject and DeleteObjects) ask through it.
func (h *Handler) authorizeDelete(rq *req, b *bucketState, key, versionID, ifMatch string) error {
	var cur *store.S3Object
	if err := h.db.View(rq.ctx, func(tx *store.Tx) error {
		var err error
		cur, err = lookupObject(tx, rq.bucket, key, versionID)
		return err
	}); err != nil {
		return err
	}
	action := versionAction("s3:DeleteObject", versionID)
	// s3:if-match is the conditional delete's If-Match (DeleteObjects: the
	// object's ETag element), so a bucket policy can demand conditional
	// deletes with "Null": {"s3:if-match": "false"}
	// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-delete-enforce.html).
	// No s3:ExistingObjectTag: the Service Authorization Reference lists it
	// for neither s3:DeleteObject nor s3:DeleteObjectVersion, and a delete
	// on a live account carries no object tag key (floci-io/floci#3946),
	// so "delete only objects tagged ..." allows no delete, as on AWS.
	cond := conds("s3:VersionId", versionID, "s3:if-match", ifMatch)
	if err := h.authorize(rq, b, check{action: action, resource: objectARN(rq.bucket, key), cond: cond, object: cur}); err != nil {
		return err
	}
	if ifMatch != "" && strings.TrimSpace(ifMatch) != "*" {
		// Comparing ETags reads the object: s3:GetObject too
		// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html).
		return h.authorize(rq, b, check{action: "s3:GetObject", resource: objectARN(rq.bucket, key), cond: existingTagConds(nil, cur), object: cur})
	}
	return nil
}

// deletionBucket reads the bucket of a DeleteObject or DeleteObjects
// (the shared copy, only read) and refuses the governance bypass header
// on a bucket without Object Lock (bypassNeedsLock).
func (h *Handler) deletionBucket(rq *req) (*bucketState, error) {
	b, err := h.bucketShared(rq)
	if err != nil {
		return nil, err
	}
	return b, bypassNeedsLock(rq, b)
}

// bypassNeedsLock refuses x-amz-bypass-governance-retention, whatever its
// value, on a bucket without Object Lock, as DeleteObject and
// DeleteObjects do (LocalStack test_s3_api.snapshot.json
// test_delete_object_with_no_locking: InvalidArgument with ArgumentName
// only).
func bypassNeedsLock(rq *req, b *bucketState) error {
	if b.ObjectLock || rq.r.Header.Get("X-Amz-Bypass-Governance-Retention") == "" {
		return nil
	}
	return awserr.New(codeInvalidArgument, http.StatusBadRequest,
		"x-amz-bypass-governance-retention is only applicable to Object Lock enabled buckets.").
		With("ArgumentName", "x-amz-bypass-governance-retention")
}

// checkDeleteMatch applies a conditional delete's If-Match to the key's
// current version: "*" needs an object, an ETag needs that object; 412
// PreconditionFailed when the ETag differs, 404 NoSuchKey when there is
// no object or a delete marker is current
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html;
// LocalStack test_s3_api.snapshot.json TestS3DeletePrecondition
// test_delete_object_if_match_non_express).
func checkDeleteMatch(tx *store.Tx, bucket, key string, ifMatch deleteMatch) error {
	if ifMatch.etag == "" {
		return nil
	}
	cur, err := currentObject(tx, bucket, key)
	if err != nil {
		return err
	}
	if cur == nil || cur.DeleteMarker {
		return errNoSuchKey(key)
	}
	if !ifMatch.matches(cur.ETag) {
		return errPrecondition("If-Match")
	}
	return nil
}

// deleteOutcome is what deleteOne answered for one DeleteObjects entry.
type deleteOutcome struct {
	d   *deleted
	err error
}

// deleteWorkers is how many entries of one DeleteObjects are deleted at a
// time.
const deleteWorkers = 64

// deleteEach deletes DeleteObjects' entries, deleteWorkers at a time, so
// that their writes share commit rounds (store.DB.Batch): 1,000 keys take
// a few rounds rather than 1,000 in a row. Outcomes come back in entries'
// order. An entry naming the version "" is not deleted: an empty
// <VersionId/> names a version that does not exist, not the current one,
// and AWS answers NoSuchVersion for the key (brendanhay/amazonka#160,
// wal-g/wal-g#2549).
func (h *Handler) deleteEach(rq *req, b *bucketState, entries []deleteEntry) []deleteOutcome {
	out := make([]deleteOutcome, len(entries))
	sem := make(chan struct{}, deleteWorkers)
	var wg sync.WaitGroup
	for i, e := range entries {
		if e.VersionID == "" && e.versionSent {
			out[i].err = errNoSuchVersion(e.Key, "")
			continue
		}
		// An entry with both VersionId and ETag is NotImplemented, whether
		// the ETag matches or not, and the version is kept (justincormack/
		// argmin object_delete.rs test_versioning_multi_object_delete_
		// version_id_with_etag_not_implemented, against AWS, 2026); the
		// message is unrecorded and DeleteObject's If-Match one is used.
		if e.VersionID != "" && e.ETag != "" {
			out[i].err = awserr.New(codeNotImplemented, http.StatusNotImplemented, msgNotImplementedHeader)
			continue
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() {
				if p := recover(); p != nil {
					out[i].err = fmt.Errorf("delete %q: panic: %v", e.Key, p)
				}
				<-sem
				wg.Done()
			}()
			// Each deletion keeps its own request state (the bucket it
			// was authorized against, the cached object ARN).
			own := *rq
			out[i].d, out[i].err = h.deleteOne(&own, b, e.Key, e.VersionID, deleteMatch{etag: e.ETag, entry: true})
		}()
	}
	wg.Wait()
	return out
}
