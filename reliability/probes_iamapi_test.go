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
	"github.com/aws/aws-sdk-go-v2/service/sts"
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

// A GetSessionToken or GetFederationToken session of a user renamed since
// keeps working as that user under its new name: the user keeps its
// unique id and everything attached to it (IAM User Guide, "Rename an IAM
// user"). It answered InvalidClientTokenId. A new user under the old name
// gets nothing of it, and deleting the renamed user ends the session.
func TestSessionFollowsRenamedUser(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	ctx, cancel := stepCtx()
	defer cancel()
	c := iam.NewFromConfig(s.rootConfig())
	const all = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("al")}); err != nil {
		t.Fatal(hung("CreateUser", err))
	}
	if _, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("al"), PolicyName: aws.String("all"), PolicyDocument: aws.String(all)}); err != nil {
		t.Fatal(hung("PutUserPolicy", err))
	}
	key, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("al")})
	if err != nil {
		t.Fatal(hung("CreateAccessKey", err))
	}
	user := sts.NewFromConfig(s.config(*key.AccessKey.AccessKeyId, *key.AccessKey.SecretAccessKey, ""))
	tok, err := user.GetSessionToken(ctx, &sts.GetSessionTokenInput{})
	if err != nil {
		t.Fatal(hung("GetSessionToken", err))
	}
	session := sts.NewFromConfig(s.config(*tok.Credentials.AccessKeyId, *tok.Credentials.SecretAccessKey, *tok.Credentials.SessionToken))
	if _, err := c.UpdateUser(ctx, &iam.UpdateUserInput{UserName: aws.String("al"), NewUserName: aws.String("bo")}); err != nil {
		t.Fatal(hung("UpdateUser", err))
	}
	if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("al")}); err != nil {
		t.Fatal(hung("CreateUser under the old name", err))
	}
	who, err := session.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatalf("GetCallerIdentity with the session of the renamed user: %v", err)
	}
	if want := "arn:aws:iam::" + account + ":user/bo"; aws.ToString(who.Arn) != want {
		t.Errorf("the session of the renamed user acts as %s, want %s", aws.ToString(who.Arn), want)
	}
	if _, err := c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String("bo"), AccessKeyId: key.AccessKey.AccessKeyId}); err != nil {
		t.Fatal(hung("DeleteAccessKey", err))
	}
	if _, err := c.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: aws.String("bo"), PolicyName: aws.String("all")}); err != nil {
		t.Fatal(hung("DeleteUserPolicy", err))
	}
	if _, err := c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("bo")}); err != nil {
		t.Fatal(hung("DeleteUser", err))
	}
	if _, err := session.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); codeOf(err) != "InvalidClientTokenId" {
		t.Errorf("GetCallerIdentity after the renamed user was deleted = %v, want InvalidClientTokenId", err)
	}
}
