package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
)

// Config is a whole config file.
type Config struct {
	Accounts []Account `json:"accounts"`
	// Organization declares an AWS Organization (orgs.go), or is nil.
	Organization *Organization `json:"organization"`
	// LegacyBucketDefaults turns on the server's --legacy-bucket-defaults
	// (new buckets get ObjectWriter ownership and no Block Public Access,
	// as before April 2023, and SSE-C allowed, as before April 2026; not
	// what AWS does today). It is read when the
	// server starts, before the world is applied.
	LegacyBucketDefaults bool `json:"legacyBucketDefaults"`
}

// Account is one AWS account and what it holds.
type Account struct {
	ID            string         `json:"id"`
	Alias         string         `json:"alias"`
	AccessKeys    []AccessKey    `json:"accessKeys"`
	Users         []User         `json:"users"`
	Groups        []Group        `json:"groups"`
	Policies      []Policy       `json:"policies"`
	Roles         []Role         `json:"roles"`
	Buckets       []Bucket       `json:"buckets"`
	OIDCProviders []OIDCProvider `json:"oidcProviders"`
}

// AccessKey is a long-term access key with a fixed id and secret.
type AccessKey struct {
	ID     string `json:"id"`
	Secret string `json:"secret"`
	// User is the IAM user owning the key; "" makes it a root key.
	User string `json:"user"`
	// Status is "Active" (default) or "Inactive".
	Status string `json:"status"`
	// Profile names the key's profile in `fakeaws profile` output.
	Profile string `json:"profile"`
}

// Attachments are the policies an identity carries.
type Attachments struct {
	// Inline maps an inline policy name to its document.
	Inline map[string]Document `json:"inline"`
	// Attached lists managed policy ARNs (AWS managed or customer managed).
	Attached []string `json:"attached"`
}

// User is an IAM user.
type User struct {
	Name     string            `json:"name"`
	Path     string            `json:"path"`
	Groups   []string          `json:"groups"`
	Policies Attachments       `json:"policies"`
	Boundary string            `json:"boundary"`
	Tags     map[string]string `json:"tags"`
}

// Group is an IAM group.
type Group struct {
	Name     string      `json:"name"`
	Path     string      `json:"path"`
	Policies Attachments `json:"policies"`
}

// Policy is a customer managed policy.
type Policy struct {
	Name        string            `json:"name"`
	Path        string            `json:"path"`
	Description string            `json:"description"`
	Document    Document          `json:"document"`
	Tags        map[string]string `json:"tags"`
}

// Role is an IAM role.
type Role struct {
	Name        string `json:"name"`
	Path        string `json:"path"`
	Description string `json:"description"`
	// Trust is the assume-role policy document.
	Trust Document `json:"trust"`
	// MaxSessionDuration in seconds (3600..43200; 0 means AWS's default).
	MaxSessionDuration int               `json:"maxSessionDuration"`
	Policies           Attachments       `json:"policies"`
	Boundary           string            `json:"boundary"`
	Tags               map[string]string `json:"tags"`
	// Profile and SourceProfile shape `fakeaws profile` output: the
	// role's profile name, and the profile whose keys assume it.
	Profile       string `json:"profile"`
	SourceProfile string `json:"sourceProfile"`
	// ExternalID is written as external_id in the role's profile.
	ExternalID string `json:"externalId"`
}

// Bucket is an S3 bucket owned by the account.
type Bucket struct {
	Name   string `json:"name"`
	Region string `json:"region"`
	// Versioning is "", "Enabled" or "Suspended".
	Versioning string   `json:"versioning"`
	Policy     Document `json:"policy"`
	Objects    []Object `json:"objects"`
}

// Object is an S3 object with a text body.
type Object struct {
	Key         string `json:"key"`
	Body        string `json:"body"`
	ContentType string `json:"contentType"`
}

// OIDCProvider is an IAM OpenID Connect identity provider.
type OIDCProvider struct {
	URL         string   `json:"url"`
	ClientIDs   []string `json:"clientIds"`
	Thumbprints []string `json:"thumbprints"`
}

// Document is a policy document: a JSON object in the file, or a string
// holding the JSON text.
type Document struct {
	raw json.RawMessage
}

// Doc returns a Document holding the JSON text s.
func Doc(s string) Document {
	b, _ := json.Marshal(s)
	return Document{raw: b}
}

// UnmarshalJSON keeps the raw value; Text checks it.
func (d *Document) UnmarshalJSON(b []byte) error {
	d.raw = append(json.RawMessage(nil), b...)
	return nil
}

// MarshalJSON writes the document back as it was given.
func (d Document) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return d.raw, nil
}

// IsZero reports whether the document is absent (or null).
func (d Document) IsZero() bool {
	t := bytes.TrimSpace(d.raw)
	return len(t) == 0 || string(t) == "null"
}

// Text returns the document's JSON text: an object compacted, a string as
// it is.
func (d Document) Text() (string, error) {
	t := bytes.TrimSpace(d.raw)
	switch {
	case d.IsZero():
		return "", nil
	case t[0] == '{':
		var b bytes.Buffer
		if err := json.Compact(&b, t); err != nil {
			return "", err
		}
		return b.String(), nil
	case t[0] == '"':
		var s string
		if err := json.Unmarshal(t, &s); err != nil {
			return "", err
		}
		return s, nil
	}
	return "", errors.New("want a policy document (a JSON object, or a string holding one)")
}

// Error is a problem with one field of a config, named by its JSON path
// (e.g. "accounts[1].roles[0].trust"). Code is the AWS error code when the
// server rejected the value.
type Error struct {
	Path    string
	Code    string
	Message string
}

func (e *Error) Error() string {
	if e.Code != "" {
		return e.Path + ": " + e.Message + " (" + e.Code + ")"
	}
	return e.Path + ": " + e.Message
}

// Load reads and parses a config file.
func Load(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// Parse decodes a config and checks what can be checked without a server:
// the JSON shape (unknown fields and wrong types are errors), account ids,
// aliases, access keys, required names, duplicates and references between
// entries. It returns every problem found, as *Error values joined.
func Parse(data []byte) (*Config, error) {
	var tree any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&tree); err != nil {
		return nil, &Error{Path: "$", Message: syntaxMessage(data, err)}
	}
	if dec.More() {
		return nil, &Error{Path: "$", Message: "unexpected data after the top-level object"}
	}
	var errs []error
	checkShape("", tree, reflect.TypeFor[Config](), &errs)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var c Config
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, &Error{Path: "$", Message: err.Error()}
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

func syntaxMessage(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		return fmt.Sprintf("line %d: invalid JSON: %v", line, se)
	}
	return "invalid JSON: " + err.Error()
}

var documentType = reflect.TypeFor[Document]()

// checkShape compares a decoded JSON tree with the Go type it must fill and
// reports unknown fields and wrong types with their JSON path.
func checkShape(path string, v any, t reflect.Type, errs *[]error) {
	if v == nil || t == documentType {
		return // null leaves the zero value; documents are checked by Validate
	}
	at := func(p string) string {
		if p == "" {
			return "$"
		}
		return p
	}
	bad := func(want string) {
		*errs = append(*errs, &Error{Path: at(path), Message: "want " + want + ", got " + jsonKind(v)})
	}
	switch t.Kind() {
	case reflect.Pointer:
		checkShape(path, v, t.Elem(), errs)
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			bad("an object")
			return
		}
		fields := map[string]reflect.StructField{}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.IsExported() && name != "" && name != "-" {
				fields[name] = f
			}
		}
		for _, k := range sortedKeys(m) {
			p := k
			if path != "" {
				p = path + "." + k
			}
			f, ok := fields[k]
			if !ok {
				msg := "unknown field"
				for name := range fields {
					if strings.EqualFold(name, k) {
						msg += fmt.Sprintf(" (did you mean %q?)", name)
					}
				}
				*errs = append(*errs, &Error{Path: p, Message: msg})
				continue
			}
			checkShape(p, m[k], f.Type, errs)
		}
	case reflect.Slice:
		l, ok := v.([]any)
		if !ok {
			bad("a list")
			return
		}
		for i, e := range l {
			checkShape(fmt.Sprintf("%s[%d]", path, i), e, t.Elem(), errs)
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			bad("an object")
			return
		}
		for _, k := range sortedKeys(m) {
			checkShape(path+"."+k, m[k], t.Elem(), errs)
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			bad("a string")
		}
	case reflect.Int:
		n, ok := v.(json.Number)
		if !ok {
			bad("an integer")
			return
		}
		if _, err := n.Int64(); err != nil {
			bad("an integer")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			bad("true or false")
		}
	}
}

func jsonKind(v any) string {
	switch v := v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case string:
		return "a string"
	case json.Number:
		return "the number " + v.String()
	case bool:
		return fmt.Sprint(v)
	}
	return "null"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// validAccessKeyID reports whether id is AKIA followed by 12 to 124
// upper-case letters or digits. (As a regular expression, the bounded
// repetition compiles to ~90 KB of program at every start.)
func validAccessKeyID(id string) bool {
	rest, ok := strings.CutPrefix(id, "AKIA")
	if !ok || len(rest) < 12 || len(rest) > 124 {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if c := rest[i]; (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// Validate checks a decoded config (Parse calls it). Formats that IAM and
// S3 validate themselves (names, paths, policy grammar, bucket names) are
// left to the server, which Apply reports with the same paths.
func (c *Config) Validate() error {
	var errs []error
	v := &validation{
		bad: func(path, format string, args ...any) {
			errs = append(errs, &Error{Path: path, Message: fmt.Sprintf(format, args...)})
		},
		accounts: map[string]int{},
		aliases:  map[string]int{},
		keys:     map[string]string{},
		buckets:  map[string]string{},
		profiles: map[string]string{},
	}
	for i, a := range c.Accounts {
		v.account(i, a)
	}
	c.Organization.validate(v.bad)
	return errors.Join(errs...)
}

// validation is the state of one Validate: what is declared so far across
// accounts (ids, aliases, access keys, bucket names and profiles are unique
// in the whole config), keyed to where it was declared.
type validation struct {
	bad      report
	accounts map[string]int    // account id → index in accounts
	aliases  map[string]int    // account alias → index in accounts
	keys     map[string]string // access key id → path
	buckets  map[string]string // bucket name → path
	profiles map[string]string // profile name → path
}

// account checks accounts[i] and its entities, in the order they are
// declared in Account.
func (v *validation) account(i int, a Account) {
	ap := fmt.Sprintf("accounts[%d]", i)
	v.accountID(ap, i, a)
	users := v.usersAndGroups(ap, a)
	v.policies(ap, a.Policies)
	v.roles(ap, a.Roles)
	for j, b := range a.Buckets {
		v.bucket(fmt.Sprintf("%s.buckets[%d]", ap, j), b)
	}
	for j, o := range a.OIDCProviders {
		if o.URL == "" {
			v.bad(fmt.Sprintf("%s.oidcProviders[%d]", ap, j)+".url", "required")
		}
	}
	v.accessKeys(ap, a.AccessKeys, users)
}

// accountID checks the account's id and alias: well formed and unique.
func (v *validation) accountID(ap string, i int, a Account) {
	switch {
	case !arns.IsAccountID(a.ID):
		v.bad(ap+".id", "account id %q: want 12 digits", a.ID)
	default:
		if j, ok := v.accounts[a.ID]; ok {
			v.bad(ap+".id", "account %s is already declared at accounts[%d]", a.ID, j)
		}
		v.accounts[a.ID] = i
	}
	if a.Alias != "" {
		if !validAlias(a.Alias) {
			v.bad(ap+".alias", "alias %q: want 3 to 63 lower-case letters, digits and single hyphens, not at either end", a.Alias)
		} else if j, ok := v.aliases[a.Alias]; ok {
			v.bad(ap+".alias", "alias %q is already used by accounts[%d]", a.Alias, j)
		}
		v.aliases[a.Alias] = i
	}
}

// usersAndGroups checks the account's users, groups and group
// memberships; it returns the users declared, by lower-cased name.
func (v *validation) usersAndGroups(ap string, a Account) map[string]int {
	users := map[string]int{}
	for j, u := range a.Users {
		up := fmt.Sprintf("%s.users[%d]", ap, j)
		if v.bad.declare(users, ap+".users", "user", j, u.Name, " (IAM names are case-insensitive)") {
			v.bad.attachments(up+".policies", u.Policies)
		}
	}
	groups := map[string]int{}
	for j, g := range a.Groups {
		gp := fmt.Sprintf("%s.groups[%d]", ap, j)
		if v.bad.declare(groups, ap+".groups", "group", j, g.Name, "") {
			v.bad.attachments(gp+".policies", g.Policies)
		}
	}
	for j, u := range a.Users {
		for k, g := range u.Groups {
			if _, ok := groups[strings.ToLower(g)]; !ok {
				v.bad(fmt.Sprintf("%s.users[%d].groups[%d]", ap, j, k), "no group %q is declared in this account", g)
			}
		}
	}
	return users
}

// policies checks the account's customer managed policies.
func (v *validation) policies(ap string, policies []Policy) {
	seen := map[string]int{}
	for j, p := range policies {
		pp := fmt.Sprintf("%s.policies[%d]", ap, j)
		if v.bad.declare(seen, ap+".policies", "policy", j, p.Name, "") {
			v.bad.document(pp+".document", p.Document)
		}
	}
}

// roles checks the account's roles: names, trust, attachments, profiles.
func (v *validation) roles(ap string, roles []Role) {
	seen := map[string]int{}
	for j, r := range roles {
		rp := fmt.Sprintf("%s.roles[%d]", ap, j)
		if !v.bad.declare(seen, ap+".roles", "role", j, r.Name, "") {
			continue
		}
		v.bad.document(rp+".trust", r.Trust)
		v.bad.attachments(rp+".policies", r.Policies)
		v.useProfile(rp+".profile", r.Profile)
	}
}

// bucket checks the bucket at bp: a name unique in the whole config, its
// policy, versioning and object keys.
func (v *validation) bucket(bp string, b Bucket) {
	if b.Name == "" {
		v.bad(bp+".name", "required")
		return
	}
	if prev, ok := v.buckets[b.Name]; ok {
		v.bad(bp+".name", "bucket %q is already declared at %s (bucket names are global)", b.Name, prev)
	}
	v.buckets[b.Name] = bp
	if !b.Policy.IsZero() {
		if _, err := b.Policy.Text(); err != nil {
			v.bad(bp+".policy", "%v", err)
		}
	}
	switch b.Versioning {
	case "", "Enabled", "Suspended":
	default:
		v.bad(bp+".versioning", "want \"Enabled\" or \"Suspended\", got %q", b.Versioning)
	}
	seen := map[string]int{}
	for k, o := range b.Objects {
		op := fmt.Sprintf("%s.objects[%d]", bp, k)
		if o.Key == "" {
			v.bad(op+".key", "required")
			continue
		}
		if m, ok := seen[o.Key]; ok {
			v.bad(op+".key", "key %q is already declared at %s.objects[%d]", o.Key, bp, m)
		}
		seen[o.Key] = k
	}
}

// accessKeys checks the account's access keys: ids unique in the whole
// config, secrets, status, owners among users and at most two per user.
func (v *validation) accessKeys(ap string, keys []AccessKey, users map[string]int) {
	perUser := map[string]int{}
	for j, k := range keys {
		kp := fmt.Sprintf("%s.accessKeys[%d]", ap, j)
		switch {
		case !validAccessKeyID(k.ID):
			v.bad(kp+".id", "access key id %q: want AKIA followed by 12 to 124 upper-case letters or digits", k.ID)
		default:
			if prev, ok := v.keys[k.ID]; ok {
				v.bad(kp+".id", "access key %s is already declared at %s", k.ID, prev)
			}
			v.keys[k.ID] = kp
		}
		if strings.TrimSpace(k.Secret) == "" {
			v.bad(kp+".secret", "required")
		} else if strings.ContainsAny(k.Secret, " \t\r\n") {
			v.bad(kp+".secret", "must not contain white space")
		}
		switch k.Status {
		case "", "Active", "Inactive":
		default:
			v.bad(kp+".status", "want \"Active\" or \"Inactive\", got %q", k.Status)
		}
		if k.User != "" {
			if _, ok := users[strings.ToLower(k.User)]; !ok {
				v.bad(kp+".user", "no user %q is declared in this account", k.User)
			}
			// CreateAccessKey's limit: two keys per user.
			if perUser[strings.ToLower(k.User)]++; perUser[strings.ToLower(k.User)] > 2 {
				v.bad(kp+".user", "user %q would have more than 2 access keys (LimitExceeded)", k.User)
			}
		}
		v.useProfile(kp+".profile", k.Profile)
	}
}

// useProfile records that the role or key at path claims profile name,
// which must be unique in the whole config.
func (v *validation) useProfile(path, name string) {
	if name == "" {
		return
	}
	if prev, ok := v.profiles[name]; ok {
		v.bad(path, "profile %q is already used by %s", name, prev)
		return
	}
	v.profiles[name] = path
}

// report records a problem at path.
type report func(path, format string, args ...any)

// declare records the name of item j of the list at listPath in seen, by
// its lower-cased form (IAM names are case-insensitive). It reports a
// missing name, and then false (the item is not checked further), or a
// name already declared; note follows that message.
func (bad report) declare(seen map[string]int, listPath, kind string, j int, name, note string) bool {
	path := fmt.Sprintf("%s[%d].name", listPath, j)
	if name == "" {
		bad(path, "required")
		return false
	}
	if k, ok := seen[strings.ToLower(name)]; ok {
		bad(path, "%s %q is already declared at %s[%d]%s", kind, name, listPath, k, note)
	}
	seen[strings.ToLower(name)] = j
	return true
}

// document reports a missing policy document at path, or one that does
// not read as policy text.
func (bad report) document(path string, d Document) {
	if d.IsZero() {
		bad(path, "required")
	} else if _, err := d.Text(); err != nil {
		bad(path, "%v", err)
	}
}

// attachments checks a principal's inline policy documents and attached
// managed policy ARNs.
func (bad report) attachments(path string, p Attachments) {
	for _, name := range sortedKeys(p.Inline) {
		bad.document(path+".inline."+name, p.Inline[name])
	}
	for i, arn := range p.Attached {
		if !strings.HasPrefix(arn, "arn:") {
			bad(fmt.Sprintf("%s.attached[%d]", path, i),
				"%q: want a managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME)", arn)
		}
	}
}

// validAlias is CreateAccountAlias's pattern,
// ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$.
func validAlias(s string) bool {
	if len(s) < 3 || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
