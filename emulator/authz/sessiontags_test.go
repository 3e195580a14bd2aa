package authz_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// TestSessionTagsOverrideRoleTags: a role session's tags "override existing
// assumed role ... tags with the same tag key, regardless of case"
// (IAM User Guide, id_session-tags.html, Things to know about session
// tags). With a role tag Dept and a session tag dept, aws:PrincipalTag/dept
// was whichever map order put last: the role's value in about one request
// of four. Many sessions are decided so that order cannot hide a fault.
func TestSessionTagsOverrideRoleTags(t *testing.T) {
	t.Parallel()
	db, az := world(t)
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Put(acct, store.KindRole, "tagged", &store.Role{Name: "tagged", ID: "AROATAGGED",
			ARN: "arn:aws:iam::" + acct + ":role/tagged", Tags: []store.Tag{{Key: "Dept", Value: "eng"}, {Key: "Team", Value: "red"}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"aws:principaltag/dept": "ops", "aws:principaltag/team": "red", "aws:principaltag/site": "here"}
	for i := range 64 {
		name := "s" + strconv.Itoa(i)
		caller := authn.Caller{Type: evaluator.PrincipalAssumedRole, Account: acct,
			ARN: "arn:aws:sts::" + acct + ":assumed-role/tagged/" + name, UserID: "AROATAGGED:" + name,
			Session: &store.Session{Account: acct, RoleName: "tagged", RoleARN: "arn:aws:iam::" + acct + ":role/tagged",
				RoleID: "AROATAGGED", SessionName: name, Issued: now, Expiration: now.Add(time.Hour),
				Tags: map[string]string{"dept": "ops", "Site": "here"}}}
		ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: caller, Time: now, RequestID: "r"})
		_, req, err := az.Decide(ctx, authz.Check{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"})
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range want {
			if got := strings.Join(req.Context[k], ","); got != v {
				t.Fatalf("session %s: %s = %q, want %q (the session's tag overrides the role's)", name, k, got, v)
			}
		}
	}
}
