package sts

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/iam"
	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// Limits from the AssumeRole API reference.
const (
	defaultDuration  = 3600
	minDuration      = 900
	maxRoleDuration  = 43200
	chainedMax       = 3600
	maxPolicyChars   = 2048
	maxPolicyARNs    = 10
	maxSessionTags   = 50
	packedLimitBytes = 2048
)

type assumeRoleResult struct {
	XMLName          xml.Name           `xml:"AssumeRoleResult"`
	SourceIdentity   string             `xml:"SourceIdentity,omitempty"`
	AssumedRoleUser  assumedRoleUserXML `xml:"AssumedRoleUser"`
	Credentials      credentialsXML     `xml:"Credentials"`
	PackedPolicySize *int               `xml:"PackedPolicySize,omitempty"`
}

// roleRef is a parsed role ARN.
type roleRef struct {
	ARN, Partition, Account, Path, Name string
}

// parseRoleARN splits arn:PARTITION:iam::ACCOUNT:role/PATH/NAME.
func parseRoleARN(s string) (roleRef, bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] != "iam" || parts[3] != "" ||
		!isAccountID(parts[4]) {
		return roleRef{}, false
	}
	res, ok := strings.CutPrefix(parts[5], "role/")
	if !ok || res == "" || strings.HasSuffix(res, "/") {
		return roleRef{}, false
	}
	i := strings.LastIndexByte(res, '/')
	ref := roleRef{ARN: s, Partition: parts[1], Account: parts[4], Path: "/" + res[:i+1], Name: res[i+1:]}
	if i < 0 {
		ref.Path = "/"
	}
	if len(ref.Name) > 64 || strings.ContainsAny(ref.Name, " *?") {
		return roleRef{}, false
	}
	return ref, true
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// sessionRequest holds the parameters the AssumeRole* actions share.
type sessionRequest struct {
	role           roleRef
	sessionName    string
	duration       int
	durationSet    bool
	policy         string
	policyARNs     []string
	tags           [][2]string
	transitive     []string
	externalID     *string
	sourceIdentity *string
	serial         *string
	tokenCode      *string
}

// parseSessionParams validates the parameters shared by AssumeRole and
// AssumeRoleWithWebIdentity; withTags adds AssumeRole's own members.
func parseSessionParams(p query.Params, assumeRole bool) (*sessionRequest, error) {
	var v validation
	req := &sessionRequest{duration: defaultDuration}
	roleARN, hasRole := optional(p, "RoleArn")
	if !hasRole {
		v.fail("roleArn", nil, "Member must not be null")
	} else {
		v.pattern("roleArn", roleARN, patText, textRune)
		v.length("roleArn", roleARN, 20, 2048)
	}
	name, hasName := optional(p, "RoleSessionName")
	if !hasName {
		v.fail("roleSessionName", nil, "Member must not be null")
	} else {
		v.length("roleSessionName", name, 2, 64)
		v.pattern("roleSessionName", name, patSessionName, sessionNameRune)
	}
	req.sessionName = name
	if d, ok := optional(p, "DurationSeconds"); ok {
		n, err := strconv.Atoi(d)
		if err != nil {
			return nil, awserr.ValidationError("Value '" + d + "' at 'durationSeconds' failed to satisfy constraint: Member must be a number")
		}
		if n < minDuration {
			v.fail("durationSeconds", &d, "Member must have value greater than or equal to 900")
		}
		if n > maxRoleDuration {
			v.fail("durationSeconds", &d, "Member must have value less than or equal to 43200")
		}
		req.duration, req.durationSet = n, true
	}
	if pol, ok := optional(p, "Policy"); ok {
		v.length("policy", pol, 1, 100000)
		v.pattern("policy", pol, patText, textRune)
		req.policy = pol
	}
	req.policyARNs = p.List("PolicyArns.member", "arn")
	if len(req.policyARNs) > maxPolicyARNs {
		n := "[" + strings.Join(req.policyARNs, ", ") + "]"
		v.fail("policyArns", &n, "Member must have length less than or equal to 10")
	}
	for i, a := range req.policyARNs {
		v.length("policyArns."+strconv.Itoa(i+1)+".member.arn", a, 20, 2048)
	}
	if assumeRole {
		req.tags = p.Pairs("Tags.member", "Key", "Value")
		if len(req.tags) > maxSessionTags {
			n := strconv.Itoa(len(req.tags)) + " tags"
			v.fail("tags", &n, "Member must have length less than or equal to 50")
		}
		for i, t := range req.tags {
			m := "tags." + strconv.Itoa(i+1) + ".member."
			v.length(m+"key", t[0], 1, 128)
			v.pattern(m+"key", t[0], patTagKey, tagRune)
			v.length(m+"value", t[1], 0, 256)
			v.pattern(m+"value", t[1], patTagValue, tagRune)
		}
		req.transitive = p.List("TransitiveTagKeys.member", "")
		if len(req.transitive) > maxSessionTags {
			n := strconv.Itoa(len(req.transitive)) + " keys"
			v.fail("transitiveTagKeys", &n, "Member must have length less than or equal to 50")
		}
		for i, k := range req.transitive {
			v.length("transitiveTagKeys."+strconv.Itoa(i+1)+".member", k, 1, 128)
		}
		if x, ok := optional(p, "ExternalId"); ok {
			v.length("externalId", x, 2, 1224)
			v.pattern("externalId", x, patExternalID, externalIDRune)
			req.externalID = &x
		}
		if s, ok := optional(p, "SerialNumber"); ok {
			v.length("serialNumber", s, 9, 256)
			v.pattern("serialNumber", s, patSerial, serialRune)
			req.serial = &s
		}
		if c, ok := optional(p, "TokenCode"); ok {
			v.length("tokenCode", c, 6, 6)
			v.pattern("tokenCode", c, patTokenCode, digitRune)
			req.tokenCode = &c
		}
		if s, ok := optional(p, "SourceIdentity"); ok {
			v.length("sourceIdentity", s, 2, 64)
			v.pattern("sourceIdentity", s, patSessionName, sessionNameRune)
			req.sourceIdentity = &s
		}
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if len([]rune(req.policy)) > maxPolicyChars {
		return nil, awserr.ValidationError("1 validation error detected: Value '" + req.policy +
			"' at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048")
	}
	ref, ok := parseRoleARN(roleARN)
	if !ok {
		return nil, awserr.ValidationError("Request ARN is invalid")
	}
	req.role = ref
	if (req.serial == nil) != (req.tokenCode == nil) {
		if req.serial == nil {
			return nil, awserr.ValidationError("TokenCode requires SerialNumber")
		}
		return nil, awserr.AccessDenied("MultiFactorAuthentication failed, unable to validate MFA code")
	}
	return req, nil
}

func tagRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.In(r, unicode.Z) ||
		strings.ContainsRune("_.:/=+-@", r)
}

// packedSize is the share, in percent, of the packed session policy and
// session tag space a request uses. AWS compresses the session policy
// (plain text without insignificant white space), the managed session
// policy ARNs and the tags into a packed binary form whose size is capped
// independently of the 2,048 character plain-text limit; fakeaws models that
// with DEFLATE against a 2,048-byte budget.
func packedSize(policy string, arns []string, tags [][2]string) int {
	var buf bytes.Buffer
	if policy != "" {
		var compact bytes.Buffer
		if json.Compact(&compact, []byte(policy)) == nil {
			buf.Write(compact.Bytes())
		} else {
			buf.WriteString(policy)
		}
	}
	for _, a := range arns {
		buf.WriteString(a)
		buf.WriteByte(0)
	}
	for _, t := range tags {
		buf.WriteString(t[0])
		buf.WriteByte('=')
		buf.WriteString(t[1])
		buf.WriteByte(0)
	}
	if buf.Len() == 0 {
		return 0
	}
	var out bytes.Buffer
	w, _ := flate.NewWriter(&out, flate.BestCompression)
	_, _ = w.Write(buf.Bytes())
	_ = w.Close()
	return (out.Len()*100 + packedLimitBytes - 1) / packedLimitBytes
}

// loaded is what a session request reads from the store before deciding.
type loaded struct {
	role  store.Role
	trust *evaluator.Policy
	mfa   *store.MFADevice
}

// loadRole reads the role named by ref, its effective trust policy and, if
// serial is set, the caller's MFA device. A missing role yields found=false.
func (h *Handler) loadRole(ctx context.Context, ref roleRef, caller *authn.Caller, serial *string) (*loaded, bool, error) {
	var l loaded
	var doc string
	found := true
	err := h.db.View(ctx, func(tx *store.Tx) error {
		err := tx.Get(ref.Account, store.KindRole, strings.ToLower(ref.Name), &l.role)
		if errors.Is(err, store.ErrNotFound) {
			found = false
			return nil
		}
		if err != nil {
			return err
		}
		if doc, err = iam.TrustPolicy(tx, &l.role); err != nil {
			return err
		}
		if serial != nil {
			var d store.MFADevice
			err := tx.Get(caller.Account, store.KindMFADevice, *serial, &d)
			if err == nil {
				l.mfa = &d
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		return nil
	})
	if err != nil || !found {
		return nil, found, err
	}
	// A trust policy that no longer parses (stricter rules than when it was
	// stored) trusts nobody.
	l.trust, _ = h.authz.Parse(doc, evaluator.KindTrust)
	return &l, true, nil
}

// notAuthorized is STS's AccessDenied for a role it will not reveal.
func notAuthorized(caller *authn.Caller, action, resource string) error {
	return awserr.AccessDenied("User: " + caller.ARN + " is not authorized to perform: " + action +
		" on resource: " + resource)
}

// assumeRole serves AssumeRole
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html).
func (h *Handler) assumeRole(ctx context.Context, p query.Params) (any, error) {
	info := authn.FromContext(ctx)
	caller := &info.Caller
	req, err := parseSessionParams(p, true)
	if err != nil {
		return nil, err
	}
	if caller.Root() {
		return nil, awserr.AccessDenied("Roles may not be assumed by root accounts.")
	}
	now := h.now()
	parent := caller.Session
	chained := parent != nil && parent.RoleARN != ""

	// Session policy.
	if req.policy != "" {
		if _, err := h.authz.Parse(req.policy, evaluator.KindSession); err != nil {
			return nil, malformedPolicy(err)
		}
	}
	// Session tags: case-insensitively unique, transitive keys among them,
	// no override of an incoming transitive tag.
	tags, transitive, err := sessionTags(req, parent)
	if err != nil {
		return nil, err
	}
	sourceIdentity := ""
	if parent != nil {
		sourceIdentity = parent.SourceIdentity
	}
	if req.sourceIdentity != nil {
		if sourceIdentity != "" && sourceIdentity != *req.sourceIdentity {
			return nil, awserr.ValidationError("The source identity cannot be changed once it is set in a role chain.")
		}
		sourceIdentity = *req.sourceIdentity
	}
	packed := 0
	if req.policy != "" || len(req.policyARNs) > 0 || len(req.tags) > 0 {
		packed = packedSize(req.policy, req.policyARNs, req.tags)
		if packed > 100 {
			return nil, awserr.Newf("PackedPolicyTooLarge", http.StatusBadRequest,
				"Packed policy consumes %d%% of allotted space, please use smaller policy for request.", packed)
		}
	}

	l, found, err := h.loadRole(ctx, req.role, caller, req.serial)
	if err != nil {
		return nil, fmt.Errorf("load role %s: %w", req.role.ARN, err)
	}
	if !found {
		return nil, notAuthorized(caller, "sts:AssumeRole", req.role.ARN)
	}

	// MFA: the code must be valid for the caller's own enabled device.
	var mfaTime *time.Time
	if req.serial != nil {
		if !mfaValid(l.mfa, caller, *req.tokenCode, now) {
			return nil, awserr.AccessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code.")
		}
		t := now
		mfaTime = &t
	} else if parent != nil && parent.MFA && parent.MFAAuthTime != nil {
		// Credentials that were MFA-authenticated (GetSessionToken with MFA,
		// or a role session assumed with MFA) pass that on.
		t := *parent.MFAAuthTime
		mfaTime = &t
	}

	cond := map[string][]string{"sts:RoleSessionName": {req.sessionName}}
	if req.externalID != nil {
		cond["sts:ExternalId"] = []string{*req.externalID}
	}
	if sourceIdentity != "" {
		cond["sts:SourceIdentity"] = []string{sourceIdentity}
	}
	if req.durationSet {
		cond["sts:DurationSeconds"] = []string{strconv.Itoa(req.duration)}
	}
	if len(req.tags) > 0 {
		keys := make([]string, 0, len(req.tags))
		for _, t := range req.tags {
			cond["aws:RequestTag/"+t[0]] = []string{t[1]}
			keys = append(keys, t[0])
		}
		cond["aws:TagKeys"] = keys
	}
	if len(req.transitive) > 0 {
		cond["sts:TransitiveTagKeys"] = req.transitive
	}
	if mfaTime != nil {
		cond["aws:MultiFactorAuthPresent"] = []string{"true"}
		cond["aws:MultiFactorAuthAge"] = []string{strconv.FormatInt(int64(now.Sub(*mfaTime)/time.Second), 10)}
	}
	check := authz.Check{
		Action:          "sts:AssumeRole",
		Resource:        l.role.ARN,
		ResourceAccount: req.role.Account,
		ResourcePolicy:  &evaluator.NamedPolicy{Name: "trust policy of role/" + l.role.Name, Policy: l.trust},
		ResourceKind:    evaluator.KindTrust,
		Context:         cond,
	}
	if l.trust == nil {
		check.ResourcePolicy = nil
	}
	if err := h.authz.Authorize(ctx, check); err != nil {
		return nil, err
	}
	// Passing session tags (or carrying transitive ones) needs
	// sts:TagSession; setting a source identity needs sts:SetSourceIdentity.
	if len(req.tags) > 0 || (chained && len(parent.TransitiveTags) > 0) {
		check.Action = "sts:TagSession"
		if err := h.authz.Authorize(ctx, check); err != nil {
			return nil, err
		}
	}
	if req.sourceIdentity != nil {
		check.Action = "sts:SetSourceIdentity"
		if err := h.authz.Authorize(ctx, check); err != nil {
			return nil, err
		}
	}

	// Duration limits, checked once the caller may assume the role so they
	// reveal nothing to others.
	maxDur := l.role.MaxSessionDuration
	if maxDur == 0 {
		maxDur = defaultDuration
	}
	if chained && req.duration > chainedMax {
		return nil, awserr.ValidationError("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
	}
	if req.duration > maxDur {
		return nil, awserr.ValidationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}

	s := &store.Session{
		Account:        req.role.Account,
		Kind:           "AssumeRole",
		Issued:         now,
		Expiration:     now.Add(time.Duration(req.duration) * time.Second),
		RoleName:       l.role.Name,
		RoleARN:        l.role.ARN,
		RoleID:         l.role.ID,
		SessionName:    req.sessionName,
		PolicyARNs:     req.policyARNs,
		Tags:           tags,
		TransitiveTags: transitive,
		SourceIdentity: sourceIdentity,
		MFA:            mfaTime != nil,
		MFAAuthTime:    mfaTime,
		Chained:        chained,
	}
	if req.policy != "" {
		s.SessionPolicies = []string{req.policy}
	}
	if info.SourceIP != "" {
		s.Context = map[string][]string{"aws:SourceIp": {info.SourceIP}}
	}
	if err := h.issue(ctx, s, req.role.Account, l.role.Name); err != nil {
		return nil, err
	}
	out := &assumeRoleResult{
		SourceIdentity:  sourceIdentity,
		AssumedRoleUser: assumedRoleUser(req.role.Partition, s),
		Credentials:     credentialsOf(s),
	}
	if req.policy != "" || len(req.policyARNs) > 0 || len(req.tags) > 0 {
		out.PackedPolicySize = &packed
	}
	return out, nil
}

// assumedRoleUser is the AssumedRoleUser element of a role session.
func assumedRoleUser(partition string, s *store.Session) assumedRoleUserXML {
	return assumedRoleUserXML{
		AssumedRoleID: s.RoleID + ":" + s.SessionName,
		Arn:           SessionARN(partition, s.Account, s.RoleName, s.SessionName),
	}
}

// SessionARN is the ARN of a role session:
// arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION (no role path).
func SessionARN(partition, account, roleName, session string) string {
	if partition == "" {
		partition = "aws"
	}
	return "arn:" + partition + ":sts::" + account + ":assumed-role/" + roleName + "/" + session
}

// sessionTags merges the request's tags with the transitive tags of the
// calling session.
func sessionTags(req *sessionRequest, parent *store.Session) (map[string]string, []string, error) {
	seen := map[string]bool{}
	for _, t := range req.tags {
		k := strings.ToLower(t[0])
		if seen[k] {
			return nil, nil, awserr.InvalidParameterValue("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
		}
		seen[k] = true
	}
	var transitive []string
	tags := map[string]string{}
	if parent != nil && parent.RoleARN != "" {
		for _, k := range parent.TransitiveTags {
			if seen[strings.ToLower(k)] {
				return nil, nil, awserr.InvalidParameterValue("One or more of the specified tag keys conflict with incoming transitive tag keys from the calling session: " + k)
			}
			if v, ok := parent.Tags[k]; ok {
				tags[k] = v
			}
			transitive = append(transitive, k)
		}
	}
	for _, k := range req.transitive {
		if !seen[strings.ToLower(k)] {
			return nil, nil, awserr.InvalidParameterValue("The specified transitive tag key must be included in the requested tags.")
		}
		transitive = append(transitive, k)
	}
	for _, t := range req.tags {
		tags[t[0]] = t[1]
	}
	if len(tags) == 0 {
		tags = nil
	}
	return tags, transitive, nil
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

// issue stores a new session with fresh credentials and, for role
// sessions, records the role's last use.
func (h *Handler) issue(ctx context.Context, s *store.Session, account, roleName string) error {
	s.Secret = ids.Secret()
	s.Token = ids.SessionToken()
	return h.db.Update(ctx, func(tx *store.Tx) error {
		for {
			s.AccessKeyID = ids.AccessKeyID(ids.SessionKeyPrefix)
			if !tx.Exists(store.Global, store.KindSession, s.AccessKeyID) {
				break
			}
		}
		if err := tx.Put(store.Global, store.KindSession, s.AccessKeyID, s); err != nil {
			return fmt.Errorf("store session: %w", err)
		}
		if roleName == "" {
			return nil
		}
		var role store.Role
		key := strings.ToLower(roleName)
		if err := tx.Get(account, store.KindRole, key, &role); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return nil
			}
			return err
		}
		t := s.Issued
		role.LastUsed = &t
		return tx.Put(account, store.KindRole, key, &role)
	})
}
