package reliability

// IAM API probes (session 2026-12-06): the binary driven as an attacker
// with racing requests; each test pins a hole that was found, or a race
// that must keep exactly one winner.

import (
	"fmt"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// A user renamed while its access key, console password and group
// membership are being created keeps them all under its new name; a new
// user created under the old name owns none of them. Before the fix the
// login profile stayed under the old name and went to the new user. Each
// round races UpdateUser against CreateAccessKey, CreateLoginProfile and
// AddUserToGroup, so the records land before or after the rename.
func TestRenameRacesLeaveNothingBehind(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	ctx, cancel := stepCtx()
	defer cancel()
	c := iam.NewFromConfig(s.rootConfig())
	for round := 0; round < 8; round++ {
		old, moved, group := fmt.Sprintf("ren%d", round), fmt.Sprintf("moved%d", round), fmt.Sprintf("g%d", round)
		if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(old)}); err != nil {
			t.Fatal(hung("CreateUser", err))
		}
		if _, err := c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String(group)}); err != nil {
			t.Fatal(hung("CreateGroup", err))
		}
		calls := []func() error{
			func() error {
				_, err := c.UpdateUser(ctx, &iam.UpdateUserInput{UserName: aws.String(old), NewUserName: aws.String(moved)})
				return err
			},
			func() error {
				_, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(old)})
				return err
			},
			func() error {
				_, err := c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String(old), Password: aws.String("Abcdefgh1!xyz")})
				return err
			},
			func() error {
				_, err := c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{UserName: aws.String(old), GroupName: aws.String(group)})
				return err
			},
		}
		errs := make([]error, len(calls))
		var wg sync.WaitGroup
		for i, call := range calls {
			wg.Add(1)
			go func() { defer wg.Done(); errs[i] = call() }()
		}
		wg.Wait()
		if errs[0] != nil {
			t.Fatal(hung("UpdateUser", errs[0]))
		}
		if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(old)}); err != nil {
			t.Fatal(hung("CreateUser again under the old name", err))
		}
		keys, err := c.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String(old)})
		if err != nil {
			t.Fatal(hung("ListAccessKeys", err))
		}
		if n := len(keys.AccessKeyMetadata); n != 0 {
			t.Errorf("round %d: the new user %s has %d access keys of the renamed one", round, old, n)
		}
		if _, err := c.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String(old)}); codeOf(err) != "NoSuchEntity" {
			t.Errorf("round %d: GetLoginProfile of the new user %s = %v, want NoSuchEntity", round, old, err)
		}
		groups, err := c.ListGroupsForUser(ctx, &iam.ListGroupsForUserInput{UserName: aws.String(old)})
		if err != nil {
			t.Fatal(hung("ListGroupsForUser", err))
		}
		if n := len(groups.Groups); n != 0 {
			t.Errorf("round %d: the new user %s is in %d groups of the renamed one", round, old, n)
		}
		// What succeeded before the rename followed the user.
		if errs[2] == nil {
			if _, err := c.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String(moved)}); err != nil {
				t.Errorf("round %d: the login profile created for %s is not %s's: %v", round, old, moved, err)
			}
		}
		if errs[1] == nil {
			keys, err := c.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String(moved)})
			if err != nil || len(keys.AccessKeyMetadata) != 1 {
				t.Errorf("round %d: the access key created for %s is not %s's: %v", round, old, moved, err)
			}
		}
	}
}
