package s3

import (
	"net/http"
	"slices"
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
	control serveFunc // account-level S3 Control
	// controlTags is S3 Control's resource tagging (controltags.go).
	controlTags serveFunc
	// accessPoints is S3 Control's access points (accesspoints.go).
	accessPoints serveFunc
	preflight    serveFunc // CORS preflight (OPTIONS), at every level
	levels       [3][]routeEntry
	// notFound answers a request no route takes (405 MethodNotAllowed).
	notFound serveFunc
}

// serveFunc serves a request Handler.ServeHTTP has read into a *req. Routes
// take the *req itself rather than an http.Request carrying it in its
// context, which would cost a copy of the request and a context per call.
type serveFunc func(rq *req)

// routeEntry is one entry of the route table.
type routeEntry struct {
	method string
	query  []string
	name   string // the operation (routed HEADs and copies are named by requestOperation)
	h      serveFunc
}

// serve serves rq with the route it names.
func (m *router) serve(rq *req) {
	r := rq.r
	if strings.HasPrefix(r.URL.EscapedPath(), controlPrefix) {
		m.control(rq)
		return
	}
	if strings.HasPrefix(r.URL.Path, controlTagsPrefix) {
		m.controlTags(rq)
		return
	}
	if p := r.URL.Path; p == accessPointPrefix || strings.HasPrefix(p, accessPointPrefix+"/") {
		m.accessPoints(rq)
		return
	}
	if r.Method == http.MethodOptions {
		m.preflight(rq)
		return
	}
	if rt, ok := m.match(rq, r.Method); ok {
		rt.h(rq)
		return
	}
	m.notFound(rq)
}

// match is the first route, in table order, at the request's level whose
// method is method and whose query keys the request has.
//
// A route without query keys (the bucket's or the object's plain
// operation) does not take a request naming a sub-resource: DELETE
// /bucket/key?acl is not DeleteObject, PUT /bucket/key?renameObject not
// PutObject. Such a request no route takes is refused (notFound) rather
// than served as an operation it did not ask for.
func (m *router) match(rq *req, method string) (routeEntry, bool) {
	sub := len(rq.q) != 0 && namesSubresource(rq)
	for _, rt := range m.levels[rq.level()] {
		if rt.method == method && hasAll(rq, rt.query) && (len(rt.query) != 0 || !sub) {
			return rt, true
		}
	}
	return routeEntry{}, false
}

// subresources are the query keys by which S3 requests name a bucket or
// object sub-resource (aws-sdk-go-v2 service/s3 serializers), whether
// fakeaws serves it or not; a request carrying one is never a plain
// bucket or object operation.
var subresources = map[string]bool{
	"abac": true, "accelerate": true, "acl": true, "analytics": true, "annotation": true, "attributes": true, "cors": true,
	"delete": true, "encryption": true, "intelligent-tiering": true, "inventory": true, "legal-hold": true,
	"lifecycle": true, "location": true, "logging": true, "metadataAnnotationTable": true, "metadataConfiguration": true,
	"metadataInventoryTable": true, "metadataJournalTable": true, "metadataTable": true, "metrics": true,
	"notification": true, "object-lock": true, "ownershipControls": true, "policy": true,
	"policyStatus": true, "publicAccessBlock": true, "renameObject": true, "replication": true,
	"requestPayment": true, "restore": true, "retention": true, "select": true, "session": true,
	"tagging": true, "torrent": true, "uploadId": true, "uploads": true, "versioning": true,
	"versions": true, "website": true,
}

// namesSubresource reports whether the request's query has a sub-resource
// key.
func namesSubresource(rq *req) bool {
	for k := range rq.q {
		if subresources[k] {
			return true
		}
	}
	return false
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

// routes builds the S3 route table. Within a level the first matching route
// wins, so each level's sub-resource routes come before its plain ones.
func (h *Handler) routes() *router {
	m := &router{}

	// Account level (S3 Control).
	h.ops = append(h.ops, "GetPublicAccessBlock (account)", "PutPublicAccessBlock (account)", "DeletePublicAccessBlock (account)")
	m.control = h.adaptControl(h.accountPublicAccessBlock)
	h.ops = append(h.ops, "TagResource", "UntagResource", "ListTagsForResource")
	m.controlTags = h.adaptControl(h.resourceTags)
	h.ops = append(h.ops, "CreateAccessPoint", "GetAccessPoint", "DeleteAccessPoint", "ListAccessPoints",
		"PutAccessPointPolicy", "GetAccessPointPolicy", "DeleteAccessPointPolicy", "GetAccessPointPolicyStatus")
	m.accessPoints = h.adaptControl(h.accessPoints)

	// CORS preflight, at every level; unsigned and never authorized.
	h.ops = append(h.ops, "OPTIONS (CORS preflight)")
	m.preflight = h.adapt(h.preflight)

	levelRoutes{h, m, levelService}.get(h.listBuckets)

	bucket := levelRoutes{h, m, levelBucket}
	h.bucketConfigurationRoutes(bucket)
	h.bucketRoutes(bucket)

	object := levelRoutes{h, m, levelObject}
	h.objectSubresourceRoutes(object)
	h.multipartRoutes(object)
	h.objectRoutes(object)

	m.notFound = h.adapt(func(rq *req) (*result, error) {
		if err := refuseRenameObject(rq); err != nil {
			return nil, err
		}
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

// bucketConfigurationRoutes routes the bucket sub-resources that hold its
// configuration: policy, ACL, tags, versioning, location, public access
// block, ownership, CORS, lifecycle, encryption, website, logging,
// notifications, request payment, acceleration, Object Lock, replication,
// and the metrics, analytics, inventory and Intelligent-Tiering
// configurations kept by id (bucketconfigs.go). They come before the
// bucket's plain routes, so a request for one is never served as the
// bucket's plain operation (a DELETE of ?metrics deleting the bucket).
func (h *Handler) bucketConfigurationRoutes(bucket levelRoutes) {
	bucket.get(h.getBucketPolicy, "policy")
	bucket.put(h.putBucketPolicy, "policy")
	bucket.del(h.deleteBucketPolicy, "policy")
	bucket.get(h.getBucketPolicyStatus, "policyStatus")
	bucket.get(h.getBucketACL, "acl")
	bucket.put(h.putBucketACL, "acl")
	bucket.get(h.getBucketTagging, "tagging")
	bucket.put(h.putBucketTagging, "tagging")
	bucket.del(h.deleteBucketTagging, "tagging")
	bucket.get(h.getBucketVersioning, "versioning")
	bucket.put(h.putBucketVersioning, "versioning")
	bucket.anyRegion(http.MethodGet, h.getBucketLocation, "location")
	bucket.get(h.getPublicAccessBlock, "publicAccessBlock")
	bucket.put(h.putPublicAccessBlock, "publicAccessBlock")
	bucket.del(h.deletePublicAccessBlock, "publicAccessBlock")
	bucket.get(h.getBucketOwnershipControls, "ownershipControls")
	bucket.put(h.putBucketOwnershipControls, "ownershipControls")
	bucket.del(h.deleteBucketOwnershipControls, "ownershipControls")
	bucket.get(h.getBucketCors, "cors")
	bucket.put(h.putBucketCors, "cors")
	bucket.del(h.deleteBucketCors, "cors")
	bucket.get(h.getBucketLifecycleConfiguration, "lifecycle")
	bucket.put(h.putBucketLifecycleConfiguration, "lifecycle")
	bucket.del(h.deleteBucketLifecycle, "lifecycle")
	bucket.get(h.getBucketEncryption, "encryption")
	bucket.put(h.putBucketEncryption, "encryption")
	bucket.del(h.deleteBucketEncryption, "encryption")
	bucket.get(h.getBucketWebsite, "website")
	bucket.put(h.putBucketWebsite, "website")
	bucket.del(h.deleteBucketWebsite, "website")
	bucket.get(h.getBucketLogging, "logging")
	bucket.put(h.putBucketLogging, "logging")
	bucket.get(h.getBucketNotification, "notification")
	bucket.put(h.putBucketNotification, "notification")
	bucket.get(h.getBucketRequestPayment, "requestPayment")
	bucket.put(h.putBucketRequestPayment, "requestPayment")
	bucket.get(h.getBucketAccelerate, "accelerate")
	bucket.put(h.putBucketAccelerate, "accelerate")
	bucket.get(h.getBucketMetadataConfiguration, "metadataConfiguration")
	bucket.get(h.getBucketMetadataTableConfiguration, "metadataTable")
	bucket.get(h.getBucketAbac, "abac")
	bucket.put(h.putBucketAbac, "abac")
	bucket.get(h.getObjectLockConfiguration, "object-lock")
	bucket.put(h.putObjectLockConfiguration, "object-lock")
	bucket.get(h.getBucketReplication, "replication")
	bucket.put(h.putBucketReplication, "replication")
	bucket.del(h.deleteBucketReplication, "replication")
	bucket.get(h.getBucketMetricsConfiguration, "metrics", "id")
	bucket.put(h.putBucketMetricsConfiguration, "metrics")
	bucket.del(h.deleteBucketMetricsConfiguration, "metrics")
	bucket.get(h.listBucketMetricsConfigurations, "metrics")
	bucket.get(h.getBucketAnalyticsConfiguration, "analytics", "id")
	bucket.put(h.putBucketAnalyticsConfiguration, "analytics")
	bucket.del(h.deleteBucketAnalyticsConfiguration, "analytics")
	bucket.get(h.listBucketAnalyticsConfigurations, "analytics")
	bucket.get(h.getBucketInventoryConfiguration, "inventory", "id")
	bucket.put(h.putBucketInventoryConfiguration, "inventory")
	bucket.del(h.deleteBucketInventoryConfiguration, "inventory")
	bucket.get(h.listBucketInventoryConfigurations, "inventory")
	bucket.get(h.getBucketIntelligentTieringConfiguration, "intelligent-tiering", "id")
	bucket.put(h.putBucketIntelligentTieringConfiguration, "intelligent-tiering")
	bucket.del(h.deleteBucketIntelligentTieringConfiguration, "intelligent-tiering")
	bucket.get(h.listBucketIntelligentTieringConfigurations, "intelligent-tiering")
}

// bucketRoutes routes the bucket itself: listings (of uploads, versions and
// objects), batch delete, browser POST uploads, and create, head and delete.
func (h *Handler) bucketRoutes(bucket levelRoutes) {
	bucket.get(h.listMultipartUploads, "uploads")
	bucket.get(h.listObjectVersions, "versions")
	bucket.post(h.deleteObjects, "delete")
	bucket.get(h.listObjectsV2, "list-type")
	// CreateSession on a general purpose bucket lists it (directoryonly.go).
	bucket.get(h.listObjects, "session")
	bucket.get(h.listObjects)
	bucket.post(h.postObject)
	bucket.head(h.headBucket)
	bucket.anyRegion(http.MethodPut, h.createBucket)
	bucket.del(h.deleteBucket)
}

// objectSubresourceRoutes routes an object's ACL, tags, attributes,
// retention and legal hold, encryption updates, S3 Select, restores and
// annotations.
func (h *Handler) objectSubresourceRoutes(object levelRoutes) {
	object.get(h.getObjectACL, "acl")
	object.put(h.putObjectACL, "acl")
	object.get(h.getObjectTagging, "tagging")
	object.put(h.putObjectTagging, "tagging")
	object.del(h.deleteObjectTagging, "tagging")
	object.get(h.getObjectAttributes, "attributes")
	object.get(h.getObjectRetention, "retention")
	object.put(h.putObjectRetention, "retention")
	object.get(h.getObjectLegalHold, "legal-hold")
	object.put(h.putObjectLegalHold, "legal-hold")
	object.put(h.updateObjectEncryption, "encryption")
	object.post(h.selectObjectContent, "select")
	object.post(h.restoreObject, "restore")
	// Annotations (annotations.go): a GET naming one is
	// GetObjectAnnotation, a GET naming none lists them.
	object.get(h.getObjectAnnotation, "annotation", "annotationName")
	object.get(h.listObjectAnnotations, "annotation")
	object.put(h.putObjectAnnotation, "annotation")
	object.del(h.deleteObjectAnnotation, "annotation")
}

// multipartRoutes routes a multipart upload's steps on its object key.
func (h *Handler) multipartRoutes(object levelRoutes) {
	object.post(h.createMultipartUpload, "uploads")
	object.post(h.completeMultipartUpload, "uploadId")
	object.put(h.uploadPart, "partNumber", "uploadId")
	object.get(h.listParts, "uploadId")
	object.del(h.abortMultipartUpload, "uploadId")
}

// objectRoutes routes the object itself: get, head, put (and copy) and
// delete.
func (h *Handler) objectRoutes(object levelRoutes) {
	object.get(h.getObject)
	object.head(h.getObject)
	object.put(h.putObject)
	object.del(h.deleteObject)
}

// levelRoutes adds the routes of one level to a router and records the
// operation names they serve (Operations). Each method routes op for the
// requests with its HTTP method and every one of the query keys.
type levelRoutes struct {
	h     *Handler
	m     *router
	level level
}

func (t levelRoutes) get(op func(*req) (*result, error), query ...string) {
	t.route(http.MethodGet, op, query)
}

func (t levelRoutes) put(op func(*req) (*result, error), query ...string) {
	t.route(http.MethodPut, op, query)
}

func (t levelRoutes) post(op func(*req) (*result, error), query ...string) {
	t.route(http.MethodPost, op, query)
}

func (t levelRoutes) del(op func(*req) (*result, error), query ...string) {
	t.route(http.MethodDelete, op, query)
}

func (t levelRoutes) head(op func(*req) (*result, error), query ...string) {
	t.route(http.MethodHead, op, query)
}

// route adds a route that requires the bucket's region (see inBucketRegion).
func (t levelRoutes) route(method string, op func(*req) (*result, error), query []string) {
	t.add(method, query, operationName(op), t.h.inBucketRegion(op))
}

// anyRegion adds a route served for requests signed for any region.
func (t levelRoutes) anyRegion(method string, op func(*req) (*result, error), query ...string) {
	t.add(method, query, operationName(op), op)
}

func (t levelRoutes) add(method string, query []string, name string, op func(*req) (*result, error)) {
	t.m.levels[t.level] = append(t.m.levels[t.level], routeEntry{method: method, query: query, name: name, h: named(method, name, t.h.adapt(op))})
	for _, op := range servedNames(method, name) {
		// One operation may have two routes (ListObjects, also for ?session).
		if !slices.Contains(t.h.ops, op) {
			t.h.ops = append(t.h.ops, op)
		}
	}
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
