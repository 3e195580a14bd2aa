package sts

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/principals"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/sessiontoken"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// This file holds what the credential-issuing actions (AssumeRole,
// AssumeRoleWithWebIdentity, AssumeRoleWithSAML, GetFederationToken,
// GetSessionToken) share: their common parameters, the role and its trust
// policy, the session condition keys, and issuing the session.

// errMissingAuthToken is STS's answer to an unsigned request for an action
// that needs a caller.
func errMissingAuthToken() error {
	return awserr.New("MissingAuthenticationToken", http.StatusForbidden,
		"Request is missing Authentication Token")
}

// required returns parameter name, recording a null member when it is
// missing.
func (v *validation) required(p query.Params, name, member string) (string, bool) {
	s, ok := optional(p, name)
	if !ok {
		v.fail(member, nil, "Member must not be null")
	}
	return s, ok
}

// durationSeconds reads DurationSeconds (def when absent), recording a value
// outside [minDuration, max]. A value that is not a number fails at once.
func (v *validation) durationSeconds(p query.Params, def, max int) (n int, set bool, err error) {
	return v.durationSecondsIn(p, def, minDuration, max)
}

// durationSecondsIn is durationSeconds for the range [min, max] (AssumeRoot
// takes 0 to 900).
func (v *validation) durationSecondsIn(p query.Params, def, min, max int) (n int, set bool, err error) {
	return v.intIn(p, "DurationSeconds", "durationSeconds", def, min, max)
}

// minimumTokenSize reads MinimumSessionTokenSize, the size the request asks
// its session token to have at least: 0 (the default) to 4,096 bytes, the
// token size limit (API_AssumeRole.html and the five other operations
// that issue credentials). AWS's messages for a value out of range are not
// recorded; these are its validation messages for DurationSeconds.
func (v *validation) minimumTokenSize(p query.Params) (int, error) {
	n, _, err := v.intIn(p, "MinimumSessionTokenSize", "minimumSessionTokenSize", 0, 0, sessiontoken.MaxTokenSize)
	return n, err
}

// intIn reads the integer parameter name (def when absent), recording a
// value outside [min, max] as a violation of member in STS's wording. A
// value that is not a number fails at once.
func (v *validation) intIn(p query.Params, name, member string, def, min, max int) (n int, set bool, err error) {
	raw, ok := optional(p, name)
	if !ok {
		return def, false, nil
	}
	if n, err = p.Int(name, def); err != nil {
		return 0, false, err
	}
	if n < min {
		v.fail(member, &raw, "Member must have value greater than or equal to "+strconv.Itoa(min))
	}
	if n > max {
		v.fail(member, &raw, "Member must have value less than or equal to "+strconv.Itoa(max))
	}
	return n, true, nil
}

// sessionPolicies are the inline session policy and the managed session
// policy ARNs a request passes.
type sessionPolicies struct {
	policy string
	arns   []string
}

// sessionPolicies reads Policy and PolicyArns, recording violations.
func (v *validation) sessionPolicies(p query.Params) sessionPolicies {
	var sp sessionPolicies
	if pol, ok := optional(p, "Policy"); ok {
		v.length("policy", pol, 1, 100000)
		v.pattern("policy", pol, patPolicy, policyRune)
		sp.policy = pol
	}
	sp.arns = p.List("PolicyArns.member", "arn")
	if len(sp.arns) > maxPolicyARNs {
		n := "[" + strings.Join(sp.arns, ", ") + "]"
		v.fail("policyArns", &n, "Member must have length less than or equal to 10")
	}
	for i, a := range sp.arns {
		v.length("policyArns."+strconv.Itoa(i+1)+".member.arn", a, 20, 2048)
	}
	return sp
}

// errWith is v's error or, when the members satisfy their constraints,
// sp's length error.
func (v *validation) errWith(sp sessionPolicies) error {
	if err := v.err(); err != nil {
		return err
	}
	return sp.lengthErr()
}

// lengthErr is STS's error for an inline session policy past 2,048
// characters, checked once the request is otherwise valid.
func (sp sessionPolicies) lengthErr() error {
	if len([]rune(sp.policy)) > maxPolicyChars {
		return awserr.ValidationError("1 validation error detected: Value '" + sp.policy +
			"' at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048")
	}
	return nil
}

// tags reads Tags.member.N.Key/Value, recording violations.
func (v *validation) tags(p query.Params) [][2]string {
	tags := p.Pairs("Tags.member", "Key", "Value")
	if len(tags) > maxSessionTags {
		n := strconv.Itoa(len(tags)) + " tags"
		v.fail("tags", &n, "Member must have length less than or equal to 50")
	}
	for i, t := range tags {
		m := "tags." + strconv.Itoa(i+1) + ".member."
		v.length(m+"key", t[0], 1, 128)
		v.pattern(m+"key", t[0], patTagKey, tagRune)
		v.length(m+"value", t[1], 0, 256)
		v.pattern(m+"value", t[1], patTagValue, tagRune)
	}
	return tags
}

// maxProvidedContexts is the most ProvidedContexts AssumeRole takes
// (botocore's sts model: ProvidedContextsListType max 5).
const maxProvidedContexts = 5

// providedContexts checks AssumeRole's ProvidedContexts.member.N against
// botocore's sts model: at most 5, each ProviderArn 20 to 2,048 characters
// of patText and each ContextAssertion 4 to 2,048. The contexts themselves
// are not verified or used (docs/deviations.md).
func (v *validation) providedContexts(p query.Params) {
	arns := p.List("ProvidedContexts.member", "ProviderArn")
	assertions := p.List("ProvidedContexts.member", "ContextAssertion")
	if n := max(len(arns), len(assertions)); n > maxProvidedContexts {
		s := strconv.Itoa(n) + " contexts"
		v.fail("providedContexts", &s, "Member must have length less than or equal to 5")
	}
	for i, a := range arns {
		m := "providedContexts." + strconv.Itoa(i+1) + ".member.providerArn"
		v.length(m, a, 20, 2048)
		v.pattern(m, a, patText, textRune)
	}
	for i, a := range assertions {
		v.length("providedContexts."+strconv.Itoa(i+1)+".member.contextAssertion", a, 4, 2048)
	}
}

// mfa reads SerialNumber and TokenCode (nil when absent), recording
// violations.
func (v *validation) mfa(p query.Params) (serial, tokenCode *string) {
	if s, ok := optional(p, "SerialNumber"); ok {
		v.length("serialNumber", s, 9, 256)
		v.pattern("serialNumber", s, patSerial, serialRune)
		serial = ptr(s)
	}
	if c, ok := optional(p, "TokenCode"); ok {
		v.length("tokenCode", c, 6, 6)
		v.pattern("tokenCode", c, patTokenCode, digitRune)
		tokenCode = ptr(c)
	}
	return serial, tokenCode
}

// checkSessionPolicy parses the inline session policy, if any, into STS's
// MalformedPolicyDocument error.
func (h *Handler) checkSessionPolicy(sp sessionPolicies) error {
	if sp.policy == "" {
		return nil
	}
	if msg := jacksonValueError(sp.policy); msg != "" {
		return awserr.New("MalformedPolicyDocument", http.StatusBadRequest, msg)
	}
	if _, err := h.authz.Parse(sp.policy, evaluator.KindSession); err != nil {
		return malformedPolicy(err)
	}
	return nil
}

// malformedPolicy turns a session policy parse error into STS's error.
func malformedPolicy(err error) error {
	var pe *evaluator.ParseError
	msg := "The policy is not in the valid JSON format."
	if errors.As(err, &pe) {
		msg = pe.Message
	}
	return awserr.New("MalformedPolicyDocument", http.StatusBadRequest, msg)
}

// errDuplicateTagKeys is STS's answer to session tag keys that repeat,
// whatever their case, however the tags were passed.
func errDuplicateTagKeys() error {
	return awserr.InvalidParameterValue("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
}

// errTransitiveNotTagged is STS's answer to a transitive tag key that names
// none of the session's tags.
func errTransitiveNotTagged() error {
	return awserr.InvalidParameterValue("The specified transitive tag key must be included in the requested tags.")
}

// uniqueTagKeys rejects tags whose keys repeat (case-insensitively) and
// returns the lower-cased keys.
func uniqueTagKeys(tags [][2]string) (map[string]bool, error) {
	if len(tags) == 0 {
		return nil, nil // reads as empty
	}
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		k := strings.ToLower(t[0])
		if seen[k] {
			return nil, errDuplicateTagKeys()
		}
		seen[k] = true
	}
	return seen, nil
}

// tagPairs lists tags sorted by key.
func tagPairs(tags map[string]string) [][2]string {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][2]string, len(keys))
	for i, k := range keys {
		out[i] = [2]string{k, tags[k]}
	}
	return out
}

// addTagContext adds the condition keys of passed session tags to cond:
// aws:RequestTag/KEY, aws:TagKeys in the order of tags, and
// sts:TransitiveTagKeys.
func addTagContext(cond map[string][]string, tags [][2]string, transitive []string) {
	if len(tags) > 0 {
		keys := make([]string, 0, len(tags))
		for _, t := range tags {
			cond["aws:RequestTag/"+t[0]] = []string{t[1]}
			keys = append(keys, t[0])
		}
		cond["aws:TagKeys"] = keys
	}
	if len(transitive) > 0 {
		cond["sts:TransitiveTagKeys"] = transitive
	}
}

// roleRecord is a role a session request names, with its effective trust
// policy document.
type roleRecord struct {
	role     store.Role
	trustDoc string

	// trust is trustDoc parsed, once: roleCache shares a record between
	// requests for as long as nothing it was read from changes.
	trustOnce sync.Once
	trust     evaluator.NamedPolicy
}

// trustPolicy is r's trust policy, parsed by a on first use. A stored
// trust policy that no longer parses denies (and is logged).
func (r *roleRecord) trustPolicy(a *authz.Authorizer) *evaluator.NamedPolicy {
	r.trustOnce.Do(func() {
		r.trust = a.ParseStored("trust policy of role/"+r.role.Name, r.trustDoc, evaluator.KindTrust)
	})
	return &r.trust
}

// readRole reads the role ref names and its trust policy; nil when there is
// no such role, or when its account is closed: a closed account's
// resources are not available (API_CloseAccount), so its roles are
// assumed as a role that does not exist is (AccessDenied for AssumeRole).
func readRole(tx *store.Tx, ref roleRef) (*roleRecord, error) {
	if tx.AccountClosed(ref.Account) {
		return nil, nil
	}
	var r roleRecord
	err := tx.Get(ref.Account, store.KindRole, strings.ToLower(ref.Name), &r.role)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if r.trustDoc, err = principals.TrustPolicy(tx, &r.role); err != nil {
		return nil, err
	}
	return &r, nil
}

// loadRoleAndProvider reads, in one transaction, the identity provider
// stored under key (of kind, in account) into provider and the role ref
// names (nil when there is no such role). providerFound is false when
// there is no such provider.
func (h *Handler) loadRoleAndProvider(ctx context.Context, ref roleRef, account, kind, key string, provider any) (r *roleRecord, providerFound bool, err error) {
	providerFound = true
	err = h.db.View(ctx, func(tx *store.Tx) error {
		err := tx.Get(account, kind, key, provider)
		if errors.Is(err, store.ErrNotFound) {
			providerFound = false
		} else if err != nil {
			return err
		}
		r, err = readRole(tx, ref)
		return err
	})
	return r, providerFound, err
}

// readMFADevice reads account's MFA device serial; nil when there is none.
func readMFADevice(tx *store.Tx, account, serial string) (*store.MFADevice, error) {
	var d store.MFADevice
	err := tx.Get(account, store.KindMFADevice, serial, &d)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// trustCheck is the question whether caller (nil: the request's caller)
// may perform action on role r under its trust policy, with the condition
// keys in cond. A trust policy that no longer parses (stricter rules than
// when it was stored) trusts nobody.
//
// The role's tags are aws:ResourceTag/<key> and iam:ResourceTag/<key> in
// both the trust policy and the caller's identity policies, so the IAM
// ABAC tutorial's "assume roles whose access-project tag matches mine"
// works (https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_attribute-based-access-control.html).
func (h *Handler) trustCheck(action string, ref roleRef, r *roleRecord, cond map[string][]string, caller *authn.Caller) authz.Check {
	keys := cond
	if len(r.role.Tags) > 0 {
		keys = make(map[string][]string, len(cond)+len(r.role.Tags))
		for _, t := range r.role.Tags {
			keys["iam:ResourceTag/"+t.Key] = []string{t.Value}
		}
		for k, v := range cond {
			keys[k] = v
		}
	}
	return authz.Check{
		Action:          action,
		Resource:        r.role.ARN,
		ResourceAccount: ref.Account,
		ResourceKind:    evaluator.KindTrust,
		Context:         keys,
		// Every caller makes cond for this request's check and changes
		// it no more; the decision log keeps it without a copy.
		ContextFrozen:  true,
		ResourceTags:   r.role.Tags,
		Caller:         caller,
		ResourcePolicy: r.trustPolicy(h.authz),
	}
}

// federatedCaller is the principal of a web identity or SAML request: the
// provider, for subject.
func federatedCaller(providerARN, subject string, now time.Time) *authn.Caller {
	return &authn.Caller{
		Type:    evaluator.PrincipalFederatedUser,
		ARN:     providerARN,
		UserID:  providerARN + ":" + subject,
		Session: &store.Session{Federated: providerARN, Issued: now, Subject: subject},
	}
}

// checkMaxSessionDuration rejects a duration past the role's
// MaxSessionDuration (one hour when unset).
func checkMaxSessionDuration(role *store.Role, duration int) error {
	maxDur := role.MaxSessionDuration
	if maxDur == 0 {
		maxDur = defaultDuration
	}
	if duration > maxDur {
		return awserr.ValidationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}
	return nil
}

// roleSession is a new kind session of role r in ref's account named
// sessionName, lasting duration seconds from now. It is a value, so a
// caller that keeps it to itself keeps it on its stack.
func roleSession(kind string, ref roleRef, r *roleRecord, sessionName string, now time.Time, duration int) store.Session {
	return store.Session{
		Account:     ref.Account,
		Kind:        kind,
		Issued:      now,
		Expiration:  now.Add(time.Duration(duration) * time.Second),
		RoleName:    r.role.Name,
		RoleARN:     r.role.ARN,
		RoleID:      r.role.ID,
		SessionName: sessionName,
	}
}

// userID is the unique id (AIDA...) of the IAM user caller is or acts
// for; "" for root.
func userID(caller *authn.Caller) string {
	if caller.Root() || caller.UserName == "" {
		return ""
	}
	if s := caller.Session; s != nil && s.UserID != "" {
		return s.UserID
	}
	return caller.UserID
}

// ipContext is a session context holding only aws:SourceIp.
type ipContext struct {
	ip      string
	context map[string][]string
}

// sourceIPContext is the session context {"aws:SourceIp": [ip]}. The one
// made last is kept and shared by the sessions issued to the same address
// (a client usually sends from one), which is safe because nothing changes
// a session's Context once it is set: sealing only reads it, and an opened
// session has a map of its own. It saves the map, its slice and their
// allocations on every session issued.
func (h *Handler) sourceIPContext(ip string) map[string][]string {
	if c := h.lastIP.Load(); c != nil && c.ip == ip {
		return c.context
	}
	c := &ipContext{ip: ip, context: map[string][]string{"aws:SourceIp": {ip}}}
	h.lastIP.Store(c)
	return c.context
}

// issue completes s with the session policies sp and the caller's source
// IP and seals it into fresh credentials, a token of at least tokenMin
// bytes; nothing is stored. A role session also notes the role's last use
// (see roleUse). It returns the session's Credentials element.
func (h *Handler) issue(ctx context.Context, s *store.Session, sp sessionPolicies, tokenMin int) (credentialsXML, error) {
	s.PolicyARNs = sp.arns
	if sp.policy != "" {
		s.SessionPolicies = []string{sp.policy}
	}
	if ip := authn.FromContext(ctx).SourceIP; ip != "" {
		if s.Context == nil {
			s.Context = h.sourceIPContext(ip)
		} else {
			s.Context["aws:SourceIp"] = []string{ip}
		}
	}
	if err := h.sessions.SealSized(ctx, s, tokenMin); err != nil {
		return credentialsXML{}, fmt.Errorf("seal session: %w", err)
	}
	if s.RoleName != "" {
		if err := h.roleUse.note(ctx, h.db, s.Account, s.RoleName, s.RoleID, s.Issued); err != nil {
			return credentialsXML{}, err
		}
	}
	return credentialsOf(s), nil
}
