package s3

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// A bucket policy names principals by unique id under the hood: a user
// deleted and recreated under the same name is a different principal, and
// the policy then shows the old id, as AWS does. Account ids show as root
// ARNs.
func TestBucketPolicyPrincipalsAreResolvedAtSave(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := rootOf(acctA)
	e.createBucket(owner, "shared")
	e.must(owner, treq{method: "DELETE", target: "/shared?publicAccessBlock"}, 204)
	reader := e.user(acctB, "reader", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	e.must(owner, treq{method: "PUT", target: "/shared/doc", body: "hello"}, 200)
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::` + acctB + `:user/reader","` + acctB + `"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}]}`
	e.must(owner, treq{method: "PUT", target: "/shared?policy", body: policy}, 204)
	e.must(reader, treq{method: "GET", target: "/shared/doc"}, 200)

	// Delete and recreate the user with a new unique id.
	err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		var u store.User
		if err := tx.Get(acctB, store.KindUser, "reader", &u); err != nil {
			return err
		}
		u.ID = "AIDARECREATEDXXXXXXXX"
		return tx.Put(acctB, store.KindUser, "reader", &u)
	})
	if err != nil {
		t.Fatal(err)
	}
	reader.UserID = "AIDARECREATEDXXXXXXXX"

	w := e.must(owner, treq{method: "GET", target: "/shared?policy"}, 200)
	got, _ := io.ReadAll(w.Body)
	for _, want := range []string{`"AIDAREADERXXXXXXXXXXXX"`, `"arn:aws:iam::` + acctB + `:root"`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("GetBucketPolicy = %s, want it to contain %s", got, want)
		}
	}
	if strings.Contains(string(got), "user/reader") {
		t.Errorf("GetBucketPolicy = %s, still names the recreated user by ARN", got)
	}
	// The account-root grant still delegates to account B's identity
	// policies, so the recreated user keeps access through it.
	e.must(reader, treq{method: "GET", target: "/shared/doc"}, 200)

	// Without the account grant, the recreated user has none.
	policy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acctB + `:user/reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}]}`
	e.must(owner, treq{method: "PUT", target: "/shared?policy", body: policy}, 204)
	err = e.db.Update(context.Background(), func(tx *store.Tx) error {
		var u store.User
		if err := tx.Get(acctB, store.KindUser, "reader", &u); err != nil {
			return err
		}
		u.ID = "AIDASECONDXXXXXXXXXXX"
		return tx.Put(acctB, store.KindUser, "reader", &u)
	})
	if err != nil {
		t.Fatal(err)
	}
	reader.UserID = "AIDASECONDXXXXXXXXXXX"
	w = e.do(reader, treq{method: "GET", target: "/shared/doc"})
	if code, _ := errCode(t, w); w.Code != 403 || code != "AccessDenied" {
		t.Errorf("recreated user GET = %d %s, want 403 AccessDenied", w.Code, code)
	}
}
