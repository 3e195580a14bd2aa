package s3

import (
	"net/http"
	"reflect"
	"runtime"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/authz"
)

// named wraps a route's handler so the decision log names the operation
// (GetObject, HeadObject, CopyObject) and the resource of refusals that
// come before any decision (NoSuchBucket). Handlers are named after the
// operation they serve, so name comes from the handler (operationName).
func named(method, name string, next serveFunc) serveFunc {
	return func(rq *req) {
		rq.operation = requestOperation(method, name, rq.r)
		describe(rq.r, rq, rq.operation)
		next(rq)
	}
}

// requestOperation is the AWS operation a request to the route (method,
// name) is (operationFor).
func requestOperation(method, name string, r *http.Request) string {
	return operationFor(method, name, r.Header.Get("X-Amz-Copy-Source") != "")
}

// operationFor names the operation a route (method, name) serves: HEAD of
// a Get route is Head..., a PutObject or UploadPart with a copy source is
// CopyObject or UploadPartCopy.
func operationFor(method, name string, copySource bool) string {
	switch {
	case method == http.MethodHead && strings.HasPrefix(name, "Get"):
		return "Head" + name[len("Get"):]
	case copySource && name == "PutObject":
		return "CopyObject"
	case copySource && name == "UploadPart":
		return "UploadPartCopy"
	}
	return name
}

// describe gives the decision log the operation and, when the request
// names a bucket, its resource ARN.
func describe(r *http.Request, rq *req, operation string) {
	ctx := r.Context()
	authz.SetOperation(ctx, operation)
	if rq != nil && rq.bucket != "" {
		res := rq.bucketARN()
		if rq.hasKey {
			res = rq.objectARN()
		}
		authz.Describe(ctx, "", res)
	}
}

// DescribeUnauthenticated names, for the decision log, the operation and
// resource of an S3 request refused before it reached the handler (an
// unknown key, a bad signature or token), so such refusals tell HEAD from
// GET as routed ones do. It decides nothing.
func (h *Handler) DescribeUnauthenticated(r *http.Request) {
	rq := &req{r: r, ctx: r.Context(), q: r.URL.Query()}
	if h.target(rq) != nil {
		return
	}
	if rt, ok := h.router.match(rq, r.Method); ok {
		describe(r, rq, requestOperation(rt.method, rt.name, r))
	}
}

// operationName turns a handler method value (h.getBucketACL) into the
// AWS operation name (GetBucketAcl).
func operationName(op func(*req) (*result, error)) string {
	f := runtime.FuncForPC(reflect.ValueOf(op).Pointer())
	if f == nil {
		return ""
	}
	n := f.Name()
	n = strings.TrimSuffix(n[strings.LastIndexByte(n, '.')+1:], "-fm")
	if n == "" {
		return ""
	}
	n = strings.ToUpper(n[:1]) + n[1:]
	return awsInitialisms.Replace(n)
}

// awsInitialisms turns Go initialisms back to AWS's spelling; one replacer
// for every route, not one per route built at start-up.
var awsInitialisms = strings.NewReplacer("ACL", "Acl", "CORS", "Cors", "ID", "Id")
