package authz_test

import (
	"context"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

func TestTrackedAction(t *testing.T) {
	t.Parallel()
	// IAM User Guide, access_policies_last-accessed.html, Things to know:
	// management actions of EC2, IAM, Lambda and S3; not iam:PassRole,
	// not S3 data events.
	cases := map[string]bool{
		"iam:CreateUser": true, "iam:PassRole": false, "ec2:RunInstances": true, "lambda:CreateFunction": true,
		"s3:CreateBucket": true, "s3:PutBucketPolicy": true, "s3:ListAllMyBuckets": true,
		"s3:GetObject": false, "s3:PutObject": false, "s3:ListBucket": false, "s3:AbortMultipartUpload": false,
		"sts:AssumeRole": false, "organizations:ListAccounts": false, "iam": false,
	}
	for action, want := range cases {
		if got := authz.TrackedAction(action); got != want {
			t.Errorf("TrackedAction(%q) = %v, want %v", action, got, want)
		}
	}
}

// An entity's attempts are written at most once per hour (the first at
// once); those in between wait in memory, where ServiceAccess finds them,
// until the next write or FlushServiceAccess. Every attempt counts,
// denied ones too.
func TestServiceAccessCoalescesWrites(t *testing.T) {
	t.Parallel()
	db, az := world(t)
	start := time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)
	attempt := func(caller authn.Caller, action string, at time.Time) {
		t.Helper()
		ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: caller, Time: at, Region: "eu-west-1"})
		_ = az.Authorize(ctx, authz.Check{Action: action, Resource: "*"})
	}
	read := func() (stored, merged store.ServiceAccess) {
		t.Helper()
		err := db.View(context.Background(), func(tx *store.Tx) error {
			if err := tx.Get(acct, store.KindServiceAccess, "AIDADIRECT", &stored); err != nil {
				return err
			}
			var err error
			merged, err = az.ServiceAccess(tx, acct, "AIDADIRECT")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return stored, merged
	}
	gen := db.Generation()
	direct := userCaller("direct")
	steps := []struct {
		name           string
		action         string
		at             time.Time
		stored, merged time.Time // s3's
		iamStored      bool
	}{
		{"first attempt written at once", "s3:ListAllMyBuckets", start, start, start, false},
		{"within the hour: in memory", "s3:CreateBucket", start.Add(10 * time.Minute), start, start.Add(10 * time.Minute), false},
		{"denied attempt counts", "iam:DeleteUser", start.Add(20 * time.Minute), start, start.Add(10 * time.Minute), false},
		{"an hour on: written with the pending", "s3:GetObject", start.Add(61 * time.Minute), start.Add(61 * time.Minute), start.Add(61 * time.Minute), true},
	}
	for _, s := range steps {
		attempt(direct, s.action, s.at)
		stored, merged := read()
		if got := stored.Services["s3"].At; !got.Equal(s.stored) {
			t.Errorf("%s: stored s3 attempt %v, want %v", s.name, got, s.stored)
		}
		if got := merged.Services["s3"].At; !got.Equal(s.merged) {
			t.Errorf("%s: reported s3 attempt %v, want %v", s.name, got, s.merged)
		}
		if _, ok := stored.Services["iam"]; ok != s.iamStored {
			t.Errorf("%s: iam stored = %v, want %v", s.name, ok, s.iamStored)
		}
	}
	_, merged := read()
	if a := merged.Services["s3"].Actions; len(a) != 2 || a["CreateBucket"].Region != "eu-west-1" {
		t.Errorf("tracked s3 actions = %v, want ListAllMyBuckets and CreateBucket (GetObject is a data event)", a)
	}
	if _, ok := merged.Services["iam"].Actions["DeleteUser"]; !ok {
		t.Errorf("the denied iam:DeleteUser attempt is not tracked: %v", merged.Services["iam"])
	}
	if db.Generation() != gen {
		t.Errorf("writing last accessed data changed the store generation (emptying the identity caches)")
	}
	attempt(direct, "s3:ListAllMyBuckets", start.Add(70*time.Minute))
	if err := az.FlushServiceAccess(context.Background()); err != nil {
		t.Fatal(err)
	}
	if stored, _ := read(); !stored.Services["s3"].At.Equal(start.Add(70 * time.Minute)) {
		t.Errorf("after FlushServiceAccess stored s3 attempt %v, want %v", stored.Services["s3"].At, start.Add(70*time.Minute))
	}
	// Root, anonymous and federated callers are no IAM entities.
	rootCtx := authn.WithInfo(context.Background(), &authn.Info{Caller: authn.Caller{Type: evaluator.PrincipalAccount, Account: acct, ARN: authn.RootARN(acct), UserID: acct}, Time: start})
	_ = az.Authorize(rootCtx, authz.Check{Action: "s3:ListAllMyBuckets", Resource: "*"})
	_ = db.View(context.Background(), func(tx *store.Tx) error {
		if tx.Exists(acct, store.KindServiceAccess, acct) {
			t.Errorf("root's attempts are tracked")
		}
		return nil
	})
}

// After ResetServiceAccess (the server's Reset) no unwritten attempt is
// reported.
func TestResetServiceAccess(t *testing.T) {
	t.Parallel()
	db, az := world(t)
	at := time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)
	for _, minutes := range []int{0, 10} {
		ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: userCaller("direct"), Time: at.Add(time.Duration(minutes) * time.Minute)})
		_ = az.Authorize(ctx, authz.Check{Action: "iam:ListUsers", Resource: "*"})
	}
	az.ResetServiceAccess()
	err := db.View(context.Background(), func(tx *store.Tx) error {
		got, err := az.ServiceAccess(tx, acct, "AIDADIRECT")
		if !got.Services["iam"].At.Equal(at) {
			t.Errorf("after reset the iam attempt reads %v, want the written one (%v)", got.Services["iam"].At, at)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
