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
func named(method, name string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := name
		switch {
		case method == http.MethodHead && strings.HasPrefix(n, "Get"):
			n = "Head" + n[len("Get"):]
		case r.Header.Get("x-amz-copy-source") != "" && n == "PutObject":
			n = "CopyObject"
		case r.Header.Get("x-amz-copy-source") != "" && n == "UploadPart":
			n = "UploadPartCopy"
		}
		ctx := r.Context()
		authz.SetOperation(ctx, n)
		if rq, _ := ctx.Value(reqKey{}).(*req); rq != nil && rq.bucket != "" {
			res := rq.bucketARN()
			if rq.hasKey {
				res = rq.objectARN()
			}
			authz.Describe(ctx, "", res)
		}
		next.ServeHTTP(w, r)
	})
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
	// Go initialisms back to AWS's spelling.
	return strings.NewReplacer("ACL", "Acl", "CORS", "Cors", "ID", "Id").Replace(n)
}
