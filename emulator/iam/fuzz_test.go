package iam

import (
	"context"
	"net/http"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// FuzzCreatePolicy feeds arbitrary documents through CreatePolicy's form
// decoding and validation: it must never panic, an error must leave no
// record, and a success must store exactly the document given.
func FuzzCreatePolicy(f *testing.F) {
	for _, seed := range []string{s3Read, trustRoot, "{", "", `{"Version":"2012-10-17","Statement":[]}`,
		`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::222222222222/cross-account-bucket"}]}`,
		"\x00\xff", `{"Version":"2012-10-17","Statement":[{"Sid":"a","Effect":"Deny","NotAction":"iam:*","NotResource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`} {
		f.Add(seed)
	}
	e := newEnv(f)
	f.Fuzz(func(t *testing.T, doc string) {
		e.t = t
		r := e.call("CreatePolicy", "PolicyName", "fz", "PolicyDocument", doc)
		var mp store.ManagedPolicy
		err := e.db.View(context.Background(), func(tx *store.Tx) error {
			return tx.Get(testAccount, store.KindPolicy, "/fz", &mp)
		})
		switch {
		case r.status == http.StatusOK && err != nil:
			t.Fatalf("CreatePolicy succeeded but no record: %v", err)
		case r.status != http.StatusOK && err == nil:
			t.Fatalf("CreatePolicy failed (%d %s) but left a record", r.status, r.code())
		case r.status == http.StatusInternalServerError:
			t.Fatalf("CreatePolicy(%q) = 500: %s", doc, r.body)
		case r.status == http.StatusOK && mp.DefaultDocument() != doc:
			t.Fatalf("stored document %q, want %q", mp.DefaultDocument(), doc)
		}
		if r.status == http.StatusOK {
			e.must("DeletePolicy", "PolicyArn", "arn:aws:iam::111111111111:policy/fz")
		}
	})
}
