package s3

import (
	"context"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Question is what Explain is asked: an action on a resource
// (arn:aws:s3:::bucket[/key]) with its condition keys, and optionally the
// S3 operation that asks it (Operations lists them; CheckOperation says
// whether the question may name it).
type Question struct {
	Action, Resource string
	Context          map[string][]string
	// Operation is "" to ask the action alone, or an operation that asks
	// it of the object (CopyObject, CreateMultipartUpload): then the
	// answer is that operation's, from its own handler's authorization.
	Operation string
}

// Explain runs the authorization of q by caller through the same code the
// real request runs (bucket policy, ACLs, Block Public Access, object
// ownership, the bucket ACL's WRITE reaching only the caller's own
// objects), without serving it. ctx should carry an authz.Collector to
// see each question asked. It returns the error the request would get
// (nil when allowed) and notes on the bucket's settings; a missing bucket
// is NoSuchBucket, as the request would get. A question naming an
// operation is answered by that operation's handler code
// (explainOperation): it must pass CheckOperation.
func (h *Handler) Explain(ctx context.Context, caller *authn.Caller, q Question) (denied error, notes []string, err error) {
	bucket, key, hasKey := strings.Cut(strings.TrimPrefix(q.Resource, arns.BucketPrefix), "/")
	info := &authn.Info{Caller: *caller, Time: h.now(), SourceIP: "127.0.0.1",
		SignatureVersion: "AWS4-HMAC-SHA256", AuthType: "REST-HEADER"}
	if caller.Anonymous() {
		// An unsigned request carries neither s3:signatureversion nor
		// s3:authType, as sigv4.Verify leaves them for the real one.
		info.SignatureVersion, info.AuthType = "", ""
	}
	ctx = authn.WithInfo(ctx, info)
	rq := &req{ctx: ctx, info: info, bucket: bucket, key: key, hasKey: hasKey}
	b, c, err := h.explainedCheck(rq, q)
	if err != nil {
		return nil, nil, err
	}
	method, policyCall := policyCallMethods[strings.ToLower(q.Action)]
	switch {
	case q.Operation != "":
		denied = h.explainOperation(rq, q)
		if _, ok := awserr.As(denied); denied != nil && !ok {
			return nil, nil, denied
		}
	case policyCall:
		denied = h.authorizePolicyCall(rq, b, c, method)
	default:
		denied = h.authorize(rq, b, c)
	}
	return denied, bucketNotes(rq, b, c, q.Operation), nil
}

// explainedCheck loads rq's bucket and builds the check the real request
// would ask: a write (s3:PutObject, as PutObject, CopyObject, browser POST
// and the multipart calls ask it) names only the object it would replace,
// as authorizeWrite does; other object actions name the object they act on, the version
// s3:VersionId names or the current one.
func (h *Handler) explainedCheck(rq *req, q Question) (*bucketState, check, error) {
	c := check{action: q.Action, resource: q.Resource, cond: q.Context}
	onObject := rq.hasKey && rq.key != ""
	write := strings.EqualFold(q.Action, "s3:PutObject")
	var b *bucketState
	err := h.db.View(rq.ctx, func(tx *store.Tx) error {
		var err error
		if b, err = loadBucket(tx, rq.bucket); err != nil {
			return err
		}
		if onObject && !write {
			var version string
			if vs := q.Context["s3:VersionId"]; len(vs) > 0 {
				version = vs[0]
			}
			c.object, err = lookupObject(tx, rq.bucket, rq.key, version)
		}
		return err
	})
	if err == nil && onObject && write {
		c.replaces, err = h.replacedByOutsider(rq, b)
	}
	return b, c, err
}

// bucketNotes describes what, besides policies, takes part in S3's answer
// to c, asked alone or by operation ("" for none).
func bucketNotes(rq *req, b *bucketState, c check, operation string) []string {
	caller := &rq.info.Caller
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
	switch obj := c.object; {
	case obj == nil || !ownedByOther(b, obj):
	case isObjectTaggingAction(c.action):
		notes = append(notes, "the object belongs to "+objectOwnerName(obj)+", but its tags are decided in the bucket owner's context, as S3 does: no ACL grants tagging")
	case obj.Owner == store.AnonymousOwner:
		notes = append(notes, "the object belongs to the anonymous user who wrote it: its ACL decides; the bucket policy can only deny")
	default:
		notes = append(notes, "the object belongs to account "+obj.Owner+": its owner's policies and the object ACL decide; the bucket policy can only deny")
	}
	if b.aclsEnabled() && !rq.writeGrantReaches(b, c) {
		notes = append(notes, writeGrantNote(b, c))
	}
	if caller.Anonymous() && strings.EqualFold(c.action, "s3:PutObject") && operation == "" {
		notes = append(notes, anonymousWriteNote)
	}
	if caller.Anonymous() && strings.EqualFold(c.action, "s3:PutObjectAcl") {
		notes = append(notes, "unsigned, PutObjectAcl is refused whatever grants it (\""+errAnonymousAPI().Message+"\")")
	}
	return notes
}

// objectOwnerName names who owns o, another owner than the bucket's.
func objectOwnerName(o *store.S3Object) string {
	if o.Owner == store.AnonymousOwner {
		return "the anonymous user who wrote it"
	}
	return "account " + o.Owner
}

// anonymousWriteNote is why an unsigned write can be refused where the
// explanation of s3:PutObject allows it: S3 refuses two of the operations
// that ask it to anonymous callers before any policy or ACL is read. A
// question naming its operation needs no note: it is answered exactly.
var anonymousWriteNote = "unsigned, only PutObject and browser POST uploads are decided this way: AWS refuses an unsigned " +
	"CreateMultipartUpload (\"" + errAnonymousUpload().Message + "\") and CopyObject (\"" + errAnonymousCopy().Message +
	"\") whatever grants s3:PutObject; name the operation (operation=) to be answered as it is"

// writeGrantNote says why the bucket ACL takes no part in c, a delete or
// a write over an existing object rq.writeGrantReaches keeps it out of.
func writeGrantNote(b *bucketState, c check) string {
	o, verb := c.object, "delete"
	if !isDeleteAction(c.action) {
		o, verb = c.replaces, "replace"
	}
	var owner string
	switch o.Owner {
	case store.AnonymousOwner:
		owner = "the anonymous user who wrote it"
	case b.Account, "":
		owner = "the bucket owner's account " + b.Account
	default:
		owner = "account " + o.Owner
	}
	return "the bucket ACL takes no part: its WRITE lets a grantee " + verb + " only objects the grantee owns (the bucket owner's account any object); this object belongs to " + owner
}
