package authz_test

import (
	"context"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/evaluator"
)

// TestResourceOwnerNamesTheResourceKeys: a check decided in one account's
// context (ResourceAccount: an outsider, as S3 decides an object the
// outsider wrote) for a resource of another account (ResourceOwner: the
// org member's bucket) gets the resource condition keys and the resource
// control policies of ResourceOwner, not of ResourceAccount.
func TestResourceOwnerNamesTheResourceKeys(t *testing.T) {
	t.Parallel()
	az := orgWorld(t)
	ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: rootOf(outsider), Time: time.Now()})
	d, req, err := az.Decide(ctx, authz.Check{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k",
		ResourceAccount: outsider, ResourceOwner: orgMember, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"aws:resourceaccount": orgMember,
		"s3:resourceaccount":  orgMember,
		"aws:resourceorgid":   "o-exampleorg",
	}
	for k, v := range want {
		if got := req.Context[k]; len(got) != 1 || got[0] != v {
			t.Errorf("context %s = %v, want %q", k, got, v)
		}
	}
	// The member's RCP (deny everything at the root) applies.
	if d.Effect != evaluator.ExplicitDeny || d.Kind != evaluator.KindRCP {
		t.Errorf("Decide = %v/%v, want ExplicitDeny/RCP (%s)", d.Effect, d.Kind, d.Message(req))
	}
}
