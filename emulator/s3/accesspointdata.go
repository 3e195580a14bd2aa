package s3

import (
	"errors"
	"net/http"
	"regexp"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// Requests through an access point. A request names an access point by
// its alias in place of a bucket name, path-style or virtual-hosted
// ("Access point aliases": usable "anywhere a bucket name is used to
// perform object-level operations"), or by the host an SDK makes of its
// ARN (namedAccessPoint); it then acts on the access point's
// bucket, and is allowed only when both sides allow it:
//
//   - the bucket, as any request to it, where the bucket policy now sees
//     s3:DataAccessPointArn, s3:DataAccessPointAccount and
//     s3:AccessPointNetworkOrigin, which is how a bucket delegates access
//     control to its access points;
//   - the access point: the caller's identity policies and the access
//     point policy, for the action on the access point's ARN
//     (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME, objects as
//     .../NAME/object/KEY).
//
// ("Configuring IAM policies for using access points": permissions an
// access point policy grants are effective only if the bucket's allow the
// same access.) Access points take no anonymous requests, and only the
// operations of "Access point compatibility": object operations and the
// bucket reads listed in accessPointBucketReads.

// throughAccessPoint resolves a bucket name that names an access point:
// its alias, or, as the host of a virtual-hosted request, NAME-ACCOUNT,
// the form SDKs give an access point ARN's host under a custom endpoint
// (aws-sdk-go-v2 and botocore's endpoint rules: "{name}-{account}." before
// the endpoint's authority). The request then acts on the access point's
// bucket.
func (h *Handler) throughAccessPoint(rq *req) error {
	ap, err := h.namedAccessPoint(rq)
	if err != nil || ap == nil {
		return err // a name of no access point is a bucket's, existing or not
	}
	if !accessPointServes(rq) {
		return errMethodNotAllowed(rq.r.Method, "ACCESSPOINT")
	}
	rq.bucket, rq.accessPoint = ap.Bucket, ap
	return nil
}

// hostAccessPoint is the NAME-ACCOUNT form of an access point's host label.
var hostAccessPoint = regexp.MustCompile(`^([a-z0-9][a-z0-9-]{1,48}[a-z0-9])-(\d{12})$`)

// endsInAccountID reports whether name ends in "-" and 12 digits.
func endsInAccountID(name string) bool {
	n := len(name)
	if n < 14 || name[n-13] != '-' {
		return false
	}
	for i := n - 12; i < n; i++ {
		if name[i] < '0' || name[i] > '9' {
			return false
		}
	}
	return true
}

// namedAccessPoint is the access point the request's bucket name names,
// or nil. A bucket of that name wins over the NAME-ACCOUNT form; no bucket
// name ends in -s3alias (bucketnames.go).
func (h *Handler) namedAccessPoint(rq *req) (*store.AccessPoint, error) {
	alias := strings.HasSuffix(rq.bucket, "-s3alias")
	var m []string
	if !alias {
		// Every request with a bucket comes here: the byte check keeps the
		// expression and the host parse off names that cannot match.
		if !endsInAccountID(rq.bucket) {
			return nil, nil
		}
		if m = hostAccessPoint.FindStringSubmatch(rq.bucket); m == nil || h.BucketFromHost(rq.r.Host) != rq.bucket {
			return nil, nil
		}
	}
	var ap *store.AccessPoint
	err := h.db.View(rq.ctx, func(tx *store.Tx) error {
		ref := store.AccessPointRef{}
		if alias {
			if err := tx.Get(store.Global, store.KindAccessPointAlias, rq.bucket, &ref); err != nil {
				return ignoreNotFound(err)
			}
		} else {
			if tx.Exists(store.Global, store.KindBucket, rq.bucket) {
				return nil
			}
			ref = store.AccessPointRef{Account: m[2], Name: m[1]}
		}
		var got store.AccessPoint
		if err := tx.Get(ref.Account, store.KindAccessPoint, ref.Name, &got); err != nil {
			return ignoreNotFound(err)
		}
		if !alias || got.Alias == rq.bucket {
			ap = &got
		}
		return nil
	})
	return ap, err
}

func ignoreNotFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}

// accessPointBucketReads are the bucket-level operations an access point
// serves, by sub-resource ("" the bucket itself: ListObjects(V2),
// HeadBucket): "Access point compatibility" in the S3 User Guide.
var accessPointBucketReads = map[string]bool{
	"": true, "versions": true, "uploads": true, "location": true, "acl": true, "cors": true,
	"notification": true, "policy": true, "policyStatus": true, "ownershipControls": true,
}

// accessPointServes reports whether an access point serves the request's
// operation: any object operation, DeleteObjects, and the bucket reads.
func accessPointServes(rq *req) bool {
	if rq.hasKey {
		return true
	}
	if rq.r.Method == http.MethodPost {
		return rq.q.Has("delete")
	}
	if rq.r.Method != http.MethodGet && rq.r.Method != http.MethodHead {
		return false
	}
	for k := range rq.q {
		if subresources[k] && !accessPointBucketReads[k] {
			return false
		}
	}
	return true
}

// accessPointKeys adds to cond (copied) the condition keys a request
// through ap carries.
func accessPointKeys(ap *store.AccessPoint, cond map[string][]string) map[string][]string {
	out := make(map[string][]string, len(cond)+3)
	for k, v := range cond {
		out[k] = v
	}
	out["s3:DataAccessPointArn"] = []string{accessPointARN(ap.Region, ap.Account, ap.Name)}
	out["s3:DataAccessPointAccount"] = []string{ap.Account}
	out["s3:AccessPointNetworkOrigin"] = []string{"Internet"}
	return out
}

// accessPointResource is resource (a bucket or object ARN of ap's bucket)
// as the access point names it.
func accessPointResource(ap *store.AccessPoint, resource string) string {
	arn := accessPointARN(ap.Region, ap.Account, ap.Name)
	bucket := bucketARN(ap.Bucket)
	if key, ok := strings.CutPrefix(resource, bucket+"/"); ok {
		return arn + "/object/" + key
	}
	return arn
}

// authorizeAccessPoint decides c on the access point side: the caller's
// identity policies and the access point policy, for c's action on the
// access point's resource. An anonymous caller is refused.
func (h *Handler) authorizeAccessPoint(rq *req, ap *store.AccessPoint, c check) error {
	if rq.anonymous() {
		return errAccessDenied()
	}
	ac := authz.Check{Action: c.action, Resource: accessPointResource(ap, c.resource), ResourceAccount: ap.Account,
		Context: c.cond, Region: ap.Region, ResourceKind: evaluator.KindResource}
	if ap.Policy != "" {
		outsider := rq.callerAccount() != ap.Account
		if !(ap.PublicAccessBlock.RestrictPublicBuckets && outsider && isPublicPolicy(ap.Policy)) {
			// A stored policy that no longer parses denies everything.
			pol := h.authz.ParseStored("access point policy of "+ap.Name, ap.Policy, evaluator.KindResource)
			ac.ResourcePolicy = &pol
		}
	}
	return h.decide(rq, ac)
}
