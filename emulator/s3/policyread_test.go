package s3

import (
	"context"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestGetBucketPolicyFollowsWrites: GetBucketPolicy reads the bucket
// through the bucket cache and remembers the rewritten text of the
// policies it answers (policyTexts); after each write it answers the
// policy as it now is, including a principal whose user was recreated
// since (shown by its old unique id, see
// TestBucketPolicyPrincipalsAreResolvedAtSave), and NoSuchBucketPolicy
// once the policy is deleted.
func TestGetBucketPolicyFollowsWrites(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := rootOf(acctA)
	e.createBucket(owner, "read-back")
	e.user(acctA, "reader")
	stmt := func(action, principal string) string {
		return `{"Version":"2012-10-17","Statement":[{"Resource":"arn:aws:s3:::read-back/*","Action":"` + action +
			`","Principal":{"AWS":"` + principal + `"},"Effect":"Allow"}]}`
	}
	want := func(action, principal string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + principal +
			`"},"Action":"` + action + `","Resource":"arn:aws:s3:::read-back/*"}]}`
	}
	readerARN := "arn:aws:iam::" + acctA + ":user/reader"
	recreate := func() {
		err := e.db.Update(context.Background(), func(tx *store.Tx) error {
			var u store.User
			if err := tx.Get(acctA, store.KindUser, "reader", &u); err != nil {
				return err
			}
			u.ID = "AIDARECREATEDXXXXXXXX"
			return tx.Put(acctA, store.KindUser, "reader", &u)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name   string
		write  func()
		status int
		body   string
	}{
		{"none yet", func() {}, 404, ""},
		{"first policy", func() {
			e.must(owner, treq{method: "PUT", target: "/read-back?policy", body: stmt("s3:GetObject", readerARN)}, 204)
		}, 200, want("s3:GetObject", readerARN)},
		{"read again", func() {}, 200, want("s3:GetObject", readerARN)},
		{"replaced", func() {
			e.must(owner, treq{method: "PUT", target: "/read-back?policy", body: stmt("s3:PutObject", readerARN)}, 204)
		}, 200, want("s3:PutObject", readerARN)},
		{"user recreated", recreate, 200, want("s3:PutObject", "AIDAREADERXXXXXXXXXXXX")},
		{"deleted", func() { e.must(owner, treq{method: "DELETE", target: "/read-back?policy"}, 204) }, 404, ""},
	}
	for _, s := range steps {
		s.write()
		w := e.do(owner, treq{method: "GET", target: "/read-back?policy"})
		if w.Code != s.status || (s.status == 200 && w.Body.String() != s.body) {
			t.Errorf("%s: GetBucketPolicy = %d %s, want %d %s", s.name, w.Code, w.Body, s.status, s.body)
		}
	}
}
