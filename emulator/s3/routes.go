package s3

import (
	"net/http"
	"strings"
)

// level says what a path names.
type level int

const (
	levelService level = iota // "/"
	levelBucket               // "/bucket"
	levelObject               // "/bucket/key"
)

// controlPrefix is the path of the account-level S3 Control API served here.
const controlPrefix = "/v20180820/configuration/publicAccessBlock"

// router picks an operation from what the request names (service, bucket
// or object), its method and the sub-resources in its query: the first
// route, in table order, whose method matches and whose query keys are all
// present. It is a table scan over one level's routes, without the
// per-request allocations of a general router.
type router struct {
	control   http.Handler // account-level S3 Control
	preflight http.Handler // CORS preflight (OPTIONS), at every level
	levels    [3][]routeEntry
	// notFound answers a request no route takes (405 MethodNotAllowed).
	notFound http.Handler
}

// routeEntry is one entry of the route table.
type routeEntry struct {
	method string
	query  []string
	name   string // the operation (routed HEADs and copies are named by requestOperation)
	h      http.Handler
}

// ServeHTTP serves r, whose *req is in its context (Handler.ServeHTTP).
func (m *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.EscapedPath(), controlPrefix) {
		m.control.ServeHTTP(w, r)
		return
	}
	if r.Method == http.MethodOptions {
		m.preflight.ServeHTTP(w, r)
		return
	}
	rq, _ := r.Context().Value(reqKey{}).(*req)
	if rq == nil {
		m.notFound.ServeHTTP(w, r)
		return
	}
	if rt, ok := m.match(rq, r.Method); ok {
		rt.h.ServeHTTP(w, r)
		return
	}
	m.notFound.ServeHTTP(w, r)
}

// match is the first route, in table order, at the request's level whose
// method is method and whose query keys the request has.
func (m *router) match(rq *req, method string) (routeEntry, bool) {
	for _, rt := range m.levels[rq.level()] {
		if rt.method == method && hasAll(rq, rt.query) {
			return rt, true
		}
	}
	return routeEntry{}, false
}

// level is what the request's path names.
func (rq *req) level() level {
	switch {
	case rq.bucket == "":
		return levelService
	case !rq.hasKey:
		return levelBucket
	}
	return levelObject
}

// hasAll reports whether the request's query has every key in keys (with
// any value, or none).
func hasAll(rq *req, keys []string) bool {
	for _, k := range keys {
		if _, ok := rq.q[k]; !ok {
			return false
		}
	}
	return true
}

func (h *Handler) routes() *router {
	m := &router{}
	// anyRegion routes op for requests signed for any region; route
	// requires the bucket's region (see inBucketRegion).
	register := func(l level, method string, query []string, name string, op func(*req) (*result, error)) {
		m.levels[l] = append(m.levels[l], routeEntry{method: method, query: query, name: name, h: named(method, name, h.adapt(op))})
		h.ops = append(h.ops, servedNames(method, name)...)
	}
	anyRegion := func(l level, method string, query []string, op func(*req) (*result, error)) {
		register(l, method, query, operationName(op), op)
	}
	route := func(l level, method string, query []string, op func(*req) (*result, error)) {
		register(l, method, query, operationName(op), h.inBucketRegion(op))
	}
	q := func(s ...string) []string { return s }
	const (
		get, put, post, del, head = http.MethodGet, http.MethodPut, http.MethodPost, http.MethodDelete, http.MethodHead
	)

	// Account level (S3 Control).
	h.ops = append(h.ops, "GetPublicAccessBlock (account)", "PutPublicAccessBlock (account)", "DeletePublicAccessBlock (account)")
	m.control = h.adaptControl(h.accountPublicAccessBlock)

	// CORS preflight, at every level; unsigned and never authorized.
	h.ops = append(h.ops, "OPTIONS (CORS preflight)")
	m.preflight = h.adapt(h.preflight)

	route(levelService, get, nil, h.listBuckets)

	// Bucket sub-resources: most specific first.
	route(levelBucket, get, q("policy"), h.getBucketPolicy)
	route(levelBucket, put, q("policy"), h.putBucketPolicy)
	route(levelBucket, del, q("policy"), h.deleteBucketPolicy)
	route(levelBucket, get, q("policyStatus"), h.getBucketPolicyStatus)
	route(levelBucket, get, q("acl"), h.getBucketACL)
	route(levelBucket, put, q("acl"), h.putBucketACL)
	route(levelBucket, get, q("tagging"), h.getBucketTagging)
	route(levelBucket, put, q("tagging"), h.putBucketTagging)
	route(levelBucket, del, q("tagging"), h.deleteBucketTagging)
	route(levelBucket, get, q("versioning"), h.getBucketVersioning)
	route(levelBucket, put, q("versioning"), h.putBucketVersioning)
	anyRegion(levelBucket, get, q("location"), h.getBucketLocation)
	route(levelBucket, get, q("publicAccessBlock"), h.getPublicAccessBlock)
	route(levelBucket, put, q("publicAccessBlock"), h.putPublicAccessBlock)
	route(levelBucket, del, q("publicAccessBlock"), h.deletePublicAccessBlock)
	route(levelBucket, get, q("ownershipControls"), h.getBucketOwnershipControls)
	route(levelBucket, put, q("ownershipControls"), h.putBucketOwnershipControls)
	route(levelBucket, del, q("ownershipControls"), h.deleteBucketOwnershipControls)
	route(levelBucket, get, q("cors"), h.getBucketCors)
	route(levelBucket, put, q("cors"), h.putBucketCors)
	route(levelBucket, del, q("cors"), h.deleteBucketCors)
	route(levelBucket, get, q("lifecycle"), h.getBucketLifecycleConfiguration)
	route(levelBucket, put, q("lifecycle"), h.putBucketLifecycleConfiguration)
	route(levelBucket, del, q("lifecycle"), h.deleteBucketLifecycle)
	route(levelBucket, get, q("encryption"), h.getBucketEncryption)
	route(levelBucket, put, q("encryption"), h.putBucketEncryption)
	route(levelBucket, del, q("encryption"), h.deleteBucketEncryption)
	route(levelBucket, get, q("website"), h.getBucketWebsite)
	route(levelBucket, put, q("website"), h.putBucketWebsite)
	route(levelBucket, del, q("website"), h.deleteBucketWebsite)
	route(levelBucket, get, q("logging"), h.getBucketLogging)
	route(levelBucket, put, q("logging"), h.putBucketLogging)
	route(levelBucket, get, q("notification"), h.getBucketNotification)
	route(levelBucket, put, q("notification"), h.putBucketNotification)
	route(levelBucket, get, q("requestPayment"), h.getBucketRequestPayment)
	route(levelBucket, put, q("requestPayment"), h.putBucketRequestPayment)
	route(levelBucket, get, q("accelerate"), h.getBucketAccelerate)
	route(levelBucket, put, q("accelerate"), h.putBucketAccelerate)
	route(levelBucket, get, q("object-lock"), h.getObjectLockConfiguration)
	route(levelBucket, put, q("object-lock"), h.putObjectLockConfiguration)
	route(levelBucket, get, q("uploads"), h.listMultipartUploads)
	route(levelBucket, get, q("versions"), h.listObjectVersions)
	route(levelBucket, post, q("delete"), h.deleteObjects)
	route(levelBucket, get, q("list-type"), h.listObjectsV2)
	route(levelBucket, get, nil, h.listObjects)
	route(levelBucket, post, nil, h.postObject)
	route(levelBucket, head, nil, h.headBucket)
	anyRegion(levelBucket, put, nil, h.createBucket)
	route(levelBucket, del, nil, h.deleteBucket)

	// Object sub-resources.
	route(levelObject, get, q("acl"), h.getObjectACL)
	route(levelObject, put, q("acl"), h.putObjectACL)
	route(levelObject, get, q("tagging"), h.getObjectTagging)
	route(levelObject, put, q("tagging"), h.putObjectTagging)
	route(levelObject, del, q("tagging"), h.deleteObjectTagging)
	route(levelObject, get, q("attributes"), h.getObjectAttributes)
	route(levelObject, get, q("retention"), h.getObjectRetention)
	route(levelObject, put, q("retention"), h.putObjectRetention)
	route(levelObject, get, q("legal-hold"), h.getObjectLegalHold)
	route(levelObject, put, q("legal-hold"), h.putObjectLegalHold)
	route(levelObject, post, q("uploads"), h.createMultipartUpload)
	route(levelObject, post, q("uploadId"), h.completeMultipartUpload)
	route(levelObject, put, q("partNumber", "uploadId"), h.uploadPart)
	route(levelObject, get, q("uploadId"), h.listParts)
	route(levelObject, del, q("uploadId"), h.abortMultipartUpload)
	route(levelObject, get, nil, h.getObject)
	route(levelObject, head, nil, h.getObject)
	route(levelObject, put, nil, h.putObject)
	route(levelObject, del, nil, h.deleteObject)

	m.notFound = h.adapt(func(rq *req) (*result, error) {
		kind := "OBJECT"
		switch rq.level() {
		case levelService:
			kind = "SERVICE"
		case levelBucket:
			kind = "BUCKET"
		}
		return nil, errMethodNotAllowed(rq.r.Method, kind)
	})
	return m
}

// servedNames are the operation names a route serves as named() tells them
// apart (operationFor): with and without a copy source.
func servedNames(method, name string) []string {
	plain, copied := operationFor(method, name, false), operationFor(method, name, true)
	if plain == copied {
		return []string{plain}
	}
	return []string{plain, copied}
}

// Operations lists the operations the route table serves, by AWS name
// (account-level S3 Control calls and CORS preflights described in words),
// for coverage checks such as conformance/golden.
func (h *Handler) Operations() []string { return append([]string(nil), h.ops...) }
