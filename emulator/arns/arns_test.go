package arns

import (
	"errors"
	"testing"
)

func TestIsAccountID(t *testing.T) {
	tests := map[string]bool{
		"111111111111": true, "000000000000": true,
		"11111111111": false, "1111111111111": false, "11111111111a": false, "": false, "aws": false,
		"１１１１１１１１１１１１": false, // full-width digits are not digits here
	}
	for in, want := range tests {
		if got := IsAccountID(in); got != want {
			t.Errorf("IsAccountID(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestBuilders(t *testing.T) {
	tests := []struct{ got, want string }{
		{Root("111111111111"), "arn:aws:iam::111111111111:root"},
		{User("111111111111", "/", "alice"), "arn:aws:iam::111111111111:user/alice"},
		{Role("222222222222", "/team/", "reader"), "arn:aws:iam::222222222222:role/team/reader"},
		{Policy("111111111111", "/", "p"), "arn:aws:iam::111111111111:policy/p"},
		{Group("111111111111", "/", "devs"), "arn:aws:iam::111111111111:group/devs"},
		{MFA("111111111111", "/", "phone"), "arn:aws:iam::111111111111:mfa/phone"},
		{InstanceProfile("111111111111", "/", "web"), "arn:aws:iam::111111111111:instance-profile/web"},
		{OIDCProvider("111111111111", "token.example"), "arn:aws:iam::111111111111:oidc-provider/token.example"},
		{SAMLProvider("111111111111", "idp"), "arn:aws:iam::111111111111:saml-provider/idp"},
		{AssumedRole("222222222222", "reader", "s3-access"), "arn:aws:sts::222222222222:assumed-role/reader/s3-access"},
		{FederatedUser("111111111111", "bob"), "arn:aws:sts::111111111111:federated-user/bob"},
		{Bucket("odin"), "arn:aws:s3:::odin"},
		{Object("odin", "a/b.txt"), "arn:aws:s3:::odin/a/b.txt"},
		{Organizations("111111111111", "ou/o-abc/ou-x"), "arn:aws:organizations::111111111111:ou/o-abc/ou-x"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
}

func TestParseIAM(t *testing.T) {
	tests := []struct {
		in   string
		want IAMResource
		err  error
	}{
		{in: "arn:aws:iam::111111111111:root", want: IAMResource{Partition: "aws", Account: "111111111111", Type: "root"}},
		{in: "arn:aws:iam::111111111111:user/alice", want: IAMResource{Partition: "aws", Account: "111111111111", Type: "user", Path: "/", Name: "alice"}},
		{in: "arn:aws:iam::222222222222:role/a/b/reader", want: IAMResource{Partition: "aws", Account: "222222222222", Type: "role", Path: "/a/b/", Name: "reader"}},
		{in: "arn:aws-cn:iam::222222222222:saml-provider/idp", want: IAMResource{Partition: "aws-cn", Account: "222222222222", Type: "saml-provider", Path: "/", Name: "idp"}},
		{in: "arn:aws:iam::aws:policy/ReadOnlyAccess", want: IAMResource{Partition: "aws", Account: "aws", Type: "policy", Path: "/", Name: "ReadOnlyAccess"}},
		{in: "arn:aws:iam::11111111111:user/alice", err: ErrMalformed},       // 11 digits
		{in: "arn:aws:iam:us-east-1:111111111111:user/x", err: ErrMalformed}, // IAM has no region
		{in: "arn:aws:s3:::bucket", err: ErrMalformed},
		{in: "arn:aws:iam::111111111111:user/", err: ErrMalformed},
		{in: "arn:aws:iam::111111111111:user/a/", err: ErrMalformed},
		{in: "arn:aws:iam::111111111111:user", err: ErrMalformed},
		{in: "arn::iam::111111111111:user/a", err: ErrMalformed},
		{in: "not an arn", err: ErrMalformed},
		{in: "", err: ErrMalformed},
	}
	for _, tt := range tests {
		got, err := ParseIAM(tt.in)
		if !errors.Is(err, tt.err) {
			t.Errorf("ParseIAM(%q) error = %v, want %v", tt.in, err, tt.err)
			continue
		}
		if err != nil {
			continue
		}
		tt.want.ARN = tt.in
		if got != tt.want {
			t.Errorf("ParseIAM(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func FuzzParseIAM(f *testing.F) {
	for _, s := range []string{"arn:aws:iam::111111111111:role/a/b", "arn:aws:iam::aws:policy/x", "arn:::::", "arn:aws:iam::111111111111:root"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseIAM(s)
		if err != nil {
			return
		}
		if r.Type != "root" && IAM(r.Account, r.Type+r.Path+r.Name) != "arn:aws:iam::"+s[len("arn:"+r.Partition+":iam::"):] {
			t.Fatalf("ParseIAM(%q) = %+v does not rebuild the ARN", s, r)
		}
	})
}

func TestParseIAMOf(t *testing.T) {
	tests := []struct {
		arn, typ string
		ok       bool
		account  string
		pathName string
	}{
		{"arn:aws:iam::111111111111:policy/a/b/P", "policy", true, "111111111111", "/a/b/P"},
		{"arn:aws:iam::aws:policy/ReadOnlyAccess", "policy", true, "aws", "/ReadOnlyAccess"},
		{"arn:aws:iam::111111111111:oidc-provider/token.example/tenant", "oidc-provider", true, "111111111111", "/token.example/tenant"},
		{"arn:aws:iam::111111111111:saml-provider/idp", "saml-provider", true, "111111111111", "/idp"},
		{"arn:aws:iam::111111111111:role/idp", "saml-provider", false, "", ""},
		{"arn:aws-cn:iam::111111111111:policy/p", "policy", false, "", ""},
		{"arn:aws:iam::1111:policy/p", "policy", false, "", ""},
		{"arn:aws:iam::111111111111:policy/", "policy", false, "", ""},
		{"arn:aws:iam::111111111111:policy/p/", "policy", false, "", ""},
	}
	for _, tt := range tests {
		r, err := ParseIAMOf(tt.arn, tt.typ)
		if (err == nil) != tt.ok || r.Account != tt.account || r.PathName() != tt.pathName {
			t.Errorf("ParseIAMOf(%q, %q) = %+v, %v; want ok=%v account %q path+name %q", tt.arn, tt.typ, r, err, tt.ok, tt.account, tt.pathName)
		}
	}
}
