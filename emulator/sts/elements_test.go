package sts

import (
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/query"
)

// TestResultWritersMatchEncodingXML checks that the hand-written results
// write exactly what encoding/xml marshals for them, escapes included.
func TestResultWritersMatchEncodingXML(t *testing.T) {
	size := 7
	odd := []string{"", "plain", `a"b'c&d<e>f`, "tab\tnl\ncr\r", "é 日本", "bad\xffutf8", "nul\x00", "\uFFFD", "+/=AbC"}
	var cases []query.ResultWriter
	for _, s := range odd {
		creds := credentialsXML{AccessKeyID: "ASIA" + s, SecretAccessKey: s, SessionToken: s + "tok", Expiration: s}
		cases = append(cases,
			&getSessionTokenResult{Credentials: creds},
			&assumeRoleResult{SourceIdentity: s, AssumedRoleUser: assumedRoleUserXML{AssumedRoleID: "AROA:" + s, Arn: s},
				Credentials: creds},
			&assumeRoleResult{SourceIdentity: s, Credentials: creds, PackedPolicySize: &size})
	}
	for i, c := range cases {
		want, err := query.MarshalledElements(c)
		if err != nil {
			t.Fatalf("case %d: marshal: %v", i, err)
		}
		var e query.Elements
		c.WriteElements(&e)
		if got := e.String(); got != want {
			t.Errorf("case %d (%T):\n got %q\nwant %q", i, c, got, want)
		}
	}
}

// TestAssumeRoleSourceIdentityOrder: SourceIdentity comes after
// Credentials, as AWS writes AssumeRole's answer (exact golden recorded in
// justincormack/argmin guides/aws-compatibility.md, 2026-07-14).
func TestAssumeRoleSourceIdentityOrder(t *testing.T) {
	var e query.Elements
	(&assumeRoleResult{SourceIdentity: "alice", Credentials: credentialsXML{AccessKeyID: "ASIAX"}}).WriteElements(&e)
	got := e.String()
	creds, source := strings.Index(got, "</Credentials>"), strings.Index(got, "<SourceIdentity>alice</SourceIdentity>")
	if creds < 0 || source < creds {
		t.Errorf("AssumeRole result:\n%s\nwant SourceIdentity after Credentials", got)
	}
}
