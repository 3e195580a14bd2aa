package s3

import (
	"context"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestBucketCacheFollowsWrites pins that GetObject, which reads buckets
// through the bucket cache, sees every change that decides access on the
// next request: a bucket policy set and removed (bucket records), and a
// user named in the policy deleted and recreated under the same name
// (identity records, which the policy's principals resolve through).
func TestBucketCacheFollowsWrites(t *testing.T) {
	e := newEnv(t)
	root := rootOf(acctA)
	e.openBucket(root, "cached", "BucketOwnerEnforced")
	e.must(root, treq{method: "PUT", target: "/cached/k", body: "hello"}, 200)
	bob := e.user(acctB, "bob", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	get := treq{method: "GET", target: "/cached/k"}
	policy := func(principal string) treq {
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + principal +
			`"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::cached/k"}]}`
		return treq{method: "PUT", target: "/cached?policy", body: doc}
	}
	steps := []struct {
		name   string
		before func()
		caller string
		want   int
	}{
		{"anonymous, no policy", nil, "anonymous", 403},
		{"anonymous, public policy", func() { e.must(root, policy("*"), 204) }, "anonymous", 200},
		{"anonymous, policy deleted", func() { e.must(root, treq{method: "DELETE", target: "/cached?policy"}, 204) }, "anonymous", 403},
		{"bob, no policy", nil, "bob", 403},
		{"bob, named in policy", func() { e.must(root, policy(bob.ARN), 204) }, "bob", 200},
		{"bob recreated", func() {
			// A new user under the same name has a new unique id, which
			// the stored policy does not name.
			err := e.db.Update(context.Background(), func(tx *store.Tx) error {
				var u store.User
				if err := tx.Get(acctB, store.KindUser, "bob", &u); err != nil {
					return err
				}
				u.ID = "AIDABOBRECREATEDXXXXX"
				return tx.Put(acctB, store.KindUser, "bob", &u)
			})
			if err != nil {
				t.Fatal(err)
			}
			bob.UserID = "AIDABOBRECREATEDXXXXX"
		}, "bob", 403},
	}
	for _, s := range steps {
		if s.before != nil {
			s.before()
		}
		c := anonymous
		if s.caller == "bob" {
			c = bob
		}
		// Twice: the first request may fill the cache, the second reads it.
		for i := range 2 {
			if w := e.do(c, get); w.Code != s.want {
				t.Errorf("%s: GET #%d = %d %s, want %d", s.name, i+1, w.Code, w.Body, s.want)
			}
		}
	}
}
