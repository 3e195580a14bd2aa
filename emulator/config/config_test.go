package config

import (
	"errors"
	"strings"
	"testing"
)

const trustEmrysRoot = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`

// errorPaths returns the paths of the *Error values in err.
func errorPaths(err error) []string {
	var paths []string
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		var ce *Error
		if errors.As(err, &ce) {
			paths = append(paths, ce.Path)
		}
	}
	walk(err)
	return paths
}

func TestParseValid(t *testing.T) {
	t.Parallel()
	src := `{"accounts":[{"id":"111111111111","alias":"emrys",
	  "accessKeys":[{"id":"AKIAEMRYSADMIN000001","secret":"s1"},{"id":"AKIAEMRYSALICE000001","secret":"s2","user":"alice"}],
	  "users":[{"name":"alice","groups":["devs"],"policies":{"inline":{"p":{"Version":"2012-10-17","Statement":[]}},"attached":["arn:aws:iam::aws:policy/ReadOnlyAccess"]},"tags":{"team":"a"}}],
	  "groups":[{"name":"devs"}],
	  "policies":[{"name":"P","document":"{\"Version\":\"2012-10-17\",\"Statement\":[]}"}],
	  "roles":[{"name":"r","trust":` + trustEmrysRoot + `,"maxSessionDuration":28800}],
	  "buckets":[{"name":"b","policy":null,"objects":[{"key":"k","body":"hello"}]}],
	  "oidcProviders":[{"url":"https://example.com","clientIds":["x"]}]}]}`
	c, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	a := c.Accounts[0]
	if got, want := a.Roles[0].MaxSessionDuration, 28800; got != want {
		t.Errorf("maxSessionDuration = %d, want %d", got, want)
	}
	trust, err := a.Roles[0].Trust.Text()
	if err != nil || trust != trustEmrysRoot {
		t.Errorf("trust = %q, %v; want %q", trust, err, trustEmrysRoot)
	}
	doc, err := a.Policies[0].Document.Text()
	if want := `{"Version":"2012-10-17","Statement":[]}`; err != nil || doc != want {
		t.Errorf("string document = %q, %v; want %q", doc, err, want)
	}
	if !a.Buckets[0].Policy.IsZero() {
		t.Errorf("null bucket policy: IsZero = false, want true")
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	acct := func(body string) string { return `{"accounts":[{"id":"111111111111",` + body + `}]}` }
	tests := []struct {
		name  string
		src   string
		paths []string
	}{
		{"syntax", `{"accounts":[`, []string{"$"}},
		{"top-level not object", `[]`, []string{"$"}},
		{"unknown top-level field", `{"acounts":[]}`, []string{"acounts"}},
		{"unknown nested field", `{"accounts":[{"id":"111111111111"},{"id":"222222222222","roles":[{"name":"r","trust":{},"maxSession":1}]}]}`,
			[]string{"accounts[1].roles[0].maxSession"}},
		{"wrong type int", acct(`"roles":[{"name":"r","trust":{},"maxSessionDuration":"8h"}]`),
			[]string{"accounts[0].roles[0].maxSessionDuration"}},
		{"wrong type list", acct(`"users":{"name":"alice"}`), []string{"accounts[0].users"}},
		{"wrong type map value", acct(`"users":[{"name":"a","tags":{"k":1}}]`), []string{"accounts[0].users[0].tags.k"}},
		{"account id", `{"accounts":[{"id":"1234"}]}`, []string{"accounts[0].id"}},
		{"duplicate account", `{"accounts":[{"id":"111111111111"},{"id":"111111111111"}]}`, []string{"accounts[1].id"}},
		{"alias", acct(`"alias":"Bad_Alias"`), []string{"accounts[0].alias"}},
		{"alias double hyphen", acct(`"alias":"a--b"`), []string{"accounts[0].alias"}},
		{"access key id", acct(`"accessKeys":[{"id":"ASIA0000000000000000","secret":"x"}]`), []string{"accounts[0].accessKeys[0].id"}},
		{"access key secret", acct(`"accessKeys":[{"id":"AKIA0000000000000000"}]`), []string{"accounts[0].accessKeys[0].secret"}},
		{"access key user", acct(`"accessKeys":[{"id":"AKIA0000000000000000","secret":"x","user":"bob"}]`),
			[]string{"accounts[0].accessKeys[0].user"}},
		{"access key status", acct(`"accessKeys":[{"id":"AKIA0000000000000000","secret":"x","status":"on"}]`),
			[]string{"accounts[0].accessKeys[0].status"}},
		{"three keys for a user", acct(`"users":[{"name":"u"}],"accessKeys":[
			{"id":"AKIA0000000000000001","secret":"x","user":"u"},{"id":"AKIA0000000000000002","secret":"x","user":"u"},
			{"id":"AKIA0000000000000003","secret":"x","user":"U"}]`), []string{"accounts[0].accessKeys[2].user"}},
		{"duplicate key across accounts", `{"accounts":[{"id":"111111111111","accessKeys":[{"id":"AKIA0000000000000001","secret":"x"}]},
			{"id":"222222222222","accessKeys":[{"id":"AKIA0000000000000001","secret":"x"}]}]}`, []string{"accounts[1].accessKeys[0].id"}},
		{"user name required", acct(`"users":[{"path":"/"}]`), []string{"accounts[0].users[0].name"}},
		{"duplicate user case-insensitive", acct(`"users":[{"name":"Alice"},{"name":"alice"}]`), []string{"accounts[0].users[1].name"}},
		{"unknown group", acct(`"users":[{"name":"a","groups":["devs"]}]`), []string{"accounts[0].users[0].groups[0]"}},
		{"inline document not object", acct(`"users":[{"name":"a","policies":{"inline":{"p":[1]}}}]`),
			[]string{"accounts[0].users[0].policies.inline.p"}},
		{"attached not arn", acct(`"groups":[{"name":"g","policies":{"attached":["ReadOnlyAccess"]}}]`),
			[]string{"accounts[0].groups[0].policies.attached[0]"}},
		{"policy document required", acct(`"policies":[{"name":"p"}]`), []string{"accounts[0].policies[0].document"}},
		{"role trust required", acct(`"roles":[{"name":"r"}]`), []string{"accounts[0].roles[0].trust"}},
		{"role trust number", acct(`"roles":[{"name":"r","trust":5}]`), []string{"accounts[0].roles[0].trust"}},
		{"duplicate bucket across accounts", `{"accounts":[{"id":"111111111111","buckets":[{"name":"b"}]},{"id":"222222222222","buckets":[{"name":"b"}]}]}`,
			[]string{"accounts[1].buckets[0].name"}},
		{"versioning", acct(`"buckets":[{"name":"b","versioning":"on"}]`), []string{"accounts[0].buckets[0].versioning"}},
		{"object key", acct(`"buckets":[{"name":"b","objects":[{"body":"x"}]}]`), []string{"accounts[0].buckets[0].objects[0].key"}},
		{"oidc url", acct(`"oidcProviders":[{"clientIds":["x"]}]`), []string{"accounts[0].oidcProviders[0].url"}},
		{"duplicate profile", acct(`"users":[{"name":"u"}],"accessKeys":[{"id":"AKIA0000000000000001","secret":"x","user":"u","profile":"p"}],
			"roles":[{"name":"r","trust":{},"profile":"p"}]`), []string{"accounts[0].accessKeys[0].profile"}},
		{"several errors", `{"accounts":[{"id":"1"},{"id":"222222222222","users":[{}]}]}`,
			[]string{"accounts[0].id", "accounts[1].users[0].name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse([]byte(tt.src))
			if err == nil {
				t.Fatalf("Parse(%s) = nil error, want errors at %v", tt.src, tt.paths)
			}
			got := errorPaths(err)
			if strings.Join(got, ",") != strings.Join(tt.paths, ",") {
				t.Errorf("Parse error paths = %v, want %v (error: %v)", got, tt.paths, err)
			}
			if !strings.HasPrefix(err.Error(), tt.paths[0]+": ") {
				t.Errorf("error %q does not start with %q", err, tt.paths[0]+": ")
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	t.Parallel()
	e := &Error{Path: "accounts[1].roles[0].trust", Code: "MalformedPolicyDocument", Message: "Invalid principal in policy"}
	if got, want := e.Error(), "accounts[1].roles[0].trust: Invalid principal in policy (MalformedPolicyDocument)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestProfiles(t *testing.T) {
	t.Parallel()
	src := `{"accounts":[
	 {"id":"111111111111","alias":"accounta","users":[{"name":"alice"},{"name":"bob"}],
	  "accessKeys":[{"id":"AKIAALICE00000000001","secret":"sa","user":"alice"},{"id":"AKIABOB0000000000001","secret":"sb","user":"bob","profile":"bobby"}]},
	 {"id":"222222222222",
	  "accessKeys":[{"id":"AKIAB00000000000ROOT","secret":"sr"}],
	  "roles":[
	   {"name":"role-in-accountb","trust":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]},"profile":"roleb"},
	   {"name":"bobs","path":"/team/","trust":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:user/bob"]},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"xyz"}}}}},
	   {"name":"chained","trust":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/team/bobs"},"Action":"sts:AssumeRole"}]}},
	   {"name":"service","trust":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}}]}]}`
	c, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Profile{
		{Name: "accounta", Account: "111111111111", AccessKeyID: "111111111111", SecretAccessKey: "test"},
		{Name: "accounta-alice", Account: "111111111111", User: "alice", AccessKeyID: "AKIAALICE00000000001", SecretAccessKey: "sa"},
		{Name: "bobby", Account: "111111111111", User: "bob", AccessKeyID: "AKIABOB0000000000001", SecretAccessKey: "sb"},
		{Name: "222222222222", Account: "222222222222", AccessKeyID: "AKIAB00000000000ROOT", SecretAccessKey: "sr"},
		{Name: "roleb", Account: "222222222222", RoleARN: "arn:aws:iam::222222222222:role/role-in-accountb", SourceProfile: "accounta-alice"},
		{Name: "222222222222-bobs", Account: "222222222222", RoleARN: "arn:aws:iam::222222222222:role/team/bobs", SourceProfile: "bobby", ExternalID: "xyz"},
		{Name: "222222222222-chained", Account: "222222222222", RoleARN: "arn:aws:iam::222222222222:role/chained", SourceProfile: "222222222222-bobs"},
		{Name: "222222222222-service", Account: "222222222222", RoleARN: "arn:aws:iam::222222222222:role/service",
			Note: "no access key of a principal this role trusts is declared; set roles[].sourceProfile"},
	}
	got := Profiles(c)
	if len(got) != len(want) {
		t.Fatalf("Profiles: got %d profiles, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("profile %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestParseLegacyBucketDefaults(t *testing.T) {
	t.Parallel()
	c, err := Parse([]byte(`{"legacyBucketDefaults": true, "accounts": [{"id": "111111111111"}]}`))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if !c.LegacyBucketDefaults {
		t.Error("legacyBucketDefaults not read")
	}
	if _, err := Parse([]byte(`{"legacyBucketDefaults": "yes"}`)); err == nil {
		t.Error("a non-boolean legacyBucketDefaults was accepted")
	}
}
