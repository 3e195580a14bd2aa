package authz

import (
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/fakeaws/fakeaws/evaluator"
)

// scratch is one Judge call's evaluator request, its context map, the
// backing array of the context's single values and the policy set.
// Judge hands none of them to anyone who keeps them: the evaluator reads
// request and policy set and returns a Decision holding no part of them,
// the decision log's Record copies what it shows (strings, and a clone of
// the Check's own context), Judge's answer function must not keep them,
// and Authorize's denial message is a new string. So once Judge returns
// they go back to Authorizer.scratch for the next call. Decide, whose
// callers keep the request, and a Collector, which keeps every request it
// is given, never use one.
type scratch struct {
	req  evaluator.Request
	ps   evaluator.PolicySet
	vals [contextKeys]string
}

// maxScratchKeys bounds the context map a scratch keeps: one that grew
// past it (a principal with many tags) is dropped rather than kept large.
const maxScratchKeys = 64

func (a *Authorizer) getScratch() *scratch {
	if s, ok := a.scratch.Get().(*scratch); ok {
		return s
	}
	return &scratch{req: evaluator.Request{Context: make(evaluator.Context, contextKeys)}}
}

func (a *Authorizer) putScratch(s *scratch) {
	ctx := s.req.Context
	if len(ctx) > maxScratchKeys {
		return
	}
	clear(ctx)
	s.req = evaluator.Request{Context: ctx}
	s.ps = evaluator.PolicySet{}
	s.vals = [contextKeys]string{}
	a.scratch.Put(s)
}

// secondClock formats aws:CurrentTime and aws:EpochTime once per second
// instead of once per decision: both have a resolution of one second, and
// a request usually makes its decisions within one.
type secondClock struct {
	last atomic.Pointer[formattedSecond]
}

type formattedSecond struct {
	unix           int64
	current, epoch string
}

// format returns now as aws:CurrentTime (RFC 3339, UTC) and aws:EpochTime
// (seconds since 1970) spell it.
func (c *secondClock) format(now time.Time) (current, epoch string) {
	unix := now.Unix()
	if f := c.last.Load(); f != nil && f.unix == unix {
		return f.current, f.epoch
	}
	f := &formattedSecond{unix: unix, current: now.UTC().Format(time.RFC3339), epoch: strconv.FormatInt(unix, 10)}
	c.last.Store(f)
	return f.current, f.epoch
}

// lowerKey is key lower-cased, as the evaluator looks keys up. The keys
// services put in a Check's context are written in AWS's mixed case
// (sts:RoleSessionName); the frequent ones are answered with a constant
// instead of a new string per request.
func lowerKey(key string) string {
	switch key {
	case "sts:RoleSessionName":
		return "sts:rolesessionname"
	case "sts:ExternalId":
		return "sts:externalid"
	case "sts:SourceIdentity":
		return "sts:sourceidentity"
	case "sts:DurationSeconds":
		return "sts:durationseconds"
	case "aws:MultiFactorAuthPresent":
		return "aws:multifactorauthpresent"
	case "aws:MultiFactorAuthAge":
		return "aws:multifactorauthage"
	case "aws:TagKeys":
		return "aws:tagkeys"
	case "aws:SourceIp":
		return "aws:sourceip"
	case "aws:RequestedRegion":
		return "aws:requestedregion"
	case "s3:VersionId":
		return "s3:versionid"
	case "iam:PolicyARN":
		return "iam:policyarn"
	case "iam:PermissionsBoundary":
		return "iam:permissionsboundary"
	}
	return strings.ToLower(key)
}
