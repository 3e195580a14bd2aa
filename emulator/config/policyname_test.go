package config_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/config"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// A world applied over data that holds a policy of the same name in
// another case or under another path is refused at the policy's name with
// a message saying so, and the existing policy keeps its document.
func TestApplyPolicyNameTakenInAnotherCaseOrPath(t *testing.T) {
	t.Parallel()
	const first = `{"accounts":[{"id":"111111111111","policies":[{"name":"P","path":"/a/",
	  "document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}}]}]}`
	deny := `"document":{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`
	for _, tc := range []struct{ name, world string }{
		{"another case", `{"accounts":[{"id":"111111111111","policies":[{"name":"p","path":"/a/",` + deny + `}]}]}`},
		{"another path", `{"accounts":[{"id":"111111111111","policies":[{"name":"P","path":"/b/",` + deny + `}]}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			ctx := context.Background()
			if err := config.Apply(ctx, srv, parse(t, first), config.Options{}); err != nil {
				t.Fatal(err)
			}
			err := config.Apply(ctx, srv, parse(t, tc.world), config.Options{})
			var ce *config.Error
			if !errors.As(err, &ce) || ce.Path != "accounts[0].policies[0].name" || !strings.Contains(ce.Message, "another case") {
				t.Fatalf("Apply = %v, want a refusal at accounts[0].policies[0].name saying the name is taken", err)
			}
			var rec store.ManagedPolicy
			err = srv.DB().View(ctx, func(tx *store.Tx) error { return tx.Get("111111111111", store.KindPolicy, "/a/p", &rec) })
			if err != nil || !strings.Contains(rec.DefaultDocument(), `"Allow"`) {
				t.Fatalf("existing policy = %q, %v; want its Allow document kept", rec.DefaultDocument(), err)
			}
		})
	}
}
