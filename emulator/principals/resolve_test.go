package principals

import (
	"context"
	"strings"
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

// TestResolveFollowsRenamedUser: a user renamed or moved by UpdateUser
// keeps its unique id, and IAM updates the resource and trust policies
// that name it as a principal to its new name and path (IAM User Guide,
// "Rename an IAM user"). They showed the bare unique id instead, as for a
// deleted user. A deleted user, and one deleted and recreated under the
// old name, still show the old unique id (found by probing).
func TestResolveFollowsRenamedUser(t *testing.T) {
	t.Parallel()
	const acct = "111111111111"
	const id = "AIDABOBXXXXXXXXXXXXX"
	bob := "arn:aws:iam::" + acct + ":user/bob"
	rows := []struct {
		name string
		now  *store.User // the user record after the change; nil: deleted
		want string
	}{
		{"renamed", &store.User{Name: "rob", Path: "/", ID: id, ARN: "arn:aws:iam::" + acct + ":user/rob"}, "arn:aws:iam::" + acct + ":user/rob"},
		{"moved", &store.User{Name: "bob", Path: "/ops/", ID: id, ARN: "arn:aws:iam::" + acct + ":user/ops/bob"}, "arn:aws:iam::" + acct + ":user/ops/bob"},
		{"deleted", nil, id},
		{"recreated", &store.User{Name: "bob", Path: "/", ID: "AIDANEWBOBXXXXXXXXXX", ARN: bob}, id},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			db, err := store.Open(t.TempDir(), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + bob + `"},"Action":"s3:GetObject","Resource":"*"}]}`
			p, err := evaluator.Parse(doc, evaluator.KindResource)
			if err != nil {
				t.Fatal(err)
			}
			var ids map[string]string
			err = db.Update(context.Background(), func(tx *store.Tx) error {
				if _, err := tx.EnsureAccount(acct, time.Now()); err != nil {
					return err
				}
				if err := tx.Put(acct, store.KindUser, "bob", &store.User{Name: "bob", Path: "/", ID: id, ARN: bob}); err != nil {
					return err
				}
				if ids, err = IDs(tx, p); err != nil {
					return err
				}
				if err := tx.Delete(acct, store.KindUser, "bob"); err != nil {
					return err
				}
				if row.now == nil {
					return nil
				}
				return tx.Put(acct, store.KindUser, strings.ToLower(row.now.Name), row.now)
			})
			if err != nil {
				t.Fatal(err)
			}
			var got string
			err = db.View(context.Background(), func(tx *store.Tx) error {
				got, err = Resolve(tx, doc, ids)
				return err
			})
			if err != nil {
				t.Fatalf("Resolve = %v", err)
			}
			if !strings.Contains(got, `"AWS":"`+row.want+`"`) {
				t.Errorf("Resolve after the user was %s = %s, want the principal %s", row.name, got, row.want)
			}
		})
	}
}
