package config

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// Target is the server Apply drives; *emulator.Server satisfies it.
type Target interface {
	// ServeAs serves r as caller without checking a signature.
	ServeAs(w http.ResponseWriter, r *http.Request, caller authn.Caller)
	// DB is the server's store (accounts and fixed access keys are
	// written there directly; existing documents are read from it).
	DB() *store.DB
}

// Options configure Apply.
type Options struct {
	// Now is the clock for the records written directly (default time.Now).
	Now func() time.Time
}

// Apply creates the world c declares on t, in the order the package doc
// describes. It stops at the first error, an *Error naming the field.
func Apply(ctx context.Context, t Target, c *Config, opts Options) error {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	ap := &applier{ctx: ctx, t: t, now: opts.Now}
	for i := range c.Accounts {
		if err := ap.identities(fmt.Sprintf("accounts[%d]", i), &c.Accounts[i]); err != nil {
			return err
		}
	}
	if err := ap.roles(c); err != nil {
		return err
	}
	for i := range c.Accounts {
		a := &c.Accounts[i]
		for j := range a.Buckets {
			if err := ap.bucket(fmt.Sprintf("accounts[%d].buckets[%d]", i, j), a.ID, &a.Buckets[j]); err != nil {
				return err
			}
		}
	}
	// The organization comes last: its SCPs may deny what the steps above
	// do as the member accounts' root users.
	if c.Organization != nil {
		return ap.organization(c.Organization)
	}
	return nil
}

type applier struct {
	ctx context.Context
	t   Target
	now func() time.Time
}

// apiError is an AWS error response from the server.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func (e *apiError) is(codes ...string) bool {
	for _, c := range codes {
		if e.Code == c {
			return true
		}
	}
	return false
}

// blame turns a server error into an *Error on the field it concerns: the
// first rule whose needle is the error code or appears in the message
// (case-insensitively) names the field under base; otherwise base itself.
func blame(base string, e *apiError, rules ...string) error {
	path := base
	msg := strings.ToLower(e.Message)
	for i := 0; i+1 < len(rules); i += 2 {
		if e.Code == rules[i] || strings.Contains(msg, strings.ToLower(rules[i])) {
			path = base + rules[i+1]
			break
		}
	}
	return &Error{Path: path, Code: e.Code, Message: e.Message}
}

func rootCaller(account string) authn.Caller {
	return authn.Caller{Type: evaluator.PrincipalAccount, Account: account,
		ARN: authn.RootARN(account), UserID: account}
}

// serve runs one request as the account's root and returns the response
// body, or the AWS error it answered with.
func (ap *applier) serve(account string, r *http.Request) ([]byte, *apiError) {
	r = r.WithContext(ap.ctx)
	w := httptest.NewRecorder()
	ap.t.ServeAs(w, r, rootCaller(account))
	body := w.Body.Bytes()
	if w.Code < 300 {
		return body, nil
	}
	var env struct {
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
		Error   struct {
			Code    string `xml:"Code"`
			Message string `xml:"Message"`
		} `xml:"Error"`
	}
	_ = xml.Unmarshal(body, &env)
	e := &apiError{Status: w.Code, Code: env.Code, Message: env.Message}
	if e.Code == "" {
		e.Code, e.Message = env.Error.Code, env.Error.Message
	}
	if e.Code == "" {
		e.Code, e.Message = http.StatusText(w.Code), strings.TrimSpace(string(body))
	}
	return nil, e
}

// iam calls an IAM Query action.
func (ap *applier) iam(account, action string, params url.Values) ([]byte, *apiError) {
	form := url.Values{"Action": {action}, "Version": {"2010-05-08"}}
	for k, v := range params {
		form[k] = v
	}
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1/", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	return ap.serve(account, r)
}

// s3 calls an S3 REST operation on path ("/bucket" or "/bucket/key",
// unescaped) with the raw query sub-resource (e.g. "policy").
func (ap *applier) s3(account, method, path, query string, body []byte, header http.Header) *apiError {
	u := &url.URL{Scheme: "http", Host: "127.0.0.1", Path: path, RawQuery: query}
	r := httptest.NewRequest(method, u.String(), bytes.NewReader(body))
	for k, v := range header {
		r.Header[k] = v
	}
	sum := sha256.Sum256(body)
	r.Header.Set("X-Amz-Content-Sha256", hex.EncodeToString(sum[:]))
	r.Header.Set("X-Amz-Date", ap.now().UTC().Format("20060102T150405Z"))
	if len(body) > 0 {
		m := md5.Sum(body)
		r.Header.Set("Content-Md5", base64.StdEncoding.EncodeToString(m[:]))
	}
	_, err := ap.serve(account, r)
	return err
}

func tagParams(tags map[string]string) url.Values {
	v := url.Values{}
	for i, k := range sortedKeys(tags) {
		n := strconv.Itoa(i + 1)
		v.Set("Tags.member."+n+".Key", k)
		v.Set("Tags.member."+n+".Value", tags[k])
	}
	return v
}

func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = vs
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			out.Set(kv[i], kv[i+1])
		}
	}
	return out
}

// identities applies one account's alias, users, groups, managed policies,
// attachments, membership, OIDC providers and access keys.
func (ap *applier) identities(base string, a *Account) error {
	err := ap.t.DB().Update(ap.ctx, func(tx *store.Tx) error {
		_, err := tx.EnsureAccount(a.ID, ap.now())
		return err
	})
	if err != nil {
		return fmt.Errorf("%s: create account: %w", base, err)
	}
	if err := ap.alias(base, a); err != nil {
		return err
	}
	for j, u := range a.Users {
		up := fmt.Sprintf("%s.users[%d]", base, j)
		_, e := ap.iam(a.ID, "CreateUser", with(tagParams(u.Tags), "UserName", u.Name, "Path", u.Path))
		if e != nil && !e.is("EntityAlreadyExists") {
			return blame(up, e, "userName", ".name", "path", ".path", "tag", ".tags")
		}
		if e != nil && len(u.Tags) > 0 {
			if _, e := ap.iam(a.ID, "TagUser", with(tagParams(u.Tags), "UserName", u.Name)); e != nil {
				return blame(up+".tags", e)
			}
		}
	}
	for j, g := range a.Groups {
		gp := fmt.Sprintf("%s.groups[%d]", base, j)
		_, e := ap.iam(a.ID, "CreateGroup", with(nil, "GroupName", g.Name, "Path", g.Path))
		if e != nil && !e.is("EntityAlreadyExists") {
			return blame(gp, e, "groupName", ".name", "path", ".path")
		}
	}
	for j := range a.Policies {
		if err := ap.policy(fmt.Sprintf("%s.policies[%d]", base, j), a.ID, &a.Policies[j]); err != nil {
			return err
		}
	}
	for j, u := range a.Users {
		up := fmt.Sprintf("%s.users[%d]", base, j)
		if err := ap.attach(up+".policies", a.ID, "User", "UserName", u.Name, u.Policies); err != nil {
			return err
		}
		if u.Boundary != "" {
			if _, e := ap.iam(a.ID, "PutUserPermissionsBoundary",
				with(nil, "UserName", u.Name, "PermissionsBoundary", u.Boundary)); e != nil {
				return blame(up+".boundary", e)
			}
		}
		for k, g := range u.Groups {
			if _, e := ap.iam(a.ID, "AddUserToGroup", with(nil, "UserName", u.Name, "GroupName", g)); e != nil {
				return blame(fmt.Sprintf("%s.groups[%d]", up, k), e)
			}
		}
	}
	for j, g := range a.Groups {
		gp := fmt.Sprintf("%s.groups[%d]", base, j)
		if err := ap.attach(gp+".policies", a.ID, "Group", "GroupName", g.Name, g.Policies); err != nil {
			return err
		}
	}
	for j, o := range a.OIDCProviders {
		if err := ap.oidcProvider(fmt.Sprintf("%s.oidcProviders[%d]", base, j), a.ID, o); err != nil {
			return err
		}
	}
	for j, k := range a.AccessKeys {
		if err := ap.accessKey(fmt.Sprintf("%s.accessKeys[%d]", base, j), a.ID, k); err != nil {
			return err
		}
	}
	return nil
}

func (ap *applier) alias(base string, a *Account) error {
	if a.Alias == "" {
		return nil
	}
	var owner store.AccountAlias
	err := ap.t.DB().View(ap.ctx, func(tx *store.Tx) error {
		return tx.Get(store.Global, store.KindAccountAlias, a.Alias, &owner)
	})
	if err == nil && owner.Account == a.ID {
		return nil
	}
	if _, e := ap.iam(a.ID, "CreateAccountAlias", with(nil, "AccountAlias", a.Alias)); e != nil {
		return blame(base+".alias", e)
	}
	return nil
}

// attach puts inline policies and attaches managed ones to the user, group
// or role named name (kind "User", "Group" or "Role").
func (ap *applier) attach(base, account, kind, nameParam, name string, p Attachments) error {
	for _, pn := range sortedKeys(p.Inline) {
		doc, _ := p.Inline[pn].Text()
		if _, e := ap.iam(account, "Put"+kind+"Policy",
			with(nil, nameParam, name, "PolicyName", pn, "PolicyDocument", doc)); e != nil {
			return blame(base+".inline."+pn, e)
		}
	}
	for i, arn := range p.Attached {
		if _, e := ap.iam(account, "Attach"+kind+"Policy", with(nil, nameParam, name, "PolicyArn", arn)); e != nil {
			return blame(fmt.Sprintf("%s.attached[%d]", base, i), e)
		}
	}
	return nil
}

// policy creates a customer managed policy, or makes its document the
// default version when it exists with another.
func (ap *applier) policy(base, account string, p *Policy) error {
	doc, _ := p.Document.Text()
	path := p.Path
	if path == "" {
		path = "/"
	}
	_, e := ap.iam(account, "CreatePolicy", with(tagParams(p.Tags),
		"PolicyName", p.Name, "Path", p.Path, "Description", p.Description, "PolicyDocument", doc))
	if e == nil {
		return nil
	}
	if !e.is("EntityAlreadyExists") {
		return blame(base, e, "MalformedPolicyDocument", ".document", "policyDocument", ".document",
			"policyName", ".name", "path", ".path", "description", ".description", "tag", ".tags")
	}
	arn := arns.Policy(account, path, p.Name)
	_, key, _ := authz.PolicyKey(arn)
	var rec store.ManagedPolicy
	err := ap.t.DB().View(ap.ctx, func(tx *store.Tx) error {
		return tx.Get(account, store.KindPolicy, key, &rec)
	})
	if errors.Is(err, store.ErrNotFound) || err == nil && rec.ARN != arn {
		// The name is taken under another path or in another case.
		return &Error{Path: base + ".name", Code: e.Code, Message: fmt.Sprintf(
			"account %s already has a policy named %q under another path or in another case (%s); IAM policy names are unique in an account regardless of case",
			account, p.Name, e.Message)}
	}
	if err != nil {
		return fmt.Errorf("%s: read existing policy %s: %w", base, arn, err)
	}
	if sameJSON(rec.DefaultDocument(), doc) {
		return nil
	}
	for {
		_, e = ap.iam(account, "CreatePolicyVersion",
			with(nil, "PolicyArn", arn, "PolicyDocument", doc, "SetAsDefault", "true"))
		if e == nil {
			return nil
		}
		if !e.is("LimitExceeded") {
			return blame(base+".document", e)
		}
		// Five versions already: drop the oldest non-default one.
		oldest := ""
		for _, v := range rec.Versions {
			if !v.IsDefault && v.ID != rec.DefaultVersion {
				oldest = v.ID
				break
			}
		}
		if oldest == "" {
			return blame(base+".document", e)
		}
		if _, e := ap.iam(account, "DeletePolicyVersion", with(nil, "PolicyArn", arn, "VersionId", oldest)); e != nil {
			return blame(base+".document", e)
		}
		rec.Versions = removeVersion(rec.Versions, oldest)
	}
}

func removeVersion(vs []store.PolicyVersion, id string) []store.PolicyVersion {
	var out []store.PolicyVersion
	for _, v := range vs {
		if v.ID != id {
			out = append(out, v)
		}
	}
	return out
}

func sameJSON(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return a == b
	}
	return reflect.DeepEqual(x, y)
}

func (ap *applier) oidcProvider(base, account string, o OIDCProvider) error {
	v := with(nil, "Url", o.URL)
	for i, id := range o.ClientIDs {
		v.Set("ClientIDList.member."+strconv.Itoa(i+1), id)
	}
	for i, tp := range o.Thumbprints {
		v.Set("ThumbprintList.member."+strconv.Itoa(i+1), tp)
	}
	_, e := ap.iam(account, "CreateOpenIDConnectProvider", v)
	if e == nil {
		return nil
	}
	if !e.is("EntityAlreadyExists") {
		return blame(base, e, "url", ".url", "clientID", ".clientIds", "thumbprint", ".thumbprints")
	}
	host := strings.TrimPrefix(o.URL, "https://")
	arn := arns.OIDCProvider(account, host)
	for i, id := range o.ClientIDs {
		if _, e := ap.iam(account, "AddClientIDToOpenIDConnectProvider",
			with(nil, "OpenIDConnectProviderArn", arn, "ClientID", id)); e != nil {
			return blame(fmt.Sprintf("%s.clientIds[%d]", base, i), e)
		}
	}
	if len(o.Thumbprints) > 0 {
		v := with(nil, "OpenIDConnectProviderArn", arn)
		for i, tp := range o.Thumbprints {
			v.Set("ThumbprintList.member."+strconv.Itoa(i+1), tp)
		}
		if _, e := ap.iam(account, "UpdateOpenIDConnectProviderThumbprint", v); e != nil {
			return blame(base+".thumbprints", e)
		}
	}
	return nil
}

// accessKey writes a key with a fixed id and secret: no API creates one.
func (ap *applier) accessKey(base, account string, k AccessKey) error {
	status := k.Status
	if status == "" {
		status = "Active"
	}
	return ap.t.DB().Update(ap.ctx, func(tx *store.Tx) error {
		var old store.AccessKey
		created := ap.now().UTC()
		switch err := tx.Get(store.Global, store.KindAccessKey, k.ID, &old); {
		case err == nil && old.Account != account:
			return &Error{Path: base + ".id", Message: fmt.Sprintf("access key %s belongs to account %s", k.ID, old.Account)}
		case err == nil:
			created = old.Created
		case !errors.Is(err, store.ErrNotFound):
			return fmt.Errorf("%s: read access key: %w", base, err)
		}
		userName := ""
		if k.User != "" {
			var u store.User
			if err := tx.Get(account, store.KindUser, strings.ToLower(k.User), &u); err != nil {
				if errors.Is(err, store.ErrNotFound) {
					return &Error{Path: base + ".user", Code: "NoSuchEntity",
						Message: fmt.Sprintf("The user with name %s cannot be found.", k.User)}
				}
				return fmt.Errorf("%s: read user: %w", base, err)
			}
			userName = u.Name
		}
		rec := store.AccessKey{ID: k.ID, Secret: k.Secret, Account: account, UserName: userName,
			Status: status, Created: created, LastUsed: old.LastUsed}
		return tx.Put(store.Global, store.KindAccessKey, k.ID, &rec)
	})
}

// roles applies every account's roles. A trust policy naming a role that
// is declared later fails with "Invalid principal" until that role exists,
// so failing roles are retried while each pass makes progress.
func (ap *applier) roles(c *Config) error {
	type pending struct {
		path    string
		account string
		role    *Role
		err     error
	}
	var todo []pending
	for i := range c.Accounts {
		a := &c.Accounts[i]
		for j := range a.Roles {
			todo = append(todo, pending{path: fmt.Sprintf("accounts[%d].roles[%d]", i, j), account: a.ID, role: &a.Roles[j]})
		}
	}
	for len(todo) > 0 {
		var next []pending
		for _, p := range todo {
			err := ap.role(p.path, p.account, p.role)
			var ce *Error
			if errors.As(err, &ce) && ce.Code == "MalformedPolicyDocument" &&
				strings.HasSuffix(ce.Path, ".trust") && strings.Contains(strings.ToLower(ce.Message), "principal") {
				p.err = err
				next = append(next, p)
				continue
			}
			if err != nil {
				return err
			}
		}
		if len(next) == len(todo) {
			return next[0].err
		}
		todo = next
	}
	return nil
}

func (ap *applier) role(base, account string, r *Role) error {
	trust, _ := r.Trust.Text()
	maxSession := ""
	if r.MaxSessionDuration != 0 {
		maxSession = strconv.Itoa(r.MaxSessionDuration)
	}
	rules := []string{"MalformedPolicyDocument", ".trust", "assumeRolePolicyDocument", ".trust",
		"maxSessionDuration", ".maxSessionDuration", "roleName", ".name", "path", ".path",
		"description", ".description", "tag", ".tags"}
	_, e := ap.iam(account, "CreateRole", with(tagParams(r.Tags), "RoleName", r.Name, "Path", r.Path,
		"Description", r.Description, "AssumeRolePolicyDocument", trust, "MaxSessionDuration", maxSession))
	switch {
	case e != nil && !e.is("EntityAlreadyExists"):
		return blame(base, e, rules...)
	case e != nil:
		if _, e := ap.iam(account, "UpdateAssumeRolePolicy",
			with(nil, "RoleName", r.Name, "PolicyDocument", trust)); e != nil {
			return blame(base+".trust", e)
		}
		if maxSession != "" || r.Description != "" {
			if _, e := ap.iam(account, "UpdateRole", with(nil, "RoleName", r.Name,
				"MaxSessionDuration", maxSession, "Description", r.Description)); e != nil {
				return blame(base, e, rules...)
			}
		}
		if len(r.Tags) > 0 {
			if _, e := ap.iam(account, "TagRole", with(tagParams(r.Tags), "RoleName", r.Name)); e != nil {
				return blame(base+".tags", e)
			}
		}
	}
	if err := ap.attach(base+".policies", account, "Role", "RoleName", r.Name, r.Policies); err != nil {
		return err
	}
	if r.Boundary != "" {
		if _, e := ap.iam(account, "PutRolePermissionsBoundary",
			with(nil, "RoleName", r.Name, "PermissionsBoundary", r.Boundary)); e != nil {
			return blame(base+".boundary", e)
		}
	}
	return nil
}

// bucket creates a bucket (or keeps the one the account owns), sets its
// versioning and policy and puts its objects.
func (ap *applier) bucket(base, account string, b *Bucket) error {
	var body []byte
	if b.Region != "" && b.Region != "us-east-1" {
		body = []byte(`<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>` +
			b.Region + `</LocationConstraint></CreateBucketConfiguration>`)
	}
	bp := "/" + b.Name
	if e := ap.s3(account, http.MethodPut, bp, "", body, nil); e != nil && !e.is("BucketAlreadyOwnedByYou") {
		return blame(base, e, "InvalidBucketName", ".name", "BucketAlreadyExists", ".name",
			"InvalidLocationConstraint", ".region", "IllegalLocationConstraintException", ".region")
	}
	if b.Versioning != "" {
		v := []byte(`<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>` +
			b.Versioning + `</Status></VersioningConfiguration>`)
		if e := ap.s3(account, http.MethodPut, bp, "versioning", v, nil); e != nil {
			return blame(base+".versioning", e)
		}
	}
	if !b.Policy.IsZero() {
		doc, _ := b.Policy.Text()
		if e := ap.s3(account, http.MethodPut, bp, "policy", []byte(doc),
			http.Header{"Content-Type": {"application/json"}}); e != nil {
			return blame(base+".policy", e)
		}
	}
	for i, o := range b.Objects {
		h := http.Header{}
		if o.ContentType != "" {
			h.Set("Content-Type", o.ContentType)
		}
		if e := ap.s3(account, http.MethodPut, bp+"/"+o.Key, "", []byte(o.Body), h); e != nil {
			return blame(fmt.Sprintf("%s.objects[%d]", base, i), e, "KeyTooLong", ".key")
		}
	}
	return nil
}
