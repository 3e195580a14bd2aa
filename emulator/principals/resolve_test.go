package principals

import (
	"context"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// TestResolveNamesTheEntityWhateverTheCase: a principal written in
// another case than the user's name (arn:aws:iam::A:user/BOB for bob) is
// accepted by IDs, since IAM names are unique whatever their case, and IAM
// keeps the entity's unique id; the policy must then act for that entity.
// It was accepted and then matched no one (found by probing).
func TestResolveNamesTheEntityWhateverTheCase(t *testing.T) {
	t.Parallel()
	db, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	const acct = "111111111111"
	bob := "arn:aws:iam::" + acct + ":user/bob"
	err = db.Update(context.Background(), func(tx *store.Tx) error {
		if _, err := tx.EnsureAccount(acct, time.Now()); err != nil {
			return err
		}
		return tx.Put(acct, store.KindUser, "bob", &store.User{Name: "bob", Path: "/", ID: "AIDABOBXXXXXXXXXXXXX", ARN: bob})
	})
	if err != nil {
		t.Fatal(err)
	}
	rows := []struct{ name, written, want string }{
		{"same case", bob, bob},
		{"other case", "arn:aws:iam::" + acct + ":user/BOB", bob},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + row.written + `"},"Action":"s3:GetObject","Resource":"*"}]}`
			p, err := evaluator.Parse(doc, evaluator.KindResource)
			if err != nil {
				t.Fatal(err)
			}
			var got string
			err = db.View(context.Background(), func(tx *store.Tx) error {
				ids, err := IDs(tx, p)
				if err != nil {
					return err
				}
				got, err = Resolve(tx, doc, ids)
				return err
			})
			if err != nil {
				t.Fatalf("IDs/Resolve(%s) = %v", row.written, err)
			}
			resolved, err := evaluator.Parse(got, evaluator.KindResource)
			if err != nil {
				t.Fatal(err)
			}
			if arns := resolved.PrincipalARNs(); len(arns) != 1 || arns[0] != row.want {
				t.Errorf("Resolve(principal %s) names %v, want [%s]", row.written, arns, row.want)
			}
		})
	}
}
