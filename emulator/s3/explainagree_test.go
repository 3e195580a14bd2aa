package s3

import (
	"context"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// agreeCase is one request asked both ways: explained (Explain, what the
// console and /_fakeaws/explain show) and then sent.
type agreeCase struct {
	name      string
	versioned bool
	caller    authn.Caller
	r         treq
	// action is what the explanation asks for (the request's action).
	action string
	// version names the key whose current version id the request and the
	// explanation name (versionId=, s3:VersionId), "" for none.
	version bool
	// status and code are what both must answer: the request's status and
	// error code, the explanation's refusal (nil when status < 300).
	status int
	code   string
	// note is a note the explanation must hold ("" for none required).
	note string
}

// TestExplainAgreesWithRequests runs each request's explanation and then
// the request itself on the bucket of TestAnonymousOwnership (anonBucket)
// and asserts both give the answer AWS gives: the explanation must never
// allow what the request refuses, nor the reverse. The rule most at stake
// is the bucket ACL's WRITE, which creates and overwrites objects for any
// grantee but deletes an existing one only for the bucket owner's account
// and the object's owner ("For the bucket and object owners of existing
// objects, also allows deletions",
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html;
// recorded for DeleteObjects in LocalStack
// TestS3::test_s3_batch_delete_objects_using_requests_with_acl,
// 2022-09-21; overwrites: aws/aws-sdk-java#780, ceph/s3-tests
// test_object_anon_put_write_access): the explanation used to say nothing
// of why a delete was refused.
func TestExplainAgreesWithRequests(t *testing.T) {
	t.Parallel()
	a, b := rootOf(acctA), rootOf(acctB)
	put := func(key string) treq { return treq{method: "PUT", target: "/anon/" + key, body: "new"} }
	del := func(key string) treq { return treq{method: "DELETE", target: "/anon/" + key} }
	const (
		putAct = "s3:PutObject"
		delAct = "s3:DeleteObject"
		// The reasons the explanation gives for the WRITE rule.
		noDelete     = "the bucket ACL takes no part: its WRITE lets a grantee delete only objects the grantee owns"
		ownersObject = "this object belongs to the bucket owner's account " + acctA
		anonsObject  = "this object belongs to the anonymous user who wrote it"
	)
	cases := []agreeCase{
		{name: "anonymous deletes the bucket owner's object", caller: anonymous, r: del("owned"), action: delAct, status: 403, code: denied, note: ownersObject},
		{name: "anonymous deletes its own object", caller: anonymous, r: del("anon-obj"), action: delAct, status: 204},
		{name: "anonymous deletes its own private object", caller: anonymous, r: del("anon-private"), action: delAct, status: 204},
		{name: "another account deletes the bucket owner's object", caller: b, r: del("owned"), action: delAct, status: 403, code: denied, note: noDelete},
		{name: "another account deletes the anonymous object", caller: b, r: del("anon-obj"), action: delAct, status: 403, code: denied, note: anonsObject},
		{name: "the bucket owner deletes the anonymous object", caller: a, r: del("anon-obj"), action: delAct, status: 204},
		{name: "another account overwrites the bucket owner's object through WRITE", caller: b, r: put("owned"), action: putAct, status: 200},
		{name: "another account overwrites the anonymous object", caller: b, r: put("anon-obj"), action: putAct, status: 200},
		{name: "another account writes a new key through WRITE", caller: b, r: put("new-key"), action: putAct, status: 200},
		{name: "another account starts an upload over the bucket owner's object", caller: b, r: treq{method: "POST", target: "/anon/owned?uploads"}, action: putAct, status: 200},
		{name: "another account starts an upload of a new key", caller: b, r: treq{method: "POST", target: "/anon/new-key?uploads"}, action: putAct, status: 200},
		{name: "anonymous overwrites the bucket owner's object", caller: anonymous, r: put("owned"), action: putAct, status: 200},
		{name: "anonymous overwrites its own object", caller: anonymous, r: put("anon-obj"), action: putAct, status: 200},
		{name: "anonymous writes a new key", caller: anonymous, r: put("new-key"), action: putAct, status: 200},
		{name: "the bucket owner overwrites the anonymous object", caller: a, r: put("anon-obj"), action: putAct, status: 200},
		// Versioned: a write adds a version, replacing nothing; a delete
		// puts a delete marker on the current version, refused as its
		// deletion; a version's deletion through WRITE is the bucket
		// owner's alone (acl-overview).
		{name: "versioned: anonymous writes over the bucket owner's key", versioned: true, caller: anonymous, r: put("owned"), action: putAct, status: 200},
		{name: "versioned: anonymous deletes the bucket owner's object", versioned: true, caller: anonymous, r: del("owned"), action: delAct, status: 403, code: denied, note: ownersObject},
		{name: "versioned: anonymous deletes its own object", versioned: true, caller: anonymous, r: del("anon-obj"), action: delAct, status: 204},
		{name: "versioned: anonymous deletes a version of the bucket owner's object", versioned: true, caller: anonymous, r: del("owned"), version: true, action: delAct, status: 403, code: denied, note: ownersObject},
		{name: "versioned: anonymous deletes a version of its own object", versioned: true, caller: anonymous, r: del("anon-obj"), version: true, action: delAct, status: 403, code: denied},
		{name: "versioned: the bucket owner deletes a version of the anonymous object", versioned: true, caller: a, r: del("anon-obj"), version: true, action: delAct, status: 204},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := anonBucket(t, tc.versioned)
			r, action, cond := tc.r, tc.action, map[string][]string{}
			key := strings.TrimPrefix(r.target, "/anon/")
			key, _, _ = strings.Cut(key, "?")
			if tc.version {
				id := currentVersionID(t, e, "anon", key)
				r.target += "?versionId=" + id
				action, cond["s3:VersionId"] = versionAction(action, id), []string{id}
			}
			explained, notes := explainCode(t, e, tc.caller, action, objectARN("anon", key), cond)
			w := e.do(tc.caller, r)
			code := ""
			if w.Code >= 300 {
				code, _ = errCode(t, w)
			}
			if w.Code != tc.status || code != tc.code {
				t.Fatalf("%s %s = %d %q %s, want %d %q", r.method, r.target, w.Code, code, w.Body, tc.status, tc.code)
			}
			if explained != tc.code {
				t.Errorf("Explain(%s) = %q, the request answers %d %q (notes %q)", action, explained, w.Code, code, notes)
			}
			if tc.note != "" && !strings.Contains(strings.Join(notes, "\n"), tc.note) {
				t.Errorf("Explain(%s) notes = %q, want one saying %q", action, notes, tc.note)
			}
			if tc.code == "" && strings.Contains(strings.Join(notes, "\n"), "the bucket ACL takes no part") {
				t.Errorf("allowed, yet the notes say the bucket ACL takes no part: %q", notes)
			}
		})
	}
}

// explainCode is Explain's answer as an error code ("" when allowed) and
// its notes.
func explainCode(t *testing.T, e *env, c authn.Caller, action, resource string, cond map[string][]string) (string, []string) {
	t.Helper()
	refused, notes, err := e.h.Explain(context.Background(), &c, Question{Action: action, Resource: resource, Context: cond})
	if err != nil {
		t.Fatalf("Explain(%s, %s): %v", action, resource, err)
	}
	if refused == nil {
		return "", notes
	}
	ae, ok := awserr.As(refused)
	if !ok {
		t.Fatalf("Explain(%s, %s) refused with %v, not an AWS error", action, resource, refused)
	}
	return string(ae.Code), notes
}

// currentVersionID is the version id of key's current version.
func currentVersionID(t *testing.T, e *env, bucket, key string) string {
	t.Helper()
	var o *store.S3Object
	err := e.db.View(context.Background(), func(tx *store.Tx) error {
		var err error
		o, err = currentObject(tx, bucket, key)
		return err
	})
	if err != nil || o == nil {
		t.Fatalf("current version of %s/%s: %v", bucket, key, err)
	}
	return o.VersionID
}

// TestExplainNamesAnonymousRefusals: an unsigned CreateMultipartUpload and
// CopyObject are refused whatever grants s3:PutObject (errAnonymousUpload,
// errAnonymousCopy), which a what-if question about s3:PutObject cannot
// tell apart from a PutObject; the explanation of an anonymous
// s3:PutObject says so, with the two refusals' texts, and a signed
// caller's does not.
func TestExplainNamesAnonymousRefusals(t *testing.T) {
	t.Parallel()
	e := anonBucket(t, false)
	for _, tc := range []struct {
		name   string
		caller authn.Caller
		want   bool
	}{{"anonymous", anonymous, true}, {"another account", rootOf(acctB), false}} {
		code, notes := explainCode(t, e, tc.caller, "s3:PutObject", objectARN("anon", "k"), nil)
		joined := strings.Join(notes, "\n")
		has := strings.Contains(joined, errAnonymousUpload().Message) && strings.Contains(joined, errAnonymousCopy().Message)
		if code != "" || has != tc.want {
			t.Errorf("%s: Explain(s3:PutObject) = %q, notes %q; want allowed, the anonymous note %v", tc.name, code, notes, tc.want)
		}
	}
	w := e.do(anonymous, treq{method: "POST", target: "/anon/k?uploads"})
	if code, msg := errCode(t, w); w.Code != 403 || msg != errAnonymousUpload().Message {
		t.Errorf("anonymous CreateMultipartUpload = %d %s %q, want the refusal the note names", w.Code, code, msg)
	}
}
