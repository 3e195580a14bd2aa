package sts

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// AssumeRoot (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html)
// gives an IAM principal of an organization's management account a short
// session as a member account's root user, scoped by a task policy, once
// IAM's centralized root access has RootSessions enabled
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user-privileged-task.html).
// The session acts as the member's root (arn:aws:iam::MEMBER:root) with the
// task policy as its session policy; the task policies are Deny-only, so
// they take away from the root user's permissions and grant nothing
// (authz applies them, evaluator.Evaluate lets their denies stand).

// rootTaskPolicyPrefix starts the ARN of every task policy AssumeRoot takes:
// IAMAuditRootUserCredentials, IAMCreateRootUserPassword,
// IAMDeleteRootUserCredentials, S3UnlockBucketPolicy, SQSUnlockQueuePolicy.
const rootTaskPolicyPrefix = "arn:aws:iam::aws:policy/root-task/"

// assumeRootMax is AssumeRoot's longest (and default) session: "from 0
// seconds up to the maximum session duration of 900 seconds".
const assumeRootMax = 900

type assumeRootResult struct {
	XMLName        xml.Name       `xml:"AssumeRootResult"`
	Credentials    credentialsXML `xml:"Credentials"`
	SourceIdentity string         `xml:"SourceIdentity,omitempty"`
	tokenSizeXML
}

// rootRequest is a validated AssumeRoot request.
type rootRequest struct {
	target, taskPolicy string
	duration           int
	tokenMin           int // MinimumSessionTokenSize
}

// errAssumeRootGlobal is the global endpoint's answer to AssumeRoot, an
// operation it does not know ("The STS global endpoint is not supported for
// AssumeRoot", API_AssumeRoot.html): 400 InvalidAction "Unknown Operation",
// as AWS answered boto3's AssumeRoot on its then default global endpoint
// (boto/boto3#4461, 2025; the status is InvalidAction's, not recorded).
func errAssumeRootGlobal() error {
	return awserr.New("InvalidAction", http.StatusBadRequest, "Unknown Operation")
}

// assumeRoot serves AssumeRoot.
func (h *Handler) assumeRoot(ctx context.Context, p query.Params) (any, error) {
	if authn.GlobalSTSHost(authn.FromContext(ctx).Host) {
		return nil, errAssumeRootGlobal()
	}
	req, err := rootParams(p)
	if err != nil {
		return nil, err
	}
	caller := &authn.FromContext(ctx).Caller
	switch {
	case caller.Anonymous():
		return nil, errMissingAuthToken()
	case caller.Root():
		// "You cannot use root user credentials to make this call."
		return nil, awserr.AccessDenied("Root user credentials cannot call AssumeRoot; use an IAM user or role of the management account")
	}
	// Decided in the caller's account: nothing in the member account
	// (no trust policy) takes part.
	check := authz.Check{Action: "sts:AssumeRoot", Resource: arns.IAM(req.target, "root"),
		Context: map[string][]string{"sts:TaskPolicyArn": {req.taskPolicy}}}
	if err := h.authz.Authorize(ctx, check); err != nil {
		return nil, err
	}
	if err := h.db.View(ctx, func(tx *store.Tx) error { return rootSessionsAllowed(tx, caller.Account, req.target) }); err != nil {
		return nil, err
	}
	now := h.now()
	s := &store.Session{
		Account:    req.target,
		Kind:       "AssumeRoot",
		Issued:     now,
		Expiration: now.Add(time.Duration(req.duration) * time.Second),
	}
	if caller.Session != nil {
		s.SourceIdentity = caller.Session.SourceIdentity
	}
	creds, err := h.issue(ctx, s, sessionPolicies{arns: []string{req.taskPolicy}}, req.tokenMin)
	if err != nil {
		return nil, err
	}
	return &assumeRootResult{Credentials: creds, SourceIdentity: s.SourceIdentity, tokenSizeXML: tokenSizeOf(creds.SessionToken)}, nil
}

// rootParams validates AssumeRoot's parameters against botocore's sts model
// (TargetPrincipal 12 to 2,048 characters, TaskPolicyArn.arn 20 to 2,048,
// DurationSeconds 0 to 900) and reads the target's account id.
func rootParams(p query.Params) (rootRequest, error) {
	var v validation
	var req rootRequest
	target, ok := v.required(p, "TargetPrincipal", "targetPrincipal")
	if ok {
		v.length("targetPrincipal", target, 12, 2048)
	}
	policy, ok := v.required(p, "TaskPolicyArn.arn", "taskPolicyArn.arn")
	if ok {
		v.length("taskPolicyArn.arn", policy, 20, 2048)
	}
	var err error
	if req.duration, _, err = v.durationSecondsIn(p, assumeRootMax, 0, assumeRootMax); err != nil {
		return req, err
	}
	if req.tokenMin, err = v.minimumTokenSize(p); err != nil {
		return req, err
	}
	if err := v.err(); err != nil {
		return req, err
	}
	req.taskPolicy = policy
	if req.target = targetAccount(target); req.target == "" {
		return req, awserr.ValidationError("TargetPrincipal must be a member account's id or its root user's ARN (arn:aws:iam::ACCOUNT:root)")
	}
	if !strings.HasPrefix(policy, rootTaskPolicyPrefix) {
		return req, awserr.ValidationError("TaskPolicyArn must be one of the AWS managed task policies (" + rootTaskPolicyPrefix + "...)")
	}
	return req, nil
}

// targetAccount is the account TargetPrincipal names, an account id or
// the account's root ARN ("The member account principal ARN or account
// ID"); "" for anything else.
func targetAccount(target string) string {
	if arns.IsAccountID(target) {
		return target
	}
	if a, err := arns.Parse(target); err == nil && arns.IsAccountID(a.AccountID) && target == arns.Root(a.AccountID) {
		return a.AccountID
	}
	return ""
}

// rootSessionsAllowed checks that caller's account may open a root session
// in target: it is the management account of target's organization (there
// are no delegated administrators here), and RootSessions is enabled.
func rootSessionsAllowed(tx *store.Tx, caller, target string) error {
	o, err := tx.OrganizationOf(caller)
	if errors.Is(err, store.ErrNoOrganization) {
		return awserr.AccessDenied("Account " + caller + " is not in an organization, so it cannot call AssumeRoot")
	}
	if err != nil {
		return fmt.Errorf("read organization: %w", err)
	}
	switch {
	case o.ManagementAccount != caller:
		return awserr.AccessDenied("Only the management account of " + o.ID + " may call AssumeRoot")
	case !o.RootFeatureEnabled(store.RootSessions):
		return awserr.AccessDenied("Root sessions are not enabled for " + o.ID + " (IAM EnableOrganizationsRootSessions)")
	case target == caller:
		return awserr.AccessDenied("AssumeRoot targets a member account, not the management account")
	}
	if _, member := o.Accounts[target]; !member {
		return awserr.AccessDenied("Account " + target + " is not a member of " + o.ID)
	}
	if tx.AccountClosed(target) {
		// Its credentials, sessions included, are refused on use anyway
		// (emulator/authn); no session is issued for it.
		return awserr.AccessDenied("Account " + target + " is closed")
	}
	return nil
}
