package s3

import (
	"context"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Explain runs the authorization of a request by caller for action on
// resource (arn:aws:s3:::bucket[/key]) through the same code the real
// request runs (bucket policy, ACLs, Block Public Access, object
// ownership), without serving it. ctx should carry an authz.Collector to
// see each question asked. It returns the error the request would get
// (nil when allowed) and notes on the bucket's settings; a missing bucket
// is NoSuchBucket, as the request would get.
func (h *Handler) Explain(ctx context.Context, caller *authn.Caller, action, resource string, cond map[string][]string) (denied error, notes []string, err error) {
	bucket, key, hasKey := strings.Cut(strings.TrimPrefix(resource, arns.BucketPrefix), "/")
	var b *bucketState
	var obj *store.S3Object
	err = h.db.View(ctx, func(tx *store.Tx) error {
		var err error
		if b, err = loadBucket(tx, bucket); err != nil {
			return err
		}
		// Writes of new objects meet no object context; other object
		// actions meet the existing object's owner and ACL.
		if hasKey && key != "" && !strings.EqualFold(action, "s3:PutObject") {
			obj, err = currentObject(tx, bucket, key)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	info := &authn.Info{Caller: *caller, Time: h.now(), SourceIP: "127.0.0.1",
		SignatureVersion: "AWS4-HMAC-SHA256", AuthType: "REST-HEADER"}
	ctx = authn.WithInfo(ctx, info)
	rq := &req{ctx: ctx, info: info, bucket: bucket, key: key, hasKey: hasKey}
	c := check{action: action, resource: resource, cond: cond, object: obj}
	if method, ok := policyCallMethods[strings.ToLower(action)]; ok {
		denied = h.authorizePolicyCall(rq, b, c, method)
	} else {
		denied = h.authorize(rq, b, c)
	}
	return denied, bucketNotes(b, obj, caller), nil
}

// bucketNotes describes what, besides policies, takes part in S3's answer.
func bucketNotes(b *bucketState, obj *store.S3Object, caller *authn.Caller) []string {
	ownership := b.Ownership
	if ownership == "" {
		ownership = ownerWriter
	}
	notes := []string{"bucket " + b.Name + " belongs to account " + b.Account + "; object ownership " + ownership}
	if b.aclsEnabled() {
		notes = append(notes, "ACLs are enabled: ACL grants count as resource-side allows")
	} else {
		notes = append(notes, "ACLs are disabled (BucketOwnerEnforced): only policies decide")
	}
	pab := b.pab()
	if pab.RestrictPublicBuckets && (caller.Anonymous() || caller.Account != b.Account) && isPublicPolicy(b.Policy) {
		notes = append(notes, "Block Public Access (RestrictPublicBuckets): the public bucket policy grants nothing to callers outside account "+b.Account)
	}
	if pab.IgnorePublicAcls {
		notes = append(notes, "Block Public Access (IgnorePublicAcls): public ACL grants are ignored")
	}
	switch {
	case obj == nil || obj.Owner == "" || obj.Owner == b.Account || !b.aclsEnabled():
	case obj.Owner == store.AnonymousOwner:
		notes = append(notes, "the object belongs to the anonymous user who wrote it: its ACL decides; the bucket policy can only deny; the bucket ACL's WRITE deletes it only for the anonymous user and the bucket owner")
	default:
		notes = append(notes, "the object belongs to account "+obj.Owner+": its owner's policies and the object ACL decide; the bucket policy can only deny")
	}
	return notes
}
