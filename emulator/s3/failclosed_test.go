package s3

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestUnparsableBucketPolicyDenies stores a bucket policy that no longer
// parses (an element a newer grammar rejects) holding a Deny: ignoring it
// would let the Deny vanish, so every request on the bucket is denied,
// the owner's root included, until the policy is replaced or deleted.
func TestUnparsableBucketPolicyDenies(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	root := rootOf(acctA)
	alice := e.user(acctA, "alice", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	e.must(root, treq{method: "PUT", target: "/guarded"}, 200)
	e.must(root, treq{method: "PUT", target: "/guarded/report", body: "secret"}, 200)
	broken := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::guarded/*","Future":1}]}`
	err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		var b store.Bucket
		if err := tx.Get(store.Global, store.KindBucket, "guarded", &b); err != nil {
			return err
		}
		b.Policy = broken
		return tx.Put(store.Global, store.KindBucket, "guarded", &b)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		who  string
	}{{"root", "root"}, {"alice", "alice"}} {
		caller := root
		if c.who == "alice" {
			caller = alice
		}
		w := e.do(caller, treq{method: "GET", target: "/guarded/report"})
		if code, _ := errCode(t, w); w.Code != http.StatusForbidden || code != "AccessDenied" {
			t.Errorf("GetObject as %s under an unparsable bucket policy = %d %s, want 403 AccessDenied", c.name, w.Code, w.Body)
		}
	}
}

// TestNilAuthorizerDenies builds a handler without an authorizer: it must
// refuse every request rather than allow it.
func TestNilAuthorizerDenies(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must(rootOf(acctA), treq{method: "PUT", target: "/open"}, 200)
	e.must(rootOf(acctA), treq{method: "PUT", target: "/open/k", body: "x"}, 200)
	bare := &env{t: t, db: e.db, h: New(Options{DB: e.db, Now: func() time.Time { return testNow }})}
	for _, r := range []treq{
		{method: "GET", target: "/open/k"},
		{method: "PUT", target: "/open/k2", body: "y"},
		{method: "DELETE", target: "/open/k"},
		{method: "PUT", target: "/another"},
	} {
		w := bare.do(anonymous, r)
		if code, _ := errCode(t, w); w.Code != http.StatusForbidden || code != "AccessDenied" {
			t.Errorf("%s %s without an authorizer = %d %s, want 403 AccessDenied", r.method, r.target, w.Code, w.Body)
		}
	}
}
